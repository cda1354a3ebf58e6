//! The capacity a configuration or an attached cluster amounts to, for display beside the
//! fields (the rules in `rules/capacity.rs` judge it; this only adds it up).
use crate::config::{present, CreateConfig};
use crate::context::Context;
use crate::vmsize::{resolve, SizeSource};
use serde::Serialize;

/// Nodes, vCPUs and accelerators, as far as they are known. The totals count what the capacity
/// rules count: the nodes a Linux pool is guaranteed to run, at their usable vCPUs.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CapacitySummary {
    /// The nodes the capacity rules count (guaranteed, on Linux pools).
    pub nodes: u64,
    /// `None` when a VM size is unknown.
    pub vcpus: Option<u64>,
    /// GPUs over those nodes; `None` when a VM size's GPUs are unknown.
    pub gpus: Option<u64>,
    /// Whether any counted node has an FPGA.
    pub fpga: bool,
    /// Per node pool (one for create): name, VM size, guaranteed nodes, usable vCPUs per node,
    /// where that came from (a Windows pool is listed but left out of the totals).
    pub pools: Vec<PoolSummary>,
}

/// One node pool's share of a [`CapacitySummary`], so a form can show where the totals come from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PoolSummary {
    /// The pool's name (`agentpool` for the pool a create makes).
    pub name: String,
    /// Its VM size, as given.
    pub vm_size: String,
    /// The nodes it is guaranteed to run.
    pub count: u64,
    /// Usable vCPUs of one node; `None` when the size is unknown.
    pub vcpus_per_node: Option<u32>,
    /// GPUs of one node; `None` when the size does not tell.
    pub gpus_per_node: Option<u32>,
    /// Where the size's figures came from (override, catalog, name); `None` when unknown.
    pub source: Option<SizeSource>,
}

fn add(s: &mut CapacitySummary, name: &str, vm_size: &str, count: u64, linux: bool, ctx: &Context) {
    let z = resolve(vm_size, &ctx.vm_sizes);
    let total = if linux { count } else { 0 };
    s.nodes = s.nodes.saturating_add(total);
    s.vcpus = match (&z, s.vcpus) {
        (Some(z), Some(t)) => Some(t.saturating_add(total.saturating_mul(u64::from(z.usable_vcpus())))),
        _ if !linux => s.vcpus,
        _ => None,
    };
    s.gpus = match (&z, s.gpus) {
        (Some(z), Some(t)) if !z.is_fpga() => z.gpus.map(|g| t.saturating_add(total.saturating_mul(u64::from(g)))),
        (Some(_), Some(t)) => Some(t),
        _ => None,
    };
    s.fpga |= z.as_ref().is_some_and(|z| z.is_fpga());
    s.pools.push(PoolSummary {
        name: name.to_string(),
        vm_size: z.as_ref().map(|z| z.name.clone()).unwrap_or_else(|| vm_size.to_string()),
        count,
        vcpus_per_node: z.as_ref().map(|z| z.usable_vcpus()),
        gpus_per_node: z.as_ref().and_then(|z| if z.is_fpga() { Some(0) } else { z.gpus }),
        source: z.map(|z| z.source),
    });
}

/// What a create asks for, with the documented defaults (3 x Standard_D3_v2) filled in.
pub fn of_create(cfg: &CreateConfig, ctx: &Context) -> CapacitySummary {
    let mut s = CapacitySummary { vcpus: Some(0), gpus: Some(0), ..Default::default() };
    let count = cfg.agent_count.map(|n| u64::try_from(n).unwrap_or(0)).unwrap_or(3);
    let size = if present(&cfg.vm_size) { cfg.vm_size.as_deref().unwrap_or_default() } else { "Standard_D3_v2" };
    add(&mut s, "agentpool", size, count, true, ctx);
    s
}

/// What the cluster in the context has, across its node pools; `None` without a cluster.
pub fn of_cluster(ctx: &Context) -> Option<CapacitySummary> {
    let c = ctx.cluster.as_ref()?;
    let mut s = CapacitySummary { vcpus: Some(0), gpus: Some(0), ..Default::default() };
    for p in &c.agent_pools {
        add(&mut s, &p.name, &p.vm_size, p.guaranteed_nodes(), p.is_linux(), ctx);
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn adds_up() {
        let ctx = Context::default();
        let s = of_create(&CreateConfig::default(), &ctx);
        assert_eq!((s.nodes, s.vcpus, s.gpus), (3, Some(12), Some(0)));
        let g = of_create(&CreateConfig { agent_count: Some(2), vm_size: Some("standard_nc12s_v3".into()), ..Default::default() }, &ctx);
        assert_eq!((g.nodes, g.vcpus, g.gpus, g.pools[0].vm_size.as_str()), (2, Some(24), Some(4), "Standard_NC12s_v3"));
        let u = of_create(&CreateConfig { vm_size: Some("Standard_Nope".into()), ..Default::default() }, &ctx);
        assert_eq!(u.vcpus, None);
        let f = of_create(&CreateConfig { agent_count: Some(1), vm_size: Some("Standard_NP10s".into()), ..Default::default() }, &ctx);
        assert_eq!((f.fpga, f.gpus), (true, Some(0)));
        let e = of_create(&CreateConfig { vm_size: Some("Standard_E4-2s_v3".into()), ..Default::default() }, &ctx);
        assert_eq!(e.vcpus, Some(6), "a constrained size counts its active vCPUs");
    }
}
