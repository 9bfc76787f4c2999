//! From the extractor's candidates to SPEC.md studies, through the normalizer.
//!
//! Each raw field is read by its normalizer function. Where the reading says it used only part
//! of the raw text (`Reading::matched`, a dose inside a clause), `raw` is narrowed to that part.
//! Cells named by the context (a caption) fill whatever the study's own cells leave unsaid.
//! Every diagnostic of a reading is tied to its study and to the raw field's span.

use trialex_extractor::Extraction;
use trialex_model::{
    Candidate, Cell, Diagnostic, DocumentOutput, DocumentText, FieldSpans, RawField, Span, Study, StudyReference,
};
use trialex_normalizer::{self as normalizer, Reading};

/// Fills `output` with the studies, references and diagnostics of `extraction`.
pub fn assemble(text: &DocumentText, extraction: Extraction, output: &mut DocumentOutput) {
    output.references = extraction.references;
    output.diagnostics.extend(extraction.diagnostics);
    for candidate in &extraction.candidates {
        let mut diagnostics = Vec::new();
        let study = study_of(text, candidate, &mut diagnostics);
        output.studies.push(study);
        output.diagnostics.extend(diagnostics);
    }
}

/// The study of one candidate; diagnostics of what could not be read go to `diagnostics`.
pub fn study_of(text: &DocumentText, c: &Candidate, diagnostics: &mut Vec<Diagnostic>) -> Study {
    let mut reader = FieldReader { text, study: &c.id, diagnostics, spans: FieldSpans::default() };
    let condition = reader.read(&c.condition, normalizer::condition, |v, raw| v.raw = raw, |s| &mut s.condition);
    // Context cells come from a caption, not the study's own text: read first, so that the
    // cell span is the study's own whenever it names its cells.
    let context_cell = reader.read(&c.cell_context, normalizer::cell, |v, raw| v.raw = raw, |s| &mut s.cell);
    let own_cell = reader.read(&c.cell, normalizer::cell, |v, raw| v.raw = raw, |s| &mut s.cell);
    let dose = reader.read(&c.dose, normalizer::dose, |v, raw| v.raw = raw, |s| &mut s.dose);
    let route = reader.read(&c.route, normalizer::route, |v, raw| v.raw = raw, |s| &mut s.route);
    let follow_up = reader.read(&c.follow_up, normalizer::follow_up, |v, raw| v.raw = raw, |s| &mut s.follow_up);
    let outcome = reader.read(&c.outcome, normalizer::outcome, |v, raw| v.raw = raw, |s| &mut s.outcome);
    let n_patients = reader.read_scalar(&c.n_patients, "n_patients", "a patient count", normalizer::patient_count);
    let year = reader.read_scalar(&c.year, "year", "a year", normalizer::year);
    let reference = c
        .reference
        .as_ref()
        .map(|raw| StudyReference { raw: raw.text.clone(), numbers: trialex_extractor::citation::numbers(&raw.text) });
    let mut spans = reader.spans;
    spans.n_patients = exact_span(text, c.n_patients.as_ref());
    spans.year = exact_span(text, c.year.as_ref());
    spans.reference = exact_span(text, c.reference.as_ref());
    Study {
        id: c.id.clone(),
        source: c.source.clone(),
        condition,
        cell: merge_cells(own_cell, context_cell),
        dose,
        route,
        follow_up,
        outcome,
        n_patients,
        trial_ids: c.trial_ids.clone(),
        year,
        reference,
        extras: c.extras.clone(),
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
    fn read<T>(
        &mut self,
        raw: &Option<RawField>,
        read: fn(&str) -> Reading<T>,
        set_raw: fn(&mut T, String),
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
            set_raw(&mut value, narrowed.to_string());
            value_span = exact.map(|s| [s[0] + range.start, s[0] + range.end]);
            span = value_span.or(span);
        }
        *span_of(&mut self.spans) = value_span;
        for mut d in reading.diagnostics {
            d.study = Some(self.study.to_string());
            d.span = d.span.or(span);
            self.diagnostics.push(d);
        }
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
        let study = study_of(&text, &candidate("row"), &mut diagnostics);
        assert!(study.dose.is_none() && study.cell.is_none() && study.reference.is_none());
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn raw_values_keep_their_text() {
        let doc = "肝衰竭\t/\t[17]";
        let text = DocumentText::new(doc);
        let mut c = candidate(doc);
        c.dose = Some(RawField::new("/", [10, 11]));
        c.reference = Some(RawField::new("[17]", [12, 16]));
        let mut diagnostics = vec![];
        let study = study_of(&text, &c, &mut diagnostics);
        assert_eq!(study.dose.as_ref().map(|d| d.raw.as_str()), Some("/"));
        assert_eq!(study.reference.as_ref().map(|r| r.raw.as_str()), Some("[17]"));
    }
}
