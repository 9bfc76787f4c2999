//! The cue-word table of prose extraction, loaded once from `data/prose_cues.tsv`.
//!
//! Every rule that recognizes a word of the field (a design word, a route, a result verb,
//! a review) is a line of that file, `kind<TAB>weight<TAB>regex`, so the vocabulary can
//! grow without touching code. Patterns match case-insensitively unless they start with
//! `(?-i)`. A line whose pattern does not compile is ignored (a unit test keeps the file clean).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use regex::{Regex, RegexBuilder};
use trialex_normalizer::ascii_words;

const TABLE: &str = include_str!("../../data/prose_cues.tsv");

/// One cue: a pattern and how strongly it speaks for its kind. The pattern is built the first
/// time its kind is asked about (a document that never asks pays nothing for it).
#[derive(Debug)]
pub struct Cue {
    pub weight: u8,
    pattern: String,
    built: OnceLock<Option<Regex>>,
}

impl Cue {
    /// The cue's regex, built on first use; None when the pattern does not compile.
    pub fn re(&self) -> Option<&Regex> {
        self.built.get_or_init(|| build(&self.pattern)).as_ref()
    }

    fn is_match(&self, text: &str) -> bool {
        self.re().is_some_and(|re| re.is_match(text))
    }
}

/// Builds a cue pattern: case-insensitive, with ASCII word classes and boundaries (see
/// [`ascii_words`]: the cues' Latin words are English, and Unicode classes made every cue an
/// order of magnitude slower to build and to run).
fn build(pattern: &str) -> Option<Regex> {
    RegexBuilder::new(&ascii_words(pattern)).case_insensitive(true).size_limit(1 << 24).build().ok()
}

/// The cues, grouped by kind in file order.
#[derive(Debug, Default)]
pub struct Cues {
    by_kind: HashMap<String, Vec<Cue>>,
    /// Kinds in the order they first appear (for families like `extra.*`).
    order: Vec<String>,
    /// Lines whose pattern did not compile (reported by tests).
    pub rejected: Vec<String>,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| Cues::parse(TABLE));

/// The shared cue table.
pub fn cues() -> &'static Cues {
    &CUES
}

/// A match of a cue: its weight and byte range in the searched text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub weight: u8,
    pub range: Range<usize>,
}

impl Cues {
    /// Parses the table text (`#` starts a comment line).
    pub fn parse(table: &str) -> Cues {
        let mut cues = Cues::default();
        for line in table.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.splitn(3, '\t');
            let (Some(kind), Some(weight), Some(pattern)) = (parts.next(), parts.next(), parts.next()) else {
                cues.rejected.push(line.to_string());
                continue;
            };
            let Ok(weight) = weight.trim().parse::<u8>() else {
                cues.rejected.push(line.to_string());
                continue;
            };
            // A pattern that cannot be a regex is left out; one that fails to build (a size
            // limit) is found by `compile_all`.
            if regex_syntax::Parser::new().parse(&ascii_words(pattern)).is_err() {
                cues.rejected.push(line.to_string());
                continue;
            }
            if !cues.by_kind.contains_key(kind) {
                cues.order.push(kind.to_string());
            }
            let cue = Cue { weight, pattern: pattern.to_string(), built: OnceLock::new() };
            cues.by_kind.entry(kind.to_string()).or_default().push(cue);
        }
        cues
    }

    /// Builds every cue now; the patterns that do not build (for the tests that keep the table
    /// clean).
    pub fn compile_all(&self) -> Vec<&str> {
        self.by_kind.values().flatten().filter(|c| c.re().is_none()).map(|c| c.pattern.as_str()).collect()
    }

    fn of(&self, kind: &str) -> &[Cue] {
        self.by_kind.get(kind).map(Vec::as_slice).unwrap_or(&[])
    }

    /// True when any cue of `kind` matches `text`.
    pub fn any(&self, kind: &str, text: &str) -> bool {
        self.of(kind).iter().any(|c| c.is_match(text))
    }

    /// The weight of the strongest cue of `kind` in `text`, 0 when none matches.
    pub fn strength(&self, kind: &str, text: &str) -> u8 {
        self.of(kind).iter().filter(|c| c.is_match(text)).map(|c| c.weight).max().unwrap_or(0)
    }

    /// The strongest match of `kind` in `text` (the earliest among equals).
    pub fn find(&self, kind: &str, text: &str) -> Option<Hit> {
        self.find_all(kind, text).into_iter().min_by_key(|h| (std::cmp::Reverse(h.weight), h.range.start))
    }

    /// Every match of `kind` in `text`, in text order.
    pub fn find_all(&self, kind: &str, text: &str) -> Vec<Hit> {
        let mut hits: Vec<Hit> = self
            .of(kind)
            .iter()
            .filter_map(|c| Some((c.weight, c.re()?)))
            .flat_map(|(weight, re)| re.find_iter(text).map(move |m| Hit { weight, range: m.range() }))
            .filter(|h| !h.range.is_empty())
            .collect();
        hits.sort_by_key(|h| (h.range.start, std::cmp::Reverse(h.weight)));
        hits
    }

    /// The kinds named `prefix.<name>`, as `(name, kind)` in file order.
    pub fn family<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.order.iter().filter_map(move |k| {
            k.strip_prefix(prefix).and_then(|rest| rest.strip_prefix('.')).map(|name| (name, k.as_str()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_table_compiles() {
        assert!(cues().rejected.is_empty(), "rejected cue lines: {:#?}", cues().rejected);
        assert!(cues().compile_all().is_empty(), "cues that do not build: {:#?}", cues().compile_all());
    }

    #[test]
    fn strongest_then_earliest_hit_wins() {
        let c = Cues::parse("k\t1\tab\nk\t3\tcd\n");
        assert_eq!(c.find("k", "ab cd ab").unwrap().range, 3..5);
        assert_eq!(c.strength("k", "xx ab"), 1);
        assert_eq!(c.strength("other", "ab"), 0);
    }

    #[test]
    fn bad_lines_are_rejected_not_fatal() {
        let c = Cues::parse("k\tx\tab\nk\t1\t(\nk\t1\tok\n");
        assert_eq!(c.rejected.len(), 2);
        assert!(c.any("k", "ok"));
    }

    #[test]
    fn word_classes_and_boundaries_are_ascii() {
        assert_eq!(ascii_words(r"\bcells?\w+\d\\b"), r"(?-u:\b)cells?[0-9A-Za-z_]+\d\\b");
        let c = Cues::parse("k\t1\t\\bcells\\b\n");
        // Beside Chinese text an ASCII word boundary holds, as the vocabulary's matcher has it.
        assert!(c.any("k", "输注cells后"));
        assert!(!c.any("k", "stemcells"));
    }

    #[test]
    fn families_list_names_in_file_order() {
        let c = Cues::parse("extra.b\t1\tb\nextra.a\t1\ta\nother\t1\tx\n");
        let names: Vec<_> = c.family("extra").map(|(n, _)| n).collect();
        assert_eq!(names, ["b", "a"]);
    }
}
