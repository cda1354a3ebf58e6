//! The compiled-in VM size catalog (`data/vm-sizes.csv`, turned into tables by the build script):
//! one row per size, names packed into one string so the table stays small in the WASM.

/// One size of the catalog; its name is a slice of [`VM_NAMES`].
pub(crate) struct VmSizeRow {
    /// Where the name starts in [`VM_NAMES`] (a byte offset).
    pub start: u32,
    /// The name's length in bytes.
    pub len: u8,
    /// The name starts with `Standard_` (stored without it).
    pub standard: bool,
    /// Virtual CPUs.
    pub vcpus: u16,
    /// Memory in GiB.
    pub memory_gib: f32,
    /// GPUs (0 for none).
    pub gpus: u8,
    /// Has an FPGA.
    pub fpga: bool,
}

impl VmSizeRow {
    /// The name without its `Standard_` prefix.
    pub fn short(&self) -> &'static str {
        let s = self.start as usize;
        VM_NAMES.get(s..s + usize::from(self.len)).unwrap_or("")
    }
    /// The name without its prefix, in lower case.
    pub fn short_lower(&self) -> &'static [u8] {
        let s = self.start as usize;
        VM_NAMES_LOWER.as_bytes().get(s..s + usize::from(self.len)).unwrap_or(&[])
    }
    /// The canonical name.
    pub fn name(&self) -> std::borrow::Cow<'static, str> {
        if self.standard {
            std::borrow::Cow::Owned(format!("Standard_{}", self.short()))
        } else {
            std::borrow::Cow::Borrowed(self.short())
        }
    }
}

include!(concat!(env!("OUT_DIR"), "/vm_sizes.rs"));
