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

#[test]
fn an_unreadable_file_is_said_in_every_language() {
    for (tag, words) in [
        ("cs_CZ.UTF-8", "akscompute: chyba: soubor konfigurace missing.json nelze přečíst: "),
        ("de_AT.UTF-8", "akscompute: Fehler: die Konfigurationsdatei missing.json kann nicht gelesen werden: "),
        ("nl_BE.UTF-8", "akscompute: fout: het configuratiebestand missing.json kan niet worden gelezen: "),
        ("tr_TR.UTF-8", "akscompute: hata: yapılandırma dosyası missing.json okunamıyor: "),
        ("it_IT.UTF-8", "akscompute: errore: impossibile leggere il file di configurazione missing.json: "),
        ("en_US.UTF-8", "akscompute: error: cannot read the configuration missing.json: "),
    ] {
        let (code, _, err) = run(&["check", "create", "missing.json"], &[("LANG", tag)]);
        assert_eq!(code, 2, "{tag}: {err}");
        assert!(err.starts_with(words), "{tag}: {words:?} in:\n{err}");
    }
}

#[test]
fn misuse_and_not_found_speak_the_language() {
    let d = scratch("misuse");
    std::fs::write(d.join("bad.json"), "{").unwrap();
    std::fs::write(d.join("both.json"), r#"{"name": "aks1", "ssl": {"cert": "x", "cert_file": "c.pem"}}"#).unwrap();
    let cases: [(&[&str], &str, i32, &str); 7] = [
        (&["check", "create", "bad.json"], "de_DE.UTF-8", 2, "die Konfigurationsdatei bad.json ist kein gültiges JSON: "),
        (
            &["check", "create", "--config", "both.json"],
            "it_IT.UTF-8",
            2,
            "ssl.cert e ssl.cert_file sono specificati entrambi: mantenerne uno solo",
        ),
        (
            &["check", "create"],
            "cs_CZ.UTF-8",
            2,
            "check potřebuje konfiguraci: soubor, složku, --config SOUBOR nebo - pro standardní vstup",
        ),
        (&["list", "--path", "."], "nl_NL.UTF-8", 2, "--path .: geen config.json daar of in een bovenliggende map"),
        (
            &["list", "-g", "rg", "--subscription-id", "s", "--token-env", "AKS_NO_SUCH_VAR"],
            "tr_TR.UTF-8",
            2,
            "hangi çalışma alanı? eksik olan: çalışma alanı adı (-w);",
        ),
        (&["vm-size", "Foo_Bar"], "cs_CZ.UTF-8", 3, "Foo_Bar: není v katalogu"),
        (
            &["check", "create", "--context", "bad.json", "--config", "both.json"],
            "tr_TR.UTF-8",
            2,
            "bağlam dosyası bad.json geçerli bir JSON değil",
        ),
    ];
    for (args, tag, want, words) in cases {
        let mut c = Command::new(env!("CARGO_BIN_EXE_akscompute"));
        c.args(args).current_dir(&d).env_remove("LC_ALL").env_remove("LC_MESSAGES").env("LANG", tag).env_remove("AKS_NO_SUCH_VAR");
        let o = c.output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(want), "{args:?} {tag}: {err}");
        assert!(err.contains(words), "{args:?} {tag}: {words:?} in:\n{err}");
    }
}

#[test]
fn the_rules_header_speaks_the_language() {
    let (code, out, _) = run(&["rules"], &[("LANG", "nl_NL.UTF-8")]);
    assert_eq!(code, 0);
    assert!(out.starts_with("regels onder profiel 2021-11 (\"-\": niet in dit profiel)"), "{out}");
    let (_, out, _) = run(&["rules", "--locale", "de"], &[("LANG", "nl_NL.UTF-8")]);
    assert!(out.starts_with("Regeln unter dem Profil 2021-11"), "--locale wins: {out}");
}

#[test]
fn no_compute_of_that_name_is_said_in_turkish_against_the_emulator() {
    use akscompute_emulator::{Config, Emulator};
    let e = Emulator::start(Config::default());
    let d = scratch("live");
    std::fs::write(
        d.join("x.json"),
        r#"{"workspace": {"subscription_id": "00000000-0000-0000-0000-000000000000", "resource_group": "ml-rg", "name": "ml-ws", "location": "eastus"}}"#,
    )
    .unwrap();
    let live = |var: &str| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_akscompute"));
        c.args(["show", "nope", "--context", "x.json", "--cloud", &e.endpoint(), "--token-env", var, "--locale", "tr"]).current_dir(&d);
        for v in ["LC_ALL", "LC_MESSAGES", "LANG", "AKS_NO_SUCH_VAR"] {
            c.env_remove(v);
        }
        let o = c.env("AKS_TEST_TOKEN", &e.config().token).output().unwrap();
        (o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned())
    };
    let (code, err) = live("AKS_TEST_TOKEN");
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("akscompute: hata: çalışma alanında nope adlı işlem hedefi yok"), "{err}");
    let (code, err) = live("AKS_NO_SUCH_VAR");
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--token-env AKS_NO_SUCH_VAR: bu ortam değişkeni ayarlanmamış"), "{err}");
}

#[test]
fn lint_and_rules_refusals_speak_the_language() {
    let d = scratch("lint");
    std::fs::write(d.join("other.json"), r#"{"hello": 1}"#).unwrap();
    let (code, _, err) = run_in(&d, &["lint", "other.json", "--locale", "cs"], &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("other.json není šablona ARM ani JSON plánu Terraformu"), "{err}");
    // The baseline in the current folder is read before any template.
    std::fs::write(d.join(".akscompute.toml"), "[[ignore]]\ncode = \"CAP003\"\nflavour = 1\n").unwrap();
    let (code, _, err) = run_in(&d, &["lint", "other.json"], &[("LANG", "it_IT.UTF-8")]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("file di baseline .akscompute.toml: ignore[0] ha una chiave sconosciuta \"flavour\""), "{err}");
    let (code, _, err) = run(&["rules", "NOPE1"], &[("LANG", "de_DE.UTF-8")]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("\"NOPE1\" ist kein Regelcode"), "{err}");
}

#[test]
fn a_note_is_said_as_a_note_in_the_language() {
    let d = scratch("note");
    let mut ctx: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(examples().join("context.json")).unwrap()).unwrap();
    ctx["compute"]["properties"]["properties"]["sslConfiguration"] = serde_json::json!({"status": "Enabled", "cname": "x.contoso.com"});
    std::fs::write(d.join("x.json"), ctx.to_string()).unwrap();
    std::fs::write(d.join("u.json"), r#"{"name": "scoring-aks", "agent_count": 4}"#).unwrap();
    let args = ["plan", "update", "--config", "u.json", "--context", "x.json"];
    let (code, _, err) = run_in(&d, &args, &[("LANG", "cs_CZ.UTF-8")]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("poznámka: sslConfiguration se vynechává"), "{err}");
    let (_, _, err) = run_in(&d, &args, &[("LANG", "de_DE.UTF-8")]);
    assert!(err.contains("Hinweis: ") && !err.contains("note: "), "{err}");
}

/// The client's errors, the live progress and the versions list speak the chrome's language,
/// through the built binary against the emulator; in English they read as before.
#[test]
fn client_errors_progress_and_versions_speak_the_language() {
    use akscompute_emulator::{Config, Emulator};
    let e = Emulator::start(Config { operation_time: std::time::Duration::from_millis(50), retry_after_secs: 0, ..Config::default() });
    let d = scratch("client-texts");
    std::fs::write(
        d.join("x.json"),
        r#"{"workspace": {"subscription_id": "00000000-0000-0000-0000-000000000000", "resource_group": "ml-rg", "name": "ml-ws", "location": "eastus"}}"#,
    )
    .unwrap();
    std::fs::write(d.join("c.json"), r#"{"name": "loc-aks", "agent_count": 3, "vm_size": "Standard_D3_v2"}"#).unwrap();
    std::fs::write(d.join("d.json"), r#"{"name": "loc-aks"}"#).unwrap();
    let go = |args: &[&str], endpoint: &str, token: &str, locale: &str| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_akscompute"));
        c.args(args)
            .args(["--context", "x.json", "--cloud", endpoint, "--token-env", "AKS_TEST_TOKEN", "--locale", locale])
            .current_dir(&d);
        for v in ["LC_ALL", "LC_MESSAGES", "LANG", "CLICOLOR_FORCE"] {
            c.env_remove(v);
        }
        let o = c.env("AKS_TEST_TOKEN", token).output().unwrap();
        (o.status.code(), String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
    };
    let (ep, tok) = (e.endpoint(), e.config().token.clone());
    // Progress: each status change, then the end, in Dutch.
    let (code, _, err) = go(&["create", "--config", "c.json", "--wait"], &ep, &tok, "nl");
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("create loc-aks: geslaagd (") && !err.contains("Succeeded"), "{err}");
    // An existing name, refused by the client before any PUT.
    let (code, _, err) = go(&["create", "--config", "c.json"], &ep, &tok, "de");
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("ein Computeziel namens loc-aks ist bereits vorhanden") && !err.contains("already exists"), "{err}");
    // ARM's refusal (a wrong token): the frame is Czech, ARM's own words are quoted.
    let (code, _, err) = go(&["show", "loc-aks"], &ep, "wrong-token", "cs");
    assert_eq!(code, Some(4), "{err}");
    assert!(err.contains("ARM odpověděl 401") && !err.contains("ARM answered"), "{err}");
    // The network: nobody listens on the port.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let (code, _, err) = go(&["show", "loc-aks"], &format!("http://{closed}"), &tok, "it");
    assert_eq!(code, Some(4), "{err}");
    assert!(err.contains("rete: nessuna risposta a GET http://127.0.0.1:") && err.contains("tentativi"), "{err}");
    assert!(!err.contains(&tok) && !err.contains("no answer"), "{err}");
    // The versions list's marks.
    let (code, out, err) = go(&["versions"], &ep, &tok, "tr");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("  varsayılan") && !out.contains("default"), "{out}");
    let (_, en, _) = go(&["versions"], &ep, &tok, "en");
    assert!(en.contains("  default"), "{en}");
    if en.contains("(preview)") {
        assert!(out.contains("(önizleme)"), "{out}");
    }
    // English reads as before.
    let (code, _, err) = go(&["delete", "--config", "d.json", "--wait"], &ep, &tok, "en");
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("delete loc-aks: Succeeded ("), "{err}");
    let (code, _, err) = go(&["show", "loc-aks"], &ep, &tok, "en");
    assert_eq!(code, Some(3), "{err}");
}
