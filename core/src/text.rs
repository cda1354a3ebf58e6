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

/// `s` in double quotes with what would not show escaped, for a message that quotes a value.
/// Written here rather than `{:?}`, whose quoting of text links the standard library's
/// printable-character and grapheme-extend tables and their walk: 3.9 KB raw, 2.9 KB gzipped
/// of the browser's lean module. ASCII comes out as `{:?}` writes it (`\"`, `\\`, `\n`, `\t`,
/// `\r`, `\0`, `\u{1b}`); beyond it, controls, format and bidirectional characters, spaces
/// other than U+0020, invisible fillers, variation selectors, combining diacritics and
/// private-use characters are escaped as `\u{…}`, and everything else shows as it is (`{:?}`
/// escapes more: unassigned code points and the combining marks of every script).
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        push_escaped(&mut out, c, '"');
    }
    out.push('"');
    out
}

/// A character in single quotes, escaped as [`quoted`] escapes it (`'\''` too).
pub(crate) fn quoted_char(c: char) -> String {
    let mut out = String::from("'");
    push_escaped(&mut out, c, '\'');
    out.push('\'');
    out
}

fn push_escaped(out: &mut String, c: char, quote: char) {
    match c {
        '\0' => out.push_str("\\0"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        '\n' => out.push_str("\\n"),
        '\\' => out.push_str("\\\\"),
        c if c == quote => {
            out.push('\\');
            out.push(c);
        }
        c if hidden(c) => {
            use std::fmt::Write as _;
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// Characters that do not show as themselves, or change how the text around them shows.
fn hidden(c: char) -> bool {
    c.is_control()
        || reorders_or_hides(c)
        || matches!(u32::from(c),
            0xA0 | 0xAD | 0x300..=0x36F | 0x115F..=0x1160 | 0x1680 | 0x17B4..=0x17B5 | 0x180B..=0x180F
            | 0x2000..=0x200A | 0x202F | 0x205F | 0x206A..=0x206F | 0x3000 | 0x3164 | 0xD800..=0xDFFF
            | 0xE000..=0xF8FF | 0xFE00..=0xFE0F | 0xFFA0 | 0xFFF0..=0xFFFB | 0xFFFE..=0xFFFF
            | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF | 0xF0000..)
}

/// The invisible characters that reorder or hide the text around them, or start a line where
/// none shows: the Arabic letter mark, zero-width spaces and joiners, the left-to-right and
/// right-to-left marks, the line and paragraph separators, bidi embeddings, overrides and
/// isolates, the word joiner and invisible operators, the byte order mark. A quoted value and a
/// line of network text ([`crate::response::one_line`]) escape them.
pub(crate) fn reorders_or_hides(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
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
    fn quoted_is_debugs_quoting_where_it_shows_and_escapes_what_does_not() {
        // Every ASCII character, letters of other scripts, emoji, CJK: as `{:?}` quotes them.
        let mut same: Vec<String> = (0u8..0x80).map(|b| format!("a{}b", char::from(b))).collect();
        same.extend(
            [
                "é",
                "äöüß",
                "Ωмир",
                "日本語",
                "🙂",
                "a'b",
                "\u{85}",
                "\u{9f}",
                "\u{a0}x",
                "e\u{301}",
                "\u{2003}",
                "\u{3000}",
                "\u{2029}",
                "\u{205f}",
            ]
            .map(String::from),
        );
        for s in &same {
            assert_eq!(quoted(s), format!("{s:?}"), "{s:?}");
        }
        for c in (0u8..0x80).map(char::from).chain(['é', 'а', '🙂', '\u{202e}']) {
            assert_eq!(quoted_char(c), format!("{c:?}"), "{c:?}");
        }
        // What does not show, or reorders what follows, is escaped whatever `{:?}` does.
        for (s, want) in [
            ("a\u{202e}b", "\"a\\u{202e}b\""),
            ("\u{200b}", "\"\\u{200b}\""),
            ("\u{feff}x", "\"\\u{feff}x\""),
            ("\u{e000}", "\"\\u{e000}\""),
            ("\u{e0041}", "\"\\u{e0041}\""),
            ("x\u{fe0f}", "\"x\\u{fe0f}\""),
            ("\u{2066}", "\"\\u{2066}\""),
        ] {
            assert_eq!(quoted(s), want);
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
