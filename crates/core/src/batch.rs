//! Batches: the inputs of a run, processed in parallel and handed on in input order.
//!
//! Memory does not grow with the number of documents: at most a window of documents is in
//! flight (being processed, or done and waiting for an earlier one), and each result is handed
//! to the caller's sink, in input order, as soon as every earlier one has been.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;

use globset::{Glob, GlobMatcher};

use crate::{Options, Processed, process_file};

/// File extensions read when a folder is walked (any file named on the command line is read).
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "pdf"];

/// Why the inputs of a run could not be listed.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("invalid --glob pattern '{pattern}': {why}")]
    BadGlob { pattern: String, why: String },
}

/// The documents named by `args`: files as given (even ones that do not exist, so they get
/// their error line), folders walked recursively in sorted order for document files, all
/// filtered by `glob` (matched against the path and the file name) when given.
///
/// In a folder, links are followed and judged by what they lead to, and the name filter
/// applies to every entry alike: a FIFO, socket or device named like a document is an input
/// (it gets its `input.not_regular` line), and so is a link named like a document that leads
/// nowhere or in a loop; a link named `notes.json` is skipped like a file named so. A folder
/// that cannot be read, or a folder link that loops back to its ancestor, is an input whatever
/// its name, so that the error says what was not walked.
pub fn expand_inputs(args: &[PathBuf], glob: Option<&str>) -> Result<Vec<PathBuf>, InputError> {
    let matcher: Option<GlobMatcher> = match glob {
        Some(pattern) => Some(
            Glob::new(pattern)
                .map_err(|e| InputError::BadGlob { pattern: pattern.to_string(), why: e.to_string() })?
                .compile_matcher(),
        ),
        None => None,
    };
    let keep = |path: &Path| match &matcher {
        Some(m) => m.is_match(path) || path.file_name().is_some_and(|name| m.is_match(name)),
        None => true,
    };
    let mut out = Vec::new();
    for arg in args {
        if arg.is_dir() {
            let walker = walkdir::WalkDir::new(arg).follow_links(true).sort_by_file_name();
            for entry in walker.into_iter() {
                match entry {
                    Ok(entry) if entry.file_type().is_dir() => {}
                    // Regular files and special files alike: the reader refuses the latter.
                    Ok(entry) => {
                        let path = entry.path();
                        if is_document(path) && keep(path) {
                            out.push(path.to_path_buf());
                        }
                    }
                    Err(e) => {
                        let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| arg.clone());
                        let is_link = path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink());
                        // A link that leads nowhere (or round in circles) is judged by its name
                        // like the file it names; a folder loop or an unreadable folder is kept.
                        if e.loop_ancestor().is_some() || !is_link || (is_document(&path) && keep(&path)) {
                            out.push(path);
                        }
                    }
                }
            }
        } else if keep(arg) {
            out.push(arg.clone());
        }
    }
    Ok(out)
}

fn is_document(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| DOCUMENT_EXTENSIONS.iter().any(|d| d.eq_ignore_ascii_case(e)))
}

/// Processes `paths` on `jobs` threads and calls `sink(index, result)` for each document in
/// input order, until the sink says to stop (its output was closed, say): then no further
/// document is started and the run returns.
pub fn run(
    paths: &[PathBuf],
    options: &Options,
    jobs: usize,
    mut sink: impl FnMut(usize, Processed) -> ControlFlow<()>,
) {
    let jobs = jobs.max(1);
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).thread_name(|i| format!("trialex-{i}")).build() {
        Ok(pool) => pool,
        Err(_) => {
            // No threads to be had: do the work here, one document at a time.
            for (i, path) in paths.iter().enumerate() {
                if sink(i, process_file(path, options)).is_break() {
                    return;
                }
            }
            return;
        }
    };
    let options = Arc::new(options.clone());
    let window = jobs * 4;
    let (tx, rx) = mpsc::channel::<(usize, Processed)>();
    let mut next_submit = 0;
    let mut next_emit = 0;
    let mut done: BTreeMap<usize, Processed> = BTreeMap::new();
    while next_emit < paths.len() {
        while next_submit < paths.len() && next_submit - next_emit < window {
            let (tx, options, path, index) =
                (tx.clone(), Arc::clone(&options), paths[next_submit].clone(), next_submit);
            pool.spawn(move || {
                let _ = tx.send((index, process_file(&path, &options)));
            });
            next_submit += 1;
        }
        let Ok((index, processed)) = rx.recv() else {
            break;
        };
        done.insert(index, processed);
        while let Some(processed) = done.remove(&next_emit) {
            if sink(next_emit, processed).is_break() {
                return;
            }
            next_emit += 1;
        }
    }
}

/// The same file as `a` (by device and inode, so links and other spellings count), when both exist.
pub fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// One output file in `dir` for each input: `<file name>.<extension>`, and for a file name met
/// again (`a/review.txt` and `b/review.txt`) `<file name>~2.<extension>`, `~3` …; never one of
/// `reserved` (files the run writes besides, such as an index), nor the path of an input or of
/// one of `given`, so nothing given is overwritten.
pub fn output_paths(
    dir: &Path,
    inputs: &[PathBuf],
    extension: &str,
    reserved: &[PathBuf],
    given: &[&Path],
) -> Vec<PathBuf> {
    let mut taken: std::collections::HashSet<PathBuf> = reserved.iter().cloned().collect();
    let given: Vec<&Path> = inputs.iter().map(PathBuf::as_path).chain(given.iter().copied()).collect();
    inputs
        .iter()
        .map(|input| {
            let name = input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "document".into());
            let path = (1..)
                .map(|n| {
                    if n == 1 {
                        dir.join(format!("{name}.{extension}"))
                    } else {
                        dir.join(format!("{name}~{n}.{extension}"))
                    }
                })
                .find(|path| !taken.contains(path) && !given.iter().any(|g| same_file(g, path)))
                .unwrap_or_else(|| dir.join(format!("{name}.{extension}")));
            taken.insert(path.clone());
            path
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order() {
        let paths: Vec<PathBuf> = (0..25).map(|i| PathBuf::from(format!("/nonexistent/{i}.txt"))).collect();
        let mut seen = Vec::new();
        run(&paths, &Options::default(), 3, |i, p| {
            seen.push((i, p.output.document.path));
            ControlFlow::Continue(())
        });
        assert_eq!(seen.len(), 25);
        for (k, (i, path)) in seen.iter().enumerate() {
            assert_eq!(*i, k);
            assert_eq!(path, &format!("/nonexistent/{k}.txt"));
        }
    }

    #[test]
    fn a_sink_can_stop_the_run() {
        let paths: Vec<PathBuf> = (0..40).map(|i| PathBuf::from(format!("/nonexistent/{i}.txt"))).collect();
        let mut seen = 0;
        run(&paths, &Options::default(), 2, |_, _| {
            seen += 1;
            if seen == 3 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        });
        assert_eq!(seen, 3);
    }

    #[test]
    fn special_files_and_broken_links_are_judged_by_their_names() {
        let dir = std::env::temp_dir().join(format!("trialex-batch-special-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        for name in ["pipe.txt", "pipe.json"] {
            let path = std::ffi::CString::new(dir.join(name).as_os_str().as_encoded_bytes()).unwrap();
            // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
            assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
        }
        std::fs::write(dir.join("x.json"), "{}").unwrap();
        std::os::unix::fs::symlink(dir.join("gone"), dir.join("dangling.json")).unwrap();
        std::os::unix::fs::symlink(dir.join("gone"), dir.join("dangling.txt")).unwrap();
        std::os::unix::fs::symlink(&dir, dir.join("sub/loop")).unwrap();
        let all = expand_inputs(std::slice::from_ref(&dir), None).unwrap();
        let names: Vec<_> = all.iter().map(|p| p.strip_prefix(&dir).unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["dangling.txt", "pipe.txt", "sub/loop"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn folders_are_walked_sorted_and_filtered() {
        let dir = std::env::temp_dir().join(format!("trialex-batch-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("b")).unwrap();
        for name in ["b/z.txt", "a.pdf", "c.txt", "notes.json"] {
            std::fs::write(dir.join(name), "x").unwrap();
        }
        let all = expand_inputs(std::slice::from_ref(&dir), None).unwrap();
        let names: Vec<_> = all.iter().map(|p| p.strip_prefix(&dir).unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["a.pdf", "b/z.txt", "c.txt"]);
        let pdfs = expand_inputs(std::slice::from_ref(&dir), Some("*.pdf")).unwrap();
        assert_eq!(pdfs.len(), 1);
        assert!(expand_inputs(std::slice::from_ref(&dir), Some("[")).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn output_paths_are_unique_and_spare_what_is_reserved_and_given() {
        let dir = std::env::temp_dir().join(format!("trialex-batch-names-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        // An input that lives in the output folder under the name its page would take.
        let input_there = dir.join("c.txt.html");
        std::fs::write(&input_there, "x").unwrap();
        let inputs: Vec<PathBuf> =
            ["a/review.txt", "b/review.txt", "index", "c.txt.html"].iter().map(PathBuf::from).collect();
        let inputs = [&inputs[..3], std::slice::from_ref(&input_there)].concat();
        let reserved = [dir.join("index.html")];
        let got = output_paths(&dir, &inputs, "html", &reserved, &[]);
        let names: Vec<_> = got.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["review.txt.html", "review.txt~2.html", "index~2.html", "c.txt.html.html"]);
        // The input named like the page of `c.txt` keeps its file: `c.txt` gets the next name.
        let got = output_paths(&dir, &[PathBuf::from("c.txt"), input_there.clone()], "html", &[], &[]);
        assert_eq!(got[0], dir.join("c.txt~2.html"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn missing_files_are_kept_as_inputs() {
        let got = expand_inputs(&[PathBuf::from("/nonexistent/x.txt")], None).unwrap();
        assert_eq!(got, [PathBuf::from("/nonexistent/x.txt")]);
    }
}
