"""The workload the wheel's native module is optimised for (profile-guided: `make python`
builds it instrumented, runs this, and builds it again with the profile; see the Makefile).

What a notebook and a form do, under each profile: configurations made with azureml-core's
factories and classes, valid and not (the error raised and caught), checked again, turned into
payloads and diagnostics; then every shared vector (tests/vectors/) once through the native
entry point, so that every rule's code is in the profile, not only the common paths. Run with
PYTHONHASHSEED=0 so that the same sources give the same profile (and no rebuild). Not a test:
it asserts nothing beyond what it must call to be representative.
"""
import glob
import json
import os
import sys
import warnings

import akscompute
from akscompute import AksCompute, AksUpdateConfiguration, ComputeTargetException, ConfigurationError, _native

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PROFILES = ("sdk", "2020-10", "2021-04", "2021-11")
ROUNDS = int(os.environ.get("PGO_ROUNDS", "300"))
SUB = "00000000-0000-0000-0000-000000000000"
CLUSTER = f"/subscriptions/{SUB}/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/aks"

# What the sample notebooks and the how-to pages pass (production-deploy-to-aks and its -ssl
# and -gpu variants; the seeds' vnet and internal load balancer sections), and common mistakes.
CREATES = [
    {},
    {"location": "eastus"},
    {"agent_count": 3, "vm_size": "Standard_D3_v2", "cluster_purpose": "FastProd"},
    {"cluster_purpose": "DevTest", "agent_count": 1},
    {"vm_size": "Standard_NC6s_v3", "agent_count": 3},
    {"agent_count": 3, "vm_size": "Standard_D3_v2", "cluster_purpose": "FastProd", "vnet_name": "v", "vnet_resourcegroup_name": "rg",
     "subnet_name": "s", "service_cidr": "10.0.0.0/16", "dns_service_ip": "10.0.0.10", "docker_bridge_cidr": "172.17.0.1/16"},
    {"load_balancer_type": "InternalLoadBalancer", "load_balancer_subnet": "aks-subnet"},
    {"ssl_cname": "www.contoso.com"},
    # Refused: too few nodes for production, a vnet half given, a DNS IP outside the range.
    {"agent_count": 2},
    {"vnet_name": "v", "subnet_name": "s"},
    {"vnet_name": "v", "vnet_resourcegroup_name": "rg", "subnet_name": "s", "service_cidr": "10.0.0.0/16", "dns_service_ip": "10.1.0.10",
     "docker_bridge_cidr": "10.0.0.1/16"},
    {"vm_size": "Standard_A1", "agent_count": "3"},
]
ATTACHES = [
    {"resource_group": "aks-rg", "cluster_name": "aks"},
    {"resource_id": CLUSTER},
    {"resource_id": CLUSTER, "cluster_purpose": "DevTest"},
    {"resource_group": "aks-rg", "cluster_name": "aks", "load_balancer_type": "InternalLoadBalancer", "load_balancer_subnet": "s"},
    {"resource_id": "not-an-id"},
    {"cluster_name": "aks"},
]
UPDATES = [(None, "InternalLoadBalancer", "aks-subnet"), (None, "PublicIp", None), (None, None, "s")]


def made(factory, kwargs):
    try:
        c = factory(**kwargs)
    except (ComputeTargetException, ConfigurationError, TypeError, ValueError):
        return None
    try:
        c.validate_configuration()
    except (ComputeTargetException, ConfigurationError):
        pass
    return c


def drop_in(rounds):
    for profile in PROFILES:
        akscompute.set_profile(profile)
        for _ in range(rounds):
            for kw in CREATES:
                c = made(AksCompute.provisioning_configuration, kw)
                if c is not None and not kw.get("ssl_cname"):
                    AksCompute._build_create_payload(c, "eastus", SUB)
            for kw in ATTACHES:
                made(AksCompute.attach_configuration, kw)
            for args in UPDATES:
                try:
                    AksUpdateConfiguration(*args)
                except (ComputeTargetException, ConfigurationError):
                    pass
        for kw in CREATES[:6]:
            c = made(AksCompute.provisioning_configuration, kw)
            if c is not None:
                c.diagnostics(context={"workspace": {"location": "eastus"}, "subnet_address_prefix": "10.1.0.0/16"})


def vectors():
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "vectors", "*.json"))):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        for case in doc.get("cases", []):
            for profile in case.get("profiles", ["2021-11"]):
                ctx = dict(case.get("context") or {}, profile=profile)
                try:
                    _native.validate(case["operation"], case["config"], ctx)
                except ConfigurationError:
                    pass


def main():
    warnings.simplefilter("ignore")
    drop_in(ROUNDS)
    vectors()
    akscompute.set_profile("2021-11")
    print(f"pgo/train.py: {ROUNDS} rounds of the drop-in under {len(PROFILES)} profiles, and the shared vectors", file=sys.stderr)


if __name__ == "__main__":
    main()
