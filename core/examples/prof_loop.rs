//! A tight loop over one of the `validate` benchmark's cases, for profilers (callgrind, perf):
//! `cargo run --release --example prof_loop -- full|json 100000`. `full` is `create_full` (typed
//! configuration and context), `json` is `create_from_json` (the same inputs as JSON text),
//! `attach` is `attach_full_preflight`, `attach_json` the same attach from JSON text (the
//! configuration and the context with its cluster and versions documents) and `minimal` is
//! `create_minimal_no_context`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::{validate_attach, validate_create, validate_json, AttachConfig, Context, CreateConfig, Operation};

#[path = "../benches/support/inputs.rs"]
mod inputs;

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "full".into());
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let (cfg, ctx) = (inputs::create_cfg(), inputs::context());
    let mut total = 0;
    match mode.as_str() {
        "json" => {
            let (cfg, ctx) = (cfg.to_string(), ctx.to_string());
            for _ in 0..n {
                total += validate_json(Operation::Create, &cfg, Some(&ctx)).map_or(0, |v| v.diagnostics.len());
            }
        }
        "attach_json" => {
            let (cfg, ctx) = (inputs::attach_cfg().to_string(), ctx.to_string());
            for _ in 0..n {
                total += validate_json(Operation::Attach, &cfg, Some(&ctx)).map_or(0, |v| v.diagnostics.len());
            }
        }
        "attach" => {
            let cfg = AttachConfig::from_value(&inputs::attach_cfg()).expect("attach");
            let ctx = Context::from_value(&ctx).expect("context");
            for _ in 0..n {
                total += validate_attach(&cfg, &ctx).diagnostics.len();
            }
        }
        "minimal" => {
            let cfg = CreateConfig::from_value(&inputs::minimal_cfg()).expect("create");
            let ctx = Context::default();
            for _ in 0..n {
                total += validate_create(&cfg, &ctx).diagnostics.len();
            }
        }
        _ => {
            let cfg = CreateConfig::from_value(&cfg).expect("create");
            let ctx = Context::from_value(&ctx).expect("context");
            for _ in 0..n {
                total += validate_create(&cfg, &ctx).diagnostics.len();
            }
        }
    }
    println!("{total}");
}
