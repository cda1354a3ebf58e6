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
    /// For a size Azure has retired (the newest revision of the catalog's source no longer lists
    /// it), the date of the last revision that did.
    pub fn retired_last_seen(self) -> Option<&'static str> {
        // Each group lists its rows in catalog order: a binary search per group, as every
        // create asks this of its size.
        let row = u16::try_from(self.0).ok()?;
        let mut start = 0;
        for &(end, date) in &VM_RETIRED_GROUPS {
            let end = usize::from(end);
            if VM_RETIRED.get(start..end)?.binary_search(&row).is_ok() {
                return Some(date);
            }
            start = end;
        }
        None
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

/// The row whose (has the `Standard_` prefix, lower-case rest) is `(standard, lower)`. Looked
/// up in a hash table of the rows, made on the first look-up: a hash of a dozen bytes and a
/// compare or two, where the binary search over 1,477 rows took eleven steps of byte compares
/// (800 instructions a name, the most of any one step of a full create's rules).
pub(crate) fn find(standard: bool, lower: &[u8]) -> Option<VmSizeRow> {
    let index = index();
    let mask = index.slots.len() - 1;
    let mut at = hash(standard, lower) & mask;
    loop {
        let row = usize::from(*index.slots.get(at)?);
        if row == usize::from(EMPTY) {
            return None;
        }
        if (row >= VM_FIRST_STANDARD) == standard && index.lower(row) == Some(lower) {
            return Some(VmSizeRow(row));
        }
        at = (at + 1) & mask;
    }
}

/// A slot of [`Index`] that holds no row.
const EMPTY: u16 = u16::MAX;

/// The rows by (prefix, lower-cased short name): open addressing over a power of two of slots,
/// at most half full, so a probe ends at the first or second slot.
struct Index {
    /// The short names lower-cased, at the places [`names`] has them.
    lower: Vec<u8>,
    /// Row numbers, or [`EMPTY`].
    slots: Vec<u16>,
}

impl Index {
    fn lower(&self, row: usize) -> Option<&[u8]> {
        let starts = &names().1;
        let (Some(&s), Some(&e)) = (starts.get(row), starts.get(row + 1)) else { return None };
        self.lower.get(usize::from(s)..usize::from(e))
    }
}

fn index() -> &'static Index {
    static INDEX: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let rows = VM_VCPUS.len();
        let mut index = Index { lower: names().0.as_bytes().to_ascii_lowercase(), slots: vec![EMPTY; (rows * 2).next_power_of_two()] };
        let mask = index.slots.len() - 1;
        for row in 0..rows {
            let Some(name) = index.lower(row) else { continue };
            let mut at = hash(row >= VM_FIRST_STANDARD, name) & mask;
            // The first row of a name wins, as the sorted search found it (names are unique).
            while let Some(&taken) = index.slots.get(at) {
                if taken == EMPTY {
                    break;
                }
                if (usize::from(taken) >= VM_FIRST_STANDARD) == (row >= VM_FIRST_STANDARD) && index.lower(usize::from(taken)) == Some(name)
                {
                    at = usize::MAX;
                    break;
                }
                at = (at + 1) & mask;
            }
            if let (Some(slot), Ok(r)) = (index.slots.get_mut(at), u16::try_from(row)) {
                *slot = r;
            }
        }
        index
    })
}

/// FNV-1a over the name, the prefix flag first: no hasher crate for a table that only the
/// catalog's own names fill.
fn hash(standard: bool, name: &[u8]) -> usize {
    let mut h: u32 = 0x811c_9dc5 ^ u32::from(standard);
    for &b in name {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h as usize
}

include!(concat!(env!("OUT_DIR"), "/vm_sizes.rs"));
