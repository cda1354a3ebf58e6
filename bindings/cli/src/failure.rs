//! What went wrong, by exit code. The codes are a contract (documented in `--help`):
//! 0 done, 1 the configuration has errors, 2 misuse, 3 not found, 4 the service or the network
//! failed (or a write's outcome is unknown).
use akscompute::{ConfigError, Param};
use akscompute_client::ClientError;
use std::error::Error as _;

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

/// A client error in the chrome's language (`ui.cli.client_*`), escaped: the client's own
/// fields fill the template; what came from outside (ARM's message, the network's error) is
/// quoted as it was.
pub fn client_text(e: &ClientError) -> String {
    let p = |v: &str| Param::from(v);
    let secs = |d: &std::time::Duration| Param::from(format!("{:.0}", d.as_secs_f64()));
    let say = crate::chrome::say;
    let text = match e {
        ClientError::AlreadyExists { name } => say("ui.cli.client_already_exists", vec![("name", p(name))]),
        ClientError::AlreadyAttached { cluster, existing } => {
            say("ui.cli.client_already_attached", vec![("cluster", p(cluster)), ("existing", p(existing))])
        }
        ClientError::NotFound { name } => say("ui.cli.no_compute", vec![("name", p(name))]),
        ClientError::Request(r) => crate::chrome::get().request_error(r),
        ClientError::Arm { status, code, message } => {
            say("ui.cli.client_arm", vec![("status", Param::from(u32::from(*status))), ("code", p(code)), ("message", p(message))])
        }
        ClientError::Response(r) => say("ui.cli.client_response", vec![("error", Param::from(r.to_string()))]),
        ClientError::Transport { what, attempts: 0, .. } => say("ui.cli.client_transport_setup", vec![("what", p(what))]),
        ClientError::Transport { what, attempts, .. } => {
            say("ui.cli.client_transport", vec![("request", p(what)), ("count", Param::from(*attempts))])
        }
        ClientError::OperationFailed { status, code, message } => say(
            "ui.cli.client_operation_failed",
            vec![("status", Param::from(status_word(status))), ("code", p(code)), ("message", p(message))],
        ),
        ClientError::Timeout { waited } => say("ui.cli.client_timeout", vec![("seconds", secs(waited))]),
        ClientError::ListTimeout { waited } => say("ui.cli.client_list_timeout", vec![("seconds", secs(waited))]),
        ClientError::Token { what, .. } => say("ui.cli.client_token", vec![("what", p(what))]),
        ClientError::Redirect { status, location } => say(
            "ui.cli.client_redirect",
            vec![("status", Param::from(u32::from(*status))), ("location", Param::from(format!("{location:?}")))],
        ),
        ClientError::TooLarge { limit } => say("ui.cli.client_too_large", vec![("limit", Param::from(*limit))]),
        ClientError::TooManyPages { limit } => say("ui.cli.client_too_many_pages", vec![("limit", Param::from(*limit))]),
        ClientError::LinkLoop { link } => say("ui.cli.client_link_loop", vec![("link", Param::from(format!("{link:?}")))]),
        ClientError::RetryAfterBeyondDeadline { retry_after, left } => {
            say("ui.cli.client_retry_after", vec![("asked", secs(retry_after)), ("left", secs(left))])
        }
        ClientError::OutcomeUnknown { operation, name, cause } => say(
            "ui.cli.client_outcome_unknown",
            vec![("operation", p(operation)), ("name", p(name)), ("cause", Param::from(client_text(cause)))],
        ),
        // A refusal is printed as its diagnostics; a kind newer than this mapping, as the client says it.
        _ => return crate::render::clean(&e.report()).into_owned(),
    };
    // The causes underneath (reqwest's, a credential's) come from outside: quoted as they are.
    let mut text = text;
    if !matches!(e, ClientError::OutcomeUnknown { .. }) {
        let mut next = e.source();
        while let Some(cause) = next {
            let said: String = cause.to_string().chars().take(2000).collect();
            if !said.is_empty() && !text.contains(&said) {
                text.push_str(": ");
                text.push_str(&said);
            }
            next = cause.source();
        }
    }
    crate::render::clean(&text).into_owned()
}

/// An operation's status as the chrome says it (`Succeeded`, `geslaagd`, …); one ARM has not
/// documented stays as ARM wrote it.
pub fn status_word(status: &str) -> String {
    let key = match status.to_ascii_lowercase().as_str() {
        "inprogress" => "ui.cli.status_in_progress",
        "succeeded" => "ui.cli.status_succeeded",
        "failed" => "ui.cli.status_failed",
        "canceled" | "cancelled" => "ui.cli.status_canceled",
        _ => return status.to_string(),
    };
    crate::chrome::say(key, Vec::new())
}

/// A client error as an exit code; the diagnostics of a refusal are printed here.
pub fn client(e: ClientError) -> Failure {
    let text = client_text(&e);
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
        // The change may have been applied: the client's message says how to see it.
        ClientError::OutcomeUnknown { ref name, .. } => Failure::Unknown(format!(
            "{text}\n{}",
            crate::chrome::say("ui.cli.outcome_hint", vec![("name", akscompute::Param::from(crate::render::clean(name).into_owned()))])
        )),
        e => client_as(&e, text),
    }
}

/// The exit code a client error stands for, with `text` as its message (a caller's own words
/// around the client's): the same classes [`client`] gives, nothing printed.
pub fn client_as(e: &ClientError, text: String) -> Failure {
    match e {
        ClientError::NotFound { .. } => Failure::NotFound(text),
        ClientError::Token { .. }
        | ClientError::Request(_)
        | ClientError::Invalid(_)
        | ClientError::AlreadyExists { .. }
        | ClientError::AlreadyAttached { .. } => Failure::Misuse(text),
        ClientError::OutcomeUnknown { .. } => Failure::Unknown(text),
        ClientError::Arm { .. }
        | ClientError::Redirect { .. }
        | ClientError::TooLarge { .. }
        | ClientError::TooManyPages { .. }
        | ClientError::LinkLoop { .. }
        | ClientError::RetryAfterBeyondDeadline { .. }
        | ClientError::Response(_)
        | ClientError::Transport { .. }
        | ClientError::OperationFailed { .. }
        | ClientError::Timeout { .. }
        | ClientError::ListTimeout { .. } => Failure::Service(text),
        // A kind of failure newer than this mapping: the service's side, as most are.
        _ => Failure::Service(text),
    }
}
