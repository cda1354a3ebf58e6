//! The words around the diagnostics (labels, the summary line, error prefixes), in one place.
//! The diagnostics themselves come localized from the core (`--locale`, else `LC_ALL`,
//! `LC_MESSAGES`, `LANG`). These words are English for now: when the core offers them per
//! locale, [`for_locale`] is the one function to switch.
use std::sync::OnceLock;

/// The chrome strings of one language.
#[derive(Debug)]
pub struct Chrome {
    pub error: &'static str,
    pub warning: &'static str,
    pub info: &'static str,
    pub fix: &'static str,
    /// Before an error message on standard error.
    pub prefix: &'static str,
    pub nothing_sent: &'static str,
    /// The language asked for was not available: English is shown instead.
    pub fell_back: bool,
}

impl Chrome {
    /// The summary line.
    pub fn summary(&self, errors: usize, warnings: usize, infos: usize, profile: &str, valid: bool) -> String {
        let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}, {}, {} (profile {profile}){}",
            plural(errors, "error"),
            plural(warnings, "warning"),
            plural(infos, "info"),
            if valid { ": the configuration can be sent" } else { "" }
        )
    }
}

impl Chrome {
    /// The last line of a check over many configurations.
    pub fn batch_total(&self, n: usize, ok: usize, bad: usize, unreadable: usize) -> String {
        format!("{n} configurations: {ok} can be sent, {bad} have errors, {unreadable} cannot be checked")
    }

    /// Said of an input that could not be read as a configuration.
    pub fn cannot_be_checked(&self) -> &'static str {
        "cannot be checked"
    }

    /// Said when a plan is refused.
    pub fn no_plan(&self, op: &str) -> String {
        format!("no plan: the configuration has errors (akscompute check {op} shows them all)")
    }
}

const EN: Chrome = Chrome {
    error: "error",
    warning: "warning",
    info: "info",
    fix: "fix:",
    prefix: "akscompute: ",
    nothing_sent: "nothing was sent: the configuration has errors",
    fell_back: false,
};

static CHROME: OnceLock<Chrome> = OnceLock::new();

/// The chrome for a locale (`de-DE`, `nl_BE.UTF-8`, …).
pub fn for_locale(locale: Option<&str>) -> Chrome {
    let lang = locale.map(language).unwrap_or_default();
    Chrome { fell_back: !lang.is_empty() && lang != "en", ..EN }
}

/// `nl_BE.UTF-8` → `nl`; `C` and `POSIX` → ``.
pub fn language(locale: &str) -> String {
    let l = locale.split(['.', '@']).next().unwrap_or_default();
    let l = l.split(['_', '-']).next().unwrap_or_default().to_ascii_lowercase();
    if l == "c" || l == "posix" {
        String::new()
    } else {
        l
    }
}

/// The locale asked for: `--locale`, else `LC_ALL`, `LC_MESSAGES`, `LANG` (the first set).
pub fn detect(flag: Option<&str>) -> Option<String> {
    if let Some(f) = flag.filter(|f| !f.is_empty()) {
        return Some(f.to_string());
    }
    ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
}

/// Sets the chrome once for the run.
pub fn init(locale: Option<&str>) {
    let _ = CHROME.set(for_locale(locale));
}

/// The chrome in force.
pub fn get() -> &'static Chrome {
    CHROME.get_or_init(|| for_locale(None))
}

/// "nothing was sent: the configuration has errors".
pub fn nothing_sent() -> &'static str {
    get().nothing_sent
}

#[cfg(test)]
mod tests {
    use super::{for_locale, language};

    #[test]
    fn locales_come_down_to_their_language() {
        assert_eq!(language("de_AT.UTF-8"), "de");
        assert_eq!(language("nl-BE"), "nl");
        assert_eq!(language("C.UTF-8"), "");
        assert_eq!(language("POSIX"), "");
        assert!(!for_locale(Some("en_GB.UTF-8")).fell_back);
        assert!(for_locale(Some("tr_TR")).fell_back, "the labels are English only, and say so");
    }
}
