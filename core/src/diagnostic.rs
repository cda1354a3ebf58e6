//! Diagnostics are data: a stable code, a severity, the path of the field, the parameters of
//! the message, and what renders the message and the fix when they are asked for.
use crate::locale::Locale;
use serde::ser::{SerializeMap, SerializeStruct, Serializer};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

/// How a message quotes a value it names (for a binding that words an error of its own).
pub use crate::text::quoted;

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

/// Where a diagnostic's message and fix come from: rendered only when asked for, so that a
/// validation whose texts nobody reads (a form that only looks at the codes, a binding that
/// renders at its boundary) costs no lookup and no template filling.
#[derive(Clone)]
enum Text {
    /// The message tables' `code` (or `code.variant`) entry, filled with the params in `locale`.
    Table {
        /// Compiled-in or registered tables are `'static`, so the locale can be kept.
        locale: Locale,
        /// Empty for the code's own message.
        variant: &'static str,
    },
    /// Text rendered when the diagnostic was made (the linter's own codes, with their own table).
    Rendered { message: Cow<'static, str>, fix: Cow<'static, str> },
}

/// One finding about a configuration. The message and the fix are rendered on access
/// ([`message`](Self::message), [`fix`](Self::fix)); serialising renders them too, so the JSON
/// form is `{code, severity, path, message, fix (when not empty), params}`.
#[derive(Clone)]
pub struct Diagnostic {
    /// The stable code, e.g. `TLS004`: the contract other code matches on.
    pub code: &'static str,
    /// Error, warning or info.
    pub severity: Severity,
    /// The field the finding is about.
    pub path: Path,
    /// The values that fill the message.
    pub params: Params,
    text: Text,
}

impl Diagnostic {
    /// A finding whose texts are the message tables' entry for `code` (and `variant`, when not
    /// empty), rendered in `locale` when asked for.
    pub(crate) fn new(code: &'static str, severity: Severity, path: Path, params: Params, locale: Locale, variant: &'static str) -> Self {
        Diagnostic { code, severity, path, params, text: Text::Table { locale, variant } }
    }

    /// A finding whose texts are already rendered.
    pub(crate) fn rendered(
        code: &'static str,
        severity: Severity,
        path: Path,
        params: Params,
        message: Cow<'static, str>,
        fix: Cow<'static, str>,
    ) -> Self {
        Diagnostic { code, severity, path, params, text: Text::Rendered { message, fix } }
    }

    /// The message, rendered in the requested locale (verbatim azureml-core text under `sdk`).
    pub fn message(&self) -> Cow<'static, str> {
        match &self.text {
            Text::Table { locale, variant } => locale.render_message(self.code, variant, &self.params),
            Text::Rendered { message, .. } => message.clone(),
        }
    }

    /// What to do about it; empty when there is nothing to do.
    pub fn fix(&self) -> Cow<'static, str> {
        match &self.text {
            Text::Table { locale, variant } => locale.render_fix(self.code, variant, &self.params),
            Text::Rendered { fix, .. } => fix.clone(),
        }
    }

    /// The message and the fix, with one look-up of the table entry.
    pub fn texts(&self) -> (Cow<'static, str>, Cow<'static, str>) {
        match &self.text {
            Text::Table { locale, variant } => locale.render(self.code, variant, &self.params),
            Text::Rendered { message, fix } => (message.clone(), fix.clone()),
        }
    }
}

/// Field by field as the JSON form, the texts rendered (the locale's tables are not shown).
impl fmt::Debug for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (message, fix) = self.texts();
        f.debug_struct("Diagnostic")
            .field("code", &self.code)
            .field("severity", &self.severity)
            .field("path", &self.path)
            .field("message", &message)
            .field("fix", &fix)
            .field("params", &self.params)
            .finish()
    }
}

/// Equal when everything a user sees is: code, severity, path, params and the rendered texts.
impl PartialEq for Diagnostic {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
            && self.severity == other.severity
            && self.path == other.path
            && self.params == other.params
            && self.texts() == other.texts()
    }
}

impl Serialize for Diagnostic {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (message, fix) = self.texts();
        let mut m = s.serialize_struct("Diagnostic", if fix.is_empty() { 5 } else { 6 })?;
        m.serialize_field("code", self.code)?;
        m.serialize_field("severity", &self.severity)?;
        m.serialize_field("path", &self.path)?;
        m.serialize_field("message", &message)?;
        if fix.is_empty() {
            m.skip_field("fix")?;
        } else {
            m.serialize_field("fix", &fix)?;
        }
        m.serialize_field("params", &self.params)?;
        m.end()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (message, fix) = self.texts();
        write!(f, "{} {} at {}: {}", self.severity, self.code, self.path, message)?;
        if !fix.is_empty() {
            write!(f, " Fix: {fix}")?;
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

#[cfg(test)]
mod tests {
    use crate::{validate_json, Operation};

    fn validation(locale: &str) -> super::Validation {
        let config = r#"{"name": "prod-aks", "agent_count": 2, "cluster_purpose": "FastProd", "load_balancer_type": "InternalLoadBalancer",
                         "ssl": {"leaf_domain_label": "contoso"}}"#;
        let context = format!(r#"{{"locale": "{locale}", "workspace": {{"location": "eastus"}}}}"#);
        validate_json(Operation::Create, config, Some(&context)).unwrap_or_default()
    }

    #[test]
    fn texts_are_rendered_on_access_in_the_locale_of_the_validation() {
        let (en, de) = (validation("en"), validation("de"));
        assert!(en.diagnostics.len() >= 2, "{en:?}");
        for (e, d) in en.diagnostics.iter().zip(&de.diagnostics) {
            assert_eq!(e.code, d.code);
            assert_eq!(e.texts(), (e.message(), e.fix()));
            assert!(!e.message().is_empty() && !e.message().contains('{'), "{e}");
        }
        let cap = |v: &super::Validation| v.diagnostics.iter().find(|d| d.code == "CAP003").map(|d| d.message().into_owned());
        assert!(cap(&en).is_some_and(|m| m.contains('2')));
        assert_ne!(cap(&en), cap(&de), "the German validation renders German texts");
    }

    #[test]
    fn the_json_form_has_the_rendered_texts_in_field_order_and_no_empty_fix() {
        for d in &validation("en").diagnostics {
            let json = serde_json::to_string(d).unwrap_or_default();
            let (message, fix) = d.texts();
            let mut want = serde_json::Map::new();
            want.insert("code".into(), d.code.into());
            want.insert("severity".into(), d.severity.as_str().into());
            want.insert("path".into(), serde_json::to_value(&d.path).unwrap_or_default());
            want.insert("message".into(), message.as_ref().into());
            if !fix.is_empty() {
                want.insert("fix".into(), fix.as_ref().into());
            }
            want.insert("params".into(), serde_json::to_value(&d.params).unwrap_or_default());
            // The order of the derived form it replaces: the declaration's.
            let fields = ["code", "severity", "path", "message", "fix", "params"].into_iter().filter(|k| want.contains_key(*k));
            let at: Vec<Option<usize>> = fields.map(|k| json.find(&format!("\"{k}\":"))).collect();
            assert!(at.windows(2).all(|w| w[0].is_some() && w[0] < w[1]), "{json}");
            assert_eq!(serde_json::from_str::<serde_json::Value>(&json).ok(), Some(serde_json::Value::Object(want)));
        }
    }

    #[test]
    fn debug_shows_the_texts_not_the_tables() {
        let v = validation("nl");
        let d = &v.diagnostics[0];
        let dbg = format!("{d:?}");
        assert!(dbg.contains(d.message().as_ref()) && dbg.contains(d.code), "{dbg}");
        assert!(dbg.len() < 2000, "the locale's tables leak into Debug: {} bytes", dbg.len());
        assert_eq!(d.clone(), *d);
    }
}
