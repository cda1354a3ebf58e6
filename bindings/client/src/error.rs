//! What can go wrong, as one error type whose variants the bindings map to exit codes and
//! exceptions. A write whose outcome is unknown is its own variant, never a failure.
use akscompute::request::RequestError;
use akscompute::response::ResponseError;
use akscompute::Validation;
use std::time::Duration;

/// What can go wrong.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The rules refuse the configuration (every diagnostic inside); nothing was sent.
    #[error("the configuration is refused: {}", refusals(.0))]
    Invalid(Validation),
    /// A compute of this name exists already: create is not idempotent.
    #[error("a compute named {name} already exists: create is not idempotent, so nothing was sent")]
    AlreadyExists {
        /// The compute's name.
        name: String,
    },
    /// The cluster is attached already, under another name.
    #[error("{cluster} is already attached as {existing}: attaching it again would break that attachment")]
    AlreadyAttached {
        /// The cluster's ARM ID.
        cluster: String,
        /// The name it is attached under.
        existing: String,
    },
    /// No such compute.
    #[error("no compute named {name}")]
    NotFound {
        /// The compute's name.
        name: String,
    },
    /// The request could not be built.
    #[error("cannot build the request: {0}")]
    Request(#[source] RequestError),
    /// ARM answered with an error.
    #[error("ARM answered {status} {code}: {message}")]
    Arm {
        /// The HTTP status.
        status: u16,
        /// ARM's error code (empty when the body had none).
        code: String,
        /// ARM's error message.
        message: String,
    },
    /// The answer was not what ARM sends.
    #[error("{0}")]
    Response(#[source] ResponseError),
    /// The network failed and the request could not safely be repeated, or retries ran out.
    #[error("network: {0}")]
    Transport(String),
    /// The operation finished without success.
    #[error("the operation ended {status}: {code}: {message}")]
    OperationFailed {
        /// The terminal status (Failed, Canceled).
        status: String,
        /// The operation's error code.
        code: String,
        /// The operation's error message.
        message: String,
    },
    /// Waiting took longer than the poll policy's timeout.
    #[error("gave up waiting after {:.0} s", .waited.as_secs_f64())]
    Timeout {
        /// How long the wait lasted.
        waited: Duration,
    },
    /// The token provider failed.
    #[error("no token: {0}")]
    Token(String),
    /// The server answered with a redirect, which is never followed (the body is not re-sent).
    #[error(
        "the server answered {status}, a redirect to {location:?}: ARM does not redirect these calls, so it is not followed and nothing was sent there"
    )]
    Redirect {
        /// The 3xx status.
        status: u16,
        /// The `Location` header, cut to 200 characters.
        location: String,
    },
    /// An answer's body is longer than [`crate::Limits::max_body`]; reading stopped there.
    #[error("the answer is longer than {limit} bytes: reading stopped there (ARM's answers are far smaller)")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// A list has more pages than [`crate::Limits::max_pages`].
    #[error("the list goes on past {limit} pages: stopped there (a workspace holds far fewer computes)")]
    TooManyPages {
        /// The limit in pages.
        limit: usize,
    },
    /// A list's `nextLink` points at a page already read: following it would never end.
    #[error("the list's nextLink {link:?} points at a page already read: stopped there")]
    LinkLoop {
        /// The repeated link, cut to 200 characters.
        link: String,
    },
    /// The service asked to wait (`Retry-After`) longer than the time left before the deadline.
    #[error(
        "the service asks to wait {:.0} s (Retry-After), longer than the {:.0} s left before the deadline: stopped waiting; the operation goes on, so look at it later or wait longer",
        .retry_after.as_secs_f64(),
        .left.as_secs_f64()
    )]
    RetryAfterBeyondDeadline {
        /// What the service asked for.
        retry_after: Duration,
        /// What was left before the deadline.
        left: Duration,
    },
    /// A write may have reached the service, but every later request failed, so whether it was
    /// applied is not known. Not a failure: look at the compute (show, list) before repeating.
    #[error(
        "the {operation} of {name} may have been applied: the request reached the service, but its answer was lost and every later request failed ({cause}); look at the compute (show {name}, or list) before trying again"
    )]
    OutcomeUnknown {
        /// create, attach, update, delete or detach.
        operation: &'static str,
        /// The compute's name.
        name: String,
        /// What the last request met.
        cause: String,
    },
}

impl ClientError {
    /// A stable code: invalid, already_exists, already_attached, not_found, request, arm,
    /// response, transport, operation_failed, timeout, token, redirect, too_large,
    /// too_many_pages, link_loop, retry_after_beyond_deadline, outcome_unknown.
    pub fn code(&self) -> &'static str {
        match self {
            ClientError::Invalid(_) => "invalid",
            ClientError::AlreadyExists { .. } => "already_exists",
            ClientError::AlreadyAttached { .. } => "already_attached",
            ClientError::NotFound { .. } => "not_found",
            ClientError::Request(_) => "request",
            ClientError::Arm { .. } => "arm",
            ClientError::Response(_) => "response",
            ClientError::Transport(_) => "transport",
            ClientError::OperationFailed { .. } => "operation_failed",
            ClientError::Timeout { .. } => "timeout",
            ClientError::Token(_) => "token",
            ClientError::Redirect { .. } => "redirect",
            ClientError::TooLarge { .. } => "too_large",
            ClientError::TooManyPages { .. } => "too_many_pages",
            ClientError::LinkLoop { .. } => "link_loop",
            ClientError::RetryAfterBeyondDeadline { .. } => "retry_after_beyond_deadline",
            ClientError::OutcomeUnknown { .. } => "outcome_unknown",
        }
    }

    /// True when a write may or may not have been applied ([`ClientError::OutcomeUnknown`]):
    /// the caller must look before repeating it, unlike after a failure.
    pub fn is_outcome_unknown(&self) -> bool {
        matches!(self, ClientError::OutcomeUnknown { .. })
    }
}

/// The refusing diagnostics, one clause each.
fn refusals(v: &Validation) -> String {
    let errors: Vec<String> = v.of(akscompute::Severity::Error).map(|d| format!("{} at {}: {}", d.code, d.path, d.message())).collect();
    errors.join("; ")
}

impl From<RequestError> for ClientError {
    fn from(e: RequestError) -> Self {
        ClientError::Request(e)
    }
}

impl From<ResponseError> for ClientError {
    fn from(e: ResponseError) -> Self {
        ClientError::Response(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error;

    #[test]
    fn the_causes_of_request_and_response_errors_are_kept() {
        let e = ClientError::from(ResponseError { what: "compute", path: "properties".into(), message: "not an object".into() });
        let source = e.source().map(|s| s.to_string());
        assert_eq!(source, Some(ResponseError { what: "compute", path: "properties".into(), message: "not an object".into() }.to_string()));
        let cloud = akscompute::request::Cloud::Custom("http://example.com".into());
        let request = cloud.check().err().map(ClientError::from);
        assert!(request.as_ref().and_then(|e| e.source()).is_some(), "{request:?}");
    }

    #[test]
    fn an_unknown_outcome_is_not_a_failure() {
        let e = ClientError::OutcomeUnknown { operation: "create", name: "a".into(), cause: "reset".into() };
        assert!(e.is_outcome_unknown());
        assert_eq!(e.code(), "outcome_unknown");
        assert!(!ClientError::Transport("reset".into()).is_outcome_unknown());
    }
}
