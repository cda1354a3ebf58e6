//! Where text goes. Standard output carries results; standard error carries diagnostics,
//! progress, notes and errors. Neither ever panics: a closed standard output ends the run
//! quietly (`akscompute list | head -1`), a closed standard error is ignored. Colour goes
//! through anstream, which drops it when the stream is not a terminal, under `NO_COLOR`, and
//! forces it under `CLICOLOR_FORCE`.
use crate::failure::Failure;
use std::io::Write;
use std::sync::OnceLock;

/// How chatty standard error is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// `--only-show-errors`: errors only.
    Errors,
    /// The default: errors, warnings, notes and progress.
    #[default]
    Normal,
    /// `--verbose`: also what the CLI decided (workspace, token, requests planned).
    Verbose,
    /// `--debug`: everything.
    Debug,
}

static LEVEL: OnceLock<Level> = OnceLock::new();

/// Sets the level once, from the global options.
pub fn set_level(l: Level) {
    let _ = LEVEL.set(l);
}

/// The level in force.
pub fn level() -> Level {
    LEVEL.get().copied().unwrap_or_default()
}

/// Writes to standard output; a closed pipe becomes [`Failure::ClosedPipe`].
pub fn print(text: &str) -> Result<(), Failure> {
    let mut o = anstream::stdout().lock();
    let r =
        o.write_all(text.as_bytes()).and_then(|()| if text.ends_with('\n') { Ok(()) } else { o.write_all(b"\n") }).and_then(|()| o.flush());
    match r {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::ClosedPipe),
        Err(e) => Err(Failure::Misuse(crate::chrome::say("ui.cli.stdout_write", vec![("error", akscompute::Param::from(e.to_string()))]))),
    }
}

fn to_stderr(text: &str) {
    let mut e = anstream::stderr().lock();
    let _ = e.write_all(text.as_bytes());
    let _ = e.write_all(b"\n");
    let _ = e.flush();
}

/// An error line (always shown).
pub fn error(text: &str) {
    to_stderr(text);
}

/// A warning, note or progress line (hidden by `--only-show-errors`).
pub fn note(text: &str) {
    if level() >= Level::Normal {
        to_stderr(text);
    }
}

/// A line for `--verbose` and `--debug`.
pub fn verbose(text: &str) {
    if level() >= Level::Verbose {
        to_stderr(&format!("INFO: {text}"));
    }
}

/// A line for `--debug` only.
pub fn debug(text: &str) {
    if level() >= Level::Debug {
        to_stderr(&format!("DEBUG: {text}"));
    }
}
