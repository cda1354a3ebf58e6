//! The TypeScript types of every input and output, shipped in the package's `.d.ts`. The input
//! shapes and the core's named value sets are generated from the core's one definition of each
//! (`shapes.d.ts`, checked in and kept fresh by `core/tests/generated.rs`); the output types are
//! written here.
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const SHAPES: &'static str = include_str!("shapes.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
export type Severity = "error" | "warning" | "info";
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

/** The TLS settings of an update (`status` and `renew` included). */
export type UpdateSslConfig = SslConfig;

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
