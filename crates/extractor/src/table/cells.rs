//! Tables written one cell per line, without blank lines between rows: which lines make
//! which cell.
//!
//! Counting lines goes wrong as soon as one cell wraps onto a second line: every later row
//! shifts by one. So the lines are aligned with the columns by what they say instead: a line
//! that reads as a dose belongs in the dose column, a citation in the reference column, a
//! duration in the follow-up column (see [`signals`]). Each line either opens the next
//! column's cell or continues the cell above; the best-scoring alignment over the whole table
//! wins (dynamic programming over lines × columns). With no content evidence the alignment is
//! the strict count, because a continuation costs a little and shifts every row after it.

use trialex_normalizer as normalizer;

use std::sync::LazyLock;

use regex::Regex;

use super::Role;
use super::vocab::{CUES, any_word};
use crate::citation;

/// A year alone (`2013`): a start or publication year, not a count.
static YEAR_ALONE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:19[5-9]\d|20[0-4]\d)$").expect("year regex"));

/// Words of an author cell (`et al`).
static AUTHOR_CUE: LazyLock<Regex> = LazyLock::new(|| any_word(&CUES.author_cues));

/// Score of a line that opens a cell (every table line is worth keeping).
const CELL_BASE: f32 = 0.5;
/// Score of a line that continues the cell above (a wrapped cell needs evidence).
const CONTINUATION_BASE: f32 = -0.25;
/// Bonus of a continuation that reads as one (`bilirubin decreased` after `…scores;`).
const READS_CONTINUED: f32 = 0.5;
/// Content that names the column's role, or another role of the table.
const MATCH: f32 = 1.0;
const MISMATCH: f32 = -1.0;
/// What a cell left with no line of its own costs, and how many in a row may be left so.
const SKIP: f32 = 1.0;
const MAX_SKIPPED: usize = 2;
/// Longest line (characters) whose duration or patient count reads as the whole cell.
const SHORT_CELL_CHARS: usize = 30;

/// What one line says about the column it stands in.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Signals {
    /// Roles the line's content names unambiguously (a dose, a duration, a citation …).
    strong: Vec<Role>,
    /// Roles it may well be (a cell product, a condition), which never count against it.
    weak: Vec<Role>,
    /// It starts lowercase or the line is a sentence fragment after a comma or semicolon.
    lower_start: bool,
}

/// The content roles of a line of a cell-per-line table.
pub(crate) fn signals(text: &str) -> Signals {
    let text = text.trim();
    let mut s = Signals { lower_start: text.starts_with(|c: char| c.is_lowercase()), ..Signals::default() };
    let short = text.chars().count() <= SHORT_CELL_CHARS;
    if !citation::find_markers(text).is_empty() || AUTHOR_CUE.is_match(text) {
        s.strong.push(Role::Reference);
        s.weak.push(Role::Year);
    }
    let dose = normalizer::dose(text).value;
    let is_dose = dose.min.is_some() || dose.max.is_some() || dose.mean.is_some() || !dose.values.is_empty();
    if is_dose {
        s.strong.push(Role::Dose);
    }
    if short && !is_dose && normalizer::follow_up(text).value.min_days.is_some() {
        s.strong.push(Role::FollowUp);
    }
    let year = YEAR_ALONE.is_match(text);
    if year {
        s.strong.push(Role::Year);
    } else if short
        && !is_dose
        && text.starts_with(|c: char| c.is_ascii_digit())
        && normalizer::patient_count(text).is_some()
    {
        s.strong.push(Role::NPatients);
    }
    if text.chars().count() <= SHORT_CELL_CHARS * 2 && !normalizer::route(text).value.routes.is_empty() {
        s.strong.push(Role::Route);
    }
    if normalizer::cell(text).value.cell_type.is_some() {
        s.weak.push(Role::Cell);
    }
    if normalizer::condition(text).value.category.is_some() {
        s.weak.push(Role::Condition);
    }
    s
}

impl Signals {
    /// The line's content names no role unambiguously.
    pub fn is_plain(&self) -> bool {
        self.strong.is_empty()
    }

    /// How well the line opens a cell of `role` in a table with `roles`.
    fn fit(&self, role: Option<Role>, roles: &[Option<Role>]) -> f32 {
        if role.is_some_and(|r| self.strong.contains(&r) || self.weak.contains(&r)) {
            return MATCH;
        }
        if !self.strong.is_empty() && self.strong.iter().all(|r| roles.contains(&Some(*r))) {
            return MISMATCH;
        }
        0.0
    }
}

/// One line to align: its signals, whether it may open a row (it is not a heading or a
/// sentence of the text after the table), and whether it ends with a joining sign.
pub(crate) struct LineInfo {
    pub signals: Signals,
    pub may_open_row: bool,
    /// A line that is a sentence cannot be a short cell (it is prose or a long outcome).
    pub sentence: bool,
    /// The line ends with `,`, `;`, `、` or `and`: the cell goes on.
    pub open_end: bool,
    /// A line of spaces only where blank lines part the cells: an empty cell.
    pub empty: bool,
}

/// How much of the lines the alignment must cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Extent {
    /// The table ends after the complete row that scores best.
    BestEnd,
    /// Every line, ending with a complete row (a block known to be rows).
    All,
}

/// The alignment of `lines` with `roles`, row after row: for each line, the column it
/// belongs to and whether it opens that column's cell. A line that opens a column at or
/// before the previous line's opens a row. Only complete rows are returned.
pub(crate) fn align(lines: &[LineInfo], roles: &[Option<Role>], extent: Extent) -> Vec<(usize, bool)> {
    let n = roles.len();
    let m = lines.len();
    if n == 0 || m == 0 || !lines[0].may_open_row {
        return Vec::new();
    }
    let cell_score = |i: usize, k: usize| {
        let line = &lines[i];
        let sentence = if line.sentence && roles[k] != Some(Role::Outcome) { MISMATCH } else { 0.0 };
        CELL_BASE + line.signals.fit(roles[k], roles) + sentence
    };
    let continuation_score = |i: usize| {
        let line = &lines[i];
        if line.empty || lines[i - 1].empty {
            return f32::NEG_INFINITY;
        }
        let mut score = CONTINUATION_BASE;
        if line.signals.lower_start || lines[i - 1].open_end {
            score += READS_CONTINUED;
        }
        if !line.signals.strong.is_empty() {
            score += MISMATCH;
        }
        score
    };
    // best[i][k]: the best score of lines 0..=i with line i in column k; from[i][k] the
    // column of line i-1 on that path.
    let mut best = vec![vec![f32::NEG_INFINITY; n]; m];
    let mut from = vec![vec![usize::MAX; n]; m];
    best[0][0] = cell_score(0, 0);
    for i in 1..m {
        for k in 0..n {
            let previous = best[i - 1][k];
            if previous.is_finite() {
                // Line i continues the cell of column k.
                let score = previous + continuation_score(i);
                if score > best[i][k] {
                    best[i][k] = score;
                    from[i][k] = k;
                }
                // Line i opens the next cell, or the next row; or, at a cost, a later one,
                // leaving the cells between empty (a page that wrote no line for them).
                for skipped in 0..=MAX_SKIPPED.min(n - 1) {
                    let at = k + 1 + skipped;
                    let (next, opens_row) = if at < n { (at, false) } else { (at - n, true) };
                    if opens_row && !lines[i].may_open_row {
                        continue;
                    }
                    let score = previous + cell_score(i, next) - SKIP * skipped as f32;
                    if score > best[i][next] {
                        best[i][next] = score;
                        from[i][next] = k;
                    }
                }
            }
        }
    }
    let end = match extent {
        Extent::All => Some(m - 1).filter(|&last| best[last][n - 1].is_finite()),
        Extent::BestEnd => best_end(&best, n),
    };
    let Some(end) = end else {
        return Vec::new();
    };
    let mut path = vec![(0, false); end + 1];
    let mut k = n - 1;
    for i in (0..=end).rev() {
        let previous = if i == 0 { usize::MAX } else { from[i][k] };
        let opens = i == 0 || previous != k;
        path[i] = (k, opens);
        if i > 0 {
            k = previous;
        }
    }
    path
}

/// The last line of the complete row that scores best (the later one on a tie).
fn best_end(best: &[Vec<f32>], n: usize) -> Option<usize> {
    (0..best.len())
        .filter(|&i| best[i][n - 1].is_finite())
        .max_by(|&a, &b| best[a][n - 1].total_cmp(&best[b][n - 1]).then(a.cmp(&b)))
}

/// The line facts of an empty cell (a line of spaces where blank lines part the cells).
pub(crate) fn empty_cell() -> LineInfo {
    LineInfo { signals: Signals::default(), may_open_row: true, sentence: false, open_end: false, empty: true }
}

/// The line facts [`align`] needs for the line `text`; `other_text` marks a heading or a
/// sentence of the text around the table, which cannot open a row.
pub(crate) fn line_info(text: &str, other_text: bool, sentence: bool) -> LineInfo {
    let text = text.trim_end();
    LineInfo {
        signals: signals(text),
        may_open_row: !other_text,
        sentence,
        open_end: text.ends_with([',', ';', '，', '；', '、']) || text.ends_with(" and") || text.ends_with(" or"),
        empty: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(text: &str) -> LineInfo {
        line_info(text, false, false)
    }

    fn cells(lines: &[&str], roles: &[Option<Role>]) -> Vec<Vec<String>> {
        let infos: Vec<LineInfo> = lines.iter().map(|l| info(l)).collect();
        let mut rows: Vec<Vec<String>> = Vec::new();
        for (i, (k, opens)) in align(&infos, roles, Extent::BestEnd).into_iter().enumerate() {
            if k == 0 && opens {
                rows.push(Vec::new());
            }
            let row = rows.last_mut().unwrap();
            if opens {
                row.push(lines[i].to_string());
            } else {
                let last = row.last_mut().unwrap();
                last.push(' ');
                last.push_str(lines[i]);
            }
        }
        rows
    }

    #[test]
    fn content_says_the_role() {
        assert!(signals("3 × 10^7 cells").strong.contains(&Role::Dose));
        assert!(signals("18 months").strong.contains(&Role::FollowUp));
        assert!(signals("Brandt and Nolan (2009) [31]").strong.contains(&Role::Reference));
        assert!(signals("Intraportal injection").strong.contains(&Role::Route));
        assert!(signals("26").strong.contains(&Role::NPatients));
        assert!(signals("Fewer episodes of encephalopathy").strong.is_empty());
    }

    #[test]
    fn a_wrapped_cell_does_not_shift_the_rows_after_it() {
        use Role::*;
        let roles = [Some(Reference), Some(NPatients), Some(Dose), Some(FollowUp), Some(Outcome)];
        let lines = [
            "Brandt (2009) [31]",
            "26",
            "3 × 10^7 cells",
            "18 months",
            "Fewer episodes of encephalopathy,",
            "shorter stay",
            "Ruiz (2011) [32]",
            "14",
            "5 × 10^5 cells/kg",
            "6 weeks",
            "INR lower",
            "Odum (2013) [33]",
            "40",
            "2e6/kg",
            "1 year",
            "Albumin higher",
        ];
        let rows = cells(&lines, &roles);
        assert_eq!(rows.len(), 3, "{rows:#?}");
        assert_eq!(rows[0][4], "Fewer episodes of encephalopathy, shorter stay");
        assert_eq!(rows[1], ["Ruiz (2011) [32]", "14", "5 × 10^5 cells/kg", "6 weeks", "INR lower"]);
        assert_eq!(rows[2][2], "2e6/kg");
    }

    #[test]
    fn without_evidence_lines_are_counted() {
        let roles = [Some(Role::Condition), Some(Role::Cell), Some(Role::Outcome)];
        let rows = cells(&["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta"], &roles);
        assert_eq!(rows, [["Alpha", "Beta", "Gamma"], ["Delta", "Epsilon", "Zeta"]]);
    }
}
