//! A `--query` that finds nothing prints nothing, in every output format, as the Azure CLI
//! does (knack prints a result only when it is not None): not an empty line, not `null`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod common;
use akscompute_emulator::{Config, Emulator};
use common::*;
use std::time::Duration;

const FORMATS: [&str; 7] = ["json", "jsonc", "table", "tsv", "yaml", "yamlc", "none"];

#[test]
fn a_query_that_finds_nothing_prints_nothing_in_every_format() {
    let d = scratch("empty-query");
    let cfg = Some(r#"{"name": "myaks", "agent_count": 1}"#);
    for f in FORMATS {
        let r = run(&d, &["check", "create", "--config", "-", "--query", "nothing", "-o", f], cfg);
        assert_eq!((r.code, r.out.as_str()), (1, ""), "check -o {f}: {}", r.err);
    }
    // What it does find is still printed.
    let r = run(&d, &["check", "create", "--config", "-", "--query", "[?code=='CAP003'].code", "-o", "tsv"], cfg);
    assert_eq!(r.out, "CAP003\n");
    // A compute read back (the Terraform provisioners' `--query provisioningState`, which v1
    // answers at the top level with nothing).
    let e = Emulator::start(Config { operation_time: Duration::from_millis(50), ..Config::default() });
    let go = |args: &[&str]| {
        let mut c = cmd(&d, args);
        c.args(["-g", "rg", "-w", "ws", "--subscription-id", SUB, "--cloud", &e.endpoint(), "--token-env", "T"])
            .env("T", &e.config().token);
        run_in(c, None)
    };
    assert_eq!(go(&["computetarget", "create", "aks", "-n", "myaks", "-l", "eastus"]).code, 0);
    for f in FORMATS {
        let r = go(&["computetarget", "show", "-n", "myaks", "--query", "provisioningState", "-o", f]);
        assert_eq!((r.code, r.out.as_str()), (0, ""), "show -o {f}: {}", r.err);
    }
    let r = go(&["computetarget", "show", "-n", "myaks", "--query", "properties.provisioningState", "-o", "tsv"]);
    assert_eq!(r.out, "Succeeded\n");
}
