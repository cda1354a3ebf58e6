//! A tight loop over one of the `validate` benchmark's cases, for profilers (callgrind, perf):
//! `cargo run --release --example prof_loop -- full|json 100000`. `full` is `create_full` (typed
//! configuration and context), `json` is `create_from_json` (the same inputs as JSON text),
//! `attach` is `attach_full_preflight`, `attach_json` the same attach from JSON text (the
//! configuration and the context with its cluster and versions documents) and `minimal` is
//! `create_minimal_no_context`. `floor` walks the `json` case's two texts with serde_json and
//! keeps nothing: what any reader of them costs, against which `json` is measured.
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
        "floor" => {
            let (cfg, ctx) = (cfg.to_string(), ctx.to_string());
            for _ in 0..n {
                total += usize::from(walk(&cfg)) + usize::from(walk(&ctx));
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

/// Walks JSON text as a reader of it must (every key and text seen, the nesting held to the
/// parser's limit) and keeps nothing: whether it was JSON.
fn walk(text: &str) -> bool {
    use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
    struct Walk;
    impl<'de> Deserialize<'de> for Walk {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Walk, D::Error> {
            d.deserialize_any(Walk)
        }
    }
    impl<'de> Visitor<'de> for Walk {
        type Value = Walk;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E>(self, _: bool) -> Result<Walk, E> {
            Ok(Walk)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Walk, E> {
            Ok(Walk)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Walk, E> {
            Ok(Walk)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Walk, E> {
            Ok(Walk)
        }
        fn visit_str<E>(self, s: &str) -> Result<Walk, E> {
            std::hint::black_box(s);
            Ok(Walk)
        }
        fn visit_unit<E>(self) -> Result<Walk, E> {
            Ok(Walk)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Walk, A::Error> {
            while map.next_key::<Walk>()?.is_some() {
                map.next_value::<Walk>()?;
            }
            Ok(Walk)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Walk, A::Error> {
            while seq.next_element::<Walk>()?.is_some() {}
            Ok(Walk)
        }
    }
    serde_json::from_str::<Walk>(text).is_ok()
}
