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
pub const JSON_CAP: u64 = akscompute::shape::MAX_JSON_TEXT as u64;
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

/// How long a named pipe given as a file is waited for when nobody has written to it yet.
const PIPE_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Opens a file to read. A named pipe that nobody writes to would hold a plain open() until
/// a writer comes (a PEM path mistyped as a FIFO hung the command): it is opened without
/// waiting, and [`read_up_to`] gives a writer [`PIPE_WAIT`] to come.
fn open(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK);
    }
    o.open(path)
}

#[cfg(unix)]
fn is_pipe(f: &std::fs::File) -> bool {
    use std::os::unix::fs::FileTypeExt;
    f.metadata().is_ok_and(|m| m.file_type().is_fifo())
}

#[cfg(not(unix))]
fn is_pipe(_: &std::fs::File) -> bool {
    false
}

/// Reads at most `limit` bytes. A pipe opened without blocking reads as empty until a writer
/// comes and as "not yet" while it writes: both are waited for in short sleeps (so Ctrl-C
/// still ends the command), the first for [`PIPE_WAIT`] at most.
fn read_up_to(mut f: std::fs::File, limit: u64, out: &mut Vec<u8>) -> std::io::Result<usize> {
    let pipe = is_pipe(&f);
    let started = std::time::Instant::now();
    let nap = || std::thread::sleep(std::time::Duration::from_millis(10));
    let mut buf = vec![0u8; 64 << 10];
    while (out.len() as u64) < limit {
        let want = usize::try_from(limit - out.len() as u64).unwrap_or(usize::MAX).min(buf.len());
        match f.read(&mut buf[..want]) {
            Ok(0) if pipe && out.is_empty() => {
                if started.elapsed() > PIPE_WAIT {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::TimedOut,
                        format!("a named pipe nobody wrote to in {} s", PIPE_WAIT.as_secs()),
                    ));
                }
                nap();
            }
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => nap(),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out.len())
}

/// Reads at most `limit` bytes of a file into `out`, a named pipe included (see [`open`]).
pub(crate) fn read_file(path: &Path, limit: u64, out: &mut Vec<u8>) -> std::io::Result<usize> {
    read_up_to(open(path)?, limit, out)
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
        match open(path) {
            Ok(f) => read_up_to(f, cap + 1, &mut bytes),
            Err(e) => return Err(Failure::Misuse(say("ui.cli.cannot_read", params(&shown, vec![("error", Param::from(e.to_string()))])))),
        }
    };
    let source = if path == Path::new("-") { say("ui.cli.stdin", Vec::new()) } else { shown };
    read.map_err(|e| Failure::Misuse(say("ui.cli.cannot_read", params(&source, vec![("error", Param::from(e.to_string()))]))))?;
    if bytes.len() as u64 > cap {
        return Err(Failure::Misuse(say("ui.cli.too_large", params(&source, vec![("size", Param::from(human(cap)))]))));
    }
    let mut text = String::from_utf8(bytes).map_err(|e| {
        Failure::Misuse(say("ui.cli.not_utf8", params(&source, vec![("offset", Param::from(e.utf8_error().valid_up_to()))])))
    })?;
    // A byte order mark first, as Windows editors and PowerShell 5's Set-Content -Encoding UTF8
    // write it: not part of the text (the Azure CLI reads its files as utf-8-sig; so does lint).
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// Parses a JSON file, naming the file, line and column on a syntax error.
pub fn read_json(path: &Path, what: What) -> Result<Value, Failure> {
    let text = read_capped(path, JSON_CAP, what)?;
    parse_json(&text, &path.display().to_string(), what)
}

/// Parses JSON text from `source` (a file name or a line of standard input).
pub fn parse_json(text: &str, source: &str, what: What) -> Result<Value, Failure> {
    // The core's reading: a 400-digit count is a problem at its field, not "not JSON".
    akscompute::shape::value_from_text(text).map_err(|e| {
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
