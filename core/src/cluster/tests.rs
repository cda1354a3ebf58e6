//! The streaming document readers against the JSON-value readers they replaced (kept here
//! as the oracle), on generated documents: JSON text with keys in any case, given twice, of
//! any type, nested. Each reader must give the same facts or the same first problem.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::{ClusterFacts, ComputeFacts};

/// The readers before streaming, over a `serde_json::Value`.
mod oracle {
    use super::super::{AgentPool, ClusterFacts, ComputeFacts};

    /// The oracle's problem: the English message (the readers' errors are compared by theirs).
    #[derive(Debug, PartialEq)]
    pub struct ClusterError(pub String);
    use crate::text::clip;
    use serde_json::Value;

    fn case_clash(v: &Value) -> Option<String> {
        let m = v.as_object()?;
        let (a, b) = if m.len() <= 24 {
            // A resource document's objects have a few keys: comparing each pair costs less than
            // lower-casing and sorting them all (and allocates nothing), and the pairs come in
            // the clash reported is the one the sort below would find (the first group of keys,
            // its two first keys).
            let mut found: Option<(&str, &str)> = None;
            for (i, a) in m.keys().enumerate() {
                for b in m.keys().skip(i + 1) {
                    if a.len() == b.len() && a.eq_ignore_ascii_case(b) {
                        let pair = if a < b { (a.as_str(), b.as_str()) } else { (b.as_str(), a.as_str()) };
                        found = Some(match found {
                            Some(f) if (f.0.to_ascii_lowercase(), f.0, f.1) <= (pair.0.to_ascii_lowercase(), pair.0, pair.1) => f,
                            _ => pair,
                        });
                    }
                }
            }
            found?
        } else {
            let mut keys: Vec<(String, &str)> = m.keys().map(|k| (k.to_ascii_lowercase(), k.as_str())).collect();
            keys.sort();
            keys.windows(2).find(|w| w[0].0 == w[1].0).map(|w| if w[0].1 < w[1].1 { (w[0].1, w[1].1) } else { (w[1].1, w[0].1) })?
        };
        Some(format!("has both {:?} and {:?}: keys are read without regard to case, so give only one", clip(a, 40), clip(b, 40)))
    }

    fn get_ci<'v>(v: &'v Value, key: &str) -> Option<&'v Value> {
        let o = v.as_object()?;
        o.get(key).or_else(|| o.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v))
    }

    /// Two keys that differ only in case are refused: which one a case-insensitive read takes
    /// would depend on the map's order.
    fn clash(v: &Value, what: &str) -> Result<(), ClusterError> {
        case_clash(v).map_or(Ok(()), |m| Err(ClusterError(format!("{what} {m}"))))
    }

    fn str_ci(v: &Value, key: &str) -> Option<String> {
        get_ci(v, key).and_then(Value::as_str).map(String::from)
    }

    /// A whole number, also when JSON writes it `3.0` (as some tools print numbers).
    fn whole(v: &Value) -> Option<i64> {
        v.as_i64().or_else(|| v.as_f64().and_then(crate::document::whole_f64))
    }

    /// A count field: absent or null is `None`; anything but a whole number is an error naming it.
    fn count_field(p: &Value, key: &str, i: usize) -> Result<Option<i64>, ClusterError> {
        match get_ci(p, key) {
            None | Some(Value::Null) => Ok(None),
            Some(c) => whole(c).map(Some).ok_or_else(|| ClusterError(format!("agentPoolProfiles[{i}].{key} must be a whole number"))),
        }
    }

    /// Reads a ManagedCluster document. Keys are matched case-insensitively (ARM is; the CLI
    /// prints `authorizedIpRanges` where the REST API says `authorizedIPRanges`).
    pub fn cluster(v: &Value) -> Result<ClusterFacts, ClusterError> {
        if !v.is_object() {
            return Err(ClusterError("the cluster must be a ManagedCluster object, as `az aks show` prints it".into()));
        }
        let props = get_ci(v, "properties").filter(|p| p.is_object()).unwrap_or(v);
        clash(v, "the cluster")?;
        clash(props, "properties")?;
        let mut f = ClusterFacts {
            id: str_ci(v, "id"),
            name: str_ci(v, "name"),
            location: str_ci(v, "location"),
            kubernetes_version: str_ci(props, "currentKubernetesVersion").or_else(|| str_ci(props, "kubernetesVersion")),
            ..ClusterFacts::default()
        };
        if let Some(pools) = get_ci(props, "agentPoolProfiles") {
            let Some(pools) = pools.as_array() else {
                return Err(ClusterError("agentPoolProfiles must be a list".into()));
            };
            let any_mode = pools.iter().any(|p| get_ci(p, "mode").is_some());
            for (i, p) in pools.iter().enumerate() {
                if let Some(m) = case_clash(p) {
                    return Err(ClusterError(format!("agentPoolProfiles[{i}] {m}")));
                }
                let count = count_field(p, "count", i)?;
                let min_count = count_field(p, "minCount", i)?;
                let vm_size = str_ci(p, "vmSize").ok_or_else(|| ClusterError(format!("agentPoolProfiles[{i}] has no vmSize")))?;
                let system = match str_ci(p, "mode") {
                    Some(m) => m.eq_ignore_ascii_case("system"),
                    None => !any_mode && i == 0,
                };
                f.agent_pools.push(AgentPool {
                    name: str_ci(p, "name").unwrap_or_else(|| format!("pool{i}")),
                    count: count.unwrap_or(0),
                    vm_size,
                    system,
                    os_type: str_ci(p, "osType").unwrap_or_else(|| "Linux".into()),
                    autoscaling: get_ci(p, "enableAutoScaling").and_then(Value::as_bool).unwrap_or(false),
                    min_count,
                    count_given: count.is_some(),
                    stopped: get_ci(p, "powerState").and_then(|ps| str_ci(ps, "code")).is_some_and(|c| c.eq_ignore_ascii_case("stopped")),
                });
            }
        }
        if let Some(api) = get_ci(props, "apiServerAccessProfile") {
            clash(api, "apiServerAccessProfile")?;
            f.private_cluster = get_ci(api, "enablePrivateCluster").and_then(Value::as_bool).unwrap_or(false);
            f.private_cluster_public_fqdn = get_ci(api, "enablePrivateClusterPublicFQDN").and_then(Value::as_bool).unwrap_or(false);
            f.authorized_ip_ranges = get_ci(api, "authorizedIPRanges")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect())
                .unwrap_or_default();
        }
        if let Some(net) = get_ci(props, "networkProfile") {
            clash(net, "networkProfile")?;
            f.load_balancer_sku = str_ci(net, "loadBalancerSku").map(|s| s.to_ascii_lowercase());
            f.service_cidr = str_ci(net, "serviceCidr");
        }
        Ok(f)
    }

    /// Reads a compute resource (`properties.properties.…`); both VM size spellings are accepted.
    pub fn compute(v: &Value) -> Result<ComputeFacts, ClusterError> {
        if !v.is_object() {
            return Err(ClusterError("the compute must be a compute resource object, as a GET of the compute returns it".into()));
        }
        let outer = get_ci(v, "properties").ok_or_else(|| ClusterError("the compute has no \"properties\"".into()))?;
        let aks = get_ci(outer, "properties").filter(|p| p.is_object());
        let ssl = aks.and_then(|a| get_ci(a, "sslConfiguration")).filter(|s| s.is_object());
        for (o, what) in [(Some(v), "the compute"), (Some(outer), "properties"), (aks, "properties.properties"), (ssl, "sslConfiguration")]
        {
            o.map_or(Ok(()), |o| clash(o, what))?;
        }
        Ok(ComputeFacts {
            agent_vm_size: aks.and_then(|a| str_ci(a, "agentVmSize")),
            agent_count: aks.and_then(|a| get_ci(a, "agentCount")).and_then(whole),
            load_balancer_type: aks.and_then(|a| str_ci(a, "loadBalancerType")),
            leaf_domain_label: ssl.and_then(|s| str_ci(s, "leafDomainLabel")).filter(|s| !s.is_empty()),
            ssl_status: ssl.and_then(|s| str_ci(s, "status")),
            is_attached: get_ci(outer, "isAttachedCompute").and_then(Value::as_bool),
        })
    }
}

/// A small deterministic generator (xorshift), so that a failure replays.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const KEYS: &[&str] = &[
    "id",
    "ID",
    "name",
    "Name",
    "location",
    "properties",
    "Properties",
    "currentKubernetesVersion",
    "kubernetesVersion",
    "KubernetesVersion",
    "agentPoolProfiles",
    "agentpoolprofiles",
    "apiServerAccessProfile",
    "networkProfile",
    "NetworkProfile",
    "count",
    "Count",
    "minCount",
    "vmSize",
    "VMSize",
    "mode",
    "Mode",
    "osType",
    "enableAutoScaling",
    "powerState",
    "code",
    "Code",
    "CODE",
    "enablePrivateCluster",
    "enablePrivateClusterPublicFQDN",
    "authorizedIPRanges",
    "authorizedIpRanges",
    "loadBalancerSku",
    "serviceCidr",
    "agentVmSize",
    "agentCount",
    "loadBalancerType",
    "sslConfiguration",
    "leafDomainLabel",
    "status",
    "isAttachedCompute",
    "other",
    "n\\u0061me",
];

const LEAVES: &[&str] = &[
    "null",
    "true",
    "false",
    "3",
    "3.0",
    "2.5",
    "-1",
    "1e20",
    "18446744073709551615",
    "9007199254740993",
    "\"text\"",
    "\"System\"",
    "\"user\"",
    "\"Stopped\"",
    "\"Running\"",
    "\"Standard\"",
    "\"\"",
    "\"Windows\"",
    "\"10.0.0.0/16\"",
    "\"a\\u0062c\"",
];

/// The keys an object usually has, by the key it is under (lower-case; "" for the top).
fn keys_under(parent: &str) -> &'static [&'static str] {
    match parent {
        "" => &["id", "name", "Name", "location", "properties", "kubernetesVersion", "agentPoolProfiles", "networkProfile"],
        "properties" => &[
            "currentKubernetesVersion",
            "kubernetesVersion",
            "agentPoolProfiles",
            "apiServerAccessProfile",
            "networkProfile",
            "properties",
            "isAttachedCompute",
            "agentVmSize",
            "agentCount",
            "sslConfiguration",
        ],
        "agentpoolprofiles" => &["name", "count", "Count", "minCount", "vmSize", "mode", "osType", "enableAutoScaling", "powerState"],
        "powerstate" => &["code", "Code", "CODE", "other"],
        "apiserveraccessprofile" => &["enablePrivateCluster", "enablePrivateClusterPublicFQDN", "authorizedIPRanges", "authorizedIpRanges"],
        "networkprofile" => &["loadBalancerSku", "serviceCidr", "LoadBalancerSku"],
        "sslconfiguration" => &["leafDomainLabel", "status", "Status"],
        _ => KEYS,
    }
}

/// The values a key usually has (lower-case).
fn leaves_of(key: &str) -> &'static [&'static str] {
    match key {
        "count" | "mincount" | "agentcount" => &["3", "0", "2.0", "null"],
        "vmsize" | "agentvmsize" => &["\"Standard_D3_v2\"", "\"Standard_NC6\""],
        "mode" => &["\"System\"", "\"User\"", "\"system\""],
        "code" => &["\"Stopped\"", "\"Running\"", "\"stopped\""],
        "enableautoscaling" | "enableprivatecluster" | "isattachedcompute" => &["true", "false"],
        _ => LEAVES,
    }
}

/// A JSON text: objects of the keys their place usually has (and now and then any key),
/// lists, leaves; the structure a key suggests (a list of pools, an object of properties)
/// more often than not.
fn value(g: &mut Gen, depth: u32, key: &str, out: &mut String) {
    let lower = key.to_ascii_lowercase();
    let wants_object =
        ["properties", "apiserveraccessprofile", "networkprofile", "powerstate", "sslconfiguration"].contains(&lower.as_str());
    let wants_list = ["agentpoolprofiles", "authorizedipranges"].contains(&lower.as_str());
    if depth >= 4 || (!wants_object && !wants_list && g.chance(85)) || g.chance(8) {
        let leaves = if g.chance(70) { leaves_of(&lower) } else { LEAVES };
        out.push_str(g.pick(leaves));
    } else if wants_list || g.chance(20) {
        out.push('[');
        for i in 0..g.next() % 4 {
            if i > 0 {
                out.push(',');
            }
            if lower == "agentpoolprofiles" && g.chance(90) {
                object(g, depth + 1, &lower, out);
            } else {
                value(g, depth + 1, "", out);
            }
        }
        out.push(']');
    } else {
        object(g, depth + 1, &lower, out);
    }
}

fn object(g: &mut Gen, depth: u32, parent: &str, out: &mut String) {
    out.push('{');
    // A pool without a vmSize is an error, so most pools have one.
    let first = parent == "agentpoolprofiles" && g.chance(80);
    if first {
        out.push_str(&format!("\"vmSize\":{}", g.pick(leaves_of("vmsize"))));
    }
    for i in 0..g.next() % 8 {
        if i > 0 || first {
            out.push(',');
        }
        let k = if g.chance(85) { g.pick(keys_under(parent)) } else { g.pick(KEYS) };
        out.push_str(&format!("\"{k}\":"));
        value(g, depth, k, out);
    }
    out.push('}');
}

/// A reader's result with its problem in English, as the oracle words it.
fn english<T>(r: Result<T, super::ClusterError>) -> Result<T, oracle::ClusterError> {
    r.map_err(|e| oracle::ClusterError(e.to_string()))
}

#[test]
fn the_streaming_readers_read_every_document_as_the_value_readers_did() {
    let mut g = Gen(0x5eed_cafe_f00d_beef);
    let (mut read, mut failed, mut pools) = (0, 0, 0);
    for _ in 0..20_000 {
        let mut text = String::new();
        if g.chance(3) {
            value(&mut g, 3, "", &mut text);
        } else {
            object(&mut g, 0, "", &mut text);
        }
        let v: serde_json::Value = serde_json::from_str(&text).expect("generated JSON");
        let want = oracle::cluster(&v);
        let from_text = ClusterFacts::read(&mut serde_json::Deserializer::from_str(&text))
            .expect("JSON")
            .map(english)
            .unwrap_or_else(|| oracle::cluster(&v));
        assert_eq!(from_text, want, "{text}");
        assert_eq!(english(ClusterFacts::from_json(&v)), want, "{text}");
        if want.is_ok() {
            read += 1
        } else {
            failed += 1
        }
        if want.as_ref().is_ok_and(|f| f.agent_pools.len() > 1 && f.agent_pools.iter().any(|p| p.stopped || p.system)) {
            pools += 1
        }
        let want = oracle::compute(&v);
        let from_text = ComputeFacts::read(&mut serde_json::Deserializer::from_str(&text))
            .expect("JSON")
            .map(english)
            .unwrap_or_else(|| oracle::compute(&v));
        assert_eq!(from_text, want, "{text}");
        assert_eq!(english(ComputeFacts::from_json(&v)), want, "{text}");
    }
    // The generator reaches both outcomes often enough to mean something.
    assert!(read > 2_000 && failed > 2_000 && pools > 100, "{read} read, {failed} failed, {pools} with pools");
}
