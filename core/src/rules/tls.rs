//! TLS: custom certificate or Microsoft certificate (leaf domain label).
use super::{nonempty, shown, Sink};
use crate::config::{SslConfig, TlsStatus};
use crate::context::Context;
use crate::diagnostic::{Diagnostic, Param, Path, Severity};
use crate::dns::check_name;
use crate::pem::{key_matches, read_certificate, read_private_key, KeyMatch, PemProblem};
use crate::registry::codes::*;

fn at(field: &'static str) -> Path {
    Path::from(["ssl", field])
}

fn filled(s: &Option<crate::secret::Secret>) -> bool {
    s.as_ref().is_some_and(|v| !v.is_blank())
}

/// Python's truthiness, which azureml-core's checks use: any non-empty string counts.
use crate::text::is_given as truthy;

/// What [`settings`] found the custom certificate to be, for the rules that run after it.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Checked {
    /// The CNAME is a DNS name, the certificate a PEM certificate (without a private key in it)
    /// and the key a PEM private key that is not encrypted: a certificate Azure ML can serve.
    pub servable: bool,
}

/// TLS001-TLS004 and TLS006/TLS007. Under `sdk` the checks follow azureml-core's if/elif chain
/// exactly, so at most one of TLS001-TLS003 is reported, as it raises.
pub(super) fn settings(s: &mut Sink<'_>, ssl: Option<&SslConfig>, lb_type: Option<&str>) -> Checked {
    let Some(c) = ssl else { return Checked::default() };
    let (cname, cert, key) = if s.sdk() {
        (c.cname.as_deref().is_some_and(|v| !v.is_empty()), truthy(&c.cert), truthy(&c.key))
    } else {
        (nonempty(&c.cname).is_some(), filled(&c.cert), filled(&c.key))
    };
    let leaf = if s.sdk() { c.leaf_domain_label.as_deref().is_some_and(|v| !v.is_empty()) } else { c.has_leaf() };
    let overwrite = c.overwrite_existing_domain == Some(true);
    let any = cname || cert || key;
    // Which parts of a custom certificate are missing matters only when one is being given.
    let absent: Vec<&'static str> = if any {
        [("cname", cname), ("cert", cert), ("key", key)].iter().filter(|(_, p)| !p).map(|(n, _)| *n).collect()
    } else {
        Vec::new()
    };
    let missing: Vec<String> = absent.iter().map(|n| (*n).to_string()).collect();
    if s.sdk() {
        if any {
            if !missing.is_empty() {
                s.emit(TLS001, "", Path::from(["ssl"]), vec![("missing", Param::List(missing))]);
            } else if leaf {
                s.emit(TLS002, "", Path::from(["ssl"]), vec![]);
            } else if overwrite {
                s.emit(TLS003, "", Path::from(["ssl"]), vec![]);
            }
        }
        return Checked::default();
    }
    if any && !missing.is_empty() {
        let path = if absent.len() == 1 { at(absent[0]) } else { Path::from(["ssl"]) };
        s.emit(TLS001, "", path, vec![("missing", Param::List(missing))]);
    }
    if leaf && any {
        s.emit(TLS002, "", Path::from(["ssl"]), vec![]);
    }
    if overwrite && !leaf {
        s.emit(TLS003, "", at("overwrite_existing_domain"), vec![]);
    }
    if c.enables_tls() && lb_type == Some("InternalLoadBalancer") {
        s.emit(TLS004, "", Path::from(["ssl"]), vec![]);
    }
    Checked { servable: material(s, c) }
}

/// TLS006 and TLS007: what the CNAME, certificate and key really are. True when all three are
/// what they should be (see [`Checked::servable`]).
fn material(s: &mut Sink<'_>, c: &SslConfig) -> bool {
    let cname = nonempty(&c.cname).map(crate::text::trim);
    let mut cname_ok = false;
    if let Some(n) = cname {
        match check_name(n) {
            Ok(()) => cname_ok = true,
            Err(p) => s.emit(TLS006, "cname", at("cname"), vec![("cname", shown(n)), ("reason", Param::from(p.reason()))]),
        }
    }
    let cert = c.cert.as_ref().filter(|v| !v.is_blank()).map(|v| read_certificate(v.expose()));
    let key = c.key.as_ref().filter(|v| !v.is_blank()).map(|v| read_private_key(v.expose()));
    let mut cert_alone = false;
    let cert = match cert {
        Some(Ok(ci)) => {
            // A combined PEM file (cert and key in one, as some exports write it) given as the
            // certificate would send the private key in the certificate's field.
            if c.cert.as_ref().is_some_and(|v| crate::pem::holds_private_key(v.expose())) {
                s.emit(TLS006, "cert_with_key", at("cert"), vec![]);
            } else {
                cert_alone = true;
            }
            Some(ci)
        }
        Some(Err(p)) => {
            pem_problem(s, "cert", &p, c.cert.as_ref().map(|v| v.expose()));
            None
        }
        None => None,
    };
    let key = match key {
        Some(Ok(k)) => Some(k),
        Some(Err(PemProblem::Encrypted)) => {
            s.emit(TLS007, "key_encrypted", at("key"), vec![]);
            None
        }
        Some(Err(p)) => {
            pem_problem(s, "key", &p, c.key.as_ref().map(|v| v.expose()));
            None
        }
        None => None,
    };
    let servable = cname_ok && cert_alone && key.is_some();
    let Some(ci) = cert else { return servable };
    if let (Some(n), true) = (cname, cname_ok) {
        if !ci.covers(n) {
            s.emit(
                TLS007,
                "cname",
                at("cert"),
                vec![("cname", shown(n)), ("names", Param::List(ci.names().iter().map(|x| crate::text::clip(x, 80)).take(10).collect()))],
            );
        }
    }
    if let Some(now) = s.ctx.now {
        if now < ci.not_before {
            s.emit(TLS007, "not_yet_valid", at("cert"), vec![("from", Param::from(crate::time::date(ci.not_before)))]);
        } else if now > ci.not_after {
            s.emit(TLS007, "expired", at("cert"), vec![("until", Param::from(crate::time::date(ci.not_after)))]);
        }
    }
    if let Some(k) = key {
        if key_matches(&ci, &k) == KeyMatch::No {
            s.emit(TLS007, "key_mismatch", at("key"), vec![]);
        }
    }
    servable
}

/// Whether a text that holds no PEM block is PEM encoded once more in base64: the form
/// Kubernetes keeps secrets in, which `kubectl get secret/azuremlfessl -o yaml` prints and the
/// how-to page says to decode before `enable_ssl`. Base64 of `-----BEGI` is always
/// `LS0tLS1CRUdJ`, whatever follows, so the prefix decides without decoding the secret.
fn base64_pem(text: &str) -> bool {
    text.trim_start().starts_with("LS0tLS1CRUdJ")
}

fn pem_problem(s: &mut Sink<'_>, field: &'static str, p: &PemProblem, text: Option<&str>) {
    let (variant, found) = match (field, p) {
        ("cert", PemProblem::NotPem) if text.is_some_and(base64_pem) => ("cert_base64", String::new()),
        ("key", PemProblem::NotPem) if text.is_some_and(base64_pem) => ("key_base64", String::new()),
        ("cert", PemProblem::WrongLabel(l)) => ("cert_label", l.clone()),
        ("key", PemProblem::WrongLabel(l)) => ("key_label", l.clone()),
        ("cert", PemProblem::Corrupt(_)) => ("cert_corrupt", String::new()),
        ("key", PemProblem::Corrupt(_)) => ("key_corrupt", String::new()),
        ("cert", _) => ("cert", String::new()),
        _ => ("key", String::new()),
    };
    s.emit(TLS006, variant, at(field), vec![("label", Param::from(crate::text::clip(&found, 40)))]);
}

/// TLS005: the leaf domain label becomes `<label>######.<region>.cloudapp.azure.com`; the label
/// that will exist is checked, not the part the user gives.
pub(super) fn leaf_label(s: &mut Sink<'_>, ssl: Option<&SslConfig>, region: Option<&str>) {
    let Some(label) = ssl.and_then(|c| nonempty(&c.leaf_domain_label)) else { return };
    let b = label.as_bytes();
    let variant = if b.len() > 57 {
        Some("too_long")
    } else if let Some(c) = label.chars().find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')) {
        Some(if c.is_ascii_uppercase() { "uppercase" } else { "chars" })
    } else if !b[0].is_ascii_lowercase() {
        Some("start")
    } else {
        // A trailing hyphen is fine: six generated characters follow it in the label that will
        // exist (`<label>######`), which therefore never ends with one.
        None
    };
    if let Some(v) = variant {
        let region = region
            .or_else(|| s.ctx.workspace.as_ref().and_then(|w| w.location.as_deref()))
            .map(|r| r.to_ascii_lowercase().replace(' ', ""))
            .unwrap_or_else(|| "<region>".into());
        let fqdn = format!("{}######.{region}.{}", crate::text::clip(label, 60), s.profile.cloudapp_suffix());
        s.emit(
            TLS005,
            v,
            at("leaf_domain_label"),
            vec![("label", shown(label)), ("length", Param::from(label.chars().count())), ("fqdn", Param::from(fqdn))],
        );
    }
}

/// TLS008 on attach: a TLS cluster that is attached again needs its certificate and key again.
pub(super) fn reattach(s: &mut Sink<'_>, ssl: Option<&SslConfig>) {
    if ssl.is_some_and(SslConfig::enables_tls) {
        s.emit(TLS008, "", Path::from(["ssl"]), vec![]);
    }
}

/// Whether the compute as it is now (context `compute`) has TLS on.
fn compute_tls_on(s: &Sink<'_>) -> bool {
    s.ctx.compute.as_ref().and_then(|c| c.ssl_status.as_deref()).is_some_and(|st| !st.eq_ignore_ascii_case("disabled"))
}

/// TLS008 on update: component updates come by detach and re-attach (OPS004), and a TLS
/// compute then needs its certificate and key again.
pub(super) fn reattach_after_update(s: &mut Sink<'_>) {
    if compute_tls_on(s) {
        s.emit(TLS008, "", Path::from(["ssl"]), vec![]);
    }
}

/// TLS008 on detach: "retrieve the certificate and key before detaching" (they are in the
/// cluster's `azuremlfessl` secret, which goes with the compute).
pub(super) fn before_detach(s: &mut Sink<'_>) {
    if compute_tls_on(s) {
        s.emit(TLS008, "detach", Path::root(), vec![]);
    }
}

/// TLS004 on an update that moves a TLS compute to the internal load balancer without touching
/// TLS: the update is a GET-merge-PUT, so the compute's TLS stays on. (An update that enables
/// TLS itself is judged by [`settings`].)
pub(super) fn update_internal(s: &mut Sink<'_>, ssl: Option<&SslConfig>, lb_type: Option<&str>) {
    if lb_type != Some("InternalLoadBalancer") || !compute_tls_on(s) {
        return;
    }
    let changes_tls = ssl.is_some_and(|c| c.enables_tls() || c.status.as_deref().is_some_and(|st| st.eq_ignore_ascii_case("disabled")));
    if !changes_tls {
        s.emit(TLS004, "update", Path::from(["load_balancer_type"]), vec![]);
    }
}

/// TLS010: with a custom certificate, the CNAME's DNS record must point to the scoring
/// endpoint's IP address, which Azure ML does not set. Only for a complete custom certificate
/// that [`settings`] found servable (`checked`): otherwise TLS001, TLS002, TLS006 or TLS007 (an
/// encrypted key, which Azure ML cannot use) say what to fix first, and a DNS step for a
/// certificate that cannot be served would be noise.
pub(super) fn dns_record(s: &mut Sink<'_>, ssl: Option<&SslConfig>, checked: Checked) {
    let Some(c) = ssl.filter(|c| checked.servable && c.enables_tls() && !c.has_leaf() && filled(&c.cert) && filled(&c.key)) else {
        return;
    };
    if let Some(cname) = nonempty(&c.cname).map(crate::text::trim) {
        s.emit(TLS010, "", at("cname"), vec![("cname", shown(cname))]);
    }
}

/// TLS009: renew applies only to a leaf-domain-label certificate.
pub(super) fn renew(s: &mut Sink<'_>, ssl: Option<&SslConfig>) {
    let Some(c) = ssl.filter(|c| c.renew == Some(true)) else { return };
    // azureml-core's update takes a Disabled status before renew, so renew is then moot.
    if c.status.as_deref().is_some_and(|st| st.eq_ignore_ascii_case("disabled")) {
        return;
    }
    let current_leaf = s.ctx.compute.as_ref().map(|cp| cp.leaf_domain_label.is_some());
    if s.sdk() {
        if current_leaf == Some(false) {
            s.emit(TLS009, "", at("renew"), vec![]);
        }
        return;
    }
    if c.has_custom() {
        s.emit(TLS009, "custom", at("renew"), vec![]);
    } else if current_leaf == Some(false) {
        s.emit(TLS009, "", at("renew"), vec![]);
    }
}

/// TLS011: a TLS status that says something else than the certificate beside it. azureml-core
/// and Terraform never send a status of their own: `Enabled` goes with a custom certificate,
/// `Auto` with a leaf domain label (a Microsoft certificate), and neither without one. An update
/// (the core builds its body the same way) or an ARM body (sent as written) can still carry one.
/// A renew is left to TLS009.
pub(super) fn status(s: &mut Sink<'_>, ssl: Option<&SslConfig>) {
    let Some(c) = ssl.filter(|c| c.renew != Some(true)) else { return };
    let Some(st) = c.status.as_deref().filter(|t| !t.trim().is_empty()) else { return };
    declared(s, st, c.has_custom(), c.has_leaf());
}

fn declared(s: &mut Sink<'_>, status: &str, custom: bool, leaf: bool) {
    let p = || vec![("status", shown(status))];
    match TlsStatus::parse(status.trim()) {
        None => s.emit_as(TLS011, Severity::Error, "unknown", at("status"), p()),
        // Both kinds of certificate at once: TLS002 says which to drop.
        Some(_) if custom && leaf => {}
        Some(TlsStatus::Disabled) if custom || leaf => s.emit(TLS011, "disabled_material", at("status"), p()),
        Some(TlsStatus::Disabled) => {}
        Some(_) if !custom && !leaf => s.emit(TLS011, "", at("status"), p()),
        Some(TlsStatus::Auto) if custom => s.emit(TLS011, "auto_custom", at("status"), p()),
        Some(TlsStatus::Enabled) if leaf => s.emit(TLS011, "enabled_leaf", at("status"), p()),
        Some(_) => {}
    }
}

/// TLS011 for a compute declared in infrastructure code, whose create or attach body carries
/// `sslConfiguration.status` as written (the configuration shapes of a create and an attach have
/// no status: the tools derive it). `custom` and `leaf`: whether a CNAME, certificate or key,
/// and a leaf domain label, are declared beside it.
pub(crate) fn declared_status(ctx: &Context, status: &str, custom: bool, leaf: bool) -> Vec<Diagnostic> {
    let mut s = Sink::new(ctx);
    declared(&mut s, status, custom, leaf);
    s.finish().diagnostics
}
