//! VM sizes: the compiled-in catalog of 1,477 Azure sizes (`data/vm-sizes.csv`), and the naming
//! convention for the sizes it lacks: `Standard_<family><vCPUs>[-<active vCPUs>]<features>[_<accelerator>][_v<version>]`,
//! matched without regard to case, as Azure matches size names. The number is the vCPU count
//! except in the v1/v2 A, D, DS, G and GS families, where it is a size index (so nothing is
//! derived there). A constrained size (`E4-2s_v3`) has the parent's hardware and only the
//! active vCPUs for workloads.
mod catalog;

use catalog::VmSizeRow;
use serde::Serialize;

/// Where a size's facts came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeSource {
    /// The caller's override table (context `vm_sizes`).
    Override,
    /// The compiled-in catalog.
    Catalog,
    /// Derived from the name by the naming convention (vCPUs only).
    Name,
}

/// What is known about a VM size.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VmSize {
    /// The canonical name (as the catalog writes it, or as given).
    pub name: String,
    /// vCPUs per node, as Azure lists the size.
    pub vcpus: u32,
    /// For a constrained size (`E32-8s_v5`), the active vCPUs: the size has the parent's
    /// hardware (`vcpus`, what Azure lists) but only these run workloads, so the rules count them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active_vcpus: Option<u32>,
    /// `None` when derived from a name: the name does not tell.
    pub gpus: Option<u32>,
    /// Whether the size has an FPGA; `None` when derived from a name.
    pub fpga: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Memory per node (catalog sizes only), for display.
    pub memory_gib: Option<f64>,
    /// Where these figures came from, which messages say (a derived size may be wrong).
    pub source: SizeSource,
}

impl VmSize {
    /// A GPU size has GPUs and is not an FPGA size (NP sizes report their FPGA cards as GPUs).
    pub fn is_gpu(&self) -> bool {
        self.gpus.unwrap_or(0) > 0 && self.fpga != Some(true)
    }
    /// An FPGA size (PB6s, NP-series).
    pub fn is_fpga(&self) -> bool {
        self.fpga == Some(true)
    }
    /// Accelerated: GPU or FPGA.
    pub fn is_accelerated(&self) -> bool {
        self.is_gpu() || self.is_fpga()
    }
    /// The vCPUs a node can use: the active ones of a constrained size, else all of them.
    pub fn usable_vcpus(&self) -> u32 {
        self.active_vcpus.unwrap_or(self.vcpus)
    }
}

/// A caller-supplied size, which wins over the catalog.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VmSizeOverride {
    /// The size's name, matched without regard to case.
    pub name: String,
    /// vCPUs per node.
    pub vcpus: u32,
    /// GPUs per node.
    pub gpus: u32,
    /// Whether the size has an FPGA.
    pub fpga: bool,
}

/// The catalog row of a trimmed name.
fn row(name: &str) -> Option<VmSizeRow> {
    // Lower the name into a stack buffer (no size name comes near 64 bytes), then compare
    // (has the Standard_ prefix, the rest) byte for byte, as the table is ordered.
    let n = name.as_bytes();
    let mut buf = [0u8; 64];
    let lower = buf.get_mut(..n.len())?;
    for (l, c) in lower.iter_mut().zip(n) {
        *l = c.to_ascii_lowercase();
    }
    let lower: &[u8] = lower;
    match lower.strip_prefix(b"standard_") {
        Some(rest) => catalog::find(true, rest),
        None => catalog::find(false, lower),
    }
}

/// Looks a size up in the catalog, case-insensitively.
pub fn catalog(name: &str) -> Option<VmSize> {
    row(crate::text::trim(name)).map(|r| from_row(r, true))
}

/// A catalog row's facts; `named` builds the canonical name (one allocation for a `Standard_`
/// size), which only what shows the size needs.
fn from_row(r: VmSizeRow, named: bool) -> VmSize {
    // Only a `-` introduces the active count: most names need no parse (and no copy).
    let active_vcpus = if r.short().contains('-') { parse(&r.name()).and_then(|p| p.constrained) } else { None };
    VmSize {
        active_vcpus,
        name: if named { r.name().into_owned() } else { String::new() },
        vcpus: u32::from(r.vcpus()),
        gpus: Some(u32::from(r.gpus())),
        fpga: Some(r.fpga()),
        memory_gib: Some(f64::from(r.memory_gib())),
        source: SizeSource::Catalog,
    }
}

/// For a catalog size Azure has retired, the date the catalog's source last listed it
/// (`YYYY-MM-DD`); `None` for a current size, for a name the catalog lacks, and for a size the
/// caller describes in `overrides` (which win over the catalog, as in [`resolve`]).
pub fn retired_last_seen(name: &str, overrides: &[VmSizeOverride]) -> Option<&'static str> {
    let n = crate::text::trim(name);
    if override_of(n, overrides).is_some() {
        return None;
    }
    row(n).and_then(VmSizeRow::retired_last_seen)
}

/// The caller's entry for a trimmed size name, matched without regard to case.
fn override_of<'a>(n: &str, overrides: &'a [VmSizeOverride]) -> Option<&'a VmSizeOverride> {
    overrides.iter().find(|o| o.name.eq_ignore_ascii_case(n))
}

/// Every catalog size, for suggestion lists (name, vCPUs, GPUs, FPGA).
pub fn all() -> impl Iterator<Item = (String, u32, u32, bool)> {
    catalog::rows().map(|r| (r.name().into_owned(), u32::from(r.vcpus()), u32::from(r.gpus()), r.fpga()))
}

/// The number of sizes in the catalog.
pub fn catalog_len() -> usize {
    catalog::rows().len()
}

/// Resolves a size: the caller's overrides, then the catalog, then the naming convention.
pub fn resolve(name: &str, overrides: &[VmSizeOverride]) -> Option<VmSize> {
    resolve_as(name, overrides, true)
}

/// [`resolve`] without the canonical name (`name` is empty): the facts the rules count, with no
/// allocation.
pub(crate) fn resolve_unnamed(name: &str, overrides: &[VmSizeOverride]) -> Option<VmSize> {
    resolve_as(name, overrides, false)
}

/// [`resolve_unnamed`] and [`retired_last_seen`] of one name, with one look-up in the
/// overrides and the catalog: what a create's rules ask of its size (CAP001-CAP006, CAP010).
pub(crate) fn resolve_unnamed_and_retired(name: &str, overrides: &[VmSizeOverride]) -> (Option<VmSize>, Option<&'static str>) {
    let (size, row) = resolve_in(crate::text::trim(name), overrides, false);
    (size, row.and_then(VmSizeRow::retired_last_seen))
}

fn resolve_as(name: &str, overrides: &[VmSizeOverride], named: bool) -> Option<VmSize> {
    resolve_in(crate::text::trim(name), overrides, named).0
}

/// The size of a trimmed name, and its catalog row when the catalog gave it.
fn resolve_in(n: &str, overrides: &[VmSizeOverride], named: bool) -> (Option<VmSize>, Option<VmSizeRow>) {
    if let Some(o) = override_of(n, overrides) {
        let size = VmSize {
            name: if named { o.name.clone() } else { String::new() },
            vcpus: o.vcpus,
            active_vcpus: None,
            gpus: Some(o.gpus),
            fpga: Some(o.fpga),
            memory_gib: None,
            source: SizeSource::Override,
        };
        return (Some(size), None);
    }
    match row(n) {
        Some(r) => (Some(from_row(r, named)), Some(r)),
        None => (derive(n).map(|d| if named { d } else { VmSize { name: String::new(), ..d } }), None),
    }
}

struct Parts<'a> {
    tier: &'a str,
    /// Upper-cased: Azure matches size names case-insensitively.
    family: String,
    num: u32,
    constrained: Option<u32>,
    rest: &'a str,
}

/// `^(Standard|Basic)_([A-Z]+)(\d+)(?:-(\d+))?([a-z]*)((?:_[A-Za-z0-9]+)*)$`, by hand and
/// case-insensitively (Azure accepts `standard_d32ads_v5`): the family is the letters before
/// the number, the features the letters after it.
fn parse(name: &str) -> Option<Parts<'_>> {
    let (tier, body) = name.split_once('_')?;
    if !(tier.eq_ignore_ascii_case("standard") || tier.eq_ignore_ascii_case("basic")) {
        return None;
    }
    let b = body.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_alphabetic() {
        i += 1;
    }
    if i == 0 {
        return None;
    }
    let family = body[..i].to_ascii_uppercase();
    let ns = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if i == ns || i - ns > 4 {
        return None;
    }
    let num: u32 = body[ns..i].parse().ok()?;
    let mut constrained = None;
    if i < b.len() && b[i] == b'-' {
        let cs = i + 1;
        i = cs;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == cs || i - cs > 4 {
            return None;
        }
        constrained = body[cs..i].parse().ok();
    }
    while i < b.len() && b[i].is_ascii_alphabetic() {
        i += 1;
    }
    let rest = &body[i..];
    // What follows the features is `_`-separated alphanumeric parts (`_v3`, `_T4_v3`, `_Promo`).
    let suffix_ok = rest.is_empty()
        || rest.strip_prefix('_').is_some_and(|r| r.split('_').all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_alphanumeric())));
    if !suffix_ok {
        return None;
    }
    Some(Parts { tier, family, num, constrained, rest })
}

/// The version suffix (`_v3` -> 3); no suffix is version 1.
fn version(rest: &str) -> u32 {
    rest.split('_').filter_map(|p| p.strip_prefix(['v', 'V']).and_then(|n| n.parse::<u32>().ok())).next_back().unwrap_or(1)
}

/// Derives vCPUs from a name where the convention holds: `Standard_` sizes whose number is the
/// vCPU count. A v1/v2 A, D, DS, G or GS name numbers a size index instead, so it gives nothing.
pub fn derive(name: &str) -> Option<VmSize> {
    let p = parse(name)?;
    if !p.tier.eq_ignore_ascii_case("standard") || p.num == 0 {
        return None;
    }
    let fam = p.family.as_str();
    let index_family = matches!(fam, "A" | "D" | "DS" | "G" | "GS");
    if index_family && version(p.rest) < 3 {
        return None;
    }
    let fpga = fam == "PB" || fam == "NP";
    // Under N, the C/D/V/G sub-families are GPU families; the name does not say how many GPUs.
    let gpu = fam.len() >= 2 && fam.starts_with('N') && matches!(&fam[1..2], "C" | "D" | "V" | "G");
    Some(VmSize {
        name: name.to_string(),
        vcpus: p.num,
        active_vcpus: p.constrained,
        // At least one GPU for a GPU family; how many, the name does not say.
        gpus: Some(u32::from(gpu)),
        fpga: Some(fpga),
        memory_gib: None,
        source: SizeSource::Name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_has_every_size_and_finds_any_case() {
        assert_eq!(catalog_len(), 1477);
        let d3 = catalog("standard_d3_V2").map(|s| (s.name, s.vcpus));
        assert_eq!(d3, Some(("Standard_D3_v2".to_string(), 4)));
    }

    #[test]
    fn every_row_of_the_csv_comes_back_with_its_facts_in_any_case() {
        let csv = include_str!("../data/vm-sizes.csv");
        let mut n = 0;
        for line in csv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let f: Vec<&str> = line.split(',').collect();
            let want =
                (f[0].to_string(), f[1].parse::<u32>().ok(), f[2].parse::<f64>().ok(), f[3].parse::<u32>().ok(), Some(f[4] == "true"));
            for name in [f[0].to_string(), f[0].to_ascii_lowercase(), f[0].to_ascii_uppercase()] {
                let got = catalog(&name).map(|s| (s.name, Some(s.vcpus), s.memory_gib, s.gpus, s.fpga));
                assert_eq!(got.as_ref(), Some(&want), "{name}");
            }
            n += 1;
        }
        assert_eq!(n, catalog_len());
        let listed: Vec<String> = all().map(|(name, ..)| name).collect();
        assert_eq!(listed.len(), n);
        assert!(catalog("Standard_").is_none() && catalog("").is_none() && catalog("Standard_D3_v2x").is_none());
    }

    #[test]
    fn the_unnamed_facts_are_the_named_ones() {
        let names = all().map(|(n, ..)| n).chain(["standard_d96as_v9", " Standard_E64-16ds_v9 ", "Nope"].map(String::from));
        let overrides = [VmSizeOverride { name: "Custom_X1".into(), vcpus: 7, gpus: 1, fpga: false }];
        for name in names.chain(["custom_x1".to_string()]) {
            let named = resolve(&name, &overrides);
            let unnamed = resolve_unnamed(&name, &overrides);
            assert_eq!(named.clone().map(|z| VmSize { name: String::new(), ..z }), unnamed, "{name}");
            assert!(named.is_none_or(|z| !z.name.is_empty()), "{name}");
        }
    }

    #[test]
    fn fpga_sizes_are_not_gpu_sizes() {
        let np = catalog("Standard_NP10s").map(|s| (s.is_gpu(), s.is_fpga()));
        assert_eq!(np, Some((false, true)));
        let nc = catalog("Standard_NC6s_v3").map(|s| (s.is_gpu(), s.is_fpga()));
        assert_eq!(nc, Some((true, false)));
    }

    #[test]
    fn derives_only_where_the_number_is_the_vcpu_count() {
        assert_eq!(derive("Standard_D96as_v9").map(|s| s.vcpus), Some(96));
        assert_eq!(derive("Standard_E64-16ds_v9").map(|s| (s.vcpus, s.active_vcpus)), Some((64, Some(16))));
        assert_eq!(derive("Standard_D5_v2"), None, "Dv2 numbers are size indexes");
        assert_eq!(derive("Standard_A9"), None);
        assert_eq!(derive("Basic_A5"), None);
        assert_eq!(derive("Standard_GS9"), None);
        assert_eq!(derive("Large"), None);
        assert!(derive("Standard_NC48ads_B300_v9").is_some_and(|s| s.is_gpu()));
    }

    #[test]
    fn derives_whatever_the_case() {
        assert_eq!(derive("standard_d32ads_v9").map(|s| (s.vcpus, s.source)), Some((32, SizeSource::Name)));
        assert_eq!(derive("STANDARD_E64-16DS_V9").map(|s| (s.vcpus, s.usable_vcpus())), Some((64, 16)));
        assert!(derive("standard_nc48ads_v9").is_some_and(|s| s.is_gpu()));
        assert_eq!(derive("standard_d5_v2"), None, "still a size index in lower case");
    }

    #[test]
    fn a_constrained_size_counts_its_active_vcpus() {
        assert_eq!(catalog("Standard_E4-2s_v3").map(|s| (s.vcpus, s.usable_vcpus())), Some((4, 2)));
        assert_eq!(catalog("Standard_D4s_v3").map(|s| s.usable_vcpus()), Some(4));
    }

    #[test]
    fn the_convention_agrees_with_the_catalog_where_it_derives() {
        let mut checked = 0;
        for (name, vcpus, _, _) in all() {
            let name = name.as_str();
            if let Some(d) = derive(name) {
                checked += 1;
                // The only disagreements allowed are the data source's own: the Resource SKUs API has
                // reported the active vCPUs for some constrained HPC sizes at some times (HB60-15rs as
                // 15, HC44-16rs as 44), and 80 for F64-16ams_v7 whose parent and sibling say 64.
                if d.vcpus != vcpus {
                    assert!(
                        name.starts_with("Standard_HB60-") || name.starts_with("Standard_HC44-") || name == "Standard_F64-16ams_v7",
                        "{name}: {} vs {vcpus}",
                        d.vcpus
                    );
                }
            }
        }
        assert!(checked > 1300, "{checked}");
    }
}
