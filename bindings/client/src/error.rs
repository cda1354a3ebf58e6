//! What can go wrong, as one error type whose variants the bindings map to exit codes and
//! exceptions. A write whose outcome is unknown is its own variant, never a failure.
use akscompute::request::RequestError;
use akscompute::response::ResponseError;
use akscompute::Validation;
use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

/// The error underneath a [`ClientError::Transport`] or [`ClientError::Token`]: reqwest's, an
/// I/O error, or whatever a token provider met. Reached through [`std::error::Error::source`].
pub type Cause = Box<dyn StdError + Send + Sync + 'static>;

/// What can go wrong. More may: a match needs a `_` arm.
///
/// ```compile_fail
/// fn exit_code(e: &akscompute_client::ClientError) -> u8 {
///     use akscompute_client::ClientError as E;
///     match e {
///         E::Invalid(_) | E::AlreadyExists { .. } | E::AlreadyAttached { .. } | E::NotFound { .. } => 1,
///         E::Request(_) | E::Arm { .. } | E::Response(_) | E::Transport { .. } | E::OperationFailed { .. } => 2,
///         E::Timeout { .. } | E::ListTimeout { .. } | E::Token { .. } | E::Redirect { .. } | E::TooLarge { .. } => 3,
///         E::TooManyPages { .. } => 3,
///         E::LinkLoop { .. } | E::RetryAfterBeyondDeadline { .. } | E::OutcomeUnknown { .. } => 4,
///     }
/// }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
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
    /// The network failed and the request could not safely be repeated, or retries ran out;
    /// or (`attempts` 0) the HTTP stack could not be set up.
    #[error("network: {what}{}", no_answer(*.attempts))]
    Transport {
        /// What failed: the request (`GET https://…`), or what could not be set up.
        what: String,
        /// How many times the request went without an answer; 0 when it was never sent.
        attempts: u32,
        /// Why (reqwest's error, an I/O error); none when nothing underneath failed.
        #[source]
        source: Option<Cause>,
    },
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
    /// Waiting for an operation took longer than the poll policy's timeout.
    #[error("gave up waiting after {:.0} s", .waited.as_secs_f64())]
    Timeout {
        /// How long the wait lasted.
        waited: Duration,
    },
    /// Reading a list took longer than [`crate::Limits::max_list_time`]: reading stopped there.
    /// Its [`code`](ClientError::code) is `timeout`, as a wait's.
    #[error("the list was not read in full after {:.0} s: reading stopped there (a workspace's computes come in far less)", .waited.as_secs_f64())]
    ListTimeout {
        /// How long the list was read.
        waited: Duration,
    },
    /// The token provider failed.
    #[error("no token: {what}")]
    Token {
        /// What the provider could not do, and what to do about it.
        what: String,
        /// The credential's own error, if it gave one.
        #[source]
        source: Option<Cause>,
    },
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
    /// An answer's body, or a list's pages together, are longer than
    /// [`crate::Limits::max_body`]; reading stopped there.
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
        "the {operation} of {name} may have been applied: the request reached the service, but its answer was lost and every later request failed; look at the compute (show {name}, or list) before trying again"
    )]
    OutcomeUnknown {
        /// create, attach, update, delete or detach.
        operation: &'static str,
        /// The compute's name.
        name: String,
        /// What the last request met (a [`ClientError::Transport`]); `source()` gives it as a
        /// `Box<ClientError>`.
        #[source]
        cause: Box<ClientError>,
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
            ClientError::Transport { .. } => "transport",
            ClientError::OperationFailed { .. } => "operation_failed",
            ClientError::Timeout { .. } | ClientError::ListTimeout { .. } => "timeout",
            ClientError::Token { .. } => "token",
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

    /// True when a request got no answer that says anything about the resource: the network
    /// failed, or the service only refused to answer (429, 5xx) until the retries ran out.
    pub(crate) fn is_no_answer(&self) -> bool {
        matches!(self, ClientError::Transport { .. }) || matches!(self, ClientError::Arm { status, .. } if *status == 429 || *status >= 500)
    }

    /// A request that went `attempts` times without an answer; `source` is what the last
    /// attempt met, if the network said.
    pub fn no_answer(request: impl fmt::Display, attempts: u32, source: Option<Cause>) -> Self {
        ClientError::Transport { what: request.to_string(), attempts, source }
    }

    /// An HTTP stack (a client, a runtime) that could not be set up: nothing was sent.
    pub fn transport_setup(what: impl Into<String>, source: impl Into<Cause>) -> Self {
        ClientError::Transport { what: what.into(), attempts: 0, source: Some(source.into()) }
    }

    /// A token provider's failure, said in words (`run az login`).
    pub fn token(what: impl Into<String>) -> Self {
        ClientError::Token { what: what.into(), source: None }
    }

    /// A token provider's failure and the credential's own error.
    pub fn token_from(what: impl Into<String>, source: impl Into<Cause>) -> Self {
        ClientError::Token { what: what.into(), source: Some(source.into()) }
    }

    /// This error and every cause under it on one line (`a: b: c`), for a binding that shows
    /// one message: [`fmt::Display`] says only what failed, [`StdError::source`] why. A cause
    /// is cut at 2000 characters (an SDK's error may quote a tool's whole output), and one that
    /// only repeats the text before it is left out.
    pub fn report(&self) -> String {
        Report(self).to_string()
    }
}

/// [`ClientError::report`]'s text.
struct Report<'a>(&'a ClientError);

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MAX: usize = 2000;
        let mut last = self.0.to_string();
        f.write_str(&last)?;
        let mut next = self.0.source();
        while let Some(e) = next {
            let text: String = e.to_string().chars().take(MAX).collect();
            if !text.is_empty() && !last.contains(&text) {
                write!(f, ": {text}")?;
            }
            last = text;
            next = e.source();
        }
        Ok(())
    }
}

/// `: no answer after N attempts` for a request that was sent; nothing for a setup failure.
fn no_answer(attempts: u32) -> String {
    match attempts {
        0 => String::new(),
        1 => ": no answer".into(),
        n => format!(": no answer after {n} attempts"),
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
        let e = ClientError::from(ResponseError::new("compute", "properties", "not an object"));
        let source = e.source().map(|s| s.to_string());
        assert_eq!(source, Some(ResponseError::new("compute", "properties", "not an object").to_string()));
        let cloud = akscompute::request::Cloud::Custom("http://example.com".into());
        let request = cloud.check().err().map(ClientError::from);
        assert!(request.as_ref().and_then(|e| e.source()).is_some(), "{request:?}");
    }

    #[test]
    fn an_unknown_outcome_is_not_a_failure() {
        let e = ClientError::OutcomeUnknown {
            operation: "create",
            name: "a".into(),
            cause: Box::new(ClientError::no_answer("GET /x", 1, None)),
        };
        assert!(e.is_outcome_unknown());
        assert_eq!(e.code(), "outcome_unknown");
        assert!(!ClientError::no_answer("GET /x", 1, None).is_outcome_unknown());
    }
}
