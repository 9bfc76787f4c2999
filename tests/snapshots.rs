//! One insta JSON snapshot per fixture document: what each input must give.
//!
//! Paths and hashes are redacted so the snapshots do not depend on where the checkout is.
//! Review changes with `cargo insta review`; CI (with `CI` set) fails on any difference.

use std::path::Path;

use trialex_core::{Options, process_bytes};

fn snapshot_of(path: &Path) {
    // The document is named by its path from the workspace root, so that messages that quote
    // it read the same on every machine.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root");
    let label = path.strip_prefix(&root).unwrap_or(path).display().to_string();
    let bytes = std::fs::read(path).expect("fixture is readable");
    let processed = process_bytes(&label, &bytes, &Options::default());
    insta::assert_json_snapshot!(processed.output, {
        ".document.path" => "[path]",
        ".document.sha256" => "[hash]",
    });
}

#[test]
fn text_fixtures() {
    insta::glob!("../fixtures", "{zh,en,encodings,eval,real/docs}/*.{txt,md}", snapshot_of);
}

#[test]
fn pdf_fixtures() {
    insta::glob!("../fixtures", "pdf/**/*.pdf", snapshot_of);
}
