//! DNS names and labels (RFC 1035 host names, as Azure public IP labels and CNAMEs use them).

/// Why a DNS name is not valid, as a message key suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DnsProblem {
    /// Nothing given.
    Empty,
    /// Longer than 253 characters in all.
    TooLong,
    /// A label (between dots) longer than 63 characters.
    LabelTooLong,
    /// Two dots in a row, or a dot at an end.
    EmptyLabel,
    /// A character other than a letter, a digit, `-` or `.`: the one found.
    BadChar(char),
    /// A label that starts or ends with `-`.
    HyphenEdge,
    /// An all-digit last label, which no top-level domain is.
    NumericTld,
}

impl DnsProblem {
    /// A short English reason, used as a message parameter.
    pub fn reason(self) -> String {
        match self {
            DnsProblem::Empty => "it is empty".into(),
            DnsProblem::TooLong => "it is longer than 253 characters".into(),
            DnsProblem::LabelTooLong => "a label between dots is longer than 63 characters".into(),
            DnsProblem::EmptyLabel => "it has an empty label (two dots in a row, or a leading dot)".into(),
            DnsProblem::BadChar(c) => {
                format!("it contains {}; only letters, digits, hyphens and dots are allowed", crate::text::quoted_char(c))
            }
            DnsProblem::HyphenEdge => "a label starts or ends with a hyphen".into(),
            DnsProblem::NumericTld => "the last label is all digits".into(),
        }
    }
}

fn check_label(l: &str, allow_wildcard: bool) -> Result<(), DnsProblem> {
    if l.is_empty() {
        return Err(DnsProblem::EmptyLabel);
    }
    if allow_wildcard && l == "*" {
        return Ok(());
    }
    if l.len() > 63 {
        return Err(DnsProblem::LabelTooLong);
    }
    if let Some(c) = l.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-')) {
        return Err(DnsProblem::BadChar(c));
    }
    if l.starts_with('-') || l.ends_with('-') {
        return Err(DnsProblem::HyphenEdge);
    }
    Ok(())
}

/// A fully qualified host name such as `www.contoso.com` (one trailing dot allowed).
pub fn check_name(name: &str) -> Result<(), DnsProblem> {
    let n = name.strip_suffix('.').unwrap_or(name);
    if n.is_empty() {
        return Err(DnsProblem::Empty);
    }
    if n.len() > 253 {
        return Err(DnsProblem::TooLong);
    }
    let mut last = "";
    for l in n.split('.') {
        check_label(l, false)?;
        last = l;
    }
    if last.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DnsProblem::NumericTld);
    }
    Ok(())
}

/// Does a certificate name (possibly `*.contoso.com`) cover a host name? Case-insensitive; a
/// wildcard covers exactly one left-most label.
pub fn covers(pattern: &str, host: &str) -> bool {
    let p = pattern.trim_end_matches('.').to_ascii_lowercase();
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    match p.strip_prefix("*.") {
        Some(rest) => h.split_once('.').is_some_and(|(first, tail)| !first.is_empty() && tail == rest),
        None => p == h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn names() {
        assert_eq!(check_name("www.contoso.com"), Ok(()));
        assert_eq!(check_name("www.contoso.com."), Ok(()));
        assert_eq!(check_name("www..com"), Err(DnsProblem::EmptyLabel));
        assert_eq!(check_name("-a.com"), Err(DnsProblem::HyphenEdge));
        assert_eq!(check_name("a_b.com"), Err(DnsProblem::BadChar('_')));
        assert_eq!(check_name("1.2.3.4"), Err(DnsProblem::NumericTld));
        assert_eq!(check_name(&"a.".repeat(200)), Err(DnsProblem::TooLong));
    }
    #[test]
    fn wildcards() {
        assert!(covers("*.contoso.com", "www.Contoso.com"));
        assert!(!covers("*.contoso.com", "a.b.contoso.com"));
        assert!(!covers("*.contoso.com", "contoso.com"));
        assert!(covers("www.contoso.com", "WWW.contoso.com."));
    }
}
