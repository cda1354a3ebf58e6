//! ARM requests as plain values `{method, url, headers, body}`. The core builds them; it never
//! sends them (`bindings/client` does). Every rendering meant for people redacts the secrets.
mod address;
mod aks;
mod api_version;
mod cloud;
mod compute;
mod error;
mod http;
mod json;
mod options;
pub mod sdk;
mod segment;

pub use address::ComputeAddress;
pub use aks::{kubernetes_versions, managed_cluster_get, orchestrators};
pub use api_version::ApiVersion;
pub use cloud::Cloud;
pub use compute::{
    attach, attach_target_id, create, delete_or_detach, get, list, list_keys, list_next, operation_status, update, workspace_get,
    UpdatePlan,
};
pub use error::{RequestError, RequestErrorKind};
pub use http::{redact_header, Method, Request};
pub use json::{build_json, JsonBuildError};
pub use options::Options;
pub(crate) use segment::seg;
