//! The exported ARM templates against Azure's template test toolkit (github:Azure/arm-ttk at
//! 0ec9a41, arm-ttk/testcases/deploymentTemplate/*.test.ps1): each test below says which
//! toolkit test it restates. The template is that of a full create (virtual network, custom
//! TLS certificate, internal load balancer), of an attach, and of the SDK profile's api-version.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::export;
use akscompute::request::{ApiVersion, Options};
use akscompute::{AttachConfig, Context, CreateConfig};
use serde_json::{json, Value};

const SUB: &str = "00000000-0000-0000-0000-000000000000";

fn reference() -> Value {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/exports-arm-template-reference.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn ctx() -> Context {
    Context::from_value(&json!({"workspace": {"subscription_id": SUB, "resource_group": "ml-rg", "name": "ml-ws", "location": "eastus"}}))
        .unwrap()
}

const CERT: &str = "-----BEGIN CERTIFICATE-----\nQ0VSVFNFQ1JFVEJPRFk=\n-----END CERTIFICATE-----\n";
const KEY: &str = "-----BEGIN PRIVATE KEY-----\nS0VZU0VDUkVUQk9EWQ==\n-----END PRIVATE KEY-----\n";

fn full_create() -> Value {
    let cfg = CreateConfig::from_value(&json!({"name": "prod-aks", "agent_count": 3, "vm_size": "Standard_D3_v2", "cluster_purpose": "FastProd",
        "vnet": {"name": "vn", "resource_group": "net-rg", "subnet": "aks-subnet", "service_cidr": "10.0.0.0/16", "dns_service_ip": "10.0.0.10", "docker_bridge_cidr": "172.17.0.1/16"},
        "load_balancer_type": "InternalLoadBalancer", "load_balancer_subnet": "aks-subnet",
        "ssl": {"cname": "www.contoso.com", "cert": CERT, "key": KEY}, "tags": {"team": "ml"}, "description": "scoring"}))
    .unwrap();
    export::create_template(&cfg, &ctx(), &Options::default()).unwrap()
}

fn attach(sub: &str) -> Value {
    let id = format!("/subscriptions/{sub}/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/k8s");
    let cfg = AttachConfig::from_value(
        &json!({"name": "att-aks", "resource_id": id, "cluster_purpose": "DevTest", "ssl": {"leaf_domain_label": "contoso"}}),
    )
    .unwrap();
    export::attach_template(&cfg, &ctx(), &Options::default()).unwrap()
}

fn sdk_create() -> Value {
    let cfg = CreateConfig::from_value(&json!({"name": "sdk-aks", "agent_count": 3})).unwrap();
    let opts = Options { api_version: ApiVersion::V2020_02_02, ..Options::default() };
    export::create_template(&cfg, &ctx(), &opts).unwrap()
}

fn templates() -> Vec<(&'static str, Value)> {
    vec![
        ("full create", full_create()),
        ("attach", attach(SUB)),
        ("attach elsewhere", attach("11111111-1111-1111-1111-111111111111")),
        ("sdk create", sdk_create()),
    ]
}

/// Every (JSON pointer, key, value) under `v`.
fn walk<'v>(v: &'v Value, ptr: String, out: &mut Vec<(String, String, &'v Value)>) {
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                let p = format!("{ptr}/{k}");
                out.push((p.clone(), k.clone(), x));
                walk(x, p, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk(x, format!("{ptr}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// DeploymentTemplate-Schema-Is-Correct, and the contentVersion every template carries.
#[test]
fn schema_and_content_version() {
    let r = reference();
    for (what, t) in templates() {
        assert!(r["schemas"].as_array().unwrap().contains(&t["$schema"]), "{what}: {}", t["$schema"]);
        assert_eq!(t["$schema"], r["schemas"][0], "{what}: the current one, not 2015-01-01");
        let cv = t["contentVersion"].as_str().unwrap();
        assert!(cv.split('.').count() == 4 && cv.split('.').all(|n| n.parse::<u32>().is_ok()), "{what}: {cv}");
    }
}

/// apiVersions-Should-Be-Recent: a date, not a preview, one the template reference lists, and
/// (the default) within 730 days of the newest. The SDK profile's 2020-02-02 is not listed: its
/// template names 2021-01-01, the listed version with the same body.
#[test]
fn api_versions_are_listed_and_the_default_is_recent() {
    let r = reference();
    let listed: Vec<&str> = r["api_versions"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    for (what, t) in templates() {
        let v = t["resources"][0]["apiVersion"].as_str().unwrap();
        assert!(listed.contains(&v) && !v.contains("preview"), "{what}: {v} is not in the template reference");
    }
    let day = |v: &str| {
        let p: Vec<i64> = v.split('-').map(|x| x.parse().unwrap()).collect();
        p[0] * 365 + p[1] * 30 + p[2]
    };
    let newest = listed.iter().copied().max_by_key(|v| day(v)).unwrap();
    let default = full_create()["resources"][0]["apiVersion"].as_str().unwrap().to_string();
    assert!(day(newest) - day(&default) < r["recent_days"].as_i64().unwrap(), "{default} is older than two years before {newest}");
    assert_eq!(sdk_create()["resources"][0]["apiVersion"], "2021-01-01");
    assert!(r["not_listed"].as_array().unwrap().iter().all(|v| v.as_str() != Some(&default)));
}

/// Secure-String-Parameters-Cannot-Have-Default and Password-params-must-be-secure: the TLS
/// certificate and key are `securestring` parameters without a default, and no secret text is
/// anywhere in the template.
#[test]
fn the_tls_secrets_are_secure_parameters_without_a_default() {
    let t = full_create();
    for p in ["sslCert", "sslKey"] {
        assert_eq!(t["parameters"][p]["type"], "securestring", "{p}");
        assert!(t["parameters"][p].get("defaultValue").is_none(), "{p} has a default");
    }
    let text = t.to_string();
    assert!(!text.contains("Q0VSVFNFQ1JFVEJPRFk") && !text.contains("S0VZU0VDUkVUQk9EWQ"), "{text}");
    for (what, t) in templates() {
        for (name, p) in t["parameters"].as_object().unwrap() {
            if p["type"] == "securestring" {
                assert!(p.get("defaultValue").is_none(), "{what}: {name}");
            }
        }
    }
}

/// Parameters-Must-Be-Referenced: every parameter is used, inside an expression.
#[test]
fn every_parameter_is_referenced_in_an_expression() {
    for (what, t) in templates() {
        let mut all = Vec::new();
        walk(&t["resources"], String::new(), &mut all);
        let expressions: Vec<&str> =
            all.iter().filter_map(|(_, _, v)| v.as_str()).filter(|s| s.starts_with('[') && !s.starts_with("[[")).collect();
        for name in t["parameters"].as_object().unwrap().keys() {
            let call = format!("parameters('{name}')");
            assert!(expressions.iter().any(|e| e.contains(&call)), "{what}: {name} is not referenced");
        }
    }
}

/// Location-Should-Not-Be-Hardcoded and Resources-Should-Have-Location: the resource's location
/// is an expression; the location parameter is a string whose default, in a main template, is
/// [resourceGroup().location]; resourceGroup().location appears nowhere else.
#[test]
fn the_location_is_a_parameter_with_the_allowed_default() {
    for (what, t) in templates() {
        let loc = t["resources"][0]["location"].as_str().unwrap_or_else(|| panic!("{what}: no location"));
        assert!(loc.starts_with('[') && loc.ends_with(']'), "{what}: {loc}");
        let p = &t["parameters"]["location"];
        assert_eq!(p["type"], "string", "{what}");
        let d = p["defaultValue"].as_str().unwrap();
        assert!(["[resourceGroup().location]", "[deployment().location]", "global"].contains(&d), "{what}: {d}");
        let mut rest = t.clone();
        rest.as_object_mut().unwrap().remove("parameters");
        assert!(!rest.to_string().to_lowercase().contains("resourcegroup().location"), "{what}");
    }
}

/// IDs-Should-Be-Derived-From-ResourceIDs: every `*Id` property of a resource (the attach
/// target's `resourceId`, the subnet's `subnetId`) is a `resourceId()` expression; the
/// subscription is named only when it is not the workspace's. ResourceIds-should-not-contain:
/// no `resourceId(resourceGroup(…` nor `resourceId(concat(…`.
#[test]
fn every_id_is_a_resource_id_expression() {
    for (what, t) in templates() {
        let mut all = Vec::new();
        walk(&t["resources"], String::new(), &mut all);
        for (ptr, key, v) in all {
            if key.to_ascii_lowercase().ends_with("id") && !ptr.contains("/tags/") {
                let s = v.as_str().unwrap_or_else(|| panic!("{what}: {ptr} is no string"));
                assert!(s.starts_with("[resourceId(") || s.starts_with("[parameters("), "{what}: {ptr} = {s}");
            }
        }
        let text = t.to_string();
        for bad in ["resourceId(resourceGroup(", "resourceId(subscription(", "resourceId(concat(", "resourceId(format("] {
            assert!(!text.contains(bad), "{what}: {bad}");
        }
    }
    let net = &full_create()["resources"][0]["properties"]["properties"]["aksNetworkingConfiguration"]["subnetId"];
    assert_eq!(net, "[resourceId('net-rg', 'Microsoft.Network/virtualNetworks/subnets', 'vn', 'aks-subnet')]");
    assert_eq!(
        attach(SUB)["resources"][0]["properties"]["resourceId"],
        "[resourceId('aks-rg', 'Microsoft.ContainerService/managedClusters', 'k8s')]"
    );
    assert_eq!(
        attach("11111111-1111-1111-1111-111111111111")["resources"][0]["properties"]["resourceId"],
        "[resourceId('11111111-1111-1111-1111-111111111111', 'aks-rg', 'Microsoft.ContainerService/managedClusters', 'k8s')]"
    );
}

/// Template-Should-Not-Contain-Blanks: no empty string, object, array or null, but where the
/// toolkit allows one (`defaultValue`, `properties`, `resources`, `parameters`, `outputs`…).
#[test]
fn no_blanks() {
    const MAY_BE_EMPTY: [&str; 8] =
        ["resources", "outputs", "variables", "parameters", "functions", "properties", "template", "defaultValue"];
    let blank = |v: &Value| match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    };
    let cfg = CreateConfig::from_value(&json!({"name": "bare-aks", "tags": {}, "description": ""})).unwrap();
    let bare = export::create_template(&cfg, &ctx(), &Options::default()).unwrap();
    for (what, t) in templates().into_iter().chain([("bare create", bare)]) {
        let mut all = Vec::new();
        walk(&t, String::new(), &mut all);
        for (ptr, key, v) in all {
            assert!(!blank(v) || MAY_BE_EMPTY.contains(&key.as_str()), "{what}: {ptr} is blank in {t}");
        }
    }
}

/// Outputs-Must-Not-Contain-Secrets and DeploymentTemplate-Must-Not-Contain-Hardcoded-Uri: no
/// outputs at all, and no Azure host but the schema's.
#[test]
fn no_outputs_and_no_hardcoded_hosts() {
    const HOSTS: [&str; 8] = [
        "management.azure.com",
        "management.core.windows.net",
        "core.windows.net",
        "login.microsoftonline.com",
        "graph.windows.net",
        "vault.azure.net",
        "database.windows.net",
        "gallery.azure.com",
    ];
    for (what, t) in templates() {
        assert!(t.get("outputs").is_none(), "{what}");
        let mut rest = t.clone();
        rest.as_object_mut().unwrap().remove("$schema");
        let text = rest.to_string();
        for h in HOSTS {
            assert!(!text.contains(h), "{what}: {h}");
        }
    }
}

/// The exported template reads back through the linter: the `resourceId()` subnet and the
/// `[resourceGroup().location]` default are evaluated, not left unknown; only the secure
/// parameters (no value in the file, as they must be) are.
#[test]
fn the_exported_template_lints_back() {
    let text = full_create().to_string();
    let opts = akscompute::iac::Options::default();
    let r = akscompute::iac::lint(akscompute::iac::Source { name: "t.json", text: &text }, None, &opts).unwrap();
    let unknown: Vec<String> = r
        .findings
        .iter()
        .filter(|f| f.diagnostic.code.starts_with("IAC"))
        .map(|f| format!("{} {}", f.diagnostic.code, f.diagnostic.path))
        .collect();
    assert_eq!(unknown, ["IAC001 ssl.cert", "IAC001 ssl.key"], "{:?}", r.findings);
}
