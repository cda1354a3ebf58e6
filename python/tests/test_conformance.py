"""Equivalence with azureml-core 1.61 under the "sdk" profile: the same randomly generated call
sequences (fixed seed) go through both, and every step must accept or refuse alike, with the
same message, and build the same payload.

azureml-core is the reference, installed in the test venv only (`make test` does it).
"""
import os
import random

import pytest

azureml = pytest.importorskip("azureml.core.compute", reason="azureml-core is the reference; make test installs it")
from azureml.core.compute import AksCompute as RefAks  # noqa: E402
from azureml.core.compute.aks import AksUpdateConfiguration as RefUpdate, SslConfiguration as RefSsl  # noqa: E402

import akscompute  # noqa: E402
from akscompute import AksCompute, AksUpdateConfiguration, SslConfiguration  # noqa: E402

SEED = 20261122
SEQUENCES = int(os.environ.get("AKSCOMPUTE_CONFORMANCE_SEQUENCES", "3000"))
SUB = "00000000-0000-0000-0000-000000000000"


def outcome(f):
    """What a call did: ('ok', value) or (exception class name, message)."""
    try:
        return ("ok", f())
    except Exception as e:  # both sides may raise anything; the comparison says whether alike
        return (type(e).__name__, getattr(e, "message", None) or str(e))


def pick(r, values, p=0.5):
    return r.choice(values) if r.random() < p else None


GROUPS = [("ssl_cname", "ssl_cert_pem_file", "ssl_key_pem_file"),
          ("vnet_resourcegroup_name", "vnet_name", "subnet_name", "service_cidr", "dns_service_ip", "docker_bridge_cidr")]


def kwargs(r, space):
    """Values from the space; the all-or-nothing groups (TLS files, virtual network) mostly come
    whole or not at all, so that sequences get past the constructor and exercise later steps."""
    out = {}
    for group in GROUPS:
        if not all(k in space for k in group):
            continue
        mode = r.choice(["none", "none", "whole", "some"])
        for k in group:
            if mode == "whole" or (mode == "some" and r.random() < 0.5):
                out[k] = space[k][0] if r.random() < 0.85 else r.choice(space[k])
    for k, values in space.items():
        if any(k in g for g in GROUPS):
            continue
        v = pick(r, values, 0.4)
        if v is not None or r.random() < 0.1:
            out[k] = v
    return out


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("pem")
    cert, key = d / "cert.pem", d / "key.pem"
    cert.write_text("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
    key.write_text("-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n")
    return str(cert), str(key), str(d / "missing.pem")


def spaces(files):
    cert, key, missing = files
    ssl = {"ssl_cname": ["www.contoso.com", ""], "ssl_cert_pem_file": [cert, "", missing], "ssl_key_pem_file": [key, ""]}
    prov = dict(ssl)
    prov.update({
        "agent_count": [-2, -1, 0, 1, 3, 12], "vm_size": ["Standard_D3_v2", "Standard_NC6", ""], "location": ["eastus", "westeurope", ""],
        "vnet_resourcegroup_name": ["netrg", ""], "vnet_name": ["vnet1", ""], "subnet_name": ["default"], "service_cidr": ["10.0.0.0/16"],
        "dns_service_ip": ["10.0.0.10"], "docker_bridge_cidr": ["172.17.0.1/16"], "cluster_purpose": ["FastProd", "DevTest", "Other"],
        "load_balancer_type": ["PublicIp", "InternalLoadBalancer", "Internal"], "load_balancer_subnet": ["aks-subnet", ""],
    })
    attach = {
        "resource_group": ["rg", ""], "cluster_name": ["aks1", ""], "cluster_purpose": ["FastProd", "DevTest"],
        "resource_id": [f"/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1",
                        f"/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm", "/subscriptions/x", ""],
        "load_balancer_type": ["PublicIp", "InternalLoadBalancer", "internal"], "load_balancer_subnet": ["aks-subnet", ""],
    }
    enable = dict(ssl)
    enable.update({"leaf_domain_label": ["contoso", ""], "overwrite_existing_domain": [True, False]})
    sslconf = {"status": ["Enabled", "Disabled", "Auto"], "cert": ["-----BEGIN CERTIFICATE-----", ""], "key": ["-----BEGIN PRIVATE KEY-----", ""],
               "cname": ["www.contoso.com", ""], "leaf_domain_label": ["contoso", ""], "overwrite_existing_domain": [True, False], "renew": [True, False]}
    update = {"load_balancer_type": ["PublicIp", "InternalLoadBalancer"], "load_balancer_subnet": ["aks-subnet", ""]}
    return prov, attach, enable, sslconf, update


def test_random_call_sequences_agree(files):
    akscompute.set_profile("sdk")
    prov, attach, enable, sslconf, update = spaces(files)
    r = random.Random(SEED)
    steps = disagreements = payloads = refusals = 0
    examples = []

    def same(what, a, b):
        nonlocal steps, disagreements, payloads, refusals
        steps += 1
        payloads += what.startswith("build_") and a[0] == "ok"
        refusals += a[0] != "ok"
        if a != b:
            disagreements += 1
            if len(examples) < 5:
                examples.append(f"{what}: azureml-core {a!r} vs akscompute {b!r}")
        return a[0] == "ok" and b[0] == "ok"

    for _ in range(SEQUENCES):
        kind = r.choice(["create", "create", "attach", "update"])
        if kind == "update":
            s = kwargs(r, sslconf) if r.random() < 0.8 else None
            u = kwargs(r, update)
            ref = outcome(lambda: RefUpdate(RefSsl(**s) if s is not None else None, **u) and None)
            new = outcome(lambda: AksUpdateConfiguration(SslConfiguration(**s) if s is not None else None, **u) and None)
            same(f"AksUpdateConfiguration({s}, {u})", ref, new)
            continue
        kw = kwargs(r, prov if kind == "create" else attach)
        make = "provisioning_configuration" if kind == "create" else "attach_configuration"
        ref_cfg = outcome(lambda: getattr(RefAks, make)(**kw))
        new_cfg = outcome(lambda: getattr(AksCompute, make)(**kw))
        if not same(f"{make}({kw})", (ref_cfg[0], None if ref_cfg[0] == "ok" else ref_cfg[1]), (new_cfg[0], None if new_cfg[0] == "ok" else new_cfg[1])):
            continue
        a, b = ref_cfg[1], new_cfg[1]
        for _step in range(r.randint(0, 3)):
            action = r.choice(["enable_ssl", "set", "validate"])
            if action == "enable_ssl":
                e = kwargs(r, enable)
                if not same(f"{make}({kw}).enable_ssl({e})", outcome(lambda: a.enable_ssl(**e) and None), outcome(lambda: b.enable_ssl(**e) and None)):
                    break
            elif action == "set":
                attr = r.choice(sorted(prov if kind == "create" else attach))
                value = pick(r, (prov if kind == "create" else attach)[attr], 0.7)
                setattr(a, attr, value)
                setattr(b, attr, value)
            else:
                same(f"{make}({kw})...validate_configuration()", outcome(a.validate_configuration), outcome(b.validate_configuration))
        if kind == "create":
            loc = r.choice(["eastus", ""])
            same(f"build_create_payload({kw})", outcome(lambda: RefAks._build_create_payload(a, loc, SUB)), outcome(lambda: AksCompute._build_create_payload(b, loc, SUB)))
        else:
            rid = a.resource_id or RefAks._build_resource_id(SUB, a.resource_group, a.cluster_name)
            same(f"build_attach_payload({kw})", outcome(lambda: RefAks._build_attach_payload(a, rid)), outcome(lambda: AksCompute._build_attach_payload(b, rid)))
    print(f"{SEQUENCES} sequences, {steps} compared steps ({payloads} payloads built, {refusals} refusals), {disagreements} disagreements")
    # The sequences must exercise both sides of the rules and the payload builders, not just one.
    assert payloads > SEQUENCES // 5 and refusals > SEQUENCES // 5, (payloads, refusals)
    assert disagreements == 0, "\n".join(examples)


def test_the_api_has_the_same_names_and_defaults():
    import inspect

    import azureml.core.compute.aks as ref
    import akscompute.aks as new

    for name in ["provisioning_configuration", "attach_configuration", "_build_create_payload", "_build_attach_payload", "_build_resource_id"]:
        ref_sig, new_sig = inspect.signature(getattr(ref.AksCompute, name)), inspect.signature(getattr(new.AksCompute, name))
        assert [(p.name, p.default) for p in ref_sig.parameters.values()] == [(p.name, p.default) for p in new_sig.parameters.values()], name
    for cls in ["AksUpdateConfiguration", "SslConfiguration", "AksAttachConfiguration"]:
        ref_sig, new_sig = inspect.signature(getattr(ref, cls).__init__), inspect.signature(getattr(new, cls).__init__)
        assert [(p.name, p.default) for p in ref_sig.parameters.values()] == [(p.name, p.default) for p in new_sig.parameters.values()], cls
    for cls, method in [("AksProvisioningConfiguration", "enable_ssl"), ("AksAttachConfiguration", "enable_ssl")]:
        ref_sig, new_sig = inspect.signature(getattr(getattr(ref, cls), method)), inspect.signature(getattr(getattr(new, cls), method))
        assert [(p.name, p.default) for p in ref_sig.parameters.values()] == [(p.name, p.default) for p in new_sig.parameters.values()], method
    assert (new.AksCompute.ClusterPurpose.FAST_PROD, new.AksCompute.ClusterPurpose.DEV_TEST) == (ref.AksCompute.ClusterPurpose.FAST_PROD, ref.AksCompute.ClusterPurpose.DEV_TEST)
