//! What a rule may need beyond the configuration, all optional. What is missing is not guessed.
use crate::cluster::{ClusterFacts, ComputeFacts};
use crate::diagnostic::{Param, Params, Path};
use crate::k8s::VersionList;
use crate::profile::Profile;
use crate::shape::{as_int, ConfigError, Reader};
use crate::vmsize::VmSizeOverride;
use serde::Serialize;
use serde_json::Value;

/// The Azure ML workspace the compute belongs to.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Workspace {
    pub subscription_id: Option<String>,
    pub resource_group: Option<String>,
    pub name: Option<String>,
    pub location: Option<String>,
}

/// A compute already in the workspace.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ExistingCompute {
    pub name: String,
    /// The ARM ID of the cluster behind it (`properties.resourceId`).
    pub resource_id: Option<String>,
}

/// Everything a rule may read besides the configuration.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Context {
    pub profile: Profile,
    /// `en` (default); `de-DE` falls back to `de`, then English.
    pub locale: Option<String>,
    pub workspace: Option<Workspace>,
    pub existing_computes: Vec<ExistingCompute>,
    /// Names of computes elsewhere in the region (NAME006, 2020-10).
    pub region_compute_names: Vec<String>,
    /// Supported versions; the compiled-in snapshot is used (and said) when absent.
    pub kubernetes_versions: Option<VersionList>,
    /// The existing AKS cluster (attach preflight).
    pub cluster: Option<ClusterFacts>,
    /// The compute as it is now (update).
    pub compute: Option<ComputeFacts>,
    /// Sizes that win over the catalog.
    pub vm_sizes: Vec<VmSizeOverride>,
    /// The time certificates are checked at, in seconds since 1970 (the core reads no clock).
    pub now: Option<i64>,
    /// The address range of the cluster's subnet, when known (NET004).
    pub subnet_address_prefix: Option<String>,
    /// The compute name comes later (azureml-core's configuration objects get it only at
    /// `ComputeTarget.create`): a missing name is then not reported.
    pub name_later: bool,
    /// The Machine Learning Services api-version the request will use (NAME008); the builders' default when absent.
    pub api_version: Option<String>,
}

const FIELDS: &[&str] = &[
    "profile",
    "locale",
    "workspace",
    "existing_computes",
    "region_compute_names",
    "kubernetes_versions",
    "cluster",
    "compute",
    "vm_sizes",
    "now",
    "subnet_address_prefix",
    "api_version",
];

impl Context {
    /// A context with only a profile.
    pub fn with_profile(profile: Profile) -> Self {
        Context { profile, ..Context::default() }
    }

    /// Reads the JSON context shape of DESIGN.md, reporting every problem at once.
    pub fn from_value(v: &Value) -> Result<Self, ConfigError> {
        let mut r = Reader::new();
        let mut c = Context::default();
        if v.is_null() {
            return Ok(c);
        }
        if let Some(mut o) = r.object(v, &Path::root()) {
            if let Some(p) = o.str(&mut r, "profile") {
                match p.parse() {
                    Ok(p) => c.profile = p,
                    Err(e) => r.bad_text(&o.at("profile"), "shape.bad_value.profile", e.params()),
                }
            }
            c.locale = o.str(&mut r, "locale");
            if let Some(w) = o.raw("workspace") {
                if let Some(mut wo) = r.object(w, &o.at("workspace")) {
                    c.workspace = Some(Workspace {
                        subscription_id: wo.str(&mut r, "subscription_id"),
                        resource_group: wo.str(&mut r, "resource_group"),
                        name: wo.str(&mut r, "name"),
                        location: wo.str(&mut r, "location"),
                    });
                    wo.end(&mut r, &["subscription_id", "resource_group", "name", "location"]);
                }
            }
            if let Some(list) = o.raw("existing_computes") {
                let path = o.at("existing_computes");
                match list.as_array() {
                    Some(a) => {
                        for (i, e) in a.iter().enumerate() {
                            if let Some(mut eo) = r.object(e, &path.join(i)) {
                                let name = eo.str(&mut r, "name");
                                let resource_id = eo.str(&mut r, "resource_id");
                                eo.end(&mut r, &["name", "resource_id"]);
                                match name {
                                    Some(name) => c.existing_computes.push(ExistingCompute { name, resource_id }),
                                    None => r.bad_text(&path.join(i).join("name"), "shape.bad_value.existing_name", Params::default()),
                                }
                            }
                        }
                    }
                    None => r.wrong(&path, "shape.type.compute_list", list),
                }
            }
            c.region_compute_names = o.strings(&mut r, "region_compute_names").unwrap_or_default();
            if let Some(kv) = o.raw("kubernetes_versions") {
                match VersionList::from_json(kv) {
                    Ok(l) => c.kubernetes_versions = Some(l),
                    Err(e) => r.bad(&o.at("kubernetes_versions"), e.0),
                }
            }
            if let Some(cl) = o.raw("cluster") {
                match ClusterFacts::from_json(cl) {
                    Ok(f) => c.cluster = Some(f),
                    Err(e) => r.bad(&o.at("cluster"), e.0),
                }
            }
            if let Some(cp) = o.raw("compute") {
                match ComputeFacts::from_json(cp) {
                    Ok(f) => c.compute = Some(f),
                    Err(e) => r.bad(&o.at("compute"), e.0),
                }
            }
            if let Some(list) = o.raw("vm_sizes") {
                let path = o.at("vm_sizes");
                match list.as_array() {
                    Some(a) => {
                        for (i, e) in a.iter().enumerate() {
                            if let Some(mut so) = r.object(e, &path.join(i)) {
                                let name = so.str(&mut r, "name");
                                let vcpus = so.int(&mut r, "vcpus");
                                let gpus = so.int(&mut r, "gpus").unwrap_or(0);
                                let fpga = so.bool(&mut r, "fpga").unwrap_or(false);
                                so.end(&mut r, &["name", "vcpus", "gpus", "fpga"]);
                                match (name, vcpus.and_then(|v| u32::try_from(v).ok())) {
                                    (Some(name), Some(vcpus)) => {
                                        c.vm_sizes.push(VmSizeOverride { name, vcpus, gpus: u32::try_from(gpus).unwrap_or(0), fpga })
                                    }
                                    _ => r.bad_text(&path.join(i), "shape.bad_value.vm_size", Params::default()),
                                }
                            }
                        }
                    }
                    None => r.wrong(&path, "shape.type.vm_size_list", list),
                }
            }
            if let Some(now) = o.raw("now") {
                let path = o.at("now");
                c.now = match now {
                    Value::String(s) => match crate::time::parse_rfc3339(s) {
                        Some(t) => Some(t),
                        None => {
                            r.bad_text(
                                &path,
                                "shape.bad_value.time",
                                Params(vec![("value", Param::from(format!("{:?}", crate::text::clip(s, 40))))]),
                            );
                            None
                        }
                    },
                    other => as_int(&mut r, other, &path),
                };
            }
            c.subnet_address_prefix = o.str(&mut r, "subnet_address_prefix");
            c.name_later = o.bool(&mut r, "name_later").unwrap_or(false);
            c.api_version = o.str(&mut r, "api_version");
            o.end(&mut r, FIELDS);
        }
        r.finish("context", c)
    }

    /// The supported versions: the given list, else the compiled-in snapshot.
    pub fn versions(&self) -> &VersionList {
        self.kubernetes_versions.as_ref().unwrap_or_else(|| VersionList::snapshot())
    }
}
