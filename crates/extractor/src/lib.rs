//! From bytes to document text with offsets, and from text to candidate studies.
//!
//! * [`text`]: decoding text files (UTF-8 with or without BOM, GBK/GB18030, UTF-16) into
//!   the document text every span points into.
//! * [`table`]: finding tables in running text (captions, header roles, rows) and turning
//!   each row into a [`Candidate`].
//! * [`bibliography`] and [`citation`]: the reference list and the citation markers.
//! * `lines`: the one line splitter every reader uses (`\r\n`, `\n` and a lone `\r` end a line).
//! * [`prose`]: studies told in running text; a document without table rows that is one
//!   study's own report (an abstract, an article page, a registry record, a news item) gives
//!   that study alone ([`prose::report`]).
//!
//! A document that gives no study says why in an `info` diagnostic (`document.no_study`).
//!
//! The extractor never normalizes: it hands raw strings with spans to the normalizer.

pub mod bibliography;
pub mod citation;
pub(crate) mod lines;
pub mod prose;
pub mod table;
pub mod text;

use trialex_model::{Candidate, Diagnostic, DocumentText, Language, Reference};

/// Everything the extractor found in one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub candidates: Vec<Candidate>,
    pub references: Vec<Reference>,
    pub diagnostics: Vec<Diagnostic>,
    pub language: Option<Language>,
}

/// Extracts the candidate studies and the bibliography of a document's text.
pub fn extract(doc: &DocumentText) -> Extraction {
    let mut out = Extraction { language: text::language(&doc.text), ..Default::default() };
    let scan = table::find_tables(&doc.text);
    for found in &scan.tables {
        let rows = table::candidates(doc, found);
        // The rows of a document's only (or first) table are taken as they are, not copied.
        if out.candidates.is_empty() {
            out.candidates = rows;
        } else {
            out.candidates.extend(rows);
        }
    }
    out.diagnostics.extend(scan.diagnostics);
    // Prose studies after the table rows; prose about a row's trial only fills that row.
    // The reference list is read once: its span keeps it out of the prose, its entries are the output.
    let bibliography = bibliography::find(&doc.text);
    let mut not_prose: Vec<trialex_model::Span> = scan.tables.iter().map(table::Table::span).collect();
    not_prose.extend(bibliography.as_ref().map(|b| b.span));
    // The tables' rows are read: free them (and the candidates' spare room) before the prose
    // is, so that a long document does not hold both at once.
    let tables_found = scan.tables.len();
    drop(scan.tables);
    out.candidates.shrink_to_fit();
    let max_reference = bibliography.as_ref().and_then(|b| b.references.iter().map(|r| r.number).max());
    // A document without table rows may be one study's own report (an abstract, a registry
    // record, a news item): then it gives that study alone.
    let has_rows = !out.candidates.is_empty();
    let prose = if has_rows {
        prose::Prose { studies: prose::candidates_citing(doc, &not_prose, max_reference), not_a_report: None }
    } else {
        prose::studies_of_document(doc, &not_prose, max_reference)
    };
    prose::merge_with_tables(&mut out.candidates, prose.studies);
    if out.candidates.is_empty() && !doc.text.trim().is_empty() {
        out.diagnostics.push(no_study(tables_found, prose.not_a_report));
    }
    out.references = bibliography.map(|b| b.references).unwrap_or_default();
    out
}

/// The `info` diagnostic of a document that gives no study, saying why.
fn no_study(tables: usize, not_a_report: Option<&str>) -> Diagnostic {
    let tables = if tables == 0 { "no table".to_string() } else { format!("{tables} table(s) without study rows") };
    let report = not_a_report.map(|why| format!("; not one study's report: {why}")).unwrap_or_default();
    Diagnostic::info("document.no_study", format!("no study found: {tables}; no passage reports a trial{report}"))
}
