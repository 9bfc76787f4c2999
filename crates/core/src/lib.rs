//! The trialex pipeline: one document from bytes to a validated [`DocumentOutput`], and
//! batches of documents in parallel with stable output order.
//!
//! The stages, each in its own crate:
//!
//! 0. **input**: only a regular file, at most `Options::max_bytes` of it, under the same
//!    deadline as the rest (`read` module: FIFOs, devices and link loops get their error line);
//! 1. **read**: bytes → [`DocumentText`] (`trialex_extractor::text` for text files,
//!    `trialex_pdf` for PDFs); the bytes are freed once decoded;
//! 2. **extract**: text → candidate studies with raw strings and spans, and the bibliography
//!    (`trialex_extractor`);
//! 3. **normalize**: every raw field → its SPEC.md value ([`assemble`], through
//!    `trialex_normalizer`);
//! 4. **validate**: schema and semantic rules (`trialex_validator`).
//!
//! Nothing is dropped silently: a document that cannot be read still gets its output with an
//! `error` diagnostic, and a value that cannot be normalized keeps its raw text and gets a
//! diagnostic.
//!
//! Memory follows the document, not its studies squared: the bytes go once decoded, the
//! validator looks at one study at a time, and the candidates are consumed as the studies are
//! built (peak ≈ 3–4 × the text plus a constant; BENCHMARKS.md).

pub mod assemble;
pub mod batch;
pub mod output;
mod read;

use std::path::Path;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};
use trialex_model::{Diagnostic, DocumentFormat, DocumentInfo, DocumentOutput, DocumentText};

pub use assemble::assemble;
pub use read::DEFAULT_MAX_BYTES;
pub use trialex_extractor::text::decode as decode_text;

/// How documents are read.
#[derive(Debug, Clone)]
pub struct Options {
    /// Password for encrypted PDFs (the empty password is always tried).
    pub password: Option<String>,
    /// Longest time one document may take, reading included; past it the document gets an
    /// error line.
    pub timeout: Option<Duration>,
    /// Largest file read, in bytes; a larger one gets an error line.
    pub max_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options { password: None, timeout: None, max_bytes: DEFAULT_MAX_BYTES }
    }
}

/// A processed document with the text its spans point into.
#[derive(Debug, Clone)]
pub struct Processed {
    pub output: DocumentOutput,
    /// The document text (decoded or extracted), when it could be read.
    pub text: Option<DocumentText>,
    /// Time spent in each stage.
    pub timings: StageTimes,
}

/// Time spent in each stage of the pipeline, for `--stats` and the benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StageTimes {
    /// Reading the file and decoding or extracting its text.
    pub read: Duration,
    /// Finding candidate studies and the bibliography.
    pub extract: Duration,
    /// Normalizing every raw field.
    pub normalize: Duration,
    /// Checking the semantic rules.
    pub validate: Duration,
}

impl std::ops::AddAssign for StageTimes {
    fn add_assign(&mut self, other: Self) {
        self.read += other.read;
        self.extract += other.extract;
        self.normalize += other.normalize;
        self.validate += other.validate;
    }
}

/// Reads and processes the file at `path`. Never panics; every failure is a diagnostic.
///
/// The deadline of `options.timeout` covers the reading too: a file on a stalled disk gets
/// its error line like a document that takes too long to extract.
pub fn process_file(path: &Path, options: &Options) -> Processed {
    let result = match options.timeout {
        Some(limit) => {
            let (path, options) = (path.to_path_buf(), options.clone());
            run_with_timeout(move || read_and_process(&path, &options), limit)
        }
        None => catch_panic(|| read_and_process(path, options)),
    };
    result.unwrap_or_else(|why| failed(unread_info(path), &why))
}

fn read_and_process(path: &Path, options: &Options) -> Processed {
    let started = Instant::now();
    match read::read_input(path, options.max_bytes) {
        Ok(bytes) => {
            let io_time = started.elapsed();
            let info = info_of(path.display().to_string(), &bytes);
            // The bytes are handed over, so they are freed once decoded.
            let mut processed = pipeline(info, bytes, options);
            processed.timings.read += io_time;
            processed
        }
        Err(why) => {
            let mut processed = failed(unread_info(path), &why);
            processed.timings.read = started.elapsed();
            processed
        }
    }
}

/// What is known of a document whose bytes were not read.
fn unread_info(path: &Path) -> DocumentInfo {
    DocumentInfo {
        path: path.display().to_string(),
        sha256: String::new(),
        format: format_of(path, &[]),
        language: None,
        pages: None,
        encoding: None,
    }
}

fn info_of(label: String, bytes: &[u8]) -> DocumentInfo {
    let format = format_of(Path::new(&label), bytes);
    DocumentInfo { path: label, sha256: sha256_hex(bytes), format, language: None, pages: None, encoding: None }
}

/// The output of a document that failed as a whole: no studies, one error naming the file.
fn failed(info: DocumentInfo, why: &Failure) -> Processed {
    let message = format!("{}: {}", info.path, why.message);
    let mut output = DocumentOutput::new(info);
    output.diagnostics.push(Diagnostic::error(why.code, message));
    Processed { output, text: None, timings: StageTimes::default() }
}

/// Processes a document's bytes; `label` is the path written in the output.
pub fn process_bytes(label: &str, bytes: &[u8], options: &Options) -> Processed {
    let info = info_of(label.to_string(), bytes);
    let result = match options.timeout {
        // Only a document run on its own thread needs its own copy of the bytes.
        Some(limit) => {
            let (info, bytes, options) = (info.clone(), bytes.to_vec(), options.clone());
            run_with_timeout(move || pipeline(info, bytes, &options), limit)
        }
        None => catch_panic(|| pipeline(info.clone(), bytes, options)),
    };
    result.unwrap_or_else(|why| failed(info, &why))
}

/// Why a document as a whole has no output but its error line.
pub(crate) struct Failure {
    pub(crate) code: &'static str,
    pub(crate) message: String,
}

fn catch_panic(run: impl FnOnce() -> Processed) -> Result<Processed, Failure> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).map_err(|payload| Failure {
        code: "internal.panic",
        message: format!("processing failed unexpectedly: {}", panic_message(&payload)),
    })
}

/// Runs `run` on its own thread and gives up waiting after `limit`. A document that hangs
/// leaves its thread behind (Rust cannot kill a thread) but the batch goes on.
fn run_with_timeout(run: impl FnOnce() -> Processed + Send + 'static, limit: Duration) -> Result<Processed, Failure> {
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new().name("trialex-document".into()).spawn(move || {
        let _ = tx.send(catch_panic(run));
    });
    if let Err(e) = spawned {
        return Err(Failure { code: "internal.thread", message: format!("cannot start a worker thread: {e}") });
    }
    match rx.recv_timeout(limit) {
        Ok(result) => result,
        Err(_) => Err(Failure {
            code: "input.timeout",
            message: format!("processing took longer than {} s and was abandoned", limit.as_secs_f64()),
        }),
    }
}

fn panic_message(payload: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Reads, extracts, normalizes and validates one document. The bytes are dropped as soon as
/// the text is read from them (when they are owned), so a long text is not held twice.
fn pipeline(mut info: DocumentInfo, bytes: impl AsRef<[u8]>, options: &Options) -> Processed {
    let label = info.path.clone();
    let mut diagnostics = Vec::new();
    let mut timings = StageTimes::default();
    let mut clock = Instant::now();
    let mut lap = || {
        let now = Instant::now();
        let elapsed = now - clock;
        clock = now;
        elapsed
    };
    let text = match info.format {
        DocumentFormat::Pdf => read_pdf(&label, bytes.as_ref(), options, &mut info, &mut diagnostics),
        DocumentFormat::Text => read_text(&label, bytes.as_ref(), &mut info, &mut diagnostics),
    };
    drop(bytes);
    timings.read = lap();
    let Some(text) = text else {
        let mut output = DocumentOutput::new(info);
        output.diagnostics = diagnostics;
        return Processed { output, text: None, timings };
    };
    let extraction = trialex_extractor::extract(&text);
    timings.extract = lap();
    info.language = extraction.language;
    let mut output = DocumentOutput::new(info);
    output.diagnostics = diagnostics;
    assemble(&text, extraction, &mut output);
    timings.normalize = lap();
    let problems = trialex_validator::check(&output, Some(&text.text));
    output.diagnostics.extend(problems);
    timings.validate = lap();
    Processed { output, text: Some(text), timings }
}

fn read_text(
    label: &str,
    bytes: &[u8],
    info: &mut DocumentInfo,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<DocumentText> {
    match trialex_extractor::text::decode(bytes) {
        Ok(text) => {
            info.encoding = text.encoding.clone();
            if text.text.trim().is_empty() {
                diagnostics.push(Diagnostic::warning("input.empty", format!("{label}: the document has no text")));
            }
            Some(text)
        }
        Err(e) => {
            diagnostics.push(Diagnostic::error("input.not_text", format!("{label}: {e}")));
            None
        }
    }
}

fn read_pdf(
    label: &str,
    bytes: &[u8],
    options: &Options,
    info: &mut DocumentInfo,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<DocumentText> {
    match trialex_pdf::extract(bytes, options.password.as_deref()) {
        Ok(pdf) => {
            info.pages = Some(pdf.pages);
            for (page, why) in &pdf.page_errors {
                let message = format!("{label}: page {page} could not be read (the other pages were): {why}");
                diagnostics.push(Diagnostic::warning("pdf.page_failed", message));
            }
            for page in &pdf.pages_without_text {
                let message =
                    format!("{label}: no text layer: page {page} needs OCR (its content is not in the output)");
                diagnostics.push(Diagnostic::warning("pdf.page_no_text", message));
            }
            Some(DocumentText { text: pdf.text, page_starts: pdf.page_starts, encoding: None })
        }
        Err(e) => {
            diagnostics.push(Diagnostic::error(pdf_error_code(&e), format!("{label}: {e}")));
            None
        }
    }
}

fn pdf_error_code(e: &trialex_pdf::PdfError) -> &'static str {
    use trialex_pdf::PdfError::*;
    match e {
        NotPdf(_) => "pdf.not_pdf",
        Corrupt(_) => "pdf.corrupt",
        Encrypted => "pdf.encrypted",
        NoTextLayer { .. } => "pdf.no_text",
        Panic(_) => "pdf.reader_failed",
    }
}

/// PDF when the bytes or the name say so (a `.pdf` that is not one gets the PDF reader's
/// clear "not a PDF" error rather than being read as text).
fn format_of(path: &Path, bytes: &[u8]) -> DocumentFormat {
    let named_pdf = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if bytes.starts_with(b"%PDF") || named_pdf { DocumentFormat::Pdf } else { DocumentFormat::Text }
}

/// Lowercase hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_file_gets_an_error_line() {
        let p = process_file(Path::new("/nonexistent/dir/review.txt"), &Options::default());
        assert!(p.output.studies.is_empty());
        assert_eq!(p.output.diagnostics[0].code, "input.unreadable");
        assert!(p.output.diagnostics[0].message.contains("/nonexistent/dir/review.txt"));
        assert!(p.output.has_errors());
    }

    #[test]
    fn empty_text_is_a_warning_not_an_error() {
        let p = process_bytes("empty.txt", b"", &Options::default());
        assert!(!p.output.has_errors());
        assert_eq!(p.output.diagnostics[0].code, "input.empty");
    }

    #[test]
    fn a_pdf_is_known_by_its_magic_bytes() {
        assert_eq!(format_of(Path::new("x.bin"), b"%PDF-1.5"), DocumentFormat::Pdf);
        assert_eq!(format_of(Path::new("x.txt"), b"hello"), DocumentFormat::Text);
        assert_eq!(format_of(Path::new("x.PDF"), b"hello"), DocumentFormat::Pdf);
    }

    #[test]
    fn sha256_is_lowercase_hex() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn timeout_abandons_a_hanging_document() {
        let r = run_with_timeout(
            || {
                std::thread::sleep(Duration::from_secs(5));
                unreachable!()
            },
            Duration::from_millis(20),
        );
        assert_eq!(r.err().map(|f| f.code), Some("input.timeout"));
    }

    #[test]
    fn a_panic_becomes_a_failure() {
        let r = catch_panic(|| panic!("boom"));
        let Err(f) = r else { panic!("a panic must become a failure") };
        assert_eq!(f.code, "internal.panic");
        assert!(f.message.contains("boom"));
    }
}
