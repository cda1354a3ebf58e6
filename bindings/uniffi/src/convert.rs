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

fn ssl(s: &SslConfig) -> core::SslConfig {
    core::SslConfig {
        cname: s.cname.clone(),
        cert: pem(&s.cert),
        key: pem(&s.key),
        leaf_domain_label: s.leaf_domain_label.clone(),
        overwrite_existing_domain: s.overwrite_existing_domain,
        status: None,
        renew: None,
    }
}

fn vnet(v: &VnetConfig) -> core::VnetConfig {
    core::VnetConfig {
        resource_group: Some(v.resource_group.clone()),
        name: Some(v.name.clone()),
        subnet: Some(v.subnet.clone()),
        service_cidr: Some(v.service_cidr.clone()),
        dns_service_ip: Some(v.dns_service_ip.clone()),
        docker_bridge_cidr: Some(v.docker_bridge_cidr.clone()),
    }
}

pub fn create(c: &CreateConfig) -> core::CreateConfig {
    core::CreateConfig {
        name: c.name.clone(),
        agent_count: c.agent_count,
        vm_size: c.vm_size.clone(),
        cluster_purpose: c.cluster_purpose.map(purpose),
        location: c.location.clone(),
        kubernetes_version: c.kubernetes_version.clone(),
        description: c.description.clone(),
        tags: c.tags.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        vnet: c.vnet.as_ref().map(vnet),
        load_balancer_type: c.load_balancer_type.map(lb),
        load_balancer_subnet: c.load_balancer_subnet.clone(),
        ssl: c.ssl.as_ref().map(ssl),
        load_balancer_sku: c.load_balancer_sku.clone(),
        private_cluster: c.private_cluster,
        api_server_authorized_ip_ranges: c.api_server_authorized_ip_ranges.clone(),
    }
}

pub fn attach(c: &AttachConfig) -> core::AttachConfig {
    core::AttachConfig {
        name: c.name.clone(),
        resource_id: c.resource_id.clone(),
        resource_group: c.resource_group.clone(),
        cluster_name: c.cluster_name.clone(),
        cluster_purpose: c.cluster_purpose.map(purpose),
        load_balancer_type: c.load_balancer_type.map(lb),
        load_balancer_subnet: c.load_balancer_subnet.clone(),
        ssl: c.ssl.as_ref().map(ssl),
    }
}

pub fn update(c: &UpdateConfig) -> core::UpdateConfig {
    core::UpdateConfig {
        name: c.name.clone(),
        ssl: c.ssl.as_ref().map(|s| core::SslConfig {
            cname: s.cname.clone(),
            cert: pem(&s.cert),
            key: pem(&s.key),
            leaf_domain_label: s.leaf_domain_label.clone(),
            overwrite_existing_domain: s.overwrite_existing_domain,
            status: s.status.map(|st| match st {
                SslStatus::Enabled => "Enabled".into(),
                SslStatus::Disabled => "Disabled".into(),
                SslStatus::Auto => "Auto".into(),
            }),
            renew: s.renew,
        }),
        load_balancer_type: c.load_balancer_type.map(lb),
        load_balancer_subnet: c.load_balancer_subnet.clone(),
        agent_count: c.agent_count,
        vm_size: c.vm_size.clone(),
    }
}

pub fn detach(c: &DetachConfig) -> core::DetachConfig {
    core::DetachConfig {
        name: Some(c.name.clone()),
        action: match c.action {
            UnderlyingAction::Detach => core::UnderlyingAction::Detach,
            UnderlyingAction::Delete => core::UnderlyingAction::Delete,
        },
    }
}

fn parse_json(text: &str, field: &str) -> Result<Value, AkscomputeError> {
    serde_json::from_str(text).map_err(|e| AkscomputeError::InvalidInput {
        code: "syntax".into(),
        detail: format!("context.{field} is not JSON: {e}"),
        problems: vec![ShapeProblem { kind: "syntax".into(), field: format!("context.{field}"), message: e.to_string() }],
    })
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
        m.insert("cluster".into(), parse_json(cl, "cluster_json")?);
    }
    let compute = match &c.compute_json {
        Some(cp) => parse_json(cp, "compute_json")?,
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
    let ctx = core::Context::from_value(&Value::Object(m)).map_err(|e| config_error(&e))?;
    Ok((ctx, compute))
}

pub fn config_error(e: &core::ConfigError) -> AkscomputeError {
    AkscomputeError::InvalidInput {
        code: e.code().into(),
        detail: e.to_string(),
        problems: e
            .errors
            .iter()
            .map(|x| ShapeProblem { kind: x.kind.as_str().into(), field: x.path.to_string(), message: x.message.clone() })
            .collect(),
    }
}

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

pub fn options(o: &RequestOptions, p: core::Profile) -> Result<core::request::Options, AkscomputeError> {
    Ok(core::request::Options {
        api_version: match &o.api_version {
            Some(v) => v.parse().map_err(|e| request_error(&e))?,
            None => Default::default(),
        },
        cloud: core::request::Cloud::parse(o.cloud.as_deref().unwrap_or("public")).map_err(|e| request_error(&e))?,
        profile: p,
    })
}

impl std::fmt::Debug for ArmRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ArmRequest({} {})", self.method, self.url)
    }
}
