//! Kubernetes versions: version strings, and the supported-versions lists in every shape AKS
//! and the Azure CLI have printed (List Orchestrators JSON, Kubernetes Versions JSON, and
//! `az aks get-versions -o table` text in its old and new column sets).
use crate::diagnostic::{Param, Params};
use crate::shape::Message;
use serde::Serialize;
use serde_json::Value;
use smallvec::SmallVec;
use std::cmp::Ordering;
use std::fmt;

mod snapshot;
pub use snapshot::{snapshot_document, SNAPSHOT_DATE, SNAPSHOT_INPUT_MAX};

/// A Kubernetes version: `1.18.6`, `1.18` (minor only), optionally marked preview.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KubeVersion {
    /// The major number (1 for every Kubernetes release so far).
    pub major: u32,
    /// The minor number: AKS supports a window of minors.
    pub minor: u32,
    /// `None` for a minor-only version such as `1.27`.
    pub patch: Option<u32>,
    /// Written with a `(preview)` suffix.
    pub preview: bool,
}

impl KubeVersion {
    /// Parses `1.18.6`, `1.18.6(preview)`, `v1.18.6`, `1.18`; `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        let s = crate::text::trim(s);
        if s.len() > 64 {
            return None;
        }
        let (s, preview) = match s.strip_suffix("(preview)") {
            Some(rest) => (rest.trim_end(), true),
            None => (s, false),
        };
        let s = s.strip_prefix(['v', 'V']).unwrap_or(s);
        // Two or three parts between dots, each 1 to 9 digits (so each fits a u32), read in
        // one pass over the bytes: a version is parsed for every row of a table, on every keystroke.
        let mut nums = [0u32; 3];
        let (mut part, mut digits) = (0usize, 0usize);
        for &b in s.as_bytes() {
            match b {
                b'0'..=b'9' if digits < 9 => {
                    let n = nums.get_mut(part)?;
                    *n = *n * 10 + u32::from(b - b'0');
                    digits += 1;
                }
                b'.' if digits > 0 => {
                    part += 1;
                    digits = 0;
                }
                _ => return None,
            }
        }
        if digits == 0 || part == 0 || part > 2 {
            return None;
        }
        let [major, minor, patch] = nums;
        Some(KubeVersion { major, minor, patch: (part == 2).then_some(patch), preview })
    }

    /// Same major and minor.
    pub fn same_minor(&self, other: &KubeVersion) -> bool {
        self.major == other.major && self.minor == other.minor
    }

    /// Orders by number only (preview marks are ignored; a missing patch sorts first).
    pub fn cmp_numeric(&self, other: &KubeVersion) -> Ordering {
        (self.major, self.minor, self.patch).cmp(&(other.major, other.minor, other.patch))
    }

    /// True when this version is at or below `major.minor`.
    pub fn at_most_minor(&self, major: u32, minor: u32) -> bool {
        (self.major, self.minor) <= (major, minor)
    }
}

impl fmt::Display for KubeVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)?;
        if let Some(p) = self.patch {
            write!(f, ".{p}")?;
        }
        Ok(())
    }
}

impl Serialize for KubeVersion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One supported version and what is known about it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VersionEntry {
    /// The version.
    pub version: KubeVersion,
    /// A preview version: not for production clusters.
    pub preview: bool,
    /// The region's default for new clusters.
    pub default: bool,
    /// The versions a cluster at this one can upgrade to.
    pub upgrades: Vec<KubeVersion>,
    /// `KubernetesOfficial`, `AKSLongTermSupport` (newer lists only).
    pub support_plans: Vec<String>,
}

/// Where a version list came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VersionSource {
    /// Passed in by the caller.
    Given,
    /// The snapshot compiled into the library, with its date.
    Snapshot {
        /// The day it was taken (`YYYY-MM-DD`), which the messages quote.
        date: &'static str,
    },
}

/// The versions AKS supports in a region.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VersionList {
    /// The versions, in the order given.
    pub entries: Vec<VersionEntry>,
    /// Where the list came from, which the messages say (a snapshot can be out of date).
    pub source: VersionSource,
}

/// Why a version list could not be read. The JSON parser's error is kept as the `source()`;
/// the message names it too, since most front ends show only the message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VersionListError {
    /// The text looked like JSON (or was given as JSON) but is not.
    #[error("{what} is not valid JSON: {source}")]
    Json {
        /// What was being read, for the message: `the versions JSON`.
        what: &'static str,
        /// The parser's error, with its line and column.
        #[source]
        source: serde_json::Error,
    },
    /// JSON or table text of another shape: what is wrong, naming the place (`row 2`,
    /// `values[0].patchVersions`), as a message of the tables (`shape.versions.…`).
    #[error("{0}")]
    Shape(Message),
    /// What the snapshot builder ([`snapshot_document`]), a maintainer's tool, refuses
    /// beyond a list's shape (in English).
    #[error("{0}")]
    Snapshot(String),
    /// Text over [`MAX_JSON_TEXT`](crate::shape::MAX_JSON_TEXT), refused unread by the cap
    /// check every input shares, with its translated message
    /// ([`ConfigError::localize`](crate::ConfigError::localize) renders it in a locale).
    #[error("{}", .0.errors.first().map_or("", |e| e.message.as_str()))]
    TooBig(crate::ConfigError),
}

impl VersionListError {
    /// The message, as the tables word it (`None` for the snapshot builder's own, in English).
    /// A context read records it in its shape error, which a locale then renders.
    pub fn message(&self) -> Option<Message> {
        match self {
            VersionListError::Json { what: "the versions JSON", source } => {
                Some(Message::new("shape.versions.json", Params(vec![("error", Param::from(source.to_string()))])))
            }
            VersionListError::Shape(m) => Some(m.clone()),
            VersionListError::TooBig(e) => e.errors.first().and_then(|e| e.text.clone()).map(Message),
            VersionListError::Json { .. } | VersionListError::Snapshot(_) => None,
        }
    }

    /// The message in a locale.
    pub fn render(&self, locale: &crate::locale::Locale) -> String {
        self.message().map_or_else(|| self.to_string(), |m| m.render(locale))
    }
}

fn err<T>(key: &'static str, params: Params) -> Result<T, VersionListError> {
    Err(VersionListError::Shape(Message::new(key, params)))
}

/// A value quoted for a message, clipped to 40 characters.
fn quoted(s: &str) -> Param {
    Param::from(crate::text::quoted(&crate::text::clip(s, 40)))
}

/// The `index`-th element, and the value there that is wrong.
fn at(index: usize, value: &str) -> Params {
    Params(vec![("index", Param::from(index)), ("value", quoted(value))])
}

impl VersionList {
    /// Reads any JSON shape: List Orchestrators (`properties.orchestrators` or the CLI's
    /// flattened `orchestrators`), Kubernetes Versions (`values`), or a bare array of either's items.
    pub fn from_json(v: &Value) -> Result<Self, VersionListError> {
        let v = v.get("properties").filter(|p| p.get("orchestrators").is_some()).unwrap_or(v);
        if let Some(o) = v.get("orchestrators") {
            return Self::from_orchestrators(o);
        }
        if let Some(vals) = v.get("values") {
            return Self::from_values(vals);
        }
        match v {
            Value::Array(a) if a.first().is_some_and(|x| x.get("orchestratorVersion").is_some()) => Self::from_orchestrators(v),
            Value::Array(a) if a.first().is_some_and(|x| x.get("patchVersions").is_some()) => Self::from_values(v),
            Value::String(s) => Self::from_input(s),
            _ => err("shape.versions.unknown", Params::default()),
        }
    }

    fn from_orchestrators(o: &Value) -> Result<Self, VersionListError> {
        let Some(items) = o.as_array() else { return err("shape.versions.orchestrators_list", Params::default()) };
        let mut entries = Vec::with_capacity(items.len());
        for (i, it) in items.iter().enumerate() {
            let ty = it.get("orchestratorType").and_then(Value::as_str).unwrap_or("Kubernetes");
            if !ty.eq_ignore_ascii_case("kubernetes") {
                continue;
            }
            let Some(vs) = it.get("orchestratorVersion").and_then(Value::as_str) else {
                return err("shape.versions.no_orchestrator_version", Params(vec![("index", Param::from(i))]));
            };
            let Some(version) = KubeVersion::parse(vs) else {
                return err("shape.versions.bad_orchestrator_version", at(i, vs));
            };
            let upgrades = it
                .get("upgrades")
                .and_then(Value::as_array)
                .map(|u| u.iter().filter_map(|x| x.get("orchestratorVersion")?.as_str()).filter_map(KubeVersion::parse).collect())
                .unwrap_or_default();
            entries.push(VersionEntry {
                version,
                preview: version.preview || it.get("isPreview").and_then(Value::as_bool).unwrap_or(false),
                default: it.get("default").and_then(Value::as_bool).unwrap_or(false),
                upgrades,
                support_plans: Vec::new(),
            });
        }
        Ok(VersionList { entries, source: VersionSource::Given })
    }

    fn from_values(vals: &Value) -> Result<Self, VersionListError> {
        let Some(items) = vals.as_array() else { return err("shape.versions.values_list", Params::default()) };
        let mut entries = Vec::new();
        for (i, it) in items.iter().enumerate() {
            let preview = it.get("isPreview").and_then(Value::as_bool).unwrap_or(false);
            let default_minor = it.get("isDefault").and_then(Value::as_bool).unwrap_or(false);
            let plans: Vec<String> = it
                .pointer("/capabilities/supportPlan")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect())
                .unwrap_or_default();
            let Some(patches) = it.get("patchVersions").and_then(Value::as_object) else {
                match it.get("version").and_then(Value::as_str).and_then(KubeVersion::parse) {
                    Some(version) => {
                        entries.push(VersionEntry { version, preview, default: default_minor, upgrades: Vec::new(), support_plans: plans })
                    }
                    None => return err("shape.versions.no_version", Params(vec![("index", Param::from(i))])),
                }
                continue;
            };
            let first = entries.len();
            for (pv, body) in patches {
                let Some(version) = KubeVersion::parse(pv) else {
                    return err("shape.versions.bad_patch_version", at(i, pv));
                };
                let upgrades = body
                    .get("upgrades")
                    .and_then(Value::as_array)
                    .map(|u| u.iter().filter_map(Value::as_str).filter_map(KubeVersion::parse).collect())
                    .unwrap_or_default();
                entries.push(VersionEntry { version, preview, default: false, upgrades, support_plans: plans.clone() });
            }
            // The newer API marks the default per minor version; AKS then takes its latest patch.
            if default_minor {
                if let Some(latest) = (first..entries.len()).max_by(|a, b| entries[*a].version.cmp_numeric(&entries[*b].version)) {
                    entries[latest].default = true;
                }
            }
        }
        Ok(VersionList { entries, source: VersionSource::Given })
    }

    /// Reads what a user pastes or a binding passes as text: either API's JSON when it starts
    /// with `{` or `[`, else the table of `az aks get-versions -o table`. The one place that
    /// tells the two apart.
    pub fn from_input(text: &str) -> Result<Self, VersionListError> {
        // As long as a configuration or context may be (parsed, JSON takes ~10x its text).
        crate::shape::check_len("versions", text.len()).map_err(VersionListError::TooBig)?;
        let t = text.trim_start();
        if t.starts_with('{') || t.starts_with('[') {
            let v: Value = serde_json::from_str(t).map_err(|source| VersionListError::Json { what: "the versions JSON", source })?;
            if v.is_string() {
                return err("shape.versions.json_string", Params::default());
            }
            Self::from_json(&v)
        } else {
            Self::from_text(text)
        }
    }

    /// Reads `az aks get-versions -o table` text, old (`KubernetesVersion  Upgrades`) or new
    /// (`KubernetesVersion  IsPreview  Upgrades  SupportPlan`) columns. Column bounds come from
    /// the dashes under the header. The `--query ... default` output (`Result` + one version)
    /// gives a one-entry list marked default.
    pub fn from_text(text: &str) -> Result<Self, VersionListError> {
        let mut lines = table_lines(text);
        let Some(header) = lines.next() else { return err("shape.versions.table_empty", Params::default()) };
        let Some(dashes) = lines.next() else { return err("shape.versions.table_no_dashes", Params::default()) };
        if !dashes.trim().starts_with('-') {
            return err("shape.versions.table_dashes", Params::default());
        }
        let cols = columns(dashes);
        // Column names compare without regard to case, in place (no lower-cased copies).
        let name = |i: usize| cols.get(i).map_or("", |(a, b)| crate::text::trim(slice(header, *a, *b)));
        if cols.len() == 1 && name(0).eq_ignore_ascii_case("result") {
            let mut entries = Vec::new();
            for (n, l) in lines.enumerate() {
                match KubeVersion::parse(l) {
                    Some(version) => entries.push(VersionEntry {
                        version,
                        preview: version.preview,
                        default: true,
                        upgrades: Vec::new(),
                        support_plans: Vec::new(),
                    }),
                    None => {
                        return err(
                            "shape.versions.table_result_row",
                            Params(vec![("row", Param::from(n + 1)), ("value", quoted(l.trim()))]),
                        )
                    }
                }
            }
            return Ok(VersionList { entries, source: VersionSource::Given });
        }
        // Each header cell is cut and trimmed once, and the first column of each name wins.
        let [mut vcol, mut pcol, mut ucol, mut scol] = [None; 4];
        for i in 0..cols.len() {
            let n = name(i);
            for (want, col) in
                [("kubernetesversion", &mut vcol), ("ispreview", &mut pcol), ("upgrades", &mut ucol), ("supportplan", &mut scol)]
            {
                if col.is_none() && n.len() == want.len() && n.eq_ignore_ascii_case(want) {
                    *col = Some(i);
                }
            }
        }
        let Some(vcol) = vcol else {
            return err("shape.versions.table_no_column", Params::default());
        };
        let mut entries = Vec::new();
        for (n, line) in lines.enumerate() {
            let cell = |c: Option<usize>| {
                c.map(|i| {
                    let (a, b) = cols[i];
                    // The last column runs to the end of the line, however long.
                    let b = if i + 1 == cols.len() { usize::MAX } else { b };
                    crate::text::trim(slice(line, a, b))
                })
            };
            let vs = cell(Some(vcol)).unwrap_or("");
            let Some(version) = KubeVersion::parse(vs) else {
                return err("shape.versions.table_row", Params(vec![("row", Param::from(n + 1)), ("value", quoted(vs))]));
            };
            let preview = version.preview || cell(pcol).is_some_and(|p| p.eq_ignore_ascii_case("true"));
            let upgrades = match cell(ucol) {
                None | Some("") | Some("None available") => Vec::new(),
                Some(u) => u.split(',').filter_map(KubeVersion::parse).collect(),
            };
            let support_plans = cell(scol)
                .map(|s| s.split(',').map(|p| crate::text::trim(p).to_string()).filter(|p| !p.is_empty()).collect())
                .unwrap_or_default();
            entries.push(VersionEntry { version, preview, default: false, upgrades, support_plans });
        }
        Ok(VersionList { entries, source: VersionSource::Given })
    }

    /// The version new clusters get, when the list says.
    pub fn default_version(&self) -> Option<&VersionEntry> {
        self.entries.iter().find(|e| e.default)
    }

    /// The entry for a version: exact patch, or (for a minor-only version) the newest patch of that minor.
    pub fn find(&self, v: &KubeVersion) -> Option<&VersionEntry> {
        match v.patch {
            Some(_) => self
                .entries
                .iter()
                .find(|e| e.version.cmp_numeric(v) == Ordering::Equal || (e.version.patch.is_none() && e.version.same_minor(v))),
            None => self.entries.iter().filter(|e| e.version.same_minor(v)).max_by(|a, b| a.version.cmp_numeric(&b.version)),
        }
    }

    /// Every listed version as text, newest first, for messages.
    pub fn listed(&self) -> Vec<String> {
        // Among equal numbers the one listed first stays, as with a stable sort: an unstable one
        // with the position as the tiebreak orders the same, without a merge sort in the
        // browser's module.
        let mut v: Vec<(usize, &VersionEntry)> = self.entries.iter().enumerate().collect();
        v.sort_unstable_by(|(i, a), (j, b)| b.version.cmp_numeric(&a.version).then(i.cmp(j)));
        v.dedup_by(|(_, a), (_, b)| a.version.cmp_numeric(&b.version) == Ordering::Equal);
        v.iter().map(|(_, e)| if e.preview { format!("{} (preview)", e.version) } else { e.version.to_string() }).collect()
    }
}

/// Column spans from a dashes line: `-----  ------` gives [(0,5), (7,13)].
/// The lines of a table that say something: without their trailing carriage returns, blank
/// and `#` lines left out. Split at each `\n` byte by hand: `str::lines` costs a pattern
/// searcher per line, a third of reading a short table; the byte is found with `memchr` (a
/// word or vector at a time, where a loop over the bytes costs ~5 instructions a byte).
fn table_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || loop {
        let r = rest?;
        let (line, next) = match memchr::memchr(b'\n', r.as_bytes()) {
            Some(i) => (r.get(..i).unwrap_or(r), r.get(i + 1..)),
            None => (r, None),
        };
        rest = next;
        let end = line.len() - line.bytes().rev().take_while(|b| *b == b'\r').count();
        let line = line.get(..end).unwrap_or(line);
        let t = if line.as_bytes().first().is_some_and(u8::is_ascii_graphic) { line } else { line.trim_start() };
        if !t.is_empty() && !t.starts_with('#') {
            return Some(line);
        }
    })
}

/// Where each column is: the runs of dashes under the header (a table has a few: kept inline).
fn columns(dashes: &str) -> SmallVec<[(usize, usize); 8]> {
    let b = dashes.as_bytes();
    let mut cols = SmallVec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'-' {
            let start = i;
            while i < b.len() && b[i] == b'-' {
                i += 1;
            }
            cols.push((start, i));
        } else {
            i += 1;
        }
    }
    cols
}

/// A byte range of a line, clamped and kept on character boundaries.
fn slice(line: &str, a: usize, b: usize) -> &str {
    let len = line.len();
    let mut a = a.min(len);
    let mut b = b.min(len);
    while a > 0 && !line.is_char_boundary(a) {
        a -= 1;
    }
    while b < len && !line.is_char_boundary(b) {
        b += 1;
    }
    &line[a..b]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_version_forms() {
        let v = KubeVersion::parse("1.18.6(preview)").map(|v| (v.to_string(), v.preview));
        assert_eq!(v, Some(("1.18.6".into(), true)));
        assert_eq!(KubeVersion::parse("v1.18.6").map(|v| v.to_string()), Some("1.18.6".into()));
        assert_eq!(KubeVersion::parse("1.18").map(|v| v.patch), Some(None));
        assert_eq!(KubeVersion::parse(" V1.2.999999999 (preview) ").map(|v| (v.patch, v.preview)), Some((Some(999_999_999), true)));
        assert_eq!(KubeVersion::parse("01.002").map(|v| (v.major, v.minor)), Some((1, 2)));
        let bad = ["1.2.", ".1.2", "1.2..", "1.2.3.", "1.2.1234567890", "v", "(preview)", "1. 2", "1.2\u{0660}", "vv1.2", "1.2(preview)x"];
        for bad in bad.into_iter().chain(["", "1", "1.x", "1.2.3.4", "a.b.c", "1..2", "-1.2", "1.2.3-rc1", "99999999999.1"]) {
            assert_eq!(KubeVersion::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn reads_the_old_table_from_the_docs() {
        let t = "KubernetesVersion    Upgrades\n-------------------  ----------------------------------------\n1.18.6(preview)      None available\n1.17.9               1.18.4(preview), 1.18.6(preview)\n1.16.13              1.17.7, 1.17.9\n";
        let l = VersionList::from_text(t).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(l.entries.len(), 3);
        assert!(l.entries[0].preview && l.entries[0].upgrades.is_empty());
        assert_eq!(l.entries[2].upgrades.len(), 2);
    }

    #[test]
    fn reads_the_new_table() {
        let t = "KubernetesVersion    IsPreview    Upgrades                 SupportPlan\n-------------------  -----------  -----------------------  --------------------------------------\n1.29.2               True         None available           KubernetesOfficial\n1.28.5               False        1.29.0, 1.29.2           KubernetesOfficial, AKSLongTermSupport\n";
        let l = VersionList::from_text(t).unwrap_or_else(|e| panic!("{e}"));
        assert!(l.entries[0].preview);
        assert_eq!(l.entries[1].support_plans, vec!["KubernetesOfficial", "AKSLongTermSupport"]);
    }

    #[test]
    fn listed_is_newest_first_and_keeps_the_first_of_equal_numbers() {
        // Two 1.28.0s (one a preview): the one listed first stays, as a stable sort keeps it.
        let t = "KubernetesVersion    Upgrades\n-------------------  --------------\n1.27.3               None available\n1.28.0(preview)      None available\n1.29.1               None available\n1.28.0               None available\n";
        let l = VersionList::from_text(t).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(l.listed(), vec!["1.29.1", "1.28.0 (preview)", "1.27.3"]);
    }

    #[test]
    fn snapshot_is_dated_and_read() {
        let s = VersionList::snapshot();
        assert_eq!(s.default_version().map(|e| e.version.to_string()), Some("1.24.9".into()));
        assert_eq!(s.source, VersionSource::Snapshot { date: SNAPSHOT_DATE });
        assert!(crate::time::parse_rfc3339(SNAPSHOT_DATE).is_some(), "{SNAPSHOT_DATE}");
    }

    #[test]
    fn a_refreshed_snapshot_reads_back_as_the_same_list() {
        // What az aks get-versions -o json prints is the API's answer body.
        let example: Value =
            serde_json::from_str(include_str!("../tests/fixtures/arm/containerservice_2026-08-01_KubernetesVersions_List.json"))
                .unwrap_or(Value::Null);
        let given = example["responses"]["200"]["body"].clone();
        let az = given.to_string();
        let az = az.as_str();
        let doc = snapshot_document(az, "2026-11-22", "westeurope").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc["$date"], "2026-11-22");
        let a = VersionList::from_json(&doc).map(|l| l.listed());
        let b = VersionList::from_json(&given).map(|l| l.listed());
        assert!(matches!((&a, &b), (Ok(x), Ok(y)) if x == y));
        assert!(snapshot_document(az, "2026-02-31", "x").is_err(), "not a date");
        assert!(snapshot_document("{\"values\": []}", "2026-11-22", "x").is_err(), "empty");
        assert!(snapshot_document("[1]", "2026-11-22", "x").is_err(), "not a list");
    }
}
