//! The commands that send requests: create, attach, update, detach, delete, show, list,
//! versions. They go through akscompute-client: validation first, safe retries, create never
//! sent twice. Waiting shows a spinner with the elapsed time on a terminal, one line per change
//! of status when piped.
use crate::chrome::say;
use crate::failure::{self, Failure};
use crate::out;
use akscompute::request::{ApiVersion, Cloud, Options};
use akscompute::{AttachConfig, Context, CreateConfig, UnderlyingAction, UpdateConfig};
use akscompute_client::blocking::Client;
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where requests go and how they authenticate.
#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "Connection")]
pub struct Remote {
    /// public, china, usgov, or a Resource Manager endpoint URL (http only on loopback, for tests).
    #[arg(long, global = true, default_value = "public", value_name = "CLOUD")]
    pub cloud: String,
    /// The Machine Learning Services api-version.
    #[arg(long, global = true, default_value = ApiVersion::default().as_str(), value_parser = api_versions())]
    pub api_version: String,
    /// Read the bearer token from this environment variable (default: the Azure CLI's token,
    /// fetched once per run).
    #[arg(long, global = true, value_name = "VAR")]
    pub token_env: Option<String>,
    /// The tenant to ask the Azure CLI for a token of.
    #[arg(long, global = true, value_name = "TENANT")]
    pub tenant: Option<String>,
}

/// The api-versions the core builds for, as `--api-version` offers them (and its completions).
fn api_versions() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(ApiVersion::ALL.map(ApiVersion::as_str))
}

/// The request options of a remote and a profile.
pub fn options(profile: akscompute::Profile, r: &Remote) -> Result<Options, Failure> {
    Ok(Options {
        api_version: r.api_version.parse::<ApiVersion>().map_err(|e| Failure::Misuse(e.to_string()))?,
        cloud: Cloud::parse(&r.cloud).map_err(|e| Failure::Misuse(format!("--cloud: {e}")))?,
        profile,
    })
}

/// A client for the remote; the token provider is made once and keeps its token.
pub fn client(profile: akscompute::Profile, r: &Remote, subscription: Option<&str>) -> Result<Client, Failure> {
    let options = options(profile, r)?;
    if let Some(var) = &r.token_env {
        if std::env::var(var).map(|t| t.trim().is_empty()).unwrap_or(true) {
            return Err(Failure::Misuse(say("ui.cli.token_env_flag_unset", vec![("var", akscompute::Param::from(var.as_str()))])));
        }
    }
    out::verbose(&format!("endpoint {}, api-version {}", options.cloud.endpoint(), options.api_version));
    let tokens = crate::token::Tokens::new(r.token_env.clone(), r.tenant.clone(), subscription.map(String::from));
    Client::new(options, Arc::new(tokens)).map_err(failure::client)
}

/// Waits, showing the status and the time waited.
pub fn wait(c: &Client, ctx: &Context, op: &akscompute_client::Operation) -> Result<(), Failure> {
    let started = Instant::now();
    // `create x: Succeeded (12 s)`: the operation is the command's word in every language, the
    // status the chrome's (failure::status_word).
    let label = format!("{} {}", op.kind, crate::render::clean(&op.name));
    let line = |status: &str| format!("{label}: {status} ({} s)", started.elapsed().as_secs());
    let spinner = (std::io::stderr().is_terminal() && out::level() >= out::Level::Normal).then(|| {
        let s = indicatif::ProgressBar::new_spinner();
        s.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        s.enable_steady_tick(Duration::from_millis(120));
        s
    });
    let mut last = String::new();
    let mut progress = |s: &str| {
        // Each poll is the client's `poll` event under --debug; here only what people see.
        let s = failure::status_word(&crate::render::clean(s));
        match &spinner {
            Some(sp) => sp.set_message(format!("{label}: {s}")),
            None if s != last => out::note(&line(&s)),
            None => {}
        }
        last = s;
    };
    let r = c.wait(ctx, op, &mut progress);
    if let Some(sp) = spinner {
        sp.finish_and_clear();
        out::note(&line(&failure::status_word(if r.is_ok() { "Succeeded" } else { "Failed" })));
    }
    r.map(|_| ()).map_err(failure::client)
}

/// A write operation, its configuration read by the core.
pub enum Live {
    Create(Box<CreateConfig>),
    Attach(AttachConfig),
    Update(UpdateConfig),
    Remove(String, UnderlyingAction),
}

/// What to print at the end.
pub struct Show {
    pub format: crate::output::Format,
    pub query: Option<String>,
    /// akscompute's fields or the v1 CLI's.
    pub shape: crate::v1::Shape,
}

impl Show {
    /// Prints a compute after a write, in the command's shape.
    fn compute(&self, info: &akscompute::response::ComputeInfo) -> Result<(), Failure> {
        let v = match self.shape {
            crate::v1::Shape::Own => to_value(info)?,
            crate::v1::Shape::V1 { verbose } => crate::v1::mlc_resource(info, verbose),
        };
        crate::output::emit(v, self.format, self.query.as_deref())
    }
}

/// Sends one of the write operations; prints the compute (or what was removed) at the end.
pub fn run(c: &Client, ctx: &Context, what: Live, wait_for_it: bool, show: &Show) -> Result<(), Failure> {
    // `--debug` shows each request, answer and poll from the client's own events (crate::log).
    let w = failure::client;
    let (op, name) = match what {
        Live::Create(cfg) => (Some(c.create(&cfg, ctx).map_err(w)?), cfg.name.unwrap_or_default()),
        Live::Attach(cfg) => (Some(c.attach(&cfg, ctx).map_err(w)?), cfg.name.unwrap_or_default()),
        Live::Update(cfg) => {
            let (op, notes) = c.update(&cfg, ctx).map_err(w)?;
            for n in notes {
                out::note(&crate::chrome::note(&n));
            }
            (Some(op), cfg.name.unwrap_or_default())
        }
        Live::Remove(name, action) => (c.delete_or_detach(ctx, &name, action).map_err(w)?, name),
    };
    let shown = crate::render::clean(&name).into_owned();
    let Some(op) = op else {
        out::note(&say("ui.cli.remove_none", vec![("name", akscompute::Param::from(shown.as_str()))]));
        return Ok(());
    };
    if op.reconciled {
        out::note(&say("ui.cli.reconciled", said(op.kind, &shown)));
    }
    if !wait_for_it {
        // Each command style names its own way to follow the operation: v1's commands have
        // no `--wait` (they wait unless `--no-wait`), akscompute's own ones do.
        let key = if matches!(show.shape, crate::v1::Shape::V1 { .. }) { "ui.cli.accepted_v1" } else { "ui.cli.accepted" };
        out::note(&say(key, said(op.kind, &shown)));
        return Ok(());
    }
    let waited = wait(c, ctx, &op);
    tally(c);
    waited?;
    match c.get(ctx, &name).map_err(failure::client)? {
        Some(info) => show.compute(&info),
        // v1 prints the ID of what a detach or delete removed.
        None if matches!(show.shape, crate::v1::Shape::V1 { .. }) && matches!(op.kind, "detach" | "delete") => {
            let id = akscompute::request::ComputeAddress::from_context(ctx, Some(&name)).map(|a| a.id()).unwrap_or_default();
            crate::output::emit(crate::v1::removed(&id), show.format, show.query.as_deref())
        }
        None => {
            out::note(&say("ui.cli.done", said(op.kind, &shown)));
            Ok(())
        }
    }
}

/// On `--debug`: how many requests the client sent, retries included.
pub fn tally(c: &Client) {
    let s = &c.inner.stats;
    out::debug(&format!(
        "{} requests sent ({} retries, {} lost answers settled by a GET)",
        s.requests.load(std::sync::atomic::Ordering::Relaxed),
        s.retries.load(std::sync::atomic::Ordering::Relaxed),
        s.reconciliations.load(std::sync::atomic::Ordering::Relaxed)
    ));
}

/// Any serializable result as JSON.
pub fn to_value(v: &impl serde::Serialize) -> Result<serde_json::Value, Failure> {
    serde_json::to_value(v).map_err(|e| Failure::Misuse(e.to_string()))
}

/// The placeholders of a line about a write: the operation (`create`, the command's word in
/// every language) and the compute's escaped name.
fn said(kind: &str, name: &str) -> Vec<(&'static str, akscompute::Param)> {
    vec![("operation", akscompute::Param::from(kind)), ("name", akscompute::Param::from(name))]
}
