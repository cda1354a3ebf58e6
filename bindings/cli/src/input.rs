//! Reading the configuration and context files: JSON from a path or `-` (standard input),
//! with `ssl.cert_file` / `ssl.key_file` read into `ssl.cert` / `ssl.key` (the core reads no files).
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A problem with the command line or its inputs: exit code 2.
#[derive(Debug)]
pub struct Misuse(pub String);

impl std::fmt::Display for Misuse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn read_text(path: &Path, what: &str) -> Result<String, Misuse> {
    if path == Path::new("-") {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| Misuse(format!("reading the {what} from standard input: {e}")))?;
        return Ok(s);
    }
    std::fs::read_to_string(path).map_err(|e| Misuse(format!("cannot read the {what} file {}: {e}", path.display())))
}

/// Parses a JSON file, naming the file, line and column on a syntax error.
pub fn read_json(path: &Path, what: &str) -> Result<Value, Misuse> {
    let text = read_text(path, what)?;
    serde_json::from_str(&text).map_err(|e| Misuse(format!("the {what} file {} is not valid JSON: {e}", path.display())))
}

/// Replaces `ssl.cert_file` and `ssl.key_file` by the files' PEM text. Relative paths are
/// taken from the configuration file's folder, so examples work from anywhere.
pub fn inline_pem_files(config: &mut Value, config_path: &Path) -> Result<(), Misuse> {
    let base: PathBuf =
        if config_path == Path::new("-") { PathBuf::from(".") } else { config_path.parent().map(Path::to_path_buf).unwrap_or_default() };
    let Some(ssl) = config.get_mut("ssl").and_then(Value::as_object_mut) else { return Ok(()) };
    for (file_key, key) in [("cert_file", "cert"), ("key_file", "key")] {
        let Some(f) = ssl.remove(file_key) else { continue };
        let Some(name) = f.as_str() else {
            return Err(Misuse(format!("ssl.{file_key} must be a file path (a string)")));
        };
        if ssl.get(key).is_some_and(|v| !v.is_null()) {
            return Err(Misuse(format!("ssl.{key} and ssl.{file_key} are both given: keep one")));
        }
        let p = base.join(name);
        let text = std::fs::read_to_string(&p).map_err(|e| Misuse(format!("ssl.{file_key}: cannot read {}: {e}", p.display())))?;
        ssl.insert(key.into(), Value::String(text));
    }
    Ok(())
}
