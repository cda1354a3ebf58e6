//! The facts the attach preflight needs from a ManagedCluster, as ARM returns it
//! (`properties.…`) or as `az aks show` prints it (flattened, the same camelCase keys).
use crate::diagnostic::{Param, Params};
use crate::document::{flag, is_key, object, skip, text, Clash, DocObject, Got, Leaf, Obj, Read, Skip};
use crate::shape::Message;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use serde_json::Value;
use std::fmt;

/// Defines how one object of a document is read, by both readers from one list: the streaming
/// reader of JSON text ([`DocObject`]) and the plain reader of a JSON value
/// ([`plain::Entries`]). Each key (matched without regard to case, in the order given) names
/// how its value is read into `this`; any other key is skipped, or given to the `_` object's
/// own reader. A key is written once, so neither reader can miss it.
///
/// How a value is read: `text(place)` its text (or `None`); `flag(place)` whether it is `true`;
/// `leaf(|l| …)` a [`Leaf`]; `object(place)` an object of a document, its keys checked for a
/// case clash (`None` for any other value); `loose(place)` an object read afresh into `place`,
/// its keys not checked (any other value leaves the default); `seed(S, |x| …)` what the seed
/// `S` reads (a [`DeserializeSeed`] and a [`plain::ValueSeed`]). `then { … }` after one runs
/// once the value is read.
macro_rules! doc_object {
    ($ty:ident |$this:ident| {
        $($name:literal => $kind:ident ($($arg:tt)*) $(then $after:block)?,)*
        $(_ => rest($rest:expr),)?
    }) => {
        impl<'de> DocObject<'de> for $ty {
            fn entry<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<(), A::Error> {
                let $this = self;
                $(if is_key(key, $name) {
                    doc_object!(@stream map $kind ($($arg)*));
                    $($after)?
                    return Ok(());
                })*
                let _ = &$this;
                doc_object!(@stream_rest key map $($rest)?);
                Ok(())
            }
        }

        impl plain::Entries for $ty {
            fn value_entry(&mut self, key: &str, v: &serde_json::Value) {
                let $this = self;
                $(if is_key(key, $name) {
                    doc_object!(@plain v $kind ($($arg)*));
                    $($after)?
                    return;
                })*
                let _ = (&$this, v);
                $(plain::Entries::value_entry(&mut $rest, key, v);)?
            }
        }
    };
    (@stream $map:ident text ($place:expr)) => { $place = text($map)? };
    (@plain $v:ident text ($place:expr)) => { $place = plain::text($v) };
    (@stream $map:ident flag ($place:expr)) => { $place = flag($map)? };
    (@plain $v:ident flag ($place:expr)) => { $place = plain::flag($v) };
    (@stream $map:ident leaf (|$l:ident| $body:expr)) => {{
        let $l = $map.next_value::<Leaf>()?;
        $body;
    }};
    (@plain $v:ident leaf (|$l:ident| $body:expr)) => {{
        let $l = plain::leaf($v);
        $body;
    }};
    (@stream $map:ident object ($place:expr)) => { object($map, &mut $place)? };
    (@plain $v:ident object ($place:expr)) => { $place = plain::object($v) };
    // A key given twice counts as its last value: the object starts afresh.
    (@stream $map:ident loose ($place:expr)) => {{
        $place = Default::default();
        $map.next_value_seed(Obj::unchecked(&mut $place))?;
    }};
    (@plain $v:ident loose ($place:expr)) => {{
        $place = Default::default();
        plain::loose($v, &mut $place);
    }};
    (@stream $map:ident seed ($seed:expr, |$x:ident| $body:expr)) => {{
        let $x = $map.next_value_seed($seed)?;
        $body;
    }};
    (@plain $v:ident seed ($seed:expr, |$x:ident| $body:expr)) => {{
        let $x = plain::ValueSeed::of_value($seed, $v);
        $body;
    }};
    (@stream_rest $key:ident $map:ident) => { skip($map)? };
    (@stream_rest $key:ident $map:ident $rest:expr) => { $rest.entry($key, $map)? };
}

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
/// (`agentPoolProfiles[1] has no vmSize`), as a message of the tables (`shape.cluster.…`),
/// which a context read keeps for its locale. Nothing below it failed, so it has no source.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct ClusterError(pub Message);

impl ClusterError {
    fn new(key: &'static str, params: Params) -> Self {
        ClusterError(Message::new(key, params))
    }
}

impl ClusterFacts {
    /// Reads a ManagedCluster document. Keys are matched case-insensitively (ARM is; the CLI
    /// prints `authorizedIpRanges` where the REST API says `authorizedIPRanges`).
    pub fn from_json(v: &Value) -> Result<Self, ClusterError> {
        from_value(v, Self::read_plain, not_a_cluster)
    }

    /// Reads a ManagedCluster document as it streams by from JSON text (a [`Value`] goes
    /// through the plain reader, [`ClusterFacts::from_json`]): `None` for
    /// null. What the preflight does not need is skipped, not built; the first problem, in
    /// the document's reading order (not the text's key order), is the error.
    #[inline]
    pub(crate) fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Result<Self, ClusterError>>, D::Error> {
        read_root(d, ClusterRoot::facts, not_a_cluster)
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
        from_value(v, ComputeFacts::read_plain, not_a_compute)
    }

    /// Reads a compute resource as it streams by: `None` for null.
    pub(crate) fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Result<Self, ClusterError>>, D::Error> {
        read_root(d, ComputeRoot::facts, not_a_compute)
    }
}

/// A document's root read as it streams by into `R`: `None` for null, `not_object`'s error for
/// a value that is no object, else what `facts` draws from the object read.
fn read_root<'de, D, R, T>(
    d: D,
    facts: fn(&mut R, Option<Clash>) -> Result<T, ClusterError>,
    not_object: fn() -> ClusterError,
) -> Result<Option<Result<T, ClusterError>>, D::Error>
where
    D: Deserializer<'de>,
    R: Default + DocObject<'de>,
{
    let mut root = R::default();
    Ok(match d.deserialize_any(Obj::checked(&mut root))? {
        Got::Null => None,
        // The facts are taken out of the root where it lies (it is most of a kilobyte).
        Got::Object(clash) => Some(facts(&mut root, clash)),
        Got::Other => Some(Err(not_object())),
    })
}

/// A document given as a value, held to the text reader's nesting limit before it is walked;
/// null is `not_object`'s error too.
fn from_value<T>(
    v: &Value,
    read: fn(&Value) -> Option<Result<T, ClusterError>>,
    not_object: fn() -> ClusterError,
) -> Result<T, ClusterError> {
    crate::shape::check_depth(v).map_err(|_| ClusterError::new("shape.cluster.too_deep", Params::default()))?;
    read(v).unwrap_or_else(|| Err(not_object()))
}

fn not_a_cluster() -> ClusterError {
    ClusterError::new("shape.cluster.not_object", Params::default())
}

/// A compute that is no object (`[]`, a text): not "has no properties", which sounds like an
/// object missing a key.
fn not_a_compute() -> ClusterError {
    ClusterError::new("shape.compute.not_object", Params::default())
}

fn no_properties() -> ClusterError {
    ClusterError::new("shape.compute.no_properties", Params::default())
}

/// The clash of two keys in the object at `field` (`shape.clash.field`), or in the document's
/// top level, which `key` names (`shape.clash.cluster`, `shape.clash.compute`: no `{field}`).
fn clash_error((first, second): &Clash, key: &'static str, field: &str) -> ClusterError {
    let params = vec![("field", Param::from(field)), ("first", Param::from(first.as_str())), ("second", Param::from(second.as_str()))];
    ClusterError::new(key, Params(params))
}

/// Fails with the clash of an object's keys, naming the object (its path in the document).
fn check<T>(o: &Read<T>, field: &str) -> Result<(), ClusterError> {
    o.clash.as_ref().map_or(Ok(()), |c| Err(clash_error(c, "shape.clash.field", field)))
}

/// The clash of a document's top level, read where it lies: `key` names the document.
fn check_clash(clash: Option<Clash>, key: &'static str) -> Result<(), ClusterError> {
    clash.map_or(Ok(()), |c| Err(clash_error(&c, key, "")))
}

/// A count: absent or null is `Ok(None)`; anything but a whole number is `Err`.
fn count(l: Leaf<'_>) -> Result<Option<i64>, ()> {
    match l {
        Leaf::Null => Ok(None),
        Leaf::Num(Some(n)) => Ok(Some(n)),
        _ => Err(()),
    }
}

/// A ManagedCluster's top level: its own keys, `properties`, and the same keys as
/// `properties` for the flattened form `az aks show` prints (used when `properties` is no object).
#[derive(Default)]
struct ClusterRoot {
    id: Option<String>,
    name: Option<String>,
    location: Option<String>,
    properties: Option<Read<ClusterProps>>,
    flat: ClusterProps,
}

doc_object! {
    ClusterRoot |this| {
        "id" => text(this.id),
        "name" => text(this.name),
        "location" => text(this.location),
        "properties" => object(this.properties),
        _ => rest(this.flat),
    }
}

/// A ManagedCluster's `properties`.
#[derive(Default)]
struct ClusterProps {
    current_version: Option<String>,
    version: Option<String>,
    /// `None` when absent; `Some(None)` when not a list (null too).
    pools: Option<Option<PoolsRead>>,
    api: Option<Read<ApiAccess>>,
    net: Option<Read<Network>>,
}

doc_object! {
    ClusterProps |this| {
        "currentKubernetesVersion" => text(this.current_version),
        "kubernetesVersion" => text(this.version),
        "agentPoolProfiles" => seed(Pools, |pools| this.pools = Some(pools)),
        "apiServerAccessProfile" => object(this.api),
        "networkProfile" => object(this.net),
    }
}

/// `agentPoolProfiles`: each element an object (any other element reads as a pool with
/// nothing given); `None` when it is no list.
struct Pools;

/// The pools of `agentPoolProfiles` as the facts hold them, each made as soon as it is read
/// (no list of what was read beside the list of facts), or the first pool's problem.
struct PoolsRead {
    pools: Vec<AgentPool>,
    /// The first problem of a pool, in the list's order (the pools after it are not kept).
    error: Option<ClusterError>,
    /// Whether any pool gave `mode` (null too): if none did, the first is the System pool.
    any_mode: bool,
    /// The pools seen so far, kept or not.
    seen: usize,
}

impl PoolsRead {
    /// An empty list, with room for `n` pools.
    fn with_capacity(n: usize) -> Self {
        PoolsRead { pools: Vec::with_capacity(n), error: None, any_mode: false, seen: 0 }
    }

    /// The next pool as read, with the clash of its keys. After a problem the rest is still
    /// read (a text must be JSON to its end), not kept.
    fn add(&mut self, pool: Pool, clash: Option<Clash>) {
        let i = self.seen;
        self.seen += 1;
        self.any_mode |= pool.mode_given;
        if self.error.is_none() {
            match PoolsRead::pool(i, pool, clash) {
                Ok(p) => self.pools.push(p),
                Err(e) => self.error = Some(e),
            }
        }
    }

    /// The list, once every pool was added: the first pool of an old cluster without modes
    /// counts as System.
    fn finish(mut self) -> Self {
        if !self.any_mode {
            if let Some(p) = self.pools.first_mut() {
                p.system = true;
            }
        }
        self
    }

    /// The facts of the `i`-th pool, or its first problem: a clash of its keys, a count that
    /// is no whole number, then no vmSize. `system` is the pool's own mode here; the first
    /// pool's default is settled when the list ends.
    fn pool(i: usize, p: Pool, clash: Option<Clash>) -> Result<AgentPool, ClusterError> {
        if let Some(c) = clash {
            return Err(clash_error(&c, "shape.clash.field", &format!("agentPoolProfiles[{i}]")));
        }
        let whole = |c: Result<Option<i64>, ()>, key: &'static str| {
            c.map_err(|()| {
                ClusterError::new("shape.cluster.pool_count", Params(vec![("index", Param::from(i)), ("key", Param::from(key))]))
            })
        };
        let count = whole(p.count, "count")?;
        let min_count = whole(p.min_count, "minCount")?;
        let vm_size = p.vm_size.ok_or_else(|| ClusterError::new("shape.cluster.pool_vm_size", Params(vec![("index", Param::from(i))])))?;
        Ok(AgentPool {
            name: p.name.unwrap_or_else(|| format!("pool{i}")),
            count: count.unwrap_or(0),
            vm_size,
            system: p.mode.unwrap_or(false),
            os_type: p.os_type.unwrap_or_else(|| "Linux".into()),
            autoscaling: p.autoscaling,
            min_count,
            count_given: count.is_some(),
            stopped: p.stopped.stopped(),
        })
    }
}

impl<'de> DeserializeSeed<'de> for Pools {
    type Value = Option<PoolsRead>;
    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Pools {
    type Value = Option<PoolsRead>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of agent pools")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Skip.visit_map(map).map(|_| None)
    }
    #[inline]
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = PoolsRead::with_capacity(seq.size_hint().unwrap_or(0).min(16));
        loop {
            // An element that is no object stays a default pool (which has no vmSize).
            let mut pool = Pool::default();
            let clash = match seq.next_element_seed(Obj::checked(&mut pool))? {
                None => break,
                Some(Got::Object(clash)) => clash,
                Some(Got::Null | Got::Other) => None,
            };
            out.add(pool, clash);
        }
        Ok(Some(out.finish()))
    }
}

/// One element of `agentPoolProfiles`.
struct Pool {
    name: Option<String>,
    count: Result<Option<i64>, ()>,
    min_count: Result<Option<i64>, ()>,
    vm_size: Option<String>,
    /// `mode` given at all (null too), which makes the first pool no System pool by default.
    mode_given: bool,
    /// `mode` is text: whether it says `System` (kept as that answer, not as a copy of the text).
    mode: Option<bool>,
    os_type: Option<String>,
    autoscaling: bool,
    stopped: PowerState,
}

impl Default for Pool {
    fn default() -> Self {
        Pool {
            name: None,
            count: Ok(None),
            min_count: Ok(None),
            vm_size: None,
            mode_given: false,
            mode: None,
            os_type: None,
            autoscaling: false,
            stopped: PowerState::default(),
        }
    }
}

doc_object! {
    Pool |this| {
        "name" => text(this.name),
        "count" => leaf(|l| this.count = count(l)),
        "minCount" => leaf(|l| this.min_count = count(l)),
        "vmSize" => text(this.vm_size),
        "mode" => leaf(|l| {
            this.mode_given = true;
            this.mode = match l {
                Leaf::Str(m) => Some(m.eq_ignore_ascii_case("system")),
                _ => None,
            };
        }),
        "osType" => text(this.os_type),
        "enableAutoScaling" => flag(this.autoscaling),
        "powerState" => loose(this.stopped),
    }
}

/// A pool's `powerState`, whose keys are not checked for case: `code` itself wins over another
/// casing of it, and of other casings the first in a JSON object's (sorted) key order.
#[derive(Default)]
struct PowerState {
    exact: Option<bool>,
    other: Option<(String, bool)>,
}

impl PowerState {
    fn stopped(&self) -> bool {
        self.exact.or(self.other.as_ref().map(|o| o.1)).unwrap_or(false)
    }
}

impl PowerState {
    /// The value of a key that is `code` but for case, whether it says `Stopped`.
    fn code(&mut self, key: &str, stopped: bool) {
        if key == "code" {
            self.exact = Some(stopped);
        } else if self.other.as_ref().is_none_or(|(k, _)| key <= k.as_str()) {
            self.other = Some((key.to_string(), stopped));
        }
    }
}

fn is_stopped(l: &Leaf<'_>) -> bool {
    matches!(l, Leaf::Str(c) if c.eq_ignore_ascii_case("stopped"))
}

impl<'de> DocObject<'de> for PowerState {
    fn entry<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<(), A::Error> {
        if is_key(key, "code") {
            self.code(key, is_stopped(&map.next_value::<Leaf>()?));
        } else {
            skip(map)?;
        }
        Ok(())
    }
}

impl plain::Entries for PowerState {
    fn value_entry(&mut self, key: &str, v: &Value) {
        if is_key(key, "code") {
            self.code(key, is_stopped(&plain::leaf(v)));
        }
    }
}

/// `apiServerAccessProfile`.
#[derive(Default)]
struct ApiAccess {
    private: bool,
    public_fqdn: bool,
    ranges: Vec<String>,
}

doc_object! {
    ApiAccess |this| {
        "enablePrivateCluster" => flag(this.private),
        "enablePrivateClusterPublicFQDN" => flag(this.public_fqdn),
        "authorizedIPRanges" => seed(Texts, |t| this.ranges = t),
    }
}

/// A list's text elements (others are left out); empty when it is no list.
struct Texts;

impl<'de> DeserializeSeed<'de> for Texts {
    type Value = Vec<String>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<String>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Texts {
    type Value = Vec<String>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of text")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Vec<String>, E> {
        Ok(Vec::new())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Vec<String>, E> {
        Ok(Vec::new())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Vec<String>, E> {
        Ok(Vec::new())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Vec<String>, E> {
        Ok(Vec::new())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Vec<String>, E> {
        Ok(Vec::new())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Vec<String>, E> {
        Ok(Vec::new())
    }
    fn visit_none<E: de::Error>(self) -> Result<Vec<String>, E> {
        Ok(Vec::new())
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<String>, A::Error> {
        Skip.visit_map(map).map(|_| Vec::new())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
        let mut out = Vec::new();
        while let Some(l) = seq.next_element::<Leaf>()? {
            out.extend(l.text());
        }
        Ok(out)
    }
}

/// `networkProfile`.
#[derive(Default)]
struct Network {
    sku: Option<String>,
    service_cidr: Option<String>,
}

doc_object! {
    Network |this| {
        "loadBalancerSku" => text(this.sku),
        "serviceCidr" => text(this.service_cidr),
    }
}

impl ClusterRoot {
    /// The facts, or the first problem in reading order: a clash of the top level's keys, of
    /// `properties`' keys, then each pool's problems in turn, then the access and network
    /// profiles' clashes.
    fn facts(root: &mut ClusterRoot, clash: Option<Clash>) -> Result<ClusterFacts, ClusterError> {
        check_clash(clash, "shape.clash.cluster")?;
        let props = match &mut root.properties {
            Some(p) => {
                check(p, "properties")?;
                &mut p.value
            }
            None => &mut root.flat,
        };
        let mut f = ClusterFacts {
            id: root.id.take(),
            name: root.name.take(),
            location: root.location.take(),
            kubernetes_version: props.current_version.take().or(props.version.take()),
            ..ClusterFacts::default()
        };
        match props.pools.take() {
            None => {}
            Some(None) => return Err(ClusterError::new("shape.cluster.pools_list", Params::default())),
            Some(Some(read)) => match read.error {
                Some(e) => return Err(e),
                None => f.agent_pools = read.pools,
            },
        }
        if let Some(api) = props.api.take() {
            check(&api, "apiServerAccessProfile")?;
            f.private_cluster = api.value.private;
            f.private_cluster_public_fqdn = api.value.public_fqdn;
            f.authorized_ip_ranges = api.value.ranges;
        }
        if let Some(net) = props.net.take() {
            check(&net, "networkProfile")?;
            f.load_balancer_sku = net.value.sku.map(|mut s| {
                s.make_ascii_lowercase();
                s
            });
            f.service_cidr = net.value.service_cidr;
        }
        Ok(f)
    }
}

/// A compute resource's top level.
#[derive(Default)]
struct ComputeRoot {
    /// `properties` given at all (null too); `outer` when it is an object.
    given: bool,
    outer: Option<Read<ComputeOuter>>,
}

doc_object! {
    ComputeRoot |this| {
        "properties" => object(this.outer) then { this.given = true; },
    }
}

/// A compute's `properties`.
#[derive(Default)]
struct ComputeOuter {
    aks: Option<Read<ComputeAks>>,
    attached: Option<bool>,
}

doc_object! {
    ComputeOuter |this| {
        "properties" => object(this.aks),
        "isAttachedCompute" => leaf(|l| this.attached = match l {
            Leaf::Bool(b) => Some(b),
            _ => None,
        }),
    }
}

/// A compute's `properties.properties`: the AKS settings.
#[derive(Default)]
struct ComputeAks {
    vm_size: Option<String>,
    count: Option<i64>,
    lb_type: Option<String>,
    ssl: Option<Read<ComputeSsl>>,
}

doc_object! {
    ComputeAks |this| {
        "agentVmSize" => text(this.vm_size),
        "agentCount" => leaf(|l| this.count = match l {
            Leaf::Num(n) => n,
            _ => None,
        }),
        "loadBalancerType" => text(this.lb_type),
        "sslConfiguration" => object(this.ssl),
    }
}

/// A compute's `sslConfiguration`.
#[derive(Default)]
struct ComputeSsl {
    leaf: Option<String>,
    status: Option<String>,
}

doc_object! {
    ComputeSsl |this| {
        "leafDomainLabel" => text(this.leaf),
        "status" => text(this.status),
    }
}

impl ComputeRoot {
    /// The facts, or the first problem: no `properties`, then a clash of the top level's keys,
    /// of `properties`, `properties.properties` and `sslConfiguration` in turn.
    fn facts(root: &mut ComputeRoot, clash: Option<Clash>) -> Result<ComputeFacts, ClusterError> {
        if !root.given {
            return Err(no_properties());
        }
        check_clash(clash, "shape.clash.compute")?;
        let Some(outer) = root.outer.take() else { return Ok(ComputeFacts::default()) };
        check(&outer, "properties")?;
        let outer = outer.value;
        let mut f = ComputeFacts { is_attached: outer.attached, ..ComputeFacts::default() };
        let Some(aks) = outer.aks else { return Ok(f) };
        check(&aks, "properties.properties")?;
        let aks = aks.value;
        if let Some(ssl) = aks.ssl {
            check(&ssl, "sslConfiguration")?;
            f.leaf_domain_label = ssl.value.leaf.filter(|s| !s.is_empty());
            f.ssl_status = ssl.value.status;
        }
        f.agent_vm_size = aks.vm_size;
        f.agent_count = aks.count;
        f.load_balancer_type = aks.lb_type;
        Ok(f)
    }
}

mod plain;
#[cfg(test)]
mod tests;
