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
use trialex_core::batch::{self, same_file};
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
--format jsonl -o studies.jsonl\n  trialex review papers/ -o review/\n  trialex validate studies.jsonl\n  trialex normalize dose '0.5 × 106/kg'"
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
    /// Write a review: one HTML page per document with every study and field highlighted in
    /// its text, beside a table of the studies, and an index of the batch.
    #[command(after_help = "Writes into DIR: index.html (every document with its studies, errors and \
warnings, linked to its page; studies by condition × cell type; doses in cells/kg; the documents with \
errors or with no study), one page per document (<file name>.html, or <file name>~2.html … for inputs \
that share a file name), and the output the pages show: studies.jsonl and studies.csv. The pages are \
self-contained (inline style and script, nothing fetched): open index.html in a browser, from disk or \
as a CI artifact. Exit codes as for extract.\n\nExample:\n  trialex review papers/ -o review/")]
    Review(ReviewArgs),
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
    #[command(flatten)]
    read: ReadArgs,
    /// Write each document's text (decoded or extracted from the PDF) into this folder, so
    /// spans can be checked against it: `<file name>.txt`, or `<file name>~2.txt` … for
    /// inputs that share a file name.
    #[arg(long, value_name = "DIR")]
    text_out: Option<PathBuf>,
    /// Start the CSV with a UTF-8 byte order mark, so that a spreadsheet on Windows shows
    /// Chinese right (CSV only: JSON has no BOM).
    #[arg(long)]
    bom: bool,
    /// Print the time spent in each stage (read, extract, normalize, validate, write) at the end.
    #[arg(long)]
    stats: bool,
}

/// How the documents of a run are found and read (`extract` and `review` alike).
#[derive(clap::Args)]
struct ReadArgs {
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
    /// No progress bar and no summary line.
    #[arg(short, long)]
    quiet: bool,
}

impl ReadArgs {
    /// The documents named (folders walked, the glob applied).
    fn inputs(&self, inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
        Ok(batch::expand_inputs(inputs, self.glob.as_deref())?)
    }

    /// How each document is read.
    fn options(&self) -> Result<Options> {
        let timeout = match self.timeout {
            Some(secs) if secs.is_finite() && secs > 0.0 => Some(Duration::from_secs_f64(secs)),
            Some(secs) => anyhow::bail!("--timeout must be a positive number of seconds, not {secs}"),
            None => None,
        };
        Ok(Options { password: self.password.clone(), timeout, max_bytes: self.max_bytes })
    }

    /// Documents processed at once.
    fn jobs(&self) -> usize {
        self.jobs.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)).max(1)
    }
}

#[derive(clap::Args)]
struct ReviewArgs {
    /// Documents or folders (text: .txt .md; PDF: .pdf). Folders are walked recursively.
    #[arg(required = true, value_name = "FILE_OR_DIR")]
    inputs: Vec<PathBuf>,
    /// The folder to write the review into (created if missing).
    #[arg(short, long, value_name = "DIR", required = true)]
    output: PathBuf,
    #[command(flatten)]
    read: ReadArgs,
    /// Start the folder's studies.csv with a UTF-8 byte order mark (for spreadsheets on Windows).
    #[arg(long)]
    bom: bool,
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
        Command::Review(args) => review(args),
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

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let paths = args.read.inputs(&args.inputs)?;
    let format = output_format(&args);
    let options = args.read.options()?;
    if args.bom && format != Format::Csv {
        anyhow::bail!("--bom is for CSV output (JSON is written without a byte order mark)");
    }
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
    let jobs = args.read.jobs();

    let sink: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("cannot create the output file {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let (mut writer, mut write_error) = match format {
        Format::Csv => match Writer::new_csv(sink, args.bom) {
            Ok(writer) => (writer, None),
            Err(e) => return Err(e).context("cannot write the output"),
        },
        _ => (Writer::new(sink, format), None),
    };
    if let Err(e) = writer.begin() {
        write_error = Some(e);
    }

    let bar = progress_bar(paths.len() as u64, args.read.quiet);
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
    if !args.read.quiet {
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

/// The files `trialex review` writes beside the pages, with what they are.
const REVIEW_FILES: [(&str, &str); 2] =
    [("studies.jsonl", "JSON Lines, one document a line"), ("studies.csv", "CSV, one row per study")];

fn review(args: ReviewArgs) -> Result<ExitCode> {
    let paths = args.read.inputs(&args.inputs)?;
    let options = args.read.options()?;
    let dir = &args.output;
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!("-o {}: the review is a folder, and this is a file; choose another -o", dir.display());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create the review folder {}", dir.display()))?;
    let fixed: Vec<PathBuf> =
        [trialex_review::INDEX, REVIEW_FILES[0].0, REVIEW_FILES[1].0].iter().map(|name| dir.join(name)).collect();
    for path in &fixed {
        if let Some(input) = paths.iter().find(|input| same_file(input, path)) {
            anyhow::bail!(
                "{} is the input {}: writing the review would destroy it; choose another -o",
                path.display(),
                input.display()
            );
        }
    }
    // Each document's page, never over an input nor over the files above.
    let pages = batch::output_paths(dir, &paths, "html", &fixed, &[]);
    let create = |path: &Path| -> Result<BufWriter<File>> {
        Ok(BufWriter::new(File::create(path).with_context(|| format!("cannot create {}", path.display()))?))
    };
    let mut json = Writer::new(create(&fixed[1])?, Format::Jsonl);
    let mut csv = Writer::new_csv(create(&fixed[2])?, args.bom)
        .and_then(|mut w| w.begin().map(|()| w))
        .with_context(|| format!("cannot write {}", fixed[2].display()))?;
    let mut review = trialex_review::Review::new(dir);

    let bar = progress_bar(paths.len() as u64, args.read.quiet);
    let started = Instant::now();
    let mut summary = Summary::default();
    let mut failure: Option<anyhow::Error> = None;
    batch::run(&paths, &options, args.read.jobs(), |index, processed| {
        let written = review
            .add(&processed.output, processed.text.as_ref(), &pages[index])
            .context("cannot write a page")
            .and_then(|_| json.write(&processed.output).with_context(|| format!("cannot write {}", fixed[1].display())))
            .and_then(|()| {
                csv.write(&processed.output).with_context(|| format!("cannot write {}", fixed[2].display()))
            });
        if let Err(e) = written {
            failure = Some(e);
            return ControlFlow::Break(());
        }
        summary.add(&processed.output);
        bar.set_message(format!("{} with errors", summary.failed.len()));
        bar.inc(1);
        ControlFlow::Continue(())
    });
    bar.finish_and_clear();
    if let Some(e) = failure {
        return Err(e);
    }
    json.end().with_context(|| format!("cannot write {}", fixed[1].display()))?;
    csv.end().with_context(|| format!("cannot write {}", fixed[2].display()))?;
    let index = review.finish(&REVIEW_FILES).context("cannot write the index")?;
    if !args.read.quiet {
        eprintln!(
            "trialex: {} documents, {} studies, {}, {:.2} s; open {}",
            summary.documents,
            summary.studies,
            summary.failed_line(),
            started.elapsed().as_secs_f64(),
            index.display()
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
    let given: Vec<&Path> = output.into_iter().collect();
    batch::output_paths(dir, inputs, "txt", &[], &given)
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
