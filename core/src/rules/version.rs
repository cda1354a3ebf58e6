//! VER: Kubernetes versions.
use super::{shown, Sink};
use crate::diagnostic::{Param, Path, Severity};
use crate::k8s::{KubeVersion, VersionSource};

use crate::registry::codes::*;

/// VER001 (and VER006 for a version that does not even parse). Only a list the caller gives
/// names a default: the built-in snapshot is a dated fallback for VER002, not today's default,
/// so without a list the message says the region's default applies and how to see it.
pub(super) fn create(s: &mut Sink<'_>, given: Option<&str>, region: Option<&str>) {
    // Without a version only VER001's info is said: below a floor that drops infos, nothing.
    if given.is_none() && !s.keeps(Severity::Info) {
        return;
    }
    let path = Path::from(["kubernetes_version"]);
    let listed = s.ctx.kubernetes_versions.as_ref();
    let default = listed.and_then(|l| l.default_version()).map(|e| e.version.to_string());
    // Shown only when no list names a default.
    let region = || {
        let r = region.or_else(|| s.ctx.workspace.as_ref().and_then(|w| w.location.as_deref()));
        let Some(r) = r else { return Param::text("<region>") };
        // Lower-cased without spaces in one copy; clipped (a second) only when it is long. A
        // region as ARM writes it (`eastus`) is copied whole: char by char cost 400 instructions.
        let compact: String = if r.bytes().all(|b| b != b' ' && !b.is_ascii_uppercase()) {
            r.to_string()
        } else {
            r.chars().filter(|c| *c != ' ').map(|c| c.to_ascii_lowercase()).collect()
        };
        Param::from(if compact.chars().nth(40).is_some() { crate::text::clip(&compact, 40) } else { compact })
    };
    if let Some(g) = given {
        if KubeVersion::parse(g).is_none() {
            s.emit(VER006, "", path.clone(), vec![("version", shown(g))]);
        }
    }
    // A default is named only from the caller's list (the messages say so, in their language).
    match (given, default, listed) {
        (Some(g), Some(d), Some(_)) => s.emit(VER001, "", path, vec![("version", shown(g)), ("default", Param::from(d))]),
        (Some(g), _, _) => {
            let params = vec![("version", shown(g)), ("region", region())];
            s.emit(VER001, "region", path, params)
        }
        (None, Some(d), Some(_)) => s.emit_as(VER001, Severity::Info, "default", path, vec![("default", Param::from(d))]),
        (None, _, _) => {
            let params = vec![("region", region())];
            s.emit_as(VER001, Severity::Info, "region_default", path, params)
        }
    }
}

/// VER002-VER006 on the cluster being attached.
pub(super) fn attach(s: &mut Sink<'_>) {
    let Some(raw) = s.ctx.cluster.as_ref().and_then(|c| c.kubernetes_version.clone()) else { return };
    let path = Path::from(["cluster", "kubernetes_version"]);
    let Some(v) = KubeVersion::parse(&raw) else {
        s.emit(VER006, "", path, vec![("version", shown(&raw))]);
        return;
    };
    if s.on(VER004) && !v.at_most_minor(1, 17) {
        s.emit(VER004, "", path.clone(), vec![("version", Param::from(v.to_string()))]);
    }
    let versions = s.ctx.versions();
    let snapshot = matches!(versions.source, VersionSource::Snapshot { .. });
    // A version newer than every one the snapshot lists came out after it was taken: the
    // snapshot cannot tell whether AKS supports it (today's clusters all run such versions).
    // So can a patch newer than every listed patch of its minor (1.25.6 where 1.25.5 is the
    // newest): AKS adds patches to a minor it supports. One older than all of them it can
    // judge, since support only moves forward.
    let older = |e: &crate::k8s::VersionEntry| e.version.cmp_numeric(&v) == std::cmp::Ordering::Less;
    let after_snapshot = snapshot && {
        let mut minor = versions.entries.iter().filter(|e| e.version.same_minor(&v)).peekable();
        versions.entries.iter().all(older) || (v.patch.is_some() && minor.peek().is_some() && minor.all(older))
    };
    match versions.find(&v) {
        None if after_snapshot => {}
        None => {
            // A stale snapshot must not block: against it, this is only a warning.
            let sev = if snapshot { Severity::Warning } else { Severity::Error };
            let mut listed = versions.listed();
            // A 10,000-row table must not become a 10,000-item message; what is left out is
            // counted in digits, which every language reads.
            if listed.len() > 12 {
                let more = listed.len() - 12;
                listed.truncate(12);
                listed.push(format!("… +{more}"));
            }
            // Where the list comes from is the variant, said in the message's language.
            let mut params = vec![("version", Param::from(v.to_string())), ("supported", Param::List(listed))];
            let variant = match versions.source {
                VersionSource::Snapshot { date } => {
                    params.push(("date", Param::text(date)));
                    "snapshot"
                }
                VersionSource::Given => "",
            };
            s.emit_as(VER002, sev, variant, path.clone(), params);
        }
        Some(e) if e.preview || v.preview => {
            s.emit(VER003, "", path.clone(), vec![("version", Param::from(v.to_string()))]);
        }
        Some(_) => {}
    }
    if v.at_most_minor(1, 16) {
        s.emit(VER005, "", path, vec![("version", Param::from(v.to_string()))]);
    }
}
