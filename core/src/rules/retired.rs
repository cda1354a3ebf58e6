//! CAP010: a create with a VM size Azure has retired. The catalog knows which (the sizes the
//! newest revision of its source, the Resource SKUs list, no longer has); the service refuses
//! them only minutes into the create.
use super::capacity::DEFAULT_VM_SIZE;
use super::{nonempty, shown, Sink};
use crate::config::CreateConfig;
use crate::diagnostic::{Param, Path};
use crate::registry::codes::CAP010;

/// Create only: an attached cluster already runs its size, and an update cannot change it. A
/// size the caller describes in the context's `vm_sizes` is theirs to know, so it is left alone.
pub(super) fn create(s: &mut Sink<'_>, cfg: &CreateConfig) {
    if !s.wants(CAP010) {
        return;
    }
    let name = nonempty(&cfg.vm_size).unwrap_or(DEFAULT_VM_SIZE);
    if let Some(last_seen) = crate::vmsize::retired_last_seen(name, &s.ctx.vm_sizes) {
        s.emit(CAP010, "", Path::from(["vm_size"]), vec![("vm_size", shown(name)), ("last_seen", Param::from(last_seen))]);
    }
}
