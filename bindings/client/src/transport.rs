//! One request on the wire and its repeats: the bearer header, no redirects, a capped body,
//! and retries as far as repeating the request is safe.
use crate::error::Cause;
use crate::{log, parse_retry_after, Client, ClientError};
use akscompute::request::{Method, Request};
use serde_json::Value;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// An answer, with headers lower-cased.
#[derive(Clone, Debug)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// Every header, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body as JSON; a body that is not JSON is a string, an empty one null.
    pub body: Value,
    /// The body's length in bytes, as read: what the answer counted against
    /// [`crate::Limits::max_body`].
    pub body_len: usize,
}

impl Answer {
    /// A header by name, in any case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    /// The ARM error this answer carries.
    pub(crate) fn arm_error(&self) -> ClientError {
        let e = akscompute::response::ArmError::from_json(&self.body);
        ClientError::Arm {
            status: self.status,
            code: e.as_ref().map(|e| e.code.clone()).unwrap_or_default(),
            message: e.map(|e| e.message).unwrap_or_default(),
        }
    }
}

/// What a repeat of a request risks.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Repeat {
    /// GET, DELETE, an update PUT: the same request twice has the effect of once.
    Safe,
    /// A create or attach PUT: only a refusal the server made before acting (429) may be repeated.
    Once,
}

/// Why one attempt gave no answer to use.
pub(crate) enum Failed {
    /// The network failed; `maybe_sent` unless the connection was never made.
    Net { error: reqwest::Error, maybe_sent: bool },
    /// An answer that must not be used or retried (a redirect, a body over the limit).
    Stop(ClientError),
}

/// When a wait must end, and when it began (for the error).
#[derive(Clone, Copy)]
pub(crate) struct Deadline {
    pub(crate) start: Instant,
    pub(crate) end: Instant,
    /// A list's time limit, not an operation's wait: the error says which.
    pub(crate) list: bool,
}

impl Deadline {
    /// `Err` when sleeping `pause` would pass the deadline.
    pub(crate) fn allows(&self, pause: Duration) -> Result<(), ClientError> {
        let now = Instant::now();
        if now.checked_add(pause).is_none_or(|t| t > self.end) {
            let waited = now.saturating_duration_since(self.start);
            return Err(if self.list { ClientError::ListTimeout { waited } } else { ClientError::Timeout { waited } });
        }
        Ok(())
    }
}

impl Deadline {
    /// The time left until the deadline (zero once past).
    pub(crate) fn left(&self) -> Duration {
        self.end.saturating_duration_since(Instant::now())
    }
}

/// Removes the bearer token from what a server sends back.
struct Redact<'a>(&'a str);

impl Redact<'_> {
    const SHOWN: &'static str = "<redacted>";

    /// `text` with every occurrence of the token replaced.
    fn text(&self, text: &str) -> String {
        if self.0.is_empty() {
            return text.to_string();
        }
        text.replace(self.0, Self::SHOWN)
    }

    /// `body` with every occurrence of the token replaced; linear in the body's length (a
    /// hostile body may be built to be slow to search).
    fn bytes(&self, body: Vec<u8>) -> Vec<u8> {
        let needle = self.0.as_bytes();
        if needle.is_empty() || memchr::memmem::find(&body, needle).is_none() {
            return body;
        }
        let mut out = Vec::with_capacity(body.len());
        let mut at = 0;
        for i in memchr::memmem::find_iter(&body, needle) {
            if i >= at {
                out.extend_from_slice(&body[at..i]);
                out.extend_from_slice(Self::SHOWN.as_bytes());
                at = i + needle.len();
            }
        }
        out.extend_from_slice(&body[at..]);
        out
    }

    /// `value` with the token replaced in every string and key: a server may JSON-escape a
    /// character of the token (`\u0065yJ…`), which the raw bytes do not show.
    fn value(&self, value: &mut Value) {
        match value {
            Value::String(s) if s.contains(self.0) => *s = self.text(s),
            Value::Array(items) => items.iter_mut().for_each(|v| self.value(v)),
            Value::Object(map) if map.keys().any(|k| k.contains(self.0)) => {
                *map = std::mem::take(map)
                    .into_iter()
                    .map(|(k, mut v)| {
                        self.value(&mut v);
                        (self.text(&k), v)
                    })
                    .collect();
            }
            Value::Object(map) => map.values_mut().for_each(|v| self.value(v)),
            _ => {}
        }
    }

    /// A header's value without the token, raw or percent-encoded (`%65yJ…` in a URL). A
    /// value that holds the token only once decoded is shown decoded, with the token replaced.
    fn header(&self, text: &str) -> String {
        if self.0.is_empty() {
            return text.to_string();
        }
        let decoded = percent_encoding::percent_decode_str(text).decode_utf8_lossy();
        if decoded.contains(self.0) {
            self.text(&decoded)
        } else {
            self.text(text)
        }
    }
}

impl Client {
    async fn send_once(&self, r: &Request, attempt: u32, client_request_id: &str, deadline: Option<Deadline>) -> Result<Answer, Failed> {
        self.stats.requests.fetch_add(1, Ordering::Relaxed);
        let scope = self.options.cloud.scope();
        let token = self.tokens.fetch(&scope).await.map_err(Failed::Stop)?;
        let method = match r.method {
            Method::Get => reqwest::Method::GET,
            Method::Put => reqwest::Method::PUT,
            Method::Post => reqwest::Method::POST,
            Method::Delete => reqwest::Method::DELETE,
        };
        log::request(r, attempt, client_request_id);
        let mut b = self
            .http
            .request(method, &r.url)
            .header("Authorization", format!("Bearer {}", token.expose()))
            .header("x-ms-client-request-id", client_request_id)
            // From connecting to the body's last byte: a server dripping its answer holds an
            // attempt no longer than this, nor past the wait's deadline.
            .timeout(deadline.map_or(self.limits.max_time, |d| d.left().min(self.limits.max_time)));
        for (k, v) in r.headers() {
            b = b.header(k, v);
        }
        if let Some(body) = r.body() {
            b = b.body(body.to_string());
        } else if r.method == Method::Post {
            b = b.header("Content-Length", "0");
        }
        // reqwest's errors name the URL, never the headers: the token stays out of them.
        let sent = Instant::now();
        let mut resp = b.send().await.map_err(|error| {
            let maybe_sent = !error.is_connect();
            log::no_answer(&error.to_string(), sent.elapsed(), maybe_sent);
            Failed::Net { maybe_sent, error }
        })?;
        let status = resp.status().as_u16();
        // A server (or a proxy) may echo the token back, in a message or a header: everything
        // it sends loses the token before it can reach an error, a log line or the caller.
        let secret = Redact(token.expose());
        if (300..400).contains(&status) {
            let location =
                resp.headers().get("location").map(|v| secret.header(&String::from_utf8_lossy(v.as_bytes()))).unwrap_or_default();
            return Err(Failed::Stop(ClientError::Redirect { status, location: location.chars().take(200).collect() }));
        }
        let headers: Vec<(String, String)> =
            resp.headers().iter().map(|(k, v)| (k.as_str().to_ascii_lowercase(), secret.header(v.to_str().unwrap_or_default()))).collect();
        log::answer(status, sent.elapsed(), &headers);
        let limit = self.limits.max_body;
        let too_large = || Failed::Stop(ClientError::TooLarge { limit });
        if resp.content_length().is_some_and(|n| n > limit as u64) {
            return Err(too_large());
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(|error| {
            log::no_answer(&error.to_string(), sent.elapsed(), true);
            Failed::Net { maybe_sent: true, error }
        })? {
            if bytes.len() + chunk.len() > limit {
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }
        let body_len = bytes.len();
        let bytes = secret.bytes(bytes);
        let mut body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()))
        };
        secret.value(&mut body);
        Ok(Answer { status, headers, body, body_len })
    }

    /// Sends with retries as far as `repeat` allows. For `Repeat::Once`, a 5xx or a lost answer
    /// ends in `Err(Transport)` or the 5xx answer, for the caller to reconcile.
    pub(crate) async fn send(&self, r: &Request, repeat: Repeat) -> Result<Answer, ClientError> {
        self.send_tracked(r, repeat, None, &mut false).await
    }

    /// [`Client::send`], never sleeping past `deadline`, and setting `reached` when an attempt
    /// may have reached the service without its answer coming back (a lost answer, a 5xx).
    pub(crate) async fn send_tracked(
        &self,
        r: &Request,
        repeat: Repeat,
        deadline: Option<Deadline>,
        reached: &mut bool,
    ) -> Result<Answer, ClientError> {
        // The last network error: the final error keeps it as its source.
        let mut last: Option<reqwest::Error> = None;
        let client_request_id = log::client_request_id();
        for attempt in 0..self.retry.max_attempts {
            if attempt > 0 {
                self.stats.retries.fetch_add(1, Ordering::Relaxed);
            }
            let (pause, reason) = match self.send_once(r, attempt + 1, &client_request_id, deadline).await {
                Ok(a) if a.status == 429 || (a.status >= 500 && repeat == Repeat::Safe) => {
                    *reached |= a.status >= 500;
                    if attempt + 1 >= self.retry.max_attempts {
                        return Ok(a);
                    }
                    (self.retry.delay(attempt, parse_retry_after(a.header("retry-after"))), format!("{} from {}", a.status, r))
                }
                Ok(a) => return Ok(a),
                Err(Failed::Stop(e)) => return Err(e),
                Err(Failed::Net { error, maybe_sent }) => {
                    *reached |= maybe_sent;
                    if repeat != Repeat::Safe {
                        return Err(ClientError::no_answer(r, 1, Some(error.into())));
                    }
                    let reason = error.to_string();
                    last = Some(error);
                    if attempt + 1 >= self.retry.max_attempts {
                        break;
                    }
                    (self.retry.delay(attempt, None), reason)
                }
            };
            if let Some(d) = deadline {
                d.allows(pause)?;
            }
            log::retry(r, attempt + 2, &reason, pause);
            tokio::time::sleep(pause).await;
        }
        Err(ClientError::no_answer(r, self.retry.max_attempts, last.map(Cause::from)))
    }
}
