//! `akscompute lint PATH...`: the AKS inference computes declared in ARM templates and
//! Terraform plans, checked by the core's rules, printed as text, JSON, SARIF 2.1.0 or JUnit XML.
//! This file reads files and prints; finding and checking the computes is the core's
//! (`akscompute::iac`).
use crate::chrome::say;
use crate::lint_report::{junit, sarif, text};
use crate::{Failure, ProfileArg};
use akscompute::iac::{self, BaselineEntry, FileKind, FileReport, Options, Source};
use akscompute::{Context, Param};
use clap::{Args, ValueEnum};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The largest file read: templates and plans of real estates stay far below it.
const MAX_FILE: u64 = 32 * 1024 * 1024;
/// Folders deeper than this are not walked.
const MAX_DEPTH: usize = 16;
/// The baseline file looked for in the current folder.
pub const BASELINE: &str = ".akscompute.toml";

pub const LINT_HELP: &str = "\
WHAT IS READ
  ARM templates (JSON; Bicep after `bicep build`), with their parameters file: --parameters, or
  NAME.parameters.json beside NAME.json. Every Microsoft.MachineLearningServices/workspaces/computes
  resource of computeType AKS is checked, also as a child of a workspace and in nested deployments
  with inline templates. Terraform: the JSON of `terraform show -json PLAN`, its
  azurerm_machine_learning_inference_cluster and azapi_resource computes. When the AKS cluster that
  a compute attaches is declared in the same file, the attach preflight runs on it.
  A value known only at deployment is not guessed: an IAC001 info names it.

SUPPRESSIONS
  In a template: \"metadata\": {\"akscompute-ignore\": [\"CAP003: two nodes, a test cluster\"]} on the
  template or a resource. Or a baseline (.akscompute.toml in the current folder, or --baseline):
    [[ignore]]
    code = \"CAP003\"
    file = \"infra/dev.json\"        # optional
    resource = \"aks-dev\"           # optional
    reason = \"a test cluster\"
  Suppressed findings are still printed (SARIF: suppressions) but do not fail the run.

EXIT STATUS
  0  no unsuppressed error
  1  at least one unsuppressed error
  2  misuse: a file that cannot be read, is not JSON or is too large, a bad baseline or option

EXAMPLES
  akscompute lint infra/
  akscompute lint azuredeploy.json --parameters azuredeploy.parameters.json --format sarif > lint.sarif
  terraform show -json plan.out > plan.json && akscompute lint plan.json --format junit";

/// Output formats.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LintFormat {
    /// file:line:column lines for people.
    Text,
    /// Every file's report (computes and findings) as JSON.
    Json,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// JUnit XML, for CI test reports.
    Junit,
}

/// `akscompute lint` arguments.
#[derive(Args, Debug)]
pub struct LintArgs {
    /// Templates, plans, or folders to search for them.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The ARM parameters file (for a single template).
    #[arg(long, value_name = "FILE")]
    pub parameters: Option<PathBuf>,
    /// What the rules may know beyond the files (the context JSON of `check`).
    #[arg(long, value_name = "FILE")]
    pub context: Option<PathBuf>,
    /// The rule profile.
    #[arg(long, value_enum)]
    pub profile: Option<ProfileArg>,
    /// Reviewed exceptions (default: .akscompute.toml in the current folder, if there).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = LintFormat::Text)]
    pub format: LintFormat,
}

/// A path as a placeholder value, escaped (file names are outside input).
fn shown(p: &Path) -> Param {
    Param::from(crate::render::clean(&p.display().to_string()).into_owned())
}

/// Reads a file, refusing more than [`MAX_FILE`] bytes.
fn read_capped(p: &Path) -> Result<String, Failure> {
    let file = || shown(p);
    let unreadable =
        |e: std::io::Error| Failure::Misuse(say("ui.cli.lint_cannot_read", vec![("file", file()), ("error", Param::from(e.to_string()))]));
    let mut buf = Vec::new();
    crate::input::read_file(p, MAX_FILE + 1, &mut buf).map_err(unreadable)?;
    if buf.len() as u64 > MAX_FILE {
        let size = Param::from(format!("{} MiB", MAX_FILE / 1024 / 1024));
        return Err(Failure::Misuse(say("ui.cli.lint_too_large", vec![("file", file()), ("size", size)])));
    }
    String::from_utf8(buf).map_err(|_| Failure::Misuse(say("ui.cli.lint_not_utf8", vec![("file", file())])))
}

fn is_parameters_file(p: &Path) -> bool {
    p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(".parameters.json"))
}

/// Files to lint under a folder: `*.json` and `*.bicep`, hidden and tool folders left out.
fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) -> Result<(), Failure> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Failure::Misuse(say("ui.cli.folder_unreadable", vec![("folder", shown(dir)), ("error", Param::from(e.to_string()))])))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || matches!(name, "node_modules" | "target" | ".terraform") {
            continue;
        }
        // Symbolic links are not followed: a loop must not make the walk endless.
        let meta = std::fs::symlink_metadata(&p).map_err(|e| Failure::Misuse(format!("{}: {e}", p.display())))?;
        if meta.is_dir() {
            walk(&p, depth + 1, out)?;
        } else if meta.is_file() && (name.ends_with(".json") || name.ends_with(".bicep")) && !is_parameters_file(&p) {
            out.push(p);
        }
    }
    Ok(())
}

/// `NAME.parameters.json` beside `NAME.json`, as the quickstart templates lay them out.
fn paired_parameters(p: &Path) -> Option<PathBuf> {
    let stem = p.file_name()?.to_str()?.strip_suffix(".json")?;
    let cand = p.with_file_name(format!("{stem}.parameters.json"));
    cand.is_file().then_some(cand)
}

/// Reads `.akscompute.toml`: `[[ignore]]` entries of code, file, resource and reason.
pub fn read_baseline(p: &Path) -> Result<Vec<BaselineEntry>, Failure> {
    let text = read_capped(p)?;
    let doc: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        Failure::Misuse(say("ui.cli.baseline_not_toml", vec![("file", shown(p)), ("error", Param::from(e.to_string()))]))
    })?;
    let mut out = Vec::new();
    if let Some(k) = doc.keys().find(|k| k.as_str() != "ignore") {
        return Err(Failure::Misuse(say(
            "ui.cli.baseline_unknown_table",
            vec![("file", shown(p)), ("table", Param::from(format!("{k:?}")))],
        )));
    }
    let list = match doc.get("ignore") {
        None => return Ok(out),
        Some(toml::Value::Array(a)) => a,
        Some(_) => return Err(Failure::Misuse(say("ui.cli.baseline_not_array", vec![("file", shown(p))]))),
    };
    for (i, e) in list.iter().enumerate() {
        let Some(t) = e.as_table() else {
            return Err(Failure::Misuse(say("ui.cli.baseline_not_table", vec![("file", shown(p)), ("index", Param::from(i))])));
        };
        if let Some(k) = t.keys().find(|k| !matches!(k.as_str(), "code" | "file" | "resource" | "reason")) {
            let key = Param::from(format!("{k:?}"));
            return Err(Failure::Misuse(say(
                "ui.cli.baseline_unknown_key",
                vec![("file", shown(p)), ("index", Param::from(i)), ("key", key)],
            )));
        }
        let s = |k: &str| t.get(k).and_then(toml::Value::as_str).map(String::from);
        let entry = BaselineEntry {
            code: s("code").unwrap_or_default(),
            file: s("file"),
            resource: s("resource"),
            reason: s("reason").unwrap_or_default(),
        };
        if let Some(problem) = entry.problem() {
            return Err(Failure::Misuse(say(
                "ui.cli.baseline_problem",
                vec![("file", shown(p)), ("index", Param::from(i)), ("problem", Param::from(problem.to_string()))],
            )));
        }
        out.push(entry);
    }
    Ok(out)
}

/// Runs `akscompute lint`.
pub fn run(a: &LintArgs, locale: Option<String>) -> Result<(), Failure> {
    let context = match &a.context {
        Some(p) => {
            let v: Value = serde_json::from_str(&read_capped(p)?).map_err(|e| {
                Failure::Misuse(say(
                    "ui.cli.not_json",
                    vec![
                        ("what", Param::from(say("ui.cli.what.context", Vec::new()))),
                        ("file", shown(p)),
                        ("error", Param::from(e.to_string())),
                    ],
                ))
            })?;
            Context::from_value(&v).map_err(|e| Failure::Misuse(e.to_string()))?;
            Some(v)
        }
        None => None,
    };
    let baseline = match &a.baseline {
        Some(p) => read_baseline(p)?,
        None if Path::new(BASELINE).is_file() => read_baseline(Path::new(BASELINE))?,
        None => Vec::new(),
    };
    let opts = Options { profile: a.profile.map(Into::into).unwrap_or_default(), locale, context, baseline };
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    for p in &a.paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, 0, &mut found)?;
            files.extend(found.into_iter().map(|f| (f, false)));
        } else {
            files.push((p.clone(), true));
        }
    }
    if a.parameters.is_some() && files.len() > 1 {
        return Err(Failure::Misuse(say("ui.cli.lint_one_template", Vec::new())));
    }
    let params_text = match &a.parameters {
        Some(p) => Some((p.display().to_string(), read_capped(p)?)),
        None => None,
    };
    let mut reports: Vec<FileReport> = Vec::new();
    for (path, named) in &files {
        let name = path.display().to_string();
        let text = read_capped(path)?;
        let paired = match (&params_text, paired_parameters(path)) {
            (Some(p), _) => Some(p.clone()),
            (None, Some(pp)) => Some((pp.display().to_string(), read_capped(&pp)?)),
            (None, None) => None,
        };
        let params = paired.as_ref().map(|(n, t)| Source { name: n, text: t });
        let report = iac::lint(Source { name: &name, text: &text }, params, &opts).map_err(|e| Failure::Misuse(e.to_string()))?;
        match report.kind {
            FileKind::Other | FileKind::ArmParameters if *named => {
                return Err(Failure::Misuse(say("ui.cli.lint_not_template", vec![("file", shown(path))])));
            }
            FileKind::Other | FileKind::ArmParameters => continue,
            _ => reports.push(report),
        }
    }
    let out = match a.format {
        LintFormat::Text => text(&reports, opts.profile.as_str()),
        LintFormat::Json => {
            serde_json::to_string_pretty(&serde_json::json!({"files": reports})).map_err(|e| Failure::Misuse(e.to_string()))? + "\n"
        }
        LintFormat::Sarif => {
            serde_json::to_string_pretty(&sarif(&reports, opts.profile)).map_err(|e| Failure::Misuse(e.to_string()))? + "\n"
        }
        LintFormat::Junit => junit(&reports),
    };
    crate::out::print(&out)?;
    if reports.iter().all(FileReport::passes) {
        Ok(())
    } else {
        Err(Failure::Invalid)
    }
}

/// `akscompute rules CODE`: the rule's documentation and where its page is.
pub fn rule(code: &str) -> Result<(), Failure> {
    match iac::docs::rule_summary(code.trim()) {
        Some(text) => {
            let code = code.trim().to_ascii_uppercase();
            crate::out::print(&format!("{text}\nDocumentation: {}", crate::lint_report::doc_ref(&code)))
        }
        None => Err(Failure::Misuse(say(
            "ui.cli.not_a_rule",
            vec![("code", Param::from(format!("{:?}", code.chars().take(40).collect::<String>())))],
        ))),
    }
}
