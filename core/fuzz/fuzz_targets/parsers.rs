//! The text parsers that take input from outside: version tables, versions, PEM, DNS names,
//! resource IDs, VM size names, RFC 3339 times.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let _ = akscompute::k8s::VersionList::from_text(&s);
    let _ = akscompute::k8s::KubeVersion::parse(&s);
    let _ = akscompute::pem::read_certificate(&s);
    let _ = akscompute::pem::read_private_key(&s);
    let _ = akscompute::dns::check_name(&s);
    let _ = akscompute::resource_id::parse_cluster_id(&s);
    let _ = akscompute::vmsize::resolve(&s, &[]);
    let _ = akscompute::time::parse_rfc3339(&s);
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) {
        let _ = akscompute::k8s::VersionList::from_json(&v);
        let _ = akscompute::cluster::ClusterFacts::from_json(&v);
        let _ = akscompute::response::ComputeInfo::from_json(&v);
    }
});
