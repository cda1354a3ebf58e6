//! The configuration shapes: the snake_case JSON that every binding, the CLI and the shared
//! vectors use, each defined once with [`shape!`](crate::shape) (struct, table and reader).
use crate::diagnostic::{Param, Params};
use crate::secret::Secret;
use crate::shape::{nested_de, nested_in, read_nested, read_root, shape, At, Codec, ConfigError, Reader, Rules, Type};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// Defines a closed set of documented words as an enum. A configuration keeps the user's text
/// (a wrong value is a rule's diagnostic that quotes it and suggests the nearest word), and the
/// typed accessors of the configurations give this enum or that text.
macro_rules! words {
    ($(#[doc = $doc:literal])* $name:ident, ignore_case: $ci:literal { $($(#[doc = $vdoc:literal])* $var:ident = $text:literal,)* }) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[doc = $vdoc])* #[serde(rename = $text)] $var,)*
        }

        impl $name {
            /// Every value, in documentation order.
            pub const ALL: &'static [$name] = &[$($name::$var,)*];
            /// The words, as the JSON spells them.
            pub const NAMES: &'static [&'static str] = &[$($text,)*];

            /// The word, as the JSON spells it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$var => $text,)*
                }
            }

            /// The value a text names, if any.
            pub fn parse(text: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| if $ci { v.as_str().eq_ignore_ascii_case(text) } else { v.as_str() == text })
            }
        }

        /// A field of this type keeps the user's text; the words are its documented values.
        impl Codec<Option<String>> for $name {
            const TYPE: Type = Type::Text { examples: $name::NAMES };
            fn read(v: Option<&Value>, path: &At<'_>, r: &mut Reader) -> Option<String> {
                <Option<String> as Codec<Option<String>>>::read(v, path, r)
            }
            fn read_in<'de, D: serde::Deserializer<'de>>(d: D, path: &At<'_>, r: &mut Reader, slot: &mut Option<String>) -> Result<bool, D::Error> {
                crate::shape::text_in(d, path, r, slot)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

words! {
    /// What the cluster is for: production (`FastProd`, the default; `DenseProd`) or `DevTest`.
    ClusterPurpose, ignore_case: false {
        /// Production, spread for latency (default).
        FastProd = "FastProd",
        /// Production, packed densely.
        DenseProd = "DenseProd",
        /// Development and test: no minimum of nodes or cores.
        DevTest = "DevTest",
    }
}

words! {
    /// How the scoring endpoint is reached.
    LoadBalancerType, ignore_case: false {
        /// A public IP address (default).
        PublicIp = "PublicIp",
        /// An internal load balancer in the cluster's virtual network.
        InternalLoadBalancer = "InternalLoadBalancer",
    }
}

words! {
    /// The load balancer SKU of an AKS cluster.
    LoadBalancerSku, ignore_case: true {
        /// Basic: the one Azure ML creates.
        Basic = "basic",
        /// Standard.
        Standard = "standard",
    }
}

words! {
    /// The TLS status an update sets.
    TlsStatus, ignore_case: true {
        /// TLS on.
        Enabled = "Enabled",
        /// TLS off.
        Disabled = "Disabled",
        /// TLS with a Microsoft certificate managed by Azure ML.
        Auto = "Auto",
    }
}

/// The cluster purposes Azure ML knows (`FastProd` is the default).
pub const CLUSTER_PURPOSES: &[&str] = ClusterPurpose::NAMES;
/// The load balancer types (`PublicIp` is the default).
pub const LOAD_BALANCER_TYPES: &[&str] = LoadBalancerType::NAMES;
/// The load balancer SKUs of AKS.
pub const LOAD_BALANCER_SKUS: &[&str] = LoadBalancerSku::NAMES;
/// The TLS statuses an update can set.
pub const TLS_STATUSES: &[&str] = TlsStatus::NAMES;

/// A documented word, or the text the user gave when it names none (kept for the diagnostic).
fn word<T>(text: &Option<String>, parse: fn(&str) -> Option<T>) -> Option<Result<T, &str>> {
    let t = text.as_deref().filter(|t| !t.is_empty())?;
    Some(parse(t).ok_or(t))
}

impl CreateConfig {
    /// The cluster purpose: `None` when not given, `Err(text)` when the text names none.
    pub fn purpose(&self) -> Option<Result<ClusterPurpose, &str>> {
        word(&self.cluster_purpose, ClusterPurpose::parse)
    }
    /// The load balancer type: `None` when not given, `Err(text)` when the text names none.
    pub fn lb_type(&self) -> Option<Result<LoadBalancerType, &str>> {
        word(&self.load_balancer_type, LoadBalancerType::parse)
    }
    /// The load balancer SKU: `None` when not given, `Err(text)` when the text names none.
    pub fn lb_sku(&self) -> Option<Result<LoadBalancerSku, &str>> {
        word(&self.load_balancer_sku, LoadBalancerSku::parse)
    }
}

impl AttachConfig {
    /// The cluster purpose: `None` when not given, `Err(text)` when the text names none.
    pub fn purpose(&self) -> Option<Result<ClusterPurpose, &str>> {
        word(&self.cluster_purpose, ClusterPurpose::parse)
    }
    /// The load balancer type: `None` when not given, `Err(text)` when the text names none.
    pub fn lb_type(&self) -> Option<Result<LoadBalancerType, &str>> {
        word(&self.load_balancer_type, LoadBalancerType::parse)
    }
}

impl UpdateConfig {
    /// The load balancer type: `None` when not given, `Err(text)` when the text names none.
    pub fn lb_type(&self) -> Option<Result<LoadBalancerType, &str>> {
        word(&self.load_balancer_type, LoadBalancerType::parse)
    }
}

impl SslConfig {
    /// The TLS status (update): `None` when not given, `Err(text)` when the text names none.
    pub fn tls_status(&self) -> Option<Result<TlsStatus, &str>> {
        word(&self.status, TlsStatus::parse)
    }
}

shape! {
    /// TLS settings: a custom certificate (cname + cert + key) or a Microsoft certificate
    /// (leaf domain label). `status` and `renew` belong to updates.
    pub struct SslConfig {
        /// The domain name the custom certificate is for.
        pub cname: Option<String>,
        /// PEM certificate text.
        pub cert: Option<Secret>,
        /// PEM private key text.
        pub key: Option<Secret>,
        /// The label of a Microsoft certificate's domain (`<label>.<region>.cloudapp.azure.com`).
        pub leaf_domain_label: Option<String>,
        /// Take over a leaf domain label already in use.
        pub overwrite_existing_domain: Option<bool>,
        /// `Enabled`, `Disabled` or `Auto` (update).
        pub status: Option<String> as TlsStatus,
        /// Renew a Microsoft certificate (update).
        pub renew: Option<bool>,
    }
}

/// The TLS settings of a create or an attach: without the update-only fields.
pub(crate) struct NewSsl;
const UPDATE_ONLY_SSL: &[&str] = &["status", "renew"];
const UPDATE_ONLY_WHY: &str = "only an update sets the TLS status or renews a certificate";
const NEW_SSL: Rules = Rules { except: UPDATE_ONLY_SSL, why: UPDATE_ONLY_WHY, root: false };
impl Codec<Option<SslConfig>> for NewSsl {
    const TYPE: Type = Type::Object { shape: SslConfig::SHAPE, except: UPDATE_ONLY_SSL, why: UPDATE_ONLY_WHY };
    fn read(v: Option<&Value>, path: &At<'_>, r: &mut Reader) -> Option<SslConfig> {
        read_nested(v?, path, r, NEW_SSL)
    }
    fn read_de<'de, D: serde::Deserializer<'de>>(d: D, path: &At<'_>, r: &mut Reader) -> Result<Option<Option<SslConfig>>, D::Error> {
        nested_de(d, path, r, NEW_SSL)
    }
    fn read_in<'de, D: serde::Deserializer<'de>>(
        d: D,
        path: &At<'_>,
        r: &mut Reader,
        slot: &mut Option<SslConfig>,
    ) -> Result<bool, D::Error> {
        nested_in(d, path, r, NEW_SSL, slot)
    }
}

impl SslConfig {
    pub(crate) fn has_custom(&self) -> bool {
        present(&self.cname) || self.cert.as_ref().is_some_and(|c| !c.is_blank()) || self.key.as_ref().is_some_and(|k| !k.is_blank())
    }
    pub(crate) fn has_leaf(&self) -> bool {
        present(&self.leaf_domain_label)
    }
    /// True when the settings ask for TLS at all.
    pub fn enables_tls(&self) -> bool {
        !matches!(self.status.as_deref(), Some(s) if s.eq_ignore_ascii_case("disabled")) && (self.has_custom() || self.has_leaf())
    }
}

pub(crate) use crate::text::is_given as present;

shape! {
    /// A custom virtual network: all six settings together.
    pub struct VnetConfig {
        /// The resource group of the virtual network.
        pub resource_group: Option<String>,
        /// The virtual network's name.
        pub name: Option<String>,
        /// The subnet the nodes go in.
        pub subnet: Option<String>,
        /// The Kubernetes service address range (CIDR).
        pub service_cidr: Option<String>,
        /// The cluster DNS service's address, inside the service range.
        pub dns_service_ip: Option<String>,
        /// The Docker bridge's address range (CIDR).
        pub docker_bridge_cidr: Option<String>,
    }
}

shape! {
    /// Create a new AKS cluster as an inference compute.
    pub struct CreateConfig {
        /// The compute's name in the workspace.
        pub name: Option<String>,
        /// Node count; 3 when omitted.
        pub agent_count: Option<i64>,
        /// VM size; `Standard_D3_v2` when omitted.
        pub vm_size: Option<String>,
        /// `FastProd` (default), `DenseProd` or `DevTest`.
        pub cluster_purpose: Option<String> as ClusterPurpose,
        /// The cluster's region; the workspace's when omitted.
        pub location: Option<String>,
        /// Cannot be chosen (VER001): present so the form can say so.
        pub kubernetes_version: Option<String>,
        /// A description of the compute.
        pub description: Option<String>,
        /// Tags of the compute.
        pub tags: BTreeMap<String, String>,
        /// A custom virtual network.
        pub vnet: Option<VnetConfig>,
        /// `PublicIp` (default) or `InternalLoadBalancer`.
        pub load_balancer_type: Option<String> as LoadBalancerType,
        /// The subnet of an internal load balancer.
        pub load_balancer_subnet: Option<String>,
        /// TLS settings.
        pub ssl: Option<SslConfig> as NewSsl,
        /// `basic` or `standard`: Azure ML creates only Basic (LB003); present so a form can ask.
        pub load_balancer_sku: Option<String> as LoadBalancerSku,
        /// A private (Private Link) cluster cannot be created through Azure ML (ATT005).
        pub private_cluster: Option<bool>,
        /// API server authorized IP ranges need the Standard Load Balancer (LB004).
        pub api_server_authorized_ip_ranges: Vec<String>,
    }
}

shape! {
    /// Attach an existing AKS cluster.
    pub struct AttachConfig {
        /// The compute's name in the workspace.
        pub name: Option<String>,
        /// The cluster's ARM ID (or give `resource_group` and `cluster_name`).
        pub resource_id: Option<String>,
        /// The cluster's resource group.
        pub resource_group: Option<String>,
        /// The cluster's name.
        pub cluster_name: Option<String>,
        /// `FastProd` (default), `DenseProd` or `DevTest`.
        pub cluster_purpose: Option<String> as ClusterPurpose,
        /// `PublicIp` (default) or `InternalLoadBalancer`.
        pub load_balancer_type: Option<String> as LoadBalancerType,
        /// The subnet of an internal load balancer.
        pub load_balancer_subnet: Option<String>,
        /// TLS settings.
        pub ssl: Option<SslConfig> as NewSsl,
    }
}

shape! {
    /// Update an attached or created compute (AKS has no PATCH: a PUT over the current resource).
    pub struct UpdateConfig {
        /// The compute's name in the workspace.
        pub name: Option<String>,
        /// TLS settings, with `status` and `renew`.
        pub ssl: Option<SslConfig>,
        /// `PublicIp` or `InternalLoadBalancer`.
        pub load_balancer_type: Option<String> as LoadBalancerType,
        /// The subnet of an internal load balancer.
        pub load_balancer_subnet: Option<String>,
        /// The new node count.
        pub agent_count: Option<i64>,
        /// Only to diagnose CAP008: the VM size cannot change.
        pub vm_size: Option<String>,
    }
}

/// What happens to the AKS cluster when the compute goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum UnderlyingAction {
    /// Remove the compute from the workspace, keep the cluster.
    #[default]
    Detach,
    /// Remove the compute and, when Azure ML created it, the cluster.
    Delete,
}

impl crate::shape::Absent for UnderlyingAction {
    fn is_absent(&self) -> bool {
        false
    }
}

impl Codec<UnderlyingAction> for UnderlyingAction {
    const TYPE: Type = Type::Choice { values: &["detach", "delete"], ignore_case: true };
    fn read(v: Option<&Value>, path: &At<'_>, r: &mut Reader) -> Self {
        match v {
            Some(Value::String(a)) => Self::from_text(a, path, r),
            _ => <Option<String> as Codec<Option<String>>>::read(v, path, r)
                .map_or(UnderlyingAction::Detach, |a| Self::from_text(&a, path, r)),
        }
    }
    fn read_de<'de, D: serde::Deserializer<'de>>(d: D, path: &At<'_>, r: &mut Reader) -> Result<Option<Self>, D::Error> {
        crate::shape::parsed_de(d, path, r, Self::from_text, Self::read)
    }
}

impl UnderlyingAction {
    /// The action a text names, or `Detach` with the problem reported.
    fn from_text(a: &str, path: &At<'_>, r: &mut Reader) -> Self {
        if a.eq_ignore_ascii_case("detach") {
            UnderlyingAction::Detach
        } else if a.eq_ignore_ascii_case("delete") {
            UnderlyingAction::Delete
        } else {
            r.bad_text(
                path,
                "shape.bad_value.action",
                Params(vec![("value", Param::from(crate::text::quoted(&crate::text::clip(a, 40))))]),
            );
            UnderlyingAction::Detach
        }
    }
}

shape! {
    /// Detach or delete a compute.
    pub struct DetachConfig {
        /// The compute's name in the workspace.
        pub name: Option<String>,
        /// `detach` (default: keep the cluster) or `delete` (remove a cluster Azure ML created).
        pub action: UnderlyingAction = alias "underlying_resource_action",
    }
}

impl CreateConfig {
    /// Reads the JSON shape; every unknown field and wrong type is reported at once.
    pub fn from_value(v: &Value) -> Result<Self, ConfigError> {
        read_root(v, "config")
    }

    /// Reads JSON text of the shape straight into the configuration, with no JSON value in
    /// between; a text that is not JSON is one `syntax` problem, else as [`from_value`](Self::from_value).
    pub fn from_json(text: &str) -> Result<Self, ConfigError> {
        read_root(text, "config")
    }
}

impl AttachConfig {
    /// Reads the JSON shape; every unknown field and wrong type is reported at once.
    pub fn from_value(v: &Value) -> Result<Self, ConfigError> {
        read_root(v, "config")
    }

    /// Reads JSON text of the shape straight into the configuration, with no JSON value in
    /// between; a text that is not JSON is one `syntax` problem, else as [`from_value`](Self::from_value).
    pub fn from_json(text: &str) -> Result<Self, ConfigError> {
        read_root(text, "config")
    }
}

impl UpdateConfig {
    /// Reads the JSON shape; every unknown field and wrong type is reported at once.
    pub fn from_value(v: &Value) -> Result<Self, ConfigError> {
        read_root(v, "config")
    }

    /// Reads JSON text of the shape straight into the configuration, with no JSON value in
    /// between; a text that is not JSON is one `syntax` problem, else as [`from_value`](Self::from_value).
    pub fn from_json(text: &str) -> Result<Self, ConfigError> {
        read_root(text, "config")
    }
}

impl DetachConfig {
    /// Reads `{"name", "action": "detach"|"delete"}` (`underlying_resource_action` is an alias).
    pub fn from_value(v: &Value) -> Result<Self, ConfigError> {
        read_root(v, "config")
    }

    /// Reads JSON text of the shape straight into the configuration, with no JSON value in
    /// between; a text that is not JSON is one `syntax` problem, else as [`from_value`](Self::from_value).
    pub fn from_json(text: &str) -> Result<Self, ConfigError> {
        read_root(text, "config")
    }
}
