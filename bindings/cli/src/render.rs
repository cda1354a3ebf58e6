//! How diagnostics look to people: one line per diagnostic (`error[CODE] path: message`), its
//! fix below, a summary last. Everything that came from outside (names, paths, messages that
//! quote them, ARM's words) is escaped first, so no input can move the cursor, clear the
//! screen or start a line of its own that forges the summary. Colour is added with anstyle and
//! dropped by anstream where it does not belong.
use crate::chrome;
use akscompute::{Diagnostic, Severity, Validation};
use anstyle::{AnsiColor, Style};
use std::borrow::Cow;
use std::fmt::Write as _;

/// Escapes control characters (C0, DEL, C1) and the bidirectional overrides that reorder a
/// line on screen; `\n`, `\r`, `\t` become their backslash forms, the rest `\u{..}`.
pub fn clean(s: &str) -> Cow<'_, str> {
    let bad = |c: char| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}');
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if bad(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn paint(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

fn severity(s: Severity) -> String {
    let c = chrome::get();
    let bold = Style::new().bold();
    match s {
        Severity::Error => paint(bold.fg_color(Some(AnsiColor::Red.into())), &c.error),
        Severity::Warning => paint(bold.fg_color(Some(AnsiColor::Yellow.into())), &c.warning),
        Severity::Info => paint(bold.fg_color(Some(AnsiColor::Cyan.into())), &c.info),
    }
}

/// One diagnostic: `error[CODE] path: message`, then `  fix: …` when there is one.
pub fn diagnostic(d: &Diagnostic) -> String {
    let path = if d.path.0.is_empty() { chrome::get().root_path() } else { d.path.to_string() };
    let (message, fix) = d.texts();
    let mut out = format!("{}[{}] {}: {}", severity(d.severity), clean(d.code), paint(Style::new().bold(), &clean(&path)), clean(&message));
    if !fix.is_empty() {
        let _ = write!(out, "\n  {} {}", paint(Style::new().fg_color(Some(AnsiColor::Green.into())), &chrome::get().fix), clean(&fix));
    }
    out
}

/// Every diagnostic, then the summary line.
pub fn text(v: &Validation, profile: &str) -> String {
    let mut out = String::new();
    for d in &v.diagnostics {
        out.push_str(&diagnostic(d));
        out.push('\n');
    }
    if !v.diagnostics.is_empty() {
        out.push('\n');
    }
    out.push_str(&summary(v, profile));
    out.push('\n');
    out
}

/// `3 errors, 1 warning, 1 info (profile 2021-11)`, and whether it can be sent.
pub fn summary(v: &Validation, profile: &str) -> String {
    let count = |s| v.diagnostics.iter().filter(|d| d.severity == s).count();
    chrome::get().summary(count(Severity::Error), count(Severity::Warning), count(Severity::Info), profile, v.is_valid())
}

/// A refusal before sending: the diagnostics on standard error, and that nothing was sent.
pub fn print_refusal(v: &Validation) {
    for d in &v.diagnostics {
        crate::out::error(&diagnostic(d));
    }
    crate::out::error("");
    crate::out::error(&chrome::get().nothing_sent);
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn control_characters_and_bidi_overrides_are_escaped() {
        assert_eq!(clean("prod-aks"), "prod-aks");
        assert_eq!(clean("a\u{1b}[2J\nb\tc\r"), "a\\u{1b}[2J\\nb\\tc\\r");
        assert_eq!(clean("x\u{7f}\u{9b}y"), "x\\u{7f}\\u{9b}y");
        assert_eq!(clean("gnp.\u{202e}exe"), "gnp.\\u{202e}exe");
        assert_eq!(clean("Größe ✓"), "Größe ✓", "printable text stays as it is");
    }
}
