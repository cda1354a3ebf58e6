//! The TypeScript declarations of the input shapes and of the core's named value sets, for the
//! npm package's `.d.ts` (the WASM binding includes the checked-in output).
use super::{doc_text, Shape};
use crate::config::{CLUSTER_PURPOSES, LOAD_BALANCER_TYPES};
use crate::profile::Profile;
use crate::request::ApiVersion;
use crate::shape::{Field, ShapeDef, Type};
use std::fmt::Write as _;

/// The declarations, as the text of a `.d.ts` section.
pub fn typescript() -> String {
    let mut out = String::from("// Generated from the core's shape definitions (`make generate`): do not edit.\n\n");
    let union = |v: &mut dyn Iterator<Item = &str>| v.map(|s| format!("{s:?}")).collect::<Vec<_>>().join(" | ");
    let _ = writeln!(out, "export type Profile = {};", union(&mut Profile::ALL.iter().map(|p| p.as_str())));
    let _ = writeln!(out, "export type ClusterPurpose = {};", union(&mut CLUSTER_PURPOSES.iter().copied()));
    let _ = writeln!(out, "export type LoadBalancerType = {};", union(&mut LOAD_BALANCER_TYPES.iter().copied()));
    let _ = writeln!(out, "export type ApiVersion = {};", union(&mut ApiVersion::ALL.iter().map(|v| v.as_str())));
    let mut done: Vec<&str> = Vec::new();
    for s in Shape::ALL {
        interface(s.def(), &mut done, &mut out);
    }
    out
}

fn comment(doc: &str, indent: &str, out: &mut String) {
    let doc = doc_text(doc).replace("*/", "* /");
    if !doc.is_empty() {
        let _ = writeln!(out, "{indent}/** {doc} */");
    }
}

fn interface(def: &'static ShapeDef, done: &mut Vec<&'static str>, out: &mut String) {
    if done.contains(&def.name) {
        return;
    }
    done.push(def.name);
    for f in def.fields {
        match f.ty {
            Type::Object { shape, .. } | Type::List(shape) => interface(shape, done, out),
            _ => {}
        }
    }
    out.push('\n');
    comment(def.doc, "", out);
    let _ = writeln!(out, "export interface {} {{", def.name);
    for f in def.fields {
        member(f, f.name, f.doc, out);
        if let Some(a) = f.alias {
            member(f, a, &format!("Another name for `{}` (give one of them).", f.name), out);
        }
    }
    out.push_str("}\n");
}

fn member(f: &Field, key: &str, doc: &str, out: &mut String) {
    comment(doc, "  ", out);
    let ty = ts_type(&f.ty);
    if f.required {
        let _ = writeln!(out, "  {key}: {ty};");
    } else {
        let _ = writeln!(out, "  {key}?: {ty} | null;");
    }
}

fn ts_type(t: &Type) -> String {
    let literals = |v: &[&str]| v.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>().join(" | ");
    match *t {
        // `string & {}` keeps the documented values offered while any text is allowed.
        Type::Text { examples } if !examples.is_empty() => format!("{} | (string & {{}})", literals(examples)),
        Type::Text { .. } | Type::Secret => "string".into(),
        Type::Bool => "boolean".into(),
        Type::Int => "number".into(),
        Type::Texts => "string[]".into(),
        Type::TextMap => "Record<string, string>".into(),
        Type::Choice { values, ignore_case: false } => literals(values),
        Type::Choice { values, ignore_case: true } => format!("{} | (string & {{}})", literals(values)),
        Type::Object { shape, except: [], .. } => shape.name.into(),
        Type::Object { shape, except, .. } => format!("Omit<{}, {}>", shape.name, literals(except)),
        Type::List(shape) => format!("{}[]", shape.name),
        Type::Time => "string | number".into(),
        Type::Versions => "string | Record<string, unknown>".into(),
        Type::Document => "Record<string, unknown>".into(),
    }
}
