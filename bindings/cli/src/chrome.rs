//! The words around the diagnostics (labels, the summary line, the profile suffix, the batch
//! lines, error prefixes, "nothing was sent"), in one place, all from the core's locale tables
//! (`ui.…`, `ui.cli.…`): `--locale`, else the context file's `locale`, else `LC_ALL`,
//! `LC_MESSAGES`, `LANG`, the order in which the core picks the diagnostics' language too.
//! `--help` stays English.
use akscompute::locale::{Label, Locale};
use akscompute::{ConfigError, Param, Params};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, RwLock};

/// The chrome strings of one language.
#[derive(Debug)]
pub struct Chrome {
    pub error: String,
    pub warning: String,
    pub info: String,
    pub fix: String,
    /// Before an error message on standard error: the program's name, the same in every language.
    pub prefix: &'static str,
    /// After [`prefix`](Self::prefix) on the first line of an error: `error: `, `chyba: `, …
    pub error_prefix: String,
    pub nothing_sent: String,
    /// The language asked for was not available: English is shown instead.
    pub fell_back: bool,
    /// The tag asked for, for the fallback notice.
    requested: Option<String>,
    locale: Locale,
}

impl Chrome {
    fn text(&self, key: &str, params: Vec<(&'static str, Param)>) -> String {
        self.locale.text(key, &Params(params))
    }

    /// The summary line: every count, zeros included, in the locale's plural forms, then the
    /// profile, then whether the configuration can be sent.
    pub fn summary(&self, errors: usize, warnings: usize, infos: usize, profile: &str, valid: bool) -> String {
        let count = |key: &str, n: usize| self.text(key, vec![("count", Param::from(n))]);
        let mut s = format!(
            "{}, {}, {}{}",
            count("ui.summary.errors", errors),
            count("ui.summary.warnings", warnings),
            count("ui.summary.infos", infos),
            self.profile(profile)
        );
        if valid {
            s.push_str(": ");
            s.push_str(&self.text("ui.cli.can_be_sent", Vec::new()));
        }
        s
    }

    /// ` (profile 2021-11)`, with its leading space.
    pub fn profile(&self, profile: &str) -> String {
        self.text("ui.cli.profile", vec![("profile", Param::from(profile))])
    }

    /// The last line of a check over many configurations.
    pub fn batch_total(&self, n: usize, ok: usize, bad: usize, unreadable: usize) -> String {
        self.text(
            "ui.cli.batch_total",
            vec![("count", Param::from(n)), ("ok", Param::from(ok)), ("bad", Param::from(bad)), ("unreadable", Param::from(unreadable))],
        )
    }

    /// The error of a check over many configurations some of which could not be read.
    pub fn batch_unreadable(&self, unreadable: usize, n: usize) -> String {
        self.text("ui.cli.batch_unreadable", vec![("unreadable", Param::from(unreadable)), ("count", Param::from(n))])
    }

    /// Said of an input that could not be read as a configuration.
    pub fn cannot_be_checked(&self) -> String {
        self.text("ui.cli.cannot_be_checked", Vec::new())
    }

    /// Said when a plan is refused.
    pub fn no_plan(&self, op: &str) -> String {
        self.text("ui.cli.no_plan", vec![("operation", Param::from(op))])
    }

    /// A request that cannot be built, rendered in this language.
    pub fn request_error(&self, e: &akscompute::request::RequestError) -> String {
        let e = e.clone().localized(&self.locale);
        self.text("ui.cli.request_error", vec![("error", Param::from(e.to_string()))])
    }

    /// A shape error in this language, every problem on its own line, escaped.
    pub fn shape_text(&self, e: &ConfigError) -> String {
        let mut e = e.clone();
        e.localize(&self.locale);
        let mut s = self.locale.problems(e.input, e.errors.len());
        for x in &e.errors {
            let path = if x.path.0.is_empty() { self.text(akscompute::shape::root_key(e.input), Vec::new()) } else { x.path.to_string() };
            s.push_str(&format!("\n  {}: {}", crate::render::clean(&path), crate::render::clean(&x.message)));
        }
        s
    }

    /// What a diagnostic about the configuration as a whole shows as its path.
    pub fn root_path(&self) -> String {
        self.text("ui.path.root", Vec::new())
    }

    /// The note said once when the language asked for has no table.
    pub fn fallback_notice(&self) -> Option<String> {
        self.locale.fallback_notice(self.requested.as_deref().unwrap_or_default())
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
        error_prefix: l.prefix(Label::Error),
        nothing_sent: l.text("ui.cli.nothing_sent", &Params::default()),
        fell_back: l.fell_back(),
        requested: locale.map(str::to_string),
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

/// The chrome in force. It changes at most when a context file names a language, so each
/// language's chrome is made once and kept for the run (a handful at most).
static CURRENT: RwLock<Option<&'static Chrome>> = RwLock::new(None);
static MADE: Mutex<Vec<&'static Chrome>> = Mutex::new(Vec::new());
/// Whether the fallback to English has been said (it is said once a run).
static SAID: AtomicBool = AtomicBool::new(false);

fn made(locale: Option<&str>) -> &'static Chrome {
    let lang = Locale::new(locale).language();
    let mut m = MADE.lock().unwrap_or_else(|p| p.into_inner());
    let fell_back = Locale::new(locale).fell_back();
    if let Some(c) = m.iter().find(|c| c.locale.language() == lang && c.fell_back == fell_back) {
        return c;
    }
    let c: &'static Chrome = Box::leak(Box::new(for_locale(locale)));
    m.push(c);
    c
}

fn set(locale: Option<&str>) {
    let c = made(locale);
    if let Ok(mut w) = CURRENT.write() {
        *w = Some(c);
    }
    if c.fell_back && !SAID.swap(true, Ordering::Relaxed) {
        if let Some(n) = for_locale(locale).fallback_notice() {
            crate::out::note(&note(&n));
        }
    }
}

/// Sets the chrome for the run from `--locale` or the environment (an unknown language is
/// English, said once).
pub fn init(locale: Option<&str>) {
    set(locale);
}

/// Follows the language a context file sets when `--locale` does not: the context speaks
/// before the environment, for the chrome as for the diagnostics.
pub fn follow_context(locale: &str) {
    if get().locale.language() != Locale::new(Some(locale)).language() || Locale::new(Some(locale)).fell_back() {
        set(Some(locale));
    }
}

/// The chrome in force.
pub fn get() -> &'static Chrome {
    if let Some(c) = CURRENT.read().ok().and_then(|r| *r) {
        return c;
    }
    made(None)
}

/// A `ui.cli.*` text (a misuse, a not-found, a note) in the chrome's language, its
/// placeholders filled; the key is the full one, so a grep finds both ends.
pub fn say(key: &str, params: Vec<(&'static str, Param)>) -> String {
    get().text(key, params)
}

/// A note line (`note: …`, `poznámka: …`), the note escaped (its text may quote input).
pub fn note(text: &str) -> String {
    say("ui.cli.note", vec![("note", Param::from(crate::render::clean(text).into_owned()))])
}

/// "nothing was sent: the configuration has errors", in the chrome's language.
pub fn nothing_sent() -> &'static str {
    &get().nothing_sent
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
        assert_eq!(for_locale(None).batch_total(3, 1, 1, 1), "3 configurations: 1 can be sent, 1 have errors, 1 cannot be checked");
    }

    #[test]
    fn every_line_of_the_chrome_speaks_the_language() {
        let cs = for_locale(Some("cs_CZ.UTF-8"));
        assert_eq!(cs.summary(2, 0, 5, "2021-11", false), "2 chyby, 0 upozornění, 5 informací (profil 2021-11)");
        assert_eq!(cs.nothing_sent, "nic nebylo odesláno: konfigurace obsahuje chyby");
        assert!(cs.batch_total(5, 3, 1, 1).starts_with("5 konfigurací: lze odeslat: 3"), "{}", cs.batch_total(5, 3, 1, 1));
        let tr = for_locale(Some("tr"));
        assert!(tr.no_plan("create").starts_with("plan yok"), "{}", tr.no_plan("create"));
        let it = for_locale(Some("it-IT"));
        assert_eq!(it.cannot_be_checked(), "non può essere verificata");
        let nl = for_locale(Some("nl_BE"));
        assert!(nl.summary(0, 0, 0, "sdk", true).ends_with("(profiel sdk): de configuratie kan worden verzonden"));
    }
}
