//! Words hyphenated at a line end: `mesenchy-` / `mal` is one word again, `dose-` / `dependent` a
//! compound that keeps its hyphen.
//!
//! A hyphen at a line end looks the same whether the typesetter broke a word there or the word
//! is a compound. [`crate::table::join_wrapped`] marks each such hyphen between lower-case
//! letters with [`LINE_END_HYPHEN`]; once the whole document is laid out, [`Vocabulary::resolve`]
//! decides each mark from the document's own words: the form it writes elsewhere (`dose-dependent`
//! mid-line keeps the hyphen, `predictions` drops it), else a hyphen between two words that stand
//! on their own in the document (`multiple-dose`), else none (`pre-dictions`, `progres-sion`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: the tally looks up every word of the document, and these keys are short.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

type Counts = HashMap<String, usize, BuildHasherDefault<Fnv>>;

/// Where a line-end hyphen stood between two letters (SOFT HYPHEN: PDFs that mark their
/// hyphenation points use it too, so such a glyph is read the same way).
pub const LINE_END_HYPHEN: char = '\u{AD}';

/// [`LINE_END_HYPHEN`] in UTF-8.
const MARK_UTF8: &[u8] = "\u{AD}".as_bytes();

/// Parts shorter than this are no evidence of a compound (`in-` / `creased`, `an-` / `other`).
const MIN_COMPOUND_PART_CHARS: usize = 3;

/// How often each word (lower-cased, hyphens kept) and each part of a hyphenated word occurs.
#[derive(Debug, Default)]
pub struct Vocabulary {
    counts: Counts,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == LINE_END_HYPHEN
}

/// The byte range of the word around byte `at` of `text`.
fn word_around(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at].char_indices().rev().find(|&(_, c)| !is_word_char(c)).map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..].find(|c: char| !is_word_char(c)).map_or(text.len(), |i| at + i);
    (start, end)
}

/// The words (lower-cased) whose counts decide the marks of `word`: at each mark, the word with a
/// hyphen and without, and the parts on either side (the parts before written either way).
fn questions(word: &str) -> Vec<String> {
    let pieces: Vec<&str> = word.split(LINE_END_HYPHEN).collect();
    let mut keys = Vec::new();
    for i in 1..pieces.len() {
        let rest = pieces[i..].concat();
        let rest = rest.trim_end_matches('-');
        for glue in ["", "-"] {
            let left = pieces[..i].join(glue);
            keys.push(format!("{left}-{rest}").to_lowercase());
            keys.push(format!("{left}{rest}").to_lowercase());
            keys.push(left.rsplit('-').next().unwrap_or(&left).to_lowercase());
        }
        keys.push(pieces[i].split('-').next().unwrap_or(pieces[i]).to_lowercase());
    }
    keys
}

impl Vocabulary {
    /// The words of the texts; words that hold a line-end mark are what is to be decided, not
    /// evidence. Only the words those decisions ask about are counted.
    pub fn of_texts<'a>(texts: impl Iterator<Item = &'a str>) -> Vocabulary {
        let texts: Vec<&str> = texts.collect();
        let mut counts = Counts::default();
        for text in &texts {
            for (at, _) in text.match_indices(LINE_END_HYPHEN) {
                let (start, end) = word_around(text, at);
                for key in questions(&text[start..end]).into_iter().filter(|k| !k.is_empty()) {
                    counts.insert(key, 0);
                }
            }
        }
        if counts.is_empty() {
            return Vocabulary { counts };
        }
        // (Byte length, first byte) of the words asked about: most words of the texts are passed
        // over unhashed.
        let slot = |len: usize, first: u8| len.min(63) * 256 + usize::from(first);
        let mut asked = vec![false; 64 * 256];
        for key in counts.keys() {
            asked[slot(key.len(), key.as_bytes()[0])] = true;
        }
        let mut lower = String::new();
        let mut tally = |word: &str| {
            let Some(first) = word.as_bytes().first().map(u8::to_ascii_lowercase) else { return };
            if first.is_ascii() && !asked[slot(word.len(), first)] {
                return;
            }
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            if let Some(n) = counts.get_mut(lower.as_str()) {
                *n += 1;
            }
        };
        for text in texts {
            // Words (a broken word, which holds a mark, is no evidence), and the parts of a
            // hyphenated word.
            let mut start: Option<usize> = None;
            for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
                match (is_word_char(c), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        start = None;
                        let word = text[s..i].trim_matches('-');
                        // (A byte test: `contains` with a two-byte character sets up a substring
                        // search on every call.)
                        if word.as_bytes().windows(2).any(|w| w == MARK_UTF8) {
                            continue;
                        }
                        if word.contains('-') {
                            word.split('-').filter(|p| !p.is_empty()).for_each(&mut tally);
                        }
                        tally(word);
                    }
                    _ => {}
                }
            }
        }
        Vocabulary { counts }
    }

    fn count(&self, word: &str) -> usize {
        self.counts.get(&word.to_lowercase()).copied().unwrap_or(0)
    }

    /// `text` with every line-end mark decided: a hyphen or nothing.
    pub fn resolve(&self, text: &str) -> String {
        if !text.contains(LINE_END_HYPHEN) {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut done = 0;
        for (at, _) in text.match_indices(LINE_END_HYPHEN) {
            if at < done {
                continue; // a second mark in a word already decided
            }
            let (start, end) = word_around(text, at);
            out.push_str(&text[done..start]);
            out.push_str(&self.resolve_word(&text[start..end]));
            done = end;
        }
        out.push_str(&text[done..]);
        out
    }

    /// One word with its marks decided, left to right.
    fn resolve_word(&self, word: &str) -> String {
        let pieces: Vec<&str> = word.split(LINE_END_HYPHEN).collect();
        let mut out = pieces[0].to_string();
        for (i, right) in pieces.iter().enumerate().skip(1) {
            let rest: String = pieces[i..].concat();
            let hyphen = self.keeps_hyphen(&out, right, &rest);
            if hyphen {
                out.push('-');
            }
            out.push_str(right);
        }
        out
    }

    /// Whether the hyphen between `left` and `right` (the rest of the word: `rest`) is part of
    /// the word.
    fn keeps_hyphen(&self, left: &str, right: &str, rest: &str) -> bool {
        let rest = rest.trim_end_matches('-');
        let hyphenated = self.count(&format!("{left}-{rest}"));
        let joined = self.count(&format!("{left}{rest}"));
        if hyphenated != joined {
            return hyphenated > joined;
        }
        // No evidence either way: a compound of two words the document uses on their own.
        let left_part = left.rsplit('-').next().unwrap_or(left);
        let right_part = right.split('-').next().unwrap_or(right);
        let standalone = |part: &str| part.chars().count() >= MIN_COMPOUND_PART_CHARS && self.count(part) > 0;
        standalone(left_part) && standalone(right_part)
    }
}

/// Decides the line-end marks of one text by its own words (a page read on its own).
pub fn resolve_alone(text: &str) -> String {
    Vocabulary::of_texts(std::iter::once(text)).resolve(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str) -> String {
        text.replace('|', &LINE_END_HYPHEN.to_string())
    }

    #[test]
    fn a_broken_word_is_joined() {
        assert_eq!(resolve_alone(&marked("Human mesenchy|mal stromal cells.")), "Human mesenchymal stromal cells.");
        assert_eq!(
            resolve_alone(&marked("trends and pre|dictions of cirrhosis")),
            "trends and predictions of cirrhosis"
        );
    }

    #[test]
    fn a_compound_written_elsewhere_keeps_its_hyphen() {
        let text = marked("a dose|dependent effect; the effect was dose-dependent");
        assert_eq!(resolve_alone(&text), "a dose-dependent effect; the effect was dose-dependent");
    }

    #[test]
    fn a_word_written_whole_elsewhere_is_joined() {
        // `multi` and `omics` are no standalone words here, and `multiomics` is written whole.
        let text = marked("Multiomics analyses; the multi|omics data");
        assert_eq!(resolve_alone(&text), "Multiomics analyses; the multiomics data");
    }

    #[test]
    fn two_standalone_words_keep_the_hyphen() {
        let text = marked("a multiple|dose regimen: one dose or multiple doses");
        assert_eq!(resolve_alone(&text), "a multiple-dose regimen: one dose or multiple doses");
        // Short parts are no evidence: `an` / `other`.
        assert_eq!(resolve_alone(&marked("an|other one and other ones")), "another one and other ones");
    }

    #[test]
    fn the_vocabulary_spans_all_texts() {
        let pages = ["the single-cell atlas", &marked("single|cell sequencing")];
        let vocabulary = Vocabulary::of_texts(pages.iter().map(|p| &**p));
        assert_eq!(vocabulary.resolve(pages[1]), "single-cell sequencing");
    }

    #[test]
    fn odd_words_do_not_trip_the_tally() {
        for text in ["-\u{AD}", "\u{AD}", "a -- b \u{AD}x", "\u{AD}\u{AD}-", "é\u{AD}ß -"] {
            let _ = resolve_alone(text);
        }
    }

    #[test]
    fn text_without_marks_is_unchanged() {
        assert_eq!(resolve_alone("G-CSF-mobilised cells, 5.0 × 10⁷"), "G-CSF-mobilised cells, 5.0 × 10⁷");
    }
}
