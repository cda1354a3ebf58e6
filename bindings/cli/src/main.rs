//! `akscompute`: check Azure Kubernetes Service inference compute configurations for Azure
//! Machine Learning against every documented rule, and plan the ARM requests that create,
//! attach, update, detach or delete them.
mod input;
mod live;
mod render;
mod schema;

use akscompute::request::{self, ApiVersion, Cloud, Options};
use akscompute::{
    export, AttachConfig, ConfigError, Context, CreateConfig, DetachConfig, Profile, UnderlyingAction, UpdateConfig, Validation,
};
use clap::{Args, Parser, Subcommand, ValueEnum};
use input::{inline_pem_files, read_json, Misuse};
use serde_json::Value;
use std::path::PathBuf;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
EXIT STATUS
  0  no error (warnings and infos may be printed)
  1  the configuration has at least one error (check), or plan refused to build because of one
  2  misuse: a file that cannot be read, text that is not JSON, an unknown field, a bad option

FILES
  The configuration is JSON in snake_case, mirroring azureml-core's keyword arguments:
    {\"name\": \"myaks\", \"agent_count\": 3, \"vm_size\": \"Standard_D3_v2\", \"cluster_purpose\": \"FastProd\",
     \"vnet\": {...}, \"load_balancer_type\": \"PublicIp\", \"ssl\": {\"leaf_domain_label\": \"contoso\"}}
  In ssl, \"cert_file\" and \"key_file\" name PEM files (relative to the configuration file), read
  in place of \"cert\" and \"key\". The context is JSON too: profile, locale, workspace
  {subscription_id, resource_group, name, location}, existing_computes, kubernetes_versions (the
  JSON or `-o table` text of az aks get-versions), cluster (az aks show), compute (the current
  compute, for update), vm_sizes, now (the time certificates are checked at).

EXAMPLES
  akscompute check create --config examples/create.json --context examples/context.json
  akscompute check attach --config examples/attach.json --context examples/context.json --format json
  akscompute plan create --config examples/create-valid.json --context examples/context.json
  akscompute plan attach --config examples/attach.json --context examples/context.json --emit az-cli
  akscompute rules --profile 2020-10
  AKS_TOKEN=$(az account get-access-token --query accessToken -o tsv) \\
    akscompute create --config examples/create-valid.json --context examples/context.json --token-env AKS_TOKEN --wait
  akscompute list --context examples/context.json          (a token from `az account get-access-token`)";

/// Check AKS inference compute configurations for Azure Machine Learning, and plan their ARM requests.
#[derive(Parser, Debug)]
#[command(name = "akscompute", version, about, long_about = None, after_long_help = AFTER_HELP, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Report every problem with a configuration, each with its code, field, message and fix.
    #[command(after_long_help = AFTER_HELP)]
    Check {
        #[arg(value_enum)]
        operation: CheckOp,
        #[command(flatten)]
        inputs: Inputs,
        /// text for people, json (an array of diagnostics) for machines.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print the ARM request (secrets redacted), or the same as an ARM template or az command line.
    #[command(after_long_help = AFTER_HELP)]
    Plan {
        #[arg(value_enum)]
        operation: PlanOp,
        #[command(flatten)]
        inputs: Inputs,
        /// The Machine Learning Services api-version.
        #[arg(long, default_value = "2026-07-01", value_parser = ["2020-02-02", "2021-01-01", "2025-12-01", "2026-07-01"])]
        api_version: String,
        /// public, china, usgov, or an https:// Resource Manager endpoint.
        #[arg(long, default_value = "public")]
        cloud: String,
        /// What to print.
        #[arg(long, value_enum, default_value_t = Emit::Request)]
        emit: Emit,
    },
    /// Create the compute (and its AKS cluster). Validates first; an existing name is refused without a request.
    #[command(after_long_help = AFTER_HELP)]
    Create(LiveArgs),
    /// Attach an existing AKS cluster. Refused when the cluster is attached already under another name.
    #[command(after_long_help = AFTER_HELP)]
    Attach(LiveArgs),
    /// Update TLS or the load balancer of a compute (GET, merge, PUT: AKS computes have no PATCH).
    #[command(after_long_help = AFTER_HELP)]
    Update(LiveArgs),
    /// Detach a compute: the AKS cluster stays.
    #[command(after_long_help = AFTER_HELP)]
    Detach(LiveArgs),
    /// Delete a compute: its AKS cluster goes too if Azure ML created it; an attached one is detached.
    #[command(after_long_help = AFTER_HELP)]
    Delete(LiveArgs),
    /// Show one compute (JSON).
    Show {
        /// The compute's name.
        name: String,
        #[command(flatten)]
        target: Target,
    },
    /// List the workspace's computes (JSON), every page.
    List {
        #[command(flatten)]
        target: Target,
    },
    /// The Kubernetes versions AKS supports in a region.
    Versions {
        /// The region, e.g. eastus (default: the workspace's).
        #[arg(long)]
        location: Option<String>,
        #[command(flatten)]
        target: Target,
    },
    /// List the rules: code, severity under the profile, title.
    Rules {
        /// Show the severities of this profile (rules it lacks are marked "-").
        #[arg(long, value_enum)]
        profile: Option<ProfileArg>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Look a VM size up: vCPUs, GPUs, FPGA, and where the facts come from.
    VmSize {
        /// e.g. Standard_D3_v2
        name: String,
    },
    /// Print the JSON Schema (draft 2020-12) of a configuration or of the context.
    Schema {
        #[arg(value_enum)]
        shape: schema::ShapeArg,
    },
}

#[derive(Args, Debug)]
struct Inputs {
    /// The configuration (JSON file, or - for standard input).
    #[arg(long, short = 'c', value_name = "FILE")]
    config: PathBuf,
    /// What the rules may know beyond the configuration (JSON file).
    #[arg(long, value_name = "FILE")]
    context: Option<PathBuf>,
    /// The rule profile; overrides the context's.
    #[arg(long, value_enum)]
    profile: Option<ProfileArg>,
    /// The language of the messages (en; others fall back to English).
    #[arg(long)]
    locale: Option<String>,
}

/// Where requests go and how they authenticate.
#[derive(Args, Debug)]
struct Remote {
    /// public, china, usgov, or an http(s):// Resource Manager endpoint.
    #[arg(long, default_value = "public")]
    cloud: String,
    #[arg(long, default_value = "2026-07-01", value_parser = ["2020-02-02", "2021-01-01", "2025-12-01", "2026-07-01"])]
    api_version: String,
    /// Read the bearer token from this environment variable (default: `az account get-access-token`).
    #[arg(long, value_name = "VAR")]
    token_env: Option<String>,
}

/// The reading commands: a context (its workspace says where) and a remote.
#[derive(Args, Debug)]
struct Target {
    /// The context (JSON): its workspace says where the compute lives.
    #[arg(long, value_name = "FILE")]
    context: Option<PathBuf>,
    #[command(flatten)]
    remote: Remote,
}

#[derive(Args, Debug)]
struct LiveArgs {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    remote: Remote,
    /// Print the request instead of sending it.
    #[arg(long)]
    dry_run: bool,
    /// Wait for the operation to finish, showing its progress.
    #[arg(long)]
    wait: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum CheckOp {
    Create,
    Attach,
    Update,
    Detach,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum PlanOp {
    Create,
    Attach,
    Update,
    Detach,
    Delete,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Emit {
    Request,
    ArmTemplate,
    AzCli,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum ProfileArg {
    Sdk,
    #[value(name = "2020-10")]
    P2020_10,
    #[value(name = "2021-04")]
    P2021_04,
    #[value(name = "2021-11")]
    P2021_11,
}

impl From<ProfileArg> for Profile {
    fn from(p: ProfileArg) -> Self {
        match p {
            ProfileArg::Sdk => Profile::Sdk,
            ProfileArg::P2020_10 => Profile::P2020_10,
            ProfileArg::P2021_04 => Profile::P2021_04,
            ProfileArg::P2021_11 => Profile::P2021_11,
        }
    }
}

/// What went wrong, by exit code.
pub(crate) enum Failure {
    Invalid,
    Misuse(String),
}

impl From<Misuse> for Failure {
    fn from(m: Misuse) -> Self {
        Failure::Misuse(m.0)
    }
}

fn shape(e: ConfigError) -> Failure {
    Failure::Misuse(e.to_string())
}

struct Loaded {
    config: Value,
    context_json: Value,
    context: Context,
}

fn load(inputs: &Inputs) -> Result<Loaded, Failure> {
    let mut config = read_json(&inputs.config, "configuration")?;
    inline_pem_files(&mut config, &inputs.config)?;
    let context_json = match &inputs.context {
        Some(p) => read_json(p, "context")?,
        None => Value::Object(Default::default()),
    };
    let mut context = Context::from_value(&context_json).map_err(shape)?;
    if let Some(p) = inputs.profile {
        context.profile = p.into();
    }
    if inputs.locale.is_some() {
        context.locale.clone_from(&inputs.locale);
    }
    Ok(Loaded { config, context_json, context })
}

fn validate(op: CheckOp, l: &Loaded) -> Result<Validation, Failure> {
    Ok(match op {
        CheckOp::Create => akscompute::validate_create(&CreateConfig::from_value(&l.config).map_err(shape)?, &l.context),
        CheckOp::Attach => akscompute::validate_attach(&AttachConfig::from_value(&l.config).map_err(shape)?, &l.context),
        CheckOp::Update => akscompute::validate_update(&UpdateConfig::from_value(&l.config).map_err(shape)?, &l.context),
        CheckOp::Detach => akscompute::validate_detach(&DetachConfig::from_value(&l.config).map_err(shape)?, &l.context),
    })
}

fn check(op: CheckOp, inputs: &Inputs, format: Format) -> Result<(), Failure> {
    let l = load(inputs)?;
    let v = validate(op, &l)?;
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&v.diagnostics).map_err(|e| Failure::Misuse(e.to_string()))?),
        Format::Text => print!("{}", render::text(&render::Style::stdout(), &v, l.context.profile.as_str())),
    }
    if v.is_valid() {
        Ok(())
    } else {
        Err(Failure::Invalid)
    }
}

fn plan(op: PlanOp, inputs: &Inputs, api_version: &str, cloud: &str, emit: Emit) -> Result<(), Failure> {
    let l = load(inputs)?;
    let opts = Options {
        api_version: api_version.parse::<ApiVersion>().map_err(|e| Failure::Misuse(e.to_string()))?,
        cloud: Cloud::parse(cloud).map_err(|e| Failure::Misuse(e.to_string()))?,
        profile: l.context.profile,
    };
    let check_op = match op {
        PlanOp::Create => CheckOp::Create,
        PlanOp::Attach => CheckOp::Attach,
        PlanOp::Update => CheckOp::Update,
        PlanOp::Detach | PlanOp::Delete => CheckOp::Detach,
    };
    let mut config = l.config.clone();
    if let (PlanOp::Detach | PlanOp::Delete, Some(o)) = (op, config.as_object_mut()) {
        o.insert("action".into(), Value::String(if matches!(op, PlanOp::Delete) { "delete" } else { "detach" }.into()));
    }
    let l = Loaded { config, ..l };
    // A plan is built only from a configuration the rules let through; the others come to stderr.
    let v = validate(check_op, &l)?;
    let err_style = render::Style::stderr();
    for d in v.diagnostics.iter().filter(|d| d.severity != akscompute::Severity::Info || !v.is_valid()) {
        eprintln!("{}", render::diagnostic(&err_style, d));
    }
    if !v.is_valid() {
        eprintln!("\nno plan: the configuration has errors (akscompute check {} shows them all)", format!("{check_op:?}").to_lowercase());
        return Err(Failure::Invalid);
    }
    let req_err = |e: request::RequestError| Failure::Misuse(format!("cannot build the request: {e}"));
    let ctx = &l.context;
    let out: String = match (op, emit) {
        (PlanOp::Create, e) => {
            let cfg = CreateConfig::from_value(&l.config).map_err(shape)?;
            match e {
                Emit::Request => pretty(&request::create(&cfg, ctx, &opts).map_err(req_err)?.preview()),
                Emit::ArmTemplate => pretty(&export::create_template(&cfg, ctx, &opts).map_err(req_err)?),
                Emit::AzCli => export::az_create(&cfg, ctx),
            }
        }
        (PlanOp::Attach, e) => {
            let cfg = AttachConfig::from_value(&l.config).map_err(shape)?;
            match e {
                Emit::Request => pretty(&request::attach(&cfg, ctx, &opts).map_err(req_err)?.preview()),
                Emit::ArmTemplate => pretty(&export::attach_template(&cfg, ctx, &opts).map_err(req_err)?),
                Emit::AzCli => export::az_attach(&cfg, ctx).map_err(req_err)?,
            }
        }
        (PlanOp::Update, e) => {
            let cfg = UpdateConfig::from_value(&l.config).map_err(shape)?;
            match e {
                Emit::Request => {
                    let current = l.context_json.get("compute").filter(|c| !c.is_null()).ok_or_else(|| {
                        Failure::Misuse("plan update needs the compute as it is now: put the GET response under \"compute\" in the context".into())
                    })?;
                    let p = request::update(&cfg, current, ctx, &opts).map_err(req_err)?;
                    for n in &p.notes {
                        eprintln!("note: {n}");
                    }
                    pretty(&p.request.preview())
                }
                Emit::ArmTemplate => return Err(Failure::Misuse("an ARM template creates or attaches; for an update, deploy the create template again with the new values, or use --emit request".into())),
                Emit::AzCli => export::az_update(&cfg, ctx),
            }
        }
        (PlanOp::Detach | PlanOp::Delete, e) => {
            let cfg = DetachConfig::from_value(&l.config).map_err(shape)?;
            let action = if matches!(op, PlanOp::Delete) { UnderlyingAction::Delete } else { UnderlyingAction::Detach };
            for d in v.diagnostics.iter().filter(|d| d.severity == akscompute::Severity::Info) {
                eprintln!("{}", render::diagnostic(&err_style, d));
            }
            match e {
                Emit::Request => pretty(&request::delete_or_detach(ctx, cfg.name.as_deref(), action, &opts).map_err(req_err)?.preview()),
                Emit::ArmTemplate => {
                    return Err(Failure::Misuse("ARM templates cannot detach or delete: use --emit request or az-cli".into()))
                }
                Emit::AzCli => export::az_detach(cfg.name.as_deref(), action, ctx),
            }
        }
    };
    println!("{out}");
    Ok(())
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}

fn rules(profile: Option<ProfileArg>, format: Format) -> Result<(), Failure> {
    let profile: Profile = profile.map(Into::into).unwrap_or_default();
    let rows: Vec<Value> = akscompute::rule_registry()
        .iter()
        .map(|r| {
            serde_json::json!({
                "code": r.code,
                "severity": r.severity(profile).map(|s| s.as_str()),
                "title": r.title,
                "source": r.source,
            })
        })
        .collect();
    if format == Format::Json {
        println!("{}", pretty(&Value::Array(rows)));
        return Ok(());
    }
    println!("rules under profile {profile} (\"-\": not in this profile)");
    for r in akscompute::rule_registry() {
        println!("{:<8} {:<8} {}", r.code, r.severity(profile).map(|s| s.as_str()).unwrap_or("-"), r.title);
    }
    Ok(())
}

fn vm_size(name: &str) -> Result<(), Failure> {
    match akscompute::vmsize::resolve(name, &[]) {
        Some(s) => {
            println!("{}", pretty(&serde_json::to_value(&s).map_err(|e| Failure::Misuse(e.to_string()))?));
            Ok(())
        }
        None => {
            eprintln!("{name}: not in the catalog of {} sizes, and its name does not tell its vCPUs", akscompute::vmsize::catalog_len());
            Err(Failure::Invalid)
        }
    }
}

fn live_command(op: PlanOp, a: &LiveArgs) -> Result<(), Failure> {
    if a.dry_run {
        return plan(op, &a.inputs, &a.remote.api_version, &a.remote.cloud, Emit::Request);
    }
    let l = load(&a.inputs)?;
    let client = live::client(l.context.profile, &a.remote.api_version, &a.remote.cloud, a.remote.token_env.clone())?;
    let name = l.config.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
    let what = match op {
        PlanOp::Create => live::Live::Create(Box::new(CreateConfig::from_value(&l.config).map_err(shape)?)),
        PlanOp::Attach => live::Live::Attach(AttachConfig::from_value(&l.config).map_err(shape)?),
        PlanOp::Update => live::Live::Update(UpdateConfig::from_value(&l.config).map_err(shape)?),
        PlanOp::Detach => live::Live::Remove(name, UnderlyingAction::Detach),
        PlanOp::Delete => live::Live::Remove(name, UnderlyingAction::Delete),
    };
    if let live::Live::Remove(n, _) = &what {
        if n.is_empty() {
            return Err(Failure::Misuse("the configuration needs the \"name\" of the compute".into()));
        }
    }
    live::run(&client, &l.context, what, a.wait)
}

fn read_target(t: &Target) -> Result<(Context, akscompute_client::blocking::Client), Failure> {
    let raw = match &t.context {
        Some(p) => read_json(p, "context")?,
        None => Value::Object(Default::default()),
    };
    let ctx = Context::from_value(&raw).map_err(shape)?;
    let client = live::client(ctx.profile, &t.remote.api_version, &t.remote.cloud, t.remote.token_env.clone())?;
    Ok((ctx, client))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Create(a) => live_command(PlanOp::Create, a),
        Command::Attach(a) => live_command(PlanOp::Attach, a),
        Command::Update(a) => live_command(PlanOp::Update, a),
        Command::Detach(a) => live_command(PlanOp::Detach, a),
        Command::Delete(a) => live_command(PlanOp::Delete, a),
        Command::Show { name, target } => read_target(target).and_then(|(ctx, c)| match c.get(&ctx, name).map_err(live::failed)? {
            Some(info) => live::print_json(&info),
            None => {
                eprintln!("akscompute: no compute named {name}");
                Err(Failure::Invalid)
            }
        }),
        Command::List { target } => read_target(target).and_then(|(ctx, c)| live::print_json(&c.list(&ctx).map_err(live::failed)?)),
        Command::Versions { location, target } => read_target(target).and_then(|(ctx, c)| {
            let ws = ctx.workspace.clone().unwrap_or_default();
            let loc = location
                .clone()
                .or(ws.location)
                .ok_or_else(|| Failure::Misuse("give --location, or a workspace location in the context".into()))?;
            let sub = ws.subscription_id.ok_or_else(|| Failure::Misuse("the context's workspace needs its subscription_id".into()))?;
            let l = c.kubernetes_versions(&sub, &loc).map_err(live::failed)?;
            for e in &l.entries {
                println!("{}{}{}", e.version, if e.preview { " (preview)" } else { "" }, if e.default { "  default" } else { "" });
            }
            Ok(())
        }),
        Command::Check { operation, inputs, format } => check(*operation, inputs, *format),
        Command::Plan { operation, inputs, api_version, cloud, emit } => plan(*operation, inputs, api_version, cloud, *emit),
        Command::Rules { profile, format } => rules(*profile, *format),
        Command::VmSize { name } => vm_size(name),
        Command::Schema { shape } => schema::run(*shape),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Invalid) => ExitCode::from(1),
        Err(Failure::Misuse(m)) => {
            eprintln!("akscompute: {m}");
            ExitCode::from(2)
        }
    }
}
