//! How lint findings are written: text with `file:line:column`, SARIF 2.1.0 (rules with their
//! descriptions and help URIs, suppressions), JUnit XML. One set of findings, three shapes.
use akscompute::iac::{FileReport, Finding, SuppressionKind, LINT_RULES};
use akscompute::{Profile, Severity};
use serde_json::{json, Value};
use std::fmt::Write as _;

/// Where the rule pages (`docs/rules/CODE.md`) are published, given at build time as
/// `AKSCOMPUTE_DOCS_URL`: the project has no public home yet, so no address is made up.
const DOCS_URL: Option<&str> = option_env!("AKSCOMPUTE_DOCS_URL");

/// The absolute address of a code's documentation page, when the build knows where pages are published.
pub fn help_uri(code: &str) -> Option<String> {
    DOCS_URL.filter(|b| !b.is_empty()).map(|b| format!("{}/{code}.md", b.trim_end_matches('/')))
}

/// Where a code's page is: its published address, else its place in the repository
/// (`akscompute rules CODE` prints the same page).
pub fn doc_ref(code: &str) -> String {
    help_uri(code).unwrap_or_else(|| format!("docs/rules/{code}.md (or `akscompute rules {code}`)"))
}

/// A SARIF rule with `helpUri` only where there is an absolute address (SARIF wants a URI there).
fn with_help_uri(mut rule: Value, code: &str) -> Value {
    if let (Some(uri), Some(o)) = (help_uri(code), rule.as_object_mut()) {
        o.insert("helpUri".into(), Value::String(uri));
    }
    rule
}

/// Control characters in file names and messages are shown escaped: a name must not be able
/// to move the cursor or forge a line.
fn clean(s: &str) -> String {
    s.chars().map(|c| if c.is_control() && c != '\n' { format!("\\u{{{:x}}}", c as u32) } else { c.to_string() }).collect()
}

fn plural(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

/// `file:line:column: severity[CODE] message (resource)`, the fix below, then a summary.
pub fn text(reports: &[FileReport], profile: &str) -> String {
    let mut out = String::new();
    let all: Vec<&Finding> = reports.iter().flat_map(|r| &r.findings).collect();
    for f in &all {
        let at = match f.pos {
            Some(p) => format!("{}:{}:{}", f.file, p.line, p.column),
            None => f.file.clone(),
        };
        let _ = write!(out, "{}: {}[{}] {}", clean(&at), f.diagnostic.severity, f.diagnostic.code, clean(&f.diagnostic.message()));
        if let Some(r) = &f.resource {
            let _ = write!(out, " ({})", clean(r));
        }
        if let Some(s) = &f.suppressed {
            let _ = write!(out, " [suppressed: {}]", clean(&s.reason));
        }
        out.push('\n');
        for r in &f.related {
            let _ = writeln!(out, "  from: {}:{}:{}: {}", clean(&r.file), r.pos.line, r.pos.column, clean(&r.what));
        }
        if !f.diagnostic.fix().is_empty() {
            let _ = writeln!(out, "  fix: {}", clean(&f.diagnostic.fix()));
        }
    }
    if !all.is_empty() {
        out.push('\n');
    }
    let count = |s: Severity| all.iter().filter(|f| f.diagnostic.severity == s && f.suppressed.is_none()).count();
    let suppressed = all.iter().filter(|f| f.suppressed.is_some()).count();
    let computes: usize = reports.iter().map(|r| r.computes.len()).sum();
    let _ = writeln!(
        out,
        "{} in {}: {}, {}, {}, {} (profile {profile})",
        plural(computes, "compute"),
        plural(reports.len(), "file"),
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Info), "info"),
        plural(suppressed, "suppressed finding"),
    );
    out
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a SARIF URI: forward slashes, spaces and `%` escaped.
fn uri(file: &str) -> String {
    file.replace('\\', "/").replace('%', "%25").replace(' ', "%20").trim_start_matches("./").to_string()
}

/// Every rule, registry codes first, then the linter's own: SARIF viewers show the rule's
/// description and link its documentation beside each result.
fn rules(profile: Profile) -> Vec<(String, Value)> {
    let mut v: Vec<(String, Value)> = akscompute::rule_registry()
        .iter()
        .map(|r| {
            let profiles: Vec<String> =
                Profile::ALL.iter().filter_map(|p| r.severity(*p).map(|s| format!("{}: {}", p.as_str(), s))).collect();
            let full = format!(
                "{}. Source: {}. Severity by profile: {}.",
                r.title,
                r.source,
                if profiles.is_empty() { "-".into() } else { profiles.join(", ") }
            );
            let properties = json!({"tags": ["aks", "azure-ml"], "source": r.source});
            descriptor(r.code, r.title, &full, r.severity(profile).map(level), properties)
        })
        .collect();
    v.extend(LINT_RULES.iter().map(|r| {
        let properties = json!({"tags": ["aks", "azure-ml", "infrastructure-as-code"]});
        descriptor(r.code, r.title, r.description, Some(level(r.severity)), properties)
    }));
    v
}

/// One SARIF reportingDescriptor: a rule that is off under the profile has no level.
fn descriptor(code: &str, title: &str, full: &str, level: Option<&str>, properties: Value) -> (String, Value) {
    let rule = json!({
        "id": code,
        "name": code,
        "shortDescription": {"text": title},
        "fullDescription": {"text": full},
        "help": {"text": format!("{full} See {}", doc_ref(code))},
        "defaultConfiguration": {"enabled": level.is_some(), "level": level.unwrap_or("none")},
        "properties": properties,
    });
    (code.to_string(), with_help_uri(rule, code))
}

/// A SARIF 2.1.0 log of every finding.
pub fn sarif(reports: &[FileReport], profile: Profile) -> Value {
    let rules = rules(profile);
    let mut results = Vec::new();
    for f in reports.iter().flat_map(|r| &r.findings) {
        let index = rules.iter().position(|(c, _)| c == f.diagnostic.code);
        let mut region = json!({});
        if let Some(p) = f.pos {
            region = json!({"startLine": p.line, "startColumn": p.column});
        }
        let mut loc = json!({"physicalLocation": {"artifactLocation": {"uri": uri(&f.file), "uriBaseId": "SRCROOT"}, "region": region}});
        if let Some(r) = &f.resource {
            loc["logicalLocations"] = json!([{"fullyQualifiedName": r, "kind": "resource"}]);
        }
        let mut text = f.diagnostic.message().to_string();
        if !f.diagnostic.fix().is_empty() {
            text.push_str(" Fix: ");
            text.push_str(&f.diagnostic.fix());
        }
        let mut res = json!({
            "ruleId": f.diagnostic.code,
            "level": level(f.diagnostic.severity),
            "message": {"text": text},
            "locations": [loc],
            "partialFingerprints": {"akscompute/v1": format!("{}|{}|{}|{}", f.diagnostic.code, uri(&f.file), f.pointer, f.diagnostic.path)},
            "properties": {"path": f.diagnostic.path.to_string(), "pointer": f.pointer, "fix": f.diagnostic.fix(), "params": f.diagnostic.params},
        });
        if let Some(i) = index {
            res["ruleIndex"] = json!(i);
        }
        if !f.related.is_empty() {
            let rel: Vec<Value> = f
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    json!({"id": i, "message": {"text": r.what},
                        "physicalLocation": {"artifactLocation": {"uri": uri(&r.file), "uriBaseId": "SRCROOT"}, "region": {"startLine": r.pos.line, "startColumn": r.pos.column}}})
                })
                .collect();
            res["relatedLocations"] = Value::Array(rel);
        }
        if let Some(s) = &f.suppressed {
            let kind = match s.kind {
                SuppressionKind::InSource => "inSource",
                SuppressionKind::Baseline => "external",
            };
            res["suppressions"] = json!([{"kind": kind, "status": "accepted", "justification": s.reason}]);
        }
        results.push(res);
    }
    let artifacts: Vec<Value> = reports.iter().map(|r| json!({"location": {"uri": uri(&r.file), "uriBaseId": "SRCROOT"}})).collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "akscompute",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules.into_iter().map(|(_, r)| r).collect::<Vec<_>>(),
            }},
            "originalUriBaseIds": {"SRCROOT": {"description": {"text": "The folder akscompute lint ran in"}}},
            "artifacts": artifacts,
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"profile": profile.as_str()},
        }],
    })
}

fn xml(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            // XML 1.0 cannot carry most control characters at all.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => o.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => o.push(c),
        }
    }
    o
}

/// JUnit XML: a test suite per file, a test case per finding (an unsuppressed error fails,
/// a suppressed finding is skipped), and one passing case for a file without findings.
pub fn junit(reports: &[FileReport]) -> String {
    let mut suites = String::new();
    let (mut tests, mut failures, mut skipped) = (0usize, 0usize, 0usize);
    for r in reports {
        let mut cases = String::new();
        let (mut t, mut fl, mut sk) = (0usize, 0usize, 0usize);
        for f in &r.findings {
            t += 1;
            let at = f.pos.map(|p| format!("{}:{}:{}", f.file, p.line, p.column)).unwrap_or_else(|| f.file.clone());
            let name = format!("{} {} at {}", f.diagnostic.code, f.resource.as_deref().unwrap_or(""), f.diagnostic.path);
            let detail = format!(
                "{at}: {}{}",
                f.diagnostic.message(),
                if f.diagnostic.fix().is_empty() { String::new() } else { format!("\nfix: {}", f.diagnostic.fix()) }
            );
            let _ = write!(cases, "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\"", xml(&r.file), xml(&name), xml(&f.file));
            if let Some(p) = f.pos {
                let _ = write!(cases, " line=\"{}\"", p.line);
            }
            cases.push('>');
            if let Some(s) = &f.suppressed {
                sk += 1;
                let _ = write!(cases, "<skipped message=\"suppressed: {}\"/>", xml(&s.reason));
            } else if f.diagnostic.severity == Severity::Error {
                fl += 1;
                let _ = write!(
                    cases,
                    "<failure type=\"{}\" message=\"{}\">{}</failure>",
                    f.diagnostic.code,
                    xml(&f.diagnostic.message()),
                    xml(&detail)
                );
            } else {
                let _ = write!(cases, "<system-out>{} {}</system-out>", f.diagnostic.severity, xml(&detail));
            }
            cases.push_str("</testcase>\n");
        }
        if r.findings.is_empty() {
            t += 1;
            let _ = writeln!(cases, "    <testcase classname=\"{0}\" name=\"{0}: no findings\" file=\"{0}\"/>", xml(&r.file));
        }
        let _ = write!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{t}\" failures=\"{fl}\" errors=\"0\" skipped=\"{sk}\">\n{cases}  </testsuite>\n",
            xml(&r.file)
        );
        tests += t;
        failures += fl;
        skipped += sk;
    }
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"akscompute lint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">\n{suites}</testsuites>\n")
}
