//! The client against hostile servers (scripted loopback sockets) and faults after a write
//! (the emulator): nothing panics, nothing is followed elsewhere, nothing is read without end,
//! and an outcome nobody saw is reported as unknown, not as failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::request::{Cloud, Options};
use akscompute::{AttachConfig, Context, CreateConfig, Secret, UnderlyingAction, UpdateConfig};
use akscompute_client::{Client, ClientError, Limits, Operation, RetryPolicy, StaticToken};
use akscompute_emulator::{Config, Emulator, Fault};
use serde_json::json;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;
use common::{ctx, rt, SUB};

/// A loopback server answering each request with what `answer(request_line, n)` returns (raw
/// HTTP, connection closed after), recording every request line.
struct Scripted {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<String>>>,
    /// Every request's header lines, lower-cased names, in order.
    heads: Arc<Mutex<Vec<Vec<String>>>>,
}

impl Scripted {
    fn start(answer: impl Fn(&str, usize) -> Vec<u8> + Send + 'static) -> Self {
        Self::start_writing(move |line, n, stream| {
            let _ = stream.write_all(&answer(line, n));
        })
    }
    /// [`Scripted::start`] where the answer is written by `write` as it likes (slowly, in
    /// parts).
    fn start_writing(write: impl Fn(&str, usize, &mut std::net::TcpStream) + Send + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let seen: Arc<Mutex<Vec<String>>> = Arc::default();
        let heads: Arc<Mutex<Vec<Vec<String>>>> = Arc::default();
        let log = seen.clone();
        let head_log = heads.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    continue;
                }
                let mut length = 0usize;
                let mut head = Vec::new();
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
                        break;
                    }
                    head.push(h.trim().to_ascii_lowercase());
                    if let Some((k, v)) = h.split_once(':') {
                        if k.eq_ignore_ascii_case("content-length") {
                            length = v.trim().parse().unwrap_or(0);
                        }
                    }
                }
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
                let n = {
                    let mut l = log.lock().unwrap();
                    l.push(line.trim().to_string());
                    head_log.lock().unwrap().push(head);
                    l.len() - 1
                };
                write(line.trim(), n, &mut stream);
            }
        });
        Scripted { addr, seen, heads }
    }
    fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }
    fn requests(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

fn http(status: &str, headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut s = format!("HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        s.push_str(&format!("{k}: {v}\r\n"));
    }
    s.push_str("\r\n");
    s.push_str(body);
    s.into_bytes()
}

/// Three attempts (the tests count requests), polls given up after 5 s.
fn client(endpoint: &str) -> Client {
    let mut c = common::client_at(endpoint, Arc::new(StaticToken(Secret::new("tok"))));
    c.retry.max_attempts = 3;
    c.poll.timeout = Duration::from_secs(5);
    c
}

/// The time bounds here come from the behaviour they tell apart, not from how fast the machine
/// is: sleeping to a deadline of a minute against not sleeping, the policy's 20 ms interval
/// against the 5 s default, a 50 ms retry cap against the default policy's 30 s.
#[test]
fn huge_negative_or_garbage_retry_after_neither_panics_nor_oversleeps() {
    // The HTTP-date form too: a day from now is beyond the deadline as 86400 is.
    let tomorrow: &'static str =
        Box::leak(httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(86400)).into_boxed_str());
    for value in ["1e20", "18446744073709551615", "inf", "86400", tomorrow] {
        let s = Scripted::start(move |_, _| http("200 OK", &[("Retry-After", value)], r#"{"status": "InProgress"}"#));
        let mut c = client(&s.endpoint());
        c.poll.timeout = Duration::from_secs(60);
        let op = Operation { kind: "create", name: "myaks".into(), async_url: Some(format!("{}/op/1", s.endpoint())), reconciled: false };
        let started = Instant::now();
        let r = rt().block_on(c.wait(&ctx(), &op, &mut |_| {}));
        match r {
            Err(ClientError::RetryAfterBeyondDeadline { retry_after, left }) => assert!(retry_after > left, "{value}"),
            other => panic!("{value}: {other:?}"),
        }
        // Sleeping towards the deadline first would take the minute.
        assert!(started.elapsed() < c.poll.timeout / 2, "{value}: it did not sleep");
        assert_eq!(s.requests().len(), 1);
    }
    // A date already past asks for no wait: polled at the policy's interval (20 ms here). The
    // operation ends at the fourth poll; three waits of the default policy's 5 s, or of a "-5"
    // read as 5, would pass the 10 s deadline.
    for value in ["-5", "soon", "NaN", "Wed, 21 Oct 2015 07:28:00 GMT"] {
        let s = Scripted::start(move |_, n| {
            let status = if n < 3 { "InProgress" } else { "Succeeded" };
            http("200 OK", &[("Retry-After", value)], &format!(r#"{{"status": "{status}"}}"#))
        });
        let mut c = client(&s.endpoint());
        c.poll.timeout = Duration::from_secs(10);
        let op = Operation { kind: "create", name: "myaks".into(), async_url: Some(format!("{}/op/1", s.endpoint())), reconciled: false };
        let r = rt().block_on(c.wait(&ctx(), &op, &mut |_| {}));
        assert!(r.as_ref().is_ok_and(|st| st.succeeded()), "{value}: the policy's interval is used: {r:?}");
        assert_eq!(s.requests().len(), 4, "{value}");
    }
    // On a retried request, Retry-After is capped by the retry policy (50 ms here).
    let s = Scripted::start(|_, _| http("429 Too Many Requests", &[("Retry-After", "1e20")], "{}"));
    let started = Instant::now();
    let r = rt().block_on(client(&s.endpoint()).get(&ctx(), "myaks"));
    assert!(matches!(r, Err(ClientError::Arm { status: 429, .. })), "{r:?}");
    assert!(started.elapsed() < RetryPolicy::default().max_delay / 3);
    assert_eq!(s.requests().len(), 3);
}

#[test]
fn no_redirect_is_followed_and_no_body_goes_twice() {
    let elsewhere = Scripted::start(|_, _| http("200 OK", &[], "{}"));
    let target = format!("{}/steal", elsewhere.endpoint());
    for status in ["301 Moved Permanently", "302 Found", "307 Temporary Redirect", "308 Permanent Redirect"] {
        let to = target.clone();
        let s = Scripted::start(move |line, _| {
            if line.starts_with("GET") {
                http("404 Not Found", &[], r#"{"error": {"code": "NotFound", "message": "no"}}"#)
            } else {
                http(status, &[("Location", &to)], "")
            }
        });
        let c = client(&s.endpoint());
        let cfg = CreateConfig::from_value(&json!({"name": "myaks", "agent_count": 3, "vm_size": "Standard_D3_v2"})).unwrap();
        match rt().block_on(c.create(&cfg, &ctx())) {
            Err(e @ ClientError::Redirect { .. }) => {
                assert!(e.to_string().contains(&target), "the Location is named: {e}");
                assert_eq!(e.code(), "redirect");
            }
            other => panic!("{status}: {other:?}"),
        }
        let puts = s.requests().iter().filter(|l| l.starts_with("PUT")).count();
        assert_eq!(puts, 1, "{status}: the PUT went once: {:?}", s.requests());
    }
    assert!(elsewhere.requests().is_empty(), "nothing reached the Location: {:?}", elsewhere.requests());
}

#[test]
fn bodies_are_capped_while_read() {
    let big = "x".repeat((32 << 20) + 10);
    // Announced by Content-Length, and streamed without one (ended by closing).
    let announced = Scripted::start(move |_, _| http("200 OK", &[], &big));
    let streamed = Scripted::start(|_, _| {
        let mut r = b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".to_vec();
        r.extend(std::iter::repeat_n(b' ', (32 << 20) + 10));
        r
    });
    for s in [&announced, &streamed] {
        let r = rt().block_on(client(&s.endpoint()).get(&ctx(), "myaks"));
        match r {
            Err(ClientError::TooLarge { limit }) => assert_eq!(limit, 32 << 20),
            other => panic!("{other:?}"),
        }
        assert_eq!(s.requests().len(), 1, "a body over the cap is not asked for again");
    }
}

#[test]
fn lists_stop_on_a_repeated_link_and_after_the_page_cap() {
    let away = Scripted::start(|_, _| http("200 OK", &[], r#"{"value": [], "nextLink": "http://127.0.0.2:1/subscriptions/x"}"#));
    let r = rt().block_on(client(&away.endpoint()).list(&ctx()));
    assert!(matches!(r, Err(ClientError::Request(_))), "a link to another origin is refused: {r:?}");

    let me: Arc<Mutex<String>> = Arc::default();
    let me2 = me.clone();
    let selfloop = Scripted::start(move |line, _| {
        let path = line.split(' ').nth(1).unwrap_or_default().to_string();
        http("200 OK", &[], &json!({"value": [], "nextLink": format!("{}{path}", me2.lock().unwrap())}).to_string())
    });
    *me.lock().unwrap() = selfloop.endpoint();
    match rt().block_on(client(&selfloop.endpoint()).list(&ctx())) {
        Err(e @ ClientError::LinkLoop { .. }) => assert_eq!(e.code(), "link_loop"),
        other => panic!("{other:?}"),
    }
    assert_eq!(selfloop.requests().len(), 1);

    let me: Arc<Mutex<String>> = Arc::default();
    let me2 = me.clone();
    let endless = Scripted::start(move |_, n| {
        let next = format!("{}/subscriptions/{SUB}/page?skip={n}", me2.lock().unwrap());
        http("200 OK", &[], &json!({"value": [], "nextLink": next}).to_string())
    });
    *me.lock().unwrap() = endless.endpoint();
    let mut c = client(&endless.endpoint());
    c.limits = Limits { max_pages: 7, ..Limits::default() };
    match rt().block_on(c.list(&ctx())) {
        Err(ClientError::TooManyPages { limit }) => assert_eq!(limit, 7),
        other => panic!("{other:?}"),
    }
    assert_eq!(endless.requests().len(), 7);
}

/// Pages without end, each slow but in time (and one dripped a byte at a time): 1000 pages of
/// 3 attempts of 120 s would be 100 hours. The list ends at its own time limit, the page in
/// flight too.
#[test]
fn a_list_whose_pages_come_slowly_without_end_stops_at_its_time_limit() {
    let me: Arc<Mutex<String>> = Arc::default();
    let me2 = me.clone();
    let slow = Scripted::start_writing(move |_, n, stream| {
        let next = format!("{}/subscriptions/{SUB}/page?skip={n}", me2.lock().unwrap());
        std::thread::sleep(Duration::from_millis(100));
        let _ = stream.write_all(&http("200 OK", &[], &json!({"value": [], "nextLink": next}).to_string()));
    });
    *me.lock().unwrap() = slow.endpoint();
    let mut c = client(&slow.endpoint());
    c.limits.max_list_time = Duration::from_millis(500);
    let started = Instant::now();
    let r = rt().block_on(c.list(&ctx()));
    assert!(matches!(r, Err(ClientError::ListTimeout { .. })), "{:?}", r.map(|l| l.len()));
    assert!(started.elapsed() < Duration::from_secs(3), "the list's limit was 0.5 s: {:?}", started.elapsed());
    // The list's own words, not a wait's; the code a wait's.
    let e = r.err().unwrap();
    assert!(e.to_string().starts_with("the list was not read in full after ") && e.code() == "timeout", "{e}");
    assert!(slow.requests().len() < 10, "{} pages", slow.requests().len());

    let drip = Scripted::start_writing(|_, _, stream| {
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 100000\r\n\r\n{\"value\": \"");
        for _ in 0..100_000 {
            if stream.write_all(b"I").and_then(|()| stream.flush()).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    });
    let mut c = client(&drip.endpoint());
    c.limits.max_list_time = Duration::from_millis(400);
    let started = Instant::now();
    let r = rt().block_on(c.list(&ctx()));
    assert!(matches!(r, Err(ClientError::ListTimeout { .. })), "{:?}", r.map(|l| l.len()));
    assert!(started.elapsed() < Duration::from_secs(3), "the list's limit was 0.4 s: {:?}", started.elapsed());
}

/// Each page under the cap, but without end: 1000 pages of 32 MiB would be 32 GB read and
/// held. The pages of one list count against the cap of one answer together.
#[test]
fn a_list_whose_pages_together_pass_the_body_cap_stops_there() {
    let me: Arc<Mutex<String>> = Arc::default();
    let me2 = me.clone();
    // A page of about 300 KiB: computes whose descriptions fill it.
    let filler = "x".repeat(1000);
    let page = move |n: usize| {
        let value: Vec<_> = (0..300)
            .map(|i| {
                json!({"id": format!("/subscriptions/{SUB}/c/p{n}-{i}"), "name": format!("p{n}-{i}"),
                             "properties": {"computeType": "AKS", "description": filler}})
            })
            .collect();
        json!({"value": value, "nextLink": format!("{}/subscriptions/{SUB}/page?skip={n}", me2.lock().unwrap())}).to_string()
    };
    let endless = Scripted::start(move |_, n| http("200 OK", &[], &page(n)));
    *me.lock().unwrap() = endless.endpoint();
    let mut c = client(&endless.endpoint());
    c.limits = Limits { max_body: 2 << 20, max_pages: 50, ..Limits::default() };
    match rt().block_on(c.list(&ctx())) {
        Err(ClientError::TooLarge { limit }) => assert_eq!(limit, 2 << 20),
        other => panic!("{:?}", other.map(|l| l.len())),
    }
    let asked = endless.requests().len();
    assert!((7..=8).contains(&asked), "stopped once 2 MiB were read in all, after {asked} pages");
}

/// A 200 whose body is no compute (not UTF-8, nested past the reader's limit, no id) proves
/// nothing exists: create's existence check says the answer is wrong, not "already exists".
#[test]
fn a_create_whose_check_gets_a_body_that_is_no_compute_says_so() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    for body in [b"{\"name\": \"aks\xff\"}".to_vec(), deep.into_bytes(), br#"{"name": "myaks"}"#.to_vec()] {
        let s = Scripted::start(move |_, _| {
            let mut r = format!("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: {}\r\n\r\n", body.len()).into_bytes();
            r.extend_from_slice(&body);
            r
        });
        let cfg = CreateConfig::from_value(&json!({"name": "myaks", "agent_count": 3})).unwrap();
        match rt().block_on(client(&s.endpoint()).create(&cfg, &ctx())) {
            Err(e @ ClientError::Response(_)) => assert_eq!(e.code(), "response"),
            other => panic!("{other:?}"),
        }
        assert!(s.requests().iter().all(|r| r.starts_with("GET ")), "no PUT: {:?}", s.requests());
    }
}

#[test]
fn plain_http_only_on_loopback() {
    for bad in ["http://management.contoso.com", "http://10.1.2.3:8080", "http://127.0.0.1.nip.io", "http://127.0.0.1@evil.example"] {
        match Client::new(Options { cloud: Cloud::Custom(bad.into()), ..Options::default() }, Arc::new(StaticToken(Secret::new("tok")))) {
            Err(ClientError::Request(e)) => assert_eq!(e.field(), "cloud", "{bad}"),
            other => panic!("{bad}: {other:?}"),
        }
    }
    for ok in ["http://127.0.0.1:1", "http://localhost:1", "http://[::1]:1", "https://arm.contoso.com"] {
        assert!(
            Client::new(Options { cloud: Cloud::Custom(ok.into()), ..Options::default() }, Arc::new(StaticToken(Secret::new("t")))).is_ok(),
            "{ok}"
        );
    }
}

#[test]
fn dot_names_send_nothing() {
    let s = Scripted::start(|_, _| http("200 OK", &[], "{}"));
    let c = client(&s.endpoint());
    rt().block_on(async {
        for name in ["..", ".", "%2e%2e", "%2E."] {
            let refused = |r: Result<(), ClientError>| match r {
                Err(ClientError::Request(e)) => assert_eq!((e.code(), e.field()), ("invalid", "name"), "{name}"),
                Err(ClientError::Invalid(v)) => assert!(v.codes().iter().any(|c| c.starts_with("NAME")), "{name}"),
                other => panic!("{name}: {other:?}"),
            };
            refused(c.delete_or_detach(&ctx(), name, UnderlyingAction::Delete).await.map(|_| ()));
            refused(c.delete_or_detach(&ctx(), name, UnderlyingAction::Detach).await.map(|_| ()));
            refused(c.get(&ctx(), name).await.map(|_| ()));
            refused(c.list_keys(&ctx(), name).await.map(|_| ()));
            refused(c.update(&UpdateConfig::from_value(&json!({"name": name, "agent_count": 4})).unwrap(), &ctx()).await.map(|_| ()));
            refused(c.create(&CreateConfig::from_value(&json!({"name": name, "agent_count": 3})).unwrap(), &ctx()).await.map(|_| ()));
            let attach = AttachConfig::from_value(&json!({"name": name, "resource_group": "rg", "cluster_name": "c"})).unwrap();
            refused(c.attach(&attach, &ctx()).await.map(|_| ()));
        }
    });
    assert!(s.requests().is_empty(), "nothing was sent: {:?}", s.requests());
}

// ---------------------------------------------------------------- faults after the write

fn emulator() -> Emulator {
    common::emulator(Duration::from_millis(1))
}

/// Four attempts 20 to 40 ms apart (fewer than the faults the tests script), polls every 10 ms
/// for up to 5 s.
fn emulated(e: &Emulator) -> Client {
    let mut c = common::client(e);
    c.retry = RetryPolicy { max_attempts: 4, base_delay: Duration::from_millis(20), max_delay: Duration::from_millis(40) };
    c.poll.default_interval = Duration::from_millis(10);
    c.poll.timeout = Duration::from_secs(5);
    c
}

fn create(c: &Client, name: &str) {
    let cfg = CreateConfig::from_value(&json!({"name": name, "agent_count": 3, "vm_size": "Standard_D3_v2"})).unwrap();
    rt().block_on(async {
        let op = c.create(&cfg, &ctx()).await.unwrap();
        c.wait(&ctx(), &op, &mut |_| {}).await.unwrap();
    });
}

#[test]
fn a_delete_whose_answer_was_lost_and_whose_retry_finds_it_gone_removed_it() {
    let e = emulator();
    let c = emulated(&e);
    for action in [UnderlyingAction::Delete, UnderlyingAction::Detach] {
        create(&c, "gone-aks");
        e.fault(Some("DELETE"), Some("/computes/gone-aks"), Fault::Lost, 1);
        let op = rt().block_on(c.delete_or_detach(&ctx(), "gone-aks", action)).unwrap();
        let op = op.expect("this request removed it: not \"nothing to remove\"");
        assert!(op.reconciled && op.async_url.is_none(), "{op:?}");
        assert_eq!(rt().block_on(c.wait(&ctx(), &op, &mut |_| {})).unwrap().status, "Succeeded");
        assert!(e.computes().is_empty());
        // And a compute that was never there is still "nothing to remove".
        assert_eq!(rt().block_on(c.delete_or_detach(&ctx(), "never-aks", action)).unwrap(), None);
    }
}

#[test]
fn a_write_that_may_have_been_applied_is_an_unknown_outcome() {
    let e = emulator();
    let c = emulated(&e);
    // Delete: the first answer lost, every later request dropped.
    create(&c, "maybe-aks");
    e.fault(Some("DELETE"), Some("/computes/maybe-aks"), Fault::Lost, 1);
    e.fault(Some("DELETE"), Some("/computes/maybe-aks"), Fault::Drop, 10);
    let err = rt().block_on(c.delete_or_detach(&ctx(), "maybe-aks", UnderlyingAction::Delete)).unwrap_err();
    assert_unknown(&err, "delete", "maybe-aks");
    // Update: likewise.
    create(&c, "upd-aks");
    e.fault(Some("PUT"), Some("/computes/upd-aks"), Fault::Lost, 1);
    e.fault(Some("PUT"), Some("/computes/upd-aks"), Fault::Drop, 10);
    let upd = UpdateConfig::from_value(&json!({"name": "upd-aks", "agent_count": 4})).unwrap();
    assert_unknown(&rt().block_on(c.update(&upd, &ctx())).unwrap_err(), "update", "upd-aks");
    // Create: the PUT's answer lost, and every GET that would settle it dropped (the first GET,
    // the existence check before the PUT, answers as the service would).
    e.fault(Some("PUT"), Some("/computes/new-aks"), Fault::Lost, 1);
    e.fault(Some("GET"), Some("/computes/new-aks"), Fault::Status { status: 404, retry_after: None }, 1);
    e.fault(Some("GET"), Some("/computes/new-aks"), Fault::Drop, 10);
    let cfg = CreateConfig::from_value(&json!({"name": "new-aks", "agent_count": 3, "vm_size": "Standard_D3_v2"})).unwrap();
    assert_unknown(&rt().block_on(c.create(&cfg, &ctx())).unwrap_err(), "create", "new-aks");
    assert!(e.computes().contains_key("new-aks"), "it was in fact applied: reporting a failure would have been wrong");
}

fn assert_unknown(err: &ClientError, op: &str, name: &str) {
    match err {
        ClientError::OutcomeUnknown { operation, name: n, .. } => assert_eq!((*operation, n.as_str()), (op, name)),
        other => panic!("{op}: {other:?}"),
    }
    let text = err.to_string();
    assert!(text.contains("may have been applied") && text.contains("show") && text.contains("list"), "{text}");
    assert_eq!(err.code(), "outcome_unknown");
    // What the last request met is kept as the source, and its own cause under it.
    let cause = std::error::Error::source(err).and_then(|c| c.downcast_ref::<Box<ClientError>>());
    assert!(matches!(cause.map(|c| &**c), Some(ClientError::Transport { .. })), "{err:?}");
    assert!(err.report().len() > text.len(), "the report adds the causes: {}", err.report());
    assert_no_token(err, &Config::default().token);
}

/// Neither Display, Debug nor the one-line report of `err` (and its causes) shows `token`.
fn assert_no_token(err: &ClientError, token: &str) {
    let mut texts = vec![err.to_string(), format!("{err:?}"), err.report()];
    let mut next = std::error::Error::source(err);
    while let Some(e) = next {
        texts.extend([e.to_string(), format!("{e:?}")]);
        next = e.source();
    }
    for t in texts {
        assert!(!t.contains(token), "the bearer token shows in {t}");
    }
}

#[test]
fn no_error_shows_the_bearer_token_and_network_errors_keep_their_cause() {
    const TOKEN: &str = "bearer-SECRET-3f9a";
    let with_token = |endpoint: &str| {
        let mut c =
            Client::new(Options { cloud: Cloud::Custom(endpoint.into()), ..Options::default() }, Arc::new(StaticToken(Secret::new(TOKEN))))
                .unwrap();
        c.retry = client(endpoint).retry;
        c
    };
    // A port nobody listens on: the connection is refused.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let refused = rt().block_on(with_token(&format!("http://{closed}")).get(&ctx(), "myaks")).unwrap_err();
    // A server that reads the request (the header with the token) and closes without a word.
    let mute = Scripted::start(|_, _| Vec::new());
    let dropped = rt().block_on(with_token(&mute.endpoint()).get(&ctx(), "myaks")).unwrap_err();
    for err in [&refused, &dropped] {
        let ClientError::Transport { what, attempts, source } = err else { panic!("{err:?}") };
        assert!(what.starts_with("GET http://127.0.0.1:") && *attempts == 3, "{err:?}");
        assert!(err.to_string().ends_with(": no answer after 3 attempts"), "Display names what failed: {err}");
        assert!(source.is_some(), "reqwest's error is kept: {err:?}");
        assert_no_token(err, TOKEN);
    }
    // ARM's refusal, a redirect, and the provider's own failure.
    let unauthorized = Scripted::start(|_, _| {
        http("401 Unauthorized", &[], r#"{"error": {"code": "InvalidAuthenticationToken", "message": "bad token"}}"#)
    });
    let redirect = Scripted::start(|_, _| http("307 Temporary Redirect", &[("Location", "http://127.0.0.1:1/x")], ""));
    for server in [&unauthorized, &redirect] {
        let err = rt().block_on(with_token(&server.endpoint()).get(&ctx(), "myaks")).unwrap_err();
        assert!(matches!(err, ClientError::Arm { status: 401, .. } | ClientError::Redirect { .. }), "{err:?}");
        assert_no_token(&err, TOKEN);
    }
    let io = std::io::Error::other("az exited with 1");
    let token = ClientError::token_from("the Azure CLI failed", io);
    assert_eq!(
        (token.to_string(), token.report()),
        ("no token: the Azure CLI failed".into(), "no token: the Azure CLI failed: az exited with 1".into())
    );
    assert_no_token(&token, TOKEN);
}

#[test]
fn a_token_providers_error_reaches_the_caller_as_it_was_and_nothing_is_sent() {
    let server = Scripted::start(|_, _| b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n[]".to_vec());
    let provider = |_: &str| -> Result<Secret, ClientError> { Err(ClientError::token("run az login")) };
    let c =
        Client::new(Options { cloud: Cloud::Custom(format!("http://{}", server.addr)), ..Options::default() }, Arc::new(provider)).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let ctx = Context::from_value(&json!({"workspace": {"subscription_id": SUB, "resource_group": "rg", "name": "ws"}})).unwrap();
    let err = rt.block_on(c.list(&ctx)).unwrap_err();
    // Not wrapped a second time ("no token: no token: …").
    assert_eq!(err.to_string(), "no token: run az login");
    assert!(server.seen.lock().unwrap().is_empty(), "nothing is sent without a token");
}

/// A create the service accepted, whose `Azure-AsyncOperation` names another host or plain
/// http: the token is never sent there, and the wait watches the compute itself instead, so the
/// accepted create is neither lost nor reported as failed.
#[test]
fn an_operation_url_elsewhere_is_not_polled_and_the_compute_is_watched_instead() {
    let elsewhere = Scripted::start(|_, _| http("200 OK", &[], r#"{"status": "Succeeded"}"#));
    for link in [format!("{}/op/1", elsewhere.endpoint()), "http://management.azure.com/op/1".to_string()] {
        let gets: Arc<Mutex<usize>> = Arc::default();
        let seen = gets.clone();
        let to = link.clone();
        let s = Scripted::start(move |line, _| {
            if line.starts_with("PUT") {
                return http("201 Created", &[("Azure-AsyncOperation", &to)], r#"{"properties": {"provisioningState": "Creating"}}"#);
            }
            let mut n = seen.lock().unwrap();
            *n += 1;
            match *n {
                // The existence check before the PUT.
                1 => http("404 Not Found", &[], r#"{"error": {"code": "NotFound", "message": "no"}}"#),
                2 => http("200 OK", &[], &compute_json("Creating")),
                _ => http("200 OK", &[], &compute_json("Succeeded")),
            }
        });
        let c = client(&s.endpoint());
        let cfg = CreateConfig::from_value(&json!({"name": "myaks", "agent_count": 3, "vm_size": "Standard_D3_v2"})).unwrap();
        let op = rt().block_on(c.create(&cfg, &ctx())).unwrap();
        let mut states = Vec::new();
        let done = rt().block_on(c.wait(&ctx(), &op, &mut |st| states.push(st.to_string())));
        assert_eq!(done.map(|d| d.status).ok().as_deref(), Some("Succeeded"), "{link}: {states:?}");
        assert!(s.requests().iter().all(|l| !l.contains("/op/1")), "{link}: {:?}", s.requests());
    }
    assert!(elsewhere.requests().is_empty(), "nothing reached the other host: {:?}", elsewhere.requests());
}

fn compute_json(state: &str) -> String {
    json!({"id": format!("/subscriptions/{SUB}/resourceGroups/ml-rg/providers/Microsoft.MachineLearningServices/workspaces/ml-ws/computes/myaks"),
           "name": "myaks", "location": "eastus",
           "properties": {"computeType": "AKS", "provisioningState": state, "properties": {}}})
    .to_string()
}

/// The workspace's region comes from the network and goes into a request body: what is no
/// region name is refused, and a workspace ARM does not know is its error.
#[test]
fn a_workspace_location_that_is_no_region_is_refused() {
    for body in [r#"{"location": "east/../us"}"#, r#"{"location": 3}"#, r#"{"name": "ws"}"#, r#"{"location": "\u202eeastus"}"#] {
        let s = Scripted::start(move |_, _| http("200 OK", &[], body));
        match rt().block_on(client(&s.endpoint()).workspace_location(&ctx())) {
            Err(ClientError::Response(e)) => assert_eq!(e.path, "location", "{body}"),
            other => panic!("{body}: {other:?}"),
        }
        let line = &s.requests()[0];
        assert!(line.starts_with("GET /subscriptions/") && line.contains("/workspaces/") && !line.contains("/computes"), "{line}");
    }
    let s = Scripted::start(|_, _| http("404 Not Found", &[], r#"{"error": {"code": "ResourceNotFound", "message": "no workspace"}}"#));
    assert!(matches!(rt().block_on(client(&s.endpoint()).workspace_location(&ctx())), Err(ClientError::Arm { status: 404, .. })));
    let s = Scripted::start(|_, _| http("200 OK", &[], r#"{"location": "westeurope"}"#));
    assert_eq!(rt().block_on(client(&s.endpoint()).workspace_location(&ctx())).unwrap(), "westeurope");
}

/// An error answer with a 10 MB message: the error carries its first 4,096 characters, not
/// megabytes for every log line and exception to repeat.
#[test]
fn a_huge_arm_error_message_is_cut() {
    let body = json!({"error": {"code": "BadRequest", "message": "x".repeat(10 << 20)}}).to_string();
    let s = Scripted::start(move |_, _| http("400 Bad Request", &[], &body));
    match rt().block_on(client(&s.endpoint()).get(&ctx(), "myaks")) {
        Err(e @ ClientError::Arm { status: 400, .. }) => assert!(e.to_string().len() < 5000, "{} bytes", e.to_string().len()),
        other => panic!("{:?}", other.map(|_| ())),
    }
}

/// An error message that starts lines of its own (LF, CRLF, U+2028, NEL) would forge a line in
/// the CLI's output or a log: the error says it on one line, each break escaped.
#[test]
fn an_arm_error_message_cannot_forge_a_line() {
    let body = json!({"error": {"code": "Conflict\nINFO", "message": "busy.\nINFO: compute myaks created\r\nok\u{2028}done\u{85}end"}})
        .to_string();
    let s = Scripted::start(move |_, _| http("409 Conflict", &[], &body));
    match rt().block_on(client(&s.endpoint()).get(&ctx(), "myaks")) {
        Err(e @ ClientError::Arm { status: 409, .. }) => {
            let text = e.to_string();
            assert_eq!(text.lines().count(), 1, "{text}");
            assert!(!text.contains(['\n', '\r', '\u{2028}', '\u{85}']), "{text}");
            assert!(text.ends_with("busy.\\nINFO: compute myaks created\\r\\nok\\u{2028}done\\u{85}end"), "{text}");
        }
        other => panic!("{:?}", other.map(|_| ())),
    }
}

// ---------------------------------------------------------------- the fourth audit

/// A client for `endpoint` signing with `token`, three attempts, polls given up after 5 s.
fn signing(endpoint: &str, token: &str) -> Client {
    let mut c =
        Client::new(Options { cloud: Cloud::Custom(endpoint.into()), ..Options::default() }, Arc::new(StaticToken(Secret::new(token))))
            .unwrap();
    let template = client(endpoint);
    (c.retry, c.poll) = (template.retry, template.poll);
    c
}

/// A server (or a proxy in front of it) that echoes the bearer token back: in ARM's error
/// message, in the request-id headers the client logs, in a redirect's Location, in an
/// operation's error. The client knows the token it sent, so none of it reaches an error.
#[test]
fn a_token_the_server_echoes_back_shows_in_no_error() {
    const TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.echoed.3f9a";
    // The token's first character escaped, in JSON (`\u0065`) or in a URL (`%65`): the raw
    // bytes do not hold the token, what the client reads from them does.
    let tail = &TOKEN[1..];
    let unauthorized = Scripted::start(|_, _| {
        let body = json!({"error": {"code": "InvalidAuthenticationToken", "message": format!("The access token '{TOKEN}' is invalid.")}});
        http(
            "401 Unauthorized",
            &[("x-ms-request-id", TOKEN), ("WWW-Authenticate", &format!("Bearer token=\"{TOKEN}\""))],
            &body.to_string(),
        )
    });
    let err = rt().block_on(signing(&unauthorized.endpoint(), TOKEN).get(&ctx(), "myaks")).unwrap_err();
    assert!(matches!(err, ClientError::Arm { status: 401, .. }), "{err:?}");
    assert!(err.to_string().contains("The access token '<redacted>' is invalid"), "the rest of the message stays: {err}");
    assert_no_token(&err, TOKEN);

    let escaped = Scripted::start(|_, _| {
        let body = format!(
            r#"{{"error": {{"code": "InvalidAuthenticationToken", "message": "The access token '\u0065{}' is invalid."}}}}"#,
            &TOKEN[1..]
        );
        http("401 Unauthorized", &[], &body)
    });
    let err = rt().block_on(signing(&escaped.endpoint(), TOKEN).get(&ctx(), "myaks")).unwrap_err();
    assert!(matches!(err, ClientError::Arm { status: 401, .. }), "{err:?}");
    assert!(err.to_string().contains("The access token '<redacted>' is invalid"), "the rest of the message stays: {err}");
    assert_no_token(&err, TOKEN);

    for location in [format!("https://evil.example/?t={TOKEN}"), format!("https://evil.example/?t=%65{tail}")] {
        let redirect = Scripted::start(move |_, _| http("307 Temporary Redirect", &[("Location", &location)], ""));
        let err = rt().block_on(signing(&redirect.endpoint(), TOKEN).get(&ctx(), "myaks")).unwrap_err();
        assert!(matches!(err, ClientError::Redirect { .. }), "{err:?}");
        assert_no_token(&err, tail);
    }

    // An operation URL holding the encoded token: the poll that fails names its URL.
    let me: Arc<Mutex<String>> = Arc::default();
    let me2 = me.clone();
    let polled = Scripted::start(move |line, _| {
        if line.starts_with("GET /op/1") {
            http("503 Service Unavailable", &[], "")
        } else if line.starts_with("GET") {
            http("404 Not Found", &[], r#"{"error": {"code": "NotFound", "message": "no"}}"#)
        } else {
            let op = format!("{}/op/1?api-version=2021-01-01&sig=%65{}", me2.lock().unwrap(), &TOKEN[1..]);
            http("202 Accepted", &[("Azure-AsyncOperation", &op)], "")
        }
    });
    *me.lock().unwrap() = polled.endpoint();
    let c = signing(&polled.endpoint(), TOKEN);
    let cfg = CreateConfig::from_value(&json!({"name": "new-aks", "agent_count": 3, "vm_size": "Standard_D3_v2"})).unwrap();
    let op = rt().block_on(c.create(&cfg, &ctx())).unwrap();
    assert!(!format!("{op:?}").contains(tail), "{op:?}");
    let err = rt().block_on(c.wait(&ctx(), &op, &mut |_| {})).unwrap_err();
    assert_no_token(&err, tail);

    let failed = Scripted::start(|_, _| {
        http(
            "200 OK",
            &[],
            &json!({"status": "Failed", "error": {"code": "Denied", "message": format!("caller {TOKEN} may not")}}).to_string(),
        )
    });
    let c = signing(&failed.endpoint(), TOKEN);
    let op = Operation { kind: "create", name: "myaks".into(), async_url: Some(format!("{}/op/1", failed.endpoint())), reconciled: false };
    let err = rt().block_on(c.wait(&ctx(), &op, &mut |_| {})).unwrap_err();
    assert!(matches!(err, ClientError::OperationFailed { .. }), "{err:?}");
    assert_no_token(&err, TOKEN);
}

/// azureml-core takes any 2xx answer to its PUT (it only raises for 4xx and 5xx) and polls the
/// `Azure-AsyncOperation` URL; ARM's asynchronous pattern allows 202 Accepted. An accepted
/// create or update is not an error.
#[test]
fn a_put_answered_202_accepted_is_an_accepted_operation() {
    let me: Arc<Mutex<String>> = Arc::default();
    let me2 = me.clone();
    let s = Scripted::start(move |line, _| {
        let op = format!("{}/op/1?api-version=2021-01-01", me2.lock().unwrap());
        if line.starts_with("GET /op/1") {
            http("200 OK", &[], r#"{"status": "Succeeded"}"#)
        } else if line.starts_with("GET") && line.contains("/computes/new-aks") {
            http("404 Not Found", &[], r#"{"error": {"code": "NotFound", "message": "no"}}"#)
        } else if line.starts_with("GET") {
            http("200 OK", &[], &compute_json("Succeeded"))
        } else {
            http("202 Accepted", &[("Azure-AsyncOperation", &op)], "")
        }
    });
    *me.lock().unwrap() = s.endpoint();
    let c = client(&s.endpoint());
    let cfg = CreateConfig::from_value(&json!({"name": "new-aks", "agent_count": 3, "vm_size": "Standard_D3_v2"})).unwrap();
    let op = rt().block_on(c.create(&cfg, &ctx())).unwrap();
    assert!(op.async_url.as_deref().is_some_and(|u| u.contains("/op/1")) && !op.reconciled, "{op:?}");
    assert_eq!(rt().block_on(c.wait(&ctx(), &op, &mut |_| {})).unwrap().status, "Succeeded");
    let upd = UpdateConfig::from_value(&json!({"name": "myaks", "agent_count": 4})).unwrap();
    let (op, _) = rt().block_on(c.update(&upd, &ctx())).unwrap();
    assert!(op.async_url.is_some(), "{op:?}");
    assert_eq!(s.requests().iter().filter(|l| l.starts_with("PUT")).count(), 2, "each PUT went once: {:?}", s.requests());
}

/// One header of 8 MiB, or 100,000 small ones: the HTTP stack refuses the head (it caps it)
/// and the request ends in a network error after the retries, without reading it all in.
#[test]
fn a_header_of_megabytes_or_a_block_of_thousands_ends_in_an_error() {
    let one = Scripted::start(|_, _| {
        let mut r = b"HTTP/1.1 200 OK\r\nConnection: close\r\nX-Big: ".to_vec();
        r.extend(std::iter::repeat_n(b'a', 8 << 20));
        r.extend_from_slice(b"\r\nContent-Length: 2\r\n\r\n{}");
        r
    });
    let many = Scripted::start(|_, _| {
        let mut r = b"HTTP/1.1 200 OK\r\nConnection: close\r\n".to_vec();
        for i in 0..100_000 {
            r.extend_from_slice(format!("X-N{i}: v\r\n").as_bytes());
        }
        r.extend_from_slice(b"Content-Length: 2\r\n\r\n{}");
        r
    });
    for s in [&one, &many] {
        let started = Instant::now();
        let r = rt().block_on(client(&s.endpoint()).get(&ctx(), "myaks"));
        assert!(matches!(r, Err(ClientError::Transport { attempts: 3, .. })), "{r:?}");
        assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
    }
}

/// The client asks for no compression (no `Accept-Encoding`), so no gzip, deflate or brotli
/// bomb can be asked for; an answer compressed anyway is not inflated: its compressed bytes
/// are what counts against the cap, and they are no JSON.
#[test]
fn no_compressed_answer_is_asked_for_or_inflated() {
    // gzip of {"value": []}: inflated, it would be an empty list.
    const GZIP: &[u8] = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\xab\x56\x2a\x4b\xcc\x29\x4d\x55\xb2\x52\x88\x8e\xad\x05\x00\xd7\xfd\x17\x49\x0d\x00\x00\x00";
    let s = Scripted::start(|_, _| {
        let mut r = format!("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\n\r\n", GZIP.len())
            .into_bytes();
        r.extend_from_slice(GZIP);
        r
    });
    let r = rt().block_on(client(&s.endpoint()).list(&ctx()));
    assert!(matches!(r, Err(ClientError::Response(_))), "not inflated: {r:?}");
    let heads = s.heads.lock().unwrap().clone();
    assert!(!heads.is_empty() && heads.iter().flatten().all(|h| !h.starts_with("accept-encoding")), "{heads:?}");
}

/// A server that sends its answer one byte at a time, never finishing: each attempt ends at
/// [`Limits::max_time`], and a wait's requests end at the wait's deadline, not minutes later.
#[test]
fn an_answer_dripped_a_byte_at_a_time_is_cut_at_the_time_limit() {
    let drip = || {
        Scripted::start_writing(|_, _, stream| {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 100000\r\n\r\n{\"status\": \"");
            for _ in 0..100_000 {
                if stream.write_all(b"I").and_then(|()| stream.flush()).is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        })
    };
    let s = drip();
    let mut c = client(&s.endpoint());
    c.limits.max_time = Duration::from_millis(300);
    c.retry.max_attempts = 2;
    let started = Instant::now();
    let r = rt().block_on(c.get(&ctx(), "myaks"));
    assert!(matches!(r, Err(ClientError::Transport { attempts: 2, .. })), "{r:?}");
    assert!(started.elapsed() < Duration::from_secs(3), "two attempts of 0.3 s: {:?}", started.elapsed());

    // The wait's deadline bounds the request in flight too (max_time stays at its default).
    let s = drip();
    let mut c = client(&s.endpoint());
    c.poll.timeout = Duration::from_millis(400);
    let op = Operation { kind: "create", name: "myaks".into(), async_url: Some(format!("{}/op/1", s.endpoint())), reconciled: false };
    let started = Instant::now();
    let r = rt().block_on(c.wait(&ctx(), &op, &mut |_| {}));
    assert!(matches!(r, Err(ClientError::Timeout { .. })), "{r:?}");
    assert!(started.elapsed() < Duration::from_secs(3), "the deadline was 0.4 s: {:?}", started.elapsed());

    // A PUT answered 202 without an operation URL: the wait watches the compute itself, and
    // the deadline bounds those GETs as well.
    let s = Scripted::start_writing(|line, n, stream| {
        if n == 0 {
            let _ = stream.write_all(&http("404 Not Found", &[], r#"{"error": {"code": "NotFound", "message": "no"}}"#));
        } else if line.starts_with("PUT") {
            let _ = stream.write_all(&http("202 Accepted", &[], ""));
        } else {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 100000\r\n\r\n{\"properties\": \"");
            for _ in 0..100_000 {
                if stream.write_all(b"I").and_then(|()| stream.flush()).is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    });
    let mut c = client(&s.endpoint());
    c.poll.timeout = Duration::from_millis(400);
    let cfg = CreateConfig::from_value(&json!({"name": "new-aks", "agent_count": 3, "vm_size": "Standard_D3_v2"})).unwrap();
    let op = rt().block_on(c.create(&cfg, &ctx())).unwrap();
    assert!(op.async_url.is_none(), "{op:?}");
    let started = Instant::now();
    let r = rt().block_on(c.wait(&ctx(), &op, &mut |_| {}));
    assert!(matches!(r, Err(ClientError::Timeout { .. })), "{r:?}");
    assert!(started.elapsed() < Duration::from_secs(3), "the deadline was 0.4 s: {:?}", started.elapsed());
}

/// A 503 storm after a create's PUT: the PUT is not repeated, the GETs that would settle it are
/// bounded, and since the PUT may have been applied, the outcome is unknown, not a failure.
#[test]
fn a_503_storm_after_a_create_is_bounded_and_its_outcome_unknown() {
    let s = Scripted::start(|line, n| {
        if n == 0 && line.starts_with("GET") {
            return http("404 Not Found", &[], r#"{"error": {"code": "NotFound", "message": "no"}}"#);
        }
        http("503 Service Unavailable", &[("Retry-After", "0")], r#"{"error": {"code": "ServiceUnavailable", "message": "busy"}}"#)
    });
    let cfg = CreateConfig::from_value(&json!({"name": "myaks", "agent_count": 3, "vm_size": "Standard_D3_v2"})).unwrap();
    let err = rt().block_on(client(&s.endpoint()).create(&cfg, &ctx())).unwrap_err();
    assert!(matches!(&err, ClientError::OutcomeUnknown { operation: "create", .. }), "{err:?}");
    let puts = s.requests().iter().filter(|l| l.starts_with("PUT")).count();
    assert_eq!(puts, 1, "{:?}", s.requests());
    assert!(s.requests().len() <= 1 + 1 + 3, "bounded: {:?}", s.requests());
}
