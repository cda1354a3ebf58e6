//! The built binary with names that are URL dot segments: nothing may reach the server.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use std::io::Write;
use std::net::TcpListener;
use std::process::{Command, Stdio};

/// Runs the binary against a loopback listener that never answers, and counts the connections
/// it was offered.
fn run_against_listener(args: &[&str], stdin: Option<&str>) -> (i32, String, usize) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let dir = std::env::temp_dir().join(format!("akscompute-cli-hostile-{port}"));
    std::fs::create_dir_all(&dir).unwrap();
    let ctx = dir.join("context.json");
    std::fs::write(&ctx, r#"{"workspace": {"subscription_id": "00000000-0000-0000-0000-000000000000", "resource_group": "ml-rg", "name": "ml-ws", "location": "eastus"}}"#).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_akscompute"));
    cmd.args(args).args(["--cloud", &format!("http://127.0.0.1:{port}"), "--token-env", "AKS_HOSTILE_TOKEN"]);
    if stdin.is_some() {
        cmd.args(["--config", "-"]);
    }
    cmd.args(["--context", ctx.to_str().unwrap()]).env("AKS_HOSTILE_TOKEN", "tok");
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let mut connections = 0;
    while listener.accept().is_ok() {
        connections += 1;
    }
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into(), connections)
}

#[test]
fn dot_names_send_nothing() {
    for name in ["..", ".", "%2e%2e", "%2E."] {
        let config = format!(r#"{{"name": "{name}"}}"#);
        for op in ["delete", "detach", "update"] {
            let (code, err, connections) = run_against_listener(&[op], Some(&config));
            assert_eq!(connections, 0, "{op} {name}: {err}");
            assert_ne!(code, 0, "{op} {name}: {err}");
            assert!(err.contains("name"), "{op} {name}: the field is named: {err}");
        }
        let (code, err, connections) = run_against_listener(&["show", name], None);
        assert_eq!((connections, code != 0), (0, true), "show {name}: {err}");
    }
}
