//! The Azure CLI's output conventions: `--output/-o json|jsonc|table|tsv|yaml|yamlc|none` and
//! `--query` (JMESPath, applied to the JSON before it is formatted). Table and TSV cells are
//! escaped like all text output; JSON and YAML escape control characters themselves.
use crate::failure::Failure;
use anstyle::{AnsiColor, Style};
use serde_json::Value;
use std::fmt::Write as _;

/// An output format.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Indented JSON.
    Json,
    /// JSON in colour on a terminal.
    Jsonc,
    /// Columns for people: the scalar fields of each object.
    Table,
    /// Tab-separated values, no header: for shell scripts.
    Tsv,
    Yaml,
    /// YAML in colour on a terminal.
    Yamlc,
    /// Nothing (the exit code says how it went).
    None,
    /// Diagnostics and a summary line for people (the default of check and plan's messages).
    Text,
}

/// Applies `--query` to a value.
pub fn query(value: Value, q: Option<&str>) -> Result<Value, Failure> {
    let Some(q) = q else { return Ok(value) };
    let expr = jmespath::compile(q).map_err(|e| Failure::Misuse(format!("--query {}: {e}", crate::render::clean(q))))?;
    let data = jmespath::Variable::from_json(&value.to_string()).map_err(|e| Failure::Misuse(format!("--query: {e}")))?;
    let found = expr.search(data).map_err(|e| Failure::Misuse(format!("--query {}: {e}", crate::render::clean(q))))?;
    serde_json::to_value(&*found).map_err(|e| Failure::Misuse(format!("--query: {e}")))
}

/// Formats a value; `Text` falls back to JSON for data that has no text form of its own.
pub fn format(value: &Value, f: Format) -> String {
    match f {
        Format::Json | Format::Text => pretty(value),
        Format::Jsonc => jsonc(value),
        Format::Yaml | Format::Yamlc => serde_yaml_ng::to_string(value).unwrap_or_else(|_| pretty(value)),
        Format::Table => table(value),
        Format::Tsv => tsv(value),
        Format::None => String::new(),
    }
}

/// Queries, formats and prints a value. A null result (a `--query` that finds nothing) prints
/// nothing in every format, not an empty line or `null`: the Azure CLI prints only a result
/// that is not None (knack 0.12 `cli.py`: `if cmd_result and cmd_result.result is not None`),
/// and scripts count its lines (`| wc -l`, `| while read`).
pub fn emit(value: Value, f: Format, q: Option<&str>) -> Result<(), Failure> {
    let v = query(value, q)?;
    if f == Format::None || v.is_null() {
        return Ok(());
    }
    crate::out::print(&format(&v, f))
}

/// Indented JSON.
pub fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}

fn jsonc(v: &Value) -> String {
    // Keys blue, strings green, other scalars as they are: the pretty text re-tokenized line by
    // line would misread strings holding `": "`, so the value is walked.
    fn walk(v: &Value, indent: usize, out: &mut String) {
        let pad = "  ".repeat(indent);
        let key = Style::new().fg_color(Some(AnsiColor::Blue.into()));
        let string = Style::new().fg_color(Some(AnsiColor::Green.into()));
        match v {
            Value::Object(m) if !m.is_empty() => {
                out.push_str("{\n");
                for (i, (k, x)) in m.iter().enumerate() {
                    let _ = write!(out, "{pad}  {key}{}{key:#}: ", Value::String(k.clone()));
                    walk(x, indent + 1, out);
                    out.push_str(if i + 1 < m.len() { ",\n" } else { "\n" });
                }
                let _ = write!(out, "{pad}}}");
            }
            Value::Array(a) if !a.is_empty() => {
                out.push_str("[\n");
                for (i, x) in a.iter().enumerate() {
                    let _ = write!(out, "{pad}  ");
                    walk(x, indent + 1, out);
                    out.push_str(if i + 1 < a.len() { ",\n" } else { "\n" });
                }
                let _ = write!(out, "{pad}]");
            }
            Value::String(_) => {
                let _ = write!(out, "{string}{v}{string:#}");
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let mut out = String::new();
    walk(v, 0, &mut out);
    out
}

fn cell(v: &Value) -> Option<String> {
    match v {
        Value::Null => Some(String::new()),
        Value::String(s) => Some(crate::render::clean(s).into_owned()),
        Value::Bool(_) | Value::Number(_) => Some(v.to_string()),
        Value::Array(_) | Value::Object(_) => None,
    }
}

fn rows(v: &Value) -> (Vec<String>, Vec<Vec<String>>) {
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    let mut columns: Vec<String> = Vec::new();
    for it in &items {
        if let Value::Object(m) = it {
            for (k, x) in m {
                if cell(x).is_some() && !columns.contains(k) {
                    columns.push(k.clone());
                }
            }
        }
    }
    let rows = items
        .iter()
        .map(|it| match it {
            Value::Object(m) => columns.iter().map(|c| m.get(c).and_then(cell).unwrap_or_default()).collect(),
            other => vec![cell(other).unwrap_or_else(|| other.to_string())],
        })
        .collect();
    (columns, rows)
}

/// The Azure CLI's table: scalar fields as columns (header, dashes, rows); a scalar or a list
/// of scalars under `Result`.
pub fn table(v: &Value) -> String {
    if v.as_array().is_some_and(Vec::is_empty) || v.is_null() {
        return String::new();
    }
    let (mut columns, rows) = rows(v);
    if columns.is_empty() {
        columns = vec!["Result".into()];
    }
    let header: Vec<String> = columns.iter().map(|c| title(c)).collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| rows.iter().filter_map(|r| r.get(i)).map(|c| c.chars().count()).chain([header[i].chars().count()]).max().unwrap_or(0))
        .collect();
    let line = |cells: &[String]| {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c:<w$}", w = widths.get(i).copied().unwrap_or(0)))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let mut out = line(&header);
    out.push('\n');
    out.push_str(&widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "));
    for r in &rows {
        out.push('\n');
        out.push_str(&line(r));
    }
    out
}

/// `provisioning_state` → `ProvisioningState`, as the Azure CLI titles its columns.
fn title(key: &str) -> String {
    key.split(['_', ' '])
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

/// Tab-separated scalar fields, one line per item, no header.
pub fn tsv(v: &Value) -> String {
    if v.as_array().is_some_and(Vec::is_empty) || v.is_null() {
        return String::new();
    }
    let (_, rows) = rows(v);
    rows.iter().map(|r| r.join("\t")).collect::<Vec<_>>().join("\n")
}
