//! Runs every shared vector in `tests/vectors/` (the same files every binding runs) and proves
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! that each code of the registry is produced by one vector and absent from a nearby one.
#[path = "support/vector_files.rs"]
mod vector_files;
use akscompute::{validate_json, validate_value, Operation, Profile};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use vector_files::vector_files;

/// Cases the Rust suite skips, with the reason. Empty: Rust runs them all.
const SKIP: &[(&str, &str)] = &[];

fn load() -> Vec<(String, Value)> {
    let files = vector_files();
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
/// The profiles a vector runs under: its `profiles`, or 2021-11.
fn profiles_of(c: &Value) -> Vec<String> {
    c["profiles"]
        .as_array()
        .map(|a| a.iter().filter_map(|p| p.as_str().map(String::from)).collect())
        .unwrap_or_else(|| vec!["2021-11".into()])
}

/// A vector's context under `profile`, unless the context names its own.
fn context_for(c: &Value, profile: &str) -> Value {
    let mut ctx = c.get("context").cloned().unwrap_or_else(|| json!({}));
    if ctx.get("profile").is_none() {
        ctx["profile"] = json!(profile);
    }
    ctx
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
        let profiles = profiles_of(c);
        let only: Option<Vec<String>> = c["only"].as_array().map(|a| a.iter().filter_map(|p| p.as_str().map(String::from)).collect());
        for p in &profiles {
            p.parse::<Profile>().unwrap_or_else(|e| panic!("{id}: {e}"));
            profiles_seen.insert(p.clone());
            let ctx = context_for(c, p);
            let result = validate_value(op, &c["config"], Some(&ctx));
            let tag = format!("{id} [{p}]");
            // JSON text is read straight into the shapes, by the same reader: it must agree.
            let from_text = validate_json(op, &c["config"].to_string(), Some(&ctx.to_string()));
            if from_text != result {
                failures.push(format!("{tag}: from JSON text {from_text:?} != from a JSON value {result:?}"));
            }
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
                    failures.push(format!("{tag}: valid {} != {valid}: {:?}", v.is_valid(), v.first_error().map(|d| d.message())));
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
                let first = v.first_error().map(|d| d.message()).unwrap_or_default();
                if first != m {
                    failures.push(format!("{tag}: first message {first:?} != {m:?}"));
                }
            }
            // Every diagnostic is complete: a message, and params that serialize to an object.
            for d in &v.diagnostics {
                if d.message().is_empty() || d.message().contains('{') && d.message().contains('}') && !d.message().contains("\"vcpus\"") {
                    failures.push(format!("{tag}: {} has an unfilled message: {}", d.code, d.message()));
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

/// Every vector again in every language (h4-lang): the same codes, severities and paths as in
/// English, every message and fix filled and none left in English, and every code rendered in
/// every language at least once.
#[test]
fn every_code_renders_in_every_language() {
    let langs: Vec<&str> = akscompute::locale::locales().into_iter().filter(|l| *l != "en").collect();
    assert!(langs.len() >= 5, "only {langs:?}");
    let unfilled = |s: &str| {
        // A {name} left in a text is a placeholder the renderer missed; ATT002's URL pattern and
        // CAP006's JSON example are the only braces a text may keep.
        let b = s.as_bytes();
        (0..b.len()).any(|i| {
            b[i] == b'{'
                && s[i + 1..].find('}').is_some_and(|j| {
                    let inner = &s[i + 1..i + 1 + j];
                    !inner.is_empty()
                        && inner.bytes().all(|c| c.is_ascii_lowercase() || c == b'_')
                        && !["guid", "group", "name"].contains(&inner)
                })
        })
    };
    let mut rendered: BTreeSet<(String, String)> = BTreeSet::new();
    let mut failures = Vec::new();
    for (file, c) in load() {
        if c.get("expect_error").is_some() || c.get("context").and_then(|x| x.get("locale")).is_some() {
            continue;
        }
        let Ok(op) = c["operation"].as_str().unwrap_or("").parse::<Operation>() else { continue };
        let id = format!("{file}/{}", c["id"].as_str().unwrap_or("?"));
        let profiles = profiles_of(&c);
        // azureml-core's texts (the sdk profile) are English by design.
        for p in profiles.iter().filter(|p| *p != "sdk") {
            let mut ctx = context_for(&c, p);
            if ctx["profile"] == "sdk" {
                continue;
            }
            let Ok(en) = validate_value(op, &c["config"], Some(&ctx)) else { continue };
            for lang in &langs {
                ctx["locale"] = json!(lang);
                let v = match validate_value(op, &c["config"], Some(&ctx)) {
                    Ok(v) => v,
                    Err(e) => {
                        failures.push(format!("{id} [{lang}]: {e}"));
                        continue;
                    }
                };
                let shape =
                    |v: &akscompute::Validation| v.diagnostics.iter().map(|d| (d.code, d.severity, d.path.clone())).collect::<Vec<_>>();
                if shape(&v) != shape(&en) {
                    failures.push(format!("{id} [{lang}]: other diagnostics than in English"));
                    continue;
                }
                for (d, e) in v.diagnostics.iter().zip(&en.diagnostics) {
                    if d.message().is_empty() || unfilled(&d.message()) || unfilled(&d.fix()) {
                        failures.push(format!("{id} [{lang}] {}: unfilled: {} / {}", d.code, d.message(), d.fix()));
                    }
                    if d.message() == e.message() || (!e.fix().is_empty() && d.fix() == e.fix()) || d.fix().is_empty() != e.fix().is_empty()
                    {
                        failures.push(format!("{id} [{lang}] {}: left in English: {} / {}", d.code, d.message(), d.fix()));
                    }
                    rendered.insert((d.code.to_string(), lang.to_string()));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n  {}", failures.len(), failures.join("\n  "));
    for r in akscompute::rule_registry() {
        for lang in &langs {
            assert!(rendered.contains(&(r.code.to_string(), lang.to_string())), "{} is never rendered in {lang}", r.code);
        }
    }
}
/// The registry is the rule docs: every code carries its description and per-profile
/// severities, and a seed quote names its file and line.
#[test]
fn every_rule_is_documented_in_the_registry() {
    for r in akscompute::rule_registry() {
        let doc = r.doc();
        assert!(doc.description.len() > 20, "{} has no description", r.code);
        assert!(!r.title.is_empty() && !r.source.is_empty(), "{} lacks a title or source", r.code);
        assert!(r.severities.iter().any(Option::is_some), "{} is in no profile", r.code);
        if let Some(q) = doc.seed {
            assert!(q.file.ends_with(".txt") && q.line > 0 && q.quote.len() > 20 && !q.page.is_empty(), "{}: {q:?}", r.code);
        }
    }
    let codes: BTreeSet<&str> = akscompute::rule_registry().iter().map(|r| r.code).collect();
    assert_eq!(codes.len(), akscompute::rule_registry().len(), "a code is listed twice");
}

/// A vector that expects a diagnostic of a rule quotes where the rule comes from, when it was
/// written for a seed statement or API fact (round 2, ids `r2-`).
#[test]
fn round_two_vectors_quote_their_source() {
    for (file, c) in load() {
        let id = c["id"].as_str().unwrap_or("");
        let expects = c["expect"].as_array().is_some_and(|e| !e.is_empty()) || c.get("expect_error").is_some();
        if id.starts_with("r2-") && expects {
            assert!(c["source"].as_str().is_some_and(|s| s.len() > 10), "{file}/{id} does not say its source");
        }
    }
}

/// azureml-core quotes the whole resource ID; a hostile one must not become a megabyte message.
#[test]
fn sdk_messages_clip_hostile_resource_ids() {
    let id = format!("/subscriptions/{}", "a/".repeat(50_000));
    let cfg = json!({"name": "myaks", "resource_id": id});
    let v = validate_value(Operation::Attach, &cfg, Some(&json!({"profile": "sdk"}))).unwrap();
    let d = v.first_error().expect("ATT002");
    assert_eq!(d.code, "ATT002");
    assert!(d.message().chars().count() < 400, "{} characters", d.message().len());
    // A real ID is still quoted whole, as azureml-core does.
    let real = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/aks1";
    let v = validate_value(Operation::Attach, &json!({"name": "myaks", "resource_id": real}), Some(&json!({"profile": "sdk"}))).unwrap();
    assert_eq!(v.first_error().map(|d| d.message().to_string()), Some(format!("Invalid resource_id provided: {real}")));
}

/// ATT009 says which pools it counted, CAP009 which one it left out and why.
#[test]
fn capacity_messages_name_the_pools_they_count() {
    let ctx = json!({"profile": "2021-11", "cluster": {"properties": {"agentPoolProfiles": [
        {"name": "sys", "count": 1, "vmSize": "Standard_D4s_v3", "mode": "System"},
        {"name": "win", "count": 2, "vmSize": "Standard_D4s_v3", "mode": "User", "osType": "Windows"}
    ]}}});
    let cfg = json!({"name": "myaks", "resource_group": "rg", "cluster_name": "aks1"});
    let v = validate_value(Operation::Attach, &cfg, Some(&ctx)).unwrap();
    let msg = |code: &str, sev: &str| {
        v.diagnostics.iter().find(|d| d.code == code && d.severity.to_string() == sev).map(|d| d.message().to_string()).unwrap_or_default()
    };
    assert!(msg("ATT009", "error").contains("Counted: sys (1 x Standard_D4s_v3)."), "{}", msg("ATT009", "error"));
    assert!(msg("CAP009", "info").contains("\"win\" runs Windows") && msg("CAP009", "info").contains("Linux nodes only"));
}

/// The text readers (`from_json`, what the browser's lean module uses) and the value readers
/// read every vector's configuration and context alike: the same shape, or the same problems.
#[test]
fn text_and_value_readers_agree_on_every_vector() {
    use akscompute::{AttachConfig, Context, CreateConfig, DetachConfig, UpdateConfig};
    fn same<T: std::fmt::Debug>(id: &str, a: Result<T, akscompute::ConfigError>, b: Result<T, akscompute::ConfigError>) {
        let show = |r: Result<T, akscompute::ConfigError>| match r {
            Ok(v) => format!("ok {v:?}"),
            Err(e) => format!("err {:?}", e.errors.iter().map(|x| (x.kind, x.path.to_string(), x.message.clone())).collect::<Vec<_>>()),
        };
        assert_eq!(show(a), show(b), "{id}");
    }
    let mut read = 0;
    for (file, c) in load() {
        let id = format!("{file}/{}", c["id"].as_str().unwrap_or("?"));
        let (cfg, text) = (&c["config"], c["config"].to_string());
        match c["operation"].as_str().unwrap_or("") {
            "create" => same(&id, CreateConfig::from_json(&text), CreateConfig::from_value(cfg)),
            "attach" => same(&id, AttachConfig::from_json(&text), AttachConfig::from_value(cfg)),
            "update" => same(&id, UpdateConfig::from_json(&text), UpdateConfig::from_value(cfg)),
            "detach" | "delete" => same(&id, DetachConfig::from_json(&text), DetachConfig::from_value(cfg)),
            _ => continue,
        }
        same(&id, Context::from_json(&c["context"].to_string()), Context::from_value(&c["context"]));
        read += 1;
    }
    assert!(read > 150, "only {read} vectors read");
    assert!(CreateConfig::from_json("{").is_err_and(|e| e.errors.iter().all(|x| x.kind == akscompute::ShapeErrorKind::Syntax)));
}

/// A floor drops what is below it and nothing else: over every vector and profile, the
/// diagnostics `validate_*_at_least` makes are exactly the full validation's at that floor or
/// worse, in the same order (the Python constructors act on those, and compute the rest when
/// `diagnostics()` asks).
#[test]
fn a_severity_floor_keeps_exactly_what_is_at_or_above_it() {
    use akscompute::{AttachConfig, Context, CreateConfig, Severity, UpdateConfig, Validation};
    fn check<T>(
        from: fn(&Value) -> Result<T, akscompute::ConfigError>,
        full: fn(&T, &Context) -> Validation,
        floored: fn(&T, &Context, Severity) -> Validation,
        cfg: &Value,
        ctx: &Context,
    ) -> Option<Vec<String>> {
        let cfg = from(cfg).ok()?;
        let all = full(&cfg, ctx);
        let mut bad = Vec::new();
        for floor in [Severity::Error, Severity::Warning, Severity::Info] {
            let want: Vec<_> = all.diagnostics.iter().filter(|d| d.severity <= floor).cloned().collect();
            let got = floored(&cfg, ctx, floor).diagnostics;
            if got != want {
                bad.push(format!(
                    "{floor}: {:?} != {:?}",
                    got.iter().map(|d| d.code).collect::<Vec<_>>(),
                    want.iter().map(|d| d.code).collect::<Vec<_>>()
                ));
            }
        }
        Some(bad)
    }
    let (mut failures, mut checked) = (Vec::new(), 0);
    for (file, c) in &load() {
        let profiles = profiles_of(c);
        for p in &profiles {
            let ctx = context_for(c, p);
            let Ok(ctx) = Context::from_value(&ctx) else { continue };
            let cfg = &c["config"];
            let found = match c["operation"].as_str() {
                Some("create") => {
                    check(CreateConfig::from_value, akscompute::validate_create, akscompute::validate_create_at_least, cfg, &ctx)
                }
                Some("attach") => {
                    check(AttachConfig::from_value, akscompute::validate_attach, akscompute::validate_attach_at_least, cfg, &ctx)
                }
                Some("update") => {
                    check(UpdateConfig::from_value, akscompute::validate_update, akscompute::validate_update_at_least, cfg, &ctx)
                }
                _ => None,
            };
            if let Some(bad) = found {
                checked += 1;
                failures.extend(bad.into_iter().map(|b| format!("{file}/{} [{p}] {b}", c["id"].as_str().unwrap_or("?"))));
            }
        }
    }
    assert!(checked > 150, "only {checked} validations compared");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
