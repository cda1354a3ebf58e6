//! The ARM schema of the compute PUT body, made strict: the Swagger 2.0 definitions of
//! `tests/schema/` as JSON Schema with objects closed (`additionalProperties: false`),
//! `x-nullable` as null allowed, the `AKS` variant of the polymorphic `Compute` chosen, and the
//! older api-versions derived by their recorded differences (tests/schema/README.md). The
//! emulator checks request bodies with it; core's request tests use it too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use serde_json::{json, Map, Value};

/// The api-versions the schema knows, oldest first.
pub const API_VERSIONS: [&str; 4] = ["2020-02-02", "2021-01-01", "2025-12-01", "2026-07-01"];

fn legacy(v: &str) -> bool {
    v <= "2021-01-01"
}

/// The schema files, compiled in so that the emulator binary runs from anywhere.
fn read_json(rel: &str) -> Value {
    let text = match rel {
        "tests/schema/common-types_resource-management_v3_types.json" => {
            include_str!("../../schema/common-types_resource-management_v3_types.json")
        }
        "tests/schema/common-types_resource-management_v3_managedidentity.json" => {
            include_str!("../../schema/common-types_resource-management_v3_managedidentity.json")
        }
        "tests/schema/2026-07-01_openapi.compute-excerpt.json" => include_str!("../../schema/2026-07-01_openapi.compute-excerpt.json"),
        other => panic!("no schema file {other}"),
    };
    serde_json::from_str(text).unwrap()
}

fn rewrite_refs(v: &mut Value) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get_mut("$ref") {
                if let Some(i) = r.find("#/definitions/") {
                    *r = r[i..].to_string();
                }
            }
            // Swagger's x-nullable: JSON Schema spells it as "null is allowed too".
            if m.get("x-nullable") == Some(&json!(true)) {
                if let Some(t) = m.get("type").cloned() {
                    m.insert("type".into(), json!([t, "null"]));
                } else if let Some(r) = m.remove("$ref") {
                    m.insert("anyOf".into(), json!([{"$ref": r}, {"type": "null"}]));
                }
            }
            m.remove("discriminator");
            for x in m.values_mut() {
                rewrite_refs(x);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(rewrite_refs),
        _ => {}
    }
}

fn definitions() -> Map<String, Value> {
    let mut defs = Map::new();
    for f in [
        "common-types_resource-management_v3_types.json",
        "common-types_resource-management_v3_managedidentity.json",
        "2026-07-01_openapi.compute-excerpt.json",
    ] {
        let d = read_json(&format!("tests/schema/{f}"));
        for (k, v) in d["definitions"].as_object().unwrap() {
            defs.insert(k.clone(), v.clone());
        }
    }
    let mut v = Value::Object(defs);
    rewrite_refs(&mut v);
    v.as_object().unwrap().clone()
}

/// A definition with its allOf parents merged in, closed to unknown properties.
fn flatten(defs: &Map<String, Value>, name: &str) -> Value {
    let d = &defs[name];
    let mut props = Map::new();
    let mut required: Vec<Value> = Vec::new();
    for parent in d["allOf"].as_array().into_iter().flatten() {
        let pname = parent["$ref"].as_str().unwrap().trim_start_matches("#/definitions/");
        let p = flatten(defs, pname);
        props.extend(p["properties"].as_object().cloned().unwrap_or_default());
        required.extend(p["required"].as_array().cloned().unwrap_or_default());
    }
    props.extend(d["properties"].as_object().cloned().unwrap_or_default());
    required.extend(d["required"].as_array().cloned().unwrap_or_default());
    let mut out = json!({"type": "object", "properties": props, "additionalProperties": false});
    if !required.is_empty() {
        out["required"] = Value::Array(required); // draft 4 wants a non-empty list
    }
    out
}

/// The strict body schema of one api-version (older ones derived, see tests/schema/README.md):
/// the swagger as written, which our own request builders are held to.
pub fn body_schema(v: &str) -> Value {
    schema_of(v, false)
}

/// The body schema of one api-version as the service applies it: the same as
/// [`body_schema`] but for the older api-versions, where it also takes the keys azureml-core
/// 1.61 writes (aks.py `_build_create_payload`, `_build_attach_payload`: `agentVmSize`,
/// `clusterPurpose`, `loadBalancerType`, `loadBalancerSubnet`, a leaf domain label with status
/// `Auto`), because 1.61 sends them at 2020-02-02 and the service took them from every one of
/// its users: azureml-core is the reference client, and its creates and attaches work. What
/// no client of the service could send (unknown keys, wrong types, values outside an enum or a
/// pattern) stays refused.
pub fn service_body_schema(v: &str) -> Value {
    schema_of(v, true)
}

fn schema_of(v: &str, service: bool) -> Value {
    let mut defs = definitions();
    for closed in ["AKSSchemaProperties", "SslConfiguration", "AksNetworkingConfiguration"] {
        defs.get_mut(closed).unwrap()["additionalProperties"] = json!(false);
    }
    // The one field the spec lacks that the service takes: azureml-core renews a Microsoft
    // certificate with `renew: true` (aks-compute-schema.md §7).
    defs.get_mut("SslConfiguration").unwrap()["properties"]["renew"] = json!({"type": "boolean"});
    if service {
        // Resource Manager's contract is that a GET body can be PUT back, and the service
        // answers null for the purpose and the load balancer of a compute that has none set
        // (an attached one's), so it takes null for them too.
        let p = defs.get_mut("AKSSchemaProperties").unwrap()["properties"].as_object_mut().unwrap();
        for k in ["clusterPurpose", "loadBalancerType"] {
            let t = p[k].take();
            p[k] = json!({"anyOf": [t, {"type": "null"}]});
        }
    }
    let mut aks = flatten(&defs, "AKS");
    aks["properties"]["computeType"] = json!({"enum": ["AKS"]});
    let mut env = flatten(&defs, "ComputeResource");
    env["properties"]["properties"] = json!({"$ref": "#/definitions/AKSFlat"});
    if legacy(v) {
        let p = defs.get_mut("AKSSchemaProperties").unwrap()["properties"].as_object_mut().unwrap();
        if service {
            // Both spellings: the swagger's and the one azureml-core 1.61 sends.
            let size = p["agentVmSize"].clone();
            p.insert("agentVMSize".into(), size);
        } else {
            let size = p.remove("agentVmSize").unwrap();
            p.insert("agentVMSize".into(), size);
            for k in ["clusterPurpose", "loadBalancerType", "loadBalancerSubnet"] {
                p.remove(k);
            }
        }
        p["agentCount"]["minimum"] = json!(1);
        if !service {
            let s = defs.get_mut("SslConfiguration").unwrap()["properties"].as_object_mut().unwrap();
            s.remove("leafDomainLabel");
            s.remove("overwriteExistingDomain");
            defs.get_mut("SslConfigStatus").unwrap()["enum"] = json!(["Disabled", "Enabled"]);
        }
        aks["properties"].as_object_mut().unwrap().remove("disableLocalAuth");
    }
    defs.insert("AKSFlat".into(), aks);
    env["definitions"] = Value::Object(defs);
    env
}

fn resolve<'a>(schema: &'a Value, defs: &'a Value) -> &'a Value {
    let mut s = schema;
    for _ in 0..8 {
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            s = &defs[r.trim_start_matches("#/definitions/")];
        } else if let Some(a) = s.get("anyOf").and_then(Value::as_array) {
            s = &a[0];
        } else {
            break;
        }
    }
    s
}

/// Every read-only property present in a body.
pub fn read_only_in(body: &Value, schema: &Value, defs: &Value, path: &str, out: &mut Vec<String>) {
    let s = resolve(schema, defs);
    if let (Some(b), Some(props)) = (body.as_object(), s.get("properties").and_then(Value::as_object)) {
        for (k, v) in b {
            if let Some(ps) = props.get(k) {
                if ps.get("readOnly") == Some(&json!(true)) || resolve(ps, defs).get("readOnly") == Some(&json!(true)) {
                    out.push(format!("{path}.{k}"));
                }
                read_only_in(v, ps, defs, &format!("{path}.{k}"), out);
            }
        }
    }
}

/// The most problems one answer lists.
pub const MAX_PROBLEMS: usize = 20;

/// A body path as shown in a message: its keys come from the body, so they are kept short.
fn clip(s: &str) -> String {
    if s.chars().count() <= 120 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(120).collect::<String>())
    }
}

/// Validators for every api-version.
pub struct Checker {
    /// Per api-version: the strict validator, and the schema it was built from.
    pub schemas: Vec<(&'static str, jsonschema::Validator, Value)>,
    /// Per api-version: the validator of what the service accepts ([`service_body_schema`]).
    pub service: Vec<(&'static str, jsonschema::Validator)>,
}

impl Checker {
    pub fn new() -> Self {
        let schemas = API_VERSIONS
            .iter()
            .map(|v| {
                let s = body_schema(v);
                let val = jsonschema::options().with_draft(jsonschema::Draft::Draft4).build(&s).unwrap_or_else(|e| panic!("{v}: {e}"));
                (*v, val, s)
            })
            .collect();
        let service = API_VERSIONS
            .iter()
            .map(|v| {
                let s = service_body_schema(v);
                (*v, jsonschema::options().with_draft(jsonschema::Draft::Draft4).build(&s).unwrap_or_else(|e| panic!("{v}: {e}")))
            })
            .collect();
        Checker { schemas, service }
    }

    /// The schema violations of a body as the service judges it ([`service_body_schema`]; read-only
    /// fields are not among them: see [`Checker::read_only`]), as messages like
    /// [`Checker::problems`]'s.
    pub fn service_problems(&self, v: &str, body: &Value) -> Vec<String> {
        let Some((_, val)) = self.service.iter().find(|(x, _)| *x == v) else {
            return vec!["the api-version is not one this schema knows".into()];
        };
        val.iter_errors(body)
            .take(MAX_PROBLEMS)
            .map(|e| format!("{} breaks the schema rule {}", clip(&e.instance_path().to_string()), clip(&e.schema_path().to_string())))
            .collect()
    }

    /// The body paths of the read-only fields a body carries (`.id`, `.properties.createdOn`), at
    /// most [`MAX_PROBLEMS`].
    pub fn read_only(&self, v: &str, body: &Value) -> Vec<String> {
        let Some((_, _, schema)) = self.schemas.iter().find(|(x, _, _)| *x == v) else {
            return Vec::new();
        };
        let mut ro = Vec::new();
        read_only_in(body, schema, &schema["definitions"], "", &mut ro);
        ro.truncate(MAX_PROBLEMS);
        ro.into_iter().map(|p| clip(&p)).collect()
    }
    /// Every schema violation and read-only field of a body, as messages (empty: it is valid).
    /// A message names where in the body and which schema rule, never the value there: a body
    /// carries the TLS key, and an answer must not hand it back. At most [`MAX_PROBLEMS`].
    pub fn problems(&self, v: &str, body: &Value) -> Vec<String> {
        let Some((_, val, schema)) = self.schemas.iter().find(|(x, _, _)| *x == v) else {
            return vec!["the api-version is not one this schema knows".into()];
        };
        let mut out: Vec<String> = val
            .iter_errors(body)
            .take(MAX_PROBLEMS)
            .map(|e| format!("{} breaks the schema rule {}", clip(&e.instance_path().to_string()), clip(&e.schema_path().to_string())))
            .collect();
        let mut ro = Vec::new();
        read_only_in(body, schema, &schema["definitions"], "", &mut ro);
        out.extend(ro.into_iter().take(MAX_PROBLEMS).map(|p| format!("read-only field {} sent", clip(&p))));
        out.truncate(MAX_PROBLEMS);
        out
    }

    /// Panics with the problems (for tests).
    pub fn check(&self, v: &str, body: &Value, what: &str) {
        let p = self.problems(v, body);
        assert!(p.is_empty(), "{what} [{v}] breaks the schema: {p:?}\n{body}");
    }
}

impl Default for Checker {
    fn default() -> Self {
        Self::new()
    }
}
