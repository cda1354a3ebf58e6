//! The Azure SDK's credentials sign the client's requests (feature `azure-identity`).
#![cfg(feature = "azure-identity")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute_client::{AzureCredential, Client, ClientError, TokenProvider};
use akscompute_emulator::{Config, Emulator};
use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use azure_core::time::{Duration, OffsetDateTime};
use azure_identity::{AzureCliCredential, AzureCliCredentialOptions, Executor};
use serde_json::json;
use std::ffi::OsStr;
use std::io;
use std::os::unix::process::ExitStatusExt;
use std::process::{ExitStatus, Output};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

/// A credential that hands out a fixed token, counting how often it is asked.
#[derive(Debug)]
struct Fake {
    token: Option<String>,
    lifetime: Duration,
    calls: AtomicU32,
    scopes: Mutex<Vec<String>>,
}

impl Fake {
    fn new(token: Option<&str>, lifetime: Duration) -> Arc<Self> {
        Arc::new(Fake { token: token.map(String::from), lifetime, calls: AtomicU32::new(0), scopes: Mutex::default() })
    }
}

#[async_trait::async_trait]
impl TokenCredential for Fake {
    async fn get_token(&self, scopes: &[&str], _: Option<TokenRequestOptions<'_>>) -> azure_core::Result<AccessToken> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.scopes.lock().unwrap().extend(scopes.iter().map(|s| s.to_string()));
        match &self.token {
            Some(t) => Ok(AccessToken::new(t.clone(), OffsetDateTime::now_utc() + self.lifetime)),
            None => Err(azure_core::Error::with_message(azure_core::error::ErrorKind::Credential, "no account signed in")),
        }
    }
}

mod common;
use common::{ctx, rt};

fn emulator() -> Emulator {
    common::emulator(Config::default().operation_time)
}

fn client(e: &Emulator, tokens: Arc<dyn TokenProvider>) -> Client {
    common::client_at(&e.endpoint(), tokens)
}

#[test]
fn a_token_credential_signs_every_request_and_is_asked_once_while_its_token_lasts() {
    let e = emulator();
    let fake = Fake::new(Some(&e.config().token), Duration::hours(1));
    let c = client(&e, Arc::new(AzureCredential::new(fake.clone())));
    rt().block_on(async {
        for _ in 0..3 {
            assert!(c.list(&ctx()).await.unwrap().is_empty());
            assert!(c.get(&ctx(), "absent").await.unwrap().is_none());
        }
    });
    assert_eq!(fake.calls.load(Ordering::SeqCst), 1, "the token is kept until it nears its expiry");
    assert_eq!(fake.scopes.lock().unwrap().as_slice(), [format!("{}/.default", e.endpoint())]);
}

#[test]
fn a_token_near_its_expiry_is_fetched_again() {
    let fake = Fake::new(Some("t"), Duration::minutes(2));
    let provider = AzureCredential::new(fake.clone());
    rt().block_on(async {
        provider.fetch("s").await.unwrap();
        provider.fetch("s").await.unwrap();
    });
    assert_eq!(fake.calls.load(Ordering::SeqCst), 2);
}

#[test]
fn a_failing_credential_is_a_token_error_and_nothing_is_sent() {
    let e = emulator();
    let c = client(&e, Arc::new(AzureCredential::new(Fake::new(None, Duration::hours(1)))));
    let err = rt().block_on(c.list(&ctx())).unwrap_err();
    assert!(matches!(&err, ClientError::Token { source: Some(_), .. }), "{err:?}");
    // The credential's own words are the source, and the one-line report carries them.
    assert!(err.report().contains("no account signed in"), "{}", err.report());
    assert_eq!(e.counters().values().sum::<u64>(), 0, "{:?}", e.counters());
}

#[test]
fn the_blocking_call_works_inside_a_runtime_and_debug_shows_no_token() {
    let fake = Fake::new(Some("secret-token-value"), Duration::hours(1));
    let provider = AzureCredential::new(fake);
    let token = rt().block_on(async { provider.token("s") }).unwrap();
    assert_eq!(token.expose(), "secret-token-value");
    assert!(!format!("{provider:?}").contains("secret-token-value"));
}

/// Answers the Azure CLI credential's `az account get-access-token` as the Azure CLI does.
#[derive(Debug)]
struct FakeAz {
    token: String,
    commands: Mutex<Vec<String>>,
}

#[async_trait::async_trait]
impl Executor for FakeAz {
    async fn run(&self, program: &OsStr, args: &[&OsStr]) -> io::Result<Output> {
        let line = std::iter::once(program).chain(args.iter().copied()).map(|a| a.to_string_lossy().into_owned()).collect::<Vec<_>>();
        self.commands.lock().unwrap().push(line.join(" "));
        let expires = (OffsetDateTime::now_utc() + Duration::hours(1)).unix_timestamp();
        let stdout = json!({"accessToken": self.token, "expires_on": expires, "tokenType": "Bearer", "subscription": "s", "tenant": "t"});
        Ok(Output { status: ExitStatus::from_raw(0), stdout: stdout.to_string().into_bytes(), stderr: Vec::new() })
    }
}

#[test]
fn the_azure_cli_credential_of_azure_identity_works() {
    let e = emulator();
    let az = Arc::new(FakeAz { token: e.config().token.clone(), commands: Mutex::default() });
    let credential = AzureCliCredential::new(Some(AzureCliCredentialOptions { executor: Some(az.clone()), ..Default::default() })).unwrap();
    let c = client(&e, Arc::new(AzureCredential::new(credential)));
    assert!(rt().block_on(c.list(&ctx())).unwrap().is_empty());
    let commands = az.commands.lock().unwrap();
    assert_eq!(commands.len(), 1, "{commands:?}");
    assert!(
        commands[0].contains("az account get-access-token") && commands[0].contains(&format!("{}/.default", e.endpoint())),
        "{commands:?}"
    );
}
