//! The words around the diagnostics (labels, the summary line, error prefixes), in one place.
//! The labels and the counts come from the core's locale tables (`--locale`, else `LC_ALL`,
//! `LC_MESSAGES`, `LANG`), as the diagnostics do; the rest is English until the tables have
//! keys for it.
use akscompute::locale::{Label, Locale};
use akscompute::{Param, Params};
use std::sync::OnceLock;

/// The chrome strings of one language.
#[derive(Debug)]
pub struct Chrome {
    pub error: String,
    pub warning: String,
    pub info: String,
    pub fix: String,
    /// Before an error message on standard error.
    pub prefix: &'static str,
    pub nothing_sent: &'static str,
    /// The language asked for was not available: English is shown instead.
    pub fell_back: bool,
    locale: Locale,
}

impl Chrome {
    /// The summary line: every count, zeros included, in the locale's plural forms.
    pub fn summary(&self, errors: usize, warnings: usize, infos: usize, profile: &str, valid: bool) -> String {
        let count = |key: &str, n: usize| self.locale.text(key, &Params(vec![("count", Param::from(n))]));
        format!(
            "{}, {}, {} (profile {profile}){}",
            count("ui.summary.errors", errors),
            count("ui.summary.warnings", warnings),
            count("ui.summary.infos", infos),
            if valid { ": the configuration can be sent" } else { "" }
        )
    }

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

/// The chrome for a locale (`de-DE`, `nl_BE.UTF-8`, …).
pub fn for_locale(locale: Option<&str>) -> Chrome {
    let l = Locale::new(locale);
    Chrome {
        error: l.label(Label::Error),
        warning: l.label(Label::Warning),
        info: l.label(Label::Info),
        fix: format!("{}:", l.label(Label::Fix)),
        prefix: "akscompute: ",
        nothing_sent: "nothing was sent: the configuration has errors",
        fell_back: l.fell_back(),
        locale: l,
    }
}

/// The locale asked for: `--locale`, else the first set of `LC_ALL`, `LC_MESSAGES`, `LANG`
/// (the core says which language a tag means; it reads no environment itself).
pub fn detect(flag: Option<&str>) -> Option<String> {
    if let Some(f) = flag.filter(|f| !f.trim().is_empty()) {
        return Some(f.to_string());
    }
    let env: Vec<Option<String>> = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().map(|v| std::env::var(v).ok()).collect();
    let values: Vec<Option<&str>> = env.iter().map(|v| v.as_deref()).collect();
    akscompute::locale::posix_locale(&values).map(str::to_string)
}

static CHROME: OnceLock<Chrome> = OnceLock::new();

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
    use super::for_locale;

    #[test]
    fn locales_come_down_to_their_language() {
        assert!(!for_locale(Some("en_GB.UTF-8")).fell_back);
        assert!(!for_locale(Some("de_AT.UTF-8")).fell_back);
        assert_eq!(for_locale(Some("de_AT.UTF-8")).error, "Fehler");
        assert!(for_locale(Some("xx_YY")).fell_back, "unknown: English, and it says so");
        assert_eq!(
            for_locale(None).summary(0, 1, 2, "2021-11", true),
            "0 errors, 1 warning, 2 infos (profile 2021-11): the configuration can be sent"
        );
    }
}
