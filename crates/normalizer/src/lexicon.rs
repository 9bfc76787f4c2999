//! The ordered-vocabulary matcher behind the route, cell, condition and outcome readers.
//!
//! A [`Lexicon`] is a table of `(pattern, value)` rows, tried in order. Every match masks
//! the text it covers, so a more specific row placed earlier wins over a more general one
//! that would match inside it (`门静脉` before the generic `静脉`, `BMSC` before `MSC`,
//! `非酒精性` before `酒精`). Latin words only match at ASCII word boundaries (`ALT` does not
//! match inside `ALTERNATIVE`, but does in `ALT升高`), which the Unicode `\b` cannot do next to
//! Chinese text.
//!
//! This is a maximum-match segmentation restricted to the domain vocabulary: the phrases
//! that matter are the table's own. What it cannot see is a longer Chinese word around a
//! match that names something else (`减少` in the disease `血小板减少症`): a lexicon told which
//! kinds of word it reads ([`Lexicon::reading`]) also drops a match that starts or ends on a
//! Chinese character strictly inside a domain word of another kind that the segmenter keeps
//! whole (see [`crate::segment`]).

use crate::segment::{DomainWords, Kinds};
use crate::text::{accepted_matches, ascii_word_after, ascii_word_before};
use regex::Regex;
use std::ops::Range;

/// One match of a lexicon row in a text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Hit<T> {
    pub range: Range<usize>,
    pub value: T,
    /// The table row that matched: a lower row is more specific.
    pub row: usize,
}

/// An ordered table of patterns (see the module documentation).
pub(crate) struct Lexicon<T> {
    rows: Vec<(Regex, T)>,
    /// The kinds of domain word this lexicon reads, when its matches must respect Chinese
    /// word boundaries; `None` for the noise tables, whose phrases are matched wherever
    /// they stand.
    reads: Option<Kinds>,
}

impl<T: Clone> Lexicon<T> {
    /// Compiles the rows, case-insensitively unless a pattern says `(?-i:…)`.
    ///
    /// The tables are static data checked by the unit tests, so an invalid pattern is a
    /// programming error and panics at first use.
    pub fn new(rows: &[(&str, T)]) -> Self {
        let rows = rows
            .iter()
            .map(|(pattern, value)| {
                let regex = Regex::new(&format!("(?i:{})", crate::text::ascii_words(pattern)))
                    .unwrap_or_else(|e| panic!("invalid lexicon pattern {pattern:?}: {e}"));
                (regex, value.clone())
            })
            .collect();
        Lexicon { rows, reads: None }
    }

    /// The same lexicon, dropping matches inside Chinese domain words of kinds other than
    /// `reads` (see the module documentation).
    pub fn reading(self, reads: Kinds) -> Self {
        Lexicon { reads: Some(reads), ..self }
    }

    /// Every match in `text`, in text order, earlier rows masking later ones.
    pub fn scan(&self, text: &str) -> Vec<Hit<T>> {
        self.scan_masked(text, &[])
    }

    /// Like [`scan`](Self::scan), with `masked` ranges of `text` hidden from every row.
    pub fn scan_masked(&self, text: &str, masked: &[Range<usize>]) -> Vec<Hit<T>> {
        let mut working = text.to_string();
        for range in masked {
            mask(&mut working, range.clone());
        }
        // The unmasked text: the segmenter needs the words around a match.
        let domain_words = self.reads.map(|reads| DomainWords::new(text, reads));
        let inside_other_word = |range: &Range<usize>| domain_words.as_ref().is_some_and(|w| w.rejects(range.clone()));
        let mut hits = Vec::new();
        for (row, (regex, value)) in self.rows.iter().enumerate() {
            let found = accepted_matches(regex, &working, |caps| {
                caps.get(0)
                    .map(|m| m.range())
                    .filter(|r| !r.is_empty() && at_word_boundaries(&working, r.clone()) && !inside_other_word(r))
            });
            for range in found {
                mask(&mut working, range.clone());
                hits.push(Hit { range, value: value.clone(), row });
            }
        }
        hits.sort_by_key(|hit| (hit.range.start, hit.range.end));
        hits
    }

    /// The values matched in `text`, in text order, each once.
    #[cfg(test)]
    pub fn values(&self, text: &str) -> Vec<T>
    where
        T: PartialEq,
    {
        let mut values: Vec<T> = Vec::new();
        for hit in self.scan(text) {
            if !values.contains(&hit.value) {
                values.push(hit.value);
            }
        }
        values
    }
}

/// The filler that hides a matched range: same byte length, so offsets stay valid, and
/// neither a letter nor a digit, so it makes no new word boundaries.
const MASK: char = '\u{1}';

/// `text` with `ranges` hidden (same byte offsets).
pub(crate) fn masked(text: &str, ranges: &[Range<usize>]) -> String {
    let mut out = text.to_string();
    for range in ranges {
        mask(&mut out, range.clone());
    }
    out
}

/// Hides `range` of `text` in place (same byte offsets); out-of-bounds ranges are ignored.
pub(crate) fn mask(text: &mut String, range: Range<usize>) {
    if text.is_char_boundary(range.start) && range.end <= text.len() && text.is_char_boundary(range.end) {
        let filler: String = std::iter::repeat_n(MASK, range.len()).collect();
        text.replace_range(range, &filler);
    }
}

/// A match that starts (ends) with an ASCII letter or digit must not continue an ASCII word.
fn at_word_boundaries(text: &str, range: Range<usize>) -> bool {
    let Some(matched) = text.get(range.clone()) else { return false };
    let starts_word = matched.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    let ends_word = matched.chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric());
    let continues_before = starts_word && ascii_word_before(text, range.start);
    let continues_after = ends_word && ascii_word_after(text, range.end);
    !continues_before && !continues_after
}

/// The union of the ranges of `hits` as one covering range, if any.
pub(crate) fn covering<T>(hits: &[Hit<T>]) -> Option<Range<usize>> {
    let start = hits.iter().map(|h| h.range.start).min()?;
    let end = hits.iter().map(|h| h.range.end).max()?;
    Some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earlier_rows_mask_later_ones() {
        let lexicon = Lexicon::new(&[("门静脉", 1), ("静脉", 2)]);
        let hits = lexicon.scan("门静脉或外周静脉");
        assert_eq!(hits.iter().map(|h| h.value).collect::<Vec<_>>(), vec![1, 2]);
    }

    #[test]
    fn latin_words_match_only_at_ascii_boundaries() {
        let lexicon = Lexicon::new(&[("ALT", 1)]);
        assert_eq!(lexicon.scan("ALT升高").len(), 1);
        assert_eq!(lexicon.scan("ALTERNATIVE").len(), 0);
        assert_eq!(lexicon.scan("(ALT)").len(), 1);
        assert_eq!(lexicon.scan("SALT").len(), 0);
        // A rejected match does not hide a match that starts inside it.
        let lexicon = Lexicon::new(&[("CD4\\+T|Treg", 1)]);
        assert_eq!(lexicon.scan("CD4+Treg").len(), 1);
    }

    #[test]
    fn patterns_are_case_insensitive_unless_marked() {
        let lexicon = Lexicon::new(&[("albumin", 1), ("(?-i:PT)", 2)]);
        assert_eq!(lexicon.values("Serum Albumin and pt"), vec![1]);
        assert_eq!(lexicon.values("PT"), vec![2]);
    }

    #[test]
    fn a_lexicon_that_reads_kinds_skips_words_of_other_kinds() {
        let rows = [("减少", 1)];
        // `血小板减少症` is a disease in the domain dictionary; `腹水减少` is two words.
        let text = "血小板减少症, 腹水减少";
        assert_eq!(Lexicon::new(&rows).scan(text).len(), 2);
        let hits = Lexicon::new(&rows).reading(Kinds::DIRECTION).scan(text);
        assert_eq!(hits.iter().map(|h| &text[h.range.clone()]).collect::<Vec<_>>(), vec!["减少"]);
        assert_eq!(hits[0].range.start, text.rfind("减少").unwrap());
        // A reader of conditions reads inside its own words.
        assert_eq!(Lexicon::new(&rows).reading(Kinds::CONDITION).scan(text).len(), 2);
    }

    #[test]
    fn masked_ranges_are_hidden() {
        let lexicon = Lexicon::new(&[("静脉", 1)]);
        assert!(lexicon.scan_masked("静脉", &[0..3, 3..6]).is_empty());
        assert_eq!(lexicon.scan_masked("静脉静脉", &[0..3, 3..6]).len(), 1);
    }
}
