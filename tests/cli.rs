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

// ---------------------------------------------------------------------------------------
// Issue #14: inputs nobody vetted.
// ---------------------------------------------------------------------------------------

/// Runs trialex and kills it if it is still running after `limit`: a test of "does not hang"
/// must not hang itself. Returns the output and how long the run took.
fn trialex_within(args: &[&str], limit: std::time::Duration) -> (Output, std::time::Duration) {
    use std::process::Stdio;
    let started = std::time::Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_trialex"))
        .args(args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("trialex runs");
    // Read the pipes on their own threads so a full pipe cannot stall the child.
    let mut out_pipe = child.stdout.take().unwrap();
    let mut err_pipe = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut out_pipe, &mut buf).map(|_| buf).unwrap_or_default()
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut err_pipe, &mut buf).map(|_| buf).unwrap_or_default()
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("trialex {args:?} still running after {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let elapsed = started.elapsed();
    let output = Output { status, stdout: out_reader.join().unwrap(), stderr: err_reader.join().unwrap() };
    (output, elapsed)
}

fn mkfifo(path: &Path) {
    let c_path = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0, "mkfifo {}", path.display());
}

fn codes_of(doc: &serde_json::Value) -> Vec<String> {
    doc["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_string()).collect()
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    stdout(out).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn dev_zero_gets_its_error_line_within_the_deadline() {
    let (out, elapsed) =
        trialex_within(&["extract", "/dev/zero", "--timeout", "2", "--quiet"], std::time::Duration::from_secs(30));
    assert!(elapsed < std::time::Duration::from_secs(5), "took {elapsed:?}");
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(codes_of(&doc), ["input.not_regular"]);
    let message = doc["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.contains("/dev/zero") && message.contains("character device"), "{message}");
}

#[test]
fn a_fifo_given_or_met_in_a_folder_gets_its_line_and_nothing_blocks() {
    let dir = temp_dir("fifo");
    mkfifo(&dir.join("given.txt"));
    std::fs::create_dir_all(dir.join("folder")).unwrap();
    std::fs::copy(root().join(SEED_001), dir.join("folder/a.txt")).unwrap();
    mkfifo(&dir.join("folder/b.txt"));
    let limit = std::time::Duration::from_secs(30);
    for timeout in [Some("5"), None] {
        let mut args = vec!["extract", dir.join("given.txt").to_str().unwrap().to_string().leak(), "--quiet"];
        args.extend(timeout.map(|t| ["--timeout", t]).into_iter().flatten());
        let (out, _) = trialex_within(&args, limit);
        assert_eq!(out.status.code(), Some(1));
        let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(codes_of(&doc), ["input.not_regular"]);
        assert!(doc["diagnostics"][0]["message"].as_str().unwrap().contains("FIFO"));
    }
    let (out, _) = trialex_within(&["extract", dir.join("folder").to_str().unwrap(), "--quiet"], limit);
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2, "the FIFO in the folder has its line");
    assert!(lines[0]["document"]["path"].as_str().unwrap().ends_with("a.txt"));
    assert!(!lines[0]["studies"].as_array().unwrap().is_empty());
    assert!(lines[1]["document"]["path"].as_str().unwrap().ends_with("b.txt"));
    assert_eq!(codes_of(&lines[1]), ["input.not_regular"]);
}

#[test]
fn a_file_over_max_bytes_is_refused_by_its_size() {
    let dir = temp_dir("max-bytes");
    let big = dir.join("big.txt");
    std::fs::copy(root().join(SEED_000), &big).unwrap();
    let out = trialex(&["extract", big.to_str().unwrap(), "--max-bytes", "1K", "--quiet"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(codes_of(&doc), ["input.too_large"]);
    assert!(doc["diagnostics"][0]["message"].as_str().unwrap().contains("1024 bytes"));
    let out = trialex(&["extract", big.to_str().unwrap(), "--max-bytes", "1M", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(trialex(&["extract", SEED_000, "--max-bytes", "lots"]).status.code(), Some(2));
}

#[test]
fn links_are_resolved_before_the_name_filter_and_loops_are_named() {
    let dir = temp_dir("links");
    std::fs::copy(root().join(SEED_001), dir.join("a.txt")).unwrap();
    std::fs::write(dir.join("regular.json"), "{}").unwrap();
    std::os::unix::fs::symlink(dir.join("gone.json"), dir.join("dangling.json")).unwrap();
    std::os::unix::fs::symlink(dir.join("gone.txt"), dir.join("dangling.txt")).unwrap();
    std::os::unix::fs::symlink(dir.join("loop2.txt"), dir.join("loop1.txt")).unwrap();
    std::os::unix::fs::symlink(dir.join("loop1.txt"), dir.join("loop2.txt")).unwrap();
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("sub/up")).unwrap();
    let (out, _) = trialex_within(&["extract", dir.to_str().unwrap(), "--quiet"], std::time::Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    let by_name = |name: &str| {
        lines
            .iter()
            .find(|l| l["document"]["path"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name} has no line"))
    };
    let names: Vec<&str> = lines.iter().map(|l| l["document"]["path"].as_str().unwrap()).collect();
    assert_eq!(lines.len(), 5, "{names:?}");
    assert!(by_name("a.txt")["diagnostics"].as_array().unwrap().iter().all(|d| d["severity"] != "error"));
    assert!(by_name("dangling.txt")["diagnostics"][0]["message"].as_str().unwrap().contains("does not exist"));
    for looping in ["loop1.txt", "loop2.txt", "sub/up"] {
        let doc = by_name(looping);
        assert_eq!(codes_of(doc), ["input.symlink_loop"], "{looping}");
        assert!(!doc["diagnostics"][0]["message"].as_str().unwrap().contains("Is a directory"));
    }
    // A dangling link named like a non-document is skipped, as a regular file of that name is.
    assert!(names.iter().all(|n| !n.ends_with(".json")), "{names:?}");
}

#[test]
fn json_of_several_inputs_is_one_array_that_validate_accepts() {
    let dir = temp_dir("array");
    let out = trialex(&["extract", SEED_001, SEED_000, "--format", "json", "--quiet"]);
    assert_eq!(out.status.code(), Some(0));
    let docs: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).expect("one JSON array");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1]["document"]["path"], SEED_000);
    let file = dir.join("both.json");
    std::fs::write(&file, &out.stdout).unwrap();
    let check = trialex(&["validate", file.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    assert!(String::from_utf8_lossy(&check.stderr).contains("2 documents checked"));
    // A folder is several inputs, however many files it holds.
    let out = trialex(&["extract", "fixtures/zh", "--format", "json", "--quiet"]);
    let docs: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).expect("one JSON array");
    assert_eq!(docs.len(), 3);
}

#[test]
fn the_format_follows_the_output_extension() {
    let dir = temp_dir("extension");
    let jsonl = dir.join("one.jsonl");
    let out = trialex(&["extract", SEED_000, "-o", jsonl.to_str().unwrap(), "--quiet"]);
    assert_eq!(out.status.code(), Some(0));
    let text = std::fs::read_to_string(&jsonl).unwrap();
    assert_eq!(text.lines().count(), 1, "JSON Lines: one document, one line");
    let _: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    let csv = dir.join("one.csv");
    trialex(&["extract", SEED_000, "-o", csv.to_str().unwrap(), "--quiet"]);
    assert!(std::fs::read_to_string(&csv).unwrap().starts_with("document,sha256,study,"));
    let json = dir.join("two.json");
    trialex(&["extract", SEED_000, SEED_001, "-o", json.to_str().unwrap(), "--quiet"]);
    let docs: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(docs.len(), 2);
}

#[test]
fn an_output_path_that_is_an_input_is_refused() {
    let dir = temp_dir("same-output");
    let input = dir.join("in.txt");
    std::fs::copy(root().join(SEED_000), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let out = trialex(&["extract", input.to_str().unwrap(), "-o", input.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is the input"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read(&input).unwrap(), before, "the input is untouched");
    // Also through another spelling of the path, and when the input is met in a folder.
    std::os::unix::fs::symlink(&input, dir.join("alias.txt")).unwrap();
    let out = trialex(&["extract", dir.to_str().unwrap(), "-o", dir.join("alias.txt").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn text_out_names_are_unique_per_input() {
    let dir = temp_dir("text-out");
    for (sub, seed) in [("a", SEED_000), ("b", SEED_001)] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        std::fs::copy(root().join(seed), dir.join(sub).join("review.txt")).unwrap();
    }
    let text = dir.join("text");
    let out = trialex(&[
        "extract",
        dir.join("a/review.txt").to_str().unwrap(),
        dir.join("b/review.txt").to_str().unwrap(),
        "--text-out",
        text.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read(text.join("review.txt.txt")).unwrap(), std::fs::read(root().join(SEED_000)).unwrap());
    assert_eq!(std::fs::read(text.join("review.txt~2.txt")).unwrap(), std::fs::read(root().join(SEED_001)).unwrap());
}

/// The peak resident memory of one trialex run, in bytes (`wait4` reports it for that child,
/// and reaps it: the `Child` handle is not waited on).
#[allow(clippy::zombie_processes)]
fn peak_rss(args: &[&str]) -> u64 {
    let child = Command::new(env!("CARGO_BIN_EXE_trialex"))
        .args(args)
        .current_dir(root())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("trialex runs");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, whose handle is not waited on elsewhere.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t);
    usage.ru_maxrss as u64 * 1024
}

#[test]
fn memory_is_bounded_by_the_document() {
    let dir = temp_dir("memory");
    let seed = std::fs::read(root().join(SEED_000)).unwrap();
    let copies = 2_000_000 / seed.len() + 1;
    let long = dir.join("long.txt");
    std::fs::write(&long, seed.repeat(copies)).unwrap();
    let base = peak_rss(&["extract", SEED_000, "--quiet"]);
    let peak = peak_rss(&["extract", long.to_str().unwrap(), "--quiet"]);
    let text = (seed.len() * (copies - 1)) as u64;
    // Four times the text beyond what one seed takes, with room for the allocator's rounding.
    let bound = 4 * text + 8 * 1024 * 1024;
    assert!(
        peak.saturating_sub(base) <= bound,
        "{} MB of text took {} MB beyond the {} MB of one seed (bound {} MB)",
        text / 1_000_000,
        peak.saturating_sub(base) / 1_000_000,
        base / 1_000_000,
        bound / 1_000_000
    );
}

#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    use std::io::BufRead;
    // Enough documents that the output cannot all wait in the pipe.
    let mut args = vec!["extract", "--format", "jsonl", "--jobs", "1"];
    args.extend(std::iter::repeat_n(SEED_000, 60));
    let mut child = Command::new(env!("CARGO_BIN_EXE_trialex"))
        .args(&args)
        .current_dir(root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("trialex runs");
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    // The reader is gone (`| head -1`).
    let out = child.wait_with_output().unwrap();
    let doc: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(doc["document"]["path"], SEED_000);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("Broken pipe") && !stderr.contains("trialex: error"), "{stderr}");
}

#[test]
fn the_summary_names_the_documents_with_errors() {
    let missing: Vec<String> = (1..=5).map(|i| format!("/nonexistent/m{i}.txt")).collect();
    let mut args = vec!["extract", SEED_000];
    args.extend(missing.iter().map(String::as_str));
    let out = trialex(&args);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("5 with errors (/nonexistent/m1.txt, /nonexistent/m2.txt, /nonexistent/m3.txt and 2 more)"),
        "{stderr}"
    );
    let out = trialex(&["extract", SEED_000, "/nonexistent/m1.txt"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 with errors (/nonexistent/m1.txt)"));
}

#[test]
fn the_makefile_takes_the_binary_from_cargos_target_directory() {
    let target = std::env::temp_dir().join(format!("trialex-make-target-{}", std::process::id()));
    let out = Command::new("make")
        .args(["-n", "run"])
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("TRIALEX")
        .current_dir(root())
        .output()
        .expect("make runs");
    let printed = String::from_utf8_lossy(&out.stdout);
    let binary = format!("{}/release/trialex extract fixtures", target.display());
    assert!(printed.contains(&binary), "make -n run printed:\n{printed}");
}

#[test]
fn validate_holds_output_to_the_whole_contract() {
    let dir = temp_dir("contract");
    let out = trialex(&["extract", SEED_000, "--format", "jsonl", "--quiet"]);
    let doc: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    let check = |name: &str, doc: &serde_json::Value| {
        let file = dir.join(name);
        std::fs::write(&file, serde_json::to_string(doc).unwrap()).unwrap();
        trialex(&["validate", file.to_str().unwrap()])
    };
    assert_eq!(check("good.jsonl", &doc).status.code(), Some(0));
    let mut without_dose = doc.clone();
    without_dose["studies"][0].as_object_mut().unwrap().remove("dose");
    let report = check("without_dose.jsonl", &without_dose);
    assert_eq!(report.status.code(), Some(1));
    assert!(stdout(&report).contains("schema.invalid") && stdout(&report).contains("dose"), "{}", stdout(&report));
    let mut version_2 = doc.clone();
    version_2["schema_version"] = "2".into();
    assert_eq!(check("version_2.jsonl", &version_2).status.code(), Some(1));
    let mut undeclared = doc.clone();
    undeclared["studies"][0]["dosage"] = "1e6".into();
    assert_eq!(check("undeclared.jsonl", &undeclared).status.code(), Some(1));
    let mut negative = doc.clone();
    negative["studies"][0]["dose"]["min"] = (-1.0e6).into();
    let report = check("negative.jsonl", &negative);
    assert_eq!(report.status.code(), Some(1));
    assert!(stdout(&report).contains("/studies/0/dose") && stdout(&report).contains("minimum"), "{}", stdout(&report));
    let empty = dir.join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    let report = trialex(&["validate", empty.to_str().unwrap()]);
    assert_eq!(report.status.code(), Some(1));
    assert!(stdout(&report).contains("no document"), "{}", stdout(&report));
}
