//! ARM templates: every AKS compute, in the top-level resources, as a child of a workspace,
//! and in nested deployments with inline templates (inner and outer expression scope).
use super::check;
use super::codes::{diagnostic, rule_of};
use super::expr::{as_unknown, split_id, unknown, Declared, Scope, World};
use super::json::{escape, Document};
use super::map::{self, Mapped, PoolAt};
use super::{FileReport, Finding, Options};
use crate::diagnostic::Path;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

const COMPUTES: &str = "Microsoft.MachineLearningServices/workspaces/computes";
const CLUSTERS: &str = "Microsoft.ContainerService/managedClusters";
const POOLS: &str = "Microsoft.ContainerService/managedClusters/agentPools";
const DEPLOYMENTS: &str = "Microsoft.Resources/deployments";

/// A resource as found while walking.
struct Item<'d> {
    raw: &'d Value,
    ptr: String,
    /// Index into `world.resources`.
    declared: usize,
}

/// Parameter values: the file's `value`s over the template's `defaultValue`s.
fn parameters(world: &World<'_>, scope: usize, template: &Value, given: &Map<String, Value>) -> HashMap<String, Value> {
    let mut out: HashMap<String, Value> = HashMap::new();
    for (k, v) in given {
        let val = match (v.get("value"), v.get("reference")) {
            (Some(x), _) => x.clone(),
            (None, Some(_)) => unknown(format!("the parameter '{}' is read from Key Vault at deployment", crate::text::clip(k, 60))),
            (None, None) => continue,
        };
        out.insert(k.to_ascii_lowercase(), val);
    }
    if let Some(decl) = template.get("parameters").and_then(Value::as_object) {
        for (k, d) in decl {
            let key = k.to_ascii_lowercase();
            if out.contains_key(&key) {
                continue;
            }
            if let Some(def) = d.get("defaultValue") {
                // A default may use other parameters and functions, not variables.
                out.insert(key, world.eval_deep(def, scope));
            }
        }
    }
    out
}

fn given(doc: Option<&Document>) -> Map<String, Value> {
    let Some(d) = doc else { return Map::new() };
    match d.value.get("parameters").and_then(Value::as_object) {
        Some(p) => p.clone(),
        None => d.value.as_object().cloned().unwrap_or_default(),
    }
}

fn name_text(v: &Value, raw: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        _ => crate::text::clip(raw.as_str().unwrap_or("?"), 80),
    }
}

/// Walks `resources` (a list, or an object of symbolic names in languageVersion 2.0).
#[allow(clippy::too_many_arguments)]
fn walk<'d>(
    world: &mut World<'d>,
    items: &mut Vec<Item<'d>>,
    resources: &'d Value,
    ptr: &str,
    scope: usize,
    parent: Option<(&str, &str)>,
    file: &str,
    doc: &Document,
    opts: &Options,
    report: &mut FileReport,
    depth: usize,
) {
    if depth > 16 {
        return;
    }
    let list: Vec<(String, &'d Value)> = match resources {
        Value::Array(a) => a.iter().enumerate().map(|(i, r)| (format!("{ptr}/{i}"), r)).collect(),
        Value::Object(o) => o.iter().map(|(k, r)| (format!("{ptr}/{}", escape(k)), r)).collect(),
        _ => return,
    };
    for (rptr, r) in list {
        let t = world.eval_deep(r.get("type").unwrap_or(&Value::Null), scope);
        let n = world.eval_deep(r.get("name").unwrap_or(&Value::Null), scope);
        let (Some(t), nv) = (t.as_str(), &n) else { continue };
        let name = name_text(nv, r.get("name").unwrap_or(&Value::Null));
        let (rtype, name) = match parent {
            Some((pt, pn)) if !t.contains('/') => (format!("{pt}/{t}"), format!("{pn}/{name}")),
            _ => (t.to_string(), name),
        };
        if r.get("existing").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        if matches!(world.eval_deep(r.get("condition").unwrap_or(&Value::Bool(true)), scope), Value::Bool(false)) {
            continue;
        }
        world.resources.push(Declared { rtype: rtype.clone(), name: name.clone(), raw: r, scope });
        items.push(Item { raw: r, ptr: rptr.clone(), declared: world.resources.len() - 1 });
        if rtype.eq_ignore_ascii_case(DEPLOYMENTS) {
            deployment(world, items, r, &rptr, scope, file, doc, opts, report, depth);
        }
        if let Some(children) = r.get("resources") {
            walk(world, items, children, &format!("{rptr}/resources"), scope, Some((&rtype, &name)), file, doc, opts, report, depth + 1);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn deployment<'d>(
    world: &mut World<'d>,
    items: &mut Vec<Item<'d>>,
    r: &'d Value,
    rptr: &str,
    scope: usize,
    file: &str,
    doc: &Document,
    opts: &Options,
    report: &mut FileReport,
    depth: usize,
) {
    let Some(props) = r.get("properties") else { return };
    if let Some(link) = props.get("templateLink") {
        let uri =
            world.eval_deep(link.get("uri").or_else(|| link.get("relativePath")).or_else(|| link.get("id")).unwrap_or(&Value::Null), scope);
        let uri = match &uri {
            Value::String(s) => crate::text::clip(s, 120),
            v if as_unknown(v).is_some() => "(a URI known only at deployment)".to_string(),
            _ => "(no URI)".to_string(),
        };
        let pointer = format!("{rptr}/properties/templateLink");
        let d = diagnostic(rule_of("IAC002"), opts.locale.as_deref(), Path::root(), vec![("uri", uri.into())]);
        report.findings.push(Finding {
            pos: Some(doc.nearest(&pointer)),
            diagnostic: d,
            file: file.into(),
            pointer,
            resource: Some(format!("{DEPLOYMENTS} '{}'", world.resources.last().map(|d| d.name.as_str()).unwrap_or(""))),
            suppressed: None,
            related: vec![],
        });
        return;
    }
    let Some(template) = props.get("template").filter(|t| t.is_object()) else { return };
    let inner =
        props.pointer("/expressionEvaluationOptions/scope").and_then(Value::as_str).is_some_and(|s| s.eq_ignore_ascii_case("inner"));
    let nscope = if inner {
        // Inner scope: the nested template's own parameters, given by the deployment (its
        // values evaluated in the outer scope), and its own variables.
        let passed: Map<String, Value> = props
            .get("parameters")
            .and_then(Value::as_object)
            .map(|m| m.iter().map(|(k, v)| (k.clone(), world.eval_deep(v, scope))).collect())
            .unwrap_or_default();
        world.scopes.push(Scope::new(HashMap::new(), template.get("variables").and_then(Value::as_object), Some(scope)));
        let idx = world.scopes.len() - 1;
        let p = parameters(world, idx, template, &passed);
        world.scopes[idx].params = p;
        idx
    } else {
        // Outer scope (the default): the nested template sees the parent's parameters and variables.
        scope
    };
    if let Some(res) = template.get("resources") {
        walk(world, items, res, &format!("{rptr}/properties/template/resources"), nscope, None, file, doc, opts, report, depth + 1);
    }
}

/// Lints every AKS compute of a template.
pub(crate) fn lint(doc: &Document, params: Option<(&Document, &str)>, file: &str, opts: &Options, report: &mut FileReport) {
    let t = &doc.value;
    let mut world = World::default();
    world.scopes.push(Scope::new(HashMap::new(), t.get("variables").and_then(Value::as_object), None));
    let p = parameters(&world, 0, t, &given(params.map(|(d, _)| d)));
    world.scopes[0].params = p;
    let mut items = Vec::new();
    if let Some(res) = t.get("resources") {
        walk(&mut world, &mut items, res, "/resources", 0, None, file, doc, opts, report, 0);
    }
    let index = Index::new(&world, &items);
    for it in &items {
        let d = &world.resources[it.declared];
        if !d.rtype.eq_ignore_ascii_case(COMPUTES) {
            continue;
        }
        let body = world.eval_deep(it.raw, d.scope);
        if !map::is_aks(&body) {
            continue;
        }
        let mut m = Mapped { resource: format!("{COMPUTES} '{}'", d.name), pointer: it.ptr.clone(), ..Mapped::default() };
        let own = match body.get("name") {
            Some(Value::String(_)) => Value::String(d.name.rsplit('/').next().unwrap_or("").to_string()),
            Some(other) => other.clone(),
            None => Value::Null,
        };
        map::compute(&mut m, &own, format!("{}/name", it.ptr), &body, &it.ptr);
        if m.attach {
            attach_cluster(&world, &mut m, &items, &index);
        }
        let first = report.findings.len();
        check::run(&m, doc, file, opts, report);
        for f in &mut report.findings[first..] {
            f.related = related(doc, file, params, &f.pointer);
        }
    }
}

/// The names in `parameters('a')` / `variables('b')` calls of an expression.
fn calls<'t>(expr: &'t str, func: &str) -> Vec<&'t str> {
    let lower = expr.to_ascii_lowercase();
    let pat = format!("{func}('");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find(&pat) {
        let start = from + i + pat.len();
        match expr[start..].find('\'') {
            Some(end) => {
                out.push(&expr[start..start + end]);
                from = start + end;
            }
            None => break,
        }
        if out.len() >= 8 {
            break;
        }
    }
    out
}

/// Where the value at `pointer` came from, when it is (inside) an expression over parameters
/// and variables: the parameters file's value, else the parameter's default; the variable (its
/// member, when the finding is about one, and that member's parameters).
fn related(doc: &Document, file: &str, params: Option<(&Document, &str)>, pointer: &str) -> Vec<super::Related> {
    // The nearest value that is written in the file, and the path below it.
    let mut at = pointer;
    while doc.value.pointer(at).is_none() {
        match at.rfind('/') {
            Some(i) => at = &at[..i],
            None => return vec![],
        }
    }
    let rest = &pointer[at.len()..];
    let Some(expr) = doc.value.pointer(at).and_then(Value::as_str).filter(|s| s.trim_start().starts_with('[')) else { return vec![] };
    let mut out = Vec::new();
    // A finding about a member of a variable (vnet.dns_service_ip inside variables('networking'))
    // points at that member and what it is made of; only then at the rest of the expression.
    if !rest.is_empty() {
        for name in calls(expr, "variables") {
            let Some(k) = key_of(&doc.value, "/variables", name) else { continue };
            let member = format!("{k}{rest}");
            if let (Some(pos), Some(v)) = (doc.pos(&member), doc.value.pointer(&member)) {
                out.push(super::Related {
                    file: file.to_string(),
                    pos,
                    pointer: member.clone(),
                    what: format!("variable '{name}', {}", rest.trim_start_matches('/')),
                });
                if let Some(inner) = v.as_str() {
                    param_origins(doc, file, params, inner, &mut out);
                }
            }
        }
        if !out.is_empty() {
            return out;
        }
    }
    param_origins(doc, file, params, expr, &mut out);
    for name in calls(expr, "variables") {
        if let Some(k) = key_of(&doc.value, "/variables", name) {
            if let Some(pos) = doc.pos(&k) {
                out.push(super::Related { file: file.to_string(), pos, pointer: k, what: format!("variable '{name}'") });
            }
        }
    }
    out.truncate(8);
    out
}

fn key_of(v: &Value, path: &str, name: &str) -> Option<String> {
    v.pointer(path)?.as_object()?.keys().find(|k| k.eq_ignore_ascii_case(name)).map(|k| format!("{path}/{}", escape(k)))
}

/// Each `parameters('x')` of an expression: its value in the parameters file, else its default.
fn param_origins(doc: &Document, file: &str, params: Option<(&Document, &str)>, expr: &str, out: &mut Vec<super::Related>) {
    for name in calls(expr, "parameters") {
        let given = params.and_then(|(pd, pname)| {
            let k =
                if pd.value.get("parameters").is_some() { key_of(&pd.value, "/parameters", name)? } else { key_of(&pd.value, "", name)? };
            let ptr = format!("{k}/value");
            pd.pos(&ptr).map(|pos| super::Related {
                file: pname.to_string(),
                pos,
                pointer: ptr,
                what: format!("the value of parameter '{name}'"),
            })
        });
        let default = || {
            let k = key_of(&doc.value, "/parameters", name)?;
            let ptr = format!("{k}/defaultValue");
            doc.pos(&ptr).map(|pos| super::Related {
                file: file.to_string(),
                pos,
                pointer: ptr,
                what: format!("the default of parameter '{name}'"),
            })
        };
        if let Some(r) = given.or_else(default) {
            out.push(r);
        }
    }
}

/// Clusters by lower-case name (to `world.resources`), and their agentPools resources (to
/// `items`): built once, so that many computes do not make the lint quadratic.
struct Index {
    clusters: HashMap<String, usize>,
    pools: HashMap<String, Vec<usize>>,
}

impl Index {
    fn new(world: &World<'_>, items: &[Item<'_>]) -> Self {
        let mut ix = Index { clusters: HashMap::new(), pools: HashMap::new() };
        for (i, it) in items.iter().enumerate() {
            let r = &world.resources[it.declared];
            if r.rtype.eq_ignore_ascii_case(CLUSTERS) {
                ix.clusters.entry(r.name.to_ascii_lowercase()).or_insert(it.declared);
            } else if r.rtype.eq_ignore_ascii_case(POOLS) {
                if let Some((cluster, _)) = r.name.split_once('/') {
                    ix.pools.entry(cluster.to_ascii_lowercase()).or_default().push(i);
                }
            }
        }
        ix
    }
}

/// Finds the cluster an attach names among the declared resources and maps it to the context's
/// `cluster` (ManagedCluster JSON), its separate agentPools resources included.
fn attach_cluster(world: &World<'_>, m: &mut Mapped, items: &[Item<'_>], index: &Index) {
    let Some(id) = m.config.get("resource_id").and_then(Value::as_str).map(String::from) else { return };
    let id_ptr = m.at.iter().find(|(f, _)| f == "resource_id").map(|(_, p)| p.clone()).unwrap_or_else(|| m.pointer.clone());
    m.deployment_scoped_id = check::deployment_scoped(&id);
    m.cluster_ref = Some((id.clone(), id_ptr));
    let Some((rtype, name)) = split_id(&id) else { return };
    if !rtype.eq_ignore_ascii_case(CLUSTERS) {
        return;
    }
    let Some(ci) = world.resources.iter().position(|r| r.rtype.eq_ignore_ascii_case(CLUSTERS) && r.name.eq_ignore_ascii_case(&name)) else {
        return;
    };
    let Some(item) = items.iter().find(|i| i.declared == ci) else { return };
    let c = &world.resources[ci];
    let mut cluster = world.eval_deep(c.raw, c.scope);
    if let Some(o) = cluster.as_object_mut() {
        o.insert("id".into(), Value::String(id.clone()));
        o.insert("name".into(), Value::String(name.clone()));
        o.remove("resources");
    }
    let base = item.ptr.clone();
    let raw_pools = c.raw.pointer("/properties/agentPoolProfiles");
    let n = cluster.pointer("/properties/agentPoolProfiles").and_then(Value::as_array).map_or(0, Vec::len);
    for j in 0..n {
        let pointer = if raw_pools.is_some_and(Value::is_array) {
            format!("{base}/properties/agentPoolProfiles/{j}")
        } else {
            format!("{base}/properties/agentPoolProfiles")
        };
        m.pools.push(PoolAt { pointer, vm_size: "vmSize", count: "count" });
    }
    // Pools declared as their own resources (agentPools children) belong to the cluster too.
    let prefix = format!("{name}/").to_ascii_lowercase();
    for it in index.pools.get(&name.to_ascii_lowercase()).into_iter().flatten().map(|&i| &items[i]) {
        let r = &world.resources[it.declared];
        let body = world.eval_deep(r.raw, r.scope);
        let mut pool = body.get("properties").cloned().unwrap_or_else(|| json!({}));
        if let Some(o) = pool.as_object_mut() {
            o.insert("name".into(), Value::String(r.name[prefix.len()..].to_string()));
        }
        if let Some(props) = cluster.get_mut("properties").and_then(Value::as_object_mut) {
            let list = props.entry("agentPoolProfiles").or_insert_with(|| json!([]));
            if let Some(a) = list.as_array_mut() {
                a.push(pool);
                m.pools.push(PoolAt { pointer: format!("{}/properties", it.ptr), vm_size: "vmSize", count: "count" });
            }
        }
    }
    for (field, ptr) in map::CLUSTER_AT {
        m.locate(field, format!("{base}{ptr}"));
    }
    m.locate("cluster", base.clone());
    map::strip_cluster(m, &mut cluster, &base);
    m.cluster = Some(cluster);
}
