// Generated from the core's shape definitions (`make generate`): do not edit.

export type Profile = "sdk" | "2020-10" | "2021-04" | "2021-11";
export type ClusterPurpose = "FastProd" | "DenseProd" | "DevTest";
export type LoadBalancerType = "PublicIp" | "InternalLoadBalancer";
export type ApiVersion = "2020-02-02" | "2021-01-01" | "2025-12-01" | "2026-07-01";

/** A custom virtual network: all six settings together. */
export interface VnetConfig {
  /** The resource group of the virtual network. */
  resource_group?: string | null;
  /** The virtual network's name. */
  name?: string | null;
  /** The subnet the nodes go in. */
  subnet?: string | null;
  /** The Kubernetes service address range (CIDR). */
  service_cidr?: string | null;
  /** The cluster DNS service's address, inside the service range. */
  dns_service_ip?: string | null;
  /** The Docker bridge's address range (CIDR). */
  docker_bridge_cidr?: string | null;
}

/** TLS settings: a custom certificate (cname + cert + key) or a Microsoft certificate (leaf domain label). `status` and `renew` belong to updates. */
export interface SslConfig {
  /** The domain name the custom certificate is for. */
  cname?: string | null;
  /** PEM certificate text. */
  cert?: string | null;
  /** PEM private key text. */
  key?: string | null;
  /** The label of a Microsoft certificate's domain (`<label>.<region>.cloudapp.azure.com`). */
  leaf_domain_label?: string | null;
  /** Take over a leaf domain label already in use. */
  overwrite_existing_domain?: boolean | null;
  /** `Enabled`, `Disabled` or `Auto` (update). */
  status?: "Enabled" | "Disabled" | "Auto" | (string & {}) | null;
  /** Renew a Microsoft certificate (update). */
  renew?: boolean | null;
}

/** Create a new AKS cluster as an inference compute. */
export interface CreateConfig {
  /** The compute's name in the workspace. */
  name?: string | null;
  /** Node count; 3 when omitted. */
  agent_count?: number | null;
  /** VM size; `Standard_D3_v2` when omitted. */
  vm_size?: string | null;
  /** `FastProd` (default), `DenseProd` or `DevTest`. */
  cluster_purpose?: "FastProd" | "DenseProd" | "DevTest" | (string & {}) | null;
  /** The cluster's region; the workspace's when omitted. */
  location?: string | null;
  /** Cannot be chosen (VER001): present so the form can say so. */
  kubernetes_version?: string | null;
  /** A description of the compute. */
  description?: string | null;
  /** Tags of the compute. */
  tags?: Record<string, string> | null;
  /** A custom virtual network. */
  vnet?: VnetConfig | null;
  /** `PublicIp` (default) or `InternalLoadBalancer`. */
  load_balancer_type?: "PublicIp" | "InternalLoadBalancer" | (string & {}) | null;
  /** The subnet of an internal load balancer. */
  load_balancer_subnet?: string | null;
  /** TLS settings. */
  ssl?: Omit<SslConfig, "status" | "renew"> | null;
  /** `basic` or `standard`: Azure ML creates only Basic (LB003); present so a form can ask. */
  load_balancer_sku?: "basic" | "standard" | (string & {}) | null;
  /** A private (Private Link) cluster cannot be created through Azure ML (ATT005). */
  private_cluster?: boolean | null;
  /** API server authorized IP ranges need the Standard Load Balancer (LB004). */
  api_server_authorized_ip_ranges?: string[] | null;
}

/** Attach an existing AKS cluster. */
export interface AttachConfig {
  /** The compute's name in the workspace. */
  name?: string | null;
  /** The cluster's ARM ID (or give `resource_group` and `cluster_name`). */
  resource_id?: string | null;
  /** The cluster's resource group. */
  resource_group?: string | null;
  /** The cluster's name. */
  cluster_name?: string | null;
  /** `FastProd` (default), `DenseProd` or `DevTest`. */
  cluster_purpose?: "FastProd" | "DenseProd" | "DevTest" | (string & {}) | null;
  /** `PublicIp` (default) or `InternalLoadBalancer`. */
  load_balancer_type?: "PublicIp" | "InternalLoadBalancer" | (string & {}) | null;
  /** The subnet of an internal load balancer. */
  load_balancer_subnet?: string | null;
  /** TLS settings. */
  ssl?: Omit<SslConfig, "status" | "renew"> | null;
}

/** Update an attached or created compute (AKS has no PATCH: a PUT over the current resource). */
export interface UpdateConfig {
  /** The compute's name in the workspace. */
  name?: string | null;
  /** TLS settings, with `status` and `renew`. */
  ssl?: SslConfig | null;
  /** `PublicIp` or `InternalLoadBalancer`. */
  load_balancer_type?: "PublicIp" | "InternalLoadBalancer" | (string & {}) | null;
  /** The subnet of an internal load balancer. */
  load_balancer_subnet?: string | null;
  /** The new node count. */
  agent_count?: number | null;
  /** Only to diagnose CAP008: the VM size cannot change. */
  vm_size?: string | null;
}

/** Detach or delete a compute. */
export interface DetachConfig {
  /** The compute's name in the workspace. */
  name?: string | null;
  /** `detach` (default: keep the cluster) or `delete` (remove a cluster Azure ML created). */
  action?: "detach" | "delete" | (string & {}) | null;
  /** Another name for `action` (give one of them). */
  underlying_resource_action?: "detach" | "delete" | (string & {}) | null;
}

/** The Azure ML workspace the compute belongs to. */
export interface Workspace {
  /** The subscription's ID. */
  subscription_id?: string | null;
  /** The workspace's resource group. */
  resource_group?: string | null;
  /** The workspace's name. */
  name?: string | null;
  /** The workspace's region. */
  location?: string | null;
}

/** A compute already in the workspace. */
export interface ExistingCompute {
  /** Its name. */
  name: string;
  /** The ARM ID of the cluster behind it (`properties.resourceId`). */
  resource_id?: string | null;
}

/** A VM size that wins over the catalog, as the context gives it. */
export interface VmSizeEntry {
  /** The size's name, e.g. `Standard_D3_v2`. */
  name: string;
  /** Virtual CPUs per node. */
  vcpus: number;
  /** GPUs per node. */
  gpus?: number | null;
  /** Whether the size has an FPGA. */
  fpga?: boolean | null;
}

/** Everything a rule may read besides the configuration, all optional: what is missing is not guessed. */
export interface Context {
  /** The rule profile: `sdk`, `2020-10`, `2021-04` or `2021-11` (default). */
  profile?: "sdk" | "2020-10" | "2021-04" | "2021-11" | null;
  /** `en` (default); `de-DE` falls back to `de`, then English. */
  locale?: string | null;
  /** The workspace the compute belongs to. */
  workspace?: Workspace | null;
  /** The computes already in the workspace. */
  existing_computes?: ExistingCompute[] | null;
  /** Names of computes elsewhere in the region (NAME006, 2020-10). */
  region_compute_names?: string[] | null;
  /** Supported versions; the compiled-in snapshot is used (and said) when absent. */
  kubernetes_versions?: string | Record<string, unknown> | null;
  /** The existing AKS cluster (attach preflight), as `az aks show` prints it. */
  cluster?: Record<string, unknown> | null;
  /** The compute as it is now (update), as a GET returns it. */
  compute?: Record<string, unknown> | null;
  /** Sizes that win over the catalog. */
  vm_sizes?: VmSizeEntry[] | null;
  /** The time certificates are checked at: RFC 3339 text or Unix seconds (the core reads no clock). */
  now?: string | number | null;
  /** The address range of the cluster's subnet, when known (NET004). */
  subnet_address_prefix?: string | null;
  /** The compute name comes later (azureml-core's configuration objects get it only at `ComputeTarget.create`): a missing name is then not reported. */
  name_later?: boolean | null;
  /** The Machine Learning Services api-version the request will use (NAME008); the builders' default when absent. */
  api_version?: string | null;
}
