//! The documents read from a JSON value by plain code (the browser's reader, see
//! `shape/plain.rs`): the same objects as the streaming reader fills, from the same key lists
//! (`doc_object!` writes both readers of each object), checked and turned into facts by the
//! same functions.
use super::{not_a_cluster, not_a_compute, ClusterFacts, ClusterRoot, ComputeFacts, ComputeRoot, Pool, Pools, PoolsRead, Texts};
use crate::cluster::ClusterError;
use crate::document::{case_clash_of, whole_f64, Clash, Leaf, Read};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// One object of a document, read entry by entry from a value (`doc_object!` implements it
/// beside the streaming [`DocObject`](crate::document::DocObject)).
pub(super) trait Entries: Default {
    /// Reads the value of `key` (matched without regard to case) into `self`; other keys are
    /// left alone.
    fn value_entry(&mut self, key: &str, v: &Value);
}

/// A value as the streaming reader's leaf sees it.
pub(super) fn leaf(v: &Value) -> Leaf<'_> {
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

pub(super) fn text(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

pub(super) fn flag(v: &Value) -> bool {
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
pub(super) fn object<T: Entries>(v: &Value) -> Option<Read<T>> {
    v.as_object().map(read)
}

/// A document's root: `None` for null, `not_object`'s error for a value that is no object.
fn root<R: Entries, T>(
    v: &Value,
    facts: fn(&mut R, Option<Clash>) -> Result<T, ClusterError>,
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

/// An object read into `out` with its keys not checked (any other value leaves it alone).
pub(super) fn loose<T: Entries>(v: &Value, out: &mut T) {
    if let Some(m) = v.as_object() {
        for (k, v) in m {
            out.value_entry(k, v);
        }
    }
}

/// What a streaming reader's seed reads, read from a value instead.
pub(super) trait ValueSeed {
    /// What is read.
    type Value;
    /// Reads it from `v`.
    fn of_value(self, v: &Value) -> Self::Value;
}

impl ValueSeed for Pools {
    type Value = Option<PoolsRead>;
    /// Each element an object, or a pool with nothing given; `None`: no list.
    fn of_value(self, v: &Value) -> Option<PoolsRead> {
        v.as_array().map(|a| {
            let mut pools = PoolsRead::with_capacity(a.len());
            for p in a {
                let Read { value, clash } = object(p).unwrap_or_else(|| Read { value: Pool::default(), clash: None });
                pools.add(value, clash);
            }
            pools.finish()
        })
    }
}

impl ValueSeed for Texts {
    type Value = Vec<String>;
    /// The list's text elements; empty when it is no list.
    fn of_value(self, v: &Value) -> Vec<String> {
        v.as_array().map(|a| a.iter().filter_map(text).collect()).unwrap_or_default()
    }
}
