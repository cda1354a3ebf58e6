//! A tight loop over one create validation, for profilers (callgrind, perf).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
fn main() {
    let cfg = akscompute::CreateConfig::from_value(&serde_json::json!({"name": "myaks"})).unwrap_or_default();
    let ctx = akscompute::Context::default();
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let mut total = 0;
    for _ in 0..n {
        total += akscompute::validate_create(&cfg, &ctx).diagnostics.len();
    }
    println!("{total}");
}
