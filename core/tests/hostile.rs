//! Hostile input through the request builders: a name or a workspace field must never change
//! which resource a URL addresses, whatever the profile.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::request::{self, build_json, ApiVersion, Cloud, JsonBuildError, Options, RequestError, RequestErrorKind};
use akscompute::{AttachConfig, Context, CreateConfig, Path, Profile, UnderlyingAction, UpdateConfig};
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
                    Err(e) if e.kind() == RequestErrorKind::Invalid => {
                        assert_eq!(e.field(), "name", "{op} {name:?}");
                        assert!(e.message().contains("NAME00"), "{op} {name:?}: the rule is named: {e}");
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

// ---------------------------------------------------------------- PEM content is never quoted

const EC_A_CRT: &str = include_str!("fixtures/ec_a.crt");
const EC_A_KEY: &str = include_str!("fixtures/ec_a.key");

/// The key with its BEGIN line broken in ways that once made the body look like a label.
fn broken_keys() -> Vec<String> {
    let body_start = EC_A_KEY.find('\n').unwrap();
    let body = &EC_A_KEY[body_start..];
    vec![
        format!("-----BEGIN EC PRIVATE KEY{body}"),
        format!("-----BEGIN ec private key-----{body}"),
        format!("-----BEGIN {}-----{body}", "A".repeat(41)),
        format!("-----BEGIN EC PRIVATE KEY--{body}"),
        format!("-----BEGIN EC PRIVATE KEY\r{body}"),
    ]
}

#[test]
fn a_broken_begin_line_is_not_pem_and_no_byte_of_the_body_is_quoted() {
    use akscompute::pem::{read_private_key, PemProblem};
    let body: Vec<&str> = EC_A_KEY.lines().filter(|l| !l.starts_with("-----")).collect();
    let windows: Vec<String> = body.iter().flat_map(|l| l.as_bytes().windows(6).map(|w| String::from_utf8_lossy(w).into_owned())).collect();
    for key in broken_keys() {
        assert_eq!(read_private_key(&key), Err(PemProblem::NotPem), "{key:.40}");
        for profile in Profile::ALL {
            for locale in [None, Some("en"), Some("de"), Some("fr")] {
                let context = json!({"profile": profile.as_str(), "locale": locale});
                let config = json!({"name": "myaks", "agent_count": 3, "vm_size": "Standard_D3_v2", "ssl": {"cname": "www.contoso.com", "cert": EC_A_CRT, "key": key}});
                let v = akscompute::validate_value(akscompute::Operation::Create, &config, Some(&context)).unwrap();
                assert!(
                    profile == Profile::Sdk || v.diagnostics.iter().any(|d| d.code == "TLS006"),
                    "{profile:?} {locale:?}: {:?}",
                    v.diagnostics
                );
                let shown = serde_json::to_string(&v).unwrap();
                for w in &windows {
                    assert!(!shown.contains(w.as_str()), "{profile:?} {locale:?}: {w:?} of the key body in {shown}");
                }
            }
        }
    }
}

#[test]
fn a_key_pasted_into_a_text_field_is_never_quoted_not_even_clipped() {
    use akscompute::Operation;
    // Six-byte windows of the key's body and its BEGIN line: a clipped quote kept the header
    // and the last characters before the cut (bits of the private scalar).
    let windows: Vec<String> = EC_A_KEY
        .lines()
        .filter(|l| !l.starts_with("-----END"))
        .flat_map(|l| l.as_bytes().windows(6).map(|w| String::from_utf8_lossy(w).into_owned()).collect::<Vec<_>>())
        .filter(|w| w != "-----B" && !w.trim().is_empty())
        .collect();
    let k = EC_A_KEY;
    let cases = [
        (Operation::Create, json!({"name": "myaks", "ssl": {"leaf_domain_label": k}})),
        (Operation::Create, json!({"name": "myaks", "ssl": {"cname": k, "cert": EC_A_CRT, "key": EC_A_KEY}})),
        (Operation::Create, json!({"name": "myaks", "vm_size": k})),
        (Operation::Create, json!({"name": "myaks", "load_balancer_type": k})),
        (
            Operation::Create,
            json!({"name": "myaks", "vnet": {"name": "v", "resource_group": "g", "subnet": "s", "service_cidr": k, "dns_service_ip": k, "docker_bridge_cidr": k}}),
        ),
        (Operation::Attach, json!({"name": "myaks", "resource_group": k, "cluster_name": "c"})),
        (Operation::Attach, json!({"name": "myaks", "resource_id": k})),
        (Operation::Create, json!({"name": k})),
    ];
    for (op, config) in &cases {
        for profile in Profile::ALL {
            for locale in [None, Some("de")] {
                let context = json!({"profile": profile.as_str(), "locale": locale, "workspace": {"location": "eastus"}});
                let v = akscompute::validate_value(*op, config, Some(&context)).unwrap();
                let shown = serde_json::to_string(&v).unwrap();
                for w in &windows {
                    assert!(!shown.contains(w.as_str()), "{op:?} {profile:?} {locale:?}: {w:?} of the key in {shown}");
                }
            }
        }
    }
}

// ---------------------------------------------------------------- ARM template expressions

/// Every string (and key) in a template that ARM would evaluate.
fn expressions(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) if s.starts_with('[') && !s.starts_with("[[") => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| expressions(x, out)),
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                if k.starts_with('[') && !k.starts_with("[[") {
                    out.push(k.clone());
                }
                expressions(x, out);
            }
        }
        _ => {}
    }
}

#[test]
fn the_template_evaluates_only_its_own_expressions() {
    let c = Context::from_value(
        &json!({"workspace": {"subscription_id": SUB, "resource_group": "rg", "name": "[ws]", "location": "[eastus]"}}),
    )
    .unwrap();
    let cfg = CreateConfig::from_value(&json!({
        "name": "myaks", "description": "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'x'), '2019-06-01')]",
        "tags": {"[k]": "[v]", "team": "[ml"}, "cluster_purpose": "DevTest", "vm_size": "Standard_D3_v2", "agent_count": 1,
        "ssl": {"cname": "www.contoso.com", "cert": EC_A_CRT, "key": EC_A_KEY}
    }))
    .unwrap();
    let t = akscompute::export::create_template(&cfg, &c, &Options::default()).unwrap();
    let mut found = Vec::new();
    expressions(&t, &mut found);
    found.sort();
    assert_eq!(
        found,
        [
            "[concat(parameters('workspaceName'), '/myaks')]",
            "[parameters('location')]",
            "[parameters('sslCert')]",
            "[parameters('sslKey')]",
            // The location parameter's default (arm-ttk's Location-Should-Not-Be-Hardcoded).
            "[resourceGroup().location]"
        ],
        "{t:#}"
    );
    let r = &t["resources"][0];
    assert_eq!(r["properties"]["description"], "[[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'x'), '2019-06-01')]");
    assert_eq!((r["tags"]["[[k]"].as_str(), r["tags"]["team"].as_str()), (Some("[[v]"), Some("[[ml")));
    // The workspace's region is only in a description, which no expression starts.
    assert!(t["parameters"]["location"]["metadata"]["description"].as_str().unwrap().contains("([eastus] when exported)"));
    assert_eq!(t["parameters"]["workspaceName"]["defaultValue"], "[[ws]");
}

/// A resource ID with a trailing slash is refused in every profile (ATT002, as azureml-core
/// refuses its ten segments), and a request built without the rules sends the ID as given
/// rather than fixing it up.
#[test]
fn an_attach_refuses_a_cluster_id_with_a_trailing_slash() {
    let id = format!("/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1/");
    for profile in [Profile::P2020_10, Profile::P2021_04, Profile::P2021_11, Profile::Sdk] {
        let cfg = AttachConfig::from_value(&json!({"name": "myaks", "resource_id": id})).unwrap();
        let c = ctx(profile, "ml-ws");
        let v = akscompute::validate_attach(&cfg, &c);
        let e = v.first_error().expect("refused");
        assert_eq!((e.code, &e.path), ("ATT002", &Path::from(["resource_id"])), "{profile:?}");
        if profile != Profile::Sdk {
            assert!(e.message().contains("ends in a slash"), "{}", e.message());
        }
        let r = request::attach(&cfg, &c, &opts(profile)).unwrap();
        assert_eq!(r.body().unwrap()["properties"]["resourceId"], json!(id), "{profile:?}");
    }
}
