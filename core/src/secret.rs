//! A string that must not leak: the TLS private key and certificate bodies.
use std::fmt;

/// Text that Debug, Display and serialization never show. Read it with [`Secret::expose`].
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }
    /// The value itself, for the places that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
    /// True when empty or blank.
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Serializes as the redaction marker: a value meant for people never carries the secret.
impl serde::Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(REDACTED)
    }
}

/// What stands in place of a secret in every rendering meant for people.
pub const REDACTED: &str = "<redacted>";

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn never_shows_the_value() {
        let s = Secret::new("-----BEGIN PRIVATE KEY-----abc");
        assert!(!format!("{s:?}{s}").contains("abc"));
        assert!(!serde_json::to_string(&s).unwrap_or_default().contains("abc"));
        assert_eq!(s.expose(), "-----BEGIN PRIVATE KEY-----abc");
    }
}
