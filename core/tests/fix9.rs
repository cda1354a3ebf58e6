//! Session 9's faithfulness fixes (s9d) that no shared vector can show: how an error about a
//! whole input is labelled.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::locale::Locale;
use akscompute::{validate_json, Operation};

/// A context that is not JSON: its problem is the context's, not "(configuration)".
#[test]
fn a_context_syntax_error_is_placed_at_the_context() {
    let e = validate_json(Operation::Create, r#"{"name": "myaks"}"#, Some(r#"{"workspace": {"location": "eastus",}}"#)).unwrap_err();
    assert_eq!(e.input, "context");
    let text = e.render(&Locale::new(None));
    assert!(text.starts_with("the context has 1 problem\n  (context): the context is not valid JSON"), "{text}");
    assert!(!text.contains("(configuration)"), "{text}");
    let de = e.render(&Locale::new(Some("de")));
    assert!(de.contains("\n  (Kontext): "), "{de}");
    assert!(e.to_string().contains("\n  (context): "), "{e}");
    // The configuration's own stays the configuration's.
    let e = validate_json(Operation::Create, "{", None).unwrap_err();
    assert!(e.render(&Locale::new(None)).contains("\n  (configuration): "), "{e}");
}
