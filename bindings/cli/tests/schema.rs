//! `akscompute schema SHAPE` prints the schema files the repository ships, byte for byte.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use std::path::PathBuf;
use std::process::Command;

#[test]
fn schema_prints_the_shipped_file_of_each_shape() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schemas");
    for shape in ["create", "attach", "update", "detach", "context"] {
        let out = Command::new(env!("CARGO_BIN_EXE_akscompute")).args(["schema", shape]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{shape}");
        let want = std::fs::read_to_string(dir.join(format!("{shape}.schema.json"))).unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), want, "{shape}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_akscompute")).args(["schema", "delete"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
