//! CAP (and ATT009): node count x vCPUs of the VM size.
use super::purpose::is_dev_test;
use super::{shown, Sink};
use crate::config::CreateConfig;
use crate::diagnostic::{Param, Path, Severity};
use crate::registry::codes::*;
use crate::registry::Code;
use crate::vmsize::{resolve_unnamed, VmSize};

/// The create defaults azureml-core documents.
pub const DEFAULT_AGENT_COUNT: i64 = 3;
pub const DEFAULT_VM_SIZE: &str = "Standard_D3_v2";
const PROD_VCPUS: u64 = 12;
const DEV_VCPUS: u64 = 2;
const PROD_NODES: u64 = 3;
const DEV_NODES: u64 = 1;
/// AKS's limit for a system node pool ("1 to 1000 (inclusive) for system pools", the
/// ManagedCluster API's agent pool `count`): Azure ML creates the cluster with one system pool
/// of `agent_count` nodes, so a larger count passes the compute API and fails in AKS.
const AKS_POOL_MAX_NODES: i64 = 1000;

/// CAP005. azureml-core refuses only negative counts (0 is falsy there and left out of the
/// payload); the documentation profiles want a positive count the API's int32 can hold, and
/// one AKS's node pool can hold.
/// Returns the count when it is usable for the capacity rules.
pub(super) fn agent_count(s: &mut Sink<'_>, count: Option<i64>, zero_is_node_minimum: bool) -> Option<u64> {
    let n = count?;
    let path = || Path::from(["agent_count"]);
    if s.sdk() {
        if n < 0 {
            s.emit(CAP005, "", path(), vec![("count", Param::Int(n))]);
        }
        return None;
    }
    if n == 0 && zero_is_node_minimum && s.on(CAP003) {
        // Where the page has node minimums (CAP003/CAP004), they say why 0 is wrong.
        Some(0)
    } else if n <= 0 {
        s.emit(CAP005, "", path(), vec![("count", Param::Int(n))]);
        None
    } else if n > i64::from(i32::MAX) {
        s.emit(CAP005, "too_large", path(), vec![("count", Param::Int(n)), ("max", Param::Int(i64::from(i32::MAX)))]);
        None
    } else if n > AKS_POOL_MAX_NODES {
        s.emit(CAP005, "aks_pool", path(), vec![("count", Param::Int(n)), ("max", Param::Int(AKS_POOL_MAX_NODES))]);
        None
    } else {
        u64::try_from(n).ok()
    }
}

/// The size's facts (without its canonical name, which the rules do not show), or CAP006 at
/// `path` (made only then).
fn size_or_warn(s: &mut Sink<'_>, name: &str, path: impl FnOnce() -> Path) -> Option<VmSize> {
    let found = resolve_unnamed(name, &s.ctx.vm_sizes);
    warn_unknown(s, found, name, path)
}

/// CAP006 for a size `name` that was not `found`.
fn warn_unknown(s: &mut Sink<'_>, found: Option<VmSize>, name: &str, path: impl FnOnce() -> Path) -> Option<VmSize> {
    if found.is_none() {
        s.emit(CAP006, "", path(), vec![("vm_size", shown(name))]);
    }
    found
}

struct Need {
    code: Code,
    variant: &'static str,
    have: u64,
    min: u64,
}

/// Which minimums a cluster of `nodes` nodes and `vcpus` vCPUs misses.
fn shortfalls(dev: bool, nodes: u64, vcpus: Option<u64>) -> Vec<Need> {
    let mut v = Vec::new();
    let (vcode, vmin, ncode, nmin) = if dev { (CAP002, DEV_VCPUS, CAP004, DEV_NODES) } else { (CAP001, PROD_VCPUS, CAP003, PROD_NODES) };
    if let Some(have) = vcpus.filter(|h| *h < vmin) {
        v.push(Need { code: vcode, variant: if dev { "vcpus_dev" } else { "vcpus_prod" }, have, min: vmin });
    }
    if nodes < nmin {
        v.push(Need { code: ncode, variant: if dev { "nodes_dev" } else { "nodes_prod" }, have: nodes, min: nmin });
    }
    v
}

/// `size`: the create's size (`size_name`, the default when none is given), looked up once for
/// these rules and CAP010.
pub(super) fn create(s: &mut Sink<'_>, cfg: &CreateConfig, size_name: &str, size: Option<VmSize>) {
    let Some(nodes) = (match cfg.agent_count {
        None => Some(DEFAULT_AGENT_COUNT as u64),
        c => agent_count(s, c, true),
    }) else {
        return;
    };
    let size = warn_unknown(s, size, size_name, || Path::from(["vm_size"]));
    // With no nodes at all, the node minimum says it; a vCPU shortfall would only repeat it.
    // A constrained size (`Standard_E4-2s_v3`) runs workloads on its active vCPUs only.
    let vcpus = size.as_ref().filter(|_| nodes > 0).map(|z| nodes.saturating_mul(u64::from(z.usable_vcpus())));
    let dev = is_dev_test(cfg.cluster_purpose.as_deref());
    for n in shortfalls(dev, nodes, vcpus) {
        let per = size.as_ref().map(VmSize::usable_vcpus).unwrap_or(0);
        if n.code == CAP001 || n.code == CAP002 {
            s.emit(
                n.code,
                "",
                Path::from(["vm_size"]),
                vec![
                    ("nodes", Param::from(nodes)),
                    ("vm_size", shown(size_name)),
                    ("per_node", Param::from(per)),
                    ("vcpus", Param::from(n.have)),
                    ("minimum", Param::from(n.min)),
                ],
            );
        } else {
            s.emit(n.code, "", Path::from(["agent_count"]), vec![("nodes", Param::from(nodes)), ("minimum", Param::from(n.min))]);
        }
    }
}

/// ATT009 (the CAP rules on an attached cluster's pools), CAP006/CAP007 for its sizes, and
/// CAP009 for each pool the count leaves out or counts at its autoscaling minimum. Only what
/// serves models counts: Linux pools (Azure ML's inference components run on Linux), that run,
/// with the nodes they are guaranteed to have, at their usable vCPUs.
pub(super) fn attach(s: &mut Sink<'_>, purpose: Option<&str>) {
    let ctx = s.ctx;
    let Some(cluster) = ctx.cluster.as_ref() else { return };
    let pools = &cluster.agent_pools;
    if pools.is_empty() {
        return;
    }
    let counts = |p: &crate::cluster::AgentPool| p.is_linux() && !p.stopped;
    let mut nodes: u64 = 0;
    let mut vcpus: Option<u64> = Some(0);
    let mut sizes = Vec::with_capacity(pools.len());
    for (i, p) in pools.iter().enumerate() {
        // Paths and names are made only for what is reported.
        let at = || Path::from(["cluster", "agent_pools"]).join(i);
        let pool = || shown(&p.name);
        // A size that does not count cannot hide a shortfall, so only counted ones warn.
        let z = if counts(p) { size_or_warn(s, &p.vm_size, || at().join("vm_size")) } else { resolve_unnamed(&p.vm_size, &ctx.vm_sizes) };
        if !p.is_linux() {
            s.emit(CAP009, "windows", at().join("os_type"), vec![("pool", pool()), ("os_type", shown(&p.os_type))]);
        } else if p.stopped {
            s.emit(CAP009, "stopped", at().join("power_state"), vec![("pool", pool())]);
        } else if p.autoscaling && !p.count_given {
            s.emit(CAP009, "autoscaling", at().join("min_count"), vec![("pool", pool()), ("min_count", Param::from(p.guaranteed_nodes()))]);
        }
        if counts(p) {
            let n = p.guaranteed_nodes();
            nodes = nodes.saturating_add(n);
            vcpus = match (&z, vcpus) {
                (Some(z), Some(t)) => Some(t.saturating_add(n.saturating_mul(u64::from(z.usable_vcpus())))),
                _ => None,
            };
        }
        sizes.push(z);
    }
    // The pools counted, for ATT009's message only (AKS allows 100 pools; a message lists a dozen).
    let counted = || {
        let mut counted: Vec<String> = pools
            .iter()
            .filter(|p| counts(p))
            .map(|p| format!("{} ({} x {})", crate::text::clip(&p.name, 40), p.guaranteed_nodes(), crate::text::clip(&p.vm_size, 40)))
            .collect();
        if counted.len() > 12 {
            let more = counted.len() - 12;
            counted.truncate(12);
            counted.push(format!("+{more}"));
        }
        counted
    };
    let dev = is_dev_test(purpose);
    let needs = shortfalls(dev, nodes, vcpus);
    let counted = if needs.is_empty() { Vec::new() } else { counted() };
    for n in needs {
        // ATT009 carries the CAP rule's own severity in this profile.
        if let Some(sev) = n.code.info().severity(s.profile) {
            s.emit_as(
                ATT009,
                sev,
                n.variant,
                Path::from(["cluster", "agent_pools"]),
                vec![
                    ("rule", Param::from(n.code.as_str())),
                    ("nodes", Param::from(nodes)),
                    ("have", Param::from(n.have)),
                    ("minimum", Param::from(n.min)),
                    ("counted", Param::List(counted.clone())),
                ],
            );
        }
    }
    // CAP007: GPU or FPGA sizes only in a secondary (non-system) pool cannot serve models. Each
    // kind is judged on its own: a GPU system pool does not make an FPGA user pool serve.
    let system_has = |kind: fn(&VmSize) -> bool| pools.iter().zip(&sizes).any(|(p, z)| p.system && z.as_ref().is_some_and(kind));
    let (system_gpu, system_fpga) = (system_has(VmSize::is_gpu), system_has(VmSize::is_fpga));
    for (i, (p, z)) in pools.iter().zip(&sizes).enumerate() {
        let Some(z) = z.as_ref().filter(|_| !p.system) else { continue };
        if (z.is_gpu() && !system_gpu) || (z.is_fpga() && !system_fpga) {
            let path = Path::from(["cluster", "agent_pools"]).join(i).join("vm_size");
            s.emit(CAP007, "", path, vec![("pool", shown(&p.name)), ("vm_size", shown(&p.vm_size))]);
        }
    }
}

/// CAP008: the VM size of a cluster cannot change; compared with the compute or the cluster,
/// a warning when neither tells the current size.
pub(super) fn update_vm_size(s: &mut Sink<'_>, wanted: Option<&str>) {
    let Some(wanted) = wanted else { return };
    let current = s
        .ctx
        .compute
        .as_ref()
        .and_then(|c| c.agent_vm_size.clone())
        .or_else(|| s.ctx.cluster.as_ref().and_then(|c| c.agent_pools.iter().find(|p| p.system).map(|p| p.vm_size.clone())));
    match current {
        Some(current) if !current.eq_ignore_ascii_case(wanted) => {
            s.emit(CAP008, "", Path::from(["vm_size"]), vec![("current", shown(&current)), ("wanted", shown(wanted))]);
        }
        Some(_) => {}
        // "You can only change the node count, not the VM size": naming one is suspect even
        // when the current size is not known.
        None => s.emit_as(CAP008, Severity::Warning, "unknown", Path::from(["vm_size"]), vec![("wanted", shown(wanted))]),
    }
}
