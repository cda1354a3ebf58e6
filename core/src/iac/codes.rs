//! The linter's own findings: about reading infrastructure code, not about the configuration
//! (those are the registry's codes, reported exactly as `check` reports them). One table, the
//! only place these codes, severities and texts are written.
use crate::diagnostic::{Diagnostic, Param, Params, Path, Severity};
use std::borrow::Cow;

/// One of the linter's codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LintRule {
    /// The stable code.
    pub code: &'static str,
    /// The same in every profile: reading a file does not depend on the documentation's date.
    pub severity: Severity,
    /// A one-line title.
    pub title: &'static str,
    /// What it checks and why, for the rule's documentation page.
    pub description: &'static str,
    /// English message and fix (`{name}` placeholders).
    pub en: (&'static str, &'static str),
    /// German message and fix.
    pub de: (&'static str, &'static str),
}

/// Every linter code.
pub static LINT_RULES: &[LintRule] = &[
    LintRule {
        code: "IAC001",
        severity: Severity::Info,
        title: "a value of the compute or its cluster is known only at deployment",
        description: "The linter evaluates template expressions with the parameters' default values and the parameters file. A value that only exists at deployment (resourceGroup().location, uniqueString(), a parameter without a value, a property Azure fills in) is not guessed: the rules that read it are not run, and this finding names the value, why it is unknown, and the rules left out.",
        en: ("{field} could not be checked: {why}. Findings held back for it: {skipped}.", "Give the value in the template or its parameters file (--parameters) where you can; a value that exists only once deployed is checked then, with akscompute check on the deployed resource."),
        de: ("{field} konnte nicht geprüft werden: {why}. Dafür zurückgehaltene Befunde: {skipped}.", "Geben Sie den Wert, wo möglich, in der Vorlage oder ihrer Parameterdatei (--parameters) an; ein Wert, den es erst nach dem Deployment gibt, wird dann mit akscompute check an der bereitgestellten Ressource geprüft."),
    },
    LintRule {
        code: "IAC002",
        severity: Severity::Info,
        title: "a linked template cannot be followed",
        description: "A nested deployment that points to its template by URI (templateLink) is fetched by Azure at deployment; the linter reads no network, so the computes in it are not checked.",
        en: ("The linked template {uri} is not read: computes declared in it are not checked.", "Lint the linked template file itself, or inline it in the deployment."),
        de: ("Die verknüpfte Vorlage {uri} wird nicht gelesen: darin deklarierte Computes werden nicht geprüft.", "Prüfen Sie die verknüpfte Vorlagendatei selbst, oder betten Sie sie in das Deployment ein."),
    },
    LintRule {
        code: "IAC003",
        severity: Severity::Error,
        title: "a value of the compute has the wrong type",
        description: "Each compute is read into the same configuration shape `akscompute check` reads. A value of the wrong type (a node count written as text that is not a number, a list where a name belongs) is refused by the service; it is reported here with the field it came from.",
        en: ("{field}: {problem}", "Write the value with the type the compute's schema has."),
        de: ("{field}: {problem}", "Schreiben Sie den Wert mit dem Typ, den das Schema des Computes vorsieht."),
    },
    LintRule {
        code: "IAC004",
        severity: Severity::Info,
        title: "the attached cluster is not declared here: no attach preflight",
        description: "An attach is checked against the AKS cluster it names (node pools, version, private cluster, authorized IP ranges, network profile) when that cluster is declared in the same template or plan. When it is not, those checks are not run.",
        en: ("The cluster {cluster} is not declared in this file: its node pools, version and network are not checked.", "Pass the cluster as az aks show prints it under \"cluster\" in --context, or declare the cluster in the same template or plan."),
        de: ("Der Cluster {cluster} ist in dieser Datei nicht deklariert: Knotenpools, Version und Netzwerk werden nicht geprüft.", "Übergeben Sie den Cluster, wie az aks show ihn ausgibt, unter \"cluster\" in --context, oder deklarieren Sie ihn in derselben Vorlage oder demselben Plan."),
    },
    LintRule {
        code: "IAC005",
        severity: Severity::Warning,
        title: "a suppression is not applied",
        description: "A suppression (`akscompute-ignore CODE: reason` in a template's metadata, or an entry of the .akscompute.toml baseline) must name a known code and give a reason, so that a reviewed exception stays explained. One that does not is not applied.",
        en: ("The suppression {text} is not applied: {problem}.", "Write it as \"akscompute-ignore CODE: reason\", with a known code and a reason."),
        de: ("Die Unterdrückung {text} wird nicht angewandt: {problem}.", "Schreiben Sie sie als \"akscompute-ignore CODE: Begründung\", mit einem bekannten Code und einer Begründung."),
    },
    LintRule {
        code: "IAC006",
        severity: Severity::Info,
        title: "Bicep source is not read directly",
        description: "The linter reads the ARM JSON that Bicep compiles to. A .bicep file is pointed out so that it is not mistaken for checked.",
        en: ("{file} is Bicep source: it is not checked as it is.", "Run `bicep build {file}` and lint the JSON it writes."),
        de: ("{file} ist Bicep-Quelltext: er wird so nicht geprüft.", "Führen Sie `bicep build {file}` aus und prüfen Sie das erzeugte JSON."),
    },
];

/// A linter rule by code.
pub fn lint_rule(code: &str) -> Option<&'static LintRule> {
    LINT_RULES.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// True when the code is a registry code or a linter code.
pub fn known_code(code: &str) -> bool {
    crate::registry::rule(code).is_some() || lint_rule(code).is_some()
}

/// A linter diagnostic, rendered in the locale (German for `de…`, else English).
pub(crate) fn diagnostic(rule: &'static LintRule, locale: Option<&str>, path: Path, params: Vec<(&'static str, Param)>) -> Diagnostic {
    let (m, f) = match locale.map(|l| l.trim().to_ascii_lowercase()) {
        Some(l) if l == "de" || l.starts_with("de-") || l.starts_with("de_") => rule.de,
        _ => rule.en,
    };
    let params = Params(params);
    let (message, fix) = (Cow::Owned(fill(m, &params)), Cow::Owned(fill(f, &params)));
    Diagnostic::rendered(rule.code, rule.severity, path, params, message, fix)
}

fn fill(t: &str, p: &Params) -> String {
    let mut out = t.to_string();
    for (k, v) in &p.0 {
        let mut s = String::new();
        v.render_into(&mut s);
        out = out.replace(&format!("{{{k}}}"), &s);
    }
    out
}

/// The rule of a code by name, for the table above (the codes are written once, there).
pub(crate) fn rule_of(code: &str) -> &'static LintRule {
    lint_rule(code).unwrap_or(&LINT_RULES[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_apart_from_the_registry() {
        for (i, r) in LINT_RULES.iter().enumerate() {
            assert!(crate::registry::rule(r.code).is_none(), "{} is a registry code", r.code);
            assert!(LINT_RULES[i + 1..].iter().all(|o| o.code != r.code));
            for (m, f) in [r.en, r.de] {
                assert!(!m.is_empty() && !f.is_empty(), "{}", r.code);
            }
        }
    }

    #[test]
    fn messages_are_filled_in_the_locale() {
        let d = diagnostic(rule_of("IAC002"), Some("de-DE"), Path::root(), vec![("uri", Param::from("https://x/t.json"))]);
        assert_eq!(
            d.message(),
            "Die verknüpfte Vorlage https://x/t.json wird nicht gelesen: darin deklarierte Computes werden nicht geprüft."
        );
        let d = diagnostic(rule_of("IAC002"), None, Path::root(), vec![("uri", Param::from("u"))]);
        assert!(d.message().starts_with("The linked template u"));
    }
}
