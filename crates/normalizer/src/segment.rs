//! Chinese word boundaries: jieba-rs with the field's own dictionary.
//!
//! The vocabulary readers match their table rows anywhere in a text (see [`crate::lexicon`]),
//! which in Chinese, written without spaces, can find a word inside a longer one:
//! `血小板减少症` (thrombocytopenia, a disease) holds `血小板` and `减少` but says nothing about
//! platelets decreasing. This module tells a reader when a match of its stands strictly inside
//! a word of the segmentation that names something else, so that the reader drops it.
//!
//! # The segmenter
//!
//! [`SEGMENTER`] knows the domain dictionary `data/zh_domain.dict` (cell products, routes,
//! conditions, indicators, direction words and phrases that state no finding) and the words
//! the vocabulary tables write out whole ([`crate::vocabulary::zh_words`]), not jieba's
//! general dictionary: the decisions below only ask which domain words are kept whole beside
//! the words the readers look for. Both are compiled into the crate, so the crate does no I/O;
//! building the segmenter costs a few milliseconds (jieba's general dictionary took ≈ 120 ms
//! and ≈ 32 MiB), once per process, and only when a text holds a domain word that could
//! contain a match: a text without one (any English text, `ALB 升高`) never builds it.
//!
//! # What rejects a match
//!
//! Only a word of the domain dictionary that the segmenter keeps whole, that strictly contains
//! the match (it is longer and covers it), and whose kind the reader does not read: a
//! condition name rejects an indicator or a direction inside it, but not the condition
//! reader's own `慢加急性` inside `慢加急性肝衰竭`. The vocabulary's words never
//! reject anything. A domain word that the segmenter does not keep whole, because the text
//! around it reads better another way (with the vocabulary's words), rejects nothing either.
//!
//! Segmentation runs without jieba's HMM: the HMM only joins runs of characters that no
//! dictionary knows, so it cannot change which domain words are kept whole, and its guesses
//! are the unreliable part of the segmentation (see the tests).

use jieba_rs::{Jieba, TokenizeMode};
use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// The domain dictionary: jieba's `word freq tag` lines, where the tag is the [`Kinds`] of
/// the word; `#` starts a comment line.
const DOMAIN_DICT: &str = include_str!("../data/zh_domain.dict");

/// What a domain word names: a set of kinds, as a word can name two (`腹水` is a condition
/// and an indicator).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Kinds(u8);

impl Kinds {
    pub const CELL: Kinds = Kinds(1);
    pub const ROUTE: Kinds = Kinds(1 << 1);
    pub const CONDITION: Kinds = Kinds(1 << 2);
    pub const INDICATOR: Kinds = Kinds(1 << 3);
    pub const DIRECTION: Kinds = Kinds(1 << 4);
    /// Phrases that state no finding though they hold a direction word (`降压药`, `增加剂量`).
    pub const OTHER: Kinds = Kinds(1 << 5);

    pub const fn or(self, other: Kinds) -> Kinds {
        Kinds(self.0 | other.0)
    }

    fn overlaps(self, other: Kinds) -> bool {
        self.0 & other.0 != 0
    }

    /// The kinds of a dictionary tag (`cond`, `cond,ind`); `None` for an unknown name.
    fn parse(tag: &str) -> Option<Kinds> {
        tag.split(',').try_fold(Kinds::default(), |kinds, name| {
            let kind = match name {
                "cell" => Kinds::CELL,
                "route" => Kinds::ROUTE,
                "cond" => Kinds::CONDITION,
                "ind" => Kinds::INDICATOR,
                "dir" => Kinds::DIRECTION,
                "other" => Kinds::OTHER,
                _ => return None,
            };
            Some(kinds.or(kind))
        })
    }
}

/// One line of the domain dictionary.
#[derive(Debug, Clone, Copy)]
struct Entry {
    word: &'static str,
    freq: usize,
    tag: &'static str,
    kinds: Kinds,
}

/// The well-formed lines of [`DOMAIN_DICT`], in order; a malformed line is left out (a unit
/// test checks that there is none).
fn entries() -> impl Iterator<Item = Entry> {
    DOMAIN_DICT.lines().filter(|line| !line.trim_start().starts_with('#')).filter_map(|line| {
        let mut fields = line.split_whitespace();
        let word = fields.next()?;
        let freq = fields.next()?.parse().ok()?;
        let tag = fields.next()?;
        let kinds = Kinds::parse(tag)?;
        fields.next().is_none().then_some(Entry { word, freq, tag, kinds })
    })
}

/// The kinds of every domain word.
static DOMAIN: LazyLock<HashMap<&'static str, Kinds>> =
    LazyLock::new(|| entries().map(|entry| (entry.word, entry.kinds)).collect());

/// jieba's general dictionary with the domain dictionary loaded on top (its frequencies
/// replace the general ones for the words both have; jieba then keeps its own tag for
/// those, which is why the readers ask [`DOMAIN`] for kinds, not jieba). `None` only if jieba refused the
/// dictionary, which a unit test rules out; the readers then reject nothing.
static SEGMENTER: LazyLock<Option<Jieba>> = LazyLock::new(|| {
    let mut jieba = Jieba::empty();
    let vocabulary = crate::vocabulary::zh_words().into_iter().filter(|w| !DOMAIN.contains_key(w));
    let mut lines: String = vocabulary.map(|w| format!("{w} {VOCABULARY_FREQ} n\n")).collect();
    lines.extend(entries().map(|e| format!("{} {} {}\n", e.word, e.freq, e.tag)));
    jieba.load_dict(&mut lines.as_bytes()).ok()?;
    Some(jieba)
});

/// The frequency the segmenter gives the vocabulary's own words (jieba's general dictionary
/// gives common words such as `输注` or `降低` about this much).
const VOCABULARY_FREQ: u32 = 5000;

/// Whether jieba's HMM joins unknown characters into words: off, see the module documentation.
const HMM: bool = false;

pub(crate) use trialex_model::script::is_cjk;

/// The byte offsets at which the segmenter separates words in the Chinese parts of `text`:
/// the start and end of every word that holds a Chinese character, in order, each once.
/// Empty for a text without Chinese, which does not build the segmenter.
pub fn zh_token_boundaries(text: &str) -> Vec<usize> {
    if !text.chars().any(is_cjk) {
        return Vec::new();
    }
    let Some(jieba) = SEGMENTER.as_ref() else { return Vec::new() };
    let mut boundaries: Vec<usize> = jieba
        .tokenize(text, TokenizeMode::Default, HMM)
        .into_iter()
        .filter(|token| token.word.chars().any(is_cjk))
        .flat_map(|token| [token.byte_start, token.byte_end])
        .collect();
    boundaries.dedup();
    boundaries
}

/// The domain words of one text that may reject matches, found lazily: nothing is computed
/// before the first match that needs it, and the segmenter runs only when a domain word
/// strictly contains a match.
pub(crate) struct DomainWords<'a> {
    text: &'a str,
    /// The kinds of word that do not reject: those the reader reads.
    own: Kinds,
    /// Every occurrence of a domain word of another kind, as a substring.
    occurrences: OnceCell<Vec<(Range<usize>, Kinds)>>,
    /// The domain words of another kind that the segmenter keeps whole.
    kept: OnceCell<Vec<Range<usize>>>,
}

impl<'a> DomainWords<'a> {
    /// For a reader of `own` kinds scanning `text` (unmasked: the segmenter needs the words
    /// around a match).
    pub fn new(text: &'a str, own: Kinds) -> Self {
        DomainWords { text, own, occurrences: OnceCell::new(), kept: OnceCell::new() }
    }

    /// True when `hit` starts or ends on a Chinese character strictly inside a domain word
    /// of another kind that the segmenter keeps whole, and that word covers the whole hit.
    pub fn rejects(&self, hit: Range<usize>) -> bool {
        let Some(matched) = self.text.get(hit.clone()) else { return false };
        let cjk_start = matched.chars().next().is_some_and(is_cjk);
        let cjk_end = matched.chars().next_back().is_some_and(is_cjk);
        if !cjk_start && !cjk_end {
            return false;
        }
        // A word outside which the hit ends on a Chinese character, or starts on one.
        let cuts = |word: &Range<usize>| {
            word.start <= hit.start
                && hit.end <= word.end
                && ((cjk_start && word.start < hit.start) || (cjk_end && hit.end < word.end))
        };
        // The substring test first: most texts have no such word, and then the segmenter
        // is never built.
        if !self.occurrences().iter().any(|(word, _)| cuts(word)) {
            return false;
        }
        self.kept().iter().any(cuts)
    }

    fn occurrences(&self) -> &[(Range<usize>, Kinds)] {
        self.occurrences.get_or_init(|| {
            if !self.text.chars().any(is_cjk) {
                return Vec::new();
            }
            DOMAIN
                .iter()
                .filter(|(_, kinds)| !kinds.overlaps(self.own))
                .flat_map(|(word, kinds)| {
                    self.text.match_indices(word).map(move |(at, _)| (at..at + word.len(), *kinds))
                })
                .collect()
        })
    }

    fn kept(&self) -> &[Range<usize>] {
        self.kept.get_or_init(|| {
            let Some(jieba) = SEGMENTER.as_ref() else { return Vec::new() };
            jieba
                .tokenize(self.text, TokenizeMode::Default, HMM)
                .into_iter()
                .filter(|token| DOMAIN.get(token.word).is_some_and(|kinds| !kinds.overlaps(self.own)))
                .map(|token| token.byte_start..token.byte_end)
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, hmm: bool) -> Vec<&str> {
        let jieba = SEGMENTER.as_ref().expect("the domain dictionary loads");
        jieba.tokenize(text, TokenizeMode::Default, hmm).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn every_dictionary_line_is_read_and_loaded() {
        let lines = DOMAIN_DICT.lines().filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
        assert_eq!(lines.count(), entries().count(), "a malformed line in zh_domain.dict");
        assert_eq!(DOMAIN.len(), entries().count(), "a word twice in zh_domain.dict");
        let jieba = SEGMENTER.as_ref().expect("the domain dictionary loads");
        for entry in entries() {
            assert!(jieba.has_word(entry.word), "{}", entry.word);
            // Alone, every domain word is one word: its frequency beats its parts.
            assert_eq!(words(entry.word, HMM), vec![entry.word]);
        }
    }

    #[test]
    fn the_domain_dictionary_fixes_the_field_s_words() {
        assert_eq!(words("骨髓间充质干细胞经肝动脉输注", HMM), vec!["骨髓间充质干细胞", "经", "肝动脉", "输注"]);
        assert_eq!(words("血小板减少症", HMM), vec!["血小板减少症"]);
        assert_eq!(words("血小板减少", HMM), vec!["血小板", "减少"]);
        assert_eq!(words("终末期肝病模型评分降低", HMM), vec!["终末期肝病模型评分", "降低"]);
    }

    #[test]
    fn the_hmm_does_not_change_which_domain_words_are_kept() {
        for text in [
            "血小板减少症患者ALB升高",
            "肝功能衰竭患者的白蛋白明显升高",
            "增加剂量后总胆红素下降",
            "脐带间充质干细胞经外周静脉回输后腹水消退",
            "ALT升高者2例",
        ] {
            let domain = |hmm| -> Vec<String> {
                words(text, hmm).into_iter().filter(|w| DOMAIN.contains_key(w)).map(str::to_string).collect()
            };
            assert_eq!(domain(true), domain(false), "{text}");
        }
    }

    #[test]
    fn boundaries_of_the_chinese_words() {
        let text = "血小板减少症, ALB 升高";
        assert_eq!(zh_token_boundaries(text), vec![0, 18, 24, 30]);
        assert!(zh_token_boundaries("ALB increased").is_empty());
    }

    #[test]
    fn a_word_of_another_kind_rejects_a_match_inside_it() {
        let outcome = Kinds::INDICATOR.or(Kinds::DIRECTION);
        let text = "血小板减少症";
        let words = DomainWords::new(text, outcome);
        assert!(words.rejects(0..9), "血小板");
        assert!(words.rejects(9..15), "减少");
        assert!(!DomainWords::new(text, Kinds::CONDITION).rejects(9..15), "a condition reader reads its own words");
        // The whole word is not inside itself.
        assert!(!words.rejects(0..18));
        // `血小板减少` is no domain word: nothing rejects its parts.
        assert!(!DomainWords::new("血小板减少", outcome).rejects(9..15));
        // Latin edges are left to the ASCII word boundaries.
        assert!(!DomainWords::new("增强CT", outcome).rejects(6..8));
        assert!(DomainWords::new("增强CT", outcome).rejects(0..6));
    }

    #[test]
    fn texts_without_a_domain_word_around_a_match_do_not_segment() {
        let words = DomainWords::new("ALB 升高", Kinds::DIRECTION);
        assert!(!words.rejects(4..10));
        assert!(words.kept.get().is_none());
    }
}
