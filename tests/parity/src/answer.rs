//! One answer per input, in the form every harness writes (see README.md):
//! `{"id", "ok": {"valid", "diagnostics": [[code, severity, path, message, fix]]}}`,
//! `{"id", "misuse": {"kind", "errors": [[kind, field]]}}` or `{"id", "crash": text}`, where a
//! misuse error's `field` is the dotted text (`cluster.agent_pools[1].vm_size`, `(configuration)`
//! for the root): UniFFI's `ShapeProblem` carries only that form.
use akscompute::{Operation, PathSeg, Validation};
use serde_json::{json, Value};

fn path(p: &akscompute::Path) -> Value {
    Value::Array(
        p.0.iter()
            // A key as a string, an index as a number (PathSeg's serde form; it is non_exhaustive).
            .map(|s: &PathSeg| serde_json::to_value(s).unwrap_or_default())
            .collect(),
    )
}

fn ok(v: &Validation) -> Value {
    let ds: Vec<Value> = v.diagnostics.iter().map(|d| json!([d.code, d.severity.as_str(), path(&d.path), d.message(), d.fix()])).collect();
    json!({"valid": v.is_valid(), "diagnostics": ds})
}

/// The core's answer to one input line (the reference every binding is compared with).
pub fn core(line: &Value) -> Value {
    let id = line.get("id").cloned().unwrap_or(Value::Null);
    let op = line.get("op").and_then(Value::as_str).unwrap_or_default();
    let Some(config) = line.get("config").and_then(Value::as_str) else {
        return json!({"id": id, "crash": "the input line has no config text"});
    };
    let context = line.get("context").and_then(Value::as_str);
    let op: Operation = match op.parse() {
        Ok(op) => op,
        Err(_) => return json!({"id": id, "misuse": {"kind": "bad_value", "errors": []}}),
    };
    match akscompute::validate_json(op, config, context) {
        Ok(v) => json!({"id": id, "ok": ok(&v)}),
        Err(e) => {
            let errors: Vec<Value> = e.errors.iter().map(|x| json!([x.kind.as_str(), x.path.to_string()])).collect();
            json!({"id": id, "misuse": {"kind": e.code(), "errors": errors}})
        }
    }
}
