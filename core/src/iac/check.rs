//! Runs the core's validation on a mapped compute, exactly as `check` runs it, and places each
//! diagnostic at the value it is about. Diagnostics that read a value known only at deployment
//! are held back (the core would judge a default in its place), and an IAC001 says so.
use super::codes::{diagnostic, rule_of};
use super::expr::DEPLOYMENT_SUBSCRIPTION;
use super::json::Document;
use super::map::Mapped;
use super::{ComputeFound, FileReport, Finding, Options};
use crate::diagnostic::{Diagnostic, Param, Path, PathSeg};
use crate::{AttachConfig, Context, CreateConfig};
use serde_json::Value;

/// Which rules read a field: when the field is unknown, their verdict would be about a default
/// the core assumes, not about the template. Keyed by the field's first segment; codes match by
/// prefix (`CAP` is every capacity rule).
const READS: &[(&str, &[&str])] = &[
    ("name", &["NAME", "OPS001"]),
    ("agent_count", &["CAP", "ATT009"]),
    ("vm_size", &["CAP", "ATT009"]),
    ("cluster_purpose", &["CAP", "ATT009", "PURP"]),
    ("location", &["TLS005", "ATT008"]),
    ("vnet", &["NET"]),
    ("load_balancer_type", &["LB", "TLS004"]),
    ("load_balancer_subnet", &["LB002"]),
    ("ssl", &["TLS"]),
    ("resource_id", &["ATT001", "ATT002", "ATT003", "ATT004", "ATT007", "ATT008"]),
    ("properties", &["CAP", "ATT009", "PURP", "LB", "TLS", "NET"]),
    ("cluster.kubernetes_version", &["VER"]),
    ("cluster.agent_pools", &["CAP", "ATT009"]),
    ("cluster.location", &["ATT008", "TLS005"]),
    ("cluster.private_cluster", &["ATT005", "ATT006"]),
    ("cluster.private_cluster_public_fqdn", &["ATT006"]),
    ("cluster.authorized_ip_ranges", &["LB004", "LB005"]),
    ("cluster.load_balancer_sku", &["LB003", "LB004"]),
    ("cluster.service_cidr", &["NET004"]),
];

fn reads(field: &str, code: &str) -> bool {
    let key = if field.starts_with("cluster.") { field } else { field.split('.').next().unwrap_or(field) };
    READS.iter().filter(|(f, _)| *f == key).any(|(_, codes)| codes.iter().any(|c| code.starts_with(c)))
}

/// The pointer of the value a diagnostic path is about: the longest recorded prefix.
fn pointer_of(m: &Mapped, path: &Path) -> String {
    let segs = &path.0;
    // cluster.agent_pools[i]… points into pool i.
    if let (Some(PathSeg::Key(a)), Some(PathSeg::Key(b)), Some(PathSeg::Index(i))) = (segs.first(), segs.get(1), segs.get(2)) {
        if a == "cluster" && b == "agent_pools" {
            if let Some(p) = m.pools.get(*i) {
                return match segs.get(3) {
                    Some(PathSeg::Key(k)) if k == "vm_size" => format!("{}/{}", p.pointer, p.vm_size),
                    Some(PathSeg::Key(k)) if k == "count" => format!("{}/{}", p.pointer, p.count),
                    _ => p.pointer.clone(),
                };
            }
        }
    }
    for n in (1..=segs.len()).rev() {
        let key = Path(segs[..n].to_vec()).to_string();
        if let Some((_, p)) = m.at.iter().rev().find(|(f, _)| *f == key) {
            return p.clone();
        }
    }
    m.pointer.clone()
}

/// Validates one mapped compute and appends its findings to the report.
pub(crate) fn run(m: &Mapped, doc: &Document, file: &str, opts: &Options, report: &mut FileReport) {
    let locale = opts.locale.as_deref();
    let mut ctx_json = opts.context.clone().filter(Value::is_object).unwrap_or_else(|| Value::Object(Default::default()));
    ctx_json["profile"] = Value::String(opts.profile.as_str().into());
    if let Some(l) = &opts.locale {
        ctx_json["locale"] = Value::String(l.clone());
    }
    if let (Some(v), None) = (&m.api_version, ctx_json.get("api_version")) {
        ctx_json["api_version"] = Value::String(v.clone());
    }
    if let (Some(w), None) = (&m.workspace, ctx_json.get("workspace").filter(|w| !w.is_null())) {
        ctx_json["workspace"] = w.clone();
    }
    let declared_cluster = m.cluster.is_some();
    if let Some(c) = &m.cluster {
        ctx_json["cluster"] = c.clone();
    }
    let preflight = m.attach && ctx_json.get("cluster").is_some_and(|c| !c.is_null());
    // Folded once for every finding about this compute.
    let sensitive = Sensitive::of(&m.sensitive);
    let found = |d: Diagnostic, pointer: String| Finding {
        pos: Some(doc.nearest(&pointer)),
        diagnostic: hide(d, &sensitive),
        file: file.to_string(),
        pointer,
        resource: Some(m.resource.clone()),
        suppressed: None,
        related: vec![],
    };
    let pos = doc.nearest(&m.pointer);
    report.computes.push(ComputeFound {
        resource: m.resource.clone(),
        operation: if m.attach { "attach" } else { "create" },
        pos,
        preflight,
    });

    let config = Value::Object(m.config.clone());
    // A shape problem of the mapped values is an IAC003 finding at the field it is about.
    let shape_findings = |e: crate::ConfigError| -> Vec<(Path, Diagnostic)> {
        e.errors
            .into_iter()
            .map(|x| {
                let params = vec![("field", Param::from(x.path.to_string())), ("problem", Param::from(x.message))];
                let d = lint_diagnostic("IAC003", locale, x.path.clone(), params, &sensitive);
                (x.path, d)
            })
            .collect()
    };
    let ctx = match Context::from_value(&ctx_json) {
        Ok(c) => c,
        Err(e) => {
            for (p, d) in shape_findings(e) {
                let ptr =
                    if p.0.first() == Some(&PathSeg::from("cluster")) && declared_cluster { pointer_of(m, &p) } else { m.pointer.clone() };
                report.findings.push(found(d, ptr));
            }
            Context { profile: opts.profile, locale: opts.locale.clone(), ..Context::default() }
        }
    };
    let validation = if m.attach {
        AttachConfig::from_value(&config).map(|c| crate::validate_attach(&c, &ctx))
    } else {
        CreateConfig::from_value(&config).map(|c| crate::validate_create(&c, &ctx))
    };
    let mut diagnostics = match validation {
        Ok(v) => v.diagnostics,
        Err(e) => {
            for (p, d) in shape_findings(e) {
                report.findings.push(found(d, pointer_of(m, &p)));
            }
            return;
        }
    };
    if let Some(st) = &m.ssl_status {
        diagnostics.extend(crate::rules::declared_status(&ctx, &st.text, st.custom, st.leaf));
    }
    let mut skipped: Vec<Vec<&'static str>> = vec![Vec::new(); m.unknown.len()];
    for d in diagnostics {
        let field = d.path.to_string();
        let held: Vec<usize> = m
            .unknown
            .iter()
            .enumerate()
            .filter(|(_, u)| reads(&u.field, d.code) || field == u.field || field.starts_with(&format!("{}.", u.field)))
            .map(|(i, _)| i)
            .collect();
        // Subscription comparisons mean nothing for the deployment's own (unknown) subscription.
        let scoped = m.deployment_scoped_id && matches!(d.code, "ATT003" | "ATT004");
        if !held.is_empty() || scoped {
            for i in held {
                if !skipped[i].contains(&d.code) {
                    skipped[i].push(d.code);
                }
            }
            continue;
        }
        let ptr = pointer_of(m, &d.path);
        report.findings.push(found(d, ptr));
    }
    for (u, skipped) in m.unknown.iter().zip(skipped) {
        let list = if skipped.is_empty() { "none".to_string() } else { skipped.join(", ") };
        let path = Path(u.field.split('.').map(|s| PathSeg::Key(s.to_string().into())).collect());
        let d = lint_diagnostic(
            "IAC001",
            locale,
            path,
            vec![("field", Param::from(u.field.clone())), ("why", Param::from(u.why.clone())), ("skipped", Param::from(list))],
            &sensitive,
        );
        report.findings.push(found(d, u.pointer.clone()));
    }
    if m.attach && !preflight {
        if let Some((what, ptr)) = &m.cluster_ref {
            let d = lint_diagnostic(
                "IAC004",
                locale,
                Path::from(["resource_id"]),
                vec![("cluster", Param::from(crate::text::clip(what, 240)))],
                &sensitive,
            );
            report.findings.push(found(d, ptr.clone()));
        }
    }
}

/// The texts a file marks sensitive, each with its folded form and that form's first 16
/// letters and digits: made once per compute, for every finding about it.
struct Sensitive<'m>(Vec<(&'m str, String, String)>);

impl<'m> Sensitive<'m> {
    fn of(texts: &'m [String]) -> Self {
        Sensitive(
            texts
                .iter()
                .map(|raw| {
                    let f = folded(raw);
                    let head = f.chars().take(16).collect();
                    (raw.as_str(), f, head)
                })
                .collect(),
        )
    }

    /// Parameters without the sensitive texts: each that shows one shows `(sensitive)` instead.
    fn scrub(&self, params: &mut [(&'static str, Param)]) {
        if self.0.is_empty() {
            return;
        }
        for (_, p) in params.iter_mut() {
            let hidden = match p {
                Param::Str(s) => self.shown_in(s),
                Param::List(l) => l.iter().any(|x| self.shown_in(x)),
                Param::Int(i) => {
                    let i = i.to_string();
                    self.0.iter().any(|(raw, _, _)| raw.trim() == i)
                }
            };
            if hidden {
                *p = Param::from("(sensitive)");
            }
        }
    }

    /// True when the parameter text `t` shows one of the sensitive texts, also in part: rules
    /// quote a value clipped (`…`) and a rendered problem quotes it inside a sentence, so a
    /// text that holds the value's first 16 letters and digits, or is itself a clipped piece of
    /// the value, shows it. A short sensitive text (`true`, `3`) would hide every parameter
    /// that contains it: it hides only the parameter that is it.
    fn shown_in(&self, t: &str) -> bool {
        let tf = folded(t);
        self.0.iter().any(|(raw, s, head)| {
            if s.chars().count() < 4 {
                return t.trim() == raw.trim() || (!s.is_empty() && tf == *s);
            }
            tf.contains(s.as_str()) || tf.contains(head.as_str()) || (tf.chars().count() >= 8 && s.contains(tf.as_str()))
        })
    }
}

/// A text's letters and digits, lower-cased: how a rule may show a value (re-cased, its
/// spaces or separators dropped, as a region is compacted).
fn folded(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// A core finding without the sensitive texts (its message and fix are rendered from its
/// parameters when asked for).
fn hide(mut d: Diagnostic, sensitive: &Sensitive<'_>) -> Diagnostic {
    sensitive.scrub(&mut d.params.0);
    d
}

/// A lint finding without the sensitive texts (rendered now, so scrubbed first).
fn lint_diagnostic(
    code: &str,
    locale: Option<&str>,
    path: Path,
    mut params: Vec<(&'static str, Param)>,
    sensitive: &Sensitive<'_>,
) -> Diagnostic {
    sensitive.scrub(&mut params);
    diagnostic(rule_of(code), locale, path, params)
}

/// True when an ID was built by `resourceId()` without a subscription.
pub(crate) fn deployment_scoped(id: &str) -> bool {
    id.to_ascii_lowercase().contains(&format!("/subscriptions/{DEPLOYMENT_SUBSCRIPTION}/"))
}
