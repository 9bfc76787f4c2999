//! Header rows whose cells no separator parts, found by their vocabulary.
//!
//! A web page's table header comes out as `Study Patients Cell source Cell dose Delivery
//! Follow-up Main results` (single spaces, the same as inside `Cell source`) or glued
//! (`ClinicalTrials.gov identifierLocationConditionsPhase…`). The columns are found by the
//! header vocabulary (`data/table_headers.tsv`): the longest keywords that cover the line
//! ([`keyword_cover`]), and where the line is glued, the points where a cell ends without a
//! space (a lowercase letter or a closing bracket before a capital).
//!
//! | header line | columns |
//! |---|---|
//! | `Trial number Study phase Cell source # Primary outcome measure Time frame` | `Trial number` · `Study phase` · `Cell source` · `#` · `Primary outcome measure` · `Time frame` |
//! | `Ref.Disease or causeCell source/typeStudy design (n; arms)` | `Ref.` · `Disease or cause` · `Cell source/type` · `Study design (n; arms)` |
//! | `First authors/published year Country No. Disease etiology` | `First authors/published year` · `Country` · `No.` · `Disease etiology` |
//!
//! A header may run over two or three lines: each further line that reads as header cells
//! (`PhaseResultsFollow upSide effects`, `DoseP valueRoute`) adds its columns. Where the last
//! such line holds the sub-columns of a group cell above (`Cell administration condition`
//! over `Dose`, `P value`, `Route`), the columns are in another order than the lines give
//! them: every placement is kept as a hypothesis ([`Header::orders`]) and the rows decide.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::header::{classify_in_row, is_header};
use super::lines::Line;
use super::vocab::HEADER_KEYWORDS;
use super::{Column, Layout, Role};
use trialex_model::Span;

/// Most lines a header spreads over.
const MAX_HEADER_LINES: usize = 3;
/// A header line is at most this long (characters) and has at least this many.
const MAX_LINE_CHARS: usize = 400;
const MIN_LINE_CHARS: usize = 8;
/// Share of a header line's letters that its keywords must cover.
const MIN_COVERED: f32 = 0.45;
/// The same share in a space-separated header whose cells do not start with capitals.
const MIN_COVERED_LOWERCASE: f32 = 0.9;

/// A header found by its words, with every column order its lines allow.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Header {
    /// Column orders to try against the rows, the lines' own order first.
    pub orders: Vec<Vec<Column>>,
    pub first_line: usize,
    pub end_line: usize,
    pub span: Span,
}

impl Header {
    /// The header with one column order, in the layout every reader knows.
    pub fn with_order(&self, k: usize) -> super::header::Header {
        super::header::Header {
            layout: Layout::Unseparated,
            columns: self.orders[k].clone(),
            first_line: self.first_line,
            end_line: self.end_line,
            span: self.span,
            contiguous: true,
        }
    }
}

/// Every header keyword (lowercase) except those that must be a whole cell, for an
/// overlapping search.
static KEYWORDS: LazyLock<(AhoCorasick, Vec<usize>)> = LazyLock::new(|| {
    let ids: Vec<usize> = (0..HEADER_KEYWORDS.len()).filter(|&k| !HEADER_KEYWORDS[k].exact).collect();
    let patterns: Vec<&str> = ids.iter().map(|&k| HEADER_KEYWORDS[k].keyword.as_str()).collect();
    (AhoCorasick::new(patterns).expect("header keyword automaton"), ids)
});

/// A header cell as found on its line: the line's index, the cell's byte range and its role.
type LineCell = (usize, (std::ops::Range<usize>, Option<Role>));

/// The header that starts at line `i`, if the line's words make one.
pub(crate) fn detect(lines: &[Line], i: usize) -> Option<Header> {
    let first = lines.get(i)?;
    let cells = header_cells(first.text)?;
    let roles: Vec<Option<Role>> = cells.iter().map(|c| c.1).collect();
    if !is_header(&roles, roles.len()) {
        return None;
    }
    let mut line_cells = vec![(i, cells)];
    let mut end_line = i + 1;
    while line_cells.len() < MAX_HEADER_LINES {
        let Some(line) = lines.get(end_line).filter(|l| !l.is_blank()) else { break };
        let Some(more) = header_cells(line.text) else { break };
        let known = more.iter().filter(|c| c.1.is_some()).count();
        if known == 0 || known * 2 < more.len() {
            break;
        }
        line_cells.push((end_line, more));
        end_line += 1;
    }
    let column = |(k, (line, (range, role))): (usize, LineCell)| Column {
        header: lines[line].text[range].to_string(),
        role,
        position: k,
        display_position: k,
    };
    let flat: Vec<LineCell> =
        line_cells.iter().flat_map(|(line, cells)| cells.iter().cloned().map(move |c| (*line, c))).collect();
    let mut orders = vec![flat.iter().cloned().enumerate().map(column).collect::<Vec<_>>()];
    // The last line as the sub-columns of one cell of the lines above.
    if line_cells.len() > 1 {
        let (last_line, last) = line_cells.last().cloned().expect("two lines");
        let above: Vec<_> = flat.iter().filter(|(line, _)| *line != last_line).cloned().collect();
        if last.len() >= 2 {
            for group in 0..above.len() {
                let mut order: Vec<_> = above[..group].to_vec();
                order.extend(last.iter().cloned().map(|c| (last_line, c)));
                order.extend(above[group + 1..].iter().cloned());
                orders.push(order.into_iter().enumerate().map(column).collect());
            }
        }
    }
    let start = first.trimmed().start;
    let end = lines[end_line - 1].trimmed().end;
    Some(Header { orders, first_line: i, end_line, span: [start, end] })
}

/// The cells of a header line (byte ranges into it) and their roles; None when the line
/// does not read as a header line (too long or short, a sentence, too few keywords).
fn header_cells(line: &str) -> Option<Vec<(std::ops::Range<usize>, Option<Role>)>> {
    let text = line.trim_end();
    let chars = text.chars().count();
    if !(MIN_LINE_CHARS..=MAX_LINE_CHARS).contains(&chars) || is_sentence(text) {
        return None;
    }
    let cover = keyword_cover(text);
    let letters = text.chars().filter(|c| c.is_alphabetic()).count().max(1);
    let covered: usize = cover.iter().map(|m| text[m.clone()].chars().filter(|c| c.is_alphabetic()).count()).sum();
    if (covered as f32) < MIN_COVERED * letters as f32 {
        return None;
    }
    let inside = |at: usize| cover.iter().any(|m| m.start < at && at < m.end);
    let glue: Vec<usize> = glue_points(text).into_iter().filter(|&at| !inside(at)).collect();
    let starts: Vec<usize> = if glue.is_empty() {
        // A header whose cells are not capitalised has nothing but keywords: a title
        // (`Clinical study progress of stem cell therapy for end-stage liver disease`) has
        // words between them.
        if !capitalised(text) && (covered as f32) < MIN_COVERED_LOWERCASE * letters as f32 {
            return None;
        }
        word_starts(text, &cover)
    } else {
        let first = text.len() - text.trim_start().len();
        std::iter::once(first).chain(glue).collect()
    };
    let mut cells = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(text.len());
        let piece = &text[start..end];
        let trimmed = piece.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = piece.len() - piece.trim_start().len();
        let range = start + lead..start + lead + trimmed.len();
        cells.push((range, classify_in_row(trimmed)));
    }
    (cells.len() >= 2).then_some(cells)
}

/// A line that is a sentence, not a header: it has a comma or semicolon outside brackets, or
/// ends with a full stop after a word of three letters or more.
fn is_sentence(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '(' | '（' | '[' => depth += 1,
            ')' | '）' | ']' => depth -= 1,
            ',' | ';' | '，' | '；' | '。' if depth <= 0 => return true,
            _ => {}
        }
    }
    let last_word = text.split_whitespace().last().unwrap_or("");
    last_word.ends_with('.') && last_word.trim_end_matches('.').chars().filter(|c| c.is_alphabetic()).count() >= 3
}

/// The keyword matches that cover most of `text` without overlapping (longer matches first
/// on a tie), as byte ranges in text order. A match must start and end at a word boundary
/// or where a glued cell ends (`identifierLocation`).
pub(crate) fn keyword_cover(text: &str) -> Vec<std::ops::Range<usize>> {
    let lower = text.to_ascii_lowercase();
    let (automaton, ids) = &*KEYWORDS;
    let mut found: Vec<std::ops::Range<usize>> = automaton
        .find_overlapping_iter(&lower)
        .filter(|m| {
            let keyword = &HEADER_KEYWORDS[ids[m.pattern().as_usize()]].keyword;
            !keyword.is_ascii() || (boundary(text, m.start()) && boundary(text, m.end()))
        })
        .map(|m| m.start()..m.end())
        .collect();
    found.sort_by_key(|r| (r.end, r.start));
    // Weighted interval scheduling: best[j] is the best cover of the first j matches.
    let weight = |r: &std::ops::Range<usize>| (r.end - r.start) as u64 * 1000 - 1;
    let mut best: Vec<(u64, Option<usize>)> = vec![(0, None); found.len() + 1];
    for j in 0..found.len() {
        let compatible = found[..j].partition_point(|r| r.end <= found[j].start);
        let take = best[compatible].0 + weight(&found[j]);
        best[j + 1] = if take > best[j].0 { (take, Some(compatible)) } else { (best[j].0, None) };
    }
    let mut chosen = Vec::new();
    let mut j = found.len();
    while j > 0 {
        match best[j].1 {
            Some(previous) => {
                chosen.push(found[j - 1].clone());
                j = previous;
            }
            None => j -= 1,
        }
    }
    chosen.reverse();
    chosen
}

/// A keyword may start or end at `at`: the ends of the text, beside a character that is not
/// a letter or digit, or where a lowercase letter meets a capital (`identifier|Country`).
fn boundary(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    match (before, after) {
        (None, _) | (_, None) => true,
        (Some(b), Some(a)) => !b.is_alphanumeric() || !a.is_alphanumeric() || (b.is_lowercase() && a.is_uppercase()),
    }
}

/// Points where a glued header cell ends: a lowercase letter or a closing bracket or full
/// stop directly before a capital (`diseaseCell`, `groups)Cell`, `Ref.Etiology`).
fn glue_points(text: &str) -> Vec<usize> {
    let mut points = Vec::new();
    let mut previous: Option<char> = None;
    for (at, c) in text.char_indices() {
        if let Some(p) = previous
            && c.is_uppercase()
            && (p.is_lowercase() || matches!(p, ')' | ']' | '）' | '.'))
        {
            points.push(at);
        }
        previous = Some(c);
    }
    points
}

/// A word that starts with a capital, a digit or `#` (a header cell's first word).
fn capital(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '#')
}

/// Half the words or more start with a capital: a header whose cells are capitalised.
fn capitalised(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.iter().filter(|w| capital(w, 0)).count() * 2 >= words.len()
}

/// Where the cells of a space-separated header start: at a capitalised word that no keyword
/// holds inside it, and at a keyword that starts a cell (in a header of capitalised cells, a
/// lowercase keyword goes on the cell before: `Estimated enrollment`, `published year`).
fn word_starts(text: &str, cover: &[std::ops::Range<usize>]) -> Vec<usize> {
    let words: Vec<usize> = text
        .char_indices()
        .filter(|&(at, c)| !c.is_whitespace() && text[..at].chars().next_back().is_none_or(char::is_whitespace))
        .map(|(at, _)| at)
        .collect();
    let capitalised = capitalised(text);
    words
        .iter()
        .copied()
        .enumerate()
        .filter(|&(k, at)| {
            if k == 0 {
                return true;
            }
            let inside = cover.iter().any(|m| m.start < at && at < m.end);
            let opens_keyword = cover.iter().any(|m| m.start == at);
            if inside {
                return false;
            }
            if capitalised { capital(text, at) } else { opens_keyword || capital(text, at) }
        })
        .map(|(_, at)| at)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::lines::split_lines;

    fn cells(line: &str) -> Vec<(String, Option<Role>)> {
        header_cells(line).unwrap().into_iter().map(|(r, role)| (line[r].to_string(), role)).collect()
    }

    #[test]
    fn single_space_headers_split_by_capitals_and_keywords() {
        let got = cells("Study Patients Cell source Cell dose Delivery Follow-up Main results");
        let names: Vec<&str> = got.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(names, ["Study", "Patients", "Cell source", "Cell dose", "Delivery", "Follow-up", "Main results"]);
        assert_eq!(got[3].1, Some(Role::Dose));
        let got = cells("Trial number Study phase (type) Cell source # Primary outcome measure Time frame");
        let names: Vec<&str> = got.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(
            names,
            ["Trial number", "Study phase (type)", "Cell source", "#", "Primary outcome measure", "Time frame"]
        );
    }

    #[test]
    fn glued_headers_split_where_a_lowercase_letter_meets_a_capital() {
        let got = cells("Ref.Disease or causeCell source/typeStudy design (n; arms)");
        let names: Vec<&str> = got.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(names, ["Ref.", "Disease or cause", "Cell source/type", "Study design (n; arms)"]);
        let got = cells("ClinicalTrials.gov identifierLocationConditionsPhaseEstimated enrollment");
        let names: Vec<&str> = got.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(names, ["ClinicalTrials.gov identifier", "Location", "Conditions", "Phase", "Estimated enrollment"]);
        assert_eq!(got[0].1, Some(Role::TrialId));
        assert_eq!(got[4].1, Some(Role::NPatients));
    }

    #[test]
    fn sentences_and_data_rows_are_not_headers() {
        assert!(header_cells("The dose, route and follow-up of the cells differed between trials.").is_none());
        assert!(
            detect(&split_lines("Novak et al[14] 2008CirrhosisBM/Auton = 61, 0.8 × 1072-4IVIMELD ↓18 moNone"), 0)
                .is_none()
        );
    }

    #[test]
    fn a_last_line_of_sub_columns_gives_one_order_per_group_cell() {
        let text = "Ref.Disease or causeCell source/typeStudy design (n; arms)Cell delivery details\nPhaseResultsFollow upAdverse events\nDoseP valueRoute\nKim et al[3] 2010";
        let header = detect(&split_lines(text), 0).unwrap();
        assert_eq!(header.end_line, 3);
        let names = |k: usize| header.orders[k].iter().map(|c| c.header.clone()).collect::<Vec<_>>();
        assert_eq!(names(0).len(), 12);
        assert!(header.orders.iter().any(|o| {
            let n: Vec<&str> = o.iter().map(|c| c.header.as_str()).collect();
            n[4..8] == ["Dose", "P value", "Route", "Phase"]
        }));
    }
}
