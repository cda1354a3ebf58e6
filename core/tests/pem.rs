//! Certificates and keys made with openssl (tests/fixtures), read by the PEM module.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::pem::{key_matches, read_certificate, read_private_key, KeyMatch, PemProblem};

const EC_A_CRT: &str = include_str!("fixtures/ec_a.crt");
const EC_A_KEY: &str = include_str!("fixtures/ec_a.key");
const EC_A_ENC: &str = include_str!("fixtures/ec_a_encrypted.key");
const EC_B_KEY: &str = include_str!("fixtures/ec_b_pkcs8.key");
const RSA_C_CRT: &str = include_str!("fixtures/rsa_c.crt");
const RSA_C_KEY: &str = include_str!("fixtures/rsa_c.key");
const RSA_C_P8: &str = include_str!("fixtures/rsa_c_pkcs8.key");
const RSA_D_P8: &str = include_str!("fixtures/rsa_d_pkcs8.key");

fn cert(s: &str) -> akscompute::pem::CertInfo {
    read_certificate(s).unwrap_or_else(|e| panic!("{e:?}"))
}
fn key(s: &str) -> akscompute::pem::KeyPublic {
    read_private_key(s).unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn reads_names_and_validity() {
    let c = cert(EC_A_CRT);
    assert_eq!(c.dns_names, vec!["www.contoso.com", "api.contoso.com"]);
    assert_eq!(c.common_name.as_deref(), Some("www.contoso.com"));
    assert!(c.not_after - c.not_before > 3649 * 86400);
    assert!(c.covers("API.contoso.com") && !c.covers("contoso.com"));
    let w = cert(RSA_C_CRT);
    assert!(w.dns_names.is_empty(), "no SAN: the CN counts");
    assert!(w.covers("www.contoso.com") && !w.covers("a.b.contoso.com"));
}

#[test]
fn matches_keys_of_every_format() {
    assert_eq!(key_matches(&cert(EC_A_CRT), &key(EC_A_KEY)), KeyMatch::Yes);
    assert_eq!(key_matches(&cert(EC_A_CRT), &key(EC_B_KEY)), KeyMatch::No);
    assert_eq!(key_matches(&cert(RSA_C_CRT), &key(RSA_C_KEY)), KeyMatch::Yes);
    assert_eq!(key_matches(&cert(RSA_C_CRT), &key(RSA_C_P8)), KeyMatch::Yes);
    assert_eq!(key_matches(&cert(RSA_C_CRT), &key(RSA_D_P8)), KeyMatch::No);
    assert_eq!(key_matches(&cert(RSA_C_CRT), &key(EC_A_KEY)), KeyMatch::No);
}

#[test]
fn tells_what_is_wrong() {
    assert_eq!(read_private_key(EC_A_ENC), Err(PemProblem::Encrypted));
    assert_eq!(read_private_key(EC_A_CRT), Err(PemProblem::WrongLabel("CERTIFICATE".into())));
    assert_eq!(read_certificate(EC_A_KEY), Err(PemProblem::WrongLabel("EC PRIVATE KEY".into())));
    assert_eq!(read_certificate("cert.pem"), Err(PemProblem::NotPem));
    let broken = EC_A_CRT.replacen("MII", "MIX", 1);
    assert!(matches!(read_certificate(&broken), Err(PemProblem::Corrupt(_))));
    let chain = format!("{EC_A_CRT}{RSA_C_CRT}");
    assert_eq!(cert(&chain).dns_names.len(), 2, "the leaf is the first certificate of a chain");
    let with_params = format!("-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n{EC_A_KEY}");
    assert_eq!(key_matches(&cert(EC_A_CRT), &key(&with_params)), KeyMatch::Yes);
}

#[test]
fn corrupt_key_errors_do_not_echo_the_key() {
    let broken = RSA_C_KEY.replacen("MIIE", "MIXE", 1);
    match read_private_key(&broken) {
        Err(PemProblem::Corrupt(msg)) => assert!(!msg.contains("MIXE") && msg.len() < 200, "{msg}"),
        other => panic!("{other:?}"),
    }
}
