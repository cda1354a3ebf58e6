//! ATT: which cluster is attached, and whether it can be.
use super::{nonempty, shown, Sink};
use crate::config::AttachConfig;
use crate::diagnostic::{Param, Path};
use crate::registry::codes::*;
use crate::resource_id::{build_cluster_id, parse_cluster_id, same_id, valid_cluster_name, valid_resource_group, ClusterId, IdProblem};
use std::borrow::Cow;

/// The most of a resource ID an `sdk` message quotes: more than any valid AKS cluster ID
/// (15 + 36 + 16 + 90 + 54 + 63 = 274 characters), far less than a hostile one.
const SDK_ID_MAX: usize = 300;

/// ATT001 and ATT002: a resource ID, or a resource group and a cluster name. Returns the
/// configuration's resource ID parsed, when it is well-formed, for [`cluster`] (parsed once).
pub(super) fn target<'a>(s: &mut Sink<'_>, c: &'a AttachConfig) -> Option<ClusterId<'a>> {
    let id = nonempty(&c.resource_id);
    let rg = nonempty(&c.resource_group);
    let name = nonempty(&c.cluster_name);
    if s.sdk() {
        // azureml-core raises at the first of these, in this order.
        if let Some(id) = id {
            let parts: Vec<&str> = id.split('/').collect();
            if parts.len() != 9 {
                // azureml-core quotes the whole ID; the longest valid one has 274 characters, so
                // only hostile input is clipped.
                let shown_id = crate::text::clip(id, SDK_ID_MAX);
                s.emit(ATT002, "", Path::from(["resource_id"]), vec![("resource_id", Param::from(shown_id))]);
            } else if parts[6] != "Microsoft.ContainerService" {
                s.emit(ATT002, "provider", Path::from(["resource_id"]), vec![("provider", shown(parts[6]))]);
            } else if rg.is_some() {
                s.emit(ATT001, "rg_with_id", Path::from(["resource_group"]), vec![]);
            } else if name.is_some() {
                s.emit(ATT001, "name_with_id", Path::from(["cluster_name"]), vec![]);
            }
        } else if rg.is_none() && name.is_some() {
            s.emit(ATT001, "no_rg", Path::from(["resource_group"]), vec![]);
        } else if rg.is_some() && name.is_none() {
            s.emit(ATT001, "no_name", Path::from(["cluster_name"]), vec![]);
        } else if rg.is_none() && name.is_none() {
            s.emit(ATT001, "none", Path::root(), vec![]);
        }
        return None;
    }
    match (id, rg, name) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
            if rg.is_some() {
                s.emit(ATT001, "rg_with_id", Path::from(["resource_group"]), vec![]);
            }
            if name.is_some() {
                s.emit(ATT001, "name_with_id", Path::from(["cluster_name"]), vec![]);
            }
        }
        (None, None, Some(_)) => s.emit(ATT001, "no_rg", Path::from(["resource_group"]), vec![]),
        (None, Some(_), None) => s.emit(ATT001, "no_name", Path::from(["cluster_name"]), vec![]),
        (None, None, None) => s.emit(ATT001, "none", Path::root(), vec![]),
        _ => {}
    }
    if let Some(id) = id {
        let (v, provider) = match parse_cluster_id(crate::text::trim(id)) {
            Ok(parsed) => return Some(parsed),
            Err(IdProblem::Shape) => ("shape", String::new()),
            Err(IdProblem::Subscription) => ("subscription", String::new()),
            Err(IdProblem::Provider(p)) => ("provider", p),
            Err(IdProblem::Name) => ("name", String::new()),
            Err(IdProblem::TrailingSlash) => ("trailing_slash", String::new()),
        };
        s.emit(ATT002, v, Path::from(["resource_id"]), vec![("resource_id", shown(id)), ("provider", shown(&provider))]);
    } else {
        if let Some(rg) = rg.filter(|r| !valid_resource_group(r)) {
            s.emit(ATT002, "resource_group", Path::from(["resource_group"]), vec![("resource_group", shown(rg))]);
        }
        if let Some(n) = name.filter(|n| !valid_cluster_name(n)) {
            s.emit(ATT002, "cluster_name", Path::from(["cluster_name"]), vec![("cluster_name", shown(n))]);
        }
    }
    None
}

/// The ID of the cluster being attached, as far as the configuration and workspace tell.
fn target_id<'a>(s: &Sink<'a>, c: &'a AttachConfig) -> Option<Cow<'a, str>> {
    if let Some(id) = nonempty(&c.resource_id) {
        return Some(Cow::Borrowed(crate::text::trim(id)));
    }
    let sub = s.ctx.workspace.as_ref().and_then(|w| w.subscription_id.as_deref())?;
    Some(Cow::Owned(build_cluster_id(sub, nonempty(&c.resource_group)?, nonempty(&c.cluster_name)?)))
}

/// A region as ARM compares it: without spaces, in lower case (compared lazily, with no copy).
fn norm_region(r: &str) -> impl Iterator<Item = char> + '_ {
    r.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_lowercase())
}

/// ATT003/ATT004 (subscription), ATT006 (private + public FQDN), ATT007 (attached twice),
/// ATT008 (region). `given` is the configuration's resource ID as [`target`] parsed it.
pub(super) fn cluster(s: &mut Sink<'_>, c: &AttachConfig, given: Option<ClusterId<'_>>) {
    let ctx = s.ctx;
    let id = target_id(s, c).or_else(|| ctx.cluster.as_ref().and_then(|cl| cl.id.as_deref()).map(Cow::Borrowed));
    let ws = ctx.workspace.as_ref();
    let (ws_sub, ws_loc) = (ws.and_then(|w| w.subscription_id.as_deref()), ws.and_then(|w| w.location.as_deref()));
    // A malformed ID is ATT002's to report; its subscription means nothing then.
    let parsed = if nonempty(&c.resource_id).is_some() { given } else { id.as_deref().and_then(|i| parse_cluster_id(i).ok()) };
    if let (Some(parsed), Some(ws_sub)) = (parsed, ws_sub) {
        let sub = parsed.subscription;
        if !sub.eq_ignore_ascii_case(ws_sub) {
            let params = vec![("cluster_subscription", shown(sub)), ("workspace_subscription", shown(ws_sub))];
            s.emit(ATT003, "", Path::from(["resource_id"]), params.clone());
            s.emit(ATT004, "", Path::from(["resource_id"]), params);
        }
    }
    if let Some(cl) = ctx.cluster.as_ref() {
        if cl.private_cluster && cl.private_cluster_public_fqdn {
            s.emit(ATT006, "", Path::from(["cluster", "private_cluster_public_fqdn"]), vec![]);
        }
        if let (Some(cloc), Some(wloc)) = (cl.location.as_deref(), ws_loc) {
            if !norm_region(cloc).eq(norm_region(wloc)) {
                s.emit(
                    ATT008,
                    "",
                    Path::from(["cluster", "location"]),
                    vec![("cluster_location", shown(cloc)), ("workspace_location", shown(wloc))],
                );
            }
        }
    }
    if let Some(id) = id.as_deref() {
        let me = nonempty(&c.name).unwrap_or("");
        if let Some(e) = ctx
            .existing_computes
            .iter()
            .find(|e| e.resource_id.as_deref().is_some_and(|r| same_id(r, id)) && !e.name.eq_ignore_ascii_case(me))
        {
            let existing = e.name.clone();
            s.emit(ATT007, "", Path::from(["resource_id"]), vec![("existing", shown(&existing)), ("cluster", shown(id))]);
        }
    }
}

/// ATT005: a private cluster cannot be created through Azure ML.
pub(super) fn create_private(s: &mut Sink<'_>, private: Option<bool>) {
    if private == Some(true) {
        s.emit(ATT005, "", Path::from(["private_cluster"]), vec![]);
    }
}
