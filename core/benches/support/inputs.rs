//! The inputs of the `validate` benchmark, shared with the profiling loop (`examples/prof_loop.rs`)
//! so that a profile shows the case the benchmark times.
use serde_json::json;

/// A full create: vnet, TLS with a Microsoft certificate, every documented word.
pub fn create_cfg() -> serde_json::Value {
    json!({
        "name": "prod-aks", "agent_count": 3, "vm_size": "Standard_D3_v2", "cluster_purpose": "FastProd",
        "location": "eastus", "load_balancer_type": "PublicIp",
        "vnet": {"resource_group": "netrg", "name": "vnet1", "subnet": "default", "service_cidr": "10.0.0.0/16",
                 "dns_service_ip": "10.0.0.10", "docker_bridge_cidr": "172.17.0.1/16"},
        "ssl": {"leaf_domain_label": "contoso"}
    })
}

/// A context with everything the create rules read: workspace, computes, versions as a table, a cluster.
pub fn context() -> serde_json::Value {
    json!({
        "workspace": {"subscription_id": "00000000-0000-0000-0000-000000000000", "resource_group": "rg", "name": "ws", "location": "eastus"},
        "existing_computes": [{"name": "other", "resource_id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/other"}],
        "kubernetes_versions": "KubernetesVersion    Upgrades\n-------------------  ----------\n1.29.4               None available\n1.28.9               1.29.4\n",
        "cluster": {"id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1",
                    "location": "eastus", "properties": {"kubernetesVersion": "1.29.4", "agentPoolProfiles": [
                        {"name": "sys", "count": 3, "vmSize": "Standard_D4s_v3", "mode": "System"},
                        {"name": "gpu", "count": 2, "vmSize": "Standard_NC6s_v3", "mode": "User"}],
                    "networkProfile": {"loadBalancerSku": "standard"}}}
    })
}

/// An attach by resource id (the cluster comes from the context), as `attach_full_preflight` times it.
pub fn attach_cfg() -> serde_json::Value {
    json!({"name": "myaks", "resource_id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1", "cluster_purpose": "FastProd"})
}

/// A create with only a name and no context, as `create_minimal_no_context` times it.
pub fn minimal_cfg() -> serde_json::Value {
    json!({"name": "myaks"})
}
