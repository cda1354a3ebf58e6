//! Running the built binary as a user would, in a folder of the test's own.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const SUB: &str = "00000000-0000-0000-0000-000000000000";

/// What a run gave.
pub struct Out {
    pub code: i32,
    pub out: String,
    pub err: String,
}

/// A fresh folder under the target directory.
pub fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The binary, with a clean environment for colour, locale and tokens.
pub fn cmd(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_akscompute"));
    c.args(args).current_dir(dir);
    for v in ["NO_COLOR", "CLICOLOR_FORCE", "LC_ALL", "LC_MESSAGES", "LANG"] {
        c.env_remove(v);
    }
    c
}

/// Runs to the end, feeding `stdin`.
pub fn run_in(mut c: Command, stdin: Option<&[u8]>) -> Out {
    let mut child = c.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let input = stdin.map(<[u8]>::to_vec);
    let mut pipe = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        if let Some(b) = input {
            let _ = pipe.write_all(&b);
        }
    });
    let o = child.wait_with_output().unwrap();
    let _ = feeder.join();
    Out {
        code: o.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&o.stdout).into(),
        err: String::from_utf8_lossy(&o.stderr).into(),
    }
}

pub fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> Out {
    run_in(cmd(dir, args), stdin.map(str::as_bytes))
}

/// A fake `az` first on PATH: answers get-access-token with `token` (valid an hour), account
/// show with the test subscription, resource show with `eastus`; each call is logged to `calls`.
pub fn fake_az(dir: &Path, token: &str) -> (PathBuf, PathBuf) {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let calls = dir.join("az-calls.txt");
    let script = format!(
        "#!/bin/sh\necho \"$*\" >> '{}'\ncase \"$*\" in\n  *get-access-token*) printf '{{\"accessToken\": \"{token}\", \"expires_on\": %s, \"tokenType\": \"Bearer\"}}' $(( $(date +%s) + 3600 ));;\n  *\"account show\"*) echo {SUB};;\n  *\"resource show\"*) echo eastus;;\n  *) exit 1;;\nesac\n",
        calls.display()
    );
    let az = bin.join("az");
    std::fs::write(&az, script).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&az, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    (bin, calls)
}

/// PATH with `bin` first.
pub fn path_with(bin: &Path) -> String {
    format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default())
}

/// A workspace config.json in `dir/.azureml/`.
pub fn config_json(dir: &Path) {
    std::fs::create_dir_all(dir.join(".azureml")).unwrap();
    std::fs::write(
        dir.join(".azureml/config.json"),
        format!(r#"{{"subscription_id": "{SUB}", "resource_group": "ml-rg", "workspace_name": "ml-ws"}}"#),
    )
    .unwrap();
}
