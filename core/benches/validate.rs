//! Full validations, as a form calls them on every keystroke. The configuration and context
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! are parsed once (as a binding holding typed values would); `*_from_json` adds the parsing.
use akscompute::{validate_attach, validate_create, validate_json, AttachConfig, Context, CreateConfig, Operation};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use serde_json::json;

fn create_cfg() -> serde_json::Value {
    json!({
        "name": "prod-aks", "agent_count": 3, "vm_size": "Standard_D3_v2", "cluster_purpose": "FastProd",
        "location": "eastus", "load_balancer_type": "PublicIp",
        "vnet": {"resource_group": "netrg", "name": "vnet1", "subnet": "default", "service_cidr": "10.0.0.0/16",
                 "dns_service_ip": "10.0.0.10", "docker_bridge_cidr": "172.17.0.1/16"},
        "ssl": {"leaf_domain_label": "contoso"}
    })
}

fn context() -> serde_json::Value {
    json!({
        "workspace": {"subscription_id": "00000000-0000-0000-0000-000000000000", "resource_group": "rg", "name": "ws", "location": "eastus"},
        "existing_computes": [{"name": "other", "resource_id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/other"}],
        "kubernetes_versions": "KubernetesVersion    Upgrades\n-------------------  ----------\n1.29.4               None available\n1.28.9               1.29.4\n",
        "cluster": {"id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1",
                    "location": "eastus", "properties": {"kubernetesVersion": "1.29.4", "agentPoolProfiles": [
                        {"name": "sys", "count": 3, "vmSize": "Standard_D4s_v3", "mode": "System"},
                        {"name": "gpu", "count": 2, "vmSize": "Standard_NC6s_v3", "mode": "User"}],
                    "networkProfile": {"loadBalancerSku": "standard"}}}
    })
}

fn bench(c: &mut Criterion) {
    let ctx = Context::from_value(&context()).expect("context");
    let create = CreateConfig::from_value(&create_cfg()).expect("create");
    let bare_ctx = Context::default();
    let bare = CreateConfig::from_value(&json!({"name": "myaks"})).expect("create");
    let attach = AttachConfig::from_value(&json!({"name": "myaks", "resource_id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1", "cluster_purpose": "FastProd"})).expect("attach");
    let cfg_text = create_cfg().to_string();
    let ctx_text = context().to_string();

    c.bench_function("create_full", |b| b.iter(|| validate_create(black_box(&create), black_box(&ctx))));
    c.bench_function("create_minimal_no_context", |b| b.iter(|| validate_create(black_box(&bare), black_box(&bare_ctx))));
    c.bench_function("attach_full_preflight", |b| b.iter(|| validate_attach(black_box(&attach), black_box(&ctx))));
    c.bench_function("create_from_json", |b| b.iter(|| validate_json(Operation::Create, black_box(&cfg_text), Some(black_box(&ctx_text)))));
    let big_name = json!({"name": "a".repeat(1_000_000)}).to_string();
    c.bench_function("create_1mb_name_from_json", |b| b.iter(|| validate_json(Operation::Create, black_box(&big_name), None)));
}

criterion_group!(benches, bench);
criterion_main!(benches);
