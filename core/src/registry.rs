//! The rule registry and the message tables, compiled from `data/` by the build script (the
//! rendering of the tables is in [`crate::locale`]).
use crate::diagnostic::Severity;
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

    /// `{code, title, source, severities: {profile: "error" | "warning" | "info" | null}}`:
    /// the row every binding's rule list shows.
    pub fn to_json(&self) -> serde_json::Value {
        let severities: serde_json::Map<String, serde_json::Value> =
            Profile::ALL.iter().map(|p| (p.as_str().to_string(), self.severity(*p).map(Severity::as_str).into())).collect();
        serde_json::json!({"code": self.code, "title": self.title, "source": self.source, "severities": severities})
    }

    /// The rule's documentation.
    pub fn doc(&self) -> &'static RuleDoc {
        const NONE: RuleDoc = RuleDoc { description: "", severity_note: "", seed: None };
        RULES.iter().position(|r| r.code == self.code).and_then(|i| RULE_DOCS.get(i)).unwrap_or(&NONE)
    }
}

/// The same object as [`RuleInfo::to_json`], keys in the same (sorted) order, written straight
/// to a serializer: a binding that hands the registry over as JSON text builds no value tree.
impl serde::Serialize for RuleInfo {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        struct Severities<'a>(&'a RuleInfo);
        impl serde::Serialize for Severities<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut profiles = Profile::ALL;
                profiles.sort_unstable_by_key(|p| p.as_str());
                let mut m = s.serialize_map(Some(profiles.len()))?;
                for p in profiles {
                    m.serialize_entry(p.as_str(), &self.0.severity(p).map(Severity::as_str))?;
                }
                m.end()
            }
        }
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("code", self.code)?;
        m.serialize_entry("severities", &Severities(self))?;
        m.serialize_entry("source", self.source)?;
        m.serialize_entry("title", self.title)?;
        m.end()
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

include!(concat!(env!("OUT_DIR"), "/generated.rs"));

/// Every rule of the registry.
pub fn rules() -> &'static [RuleInfo] {
    RULES
}

/// The whole registry as JSON, one [`RuleInfo::to_json`] row per rule, in registry order.
pub fn to_json() -> serde_json::Value {
    serde_json::Value::Array(RULES.iter().map(RuleInfo::to_json).collect())
}

/// Looks a code up by its text.
pub fn rule(code: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

pub use crate::locale::{locales, Locale};

#[cfg(test)]
mod tests {
    #[test]
    fn the_registrys_json_has_every_rule_and_every_profile() {
        let v = super::to_json();
        let rows = v.as_array().map(Vec::as_slice).unwrap_or_default();
        assert_eq!(rows.len(), super::RULES.len());
        let cap003 = rows.iter().find(|r| r["code"] == "CAP003").cloned().unwrap_or_default();
        assert_eq!(cap003["severities"]["2021-11"], "error");
        assert_eq!(cap003["severities"].as_object().map(|m| m.len()), Some(crate::Profile::ALL.len()));
        assert!(rows.iter().all(|r| r["title"].as_str().is_some_and(|t| !t.is_empty()) && r["source"].is_string()));
    }

    #[test]
    fn the_registry_serialized_is_its_json_to_the_byte() {
        let direct = serde_json::to_string(super::rules()).unwrap_or_default();
        assert_eq!(direct, super::to_json().to_string());
    }
}
