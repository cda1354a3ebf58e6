//! Where JSON text holds a lone surrogate: an escape of half a UTF-16 pair (`"a\ud800b"`),
//! which is how JSON.stringify writes a JS string cut in the middle of a character, and which
//! no UTF-8 text can hold. serde_json refuses it with a line and a column; the field it is in
//! is what the user can act on. Only run on text that failed to parse.
use crate::diagnostic::{Path, PathSeg};
use std::borrow::Cow;

/// Where the scan is: in an object (the key last read, `None` before it or for a key with an
/// escape, which none of the shapes has) or a list (`Some` index of the element).
#[derive(Clone, Copy)]
struct Frame<'a> {
    key: Option<&'a str>,
    index: Option<usize>,
}

/// The field of the first string of `text` with a lone surrogate escape (for a key holding
/// one, the object it is in) and the byte offset where that string starts; `None` when no
/// string of the text has one. Plain loops, no iterator adapters: it is in the browser module,
/// which counts its bytes.
pub(crate) fn first_lone_surrogate(text: &str) -> Option<(Path, usize)> {
    let b = text.as_bytes();
    let mut stack: Vec<Frame<'_>> = Vec::new();
    // True where the next string is an object's key (after `{` and after `,` in an object).
    let mut key_next = false;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let mut next = i + 1;
        match c {
            b'{' | b'[' => {
                stack.push(Frame { key: None, index: (c == b'[').then_some(0) });
                key_next = c == b'{';
            }
            b'}' | b']' => {
                stack.pop();
                key_next = false;
            }
            b',' => {
                if let Some(f) = stack.last_mut() {
                    match &mut f.index {
                        Some(n) => *n += 1,
                        None => key_next = true,
                    }
                }
            }
            b':' => key_next = false,
            b'"' => {
                let (end, lone) = string_end(b, i)?;
                let is_key = key_next && stack.last().is_some_and(|f| f.index.is_none());
                if lone {
                    let mut path = Vec::new();
                    for (n, f) in stack.iter().enumerate() {
                        match (f.index, f.key) {
                            (Some(k), _) => path.push(PathSeg::Index(k)),
                            (None, Some(k)) if !(is_key && n + 1 == stack.len()) => path.push(PathSeg::Key(Cow::Owned(k.to_string()))),
                            _ => {}
                        }
                    }
                    return Some((Path(path), i));
                }
                if is_key {
                    if let Some(f) = stack.last_mut() {
                        f.key = text.get(i + 1..end - 1).filter(|k| !k.contains('\\'));
                    }
                }
                next = end;
            }
            _ => {}
        }
        i = next;
    }
    None
}

/// The offset after the string that starts at `start` (its opening quote), and whether it holds
/// a lone surrogate escape; `None` when it does not end.
fn string_end(b: &[u8], start: usize) -> Option<(usize, bool)> {
    let mut lone = false;
    let mut j = start + 1;
    loop {
        match *b.get(j)? {
            b'"' => return Some((j + 1, lone)),
            b'\\' if b.get(j + 1) == Some(&b'u') => {
                let unit = hex(b, j + 2);
                if (0xD800..0xDC00).contains(&unit)
                    && b.get(j + 6..j + 8) == Some(b"\\u".as_slice())
                    && (0xDC00..0xE000).contains(&hex(b, j + 8))
                {
                    j += 6;
                } else if (0xD800..0xE000).contains(&unit) {
                    lone = true;
                }
                j += 6;
            }
            b'\\' => j += 2,
            _ => j += 1,
        }
    }
}

/// The four hex digits at `at` (0x10000, no UTF-16 unit, where there are not four): by hand,
/// the module has no other use for a radix parser.
fn hex(b: &[u8], at: usize) -> u32 {
    let mut n = 0;
    for k in at..at + 4 {
        let d = match b.get(k) {
            Some(d @ b'0'..=b'9') => d - b'0',
            Some(d @ b'a'..=b'f') => d - b'a' + 10,
            Some(d @ b'A'..=b'F') => d - b'A' + 10,
            _ => return 0x10000,
        };
        n = n * 16 + u32::from(d);
    }
    n
}

/// The byte offset of serde_json's error position (its line, 1-based, and its column: bytes
/// from the line's start).
pub(crate) fn offset_of(text: &str, e: &serde_json::Error) -> usize {
    let mut lines = e.line();
    let mut at = 0;
    for (i, c) in text.bytes().enumerate() {
        if lines <= 1 {
            break;
        }
        if c == b'\n' {
            lines -= 1;
            at = i + 1;
        }
    }
    at + e.column()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Option<(String, usize)> {
        first_lone_surrogate(text).map(|(p, i)| (p.to_string(), i))
    }

    #[test]
    fn names_the_field_of_the_first_lone_surrogate() {
        assert_eq!(at(r#"{"vm_size":"a\ud800b"}"#), Some(("vm_size".into(), 11)));
        assert_eq!(at(r#"{"a":1,"pools":[{"x":"\\ud800"},{"name":"\udc00"}]}"#), Some(("pools[1].name".into(), 40)));
        assert_eq!(at(r#"{"tags":{"k\ud800":"v"}}"#), Some(("tags".into(), 9)));
        assert_eq!(at(r#"["ok",{},"\udbff"]"#), Some(("[2]".into(), 9)));
        assert_eq!(first_lone_surrogate(r#""\ud800""#), Some((Path::root(), 0)));
    }

    #[test]
    fn a_pair_an_escaped_backslash_or_no_escape_is_not_one() {
        assert_eq!(at(r#"{"emoji":"\ud83d\ude00","path":"C:\\udata","x":"\u00e9"}"#), None);
        assert_eq!(at(r#"{"unterminated":"\ud800"#), None);
    }

    #[test]
    fn both_text_readers_name_the_field_in_every_language() {
        let text = r#"{"name": "prod-aks", "vm_size": "Standard_D3\ud800"}"#;
        let streamed = crate::CreateConfig::from_json(text).err();
        let lean = crate::CreateConfig::from_json_lean(text).err();
        for e in [streamed, lean] {
            let Some(mut e) = e else { panic!("a lone surrogate was read") };
            assert_eq!((e.code(), e.errors.len()), ("syntax", 1));
            assert_eq!(e.errors[0].path, Path::root());
            assert!(e.errors[0].message.starts_with("the text at config.vm_size is not valid Unicode"), "{}", e.errors[0].message);
            e.localize(&crate::locale::Locale::new(Some("de")));
            assert!(e.errors[0].message.starts_with("der Text in config.vm_size "), "{}", e.errors[0].message);
        }
        // Any other syntax error before it stays serde_json's.
        let e = crate::CreateConfig::from_json(r#"{"name": , "vm_size": "\ud800"}"#).err();
        assert!(e.is_some_and(|e| e.errors[0].message.starts_with("the config is not valid JSON: ")));
    }

    #[test]
    fn the_offset_of_an_error_position() {
        let text = "{\n  \"a\": \"\\ud800x\"\n}";
        let e = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        let (_, start) = first_lone_surrogate(text).unwrap();
        assert!(start <= offset_of(text, &e) && offset_of(text, &e) <= text.len(), "{e}");
    }
}
