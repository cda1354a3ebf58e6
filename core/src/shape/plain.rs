//! The plain reader: shapes read from a JSON value by code that is generic over nothing but
//! the shape (one small field setter each, [`Object::read_field`]), and JSON text read by
//! parsing it into a value first ([`validate_json_lean`]).
//!
//! Natively the streaming text reader is faster (no value is built). The browser's module is
//! what this is for: the streaming reader is monomorphised per shape and per document object
//! over the parser's map access, a third of the lean module's code; here the parser is
//! instantiated once (for [`Value`], which the leaf readers need anyway) and every shape and
//! document is walked by the same few functions. Both readers give the same answer, problems
//! and their order included (tests/readers.rs runs both over every vector and the fuzz corpus).
use super::{huge_literal, stand_in, type_name, At, ConfigError, Fields, Got, Input, Key, Object, Reader, Rules, MAX_HUGE_LITERALS};
use crate::config::{AttachConfig, CreateConfig, DetachConfig, UpdateConfig};
use crate::context::Context;
use crate::{ContextInput, Operation, ReadContext, Validation};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// Reads an object of shape `T` from `v` into `out` (left alone when `v` is no object).
pub(crate) fn object<T: Object>(v: &Value, path: &At<'_>, r: &mut Reader, rules: Rules, out: &mut T) -> Got<()> {
    match v {
        Value::Object(m) => {
            fields(T::SHAPE, T::field_of, rules, m, path, r, &mut |idx, v, at, r| out.read_field(idx, v, at, r));
            Got::Value(())
        }
        Value::Null => Got::Null,
        other => Got::Wrong(type_name(other)),
    }
}

/// A field setter: field `idx` read from the value (`None`: absent) at the path.
type SetField<'a> = dyn FnMut(usize, Option<&Value>, &At<'_>, &mut Reader) + 'a;

/// An object's entries, with the streaming reader's bookkeeping ([`Fields`]): the same
/// problems, filed and ordered the same way. Not generic: one copy for every shape.
fn fields(
    shape: &'static super::ShapeDef,
    find: fn(&str) -> Option<(usize, bool)>,
    rules: Rules,
    m: &Map<String, Value>,
    path: &At<'_>,
    r: &mut Reader,
    set: &mut SetField<'_>,
) {
    let mut fields = Fields::new(shape, find, rules);
    for (k, v) in m {
        match fields.key_seed().key(k) {
            Some(Key::Schema) => fields.schema(r, path, v),
            Some(Key::Field { idx, name, alias }) => {
                // Null is not given: the field keeps its default, as in the text.
                if v.is_null() {
                    continue;
                }
                let Some(f) = shape.fields.get(idx) else { continue };
                if alias && m.get(f.name).is_some_and(|n| !n.is_null()) {
                    // Given by both names: the name's value counts, and the alias's problems
                    // would be dropped when the object ends; only the fact is kept.
                    let mark = r.errors.len();
                    fields.took(r, idx, true, mark, true);
                    continue;
                }
                let at = path.field(if alias { f.alias.unwrap_or(name) } else { name });
                let mark = r.errors.len();
                set(idx, Some(v), &at, r);
                fields.took(r, idx, alias, mark, true);
            }
            Some(Key::Unknown(_)) | None => fields.unknown(k.clone()),
        }
    }
    // A required field given by neither name is reported at its name.
    for (idx, f) in shape.fields.iter().enumerate() {
        let bit = 1u64 << (idx % 64);
        if f.required && (fields.by_name | fields.by_alias) & bit == 0 {
            let at = path.field(f.name);
            let mark = r.errors.len();
            set(idx, None, &at, r);
            fields.took(r, idx, false, mark, false);
        }
    }
    fields.finish(r, path);
}

/// A list of objects of shape `T`: an element of another type (null too) is reported and left
/// out; a value that is no list is reported.
pub(crate) fn list<T: Object>(v: &Value, path: &At<'_>, r: &mut Reader) -> Vec<T> {
    let a = match v {
        Value::Array(a) => a,
        Value::Null => return Vec::new(),
        other => {
            r.wrong(path, "shape.type.list", other);
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(a.len().min(64));
    for (i, e) in a.iter().enumerate() {
        let at = path.index(i);
        let mut t = T::default();
        match object(e, &at, r, Rules::NESTED, &mut t) {
            Got::Value(()) => out.push(t),
            Got::Null => r.wrong_got(&at, "shape.type.object", "shape.type.null"),
            Got::Wrong(g) => r.wrong_got(&at, "shape.type.object", g),
        }
    }
    out
}

/// JSON text read by parsing it into a value, then walked by the plain reader.
#[derive(Clone, Copy)]
struct Lean<'a>(&'a str);

impl Input for Lean<'_> {
    fn text_len(self) -> Option<usize> {
        Some(self.0.len())
    }
    fn read<T: Object>(self, path: &At<'_>, r: &mut Reader, name: &'static str, out: &mut T) -> Result<Got<()>, ConfigError> {
        let v = parse(self.0, r).map_err(|e| ConfigError::syntax(name, &e, self.0))?;
        Ok(object(&v, path, r, Rules::ROOT, out))
    }
}

/// The text as a value. An integer literal beyond f64 is read as the streaming reader reads it:
/// the text again with a stand-in there, which `r` knows as that literal.
fn parse(text: &str, r: &mut Reader) -> Result<Value, serde_json::Error> {
    let mut text = Cow::Borrowed(text);
    loop {
        let e = match serde_json::from_str(&text) {
            Ok(v) => return Ok(v),
            Err(e) => e,
        };
        let k = r.literals.len();
        let Some((literal, again)) = (k < MAX_HUGE_LITERALS).then(|| huge_literal(&text, &e, stand_in(k))).flatten() else {
            return Err(e);
        };
        r.literals.push(literal);
        text = Cow::Owned(again);
    }
}

/// As [`validate_json`](crate::validate_json), with the texts parsed into JSON values first
/// and read by the plain reader: the same answer, from a build a fraction of the size (the
/// browser's module uses it; natively the streaming reader is faster).
pub fn validate_json_lean(op: Operation, config: &str, context: Option<&str>) -> Result<Validation, ConfigError> {
    crate::dispatch(op, Lean(config), context.map_or(ContextInput::None, |c| ContextInput::Unread(Lean(c))))
}

/// As [`validate_json_in`](crate::validate_json_in), the configuration read as
/// [`validate_json_lean`] reads it.
pub fn validate_json_lean_in(op: Operation, config: &str, context: &ReadContext) -> Result<Validation, ConfigError> {
    crate::dispatch(op, Lean(config), ContextInput::Read(context))
}

impl ReadContext {
    /// As [`ReadContext::from_json`], the text read as [`validate_json_lean`] reads it.
    pub fn from_json_lean(text: &str) -> Self {
        ReadContext(super::read_input::<Context>(Lean(text), "context", true))
    }

    /// This context with some of its top-level entries given anew: `changed` is the JSON text
    /// `[entries, workspace]`, `entries` an object of the changed entries, each read into its
    /// field in place of the one read before, the others kept, and `workspace` (the entry
    /// [`MERGED_ENTRY`]) null or an object of the workspace's own entries that changed, read
    /// into the ones kept. A form's context changes in an entry or two at a time (the time,
    /// the workspace's name, the cluster), and reading only those spares parsing and reading
    /// all the others again (an attach's versions table, say).
    ///
    /// `true`: this is now what [`ReadContext::from_json_lean`] gives for the whole new text
    /// (whose length is the caller's to check, [`check_len`](super::check_len)). `false`, this
    /// left partly changed, when that cannot be told from the entries alone: this context or
    /// an entry has a problem (the problems and their order are the whole text's), an entry is
    /// null (its field's default), the workspace was no object before, or `changed` is not of
    /// that form. Then read the whole text.
    pub fn with_entries_lean(&mut self, changed: &str) -> bool {
        let ReadContext(Ok((ctx, kept_errors))) = self else { return false };
        let mut r = Reader::new();
        let Ok(Value::Array(a)) = parse(changed, &mut r) else { return false };
        let [entries, workspace] = a.as_slice() else { return false };
        if !kept_errors.is_empty() || !r.literals.is_empty() || !no_nulls(entries) {
            return false;
        }
        if !workspace.is_null() {
            // Only the workspace's entries that changed, read into the kept workspace (the one
            // copy of each reader in the module: the workspace's, the root's).
            let Some(kept) = ctx.workspace.as_mut() else { return false };
            if !no_nulls(workspace) {
                return false;
            }
            object(workspace, &At::ROOT.field(MERGED_ENTRY), &mut r, Rules::NESTED, kept);
        }
        object(entries, &At::ROOT, &mut r, Rules::ROOT, ctx);
        r.errors.is_empty()
    }
}

/// The context's entry that [`ReadContext::with_entries_lean`] takes as the changed entries of
/// its own, after the others: the workspace, an object of optional texts.
pub const MERGED_ENTRY: &str = "workspace";

/// Whether `v` is an object with no null entry. Any other entry the whole text's reader reads
/// alike, alone or with the others (an unknown key is a problem, `$schema` is checked alone):
/// neither the context nor the workspace has a field by two names, whose reader would weigh one
/// against the other (tests/readers.rs checks that).
fn no_nulls(v: &Value) -> bool {
    matches!(v, Value::Object(m) if m.values().all(|v| !v.is_null()))
}

/// `from_json_lean` for each configuration shape.
macro_rules! lean_configs {
    ($($ty:ident),*) => {$(
        impl $ty {
            #[doc = concat!("As [`", stringify!($ty), "::from_json`], the text read as [`validate_json_lean`] reads it.")]
            pub fn from_json_lean(text: &str) -> Result<Self, ConfigError> {
                super::read_root(Lean(text), "config")
            }
        }
    )*};
}
lean_configs!(CreateConfig, AttachConfig, UpdateConfig, DetachConfig);

impl Context {
    /// As [`Context::from_json`], the text read as [`validate_json_lean`] reads it.
    pub fn from_json_lean(text: &str) -> Result<Self, ConfigError> {
        if text.trim() == "null" {
            return Ok(Context::default());
        }
        super::read_root(Lean(text), "context")
    }
}
