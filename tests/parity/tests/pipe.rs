//! `parity … | head`: a reader that goes away ends the program quietly, not with a panic.
use std::process::{Command, Stdio};

#[test]
fn a_closed_stdout_ends_quietly() {
    let vectors = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors");
    let out = std::env::temp_dir().join(format!("parity-pipe-{}.jsonl", std::process::id()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_parity"))
        .args(["generate", "7", "40", vectors, out.to_str().unwrap_or_default()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the parity binary runs");
    // The reader leaves before the one line is written (generating takes far longer than this).
    drop(child.stdout.take());
    let done = child.wait_with_output().expect("the parity binary ends");
    let _ = std::fs::remove_file(&out);
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(done.status.code(), Some(0), "{stderr}");
}
