//! Cutting a row whose separators cannot be trusted into its cells, by what the pieces read as.
//!
//! A web page's table comes out as text with its cells glued together
//! (`Novak et al[15] 2009CirrhosisBM/Auton = 9…2.5 × 1073-4PV/IVI/IIMELD ↓36 wkNone`) or
//! parted by single spaces, the same spaces that part the words inside a cell
//! (`NCT02345678 2012.03–2014.08 Liver Cirrhosis Phase 1`). The row is cut at candidate points
//! ([`cut_points`]): spaces and line breaks, and inside words where a cell can end without a
//! space, at a change of case or of script, between a letter and a digit, after a closing
//! bracket, inside a run of capitals (`IVI` is `IV` + `I`) or of digits (a flattened `× 107`
//! followed by a passage `2-4`), and before a glued `n = 20`. Each choice of cuts gives every
//! column, in order, one piece (or nothing); its score is the sum of what each piece reads as
//! in its column ([`super::typed::fit`]) less what its cuts cost. The best choice is found by
//! dynamic programming over cut points × columns.
//!
//! A cut never falls inside a notation that reads whole: the score of `0.6 × 107` in a dose
//! column is high and that of `0.6 × 1072` is low, so the cut after `107` wins.

use std::collections::HashMap;

use super::typed::{self, Kind};

/// What a cut at a point costs: free between words, a little inside a word, more inside a run
/// of digits or of capitals (where only a reading on both sides justifies it).
const SPACE_CUT: f32 = 0.0;
const LOWERCASE_CUT: f32 = 0.3;
const GLUE_CUT: f32 = 0.05;
const CLASS_CUT: f32 = 0.15;
const RUN_CUT: f32 = 0.4;
/// A cell that runs over a line break (a cell the page broke, `Phase 1⏎Phase 2`) costs this.
const LINE_BREAK_INSIDE: f32 = 0.15;
/// Signs that join a piece to what follows it, and what a piece ending on one costs.
const DANGLING: &[char] = &['×', '*', '~', '～', '–', '-', '+', '=', '(', '[', '/', '^'];
const DANGLING_END: f32 = 1.0;
/// An empty first cell: a row names itself there.
const EMPTY_FIRST: f32 = -1.5;
/// Longest cell of a typed column (bytes, and cut points spanned); free-text columns take
/// any length.
const MAX_TYPED_BYTES: usize = 120;
const MAX_TYPED_CUTS: usize = 16;

/// A candidate cut: a byte offset into the row text and what cutting there costs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Cut {
    pub at: usize,
    pub cost: f32,
}

/// The candidate cut points of `text`, in order, the start and the end included (both free).
/// A run of whitespace gives one cut, after it (cells are trimmed).
pub(crate) fn cut_points(text: &str) -> Vec<Cut> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut cuts = vec![Cut { at: 0, cost: 0.0 }];
    for k in 1..chars.len() {
        let (at, b) = chars[k];
        let a = chars[k - 1].1;
        if b.is_whitespace() {
            continue;
        }
        let cost = if a.is_whitespace() {
            // Cells start with a capital far more often than the words inside them do, and a
            // bracket after a space mostly goes on the words before it (`Cirrhosis (HBV)`).
            Some(if b.is_lowercase() || b == '(' { LOWERCASE_CUT } else { SPACE_CUT })
        } else {
            glue_cost(&chars, k)
        };
        if let Some(cost) = cost {
            cuts.push(Cut { at, cost });
        }
    }
    if !text.is_empty() {
        cuts.push(Cut { at: text.len(), cost: 0.0 });
    }
    cuts
}

/// The cost of a cut between two characters with no space between them, or None where no
/// cell boundary can fall (inside a lowercase word, inside a decimal number, at a hyphen …).
fn glue_cost(chars: &[(usize, char)], k: usize) -> Option<f32> {
    let a = chars[k - 1].1;
    let b = chars[k].1;
    let next = chars.get(k + 1).map(|&(_, c)| c);
    let before = if k >= 2 { Some(chars[k - 2].1) } else { None };
    if a.is_lowercase() && b.is_uppercase() {
        return Some(GLUE_CUT);
    }
    if a.is_uppercase() && b.is_uppercase() {
        return Some(RUN_CUT);
    }
    if a.is_ascii_digit() && b.is_ascii_digit() {
        return Some(RUN_CUT);
    }
    if (a.is_alphabetic() && b.is_ascii_digit()) || (a.is_ascii_digit() && b.is_alphabetic()) {
        return Some(CLASS_CUT);
    }
    // A closing bracket, a full stop or a percent sign glued to the next cell (`[14] 2007`,
    // `Ref.Etiology`, `(15%)None`); not a decimal point or a thousands comma.
    if matches!(a, ')' | ']' | '）' | '%' | '.' | ';' | ',') && b.is_alphanumeric() {
        let decimal = matches!(a, '.' | ',') && b.is_ascii_digit() && before.is_some_and(|c| c.is_ascii_digit());
        return (!decimal).then_some(CLASS_CUT);
    }
    // A sign or symbol that closes a cell (`MELD ↓12 mo`, `Brand™Auto`).
    if !a.is_alphanumeric() && !a.is_whitespace() && !"/-–(（[+&'’:=<>≤≥~～".contains(a) && b.is_alphanumeric()
    {
        return Some(CLASS_CUT);
    }
    // A glued count after a word (`BM/Auton = 41`): before an `n` that opens `n = 4`.
    if a.is_lowercase() && b == 'n' && next.is_some_and(|c| c == ' ' || c == '=') {
        let rest: String = chars[k..].iter().take(6).map(|&(_, c)| c).collect();
        if rest.trim_start_matches('n').trim_start().starts_with('=') {
            return Some(CLASS_CUT);
        }
    }
    // A script change (`肝硬化BM-MSC`).
    if is_cjk(a) != is_cjk(b) && (a.is_alphanumeric() && b.is_alphanumeric()) {
        return Some(GLUE_CUT);
    }
    None
}

use trialex_model::script::is_cjk;

/// A row's text with its candidate cuts and the scores of the pieces read so far, so that
/// the same row cut under several column orders reads each piece once.
pub(crate) struct Segmenter<'t> {
    text: &'t str,
    cuts: Vec<Cut>,
    memo: HashMap<(Kind, usize, usize), f32>,
}

impl<'t> Segmenter<'t> {
    pub fn new(text: &'t str) -> Self {
        Segmenter { text, cuts: cut_points(text), memo: HashMap::new() }
    }

    /// The score of the piece between cuts `a` and `b` in a column of `kind`.
    fn piece(&mut self, kind: Kind, a: usize, b: usize) -> f32 {
        let (text, cuts) = (self.text, &self.cuts);
        *self.memo.entry((kind, a, b)).or_insert_with(|| {
            let piece = &text[cuts[a].at..cuts[b].at];
            let breaks = piece.trim().matches('\n').count() as f32;
            // A cell does not end on a sign that joins it to what follows (`0.5 ×`).
            let dangling = if piece.trim_end().ends_with(DANGLING) { DANGLING_END } else { 0.0 };
            typed::fit(kind, piece) - breaks * LINE_BREAK_INSIDE - dangling
        })
    }

    /// The best cut into one piece per column of kind `roles`: each column's byte range
    /// (empty where the column takes nothing) and the total score.
    pub fn segment(&mut self, roles: &[Kind]) -> (Vec<std::ops::Range<usize>>, f32) {
        let m = self.cuts.len();
        let n = roles.len();
        if n == 0 || m < 2 {
            return (vec![0..0; n], f32::NEG_INFINITY);
        }
        // best[k][j]: the best score of the first k columns covering text[..cuts[j]].
        let mut best = vec![vec![f32::NEG_INFINITY; m]; n + 1];
        let mut from = vec![vec![usize::MAX; m]; n + 1];
        best[0][0] = 0.0;
        for k in 0..n {
            // A typed cell spans few cut points; free text any number.
            let reach = if roles[k].is_free() { m } else { MAX_TYPED_CUTS };
            for a in 0..m {
                let base = best[k][a];
                if !base.is_finite() {
                    continue;
                }
                for b in a..m.min(a + reach + 1) {
                    // The last column takes the rest of the row.
                    if k + 1 == n && b != m - 1 {
                        continue;
                    }
                    let piece = if a == b {
                        // A row names itself in its first cell (an author, a trial, a title).
                        if k == 0 { EMPTY_FIRST } else { typed::EMPTY }
                    } else if !roles[k].is_free() && self.cuts[b].at - self.cuts[a].at > MAX_TYPED_BYTES {
                        break;
                    } else {
                        self.piece(roles[k], a, b)
                    };
                    let cost = if b > a && b < m - 1 { self.cuts[b].cost } else { 0.0 };
                    let score = base + piece - cost;
                    if score > best[k + 1][b] {
                        best[k + 1][b] = score;
                        from[k + 1][b] = a;
                    }
                }
            }
        }
        let total = best[n][m - 1];
        if !total.is_finite() {
            return (vec![0..0; n], total);
        }
        let mut ranges = vec![0..0; n];
        let mut j = m - 1;
        for k in (0..n).rev() {
            let a = from[k + 1][j];
            ranges[k] = trimmed(self.text, self.cuts[a].at, self.cuts[j].at);
            j = a;
        }
        (ranges, total)
    }
}

/// The best cut of `text` into one piece per column of kind `roles` (see [`Segmenter`]).
#[cfg(test)]
pub(crate) fn segment(text: &str, roles: &[Kind]) -> (Vec<std::ops::Range<usize>>, f32) {
    Segmenter::new(text).segment(roles)
}

/// `start..end` without the whitespace at its ends.
fn trimmed(text: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let s = start + lead;
    s..(s + piece.trim().len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Role::{self, *};

    fn cells(text: &str, roles: &[Option<Role>]) -> Vec<String> {
        let kinds: Vec<Kind> = roles.iter().map(|&r| r.into()).collect();
        let (ranges, _) = segment(text, &kinds);
        ranges.into_iter().map(|r| text[r].to_string()).collect()
    }

    #[test]
    fn cut_points_fall_between_words_and_at_glue() {
        let at: Vec<usize> = cut_points("2007CirrhosisBM/Auto").iter().map(|c| c.at).collect();
        assert!(at.contains(&4) && at.contains(&13), "{at:?}");
        assert!(!at.contains(&15), "no cut after the slash: {at:?}");
        let at: Vec<usize> = cut_points("0.5 × 106").iter().map(|c| c.at).collect();
        assert!(!at.contains(&1) && !at.contains(&2), "no cut at a decimal point: {at:?}");
        let at: Vec<usize> = cut_points("BM/Auton = 41").iter().map(|c| c.at).collect();
        assert!(at.contains(&7), "before a glued n =: {at:?}");
    }

    #[test]
    fn a_glued_row_is_cut_by_what_its_pieces_read_as() {
        let roles = [
            Some(Reference),
            Some(Condition),
            Some(Cell),
            Some(Design),
            Some(Dose),
            Some(Other),
            Some(Route),
            Some(Phase),
            Some(Outcome),
            Some(FollowUp),
            Some(Other),
        ];
        let row = "Okafor et al[35] 2015CirrhosisBM/Auton = 3010 × 1062ISI/IIALT ↓,AST ↓,BIL ↓36 wkNone";
        assert_eq!(
            cells(row, &roles),
            [
                "Okafor et al[35] 2015",
                "Cirrhosis",
                "BM/Auto",
                "n = 30",
                "10 × 106",
                "2",
                "IS",
                "I/II",
                "ALT ↓,AST ↓,BIL ↓",
                "36 wk",
                "None"
            ]
        );
    }

    #[test]
    fn a_registry_row_glued_after_its_number() {
        let roles = [
            Some(TrialId),
            Some(Other),
            Some(Condition),
            Some(Phase),
            Some(NPatients),
            Some(Design),
            Some(Design),
            Some(Cell),
            Some(Cell),
            Some(Dose),
            Some(Infusions),
            Some(Route),
        ];
        let row = "NCT07654321PeruDecompensated cirrhosisII184 participantsNonrandomized/open labelParallel assignmentUC-MSCAllo2~4Peripheral vein";
        let got = cells(row, &roles);
        assert_eq!(got[0], "NCT07654321");
        assert_eq!(got[2], "Decompensated cirrhosis");
        assert_eq!(got[3], "II");
        assert_eq!(got[4], "184 participants");
        assert_eq!(got[7], "UC-MSC");
        assert_eq!(got[8], "Allo");
        assert_eq!(got[10], "2~4");
        assert_eq!(got[11], "Peripheral vein");
    }

    #[test]
    fn single_spaces_between_cells() {
        let roles =
            [Some(Reference), Some(Other), Some(NPatients), Some(Condition), Some(Cell), Some(Dose), Some(Route)];
        let row = "Ana Ruiz/2014 Chile 38 HBV-ACLF UC-MSCs Each 0.5 × 106/kg, thrice PV";
        let got = cells(row, &roles);
        assert_eq!(got[2], "38");
        assert_eq!(got[3], "HBV-ACLF");
        // `Each` may go either way: both readings give the same cells and dose.
        assert!(got[4].starts_with("UC-MSCs"), "{got:?}");
        assert!(got[5].contains("0.5 × 106/kg, thrice"), "{got:?}");
        assert_eq!(got[6], "PV");
    }
}
