//! From the extractor's candidates to SPEC.md studies, through the normalizer.
//!
//! Each raw field is read by its normalizer function. Where the reading says it used only part
//! of the raw text (`Reading::matched`, a dose inside a clause), `raw` is narrowed to that part.
//! Cells and conditions named by the context (a caption) fill whatever the study's own cells
//! leave unsaid. A dose or follow-up that its column header gives a unit is read with that
//! unit (`Candidate::dose_with_unit`) and keeps the cell as its raw text.
//! Every diagnostic of a reading is tied to its study and to the raw field's span.

use trialex_extractor::Extraction;
use trialex_model::{
    Candidate, Cell, Condition, ConditionCategory, Diagnostic, DocumentOutput, DocumentText, Dose, FieldSpans,
    FollowUp, Outcome, RawField, Reference, Route, Span, Study, StudyReference,
};
use trialex_normalizer::{self as normalizer, Reading};

/// Fills `output` with the studies, references and diagnostics of `extraction`.
///
/// The candidates are consumed as their studies are built, and their memory given back a
/// slice at a time, so that a long document never holds every candidate and every study at
/// once (each is several hundred bytes before its strings).
pub fn assemble(text: &DocumentText, extraction: Extraction, output: &mut DocumentOutput) {
    output.references = extraction.references;
    output.diagnostics.extend(extraction.diagnostics);
    let mut candidates = extraction.candidates;
    candidates.shrink_to_fit();
    // A slice of an eighth: the candidates left are moved down and their buffer shrunk, and
    // the studies' buffer grown by exactly the slice, at most eight times; what is held beyond
    // the larger of the two lists is at most an eighth of the other.
    let slice = candidates.len().div_ceil(8).max(64);
    while !candidates.is_empty() {
        let take = slice.min(candidates.len());
        output.studies.reserve_exact(take);
        for candidate in candidates.drain(..take) {
            let mut diagnostics = Vec::new();
            let study = study_from(text, candidate, &output.references, &mut diagnostics);
            output.studies.push(study);
            output.diagnostics.extend(diagnostics);
        }
        candidates.shrink_to_fit();
    }
}

/// The study of one candidate; diagnostics of what could not be read go to `diagnostics`.
/// `references` is the document's bibliography, against which a reference written as author
/// and year (`Suk et al., 2016`) is resolved to its number.
pub fn study_of(
    text: &DocumentText,
    c: &Candidate,
    references: &[Reference],
    diagnostics: &mut Vec<Diagnostic>,
) -> Study {
    study_from(text, c.clone(), references, diagnostics)
}

/// [`study_of`] for a candidate that is no longer needed: its source and lists move into the
/// study instead of being copied.
fn study_from(text: &DocumentText, c: Candidate, references: &[Reference], diagnostics: &mut Vec<Diagnostic>) -> Study {
    let mut reader = FieldReader { text, study: &c.id, diagnostics, spans: FieldSpans::default() };
    // Like context cells, the context condition is read first so that the condition span is
    // the study's own whenever it names one.
    let context_condition = reader.read(&c.condition_context, normalizer::condition, |s| &mut s.condition);
    let own_from = reader.diagnostics.len();
    let own_condition = reader.read(&c.condition, normalizer::condition, |s| &mut s.condition);
    let condition = merge_conditions(own_condition.clone(), context_condition);
    // A cell that names only a cause (`HBV`) is no unread condition when the caption gives
    // the category: the study's condition was read.
    if own_condition.is_some_and(|own| own.category.is_none())
        && condition.as_ref().is_some_and(|c| c.category.is_some())
    {
        let own_diagnostics = reader.diagnostics.split_off(own_from);
        reader.diagnostics.extend(own_diagnostics.into_iter().filter(|d| d.code != "condition.unparsed"));
    }
    // Context cells come from a caption, not the study's own text: read first, so that the
    // cell span is the study's own whenever it names its cells.
    let context_cell = reader.read(&c.cell_context, normalizer::cell, |s| &mut s.cell);
    let own_cell = reader.read(&c.cell, normalizer::cell, |s| &mut s.cell);
    let dose = match &c.dose_with_unit {
        Some(text) => reader.read_with_unit(&c.dose, text, normalizer::dose, |s| &mut s.dose),
        None => reader.read(&c.dose, normalizer::dose, |s| &mut s.dose),
    };
    let route = reader.read(&c.route, normalizer::route, |s| &mut s.route);
    let follow_up = match &c.follow_up_with_unit {
        Some(text) => reader.read_with_unit(&c.follow_up, text, normalizer::follow_up, |s| &mut s.follow_up),
        None => reader.read(&c.follow_up, normalizer::follow_up, |s| &mut s.follow_up),
    };
    let outcome = reader.read(&c.outcome, normalizer::outcome, |s| &mut s.outcome);
    let n_patients = reader.read_scalar(&c.n_patients, "n_patients", "a patient count", normalizer::patient_count);
    let year = reader.read_scalar(&c.year, "year", "a year", normalizer::year);
    let reference = c.reference.as_ref().map(|raw| StudyReference {
        raw: raw.text.clone(),
        numbers: trialex_extractor::citation::numbers_resolved(&raw.text, references),
    });
    let mut spans = reader.spans;
    spans.n_patients = exact_span(text, c.n_patients.as_ref());
    spans.year = exact_span(text, c.year.as_ref());
    spans.reference = exact_span(text, c.reference.as_ref());
    Study {
        id: c.id,
        source: c.source,
        condition,
        cell: merge_cells(own_cell, context_cell),
        dose,
        route,
        follow_up,
        outcome,
        n_patients,
        trial_ids: c.trial_ids,
        year,
        reference,
        extras: c.extras,
        spans,
    }
}

/// The span of a raw field when it is exactly the document's own text there.
fn exact_span(text: &DocumentText, raw: Option<&RawField>) -> Option<Span> {
    let raw = raw?;
    raw.span.filter(|&span| text.slice(span) == raw.text)
}

/// The study's own cells, with what they leave unsaid taken from the context's.
fn merge_cells(own: Option<Cell>, context: Option<Cell>) -> Option<Cell> {
    match (own, context) {
        (Some(mut own), Some(context)) => {
            own.cell_type = own.cell_type.or(context.cell_type);
            own.source = own.source.or(context.source);
            own.origin = own.origin.or(context.origin);
            own.mobilized = own.mobilized.or(context.mobilized);
            Some(own)
        }
        (own, context) => own.or(context),
    }
}

/// The range of `cell` that the range `used` of `text` covers, where `text` is `cell` with
/// one piece written in at a single place (a header's unit after the dose); None where the
/// pieces were written in at several places or `used` starts inside the inserted piece.
fn cell_range(cell: &str, text: &str, used: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let shared = cell.char_indices().zip(text.chars()).find(|((_, a), b)| a != b).map_or(cell.len(), |((at, _), _)| at);
    let inserted = text.len().checked_sub(cell.len())?;
    if !text.ends_with(cell.get(shared..)?) || used.start > shared && used.start < shared + inserted {
        return None;
    }
    let map = |at: usize| if at <= shared { at } else { at.saturating_sub(inserted).max(shared) };
    Some(map(used.start)..map(used.end)).filter(|r| r.start < r.end)
}

/// The study's own condition, with the category and etiology it leaves unsaid taken from the
/// context's. A condition cell that names only a cause (`HBV`, or `NAFLD`, which the
/// normalizer files under category `other`) does not say the stage the caption names.
fn merge_conditions(own: Option<Condition>, context: Option<Condition>) -> Option<Condition> {
    match (own, context) {
        (Some(mut own), Some(context)) => {
            let only_a_cause = own.category == Some(ConditionCategory::Other) && !own.etiology.is_empty();
            if (own.category.is_none() || only_a_cause) && context.category.is_some() {
                own.category = context.category;
            }
            if own.etiology.is_empty() {
                own.etiology = context.etiology;
            }
            Some(own)
        }
        (own, context) => own.or(context),
    }
}

/// A value object that keeps the raw text it was read from (SPEC: every value keeps `raw`).
trait RawText {
    fn set_raw(&mut self, raw: String);
}

macro_rules! raw_text {
    ($($ty:ty),+) => {$(
        impl RawText for $ty {
            fn set_raw(&mut self, raw: String) {
                self.raw = raw;
            }
        }
    )+};
}

raw_text!(Condition, Cell, Dose, Route, FollowUp, Outcome);

struct FieldReader<'a> {
    text: &'a DocumentText,
    study: &'a str,
    diagnostics: &'a mut Vec<Diagnostic>,
    /// The exact span of each value read so far.
    spans: FieldSpans,
}

impl FieldReader<'_> {
    /// Reads `raw` with `read`, narrowing the value's raw text to what the reading used, and
    /// records the value's exact span in the slot `span_of` picks.
    fn read<T: RawText>(
        &mut self,
        raw: &Option<RawField>,
        read: fn(&str) -> Reading<T>,
        span_of: fn(&mut FieldSpans) -> &mut Option<Span>,
    ) -> Option<T> {
        let raw = raw.as_ref()?;
        let reading = read(&raw.text);
        let mut value = reading.value;
        let exact = exact_span(self.text, Some(raw));
        let mut span = raw.span;
        let mut value_span = exact;
        if let Some(range) = reading.matched.filter(|r| r.start < r.end)
            && let Some(narrowed) = raw.text.get(range.clone())
        {
            value.set_raw(narrowed.to_string());
            value_span = exact.map(|s| [s[0] + range.start, s[0] + range.end]);
            span = value_span.or(span);
        }
        *span_of(&mut self.spans) = value_span;
        self.tie(reading.diagnostics, span);
        Some(value)
    }

    /// Ties the diagnostics of a reading to the study and, where they have none, to `span`.
    fn tie(&mut self, diagnostics: Vec<Diagnostic>, span: Option<Span>) {
        for mut d in diagnostics {
            d.study = Some(self.study.to_string());
            d.span = d.span.or(span);
            self.diagnostics.push(d);
        }
    }

    /// Reads `text`, the raw field with the unit its column header gives, in place of the raw
    /// field's own text; the value keeps the raw field's text and span, narrowed (as in
    /// [`Self::read`]) to the part of the cell that the reading used, up to where the unit was
    /// written in.
    fn read_with_unit<T: RawText>(
        &mut self,
        raw: &Option<RawField>,
        text: &str,
        read: fn(&str) -> Reading<T>,
        span_of: fn(&mut FieldSpans) -> &mut Option<Span>,
    ) -> Option<T> {
        let raw = raw.as_ref()?;
        let reading = read(text);
        let mut value = reading.value;
        let exact = exact_span(self.text, Some(raw));
        let used = reading
            .matched
            .and_then(|r| cell_range(&raw.text, text, r))
            .and_then(|r| Some((raw.text.get(r.clone())?.trim_end(), r.start)))
            .filter(|(part, _)| !part.is_empty());
        let (narrowed, span) = match used {
            Some((part, start)) => (part.to_string(), exact.map(|s| [s[0] + start, s[0] + start + part.len()])),
            None => (raw.text.clone(), exact),
        };
        value.set_raw(narrowed);
        *span_of(&mut self.spans) = span;
        self.tie(reading.diagnostics, span.or(raw.span));
        Some(value)
    }

    /// Reads a plain number (a count, a year); text with digits that gives none gets a
    /// diagnostic (text without digits, such as `/` or `NR`, says the value is missing).
    fn read_scalar<T>(
        &mut self,
        raw: &Option<RawField>,
        field: &str,
        what: &str,
        read: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let raw = raw.as_ref()?;
        let value = read(&raw.text);
        if value.is_none() && raw.text.chars().any(|c| c.is_numeric()) {
            let mut d =
                Diagnostic::warning(format!("{field}.unparsed"), format!("could not read {what} in '{}'", raw.text))
                    .for_study(self.study);
            d.span = raw.span;
            self.diagnostics.push(d);
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use trialex_model::{CellSource, CellType, Source, SourceKind};

    fn candidate(text: &str) -> Candidate {
        Candidate::new(
            "t1.r1",
            Source {
                kind: SourceKind::Table,
                table: None,
                caption: None,
                row: Some(1),
                page: None,
                span: [0, text.len()],
                text: text.into(),
            },
        )
    }

    #[test]
    fn assemble_gives_every_candidate_its_study_in_order() {
        let doc = "5 × 10^6 cells\tx 10^ cells";
        let text = DocumentText::new(doc);
        let candidates: Vec<Candidate> = (0..200)
            .map(|i| {
                let mut c = candidate(doc);
                c.id = format!("t1.r{i}");
                c.dose = Some(if i % 2 == 0 {
                    RawField::new("5 × 10^6 cells", [0, 14])
                } else {
                    RawField::new("x 10^ cells", [15, 26])
                });
                c
            })
            .collect();
        let expected: Vec<(Study, Vec<Diagnostic>)> = candidates
            .iter()
            .map(|c| {
                let mut diagnostics = vec![];
                (study_of(&text, c, &[], &mut diagnostics), diagnostics)
            })
            .collect();
        let mut output = DocumentOutput::new(trialex_model::DocumentInfo {
            path: "x.txt".into(),
            sha256: String::new(),
            format: trialex_model::DocumentFormat::Text,
            language: None,
            pages: None,
            encoding: None,
        });
        assemble(&text, Extraction { candidates, ..Default::default() }, &mut output);
        assert_eq!(output.studies, expected.iter().map(|(s, _)| s.clone()).collect::<Vec<_>>());
        assert_eq!(output.diagnostics, expected.into_iter().flat_map(|(_, d)| d).collect::<Vec<_>>());
        assert_eq!(output.diagnostics.len(), 100, "every odd row's dose is unread");
    }

    #[test]
    fn context_cells_fill_what_the_row_leaves_unsaid() {
        let own = Cell { raw: "MSCs".into(), cell_type: Some(CellType::Msc), ..Default::default() };
        let context = Cell {
            raw: "UC-MSCs".into(),
            cell_type: Some(CellType::Msc),
            source: Some(CellSource::UmbilicalCord),
            ..Default::default()
        };
        let merged = merge_cells(Some(own), Some(context)).unwrap();
        assert_eq!(merged.raw, "MSCs");
        assert_eq!(merged.source, Some(CellSource::UmbilicalCord));
        let only_context = merge_cells(None, Some(Cell { raw: "caption".into(), ..Default::default() })).unwrap();
        assert_eq!(only_context.raw, "caption");
    }

    #[test]
    fn fields_the_source_does_not_mention_stay_null() {
        let text = DocumentText::new("row");
        let mut diagnostics = vec![];
        let study = study_of(&text, &candidate("row"), &[], &mut diagnostics);
        assert!(study.dose.is_none() && study.cell.is_none() && study.reference.is_none());
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn an_author_year_reference_cell_resolves_against_the_bibliography() {
        let doc = "Okafor et al., 2019\t2 × 10^6/kg";
        let text = DocumentText::new(doc);
        let mut c = candidate(doc);
        c.reference = Some(RawField::new("Okafor et al., 2019", [0, 19]));
        let bibliography = [
            Reference {
                number: 3,
                raw: "a".into(),
                authors: vec!["Mensah K".into()],
                year: Some(2019),
                ..Default::default()
            },
            Reference {
                number: 4,
                raw: "b".into(),
                authors: vec!["Okafor C".into()],
                year: Some(2019),
                ..Default::default()
            },
        ];
        let study = study_of(&text, &c, &bibliography, &mut vec![]);
        assert_eq!(study.reference.map(|r| r.numbers), Some(vec![4]));
    }

    #[test]
    fn raw_values_keep_their_text() {
        let doc = "肝衰竭\t/\t[17]";
        let text = DocumentText::new(doc);
        let mut c = candidate(doc);
        c.dose = Some(RawField::new("/", [10, 11]));
        c.reference = Some(RawField::new("[17]", [12, 16]));
        let mut diagnostics = vec![];
        let study = study_of(&text, &c, &[], &mut diagnostics);
        assert_eq!(study.dose.as_ref().map(|d| d.raw.as_str()), Some("/"));
        assert_eq!(study.reference.as_ref().map(|r| r.raw.as_str()), Some("[17]"));
    }

    #[test]
    fn context_condition_fills_the_stage_a_cause_leaves_unsaid() {
        use trialex_model::Etiology;
        let context = || Some(normalizer::condition("trials in compensated cirrhosis").value);
        let own = normalizer::condition("HCV").value;
        let merged = merge_conditions(Some(own), context()).unwrap();
        assert_eq!(merged.raw, "HCV");
        assert_eq!(merged.category, Some(ConditionCategory::CompensatedCirrhosis));
        assert_eq!(merged.etiology, vec![Etiology::Hcv]);
        // A row that names its own stage keeps it.
        let own = normalizer::condition("acute liver failure").value;
        let merged = merge_conditions(Some(own), context()).unwrap();
        assert_eq!(merged.category, Some(ConditionCategory::AcuteLiverFailure));
        // A cause the normalizer files under `other` takes the caption's stage.
        let own = Condition {
            raw: "x".into(),
            category: Some(ConditionCategory::Other),
            etiology: vec![Etiology::Metabolic],
        };
        let merged = merge_conditions(Some(own), context()).unwrap();
        assert_eq!(merged.category, Some(ConditionCategory::CompensatedCirrhosis));
        assert_eq!(merge_conditions(None, context()).unwrap().category, Some(ConditionCategory::CompensatedCirrhosis));
    }

    #[test]
    fn a_cause_completed_by_the_caption_is_no_unread_condition() {
        // Whether the normalizer warns about a cause alone is its own business; with the
        // caption's category the study's condition is read, and no warning says otherwise.
        let doc = "HBV";
        let text = DocumentText::new(doc);
        let mut c = candidate(doc);
        c.condition = Some(RawField::new("HBV", [0, 3]));
        c.condition_context = Some(RawField::unanchored("Trials in decompensated cirrhosis"));
        let mut diagnostics = vec![];
        let study = study_of(&text, &c, &[], &mut diagnostics);
        assert!(diagnostics.iter().all(|d| d.code != "condition.unparsed"), "{diagnostics:?}");
        let condition = study.condition.unwrap();
        assert_eq!(
            (condition.raw.as_str(), condition.category),
            ("HBV", Some(ConditionCategory::DecompensatedCirrhosis))
        );
        assert_eq!(study.spans.condition, Some([0, 3]));
    }

    #[test]
    fn a_header_unit_is_read_and_the_cell_kept() {
        let doc = "Dose (cells/kg)\t3 × 107";
        let text = DocumentText::new(doc);
        let mut c = candidate(doc);
        c.dose = Some(RawField::new("3 × 107", [16, doc.len()]));
        c.dose_with_unit = Some("3 × 107 cells/kg".into());
        let mut diagnostics = vec![];
        let study = study_of(&text, &c, &[], &mut diagnostics);
        let dose = study.dose.unwrap();
        assert_eq!(dose.raw, "3 × 107");
        assert_eq!(dose.unit, Some(trialex_model::DoseUnit::CellsPerKg));
        assert_eq!(dose.min, Some(3.0e7));
        assert_eq!(study.spans.dose, Some([16, doc.len()]));
        // Narrowed to the dose, before the unit written in after it.
        let doc = "Dose (cells/kg)\t3 × 107, twice";
        let text = DocumentText::new(doc);
        let mut c = candidate(doc);
        c.dose = Some(RawField::new("3 × 107, twice", [16, doc.len()]));
        c.dose_with_unit = Some("3 × 107 cells/kg, twice".into());
        let study = study_of(&text, &c, &[], &mut diagnostics);
        let dose = study.dose.unwrap();
        assert_eq!(
            (dose.raw.as_str(), dose.unit, dose.infusions),
            ("3 × 107", Some(trialex_model::DoseUnit::CellsPerKg), Some(2))
        );
    }

    #[test]
    fn ranges_of_the_read_text_map_back_to_the_cell() {
        let (cell, text) = ("3 × 107, twice", "3 × 107 cells/kg, twice");
        assert_eq!(cell_range(cell, text, 0.."3 × 107 cells/kg".len()), Some(0.."3 × 107".len()));
        assert_eq!(cell_range(cell, text, 0..text.len()), Some(0..cell.len()));
        // Pieces written in at several places do not map.
        assert_eq!(cell_range("1/2", "1×10^6/2×10^6", 0..13), None);
    }
}
