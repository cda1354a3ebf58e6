//! The documents read from a JSON value by plain code (the browser's reader, see
//! `shape/plain.rs`): the same objects as the streaming reader fills, from the same keys
//! (matched without regard to case), checked and turned into facts by the same functions.
use super::{
    count, not_a_cluster, not_a_compute, ApiAccess, ClusterFacts, ClusterProps, ClusterRoot, ComputeAks, ComputeFacts, ComputeOuter,
    ComputeRoot, ComputeSsl, Network, Pool, PoolsRead, PowerState,
};
use crate::cluster::ClusterError;
use crate::document::{case_clash_of, is_key, whole_f64, Leaf, Read};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// One object of a document, read entry by entry from a value.
trait Entries: Default {
    /// Reads the value of `key` (matched without regard to case) into `self`; other keys are
    /// left alone.
    fn value_entry(&mut self, key: &str, v: &Value);
}

/// A value as the streaming reader's leaf sees it.
fn leaf(v: &Value) -> Leaf<'_> {
    match v {
        Value::Null => Leaf::Null,
        Value::Bool(b) => Leaf::Bool(*b),
        Value::Number(n) => Leaf::Num(match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Some(i),
            // Beyond i64: not a count (as the streaming reader's `visit_u64`).
            (None, Some(_)) => None,
            (None, None) => n.as_f64().and_then(whole_f64),
        }),
        Value::String(s) => Leaf::Str(Cow::Borrowed(s)),
        Value::Array(_) | Value::Object(_) => Leaf::Other,
    }
}

fn text(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

fn flag(v: &Value) -> bool {
    leaf(v).flag()
}

/// The object `m`'s entries read into a `T`, with its keys checked for a case clash.
fn read<T: Entries>(m: &Map<String, Value>) -> Read<T> {
    let mut value = T::default();
    for (k, v) in m {
        value.value_entry(k, v);
    }
    Read { value, clash: case_clash_of(m.keys().map(String::as_str)) }
}

/// An object of a document: `None` for any other value.
fn object<T: Entries>(v: &Value) -> Option<Read<T>> {
    v.as_object().map(read)
}

/// A document's root: `None` for null, `not_object`'s error for a value that is no object.
fn root<R: Entries, T>(
    v: &Value,
    facts: fn(&mut R, Option<String>) -> Result<T, ClusterError>,
    not_object: fn() -> ClusterError,
) -> Option<Result<T, ClusterError>> {
    match v {
        Value::Null => None,
        Value::Object(m) => {
            let Read { mut value, clash } = read(m);
            Some(facts(&mut value, clash))
        }
        _ => Some(Err(not_object())),
    }
}

impl ClusterFacts {
    /// Reads a ManagedCluster document from a value with the plain reader: `None` for null.
    pub(crate) fn read_plain(v: &Value) -> Option<Result<Self, ClusterError>> {
        root(v, ClusterRoot::facts, not_a_cluster)
    }
}

impl ComputeFacts {
    /// Reads a compute resource from a value with the plain reader: `None` for null.
    pub(crate) fn read_plain(v: &Value) -> Option<Result<Self, ClusterError>> {
        root(v, ComputeRoot::facts, not_a_compute)
    }
}

impl Entries for ClusterRoot {
    fn value_entry(&mut self, key: &str, v: &Value) {
        if is_key(key, "id") {
            self.id = text(v);
        } else if is_key(key, "name") {
            self.name = text(v);
        } else if is_key(key, "location") {
            self.location = text(v);
        } else if is_key(key, "properties") {
            self.properties = object(v);
        } else {
            self.flat.value_entry(key, v);
        }
    }
}

impl Entries for ClusterProps {
    fn value_entry(&mut self, key: &str, v: &Value) {
        if is_key(key, "currentKubernetesVersion") {
            self.current_version = text(v);
        } else if is_key(key, "kubernetesVersion") {
            self.version = text(v);
        } else if is_key(key, "agentPoolProfiles") {
            // Each element an object, or a pool with nothing given; `Some(None)`: no list.
            self.pools = Some(v.as_array().map(|a| {
                let mut pools = PoolsRead::with_capacity(a.len());
                for p in a {
                    let Read { value, clash } = object(p).unwrap_or_else(|| Read { value: Pool::default(), clash: None });
                    pools.add(value, clash);
                }
                pools.finish()
            }));
        } else if is_key(key, "apiServerAccessProfile") {
            self.api = object(v);
        } else if is_key(key, "networkProfile") {
            self.net = object(v);
        }
    }
}

impl Entries for Pool {
    fn value_entry(&mut self, key: &str, v: &Value) {
        if is_key(key, "name") {
            self.name = text(v);
        } else if is_key(key, "count") {
            self.count = count(leaf(v));
        } else if is_key(key, "minCount") {
            self.min_count = count(leaf(v));
        } else if is_key(key, "vmSize") {
            self.vm_size = text(v);
        } else if is_key(key, "mode") {
            self.mode_given = true;
            self.mode = v.as_str().map(|m| m.eq_ignore_ascii_case("system"));
        } else if is_key(key, "osType") {
            self.os_type = text(v);
        } else if is_key(key, "enableAutoScaling") {
            self.autoscaling = flag(v);
        } else if is_key(key, "powerState") {
            // Its keys are not checked for case (see `PowerState`).
            self.stopped = PowerState::default();
            if let Some(m) = v.as_object() {
                for (k, v) in m {
                    self.stopped.value_entry(k, v);
                }
            }
        }
    }
}

impl Entries for PowerState {
    fn value_entry(&mut self, key: &str, v: &Value) {
        if !is_key(key, "code") {
            return;
        }
        let stopped = v.as_str().is_some_and(|c| c.eq_ignore_ascii_case("stopped"));
        if key == "code" {
            self.exact = Some(stopped);
        } else if self.other.as_ref().is_none_or(|(k, _)| key <= k.as_str()) {
            self.other = Some((key.to_string(), stopped));
        }
    }
}

impl Entries for ApiAccess {
    fn value_entry(&mut self, key: &str, v: &Value) {
        if is_key(key, "enablePrivateCluster") {
            self.private = flag(v);
        } else if is_key(key, "enablePrivateClusterPublicFQDN") {
            self.public_fqdn = flag(v);
        } else if is_key(key, "authorizedIPRanges") {
            // The list's text elements; empty when it is no list.
            self.ranges = v.as_array().map(|a| a.iter().filter_map(text).collect()).unwrap_or_default();
        }
    }
}

impl Entries for Network {
    fn value_entry(&mut self, key: &str, v: &Value) {
        if is_key(key, "loadBalancerSku") {
            self.sku = text(v);
        } else if is_key(key, "serviceCidr") {
            self.service_cidr = text(v);
        }
    }
}

impl Entries for ComputeRoot {
    fn value_entry(&mut self, key: &str, v: &Value) {
        if is_key(key, "properties") {
            self.given = true;
            self.outer = object(v);
        }
    }
}

impl Entries for ComputeOuter {
    fn value_entry(&mut self, key: &str, v: &Value) {
        if is_key(key, "properties") {
            self.aks = object(v);
        } else if is_key(key, "isAttachedCompute") {
            self.attached = v.as_bool();
        }
    }
}

impl Entries for ComputeAks {
    fn value_entry(&mut self, key: &str, v: &Value) {
        if is_key(key, "agentVmSize") {
            self.vm_size = text(v);
        } else if is_key(key, "agentCount") {
            self.count = match leaf(v) {
                Leaf::Num(n) => n,
                _ => None,
            };
        } else if is_key(key, "loadBalancerType") {
            self.lb_type = text(v);
        } else if is_key(key, "sslConfiguration") {
            self.ssl = object(v);
        }
    }
}

impl Entries for ComputeSsl {
    fn value_entry(&mut self, key: &str, v: &Value) {
        if is_key(key, "leafDomainLabel") {
            self.leaf = text(v);
        } else if is_key(key, "status") {
            self.status = text(v);
        }
    }
}
