//! The compiled-in VM size catalog (`data/vm-sizes.csv`, turned into columns by the build
//! script): the names packed into one string and one array per fact, so the tables stay small
//! in the WASM. A row is its index in those columns.

/// One size of the catalog: its index in the columns.
#[derive(Clone, Copy)]
pub(crate) struct VmSizeRow(usize);

impl VmSizeRow {
    /// The name without its `Standard_` prefix.
    pub fn short(self) -> &'static str {
        let (names, starts) = names();
        let (Some(&s), Some(&e)) = (starts.get(self.0), starts.get(self.0 + 1)) else { return "" };
        names.get(usize::from(s)..usize::from(e)).unwrap_or("")
    }
    /// The name starts with `Standard_` (stored without it).
    pub fn standard(self) -> bool {
        self.0 >= VM_FIRST_STANDARD
    }
    /// Virtual CPUs.
    pub fn vcpus(self) -> u16 {
        VM_VCPUS.get(self.0).copied().unwrap_or(0)
    }
    /// GPUs (0 for none).
    pub fn gpus(self) -> u8 {
        VM_GPUS.get(self.0).copied().unwrap_or(0)
    }
    /// Has an FPGA.
    pub fn fpga(self) -> bool {
        VM_FPGA.get(self.0).copied().unwrap_or(false)
    }
    /// Memory in GiB.
    pub fn memory_gib(self) -> f32 {
        VM_MEMORY.get(self.0).and_then(|&m| VM_MEMORY_GIB.get(usize::from(m))).copied().unwrap_or(0.0)
    }
    /// The canonical name.
    pub fn name(self) -> std::borrow::Cow<'static, str> {
        if self.standard() {
            let mut s = String::with_capacity("Standard_".len() + self.short().len());
            s.push_str("Standard_");
            s.push_str(self.short());
            std::borrow::Cow::Owned(s)
        } else {
            std::borrow::Cow::Borrowed(self.short())
        }
    }
}

/// Every short name in one string and where each starts (the last is where the names end):
/// [`VM_NAMES_PACKED`] decoded on first use. The module carries the front-coded form, a third of
/// the gzipped bytes of this one (see the build script).
fn names() -> &'static (String, Vec<u16>) {
    static NAMES: std::sync::OnceLock<(String, Vec<u16>)> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<u8> = Vec::with_capacity(VM_NAMES_LEN);
        let mut starts = Vec::with_capacity(VM_VCPUS.len() + 1);
        let (mut at, mut previous) = (0usize, 0usize);
        while let (Some(&shared), Some(&len)) = (VM_NAMES_PACKED.get(at), VM_NAMES_PACKED.get(at + 1)) {
            let start = names.len();
            let prefix = previous..(previous + usize::from(shared)).min(start);
            names.extend_from_within(prefix);
            names.extend_from_slice(VM_NAMES_PACKED.get(at + 2..at + 2 + usize::from(len)).unwrap_or_default());
            starts.push(u16::try_from(start).unwrap_or(u16::MAX));
            previous = start;
            at += 2 + usize::from(len);
        }
        starts.push(u16::try_from(names.len()).unwrap_or(u16::MAX));
        // ASCII by construction (the build script refuses other names).
        let names = String::from_utf8(names).unwrap_or_default();
        (names, starts)
    })
}

/// Every row, in catalog order.
pub(crate) fn rows() -> impl ExactSizeIterator<Item = VmSizeRow> {
    (0..VM_VCPUS.len()).map(VmSizeRow)
}

/// The row whose (has the `Standard_` prefix, lower-case rest) is `(standard, lower)`: the
/// order the build script sorted the catalog in, so a binary search finds it. The search runs
/// within the rows of that prefix only, over the names' bytes (case folded as they are
/// compared, nothing copied): a step is a few byte compares, which most names settle at their
/// first or second byte.
pub(crate) fn find(standard: bool, lower: &[u8]) -> Option<VmSizeRow> {
    let (names, starts) = names();
    let names = names.as_bytes();
    let (mut lo, mut hi) = if standard { (VM_FIRST_STANDARD, VM_VCPUS.len()) } else { (0, VM_FIRST_STANDARD) };
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let (Some(&s), Some(&e)) = (starts.get(mid), starts.get(mid + 1)) else { return None };
        let name = names.get(usize::from(s)..usize::from(e)).unwrap_or_default();
        match folded_cmp(name, lower) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Some(VmSizeRow(mid)),
        }
    }
    None
}

/// `name`, lower-cased, against `lower`, byte by byte.
#[inline]
fn folded_cmp(name: &[u8], lower: &[u8]) -> std::cmp::Ordering {
    for (a, b) in name.iter().zip(lower) {
        let a = a.to_ascii_lowercase();
        if a != *b {
            return a.cmp(b);
        }
    }
    name.len().cmp(&lower.len())
}

include!(concat!(env!("OUT_DIR"), "/vm_sizes.rs"));
