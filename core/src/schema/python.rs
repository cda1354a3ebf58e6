//! The Python field table of the input shapes (`python/akscompute/_shapes.py`): names, JSON
//! types and nesting per shape, for the Python binding's keyword handling and stubs.
use super::{doc_text, Shape};
use crate::shape::{Field, ShapeDef, Type};
use std::fmt::Write as _;

/// The module's source text.
pub fn python_module() -> String {
    let mut out = String::from(
        "\"\"\"The fields of every input shape, generated from the core's one definition of each\n\
         (`make generate`): do not edit.\n\nEach shape maps a key to a `Field`: its JSON type (`str`, `secret`, `bool`, `int`,\n\
         `list[str]`, `dict[str, str]`, `choice`, `object`, `list[object]`, `time`, `versions`,\n\
         `document`), its documented values, whether it is required, the key it is another name\n\
         for, and for `object` and `list[object]` the nested shape.\n\"\"\"\n\n\
         from __future__ import annotations\n\n\
         from typing import Final, Mapping, NamedTuple\n\n\n\
         class Field(NamedTuple):\n    \
             type: str\n    \
             doc: str\n    \
             values: tuple[str, ...] = ()\n    \
             required: bool = False\n    \
             alias_of: str | None = None\n    \
             fields: Mapping[str, Field] | None = None\n\n\n",
    );
    out.push_str("SHAPES: Final[Mapping[str, Mapping[str, Field]]] = {\n");
    for s in Shape::ALL {
        let _ = writeln!(out, "    {:?}: {},", s.as_str(), shape(s.def(), &[], 1));
    }
    out.push_str("}\n");
    out
}

fn shape(def: &ShapeDef, except: &[&str], depth: usize) -> String {
    let pad = "    ".repeat(depth + 1);
    let mut out = String::from("{\n");
    for f in def.fields.iter().filter(|f| !except.contains(&f.name)) {
        let _ = writeln!(out, "{pad}{}: {},", py_str(f.name), field(f, None, depth + 1));
        if let Some(a) = f.alias {
            let _ = writeln!(out, "{pad}{a:?}: {},", field(f, Some(f.name), depth + 1));
        }
    }
    out.push_str(&"    ".repeat(depth));
    out.push('}');
    out
}

fn field(f: &Field, alias_of: Option<&str>, depth: usize) -> String {
    let (ty, values, nested): (&str, &[&str], Option<String>) = match f.ty {
        Type::Text { examples } => ("str", examples, None),
        Type::Secret => ("secret", &[], None),
        Type::Bool => ("bool", &[], None),
        Type::Int => ("int", &[], None),
        Type::Texts => ("list[str]", &[], None),
        Type::TextMap => ("dict[str, str]", &[], None),
        Type::Choice { values, .. } => ("choice", values, None),
        Type::Object { shape: s, except, .. } => ("object", &[], Some(shape(s, except, depth))),
        Type::List(s) => ("list[object]", &[], Some(shape(s, &[], depth))),
        Type::Time => ("time", &[], None),
        Type::Versions => ("versions", &[], None),
        Type::Document => ("document", &[], None),
    };
    let doc = match alias_of {
        Some(a) => format!("Another name for {a:?}."),
        None => doc_text(f.doc),
    };
    let mut s = format!("Field({ty:?}, {}", py_str(&doc));
    if !values.is_empty() {
        let v: Vec<String> = values.iter().map(|v| format!("{v:?}")).collect();
        let _ = write!(s, ", values=({}{})", v.join(", "), if v.len() == 1 { "," } else { "" });
    }
    if f.required {
        s.push_str(", required=True");
    }
    if let Some(a) = alias_of {
        let _ = write!(s, ", alias_of={a:?}");
    }
    if let Some(n) = nested {
        let _ = write!(s, ", fields={n}");
    }
    s.push(')');
    s
}

/// A Python string literal (the source is UTF-8, so only quotes, backslashes and control
/// characters need escapes).
fn py_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
