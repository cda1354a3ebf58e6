//! Full validations, as a form calls them on every keystroke. The configuration and context
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! are parsed once (as a binding holding typed values would); `*_from_json` adds the parsing.
use akscompute::{validate_attach, validate_create, validate_json, AttachConfig, Context, CreateConfig, Operation};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use inputs::{attach_cfg, context, create_cfg, minimal_cfg};
use serde_json::json;

#[path = "support/inputs.rs"]
mod inputs;

fn bench(c: &mut Criterion) {
    let ctx = Context::from_value(&context()).expect("context");
    let create = CreateConfig::from_value(&create_cfg()).expect("create");
    let bare_ctx = Context::default();
    let bare = CreateConfig::from_value(&minimal_cfg()).expect("create");
    let attach = AttachConfig::from_value(&attach_cfg()).expect("attach");
    let cfg_text = create_cfg().to_string();
    let ctx_text = context().to_string();

    c.bench_function("create_full", |b| b.iter(|| validate_create(black_box(&create), black_box(&ctx))));
    c.bench_function("create_minimal_no_context", |b| b.iter(|| validate_create(black_box(&bare), black_box(&bare_ctx))));
    c.bench_function("attach_full_preflight", |b| b.iter(|| validate_attach(black_box(&attach), black_box(&ctx))));
    c.bench_function("create_from_json", |b| b.iter(|| validate_json(Operation::Create, black_box(&cfg_text), Some(black_box(&ctx_text)))));
    let attach_text = attach_cfg().to_string();
    c.bench_function("attach_from_json", |b| {
        b.iter(|| validate_json(Operation::Attach, black_box(&attach_text), Some(black_box(&ctx_text))))
    });
    let big_name = json!({"name": "a".repeat(1_000_000)}).to_string();
    c.bench_function("create_1mb_name_from_json", |b| b.iter(|| validate_json(Operation::Create, black_box(&big_name), None)));
}

criterion_group!(benches, bench);
criterion_main!(benches);
