//! The client: its HTTP stack, token provider, policies and counters. What it sends is in
//! `transport`, what it does in `read`, `write` and `wait`.
use crate::{tls, ClientError, PollPolicy, RetryPolicy, TokenProvider};
use akscompute::request::Options;
use akscompute::Context;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Counts of what the client did (for reports).
#[derive(Debug, Default)]
pub struct Stats {
    /// Requests sent, retries included.
    pub requests: AtomicU64,
    /// Attempts after the first.
    pub retries: AtomicU64,
    /// Lost create or attach answers settled by a GET.
    pub reconciliations: AtomicU64,
}

/// How much a server may make the client read.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Bytes of one answer's body (32 MiB: a full page of computes is well under 1 MiB), and
    /// of all the pages of one list together: a server that pages without end under the cap
    /// of each page must not make the client read and hold `max_pages` times as much.
    pub max_body: usize,
    /// Pages of one list.
    pub max_pages: usize,
    /// How long one attempt may take, from connecting to the body's last byte (120 s): a server
    /// that drips its answer a byte at a time holds an attempt no longer. A wait's requests
    /// also end at the wait's deadline.
    pub max_time: Duration,
    /// How long one list may take, all its pages and their repeats together (10 min): a server
    /// that pages without end, each page slow but in time, ends there; the page in flight
    /// ends at it too. A list past it ends in [`crate::ClientError::ListTimeout`].
    pub max_list_time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_body: 32 << 20, max_pages: 1000, max_time: Duration::from_secs(120), max_list_time: Duration::from_secs(600) }
    }
}

/// The async client. Cheap to clone; one per workspace and cloud is typical.
#[derive(Clone)]
pub struct Client {
    pub(crate) http: reqwest::Client,
    pub(crate) tokens: Arc<dyn TokenProvider>,
    /// The cloud, api-version and profile every request is built with.
    pub options: Options,
    /// When to repeat a request that is safe to repeat.
    pub retry: RetryPolicy,
    /// How waiting for an operation goes.
    pub poll: PollPolicy,
    /// How much a server may make the client read.
    pub limits: Limits,
    /// What the client did so far.
    pub stats: Arc<Stats>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Client({}, api-version {}, tokens: <redacted>)", self.options.cloud.endpoint(), self.options.api_version)
    }
}

impl Client {
    /// Refuses an endpoint the token must not travel to (plain http off loopback) before
    /// anything is sent.
    pub fn new(options: Options, tokens: Arc<dyn TokenProvider>) -> Result<Self, ClientError> {
        options.cloud.check()?;
        tls::ensure_provider();
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(20))
            .timeout(Duration::from_secs(120))
            .user_agent(concat!("akscompute/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ClientError::transport_setup("cannot set up the HTTP client", e))?;
        Ok(Client {
            http,
            tokens,
            options,
            retry: RetryPolicy::default(),
            poll: PollPolicy::default(),
            limits: Limits::default(),
            stats: Arc::default(),
        })
    }

    /// The caller's context with this client's profile.
    pub(crate) fn ctx(&self, ctx: &Context) -> Context {
        let mut ctx = ctx.clone();
        ctx.profile = self.options.profile;
        ctx
    }

    /// Requests sent so far (retries included).
    pub fn requests_sent(&self) -> u64 {
        self.stats.requests.load(Ordering::Relaxed)
    }
}
