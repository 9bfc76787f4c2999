//! The shared types of trialex.
//!
//! Two groups live here, so that every other crate speaks the same language:
//!
//! * the **output contract** of `SPEC.md` ([`DocumentOutput`], [`Study`], [`Reference`],
//!   [`Diagnostic`] and the value objects of each field), serialized with serde and described
//!   as JSON Schema with schemars (the checked-in `schemas/trialex.schema.json` is derived
//!   from these types and a test keeps the two in step);
//! * the **extractor's hand-over** to the normalizer ([`DocumentText`], [`Candidate`],
//!   [`RawField`]): what was found, as raw text with its byte span, before anything is read
//!   into numbers or vocabulary.
//!
//! Vocabularies (routes, cell types, condition categories, indicators …) are closed enums
//! that serialize in `snake_case`, exactly as SPEC.md spells them.
//!
//! Spans are byte offsets `[start, end)` into the document text: the decoded text of a text
//! file, or the text the PDF front end extracted.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub mod script;
mod vocab;
pub use vocab::*;

/// The version of the output contract written in every document object.
pub const SCHEMA_VERSION: &str = "1";

/// A byte range `[start, end)` into the document text.
pub type Span = [usize; 2];

// ---------------------------------------------------------------------------------------
// Output contract
// ---------------------------------------------------------------------------------------

/// One document in, one document object out (a line of JSON Lines in a batch).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DocumentOutput {
    /// Always `"1"` for this contract.
    pub schema_version: String,
    pub document: DocumentInfo,
    pub studies: Vec<Study>,
    pub references: Vec<Reference>,
    pub diagnostics: Vec<Diagnostic>,
}

impl DocumentOutput {
    /// An empty output for `document`, to be filled by the pipeline.
    pub fn new(document: DocumentInfo) -> Self {
        DocumentOutput {
            schema_version: SCHEMA_VERSION.to_string(),
            document,
            studies: Vec::new(),
            references: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// True when any diagnostic has `error` severity.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }

    /// The bibliography by entry number, built once per document so that resolving every
    /// study's citation stays linear (the first entry wins where two carry one number).
    pub fn references_by_number(&self) -> std::collections::HashMap<u32, &Reference> {
        let mut by_number = std::collections::HashMap::with_capacity(self.references.len());
        for reference in &self.references {
            by_number.entry(reference.number).or_insert(reference);
        }
        by_number
    }
}

impl Study {
    /// A study with only its identity and source: every field unsaid.
    pub fn new(id: impl Into<String>, source: Source) -> Self {
        Study {
            id: id.into(),
            source,
            condition: None,
            cell: None,
            dose: None,
            route: None,
            follow_up: None,
            outcome: None,
            n_patients: None,
            trial_ids: Vec::new(),
            year: None,
            reference: None,
            extras: Vec::new(),
            spans: FieldSpans::default(),
        }
    }

    /// The bibliography entries the study's citation resolves to, in the order it cites them
    /// (each once; a number the bibliography lacks resolves to nothing).
    pub fn cited<'a>(&self, references: &std::collections::HashMap<u32, &'a Reference>) -> Vec<&'a Reference> {
        let Some(reference) = &self.reference else { return Vec::new() };
        let mut cited: Vec<&Reference> = Vec::with_capacity(reference.numbers.len());
        for number in &reference.numbers {
            if let Some(&entry) = references.get(number)
                && !cited.iter().any(|seen| std::ptr::eq(*seen, entry))
            {
                cited.push(entry);
            }
        }
        cited
    }
}

/// What the document was: where it came from and how it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DocumentInfo {
    /// The path as given on the command line.
    pub path: String,
    /// SHA-256 of the input bytes, lowercase hex.
    pub sha256: String,
    pub format: DocumentFormat,
    /// `zh`, `en` or `mixed`; null when the document had no text to judge by.
    pub language: Option<Language>,
    /// Number of pages for a PDF, null for text.
    pub pages: Option<u32>,
    /// The text encoding a text file was decoded from (`UTF-8`, `GBK`, `UTF-16LE` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    Text,
    Pdf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    Zh,
    En,
    Mixed,
}

/// One study (one treatment protocol): a table row or a passage of prose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Study {
    /// `t{table}.r{row}` for table rows, `p{n}` for prose passages.
    pub id: String,
    pub source: Source,
    pub condition: Option<Condition>,
    pub cell: Option<Cell>,
    pub dose: Option<Dose>,
    pub route: Option<Route>,
    pub follow_up: Option<FollowUp>,
    pub outcome: Option<Outcome>,
    pub n_patients: Option<u32>,
    pub trial_ids: Vec<String>,
    pub year: Option<i32>,
    pub reference: Option<StudyReference>,
    /// Fields beyond SPEC.md (comparative figures, arm descriptions …), each with its raw text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extras: Vec<Extra>,
    /// Where each field's raw text stands in the document text (beyond SPEC.md: every value
    /// traceable to its exact bytes). A field inherited from context (a caption) or joined from
    /// several pieces has no span.
    #[serde(default, skip_serializing_if = "FieldSpans::is_empty")]
    pub spans: FieldSpans,
}

/// The byte span of each field's raw text in the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct FieldSpans {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dose: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n_patients: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Span>,
}

impl FieldSpans {
    pub fn is_empty(&self) -> bool {
        *self == FieldSpans::default()
    }
}

/// Where a study came from: the exact text and its byte span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    pub kind: SourceKind,
    /// The table label as the document writes it (`表 1`, `Table 2`), null for prose.
    pub table: Option<String>,
    pub caption: Option<String>,
    /// 1-based row number within the table, null for prose.
    pub row: Option<u32>,
    /// 1-based page number for PDFs, null for text.
    pub page: Option<u32>,
    pub span: Span,
    /// Exactly `text[span[0]..span[1]]` of the document text.
    pub text: String,
}

impl Source {
    /// The source of a passage of prose: no table, row or page.
    pub fn prose(span: Span, text: impl Into<String>) -> Self {
        Source { kind: SourceKind::Prose, table: None, caption: None, row: None, page: None, span, text: text.into() }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Table,
    Prose,
}

impl SourceKind {
    /// The kind's spelling in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Table => "table",
            SourceKind::Prose => "prose",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Condition {
    pub raw: String,
    pub category: Option<ConditionCategory>,
    pub etiology: Vec<Etiology>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Cell {
    pub raw: String,
    #[serde(rename = "type")]
    pub cell_type: Option<CellType>,
    pub source: Option<CellSource>,
    pub origin: Option<CellOrigin>,
    pub mobilized: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Dose {
    pub raw: String,
    pub unit: Option<DoseUnit>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    /// Every dose group, or every per-patient dose; empty for one value or one range.
    pub values: Vec<f64>,
    /// How many times the dose was given, where the text says so.
    pub infusions: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum DoseUnit {
    /// An absolute count of cells.
    #[serde(rename = "cells")]
    Cells,
    /// Cells per kilogram of body weight.
    #[serde(rename = "cells/kg")]
    CellsPerKg,
}

impl DoseUnit {
    /// The unit's spelling in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            DoseUnit::Cells => "cells",
            DoseUnit::CellsPerKg => "cells/kg",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Route {
    pub raw: String,
    /// A set: each route once, in vocabulary order.
    pub routes: Vec<RouteKind>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct FollowUp {
    pub raw: String,
    pub min_days: Option<f64>,
    pub max_days: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Outcome {
    pub raw: String,
    /// A set of indicator × direction pairs.
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    pub indicator: Indicator,
    pub direction: Direction,
}

/// The bibliography numbers a study cites.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct StudyReference {
    pub raw: String,
    pub numbers: Vec<u32>,
}

/// A value beyond SPEC.md's fields, kept with its raw text (e.g. `survival_rate`:
/// "73.2% vs 55.6%", `hazard_ratio`: "HR=0.487").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Extra {
    /// snake_case name of the quantity.
    pub name: String,
    pub raw: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// One entry of the document's bibliography.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Reference {
    pub number: u32,
    /// The whole entry as written (an entry split by a page break is joined).
    pub raw: String,
    /// Surname first, as written; `et al.` / `等` dropped.
    pub authors: Vec<String>,
    pub title: Option<String>,
    pub journal: Option<String>,
    pub year: Option<i32>,
    pub volume: Option<String>,
    pub issue: Option<String>,
    pub pages: Option<String>,
    /// Bare DOI (`10.1002/hep.28693`).
    pub doi: Option<String>,
    /// PubMed id, digits only.
    pub pmid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pmcid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// A problem found while reading, extracting, normalizing or validating.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Dotted code, e.g. `dose.unparsed`, `input.unreadable`, `schema.invalid`.
    pub code: String,
    pub message: String,
    /// The id of the study concerned, if any.
    pub study: Option<String>,
    pub span: Option<Span>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { severity, code: code.into(), message: message.into(), study: None, span: None }
    }
    pub fn error(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }
    pub fn warning(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }
    pub fn info(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Info, code, message)
    }
    pub fn for_study(mut self, study: impl Into<String>) -> Self {
        self.study = Some(study.into());
        self
    }
    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// The severity's spelling in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

// ---------------------------------------------------------------------------------------
// The extractor's hand-over
// ---------------------------------------------------------------------------------------

/// The text of a document with what is known about its layout.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentText {
    /// The decoded (text files) or extracted (PDF) text; every span points into it.
    pub text: String,
    /// Byte offsets where each page starts (PDF); empty for text files.
    pub page_starts: Vec<usize>,
    /// The encoding a text file was decoded from.
    pub encoding: Option<String>,
}

impl DocumentText {
    pub fn new(text: impl Into<String>) -> Self {
        DocumentText { text: text.into(), ..Default::default() }
    }

    /// The 1-based page that holds byte `offset`, or None for a text without pages.
    pub fn page_of(&self, offset: usize) -> Option<u32> {
        if self.page_starts.is_empty() {
            return None;
        }
        let idx = self.page_starts.partition_point(|&start| start <= offset);
        Some(idx.max(1) as u32)
    }

    /// The slice of the text at `span` (empty when the span is out of range or not on
    /// character boundaries).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span[0]..span[1]).unwrap_or("")
    }
}

/// A raw value found by the extractor: its text as written and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawField {
    pub text: String,
    pub span: Option<Span>,
}

impl RawField {
    pub fn new(text: impl Into<String>, span: Span) -> Self {
        RawField { text: text.into(), span: Some(span) }
    }
    /// A value inherited from context (a caption, a heading) rather than the study's own text.
    pub fn unanchored(text: impl Into<String>) -> Self {
        RawField { text: text.into(), span: None }
    }
}

/// One study as the extractor found it: where it is, and its raw fields.
///
/// Every raw field is the text the normalizer reads; `None` means the source does not
/// mention that field at all.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: String,
    pub source: Source,
    pub condition: Option<RawField>,
    /// The cells as the row or passage names them.
    pub cell: Option<RawField>,
    /// Cells named by the context (a table caption, a section heading): used for whatever
    /// the study's own `cell` does not say.
    pub cell_context: Option<RawField>,
    /// The condition named by the context (a table caption: `… in decompensated cirrhosis`):
    /// gives the category, and the etiology, that the study's own `condition` does not say.
    pub condition_context: Option<RawField>,
    pub dose: Option<RawField>,
    /// The dose cell with the unit its column's header gives written in after the number
    /// (`Dose (cells/kg)` over `4.5 × 105, 4 infusions` → `4.5 × 105 cells/kg, 4 infusions`),
    /// where the cell names no unit of its own. The normalizer reads this text; `dose` keeps
    /// the cell as written (its raw text and span).
    pub dose_with_unit: Option<String>,
    pub route: Option<RawField>,
    pub follow_up: Option<RawField>,
    /// The follow-up cell with the unit its column's header gives (`Follow-up (months)` over
    /// `6-12` → `6-12 months`) where the cell reads as no duration alone: read like
    /// `dose_with_unit`.
    pub follow_up_with_unit: Option<String>,
    pub outcome: Option<RawField>,
    pub n_patients: Option<RawField>,
    pub year: Option<RawField>,
    pub trial_ids: Vec<String>,
    pub reference: Option<RawField>,
    pub extras: Vec<Extra>,
}

impl Candidate {
    /// A candidate with only its identity and source; the extractor fills the rest.
    pub fn new(id: impl Into<String>, source: Source) -> Self {
        Candidate {
            id: id.into(),
            source,
            condition: None,
            cell: None,
            cell_context: None,
            condition_context: None,
            dose: None,
            dose_with_unit: None,
            route: None,
            follow_up: None,
            follow_up_with_unit: None,
            outcome: None,
            n_patients: None,
            year: None,
            trial_ids: Vec::new(),
            reference: None,
            extras: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_of_maps_offsets_to_pages() {
        let doc = DocumentText { text: "aaaabbbbcc".into(), page_starts: vec![0, 4, 8], encoding: None };
        assert_eq!(doc.page_of(0), Some(1));
        assert_eq!(doc.page_of(3), Some(1));
        assert_eq!(doc.page_of(4), Some(2));
        assert_eq!(doc.page_of(9), Some(3));
        assert_eq!(DocumentText::new("x").page_of(0), None);
    }

    #[test]
    fn vocabularies_serialize_as_spec_spells_them() {
        let json = serde_json::to_string(&DoseUnit::CellsPerKg).unwrap();
        assert_eq!(json, "\"cells/kg\"");
        for unit in [DoseUnit::Cells, DoseUnit::CellsPerKg] {
            assert_eq!(serde_json::to_value(unit).unwrap(), unit.as_str());
        }
        for severity in [Severity::Info, Severity::Warning, Severity::Error] {
            assert_eq!(serde_json::to_value(severity).unwrap(), severity.as_str());
        }
        for kind in [SourceKind::Table, SourceKind::Prose] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
        let json = serde_json::to_string(&ConditionCategory::AcuteOnChronicLiverFailure).unwrap();
        assert_eq!(json, "\"acute_on_chronic_liver_failure\"");
        let json = serde_json::to_string(&Indicator::ChildPugh).unwrap();
        assert_eq!(json, "\"child_pugh\"");
        let json = serde_json::to_string(&RouteKind::PeripheralVein).unwrap();
        assert_eq!(json, "\"peripheral_vein\"");
    }

    #[test]
    fn a_citation_resolves_to_its_bibliography_entries_in_citing_order() {
        let mut doc = DocumentOutput::new(DocumentInfo {
            path: "a.txt".into(),
            sha256: String::new(),
            format: DocumentFormat::Text,
            language: None,
            pages: None,
            encoding: None,
        });
        for (at, number) in [3, 5, 5].into_iter().enumerate() {
            doc.references.push(Reference { number, raw: format!("entry {at}"), ..Default::default() });
        }
        let study = Study {
            reference: Some(StudyReference { raw: "[5, 9, 3, 5]".into(), numbers: vec![5, 9, 3, 5] }),
            ..Study::new("p1", Source::prose([0, 0], ""))
        };
        let by_number = doc.references_by_number();
        let cited: Vec<&str> = study.cited(&by_number).iter().map(|r| r.raw.as_str()).collect();
        // 9 is not in the bibliography; 5 is cited twice and resolves once, to its first entry.
        assert_eq!(cited, ["entry 1", "entry 0"]);
    }

    #[test]
    fn cell_type_field_is_named_type() {
        let cell = Cell { raw: "UC-MSCs".into(), cell_type: Some(CellType::Msc), ..Default::default() };
        let value = serde_json::to_value(&cell).unwrap();
        assert_eq!(value["type"], "msc");
    }
}
