//! The one export dispatch (form x operation) the CLI, Python and WASM bindings call.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::export::{self, ExportError, Exported, Form};
use akscompute::request::Options;
use akscompute::{AttachConfig, Context, CreateConfig, Operation, UnderlyingAction, UpdateConfig};
use serde_json::json;

fn ctx() -> Context {
    Context::from_value(&json!({"workspace": {"subscription_id": "00000000-0000-0000-0000-000000000000", "resource_group": "rg", "name": "ws", "location": "eastus"}}))
        .unwrap()
}

#[test]
fn each_form_and_operation_goes_to_its_builder() {
    let (c, o) = (ctx(), Options::default());
    let create = json!({"name": "aks1", "agent_count": 3, "cluster_purpose": "DevTest"});
    let attach = json!({"name": "aks1", "resource_group": "rg", "cluster_name": "k8s"});
    let update = json!({"name": "aks1", "load_balancer_type": "InternalLoadBalancer"});
    let detach = json!({"name": "aks1", "action": "delete"});
    let cases = [
        (
            Form::ArmTemplate,
            Operation::Create,
            &create,
            Exported::Template(export::create_template(&CreateConfig::from_value(&create).unwrap(), &c, &o).unwrap()),
        ),
        (
            Form::ArmTemplate,
            Operation::Attach,
            &attach,
            Exported::Template(export::attach_template(&AttachConfig::from_value(&attach).unwrap(), &c, &o).unwrap()),
        ),
        (
            Form::AzCli,
            Operation::Create,
            &create,
            Exported::Command(export::az_create(&CreateConfig::from_value(&create).unwrap(), &c).unwrap()),
        ),
        (
            Form::AzCli,
            Operation::Attach,
            &attach,
            Exported::Command(export::az_attach(&AttachConfig::from_value(&attach).unwrap(), &c).unwrap()),
        ),
        (
            Form::AzCli,
            Operation::Update,
            &update,
            Exported::Command(export::az_update(&UpdateConfig::from_value(&update).unwrap(), &c).unwrap()),
        ),
        (Form::AzCli, Operation::Detach, &detach, Exported::Command(export::az_detach(Some("aks1"), UnderlyingAction::Delete, &c))),
        (
            Form::AzCli,
            Operation::Delete,
            &json!({"name": "aks1"}),
            Exported::Command(export::az_detach(Some("aks1"), UnderlyingAction::Delete, &c)),
        ),
    ];
    for (form, op, cfg, want) in cases {
        assert_eq!(export::export(form, op, cfg, &c, &o).unwrap(), want, "{form:?} {op}");
        assert_eq!(export::export_named(form.as_str(), op.as_str(), cfg, &c, &o).unwrap(), want, "{form:?} {op} by name");
        let text = cfg.to_string();
        assert_eq!(export::export(form, op, text.as_str(), &c, &o).unwrap(), want, "{form:?} {op} from text");
    }
    let az = export::export(Form::AzCli, Operation::Detach, &json!({"name": "aks1"}), &c, &o).unwrap().into_value();
    assert_eq!(az, json!("az ml computetarget detach --name aks1 --resource-group rg --workspace-name ws --subscription 00000000-0000-0000-0000-000000000000"));
}

#[test]
fn what_a_form_cannot_say_and_unknown_names_are_errors() {
    let (c, o) = (ctx(), Options::default());
    for op in [Operation::Update, Operation::Detach, Operation::Delete] {
        let e = export::export(Form::ArmTemplate, op, &json!({"name": "aks1"}), &c, &o).unwrap_err();
        assert_eq!(e, ExportError::NotInForm(op));
        assert!(e.to_string().contains(op.as_str()), "{e}");
    }
    assert!(matches!(export::export_named("bicep", "create", &json!({}), &c, &o), Err(ExportError::UnknownForm(f)) if f == "bicep"));
    assert!(matches!(export::export_named("az-cli", "scale", &json!({}), &c, &o), Err(ExportError::UnknownOperation(f)) if f == "scale"));
    let shape = export::export(Form::AzCli, Operation::Create, &json!({"name": 3}), &c, &o).unwrap_err();
    assert!(matches!(&shape, ExportError::Config(_)) && std::error::Error::source(&shape).is_some(), "{shape:?}");
    let req = export::export(Form::AzCli, Operation::Attach, &json!({"name": "aks1"}), &c, &o).unwrap_err();
    assert!(matches!(&req, ExportError::Request(e) if e.key() == "request.cluster_missing"), "{req:?}");
}

#[test]
fn text_and_value_give_the_same_errors() {
    let (c, o) = (ctx(), Options::default());
    for (op, cfg) in [
        (Operation::Create, json!({"name": 3, "agent_count": "x"})),
        (Operation::Attach, json!({"name": "aks1"})),
        (Operation::Update, json!({"ssl": 1})),
        (Operation::Detach, json!({"action": "explode"})),
    ] {
        let text = cfg.to_string();
        assert_eq!(
            export::export(Form::AzCli, op, text.as_str(), &c, &o).unwrap_err(),
            export::export(Form::AzCli, op, &cfg, &c, &o).unwrap_err(),
            "{op}"
        );
    }
    // Text that is not JSON is the shape's syntax problem, as `from_json` gives it.
    let e = export::export(Form::AzCli, Operation::Create, "{\"name\":", &c, &o).unwrap_err();
    assert!(matches!(&e, ExportError::Config(x) if *x == CreateConfig::from_json("{\"name\":").unwrap_err()), "{e:?}");
}

// ------------------------------------------- az command lines against the v1 reference

fn vector(name: &str) -> serde_json::Value {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors").join(name);
    serde_json::from_str(&std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))).unwrap()
}

/// POSIX shell words, single quotes as `shell_quote` writes them (`'it'\''s'`).
fn shell_words(line: &str) -> Vec<String> {
    let (mut words, mut word, mut quoted, mut any) = (Vec::new(), String::new(), false, false);
    let mut chars = line.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '\'' => (quoted, any) = (!quoted, true),
            ' ' if !quoted => {
                if any {
                    words.push(std::mem::take(&mut word));
                }
                any = false;
            }
            '\\' if !quoted => {
                word.extend(chars.next());
                any = true;
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    assert!(!quoted, "unbalanced quotes: {line}");
    if any {
        words.push(word);
    }
    words
}

#[test]
fn the_shell_words_are_a_shells() {
    let q = export::shell_quote("it's a [test]");
    assert_eq!(shell_words(&format!("az --x {q} --y ''")), ["az", "--x", "it's a [test]", "--y", ""]);
}

/// A command's flags, each with its value (none for a switch).
type Flags = Vec<(String, Option<String>)>;

/// Each `az ml computetarget …` command of an exported line (`&&` between them): its group
/// ("create aks", "detach") and its flags with their values.
fn commands(line: &str) -> Vec<(String, Flags)> {
    const SWITCHES: [&str; 5] = ["--ssl-overwrite-domain", "--ssl-disable", "--ssl-renew", "--no-wait", "-v"];
    let words = shell_words(line);
    words
        .split(|w| w == "&&")
        .map(|cmd| {
            assert_eq!(&cmd[..3], ["az", "ml", "computetarget"], "{line}");
            let verb_len = if matches!(cmd[3].as_str(), "create" | "attach" | "update") { 2 } else { 1 };
            let group = cmd[3..3 + verb_len].join(" ");
            let mut flags = Vec::new();
            let mut rest = cmd[3 + verb_len..].iter();
            while let Some(f) = rest.next() {
                assert!(f.starts_with('-'), "{f} is no flag: {line}");
                let value =
                    (!SWITCHES.contains(&f.as_str())).then(|| rest.next().unwrap_or_else(|| panic!("{f} has no value: {line}")).clone());
                flags.push((f.clone(), value));
            }
            (group, flags)
        })
        .collect()
}

/// Every exported command line names only flags the v1 reference lists for its command (or
/// the global ones), gives the required ones, and the values the reference accepts.
#[test]
fn every_exported_az_command_is_one_the_v1_cli_accepts() {
    let reference = vector("exports-az-v1-flags.json");
    let global: Vec<&str> = reference["global"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    let c = ctx();
    let cert = "-----BEGIN CERTIFICATE-----\nQ0VSVA==\n-----END CERTIFICATE-----\n";
    let key = "-----BEGIN PRIVATE KEY-----\nS0VZ\n-----END PRIVATE KEY-----\n";
    let full_create = json!({"name": "aks1", "agent_count": 3, "vm_size": "Standard_D3_v2", "cluster_purpose": "FastProd", "location": "eastus",
        "vnet": {"name": "vn", "resource_group": "net-rg", "subnet": "sn", "service_cidr": "10.0.0.0/16", "dns_service_ip": "10.0.0.10", "docker_bridge_cidr": "172.17.0.1/16"},
        "load_balancer_type": "InternalLoadBalancer", "load_balancer_subnet": "sn", "ssl": {"cname": "www.contoso.com", "cert": cert, "key": key}});
    let cases = [
        (Operation::Create, full_create),
        (Operation::Create, json!({"name": "aks1", "ssl": {"leaf_domain_label": "contoso", "overwrite_existing_domain": true}})),
        (Operation::Attach, json!({"name": "aks1", "resource_group": "rg", "cluster_name": "k8s"})),
        (
            Operation::Attach,
            json!({"name": "aks1", "resource_group": "rg", "cluster_name": "k8s", "cluster_purpose": "FastProd", "load_balancer_type": "InternalLoadBalancer", "load_balancer_subnet": "sn", "ssl": {"cname": "www.contoso.com", "cert": cert, "key": key}}),
        ),
        (
            Operation::Attach,
            json!({"name": "aks1", "resource_group": "rg", "cluster_name": "k8s", "ssl": {"leaf_domain_label": "contoso"}}),
        ),
        (Operation::Update, json!({"name": "aks1", "load_balancer_type": "PublicIp", "ssl": {"status": "Disabled"}})),
        (Operation::Update, json!({"name": "aks1", "ssl": {"renew": true}})),
        (Operation::Update, json!({"name": "aks1", "ssl": {"cname": "www.contoso.com", "cert": cert, "key": key}})),
        (Operation::Detach, json!({"name": "aks1"})),
        (Operation::Delete, json!({"name": "aks1"})),
    ];
    for (op, cfg) in cases {
        let line =
            export::export(Form::AzCli, op, &cfg, &c, &Options::default()).unwrap_or_else(|e| panic!("{op} {cfg}: {e}")).into_value();
        let line = line.as_str().unwrap();
        for (group, flags) in commands(line) {
            let spec = &reference["commands"][&group];
            let known: Vec<&str> = spec["flags"]
                .as_array()
                .unwrap_or_else(|| panic!("{group} is no v1 command: {line}"))
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            for (f, value) in &flags {
                assert!(known.contains(&f.as_str()) || global.contains(&f.as_str()), "`az ml computetarget {group}` has no {f}: {line}");
                if let (Some(allowed), Some(v)) = (reference["values"][f].as_array(), value) {
                    assert!(allowed.iter().any(|a| a == v.as_str()), "{f} {v} is not one the reference accepts: {line}");
                }
            }
            for r in spec["required"].as_array().unwrap() {
                assert!(flags.iter().any(|(f, _)| f == r.as_str().unwrap()), "{group} needs {r}: {line}");
            }
            // The workspace is named in full: the signed-in default subscription may hold another.
            let sub = flags.iter().find(|(f, _)| f == "--subscription-id" || f == "--subscription").and_then(|(_, v)| v.clone());
            assert_eq!(sub.as_deref(), Some("00000000-0000-0000-0000-000000000000"), "{line}");
        }
    }
}

/// The v1 CLI's attach has no --cluster-purpose (azureml-core's attach_configuration has):
/// an attach for DevTest cannot be said as an az command line, and says so rather than
/// dropping it (the service would hold the cluster to production's 12 cores).
#[test]
fn an_attach_for_dev_test_is_no_az_command_line() {
    let (c, o) = (ctx(), Options::default());
    let cfg = json!({"name": "aks1", "resource_group": "rg", "cluster_name": "k8s", "cluster_purpose": "DevTest"});
    let e = export::export(Form::AzCli, Operation::Attach, &cfg, &c, &o).unwrap_err();
    assert!(matches!(&e, ExportError::NotInV1Cli { .. }), "{e:?}");
    assert!(e.to_string().contains("cluster_purpose") && e.to_string().contains("arm-template"), "{e}");
    // The template can say it.
    assert!(export::export(Form::ArmTemplate, Operation::Attach, &cfg, &c, &o).is_ok());
    // Nor has v1's update aks a node count.
    let e = export::export(Form::AzCli, Operation::Update, &json!({"name": "aks1", "agent_count": 5}), &c, &o).unwrap_err();
    assert!(matches!(&e, ExportError::NotInV1Cli { command: "update aks", .. }) && e.to_string().contains("agent_count 5"), "{e}");
    // And its advice is a form that can update: a template cannot (NotInForm), so it is not named.
    assert!(e.to_string().contains("the request") && !e.to_string().contains("arm-template"), "{e}");
    assert!(matches!(
        export::export(Form::ArmTemplate, Operation::Update, &json!({"name": "aks1", "agent_count": 5}), &c, &o),
        Err(ExportError::NotInForm(_))
    ));
}

/// v1's `--cluster-purpose` takes FastProd and DevTest (the reference's values): a create for
/// DenseProd, which the compute API knows, is no az command line either; the template says it.
#[test]
fn a_create_for_dense_prod_is_no_az_command_line() {
    let (c, o) = (ctx(), Options::default());
    let cfg = json!({"name": "aks1", "cluster_purpose": "DenseProd"});
    let e = export::export(Form::AzCli, Operation::Create, &cfg, &c, &o).unwrap_err();
    assert!(matches!(&e, ExportError::NotInV1Cli { command: "create aks", .. }), "{e:?}");
    assert!(e.to_string().contains("DenseProd") && e.to_string().contains("arm-template"), "{e}");
    assert!(export::export(Form::ArmTemplate, Operation::Create, &cfg, &c, &o).is_ok());
    for p in ["FastProd", "DevTest"] {
        let line = export::export(Form::AzCli, Operation::Create, &json!({"name": "aks1", "cluster_purpose": p}), &c, &o).unwrap();
        assert!(line.into_value().as_str().unwrap().contains(&format!("--cluster-purpose {p}")));
    }
}
