//! From a resource as Azure sees it to the configuration shape `check` reads, remembering for
//! every field where in the file its value is written. One mapping of the compute's ARM body
//! serves ARM templates and azapi resources in Terraform plans alike.
use super::expr::{as_unknown, first_unknown};
use super::json::escape;
use serde_json::{Map, Value};

/// A field whose value is known only at deployment.
#[derive(Clone, Debug)]
pub(crate) struct Unknown {
    /// The configuration field, dotted (`ssl.cert`, `cluster.agent_pools`).
    pub field: String,
    /// Where it is written.
    pub pointer: String,
    /// Why it is unknown.
    pub why: String,
}

/// A compute (and the cluster it attaches, when declared) in the configuration shape.
#[derive(Clone, Debug, Default)]
pub(crate) struct Mapped {
    pub attach: bool,
    pub config: Map<String, Value>,
    /// ManagedCluster JSON for the context's `cluster`.
    pub cluster: Option<Value>,
    /// Dotted configuration path → JSON pointer of its value.
    pub at: Vec<(String, String)>,
    pub unknown: Vec<Unknown>,
    /// The resource label and its pointer.
    pub resource: String,
    pub pointer: String,
    /// The attach target's ID uses the deployment's own subscription (`resourceId()` without one).
    pub deployment_scoped_id: bool,
    /// The cluster's ID or name, for IAC004 when it is not declared.
    pub cluster_ref: Option<(String, String)>,
    /// Where each of the cluster's pools is written, in the order of `cluster`'s pools.
    pub pools: Vec<PoolAt>,
    /// The api-version the resource is deployed with (name patterns differ between them).
    pub api_version: Option<String>,
    /// The workspace the file itself names (a Terraform inference cluster's
    /// `machine_learning_workspace_id`), for the context when the caller's has none.
    pub workspace: Option<Value>,
    /// Texts the file marks sensitive: no finding may show them.
    pub sensitive: Vec<String>,
    /// The `sslConfiguration.status` the body sends as written (TLS011 compares it with the
    /// certificate beside it; the configuration shapes have no status).
    pub ssl_status: Option<SslStatus>,
}

/// A declared TLS status, and what is declared beside it.
#[derive(Clone, Debug)]
pub(crate) struct SslStatus {
    /// The status as written.
    pub text: String,
    /// A CNAME, certificate or key is given.
    pub custom: bool,
    /// A leaf domain label is given.
    pub leaf: bool,
}

/// Where a node pool is written, and how its size and count keys are spelt there.
#[derive(Clone, Debug)]
pub(crate) struct PoolAt {
    pub pointer: String,
    pub vm_size: &'static str,
    pub count: &'static str,
}

/// A key of an object, matched case-insensitively as ARM does; returns the key as spelt.
pub(crate) fn get_ci<'v>(v: &'v Value, key: &str) -> Option<(&'v str, &'v Value)> {
    v.as_object()?.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(k, v)| (k.as_str(), v))
}

impl Mapped {
    /// Puts a value at a configuration path, or records it as unknown. `null` and absent
    /// values are left out, as `check` would leave them out.
    pub fn put(&mut self, path: &[&str], value: Option<&Value>, pointer: String) {
        let Some(v) = value.filter(|v| !v.is_null()) else { return };
        let field = path.join(".");
        if let Some((sub, why)) = first_unknown(v) {
            self.unknown.push(Unknown { field, pointer: format!("{pointer}{sub}"), why });
            return;
        }
        self.at.push((field, pointer));
        let mut m = &mut self.config;
        for (i, k) in path.iter().enumerate() {
            if i + 1 == path.len() {
                m.insert((*k).to_string(), v.clone());
                break;
            }
            let e = m.entry((*k).to_string()).or_insert_with(|| Value::Object(Map::new()));
            if !e.is_object() {
                *e = Value::Object(Map::new());
            }
            let Value::Object(next) = e else { return };
            m = next;
        }
    }

    /// Records where a path is, without a value (a parent object such as `ssl`).
    pub fn locate(&mut self, path: &str, pointer: String) {
        self.at.push((path.to_string(), pointer));
    }
}

/// One field of the compute: configuration path, then the ARM keys under `properties` (the
/// first that is present wins: old api-versions spell `agentVMSize`).
type Field = (&'static [&'static str], &'static [&'static str]);

const INNER_CREATE: &[Field] = &[
    (&["agent_count"], &["agentCount"]),
    (&["vm_size"], &["agentVmSize", "agentVMSize"]),
    (&["cluster_purpose"], &["clusterPurpose"]),
    (&["load_balancer_type"], &["loadBalancerType"]),
    (&["load_balancer_subnet"], &["loadBalancerSubnet"]),
];
const INNER_ATTACH: &[Field] = &[
    (&["cluster_purpose"], &["clusterPurpose"]),
    (&["load_balancer_type"], &["loadBalancerType"]),
    (&["load_balancer_subnet"], &["loadBalancerSubnet"]),
];
const SSL: &[Field] = &[
    (&["ssl", "cname"], &["cname"]),
    (&["ssl", "cert"], &["cert"]),
    (&["ssl", "key"], &["key"]),
    (&["ssl", "leaf_domain_label"], &["leafDomainLabel"]),
    (&["ssl", "overwrite_existing_domain"], &["overwriteExistingDomain"]),
];
const VNET: &[Field] = &[
    (&["vnet", "service_cidr"], &["serviceCidr"]),
    (&["vnet", "dns_service_ip"], &["dnsServiceIP"]),
    (&["vnet", "docker_bridge_cidr"], &["dockerBridgeCidr"]),
];

fn fields(m: &mut Mapped, obj: Option<&Value>, base: &str, table: &[Field]) {
    let Some(obj) = obj else { return };
    for (path, keys) in table {
        if let Some((k, v)) = keys.iter().find_map(|k| get_ci(obj, k)) {
            m.put(path, Some(v), format!("{base}/{}", escape(k)));
        }
    }
}

/// Is this evaluated resource body an AKS compute? (`properties.computeType` is `AKS`.)
pub(crate) fn is_aks(body: &Value) -> bool {
    get_ci(body, "properties")
        .and_then(|(_, p)| get_ci(p, "computeType"))
        .and_then(|(_, t)| t.as_str())
        .is_some_and(|t| t.eq_ignore_ascii_case("aks"))
}

/// Maps an evaluated compute resource (`{name, location, tags, properties}`) whose raw form is
/// at `base` in the file. `name` is the compute's own name (the last segment).
pub(crate) fn compute(m: &mut Mapped, name: &Value, name_ptr: String, body: &Value, base: &str) {
    m.put(&["name"], Some(name), name_ptr);
    if let Some(v) = get_ci(body, "apiVersion").and_then(|(_, v)| v.as_str()) {
        m.api_version = Some(v.to_string());
    }
    let (pk, props) = match get_ci(body, "properties") {
        Some((k, p)) => (k.to_string(), p),
        None => return,
    };
    let pbase = format!("{base}/{}", escape(&pk));
    let rid = get_ci(props, "resourceId").filter(|(_, v)| !v.is_null());
    m.attach = rid.is_some();
    let inner = get_ci(props, "properties");
    let ibase = inner.map(|(k, _)| format!("{pbase}/{}", escape(k))).unwrap_or_else(|| format!("{pbase}/properties"));
    let mut inner = inner.map(|(_, v)| v);
    if let Some(why) = inner.and_then(as_unknown) {
        m.unknown.push(Unknown { field: "properties".into(), pointer: ibase.clone(), why: why.into() });
        inner = None;
    }
    if let Some((k, v)) = rid {
        m.put(&["resource_id"], Some(v), format!("{pbase}/{}", escape(k)));
    } else {
        if let Some((k, v)) = get_ci(props, "computeLocation") {
            m.put(&["location"], Some(v), format!("{pbase}/{}", escape(k)));
        }
        if let Some((k, v)) = get_ci(props, "description") {
            m.put(&["description"], Some(v), format!("{pbase}/{}", escape(k)));
        }
        if let Some((k, v)) = get_ci(body, "tags") {
            m.put(&["tags"], Some(v), format!("{base}/{}", escape(k)));
        }
    }
    fields(m, inner, &ibase, if m.attach { INNER_ATTACH } else { INNER_CREATE });
    let Some(inner) = inner else { return };
    if let Some((k, ssl)) = get_ci(inner, "sslConfiguration").filter(|(_, v)| !v.is_null()) {
        let sbase = format!("{ibase}/{}", escape(k));
        if let Some(w) = as_unknown(ssl) {
            m.unknown.push(Unknown { field: "ssl".into(), pointer: sbase, why: w.into() });
        } else {
            let status = get_ci(ssl, "status").map(|(_, s)| s);
            if let Some((sk, Value::String(text))) = get_ci(ssl, "status") {
                let given = |keys: &[&str]| keys.iter().any(|k| get_ci(ssl, k).is_some_and(|(_, v)| declared(v)));
                m.locate("ssl.status", format!("{sbase}/{}", escape(sk)));
                m.ssl_status =
                    Some(SslStatus { text: text.clone(), custom: given(&["cname", "cert", "key"]), leaf: given(&["leafDomainLabel"]) });
            }
            match status.and_then(Value::as_str) {
                // Disabled: the service ignores the rest, and so does the check.
                Some(s) if s.eq_ignore_ascii_case("disabled") => {}
                _ => {
                    if let Some(w) = status.and_then(as_unknown) {
                        m.unknown.push(Unknown { field: "ssl".into(), pointer: format!("{sbase}/status"), why: w.into() });
                    } else {
                        m.locate("ssl", sbase.clone());
                        fields(m, Some(ssl), &sbase, SSL);
                    }
                }
            }
        }
    }
    if !m.attach {
        if let Some((k, net)) = get_ci(inner, "aksNetworkingConfiguration").filter(|(_, v)| !v.is_null()) {
            let nbase = format!("{ibase}/{}", escape(k));
            m.locate("vnet", nbase.clone());
            if let Some((sk, sid)) = get_ci(net, "subnetId") {
                let sp = format!("{nbase}/{}", escape(sk));
                match sid {
                    Value::String(s) => match subnet_parts(s) {
                        Some((rg, vnet, subnet)) => {
                            for (f, v) in [("resource_group", rg), ("name", vnet), ("subnet", subnet)] {
                                m.put(&["vnet", f], Some(&Value::String(v)), sp.clone());
                            }
                        }
                        None => m.put(&["vnet", "subnet"], Some(sid), sp),
                    },
                    other => m.put(&["vnet", "subnet"], Some(other), sp),
                }
            }
            fields(m, Some(net), &nbase, VNET);
        }
    }
}

/// A value written for a field: not null, not an empty or blank text (what the tools send as "not
/// given"). A value known only at deployment counts as written.
fn declared(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        _ => true,
    }
}

/// `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/n`.
fn subnet_parts(id: &str) -> Option<(String, String, String)> {
    let p: Vec<&str> = id.trim_matches('/').split('/').collect();
    let at = |name: &str| p.iter().position(|s| s.eq_ignore_ascii_case(name)).and_then(|i| p.get(i + 1)).map(|s| s.to_string());
    Some((at("resourceGroups")?, at("virtualNetworks")?, at("subnets")?))
}

/// Cluster facts: configuration path (under `cluster`) → ManagedCluster keys, for locating a
/// finding such as `cluster.kubernetes_version` at `properties.kubernetesVersion`.
pub(crate) const CLUSTER_AT: &[(&str, &str)] = &[
    ("cluster.kubernetes_version", "/properties/kubernetesVersion"),
    ("cluster.location", "/location"),
    ("cluster.private_cluster", "/properties/apiServerAccessProfile/enablePrivateCluster"),
    ("cluster.private_cluster_public_fqdn", "/properties/apiServerAccessProfile/enablePrivateClusterPublicFQDN"),
    ("cluster.authorized_ip_ranges", "/properties/apiServerAccessProfile/authorizedIPRanges"),
    ("cluster.load_balancer_sku", "/properties/networkProfile/loadBalancerSku"),
    ("cluster.service_cidr", "/properties/networkProfile/serviceCidr"),
    ("cluster.agent_pools", "/properties/agentPoolProfiles"),
];

/// Removes unknown values from a ManagedCluster document, recording each. A pool whose size or
/// count is unknown is left out, and recorded as `cluster.agent_pools` (capacity then cannot be
/// counted); `m.pools` holds each pool's place and is kept in step. Other unknowns are
/// placed where `m.at` says the field is written, else at `base` + the ManagedCluster pointer.
pub(crate) fn strip_cluster(m: &mut Mapped, cluster: &mut Value, base: &str) {
    if let Some(pools) = cluster.pointer_mut("/properties/agentPoolProfiles").and_then(Value::as_array_mut) {
        let mut keep = Vec::new();
        let mut ptrs = Vec::new();
        let places = std::mem::take(&mut m.pools);
        for (p, at) in pools.drain(..).zip(places) {
            match first_unknown(&p) {
                Some((sub, why))
                    if ["/vmSize", "/count", "/mode", "/osType", "/minCount", "/enableAutoScaling"]
                        .iter()
                        .any(|k| sub.eq_ignore_ascii_case(k)) =>
                {
                    m.unknown.push(Unknown { field: "cluster.agent_pools".into(), pointer: at.pointer.clone(), why })
                }
                _ => {
                    let mut p = p;
                    drop_unknowns(&mut p);
                    keep.push(p);
                    ptrs.push(at);
                }
            }
        }
        *pools = keep;
        m.pools = ptrs;
    }
    for (field, ptr) in CLUSTER_AT {
        if let Some(v) = cluster.pointer(ptr) {
            if let Some((_, why)) = first_unknown(v) {
                let pointer = m.at.iter().find(|(f, _)| f == field).map(|(_, p)| p.clone()).unwrap_or_else(|| format!("{base}{ptr}"));
                m.unknown.push(Unknown { field: (*field).into(), pointer, why });
            }
        }
    }
    drop_unknowns(cluster);
}

fn drop_unknowns(v: &mut Value) {
    match v {
        Value::Object(o) => {
            o.retain(|_, x| as_unknown(x).is_none());
            o.values_mut().for_each(drop_unknowns);
        }
        Value::Array(a) => {
            a.retain(|x| as_unknown(x).is_none());
            a.iter_mut().for_each(drop_unknowns);
        }
        _ => {}
    }
}
