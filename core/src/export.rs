//! The same configuration as an ARM template resource and as an `az ml computetarget` command
//! line. Secrets never appear in either: the template takes them as `securestring` parameters,
//! the command line as file names to fill in.
use crate::config::{AttachConfig, CreateConfig, UnderlyingAction, UpdateConfig};
use crate::context::Context;
use crate::request::{self, Options, RequestError};
use serde_json::{json, Value};

const TEMPLATE_SCHEMA: &str = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

/// Replaces the TLS secrets in a body with template parameter references.
fn parameterize(mut props: Value) -> (Value, bool) {
    let mut secret = false;
    if let Some(ssl) = props.pointer_mut("/properties/sslConfiguration").and_then(Value::as_object_mut) {
        for (k, p) in [("cert", "sslCert"), ("key", "sslKey")] {
            if ssl.contains_key(k) {
                ssl.insert(k.into(), json!(format!("[parameters('{p}')]")));
                secret = true;
            }
        }
    }
    (props, secret)
}

/// A string as an ARM template literal: ARM evaluates a string that starts with `[` as an
/// expression (`"[listKeys(…)]"` in a description would run), and `[[` is its escape.
fn literal_text(s: &str) -> String {
    if s.starts_with('[') {
        format!("[{s}")
    } else {
        s.to_string()
    }
}

/// Every string of a configuration's value, keys included, as a template literal.
fn literal(v: Value) -> Value {
    match v {
        Value::String(s) => Value::String(literal_text(&s)),
        Value::Array(a) => Value::Array(a.into_iter().map(literal).collect()),
        Value::Object(m) => Value::Object(m.into_iter().map(|(k, x)| (literal_text(&k), literal(x))).collect()),
        other => other,
    }
}

/// An ARM resource ID as a `resourceId()` expression, as Azure's template test toolkit
/// (github:Azure/arm-ttk, testcases/deploymentTemplate/IDs-Should-Be-Derived-From-ResourceIDs)
/// asks of every `*Id` property. The subscription is left out when it is the workspace's: the
/// template deploys into the workspace's group, where `resourceId()` defaults to it. None when
/// the text is no ID of a resource in a group.
fn resource_id_expr(id: &str, workspace_sub: Option<&str>) -> Option<String> {
    let parts: Vec<&str> = id.trim_matches('/').split('/').collect();
    let [subs, sub, groups, rg, providers, namespace, rest @ ..] = parts.as_slice() else { return None };
    let ok = subs.eq_ignore_ascii_case("subscriptions")
        && groups.eq_ignore_ascii_case("resourceGroups")
        && providers.eq_ignore_ascii_case("providers")
        && !rest.is_empty()
        && rest.len() % 2 == 0
        && parts.iter().all(|p| !p.is_empty());
    if !ok {
        return None;
    }
    let q = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let types: Vec<&str> = rest.iter().step_by(2).copied().collect();
    let names = rest.iter().skip(1).step_by(2).map(|n| q(n));
    let mut args = Vec::new();
    if !workspace_sub.is_some_and(|w| w.eq_ignore_ascii_case(sub)) {
        args.push(q(sub));
    }
    args.push(q(rg));
    args.push(q(&format!("{namespace}/{}", types.join("/"))));
    args.extend(names);
    Some(format!("[resourceId({})]", args.join(", ")))
}

/// The api-version a template names: the request's, except 2020-02-02 (what azureml-core
/// sends), which the ARM template reference does not list for workspaces/computes
/// (learn.microsoft.com/azure/templates/microsoft.machinelearningservices/…/workspaces/computes
/// lists 2020-01-01, 2020-02-18-preview and 2020-03-01 around it; the REST specs' stable/2020-02-02
/// has no tag in the old root readme, so no schema is generated for it; azureml-core 1.61 pins it
/// as `MLC_WORKSPACE_API_VERSION`). 2021-01-01 is a listed version with the same
/// AKS body (both legacy: `agentVMSize`, no cluster purpose).
fn template_api_version(v: crate::request::ApiVersion) -> &'static str {
    match v {
        crate::request::ApiVersion::V2020_02_02 => crate::request::ApiVersion::V2021_01_01.as_str(),
        other => other.as_str(),
    }
}

fn template(name: &str, body: &Value, opts: &Options, ctx: &Context) -> Value {
    // The region as the configuration says it, for a description (no expression there).
    let region = body.get("location").and_then(Value::as_str).map(|r| crate::text::clip(r, 60).to_string());
    // The configuration's text is escaped first; the template's own expressions come after.
    let body = literal(body.clone());
    let (mut properties, secret) = parameterize(body.get("properties").cloned().unwrap_or(Value::Null));
    let ws_sub = ctx.workspace.as_ref().and_then(|w| w.subscription_id.as_deref());
    for ptr in ["/resourceId", "/properties/aksNetworkingConfiguration/subnetId"] {
        if let Some(v) = properties.pointer_mut(ptr) {
            if let Some(e) = v.as_str().and_then(|id| resource_id_expr(id, ws_sub)) {
                *v = Value::String(e);
            }
        }
    }
    let mut parameters = json!({"workspaceName": {"type": "string", "metadata": {"description": "The Azure Machine Learning workspace"}}});
    // A blank default is no default (arm-ttk's Template-Should-Not-Contain-Blanks).
    if let Some(ws) = ctx.workspace.as_ref().and_then(|w| w.name.as_deref()).filter(|n| !n.is_empty()) {
        parameters["workspaceName"]["defaultValue"] = json!(literal_text(ws));
    }
    if secret {
        parameters["sslCert"] = json!({"type": "securestring", "metadata": {"description": "PEM certificate (cert.pem)"}});
        parameters["sslKey"] = json!({"type": "securestring", "metadata": {"description": "PEM private key (key.pem)"}});
    }
    // The region is the location parameter, never a literal: arm-ttk's
    // Location-Should-Not-Be-Hardcoded refuses a literal on a resource, and in a main template
    // a default other than [resourceGroup().location] (the quickstart templates' default).
    // The region the compute's workspace had when exported is in the description, for a
    // workspace in another region than its group.
    let location = match body.get("location") {
        Some(Value::String(_)) => {
            let description = format!("The workspace's region ({} when exported); the compute takes it", region.unwrap_or_default());
            parameters["location"] =
                json!({"type": "string", "defaultValue": "[resourceGroup().location]", "metadata": {"description": description}});
            Some(json!("[parameters('location')]"))
        }
        Some(Value::Null) | None => None,
        Some(other) => Some(other.clone()),
    };
    let mut resource = json!({
        "type": "Microsoft.MachineLearningServices/workspaces/computes",
        "apiVersion": template_api_version(opts.api_version),
        "name": format!("[concat(parameters('workspaceName'), '/{}')]", name.replace('\'', "''")),
        "properties": properties,
    });
    if let Some(l) = location {
        resource["location"] = l;
    }
    if let Some(t) = body.get("tags").filter(|t| t.as_object().is_some_and(|o| !o.is_empty())) {
        resource["tags"] = t.clone();
    }
    json!({"$schema": TEMPLATE_SCHEMA, "contentVersion": "1.0.0.0", "parameters": parameters, "resources": [resource]})
}

/// A deployment template that creates the compute. Note (OPS001): deploying it again over an
/// existing compute fails; the template is not idempotent either.
pub fn create_template(cfg: &CreateConfig, ctx: &Context, opts: &Options) -> Result<Value, RequestError> {
    let r = request::create(cfg, ctx, opts)?;
    Ok(template(cfg.name.as_deref().unwrap_or_default(), r.body().unwrap_or(&Value::Null), opts, ctx))
}

/// A deployment template that attaches the cluster.
pub fn attach_template(cfg: &AttachConfig, ctx: &Context, opts: &Options) -> Result<Value, RequestError> {
    let r = request::attach(cfg, ctx, opts)?;
    Ok(template(cfg.name.as_deref().unwrap_or_default(), r.body().unwrap_or(&Value::Null), opts, ctx))
}

/// Quotes a word for a POSIX shell when it needs it.
pub fn shell_quote(s: &str) -> String {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./:=@%+,".contains(&b)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

// The flags below are those Microsoft's reference lists for each `az ml computetarget` (v1,
// the azure-cli-ml extension) command: learn.microsoft.com/cli/azure/ml(v1)/computetarget/
// create, attach, update; tests/vectors/exports-az-v1-flags.json holds them and
// core/tests/export.rs holds every exported line to them.
struct Cmd(Vec<String>);

/// Which subscription flag a v1 command takes: create and update list `--subscription-id`;
/// attach, detach and delete list none of their own, and take az's global `--subscription`.
#[derive(Clone, Copy)]
enum Sub {
    Own,
    Global,
}

impl Cmd {
    fn new(words: &[&str]) -> Self {
        Cmd(words.iter().map(|w| (*w).to_string()).collect())
    }
    fn opt(&mut self, flag: &str, v: Option<&str>) {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            self.0.push(flag.into());
            self.0.push(shell_quote(v));
        }
    }
    fn flag(&mut self, flag: &str, on: bool) {
        if on {
            self.0.push(flag.into());
        }
    }
    /// The workspace in full: without its subscription, az would take the signed-in default
    /// one, which may hold another workspace of the same name.
    fn workspace(&mut self, ctx: &Context, sub: Sub) {
        let ws = ctx.workspace.clone().unwrap_or_default();
        self.opt("--resource-group", ws.resource_group.as_deref());
        self.opt("--workspace-name", ws.name.as_deref());
        let flag = match sub {
            Sub::Own => "--subscription-id",
            Sub::Global => "--subscription",
        };
        self.opt(flag, ws.subscription_id.as_deref());
    }
    /// The TLS flags create and update share; `--ssl-disable` and `--ssl-renew` are update's
    /// alone (a create's configuration has no status nor renewal to say).
    fn ssl(&mut self, ssl: Option<&crate::SslConfig>, update: bool) {
        let Some(s) = ssl else { return };
        if s.has_custom() {
            self.opt("--ssl-cname", s.cname.as_deref());
            // The CLI reads the PEM files itself; the text never goes on a command line.
            self.opt("--ssl-cert-file", Some("cert.pem"));
            self.opt("--ssl-key-file", Some("key.pem"));
        } else if s.has_leaf() {
            self.opt("--ssl-leaf-domain-label", s.leaf_domain_label.as_deref());
            self.flag("--ssl-overwrite-domain", s.overwrite_existing_domain == Some(true));
        }
        if update {
            self.flag("--ssl-disable", s.status.as_deref().is_some_and(|st| st.eq_ignore_ascii_case("disabled")));
            self.flag("--ssl-renew", s.renew == Some(true));
        }
    }
    fn done(self) -> String {
        self.0.join(" ")
    }
}

/// `az ml computetarget create aks …` (the azure-cli-ml extension the pages use). Its
/// `--cluster-purpose` takes FastProd and DevTest (the v1 reference's values): a purpose it
/// has no value for (DenseProd, which the compute API knows) is an error, not a line the CLI
/// refuses.
pub fn az_create(cfg: &CreateConfig, ctx: &Context) -> Result<String, ExportError> {
    if let Some(p) = cfg.cluster_purpose.as_deref().filter(|p| !V1_CLUSTER_PURPOSES.contains(p)) {
        return Err(purpose_not_in_v1("create aks", p));
    }
    let mut c = Cmd::new(&["az", "ml", "computetarget", "create", "aks"]);
    c.opt("--name", cfg.name.as_deref());
    c.workspace(ctx, Sub::Own);
    c.opt("--agent-count", cfg.agent_count.map(|n| n.to_string()).as_deref());
    c.opt("--vm-size", cfg.vm_size.as_deref());
    c.opt("--cluster-purpose", cfg.cluster_purpose.as_deref());
    c.opt("--location", cfg.location.as_deref());
    if let Some(v) = &cfg.vnet {
        c.opt("--vnet-resourcegroup-name", v.resource_group.as_deref());
        c.opt("--vnet-name", v.name.as_deref());
        c.opt("--subnet-name", v.subnet.as_deref());
        c.opt("--service-cidr", v.service_cidr.as_deref());
        c.opt("--dns-service-ip", v.dns_service_ip.as_deref());
        c.opt("--docker-bridge-cidr", v.docker_bridge_cidr.as_deref());
    }
    c.opt("--load-balancer-type", cfg.load_balancer_type.as_deref());
    c.opt("--load-balancer-subnet", cfg.load_balancer_subnet.as_deref());
    c.ssl(cfg.ssl.as_ref(), false);
    Ok(c.done())
}

/// A cluster purpose the v1 `command` cannot say: the template and the request can.
fn purpose_not_in_v1(command: &'static str, purpose: &str) -> ExportError {
    ExportError::NotInV1Cli {
        command,
        setting: format!("cluster_purpose {}", crate::text::clip(purpose, 40)),
        instead: "as arm-template or as the request",
    }
}

/// The values the v1 reference lists for `--cluster-purpose`.
const V1_CLUSTER_PURPOSES: [&str; 2] = ["FastProd", "DevTest"];

/// `az ml computetarget attach aks …`, and `&& az ml computetarget update aks …` after it
/// for the load balancer and TLS: v1's attach takes only the name, the cluster and the
/// workspace (the how-to pages update the load balancer after attaching, as here). A cluster
/// purpose other than the default FastProd has no v1 flag at all: an error, not a line that
/// quietly attaches for production.
pub fn az_attach(cfg: &AttachConfig, ctx: &Context) -> Result<String, ExportError> {
    if let Some(p) = cfg.cluster_purpose.as_deref().filter(|p| *p != crate::config::ClusterPurpose::FastProd.as_str()) {
        return Err(purpose_not_in_v1("attach aks", p));
    }
    let id = request::attach_target_id(cfg, ctx, crate::Profile::P2021_11).map_err(ExportError::Request)?;
    let mut c = Cmd::new(&["az", "ml", "computetarget", "attach", "aks"]);
    c.opt("--name", cfg.name.as_deref());
    c.opt("--compute-resource-id", Some(&id));
    c.workspace(ctx, Sub::Global);
    let attach = c.done();
    let mut u = Cmd::new(&["az", "ml", "computetarget", "update", "aks"]);
    u.opt("--name", cfg.name.as_deref());
    u.workspace(ctx, Sub::Own);
    let bare = u.0.len();
    u.opt("--load-balancer-type", cfg.load_balancer_type.as_deref());
    u.opt("--load-balancer-subnet", cfg.load_balancer_subnet.as_deref());
    u.ssl(cfg.ssl.as_ref(), true);
    Ok(if u.0.len() == bare { attach } else { format!("{attach} && {}", u.done()) })
}

/// `az ml computetarget update aks …`. A new node count has no v1 flag (`update aks` takes the
/// load balancer and TLS only): an error, not a line that leaves the count as it is.
pub fn az_update(cfg: &UpdateConfig, ctx: &Context) -> Result<String, ExportError> {
    if let Some(n) = cfg.agent_count {
        // Nor can a template update (NotInForm): only the request says it.
        return Err(ExportError::NotInV1Cli { command: "update aks", setting: format!("agent_count {n}"), instead: "as the request" });
    }
    let mut c = Cmd::new(&["az", "ml", "computetarget", "update", "aks"]);
    c.opt("--name", cfg.name.as_deref());
    c.workspace(ctx, Sub::Own);
    c.opt("--load-balancer-type", cfg.load_balancer_type.as_deref());
    c.opt("--load-balancer-subnet", cfg.load_balancer_subnet.as_deref());
    c.ssl(cfg.ssl.as_ref(), true);
    Ok(c.done())
}

/// `az ml computetarget detach …` or `… delete …`.
pub fn az_detach(name: Option<&str>, action: UnderlyingAction, ctx: &Context) -> String {
    let verb = match action {
        UnderlyingAction::Detach => "detach",
        UnderlyingAction::Delete => "delete",
    };
    let mut c = Cmd::new(&["az", "ml", "computetarget", verb]);
    c.opt("--name", name);
    c.workspace(ctx, Sub::Global);
    c.done()
}

/// The forms a configuration can be exported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Form {
    /// A deployment template (`arm-template`): create and attach only.
    ArmTemplate,
    /// An `az ml computetarget` command line (`az-cli`).
    AzCli,
}

impl Form {
    /// Every form.
    pub const ALL: [Form; 2] = [Form::ArmTemplate, Form::AzCli];

    /// `arm-template` or `az-cli`.
    pub fn as_str(self) -> &'static str {
        match self {
            Form::ArmTemplate => "arm-template",
            Form::AzCli => "az-cli",
        }
    }
}

impl std::str::FromStr for Form {
    type Err = ExportError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Form::ALL.into_iter().find(|f| f.as_str() == s).ok_or_else(|| ExportError::UnknownForm(crate::text::clip(s, 40).to_string()))
    }
}

/// What an export gives: a template (JSON) or a command line (text).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Exported {
    /// The ARM deployment template.
    Template(Value),
    /// The `az` command line.
    Command(String),
}

impl Exported {
    /// The template as it is, the command line as a JSON string.
    pub fn into_value(self) -> Value {
        match self {
            Exported::Template(v) => v,
            Exported::Command(c) => Value::String(c),
        }
    }
}

/// Why a configuration could not be exported. The shape and request errors are kept as the
/// `source()`.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The configuration is not of the operation's shape.
    #[error("{0}")]
    Config(#[source] crate::ConfigError),
    /// The request the export is made from cannot be built.
    #[error("{0}")]
    Request(#[source] RequestError),
    /// The form has no way to express the operation.
    #[error("an ARM template creates or attaches; it cannot {0}: export it as the request or as az-cli")]
    NotInForm(crate::Operation),
    /// The v1 CLI (`az ml computetarget`) has no flag or value for a setting the configuration
    /// makes: its `attach aks` takes a name, a cluster ID and the workspace, nothing more; its
    /// `update aks` no node count; its `--cluster-purpose` FastProd and DevTest only.
    #[error("`az ml computetarget {command}` has no flag for {setting}: export it {instead}")]
    NotInV1Cli {
        /// The v1 command (`attach aks`).
        command: &'static str,
        /// The configuration's field and value (`cluster_purpose DevTest`).
        setting: String,
        /// The forms that can say it (`as arm-template or as the request`).
        instead: &'static str,
    },
    /// Not `arm-template` or `az-cli`.
    #[error("unknown export form {0:?}: use arm-template or az-cli")]
    UnknownForm(String),
    /// Not one of create, attach, update, detach, delete.
    #[error("unknown operation {0:?}: use create, attach, update, detach or delete")]
    UnknownOperation(String),
}

/// A configuration as the caller holds it: JSON text (`&str`, read straight into the shape) or
/// a JSON value (`&Value`). A trait rather than an enum so that a build exporting from text
/// only (the browser's) holds no value reader, nor the reverse. Sealed: the two are all there is.
pub trait Source: Copy + sealed::Sealed {
    #[doc(hidden)]
    fn create(self) -> Result<CreateConfig, crate::ConfigError>;
    #[doc(hidden)]
    fn attach(self) -> Result<AttachConfig, crate::ConfigError>;
    #[doc(hidden)]
    fn update(self) -> Result<UpdateConfig, crate::ConfigError>;
    #[doc(hidden)]
    fn detach(self) -> Result<crate::DetachConfig, crate::ConfigError>;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for &str {}
    impl Sealed for &serde_json::Value {}
}

/// JSON text.
impl Source for &str {
    fn create(self) -> Result<CreateConfig, crate::ConfigError> {
        CreateConfig::from_json(self)
    }
    fn attach(self) -> Result<AttachConfig, crate::ConfigError> {
        AttachConfig::from_json(self)
    }
    fn update(self) -> Result<UpdateConfig, crate::ConfigError> {
        UpdateConfig::from_json(self)
    }
    fn detach(self) -> Result<crate::DetachConfig, crate::ConfigError> {
        crate::DetachConfig::from_json(self)
    }
}

/// A JSON value.
impl Source for &Value {
    fn create(self) -> Result<CreateConfig, crate::ConfigError> {
        CreateConfig::from_value(self)
    }
    fn attach(self) -> Result<AttachConfig, crate::ConfigError> {
        AttachConfig::from_value(self)
    }
    fn update(self) -> Result<UpdateConfig, crate::ConfigError> {
        UpdateConfig::from_value(self)
    }
    fn detach(self) -> Result<crate::DetachConfig, crate::ConfigError> {
        crate::DetachConfig::from_value(self)
    }
}

/// Exports a configuration (in its JSON shape, as text or as a value) for `operation` in
/// `form`: the one dispatch the CLI, Python and WASM bindings call. `delete` exports a delete
/// whatever the configuration's `action` says; `detach` follows it.
pub fn export(
    form: Form,
    operation: crate::Operation,
    config: impl Source,
    ctx: &Context,
    opts: &Options,
) -> Result<Exported, ExportError> {
    use crate::Operation as Op;
    let ce = ExportError::Config;
    let re = ExportError::Request;
    Ok(match (form, operation) {
        (Form::ArmTemplate, Op::Create) => Exported::Template(create_template(&config.create().map_err(ce)?, ctx, opts).map_err(re)?),
        (Form::ArmTemplate, Op::Attach) => Exported::Template(attach_template(&config.attach().map_err(ce)?, ctx, opts).map_err(re)?),
        (Form::ArmTemplate, op) => return Err(ExportError::NotInForm(op)),
        (Form::AzCli, Op::Create) => Exported::Command(az_create(&config.create().map_err(ce)?, ctx)?),
        (Form::AzCli, Op::Attach) => Exported::Command(az_attach(&config.attach().map_err(ce)?, ctx)?),
        (Form::AzCli, Op::Update) => Exported::Command(az_update(&config.update().map_err(ce)?, ctx)?),
        (Form::AzCli, op @ (Op::Detach | Op::Delete)) => {
            let d = config.detach().map_err(ce)?;
            let action = if op == Op::Delete { UnderlyingAction::Delete } else { d.action };
            Exported::Command(az_detach(d.name.as_deref(), action, ctx))
        }
    })
}

/// [`export`] with the form and the operation by name (`"az-cli"`, `"create"`), for the
/// bindings that take them as text.
pub fn export_named(form: &str, operation: &str, config: impl Source, ctx: &Context, opts: &Options) -> Result<Exported, ExportError> {
    let form: Form = form.parse()?;
    let op: crate::Operation =
        operation.parse().map_err(|_| ExportError::UnknownOperation(crate::text::clip(operation, 40).to_string()))?;
    export(form, op, config, ctx, opts)
}

#[cfg(test)]
mod tests {
    use super::{literal, resource_id_expr, shell_quote};
    use serde_json::json;

    #[test]
    fn every_leading_bracket_is_escaped() {
        let v = literal(
            json!({"description": "[listKeys('x')]", "tags": {"[k]": "[v", "ok": "a[b]"}, "list": ["[x]", 3, null], "n": "[[already"}),
        );
        assert_eq!(
            v,
            json!({"description": "[[listKeys('x')]", "tags": {"[[k]": "[[v", "ok": "a[b]"}, "list": ["[[x]", 3, null], "n": "[[[already"})
        );
    }
    #[test]
    fn resource_ids_become_resource_id_calls() {
        let id = "/subscriptions/s1/resourceGroups/it's-rg/providers/Microsoft.Network/virtualNetworks/v]n/subnets/[s";
        assert_eq!(
            resource_id_expr(id, Some("S1")).as_deref(),
            Some("[resourceId('it''s-rg', 'Microsoft.Network/virtualNetworks/subnets', 'v]n', '[s')]")
        );
        assert_eq!(
            resource_id_expr(id, None).as_deref(),
            Some("[resourceId('s1', 'it''s-rg', 'Microsoft.Network/virtualNetworks/subnets', 'v]n', '[s')]")
        );
        for not_an_id in [
            "aksresourceid",
            "/subscriptions/s/resourceGroups/rg",
            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.X/t",
            "/subscriptions//resourceGroups/rg/providers/N/t/n",
        ] {
            assert_eq!(resource_id_expr(not_an_id, None), None, "{not_an_id}");
        }
    }
    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(shell_quote("Standard_D3_v2"), "Standard_D3_v2");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
        assert_eq!(shell_quote("$(rm -rf /)"), "'$(rm -rf /)'");
        assert_eq!(shell_quote(""), "''");
    }
}
