//! `docs/rules/CODE.md`, one page per code, generated from the registry with an example taken
//! from the smallest shared vector that produces the code (for the linter's codes, from a lint
//! fixture). The test fails when a page is stale; `UPDATE_RULE_DOCS=1` rewrites them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::iac::docs::{self, Example};
use akscompute::iac::{self, Options, Source};
use akscompute::{validate_value, Operation};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Long values and PEM bodies shortened: a page shows the shape of the input, never a key.
fn shorten(v: &Value) -> Value {
    match v {
        Value::String(s) if s.contains("-----BEGIN") => {
            let head = s.lines().next().unwrap_or("");
            Value::String(format!("{head}\n…(PEM text)…"))
        }
        Value::String(s) if s.chars().count() > 120 => {
            Value::String(format!("{}… ({} characters)", s.chars().take(60).collect::<String>(), s.chars().count()))
        }
        Value::Array(a) => Value::Array(a.iter().map(shorten).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, x)| (k.clone(), shorten(x))).collect()),
        other => other.clone(),
    }
}

/// For each code, the vector that shows it best: under the default profile if one does, then
/// the smallest (by its JSON size), with what it said.
fn vector_examples() -> BTreeMap<String, ((u8, usize), Example)> {
    let mut best: BTreeMap<String, ((u8, usize), Example)> = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(root().join("tests/vectors")).unwrap().filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    for p in files {
        let file = p.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
        if !file.ends_with(".json") {
            continue;
        }
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        for c in v["cases"].as_array().cloned().unwrap_or_default() {
            let Ok(op) = c["operation"].as_str().unwrap_or("").parse::<Operation>() else { continue };
            let profiles: Vec<String> = c["profiles"]
                .as_array()
                .map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect())
                .unwrap_or_else(|| vec!["2021-11".into()]);
            // The default profile first: the example a reader most likely meets.
            let mut order = profiles.clone();
            order.sort_by_key(|p| {
                if p == "2021-11" {
                    0
                } else if p == "sdk" {
                    2
                } else {
                    1
                }
            });
            for prof in order {
                let mut ctx = c.get("context").cloned().unwrap_or_else(|| json!({}));
                ctx["profile"] = json!(prof);
                let Ok(res) = validate_value(op, &c["config"], Some(&ctx)) else { continue };
                let rank = match prof.as_str() {
                    "2021-11" => 0,
                    "sdk" => 2,
                    _ => 1,
                };
                let size = (rank, c["config"].to_string().len() + c.get("context").map_or(0, |x| x.to_string().len()));
                for d in &res.diagnostics {
                    if best.get(d.code).is_some_and(|(s, _)| *s <= size) {
                        continue;
                    }
                    let shown_ctx = c
                        .get("context")
                        .filter(|x| x.as_object().is_some_and(|o| !o.is_empty()))
                        .map(|x| serde_json::to_string_pretty(&shorten(x)).unwrap());
                    let mut report = format!("{}[{}] {}: {}", d.severity, d.code, d.path, d.message());
                    if !d.fix().is_empty() {
                        report.push_str(&format!("\n  fix: {}", d.fix()));
                    }
                    let e = Example {
                        source: format!("the shared vector `{}` of `tests/vectors/{file}`", c["id"].as_str().unwrap_or("?")),
                        operation: op.as_str().into(),
                        profile: prof.clone(),
                        input: serde_json::to_string_pretty(&shorten(&c["config"])).unwrap(),
                        input_lang: "json".into(),
                        context: shown_ctx,
                        report,
                        fix: d.fix().to_string(),
                    };
                    best.insert(d.code.to_string(), (size, e));
                }
            }
        }
    }
    best
}

const FIXTURES: &[(&str, Option<&str>)] = &[
    ("tests/lint/arm/create-aks/azuredeploy.json", Some("tests/lint/arm/create-aks/azuredeploy.parameters.json")),
    ("tests/lint/arm/attach-aks/azuredeploy.json", None),
    ("tests/lint/arm/attach-elsewhere/azuredeploy.json", None),
    ("tests/lint/terraform/plan.json", None),
    ("tests/lint/bicep/main.bicep", None),
];

/// The linter's codes: the first finding of each in the fixtures, with the lines around it.
fn lint_examples() -> BTreeMap<String, Example> {
    let mut out = BTreeMap::new();
    for (f, params) in FIXTURES {
        let text = std::fs::read_to_string(root().join(f)).unwrap();
        let ptext = params.map(|p| std::fs::read_to_string(root().join(p)).unwrap());
        let r = iac::lint(
            Source { name: f, text: &text },
            params.zip(ptext.as_deref()).map(|(n, t)| Source { name: n, text: t }),
            &Options::default(),
        )
        .unwrap();
        for fd in &r.findings {
            let code = fd.diagnostic.code;
            if !code.starts_with("IAC") || out.contains_key(code) {
                continue;
            }
            let line = fd.pos.map_or(1, |p| p.line as usize);
            let lines: Vec<&str> = text.lines().collect();
            let from = line.saturating_sub(3);
            let to = (line + 2).min(lines.len());
            let excerpt: Vec<String> = (from..to).map(|i| format!("{:>4} | {}", i + 1, lines[i])).collect();
            let p = fd.pos.unwrap_or_default();
            let mut report = format!("{f}:{}:{}: {}[{}] {}", p.line, p.column, fd.diagnostic.severity, code, fd.diagnostic.message());
            if !fd.diagnostic.fix().is_empty() {
                report.push_str(&format!("\n  fix: {}", fd.diagnostic.fix()));
            }
            out.insert(
                code.to_string(),
                Example {
                    source: format!("the lint fixture `{f}`, lines {}-{to}", from + 1),
                    operation: "lint".into(),
                    profile: "2021-11".into(),
                    input: excerpt.join("\n"),
                    input_lang: "text".into(),
                    context: None,
                    report,
                    fix: fd.diagnostic.fix().to_string(),
                },
            );
        }
    }
    out
}

#[test]
fn every_code_has_a_current_page() {
    let vectors = vector_examples();
    let lint = lint_examples();
    let dir = root().join("docs/rules");
    let update = std::env::var_os("UPDATE_RULE_DOCS").is_some();
    let mut want: BTreeMap<String, String> = BTreeMap::new();
    for code in docs::codes() {
        let ex = vectors.get(code).map(|(_, e)| e).or_else(|| lint.get(code));
        assert!(ex.is_some(), "{code}: no shared vector or lint fixture produces it, so its page would have no example");
        want.insert(format!("{code}.md"), docs::rule_page(code, ex).unwrap());
    }
    want.insert("README.md".into(), docs::index_page());
    if update {
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in &want {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
    let mut stale = Vec::new();
    for (name, text) in &want {
        match std::fs::read_to_string(dir.join(name)) {
            Ok(t) if t == *text => {}
            Ok(_) => stale.push(format!("{name} differs")),
            Err(_) => stale.push(format!("{name} is missing")),
        }
    }
    for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let n = e.file_name().to_string_lossy().to_string();
        if !want.contains_key(&n) {
            stale.push(format!("{n} documents no code"));
        }
    }
    assert!(
        stale.is_empty(),
        "docs/rules is stale (run UPDATE_RULE_DOCS=1 cargo test -p akscompute --test rule_docs):\n  {}",
        stale.join("\n  ")
    );
}

#[test]
fn pages_never_carry_a_key_and_say_what_they_document() {
    let p = docs::rule_page("TLS001", None).unwrap();
    assert!(p.contains("# TLS001:") && p.contains("| `2021-11` | error |") && p.contains("No shared vector"));
    let iac = docs::rule_summary("IAC001").unwrap();
    assert!(iac.contains("info in every profile"));
    assert!(docs::rule_summary("NOPE01").is_none());
    let e = vector_examples();
    for (code, (_, ex)) in &e {
        assert!(!ex.input.contains("PRIVATE KEY-----\nM"), "{code}: a key in the example");
    }
}
