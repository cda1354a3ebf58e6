//! The one definition of every input shape (the crate-private `shape!` macro over the
//! structs) and the reader it drives, which collects every shape problem (unknown field, wrong
//! type) instead of stopping at the first, so a form can show them all.
use crate::diagnostic::{Param, Params, Path, PathSeg};
use crate::locale::Locale;
use crate::text::{clip, suggest};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;

/// What is wrong with the shape of an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
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

/// One shape problem, with the field it is about. Built only by the core's reader
/// (`non_exhaustive`: it may carry more, as the table key it renders from does today).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
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
    /// A message without type names among its values.
    pub(crate) fn new(key: &'static str, params: Params) -> Self {
        ShapeText { key, params, terms: &[] }
    }

    pub(crate) fn render(&self, locale: &Locale) -> String {
        let mut params = self.params.clone();
        for (name, value) in params.0.iter_mut() {
            if let (true, Param::Str(k)) = (self.terms.contains(name), &*value) {
                *value = Param::from(locale.text(k, &Params::default()));
            }
        }
        locale.text(self.key, &params)
    }
}

/// A message of the core's tables with its values, as a reader of a pasted document (a
/// versions table, a cluster as `az aks show` prints it) words what is wrong: English through
/// `Display`, any locale through [`Message::render`]. A context read keeps it in its shape
/// error, so [`ConfigError::localize`] renders it too.
#[derive(Clone, Debug, PartialEq)]
pub struct Message(pub(crate) ShapeText);

impl Message {
    pub(crate) fn new(key: &'static str, params: Params) -> Self {
        Message(ShapeText::new(key, params))
    }
    /// Its key in the message tables (`shape.versions.…`, `shape.cluster.…`).
    pub fn key(&self) -> &'static str {
        self.0.key
    }
    /// The message in a locale.
    pub fn render(&self, locale: &Locale) -> String {
        self.0.render(locale)
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.render(&Locale::default()))
    }
}

impl ShapeError {
    /// A shape error whose message comes from the message tables.
    pub(crate) fn from_text(kind: ShapeErrorKind, path: Path, text: ShapeText) -> Self {
        ShapeError { kind, path, message: text.render(&Locale::default()), text: Some(text) }
    }
}

/// The input could not be read as the configuration shape: every problem found, not just the
/// first. Built only by the core's reader (`non_exhaustive`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
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
    /// JSON text of `len` bytes, over [`MAX_JSON_TEXT`]: refused before it is parsed (a binding
    /// that parses an input itself refuses it with the core's words).
    pub fn too_big(input: &'static str, len: usize) -> Self {
        // A versions list read on its own (`VersionList::from_input`) is named as itself.
        let key =
            if input == "versions" { "shape.too_big.versions" } else { by_input(input, "shape.too_big.config", "shape.too_big.context") };
        let cap = format!("{} MiB", MAX_JSON_TEXT >> 20);
        let text = ShapeText { key, params: Params(vec![("size", Param::from(len)), ("cap", Param::from(cap))]), terms: &[] };
        ConfigError { input, errors: vec![ShapeError::from_text(ShapeErrorKind::BadValue, Path::root(), text)] }
    }

    /// JSON text that serde_json could not read: a `syntax` problem at the root, its error quoted;
    /// where the text failed at a lone surrogate escape, [`ConfigError::not_unicode`] at its
    /// field instead (a binding that parses an input itself gives the core's error for it).
    pub fn syntax(input: &'static str, e: &serde_json::Error, text: &str) -> Self {
        if let Some((at, start)) = surrogate::first_lone_surrogate(text) {
            if start <= surrogate::offset_of(text, e) {
                return ConfigError::not_unicode(input, &at);
            }
        }
        Self::not_json(input, e)
    }

    /// [`ConfigError::syntax`] for an error without its text (a value nested too deep).
    pub(crate) fn not_json(input: &'static str, e: &serde_json::Error) -> Self {
        let key = by_input(input, "shape.syntax.config", "shape.syntax.context");
        let text = ShapeText { key, params: Params(vec![("error", Param::from(e.to_string()))]), terms: &[] };
        ConfigError { input, errors: vec![ShapeError::from_text(ShapeErrorKind::Syntax, Path::root(), text)] }
    }

    /// A field of `input` that holds JSON text of its own (the UniFFI context's `cluster_json`),
    /// text serde_json could not read: a `syntax` problem at that field, its error quoted.
    pub fn text_not_json(input: &'static str, at: Path, e: &serde_json::Error) -> Self {
        let text = ShapeText { key: "shape.syntax.text", params: Params(vec![("error", Param::from(e.to_string()))]), terms: &[] };
        ConfigError { input, errors: vec![ShapeError::from_text(ShapeErrorKind::Syntax, at, text)] }
    }

    /// Text that is not Unicode (a lone surrogate, half of a UTF-16 pair) at `at` inside
    /// `input`: a `syntax` problem at the root, as JSON text that holds one is, whose message
    /// names the field (`config.vm_size`). Every binding words this cause so: the WASM package
    /// and the text readers find the field in the text, the Python binding in its values.
    pub fn not_unicode(input: &'static str, at: &Path) -> Self {
        // `config.vm_size`, `config[0]`, `config`: the input's name before the path, as Path writes one.
        let mut field = String::from(input);
        if !at.0.is_empty() {
            if matches!(at.0.first(), Some(crate::diagnostic::PathSeg::Key(_))) {
                field.push('.');
            }
            field.push_str(&at.to_string());
        }
        let text = ShapeText { key: "shape.syntax.surrogate", params: Params(vec![("field", Param::from(field))]), terms: &[] };
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
        self.report(locale, true)
    }

    /// The head line in `locale` and a line per problem, its message rendered in `locale` when
    /// `again` (else as it stands). One writer for [`ConfigError::render`] and `Display`: the
    /// browser module carries one copy.
    fn report(&self, locale: &Locale, again: bool) -> String {
        let mut out = locale.problems(self.input, self.errors.len());
        for e in &self.errors {
            let path = if e.path.0.is_empty() { locale.text(root_key(self.input), &Params::default()) } else { e.path.to_string() };
            let message = match (&e.text, again) {
                (Some(t), true) => Cow::Owned(t.render(locale)),
                _ => Cow::Borrowed(e.message.as_str()),
            };
            out.push_str("\n  ");
            out.push_str(&path);
            out.push_str(": ");
            out.push_str(&message);
        }
        out
    }
}

/// The English report, as [`ConfigError::render`] writes it, with the messages as they stand
/// (in the locale [`ConfigError::localize`] last rendered them in).
impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.report(&Locale::default(), false))
    }
}

/// The one choice of a message key by what was read: `context`'s, or else the configuration's.
pub(crate) fn by_input(input: &str, config: &'static str, context: &'static str) -> &'static str {
    if input == "context" {
        context
    } else {
        config
    }
}

/// The message key of what a problem about the whole input is placed at: "(configuration)",
/// or "(context)" for the context (its syntax errors were labelled the configuration's).
pub fn root_key(input: &str) -> &'static str {
    by_input(input, "ui.path.root", "ui.path.root_context")
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
    /// A whole number (`3.0`, `2e3` and `1e16` count as the integers they are, within 64 bits).
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
    /// Its rustdoc, which is also the schema's description (only with the `docs` feature: the
    /// readers never show it, so the browser's module leaves it out).
    #[cfg(feature = "docs")]
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
    /// The struct's rustdoc (only with the `docs` feature, as [`Field::doc`]).
    #[cfg(feature = "docs")]
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
    /// Whether the field must be given. A codec that is not reads an absent value as its
    /// type's default without a problem, which the shape reader relies on: it does not read
    /// an absent optional field at all.
    const REQUIRED: bool = false;
    /// Reads the value (`None` when absent or null); problems go to the reader.
    fn read(v: Option<&Value>, path: &At<'_>, r: &mut Reader) -> T;
    /// Reads a given value straight from JSON text (or a [`Value`], which is a deserializer
    /// too): `None` when it is null, which counts as absent. A leaf goes through a small
    /// [`Value`]; objects and lists override this so that they are read without one.
    fn read_de<'de, D: Deserializer<'de>>(d: D, path: &At<'_>, r: &mut Reader) -> Result<Option<T>, D::Error> {
        let v = Value::deserialize(d)?;
        Ok(if v.is_null() { None } else { Some(Self::read(Some(&v), path, r)) })
    }
    /// Reads a given value into `slot` (left as it was when null): whether it was given. An
    /// object is read where it will stay, not moved up through every layer of the parser.
    fn read_in<'de, D: Deserializer<'de>>(d: D, path: &At<'_>, r: &mut Reader, slot: &mut T) -> Result<bool, D::Error> {
        Ok(match Self::read_de(d, path, r)? {
            Some(v) => {
                *slot = v;
                true
            }
            None => false,
        })
    }
}

/// A struct defined by [`shape!`]: its table and its field reader.
pub(crate) trait Object: Sized + Default {
    /// The one definition.
    const SHAPE: &'static ShapeDef;
    /// The position of the field a key names, and whether by its alias. Generated as one
    /// comparison per key (each a length check, then a few bytes compared in registers): a
    /// scan of the table with a `memcmp` per field cost twice that per key.
    fn field_of(key: &str) -> Option<(usize, bool)>;
    /// Reads every entry of an object as it streams by; `rules` says which keys are allowed.
    /// The object is read into `out`, which starts as the default: a struct of a few hundred
    /// bytes returned by value is copied at every layer of the parser it goes back up through.
    fn read_map<'de, A: MapAccess<'de>>(map: A, path: &At<'_>, r: &mut Reader, rules: Rules, out: &mut Self) -> Result<(), A::Error>;
    /// Reads field `idx` from a JSON value (`None`: absent) with its codec, for the plain
    /// reader of values ([`plain`]): the one thing of it that differs per shape.
    fn read_field(&mut self, idx: usize, v: Option<&Value>, path: &At<'_>, r: &mut Reader);
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
        #[non_exhaustive]
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
                #[cfg(feature = "docs")]
                doc: concat!($($sdoc, "\n",)*),
                fields: &[$(
                    $crate::shape::Field {
                        name: stringify!($field),
                        #[cfg(feature = "docs")]
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
            fn field_of(key: &str) -> Option<(usize, bool)> {
                let mut i = 0usize;
                $(
                    if key == stringify!($field) {
                        return Some((i, false));
                    }
                    $(if key == $alias {
                        return Some((i, true));
                    })?
                    i += 1;
                )*
                let _ = i;
                None
            }
            fn read_map<'de, A: serde::de::MapAccess<'de>>(
                mut map: A,
                path: &$crate::shape::At<'_>,
                r: &mut $crate::shape::Reader,
                rules: $crate::shape::Rules,
                out: &mut Self,
            ) -> Result<(), A::Error> {
                let mut fields = $crate::shape::Fields::new(Self::SHAPE, Self::field_of, rules);
                // A field given by its name is read into `out`; by its alias, aside (the name
                // wins when both are given). Only a field with an alias has the aside.
                $(shape!(@aside $field, $ty $(, $alias)?);)*
                while let Some(key) = map.next_key_seed(fields.key_seed())? {
                    match key {
                        $crate::shape::Key::Field { idx, name, alias } => {
                            let at = path.field(if alias { Self::SHAPE.fields.get(idx).and_then(|f| f.alias).unwrap_or(name) } else { name });
                            let mark = r.errors.len();
                            // The field by its position (a constant each), not by comparing names
                            // again; what follows the read is once, not once per field.
                            let given = 'read: {
                                let mut i = 0usize;
                                $(if idx == i {
                                    break 'read Some(shape!(@take map, at, r, out, alias, $field, $ty, [shape!(@codec $ty $(, $codec)?)] $(, $alias)?));
                                }
                                i += 1;)*
                                let _ = (i, name);
                                map.next_value::<$crate::document::Skip>()?;
                                None
                            };
                            if let Some(given) = given {
                                fields.took(r, idx, alias, mark, given);
                            }
                        }
                        $crate::shape::Key::Schema => {
                            let v: serde_json::Value = map.next_value()?;
                            fields.schema(r, path, &v);
                        }
                        $crate::shape::Key::Unknown(k) => {
                            map.next_value::<$crate::document::Skip>()?;
                            fields.unknown(k);
                        }
                    }
                }
                // Each field not given by its name: by its alias, or absent (which a required
                // field reports). A field without an alias that is not given holds its default
                // already (null resets it), so only a required one has anything to do here.
                let mut idx = 0usize;
                $(
                    shape!(@absent fields, r, path, out, idx, $field, $ty, [shape!(@codec $ty $(, $codec)?)] $(, $alias)?);
                    idx += 1;
                )*
                let _ = idx;
                fields.finish(r, path);
                Ok(())
            }
            fn read_field(&mut self, idx: usize, v: Option<&serde_json::Value>, path: &$crate::shape::At<'_>, r: &mut $crate::shape::Reader) {
                let mut i = 0usize;
                $(if idx == i {
                    self.$field = <shape!(@codec $ty $(, $codec)?) as $crate::shape::Codec<$ty>>::read(v, path, r);
                    return;
                }
                i += 1;)*
                let _ = i;
            }
        }
    };
    (@aside $field:ident, $ty:ty) => {};
    (@aside $field:ident, $ty:ty, $alias:literal) => {
        let mut $field: Option<$ty> = None;
    };
    // A field without an alias is read in place; null (not given) leaves it at its default,
    // as if it had not been given at all (a key given twice counts as its last value).
    (@take $map:ident, $at:ident, $r:ident, $out:ident, $by_alias:ident, $field:ident, $ty:ty, [$c:ty]) => {{
        let given = $map.next_value_seed($crate::shape::FieldSeed::<$c, $ty>::new(&$at, $r, &mut $out.$field))?;
        if !given {
            $out.$field = <$ty as Default>::default();
        }
        given
    }};
    (@take $map:ident, $at:ident, $r:ident, $out:ident, $by_alias:ident, $field:ident, $ty:ty, [$c:ty], $alias:literal) => {{
        if $by_alias {
            let mut v = <$ty as Default>::default();
            let given = $map.next_value_seed($crate::shape::FieldSeed::<$c, $ty>::new(&$at, $r, &mut v))?;
            $field = given.then_some(v);
            given
        } else {
            $map.next_value_seed($crate::shape::FieldSeed::<$c, $ty>::new(&$at, $r, &mut $out.$field))?
        }
    }};
    (@absent $fields:ident, $r:ident, $path:ident, $out:ident, $idx:ident, $field:ident, $ty:ty, [$c:ty]) => {
        if <$c as $crate::shape::Codec<$ty>>::REQUIRED && !$fields.by_name($idx) {
            let at = $path.field(stringify!($field));
            let mark = $r.errors.len();
            $out.$field = <$c as $crate::shape::Codec<$ty>>::read(None, &at, $r);
            $fields.took($r, $idx, false, mark, false);
        }
    };
    (@absent $fields:ident, $r:ident, $path:ident, $out:ident, $idx:ident, $field:ident, $ty:ty, [$c:ty], $alias:literal) => {
        if !$fields.by_name($idx) {
            $out.$field = match $field.take() {
                Some(v) => v,
                None => {
                    let at = $path.field(stringify!($field));
                    let mark = $r.errors.len();
                    let v = <$c as $crate::shape::Codec<$ty>>::read(None, &at, $r);
                    $fields.took($r, $idx, false, mark, false);
                    v
                }
            };
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

mod plain;
mod surrogate;
pub use plain::{validate_json_lean, validate_json_lean_in, MERGED_ENTRY};

/// The longest JSON text (in bytes) the core reads as a configuration or a context: longer is
/// a `bad_value` error ([`check_len`]) before any of it is parsed. A parsed JSON value takes
/// 8 to 12 times its text's size in memory, so a 90 MB paste would exhaust a browser module's
/// memory (a trap, not an error) where 32 MiB still fits; real inputs are a few kilobytes (the
/// largest, a context with a cluster and a versions table, well under a megabyte). The command
/// line reads no longer file.
pub const MAX_JSON_TEXT: usize = 32 << 20;

/// Refuses JSON text of `len` bytes, longer than [`MAX_JSON_TEXT`], with the `bad_value` error
/// that says so (`input` is `config`, `context`, or `versions` for a versions list read on its
/// own): the core's readers ask before they parse, and so does a binding that parses such text
/// itself.
pub fn check_len(input: &'static str, len: usize) -> Result<(), ConfigError> {
    if len > MAX_JSON_TEXT {
        return Err(ConfigError::too_big(input, len));
    }
    Ok(())
}

/// Where an input comes from: JSON text, streamed straight into the typed shape, or a JSON
/// value a binding built (read by the plain reader, `shape/plain.rs`, with the same answers:
/// `tests/readers.rs`). A type rather than an enum, so that
/// a build that reads only values (the browser's) holds no text reader, nor the reverse.
pub(crate) trait Input: Copy {
    /// Reads the whole input as `T` into `out` with `r`: `Err` only when the text is not JSON.
    fn read<T: Object>(self, path: &At<'_>, r: &mut Reader, name: &'static str, out: &mut T) -> Result<Got<()>, ConfigError>;
    /// The length of the JSON text in bytes, for [`check_len`]; `None` for a value.
    fn text_len(self) -> Option<usize> {
        None
    }
}

/// JSON text, through serde_json's own reader. sonic-rs 0.5.10 (a SIMD reader with a serde
/// Deserializer) in its place was measured (callgrind, `make profile`'s inputs) and left out:
/// serde_json's walk of the two texts 16,799 instructions, sonic-rs's 16,120 at the shipped
/// target (x86-64) and 14,380 against 16,381 with AVX2 (`-C target-cpu=haswell`, which no wheel
/// is built for); `create_from_json` 43,529 with it against 43,260 without, `attach_from_json`
/// 38,018 against 37,900. The texts are short and their strings shorter, where SIMD does not
/// pay; and its errors are not serde_json's, which the syntax messages quote.
impl Input for &str {
    fn text_len(self) -> Option<usize> {
        Some(self.len())
    }
    fn read<T: Object>(self, path: &At<'_>, r: &mut Reader, name: &'static str, out: &mut T) -> Result<Got<()>, ConfigError> {
        let mut text = Cow::Borrowed(self);
        let mark = r.errors.len();
        loop {
            let mut de = serde_json::Deserializer::from_str(&text);
            let got = de.deserialize_any(Nested::<T>::root(path, r, out)).and_then(|got| de.end().map(|()| got));
            let e = match got {
                Ok(got) => return Ok(got),
                Err(e) => e,
            };
            // An integer literal beyond f64 is valid JSON that serde_json cannot hold: read the
            // text again with a stand-in of the same length there (so every later position is
            // where it was), which the readers know as that literal. Only a text that has one
            // pays for it, once per such literal, and a few at most.
            let Some((literal, again)) =
                (r.literals.len() < MAX_HUGE_LITERALS).then(|| huge_literal(&text, &e, stand_in(r.literals.len()))).flatten()
            else {
                return Err(ConfigError::syntax(name, &e, &text));
            };
            r.errors.truncate(mark);
            *out = T::default();
            r.literals.push(literal);
            text = Cow::Owned(again);
        }
    }
}

/// The integer literals beyond f64 one text may have read as such; more, and it is a syntax
/// error (each costs reading the text again).
const MAX_HUGE_LITERALS: usize = 8;

/// The stand-in of the `k`-th integer literal beyond f64: a finite double no JSON writer
/// prints for a count (just above 1e300), one per literal so that each is told apart.
fn stand_in(k: usize) -> f64 {
    // Above 1e300 itself, which a text may hold as a number of its own.
    f64::from_bits(1e300_f64.to_bits() + 1 + k as u64)
}

/// When `e` is serde_json's "number out of range" at an integer literal (optionally negative,
/// no fraction or exponent: what Python's json.loads reads as an int), that literal (clipped,
/// for messages) and the text with `stand_in` (of the literal's sign) in its place, padded
/// with blanks to its length. A float literal out of range (`1e400`) stays a syntax error, as
/// json.loads makes it infinity, which no JSON value holds.
fn huge_literal(text: &str, e: &serde_json::Error, stand_in: f64) -> Option<(String, String)> {
    if !e.to_string().starts_with("number out of range") {
        return None;
    }
    // serde_json's line and column (1-based, in bytes) point into the literal.
    let line_start: usize = text.split_inclusive('\n').take(e.line().saturating_sub(1)).map(str::len).sum();
    let at = line_start + e.column().saturating_sub(1);
    let b = text.as_bytes();
    let in_number = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E'));
    if !in_number(at) {
        return None;
    }
    let (mut start, mut end) = (at, at);
    while start > 0 && in_number(start - 1) {
        start -= 1;
    }
    while in_number(end) {
        end += 1;
    }
    let literal = text.get(start..end)?;
    let digits = literal.strip_prefix('-').unwrap_or(literal);
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let x = if literal.starts_with('-') { -stand_in } else { stand_in };
    let written = serde_json::to_string(&x).ok()?;
    let pad = literal.len().checked_sub(written.len())?;
    let mut again = String::with_capacity(text.len());
    again.push_str(text.get(..start)?);
    again.push_str(&written);
    again.extend(std::iter::repeat_n(' ', pad));
    again.push_str(text.get(end..)?);
    Some((clip(literal, 40), again))
}

/// JSON text as a value, for a front end that reads a file into a value before the rules (the
/// command line inlines its PEM files so): an integer literal beyond f64, valid JSON that
/// `serde_json::Value` cannot hold, becomes the largest double of its sign, as the Python
/// binding converts such an int, so that the rules answer it at its field among the other
/// problems (bad_value where a whole number belongs) instead of the text being "not JSON".
/// Any other error is serde_json's, with its line and column.
pub fn value_from_text(text: &str) -> Result<Value, serde_json::Error> {
    let mut text = Cow::Borrowed(text);
    let mut replaced = 0;
    loop {
        let e = match serde_json::from_str(&text) {
            Ok(v) => return Ok(v),
            Err(e) => e,
        };
        match (replaced < MAX_HUGE_LITERALS).then(|| huge_literal(&text, &e, f64::MAX)).flatten() {
            Some((_, again)) => {
                text = Cow::Owned(again);
                replaced += 1;
            }
            None => return Err(e),
        }
    }
}

/// A JSON value.
impl Input for &Value {
    fn read<T: Object>(self, path: &At<'_>, r: &mut Reader, name: &'static str, out: &mut T) -> Result<Got<()>, ConfigError> {
        // Too deep for the text reader is too deep here: the reader recurses as it descends.
        check_depth(self).map_err(|e| ConfigError::not_json(name, &e))?;
        // Walked by the plain reader, which cannot fail otherwise.
        Ok(plain::object(self, path, r, Rules::ROOT, out))
    }
}

/// The nesting limit of serde_json's text reader: 127 levels of `[` or `{`; the 128th is an error.
const MAX_DEPTH: usize = 127;

/// A JSON value built in memory (by a binding, or by Rust code) is held to the nesting limit
/// the text reader holds text to, with the same error: every reader of values recurses as it
/// descends, so a value nested a million deep would overflow the stack. The check itself
/// recurses at most [`MAX_DEPTH`] deep.
pub(crate) fn check_depth(v: &Value) -> Result<(), serde_json::Error> {
    fn ok(v: &Value, left: usize) -> bool {
        match v {
            Value::Array(a) => left > 0 && a.iter().all(|v| ok(v, left - 1)),
            Value::Object(m) => left > 0 && m.values().all(|v| ok(v, left - 1)),
            _ => true,
        }
    }
    if ok(v, MAX_DEPTH) {
        Ok(())
    } else {
        Err(de::Error::custom("recursion limit exceeded"))
    }
}

/// Reads a root shape, keeping the value (with defaults where fields were wrong) beside every
/// shape problem, so that a caller can still read what was right (the context's locale).
/// `Err` only when the text is not JSON. The whole input must be an object of the shape (null
/// too when `null_ok`: the empty context). A top-level `"$schema"` key (the line that makes an
/// editor validate the file) is accepted and ignored.
pub(crate) fn read_input<T: Object>(input: impl Input, name: &'static str, null_ok: bool) -> Result<(T, Vec<ShapeError>), ConfigError> {
    let mut value = T::default();
    let errors = read_input_into(input, name, null_ok, &mut value)?;
    Ok((value, errors))
}

/// As [`read_input`], into `value` (which starts as the default): a validation reads its
/// inputs where they stay, not into a value moved out through every caller (a context is
/// most of a kilobyte, copied at each move).
pub(crate) fn read_input_into<T: Object>(
    input: impl Input,
    name: &'static str,
    null_ok: bool,
    value: &mut T,
) -> Result<Vec<ShapeError>, ConfigError> {
    // The one check of a text's length, before either text reader parses any of it.
    if let Some(len) = input.text_len() {
        check_len(name, len)?;
    }
    let mut r = Reader::new();
    let path = At::ROOT;
    match input.read::<T>(&path, &mut r, name, value)? {
        Got::Value(()) => {}
        Got::Null if null_ok => {}
        Got::Null => r.wrong_got(&path, "shape.type.object", "shape.type.null"),
        Got::Wrong(got) => r.wrong_got(&path, "shape.type.object", got),
    }
    // A value that is not an object was not read (nothing of it reached `value`).
    Ok(r.errors)
}

/// Reads a root shape from a JSON value; every problem is reported at once.
pub(crate) fn read_root<T: Object, I: Input>(v: I, input: &'static str) -> Result<T, ConfigError> {
    let (value, errors) = read_input(v, input, false)?;
    if errors.is_empty() {
        Ok(value)
    } else {
        Err(ConfigError { input, errors })
    }
}

/// What a shape allows in one use of it: the fields of the shape it does not (which belong to
/// other operations: `why` says which), and whether it is a root (which may carry `$schema`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rules {
    /// Fields of the shape this use does not allow.
    pub except: &'static [&'static str],
    /// Why those fields are not allowed here.
    pub why: &'static str,
    /// Whether this is the whole input.
    pub root: bool,
}

impl Rules {
    const NESTED: Rules = Rules { except: &[], why: "", root: false };
    const ROOT: Rules = Rules { root: true, ..Rules::NESTED };
}

/// An object key, as the shape knows it.
pub(crate) enum Key {
    /// A field, by its name or (`alias`) by its other name.
    Field {
        /// Its position in the shape.
        idx: usize,
        /// Its name.
        name: &'static str,
        /// Given by its alias.
        alias: bool,
    },
    /// `$schema` at the root.
    Schema,
    /// Anything else, reported when the object ends.
    Unknown(String),
}

/// Reads a key and tells which field it names, without copying a known key. It borrows the
/// object's bookkeeping rather than copying the shape and rules for every key. The matcher is
/// called through a pointer: one key reader for every shape, not one per shape (a key reader per
/// shape costs the browser's lean module 2 KiB gzipped for 440 instructions of a create).
pub(crate) struct KeySeed<'a> {
    fields: &'a Fields,
}

impl KeySeed<'_> {
    fn key(&self, k: &str) -> Option<Key> {
        let rules = &self.fields.rules;
        if rules.root && k == "$schema" {
            return Some(Key::Schema);
        }
        let (idx, alias) = (self.fields.find)(k)?;
        let f = self.fields.shape.fields.get(idx)?;
        if !rules.except.is_empty() && rules.except.contains(&f.name) {
            return None;
        }
        Some(Key::Field { idx, name: f.name, alias })
    }
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Key;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }
    fn visit_str<E: de::Error>(self, k: &str) -> Result<Key, E> {
        Ok(self.key(k).unwrap_or_else(|| Key::Unknown(k.to_string())))
    }
    fn visit_string<E: de::Error>(self, k: String) -> Result<Key, E> {
        Ok(self.key(&k).unwrap_or(Key::Unknown(k)))
    }
}

/// Reads one field's value with its codec into its place: whether it was given (not null).
pub(crate) struct FieldSeed<'a, C, T> {
    path: &'a At<'a>,
    r: &'a mut Reader,
    slot: &'a mut T,
    codec: std::marker::PhantomData<fn() -> C>,
}

impl<'a, C, T> FieldSeed<'a, C, T> {
    pub fn new(path: &'a At<'a>, r: &'a mut Reader, slot: &'a mut T) -> Self {
        FieldSeed { path, r, slot, codec: std::marker::PhantomData }
    }
}

impl<'de, C: Codec<T>, T> DeserializeSeed<'de> for FieldSeed<'_, C, T> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        C::read_in(d, self.path, self.r, self.slot)
    }
}

/// The bookkeeping of one object being read: which fields were given, and the problems of each
/// field, put back in the shape's field order when the object ends (JSON text may give the
/// keys in any order; the report must not depend on it).
pub(crate) struct Fields {
    shape: &'static ShapeDef,
    find: fn(&str) -> Option<(usize, bool)>,
    rules: Rules,
    /// Problems with their sort key: `(field + 1) * 4 + k`, `k` being 0 for "name and alias
    /// both given", 1 for the field by its name, 2 by its alias; 0 for `$schema`.
    tagged: Vec<(usize, ShapeError)>,
    /// Bit `i`: field `i` was given (not null) by its name; `by_alias`, by its alias.
    by_name: u64,
    by_alias: u64,
    unknown: Vec<String>,
}

impl Fields {
    pub fn new(shape: &'static ShapeDef, find: fn(&str) -> Option<(usize, bool)>, rules: Rules) -> Self {
        Fields { shape, find, rules, tagged: Vec::new(), by_name: 0, by_alias: 0, unknown: Vec::new() }
    }

    /// Whether field `idx` was given (not null) by its name.
    pub fn by_name(&self, idx: usize) -> bool {
        self.by_name & (1u64 << (idx % 64)) != 0
    }

    /// The reader of the next key.
    pub fn key_seed(&self) -> KeySeed<'_> {
        KeySeed { fields: self }
    }

    /// Files the problems the field's read added after `mark`. A key given twice counts once,
    /// as its last value (as a JSON object reader keeps it), so the earlier problems go.
    #[inline]
    pub fn took(&mut self, r: &mut Reader, idx: usize, alias: bool, mark: usize, given: bool) {
        // Most fields have no problem: then there is nothing to move (a drain costs even empty).
        if !self.tagged.is_empty() || r.errors.len() > mark {
            self.file(r, (idx + 1) * 4 + 1 + usize::from(alias), mark);
        }
        let bit = 1u64 << (idx % 64);
        let set = if alias { &mut self.by_alias } else { &mut self.by_name };
        if given {
            *set |= bit;
        } else {
            *set &= !bit;
        }
    }

    /// Files the problems after `mark` under `tag`, in place of the tag's earlier ones. Out of
    /// line: most objects have no problem, and this is not repeated wherever a field is taken.
    #[inline(never)]
    fn file(&mut self, r: &mut Reader, tag: usize, mark: usize) {
        self.tagged.retain(|(t, _)| *t != tag);
        if r.errors.len() > mark {
            self.tagged.extend(r.errors.drain(mark..).map(|e| (tag, e)));
        }
    }

    /// The root's `$schema`: text, or null.
    pub fn schema(&mut self, r: &mut Reader, path: &At<'_>, v: &Value) {
        self.tagged.retain(|(t, _)| *t != 0);
        if !v.is_string() && !v.is_null() {
            let mark = r.errors.len();
            r.wrong(&path.field("$schema"), "shape.type.string", v);
            self.tagged.extend(r.errors.drain(mark..).map(|e| (0, e)));
        }
    }

    pub fn unknown(&mut self, key: String) {
        self.unknown.push(key);
    }

    /// Reports what the object's end shows: a field given by both names (the name wins: which
    /// one was meant cannot be known), then every key not in the shape, in sorted order whatever
    /// the input's order (so every binding lists them alike), with the nearest known key as a
    /// suggestion, never the key itself.
    pub fn finish(mut self, r: &mut Reader, path: &At<'_>) {
        let both = self.by_name & self.by_alias;
        if both != 0 {
            for (idx, f) in self.shape.fields.iter().enumerate().filter(|(i, _)| both & (1u64 << (i % 64)) != 0) {
                let alias = f.alias.unwrap_or(f.name);
                let tag = (idx + 1) * 4;
                self.tagged.retain(|(t, _)| *t != tag + 2);
                let message = format!("\"{alias}\" is another name for \"{}\": give one of them, not both", f.name);
                self.tagged.push((tag, ShapeError { kind: ShapeErrorKind::BadValue, path: path.field(alias).path(), message, text: None }));
            }
        }
        if !self.tagged.is_empty() {
            self.tagged.sort_by_key(|(t, _)| *t);
            r.errors.extend(self.tagged.into_iter().map(|(_, e)| e));
        }
        if self.unknown.is_empty() {
            return;
        }
        let except = self.rules.except;
        let known: Vec<&'static str> = self.shape.keys().filter(|k| !except.contains(k)).collect();
        // Equal keys are alike (and deduplicated next): an unstable sort gives the same list,
        // without a merge sort of strings in the browser's module (120 B of its first load).
        self.unknown.sort_unstable();
        self.unknown.dedup();
        for k in &self.unknown {
            let shown = clip(k, 64);
            let path = path.key(&shown).path();
            if except.contains(&k.as_str()) {
                let message = format!("unknown field \"{shown}\": {}", self.rules.why);
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

/// What a value turned out to be: null (absent), what was wanted, or another JSON type (its
/// type's message-table key).
pub(crate) enum Got<T> {
    Null,
    Value(T),
    Wrong(&'static str),
}

/// Reads an object of shape `T` from whatever value comes, skipping a value of another type
/// after noting its type. What is skipped is still read as a JSON value (not ignored), so that
/// its nesting depth is checked as everywhere else: too deep is a syntax error.
/// An object is read into `out`, which is left alone when the value is no object.
pub(crate) struct Nested<'a, T> {
    path: &'a At<'a>,
    r: &'a mut Reader,
    rules: Rules,
    out: &'a mut T,
}

impl<'a, T: Object> Nested<'a, T> {
    fn new(path: &'a At<'a>, r: &'a mut Reader, rules: Rules, out: &'a mut T) -> Self {
        Nested { path, r, rules, out }
    }
    fn root(path: &'a At<'a>, r: &'a mut Reader, out: &'a mut T) -> Self {
        Self::new(path, r, Rules { root: true, ..Rules::NESTED }, out)
    }
}

/// Skips the rest of a value of the wrong type, noting the type.
macro_rules! wrong_scalars {
    ($out:ty) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<$out, E> {
            Ok(Got::Wrong("shape.type.boolean"))
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<$out, E> {
            Ok(Got::Wrong("shape.type.number"))
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<$out, E> {
            Ok(Got::Wrong("shape.type.number"))
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<$out, E> {
            Ok(Got::Wrong("shape.type.number"))
        }
        fn visit_unit<E: de::Error>(self) -> Result<$out, E> {
            Ok(Got::Null)
        }
        fn visit_none<E: de::Error>(self) -> Result<$out, E> {
            Ok(Got::Null)
        }
    };
}

impl<'de, T: Object> Visitor<'de> for Nested<'_, T> {
    type Value = Got<()>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    wrong_scalars!(Got<()>);
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Got<()>, E> {
        Ok(Got::Wrong("shape.type.string"))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Got<()>, A::Error> {
        T::read_map(map, self.path, self.r, self.rules, self.out).map(Got::Value)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Got<()>, A::Error> {
        while seq.next_element::<crate::document::Skip>()?.is_some() {}
        Ok(Got::Wrong("shape.type.list"))
    }
}

impl<'de, T: Object> DeserializeSeed<'de> for Nested<'_, T> {
    type Value = Got<()>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Got<()>, D::Error> {
        d.deserialize_any(self)
    }
}

/// Reads a list of objects of shape `T`; an element of another type (null too) is reported
/// and left out.
struct List<'a, T> {
    path: &'a At<'a>,
    r: &'a mut Reader,
    shape: std::marker::PhantomData<fn() -> T>,
}

impl<'de, T: Object> Visitor<'de> for List<'_, T> {
    type Value = Got<Vec<T>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }
    wrong_scalars!(Got<Vec<T>>);
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Got<Vec<T>>, E> {
        Ok(Got::Wrong("shape.type.string"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Got<Vec<T>>, A::Error> {
        while map.next_entry::<crate::document::Skip, crate::document::Skip>()?.is_some() {}
        Ok(Got::Wrong("shape.type.object"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Got<Vec<T>>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        let mut i = 0;
        loop {
            let at = self.path.index(i);
            // Each element is read where it stays, and taken back off when it is no object.
            out.push(T::default());
            let Some(slot) = out.last_mut() else { break };
            let Some(got) = seq.next_element_seed(Nested::<T>::new(&at, self.r, Rules::NESTED, slot))? else {
                out.pop();
                break;
            };
            match got {
                Got::Value(()) => {}
                Got::Null => self.r.wrong_got(&at, "shape.type.object", "shape.type.null"),
                Got::Wrong(g) => self.r.wrong_got(&at, "shape.type.object", g),
            }
            if !matches!(got, Got::Value(())) {
                out.pop();
            }
            i += 1;
        }
        Ok(Got::Value(out))
    }
}

/// Reads a nested object of shape `T` under `rules`: `None` when null, `Some(None)` when of
/// another type (reported).
pub(crate) fn nested_de<'de, T: Object, D: Deserializer<'de>>(
    d: D,
    path: &At<'_>,
    r: &mut Reader,
    rules: Rules,
) -> Result<Option<Option<T>>, D::Error> {
    let mut slot = None;
    Ok(nested_in(d, path, r, rules, &mut slot)?.then_some(slot))
}

/// Reads a nested object of shape `T` under `rules` into `slot`: whether it was given (not
/// null); `slot` is `None` when the value is null or of another type (reported).
pub(crate) fn nested_in<'de, T: Object, D: Deserializer<'de>>(
    d: D,
    path: &At<'_>,
    r: &mut Reader,
    rules: Rules,
    slot: &mut Option<T>,
) -> Result<bool, D::Error> {
    // A key given twice counts as its last value: the object starts afresh.
    let out = slot.insert(T::default());
    Ok(match d.deserialize_any(Nested::<T>::new(path, r, rules, out))? {
        Got::Value(()) => true,
        Got::Null => {
            *slot = None;
            false
        }
        Got::Wrong(got) => {
            r.wrong_got(path, "shape.type.object", got);
            *slot = None;
            true
        }
    })
}

/// Reads a nested object from a JSON value (the codecs that read a whole value first), with
/// the plain reader: `None` when null or of another type (reported).
pub(crate) fn read_nested<T: Object>(v: &Value, path: &At<'_>, r: &mut Reader, rules: Rules) -> Option<T> {
    let mut out = T::default();
    match plain::object(v, path, r, rules, &mut out) {
        Got::Value(()) => Some(out),
        Got::Null => None,
        Got::Wrong(got) => {
            r.wrong_got(path, "shape.type.object", got);
            None
        }
    }
}

impl Codec<Option<String>> for Option<String> {
    const TYPE: Type = Type::Text { examples: &[] };
    fn read(v: Option<&Value>, path: &At<'_>, r: &mut Reader) -> Self {
        match v? {
            Value::String(s) => Some(s.clone()),
            other => {
                r.wrong(path, "shape.type.string", other);
                None
            }
        }
    }
    fn read_in<'de, D: Deserializer<'de>>(d: D, path: &At<'_>, r: &mut Reader, slot: &mut Self) -> Result<bool, D::Error> {
        text_in(d, path, r, slot)
    }
}

/// Reads text into its field (`None` when of another type, reported) without a [`Value`]
/// around it (a 1 MB name is copied once, not twice): whether it was given (not null). The
/// text goes from the parser straight into the field, not handed up as an answer first.
pub(crate) fn text_in<'de, D: Deserializer<'de>>(d: D, path: &At<'_>, r: &mut Reader, slot: &mut Option<String>) -> Result<bool, D::Error> {
    struct Text<'a>(&'a mut Option<String>);
    impl<'de> Visitor<'de> for Text<'_> {
        type Value = Got<()>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("text")
        }
        wrong_scalars!(Got<()>);
        fn visit_string<E: de::Error>(self, s: String) -> Result<Got<()>, E> {
            *self.0 = Some(s);
            Ok(Got::Value(()))
        }
        fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Got<()>, E> {
            *self.0 = Some(s.to_string());
            Ok(Got::Value(()))
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<Got<()>, E> {
            *self.0 = Some(s.to_string());
            Ok(Got::Value(()))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Got<()>, A::Error> {
            while map.next_entry::<crate::document::Skip, crate::document::Skip>()?.is_some() {}
            Ok(Got::Wrong("shape.type.object"))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Got<()>, A::Error> {
            while seq.next_element::<crate::document::Skip>()?.is_some() {}
            Ok(Got::Wrong("shape.type.list"))
        }
    }
    Ok(match d.deserialize_any(Text(slot))? {
        Got::Null => false,
        Got::Value(()) => true,
        Got::Wrong(got) => {
            r.wrong_got(path, "shape.type.string", got);
            *slot = None;
            true
        }
    })
}

/// Reads a leaf whose text is only parsed, never kept (a profile, a time, an action): text is
/// handed to `text` where the parser has it, not copied into a [`Value`] first; any other value
/// is built and read by `read` (the codec's reader of values, which hands text to `text` too,
/// so both inputs answer alike). `None` when null.
pub(crate) fn parsed_de<'de, D: Deserializer<'de>, T>(
    d: D,
    path: &At<'_>,
    r: &mut Reader,
    text: fn(&str, &At<'_>, &mut Reader) -> T,
    read: fn(Option<&Value>, &At<'_>, &mut Reader) -> T,
) -> Result<Option<T>, D::Error> {
    enum Leaf<T> {
        Text(T),
        Other(Value),
    }
    let seed = crate::document::TextOrValue { text: |t: &str| Leaf::Text(text(t, path, &mut *r)), value: Leaf::Other };
    Ok(match seed.deserialize(d)? {
        Leaf::Text(t) => Some(t),
        Leaf::Other(Value::Null) => None,
        Leaf::Other(v) => Some(read(Some(&v), path, r)),
    })
}

impl Codec<String> for String {
    const TYPE: Type = Type::Text { examples: &[] };
    const REQUIRED: bool = true;
    fn read(v: Option<&Value>, path: &At<'_>, r: &mut Reader) -> Self {
        if v.is_none() {
            r.missing(path);
        }
        <Option<String> as Codec<Option<String>>>::read(v, path, r).unwrap_or_default()
    }
}

impl Codec<Option<crate::secret::Secret>> for Option<crate::secret::Secret> {
    const TYPE: Type = Type::Secret;
    fn read(v: Option<&Value>, path: &At<'_>, r: &mut Reader) -> Self {
        <Option<String> as Codec<Option<String>>>::read(v, path, r).map(crate::secret::Secret::new)
    }
    fn read_in<'de, D: Deserializer<'de>>(d: D, path: &At<'_>, r: &mut Reader, slot: &mut Self) -> Result<bool, D::Error> {
        let mut text = None;
        let given = text_in(d, path, r, &mut text)?;
        *slot = text.map(crate::secret::Secret::new);
        Ok(given)
    }
}

impl Codec<Option<bool>> for Option<bool> {
    const TYPE: Type = Type::Bool;
    fn read(v: Option<&Value>, path: &At<'_>, r: &mut Reader) -> Self {
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
    fn read(v: Option<&Value>, path: &At<'_>, r: &mut Reader) -> Self {
        <Option<bool> as Codec<Option<bool>>>::read(v, path, r).unwrap_or(false)
    }
}

impl Codec<Option<i64>> for Option<i64> {
    const TYPE: Type = Type::Int;
    fn read(v: Option<&Value>, path: &At<'_>, r: &mut Reader) -> Self {
        as_int(r, v?, path)
    }
}

impl Codec<Vec<String>> for Vec<String> {
    const TYPE: Type = Type::Texts;
    fn read(v: Option<&Value>, path: &At<'_>, r: &mut Reader) -> Self {
        let Some(v) = v else { return Vec::new() };
        match v {
            Value::Array(a) => {
                let mut out = Vec::with_capacity(a.len());
                for (i, v) in a.iter().enumerate() {
                    match v {
                        Value::String(s) => out.push(s.clone()),
                        other => r.wrong(&path.index(i), "shape.type.string", other),
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
    fn read(v: Option<&Value>, path: &At<'_>, r: &mut Reader) -> Self {
        let mut out = Self::new();
        match v {
            None => {}
            Some(Value::Object(m)) => {
                for (k, v) in m {
                    match v {
                        Value::String(s) => {
                            out.insert(k.clone(), s.clone());
                        }
                        other => r.wrong(&path.key(&clip(k, 64)), "shape.type.string", other),
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
    fn read(v: Option<&Value>, path: &At<'_>, r: &mut Reader) -> Self {
        read_nested(v?, path, r, Rules::NESTED)
    }
    fn read_de<'de, D: Deserializer<'de>>(d: D, path: &At<'_>, r: &mut Reader) -> Result<Option<Self>, D::Error> {
        nested_de(d, path, r, Rules::NESTED)
    }
    fn read_in<'de, D: Deserializer<'de>>(d: D, path: &At<'_>, r: &mut Reader, slot: &mut Self) -> Result<bool, D::Error> {
        nested_in(d, path, r, Rules::NESTED, slot)
    }
}

impl<T: Object> Codec<Vec<T>> for Vec<T> {
    const TYPE: Type = Type::List(T::SHAPE);
    fn read(v: Option<&Value>, path: &At<'_>, r: &mut Reader) -> Self {
        v.map(|v| plain::list(v, path, r)).unwrap_or_default()
    }
    fn read_de<'de, D: Deserializer<'de>>(d: D, path: &At<'_>, r: &mut Reader) -> Result<Option<Self>, D::Error> {
        Ok(match d.deserialize_any(List::<T> { path, r, shape: std::marker::PhantomData })? {
            Got::Null => None,
            Got::Value(v) => Some(v),
            Got::Wrong(got) => {
                r.wrong_got(path, "shape.type.list", got);
                Some(Vec::new())
            }
        })
    }
}

/// Where a value being read is: a chain of segments on the stack, built into a [`Path`] only
/// when a problem is reported there (most fields have none, and a path is an allocation).
#[derive(Clone, Copy, Debug)]
pub(crate) struct At<'a> {
    up: Option<&'a At<'a>>,
    seg: Seg<'a>,
}

#[derive(Clone, Copy, Debug)]
enum Seg<'a> {
    Root,
    /// A field of a shape.
    Field(&'static str),
    /// An object key from the input (copied into the path).
    Key(&'a str),
    Index(usize),
}

impl<'a> At<'a> {
    /// The whole input.
    pub const ROOT: At<'static> = At { up: None, seg: Seg::Root };

    /// A field of this object.
    pub fn field(&'a self, name: &'static str) -> At<'a> {
        At { up: Some(self), seg: Seg::Field(name) }
    }
    /// A key of this object that is no field (a tag's, an unknown one's).
    pub fn key(&'a self, key: &'a str) -> At<'a> {
        At { up: Some(self), seg: Seg::Key(key) }
    }
    /// An element of this list.
    pub fn index(&'a self, i: usize) -> At<'a> {
        At { up: Some(self), seg: Seg::Index(i) }
    }
    /// The path, for a problem reported here.
    pub fn path(&self) -> Path {
        let mut segs = Vec::new();
        let mut at = Some(self);
        while let Some(a) = at {
            match a.seg {
                Seg::Root => {}
                Seg::Field(k) => segs.push(PathSeg::Key(Cow::Borrowed(k))),
                Seg::Key(k) => segs.push(PathSeg::Key(Cow::Owned(k.to_string()))),
                Seg::Index(i) => segs.push(PathSeg::Index(i)),
            }
            at = a.up;
        }
        segs.reverse();
        Path(segs)
    }
}

/// Collects shape errors while fields are taken out of JSON objects.
pub(crate) struct Reader {
    pub errors: Vec<ShapeError>,
    /// The integer literals beyond f64 the text had (clipped), which the text was read again
    /// with stand-ins for: the `k`-th is read where [`stand_in`]`(k)` is.
    literals: Vec<String>,
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
        Reader { errors: Vec::new(), literals: Vec::new() }
    }

    /// The integer literal a number stands in for, when it is a stand-in.
    fn literal(&self, f: f64) -> Option<&str> {
        if self.literals.is_empty() {
            return None;
        }
        let k = f.abs().to_bits().checked_sub(1e300_f64.to_bits() + 1)?;
        self.literals.get(usize::try_from(k).ok()?).map(String::as_str)
    }

    /// `expected` is a type's message-table key (`shape.type.string`, …).
    pub fn wrong(&mut self, path: &At<'_>, expected: &'static str, got: &Value) {
        self.wrong_got(path, expected, type_name(got));
    }

    /// `got` is the message-table key of the type given.
    pub fn wrong_got(&mut self, path: &At<'_>, expected: &'static str, got: &'static str) {
        let params = Params(vec![("expected", Param::text(expected)), ("got", Param::text(got))]);
        let text = ShapeText { key: "shape.wrong_type", params, terms: &["expected", "got"] };
        self.errors.push(ShapeError::from_text(ShapeErrorKind::WrongType, path.path(), text));
    }

    /// A bad value whose message is given as is (a parser's own text).
    pub fn bad(&mut self, path: &At<'_>, message: String) {
        self.errors.push(ShapeError { kind: ShapeErrorKind::BadValue, path: path.path(), message, text: None });
    }

    /// A bad value in a pasted document, worded by its reader's message.
    pub fn bad_message(&mut self, path: &At<'_>, message: Message) {
        self.errors.push(ShapeError::from_text(ShapeErrorKind::BadValue, path.path(), message.0));
    }

    /// A bad value whose message is a `shape.bad_value.…` key of the message tables.
    pub fn bad_text(&mut self, path: &At<'_>, key: &'static str, params: Params) {
        self.errors.push(ShapeError::from_text(ShapeErrorKind::BadValue, path.path(), ShapeText { key, params, terms: &[] }));
    }

    fn missing(&mut self, path: &At<'_>) {
        let name = match path.seg {
            Seg::Field(k) | Seg::Key(k) => k,
            Seg::Root | Seg::Index(_) => "value",
        };
        self.bad_text(path, "shape.bad_value.required", Params(vec![("field", Param::from(name))]));
    }
}

pub(crate) fn as_int(r: &mut Reader, v: &Value, path: &At<'_>) -> Option<i64> {
    match v {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Some(i)
            } else if n.as_u64().is_some() {
                r.bad_text(path, "shape.bad_value.huge", Params(vec![("value", Param::from(number_text(n)))]));
                None
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                if let Some(literal) = r.literal(f) {
                    let value = Param::from(literal.to_string());
                    r.bad_text(path, "shape.bad_value.huge", Params(vec![("value", value)]));
                    return None;
                }
                // A whole number written as a float (`3.0`, `2e3`, `1e16` as JavaScript writes
                // 10^16 and Python's json.dumps a float) is that integer where it fits i64.
                match crate::document::whole_f64(f) {
                    Some(i) => Some(i),
                    None => {
                        let key = if f.fract() == 0.0 { "shape.bad_value.huge" } else { "shape.bad_value.fraction" };
                        r.bad_text(path, key, Params(vec![("value", Param::from(number_text(n)))]));
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
    fn read(v: Option<&Value>, path: &At<'_>, r: &mut Reader) -> Self {
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

#[cfg(test)]
mod tests {
    use crate::{validate_json, validate_value, Operation};

    fn report(cfg: &str) -> Vec<(String, &'static str)> {
        let e = validate_json(Operation::Create, cfg, None).expect_err("shape errors");
        e.errors.iter().map(|e| (e.path.to_string(), e.kind.as_str())).collect()
    }

    #[test]
    fn problems_come_in_field_order_whatever_the_key_order() {
        let want = vec![
            ("name".to_string(), "wrong_type"),
            ("agent_count".to_string(), "wrong_type"),
            ("vnet.name".to_string(), "wrong_type"),
            ("ssl.status".to_string(), "unknown_field"),
            ("zzz".to_string(), "unknown_field"),
            ("aaa".to_string(), "unknown_field"),
        ];
        let a = r#"{"zzz": 1, "ssl": {"status": "Enabled"}, "vnet": {"name": 1}, "agent_count": "3", "aaa": 2, "name": 5}"#;
        let b = r#"{"name": 5, "agent_count": "3", "vnet": {"name": 1}, "ssl": {"status": "Enabled"}, "aaa": 2, "zzz": 1}"#;
        // Unknown keys are sorted: "aaa" before "zzz".
        let mut want = want;
        want.swap(4, 5);
        assert_eq!(report(a), want);
        assert_eq!(report(b), want);
    }

    #[test]
    fn a_key_given_twice_counts_as_its_last_value() {
        let v = validate_json(Operation::Create, r#"{"name": 5, "name": "myaks"}"#, None).expect("the last name is text");
        assert!(v.is_valid(), "{:?}", v.codes());
        let e = validate_json(Operation::Create, r#"{"name": "myaks", "name": 5}"#, None).expect_err("the last name is a number");
        assert_eq!(e.errors.len(), 1, "{e}");
        let e = validate_json(Operation::Create, r#"{"zz": 1, "zz": 2}"#, None).expect_err("unknown");
        assert_eq!(e.errors.len(), 1, "an unknown key given twice is one problem: {e}");
    }

    #[test]
    fn an_object_given_twice_counts_as_its_last_value_whole() {
        // Objects are read into their place: the second must start afresh, not on top of the
        // first. A JSON value keeps the last of two equal keys, so it says what is right.
        let cases = [
            (r#"{"name": "a1", "vnet": {"name": "v", "subnet": "s", "x": 1}, "vnet": {"name": 5}}"#, None),
            (r#"{"name": "a1", "ssl": {"cname": "a.com"}, "ssl": {"leaf_domain_label": "x"}, "ssl": null}"#, None),
            (r#"{"name": "a1", "vnet": 7, "vnet": {"resource_group": "r"}}"#, None),
            // A leaf given and then null is not given: read in place, it must not keep the first value.
            (
                r#"{"name": "a1", "vm_size": "Standard_D2_v2", "vm_size": null, "agent_count": 5, "agent_count": null, "tags": {"a": "b"}, "tags": null}"#,
                None,
            ),
            (r#"{"name": "a1"}"#, Some(r#"{"existing_computes": [{"name": "a", "name": null}], "name_later": true, "name_later": null}"#)),
            (
                r#"{"name": "a1"}"#,
                Some(
                    r#"{"workspace": {"name": "w", "location": "x"}, "workspace": {"name": 1}, "existing_computes": [{"name": "a"}], "existing_computes": [{"name": 2}, 3]}"#,
                ),
            ),
            (
                r#"{"name": "a1"}"#,
                Some(
                    r#"{"cluster": {"properties": {"agentPoolProfiles": [{"name": "p", "vmSize": "Standard_D2_v2", "count": 3}]}, "properties": {"kubernetesVersion": "1.29.4"}}}"#,
                ),
            ),
            (
                r#"{"name": "a1"}"#,
                Some(
                    r#"{"cluster": {"properties": {"agentPoolProfiles": [{"name": "p", "vmSize": "Standard_D2_v2", "count": 3, "powerState": {"code": "Stopped"}, "powerState": {}}]}}}"#,
                ),
            ),
        ];
        for (cfg, ctx) in cases {
            // The attach preflight reads the cluster's pools.
            for op in [Operation::Create, Operation::Attach] {
                let by_text = validate_json(op, cfg, ctx);
                let value = |t: &str| serde_json::from_str::<serde_json::Value>(t).expect("json");
                let ctx_value = ctx.map(value);
                let by_value = validate_value(op, &value(cfg), ctx_value.as_ref());
                assert_eq!(by_text, by_value, "{op:?} {cfg} {ctx:?}");
            }
        }
    }

    #[test]
    fn an_alias_and_its_name_together_are_one_problem_before_the_value() {
        let text = r#"{"underlying_resource_action": 7, "action": "Delete", "name": "x1"}"#;
        let e = validate_json(Operation::Detach, text, None).expect_err("both");
        let paths: Vec<String> = e.errors.iter().map(|e| e.path.to_string()).collect();
        assert_eq!(paths, vec!["underlying_resource_action"], "{e}");
        let v: serde_json::Value = serde_json::from_str(text).expect("json");
        assert_eq!(validate_value(Operation::Detach, &v, None), Err(e));
    }

    #[test]
    fn what_is_skipped_is_still_held_to_the_nesting_limit() {
        let deep = format!("{}{}", "[".repeat(500), "]".repeat(500));
        // An unknown key, a field of the wrong type, a key of a cluster document nothing reads.
        let cases = [
            (format!(r#"{{"zzz": {deep}}}"#), None),
            (format!(r#"{{"name": {deep}}}"#), None),
            (format!(r#"{{"vnet": {{"name": "v", "x": {deep}}}}}"#), None),
            ("{}".to_string(), Some(format!(r#"{{"cluster": {{"properties": {{"addonProfiles": {deep}}}}}}}"#))),
            ("{}".to_string(), Some(format!(r#"{{"cluster": {{"agentPoolProfiles": [{{"powerState": {deep}}}]}}}}"#))),
        ];
        for (cfg, ctx) in cases {
            let e = validate_json(Operation::Create, &cfg, ctx.as_deref()).expect_err("too deep");
            assert_eq!(e.code(), "syntax", "{e}");
        }
    }

    #[test]
    fn text_that_is_not_json_is_a_syntax_error_even_after_shape_problems() {
        let e = validate_json(Operation::Create, r#"{"name": 5, "vnet": {"x": 1}, "#, None).expect_err("cut short");
        assert_eq!(e.code(), "syntax");
        let e = validate_json(Operation::Create, r#"{"name": "a"} trailing"#, None).expect_err("trailing text");
        assert_eq!(e.code(), "syntax");
        let e = validate_json(Operation::Create, "{}", Some("[1,")).expect_err("context cut short");
        assert_eq!((e.input, e.code()), ("context", "syntax"));
    }
}
