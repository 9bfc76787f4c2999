//! `trialex`: extract clinical studies of stem-cell therapy for liver disease from review
//! articles (Chinese and English, text and PDF) into validated JSON.
//!
//! Exit codes: 0 when every document was read and nothing is an error; 1 when any document
//! could not be read or any diagnostic is an error; 2 for a usage error (bad arguments).

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use trialex_core::batch;
use trialex_core::output::{Format, Writer};
use trialex_core::{Options, StageTimes};
use trialex_model::{Diagnostic, DocumentOutput, Severity};

const EXIT_PROBLEMS: u8 = 1;
const EXIT_USAGE: u8 = 2;

#[derive(Parser)]
#[command(
    name = "trialex",
    version,
    about = "Extract the clinical studies a review article reports into validated JSON",
    long_about = "trialex reads review articles about stem-cell therapy for liver disease (Chinese and \
English; plain text in UTF-8, UTF-16 or GBK, and PDF) and writes every clinical study they report as a \
structured record: condition, cells, dose, route, follow-up, outcome findings, patient count and the \
citation resolved against the bibliography, each with the exact source span it came from.",
    after_help = "Exit codes: 0 all documents read without errors; 1 a document could not be read or has \
an error diagnostic; 2 usage error.\n\nExamples:\n  trialex extract review.txt\n  trialex extract papers/ \
--format jsonl -o studies.jsonl\n  trialex validate studies.jsonl\n  trialex normalize dose '0.5 × 106/kg'"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract studies from documents (files or folders) into JSON.
    #[command(after_help = "One input gives one pretty JSON object; several (or a folder) give JSON Lines, \
one document a line, in input order (folders walked in sorted order), or with --format json one JSON \
array. Without --format, an output file's extension (.json, .jsonl, .csv) names the format. A document \
that cannot be read (missing, not a regular file, larger than --max-bytes, past --timeout) still gets \
its line, with an error diagnostic. The output file may not be one of the inputs.")]
    Extract(ExtractArgs),
    /// Check JSON or JSON Lines output against the schema and the semantic rules.
    #[command(after_help = "Prints each problem with its document and study id. When a document's file \
is still at its recorded path with the same SHA-256, spans are checked against its text. Exits 1 when \
any problem is an error.")]
    Validate(ValidateArgs),
    /// Print the JSON Schema (draft 2020-12) of the output.
    Schema,
    /// Normalize one value from the command line and print it as SPEC.md JSON.
    #[command(after_help = "Examples:\n  trialex normalize dose '(1.0~10.0)×10⁵/kg'\n  trialex normalize \
duration '5 ~ 17 个月'\n  trialex normalize outcome 'ALB 升高, TBIL 下降, MELD 评分降低'\n\nExits 1 with a \
message when nothing could be read.")]
    Normalize(NormalizeArgs),
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Documents or folders (text: .txt .md; PDF: .pdf). Folders are walked recursively.
    #[arg(required = true, value_name = "FILE_OR_DIR")]
    inputs: Vec<PathBuf>,
    /// Output format [default: the extension of -o, else json for one input file, jsonl
    /// otherwise]. json with several inputs writes one JSON array.
    #[arg(long, value_enum)]
    format: Option<OutputFormat>,
    /// Write the output here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Only documents whose path or file name matches this glob (e.g. '*.pdf').
    #[arg(long, value_name = "GLOB")]
    glob: Option<String>,
    /// Documents processed in parallel [default: all cores].
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// Give up on a document after this many seconds, reading included (it gets an error line).
    #[arg(long, value_name = "SECS")]
    timeout: Option<f64>,
    /// Largest input file read, in bytes, or with a K, M or G suffix (powers of 1024); a larger
    /// one gets an error line.
    #[arg(long, value_name = "BYTES", default_value = "256M", value_parser = parse_size)]
    max_bytes: u64,
    /// Password of encrypted PDFs (the empty password is always tried).
    #[arg(long)]
    password: Option<String>,
    /// Write each document's text (decoded or extracted from the PDF) into this folder, so
    /// spans can be checked against it: `<file name>.txt`, or `<file name>~2.txt` … for
    /// inputs that share a file name.
    #[arg(long, value_name = "DIR")]
    text_out: Option<PathBuf>,
    /// No progress bar and no summary line.
    #[arg(short, long)]
    quiet: bool,
    /// Print the time spent in each stage (read, extract, normalize, validate, write) at the end.
    #[arg(long)]
    stats: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    /// One pretty JSON object (one document), or one JSON array of them (several).
    Json,
    /// JSON Lines: one document object a line.
    Jsonl,
    /// CSV: one row per study, every field flattened.
    Csv,
}

#[derive(clap::Args)]
struct ValidateArgs {
    /// JSON (one document object, or an array) or JSON Lines files.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct NormalizeArgs {
    /// What the text is.
    #[arg(value_enum)]
    kind: Kind,
    /// The text to read.
    text: String,
}

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    /// A dose: `3.2×10⁷`, `(1.0~10.0)×10 ⁵ /kg`, `每次约1.2亿个`.
    Dose,
    /// A follow-up duration: `48 周`, `5 ~ 17 个月`, `3-6 months`.
    Duration,
    /// Routes: `外周或门静脉`, `hepatic artery`.
    Route,
    /// Cells: `UC-MSCs`, `G-CSF 动员的 BMSCs`.
    Cell,
    /// A condition: `乙型肝炎肝衰竭`, `decompensated HBV cirrhosis`.
    Condition,
    /// Outcome findings: `ALB 升高, MELD 评分降低`.
    Outcome,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Extract(args) => extract(args),
        Command::Validate(args) => validate(args),
        Command::Schema => schema(),
        Command::Normalize(args) => normalize(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("trialex: error: {e:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// `256M` → 268435456: a byte count with an optional K, M or G suffix (powers of 1024).
fn parse_size(text: &str) -> std::result::Result<u64, String> {
    let text = text.trim();
    let (digits, scale) = match text.char_indices().last() {
        Some((at, c)) if c.is_ascii_alphabetic() => {
            let scale = match c.to_ascii_uppercase() {
                'K' => 1u64 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                _ => return Err(format!("'{text}': the suffix must be K, M or G")),
            };
            (&text[..at], scale)
        }
        _ => (text, 1),
    };
    let n: u64 = digits.trim().parse().map_err(|_| format!("'{text}' is not a number of bytes"))?;
    n.checked_mul(scale).filter(|&n| n > 0).ok_or_else(|| format!("'{text}' is not a usable number of bytes"))
}

/// The output format: as asked, else as the output file's extension says, else JSON for one
/// input file and JSON Lines for several; JSON of several documents is one array.
fn output_format(args: &ExtractArgs) -> Format {
    let single_file = args.inputs.len() == 1 && !args.inputs[0].is_dir();
    let asked = match args.format {
        Some(OutputFormat::Json) => Some(Format::Json),
        Some(OutputFormat::Jsonl) => Some(Format::Jsonl),
        Some(OutputFormat::Csv) => Some(Format::Csv),
        None => args.output.as_deref().and_then(Format::of_path),
    };
    match asked {
        Some(Format::Json) if !single_file => Format::JsonArray,
        Some(format) => format,
        None if single_file => Format::Json,
        None => Format::Jsonl,
    }
}

/// The same file as `a` (by device and inode, so links and other spellings count), when both exist.
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let paths = batch::expand_inputs(&args.inputs, args.glob.as_deref())?;
    let format = output_format(&args);
    let timeout = match args.timeout {
        Some(secs) if secs.is_finite() && secs > 0.0 => Some(Duration::from_secs_f64(secs)),
        Some(secs) => anyhow::bail!("--timeout must be a positive number of seconds, not {secs}"),
        None => None,
    };
    if let Some(output) = &args.output
        && let Some(input) = paths.iter().find(|input| same_file(input, output))
    {
        anyhow::bail!(
            "the output file {} is the input {}: writing would destroy it; choose another -o",
            output.display(),
            input.display()
        );
    }
    let text_names = match &args.text_out {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the --text-out folder {}", dir.display()))?;
            text_out_paths(dir, &paths, args.output.as_deref())
        }
        None => Vec::new(),
    };
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)).max(1);
    let options = Options { password: args.password.clone(), timeout, max_bytes: args.max_bytes };

    let sink: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("cannot create the output file {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let mut writer = Writer::new(sink, format);
    let mut write_error: Option<io::Error> = writer.begin().err();

    let bar = progress_bar(paths.len() as u64, args.quiet);
    let started = Instant::now();
    let mut summary = Summary::default();
    let mut stages = StageTimes::default();
    let mut write_time = Duration::ZERO;
    let mut input_bytes = 0u64;
    batch::run(&paths, &options, jobs, |index, processed| {
        if write_error.is_some() {
            return ControlFlow::Break(());
        }
        stages += processed.timings;
        input_bytes += processed.text.as_ref().map_or(0, |t| t.text.len() as u64);
        let write_started = Instant::now();
        if let (Some(path), Some(text)) = (text_names.get(index), &processed.text)
            && let Err(e) = std::fs::write(path, &text.text)
        {
            bar.suspend(|| eprintln!("trialex: warning: cannot write {}: {e}", path.display()));
        }
        if let Err(e) = writer.write(&processed.output) {
            write_error = Some(e);
            return ControlFlow::Break(());
        }
        summary.add(&processed.output);
        write_time += write_started.elapsed();
        bar.set_message(format!("{} with errors", summary.failed.len()));
        bar.inc(1);
        ControlFlow::Continue(())
    });
    bar.finish_and_clear();
    if write_error.is_none() {
        write_error = writer.end().err();
    }
    drop(writer);
    match write_error {
        // The reader went away (`trialex extract dir | head -1`): what was written stands.
        Some(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Some(e) => return Err(e).context("cannot write the output"),
        None => {}
    }
    let elapsed = started.elapsed().as_secs_f64();
    if !args.quiet {
        eprintln!(
            "trialex: {} documents, {} studies, {}, {elapsed:.2} s",
            summary.documents,
            summary.studies,
            summary.failed_line()
        );
    }
    if args.stats {
        // Stage times are summed over worker threads (CPU time in each stage), wall time is the whole run.
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        eprintln!(
            "trialex: stats: jobs {jobs}, wall {:.1} ms, {:.1} docs/s, {:.2} MB/s of text; stage totals: read {:.1} ms, \
             extract {:.1} ms, normalize {:.1} ms, validate {:.1} ms, write {:.1} ms",
            elapsed * 1000.0,
            summary.documents as f64 / elapsed.max(1e-9),
            input_bytes as f64 / 1e6 / elapsed.max(1e-9),
            ms(stages.read),
            ms(stages.extract),
            ms(stages.normalize),
            ms(stages.validate),
            ms(write_time)
        );
    }
    Ok(ExitCode::from(if summary.failed.is_empty() { 0 } else { EXIT_PROBLEMS }))
}

/// How many documents with errors the summary line names before saying how many more.
const FAILED_NAMED: usize = 3;

#[derive(Default)]
struct Summary {
    documents: usize,
    studies: usize,
    /// The paths of the documents with errors.
    failed: Vec<String>,
}

impl Summary {
    fn add(&mut self, doc: &DocumentOutput) {
        self.documents += 1;
        self.studies += doc.studies.len();
        if doc.has_errors() {
            self.failed.push(doc.document.path.clone());
        }
    }

    /// `2 with errors (a.txt, b.pdf)`, `5 with errors (a, b, c and 2 more)`.
    fn failed_line(&self) -> String {
        let count = self.failed.len();
        if count == 0 {
            return "0 with errors".to_string();
        }
        let named = self.failed.iter().take(FAILED_NAMED).map(String::as_str).collect::<Vec<_>>().join(", ");
        let more = count.saturating_sub(FAILED_NAMED);
        let more = if more > 0 { format!(" and {more} more") } else { String::new() };
        format!("{count} with errors ({named}{more})")
    }
}

/// A bar on standard error when it is a terminal, hidden otherwise.
fn progress_bar(total: u64, quiet: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} docs, {rate}, ETA {eta}, {msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .with_key("rate", |state: &ProgressState, w: &mut dyn std::fmt::Write| {
        let _ = write!(w, "{:.1} docs/s", state.per_sec());
    });
    bar.set_style(style);
    bar.set_message("0 with errors");
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// The `--text-out` file of each input: `DIR/<file name>.txt`, and for a file name met again
/// (`a/review.txt` and `b/review.txt`) `DIR/<file name>~2.txt`, `~3` …; never the path of an
/// input or of the output file, so nothing given is overwritten.
fn text_out_paths(dir: &Path, inputs: &[PathBuf], output: Option<&Path>) -> Vec<PathBuf> {
    let mut taken: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    let given: Vec<&Path> = inputs.iter().map(PathBuf::as_path).chain(output).collect();
    inputs
        .iter()
        .map(|input| {
            let name = input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "document".into());
            let path = (1..)
                .map(|n| if n == 1 { dir.join(format!("{name}.txt")) } else { dir.join(format!("{name}~{n}.txt")) })
                .find(|path| !taken.contains(path) && !given.iter().any(|g| same_file(g, path)))
                .unwrap_or_else(|| dir.join(format!("{name}.txt")));
            taken.insert(path.clone());
            path
        })
        .collect()
}

fn validate(args: ValidateArgs) -> Result<ExitCode> {
    let mut errors = 0usize;
    let mut problems = 0usize;
    let mut documents = 0usize;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for file in &args.files {
        let reader = match File::open(file) {
            Ok(f) => BufReader::new(f),
            Err(e) => {
                writeln!(out, "{}: error: cannot read the file: {e}", file.display())?;
                errors += 1;
                continue;
            }
        };
        let before = documents;
        let read = for_each_document(file, reader, |place, value| {
            documents += 1;
            let (name, diagnostics) = match value {
                Ok(value) => {
                    let name = value
                        .pointer("/document/path")
                        .and_then(|v| v.as_str())
                        .map(str::to_string)
                        .unwrap_or_else(|| place.clone());
                    let text = source_text_of(&value);
                    (name, trialex_validator::validate_value(&value, text.as_deref()))
                }
                Err(why) => (place.clone(), vec![Diagnostic::error("json.invalid", why)]),
            };
            for d in &diagnostics {
                problems += 1;
                if d.severity == Severity::Error {
                    errors += 1;
                }
                let study = d.study.as_deref().map(|s| format!(" [{s}]")).unwrap_or_default();
                let _ = writeln!(out, "{place}: {name}{study}: {}: {}: {}", d.severity.as_str(), d.code, d.message);
            }
        });
        if let Err(e) = read {
            writeln!(out, "{}: error: cannot read the file: {e:#}", file.display())?;
            errors += 1;
        } else if documents == before {
            // An empty output is no valid output: every run writes a line per document.
            writeln!(out, "{}: error: input.empty: the file holds no document", file.display())?;
            errors += 1;
        }
    }
    eprintln!("trialex: {documents} documents checked, {problems} problems, {errors} errors");
    Ok(ExitCode::from(if errors > 0 { EXIT_PROBLEMS } else { 0 }))
}

/// Calls `each(place, document)` for every document of a JSON or JSON Lines file (a document
/// object, an array of them, or one a line), streaming line by line for JSON Lines.
fn for_each_document(
    file: &Path,
    mut reader: impl BufRead,
    mut each: impl FnMut(String, std::result::Result<serde_json::Value, String>),
) -> Result<()> {
    let mut first = String::new();
    // Read until the first non-blank line to tell JSON Lines from one (pretty) JSON value.
    let mut line_no = 0usize;
    while first.trim().is_empty() {
        first.clear();
        if reader.read_line(&mut first)? == 0 {
            return Ok(());
        }
        line_no += 1;
    }
    match serde_json::from_str::<serde_json::Value>(first.trim()) {
        // One array on one line: its documents.
        Ok(serde_json::Value::Array(items)) => {
            for (i, item) in items.into_iter().enumerate() {
                each(format!("{}[{i}]", file.display()), Ok(item));
            }
            return Ok(());
        }
        Ok(value) => each(format!("{}:{line_no}", file.display()), Ok(value)),
        Err(_) => return each_of_one_value(file, first, reader, each),
    }
    for line in reader.lines() {
        line_no += 1;
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let place = format!("{}:{line_no}", file.display());
        each(place, serde_json::from_str(&line).map_err(|e| format!("not JSON: {e}")));
    }
    Ok(())
}

/// The documents of a file that holds one JSON value over several lines (`first` is its
/// first line): a document object, or an array of them.
fn each_of_one_value(
    file: &Path,
    first: String,
    mut reader: impl BufRead,
    mut each: impl FnMut(String, std::result::Result<serde_json::Value, String>),
) -> Result<()> {
    let mut rest = first;
    reader.read_to_string(&mut rest)?;
    match serde_json::from_str::<serde_json::Value>(&rest) {
        Ok(serde_json::Value::Array(items)) => {
            for (i, item) in items.into_iter().enumerate() {
                each(format!("{}[{i}]", file.display()), Ok(item));
            }
        }
        Ok(value) => each(file.display().to_string(), Ok(value)),
        Err(e) => each(file.display().to_string(), Err(format!("not JSON or JSON Lines: {e}"))),
    }
    Ok(())
}

/// The text a document's spans point into, when its file is still where the output says and
/// has the same SHA-256 (text files only: a PDF's text is what `--text-out` wrote).
fn source_text_of(value: &serde_json::Value) -> Option<String> {
    let path = value.pointer("/document/path")?.as_str()?;
    let sha = value.pointer("/document/sha256")?.as_str()?;
    if value.pointer("/document/format")?.as_str()? != "text" {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    if trialex_core::sha256_hex(&bytes) != sha {
        return None;
    }
    trialex_core::decode_text(&bytes).ok().map(|t| t.text)
}

fn schema() -> Result<ExitCode> {
    let schema = trialex_validator::schema();
    println!("{}", serde_json::to_string_pretty(&schema)?);
    Ok(ExitCode::SUCCESS)
}

fn normalize(args: NormalizeArgs) -> Result<ExitCode> {
    use trialex_normalizer as n;
    let text = args.text.as_str();
    let (json, diagnostics) = match args.kind {
        Kind::Dose => as_json(n::dose(text))?,
        Kind::Duration => as_json(n::follow_up(text))?,
        Kind::Route => as_json(n::route(text))?,
        Kind::Cell => as_json(n::cell(text))?,
        Kind::Condition => as_json(n::condition(text))?,
        Kind::Outcome => as_json(n::outcome(text))?,
    };
    println!("{}", serde_json::to_string_pretty(&json)?);
    for d in &diagnostics {
        eprintln!("trialex: {}: {}: {}", d.severity.as_str(), d.code, d.message);
    }
    // Something was read when any field besides `raw` has a value.
    let read_something = json.as_object().is_some_and(|fields| {
        fields.iter().any(|(name, v)| name != "raw" && !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()))
    });
    if !read_something {
        eprintln!("trialex: nothing could be read in '{text}'");
        return Ok(ExitCode::from(EXIT_PROBLEMS));
    }
    Ok(ExitCode::SUCCESS)
}

fn as_json<T: serde::Serialize>(
    reading: trialex_normalizer::Reading<T>,
) -> Result<(serde_json::Value, Vec<Diagnostic>)> {
    Ok((serde_json::to_value(&reading.value)?, reading.diagnostics))
}
