//! The emulator against hostile clients: long bodies are refused without being buffered, and
//! schema errors say where and which rule, never the value sent there.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute_emulator::{Config, Emulator, MAX_REQUEST_BODY};
use serde_json::json;
use std::io::{Read, Write};
use std::net::TcpStream;

const PATH: &str =
    "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/computes/myaks?api-version=2026-07-01";

/// Sends raw bytes, returns the status line and the body.
fn raw(e: &Emulator, head: &str, body: &[u8]) -> (String, String) {
    let mut s = TcpStream::connect(e.addr).unwrap();
    s.write_all(head.as_bytes()).unwrap();
    // The emulator may answer and close before the whole body is written.
    let _ = s.write_all(body);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text.lines().next().unwrap_or_default().to_string();
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

#[test]
fn long_bodies_are_refused() {
    let e = Emulator::start(Config::default());
    let tok = e.config().token.clone();
    let big = vec![b'x'; MAX_REQUEST_BODY + 1];
    let head = format!(
        "PUT {PATH} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {tok}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        big.len()
    );
    let (status, _) = raw(&e, &head, &big);
    assert!(status.contains("413"), "announced: {status}");
    // Chunked, so no length is announced: the limit is applied while reading.
    let head =
        format!("PUT {PATH} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {tok}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
    let mut chunks = Vec::new();
    for _ in 0..5 {
        chunks.extend(format!("{:x}\r\n", 1 << 20).as_bytes());
        chunks.extend(std::iter::repeat_n(b'x', 1 << 20));
        chunks.extend(b"\r\n");
    }
    chunks.extend(b"0\r\n\r\n");
    let (status, _) = raw(&e, &head, &chunks);
    assert!(status.contains("413"), "chunked: {status}");
    assert!(e.computes().is_empty());
}

#[test]
fn schema_errors_do_not_echo_values() {
    let e = Emulator::start(Config::default());
    let tok = e.config().token.clone();
    let body = json!({"location": "eastus", "properties": {"computeType": "AKS", "properties": {
        "agentCount": "SECRET-COUNT", "clusterPurpose": "SECRET-PURPOSE",
        "sslConfiguration": {"status": "SECRET-STATUS", "cert": 7, "key": ["-----BEGIN PRIVATE KEY-----SECRETKEYBODY"]}
    }}})
    .to_string();
    let head = format!("PUT {PATH} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {tok}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
    let (status, answer) = raw(&e, &head, body.as_bytes());
    assert!(status.contains("400"), "{status}");
    assert!(answer.contains("InvalidRequestContent") && answer.contains("agentCount"), "the place is named: {answer}");
    assert!(!answer.contains("SECRET"), "{answer}");
    let bad_api = PATH.replace("2026-07-01", "SECRET-VERSION");
    let head = format!(
        "PUT {bad_api} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {tok}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let (_, answer) = raw(&e, &head, body.as_bytes());
    assert!(!answer.contains("SECRET"), "{answer}");
}
