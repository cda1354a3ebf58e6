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
#![deny(missing_docs)]

pub mod capacity;
pub mod cluster;
pub mod config;
pub mod context;
pub mod diagnostic;
pub mod dns;
mod document;
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
pub use rules::{
    validate_attach, validate_attach_at_least, validate_create, validate_create_at_least, validate_detach, validate_update,
    validate_update_at_least,
};
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
            .ok_or_else(|| format!("unknown operation {}: use create, attach, update, detach or delete", text::quoted(&text::clip(s, 40))))
    }
}

/// Validates JSON values of the configuration and context shapes (`schemas/*.schema.json`).
pub fn validate_value(op: Operation, config: &Value, context: Option<&Value>) -> Result<Validation, ConfigError> {
    validate_input(op, config, context)
}

/// Validates JSON texts of the configuration and context shapes. The texts are read straight
/// into the typed shapes, with no JSON value in between.
pub fn validate_json(op: Operation, config: &str, context: Option<&str>) -> Result<Validation, ConfigError> {
    validate_input(op, config, context)
}

/// A context read from its JSON text once, to validate many configurations against: a form
/// re-sends the same context on every keystroke, and a binding that keeps the last one read
/// (keyed by its exact text) skips reading it again. It holds what reading gave, problems
/// included, so that [`validate_json_in`] answers exactly as [`validate_json`] does with the text.
///
/// ```
/// use akscompute::{validate_json, validate_json_in, Operation, ReadContext};
/// let (cfg, ctx) = (r#"{"name": "myaks", "agent_count": 2}"#, r#"{"profile": "2021-11", "bogus": 1}"#);
/// let read = ReadContext::from_json(ctx);
/// assert_eq!(validate_json_in(Operation::Create, cfg, &read), validate_json(Operation::Create, cfg, Some(ctx)));
/// let ok = ReadContext::from_json(r#"{"profile": "2021-11"}"#);
/// assert_eq!(validate_json_in(Operation::Create, cfg, &ok), validate_json(Operation::Create, cfg, Some(r#"{"profile": "2021-11"}"#)));
/// ```
#[derive(Clone, Debug)]
pub struct ReadContext(Result<(Context, Vec<ShapeError>), ConfigError>);

impl ReadContext {
    /// Reads a context's JSON text (`null` is an empty context), keeping its problems for later.
    pub fn from_json(text: &str) -> Self {
        ReadContext(shape::read_input::<Context>(text, "context", true))
    }
}

/// As [`validate_json`], with the context already read ([`ReadContext::from_json`]).
pub fn validate_json_in(op: Operation, config: &str, context: &ReadContext) -> Result<Validation, ConfigError> {
    dispatch(op, config, ContextInput::Read(context))
}

/// Generic over the input's kind, so that each entry point holds only its own reader.
fn validate_input<I: shape::Input>(op: Operation, config: I, context: Option<I>) -> Result<Validation, ConfigError> {
    dispatch(op, config, context.map_or(ContextInput::None, ContextInput::Unread))
}

/// The context as a validation is given it: none, an input not read yet (read only once the
/// configuration has been: a configuration that is not JSON stops before it), or read already.
enum ContextInput<'a, I> {
    None,
    Unread(I),
    Read(&'a ReadContext),
}

fn dispatch<I: shape::Input>(op: Operation, config: I, context: ContextInput<'_, I>) -> Result<Validation, ConfigError> {
    match op {
        Operation::Create => check::<CreateConfig, I>(config, context, validate_create),
        Operation::Attach => check::<AttachConfig, I>(config, context, validate_attach),
        Operation::Update => check::<UpdateConfig, I>(config, context, validate_update),
        Operation::Detach => check::<DetachConfig, I>(config, context, validate_detach),
        Operation::Delete => check::<DetachConfig, I>(config, context, |c, ctx| {
            validate_detach(&DetachConfig { action: UnderlyingAction::Delete, ..c.clone() }, ctx)
        }),
    }
}

/// Reads the configuration (a text that is not JSON stops there, before the context's), then
/// validates, or reports the shape problems of both inputs together: nothing is lost by
/// stopping early.
fn check<T: shape::Object, I: shape::Input>(
    config: I,
    context: ContextInput<'_, I>,
    validate: fn(&T, &Context) -> Validation,
) -> Result<Validation, ConfigError> {
    // Both inputs are read where they stay: moved out of the reader, each would be copied.
    let mut cfg = T::default();
    let cfg_errors = shape::read_input_into(config, "config", false, &mut cfg)?;
    let mut own;
    let own_errors;
    let (ctx, ctx_errors) = match context {
        ContextInput::Read(ReadContext(Ok((c, e)))) => (c, e.as_slice()),
        ContextInput::Read(ReadContext(Err(e))) => return Err(e.clone()),
        ContextInput::Unread(input) => {
            own = Context::default();
            own_errors = shape::read_input_into(input, "context", true, &mut own)?;
            (&own, own_errors.as_slice())
        }
        ContextInput::None => {
            own = Context::default();
            (&own, [].as_slice())
        }
    };
    if cfg_errors.is_empty() && ctx_errors.is_empty() {
        return Ok(validate(&cfg, ctx));
    }
    Err(shape_errors(cfg_errors, ctx, ctx_errors))
}

/// The shape problems of both inputs as one error. Not inlined: one copy for every operation
/// (the browser's module holds `check` once per configuration type).
#[inline(never)]
fn shape_errors(cfg_errors: Vec<ShapeError>, ctx: &Context, ctx_errors: &[ShapeError]) -> ConfigError {
    let ctx_errors = ctx_errors.to_vec();
    // Shape errors speak the context's language too, read from what of the context could be
    // read, so that it works when the context itself has problems.
    let locale = locale::Locale::new(ctx.locale.as_deref());
    let errors = if cfg_errors.is_empty() {
        let mut e = ConfigError { input: "context", errors: ctx_errors };
        e.localize(&locale);
        return e;
    } else {
        let mut errors = cfg_errors;
        errors.extend(ctx_errors.into_iter().map(|mut x| {
            x.path = Path(std::iter::once(PathSeg::from("context")).chain(x.path.0).collect());
            x
        }));
        errors
    };
    let mut e = ConfigError { input: "config", errors };
    e.localize(&locale);
    e
}
