//! The reference list: where it stands, how it splits into entries, and what each entry says.
//!
//! * The section is found by its heading (`参考文献`, `【参考文献】`, `References`,
//!   `主要参考资料:` …, see `SECTION_HEADINGS`); the last heading followed by entries wins,
//!   because a table column may also be called `参考文献`. Without a heading, the last run of
//!   at least `MIN_UNHEADED_ENTRIES` numbered, reference-like lines starting at 1 is taken.
//! * Lines become entries: a label (`[n]`, `n.`, `(n)`, `n `, after an optional bullet `- `)
//!   starts one; an unlabelled line starts one when it opens with author names; any other line
//!   continues the entry before it when that entry is unfinished (no year yet, or a trailing
//!   comma) or when it reads like an entry's tail (`doi:`, `PMID`, a lower-case word). Page
//!   numbers and running heads (lines repeated elsewhere in the document) are skipped, so an
//!   entry split by a page break is one entry. A line that holds the end of one entry and the
//!   label of the next (`… (2016). 9. Bernsmeier, C., …`, `… 10199-2 [13]Yao, L., …`) is cut
//!   there. The first line that fits none of this, with no entry coming after it, ends the section.
//! * Entries without a label are numbered by position, continuing from the labels around them.
//! * `fields` reads each entry; `authors` its author list.

mod authors;
mod fields;

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;
use trialex_model::script::{is_cjk, is_cjk_punctuation};
use trialex_model::{Reference, Span};

/// Headings of a reference list, as written (compared case-insensitively; CJK headings may be
/// letter-spaced, `参 考 文 献`).
const SECTION_HEADINGS: &[&str] = &[
    "参考文献",
    "参考资料",
    "参考书目",
    "引用文献",
    "主要参考文献",
    "主要参考资料",
    "References and notes",
    "References",
    "Reference",
    "Bibliography",
    "Literature cited",
    "Works cited",
];

/// Without a heading, this many numbered reference-like lines in a row make a reference list.
const MIN_UNHEADED_ENTRIES: usize = 3;
/// How many non-blank lines ahead to look for another entry before a stray line ends the list.
const LOOKAHEAD_LINES: usize = 3;
/// How many stray lines may stand between a heading and the first entry.
const MAX_LINES_BEFORE_FIRST_ENTRY: usize = 2;
/// Shorter repeated lines (`摘要`, `Table`) are too common to be taken for running heads.
const MIN_RUNNING_HEAD_CHARS: usize = 4;
/// A dotted or bare label may jump at most this far ahead of the previous number.
const MAX_LABEL_JUMP: u32 = 10;

/// Identifier keywords that a hard line break may cut in two.
const IDENTIFIER_KEYWORDS: &[&str] = &["PMID", "PMCID", "doi", "DOI", "https://", "http://"];

/// What may open an entry's continuation line: identifiers, months, lower-case words, digits.
const TAIL_STARTS: &[&str] = &[
    "doi",
    "DOI",
    "Doi",
    "PMID",
    "PMCID",
    "PMC",
    "http",
    "www.",
    "Epub",
    "Available",
    "Accessed",
    "Retrieved",
    "[J]",
    "[M]",
    "(",
    "（",
    ";",
    ":",
    ",",
    ".",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
];

static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    let alternatives: Vec<String> = SECTION_HEADINGS
        .iter()
        .map(|h| {
            if h.is_ascii() {
                regex::escape(h).replace(' ', r"\s+")
            } else {
                h.chars().map(|c| regex::escape(&c.to_string())).collect::<Vec<_>>().join(r"\s*")
            }
        })
        .collect();
    Regex::new(&format!(
        r"(?i)^[\s#*_【\[〔]*(?:\d{{1,2}}\.?\s*|[一二三四五六七八九十]+[、.]\s*)?(?:{})[\s*_】\]〕]*(?:[(（][^)）\n]{{0,40}}[)）])?[\s*_】\]〕]*[:：]?[\s*_】\]〕]*",
        alternatives.join("|")
    ))
    .unwrap()
});
/// A bullet before an entry: `- `, `* `, `• `, `· `.
static BULLET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[-*•·●▪]\s+").unwrap());
/// `[12]`, `［12］`, `〔12〕`, a Markdown footnote `[^12]:`: always a label.
static BRACKET_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\[［〔]\^?\s*(\d{1,4})\s*[\]］〕]:?\s*").unwrap());
/// `12.`, `12\.`, `12、`, `12)`, `(12)`, `12 `: a label when the numbers run in sequence.
static SEQUENCE_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:(\d{1,3})\s*\\?[.．、)）]|[(（]\s*(\d{1,3})\s*[)）]|(\d{1,3})\s)\s*").unwrap());
/// A bracketed or dotted label inside a line, after a space: where a merged line may hold a
/// second entry (`… 10199-2 [13]Yao, L., …`, `… 1249–1264 (2016). 9. Bernsmeier, C., …`).
static EMBEDDED_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s([\[［〔]\s*\d{1,4}\s*[\]］〕]|\d{1,3}\.\s)").unwrap());
static PAGE_FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[\s·•\-–—|]*(?:page\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?[\s·•\-–—|]*|第\s*\d+\s*页.*|\f*)$")
        .unwrap()
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|\D)(?:1[89]|20)\d{2}(?:\D|$)").unwrap());
static IDENTIFIER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)https?://|\bdoi\b|\b10\.\d{4,9}/").unwrap());
/// The end of a text that stops inside a DOI, URL or PMID (not after its closing dot).
static IDENTIFIER_IN_PROGRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bdoi\s*[:：]?\s*(?:\d[\w./()\-]*[\w/\-]|\d|10\.)|https?://\S*[\w/\-=&?%]|\bPMID\s*[:：]?\s*\d*|\bPMC\d*|\b10\.\d{4,9}/\S*[\w/\-])$")
        .unwrap()
});

/// The reference list of a document: where it is and its entries.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bibliography {
    /// From the heading (or the first entry, without a heading) to the end of the last entry.
    pub span: Span,
    pub references: Vec<Reference>,
}

/// Parses the document's reference list (empty when there is none).
pub fn parse(text: &str) -> Vec<Reference> {
    find(text).map(|b| b.references).unwrap_or_default()
}

/// Where the reference list stands, from its heading to its last entry: text in this span is
/// not body text (its `[n]` labels are not citations, its entries are not studies).
pub fn section_span(text: &str) -> Option<Span> {
    find(text).map(|b| b.span)
}

/// Where the last references heading line starts (alone on its line, or followed by its first
/// entry), whether or not entries that parse follow it: from there on the text is no body text.
pub fn heading_start(text: &str) -> Option<usize> {
    lines_of(text)
        .iter()
        .rev()
        .find(|line| {
            let line = line.of(text);
            HEADING.find(line).is_some_and(|m| {
                let rest = &line[m.end()..];
                rest.trim().is_empty() || is_labelled(rest)
            })
        })
        .map(|line| line.start)
}

/// Finds and parses the reference list.
pub fn find(text: &str) -> Option<Bibliography> {
    let lines = lines_of(text);
    let repeated = repeated_lines(text, &lines);
    let reader = Reader { text, lines: &lines, repeated: &repeated };
    for (index, line) in lines.iter().enumerate().rev() {
        let Some(m) = HEADING.find(line.of(text)) else { continue };
        let rest = line.start + m.end();
        // `参考文献：[1] …` keeps its first entry on the heading line.
        let (first, start_line) = if rest < line.end {
            if !is_labelled(&text[rest..line.end]) {
                continue;
            }
            (Some(Line { start: rest, end: line.end }), index + 1)
        } else {
            (None, index + 1)
        };
        if let Some((references, end)) = reader.entries(first, start_line, MAX_LINES_BEFORE_FIRST_ENTRY)
            && mostly_references(&references)
        {
            return Some(Bibliography { span: [line.start, end], references });
        }
    }
    // No heading: the last run of numbered entries starting at 1.
    for (index, line) in lines.iter().enumerate().rev() {
        let body = line.of(text);
        if label_of(body, None).map(|(n, _)| n) != Some(1) || !YEAR.is_match(body) {
            continue;
        }
        // Stricter than under a heading: a numbered list of trials by year is body text.
        if let Some((references, end)) = reader.entries(None, index, 0)
            && references.len() >= MIN_UNHEADED_ENTRIES
            && references.iter().all(|r| r.year.is_some() || r.url.is_some())
            && references.iter().filter(|r| !r.authors.is_empty()).count() * 2 > references.len()
        {
            return Some(Bibliography { span: [line.start, end], references });
        }
    }
    None
}

/// True when at least half the entries name an author, a year or an identifier: a column
/// of bare `[15]` cells under a `参考文献` header is no reference list.
fn mostly_references(references: &[Reference]) -> bool {
    let real = references
        .iter()
        .filter(|r| r.year.is_some() || r.url.is_some() || r.doi.is_some() || !r.authors.is_empty())
        .count();
    real * 2 >= references.len()
}

/// One line of the text: byte offsets of its content without the line break and outer spaces.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Line {
    start: usize,
    end: usize,
}

impl Line {
    fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

fn lines_of(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for piece in text.split_inclusive('\n') {
        let content = piece.trim_end_matches(['\n', '\r']);
        let leading = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        lines.push(Line { start: offset + leading, end: offset + leading + trimmed.len() });
        offset += piece.len();
    }
    lines
}

/// Lines that occur more than once in the document (page numbers at their edges ignored):
/// running heads and feet.
fn repeated_lines(text: &str, lines: &[Line]) -> HashSet<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for line in lines {
        let key = furniture_key(line.of(text));
        if key.chars().count() >= MIN_RUNNING_HEAD_CHARS {
            *counts.entry(key).or_default() += 1;
        }
    }
    counts.into_iter().filter(|(_, n)| *n > 1).map(|(key, _)| key).collect()
}

/// A line without spaces and without the page number at either edge (`· 156 · Hepatol Res`).
fn furniture_key(line: &str) -> String {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    compact.trim_matches(|c: char| c.is_ascii_digit()).to_string()
}

/// An entry being assembled: its label and the pieces of text it spans.
#[derive(Debug)]
struct Draft {
    label: Option<u32>,
    /// Byte ranges of the entry's lines (the first starts at the label, after any bullet).
    parts: Vec<Line>,
    /// Where the entry's body starts, after the label.
    body_start: usize,
}

struct Reader<'a> {
    text: &'a str,
    lines: &'a [Line],
    repeated: &'a HashSet<String>,
}

/// The classification of one line of a reference list.
enum LineKind {
    /// A page number, a running head or an empty line.
    Skip,
    /// A labelled entry start (label, start of the entry, start of its body).
    Labelled(u32, usize, usize),
    /// An unlabelled line (start after any bullet, bulleted?).
    Plain(usize, bool),
}

impl Reader<'_> {
    /// The entries from line `start_line` on (with `first` before them, if given) and the end
    /// of the last one; None when no entry comes within `tolerance` stray lines.
    fn entries(&self, first: Option<Line>, start_line: usize, tolerance: usize) -> Option<(Vec<Reference>, usize)> {
        let mut drafts: Vec<Draft> = Vec::new();
        let mut stray = 0;
        let candidates = first.into_iter().chain(self.lines[start_line.min(self.lines.len())..].iter().copied());
        let mut all: Vec<Line> = candidates.collect();
        let mut i = 0;
        while i < all.len() {
            let last_label = drafts.iter().rev().find_map(|d| d.label);
            if let Some(second) = self.merged_entry(all[i], last_label) {
                all[i].end = self.text[..second.start].trim_end().len();
                all.insert(i + 1, second);
            }
            let line = all[i];
            match self.classify(line, last_label) {
                LineKind::Skip => {}
                LineKind::Labelled(n, start, body) => {
                    drafts.push(Draft { label: Some(n), parts: vec![Line { start, end: line.end }], body_start: body });
                }
                LineKind::Plain(start, bulleted) => {
                    let body = &self.text[start..line.end];
                    let piece = Line { start, end: line.end };
                    let opens = opens_entry(body);
                    match drafts.last_mut() {
                        None if opens => drafts.push(Draft { label: None, parts: vec![piece], body_start: start }),
                        None => {
                            stray += 1;
                            if stray > tolerance {
                                return None;
                            }
                        }
                        Some(last) => {
                            let so_far = self.joined(last);
                            let unfinished = !is_finished(&so_far);
                            let lower = body.starts_with(|c: char| c.is_lowercase());
                            // Author names open a new entry after a bullet, or after an entry
                            // that closed with a full stop although it gave no year.
                            let closed = so_far.ends_with(['.', '。', '．']);
                            if unfinished && !(opens && !lower && (bulleted || closed)) {
                                last.parts.push(piece);
                            } else if opens {
                                drafts.push(Draft { label: None, parts: vec![piece], body_start: start });
                            } else if lower
                                || TAIL_STARTS.iter().any(|t| body.starts_with(t))
                                || body.starts_with(|c: char| c.is_ascii_digit())
                                || self.entry_follows(&all[i + 1..])
                            {
                                // An entry's tail, or a stray line with entries still to come:
                                // kept with the entry, where it harms no field read before it.
                                last.parts.push(piece);
                            } else {
                                break;
                            }
                        }
                    }
                }
            }
            i += 1;
        }
        let end = drafts.last()?.parts.last()?.end;
        Some((self.finish(drafts), end))
    }

    fn classify(&self, line: Line, last_label: Option<u32>) -> LineKind {
        let content = line.of(self.text);
        if PAGE_FURNITURE.is_match(content) {
            return LineKind::Skip;
        }
        let bullet = BULLET.find(content).map_or(0, |m| m.end());
        let start = line.start + bullet;
        let rest = &self.text[start..line.end];
        if let Some((number, len)) = label_of(rest, last_label) {
            return LineKind::Labelled(number, start, start + len);
        }
        if self.repeated.contains(&furniture_key(content)) && !opens_entry(rest) {
            return LineKind::Skip;
        }
        LineKind::Plain(start, bullet > 0)
    }

    /// The next entry when a line join merged it into `line`: a bracketed or dotted label for
    /// the number after `last` (or after the line's own label) standing after a finished entry
    /// and before an entry's first words (`… 10199-2 [13]Yao, L., …`, `… (2016). 9. Bernsmeier, C., …`).
    fn merged_entry(&self, line: Line, last: Option<u32>) -> Option<Line> {
        let content = line.of(self.text);
        let own = BULLET.find(content).map_or(content, |m| &content[m.end()..]);
        let expected = label_of(own, last).map_or(last, |(n, _)| Some(n))? + 1;
        EMBEDDED_LABEL.captures_iter(content).find_map(|c| {
            let label = c.get(1)?;
            let before = &content[..label.start()];
            let after = &content[label.start()..];
            let (number, len) = label_of(after, None)?;
            (number == expected && is_finished(before) && opens_entry(&after[len..]))
                .then(|| Line { start: line.start + label.start(), end: line.end })
        })
    }

    /// The entry's text so far, its lines joined.
    fn joined(&self, draft: &Draft) -> String {
        join_parts(self.text, &draft.parts)
    }

    /// True when one of the next few non-blank lines starts an entry.
    fn entry_follows(&self, next: &[Line]) -> bool {
        next.iter().map(|l| l.of(self.text)).filter(|s| !s.is_empty()).take(LOOKAHEAD_LINES).any(|s| {
            let rest = BULLET.find(s).map_or(s, |m| &s[m.end()..]);
            is_labelled(rest) || opens_entry(rest)
        })
    }

    /// Numbers the drafts (by label, or by position from the labels around them) and reads them.
    fn finish(&self, drafts: Vec<Draft>) -> Vec<Reference> {
        let numbers = number_by_position(&drafts.iter().map(|d| d.label).collect::<Vec<_>>());
        drafts
            .into_iter()
            .zip(numbers)
            .map(|(draft, number)| {
                let raw = self.joined(&draft);
                let label_len = draft.body_start - draft.parts[0].start;
                let body = raw.get(label_len..).unwrap_or(&raw).to_string();
                let first = draft.parts[0];
                let last = *draft.parts.last().unwrap_or(&first);
                let contiguous = draft.parts.windows(2).all(|w| self.text[w[0].end..w[1].start].trim().is_empty());
                let span = contiguous.then_some([first.start, last.end]);
                fields::read_entry(number, raw, &body, span)
            })
            .collect()
    }
}

/// The lines of an entry as one string: a space between lines, none where the break fell
/// inside a word, a number or an identifier (see [`break_inside_token`]).
fn join_parts(text: &str, parts: &[Line]) -> String {
    let mut out = String::new();
    for part in parts {
        let piece = part.of(text);
        if !out.is_empty() && !piece.is_empty() && !break_inside_token(&out, piece) {
            out.push(' ');
        }
        out.push_str(piece);
    }
    out
}

/// True when a line break between `before` and `after` fell inside one token, so that the
/// lines join without a space: after a hyphen or slash (`hepato-` / `cytes`), between CJK
/// characters, between digits (`201` / `6 Jan`, `PMID: 27` / `339398`), in a page range cut at
/// its dash (`1–` / `8`), and inside a DOI,
/// URL or PMID (`doi: 1` / `0.1097/…`, `doi: 10.` / `3892/…`). Browsers printing to PDF
/// break lines anywhere, typesetters at spaces; only these cases are safe to glue.
fn break_inside_token(before: &str, after: &str) -> bool {
    let (Some(prev), Some(next)) = (before.chars().next_back(), after.chars().next()) else { return false };
    if matches!(prev, '-' | '/' | '‑' | '‐') || [prev, next].iter().all(|&c| is_cjk(c) || is_cjk_punctuation(c)) {
        return true;
    }
    // A page range cut at its dash (`1–` / `8`).
    if prev == '–' && next.is_ascii_digit() {
        return true;
    }
    if prev.is_ascii_digit() && next.is_ascii_digit() {
        return true;
    }
    let continues_token = next.is_ascii_alphanumeric() || matches!(next, '.' | '/' | '-' | '_');
    if continues_token && IDENTIFIER_IN_PROGRESS.is_match(before) {
        return true;
    }
    // A keyword cut in two: `PM` / `ID: 27339398`, `ht` / `tps://…`.
    IDENTIFIER_KEYWORDS.iter().any(|kw| {
        (1..kw.len()).any(|cut| {
            let (head, tail) = kw.split_at(cut);
            before.ends_with(head)
                && after.starts_with(tail)
                && !before[..before.len() - head.len()].ends_with(|c: char| c.is_alphanumeric())
        })
    })
}

/// Numbers for every entry: its label, or for an unlabelled entry the number after the one
/// before it; unlabelled entries before the first label count back from it when they fit.
fn number_by_position(labels: &[Option<u32>]) -> Vec<u32> {
    let leading = labels.iter().take_while(|l| l.is_none()).count();
    let first_label = labels.get(leading).copied().flatten();
    let mut next = match first_label {
        Some(n) if n as usize > leading => n - leading as u32,
        _ => 1,
    };
    labels
        .iter()
        .map(|label| {
            let number = label.unwrap_or(next);
            next = number + 1;
            number
        })
        .collect()
}

/// A label at the start of `line` and its length. Bracketed labels always count; dotted and
/// bare numbers (`12.`, `12)`, `12 `) only when the next number is due, or a little later
/// before an entry's first words (`2015.`, a page `257.` or a wrapped `8):681` do not).
fn label_of(line: &str, last: Option<u32>) -> Option<(u32, usize)> {
    if let Some(c) = BRACKET_LABEL.captures(line) {
        return Some((c[1].parse().ok()?, c[0].len()));
    }
    let c = SEQUENCE_LABEL.captures(line)?;
    let digits = c.get(1).or(c.get(2)).or(c.get(3))?.as_str();
    let number: u32 = digits.parse().ok()?;
    let len = c[0].len();
    let rest = &line[len..];
    if number == 0
        || digits.starts_with('0')
        || !rest.starts_with(|ch: char| ch.is_alphabetic() || ch == '"' || ch == '“')
    {
        return None;
    }
    let due = last.map_or(number == 1, |prev| number == prev + 1);
    let near = last.is_none_or(|prev| number > prev && number <= prev + MAX_LABEL_JUMP);
    let bare = c.get(3).is_some();
    ((due && !bare) || (near && opens_entry(rest))).then_some((number, len))
}

fn is_labelled(line: &str) -> bool {
    label_of(line, None).is_some()
}

/// True when `body` opens a reference entry: author names (two or more, or one with a year
/// or a document-type mark on the line), or a URL.
fn opens_entry(body: &str) -> bool {
    if body.starts_with("http://") || body.starts_with("https://") {
        return true;
    }
    let (names, _) = authors::parse_authors(body);
    match names.len() {
        0 => false,
        1 => YEAR.is_match(body) || fields::DOC_TYPE_MARK.is_match(body),
        _ => true,
    }
}

/// True when an entry reads as complete: it has a year or an identifier, and does not end in
/// the middle of a clause.
fn is_finished(entry: &str) -> bool {
    let trimmed = entry.trim_end();
    (YEAR.is_match(trimmed) || IDENTIFIER.is_match(trimmed))
        && !trimmed.ends_with([',', '，', ';', '；', ':', '：', '-', '–', '/', '(', '（', '&'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_authors(refs: &[Reference]) -> Vec<(u32, String)> {
        refs.iter().map(|r| (r.number, r.authors.first().cloned().unwrap_or_default())).collect()
    }

    #[test]
    fn bracket_labels_under_a_heading() {
        let text = "正文引用[2]。\n\n参考文献\n[1] Moreau RB, Lind K. Marrow cells [J]. Hepatol Res, 2003, 27(2):101-108.\n[2] 李明华,陈静,等.骨髓干细胞[J].肝脏,2016,8(2):41-44.\n";
        let bib = find(text).unwrap();
        assert_eq!(first_authors(&bib.references), [(1, "Moreau RB".into()), (2, "李明华".into())]);
        assert_eq!(&text[bib.span[0]..bib.span[0] + "参考文献".len()], "参考文献");
        assert_eq!(bib.span[1], text.trim_end().len());
        let first = &bib.references[0];
        assert_eq!(first.raw, "[1] Moreau RB, Lind K. Marrow cells [J]. Hepatol Res, 2003, 27(2):101-108.");
        assert_eq!(&text[first.span.unwrap()[0]..first.span.unwrap()[1]], first.raw);
    }

    #[test]
    fn lost_labels_are_numbered_by_position_and_a_split_entry_is_one() {
        let text = "【参考文献】\n\n\
            - Moreau RB, Lind K, et al. Marrow cells repopulate rat liver [J]. Hepatol Res, 2003, 27(2):101-108.\n\
            - Okafor N, Brandt HJ, et al. Intrasplenic cell\n\n\
            - infusion in cirrhotic rats [J]. J Surg Res, 2014, 5(1):1-9.\n\
            - [3] Wei L, Ortiz C. Exosomes in liver repair [J]. Front Med, 2022, 9:1-8.\n\
            - Dunn S, Hale R. Stem cells for ascites [J]. Liver Int, 2019, 9(7):21-30.\n";
        let refs = parse(text);
        assert_eq!(
            first_authors(&refs),
            [(1, "Moreau RB".into()), (2, "Okafor N".into()), (3, "Wei L".into()), (4, "Dunn S".into())]
        );
        assert_eq!(
            refs[1].raw,
            "Okafor N, Brandt HJ, et al. Intrasplenic cell infusion in cirrhotic rats [J]. J Surg Res, 2014, 5(1):1-9."
        );
        assert_eq!(refs[1].year, Some(2014));
        assert_eq!(refs[1].span, None, "a bullet stands between the two halves");
        assert_eq!(refs[1].title.as_deref(), Some("Intrasplenic cell infusion in cirrhotic rats"));
    }

    #[test]
    fn an_entry_without_a_year_does_not_swallow_the_next() {
        let text = "参考文献\n赵亮. 肝脏干细胞学[M]. 北京: 人民卫生出版社.\n王芳, 赵亮. 干细胞治疗肝衰竭[J]. 肝脏, 2018, 26(3): 11-15.\n";
        assert_eq!(first_authors(&parse(text)), [(1, "赵亮".into()), (2, "王芳".into())]);
    }

    #[test]
    fn unlabelled_entries_before_the_first_label_count_back_from_it() {
        assert_eq!(number_by_position(&[None, None, Some(5), None]), [3, 4, 5, 6]);
        assert_eq!(number_by_position(&[None, None, Some(2)]), [1, 2, 2]);
        assert_eq!(number_by_position(&[Some(1), None, Some(7)]), [1, 2, 7]);
        assert_eq!(number_by_position(&[None, None]), [1, 2]);
    }

    #[test]
    fn wrapped_lines_and_page_furniture_inside_the_list() {
        let text = "101 Hepatology Research 2020 Vol 3\n\nReferences\n\
            1. Okafor N, Brandt HJ, Lindqvist PM. Intrasplenic cell infusion in\n\
            cirrhotic rats: a pilot trial. Liver Transpl. 2018 Feb 3;24(2):301-309. doi: 10.1002/\n\
            lt.24999.\n\
            12\n\
            Hepatology Research 2020 Vol 3 102\n\
            2. Dunn S, Hale R. Stem cells for ascites. BMJ Open. 2019 Jul 1;9(7):e021234.\n\
            PMID: 31234567.\n";
        let refs = parse(text);
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].doi.as_deref(), Some("10.1002/lt.24999"));
        assert_eq!(refs[0].journal.as_deref(), Some("Liver Transpl"));
        assert!(refs[0].span.is_some(), "wrapped lines are contiguous");
        assert_eq!(refs[1].number, 2);
        assert_eq!(refs[1].pmid.as_deref(), Some("31234567"));
        assert!(!refs[1].raw.contains("Hepatology Research"));
    }

    #[test]
    fn entries_merged_into_one_line_are_split_at_the_next_label() {
        let text = "References\n[1] Dunn S, Hale R. Stem cells for ascites. BMJ Open. 2019;9(7):e021234. [2]Wei L, Ortiz C. Exosomes as cited in [3]. Front Med. 2022;9:1-8. [3] Okafor N, Brandt HJ. Intrasplenic infusion. Liver Transpl. 2018;24(2):301-309.\n";
        let refs = parse(text);
        assert_eq!(first_authors(&refs), [(1, "Dunn S".into()), (2, "Wei L".into()), (3, "Okafor N".into())]);
        assert_eq!(refs[0].raw, "[1] Dunn S, Hale R. Stem cells for ascites. BMJ Open. 2019;9(7):e021234.");
        assert!(refs[1].raw.ends_with("Front Med. 2022;9:1-8."), "a bracket inside a title is no label");
        assert_eq!(&text[refs[2].span.unwrap()[0]..refs[2].span.unwrap()[1]], refs[2].raw);
    }

    #[test]
    fn a_dotted_label_run_into_the_line_before_starts_its_own_entry() {
        // Two-column text read row by row, or a line join, put entry 9 after entry 8's end;
        // entry 10 is then due although its first line names one author and no year.
        let text = "References\n\
            8. Claria, J. et al. Systemic inflammation in decompensated cirrhosis. Hepatology 64, 1249–1264 (2016). 9. Bernsmeier, C., van der Merwe, S. & Perianin, A. Innate immune cells in cirrhosis. J. Hepatol. 73, 186–201 (2020).\n\
            10. Fernandez, J. et al. Bacterial and fungal infections in acute-on-chronic liver failure:\n\
            prevalence and impact on prognosis. Gut 67, 1870–1880 (2018).\n";
        let refs = parse(text);
        assert_eq!(
            first_authors(&refs),
            [(8, "Claria J".into()), (9, "Bernsmeier C".into()), (10, "Fernandez J".into())]
        );
        assert_eq!(refs[0].year, Some(2016));
        assert!(refs[0].raw.ends_with("(2016)."));
        // A number after a finished sentence that is not the next one is no label.
        let text = "References\n1. Dunn S, Hale R. Stem cells for ascites. BMJ Open. 2019;9:e021234. 7. Wei L, Ortiz C. Exosomes. Front Med. 2022;9:1-8.\n";
        assert_eq!(parse(text).len(), 1);
    }

    #[test]
    fn author_year_entries_split_by_a_page_break() {
        // Hanging-indented entries (pdftotext-like), a DOI and a page range cut at a line end,
        // and a running foot, page number and running head between two halves of one entry.
        let text = "References\n\
            Dunn, S., & Hale, R. (2019). Stem cells for ascites in cirrhosis. BMJ Open, 9(7),\n    e021234. https://doi.org/10.1136/\n    bmjopen-2019-021234\n\
            Okafor, N., Brandt, H. J., & Lindqvist, P. M. (2018). Intrasplenic cell infusion in\n\n\
            Journal of Hepatology Reviews 12 (2020) 1–20\n\
            14\n\
            Shi et al.  Journal of Hepatology Reviews\n\
            \x20   cirrhotic rats: a pilot trial. Liver Transplantation, 24(2), 301–\n    309.\n\
            Wei, L., & Ortiz, C. (2022). Exosomes in liver repair. Frontiers in Medicine, 9, 1–8.\n\n\
            Journal of Hepatology Reviews 12 (2020) 1–20\n\
            15\n\
            Shi et al.  Journal of Hepatology Reviews\n";
        let refs = parse(text);
        assert_eq!(first_authors(&refs), [(1, "Dunn S".into()), (2, "Okafor N".into()), (3, "Wei L".into())]);
        assert_eq!(refs[0].doi.as_deref(), Some("10.1136/bmjopen-2019-021234"));
        assert_eq!(
            refs[1].raw,
            "Okafor, N., Brandt, H. J., & Lindqvist, P. M. (2018). Intrasplenic cell infusion in cirrhotic rats: a pilot trial. Liver Transplantation, 24(2), 301–309."
        );
        assert_eq!(refs[1].year, Some(2018));
        assert!(!refs[2].raw.contains("Hepatology Reviews"));
    }

    #[test]
    fn lines_broken_inside_a_token_join_without_a_space() {
        for (before, after) in [
            ("Transl Med. 201", "6 Jan;5(1)"),
            ("PMID: 27", "339398."),
            ("doi: 1", "0.1097/MEG.1"),
            ("doi: 10.", "3892/etm.2022.1"),
            ("https://doi.org/10.1038/s41392-", "025-02318-4"),
            ("Epub 2016 Jul 30. PM", "ID: 27339398."),
            ("Liver Transplantation, 24(2), 301–", "309."),
            ("治疗肝硬化的疗", "效观察"),
        ] {
            assert!(break_inside_token(before, after), "{before} | {after}");
        }
        for (before, after) in [
            ("Bone marrow as a potential", "source of hepatic oval cells"),
            ("doi: 10.1002/hep.28693.", "Epub 2016"),
            ("Stem Cells, 2007,", "25(11):2896-2902."),
            ("HPM", "ID"),
        ] {
            assert!(!break_inside_token(before, after), "{before} | {after}");
        }
    }

    #[test]
    fn hard_wrapped_lines_of_a_browser_print() {
        let text = "参考资料:\n\n[1]Okafor N, Brandt HJ. Intrasplenic cell infusion. Liver Transpl. 201\n8 Feb 3;24(2):301-309. doi: 1\n0.1002/lt.24999. PMID: 290\n12345.\n\n[2]王芳,赵亮.干细胞治疗肝衰竭[J].肝脏,2018,26(0\n3):11-15.\n";
        let refs = parse(text);
        assert_eq!(refs.len(), 2, "`3):11-15.` is no label");
        assert_eq!(refs[0].year, Some(2018));
        assert_eq!(refs[0].doi.as_deref(), Some("10.1002/lt.24999"));
        assert_eq!(refs[0].pmid.as_deref(), Some("29012345"));
        assert_eq!(refs[1].issue.as_deref(), Some("03"));
    }

    #[test]
    fn continuation_lines_of_the_same_shape_are_not_running_heads() {
        let text = "References\n[1] Oyagi S, Hirose M. Effect of HGF-treated cells [J].\nJ Hepatol, 2006, 44(4):742-748.\n[2] Zhang Z, Wang FS. Stem cell therapies [J].\nJ Hepatol, 2013, 59(1):183-185.\n";
        let years: Vec<_> = parse(text).iter().map(|r| r.year).collect();
        assert_eq!(years, [Some(2006), Some(2013)]);
    }

    #[test]
    fn the_list_ends_at_the_first_line_that_is_no_entry() {
        let text = "参考资料:\n[1]Tanaka, K., Ruiz, MA. et al. Cord cells. Liver Res 7, 10–19 (2020). https://doi.org/10.1007/s41234-020-00042-x\n[2]https://example.org/trials/view/8427\n声明:本文仅供参考,不构成医疗建议。\n关注我们\n";
        let bib = find(text).unwrap();
        assert_eq!(bib.references.len(), 2);
        assert_eq!(bib.references[1].url.as_deref(), Some("https://example.org/trials/view/8427"));
        assert!(bib.references[1].authors.is_empty());
        assert_eq!(&text[bib.span[1] - "8427".len()..bib.span[1]], "8427");
    }

    #[test]
    fn a_table_column_called_like_the_heading_is_not_the_section() {
        let text = "病种\t剂量\t参考文献\n肝硬化\t1×10⁶\t[3]\n\n参考文献\n\n[1] Dunn S, Hale R. Stem cells for ascites [J]. Liver Int, 2019, 9(7):21-30.\n";
        let bib = find(text).unwrap();
        assert_eq!(bib.references.len(), 1);
        assert!(text[bib.span[0]..].starts_with("参考文献\n\n[1]"));
    }

    #[test]
    fn a_column_of_reference_cells_is_no_reference_list() {
        let text = "肝病种类\n细胞数量\n参考文献\n肝硬化\n1×10⁶\n[15]\n肝衰竭\n2×10⁶\n[16]\n";
        assert!(find(text).is_none());
    }

    #[test]
    fn the_start_of_a_references_heading_is_found_without_entries() {
        let t = "正文。\n参考资料:\n[1]King A. BMJ Open. 2015.\n";
        assert_eq!(heading_start(t), t.find("参考资料"));
        assert_eq!(heading_start("References\n1. A"), Some(0));
        assert_eq!(heading_start("Body.\n7. References\n"), Some(6));
        assert_eq!(heading_start("References to earlier work are kept.\n"), None);
        assert_eq!(heading_start("no list here"), None);
    }

    #[test]
    fn heading_variants() {
        for heading in [
            "References",
            "REFERENCES",
            "## References",
            "**参考文献**",
            "参 考 文 献",
            "主要参考资料：",
            "5 References",
            "Bibliography",
            "References (43)",
            "参考文献(References)",
        ] {
            let text = format!(
                "Body text.\n{heading}\n[1] Dunn S, Hale R. Stem cells for ascites. BMJ Open. 2019;9(7):e021234.\n"
            );
            assert_eq!(parse(&text).len(), 1, "{heading}");
        }
    }

    #[test]
    fn markdown_footnote_definitions() {
        let refs = parse(
            "## References\n\n[^1]: Dunn S, Hale R. Stem cells for ascites. BMJ Open. 2019;9(7):e021234.\n[^2]: Wei L, Ortiz C. Exosomes. Front Med. 2022;9:1-8.\n",
        );
        assert_eq!(first_authors(&refs), [(1, "Dunn S".into()), (2, "Wei L".into())]);
    }

    #[test]
    fn heading_with_the_first_entry_on_its_line() {
        let refs = parse(
            "参考文献：[1] 王芳,赵亮.干细胞治疗肝衰竭[J].肝脏,2018,26(3):11-15.\n[2] 周晓东,等.脐血干细胞[J].肝脏,2019,24(1):1-3.\n",
        );
        assert_eq!(first_authors(&refs), [(1, "王芳".into()), (2, "周晓东".into())]);
    }

    #[test]
    fn a_numbered_list_without_heading() {
        let text = "Intro text.\n\n1. Dunn S, Hale R. Stem cells for ascites. BMJ Open. 2019;9(7):e021234.\n2. Okafor N, Brandt HJ. Intrasplenic infusion. Liver Transpl. 2018;24(2):301-309.\n3. Wei L, Ortiz C. Exosomes. Front Med. 2022;9:1-8.\n";
        let bib = find(text).unwrap();
        assert_eq!(bib.references.len(), 3);
        assert!(text[bib.span[0]..].starts_with("1. Dunn"));
        // A numbered list of prose is no bibliography.
        assert!(find("1.精准人群筛选:识别获益人群。\n2.标准化与个体化并行。\n3.协同治疗。\n").is_none());
        assert!(find("1. In 2015, the first trial enrolled 27 patients.\n2. In 2016, a second one followed.\n3. In 2019, a third.\n").is_none());
    }

    #[test]
    fn dotted_numbers_are_labels_only_in_sequence() {
        assert_eq!(label_of("12. Dunn S", Some(11)), Some((12, 4)));
        assert_eq!(label_of("257. DOI: 10.1/x", Some(11)), None);
        assert_eq!(label_of("2.5 mg", None), None);
        assert_eq!(label_of("[40] Dunn S", Some(3)), Some((40, 5)));
    }

    #[test]
    fn no_reference_list() {
        assert!(find("").is_none());
        assert!(find("干细胞治疗肝硬化的研究进展。\n参考文献\n").is_none());
        assert!(section_span("no list here").is_none());
    }

    #[test]
    fn never_panics_on_odd_text() {
        for text in
            ["参考文献\n[", "References\n- ", "参考文献\n[1]", "参考文献\n1. é", "References\n\u{feff}[1] é, 2019"]
        {
            let _ = parse(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_text(text in "(参考文献|References|\\[[0-9]{1,2}\\]|[0-9]{1,4}|[a-zA-Z ]{1,8}|[,.;:()\\-/\n]|[肝脏等，．。]|doi: 10\\.|PMID|https://|[¹²⁰⁻]){0,60}") {
            let bib = find(&text);
            if let Some(bib) = bib {
                assert!(bib.span[0] <= bib.span[1] && bib.span[1] <= text.len());
                for r in &bib.references {
                    if let Some(span) = r.span {
                        assert!(text.get(span[0]..span[1]).is_some());
                    }
                }
            }
            let _ = crate::citation::find_markers(&text);
        }
    }

    fn seed(name: &str) -> String {
        let path = format!("{}/../../fixtures/zh/{name}.txt", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).expect("seed fixture")
    }

    #[test]
    fn seed_000_bullets_lost_labels_and_a_page_break() {
        let refs = parse(&seed("000_a4877cbd41b23476"));
        assert_eq!(refs.len(), 43);
        assert_eq!(refs.iter().map(|r| r.number).collect::<Vec<_>>(), (1..=43).collect::<Vec<_>>());
        assert_eq!(refs[0].authors[0], "Petersen BE");
        assert_eq!(refs[0].year, Some(1999));
        assert_eq!(refs[2].doi.as_deref(), Some("10.1038/35018642"));
        assert!(refs[11].raw.contains("cell transplantation improves"), "entry 12 is joined across the break");
        assert_eq!(refs[11].year, Some(2006));
        assert_eq!(refs[12].authors[0], "Lou G");
        assert_eq!(refs[42].journal.as_deref(), Some("Liver Int"));
    }

    #[test]
    fn seed_001_one_springer_entry_before_a_disclaimer() {
        let text = seed("001_ee09c46421ca47c6");
        let bib = find(&text).unwrap();
        assert_eq!(bib.references.len(), 1);
        assert_eq!(bib.references[0].authors[0], "Xie Y");
        assert_eq!(bib.references[0].year, Some(2025));
        assert_eq!(bib.references[0].doi.as_deref(), Some("10.1007/s12072-025-10835-1"));
        assert!(!text[bib.span[0]..bib.span[1]].contains("免责"));
    }

    #[test]
    fn seed_002_mixed_styles_and_bare_urls() {
        let refs = parse(&seed("002_b487e292bb6e83a3"));
        assert_eq!(refs.len(), 20);
        assert_eq!(refs[2].pmid.as_deref(), Some("27339398"));
        assert_eq!(refs[2].year, Some(2016));
        assert_eq!(refs[5].authors[0], "焦栓林");
        assert_eq!(refs[11].authors[0], "Shi M");
        assert_eq!(refs[15].year, Some(2023));
        assert!(refs[16].authors.is_empty() && refs[16].year.is_none() && refs[16].url.is_some());
        assert!(!refs[19].raw.contains("免责"));
    }
}
