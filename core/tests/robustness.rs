//! Absurd and hostile input gives diagnostics or a clear shape error, never a panic, and
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! nothing in a diagnostic grows with the input.
use akscompute::schema::Shape;
use akscompute::{validate_json, validate_value, Operation};
use serde_json::{json, Value};

fn max_message(v: &akscompute::Validation) -> usize {
    v.diagnostics
        .iter()
        .map(|d| d.message().len() + d.fix().len() + serde_json::to_string(&d.params).map(|s| s.len()).unwrap_or(0))
        .max()
        .unwrap_or(0)
}

#[test]
fn a_megabyte_name_is_one_small_diagnostic() {
    let name = "é".repeat(500_000);
    let v = validate_value(Operation::Create, &json!({"name": name}), None).expect("shape is fine");
    assert!(v.codes().contains(&"NAME001"));
    assert!(max_message(&v) < 2000, "{}", max_message(&v));
}

#[test]
fn huge_counts_are_refused_not_overflowed() {
    for n in [json!(1u64 << 40), json!(i64::MAX), json!(i64::MIN)] {
        let v = validate_value(Operation::Create, &json!({"name": "myaks", "agent_count": n}), None).expect("shape is fine");
        assert_eq!(v.first_error().map(|d| d.code), Some("CAP005"), "{n}");
    }
    let e = validate_value(Operation::Create, &json!({"name": "myaks", "agent_count": u64::MAX}), None).expect_err("beyond i64");
    assert_eq!(e.code(), "bad_value");
    assert!(e.to_string().contains("agent_count"));
    let e = validate_json(Operation::Create, r#"{"name": "myaks", "agent_count": 1e300}"#, None).expect_err("not whole");
    assert!(e.to_string().contains("agent_count"));
}

#[test]
fn a_ten_thousand_line_version_table_is_read_and_summarised() {
    let mut t = String::from("KubernetesVersion    Upgrades\n-------------------  ----------\n");
    for i in 0..10_000 {
        t.push_str(&format!("1.{}.{}               None available\n", 100 + i / 100, i % 100));
    }
    let ctx = json!({"kubernetes_versions": t, "cluster": {"properties": {"kubernetesVersion": "1.99.1", "agentPoolProfiles": []}}});
    let v = validate_value(Operation::Attach, &json!({"name": "myaks", "resource_group": "rg", "cluster_name": "aks"}), Some(&ctx))
        .expect("shape is fine");
    let d = v.diagnostics.iter().find(|d| d.code == "VER002").expect("unsupported");
    assert!(d.message().contains("… +9988") && !d.message().contains("more"), "{}", d.message());
    assert!(max_message(&v) < 2000);
}

#[test]
fn malformed_tables_say_which_row() {
    let t = "KubernetesVersion    Upgrades\n-------------------  ----------\n1.18.6               None available\nbanana               None available\n";
    let e = validate_value(Operation::Attach, &json!({"name": "myaks"}), Some(&json!({"kubernetes_versions": t}))).expect_err("bad row");
    assert!(e.to_string().contains("row 2"), "{e}");
}

#[test]
fn garbage_pem_is_a_diagnostic() {
    let junk = format!("-----BEGIN CERTIFICATE-----\n{}\n", "A".repeat(1_000_000));
    let cfg = json!({"name": "myaks", "ssl": {"cname": "a.com", "cert": junk, "key": "-----BEGIN PRIVATE KEY-----".repeat(10_000)}});
    let v = validate_value(Operation::Create, &cfg, None).expect("shape is fine");
    assert!(v.codes().iter().filter(|c| **c == "TLS006").count() == 2, "{:?}", v.codes());
    assert!(max_message(&v) < 2000);
}

#[test]
fn deep_nesting_is_a_syntax_error() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let e = validate_json(Operation::Create, &deep, None).expect_err("too deep");
    assert_eq!(e.code(), "syntax");
}

/// `levels` lists nested in one another, built without recursion.
fn nested(levels: usize) -> Value {
    let mut v = Value::Null;
    for _ in 0..levels {
        v = Value::Array(vec![v]);
    }
    v
}

/// Drops a deeply nested value one level at a time (its own drop recurses once per level).
fn dismantle(v: Value) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(a) => stack.extend(a),
            Value::Object(m) => stack.extend(m.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

#[test]
fn a_value_is_held_to_the_nesting_limit_of_text() {
    // Text may nest 127 levels (serde_json's limit: the 128th is an error). Each depth around
    // it, under a field (read as a wrong type) and inside a cluster
    // document of the context (skipped): text and value agree on which are too deep.
    for levels in [1, 120, 126, 127, 128, 129, 130, 500] {
        let cfg = json!({"name": nested(levels)});
        let ctx = json!({"cluster": {"properties": {"addonProfiles": nested(levels)}}});
        // The root object is a level: `{"name": [..]}` holds `levels + 1`.
        let text = validate_json(Operation::Create, &cfg.to_string(), None).map(|_| "ok").unwrap_or_else(|e| e.code());
        let value = validate_value(Operation::Create, &cfg, None).map(|_| "ok").unwrap_or_else(|e| e.code());
        assert_eq!(value, text, "config nested {levels} deep");
        assert_eq!(text == "syntax", levels + 1 >= 128, "{levels}: {text}");
        let text =
            validate_json(Operation::Create, r#"{"name": "myaks"}"#, Some(&ctx.to_string())).map(|_| "ok").unwrap_or_else(|e| e.code());
        let value = validate_value(Operation::Create, &json!({"name": "myaks"}), Some(&ctx)).map(|_| "ok").unwrap_or_else(|e| e.code());
        assert_eq!(value, text, "context nested {levels} deep");
        assert_eq!(text == "syntax", levels + 3 >= 128, "{levels}: {text}");
        let cluster = ctx.get("cluster").cloned().unwrap_or_default();
        assert_eq!(
            akscompute::cluster::ClusterFacts::from_json(&cluster).is_err(),
            levels + 2 >= 128,
            "cluster document nested {levels} deep"
        );
    }
    // Far deeper than any stack holds: refused before it is walked, in the same words.
    // Put together by hand: `json!` would copy the value through its serializer, recursing.
    let mut deep = serde_json::Map::new();
    deep.insert("name".into(), "myaks".into());
    deep.insert("vnet".into(), nested(200_000));
    let deep = Value::Object(deep);
    let e = validate_value(Operation::Create, &deep, None).expect_err("too deep");
    assert_eq!((e.input, e.code()), ("config", "syntax"), "{e}");
    assert!(e.to_string().contains("recursion limit exceeded"), "{e}");
    let e = validate_value(Operation::Attach, &json!({"name": "a"}), Some(&deep)).expect_err("too deep");
    assert_eq!((e.input, e.code()), ("context", "syntax"), "{e}");
    assert!(akscompute::cluster::ClusterFacts::from_json(&deep).is_err());
    assert!(akscompute::cluster::ComputeFacts::from_json(&deep).is_err());
    dismantle(deep);
}

/// A small deterministic generator: every known field, filled with every kind of JSON value.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[(self.next() % v.len() as u64) as usize]
    }
}

fn any_value(r: &mut Rng, depth: u32) -> Value {
    let strings = [
        "",
        "myaks",
        "InternalLoadBalancer",
        "PublicIp",
        "DevTest",
        "10.0.0.0/16",
        "10.0.0.1",
        "1.18.6(preview)",
        "Standard_NC6s_v3",
        "-----BEGIN CERTIFICATE-----",
        "/subscriptions/x/resourceGroups/y",
        "ü\u{0}\u{202e}",
        "a-",
        "local",
    ];
    match r.next() % if depth > 2 { 5 } else { 7 } {
        0 => Value::Null,
        1 => json!(r.next() % 2 == 0),
        2 => json!((r.next() as i64).wrapping_sub(1 << 62) >> (r.next() % 64)),
        3 => json!(*r.pick(&strings)),
        4 => json!(-0.5),
        5 => Value::Array((0..r.next() % 3).map(|_| any_value(r, depth + 1)).collect()),
        _ => {
            let keys = ["name", "cname", "cert", "key", "vcpus", "count", "vmSize", "mode", "properties", "agentPoolProfiles", "x"];
            Value::Object((0..r.next() % 4).map(|_| (r.pick(&keys).to_string(), any_value(r, depth + 1))).collect())
        }
    }
}

#[test]
fn random_shapes_never_panic() {
    // The fields come from the one definition of each shape, so a new field is fuzzed too.
    let mut fields: Vec<&str> = [Shape::Create, Shape::Attach, Shape::Update, Shape::Detach].iter().flat_map(|s| s.def().keys()).collect();
    fields.sort_unstable();
    fields.dedup();
    let ctx_fields: Vec<&str> = Shape::Context.def().keys().collect();
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    for i in 0..20_000 {
        let mut cfg = serde_json::Map::new();
        for _ in 0..r.next() % 6 {
            cfg.insert(r.pick(&fields).to_string(), any_value(&mut r, 0));
        }
        let mut ctx = serde_json::Map::new();
        for _ in 0..r.next() % 4 {
            ctx.insert(r.pick(&ctx_fields).to_string(), any_value(&mut r, 0));
        }
        let op = *r.pick(&[Operation::Create, Operation::Attach, Operation::Update, Operation::Detach]);
        let res = std::panic::catch_unwind(|| validate_value(op, &Value::Object(cfg.clone()), Some(&Value::Object(ctx.clone()))));
        assert!(res.is_ok(), "case {i} panicked: {op:?} {cfg:?} {ctx:?}");
    }
}
