//! The choices a build takes besides the configuration and the context.
use super::{ApiVersion, Cloud};

/// How to build: which api-version, which cloud, which rule profile (`sdk` reproduces
/// azureml-core's bodies exactly).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub api_version: ApiVersion,
    pub cloud: Cloud,
    pub profile: crate::profile::Profile,
}
