//! Terraform plans (`terraform show -json PLAN`): the planned values of
//! `azurerm_machine_learning_inference_cluster` (an attach: the provider attaches an existing
//! AKS cluster) and of `azapi_resource` of the compute type, with the
//! `azurerm_kubernetes_cluster` they reference (and its `azurerm_kubernetes_cluster_node_pool`s)
//! for the attach preflight. A value the plan marks "known after apply" is unknown, not guessed.
use super::check;
use super::expr::unknown;
use super::json::Document;
use super::map::{self, Mapped, PoolAt};
use super::{FileReport, Options};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

const INFERENCE: &str = "azurerm_machine_learning_inference_cluster";
const AKS: &str = "azurerm_kubernetes_cluster";
const POOL: &str = "azurerm_kubernetes_cluster_node_pool";
const WORKSPACE: &str = "azurerm_machine_learning_workspace";

/// A planned resource.
struct Planned<'d> {
    address: String,
    /// `module.x.` for a resource in a module, else empty.
    module: String,
    rtype: String,
    values: &'d Value,
    ptr: String,
    /// `after_unknown` of its change: which attributes are known only after apply.
    after_unknown: Option<&'d Value>,
    /// `sensitive_values` of the planned resource, else `after_sensitive` of its change: which
    /// attributes are sensitive (their values are still written in clear).
    sensitive: Option<&'d Value>,
    /// The `expressions` of its configuration block (for references to other resources).
    expressions: Option<&'d Value>,
}

fn modules<'d>(m: &'d Value, ptr: String, out: &mut Vec<(&'d Value, String)>, depth: usize) {
    if depth > 32 {
        return;
    }
    out.push((m, ptr.clone()));
    if let Some(children) = m.get("child_modules").and_then(Value::as_array) {
        for (i, c) in children.iter().enumerate() {
            modules(c, format!("{ptr}/child_modules/{i}"), out, depth + 1);
        }
    }
}

/// Every configuration block by its address without instance keys (`module.a.azurerm_x.y`),
/// built once: looking each resource up by walking the modules would be quadratic.
fn config_index(plan: &Value) -> HashMap<String, &Value> {
    fn walk<'d>(m: &'d Value, prefix: &str, out: &mut HashMap<String, &'d Value>, depth: usize) {
        if depth > 32 {
            return;
        }
        for r in m.get("resources").and_then(Value::as_array).into_iter().flatten() {
            if let Some(a) = r.get("address").and_then(Value::as_str) {
                out.insert(format!("{prefix}{a}"), r);
            }
        }
        for (name, call) in m.get("module_calls").and_then(Value::as_object).into_iter().flatten() {
            if let Some(module) = call.get("module") {
                walk(module, &format!("{prefix}module.{name}."), out, depth + 1);
            }
        }
    }
    let mut out = HashMap::new();
    if let Some(root) = plan.pointer("/configuration/root_module") {
        walk(root, "", &mut out, 0);
    }
    out
}

/// `module.a["x"].azurerm_y.z[0]` without its instance keys.
fn without_keys(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    let mut depth = 0usize;
    for c in address.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn references(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            if let Some(r) = o.get("references").and_then(Value::as_array) {
                out.extend(r.iter().filter_map(Value::as_str).map(String::from));
            }
            o.values().for_each(|x| references(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| references(x, out)),
        _ => {}
    }
}

fn is_unknown_after(p: &Planned<'_>, attr: &str) -> bool {
    p.after_unknown.and_then(|a| a.get(attr)).is_some_and(|v| v == &Value::Bool(true) || v.is_array() || v.is_object())
}

/// The attribute's value, or an unknown when the plan says it is known only after apply.
fn attr(p: &Planned<'_>, name: &str) -> Option<Value> {
    match p.values.get(name) {
        Some(v) if !v.is_null() => Some(v.clone()),
        _ if is_unknown_after(p, name) => Some(unknown(format!("{}.{name} is known only after apply", p.address))),
        _ => None,
    }
}

/// The first block of a nested block list (`ssl`, `default_node_pool`, `network_profile`).
fn block<'v>(v: &'v Value, name: &str) -> Option<&'v Value> {
    match v.get(name) {
        Some(Value::Array(a)) => a.first(),
        Some(o @ Value::Object(_)) => Some(o),
        _ => None,
    }
}

/// Lints every inference cluster and azapi compute of a plan.
pub(crate) fn lint(doc: &Document, file: &str, opts: &Options, report: &mut FileReport) {
    let plan = &doc.value;
    let mut mods = Vec::new();
    if let Some(root) = plan.pointer("/planned_values/root_module") {
        modules(root, "/planned_values/root_module".into(), &mut mods, 0);
    }
    let changes: HashMap<&str, &Value> = plan
        .get("resource_changes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| Some((c.get("address")?.as_str()?, c)))
        .collect();
    let configs = config_index(plan);
    let mut planned = Vec::new();
    for (m, mptr) in &mods {
        let Some(rs) = m.get("resources").and_then(Value::as_array) else { continue };
        for (i, r) in rs.iter().enumerate() {
            if r.get("mode").and_then(Value::as_str).is_some_and(|m| m != "managed") {
                continue;
            }
            let address = r.get("address").and_then(Value::as_str).unwrap_or("").to_string();
            let module = m.get("address").and_then(Value::as_str).map(|a| format!("{a}.")).unwrap_or_default();
            let after_unknown = changes.get(address.as_str()).and_then(|c| c.pointer("/change/after_unknown"));
            let sensitive =
                r.get("sensitive_values").or_else(|| changes.get(address.as_str()).and_then(|c| c.pointer("/change/after_sensitive")));
            planned.push(Planned {
                rtype: r.get("type").and_then(Value::as_str).unwrap_or("").to_string(),
                values: r.get("values").unwrap_or(&Value::Null),
                ptr: format!("{mptr}/resources/{i}/values"),
                after_unknown,
                sensitive,
                expressions: configs.get(&without_keys(&address)).and_then(|c| c.get("expressions")),
                address,
                module,
            });
        }
    }
    for p in &planned {
        let is_azapi_compute = p.rtype == "azapi_resource"
            && p.values
                .get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.to_ascii_lowercase().starts_with("microsoft.machinelearningservices/workspaces/computes@"));
        if p.rtype != INFERENCE && !is_azapi_compute {
            continue;
        }
        let mut m = Mapped { resource: p.address.clone(), pointer: p.ptr.clone(), ..Mapped::default() };
        if let Some(marks) = p.sensitive {
            sensitive_texts(p.values, marks, &mut m.sensitive, 0);
        }
        if p.rtype == INFERENCE {
            m.attach = true;
            m.put(&["name"], attr(p, "name").as_ref(), format!("{}/name", p.ptr));
            m.put(&["cluster_purpose"], attr(p, "cluster_purpose").as_ref(), format!("{}/cluster_purpose", p.ptr));
            m.workspace = workspace(&planned, p);
            if let Some(ssl) = block(p.values, "ssl") {
                let sp = format!("{}/ssl/0", p.ptr);
                m.locate("ssl", sp.clone());
                let later = p.after_unknown.and_then(|a| block(a, "ssl"));
                for k in ["cname", "cert", "key", "leaf_domain_label", "overwrite_existing_domain"] {
                    // The provider writes "" for an unset string in a block: that is no value.
                    // A value known only after apply (a certificate from a `tls_` resource of
                    // the same plan) is absent from the values and `true` in `after_unknown`.
                    let v = match ssl.get(k).filter(|v| v.as_str() != Some("") && !v.is_null()) {
                        Some(v) => Some(v.clone()),
                        None if later.and_then(|l| l.get(k)) == Some(&Value::Bool(true)) => {
                            Some(unknown(format!("{}.ssl.{k} is known only after apply", p.address)))
                        }
                        None => None,
                    };
                    m.put(&["ssl", k], v.as_ref(), format!("{sp}/{k}"));
                }
                // The provider marks neither sensitive, but they are the TLS secrets.
                for k in ["cert", "key"] {
                    if let Some(t) = ssl.get(k).and_then(Value::as_str).filter(|t| !t.is_empty()) {
                        m.sensitive.push(t.to_string());
                    }
                }
            }
            let id = attr(p, "kubernetes_cluster_id");
            m.put(&["resource_id"], id.as_ref(), format!("{}/kubernetes_cluster_id", p.ptr));
            link_cluster(&planned, p, "kubernetes_cluster_id", id.as_ref().and_then(Value::as_str), &mut m);
        } else {
            let body = match p.values.get("body") {
                Some(Value::String(s)) => serde_json::from_str(s).unwrap_or(Value::Null),
                Some(v) => v.clone(),
                None => Value::Null,
            };
            if !map::is_aks(&body) {
                continue;
            }
            let body_ptr = format!("{}/body", p.ptr);
            let name = attr(p, "name").unwrap_or(Value::Null);
            map::compute(&mut m, &name, format!("{}/name", p.ptr), &body, &body_ptr);
            m.api_version = p.values.get("type").and_then(Value::as_str).and_then(|t| t.split_once('@')).map(|(_, v)| v.to_string());
            if m.attach {
                let id = m.config.get("resource_id").and_then(Value::as_str).map(String::from);
                link_cluster(&planned, p, "body", id.as_deref(), &mut m);
            }
        }
        check::run(&m, doc, file, opts, report);
    }
}

/// Every text of `values` that `marks` (the plan's sensitivity tree, `true` at a sensitive
/// value, mirroring the values' shape) says is sensitive.
fn sensitive_texts(values: &Value, marks: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 32 {
        return;
    }
    match (marks, values) {
        (Value::Bool(true), v) => leaf_texts(v, out, depth),
        (Value::Object(mk), Value::Object(vs)) => {
            for (k, x) in mk {
                if let Some(v) = vs.get(k) {
                    sensitive_texts(v, x, out, depth + 1);
                }
            }
        }
        (Value::Array(mk), Value::Array(vs)) => {
            for (x, v) in mk.iter().zip(vs) {
                sensitive_texts(v, x, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn leaf_texts(v: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 32 {
        return;
    }
    match v {
        Value::String(s) if !s.is_empty() => out.push(s.clone()),
        Value::Number(n) => out.push(n.to_string()),
        Value::Array(a) => a.iter().for_each(|x| leaf_texts(x, out, depth + 1)),
        Value::Object(o) => o.values().for_each(|x| leaf_texts(x, out, depth + 1)),
        _ => {}
    }
}

/// The workspace an inference cluster names by `machine_learning_workspace_id` (required by
/// the provider): its subscription, group and name from the ID, its region from the
/// `azurerm_machine_learning_workspace` the ID refers to when the plan declares it. The
/// inference cluster's own `location` is the compute resource's, which the provider takes as
/// given: it says nothing sure of the workspace's region.
fn workspace(planned: &[Planned<'_>], p: &Planned<'_>) -> Option<Value> {
    let mut refs = Vec::new();
    if let Some(e) = p.expressions.and_then(|e| e.get("machine_learning_workspace_id")) {
        references(e, &mut refs);
    }
    let declared = refs.iter().find_map(|r| {
        let addr = format!("{}{}", p.module, r.strip_suffix(".id").unwrap_or(r));
        planned.iter().find(|c| c.rtype == WORKSPACE && c.address == addr)
    });
    let id = p.values.get("machine_learning_workspace_id").and_then(Value::as_str);
    let region = declared.and_then(|w| w.values.get("location")).and_then(Value::as_str);
    let mut ws = Map::new();
    if let Some(id) = id {
        let parts: Vec<&str> = id.trim_matches('/').split('/').collect();
        let after = |name: &str| parts.iter().position(|s| s.eq_ignore_ascii_case(name)).and_then(|i| parts.get(i + 1)).copied();
        for (key, seg) in [("subscription_id", "subscriptions"), ("resource_group", "resourceGroups"), ("name", "workspaces")] {
            if let Some(v) = after(seg).filter(|v| !v.is_empty()) {
                ws.insert(key.into(), Value::String(v.to_string()));
            }
        }
    }
    if let Some(r) = region {
        ws.insert("location".into(), Value::String(r.to_string()));
    }
    (!ws.is_empty()).then_some(Value::Object(ws))
}

/// Finds the `azurerm_kubernetes_cluster` an attribute refers to: through the configuration's
/// references (the ID is unknown until apply when the plan creates the cluster), else by the
/// cluster ID's name.
fn link_cluster(planned: &[Planned<'_>], p: &Planned<'_>, attr_name: &str, id: Option<&str>, m: &mut Mapped) {
    let id_ptr = m.at.iter().find(|(f, _)| f == "resource_id").map(|(_, x)| x.clone()).unwrap_or_else(|| format!("{}/{attr_name}", p.ptr));
    if let Some(id) = id {
        m.deployment_scoped_id = check::deployment_scoped(id);
    }
    let mut refs = Vec::new();
    if let Some(e) = p.expressions.and_then(|e| e.get(attr_name)) {
        references(e, &mut refs);
    }
    let by_ref = refs.iter().find_map(|r| {
        let addr = format!("{}{}", p.module, r.strip_suffix(".id").unwrap_or(r));
        planned.iter().find(|c| c.rtype == AKS && c.address == addr)
    });
    let by_id = || {
        let name = id?.rsplit('/').next()?;
        planned.iter().find(|c| {
            c.rtype == AKS
                && (c.values.get("id").and_then(Value::as_str) == id
                    || c.values.get("name").and_then(Value::as_str).is_some_and(|n| n.eq_ignore_ascii_case(name)))
        })
    };
    let Some(c) = by_ref.or_else(by_id) else {
        m.cluster_ref = Some((id.map(String::from).or_else(|| refs.first().cloned()).unwrap_or_else(|| "(unknown)".into()), id_ptr));
        return;
    };
    m.cluster_ref = Some((c.address.clone(), id_ptr));
    let cp = &c.ptr;
    let mut pools: Vec<Value> = Vec::new();
    if let Some(dp) = block(c.values, "default_node_pool") {
        pools.push(pool_json(dp, true));
        m.pools.push(PoolAt { pointer: format!("{cp}/default_node_pool/0"), vm_size: "vm_size", count: "node_count" });
    }
    for np in planned.iter().filter(|x| x.rtype == POOL) {
        let mut r = Vec::new();
        if let Some(e) = np.expressions.and_then(|e| e.get("kubernetes_cluster_id")) {
            references(e, &mut r);
        }
        let same = r.iter().any(|x| format!("{}{}", np.module, x.strip_suffix(".id").unwrap_or(x)) == c.address)
            || (np.values.get("kubernetes_cluster_id").is_some_and(|v| !v.is_null())
                && np.values.get("kubernetes_cluster_id") == c.values.get("id"));
        if same {
            pools.push(pool_json(np.values, false));
            m.pools.push(PoolAt { pointer: np.ptr.clone(), vm_size: "vm_size", count: "node_count" });
        }
    }
    let mut api = Map::new();
    let ranges = block(c.values, "api_server_access_profile")
        .and_then(|a| a.get("authorized_ip_ranges"))
        .or_else(|| c.values.get("api_server_authorized_ip_ranges"))
        .filter(|v| !v.is_null());
    if let Some(v) = c.values.get("private_cluster_enabled") {
        api.insert("enablePrivateCluster".into(), v.clone());
    }
    if let Some(v) = c.values.get("private_cluster_public_fqdn_enabled") {
        api.insert("enablePrivateClusterPublicFQDN".into(), v.clone());
    }
    if let Some(v) = ranges {
        api.insert("authorizedIPRanges".into(), v.clone());
    }
    let mut net = Map::new();
    if let Some(np) = block(c.values, "network_profile") {
        for (tf, arm) in [("load_balancer_sku", "loadBalancerSku"), ("service_cidr", "serviceCidr")] {
            if let Some(v) = np.get(tf).filter(|v| !v.is_null()) {
                net.insert(arm.into(), v.clone());
            }
        }
    }
    let known_id = c.values.get("id").and_then(Value::as_str).map(String::from).or_else(|| id.map(String::from));
    let mut cluster = json!({
        "name": c.values.get("name").cloned().unwrap_or(Value::Null),
        "location": c.values.get("location").cloned().unwrap_or(Value::Null),
        "properties": {"agentPoolProfiles": pools, "apiServerAccessProfile": api, "networkProfile": net},
    });
    if let Some(id) = known_id {
        cluster["id"] = Value::String(id);
    }
    let kv = c.values.get("kubernetes_version").filter(|v| !v.is_null()).cloned().or_else(|| {
        c.after_unknown
            .and_then(|a| a.get("kubernetes_version"))
            .filter(|v| **v == Value::Bool(true))
            .map(|_| unknown(format!("{}.kubernetes_version is known only after apply (the region's default)", c.address)))
    });
    if let Some(v) = kv {
        cluster["properties"]["kubernetesVersion"] = v;
    }
    for (field, key) in [
        ("cluster.kubernetes_version", "kubernetes_version"),
        ("cluster.location", "location"),
        ("cluster.private_cluster", "private_cluster_enabled"),
        ("cluster.private_cluster_public_fqdn", "private_cluster_public_fqdn_enabled"),
        ("cluster.authorized_ip_ranges", "api_server_access_profile"),
        ("cluster.load_balancer_sku", "network_profile/0/load_balancer_sku"),
        ("cluster.service_cidr", "network_profile/0/service_cidr"),
        ("cluster.agent_pools", "default_node_pool"),
    ] {
        m.locate(field, format!("{cp}/{key}"));
    }
    m.locate("cluster", cp.clone());
    map::strip_cluster(m, &mut cluster, cp);
    m.cluster = Some(cluster);
}

/// A Terraform node pool block as a ManagedCluster agent pool profile.
fn pool_json(v: &Value, system: bool) -> Value {
    let mut p = Map::new();
    let get = |k: &str| v.get(k).filter(|x| !x.is_null()).cloned();
    if let Some(n) = get("name") {
        p.insert("name".into(), n);
    }
    if let Some(s) = get("vm_size") {
        p.insert("vmSize".into(), s);
    }
    if let Some(c) = get("node_count") {
        p.insert("count".into(), c);
    }
    let mode = if system { Some(Value::String("System".into())) } else { get("mode").or(Some(Value::String("User".into()))) };
    if let Some(m) = mode {
        p.insert("mode".into(), m);
    }
    p.insert("osType".into(), get("os_type").unwrap_or(Value::String("Linux".into())));
    if let Some(a) = get("auto_scaling_enabled").or_else(|| get("enable_auto_scaling")) {
        p.insert("enableAutoScaling".into(), a);
    }
    for (tf, arm) in [("min_count", "minCount"), ("max_count", "maxCount")] {
        if let Some(x) = get(tf) {
            p.insert(arm.into(), x);
        }
    }
    Value::Object(p)
}
