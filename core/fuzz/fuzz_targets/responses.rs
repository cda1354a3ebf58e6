//! ARM's answers are outside input: any bytes as a response body through every parser, as the
//! current resource an update merges over, and as the links (nextLink, Azure-AsyncOperation)
//! and endpoints the client would follow. Errors, never a panic.
#![no_main]
use akscompute::request::{self, Cloud, Options};
use akscompute::response::{AksSecrets, ArmError, ComputeInfo, ListPage, OperationStatus};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let opts = Options { cloud: Cloud::Custom("http://127.0.0.1:1".into()), ..Options::default() };
    let _ = request::list_next(&text, &opts);
    let _ = request::operation_status(&text, &opts);
    let _ = request::list_next(&text, &Options::default());
    let _ = Cloud::parse(&text);
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    let _ = ArmError::from_json(&v);
    let _ = ComputeInfo::from_json(&v);
    let _ = ListPage::from_json(&v);
    let _ = OperationStatus::from_json(&v);
    let _ = AksSecrets::from_json(&v);
    let _ = akscompute::cluster::ComputeFacts::from_json(&v);
    let ctx = akscompute::Context::from_value(&serde_json::json!({"workspace": {"subscription_id": "s", "resource_group": "rg", "name": "ws", "location": "eastus"}}))
        .unwrap_or_default();
    for cfg in [serde_json::json!({"agent_count": 4}), serde_json::json!({"name": "myaks", "ssl": {"status": "Disabled"}}), serde_json::json!({"ssl": {"renew": true}})] {
        if let Ok(u) = akscompute::UpdateConfig::from_value(&cfg) {
            let _ = request::update(&u, &v, &ctx, &Options::default());
        }
    }
});
