//! The Azure SDK's credentials as a [`TokenProvider`]: `DefaultAzureCredential`,
//! `AzureCliCredential`, `ManagedIdentityCredential` or any other `azure_core`
//! [`TokenCredential`] signs this client's requests.
use crate::token::TokenFuture;
use crate::{ClientError, TokenProvider};
use akscompute::Secret;
use azure_core::credentials::TokenCredential;
use azure_core::time::{Duration, OffsetDateTime};
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};

/// A token is fetched again this long before it expires, so none expires in flight.
const EARLY: Duration = Duration::minutes(5);

/// Adapts an `azure_core` [`TokenCredential`] (from `azure_identity`) to [`TokenProvider`],
/// keeping each scope's token until five minutes before it expires.
///
/// ```no_run
/// # async fn demo(credential: std::sync::Arc<dyn azure_core::credentials::TokenCredential>) {
/// use akscompute_client::{AzureCredential, Client};
/// // credential: azure_identity::DeveloperToolsCredential::new(None)? or another one.
/// let client = Client::new(Default::default(), std::sync::Arc::new(AzureCredential::new(credential)));
/// # }
/// ```
pub struct AzureCredential {
    credential: Arc<dyn TokenCredential>,
    cache: Mutex<HashMap<String, (Secret, OffsetDateTime)>>,
}

impl AzureCredential {
    /// Wraps a credential.
    pub fn new(credential: Arc<dyn TokenCredential>) -> Self {
        AzureCredential { credential, cache: Mutex::default() }
    }

    fn cached(&self, scope: &str) -> Option<Secret> {
        let cache = self.cache.lock().ok()?;
        let (token, expires_on) = cache.get(scope)?;
        (OffsetDateTime::now_utc() + EARLY < *expires_on).then(|| token.clone())
    }

    async fn get(&self, scope: &str) -> Result<Secret, ClientError> {
        if let Some(token) = self.cached(scope) {
            return Ok(token);
        }
        // The SDK's error says which credentials were tried and why each failed: kept as the
        // source (`ClientError::report` caps it, since it may quote a tool's whole output).
        let got = self.credential.get_token(&[scope], None).await.map_err(|e| ClientError::token_from("the Azure credential failed", e))?;
        let token = Secret::new(got.token.secret());
        if token.is_blank() {
            return Err(ClientError::token("the Azure credential gave an empty token"));
        }
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(scope.to_string(), (token.clone(), got.expires_on));
        }
        Ok(token)
    }
}

impl From<Arc<dyn TokenCredential>> for AzureCredential {
    fn from(credential: Arc<dyn TokenCredential>) -> Self {
        AzureCredential::new(credential)
    }
}

impl fmt::Debug for AzureCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Not the credential's own Debug: a caller's credential may print what it holds.
        f.write_str("AzureCredential(tokens: <redacted>)")
    }
}

impl TokenProvider for AzureCredential {
    /// For callers without a runtime: the credential runs on a thread with a runtime of its
    /// own, so this works inside an async context too (the client itself uses `fetch`).
    fn token(&self, scope: &str) -> Result<Secret, ClientError> {
        if let Some(token) = self.cached(scope) {
            return Ok(token);
        }
        std::thread::scope(|s| {
            s.spawn(|| {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|e| ClientError::token_from("no runtime for the Azure credential", e))?;
                rt.block_on(self.get(scope))
            })
            .join()
            .unwrap_or_else(|_| Err(ClientError::token("the Azure credential panicked")))
        })
    }

    fn fetch<'a>(&'a self, scope: &'a str) -> TokenFuture<'a> {
        Box::pin(self.get(scope))
    }
}
