//! PURP: the cluster purpose.
use super::{shown, Sink};
use crate::diagnostic::{Param, Path};
use crate::registry::codes::*;

const PURPOSES: &[&str] = crate::config::ClusterPurpose::NAMES;

/// True for a dev/test purpose; anything else (or nothing) is production.
pub(crate) fn is_dev_test(p: Option<&str>) -> bool {
    p.is_some_and(|p| p == "DevTest")
}

pub(super) fn check(s: &mut Sink<'_>, purpose: Option<&str>) {
    let path = Path::from(["cluster_purpose"]);
    let Some(p) = purpose.filter(|p| !p.is_empty()) else { return };
    if !PURPOSES.contains(&p) {
        let hint = crate::text::suggest(p, PURPOSES).unwrap_or("FastProd");
        s.emit(PURP001, "", path, vec![("purpose", shown(p)), ("suggestion", Param::from(hint))]);
        return;
    }
    if is_dev_test(Some(p)) {
        s.emit(PURP002, "", path, vec![]);
    }
}
