"""The shared vectors (tests/vectors/), run through the installed package's native module."""
import glob
import json
import os

import pytest

from akscompute import _native, ConfigurationError
from conftest import ROOT

VECTORS = os.path.join(ROOT, "tests", "vectors")
# Cases this runner skips, with the reason. Empty: Python runs them all.
SKIP = {}


def _cases():
    for path in sorted(glob.glob(os.path.join(VECTORS, "*.json"))):
        doc = json.load(open(path))
        for case in doc.get("cases", []):
            for profile in case.get("profiles", ["2021-11"]):
                yield pytest.param(case, profile, id=f"{os.path.basename(path)}/{case['id']}[{profile}]")


def _key(d):
    return (d["code"], d["severity"], json.dumps(d["path"]))


@pytest.mark.parametrize("case,profile", list(_cases()))
def test_vector(case, profile):
    if case["id"] in SKIP:
        pytest.skip(SKIP[case["id"]])
    ctx = dict(case.get("context") or {})
    ctx.setdefault("profile", profile)
    if "expect_error" in case:
        with pytest.raises(ConfigurationError) as e:
            _native.validate(case["operation"], case["config"], ctx)
        assert e.value.code == case["expect_error"]["kind"]
        assert {json.dumps(x["path"]) for x in e.value.errors} == {json.dumps(p) for p in case["expect_error"]["paths"]}
        return
    diags = _native.validate(case["operation"], case["config"], ctx)
    errors = [d for d in diags if d["severity"] == "error"]
    if "valid" in case:
        assert (not errors) == case["valid"], errors[:1]
    if "first_message" in case:
        assert errors and errors[0]["message"] == case["first_message"]
    if "expect" in case:
        only = case.get("only")
        got = [_key(d) for d in diags if not only or any(d["code"].startswith(p) for p in only)]
        want = [_key(d) for d in case["expect"]]
        assert (got if case.get("ordered") else sorted(got)) == (want if case.get("ordered") else sorted(want))


def test_request_vectors():
    doc = json.load(open(os.path.join(VECTORS, "requests.json")))
    for case in doc["request_cases"]:
        ctx = dict(case["context"], profile=case.get("profile", "2021-11"))
        args = dict(api_version=case.get("api_version", "2026-07-01"), cloud=case.get("cloud", "public"))
        if "expect_request_error" in case:
            with pytest.raises(ConfigurationError) as e:
                _native.build_request(case["operation"], case["config"], ctx, include_secrets=True, **args)
            assert e.value.code == case["expect_request_error"]["kind"], case["id"]
            continue
        op = case["operation"]
        if op == "detach" and case["config"].get("action") == "delete":
            op = "delete"
        r = _native.build_request(op, case["config"], ctx, include_secrets=True, **args)
        want = case["expect_request"]
        assert (r["method"], r["url"], r["headers"], r["body"]) == (want["method"], want["url"], want["headers"], want["body"]), case["id"]


def test_every_code_is_produced():
    produced = set()
    for param in _cases():
        case, profile = param.values
        if "expect_error" in case:
            continue
        ctx = dict(case.get("context") or {})
        ctx.setdefault("profile", profile)
        produced |= {d["code"] for d in _native.validate(case["operation"], case["config"], ctx)}
    assert {r["code"] for r in _native.rules()} - produced == set()
