//! Writing documents: pretty JSON (one document, or several as one JSON array), JSON Lines
//! (a batch) and CSV (one row per study, for spreadsheets and meta-analysis; the cells of a
//! row are also what `trialex review` shows, through [`csv_cells`]).

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

use trialex_model::{Diagnostic, DocumentOutput, Reference, Severity, Study};

/// The byte order mark that tells a spreadsheet (Excel on Windows) a CSV is UTF-8, so that
/// Chinese shows as Chinese rather than as GBK mojibake.
pub const UTF8_BOM: &[u8] = "\u{feff}".as_bytes();

/// The output formats of `trialex extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One pretty JSON object (one document).
    Json,
    /// One JSON array of pretty document objects (several documents as one JSON value).
    JsonArray,
    /// One compact JSON object a line.
    Jsonl,
    /// One row per study with every field flattened.
    Csv,
}

impl Format {
    /// The format an output file's extension names (`.json`, `.jsonl`/`.ndjson`, `.csv`).
    pub fn of_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// Writes documents one by one in the chosen format.
pub enum Writer<W: Write> {
    Json {
        out: W,
        pretty: bool,
    },
    /// A JSON array: `[` before the first document, `,` between, `]` at [`Writer::end`].
    JsonArray {
        out: W,
        written: usize,
    },
    Csv(Box<csv::Writer<W>>),
}

impl<W: Write> Writer<W> {
    pub fn new(out: W, format: Format) -> Self {
        match format {
            Format::Json => Writer::Json { out, pretty: true },
            Format::JsonArray => Writer::JsonArray { out, written: 0 },
            Format::Jsonl => Writer::Json { out, pretty: false },
            Format::Csv => Writer::Csv(Box::new(csv::Writer::from_writer(out))),
        }
    }

    /// A CSV writer whose output starts with a UTF-8 byte order mark when `bom` is set.
    pub fn new_csv(mut out: W, bom: bool) -> io::Result<Self> {
        if bom {
            out.write_all(UTF8_BOM)?;
        }
        Ok(Writer::new(out, Format::Csv))
    }

    /// Writes what comes before the first document: the CSV header, the array's `[`.
    pub fn begin(&mut self) -> io::Result<()> {
        match self {
            Writer::Csv(csv) => csv.write_record(CSV_COLUMNS).map_err(io::Error::other),
            Writer::JsonArray { out, .. } => out.write_all(b"["),
            Writer::Json { .. } => Ok(()),
        }
    }

    /// Writes one document.
    pub fn write(&mut self, doc: &DocumentOutput) -> io::Result<()> {
        match self {
            Writer::Json { out, pretty: true } => {
                serde_json::to_writer_pretty(&mut *out, doc)?;
                out.write_all(b"\n")
            }
            Writer::Json { out, pretty: false } => {
                serde_json::to_writer(&mut *out, doc)?;
                out.write_all(b"\n")
            }
            Writer::JsonArray { out, written } => {
                out.write_all(if *written == 0 { b"\n" } else { b",\n" })?;
                serde_json::to_writer_pretty(&mut *out, doc)?;
                *written += 1;
                Ok(())
            }
            Writer::Csv(csv) => write_csv_rows(csv, doc).map_err(io::Error::other),
        }
    }

    /// Writes what comes after the last document (the array's `]`) and flushes.
    pub fn end(&mut self) -> io::Result<()> {
        if let Writer::JsonArray { out, written } = self {
            out.write_all(if *written == 0 { b"]\n" } else { b"\n]\n" })?;
        }
        self.flush()
    }

    pub fn flush(&mut self) -> io::Result<()> {
        match self {
            Writer::Json { out, .. } | Writer::JsonArray { out, .. } => out.flush(),
            Writer::Csv(csv) => csv.flush(),
        }
    }
}

/// The CSV columns: the document, the study's place, then every SPEC field raw and normalized.
pub const CSV_COLUMNS: &[&str] = &[
    "document",
    "sha256",
    "study",
    "kind",
    "table",
    "row",
    "page",
    "span_start",
    "span_end",
    "condition_raw",
    "condition_category",
    "condition_etiology",
    "cell_raw",
    "cell_type",
    "cell_source",
    "cell_origin",
    "cell_mobilized",
    "dose_raw",
    "dose_unit",
    "dose_min",
    "dose_max",
    "dose_mean",
    "dose_sd",
    "dose_values",
    "dose_infusions",
    "route_raw",
    "routes",
    "follow_up_raw",
    "follow_up_min_days",
    "follow_up_max_days",
    "outcome_raw",
    "findings",
    "n_patients",
    "trial_ids",
    "year",
    "reference_raw",
    "reference_numbers",
    "cited_first_author",
    "cited_year",
    "cited_title",
    "cited_journal",
    "cited_doi",
    "cited_pmid",
    "diagnostics",
];

/// What separates the values of two cited papers in one `cited_*` cell (a study citing
/// `[3, 7]` has two first authors, two years …, each cell listing them in the same order).
pub const CITED_SEPARATOR: &str = " | ";

fn write_csv_rows<W: Write>(csv: &mut csv::Writer<W>, doc: &DocumentOutput) -> csv::Result<()> {
    if doc.studies.is_empty() {
        // A document without studies still gets a row, so its errors are not lost.
        let mut row = vec![String::new(); CSV_COLUMNS.len()];
        row[0] = doc.document.path.clone();
        row[1] = doc.document.sha256.clone();
        row[CSV_COLUMNS.len() - 1] = joined(doc.diagnostics.iter().filter(|d| d.severity >= Severity::Warning));
        return csv.write_record(&row);
    }
    let context = RowContext::of(doc);
    for study in &doc.studies {
        csv.write_record(csv_cells(doc, study, &context))?;
    }
    Ok(())
}

/// What the rows of one document look up, gathered once so that writing every row stays
/// linear in the studies: the bibliography by number, the diagnostics by study.
pub struct RowContext<'a> {
    /// [`DocumentOutput::references_by_number`].
    pub references: HashMap<u32, &'a Reference>,
    /// Each study's diagnostics, in the document's order.
    pub diagnostics: HashMap<&'a str, Vec<&'a Diagnostic>>,
}

impl<'a> RowContext<'a> {
    pub fn of(doc: &'a DocumentOutput) -> Self {
        let mut diagnostics: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
        for d in &doc.diagnostics {
            if let Some(study) = &d.study {
                diagnostics.entry(study.as_str()).or_default().push(d);
            }
        }
        RowContext { references: doc.references_by_number(), diagnostics }
    }

    /// The diagnostics of the study `id`.
    pub fn diagnostics_of(&self, id: &str) -> &[&'a Diagnostic] {
        self.diagnostics.get(id).map_or(&[], Vec::as_slice)
    }
}

/// Diagnostics in one cell: `warning: dose.unparsed: … | error: …`.
fn joined<'a>(diagnostics: impl Iterator<Item = &'a Diagnostic>) -> String {
    diagnostics.map(|d| format!("{}: {}: {}", d.severity.as_str(), d.code, d.message)).collect::<Vec<_>>().join(" | ")
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn list<T: ToString>(items: &[T]) -> String {
    items.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

/// The cited papers' first authors, years, titles, journals, DOIs and PMIDs (the `cited_*`
/// columns), each cell listing one value per paper.
fn cited_cells(cited: &[&Reference]) -> [String; 6] {
    let join = |value: fn(&Reference) -> Option<String>| {
        cited.iter().map(|r| value(r).unwrap_or_default()).collect::<Vec<_>>().join(CITED_SEPARATOR)
    };
    [
        join(|r| r.authors.first().cloned()),
        join(|r| r.year.map(|y| y.to_string())),
        join(|r| r.title.clone()),
        join(|r| r.journal.clone()),
        join(|r| r.doi.clone()),
        join(|r| r.pmid.clone()),
    ]
}

/// One study's CSV row, a cell for each of [`CSV_COLUMNS`]; `context` is the document's.
pub fn csv_cells(doc: &DocumentOutput, s: &Study, context: &RowContext) -> Vec<String> {
    let condition = s.condition.as_ref();
    let cell = s.cell.as_ref();
    let dose = s.dose.as_ref();
    let route = s.route.as_ref();
    let follow_up = s.follow_up.as_ref();
    let outcome = s.outcome.as_ref();
    let reference = s.reference.as_ref();
    let [first_author, year, title, journal, doi, pmid] = cited_cells(&s.cited(&context.references));
    vec![
        doc.document.path.clone(),
        doc.document.sha256.clone(),
        s.id.clone(),
        s.source.kind.as_str().to_string(),
        opt(s.source.table.as_ref()),
        opt(s.source.row),
        opt(s.source.page),
        s.source.span[0].to_string(),
        s.source.span[1].to_string(),
        opt(condition.map(|c| &c.raw)),
        opt(condition.and_then(|c| c.category)),
        condition.map(|c| list(&c.etiology)).unwrap_or_default(),
        opt(cell.map(|c| &c.raw)),
        opt(cell.and_then(|c| c.cell_type)),
        opt(cell.and_then(|c| c.source)),
        opt(cell.and_then(|c| c.origin)),
        opt(cell.and_then(|c| c.mobilized)),
        opt(dose.map(|d| &d.raw)),
        opt(dose.and_then(|d| d.unit).map(trialex_model::DoseUnit::as_str)),
        opt(dose.and_then(|d| d.min)),
        opt(dose.and_then(|d| d.max)),
        opt(dose.and_then(|d| d.mean)),
        opt(dose.and_then(|d| d.sd)),
        dose.map(|d| list(&d.values)).unwrap_or_default(),
        opt(dose.and_then(|d| d.infusions)),
        opt(route.map(|r| &r.raw)),
        route.map(|r| list(&r.routes)).unwrap_or_default(),
        opt(follow_up.map(|f| &f.raw)),
        opt(follow_up.and_then(|f| f.min_days)),
        opt(follow_up.and_then(|f| f.max_days)),
        opt(outcome.map(|o| &o.raw)),
        outcome
            .map(|o| {
                o.findings.iter().map(|f| format!("{} {}", f.indicator, f.direction)).collect::<Vec<_>>().join("; ")
            })
            .unwrap_or_default(),
        opt(s.n_patients),
        list(&s.trial_ids),
        opt(s.year),
        opt(reference.map(|r| &r.raw)),
        reference.map(|r| list(&r.numbers)).unwrap_or_default(),
        first_author,
        year,
        title,
        journal,
        doi,
        pmid,
        joined(context.diagnostics_of(&s.id).iter().copied()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use trialex_model::*;

    #[derive(Clone, Default)]
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);
    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn doc() -> DocumentOutput {
        let mut d = DocumentOutput::new(DocumentInfo {
            path: "a.txt".into(),
            sha256: "00".into(),
            format: DocumentFormat::Text,
            language: None,
            pages: None,
            encoding: None,
        });
        d.studies.push(Study {
            id: "t1.r1".into(),
            source: Source {
                kind: SourceKind::Table,
                table: Some("Table 1".into()),
                caption: None,
                row: Some(1),
                page: None,
                span: [0, 3],
                text: "abc".into(),
            },
            condition: None,
            cell: None,
            dose: Some(Dose {
                raw: "1e6/kg".into(),
                unit: Some(DoseUnit::CellsPerKg),
                min: Some(1e6),
                max: Some(1e6),
                ..Default::default()
            }),
            route: Some(Route {
                raw: "iv, ha".into(),
                routes: vec![RouteKind::PeripheralVein, RouteKind::HepaticArtery],
            }),
            follow_up: None,
            outcome: None,
            n_patients: Some(12),
            trial_ids: vec![],
            year: None,
            reference: None,
            extras: vec![],
            spans: FieldSpans::default(),
        });
        d
    }

    #[test]
    fn csv_has_one_row_per_study_with_flattened_fields() {
        let buf = Shared::default();
        let mut w = Writer::new(buf.clone(), Format::Csv);
        w.begin().unwrap();
        w.write(&doc()).unwrap();
        w.flush().unwrap();
        let text = String::from_utf8(buf.0.borrow().clone()).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let rows: Vec<_> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        let get = |name: &str| rows[0][headers.iter().position(|h| h == name).unwrap()].to_string();
        assert_eq!(get("dose_unit"), "cells/kg");
        assert_eq!(get("dose_min"), "1000000");
        assert_eq!(get("routes"), "peripheral_vein; hepatic_artery");
        assert_eq!(get("n_patients"), "12");
    }

    /// The CSV a writer made of `doc`, as header → cell of each row.
    fn csv_of(doc: &DocumentOutput, bom: bool) -> (Vec<u8>, Vec<HashMap<String, String>>) {
        let buf = Shared::default();
        let mut w = Writer::new_csv(buf.clone(), bom).unwrap();
        w.begin().unwrap();
        w.write(doc).unwrap();
        w.end().unwrap();
        let bytes = buf.0.borrow().clone();
        let mut reader = csv::Reader::from_reader(bytes.strip_prefix(UTF8_BOM).unwrap_or(&bytes));
        let headers = reader.headers().unwrap().clone();
        let rows = reader
            .records()
            .map(|row| headers.iter().zip(row.unwrap().iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect())
            .collect();
        (bytes, rows)
    }

    fn entry(number: u32, author: &str, year: i32, doi: Option<&str>) -> Reference {
        Reference {
            number,
            raw: format!("{author} et al. Title {number}. J Hepatol. {year}"),
            authors: vec![author.to_string(), "Zhang Y".to_string()],
            title: Some(format!("Title {number}")),
            journal: Some("J Hepatol".into()),
            year: Some(year),
            doi: doi.map(str::to_string),
            ..Default::default()
        }
    }

    #[test]
    fn csv_names_the_cited_papers_one_value_per_paper_in_citing_order() {
        let mut d = doc();
        d.references = vec![entry(1, "Li X", 2012, Some("10.1/a")), entry(2, "Wang Q", 2016, None)];
        d.studies[0].reference = Some(StudyReference { raw: "[2, 1, 9]".into(), numbers: vec![2, 1, 9] });
        let (_, rows) = csv_of(&d, false);
        assert_eq!(rows[0]["cited_first_author"], "Wang Q | Li X");
        assert_eq!(rows[0]["cited_year"], "2016 | 2012");
        assert_eq!(rows[0]["cited_title"], "Title 2 | Title 1");
        assert_eq!(rows[0]["cited_journal"], "J Hepatol | J Hepatol");
        // A paper without a DOI keeps its place, so the values line up across the columns.
        assert_eq!(rows[0]["cited_doi"], " | 10.1/a");
        assert_eq!(rows[0]["cited_pmid"], " | ");
        // The diagnostics stay the last column.
        assert_eq!(CSV_COLUMNS.last(), Some(&"diagnostics"));
    }

    #[test]
    fn a_citation_the_bibliography_lacks_leaves_the_cited_columns_empty() {
        let mut d = doc();
        d.studies[0].reference = Some(StudyReference { raw: "[9]".into(), numbers: vec![9] });
        let (_, rows) = csv_of(&d, false);
        assert_eq!(rows[0]["reference_numbers"], "9");
        assert_eq!(rows[0]["cited_first_author"], "");
        assert_eq!(rows[0]["cited_doi"], "");
    }

    #[test]
    fn a_bom_is_written_only_when_asked() {
        let (with, rows) = csv_of(&doc(), true);
        assert!(with.starts_with(b"\xEF\xBB\xBFdocument,"));
        assert_eq!(rows[0]["study"], "t1.r1", "the BOM is not part of the first header");
        let (without, _) = csv_of(&doc(), false);
        assert!(without.starts_with(b"document,"));
    }

    #[test]
    fn a_json_array_holds_every_document_and_is_one_json_value() {
        for count in [0, 1, 3] {
            let buf = Shared::default();
            let mut w = Writer::new(buf.clone(), Format::JsonArray);
            w.begin().unwrap();
            for _ in 0..count {
                w.write(&doc()).unwrap();
            }
            w.end().unwrap();
            let text = String::from_utf8(buf.0.borrow().clone()).unwrap();
            let docs: Vec<DocumentOutput> = serde_json::from_str(&text).unwrap();
            assert_eq!(docs.len(), count, "{text}");
        }
    }

    #[test]
    fn the_format_follows_the_output_extension() {
        assert_eq!(Format::of_path(Path::new("out/x.jsonl")), Some(Format::Jsonl));
        assert_eq!(Format::of_path(Path::new("x.NDJSON")), Some(Format::Jsonl));
        assert_eq!(Format::of_path(Path::new("x.json")), Some(Format::Json));
        assert_eq!(Format::of_path(Path::new("x.csv")), Some(Format::Csv));
        assert_eq!(Format::of_path(Path::new("x.txt")), None);
        assert_eq!(Format::of_path(Path::new("x")), None);
    }

    #[test]
    fn jsonl_is_one_line_per_document() {
        let buf = Shared::default();
        let mut w = Writer::new(buf.clone(), Format::Jsonl);
        w.write(&doc()).unwrap();
        w.write(&doc()).unwrap();
        let text = String::from_utf8(buf.0.borrow().clone()).unwrap();
        assert_eq!(text.lines().count(), 2);
        for line in text.lines() {
            let _: DocumentOutput = serde_json::from_str(line).unwrap();
        }
    }
}
