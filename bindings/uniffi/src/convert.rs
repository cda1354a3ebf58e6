//! The one place UniFFI records become the core's values and back.
use crate::types::*;
use akscompute as core;
use serde_json::{json, Map, Value};
use std::sync::Arc;

pub fn profile(p: Profile) -> core::Profile {
    match p {
        Profile::Sdk => core::Profile::Sdk,
        Profile::Oct2020 => core::Profile::P2020_10,
        Profile::Apr2021 => core::Profile::P2021_04,
        Profile::Nov2021 => core::Profile::P2021_11,
    }
}

pub fn severity(s: core::Severity) -> Severity {
    match s {
        core::Severity::Error => Severity::Error,
        core::Severity::Warning => Severity::Warning,
        core::Severity::Info => Severity::Info,
    }
}

fn purpose(p: ClusterPurpose) -> String {
    match p {
        ClusterPurpose::FastProd => "FastProd",
        ClusterPurpose::DenseProd => "DenseProd",
        ClusterPurpose::DevTest => "DevTest",
    }
    .into()
}

fn lb(t: LoadBalancerType) -> String {
    match t {
        LoadBalancerType::PublicIp => "PublicIp",
        LoadBalancerType::InternalLoadBalancer => "InternalLoadBalancer",
    }
    .into()
}

fn pem(p: &Option<Arc<Pem>>) -> Option<core::Secret> {
    p.as_ref().map(|x| core::Secret::new(x.0.clone()))
}

// The core's configurations are `non_exhaustive` (they will grow): each is built from its
// default, field by field, and a field the records lack stays unset.
fn ssl(s: &SslConfig) -> core::SslConfig {
    let mut c = core::SslConfig::default();
    c.cname = s.cname.clone();
    c.cert = pem(&s.cert);
    c.key = pem(&s.key);
    c.leaf_domain_label = s.leaf_domain_label.clone();
    c.overwrite_existing_domain = s.overwrite_existing_domain;
    c
}

fn vnet(v: &VnetConfig) -> core::VnetConfig {
    let mut c = core::VnetConfig::default();
    c.resource_group = Some(v.resource_group.clone());
    c.name = Some(v.name.clone());
    c.subnet = Some(v.subnet.clone());
    c.service_cidr = Some(v.service_cidr.clone());
    c.dns_service_ip = Some(v.dns_service_ip.clone());
    c.docker_bridge_cidr = Some(v.docker_bridge_cidr.clone());
    c
}

pub fn create(c: &CreateConfig) -> core::CreateConfig {
    let mut k = core::CreateConfig::default();
    k.name = c.name.clone();
    k.agent_count = c.agent_count;
    k.vm_size = c.vm_size.clone();
    k.cluster_purpose = c.cluster_purpose.map(purpose);
    k.location = c.location.clone();
    k.kubernetes_version = c.kubernetes_version.clone();
    k.description = c.description.clone();
    k.tags = c.tags.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    k.vnet = c.vnet.as_ref().map(vnet);
    k.load_balancer_type = c.load_balancer_type.map(lb);
    k.load_balancer_subnet = c.load_balancer_subnet.clone();
    k.ssl = c.ssl.as_ref().map(ssl);
    k.load_balancer_sku = c.load_balancer_sku.clone();
    k.private_cluster = c.private_cluster;
    k.api_server_authorized_ip_ranges = c.api_server_authorized_ip_ranges.clone();
    k
}

pub fn attach(c: &AttachConfig) -> core::AttachConfig {
    let mut k = core::AttachConfig::default();
    k.name = c.name.clone();
    k.resource_id = c.resource_id.clone();
    k.resource_group = c.resource_group.clone();
    k.cluster_name = c.cluster_name.clone();
    k.cluster_purpose = c.cluster_purpose.map(purpose);
    k.load_balancer_type = c.load_balancer_type.map(lb);
    k.load_balancer_subnet = c.load_balancer_subnet.clone();
    k.ssl = c.ssl.as_ref().map(ssl);
    k
}

pub fn update(c: &UpdateConfig) -> core::UpdateConfig {
    let mut k = core::UpdateConfig::default();
    k.name = c.name.clone();
    k.ssl = c.ssl.as_ref().map(|s| {
        let mut t = core::SslConfig::default();
        t.cname = s.cname.clone();
        t.cert = pem(&s.cert);
        t.key = pem(&s.key);
        t.leaf_domain_label = s.leaf_domain_label.clone();
        t.overwrite_existing_domain = s.overwrite_existing_domain;
        t.status = s.status.map(|st| {
            match st {
                SslStatus::Enabled => "Enabled",
                SslStatus::Disabled => "Disabled",
                SslStatus::Auto => "Auto",
            }
            .into()
        });
        t.renew = s.renew;
        t
    });
    k.load_balancer_type = c.load_balancer_type.map(lb);
    k.load_balancer_subnet = c.load_balancer_subnet.clone();
    k.agent_count = c.agent_count;
    k.vm_size = c.vm_size.clone();
    k
}

pub fn detach(c: &DetachConfig) -> core::DetachConfig {
    let mut k = core::DetachConfig::default();
    k.name = Some(c.name.clone());
    k.action = match c.action {
        UnderlyingAction::Detach => core::UnderlyingAction::Detach,
        UnderlyingAction::Delete => core::UnderlyingAction::Delete,
    };
    k
}

/// A context field that holds JSON text (`cluster_json`, `compute_json`), read as the core reads
/// an input: capped, and refused in the context's language at that field.
fn parse_json(text: &str, field: &'static str, locale: &core::locale::Locale) -> Result<Value, AkscomputeError> {
    if text.len() > core::shape::MAX_JSON_TEXT {
        return Err(config_error(core::ConfigError::too_big("context", text.len()), locale));
    }
    serde_json::from_str(text).map_err(|e| config_error(core::ConfigError::text_not_json("context", core::Path::from([field]), &e), locale))
}

/// The context record as the core's context (through its JSON shape, which checks the pasted
/// cluster, compute and versions the same way for every binding). Also returns the raw compute.
pub fn context(c: &Context) -> Result<(core::Context, Value), AkscomputeError> {
    let mut m = Map::new();
    m.insert("profile".into(), json!(profile(c.profile).as_str()));
    if let Some(l) = &c.locale {
        m.insert("locale".into(), json!(l));
    }
    if let Some(w) = &c.workspace {
        m.insert(
            "workspace".into(),
            json!({"subscription_id": w.subscription_id, "resource_group": w.resource_group, "name": w.name, "location": w.location}),
        );
    }
    m.insert(
        "existing_computes".into(),
        c.existing_computes.iter().map(|e| json!({"name": e.name, "resource_id": e.resource_id})).collect(),
    );
    m.insert("region_compute_names".into(), json!(c.region_compute_names));
    if let Some(v) = &c.kubernetes_versions {
        // The core tells JSON from table text (VersionList::from_input).
        m.insert("kubernetes_versions".into(), json!(v));
    }
    if let Some(cl) = &c.cluster_json {
        m.insert("cluster".into(), parse_json(cl, "cluster_json", &locale(c.locale.as_deref()))?);
    }
    let compute = match &c.compute_json {
        Some(cp) => parse_json(cp, "compute_json", &locale(c.locale.as_deref()))?,
        None => Value::Null,
    };
    if !compute.is_null() {
        m.insert("compute".into(), compute.clone());
    }
    m.insert(
        "vm_sizes".into(),
        c.vm_sizes.iter().map(|s| json!({"name": s.name, "vcpus": s.vcpus, "gpus": s.gpus, "fpga": s.fpga})).collect(),
    );
    if let Some(n) = c.now_unix {
        m.insert("now".into(), json!(n));
    }
    if let Some(s) = &c.subnet_address_prefix {
        m.insert("subnet_address_prefix".into(), json!(s));
    }
    let ctx = core::Context::from_value(&Value::Object(m)).map_err(|e| config_error(e, &locale(c.locale.as_deref())))?;
    Ok((ctx, compute))
}

/// The language a context's `locale` tag asks for (English when there is none or it is not one
/// of the six).
pub fn locale(tag: Option<&str>) -> core::locale::Locale {
    core::locale::Locale::new(tag)
}

/// The `locale` of a context given as JSON text, for an error about it or the configuration;
/// English when the text has none (or is not JSON, or over the core's cap: then that is the
/// error, and the text is not read again).
pub fn locale_in(context_json: Option<&str>) -> core::locale::Locale {
    let tag = context_json
        .filter(|t| t.len() <= core::shape::MAX_JSON_TEXT)
        .and_then(|t| serde_json::from_str::<Value>(t).ok())
        .and_then(|v| Some(v.get("locale")?.as_str()?.to_owned()));
    locale(tag.as_deref())
}

/// A shape problem, its report and every message in `locale`.
pub fn config_error(mut e: core::ConfigError, locale: &core::locale::Locale) -> AkscomputeError {
    e.localize(locale);
    AkscomputeError::InvalidInput {
        code: e.code().into(),
        detail: e.render(locale),
        problems: e
            .errors
            .iter()
            .map(|x| ShapeProblem { kind: x.kind.as_str().into(), field: x.path.to_string(), message: x.message.clone() })
            .collect(),
    }
}

/// A request that cannot be built (the builders word it in the context's language).
pub fn request_error(e: &core::request::RequestError) -> AkscomputeError {
    AkscomputeError::InvalidRequest { code: e.code().into(), field: e.field().into(), detail: e.to_string() }
}

pub fn validation(v: core::Validation) -> Validation {
    Validation {
        valid: v.is_valid(),
        diagnostics: v
            .diagnostics
            .into_iter()
            .map(|d| Diagnostic {
                code: d.code.into(),
                severity: severity(d.severity),
                field: d.path.to_string(),
                path: d
                    .path
                    .0
                    .iter()
                    .map(|s| match s {
                        core::PathSeg::Key(k) => PathSegment::Key { name: k.to_string() },
                        core::PathSeg::Index(i) => PathSegment::Index { index: *i as u64 },
                        // A kind of step the records do not know yet: its JSON form, as a key.
                        other => PathSegment::Key { name: serde_json::to_value(other).map(|v| v.to_string()).unwrap_or_default() },
                    })
                    .collect(),
                message: d.message().into_owned(),
                fix: d.fix().into_owned(),
                params: d.params.0.iter().map(|(k, v)| ((*k).to_string(), v.to_string())).collect(),
            })
            .collect(),
    }
}

pub fn request(r: core::request::Request, include_secrets: bool, notes: Vec<String>) -> ArmRequest {
    let j = r.to_json(!include_secrets);
    let headers = j["headers"]
        .as_object()
        .map(|h| h.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string())).collect())
        .unwrap_or_default();
    let body = if j["body"].is_null() { None } else { Some(Arc::new(RequestBody(j["body"].to_string()))) };
    ArmRequest { method: r.method.as_str().into(), url: r.url, headers, body, notes }
}

/// The request options, under the context's profile; a bad api-version or cloud in the
/// context's language.
pub fn options(o: &RequestOptions, ctx: &core::Context) -> Result<core::request::Options, AkscomputeError> {
    options_in(o, ctx.profile, &locale(ctx.locale.as_deref()))
}

/// [`options`] for a context not read yet: its profile and language given.
pub fn options_in(
    o: &RequestOptions,
    profile: core::Profile,
    locale: &core::locale::Locale,
) -> Result<core::request::Options, AkscomputeError> {
    let refused = |e: core::request::RequestError| request_error(&e.localized(locale));
    Ok(core::request::Options {
        api_version: match &o.api_version {
            Some(v) => v.parse().map_err(refused)?,
            None => Default::default(),
        },
        cloud: core::request::Cloud::parse(o.cloud.as_deref().unwrap_or("public")).map_err(refused)?,
        profile,
    })
}

impl std::fmt::Debug for ArmRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ArmRequest({} {})", self.method, self.url)
    }
}
