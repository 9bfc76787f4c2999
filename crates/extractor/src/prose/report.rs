//! Documents that are one study's report (issue #11): an abstract as PubMed or a journal's
//! page shows it, the text of a primary paper, a registry record, a news or clinic page about
//! one trial.
//!
//! The judgment is about what the document *is*, read from its layout and wording (the cue
//! words are the `report.*` kinds of `data/prose_cues.tsv`):
//!
//! * for: the section labels of a structured abstract (`Background / Methods / Results /
//!   Conclusions`, `AIM` … `CONCLUSION` as headings, `目的 / 方法 / 结果 / 结论`), which alone
//!   decide; a registry record's fields (`Study Type:`, `Enrollment:`, `研究类型：`) with a
//!   registry number, which also decide; and, adding up, an `Abstract` heading, a citation line
//!   (journal, year, volume: pages), a title above the text, a report's own wording ("We
//!   conducted", "This study aimed", `本研究`);
//! * against: a review speaking of itself ("This review summarizes", `综述`, `研究进展`),
//!   several abstracts each under its own citation line, an abstract citing other papers; and,
//!   for a page without section labels, more than one trial told (the review reader's passages).
//!
//! A report's passage is its abstract, or the body text of a page without labels, without
//! the page's chrome (journal headers, author lists, affiliations, dates, identifiers,
//! buttons, related-article lists). Its title gives the cells, condition and route as a caption
//! does for a table row; the year is the citation line's when the passage states none. A
//! bilingual abstract is one study whose translation fills what the first abstract leaves
//! unsaid; an abstract that names two registry numbers reports two trials.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;
use trialex_model::{Candidate, DocumentText, RawField, Span};

use super::citing::Citing;
use super::cues::cues;
use super::detect::{self, Mode, Passage};
use super::fields;
use super::merge::fill_missing;
use super::segment::{self, ParagraphKind};
use crate::citation::MarkerStyle;

/// The parts of a structured abstract, in the order abstracts give them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Background,
    Aim,
    Methods,
    Results,
    Conclusions,
}

impl Part {
    fn named(name: &str) -> Option<Part> {
        Some(match name {
            "background" => Part::Background,
            "aim" => Part::Aim,
            "methods" => Part::Methods,
            "results" => Part::Results,
            "conclusions" => Part::Conclusions,
            _ => return None,
        })
    }
}

/// What a paragraph of the page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Page chrome named by its words: headers, article types, dates, identifiers, buttons.
    Chrome,
    /// An author list or an affiliation: chrome, though a title may run into it.
    Byline,
    /// A journal citation line.
    Citation,
    /// The heading of a list of other papers (related articles, references).
    Related,
    /// `Abstract` alone; `numbered` when it numbers one abstract of several (`Abstract 2.`).
    AbstractHeading { numbered: bool },
    /// A heading that is only a section label (`METHODS`).
    LabelHeading(Part),
    /// Any other heading or caption (a title, a section).
    Heading,
    /// Running text, with the label it opens with.
    Text(Option<Part>),
}

#[derive(Debug, Clone)]
struct Para {
    span: Span,
    role: Role,
    /// The bytes at the paragraph's start that are not text (an `Abstract` word, a label).
    lead: usize,
    /// The year's span of a citation line.
    year: Option<Span>,
    /// The paragraph does not stop like a sentence (a title may not).
    unclosed: bool,
}

/// A document that is one study's report.
#[derive(Debug, Clone)]
pub struct Report {
    /// One passage per trial reported (one, unless the abstract names several registry numbers).
    pub passages: Vec<Passage>,
    /// The whole abstract or body (the span the passages lie in).
    pub span: Span,
    /// The title above the passage.
    pub title: Option<Span>,
    /// The abstract again in another language (a bilingual abstract).
    pub translation: Option<Passage>,
    /// The one registry number the page names outside the passage (a registration line under
    /// the abstract, a record's identifier), if it names exactly one before any related list.
    pub page_trial_id: Option<String>,
    /// The registry number of each passage, where the passages were told apart by the phases
    /// the text names beside its numbers ([`phase_split`]); empty otherwise.
    pub trial_ids: Vec<String>,
    /// A registry record's fields and the spans of their values (`Enrollment` over `240`,
    /// `Time frame: one year after treatment`); empty for other reports.
    pub fields: Vec<(String, Span)>,
}

/// The fewest registry fields that make a page a registry record.
const REGISTRY_MIN_FIELDS: usize = 3;
/// The fewest registry fields that make a page a registry record when it shows no number.
const REGISTRY_MIN_FIELDS_UNNUMBERED: usize = 4;
/// Most paragraphs of description (a brief summary) taken before a registry record's fields.
const REGISTRY_SUMMARY_PARAGRAPHS: usize = 2;
/// The sum of the weaker signs (an `Abstract` heading, a citation line and a title count one
/// each, a report's own wording two) that makes a page without section labels one study's report.
const REPORT_MIN_SIGNS: u8 = 2;
/// An abstract that cites this many other papers is a review's.
const REVIEW_MIN_CITED: usize = 3;
/// The fewest items of an author list, and the share of them that must look like names.
const BYLINE_MIN_ITEMS: usize = 3;
const BYLINE_NAME_SHARE: f64 = 0.7;
/// The longest name of an author list item, in characters.
const NAME_MAX_CHARS: usize = 40;
/// The longest affiliation line, in characters.
const AFFILIATION_MAX_CHARS: usize = 300;

/// A section label at the start of a sentence: the words before a colon, or a whole line;
/// a Chinese label may also stand in brackets or before a space (`【目的】`, `目的 探讨…`).
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[【\[]\s*)?(?P<words>[A-Za-z][A-Za-z&,/ ]{0,40}?|\p{Han}{2,6})\s*(?P<close>[】\]])?\s*(?P<end>[:：]\s*|$)")
        .expect("valid label pattern")
});
static HAN_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[【\[]\s*)?(?P<words>\p{Han}{2,6})\s*(?:[】\]]|\s)\s*").expect("valid Chinese label pattern")
});
/// A record's enrolment written as a number over its noun (`150⏎Participants`).
static ENROLLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^\s*\d{1,6}\s*\n\s*(?:participants|patients|subjects)\s*$").expect("enrolled pattern")
});
/// A postal code in an affiliation line.
static POSTAL_CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\d{5,6}\b").expect("valid postal-code pattern"));

/// The part a label's words name.
fn part_of(words: &str) -> Option<Part> {
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let c = cues();
    c.family("report.label").find(|(_, kind)| c.any(kind, &words)).and_then(|(name, _)| Part::named(name))
}

/// The label at the start of `s`: its part and the bytes it takes with its colon.
fn label_at(s: &str) -> Option<(Part, usize)> {
    if let Some(caps) = LABEL.captures(s)
        && let Some(part) = part_of(&caps["words"])
    {
        return Some((part, caps.get(0).map_or(0, |m| m.end())));
    }
    let caps = HAN_LABEL.captures(s)?;
    let part = part_of(&caps["words"])?;
    Some((part, caps.get(0).map_or(0, |m| m.end())))
}

/// The bytes an `Abstract` word takes at the start of `s` (0 when there is none): the word
/// alone, before a colon, or before the capital or ideograph that opens the abstract's text
/// (`Summary of trials` is a caption's first word, not an abstract's heading).
fn abstract_word(s: &str) -> usize {
    let Some(h) = cues().find("report.abstract", s).filter(|h| h.range.start == 0) else { return 0 };
    let word = &s[..h.range.end];
    let next = s[h.range.end..].chars().next();
    let opens = next.is_none_or(|c| c.is_uppercase() || segment::is_cjk(c) || "【[".contains(c));
    if word.contains([':', '：']) || opens { h.range.end } else { 0 }
}

/// An author list: three or more items, most of them names (`Li Wang, Qin Han 2,*, …`,
/// `黄某某, 曹某, 冯某某`).
fn is_author_list(t: &str) -> bool {
    let items: Vec<&str> = t
        .split([',', '，', '、', ';', '；'])
        .map(|i| i.trim().trim_start_matches("and ").trim())
        .filter(|i| i.chars().any(char::is_alphabetic))
        .collect();
    if items.len() < BYLINE_MIN_ITEMS {
        return false;
    }
    let names = items.iter().filter(|i| is_name(i)).count();
    names as f64 >= items.len() as f64 * BYLINE_NAME_SHARE
}

/// A person's name with its affiliation marks (`Guang-liang Shan`, `Rossi1†`, `黄某某`).
fn is_name(item: &str) -> bool {
    let name = item.trim_end_matches(|c: char| c.is_ascii_digit() || "*†‡§#¶,.".contains(c) || c.is_whitespace());
    let chars = name.chars().count();
    if chars == 0 || chars > NAME_MAX_CHARS {
        return false;
    }
    if name.chars().all(segment::is_cjk) {
        return (2..=4).contains(&chars);
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || "-'.".contains(c) || c.is_ascii_digit())
        })
}

/// The paragraphs of the text for this judgment: the segmenter's, cut again where a line opens
/// with an `Abstract` word or a section label before a colon (a PDF's text runs the title and
/// the abstract together), and, in a text without pages, at blank lines (a web page's title is
/// its own paragraph even when it is long; only a PDF breaks a sentence over a blank line).
fn blocks(text: &str, skip: &[Span], paged: bool) -> Vec<segment::Paragraph> {
    let mut out = Vec::new();
    for p in segment::paragraphs(text, skip) {
        let mut cuts = vec![p.span[0]];
        let mut blank_before = false;
        for line in crate::lines::split_lines(slice(text, p.span)) {
            let start = p.span[0] + line.start;
            let line = line.text;
            let body = line.trim();
            if body.is_empty() {
                blank_before = true;
                continue;
            }
            let opens_label =
                abstract_word(body) > 0 || label_at(body).is_some_and(|(_, len)| body[..len].contains([':', '：']));
            if start > p.span[0] && (opens_label || blank_before && !paged) {
                cuts.push(start + (line.len() - line.trim_start().len()));
            }
            blank_before = false;
        }
        if cuts.len() == 1 {
            out.push(p);
            continue;
        }
        cuts.push(p.span[1]);
        for w in cuts.windows(2) {
            let piece = slice(text, [w[0], w[1]]);
            let trimmed = piece.trim_end();
            let span = [w[0], w[0] + trimmed.len()];
            let one_line = !trimmed.contains('\n');
            let unclosed = !trimmed.ends_with(['.', '。', '!', '?', '！', '？']);
            let kind = if one_line && unclosed { ParagraphKind::Heading } else { ParagraphKind::Text };
            out.push(segment::Paragraph { span, kind });
        }
    }
    out
}

/// What `para` is.
fn classify(text: &str, para: &segment::Paragraph) -> Para {
    let t = text.get(para.span[0]..para.span[1]).unwrap_or("");
    let c = cues();
    let unclosed = !t.trim_end().ends_with(['.', '。', '!', '?', '！', '？']);
    let mut out = Para { span: para.span, role: Role::Text(None), lead: 0, year: None, unclosed };
    if let Some(year) = trialex_normalizer::citation_line_year(t) {
        out.role = Role::Citation;
        out.year = Some([para.span[0] + year.start, para.span[0] + year.end]);
        return out;
    }
    if c.any("report.related", t) {
        out.role = Role::Related;
        return out;
    }
    if c.any("report.chrome", t) {
        out.role = Role::Chrome;
        return out;
    }
    // An affiliation: an institution with a postal code, in a short paragraph that tells of no trial.
    let affiliation = t.chars().count() <= AFFILIATION_MAX_CHARS
        && c.any("report.affiliation", t)
        && POSTAL_CODE.is_match(t)
        && !c.any("field.patients", t);
    if affiliation || is_author_list(t) {
        out.role = Role::Byline;
        return out;
    }
    let word = abstract_word(t);
    let rest = &t[word..];
    if word > 0 && rest.trim().is_empty() {
        out.role = Role::AbstractHeading { numbered: false };
        return out;
    }
    if word > 0 && rest.trim_start().starts_with(|ch: char| ch.is_ascii_digit()) {
        out.role = Role::AbstractHeading { numbered: true };
        return out;
    }
    if let Some((part, len)) = label_at(rest) {
        out.lead = word + len;
        out.role = if rest[len..].trim().is_empty() { Role::LabelHeading(part) } else { Role::Text(Some(part)) };
        return out;
    }
    out.lead = word;
    out.role = match para.kind {
        // A table's or figure's caption is no title of the page and no text of its study.
        ParagraphKind::Caption => Role::Chrome,
        ParagraphKind::Heading if word == 0 => Role::Heading,
        _ => Role::Text(None),
    };
    out
}

/// The parts whose labels open the paragraph's sentences (`… ongoing. Methods: The cells …`).
fn parts_in(text: &str, para: &Para) -> BTreeSet<Part> {
    let mut parts = BTreeSet::new();
    match para.role {
        Role::LabelHeading(p) | Role::Text(Some(p)) => {
            parts.insert(p);
        }
        _ => {}
    }
    if matches!(para.role, Role::Text(_)) {
        let sentences = segment::sentences(text, [para.span[0] + para.lead, para.span[1]]);
        let mut glued = BTreeSet::new();
        for s in &sentences {
            let Some(sentence) = text.get(s[0]..s[1]) else { continue };
            if let Some((p, _)) = label_at(sentence) {
                parts.insert(p);
            } else if let Some(p) = glued_label(sentence) {
                glued.insert(p);
            }
        }
        // Labels glued to their text (`目的观察…。方法在51例…`, `Objective To evaluate…
        // Methods Fifty-one…`) count where three or more parts open the paragraph's sentences.
        if glued.len() >= GLUED_LABELS_MIN {
            parts.extend(glued);
        }
    }
    parts
}

/// The fewest distinct section labels glued to their sentences that make a structured abstract.
const GLUED_LABELS_MIN: usize = 3;

/// A section label glued to its sentence with no colon: a Chinese label word before the text
/// (`方法在51例…`), an English one before a capital (`Methods Fifty-one patients…`).
fn glued_label(sentence: &str) -> Option<Part> {
    static GLUED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:(?P<han>\p{Han}{2})\p{Han}|(?P<en>[A-Z][a-z]+(?:\s+(?:and|&)\s+[A-Z]?[a-z]+)?)\s+[A-Z0-9])")
            .expect("valid glued label pattern")
    });
    let caps = GLUED.captures(sentence)?;
    let words = caps.name("han").or(caps.name("en"))?.as_str();
    part_of(words)
}

/// True when the paragraph's text tells of a trial (a count of patients, a design, a report's
/// wording): where a page without labels starts its body.
fn tells_of_a_trial(text: &str, para: &Para) -> bool {
    let t = text.get(para.span[0]..para.span[1]).unwrap_or("");
    let c = cues();
    segment::sentences(text, para.span).iter().any(|s| detect::has_patient_count(text.get(s[0]..s[1]).unwrap_or("")))
        || c.any("evidence.design", t)
        || c.any("report.wording", t)
}

/// The run of paragraphs `[start, end]` (inclusive) that holds the abstract or body, starting
/// the search at `from`.
fn run(text: &str, paras: &[Para], from: usize) -> Option<(usize, usize)> {
    let labelled = |p: &Para| matches!(p.role, Role::LabelHeading(_) | Role::Text(Some(_)));
    let opening = |p: &Para| matches!(p.role, Role::LabelHeading(x) | Role::Text(Some(x)) if x <= Part::Aim);
    // After an `Abstract` heading, its text; else the first opening label, any label, or the
    // first text that tells of a trial (a page without labels). A body's `Introduction` or
    // `Methods` after an unstructured abstract is not where it starts.
    let abstract_at = (from..paras.len()).find(|&i| {
        matches!(paras[i].role, Role::AbstractHeading { .. }) || abstract_word(slice(text, paras[i].span)) > 0
    });
    let after_abstract = abstract_at.and_then(|h| {
        if matches!(paras[h].role, Role::Text(_)) {
            return Some(h);
        }
        (h + 1..paras.len())
            .take_while(|&i| !matches!(paras[i].role, Role::Heading | Role::Related | Role::AbstractHeading { .. }))
            .find(|&i| matches!(paras[i].role, Role::Text(_) | Role::LabelHeading(_)))
    });
    // (A title that names the trial, unclosed, does not start the text.)
    let telling = (from..paras.len())
        .find(|&i| paras[i].role == Role::Text(None) && !paras[i].unclosed && tells_of_a_trial(text, &paras[i]));
    // An unstructured abstract that tells of the trial before the body's first section heading
    // (`INTRODUCTION` alone on its line) is where the report starts, not that section.
    let first_opening = (from..paras.len()).find(|&i| opening(&paras[i]));
    let abstract_before_body =
        telling.filter(|&t| first_opening.is_some_and(|o| t < o && matches!(paras[o].role, Role::LabelHeading(_))));
    let start = after_abstract
        .or(abstract_before_body)
        .or(first_opening)
        .or_else(|| (from..paras.len()).find(|&i| labelled(&paras[i])))
        .or(telling)?;
    let structured = labelled(&paras[start]);
    let mut last_part = parts_in(text, &paras[start]).into_iter().max();
    let mut after_label_heading = matches!(paras[start].role, Role::LabelHeading(_));
    let mut end = start;
    for (i, p) in paras.iter().enumerate().skip(start + 1) {
        // A citation line under the text closes it (the abstract ends, the body follows).
        if p.year.is_some() {
            break;
        }
        let fits = match p.role {
            Role::LabelHeading(part) | Role::Text(Some(part)) => {
                structured && last_part.is_none_or(|last| part >= last)
            }
            // Unlabelled text: the body of a label heading, or more of an abstract not yet
            // at its conclusions, or more of a page's body.
            Role::Text(None) => {
                !structured || after_label_heading || last_part.is_none_or(|last| last < Part::Conclusions)
            }
            _ => false,
        };
        if !fits {
            break;
        }
        if let Some(part) = parts_in(text, p).into_iter().max() {
            last_part = Some(last_part.map_or(part, |last| last.max(part)));
        }
        after_label_heading = matches!(p.role, Role::LabelHeading(_));
        end = i;
    }
    Some((start, end))
}

/// The field a registry record's line names (`study type`, `enrollment (actual)`), if it is one.
fn registry_field(text: &str, para: &Para) -> Option<String> {
    let t = slice(text, para.span);
    let h = cues().find("report.registry", t).filter(|h| h.range.start == 0)?;
    Some(t.get(h.range)?.trim_end_matches([':', '：', '\t', ' ']).to_lowercase())
}

/// The value of each registry field: after its colon on its own line, else the next line
/// (`Enrollment⏎240`); a count the record writes before its noun (`150⏎Participants`) is the
/// line before.
fn field_values(text: &str, paras: &[Para], fields: &[(usize, String)]) -> Vec<(String, Span)> {
    let is_field = |i: usize| fields.iter().any(|&(k, _)| k == i);
    fields
        .iter()
        .filter_map(|(i, name)| {
            // The value after the field's name, on its line after a colon or on the lines below.
            let t = slice(text, paras[*i].span);
            let after_name = t.to_lowercase().find(name.as_str()).map_or(0, |at| at + name.len());
            let rest = t.get(after_name..).unwrap_or("");
            let value = rest.trim_start_matches(|c: char| matches!(c, ':' | '：' | ')' | '(') || c.is_whitespace());
            if !value.trim().is_empty() && !value.starts_with(|c: char| c.is_alphabetic() && c.is_lowercase()) {
                let start = paras[*i].span[0] + t.len() - value.len();
                return Some((name.clone(), [start, paras[*i].span[1]]));
            }
            // A line the paragraphs left out (a bare number reads as a page number there).
            let end = paras[*i].span[1];
            let next_start = paras.get(i + 1).map_or(text.len(), |p| p.span[0]);
            if let Some(line) = text[end..next_start].lines().map(str::trim).find(|l| !l.is_empty()) {
                let start = end + text[end..next_start].find(line).unwrap_or(0);
                return Some((name.clone(), [start, start + line.len()]));
            }
            let before = i.checked_sub(1).filter(|&k| !is_field(k));
            let numeric_before = before.filter(|&k| slice(text, paras[k].span).trim().parse::<u32>().is_ok());
            let value = match numeric_before {
                Some(k) if name == "participants" => k,
                _ => Some(i + 1).filter(|&k| k < paras.len() && !is_field(k))?,
            };
            Some((name.clone(), paras[value].span))
        })
        .collect()
}

/// The sentences of the run's paragraphs, without label headings, chrome and the words that
/// lead a paragraph.
fn sentences(text: &str, paras: &[Para]) -> Vec<Span> {
    let mut out = Vec::new();
    for p in paras {
        if matches!(p.role, Role::LabelHeading(_) | Role::Chrome | Role::Byline | Role::Related | Role::Citation) {
            continue;
        }
        // The `Abstract` word before a label is not text; the label stays (it opens a sentence
        // as `Methods:` does in running text).
        let word = abstract_word(text.get(p.span[0]..p.span[1]).unwrap_or(""));
        out.extend(segment::sentences(text, [p.span[0] + word, p.span[1]]));
    }
    out
}

fn slice(text: &str, span: Span) -> &str {
    text.get(span[0]..span[1]).unwrap_or("")
}

/// The distinct numbers cited with brackets or carets inside `span`.
fn cited(cite: &Citing, span: Span) -> usize {
    let numbers: BTreeSet<u32> = cite
        .markers(span)
        .into_iter()
        .filter(|m| matches!(m.style, MarkerStyle::Bracket | MarkerStyle::Caret))
        .flat_map(|m| m.numbers)
        .collect();
    numbers.len()
}

/// The title above the run: the unclosed paragraph before it that names the most cells,
/// conditions and routes (a journal header or an author list names none), the nearest among equals.
fn title(text: &str, paras: &[Para], start: usize) -> Option<Span> {
    let c = cues();
    let mut best: Option<(usize, usize)> = None;
    for (i, p) in paras[..start].iter().enumerate() {
        if !matches!(p.role, Role::Heading | Role::Byline | Role::Text(None)) || !p.unclosed {
            continue;
        }
        let t = slice(text, p.span);
        let score = ["field.cell", "field.condition", "field.route", "evidence.design"]
            .iter()
            .filter(|kind| c.any(kind, t))
            .count();
        // Among equals the nearest to the text: a site's name comes before the article's title.
        if score > 0 && best.is_none_or(|(s, _)| score >= s) {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| paras[i].span)
}

/// The year of the study's citation line: the first before the run, else the first after it
/// that comes before a list of other papers.
fn citation_year(paras: &[Para], start: usize, end: usize) -> Option<Span> {
    paras[..start]
        .iter()
        .find_map(|p| p.year)
        .or_else(|| paras[end + 1..].iter().take_while(|p| p.role != Role::Related).find_map(|p| p.year))
}

/// Splits the passage at each new registry number: one passage per registered trial. Text
/// before the first number belongs to the first trial; a sentence that names a second trial's
/// number opens its passage, or, when it also names the first, is cut at the clause that names
/// the second (`a phase Ia trial (NCT…) in which …, and a phase Ib trial (NCT…) in which …`).
fn per_trial(text: &str, sentences: &[Span]) -> Vec<Vec<Span>> {
    let c = cues();
    let mut seen: Vec<String> = Vec::new();
    let mut groups: Vec<Vec<Span>> = vec![Vec::new()];
    for s in sentences {
        let mut piece_start = s[0];
        for clause in segment::clauses(text, *s) {
            let t = slice(text, clause);
            let new_ids: Vec<String> = c
                .find_all("field.trial_id", t)
                .into_iter()
                .filter_map(|h| t.get(h.range).map(str::to_string))
                .filter(|id| !seen.contains(id))
                .collect();
            if new_ids.is_empty() {
                continue;
            }
            if !seen.is_empty() {
                if clause[0] > piece_start {
                    if let Some(g) = groups.last_mut() {
                        g.push([piece_start, clause[0]]);
                    }
                    piece_start = clause[0];
                }
                if groups.last().is_some_and(|g| !g.is_empty()) {
                    groups.push(Vec::new());
                }
            }
            for id in new_ids {
                if !seen.contains(&id) {
                    seen.push(id);
                }
            }
        }
        if let Some(g) = groups.last_mut() {
            g.push([piece_start, s[1]]);
        }
    }
    groups.retain(|g| !g.is_empty());
    groups
}

/// The heading of a paper's first body section.
static BODY_OPENING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:\d+\.?\s*)?(?:introduction|引言|前言)$").expect("body opening pattern"));

/// A trial phase as a text names it (`Phase Ia`, `phase II`, `Ⅰ期`), and a span that names two
/// phases at once (`Phase Ia/Ib`, `Phase Ia and Phase Ib`), which is no one phase's.
static PHASE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bphase\s+(?P<en>(?:IV|I{1,3}|[1-4])[ab]?)\b|(?P<zh>(?:Ⅳ|Ⅰ|Ⅱ|Ⅲ|IV|I{1,3}|[1-4])[ab]?)\s*期")
        .expect("phase name pattern")
});

/// An abstract that names its registered trials together (`NCT05227846 and NCT05984303`) and
/// tells them apart by phase (`In Phase Ia, four dose cohorts …`, `Phase Ib included …`): one
/// group of sentences per phase, from the sentence that names it alone to the next, paired
/// in order with the registry numbers. Sentences before the first phase, and those that name
/// several phases or every number, are the trials' shared text and go to neither. None when
/// the text names fewer than two numbers or not as many phases as numbers.
fn phase_split(text: &str, sentences: &[Span]) -> Option<(Vec<Vec<Span>>, Vec<String>)> {
    let c = cues();
    let mut ids: Vec<String> = Vec::new();
    for s in sentences {
        let t = slice(text, *s);
        for h in c.find_all("field.trial_id", t) {
            let id = t[h.range].to_string();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    if ids.len() < 2 {
        return None;
    }
    let phase_of = |t: &str| -> Option<String> {
        let names: BTreeSet<String> = PHASE_NAME
            .captures_iter(t)
            .filter_map(|caps| caps.name("en").or(caps.name("zh")).map(|m| m.as_str().to_uppercase()))
            .collect();
        let joined =
            t.contains('/') && names.len() == 1 && PHASE_NAME.find(t).is_some_and(|m| t[m.end()..].starts_with('/'));
        (names.len() == 1 && !joined).then(|| names.into_iter().next().unwrap_or_default())
    };
    let mut phases: Vec<String> = Vec::new();
    let mut groups: Vec<Vec<Span>> = Vec::new();
    for s in sentences {
        let t = slice(text, *s);
        let names_every_id = ids.iter().all(|id| t.contains(id.as_str()));
        let several = PHASE_NAME.find_iter(t).count() > 1 && phase_of(t).is_none();
        if names_every_id || several {
            continue;
        }
        match phase_of(t) {
            Some(phase) if !phases.contains(&phase) => {
                phases.push(phase);
                groups.push(vec![*s]);
            }
            Some(phase) => {
                let k = phases.iter().position(|p| *p == phase)?;
                groups[k].push(*s);
            }
            None => {
                if let Some(last) = groups.last_mut() {
                    last.push(*s);
                }
            }
        }
    }
    (phases.len() == ids.len()).then_some((groups, ids))
}

/// The passage of `sentences`, None when there are none.
fn passage(sentences: Vec<Span>, citation_year: Option<Span>) -> Option<Passage> {
    let span = [sentences.first()?[0], sentences.last()?[1]];
    Some(Passage {
        span,
        sentences,
        mode: Mode::Loose,
        is_study: true,
        why: "one study's report",
        parent: None,
        citation_year,
        report: true,
    })
}

/// The document's report, or why the document is not one study's report. `found` are the
/// passages the review reader found in the same text.
pub fn find(doc: &DocumentText, skip: &[Span], cite: &Citing, found: &[Passage]) -> Result<Report, &'static str> {
    let c = cues();
    let text = doc.text.as_str();
    let paged = !doc.page_starts.is_empty();
    let paras: Vec<Para> = blocks(text, skip, paged).iter().map(|p| classify(text, p)).collect();
    // A registry record (its fields may all be short lines): its passage runs from its first
    // field to its last.
    let fields: Vec<(usize, String)> =
        paras.iter().enumerate().filter_map(|(i, p)| Some((i, registry_field(text, p)?))).collect();
    let names: BTreeSet<&String> = fields.iter().map(|(_, name)| name).collect();
    // A registry record shows its number, or, where the page leaves it out, more of its fields.
    let registry = names.len() >= REGISTRY_MIN_FIELDS && c.any("field.trial_id", text)
        || names.len() >= REGISTRY_MIN_FIELDS_UNNUMBERED;
    if !registry && !paras.iter().any(|p| matches!(p.role, Role::Text(_) | Role::LabelHeading(_))) {
        return Err("the text is only page chrome and headings");
    }
    if paras.iter().filter(|p| p.role == Role::AbstractHeading { numbered: true }).count() >= 2 {
        return Err("a collection of abstracts");
    }
    let (start, end) = match (registry, fields.first(), fields.last()) {
        // The record's description (its brief summary) stands just before its first field; its
        // arms and interventions, which name no field, after its last.
        (true, Some(&(first, _)), Some(&(last, _))) => {
            let summary = (0..first)
                .rev()
                .take(REGISTRY_SUMMARY_PARAGRAPHS)
                .take_while(|&i| matches!(paras[i].role, Role::Text(_)))
                .last()
                .unwrap_or(first);
            let after = (last + 1..paras.len()).take_while(|&i| paras[i].role != Role::Chrome).last().unwrap_or(last);
            (summary, after)
        }
        _ => run(text, &paras, 0).ok_or("no passage tells of a trial")?,
    };
    let span = [paras[start].span[0] + abstract_word(slice(text, paras[start].span)), paras[end].span[1]];
    let title = title(text, &paras, start);
    // The page's head (article type, title) and the passage speak of a review, if it is one.
    let head = format!("{}\n{}", slice(text, [paras[0].span[0], paras[start].span[0]]), slice(text, span));
    if c.any("report.review", &head) {
        return Err("a review's own abstract or text");
    }
    if cited(cite, span) >= REVIEW_MIN_CITED {
        return Err("the passage cites other papers as a review does");
    }
    let translation = second_abstract(text, &paras, span, end)?;
    let mut parts = BTreeSet::new();
    for p in &paras[start..=end] {
        parts.extend(parts_in(text, p));
    }
    let structured = parts.len() >= 2 && (parts.contains(&Part::Methods) || parts.contains(&Part::Results));
    let year = citation_year(&paras, start, end);
    if !structured && !registry {
        let abstract_heading = paras[..=start].iter().any(|p| matches!(p.role, Role::AbstractHeading { .. }))
            || abstract_word(slice(text, paras[start].span)) > 0;
        let wording = c.any("report.wording", slice(text, span));
        let signs =
            u8::from(abstract_heading) + u8::from(year.is_some()) + u8::from(title.is_some()) + 2 * u8::from(wording);
        if signs < REPORT_MIN_SIGNS {
            return Err("no sign that the document reports one study of its own");
        }
        // A page without section labels whose abstract does not speak of its own study is no
        // one study's report when it tells several trials, lists several papers' citation lines
        // (search results) or cites papers. (A primary paper under its `Abstract` heading that
        // says "we enrolled" cites papers in its body, as any paper does.)
        if paras.iter().take_while(|p| p.role != Role::Related).filter(|p| p.role == Role::Citation).count() >= 2 {
            return Err("the page lists several papers");
        }
        // (Nor does a paper's full text, a PDF, whose first paragraph under its title says "we
        // conducted": its body tells its own trials again. A web page that tells several trials
        // under a title is a news round-up or a review.)
        if !(wording && (abstract_heading || paged && title.is_some())) {
            if found.iter().filter(|p| p.is_study).count() >= 2 {
                return Err("the text tells of several trials");
            }
            if cited(cite, [0, text.len()]) >= REVIEW_MIN_CITED {
                return Err("the text cites other papers as a review does");
            }
        }
    }
    let sentences = sentences(text, &paras[start..=end]);
    // The text of a study's report is sentences (a registry record's, fields): a passage without
    // one full stop is a table's rows run together, or a list.
    let stops = |s: &Span| slice(text, *s).trim_end().ends_with(['.', '。', '!', '?', '！', '？', ';', '；']);
    if !registry && !sentences.iter().any(stops) {
        return Err("no passage tells of a trial");
    }
    let cue_text = cite.cue_text();
    let clinical = sentences.iter().any(|s| detect::has_patient_count(slice(cue_text, *s)));
    // A registry record registers a trial in people, whatever its summary says of earlier
    // laboratory work; its fields are the evidence.
    if !registry && !clinical && sentences.iter().any(|s| c.any("not_study.preclinical", slice(cue_text, *s))) {
        return Err("laboratory or animal work");
    }
    let (is_study, why) = detect::evidence(cue_text, &sentences);
    if !is_study && !registry {
        return Err(why);
    }
    let mut groups = per_trial(text, &sentences);
    let mut trial_ids = Vec::new();
    if groups.len() == 1
        && let Some((by_phase, ids)) = phase_split(text, &sentences)
    {
        groups = by_phase;
        trial_ids = ids;
    }
    let passages = groups.into_iter().filter_map(|g| passage(g, year)).collect();
    let fields = if registry { field_values(text, &paras, &fields) } else { Vec::new() };
    Ok(Report { passages, span, title, translation, page_trial_id: page_trial_id(text, &paras), fields, trial_ids })
}

/// A second abstract after the run that ends at paragraph `end`: a translation (another
/// language), or the next abstract of a collection (the same language under its own citation
/// line: not one study's report). A full text's body sections are neither.
fn second_abstract(text: &str, paras: &[Para], span: Span, end: usize) -> Result<Option<Passage>, &'static str> {
    let Some((s2, e2)) = run(text, paras, end + 1).filter(|&(s2, _)| paras[s2].role != Role::Text(None)) else {
        return Ok(None);
    };
    let language = crate::text::language(slice(text, span));
    let other = crate::text::language(slice(text, [paras[s2].span[0], paras[e2].span[1]]));
    if other != language && other.is_some() && language.is_some() {
        return Ok(passage(sentences(text, &paras[s2..=e2]), None));
    }
    // A body's first section (`INTRODUCTION`, `引言` alone on its line) under the article's
    // citation line is the paper going on, not a second abstract.
    let body = matches!(paras[s2].role, Role::LabelHeading(Part::Background))
        && BODY_OPENING.is_match(slice(text, paras[s2].span).trim());
    if !body && paras[end + 1..s2].iter().any(|p| p.role == Role::Citation) {
        return Err("a collection of abstracts, each under its own citation line");
    }
    Ok(None)
}

/// The one registry number the page names before any list of other papers, if it names one.
fn page_trial_id(text: &str, paras: &[Para]) -> Option<String> {
    let c = cues();
    let mut ids: Vec<&str> = paras
        .iter()
        .take_while(|p| p.role != Role::Related)
        .flat_map(|p| {
            let t = slice(text, p.span);
            c.find_all("field.trial_id", t).into_iter().filter_map(move |h| t.get(h.range))
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    match ids.as_slice() {
        [one] => Some(one.to_string()),
        _ => None,
    }
}

/// The candidate studies of a report, numbered `p1`, `p2` …
pub fn candidates(doc: &DocumentText, cite: &Citing, report: &Report) -> Vec<Candidate> {
    let text = doc.text.as_str();
    let c = cues();
    let title = report.title.map(|t| RawField::new(slice(text, t), t));
    let translated = report.translation.as_ref().map(|p| fields::candidate(doc, cite, p, None, String::new()));
    report
        .passages
        .iter()
        .enumerate()
        .map(|(n, p)| {
            let mut cand = fields::candidate(doc, cite, p, None, format!("p{}", n + 1));
            if let Some(t) = &translated {
                fill_missing(&mut cand, t);
            }
            if let Some(id) = report.trial_ids.get(n) {
                cand.trial_ids = vec![id.clone()];
            }
            if cand.trial_ids.is_empty() && report.passages.len() == 1 {
                cand.trial_ids.extend(report.page_trial_id.clone());
            }
            registry_fields(text, &report.fields, &mut cand);
            // The title is the study's caption: it names the condition, and with the whole
            // report the cells, that the passage's own clauses leave unsaid.
            if let Some(title) = &title {
                cand.condition_context = Some(title.clone());
                cand.cell_context = Some(RawField::unanchored(format!("{}\n{}", title.text, slice(text, report.span))));
                if cand.route.is_none() && c.any("field.route", &title.text) {
                    cand.route = Some(title.clone());
                }
            } else if report.passages.len() > 1 {
                cand.cell_context = Some(RawField::unanchored(slice(text, report.span)));
            }
            cand
        })
        .collect()
}

/// The fields a registry record gives in its own lines: the enrolment (`Enrollment⏎240`), and
/// the follow-up as the longest time frame of its outcome measures.
fn registry_fields(text: &str, fields: &[(String, Span)], cand: &mut Candidate) {
    let value = |span: Span| RawField::new(slice(text, span), span);
    if cand.n_patients.is_none() {
        cand.n_patients = fields
            .iter()
            .filter(|(name, _)| name.contains("enrollment") || name == "participants")
            .map(|(_, span)| value(*span))
            .find(|v| trialex_normalizer::patient_count(&v.text).is_some());
    }
    // A record that opens with its enrolment's number and noun (`150⏎Participants`).
    if cand.n_patients.is_none()
        && let Some((_, first)) = fields.first()
    {
        let head = &text[..first[1]];
        if let Some(found) = ENROLLED.find_iter(head).last() {
            cand.n_patients = Some(RawField::new(found.as_str(), [found.start(), found.end()]));
        }
    }
    if cand.follow_up.is_none() {
        let days = |v: &RawField| trialex_normalizer::follow_up(&v.text).value.max_days;
        cand.follow_up = fields
            .iter()
            .filter(|(name, _)| name.contains("time frame"))
            .map(|(_, span)| value(*span))
            .filter(|v| days(v).is_some())
            .max_by(|a, b| days(a).partial_cmp(&days(b)).unwrap_or(std::cmp::Ordering::Equal));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(text: &str) -> Result<Report, &'static str> {
        let doc = DocumentText::new(text);
        let cite = Citing::plain(text);
        let found = detect::passages_citing(text, &[], &cite);
        find(&doc, &[], &cite, &found)
    }

    fn studies(text: &str) -> Vec<Candidate> {
        crate::prose::studies_of_document(&DocumentText::new(text), &[], None).studies
    }

    fn raw(f: &Option<RawField>) -> &str {
        f.as_ref().map_or("", |f| f.text.as_str())
    }

    #[test]
    fn labels_and_abstract_words() {
        assert_eq!(label_at("Methods: We enrolled"), Some((Part::Methods, 9)));
        assert_eq!(label_at("Background and Aims: x").map(|l| l.0), Some(Part::Background));
        assert_eq!(label_at("METHODS").map(|l| l.0), Some(Part::Methods));
        assert_eq!(label_at("【目的】探讨").map(|l| l.0), Some(Part::Aim));
        assert_eq!(label_at("目的 探讨干细胞的疗效").map(|l| l.0), Some(Part::Aim));
        assert_eq!(label_at("结果显示白蛋白升高"), None);
        assert_eq!(label_at("Note: the cells"), None);
        assert_eq!(label_at("Case presentation: A 45-year-old man").map(|l| l.0), Some(Part::Methods));
        assert_eq!(abstract_word("Abstract Background: x"), "Abstract ".len());
        assert_eq!(abstract_word("A B S T R A C T"), "A B S T R A C T".len());
        assert_eq!(abstract_word("Summary of clinical trials of cells"), 0);
    }

    #[test]
    fn chrome_words_open_no_sentence_of_the_text() {
        let role = |t: &str| classify(t, &segment::Paragraph { span: [0, t.len()], kind: ParagraphKind::Text }).role;
        assert_eq!(role("Published on 11-03-2019"), Role::Chrome);
        assert_eq!(role("Received: 2 May 2019; Accepted: 3 June 2019"), Role::Chrome);
        assert_eq!(role("Share this article"), Role::Chrome);
        assert_eq!(role("Published data suggest that 30 patients with cirrhosis benefit from MSCs."), Role::Text(None));
        assert_eq!(
            role("At Some University Hospital, 40 patients with cirrhosis received 10000 cells per kilogram."),
            Role::Text(None),
            "a passage with an institution and a long number is no affiliation"
        );
    }

    #[test]
    fn author_lists_and_affiliations_are_bylines() {
        assert!(is_author_list("Ama Mensah 1,*, Kofi Boateng 2, Efua Owusu-Ansah 1, Yaw Darko 3"));
        assert!(is_author_list("王某某, 李某, 张某某, 赵某"));
        assert!(!is_author_list("Patients received cells, were followed for a year, and improved."));
        let para = segment::Paragraph { span: [0, 0], kind: ParagraphKind::Text };
        let t = "李某, 某某大学附属医院肝病科 某省某市 100000";
        let p = classify(t, &segment::Paragraph { span: [0, t.len()], ..para });
        assert_eq!(p.role, Role::Byline);
    }

    #[test]
    fn a_structured_abstract_page_is_one_study_without_its_chrome() {
        let t = "Skip to main content\n\
                 Cell Hepatology Reports logoLink to Cell Hepatology Reports\n\
                 . 2016 Mar 4;3(2):45–52. doi: 10.0000/chr.2016.0012\n\n\
                 Autologous bone marrow mononuclear cells via the hepatic artery in alcoholic cirrhosis\n\n\
                 Kwame Asante 1, Abena Ofori 2, Kojo Mensah 1\n\
                 PMCID: PMC0000001  PMID: 00000002\n\n\
                 Abstract\n\n\
                 Background: Alcoholic cirrhosis has few treatments.\n\n\
                 Methods: Eighteen patients with alcoholic cirrhosis received autologous bone marrow mononuclear cells. Patients were followed up for 12 months.\n\n\
                 Results: Serum albumin increased and the MELD score decreased.\n\n\
                 Conclusions: The cells were safe.\n\n\
                 Similar articles\n\
                 Cell therapy for cirrhosis. Hepatology 2015; 61: 100-110.\n";
        let r = report(t).expect("one study's report");
        assert_eq!(r.passages.len(), 1);
        let passage = &t[r.span[0]..r.span[1]];
        assert!(passage.starts_with("Background:") && passage.ends_with("The cells were safe."), "{passage}");
        assert!(slice(t, r.title.unwrap()).starts_with("Autologous bone marrow"));
        let c = &studies(t)[0];
        assert_eq!(raw(&c.year), "2016", "the citation line above the title, not the one below the abstract");
        assert!(raw(&c.n_patients).contains("Eighteen patients"));
        assert!(raw(&c.route).contains("hepatic artery"), "the title gives the route");
        assert_eq!(c.condition_context.as_ref().map(|f| f.text.as_str()), r.title.map(|s| slice(t, s)));
    }

    #[test]
    fn a_chinese_article_page_is_one_study() {
        let t = "论著 Open Access\n\
                 某某消化杂志. 2017-05-08; 25(13): 1200-1205\n\
                 自体骨髓干细胞经肝动脉移植治疗失代偿期肝硬化\n\
                 王某, 李某某, 张某\n\
                 王某, 某某医科大学第一医院消化科 某省某市 100000\n\
                 通讯作者: 王某, 主任医师. someone@example.com\n\
                 收稿日期: 2017-01-02\n\n\
                 目的: 探讨自体骨髓干细胞移植治疗失代偿期肝硬化的疗效.\n\n\
                 方法: 失代偿期肝硬化患者12例, 经肝动脉输注自体骨髓干细胞, 随访6个月.\n\n\
                 结果: 术后患者白蛋白升高, 腹水减少.\n";
        let r = report(t).expect("one study's report");
        assert!(t[r.span[0]..r.span[1]].starts_with("目的"));
        let c = &studies(t)[0];
        assert_eq!(raw(&c.year), "2017");
        assert_eq!(trialex_normalizer::patient_count(raw(&c.n_patients)), Some(12));
    }

    #[test]
    fn label_headings_open_the_sections_they_head() {
        let t = "Umbilical cord MSCs in decompensated cirrhosis: a cohort study\n\n\
                 AIM\n\nTo evaluate umbilical cord MSCs in decompensated cirrhosis.\n\n\
                 METHODS\n\nA total of 64 patients received umbilical cord MSCs through a peripheral vein.\n\n\
                 RESULTS\n\nSurvival was higher in the MSC group.\n\n\
                 CONCLUSION\n\nUC-MSCs improved survival.\n\n\
                 Keywords: cirrhosis; stem cells\n";
        let r = report(t).expect("one study's report");
        let passage = &t[r.span[0]..r.span[1]];
        assert!(passage.starts_with("AIM") && passage.ends_with("UC-MSCs improved survival."), "{passage}");
        assert!(r.passages[0].sentences.iter().all(|s| !slice(t, *s).starts_with("METHODS")));
    }

    #[test]
    fn an_unstructured_abstract_is_the_passage_not_the_body_after_it() {
        let t = "Portal vein infusion of marrow cells in cirrhosis\n\n\
                 Abstract\n\n\
                 We infused autologous bone marrow cells into the portal vein of 14 patients with cirrhosis. Albumin increased at 6 months.\n\n\
                 Introduction\n\n\
                 Cirrhosis is common [1]. Earlier work used other cells [2].\n\n\
                 Methods\n\n\
                 Patients were recruited from 2015 to 2017.\n";
        let r = report(t).expect("one study's report");
        let passage = &t[r.span[0]..r.span[1]];
        assert!(passage.starts_with("We infused") && passage.ends_with("at 6 months."), "{passage}");
    }

    #[test]
    fn a_primary_papers_text_cites_papers_in_its_body() {
        let t = "Marrow cells through the hepatic artery in alcoholic cirrhosis\n\n\
                 Abstract\n\n\
                 We enrolled 24 patients with alcoholic cirrhosis and infused autologous marrow cells through the hepatic artery. Albumin increased at 12 months.\n\n\
                 Introduction\n\n\
                 Earlier, Smith et al. [1] treated 10 patients with cirrhosis with MSCs and albumin rose. Lee et al. [2] treated 20 patients with ACLF with UC-MSCs and survival improved [3].\n";
        let r = report(t).expect("one study's report");
        assert!(t[r.span[0]..r.span[1]].starts_with("We enrolled 24"));
        // A review's abstract that speaks of no study of its own, over the same body, is not one.
        let t = t.replace(
            "We enrolled 24 patients with alcoholic cirrhosis and infused",
            "Trials have given 24 patients with alcoholic cirrhosis",
        );
        assert!(report(&t).is_err());
    }

    #[test]
    fn a_news_page_about_one_trial_is_one_study() {
        let t = "Skip to content\n\n\
                 Umbilical cord stem cells prolong survival in decompensated cirrhosis, a long-term trial finds\n\n\
                 In this randomized study, 120 patients with decompensated cirrhosis were divided into a control group (n = 60) and an MSC group (n = 60). Patients in the MSC group received three infusions of umbilical cord MSCs. Survival was higher in the MSC group during follow-up of 5 years.\n\n\
                 Source\n\nFacebook\nTwitter\n";
        let found = studies(t);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].source.text.starts_with("In this randomized study") && found[0].source.text.ends_with("5 years.")
        );
    }

    #[test]
    fn a_reviews_own_abstract_is_no_study() {
        let t = "Stem cell therapy for liver cirrhosis\n\n\
                 Abstract\n\n\
                 Background: Cirrhosis is common.\n\n\
                 Methods: This review summarizes clinical trials of stem cells in 500 patients with cirrhosis.\n\n\
                 Results: Albumin improved in most trials.\n";
        assert_eq!(report(t).err(), Some("a review's own abstract or text"));
        assert!(studies(t).is_empty());
        let t =
            "Review Article\n\nMSCs in liver disease\n\nMethods: Forty patients received MSCs.\nResults: ALT fell.\n";
        assert_eq!(report(t).err(), Some("a review's own abstract or text"));
    }

    #[test]
    fn abstracts_each_under_their_own_citation_line_are_a_collection() {
        let t = "Abstract 1. MSCs in ACLF\nHepatology 2020; 72(S1): 10A\nMethods: Forty patients with ACLF received UC-MSCs.\nResults: Survival improved.\n\n\
                 Abstract 2. CD34+ cells in cirrhosis\nJ Hepatol 2019; 70: e5\nMethods: Ten patients with cirrhosis received CD34+ cells into the hepatic artery.\nResults: MELD decreased.\n";
        assert!(report(t).is_err());
        assert_eq!(studies(t).len(), 2, "the review reader reads each abstract");
        let t = "MSCs in ACLF\nHepatology 2020; 72(S1): 10A\nMethods: Forty patients with ACLF received UC-MSCs.\nResults: Survival improved.\n\n\
                 CD34+ cells in cirrhosis\nJ Hepatol 2019; 70: e5\nMethods: Ten patients with cirrhosis received CD34+ cells.\nResults: MELD decreased.\n";
        assert_eq!(report(t).err(), Some("a collection of abstracts, each under its own citation line"));
    }

    #[test]
    fn a_bilingual_abstract_is_one_study_and_its_translation_fills_gaps() {
        let t = "脐带间充质干细胞治疗慢加急性肝衰竭\n\n\
                 目的: 探讨脐带间充质干细胞的疗效.\n\
                 方法: 慢加急性肝衰竭患者30例接受脐带间充质干细胞输注.\n\
                 结果: 总胆红素下降.\n\n\
                 Umbilical cord MSCs for acute-on-chronic liver failure\n\n\
                 AIM: To study umbilical cord MSCs.\n\
                 METHODS: Thirty patients with ACLF received umbilical cord MSCs through a peripheral vein and were followed up for 24 weeks.\n\
                 RESULTS: Total bilirubin decreased.\n";
        let r = report(t).expect("one study's report");
        assert!(r.translation.is_some());
        let found = studies(t);
        assert_eq!(found.len(), 1);
        assert!(raw(&found[0].follow_up).contains("24 weeks"), "{:?}", found[0].follow_up);
        assert!(raw(&found[0].route).contains("peripheral vein"));
    }

    #[test]
    fn an_abstract_of_two_registered_trials_gives_two() {
        let t = "Two trials of UC-MSCs in decompensated cirrhosis\n\n\
                 Background: Few options exist.\n\
                 Methods: In a phase Ia trial (NCT01111111), 12 patients with decompensated cirrhosis received one dose of UC-MSCs. \
                 In a phase Ib trial (NCT02222222), 9 patients received three doses of UC-MSCs.\n\
                 Results: Albumin increased in both trials.\n";
        let found = studies(t);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].trial_ids, ["NCT01111111"]);
        assert_eq!(found[1].trial_ids, ["NCT02222222"]);
        // Both numbers in one sentence: the sentence is cut where the second trial is named.
        let t = "Two trials of UC-MSCs in decompensated cirrhosis\n\n\
                 Methods: We conducted a phase Ia trial (NCT01111111) in which 12 patients with decompensated cirrhosis received one dose of UC-MSCs, \
                 and a phase Ib trial (NCT02222222) in which 9 patients received three doses.\n\
                 Results: Albumin increased.\n";
        let found = studies(t);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[1].source.text.starts_with("and a phase Ib trial"), "{}", found[1].source.text);
        assert_eq!(trialex_normalizer::patient_count(raw(&found[0].n_patients)), Some(12));
        assert_eq!(trialex_normalizer::patient_count(raw(&found[1].n_patients)), Some(9));
    }

    #[test]
    fn a_registry_record_is_one_study() {
        let t = "Umbilical Cord MSCs for Liver Cirrhosis\n\
                 ClinicalTrials.gov ID: NCT03333333\n\
                 Study Type: Interventional\n\
                 Enrollment: 40 participants\n\
                 Conditions: Liver Cirrhosis\n\
                 Intervention: Biological: umbilical cord MSCs through a peripheral vein\n\
                 Brief Summary: Forty patients with liver cirrhosis will receive umbilical cord MSCs and be followed for 48 weeks.\n";
        assert!(report(t).is_ok(), "{:?}", report(t).err());
        let c = &studies(t)[0];
        assert_eq!(c.trial_ids, ["NCT03333333"]);
        assert_eq!(trialex_normalizer::patient_count(raw(&c.n_patients)), Some(40));
        // A Chinese record, whose fields end without stops.
        let zh = "注册号： ChiCTR2000000001\n注册题目： 脐带间充质干细胞治疗肝硬化的随机对照研究\n研究类型： 干预性研究\n\
                  研究疾病： 失代偿期肝硬化\n干预措施： 经外周静脉输注脐带间充质干细胞，共3次\n样本量： 60\n";
        let c = &studies(zh)[0];
        assert_eq!(c.trial_ids, ["ChiCTR2000000001"]);
        assert_eq!(trialex_normalizer::patient_count(raw(&c.n_patients)), Some(60));
    }

    #[test]
    fn a_registry_record_without_its_number_and_with_values_under_its_fields() {
        let t = "Background on liver cirrhosis. Earlier work in rats showed that cord cells repair the liver.
                 Study Type
INTERVENTIONAL
Allocation
RANDOMIZED
Masking
NONE
Enrollment
120
                 Umbilical cord MSCs are infused through a peripheral vein every week for four weeks.
                 MELD score
Time frame: 4 weeks, 12 weeks and 1 year after treatment
";
        assert!(report(t).is_ok(), "{:?}", report(t).err());
        let c = &studies(t)[0];
        assert_eq!(raw(&c.n_patients), "120");
        assert_eq!(trialex_normalizer::follow_up(raw(&c.follow_up)).value.max_days, Some(365.25));
        // A record that opens with its enrolment's number over its noun.
        let t = "150\nParticipants\nStart Date\nMay 1, 2023\nPrimary Completion Date\nMay 1, 2025\n\
                 Study Completion Date\nMay 1, 2026\nUC-MSC\nUC-MSC (1.5×10\\^8 cells/time, peripheral IV, at week 0 and week 1)\n";
        let c = &studies(t)[0];
        assert_eq!(raw(&c.n_patients), "150\nParticipants");
    }

    #[test]
    fn two_registered_trials_told_apart_by_phase_are_two_studies() {
        let t = "Cord cell therapy for decompensated cirrhosis: phase Ia/Ib results\n\nAbstract\n\n\
                 Decompensated cirrhosis is hard to treat. We conducted sequential Phase Ia/Ib trials. \
                 In Phase Ia, three dose cohorts received a single dose of MSCs: 1.0 × 10⁷, 2.0 × 10⁷ and 4.0 × 10⁷ cells. \
                 Patients were followed up on Days 7, 14 and 28. \
                 Phase Ib included two dose cohorts, each of which received three doses of MSCs: 2.0 × 10⁷ and 4.0 × 10⁷ cells per dose. \
                 Patients were followed up on Days 14, 28 and 56. \
                 The trials were registered at ClinicalTrials.gov (NCT01111111 and NCT02222222). \
                 Both trials showed good safety.\n";
        let (groups, ids) = phase_split(t, &segment::sentences(t, [0, t.len()])).expect("split by phase");
        assert_eq!(ids, ["NCT01111111", "NCT02222222"]);
        assert_eq!(groups.len(), 2);
        assert!(slice(t, groups[0][0]).starts_with("In Phase Ia"));
        assert!(slice(t, groups[1][0]).starts_with("Phase Ib"));
        let found = studies(t);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].trial_ids, ["NCT01111111"]);
        assert_eq!(found[1].trial_ids, ["NCT02222222"]);
        assert_eq!(trialex_normalizer::follow_up(raw(&found[1].follow_up)).value.max_days, Some(56.0));
        // One number, or phases that do not match the numbers, split nothing.
        let one = "In Phase I, ten patients received cells (NCT01111111). Phase II is planned.";
        assert!(phase_split(one, &segment::sentences(one, [0, one.len()])).is_none());
    }

    #[test]
    fn a_news_item_on_one_trial_is_one_study() {
        let t = "Researchers in Spain report success in using marrow stem cells to treat cirrhosis of the liver. \
                 A study in a journal said the team isolated the cells and injected them into the hepatic artery of 9 patients.\n";
        let found = studies(t);
        assert_eq!(found.len(), 1);
        assert!(found[0].source.text.starts_with("Researchers in Spain"), "{}", found[0].source.text);
        let zh = "肝硬化每年致死人数众多。在此背景下,某医院某某团队开展的间充质干细胞静脉回输临床试验,为肝硬化治疗提供新思路。该研究成果于2025年发表在某期刊。\n";
        let found = studies(zh);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].source.text.contains("团队开展的间充质干细胞"));
    }

    #[test]
    fn labels_glued_to_their_sentences_make_a_structured_abstract() {
        let t = "自体骨髓干细胞移植治疗肝硬化\n\
                 目的观察自体骨髓干细胞移植的疗效。方法将30例失代偿期肝硬化患者经肝动脉输注自体骨髓干细胞。\
                 结果患者白蛋白升高。结论该方法安全有效。\n\
                 Objective To observe the effect of marrow cells. Methods Thirty patients with cirrhosis received marrow cells. \
                 Results Albumin rose. Conclusion The method is safe.\n";
        let found = studies(t);
        assert_eq!(found.len(), 1, "a bilingual abstract is one study: {found:#?}");
        assert_eq!(glued_label("方法将30例患者"), Some(Part::Methods));
        assert_eq!(glued_label("Methods Thirty patients"), Some(Part::Methods));
        assert_eq!(glued_label("Many patients"), None);
    }

    #[test]
    fn a_chinese_abstract_in_one_paragraph_and_a_press_item() {
        let t = "脐带间充质干细胞治疗慢加急性肝衰竭的临床研究\n\
                 张三 李四 王五\n\
                 【摘要】目的 探讨脐带间充质干细胞的疗效。方法 将40例患者随机分为治疗组和对照组各20例，治疗组经外周静脉输注脐带间充质干细胞，每周1次，共4次。结果 治疗组总胆红素下降。\n\
                 【关键词】间充质干细胞；肝衰竭\n\
                 某某肝脏病杂志, 2019, 27(3): 200-205\n";
        let c = &studies(t)[0];
        assert!(c.source.text.starts_with("目的"), "{}", c.source.text);
        assert_eq!(raw(&c.year), "2019");
        assert_eq!(trialex_normalizer::dose(raw(&c.dose)).value.infusions, Some(4), "{:?}", c.dose);
        let t = "Hospital news\n\n\
                 Cord stem cells help patients with liver failure, a trial finds\n\n\
                 Doctors at a city hospital reported that 40 patients with liver failure received umbilical cord MSCs through a vein. Survival was higher than with standard care.\n\n\
                 Share this article\n";
        let found = studies(t);
        assert_eq!(found.len(), 1);
        assert!(found[0].source.text.starts_with("Doctors at"));
    }

    #[test]
    fn a_chinese_news_item_about_one_trial() {
        let t = "干细胞治疗肝硬化取得新进展\n\
                 来源：某某医院  发布时间：2022-05-10\n\
                 近日，我院团队在《某某肝病杂志》发表研究成果。该研究纳入48例失代偿期肝硬化患者，干细胞组经肝动脉输注自体骨髓间充质干细胞。随访24周，白蛋白明显升高。\n\
                 分享到：微信\n";
        let found = studies(t);
        assert_eq!(found.len(), 1);
        assert!(found[0].source.text.starts_with("近日"));
        assert_eq!(found[0].year, None, "the page's posting date is not the study's year");
    }

    #[test]
    fn a_reposted_abstract_under_its_title_with_a_source_line() {
        let t = "Stem Cell Clinic\n\n\
                 Allogeneic marrow MSCs in primary biliary cholangitis\n\n\
                 Twelve patients with primary biliary cholangitis received allogeneic bone marrow MSCs through a peripheral vein. ALP decreased at 6 months.\n\n\
                 Source: Cell Hepatology. June 2015, 4(2): 10-18\n";
        let r = report(t).expect("one study's report");
        assert!(
            slice(t, r.title.unwrap()).starts_with("Allogeneic marrow MSCs"),
            "the nearest title, not the site's name"
        );
        assert_eq!(raw(&studies(t)[0].year), "2015");
    }

    #[test]
    fn search_results_and_systematic_reviews_are_no_report() {
        let t = "Search results\n\n\
                 Umbilical cord MSCs in ACLF: a pilot trial\nHepatol Int. 2019;13(2):100-110.\n\
                 In this trial, 20 patients with ACLF received UC-MSCs and survival improved.\n\n\
                 CD34+ cells in cirrhosis\nLiver Int. 2018;38(4):600-610.\n";
        assert_eq!(report(t).err(), Some("the page lists several papers"));
        let t = "Cell therapy for cirrhosis\n\nMethods: We searched PubMed and Embase; 12 studies were included.\nResults: Albumin improved in 400 patients.\n";
        assert_eq!(report(t).err(), Some("a review's own abstract or text"));
    }

    #[test]
    fn a_second_abstract_of_label_headings_only_is_no_translation() {
        // Found by the property test: a run of headings alone has no sentences.
        assert!(report("目的：AIM\nHepatology 2020; 72: 1-5\nAIM\nSkip to content\n").is_err());
    }

    #[test]
    fn a_review_table_run_together_is_no_report() {
        let t = "Stem cells in liver fibrosis\n\n\
                 Table 1 Clinical trials of mesenchymal stem cells in liver cirrhosis\n\n\
                 NCT01111111ChinaLiver cirrhosisI/II20 participantsUC-MSCAlloPeripheral vein\n\
                 NCT02222222IranCirrhosisI5 participantsBM-MSCAutoHepatic artery\n";
        assert!(report(t).is_err());
    }

    #[test]
    fn pages_without_a_study_say_why() {
        assert_eq!(report("Home\nLog in\nShare\n").err(), Some("the text is only page chrome and headings"));
        let t = "Stem cells in liver disease\n\n\
                 In this study, mice with fibrosis received bone marrow MSCs via the tail vein, and collagen decreased.\n";
        assert!(report(t).is_err());
        // Without labels, a page that tells several trials is a review's.
        let t = "Cell therapy news\n\n\
                 In this study, Smith et al. treated 20 patients with cirrhosis with autologous MSCs and albumin rose. \
                 Lee et al. treated 30 patients with ACLF with UC-MSCs through a peripheral vein and survival improved.\n";
        assert!(report(t).is_err());
    }
}
