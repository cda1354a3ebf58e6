//! Linting infrastructure code: the AKS inference computes declared in ARM templates (and the
//! Bicep they compile from) and in Terraform plans, checked by the same rules as `check`.
//!
//! Each compute is mapped to the configuration shape (`CreateConfig` or `AttachConfig`) and,
//! when the AKS cluster it attaches is declared beside it, that cluster to the context's
//! `cluster` (ManagedCluster JSON); then the core validates them exactly as it validates a
//! configuration file. What differs is only where a finding points: the line and column of
//! the value in the file. Pure: texts in, findings out; the caller reads the files.
mod check;
pub mod codes;

mod arm;
pub mod docs;
pub mod expr;
pub mod json;
mod map;
pub mod suppress;
mod terraform;

pub use codes::{known_code, lint_rule, LintRule, LINT_RULES};
pub use json::Pos;
pub use suppress::{BaselineEntry, Suppression, SuppressionKind};

use crate::diagnostic::{Diagnostic, Severity};
use crate::profile::Profile;
use serde::Serialize;
use serde_json::Value;

/// A file's text and the name findings should carry (a path, as the user gave it).
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// The name printed in findings.
    pub name: &'a str,
    /// The file's text.
    pub text: &'a str,
}

/// What the linter reads besides the files.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The rule profile.
    pub profile: Profile,
    /// The message language.
    pub locale: Option<String>,
    /// A context in the JSON shape `check` takes (workspace, existing computes, versions, now):
    /// its `cluster` is used for an attach whose cluster is not declared in the file.
    pub context: Option<Value>,
    /// Reviewed exceptions from a `.akscompute.toml` baseline.
    pub baseline: Vec<BaselineEntry>,
}

/// What kind of file was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    /// An ARM deployment template (also what `bicep build` writes).
    ArmTemplate,
    /// An ARM parameters file (read together with its template).
    ArmParameters,
    /// The JSON of `terraform show -json PLAN`.
    TerraformPlan,
    /// Bicep source (pointed out, not read).
    Bicep,
    /// Anything else: not linted.
    Other,
}

/// One finding: a diagnostic, where it is, what it is about, and whether it is suppressed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// The diagnostic, exactly as `check` reports it (or a linter code, `IAC…`).
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
    /// The file it is in.
    pub file: String,
    /// Where the value is written, when it is in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pos: Option<Pos>,
    /// The JSON pointer of that value.
    pub pointer: String,
    /// The resource: `Microsoft.MachineLearningServices/workspaces/computes 'ws/aks'` or a
    /// Terraform address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// A reviewed exception: the finding stays visible, but does not fail the build.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<Suppression>,
    /// Where the value came from: the parameters file's value, a parameter's default, a variable.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

/// A place that explains a finding: where the value it judges was written.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Related {
    /// The file (the template or its parameters file).
    pub file: String,
    /// Where in it.
    pub pos: Pos,
    /// The JSON pointer.
    pub pointer: String,
    /// What it is: `the value of parameter 'agentCount'`.
    pub what: String,
}

impl Finding {
    /// An error that is not suppressed.
    pub fn fails(&self) -> bool {
        self.diagnostic.severity == Severity::Error && self.suppressed.is_none()
    }
}

/// A compute found in a file and how it was checked.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComputeFound {
    /// The resource (as in [`Finding::resource`]).
    pub resource: String,
    /// `create` or `attach`.
    pub operation: &'static str,
    /// Where it is declared.
    pub pos: Pos,
    /// The attach preflight ran on a cluster declared in the file (or given in the context).
    pub preflight: bool,
}

/// The result for one file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FileReport {
    /// The file.
    pub file: String,
    /// What it is.
    pub kind: FileKind,
    /// The computes found.
    pub computes: Vec<ComputeFound>,
    /// Every finding, in file order per compute.
    pub findings: Vec<Finding>,
}

impl FileReport {
    /// True when no finding fails the build.
    pub fn passes(&self) -> bool {
        !self.findings.iter().any(Finding::fails)
    }
}

/// Why a file could not be linted at all (exit code 2 in the CLI, as for `check`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LintError {
    /// The file.
    pub file: String,
    /// Where the text stops being JSON.
    pub pos: Option<Pos>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for LintError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.pos {
            Some(p) => write!(f, "{}:{}:{}: {}", self.file, p.line, p.column, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for LintError {}

/// Tells a template, a parameters file and a Terraform plan apart by their content.
pub fn kind_of(name: &str, v: &Value) -> FileKind {
    if name.ends_with(".bicep") {
        return FileKind::Bicep;
    }
    let schema = v.get("$schema").and_then(Value::as_str).unwrap_or("").to_ascii_lowercase();
    if schema.contains("deploymentparameters") {
        FileKind::ArmParameters
    } else if schema.contains("deploymenttemplate") || (v.get("resources").is_some() && v.get("contentVersion").is_some()) {
        FileKind::ArmTemplate
    } else if v.get("format_version").is_some() && (v.get("planned_values").is_some() || v.get("resource_changes").is_some()) {
        FileKind::TerraformPlan
    } else {
        FileKind::Other
    }
}

/// Lints one file: an ARM template (with an optional parameters file) or a Terraform plan.
/// Bicep source and other files give a report without computes.
pub fn lint(src: Source<'_>, parameters: Option<Source<'_>>, opts: &Options) -> Result<FileReport, LintError> {
    if src.name.ends_with(".bicep") {
        let d = codes::diagnostic(
            codes::rule_of("IAC006"),
            opts.locale.as_deref(),
            crate::diagnostic::Path::root(),
            vec![("file", src.name.into())],
        );
        let f = Finding {
            diagnostic: d,
            file: src.name.into(),
            pos: Some(Pos { line: 1, column: 1 }),
            pointer: String::new(),
            resource: None,
            suppressed: None,
            related: vec![],
        };
        return Ok(FileReport { file: src.name.into(), kind: FileKind::Bicep, computes: vec![], findings: vec![f] });
    }
    let doc = json::parse(src.text).map_err(|e| LintError {
        file: src.name.into(),
        pos: Some(e.pos),
        message: format!("not valid JSON: {}", e.message),
    })?;
    let kind = kind_of(src.name, &doc.value);
    let params = match parameters {
        Some(p) => Some(json::parse(p.text).map_err(|e| LintError {
            file: p.name.into(),
            pos: Some(e.pos),
            message: format!("not valid JSON: {}", e.message),
        })?),
        None => None,
    };
    let mut report = FileReport { file: src.name.into(), kind, computes: vec![], findings: vec![] };
    match kind {
        FileKind::ArmTemplate => arm::lint(&doc, params.as_ref().zip(parameters.map(|p| p.name)), src.name, opts, &mut report),
        FileKind::TerraformPlan => terraform::lint(&doc, src.name, opts, &mut report),
        _ => {}
    }
    suppress::apply(&doc.value, &doc, opts, &mut report);
    Ok(report)
}
