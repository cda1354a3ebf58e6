//! `--debug` and `--verbose` show the client's requests, answers, retries and polls, through
//! the built binary against the emulator; the token and the TLS key never appear.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod common;
use akscompute_emulator::{Config, Emulator, Fault};
use common::*;
use std::path::Path;
use std::time::Duration;

fn go(e: &Emulator, d: &Path, args: &[&str]) -> Out {
    let mut c = cmd(d, args);
    c.args(["--cloud", &e.endpoint(), "--token-env", "T", "-g", "ml-rg", "-w", "ml-ws", "--subscription-id", SUB])
        .env("T", &e.config().token);
    run_in(c, None)
}

#[test]
fn debug_shows_every_request_answer_retry_and_poll_and_no_secret() {
    let e = Emulator::start(Config { operation_time: Duration::from_millis(100), retry_after_secs: 0, ..Config::default() });
    let d = scratch("logging");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    for f in ["cert.pem", "key.pem"] {
        std::fs::copy(examples.join(f), d.join(f)).unwrap();
    }
    // The create's PUT is refused once with 429 (safe to repeat: nothing was done), so it retries.
    e.fault(Some("PUT"), Some("/computes/log-aks"), Fault::Status { status: 429, retry_after: Some(0) }, 1);
    let create = [
        "computetarget",
        "create",
        "aks",
        "-n",
        "log-aks",
        "-l",
        "eastus",
        "--ssl-cname",
        "www.contoso.com",
        "--ssl-cert-file",
        "cert.pem",
        "--ssl-key-file",
        "key.pem",
    ];
    let r = go(&e, &d, &[&create[..], &["--debug"]].concat());
    assert_eq!(r.code, 0, "{}", r.err);
    for want in [
        "DEBUG: request method=PUT url=http://127.0.0.1:",
        "api_version=2026-07-01 attempt=1",
        "DEBUG: answer status=429",
        "INFO: retry method=PUT",
        "attempt=2 reason=429 from PUT",
        "DEBUG: answer status=200",
        "DEBUG: poll operation=create name=log-aks status=",
        "DEBUG: poll: done operation=create name=log-aks status=Succeeded",
        "TRACE: request body (secrets redacted)",
    ] {
        assert!(r.err.contains(want), "{want:?} missing from:\n{}", r.err);
    }
    assert!(!r.err.contains(&e.config().token) && !r.out.contains(&e.config().token), "the token is shown:\n{}", r.err);
    let pem = std::fs::read_to_string(d.join("key.pem")).unwrap() + &std::fs::read_to_string(d.join("cert.pem")).unwrap();
    for line in pem.lines().filter(|l| l.len() > 20 && !l.starts_with("-----")) {
        assert!(!r.err.contains(line) && !r.out.contains(line), "PEM text is shown: {line}");
    }
    assert!(!r.err.contains("hyper"), "only the client's events: {}", r.err);

    // --verbose: the retry, not each request; by default, neither.
    e.fault(Some("GET"), Some("/computes"), Fault::Status { status: 503, retry_after: Some(0) }, 1);
    let r = go(&e, &d, &["computetarget", "list", "--verbose"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.err.contains("INFO: retry method=GET") && r.err.contains("reason=503 from GET"), "{}", r.err);
    assert!(!r.err.contains("DEBUG:"), "{}", r.err);
    e.fault(Some("GET"), Some("/computes"), Fault::Status { status: 503, retry_after: Some(0) }, 1);
    let r = go(&e, &d, &["computetarget", "list"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(!r.err.contains("retry") && !r.err.contains("INFO:"), "{}", r.err);
}
