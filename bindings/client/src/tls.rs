//! The TLS stack's cryptography: rustls with ring. aws-lc-rs (reqwest's default) builds a C
//! library with cmake; ring needs only a C compiler for its small C and assembly parts, so the
//! Python wheel and the CLI build where cmake is missing, and the binary is smaller.
use rustls::crypto::CryptoProvider;

/// Installs ring as the process's rustls provider unless the program chose one already (an
/// application that installed aws-lc-rs or another provider keeps it): reqwest, built without
/// a provider of its own, takes the process default when a client is built.
pub(crate) fn ensure_provider() {
    if CryptoProvider::get_default().is_none() {
        // Err only when another thread installed one between the check and here: that one stays.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_client_builds_with_ring_as_the_provider() {
        super::ensure_provider();
        assert!(rustls::crypto::CryptoProvider::get_default().is_some());
        assert!(reqwest::Client::builder().build().is_ok());
    }
}
