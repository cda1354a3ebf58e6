//! Hostile input through the request builders: a name or a workspace field must never change
//! which resource a URL addresses, whatever the profile.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::request::{self, build_json, ApiVersion, Cloud, JsonBuildError, Options, RequestError};
use akscompute::{AttachConfig, Context, CreateConfig, Profile, UnderlyingAction, UpdateConfig};
use serde_json::json;

const SUB: &str = "00000000-0000-0000-0000-000000000000";
const DOTS: [&str; 8] = ["..", ".", "%2e%2e", "%2E.", ".%2e", "%252e%252e", "%2e", "a/../.."];

fn ctx(profile: Profile, ws: &str) -> Context {
    Context::from_value(&json!({"profile": profile.as_str(), "workspace": {"subscription_id": SUB, "resource_group": "rg", "name": ws, "location": "eastus"}}))
        .unwrap()
}

fn opts(profile: Profile) -> Options {
    Options { profile, ..Options::default() }
}

/// Every builder that takes a compute name, for one name.
fn every_named_builder(name: &str, ctx: &Context, o: &Options) -> Vec<(&'static str, Result<String, RequestError>)> {
    let url = |r: Result<request::Request, RequestError>| r.map(|r| r.url);
    let create = CreateConfig::from_value(&json!({"name": name})).unwrap();
    let attach = AttachConfig::from_value(&json!({"name": name, "resource_group": "rg", "cluster_name": "aks1"})).unwrap();
    let update = UpdateConfig::from_value(&json!({"name": name, "agent_count": 4})).unwrap();
    let current = json!({"name": name, "properties": {"computeType": "AKS", "properties": {"agentCount": 3}}});
    vec![
        ("create", url(request::create(&create, ctx, o))),
        ("attach", url(request::attach(&attach, ctx, o))),
        ("update", request::update(&update, &current, ctx, o).map(|p| p.request.url)),
        ("detach", url(request::delete_or_detach(ctx, Some(name), UnderlyingAction::Detach, o))),
        ("delete", url(request::delete_or_detach(ctx, Some(name), UnderlyingAction::Delete, o))),
        ("get", url(request::get(ctx, Some(name), o))),
        ("list_keys", url(request::list_keys(ctx, Some(name), o))),
    ]
}

#[test]
fn a_dot_name_builds_no_request_in_any_profile() {
    for profile in Profile::ALL {
        let c = ctx(profile, "ml-ws");
        for name in DOTS.iter().copied().chain(["a", "my_aks", "9lives", "x y", "a?b", "aks/listKeys"]) {
            for (op, r) in every_named_builder(name, &c, &opts(profile)) {
                match r {
                    Err(RequestError::Invalid { field, message }) => {
                        assert_eq!(field, "name", "{op} {name:?}");
                        assert!(message.contains("NAME00"), "{op} {name:?}: the rule is named: {message}");
                    }
                    other => panic!("{profile:?} {op} {name:?}: {other:?}"),
                }
            }
        }
    }
}

#[test]
fn a_good_name_still_builds_everywhere() {
    for profile in Profile::ALL {
        for (op, r) in every_named_builder("prod-aks1", &ctx(profile, "ml-ws"), &opts(profile)) {
            let url = r.unwrap_or_else(|e| panic!("{op}: {e}"));
            assert!(url.contains("/workspaces/ml-ws/computes/prod-aks1"), "{op}: {url}");
        }
    }
}

#[test]
fn an_update_checks_the_name_the_current_resource_gives() {
    let update = UpdateConfig::from_value(&json!({"agent_count": 4})).unwrap();
    let current = json!({"name": "..", "properties": {"computeType": "AKS"}});
    let e = request::update(&update, &current, &ctx(Profile::P2021_11, "ml-ws"), &Options::default()).unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid", "name"));
}

#[test]
fn workspace_fields_that_are_dot_segments_are_refused() {
    for bad in DOTS.iter().filter(|d| !d.contains('/')) {
        let c = ctx(Profile::P2021_11, bad);
        let e = request::list(&c, &Options::default()).unwrap_err();
        assert_eq!((e.code(), e.field()), ("invalid", "context.workspace.name"), "{bad}");
        let e = request::get(&c, Some("myaks"), &Options::default()).unwrap_err();
        assert_eq!(e.field(), "context.workspace.name", "{bad}");
    }
    let c = Context::from_value(&json!({"workspace": {"subscription_id": "%2E%2e", "resource_group": "rg", "name": "ws"}})).unwrap();
    assert_eq!(request::list(&c, &Options::default()).unwrap_err().field(), "context.workspace.subscription_id");
    assert_eq!(request::kubernetes_versions("..", "eastus", &Cloud::Public).unwrap_err().code(), "invalid");
    assert_eq!(request::kubernetes_versions(SUB, ".", &Cloud::Public).unwrap_err().code(), "invalid");
}

#[test]
fn links_from_the_service_cannot_climb_out() {
    let o = Options::default();
    let base = "https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws";
    assert!(request::list_next(&format!("{base}/computes?api-version=2026-07-01&$skipToken=x"), &o).is_ok());
    for bad in ["/computes/..", "/computes/%2e%2e/x", "/./computes", "//computes", "/computes/.%2E?api-version=1"] {
        let link = format!("{base}{bad}");
        assert_eq!(request::list_next(&link, &o).unwrap_err().code(), "invalid", "{link}");
        assert_eq!(request::operation_status(&link, &o).unwrap_err().code(), "invalid", "{link}");
    }
}

#[test]
fn the_json_dispatcher_refuses_a_dot_name_for_every_operation() {
    let context = json!({"workspace": {"subscription_id": SUB, "resource_group": "rg", "name": "ml-ws", "location": "eastus"}, "compute": {"name": "..", "properties": {"computeType": "AKS"}}});
    for op in ["create", "attach", "update", "detach", "delete", "get", "list_keys"] {
        let config =
            if op == "attach" { json!({"name": "..", "resource_group": "rg", "cluster_name": "c"}) } else { json!({"name": ".."}) };
        match build_json(op, &config, &context, ApiVersion::default(), Cloud::Public) {
            Err(JsonBuildError::Request(e)) => assert_eq!((e.code(), e.field()), ("invalid", "name"), "{op}"),
            other => panic!("{op}: {other:?}"),
        }
    }
}
