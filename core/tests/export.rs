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
        (Form::AzCli, Operation::Create, &create, Exported::Command(export::az_create(&CreateConfig::from_value(&create).unwrap(), &c))),
        (
            Form::AzCli,
            Operation::Attach,
            &attach,
            Exported::Command(export::az_attach(&AttachConfig::from_value(&attach).unwrap(), &c).unwrap()),
        ),
        (Form::AzCli, Operation::Update, &update, Exported::Command(export::az_update(&UpdateConfig::from_value(&update).unwrap(), &c))),
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
    assert_eq!(az, json!("az ml computetarget detach --name aks1 --resource-group rg --workspace-name ws"));
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
