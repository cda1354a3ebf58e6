//! Reading the files the CLI is given: JSON configurations and contexts (32 MiB at most), PEM
//! files (1 MiB), from a path or `-` (standard input, read once). `ssl.cert_file` and
//! `ssl.key_file` are read into `ssl.cert` and `ssl.key` here: the core reads no files. Every
//! read is capped, so `/dev/zero` or a runaway pipe is a clear error, not an exhausted memory.
use crate::failure::Failure;
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// The most a configuration, context or config.json may hold.
pub const JSON_CAP: u64 = 32 << 20;
/// The most a PEM certificate or key file may hold (real ones are a few KB).
pub const PEM_CAP: u64 = 1 << 20;

static STDIN_TAKEN: AtomicBool = AtomicBool::new(false);

fn human(cap: u64) -> String {
    if cap >= 1 << 20 {
        format!("{} MiB", cap >> 20)
    } else {
        format!("{} KiB", cap >> 10)
    }
}

/// Reads at most `cap` bytes of a file (or of standard input for `-`) as UTF-8 text.
pub fn read_capped(path: &Path, cap: u64, what: &str) -> Result<String, Failure> {
    let shown = crate::render::clean(&path.display().to_string()).into_owned();
    let mut bytes = Vec::new();
    let read = if path == Path::new("-") {
        if STDIN_TAKEN.swap(true, Ordering::SeqCst) {
            return Err(Failure::Misuse(format!("the {what}: standard input (-) is already read for another file: give this one a path")));
        }
        std::io::stdin().lock().take(cap + 1).read_to_end(&mut bytes)
    } else {
        match std::fs::File::open(path) {
            Ok(f) => f.take(cap + 1).read_to_end(&mut bytes),
            Err(e) => return Err(Failure::Misuse(format!("cannot read the {what} {shown}: {e}"))),
        }
    };
    let source = if path == Path::new("-") { "standard input".to_string() } else { shown };
    read.map_err(|e| Failure::Misuse(format!("cannot read the {what} {source}: {e}")))?;
    if bytes.len() as u64 > cap {
        return Err(Failure::Misuse(format!(
            "the {what} {source} is larger than {}: that is not what it should hold; check the path",
            human(cap)
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        Failure::Misuse(format!("the {what} {source} is not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()))
    })
}

/// Parses a JSON file, naming the file, line and column on a syntax error.
pub fn read_json(path: &Path, what: &str) -> Result<Value, Failure> {
    let text = read_capped(path, JSON_CAP, what)?;
    parse_json(&text, &path.display().to_string(), what)
}

/// Parses JSON text from `source` (a file name or a line of standard input).
pub fn parse_json(text: &str, source: &str, what: &str) -> Result<Value, Failure> {
    serde_json::from_str(text).map_err(|e| Failure::Misuse(format!("the {what} {} is not valid JSON: {e}", crate::render::clean(source))))
}

/// Replaces `ssl.cert_file` and `ssl.key_file` by the files' PEM text. Relative paths are
/// taken from `base` (the configuration file's folder, or the current one).
pub fn inline_pem_files(config: &mut Value, base: &Path) -> Result<(), Failure> {
    let Some(ssl) = config.get_mut("ssl").and_then(Value::as_object_mut) else { return Ok(()) };
    for (file_key, key) in [("cert_file", "cert"), ("key_file", "key")] {
        let Some(f) = ssl.remove(file_key) else { continue };
        let Some(name) = f.as_str() else {
            return Err(Failure::Misuse(format!("ssl.{file_key} must be a file path (a string)")));
        };
        if ssl.get(key).is_some_and(|v| !v.is_null()) {
            return Err(Failure::Misuse(format!("ssl.{key} and ssl.{file_key} are both given: keep one")));
        }
        let p = if name == "-" { PathBuf::from("-") } else { base.join(name) };
        let text = read_capped(&p, PEM_CAP, &format!("ssl.{file_key} file"))?;
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
