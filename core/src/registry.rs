//! The rule registry and the message tables, compiled from `data/` by the build script (the
//! rendering of the tables is in [`crate::locale`]).
use crate::diagnostic::Severity;
use crate::profile::Profile;

/// A rule's entry in the registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// The stable code.
    pub code: &'static str,
    /// A one-line title.
    pub title: &'static str,
    /// Where the rule comes from.
    pub source: &'static str,
    /// The severity per profile (in [`Profile::ALL`] order); `None` where the profile lacks it.
    pub severities: [Option<Severity>; 4],
}

impl RuleInfo {
    /// The severity this rule has under a profile, if the profile has it.
    pub fn severity(&self, profile: Profile) -> Option<Severity> {
        self.severities[profile.index()]
    }
}

/// A code, as an index into the registry: cheap to copy and checked at compile time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Code(pub(crate) usize);

impl Code {
    /// The registry entry.
    pub fn info(self) -> &'static RuleInfo {
        &RULES[self.0]
    }
    /// The code text, e.g. `TLS004`.
    pub fn as_str(self) -> &'static str {
        RULES[self.0].code
    }
}

/// One message of a locale table.
#[derive(Debug)]
pub(crate) struct Entry {
    pub key: &'static str,
    pub message: &'static str,
    pub fix: &'static str,
    pub message_params: bool,
    pub fix_params: bool,
}

pub(crate) struct VmSizeRow {
    pub start: u32,
    pub len: u8,
    /// The name starts with `Standard_` (stored without it).
    pub standard: bool,
    pub vcpus: u16,
    pub memory_gib: f32,
    pub gpus: u8,
    pub fpga: bool,
}

impl VmSizeRow {
    /// The name without its `Standard_` prefix.
    pub fn short(&self) -> &'static str {
        let s = self.start as usize;
        VM_NAMES.get(s..s + usize::from(self.len)).unwrap_or("")
    }
    /// The name without its prefix, in lower case.
    pub fn short_lower(&self) -> &'static [u8] {
        let s = self.start as usize;
        VM_NAMES_LOWER.as_bytes().get(s..s + usize::from(self.len)).unwrap_or(&[])
    }
    /// The canonical name.
    pub fn name(&self) -> std::borrow::Cow<'static, str> {
        if self.standard {
            std::borrow::Cow::Owned(format!("Standard_{}", self.short()))
        } else {
            std::borrow::Cow::Borrowed(self.short())
        }
    }
}

include!(concat!(env!("OUT_DIR"), "/generated.rs"));

/// Every rule of the registry.
pub fn rules() -> &'static [RuleInfo] {
    RULES
}

/// Looks a code up by its text.
pub fn rule(code: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

pub use crate::locale::{locales, Locale};
