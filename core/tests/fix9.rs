//! Session 9's faithfulness fixes (s9d) that no shared vector can show: how an error about a
//! whole input is labelled.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::locale::Locale;
use akscompute::{validate_json, validate_value, Operation};
use serde_json::json;

/// A context that is not JSON: its problem is the context's, not "(configuration)".
#[test]
fn a_context_syntax_error_is_placed_at_the_context() {
    let e = validate_json(Operation::Create, r#"{"name": "myaks"}"#, Some(r#"{"workspace": {"location": "eastus",}}"#)).unwrap_err();
    assert_eq!(e.input, "context");
    let text = e.render(&Locale::new(None));
    assert!(text.starts_with("the context has 1 problem\n  (context): the context is not valid JSON"), "{text}");
    assert!(!text.contains("(configuration)"), "{text}");
    let de = e.render(&Locale::new(Some("de")));
    assert!(de.contains("\n  (Kontext): "), "{de}");
    assert!(e.to_string().contains("\n  (context): "), "{e}");
    // The configuration's own stays the configuration's.
    let e = validate_json(Operation::Create, "{", None).unwrap_err();
    assert!(e.render(&Locale::new(None)).contains("\n  (configuration): "), "{e}");
}

/// A compute (`context.compute`, UniFFI's `compute_json`) that is no object says so, rather than
/// that it has no "properties"; the same from a value and from JSON text.
#[test]
fn a_compute_that_is_no_object_is_called_so() {
    for compute in [json!([]), json!("x"), json!(3)] {
        let ctx = json!({"compute": compute});
        let cfg = json!({"name": "myaks", "load_balancer_type": "PublicIp"});
        let from_value = validate_value(Operation::Update, &cfg, Some(&ctx)).unwrap_err();
        let from_text = validate_json(Operation::Update, &cfg.to_string(), Some(&ctx.to_string())).unwrap_err();
        for e in [&from_value, &from_text] {
            let m = &e.errors[0].message;
            assert!(m.contains("must be a compute resource object") && !m.contains("no \"properties\""), "{compute}: {m}");
            assert_eq!(e.errors[0].path.to_string(), "compute");
        }
    }
    // An object without properties still says that.
    let e = validate_value(Operation::Update, &json!({"name": "myaks"}), Some(&json!({"compute": {}}))).unwrap_err();
    assert!(e.errors[0].message.contains("no \"properties\""), "{e}");
}

/// The built-in versions list is the AKS reference's example for an api-version: VER002 calls
/// its `$date` that, not the day a snapshot was taken.
#[test]
fn the_built_in_versions_list_is_named_for_what_it_is() {
    let id =
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1";
    let cfg = json!({"name": "myaks", "resource_id": id});
    let ctx = json!({"cluster": {"id": id, "name": "aks1", "location": "eastus", "properties": {
        "kubernetesVersion": "1.22.4",
        "agentPoolProfiles": [{"name": "nodepool1", "count": 3, "vmSize": "Standard_D3_v2", "mode": "System", "osType": "Linux"}]}}});
    let v = validate_value(Operation::Attach, &cfg, Some(&ctx)).unwrap();
    let d = v.diagnostics.iter().find(|d| d.code == "VER002").expect("VER002 against the built-in list");
    let m = d.message();
    assert!(m.contains(&format!("example for api-version {}", akscompute::k8s::SNAPSHOT_DATE)), "{m}");
    assert!(!m.contains("snapshot of"), "{m}");
}
