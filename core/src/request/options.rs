//! The choices a build takes besides the configuration and the context.
use super::{ApiVersion, Cloud};

/// How to build: which api-version, which cloud, which rule profile (`sdk` reproduces
/// azureml-core's bodies exactly).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The `api-version` query parameter, and the body shape that goes with it.
    pub api_version: ApiVersion,
    /// Where the requests go: the Resource Manager endpoint of the URLs.
    pub cloud: Cloud,
    /// Whose rules shape the body: a how-to page's, or azureml-core's own (`sdk`).
    pub profile: crate::profile::Profile,
}
