//! Any bytes as configuration and context JSON, for every operation and profile: diagnostics
//! or a ConfigError, never a panic (a panic in the browser build is a trap).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (cfg, ctx) = text.split_once('\u{1}').unwrap_or((&text, "{}"));
    for op in [akscompute::Operation::Create, akscompute::Operation::Attach, akscompute::Operation::Update, akscompute::Operation::Detach] {
        let _ = akscompute::validate_json(op, cfg, Some(ctx));
        for p in ["sdk", "2020-10", "2021-04"] {
            let ctx2 = format!("{{\"profile\": \"{p}\"}}");
            let _ = akscompute::validate_json(op, cfg, Some(&ctx2));
        }
    }
});
