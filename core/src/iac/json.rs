//! A JSON reader that remembers where each value starts (line:column), so that a finding in a
//! template points at the line a reviewer sees. serde_json gives positions only for syntax
//! errors; this reader keeps them for every value, keyed by JSON pointer.
//!
//! Hostile input: depth is capped (no stack overflow on `[[[[…`), numbers go through
//! serde_json's own parser, and every error names its line and column.
use serde_json::{Map, Number, Value};
use std::collections::HashMap;

/// Where a value starts in its file: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
}

/// A parsed document: the value, and the position of every value in it by JSON pointer
/// (`""` for the root, `/resources/0/properties`).
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The parsed value.
    pub value: Value,
    positions: HashMap<String, Pos>,
}

impl Document {
    /// The position of the value at a JSON pointer, if it exists.
    pub fn pos(&self, pointer: &str) -> Option<Pos> {
        self.positions.get(pointer).copied()
    }

    /// The position of the value at `pointer`, or of its nearest ancestor that exists.
    pub fn nearest(&self, pointer: &str) -> Pos {
        let mut p = pointer;
        loop {
            if let Some(pos) = self.positions.get(p) {
                return *pos;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return Pos { line: 1, column: 1 },
            }
        }
    }
}

/// Why a text is not JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the reader stopped.
    pub pos: Pos,
    /// What it expected.
    pub message: String,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.pos.line, self.pos.column, self.message)
    }
}

/// Nesting deeper than this is refused: real templates stay far below it.
const MAX_DEPTH: usize = 200;

/// Escapes one key for a JSON pointer (RFC 6901).
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Reads a JSON text (a leading byte-order mark and `//` or `/* */` comments are allowed, as
/// ARM accepts them in templates).
pub fn parse(text: &str) -> Result<Document, SyntaxError> {
    let mut r = Reader { s: text.strip_prefix('\u{feff}').unwrap_or(text).as_bytes(), i: 0, line: 1, col: 1, positions: HashMap::new() };
    let mut ptr = String::new();
    r.ws()?;
    let value = r.value(&mut ptr, 0)?;
    r.ws()?;
    if r.i < r.s.len() {
        return Err(r.err("text after the end of the JSON value"));
    }
    Ok(Document { value, positions: r.positions })
}

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
    line: u32,
    col: u32,
    positions: HashMap<String, Pos>,
}

impl Reader<'_> {
    fn pos(&self) -> Pos {
        Pos { line: self.line, column: self.col }
    }
    fn err(&self, m: &str) -> SyntaxError {
        SyntaxError { pos: self.pos(), message: m.to_string() }
    }
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn bump(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        if c == b'\n' {
            self.line += 1;
            self.col = 1;
        } else if c & 0xC0 != 0x80 {
            // Count characters, not the continuation bytes of UTF-8.
            self.col += 1;
        }
        Some(c)
    }
    fn ws(&mut self) -> Result<(), SyntaxError> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => {
                    self.bump();
                }
                Some(b'/') if self.s.get(self.i + 1) == Some(&b'/') => {
                    while !matches!(self.peek(), None | Some(b'\n')) {
                        self.bump();
                    }
                }
                Some(b'/') if self.s.get(self.i + 1) == Some(&b'*') => {
                    self.bump();
                    self.bump();
                    loop {
                        match self.bump() {
                            None => return Err(self.err("unterminated /* comment")),
                            Some(b'*') if self.peek() == Some(b'/') => {
                                self.bump();
                                break;
                            }
                            _ => {}
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }
    fn expect(&mut self, c: u8, what: &str) -> Result<(), SyntaxError> {
        if self.peek() == Some(c) {
            self.bump();
            Ok(())
        } else {
            Err(self.err(what))
        }
    }
    fn value(&mut self, ptr: &mut String, depth: usize) -> Result<Value, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.err("nested too deeply"));
        }
        self.positions.insert(ptr.clone(), self.pos());
        match self.peek() {
            Some(b'{') => {
                self.bump();
                let mut m = Map::new();
                self.ws()?;
                if self.peek() == Some(b'}') {
                    self.bump();
                    return Ok(Value::Object(m));
                }
                loop {
                    self.ws()?;
                    if self.peek() != Some(b'"') {
                        return Err(self.err("expected a quoted key"));
                    }
                    let k = self.string()?;
                    self.ws()?;
                    self.expect(b':', "expected ':' after the key")?;
                    self.ws()?;
                    let len = ptr.len();
                    ptr.push('/');
                    ptr.push_str(&escape(&k));
                    let v = self.value(ptr, depth + 1)?;
                    ptr.truncate(len);
                    m.insert(k, v);
                    self.ws()?;
                    match self.bump() {
                        Some(b',') => {
                            self.ws()?;
                            // ARM tolerates a trailing comma; so do we.
                            if self.peek() == Some(b'}') {
                                self.bump();
                                return Ok(Value::Object(m));
                            }
                        }
                        Some(b'}') => return Ok(Value::Object(m)),
                        _ => return Err(self.err("expected ',' or '}'")),
                    }
                }
            }
            Some(b'[') => {
                self.bump();
                let mut a = Vec::new();
                self.ws()?;
                if self.peek() == Some(b']') {
                    self.bump();
                    return Ok(Value::Array(a));
                }
                loop {
                    self.ws()?;
                    let len = ptr.len();
                    ptr.push('/');
                    ptr.push_str(&a.len().to_string());
                    let v = self.value(ptr, depth + 1)?;
                    ptr.truncate(len);
                    a.push(v);
                    self.ws()?;
                    match self.bump() {
                        Some(b',') => {
                            self.ws()?;
                            if self.peek() == Some(b']') {
                                self.bump();
                                return Ok(Value::Array(a));
                            }
                        }
                        Some(b']') => return Ok(Value::Array(a)),
                        _ => return Err(self.err("expected ',' or ']'")),
                    }
                }
            }
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            None => Err(self.err("unexpected end of the text")),
            Some(_) => Err(self.err("expected a JSON value")),
        }
    }
    fn word(&mut self, w: &str, v: Value) -> Result<Value, SyntaxError> {
        if self.s[self.i..].starts_with(w.as_bytes()) {
            for _ in 0..w.len() {
                self.bump();
            }
            Ok(v)
        } else {
            Err(self.err("expected a JSON value"))
        }
    }
    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.i;
        while matches!(self.peek(), Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')) {
            self.bump();
        }
        let t = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("");
        serde_json::from_str::<Number>(t).map(Value::Number).map_err(|_| self.err("not a valid number"))
    }
    fn string(&mut self) -> Result<String, SyntaxError> {
        self.bump();
        let mut out: Vec<u8> = Vec::new();
        loop {
            match self.bump() {
                None => return Err(self.err("unterminated string")),
                Some(b'"') => break,
                Some(b'\\') => match self.bump() {
                    Some(b'"') => out.push(b'"'),
                    Some(b'\\') => out.push(b'\\'),
                    Some(b'/') => out.push(b'/'),
                    Some(b'b') => out.push(8),
                    Some(b'f') => out.push(12),
                    Some(b'n') => out.push(b'\n'),
                    Some(b'r') => out.push(b'\r'),
                    Some(b't') => out.push(b'\t'),
                    Some(b'u') => {
                        let mut cp = self.hex4()?;
                        if (0xD800..0xDC00).contains(&cp) && self.peek() == Some(b'\\') && self.s.get(self.i + 1) == Some(&b'u') {
                            self.bump();
                            self.bump();
                            let lo = self.hex4()?;
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3FF);
                        }
                        let ch = char::from_u32(cp).unwrap_or('\u{fffd}');
                        let mut buf = [0u8; 4];
                        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                    }
                    _ => return Err(self.err("unknown escape in a string")),
                },
                Some(c) if c < 0x20 => return Err(self.err("control character in a string")),
                Some(c) => out.push(c),
            }
        }
        String::from_utf8(out).map_err(|_| self.err("a string is not valid UTF-8"))
    }
    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = self.bump().and_then(|c| (c as char).to_digit(16)).ok_or_else(|| self.err("bad \\u escape"))?;
            v = v * 16 + d;
        }
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_by_pointer() {
        let d = parse("{\n  \"a\": [1,\n    {\"b/c\": \"x\"}],\n  // note\n  \"é\": true,\n}").unwrap();
        assert_eq!(d.pos(""), Some(Pos { line: 1, column: 1 }));
        assert_eq!(d.pos("/a"), Some(Pos { line: 2, column: 8 }));
        assert_eq!(d.pos("/a/1/b~1c"), Some(Pos { line: 3, column: 13 }));
        assert_eq!(d.pos("/é"), Some(Pos { line: 5, column: 8 }));
        assert_eq!(d.nearest("/a/1/b~1c/zzz"), Pos { line: 3, column: 13 });
        assert_eq!(d.value["a"][1]["b/c"], "x");
    }

    #[test]
    fn errors_name_the_place_and_depth_is_capped() {
        let e = parse("{\"a\": }").unwrap_err();
        assert_eq!(e.pos, Pos { line: 1, column: 7 });
        assert!(parse(&"[".repeat(100_000)).unwrap_err().message.contains("deeply"));
        assert!(parse("\"\\ud83d\\ude00\"").is_ok_and(|d| d.value == "😀"));
        assert!(parse("1 2").is_err());
    }
}
