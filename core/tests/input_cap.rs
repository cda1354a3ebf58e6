//! JSON text longer than `shape::MAX_JSON_TEXT` is refused before it is parsed, by every text
//! reader (streaming and lean, configuration and context), with a `bad_value` error at the
//! root that says how long it is and what the limit is; text of exactly the limit is read.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::locale::Locale;
use akscompute::shape::{self, validate_json_lean, MAX_JSON_TEXT};
use akscompute::{validate_json, ConfigError, Context, CreateConfig, Operation, ReadContext, Validation};

const CONFIG: &str = r#"{"name": "myaks", "agent_count": 3}"#;

/// `text` padded with blanks after it to `len` bytes.
fn padded(text: &str, len: usize) -> String {
    let mut t = String::with_capacity(len);
    t.push_str(text);
    t.extend(std::iter::repeat_n(' ', len - text.len()));
    t
}

fn assert_too_big(e: &ConfigError, input: &str, len: usize) {
    assert_eq!(e.input, input);
    assert_eq!(e.code(), "bad_value");
    assert_eq!(e.errors.len(), 1, "{e}");
    let err = &e.errors[0];
    assert!(err.path.0.is_empty(), "at the root: {e}");
    let want = format!("the {input} is {len} bytes of text, over the limit of 32 MiB");
    assert!(err.message.starts_with(&want), "{:?} does not start with {want:?}", err.message);
    let json = serde_json::to_value(e).unwrap();
    assert_eq!(json["errors"][0]["kind"], "bad_value");
}

fn json_of(r: &Result<Validation, ConfigError>) -> String {
    match r {
        Ok(v) => serde_json::to_string(v).unwrap(),
        Err(e) => format!("{e}"),
    }
}

#[test]
fn the_limit_is_32_mib() {
    assert_eq!(MAX_JSON_TEXT, 33_554_432);
    assert!(shape::check_len("config", MAX_JSON_TEXT).is_ok());
    assert_too_big(&shape::check_len("context", MAX_JSON_TEXT + 1).unwrap_err(), "context", MAX_JSON_TEXT + 1);
}

#[test]
fn a_configuration_over_the_limit_is_refused_by_both_readers() {
    let over = padded(CONFIG, MAX_JSON_TEXT + 1);
    assert_too_big(&validate_json(Operation::Create, &over, None).unwrap_err(), "config", over.len());
    assert_too_big(&validate_json_lean(Operation::Create, &over, None).unwrap_err(), "config", over.len());
    assert_too_big(&CreateConfig::from_json(&over).unwrap_err(), "config", over.len());
    assert_too_big(&CreateConfig::from_json_lean(&over).unwrap_err(), "config", over.len());
    // Text that is not even JSON is refused for its length, without being parsed.
    let junk = "{".repeat(MAX_JSON_TEXT + 1);
    assert_too_big(&validate_json_lean(Operation::Create, &junk, None).unwrap_err(), "config", junk.len());
}

#[test]
fn a_configuration_of_the_limit_is_read() {
    let at = padded(CONFIG, MAX_JSON_TEXT);
    let want = json_of(&validate_json(Operation::Create, CONFIG, None));
    assert!(want.starts_with('{'), "{want}");
    assert_eq!(json_of(&validate_json(Operation::Create, &at, None)), want);
    assert_eq!(json_of(&validate_json_lean(Operation::Create, &at, None)), want);
}

#[test]
fn a_context_over_the_limit_is_refused_by_every_context_reader() {
    let over = padded(r#"{"profile": "2021-11"}"#, MAX_JSON_TEXT + 1);
    assert_too_big(&validate_json(Operation::Create, CONFIG, Some(&over)).unwrap_err(), "context", over.len());
    assert_too_big(&validate_json_lean(Operation::Create, CONFIG, Some(&over)).unwrap_err(), "context", over.len());
    assert_too_big(&Context::from_json(&over).unwrap_err(), "context", over.len());
    assert_too_big(&Context::from_json_lean(&over).unwrap_err(), "context", over.len());
    for read in [ReadContext::from_json(&over), ReadContext::from_json_lean(&over)] {
        let e = akscompute::validate_json_in(Operation::Create, CONFIG, &read).unwrap_err();
        assert_too_big(&e, "context", over.len());
    }
}

#[test]
fn the_error_is_worded_in_every_language() {
    let mut e = shape::check_len("config", MAX_JSON_TEXT + 7).unwrap_err();
    e.localize(&Locale::new(Some("de")));
    let m = &e.errors[0].message;
    assert!(m.contains("33554439") && m.contains("32 MiB") && m.starts_with("die Konfiguration"), "{m}");
}

#[test]
fn a_versions_text_over_the_limit_is_refused() {
    let over = padded("[]", MAX_JSON_TEXT + 1);
    let e = akscompute::k8s::VersionList::from_input(&over).unwrap_err();
    let text = e.to_string();
    assert!(text.starts_with(&format!("the versions text is {} bytes, over the limit of 32 MiB: ", over.len())), "{text}");
    // The shared cap check's error, so worded in every language.
    let akscompute::k8s::VersionListError::TooBig(mut e) = e else { panic!("{e}") };
    e.localize(&Locale::new(Some("de")));
    assert!(e.errors[0].message.starts_with("der Versionstext umfasst"), "{}", e.errors[0].message);
    // Of the limit, it is read (an empty list is its own error).
    let at = akscompute::k8s::VersionList::from_input(&padded("[]", MAX_JSON_TEXT)).map(|_| ()).map_err(|e| e.to_string());
    assert_eq!(at, akscompute::k8s::VersionList::from_input("[]").map(|_| ()).map_err(|e| e.to_string()));
}
