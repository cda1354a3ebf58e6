//! The configuration shape (DESIGN.md): typed structs behind the snake_case JSON that every
//! binding, the CLI and the shared vectors use.
use crate::diagnostic::{Param, Params, Path};
use crate::secret::Secret;
use crate::shape::{ConfigError, Obj, Reader};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// TLS settings: a custom certificate (cname + cert + key) or a Microsoft certificate
/// (leaf domain label). `status` and `renew` belong to updates.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SslConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cname: Option<String>,
    /// PEM certificate text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cert: Option<Secret>,
    /// PEM private key text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<Secret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leaf_domain_label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overwrite_existing_domain: Option<bool>,
    /// `Enabled`, `Disabled` or `Auto` (update).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Renew a Microsoft certificate (update).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renew: Option<bool>,
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

pub(crate) fn present(s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|s| !s.is_empty())
}

/// A custom virtual network: all six settings together.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct VnetConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subnet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_cidr: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dns_service_ip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docker_bridge_cidr: Option<String>,
}

/// Create a new AKS cluster as an inference compute.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CreateConfig {
    pub name: Option<String>,
    /// Node count; 3 when omitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_count: Option<i64>,
    /// VM size; `Standard_D3_v2` when omitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vm_size: Option<String>,
    /// `FastProd` (default), `DenseProd` or `DevTest`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_purpose: Option<String>,
    /// The cluster's region; the workspace's when omitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Cannot be chosen (VER001): present so the form can say so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kubernetes_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vnet: Option<VnetConfig>,
    /// `PublicIp` (default) or `InternalLoadBalancer`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_balancer_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_balancer_subnet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssl: Option<SslConfig>,
    /// `basic` or `standard`: Azure ML creates only Basic (LB003); present so a form can ask.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_balancer_sku: Option<String>,
    /// A private (Private Link) cluster cannot be created through Azure ML (ATT005).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_cluster: Option<bool>,
    /// API server authorized IP ranges need the Standard Load Balancer (LB004).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub api_server_authorized_ip_ranges: Vec<String>,
}

/// Attach an existing AKS cluster.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AttachConfig {
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_purpose: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_balancer_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_balancer_subnet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssl: Option<SslConfig>,
}

/// Update an attached or created compute (AKS has no PATCH: a PUT over the current resource).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct UpdateConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssl: Option<SslConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_balancer_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_balancer_subnet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_count: Option<i64>,
    /// Only to diagnose CAP008: the VM size cannot change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vm_size: Option<String>,
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

/// Detach or delete a compute.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DetachConfig {
    pub name: Option<String>,
    pub action: UnderlyingAction,
}

const SSL_FIELDS: &[&str] = &["cname", "cert", "key", "leaf_domain_label", "overwrite_existing_domain", "status", "renew"];
const VNET_FIELDS: &[&str] = &["resource_group", "name", "subnet", "service_cidr", "dns_service_ip", "docker_bridge_cidr"];
const CREATE_FIELDS: &[&str] = &[
    "name",
    "agent_count",
    "vm_size",
    "cluster_purpose",
    "location",
    "kubernetes_version",
    "description",
    "tags",
    "vnet",
    "load_balancer_type",
    "load_balancer_subnet",
    "ssl",
    "load_balancer_sku",
    "private_cluster",
    "api_server_authorized_ip_ranges",
];
const ATTACH_FIELDS: &[&str] =
    &["name", "resource_id", "resource_group", "cluster_name", "cluster_purpose", "load_balancer_type", "load_balancer_subnet", "ssl"];
const UPDATE_FIELDS: &[&str] = &["name", "ssl", "load_balancer_type", "load_balancer_subnet", "agent_count", "vm_size"];
const DETACH_FIELDS: &[&str] = &["name", "action", "underlying_resource_action"];

fn ssl(r: &mut Reader, o: &mut Obj<'_>, update: bool) -> Option<SslConfig> {
    let v = o.raw("ssl")?;
    let mut s = r.object(v, &o.at("ssl"))?;
    let mut c = SslConfig {
        cname: s.str(r, "cname"),
        cert: s.str(r, "cert").map(Secret::new),
        key: s.str(r, "key").map(Secret::new),
        leaf_domain_label: s.str(r, "leaf_domain_label"),
        overwrite_existing_domain: s.bool(r, "overwrite_existing_domain"),
        ..SslConfig::default()
    };
    let known: &[&str] = if update { SSL_FIELDS } else { &SSL_FIELDS[..5] };
    if update {
        c.status = s.str(r, "status");
        c.renew = s.bool(r, "renew");
    }
    s.end(r, known);
    Some(c)
}

fn vnet(r: &mut Reader, o: &mut Obj<'_>) -> Option<VnetConfig> {
    let v = o.raw("vnet")?;
    let mut n = r.object(v, &o.at("vnet"))?;
    let c = VnetConfig {
        resource_group: n.str(r, "resource_group"),
        name: n.str(r, "name"),
        subnet: n.str(r, "subnet"),
        service_cidr: n.str(r, "service_cidr"),
        dns_service_ip: n.str(r, "dns_service_ip"),
        docker_bridge_cidr: n.str(r, "docker_bridge_cidr"),
    };
    n.end(r, VNET_FIELDS);
    Some(c)
}

impl CreateConfig {
    /// Reads the JSON shape; every unknown field and wrong type is reported at once.
    pub fn from_value(v: &Value) -> Result<Self, ConfigError> {
        let mut r = Reader::new();
        let mut c = CreateConfig::default();
        if let Some(mut o) = r.object(v, &Path::root()) {
            c.name = o.str(&mut r, "name");
            c.agent_count = o.int(&mut r, "agent_count");
            c.vm_size = o.str(&mut r, "vm_size");
            c.cluster_purpose = o.str(&mut r, "cluster_purpose");
            c.location = o.str(&mut r, "location");
            c.kubernetes_version = o.str(&mut r, "kubernetes_version");
            c.description = o.str(&mut r, "description");
            c.tags = o.string_map(&mut r, "tags").unwrap_or_default().into_iter().collect();
            c.vnet = vnet(&mut r, &mut o);
            c.load_balancer_type = o.str(&mut r, "load_balancer_type");
            c.load_balancer_subnet = o.str(&mut r, "load_balancer_subnet");
            c.ssl = ssl(&mut r, &mut o, false);
            c.load_balancer_sku = o.str(&mut r, "load_balancer_sku");
            c.private_cluster = o.bool(&mut r, "private_cluster");
            c.api_server_authorized_ip_ranges = o.strings(&mut r, "api_server_authorized_ip_ranges").unwrap_or_default();
            o.end(&mut r, CREATE_FIELDS);
        }
        r.finish("config", c)
    }
}

impl AttachConfig {
    /// Reads the JSON shape; every unknown field and wrong type is reported at once.
    pub fn from_value(v: &Value) -> Result<Self, ConfigError> {
        let mut r = Reader::new();
        let mut c = AttachConfig::default();
        if let Some(mut o) = r.object(v, &Path::root()) {
            c.name = o.str(&mut r, "name");
            c.resource_id = o.str(&mut r, "resource_id");
            c.resource_group = o.str(&mut r, "resource_group");
            c.cluster_name = o.str(&mut r, "cluster_name");
            c.cluster_purpose = o.str(&mut r, "cluster_purpose");
            c.load_balancer_type = o.str(&mut r, "load_balancer_type");
            c.load_balancer_subnet = o.str(&mut r, "load_balancer_subnet");
            c.ssl = ssl(&mut r, &mut o, false);
            o.end(&mut r, ATTACH_FIELDS);
        }
        r.finish("config", c)
    }
}

impl UpdateConfig {
    /// Reads the JSON shape; every unknown field and wrong type is reported at once.
    pub fn from_value(v: &Value) -> Result<Self, ConfigError> {
        let mut r = Reader::new();
        let mut c = UpdateConfig::default();
        if let Some(mut o) = r.object(v, &Path::root()) {
            c.name = o.str(&mut r, "name");
            c.ssl = ssl(&mut r, &mut o, true);
            c.load_balancer_type = o.str(&mut r, "load_balancer_type");
            c.load_balancer_subnet = o.str(&mut r, "load_balancer_subnet");
            c.agent_count = o.int(&mut r, "agent_count");
            c.vm_size = o.str(&mut r, "vm_size");
            o.end(&mut r, UPDATE_FIELDS);
        }
        r.finish("config", c)
    }
}

impl DetachConfig {
    /// Reads `{"name", "action": "detach"|"delete"}` (`underlying_resource_action` is an alias).
    pub fn from_value(v: &Value) -> Result<Self, ConfigError> {
        let mut r = Reader::new();
        let mut c = DetachConfig::default();
        if let Some(mut o) = r.object(v, &Path::root()) {
            c.name = o.str(&mut r, "name");
            let a = o.str(&mut r, "action").or_else(|| o.str(&mut r, "underlying_resource_action"));
            match a.as_deref().map(str::to_ascii_lowercase).as_deref() {
                None | Some("detach") => c.action = UnderlyingAction::Detach,
                Some("delete") => c.action = UnderlyingAction::Delete,
                Some(other) => {
                    r.bad_text(&o.at("action"), "shape.bad_value.action", Params(vec![("value", Param::from(format!("{other:?}")))]))
                }
            }
            o.end(&mut r, DETACH_FIELDS);
        }
        r.finish("config", c)
    }
}
