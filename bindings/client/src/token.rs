//! Bearer tokens, from whatever the caller has. A token is a `Secret`: no Debug, log or error
//! ever shows it.
use crate::ClientError;
use akscompute::Secret;

/// Gives a bearer token for a scope (`https://management.azure.com/.default`).
pub trait TokenProvider: Send + Sync {
    /// A token for `scope`, or [`ClientError::Token`] saying why there is none.
    fn token(&self, scope: &str) -> Result<Secret, ClientError>;
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
