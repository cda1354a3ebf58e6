//! Prints the diagnostics of a configuration: `cargo run --example show -- create config.json [context.json]`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(op), Some(cfg)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: show create|attach|update|detach CONFIG.json [CONTEXT.json]");
        std::process::exit(2);
    };
    let read = |p: &str| {
        std::fs::read_to_string(p).unwrap_or_else(|e| {
            eprintln!("{p}: {e}");
            std::process::exit(2)
        })
    };
    let ctx = args.get(3).map(|p| read(p));
    let op = op.parse().unwrap_or_else(|e: String| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    match akscompute::validate_json(op, &read(cfg), ctx.as_deref()) {
        Ok(v) => {
            for d in &v.diagnostics {
                println!("{d}");
            }
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    }
}
