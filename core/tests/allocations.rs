//! What reading costs in allocations, counted by a global allocator on the current thread: a
//! form validates on every keystroke, so work done in vain (a context read when the
//! configuration is not even JSON, a locale tag copied to be compared) is a fault of the
//! reader, and an allocation is where it shows without a profiler.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::locale::Locale;
use akscompute::{validate_json, Operation};

// The benchmark's own inputs, as `examples/prof_loop.rs` reads them: the bounds below are for the
// very case the benchmark times and the profile counts.
#[path = "../benches/support/inputs.rs"]
#[allow(dead_code)] // the attach and minimal cases are the benchmark's, not counted here
mod inputs;

/// The allocations `f` makes on this thread.
fn allocations<T>(f: impl FnOnce() -> T) -> u64 {
    allocation_counter::measure(|| {
        std::hint::black_box(f());
    })
    .count_total
}

#[test]
fn a_context_is_not_read_when_the_configuration_is_not_json() {
    let context = r#"{"workspace": {"subscription_id": "s", "resource_group": "rg", "name": "ws", "location": "eastus"},
        "existing_computes": [{"name": "a"}, {"name": "b"}, {"name": "c"}], "region_compute_names": ["x", "y", "z"]}"#;
    let without = allocations(|| validate_json(Operation::Create, "{\"name\": ", None));
    let with = allocations(|| validate_json(Operation::Create, "{\"name\": ", Some(context)));
    assert_eq!(with, without, "the context was read (its texts copied) for a configuration that is not JSON");
    // Still the configuration's syntax error, as before.
    let e = validate_json(Operation::Create, "{\"name\": ", Some("[1,")).expect_err("not JSON");
    assert_eq!((e.input, e.code()), ("config", "syntax"));
}

#[test]
fn a_locale_tag_already_normal_is_looked_up_without_allocating() {
    for tag in [None, Some("en"), Some("nl"), Some("de"), Some("cs"), Some("sdk")] {
        assert_eq!(allocations(|| Locale::new(tag)), 0, "{tag:?}");
    }
    // Tags as systems write them are normalised on the stack too.
    for tag in ["nl-BE", "de_AT.UTF-8", "de_AT.UTF-8@euro", " tr-TR ", "EN-us", "C", "POSIX", "xx-YY", "fr"] {
        assert_eq!(allocations(|| Locale::new(Some(tag))), 0, "{tag:?}");
    }
}

#[test]
fn a_valid_create_allocates_no_more_than_it_keeps() {
    // A full valid create and its context: the count is what the typed shapes keep (their
    // texts, the lists), the result and the versions. A count that grows is a reader that
    // copies what it then drops; update the bound only with the profile in hand.
    let cfg = &inputs::create_cfg().to_string();
    // Once first: the VM catalog's names are decoded on first use (two allocations per process).
    validate_json(Operation::Create, cfg, None).expect("valid");
    let n = allocations(|| validate_json(Operation::Create, cfg, None).expect("valid"));
    assert!(n <= 16, "{n} allocations for one create");
}

#[test]
fn a_create_with_its_context_allocates_no_more_than_it_keeps() {
    // The benchmark's create_from_json case: the context's workspace, computes, version table
    // and cluster. What it allocates is what the typed shapes keep (the texts of both inputs and
    // of the cluster, each pool's default OS type, the lists, the version table's rows),
    // serde_json's buffer for the escaped table (three steps of growth) and the result: 41. The
    // agent pools read into a list of their own before their facts cost one more.
    let cfg = &inputs::create_cfg().to_string();
    let ctx = &inputs::context().to_string();
    validate_json(Operation::Create, cfg, Some(ctx)).expect("valid");
    let n = allocations(|| validate_json(Operation::Create, cfg, Some(ctx)).expect("valid"));
    assert!(n <= 41, "{n} allocations for one create with its context");
}

#[test]
fn a_text_read_only_to_be_parsed_is_not_copied() {
    // The profile, the time and a detach's action are parsed where the text lies: giving them
    // costs no allocation (each was a JSON value with its own copy of the text).
    let cfg = r#"{"name": "myaks", "agent_count": 3}"#;
    let plain = r#"{"workspace": {"location": "eastus"}}"#;
    let given = r#"{"workspace": {"location": "eastus"}, "profile": "2021-11", "now": "2026-11-22T12:00:00Z"}"#;
    validate_json(Operation::Create, cfg, Some(given)).expect("shape");
    let without = allocations(|| validate_json(Operation::Create, cfg, Some(plain)));
    let with = allocations(|| validate_json(Operation::Create, cfg, Some(given)));
    assert_eq!(with, without, "the profile or the time was copied");
    let detach = |text: &'static str| allocations(move || validate_json(Operation::Detach, text, None));
    assert_eq!(detach(r#"{"name": "myaks", "action": "Delete"}"#), detach(r#"{"name": "myaks"}"#), "the action was copied");
}
