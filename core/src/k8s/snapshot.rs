//! The Kubernetes versions snapshot compiled into the library (`core/data/k8s-versions-snapshot.json`,
//! embedded by the build script): its text and date, the list read from it, and the builder of
//! the file from what `az aks get-versions` prints. VER002 falls back on it, as a warning, only
//! when no list is given.
use super::{VersionList, VersionListError, VersionSource};

fn err<T>(msg: impl Into<String>) -> Result<T, VersionListError> {
    Err(VersionListError::Snapshot(msg.into()))
}
use serde_json::Value;

include!(concat!(env!("OUT_DIR"), "/k8s_snapshot.rs"));

/// The compiled-in snapshot's date: its file's `$date`, checked as `YYYY-MM-DD` by the build
/// script and otherwise as written. `refresh_k8s_snapshot` writes the UTC day it ran (or its
/// `--date`), so the date says how old the file is, not when AKS offered the list: the file in
/// the tree is dated by the api-version of the AKS example it was copied from (its `$source`).
pub const SNAPSHOT_DATE: &str = DATE;

/// The largest versions document [`snapshot_document`] reads: `az aks get-versions -o json`
/// prints a few kilobytes.
pub const SNAPSHOT_INPUT_MAX: usize = 4 << 20;

/// Builds the snapshot file (`core/data/k8s-versions-snapshot.json`) from the text that
/// `az aks get-versions -l <region> -o json` prints, dated `date` (`YYYY-MM-DD`). The list must
/// read as a versions list with at least one version; it is kept as AKS printed it.
pub fn snapshot_document(az_json: &str, date: &str, region: &str) -> Result<Value, VersionListError> {
    if az_json.len() > SNAPSHOT_INPUT_MAX {
        return err(format!("the versions document is larger than {SNAPSHOT_INPUT_MAX} bytes"));
    }
    if date.len() != 10 || crate::time::parse_rfc3339(date).is_none() {
        return err(format!("{} is not a date such as 2026-11-22", crate::text::quoted(&crate::text::clip(date, 40))));
    }
    let v: Value = serde_json::from_str(az_json).map_err(|source| VersionListError::Json { what: "the versions document", source })?;
    let list = VersionList::from_json(&v)?;
    if list.entries.is_empty() {
        return err("the versions list is empty");
    }
    let Value::Object(body) = v else { return err("expected the JSON object az aks get-versions -o json prints") };
    let region = crate::text::clip(region.trim(), 40);
    let mut doc = serde_json::Map::new();
    doc.insert(
        "$comment".into(),
        Value::from(
            "A dated fallback, not today's list: VER002 uses it (as a warning) only when no kubernetes_versions are given, and VER001 never names its default. Refresh: az aks get-versions -l <region> -o json | cargo run -p akscompute --example refresh_k8s_snapshot -- --region <region> > core/data/k8s-versions-snapshot.json",
        ),
    );
    doc.insert("$date".into(), Value::from(date));
    doc.insert("$source".into(), Value::from(format!("az aks get-versions -l {region} -o json")));
    doc.extend(body.into_iter().filter(|(k, _)| !k.starts_with('$')));
    Ok(Value::Object(doc))
}

impl VersionList {
    /// The snapshot compiled into the library (AKS Kubernetes Versions List, api-version
    /// 2026-08-01 example). Used only when no list is given, and always said so.
    pub fn snapshot() -> &'static Self {
        // Parsed once: a form validates on every keystroke.
        static SNAPSHOT: std::sync::OnceLock<VersionList> = std::sync::OnceLock::new();
        SNAPSHOT.get_or_init(|| {
            let v: Value = serde_json::from_str(JSON).unwrap_or(Value::Null);
            let mut l = Self::from_json(&v).unwrap_or(VersionList { entries: Vec::new(), source: VersionSource::Given });
            l.source = VersionSource::Snapshot { date: SNAPSHOT_DATE };
            l
        })
    }
}
