// The inputs web/bench.mjs times and web/bench/profile.mjs profiles: one full create (vnet + TLS)
// and one attach preflight (the cluster and the versions table), as a form sends them.
const workspace = { subscription_id: "00000000-0000-0000-0000-000000000000", resource_group: "rg", name: "ws", location: "eastus" };
const resourceId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1";

export const create = {
  config: {
    name: "prod-aks", agent_count: 3, vm_size: "Standard_D3_v2", cluster_purpose: "FastProd", location: "eastus",
    vnet: { resource_group: "netrg", name: "vnet1", subnet: "default", service_cidr: "10.0.0.0/16", dns_service_ip: "10.0.0.10", docker_bridge_cidr: "172.17.0.1/16" },
    ssl: { leaf_domain_label: "contoso" },
  },
  context: { profile: "2021-11", workspace },
};

export const attach = {
  config: { name: "myaks", resource_id: resourceId },
  context: {
    profile: "2021-11", workspace,
    kubernetes_versions: "KubernetesVersion    Upgrades\n-------------------  ----------\n1.29.4               None available\n",
    cluster: { id: resourceId, location: "eastus", kubernetesVersion: "1.29.4", agentPoolProfiles: [{ name: "sys", count: 3, vmSize: "Standard_D4s_v3", mode: "System" }] },
  },
};
