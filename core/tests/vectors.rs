//! Runs every shared vector in `tests/vectors/` (the same files every binding runs) and proves
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! that each code of the registry is produced by one vector and absent from a nearby one.
use akscompute::{validate_value, Operation, Profile};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// Cases the Rust suite skips, with the reason. Empty: Rust runs them all.
const SKIP: &[(&str, &str)] = &[];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn load() -> Vec<(String, Value)> {
    let mut files: Vec<_> = std::fs::read_dir(dir())
        .expect("tests/vectors exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let v: Value =
            serde_json::from_str(&std::fs::read_to_string(&f).expect("readable")).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let Some(cases) = v["cases"].as_array() else { continue };
        let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or("?").to_string();
        for c in cases {
            out.push((stem.clone(), c.clone()));
        }
    }
    out
}

fn key(d: &Value) -> (String, String, String) {
    (d["code"].as_str().unwrap_or("").into(), d["severity"].as_str().unwrap_or("").into(), d["path"].to_string())
}

fn in_scope(only: &Option<Vec<String>>, code: &str) -> bool {
    only.as_ref().is_none_or(|o| o.iter().any(|p| code.starts_with(p.as_str())))
}

#[test]
fn every_vector_passes() {
    let cases = load();
    assert!(cases.len() > 150, "only {} vectors", cases.len());
    let mut failures = Vec::new();
    let mut produced: BTreeSet<String> = BTreeSet::new();
    let mut absent: BTreeSet<String> = BTreeSet::new();
    let mut profiles_seen: BTreeSet<String> = BTreeSet::new();
    let mut ids = BTreeSet::new();
    let all_codes: Vec<&str> = akscompute::rule_registry().iter().map(|r| r.code).collect();
    for (file, c) in &cases {
        let id = format!("{file}/{}", c["id"].as_str().unwrap_or("?"));
        assert!(ids.insert(id.clone()), "duplicate vector id {id}");
        if SKIP.iter().any(|(s, _)| *s == id) {
            continue;
        }
        let op: Operation = c["operation"].as_str().unwrap_or("").parse().unwrap_or_else(|e| panic!("{id}: {e}"));
        let profiles: Vec<String> = c["profiles"]
            .as_array()
            .map(|a| a.iter().filter_map(|p| p.as_str().map(String::from)).collect())
            .unwrap_or_else(|| vec!["2021-11".into()]);
        let only: Option<Vec<String>> = c["only"].as_array().map(|a| a.iter().filter_map(|p| p.as_str().map(String::from)).collect());
        for p in &profiles {
            p.parse::<Profile>().unwrap_or_else(|e| panic!("{id}: {e}"));
            profiles_seen.insert(p.clone());
            let mut ctx = c.get("context").cloned().unwrap_or_else(|| json!({}));
            if ctx.get("profile").is_none() {
                ctx["profile"] = json!(p);
            }
            let result = validate_value(op, &c["config"], Some(&ctx));
            let tag = format!("{id} [{p}]");
            if let Some(ee) = c.get("expect_error") {
                match result {
                    Ok(v) => failures.push(format!("{tag}: expected a shape error, got {:?}", v.codes())),
                    Err(e) => {
                        let kind = ee["kind"].as_str().unwrap_or("");
                        if e.code() != kind {
                            failures.push(format!("{tag}: first error kind {} != {kind}: {e}", e.code()));
                        }
                        let want: BTreeSet<String> =
                            ee["paths"].as_array().map(|a| a.iter().map(|x| x.to_string()).collect()).unwrap_or_default();
                        let got: BTreeSet<String> =
                            e.errors.iter().map(|x| serde_json::to_value(&x.path).map(|v| v.to_string()).unwrap_or_default()).collect();
                        if want != got {
                            failures.push(format!("{tag}: error paths {got:?} != {want:?}"));
                        }
                    }
                }
                continue;
            }
            let v = match result {
                Ok(v) => v,
                Err(e) => {
                    failures.push(format!("{tag}: unexpected shape error: {e}"));
                    continue;
                }
            };
            if let Some(valid) = c["valid"].as_bool() {
                if v.is_valid() != valid {
                    failures.push(format!("{tag}: valid {} != {valid}: {:?}", v.is_valid(), v.first_error().map(|d| &d.message)));
                }
            }
            let got_json = serde_json::to_value(&v.diagnostics).unwrap_or_default();
            let got: Vec<(String, String, String)> =
                got_json.as_array().into_iter().flatten().filter(|d| in_scope(&only, d["code"].as_str().unwrap_or(""))).map(key).collect();
            let want: Vec<(String, String, String)> = c["expect"].as_array().into_iter().flatten().map(key).collect();
            let same = if c["ordered"].as_bool() == Some(true) {
                got == want
            } else {
                let count = |l: &Vec<(String, String, String)>| {
                    l.iter().fold(BTreeMap::new(), |mut m, k| {
                        *m.entry(k.clone()).or_insert(0) += 1;
                        m
                    })
                };
                count(&got) == count(&want)
            };
            // A golden case from azureml-core knows the verdict and first message, not the full list.
            if !same && c.get("expect").is_some() {
                failures.push(format!("{tag}:\n     got  {got:?}\n     want {want:?}"));
            }
            if let Some(m) = c["first_message"].as_str() {
                let first = v.first_error().map(|d| d.message.as_ref()).unwrap_or("");
                if first != m {
                    failures.push(format!("{tag}: first message {first:?} != {m:?}"));
                }
            }
            // Every diagnostic is complete: a message, and params that serialize to an object.
            for d in &v.diagnostics {
                if d.message.is_empty() || d.message.contains('{') && d.message.contains('}') && !d.message.contains("\"vcpus\"") {
                    failures.push(format!("{tag}: {} has an unfilled message: {}", d.code, d.message));
                }
            }
            for code in &all_codes {
                if !in_scope(&only, code) || c.get("expect").is_none() {
                    continue;
                }
                if got.iter().any(|g| g.0 == *code) {
                    produced.insert(code.to_string());
                } else {
                    absent.insert(code.to_string());
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} vector failures:\n  {}", failures.len(), failures.join("\n  "));
    let unproduced: Vec<&&str> = all_codes.iter().filter(|c| !produced.contains(**c)).collect();
    assert!(unproduced.is_empty(), "codes no vector produces: {unproduced:?}");
    let never_absent: Vec<&&str> = all_codes.iter().filter(|c| !absent.contains(**c)).collect();
    assert!(never_absent.is_empty(), "codes no vector proves absent: {never_absent:?}");
    for p in Profile::ALL {
        assert!(profiles_seen.contains(p.as_str()), "no vector runs under profile {p}");
    }
}
