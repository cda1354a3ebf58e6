//! A local ARM emulator for `Microsoft.MachineLearningServices/workspaces/computes` (AKS) and
//! the Container Service reads the attach preflight makes. It behaves like the service where
//! the documentation and the schema say so: create answers 201 with `Azure-AsyncOperation` and
//! is not idempotent (a second create of a name is refused), operations progress over time,
//! detach keeps the cluster and delete removes it only when Azure ML created it, lists come in
//! pages with `nextLink`, bodies are checked against the api-version's schema, and a bearer
//! token is required. Faults are injected on request (429 with Retry-After, 500/503, dropped
//! connections, slow answers, answers lost after the write happened), by rule or at random.
//!
//! It listens on 127.0.0.1 only, on a free port, started by the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used)]
pub mod schema;

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response, StatusCode};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How the emulator behaves.
#[derive(Clone, Debug)]
pub struct Config {
    /// The bearer token every request must carry.
    pub token: String,
    /// How long an operation takes from accept to done.
    pub operation_time: Duration,
    /// The `Retry-After` the emulator answers with, in seconds (0: none).
    pub retry_after_secs: u64,
    /// When true, `Retry-After` is the time left until the operation is done (rounded up).
    pub retry_after_remaining: bool,
    /// Computes per list page.
    pub page_size: usize,
    /// Computes whose create or attach fails, as the service's do when a quota or a policy
    /// stops them: the operation ends `Failed` with an error, the compute `Failed` with it in
    /// `provisioningErrors`.
    pub fail: Vec<String>,
    /// The workspace's region, as a GET of the workspace answers it (config.json as the portal
    /// writes it holds none, so a create or attach without a location asks for it); empty: the
    /// workspace is not found.
    pub workspace_location: String,
    /// Answer every request that carries the token as a hostile server would (none: a faithful
    /// emulator).
    pub hostile: Option<Hostile>,
    /// A PUT whose `User-Agent` starts with this (our own client's, `akscompute/`) is refused
    /// when it carries read-only fields, so that the tests of our clients catch them sending
    /// any; from any other client they are ignored, as Resource Manager ignores them (a GET body
    /// PUT back, as azureml-core's `update` does, is accepted), and counted as
    /// `PUT read-only ignored`. `None`: ignored from every client.
    pub strict_read_only_agent: Option<String>,
}

/// What a hostile Resource Manager answers (`--hostile MODE`): the clients must survive each
/// without following it elsewhere, reading it without end, or echoing it.
#[derive(Clone, Debug, PartialEq)]
pub enum Hostile {
    /// `307` to this URL on another host: the bearer token must not follow (`redirect-to=URL`).
    RedirectTo(String),
    /// `302` to the request's own URL, every time (`redirect-loop`).
    RedirectLoop,
    /// `200` with a JSON body of about this many bytes (`huge=BYTES`).
    Huge(usize),
    /// `200` with JSON whose strings are not UTF-8 (`bad-utf8`).
    BadUtf8,
    /// `200` with arrays nested this deep (`deep=LEVELS`).
    Deep(usize),
    /// Writes answered as usual but with their `Azure-AsyncOperation` URL on this other host,
    /// which must not be polled with the token (`async-to=URL`).
    AsyncTo(String),
    /// `401` whose error message, `x-ms-request-id` and `x-ms-correlation-request-id` echo the
    /// bearer token back, as a misbehaving proxy might (`echo-token`): no error, log line or
    /// output may show it.
    EchoToken,
    /// `400` whose error code and message start lines of their own (LF, CRLF, NEL, U+2028,
    /// U+2029), each followed by a forged log line (`forge-lines`): every error, log line and
    /// output must show them on one line.
    ForgeLines,
}

/// What [`Hostile::ForgeLines`] answers: a message that, printed as it is, writes a forged
/// `INFO` line (and a forged summary) after the real one.
pub const FORGED_MESSAGE: &str = "The request is invalid.\nINFO akscompute: compute myaks created\r\n0 errors: the configuration can be sent\u{85}NEL\u{2028}LS\u{2029}PS";

impl Hostile {
    /// `MODE` as `--hostile` takes it.
    pub fn parse(mode: &str) -> Option<Hostile> {
        let (name, value) = mode.split_once('=').map_or((mode, None), |(n, v)| (n, Some(v)));
        let number = || value.and_then(|v| v.parse::<usize>().ok());
        Some(match name {
            "redirect-to" => Hostile::RedirectTo(value?.to_string()),
            "redirect-loop" => Hostile::RedirectLoop,
            "huge" => Hostile::Huge(number()?),
            "bad-utf8" => Hostile::BadUtf8,
            "deep" => Hostile::Deep(number()?),
            "async-to" => Hostile::AsyncTo(value?.to_string()),
            "echo-token" => Hostile::EchoToken,
            "forge-lines" => Hostile::ForgeLines,
            _ => return None,
        })
    }

    /// The answer in place of the emulator's own; `None` for [`Hostile::AsyncTo`], which
    /// changes the emulator's answer instead.
    fn answer(&self, uri: &hyper::Uri, token: &str) -> Option<Resp> {
        let raw = |status: StatusCode, body: Vec<u8>| {
            let mut r = Response::new(Full::new(Bytes::from(body)));
            *r.status_mut() = status;
            r.headers_mut().insert("content-type", "application/json".parse().unwrap());
            r
        };
        let redirect = |status: StatusCode, to: &str| {
            let mut r = raw(status, Vec::new());
            r.headers_mut().insert("location", to.parse().unwrap_or_else(|_| "/".parse().unwrap()));
            r
        };
        Some(match self {
            Hostile::RedirectTo(url) => redirect(StatusCode::TEMPORARY_REDIRECT, url),
            Hostile::RedirectLoop => redirect(StatusCode::FOUND, &uri.to_string()),
            Hostile::Huge(n) => {
                let mut b = b"{\"name\": \"".to_vec();
                b.resize(b.len() + n, b' ');
                b.extend_from_slice(b"\"}");
                raw(StatusCode::OK, b)
            }
            Hostile::BadUtf8 => {
                raw(StatusCode::OK, b"{\"name\": \"aks\xff\xfe\", \"properties\": {\"computeType\": \"AKS\xc3\"}}".to_vec())
            }
            Hostile::Deep(n) => raw(StatusCode::OK, [vec![b'['; *n], vec![b']'; *n]].concat()),
            Hostile::AsyncTo(_) => return None,
            Hostile::EchoToken => {
                let message = format!("The access token '{token}' is invalid.");
                let mut r = arm_error(StatusCode::UNAUTHORIZED, "InvalidAuthenticationToken", &message);
                for h in ["x-ms-request-id", "x-ms-correlation-request-id"] {
                    if let Ok(v) = token.parse() {
                        r.headers_mut().insert(h, v);
                    }
                }
                r
            }
            Hostile::ForgeLines => arm_error(StatusCode::BAD_REQUEST, "BadRequest\nINFO forged", FORGED_MESSAGE),
        })
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            token: "test-token".into(),
            operation_time: Duration::from_millis(300),
            retry_after_secs: 0,
            retry_after_remaining: true,
            page_size: 2,
            fail: Vec::new(),
            workspace_location: "eastus".into(),
            hostile: None,
            strict_read_only_agent: Some("akscompute/".into()),
        }
    }
}

/// One injected fault, consumed in order by the requests it matches.
#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// Answer with this status (and Retry-After seconds, for 429/503) without doing anything.
    Status { status: u16, retry_after: Option<u64> },
    /// Close the connection without an answer, without doing anything.
    Drop,
    /// Answer after this delay.
    Slow(Duration),
    /// Do the request, then close the connection: the client never sees the answer.
    Lost,
}

#[derive(Clone, Debug)]
struct Rule {
    method: Option<String>,
    path_contains: Option<String>,
    fault: Fault,
    times: u32,
}

/// Random faults for soak tests: each request draws one (or none) with these odds.
#[derive(Clone, Debug, Default)]
pub struct Chaos {
    pub seed: u64,
    pub p429: f64,
    pub p5xx: f64,
    pub pdrop: f64,
    pub plost: f64,
    pub pslow: f64,
}

#[derive(Clone, Debug)]
struct Operation {
    id: String,
    compute: String,
    kind: &'static str,
    /// When the work is done.
    due: Instant,
    done_at: Option<Instant>,
    /// It ends `Failed` (a compute of [`Config::fail`]).
    failed: bool,
}

#[derive(Default)]
struct State {
    computes: BTreeMap<String, Value>,
    /// Clusters by lower-case resource ID: (cluster JSON, created by Azure ML).
    clusters: BTreeMap<String, (Value, bool)>,
    operations: HashMap<String, Operation>,
    rules: VecDeque<Rule>,
    chaos: Option<(Chaos, fastrand::Rng)>,
    counters: BTreeMap<String, u64>,
    /// When each operation finished (for measuring how late a client notices).
    completions: Vec<(String, Instant)>,
    next_id: u64,
}

/// A running emulator.
pub struct Emulator {
    pub addr: SocketAddr,
    state: Arc<Mutex<State>>,
    config: Config,
    _runtime: tokio::runtime::Runtime,
    started: Instant,
}

type Resp = Response<Full<Bytes>>;

/// The largest request body read (ARM's own limit is 4 MB): a longer one is answered 413
/// without being buffered.
pub const MAX_REQUEST_BODY: usize = 4 << 20;
/// The most operations kept (finished ones are forgotten first) and computes held: a client in
/// a loop cannot make the emulator grow without end.
pub const MAX_OPERATIONS: usize = 10_000;
pub const MAX_COMPUTES: usize = 10_000;

fn reply(status: StatusCode, body: Value) -> Resp {
    let mut r = Response::new(Full::new(Bytes::from(body.to_string())));
    *r.status_mut() = status;
    r.headers_mut().insert("content-type", "application/json".parse().unwrap());
    r
}

fn arm_error(status: StatusCode, code: &str, message: &str) -> Resp {
    reply(status, json!({"error": {"code": code, "message": message}}))
}

fn query(uri: &hyper::Uri, key: &str) -> Option<String> {
    uri.query()?.split('&').find_map(|kv| kv.split_once('=').filter(|(k, _)| *k == key).map(|(_, v)| v.to_string()))
}

impl Emulator {
    /// Starts on 127.0.0.1 with a free port.
    pub fn start(config: Config) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("a runtime");
        let state = Arc::new(Mutex::new(State::default()));
        let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("a free port on 127.0.0.1");
        let addr = listener.local_addr().expect("an address");
        let st = state.clone();
        let cfg = config.clone();
        runtime.spawn(async move {
            loop {
                let stream = match listener.accept().await {
                    Ok((stream, _)) => stream,
                    // Out of descriptors, or a connection reset before it was taken: retrying at
                    // once would spin, so pause first.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let st = st.clone();
                let cfg = cfg.clone();
                tokio::spawn(async move {
                    let io = hyper_util::rt::TokioIo::new(stream);
                    let svc = hyper::service::service_fn(move |req| handle(req, st.clone(), cfg.clone(), addr));
                    let _ = hyper::server::conn::http1::Builder::new().serve_connection(io, svc).await;
                });
            }
        });
        Emulator { addr, state, config, _runtime: runtime, started: Instant::now() }
    }

    /// The endpoint to give a client: `http://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Adds a fault for the next `times` requests matching method and path fragment.
    pub fn fault(&self, method: Option<&str>, path_contains: Option<&str>, fault: Fault, times: u32) {
        self.state.lock().unwrap().rules.push_back(Rule {
            method: method.map(String::from),
            path_contains: path_contains.map(String::from),
            fault,
            times,
        });
    }

    /// Random faults from now on (None: off).
    pub fn chaos(&self, chaos: Option<Chaos>) {
        self.state.lock().unwrap().chaos = chaos.map(|c| {
            let rng = fastrand::Rng::with_seed(c.seed);
            (c, rng)
        });
    }

    /// Registers an AKS cluster (for attach and the ManagedCluster endpoint).
    pub fn add_cluster(&self, resource_id: &str, cluster: Value) {
        self.state.lock().unwrap().clusters.insert(resource_id.to_ascii_lowercase(), (cluster, false));
    }

    /// The computes as stored, by name.
    pub fn computes(&self) -> BTreeMap<String, Value> {
        self.state.lock().unwrap().computes.clone()
    }

    /// Whether a cluster exists (lower-case resource ID).
    pub fn has_cluster(&self, resource_id: &str) -> bool {
        self.state.lock().unwrap().clusters.contains_key(&resource_id.to_ascii_lowercase())
    }

    /// Requests seen, by `METHOD kind` (e.g. `PUT compute`, `GET operation`), and faults injected.
    pub fn counters(&self) -> BTreeMap<String, u64> {
        self.state.lock().unwrap().counters.clone()
    }

    /// Seconds since start at which each operation finished, by operation ID.
    pub fn completions(&self) -> Vec<(String, f64)> {
        let s = self.state.lock().unwrap();
        s.completions.iter().map(|(id, t)| (id.clone(), t.duration_since(self.started).as_secs_f64())).collect()
    }

    pub fn started(&self) -> Instant {
        self.started
    }

    /// Operations not finished yet (by the clock).
    pub fn pending_operations(&self) -> usize {
        let mut s = self.state.lock().unwrap();
        settle(&mut s, Instant::now());
        s.operations.values().filter(|o| o.done_at.is_none()).count()
    }
}

fn count(s: &mut State, key: String) {
    *s.counters.entry(key).or_insert(0) += 1;
}

/// Finishes every operation whose time has come (the service's work, done lazily).
fn settle(s: &mut State, now: Instant) {
    let due: Vec<String> = s.operations.values().filter(|o| o.done_at.is_none() && o.due <= now).map(|o| o.id.clone()).collect();
    for id in due {
        let (compute, kind) = {
            let o = &s.operations[&id];
            (o.compute.clone(), o.kind)
        };
        let failed = s.operations.get(&id).is_some_and(|o| o.failed);
        match kind {
            "create" | "attach" | "update" => {
                if let Some(c) = s.computes.get_mut(&compute) {
                    c["properties"]["provisioningState"] = json!(if failed { "Failed" } else { "Succeeded" });
                    if failed {
                        c["properties"]["provisioningErrors"] = json!([{"error": failure()}]);
                    }
                    c["properties"]["modifiedOn"] = json!(now_rfc3339());
                }
            }
            "delete" | "detach" => {
                if let Some(c) = s.computes.remove(&compute) {
                    let rid = c["properties"]["resourceId"].as_str().unwrap_or_default().to_ascii_lowercase();
                    let created = !c["properties"]["isAttachedCompute"].as_bool().unwrap_or(false);
                    if kind == "delete" && created {
                        s.clusters.remove(&rid);
                    }
                }
            }
            _ => {}
        }
        // The work finished when it was due, however late a request came to see it.
        let at = s.operations.get(&id).map(|o| o.due).unwrap_or(now);
        if let Some(o) = s.operations.get_mut(&id) {
            o.done_at = Some(at);
        }
        s.completions.push((id, at));
    }
}

fn pick_fault(s: &mut State, method: &str, path: &str) -> Option<Fault> {
    if let Some(i) = s
        .rules
        .iter()
        .position(|r| r.method.as_deref().is_none_or(|m| m == method) && r.path_contains.as_deref().is_none_or(|p| path.contains(p)))
    {
        let r = &mut s.rules[i];
        let f = r.fault.clone();
        r.times = r.times.saturating_sub(1);
        if r.times == 0 {
            s.rules.remove(i);
        }
        return Some(f);
    }
    let (c, rng) = s.chaos.as_mut()?;
    let x = rng.f64();
    let mut edge = 0.0;
    for (p, f) in [
        (c.p429, Fault::Status { status: 429, retry_after: Some(0) }),
        (c.p5xx, Fault::Status { status: if rng.bool() { 500 } else { 503 }, retry_after: None }),
        (c.pdrop, Fault::Drop),
        (c.plost, Fault::Lost),
        (c.pslow, Fault::Slow(Duration::from_millis(50))),
    ] {
        edge += p;
        if x < edge {
            return Some(f);
        }
    }
    None
}

async fn handle(req: Request<Incoming>, st: Arc<Mutex<State>>, cfg: Config, addr: SocketAddr) -> Result<Resp, std::io::Error> {
    let method = req.method().as_str().to_string();
    let uri = req.uri().clone();
    let path = uri.path().to_string();
    let agent = req.headers().get("user-agent").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let strict = cfg.strict_read_only_agent.as_deref().is_some_and(|p| agent.starts_with(p));
    let auth_ok = req.headers().get("authorization").and_then(|v| v.to_str().ok()) == Some(&format!("Bearer {}", cfg.token));
    let announced = req.headers().get("content-length").and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > MAX_REQUEST_BODY as u64) {
        return Ok(too_large());
    }
    let body = match http_body_util::Limited::new(req.into_body(), MAX_REQUEST_BODY).collect().await {
        Ok(b) => b.to_bytes(),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => return Ok(too_large()),
        Err(_) => Bytes::new(),
    };
    let fault = pick_fault(&mut st.lock().unwrap(), &method, &path);
    match &fault {
        Some(Fault::Status { status, retry_after }) => {
            count(&mut st.lock().unwrap(), format!("fault {status}"));
            let mut r =
                arm_error(StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), "Injected", "an injected fault");
            if let Some(s) = retry_after {
                r.headers_mut().insert("retry-after", s.to_string().parse().unwrap());
            }
            return Ok(r);
        }
        Some(Fault::Drop) => {
            count(&mut st.lock().unwrap(), "fault drop".into());
            return Err(std::io::Error::other("connection dropped (injected)"));
        }
        Some(Fault::Slow(d)) => {
            count(&mut st.lock().unwrap(), "fault slow".into());
            tokio::time::sleep(*d).await;
        }
        _ => {}
    }
    if !auth_ok {
        return Ok(arm_error(StatusCode::UNAUTHORIZED, "AuthenticationFailed", "a bearer token is required"));
    }
    if let Some(r) = cfg.hostile.as_ref().and_then(|h| h.answer(&uri, &cfg.token)) {
        count(&mut st.lock().unwrap(), format!("hostile {method}"));
        return Ok(r);
    }
    let mut resp = route(&method, &uri, &path, &body, &st, &cfg, addr, strict);
    if let (Some(Hostile::AsyncTo(url)), true) = (&cfg.hostile, resp.headers().contains_key("azure-asyncoperation")) {
        resp.headers_mut().insert("azure-asyncoperation", url.parse().unwrap_or_else(|_| "http://127.0.0.2/".parse().unwrap()));
    }
    if fault == Some(Fault::Lost) {
        count(&mut st.lock().unwrap(), "fault lost".into());
        return Err(std::io::Error::other("answer lost after the write (injected)"));
    }
    Ok(resp)
}

fn too_large() -> Resp {
    arm_error(StatusCode::PAYLOAD_TOO_LARGE, "RequestEntityTooLarge", &format!("the request body is longer than {MAX_REQUEST_BODY} bytes"))
}

fn new_operation(s: &mut State, cfg: &Config, compute: &str, kind: &'static str) -> Operation {
    if s.operations.len() >= MAX_OPERATIONS {
        s.operations.retain(|_, o| o.done_at.is_none());
    }
    if s.operations.len() >= MAX_OPERATIONS {
        // Every one still running: forget the oldest, so memory stays bounded.
        if let Some(oldest) = s.operations.values().min_by_key(|o| o.due).map(|o| o.id.clone()) {
            s.operations.remove(&oldest);
        }
    }
    let over = s.completions.len().saturating_sub(MAX_OPERATIONS - 1);
    s.completions.drain(..over);
    s.next_id += 1;
    let op = Operation {
        id: format!("op{:05}", s.next_id),
        compute: compute.to_string(),
        kind,
        due: Instant::now() + cfg.operation_time,
        done_at: None,
        failed: matches!(kind, "create" | "attach") && cfg.fail.iter().any(|f| f == compute),
    };
    s.operations.insert(op.id.clone(), op.clone());
    op
}

fn with_async(mut r: Resp, op: &Operation, cfg: &Config, addr: SocketAddr, api: &str) -> Resp {
    let url = format!("http://{addr}/subscriptions/emulator/providers/Microsoft.MachineLearningServices/locations/local/computeOperationsStatus/{}?api-version={api}", op.id);
    r.headers_mut().insert("azure-asyncoperation", url.parse().unwrap());
    if cfg.retry_after_secs > 0 {
        r.headers_mut().insert("retry-after", cfg.retry_after_secs.to_string().parse().unwrap());
    }
    r
}

/// `strict`: refuse read-only fields (see [`Config::strict_read_only_agent`]).
#[allow(clippy::too_many_arguments)]
fn route(
    method: &str,
    uri: &hyper::Uri,
    path: &str,
    body: &[u8],
    st: &Arc<Mutex<State>>,
    cfg: &Config,
    addr: SocketAddr,
    strict: bool,
) -> Resp {
    let mut s = st.lock().unwrap();
    settle(&mut s, Instant::now());
    let api = query(uri, "api-version").unwrap_or_default();
    let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
    // Operation status.
    if let Some(i) = segs.iter().position(|x| *x == "computeOperationsStatus") {
        count(&mut s, "GET operation".into());
        let Some(op) = segs.get(i + 1).and_then(|id| s.operations.get(*id)).cloned() else {
            return arm_error(StatusCode::NOT_FOUND, "NotFound", "no such operation");
        };
        let status = match (op.done_at.is_some(), op.failed) {
            (false, _) => "InProgress",
            (true, false) => "Succeeded",
            (true, true) => "Failed",
        };
        let mut body = json!({"status": status});
        if status == "Failed" {
            body["error"] = failure();
        }
        let mut r = reply(StatusCode::OK, body);
        if op.done_at.is_none() {
            let secs = if cfg.retry_after_remaining {
                op.due.saturating_duration_since(Instant::now()).as_secs_f64().ceil().max(1.0) as u64
            } else {
                cfg.retry_after_secs
            };
            if secs > 0 {
                r.headers_mut().insert("retry-after", secs.to_string().parse().unwrap());
            }
        }
        return r;
    }
    // Container Service reads.
    if path.contains("/providers/Microsoft.ContainerService/managedClusters/") && method == "GET" {
        count(&mut s, "GET cluster".into());
        let id = path.to_ascii_lowercase();
        return match s.clusters.get(&id) {
            Some((c, _)) => reply(StatusCode::OK, c.clone()),
            None => arm_error(StatusCode::NOT_FOUND, "ResourceNotFound", "no such managed cluster"),
        };
    }
    if path.ends_with("/kubernetesVersions") && method == "GET" {
        count(&mut s, "GET versions".into());
        return reply(
            StatusCode::OK,
            json!({"values": [
                {"version": "1.29", "isDefault": true, "capabilities": {"supportPlan": ["KubernetesOfficial"]}, "patchVersions": {"1.29.4": {"upgrades": []}}},
                {"version": "1.28", "capabilities": {"supportPlan": ["KubernetesOfficial"]}, "patchVersions": {"1.28.9": {"upgrades": ["1.29.4"]}}}
            ]}),
        );
    }
    // The workspace itself: subscriptions/{s}/resourceGroups/{g}/providers/{ns}/workspaces/{ws}.
    if method == "GET" && segs.len() == 8 && segs[6].eq_ignore_ascii_case("workspaces") {
        count(&mut s, "GET workspace".into());
        if api.is_empty() {
            return arm_error(StatusCode::BAD_REQUEST, "MissingApiVersionParameter", "the api-version query parameter is required");
        }
        if cfg.workspace_location.is_empty() {
            return arm_error(StatusCode::NOT_FOUND, "ResourceNotFound", "no such workspace");
        }
        return reply(
            StatusCode::OK,
            json!({"id": format!("/{}", segs.join("/")), "name": segs[7], "type": "Microsoft.MachineLearningServices/workspaces",
                   "location": cfg.workspace_location, "properties": {"friendlyName": segs[7]}}),
        );
    }
    // …/workspaces/{ws}/computes[/{name}[/listKeys]]
    let Some(ci) = segs.iter().position(|x| *x == "computes") else {
        return arm_error(StatusCode::NOT_FOUND, "NotFound", "no such path");
    };
    if api.is_empty() {
        return arm_error(StatusCode::BAD_REQUEST, "MissingApiVersionParameter", "the api-version query parameter is required");
    }
    let ws_path = segs[..ci].join("/");
    match (method, segs.get(ci + 1), segs.get(ci + 2)) {
        ("GET", None, None) => {
            count(&mut s, "GET list".into());
            let skip: usize = query(uri, "$skipToken").and_then(|t| t.parse().ok()).unwrap_or(0);
            let all: Vec<Value> = s.computes.values().cloned().collect();
            let page: Vec<Value> = all.iter().skip(skip).take(cfg.page_size).cloned().collect();
            let mut body = json!({"value": page});
            if skip + cfg.page_size < all.len() {
                body["nextLink"] = json!(format!("http://{addr}/{ws_path}/computes?api-version={api}&$skipToken={}", skip + cfg.page_size));
            }
            reply(StatusCode::OK, body)
        }
        ("GET", Some(name), None) => {
            count(&mut s, "GET compute".into());
            match s.computes.get(*name) {
                Some(c) => reply(StatusCode::OK, c.clone()),
                None => arm_error(StatusCode::NOT_FOUND, "NotFound", &format!("compute {name} not found")),
            }
        }
        ("POST", Some(name), Some(&"listKeys")) => {
            count(&mut s, "POST listKeys".into());
            match s.computes.get(*name) {
                Some(_) => reply(
                    StatusCode::OK,
                    json!({"computeType": "AKS", "userKubeConfig": format!("apiVersion: v1\n# user kubeconfig of {name}\n"), "adminKubeConfig": format!("apiVersion: v1\n# admin kubeconfig of {name}\n"), "imagePullSecretName": null}),
                ),
                None => arm_error(StatusCode::NOT_FOUND, "NotFound", "compute not found"),
            }
        }
        ("PUT", Some(name), None) => {
            count(&mut s, "PUT compute".into());
            let Ok(mut b) = serde_json::from_slice::<Value>(body) else {
                return arm_error(StatusCode::BAD_REQUEST, "InvalidRequestContent", "the body is not JSON");
            };
            let problems = schema_checker().service_problems(&api, &b);
            if !problems.is_empty() {
                return arm_error(StatusCode::BAD_REQUEST, "InvalidRequestContent", &problems.join("; "));
            }
            let read_only = schema_checker().read_only(&api, &b);
            if !read_only.is_empty() {
                if strict {
                    let sent: Vec<String> = read_only.iter().map(|p| format!("read-only field {p} sent")).collect();
                    return arm_error(StatusCode::BAD_REQUEST, "InvalidRequestContent", &sent.join("; "));
                }
                count(&mut s, "PUT read-only ignored".into());
            }
            if let Some(inner) = b["properties"].get_mut("properties") {
                kept(inner);
            }
            let given_rid = b["properties"]["resourceId"].as_str().map(String::from);
            if let Some(existing) = s.computes.get(*name) {
                let same = given_rid
                    .as_deref()
                    .is_some_and(|r| existing["properties"]["resourceId"].as_str().is_some_and(|e| e.eq_ignore_ascii_case(r)));
                if !same {
                    // Create is not idempotent: the documented "already exists".
                    return arm_error(StatusCode::CONFLICT, "ResourceExists", &format!("a compute named {name} already exists"));
                }
                let mut c = existing.clone();
                if let Some(p) = b["properties"]["properties"].as_object() {
                    if !c["properties"]["properties"].is_object() {
                        c["properties"]["properties"] = json!({});
                    }
                    // The FQDN is the cluster's, filled in by the service: not taken from a body.
                    for (k, v) in p.iter().filter(|(k, _)| *k != "clusterFqdn") {
                        c["properties"]["properties"][k] = v.clone();
                    }
                }
                c["properties"]["provisioningState"] = json!("Updating");
                s.computes.insert(name.to_string(), c.clone());
                let op = new_operation(&mut s, cfg, name, "update");
                return with_async(reply(StatusCode::OK, c), &op, cfg, addr, &api);
            }
            if s.computes.len() >= MAX_COMPUTES {
                return arm_error(StatusCode::BAD_REQUEST, "QuotaExceeded", &format!("the emulator holds at most {MAX_COMPUTES} computes"));
            }
            let attached = given_rid.is_some();
            let sub = segs.get(1).copied().unwrap_or("sub");
            let rid = given_rid.unwrap_or_else(|| {
                format!(
                    "/subscriptions/{sub}/resourceGroups/{name}-rg/providers/Microsoft.ContainerService/managedClusters/{name}-{:04}",
                    s.next_id
                )
            });
            if !attached {
                s.clusters.insert(rid.to_ascii_lowercase(), (json!({"id": rid, "location": b["location"].clone()}), true));
            }
            let mut inner = b["properties"].get("properties").cloned().filter(Value::is_object).unwrap_or(json!({}));
            // What the service answers for a compute: every key of the AKS properties present,
            // null when unknown; azureml-core 1.61 reads agentVmSize, agentCount,
            // clusterPurpose, clusterFqdn, loadBalancerType, loadBalancerSubnet and
            // systemServices by key (aks.py `_initialize`;
            // /work/shared/reference/arm/aks-compute-schema.md §7 "GET parsing").
            for k in
                ["agentCount", "agentVmSize", "clusterPurpose", "clusterFqdn", "loadBalancerType", "loadBalancerSubnet", "systemServices"]
            {
                if inner.get(k).is_none() {
                    inner[k] = Value::Null;
                }
            }
            // The cluster's own FQDN: a created one's, as AKS names it
            // (`{dnsPrefix}-{hash}.hcp.{region}.azmk8s.io`); an attached one's as the cluster says.
            inner["clusterFqdn"] = if attached {
                let cluster = s.clusters.get(&rid.to_ascii_lowercase()).map(|(c, _)| &c["properties"]);
                // An attached cluster's agents are its own, not anything the body says (the
                // attach body carries none: aks.py `_build_attach_payload` deletes both): the
                // node count and VM size of its system pool, as the ManagedCluster GET
                // (`agentPoolProfiles[].count`, `.vmSize`) reports them; null for a cluster the
                // emulator does not know.
                let pools = cluster.and_then(|c| c["agentPoolProfiles"].as_array());
                let pool = pools.and_then(|p| p.iter().find(|x| x["mode"] == "System").or_else(|| p.first()));
                inner["agentCount"] = pool.map_or(Value::Null, |p| p["count"].clone());
                inner["agentVmSize"] = pool.map_or(Value::Null, |p| p["vmSize"].clone());
                cluster.map_or(Value::Null, |c| c["fqdn"].clone())
            } else {
                let region = b["properties"]["computeLocation"].as_str().or(b["location"].as_str()).unwrap_or(&cfg.workspace_location);
                json!(fqdn(name, region, s.next_id))
            };
            if !attached {
                // What the service fills in for a create that leaves them out (the v1 CLI's
                // documented defaults: 3 agents of Standard_D3_v2).
                if inner.get("agentCount").is_none_or(Value::is_null) {
                    inner["agentCount"] = json!(3);
                }
                if inner.get("agentVmSize").is_none_or(Value::is_null) {
                    inner["agentVmSize"] = json!("Standard_D3_v2");
                }
            }
            // The service's default purpose (the swagger's `default: FastProd`, on the property
            // whatever the PUT: a create's or an attach's).
            if inner.get("clusterPurpose").is_none_or(Value::is_null) {
                inner["clusterPurpose"] = json!("FastProd");
            }
            let now = now_rfc3339();
            let compute = json!({
                "id": format!("/{ws_path}/computes/{name}"), "name": name, "type": "Microsoft.MachineLearningServices/workspaces/computes",
                "location": b["location"].clone(), "tags": b.get("tags").cloned().unwrap_or(Value::Null),
                "properties": {
                    "computeType": "AKS", "provisioningState": "Creating", "resourceId": rid, "isAttachedCompute": attached,
                    "description": b["properties"]["description"].clone(), "provisioningErrors": null,
                    "createdOn": now, "modifiedOn": now,
                    "computeLocation": b["properties"].get("computeLocation").cloned().unwrap_or(b["location"].clone()),
                    "properties": inner
                }
            });
            s.computes.insert(name.to_string(), compute.clone());
            let op = new_operation(&mut s, cfg, name, if attached { "attach" } else { "create" });
            with_async(reply(StatusCode::CREATED, compute), &op, cfg, addr, &api)
        }
        ("DELETE", Some(name), None) => {
            count(&mut s, "DELETE compute".into());
            let action = query(uri, "underlyingResourceAction").unwrap_or_default().to_ascii_lowercase();
            if action != "delete" && action != "detach" {
                return arm_error(StatusCode::BAD_REQUEST, "InvalidParameter", "underlyingResourceAction must be Delete or Detach");
            }
            if !s.computes.contains_key(*name) {
                return Response::builder().status(StatusCode::NO_CONTENT).body(Full::new(Bytes::new())).unwrap();
            }
            if let Some(c) = s.computes.get_mut(*name) {
                c["properties"]["provisioningState"] = json!("Deleting");
            }
            let op = new_operation(&mut s, cfg, name, if action == "delete" { "delete" } else { "detach" });
            let mut r = with_async(reply(StatusCode::ACCEPTED, Value::Null), &op, cfg, addr, &api);
            *r.body_mut() = Full::new(Bytes::new());
            r
        }
        _ => arm_error(StatusCode::METHOD_NOT_ALLOWED, "MethodNotAllowed", "not supported by the emulator"),
    }
}

/// What the service keeps of a body's AKS properties: not the TLS certificate and key, which it
/// never returns (`x-ms-secret`; aks-compute-schema.md §6), nor the read-only system services
/// (ignored on PUT); the VM size under the one spelling it answers with (the older api-versions'
/// swagger writes `agentVMSize`, but the service reads keys without regard to case and answers
/// `agentVmSize`, which azureml-core 1.61 reads at 2020-02-02).
fn kept(inner: &mut Value) {
    let Some(p) = inner.as_object_mut() else {
        return;
    };
    p.remove("systemServices");
    if let Some(size) = p.remove("agentVMSize") {
        if p.get("agentVmSize").is_none_or(Value::is_null) {
            p.insert("agentVmSize".into(), size);
        }
    }
    if let Some(sc) = p.get_mut("sslConfiguration").and_then(Value::as_object_mut) {
        sc.remove("cert");
        sc.remove("key");
    }
}

/// A created cluster's API server FQDN, as AKS writes one: the DNS prefix (from the compute's
/// name), a hash, `hcp`, the region.
fn fqdn(name: &str, region: &str, n: u64) -> String {
    let prefix: String = name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(40).collect::<String>().to_ascii_lowercase();
    let region: String = region.chars().filter(char::is_ascii_alphanumeric).take(40).collect::<String>().to_ascii_lowercase();
    format!("{prefix}-{:08x}.hcp.{region}.azmk8s.io", n.wrapping_mul(0x9e37_79b9) & 0xffff_ffff)
}

/// The error of a failed operation, as ARM writes one.
fn failure() -> Value {
    json!({"code": "QuotaExceeded", "message": "Operation could not be completed as it results in exceeding approved cores quota (emulated: --fail)."})
}

/// The time now as ARM writes `createdOn`: seven fraction digits and an explicit offset
/// (`2026-12-01T18:04:05.1234567+00:00`).
fn now_rfc3339() -> String {
    let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let (days, secs) = ((d.as_secs() / 86_400) as i64, d.as_secs() % 86_400);
    // Howard Hinnant's civil_from_days: the proleptic Gregorian date of a day count.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:07}+00:00", secs / 3600, secs % 3600 / 60, secs % 60, d.subsec_nanos() / 100)
}

fn schema_checker() -> &'static schema::Checker {
    static C: std::sync::OnceLock<schema::Checker> = std::sync::OnceLock::new();
    C.get_or_init(schema::Checker::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_and_completions_stay_bounded() {
        let mut s = State::default();
        let cfg = Config::default();
        for i in 0..MAX_OPERATIONS + 50 {
            new_operation(&mut s, &cfg, "c", "create");
            s.completions.push((format!("op{i}"), Instant::now()));
        }
        assert!(
            s.operations.len() <= MAX_OPERATIONS && s.completions.len() <= MAX_OPERATIONS,
            "{} {}",
            s.operations.len(),
            s.completions.len()
        );
        // Finished operations are the first to go.
        let mut s = State::default();
        for _ in 0..MAX_OPERATIONS {
            let op = new_operation(&mut s, &cfg, "c", "create");
            s.operations.get_mut(&op.id).unwrap().done_at = Some(Instant::now());
        }
        let running = new_operation(&mut s, &cfg, "c", "create");
        assert!(s.operations.len() == 1 && s.operations.contains_key(&running.id));
    }
}
