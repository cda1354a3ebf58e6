//! Request-building errors are data like diagnostics: a stable key in the message tables, the
//! field's path, params, and a message and fix in the context's language.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::locale::Locale;
use akscompute::request::{self, ApiVersion, Cloud, Options, RequestError, RequestErrorKind};
use akscompute::{AttachConfig, Context, CreateConfig, Path, UpdateConfig};
use serde_json::{json, Value};

const SUB: &str = "00000000-0000-0000-0000-000000000000";

fn ctx(extra: Value) -> Context {
    let mut c = json!({"workspace": {"subscription_id": SUB, "resource_group": "rg", "name": "ws", "location": "eastus"}});
    if let (Some(m), Some(e)) = (c.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            m.insert(k.clone(), v.clone());
        }
    }
    Context::from_value(&c).unwrap()
}

fn legacy() -> Options {
    Options { api_version: ApiVersion::V2021_01_01, ..Options::default() }
}

/// One case of every request error the builders make, with the key and the field expected.
fn every_error(locale: Option<&str>) -> Vec<(RequestError, &'static str, &'static str)> {
    let loc = json!({"locale": locale});
    let c = ctx(loc.clone());
    let o = Options::default();
    let no_ws = Context::from_value(&json!({"locale": locale})).unwrap();
    let no_rg = Context::from_value(&json!({"locale": locale, "workspace": {"subscription_id": SUB}})).unwrap();
    let no_name = Context::from_value(&json!({"locale": locale, "workspace": {"subscription_id": SUB, "resource_group": "rg"}})).unwrap();
    let no_loc =
        Context::from_value(&json!({"locale": locale, "workspace": {"subscription_id": SUB, "resource_group": "rg", "name": "ws"}}))
            .unwrap();
    let create = |v: Value| CreateConfig::from_value(&v).unwrap();
    let attach = |v: Value| AttachConfig::from_value(&v).unwrap();
    let update = |v: Value| UpdateConfig::from_value(&v).unwrap();
    let aks = json!({"name": "aks1", "properties": {"computeType": "AKS", "properties": {"agentVmSize": "Standard_D3_v2"}}});
    let e = |r: Result<request::Request, RequestError>| r.expect_err("an error");
    vec![
        ("x".parse::<ApiVersion>().expect_err("api"), "request.api_version", "api_version"),
        (Cloud::parse("mars").expect_err("cloud"), "request.cloud_unknown", "cloud"),
        (Cloud::Custom("ftp://x".into()).check().expect_err("scheme"), "request.cloud_scheme", "cloud"),
        (Cloud::parse("https://u@x").expect_err("form"), "request.cloud_form", "cloud"),
        (Cloud::parse("https://:8443").expect_err("host"), "request.cloud_host", "cloud"),
        (Cloud::parse("http://example.com").expect_err("http"), "request.cloud_http", "cloud"),
        (
            e(request::list(
                &ctx(json!({"locale": locale, "workspace": {"subscription_id": SUB, "resource_group": "rg", "name": ".."}})),
                &o,
            )),
            "request.segment",
            "context.workspace.name",
        ),
        (e(request::get(&c, None, &o)), "request.name_missing", "name"),
        (e(request::get(&c, Some("a?b"), &o)), "request.name_invalid", "name"),
        (e(request::list(&no_ws, &o)), "request.subscription_missing", "context.workspace.subscription_id"),
        (e(request::list(&no_rg, &o)), "request.resource_group_missing", "context.workspace.resource_group"),
        (e(request::list(&no_name, &o)), "request.workspace_missing", "context.workspace.name"),
        (e(request::create(&create(json!({"name": "aks1"})), &no_loc, &o)), "request.location_missing", "context.workspace.location"),
        (
            e(request::create(&create(json!({"name": "aks1", "cluster_purpose": "DevTest"})), &c, &legacy())),
            "request.legacy_api",
            "cluster_purpose",
        ),
        (
            e(request::create(&create(json!({"name": "aks1", "ssl": {"cname": "a.contoso.com", "cert": "C"}})), &c, &o)),
            "request.ssl_pem_missing",
            "ssl.key",
        ),
        (
            e(request::create(&create(json!({"name": "aks1", "ssl": {"cert": "C", "key": "K"}})), &c, &o)),
            "request.ssl_cname_missing",
            "ssl.cname",
        ),
        (
            e(request::create(&create(json!({"name": "aks1", "vnet": {"name": "v"}})), &c, &o)),
            "request.vnet_incomplete",
            "vnet.resource_group",
        ),
        (
            request::attach_target_id(
                &attach(json!({"name": "aks1", "resource_group": "rg", "cluster_name": "k"})),
                &no_ws,
                Default::default(),
            )
            .expect_err("sub"),
            "request.attach_subscription_missing",
            "context.workspace.subscription_id",
        ),
        (e(request::attach(&attach(json!({"name": "aks1", "cluster_name": "k"})), &c, &o)), "request.cluster_missing", "resource_group"),
        (
            request::update(&update(json!({"name": "aks1"})), &json!([]), &c, &o).expect_err("obj"),
            "request.current_not_object",
            "context.compute",
        ),
        (
            request::update(&update(json!({"name": "aks1"})), &json!({"properties": 3}), &c, &o).expect_err("props"),
            "request.current_properties",
            "context.compute.properties",
        ),
        (
            request::update(&update(json!({"name": "aks1"})), &json!({"properties": {"computeType": "AmlCompute"}}), &c, &o)
                .expect_err("aks"),
            "request.not_aks",
            "context.compute.properties.computeType",
        ),
        (
            request::update(&update(json!({"name": "aks1"})), &json!({"properties": {"computeType": "AKS", "properties": 1}}), &c, &o)
                .expect_err("inner"),
            "request.current_aks_properties",
            "context.compute.properties.properties",
        ),
        (
            request::update(&update(json!({"name": "aks1", "vm_size": "Standard_D4_v2"})), &aks, &c, &o).expect_err("size"),
            "request.vm_size_change",
            "vm_size",
        ),
        (
            request::update(&update(json!({"name": "aks1", "ssl": {"renew": true}})), &aks, &c, &o).expect_err("renew"),
            "request.renew_without_leaf",
            "ssl.renew",
        ),
        (e(request::list_next("https://evil.example/x", &o)), "request.foreign_link", "nextLink"),
        (e(request::managed_cluster_get("/not/an/id", &Cloud::Public)), "request.cluster_id", "resource_id"),
        (e(request::kubernetes_versions(SUB, " ", &Cloud::Public)), "request.region_missing", "location"),
    ]
}

#[test]
fn every_request_error_has_a_key_a_path_and_an_english_text() {
    let cases = every_error(None);
    for (err, key, field) in &cases {
        assert_eq!(err.key(), *key, "{err}");
        assert_eq!(err.field(), *field, "{key}");
        let want: Vec<&str> = field.split('.').collect();
        assert_eq!(serde_json::to_value(err.path()).unwrap(), json!(want), "{key}: the path is the field's segments");
        assert!(!err.message().is_empty() && !err.fix().is_empty(), "{key} has no text in the English table");
        assert!(!err.message().contains(key), "{key}: {}", err.message());
        assert!(!err.message().contains('{') || *key == "request.name_invalid", "{key}: a placeholder is left: {}", err.message());
        let shown = serde_json::to_value(err).unwrap();
        assert_eq!((shown["key"].as_str(), shown["kind"].as_str()), (Some(*key), Some(err.code())), "{shown}");
    }
    let mut keys: Vec<&str> = cases.iter().map(|(_, k, _)| *k).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), cases.len(), "each key is covered once");
}

#[test]
fn builders_speak_the_contexts_language_and_localize_renders_another() {
    let english = every_error(None);
    for lang in ["de", "nl", "cs", "tr", "it"] {
        for ((err, key, _), (en, _, _)) in every_error(Some(lang)).iter().zip(&english) {
            // The errors made without a context (clouds, api-versions, links) are English until
            // localized; those made from a context are in its language already.
            let local = err.clone().localized(&Locale::new(Some(lang)));
            assert_ne!(local.message(), en.message(), "{lang} {key}: still English");
            assert_ne!(local.fix(), en.fix(), "{lang} {key}: the fix is still English");
            assert_eq!((local.key(), local.path()), (en.key(), en.path()), "{lang} {key}");
        }
    }
    let c = ctx(json!({"locale": "cs_CZ.UTF-8"}));
    let e = request::get(&c, None, &Options::default()).unwrap_err();
    assert_eq!(e.to_string(), "name: Požadavek potřebuje název výpočetního cíle. Zadejte name v konfiguraci.");
    assert_eq!(e.path(), &Path::from(["name"]));
    assert_eq!(e.kind(), RequestErrorKind::Missing);
}

#[test]
fn a_refused_name_names_its_rules_in_the_language_asked_for() {
    let e = request::get(&ctx(json!({})), Some("a?b"), &Options::default()).unwrap_err();
    assert!(e.message().contains("NAME00"), "{e}");
    let de = e.clone().localized(&Locale::new(Some("de")));
    assert!(de.message().starts_with("Der Computename \"a?b\""), "{de}");
    let en_rule = e.message().split_once(": ").map(|(_, r)| r.to_string()).unwrap_or_default();
    assert!(!de.message().contains(&en_rule), "the NAME findings are rendered again in German: {de}");
}

#[test]
fn an_updates_notes_speak_the_contexts_language_too() {
    let current = json!({"name": "aks1", "properties": {"computeType": "AKS", "properties": {"sslConfiguration": {"status": "Enabled", "cname": "a.contoso.com"}}}});
    let cfg = UpdateConfig::from_value(&json!({"name": "aks1", "agent_count": 4})).unwrap();
    let en = request::update(&cfg, &current, &ctx(json!({})), &Options::default()).unwrap();
    assert!(en.notes.iter().any(|n| n.starts_with("sslConfiguration is left out")), "{:?}", en.notes);
    let cs = request::update(&cfg, &current, &ctx(json!({"locale": "cs"})), &Options::default()).unwrap();
    assert!(cs.notes.iter().any(|n| n.starts_with("sslConfiguration se vynechává")), "{:?}", cs.notes);
}
