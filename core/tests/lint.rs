//! The linter on realistic files, and the proof that it finds what `check` finds: every
//! create and attach vector of tests/vectors, written as an ARM template the way an author
//! writes one (its cluster declared beside it), gives the same diagnostics through `lint`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::iac::{self, BaselineEntry, FileKind, Options, Source, SuppressionKind};
use akscompute::{validate_value, Operation, Profile};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn lint(rel: &str, params: Option<&str>, opts: &Options) -> iac::FileReport {
    let text = read(rel);
    let ptext = params.map(read);
    let p = params.zip(ptext.as_deref()).map(|(n, t)| Source { name: n, text: t });
    iac::lint(Source { name: rel, text: &text }, p, opts).unwrap_or_else(|e| panic!("{e}"))
}

/// `CODE@line:column`, sorted, for comparing with what a reviewer sees.
fn placed(r: &iac::FileReport) -> Vec<String> {
    let mut v: Vec<String> = r
        .findings
        .iter()
        .map(|f| {
            let p = f.pos.unwrap_or_default();
            format!("{}@{}:{}{}", f.diagnostic.code, p.line, p.column, if f.suppressed.is_some() { " suppressed" } else { "" })
        })
        .collect();
    v.sort();
    v
}

#[test]
fn quickstart_style_create_template_with_its_parameters_file() {
    let r = lint(
        "tests/lint/arm/create-aks/azuredeploy.json",
        Some("tests/lint/arm/create-aks/azuredeploy.parameters.json"),
        &Options::default(),
    );
    assert_eq!(r.kind, FileKind::ArmTemplate);
    assert_eq!(r.computes.len(), 1);
    assert_eq!(r.computes[0].operation, "create");
    assert_eq!(r.computes[0].resource, "Microsoft.MachineLearningServices/workspaces/computes 'mlws-prod/aks-scoring'");
    // agentCount 2 comes from the parameters file, the DNS service IP from there too; the
    // finding points at the template line that uses it.
    assert_eq!(
        placed(&r),
        [
            "CAP001@83:26",
            "CAP003@82:25",
            "IAC001@79:28",
            "LB006@72:5",
            "NET003@87:41",
            "OPS003@72:5",
            "TLS004@86:31",
            "TLS011@86:31",
            "VER001@72:5"
        ]
    );
    // Each finding says where its value came from: the parameters file, a variable's member.
    let from = |code: &str| -> Vec<String> {
        let f = r.findings.iter().find(|f| f.diagnostic.code == code).unwrap();
        f.related.iter().map(|x| format!("{}:{}:{} {}", x.file, x.pos.line, x.pos.column, x.what)).collect()
    };
    assert_eq!(from("CAP003"), ["tests/lint/arm/create-aks/azuredeploy.parameters.json:7:30 the value of parameter 'agentCount'"]);
    assert_eq!(
        from("NET003"),
        [
            "tests/lint/arm/create-aks/azuredeploy.json:59:23 variable 'networking', dnsServiceIP",
            "tests/lint/arm/create-aks/azuredeploy.parameters.json:12:32 the value of parameter 'dnsServiceIP'"
        ]
    );
    assert_eq!(from("CAP001"), ["tests/lint/arm/create-aks/azuredeploy.json:29:23 the default of parameter 'agentVmSize'"]);
    // The parameters file sends status Enabled beside a leaf domain label: the tools send Auto.
    assert_eq!(
        from("TLS011"),
        [
            "tests/lint/arm/create-aks/azuredeploy.json:63:17 variable 'ssl', status",
            "tests/lint/arm/create-aks/azuredeploy.parameters.json:14:29 the value of parameter 'sslStatus'"
        ]
    );
    let loc = r.findings.iter().find(|f| f.diagnostic.code == "IAC001").unwrap();
    assert_eq!(loc.diagnostic.path.to_string(), "location");
    assert!(loc.diagnostic.message().contains("resourceGroup().location"), "{}", loc.diagnostic.message());
    assert!(!r.passes());
}

#[test]
fn the_same_template_without_parameters_file_has_its_defaults() {
    let r = lint("tests/lint/arm/create-aks/azuredeploy.json", None, &Options::default());
    // workspaceName has no default: the name is unknown, so the name rules wait (IAC001), and
    // with 3 default nodes, TLS disabled and no VNET there is no error.
    let codes: Vec<&str> = r.findings.iter().map(|f| f.diagnostic.code).collect();
    assert!(codes.contains(&"IAC001"));
    assert!(!codes.iter().any(|c| c.starts_with("NAME") || c.starts_with("CAP") || c.starts_with("NET")), "{codes:?}");
    assert!(r.passes());
}

#[test]
fn attach_with_the_cluster_nested_deployments_a_linked_template_and_suppressions() {
    let r = lint("tests/lint/arm/attach-aks/azuredeploy.json", None, &Options::default());
    let ops: Vec<(&str, &str, bool)> = r.computes.iter().map(|c| (c.resource.as_str(), c.operation, c.preflight)).collect();
    assert_eq!(
        ops,
        [
            ("Microsoft.MachineLearningServices/workspaces/computes 'mlws-prod/aks-attached'", "attach", true),
            ("Microsoft.MachineLearningServices/workspaces/computes 'mlws-dev/aks-dev'", "attach", true),
        ]
    );
    assert_eq!(
        placed(&r),
        [
            "ATT006@45:45",
            "ATT006@45:45",
            // Only the production compute: "devTest" is judged as the DevTest it means (PURP001).
            "ATT009@34:30",
            "CAP007@61:19",
            "CAP007@61:19",
            "IAC001@29:19",
            "IAC001@29:19",
            "IAC002@137:25",
            "IAC005@8:7",
            "LB002@123:41 suppressed",
            "OPS003@113:13 suppressed",
            "OPS003@73:9 suppressed",
            "PURP001@122:37",
            "VER002@32:30",
            "VER002@32:30",
            "VER005@32:30",
            "VER005@32:30",
        ]
    );
    let lb = r.findings.iter().find(|f| f.diagnostic.code == "LB002").unwrap();
    assert_eq!(lb.suppressed.as_ref().map(|s| s.kind), Some(SuppressionKind::InSource));
    assert!(!r.passes(), "ATT006 and PURP001 are not suppressed");
}

#[test]
fn terraform_plan_with_the_cluster_its_node_pool_and_an_azapi_compute_in_a_module() {
    let r = lint("tests/lint/terraform/plan.json", None, &Options::default());
    assert_eq!(r.kind, FileKind::TerraformPlan);
    let ops: Vec<(&str, &str, bool)> = r.computes.iter().map(|c| (c.resource.as_str(), c.operation, c.preflight)).collect();
    assert_eq!(
        ops,
        [
            ("azurerm_machine_learning_inference_cluster.example", "attach", true),
            ("module.dev.azapi_resource.aks_compute", "create", false)
        ]
    );
    assert_eq!(
        placed(&r),
        [
            "ATT009@21:34",
            "ATT009@21:34",
            "CAP007@49:24",
            "IAC001@14:21",
            "IAC001@62:21",
            "LB002@105:45",
            "LB006@93:25",
            "OPS003@62:21",
            "OPS003@93:25",
            "PURP002@104:41",
            "TLS008@69:15",
            "VER001@93:25"
        ]
    );
    // kubernetes_cluster_id is known only after apply: ATT001 would judge a missing ID, so it waits.
    let id = r.findings.iter().find(|f| f.diagnostic.code == "IAC001" && f.diagnostic.path.to_string() == "resource_id").unwrap();
    assert!(id.diagnostic.message().contains("after apply") && id.diagnostic.message().contains("ATT001"), "{}", id.diagnostic.message());
}

#[test]
fn a_baseline_suppresses_without_hiding() {
    let opts = Options {
        baseline: vec![BaselineEntry {
            code: "ATT009".into(),
            file: Some("terraform/plan.json".into()),
            resource: None,
            reason: "scaled up by the platform team".into(),
        }],
        ..Options::default()
    };
    let r = lint("tests/lint/terraform/plan.json", None, &opts);
    let att: Vec<_> = r.findings.iter().filter(|f| f.diagnostic.code == "ATT009").collect();
    assert_eq!(att.len(), 2);
    assert!(att.iter().all(|f| f.suppressed.as_ref().is_some_and(|s| s.kind == SuppressionKind::Baseline)));
    let lb = BaselineEntry {
        code: "LB002".into(),
        resource: Some("module.dev.azapi_resource.aks_compute".into()),
        reason: "r".into(),
        ..Default::default()
    };
    let r = lint("tests/lint/terraform/plan.json", None, &Options { baseline: vec![lb, opts.baseline[0].clone()], ..Options::default() });
    assert!(r.passes(), "{:?}", placed(&r));
    assert!(BaselineEntry { code: "NOPE1".into(), reason: "x".into(), ..Default::default() }.problem().is_some());
    assert!(BaselineEntry { code: "CAP003".into(), ..Default::default() }.problem().is_some());
}

fn template(resources: Value, params: Value) -> String {
    json!({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "parameters": params, "resources": resources}).to_string()
}

fn codes_of(text: &str, opts: &Options) -> Vec<String> {
    let r = iac::lint(Source { name: "t.json", text }, None, opts).unwrap();
    r.findings.iter().map(|f| f.diagnostic.code.to_string()).collect()
}

#[test]
fn an_unknown_value_is_never_replaced_by_a_default() {
    // 2 nodes of an unknown size: under 2021-04 the vCPU minimum (CAP001) would be judged on
    // Standard_D3_v2, the default; it must wait instead, and say so.
    let t = template(
        json!([{"type": "Microsoft.MachineLearningServices/workspaces/computes", "name": "ws/aks1", "properties": {"computeType": "AKS", "properties": {"agentCount": 2, "agentVmSize": "[parameters('size')]"}}}]),
        json!({"size": {"type": "string"}}),
    );
    let opts = Options { profile: Profile::P2021_04, ..Options::default() };
    let r = iac::lint(Source { name: "t.json", text: &t }, None, &opts).unwrap();
    let codes: Vec<&str> = r.findings.iter().map(|f| f.diagnostic.code).collect();
    assert!(!codes.contains(&"CAP001"), "{codes:?}");
    let i = r.findings.iter().find(|f| f.diagnostic.code == "IAC001").unwrap();
    assert!(
        i.diagnostic.message().contains("'size' has no value") && i.diagnostic.message().contains("CAP001"),
        "{}",
        i.diagnostic.message()
    );
    // With the value given, the same template is judged.
    let p = r#"{"parameters": {"size": {"value": "Standard_D2_v2"}}}"#;
    let r = iac::lint(Source { name: "t.json", text: &t }, Some(Source { name: "p.json", text: p }), &opts).unwrap();
    assert!(r.findings.iter().any(|f| f.diagnostic.code == "CAP001"));
}

#[test]
fn an_attach_whose_cluster_is_elsewhere_says_the_preflight_did_not_run() {
    let id =
        "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/other";
    let t = template(
        json!([{"type": "Microsoft.MachineLearningServices/workspaces/computes", "name": "ws/aks1", "properties": {"computeType": "AKS", "resourceId": id}}]),
        json!({}),
    );
    assert!(codes_of(&t, &Options::default()).contains(&"IAC004".to_string()));
    // Bicep's languageVersion 2.0 writes resources as an object of symbolic names.
    let t2 = json!({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "languageVersion": "2.0", "contentVersion": "1.0.0.0",
        "resources": {"compute": {"type": "Microsoft.MachineLearningServices/workspaces/computes", "name": "ws/1bad", "properties": {"computeType": "AKS", "resourceId": id}}}})
    .to_string();
    assert!(codes_of(&t2, &Options::default()).contains(&"NAME003".to_string()));
}

#[test]
fn hostile_files_are_refused_with_a_position_or_bounded() {
    let e = iac::lint(Source { name: "bad.json", text: "{\n  \"resources\": [,]\n}" }, None, &Options::default()).unwrap_err();
    assert_eq!(e.pos.map(|p| (p.line, p.column)), Some((2, 17)));
    assert!(iac::lint(Source { name: "deep.json", text: &"[".repeat(1 << 20) }, None, &Options::default()).is_err());
    // Variables that refer to each other, a huge expression, and a deep expression: unknown, no hang.
    let big = format!("[concat({})]", vec!["'a'"; 20_000].join(","));
    let deep = format!("[{}1{}]", "add(1,".repeat(500), ")".repeat(500));
    let t =
        json!({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
        "variables": {"a": "[variables('b')]", "b": "[variables('a')]"},
        "resources": [{"type": "Microsoft.MachineLearningServices/workspaces/computes", "name": "[variables('a')]",
            "properties": {"computeType": "AKS", "properties": {"agentVmSize": big, "agentCount": deep}}}]})
        .to_string();
    let r = iac::lint(Source { name: "t.json", text: &t }, None, &Options::default()).unwrap();
    assert!(r.findings.iter().filter(|f| f.diagnostic.code == "IAC001").count() >= 2, "{:?}", placed(&r));
}

#[test]
fn messages_follow_the_locale() {
    let r = lint("tests/lint/arm/attach-aks/azuredeploy.json", None, &Options { locale: Some("de".into()), ..Options::default() });
    let link = r.findings.iter().find(|f| f.diagnostic.code == "IAC002").unwrap();
    assert!(link.diagnostic.message().starts_with("Die verknüpfte Vorlage"), "{}", link.diagnostic.message());
}

// ---- lint finds what check finds ----

const NOT_IN_ARM: &[&str] = &["kubernetes_version", "load_balancer_sku", "private_cluster", "api_server_authorized_ip_ranges"];

fn vectors() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(root().join("tests/vectors")).unwrap().filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    for p in files {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
        if !name.ends_with(".json") || name.starts_with("sdk_") || name == "requests.json" {
            continue;
        }
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        for c in v["cases"].as_array().cloned().unwrap_or_default() {
            out.push((format!("{name}/{}", c["id"].as_str().unwrap_or("?")), c));
        }
    }
    out
}

/// The rule findings of a lint against the check's diagnostics (code, severity, path, in any
/// order), or what differs, with the linter's own IAC findings beside it.
fn mismatch(check: &akscompute::Validation, r: &iac::FileReport) -> Option<String> {
    let mut want: Vec<String> = serde_json::to_value(&check.diagnostics).unwrap().as_array().unwrap().iter().map(key).collect();
    let mut got: Vec<String> = r
        .findings
        .iter()
        .filter(|f| !f.diagnostic.code.starts_with("IAC"))
        .map(|f| key(&serde_json::to_value(&f.diagnostic).unwrap()))
        .collect();
    want.sort();
    got.sort();
    (want != got).then(|| {
        let extra: Vec<String> =
            r.findings.iter().filter(|f| f.diagnostic.code.starts_with("IAC")).map(|f| f.diagnostic.message().into_owned()).collect();
        format!("     check {want:?}\n     lint  {got:?}\n     {extra:?}")
    })
}

fn key(d: &Value) -> String {
    format!("{} {} {}", d["code"].as_str().unwrap_or(""), d["severity"].as_str().unwrap_or(""), d["path"])
}

/// The cluster of a context (ARM or `az aks show` form) as a template resource.
fn cluster_resource(c: &Value, name: &str) -> Value {
    let props = c.get("properties").cloned().unwrap_or_else(|| {
        let mut o = c.as_object().cloned().unwrap_or_default();
        for k in ["id", "name", "location", "type"] {
            o.remove(k);
        }
        Value::Object(o)
    });
    let mut r =
        json!({"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-02-01", "name": name, "properties": props});
    if let Some(l) = c.get("location") {
        r["location"] = l.clone();
    }
    r
}

/// The compute a configuration describes, written as a template author writes it: every field
/// at its ARM property, verbatim (the request builder would normalise a faulty configuration,
/// so it cannot be the oracle here). The certificate and key come through securestring
/// parameters, as templates take secrets. `Err` names why a configuration has no ARM form.
fn arm_compute(op: Operation, cfg: &Value) -> Result<Value, &'static str> {
    let o = cfg.as_object().ok_or("not an object")?;
    let mut inner = serde_json::Map::new();
    let mut props = json!({"computeType": "AKS"});
    let name = o.get("name").and_then(Value::as_str).unwrap_or("");
    if name.starts_with('[') {
        return Err("a name that ARM would read as an expression");
    }
    for (k, arm) in
        [("cluster_purpose", "clusterPurpose"), ("load_balancer_type", "loadBalancerType"), ("load_balancer_subnet", "loadBalancerSubnet")]
    {
        if let Some(v) = o.get(k) {
            inner.insert(arm.into(), v.clone());
        }
    }
    if let Some(ssl) = o.get("ssl").and_then(Value::as_object) {
        let mut s = serde_json::Map::new();
        for (k, arm) in
            [("cname", "cname"), ("leaf_domain_label", "leafDomainLabel"), ("overwrite_existing_domain", "overwriteExistingDomain")]
        {
            if let Some(v) = ssl.get(k) {
                s.insert(arm.into(), v.clone());
            }
        }
        for (k, p) in [("cert", "sslCert"), ("key", "sslKey")] {
            if ssl.contains_key(k) {
                s.insert(k.into(), json!(format!("[parameters('{p}')]")));
            }
        }
        inner.insert("sslConfiguration".into(), Value::Object(s));
    }
    match op {
        Operation::Create => {
            for (k, arm) in [("agent_count", "agentCount"), ("vm_size", "agentVmSize")] {
                if let Some(v) = o.get(k) {
                    inner.insert(arm.into(), v.clone());
                }
            }
            if let Some(v) = o.get("location") {
                props["computeLocation"] = v.clone();
            }
            if let Some(v) = o.get("description") {
                props["description"] = v.clone();
            }
            if let Some(n) = o.get("vnet").and_then(Value::as_object) {
                let part = |k: &str| n.get(k).and_then(Value::as_str);
                let mut net = serde_json::Map::new();
                match (part("resource_group"), part("name"), part("subnet")) {
                    (Some(rg), Some(v), Some(s)) => {
                        net.insert("subnetId".into(), json!(format!("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/{rg}/providers/Microsoft.Network/virtualNetworks/{v}/subnets/{s}")));
                    }
                    (None, None, None) => {}
                    _ => return Err("part of a subnet, which ARM writes as one subnetId"),
                }
                for (k, arm) in
                    [("service_cidr", "serviceCidr"), ("dns_service_ip", "dnsServiceIP"), ("docker_bridge_cidr", "dockerBridgeCidr")]
                {
                    if let Some(v) = n.get(k) {
                        net.insert(arm.into(), v.clone());
                    }
                }
                inner.insert("aksNetworkingConfiguration".into(), Value::Object(net));
            }
        }
        _ => {
            if o.contains_key("resource_group") || o.contains_key("cluster_name") {
                return Err("resource group and cluster name, which ARM writes only as a resourceId");
            }
            match o.get("resource_id") {
                Some(v) => props["resourceId"] = v.clone(),
                None => return Err("an attach that names no cluster, which ARM reads as a create"),
            }
        }
    }
    props["properties"] = Value::Object(inner);
    let mut r = json!({"type": "Microsoft.MachineLearningServices/workspaces/computes", "apiVersion": "2026-07-01", "name": format!("ws/{name}"), "properties": props});
    if let Some(t) = o.get("tags") {
        r["tags"] = t.clone();
    }
    Ok(r)
}

#[test]
fn lint_finds_what_check_finds_for_every_create_and_attach_vector() {
    let (mut compared, mut skipped) = (0usize, BTreeMap::<&str, usize>::new());
    let mut failures = Vec::new();
    for (id, c) in vectors() {
        let op = match c["operation"].as_str() {
            Some("create") => Operation::Create,
            Some("attach") => Operation::Attach,
            _ => continue,
        };
        if c.get("expect_error").is_some() {
            *skipped.entry("a shape error, not a diagnostic").or_default() += 1;
            continue;
        }
        let cfg = &c["config"];
        if NOT_IN_ARM.iter().any(|k| cfg.get(k).is_some()) {
            *skipped.entry("a form-only field that an ARM compute body cannot hold").or_default() += 1;
            continue;
        }
        let resource = match arm_compute(op, cfg) {
            Ok(r) => r,
            Err(why) => {
                *skipped.entry(why).or_default() += 1;
                continue;
            }
        };
        let profiles: Vec<String> = c["profiles"]
            .as_array()
            .map(|a| a.iter().filter_map(|p| p.as_str().map(String::from)).collect())
            .unwrap_or_else(|| vec!["2021-11".into()]);
        for p in profiles {
            let profile: Profile = p.parse().unwrap();
            let mut ctx = c.get("context").cloned().unwrap_or_else(|| json!({}));
            ctx["profile"] = json!(p);
            let Ok(check) = validate_value(op, cfg, Some(&ctx)) else { continue };
            // The cluster is declared beside the compute, as a template would have it.
            let mut resources = vec![resource.clone()];
            let mut lint_ctx = ctx.clone();
            let rid = cfg.get("resource_id").and_then(Value::as_str).unwrap_or("");
            if let Some(cl) = ctx.get("cluster").filter(|c| !c.is_null()) {
                if let Some(name) =
                    rid.rsplit('/').next().filter(|n| !n.is_empty() && rid.to_ascii_lowercase().contains("/managedclusters/"))
                {
                    resources.push(cluster_resource(cl, name));
                    lint_ctx.as_object_mut().unwrap().remove("cluster");
                }
            }
            let params = json!({"parameters": {
                "sslCert": {"value": cfg.pointer("/ssl/cert").cloned().unwrap_or(Value::Null)},
                "sslKey": {"value": cfg.pointer("/ssl/key").cloned().unwrap_or(Value::Null)},
            }})
            .to_string();
            let text = template(Value::Array(resources), json!({"sslCert": {"type": "securestring"}, "sslKey": {"type": "securestring"}}));
            let opts = Options { profile, locale: None, context: Some(lint_ctx), baseline: vec![] };
            let r = iac::lint(Source { name: "t.json", text: &text }, Some(Source { name: "p.json", text: &params }), &opts).unwrap();
            if let Some(f) = mismatch(&check, &r) {
                failures.push(format!("{id} [{p}]:\n{f}"));
            }
            compared += 1;
        }
    }
    assert!(failures.is_empty(), "{} of {compared} differ:\n  {}", failures.len(), failures.join("\n  "));
    assert!(compared > 100, "only {compared} compared; skipped {skipped:?}");
    eprintln!("lint == check on {compared} vector runs; skipped {skipped:?}");
}

#[test]
fn a_wrong_type_and_a_cluster_declared_elsewhere() {
    let r = lint("tests/lint/arm/attach-elsewhere/azuredeploy.json", None, &Options::default());
    assert_eq!(placed(&r), ["IAC003@29:39", "IAC004@19:23", "OPS003@13:5"]);
    let t = r.findings.iter().find(|f| f.diagnostic.code == "IAC003").unwrap();
    assert_eq!(t.diagnostic.path.to_string(), "agent_count");
    assert!(!r.passes());
    // Given the cluster in the context, the preflight runs on it instead.
    let ctx = json!({"cluster": {"name": "shared-aks", "properties": {"kubernetesVersion": "1.12.4", "agentPoolProfiles": [{"name": "p", "count": 3, "vmSize": "Standard_D3_v2", "mode": "System"}]}}});
    let r = lint("tests/lint/arm/attach-elsewhere/azuredeploy.json", None, &Options { context: Some(ctx), ..Options::default() });
    assert!(r.computes[0].preflight);
    let codes: Vec<&str> = r.findings.iter().map(|f| f.diagnostic.code).collect();
    assert!(codes.contains(&"VER002") && !codes.contains(&"IAC004"), "{codes:?}");
}

// ---- the same for Terraform plans ----

/// A ManagedCluster document's facts as `azurerm_kubernetes_cluster` planned values (the system
/// pool as `default_node_pool`, the others as node pool resources). `Err` says why it has no
/// Terraform form.
fn tf_cluster(c: &Value, id: &str) -> Result<(Value, Vec<Value>), &'static str> {
    let props = c.get("properties").unwrap_or(c);
    let pools = props.get("agentPoolProfiles").and_then(Value::as_array).cloned().unwrap_or_default();
    if pools.iter().any(|p| p.get("powerState").is_some()) {
        return Err("a stopped node pool, which a plan does not show");
    }
    let sys = pools.iter().position(|p| p.get("mode").and_then(Value::as_str).is_none_or(|m| m.eq_ignore_ascii_case("system")));
    let Some(sys) = sys else { return Err("a cluster without a system pool, which azurerm cannot declare") };
    let tf_pool = |p: &Value| {
        let mut o = serde_json::Map::new();
        for (arm, tf) in [
            ("name", "name"),
            ("count", "node_count"),
            ("vmSize", "vm_size"),
            ("osType", "os_type"),
            ("mode", "mode"),
            ("enableAutoScaling", "auto_scaling_enabled"),
            ("minCount", "min_count"),
            ("maxCount", "max_count"),
        ] {
            if let Some(v) = p.get(arm) {
                o.insert(tf.into(), v.clone());
            }
        }
        Value::Object(o)
    };
    if pools[sys].get("osType").and_then(Value::as_str).is_some_and(|o| !o.eq_ignore_ascii_case("linux")) {
        return Err("a Windows system pool, which azurerm cannot declare");
    }
    let mut values = json!({"id": id, "name": id.rsplit('/').next().unwrap_or(""), "default_node_pool": [tf_pool(&pools[sys])]});
    if let Some(v) = props.get("currentKubernetesVersion").or_else(|| props.get("kubernetesVersion")) {
        values["kubernetes_version"] = v.clone();
    }
    if let Some(l) = c.get("location") {
        values["location"] = l.clone();
    }
    if let Some(a) = props.get("apiServerAccessProfile") {
        for (arm, tf) in
            [("enablePrivateCluster", "private_cluster_enabled"), ("enablePrivateClusterPublicFQDN", "private_cluster_public_fqdn_enabled")]
        {
            if let Some(v) = a.get(arm) {
                values[tf] = v.clone();
            }
        }
        // `az aks show` spells it authorizedIpRanges, the REST API authorizedIPRanges.
        if let Some((_, r)) = a.as_object().and_then(|o| o.iter().find(|(k, _)| k.eq_ignore_ascii_case("authorizedIPRanges"))) {
            values["api_server_access_profile"] = json!([{"authorized_ip_ranges": r}]);
        }
    }
    if let Some(n) = props.get("networkProfile") {
        let mut np = serde_json::Map::new();
        for (arm, tf) in [("loadBalancerSku", "load_balancer_sku"), ("serviceCidr", "service_cidr")] {
            if let Some(v) = n.get(arm) {
                np.insert(tf.into(), v.clone());
            }
        }
        values["network_profile"] = json!([np]);
    }
    let others = pools.iter().enumerate().filter(|(i, _)| *i != sys).map(|(_, p)| tf_pool(p)).collect();
    Ok((values, others))
}

fn resource(address: &str, rtype: &str, values: Value) -> Value {
    json!({"address": address, "mode": "managed", "type": rtype, "name": address.rsplit('.').next().unwrap_or(""), "values": values})
}

#[test]
fn lint_finds_what_check_finds_in_terraform_plans_of_every_attach_vector() {
    let (mut compared, mut skipped) = (0usize, BTreeMap::<&str, usize>::new());
    let mut failures = Vec::new();
    for (id, c) in vectors() {
        if c["operation"].as_str() != Some("attach") || c.get("expect_error").is_some() {
            continue;
        }
        let cfg = &c["config"];
        if ["load_balancer_type", "load_balancer_subnet"].iter().any(|k| cfg.get(k).is_some()) {
            *skipped.entry("load balancer settings, which azurerm's inference cluster does not have").or_default() += 1;
            continue;
        }
        if cfg.get("resource_group").is_some() || cfg.get("cluster_name").is_some() {
            *skipped.entry("resource group and cluster name, which Terraform gives only as kubernetes_cluster_id").or_default() += 1;
            continue;
        }
        let Some(rid) = cfg.get("resource_id").and_then(Value::as_str) else {
            *skipped.entry("no kubernetes_cluster_id").or_default() += 1;
            continue;
        };
        let mut inference =
            json!({"name": cfg.get("name").cloned().unwrap_or(json!("")), "kubernetes_cluster_id": rid, "location": "westeurope"});
        if let Some(p) = cfg.get("cluster_purpose") {
            inference["cluster_purpose"] = p.clone();
        }
        if let Some(s) = cfg.get("ssl") {
            inference["ssl"] = json!([s]);
        }
        let mut resources =
            vec![resource("azurerm_machine_learning_inference_cluster.this", "azurerm_machine_learning_inference_cluster", inference)];
        let mut config_resources = vec![
            json!({"address": "azurerm_machine_learning_inference_cluster.this", "expressions": {"kubernetes_cluster_id": {"references": ["azurerm_kubernetes_cluster.this.id", "azurerm_kubernetes_cluster.this"]}}}),
        ];
        let mut ctx = c.get("context").cloned().unwrap_or_else(|| json!({}));
        if let Some(cl) = ctx.get("cluster").filter(|c| !c.is_null()).cloned() {
            match tf_cluster(&cl, rid) {
                Ok((values, pools)) => {
                    resources.push(resource("azurerm_kubernetes_cluster.this", "azurerm_kubernetes_cluster", values));
                    for (i, p) in pools.into_iter().enumerate() {
                        let a = format!("azurerm_kubernetes_cluster_node_pool.p{i}");
                        resources.push(resource(&a, "azurerm_kubernetes_cluster_node_pool", p));
                        config_resources.push(json!({"address": a, "expressions": {"kubernetes_cluster_id": {"references": ["azurerm_kubernetes_cluster.this.id", "azurerm_kubernetes_cluster.this"]}}}));
                    }
                    ctx.as_object_mut().unwrap().remove("cluster");
                }
                Err(why) => {
                    *skipped.entry(why).or_default() += 1;
                    continue;
                }
            }
        }
        let plan =
            json!({"format_version": "1.2", "terraform_version": "1.9.5", "planned_values": {"root_module": {"resources": resources}},
            "configuration": {"root_module": {"resources": config_resources}}})
            .to_string();
        let profiles: Vec<String> = c["profiles"]
            .as_array()
            .map(|a| a.iter().filter_map(|p| p.as_str().map(String::from)).collect())
            .unwrap_or_else(|| vec!["2021-11".into()]);
        for p in profiles {
            let mut check_ctx = c.get("context").cloned().unwrap_or_else(|| json!({}));
            check_ctx["profile"] = json!(p);
            let Ok(check) = validate_value(Operation::Attach, cfg, Some(&check_ctx)) else { continue };
            let opts = Options { profile: p.parse().unwrap(), locale: None, context: Some(ctx.clone()), baseline: vec![] };
            let r = iac::lint(Source { name: "plan.json", text: &plan }, None, &opts).unwrap();
            if let Some(f) = mismatch(&check, &r) {
                failures.push(format!("{id} [{p}]:\n{f}"));
            }
            compared += 1;
        }
    }
    assert!(failures.is_empty(), "{} of {compared} differ:\n  {}", failures.len(), failures.join("\n  "));
    assert!(compared > 30, "only {compared} compared; skipped {skipped:?}");
    eprintln!("lint of a plan == check on {compared} attach vector runs; skipped {skipped:?}");
}

// ---- the shared lint vectors (tests/vectors/fix9-arm-ssl-status.json) ----

/// The template of one lint vector: one AKS compute whose `sslConfiguration` is the case's.
fn lint_vector_template(c: &Value) -> Value {
    let mut inner = json!({"agentCount": 3, "agentVmSize": "Standard_D3_v2", "sslConfiguration": c["sslConfiguration"]});
    let mut props = json!({"computeType": "AKS", "computeLocation": "eastus"});
    if c["operation"] == "attach" {
        inner = json!({"sslConfiguration": c["sslConfiguration"]});
        props = json!({
            "computeType": "AKS",
            "resourceId": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c1"
        });
    }
    props["properties"] = inner;
    json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": c.get("parameters").cloned().unwrap_or_else(|| json!({})),
        "resources": [{
            "type": "Microsoft.MachineLearningServices/workspaces/computes",
            "apiVersion": "2024-04-01",
            "name": "ws/aks1",
            "location": "eastus",
            "properties": props
        }]
    })
}

#[test]
fn shared_lint_vectors_pass() {
    let mut failures = Vec::new();
    let mut n = 0;
    for p in std::fs::read_dir(root().join("tests/vectors")).unwrap().filter_map(|e| e.ok().map(|e| e.path())) {
        if p.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        for c in v["lint_cases"].as_array().cloned().unwrap_or_default() {
            let id = c["id"].as_str().unwrap_or("?").to_string();
            let only: Vec<&str> = c["only"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
            let text = serde_json::to_string_pretty(&lint_vector_template(&c)).unwrap();
            for prof in c["profiles"].as_array().unwrap() {
                n += 1;
                let opts = Options { profile: prof.as_str().unwrap().parse().unwrap(), ..Options::default() };
                let r = iac::lint(Source { name: "azuredeploy.json", text: &text }, None, &opts).unwrap();
                let mut got: Vec<String> = r
                    .findings
                    .iter()
                    .filter(|f| only.is_empty() || only.iter().any(|o| f.diagnostic.code.starts_with(o)))
                    .map(|f| format!("{} {} {} {}", f.diagnostic.code, f.diagnostic.severity, f.diagnostic.path, f.pointer))
                    .collect();
                let mut want: Vec<String> = c["expect"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| {
                        let path: Vec<&str> = e["path"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
                        format!(
                            "{} {} {} {}",
                            e["code"].as_str().unwrap(),
                            e["severity"].as_str().unwrap(),
                            path.join("."),
                            e["pointer"].as_str().unwrap_or("*")
                        )
                    })
                    .collect();
                // A case that gives no pointer compares the rest.
                let mut left = got.clone();
                let mut unmatched = Vec::new();
                for w in &want {
                    let hit = left.iter().position(|g| {
                        g == w || w.strip_suffix(" *").is_some_and(|head| g.rsplit_once(' ').is_some_and(|(a, _)| a == head))
                    });
                    match hit {
                        Some(i) => {
                            left.remove(i);
                        }
                        None => unmatched.push(w.clone()),
                    }
                }
                got.sort();
                want.sort();
                if !left.is_empty() || !unmatched.is_empty() {
                    failures.push(format!("{id} [{prof}]:\n     got  {got:?}\n     want {want:?}"));
                }
            }
        }
    }
    assert!(n >= 10, "only {n} lint vector runs");
    assert!(failures.is_empty(), "{} lint vector failures:\n  {}", failures.len(), failures.join("\n  "));
}
