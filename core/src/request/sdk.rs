//! azureml-core 1.61's payloads, reproduced key for key (`AksCompute._build_create_payload` and
//! `_build_attach_payload`), including its quirks: values count when Python finds them truthy,
//! the attach payload always carries `loadBalancerType` (default `PublicIp`) and a null
//! `loadBalancerSubnet`, and its `location` stays empty until `ComputeTarget.attach` fills it.
//!
//! The create payload is built as a [`Node`] tree that borrows the configuration's text (no
//! copy of a value, no `String` per key), so that a binding can turn it into its own objects
//! directly; [`create_payload`] is that tree as a JSON value.
use super::RequestError;
use crate::config::{AttachConfig, CreateConfig, SslConfig, VnetConfig};
use serde_json::{json, Map, Value};
use std::borrow::Cow;

use crate::text::is_given as truthy;

/// A payload as a tree borrowing the configuration's text: what [`create_payload`] returns as a
/// JSON value, for a binding to convert without a `serde_json::Value` in between. An object's
/// entries are in key order, the order of a `serde_json::Map`.
#[derive(Debug, Clone, PartialEq)]
pub enum Node<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// Text.
    Str(Cow<'a, str>),
    /// An object, its entries sorted by key.
    Object(Vec<(&'static str, Node<'a>)>),
}

impl Node<'_> {
    /// The tree as a JSON value.
    pub fn to_value(&self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Int(i) => Value::from(*i),
            Node::Str(s) => Value::String(s.to_string()),
            Node::Object(entries) => Value::Object(entries.iter().map(|(k, v)| ((*k).to_string(), v.to_value())).collect()),
        }
    }
}

/// An object of `entries`, in key order.
fn object<'a>(mut entries: Vec<(&'static str, Node<'a>)>) -> Node<'a> {
    entries.sort_unstable_by_key(|(k, _)| *k);
    Node::Object(entries)
}

fn text_node(s: &Option<String>) -> Node<'_> {
    s.as_deref().map(|v| Node::Str(Cow::Borrowed(v))).unwrap_or(Node::Null)
}

fn text(s: &Option<String>) -> Value {
    s.as_ref().map(|v| Value::String(v.clone())).unwrap_or(Value::Null)
}

/// The SSL block both builders share: a custom certificate wins over a leaf domain label.
fn ssl_node(ssl: Option<&SslConfig>) -> Result<Option<Node<'_>>, RequestError> {
    let Some(s) = ssl else { return Ok(None) };
    if truthy(&s.cname) {
        fn need<'s>(v: &'s Option<crate::Secret>, field: &str) -> Result<Node<'s>, RequestError> {
            v.as_ref().map(|x| Node::Str(Cow::Borrowed(x.expose()))).ok_or_else(|| {
                RequestError::missing("request.ssl_pem_missing", &format!("ssl.{field}"), vec![("field", crate::Param::from(field))])
            })
        }
        return Ok(Some(object(vec![
            ("status", Node::Str(Cow::Borrowed("Enabled"))),
            ("cname", text_node(&s.cname)),
            ("cert", need(&s.cert, "cert")?),
            ("key", need(&s.key, "key")?),
        ])));
    }
    if truthy(&s.leaf_domain_label) {
        return Ok(Some(object(vec![
            ("status", Node::Str(Cow::Borrowed("Auto"))),
            ("leafDomainLabel", text_node(&s.leaf_domain_label)),
            ("overwriteExistingDomain", Node::Bool(s.overwrite_existing_domain.unwrap_or(false))),
        ])));
    }
    Ok(None)
}

/// `AksCompute._build_create_payload(config, location, subscription_id)`.
pub fn create_payload(cfg: &CreateConfig, location: &str, subscription_id: &str) -> Result<Value, RequestError> {
    create_payload_node(cfg, location, subscription_id).map(|n| n.to_value())
}

/// [`create_payload`] as a [`Node`] tree borrowing `cfg`, `location` and nothing else.
pub fn create_payload_node<'a>(cfg: &'a CreateConfig, location: &'a str, subscription_id: &str) -> Result<Node<'a>, RequestError> {
    static NO_VNET: VnetConfig =
        VnetConfig { resource_group: None, name: None, subnet: None, service_cidr: None, dns_service_ip: None, docker_bridge_cidr: None };
    let vnet = cfg.vnet.as_ref().unwrap_or(&NO_VNET);
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
    let mut props = Vec::with_capacity(3);
    props.push(("computeType", Node::Str(Cow::Borrowed("AKS"))));
    if truthy(&cfg.location) {
        props.push(("computeLocation", text_node(&cfg.location)));
    }
    if any {
        let mut inner = Vec::with_capacity(7);
        if let Some(n) = cfg.agent_count.filter(|n| *n != 0) {
            inner.push(("agentCount", Node::Int(n)));
        }
        for (key, v) in [
            ("agentVmSize", &cfg.vm_size),
            ("clusterPurpose", &cfg.cluster_purpose),
            ("loadBalancerType", &cfg.load_balancer_type),
            ("loadBalancerSubnet", &cfg.load_balancer_subnet),
        ] {
            if truthy(v) {
                inner.push((key, text_node(v)));
            }
        }
        if let Some(s) = ssl_node(ssl)? {
            inner.push(("sslConfiguration", s));
        }
        if truthy(&vnet.name) {
            let subnet_id = crate::resource_id::subnet_id(
                subscription_id,
                vnet.resource_group.as_deref().unwrap_or("None"),
                vnet.name.as_deref().unwrap_or("None"),
                vnet.subnet.as_deref().unwrap_or("None"),
            );
            inner.push((
                "aksNetworkingConfiguration",
                object(vec![
                    ("subnetId", Node::Str(Cow::Owned(subnet_id))),
                    ("serviceCidr", text_node(&vnet.service_cidr)),
                    ("dnsServiceIP", text_node(&vnet.dns_service_ip)),
                    ("dockerBridgeCidr", text_node(&vnet.docker_bridge_cidr)),
                ]),
            ));
        }
        props.push(("properties", object(inner)));
    }
    Ok(object(vec![("location", Node::Str(Cow::Borrowed(location))), ("properties", object(props))]))
}

/// The SSL block of the attach payload, as a JSON value.
fn ssl_block(ssl: Option<&SslConfig>) -> Result<Option<Value>, RequestError> {
    Ok(ssl_node(ssl)?.map(|n| n.to_value()))
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
