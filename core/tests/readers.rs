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

/// A context read from the whole text of the last one and then only its changed entries
/// (`ReadContext::with_entries_lean`, what the browser's module does when a form's context
/// changed in an entry or two) validates as the whole new text read anew, over every vector's
/// context: each entry given anew to the context read without it, and the workspace's entries
/// given to the context read with an empty workspace. Where neither text has a problem, the
/// entries always do (else the module would read every changed context whole).
#[test]
fn a_context_read_from_its_changed_entries_reads_as_the_whole() {
    use akscompute::shape::MERGED_ENTRY;
    let (mut failures, mut n, mut taken) = (Vec::new(), 0, 0);
    for f in vector_files() {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        for c in v["cases"].as_array().into_iter().flatten() {
            let Ok(op) = c["operation"].as_str().unwrap_or("").parse::<Operation>() else { continue };
            let mut ctx = c.get("context").cloned().unwrap_or_else(|| json!({}));
            let Some(whole) = ctx.as_object_mut() else { continue };
            whole.entry("profile").or_insert(json!("2021-11"));
            let cfg = c["config"].to_string();
            let what = format!("{}/{}", f.file_stem().and_then(|s| s.to_str()).unwrap_or("?"), c["id"].as_str().unwrap_or("?"));
            let read = ReadContext::from_json_lean(&ctx.to_string());
            let expected = validate_json_lean_in(op, &cfg, &read);
            let mut tries: Vec<(Value, String)> = Vec::new();
            for (k, e) in ctx.as_object().unwrap() {
                let mut before = ctx.clone();
                before.as_object_mut().unwrap().remove(k);
                tries.push((before, json!([{ k.as_str(): e }, null]).to_string()));
                if k == MERGED_ENTRY && e.is_object() {
                    let mut before = ctx.clone();
                    before[MERGED_ENTRY] = json!({});
                    tries.push((before, json!([{}, e]).to_string()));
                }
            }
            for (before, entries) in tries {
                n += 1;
                let mut kept = ReadContext::from_json_lean(&before.to_string());
                let both_clean = expected.is_ok() && validate_json_lean_in(op, &cfg, &kept).is_ok();
                let null_entry = serde_json::from_str::<Value>(&entries).unwrap()[0].as_object().unwrap().values().any(Value::is_null)
                    || serde_json::from_str::<Value>(&entries).unwrap()[1].as_object().is_some_and(|w| w.values().any(Value::is_null));
                if !kept.with_entries_lean(&entries) {
                    if both_clean && !null_entry {
                        failures.push(format!("{what}: {entries} not taken"));
                    }
                    continue;
                }
                taken += 1;
                let got = validate_json_lean_in(op, &cfg, &kept);
                if seen(&got) != seen(&expected) || format!("{kept:?}") != format!("{read:?}") {
                    failures.push(format!("{what}: after {entries}: {}\n  whole: {}", seen(&got), seen(&expected)));
                }
            }
        }
    }
    assert!(taken > 300, "only {taken} of {n} taken");
    report(failures, n);
}

/// What the changed entries cannot tell alone is refused, and the whole text read instead: a
/// null entry (its field's default), a problem in an entry or in the kept context, a text of
/// another form. Neither the context nor the workspace has a field by two names (which
/// `with_entries_lean` does not weigh against each other, as the whole text's reader does).
#[test]
fn changed_entries_that_cannot_tell_alone_are_refused() {
    let kept = || ReadContext::from_json_lean(r#"{"profile": "2021-11", "workspace": {"name": "ws"}, "locale": "de"}"#);
    for entries in [
        r#"[{"locale": null}, null]"#,
        r#"[{}, {"name": null}]"#,
        r#"[{"profile": 5}, null]"#,
        r#"[{"bogus": 1}, null]"#,
        r#"[{}, {"name": 5}]"#,
        r#"{"locale": "fr"}"#,
        r#"[{"locale": "fr"}]"#,
        "[",
    ] {
        assert!(!kept().with_entries_lean(entries), "{entries} taken");
    }
    let mut no_workspace = ReadContext::from_json_lean(r#"{"profile": "2021-11"}"#);
    assert!(!no_workspace.with_entries_lean(r#"[{}, {"name": "ws"}]"#));
    let mut problem = ReadContext::from_json_lean(r#"{"profile": "2021-11", "bogus": 1}"#);
    assert!(!problem.with_entries_lean(r#"[{"locale": "fr"}, null]"#));
    let mut k = kept();
    assert!(k.with_entries_lean(r#"[{"locale": "fr"}, {"name": "ws2"}]"#));
    let whole = ReadContext::from_json_lean(r#"{"profile": "2021-11", "workspace": {"name": "ws2"}, "locale": "fr"}"#);
    assert_eq!(format!("{k:?}"), format!("{whole:?}"));
    for shape in [Context::SHAPE, akscompute::Workspace::SHAPE] {
        assert!(shape.fields.iter().all(|f| f.alias.is_none()), "{} has a field by two names", shape.name);
    }
}

#[test]
fn a_field_left_out_that_is_required_is_named_in_the_contexts_language() {
    let ctx = r#"{"existing_computes": [{"resource_id": "x"}], "vm_sizes": [{"name": "X"}], "locale": "de"}"#;
    for e in [
        validate_json(Operation::Create, r#"{"name": "a1"}"#, Some(ctx)),
        validate_json_lean(Operation::Create, r#"{"name": "a1"}"#, Some(ctx)),
    ] {
        let e = e.unwrap_err();
        let found: Vec<(String, &str)> = e.errors.iter().map(|x| (x.path.to_string(), x.message.as_str())).collect();
        // Only the context has problems: its paths start inside it.
        assert!(found.contains(&("existing_computes[0].name".into(), "\"name\" ist hier erforderlich: geben Sie es an")), "{found:?}");
        assert!(found.contains(&("vm_sizes[0].vcpus".into(), "\"vcpus\" ist hier erforderlich: geben Sie es an")), "{found:?}");
    }
}
