//! The records, enums and objects other languages see. They mirror the core's types; the core
//! itself stays free of UniFFI (ARCHITECTURE.md).
use std::collections::HashMap;
use std::sync::Arc;

/// Which rules apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum Profile {
    /// Exactly azureml-core's client-side checks and messages.
    Sdk,
    /// The 2020-10 page.
    Oct2020,
    /// The 2021-04 page.
    Apr2021,
    /// The 2021-11 page (the default).
    Nov2021,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum ClusterPurpose {
    FastProd,
    DenseProd,
    DevTest,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum LoadBalancerType {
    PublicIp,
    InternalLoadBalancer,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum UnderlyingAction {
    Detach,
    Delete,
}

/// One step of a field path.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum PathSegment {
    Key { name: String },
    Index { index: u64 },
}

/// One finding: `code` is the stable contract; `message` and `fix` are for people.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct Diagnostic {
    pub code: String,
    pub severity: Severity,
    pub path: Vec<PathSegment>,
    /// The path as text: `ssl.cname`, `cluster.agent_pools[1].vm_size`.
    pub field: String,
    pub message: String,
    pub fix: String,
    /// The values that filled the message, as text (lists joined by ", ").
    pub params: HashMap<String, String>,
}

#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct Validation {
    pub valid: bool,
    pub diagnostics: Vec<Diagnostic>,
}

/// PEM text (a certificate or a private key). An object rather than a string so that a
/// record's generated `toString` never prints it.
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct Pem(pub(crate) String);

#[uniffi::export]
impl Pem {
    #[uniffi::constructor]
    pub fn new(text: String) -> Arc<Self> {
        Arc::new(Pem(text))
    }
    /// The text itself, for the code that must send it.
    pub fn expose(&self) -> String {
        self.0.clone()
    }
}

impl std::fmt::Display for Pem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pem(<redacted>)")
    }
}

impl std::fmt::Debug for Pem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

#[derive(Clone, Debug, Default, uniffi::Record)]
pub struct SslConfig {
    #[uniffi(default = None)]
    pub cname: Option<String>,
    #[uniffi(default = None)]
    pub cert: Option<Arc<Pem>>,
    #[uniffi(default = None)]
    pub key: Option<Arc<Pem>>,
    #[uniffi(default = None)]
    pub leaf_domain_label: Option<String>,
    #[uniffi(default = None)]
    pub overwrite_existing_domain: Option<bool>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum SslStatus {
    Enabled,
    Disabled,
    Auto,
}

#[derive(Clone, Debug, Default, uniffi::Record)]
pub struct UpdateSslConfig {
    #[uniffi(default = None)]
    pub cname: Option<String>,
    #[uniffi(default = None)]
    pub cert: Option<Arc<Pem>>,
    #[uniffi(default = None)]
    pub key: Option<Arc<Pem>>,
    #[uniffi(default = None)]
    pub leaf_domain_label: Option<String>,
    #[uniffi(default = None)]
    pub overwrite_existing_domain: Option<bool>,
    #[uniffi(default = None)]
    pub status: Option<SslStatus>,
    #[uniffi(default = None)]
    pub renew: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, uniffi::Record)]
pub struct VnetConfig {
    pub resource_group: String,
    pub name: String,
    pub subnet: String,
    pub service_cidr: String,
    pub dns_service_ip: String,
    pub docker_bridge_cidr: String,
}

#[derive(Clone, Debug, Default, uniffi::Record)]
pub struct CreateConfig {
    #[uniffi(default = None)]
    pub name: Option<String>,
    #[uniffi(default = None)]
    pub agent_count: Option<i64>,
    #[uniffi(default = None)]
    pub vm_size: Option<String>,
    #[uniffi(default = None)]
    pub cluster_purpose: Option<ClusterPurpose>,
    #[uniffi(default = None)]
    pub location: Option<String>,
    #[uniffi(default = None)]
    pub kubernetes_version: Option<String>,
    #[uniffi(default = None)]
    pub description: Option<String>,
    #[uniffi(default)]
    pub tags: HashMap<String, String>,
    #[uniffi(default = None)]
    pub vnet: Option<VnetConfig>,
    #[uniffi(default = None)]
    pub load_balancer_type: Option<LoadBalancerType>,
    #[uniffi(default = None)]
    pub load_balancer_subnet: Option<String>,
    #[uniffi(default = None)]
    pub ssl: Option<SslConfig>,
    #[uniffi(default = None)]
    pub load_balancer_sku: Option<String>,
    #[uniffi(default = None)]
    pub private_cluster: Option<bool>,
    #[uniffi(default = [])]
    pub api_server_authorized_ip_ranges: Vec<String>,
}

#[derive(Clone, Debug, Default, uniffi::Record)]
pub struct AttachConfig {
    #[uniffi(default = None)]
    pub name: Option<String>,
    #[uniffi(default = None)]
    pub resource_id: Option<String>,
    #[uniffi(default = None)]
    pub resource_group: Option<String>,
    #[uniffi(default = None)]
    pub cluster_name: Option<String>,
    #[uniffi(default = None)]
    pub cluster_purpose: Option<ClusterPurpose>,
    #[uniffi(default = None)]
    pub load_balancer_type: Option<LoadBalancerType>,
    #[uniffi(default = None)]
    pub load_balancer_subnet: Option<String>,
    #[uniffi(default = None)]
    pub ssl: Option<SslConfig>,
}

#[derive(Clone, Debug, Default, uniffi::Record)]
pub struct UpdateConfig {
    #[uniffi(default = None)]
    pub name: Option<String>,
    #[uniffi(default = None)]
    pub ssl: Option<UpdateSslConfig>,
    #[uniffi(default = None)]
    pub load_balancer_type: Option<LoadBalancerType>,
    #[uniffi(default = None)]
    pub load_balancer_subnet: Option<String>,
    #[uniffi(default = None)]
    pub agent_count: Option<i64>,
    #[uniffi(default = None)]
    pub vm_size: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct DetachConfig {
    pub name: String,
    pub action: UnderlyingAction,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, uniffi::Record)]
pub struct Workspace {
    pub subscription_id: String,
    pub resource_group: String,
    pub name: String,
    #[uniffi(default = None)]
    pub location: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct ExistingCompute {
    pub name: String,
    #[uniffi(default = None)]
    pub resource_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct VmSizeOverride {
    pub name: String,
    pub vcpus: u32,
    #[uniffi(default = 0)]
    pub gpus: u32,
    #[uniffi(default = false)]
    pub fpga: bool,
}

/// What the rules may know beyond the configuration; everything optional.
#[derive(Clone, Debug, uniffi::Record)]
pub struct Context {
    /// Required: the rules you follow (`Profile.NOV2021` is the newest page).
    pub profile: Profile,
    #[uniffi(default = None)]
    pub locale: Option<String>,
    #[uniffi(default = None)]
    pub workspace: Option<Workspace>,
    #[uniffi(default = [])]
    pub existing_computes: Vec<ExistingCompute>,
    #[uniffi(default = [])]
    pub region_compute_names: Vec<String>,
    /// The text of `az aks get-versions -o table`, or its JSON (either API shape).
    #[uniffi(default = None)]
    pub kubernetes_versions: Option<String>,
    /// The ManagedCluster JSON as `az aks show` prints it.
    #[uniffi(default = None)]
    pub cluster_json: Option<String>,
    /// The compute as a GET returns it (JSON), for updates.
    #[uniffi(default = None)]
    pub compute_json: Option<String>,
    #[uniffi(default = [])]
    pub vm_sizes: Vec<VmSizeOverride>,
    /// Seconds since 1970 at which certificates are checked (the core reads no clock).
    #[uniffi(default = None)]
    pub now_unix: Option<i64>,
    #[uniffi(default = None)]
    pub subnet_address_prefix: Option<String>,
}

impl Default for Context {
    fn default() -> Self {
        Context {
            profile: Profile::Nov2021,
            locale: None,
            workspace: None,
            existing_computes: Vec::new(),
            region_compute_names: Vec::new(),
            kubernetes_versions: None,
            cluster_json: None,
            compute_json: None,
            vm_sizes: Vec::new(),
            now_unix: None,
            subnet_address_prefix: None,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, uniffi::Record)]
pub struct RequestOptions {
    /// 2020-02-02, 2021-01-01, 2025-12-01 or 2026-07-01 (the default).
    #[uniffi(default = None)]
    pub api_version: Option<String>,
    /// public, china, usgov, or an https:// endpoint.
    #[uniffi(default = None)]
    pub cloud: Option<String>,
    /// Secrets are redacted unless this is true.
    #[uniffi(default = false)]
    pub include_secrets: bool,
}

/// An ARM request as a value; `body` is the body, whose JSON text `expose()` gives.
#[derive(Clone, uniffi::Record)]
pub struct ArmRequest {
    pub method: String,
    pub url: String,
    pub headers: HashMap<String, String>,
    pub body: Option<Arc<RequestBody>>,
    /// What an update could not carry (a GET returns no certificate or key).
    pub notes: Vec<String>,
}

/// A request body as JSON text. An object rather than a string, like [`Pem`]: a body built
/// with secrets holds the private key, and a record's generated `toString` (Kotlin, Swift) or
/// `repr` (Python) must never print it.
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct RequestBody(pub(crate) String);

#[uniffi::export]
impl RequestBody {
    /// The JSON text, for the code that sends it.
    pub fn expose(&self) -> String {
        self.0.clone()
    }
}

impl std::fmt::Display for RequestBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RequestBody({} bytes of JSON: call expose())", self.0.len())
    }
}

impl std::fmt::Debug for RequestBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct VmSizeInfo {
    pub name: String,
    pub vcpus: u32,
    pub gpus: Option<u32>,
    pub fpga: Option<bool>,
    pub memory_gib: Option<f64>,
    /// override, catalog or name.
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct KubernetesVersion {
    pub version: String,
    pub preview: bool,
    pub is_default: bool,
    pub upgrades: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct RuleInfo {
    pub code: String,
    pub title: String,
    pub source: String,
    /// The severity under each profile, or none where the profile lacks the rule.
    pub sdk: Option<Severity>,
    pub oct2020: Option<Severity>,
    pub apr2021: Option<Severity>,
    pub nov2021: Option<Severity>,
}

/// One shape problem of an input.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct ShapeProblem {
    pub kind: String,
    pub field: String,
    pub message: String,
}

/// Misuse: what the input or the request cannot be. Validation results are data, not errors.
/// (Not named `Error`: Kotlin would call it `ErrorException`; this becomes `AkscomputeException`.)
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum AkscomputeError {
    /// The input's shape is wrong: an unknown field, a wrong type, JSON that is not JSON.
    // Not `message`: Kotlin exceptions already have one, and a field of that name clashes.
    #[error("{detail}")]
    InvalidInput { code: String, detail: String, problems: Vec<ShapeProblem> },
    /// A request cannot be built: something it needs is missing, or the api-version cannot carry it.
    #[error("{field}: {detail}")]
    InvalidRequest { code: String, field: String, detail: String },
}
