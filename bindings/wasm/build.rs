//! Generates the TypeScript union of every rule code from the registry (`core/data/rules.json`),
//! so `Diagnostic.code` in the package's `.d.ts` is checked by the compiler and cannot drift.
use std::fmt::Write as _;
use std::path::Path;

fn fail(msg: &str) -> ! {
    eprintln!("akscompute-wasm build: {msg}");
    std::process::exit(1)
}

fn main() {
    // Read at run time, not baked in with env!(): a build directory moved from another
    // checkout must read this checkout's registry.
    let dir = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| fail("CARGO_MANIFEST_DIR is not set"));
    let path = Path::new(&dir).join("../../core/data/rules.json");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
    let codes: Vec<&str> = doc["rules"].as_array().into_iter().flatten().filter_map(|r| r["code"].as_str()).collect();
    if codes.is_empty() {
        fail(&format!("{}: no rules", path.display()));
    }
    let mut ts = String::from("\n/** Every rule code of the registry (generated from core/data/rules.json). */\nexport type RuleCode =");
    for c in &codes {
        let _ = write!(ts, "\n  | \"{c}\"");
    }
    ts.push_str(";\n");
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| fail("OUT_DIR is not set"));
    let file = Path::new(&out).join("rule_codes.d.ts");
    std::fs::write(&file, ts).unwrap_or_else(|e| fail(&format!("{}: {e}", file.display())));
}
