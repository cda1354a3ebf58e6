//! A tight loop over one full create validation (vnet + TLS + workspace context), for
//! profilers (callgrind, perf): `cargo run --release --example prof_loop -- 1000000`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
fn main() {
    let cfg = akscompute::CreateConfig::from_value(&serde_json::json!({
        "name": "prod-aks", "agent_count": 3, "vm_size": "Standard_D3_v2", "cluster_purpose": "FastProd", "location": "eastus",
        "vnet": {"resource_group": "netrg", "name": "vnet1", "subnet": "default", "service_cidr": "10.0.0.0/16", "dns_service_ip": "10.0.0.10", "docker_bridge_cidr": "172.17.0.1/16"},
        "ssl": {"leaf_domain_label": "contoso"}
    }))
    .unwrap_or_default();
    let ctx = akscompute::Context::from_value(&serde_json::json!({"workspace": {"subscription_id": "00000000-0000-0000-0000-000000000000", "resource_group": "rg", "name": "ws", "location": "eastus"}})).unwrap_or_default();
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let mut total = 0;
    for _ in 0..n {
        total += akscompute::validate_create(&cfg, &ctx).diagnostics.len();
    }
    println!("{total}");
}
