//! Reading the JSON configuration shape field by field, collecting every shape problem
//! (unknown field, wrong type) instead of stopping at the first, so a form can show them all.
use crate::diagnostic::{Path, PathSeg};
use crate::text::{clip, suggest};
use serde::Serialize;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::fmt;

/// What is wrong with the shape of an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ShapeErrorKind {
    /// A field the shape does not have (a typo must not pass silently).
    UnknownField,
    /// A field of the wrong JSON type.
    WrongType,
    /// A value out of what the shape can hold (a count beyond 64 bits, a malformed list).
    BadValue,
    /// The text is not JSON at all.
    Syntax,
}

impl ShapeErrorKind {
    /// The stable code of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            ShapeErrorKind::UnknownField => "unknown_field",
            ShapeErrorKind::WrongType => "wrong_type",
            ShapeErrorKind::BadValue => "bad_value",
            ShapeErrorKind::Syntax => "syntax",
        }
    }
}

/// One shape problem, with the field it is about.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ShapeError {
    /// The kind, as a stable code.
    pub kind: ShapeErrorKind,
    /// The field.
    pub path: Path,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// The input could not be read as the configuration shape: every problem found, not just the first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConfigError {
    /// What was being read: `config` or `context`.
    pub input: &'static str,
    /// Every problem.
    pub errors: Vec<ShapeError>,
}

impl ConfigError {
    /// The code of the first problem (`unknown_field`, `wrong_type`, `bad_value`, `syntax`).
    pub fn code(&self) -> &'static str {
        self.errors.first().map(|e| e.kind.as_str()).unwrap_or("bad_value")
    }
    pub(crate) fn syntax(input: &'static str, e: &serde_json::Error) -> Self {
        ConfigError {
            input,
            errors: vec![ShapeError {
                kind: ShapeErrorKind::Syntax,
                path: Path::root(),
                message: format!("the {input} is not valid JSON: {e}"),
            }],
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.errors.len();
        write!(f, "the {} has {} problem{}", self.input, n, if n == 1 { "" } else { "s" })?;
        for e in &self.errors {
            write!(f, "\n  {}: {}", e.path, e.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// Collects shape errors while fields are taken out of JSON objects.
pub(crate) struct Reader {
    pub errors: Vec<ShapeError>,
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

impl Reader {
    pub fn new() -> Self {
        Reader { errors: Vec::new() }
    }

    pub fn finish<T>(self, input: &'static str, value: T) -> Result<T, ConfigError> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(ConfigError { input, errors: self.errors })
        }
    }

    pub fn wrong(&mut self, path: &Path, expected: &str, got: &Value) {
        self.errors.push(ShapeError {
            kind: ShapeErrorKind::WrongType,
            path: path.clone(),
            message: format!("expected {expected}, got {}", type_name(got)),
        });
    }

    pub fn bad(&mut self, path: &Path, message: String) {
        self.errors.push(ShapeError { kind: ShapeErrorKind::BadValue, path: path.clone(), message });
    }

    /// Opens an object; anything else is a wrong-type error and yields `None`.
    pub fn object<'v>(&mut self, v: &'v Value, path: &Path) -> Option<Obj<'v>> {
        match v {
            Value::Object(m) => Some(Obj { map: m, path: path.clone(), taken: Vec::with_capacity(m.len()) }),
            other => {
                self.wrong(path, "an object", other);
                None
            }
        }
    }
}

/// An object being read: every key taken is remembered, and `end` reports the rest as unknown.
pub(crate) struct Obj<'v> {
    pub map: &'v Map<String, Value>,
    pub path: Path,
    taken: Vec<&'static str>,
}

impl<'v> Obj<'v> {
    pub fn at(&self, key: &'static str) -> Path {
        self.path.join(key)
    }

    /// The raw value of a key (null counts as absent).
    pub fn raw(&mut self, key: &'static str) -> Option<&'v Value> {
        self.taken.push(key);
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    pub fn str(&mut self, r: &mut Reader, key: &'static str) -> Option<String> {
        match self.raw(key)? {
            Value::String(s) => Some(s.clone()),
            other => {
                r.wrong(&self.at(key), "a string", other);
                None
            }
        }
    }

    pub fn bool(&mut self, r: &mut Reader, key: &'static str) -> Option<bool> {
        match self.raw(key)? {
            Value::Bool(b) => Some(*b),
            other => {
                r.wrong(&self.at(key), "true or false", other);
                None
            }
        }
    }

    /// A whole number; fractions and numbers beyond 64 bits are shape errors that say so.
    pub fn int(&mut self, r: &mut Reader, key: &'static str) -> Option<i64> {
        let path = self.at(key);
        as_int(r, self.raw(key)?, &path)
    }

    pub fn strings(&mut self, r: &mut Reader, key: &'static str) -> Option<Vec<String>> {
        let path = self.at(key);
        match self.raw(key)? {
            Value::Array(a) => {
                let mut out = Vec::with_capacity(a.len());
                for (i, v) in a.iter().enumerate() {
                    match v {
                        Value::String(s) => out.push(s.clone()),
                        other => r.wrong(&path.join(i), "a string", other),
                    }
                }
                Some(out)
            }
            other => {
                r.wrong(&path, "a list of strings", other);
                None
            }
        }
    }

    pub fn string_map(&mut self, r: &mut Reader, key: &'static str) -> Option<Vec<(String, String)>> {
        let path = self.at(key);
        match self.raw(key)? {
            Value::Object(m) => {
                let mut out = Vec::with_capacity(m.len());
                for (k, v) in m {
                    match v {
                        Value::String(s) => out.push((k.clone(), s.clone())),
                        other => r.wrong(&path.join(PathSeg::Key(Cow::Owned(k.clone()))), "a string", other),
                    }
                }
                Some(out)
            }
            other => {
                r.wrong(&path, "an object of strings", other);
                None
            }
        }
    }

    /// Reports every key not taken, with the nearest known key as a suggestion.
    pub fn end(self, r: &mut Reader, known: &[&'static str]) {
        for k in self.map.keys() {
            if self.taken.iter().any(|t| t == k) {
                continue;
            }
            let hint = match suggest(k, known) {
                Some(s) => format!("; did you mean \"{s}\"?"),
                None => format!("; known fields: {}", known.join(", ")),
            };
            r.errors.push(ShapeError {
                kind: ShapeErrorKind::UnknownField,
                path: self.path.join(PathSeg::Key(Cow::Owned(clip(k, 64)))),
                message: format!("unknown field \"{}\"{hint}", clip(k, 64)),
            });
        }
    }
}

pub(crate) fn as_int(r: &mut Reader, v: &Value, path: &Path) -> Option<i64> {
    match v {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Some(i)
            } else if n.as_u64().is_some() {
                r.bad(path, format!("{} is far beyond any node count: give a whole number such as 3", number_text(n)));
                None
            } else {
                match n.as_f64() {
                    Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Some(f as i64),
                    _ => {
                        r.bad(path, format!("expected a whole number, got {}", number_text(n)));
                        None
                    }
                }
            }
        }
        other => {
            r.wrong(path, "a whole number", other);
            None
        }
    }
}

/// A JSON number as text, through serde_json's own writer (so no float formatter of its own
/// is linked into the browser build).
fn number_text(n: &serde_json::Number) -> String {
    serde_json::to_string(n).unwrap_or_default()
}
