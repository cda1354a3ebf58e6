//! The shared vector files (`tests/vectors/*.json`, the ones every binding runs), in name order:
//! one listing for the core's test files that walk them.
use std::path::PathBuf;

/// Every `.json` file of `tests/vectors/`, sorted by path.
pub fn vector_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/vectors exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}
