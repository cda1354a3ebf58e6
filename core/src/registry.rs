//! The rule registry and the message tables, compiled from `data/` by the build script.
use crate::diagnostic::{Params, Severity};
use crate::profile::Profile;

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

impl RuleInfo {
    /// The severity this rule has under a profile, if the profile has it.
    pub fn severity(&self, profile: Profile) -> Option<Severity> {
        self.severities[profile.index()]
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

pub(crate) struct VmSizeRow {
    pub key: &'static str,
    pub name: &'static str,
    pub vcpus: u32,
    pub memory_gib: f64,
    pub gpus: u32,
    pub fpga: bool,
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

type Table = &'static [(&'static str, &'static str, &'static str)];

fn table(locale: &str) -> Option<Table> {
    LOCALES.iter().find(|(n, _)| *n == locale).map(|(_, t)| *t)
}

fn lookup(t: Table, key: &str) -> Option<(&'static str, &'static str)> {
    t.binary_search_by(|(k, _, _)| (*k).cmp(key)).ok().map(|i| (t[i].1, t[i].2))
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
    pub(crate) fn render(&self, key: &str, params: &Params) -> (String, String) {
        let en = table("en");
        let pick = |k: &str| self.primary.and_then(|t| lookup(t, k)).or_else(|| en.and_then(|t| lookup(t, k)));
        let base = key.split('.').next().unwrap_or(key);
        let (mut msg, fix) = pick(key).or_else(|| pick(base)).unwrap_or(("{code}", ""));
        if self.sdk {
            if let Some((m, _)) = table("sdk").and_then(|t| lookup(t, key)) {
                msg = m;
            }
        }
        (fill(msg, params), fill(fix, params))
    }
}

/// Fills `{name}` placeholders; an unknown placeholder stays as written.
fn fill(template: &str, params: &Params) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match params.get(name) {
                    Some(p) => p.render_into(&mut out),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
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
    fn every_code_has_an_english_message() {
        let en = table("en").unwrap_or(&[]);
        for r in RULES {
            assert!(lookup(en, r.code).is_some(), "{} has no English message", r.code);
        }
    }

    #[test]
    fn message_tables_are_sorted_and_name_known_codes() {
        for (name, t) in LOCALES {
            for w in t.windows(2) {
                assert!(w[0].0 < w[1].0, "{name}: {} before {}", w[0].0, w[1].0);
            }
            for (k, _, _) in t.iter() {
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
            for (k, m, f) in t.iter() {
                if let Some((em, ef)) = lookup(en, k) {
                    assert_eq!(holes(m), holes(em), "{name}.{k} message placeholders");
                    if !f.is_empty() {
                        assert_eq!(holes(f), holes(ef), "{name}.{k} fix placeholders");
                    }
                }
            }
        }
    }
}
