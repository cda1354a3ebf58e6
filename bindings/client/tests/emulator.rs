//! The client against the local ARM emulator: every operation, every fault, and a soak test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::{AttachConfig, CreateConfig, Secret, UnderlyingAction, UpdateConfig};
use akscompute_client::{Client, ClientError, StaticToken};
use akscompute_emulator::{Chaos, Emulator, Fault};
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

mod common;
use common::{ctx, rt, SUB};

fn emulator() -> Emulator {
    common::emulator(Duration::from_millis(80))
}

fn client(e: &Emulator) -> Client {
    common::client(e)
}

fn create_cfg(name: &str) -> CreateConfig {
    CreateConfig::from_value(&json!({"name": name, "agent_count": 3, "vm_size": "Standard_D3_v2"})).unwrap()
}

fn cluster_id(name: &str) -> String {
    format!("/subscriptions/{SUB}/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/{name}")
}

fn puts(e: &Emulator) -> u64 {
    e.counters().get("PUT compute").copied().unwrap_or(0)
}

#[test]
fn create_wait_get_update_keys_delete() {
    let e = emulator();
    let rt = rt();
    rt.block_on(async {
        let c = client(&e);
        let op = c.create(&create_cfg("prod-aks"), &ctx()).await.unwrap();
        assert!(op.async_url.is_some() && !op.reconciled);
        let mut seen = Vec::new();
        c.wait(&ctx(), &op, &mut |s| seen.push(s.to_string())).await.unwrap();
        seen.dedup();
        assert_eq!(seen, vec!["InProgress", "Succeeded"]);
        let got = c.get(&ctx(), "prod-aks").await.unwrap().unwrap();
        assert_eq!((got.provisioning_state.as_deref(), got.agent_count, got.is_attached), (Some("Succeeded"), Some(3), Some(false)));
        let (op, _notes) = c
            .update(
                &UpdateConfig::from_value(
                    &json!({"name": "prod-aks", "load_balancer_type": "InternalLoadBalancer", "load_balancer_subnet": "aks-lb"}),
                )
                .unwrap(),
                &ctx(),
            )
            .await
            .unwrap();
        c.wait(&ctx(), &op, &mut |_| {}).await.unwrap();
        assert_eq!(e.computes()["prod-aks"]["properties"]["properties"]["loadBalancerType"], "InternalLoadBalancer");
        let keys = c.list_keys(&ctx(), "prod-aks").await.unwrap();
        assert!(keys.user_kube_config.unwrap().expose().contains("prod-aks"));
        let rid = got.cluster_resource_id.clone().unwrap();
        let op = c.delete_or_detach(&ctx(), "prod-aks", UnderlyingAction::Delete).await.unwrap().unwrap();
        c.wait(&ctx(), &op, &mut |_| {}).await.unwrap();
        assert!(e.computes().is_empty());
        assert!(!e.has_cluster(&rid), "delete removes a cluster Azure ML created");
        assert!(c.delete_or_detach(&ctx(), "prod-aks", UnderlyingAction::Delete).await.unwrap().is_none(), "deleting what is gone is done");
        assert!(matches!(
            c.update(&UpdateConfig::from_value(&json!({"name": "prod-aks", "agent_count": 4})).unwrap(), &ctx()).await,
            Err(ClientError::NotFound { .. })
        ));
    });
}

#[test]
fn create_is_not_idempotent_and_refused_without_a_put() {
    let e = emulator();
    rt().block_on(async {
        let c = client(&e);
        c.create(&create_cfg("myaks"), &ctx()).await.unwrap();
        let before = puts(&e);
        let again = c.create(&create_cfg("myaks"), &ctx()).await;
        assert!(matches!(again, Err(ClientError::AlreadyExists { .. })), "{again:?}");
        assert_eq!(puts(&e), before, "no second PUT was sent");
        let invalid = c.create(&CreateConfig::from_value(&json!({"name": "x", "agent_count": 1})).unwrap(), &ctx()).await;
        match invalid {
            Err(ClientError::Invalid(v)) => assert!(v.codes().contains(&"NAME001") && v.codes().contains(&"CAP003")),
            other => panic!("{other:?}"),
        }
        assert_eq!(puts(&e), before, "an invalid configuration is not sent");
    });
}

#[test]
fn attach_detach_and_never_twice() {
    let e = emulator();
    e.add_cluster(&cluster_id("aks1"), json!({"id": cluster_id("aks1"), "location": "eastus"}));
    rt().block_on(async {
        let c = client(&e);
        let cfg = AttachConfig::from_value(&json!({"name": "scoring", "resource_id": cluster_id("aks1")})).unwrap();
        let op = c.attach(&cfg, &ctx()).await.unwrap();
        c.wait(&ctx(), &op, &mut |_| {}).await.unwrap();
        assert_eq!(e.computes()["scoring"]["properties"]["isAttachedCompute"], true);
        let before = puts(&e);
        let twice = c
            .attach(
                &AttachConfig::from_value(&json!({"name": "scoring2", "resource_id": cluster_id("AKS1").replace("aks-rg", "AKS-RG")}))
                    .unwrap(),
                &ctx(),
            )
            .await;
        match twice {
            Err(ClientError::AlreadyAttached { existing, .. }) => assert_eq!(existing, "scoring"),
            other => panic!("{other:?}"),
        }
        assert_eq!(puts(&e), before);
        let cluster = c.managed_cluster(&cluster_id("aks1")).await.unwrap();
        assert_eq!(cluster["location"], "eastus");
        let versions = c.kubernetes_versions(SUB, "eastus").await.unwrap();
        assert_eq!(versions.default_version().map(|d| d.version.to_string()), Some("1.29.4".into()));
        // Delete of an attached cluster detaches it: the cluster stays.
        let op = c.delete_or_detach(&ctx(), "scoring", UnderlyingAction::Delete).await.unwrap().unwrap();
        c.wait(&ctx(), &op, &mut |_| {}).await.unwrap();
        assert!(e.computes().is_empty() && e.has_cluster(&cluster_id("aks1")));
    });
}

#[test]
fn lists_follow_next_link() {
    let e = emulator();
    rt().block_on(async {
        let c = client(&e);
        for i in 0..5 {
            c.create(&create_cfg(&format!("aks{i}")), &ctx()).await.unwrap();
        }
        let all = c.list(&ctx()).await.unwrap();
        assert_eq!(all.len(), 5);
        assert_eq!(e.counters()["GET list"], 3, "pages of 2: three requests");
    });
}

#[test]
fn safe_requests_are_retried_through_every_fault() {
    let e = emulator();
    rt().block_on(async {
        let c = client(&e);
        c.create(&create_cfg("myaks"), &ctx()).await.unwrap();
        for fault in [
            Fault::Status { status: 429, retry_after: Some(0) },
            Fault::Status { status: 500, retry_after: None },
            Fault::Status { status: 503, retry_after: None },
            Fault::Drop,
            Fault::Slow(Duration::from_millis(100)),
        ] {
            // Twice in a row for the failures; a slow answer is an answer, so once.
            let times = if matches!(fault, Fault::Slow(_)) { 1 } else { 2 };
            e.fault(Some("GET"), Some("/computes/myaks"), fault.clone(), times);
            let got = c.get(&ctx(), "myaks").await.unwrap();
            assert!(got.is_some(), "{fault:?}");
        }
        let counters = e.counters();
        assert_eq!(
            (counters["fault 429"], counters["fault 500"], counters["fault 503"], counters["fault drop"], counters["fault slow"]),
            (2, 2, 2, 2, 1)
        );
    });
}

#[test]
fn a_lost_create_answer_is_reconciled_not_resent() {
    let e = emulator();
    rt().block_on(async {
        let c = client(&e);
        e.fault(Some("PUT"), Some("/computes/"), Fault::Lost, 1);
        let op = c.create(&create_cfg("myaks"), &ctx()).await.unwrap();
        assert!(op.reconciled && op.async_url.is_none());
        assert_eq!(puts(&e), 1, "the PUT went once");
        c.wait(&ctx(), &op, &mut |_| {}).await.unwrap();
        assert_eq!(e.computes().len(), 1);
        // A 503 on the PUT: nothing was created, so it is sent again.
        e.fault(Some("PUT"), Some("/computes/other"), Fault::Status { status: 503, retry_after: None }, 1);
        let op = c.create(&create_cfg("other"), &ctx()).await.unwrap();
        assert!(!op.reconciled);
        // The refused PUT never reached the service (the fault answered first); the resent one did.
        assert_eq!((puts(&e), e.counters()["fault 503"]), (2, 1));
        // A dropped connection before the PUT happened: likewise.
        e.fault(Some("PUT"), Some("/computes/third"), Fault::Drop, 1);
        c.create(&create_cfg("third"), &ctx()).await.unwrap();
        // 429 on the PUT: the service did nothing, the PUT is repeated after Retry-After.
        e.fault(Some("PUT"), Some("/computes/fourth"), Fault::Status { status: 429, retry_after: Some(0) }, 2);
        c.create(&create_cfg("fourth"), &ctx()).await.unwrap();
        assert_eq!(e.computes().len(), 4);
    });
}

#[test]
fn tokens_never_show_and_are_required() {
    let e = emulator();
    rt().block_on(async {
        let mut c = client(&e);
        assert!(!format!("{c:?}").contains(&e.config().token));
        c = Client::new(c.options.clone(), Arc::new(StaticToken(Secret::new("wrong-secret-token")))).unwrap();
        let err = c.get(&ctx(), "myaks").await.unwrap_err();
        assert!(matches!(err, ClientError::Arm { status: 401, .. }), "{err:?}");
        assert!(!format!("{err} {err:?}").contains("wrong-secret-token"));
    });
}

/// Hundreds of operations with random faults; in the end the emulator holds exactly what was
/// intended: no compute twice, no cluster made twice, no operation lost.
#[test]
fn soak_with_random_faults() {
    let e = emulator();
    for i in 0..6 {
        e.add_cluster(&cluster_id(&format!("ext{i}")), json!({"id": cluster_id(&format!("ext{i}")), "location": "eastus"}));
    }
    e.chaos(Some(Chaos { seed: 7, p429: 0.06, p5xx: 0.06, pdrop: 0.04, plost: 0.04, pslow: 0.03 }));
    let mut rng = fastrand::Rng::with_seed(11);
    let mut intended: std::collections::BTreeMap<String, bool> = Default::default(); // name -> attached
    let mut ops = 0;
    rt().block_on(async {
        let c = client(&e);
        for _ in 0..240 {
            let name = format!("cmp{}", rng.u32(0..14));
            let action = rng.u32(0..10);
            let result = if action < 4 {
                match c.create(&create_cfg(&name), &ctx()).await {
                    Ok(op) => {
                        intended.insert(name.clone(), false);
                        Some(c.wait(&ctx(), &op, &mut |_| {}).await)
                    }
                    Err(ClientError::AlreadyExists { .. }) => {
                        assert!(intended.contains_key(&name), "{name} exists only if intended");
                        None
                    }
                    Err(other) => panic!("create {name}: {other}"),
                }
            } else if action < 6 {
                let ext = format!("ext{}", rng.u32(0..6));
                match c.attach(&AttachConfig::from_value(&json!({"name": name, "resource_id": cluster_id(&ext)})).unwrap(), &ctx()).await {
                    Ok(op) => {
                        intended.insert(name.clone(), true);
                        Some(c.wait(&ctx(), &op, &mut |_| {}).await)
                    }
                    Err(ClientError::AlreadyExists { .. } | ClientError::AlreadyAttached { .. }) => None,
                    Err(other) => panic!("attach {name}: {other}"),
                }
            } else if action < 8 {
                let kind = if rng.bool() { UnderlyingAction::Delete } else { UnderlyingAction::Detach };
                match c.delete_or_detach(&ctx(), &name, kind).await {
                    Ok(Some(op)) => {
                        intended.remove(&name);
                        Some(c.wait(&ctx(), &op, &mut |_| {}).await)
                    }
                    Ok(None) => {
                        assert!(!intended.contains_key(&name));
                        None
                    }
                    Err(other) => panic!("delete {name}: {other}"),
                }
            } else {
                match c.update(&UpdateConfig::from_value(&json!({"name": name, "agent_count": 3 + rng.i64(0..3)})).unwrap(), &ctx()).await {
                    Ok((op, _)) => Some(c.wait(&ctx(), &op, &mut |_| {}).await),
                    Err(ClientError::NotFound { .. }) => {
                        assert!(!intended.contains_key(&name));
                        None
                    }
                    Err(ClientError::Invalid(_)) => None, // updating an attached compute's count beyond its cluster is refused
                    Err(other) => panic!("update {name}: {other}"),
                }
            };
            if let Some(r) = result {
                ops += 1;
                r.unwrap_or_else(|err| panic!("wait on {name}: {err}"));
            }
        }
        e.chaos(None);
        let names: Vec<String> = e.computes().keys().cloned().collect();
        assert_eq!(names, intended.keys().cloned().collect::<Vec<_>>(), "the emulator holds exactly the intended computes");
        for (name, attached) in &intended {
            assert_eq!(e.computes()[name]["properties"]["isAttachedCompute"], *attached, "{name}");
            assert_eq!(e.computes()[name]["properties"]["provisioningState"], "Succeeded", "{name}");
        }
        let clusters: std::collections::BTreeSet<String> =
            e.computes().values().map(|c| c["properties"]["resourceId"].as_str().unwrap().to_ascii_lowercase()).collect();
        assert_eq!(clusters.len(), intended.len(), "no cluster behind two computes");
        assert_eq!(e.pending_operations(), 0, "no operation lost");
    });
    let counters = e.counters();
    let faults: u64 = counters.iter().filter(|(k, _)| k.starts_with("fault")).map(|(_, v)| v).sum();
    println!("soak: {ops} operations waited for, {faults} faults injected, counters {counters:?}");
    assert!(ops > 100 && faults > 50, "the soak must do real work under real faults: {ops} ops, {faults} faults");
}
