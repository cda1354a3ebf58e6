//! # akscompute-client
//!
//! Sends the requests the core builds: create, attach, update, detach and delete an AKS
//! compute, wait for the operation, and read computes, kubeconfigs, clusters and versions.
//!
//! - Every configuration is validated by the core first; errors come back as
//!   [`ClientError::Invalid`] with every diagnostic, before anything is sent.
//! - Requests that are safe to repeat (GET, DELETE, an update PUT) are retried with backoff and
//!   jitter on 429, 5xx and dropped connections, honouring `Retry-After`.
//! - Create is not idempotent (rule OPS001): a create whose answer was lost is reconciled
//!   with a GET instead of being sent twice, and a name that exists is reported as
//!   [`ClientError::AlreadyExists`] without a PUT. Before attaching, the workspace's computes are
//!   listed and an existing attachment of the same cluster is refused (ATT007).
//! - Waiting polls `Azure-AsyncOperation` when the service says to (`Retry-After`), not every
//!   5 seconds.
//! - Bearer tokens come from a [`TokenProvider`]; no Debug, log or error shows one.
//! - The server is not trusted either: no redirect is followed (ARM does not redirect these
//!   calls, and a 307 would carry the TLS key elsewhere), bodies and list pages are capped
//!   ([`Limits`]), a `nextLink` seen before ends the list, plain `http` is refused except on
//!   loopback, and a `Retry-After` beyond the wait's deadline ends the wait.
//! - A write whose answer was lost is not reported as failed: when nothing later could tell,
//!   the error is [`ClientError::OutcomeUnknown`].
mod retry;
mod tls;
mod token;

#[cfg(feature = "blocking")]
pub mod blocking;

pub use retry::{parse_retry_after, seconds, PollPolicy, RetryPolicy, MAX_SECONDS};
pub use token::{StaticToken, TokenProvider};

use akscompute::request::{self, Method, Options, Request, RequestError};
use akscompute::response::{AksSecrets, ComputeInfo, ListPage, OperationStatus, ResponseError};
use akscompute::{AttachConfig, Context, CreateConfig, UnderlyingAction, UpdateConfig, Validation};
use serde_json::Value;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What can go wrong.
#[derive(Debug)]
pub enum ClientError {
    /// The rules refuse the configuration (every diagnostic inside); nothing was sent.
    Invalid(Validation),
    /// A compute of this name exists already: create is not idempotent.
    AlreadyExists { name: String },
    /// The cluster is attached already, under another name.
    AlreadyAttached { cluster: String, existing: String },
    /// No such compute.
    NotFound { name: String },
    /// The request could not be built.
    Request(RequestError),
    /// ARM answered with an error.
    Arm { status: u16, code: String, message: String },
    /// The answer was not what ARM sends.
    Response(ResponseError),
    /// The network failed and the request could not safely be repeated, or retries ran out.
    Transport(String),
    /// The operation finished without success.
    OperationFailed { status: String, code: String, message: String },
    /// Waiting took longer than the poll policy's timeout.
    Timeout { waited: Duration },
    /// The token provider failed.
    Token(String),
    /// The server answered with a redirect, which is never followed (the body is not re-sent).
    Redirect { status: u16, location: String },
    /// An answer's body is longer than [`Limits::max_body`]; reading stopped there.
    TooLarge { limit: usize },
    /// A list has more pages than [`Limits::max_pages`].
    TooManyPages { limit: usize },
    /// A list's `nextLink` points at a page already read: following it would never end.
    LinkLoop { link: String },
    /// The service asked to wait (`Retry-After`) longer than the time left before the deadline.
    RetryAfterBeyondDeadline { retry_after: Duration, left: Duration },
    /// A write may have reached the service, but every later request failed, so whether it was
    /// applied is not known. Not a failure: look at the compute (show, list) before repeating.
    OutcomeUnknown { operation: &'static str, name: String, cause: String },
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
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Invalid(v) => {
                let errors: Vec<String> =
                    v.of(akscompute::Severity::Error).map(|d| format!("{} at {}: {}", d.code, d.path, d.message)).collect();
                write!(f, "the configuration is refused: {}", errors.join("; "))
            }
            ClientError::AlreadyExists { name } => {
                write!(f, "a compute named {name} already exists: create is not idempotent, so nothing was sent")
            }
            ClientError::AlreadyAttached { cluster, existing } => {
                write!(f, "{cluster} is already attached as {existing}: attaching it again would break that attachment")
            }
            ClientError::NotFound { name } => write!(f, "no compute named {name}"),
            ClientError::Request(e) => write!(f, "cannot build the request: {e}"),
            ClientError::Arm { status, code, message } => write!(f, "ARM answered {status} {code}: {message}"),
            ClientError::Response(e) => write!(f, "{e}"),
            ClientError::Transport(m) => write!(f, "network: {m}"),
            ClientError::OperationFailed { status, code, message } => write!(f, "the operation ended {status}: {code}: {message}"),
            ClientError::Timeout { waited } => write!(f, "gave up waiting after {:.0} s", waited.as_secs_f64()),
            ClientError::Token(m) => write!(f, "no token: {m}"),
            ClientError::Redirect { status, location } => write!(
                f,
                "the server answered {status}, a redirect to {location:?}: ARM does not redirect these calls, so it is not followed and nothing was sent there"
            ),
            ClientError::TooLarge { limit } => {
                write!(f, "the answer is longer than {limit} bytes: reading stopped there (ARM's answers are far smaller)")
            }
            ClientError::TooManyPages { limit } => {
                write!(f, "the list goes on past {limit} pages: stopped there (a workspace holds far fewer computes)")
            }
            ClientError::LinkLoop { link } => write!(f, "the list's nextLink {link:?} points at a page already read: stopped there"),
            ClientError::RetryAfterBeyondDeadline { retry_after, left } => write!(
                f,
                "the service asks to wait {:.0} s (Retry-After), longer than the {:.0} s left before the deadline: stopped waiting; the operation goes on, so look at it later or wait longer",
                retry_after.as_secs_f64(),
                left.as_secs_f64()
            ),
            ClientError::OutcomeUnknown { operation, name, cause } => write!(
                f,
                "the {operation} of {name} may have been applied: the request reached the service, but its answer was lost and every later request failed ({cause}); look at the compute (show {name}, or list) before trying again"
            ),
        }
    }
}

impl std::error::Error for ClientError {}

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

/// An answer, with headers lower-cased.
#[derive(Clone, Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Value,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    fn arm_error(&self) -> ClientError {
        let e = akscompute::response::ArmError::from_json(&self.body);
        ClientError::Arm {
            status: self.status,
            code: e.as_ref().map(|e| e.code.clone()).unwrap_or_default(),
            message: e.map(|e| e.message).unwrap_or_default(),
        }
    }
}

/// An accepted operation, to wait for with [`Client::wait`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation {
    pub kind: &'static str,
    pub name: String,
    /// The `Azure-AsyncOperation` URL; `None` when the service gave none (or the answer was lost
    /// and the compute was found by a GET): waiting then watches the compute itself.
    pub async_url: Option<String>,
    /// The create's answer was lost and a GET found the compute: it was not sent twice.
    pub reconciled: bool,
}

/// Counts of what the client did (for reports).
#[derive(Debug, Default)]
pub struct Stats {
    pub requests: AtomicU64,
    pub retries: AtomicU64,
    pub reconciliations: AtomicU64,
}

/// What a repeat of a request risks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Repeat {
    /// GET, DELETE, an update PUT: the same request twice has the effect of once.
    Safe,
    /// A create or attach PUT: only a refusal the server made before acting (429) may be repeated.
    Once,
}

/// How much a server may make the client read.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Bytes of one answer's body (32 MiB: a full page of computes is well under 1 MiB).
    pub max_body: usize,
    /// Pages of one list.
    pub max_pages: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_body: 32 << 20, max_pages: 1000 }
    }
}

/// Why one attempt gave no answer to use.
enum Failed {
    /// The network failed; `maybe_sent` unless the connection was never made.
    Net { message: String, maybe_sent: bool },
    /// An answer that must not be used or retried (a redirect, a body over the limit).
    Stop(ClientError),
}

/// When a wait must end, and when it began (for the error).
#[derive(Clone, Copy)]
struct Deadline {
    start: Instant,
    end: Instant,
}

impl Deadline {
    /// `Err` when sleeping `pause` would pass the deadline.
    fn allows(&self, pause: Duration) -> Result<(), ClientError> {
        let now = Instant::now();
        if now.checked_add(pause).is_none_or(|t| t > self.end) {
            return Err(ClientError::Timeout { waited: now.saturating_duration_since(self.start) });
        }
        Ok(())
    }
}

/// The async client. Cheap to clone; one per workspace and cloud is typical.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    tokens: Arc<dyn TokenProvider>,
    pub options: Options,
    pub retry: RetryPolicy,
    pub poll: PollPolicy,
    pub limits: Limits,
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
            .map_err(|e| ClientError::Transport(e.to_string()))?;
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

    async fn send_once(&self, r: &Request) -> Result<Answer, Failed> {
        self.stats.requests.fetch_add(1, Ordering::Relaxed);
        let token = self.tokens.token(&self.options.cloud.scope()).map_err(|e| Failed::Stop(ClientError::Token(e.to_string())))?;
        let method = match r.method {
            Method::Get => reqwest::Method::GET,
            Method::Put => reqwest::Method::PUT,
            Method::Post => reqwest::Method::POST,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut b = self.http.request(method, &r.url).header("Authorization", format!("Bearer {}", token.expose()));
        for (k, v) in r.headers() {
            b = b.header(k, v);
        }
        if let Some(body) = r.body() {
            b = b.body(body.to_string());
        } else if r.method == Method::Post {
            b = b.header("Content-Length", "0");
        }
        // reqwest's errors name the URL, never the headers: the token stays out of them.
        let mut resp = b.send().await.map_err(|e| Failed::Net { maybe_sent: !e.is_connect(), message: e.to_string() })?;
        let status = resp.status().as_u16();
        if (300..400).contains(&status) {
            let location = resp.headers().get("location").map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned()).unwrap_or_default();
            return Err(Failed::Stop(ClientError::Redirect { status, location: location.chars().take(200).collect() }));
        }
        let headers =
            resp.headers().iter().map(|(k, v)| (k.as_str().to_ascii_lowercase(), v.to_str().unwrap_or_default().to_string())).collect();
        let limit = self.limits.max_body;
        let too_large = || Failed::Stop(ClientError::TooLarge { limit });
        if resp.content_length().is_some_and(|n| n > limit as u64) {
            return Err(too_large());
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(|e| Failed::Net { maybe_sent: true, message: e.to_string() })? {
            if bytes.len() + chunk.len() > limit {
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()))
        };
        Ok(Answer { status, headers, body })
    }

    /// Sends with retries as far as `repeat` allows. For `Repeat::Once`, a 5xx or a lost answer
    /// ends in `Err(Transport)` or the 5xx answer, for the caller to reconcile.
    async fn send(&self, r: &Request, repeat: Repeat) -> Result<Answer, ClientError> {
        self.send_tracked(r, repeat, None, &mut false).await
    }

    /// [`Client::send`], never sleeping past `deadline`, and setting `reached` when an attempt
    /// may have reached the service without its answer coming back (a lost answer, a 5xx).
    async fn send_tracked(
        &self,
        r: &Request,
        repeat: Repeat,
        deadline: Option<Deadline>,
        reached: &mut bool,
    ) -> Result<Answer, ClientError> {
        let mut last = String::new();
        for attempt in 0..self.retry.max_attempts {
            if attempt > 0 {
                self.stats.retries.fetch_add(1, Ordering::Relaxed);
            }
            let pause = match self.send_once(r).await {
                Ok(a) if a.status == 429 || (a.status >= 500 && repeat == Repeat::Safe) => {
                    last = format!("{} from {}", a.status, r);
                    *reached |= a.status >= 500;
                    if attempt + 1 >= self.retry.max_attempts {
                        return Ok(a);
                    }
                    self.retry.delay(attempt, parse_retry_after(a.header("retry-after")))
                }
                Ok(a) => return Ok(a),
                Err(Failed::Stop(e)) => return Err(e),
                Err(Failed::Net { message, maybe_sent }) => {
                    *reached |= maybe_sent;
                    if repeat != Repeat::Safe {
                        return Err(ClientError::Transport(message));
                    }
                    last = message;
                    if attempt + 1 >= self.retry.max_attempts {
                        break;
                    }
                    self.retry.delay(attempt, None)
                }
            };
            if let Some(d) = deadline {
                d.allows(pause)?;
            }
            tokio::time::sleep(pause).await;
        }
        Err(ClientError::Transport(format!("gave up after {} attempts: {last}", self.retry.max_attempts)))
    }

    fn ctx(&self, ctx: &Context) -> Context {
        Context { profile: self.options.profile, ..ctx.clone() }
    }

    /// GET a compute; `None` when there is none.
    pub async fn get(&self, ctx: &Context, name: &str) -> Result<Option<ComputeInfo>, ClientError> {
        Ok(self.get_raw(ctx, name).await?.map(|v| ComputeInfo::from_json(&v)).transpose()?)
    }

    async fn get_raw(&self, ctx: &Context, name: &str) -> Result<Option<Value>, ClientError> {
        let a = self.send(&request::get(ctx, Some(name), &self.options)?, Repeat::Safe).await?;
        match a.status {
            200 => Ok(Some(a.body)),
            404 => Ok(None),
            _ => Err(a.arm_error()),
        }
    }

    /// Every compute of the workspace, following `nextLink`.
    pub async fn list(&self, ctx: &Context) -> Result<Vec<ComputeInfo>, ClientError> {
        let mut out = Vec::new();
        let mut req = request::list(ctx, &self.options)?;
        let mut seen = std::collections::HashSet::new();
        for _ in 0..self.limits.max_pages {
            seen.insert(req.url.clone());
            let a = self.send(&req, Repeat::Safe).await?;
            if a.status != 200 {
                return Err(a.arm_error());
            }
            let page = ListPage::from_json(&a.body)?;
            out.extend(page.computes);
            match page.next_link {
                Some(next) if seen.contains(&next) => return Err(ClientError::LinkLoop { link: next.chars().take(200).collect() }),
                Some(next) => req = request::list_next(&next, &self.options)?,
                None => return Ok(out),
            }
        }
        Err(ClientError::TooManyPages { limit: self.limits.max_pages })
    }

    /// The kubeconfigs (secrets).
    pub async fn list_keys(&self, ctx: &Context, name: &str) -> Result<AksSecrets, ClientError> {
        let a = self.send(&request::list_keys(ctx, Some(name), &self.options)?, Repeat::Safe).await?;
        match a.status {
            200 => Ok(AksSecrets::from_json(&a.body)?),
            404 => Err(ClientError::NotFound { name: name.into() }),
            _ => Err(a.arm_error()),
        }
    }

    /// A ManagedCluster as ARM returns it (the attach preflight's `cluster`).
    pub async fn managed_cluster(&self, resource_id: &str) -> Result<Value, ClientError> {
        let a = self.send(&request::managed_cluster_get(resource_id, &self.options.cloud)?, Repeat::Safe).await?;
        if a.status == 200 {
            Ok(a.body)
        } else {
            Err(a.arm_error())
        }
    }

    /// The Kubernetes versions AKS supports in a region.
    pub async fn kubernetes_versions(&self, subscription_id: &str, location: &str) -> Result<akscompute::k8s::VersionList, ClientError> {
        let a = self.send(&request::kubernetes_versions(subscription_id, location, &self.options.cloud)?, Repeat::Safe).await?;
        if a.status != 200 {
            return Err(a.arm_error());
        }
        akscompute::k8s::VersionList::from_json(&a.body)
            .map_err(|e| ClientError::Response(ResponseError { what: "kubernetes versions", path: String::new(), message: e.to_string() }))
    }

    /// A create or attach PUT: sent once; a lost answer or a 5xx is settled by a GET, and the
    /// PUT goes again only when the GET shows nothing was created.
    async fn put_once(&self, ctx: &Context, name: &str, req: &Request, kind: &'static str) -> Result<Operation, ClientError> {
        // True while a PUT may have been applied without anyone having seen it.
        let mut reached = false;
        for _ in 0..self.retry.max_attempts {
            let outcome = self.send_tracked(req, Repeat::Once, None, &mut reached).await;
            if outcome.as_ref().is_ok_and(|a| a.status >= 500) {
                reached = true;
            }
            match outcome {
                Ok(a) if a.status == 200 || a.status == 201 => {
                    return Ok(Operation {
                        kind,
                        name: name.into(),
                        async_url: a.header("azure-asyncoperation").map(String::from),
                        reconciled: false,
                    });
                }
                Ok(a) if a.status == 409 => return Err(ClientError::AlreadyExists { name: name.into() }),
                Ok(a) if a.status < 500 => return Err(a.arm_error()),
                Ok(_) | Err(ClientError::Transport(_)) => {
                    self.stats.reconciliations.fetch_add(1, Ordering::Relaxed);
                    match self.get_raw(ctx, name).await {
                        Ok(Some(_)) => return Ok(Operation { kind, name: name.into(), async_url: None, reconciled: true }),
                        // Not there: the PUT was not applied, so it may go again.
                        Ok(None) => reached = false,
                        Err(ClientError::Transport(cause)) if reached => {
                            return Err(ClientError::OutcomeUnknown { operation: kind, name: name.into(), cause })
                        }
                        Err(e) => return Err(e),
                    }
                    tokio::time::sleep(self.retry.delay(0, None)).await;
                }
                Err(e) => return Err(e),
            }
        }
        let cause = format!("the {kind} of {name} did not go through after {} attempts", self.retry.max_attempts);
        Err(if reached { ClientError::OutcomeUnknown { operation: kind, name: name.into(), cause } } else { ClientError::Transport(cause) })
    }

    /// Creates a compute (and its cluster). Validates first; an existing name is refused
    /// without a PUT.
    pub async fn create(&self, cfg: &CreateConfig, ctx: &Context) -> Result<Operation, ClientError> {
        let ctx = self.ctx(ctx);
        let name = cfg.name.clone().unwrap_or_default();
        let v = akscompute::validate_create(cfg, &ctx);
        if !v.is_valid() {
            return Err(ClientError::Invalid(v));
        }
        // Built before the existence check, so a name the NAME rules refuse is never sent.
        let req = request::create(cfg, &ctx, &self.options)?;
        if self.get_raw(&ctx, &name).await?.is_some() {
            return Err(ClientError::AlreadyExists { name });
        }
        self.put_once(&ctx, &name, &req, "create").await
    }

    /// Attaches a cluster. The workspace's computes are listed first: the same cluster under
    /// another name (ATT007) or a taken name (NAME005) is refused before any PUT.
    pub async fn attach(&self, cfg: &AttachConfig, ctx: &Context) -> Result<Operation, ClientError> {
        let mut ctx = self.ctx(ctx);
        // Built once before anything is sent, so a name or ID no request may carry sends nothing.
        request::attach(cfg, &ctx, &self.options)?;
        let existing = self.list(&ctx).await?;
        ctx.existing_computes = existing
            .iter()
            .map(|c| akscompute::ExistingCompute { name: c.name.clone(), resource_id: c.cluster_resource_id.clone() })
            .collect();
        let v = akscompute::validate_attach(cfg, &ctx);
        let name = cfg.name.clone().unwrap_or_default();
        if let Some(d) = v.diagnostics.iter().find(|d| d.code == "ATT007") {
            let existing = d.params.get("existing").map(|p| {
                let mut s = String::new();
                if let akscompute::Param::Str(x) = p {
                    s.push_str(x);
                }
                s
            });
            return Err(ClientError::AlreadyAttached {
                cluster: request::attach_target_id(cfg, &ctx, ctx.profile)?,
                existing: existing.unwrap_or_default(),
            });
        }
        if v.diagnostics.iter().any(|d| d.code == "NAME005") {
            return Err(ClientError::AlreadyExists { name });
        }
        if !v.is_valid() {
            return Err(ClientError::Invalid(v));
        }
        let req = request::attach(cfg, &ctx, &self.options)?;
        self.put_once(&ctx, &name, &req, "attach").await
    }

    /// Updates a compute: GET it, merge, PUT it back (AKS computes have no PATCH). Returns the
    /// operation and what the merge could not carry.
    pub async fn update(&self, cfg: &UpdateConfig, ctx: &Context) -> Result<(Operation, Vec<String>), ClientError> {
        let mut ctx = self.ctx(ctx);
        let name = cfg.name.clone().unwrap_or_default();
        let current = self.get_raw(&ctx, &name).await?.ok_or_else(|| ClientError::NotFound { name: name.clone() })?;
        ctx.compute = akscompute::cluster::ComputeFacts::from_json(&current).ok();
        let v = akscompute::validate_update(cfg, &ctx);
        if !v.is_valid() {
            return Err(ClientError::Invalid(v));
        }
        let plan = request::update(cfg, &current, &ctx, &self.options)?;
        let mut reached = false;
        let a = match self.send_tracked(&plan.request, Repeat::Safe, None, &mut reached).await {
            Err(ClientError::Transport(cause)) if reached => return Err(ClientError::OutcomeUnknown { operation: "update", name, cause }),
            other => other?,
        };
        if a.status != 200 && a.status != 201 {
            return Err(a.arm_error());
        }
        Ok((
            Operation { kind: "update", name, async_url: a.header("azure-asyncoperation").map(String::from), reconciled: false },
            plan.notes,
        ))
    }

    /// Detaches (the cluster stays) or deletes (the cluster goes, if Azure ML created it).
    /// A compute that is not there is already gone: that is success, with nothing to wait for
    /// (`None`). When an earlier attempt's answer was lost and a retry finds it gone, this very
    /// request removed it: `Some`, `reconciled`, nothing left to wait for.
    pub async fn delete_or_detach(&self, ctx: &Context, name: &str, action: UnderlyingAction) -> Result<Option<Operation>, ClientError> {
        let ctx = self.ctx(ctx);
        let kind = if action == UnderlyingAction::Delete { "delete" } else { "detach" };
        let req = request::delete_or_detach(&ctx, Some(name), action, &self.options)?;
        let mut reached = false;
        let a = match self.send_tracked(&req, Repeat::Safe, None, &mut reached).await {
            Err(ClientError::Transport(cause)) if reached => {
                return Err(ClientError::OutcomeUnknown { operation: kind, name: name.into(), cause })
            }
            other => other?,
        };
        match a.status {
            204 | 404 if reached => Ok(Some(Operation { kind, name: name.into(), async_url: None, reconciled: true })),
            200 | 202 => Ok(Some(Operation {
                kind,
                name: name.into(),
                async_url: a.header("azure-asyncoperation").map(String::from),
                reconciled: false,
            })),
            204 | 404 => Ok(None),
            _ => Err(a.arm_error()),
        }
    }

    /// Waits for an operation: polls its `Azure-AsyncOperation` URL when the service's
    /// `Retry-After` says to (or the policy's interval), or watches the compute itself.
    /// `progress` hears the status at every poll.
    pub async fn wait(
        &self,
        ctx: &Context,
        op: &Operation,
        progress: &mut (dyn FnMut(&str) + Send),
    ) -> Result<OperationStatus, ClientError> {
        let start = Instant::now();
        let deadline = Deadline { start, end: start.checked_add(self.poll.timeout).unwrap_or(start + MAX_SECONDS) };
        loop {
            let (status, retry_after) = match &op.async_url {
                Some(url) => {
                    let a = self
                        .send_tracked(&request::operation_status(url, &self.options)?, Repeat::Safe, Some(deadline), &mut false)
                        .await?;
                    if a.status != 200 {
                        return Err(a.arm_error());
                    }
                    (OperationStatus::from_json(&a.body)?, parse_retry_after(a.header("retry-after")))
                }
                None => {
                    let current = self.get_raw(ctx, &op.name).await?;
                    let state = match (&current, op.kind) {
                        (None, "delete" | "detach") => "Succeeded".to_string(),
                        (None, _) => return Err(ClientError::NotFound { name: op.name.clone() }),
                        (Some(c), _) => c.pointer("/properties/provisioningState").and_then(Value::as_str).unwrap_or("Unknown").to_string(),
                    };
                    let status = match state.as_str() {
                        "Succeeded" | "Failed" | "Canceled" => state,
                        _ => "InProgress".to_string(),
                    };
                    (OperationStatus { status, error: None }, None)
                }
            };
            // Every poll is reported (azureml-core prints a dot per poll); callers that only
            // care about changes compare with the last status they saw.
            progress(&status.status);
            if status.is_terminal() {
                if status.succeeded() {
                    return Ok(status);
                }
                let (code, message) = status.error.as_ref().map(|e| (e.code.clone(), e.message.clone())).unwrap_or_default();
                return Err(ClientError::OperationFailed { status: status.status, code, message });
            }
            let asked = retry_after.filter(|_| !self.poll.fixed);
            let wait = asked.unwrap_or(self.poll.default_interval).max(self.poll.min_interval);
            let left = deadline.end.saturating_duration_since(Instant::now());
            if wait > left {
                return Err(match asked {
                    Some(retry_after) if retry_after > left => ClientError::RetryAfterBeyondDeadline { retry_after, left },
                    _ => ClientError::Timeout { waited: start.elapsed() },
                });
            }
            tokio::time::sleep(wait).await;
        }
    }

    /// Requests sent so far (retries included).
    pub fn requests_sent(&self) -> u64 {
        self.stats.requests.load(Ordering::Relaxed)
    }
}
