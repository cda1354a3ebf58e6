//! Locales: which message table a tag such as `nl-BE` or `de_AT.UTF-8` means, how a template is
//! filled (placeholders, `{{`/`}}` for literal braces, CLDR plural forms), and the "chrome" every
//! front end shows around the diagnostics: severity labels, the summary line, error prefixes.
//!
//! Templates use a small subset of ICU MessageFormat: `{name}` is a parameter,
//! `{count, plural, one {# uzel} few {# uzly} other {# uzlů}}` picks the CLDR plural category of
//! the number (`#` is the number; `=0 {…}` matches exactly), and `{{` / `}}` outside a
//! placeholder are literal braces, so a JSON example can sit in a fix. A placeholder without a
//! value stays as written.
//!
//! Tables are compiled in by the build script (every one with the default `all-locales`
//! feature, only English without it) and more can be added at run time with [`register`], which
//! is how the browser loads only the language in use.
use crate::diagnostic::{Diagnostic, Param, Params, Severity, Validation};
use crate::profile::Profile;
use crate::registry::{Entry, LOCALES, RULES};
use std::borrow::Cow;
use std::sync::RwLock;

type Table = &'static [Entry];

/// Tables added at run time, leaked so that they are as `'static` as the compiled ones; capped,
/// so that re-registering in a loop cannot grow memory without bound.
static REGISTERED: RwLock<Vec<(&'static str, Table)>> = RwLock::new(Vec::new());
const MAX_REGISTERED: usize = 32;
/// A table is a few tens of kilobytes; anything much larger is not a message table.
const MAX_TABLE_BYTES: usize = 1 << 20;

fn compiled(lang: &str) -> Option<Table> {
    LOCALES.iter().find(|(n, _)| *n == lang).map(|(_, t)| *t)
}

/// The English table: compiled in, or (without the `english` feature) registered at run time.
fn english() -> Option<Table> {
    compiled("en").or_else(|| table("en").map(|(_, t)| t))
}

fn table(lang: &str) -> Option<(&'static str, Table)> {
    if let Ok(reg) = REGISTERED.read() {
        if let Some((n, t)) = reg.iter().rev().find(|(n, _)| *n == lang) {
            return Some((n, t));
        }
    }
    LOCALES.iter().find(|(n, _)| *n == lang).map(|(n, t)| (*n, *t))
}

/// The languages that have a message table, compiled in or registered (`sdk`, azureml-core's
/// verbatim texts, is not a language and is left out).
pub fn locales() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = LOCALES.iter().map(|(n, _)| *n).filter(|n| *n != "sdk").collect();
    if let Ok(reg) = REGISTERED.read() {
        v.extend(reg.iter().map(|(n, _)| *n));
    }
    v.sort_unstable();
    v.dedup();
    v
}

/// Why a table could not be registered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisterError(pub String);

impl std::fmt::Display for RegisterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RegisterError {}

/// Adds (or replaces) the message table of a language at run time, from the JSON text of a
/// table file (`core/data/messages/LANG.json`'s format). Returns the language it was stored as.
/// English can be registered only in a build without the `english` feature (it is the
/// fallback of every other table, so a build that compiles it in keeps it).
pub fn register(lang: &str, json: &str) -> Result<&'static str, RegisterError> {
    let lang = language_of(lang).ok_or_else(|| {
        RegisterError(format!("{} is not a language tag such as \"nl\"", crate::text::quoted(&crate::text::clip(lang, 20))))
    })?;
    if (lang == "en" && compiled("en").is_some()) || lang == "sdk" {
        return Err(RegisterError(format!("the {lang} table is built in and cannot be replaced")));
    }
    if json.len() > MAX_TABLE_BYTES {
        return Err(RegisterError(format!("the {lang} table is {} bytes; at most {MAX_TABLE_BYTES} are read", json.len())));
    }
    // Through a value, which every build reads anyway. Measured and rejected: a visitor that reads
    // the entries as they stream by made the browser's lean module 28 KB larger raw, 12 KB
    // gzipped (serde_json's parser instantiated once more for it, skipping values included).
    let v: serde_json::Value = serde_json::from_str(json).map_err(|e| RegisterError(format!("the {lang} table is not JSON: {e}")))?;
    let obj = v.as_object().ok_or_else(|| RegisterError(format!("the {lang} table is not a JSON object")))?;
    // Borrowed from the parsed value until the one copy each string needs to become `'static`.
    let mut entries: Vec<(&str, &str, &str)> = Vec::with_capacity(obj.len());
    for (k, e) in obj.iter().filter(|(k, _)| !k.starts_with('$')) {
        let (m, f) = match e {
            serde_json::Value::String(s) => (s.as_str(), ""),
            serde_json::Value::Object(o) => (
                o.get("message").and_then(|m| m.as_str()).ok_or_else(|| RegisterError(format!("{lang}.{k} has no message")))?,
                o.get("fix").and_then(|f| f.as_str()).unwrap_or(""),
            ),
            _ => return Err(RegisterError(format!("{lang}.{k} is neither text nor {{message, fix}}"))),
        };
        entries.push((k.as_str(), m, f));
    }
    // The keys of a JSON object are unique, so an unstable sort gives the same order (and a
    // stable one would put a merge sort in the browser's module for this alone).
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let leak = |s: &str| -> &'static str { Box::leak(Box::<str>::from(s)) };
    let table: Vec<Entry> = entries
        .into_iter()
        .map(|(k, m, f)| Entry {
            message_params: m.contains('{') || m.contains('}'),
            fix_params: f.contains('{') || f.contains('}'),
            key: leak(k),
            message: leak(m),
            fix: leak(f),
        })
        .collect();
    let mut reg = REGISTERED.write().map_err(|_| RegisterError("the locale registry is unusable".into()))?;
    if reg.len() >= MAX_REGISTERED {
        return Err(RegisterError(format!("at most {MAX_REGISTERED} tables can be registered")));
    }
    let name: &'static str = match reg.iter().find(|(n, _)| *n == lang) {
        Some((n, _)) => n,
        None => leak(&lang),
    };
    reg.push((name, Box::leak(table.into_boxed_slice())));
    Ok(name)
}

/// The language part of a tag, lower-case: `nl-BE` → `nl`, `de_AT.UTF-8@euro` → `de`,
/// `C`/`POSIX` → `en`. `None` for an empty or malformed tag.
pub fn language_of(tag: &str) -> Option<String> {
    language_part(tag).map(|l| l.as_str().to_string())
}

/// A language code of two or three lower-case letters, held inline: [`Locale::new`] runs on
/// every validation, which must not allocate to find its table.
#[derive(Clone, Copy)]
struct Lang {
    bytes: [u8; 3],
    len: usize,
}

impl Lang {
    fn as_str(&self) -> &str {
        // Only ASCII letters are ever stored, so the bytes are always UTF-8.
        self.bytes.get(..self.len).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("")
    }
}

/// [`language_of`] without the copy.
fn language_part(tag: &str) -> Option<Lang> {
    let t = tag.trim();
    let t = t.split(['.', '@']).next().unwrap_or("");
    if t.eq_ignore_ascii_case("c") || t.eq_ignore_ascii_case("posix") {
        return Some(Lang { bytes: *b"en\0", len: 2 });
    }
    let lang = t.split(['-', '_']).next().unwrap_or("").as_bytes();
    if !(2..=3).contains(&lang.len()) || !lang.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut bytes = [0u8; 3];
    for (b, c) in bytes.iter_mut().zip(lang) {
        *b = c.to_ascii_lowercase();
    }
    Some(Lang { bytes, len: lang.len() })
}

/// The longest tag normalised on the stack; a longer one (no real tag is) is copied.
const TAG_BYTES: usize = 32;

/// A tag without its `.charset` and `@modifier`, lower-case, `_` as `-`: `de_AT.UTF-8` →
/// `de-at`. A tag already so is borrowed as it is, a short one normalised in `buf`.
fn normal_tag<'a>(tag: &'a str, buf: &'a mut [u8; TAG_BYTES]) -> Cow<'a, str> {
    let t = tag.split(['.', '@']).next().unwrap_or("");
    if !t.bytes().any(|b| b.is_ascii_uppercase() || b == b'_') {
        return Cow::Borrowed(t);
    }
    let normal = |b: u8| if b == b'_' { b'-' } else { b.to_ascii_lowercase() };
    if let Some(out) = buf.get_mut(..t.len()) {
        for (o, b) in out.iter_mut().zip(t.bytes()) {
            *o = normal(b);
        }
        // Only ASCII bytes changed, into ASCII bytes: still UTF-8.
        if let Ok(s) = std::str::from_utf8(out) {
            return Cow::Borrowed(s);
        }
    }
    Cow::Owned(t.to_ascii_lowercase().replace('_', "-"))
}

/// The locale a POSIX program should use: the first set and non-empty of `LC_ALL`,
/// `LC_MESSAGES`, `LANG` (pass their values in that order; the core reads no environment).
pub fn posix_locale<'a>(values: &[Option<&'a str>]) -> Option<&'a str> {
    values.iter().flatten().map(|v| v.trim()).find(|v| !v.is_empty())
}

/// Finds `code` or `code.variant` without building the key: tables are sorted by key, and
/// `code.variant` orders exactly as the pair (code, ".", variant) does.
pub(crate) fn lookup(t: Table, code: &str, variant: &str) -> Option<&'static Entry> {
    use std::cmp::Ordering;
    t.binary_search_by(|e| {
        let kb = e.key.as_bytes();
        let cb = code.as_bytes();
        let head = &kb[..kb.len().min(cb.len())];
        match head.cmp(cb) {
            Ordering::Equal if kb.len() < cb.len() => Ordering::Less,
            Ordering::Equal => {
                let rest = &kb[cb.len()..];
                if variant.is_empty() {
                    if rest.is_empty() {
                        Ordering::Equal
                    } else {
                        Ordering::Greater
                    }
                } else if rest.is_empty() {
                    Ordering::Less
                } else {
                    match rest[0].cmp(&b'.') {
                        Ordering::Equal => rest[1..].cmp(variant.as_bytes()),
                        o => o,
                    }
                }
            }
            o => o,
        }
    })
    .ok()
    .map(|i| &t[i])
}

/// A label of the chrome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Label {
    /// "error"
    Error,
    /// "warning"
    Warning,
    /// "info"
    Info,
    /// "fix"
    Fix,
}

impl Label {
    fn key(self) -> &'static str {
        match self {
            Label::Error => "label.error",
            Label::Warning => "label.warning",
            Label::Info => "label.info",
            Label::Fix => "label.fix",
        }
    }
}

impl From<Severity> for Label {
    fn from(s: Severity) -> Self {
        match s {
            Severity::Error => Label::Error,
            Severity::Warning => Label::Warning,
            Severity::Info => Label::Info,
        }
    }
}

/// A resolved locale: the table asked for, with English behind it.
#[derive(Clone, Copy, Debug)]
pub struct Locale {
    lang: &'static str,
    primary: Option<Table>,
    sdk: bool,
    fell_back: bool,
}

impl Default for Locale {
    fn default() -> Self {
        Locale::new(None)
    }
}

impl Locale {
    /// `de-DE` and `de_AT.UTF-8` fall back to `de`, then to English; an unknown tag is English
    /// with [`fell_back`](Self::fell_back) set. Under the `sdk` profile, messages azureml-core has
    /// its own text for are that text, whatever the locale.
    pub fn resolve(tag: Option<&str>, profile: Profile) -> Self {
        Locale { sdk: profile == Profile::Sdk, ..Locale::new(tag) }
    }

    /// The locale for a tag, for the chrome (no profile involved).
    pub fn new(tag: Option<&str>) -> Self {
        let asked = tag.map(str::trim).filter(|t| !t.is_empty());
        let language = asked.and_then(language_part);
        let found = asked.and_then(|t| {
            let mut buf = [0u8; TAG_BYTES];
            table(&normal_tag(t, &mut buf)).or_else(|| language.and_then(|l| table(l.as_str())))
        });
        match found {
            Some((lang, t)) if lang != "sdk" => Locale { lang, primary: Some(t), sdk: false, fell_back: false },
            _ => {
                let english = asked.is_none() || language.is_some_and(|l| l.as_str() == "en");
                Locale { lang: "en", primary: self::english(), sdk: false, fell_back: !english }
            }
        }
    }

    /// The language whose table is used: `nl`, `cs`, …, `en`.
    pub fn language(&self) -> &'static str {
        self.lang
    }

    /// True when the tag asked for has no table, so English is used: a front end says so once
    /// (with [`fallback_notice`](Self::fallback_notice)).
    pub fn fell_back(&self) -> bool {
        self.fell_back
    }

    fn entry(&self, code: &str, variant: &str) -> Option<&'static Entry> {
        self.primary.and_then(|t| lookup(t, code, variant)).or_else(|| english().and_then(|t| lookup(t, code, variant)))
    }

    /// The entry of `code.variant`, else of `code`, and the message to show: under `sdk`,
    /// azureml-core's own text where it has one.
    fn entry_and_message(&self, code: &str, variant: &str) -> Option<(&'static Entry, &'static str, bool)> {
        let e = self.entry(code, variant).or_else(|| self.entry(code, ""))?;
        if self.sdk {
            if let Some(s) = compiled("sdk").and_then(|t| lookup(t, code, variant)) {
                return Some((e, s.message, s.message_params));
            }
        }
        Some((e, e.message, e.message_params))
    }

    /// A template filled when it has placeholders, else borrowed as it is.
    fn filled(&self, text: &'static str, has_params: bool, params: &Params) -> Cow<'static, str> {
        if has_params {
            Cow::Owned(self.fill(text, params))
        } else {
            Cow::Borrowed(text)
        }
    }

    /// The rule's title: the text of a code no table has.
    fn title(code: &str) -> Cow<'static, str> {
        Cow::Borrowed(RULES.iter().find(|r| r.code == code).map(|r| r.title).unwrap_or(""))
    }

    /// Renders the message and fix of `code` (and `variant`, when not empty): the variant's
    /// text in the locale, else in English, else the code's own text.
    pub(crate) fn render(&self, code: &str, variant: &str, params: &Params) -> (Cow<'static, str>, Cow<'static, str>) {
        match self.entry_and_message(code, variant) {
            Some((e, msg, has)) => (self.filled(msg, has, params), self.filled(e.fix, e.fix_params, params)),
            None => (Self::title(code), Cow::Borrowed("")),
        }
    }

    /// The message of [`render`](Self::render) alone.
    pub(crate) fn render_message(&self, code: &str, variant: &str, params: &Params) -> Cow<'static, str> {
        match self.entry_and_message(code, variant) {
            Some((_, msg, has)) => self.filled(msg, has, params),
            None => Self::title(code),
        }
    }

    /// The fix of [`render`](Self::render) alone.
    pub(crate) fn render_fix(&self, code: &str, variant: &str, params: &Params) -> Cow<'static, str> {
        match self.entry(code, variant).or_else(|| self.entry(code, "")) {
            Some(e) => self.filled(e.fix, e.fix_params, params),
            None => Cow::Borrowed(""),
        }
    }

    /// A text of the chrome or the shape errors by its key (`ui.summary.none`,
    /// `shape.wrong_type`, …), filled; the key itself when no table has it.
    pub fn text(&self, key: &str, params: &Params) -> String {
        let (code, variant) = key.split_once('.').unwrap_or((key, ""));
        match self.entry(code, variant) {
            Some(e) => self.fill(e.message, params),
            None => key.to_string(),
        }
    }

    fn ui(&self, key: &str, params: &Params) -> String {
        match self.entry("ui", key) {
            Some(e) => self.fill(e.message, params),
            None => key.to_string(),
        }
    }

    /// "error", "Fehler", "chyba", "hata", "errore", …
    pub fn label(&self, label: Label) -> String {
        self.ui(label.key(), &Params::default())
    }

    /// The prefix of a line of that kind, e.g. `Fehler: ` (`fix: ` before a fix).
    pub fn prefix(&self, label: Label) -> String {
        self.ui("prefix", &Params(vec![("label", Param::from(self.label(label)))]))
    }

    /// The summary line, e.g. "3 errors, 1 warning, 1 info" or "3 chyby, 1 varování"; the
    /// counts that are zero are left out, and no count at all says "no problems".
    pub fn summary(&self, errors: usize, warnings: usize, infos: usize) -> String {
        let parts: Vec<String> = [("summary.errors", errors), ("summary.warnings", warnings), ("summary.infos", infos)]
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| self.ui(k, &Params(vec![("count", Param::from(n))])))
            .collect();
        if parts.is_empty() {
            self.ui("summary.none", &Params::default())
        } else {
            parts.join(", ")
        }
    }

    /// The summary line of a validation.
    pub fn summary_of(&self, v: &Validation) -> String {
        self.summary(v.of(Severity::Error).count(), v.of(Severity::Warning).count(), v.of(Severity::Info).count())
    }

    /// The first line of an exception for `errors` errors: "Invalid configuration (2 errors):".
    pub fn invalid_header(&self, errors: usize) -> String {
        self.ui("invalid", &Params(vec![("count", Param::from(errors))]))
    }

    /// The head line of a shape error report: "the configuration has 2 problems" (`input` is
    /// `config` or `context`).
    pub fn problems(&self, input: &str, count: usize) -> String {
        let key = crate::shape::by_input(input, "problems.config", "problems.context");
        self.ui(key, &Params(vec![("count", Param::from(count))]))
    }

    /// One diagnostic on one line: "Fehler CAP003 bei agent_count: …" (the fix is not included:
    /// see [`prefix`](Self::prefix) with [`Label::Fix`]).
    pub fn line(&self, d: &Diagnostic) -> String {
        self.ui("line", &self.diagnostic_params(d))
    }

    /// One diagnostic as an item of a list: "- CAP003 bei agent_count: …".
    pub fn item(&self, d: &Diagnostic) -> String {
        self.ui("item", &self.diagnostic_params(d))
    }

    fn diagnostic_params(&self, d: &Diagnostic) -> Params {
        let path = if d.path.0.is_empty() { self.ui("path.root", &Params::default()) } else { d.path.to_string() };
        Params(vec![
            ("severity", Param::from(self.label(d.severity.into()))),
            ("code", Param::text(d.code)),
            ("path", Param::from(path)),
            ("message", Param::Str(d.message())),
        ])
    }

    /// Said once by a front end when [`fell_back`](Self::fell_back): in English, since the
    /// asked-for language has no table.
    pub fn fallback_notice(&self, requested: &str) -> Option<String> {
        self.fell_back.then(|| self.ui("fallback", &Params(vec![("requested", Param::from(crate::text::clip(requested, 40)))])))
    }

    /// Fills a template in this locale's plural rules.
    pub(crate) fn fill(&self, template: &str, params: &Params) -> String {
        fill(template, params, self.lang)
    }
}

/// Fills `{name}` placeholders, `{n, plural, …}` choices and `{{`/`}}` escapes; a placeholder
/// without a value (or that cannot be read) stays as written.
pub(crate) fn fill(template: &str, params: &Params, lang: &str) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let b = template.as_bytes();
    let mut i = 0;
    let mut plain = 0;
    while i < b.len() {
        match b[i] {
            b'{' if b.get(i + 1) == Some(&b'{') => {
                out.push_str(&template[plain..i]);
                out.push('{');
                i += 2;
                plain = i;
            }
            b'}' if b.get(i + 1) == Some(&b'}') => {
                out.push_str(&template[plain..i]);
                out.push('}');
                i += 2;
                plain = i;
            }
            b'{' => {
                out.push_str(&template[plain..i]);
                let Some(close) = matching(template, i) else {
                    out.push_str(&template[i..]);
                    return out;
                };
                let inner = &template[i + 1..close];
                if !placeholder(inner, params, lang, &mut out) {
                    out.push_str(&template[i..=close]);
                }
                i = close + 1;
                plain = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&template[plain..]);
    out
}

/// The index of the `}` closing the `{` at `open`, counting nested braces.
fn matching(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (j, c) in s.bytes().enumerate().skip(open) {
        match c {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => {}
        }
    }
    None
}

/// Renders one placeholder's inside into `out`; false when it cannot (then it stays as written).
fn placeholder(inner: &str, params: &Params, lang: &str, out: &mut String) -> bool {
    let (name, rest) = match inner.split_once(',') {
        Some((n, r)) => (n.trim(), Some(r)),
        None => (inner, None),
    };
    let Some(value) = params.get(name) else { return false };
    let Some(rest) = rest else {
        value.render_into(out);
        return true;
    };
    let Some(arms) = rest.trim_start().strip_prefix("plural").and_then(|r| r.trim_start().strip_prefix(',')) else {
        return false;
    };
    let n = match value {
        Param::Int(n) => *n,
        _ => return false,
    };
    let Some(arm) = choose(arms, n, lang) else { return false };
    let mut number = String::new();
    value.render_into(&mut number);
    out.push_str(&fill(&arm.replace('#', &number), params, lang));
    true
}

/// Picks the arm of a plural choice for `n`: `=n` first, then the CLDR category, then `other`.
fn choose<'a>(arms: &'a str, n: i64, lang: &str) -> Option<&'a str> {
    let mut list = Vec::new();
    let mut rest = arms;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let open = rest.find('{')?;
        let selector = rest[..open].trim();
        let close = matching(rest, open)?;
        list.push((selector, &rest[open + 1..close]));
        rest = &rest[close + 1..];
    }
    let exact = format!("={n}");
    let category = plural_category(lang, n);
    list.iter()
        .find(|(s, _)| *s == exact)
        .or_else(|| list.iter().find(|(s, _)| *s == category))
        .or_else(|| list.iter().find(|(s, _)| *s == "other"))
        .map(|(_, t)| *t)
}

/// A language's CLDR cardinal rules, from `intl_pluralrules`; `None` for a language it does
/// not know. Only the language subtag is read (`pt-BR` has `pt`'s rules): every table is a
/// language's, and the full tag parser (its script, region and variant readers) was 1.5 KB of
/// the browser's first load gzipped.
fn cardinal_rules(lang: &str) -> Option<intl_pluralrules::PluralRules> {
    let language = lang.as_bytes();
    let end = language.iter().position(|b| matches!(b, b'-' | b'_')).unwrap_or(language.len());
    let language = unic_langid::subtags::Language::from_bytes(&language[..end]).ok()?;
    let id = unic_langid::LanguageIdentifier::from_parts(language, None, None, &[]);
    intl_pluralrules::PluralRules::create(id, intl_pluralrules::PluralRuleType::CARDINAL).ok()
}

/// The category of `n` under `rules`, by its CLDR name (`other` when it cannot be selected).
fn category_of<N: TryInto<intl_pluralrules::operands::PluralOperands>>(rules: &intl_pluralrules::PluralRules, n: N) -> &'static str {
    use intl_pluralrules::PluralCategory;
    match rules.select(n) {
        Ok(PluralCategory::ZERO) => "zero",
        Ok(PluralCategory::ONE) => "one",
        Ok(PluralCategory::TWO) => "two",
        Ok(PluralCategory::FEW) => "few",
        Ok(PluralCategory::MANY) => "many",
        _ => "other",
    }
}

/// The CLDR cardinal plural category of a whole number in a language (`one`, `few`, `many`,
/// `other`, …), from `intl_pluralrules`' rules; `other` for a language it does not know. Of a
/// tag such as `pt-BR` only the language is read.
pub fn plural_category(lang: &str, n: i64) -> &'static str {
    cardinal_rules(lang).map_or("other", |rules| category_of(&rules, n))
}

/// The CLDR cardinal categories a language has (whole and fractional numbers alike), e.g.
/// `one, few, many, other` for Czech: every plural choice in its table must name each.
pub fn plural_categories(lang: &str) -> Vec<&'static str> {
    let Some(rules) = cardinal_rules(lang) else { return vec!["other"] };
    let mut found = Vec::new();
    let samples = (0..=1000).map(f64::from).chain((0..=100).map(|i| f64::from(i) + 0.5)).chain([1.0e6, 0.1, 1.1, 2.1]);
    for x in samples {
        let c = category_of(&rules, x);
        if !found.contains(&c) {
            found.push(c);
        }
    }
    found
}

#[cfg(test)]
mod tests;
