//! Reading the files the CLI is given: JSON configurations and contexts (32 MiB at most), PEM
//! files (1 MiB), from a path or `-` (standard input, read once). `ssl.cert_file` and
//! `ssl.key_file` are read into `ssl.cert` and `ssl.key` here: the core reads no files. Every
//! read is capped, so `/dev/zero` or a runaway pipe is a clear error, not an exhausted memory.
use crate::chrome::say;
use crate::failure::Failure;
use akscompute::Param;
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// The most a configuration, context or config.json may hold.
pub const JSON_CAP: u64 = 32 << 20;
/// The most a PEM certificate or key file may hold (real ones are a few KB).
pub const PEM_CAP: u64 = 1 << 20;

static STDIN_TAKEN: AtomicBool = AtomicBool::new(false);

/// What a file read holds, named in the chrome's language in every error about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    /// A configuration (or several, on standard input).
    Configuration,
    /// A context file.
    Context,
    /// A workspace's config.json.
    WorkspaceConfig,
    /// The PEM file of `ssl.cert_file` or `ssl.key_file` (the field's name).
    Pem(&'static str),
}

impl What {
    fn text(self) -> String {
        match self {
            What::Configuration => say("ui.cli.what.configuration", Vec::new()),
            What::Context => say("ui.cli.what.context", Vec::new()),
            What::WorkspaceConfig => say("ui.cli.what.workspace_config", Vec::new()),
            What::Pem(field) => say("ui.cli.what.pem_file", vec![("field", Param::from(field))]),
        }
    }
}

fn human(cap: u64) -> String {
    if cap >= 1 << 20 {
        format!("{} MiB", cap >> 20)
    } else {
        format!("{} KiB", cap >> 10)
    }
}

/// Reads at most `cap` bytes of a file (or of standard input for `-`) as UTF-8 text.
pub fn read_capped(path: &Path, cap: u64, what: What) -> Result<String, Failure> {
    let what = what.text();
    let params = |file: &str, more: Vec<(&'static str, Param)>| {
        let mut p = vec![("what", Param::from(what.as_str())), ("file", Param::from(file))];
        p.extend(more);
        p
    };
    let shown = crate::render::clean(&path.display().to_string()).into_owned();
    let mut bytes = Vec::new();
    let read = if path == Path::new("-") {
        if STDIN_TAKEN.swap(true, Ordering::SeqCst) {
            return Err(Failure::Misuse(say("ui.cli.stdin_taken", vec![("what", Param::from(what.as_str()))])));
        }
        std::io::stdin().lock().take(cap + 1).read_to_end(&mut bytes)
    } else {
        match std::fs::File::open(path) {
            Ok(f) => f.take(cap + 1).read_to_end(&mut bytes),
            Err(e) => return Err(Failure::Misuse(say("ui.cli.cannot_read", params(&shown, vec![("error", Param::from(e.to_string()))])))),
        }
    };
    let source = if path == Path::new("-") { say("ui.cli.stdin", Vec::new()) } else { shown };
    read.map_err(|e| Failure::Misuse(say("ui.cli.cannot_read", params(&source, vec![("error", Param::from(e.to_string()))]))))?;
    if bytes.len() as u64 > cap {
        return Err(Failure::Misuse(say("ui.cli.too_large", params(&source, vec![("size", Param::from(human(cap)))]))));
    }
    String::from_utf8(bytes)
        .map_err(|e| Failure::Misuse(say("ui.cli.not_utf8", params(&source, vec![("offset", Param::from(e.utf8_error().valid_up_to()))]))))
}

/// Parses a JSON file, naming the file, line and column on a syntax error.
pub fn read_json(path: &Path, what: What) -> Result<Value, Failure> {
    let text = read_capped(path, JSON_CAP, what)?;
    parse_json(&text, &path.display().to_string(), what)
}

/// Parses JSON text from `source` (a file name or a line of standard input).
pub fn parse_json(text: &str, source: &str, what: What) -> Result<Value, Failure> {
    serde_json::from_str(text).map_err(|e| {
        Failure::Misuse(say(
            "ui.cli.not_json",
            vec![
                ("what", Param::from(what.text())),
                ("file", Param::from(crate::render::clean(source).into_owned())),
                ("error", Param::from(e.to_string())),
            ],
        ))
    })
}

/// Replaces `ssl.cert_file` and `ssl.key_file` by the files' PEM text. Relative paths are
/// taken from `base` (the configuration file's folder, or the current one).
pub fn inline_pem_files(config: &mut Value, base: &Path) -> Result<(), Failure> {
    let Some(ssl) = config.get_mut("ssl").and_then(Value::as_object_mut) else { return Ok(()) };
    for (file_key, key) in [("cert_file", "cert"), ("key_file", "key")] {
        let Some(f) = ssl.remove(file_key) else { continue };
        let Some(name) = f.as_str() else {
            return Err(Failure::Misuse(say("ui.cli.pem_not_path", vec![("field", Param::from(file_key))])));
        };
        if ssl.get(key).is_some_and(|v| !v.is_null()) {
            return Err(Failure::Misuse(say("ui.cli.pem_both", vec![("key", Param::from(key)), ("field", Param::from(file_key))])));
        }
        let p = if name == "-" { PathBuf::from("-") } else { base.join(name) };
        let text = read_capped(&p, PEM_CAP, What::Pem(file_key))?;
        ssl.insert(key.into(), Value::String(text));
    }
    Ok(())
}

/// The folder relative `cert_file` paths are taken from.
pub fn base_of(config_path: &Path) -> PathBuf {
    if config_path == Path::new("-") {
        PathBuf::from(".")
    } else {
        config_path.parent().map(Path::to_path_buf).unwrap_or_default()
    }
}
