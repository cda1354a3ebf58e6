//! The rule registry and the message tables, compiled from `data/` by the build script.
use crate::diagnostic::{Params, Severity};
use crate::profile::Profile;
use std::borrow::Cow;

/// A rule's entry in the registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// The stable code.
    pub code: &'static str,
    /// A one-line title.
    pub title: &'static str,
    /// Where the rule comes from.
    pub source: &'static str,
    /// The severity per profile (in [`Profile::ALL`] order); `None` where the profile lacks it.
    pub severities: [Option<Severity>; 4],
}

/// A rule's documentation (`data/rules.json`): what a docs page, SARIF help or
/// `akscompute rules CODE` shows. See [`RuleInfo::doc`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleDoc {
    /// The rule as the catalog states it, refinements included.
    pub description: &'static str,
    /// When the severity depends on the case (`error` for a given version, `info` otherwise).
    pub severity_note: &'static str,
    /// The how-to page's statement of the rule, where a seed states it.
    pub seed: Option<SeedQuote>,
}

/// A statement of one of the how-to pages the rules come from (five translations of
/// "Create and attach an Azure Kubernetes Service cluster", from three dates), quoted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeedQuote {
    /// The seed file.
    pub file: &'static str,
    /// The line in it (1-based).
    pub line: u32,
    /// The page's date profile and language, e.g. `2021-11 (de)`.
    pub page: &'static str,
    /// The statement, in the page's language.
    pub quote: &'static str,
}

impl RuleInfo {
    /// The severity this rule has under a profile, if the profile has it.
    pub fn severity(&self, profile: Profile) -> Option<Severity> {
        self.severities[profile.index()]
    }

    /// The rule's documentation.
    pub fn doc(&self) -> &'static RuleDoc {
        const NONE: RuleDoc = RuleDoc { description: "", severity_note: "", seed: None };
        RULES.iter().position(|r| r.code == self.code).and_then(|i| RULE_DOCS.get(i)).unwrap_or(&NONE)
    }
}

/// A code, as an index into the registry: cheap to copy and checked at compile time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Code(pub(crate) usize);

impl Code {
    /// The registry entry.
    pub fn info(self) -> &'static RuleInfo {
        &RULES[self.0]
    }
    /// The code text, e.g. `TLS004`.
    pub fn as_str(self) -> &'static str {
        RULES[self.0].code
    }
}

/// One message of a locale table.
#[derive(Debug)]
pub(crate) struct Entry {
    pub key: &'static str,
    pub message: &'static str,
    pub fix: &'static str,
    pub message_params: bool,
    pub fix_params: bool,
}

pub(crate) struct VmSizeRow {
    pub start: u32,
    pub len: u8,
    /// The name starts with `Standard_` (stored without it).
    pub standard: bool,
    pub vcpus: u16,
    pub memory_gib: f32,
    pub gpus: u8,
    pub fpga: bool,
}

impl VmSizeRow {
    /// The name without its `Standard_` prefix.
    pub fn short(&self) -> &'static str {
        let s = self.start as usize;
        VM_NAMES.get(s..s + usize::from(self.len)).unwrap_or("")
    }
    /// The name without its prefix, in lower case.
    pub fn short_lower(&self) -> &'static [u8] {
        let s = self.start as usize;
        VM_NAMES_LOWER.as_bytes().get(s..s + usize::from(self.len)).unwrap_or(&[])
    }
    /// The canonical name.
    pub fn name(&self) -> std::borrow::Cow<'static, str> {
        if self.standard {
            std::borrow::Cow::Owned(format!("Standard_{}", self.short()))
        } else {
            std::borrow::Cow::Borrowed(self.short())
        }
    }
}

include!(concat!(env!("OUT_DIR"), "/generated.rs"));

/// Every rule of the registry.
pub fn rules() -> &'static [RuleInfo] {
    RULES
}

/// Looks a code up by its text.
pub fn rule(code: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// The locales that have a message table (`sdk` is azureml-core's verbatim text, used under
/// the `sdk` profile).
pub fn locales() -> Vec<&'static str> {
    LOCALES.iter().map(|(n, _)| *n).filter(|n| *n != "sdk").collect()
}

type Table = &'static [Entry];

fn table(locale: &str) -> Option<Table> {
    LOCALES.iter().find(|(n, _)| *n == locale).map(|(_, t)| *t)
}

/// Finds `code` or `code.variant` without building the key: tables are sorted by key, and
/// `code.variant` orders exactly as the pair (code, ".", variant) does.
fn lookup(t: Table, code: &str, variant: &str) -> Option<&'static Entry> {
    use std::cmp::Ordering;
    t.binary_search_by(|e| {
        let k = e.key;
        let kb = k.as_bytes();
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

/// A resolved locale: the table asked for, with English behind it.
#[derive(Clone, Copy, Debug)]
pub struct Locale {
    primary: Option<Table>,
    sdk: bool,
}

impl Locale {
    /// `de-DE` falls back to `de`, then to English; an unknown locale is English.
    pub fn resolve(tag: Option<&str>, profile: Profile) -> Self {
        let primary = tag.and_then(|t| {
            let t = t.trim().to_ascii_lowercase().replace('_', "-");
            table(&t).or_else(|| t.split('-').next().and_then(table))
        });
        Locale { primary, sdk: profile == Profile::Sdk }
    }

    /// Renders the message and fix for a key such as `NAME001` or `NAME001.too_long`.
    /// Renders the message and fix of `code` (and `variant`, when not empty): the variant's
    /// text in the locale, else in English, else the code's own text.
    pub(crate) fn render(&self, code: &str, variant: &str, params: &Params) -> (Cow<'static, str>, Cow<'static, str>) {
        let en = table("en");
        let pick = |v: &str| self.primary.and_then(|t| lookup(t, code, v)).or_else(|| en.and_then(|t| lookup(t, code, v)));
        let Some(e) = pick(variant).or_else(|| pick("")) else {
            return (Cow::Borrowed(RULES.iter().find(|r| r.code == code).map(|r| r.title).unwrap_or("")), Cow::Borrowed(""));
        };
        let (mut msg, mut msg_params) = (e.message, e.message_params);
        if self.sdk {
            if let Some(s) = table("sdk").and_then(|t| lookup(t, code, variant)) {
                (msg, msg_params) = (s.message, s.message_params);
            }
        }
        let render = |text: &'static str, has: bool| if has { Cow::Owned(fill(text, params)) } else { Cow::Borrowed(text) };
        (render(msg, msg_params), render(e.fix, e.fix_params))
    }
}

/// Fills `{name}` placeholders; an unknown placeholder stays as written.
fn fill(template: &str, params: &Params) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        match params.get(&after[..close]) {
            Some(p) => p.render_into(&mut out),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Param;

    #[test]
    fn fills_and_keeps_unknown_placeholders() {
        let p = Params(vec![("n", Param::Int(3)), ("l", Param::List(vec!["a".into(), "b".into()]))]);
        assert_eq!(fill("{n} of {l} {x}", &p), "3 of a, b {x}");
        assert_eq!(fill("unclosed {n", &p), "unclosed {n");
    }

    #[test]
    fn lookup_finds_every_key_by_its_parts() {
        for (_, t) in LOCALES {
            for e in t.iter() {
                let (code, variant) = e.key.split_once('.').unwrap_or((e.key, ""));
                assert_eq!(lookup(t, code, variant).map(|x| x.message), Some(e.message), "{}", e.key);
            }
        }
        let en = table("en").unwrap_or(&[]);
        assert!(lookup(en, "NAME001", "nope").is_none());
        assert!(lookup(en, "NAME00", "").is_none());
    }

    #[test]
    fn every_code_has_an_english_message() {
        let en = table("en").unwrap_or(&[]);
        for r in RULES {
            assert!(lookup(en, r.code, "").is_some(), "{} has no English message", r.code);
        }
    }

    #[test]
    fn message_tables_are_sorted_and_name_known_codes() {
        for (name, t) in LOCALES {
            for w in t.windows(2) {
                assert!(w[0].key < w[1].key, "{name}: {} before {}", w[0].key, w[1].key);
            }
            for k in t.iter().map(|e| e.key) {
                let base = k.split('.').next().unwrap_or(k);
                assert!(rule(base).is_some(), "{name}: {k} names no rule");
            }
        }
    }

    #[test]
    fn translations_use_the_same_placeholders_as_english() {
        let en = table("en").unwrap_or(&[]);
        let holes = |s: &str| {
            let mut v: Vec<String> = s.split('{').skip(1).filter_map(|p| p.split('}').next()).map(String::from).collect();
            v.sort();
            v
        };
        for (name, t) in LOCALES.iter().filter(|(n, _)| *n != "en" && *n != "sdk") {
            for e in t.iter() {
                let (code, variant) = e.key.split_once('.').unwrap_or((e.key, ""));
                if let Some(en_e) = lookup(en, code, variant) {
                    assert_eq!(holes(e.message), holes(en_e.message), "{name}.{} message placeholders", e.key);
                    if !e.fix.is_empty() {
                        assert_eq!(holes(e.fix), holes(en_e.fix), "{name}.{} fix placeholders", e.key);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod locale_tests {
    use super::*;
    use crate::diagnostic::Param;

    fn name_too_short(locale: Option<&str>, profile: Profile) -> String {
        let p = Params(vec![("name", Param::from("ak")), ("length", Param::Int(2))]);
        Locale::resolve(locale, profile).render("NAME001", "length", &p).0.into_owned()
    }

    #[test]
    fn a_locale_is_a_table_and_falls_back() {
        assert!(name_too_short(Some("de-DE"), Profile::P2021_11).starts_with("Der Computename \"ak\" ist 2 Zeichen lang"));
        assert!(name_too_short(Some("de"), Profile::P2021_11).starts_with("Der Computename"));
        assert!(
            name_too_short(Some("pt-BR"), Profile::P2021_11).starts_with("The compute name \"ak\" is 2"),
            "unknown locales are English"
        );
        assert!(name_too_short(None, Profile::P2021_11).starts_with("The compute name"));
        assert!(locales().contains(&"de") && locales().contains(&"en") && !locales().contains(&"sdk"));
    }

    #[test]
    fn sdk_texts_stay_azureml_cores_in_every_locale() {
        let p = Params(vec![("count", Param::Int(-1))]);
        let (m, _) = Locale::resolve(Some("de"), Profile::Sdk).render("CAP005", "", &p);
        assert_eq!(m, "Invalid configuration, agent count must be a positive integer.");
    }

    #[test]
    fn every_locale_covers_every_english_key() {
        let en = table("en").unwrap_or(&[]);
        for (name, t) in LOCALES.iter().filter(|(n, _)| *n != "en" && *n != "sdk") {
            let missing: Vec<&str> = en.iter().map(|e| e.key).filter(|k| !t.iter().any(|x| x.key == *k)).collect();
            assert!(missing.is_empty(), "{name} lacks {missing:?}");
        }
    }
}
