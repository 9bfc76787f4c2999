//! One insta JSON snapshot per fixture document: what each input must give.
//!
//! Paths and hashes are redacted so the snapshots do not depend on where the checkout is.
//! Review changes with `cargo insta review`; CI (with `CI` set) fails on any difference.

use trialex_core::{Options, process_file};

fn snapshot_of(path: &std::path::Path) {
    let processed = process_file(path, &Options::default());
    insta::assert_json_snapshot!(processed.output, {
        ".document.path" => "[path]",
        ".document.sha256" => "[hash]",
    });
}

#[test]
fn text_fixtures() {
    insta::glob!("../fixtures", "{zh,en,encodings}/*.{txt,md}", snapshot_of);
}

#[test]
fn pdf_fixtures() {
    insta::glob!("../fixtures", "pdf/*.pdf", snapshot_of);
}
