//! The built `akscompute` binary, run as a user would: exit codes, formats, secrets.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn run(args: &[&str]) -> (i32, String, String) {
    run_stdin(args, None)
}

fn run_stdin(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_akscompute"))
        .args(args)
        .current_dir(examples())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn check_reports_every_problem_and_exits_1() {
    let (code, out, _) = run(&["check", "create", "--config", "create.json", "--context", "context.json"]);
    assert_eq!(code, 1, "{out}");
    for c in [
        "error[CAP003] agent_count",
        "error[NET003] vnet.dns_service_ip",
        "error[TLS004] ssl",
        "warning[CAP001]",
        "fix:",
        "3 errors, 1 warning, 3 infos (profile 2021-11)",
    ] {
        assert!(out.contains(c), "missing {c:?} in:\n{out}");
    }
    assert!(!out.contains('\x1b'), "no colour when not on a terminal");
}

#[test]
fn check_json_is_an_array_of_diagnostics() {
    let (code, out, _) = run(&["check", "attach", "--config", "attach.json", "--context", "context.json", "--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let codes: Vec<&str> = v.as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(code, 0, "warnings and infos only: {codes:?}");
    for c in ["CAP007", "LB005", "ATT008", "TLS008", "OPS003"] {
        assert!(codes.contains(&c), "{c} in {codes:?}");
    }
    for d in v.as_array().unwrap() {
        assert!(d["severity"].is_string() && d["path"].is_array() && d["message"].is_string() && d["params"].is_object());
    }
}

#[test]
fn a_valid_configuration_exits_0_and_profiles_and_locales_apply() {
    let (code, out, _) = run(&["check", "create", "--config", "create-valid.json", "--context", "context.json"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 errors") && out.contains("the configuration can be sent"));
    let (_, out, _) = run(&["check", "create", "--config", "create.json", "--context", "context.json", "--locale", "de"]);
    assert!(out.contains("Ein Produktionscluster braucht mindestens 3 Knoten"), "{out}");
    assert!(out.contains("Fehler[CAP003]") && out.contains("3 Fehler, 1 "), "labels and counts in German too: {out}");
    // Without --locale, the environment's language (LC_ALL, then LC_MESSAGES, then LANG).
    let with_env = |vars: &[(&str, &str)]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_akscompute"));
        c.args(["check", "create", "--config", "create.json", "--context", "context.json"]).current_dir(examples());
        for v in ["LC_ALL", "LC_MESSAGES", "LANG", "CLICOLOR_FORCE"] {
            c.env_remove(v);
        }
        c.envs(vars.iter().copied());
        String::from_utf8_lossy(&c.output().unwrap().stdout).into_owned()
    };
    assert!(with_env(&[("LANG", "de_DE.UTF-8")]).contains("Ein Produktionscluster braucht mindestens 3 Knoten"));
    assert!(with_env(&[("LANG", "de_DE.UTF-8"), ("LC_ALL", "C")]).contains("A production cluster needs at least 3 nodes"), "LC_ALL wins");
    assert!(with_env(&[("LC_MESSAGES", "de_AT"), ("LANG", "en_US.UTF-8")]).contains("Ein Produktionscluster"), "LC_MESSAGES before LANG");
    let (code, out, _) = run(&["check", "create", "--config", "create.json", "--profile", "sdk"]);
    assert_eq!((code, out.contains("0 errors")), (0, true), "azureml-core checks none of these: {out}");
}

#[test]
fn misuse_exits_2_and_names_the_field() {
    let (code, _, err) = run_stdin(&["check", "create", "--config", "-"], Some(r#"{"name": "myaks", "vm_sise": "x", "agent_count": "3"}"#));
    assert_eq!(code, 2);
    assert!(err.contains("vm_sise") && err.contains("did you mean \"vm_size\"") && err.contains("agent_count"), "{err}");
    let (code, _, err) = run(&["check", "create", "--config", "nope.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("nope.json"), "{err}");
    let (code, _, err) = run_stdin(&["check", "create", "--config", "-"], Some("{not json"));
    assert_eq!(code, 2);
    assert!(err.contains("not valid JSON") && err.contains("line 1"), "{err}");
    let (code, _, _) = run(&["check", "explode", "--config", "create.json"]);
    assert_eq!(code, 2);
    let (code, _, err) = run_stdin(
        &["check", "create", "--config", "-"],
        Some(r#"{"name": "myaks", "ssl": {"cname": "a.com", "cert_file": "missing.pem", "key_file": "key.pem"}}"#),
    );
    assert_eq!(code, 2);
    assert!(err.contains("ssl.cert_file") && err.contains("missing.pem"), "{err}");
}

#[test]
fn plan_prints_the_request_without_secrets() {
    let (code, out, err) = run(&["plan", "create", "--config", "create-valid.json", "--context", "context.json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["method"], "PUT");
    assert!(v["url"].as_str().unwrap().ends_with("/workspaces/ml-ws/computes/prod-aks?api-version=2026-07-01"));
    assert_eq!(v["body"]["properties"]["properties"]["sslConfiguration"]["key"], "<redacted>");
    let pem = std::fs::read_to_string(examples().join("key.pem")).unwrap();
    let body_line = pem.lines().nth(1).unwrap();
    assert!(!out.contains(body_line) && !err.contains(body_line), "the key leaked");
    assert!(out.find("\"method\"") < out.find("\"body\""), "method and url come first");
}

#[test]
fn plan_refuses_an_invalid_configuration() {
    let (code, out, err) = run(&["plan", "create", "--config", "create.json", "--context", "context.json"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("TLS004") && err.contains("no plan"), "{err}");
}

#[test]
fn plan_every_operation_and_form() {
    let (code, out, _) = run(&["plan", "attach", "--config", "attach.json", "--context", "context.json", "--emit", "az-cli"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("az ml computetarget attach aks --name scoring-aks --compute-resource-id /subscriptions/"), "{out}");
    let (code, out, _) = run(&["plan", "attach", "--config", "attach.json", "--context", "context.json", "--emit", "arm-template"]);
    assert_eq!(code, 0);
    let t: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(t["resources"][0]["type"], "Microsoft.MachineLearningServices/workspaces/computes");
    let (code, out, err) = run(&["plan", "update", "--config", "update.json", "--context", "context.json"]);
    assert_eq!(code, 0, "{err}");
    let u: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(u["body"]["properties"]["properties"]["loadBalancerType"], "InternalLoadBalancer");
    // The internal load balancer takes no TLS termination (TLS004), so the example turns TLS off.
    assert_eq!(u["body"]["properties"]["properties"]["sslConfiguration"]["status"], "Disabled");
    assert!(u["body"]["properties"].get("provisioningState").is_none());
    let (code, out, err) = run_stdin(
        &["plan", "delete", "--config", "-", "--context", "context.json", "--profile", "sdk", "--api-version", "2020-02-02"],
        Some(r#"{"name": "scoring-aks"}"#),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("underlyingResourceAction=delete"), "{out}");
    let (code, out, err) = run_stdin(
        &["plan", "detach", "--config", "-", "--context", "context.json", "--cloud", "usgov"],
        Some(r#"{"name": "scoring-aks"}"#),
    );
    assert_eq!(code, 0);
    assert!(out.contains("management.usgovcloudapi.net") && out.contains("underlyingResourceAction=Detach"), "{out}");
    assert!(err.contains("OPS002"), "detach says what it keeps: {err}");
}

#[test]
fn help_reads_like_a_manual() {
    let (code, out, _) = run(&["check", "--help"]);
    assert_eq!(code, 0);
    for s in ["EXIT STATUS", "EXAMPLES", "--profile", "--format", "cert_file"] {
        assert!(out.contains(s), "{s} in help");
    }
}

#[test]
fn rules_and_vm_sizes() {
    let (code, out, _) = run(&["rules", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap().as_array().unwrap().len(), akscompute::rule_registry().len());
    let (_, out, _) = run(&["rules", "--profile", "2020-10"]);
    assert!(out.lines().any(|l| l.starts_with("NAME006  warning")), "{out}");
    let (code, out, _) = run(&["vm-size", "standard_nc6s_v3"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!((v["name"].as_str(), v["vcpus"].as_u64(), v["gpus"].as_u64()), (Some("Standard_NC6s_v3"), Some(6), Some(1)));
    assert_eq!(run(&["vm-size", "Large"]).0, 3, "not found");
}
