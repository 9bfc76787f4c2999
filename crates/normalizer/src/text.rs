//! Text preparation shared by every reader: width folding, superscripts, dashes and spaces,
//! with a byte map back to the input so that a reader can say which part of its input it read.
//!
//! Readers never work on the raw input directly: they work on a [`Mapped`] text in which
//! full-width forms are ASCII, superscript runs are written `^digits` (`10⁷` → `10^7`,
//! `CD34⁺` → `CD34^+`), every dash is `-` and every exotic space is `' '`. Each byte of the
//! prepared text remembers the input bytes it came from.

use regex::{Captures, Regex};
use std::ops::Range;
use std::sync::LazyLock;

/// Folds full-width forms (U+FF01–U+FF5E: digits, Latin letters, punctuation) and the
/// ideographic space to ASCII: `１２` → `12`, `～` → `~`, `：` → `:`, `（` → `(`.
/// Everything else is kept as it is.
pub fn fold_width(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// The ASCII form of one full-width character, or the character itself.
fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// The ASCII digit (or sign) a superscript character stands for.
fn superscript_value(c: char) -> Option<char> {
    Some(match c {
        '⁰' => '0',
        '¹' => '1',
        '²' => '2',
        '³' => '3',
        '⁴' => '4',
        '⁵' => '5',
        '⁶' => '6',
        '⁷' => '7',
        '⁸' => '8',
        '⁹' => '9',
        '⁺' => '+',
        '⁻' => '-',
        _ => return None,
    })
}

/// The canonical form of a character for reading: width folded, dashes and tildes unified,
/// exotic spaces made plain.
fn canonical_char(c: char) -> char {
    match fold_char(c) {
        // hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' => '-',
        '\u{301C}' | '\u{223C}' | '\u{2053}' => '~',
        '\u{00A0}' | '\u{2000}'..='\u{200B}' | '\u{202F}' | '\u{205F}' | '\u{FEFF}' => ' ',
        '\u{2715}' | '\u{2A2F}' | '\u{2573}' => '×',
        '\u{2264}' | '\u{2A7D}' => '≤',
        '\u{2265}' | '\u{2A7E}' => '≥',
        other => other,
    }
}

/// A text derived from an input, with the input byte range behind every byte.
#[derive(Debug, Clone)]
pub(crate) struct Mapped {
    pub text: String,
    /// For each byte of `text`, the input offset where its source starts.
    starts: Vec<usize>,
    /// For each byte of `text`, the input offset where its source ends.
    ends: Vec<usize>,
    input_len: usize,
}

impl Mapped {
    /// Prepares `input` for reading (see the module documentation).
    pub fn prepare(input: &str) -> Mapped {
        let mut out = Mapped {
            text: String::with_capacity(input.len()),
            starts: Vec::new(),
            ends: Vec::new(),
            input_len: input.len(),
        };
        let mut previous_was_superscript = false;
        let mut chars = input.char_indices().peekable();
        while let Some((offset, c)) = chars.next() {
            let end = offset + c.len_utf8();
            // A Markdown escape (`10\^8`, `\*`): the sign, not its backslash.
            if c == '\\' && chars.peek().is_some_and(|&(_, next)| matches!(next, '^' | '*' | '_' | '~' | '[' | ']')) {
                continue;
            }
            if let Some(value) = superscript_value(c) {
                if !previous_was_superscript {
                    out.push('^', offset, end);
                }
                out.push(value, offset, end);
                previous_was_superscript = true;
            } else {
                out.push(canonical_char(c), offset, end);
                previous_was_superscript = false;
            }
        }
        out
    }

    fn push(&mut self, c: char, start: usize, end: usize) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.starts.push(start);
            self.ends.push(end);
        }
    }

    /// Rewrites every match of `re` with `replacement(captures)`; the new bytes map to the
    /// input range of the whole match.
    pub fn replace_all(&self, re: &Regex, replacement: impl Fn(&Captures) -> String) -> Mapped {
        let mut out = Mapped {
            text: String::with_capacity(self.text.len()),
            starts: Vec::new(),
            ends: Vec::new(),
            input_len: self.input_len,
        };
        let mut last = 0;
        for caps in re.captures_iter(&self.text) {
            let Some(whole) = caps.get(0) else { continue };
            out.copy_from(self, last..whole.start());
            let source = self.source_range(whole.range());
            for c in replacement(&caps).chars() {
                out.push(c, source.start, source.end);
            }
            last = whole.end();
        }
        out.copy_from(self, last..self.text.len());
        out
    }

    fn copy_from(&mut self, other: &Mapped, range: Range<usize>) {
        if let Some(slice) = other.text.get(range.clone()) {
            self.text.push_str(slice);
            self.starts.extend_from_slice(&other.starts[range.clone()]);
            self.ends.extend_from_slice(&other.ends[range]);
        }
    }

    /// Reads decimal commas as decimal points, in place (`1,5` → `1.5`, `2,5 × 10^8`), where a
    /// thousands separator cannot be meant: one or two digits follow the comma. A comma of a
    /// list (`1,2,3`), of a bracketed citation (`[1,2]`), after a name (`CD34,5`) or an
    /// exponent, or in Chinese text (`第1,2周`: Chinese writes decimals with a point, and a
    /// comma between numbers lists them) is left as it is. One byte for one byte: the map to
    /// the input does not change.
    pub fn read_decimal_commas(&mut self) {
        self.read_decimal_commas_where(|_| true);
    }

    /// [`read_decimal_commas`](Self::read_decimal_commas) for the commas whose fraction digits
    /// `keep` accepts.
    pub fn read_decimal_commas_where(&mut self, keep: impl Fn(&str) -> bool) {
        let decimal: Vec<usize> = self
            .text
            .match_indices(',')
            .map(|(at, _)| at)
            .filter(|&at| {
                let (before, after) = (&self.text[..at], &self.text[at + 1..]);
                let whole = before.bytes().rev().take_while(u8::is_ascii_digit).count();
                let fraction = after.bytes().take_while(u8::is_ascii_digit).count();
                let lead = before[..before.len() - whole].chars().next_back();
                let trail = after[fraction..].chars().next();
                whole > 0
                    && (1..=2).contains(&fraction)
                    && lead.is_none_or(|c| {
                        !(c.is_ascii_alphanumeric() || matches!(c, ',' | '.' | '^' | '[') || crate::segment::is_cjk(c))
                    })
                    && trail.is_none_or(|c| !matches!(c, ',' | ']') && !crate::segment::is_cjk(c))
                    && keep(&after[..fraction])
            })
            .collect();
        for at in decimal {
            self.text.replace_range(at..at + 1, ".");
        }
    }

    /// The input byte range behind `range` of the prepared text (clamped; empty ranges map
    /// to an empty input range).
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        let len = self.text.len();
        let start = range.start.min(len);
        let end = range.end.min(len).max(start);
        if start == end {
            let at = self.starts.get(start).copied().unwrap_or(self.input_len);
            return at..at;
        }
        self.starts[start]..self.ends[end - 1]
    }
}

/// `Some(range)` when `range` of `input` leaves meaningful text (letters, digits, CJK)
/// outside it; `None` when the value was read from the whole input (up to delimiters).
pub(crate) fn narrower(input: &str, range: Range<usize>) -> Option<Range<usize>> {
    let outside = input.get(..range.start).unwrap_or("").chars().chain(input.get(range.end..).unwrap_or("").chars());
    let meaningful = outside.filter(|c| c.is_alphanumeric()).count();
    (meaningful > 0).then_some(range)
}

/// Like [`narrower`], for the vocabulary readers: a term is narrowed out of prose (a clause
/// or a sentence: clause punctuation, or more than 30 characters) but not out of a table
/// cell, whose whole text names the value (`脾内或肝内注射`, `G-CSF动员的BMSCs`).
pub(crate) fn narrower_in_prose(input: &str, range: Range<usize>) -> Option<Range<usize>> {
    let prose = input.chars().count() > 30 || input.contains([',', '，', '。', ';', '；', '、']);
    if prose { narrower(input, range) } else { None }
}

/// The words a source uses for "not given": `/`, `—`, `无`, `未报道`, `NR`, `unclear` …
static MISSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:[\s(\[]*(?:/+|-+|\.{3}|…|无|无数据|未报道|未见报道|未报告|未提及|未说明|未注明|未知|不详|不明|不清楚|未描述|nr|n\.?\s?r\.?|n/?a|na|nd|none|nil|unclear|unknown|unspecified|uk|no\s+details?|not\s+(?:reported|stated|specified|available|mentioned|given|described|applicable))[\s)\]\.。]*)+$",
    )
    .expect("valid missing-marker regex")
});

/// True when the input only says that the value is missing (see [`MISSING`]).
pub(crate) fn is_missing_marker(raw: &str) -> bool {
    let prepared = Mapped::prepare(raw);
    MISSING.is_match(prepared.text.trim())
}

/// True when the input has no text at all.
pub(crate) fn is_blank(raw: &str) -> bool {
    raw.trim().is_empty()
}

/// Parses a decimal number as written in the prepared text (`1,200`, `0.995`, `1·5`, `3`).
pub(crate) fn parse_decimal(s: &str) -> Option<f64> {
    parse_scaled(s, 0)
}

/// `s × 10^exponent` for a decimal `s`, computed from the decimal text so that `4.10 × 10⁶`
/// is exactly 4.1e6 (a float product would give 4099999.9999999995).
pub(crate) fn parse_scaled(s: &str, exponent: i32) -> Option<f64> {
    let digits: String =
        s.chars().filter(|c| *c != ',' && !c.is_whitespace()).map(|c| if c == '·' { '.' } else { c }).collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    format!("{digits}e{exponent}").parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Parses a Chinese numeral up to the thousands (`两` → 2, `十二` → 12, `三十六` → 36,
/// `一百二十` → 120); `半` is one half. Arabic digits pass through.
pub(crate) fn parse_chinese_number(s: &str) -> Option<f64> {
    if s == "半" {
        return Some(0.5);
    }
    if let Some(value) = parse_decimal(s) {
        return Some(value);
    }
    let mut total = 0u64;
    let mut pending: Option<u64> = None;
    for c in s.chars() {
        let digit = match c {
            '零' | '〇' => Some(0),
            '一' | '壹' => Some(1),
            '二' | '两' | '贰' => Some(2),
            '三' | '叁' => Some(3),
            '四' => Some(4),
            '五' => Some(5),
            '六' => Some(6),
            '七' => Some(7),
            '八' => Some(8),
            '九' => Some(9),
            _ => None,
        };
        if let Some(d) = digit {
            pending = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return None,
        };
        total += pending.take().unwrap_or(1) * unit;
    }
    let value = total + pending.unwrap_or(0);
    (!s.is_empty()).then_some(value as f64)
}

/// English number words (`one` … `ninety-nine`, `a`, `a dozen`), case-insensitive.
pub(crate) fn parse_english_number(s: &str) -> Option<f64> {
    const UNITS: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: &[&str] = &["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    let lower = s.trim().to_lowercase();
    match lower.as_str() {
        "a" | "an" | "single" => return Some(1.0),
        "a dozen" | "dozen" => return Some(12.0),
        "half a" | "half" => return Some(0.5),
        _ => {}
    }
    if let Some(i) = UNITS.iter().position(|w| *w == lower) {
        return Some(i as f64);
    }
    let mut parts = lower.split(['-', ' ']).filter(|p| !p.is_empty());
    let tens = parts.next()?;
    let t = TENS.iter().position(|w| !w.is_empty() && *w == tens)?;
    let unit = match parts.next() {
        Some(word) => UNITS.iter().position(|w| *w == word).filter(|u| (1..10).contains(u))?,
        None => 0,
    };
    parts.next().is_none().then_some((t * 10 + unit) as f64)
}

/// Regex fragment for the English number words [`parse_english_number`] reads.
pub(crate) const ENGLISH_NUMBER_WORDS: &str = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|ten)";

/// Regex fragment for the Chinese numerals [`parse_chinese_number`] reads.
pub(crate) const CHINESE_NUMBER: &str = r"[零〇一二两三四五六七八九十百千壹贰叁]+";

/// Every match of `re` in `text` that `accept` reads into a value. A rejected match does not
/// hide the matches that start inside it: the search resumes one character after its start
/// (`dose 3×10⁶` must not lose `3×10⁶` to a rejected `e 3`).
pub(crate) fn accepted_matches<T>(re: &Regex, text: &str, mut accept: impl FnMut(&Captures) -> Option<T>) -> Vec<T> {
    let mut found = Vec::new();
    let mut at = 0;
    while at <= text.len() {
        let Some(caps) = re.captures_at(text, at) else { break };
        let Some(whole) = caps.get(0) else { break };
        match accept(&caps) {
            Some(value) if !whole.is_empty() => {
                found.push(value);
                at = whole.end();
            }
            _ => {
                let step = text[whole.start()..].chars().next().map_or(1, char::len_utf8);
                at = whole.start() + step;
            }
        }
    }
    found
}

/// True when the byte before `at` in `text` is an ASCII letter or digit.
pub(crate) fn ascii_word_before(text: &str, at: usize) -> bool {
    text.get(..at).and_then(|s| s.chars().next_back()).is_some_and(|c| c.is_ascii_alphanumeric())
}

/// True when the character at `at` in `text` is an ASCII letter or digit.
pub(crate) fn ascii_word_after(text: &str, at: usize) -> bool {
    text.get(at..).and_then(|s| s.chars().next()).is_some_and(|c| c.is_ascii_alphanumeric())
}

/// A pattern with its word classes and word boundaries made ASCII (`\\w` → `[0-9A-Za-z_]`,
/// `\\b` → `(?-u:\\b)`). The vocabularies' Latin words are English: a Unicode `\\w` made each
/// pattern that holds one an order of magnitude slower to build and to run, and beside Chinese
/// text an ASCII word boundary is what the vocabulary's matcher holds to.
pub fn ascii_words(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('w') => out.push_str("[0-9A-Za-z_]"),
                Some('b') => out.push_str("(?-u:\\b)"),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_width_turns_full_width_forms_into_ascii() {
        assert_eq!(fold_width("１２"), "12");
        assert_eq!(fold_width("５～１７个月"), "5~17个月");
        assert_eq!(fold_width("随访：１２个月"), "随访:12个月");
        assert_eq!(fold_width("（ＵＣ－ＭＳＣ）"), "(UC-MSC)");
        assert_eq!(fold_width("a\u{3000}b"), "a b");
        assert_eq!(fold_width("肝动脉"), "肝动脉");
    }

    #[test]
    fn prepare_writes_superscripts_with_a_caret() {
        assert_eq!(Mapped::prepare("3.2×10⁷").text, "3.2×10^7");
        assert_eq!(Mapped::prepare("10 ¹²").text, "10 ^12");
        assert_eq!(Mapped::prepare("CD4⁺CD25⁺").text, "CD4^+CD25^+");
        // A Markdown escape before a sign is dropped; the map to the input stays exact.
        let escaped = Mapped::prepare("1.5×10\\^8");
        assert_eq!(escaped.text, "1.5×10^8");
        assert_eq!(escaped.source_range(escaped.text.len() - 1..escaped.text.len()), 9..10);
        assert_eq!(Mapped::prepare("kg⁻¹").text, "kg^-1");
    }

    #[test]
    fn prepare_unifies_dashes_tildes_and_spaces() {
        assert_eq!(Mapped::prepare("3–5 × 10⁷").text, "3-5 × 10^7");
        assert_eq!(Mapped::prepare("5〜17").text, "5~17");
        assert_eq!(Mapped::prepare("1\u{00A0}×\u{2009}10").text, "1 × 10");
    }

    #[test]
    fn source_range_maps_back_through_superscripts_and_wide_characters() {
        let input = "患者１２×10⁷个";
        let mapped = Mapped::prepare(input);
        let start = mapped.text.find("12").unwrap();
        let end = mapped.text.find('个').unwrap();
        let range = mapped.source_range(start..end);
        assert_eq!(&input[range], "１２×10⁷");
    }

    #[test]
    fn replace_all_keeps_the_map() {
        let input = "$5 \\times 10^5$ cells";
        let mapped = Mapped::prepare(input);
        let re = Regex::new(r"\\times").unwrap();
        let rewritten = mapped.replace_all(&re, |_| "×".to_string());
        assert_eq!(rewritten.text, "$5 × 10^5$ cells");
        let at = rewritten.text.find('×').unwrap();
        assert_eq!(&input[rewritten.source_range(at..at + '×'.len_utf8())], "\\times");
        let cells = rewritten.text.find("cells").unwrap();
        assert_eq!(&input[rewritten.source_range(cells..cells + 5)], "cells");
    }

    #[test]
    fn missing_markers_are_recognised() {
        for marker in [
            "/",
            "—",
            "-",
            "无",
            "未报道",
            "不详",
            "NR",
            "n/a",
            "unclear",
            "unspecified",
            "not reported",
            " / ",
            "－",
            "NR (not reported)",
            "未说明",
            "(NR)",
        ] {
            assert!(is_missing_marker(marker), "{marker}");
        }
        for value in ["12 个月", "1×10⁶", "肝动脉", "NR (12 months)"] {
            assert!(!is_missing_marker(value), "{value}");
        }
    }

    #[test]
    fn numbers_in_words_are_read() {
        assert_eq!(parse_chinese_number("两"), Some(2.0));
        assert_eq!(parse_chinese_number("十二"), Some(12.0));
        assert_eq!(parse_chinese_number("三十六"), Some(36.0));
        assert_eq!(parse_chinese_number("一百二十"), Some(120.0));
        assert_eq!(parse_chinese_number("半"), Some(0.5));
        assert_eq!(parse_chinese_number("个"), None);
        assert_eq!(parse_english_number("twelve"), Some(12.0));
        assert_eq!(parse_english_number("Twenty-four"), Some(24.0));
        assert_eq!(parse_english_number("thirty six"), Some(36.0));
        assert_eq!(parse_english_number("dozens"), None);
        assert_eq!(parse_decimal("1,200"), Some(1200.0));
        assert_eq!(parse_decimal("0.995"), Some(0.995));
    }

    #[test]
    fn decimal_commas_are_read_where_no_thousands_separator_can_be_meant() {
        let read = |s: &str| {
            let mut mapped = Mapped::prepare(s);
            mapped.read_decimal_commas();
            assert_eq!(mapped.text.len(), Mapped::prepare(s).text.len(), "one byte for one byte");
            mapped.text
        };
        assert_eq!(read("1,5 x 10^6/kg"), "1.5 x 10^6/kg");
        assert_eq!(read("2,5 × 10⁸"), "2.5 × 10^8");
        assert_eq!(read("(1,25 ± 0,5) years"), "(1.25 ± 0.5) years");
        // Thousands separators, lists, citations, names and Chinese lists stay.
        assert_eq!(read("50,000,000 cells"), "50,000,000 cells");
        assert_eq!(read("1,200"), "1,200");
        assert_eq!(read("at 1,3,6 months"), "at 1,3,6 months");
        assert_eq!(read("MSCs [1,2]"), "MSCs [1,2]");
        assert_eq!(read("CD34,5"), "CD34,5");
        assert_eq!(read("第1,2周"), "第1,2周");
        assert_eq!(read("1, 5 and 10"), "1, 5 and 10");
    }

    #[test]
    fn rejected_matches_do_not_hide_later_ones() {
        let re = Regex::new(r"[a-z]?\d").unwrap();
        let found = accepted_matches(&re, "e3", |caps| {
            caps.get(0).filter(|m| m.as_str() != "e3").map(|m| m.as_str().to_string())
        });
        assert_eq!(found, vec!["3".to_string()]);
    }

    #[test]
    fn vocabulary_terms_are_narrowed_only_out_of_prose() {
        assert_eq!(narrower_in_prose("脾内或肝内注射", 0..15), None);
        assert_eq!(narrower_in_prose("患者分两次经肝动脉输注, 安全", 15..24), Some(15..24));
    }

    #[test]
    fn narrower_ignores_delimiters() {
        assert_eq!(narrower("$5$", 1..2), None);
        assert_eq!(narrower("患者随访12个月", 6..17), Some(6..17));
    }
}
