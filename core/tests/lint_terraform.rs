//! The Terraform plan reader against the provider's own source (hashicorp/terraform-provider-azurerm,
//! internal/services/machinelearning/machine_learning_inference_cluster_resource.go, read at
//! 69697b7fe6) and against how `terraform show -json` writes a plan: `planned_values` without
//! the values known only after apply, `resource_changes[].change.after_unknown` marking them
//! (nested blocks included), `after_sensitive` / `sensitive_values` marking what is sensitive
//! while the value itself is still written in clear.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::iac::{self, Options, Source};
use serde_json::{json, Value};

const SUB_A: &str = "00000000-0000-0000-0000-00000000000a";
const SUB_B: &str = "00000000-0000-0000-0000-00000000000b";

fn cluster_id(sub: &str) -> String {
    format!("/subscriptions/{sub}/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/k8s")
}
fn workspace_id(sub: &str) -> String {
    format!("/subscriptions/{sub}/resourceGroups/ml-rg/providers/Microsoft.MachineLearningServices/workspaces/ml-ws")
}

/// An inference cluster as the provider plans it: `cluster_purpose` defaults to FastProd, an
/// `ssl` block's strings default to "".
fn inference(extra: Value) -> Value {
    let mut v = json!({"name": "scoring", "kubernetes_cluster_id": cluster_id(SUB_A), "location": "westeurope",
        "machine_learning_workspace_id": workspace_id(SUB_A), "cluster_purpose": "FastProd", "description": null,
        "identity": [], "ssl": [], "tags": null});
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    v
}

fn plan(values: Value, after_unknown: Value, after_sensitive: Value) -> String {
    let address = "azurerm_machine_learning_inference_cluster.this";
    json!({
        "format_version": "1.2", "terraform_version": "1.9.5",
        "planned_values": {"root_module": {"resources": [{"address": address, "mode": "managed",
            "type": "azurerm_machine_learning_inference_cluster", "name": "this", "values": values, "sensitive_values": after_sensitive}]}},
        "resource_changes": [{"address": address, "mode": "managed", "type": "azurerm_machine_learning_inference_cluster", "name": "this",
            "change": {"actions": ["create"], "before": null, "after": values, "after_unknown": after_unknown, "after_sensitive": after_sensitive}}],
        "configuration": {"root_module": {"resources": [{"address": address}]}}
    })
    .to_string()
}

fn lint(text: &str) -> iac::FileReport {
    iac::lint(Source { name: "plan.json", text }, None, &Options::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn codes(r: &iac::FileReport) -> Vec<&'static str> {
    let mut v: Vec<&str> = r.findings.iter().map(|f| f.diagnostic.code).collect();
    v.sort_unstable();
    v
}

/// `machine_learning_workspace_id` (required) names the workspace: a cluster in another
/// subscription is ATT004's to say (ATT003's where the profile has it), with no context file.
#[test]
fn the_workspace_id_is_the_workspace() {
    let same = lint(&plan(inference(json!({})), json!({}), json!({})));
    assert!(!codes(&same).iter().any(|c| c.starts_with("ATT003") || c.starts_with("ATT004")), "{:?}", codes(&same));
    let other = lint(&plan(inference(json!({"kubernetes_cluster_id": cluster_id(SUB_B)})), json!({}), json!({})));
    assert!(codes(&other).contains(&"ATT004"), "{:?}", codes(&other));
    // Known only after apply (the workspace is created by the same plan): no subscription to compare.
    let mut v = inference(json!({"kubernetes_cluster_id": cluster_id(SUB_B)}));
    v.as_object_mut().unwrap().remove("machine_learning_workspace_id");
    let later = lint(&plan(v, json!({"machine_learning_workspace_id": true}), json!({})));
    assert!(!codes(&later).iter().any(|c| *c == "ATT003" || *c == "ATT004"), "{:?}", codes(&later));
    // A context file's workspace wins over the plan's.
    let ctx = json!({"workspace": {"subscription_id": SUB_B, "resource_group": "ml-rg", "name": "ml-ws"}});
    let opts = Options { context: Some(ctx), ..Options::default() };
    let text = plan(inference(json!({"kubernetes_cluster_id": cluster_id(SUB_B)})), json!({}), json!({}));
    let r = iac::lint(Source { name: "plan.json", text: &text }, None, &opts).unwrap();
    assert!(!codes(&r).contains(&"ATT003"), "{:?}", codes(&r));
}

/// A certificate and key from resources of the same plan (`tls_self_signed_cert`) are absent
/// from `planned_values` and `true` in `after_unknown.ssl[0]`: unknown, not missing (TLS001
/// would say the certificate is not given).
#[test]
fn an_ssl_value_known_only_after_apply_is_unknown_not_missing() {
    let ssl = json!([{"cname": "www.contoso.com", "leaf_domain_label": "", "overwrite_existing_domain": false}]);
    let r = lint(&plan(inference(json!({"ssl": ssl})), json!({"ssl": [{"cert": true, "key": true}]}), json!({})));
    let c = codes(&r);
    assert!(!c.contains(&"TLS001"), "{c:?}");
    let unknown: Vec<String> = r.findings.iter().filter(|f| f.diagnostic.code == "IAC001").map(|f| f.diagnostic.path.to_string()).collect();
    assert!(unknown.contains(&"ssl.cert".to_string()) && unknown.contains(&"ssl.key".to_string()), "{unknown:?}");
    // An empty block is the provider's "Disabled": no TLS finding at all.
    let empty = json!([{"cname": "", "cert": "", "key": "", "leaf_domain_label": "", "overwrite_existing_domain": false}]);
    let r = lint(&plan(inference(json!({"ssl": empty})), json!({"ssl": [{}]}), json!({})));
    assert!(!codes(&r).iter().any(|c| c.starts_with("TLS")), "{:?}", codes(&r));
}

/// The provider does not mark `ssl.key` sensitive, and `terraform show -json` writes sensitive
/// values in clear anyway: no finding may carry a key's text, nor any value the plan marks
/// sensitive.
#[test]
fn no_finding_echoes_a_key_or_a_sensitive_value() {
    let key = "-----BEGIN PRIVATE KEY-----\nS0VZU0VDUkVUQk9EWQ==\n-----END PRIVATE KEY-----\n";
    let ssl = json!([{"cname": "SECRET-CNAME.contoso.com", "cert": "CERTSECRETTEXT not a pem", "key": key, "leaf_domain_label": "", "overwrite_existing_domain": false}]);
    let sensitive = json!({"ssl": [{"cname": true}]});
    let r = lint(&plan(inference(json!({"ssl": ssl})), json!({"ssl": [{}]}), sensitive));
    assert!(codes(&r).iter().any(|c| c.starts_with("TLS")), "the TLS rules still ran: {:?}", codes(&r));
    let shown = serde_json::to_string(&r).unwrap()
        + &r.findings.iter().map(|f| format!("{} {} {:?}", f.diagnostic.message(), f.diagnostic.fix(), f.diagnostic)).collect::<String>();
    for s in ["S0VZU0VDUkVUQk9EWQ", "CERTSECRETTEXT", "SECRET-CNAME"] {
        assert!(!shown.contains(s), "{s} shown: {shown}");
    }
}

/// A rule quotes a value clipped (about 80 characters, then `…`) or inside a rendered
/// sentence: a long sensitive value must not show by its first part either.
#[test]
fn a_long_sensitive_value_is_not_shown_clipped() {
    let purpose = format!("SECRETPURPOSE{}", "y".repeat(80));
    let cname = format!("SECRETCNAME{}.contoso.com", "z".repeat(300));
    let ssl = json!([{"cname": cname, "cert": "", "key": "", "leaf_domain_label": "", "overwrite_existing_domain": false}]);
    let sensitive = json!({"cluster_purpose": true, "ssl": [{"cname": true}]});
    let r = lint(&plan(inference(json!({"cluster_purpose": purpose, "ssl": ssl})), json!({"ssl": [{}]}), sensitive));
    assert!(codes(&r).contains(&"PURP001"), "the purpose rule still ran: {:?}", codes(&r));
    let shown = serde_json::to_string(&r).unwrap()
        + &r.findings.iter().map(|f| format!("{} {} {:?}", f.diagnostic.message(), f.diagnostic.fix(), f.diagnostic)).collect::<String>();
    for s in ["SECRETPURPOSE", "SECRETCNAME"] {
        assert!(!shown.contains(s), "{s} shown: {shown}");
    }
}

/// What the provider's schema says and the reader takes as it is: `cluster_purpose` defaults
/// to FastProd (so a plan always carries it), DevTest is honoured; `location`, `description`,
/// `identity` and `tags` are no part of an attach's rules.
#[test]
fn the_cluster_purpose_as_the_provider_plans_it() {
    let dev = lint(&plan(inference(json!({"cluster_purpose": "DevTest", "description": "d", "tags": {"a": "b"}})), json!({}), json!({})));
    let prod = lint(&plan(inference(json!({})), json!({}), json!({})));
    assert_eq!(dev.computes.len(), 1);
    assert!(!codes(&dev).iter().any(|c| c.starts_with("IAC003")), "{:?}", codes(&dev));
    assert!(codes(&dev).contains(&"PURP002"), "DevTest is read: {:?}", codes(&dev));
    assert_eq!(codes(&prod).iter().filter(|c| c.starts_with("PURP")).count(), 0, "{:?}", codes(&prod));
}

/// The workspace's region comes from the `azurerm_machine_learning_workspace` the plan
/// declares (ATT008 compares the cluster's with it), never from the inference cluster's own
/// `location`.
#[test]
fn the_workspace_region_is_the_declared_workspaces() {
    let cluster = json!({"address": "azurerm_kubernetes_cluster.k8s", "mode": "managed", "type": "azurerm_kubernetes_cluster", "name": "k8s",
        "values": {"name": "k8s", "location": "eastus", "id": cluster_id(SUB_A), "kubernetes_version": "1.33.2",
            "default_node_pool": [{"name": "sys", "vm_size": "Standard_D4s_v5", "node_count": 3}]}});
    let ws = json!({"address": "azurerm_machine_learning_workspace.ws", "mode": "managed", "type": "azurerm_machine_learning_workspace", "name": "ws",
        "values": {"name": "ml-ws", "location": "westeurope", "id": workspace_id(SUB_A)}});
    let text = |with_ws: bool| {
        let mut p: Value = serde_json::from_str(&plan(inference(json!({})), json!({}), json!({}))).unwrap();
        let rs = p.pointer_mut("/planned_values/root_module/resources").unwrap().as_array_mut().unwrap();
        rs.push(cluster.clone());
        let mut expr =
            json!({"kubernetes_cluster_id": {"references": ["azurerm_kubernetes_cluster.k8s.id", "azurerm_kubernetes_cluster.k8s"]}});
        if with_ws {
            rs.push(ws.clone());
            expr["machine_learning_workspace_id"] =
                json!({"references": ["azurerm_machine_learning_workspace.ws.id", "azurerm_machine_learning_workspace.ws"]});
        }
        p["configuration"]["root_module"]["resources"][0]["expressions"] = expr;
        p.to_string()
    };
    let declared = lint(&text(true));
    assert!(declared.computes[0].preflight, "the cluster is declared");
    assert!(codes(&declared).contains(&"ATT008"), "eastus cluster, westeurope workspace: {:?}", codes(&declared));
    let alone = lint(&text(false));
    assert!(!codes(&alone).contains(&"ATT008"), "the compute's westeurope is not the workspace's: {:?}", codes(&alone));
}

/// `azurerm_kubernetes_cluster` as the provider's 4.x schema spells it
/// (internal/services/containers/kubernetes_cluster_resource.go: `api_server_access_profile`
/// with `authorized_ip_ranges`, `private_cluster_enabled`, `private_cluster_public_fqdn_enabled`,
/// `network_profile`; kubernetes_nodepool.go: `auto_scaling_enabled`, `min_count`, `max_count`)
/// and as 3.x spelt the two that were renamed (`api_server_authorized_ip_ranges`,
/// `enable_auto_scaling`): the same findings.
#[test]
fn the_cluster_in_either_provider_generation() {
    let cluster = |v4: bool| {
        let mut pool = json!({"name": "sys", "vm_size": "Standard_D4s_v5", "node_count": 3, "min_count": 3, "max_count": 5});
        let mut values = json!({"name": "k8s", "location": "eastus", "id": cluster_id(SUB_A), "kubernetes_version": "1.33.2",
            "private_cluster_enabled": true, "private_cluster_public_fqdn_enabled": true,
            "network_profile": [{"load_balancer_sku": "standard", "service_cidr": "10.0.0.0/16"}]});
        if v4 {
            pool["auto_scaling_enabled"] = json!(true);
            values["api_server_access_profile"] = json!([{"authorized_ip_ranges": ["203.0.113.0/24"]}]);
        } else {
            pool["enable_auto_scaling"] = json!(true);
            values["api_server_authorized_ip_ranges"] = json!(["203.0.113.0/24"]);
        }
        values["default_node_pool"] = json!([pool]);
        let mut p: Value = serde_json::from_str(&plan(inference(json!({})), json!({}), json!({}))).unwrap();
        p.pointer_mut("/planned_values/root_module/resources").unwrap().as_array_mut().unwrap().push(
            json!({"address": "azurerm_kubernetes_cluster.k8s", "mode": "managed", "type": "azurerm_kubernetes_cluster", "name": "k8s", "values": values}),
        );
        p["configuration"]["root_module"]["resources"][0]["expressions"] =
            json!({"kubernetes_cluster_id": {"references": ["azurerm_kubernetes_cluster.k8s.id", "azurerm_kubernetes_cluster.k8s"]}});
        lint(&p.to_string())
    };
    let (v4, v3) = (cluster(true), cluster(false));
    assert!(v4.computes[0].preflight);
    assert!(codes(&v4).contains(&"ATT006"), "private with a public FQDN: {:?}", codes(&v4));
    assert_eq!(codes(&v4), codes(&v3));
}

/// An azapi compute's body is sent as written, its `sslConfiguration.status` with it: a status
/// with no certificate beside it is TLS011 (session 9), as in an ARM template; with a leaf
/// domain label and Auto, as the provider and azureml-core send it, nothing is said.
#[test]
fn an_azapi_computes_tls_status_is_held_to_its_certificate() {
    let azapi = |ssl: Value| {
        let address = "azapi_resource.aks_compute";
        let values = json!({"type": "Microsoft.MachineLearningServices/workspaces/computes@2024-04-01", "name": "aks-dev-1",
            "location": "westeurope", "parent_id": workspace_id(SUB_A),
            "body": {"properties": {"computeType": "AKS", "computeLocation": "westeurope",
                "properties": {"agentCount": 3, "agentVmSize": "Standard_D3_v2", "sslConfiguration": ssl}}}});
        json!({
            "format_version": "1.2", "terraform_version": "1.9.5",
            "planned_values": {"root_module": {"resources": [{"address": address, "mode": "managed", "type": "azapi_resource",
                "name": "aks_compute", "values": values, "sensitive_values": {"body": {}}}]}},
            "resource_changes": [{"address": address, "mode": "managed", "type": "azapi_resource", "name": "aks_compute",
                "change": {"actions": ["create"], "before": null, "after": values, "after_unknown": {}, "after_sensitive": {}}}],
            "configuration": {"root_module": {"resources": [{"address": address}]}}
        })
        .to_string()
    };
    let r = lint(&azapi(json!({"status": "Enabled"})));
    assert_eq!(r.computes.len(), 1, "{:?}", r.findings);
    let f = r.findings.iter().find(|f| f.diagnostic.code == "TLS011").unwrap_or_else(|| panic!("{:?}", codes(&r)));
    assert_eq!((f.diagnostic.severity.as_str(), f.diagnostic.path.to_string().as_str()), ("warning", "ssl.status"));
    assert!(f.pointer.ends_with("/sslConfiguration/status"), "{}", f.pointer);
    let r = lint(&azapi(json!({"status": "Auto", "leafDomainLabel": "contoso"})));
    assert!(!codes(&r).contains(&"TLS011"), "{:?}", codes(&r));
}
