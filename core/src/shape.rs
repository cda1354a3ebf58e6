//! Reading the JSON configuration shape field by field, collecting every shape problem
//! (unknown field, wrong type) instead of stopping at the first, so a form can show them all.
use crate::diagnostic::{Param, Params, Path, PathSeg};
use crate::locale::Locale;
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
    /// What is wrong and how to fix it (in English; see [`ConfigError::localize`]).
    pub message: String,
    /// The message's table key and values, so that it can be rendered in another locale.
    #[serde(skip)]
    pub(crate) text: Option<ShapeText>,
}

/// A shape message as data: its key in the message tables (`shape.…`), its values, and which
/// of the values are themselves keys (type names) to render in the same locale.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ShapeText {
    pub key: &'static str,
    pub params: Params,
    pub terms: &'static [&'static str],
}

impl ShapeText {
    fn render(&self, locale: &Locale) -> String {
        let mut params = self.params.clone();
        for (name, value) in params.0.iter_mut() {
            if let (true, Param::Str(k)) = (self.terms.contains(name), &*value) {
                *value = Param::from(locale.text(k, &Params::default()));
            }
        }
        locale.text(self.key, &params)
    }
}

impl ShapeError {
    /// A shape error whose message comes from the message tables.
    pub(crate) fn from_text(kind: ShapeErrorKind, path: Path, text: ShapeText) -> Self {
        ShapeError { kind, path, message: text.render(&Locale::default()), text: Some(text) }
    }
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
        let key = if input == "context" { "shape.syntax.context" } else { "shape.syntax.config" };
        let text = ShapeText { key, params: Params(vec![("error", Param::from(e.to_string()))]), terms: &[] };
        ConfigError { input, errors: vec![ShapeError::from_text(ShapeErrorKind::Syntax, Path::root(), text)] }
    }

    /// Renders every message in a locale (those that come from the message tables; the rest,
    /// from parsers of pasted Azure CLI output, stay as they are).
    pub fn localize(&mut self, locale: &Locale) {
        for e in &mut self.errors {
            if let Some(t) = &e.text {
                e.message = t.render(locale);
            }
        }
    }

    /// The report in a locale: "the configuration has 2 problems" and a line per problem.
    pub fn render(&self, locale: &Locale) -> String {
        let mut out = locale.problems(self.input, self.errors.len());
        for e in &self.errors {
            let path = if e.path.0.is_empty() { locale.text("ui.path.root", &Params::default()) } else { e.path.to_string() };
            let message = e.text.as_ref().map_or_else(|| e.message.clone(), |t| t.render(locale));
            out.push_str(&format!("\n  {path}: {message}"));
        }
        out
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

/// The message-table key of a JSON value's type.
fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "shape.type.null",
        Value::Bool(_) => "shape.type.boolean",
        Value::Number(_) => "shape.type.number",
        Value::String(_) => "shape.type.string",
        Value::Array(_) => "shape.type.list",
        Value::Object(_) => "shape.type.object",
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

    /// `expected` is a type's message-table key (`shape.type.string`, …).
    pub fn wrong(&mut self, path: &Path, expected: &'static str, got: &Value) {
        let params = Params(vec![("expected", Param::text(expected)), ("got", Param::text(type_name(got)))]);
        let text = ShapeText { key: "shape.wrong_type", params, terms: &["expected", "got"] };
        self.errors.push(ShapeError::from_text(ShapeErrorKind::WrongType, path.clone(), text));
    }

    /// A bad value whose message is given as is (a parser's own text).
    pub fn bad(&mut self, path: &Path, message: String) {
        self.errors.push(ShapeError { kind: ShapeErrorKind::BadValue, path: path.clone(), message, text: None });
    }

    /// A bad value whose message is a `shape.bad_value.…` key of the message tables.
    pub fn bad_text(&mut self, path: &Path, key: &'static str, params: Params) {
        self.errors.push(ShapeError::from_text(ShapeErrorKind::BadValue, path.clone(), ShapeText { key, params, terms: &[] }));
    }

    /// Opens an object; anything else is a wrong-type error and yields `None`.
    pub fn object<'v>(&mut self, v: &'v Value, path: &Path) -> Option<Obj<'v>> {
        match v {
            Value::Object(m) => Some(Obj { map: m, path: path.clone(), taken: Vec::with_capacity(m.len()) }),
            other => {
                self.wrong(path, "shape.type.object", other);
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
                r.wrong(&self.at(key), "shape.type.string", other);
                None
            }
        }
    }

    pub fn bool(&mut self, r: &mut Reader, key: &'static str) -> Option<bool> {
        match self.raw(key)? {
            Value::Bool(b) => Some(*b),
            other => {
                r.wrong(&self.at(key), "shape.type.true_false", other);
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
                        other => r.wrong(&path.join(i), "shape.type.string", other),
                    }
                }
                Some(out)
            }
            other => {
                r.wrong(&path, "shape.type.string_list", other);
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
                        other => r.wrong(&path.join(PathSeg::Key(Cow::Owned(k.clone()))), "shape.type.string", other),
                    }
                }
                Some(out)
            }
            other => {
                r.wrong(&path, "shape.type.string_map", other);
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
            let field = ("field", Param::from(clip(k, 64)));
            let text = match suggest(k, known) {
                Some(s) => ShapeText {
                    key: "shape.unknown_field.suggest",
                    params: Params(vec![field, ("suggestion", Param::from(s))]),
                    terms: &[],
                },
                None => ShapeText {
                    key: "shape.unknown_field",
                    params: Params(vec![field, ("known", Param::List(known.iter().map(|k| k.to_string()).collect()))]),
                    terms: &[],
                },
            };
            r.errors.push(ShapeError::from_text(ShapeErrorKind::UnknownField, self.path.join(PathSeg::Key(Cow::Owned(clip(k, 64)))), text));
        }
    }
}

pub(crate) fn as_int(r: &mut Reader, v: &Value, path: &Path) -> Option<i64> {
    match v {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Some(i)
            } else if n.as_u64().is_some() {
                r.bad_text(path, "shape.bad_value.huge", Params(vec![("value", Param::from(number_text(n)))]));
                None
            } else {
                match n.as_f64() {
                    Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Some(f as i64),
                    _ => {
                        r.bad_text(path, "shape.bad_value.fraction", Params(vec![("value", Param::from(number_text(n)))]));
                        None
                    }
                }
            }
        }
        other => {
            r.wrong(path, "shape.type.whole_number", other);
            None
        }
    }
}

/// A JSON number as text, through serde_json's own writer (so no float formatter of its own
/// is linked into the browser build).
fn number_text(n: &serde_json::Number) -> String {
    serde_json::to_string(n).unwrap_or_default()
}
