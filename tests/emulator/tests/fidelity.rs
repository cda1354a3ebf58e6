//! The emulator answers as the service does where azureml-core 1.61, the reference client,
//! depends on it: it never returns the TLS key, its computes carry every AKS key azureml-core
//! reads, it takes the bodies 1.61 sends at 2020-02-02, and a GET body PUT back is accepted
//! (read-only fields ignored) unless our own client sent it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute_emulator::{Config, Emulator};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

const WS: &str = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/computes";
const KEY: &str = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n";
const CERT: &str = "-----BEGIN CERTIFICATE-----\nMIIBfTCCASOgAwIBAgIU\n-----END CERTIFICATE-----\n";

/// One request with this User-Agent: the status code and the body as JSON (null if none).
fn call(e: &Emulator, method: &str, path: &str, agent: &str, body: Option<&Value>) -> (u16, Value) {
    let mut s = TcpStream::connect(e.addr).unwrap();
    let text = body.map(Value::to_string).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\nUser-Agent: {agent}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        e.config().token,
        text.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(text.as_bytes()).unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    let status = out.split(' ').nth(1).unwrap().parse().unwrap();
    let body = out.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or_default();
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

const REFERENCE: &str = "python-requests/2.32 azureml-core/1.61.0";

fn put(e: &Emulator, name: &str, api: &str, agent: &str, body: &Value) -> (u16, Value) {
    call(e, "PUT", &format!("{WS}/{name}?api-version={api}"), agent, Some(body))
}

fn get(e: &Emulator, name: &str, api: &str) -> Value {
    let (status, body) = call(e, "GET", &format!("{WS}/{name}?api-version={api}"), REFERENCE, None);
    assert_eq!(status, 200, "{body}");
    body
}

fn settled(e: &Emulator) {
    while e.pending_operations() > 0 {
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_tls_key_and_certificate_are_never_returned() {
    let e = Emulator::start(Config { operation_time: Duration::from_millis(20), ..Config::default() });
    let ssl = json!({"status": "Enabled", "cname": "www.contoso.com", "cert": CERT, "key": KEY});
    let body = json!({"location": "eastus", "properties": {"computeType": "AKS", "properties": {"sslConfiguration": ssl}}});
    let (status, created) = put(&e, "tls", "2025-12-01", REFERENCE, &body);
    assert_eq!(status, 201, "{created}");
    settled(&e);
    // An update sending them again keeps them out too.
    let (status, updated) = put(&e, "tls", "2025-12-01", REFERENCE, &get(&e, "tls", "2025-12-01"));
    assert_eq!(status, 200, "{updated}");
    let mut again = get(&e, "tls", "2025-12-01");
    again["properties"]["properties"]["sslConfiguration"] = ssl.clone();
    assert_eq!(put(&e, "tls", "2025-12-01", REFERENCE, &again).0, 200);
    settled(&e);
    let answers =
        [created, updated, get(&e, "tls", "2025-12-01"), call(&e, "GET", &format!("{WS}?api-version=2025-12-01"), REFERENCE, None).1];
    for a in &answers {
        let text = a.to_string();
        assert!(!text.contains("PRIVATE KEY") && !text.contains("BEGIN CERTIFICATE"), "{text}");
    }
    assert_eq!(answers[2]["properties"]["properties"]["sslConfiguration"], json!({"status": "Enabled", "cname": "www.contoso.com"}));
    assert!(!format!("{:?}", e.computes()).contains("PRIVATE KEY"));
}

const AKS_KEYS: [&str; 7] =
    ["agentCount", "agentVmSize", "clusterPurpose", "clusterFqdn", "loadBalancerType", "loadBalancerSubnet", "systemServices"];

#[test]
fn a_compute_carries_every_key_azureml_core_reads() {
    let e = Emulator::start(Config { operation_time: Duration::from_millis(20), ..Config::default() });
    // A default create (no AKS properties at all), as the REST example's basic create.
    assert_eq!(put(&e, "basic", "2025-12-01", REFERENCE, &json!({"location": "eastus", "properties": {"computeType": "AKS"}})).0, 201);
    let rid = "/subscriptions/s/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/c1";
    // Two pools, the user pool first: the system pool is the one reported.
    let pools = json!([{"name": "user1", "mode": "User", "count": 5, "vmSize": "Standard_NC6"},
                       {"name": "nodepool1", "mode": "System", "count": 2, "vmSize": "Standard_DS2_v2"}]);
    e.add_cluster(
        rid,
        json!({"id": rid, "location": "eastus", "properties": {"fqdn": "c1-dns-1a2b3c4d.hcp.eastus.azmk8s.io", "agentPoolProfiles": pools}}),
    );
    // A cluster the emulator does not know: its agents are unknown, so null (the keys still there).
    let unknown = "/subscriptions/s/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/nowhere";
    let attach_unknown = json!({"location": "eastus", "properties": {"computeType": "AKS", "resourceId": unknown}});
    assert_eq!(put(&e, "unknown", "2025-12-01", REFERENCE, &attach_unknown).0, 201);
    let attach = json!({"location": "eastus", "properties": {"computeType": "AKS", "resourceId": rid}});
    assert_eq!(put(&e, "attached", "2025-12-01", REFERENCE, &attach).0, 201);
    settled(&e);
    let basic = get(&e, "basic", "2025-12-01")["properties"]["properties"].clone();
    let attached = get(&e, "attached", "2025-12-01")["properties"]["properties"].clone();
    for (what, p) in [("created", &basic), ("attached", &attached)] {
        for k in AKS_KEYS {
            assert!(p.get(k).is_some(), "{what}: {k} missing in {p}");
        }
    }
    assert_eq!(
        (&basic["agentCount"], &basic["agentVmSize"], &basic["clusterPurpose"]),
        (&json!(3), &json!("Standard_D3_v2"), &json!("FastProd"))
    );
    let fqdn = basic["clusterFqdn"].as_str().unwrap();
    assert!(fqdn.starts_with("basic-") && fqdn.ends_with(".hcp.eastus.azmk8s.io"), "{fqdn}");
    assert_eq!(
        (&basic["loadBalancerType"], &basic["loadBalancerSubnet"], &basic["systemServices"]),
        (&Value::Null, &Value::Null, &Value::Null)
    );
    assert_eq!(attached["clusterFqdn"], json!("c1-dns-1a2b3c4d.hcp.eastus.azmk8s.io"));
    assert_eq!(
        (&attached["clusterPurpose"], &attached["agentCount"], &attached["agentVmSize"]),
        (&json!("FastProd"), &json!(2), &json!("Standard_DS2_v2"))
    );
    let unknown = get(&e, "unknown", "2025-12-01")["properties"]["properties"].clone();
    for k in AKS_KEYS {
        assert!(unknown.get(k).is_some(), "unknown cluster: {k} missing in {unknown}");
    }
    assert_eq!((&unknown["agentCount"], &unknown["agentVmSize"], &unknown["clusterFqdn"]), (&Value::Null, &Value::Null, &Value::Null));
    // What was sent is kept: a dev/test purpose, an internal load balancer.
    let sent = json!({"location": "eastus", "properties": {"computeType": "AKS", "properties": {
        "clusterPurpose": "DevTest", "loadBalancerType": "InternalLoadBalancer", "loadBalancerSubnet": "aks"}}});
    assert_eq!(put(&e, "devtest", "2025-12-01", REFERENCE, &sent).0, 201);
    let p = get(&e, "devtest", "2025-12-01")["properties"]["properties"].clone();
    assert_eq!(
        (&p["clusterPurpose"], &p["loadBalancerType"], &p["loadBalancerSubnet"]),
        (&json!("DevTest"), &json!("InternalLoadBalancer"), &json!("aks"))
    );
}

#[test]
fn the_bodies_azureml_core_sends_at_2020_02_02_are_taken_and_typos_still_refused() {
    let e = Emulator::start(Config::default());
    // aks.py _build_create_payload and _build_attach_payload, as 1.61 sends them.
    let create = json!({"location": "eastus", "properties": {"computeType": "AKS", "computeLocation": "eastus", "properties": {
        "agentCount": 1, "agentVmSize": "STANDARD_A2", "clusterPurpose": "DevTest", "loadBalancerType": "PublicIp",
        "sslConfiguration": {"status": "Auto", "leafDomainLabel": "myaks", "overwriteExistingDomain": false}}}});
    let attach = json!({"location": "eastus", "properties": {"computeType": "AKS", "resourceId":
        "/subscriptions/s/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/c1",
        "properties": {"loadBalancerType": "InternalLoadBalancer", "loadBalancerSubnet": "aks"}}});
    for api in ["2020-02-02", "2021-01-01"] {
        let (status, body) = put(&e, &format!("create{}", &api[..4]), api, REFERENCE, &create);
        assert_eq!(status, 201, "{api}: {body}");
        let (status, body) = put(&e, &format!("attach{}", &api[..4]), api, REFERENCE, &attach);
        assert_eq!(status, 201, "{api}: {body}");
    }
    // The legacy spelling is taken and answered as the service spells it.
    let legacy = json!({"location": "eastus", "properties": {"computeType": "AKS", "properties": {"agentVMSize": "Standard_D2_v2"}}});
    assert_eq!(put(&e, "legacy", "2020-02-02", REFERENCE, &legacy).0, 201);
    let p = get(&e, "legacy", "2020-02-02")["properties"]["properties"].clone();
    assert!(p["agentVmSize"] == json!("Standard_D2_v2") && p.get("agentVMSize").is_none(), "{p}");
    // Still refused: a key no api-version has, a purpose outside the enum, a count below 1.
    for bad in [json!({"agentVmsize": "x"}), json!({"clusterPurpose": "Prod"}), json!({"agentCount": 0}), json!({"loadBalancerType": 7})] {
        let body = json!({"location": "eastus", "properties": {"computeType": "AKS", "properties": bad}});
        assert_eq!(put(&e, "bad", "2020-02-02", REFERENCE, &body).0, 400, "{bad}");
    }
    assert!(!e.computes().contains_key("bad"));
}

#[test]
fn a_get_body_put_back_is_accepted_but_not_from_our_own_client() {
    let e = Emulator::start(Config { operation_time: Duration::from_millis(20), ..Config::default() });
    assert_eq!(put(&e, "roundtrip", "2025-12-01", REFERENCE, &json!({"location": "eastus", "properties": {"computeType": "AKS"}})).0, 201);
    settled(&e);
    let mut current = get(&e, "roundtrip", "2025-12-01");
    // Our own client must send no read-only field: refused, nothing changed.
    let (status, body) = put(&e, "roundtrip", "2025-12-01", "akscompute/0.1.0", &current);
    assert_eq!(status, 400, "{body}");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains("read-only field .id sent") && message.contains(".properties.createdOn"), "{message}");
    // Anyone else's (azureml-core's update): accepted, the read-only fields ignored and counted.
    current["properties"]["properties"]["agentCount"] = json!(4);
    current["properties"]["provisioningState"] = json!("Failed");
    current["properties"]["properties"]["systemServices"] = json!([{"systemServiceType": "forged"}]);
    current["properties"]["properties"]["clusterFqdn"] = json!("elsewhere.example.com");
    let fqdn = get(&e, "roundtrip", "2025-12-01")["properties"]["properties"]["clusterFqdn"].clone();
    let (status, body) = put(&e, "roundtrip", "2025-12-01", REFERENCE, &current);
    assert_eq!(status, 200, "{body}");
    assert_eq!(e.counters().get("PUT read-only ignored"), Some(&1));
    settled(&e);
    let after = get(&e, "roundtrip", "2025-12-01");
    assert_eq!(after["properties"]["provisioningState"], json!("Succeeded"));
    let p = &after["properties"]["properties"];
    assert_eq!((&p["agentCount"], &p["systemServices"], &p["clusterFqdn"]), (&json!(4), &Value::Null, &fqdn));
    // With no agent held strict, ours is accepted too.
    let lenient = Emulator::start(Config { strict_read_only_agent: None, ..Config::default() });
    assert_eq!(put(&lenient, "r", "2025-12-01", REFERENCE, &json!({"location": "eastus", "properties": {"computeType": "AKS"}})).0, 201);
    let body = call(&lenient, "GET", &format!("{WS}/r?api-version=2025-12-01"), REFERENCE, None).1;
    assert_eq!(put(&lenient, "r", "2025-12-01", "akscompute/0.1.0", &body).0, 200);
}
