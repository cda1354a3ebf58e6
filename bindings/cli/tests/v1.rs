//! The seed command lines, `az ml` replaced by `akscompute`, against the local ARM emulator:
//! workspace from a config.json (and the signed-in Azure CLI, faked), and from -g/-w; every
//! output format and --query on show, list and check; completions and the man page.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod common;
use akscompute_emulator::{Config, Emulator};
use common::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn emulator() -> Emulator {
    Emulator::start(Config { operation_time: Duration::from_millis(100), ..Config::default() })
}

/// The seed, with the token (and the workspace's region, and the default subscription) from
/// a fake `az` on PATH.
fn with_az(dir: &Path, bin: &Path, e: &Emulator, args: &[&str]) -> Out {
    let mut c = cmd(dir, args);
    c.args(["--cloud", &e.endpoint()]).env("PATH", path_with(bin));
    run_in(c, None)
}

#[test]
fn seed_create_from_a_config_json_with_the_azure_cli_signed_in() {
    let e = emulator();
    let root = scratch("seed-create");
    config_json(&root);
    let deep = root.join("project/src");
    std::fs::create_dir_all(&deep).unwrap();
    let (bin, calls) = fake_az(&root, &e.config().token);
    // az ml computetarget create aks -n myaks
    let r = with_az(&deep, &bin, &e, &["computetarget", "create", "aks", "-n", "myaks"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let v: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!((v["name"].as_str(), v["provisioningState"].as_str()), (Some("myaks"), Some("Succeeded")), "{}", r.out);
    assert!(e.computes().contains_key("myaks"));
    let log = std::fs::read_to_string(&calls).unwrap();
    assert_eq!(log.matches("get-access-token").count(), 1, "one token per run, polls included:\n{log}");
    assert!(log.contains("resource show --ids /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ml-rg/"), "{log}");
    assert!(e.counters().values().sum::<u64>() > 3, "several requests shared the token: {:?}", e.counters());
    // Every rule first: a bad name is refused before anything is sent.
    let puts = e.counters().get("PUT compute").copied();
    let r = with_az(&deep, &bin, &e, &["computetarget", "create", "aks", "-n", "ab", "--no-wait"]);
    assert_eq!(r.code, 1, "{}", r.err);
    assert!(r.err.contains("NAME001") && r.err.contains("nothing was sent"), "{}", r.err);
    assert_eq!(e.counters().get("PUT compute").copied(), puts);
    // --tenant goes to az.
    std::fs::remove_file(&calls).unwrap();
    let r = with_az(&deep, &bin, &e, &["computetarget", "list", "--tenant", "contoso.onmicrosoft.com"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(std::fs::read_to_string(&calls).unwrap().contains("--tenant contoso.onmicrosoft.com"));
}

#[test]
fn seed_attach_and_detach_with_the_workspace_flags() {
    let e = emulator();
    let d = scratch("seed-attach");
    let id = format!("/subscriptions/{SUB}/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/myexistingcluster");
    e.add_cluster(&id, json!({"id": id, "location": "eastus"}));
    // Signed in with the Azure CLI: the token, the default subscription and the workspace's region come from it.
    let (bin, calls) = fake_az(&d, &e.config().token);
    let go = |args: &[&str]| with_az(&d, &bin, &e, args);
    // az ml computetarget attach aks -n myaks -i aksresourceid -g myresourcegroup -w myworkspace
    let r = go(&["computetarget", "attach", "aks", "-n", "myaks", "-i", "aksresourceid", "-g", "myresourcegroup", "-w", "myworkspace"]);
    assert_eq!(r.code, 1, "the placeholder is no resource ID: {}", r.err);
    assert!(r.err.contains("ATT") && r.err.contains("nothing was sent"), "{}", r.err);
    let r = go(&["computetarget", "attach", "aks", "-n", "myaks", "-i", &id, "-g", "myresourcegroup", "-w", "myworkspace"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(e.computes()["myaks"]["properties"]["isAttachedCompute"], true);
    // az ml computetarget detach -n myaks -g myresourcegroup -w myworkspace
    let r = go(&["computetarget", "detach", "-n", "myaks", "-g", "myresourcegroup", "-w", "myworkspace"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(e.computes().is_empty() && e.has_cluster(&id), "detached, the cluster stays");
    assert!(std::fs::read_to_string(&calls).unwrap().contains("account show"), "the default subscription");
    // Without -g/-w and no config.json: a clear misuse.
    let r = go(&["computetarget", "detach", "-n", "myaks"]);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("resource group (-g)") && r.err.contains("workspace name (-w)"), "{}", r.err);
}

#[test]
fn output_formats_and_queries_on_show_list_and_check() {
    let e = emulator();
    let d = scratch("formats");
    config_json(&d);
    let go = |args: &[&str]| {
        let mut c = cmd(&d, args);
        c.args(["--cloud", &e.endpoint(), "--token-env", "T"]).env("T", &e.config().token);
        run_in(c, None)
    };
    for n in ["alpha-aks", "beta-aks", "gamma-aks"] {
        assert_eq!(go(&["computetarget", "create", "aks", "-n", n, "-l", "eastus", "-a", "4"]).code, 0);
    }
    let r = go(&["computetarget", "list", "-o", "json"]);
    assert_eq!(serde_json::from_str::<Value>(&r.out).unwrap().as_array().unwrap().len(), 3, "every page");
    let r = go(&["computetarget", "list", "--query", "[].name", "-o", "tsv"]);
    assert_eq!(r.out.trim().lines().collect::<Vec<_>>(), ["alpha-aks", "beta-aks", "gamma-aks"]);
    let r = go(&["computetarget", "list", "-v", "-o", "table", "--query", "[].{Name: name, Nodes: properties.properties.agentCount}"]);
    let lines: Vec<&str> = r.out.lines().collect();
    assert!(lines[0].starts_with("Name") && lines[0].contains("Nodes") && lines[1].starts_with("---"), "{}", r.out);
    assert!(lines[2].starts_with("alpha-aks") && lines[2].trim_end().ends_with('4'), "{}", r.out);
    let r = go(&["show", "beta-aks", "-o", "yaml"]);
    assert!(r.out.lines().any(|l| l == "name: beta-aks"), "{}", r.out);
    let r = go(&["computetarget", "show", "-n", "beta-aks", "-o", "jsonc"]);
    assert_eq!(serde_json::from_str::<Value>(&r.out).unwrap()["name"], "beta-aks", "no colour when piped");
    let mut c = cmd(&d, &["computetarget", "show", "-n", "beta-aks", "-o", "jsonc", "--cloud", &e.endpoint(), "--token-env", "T"]);
    c.env("T", &e.config().token).env("CLICOLOR_FORCE", "1");
    assert!(run_in(c, None).out.contains("\u{1b}["), "colour when forced");
    let r = go(&["computetarget", "show", "-n", "beta-aks", "--query", "properties.properties.agentCount", "-o", "tsv"]);
    assert_eq!(r.out.trim(), "4");
    let r = go(&["show", "beta-aks", "-o", "table"]);
    assert!(r.out.starts_with("AgentCount") || r.out.contains("Name"), "{}", r.out);
    let r = go(&["computetarget", "show", "-n", "beta-aks", "-o", "table"]);
    assert!(r.out.starts_with("Id") && r.out.contains("Location"), "{}", r.out);
    let r = go(&["computetarget", "show", "-n", "beta-aks", "-o", "none"]);
    assert!(r.code == 0 && r.out.is_empty());
    let r = go(&["computetarget", "list", "--query", "[?"]);
    assert_eq!(r.code, 2, "a bad query is misuse: {}", r.err);
    // check: the diagnostics are the data.
    let cfg = Some(r#"{"name": "myaks", "agent_count": 1}"#);
    let r = run(&d, &["check", "create", "--config", "-", "-o", "json"], cfg);
    let codes: Vec<String> = serde_json::from_str::<Value>(&r.out)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["code"].as_str().unwrap().to_string())
        .collect();
    assert!(codes.contains(&"CAP003".to_string()), "{codes:?}");
    let r = run(&d, &["check", "create", "--config", "-", "--query", "[?severity=='error'].code", "-o", "tsv"], cfg);
    assert_eq!((r.code, r.out.trim()), (1, "CAP003"));
    let r = run(&d, &["check", "create", "--config", "-", "-o", "table", "--query", "[].{Code: code, Severity: severity}"], cfg);
    assert!(r.out.starts_with("Code") && r.out.contains("CAP003  error"), "{}", r.out);
    let r = run(&d, &["check", "create", "--config", "-", "-o", "yaml"], cfg);
    assert!(r.out.contains("code: CAP003"), "{}", r.out);
    let r = run(&d, &["check", "create", "--config", "-", "-o", "none"], cfg);
    assert_eq!((r.code, r.out.as_str()), (1, ""));
    let r = run(&d, &["check", "create", "--config", "-", "-o", "jsonc"], cfg);
    assert!(serde_json::from_str::<Value>(&r.out).is_ok());
}

/// What the v1 CLI prints (azureml-cli-common 1.62's transformers over azureml-core's
/// `serialize()`): create, attach, update and list say name, state, region and errors (`-v`
/// the whole resource), show the resource in ARM's camelCase, detach and delete the ID.
#[test]
fn the_computetarget_commands_print_what_the_v1_cli_prints() {
    let e = emulator();
    let d = scratch("v1-shapes");
    let ws = format!(r#"{{"subscription_id": "{SUB}", "resource_group": "ml-rg", "workspace_name": "ml-ws", "location": "eastus"}}"#);
    std::fs::write(d.join("config.json"), ws).unwrap();
    let id = format!("/subscriptions/{SUB}/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/c1");
    e.add_cluster(&id, json!({"id": id, "location": "eastus"}));
    let go = |args: &[&str]| {
        let mut c = cmd(&d, args);
        c.args(["--cloud", &e.endpoint(), "--token-env", "T"]).env("T", &e.config().token);
        let r = run_in(c, None);
        assert_eq!(r.code, 0, "{args:?}: {}", r.err);
        serde_json::from_str::<Value>(&r.out).unwrap_or_else(|_| panic!("{args:?}: {}", r.out))
    };
    let mlc = |name: &str| json!({"name": name, "provisioningState": "Succeeded", "location": "eastus", "provisioningErrors": null});
    assert_eq!(go(&["computetarget", "create", "aks", "-n", "alpha-aks", "-l", "eastus"]), mlc("alpha-aks"));
    assert_eq!(go(&["computetarget", "attach", "aks", "-n", "beta-aks", "-i", &id]), mlc("beta-aks"));
    let lb = ["computetarget", "update", "aks", "-n", "beta-aks", "--load-balancer-type", "InternalLoadBalancer"];
    assert_eq!(go(&lb), mlc("beta-aks"));
    assert_eq!(go(&["computetarget", "list"]), json!([mlc("alpha-aks"), mlc("beta-aks")]));
    let whole = go(&["computetarget", "show", "-n", "beta-aks"]);
    let keys: Vec<&String> = whole.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["id", "location", "name", "properties", "tags"], "{whole}");
    assert_eq!(whole["properties"]["computeType"], "AKS");
    assert_eq!(whole["properties"]["isAttachedCompute"], true);
    assert_eq!(whole["properties"]["properties"]["loadBalancerType"], "InternalLoadBalancer");
    assert_eq!(go(&["computetarget", "list", "-v"])[1], whole, "-v: the whole resource, as show gives it");
    // akscompute's own commands keep their snake_case fields.
    assert_eq!(go(&["show", "beta-aks"])["load_balancer_type"], "InternalLoadBalancer");
    // az ml computetarget get-credentials -n beta-aks: the listKeys answer, kubeconfigs in clear.
    let creds = go(&["computetarget", "get-credentials", "-n", "beta-aks"]);
    let keys: Vec<&String> = creds.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["adminKubeConfig", "computeType", "imagePullSecretName", "userKubeConfig"], "{creds}");
    assert!(creds["userKubeConfig"].as_str().unwrap().contains("beta-aks"), "{creds}");
    let compute = |n: &str| {
        format!("/subscriptions/{SUB}/resourceGroups/ml-rg/providers/Microsoft.MachineLearningServices/workspaces/ml-ws/computes/{n}")
    };
    assert_eq!(go(&["computetarget", "detach", "-n", "beta-aks"]), json!({"id": compute("beta-aks")}));
    assert_eq!(go(&["computetarget", "delete", "-n", "alpha-aks"]), json!({"id": compute("alpha-aks")}));
    assert_eq!(go(&["computetarget", "list"]), json!([]));
}

/// The seed's command lines with the workspace flags alone and config.json as the portal
/// writes it (no region anywhere, no az to ask): the v1 CLI read the workspace's region from
/// Resource Manager (azureml-core's `Workspace.location`), and so does this one.
#[test]
fn seed_commands_without_a_region_take_the_workspaces_from_resource_manager() {
    let e =
        Emulator::start(Config { operation_time: Duration::from_millis(100), workspace_location: "westus2".into(), ..Config::default() });
    let d = scratch("seed-region");
    let id = format!(
        "/subscriptions/{SUB}/resourcegroups/myresourcegroup/providers/Microsoft.ContainerService/managedClusters/myexistingcluster"
    );
    e.add_cluster(&id, json!({"id": id, "location": "westus2"}));
    let go = |args: &[&str]| {
        let mut c = cmd(&d, args);
        c.args(["--subscription-id", SUB, "--cloud", &e.endpoint(), "--token-env", "T"]).env("T", &e.config().token);
        run_in(c, None)
    };
    // az ml computetarget attach aks -n myaks -i aksresourceid -g myresourcegroup -w myworkspace
    let r = go(&["computetarget", "attach", "aks", "-n", "myaks", "-i", &id, "-g", "myresourcegroup", "-w", "myworkspace"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(serde_json::from_str::<Value>(&r.out).unwrap()["location"], "westus2", "{}", r.out);
    // az ml computetarget create aks -n myaks (here with the workspace flags)
    let r = go(&["computetarget", "create", "aks", "-n", "myaks2", "-g", "myresourcegroup", "-w", "myworkspace"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(e.computes()["myaks2"]["location"], "westus2");
    assert_eq!(e.counters().get("GET workspace").copied(), Some(2), "{:?}", e.counters());
    // The portal's config.json (three keys) with akscompute's own create.
    std::fs::write(
        d.join("config.json"),
        format!(r#"{{"subscription_id": "{SUB}", "resource_group": "myresourcegroup", "workspace_name": "myworkspace"}}"#),
    )
    .unwrap();
    std::fs::write(d.join("c.json"), r#"{"name": "myaks3", "cluster_purpose": "DevTest", "agent_count": 1}"#).unwrap();
    let r = go(&["create", "-c", "c.json"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(e.computes()["myaks3"]["location"], "westus2");
    // A workspace Resource Manager does not know: nothing is sent, and -l is the way out.
    let none = Emulator::start(Config { workspace_location: String::new(), ..Config::default() });
    let mut c = cmd(&d, &["computetarget", "create", "aks", "-n", "nowhere-aks", "-g", "g", "-w", "w"]);
    c.args(["--subscription-id", SUB, "--cloud", &none.endpoint(), "--token-env", "T"]).env("T", &none.config().token);
    let r = run_in(c, None);
    // The service's answer lacks what it always has: the service's side (4), as any other.
    assert_eq!(r.code, 4, "{}", r.err);
    assert!(r.err.contains("--location") && !r.err.contains("context.workspace.location"), "{}", r.err);
    assert!(none.computes().is_empty() && !none.counters().contains_key("PUT compute"));
}

#[test]
fn a_region_that_cannot_be_looked_up_says_why_and_what_the_command_typed_takes_instead() {
    let e =
        Emulator::start(Config { operation_time: Duration::from_millis(100), workspace_location: "westus2".into(), ..Config::default() });
    let d = scratch("v1-region-failures");
    let id = format!("/subscriptions/{SUB}/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/c1");
    let go = |endpoint: &str, token: &str, args: &[&str]| {
        let mut c = cmd(&d, args);
        c.args(["-g", "ml-rg", "-w", "ml-ws", "--subscription-id", SUB, "--cloud", endpoint, "--token-env", "T"]).env("T", token);
        run_in(c, None)
    };
    let create: &[&str] = &["computetarget", "create", "aks", "-n", "region-aks"];
    let attach: &[&str] = &["computetarget", "attach", "aks", "-n", "region-att", "-i", &id];
    // Refused by Resource Manager (401) or no answer at all: the service or the network (4),
    // as the same failure is on every other call; each names what its command takes instead.
    for endpoint in [e.endpoint(), "http://127.0.0.1:1".to_string()] {
        let r = go(&endpoint, "not-the-token", create);
        assert_eq!(r.code, 4, "{}", r.err);
        assert!(r.err.contains("give --location"), "{}", r.err);
        let r = go(&endpoint, "not-the-token", attach);
        assert_eq!(r.code, 4, "{}", r.err);
        assert!(r.err.contains("workspace.location") && !r.err.contains("--location"), "attach has no --location: {}", r.err);
    }
    assert!(e.computes().is_empty());
    // A dry run sends nothing, the region lookup included: the flag or the context is asked for.
    let dry = |args: &[&str]| run(&d, &[args, &["-g", "ml-rg", "-w", "ml-ws", "--subscription-id", SUB, "--dry-run"]].concat(), None);
    let r = dry(create);
    assert_eq!(r.code, 2, "{}", r.err);
    assert!(r.err.contains("dry run") && r.err.contains("give --location") && !r.err.contains("context.workspace"), "{}", r.err);
    let r = dry(attach);
    assert_eq!(r.code, 2, "{}", r.err);
    assert!(r.err.contains("dry run") && r.err.contains("--context FILE") && !r.err.contains("--location"), "{}", r.err);
    let r = dry(&[create, &["-l", "eastus"]].concat());
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(serde_json::from_str::<Value>(&r.out).unwrap()["body"]["location"], "eastus", "{}", r.out);
    assert!(!e.counters().contains_key("PUT compute"));
    // --no-wait: the hint is a command this group has (it has no --wait).
    let r = go(&e.endpoint(), &e.config().token, &[create, &["--no-wait"]].concat());
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.err.contains("akscompute computetarget show -n region-aks") && !r.err.contains("--wait"), "{}", r.err);
    // versions: -l as az aks get-versions takes it, else the workspace's region.
    for args in [&["versions"][..], &["versions", "-l", "westeurope"][..]] {
        let r = go(&e.endpoint(), &e.config().token, args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.err);
        assert!(r.out.contains("default"), "{}", r.out);
    }
}

#[test]
fn check_many_configurations_at_once() {
    let d = scratch("many");
    let dir = d.join("fleet");
    std::fs::create_dir_all(dir.join("nested")).unwrap();
    std::fs::write(dir.join("a-ok.json"), r#"{"name": "prod-aks", "agent_count": 3}"#).unwrap();
    std::fs::write(dir.join("b-bad.json"), r#"{"name": "ab", "agent_count": 1}"#).unwrap();
    std::fs::write(dir.join("nested/c-broken.json"), "{not json").unwrap();
    std::fs::write(dir.join("notes.txt"), "not a configuration").unwrap();
    let r = run(&d, &["check", "create", "fleet", "--jobs", "2"], None);
    assert_eq!(r.code, 2, "one cannot be read: {}", r.out);
    let lines: Vec<&str> = r.out.lines().filter(|l| !l.starts_with(' ')).collect();
    assert!(lines[0].starts_with("fleet/a-ok.json: 0 errors"), "{}", r.out);
    assert!(lines[1].starts_with("fleet/b-bad.json: ") && !lines[1].contains(": 0 errors"), "{}", r.out);
    assert!(lines[2].starts_with("fleet/nested/c-broken.json: cannot be checked"), "{}", r.out);
    assert!(r.out.contains("3 configurations: 1 can be sent, 1 have errors, 1 cannot be checked"), "{}", r.out);
    let r = run(&d, &["check", "create", "fleet/a-ok.json", "fleet/b-bad.json", "-o", "json"], None);
    assert_eq!(r.code, 1);
    let v: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!((v[0]["valid"].as_bool(), v[1]["valid"].as_bool()), (Some(true), Some(false)));
    assert_eq!(v[1]["file"], "fleet/b-bad.json");
    // JSON lines on standard input, each named by its line.
    let r = run(
        &d,
        &["check", "create", "-", "-o", "json", "--query", "[].[file, valid]"],
        Some("{\"name\": \"prod-aks\"}\n{\"name\": \"ab\"}\n"),
    );
    assert_eq!(serde_json::from_str::<Value>(&r.out).unwrap(), json!([["stdin:1", true], ["stdin:2", false]]));
    // One document on standard input is one configuration, printed as before.
    let r = run(&d, &["check", "create", "-"], Some("{\n  \"name\": \"prod-aks\"\n}\n"));
    assert!(r.code == 0 && r.out.lines().any(|l| l.starts_with("0 errors")) && !r.out.contains("stdin:"), "{}", r.out);
}

#[test]
fn completions_for_each_shell_and_a_man_page() {
    let d = scratch("completions");
    for (shell, mark) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef akscompute"),
        ("fish", "complete -c akscompute"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion"),
    ] {
        let r = run(&d, &["completions", shell], None);
        assert_eq!(r.code, 0, "{shell}: {}", r.err);
        assert!(r.out.contains(mark) && r.out.contains("computetarget") && r.out.contains("only-show-errors"), "{shell}");
        assert!(r.out.contains("agent-count"), "{shell}: the v1 flags");
        if shell == "fish" {
            std::fs::write(d.join("akscompute.fish"), &r.out).unwrap();
        }
    }
    // Where fish is installed, ask it what `computetarget create aks --v<TAB>` offers.
    let fish = Command::new("fish").arg("--version").output().is_ok_and(|o| o.status.success());
    if fish {
        let bin = PathBuf::from(env!("CARGO_BIN_EXE_akscompute"));
        let path = format!("{}:{}", bin.parent().unwrap().display(), std::env::var("PATH").unwrap_or_default());
        let script = format!("source {}; complete -C 'akscompute computetarget create aks --v'", d.join("akscompute.fish").display());
        let o = Command::new("fish").args(["--no-config", "-c", &script]).env("PATH", path).output().unwrap();
        let offered = String::from_utf8_lossy(&o.stdout);
        for flag in ["--vm-size", "--vnet-name", "--vnet-resourcegroup-name", "--verbose"] {
            assert!(offered.lines().any(|l| l.split('\t').next() == Some(flag)), "fish offers {flag}:\n{offered}");
        }
    }
    let r = run(&d, &["man"], None);
    assert_eq!(r.code, 0);
    assert!(r.out.starts_with(".ie") || r.out.contains(".TH akscompute"), "{}", &r.out[..200.min(r.out.len())]);
    assert!(r.out.contains("EXIT STATUS") || r.out.contains("computetarget"), "the man page comes from the same definitions");
    // Every page the SEE ALSO / SUBCOMMANDS lists names is there: akscompute-computetarget(1)
    // is `man computetarget`, and so down to a v1 command's own flags.
    assert!(r.out.contains("akscompute\\-computetarget(1)"), "{}", r.out);
    let r = run(&d, &["man", "computetarget"], None);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains(".TH akscompute-computetarget ") && r.out.contains("akscompute\\-computetarget\\-create(1)"), "{}", r.out);
    let r = run(&d, &["man", "computetarget", "update", "aks"], None);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains(".TH akscompute-computetarget-update-aks ") && r.out.contains("ssl\\-disable"), "{}", r.out);
    let r = run(&d, &["man", "computetarget", "nope"], None);
    assert_eq!(r.code, 2, "{}", r.err);
    assert!(r.err.contains("akscompute computetarget nope"), "{}", r.err);
}

#[test]
fn debug_verbose_and_only_show_errors() {
    let e = emulator();
    let d = scratch("debug");
    config_json(&d);
    let key = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/key.pem")).unwrap();
    let key_line = key.lines().nth(1).unwrap().to_string();
    for f in ["cert.pem", "key.pem"] {
        std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").join(f), d.join(f)).unwrap();
    }
    let go = |args: &[&str]| {
        let mut c = cmd(&d, args);
        c.args(["--cloud", &e.endpoint(), "--token-env", "T"]).env("T", &e.config().token);
        run_in(c, None)
    };
    let ssl = ["--ssl-cname", "www.contoso.com", "--ssl-cert-file", "cert.pem", "--ssl-key-file", "key.pem"];
    let mut args = vec!["computetarget", "create", "aks", "-n", "tls-aks", "-l", "eastus", "--debug"];
    args.extend(ssl);
    let r = go(&args);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.err.contains("DEBUG: request method=PUT url=http://127.0.0.1:") && r.err.contains("<redacted>"), "{}", r.err);
    assert!(r.err.contains("DEBUG: poll operation=create name=tls-aks status="), "each poll's answer: {}", r.err);
    // One line per event: the client's, not a second one of the command's own.
    let lines = |needle: &str| r.err.lines().filter(|l| l.contains(needle)).count();
    assert_eq!(lines("request method=PUT"), 1, "the PUT is logged once:\n{}", r.err);
    assert!(!r.err.contains("create: request") && !r.err.contains("answer: status"), "{}", r.err);
    assert!(!r.err.contains(&key_line) && !r.err.contains(&e.config().token) && !r.out.contains(&key_line), "no secret in debug output");
    let r = go(&["computetarget", "show", "-n", "tls-aks", "--verbose"]);
    assert!(r.err.contains("INFO: workspace from") && !r.err.contains("DEBUG"), "{}", r.err);
    let r = go(&["computetarget", "detach", "-n", "tls-aks", "--no-wait", "--only-show-errors"]);
    assert!(r.code == 0 && r.err.is_empty(), "no notes: {}", r.err);
    let r = go(&["computetarget", "detach", "-n", "tls-aks", "--no-wait"]);
    assert!(r.err.contains("no such compute") || r.err.contains("accepted"), "{}", r.err);
}

#[test]
fn the_workspace_search_follows_workspace_from_config() {
    let e = emulator();
    let root = scratch("search");
    let project = root.join("project");
    std::fs::create_dir_all(project.join("aml_config")).unwrap();
    std::fs::create_dir_all(root.join("elsewhere")).unwrap();
    let write = |p: &Path, ws: &str| {
        std::fs::write(p, format!(r#"{{"subscription_id": "{SUB}", "resource_group": "ml-rg", "workspace_name": "{ws}"}}"#)).unwrap()
    };
    write(&project.join("config.json"), "plain-ws");
    let list = |dir: &Path, extra: &[&str]| {
        let mut c = cmd(dir, &["computetarget", "list", "--verbose"]);
        c.args(extra).args(["--cloud", &e.endpoint(), "--token-env", "T"]).env("T", &e.config().token);
        run_in(c, None)
    };
    let r = list(&project, &[]);
    assert!(r.code == 0 && r.err.contains("project/config.json"), "the folder's own config.json: {}", r.err);
    write(&project.join("aml_config/config.json"), "legacy-ws");
    assert!(list(&project, &[]).err.contains("aml_config/config.json"), "aml_config/ before the folder itself");
    std::fs::create_dir_all(project.join(".azureml")).unwrap();
    write(&project.join(".azureml/config.json"), "new-ws");
    assert!(list(&project, &[]).err.contains(".azureml/config.json"), ".azureml/ first");
    let r = list(&root.join("elsewhere"), &["--path", project.to_str().unwrap()]);
    assert!(r.code == 0 && r.err.contains(".azureml/config.json"), "--path starts the search: {}", r.err);
    let r = list(&root.join("elsewhere"), &["--path", project.join("config.json").to_str().unwrap()]);
    assert!(r.code == 0 && r.err.contains("project/config.json"), "--path may name the file: {}", r.err);
    let r = list(&root.join("elsewhere"), &["--path", root.join("elsewhere").to_str().unwrap()]);
    assert_eq!(r.code, 2, "nothing found under --path: {}", r.err);
    // -g/-w win over the file, part by part.
    let r = list(&project, &["-w", "flag-ws", "--debug"]);
    assert!(r.err.contains("/workspaces/flag-ws/computes"), "{}", r.err);
}

#[test]
fn plan_create_without_a_location_takes_the_workspaces_as_v1_did() {
    let d = scratch("plan-location");
    let (bin, calls) = fake_az(&d, "unused-token");
    std::fs::write(d.join("c.json"), r#"{"name": "aks1", "agent_count": 3, "cluster_purpose": "DevTest"}"#).unwrap();
    std::fs::write(d.join("x.json"), format!(r#"{{"workspace": {{"subscription_id": "{SUB}", "resource_group": "rg", "name": "ws"}}}}"#))
        .unwrap();
    let plan = |extra: &[&str]| {
        let mut args = vec!["plan", "create", "--config", "c.json", "--context", "x.json"];
        args.extend_from_slice(extra);
        let mut c = cmd(&d, &args);
        c.env("PATH", path_with(&bin)).env("AKS_TEST_TOKEN", "t");
        run_in(c, None)
    };
    // Signed in with the Azure CLI: the workspace's region, asked once.
    let r = plan(&[]);
    assert_eq!(r.code, 0, "{}", r.err);
    let v: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(v["body"]["location"], "eastus", "{}", r.out);
    let log = std::fs::read_to_string(&calls).unwrap();
    assert_eq!(log.matches("resource show --ids").count(), 1, "{log}");
    assert!(
        log.contains(&format!("/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws")),
        "{log}"
    );
    // A location in the configuration (the cluster's own region) is not asked for.
    std::fs::remove_file(&calls).unwrap();
    std::fs::write(d.join("c.json"), r#"{"name": "aks1", "agent_count": 3, "cluster_purpose": "DevTest", "location": "westeurope"}"#)
        .unwrap();
    let r = plan(&[]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(!calls.exists(), "az was not asked");
    // With --token-env the Azure CLI is not asked: the request names the field to give.
    std::fs::write(d.join("c.json"), r#"{"name": "aks1", "agent_count": 3, "cluster_purpose": "DevTest"}"#).unwrap();
    let r = plan(&["--token-env", "AKS_TEST_TOKEN"]);
    assert_eq!(r.code, 2, "{}", r.out);
    assert!(r.err.contains("context.workspace.location"), "{}", r.err);
    assert!(!calls.exists(), "az was not asked");
}

/// The shared flag groups keep each command's own words: the load balancer flags are marked
/// as not v1's on attach only, create says which type is the default, list's context is not
/// about rules.
#[test]
fn each_command_keeps_its_own_help_for_the_shared_flags() {
    let d = scratch("v1-help");
    let help = |args: &[&str]| {
        let r = run(&d, args, None);
        assert_eq!(r.code, 0, "{args:?}: {}", r.err);
        r.out
    };
    let attach = help(&["computetarget", "attach", "aks", "--help"]);
    assert!(attach.contains("akscompute: PublicIp or InternalLoadBalancer (not a v1 attach flag)"), "{attach}");
    assert!(attach.contains("akscompute: subnet of an internal load balancer (not a v1 attach flag)"), "{attach}");
    let create = help(&["computetarget", "create", "aks", "--help"]);
    assert!(create.contains("PublicIp (default) or InternalLoadBalancer") && !create.contains("not a v1 attach flag"), "{create}");
    let update = help(&["computetarget", "update", "aks", "--help"]);
    assert!(update.contains("Subnet of an internal load balancer. Default: aks-subnet") && update.contains("--ssl-renew"), "{update}");
    let list = help(&["computetarget", "list", "--help"]);
    assert!(list.contains("akscompute: a context file (not a v1 flag)") && !list.contains("--no-wait"), "{list}");
    for args in [["computetarget", "detach"], ["computetarget", "delete"]] {
        let h = help(&[args[0], args[1], "--help"]);
        assert!(["--name", "--workspace-name", "--context", "--no-wait", "--dry-run"].iter().all(|f| h.contains(f)), "{h}");
    }
    // show only reads: nothing to wait for, nothing to print instead of sending.
    let show = help(&["computetarget", "show", "--help"]);
    assert!(["--name", "--workspace-name", "--context"].iter().all(|f| show.contains(f)), "{show}");
    assert!(!show.contains("--no-wait") && !show.contains("--dry-run"), "{show}");
}

fn v1_reference() -> Value {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/exports-az-v1-flags.json");
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// Every flag and short form Microsoft's v1 reference lists for a computetarget command is
/// one this CLI's command takes, so a command line from the docs runs with `az ml` replaced.
#[test]
fn the_computetarget_commands_take_every_flag_the_v1_reference_lists() {
    let reference = v1_reference();
    let d = scratch("v1-flags");
    for (command, spec) in reference["commands"].as_object().unwrap() {
        let mut args = vec!["computetarget"];
        args.extend(command.split(' '));
        args.push("--help");
        let r = run(&d, &args, None);
        assert_eq!(r.code, 0, "{command}: {}", r.err);
        let flags = spec["flags"].as_array().unwrap().iter().chain(reference["global"].as_array().unwrap());
        for f in flags.map(|f| f.as_str().unwrap()) {
            let listed = r.out.lines().any(|l| l.trim_start().split([',', ' ']).any(|w| w == f));
            assert!(listed, "computetarget {command} has no {f}:\n{}", r.out);
        }
        for (short, long) in spec["short"].as_object().unwrap() {
            assert!(
                r.out.contains(&format!("{short}, {}", long.as_str().unwrap())),
                "computetarget {command}: no {short} for {long}:\n{}",
                r.out
            );
        }
    }
}

/// The az command lines akscompute exports run unchanged, `az ml` replaced, against the
/// emulator: a create with every flag it can take, and an attach whose load balancer and TLS
/// go into the `update aks` that follows it (v1's attach takes neither).
#[test]
fn exported_az_lines_run_as_they_are() {
    let e = emulator();
    let d = scratch("v1-exported");
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    for f in ["cert.pem", "key.pem"] {
        std::fs::copy(examples.join(f), d.join(f)).unwrap();
    }
    let id = format!("/subscriptions/{SUB}/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/c1");
    e.add_cluster(&id, json!({"id": id, "location": "eastus"}));
    let ctx =
        format!(r#"{{"workspace": {{"subscription_id": "{SUB}", "resource_group": "ml-rg", "name": "ml-ws", "location": "eastus"}}}}"#);
    std::fs::write(d.join("context.json"), ctx).unwrap();
    let cert = std::fs::read_to_string(d.join("cert.pem")).unwrap();
    let key = std::fs::read_to_string(d.join("key.pem")).unwrap();
    let configs = [
        (
            "create",
            json!({"name": "alpha-aks", "agent_count": 2, "vm_size": "Standard_D3_v2", "cluster_purpose": "DevTest", "location": "eastus", "ssl": {"leaf_domain_label": "contoso", "overwrite_existing_domain": true}}),
        ),
        ("attach", json!({"name": "beta-aks", "resource_id": id, "ssl": {"cname": "www.contoso.com", "cert": cert, "key": key}})),
    ];
    for (op, cfg) in configs {
        let r = run(&d, &["plan", op, "--config", "-", "--context", "context.json", "--emit", "az-cli"], Some(&cfg.to_string()));
        assert_eq!(r.code, 0, "{op}: {}", r.err);
        let line = r.out.trim();
        assert!(!line.contains("BEGIN"), "no PEM on a command line: {line}");
        for one in line.split(" && ") {
            let words = shlex::split(one).unwrap();
            assert_eq!(&words[..2], ["az", "ml"], "{one}");
            let mut c = cmd(&d, &words[2..].iter().map(String::as_str).collect::<Vec<_>>());
            c.args(["--cloud", &e.endpoint(), "--token-env", "T"]).env("T", &e.config().token);
            let r = run_in(c, None);
            assert_eq!(r.code, 0, "{one}: {}", r.err);
        }
    }
    let alpha = &e.computes()["alpha-aks"]["properties"]["properties"];
    assert_eq!((alpha["agentCount"].as_i64(), alpha["clusterPurpose"].as_str()), (Some(2), Some("DevTest")), "{alpha}");
    assert_eq!(alpha["sslConfiguration"]["leafDomainLabel"], "contoso");
    let beta = &e.computes()["beta-aks"]["properties"]["properties"];
    assert_eq!(beta["sslConfiguration"]["cname"], "www.contoso.com", "the update after the attach: {beta}");
}

/// Command lines from Microsoft's pages beyond the seeds, `az ml` replaced, run unchanged:
/// how-to-create-attach-kubernetes's `create aks -n myaks --load-balancer-type
/// InternalLoadBalancer`, and the long forms of attach and of `update aks` with the internal
/// load balancer as deployment scripts write them (the page's "update the cluster to use an
/// internal load balancer after attaching").
#[test]
fn docs_command_lines_run_unchanged() {
    let e = emulator();
    let d = scratch("v1-docs");
    let id = format!("/subscriptions/{SUB}/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/myexistingcluster");
    e.add_cluster(&id, json!({"id": id, "location": "eastus"}));
    let go = |line: &str| {
        let words = shlex::split(line).unwrap();
        let mut c = cmd(&d, &words.iter().map(String::as_str).collect::<Vec<_>>());
        c.args(["--subscription-id", SUB, "--cloud", &e.endpoint(), "--token-env", "T"]).env("T", &e.config().token);
        let r = run_in(c, None);
        assert_eq!(r.code, 0, "{line}: {}", r.err);
    };
    go("computetarget create aks -n myaks --load-balancer-type InternalLoadBalancer -g myresourcegroup -w myworkspace");
    assert_eq!(e.computes()["myaks"]["properties"]["properties"]["loadBalancerType"], "InternalLoadBalancer");
    go(&format!(
        "computetarget attach aks --compute-resource-id {id} --name mlwaks --resource-group myresourcegroup --workspace-name myworkspace"
    ));
    go("computetarget update aks --name mlwaks --load-balancer-subnet scoring-subnet --load-balancer-type InternalLoadBalancer --workspace-name myworkspace --resource-group myresourcegroup");
    let p = &e.computes()["mlwaks"]["properties"]["properties"];
    assert_eq!(
        (p["loadBalancerType"].as_str(), p["loadBalancerSubnet"].as_str()),
        (Some("InternalLoadBalancer"), Some("scoring-subnet")),
        "{p}"
    );
}
