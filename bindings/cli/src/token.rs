//! The bearer token: from an environment variable (`--token-env`), or from the Azure CLI,
//! fetched once per run and reused until shortly before it expires (a create with `--wait`
//! sends dozens of requests; each used to start `az`). `az.cmd` on Windows. Hand-written
//! rather than azure_identity: one process call does not justify an async identity stack in
//! the binary, and `az` is what the users of this CLI are signed in with.
use crate::chrome::say;
use akscompute::{Param, Secret};
use akscompute_client::{ClientError, TokenProvider};
use serde_json::Value;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// A token is renewed this long before it expires.
const MARGIN: Duration = Duration::from_secs(120);
/// How long a token whose expiry `az` did not say is reused.
const UNKNOWN_LIFETIME: Duration = Duration::from_secs(300);
/// The most of `az`'s output that is read.
const OUTPUT_CAP: usize = 1 << 20;

/// Where tokens come from, and the one kept for the run.
pub struct Tokens {
    pub env: Option<String>,
    pub tenant: Option<String>,
    pub subscription: Option<String>,
    cached: Mutex<Option<(Secret, Instant)>>,
}

impl Tokens {
    /// A provider for `--token-env VAR`, or the Azure CLI with `--tenant` / `--subscription`.
    pub fn new(env: Option<String>, tenant: Option<String>, subscription: Option<String>) -> Self {
        Tokens { env, tenant, subscription, cached: Mutex::new(None) }
    }
}

/// The Azure CLI's executable: `az.cmd` on Windows (a batch file `Command` does not find as `az`).
pub fn az_program() -> &'static str {
    if cfg!(windows) {
        "az.cmd"
    } else {
        "az"
    }
}

/// When the token of `az account get-access-token -o json` expires, from now.
pub fn lifetime(answer: &Value, now_unix: u64) -> Option<Duration> {
    let at = answer.get("expires_on").and_then(|v| v.as_u64().or_else(|| v.as_str().and_then(|s| s.parse().ok())))?;
    Some(Duration::from_secs(at.saturating_sub(now_unix)))
}

impl TokenProvider for Tokens {
    fn token(&self, scope: &str) -> Result<Secret, ClientError> {
        if let Some(var) = &self.env {
            return match std::env::var(var) {
                Ok(t) if !t.trim().is_empty() => Ok(Secret::new(t.trim())),
                _ => Err(ClientError::token(say("ui.cli.token_env_unset", vec![("var", Param::from(var.as_str()))]))),
            };
        }
        let mut cached = self.cached.lock().map_err(|_| ClientError::token(say("ui.cli.token_cache", Vec::new())))?;
        if let Some((t, until)) = cached.as_ref() {
            if Instant::now() < *until {
                return Ok(t.clone());
            }
        }
        let resource = scope.trim_end_matches("/.default");
        let mut cmd = std::process::Command::new(az_program());
        cmd.args(["account", "get-access-token", "--resource", resource, "-o", "json"]);
        if let Some(t) = &self.tenant {
            cmd.args(["--tenant", t]);
        } else if let Some(s) = &self.subscription {
            cmd.args(["--subscription", s]);
        }
        crate::out::verbose(&format!("token: az account get-access-token --resource {resource}"));
        let out = cmd.stdin(std::process::Stdio::null()).output().map_err(|_| ClientError::token(say("ui.cli.token_no_az", Vec::new())))?;
        if !out.status.success() {
            return Err(ClientError::token(say("ui.cli.token_az_failed", Vec::new())));
        }
        let answer: Value = serde_json::from_slice(&out.stdout[..out.stdout.len().min(OUTPUT_CAP)])
            .map_err(|_| ClientError::token(say("ui.cli.token_az_no_json", Vec::new())))?;
        let token = answer
            .get("accessToken")
            .and_then(Value::as_str)
            .filter(|t| !t.trim().is_empty())
            .ok_or_else(|| ClientError::token(say("ui.cli.token_az_no_token", Vec::new())))?;
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        let keep = lifetime(&answer, now).map(|l| l.saturating_sub(MARGIN)).unwrap_or(UNKNOWN_LIFETIME);
        crate::out::verbose(&format!("token: kept for {} s", keep.as_secs()));
        let secret = Secret::new(token.trim());
        *cached = Some((secret.clone(), Instant::now() + keep));
        Ok(secret)
    }
}

/// One answer of the Azure CLI (`-o tsv`), when it is installed and signed in; `None` otherwise.
/// The v1 CLI took the default subscription and the workspace's region from the signed-in
/// account the same way.
pub fn az_tsv(args: &[&str]) -> Option<String> {
    crate::out::verbose(&format!("az {}", args.join(" ")));
    let out = std::process::Command::new(az_program()).args(args).args(["-o", "tsv"]).stdin(std::process::Stdio::null()).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout[..out.stdout.len().min(OUTPUT_CAP)]).trim().to_string();
    (!text.is_empty() && !text.contains(char::is_whitespace)).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::lifetime;
    use serde_json::json;
    use std::time::Duration;

    #[test]
    fn the_expiry_az_gives_is_read() {
        assert_eq!(lifetime(&json!({"expires_on": 1_000_600}), 1_000_000), Some(Duration::from_secs(600)));
        assert_eq!(lifetime(&json!({"expires_on": "1000060"}), 1_000_000), Some(Duration::from_secs(60)), "older az: a string");
        assert_eq!(lifetime(&json!({"expires_on": 10}), 1_000_000), Some(Duration::ZERO), "expired");
        assert_eq!(lifetime(&json!({"expiresOn": "2026-12-01 10:00:00.000000"}), 0), None, "local time only: unknown");
    }
}
