"""The UniFFI Python binding: every shared vector, and the typed API in idiomatic use."""
import glob
import json
import os
import re

import pytest

import akscompute_uniffi as ak

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
VECTORS = os.path.join(ROOT, "tests", "vectors")
# Cases this runner skips, with the reason. Empty: it runs them all.
SKIP = {}


def dotted(path):
    out = ""
    for seg in path:
        out += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if out else seg)
    return out or "(configuration)"


def seg(s):
    return s.name if isinstance(s, ak.PathSegment.KEY) else s.index


def cases():
    for path in sorted(glob.glob(os.path.join(VECTORS, "*.json"))):
        for c in json.load(open(path)).get("cases", []):
            for p in c.get("profiles", ["2021-11"]):
                yield pytest.param(c, p, id=f"{os.path.basename(path)}/{c['id']}[{p}]")


@pytest.mark.parametrize("case,profile", list(cases()))
def test_vector(case, profile):
    if case["id"] in SKIP:
        pytest.skip(SKIP[case["id"]])
    ctx = dict(case.get("context") or {})
    ctx.setdefault("profile", profile)
    if "expect_error" in case:
        with pytest.raises(ak.AkscomputeError.InvalidInput) as e:
            ak.validate_json(case["operation"], json.dumps(case["config"]), json.dumps(ctx))
        assert e.value.code == case["expect_error"]["kind"]
        assert {p.field for p in e.value.problems} == {dotted(p) for p in case["expect_error"]["paths"]}
        return
    v = ak.validate_json(case["operation"], json.dumps(case["config"]), json.dumps(ctx))
    if "valid" in case:
        assert v.valid == case["valid"]
    if "first_message" in case:
        assert next(d.message for d in v.diagnostics if d.severity == ak.Severity.ERROR) == case["first_message"]
    if "expect" in case:
        only = case.get("only")
        got = [(d.code, d.severity.name.lower(), [seg(s) for s in d.path]) for d in v.diagnostics if not only or any(d.code.startswith(p) for p in only)]
        want = [(d["code"], d["severity"], d["path"]) for d in case["expect"]]
        key = lambda t: json.dumps(t)  # noqa: E731
        assert (got if case.get("ordered") else sorted(got, key=key)) == (want if case.get("ordered") else sorted(want, key=key))


def test_request_vectors():
    for c in json.load(open(os.path.join(VECTORS, "requests.json")))["request_cases"]:
        ctx = dict(c["context"], profile=c.get("profile", "2021-11"))
        opts = ak.RequestOptions(api_version=c.get("api_version", "2026-07-01"), cloud=c.get("cloud", "public"), include_secrets=True)
        op = "delete" if c["operation"] == "detach" and c["config"].get("action") == "delete" else c["operation"]
        if "expect_request_error" in c:
            with pytest.raises(ak.AkscomputeError.InvalidRequest) as e:
                ak.build_request_json(op, json.dumps(c["config"]), json.dumps(ctx), opts)
            assert e.value.field == c["expect_request_error"]["field"]
            continue
        r = ak.build_request_json(op, json.dumps(c["config"]), json.dumps(ctx), opts)
        want = c["expect_request"]
        assert (r.method, r.url, r.headers, json.loads(r.body.expose()) if r.body else None) == (want["method"], want["url"], want["headers"], want["body"]), c["id"]


def test_typed_api():
    v = ak.validate_create(ak.CreateConfig(name="prod-aks", agent_count=2, load_balancer_type=ak.LoadBalancerType.INTERNAL_LOAD_BALANCER,
                                           ssl=ak.SslConfig(leaf_domain_label="contoso")), ak.Context(profile=ak.Profile.NOV2021))
    assert not v.valid
    assert sorted(d.code for d in v.diagnostics if d.severity == ak.Severity.ERROR) == ["CAP003", "TLS004"]
    key = ak.Pem("-----BEGIN PRIVATE KEY-----\nKEYSECRETTEXT\n-----END PRIVATE KEY-----\n")
    ssl = ak.SslConfig(cname="www.contoso.com", key=key)
    assert "KEYSECRETTEXT" not in repr(ssl) and "KEYSECRETTEXT" not in str(key)
    ws = ak.Workspace(subscription_id="00000000-0000-0000-0000-000000000000", resource_group="rg", name="ws", location="eastus")
    r = ak.build_create_request(ak.CreateConfig(name="myaks"), ak.Context(profile=ak.Profile.NOV2021, workspace=ws), ak.RequestOptions())
    assert r.method == "PUT" and r.url.endswith("/computes/myaks?api-version=2026-07-01")
    cert = ak.Pem("-----BEGIN CERTIFICATE-----\nCERT\n-----END CERTIFICATE-----\n")
    sent = ak.build_create_request(ak.CreateConfig(name="myaks", ssl=ak.SslConfig(cname="www.contoso.com", cert=cert, key=key)),
                                   ak.Context(profile=ak.Profile.NOV2021, workspace=ws), ak.RequestOptions(include_secrets=True))
    assert "KEYSECRETTEXT" in sent.body.expose()
    assert "KEYSECRETTEXT" not in repr(sent) and "KEYSECRETTEXT" not in str(sent)
    assert ak.vm_size("standard_d3_v2").vcpus == 4
    with pytest.raises(ak.AkscomputeError.InvalidInput):
        ak.validate_json("create", "{not json", None)


def test_swift_sources_carry_every_exported_item():
    """No Swift compiler exists here: the generated sources are checked for every exported item."""
    src = os.path.join(ROOT, "bindings", "uniffi", "src")
    lib, types = open(os.path.join(src, "lib.rs")).read(), open(os.path.join(src, "types.rs")).read()
    swift_dir = os.path.join(ROOT, "bindings", "uniffi", "out", "swift")
    swift = open(os.path.join(swift_dir, "akscompute_uniffi.swift")).read()
    assert os.path.exists(os.path.join(swift_dir, "akscompute_uniffiFFI.h")) and os.path.exists(os.path.join(swift_dir, "akscompute_uniffiFFI.modulemap"))
    camel = lambda s: re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), s)  # noqa: E731
    functions = re.findall(r"#\[uniffi::export(?:\([^\n]*\))?\]\npub fn (\w+)", lib)
    assert len(functions) >= 13
    for f in functions:
        assert re.search(rf"public func {camel(f)}\(", swift), f"func {camel(f)} missing from the Swift sources"
    for kind, name in re.findall(r"#\[derive\([^)]*uniffi::(Record|Enum|Error|Object)[^)]*\)\]\n(?:#\[[^\n]*\]\n)*pub (?:struct|enum) (\w+)", types):
        assert re.search(rf"(public |open )?(struct|enum|class|protocol) {name}\b", swift), f"{kind} {name} missing from the Swift sources"


WS = '{"workspace": {"subscription_id": "00000000-0000-0000-0000-000000000000", "resource_group": "rg", "name": "ws", "location": "eastus"}}'


@pytest.mark.parametrize("call,field", [
    (lambda: ak.validate_json("create", "{not json", None), "(configuration)"),
    (lambda: ak.validate_json("create", "[" * 200000 + "]" * 200000, None), "(configuration)"),
    (lambda: ak.validate_json("create", '{"agent_count": "three"}', None), "agent_count"),
    (lambda: ak.validate_json("create", '{"agent_count": 1e400}', None), "(configuration)"),
    (lambda: ak.validate_json("create", "{}", '{"cluster": ' + "[" * 100000 + "]" * 100000 + "}"), "(configuration)"),
    (lambda: ak.validate_attach(ak.AttachConfig(name="a", resource_group="rg", cluster_name="c"),
                                ak.Context(profile=ak.Profile.NOV2021, cluster_json="[" * 100000 + "]" * 100000)), "cluster_json"),
    (lambda: ak.validate_create(ak.CreateConfig(name="aks1"), ak.Context(profile=ak.Profile.NOV2021, kubernetes_versions="\x00garbage\n")),
     "kubernetes_versions"),
    (lambda: ak.build_request_json("create", '{"name": "aks1"}', WS, ak.RequestOptions(cloud="http://evil.example")), "cloud"),
    (lambda: ak.build_request_json("create", '{"name": "aks1"}', WS, ak.RequestOptions(api_version="../../x")), "api_version"),
    (lambda: ak.build_request_json("create", " " * (33 << 20) + "{}", WS, ak.RequestOptions()), "(configuration)"),
    (lambda: ak.build_request_json("detach", '{"name": "aks1"}', WS.replace('"rg"', '"%2e%2e"'), ak.RequestOptions()), "context.workspace.resource_group"),
])
def test_hostile_input_is_an_error_naming_the_field_never_a_panic(call, field):
    """Input no caller should send (broken or nested JSON, wrong types, a plain-http cloud, a
    dot segment): an AkscomputeError that names the field, never the InternalError of a panic."""
    with pytest.raises(ak.AkscomputeError) as e:
        call()
    assert not isinstance(e.value, ak.InternalError)
    named = [p.field for p in getattr(e.value, "problems", [])] + [getattr(e.value, "field", None)]
    assert field in named or field in str(e.value), (field, str(e.value)[:300])


def test_hostile_values_in_typed_records_are_findings():
    """Numbers out of range, NUL bytes and PEM that is no PEM are the rules' findings, not errors."""
    ctx = ak.Context(profile=ak.Profile.NOV2021)
    for count in (-1, 2**40):
        codes = [d.code for d in ak.validate_create(ak.CreateConfig(name="aks1", agent_count=count), ctx).diagnostics]
        assert "CAP005" in codes, (count, codes)
    assert "NAME002" in [d.code for d in ak.validate_create(ak.CreateConfig(name="a\x00b"), ctx).diagnostics]
    ssl = ak.SslConfig(cname="x.com", cert=ak.Pem("garbage"), key=ak.Pem("nope"))
    found = [(d.code, [seg(s) for s in d.path]) for d in ak.validate_create(ak.CreateConfig(name="aks1", ssl=ssl), ctx).diagnostics]
    assert ("TLS006", ["ssl", "cert"]) in found and ("TLS006", ["ssl", "key"]) in found, found
    assert ak.vm_size("\x00") is None and ak.vm_size("S" * (10 << 20)) is None


def test_a_lone_surrogate_stops_in_the_generated_code_before_the_core():
    """A str holding a lone surrogate (``"\\ud800"``, as surrogateescape or a cut UTF-16 text
    leaves it) is no Unicode text: UniFFI's generated Python encodes it as UTF-8 and raises
    UnicodeEncodeError before the core is reached, as the Kotlin code raises
    MalformedInputException (bindings/uniffi/jvm/src/dev/akscompute/Boundary.kt turns that one into InvalidInput).
    The same text with the character whole crosses and is judged."""
    with pytest.raises(UnicodeEncodeError) as e:
        ak.validate_json("create", '{"name": "aks\ud83d"}', None)
    assert e.value.encoding == "utf-8" and "surrogate" in e.value.reason
    v = ak.validate_json("create", '{"name": "aks\U0001f600"}', None)
    assert "NAME002" in [d.code for d in v.diagnostics]


DE = json.load(open(os.path.join(ROOT, "core", "data", "messages", "de.json"), encoding="utf-8"))


def test_errors_speak_the_language_the_context_asks_for():
    """An error says what is wrong in the context's language, as its diagnostics do: the report's
    head line and each problem (here German, from the same tables as every binding's)."""
    with pytest.raises(ak.AkscomputeError.InvalidInput) as e:
        ak.validate_json("create", '{"agent_count": "drei"}', '{"locale": "de"}')
    assert e.value.detail.startswith("die Konfiguration hat 1 Problem\n"), e.value.detail
    assert e.value.problems[0].message.startswith("erwartet: "), e.value.problems[0].message
    with pytest.raises(ak.AkscomputeError.InvalidInput) as e:
        ak.validate_json("create", "{not json", '{"locale": "de"}')
    assert e.value.detail.startswith("die Konfiguration hat 1 Problem"), e.value.detail
    with pytest.raises(ak.AkscomputeError.InvalidInput) as e:
        ak.validate_create(ak.CreateConfig(name="aks1"), ak.Context(profile=ak.Profile.NOV2021, locale="de", kubernetes_versions="garbage"))
    assert e.value.detail.startswith("der Kontext hat 1 Problem"), e.value.detail
    with pytest.raises(ak.AkscomputeError.InvalidInput) as e:
        ak.validate_attach(ak.AttachConfig(name="a", resource_group="rg", cluster_name="c"), ak.Context(profile=ak.Profile.NOV2021, locale="de", cluster_json="{not json"))
    assert e.value.code == "syntax" and [p.field for p in e.value.problems] == ["cluster_json"], e.value
    assert e.value.detail.startswith("der Kontext hat 1 Problem\n  cluster_json: der Text hier ist kein gültiges JSON: "), e.value.detail
    de_ws = WS[:-1] + ', "locale": "de"}'
    with pytest.raises(ak.AkscomputeError.InvalidRequest) as e:
        ak.build_request_json("create", '{"name": "aks1"}', de_ws, ak.RequestOptions(api_version="../../x"))
    assert "Für die api-version" in e.value.detail, e.value.detail
    with pytest.raises(ak.AkscomputeError.InvalidInput) as e:
        ak.build_request_json("create", "{not json", de_ws, ak.RequestOptions())
    assert e.value.detail.startswith("die Konfiguration hat 1 Problem"), e.value.detail
    ws = ak.Workspace(subscription_id="00000000-0000-0000-0000-000000000000", resource_group="rg", name="ws", location="eastus")
    with pytest.raises(ak.AkscomputeError.InvalidRequest) as e:
        ak.build_create_request(ak.CreateConfig(name="aks1"), ak.Context(profile=ak.Profile.NOV2021, locale="de", workspace=ws), ak.RequestOptions(api_version="../../x"))
    assert "Für die api-version" in e.value.detail, e.value.detail
    # Without a context, a versions text is judged in the language asked for; English by default.
    with pytest.raises(ak.AkscomputeError.InvalidInput) as e:
        ak.parse_kubernetes_versions('{"x": 1}', "de")
    assert e.value.detail == DE["shape.versions.unknown"], e.value.detail
    with pytest.raises(ak.AkscomputeError.InvalidInput) as e:
        ak.parse_kubernetes_versions('{"x": 1}')
    assert e.value.detail.startswith("not a Kubernetes versions list"), e.value.detail
