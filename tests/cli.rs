//! End-to-end tests of the `trialex` binary: output shapes, exit codes, error lines.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn trialex(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trialex")).args(args).current_dir(root()).output().expect("trialex runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trialex-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const SEED_000: &str = "fixtures/zh/000_a4877cbd41b23476.txt";
const SEED_001: &str = "fixtures/zh/001_ee09c46421ca47c6.txt";

#[test]
fn one_input_gives_one_pretty_json_object() {
    let out = trialex(&["extract", SEED_000, "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = stdout(&out);
    assert!(text.lines().count() > 1, "pretty JSON spans lines");
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["schema_version"], "1");
    assert_eq!(doc["document"]["format"], "text");
}

#[test]
fn several_inputs_give_json_lines_in_input_order() {
    let out = trialex(&["extract", SEED_001, SEED_000, "--quiet", "--jobs", "2"]);
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["document"]["path"], SEED_001);
    assert_eq!(lines[1]["document"]["path"], SEED_000);
}

#[test]
fn a_bad_document_gets_its_line_and_the_exit_code_says_so() {
    let dir = temp_dir("bad");
    let binary = dir.join("blob.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0, 255, 254, 0, 0]).unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let missing = dir.join("missing.txt");
    let args = [
        "extract",
        SEED_000,
        missing.to_str().unwrap(),
        binary.to_str().unwrap(),
        empty.to_str().unwrap(),
        "fixtures/encodings/table_zh.gbk.txt",
        "--format",
        "jsonl",
        "--quiet",
    ];
    let out = trialex(&args);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 5, "every document has its line");
    let codes = |doc: &serde_json::Value| -> Vec<String> {
        doc["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_string()).collect()
    };
    assert!(codes(&lines[1]).contains(&"input.unreadable".to_string()));
    assert!(lines[1]["diagnostics"][0]["message"].as_str().unwrap().contains("missing.txt"));
    assert!(codes(&lines[2]).contains(&"input.not_text".to_string()));
    assert!(codes(&lines[3]).contains(&"input.empty".to_string()));
    assert_eq!(lines[4]["document"]["encoding"], "GBK");
    assert!(!lines[4]["studies"].as_array().unwrap().is_empty(), "the GBK table is read");
    assert!(codes(&lines[4]).iter().all(|c| !c.starts_with("input.")));
    let alone = trialex(&["extract", SEED_000, "--format", "jsonl", "--quiet"]);
    let alone: serde_json::Value = serde_json::from_str(stdout(&alone).trim()).unwrap();
    assert_eq!(alone, lines[0], "the good document is unchanged");
}

#[test]
fn validate_passes_on_extract_output() {
    let dir = temp_dir("validate");
    let out_file = dir.join("out.jsonl");
    let out = trialex(&["extract", "fixtures/zh", "fixtures/en", "-o", out_file.to_str().unwrap(), "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let check = trialex(&["validate", out_file.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}

#[test]
fn validate_names_each_problem_of_a_hand_broken_file() {
    let out = trialex(&["validate", "fixtures/broken/hand_broken_output.json"]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    assert!(report.contains("[t1.r1]") && report.contains("dose.min_gt_max"), "{report}");
    assert!(report.contains("[t1.r2]") && report.contains("schema.invalid"), "{report}");
    assert!(report.contains("[t1.r3]") && report.contains("span.mismatch"), "{report}");
    assert!(report.contains("does_not_exist.txt"), "names the document: {report}");
}

#[test]
fn schema_prints_the_checked_in_schema() {
    let out = trialex(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let printed: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("schemas/trialex.schema.json")).unwrap()).unwrap();
    assert_eq!(printed, file);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(trialex(&["extract"]).status.code(), Some(2));
    assert_eq!(trialex(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(trialex(&["extract", "x.txt", "--glob", "["]).status.code(), Some(2));
}

#[test]
fn csv_has_a_header_and_a_row_per_study() {
    let out = trialex(&["extract", SEED_000, "--format", "csv", "--quiet"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("document,sha256,study,"));
}
