//! The context shape: what a rule may need beyond the configuration, all optional. What is
//! missing is not guessed.
use crate::cluster::{ClusterError, ClusterFacts, ComputeFacts};
use crate::diagnostic::{Param, Params};
use crate::k8s::VersionList;
use crate::profile::Profile;
use crate::shape::{as_int, read_root, shape, At, Codec, ConfigError, Reader, Type};
use crate::vmsize::VmSizeOverride;
use serde::de::DeserializeSeed;
use serde::Deserializer;
use serde_json::Value;
use std::marker::PhantomData;

shape! {
    /// The Azure ML workspace the compute belongs to.
    pub struct Workspace {
        /// The subscription's ID.
        pub subscription_id: Option<String>,
        /// The workspace's resource group.
        pub resource_group: Option<String>,
        /// The workspace's name.
        pub name: Option<String>,
        /// The workspace's region.
        pub location: Option<String>,
    }
}

shape! {
    /// A compute already in the workspace.
    pub struct ExistingCompute {
        /// Its name.
        pub name: String,
        /// The ARM ID of the cluster behind it (`properties.resourceId`).
        pub resource_id: Option<String>,
    }
}

shape! {
    /// A VM size that wins over the catalog, as the context gives it.
    pub struct VmSizeEntry {
        /// The size's name, e.g. `Standard_D3_v2`.
        pub name: String,
        /// Virtual CPUs per node.
        pub vcpus: i64,
        /// GPUs per node.
        pub gpus: Option<i64>,
        /// Whether the size has an FPGA.
        pub fpga: Option<bool>,
    }
}

impl Codec<Profile> for Profile {
    const TYPE: Type = Type::Choice { values: &["sdk", "2020-10", "2021-04", "2021-11"], ignore_case: false };
    fn read(v: Option<&Value>, path: &At<'_>, r: &mut Reader) -> Self {
        match v {
            Some(Value::String(p)) => Self::from_text(p, path, r),
            _ => {
                <Option<String> as Codec<Option<String>>>::read(v, path, r).map_or_else(Profile::default, |p| Self::from_text(&p, path, r))
            }
        }
    }
    fn read_de<'de, D: Deserializer<'de>>(d: D, path: &At<'_>, r: &mut Reader) -> Result<Option<Self>, D::Error> {
        crate::shape::parsed_de(d, path, r, Self::from_text, Self::read)
    }
}

impl Profile {
    /// The profile a text names, or the default with the problem reported.
    fn from_text(p: &str, path: &At<'_>, r: &mut Reader) -> Self {
        p.parse().unwrap_or_else(|e: <Profile as std::str::FromStr>::Err| {
            r.bad_text(path, "shape.bad_value.profile", e.params());
            Profile::default()
        })
    }
}

impl crate::shape::Absent for Profile {
    fn is_absent(&self) -> bool {
        false
    }
}

/// Kubernetes versions as JSON or as the text table of `az aks get-versions -o table`.
pub(crate) struct Versions;
impl Codec<Option<VersionList>> for Versions {
    const TYPE: Type = Type::Versions;
    fn read(v: Option<&Value>, path: &At<'_>, r: &mut Reader) -> Option<VersionList> {
        VersionList::from_json(v?).map_err(|e| bad_versions(path, r, &e)).ok()
    }
    /// Text (the table, or JSON given as text) is read where it lies; only JSON itself
    /// becomes a value, which the list readers walk.
    fn read_de<'de, D: Deserializer<'de>>(d: D, path: &At<'_>, r: &mut Reader) -> Result<Option<Option<VersionList>>, D::Error> {
        let seed = crate::document::TextOrValue {
            text: |t: &str| Some(VersionList::from_input(t)),
            value: |v: Value| if v.is_null() { None } else { Some(VersionList::from_json(&v)) },
        };
        Ok(seed.deserialize(d)?.map(|got| got.map_err(|e| bad_versions(path, r, &e)).ok()))
    }
}

/// A versions list that could not be read: its message, kept for the locale.
fn bad_versions(path: &At<'_>, r: &mut Reader, e: &crate::k8s::VersionListError) {
    match e.message() {
        Some(m) => r.bad_message(path, m),
        None => r.bad(path, e.to_string()),
    }
}

/// An ARM document the context holds, read as it streams by from JSON text (no JSON value
/// built of it), or from a value by the plain reader: either gives the facts, or the first
/// problem, or nothing for `null`.
pub(crate) trait Streamed: Sized {
    fn stream<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Result<Self, ClusterError>>, D::Error>;
    /// The same, from a JSON value, by the plain reader (`cluster/plain.rs`).
    fn plain(v: &Value) -> Option<Result<Self, ClusterError>>;
}

impl Streamed for ClusterFacts {
    fn stream<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Result<Self, ClusterError>>, D::Error> {
        ClusterFacts::read(d)
    }
    fn plain(v: &Value) -> Option<Result<Self, ClusterError>> {
        ClusterFacts::read_plain(v)
    }
}

impl Streamed for ComputeFacts {
    fn stream<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Result<Self, ClusterError>>, D::Error> {
        ComputeFacts::read(d)
    }
    fn plain(v: &Value) -> Option<Result<Self, ClusterError>> {
        ComputeFacts::read_plain(v)
    }
}

/// The codec of a streamed document: its problem is reported at the field's path.
pub(crate) struct Doc<T>(PhantomData<T>);
/// A ManagedCluster document.
pub(crate) type ClusterDoc = Doc<ClusterFacts>;
/// A compute resource document.
pub(crate) type ComputeDoc = Doc<ComputeFacts>;

impl<T: Streamed> Codec<Option<T>> for Doc<T> {
    const TYPE: Type = Type::Document;
    fn read(v: Option<&Value>, path: &At<'_>, r: &mut Reader) -> Option<T> {
        T::plain(v?)?.map_err(|e| r.bad_message(path, e.0)).ok()
    }
    fn read_de<'de, D: Deserializer<'de>>(d: D, path: &At<'_>, r: &mut Reader) -> Result<Option<Option<T>>, D::Error> {
        Ok(T::stream(d)?.map(|got| got.map_err(|e| r.bad_message(path, e.0)).ok()))
    }
    /// The facts go into their place as they come from the reader (a cluster's are a few
    /// hundred bytes, copied at each layer of an answer handed up).
    fn read_in<'de, D: Deserializer<'de>>(d: D, path: &At<'_>, r: &mut Reader, slot: &mut Option<T>) -> Result<bool, D::Error> {
        Ok(match T::stream(d)? {
            None => false,
            Some(Ok(facts)) => {
                *slot = Some(facts);
                true
            }
            Some(Err(e)) => {
                r.bad_message(path, e.0);
                *slot = None;
                true
            }
        })
    }
}

/// RFC 3339 text or Unix seconds.
pub(crate) struct Time;
impl Codec<Option<i64>> for Time {
    const TYPE: Type = Type::Time;
    fn read(v: Option<&Value>, path: &At<'_>, r: &mut Reader) -> Option<i64> {
        match v? {
            Value::String(s) => Self::from_text(s, path, r),
            other => as_int(r, other, path),
        }
    }
    fn read_de<'de, D: Deserializer<'de>>(d: D, path: &At<'_>, r: &mut Reader) -> Result<Option<Option<i64>>, D::Error> {
        crate::shape::parsed_de(d, path, r, Self::from_text, Self::read)
    }
}

impl Time {
    /// RFC 3339 text as Unix seconds, or `None` with the problem reported.
    fn from_text(s: &str, path: &At<'_>, r: &mut Reader) -> Option<i64> {
        crate::time::parse_rfc3339(s).or_else(|| {
            r.bad_text(path, "shape.bad_value.time", Params(vec![("value", Param::from(crate::text::quoted(&crate::text::clip(s, 40))))]));
            None
        })
    }
}

/// VM size overrides, checked for what the catalog needs of them.
pub(crate) struct VmSizes;
impl Codec<Vec<VmSizeOverride>> for VmSizes {
    const TYPE: Type = Type::List(VmSizeEntry::SHAPE);
    fn read(v: Option<&Value>, path: &At<'_>, r: &mut Reader) -> Vec<VmSizeOverride> {
        let Some(v) = v else { return Vec::new() };
        if !v.is_array() {
            r.wrong(path, "shape.type.vm_size_list", v);
            return Vec::new();
        }
        let entries = <Vec<VmSizeEntry> as Codec<Vec<VmSizeEntry>>>::read(Some(v), path, r);
        let mut out = Vec::with_capacity(entries.len());
        for (i, e) in entries.into_iter().enumerate() {
            match u32::try_from(e.vcpus) {
                Ok(vcpus) => out.push(VmSizeOverride {
                    name: e.name,
                    vcpus,
                    gpus: e.gpus.and_then(|g| u32::try_from(g).ok()).unwrap_or(0),
                    fpga: e.fpga.unwrap_or(false),
                }),
                Err(_) => r.bad_text(&path.index(i), "shape.bad_value.vm_size", Params::default()),
            }
        }
        out
    }
}

shape! {
    /// Everything a rule may read besides the configuration, all optional: what is missing is
    /// not guessed.
    pub struct Context {
        /// The rule profile: `sdk`, `2020-10`, `2021-04` or `2021-11` (default).
        pub profile: Profile,
        /// `en` (default); `de-DE` falls back to `de`, then English.
        pub locale: Option<String>,
        /// The workspace the compute belongs to.
        pub workspace: Option<Workspace>,
        /// The computes already in the workspace.
        pub existing_computes: Vec<ExistingCompute>,
        /// Names of computes elsewhere in the region (NAME006, 2020-10).
        pub region_compute_names: Vec<String>,
        /// Supported versions; the compiled-in snapshot is used (and said) when absent.
        pub kubernetes_versions: Option<VersionList> as Versions,
        /// The existing AKS cluster (attach preflight), as `az aks show` prints it.
        pub cluster: Option<ClusterFacts> as ClusterDoc,
        /// The compute as it is now (update), as a GET returns it.
        pub compute: Option<ComputeFacts> as ComputeDoc,
        /// Sizes that win over the catalog.
        pub vm_sizes: Vec<VmSizeOverride> as VmSizes,
        /// The time certificates are checked at: RFC 3339 text or Unix seconds (the core reads
        /// no clock).
        pub now: Option<i64> as Time,
        /// The address range of the cluster's subnet, when known (NET004).
        pub subnet_address_prefix: Option<String>,
        /// The compute name comes later (azureml-core's configuration objects get it only at
        /// `ComputeTarget.create`): a missing name is then not reported.
        pub name_later: bool,
        /// The Machine Learning Services api-version the request will use (NAME008); the
        /// builders' default when absent.
        pub api_version: Option<String>,
    }
}

impl Context {
    /// A context with only a profile.
    pub fn with_profile(profile: Profile) -> Self {
        Context { profile, ..Context::default() }
    }

    /// Reads the JSON context shape, reporting every problem at once; null is the empty context.
    pub fn from_value(v: &Value) -> Result<Self, ConfigError> {
        if v.is_null() {
            return Ok(Context::default());
        }
        read_root(v, "context")
    }

    /// Reads JSON text of the context shape straight into the context; the text `null` is the
    /// empty context, as in [`from_value`](Self::from_value).
    pub fn from_json(text: &str) -> Result<Self, ConfigError> {
        if text.trim() == "null" {
            return Ok(Context::default());
        }
        read_root(text, "context")
    }

    /// The supported versions: the given list, else the compiled-in snapshot.
    pub fn versions(&self) -> &VersionList {
        self.kubernetes_versions.as_ref().unwrap_or_else(|| VersionList::snapshot())
    }
}

#[cfg(test)]
mod tests {
    use super::Context;
    use crate::locale::Locale;

    /// The one problem of a context, read from text and from a value, rendered in `tag`:
    /// (path, kind, message), and the report.
    fn problem(ctx: &str, tag: &str) -> (String, &'static str, String, String) {
        let by_text = Context::from_json(ctx).expect_err("a bad context");
        let v: serde_json::Value = serde_json::from_str(ctx).expect("JSON");
        let mut e = Context::from_value(&v).expect_err("a bad context");
        assert_eq!(e, by_text, "{ctx}");
        let report = e.render(&Locale::new(Some(tag)));
        e.localize(&Locale::new(Some(tag)));
        assert_eq!(e.errors.len(), 1, "{e}");
        (e.errors[0].path.to_string(), e.errors[0].kind.as_str(), e.errors[0].message.clone(), report)
    }

    #[test]
    fn a_bad_versions_table_or_cluster_in_a_context_is_worded_in_the_locale() {
        let table = r#"{"kubernetes_versions": "KubernetesVersion    Upgrades\n-------------------  --------\n1.29.4               None available\nnope                 None available\n"}"#;
        let en = problem(table, "en");
        assert_eq!(
            (en.0.as_str(), en.1, en.2.as_str()),
            ("kubernetes_versions", "bad_value", r#"row 2: "nope" is not a Kubernetes version"#)
        );
        let nl = problem(table, "nl");
        assert_eq!(
            (nl.0.as_str(), nl.1, nl.2.as_str()),
            ("kubernetes_versions", "bad_value", r#"rij 2: "nope" is geen Kubernetes-versie"#)
        );
        assert!(nl.3.ends_with("\n  kubernetes_versions: rij 2: \"nope\" is geen Kubernetes-versie"), "{}", nl.3);
        let de = problem(r#"{"kubernetes_versions": {"values": 7}}"#, "de");
        assert_eq!((de.0.as_str(), de.1, de.2.as_str()), ("kubernetes_versions", "bad_value", "\"values\" muss eine Liste sein"));
        // Versions JSON given as text that is not JSON: the parser's error quoted in the sentence.
        let nl = problem(r#"{"kubernetes_versions": "{\"values\": ["}"#, "nl");
        assert!(nl.2.starts_with("de versie-JSON is geen geldige JSON: EOF"), "{}", nl.2);

        let cluster = r#"{"cluster": {"properties": {"agentPoolProfiles": [{"name": "p", "vmSize": "Standard_D2_v2", "count": 3}, {"name": "q", "count": 2}]}}}"#;
        let en = problem(cluster, "en");
        assert_eq!((en.0.as_str(), en.1, en.2.as_str()), ("cluster", "bad_value", "agentPoolProfiles[1] has no vmSize"));
        let de = problem(cluster, "de");
        assert_eq!((de.0.as_str(), de.1, de.2.as_str()), ("cluster", "bad_value", "agentPoolProfiles[1] hat keine vmSize"));
        let nl = problem(cluster, "nl");
        assert_eq!(nl.2, "agentPoolProfiles[1] heeft geen vmSize");
        let clash = r#"{"cluster": {"properties": {"networkProfile": {"serviceCidr": "10.0.0.0/16", "ServiceCidr": "10.1.0.0/16"}}}}"#;
        let en = problem(clash, "en");
        assert_eq!(
            en.2,
            r#"networkProfile has both "ServiceCidr" and "serviceCidr": keys are read without regard to case, so give only one"#
        );
        let nl = problem(clash, "nl");
        assert!(nl.2.starts_with(r#"networkProfile heeft zowel "ServiceCidr" als "serviceCidr": "#), "{}", nl.2);
        let de = problem(r#"{"compute": [1]}"#, "de");
        assert_eq!((de.0.as_str(), de.1), ("compute", "bad_value"));
        assert!(de.2.starts_with("das Computeziel muss ein Objekt"), "{}", de.2);
    }
}
