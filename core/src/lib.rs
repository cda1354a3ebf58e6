//! # akscompute
//!
//! Every documented rule for creating, attaching, updating and detaching an Azure Kubernetes
//! Service cluster as an Azure Machine Learning inference compute, as data.
//!
//! ```
//! use akscompute::{validate_json, Operation};
//! let v = validate_json(Operation::Create, r#"{"name": "myaks", "agent_count": 2}"#, None).unwrap();
//! assert!(!v.is_valid());
//! assert_eq!(v.first_error().map(|d| d.code), Some("CAP003"));
//! ```
//!
//! The core is pure: no I/O, no clock, no FFI. Bindings convert and delegate.
#![forbid(unsafe_code)]

pub mod capacity;
pub mod cluster;
pub mod config;
pub mod context;
pub mod diagnostic;
pub mod dns;
pub mod export;
pub mod iac;
pub mod k8s;
pub mod locale;
pub mod pem;
pub mod profile;
pub mod registry;
pub mod request;
pub mod resource_id;
pub mod response;
mod rules;
pub mod schema;
pub mod secret;
pub mod shape;
pub(crate) mod text;
pub mod time;
pub mod vmsize;

/// The crate README's examples run as doctests, so it cannot drift from the code (the README
/// is inside the crate, so the packaged crate carries it too).
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

pub use config::{
    AttachConfig, ClusterPurpose, CreateConfig, DetachConfig, LoadBalancerSku, LoadBalancerType, SslConfig, TlsStatus, UnderlyingAction,
    UpdateConfig, VnetConfig,
};
pub use context::{Context, ExistingCompute, Workspace};
pub use diagnostic::{Diagnostic, Param, Params, Path, PathSeg, Severity, Validation};
pub use profile::Profile;
pub use registry::{rule, rules as rule_registry, RuleInfo};
pub use rules::{validate_attach, validate_create, validate_detach, validate_update};
pub use secret::Secret;
pub use shape::{ConfigError, ShapeError, ShapeErrorKind};

use serde_json::Value;

/// The operations a configuration can be checked for. A delete reads the detach shape but is
/// its own operation: its diagnostics speak of deleting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Operation {
    /// Create a new AKS cluster as an inference compute.
    Create,
    /// Attach an existing AKS cluster.
    Attach,
    /// Update a compute.
    Update,
    /// Detach a compute, keeping the cluster (or deleting it, as the configuration's `action` says).
    Detach,
    /// Delete a compute and, when Azure ML created it, its cluster.
    Delete,
}

impl Operation {
    /// Every operation.
    pub const ALL: [Operation; 5] = [Operation::Create, Operation::Attach, Operation::Update, Operation::Detach, Operation::Delete];

    /// `create`, `attach`, `update`, `detach`, `delete`.
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Create => "create",
            Operation::Attach => "attach",
            Operation::Update => "update",
            Operation::Detach => "detach",
            Operation::Delete => "delete",
        }
    }

    /// The shape its configuration has.
    pub fn shape(self) -> schema::Shape {
        match self {
            Operation::Create => schema::Shape::Create,
            Operation::Attach => schema::Shape::Attach,
            Operation::Update => schema::Shape::Update,
            Operation::Detach | Operation::Delete => schema::Shape::Detach,
        }
    }
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Operation {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Operation::ALL
            .into_iter()
            .find(|o| o.as_str() == s)
            .ok_or_else(|| format!("unknown operation {:?}: use create, attach, update, detach or delete", text::clip(s, 40)))
    }
}

/// Validates JSON values of the configuration and context shapes (`schemas/*.schema.json`).
pub fn validate_value(op: Operation, config: &Value, context: Option<&Value>) -> Result<Validation, ConfigError> {
    let ctx = match context {
        Some(c) => Context::from_value(c),
        None => Ok(Context::default()),
    };
    let (ctx, cfg_err) = match ctx {
        Ok(c) => (c, None),
        Err(e) => (Context::default(), Some(e)),
    };
    let result = match op {
        Operation::Create => CreateConfig::from_value(config).map(|c| validate_create(&c, &ctx)),
        Operation::Attach => AttachConfig::from_value(config).map(|c| validate_attach(&c, &ctx)),
        Operation::Update => UpdateConfig::from_value(config).map(|c| validate_update(&c, &ctx)),
        Operation::Detach => DetachConfig::from_value(config).map(|c| validate_detach(&c, &ctx)),
        Operation::Delete => {
            DetachConfig::from_value(config).map(|c| validate_detach(&DetachConfig { action: UnderlyingAction::Delete, ..c }, &ctx))
        }
    };
    // Shape errors speak the context's language too, read straight from the JSON so that it
    // works when the context itself has problems.
    let locale = locale::Locale::new(context.and_then(|c| c.get("locale")).and_then(Value::as_str));
    let result = result.map_err(|mut e| {
        e.localize(&locale);
        e
    });
    let cfg_err = cfg_err.map(|mut e| {
        e.localize(&locale);
        e
    });
    // Report the problems of both inputs together: nothing is lost by stopping early.
    match (result, cfg_err) {
        (Ok(v), None) => Ok(v),
        (Ok(_), Some(e)) => Err(e),
        (Err(e), None) => Err(e),
        (Err(mut e), Some(ce)) => {
            e.errors.extend(ce.errors.into_iter().map(|mut x| {
                x.path = Path(std::iter::once(PathSeg::from("context")).chain(x.path.0).collect());
                x
            }));
            Err(e)
        }
    }
}

/// Validates JSON texts of the configuration and context shapes.
pub fn validate_json(op: Operation, config: &str, context: Option<&str>) -> Result<Validation, ConfigError> {
    let cfg: Value = serde_json::from_str(config).map_err(|e| ConfigError::syntax("config", &e))?;
    let ctx: Option<Value> = match context {
        Some(c) => Some(serde_json::from_str(c).map_err(|e| ConfigError::syntax("context", &e))?),
        None => None,
    };
    validate_value(op, &cfg, ctx.as_ref())
}
