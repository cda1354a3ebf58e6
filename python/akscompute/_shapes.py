"""The fields of every input shape, generated from the core's one definition of each
(`make generate`): do not edit.

Each shape maps a key to a `Field`: its JSON type (`str`, `secret`, `bool`, `int`,
`list[str]`, `dict[str, str]`, `choice`, `object`, `list[object]`, `time`, `versions`,
`document`), its documented values, whether it is required, the key it is another name
for, and for `object` and `list[object]` the nested shape.
"""

from __future__ import annotations

from typing import Final, Mapping, NamedTuple


class Field(NamedTuple):
    type: str
    doc: str
    values: tuple[str, ...] = ()
    required: bool = False
    alias_of: str | None = None
    fields: Mapping[str, Field] | None = None


SHAPES: Final[Mapping[str, Mapping[str, Field]]] = {
    "create": {
        "name": Field("str", "The compute's name in the workspace."),
        "agent_count": Field("int", "Node count; 3 when omitted."),
        "vm_size": Field("str", "VM size; `Standard_D3_v2` when omitted."),
        "cluster_purpose": Field("str", "`FastProd` (default), `DenseProd` or `DevTest`.", values=("FastProd", "DenseProd", "DevTest")),
        "location": Field("str", "The cluster's region; the workspace's when omitted."),
        "kubernetes_version": Field("str", "Cannot be chosen (VER001): present so the form can say so."),
        "description": Field("str", "A description of the compute."),
        "tags": Field("dict[str, str]", "Tags of the compute."),
        "vnet": Field("object", "A custom virtual network.", fields={
            "resource_group": Field("str", "The resource group of the virtual network."),
            "name": Field("str", "The virtual network's name."),
            "subnet": Field("str", "The subnet the nodes go in."),
            "service_cidr": Field("str", "The Kubernetes service address range (CIDR)."),
            "dns_service_ip": Field("str", "The cluster DNS service's address, inside the service range."),
            "docker_bridge_cidr": Field("str", "The Docker bridge's address range (CIDR)."),
        }),
        "load_balancer_type": Field("str", "`PublicIp` (default) or `InternalLoadBalancer`.", values=("PublicIp", "InternalLoadBalancer")),
        "load_balancer_subnet": Field("str", "The subnet of an internal load balancer."),
        "ssl": Field("object", "TLS settings.", fields={
            "cname": Field("str", "The domain name the custom certificate is for."),
            "cert": Field("secret", "PEM certificate text."),
            "key": Field("secret", "PEM private key text."),
            "leaf_domain_label": Field("str", "The label of a Microsoft certificate's domain (`<label>.<region>.cloudapp.azure.com`)."),
            "overwrite_existing_domain": Field("bool", "Take over a leaf domain label already in use."),
        }),
        "load_balancer_sku": Field("str", "`basic` or `standard`: Azure ML creates only Basic (LB003); present so a form can ask.", values=("basic", "standard")),
        "private_cluster": Field("bool", "A private (Private Link) cluster cannot be created through Azure ML (ATT005)."),
        "api_server_authorized_ip_ranges": Field("list[str]", "API server authorized IP ranges need the Standard Load Balancer (LB004)."),
    },
    "attach": {
        "name": Field("str", "The compute's name in the workspace."),
        "resource_id": Field("str", "The cluster's ARM ID (or give `resource_group` and `cluster_name`)."),
        "resource_group": Field("str", "The cluster's resource group."),
        "cluster_name": Field("str", "The cluster's name."),
        "cluster_purpose": Field("str", "`FastProd` (default), `DenseProd` or `DevTest`.", values=("FastProd", "DenseProd", "DevTest")),
        "load_balancer_type": Field("str", "`PublicIp` (default) or `InternalLoadBalancer`.", values=("PublicIp", "InternalLoadBalancer")),
        "load_balancer_subnet": Field("str", "The subnet of an internal load balancer."),
        "ssl": Field("object", "TLS settings.", fields={
            "cname": Field("str", "The domain name the custom certificate is for."),
            "cert": Field("secret", "PEM certificate text."),
            "key": Field("secret", "PEM private key text."),
            "leaf_domain_label": Field("str", "The label of a Microsoft certificate's domain (`<label>.<region>.cloudapp.azure.com`)."),
            "overwrite_existing_domain": Field("bool", "Take over a leaf domain label already in use."),
        }),
    },
    "update": {
        "name": Field("str", "The compute's name in the workspace."),
        "ssl": Field("object", "TLS settings, with `status` and `renew`.", fields={
            "cname": Field("str", "The domain name the custom certificate is for."),
            "cert": Field("secret", "PEM certificate text."),
            "key": Field("secret", "PEM private key text."),
            "leaf_domain_label": Field("str", "The label of a Microsoft certificate's domain (`<label>.<region>.cloudapp.azure.com`)."),
            "overwrite_existing_domain": Field("bool", "Take over a leaf domain label already in use."),
            "status": Field("str", "`Enabled`, `Disabled` or `Auto` (update).", values=("Enabled", "Disabled", "Auto")),
            "renew": Field("bool", "Renew a Microsoft certificate (update)."),
        }),
        "load_balancer_type": Field("str", "`PublicIp` or `InternalLoadBalancer`.", values=("PublicIp", "InternalLoadBalancer")),
        "load_balancer_subnet": Field("str", "The subnet of an internal load balancer."),
        "agent_count": Field("int", "The new node count."),
        "vm_size": Field("str", "Only to diagnose CAP008: the VM size cannot change."),
    },
    "detach": {
        "name": Field("str", "The compute's name in the workspace."),
        "action": Field("choice", "`detach` (default: keep the cluster) or `delete` (remove a cluster Azure ML created).", values=("detach", "delete")),
        "underlying_resource_action": Field("choice", "Another name for \"action\".", values=("detach", "delete"), alias_of="action"),
    },
    "context": {
        "profile": Field("choice", "The rule profile: `sdk`, `2020-10`, `2021-04` or `2021-11` (default).", values=("sdk", "2020-10", "2021-04", "2021-11")),
        "locale": Field("str", "`en` (default); `de-DE` falls back to `de`, then English."),
        "workspace": Field("object", "The workspace the compute belongs to.", fields={
            "subscription_id": Field("str", "The subscription's ID."),
            "resource_group": Field("str", "The workspace's resource group."),
            "name": Field("str", "The workspace's name."),
            "location": Field("str", "The workspace's region."),
        }),
        "existing_computes": Field("list[object]", "The computes already in the workspace.", fields={
            "name": Field("str", "Its name.", required=True),
            "resource_id": Field("str", "The ARM ID of the cluster behind it (`properties.resourceId`)."),
        }),
        "region_compute_names": Field("list[str]", "Names of computes elsewhere in the region (NAME006, 2020-10)."),
        "kubernetes_versions": Field("versions", "Supported versions; the compiled-in snapshot is used (and said) when absent."),
        "cluster": Field("document", "The existing AKS cluster (attach preflight), as `az aks show` prints it."),
        "compute": Field("document", "The compute as it is now (update), as a GET returns it."),
        "vm_sizes": Field("list[object]", "Sizes that win over the catalog.", fields={
            "name": Field("str", "The size's name, e.g. `Standard_D3_v2`.", required=True),
            "vcpus": Field("int", "Virtual CPUs per node.", required=True),
            "gpus": Field("int", "GPUs per node."),
            "fpga": Field("bool", "Whether the size has an FPGA."),
        }),
        "now": Field("time", "The time certificates are checked at: RFC 3339 text or Unix seconds (the core reads no clock)."),
        "subnet_address_prefix": Field("str", "The address range of the cluster's subnet, when known (NET004)."),
        "name_later": Field("bool", "The compute name comes later (azureml-core's configuration objects get it only at `ComputeTarget.create`): a missing name is then not reported."),
        "api_version": Field("str", "The Machine Learning Services api-version the request will use (NAME008); the builders' default when absent."),
    },
}
