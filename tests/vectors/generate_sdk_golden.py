#!/usr/bin/env python3
"""Generates sdk_golden.json and sdk_payloads.json from azureml-core 1.61 itself: what it
accepts and refuses, and the create and attach payloads it builds.

Run in a venv with azureml-core==1.61.0 (not a dependency of akscompute, only the reference):
    python -m venv /tmp/az && /tmp/az/bin/pip install azureml-core==1.61.0
    /tmp/az/bin/python tests/vectors/generate_sdk_golden.py

Each case is a configuration in akscompute's JSON shape; the script builds azureml-core's own
configuration object with the same values, sets every attribute, calls its
validate_configuration() (and, for create, the reserved-name check of ComputeTarget.create),
and records whether it raised and the exact message. Every language's vector runner checks
that akscompute under the "sdk" profile gives the same verdict and, first, the same message.
For the configurations it accepts, _build_create_payload / _build_attach_payload give the
payloads akscompute's sdk builders must equal (the PEM texts go through real files, which
azureml-core reads). Cases come from a fixed seed, so the files are reproducible.
"""
import json
import os
import random
import tempfile

from azureml.core.compute import AksCompute, ComputeTarget
from azureml.core.compute.aks import (AksAttachConfiguration, AksProvisioningConfiguration,
                                      AksUpdateConfiguration, SslConfiguration)
from azureml.exceptions import ComputeTargetException, UserErrorException

SEED = 20261122
PER_OPERATION = 400
SUB = "00000000-0000-0000-0000-000000000000"
CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
KEY = "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n"


def maybe(r, values, p=0.5):
    return r.choice(values) if r.random() < p else None


def ssl_part(r, update=False):
    """A TLS block: mostly complete custom or leaf settings, sometimes partial or mixed."""
    mode = r.choice(["custom", "custom", "leaf", "leaf", "partial", "mixed", "empty"])
    s = {}
    if mode in ("custom", "mixed"):
        s.update(cname="www.contoso.com", cert=CERT, key=KEY)
    if mode in ("leaf", "mixed"):
        s["leaf_domain_label"] = "contoso"
    if mode == "partial":
        for k, v in (("cname", "www.contoso.com"), ("cert", CERT), ("key", KEY), ("leaf_domain_label", "contoso")):
            if r.random() < 0.5:
                s[k] = v
    if mode == "empty":
        s["cname"] = ""
    if r.random() < 0.3:
        s["overwrite_existing_domain"] = r.random() < 0.7
    if update and r.random() < 0.3:
        s["status"] = r.choice(["Enabled", "Disabled", "Auto"])
    return s


def create_case(r):
    c = {}
    for k, vals in (("name", ["myaks", "local", "amlcompute", "containerinstance", "Local", "aks-1"]),
                    ("agent_count", [-5, -1, 0, 1, 3, 12]),
                    ("vm_size", ["Standard_D3_v2", "Standard_NC6", ""]),
                    ("cluster_purpose", ["FastProd", "DevTest", "Whatever"]),
                    ("location", ["eastus", "westeurope"]),
                    ("load_balancer_type", ["PublicIp", "InternalLoadBalancer", "Internal"]),
                    ("load_balancer_subnet", ["aks-subnet", ""])):
        v = maybe(r, vals, 0.5)
        if v is not None:
            c[k] = v
    if r.random() < 0.5:
        c["ssl"] = ssl_part(r)
    if r.random() < 0.5:
        full = {"resource_group": "netrg", "name": "vnet1", "subnet": "default", "service_cidr": "10.0.0.0/16",
                "dns_service_ip": "10.0.0.10", "docker_bridge_cidr": "172.17.0.1/16"}
        c["vnet"] = {k: v for k, v in full.items() if r.random() < 0.8}
    return c


def attach_case(r):
    c = {"name": "myaks"}
    ids = [f"/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1",
           f"/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1",
           "/subscriptions/x/resourceGroups/rg", "aks1", ""]
    mode = r.choice(["id", "id", "group", "group", "mixed", "partial", "none"])
    if mode in ("id", "mixed"):
        c["resource_id"] = ids[0] if r.random() < 0.6 else r.choice(ids)
    if mode in ("group", "mixed"):
        c.update(resource_group="rg", cluster_name="aks1")
    if mode == "partial":
        c[r.choice(["resource_group", "cluster_name"])] = r.choice(["rg", ""])
    for k, vals in (("cluster_purpose", ["FastProd", "DevTest"]),
                    ("load_balancer_type", ["PublicIp", "InternalLoadBalancer", "internal"]),
                    ("load_balancer_subnet", ["aks-subnet", ""])):
        v = maybe(r, vals, 0.4)
        if v is not None:
            c[k] = v
    if r.random() < 0.5:
        c["ssl"] = ssl_part(r)
    return c


def update_case(r):
    c = {}
    for k, vals in (("load_balancer_type", ["PublicIp", "InternalLoadBalancer"]), ("load_balancer_subnet", ["aks-subnet", ""])):
        v = maybe(r, vals, 0.6)
        if v is not None:
            c[k] = v
    if r.random() < 0.7:
        c["ssl"] = ssl_part(r, update=True)
    return c


def bare(cls):
    """An azureml-core configuration object without its constructor's early validation."""
    o = cls.__new__(cls)
    o._compute_type = AksCompute
    return o


def run_create(c):
    o = bare(AksProvisioningConfiguration)
    ssl, vnet = c.get("ssl", {}), c.get("vnet", {})
    o.agent_count, o.vm_size, o.location = c.get("agent_count"), c.get("vm_size"), c.get("location")
    o.ssl_cname, o.ssl_cert_pem_file, o.ssl_key_pem_file = ssl.get("cname"), ssl.get("cert"), ssl.get("key")
    o.leaf_domain_label = ssl.get("leaf_domain_label")
    o.overwrite_existing_domain = ssl.get("overwrite_existing_domain", False)
    o.vnet_resourcegroup_name, o.vnet_name, o.subnet_name = vnet.get("resource_group"), vnet.get("name"), vnet.get("subnet")
    o.service_cidr, o.dns_service_ip, o.docker_bridge_cidr = vnet.get("service_cidr"), vnet.get("dns_service_ip"), vnet.get("docker_bridge_cidr")
    o.cluster_purpose, o.load_balancer_type, o.load_balancer_subnet = c.get("cluster_purpose"), c.get("load_balancer_type"), c.get("load_balancer_subnet")
    o.validate_configuration()
    try:
        ComputeTarget.create(None, c.get("name"), o)
    except UserErrorException:
        raise
    except Exception:  # past the name check, azureml-core needs a real workspace: accepted
        pass


def run_attach(c):
    o = bare(AksAttachConfiguration)
    ssl = c.get("ssl", {})
    o.resource_group, o.cluster_name, o.resource_id = c.get("resource_group"), c.get("cluster_name"), c.get("resource_id")
    o.cluster_purpose = c.get("cluster_purpose")
    o.ssl_cname, o.ssl_cert_pem_file, o.ssl_key_pem_file = ssl.get("cname"), ssl.get("cert"), ssl.get("key")
    o.leaf_domain_label = ssl.get("leaf_domain_label")
    o.overwrite_existing_domain = ssl.get("overwrite_existing_domain", False)
    o.load_balancer_type, o.load_balancer_subnet = c.get("load_balancer_type"), c.get("load_balancer_subnet")
    o.validate_configuration()


def run_update(c):
    s = c.get("ssl")
    ssl = None
    if s is not None:
        ssl = SslConfiguration(status=s.get("status"), cert=s.get("cert"), key=s.get("key"), cname=s.get("cname"),
                               leaf_domain_label=s.get("leaf_domain_label"),
                               overwrite_existing_domain=s.get("overwrite_existing_domain", False))
    o = bare(AksUpdateConfiguration)
    o.ssl_configuration, o.load_balancer_type, o.load_balancer_subnet = ssl, c.get("load_balancer_type"), c.get("load_balancer_subnet")
    o.validate_configuration()


def payload(op, cfg, files):
    """azureml-core's own payload for an accepted configuration."""
    ssl = cfg.get("ssl", {})
    cert = files["cert"] if ssl.get("cert") else None
    key = files["key"] if ssl.get("key") else None
    if op == "create":
        vnet = cfg.get("vnet", {})
        o = AksCompute.provisioning_configuration(
            agent_count=cfg.get("agent_count"), vm_size=cfg.get("vm_size"), location=cfg.get("location"),
            vnet_resourcegroup_name=vnet.get("resource_group"), vnet_name=vnet.get("name"), subnet_name=vnet.get("subnet"),
            service_cidr=vnet.get("service_cidr"), dns_service_ip=vnet.get("dns_service_ip"),
            docker_bridge_cidr=vnet.get("docker_bridge_cidr"), cluster_purpose=cfg.get("cluster_purpose"),
            load_balancer_type=cfg.get("load_balancer_type"), load_balancer_subnet=cfg.get("load_balancer_subnet"))
        if ssl:
            o.enable_ssl(ssl_cname=ssl.get("cname"), ssl_cert_pem_file=cert, ssl_key_pem_file=key,
                         leaf_domain_label=ssl.get("leaf_domain_label"),
                         overwrite_existing_domain=ssl.get("overwrite_existing_domain", False))
        return {"location": "eastus", "subscription_id": SUB}, AksCompute._build_create_payload(o, "eastus", SUB)
    o = AksCompute.attach_configuration(resource_group=cfg.get("resource_group"), cluster_name=cfg.get("cluster_name"),
                                        resource_id=cfg.get("resource_id"), cluster_purpose=cfg.get("cluster_purpose"),
                                        load_balancer_type=cfg.get("load_balancer_type"),
                                        load_balancer_subnet=cfg.get("load_balancer_subnet"))
    if ssl:
        o.enable_ssl(ssl_cname=ssl.get("cname"), ssl_cert_pem_file=cert, ssl_key_pem_file=key,
                     leaf_domain_label=ssl.get("leaf_domain_label"),
                     overwrite_existing_domain=ssl.get("overwrite_existing_domain", False))
    rid = cfg.get("resource_id") or AksCompute._build_resource_id(SUB, cfg.get("resource_group"), cfg.get("cluster_name"))
    return {"resource_id": rid}, AksCompute._build_attach_payload(o, rid)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    tmp = tempfile.mkdtemp()
    files = {"cert": os.path.join(tmp, "cert.pem"), "key": os.path.join(tmp, "key.pem")}
    with open(files["cert"], "w") as f:
        f.write(CERT)
    with open(files["key"], "w") as f:
        f.write(KEY)
    r = random.Random(SEED)
    cases, payloads, seen = [], [], set()
    for op, make, run in (("create", create_case, run_create), ("attach", attach_case, run_attach), ("update", update_case, run_update)):
        n = 0
        while n < PER_OPERATION:
            cfg = make(r)
            key = (op, json.dumps(cfg, sort_keys=True))
            if key in seen:
                continue
            seen.add(key)
            n += 1
            case = {"id": f"azureml-core-{op}-{n:03d}", "operation": op, "profiles": ["sdk"], "config": cfg}
            try:
                run(cfg)
                case["valid"] = True
            except (ComputeTargetException, UserErrorException) as e:
                case["valid"] = False
                case["first_message"] = getattr(e, "message", None) or str(e)
            cases.append(case)
            if case["valid"] and op != "update":
                try:
                    args, body = payload(op, cfg, files)
                except (ComputeTargetException, UserErrorException):
                    continue  # the step-by-step API refuses what the final check allows: no payload
                payloads.append(dict({"id": case["id"], "operation": op, "config": cfg}, **args, payload=body))
    note = "Generated by generate_sdk_golden.py from azureml-core 1.61.0 (seed %d). Do not edit by hand." % SEED
    with open(os.path.join(here, "sdk_golden.json"), "w") as f:
        json.dump({"$comment": note, "cases": cases}, f, indent=1)
        f.write("\n")
    with open(os.path.join(here, "sdk_payloads.json"), "w") as f:
        json.dump({"$comment": note, "payload_cases": payloads}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
