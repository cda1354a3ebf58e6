//! Bearer tokens, from whatever the caller has. A token is a `Secret`: no Debug, log or error
//! ever shows it.
use crate::ClientError;
use akscompute::Secret;
use std::future::Future;
use std::pin::Pin;

/// A token on its way: what [`TokenProvider::fetch`] returns.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<Secret, ClientError>> + Send + 'a>>;

/// Gives a bearer token for a scope (`https://management.azure.com/.default`).
pub trait TokenProvider: Send + Sync {
    /// A token for `scope`, or [`ClientError::Token`] saying why there is none.
    fn token(&self, scope: &str) -> Result<Secret, ClientError>;

    /// The same token without blocking the runtime; the async client asks this way. A provider
    /// that must wait on the network (the Azure SDK's credentials) overrides it; the default
    /// answers with [`TokenProvider::token`] at once.
    fn fetch<'a>(&'a self, scope: &'a str) -> TokenFuture<'a> {
        Box::pin(std::future::ready(self.token(scope)))
    }
}

/// A token the caller already has.
pub struct StaticToken(pub Secret);

impl TokenProvider for StaticToken {
    fn token(&self, _scope: &str) -> Result<Secret, ClientError> {
        Ok(self.0.clone())
    }
}

impl<F> TokenProvider for F
where
    F: Fn(&str) -> Result<Secret, ClientError> + Send + Sync,
{
    fn token(&self, scope: &str) -> Result<Secret, ClientError> {
        self(scope)
    }
}
