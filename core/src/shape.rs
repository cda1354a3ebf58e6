//! The one definition of every input shape ([`shape!`] over the structs) and the reader it
//! drives, which collects every shape problem (unknown field, wrong type) instead of stopping
//! at the first, so a form can show them all.
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

/// The JSON type of a field, as the one definition of each shape states it. The reader, the
/// JSON Schemas, the TypeScript types and the Python field table are all derived from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Type {
    /// Text; `examples` are the documented values (other text is a rule's diagnostic, not a
    /// shape error, so a "did you mean" can quote it).
    Text {
        /// The documented values, for completion.
        examples: &'static [&'static str],
    },
    /// Text that is secret (PEM key material): never echoed.
    Secret,
    /// `true` or `false`.
    Bool,
    /// A whole number (`3.0` counts as 3).
    Int,
    /// A list of text.
    Texts,
    /// An object whose values are text (tags).
    TextMap,
    /// One of a closed set of words; anything else is a shape error.
    Choice {
        /// The words.
        values: &'static [&'static str],
        /// Whether `Delete` counts as `delete`.
        ignore_case: bool,
    },
    /// A nested object of another shape, without the fields in `except` (which belong to
    /// other operations: `why` says which).
    Object {
        /// The nested shape.
        shape: &'static ShapeDef,
        /// Fields of the nested shape this use does not allow.
        except: &'static [&'static str],
        /// Why those fields are not allowed here.
        why: &'static str,
    },
    /// A list of objects of another shape.
    List(&'static ShapeDef),
    /// A time: RFC 3339 text or Unix seconds.
    Time,
    /// Kubernetes versions: the JSON of the List Orchestrators or Kubernetes Versions call, or
    /// the text table of `az aks get-versions -o table`.
    Versions,
    /// A resource document as Azure returns it (read by its own reader, keys case-insensitive).
    Document,
}

/// One field of a shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The snake_case key.
    pub name: &'static str,
    /// Its rustdoc, which is also the schema's description.
    pub doc: &'static str,
    /// The JSON type.
    pub ty: Type,
    /// Whether the field must be given (null counts as not given).
    pub required: bool,
    /// Another key accepted for the same field (not both at once).
    pub alias: Option<&'static str>,
}

/// One shape: a named object with its fields, in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShapeDef {
    /// The Rust struct's name, which is also the TypeScript interface's.
    pub name: &'static str,
    /// The struct's rustdoc.
    pub doc: &'static str,
    /// Every field.
    pub fields: &'static [Field],
}

impl ShapeDef {
    /// The field of that key (or alias).
    pub fn field(&self, key: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == key || f.alias == Some(key))
    }
    /// Every accepted key, aliases included, in definition order.
    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fields.iter().flat_map(|f| std::iter::once(f.name).chain(f.alias))
    }
}

/// How one field's Rust type is read from JSON and what JSON type it has. The default codec
/// of a type is the type itself; a field may name another (`as`) when the JSON differs.
pub(crate) trait Codec<T> {
    /// The JSON type, for the table.
    const TYPE: Type;
    /// Whether the field must be given.
    const REQUIRED: bool = false;
    /// Reads the value (`None` when absent or null); problems go to the reader.
    fn read(v: Option<&Value>, path: &Path, r: &mut Reader) -> T;
}

/// A struct defined by [`shape!`]: its table and its field reader.
pub(crate) trait Object: Sized {
    /// The one definition.
    const SHAPE: &'static ShapeDef;
    /// Reads every field of an opened object.
    fn read_fields(o: &mut Obj<'_>, r: &mut Reader) -> Self;
}

/// Defines a shape once: the struct (with its serde form), its [`ShapeDef`] table and its
/// reader come from the same lines, so they cannot drift apart. A macro over the structs rather
/// than a separate table, because the Rust types then state the JSON types: a field read as a
/// number cannot be listed as text.
macro_rules! shape {
    (
        $(#[doc = $sdoc:literal])*
        pub struct $name:ident {
            $(
                $(#[doc = $fdoc:literal])*
                pub $field:ident : $ty:ty $(as $codec:ty)? $(= alias $alias:literal)?,
            )*
        }
    ) => {
        $(#[doc = $sdoc])*
        #[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
        pub struct $name {
            $(
                $(#[doc = $fdoc])*
                #[serde(skip_serializing_if = "crate::shape::absent")]
                pub $field: $ty,
            )*
        }

        impl $name {
            /// The one definition of this shape: fields, JSON types and docs.
            pub const SHAPE: &'static $crate::shape::ShapeDef = &$crate::shape::ShapeDef {
                name: stringify!($name),
                doc: concat!($($sdoc, "\n",)*),
                fields: &[$(
                    $crate::shape::Field {
                        name: stringify!($field),
                        doc: concat!($($fdoc, "\n",)*),
                        ty: <shape!(@codec $ty $(, $codec)?) as $crate::shape::Codec<$ty>>::TYPE,
                        required: <shape!(@codec $ty $(, $codec)?) as $crate::shape::Codec<$ty>>::REQUIRED,
                        alias: shape!(@alias $($alias)?),
                    },
                )*],
            };
        }

        impl $crate::shape::Object for $name {
            const SHAPE: &'static $crate::shape::ShapeDef = $name::SHAPE;
            fn read_fields(o: &mut $crate::shape::Obj<'_>, r: &mut $crate::shape::Reader) -> Self {
                $name {
                    $($field: {
                        let (v, path) = o.take(r, stringify!($field), shape!(@alias $($alias)?));
                        <shape!(@codec $ty $(, $codec)?) as $crate::shape::Codec<$ty>>::read(v, &path, r)
                    },)*
                }
            }
        }
    };
    (@codec $ty:ty) => { $ty };
    (@codec $ty:ty, $codec:ty) => { $codec };
    (@alias) => { None };
    (@alias $alias:literal) => { Some($alias) };
}
pub(crate) use shape;

/// Whether a value is left out of the serde form (absent, empty, false).
pub(crate) fn absent<T: Absent>(v: &T) -> bool {
    v.is_absent()
}

/// What "not given" looks like for a field type.
pub(crate) trait Absent {
    fn is_absent(&self) -> bool;
}
impl<T> Absent for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}
impl<T> Absent for Vec<T> {
    fn is_absent(&self) -> bool {
        self.is_empty()
    }
}
impl<K, V> Absent for std::collections::BTreeMap<K, V> {
    fn is_absent(&self) -> bool {
        self.is_empty()
    }
}
impl Absent for bool {
    fn is_absent(&self) -> bool {
        !*self
    }
}
impl Absent for String {
    fn is_absent(&self) -> bool {
        false
    }
}

/// Reads a root shape: the whole input must be an object of that shape. A top-level
/// `"$schema"` key (the line that makes an editor validate the file) is accepted and ignored.
pub(crate) fn read_root<T: Object>(v: &Value, input: &'static str) -> Result<T, ConfigError> {
    let mut r = Reader::new();
    let path = Path::root();
    let Some(mut o) = r.object(v, &path) else {
        return Err(ConfigError { input, errors: r.errors });
    };
    if let Some(s) = o.raw("$schema") {
        if !s.is_string() {
            r.wrong(&o.at("$schema"), "shape.type.string", s);
        }
    }
    let value = T::read_fields(&mut o, &mut r);
    o.end(&mut r, T::SHAPE, &[], "");
    r.finish(input, value)
}

/// Reads a nested object of shape `T`, without the fields in `except`.
pub(crate) fn read_nested<T: Object>(
    v: &Value,
    path: &Path,
    r: &mut Reader,
    except: &'static [&'static str],
    why: &'static str,
) -> Option<T> {
    let mut o = r.object(v, path)?;
    o.except = except;
    let value = T::read_fields(&mut o, r);
    o.end(r, T::SHAPE, except, why);
    Some(value)
}

impl Codec<Option<String>> for Option<String> {
    const TYPE: Type = Type::Text { examples: &[] };
    fn read(v: Option<&Value>, path: &Path, r: &mut Reader) -> Self {
        match v? {
            Value::String(s) => Some(s.clone()),
            other => {
                r.wrong(path, "shape.type.string", other);
                None
            }
        }
    }
}

impl Codec<String> for String {
    const TYPE: Type = Type::Text { examples: &[] };
    const REQUIRED: bool = true;
    fn read(v: Option<&Value>, path: &Path, r: &mut Reader) -> Self {
        if v.is_none() {
            r.missing(path);
        }
        <Option<String> as Codec<Option<String>>>::read(v, path, r).unwrap_or_default()
    }
}

impl Codec<Option<crate::secret::Secret>> for Option<crate::secret::Secret> {
    const TYPE: Type = Type::Secret;
    fn read(v: Option<&Value>, path: &Path, r: &mut Reader) -> Self {
        <Option<String> as Codec<Option<String>>>::read(v, path, r).map(crate::secret::Secret::new)
    }
}

impl Codec<Option<bool>> for Option<bool> {
    const TYPE: Type = Type::Bool;
    fn read(v: Option<&Value>, path: &Path, r: &mut Reader) -> Self {
        match v? {
            Value::Bool(b) => Some(*b),
            other => {
                r.wrong(path, "shape.type.true_false", other);
                None
            }
        }
    }
}

impl Codec<bool> for bool {
    const TYPE: Type = Type::Bool;
    fn read(v: Option<&Value>, path: &Path, r: &mut Reader) -> Self {
        <Option<bool> as Codec<Option<bool>>>::read(v, path, r).unwrap_or(false)
    }
}

impl Codec<Option<i64>> for Option<i64> {
    const TYPE: Type = Type::Int;
    fn read(v: Option<&Value>, path: &Path, r: &mut Reader) -> Self {
        as_int(r, v?, path)
    }
}

impl Codec<Vec<String>> for Vec<String> {
    const TYPE: Type = Type::Texts;
    fn read(v: Option<&Value>, path: &Path, r: &mut Reader) -> Self {
        let Some(v) = v else { return Vec::new() };
        match v {
            Value::Array(a) => {
                let mut out = Vec::with_capacity(a.len());
                for (i, v) in a.iter().enumerate() {
                    match v {
                        Value::String(s) => out.push(s.clone()),
                        other => r.wrong(&path.join(i), "shape.type.string", other),
                    }
                }
                out
            }
            other => {
                r.wrong(path, "shape.type.string_list", other);
                Vec::new()
            }
        }
    }
}

impl Codec<std::collections::BTreeMap<String, String>> for std::collections::BTreeMap<String, String> {
    const TYPE: Type = Type::TextMap;
    fn read(v: Option<&Value>, path: &Path, r: &mut Reader) -> Self {
        let mut out = Self::new();
        match v {
            None => {}
            Some(Value::Object(m)) => {
                for (k, v) in m {
                    match v {
                        Value::String(s) => {
                            out.insert(k.clone(), s.clone());
                        }
                        other => r.wrong(&path.join(PathSeg::Key(Cow::Owned(clip(k, 64)))), "shape.type.string", other),
                    }
                }
            }
            Some(other) => r.wrong(path, "shape.type.string_map", other),
        }
        out
    }
}

impl<T: Object> Codec<Option<T>> for Option<T> {
    const TYPE: Type = Type::Object { shape: T::SHAPE, except: &[], why: "" };
    fn read(v: Option<&Value>, path: &Path, r: &mut Reader) -> Self {
        read_nested(v?, path, r, &[], "")
    }
}

impl<T: Object> Codec<Vec<T>> for Vec<T> {
    const TYPE: Type = Type::List(T::SHAPE);
    fn read(v: Option<&Value>, path: &Path, r: &mut Reader) -> Self {
        let Some(v) = v else { return Vec::new() };
        match v {
            Value::Array(a) => a.iter().enumerate().filter_map(|(i, e)| read_nested(e, &path.join(i), r, &[], "")).collect(),
            other => {
                r.wrong(path, "shape.type.list", other);
                Vec::new()
            }
        }
    }
}

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

    fn missing(&mut self, path: &Path) {
        let name = match path.0.last() {
            Some(PathSeg::Key(k)) => k.to_string(),
            _ => "value".into(),
        };
        self.bad(path, format!("\"{name}\" is required here: give it"));
    }

    /// Opens an object; anything else is a wrong-type error and yields `None`.
    pub fn object<'v>(&mut self, v: &'v Value, path: &Path) -> Option<Obj<'v>> {
        match v {
            Value::Object(m) => Some(Obj { map: m, path: path.clone(), taken: Vec::with_capacity(m.len()), except: &[] }),
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
    /// Fields of the shape that this use does not allow: left untaken, so `end` reports them.
    except: &'static [&'static str],
}

impl<'v> Obj<'v> {
    pub fn at(&self, key: &'static str) -> Path {
        self.path.join(key)
    }

    /// The raw value of a key (null counts as absent).
    pub fn raw(&mut self, key: &'static str) -> Option<&'v Value> {
        if self.except.contains(&key) {
            return None;
        }
        self.taken.push(key);
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// The value of a field given by its name or its alias, with the path it was found at.
    /// Both at once is a bad value: which one was meant cannot be known.
    pub fn take(&mut self, r: &mut Reader, key: &'static str, alias: Option<&'static str>) -> (Option<&'v Value>, Path) {
        let main = self.raw(key);
        let Some(alias) = alias else { return (main, self.at(key)) };
        match (main, self.raw(alias)) {
            (Some(_), Some(_)) => {
                r.bad(&self.at(alias), format!("\"{alias}\" is another name for \"{key}\": give one of them, not both"));
                (main, self.at(key))
            }
            (None, Some(a)) => (Some(a), self.at(alias)),
            (m, None) => (m, self.at(key)),
        }
    }

    /// Reports every key not taken, in sorted order whatever the map's order (so every binding
    /// lists them alike), with the nearest known key as a suggestion, never the key itself.
    pub fn end(self, r: &mut Reader, shape: &ShapeDef, except: &[&str], why: &str) {
        let known: Vec<&'static str> = shape.keys().filter(|k| !except.contains(k)).collect();
        let mut unknown: Vec<&String> = self.map.keys().filter(|k| !self.taken.iter().any(|t| t == k)).collect();
        unknown.sort();
        for k in unknown {
            let shown = clip(k, 64);
            let path = self.path.join(PathSeg::Key(Cow::Owned(shown.clone())));
            if except.contains(&k.as_str()) {
                let message = format!("unknown field \"{shown}\": {why}");
                r.errors.push(ShapeError { kind: ShapeErrorKind::UnknownField, path, message, text: None });
                continue;
            }
            let field = ("field", Param::from(shown));
            let text = match suggest(k, &known).filter(|s| s != k) {
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
            r.errors.push(ShapeError::from_text(ShapeErrorKind::UnknownField, path, text));
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

impl Codec<i64> for i64 {
    const TYPE: Type = Type::Int;
    const REQUIRED: bool = true;
    fn read(v: Option<&Value>, path: &Path, r: &mut Reader) -> Self {
        if v.is_none() {
            r.missing(path);
        }
        <Option<i64> as Codec<Option<i64>>>::read(v, path, r).unwrap_or_default()
    }
}

impl Absent for i64 {
    fn is_absent(&self) -> bool {
        false
    }
}

/// Two keys of one object that differ only in case, which a case-insensitive reader could not
/// choose between (and serde_json's map order, which a build feature changes, would choose).
pub(crate) fn case_clash(v: &Value) -> Option<String> {
    let m = v.as_object()?;
    let mut keys: Vec<(String, &str)> = m.keys().map(|k| (k.to_ascii_lowercase(), k.as_str())).collect();
    keys.sort();
    keys.windows(2).find(|w| w[0].0 == w[1].0).map(|w| {
        let (a, b) = if w[0].1 < w[1].1 { (w[0].1, w[1].1) } else { (w[1].1, w[0].1) };
        format!("has both {:?} and {:?}: keys are read without regard to case, so give only one", clip(a, 40), clip(b, 40))
    })
}
