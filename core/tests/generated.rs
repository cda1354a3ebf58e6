//! The artefacts generated from the one definition of each shape are checked in; this test
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! regenerates them and fails when one is stale (`make generate` rewrites them), and checks
//! that every shared vector's configuration and context validates against its JSON Schema.
use akscompute::schema::{json_schema, json_schema_text, python_module, typescript, Shape};
use serde_json::Value;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every generated file and its expected content.
fn artefacts() -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> =
        Shape::ALL.iter().map(|s| (root().join("schemas").join(s.schema_file()), json_schema_text(*s))).collect();
    out.push((root().join("bindings/wasm/src/shapes.d.ts"), typescript()));
    out.push((root().join("python/akscompute/_shapes.py"), python_module()));
    out
}

#[test]
fn generated_files_are_fresh() {
    let regenerate = std::env::var_os("AKSCOMPUTE_REGENERATE").is_some();
    let mut stale = Vec::new();
    for (path, want) in artefacts() {
        let got = std::fs::read_to_string(&path).unwrap_or_default();
        if got != want {
            if regenerate {
                std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
                std::fs::write(&path, &want).expect("write");
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(stale.is_empty(), "stale generated files (run `make generate`): {stale:?}");
}

fn vectors() -> Vec<(String, Value)> {
    let dir = root().join("tests/vectors");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.retain(|p| p.extension().is_some_and(|x| x == "json"));
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        for c in v["cases"].as_array().into_iter().flatten() {
            let id = format!("{}/{}", f.file_stem().and_then(|s| s.to_str()).unwrap_or("?"), c["id"].as_str().unwrap_or("?"));
            out.push((id, c.clone()));
        }
    }
    out
}

fn validator(shape: Shape) -> jsonschema::Validator {
    jsonschema::draft202012::new(&json_schema(shape)).unwrap_or_else(|e| panic!("{shape} schema: {e}"))
}

fn shape_of(op: &str) -> Shape {
    match op {
        "delete" => Shape::Detach,
        other => other.parse().unwrap_or_else(|e| panic!("{e}")),
    }
}

#[test]
fn every_vector_validates_against_its_schema() {
    let context = validator(Shape::Context);
    let mut checked = 0;
    let mut failures = Vec::new();
    for (id, c) in vectors() {
        let Some(op) = c["operation"].as_str() else { continue };
        let config = validator(shape_of(op));
        let kind = c["expect_error"]["kind"].as_str();
        let errors: Vec<String> = config.iter_errors(&c["config"]).map(|e| format!("config{}: {e}", e.instance_path())).collect();
        let ctx = c.get("context").cloned().unwrap_or(Value::Null);
        let ctx_errors: Vec<String> = context.iter_errors(&ctx).map(|e| format!("context{}: {e}", e.instance_path())).collect();
        match kind {
            // The schema states fields and JSON types: what the reader refuses as such, it refuses.
            Some("unknown_field") | Some("wrong_type") => {
                if errors.is_empty() && ctx_errors.is_empty() {
                    failures.push(format!("{id}: the reader refuses it ({kind:?}) but the schemas accept it"));
                }
            }
            // Values (a malformed time, a count beyond 64 bits) are the reader's, not the schema's.
            Some(_) => {}
            None => {
                if !errors.is_empty() || !ctx_errors.is_empty() {
                    failures.push(format!("{id}: {errors:?} {ctx_errors:?}"));
                }
            }
        }
        checked += 1;
    }
    assert!(checked > 150, "only {checked} vectors");
    assert!(failures.is_empty(), "{} vectors disagree with the schemas:\n  {}", failures.len(), failures.join("\n  "));
}

#[test]
fn schemas_accept_their_own_schema_line() {
    for s in Shape::ALL {
        let v = validator(s);
        let doc = serde_json::json!({"$schema": format!("./node_modules/akscompute/schemas/{}", s.schema_file())});
        assert!(v.is_valid(&doc), "{s}");
    }
    let cfg = serde_json::json!({"$schema": "./create.schema.json", "name": "myaks"});
    assert!(akscompute::CreateConfig::from_value(&cfg).is_ok());
}

#[test]
fn every_field_of_every_shape_is_in_its_schema() {
    for s in Shape::ALL {
        let schema = json_schema(s);
        for f in s.def().fields {
            assert!(schema["properties"].get(f.name).is_some(), "{s}.{}", f.name);
        }
    }
}
