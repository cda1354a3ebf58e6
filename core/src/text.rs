//! Small text helpers shared by the rules and the parsers.

/// Shortens a value for display in a message, so that a 1 MB input never ends up in a diagnostic.
pub fn clip(s: &str, max_chars: usize) -> String {
    // No more bytes than characters allowed: nothing to cut, and no character to count.
    if s.len() <= max_chars {
        return s.to_string();
    }
    match s.char_indices().nth(max_chars) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…", &s[..i]),
    }
}

/// Something that holds text a user gave (plain or secret).
pub(crate) trait Text {
    /// The text.
    fn text(&self) -> &str;
}
impl Text for String {
    fn text(&self) -> &str {
        self
    }
}
impl Text for crate::secret::Secret {
    fn text(&self) -> &str {
        self.expose()
    }
}

/// Whether a field was given: present and not empty. This is Python's truthiness of a string,
/// which azureml-core's checks use, so `" "` counts as given.
pub(crate) fn is_given<T: Text>(s: &Option<T>) -> bool {
    s.as_ref().is_some_and(|v| !v.text().is_empty())
}

/// The text of a field that holds more than blanks, for the rules that read its value.
pub(crate) fn nonblank<T: Text>(s: &Option<T>) -> Option<&str> {
    s.as_ref().map(Text::text).filter(|s| !trim(s).is_empty())
}

/// `str::trim`, with no Unicode look-up for text whose ends are ASCII (nearly every value, and
/// the padded cells of a CLI table): the rules trim every field on every keystroke. ASCII
/// blanks go byte by byte; only an end that is not ASCII takes the Unicode-aware trim.
pub(crate) fn trim(s: &str) -> &str {
    let blank = |b: &u8| matches!(b, b' ' | b'\t'..=b'\r');
    let b = s.as_bytes();
    let visible = |c: Option<&u8>| c.is_some_and(|c| c.is_ascii() && !blank(c));
    if visible(b.first()) && visible(b.last()) {
        return s;
    }
    let start = b.iter().position(|c| !blank(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|c| !blank(c)).map_or(start, |i| i + 1);
    // Both cuts are next to ASCII bytes, so on character boundaries.
    let t = s.get(start..end).unwrap_or(s);
    if t.as_bytes().first().is_none_or(u8::is_ascii) && t.as_bytes().last().is_none_or(u8::is_ascii) {
        t
    } else {
        t.trim()
    }
}

/// Levenshtein distance, bounded: for "did you mean" suggestions on short field names.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The closest candidate within a small distance, case-insensitively.
pub fn suggest<'a>(given: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let g = given.to_ascii_lowercase();
    // A field written out in full ("certificate" for "cert") is a prefix match, not a typo.
    if g.len() >= 3 {
        if let Some(c) = candidates.iter().find(|c| {
            let c = c.to_ascii_lowercase();
            c.len() >= 3 && (g.starts_with(&c) || c.starts_with(&g))
        }) {
            return Some(c);
        }
    }
    candidates
        .iter()
        .map(|c| (edit_distance(&g, &c.to_ascii_lowercase()), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn trim_is_str_trim() {
        let cases = [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\x0ba\x0b",
            "\u{a0}a",
            "a\u{3000}",
            "\u{85}",
            "ab",
            "\ta b\r\n",
            "é",
            " é ",
            "~x~",
            "1.29.4      ",
            "  \u{a0} a \u{2003}\t ",
            "\t\u{a0}\t",
            "x\u{1c}",
            " \u{1f} ",
        ];
        for c in cases {
            assert_eq!(trim(c), c.trim(), "{c:?}");
        }
    }
    #[test]
    fn clip_keeps_short_and_cuts_long() {
        assert_eq!(clip("abc", 5), "abc");
        assert_eq!(clip("abcdef", 3), "abc…");
        assert_eq!(clip("äöüß", 2), "äö…");
    }
    #[test]
    fn given_is_pythons_truthiness_and_nonblank_is_stricter() {
        assert!(!is_given::<String>(&None) && !is_given(&Some(String::new())) && is_given(&Some(" ".to_string())));
        assert_eq!(nonblank(&Some(" ".to_string())), None);
        assert_eq!(nonblank(&Some(" a".to_string())), Some(" a"));
    }
    #[test]
    fn suggests_near_names_only() {
        assert_eq!(suggest("vm_sise", &["vm_size", "agent_count"]), Some("vm_size"));
        assert_eq!(suggest("zzzzzz", &["vm_size", "agent_count"]), None);
        assert_eq!(suggest("certificate", &["cname", "cert", "key"]), Some("cert"));
    }
}
