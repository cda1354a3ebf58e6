//! What the CLI (and every binding) does with a configuration and a context file: read both
//! shapes, then build every request, template and command line from them. Any bytes, split at
//! the first \x01 into configuration and context JSON. Errors, never a panic. The first byte
//! picks the operation and api-version: one build per execution, the rest of the input's
//! time on the exports.
#![no_main]
use akscompute::request::{build_json, ApiVersion, Cloud, Options};
use akscompute::{export, AttachConfig, Context, CreateConfig, DetachConfig, UpdateConfig};
use libfuzzer_sys::fuzz_target;

const OPERATIONS: [&str; 8] = ["create", "attach", "update", "detach", "delete", "get", "list", "list_keys"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, data)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(data);
    let (cfg, ctx) = text.split_once('\u{1}').unwrap_or((&text, "{}"));
    let (Ok(cfg), Ok(ctx_json)) = (serde_json::from_str::<serde_json::Value>(cfg), serde_json::from_str::<serde_json::Value>(ctx)) else { return };
    let op = OPERATIONS[usize::from(pick) % OPERATIONS.len()];
    let api = if pick & 0x80 == 0 { ApiVersion::V2026_07_01 } else { ApiVersion::V2020_02_02 };
    if let Ok(plan) = build_json(op, &cfg, &ctx_json, api, Cloud::Public) {
        let _ = plan.request.preview();
        let _ = format!("{:?}", plan.request);
    }
    let Ok(ctx) = Context::from_value(&ctx_json) else { return };
    let opts = Options { profile: ctx.profile, ..Options::default() };
    if let Ok(c) = CreateConfig::from_value(&cfg) {
        let _ = export::create_template(&c, &ctx, &opts);
        let _ = export::az_create(&c, &ctx);
    }
    if let Ok(c) = AttachConfig::from_value(&cfg) {
        let _ = export::attach_template(&c, &ctx, &opts);
        let _ = export::az_attach(&c, &ctx);
    }
    if let Ok(c) = UpdateConfig::from_value(&cfg) {
        let _ = export::az_update(&c, &ctx);
    }
    if let Ok(c) = DetachConfig::from_value(&cfg) {
        let _ = export::az_detach(c.name.as_deref(), c.action, &ctx);
    }
});
