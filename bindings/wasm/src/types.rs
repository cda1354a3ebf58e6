//! The TypeScript types of every input and output, shipped in the package's `.d.ts`.
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
export type Severity = "error" | "warning" | "info";
export type Profile = "sdk" | "2020-10" | "2021-04" | "2021-11";
export type ClusterPurpose = "FastProd" | "DenseProd" | "DevTest";
export type LoadBalancerType = "PublicIp" | "InternalLoadBalancer";
export type ApiVersion = "2020-02-02" | "2021-01-01" | "2025-12-01" | "2026-07-01";
export type PathSegment = string | number;

/** One finding: `code` is the stable contract; `message` and `fix` are for people. */
export interface Diagnostic {
  code: RuleCode;
  severity: Severity;
  path: PathSegment[];
  message: string;
  fix?: string;
  params: Record<string, string | number | string[]>;
}

/** Every diagnostic; `valid` is true when none is an error. */
export interface Validation {
  valid: boolean;
  diagnostics: Diagnostic[];
}

export interface SslConfig {
  cname?: string | null;
  /** PEM certificate text. */
  cert?: string | null;
  /** PEM private key text. */
  key?: string | null;
  leaf_domain_label?: string | null;
  overwrite_existing_domain?: boolean | null;
}

export interface UpdateSslConfig extends SslConfig {
  status?: "Enabled" | "Disabled" | "Auto" | null;
  renew?: boolean | null;
}

export interface VnetConfig {
  resource_group?: string | null;
  name?: string | null;
  subnet?: string | null;
  service_cidr?: string | null;
  dns_service_ip?: string | null;
  docker_bridge_cidr?: string | null;
}

export interface CreateConfig {
  name?: string | null;
  agent_count?: number | null;
  vm_size?: string | null;
  cluster_purpose?: ClusterPurpose | string | null;
  location?: string | null;
  kubernetes_version?: string | null;
  description?: string | null;
  tags?: Record<string, string> | null;
  vnet?: VnetConfig | null;
  load_balancer_type?: LoadBalancerType | string | null;
  load_balancer_subnet?: string | null;
  ssl?: SslConfig | null;
  load_balancer_sku?: "basic" | "standard" | string | null;
  private_cluster?: boolean | null;
  api_server_authorized_ip_ranges?: string[] | null;
}

export interface AttachConfig {
  name?: string | null;
  resource_id?: string | null;
  resource_group?: string | null;
  cluster_name?: string | null;
  cluster_purpose?: ClusterPurpose | string | null;
  load_balancer_type?: LoadBalancerType | string | null;
  load_balancer_subnet?: string | null;
  ssl?: SslConfig | null;
}

export interface UpdateConfig {
  name?: string | null;
  ssl?: UpdateSslConfig | null;
  load_balancer_type?: LoadBalancerType | string | null;
  load_balancer_subnet?: string | null;
  agent_count?: number | null;
  vm_size?: string | null;
}

export interface DetachConfig {
  name?: string | null;
  action?: "detach" | "delete";
}

export interface Workspace {
  subscription_id?: string | null;
  resource_group?: string | null;
  name?: string | null;
  location?: string | null;
}

/** What a rule may need beyond the configuration; all optional, nothing is guessed. */
export interface Context {
  profile?: Profile;
  locale?: string;
  workspace?: Workspace | null;
  existing_computes?: { name: string; resource_id?: string | null }[];
  region_compute_names?: string[];
  /** List Orchestrators or Kubernetes Versions JSON, or the text of `az aks get-versions -o table`. */
  kubernetes_versions?: string | Record<string, unknown> | null;
  /** The ManagedCluster as `az aks show` prints it. */
  cluster?: Record<string, unknown> | null;
  /** The compute as a GET returns it (update). */
  compute?: Record<string, unknown> | null;
  vm_sizes?: { name: string; vcpus: number; gpus?: number; fpga?: boolean }[];
  /** The time certificates are checked at: RFC 3339 text or Unix seconds. */
  now?: string | number | null;
  subnet_address_prefix?: string | null;
  /** The api-version the request will use (NAME008: 2026-07-01 refuses names ending in -<digits>); the builders' default when absent. */
  api_version?: string | null;
  /** The compute name is given later: a missing name is then not reported. */
  name_later?: boolean;
}

export interface BuildOptions {
  apiVersion?: ApiVersion;
  /** "public", "china", "usgov", or an https:// Resource Manager endpoint. */
  cloud?: string;
  /** Secrets are redacted unless this is true (for the request you send, not the one you show). */
  includeSecrets?: boolean;
}

export interface ArmRequest {
  method: "GET" | "PUT" | "POST" | "DELETE";
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown> | null;
}

export interface VmSize {
  name: string;
  vcpus: number;
  active_vcpus?: number;
  /** null when derived from the name: the name does not tell. */
  gpus: number | null;
  fpga: boolean | null;
  memory_gib?: number;
  source: "override" | "catalog" | "name";
}

export interface PoolSummary {
  name: string;
  vm_size: string;
  count: number;
  vcpus_per_node: number | null;
  gpus_per_node: number | null;
  source: "override" | "catalog" | "name" | null;
}

export interface CapacitySummary {
  nodes: number;
  vcpus: number | null;
  gpus: number | null;
  fpga: boolean;
  pools: PoolSummary[];
}

export interface KubernetesVersionEntry {
  version: string;
  preview: boolean;
  default: boolean;
  upgrades: string[];
  support_plans: string[];
}

export interface KubernetesVersionList {
  entries: KubernetesVersionEntry[];
  source: "given" | { snapshot: { date: string } };
}

export interface RuleInfo {
  code: RuleCode;
  title: string;
  source: string;
  severities: Record<Profile, Severity | null>;
}

/** What every function throws on misuse: a real Error, never a string. */
export interface AkscomputeError extends Error {
  name: "AkscomputeError";
  code: "unknown_field" | "wrong_type" | "bad_value" | "syntax" | "missing" | "unsupported" | "secret_needed" | "internal";
  errors: { kind: string; path: PathSegment[]; message: string }[];
}
"#;
