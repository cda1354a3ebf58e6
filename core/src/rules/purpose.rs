//! PURP: the cluster purpose.
use super::{shown, Sink};
use crate::diagnostic::{Param, Path};
use crate::registry::codes::*;

const PURPOSES: &[&str] = crate::config::ClusterPurpose::NAMES;

/// The purpose meant: the exact value, or the one a wrong-case spelling (`devTest`) names.
/// Anything else is not a purpose at all (and is judged as production, like an omitted one).
fn meant(p: Option<&str>) -> Option<&'static str> {
    let p = p?;
    PURPOSES.iter().find(|k| k.eq_ignore_ascii_case(p)).copied()
}

/// True for a dev/test purpose, also when its case is wrong: the capacity rules judge the
/// purpose that was meant, once (PURP001 says the spelling is refused).
pub(crate) fn is_dev_test(p: Option<&str>) -> bool {
    meant(p) == Some("DevTest")
}

pub(super) fn check(s: &mut Sink<'_>, purpose: Option<&str>) {
    let path = || Path::from(["cluster_purpose"]);
    let Some(p) = purpose.filter(|p| !p.is_empty()) else { return };
    if !PURPOSES.contains(&p) {
        let (variant, hint) = match meant(Some(p)) {
            Some(k) => ("case", k),
            None => ("", crate::text::suggest(p, PURPOSES).unwrap_or("FastProd")),
        };
        s.emit(PURP001, variant, path(), vec![("purpose", shown(p)), ("suggestion", Param::from(hint))]);
        return;
    }
    if is_dev_test(Some(p)) {
        s.emit(PURP002, "", path(), vec![]);
    }
}
