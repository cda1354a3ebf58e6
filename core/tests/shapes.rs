//! What the shape reader says about bad input: every message names the field and a fix that
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! differs from what was given, and nothing in it grows with the input.
use akscompute::{validate_value, ConfigError, Operation};
use serde_json::json;

fn shape_error(op: Operation, cfg: serde_json::Value) -> ConfigError {
    validate_value(op, &cfg, None).expect_err("a shape error")
}

#[test]
fn a_suggestion_is_never_the_key_itself() {
    let e = shape_error(Operation::Detach, json!({"name": "myaks", "action": "detach", "underlying_resource_action": "delete"}));
    let text = e.to_string();
    assert!(!text.contains("did you mean \"underlying_resource_action\""), "{text}");
    assert!(text.contains("another name for \"action\""), "{text}");
    for (op, cfg) in [
        (Operation::Create, json!({"name": "myaks", "Name": "x", "vm_sise": "y", "agent_count_": 3})),
        (Operation::Update, json!({"name": "myaks", "ssl": {"Status": "Enabled"}})),
    ] {
        for err in shape_error(op, cfg).errors {
            let Some(akscompute::PathSeg::Key(key)) = err.path.0.last() else { panic!("{:?}", err.path) };
            assert!(!err.message.contains(&format!("did you mean \"{key}\"")), "{}", err.message);
        }
    }
}

#[test]
fn update_only_fields_say_so_on_create() {
    let e = shape_error(Operation::Create, json!({"name": "myaks", "ssl": {"status": "Enabled", "renew": true}}));
    assert_eq!(e.errors.len(), 2);
    for err in &e.errors {
        assert!(err.message.contains("only an update"), "{}", err.message);
    }
}

#[test]
fn detach_action_message_is_clipped() {
    let long = "x".repeat(100_000);
    let e = shape_error(Operation::Detach, json!({"name": "myaks", "action": long}));
    assert!(e.to_string().len() < 300, "{} bytes", e.to_string().len());
    assert_eq!(e.code(), "bad_value");
}

#[test]
fn unknown_fields_come_sorted_after_the_known_ones() {
    let e = shape_error(Operation::Create, json!({"zz": 1, "name": 5, "aa": 2}));
    let paths: Vec<String> = e.errors.iter().map(|x| x.path.to_string()).collect();
    assert_eq!(paths, ["name", "aa", "zz"]);
}

#[test]
fn keys_differing_only_in_case_in_a_cluster_are_a_shape_error() {
    let cfg = json!({"name": "myaks", "resource_group": "rg", "cluster_name": "aks"});
    let pool = json!({"name": "p", "count": 3, "vmSize": "Standard_D3_v2", "VMSIZE": "Standard_D2_v2"});
    let ctx = json!({"cluster": {"properties": {"agentPoolProfiles": [pool]}}});
    let e = validate_value(Operation::Attach, &cfg, Some(&ctx)).expect_err("ambiguous");
    assert_eq!(e.code(), "bad_value");
    assert!(e.to_string().contains("\"VMSIZE\" and \"vmSize\""), "{e}");
    let ctx = json!({"compute": {"properties": {"properties": {"agentCount": 3, "AgentCount": 4}}}});
    let e = validate_value(Operation::Update, &json!({"name": "myaks"}), Some(&ctx)).expect_err("ambiguous");
    assert!(e.to_string().contains("agentCount"), "{e}");
}

#[test]
fn a_pool_count_of_three_point_zero_is_three() {
    let cfg = json!({"name": "myaks", "resource_group": "rg", "cluster_name": "aks"});
    let ctx = |count: serde_json::Value| json!({"cluster": {"properties": {"agentPoolProfiles": [{"name": "p", "count": count, "vmSize": "Standard_D3_v2"}]}}});
    let a = validate_value(Operation::Attach, &cfg, Some(&ctx(json!(3.0)))).expect("3.0 is whole");
    let b = validate_value(Operation::Attach, &cfg, Some(&ctx(json!(3)))).expect("3 is whole");
    assert_eq!(a, b);
    assert!(validate_value(Operation::Attach, &cfg, Some(&ctx(json!(2.5)))).is_err());
}

#[test]
fn a_delete_is_not_reported_as_a_detach() {
    let cfg = json!({"name": "myaks"});
    let delete = validate_value(Operation::Delete, &cfg, None).unwrap();
    let detach = validate_value(Operation::Detach, &cfg, None).unwrap();
    let msg = |v: &akscompute::Validation| v.diagnostics.iter().find(|d| d.code == "OPS002").map(|d| d.message().to_string()).unwrap();
    assert_ne!(msg(&delete), msg(&detach));
    assert_eq!("delete".parse::<Operation>(), Ok(Operation::Delete));
    assert_eq!(Operation::Delete.shape(), akscompute::schema::Shape::Detach);
}

#[test]
fn documented_words_are_typed_and_other_text_is_kept() {
    use akscompute::{ClusterPurpose, CreateConfig};
    let c = CreateConfig::from_value(&json!({"name": "a", "cluster_purpose": "DevTest", "load_balancer_type": "Internal"})).unwrap();
    assert_eq!(c.purpose(), Some(Ok(ClusterPurpose::DevTest)));
    assert_eq!(c.lb_type(), Some(Err("Internal")));
    let v = validate_value(Operation::Create, &json!({"name": "myaks", "cluster_purpose": "DevTst"}), None).unwrap();
    assert!(v.codes().contains(&"PURP001"), "a wrong value stays a diagnostic: {:?}", v.codes());
}

#[test]
fn a_json_build_error_keeps_its_cause() {
    use akscompute::request::{build_json, ApiVersion, Cloud};
    use std::error::Error as _;
    let e = build_json("create", &json!({"nme": "x"}), &json!({}), ApiVersion::default(), Cloud::default()).expect_err("unknown field");
    let cause = e.source().expect("the shape error is the source");
    assert!(cause.to_string().contains("nme"), "{cause}");
}

#[test]
fn versions_given_as_json_text_read_like_the_json_itself() {
    use akscompute::k8s::VersionList;
    let doc = json!({"orchestrators": [{"orchestratorType": "Kubernetes", "orchestratorVersion": "1.29.4", "upgrades": []}]});
    let from_json = VersionList::from_json(&doc).unwrap();
    assert_eq!(VersionList::from_input(&format!("  {doc}")).unwrap(), from_json);
    assert_eq!(VersionList::from_json(&json!(doc.to_string())).unwrap(), from_json);
    let table = "KubernetesVersion    Upgrades\n-----------------  --------\n1.29.4               None available\n";
    assert_eq!(VersionList::from_input(table).unwrap().entries.len(), 1);
    let e = VersionList::from_input("{not json").unwrap_err();
    assert!(e.to_string().contains("not valid JSON"));
    assert!(std::error::Error::source(&e).is_some(), "the parser's error is kept");
}

#[test]
fn params_render_as_messages_show_them() {
    use akscompute::Param;
    assert_eq!(Param::from(vec!["a".to_string(), "b".to_string()]).to_string(), "a, b");
    assert_eq!(Param::from(3i64).to_string(), "3");
    assert_eq!(Param::text("x").to_string(), "x");
}
