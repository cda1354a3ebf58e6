//! The Machine Learning Services api-versions the builders speak, and what differs between them.
use super::RequestError;
use crate::diagnostic::Param;
use std::fmt;

/// The Machine Learning Services api-versions the builders speak.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ApiVersion {
    /// What azureml-core 1.61 sends.
    V2020_02_02,
    /// The last of the legacy body shape (see [`ApiVersion::legacy`]).
    V2021_01_01,
    /// The first with cluster purpose, load balancer settings, the `Auto` TLS status and leaf
    /// domain labels.
    V2025_12_01,
    /// The newest stable (default).
    #[default]
    V2026_07_01,
}

impl ApiVersion {
    /// Every version, oldest first: what `FromStr` accepts and what an unsupported-version error lists.
    pub const ALL: [ApiVersion; 4] = [ApiVersion::V2020_02_02, ApiVersion::V2021_01_01, ApiVersion::V2025_12_01, ApiVersion::V2026_07_01];

    /// The date form of the `api-version` query parameter, e.g. `2026-07-01`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V2020_02_02 => "2020-02-02",
            ApiVersion::V2021_01_01 => "2021-01-01",
            ApiVersion::V2025_12_01 => "2025-12-01",
            ApiVersion::V2026_07_01 => "2026-07-01",
        }
    }

    /// The version written `s` (spaces around it allowed), if it is one of [`ApiVersion::ALL`]:
    /// the check without the error a request builder words (a rule asks only this, and the
    /// browser's lean module then carries no request error).
    pub fn known(s: &str) -> Option<Self> {
        ApiVersion::ALL.into_iter().find(|v| v.as_str() == crate::text::trim(s))
    }

    /// Versions before 2025-12-01 lack cluster purpose, load balancer settings, the `Auto` TLS
    /// status and leaf domain labels, and spell the VM size `agentVMSize`.
    pub fn legacy(self) -> bool {
        self <= ApiVersion::V2021_01_01
    }
}

impl std::str::FromStr for ApiVersion {
    type Err = RequestError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ApiVersion::known(s).ok_or_else(|| {
            RequestError::unsupported(
                "request.api_version",
                "api_version",
                vec![
                    ("value", Param::from(crate::text::clip(s, 40))),
                    ("versions", Param::List(ApiVersion::ALL.map(|v| v.as_str().to_string()).to_vec())),
                ],
            )
        })
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
