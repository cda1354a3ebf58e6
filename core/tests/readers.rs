//! The two readers of JSON text give the same answer: the streaming one (`validate_json`,
//! native) and the plain one over a parsed value (`validate_json_lean`, the browser's module),
//! diagnostics and shape problems byte for byte, over every shared vector, the fuzz corpus of
//! `validate_json` and texts made to tell them apart (key order, duplicates, huge literals,
//! case clashes in documents, syntax errors after shape problems). A JSON value a binding
//! built (`validate_value`: Python, UniFFI) gives the text's answer too, wherever a value can
//! hold what the text says.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#[path = "support/vector_files.rs"]
mod vector_files;
use akscompute::shape::{validate_json_lean, validate_json_lean_in};
use akscompute::{validate_json, validate_json_in, validate_value, ConfigError, Context, CreateConfig, Operation, ReadContext, Validation};
use serde_json::{json, Value};
use std::path::PathBuf;
use vector_files::vector_files;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Everything a binding hands on: the JSON form, with rendered messages.
fn seen(r: &Result<Validation, ConfigError>) -> String {
    match r {
        Ok(v) => serde_json::to_string(v).unwrap(),
        Err(e) => format!("{} {}", serde_json::to_string(e).unwrap(), e),
    }
}

/// Compares both readers on one input, with the context as text and as read beforehand.
fn same(op: Operation, cfg: &str, ctx: Option<&str>, what: &str, failures: &mut Vec<String>) {
    let streaming = seen(&validate_json(op, cfg, ctx));
    let lean = seen(&validate_json_lean(op, cfg, ctx));
    if streaming != lean {
        failures.push(format!("{what} {op}: streaming {streaming}\n  lean {lean}"));
        return;
    }
    // A value a binding built (Python's, UniFFI's) is read by the plain reader too, through
    // `validate_value`: the same answer as the text's, wherever a value can say what the text
    // says (a key given twice is one key in a value, so such texts are left out).
    let value = |t: &str| akscompute::shape::value_from_text(t).ok().filter(|v| !twice(t, v));
    let context = ctx.map(value);
    if let (Some(c), false) = (value(cfg), matches!(context, Some(None))) {
        let valued = seen(&validate_value(op, &c, context.flatten().as_ref()));
        if valued != streaming {
            failures.push(format!("{what} {op} (as values): text {streaming}\n  value {valued}"));
            return;
        }
    }
    if let Some(ctx) = ctx {
        let read = seen(&validate_json_in(op, cfg, &ReadContext::from_json(ctx)));
        let lean = seen(&validate_json_lean_in(op, cfg, &ReadContext::from_json_lean(ctx)));
        if read != lean {
            failures.push(format!("{what} {op} (context read first): streaming {read}\n  lean {lean}"));
        }
    }
}

/// Whether the text gives some key twice in one object (its value keeps one of them).
fn twice(text: &str, v: &Value) -> bool {
    fn keys(v: &Value) -> usize {
        match v {
            Value::Object(m) => m.len() + m.values().map(keys).sum::<usize>(),
            Value::Array(a) => a.iter().map(keys).sum(),
            _ => 0,
        }
    }
    // Every key of the text, counted by a reader that keeps duplicates.
    struct Count(usize);
    impl<'de> serde::Deserialize<'de> for Count {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Count, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Count;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("JSON")
                }
                fn visit_bool<E>(self, _: bool) -> Result<Count, E> {
                    Ok(Count(0))
                }
                fn visit_i64<E>(self, _: i64) -> Result<Count, E> {
                    Ok(Count(0))
                }
                fn visit_u64<E>(self, _: u64) -> Result<Count, E> {
                    Ok(Count(0))
                }
                fn visit_f64<E>(self, _: f64) -> Result<Count, E> {
                    Ok(Count(0))
                }
                fn visit_str<E>(self, _: &str) -> Result<Count, E> {
                    Ok(Count(0))
                }
                fn visit_unit<E>(self) -> Result<Count, E> {
                    Ok(Count(0))
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Count, A::Error> {
                    let mut n = 0;
                    while let Some(Count(k)) = a.next_element()? {
                        n += k;
                    }
                    Ok(Count(n))
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Count, A::Error> {
                    let mut n = 0;
                    while let Some((serde::de::IgnoredAny, Count(k))) = a.next_entry()? {
                        n += 1 + k;
                    }
                    Ok(Count(n))
                }
            }
            d.deserialize_any(V)
        }
    }
    // Past serde_json's depth limit the count fails: such a text is left out (the value path
    // caps depth as the text path does, which the corpus checks apart).
    match serde_json::from_str::<Count>(text) {
        Ok(Count(n)) => n != keys(v),
        Err(_) => true,
    }
}

fn report(failures: Vec<String>, n: usize) {
    assert!(
        failures.is_empty(),
        "{} of {n} inputs differ:\n{}",
        failures.len(),
        failures.iter().take(20).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn both_readers_agree_on_every_vector() {
    let files = vector_files();
    let (mut failures, mut n) = (Vec::new(), 0);
    for f in files {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        for c in v["cases"].as_array().into_iter().flatten() {
            let Ok(op) = c["operation"].as_str().unwrap_or("").parse::<Operation>() else { continue };
            let profiles: Vec<Value> = c["profiles"].as_array().cloned().unwrap_or_else(|| vec![json!("2021-11")]);
            for p in profiles {
                let mut ctx = c.get("context").cloned().unwrap_or_else(|| json!({}));
                if ctx.is_object() && ctx.get("profile").is_none() {
                    ctx["profile"] = p;
                }
                let what = format!("{}/{}", f.file_stem().and_then(|s| s.to_str()).unwrap_or("?"), c["id"].as_str().unwrap_or("?"));
                // Pretty-printed too: positions in a syntax error and keys in another order.
                same(op, &c["config"].to_string(), Some(&ctx.to_string()), &what, &mut failures);
                same(
                    op,
                    &serde_json::to_string_pretty(&c["config"]).unwrap(),
                    Some(&serde_json::to_string_pretty(&ctx).unwrap()),
                    &what,
                    &mut failures,
                );
                n += 2;
            }
        }
    }
    assert!(n > 300, "only {n} inputs");
    report(failures, n);
}

#[test]
fn both_readers_agree_on_the_fuzz_corpus() {
    let dir = root().join("fuzz/corpus/validate_json");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    let (mut failures, mut n) = (Vec::new(), 0);
    for f in &files {
        let data = std::fs::read(f).unwrap();
        // As the fuzz target reads its input: the first byte picks the operation.
        let Some((&pick, rest)) = data.split_first() else { continue };
        let op = Operation::ALL[usize::from(pick) % Operation::ALL.len()];
        let text = String::from_utf8_lossy(rest);
        let what = f.file_name().and_then(|s| s.to_str()).unwrap_or("?").to_string();
        match text.split_once('\u{1}') {
            Some((cfg, ctx)) => same(op, cfg, Some(ctx), &what, &mut failures),
            None => {
                same(op, &text, Some(r#"{"profile": "sdk"}"#), &what, &mut failures);
                // The same text as a context, where the documents are.
                same(op, "{}", Some(&text), &what, &mut failures);
            }
        }
        n += 1;
    }
    assert!(n > 1000, "only {n} corpus files");
    report(failures, n);
}

#[test]
fn both_readers_agree_where_they_could_differ() {
    let huge = "1".repeat(400);
    let cases: Vec<(String, Option<String>)> = vec![
        // Keys in any order, given twice, by a name and its alias, null, unknown, misspelt.
        (r#"{"zzz": 1, "ssl": {"status": "Enabled"}, "vnet": {"name": 1}, "agent_count": "3", "aaa": 2, "name": 5}"#.into(), None),
        (r#"{"name": 5, "name": "myaks", "agent_cont": 3, "zz": 1, "zz": 2}"#.into(), None),
        (r#"{"name": "a1", "vnet": {"name": "v", "subnet": "s", "x": 1}, "vnet": {"name": 5}}"#.into(), None),
        (r#"{"name": "a1", "vm_size": "Standard_D2_v2", "vm_size": null, "agent_count": null, "tags": {"a": "b", "c": 1}}"#.into(), None),
        (r#"{"$schema": 3, "name": null, "ssl": {"renew": true, "cname": 4}, "vnet": [1]}"#.into(), None),
        // Integer literals beyond f64, at a count, at a tag, in a document, several.
        (format!(r#"{{"name": "a1", "agent_count": {huge}, "cluster_purpose": -{huge}}}"#), None),
        (format!(r#"{{"name": "a1", "agent_count": {huge}}}"#), Some(format!(r#"{{"now": {huge}, "cluster": {{"agentPoolProfiles": [{{"vmSize": "Standard_D2_v2", "count": {huge}}}]}}}}"#))),
        (r#"{"name": "a1", "agent_count": 1e400}"#.into(), None),
        // Not JSON after shape problems; too deep; trailing text.
        (r#"{"name": 5, "vnet": {"x": 1}, "#.into(), None),
        (format!(r#"{{"zzz": {}{}}}"#, "[".repeat(200), "]".repeat(200)), None),
        (r#"{"name": "a"} x"#.into(), None),
        // A key given twice whose dropped value only a reader of the whole text sees.
        (r#"{"name": 1e400, "name": "a1"}"#.into(), None),
        (format!(r#"{{"name": {}{}, "name": "a1"}}"#, "[".repeat(200), "]".repeat(200)), None),
        ("{}".into(), Some("[1,".into())),
        ("[]".into(), Some("7".into())),
        ("null".into(), Some("null".into())),
        // Documents: keys without regard to case, clashes, flattened, odd values.
        (
            r#"{"name": "a1"}"#.into(),
            Some(r#"{"cluster": {"Properties": {"agentPoolProfiles": [{"name": "p", "VMSize": "Standard_D2_v2", "count": 3.0, "Mode": "system", "powerState": {"Code": "Stopped", "CODE": "Running"}}]}}}"#.into()),
        ),
        (r#"{"name": "a1"}"#.into(), Some(r#"{"cluster": {"properties": {"x": 1}, "Properties": {}}}"#.into())),
        (r#"{"name": "a1"}"#.into(), Some(r#"{"cluster": {"agentPoolProfiles": [7, {"vmSize": "s", "Count": 1, "count": 2}], "apiServerAccessProfile": {"authorizedIPRanges": ["1.2.3.4/32", 5]}}}"#.into())),
        (r#"{"name": "a1"}"#.into(), Some(r#"{"cluster": {"agentPoolProfiles": null, "networkProfile": {"loadBalancerSku": "Standard"}}}"#.into())),
        (r#"{"name": "a1"}"#.into(), Some(r#"{"cluster": {"agentPoolProfiles": [{"vmSize": "s", "count": 18446744073709551615, "minCount": "2"}]}}"#.into())),
        (r#"{"name": "a1"}"#.into(), Some(r#"{"compute": {"properties": {"properties": {"agentCount": 2e3, "sslConfiguration": {"status": "Enabled", "Status": "x"}}, "isAttachedCompute": 1}}}"#.into())),
        (r#"{"name": "a1"}"#.into(), Some(r#"{"compute": {"id": "x"}, "cluster": "text", "kubernetes_versions": "Version  Upgrades\n1.29.4  None"}"#.into())),
        (r#"{"name": "a1"}"#.into(), Some(r#"{"existing_computes": [{"name": "a"}, null, 3, {"resource_id": 1}], "vm_sizes": [{"name": "X", "vcpus": -1}], "locale": "de"}"#.into())),
    ];
    let mut failures = Vec::new();
    for (cfg, ctx) in &cases {
        for op in Operation::ALL {
            same(op, cfg, ctx.as_deref(), cfg, &mut failures);
        }
    }
    report(failures, cases.len());
}

#[test]
fn the_lean_entry_points_read_as_the_streaming_ones() {
    for text in
        [r#"{"name": "a1", "agent_count": 3}"#, r#"{"name": 1, "zz": 2}"#, "[", &format!(r#"{{"agent_count": {}}}"#, "9".repeat(320))]
    {
        assert_eq!(CreateConfig::from_json_lean(text), CreateConfig::from_json(text), "{text}");
    }
    for text in ["null", " null ", r#"{"profile": "sdk"}"#, r#"{"profile": "x", "cluster": 3}"#, "{"] {
        assert_eq!(Context::from_json_lean(text), Context::from_json(text), "{text}");
    }
}
