//! OPS: what the operations do beyond the request itself.
use super::{shown, Sink};
use crate::config::UnderlyingAction;
use crate::diagnostic::Path;
use crate::registry::codes::*;

/// OPS001: create is not idempotent, so an existing name means the create fails; OPS003:
/// a created cluster is Azure ML's to configure as much as an attached one.
pub(super) fn create(s: &mut Sink<'_>, name: Option<&str>) {
    if let Some(name) = name.filter(|n| !n.is_empty()) {
        if s.ctx.existing_computes.iter().any(|e| e.name.eq_ignore_ascii_case(name)) {
            s.emit(OPS001, "", Path::from(["name"]), vec![("name", shown(name))]);
        }
    }
    s.always(OPS003);
}

pub(super) fn attach(s: &mut Sink<'_>) {
    s.always(OPS003);
}

pub(super) fn update(s: &mut Sink<'_>) {
    s.always(OPS004);
    super::tls::reattach_after_update(s);
}

pub(super) fn detach(s: &mut Sink<'_>, action: UnderlyingAction) {
    let v = match action {
        UnderlyingAction::Detach => "detach",
        UnderlyingAction::Delete => "delete",
    };
    s.emit(OPS002, v, Path::from(["action"]), vec![]);
}
