//! Refreshes the compiled-in Kubernetes versions snapshot, a dated fallback used only when no
//! version list is given:
//!
//! ```text
//! az aks get-versions -l westeurope -o json \
//!   | cargo run -p akscompute --example refresh_k8s_snapshot -- --region westeurope \
//!   > core/data/k8s-versions-snapshot.json
//! ```
//!
//! The file is dated today (or `--date YYYY-MM-DD`); the next build compiles it in and every
//! message that falls back to it names that date.
use std::io::Read;

fn fail(msg: &str) -> ! {
    eprintln!("refresh_k8s_snapshot: {msg}");
    std::process::exit(2)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let region =
        flag("--region").unwrap_or_else(|| fail("usage: refresh_k8s_snapshot --region REGION [--date YYYY-MM-DD] < versions.json"));
    let date = flag("--date").unwrap_or_else(|| {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        akscompute::time::date(i64::try_from(now).unwrap_or(0))
    });
    let mut text = String::new();
    let cap = akscompute::k8s::SNAPSHOT_INPUT_MAX as u64 + 1;
    if let Err(e) = std::io::stdin().take(cap).read_to_string(&mut text) {
        fail(&format!("reading standard input: {e}"));
    }
    match akscompute::k8s::snapshot_document(&text, &date, &region) {
        Ok(doc) => match serde_json::to_string_pretty(&doc) {
            Ok(s) => println!("{s}"),
            Err(e) => fail(&e.to_string()),
        },
        Err(e) => fail(&e.to_string()),
    }
}
