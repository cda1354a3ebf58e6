//! The client's tracing events, captured: every request, answer, retry, reconciliation and
//! poll is there; the token, the TLS key and certificate and the kubeconfigs are not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::CreateConfig;
use akscompute_emulator::Fault;
use serde_json::json;
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

mod common;

/// Where the subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

fn pem(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").join(name)).unwrap()
}

#[test]
fn every_request_answer_retry_and_poll_is_logged_and_no_secret_is() {
    let e = common::emulator(Duration::from_millis(60));
    let c = common::client(&e);
    let (cert, key) = (pem("cert.pem"), pem("key.pem"));
    let cfg = CreateConfig::from_value(&json!({
        "name": "log-aks", "agent_count": 3, "vm_size": "Standard_D3_v2",
        "ssl": {"cname": "www.contoso.com", "cert": cert, "key": key}
    }))
    .unwrap();
    let ctx = common::ctx();
    // The existence check meets a 503 (retried); the PUT's answer is lost (reconciled by a GET).
    e.fault(Some("GET"), Some("/computes/log-aks"), Fault::Status { status: 503, retry_after: None }, 1);
    e.fault(Some("PUT"), Some("/computes/log-aks"), Fault::Lost, 1);
    let out = Captured::default();
    let subscriber = tracing_subscriber::fmt().with_writer(out.clone()).with_max_level(tracing::Level::TRACE).finish();
    let kubeconfig = tracing::subscriber::with_default(subscriber, || {
        let rt = common::rt();
        rt.block_on(async {
            let op = c.create(&cfg, &ctx).await.unwrap();
            assert!(op.reconciled, "{op:?}");
            c.wait(&ctx, &op, &mut |_| {}).await.unwrap();
            c.list_keys(&ctx, "log-aks").await.unwrap().user_kube_config.unwrap().expose().to_string()
        })
    });
    let log = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
    for want in [
        "request method=GET",
        "request method=PUT",
        "api_version=",
        "answer status=503",
        "answer status=200",
        "retry ",
        "reason=503 from GET",
        "no answer",
        "no clear answer",
        "poll",
        "request body (secrets redacted)",
        "<redacted>",
    ] {
        assert!(log.contains(want), "{want:?} missing from:\n{log}");
    }
    // The 503-retried GET keeps its x-ms-client-request-id; the next request has its own.
    let ids: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("akscompute_client: request method="))
        .filter_map(|l| l.split("client_request_id=").nth(1))
        .map(|rest| rest.split_whitespace().next().unwrap_or_default())
        .collect();
    assert!(ids.len() >= 4 && ids.iter().all(|id| id.len() == 36), "{ids:?}");
    assert!(ids[0] == ids[1] && ids[1] != ids[2], "a retry keeps its id, a new request gets one: {ids:?}");
    assert!(!log.contains(&e.config().token), "the token is logged:\n{log}");
    for line in cert.lines().chain(key.lines()).filter(|l| l.len() > 20 && !l.starts_with("-----")) {
        assert!(!log.contains(line), "PEM text is logged: {line}");
    }
    assert!(!kubeconfig.is_empty() && !log.contains(&kubeconfig), "the kubeconfig is logged");
}

/// A server that echoes the token back in the request-id headers the answer's event carries,
/// and in its error message: the log and the error show `<redacted>` in its place.
#[test]
fn a_token_echoed_in_the_headers_the_log_shows_is_not_logged() {
    let cfg =
        akscompute_emulator::Config { hostile: Some(akscompute_emulator::Hostile::EchoToken), ..akscompute_emulator::Config::default() };
    let e = akscompute_emulator::Emulator::start(cfg);
    let c = common::client(&e);
    let out = Captured::default();
    let subscriber = tracing_subscriber::fmt().with_writer(out.clone()).with_max_level(tracing::Level::TRACE).finish();
    let err = tracing::subscriber::with_default(subscriber, || common::rt().block_on(c.get(&common::ctx(), "myaks"))).unwrap_err();
    let log = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
    let token = &e.config().token;
    assert!(log.contains("request_id=<redacted>") && log.contains("correlation_id=<redacted>"), "{log}");
    assert!(!log.contains(token.as_str()), "the token is logged:\n{log}");
    assert!(!err.report().contains(token.as_str()) && err.report().contains("<redacted>"), "{}", err.report());
}
