//! Hostile input and hostile servers through the built binary (issue #11, the CLI's part):
//! escapes, exit codes, closed pipes, capped reads, errors of both inputs, the library's order,
//! and a write whose outcome is unknown.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod common;
use akscompute_emulator::{Config, Emulator, Fault};
use common::*;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Command, Stdio};

const FORGED: &str = "\u{1b}[2J\n0 errors, 0 warnings, 0 infos (profile 2021-11): the configuration can be sent";

fn no_forgery(text: &str) {
    assert!(!text.contains("\u{1b}[2J"), "a raw escape reached the terminal:\n{text:?}");
    assert!(!text.lines().any(|l| l.starts_with("0 errors")), "a forged summary line:\n{text}");
}

#[test]
fn names_and_messages_cannot_drive_the_terminal() {
    let d = scratch("escape");
    let config = serde_json::json!({ "name": FORGED }).to_string();
    let mut c = cmd(&d, &["check", "create", "--config", "-"]);
    c.env("CLICOLOR_FORCE", "1");
    let r = run_in(c, Some(config.as_bytes()));
    assert_eq!(r.code, 1, "{}", r.out);
    no_forgery(&r.out);
    assert!(r.out.contains("\\u{1b}[2J\\n0 errors"), "the name is shown escaped: {}", r.out);
    assert!(r.out.contains("\u{1b}[1;31m") || r.out.contains("\u{1b}[31m"), "colour stays, forced: {:?}", r.out);
    // The same name as a detach target: the refusal on standard error is escaped too.
    let r = run(&d, &["plan", "detach", "--config", "-", "--context", "-"], Some(&config));
    no_forgery(&r.err);
}

/// A server that answers every request with a 400 whose message is hostile.
fn hostile_server() -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    std::thread::spawn(move || {
        for s in l.incoming() {
            let Ok(mut s) = s else { continue };
            let mut buf = [0u8; 8192];
            let _ = s.read(&mut buf);
            let body = serde_json::json!({"error": {"code": "Evil\u{1b}]0;pwned\u{7}", "message": FORGED}}).to_string();
            let _ = write!(
                s,
                "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    format!("http://{addr}")
}

#[test]
fn arm_error_messages_are_escaped_and_exit_4() {
    let d = scratch("arm-escape");
    let url = hostile_server();
    let mut c = cmd(
        &d,
        &["computetarget", "show", "-n", "myaks", "-g", "rg", "-w", "ws", "--subscription-id", SUB, "--cloud", &url, "--token-env", "T"],
    );
    c.env("T", "secret-token").env("CLICOLOR_FORCE", "1");
    let r = run_in(c, None);
    assert_eq!(r.code, 4, "the service failed: {}", r.err);
    no_forgery(&r.err);
    assert!(!r.err.contains('\u{7}') && !r.err.contains("\u{1b}]0;"), "no title-setting escape: {:?}", r.err);
    assert!(r.err.contains("400") && !r.err.contains("secret-token"), "{}", r.err);
}

#[test]
fn every_exit_code() {
    let d = scratch("codes");
    assert_eq!(run(&d, &["check", "create", "--config", "-", "--profile", "sdk"], Some(r#"{"name": "myaks"}"#)).code, 0, "done");
    assert_eq!(run(&d, &["check", "create", "--config", "-"], Some(r#"{"name": "ab"}"#)).code, 1, "configuration errors");
    assert_eq!(run(&d, &["check", "create", "--config", "-"], Some(r#"{"name": "myaks", "agent_count": "3"}"#)).code, 2, "misuse");
    assert_eq!(run(&d, &["check", "create", "--bogus-flag"], None).code, 2, "misuse of the command line");
    let e = Emulator::start(Config::default());
    let tok = e.config().token.clone();
    let live = |args: &[&str], token: &str| {
        let mut c = cmd(&d, args);
        c.args(["-g", "ml-rg", "-w", "ml-ws", "--subscription-id", SUB, "--cloud", &e.endpoint(), "--token-env", "T"]).env("T", token);
        run_in(c, None)
    };
    let r = live(&["computetarget", "show", "-n", "nothere"], &tok);
    assert_eq!(r.code, 3, "not found: {}", r.err);
    assert!(r.err.contains("no compute named nothere"), "{}", r.err);
    assert_eq!(live(&["computetarget", "list"], &tok).code, 0);
    assert_eq!(live(&["computetarget", "list"], "wrong").code, 4, "the service refused");
    let help = run(&d, &["--help"], None);
    assert_eq!(help.code, 0);
    for s in ["EXIT STATUS", "3  not found", "4  the service or the network failed"] {
        assert!(help.out.contains(s), "{s} in --help");
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let d = scratch("pipe");
    for args in [&["check", "create", "--config", "-"][..], &["plan", "detach", "--config", "-", "--context", "../ctx.json"][..]] {
        std::fs::write(
            d.join("../ctx.json"),
            format!(r#"{{"workspace": {{"subscription_id": "{SUB}", "resource_group": "rg", "name": "ws"}}}}"#),
        )
        .unwrap();
        let mut child = cmd(&d, args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        // The reader goes away before the CLI has anything to write (it waits for its input).
        drop(child.stdout.take());
        child.stdin.take().unwrap().write_all(br#"{"name": "myaks"}"#).unwrap();
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked") && !err.contains("Broken pipe"), "{args:?}: {err}");
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
    }
}

#[cfg(unix)]
#[test]
fn every_read_is_capped() {
    let d = scratch("caps");
    let r = run(
        &d,
        &["check", "create", "--config", "-"],
        Some(r#"{"name": "myaks", "ssl": {"cname": "a.contoso.com", "cert_file": "/dev/zero", "key_file": "/dev/zero"}}"#),
    );
    assert_eq!(r.code, 2, "{}", r.err);
    assert!(r.err.contains("ssl.cert_file") && r.err.contains("larger than 1 MiB"), "{}", r.err);
    let r = run(&d, &["check", "create", "--config", "/dev/zero"], None);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("larger than 32 MiB"), "{}", r.err);
    let r = run(&d, &["check", "create", "--config", "-", "--context", "/dev/zero"], Some("{}"));
    assert!(r.code == 2 && r.err.contains("context") && r.err.contains("larger than 32 MiB"), "{}", r.err);
    let big = vec![b' '; (33 << 20) as usize];
    let r = run_in(cmd(&d, &["check", "create", "--config", "-"]), Some(&big));
    assert!(r.code == 2 && r.err.contains("standard input is larger than 32 MiB"), "{}", r.err);
}

/// A named pipe as a PEM path (or as the configuration): with nobody writing, the command
/// ends at once with an error naming the field (it waited forever for a writer); with a
/// writer, as `<(…)` makes one, the pipe is read.
#[cfg(unix)]
#[test]
fn a_named_pipe_with_no_writer_does_not_hang_and_one_with_a_writer_is_read() {
    use std::time::{Duration, Instant};
    let d = scratch("fifo");
    let fifo = d.join("cert.fifo");
    let _ = std::fs::remove_file(&fifo);
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let f = fifo.display().to_string();
    let started = Instant::now();
    let cfg = format!(r#"{{"name": "myaks", "ssl": {{"cname": "a.contoso.com", "cert_file": "{f}", "key_file": "{f}"}}}}"#);
    let r = run(&d, &["check", "create", "--config", "-"], Some(&cfg));
    assert!(started.elapsed() < Duration::from_secs(20), "it waited for a writer");
    assert_eq!(r.code, 2, "{}", r.err);
    assert!(r.err.contains("ssl.cert_file") && r.err.contains("cert.fifo") && r.err.contains("nobody wrote"), "{}", r.err);
    // A writer that comes late: the read waits for it.
    let late = Command::new("sh").arg("-c").arg(format!("sleep 1; printf '{{\"name\": \"myaks\"}}' > '{f}'")).spawn().unwrap();
    let r = run(&d, &["check", "create", "--config", &f], None);
    assert_eq!(r.code, 0, "{} {}", r.err, r.out);
    let _ = late.wait_with_output();
}

/// `--path` naming a named pipe (`--path <(…)`) reads the workspace's config.json from it, as
/// `--config` reads a configuration; a device is read too and says what it holds. Both said
/// "no config.json there or in a parent folder", searching "in" them as in a folder.
#[cfg(unix)]
#[test]
fn a_workspace_path_that_is_a_pipe_or_a_device_is_read_as_the_file() {
    let d = scratch("ws-fifo");
    std::fs::write(d.join("c.json"), r#"{"name": "myaks", "cluster_purpose": "DevTest", "agent_count": 1}"#).unwrap();
    let fifo = d.join("ws.fifo");
    let _ = std::fs::remove_file(&fifo);
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let f = fifo.display().to_string();
    let body = format!(r#"{{"subscription_id": "{SUB}", "resource_group": "rg", "workspace_name": "ws", "location": "eastus"}}"#);
    let mut writer = Command::new("sh").arg("-c").arg(format!("printf '%s' '{body}' > '{f}'")).spawn().unwrap();
    let r = run(&d, &["create", "--config", "c.json", "--dry-run", "-o", "json", "--path", &f], None);
    // A writer nobody read from would wait for a reader for ever.
    let _ = writer.kill();
    let _ = writer.wait();
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/computes/myaks"), "{}", r.out);
    let r = run(&d, &["create", "--config", "c.json", "--dry-run", "-o", "json", "--path", "/dev/null"], None);
    assert_eq!(r.code, 2, "{}", r.err);
    assert!(r.err.contains("/dev/null") && r.err.contains("not valid JSON") && !r.err.contains("no config.json there"), "{}", r.err);
}

/// A folder of configurations with links back into itself (`ln -s . d/a`): the walk does not
/// follow a link to a folder (it never ended, and `ln -s . d/self` listed each file 41 times); a
/// link to a file is read.
#[cfg(unix)]
#[test]
fn links_to_folders_are_not_followed() {
    let d = scratch("links");
    let cfgs = d.join("cfgs");
    let _ = std::fs::remove_dir_all(&cfgs);
    std::fs::create_dir_all(&cfgs).unwrap();
    std::fs::write(cfgs.join("a.json"), r#"{"name": "myaks", "cluster_purpose": "DevTest", "agent_count": 1}"#).unwrap();
    std::os::unix::fs::symlink(".", cfgs.join("self")).unwrap();
    std::os::unix::fs::symlink(".", cfgs.join("again")).unwrap();
    std::os::unix::fs::symlink("a.json", cfgs.join("b.json")).unwrap();
    let started = std::time::Instant::now();
    let r = run(&d, &["check", "create", "--config", "cfgs", "-o", "json"], None);
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "the walk followed the links");
    assert_eq!(r.code, 0, "{} {}", r.err, r.out);
    let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    let files: Vec<&str> = v.as_array().unwrap().iter().map(|x| x["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["cfgs/a.json", "cfgs/b.json"], "{}", r.out);
}

/// A 400-digit count is valid JSON (Python's json.dumps writes it): the CLI reports it at its
/// field among the other problems, as the core's text reader and the Python binding do, not as
/// "not valid JSON: number out of range".
#[test]
fn an_integer_beyond_a_double_is_a_problem_at_its_field() {
    let d = scratch("huge-int");
    std::fs::write(d.join("h.json"), format!(r#"{{"name": "aks1", "agent_count": {}, "zzz": 1}}"#, "9".repeat(400))).unwrap();
    let r = run(&d, &["check", "create", "h.json"], None);
    assert_eq!(r.code, 2, "{}", r.err);
    assert!(r.err.contains("2 problems") && r.err.contains("agent_count:") && r.err.contains("zzz"), "{}", r.err);
    assert!(!r.err.contains("not valid JSON"), "{}", r.err);
}

/// Standard input reads as a file does: JSON lines with a 400-digit count are each checked,
/// the count a problem at its field among the line's others (the stream said "not valid JSON:
/// number out of range" and stopped there); a float beyond a double stays not JSON, as in a file.
#[test]
fn an_integer_beyond_a_double_on_standard_input_is_a_problem_at_its_field() {
    let d = scratch("huge-int-stdin");
    let nines = "9".repeat(400);
    let lines = format!(
        "{{\"name\": \"aks1\", \"agent_count\": {nines}, \"zzz\": 1}}\n{{\"name\": \"aks2\", \"agent_count\": -{nines}}}\n{{\"name\": \"aks3\", \"agent_count\": 1e400}}\n"
    );
    let r = run(&d, &["check", "create", "-"], Some(&lines));
    assert_eq!(r.code, 2, "{} {}", r.err, r.out);
    let line = |n: usize| r.out.split(&format!("stdin:{n}:")).nth(1).and_then(|t| t.split("\nstdin:").next()).unwrap_or_default();
    assert!(line(1).contains("2 problems") && line(1).contains("agent_count:") && line(1).contains("zzz"), "{}", r.out);
    assert!(line(2).contains("agent_count:") && !line(2).contains("not valid JSON"), "{}", r.out);
    assert!(line(3).contains("not valid JSON"), "{}", r.out);
    // One document on standard input prints as one file does.
    let r = run(&d, &["check", "create", "-"], Some(&format!(r#"{{"name": "aks1", "agent_count": {nines}, "zzz": 1}}"#)));
    assert_eq!(r.code, 2, "{}", r.err);
    assert!(r.err.contains("2 problems") && r.err.contains("agent_count:") && r.err.contains("zzz"), "{}", r.err);
    assert!(!r.err.contains("not valid JSON"), "{}", r.err);
}

/// A document that is read on its own (each of standard input's) and is not JSON there says
/// where in the user's input: a pretty-printed document on lines 3-5 whose number on its third
/// line is out of range is at line 5 of standard input, not at "line 3" of the document; one
/// that starts mid-line counts its columns from the line's start.
#[test]
fn a_syntax_error_on_standard_input_is_placed_in_the_input() {
    let d = scratch("stdin-positions");
    let text = "{\"name\": \"aks1\"}\n\n{\"name\":\n  \"aks2\",\n  \"agent_count\": 1e400}\n";
    let r = run(&d, &["check", "create", "-"], Some(text));
    assert_eq!(r.code, 2, "{} {}", r.err, r.out);
    assert!(r.out.contains("stdin:3:") && r.out.contains("number out of range at line 5 column 22"), "{}", r.out);
    let r = run(&d, &["check", "create", "-"], Some("{\"name\": \"aks1\"}  {\"agent_count\": 1e400}\n"));
    assert!(r.out.contains("number out of range at line 1 column 39"), "{}", r.out);
}

/// Each JSON line is named by the line it starts on, blank lines and indented lines counted
/// (a blank line before a document named it by the line before); the count runs on from the
/// last document, so a long stream is read in one pass.
#[test]
fn json_lines_on_standard_input_are_named_by_the_line_they_start_on() {
    let d = scratch("stdin-lines");
    let lines = "{\"name\": \"aks1\"}\n\n\n  {\"name\": \"aks2\", \"zzz\": 1}\n{\"name\": \"aks3\", \"yyy\": 1}\n";
    let r = run(&d, &["check", "create", "-"], Some(lines));
    assert_eq!(r.code, 2, "{} {}", r.err, r.out);
    let line = |n: usize| r.out.split(&format!("stdin:{n}:")).nth(1).and_then(|t| t.split("\nstdin:").next()).unwrap_or_default();
    assert!(line(4).contains("zzz") && line(5).contains("yyy"), "{}", r.out);
    assert!(!r.out.contains("stdin:2:") && !r.out.contains("stdin:3:"), "{}", r.out);
    // 20,000 lines: read in one pass (counting from the start for each took ~24 s here).
    let many = "{\"name\": \"aks1\"}\n".repeat(20_000) + "{\"name\": \"aks1\", \"zzz\": 1}\n";
    let r = run(&d, &["check", "create", "-"], Some(&many));
    assert_eq!(r.code, 2, "{}", r.err);
    assert!(r.out.contains("stdin:20001:"), "{}", &r.out[r.out.len().saturating_sub(500)..]);
}

/// Files saved with a UTF-8 byte order mark (Notepad, PowerShell 5's -Encoding UTF8): the
/// configuration, the context, config.json and the PEM files read as without it, as lint
/// reads templates and the Azure CLI its files (check said "not valid JSON at line 1 column 1").
#[test]
fn a_byte_order_mark_is_not_part_of_a_file() {
    let d = scratch("bom");
    let bom = |text: &str| [&b"\xef\xbb\xbf"[..], text.as_bytes()].concat();
    std::fs::write(d.join("c.json"), bom(r#"{"name": "myaks", "cluster_purpose": "DevTest", "agent_count": 1}"#)).unwrap();
    std::fs::write(d.join("ctx.json"), bom(r#"{"profile": "2021-11"}"#)).unwrap();
    let r = run(&d, &["check", "create", "c.json", "--context", "ctx.json"], None);
    assert_eq!(r.code, 0, "{} {}", r.err, r.out);
    std::fs::write(
        d.join("config.json"),
        bom(&format!(r#"{{"subscription_id": "{SUB}", "resource_group": "rg", "workspace_name": "ws", "location": "eastus"}}"#)),
    )
    .unwrap();
    let r = run(&d, &["create", "--config", "c.json", "--dry-run", "-o", "json"], None);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("/workspaces/ws/computes/myaks"), "{}", r.out);
}

#[test]
fn both_inputs_are_reported_together() {
    let d = scratch("both");
    std::fs::write(d.join("ctx.json"), r#"{"profil": "2021-11", "workspace": {"nmae": "ws"}}"#).unwrap();
    let r = run(&d, &["check", "create", "--config", "-", "--context", "ctx.json"], Some(r#"{"name": "myaks", "vm_sise": "x"}"#));
    assert_eq!(r.code, 2);
    for s in ["vm_sise", "profil", "nmae"] {
        assert!(r.err.contains(s), "{s} in: {}", r.err);
    }
    // Two unreadable files: both named.
    let r = run(&d, &["check", "create", "--config", "nope1.json", "--context", "nope2.json"], None);
    assert!(r.code == 2 && r.err.contains("nope1.json") && r.err.contains("nope2.json"), "{}", r.err);
}

#[test]
fn unknown_fields_come_in_the_libraries_order() {
    let d = scratch("order");
    let config = r#"{"zeta": 1, "name": "myaks", "alpha": 2}"#;
    let lib = akscompute::validate_json(akscompute::Operation::Create, config, None).unwrap_err();
    let expected: Vec<String> = lib.errors.iter().map(|e| e.path.to_string()).collect();
    let r = run(&d, &["check", "create", "--config", "-"], Some(config));
    let at = |k: &str| r.err.find(&format!("  {k}:")).unwrap_or_else(|| panic!("{k} in {}", r.err));
    let mut seen = [("zeta", at("zeta")), ("alpha", at("alpha"))];
    seen.sort_by_key(|(_, i)| *i);
    let order: Vec<String> = seen.iter().map(|(k, _)| (*k).to_string()).collect();
    assert_eq!(order, expected, "the CLI lists them as the library does");
    assert_eq!(order, ["alpha", "zeta"], "and the library reads keys sorted, in every binding");
}

#[test]
fn a_write_whose_answer_is_lost_says_so() {
    let e = Emulator::start(Config::default());
    // The existence check passes, the PUT is applied but its answer lost, every later GET fails.
    e.fault(Some("GET"), None, Fault::Slow(std::time::Duration::from_millis(1)), 1);
    e.fault(Some("PUT"), None, Fault::Lost, 1);
    e.fault(Some("GET"), None, Fault::Drop, 100);
    let d = scratch("unknown");
    let mut c = cmd(
        &d,
        &["computetarget", "create", "aks", "-n", "prod-aks", "-l", "eastus", "-g", "ml-rg", "-w", "ml-ws", "--subscription-id", SUB],
    );
    c.args(["--cloud", &e.endpoint(), "--token-env", "T"]).env("T", &e.config().token);
    let r = run_in(c, None);
    assert_eq!(r.code, 4, "{}", r.err);
    assert!(r.err.contains("may have been applied") && r.err.contains("akscompute show"), "{}", r.err);
    assert_eq!(e.computes().len(), 1, "it was applied");
}
