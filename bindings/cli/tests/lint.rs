//! `akscompute lint` through the built binary: every output format on each realistic fixture,
//! SARIF checked against the SARIF 2.1.0 schema, exit codes, suppressions, folders.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run_in(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_akscompute")).arg("lint").args(args).current_dir(dir).env("NO_COLOR", "1").output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

fn run(args: &[&str]) -> (i32, String, String) {
    run_in(&root(), args)
}

const CREATE: &str = "tests/lint/arm/create-aks/azuredeploy.json";
const CREATE_PARAMS: &str = "tests/lint/arm/create-aks/azuredeploy.parameters.json";
const ATTACH: &str = "tests/lint/arm/attach-aks/azuredeploy.json";
const PLAN: &str = "tests/lint/terraform/plan.json";

fn fixtures() -> Vec<Vec<&'static str>> {
    vec![vec![CREATE, "--parameters", CREATE_PARAMS], vec![ATTACH], vec![PLAN]]
}

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(root().join("tests/lint/sarif-schema-2.1.0.json")).unwrap()).unwrap();
    jsonschema::options().with_draft(jsonschema::Draft::Draft4).build(&schema).unwrap()
}

#[test]
fn text_points_at_file_line_column_and_exits_1_on_errors() {
    let (code, out, err) = run(&[CREATE, "--parameters", CREATE_PARAMS]);
    assert_eq!(code, 1, "{out}{err}");
    for l in [
        "tests/lint/arm/create-aks/azuredeploy.json:82:25: error[CAP003] A production cluster needs at least 3 nodes; this one has 2.",
        "tests/lint/arm/create-aks/azuredeploy.json:87:41: error[NET003]",
        "  from: tests/lint/arm/create-aks/azuredeploy.parameters.json:7:30: the value of parameter 'agentCount'",
        "tests/lint/arm/create-aks/azuredeploy.json:79:28: info[IAC001] location could not be checked",
        "tests/lint/arm/create-aks/azuredeploy.json:86:31: warning[TLS011] The TLS status Enabled is for a custom certificate, but only a leaf domain label is given",
        "1 compute in 1 file: 3 errors, 2 warnings, 4 infos, 0 suppressed findings (profile 2021-11)",
    ] {
        assert!(out.contains(l), "missing {l:?} in\n{out}");
    }
    // Profiles and locales as in check: under 2020-10 the vCPU minimum is an error.
    let (_, out, _) = run(&[CREATE, "--parameters", CREATE_PARAMS, "--profile", "2020-10", "--locale", "de"]);
    assert!(out.contains("error[CAP001]"), "{out}");
    assert!(out.contains("info[IAC001] location konnte nicht geprüft werden"), "{out}");
}

#[test]
fn sarif_is_valid_sarif_2_1_0_with_rules_help_and_suppressions() {
    let validator = sarif_validator();
    for args in fixtures() {
        let mut a = args.clone();
        a.extend(["--format", "sarif"]);
        let (code, out, err) = run(&a);
        assert_eq!(code, 1, "{err}");
        let log: Value = serde_json::from_str(&out).unwrap();
        let errors: Vec<String> = validator.iter_errors(&log).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{args:?}: not valid SARIF 2.1.0:\n{}", errors.join("\n"));
        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        for r in rules {
            // No made-up address: the page's place in the repository is named in the help text.
            assert!(r.get("helpUri").is_none(), "no published docs address at build time");
            assert!(r["help"]["text"].as_str().unwrap().contains(&format!("docs/rules/{}.md", r["id"].as_str().unwrap())));
            assert!(!r["fullDescription"]["text"].as_str().unwrap().is_empty());
        }
        for res in run["results"].as_array().unwrap() {
            let i = res["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[i]["id"], res["ruleId"]);
            let region = &res["locations"][0]["physicalLocation"]["region"];
            assert!(region["startLine"].as_u64().unwrap() >= 1 && region["startColumn"].as_u64().unwrap() >= 1);
        }
    }
    let (_, out, _) = run(&[ATTACH, "--format", "sarif"]);
    let log: Value = serde_json::from_str(&out).unwrap();
    let suppressed: Vec<&Value> =
        log["runs"][0]["results"].as_array().unwrap().iter().filter(|r| r.get("suppressions").is_some()).collect();
    assert_eq!(suppressed.len(), 3);
    let (_, out, _) = run(&[CREATE, "--parameters", CREATE_PARAMS, "--format", "sarif"]);
    let log: Value = serde_json::from_str(&out).unwrap();
    let cap = log["runs"][0]["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == "CAP003").unwrap();
    assert_eq!(cap["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"], CREATE_PARAMS);
    assert_eq!(cap["relatedLocations"][0]["physicalLocation"]["region"]["startLine"], 7);
    assert!(suppressed
        .iter()
        .all(|r| r["suppressions"][0]["kind"] == "inSource" && !r["suppressions"][0]["justification"].as_str().unwrap().is_empty()));
}

#[test]
fn json_and_junit_carry_the_same_findings() {
    for args in fixtures() {
        let mut a = args.clone();
        a.extend(["--format", "json"]);
        let (code, out, _) = run(&a);
        assert_eq!(code, 1);
        let v: Value = serde_json::from_str(&out).unwrap();
        let findings = v["files"][0]["findings"].as_array().unwrap();
        assert!(findings.iter().all(|f| f["code"].is_string() && f["pos"]["line"].as_u64().is_some() && f["file"].is_string()));
        let errors = findings.iter().filter(|f| f["severity"] == "error" && f.get("suppressed").is_none()).count();
        let suppressed = findings.iter().filter(|f| f.get("suppressed").is_some()).count();

        let mut a = args.clone();
        a.extend(["--format", "junit"]);
        let (code, xml, _) = run(&a);
        assert_eq!(code, 1);
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"akscompute lint\""));
        assert_eq!(xml.matches("<testcase ").count(), findings.len(), "{xml}");
        assert_eq!(xml.matches("<failure ").count(), errors);
        assert_eq!(xml.matches("<skipped ").count(), suppressed);
        assert!(xml.contains(&format!("tests=\"{}\" failures=\"{errors}\" errors=\"0\" skipped=\"{suppressed}\"", findings.len())));
        assert_eq!(xml.matches("<testsuite ").count(), xml.matches("</testsuite>").count());
    }
}

#[test]
fn a_folder_pairs_parameters_files_and_a_baseline_makes_the_build_pass() {
    let dir = std::env::temp_dir().join(format!("akscompute-lint-{}", std::process::id()));
    let infra = dir.join("infra");
    std::fs::create_dir_all(&infra).unwrap();
    std::fs::copy(root().join(CREATE), infra.join("aks.json")).unwrap();
    std::fs::copy(root().join(CREATE_PARAMS), infra.join("aks.parameters.json")).unwrap();
    std::fs::write(infra.join("package.json"), r#"{"name": "not-a-template"}"#).unwrap();
    std::fs::write(infra.join("main.bicep"), "resource x 'y' = {}").unwrap();
    let (code, out, err) = run_in(&dir, &["infra"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("infra/aks.json:82:25: error[CAP003]"), "the parameters file beside the template is read:\n{out}");
    assert!(out.contains("infra/main.bicep:1:1: info[IAC006]"), "{out}");
    assert!(!out.contains("package.json"));
    let baseline = "[[ignore]]\ncode = \"CAP003\"\nfile = \"infra/aks.json\"\nreason = \"two nodes until the quota is raised\"\n\n[[ignore]]\ncode = \"NET003\"\nreason = \"the network team moves the range\"\n\n[[ignore]]\ncode = \"TLS004\"\nresource = \"aks-scoring\"\nreason = \"TLS ends at the gateway\"\n";
    std::fs::write(dir.join(".akscompute.toml"), baseline).unwrap();
    let (code, out, err) = run_in(&dir, &["infra"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("[suppressed: two nodes until the quota is raised]"), "{out}");
    assert!(out.contains("3 suppressed findings"), "{out}");
    // A baseline entry without a reason is misuse, not a silent pass.
    std::fs::write(dir.join("bad.toml"), "[[ignore]]\ncode = \"CAP003\"\n").unwrap();
    let (code, _, err) = run_in(&dir, &["infra", "--baseline", "bad.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("gives no reason"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn misuse_exits_2_and_names_the_place() {
    let dir = std::env::temp_dir().join(format!("akscompute-lint-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("broken.json"), "{\n  \"resources\": [\n    {\"type\": }\n  ]\n}").unwrap();
    std::fs::write(dir.join("other.json"), "{\"name\": \"x\"}").unwrap();
    let (code, _, err) = run_in(&dir, &["broken.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("broken.json:3:14: not valid JSON"), "{err}");
    let (code, _, err) = run_in(&dir, &["other.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("neither an ARM template nor the JSON of a Terraform plan"), "{err}");
    let (code, _, _) = run_in(&dir, &["missing.json"]);
    assert_eq!(code, 2);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn rules_code_prints_the_rule_and_its_page() {
    let out = Command::new(env!("CARGO_BIN_EXE_akscompute")).args(["rules", "cap003"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("# CAP003: "), "{text}");
    assert!(text.contains("| `2021-11` | error |") && text.contains("docs/rules/CAP003.md"), "{text}");
    let out = Command::new(env!("CARGO_BIN_EXE_akscompute")).args(["rules", "IAC002"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("linked template"));
    let out = Command::new(env!("CARGO_BIN_EXE_akscompute")).args(["rules", "XYZ123"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn no_output_format_carries_the_certificate_or_the_key() {
    let dir = std::env::temp_dir().join(format!("akscompute-lint-tls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cert = std::fs::read_to_string(root().join("core/tests/fixtures/ec_a.crt")).unwrap();
    let key = std::fs::read_to_string(root().join("core/tests/fixtures/ec_a.key")).unwrap();
    // A custom certificate with an internal load balancer (TLS004) and a wrong CNAME (TLS007).
    let t = serde_json::json!({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
        "parameters": {"cert": {"type": "securestring"}, "key": {"type": "securestring"}},
        "resources": [{"type": "Microsoft.MachineLearningServices/workspaces/computes", "apiVersion": "2024-04-01", "name": "ws/aks-tls",
            "properties": {"computeType": "AKS", "properties": {"loadBalancerType": "InternalLoadBalancer",
                "sslConfiguration": {"status": "Enabled", "cname": "wrong.example.org", "cert": "[parameters('cert')]", "key": "[parameters('key')]"}}}}]});
    std::fs::write(dir.join("t.json"), t.to_string()).unwrap();
    std::fs::write(
        dir.join("t.parameters.json"),
        serde_json::json!({"parameters": {"cert": {"value": cert}, "key": {"value": key}}}).to_string(),
    )
    .unwrap();
    let body: Vec<&str> = key.lines().chain(cert.lines()).filter(|l| !l.starts_with("-----") && l.len() > 20).collect();
    for f in ["text", "json", "sarif", "junit"] {
        let (code, out, err) = run_in(&dir, &["t.json", "--format", f]);
        assert_eq!(code, 1, "{f}: {out}{err}");
        // TLS007 shows the certificate was read and judged, not dropped.
        assert!(out.contains("TLS004") && out.contains("TLS007"), "{f}: {out}");
        assert!(!out.contains("PRIVATE KEY") && !out.contains("BEGIN CERTIFICATE"), "{f} prints PEM:\n{out}");
        for l in &body {
            assert!(!out.contains(l), "{f} prints a line of the PEM text");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
