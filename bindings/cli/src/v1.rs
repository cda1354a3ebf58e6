//! `akscompute computetarget …`: the "az ml (v1) computetarget" commands with their flag names
//! and short options, so a command from the docs runs with `az ml` replaced by `akscompute`.
//! The flags become the same JSON configuration shape the `--config` files hold, read by the
//! same core reader (one definition of each shape), with `ssl.cert_file`/`key_file` read the
//! same way. Flags the v1 reference does not list for a command are marked in their help.
use crate::workspace::WorkspaceArgs;
use clap::{Args, Subcommand};
use serde_json::{Map, Value};
use std::path::PathBuf;

/// `computetarget` subcommands.
#[derive(Subcommand, Debug)]
pub enum Computetarget {
    /// Create a compute target.
    #[command(subcommand)]
    Create(CreateKind),
    /// Attach a compute target.
    #[command(subcommand)]
    Attach(AttachKind),
    /// Update a compute target.
    #[command(subcommand)]
    Update(UpdateKind),
    /// Detach a compute target from the workspace: the AKS cluster stays.
    Detach(NameArgs),
    /// Delete a compute target: an AKS cluster that Azure ML created goes too; an attached one is detached.
    Delete(NameArgs),
    /// Show a compute target.
    Show(ShowArgs),
    /// List the compute targets of the workspace.
    List(ListArgs),
    /// Get the credentials of a compute target: the AKS cluster's kubeconfigs (printed in
    /// clear, as the v1 command prints them: they are what was asked for).
    GetCredentials(CredentialArgs),
}

/// `computetarget get-credentials`.
#[derive(Args, Debug)]
pub struct CredentialArgs {
    /// Name of the compute target.
    #[arg(long, short = 'n')]
    pub name: String,
    #[command(flatten)]
    pub target: Target,
}

/// get-credentials: the listKeys answer as azureml-core's `get_credentials()` returns it and
/// the v1 CLI prints it (`transform_mlc_get_creds` passes it through).
pub fn credentials(k: &akscompute::response::AksSecrets) -> Value {
    let open = |s: &Option<akscompute::Secret>| s.as_ref().map(|s| Value::String(s.expose().to_string()));
    serde_json::json!({
        "computeType": "AKS",
        "userKubeConfig": open(&k.user_kube_config),
        "adminKubeConfig": open(&k.admin_kube_config),
        "imagePullSecretName": k.image_pull_secret_name,
    })
}

#[derive(Subcommand, Debug)]
pub enum CreateKind {
    /// Create an AKS compute target (and its cluster). Waits for it unless --no-wait.
    Aks(CreateAks),
}

#[derive(Subcommand, Debug)]
pub enum AttachKind {
    /// Attach an AKS cluster to the workspace.
    Aks(AttachAks),
}

#[derive(Subcommand, Debug)]
pub enum UpdateKind {
    /// Update an AKS compute target (TLS, load balancer).
    Aks(UpdateAks),
}

/// Where the compute lives: the workspace flags and a context file. Every command of this
/// group takes them.
#[derive(Args, Debug, Clone)]
pub struct Target {
    #[command(flatten)]
    pub workspace: WorkspaceArgs,
    /// akscompute: a context file with more for the rules to know (not a v1 flag).
    #[arg(long, value_name = "FILE")]
    pub context: Option<PathBuf>,
}

/// What every command of this group but list shares.
#[derive(Args, Debug, Clone)]
pub struct Common {
    #[command(flatten)]
    pub target: Target,
    /// Do not wait for the operation to finish.
    #[arg(long)]
    pub no_wait: bool,
    /// akscompute: print the request instead of sending it (not a v1 flag).
    #[arg(long)]
    pub dry_run: bool,
}

/// The load balancer flags of create, attach and update.
#[derive(Args, Debug, Clone, Default)]
pub struct LoadBalancer {
    /// PublicIp or InternalLoadBalancer.
    #[arg(long, value_name = "TYPE")]
    pub load_balancer_type: Option<String>,
    /// Subnet of an internal load balancer. Default: aks-subnet.
    #[arg(long, value_name = "NAME")]
    pub load_balancer_subnet: Option<String>,
}

impl LoadBalancer {
    fn put(&self, m: &mut Map<String, Value>) {
        put(m, "load_balancer_type", self.load_balancer_type.clone());
        put(m, "load_balancer_subnet", self.load_balancer_subnet.clone());
    }
}

/// TLS flags.
#[derive(Args, Debug, Clone, Default)]
pub struct Ssl {
    /// CNAME for the custom certificate; give --ssl-cert-file and --ssl-key-file with it.
    #[arg(long, value_name = "CNAME")]
    pub ssl_cname: Option<String>,
    /// PEM certificate file (- for standard input).
    #[arg(long, value_name = "FILE")]
    pub ssl_cert_file: Option<String>,
    /// PEM private key file (- for standard input).
    #[arg(long, value_name = "FILE")]
    pub ssl_key_file: Option<String>,
    /// Leaf domain label for a certificate Microsoft generates.
    #[arg(long, value_name = "LABEL")]
    pub ssl_leaf_domain_label: Option<String>,
    /// Overwrite an existing leaf domain label.
    #[arg(long)]
    pub ssl_overwrite_domain: bool,
}

/// `computetarget create aks`.
#[derive(Args, Debug)]
#[command(mut_arg("load_balancer_type", |a| a.help("PublicIp (default) or InternalLoadBalancer")))]
pub struct CreateAks {
    /// Name of the compute target.
    #[arg(long, short = 'n')]
    pub name: String,
    /// Number of agents (nodes). Default: 3. (-a: not confirmed by the v1 reference, whose
    /// stored pages show this flag's long name only; docs/exports.md.)
    #[arg(long, short = 'a', value_name = "N")]
    pub agent_count: Option<i64>,
    /// VM size of the agents. Default: Standard_D3_v2. (-s: not confirmed, as -a.)
    #[arg(long, short = 's', value_name = "SIZE")]
    pub vm_size: Option<String>,
    /// FastProd (default) or DevTest, the values the v1 reference lists (Azure ML also knows
    /// DenseProd).
    #[arg(long, value_name = "PURPOSE")]
    pub cluster_purpose: Option<String>,
    /// Region of the cluster. Default: the workspace's. (-l: not in the reference pages, as
    /// -a; public guides' v1 command lines use it.)
    #[arg(long, short = 'l', value_name = "REGION")]
    pub location: Option<String>,
    /// Virtual network name.
    #[arg(long, value_name = "NAME")]
    pub vnet_name: Option<String>,
    /// Resource group of the virtual network.
    #[arg(long, value_name = "GROUP")]
    pub vnet_resourcegroup_name: Option<String>,
    /// Subnet of the virtual network.
    #[arg(long, value_name = "NAME")]
    pub subnet_name: Option<String>,
    /// Kubernetes service address range (CIDR).
    #[arg(long, value_name = "CIDR")]
    pub service_cidr: Option<String>,
    /// Kubernetes DNS service IP, inside the service CIDR.
    #[arg(long, value_name = "IP")]
    pub dns_service_ip: Option<String>,
    /// Docker bridge address (CIDR).
    #[arg(long, value_name = "CIDR")]
    pub docker_bridge_cidr: Option<String>,
    #[command(flatten)]
    pub load_balancer: LoadBalancer,
    #[command(flatten)]
    pub ssl: Ssl,
    #[command(flatten)]
    pub common: Common,
}

/// `computetarget attach aks`.
#[derive(Args, Debug)]
#[command(
    mut_arg("load_balancer_type", |a| a.help("akscompute: PublicIp or InternalLoadBalancer (not a v1 attach flag)")),
    mut_arg("load_balancer_subnet", |a| a.help("akscompute: subnet of an internal load balancer (not a v1 attach flag)")),
    mut_arg("no_wait", |a| a.help("akscompute: do not wait for the attach to finish (not a v1 attach flag)"))
)]
pub struct AttachAks {
    /// Name of the compute target; unique in the workspace.
    #[arg(long, short = 'n')]
    pub name: String,
    /// ARM resource ID of the AKS cluster to attach.
    #[arg(long, short = 'i', value_name = "ID")]
    pub compute_resource_id: String,
    /// akscompute: FastProd or DevTest (not a v1 attach flag; azureml-core's attach_configuration has it).
    #[arg(long, value_name = "PURPOSE")]
    pub cluster_purpose: Option<String>,
    #[command(flatten)]
    pub load_balancer: LoadBalancer,
    /// TLS (akscompute: not v1 attach flags; azureml-core's enable_ssl has them).
    #[command(flatten)]
    pub ssl: Ssl,
    #[command(flatten)]
    pub common: Common,
}

/// `computetarget update aks`.
#[derive(Args, Debug)]
pub struct UpdateAks {
    /// Name of the compute target to update.
    #[arg(long, short = 'n')]
    pub name: String,
    #[command(flatten)]
    pub load_balancer: LoadBalancer,
    #[command(flatten)]
    pub ssl: Ssl,
    /// Disable TLS.
    #[arg(long)]
    pub ssl_disable: bool,
    /// Renew the certificate Microsoft generated.
    #[arg(long)]
    pub ssl_renew: bool,
    #[command(flatten)]
    pub common: Common,
}

/// `computetarget detach|delete`.
#[derive(Args, Debug)]
pub struct NameArgs {
    /// Name of the compute target.
    #[arg(long, short = 'n')]
    pub name: String,
    #[command(flatten)]
    pub common: Common,
}

/// `computetarget show`: it only reads, so it takes neither `--no-wait` nor `--dry-run`.
#[derive(Args, Debug)]
pub struct ShowArgs {
    /// Name of the compute target.
    #[arg(long, short = 'n')]
    pub name: String,
    #[command(flatten)]
    pub target: Target,
}

/// `computetarget list`.
#[derive(Args, Debug)]
#[command(mut_arg("context", |a| a.help("akscompute: a context file (not a v1 flag)")))]
pub struct ListArgs {
    #[command(flatten)]
    pub target: Target,
}

fn put(m: &mut Map<String, Value>, key: &str, v: Option<impl Into<Value>>) {
    if let Some(v) = v {
        m.insert(key.into(), v.into());
    }
}

fn ssl(s: &Ssl, extra: &[(&str, Value)]) -> Option<Value> {
    let mut m = Map::new();
    put(&mut m, "cname", s.ssl_cname.clone());
    put(&mut m, "cert_file", s.ssl_cert_file.clone());
    put(&mut m, "key_file", s.ssl_key_file.clone());
    put(&mut m, "leaf_domain_label", s.ssl_leaf_domain_label.clone());
    if s.ssl_overwrite_domain {
        m.insert("overwrite_existing_domain".into(), Value::Bool(true));
    }
    for (k, v) in extra {
        m.insert((*k).into(), v.clone());
    }
    (!m.is_empty()).then_some(Value::Object(m))
}

/// The create configuration these flags say.
pub fn create_config(a: &CreateAks) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), Value::String(a.name.clone()));
    put(&mut m, "agent_count", a.agent_count);
    put(&mut m, "vm_size", a.vm_size.clone());
    put(&mut m, "cluster_purpose", a.cluster_purpose.clone());
    put(&mut m, "location", a.location.clone());
    let mut vnet = Map::new();
    put(&mut vnet, "name", a.vnet_name.clone());
    put(&mut vnet, "resource_group", a.vnet_resourcegroup_name.clone());
    put(&mut vnet, "subnet", a.subnet_name.clone());
    put(&mut vnet, "service_cidr", a.service_cidr.clone());
    put(&mut vnet, "dns_service_ip", a.dns_service_ip.clone());
    put(&mut vnet, "docker_bridge_cidr", a.docker_bridge_cidr.clone());
    if !vnet.is_empty() {
        m.insert("vnet".into(), Value::Object(vnet));
    }
    a.load_balancer.put(&mut m);
    put(&mut m, "ssl", ssl(&a.ssl, &[]));
    Value::Object(m)
}

/// The attach configuration these flags say.
pub fn attach_config(a: &AttachAks) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), Value::String(a.name.clone()));
    m.insert("resource_id".into(), Value::String(a.compute_resource_id.clone()));
    put(&mut m, "cluster_purpose", a.cluster_purpose.clone());
    a.load_balancer.put(&mut m);
    put(&mut m, "ssl", ssl(&a.ssl, &[]));
    Value::Object(m)
}

/// The update configuration these flags say.
pub fn update_config(a: &UpdateAks) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), Value::String(a.name.clone()));
    a.load_balancer.put(&mut m);
    let mut extra = Vec::new();
    if a.ssl_disable {
        extra.push(("status", Value::String("Disabled".into())));
    }
    if a.ssl_renew {
        extra.push(("renew", Value::Bool(true)));
    }
    put(&mut m, "ssl", ssl(&a.ssl, &extra));
    Value::Object(m)
}

/// The detach or delete configuration of a name.
pub fn name_config(name: &str) -> Value {
    serde_json::json!({ "name": name })
}

/// How a command prints a compute: akscompute's own fields (snake_case, every one), or what
/// the az ml (v1) CLI prints, for scripts that read its output (`--query
/// properties.provisioningState`). The v1 shapes are those of azureml-cli-common 1.62's
/// transformers, over the compute as azureml-core's `serialize()` writes it (the core's
/// [`akscompute::response::ComputeInfo::to_sdk_json`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// akscompute's own commands: the parsed compute, snake_case.
    Own,
    /// The computetarget group; `verbose` (`-v`, as v1's flag) prints the whole resource.
    V1 { verbose: bool },
}

/// create, attach, update and each item of list: name, state, region and errors (v1's
/// `transform_mlc_resource`), or the whole resource with `-v`.
pub fn mlc_resource(info: &akscompute::response::ComputeInfo, verbose: bool) -> Value {
    let whole = info.to_sdk_json();
    if verbose {
        return whole;
    }
    serde_json::json!({
        "name": whole["name"],
        "provisioningState": whole["properties"]["provisioningState"],
        "location": whole["location"],
        "provisioningErrors": whole["properties"]["provisioningErrors"],
    })
}

/// show: the resource's id, name, tags, region and properties (v1's
/// `transform_compute_target_show`), which is all of `serialize()`.
pub fn shown(info: &akscompute::response::ComputeInfo) -> Value {
    info.to_sdk_json()
}

/// detach and delete: the ID of the compute that went (v1's `transform_mlc_delete`).
pub fn removed(id: &str) -> Value {
    serde_json::json!({ "id": id })
}
