//! Rule profiles: which documented rules apply, by the date of the page they come from.
use std::fmt;
use std::str::FromStr;

/// A rule profile: which how-to page's rules apply (each rule's profiles are in
/// `data/rules.json`). The default is the newest page, [`Profile::P2021_11`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Profile {
    /// Exactly the client-side checks of azureml-core's `AksCompute`, with its messages.
    Sdk,
    /// The how-to page of 2020-10-02.
    P2020_10,
    /// The how-to page of 2021-04-08.
    P2021_04,
    /// The how-to page of 2021-11-05 (default).
    #[default]
    P2021_11,
}

impl Profile {
    /// Every profile, in the order the registry stores severities.
    pub const ALL: [Profile; 4] = [Profile::Sdk, Profile::P2020_10, Profile::P2021_04, Profile::P2021_11];

    /// The name used in JSON, the CLI and the bindings.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Sdk => "sdk",
            Profile::P2020_10 => "2020-10",
            Profile::P2021_04 => "2021-04",
            Profile::P2021_11 => "2021-11",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The FQDN suffix Azure gives leaf-domain-label certificates on this page's date.
    pub fn cloudapp_suffix(self) -> &'static str {
        match self {
            Profile::P2020_10 => "cloudapp.azure.net",
            _ => "cloudapp.azure.com",
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for a profile name that is not one of the four.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownProfile(pub String);

impl fmt::Display for UnknownProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown profile {}: use one of sdk, 2020-10, 2021-04, 2021-11", crate::text::quoted(&crate::text::clip(&self.0, 40)))
    }
}

impl std::error::Error for UnknownProfile {}

impl UnknownProfile {
    /// The values of its message (`shape.bad_value.profile`).
    pub(crate) fn params(&self) -> crate::diagnostic::Params {
        crate::diagnostic::Params(vec![("value", crate::diagnostic::Param::from(crate::text::quoted(&crate::text::clip(&self.0, 40))))])
    }
}

impl FromStr for Profile {
    type Err = UnknownProfile;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "sdk" | "SDK" => Ok(Profile::Sdk),
            "2020-10" | "2020-10-02" => Ok(Profile::P2020_10),
            "2021-04" | "2021-04-08" => Ok(Profile::P2021_04),
            "2021-11" | "2021-11-05" | "default" | "latest" => Ok(Profile::P2021_11),
            other => Err(UnknownProfile(other.to_string())),
        }
    }
}

impl serde::Serialize for Profile {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
