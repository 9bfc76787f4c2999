//! Citation markers in text and table cells (`^[15]`, `[23-24, 38-39]`, `(44)`, `¹²`).
//!
//! A marker names bibliography numbers. Brackets (`[15]`, `［15］`, `〔15〕`) and carets
//! (`^[15]`, `^{15}`) are unambiguous and always count. Parentheses and superscript digits
//! also write doses, years, sample sizes and powers of ten, so they count only where their
//! neighbours say "citation": `(44)` after a word and not before a unit or `×`, `¹²` after a
//! word but never after a digit (`10 ⁶` is a power of ten); `(1) … (2) … (3)` enumerates, and
//! a text that cites with brackets keeps only its brackets. Table references such as
//! `（见表 1～2）` never match because they hold words, not only numbers.
//!
//! A PDF's text layer flattens superscripts into plain digits glued to the word before
//! (`Ibrahim et al.5`, `colleagues6`, `models.3,4`, `Kim (2016)7`). Such digits are also
//! gene names, units and labels (`CD34`, `IL6`, `m2`, `Nrf2`, `type2`), so they count only
//! where the caller knows the bibliography's size ([`find_markers_with_limit`]) and only
//! after a lower-case word, a full stop after a word, or a closing parenthesis; a reference
//! cell shaped like an author citation (`Okafor et al.5`) names its number in [`numbers`].
//!
//! Author–year citations (`Suk et al., 2016`) are found by [`find_author_year`] and turned
//! into numbers by [`numbers_resolved`], which looks them up in the parsed bibliography.
//!
//! [`find_markers`] searches everything it is given: callers cut the reference list off
//! first (see [`crate::bibliography::section_span`]) so that entry labels are not taken
//! for citations.

use std::sync::LazyLock;

use regex::Regex;
use trialex_model::{Reference, Span};

/// A citation marker found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// Byte span of the marker in the text searched.
    pub span: Span,
    /// The marker as written (`^[23-24, 38-39]`).
    pub raw: String,
    /// The numbers it names, expanded and in order (`[23, 24, 38, 39]`).
    pub numbers: Vec<u32>,
    /// How the marker is written; parentheses and superscripts are weaker evidence.
    pub style: MarkerStyle,
}

/// How a citation marker is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerStyle {
    /// `[15]`, `［15］`, `〔15〕`, `【15】`.
    Bracket,
    /// `^[15]`, `^{15}`, `^15`, `<sup>15</sup>`.
    Caret,
    /// `(44)`, `（44）`.
    Paren,
    /// Unicode superscript digits `¹²`, `¹⁻³`.
    Superscript,
    /// A superscript flattened into plain digits glued to the word before (`et al.5`, `group7`).
    Flattened,
}

/// The largest bibliography number a marker may name; larger numbers are years or counts.
const MAX_CITATION_NUMBER: u32 = 1500;
/// The farthest apart (in bytes) two items of a `(1) … (2)` enumeration may stand.
const ENUMERATION_GAP: usize = 600;
/// The longest range a marker may expand (`[3-250]` is not a citation range).
const MAX_RANGE_LENGTH: u32 = 200;

/// A list of numbers and ranges as citations write them: `23-24, 38-39`, `3～5`, `1，4、7`.
const NUMBER_LIST: &str = r"\d{1,4}(?:\s*[-–—‐~～]\s*\d{1,4})?(?:\s*[,，、;；]\s*\d{1,4}(?:\s*[-–—‐~～]\s*\d{1,4})?)*";

static BRACKET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(\^\s*)?(?:[\[［〔【]\^?\s*({NUMBER_LIST})\s*[\]］〕】])")).unwrap());
/// `[12]–[14]`: a range written with two bracketed ends (IEEE).
static BRACKET_RANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\[［](\d{1,4})[\]］]\s*[-–—~～]\s*[\[［](\d{1,4})[\]］]").unwrap());
/// `^{15}`, `^15`, `<sup>15</sup>` (bracketed carets are matched by [`BRACKET`]).
static CARET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\^\s*\{{\s*\[?\s*({NUMBER_LIST})\s*\]?\s*\}}|\^({NUMBER_LIST})|<sup>\s*\[?\s*({NUMBER_LIST})\s*\]?\s*</sup>"
    ))
    .unwrap()
});
static PAREN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[(（]\s*(\d{1,3}(?:\s*[-–—]\s*\d{1,3})?(?:\s*[,，]\s*\d{1,3}(?:\s*[-–—]\s*\d{1,3})?)*)\s*[)）]")
        .unwrap()
});
static SUPERSCRIPT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?:\s*[⁻,˒]\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]+)*").unwrap());
/// One number or range inside a list.
static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d{1,4})(?:\s*[-–—‐~～⁻]\s*(\d{1,4}))?").unwrap());
/// A cell or marker that is nothing but a number list (a table's reference column: `15`, `23-24, 38`).
static BARE_LIST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^[\s\[［〔【(（^{{]*({NUMBER_LIST})[\s\]］〕】)）}}.。]*$")).unwrap());

/// Digits glued to a letter, a full stop or a closing parenthesis; [`flattened_is_citation`]
/// decides from the neighbours.
static FLATTENED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\p{L}.)](\d{1,3}(?:[,–-]\d{1,3})*)").unwrap());
/// What, right after glued digits, makes them a quantity: a unit, a count, a power or a sign.
static FLATTENED_NOT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[-–+⁺/^%×°'’]|\s*(?:[%×°]|x\s*10|(?:times|fold|years?|months?|weeks?|days?|hours?|mg|ml|kg|cm|mm|µ|μ)\b))").unwrap()
});
/// A table or reference cell that is an author citation with a flattened number:
/// `Okafor et al.5`, `Kim (2016)7`, `Novak and colleagues6`, `Lee et al. (2014)3`.
static AUTHOR_FLATTENED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{L}'’-]+(?:\s+(?:and|&)\s+\p{Lu}[\p{L}'’-]+)?(?:\s+et\s+al\.(?:\s*\(\s*(?:19|20)\d{2}[a-z]?\s*\))?|\s+and\s+(?:colleagues|co-?workers)|\s*\(\s*(?:19|20)\d{2}[a-z]?\s*\))(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)$").unwrap()
});
/// Words that glued digits label or index rather than cite (`type2`, `phase3`, `beta1`).
const FLATTENED_NON_CITATION_WORDS: &[&str] = &[
    "phase",
    "type",
    "grade",
    "stage",
    "class",
    "step",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "arm",
    "cycle",
    "visit",
    "dose",
    "level",
    "score",
    "version",
    "alpha",
    "beta",
    "gamma",
    "delta",
    "kappa",
    "lambda",
    "sigma",
    "omega",
    "chr",
    "chromosome",
    "exon",
    "codon",
    "lead",
    "figure",
    "fig",
    "table",
    "item",
    "section",
    "chapter",
    "page",
    "no",
    "vol",
    "eq",
    "ref",
    "refs",
];
/// The shortest capitalized word after which glued digits may cite: shorter ones are gene and
/// protein names (`Nrf2`, `Sox9`, `Oct4`, `Stat3`).
const FLATTENED_MIN_CAPITALIZED: usize = 5;
/// The shortest lower-case word after which glued digits may cite (`m2`, `cm2` are units).
const FLATTENED_MIN_WORD: usize = 3;

/// Words that, right before `(n)`, make it a label, a count or a group and not a citation.
const PAREN_NON_CITATION_BEFORE: &[&str] = &[
    "表", "图", "式", "组", "例", "第", "期", "型", "级", "次", "步", "条", "月", "周", "年", "天", "日", "岁", "时",
    "table", "fig", "figure", "eq", "equation", "phase", "group", "grade", "type", "stage", "step", "class", "arm",
    "n", "no", "days", "weeks", "months", "years", "hours", "median", "mean", "range", "aged", "age", "iqr", "ci",
];
/// Text that, right after `(n)`, makes it a quantity (a dose factor, a count, a unit).
const PAREN_NON_CITATION_AFTER: &[&str] = &[
    "×", "x", "*", "%", "^", "/", "~", "～", "±", "例", "名", "人", "天", "日", "周", "月", "年", "次", "个", "位",
    "项", "组", "岁", "mg", "g", "kg", "ml", "l", "days", "weeks", "months", "years", "patients", "cases", "times",
];

/// Every citation marker in `text`, in order (table references such as `（见表 1～2）` are not markers).
/// Flattened superscripts are left out: without the bibliography's size they are too easily
/// a unit or a gene name (see [`find_markers_with_limit`]).
pub fn find_markers(text: &str) -> Vec<Marker> {
    find_markers_with_limit(text, None)
}

/// Every citation marker in `text`, in order; where the bibliography is known to end at
/// `max_reference`, also the flattened superscripts that name numbers up to it.
pub fn find_markers_with_limit(text: &str, max_reference: Option<u32>) -> Vec<Marker> {
    let mut markers = Vec::new();
    if let Some(max) = max_reference {
        markers.extend(find_flattened(text, max));
    }
    for caps in BRACKET_RANGE.captures_iter(text) {
        let whole = caps.get(0).unwrap();
        let range = format!("{}-{}", &caps[1], &caps[2]);
        push_marker(&mut markers, text, whole.start(), whole.end(), &range, MarkerStyle::Bracket);
    }
    for caps in BRACKET.captures_iter(text) {
        let whole = caps.get(0).unwrap();
        let style = if caps.get(1).is_some() { MarkerStyle::Caret } else { MarkerStyle::Bracket };
        push_marker(&mut markers, text, whole.start(), whole.end(), &caps[2], style);
    }
    for caps in CARET.captures_iter(text) {
        let whole = caps.get(0).unwrap();
        let list = caps.get(1).or(caps.get(2)).or(caps.get(3)).unwrap().as_str();
        // `10^6` and `10 ^{6}` are powers of ten, not citations.
        if (caps.get(1).is_some() || caps.get(2).is_some()) && !citable_predecessor(text, whole.start()) {
            continue;
        }
        push_marker(&mut markers, text, whole.start(), whole.end(), list, MarkerStyle::Caret);
    }
    let enumeration = enumeration_spans(text);
    for caps in PAREN.captures_iter(text) {
        let whole = caps.get(0).unwrap();
        if !enumeration.contains(&whole.start()) && paren_is_citation(text, whole.start(), whole.end()) {
            push_marker(&mut markers, text, whole.start(), whole.end(), &caps[1], MarkerStyle::Paren);
        }
    }
    for found in SUPERSCRIPT.find_iter(text) {
        if superscript_is_citation(text, found.start(), found.end()) {
            let list = plain_digits(found.as_str());
            push_marker(&mut markers, text, found.start(), found.end(), &list, MarkerStyle::Superscript);
        }
    }
    markers.sort_by_key(|m| (m.span[0], std::cmp::Reverse(m.span[1])));
    // A `^[15]` is found by both the bracket and the caret search, `[12]–[14]` by both bracket
    // searches: keep the first, longest.
    let mut kept: Vec<Marker> = Vec::with_capacity(markers.len());
    for marker in markers {
        match kept.last() {
            Some(last) if marker.span[0] < last.span[1] => {}
            _ => kept.push(marker),
        }
    }
    // A text that cites with brackets does not also cite with bare parentheses, superscripts
    // or glued digits: there those are counts, ranges, exponents and names.
    if kept.iter().any(|m| matches!(m.style, MarkerStyle::Bracket | MarkerStyle::Caret)) {
        kept.retain(|m| matches!(m.style, MarkerStyle::Bracket | MarkerStyle::Caret));
    }
    kept
}

/// The bibliography numbers a citation marker or reference cell names: `[23-24, 38-39]` → 23, 24, 38, 39.
///
/// A text holding markers gives the numbers of all its markers; a text that is only a number
/// list (`15`, `23-24, 38`) gives those numbers; anything else gives none.
pub fn numbers(raw: &str) -> Vec<u32> {
    let markers = find_markers(raw);
    let mut out = Vec::new();
    if markers.is_empty() {
        let trimmed = raw.trim();
        if let Some(caps) = BARE_LIST.captures(trimmed).or_else(|| AUTHOR_FLATTENED.captures(trimmed)) {
            out = expand_list(&caps[1]);
        }
    } else {
        for marker in markers {
            out.extend(marker.numbers);
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|n| seen.insert(*n));
    out
}

/// An author–year citation: `Suk et al. (2016)`, `(Suk et al., 2016)`, `Gaia et al, 2006`,
/// `Lin and Chen 2017`, `Suk 等 2016`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorYear {
    /// Byte span of the citation in the text searched.
    pub span: Span,
    /// The first author's surname as written.
    pub surname: String,
    pub year: i32,
}

/// `Surname [et al. | and Other | & Other | 等] [,] [(] year [)]`.
static AUTHOR_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)?)(?:\s+et\s+al\.?|\s+(?:and|&)\s+\p{Lu}[\p{Ll}'’\-]+|\s*等人?)?\s*[,，]?\s*[(（]?\s*((?:19|20)\d{2})[a-z]?\b")
        .unwrap()
});

/// Every author–year citation in `text`. Many are false (`In 2016`); resolve them against
/// the bibliography ([`numbers_resolved`]) to keep the real ones.
pub fn find_author_year(text: &str) -> Vec<AuthorYear> {
    AUTHOR_YEAR
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            Some(AuthorYear { span: [whole.start(), whole.end()], surname: c[1].to_string(), year: c[2].parse().ok()? })
        })
        .collect()
}

/// The bibliography numbers `raw` cites: its markers ([`numbers`]), or else its author–year
/// citations that name exactly one entry of `references` (first author's surname and year).
pub fn numbers_resolved(raw: &str, references: &[Reference]) -> Vec<u32> {
    let marked = numbers(raw);
    if !marked.is_empty() {
        return marked;
    }
    let mut out = Vec::new();
    for cite in find_author_year(raw) {
        let mut matching = references.iter().filter(|r| {
            r.year == Some(cite.year)
                && r.authors
                    .first()
                    .and_then(|a| a.split_whitespace().next())
                    .is_some_and(|surname| surname.trim_matches([',', '.']).eq_ignore_ascii_case(&cite.surname))
        });
        if let (Some(only), None) = (matching.next(), matching.next())
            && !out.contains(&only.number)
        {
            out.push(only.number);
        }
    }
    out
}

/// The flattened superscripts of `text` that name bibliography numbers from 1 to `max`.
pub fn find_flattened(text: &str, max: u32) -> Vec<Marker> {
    let mut out = Vec::new();
    for caps in FLATTENED.captures_iter(text) {
        let Some(digits) = caps.get(1) else { continue };
        if !flattened_is_citation(text, digits.start(), digits.end()) {
            continue;
        }
        let numbers = expand_list(digits.as_str());
        if !numbers.is_empty() && numbers.iter().all(|n| *n <= max) {
            let (start, end) = (digits.start(), digits.end());
            out.push(Marker {
                span: [start, end],
                raw: text[start..end].to_string(),
                numbers,
                style: MarkerStyle::Flattened,
            });
        }
    }
    out
}

/// Glued digits at `start..end` cite when nothing after them makes them a quantity and what
/// they are glued to is a lower-case word, a full stop after a word (not a decimal, not a
/// label such as `Fig.`), or a parenthesis holding words or a year (not a dose factor).
fn flattened_is_citation(text: &str, start: usize, end: usize) -> bool {
    let after = &text[end..];
    match after.chars().next() {
        None => {}
        // `al.5.3` or `al.5,2` would be a decimal or a longer number.
        Some(c) if ".,".contains(c) && after[1..].starts_with(|d: char| d.is_ascii_digit()) => return false,
        Some(c) if c.is_whitespace() || ".,;:)]}\"”".contains(c) => {}
        Some(_) => return false,
    }
    if FLATTENED_NOT_AFTER.is_match(after) {
        return false;
    }
    let before = &text[..start];
    let Some(glue) = before.chars().next_back() else { return false };
    let before_glue = &before[..before.len() - glue.len_utf8()];
    let word_before = |s: &str| -> String {
        let rev: Vec<char> = s.chars().rev().take_while(|c| c.is_alphabetic() && !is_cjk(*c)).collect();
        rev.into_iter().rev().collect()
    };
    match glue {
        '.' => {
            let word = word_before(before_glue);
            let lower = word.to_lowercase();
            word.chars().count() >= 2 && !FLATTENED_NON_CITATION_WORDS.contains(&lower.as_str())
        }
        ')' => {
            // The parenthesis must hold a word or a year: `(2016)7`, `(HBV)2`, never `(3~5)10`.
            let Some((open, paren)) = before_glue.char_indices().rev().find(|(_, c)| matches!(c, '(' | '（')) else {
                return false;
            };
            let inside = &before_glue[open + paren.len_utf8()..];
            inside.len() <= 40
                && (inside.chars().any(char::is_alphabetic)
                    || inside
                        .trim()
                        .trim_end_matches(char::is_alphabetic)
                        .parse::<u32>()
                        .is_ok_and(|y| (1900..2100).contains(&y)))
        }
        _ => {
            let word = word_before(before);
            let lower = word.to_lowercase();
            let len = word.chars().count();
            let mut rest = word.chars().skip(1);
            let capitalized = word.chars().next().is_some_and(char::is_uppercase);
            // `IL6`, `HBV1`, `miR122`: capitals inside the word make it a name, not a citation.
            let plain = rest.all(char::is_lowercase);
            // `TGF-beta1`, `IL-beta2`: a word hyphenated to capitals or digits names a molecule
            // (`co-workers4`, `long-term3` still cite).
            let head = &before[..before.len() - word.len()];
            let hyphenated = head
                .strip_suffix(['-', '–'])
                .is_some_and(|h| h.chars().next_back().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()));
            plain
                && !hyphenated
                && len >= if capitalized { FLATTENED_MIN_CAPITALIZED } else { FLATTENED_MIN_WORD }
                && !FLATTENED_NON_CITATION_WORDS.contains(&lower.as_str())
        }
    }
}

/// Expands a number list (`23-24, 38-39` → 23, 24, 38, 39); empty when a number cannot be a
/// citation (0, a year, a range running backwards or too far).
fn expand_list(list: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for caps in LIST_ITEM.captures_iter(list) {
        let Ok(first) = caps[1].parse::<u32>() else { return Vec::new() };
        let last = match caps.get(2) {
            Some(m) => match m.as_str().parse::<u32>() {
                Ok(n) => n,
                Err(_) => return Vec::new(),
            },
            None => first,
        };
        if first == 0 || last > MAX_CITATION_NUMBER || last < first || last - first > MAX_RANGE_LENGTH {
            return Vec::new();
        }
        out.extend(first..=last);
    }
    out
}

fn push_marker(markers: &mut Vec<Marker>, text: &str, start: usize, end: usize, list: &str, style: MarkerStyle) {
    let numbers = expand_list(list);
    if !numbers.is_empty() {
        markers.push(Marker { span: [start, end], raw: text[start..end].to_string(), numbers, style });
    }
}

/// True when the character before `start` (spaces skipped) may carry a citation: a letter,
/// a CJK character or closing punctuation, never a digit (`10^6`, `10 ⁶`).
fn citable_predecessor(text: &str, start: usize) -> bool {
    // A Markdown escape before the caret (`10\^8`) stands between the number and its power.
    match text[..start].trim_end().trim_end_matches('\\').chars().next_back() {
        Some(c) => !c.is_ascii_digit() && !matches!(c, '×' | '*' | '+' | '-' | '=' | '$' | '{' | '(' | '（'),
        None => false,
    }
}

/// Start offsets of `(1) … (2) … (3)`: single numbers in parentheses that count up from 1,
/// each within [`ENUMERATION_GAP`] bytes of the one before. They enumerate, they do not cite.
fn enumeration_spans(text: &str) -> std::collections::HashSet<usize> {
    let singles: Vec<(usize, u32)> =
        PAREN.captures_iter(text).filter_map(|c| Some((c.get(0)?.start(), c[1].trim().parse::<u32>().ok()?))).collect();
    let mut enumerated = std::collections::HashSet::new();
    for (i, &(start, n)) in singles.iter().enumerate() {
        if n != 1 {
            continue;
        }
        let mut chain = vec![start];
        let (mut last_start, mut expected) = (start, 2);
        for &(next_start, m) in &singles[i + 1..] {
            if next_start - last_start > ENUMERATION_GAP {
                break;
            }
            if m == expected {
                chain.push(next_start);
                last_start = next_start;
                expected += 1;
            }
        }
        if chain.len() >= 2 {
            enumerated.extend(chain);
        }
    }
    enumerated
}

/// `(44)` is a citation after a word (not after a label word such as `表` or `Phase`), not at
/// the start of a line or clause (an enumeration `(1) …`), and not before a unit or `×`.
fn paren_is_citation(text: &str, start: usize, end: usize) -> bool {
    let before = &text[..start];
    let Some(prev) = before.chars().next_back() else { return false };
    if prev.is_ascii_digit() || prev == '^' {
        return false; // `10(6)`: a power of ten
    }
    let trimmed = before.trim_end_matches([' ', '\t']);
    match trimmed.chars().next_back() {
        None | Some('\n' | '\r' | '。' | '：' | ':' | '；' | ';' | '、' | '(' | '（' | '=' | '＝' | '/') => {
            return false;
        }
        _ => {}
    }
    let lower_before = trimmed.to_lowercase();
    let last_word: String = lower_before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() && (c.is_ascii() || is_cjk(*c)))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if PAREN_NON_CITATION_BEFORE.iter().any(|w| if w.is_ascii() { last_word == *w } else { lower_before.ends_with(w) })
    {
        return false;
    }
    let after = text[end..].trim_start_matches([' ', '\t']).to_lowercase();
    if after.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    !PAREN_NON_CITATION_AFTER.iter().any(|unit| {
        after.starts_with(unit)
            && (!unit.is_ascii()
                || !unit.chars().all(|c| c.is_ascii_alphabetic())
                || !after[unit.len()..].starts_with(|c: char| c.is_ascii_alphabetic()))
    })
}

/// `¹²` is a citation after a word of three letters or more, a CJK character or closing
/// punctuation; not after a digit (`10 ⁶`), a unit (`m²`) or before a charge (`Ca²⁺`).
fn superscript_is_citation(text: &str, start: usize, end: usize) -> bool {
    let after = &text[end..];
    if after.starts_with(['⁺', '⁻', '/']) {
        return false;
    }
    let before = &text[..start];
    let Some(prev) = before.chars().next_back() else { return false };
    if is_cjk(prev) || matches!(prev, '.' | ',' | ')' | ']' | '）' | '。' | '，' | '」' | '”' | '"') {
        return true;
    }
    if prev.is_alphabetic() {
        let word_len = before.chars().rev().take_while(|c| c.is_alphabetic()).count();
        return word_len >= 3;
    }
    false
}

use trialex_model::script::is_cjk;

/// Superscript digits and separators as plain ASCII (`¹⁻³` → `1-3`).
fn plain_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '⁰' => '0',
            '¹' => '1',
            '²' => '2',
            '³' => '3',
            '⁴'..='⁹' => char::from(b'4' + (c as u32 - '⁴' as u32) as u8),
            '⁻' => '-',
            '˒' => ',',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_numbers(text: &str) -> Vec<Vec<u32>> {
        find_markers(text).into_iter().map(|m| m.numbers).collect()
    }

    #[test]
    fn caret_bracket_marker_keeps_its_span_and_raw() {
        let text = "Wu 等^[7] 报道了";
        let markers = find_markers(text);
        assert_eq!(markers.len(), 1);
        assert_eq!(markers[0].raw, "^[7]");
        assert_eq!(&text[markers[0].span[0]..markers[0].span[1]], "^[7]");
        assert_eq!(markers[0].numbers, vec![7]);
        assert_eq!(markers[0].style, MarkerStyle::Caret);
    }

    #[test]
    fn lists_and_ranges_expand() {
        assert_eq!(all_numbers("生存率提高^[5-7, 11-12]。"), vec![vec![5, 6, 7, 11, 12]]);
        assert_eq!(all_numbers("as shown [3–5]."), vec![vec![3, 4, 5]]);
        assert_eq!(all_numbers("见文献[2,9，10、14]"), vec![vec![2, 9, 10, 14]]);
        assert_eq!(all_numbers("疗效确切[3～5]"), vec![vec![3, 4, 5]]);
        assert_eq!(all_numbers("全角［8］括号"), vec![vec![8]]);
    }

    #[test]
    fn a_range_of_two_bracketed_ends() {
        assert_eq!(all_numbers("as shown [12]–[14] and [20]"), vec![vec![12, 13, 14], vec![20]]);
    }

    #[test]
    fn plain_bracket_in_a_table_cell() {
        let markers = find_markers("腹水减少\t[27]");
        assert_eq!(markers[0].numbers, vec![27]);
        assert_eq!(markers[0].style, MarkerStyle::Bracket);
    }

    #[test]
    fn table_references_are_not_citations() {
        assert!(find_markers("疗效明显^[9]（见表 1～2）").iter().all(|m| m.numbers == vec![9]));
        assert!(find_markers("(见表 3)").is_empty());
        assert!(find_markers("[J]. [M]. [EB/OL]").is_empty());
    }

    #[test]
    fn parenthesised_citation_after_words() {
        assert_eq!(all_numbers("improved survival in cirrhosis (44)."), vec![vec![44]]);
        assert_eq!(all_numbers("two trials (12, 15-16) showed"), vec![vec![12, 15, 16]]);
        assert_eq!(all_numbers("肝功能改善（31）。"), vec![vec![31]]);
    }

    #[test]
    fn parenthesised_numbers_that_are_not_citations() {
        for text in [
            "published in (2016) the",
            "patients (n=30) received",
            "(3~5)×10^7 cells",
            "a dose of (2) × 10^6",
            "median (IQR 2-5) days",
            "1×10(6)/kg",
            "共 (30) 例",
            "\n(1) 病例选择",
            "如下：(2) 输注途径",
            "in Table (2) we",
            "Phase (2) trial",
            "CD34(+) cells",
            "followed for 12 months (6-18)",
            "随访 12 个月(6~18)",
            "median (12)",
        ] {
            assert!(find_markers(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn bracket_citations_outrank_parentheses_and_superscripts() {
        assert_eq!(all_numbers("followed for months (6-18) as reported [9]"), vec![vec![9]]);
        assert_eq!(all_numbers("a cohort (12) with CD34 cells² and [4]"), vec![vec![4]]);
        assert_eq!(all_numbers("survival improved (12)"), vec![vec![12]]);
    }

    #[test]
    fn parenthesised_enumerations_are_not_citations() {
        let text = "主要包括(1)细胞来源的选择；其次(2)输注途径，以及(3)随访时间。疗效确切(7)。";
        assert_eq!(all_numbers(text), vec![vec![7]]);
        assert_eq!(all_numbers("effects were seen (1) and confirmed later (4)."), vec![vec![1], vec![4]]);
    }

    #[test]
    fn markdown_footnote_markers() {
        assert_eq!(all_numbers("liver repair[^12] was"), vec![vec![12]]);
    }

    #[test]
    fn superscript_digits_after_words_are_citations() {
        assert_eq!(all_numbers("as Smith reported¹² in"), vec![vec![12]]);
        assert_eq!(all_numbers("肝再生³⁻⁵。"), vec![vec![3, 4, 5]]);
        assert_eq!(all_numbers("cirrhosis.¹,⁴"), vec![vec![1, 4]]);
    }

    #[test]
    fn superscript_powers_and_units_are_not_citations() {
        for text in ["3.2×10 ⁷ 个", "5×10⁶/kg", "body surface 1.7 m²", "Ca²⁺ flux", "CD34⁺ cells"] {
            assert!(find_markers(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn caret_digits_after_words_but_not_powers() {
        assert_eq!(all_numbers("liver failure^12 and"), vec![vec![12]]);
        assert_eq!(all_numbers("肝硬化^{4,6}"), vec![vec![4, 6]]);
        assert_eq!(all_numbers("cells<sup>9</sup>"), vec![vec![9]]);
        assert!(find_markers("1×10^6/kg").is_empty());
        assert!(find_markers("$5 \\times 10^{5}$").is_empty());
        assert!(find_markers("10 ^6 cells").is_empty());
    }

    #[test]
    fn years_zero_and_wild_ranges_are_rejected() {
        assert!(find_markers("[2016]").is_empty());
        assert!(find_markers("[0]").is_empty());
        assert!(find_markers("[9-3]").is_empty());
        assert!(find_markers("[1-900]").is_empty());
    }

    #[test]
    fn numbers_of_markers_and_reference_cells() {
        assert_eq!(numbers("^[23-24, 38-39]"), vec![23, 24, 38, 39]);
        assert_eq!(numbers("[22-26]"), vec![22, 23, 24, 25, 26]);
        assert_eq!(numbers("(44)"), vec![44], "a reference cell may be parenthesised");
        assert_eq!(numbers("15"), vec![15]);
        assert_eq!(numbers(" 7, 9-10 "), vec![7, 9, 10]);
        assert_eq!(numbers("Suk et al. [34]"), vec![34]);
        assert_eq!(numbers("[3] [3]"), vec![3]);
        assert!(numbers("Suk 2016").is_empty());
        assert!(numbers("/").is_empty());
    }

    fn entry(number: u32, first_author: &str, year: i32) -> Reference {
        Reference { number, authors: vec![first_author.to_string()], year: Some(year), ..Default::default() }
    }

    #[test]
    fn author_year_citations_are_found() {
        let found: Vec<_> =
            find_author_year("as Okafor et al. (2018) and (Dunn and Hale, 2019) showed; Wei 等 2022 报道")
                .into_iter()
                .map(|c| (c.surname, c.year))
                .collect();
        assert_eq!(found, [("Okafor".to_string(), 2018), ("Dunn".to_string(), 2019), ("Wei".to_string(), 2022)]);
    }

    #[test]
    fn author_year_citations_resolve_against_the_bibliography() {
        let refs = [
            entry(1, "Okafor N", 2018),
            entry(2, "Dunn S", 2019),
            entry(3, "Dunn S", 2020),
            entry(4, "Wei L", 2022),
            entry(5, "Wei L", 2022),
        ];
        assert_eq!(numbers_resolved("Okafor et al., 2018", &refs), [1]);
        assert_eq!(numbers_resolved("Dunn 2020; Okafor et al. (2018)", &refs), [3, 1]);
        assert!(numbers_resolved("Wei et al. 2022", &refs).is_empty(), "two entries match: ambiguous");
        assert!(numbers_resolved("In 2018 the trial", &refs).is_empty());
        assert_eq!(numbers_resolved("[4] Okafor et al. 2018", &refs), [4], "markers come first");
    }

    fn flattened(text: &str, max: u32) -> Vec<Vec<u32>> {
        find_markers_with_limit(text, Some(max)).into_iter().map(|m| m.numbers).collect()
    }

    #[test]
    fn flattened_superscripts_cite_up_to_the_bibliography_size() {
        assert_eq!(flattened("as Osei et al.4 showed", 20), vec![vec![4]]);
        assert_eq!(flattened("a Kenyan team9 infused cells", 20), vec![vec![9]]);
        assert_eq!(flattened("tissue repair.2,5 Later work", 20), vec![vec![2, 5]]);
        assert_eq!(flattened("Mensah (2019)3 showed", 20), vec![vec![3]]);
        assert_eq!(flattened("Mensah（2019）3 showed", 20), Vec::<Vec<u32>>::new(), "a full-width close is no glue");
        assert_eq!(flattened("Mensah （2019)3 showed", 20), vec![vec![3]]);
        assert_eq!(flattened("the Accra cohort11-13.", 20), vec![vec![11, 12, 13]]);
        assert_eq!(flattened("Boateng and co-workers6 randomised", 20), vec![vec![6]]);
        // Past the last entry, or without a known bibliography, glued digits are not citations.
        assert!(flattened("a Kenyan team9 infused", 8).is_empty());
        assert!(find_markers("as Osei et al.4 showed").is_empty());
        let marker = &find_markers_with_limit("Osei et al.4 showed", Some(9))[0];
        assert_eq!((marker.raw.as_str(), marker.style), ("4", MarkerStyle::Flattened));
    }

    #[test]
    fn glued_digits_that_are_names_units_or_labels_are_not_citations() {
        for text in [
            "CD34 cells",
            "IL6 levels",
            "HBV1 genotype",
            "area 2 m2 wide",
            "phase 2",
            "type2 diabetes",
            "grade3 injury",
            "day 7",
            "n=7",
            "10^7 cells",
            "1 × 107 cells",
            "Nrf2 signalling",
            "TGF-beta1 levels",
            "a 1.5 ratio",
            "see Fig.3 below",
            "(3~5)10 cells",
            "after al.5 years",
            "alpha1-antitrypsin",
            "miR122 levels",
            "Sox9 cells",
            "ratio2.5",
            "肝硬化5例",
        ] {
            assert!(flattened(text, 200).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_bracket_citing_text_keeps_only_its_brackets() {
        assert_eq!(flattened("Osei et al.4 showed it [7]", 20), vec![vec![7]]);
    }

    #[test]
    fn author_cells_with_a_flattened_number() {
        assert_eq!(numbers("Osei et al.4"), vec![4]);
        assert_eq!(numbers("Mensah (2019)3"), vec![3]);
        assert_eq!(numbers("Boateng and colleagues12"), vec![12]);
        assert!(numbers("Lee 20146").is_empty(), "a year and a number run together are ambiguous");
        assert!(numbers("Osei et al.").is_empty());
    }

    #[test]
    fn never_panics_on_odd_text() {
        for text in [
            "",
            "[",
            "(",
            "^",
            "¹",
            "（",
            "表(",
            "[1-",
            "é(3)",
            "中(4)文",
            "⁹⁺",
            "a.1",
            "(1",
            ")2",
            "é2",
            "中.3",
            "x)4",
            "（2016）7 ",
            "（中）3 ",
            "(é)5",
        ] {
            let _ = find_markers(text);
            let _ = numbers(text);
            let _ = find_markers_with_limit(text, Some(10));
        }
    }
}
