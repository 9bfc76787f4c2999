//! Rows of a table whose separators cannot be trusted (see [`super::words`] for its header
//! and [`super::segment`] for cutting a row into cells).
//!
//! What opens a row is learnt from the first row: where it opens with a registry number or
//! an author (`NCT02345678 …`, `Novak et al[15] 2009…`), every line that opens the same
//! way opens a row and the lines between continue it (a cell the page broke over lines,
//! `Phase 1⏎Phase 2`); otherwise every line is a row. The column order is the one of the
//! header's orders under which the first rows read best. A line whose cells read as too
//! little of what the columns hold (a sub-header such as `SCT SMT SCT SMT`, a sentence after
//! the table) is not a row: it is skipped before the first row and ends the table after it.

use trialex_model::{Diagnostic, RawField};
use trialex_normalizer as normalizer;

use super::lines::Line;
use super::rows::{ends_table, is_prose};
use super::segment::Segmenter;
use super::typed::{self, Kind, Opener, opener};
use super::words;
use super::{Role, Row, header};

/// How many rows decide the column order.
const ORDER_SAMPLE: usize = 4;
/// Most lines one row may take.
const MAX_ROW_LINES: usize = 8;
/// A typed cell that reads at least this well counts as read ([`typed::fit`]).
const READ: f32 = 1.0;

/// A row's text joined from its lines, with where each line stands in the document.
struct RowText {
    text: String,
    /// (offset in `text`, offset in the document, length) of each line.
    pieces: Vec<(usize, usize, usize)>,
    span: [usize; 2],
}

impl RowText {
    fn new(lines: &[Line], indices: &[usize]) -> RowText {
        let mut text = String::new();
        let mut pieces = Vec::new();
        for (k, &i) in indices.iter().enumerate() {
            if k > 0 {
                text.push('\n');
            }
            let piece = lines[i].trimmed();
            pieces.push((text.len(), piece.start, piece.text.len()));
            text.push_str(piece.text);
        }
        let first = lines[indices[0]].trimmed();
        let last = lines[indices[indices.len() - 1]].trimmed();
        RowText { text, pieces, span: [first.start, last.end] }
    }

    /// The cell at `range` of the row text: with its document span when it lies on one line,
    /// else its lines joined by a space (no span).
    fn cell(&self, range: std::ops::Range<usize>) -> Option<RawField> {
        if range.is_empty() {
            return None;
        }
        let piece = &self.text[range.clone()];
        let line = self.pieces.iter().find(|(at, _, len)| *at <= range.start && range.end <= at + len);
        Some(match line {
            Some(&(at, doc, _)) => RawField::new(piece, [doc + range.start - at, doc + range.end - at]),
            None => RawField::unanchored(piece.split('\n').map(str::trim).collect::<Vec<_>>().join(" ")),
        })
    }
}

/// The rows under `found` and the header in the column order they read best with; the index
/// of the line after the last row. None when no line under the header reads as a row.
pub(crate) fn read(
    lines: &[Line],
    found: &words::Header,
) -> Option<(header::Header, Vec<Row>, usize, Vec<Diagnostic>)> {
    let groups = row_lines(lines, found.end_line);
    if groups.is_empty() {
        return None;
    }
    let texts: Vec<RowText> = groups.iter().map(|g| RowText::new(lines, g)).collect();
    let mut segmenters: Vec<Segmenter> = texts.iter().map(|t| Segmenter::new(&t.text)).collect();
    let order = best_order(found, &texts, &mut segmenters);
    let chosen = found.with_order(order);
    let roles: Vec<Kind> = chosen.columns.iter().map(Kind::of).collect();
    let mut rows = Vec::new();
    let mut next = found.end_line;
    let mut diagnostics = Vec::new();
    for ((group, text), segmenter) in groups.iter().zip(&texts).zip(segmenters.iter_mut()) {
        let (ranges, _) = segmenter.segment(&roles);
        if !reads_as_row(&text.text, &ranges, &roles) {
            if rows.is_empty() {
                continue;
            }
            break;
        }
        let cells = ranges.into_iter().map(|r| text.cell(r)).collect();
        rows.push(Row { span: text.span, cells });
        next = group[group.len() - 1] + 1;
    }
    if rows.is_empty() {
        return None;
    }
    if groups.len() > rows.len() && rows.len() < 2 {
        diagnostics.push(
            Diagnostic::warning(
                "table.unread_rows",
                format!(
                    "a table header was found but {} of its {} lines could not be read as rows",
                    groups.len() - rows.len(),
                    groups.len()
                ),
            )
            .at(found.span),
        );
    }
    Some((chosen, rows, next, diagnostics))
}

/// The lines of each row under a header that ends at line `from`, until the table ends.
fn row_lines(lines: &[Line], from: usize) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut kind: Option<Option<Opener>> = None;
    let mut blank_before = false;
    let mut j = from;
    while let Some(line) = lines.get(j) {
        if line.is_blank() {
            blank_before = true;
            j += 1;
            continue;
        }
        if ends_table(lines, j)
            || (!groups.is_empty() && (header::detect(lines, j).is_some() || words::detect(lines, j).is_some()))
        {
            break;
        }
        let opens = opener(line.text);
        match kind {
            // The first line sets what opens a row; a first line that opens with no known kind
            // (a sub-header) leaves it to the next line.
            None => {
                kind = Some(opens);
                groups.push(vec![j]);
            }
            Some(Some(k)) if opens == Some(k) => groups.push(vec![j]),
            // A line that continues the row above follows it directly.
            Some(Some(_)) => match groups.last_mut() {
                Some(last) if !blank_before && last.len() < MAX_ROW_LINES => last.push(j),
                _ => break,
            },
            Some(None) => {
                if is_prose(line.text) {
                    break;
                }
                if opens.is_some() && groups.len() == 1 {
                    kind = Some(opens);
                }
                groups.push(vec![j]);
            }
        }
        blank_before = false;
        j += 1;
    }
    groups
}

/// The column order under which the first rows read best.
fn best_order(found: &words::Header, texts: &[RowText], segmenters: &mut [Segmenter]) -> usize {
    if found.orders.len() == 1 {
        return 0;
    }
    let sample: Vec<usize> =
        (0..texts.len()).filter(|&k| texts[k].text.chars().count() > 10).take(ORDER_SAMPLE).collect();
    (0..found.orders.len())
        .map(|k| {
            let roles: Vec<Kind> = found.orders[k].iter().map(Kind::of).collect();
            let total: f32 = sample.iter().map(|&r| segmenters[r].segment(&roles).1).filter(|s| s.is_finite()).sum();
            (k, total)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map_or(0, |(k, _)| k)
}

/// True when enough of the typed columns read their cells, or say their value is missing: two
/// (one in a table with fewer than three typed columns).
fn reads_as_row(text: &str, ranges: &[std::ops::Range<usize>], roles: &[Kind]) -> bool {
    let typed_roles =
        roles.iter().filter(|k| k.role.is_some_and(|r| !matches!(r, Role::Outcome | Role::Other))).count();
    let read = ranges
        .iter()
        .zip(roles)
        .filter(|(range, kind)| {
            let cell = &text[(*range).clone()];
            kind.role.is_some_and(|r| !matches!(r, Role::Outcome | Role::Other))
                && (typed::fit(**kind, cell) >= READ || normalizer::is_missing(cell))
        })
        .count();
    read >= if typed_roles < 3 { 1 } else { 2 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::lines::split_lines;

    #[test]
    fn registry_rows_over_several_lines_are_joined() {
        let text = "NCT number Dates Conditions Study phase Interventions Cell source No. of patients Primary outcome measures Locations\n\
NCT02345678 2012.03–2014.08 Liver Cirrhosis Phase 1\nPhase 2\nConventional therapy plus hUC-MSCs treatment hUC-MSCs 20 Overall Survival China\n\
NCT01875081 2012.11–2016.03 Alcoholic Liver Cirrhosis Phase 2 5*107 autologous BM-MSCs injected through the hepatic artery BM-MSCs 72 Histopathological evaluation Korea\n";
        let lines = split_lines(text);
        let found = words::detect(&lines, 0).unwrap();
        let (header, rows, next, _) = read(&lines, &found).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(next, 5);
        let patients = header.columns.iter().position(|c| c.role == Some(Role::NPatients)).unwrap();
        assert_eq!(rows[0].cells[patients].as_ref().unwrap().text, "20");
        assert_eq!(rows[1].cells[patients].as_ref().unwrap().text, "72");
        let phase = header.columns.iter().position(|c| c.role == Some(Role::Phase)).unwrap();
        assert_eq!(rows[0].cells[phase].as_ref().unwrap().text, "Phase 1 Phase 2");
    }
}
