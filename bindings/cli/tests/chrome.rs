//! The words around the diagnostics follow the language: `--locale`, else the context file's
//! `locale`, else `LC_ALL`/`LC_MESSAGES`/`LANG`; an unknown language is English, said once.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use std::path::PathBuf;
use std::process::Command;

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// Runs the binary in `dir` with only the locale variables given.
fn run_in(dir: &std::path::Path, args: &[&str], vars: &[(&str, &str)]) -> (i32, String, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_akscompute"));
    c.args(args).current_dir(dir);
    for v in ["LC_ALL", "LC_MESSAGES", "LANG", "CLICOLOR_FORCE", "NO_COLOR", "AKSCOMPUTE_TOKEN"] {
        c.env_remove(v);
    }
    c.envs(vars.iter().copied());
    let o = c.output().unwrap();
    (o.status.code().unwrap_or(-1), String::from_utf8_lossy(&o.stdout).into(), String::from_utf8_lossy(&o.stderr).into())
}

fn run(args: &[&str], vars: &[(&str, &str)]) -> (i32, String, String) {
    run_in(&examples(), args, vars)
}

fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("chrome-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

const CHECK: [&str; 6] = ["check", "create", "--config", "create.json", "--context", "context.json"];

#[test]
fn lang_cs_gives_czech_labels_counts_and_profile() {
    let (code, out, err) = run(&CHECK, &[("LANG", "cs_CZ.UTF-8")]);
    assert_eq!(code, 1, "{out}{err}");
    for w in ["chyba[CAP003]", "oprava:", "3 chyby, 1 upozornění, 3 informace (profil 2021-11)"] {
        assert!(out.contains(w), "{w:?} in:\n{out}");
    }
    assert!(!out.contains("(profile ") && !out.contains(" errors"), "no English chrome left: {out}");
    assert!(err.is_empty(), "Czech has a table: nothing to say: {err}");
}

#[test]
fn every_language_has_its_summary_line() {
    for (tag, words) in [
        ("nl_BE.UTF-8", "3 fouten, 1 waarschuwing, 3 infomeldingen (profiel 2021-11)"),
        ("de_AT.UTF-8", "(Profil 2021-11)"),
        ("tr_TR.UTF-8", "3 hata, 1 uyarı"),
        ("it_IT.UTF-8", "(profilo 2021-11)"),
    ] {
        let (_, out, _) = run(&CHECK, &[("LANG", tag)]);
        assert!(out.contains(words), "{tag}: {words:?} in:\n{out}");
    }
}

#[test]
fn an_unknown_language_is_english_and_said_once() {
    let (code, out, err) = run(&CHECK, &[("LC_ALL", "xx_YY.UTF-8")]);
    assert_eq!(code, 1);
    assert!(out.contains("3 errors, 1 warning, 3 infos (profile 2021-11)"), "{out}");
    assert_eq!(err.matches("\"xx_YY.UTF-8\"").count(), 1, "said once: {err}");
    assert!(err.contains("shown in English"), "{err}");
}

#[test]
fn the_context_files_language_sets_the_labels_too() {
    let d = scratch("ctx");
    std::fs::copy(examples().join("create.json"), d.join("create.json")).unwrap();
    let mut ctx: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(examples().join("context.json")).unwrap()).unwrap();
    ctx["locale"] = "nl".into();
    std::fs::write(d.join("context.json"), ctx.to_string()).unwrap();
    let (_, out, _) = run_in(&d, &CHECK, &[]);
    assert!(out.contains("fout[CAP003]") && out.contains("oplossing:") && out.contains("(profiel 2021-11)"), "{out}");
    // The environment does not override the context; --locale does.
    let (_, out, _) = run_in(&d, &CHECK, &[("LANG", "de_DE.UTF-8")]);
    assert!(out.contains("fout[CAP003]"), "the context speaks before LANG: {out}");
    let mut with_flag = CHECK.to_vec();
    with_flag.extend(["--locale", "it"]);
    let (_, out, _) = run_in(&d, &with_flag, &[]);
    assert!(out.contains("errore[CAP003]") && out.contains("(profilo 2021-11)"), "--locale wins: {out}");
    // A context naming an unknown language: English, said once.
    ctx["locale"] = "qq".into();
    std::fs::write(d.join("context.json"), ctx.to_string()).unwrap();
    let (_, out, err) = run_in(&d, &CHECK, &[]);
    assert!(out.contains("error[CAP003]"), "{out}");
    assert_eq!(err.matches("shown in English").count(), 1, "{err}");
}

#[test]
fn refusals_and_request_errors_speak_the_language() {
    let d = scratch("plan");
    std::fs::write(d.join("c.json"), r#"{"name": "aks1", "agent_count": 3, "cluster_purpose": "DevTest"}"#).unwrap();
    std::fs::write(
        d.join("x.json"),
        r#"{"workspace": {"subscription_id": "00000000-0000-0000-0000-000000000000", "resource_group": "rg", "name": "ws", "location": "eastus"}}"#,
    )
    .unwrap();
    let args = ["plan", "create", "--config", "c.json", "--context", "x.json", "--api-version", "2021-01-01"];
    let (code, _, err) = run_in(&d, &args, &[("LANG", "cs_CZ.UTF-8")]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("požadavek nelze sestavit: cluster_purpose: api-version 2021-01-01 nezná cluster_purpose."), "{err}");
    let (code, _, err) = run(&["plan", "create", "--config", "create.json", "--context", "context.json"], &[("LANG", "tr_TR.UTF-8")]);
    assert_eq!(code, 1);
    assert!(err.contains("plan yok: yapılandırmada hatalar var"), "{err}");
}

#[test]
fn batch_lines_speak_the_language() {
    let d = scratch("batch");
    std::fs::write(d.join("a.json"), r#"{"name": "aks1", "agent_count": 3, "cluster_purpose": "DevTest"}"#).unwrap();
    std::fs::write(d.join("b.json"), r#"{"name": "aks2", "agent_count": 1}"#).unwrap();
    std::fs::write(d.join("c.json"), "{").unwrap();
    let (code, out, err) = run_in(&d, &["check", "create", "a.json", "b.json", "c.json"], &[("LANG", "it_IT.UTF-8")]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.contains("c.json: non può essere verificata"), "{out}");
    assert!(out.contains("3 configurazioni: inviabili: 1, con errori: 1, non verificabili: 1"), "{out}");
    assert!(err.contains("configurazioni non verificabili: 1 su 3"), "{err}");
}

#[test]
fn error_lines_say_error_in_the_language() {
    let d = scratch("errors");
    std::fs::write(d.join("bad.json"), r#"{"name": 3, "vm_sise": 1}"#).unwrap();
    let (code, _, err) = run_in(&d, &["check", "create", "--config", "bad.json"], &[("LANG", "cs_CZ.UTF-8")]);
    assert_eq!(code, 2);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.first().copied(), Some("akscompute: chyba: konfigurace má 2 problémy"), "{err}");
    assert!(lines.iter().any(|l| l.contains("měli jste na mysli \"vm_size\"")), "{err}");
    let (_, _, err) = run_in(&d, &["check", "create", "--config", "bad.json"], &[]);
    assert!(err.starts_with("akscompute: error: the configuration has 2 problems"), "{err}");
}
