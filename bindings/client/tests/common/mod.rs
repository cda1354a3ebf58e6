//! What every emulator-backed client test sets up: the emulator, a client aimed at it with
//! policies fast enough for tests, the workspace context and a runtime. A test that needs
//! other figures changes the client's `retry` or `poll` after.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::request::{Cloud, Options};
use akscompute::{Context, Secret};
use akscompute_client::{Client, PollPolicy, RetryPolicy, StaticToken, TokenProvider};
use akscompute_emulator::{Config, Emulator};
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

/// The workspace's subscription.
pub const SUB: &str = "00000000-0000-0000-0000-000000000000";

/// An emulator whose operations take `operation_time` and which never asks to wait.
pub fn emulator(operation_time: Duration) -> Emulator {
    Emulator::start(Config { operation_time, retry_after_secs: 0, retry_after_remaining: false, ..Config::default() })
}

/// A client for `endpoint` signing with `tokens`: eight attempts 5 to 50 ms apart, polls
/// every 20 ms (at least 5 ms) for up to 20 s.
pub fn client_at(endpoint: &str, tokens: Arc<dyn TokenProvider>) -> Client {
    let mut c = Client::new(Options { cloud: Cloud::Custom(endpoint.into()), ..Options::default() }, tokens).unwrap();
    c.retry = RetryPolicy { max_attempts: 8, base_delay: Duration::from_millis(5), max_delay: Duration::from_millis(50) };
    c.poll = PollPolicy {
        default_interval: Duration::from_millis(20),
        min_interval: Duration::from_millis(5),
        timeout: Duration::from_secs(20),
        fixed: false,
    };
    c
}

/// [`client_at`] the emulator, with the emulator's token.
pub fn client(e: &Emulator) -> Client {
    client_at(&e.endpoint(), Arc::new(StaticToken(Secret::new(e.config().token.clone()))))
}

/// The workspace the emulator serves.
pub fn ctx() -> Context {
    Context::from_value(&json!({"workspace": {"subscription_id": SUB, "resource_group": "ml-rg", "name": "ml-ws", "location": "eastus"}}))
        .unwrap()
}

/// A runtime for one test's calls.
pub fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}
