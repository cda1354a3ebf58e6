//! NAME: the compute name.
use super::{shown, Op, Sink};
use crate::diagnostic::{Param, Path};
use crate::registry::codes::*;
use crate::request::ApiVersion;
use crate::text::quoted_char;

const RESERVED: [&str; 3] = ["amlcompute", "local", "containerinstance"];

fn path() -> Path {
    Path::from(["name"])
}

/// NAME001 alone: a detach needs to know which compute.
pub(super) fn required(s: &mut Sink<'_>, name: Option<&str>) -> bool {
    if name.is_none_or(|n| n.is_empty()) {
        if !s.ctx.name_later {
            s.emit(NAME001, "missing", path(), vec![]);
        }
        return false;
    }
    true
}

pub(super) fn check(s: &mut Sink<'_>, name: Option<&str>, op: Op) {
    if !required(s, name) {
        return;
    }
    let name = name.unwrap_or_default();
    form(s, name);
    unique(s, name, op);
}

/// NAME001-NAME004: what the name itself must be, whatever the workspace holds. The request
/// builders check these too, since the name becomes a URL path segment.
pub(super) fn form(s: &mut Sink<'_>, name: &str) {
    let len = name.chars().count();
    if !(3..=24).contains(&len) {
        s.emit(NAME001, "length", path(), vec![("name", shown(name)), ("length", Param::from(len))]);
    }
    let mut bad: Vec<String> = Vec::new();
    for c in name.chars() {
        if !(c.is_ascii_alphanumeric() || c == '-') {
            // A letter outside ASCII may look like one inside it (Cyrillic "а", Greek "ο"): its
            // code point tells them apart.
            let t = if c.is_ascii() { quoted_char(c) } else { format!("{} (U+{:04X})", quoted_char(c), u32::from(c)) };
            if !bad.contains(&t) {
                bad.push(t);
            }
            if bad.len() == 5 {
                break;
            }
        }
    }
    if !bad.is_empty() {
        s.emit(NAME002, "", path(), vec![("name", shown(name)), ("chars", Param::List(bad))]);
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        s.emit(NAME003, "", path(), vec![("name", shown(name))]);
    }
    if !name.ends_with(|c: char| c.is_ascii_alphanumeric()) {
        // The usual slip is a trailing hyphen; any other last character gets the general fix.
        let variant = if name.ends_with('-') { "hyphen" } else { "" };
        s.emit(NAME004, variant, path(), vec![("name", shown(name))]);
    }
}

fn unique(s: &mut Sink<'_>, name: &str, op: Op) {
    // On create, OPS001 says it (create is not idempotent) where the profile has it.
    if op == Op::Attach || !s.on(OPS001) {
        if let Some(e) = s.ctx.existing_computes.iter().find(|e| e.name.eq_ignore_ascii_case(name)) {
            let existing = e.name.clone();
            s.emit(NAME005, "", path(), vec![("name", shown(name)), ("existing", Param::from(existing))]);
        }
    }
    if s.ctx.region_compute_names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
        s.emit(NAME006, "", path(), vec![("name", shown(name))]);
    }
    reserved(s, Some(name), op);
}

/// NAME007. azureml-core compares exactly (`name in [...]`) and only on create; the
/// documentation profiles compare case-insensitively, on attach too.
pub(super) fn reserved(s: &mut Sink<'_>, name: Option<&str>, op: Op) {
    let Some(name) = name else { return };
    let hit = if s.sdk() { op == Op::Create && RESERVED.contains(&name) } else { RESERVED.iter().any(|r| r.eq_ignore_ascii_case(name)) };
    if hit {
        s.emit(NAME007, "", path(), vec![("name", shown(name))]);
    }
}

/// The api-versions whose `computeName` pattern is
/// `^[a-zA-Z](?![a-zA-Z0-9-]*-\d+$)[a-zA-Z0-9\-]{2,23}$` (tests/schema/2026-07-01_openapi.compute-excerpt.json):
/// its negative lookahead refuses a name ending in `-<digits>`. Earlier versions have no pattern.
const DIGIT_SUFFIX_REFUSED: [ApiVersion; 1] = [ApiVersion::V2026_07_01];

/// NAME008: under such an api-version, `aks-01` is refused by the service; say so first. The
/// api-version is the context's, else the one the request builders use by default.
pub(super) fn api_pattern(s: &mut Sink<'_>, name: Option<&str>) {
    let Some(name) = name.filter(|n| !n.is_empty()) else { return };
    let version = match s.ctx.api_version.as_deref() {
        None => ApiVersion::default(),
        // An api-version the builders do not know is theirs to refuse.
        Some(v) => match ApiVersion::known(v) {
            Some(v) => v,
            None => return,
        },
    };
    if !DIGIT_SUFFIX_REFUSED.contains(&version) {
        return;
    }
    let digit_tail = name.rsplit_once('-').is_some_and(|(_, t)| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()));
    if digit_tail {
        s.emit(NAME008, "", path(), vec![("name", shown(name)), ("api_version", Param::from(version.as_str()))]);
    }
}
