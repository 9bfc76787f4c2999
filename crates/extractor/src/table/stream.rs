//! Tables whose cells each end with a pipe and whose line breaks do not follow the rows.
//!
//! A web page's table copied as text may come out one cell per line, each ending in ` |`, a
//! wrapped cell's tail alone before a lone `|`, and nothing at all between two rows:
//!
//! ```text
//! Decompensated liver cirrhosis |
//! UC-MSCs |
//! …
//! 1.0 × 108
//! |
//! 6 months |
//! ```
//!
//! or as pipe rows without a leading pipe whose last cell wrapped onto the next line
//! (`… | Decreased MELD score |⏎[66] |`). Either way the pipes, not the lines, end the cells:
//! the text is read as a stream of cells ([`cells`]) and cut into rows of the header's
//! column count. Where no header stands above the stream (an excerpt that starts below it),
//! the column count and each column's role are inferred from the repeating pattern of what
//! the cells read as ([`infer_columns`]); the first cell opens the first row.

use trialex_model::RawField;

use super::lines::Line;
use super::typed;
use super::{Column, Role, Row};

/// Fewest cells a stream must have to be read as a table without a header (two rows of the
/// narrowest table).
const MIN_HEADERLESS_CELLS: usize = 9;
/// Column counts tried for a stream without a header.
const MIN_COLUMNS: usize = 3;
const MAX_COLUMNS: usize = 16;
/// A column's role is inferred where this share of its cells reads as that role.
const ROLE_SHARE: f32 = 0.6;
/// A cell reads as a role where its fit is at least this ([`typed::fit`]).
const READS: f32 = 1.0;
/// Scores of two column counts this close are a tie (the smaller count wins).
const TIE: f32 = 0.05;

/// One cell of a stream: its text (the pieces of a wrapped cell joined by a space) and its
/// span when it lies on one line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StreamCell {
    pub field: Option<RawField>,
    /// Byte range in the document from the cell's first character to its last.
    pub extent: [usize; 2],
}

/// A line that ends with a pipe and holds no pipe before it that opens the line: a cell, or
/// the last cells of a pipe row without a leading border.
fn ends_with_pipe(line: &Line) -> bool {
    let text = line.text.trim();
    text.ends_with(['|', '｜']) && !text.starts_with(['|', '｜'])
}

/// A pipe alone on its line.
fn lone_pipe(line: &Line) -> bool {
    super::header::is_lone_pipe(line)
}

/// The cells of the stream that starts at line `from`, and the line after its last cell. The
/// stream ends at a blank line followed by a line that does not end with a pipe, at a line
/// that does not end with a pipe and is not followed by a lone pipe, or at the text's end.
pub(crate) fn cells(lines: &[Line], from: usize) -> (Vec<StreamCell>, usize) {
    let mut cells = Vec::new();
    let mut pending: Vec<(usize, usize, String)> = Vec::new(); // pieces of an unfinished cell
    let mut j = from;
    let mut end = from;
    while let Some(line) = lines.get(j) {
        if line.is_blank() {
            j += 1;
            continue;
        }
        if super::layout::is_rule_line(line) {
            j += 1;
            continue;
        }
        if lone_pipe(line) {
            if !pending.is_empty() {
                cells.push(joined(&pending));
                pending.clear();
            }
            j += 1;
            end = j;
            continue;
        }
        if ends_with_pipe(line) {
            let piece = line.trimmed();
            let mut offset = 0;
            for (at, pipe) in piece.text.match_indices(['|', '｜']) {
                let raw = &piece.text[offset..at];
                let cell_text = raw.trim();
                let cell_start = piece.start + offset + (raw.len() - raw.trim_start().len());
                if pending.is_empty() {
                    cells.push(single(cell_text, cell_start));
                } else {
                    pending.push((cell_start, cell_start + cell_text.len(), cell_text.to_string()));
                    cells.push(joined(&pending));
                    pending.clear();
                }
                offset = at + pipe.len();
            }
            j += 1;
            end = j;
            continue;
        }
        // A line without a pipe continues a cell that a later lone pipe (or pipe) ends.
        let next = lines[j + 1..].iter().position(|l| !l.is_blank()).map(|k| j + 1 + k);
        let ends_later = next.is_some_and(|k| lone_pipe(&lines[k]) || ends_with_pipe(&lines[k]));
        if !ends_later || next.is_some_and(|k| k > j + 1) {
            break;
        }
        let piece = line.trimmed();
        pending.push((piece.start, piece.end, piece.text.to_string()));
        j += 1;
    }
    (cells, end)
}

fn single(text: &str, start: usize) -> StreamCell {
    let field = (!text.is_empty()).then(|| RawField::new(text, [start, start + text.len()]));
    StreamCell { field, extent: [start, start + text.len()] }
}

fn joined(pieces: &[(usize, usize, String)]) -> StreamCell {
    let texts: Vec<&str> = pieces.iter().map(|p| p.2.as_str()).filter(|t| !t.is_empty()).collect();
    let extent = [pieces[0].0, pieces[pieces.len() - 1].1];
    let field = match texts.len() {
        0 => None,
        1 => pieces.iter().find(|p| !p.2.is_empty()).map(|p| RawField::new(p.2.clone(), [p.0, p.1])),
        _ => Some(RawField::unanchored(texts.join(" "))),
    };
    StreamCell { field, extent }
}

/// True when the lines from `from` on are a stream of pipe-ended cells long enough to be a
/// table without a header: most lines end with a pipe, none starts with one.
pub(crate) fn starts_headerless(lines: &[Line], from: usize) -> bool {
    let window: Vec<&Line> = lines[from..].iter().filter(|l| !l.is_blank()).take(MIN_HEADERLESS_CELLS).collect();
    window.len() == MIN_HEADERLESS_CELLS
        && window.iter().filter(|l| ends_with_pipe(l)).count() + 1 >= MIN_HEADERLESS_CELLS
        && window.iter().all(|l| ends_with_pipe(l) || lone_pipe(l) || !l.text.contains(['|', '｜']))
        && window.iter().all(|l| l.text.matches(['|', '｜']).count() <= 1)
}

/// The columns of a stream without a header: the column count under which the cells at each
/// position read most alike, each column given the role most of its cells read as (None
/// where no role has [`ROLE_SHARE`] of them: free text).
pub(crate) fn infer_columns(cells: &[StreamCell]) -> Option<Vec<Column>> {
    const ROLES: [Role; 10] = [
        Role::Reference,
        Role::Dose,
        Role::FollowUp,
        Role::Route,
        Role::NPatients,
        Role::TrialId,
        Role::Phase,
        Role::Cell,
        Role::Condition,
        Role::Design,
    ];
    let text = |c: &StreamCell| c.field.as_ref().map_or("", |f| f.text.as_str()).to_string();
    let texts: Vec<String> = cells.iter().map(text).collect();
    let reads: Vec<Vec<bool>> =
        texts.iter().map(|t| ROLES.iter().map(|&r| typed::fit(Some(r), t) >= READS).collect()).collect();
    // Each role counts once, by its best column: a period twice the true one reads every
    // role twice and scores no better, and the smaller period wins a tie.
    let mut best: Option<(f32, Vec<Option<Role>>)> = None;
    // Three rows at least: with two, a column reads alike by chance.
    for period in MIN_COLUMNS..=MAX_COLUMNS.min(cells.len() / 3) {
        let rows = cells.len() / period;
        let mut roles: Vec<Option<Role>> = Vec::with_capacity(period);
        let mut best_share = [0.0f32; ROLES.len()];
        for column in 0..period {
            let at: Vec<usize> = (0..rows).map(|r| r * period + column).collect();
            // The most specific role first: a dose cell also names cells (`MSC/kg`).
            let role = ROLES.iter().enumerate().find_map(|(k, _)| {
                let share = at.iter().filter(|&&i| reads[i][k]).count() as f32 / at.len() as f32;
                (share >= ROLE_SHARE).then_some((k, share))
            });
            if let Some((k, share)) = role {
                best_share[k] = best_share[k].max(share);
            }
            roles.push(role.map(|(k, _)| ROLES[k]));
        }
        let distinct = best_share.iter().filter(|&&s| s > 0.0).count();
        let score: f32 = best_share.iter().sum();
        if distinct >= 3 && best.as_ref().is_none_or(|(s, _)| score > *s + TIE) {
            best = Some((score, roles));
        }
    }
    let (_, roles) = best?;
    // Free-text columns after the typed ones: the long one is the outcome.
    let roles = name_free_columns(roles, &texts);
    Some(
        roles
            .into_iter()
            .enumerate()
            .map(|(k, role)| Column { header: String::new(), role, position: k, display_position: k })
            .collect(),
    )
}

/// The free-text column whose cells are longest is the outcome (results are written in
/// sentences); the others stay free text.
fn name_free_columns(mut roles: Vec<Option<Role>>, texts: &[String]) -> Vec<Option<Role>> {
    let period = roles.len();
    let mean_len = |column: usize| {
        let lens: Vec<usize> = texts.iter().skip(column).step_by(period).map(|t| t.chars().count()).collect();
        lens.iter().sum::<usize>() as f32 / lens.len().max(1) as f32
    };
    if let Some(column) =
        (0..period).filter(|&k| roles[k].is_none()).max_by(|&a, &b| mean_len(a).total_cmp(&mean_len(b)))
        && mean_len(column) > 40.0
    {
        roles[column] = Some(Role::Outcome);
    }
    roles
}

/// The rows of `cells` under `count` columns: consecutive runs of `count` cells; a last run
/// that the stream cuts short is not a row (its cell count is returned beside).
pub(crate) fn rows(cells: &[StreamCell], count: usize) -> (Vec<Row>, usize) {
    let mut rows = Vec::new();
    let chunks = cells.chunks(count);
    let mut partial = 0;
    for chunk in chunks {
        if chunk.len() < count {
            partial = chunk.len();
            break;
        }
        let span = [chunk[0].extent[0], chunk[count - 1].extent[1]];
        rows.push(Row { span, cells: chunk.iter().map(|c| c.field.clone()).collect() });
    }
    (rows, partial)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::lines::split_lines;

    fn texts(cells: &[StreamCell]) -> Vec<String> {
        cells.iter().map(|c| c.field.as_ref().map_or(String::new(), |f| f.text.clone())).collect()
    }

    #[test]
    fn pipes_end_the_cells_whatever_the_lines_do() {
        let text = "HBV cirrhosis |\nUC-MSCs |\n1.0 × 108\n|\n6 months |\nLee et al. [3] |\n";
        let lines = split_lines(text);
        let (cells, end) = cells(&lines, 0);
        assert_eq!(texts(&cells), ["HBV cirrhosis", "UC-MSCs", "1.0 × 108", "6 months", "Lee et al. [3]"]);
        assert_eq!(end, lines.len());
        for cell in &cells {
            let f = cell.field.as_ref().unwrap();
            assert_eq!(&text[f.span.unwrap()[0]..f.span.unwrap()[1]], f.text);
        }
        let text =
            "UC-MSC | 0.5 × 106/kg | 43 | Increased albumin |\n[66] |\nUC-MSC | 1 × 106 | 7 | Decreased ALP | [25] |\n";
        let (cells, _) = super::cells(&split_lines(text), 0);
        assert_eq!(cells.len(), 10);
        assert_eq!(texts(&cells)[4], "[66]");
        let (rows, partial) = rows(&cells, 5);
        assert_eq!((rows.len(), partial), (2, 0));
    }

    #[test]
    fn the_columns_of_a_stream_without_header_come_from_what_its_cells_read_as() {
        let mut text = String::new();
        for (k, (condition, dose, months)) in [
            ("Alcoholic cirrhosis", "5 × 107/kg", 12),
            ("Liver cirrhosis", "1.0 × 108", 6),
            ("HBV cirrhosis", "0.5 × 106/kg", 48),
        ]
        .iter()
        .enumerate()
        {
            text.push_str(&format!(
                "{condition} |\nBM-MSCs |\nHepatic artery |\n{dose} |\n{months} months |\nImproved liver function and the Child–Pugh score over the whole period |\nKim et al. [{k}] |\n"
            ));
        }
        let lines = split_lines(&text);
        assert!(starts_headerless(&lines, 0));
        let (cells, _) = cells(&lines, 0);
        let columns = infer_columns(&cells).unwrap();
        let roles: Vec<Option<Role>> = columns.iter().map(|c| c.role).collect();
        assert_eq!(
            roles,
            [
                Some(Role::Condition),
                Some(Role::Cell),
                Some(Role::Route),
                Some(Role::Dose),
                Some(Role::FollowUp),
                Some(Role::Outcome),
                Some(Role::Reference)
            ]
        );
    }
}
