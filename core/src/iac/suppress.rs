//! Reviewed exceptions, as linters have them: the finding stays in the report (SARIF
//! `suppressions`), marked with who decided and why, but does not fail the build.
//!
//! In a template: `"metadata": {"akscompute-ignore": ["CAP003: two nodes on purpose, a test cluster"]}`
//! on the template (every finding in it) or on a resource (the findings inside that resource).
//! In a baseline (`.akscompute.toml`, read by the caller): entries of code, optional file and
//! resource, and a reason.
use super::codes::{diagnostic, known_code, rule_of};
use super::json::{escape, Document};
use super::{FileReport, Finding, Options};
use crate::diagnostic::Path;
use serde::Serialize;
use serde_json::Value;

/// The metadata key that holds in-source suppressions.
pub const KEY: &str = "akscompute-ignore";

/// Where a suppression was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuppressionKind {
    /// In the template's (or a resource's) metadata.
    InSource,
    /// In a `.akscompute.toml` baseline.
    Baseline,
}

/// Why a finding is suppressed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suppression {
    /// Where the exception is written.
    pub kind: SuppressionKind,
    /// The reviewer's reason.
    pub reason: String,
}

/// One baseline entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BaselineEntry {
    /// The code it suppresses.
    pub code: String,
    /// Only in this file (a path, compared by its end: `infra/main.json`); every file when absent.
    pub file: Option<String>,
    /// Only for this resource (its name, or a Terraform address); every resource when absent.
    pub resource: Option<String>,
    /// Why (required).
    pub reason: String,
}

impl BaselineEntry {
    /// What is wrong with the entry, if anything: an unknown code or no reason.
    pub fn problem(&self) -> Option<String> {
        if !known_code(&self.code) {
            Some(format!("{:?} is not a rule code (see `akscompute rules`)", crate::text::clip(&self.code, 40)))
        } else if self.reason.trim().is_empty() {
            Some(format!("the entry for {} gives no reason", self.code))
        } else {
            None
        }
    }

    fn matches(&self, f: &Finding) -> bool {
        let norm = |s: &str| s.replace('\\', "/");
        f.diagnostic.code.eq_ignore_ascii_case(&self.code)
            && self.file.as_deref().is_none_or(|p| {
                let (file, p) = (norm(&f.file), norm(p));
                file == p || file.ends_with(&format!("/{}", p.trim_start_matches("./")))
            })
            && self.resource.as_deref().is_none_or(|r| {
                f.resource.as_deref().is_some_and(|fr| fr == r || fr.ends_with(&format!("/{r}'")) || fr.ends_with(&format!("'{r}'")))
            })
    }
}

/// An in-source suppression: the pointer of the object whose metadata holds it (its findings
/// are covered), the code, the reason.
struct InSource {
    scope: String,
    code: String,
    reason: String,
}

fn collect(v: &Value, ptr: &str, out: &mut Vec<InSource>, bad: &mut Vec<(String, String, String)>, depth: usize) {
    if depth > 64 {
        return;
    }
    match v {
        Value::Object(o) => {
            if let Some(list) = o.get("metadata").and_then(|m| m.get(KEY)) {
                let base = format!("{ptr}/metadata/{}", escape(KEY));
                let entries: Vec<(String, &Value)> = match list {
                    Value::Array(a) => a.iter().enumerate().map(|(i, x)| (format!("{base}/{i}"), x)).collect(),
                    other => vec![(base, other)],
                };
                for (p, e) in entries {
                    let text = e.as_str().unwrap_or("");
                    let shown = format!("{:?}", crate::text::clip(text, 80));
                    match text.split_once(':') {
                        Some((code, reason)) if known_code(code.trim()) && !reason.trim().is_empty() => out.push(InSource {
                            scope: ptr.to_string(),
                            code: code.trim().to_ascii_uppercase(),
                            reason: reason.trim().to_string(),
                        }),
                        Some((code, reason)) if known_code(code.trim()) => {
                            let _ = reason;
                            bad.push((p, shown, "it gives no reason".into()))
                        }
                        Some((code, _)) => bad.push((p, shown, format!("{:?} is not a rule code", crate::text::clip(code.trim(), 40)))),
                        None => bad.push((p, shown, "it is not \"CODE: reason\"".into())),
                    }
                }
            }
            for (k, x) in o {
                if k != "metadata" {
                    collect(x, &format!("{ptr}/{}", escape(k)), out, bad, depth + 1);
                }
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                collect(x, &format!("{ptr}/{i}"), out, bad, depth + 1);
            }
        }
        _ => {}
    }
}

fn covers(scope: &str, pointer: &str) -> bool {
    scope.is_empty() || pointer == scope || pointer.starts_with(&format!("{scope}/"))
}

/// Marks the report's findings that a suppression covers, and reports suppressions that are
/// not applied (IAC005).
pub(crate) fn apply(v: &Value, doc: &Document, opts: &Options, report: &mut FileReport) {
    let mut inline = Vec::new();
    let mut bad = Vec::new();
    if report.kind == super::FileKind::ArmTemplate {
        collect(v, "", &mut inline, &mut bad, 0);
    }
    for f in &mut report.findings {
        if let Some(s) = inline.iter().find(|s| s.code == f.diagnostic.code && covers(&s.scope, &f.pointer)) {
            f.suppressed = Some(Suppression { kind: SuppressionKind::InSource, reason: s.reason.clone() });
        } else if let Some(b) = opts.baseline.iter().find(|b| b.problem().is_none() && b.matches(f)) {
            f.suppressed = Some(Suppression { kind: SuppressionKind::Baseline, reason: b.reason.clone() });
        }
    }
    for (pointer, text, problem) in bad {
        let d =
            diagnostic(rule_of("IAC005"), opts.locale.as_deref(), Path::root(), vec![("text", text.into()), ("problem", problem.into())]);
        report.findings.push(Finding {
            pos: Some(doc.nearest(&pointer)),
            diagnostic: d,
            file: report.file.clone(),
            pointer,
            resource: None,
            suppressed: None,
            related: vec![],
        });
    }
}
