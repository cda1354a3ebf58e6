//! Any bytes as configuration and context JSON, for every operation and profile: diagnostics
//! or a ConfigError, never a panic (a panic in the browser build is a trap).
//!
//! The first byte picks the operation and, when the input has no context, the profile: one
//! validation per execution, so that the fuzzer spends its runs on new inputs rather than on
//! the same input sixteen times, and learns which operation a byte sequence reaches.
#![no_main]
use akscompute::Operation;
use libfuzzer_sys::fuzz_target;

const OPERATIONS: [Operation; 5] = Operation::ALL;
const PROFILES: [&str; 5] = ["sdk", "2020-10", "2021-04", "2021-11", "no-such-profile"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let op = OPERATIONS[usize::from(pick) % OPERATIONS.len()];
    let text = String::from_utf8_lossy(rest);
    match text.split_once('\u{1}') {
        Some((cfg, ctx)) => {
            let _ = akscompute::validate_json(op, cfg, Some(ctx));
        }
        None => {
            let profile = PROFILES[usize::from(pick / 8) % PROFILES.len()];
            let ctx = format!("{{\"profile\": \"{profile}\"}}");
            let _ = akscompute::validate_json(op, &text, Some(&ctx));
        }
    }
});
