//! CAP010: a create with a VM size Azure has retired. The catalog knows which (the sizes the
//! newest revision of its source, the Resource SKUs list, no longer has); the service refuses
//! them only minutes into the create.
use super::{shown, Sink};
use crate::diagnostic::{Param, Path};
use crate::registry::codes::CAP010;

/// Create only: an attached cluster already runs its size, and an update cannot change it. A
/// size the caller describes in the context's `vm_sizes` is theirs to know, so it is left alone.
/// `last_seen`: the catalog's date for the create's size `name` (the default when none is given),
/// `None` for a current size or one the caller describes.
pub(super) fn create(s: &mut Sink<'_>, name: &str, last_seen: Option<&'static str>) {
    if !s.wants(CAP010) {
        return;
    }
    if let Some(last_seen) = last_seen {
        s.emit(CAP010, "", Path::from(["vm_size"]), vec![("vm_size", shown(name)), ("last_seen", Param::from(last_seen))]);
    }
}
