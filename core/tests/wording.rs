//! What the messages say for the inputs an outside tester tries first: the boundary counts
//! (one character is singular), the fix of the name's last character (a dot is no hyphen),
//! and look-alike letters (a Cyrillic "а" must be told apart from the Latin "a").
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::{validate_value, Operation};
use serde_json::json;

/// The message and fix of the first diagnostic of `code`, in `locale`.
fn said(name: &str, code: &str, locale: &str) -> (String, String) {
    let v = validate_value(Operation::Create, &json!({"name": name}), Some(&json!({"locale": locale}))).unwrap();
    let d = v.diagnostics.iter().find(|d| d.code == code).unwrap_or_else(|| panic!("{name:?}: no {code}"));
    (d.message().into_owned(), d.fix().into_owned())
}

#[test]
fn one_character_is_singular_in_english() {
    assert!(said("a", "NAME001", "en").0.contains("is 1 character long"), "{:?}", said("a", "NAME001", "en"));
    assert!(said("ab", "NAME001", "en").0.contains("is 2 characters long"));
}

#[test]
fn the_fix_for_the_last_character_names_what_it_is() {
    for locale in ["en", "nl", "cs", "de", "tr", "it"] {
        let (_, hyphen) = said("myaks-", "NAME004", locale);
        let (_, dot) = said("myaks.", "NAME004", locale);
        assert_ne!(hyphen, dot, "{locale}: a trailing dot is not a hyphen");
    }
    assert_eq!(said("myaks-", "NAME004", "en").1, "Remove the trailing hyphen.");
    assert!(!said("myaks.", "NAME004", "en").1.contains("hyphen"), "{:?}", said("myaks.", "NAME004", "en"));
}

#[test]
fn a_look_alike_letter_is_shown_with_its_code_point() {
    // "аks1" starts with U+0430 CYRILLIC SMALL LETTER A.
    let (m, _) = said("\u{430}ks1", "NAME002", "en");
    assert!(m.contains("U+0430"), "{m}");
    // ASCII stays as it was.
    let (m, _) = said("my_aks", "NAME002", "en");
    assert!(m.contains("'_'") && !m.contains("U+"), "{m}");
}
