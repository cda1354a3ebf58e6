//! Numbers as the text reader reads them, held to what the value readers (Python's json.loads
//! and the PyO3 binding, JavaScript's JSON.parse) make of the same text. The shared vectors
//! (`tests/vectors/reader-numbers.json`) hold what a JSON value can; these hold what only text
//! can: integer literals beyond f64, which `serde_json::Value` cannot hold.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::{validate_json, ConfigError, Operation};

fn digits(n: usize) -> String {
    format!("1{}", "0".repeat(n - 1))
}

fn shape_error(op: Operation, cfg: &str, ctx: Option<&str>) -> ConfigError {
    validate_json(op, cfg, ctx).expect_err("a shape error")
}

fn problems(e: &ConfigError) -> Vec<(&'static str, String)> {
    e.errors.iter().map(|x| (x.kind.as_str(), x.path.to_string())).collect()
}

#[test]
fn a_400_digit_count_is_a_bad_value_at_its_field_not_a_syntax_error() {
    // Python reads it as an int, which the PyO3 binding refuses at the field: so does the text.
    for literal in [digits(400), format!("-{}", digits(400)), digits(310)] {
        let e = shape_error(Operation::Create, &format!(r#"{{"name": "myaks", "agent_count": {literal}}}"#), None);
        assert_eq!(problems(&e), [("bad_value", "agent_count".to_string())], "{e}");
        let m = &e.errors[0].message;
        assert!(m.contains(&literal[..30]) && m.contains("whole number in its range"), "names the value and the fix: {m}");
        assert!(m.len() < 200, "the literal is clipped: {m}");
    }
    // serde_json says where the literal is in bytes: text of many-byte characters before it
    // on the same line must not throw the reader off it.
    let text = format!(r#"{{"name": "{}", "agent_count": {}}}"#, "é".repeat(300), digits(400));
    let e = shape_error(Operation::Create, &text, None);
    assert_eq!(problems(&e)[0], ("bad_value", "agent_count".to_string()), "{e}");
}

#[test]
fn every_problem_of_a_text_with_huge_literals_is_reported_where_it_is() {
    let big = digits(400);
    // A text field given one is a number where text belongs; a skipped key's is skipped; the
    // other problems of the text are still all there, in the shape's order.
    let cfg = format!(r#"{{"name": {big}, "agent_count": {big}, "zzz": [{big}], "vm_size": 7, "vnet": {{"name": -{big}}}}}"#);
    let e = shape_error(Operation::Create, &cfg, None);
    let want = [
        ("wrong_type", "name"),
        ("bad_value", "agent_count"),
        ("wrong_type", "vm_size"),
        ("wrong_type", "vnet.name"),
        ("unknown_field", "zzz"),
    ];
    assert_eq!(problems(&e), want.map(|(k, p)| (k, p.to_string())), "{e}");
    // In the context too, where a count is Unix seconds or a VM size's vCPUs.
    let ctx = format!(r#"{{"now": {big}, "vm_sizes": [{{"name": "X", "vcpus": {big}}}]}}"#);
    let e = shape_error(Operation::Create, r#"{"name": "myaks"}"#, Some(&ctx));
    assert_eq!(e.input, "context");
    assert_eq!(problems(&e), [("bad_value", "vm_sizes[0].vcpus".to_string()), ("bad_value", "now".to_string())], "{e}");
}

/// The stand-in of a literal is no number a text may hold itself: `1e300` beside a huge
/// literal is `1e+300`, not the other field's digits; and the message fits any field (a VM
/// size's vCPUs are no node count).
#[test]
fn a_huge_literal_is_told_apart_from_the_numbers_beside_it() {
    let cfg = format!(r#"{{"name": "myaks", "agent_count": 1e300, "zzz": {}}}"#, digits(400));
    let e = shape_error(Operation::Create, &cfg, None);
    let m = &e.errors.iter().find(|x| x.path.to_string() == "agent_count").expect("agent_count").message;
    assert!(m.contains("1e+300") && !m.contains("10000000000"), "{m}");
    let ctx = r#"{"vm_sizes": [{"name": "X", "vcpus": 18446744073709551615}]}"#;
    let e = shape_error(Operation::Create, r#"{"name": "myaks"}"#, Some(ctx));
    assert!(!e.errors[0].message.contains("node"), "{}", e.errors[0].message);
}

#[test]
fn what_is_not_an_integer_literal_beyond_f64_is_still_a_syntax_error() {
    let big = digits(400);
    // json.loads makes these infinity (or refuses them): no JSON value holds them.
    for literal in ["1e400".to_string(), "-1e400".to_string(), format!("{big}.5"), format!("{big}e2")] {
        let e = shape_error(Operation::Create, &format!(r#"{{"name": "myaks", "agent_count": {literal}}}"#), None);
        assert_eq!((e.code(), e.errors[0].path.0.is_empty()), ("syntax", true), "{literal:.20}: {e}");
    }
    // A real syntax error after a huge literal is reported where it is, column and all.
    let text = format!("{{\"agent_count\": {big},\n \"name\": \"myaks\" oops}}");
    let e = shape_error(Operation::Create, &text, None);
    assert_eq!(e.code(), "syntax");
    assert!(e.errors[0].message.contains("line 2 column 18"), "{}", e.errors[0].message);
    // Past a few such literals, the text is not read again and again.
    let many = (0..20).map(|i| format!(r#""k{i}": {big}"#)).collect::<Vec<_>>().join(", ");
    let e = shape_error(Operation::Create, &format!("{{{many}}}"), None);
    assert_eq!(e.code(), "syntax", "{e}");
}

#[test]
fn a_huge_literal_in_a_cluster_document_is_no_count_there() {
    let big = digits(400);
    let ctx = format!(
        r#"{{"cluster": {{"properties": {{"agentPoolProfiles": [{{"name": "p", "vmSize": "Standard_D3_v2", "count": {big}}}]}}}}}}"#
    );
    let e = shape_error(Operation::Attach, r#"{"name": "myaks", "cluster_name": "c", "resource_group": "rg"}"#, Some(&ctx));
    assert_eq!(problems(&e), [("bad_value", "cluster".to_string())], "{e}");
}

#[test]
fn whole_floats_are_integers_where_integers_are_expected() {
    // The same answers as for the integers they are.
    for (float, int) in [("1e16", "10000000000000000"), ("2e3", "2000"), ("1.0e2", "100"), ("3.0", "3"), ("-0.0", "0"), ("4E0", "4")] {
        let of = |n: &str| validate_json(Operation::Create, &format!(r#"{{"name": "myaks", "agent_count": {n}}}"#), None);
        assert_eq!(of(float), of(int), "{float}");
    }
    // A whole float beyond 64 bits says so, quoting it, as 2^64 written as digits does.
    for n in ["1e21", "18446744073709551616", "-9.3e18"] {
        let e = shape_error(Operation::Create, &format!(r#"{{"name": "myaks", "agent_count": {n}}}"#), None);
        assert_eq!(problems(&e), [("bad_value", "agent_count".to_string())]);
        assert!(e.errors[0].message.contains("far beyond what this field can hold"), "{n}: {e}");
    }
    let e = shape_error(Operation::Create, r#"{"name": "myaks", "agent_count": 2.5}"#, None);
    assert!(e.errors[0].message.contains("expected a whole number, got 2.5"), "{e}");
}

/// `shape::value_from_text`, for front ends that hold a value: a literal beyond f64 is the
/// largest double of its sign (as the Python binding converts such an int); anything else not
/// JSON is serde_json's error, where it is.
#[test]
fn a_value_read_from_text_holds_a_huge_literal_as_the_largest_double() {
    let v = akscompute::shape::value_from_text(&format!(r#"{{"a": {}, "b": [-{}], "c": 3}}"#, digits(400), digits(320))).unwrap();
    assert_eq!((v["a"].as_f64(), v["b"][0].as_f64(), v["c"].as_i64()), (Some(f64::MAX), Some(f64::MIN), Some(3)));
    let e = akscompute::shape::value_from_text(r#"{"a": 1e400}"#).unwrap_err();
    assert!(e.to_string().starts_with("number out of range"), "{e}");
    assert!(akscompute::shape::value_from_text("[1,").is_err());
}
