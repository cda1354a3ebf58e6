//! One dispatcher from an operation name and the JSON shapes to a request, for the bindings
//! that take configurations as JSON (Python, UniFFI's JSON entry): which builder, which action
//! and which current resource, decided here once.
use super::{ApiVersion, Cloud, Options, Request, RequestError, UpdatePlan};
use crate::{AttachConfig, ConfigError, Context, CreateConfig, DetachConfig, UnderlyingAction, UpdateConfig};
use serde_json::Value;

/// Why a JSON request could not be built. The shape and request errors are kept as the
/// `source()`, so an error report can walk to them.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum JsonBuildError {
    /// The configuration or the context is not of the shape.
    #[error("{0}")]
    Config(#[source] ConfigError),
    /// The request cannot be built from them.
    #[error("{0}")]
    Request(#[source] RequestError),
    /// Not one of create, attach, update, detach, delete, get, list, list_keys.
    #[error("unknown operation {:?}: use create, attach, update, detach, delete, get, list or list_keys", crate::text::clip(.0, 40))]
    UnknownOperation(String),
}

/// Builds the request for `operation` from a configuration and a context in their JSON shapes.
/// The profile comes from the context; `update` merges over the context's `compute` (the
/// current resource); `delete` deletes whatever the configuration's `action` says. The plan's
/// notes say what an update could not carry.
pub fn build_json(
    operation: &str,
    config: &Value,
    context: &Value,
    api_version: ApiVersion,
    cloud: Cloud,
) -> Result<UpdatePlan, JsonBuildError> {
    let ctx = Context::from_value(context).map_err(JsonBuildError::Config)?;
    let o = Options { api_version, cloud, profile: ctx.profile };
    let ce = JsonBuildError::Config;
    let name = config.get("name").and_then(Value::as_str);
    let plain =
        |r: Result<Request, RequestError>| r.map(|request| UpdatePlan { request, notes: Vec::new() }).map_err(JsonBuildError::Request);
    match operation {
        "create" => plain(super::create(&CreateConfig::from_value(config).map_err(ce)?, &ctx, &o)),
        "attach" => plain(super::attach(&AttachConfig::from_value(config).map_err(ce)?, &ctx, &o)),
        "update" => {
            let current = context.get("compute").cloned().unwrap_or_default();
            super::update(&UpdateConfig::from_value(config).map_err(ce)?, &current, &ctx, &o).map_err(JsonBuildError::Request)
        }
        "detach" | "delete" => {
            let d = DetachConfig::from_value(config).map_err(ce)?;
            let action = if operation == "delete" { UnderlyingAction::Delete } else { d.action };
            plain(super::delete_or_detach(&ctx, d.name.as_deref(), action, &o))
        }
        "get" => plain(super::get(&ctx, name, &o)),
        "list" => plain(super::list(&ctx, &o)),
        "list_keys" => plain(super::list_keys(&ctx, name, &o)),
        other => Err(JsonBuildError::UnknownOperation(other.to_string())),
    }
}
