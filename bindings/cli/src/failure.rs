//! What went wrong, by exit code. The codes are a contract (documented in `--help`):
//! 0 done, 1 the configuration has errors, 2 misuse, 3 not found, 4 the service or the network
//! failed (or a write's outcome is unknown).
use akscompute::ConfigError;
use akscompute_client::ClientError;

/// A failed run, with what to say on standard error.
#[derive(Debug)]
pub enum Failure {
    /// The configuration has at least one error; the diagnostics were printed already.
    Invalid,
    /// A bad option, an unreadable or oversized file, text that is not JSON, an unknown field.
    Misuse(String),
    /// No such compute (or workspace).
    NotFound(String),
    /// ARM refused or failed, or the network did.
    Service(String),
    /// A write may have reached the service, and what happened is not known.
    Unknown(String),
    /// Standard output was closed (`| head`): stop quietly, as Unix tools do.
    ClosedPipe,
}

impl Failure {
    /// The process exit code.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::ClosedPipe => 0,
            Failure::Invalid => 1,
            Failure::Misuse(_) => 2,
            Failure::NotFound(_) => 3,
            Failure::Service(_) | Failure::Unknown(_) => 4,
        }
    }

    /// The message for standard error, if any.
    pub fn message(&self) -> Option<&str> {
        match self {
            Failure::Invalid | Failure::ClosedPipe => None,
            Failure::Misuse(m) | Failure::NotFound(m) | Failure::Service(m) | Failure::Unknown(m) => Some(m),
        }
    }
}

/// The exit-status section of every `--help`.
pub const EXIT_STATUS: &str = "\
EXIT STATUS
  0  done (warnings and infos may be printed)
  1  the configuration has at least one error: nothing was sent
  2  misuse: a bad option, a file that cannot be read or is too large, text that is not JSON,
     an unknown field, no workspace given or found, no token
  3  not found: no compute of that name
  4  the service or the network failed, or a change was sent and its outcome is unknown
     (the message says how to see what happened: `akscompute show` or `list`)";

/// A shape error, one escaped line per problem (field values are outside input).
pub fn shape(e: &ConfigError) -> Failure {
    Failure::Misuse(shape_text(e))
}

/// The text of a shape error: every problem of the input, each on its own line, in the
/// chrome's language.
pub fn shape_text(e: &ConfigError) -> String {
    crate::chrome::get().shape_text(e)
}

/// A client error as an exit code; the diagnostics of a refusal are printed here.
pub fn client(e: ClientError) -> Failure {
    let text = crate::render::clean(&e.report()).into_owned();
    match e {
        ClientError::Invalid(v) => {
            crate::render::print_refusal(&v);
            Failure::Invalid
        }
        ClientError::AlreadyExists { .. } | ClientError::AlreadyAttached { .. } => {
            crate::out::error(&text);
            crate::out::error(crate::chrome::nothing_sent());
            Failure::Invalid
        }
        ClientError::NotFound { .. } => Failure::NotFound(text),
        ClientError::Token { .. } | ClientError::Request(_) => Failure::Misuse(text),
        // The change may have been applied: the client's message says how to see it.
        ClientError::OutcomeUnknown { name, .. } => Failure::Unknown(format!(
            "{text}\n{}",
            crate::chrome::say("ui.cli.outcome_hint", vec![("name", akscompute::Param::from(crate::render::clean(&name).into_owned()))])
        )),
        ClientError::Arm { .. }
        | ClientError::Redirect { .. }
        | ClientError::TooLarge { .. }
        | ClientError::TooManyPages { .. }
        | ClientError::LinkLoop { .. }
        | ClientError::RetryAfterBeyondDeadline { .. }
        | ClientError::Response(_)
        | ClientError::Transport { .. }
        | ClientError::OperationFailed { .. }
        | ClientError::Timeout { .. } => Failure::Service(text),
        // A kind of failure newer than this mapping: the service's side, as most are.
        _ => Failure::Service(text),
    }
}
