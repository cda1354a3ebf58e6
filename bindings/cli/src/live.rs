//! The commands that send requests: create, attach, update, detach, delete, show, list,
//! versions. They go through akscompute-client: validation first, safe retries, create never
//! sent twice; `--dry-run` prints the plan instead.
use crate::{render, Failure};
use akscompute::request::{ApiVersion, Cloud, Options};
use akscompute::{AttachConfig, Context, CreateConfig, Secret, UnderlyingAction, UpdateConfig};
use akscompute_client::blocking::Client;
use akscompute_client::{ClientError, TokenProvider};
use std::io::{IsTerminal, Write};
use std::sync::Arc;

/// Where the bearer token comes from: an environment variable, or the Azure CLI.
pub struct Tokens {
    pub env: Option<String>,
}

impl TokenProvider for Tokens {
    fn token(&self, scope: &str) -> Result<Secret, ClientError> {
        if let Some(var) = &self.env {
            return match std::env::var(var) {
                Ok(t) if !t.trim().is_empty() => Ok(Secret::new(t.trim())),
                _ => Err(ClientError::Token(format!("the environment variable {var} (from --token-env) is not set"))),
            };
        }
        let resource = scope.trim_end_matches("/.default");
        let out = std::process::Command::new("az")
            .args(["account", "get-access-token", "--resource", resource, "--query", "accessToken", "-o", "tsv"])
            .output()
            .map_err(|_| {
                ClientError::Token(
                    "no --token-env given and the Azure CLI (az) is not installed: install it and run az login, or pass --token-env VAR"
                        .into(),
                )
            })?;
        if !out.status.success() {
            return Err(ClientError::Token("az account get-access-token failed: run az login first, or pass --token-env VAR".into()));
        }
        Ok(Secret::new(String::from_utf8_lossy(&out.stdout).trim()))
    }
}

pub fn client(profile: akscompute::Profile, api_version: &str, cloud: &str, token_env: Option<String>) -> Result<Client, Failure> {
    let options = Options {
        api_version: api_version.parse::<ApiVersion>().map_err(|e| Failure::Misuse(e.to_string()))?,
        cloud: Cloud::parse(cloud).map_err(|e| Failure::Misuse(e.to_string()))?,
        profile,
    };
    if let Some(var) = &token_env {
        if std::env::var(var).map(|t| t.trim().is_empty()).unwrap_or(true) {
            return Err(Failure::Misuse(format!("--token-env {var}: that environment variable is not set")));
        }
    }
    Client::new(options, Arc::new(Tokens { env: token_env })).map_err(|e| Failure::Misuse(e.to_string()))
}

/// A client error as the CLI says it: diagnostics for refusals, one line otherwise.
pub fn failed(e: ClientError) -> Failure {
    match e {
        ClientError::Invalid(v) => {
            let style = render::Style::stderr();
            for d in &v.diagnostics {
                eprintln!("{}", render::diagnostic(&style, d));
            }
            eprintln!("\nnothing was sent: the configuration has errors");
            Failure::Invalid
        }
        ClientError::Token(m) => Failure::Misuse(m),
        other => {
            eprintln!("akscompute: {other}");
            Failure::Invalid
        }
    }
}

/// Waits, showing each status on stderr (one updating line on a terminal).
pub fn wait(c: &Client, ctx: &Context, op: &akscompute_client::Operation) -> Result<(), Failure> {
    let tty = std::io::stderr().is_terminal();
    let started = std::time::Instant::now();
    let mut last = String::new();
    let mut progress = |s: &str| {
        let secs = started.elapsed().as_secs();
        if tty {
            eprint!("\r{} {}: {s} ({secs} s)   ", op.kind, op.name);
        } else if s != last {
            eprintln!("{} {}: {s} ({secs} s)", op.kind, op.name);
        }
        last = s.to_string();
        let _ = std::io::stderr().flush();
    };
    let r = c.wait(ctx, op, &mut progress);
    if tty {
        eprintln!();
    }
    r.map(|_| ()).map_err(failed)
}

pub fn print_json(v: &impl serde::Serialize) -> Result<(), Failure> {
    println!("{}", serde_json::to_string_pretty(v).map_err(|e| Failure::Misuse(e.to_string()))?);
    Ok(())
}

pub enum Live {
    Create(Box<CreateConfig>),
    Attach(AttachConfig),
    Update(UpdateConfig),
    Remove(String, UnderlyingAction),
}

/// Sends one of the write operations; prints the compute (or what was removed) at the end.
pub fn run(c: &Client, ctx: &Context, what: Live, wait_for_it: bool) -> Result<(), Failure> {
    let (op, name) = match what {
        Live::Create(cfg) => (Some(c.create(&cfg, ctx).map_err(failed)?), cfg.name.unwrap_or_default()),
        Live::Attach(cfg) => (Some(c.attach(&cfg, ctx).map_err(failed)?), cfg.name.unwrap_or_default()),
        Live::Update(cfg) => {
            let (op, notes) = c.update(&cfg, ctx).map_err(failed)?;
            for n in notes {
                eprintln!("note: {n}");
            }
            (Some(op), cfg.name.unwrap_or_default())
        }
        Live::Remove(name, action) => (c.delete_or_detach(ctx, &name, action).map_err(failed)?, name),
    };
    let Some(op) = op else {
        eprintln!("{name}: no such compute, nothing to remove");
        return Ok(());
    };
    if op.reconciled {
        eprintln!("{} {name}: the answer was lost, but the compute is there: it was not sent twice", op.kind);
    }
    if !wait_for_it {
        eprintln!("{} {name}: accepted (use --wait to wait for it, or akscompute show)", op.kind);
        return Ok(());
    }
    wait(c, ctx, &op)?;
    match c.get(ctx, &name).map_err(failed)? {
        Some(info) => print_json(&info),
        None => {
            eprintln!("{} {name}: done", op.kind);
            Ok(())
        }
    }
}
