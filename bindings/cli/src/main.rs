//! `akscompute`: check Azure Kubernetes Service inference compute configurations for Azure
//! Machine Learning against every documented rule, plan the ARM requests that create, attach,
//! update, detach or delete them, and send them, with the Azure CLI's conventions.
mod batch;
mod chrome;
mod completions;
mod failure;
mod input;
mod lint;
mod lint_report;
mod live;
mod log;
mod out;
mod output;
mod render;
mod schema;
mod token;
mod v1;
mod workspace;

use akscompute::request::{self, Options};
use akscompute::{
    export, AttachConfig, Context, CreateConfig, DetachConfig, Operation, Profile, UnderlyingAction, UpdateConfig, Validation,
};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use failure::{Failure, EXIT_STATUS};
use output::Format;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use workspace::WorkspaceArgs;

const FILES_AND_EXAMPLES: &str = "\
FILES
  The configuration is JSON in snake_case, mirroring azureml-core's keyword arguments:
    {\"name\": \"myaks\", \"agent_count\": 3, \"vm_size\": \"Standard_D3_v2\", \"cluster_purpose\": \"FastProd\",
     \"vnet\": {...}, \"load_balancer_type\": \"PublicIp\", \"ssl\": {\"leaf_domain_label\": \"contoso\"}}
  In ssl, \"cert_file\" and \"key_file\" name PEM files (relative to the configuration file), read
  in place of \"cert\" and \"key\". The context is JSON too: profile, locale, workspace
  {subscription_id, resource_group, name, location}, existing_computes, kubernetes_versions (the
  JSON or `-o table` text of az aks get-versions), cluster (az aks show), compute (the current
  compute, for update), vm_sizes, now (the time certificates are checked at).
  Without -g/-w the workspace comes from a config.json in the folder (--path) or a parent, also
  inside .azureml/ or aml_config/, as azureml-core's Workspace.from_config finds it.
  `-` reads standard input wherever a file is taken. Files are capped: 32 MiB of JSON, 1 MiB of PEM.

ENVIRONMENT
  NO_COLOR, CLICOLOR_FORCE   colour off / on whatever the stream
  LC_ALL, LC_MESSAGES, LANG  the language of the messages when neither --locale nor the context sets one

EXAMPLES
  akscompute computetarget create aks -n myaks
  akscompute computetarget attach aks -n myaks -i aksresourceid -g myresourcegroup -w myworkspace
  akscompute computetarget detach -n myaks -g myresourcegroup -w myworkspace
  akscompute computetarget list -o table --query \"[].{name:name, state:provisioningState}\"
  akscompute check create --config examples/create.json --context examples/context.json
  akscompute check create configs/            (every *.json in the folder, on every core)
  akscompute plan attach --config examples/attach.json --context examples/context.json --emit az-cli
  akscompute completions bash > /etc/bash_completion.d/akscompute";

fn after_help() -> String {
    format!("{EXIT_STATUS}\n\n{FILES_AND_EXAMPLES}")
}

/// Check AKS inference compute configurations for Azure Machine Learning, plan their ARM
/// requests, and send them.
#[derive(Parser, Debug)]
#[command(name = "akscompute", version, about, long_about = None, after_long_help = after_help(), propagate_version = true)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(flatten)]
    remote: live::Remote,
    #[command(subcommand)]
    command: Command,
}

/// The Azure CLI's global options, on every command.
#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Global Arguments")]
struct Global {
    /// Output format (check and plan also take text, their default).
    #[arg(long, short = 'o', global = true, value_enum, value_name = "FORMAT")]
    output: Option<Format>,
    /// JMESPath query applied to the JSON result (https://jmespath.org).
    #[arg(long, global = true, value_name = "JMESPATH")]
    query: Option<String>,
    /// Subscription ID of the workspace.
    #[arg(long, global = true, value_name = "ID")]
    subscription: Option<String>,
    /// Show what is done: every request (secrets redacted), answer, retry and poll, the count of
    /// requests sent. Tokens never appear.
    #[arg(long, global = true)]
    debug: bool,
    /// Say more about what is done: the workspace and endpoint used, every retry.
    #[arg(long, short = 'v', global = true)]
    verbose: bool,
    /// Show errors only: no warnings, notes or progress.
    #[arg(long, global = true)]
    only_show_errors: bool,
    /// The language of the messages and the labels around them (`nl`, `cs_CZ.UTF-8`, …: a
    /// region falls back to its language, an unknown language to English, said once); default:
    /// the context file's `locale`, else LC_ALL, LC_MESSAGES, LANG.
    #[arg(long, global = true, value_name = "LOCALE")]
    locale: Option<String>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// The az ml (v1) computetarget commands, verbatim: create aks, attach aks, update aks,
    /// detach, delete, show, list, get-credentials.
    #[command(subcommand, after_long_help = after_help())]
    Computetarget(Box<v1::Computetarget>),
    /// Report every problem with one configuration or many (files, folders, JSON lines on
    /// standard input), each with its code, field, message and fix.
    #[command(after_long_help = after_help())]
    Check(CheckArgs),
    /// Print the ARM request (secrets redacted), or the same as an ARM template or az command line.
    #[command(after_long_help = after_help())]
    Plan {
        #[arg(value_enum)]
        operation: PlanOp,
        #[command(flatten)]
        inputs: Inputs,
        #[command(flatten)]
        workspace: WorkspaceArgs,
        /// What to print.
        #[arg(long, value_enum, default_value_t = Emit::Request)]
        emit: Emit,
    },
    /// Create the compute (and its AKS cluster) from a configuration file.
    #[command(after_long_help = after_help())]
    Create(LiveArgs),
    /// Attach an existing AKS cluster from a configuration file.
    #[command(after_long_help = after_help())]
    Attach(LiveArgs),
    /// Update TLS or the load balancer of a compute (GET, merge, PUT: AKS computes have no PATCH).
    #[command(after_long_help = after_help())]
    Update(LiveArgs),
    /// Detach a compute: the AKS cluster stays.
    #[command(after_long_help = after_help())]
    Detach(LiveArgs),
    /// Delete a compute: its AKS cluster goes too if Azure ML created it; an attached one is detached.
    #[command(after_long_help = after_help())]
    Delete(LiveArgs),
    /// Show one compute.
    #[command(after_long_help = after_help())]
    Show {
        /// The compute's name.
        name: String,
        #[command(flatten)]
        target: Target,
    },
    /// List the workspace's computes, every page.
    #[command(after_long_help = after_help())]
    List {
        #[command(flatten)]
        target: Target,
    },
    /// The Kubernetes versions AKS supports in a region.
    Versions {
        /// The region, e.g. eastus (default: the workspace's; -l as az aks get-versions has it).
        #[arg(long, short = 'l')]
        location: Option<String>,
        #[command(flatten)]
        target: Target,
    },
    /// List the rules: code, severity under the profile, title; or one rule's documentation.
    Rules {
        /// Show this code's documentation (what it checks, severities, source, its page).
        code: Option<String>,
        /// Show the severities of this profile (rules it lacks are marked "-").
        #[arg(long, value_enum)]
        profile: Option<ProfileArg>,
        /// The same as -o (kept from earlier versions: text or json).
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: Option<Format>,
    },
    /// Check the AKS computes declared in ARM templates (and Bicep's output) and Terraform plans.
    #[command(after_long_help = lint::LINT_HELP)]
    Lint(lint::LintArgs),
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
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `akscompute man | man -l -`; a command's own page
    /// with its words, e.g. `akscompute man computetarget create aks` (each page's SEE ALSO
    /// names the pages of its commands: akscompute-computetarget(1) is `man computetarget`).
    Man {
        /// The command whose page to print (none: akscompute's own).
        command: Vec<String>,
    },
}

#[derive(Args, Debug)]
struct CheckArgs {
    #[arg(value_enum)]
    operation: CheckOp,
    /// Configuration files or folders (every *.json inside); - for standard input (one JSON
    /// document, or JSON lines).
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// A configuration (JSON file, or - for standard input); may be repeated.
    #[arg(long = "config", short = 'c', value_name = "FILE")]
    configs: Vec<PathBuf>,
    #[command(flatten)]
    inputs: OptInputs,
    #[command(flatten)]
    workspace: WorkspaceArgs,
    /// How many threads check at once (default: one per core).
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
    /// The same as -o (kept from earlier versions: text or json).
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<Format>,
}

/// The configuration and what the rules may know.
#[derive(Args, Debug)]
struct Inputs {
    /// The configuration (JSON file, or - for standard input).
    #[arg(long, short = 'c', value_name = "FILE")]
    config: PathBuf,
    #[command(flatten)]
    rest: OptInputs,
}

#[derive(Args, Debug)]
struct OptInputs {
    /// What the rules may know beyond the configuration (JSON file).
    #[arg(long, value_name = "FILE")]
    context: Option<PathBuf>,
    /// The rule profile; overrides the context's.
    #[arg(long, value_enum)]
    profile: Option<ProfileArg>,
}

/// The reading commands: a context (its workspace says where) and the workspace flags.
#[derive(Args, Debug)]
struct Target {
    /// The context (JSON): its workspace says where the compute lives.
    #[arg(long, value_name = "FILE")]
    context: Option<PathBuf>,
    #[command(flatten)]
    workspace: WorkspaceArgs,
}

#[derive(Args, Debug)]
struct LiveArgs {
    #[command(flatten)]
    inputs: Inputs,
    #[command(flatten)]
    workspace: WorkspaceArgs,
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

impl From<CheckOp> for Operation {
    fn from(o: CheckOp) -> Self {
        match o {
            CheckOp::Create => Operation::Create,
            CheckOp::Attach => Operation::Attach,
            CheckOp::Update => Operation::Update,
            CheckOp::Detach => Operation::Detach,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum PlanOp {
    Create,
    Attach,
    Update,
    Detach,
    Delete,
}

impl PlanOp {
    fn operation(self) -> Operation {
        match self {
            PlanOp::Create => Operation::Create,
            PlanOp::Attach => Operation::Attach,
            PlanOp::Update => Operation::Update,
            PlanOp::Detach | PlanOp::Delete => Operation::Detach,
        }
    }
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

/// What the command line adds to a context file.
#[derive(Default)]
pub(crate) struct Overrides {
    profile: Option<Profile>,
    locale: Option<String>,
    workspace: Option<akscompute::Workspace>,
}

/// A configuration and context, read and checked for shape together.
pub(crate) struct Loaded {
    config: Value,
    context_json: Value,
    context: Context,
}

/// Adds the command line's profile, locale and workspace to a context's JSON, so the core
/// reads them as it reads a file's.
fn overlay(mut ctx: Value, o: &Overrides) -> Value {
    if ctx.is_null() {
        ctx = Value::Object(Map::new());
    }
    let Some(m) = ctx.as_object_mut() else { return ctx };
    if let Some(p) = o.profile {
        m.insert("profile".into(), Value::String(p.as_str().into()));
    }
    if let Some(l) = &o.locale {
        m.insert("locale".into(), Value::String(l.clone()));
    }
    if let Some(w) = &o.workspace {
        let mut wm = Map::new();
        for (k, v) in
            [("subscription_id", &w.subscription_id), ("resource_group", &w.resource_group), ("name", &w.name), ("location", &w.location)]
        {
            if let Some(v) = v {
                wm.insert(k.into(), Value::String(v.clone()));
            }
        }
        m.insert("workspace".into(), Value::Object(wm));
    }
    ctx
}

/// Checks the configuration and the context together, as the library does: the shape
/// problems of both are reported at once.
pub(crate) fn prepare(op: Operation, config: Value, context_json: Value, o: &Overrides) -> Result<(Loaded, Validation), Failure> {
    let context_json = overlay(context_json, o);
    // The context's language is the diagnostics' language: the labels around them follow it.
    if let Some(l) = context_json.get("locale").and_then(Value::as_str) {
        chrome::follow_context(l);
    }
    let v = akscompute::validate_value(op, &config, Some(&context_json)).map_err(|e| failure::shape(&e))?;
    let context = Context::from_value(&context_json).map_err(|e| failure::shape(&e))?;
    Ok((Loaded { config, context_json, context }, v))
}

fn read_context(path: Option<&Path>) -> Result<Value, Failure> {
    match path {
        Some(p) => input::read_json(p, input::What::Context),
        None => Ok(Value::Null),
    }
}

/// The locale for the core: `--locale`, else the environment's (`de_DE.UTF-8` → `de-DE`).
fn core_locale(g: &Global) -> Option<String> {
    let l = chrome::detect(g.locale.as_deref())?;
    let tag = l.split(['.', '@']).next().unwrap_or_default().replace('_', "-");
    akscompute::locale::language_of(&tag).is_some().then_some(tag)
}

struct Run<'a> {
    g: &'a Global,
    remote: &'a live::Remote,
}

impl Run<'_> {
    /// Whether the Azure CLI is the source of tokens (and so may be asked for defaults).
    fn ask_az(&self) -> bool {
        self.remote.token_env.is_none()
    }

    fn format(&self, default: Format) -> Format {
        self.g.output.unwrap_or(default)
    }

    /// What the command line adds to the context `ctx`: an explicit --locale wins over the
    /// context's, the environment's only fills a gap.
    fn overrides(&self, profile: Option<ProfileArg>, workspace: Option<akscompute::Workspace>, ctx: &Value) -> Overrides {
        let locale = if self.g.locale.is_none() && ctx.get("locale").is_some() { None } else { core_locale(self.g) };
        Overrides { profile: profile.map(Into::into), locale, workspace }
    }

    /// A create or attach whose configuration names no location goes to the workspace's region,
    /// as the v1 CLI did (it read the workspace first): when neither the context nor config.json
    /// says it, the signed-in Azure CLI is asked (`az resource show`), for plans too. With
    /// `--token-env` the Azure CLI is not asked; the request then names the field to give.
    fn fill_location(&self, op: Operation, config: &Value, ws: &mut Option<akscompute::Workspace>) {
        if !matches!(op, Operation::Create | Operation::Attach) || config.get("location").is_some_and(|l| !l.is_null()) {
            return;
        }
        if let Some(w) = ws.as_mut().filter(|w| w.location.as_deref().is_none_or(|l| l.trim().is_empty()) && self.ask_az()) {
            w.location = workspace::region_from_az(w);
            if let Some(l) = &w.location {
                out::verbose(&format!("location {} (the workspace's, from az resource show)", render::clean(l)));
            }
        }
    }

    fn show(&self, shape: v1::Shape) -> live::Show {
        live::Show { format: self.format(Format::Json), query: self.g.query.clone(), shape }
    }

    /// The v1 CLI's output, whole with `-v` as v1's own `-v` flag makes it.
    fn v1_shape(&self) -> v1::Shape {
        v1::Shape::V1 { verbose: self.g.verbose }
    }

    fn load(
        &self,
        op: Operation,
        config: &Path,
        rest: &OptInputs,
        ws: &WorkspaceArgs,
        find_workspace: bool,
    ) -> Result<(Loaded, Validation), Failure> {
        // Both inputs are read before either is judged, so problems in both are reported.
        let cfg = input::read_json(config, input::What::Configuration).and_then(|mut c| {
            input::inline_pem_files(&mut c, &input::base_of(config))?;
            Ok(c)
        });
        let ctx = read_context(rest.context.as_deref());
        let (cfg, ctx) = match (cfg, ctx) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(Failure::Misuse(a)), Err(Failure::Misuse(b))) => return Err(Failure::Misuse(format!("{a}\n{b}"))),
            (Err(e), _) | (_, Err(e)) => return Err(e),
        };
        let from_ctx = Context::from_value(&ctx).ok().and_then(|c| c.workspace);
        let mut workspace = if find_workspace || ws.resource_group.is_some() || ws.workspace_name.is_some() || ws.path.is_some() {
            workspace::resolve(ws, self.g.subscription.as_deref(), from_ctx, false, false)?
        } else {
            from_ctx
        };
        self.fill_location(op, &cfg, &mut workspace);
        let o = self.overrides(rest.profile, workspace, &ctx);
        prepare(op, cfg, ctx, &o)
    }
}

fn check(run: &Run, a: &CheckArgs) -> Result<(), Failure> {
    let mut files = a.files.clone();
    files.extend(a.configs.iter().cloned());
    if files.is_empty() {
        return Err(Failure::Misuse(chrome::say("ui.cli.check_needs_config", Vec::new())));
    }
    let single = files.len() == 1 && !files[0].is_dir();
    if !single || files[0] == Path::new("-") {
        return batch::check_many(run, a, &files, single);
    }
    let (l, v) = run.load(a.operation.into(), &files[0], &a.inputs, &a.workspace, false)?;
    match run.format(Format::Text) {
        Format::Text => out::print(&render::text(&v, l.context.profile.as_str()))?,
        f => output::emit(live::to_value(&v.diagnostics)?, f, run.g.query.as_deref())?,
    }
    if v.is_valid() {
        Ok(())
    } else {
        Err(Failure::Invalid)
    }
}

/// The request as `{method, url, headers, body}` in that order (for people reading plans).
fn ordered_request(v: &Value) -> String {
    #[derive(serde::Serialize)]
    struct Plan<'a> {
        method: &'a Value,
        url: &'a Value,
        headers: &'a Value,
        body: &'a Value,
    }
    let n = Value::Null;
    let p = Plan {
        method: v.get("method").unwrap_or(&n),
        url: v.get("url").unwrap_or(&n),
        headers: v.get("headers").unwrap_or(&n),
        body: v.get("body").unwrap_or(&n),
    };
    serde_json::to_string_pretty(&p).unwrap_or_else(|_| v.to_string())
}

fn plan_from(run: &Run, op: PlanOp, l: &Loaded, v: &Validation, emit: Emit) -> Result<(), Failure> {
    let opts: Options = live::options(l.context.profile, run.remote)?;
    // A plan is built only from a configuration the rules let through; the others come to stderr.
    for d in v
        .diagnostics
        .iter()
        .filter(|d| d.severity != akscompute::Severity::Info || !v.is_valid() || op == PlanOp::Detach || op == PlanOp::Delete)
    {
        if d.severity == akscompute::Severity::Error {
            out::error(&render::diagnostic(d));
        } else {
            out::note(&render::diagnostic(d));
        }
    }
    if !v.is_valid() {
        out::error("");
        out::error(&chrome::get().no_plan(op.operation().as_str()));
        return Err(Failure::Invalid);
    }
    let req_err = |e: request::RequestError| Failure::Misuse(render::clean(&chrome::get().request_error(&e)).into_owned());
    let shape = |e: akscompute::ConfigError| failure::shape(&e);
    let ctx = &l.context;
    let json = |v: Value| -> Result<(), Failure> {
        match (run.format(Format::Json), run.g.query.as_deref()) {
            (Format::Json | Format::Text, None) => out::print(&ordered_request(&v)),
            (Format::Text, q) => output::emit(v, Format::Json, q),
            (f, q) => output::emit(v, f, q),
        }
    };
    let template = |v: Value| {
        output::emit(
            v,
            match run.format(Format::Json) {
                Format::Text => Format::Json,
                f => f,
            },
            run.g.query.as_deref(),
        )
    };
    let text = |s: String| -> Result<(), Failure> {
        match run.format(Format::Text) {
            Format::None => Ok(()),
            _ => out::print(&s),
        }
    };
    let form = match emit {
        Emit::Request => None,
        Emit::ArmTemplate => Some(export::Form::ArmTemplate),
        Emit::AzCli => Some(export::Form::AzCli),
    };
    if let Some(form) = form {
        let failed = |e: export::ExportError| match e {
            export::ExportError::Config(c) => shape(c),
            export::ExportError::Request(r) => req_err(r),
            other => Failure::Misuse(other.to_string()),
        };
        return match export::export(form, op.operation(), &l.config, ctx, &opts).map_err(failed)? {
            export::Exported::Command(c) => text(c),
            other => template(other.into_value()),
        };
    }
    match op {
        PlanOp::Create => {
            json(request::create(&CreateConfig::from_value(&l.config).map_err(shape)?, ctx, &opts).map_err(req_err)?.preview())
        }
        PlanOp::Attach => {
            json(request::attach(&AttachConfig::from_value(&l.config).map_err(shape)?, ctx, &opts).map_err(req_err)?.preview())
        }
        PlanOp::Update => {
            let cfg = UpdateConfig::from_value(&l.config).map_err(shape)?;
            let current = l
                .context_json
                .get("compute")
                .filter(|c| !c.is_null())
                .ok_or_else(|| Failure::Misuse(chrome::say("ui.cli.update_needs_compute", Vec::new())))?;
            let p = request::update(&cfg, current, ctx, &opts).map_err(req_err)?;
            for n in &p.notes {
                out::note(&chrome::note(n));
            }
            json(p.request.preview())
        }
        PlanOp::Detach | PlanOp::Delete => {
            let cfg = DetachConfig::from_value(&l.config).map_err(shape)?;
            let action = if op == PlanOp::Delete { UnderlyingAction::Delete } else { UnderlyingAction::Detach };
            json(request::delete_or_detach(ctx, cfg.name.as_deref(), action, &opts).map_err(req_err)?.preview())
        }
    }
}

/// Adds the action a detach or delete stands for to its configuration.
fn with_action(op: PlanOp, mut config: Value) -> Value {
    if let (PlanOp::Detach | PlanOp::Delete, Some(o)) = (op, config.as_object_mut()) {
        o.insert("action".into(), Value::String(if op == PlanOp::Delete { "delete" } else { "detach" }.into()));
    }
    config
}

fn plan(run: &Run, op: PlanOp, inputs: &Inputs, emit: Emit, ws: &WorkspaceArgs) -> Result<(), Failure> {
    let (l, _) = run.load(op.operation(), &inputs.config, &inputs.rest, ws, false)?;
    let (l, v) = prepare(op.operation(), with_action(op, l.config), l.context_json, &Overrides::default())?;
    plan_from(run, op, &l, &v, emit)
}

/// Sends a write operation for a loaded configuration (both command styles end here).
fn send(run: &Run, op: PlanOp, l: Loaded, v: Validation, wait: bool, dry_run: bool, shape: v1::Shape) -> Result<(), Failure> {
    // Neither names a region: a send asks the workspace's of Resource Manager.
    let needs_region = matches!(op, PlanOp::Create | PlanOp::Attach) && unplaced(l.context.workspace.as_ref(), &l.config);
    if dry_run {
        // A dry run asks Resource Manager nothing, the workspace's region included: what a send
        // would look up is asked of the user, in the words of the command typed.
        if needs_region && v.is_valid() {
            let give = if op == PlanOp::Attach { "ui.cli.give_location_attach" } else { "ui.cli.give_location" };
            return Err(Failure::Misuse(chrome::say(
                "ui.cli.dry_run_region",
                vec![("give", akscompute::Param::from(chrome::say(give, Vec::new())))],
            )));
        }
        return plan_from(run, op, &l, &v, Emit::Request);
    }
    let what = match op {
        PlanOp::Create => live::Live::Create(Box::new(CreateConfig::from_value(&l.config).map_err(|e| failure::shape(&e))?)),
        PlanOp::Attach => live::Live::Attach(AttachConfig::from_value(&l.config).map_err(|e| failure::shape(&e))?),
        PlanOp::Update => live::Live::Update(UpdateConfig::from_value(&l.config).map_err(|e| failure::shape(&e))?),
        PlanOp::Detach | PlanOp::Delete => {
            // The client sends detach and delete as asked: the rules (the name's among them) run here first.
            if !v.is_valid() {
                render::print_refusal(&v);
                return Err(Failure::Invalid);
            }
            let cfg = DetachConfig::from_value(&l.config).map_err(|e| failure::shape(&e))?;
            let name = cfg.name.filter(|n| !n.is_empty()).ok_or_else(|| Failure::Misuse(chrome::say("ui.cli.needs_name", Vec::new())))?;
            live::Live::Remove(name, if op == PlanOp::Delete { UnderlyingAction::Delete } else { UnderlyingAction::Detach })
        }
    };
    require_workspace(&l.context)?;
    let client = live::client(l.context.profile, run.remote, workspace_sub(&l.context).as_deref())?;
    let mut context = l.context;
    if needs_region {
        // As the v1 CLI did (azureml-core's Workspace reads its location from the service):
        // config.json as the portal writes it names no region, so the workspace is asked.
        let region = client.workspace_location(&context).map_err(|e| region_failure(op == PlanOp::Attach, &e))?;
        out::verbose(&format!("location {} (the workspace's, from Resource Manager)", render::clean(&region)));
        context.workspace.get_or_insert_with(Default::default).location = Some(region);
    }
    live::run(&client, &context, what, wait, &run.show(shape))
}

/// The workspace's region could not be read: the exit code the client's error stands for (a
/// network or service failure is 4, as for any other call), and what to give instead, which
/// for an attach (it has no `--location`) is the context's workspace location.
fn region_failure(attach: bool, e: &akscompute_client::ClientError) -> Failure {
    let key = if attach { "ui.cli.workspace_region_attach" } else { "ui.cli.workspace_region" };
    failure::client_as(e, chrome::say(key, vec![("error", akscompute::Param::from(failure::client_text(e)))]))
}

/// Neither the workspace nor the configuration names a region.
fn unplaced(ws: Option<&akscompute::Workspace>, config: &Value) -> bool {
    ws.is_none_or(|w| w.location.as_deref().is_none_or(|l| l.trim().is_empty())) && config.get("location").is_none_or(Value::is_null)
}

fn workspace_sub(ctx: &Context) -> Option<String> {
    ctx.workspace.as_ref().and_then(|w| w.subscription_id.clone())
}

/// The workspace is named in full: subscription, resource group and name.
fn names_workspace(ws: Option<&akscompute::Workspace>) -> bool {
    ws.is_some_and(|w| w.subscription_id.is_some() && w.resource_group.is_some() && w.name.is_some())
}

fn require_workspace(ctx: &Context) -> Result<(), Failure> {
    if names_workspace(ctx.workspace.as_ref()) {
        Ok(())
    } else {
        workspace::resolve(&WorkspaceArgs::default(), None, ctx.workspace.clone(), true, false).map(|_| ())
    }
}

fn live_file(run: &Run, op: PlanOp, a: &LiveArgs) -> Result<(), Failure> {
    let (l, _) = run.load(op.operation(), &a.inputs.config, &a.inputs.rest, &a.workspace, true)?;
    let (l, v) = prepare(op.operation(), with_action(op, l.config), l.context_json, &Overrides::default())?;
    send(run, op, l, v, a.wait, a.dry_run, v1::Shape::Own)
}

/// A v1 write command: the flags' configuration, the context and the workspace, then the same path.
fn live_flags(run: &Run, op: PlanOp, config: Value, c: &v1::Common) -> Result<(), Failure> {
    let mut config = config;
    input::inline_pem_files(&mut config, Path::new("."))?;
    let ctx = read_context(c.target.context.as_deref())?;
    let from_ctx = Context::from_value(&ctx).ok().and_then(|c| c.workspace);
    let mut ws = workspace::resolve(&c.target.workspace, run.g.subscription.as_deref(), from_ctx, !c.dry_run, run.ask_az())?;
    // The compute's location is the workspace's (a create may name the cluster's own).
    run.fill_location(op.operation(), &config, &mut ws);
    let o = run.overrides(None, ws, &ctx);
    let (l, v) = prepare(op.operation(), with_action(op, config), ctx, &o)?;
    send(run, op, l, v, !c.no_wait, c.dry_run, run.v1_shape())
}

/// The context and client of a reading command.
fn reader(
    run: &Run,
    context: Option<&Path>,
    ws: &WorkspaceArgs,
    whole: bool,
) -> Result<(Context, akscompute_client::blocking::Client), Failure> {
    let raw = read_context(context)?;
    let from_ctx = Context::from_value(&raw).map_err(|e| failure::shape(&e))?.workspace;
    let ws = workspace::resolve(ws, run.g.subscription.as_deref(), from_ctx, whole, run.ask_az())?;
    let o = run.overrides(None, ws, &raw);
    let ctx = Context::from_value(&overlay(raw, &o)).map_err(|e| failure::shape(&e))?;
    let client = live::client(ctx.profile, run.remote, workspace_sub(&ctx).as_deref())?;
    Ok((ctx, client))
}

fn show(run: &Run, name: &str, context: Option<&Path>, ws: &WorkspaceArgs, shape: v1::Shape) -> Result<(), Failure> {
    let (ctx, c) = reader(run, context, ws, true)?;
    match c.get(&ctx, name).map_err(failure::client)? {
        Some(info) => {
            let v = if shape == v1::Shape::Own { live::to_value(&info)? } else { v1::shown(&info) };
            output::emit(v, run.format(Format::Json), run.g.query.as_deref())
        }
        None => Err(Failure::NotFound(chrome::say(
            "ui.cli.no_compute",
            vec![("name", akscompute::Param::from(render::clean(name).into_owned()))],
        ))),
    }
}

fn list(run: &Run, context: Option<&Path>, ws: &WorkspaceArgs, shape: v1::Shape) -> Result<(), Failure> {
    let (ctx, c) = reader(run, context, ws, true)?;
    let all = c.list(&ctx).map_err(failure::client)?;
    let v = match shape {
        v1::Shape::Own => live::to_value(&all)?,
        v1::Shape::V1 { verbose } => Value::Array(all.iter().map(|i| v1::mlc_resource(i, verbose)).collect()),
    };
    output::emit(v, run.format(Format::Json), run.g.query.as_deref())
}

fn credentials(run: &Run, name: &str, context: Option<&Path>, ws: &WorkspaceArgs) -> Result<(), Failure> {
    let (ctx, c) = reader(run, context, ws, true)?;
    let keys = c.list_keys(&ctx, name).map_err(failure::client)?;
    output::emit(v1::credentials(&keys), run.format(Format::Json), run.g.query.as_deref())
}

fn versions(run: &Run, location: Option<&str>, t: &Target) -> Result<(), Failure> {
    // Only the subscription (and a region) is needed here, not the whole workspace.
    let (ctx, c) = reader(run, t.context.as_deref(), &t.workspace, false)?;
    let ws = ctx.workspace.clone().unwrap_or_default();
    let loc = match location.map(String::from).or_else(|| ws.location.clone()) {
        Some(l) => l,
        // The workspace's region, as a create defaults to it: asked of Resource Manager.
        None if names_workspace(ctx.workspace.as_ref()) => c.workspace_location(&ctx).map_err(|e| region_failure(false, &e))?,
        None => return Err(Failure::Misuse(chrome::say("ui.cli.give_location", Vec::new()))),
    };
    let sub = ws
        .subscription_id
        .or_else(|| if run.ask_az() { token::az_tsv(&["account", "show", "--query", "id"]) } else { None })
        .ok_or_else(|| Failure::Misuse(chrome::say("ui.cli.which_subscription", Vec::new())))?;
    let l = c.kubernetes_versions(&sub, &loc).map_err(failure::client)?;
    match run.format(Format::Text) {
        Format::Text => {
            let lines: Vec<String> = l
                .entries
                .iter()
                .map(|e| {
                    let mut line = render::clean(&e.version.to_string()).into_owned();
                    if e.preview {
                        line.push_str(&chrome::say("ui.cli.version_preview", Vec::new()));
                    }
                    if e.default {
                        line.push_str(&chrome::say("ui.cli.version_default", Vec::new()));
                    }
                    line
                })
                .collect();
            out::print(&lines.join("\n"))
        }
        f => {
            let rows: Vec<Value> = l
                .entries
                .iter()
                .map(|e| serde_json::json!({"version": e.version.to_string(), "preview": e.preview, "default": e.default}))
                .collect();
            output::emit(Value::Array(rows), f, run.g.query.as_deref())
        }
    }
}

fn rules(run: &Run, profile: Option<ProfileArg>) -> Result<(), Failure> {
    let profile: Profile = profile.map(Into::into).unwrap_or_default();
    match run.format(Format::Text) {
        Format::Text => {
            let mut s = chrome::say("ui.cli.rules_header", vec![("profile", akscompute::Param::from(profile.as_str()))]);
            for r in akscompute::rule_registry() {
                s.push_str(&format!("\n{:<8} {:<8} {}", r.code, r.severity(profile).map(|s| s.as_str()).unwrap_or("-"), r.title));
            }
            out::print(&s)
        }
        f => {
            // The core's row, with the severity under the profile asked for beside the others.
            let rows: Vec<Value> = akscompute::rule_registry()
                .iter()
                .map(|r| {
                    let mut row = r.to_json();
                    row["severity"] = r.severity(profile).map(|s| s.as_str()).into();
                    row
                })
                .collect();
            output::emit(Value::Array(rows), f, run.g.query.as_deref())
        }
    }
}

fn vm_size(run: &Run, name: &str) -> Result<(), Failure> {
    match akscompute::vmsize::resolve(name, &[]) {
        Some(s) => output::emit(live::to_value(&s)?, run.format(Format::Json), run.g.query.as_deref()),
        None => Err(Failure::NotFound(chrome::say(
            "ui.cli.not_in_catalog",
            vec![
                ("name", akscompute::Param::from(render::clean(name).into_owned())),
                ("count", akscompute::Param::from(akscompute::vmsize::catalog_len())),
            ],
        ))),
    }
}

fn completions(shell: clap_complete::Shell) -> Result<(), Failure> {
    out::print(&completions::script(shell, Cli::command()))
}

fn man(words: &[String]) -> Result<(), Failure> {
    // Built, so that each command carries the name its page is known by (akscompute-computetarget)
    // and the words that run it in its synopsis.
    let mut cmd = Cli::command();
    cmd.build();
    for (i, w) in words.iter().enumerate() {
        let Some(sub) = cmd.find_subcommand(w).cloned() else {
            let typed = render::clean(&words[..=i].join(" ")).into_owned();
            return Err(Failure::Misuse(chrome::say("ui.cli.man_unknown", vec![("command", akscompute::Param::from(typed))])));
        };
        cmd = sub;
    }
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut buf).map_err(|e| Failure::Misuse(e.to_string()))?;
    out::print(&String::from_utf8_lossy(&buf))
}

fn dispatch(cli: &Cli) -> Result<(), Failure> {
    let run = Run { g: &cli.global, remote: &cli.remote };
    use v1::Computetarget as Ct;
    match &cli.command {
        Command::Computetarget(ct) => match ct.as_ref() {
            Ct::Create(v1::CreateKind::Aks(a)) => live_flags(&run, PlanOp::Create, v1::create_config(a), &a.common),
            Ct::Attach(v1::AttachKind::Aks(a)) => live_flags(&run, PlanOp::Attach, v1::attach_config(a), &a.common),
            Ct::Update(v1::UpdateKind::Aks(a)) => live_flags(&run, PlanOp::Update, v1::update_config(a), &a.common),
            Ct::Detach(a) => live_flags(&run, PlanOp::Detach, v1::name_config(&a.name), &a.common),
            Ct::Delete(a) => live_flags(&run, PlanOp::Delete, v1::name_config(&a.name), &a.common),
            Ct::Show(a) => show(&run, &a.name, a.target.context.as_deref(), &a.target.workspace, run.v1_shape()),
            Ct::List(a) => list(&run, a.target.context.as_deref(), &a.target.workspace, run.v1_shape()),
            Ct::GetCredentials(a) => credentials(&run, &a.name, a.target.context.as_deref(), &a.target.workspace),
        },
        Command::Check(a) => {
            let g = Global { output: cli.global.output.or(a.format), ..cli.global.clone() };
            check(&Run { g: &g, remote: &cli.remote }, a)
        }
        Command::Plan { operation, inputs, workspace, emit } => plan(&run, *operation, inputs, *emit, workspace),
        Command::Create(a) => live_file(&run, PlanOp::Create, a),
        Command::Attach(a) => live_file(&run, PlanOp::Attach, a),
        Command::Update(a) => live_file(&run, PlanOp::Update, a),
        Command::Detach(a) => live_file(&run, PlanOp::Detach, a),
        Command::Delete(a) => live_file(&run, PlanOp::Delete, a),
        Command::Show { name, target } => show(&run, name, target.context.as_deref(), &target.workspace, v1::Shape::Own),
        Command::List { target } => list(&run, target.context.as_deref(), &target.workspace, v1::Shape::Own),
        Command::Versions { location, target } => versions(&run, location.as_deref(), target),
        Command::Rules { code: Some(c), .. } => lint::rule(c),
        Command::Rules { profile, format, code: None } => {
            let g = Global { output: cli.global.output.or(*format), ..cli.global.clone() };
            rules(&Run { g: &g, remote: &cli.remote }, *profile)
        }
        Command::VmSize { name } => vm_size(&run, name),
        Command::Lint(a) => lint::run(a, core_locale(&cli.global)),
        Command::Completions { shell } => completions(*shell),
        Command::Man { command } => man(command),
        Command::Schema { shape } => schema::run(*shape),
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // Help and version go to standard output (a closed pipe is fine); misuse is exit 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    out::set_level(match (cli.global.only_show_errors, cli.global.debug, cli.global.verbose) {
        (true, _, _) => out::Level::Errors,
        (_, true, _) => out::Level::Debug,
        (_, _, true) => out::Level::Verbose,
        _ => out::Level::Normal,
    });
    log::init(out::level());
    chrome::init(chrome::detect(cli.global.locale.as_deref()).as_deref());
    let result = dispatch(&cli);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            if let Some(m) = f.message() {
                let c = chrome::get();
                for (i, line) in m.lines().enumerate() {
                    // The first line says what it is, in the chrome's language: `akscompute: chyba: …`.
                    let label = if i == 0 { c.error_prefix.as_str() } else { "" };
                    out::error(&format!("{}{label}{}", c.prefix, render::clean(line)));
                }
            }
            ExitCode::from(f.exit_code())
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_definitions_are_consistent() {
        <super::Cli as clap::CommandFactory>::command().debug_assert();
    }

    #[test]
    fn the_api_versions_offered_are_the_cores() {
        use akscompute::request::ApiVersion;
        let cmd = <super::Cli as clap::CommandFactory>::command();
        let arg = cmd.get_arguments().find(|a| a.get_id() == "api_version");
        let values: Vec<String> =
            arg.map(|a| a.get_possible_values().iter().map(|v| v.get_name().to_string()).collect()).unwrap_or_default();
        assert_eq!(values, ApiVersion::ALL.map(|v| v.as_str().to_string()).to_vec());
        let default: Vec<String> =
            arg.map(|a| a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect()).unwrap_or_default();
        assert_eq!(default, [ApiVersion::default().as_str()]);
    }
}
