//! How diagnostics look: text for people (colour only on a terminal, never with NO_COLOR),
//! JSON for machines (an array of Diagnostic).
use akscompute::{Diagnostic, Severity, Validation};
use std::fmt::Write as _;
use std::io::IsTerminal;

pub struct Style {
    color: bool,
}

impl Style {
    pub fn for_stream(is_terminal: bool) -> Self {
        Style { color: is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) }
    }
    pub fn stdout() -> Self {
        Self::for_stream(std::io::stdout().is_terminal())
    }
    pub fn stderr() -> Self {
        Self::for_stream(std::io::stderr().is_terminal())
    }
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

fn severity(style: &Style, s: Severity) -> String {
    match s {
        Severity::Error => style.paint("1;31", "error"),
        Severity::Warning => style.paint("1;33", "warning"),
        Severity::Info => style.paint("1;36", "info"),
    }
}

pub fn diagnostic(style: &Style, d: &Diagnostic) -> String {
    let mut out = format!("{}[{}] {}: {}", severity(style, d.severity), d.code, style.paint("1", &d.path.to_string()), d.message);
    if !d.fix.is_empty() {
        let _ = write!(out, "\n  {} {}", style.paint("32", "fix:"), d.fix);
    }
    out
}

fn plural(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

pub fn text(style: &Style, v: &Validation, profile: &str) -> String {
    let mut out = String::new();
    for d in &v.diagnostics {
        out.push_str(&diagnostic(style, d));
        out.push('\n');
    }
    let count = |s| v.diagnostics.iter().filter(|d| d.severity == s).count();
    if !v.diagnostics.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{}, {}, {} (profile {profile}){}",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Info), "info"),
        if v.is_valid() { ": the configuration can be sent" } else { "" }
    );
    out
}
