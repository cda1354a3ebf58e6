//! PEM certificates and private keys: recognised as such, read for the names and validity
//! period of the certificate, and matched key to certificate by comparing public material.
//! Nothing here verifies signatures or chains: that is the service's and the client's job.
//!
//! The DER readers are the `x509` feature (on by default). Without it the PEM framing is still
//! recognised, but no certificate or key is decoded: the readers answer
//! [`PemProblem::Corrupt`] with [`NOT_READ`], and a front end built so (the browser's lean
//! module) must hand such input to a full build instead of reporting that.
#[cfg(feature = "x509")]
use der::{asn1::Ia5StringRef, asn1::PrintableStringRef, asn1::Utf8StringRef, Decode};
#[cfg(feature = "x509")]
use x509_cert::ext::pkix::{name::GeneralName, SubjectAltName};
#[cfg(feature = "x509")]
use x509_cert::Certificate;

/// The detail of the [`PemProblem::Corrupt`] a build without the `x509` feature answers.
pub const NOT_READ: &str = "not read: this build has no X.509 reader (the x509 feature)";

#[cfg(feature = "x509")]
const OID_RSA: &str = "1.2.840.113549.1.1.1";
#[cfg(feature = "x509")]
const OID_EC: &str = "1.2.840.10045.2.1";
const OID_ED25519: &str = "1.3.101.112";
#[cfg(feature = "x509")]
const OID_CN: &str = "2.5.4.3";

/// What the rules need of a certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertInfo {
    /// The subject alternative names of type DNS, which TLS clients match.
    pub dns_names: Vec<String>,
    /// The subject's common name, which old clients match when there are no DNS names.
    pub common_name: Option<String>,
    /// Valid from, in Unix seconds.
    pub not_before: i64,
    /// Valid until, in Unix seconds (the rules warn before it).
    pub not_after: i64,
    spki_oid: String,
    spki_key: Vec<u8>,
}

/// Why a PEM text is not what it should be (message key suffix + detail).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PemProblem {
    /// No `-----BEGIN …-----` block at all.
    NotPem,
    /// A PEM block of another kind (label given), e.g. a key where a certificate belongs.
    WrongLabel(String),
    /// The block is there but its content does not decode.
    Corrupt(String),
    /// An encrypted private key: the service needs it unencrypted.
    Encrypted,
}

/// The public half of a private key, as far as the key file carries it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyPublic {
    /// An RSA key's public modulus and exponent.
    Rsa {
        /// The modulus, big-endian.
        n: Vec<u8>,
        /// The public exponent, big-endian.
        e: Vec<u8>,
    },
    /// EC or Ed25519 public key bits, when the key file includes them.
    Raw {
        /// The algorithm's (or curve's) OID, to compare with the certificate's.
        oid: String,
        /// The public key bits; `None` when the file leaves them out.
        key: Option<Vec<u8>>,
    },
}

/// Does the key belong to the certificate?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyMatch {
    /// The key's public half is the certificate's.
    Yes,
    /// It is another key's: the service would refuse the pair.
    No,
    /// The key file does not carry enough to tell (an EC key without its public point).
    Unknown,
}

/// The longest label accepted (`ENCRYPTED PRIVATE KEY` has 21 characters).
const MAX_LABEL: usize = 40;

/// The label of a BEGIN line: at most [`MAX_LABEL`] characters of `[A-Z0-9 ]`, closed by
/// dashes on the same line. Anything else is not a PEM label, and since the text around it is
/// key material, none of it may be quoted in a message.
fn label_of(after_begin: &str) -> Option<&str> {
    let line = after_begin.split(['\n', '\r']).next().unwrap_or_default();
    let label = &line[..line.find("-----")?];
    (label.len() <= MAX_LABEL && label.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b' ')).then_some(label)
}

/// The `(label, block)` pairs of a PEM text, in order. A BEGIN line without a proper label
/// starts no block.
fn blocks(text: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(b) = rest.find("-----BEGIN ") {
        let after = &rest[b + 11..];
        let Some(label) = label_of(after) else {
            rest = after;
            continue;
        };
        let end_marker_at = after.find("-----END ");
        let Some(e) = end_marker_at else {
            out.push((label, &rest[b..]));
            break;
        };
        let tail = &after[e + 9..];
        let close = tail.find("-----").map(|c| c + 5).unwrap_or(tail.len());
        let block_end = b + 11 + e + 9 + close;
        out.push((label, &rest[b..block_end]));
        rest = &rest[block_end..];
    }
    out
}

/// A private key's block label, of any kind (`PRIVATE KEY`, `RSA PRIVATE KEY`, `EC PRIVATE
/// KEY`, `ENCRYPTED PRIVATE KEY`).
fn is_key_label(label: &str) -> bool {
    label.ends_with("PRIVATE KEY")
}

/// Whether a PEM text has a private key block, told by the blocks' labels alone: the key
/// itself is not decoded. A certificate's text that has one would send the key with it.
pub fn holds_private_key(text: &str) -> bool {
    blocks(text).iter().any(|(l, _)| is_key_label(l))
}

#[cfg(feature = "x509")]
fn trimmed_int(b: &[u8]) -> Vec<u8> {
    let i = b.iter().position(|x| *x != 0).unwrap_or(b.len());
    b[i..].to_vec()
}

#[cfg(feature = "x509")]
fn der_of(block: &str) -> Result<Vec<u8>, PemProblem> {
    der::Document::from_pem(block).map(|(_, d)| d.as_bytes().to_vec()).map_err(|e| PemProblem::Corrupt(e.to_string()))
}

#[cfg(feature = "x509")]
fn attr_text(any: &der::Any) -> Option<String> {
    Utf8StringRef::try_from(any)
        .map(|s| s.as_str().to_string())
        .or_else(|_| PrintableStringRef::try_from(any).map(|s| s.as_str().to_string()))
        .or_else(|_| Ia5StringRef::try_from(any).map(|s| s.as_str().to_string()))
        .ok()
}

/// Reads the first certificate of a PEM text (the leaf of a chain).
#[cfg(feature = "x509")]
pub fn read_certificate(text: &str) -> Result<CertInfo, PemProblem> {
    let bl = blocks(text);
    let Some((first, _)) = bl.first() else { return Err(PemProblem::NotPem) };
    let Some((_, block)) = bl.iter().find(|(l, _)| *l == "CERTIFICATE" || *l == "TRUSTED CERTIFICATE") else {
        return Err(PemProblem::WrongLabel((*first).to_string()));
    };
    let der = der_of(block)?;
    let cert = Certificate::from_der(&der).map_err(|e| PemProblem::Corrupt(e.to_string()))?;
    let tbs = &cert.tbs_certificate;
    let secs = |t: &x509_cert::time::Time| i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX);
    let mut common_name = None;
    for rdn in tbs.subject.0.iter() {
        for atv in rdn.0.iter() {
            if atv.oid.to_string() == OID_CN {
                common_name = attr_text(&atv.value);
            }
        }
    }
    let mut dns_names = Vec::new();
    if let Ok(Some((_, san))) = tbs.get::<SubjectAltName>() {
        for g in san.0 {
            if let GeneralName::DnsName(n) = g {
                dns_names.push(n.as_str().to_string());
            }
        }
    }
    let spki = &tbs.subject_public_key_info;
    Ok(CertInfo {
        dns_names,
        common_name,
        not_before: secs(&tbs.validity.not_before),
        not_after: secs(&tbs.validity.not_after),
        spki_oid: spki.algorithm.oid.to_string(),
        spki_key: spki.subject_public_key.raw_bytes().to_vec(),
    })
}

/// Without the `x509` feature: the block is found, but not decoded ([`NOT_READ`]).
#[cfg(not(feature = "x509"))]
pub fn read_certificate(text: &str) -> Result<CertInfo, PemProblem> {
    let bl = blocks(text);
    let Some((first, _)) = bl.first() else { return Err(PemProblem::NotPem) };
    if !bl.iter().any(|(l, _)| *l == "CERTIFICATE" || *l == "TRUSTED CERTIFICATE") {
        return Err(PemProblem::WrongLabel((*first).to_string()));
    }
    Err(PemProblem::Corrupt(NOT_READ.into()))
}

/// Without the `x509` feature: the block is found, but not decoded ([`NOT_READ`]).
#[cfg(not(feature = "x509"))]
pub fn read_private_key(text: &str) -> Result<KeyPublic, PemProblem> {
    let bl = blocks(text);
    let Some((first, _)) = bl.first() else { return Err(PemProblem::NotPem) };
    if !bl.iter().any(|(l, _)| is_key_label(l)) {
        return Err(PemProblem::WrongLabel((*first).to_string()));
    }
    Err(PemProblem::Corrupt(NOT_READ.into()))
}

/// Reads a private key (PKCS#8, PKCS#1 RSA or SEC1 EC; an `EC PARAMETERS` block before it is fine).
#[cfg(feature = "x509")]
pub fn read_private_key(text: &str) -> Result<KeyPublic, PemProblem> {
    let bl = blocks(text);
    let Some((first, _)) = bl.first() else { return Err(PemProblem::NotPem) };
    let Some((label, block)) = bl.iter().find(|(l, _)| is_key_label(l)) else {
        return Err(PemProblem::WrongLabel((*first).to_string()));
    };
    let corrupt = |e: &dyn std::fmt::Display| PemProblem::Corrupt(e.to_string());
    match *label {
        "ENCRYPTED PRIVATE KEY" => Err(PemProblem::Encrypted),
        "RSA PRIVATE KEY" => {
            if block.contains("Proc-Type: 4,ENCRYPTED") {
                return Err(PemProblem::Encrypted);
            }
            let der = der_of(block)?;
            let k = pkcs1::RsaPrivateKey::from_der(&der).map_err(|e| corrupt(&e))?;
            Ok(KeyPublic::Rsa { n: trimmed_int(k.modulus.as_bytes()), e: trimmed_int(k.public_exponent.as_bytes()) })
        }
        "EC PRIVATE KEY" => {
            if block.contains("Proc-Type: 4,ENCRYPTED") {
                return Err(PemProblem::Encrypted);
            }
            let der = der_of(block)?;
            let k = sec1::EcPrivateKey::from_der(&der).map_err(|e| corrupt(&e))?;
            Ok(KeyPublic::Raw { oid: OID_EC.into(), key: k.public_key.map(<[u8]>::to_vec) })
        }
        "PRIVATE KEY" => {
            let der = der_of(block)?;
            let k = pkcs8::PrivateKeyInfo::from_der(&der).map_err(|e| corrupt(&e))?;
            let oid = k.algorithm.oid.to_string();
            match oid.as_str() {
                OID_RSA => {
                    let r = pkcs1::RsaPrivateKey::from_der(k.private_key).map_err(|e| corrupt(&e))?;
                    Ok(KeyPublic::Rsa { n: trimmed_int(r.modulus.as_bytes()), e: trimmed_int(r.public_exponent.as_bytes()) })
                }
                OID_EC => {
                    let inner = sec1::EcPrivateKey::from_der(k.private_key).map_err(|e| corrupt(&e))?;
                    let key = inner.public_key.map(<[u8]>::to_vec).or_else(|| k.public_key.map(<[u8]>::to_vec));
                    Ok(KeyPublic::Raw { oid, key })
                }
                _ => Ok(KeyPublic::Raw { key: k.public_key.map(<[u8]>::to_vec), oid }),
            }
        }
        other => Err(PemProblem::WrongLabel(other.to_string())),
    }
}

/// Compares the key's public half with the certificate's public key.
pub fn key_matches(cert: &CertInfo, key: &KeyPublic) -> KeyMatch {
    match key {
        #[cfg(not(feature = "x509"))]
        KeyPublic::Rsa { .. } => KeyMatch::Unknown,
        #[cfg(feature = "x509")]
        KeyPublic::Rsa { n, e } => {
            if cert.spki_oid != OID_RSA {
                return KeyMatch::No;
            }
            match pkcs1::RsaPublicKey::from_der(&cert.spki_key) {
                Ok(p) if trimmed_int(p.modulus.as_bytes()) == *n && trimmed_int(p.public_exponent.as_bytes()) == *e => KeyMatch::Yes,
                Ok(_) => KeyMatch::No,
                Err(_) => KeyMatch::Unknown,
            }
        }
        KeyPublic::Raw { oid, key } => {
            if *oid != cert.spki_oid && !(oid == OID_ED25519 && cert.spki_oid == OID_ED25519) {
                return KeyMatch::No;
            }
            match key {
                Some(k) if *k == cert.spki_key => KeyMatch::Yes,
                Some(_) => KeyMatch::No,
                None => KeyMatch::Unknown,
            }
        }
    }
}

impl CertInfo {
    /// The names the certificate is for: SAN DNS names, or the CN when it has none.
    pub fn names(&self) -> Vec<String> {
        if self.dns_names.is_empty() {
            self.common_name.iter().cloned().collect()
        } else {
            self.dns_names.clone()
        }
    }
    /// True when one of its names covers the host.
    pub fn covers(&self, host: &str) -> bool {
        self.names().iter().any(|n| crate::dns::covers(n, host))
    }
}
