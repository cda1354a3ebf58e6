//! azureml-core 1.61's payloads, reproduced key for key (`AksCompute._build_create_payload` and
//! `_build_attach_payload`), including its quirks: values count when Python finds them truthy,
//! the attach payload always carries `loadBalancerType` (default `PublicIp`) and a null
//! `loadBalancerSubnet`, and its `location` stays empty until `ComputeTarget.attach` fills it.
use super::RequestError;
use crate::config::{AttachConfig, CreateConfig, SslConfig};
use serde_json::{json, Map, Value};

use crate::text::is_given as truthy;

fn text(s: &Option<String>) -> Value {
    s.as_ref().map(|v| Value::String(v.clone())).unwrap_or(Value::Null)
}

/// The SSL block both builders share: a custom certificate wins over a leaf domain label.
fn ssl_block(ssl: Option<&SslConfig>) -> Result<Option<Value>, RequestError> {
    let Some(s) = ssl else { return Ok(None) };
    if truthy(&s.cname) {
        let need = |v: &Option<crate::Secret>, field: &str| {
            v.as_ref().map(|x| x.expose().to_string()).ok_or_else(|| {
                RequestError::missing("request.ssl_pem_missing", &format!("ssl.{field}"), vec![("field", crate::Param::from(field))])
            })
        };
        return Ok(Some(
            json!({"status": "Enabled", "cname": text(&s.cname), "cert": need(&s.cert, "cert")?, "key": need(&s.key, "key")?}),
        ));
    }
    if truthy(&s.leaf_domain_label) {
        return Ok(Some(json!({
            "status": "Auto",
            "leafDomainLabel": text(&s.leaf_domain_label),
            "overwriteExistingDomain": s.overwrite_existing_domain.unwrap_or(false),
        })));
    }
    Ok(None)
}

/// `AksCompute._build_create_payload(config, location, subscription_id)`.
pub fn create_payload(cfg: &CreateConfig, location: &str, subscription_id: &str) -> Result<Value, RequestError> {
    let vnet = cfg.vnet.clone().unwrap_or_default();
    let ssl = cfg.ssl.as_ref();
    let any = cfg.agent_count.is_some_and(|n| n != 0)
        || truthy(&cfg.vm_size)
        || ssl.is_some_and(|s| truthy(&s.cname) || truthy(&s.leaf_domain_label))
        || [&vnet.name, &vnet.resource_group, &vnet.subnet, &vnet.service_cidr, &vnet.dns_service_ip, &vnet.docker_bridge_cidr]
            .iter()
            .any(|v| truthy(v))
        || truthy(&cfg.cluster_purpose)
        || truthy(&cfg.load_balancer_type)
        || truthy(&cfg.load_balancer_subnet);
    let mut props = Map::new();
    props.insert("computeType".into(), json!("AKS"));
    if truthy(&cfg.location) {
        props.insert("computeLocation".into(), text(&cfg.location));
    }
    if any {
        let mut inner = Map::new();
        if let Some(n) = cfg.agent_count.filter(|n| *n != 0) {
            inner.insert("agentCount".into(), json!(n));
        }
        for (key, v) in [
            ("agentVmSize", &cfg.vm_size),
            ("clusterPurpose", &cfg.cluster_purpose),
            ("loadBalancerType", &cfg.load_balancer_type),
            ("loadBalancerSubnet", &cfg.load_balancer_subnet),
        ] {
            if truthy(v) {
                inner.insert(key.into(), text(v));
            }
        }
        if let Some(s) = ssl_block(ssl)? {
            inner.insert("sslConfiguration".into(), s);
        }
        if truthy(&vnet.name) {
            let subnet_id = crate::resource_id::subnet_id(
                subscription_id,
                vnet.resource_group.as_deref().unwrap_or("None"),
                vnet.name.as_deref().unwrap_or("None"),
                vnet.subnet.as_deref().unwrap_or("None"),
            );
            inner.insert(
                "aksNetworkingConfiguration".into(),
                json!({"subnetId": subnet_id, "serviceCidr": text(&vnet.service_cidr), "dnsServiceIP": text(&vnet.dns_service_ip), "dockerBridgeCidr": text(&vnet.docker_bridge_cidr)}),
            );
        }
        props.insert("properties".into(), Value::Object(inner));
    }
    Ok(json!({"location": location, "properties": Value::Object(props)}))
}

/// `AksCompute._build_attach_payload(config, resource_id)`: `location` is `""` here, as there.
pub fn attach_payload(cfg: &AttachConfig, resource_id: &str) -> Result<Value, RequestError> {
    let mut inner = Map::new();
    if truthy(&cfg.cluster_purpose) {
        inner.insert("clusterPurpose".into(), text(&cfg.cluster_purpose));
    }
    if let Some(s) = ssl_block(cfg.ssl.as_ref())? {
        inner.insert("sslConfiguration".into(), s);
    }
    inner
        .insert("loadBalancerType".into(), if truthy(&cfg.load_balancer_type) { text(&cfg.load_balancer_type) } else { json!("PublicIp") });
    inner
        .insert("loadBalancerSubnet".into(), if truthy(&cfg.load_balancer_subnet) { text(&cfg.load_balancer_subnet) } else { Value::Null });
    Ok(json!({"location": "", "properties": {"computeType": "AKS", "resourceId": resource_id, "properties": Value::Object(inner)}}))
}

/// `AksCompute._build_resource_id`: note the lower-case `resourcegroups`.
pub fn resource_id(subscription_id: &str, resource_group: &str, cluster_name: &str) -> String {
    crate::resource_id::build_cluster_id(subscription_id, resource_group, cluster_name)
}
