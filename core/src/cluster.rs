//! The facts the attach preflight needs from a ManagedCluster, as ARM returns it
//! (`properties.…`) or as `az aks show` prints it (flattened, the same camelCase keys).
use serde::Serialize;
use serde_json::Value;

/// One node pool. More of a pool may be read as rules need it, hence `non_exhaustive`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct AgentPool {
    /// The pool's name (`pool<i>` when ARM gives none), for the messages that name a pool.
    pub name: String,
    /// `count`: the nodes now (0 when ARM gives none, as for an autoscaling pool it omits).
    pub count: i64,
    /// `vmSize`: what the capacity rules count cores and GPUs of.
    pub vm_size: String,
    /// `System` or `User`; the first pool of an old cluster without modes counts as System.
    pub system: bool,
    /// `osType` (`Linux` when absent): Azure ML runs its components on Linux nodes only.
    pub os_type: String,
    /// `enableAutoScaling`.
    pub autoscaling: bool,
    /// `minCount`: what an autoscaling pool keeps at least.
    pub min_count: Option<i64>,
    /// Whether `count` was given at all (ARM may leave it out, or null, on an autoscaling pool).
    pub count_given: bool,
    /// `powerState.code` is `Stopped`: the pool's nodes do not run.
    pub stopped: bool,
}

impl AgentPool {
    /// Linux is the default `osType`; Azure ML's inference components run on Linux nodes only.
    pub fn is_linux(&self) -> bool {
        self.os_type.eq_ignore_ascii_case("linux")
    }

    /// The nodes the pool is guaranteed to have: `count` when given, else an autoscaling
    /// pool's `minCount`; a stopped pool has none running.
    pub fn guaranteed_nodes(&self) -> u64 {
        if self.stopped {
            return 0;
        }
        let n = if self.count_given || !self.autoscaling { self.count } else { self.min_count.unwrap_or(0) };
        u64::try_from(n).unwrap_or(0)
    }
}

/// What the preflight reads of an existing cluster (more as rules need it: `non_exhaustive`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ClusterFacts {
    /// The cluster's ARM ID, whose subscription must be the workspace's.
    pub id: Option<String>,
    /// The cluster's name.
    pub name: Option<String>,
    /// The cluster's region, which a leaf domain label's domain is in.
    pub location: Option<String>,
    /// `currentKubernetesVersion` when present, else `kubernetesVersion`.
    pub kubernetes_version: Option<String>,
    /// `agentPoolProfiles`, in the document's order.
    pub agent_pools: Vec<AgentPool>,
    /// `apiServerAccessProfile.enablePrivateCluster`: a Private Link cluster.
    pub private_cluster: bool,
    /// `enablePrivateClusterPublicFQDN`: the private cluster also has a public name.
    pub private_cluster_public_fqdn: bool,
    /// `authorizedIPRanges`: the addresses that may reach the API server.
    pub authorized_ip_ranges: Vec<String>,
    /// `basic` or `standard`, lower-case.
    pub load_balancer_sku: Option<String>,
    /// `networkProfile.serviceCidr`: the Kubernetes service range.
    pub service_cidr: Option<String>,
}

/// Why a cluster or compute document could not be read: what is wrong, naming the place
/// (`agentPoolProfiles[1] has no vmSize`). Nothing below it failed, so it has no source.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ClusterError(pub String);

fn get_ci<'v>(v: &'v Value, key: &str) -> Option<&'v Value> {
    let o = v.as_object()?;
    o.get(key).or_else(|| o.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v))
}

/// Two keys that differ only in case are refused: which one a case-insensitive read takes
/// would depend on the map's order.
fn clash(v: &Value, what: &str) -> Result<(), ClusterError> {
    crate::shape::case_clash(v).map_or(Ok(()), |m| Err(ClusterError(format!("{what} {m}"))))
}

fn str_ci(v: &Value, key: &str) -> Option<String> {
    get_ci(v, key).and_then(Value::as_str).map(String::from)
}

/// A whole number, also when JSON writes it `3.0` (as some tools print numbers).
fn whole(v: &Value) -> Option<i64> {
    v.as_i64().or_else(|| v.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15).map(|f| f as i64))
}

/// A count field: absent or null is `None`; anything but a whole number is an error naming it.
fn count_field(p: &Value, key: &str, i: usize) -> Result<Option<i64>, ClusterError> {
    match get_ci(p, key) {
        None | Some(Value::Null) => Ok(None),
        Some(c) => whole(c).map(Some).ok_or_else(|| ClusterError(format!("agentPoolProfiles[{i}].{key} must be a whole number"))),
    }
}

impl ClusterFacts {
    /// Reads a ManagedCluster document. Keys are matched case-insensitively (ARM is; the CLI
    /// prints `authorizedIpRanges` where the REST API says `authorizedIPRanges`).
    pub fn from_json(v: &Value) -> Result<Self, ClusterError> {
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
                if let Some(m) = crate::shape::case_clash(p) {
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

    /// The subscription in the cluster's resource ID, if any.
    pub fn subscription(&self) -> Option<&str> {
        self.id.as_deref().and_then(crate::resource_id::subscription_of)
    }
}

/// What the update rules read of the compute resource as it is now (a GET of the compute).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ComputeFacts {
    /// The VM size the compute was created with, which an update cannot change.
    pub agent_vm_size: Option<String>,
    /// The node count now.
    pub agent_count: Option<i64>,
    /// `PublicIp` or `InternalLoadBalancer` now: what TLS is checked against when an update leaves it.
    pub load_balancer_type: Option<String>,
    /// The leaf domain label of a Microsoft certificate in use, if any.
    pub leaf_domain_label: Option<String>,
    /// `Enabled`, `Disabled` or `Auto` now.
    pub ssl_status: Option<String>,
    /// `isAttachedCompute`: an attached cluster is detached, never deleted, by Azure ML.
    pub is_attached: Option<bool>,
}

impl ComputeFacts {
    /// Reads a compute resource (`properties.properties.…`); both VM size spellings are accepted.
    pub fn from_json(v: &Value) -> Result<Self, ClusterError> {
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
