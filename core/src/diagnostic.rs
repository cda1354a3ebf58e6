//! Diagnostics are data: a stable code, a severity, the path of the field, a rendered message,
//! a fix, and the parameters that filled the message.
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The service or the SDK would refuse the configuration.
    Error,
    /// It will work, but is likely a mistake or has a documented cost.
    Warning,
    /// A documented fact the user should see at this point.
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One step of a field path: an object key or a list index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PathSeg {
    /// An object key, in the configuration's snake_case.
    Key(Cow<'static, str>),
    /// A position in a list.
    Index(usize),
}

impl From<&'static str> for PathSeg {
    fn from(s: &'static str) -> Self {
        PathSeg::Key(Cow::Borrowed(s))
    }
}

impl From<usize> for PathSeg {
    fn from(i: usize) -> Self {
        PathSeg::Index(i)
    }
}

impl Serialize for PathSeg {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            PathSeg::Key(k) => s.serialize_str(k),
            PathSeg::Index(i) => s.serialize_u64(*i as u64),
        }
    }
}

/// A field path such as `["cluster", "agent_pools", 1, "vm_size"]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Path(pub Vec<PathSeg>);

impl Path {
    /// The empty path: the configuration as a whole.
    pub fn root() -> Self {
        Path(Vec::new())
    }
    /// A copy with one more segment.
    pub fn join(&self, seg: impl Into<PathSeg>) -> Self {
        let mut v = Vec::with_capacity(self.0.len() + 1);
        v.extend_from_slice(&self.0);
        v.push(seg.into());
        Path(v)
    }
}

impl<const N: usize> From<[&'static str; N]> for Path {
    fn from(a: [&'static str; N]) -> Self {
        Path(a.iter().map(|s| PathSeg::from(*s)).collect())
    }
}

/// Dotted form for people: `cluster.agent_pools[1].vm_size`.
impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(configuration)");
        }
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                PathSeg::Key(k) if i == 0 => f.write_str(k)?,
                PathSeg::Key(k) => write!(f, ".{k}")?,
                PathSeg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A value that fills a message template.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Param {
    /// Text (borrowed when it is fixed text, so a diagnostic costs no copy of it).
    Str(Cow<'static, str>),
    /// A whole number.
    Int(i64),
    /// A list, rendered joined by ", ".
    List(Vec<String>),
}

impl Param {
    pub(crate) fn render_into(&self, out: &mut String) {
        match self {
            Param::Str(s) => out.push_str(s),
            Param::Int(i) => {
                use fmt::Write;
                let _ = write!(out, "{i}");
            }
            Param::List(l) => {
                for (i, s) in l.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(s);
                }
            }
        }
    }
}

/// The value as a message shows it (a list joined by ", "): the one rendering every binding uses.
impl fmt::Display for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.render_into(&mut s);
        f.write_str(&s)
    }
}

impl From<String> for Param {
    fn from(s: String) -> Self {
        Param::Str(Cow::Owned(s))
    }
}
impl From<&str> for Param {
    fn from(s: &str) -> Self {
        Param::Str(Cow::Owned(s.to_string()))
    }
}
impl Param {
    /// Fixed text, borrowed.
    pub fn text(s: &'static str) -> Self {
        Param::Str(Cow::Borrowed(s))
    }
}
impl From<i64> for Param {
    fn from(i: i64) -> Self {
        Param::Int(i)
    }
}
impl From<u64> for Param {
    fn from(i: u64) -> Self {
        Param::Int(i64::try_from(i).unwrap_or(i64::MAX))
    }
}
impl From<u32> for Param {
    fn from(i: u32) -> Self {
        Param::Int(i64::from(i))
    }
}
impl From<usize> for Param {
    fn from(i: usize) -> Self {
        Param::Int(i64::try_from(i).unwrap_or(i64::MAX))
    }
}
impl From<Vec<String>> for Param {
    fn from(l: Vec<String>) -> Self {
        Param::List(l)
    }
}

/// Named parameters, in the order the rule gave them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params(pub Vec<(&'static str, Param)>);

impl Params {
    /// The value of one parameter.
    pub fn get(&self, name: &str) -> Option<&Param> {
        self.0.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
    }
}

impl Serialize for Params {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// One finding about a configuration.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// The stable code, e.g. `TLS004`: the contract other code matches on.
    pub code: &'static str,
    /// Error, warning or info.
    pub severity: Severity,
    /// The field the finding is about.
    pub path: Path,
    /// The message, rendered in the requested locale (verbatim azureml-core text under `sdk`).
    pub message: Cow<'static, str>,
    /// What to do about it; empty when there is nothing to do.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub fix: Cow<'static, str>,
    /// The values that filled the message.
    pub params: Params,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} at {}: {}", self.severity, self.code, self.path, self.message)?;
        if !self.fix.is_empty() {
            write!(f, " Fix: {}", self.fix)?;
        }
        Ok(())
    }
}

/// The outcome of a validation: every diagnostic, in rule order. Whether it is valid is
/// computed from the diagnostics, so the two can never disagree.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Validation {
    /// All diagnostics, errors, warnings and infos alike.
    pub diagnostics: Vec<Diagnostic>,
}

/// `{"valid": …, "diagnostics": […]}`: the form every binding prints.
impl Serialize for Validation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("valid", &self.is_valid())?;
        m.serialize_entry("diagnostics", &self.diagnostics)?;
        m.end()
    }
}

impl Validation {
    pub(crate) fn new(diagnostics: Vec<Diagnostic>) -> Self {
        Validation { diagnostics }
    }
    /// True when no diagnostic is an error.
    pub fn is_valid(&self) -> bool {
        !self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
    /// The first error, in rule order (under `sdk`, the one azureml-core raises).
    pub fn first_error(&self) -> Option<&Diagnostic> {
        self.diagnostics.iter().find(|d| d.severity == Severity::Error)
    }
    /// Diagnostics of one severity.
    pub fn of(&self, severity: Severity) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(move |d| d.severity == severity)
    }
    /// The codes, in order.
    pub fn codes(&self) -> Vec<&'static str> {
        self.diagnostics.iter().map(|d| d.code).collect()
    }
}
