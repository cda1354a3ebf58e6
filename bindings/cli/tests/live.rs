//! The live commands of the built binary against the local ARM emulator.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute_emulator::{Config, Emulator};
use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

fn run(e: &Emulator, args: &[&str], stdin: Option<&str>, token: Option<&str>) -> (i32, String, String) {
    let dir = std::env::temp_dir().join(format!("akscompute-cli-{}", e.addr.port()));
    std::fs::create_dir_all(&dir).unwrap();
    let ctx = dir.join("context.json");
    std::fs::write(&ctx, json!({"workspace": {"subscription_id": "00000000-0000-0000-0000-000000000000", "resource_group": "ml-rg", "name": "ml-ws", "location": "eastus"}}).to_string()).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_akscompute"));
    cmd.args(args).args(["--cloud", &e.endpoint(), "--token-env", "AKS_TEST_TOKEN"]);
    for v in ["LC_ALL", "LC_MESSAGES", "LANG", "CLICOLOR_FORCE"] {
        cmd.env_remove(v);
    }
    if args[0] != "show" && args[0] != "list" && args[0] != "versions" {
        cmd.args(["--config", "-"]);
    }
    cmd.args(["--context", ctx.to_str().unwrap()]);
    match token {
        Some(t) => cmd.env("AKS_TEST_TOKEN", t),
        None => cmd.env_remove("AKS_TEST_TOKEN"),
    };
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn create_show_list_update_delete_through_the_emulator() {
    let e = Emulator::start(Config {
        operation_time: Duration::from_millis(100),
        retry_after_secs: 1,
        retry_after_remaining: false,
        ..Config::default()
    });
    let tok = Some(e.config().token.as_str());
    let (code, out, err) = run(&e, &["create", "--wait"], Some(r#"{"name": "prod-aks", "agent_count": 3}"#), tok);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!((v["name"].as_str(), v["provisioning_state"].as_str()), (Some("prod-aks"), Some("Succeeded")));
    assert!(err.contains("create prod-aks: Succeeded"), "{err}");
    let (code, _, err) = run(&e, &["create"], Some(r#"{"name": "prod-aks"}"#), tok);
    assert_eq!(code, 1);
    assert!(err.contains("already exists") && err.contains("nothing was sent"), "{err}");
    let (code, out, _) = run(&e, &["show", "prod-aks"], None, tok);
    assert_eq!(code, 0);
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap()["agent_count"], 3);
    let (code, out, _) = run(&e, &["list"], None, tok);
    assert_eq!((code, serde_json::from_str::<Value>(&out).unwrap().as_array().unwrap().len()), (0, 1));
    let (code, _, err) = run(&e, &["update", "--wait"], Some(r#"{"name": "prod-aks", "load_balancer_type": "InternalLoadBalancer"}"#), tok);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = run(&e, &["versions"], None, tok);
    assert!(code == 0 && out.contains("1.29.4  default"), "{out}");
    let (code, out, _) = run(&e, &["delete", "--dry-run"], Some(r#"{"name": "prod-aks"}"#), tok);
    assert!(code == 0 && out.contains("underlyingResourceAction=Delete"), "{out}");
    assert_eq!(e.computes().len(), 1, "a dry run sends nothing");
    let (code, _, err) = run(&e, &["delete", "--wait"], Some(r#"{"name": "prod-aks"}"#), tok);
    assert_eq!(code, 0, "{err}");
    assert!(e.computes().is_empty());
}

#[test]
fn refusals_and_tokens() {
    let e = Emulator::start(Config::default());
    let (code, _, err) = run(&e, &["create"], Some(r#"{"name": "ab", "agent_count": 1}"#), Some(e.config().token.as_str()));
    assert_eq!(code, 1);
    assert!(err.contains("NAME001") && err.contains("nothing was sent"), "{err}");
    assert_eq!(e.counters().get("PUT compute"), None);
    let (code, _, err) = run(&e, &["list"], None, None);
    assert_eq!(code, 2);
    assert!(err.contains("AKS_TEST_TOKEN"), "{err}");
    let (code, out, err) = run(&e, &["list"], None, Some("not-the-right-secret"));
    assert_eq!(code, 4, "the service refused: {err}");
    assert!(err.contains("401") && !err.contains("not-the-right-secret") && !out.contains("not-the-right-secret"), "{err}");
}
