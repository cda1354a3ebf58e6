//! Where JSON text holds a lone surrogate: an escape of half a UTF-16 pair (`"a\ud800b"`),
//! which is how JSON.stringify writes a JS string cut in the middle of a character, and which
//! no UTF-8 text can hold. serde_json refuses it with a line and a column; the field it is in
//! is what the user can act on. Only run on text that failed to parse.
use crate::diagnostic::{Path, PathSeg};
use std::borrow::Cow;

/// Where the scan is: in an object (the key last read) or a list (the index of the element).
enum Frame {
    Object(Option<String>),
    List(usize),
}

/// The field of the first string of `text` with a lone surrogate escape (for a key holding
/// one, the object it is in) and the byte offset where that string starts; `None` when no
/// string of the text has one.
pub(crate) fn first_lone_surrogate(text: &str) -> Option<(Path, usize)> {
    let b = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    // True where the next string is an object's key (after `{` and after `,` in an object).
    let mut key_next = false;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'{' => {
                stack.push(Frame::Object(None));
                key_next = true;
            }
            b'[' => stack.push(Frame::List(0)),
            b'}' | b']' => {
                stack.pop();
                key_next = false;
            }
            b',' => match stack.last_mut() {
                Some(Frame::List(n)) => *n += 1,
                Some(Frame::Object(_)) => key_next = true,
                None => {}
            },
            b':' => key_next = false,
            b'"' => {
                let (end, lone) = string_end(b, i)?;
                let is_key = key_next && matches!(stack.last(), Some(Frame::Object(_)));
                if lone {
                    return Some((path_of(&stack, is_key), i));
                }
                if is_key {
                    if let Some(Frame::Object(key)) = stack.last_mut() {
                        // A key with an escape in it is none of the shapes' (a pasted document's
                        // keys are plain too): left unnamed rather than decoded here.
                        *key = text.get(i + 1..end - 1).filter(|k| !k.contains('\\')).map(str::to_string);
                    }
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The path the frames stand for; without the innermost object's key when the string is a key.
fn path_of(stack: &[Frame], is_key: bool) -> Path {
    let last = stack.len().saturating_sub(1);
    let segs = stack.iter().enumerate().filter_map(|(n, f)| match f {
        Frame::Object(_) if is_key && n == last => None,
        Frame::Object(key) => key.clone().map(|k| PathSeg::Key(Cow::Owned(k))),
        Frame::List(i) => Some(PathSeg::Index(*i)),
    });
    Path(segs.collect())
}

/// The offset after the string that starts at `start` (its opening quote), and whether it holds
/// a lone surrogate escape; `None` when it does not end.
fn string_end(b: &[u8], start: usize) -> Option<(usize, bool)> {
    // Four hex digits by hand: the module has no other use for a radix parser.
    let hex = |at: usize| -> Option<u32> {
        b.get(at..at + 4)?.iter().try_fold(0, |n, &d| Some(n * 16 + char::from(d).to_digit(16)?))
    };
    let mut lone = false;
    let mut j = start + 1;
    loop {
        match *b.get(j)? {
            b'"' => return Some((j + 1, lone)),
            b'\\' if b.get(j + 1) == Some(&b'u') => {
                match hex(j + 2) {
                    Some(0xD800..=0xDBFF) => {
                        let pair = b.get(j + 6..j + 8) == Some(b"\\u".as_slice()) && matches!(hex(j + 8), Some(0xDC00..=0xDFFF));
                        if pair {
                            j += 6;
                        } else {
                            lone = true;
                        }
                    }
                    Some(0xDC00..=0xDFFF) => lone = true,
                    _ => {}
                }
                j += 6;
            }
            b'\\' => j += 2,
            _ => j += 1,
        }
    }
}

/// The byte offset of serde_json's error position (its line, 1-based, and its column: bytes
/// from the line's start).
pub(crate) fn offset_of(text: &str, e: &serde_json::Error) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(e.line().saturating_sub(1)).map(str::len).sum();
    line_start + e.column()
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
