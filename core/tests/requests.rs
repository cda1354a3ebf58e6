//! The request builders and response parsers against the ARM schema, azureml-core's own
//! payloads and the REST examples.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#[path = "support/vector_files.rs"]
mod vector_files;
use akscompute::request::{self, sdk, ApiVersion, Cloud, Method, Options};
use akscompute::response::{AksSecrets, ComputeInfo, ListPage, OperationStatus};
use akscompute::{export, AttachConfig, Context, CreateConfig, Profile, UnderlyingAction, UpdateConfig};
use akscompute_emulator::schema::{read_only_in, Checker};
use serde_json::{json, Map, Value};
use std::path::PathBuf;
use vector_files::vector_files;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}
fn read_json(rel: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))).unwrap()
}
fn example(name: &str) -> Value {
    read_json(&format!("core/tests/fixtures/arm/{name}"))
}

const SUB: &str = "00000000-0000-0000-0000-000000000000";
fn ws_ctx(profile: Profile) -> Context {
    Context::from_value(&json!({"profile": profile.as_str(), "workspace": {"subscription_id": SUB, "resource_group": "rg", "name": "ws", "location": "eastus"}})).unwrap()
}

#[test]
fn the_strict_schema_catches_what_it_should() {
    let c = Checker::new();
    let bad = [
        json!({"location": "eastus", "properties": {"computeType": "AKS", "properties": {"agentVMsize": "x"}}}),
        json!({"location": "eastus", "properties": {"computeType": "AKS", "properties": {"agentCount": -1}}}),
        json!({"location": "eastus", "properties": {"computeType": "AKS", "properties": {"clusterPurpose": "Prod"}}}),
        json!({"location": "eastus", "properties": {"computeType": "AmlCompute"}}),
        json!({"location": "eastus", "properties": {"computeType": "AKS", "properties": {"aksNetworkingConfiguration": {"serviceCidr": "10.0.0.0/99"}}}}),
    ];
    for b in bad {
        let (_, val, _) = &c.schemas[3];
        assert!(!val.is_valid(&b), "should fail: {b}");
    }
    let (_, _, s) = &c.schemas[3];
    let mut ro = Vec::new();
    read_only_in(
        &json!({"id": "x", "properties": {"provisioningState": "Succeeded", "properties": {"systemServices": []}}}),
        s,
        &s["definitions"],
        "",
        &mut ro,
    );
    assert_eq!(ro.len(), 3, "{ro:?}");
}

// ---------------------------------------------------------------- azureml-core's payloads

#[test]
fn sdk_payloads_equal_azureml_core() {
    let cases = read_json("tests/vectors/sdk_payloads.json");
    let cases = cases["payload_cases"].as_array().unwrap();
    assert!(cases.len() > 150);
    for c in cases {
        let got = match c["operation"].as_str().unwrap() {
            "create" => {
                let cfg = CreateConfig::from_value(&c["config"]).unwrap();
                sdk::create_payload(&cfg, c["location"].as_str().unwrap(), c["subscription_id"].as_str().unwrap()).unwrap()
            }
            _ => {
                let cfg = AttachConfig::from_value(&c["config"]).unwrap();
                sdk::attach_payload(&cfg, c["resource_id"].as_str().unwrap()).unwrap()
            }
        };
        assert_eq!(got, c["payload"], "{}", c["id"]);
    }
}

// ---------------------------------------------------------------- bodies against the schema

/// Every valid create and attach configuration of the shared vectors, under every api-version.
#[test]
fn every_body_validates_against_its_api_version() {
    let checker = Checker::new();
    let mut checked = 0;
    let files = vector_files();
    for f in files {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        for c in v["cases"].as_array().into_iter().flatten() {
            let op = c["operation"].as_str().unwrap_or("");
            if op != "create" && op != "attach" {
                continue;
            }
            for p in c["profiles"].as_array().into_iter().flatten().filter_map(Value::as_str) {
                let profile: Profile = p.parse().unwrap();
                let mut ctx = ws_ctx(profile);
                if let Ok(given) = Context::from_value(&c["context"]) {
                    ctx.existing_computes = given.existing_computes;
                }
                let (valid, built) = if op == "create" {
                    let Ok(cfg) = CreateConfig::from_value(&c["config"]) else { continue };
                    let mut cfg = cfg;
                    cfg.name.get_or_insert_with(|| "myaks".into());
                    (
                        akscompute::validate_create(&cfg, &ctx).is_valid(),
                        ApiVersion::ALL.map(|v| request::create(&cfg, &ctx, &Options { api_version: v, cloud: Cloud::Public, profile })),
                    )
                } else {
                    let Ok(cfg) = AttachConfig::from_value(&c["config"]) else { continue };
                    (
                        akscompute::validate_attach(&cfg, &ctx).is_valid(),
                        ApiVersion::ALL.map(|v| request::attach(&cfg, &ctx, &Options { api_version: v, cloud: Cloud::Public, profile })),
                    )
                };
                // What azureml-core lets through but the service's schema does not (a load
                // balancer type of "Internal") is the sdk profile's fidelity, not a body to send:
                // the documentation profiles refuse it first.
                let doc_valid = if profile == Profile::Sdk {
                    let mut doc = ctx.clone();
                    doc.profile = Profile::P2021_11;
                    match op {
                        "create" => CreateConfig::from_value(&c["config"])
                            .map(|c| akscompute::validate_create(&c, &doc).is_valid())
                            .unwrap_or(false),
                        _ => AttachConfig::from_value(&c["config"])
                            .map(|c| akscompute::validate_attach(&c, &doc).is_valid())
                            .unwrap_or(false),
                    }
                } else {
                    true
                };
                if !valid || !doc_valid {
                    continue;
                }
                for (v, r) in ApiVersion::ALL.iter().zip(built) {
                    // azureml-core sends its modern body whatever the api-version: check it against the modern schema.
                    if profile == Profile::Sdk && v.legacy() {
                        continue;
                    }
                    match r {
                        Ok(req) => {
                            assert_eq!(req.method, Method::Put);
                            checker.check(v.as_str(), req.body().unwrap(), &format!("{} {}", f.display(), c["id"]));
                            checked += 1;
                        }
                        Err(e) => assert!(v.legacy() && e.code() == "unsupported", "{} [{v}]: {e}", c["id"]),
                    }
                }
            }
        }
    }
    assert!(checked > 400, "only {checked} bodies checked");
}

fn current_compute() -> Value {
    example("2025-12-01_get_AKSCompute.json")["responses"]["200"]["body"].clone()
}

#[test]
fn updates_merge_over_the_current_resource_without_read_only_fields() {
    let checker = Checker::new();
    let ctx = ws_ctx(Profile::P2021_11);
    let mut current = current_compute();
    current["properties"]["properties"]["sslConfiguration"] =
        json!({"status": "Auto", "leafDomainLabel": "contoso", "overwriteExistingDomain": false});
    let updates = [
        json!({"agent_count": 4}),
        json!({"load_balancer_type": "InternalLoadBalancer", "load_balancer_subnet": "aks-lb"}),
        json!({"ssl": {"status": "Disabled"}}),
        json!({"ssl": {"renew": true}}),
        json!({"ssl": {"leaf_domain_label": "fabrikam", "overwrite_existing_domain": true}}),
        json!({"ssl": {"cname": "www.contoso.com", "cert": "-----BEGIN CERTIFICATE-----", "key": "-----BEGIN PRIVATE KEY-----"}}),
    ];
    for u in updates {
        let cfg = UpdateConfig::from_value(&u).unwrap();
        let plan = request::update(&cfg, &current, &ctx, &Options::default()).unwrap_or_else(|e| panic!("{u}: {e}"));
        assert_eq!(plan.request.method, Method::Put);
        assert!(plan.request.url.ends_with("/computes/compute123?api-version=2026-07-01"), "{}", plan.request.url);
        checker.check("2026-07-01", plan.request.body().unwrap(), &u.to_string());
    }
    let renewed =
        request::update(&UpdateConfig::from_value(&json!({"ssl": {"renew": true}})).unwrap(), &current, &ctx, &Options::default()).unwrap();
    assert_eq!(renewed.request.body().unwrap()["properties"]["properties"]["sslConfiguration"]["renew"], json!(true));
    let kept =
        request::update(&UpdateConfig::from_value(&json!({"agent_count": 5})).unwrap(), &current, &ctx, &Options::default()).unwrap();
    assert_eq!(kept.request.body().unwrap()["properties"]["properties"]["agentCount"], json!(5));
}

#[test]
fn update_says_what_it_cannot_do() {
    let ctx = ws_ctx(Profile::P2021_11);
    let mut current = current_compute();
    current["properties"]["properties"] =
        json!({"agentVmSize": "Standard_D3_v2", "agentCount": 3, "sslConfiguration": {"status": "Enabled", "cname": "www.contoso.com"}});
    let plan =
        request::update(&UpdateConfig::from_value(&json!({"agent_count": 4})).unwrap(), &current, &ctx, &Options::default()).unwrap();
    assert!(plan.notes.iter().any(|n| n.contains("certificate and key")), "{:?}", plan.notes);
    assert!(plan.request.body().unwrap()["properties"]["properties"].get("sslConfiguration").is_none());
    let renew = request::update(&UpdateConfig::from_value(&json!({"ssl": {"renew": true}})).unwrap(), &current, &ctx, &Options::default());
    assert_eq!(renew.map_err(|e| e.field().to_string()), Err("ssl.renew".to_string()));
    let half =
        request::update(&UpdateConfig::from_value(&json!({"ssl": {"cname": "a.com"}})).unwrap(), &current, &ctx, &Options::default());
    assert_eq!(half.map_err(|e| e.field().to_string()), Err("ssl.cert".to_string()));
    let size =
        request::update(&UpdateConfig::from_value(&json!({"vm_size": "Standard_D8_v3"})).unwrap(), &current, &ctx, &Options::default());
    assert_eq!(size.map_err(|e| e.field().to_string()), Err("vm_size".to_string()));
}

// ---------------------------------------------------------------- URLs

#[test]
fn every_builder_addresses_the_right_resource() {
    let ctx = ws_ctx(Profile::P2021_11);
    let base = "https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/computes";
    let o = Options::default();
    let cases = [
        (request::get(&ctx, Some("aks1"), &o).unwrap(), Method::Get, format!("{base}/aks1?api-version=2026-07-01")),
        (request::list(&ctx, &o).unwrap(), Method::Get, format!("{base}?api-version=2026-07-01")),
        (request::list_keys(&ctx, Some("aks1"), &o).unwrap(), Method::Post, format!("{base}/aks1/listKeys?api-version=2026-07-01")),
        (
            request::delete_or_detach(&ctx, Some("aks1"), UnderlyingAction::Detach, &o).unwrap(),
            Method::Delete,
            format!("{base}/aks1?api-version=2026-07-01&underlyingResourceAction=Detach"),
        ),
        (
            request::delete_or_detach(
                &ctx,
                Some("aks1"),
                UnderlyingAction::Delete,
                &Options { profile: Profile::Sdk, api_version: ApiVersion::V2020_02_02, ..o.clone() },
            )
            .unwrap(),
            Method::Delete,
            format!("{base}/aks1?api-version=2020-02-02&underlyingResourceAction=delete"),
        ),
    ];
    for (r, m, u) in cases {
        assert_eq!((r.method, r.url.as_str()), (m, u.as_str()));
        assert!(r.body().is_none());
    }
    let next = format!("{base}?api-version=2026-07-01&$skipToken=abc");
    assert_eq!(request::list_next(&next, &o).unwrap().url, next);
    assert!(request::list_next("https://evil.example/steal", &o).is_err(), "a nextLink elsewhere is not followed");
    assert!(request::list_next("https://management.azure.com.evil.example/x", &o).is_err());
    let op = "https://management.azure.com/subscriptions/x/providers/Microsoft.MachineLearningServices/locations/eastus/computeOperationsStatus/abc";
    assert_eq!(request::operation_status(op, &o).unwrap().url, format!("{op}?api-version=2026-07-01"));
    assert_eq!(request::operation_status(&format!("{op}?api-version=2021-01-01"), &o).unwrap().url, format!("{op}?api-version=2021-01-01"));
    let id =
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1";
    assert_eq!(
        request::managed_cluster_get(id, &Cloud::China).unwrap().url,
        format!("https://management.chinacloudapi.cn{id}?api-version=2026-08-01")
    );
    assert_eq!(
        request::kubernetes_versions(SUB, "East US", &Cloud::UsGovernment).unwrap().url,
        "https://management.usgovcloudapi.net/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.ContainerService/locations/eastus/kubernetesVersions?api-version=2026-08-01"
    );
    let odd = Context::from_value(
        &json!({"workspace": {"subscription_id": SUB, "resource_group": "rg", "name": "ws/../x", "location": "eastus"}}),
    )
    .unwrap();
    assert!(request::get(&odd, Some("aks1"), &o).unwrap().url.contains("/workspaces/ws%2F..%2Fx/computes/aks1?"));
    assert_eq!(request::get(&odd, Some("a?b"), &o).unwrap_err().field(), "name", "the NAME rules refuse it before any URL");
    let missing = request::get(&Context::default(), Some("aks1"), &o).unwrap_err();
    assert_eq!(missing.field(), "context.workspace.subscription_id");
}

#[test]
fn legacy_api_versions_refuse_what_they_cannot_carry() {
    let ctx = ws_ctx(Profile::P2021_11);
    let cfg = CreateConfig::from_value(&json!({"name": "myaks", "cluster_purpose": "DevTest", "vm_size": "Standard_D2_v2"})).unwrap();
    let e = request::create(&cfg, &ctx, &Options { api_version: ApiVersion::V2020_02_02, ..Options::default() }).unwrap_err();
    assert_eq!((e.code(), e.field()), ("unsupported", "cluster_purpose"));
    let plain = CreateConfig::from_value(&json!({"name": "myaks", "vm_size": "Standard_D2_v2"})).unwrap();
    let r = request::create(&plain, &ctx, &Options { api_version: ApiVersion::V2021_01_01, ..Options::default() }).unwrap();
    assert_eq!(r.body().unwrap()["properties"]["properties"], json!({"agentVMSize": "Standard_D2_v2"}));
}

// ---------------------------------------------------------------- secrets

#[test]
fn no_rendering_for_people_shows_a_secret() {
    let ctx = ws_ctx(Profile::P2021_11);
    let cert = "-----BEGIN CERTIFICATE-----\nCERTSECRETBODY\n-----END CERTIFICATE-----\n";
    let key = "-----BEGIN PRIVATE KEY-----\nKEYSECRETBODY\n-----END PRIVATE KEY-----\n";
    let create =
        CreateConfig::from_value(&json!({"name": "myaks", "ssl": {"cname": "www.contoso.com", "cert": cert, "key": key}})).unwrap();
    let attach = AttachConfig::from_value(&json!({"name": "myaks", "resource_group": "rg", "cluster_name": "aks1", "ssl": {"cname": "www.contoso.com", "cert": cert, "key": key}})).unwrap();
    let update = UpdateConfig::from_value(&json!({"ssl": {"cname": "www.contoso.com", "cert": cert, "key": key}})).unwrap();
    let o = Options::default();
    let r = request::create(&create, &ctx, &o).unwrap().with_header("Authorization", "Bearer TOKENSECRET");
    let a = request::attach(&attach, &ctx, &o).unwrap();
    let u = request::update(&update, &current_compute(), &ctx, &o).unwrap();
    let secrets =
        AksSecrets::from_json(&json!({"computeType": "AKS", "userKubeConfig": "KUBESECRET", "adminKubeConfig": "KUBESECRET"})).unwrap();
    let renderings = [
        ("request Debug", format!("{r:?}")),
        ("request Display", r.to_string()),
        ("request preview", r.preview().to_string()),
        ("request serialized", serde_json::to_string(&r).unwrap()),
        ("attach preview", a.preview().to_string()),
        ("update plan Debug", format!("{u:?}")),
        ("config Debug", format!("{create:?}")),
        ("config serialized", serde_json::to_string(&create).unwrap()),
        ("ARM template", export::create_template(&create, &ctx, &o).unwrap().to_string()),
        ("ARM attach template", export::attach_template(&attach, &ctx, &o).unwrap().to_string()),
        ("az create", export::az_create(&create, &ctx).unwrap()),
        ("az attach", export::az_attach(&attach, &ctx).unwrap()),
        ("az update", export::az_update(&update, &ctx).unwrap()),
        ("listKeys Debug", format!("{secrets:?}")),
        ("listKeys serialized", serde_json::to_string(&secrets).unwrap()),
    ];
    for (what, text) in renderings {
        for s in ["CERTSECRETBODY", "KEYSECRETBODY", "TOKENSECRET", "KUBESECRET"] {
            assert!(!text.contains(s), "{what} shows {s}: {text}");
        }
    }
    // The values to send still carry them.
    assert!(r.body().unwrap().to_string().contains("KEYSECRETBODY"));
    let t = export::create_template(&create, &ctx, &o).unwrap();
    assert_eq!(t["parameters"]["sslKey"]["type"], json!("securestring"));
    assert_eq!(t["resources"][0]["properties"]["properties"]["sslConfiguration"]["key"], json!("[parameters('sslKey')]"));
}

#[test]
fn az_command_lines() {
    let ctx = ws_ctx(Profile::P2021_11);
    let c = CreateConfig::from_value(&json!({"name": "myaks", "agent_count": 3, "vm_size": "Standard_D3_v2", "cluster_purpose": "DevTest", "ssl": {"leaf_domain_label": "contoso", "overwrite_existing_domain": true}})).unwrap();
    assert_eq!(
        export::az_create(&c, &ctx).unwrap(),
        "az ml computetarget create aks --name myaks --resource-group rg --workspace-name ws --subscription-id 00000000-0000-0000-0000-000000000000 --agent-count 3 --vm-size Standard_D3_v2 --cluster-purpose DevTest --ssl-leaf-domain-label contoso --ssl-overwrite-domain"
    );
    let a = AttachConfig::from_value(&json!({"name": "myaks", "resource_group": "rg", "cluster_name": "aks1"})).unwrap();
    assert_eq!(
        export::az_attach(&a, &ctx).unwrap(),
        "az ml computetarget attach aks --name myaks --compute-resource-id /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1 --resource-group rg --workspace-name ws --subscription 00000000-0000-0000-0000-000000000000"
    );
    assert_eq!(
        export::az_detach(Some("myaks"), UnderlyingAction::Delete, &ctx),
        "az ml computetarget delete --name myaks --resource-group rg --workspace-name ws --subscription 00000000-0000-0000-0000-000000000000"
    );
    let t = export::create_template(&c, &ctx, &Options::default()).unwrap();
    assert_eq!(t["resources"][0]["type"], json!("Microsoft.MachineLearningServices/workspaces/computes"));
    assert_eq!(t["resources"][0]["name"], json!("[concat(parameters('workspaceName'), '/myaks')]"));
    // arm-ttk's "Location should not be hardcoded": a parameter whose main-template default is
    // the resource group's region; the workspace's is in its description.
    assert_eq!(t["resources"][0]["location"], json!("[parameters('location')]"));
    assert_eq!(t["parameters"]["location"]["defaultValue"], json!("[resourceGroup().location]"));
    assert!(t["parameters"]["location"]["metadata"]["description"].as_str().unwrap().contains("eastus"));
    assert_eq!(t["parameters"]["location"]["type"], json!("string"));
}

// ---------------------------------------------------------------- responses

#[test]
fn parses_the_rest_examples() {
    let g = ComputeInfo::from_json(&current_compute()).unwrap();
    assert_eq!((g.compute_type.as_str(), g.agent_count, g.provisioning_state.as_deref()), ("AKS", None, Some("Succeeded")));
    assert_eq!(g.description.as_deref(), Some("some compute"));
    assert!(g.cluster_resource_id.is_some_and(|r| r.contains("managedClusters")));
    let old = ComputeInfo::from_json(&example("2020-02-02_getAKSCompute.json")["responses"]["200"]["body"]).unwrap();
    assert_eq!(old.compute_type, "AKS");
    let page = ListPage::from_json(&example("2025-12-01_list.json")["responses"]["200"]["body"]).unwrap();
    assert_eq!(page.computes.len(), 2);
    assert!(page.next_link.is_some());
    let keys = AksSecrets::from_json(&example("2025-12-01_listKeys.json")["responses"]["200"]["body"]).unwrap();
    assert!(keys.user_kube_config.is_some());
    let cluster = akscompute::cluster::ClusterFacts::from_json(
        &example("containerservice_2026-08-01_ManagedClustersGet.json")["responses"]["200"]["body"],
    )
    .unwrap();
    assert_eq!((cluster.agent_pools.len(), cluster.load_balancer_sku.as_deref()), (1, Some("standard")));
    let private = akscompute::cluster::ClusterFacts::from_json(
        &example("containerservice_2026-06-01_ManagedClustersCreate_PrivateClusterPublicFQDN.json")["responses"]["200"]["body"],
    )
    .unwrap();
    assert!(private.private_cluster && private.private_cluster_public_fqdn);
    for f in
        ["containerservice_2026-08-01_KubernetesVersions_List.json", "containerservice_2019-04-01_ContainerServiceListOrchestrators.json"]
    {
        let l = akscompute::k8s::VersionList::from_json(&example(f)["responses"]["200"]["body"]).unwrap();
        assert!(!l.entries.is_empty(), "{f}");
    }
}

#[test]
fn operation_status_in_every_shape() {
    let ok = OperationStatus::from_json(&json!({"status": "Succeeded"})).unwrap();
    assert!(ok.is_terminal() && ok.succeeded());
    let running = OperationStatus::from_json(&json!({"status": "InProgress"})).unwrap();
    assert!(!running.is_terminal());
    let failed = OperationStatus::from_json(&json!({"status": "Failed", "error": {"code": "BadRequest", "message": "no quota"}})).unwrap();
    assert_eq!(failed.error.map(|e| e.to_string()), Some("BadRequest: no quota".into()));
    let nested =
        OperationStatus::from_json(&json!({"status": "Failed", "error": {"error": {"code": "Conflict", "message": "exists"}}})).unwrap();
    assert_eq!(nested.error.map(|e| e.code), Some("Conflict".into()));
}

#[test]
fn malformed_responses_name_what_is_missing() {
    let e = ComputeInfo::from_json(&json!({"id": "x", "name": "n", "properties": {}})).unwrap_err();
    assert_eq!(e.path, "properties.computeType");
    let e = ListPage::from_json(&json!({"value": [{"id": "x"}]})).unwrap_err();
    assert_eq!(e.path, "value[0].name");
    assert!(e.to_string().contains("compute list"));
    assert_eq!(OperationStatus::from_json(&json!({})).unwrap_err().path, "status");
    assert_eq!(ListPage::from_json(&json!({"values": []})).unwrap_err().path, "value");
}

// ---------------------------------------------------------------- shared request vectors

#[test]
fn build_json_names_an_unknown_operation() {
    let e = request::build_json("explode", &json!({}), &json!({}), ApiVersion::default(), Cloud::Public).unwrap_err();
    assert!(matches!(e, request::JsonBuildError::UnknownOperation(_)) && e.to_string().contains("explode"));
}

#[test]
fn shared_request_vectors() {
    let v = read_json("tests/vectors/requests.json");
    let cases = v["request_cases"].as_array().unwrap();
    assert!(cases.len() >= 10);
    for c in cases {
        let id = c["id"].as_str().unwrap();
        let profile: Profile = c["profile"].as_str().unwrap_or("2021-11").parse().unwrap();
        let mut ctx = Context::from_value(&c["context"]).unwrap_or_else(|e| panic!("{id}: {e}"));
        ctx.profile = profile;
        let opts = Options {
            api_version: c["api_version"].as_str().unwrap_or("2026-07-01").parse().unwrap(),
            cloud: Cloud::parse(c["cloud"].as_str().unwrap_or("public")).unwrap(),
            profile,
        };
        let cfg = &c["config"];
        let built = match c["operation"].as_str().unwrap() {
            "create" => request::create(&CreateConfig::from_value(cfg).unwrap(), &ctx, &opts),
            "attach" => request::attach(&AttachConfig::from_value(cfg).unwrap(), &ctx, &opts),
            "update" => request::update(&UpdateConfig::from_value(cfg).unwrap(), &c["context"]["compute"], &ctx, &opts).map(|p| p.request),
            "detach" => {
                let d = akscompute::DetachConfig::from_value(cfg).unwrap();
                request::delete_or_detach(&ctx, d.name.as_deref(), d.action, &opts)
            }
            other => panic!("{id}: operation {other}"),
        };
        if let Some(e) = c.get("expect_request_error") {
            let err = built.expect_err(id);
            assert_eq!((err.code(), err.field()), (e["kind"].as_str().unwrap(), e["field"].as_str().unwrap()), "{id}");
            assert_eq!(Some(err.key()), e["key"].as_str(), "{id}: the message's key");
            continue;
        }
        // The JSON dispatcher the Python and UniFFI bindings use agrees with the typed builders.
        let mut raw_ctx = c["context"].clone();
        raw_ctx["profile"] = json!(profile.as_str());
        let json_op = if c["operation"] == "detach" && cfg["action"] == "delete" { "delete" } else { c["operation"].as_str().unwrap() };
        let via_json = request::build_json(json_op, cfg, &raw_ctx, opts.api_version, opts.cloud.clone());
        match (&built, &via_json) {
            (Ok(r), Ok(p)) => assert_eq!(r.to_json(false), p.request.to_json(false), "{id}: build_json"),
            (Err(a), Err(request::JsonBuildError::Request(b))) => assert_eq!(a, b, "{id}: build_json"),
            (a, b) => panic!("{id}: typed {a:?} vs build_json {b:?}"),
        }
        let r = built.unwrap_or_else(|e| panic!("{id}: {e}"));
        let want = &c["expect_request"];
        assert_eq!(r.method.as_str(), want["method"], "{id}");
        assert_eq!(r.url, want["url"], "{id}");
        let headers: Map<String, Value> = r.headers().iter().map(|(k, v)| (k.clone(), json!(v))).collect();
        assert_eq!(Value::Object(headers), want["headers"], "{id}");
        assert_eq!(r.body().cloned().unwrap_or(Value::Null), want["body"], "{id}");
        for f in c["expect_preview_redacts"].as_array().into_iter().flatten() {
            let path: Vec<&str> = f.as_str().unwrap().split('.').collect();
            let secret = path.iter().fold(cfg, |v, k| &v[*k]).as_str().unwrap();
            assert!(!r.preview().to_string().contains(&secret.replace('\n', "\\n")), "{id}: preview shows {f}");
        }
    }
}
