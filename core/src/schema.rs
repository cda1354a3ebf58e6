//! The input shapes as artefacts for other tools, all derived from the one definition of each
//! shape ([`ShapeDef`]): a JSON Schema (draft 2020-12) per shape for editors, the TypeScript
//! declarations of the npm package, and the Python field table of the wheel.
//!
//! The generators need the fields' docs, so they come with the `docs` feature (on by default);
//! the browser's module, which only reads shapes, leaves both out.
use crate::config::{AttachConfig, CreateConfig, DetachConfig, UpdateConfig};
use crate::context::Context;
use crate::shape::ShapeDef;
#[cfg(feature = "docs")]
use crate::shape::{Field, Type};
#[cfg(feature = "docs")]
use serde_json::{json, Map, Value};
use std::fmt;

#[cfg(feature = "docs")]
mod python;
#[cfg(feature = "docs")]
mod typescript;

#[cfg(feature = "docs")]
pub use python::python_module;
#[cfg(feature = "docs")]
pub use typescript::typescript;

/// One input shape: the configuration of an operation, or the context.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Shape {
    /// [`CreateConfig`].
    Create,
    /// [`AttachConfig`].
    Attach,
    /// [`UpdateConfig`].
    Update,
    /// [`DetachConfig`] (also what a delete reads).
    Detach,
    /// [`Context`].
    Context,
}

impl Shape {
    /// Every shape, in the order the artefacts list them.
    pub const ALL: [Shape; 5] = [Shape::Create, Shape::Attach, Shape::Update, Shape::Detach, Shape::Context];

    /// `create`, `attach`, `update`, `detach`, `context`: the schema file's stem too.
    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Create => "create",
            Shape::Attach => "attach",
            Shape::Update => "update",
            Shape::Detach => "detach",
            Shape::Context => "context",
        }
    }

    /// The one definition of the shape.
    pub fn def(self) -> &'static ShapeDef {
        match self {
            Shape::Create => CreateConfig::SHAPE,
            Shape::Attach => AttachConfig::SHAPE,
            Shape::Update => UpdateConfig::SHAPE,
            Shape::Detach => DetachConfig::SHAPE,
            Shape::Context => Context::SHAPE,
        }
    }

    /// The file name the schema ships under: `create.schema.json`.
    pub fn schema_file(self) -> String {
        format!("{}.schema.json", self.as_str())
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The word is not a shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownShape(String);

impl fmt::Display for UnknownShape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown shape {:?}: use create, attach, update, detach or context", self.0)
    }
}
impl std::error::Error for UnknownShape {}

impl std::str::FromStr for Shape {
    type Err = UnknownShape;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Shape::ALL.into_iter().find(|x| x.as_str() == s).ok_or_else(|| UnknownShape(crate::text::clip(s, 40)))
    }
}

/// The JSON Schema (draft 2020-12) of a shape. It accepts what the reader accepts as to fields
/// and JSON types; values are the rules' business (a misspelt purpose is PURP001 with a
/// suggestion, not a schema error), so documented values are `examples`, which editors offer.
#[cfg(feature = "docs")]
pub fn json_schema(shape: Shape) -> Value {
    let def = shape.def();
    let mut s = object_schema(def, &[]);
    let mut root = Map::new();
    root.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    root.insert(
        "title".into(),
        json!(format!("akscompute {} {}", shape, if shape == Shape::Context { "context" } else { "configuration" })),
    );
    if let Value::Object(m) = &mut s {
        // The line that points an editor at this schema is allowed in the file itself.
        if let Some(Value::Object(p)) = m.get_mut("properties") {
            p.insert("$schema".into(), json!({"type": "string", "description": "The address of this JSON Schema, for editors."}));
        }
        m.insert("type".into(), json!(if shape == Shape::Context { json!(["object", "null"]) } else { json!("object") }));
        root.extend(std::mem::take(m));
    }
    Value::Object(root)
}

/// The schema as the files in `schemas/` hold it: pretty JSON with keys in sorted order, the
/// same whether or not serde_json's `preserve_order` is enabled in the build.
#[cfg(feature = "docs")]
pub fn json_schema_text(shape: Shape) -> String {
    let mut text = serde_json::to_string_pretty(&sorted(json_schema(shape))).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(feature = "docs")]
fn sorted(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut entries: Vec<(String, Value)> = m.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(a) => Value::Array(a.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// A field's documentation as one paragraph.
#[cfg(feature = "docs")]
pub(crate) fn doc_text(doc: &str) -> String {
    doc.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(feature = "docs")]
fn object_schema(def: &ShapeDef, except: &[&str]) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for f in def.fields.iter().filter(|f| !except.contains(&f.name)) {
        props.insert(f.name.into(), field_schema(f));
        if let Some(a) = f.alias {
            let mut s = field_schema(f);
            if let Value::Object(m) = &mut s {
                m.insert("description".into(), json!(format!("Another name for \"{}\" (give one of them).", f.name)));
            }
            props.insert(a.into(), s);
        }
        if f.required {
            required.push(f.name);
        }
    }
    let mut m = Map::new();
    m.insert("type".into(), json!(["object", "null"]));
    let doc = doc_text(def.doc);
    if !doc.is_empty() {
        m.insert("description".into(), json!(doc));
    }
    m.insert("properties".into(), Value::Object(props));
    if !required.is_empty() {
        m.insert("required".into(), json!(required));
    }
    m.insert("additionalProperties".into(), json!(false));
    Value::Object(m)
}

#[cfg(feature = "docs")]
fn field_schema(f: &Field) -> Value {
    let nullable = !f.required;
    let ty = |t: &str| if nullable { json!([t, "null"]) } else { json!(t) };
    let mut s = match f.ty {
        Type::Text { examples } => {
            let mut s = json!({"type": ty("string")});
            if !examples.is_empty() {
                s["examples"] = json!(examples);
            }
            s
        }
        Type::Secret => json!({"type": ty("string"), "writeOnly": true}),
        Type::Bool => json!({"type": ty("boolean")}),
        Type::Int => json!({"type": ty("integer")}),
        Type::Texts => json!({"type": ty("array"), "items": {"type": "string"}}),
        Type::TextMap => json!({"type": ty("object"), "additionalProperties": {"type": "string"}}),
        Type::Choice { values, ignore_case: false } => {
            let mut v: Vec<Value> = values.iter().map(|v| json!(v)).collect();
            if nullable {
                v.push(Value::Null);
            }
            json!({"enum": v})
        }
        Type::Choice { values, ignore_case: true } => json!({"type": ty("string"), "examples": values}),
        Type::Object { shape, except, .. } => object_schema(shape, except),
        Type::List(shape) => {
            let mut item = object_schema(shape, &[]);
            item["type"] = json!("object");
            json!({"type": ty("array"), "items": item})
        }
        Type::Time => json!({"type": if nullable { json!(["string", "integer", "null"]) } else { json!(["string", "integer"]) }}),
        Type::Versions => json!({"type": if nullable { json!(["string", "object", "null"]) } else { json!(["string", "object"]) }}),
        Type::Document => json!({"type": ty("object")}),
    };
    // The field's own doc says what it is for, over a nested shape's description.
    let doc = doc_text(f.doc);
    if !doc.is_empty() {
        s["description"] = json!(doc);
    }
    s
}
