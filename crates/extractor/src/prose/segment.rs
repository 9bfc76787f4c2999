//! Paragraphs, sentences and clauses of running text, with byte offsets kept.
//!
//! Lines are grouped into logical paragraphs (a line that a PDF wrapped mid-sentence is
//! joined to the next, even when it starts with a number or is short; page numbers and
//! running heads between the two are skipped), each classed as heading, bullet, caption or text. Sentences end at
//! `。！？；`, and at `. ! ?` when a new sentence follows (abbreviations such as "et al.",
//! "vs.", "Fig.", "e.g.", initials and decimals do not end one); a citation marker right
//! after the stop (`。[3]`, a flattened `.3`) stays with its sentence. Clauses split a sentence at commas,
//! colons and semicolons outside brackets (`(n=219,随访13-75个月)` is one clause's part).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use trialex_model::Span;

/// What a logical paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphKind {
    /// A short line without a closing stop: a section title.
    Heading,
    /// A list item (`•`, `-`, `→`, `1、`).
    Bullet,
    /// A figure or table title (`图1:`, `表 2`, `Table 3.`).
    Caption,
    Text,
}

/// A logical paragraph: one or more lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    pub kind: ParagraphKind,
}

/// Abbreviations after which a full stop does not end a sentence (lowercase, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "al", "vs", "fig", "figs", "e.g", "i.e", "etc", "approx", "no", "nos", "dr", "ref", "refs", "cf", "ca", "mo", "wk",
    "wks", "yr", "yrs", "st", "jr", "mr", "ms", "inc", "ltd", "co", "resp", "incl", "min", "max", "tab", "eq", "vol",
    "pp", "med", "sd", "n.s", "u.s",
];

/// Width of text for the heading test: an ideograph counts as two letters.
pub fn width(s: &str) -> usize {
    s.chars().map(|c| if is_cjk(c) { 2 } else { 1 }).sum()
}

pub use trialex_model::script::is_cjk;

/// Longest line (in [`width`]) that can still be a heading.
const HEADING_MAX_WIDTH: usize = 64;
/// A line at least this wide that stops without punctuation was wrapped by a PDF.
const WRAPPED_MIN_WIDTH: usize = 60;

/// A line that opens a numbered section or list item (`3 Results`, `2.1 Clinical trials`,
/// `4. Conclusions`, `3 干细胞`), as opposed to a wrapped line that starts with a number
/// (`2 × 10^6 cells`, `108 cells). After 6 months`, `3D culture`, `12个月后`).
static NUMBERED_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{1,2}(?:\.\d{1,2})*(?:[.、)]\s*|\s+)[A-Z\p{Han}]").expect("valid numbered-opening pattern")
});
/// A page number line (`12`, `- 12 -`, `Page 3 of 10`, `3/10`).
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:page\s+|p\.\s*|第\s*)?[-–—·•]?\s*\d{1,4}\s*(?:(?:/|of|共)\s*\d{1,4})?\s*[-–—·•页]?$")
        .expect("valid page-number pattern")
});
/// Running head or foot text with the page number at its edge, set apart by a wide gap
/// (`Journal of Hepatology 2023; 8: 101–112          103`).
static PAGE_AT_EDGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,4}(?:\s{3,}|\t)\S|\S(?:\s{3,}|\t)\d{1,4}$").expect("valid page-edge pattern"));
/// A superscript citation flattened after a full stop at the end of a line (`models.3,4`).
static TRAILING_FLATTENED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{L}[.!?]\d{1,3}(?:[,–-]\d{1,3})*$").expect("valid trailing-citation pattern"));
/// Words after which a line cannot end a sentence: the next line continues it.
const UNFINISHED_LAST_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "at",
    "to",
    "in",
    "on",
    "by",
    "for",
    "from",
    "with",
    "and",
    "or",
    "than",
    "were",
    "was",
    "received",
    "dose",
    "mean",
    "median",
    "approximately",
    "about",
];
/// The shortest running head that counts as repeated (shorter lines such as `Table` repeat for other reasons).
const MIN_RUNNING_HEAD_CHARS: usize = 8;

/// The line's text without trailing citation markers (`。[3]`, `.^[4-5]`, a flattened `.3,4`).
fn without_trailing_markers(line: &str) -> &str {
    let mut s = line.trim_end();
    if let Some(m) = TRAILING_FLATTENED.find(s) {
        // Keep the letter and the stop; drop the glued digits.
        let stop = m.start() + s[m.start()..].chars().next().map_or(0, char::len_utf8) + 1;
        s = &s[..stop];
    }
    loop {
        let Some(inner) = s.strip_suffix(']') else { return s };
        let Some(open) = inner.rfind('[') else { return s };
        let body = &inner[open + 1..];
        if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || ",-–~ ，、".contains(c)) {
            return s;
        }
        s = inner[..open].trim_end_matches('^').trim_end();
    }
}

/// True when the line ends like a sentence or an introduction to a list.
fn ends_closed(line: &str) -> bool {
    without_trailing_markers(line).chars().next_back().is_some_and(|c| "。！？；.!?;:：”\"".contains(c))
}

fn is_bullet(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('•' | '·' | '●' | '▪' | '◆' | '■' | '→' | '*' | '–' | '—') => true,
        Some('-') => chars.next().is_some_and(|c| c.is_whitespace()),
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with('、') || rest.starts_with(')') || rest.starts_with('）')
        }
        _ => false,
    }
}

fn is_caption(line: &str) -> bool {
    let rest = if let Some(r) = line.strip_prefix('图').or_else(|| line.strip_prefix('表')) {
        r
    } else {
        let lower = line.get(..8).unwrap_or(line).to_ascii_lowercase();
        let skip = ["figure", "table", "fig."].iter().find(|p| lower.starts_with(*p)).map(|p| p.len());
        match skip {
            Some(n) => line.get(n..).unwrap_or(""),
            None => return false,
        }
    };
    rest.trim_start().chars().next().is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十ⅠⅡⅢⅣ".contains(c))
}

/// A line that the table fallback skips: cells separated by tabs or pipes.
fn looks_tabular(line: &str) -> bool {
    // Full-width pipes separate cells as ASCII ones do (Chinese tables typed with an IME).
    line.contains('\t') || line.matches(['|', '｜']).count() >= 2
}

/// A line's text for the running-head test: without spaces and without a page number at
/// either edge, so that `Journal 2023; 8: 101–112   103` and `… 104` are the same line.
fn furniture_key(line: &str) -> String {
    let trimmed =
        line.trim().trim_start_matches(|c: char| c.is_ascii_digit()).trim_end_matches(|c: char| c.is_ascii_digit());
    trimmed.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Keys of running heads and feet that a PDF's text layer repeats on every page: lines that
/// hold a number (a year, a volume) and occur three times, or twice with a page number at an
/// edge. (A section heading that recurs, `2016年…进展` and `2022年…进展`, has no number left
/// once its leading year is stripped, and no page number.)
fn repeated_furniture(text: &str) -> HashMap<String, usize> {
    // Per key: how often it occurs, and whether an occurrence carried an edge number.
    let mut counts: HashMap<String, (usize, bool)> = HashMap::new();
    for line in crate::lines::split_lines(text).iter().map(|l| l.text) {
        let key = furniture_key(line);
        if key.chars().count() >= MIN_RUNNING_HEAD_CHARS && key.chars().any(|c| c.is_ascii_digit()) {
            // The key is shorter than the line without spaces when a page number stood at an edge.
            let paged = line.chars().filter(|c| !c.is_whitespace()).count() > key.chars().count();
            let entry = counts.entry(key).or_default();
            entry.0 += 1;
            entry.1 |= paged;
        }
    }
    counts.into_iter().filter(|(_, (n, paged))| *n >= 3 || *n >= 2 && *paged).map(|(k, (n, _))| (k, n)).collect()
}

/// A page number, or a running head or foot (the page number at its edge past a wide gap,
/// or a line repeated on other pages): page furniture, not part of the paragraph around it.
fn is_page_furniture(body: &str, repeated: &HashMap<String, usize>) -> bool {
    let line = body.trim();
    PAGE_NUMBER.is_match(line)
        || PAGE_AT_EDGE.is_match(line) && !ends_closed(line)
        || !ends_closed(line) && repeated.contains_key(&furniture_key(line))
}

/// True when the line stops where no sentence can (`at a dose of`, `4.2 ± 1.1 ×`): the next
/// line continues it, whatever it starts with.
fn ends_unfinished(line: &str) -> bool {
    let t = line.trim_end();
    if t.ends_with([',', '，', '、', '(', '（', '×', '±', '~', '～', '-', '–', '=', '+']) {
        return true;
    }
    let last: String =
        t.chars().rev().take_while(|c| c.is_alphabetic()).collect::<Vec<_>>().into_iter().rev().collect();
    UNFINISHED_LAST_WORDS.contains(&last.to_lowercase().as_str())
}

/// A short unclosed line that still continues the open wrap before it: it opens in lower case
/// (`artery at a dose of`), or the line before stopped on a word that needs more. Headings do
/// neither, so such a line is text, not a heading.
fn short_continuation(line: &str, open_wrap: bool, prev_unfinished: bool) -> bool {
    open_wrap && (prev_unfinished || line.chars().next().is_some_and(char::is_lowercase))
}

fn overlaps(span: Span, skip: &[Span]) -> bool {
    skip.iter().any(|s| span[0] < s[1] && s[0] < span[1])
}

/// How far into a text its head (title, byline, date) reaches, in bytes.
const HEAD_BYTES: usize = 600;

/// A year from 1950 to 2035 alone.
fn is_year(line: &str) -> bool {
    line.len() == 4 && line.parse::<u32>().is_ok_and(|y| (1950..=2035).contains(&y))
}

/// The logical paragraphs of `text`, leaving out lines that overlap `skip` and tabular lines.
pub fn paragraphs(text: &str, skip: &[Span]) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    // The previous kept line was long (a PDF wraps those), and it stopped mid-sentence.
    let mut prev_long = false;
    let mut open_wrap = false;
    let mut prev_unfinished = false;
    let mut blank_before = false;
    let repeated = repeated_furniture(text);
    for line in crate::lines::split_lines(text) {
        let start = line.start;
        let body = line.text;
        let trimmed_start = body.len() - body.trim_start().len();
        let line = body.trim();
        if line.is_empty() {
            // A blank line keeps a wrap open (PDFs put page breaks mid-sentence) for a line
            // that reads on: see `continues` below.
            blank_before = true;
            continue;
        }
        let span = [start + trimmed_start, start + trimmed_start + line.len()];
        if overlaps(span, skip) || looks_tabular(body) {
            (prev_long, open_wrap, prev_unfinished) = (false, false, false);
            continue;
        }
        // Page furniture between two lines of one sentence is skipped, the wrap kept open; a
        // year alone at the head of the text is the year under a title, no page number.
        if is_page_furniture(body, &repeated) && !(start < HEAD_BYTES && is_year(line)) {
            continue;
        }
        let kind = if is_caption(line) {
            ParagraphKind::Caption
        } else if is_bullet(line) {
            ParagraphKind::Bullet
        } else if width(line) <= HEADING_MAX_WIDTH
            && !ends_closed(line)
            && !short_continuation(line, open_wrap, prev_unfinished)
        {
            ParagraphKind::Heading
        } else {
            ParagraphKind::Text
        };
        // A text line continues a long line that stopped mid-sentence (unless it opens a
        // numbered section or item, and the line before did not stop on a word that needs
        // more), or any long line when it opens in lowercase.
        let first = line.chars().next();
        let numbered = NUMBERED_OPENING.is_match(line) && !prev_unfinished;
        // Across a blank line a wrap goes on only into a line that reads on (it opens in
        // lowercase or in Chinese, or the line before stopped on a word or sign that needs
        // more): a capital or a number after a blank line opens a paragraph (an abstract under
        // its unclosed byline, a year under a title).
        let reads_on = first.is_some_and(|c| c.is_lowercase() || is_cjk(c)) || prev_unfinished;
        let continues = kind == ParagraphKind::Text
            && (open_wrap && !numbered && (!blank_before || reads_on)
                || prev_long && first.is_some_and(char::is_lowercase));
        let long = width(line) >= WRAPPED_MIN_WIDTH;
        match out.last_mut() {
            Some(prev) if continues => prev.span[1] = span[1],
            _ => out.push(Paragraph { span, kind }),
        }
        prev_long = long && kind == ParagraphKind::Text;
        // A short line that continued a wrap and stops unclosed keeps the wrap open.
        open_wrap = (prev_long || continues) && !ends_closed(line);
        prev_unfinished = open_wrap && ends_unfinished(line);
        blank_before = false;
    }
    out
}

/// Byte length of a citation marker (`[3]`, `^[4-5]`, `[1, 2]`) at the start of `s`, if any.
fn marker_len(s: &str) -> Option<usize> {
    let body = s.strip_prefix('^').unwrap_or(s);
    let caret = s.len() - body.len();
    let inner = body.strip_prefix('[')?;
    let close = inner.find(']')?;
    let numbers = &inner[..close];
    (close <= 24 && !numbers.is_empty() && numbers.chars().all(|c| c.is_ascii_digit() || ",-–~ ，、".contains(c)))
        .then_some(caret + 1 + close + 1)
}

/// True when the full stop at byte `dot` of `s` ends a sentence.
fn full_stop_ends_sentence(s: &str, dot: usize) -> bool {
    let before = &s[..dot];
    let after = &s[dot + 1..];
    let next = after.chars().next();
    match next {
        None => return true,
        Some(c) if c.is_ascii_digit() || c.is_lowercase() || c == ',' || c == ';' => return false,
        Some(c) if !c.is_whitespace() && !is_cjk(c) && !"[\"”')）".contains(c) => return false,
        _ => {}
    }
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    // An initial ("Zhang Y.", "J. Hepatol") is not the end of a sentence.
    let mut letters = word.chars();
    if let (Some(c), None) = (letters.next(), letters.next())
        && c.is_uppercase()
    {
        return false;
    }
    // The next word must start a sentence: a capital, a digit-free marker, a quote or CJK.
    let rest = after.trim_start();
    rest.chars().next().is_none_or(|c| c.is_uppercase() || is_cjk(c) || "[\"“(".contains(c))
}

/// A superscript citation flattened right after the full stop at byte `dot` (`world-wide.1
/// Transplantation …`): the byte length of its digits when they end the sentence.
fn flattened_after_stop(s: &str, dot: usize) -> Option<usize> {
    static DIGITS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d{1,3}(?:[,–-]\d{1,3})*").expect("valid citation-digits pattern"));
    let before = &s[..dot];
    let word: String =
        before.chars().rev().take_while(|c| c.is_alphabetic()).collect::<Vec<_>>().into_iter().rev().collect();
    if word.chars().count() < 2 || ABBREVIATIONS.contains(&word.to_lowercase().as_str()) {
        return None;
    }
    let m = DIGITS.find(&s[dot + 1..])?;
    let rest = &s[dot + 1 + m.end()..];
    let next_word = rest.trim_start();
    let spaced = rest.len() > next_word.len();
    (rest.is_empty()
        || spaced && next_word.chars().next().is_none_or(|c| c.is_uppercase() || is_cjk(c) || "[\"“(".contains(c)))
    .then_some(m.end())
}

/// The sentences of the paragraph at `span` of `text`.
pub fn sentences(text: &str, span: Span) -> Vec<Span> {
    let Some(para) = text.get(span[0]..span[1]) else { return Vec::new() };
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = para.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let ends = match c {
            '。' | '！' | '？' | '；' => true,
            '!' | '?' => para[i + 1..].chars().next().is_none_or(char::is_whitespace),
            ';' => para[i + 1..].chars().next().is_none_or(char::is_whitespace),
            '.' => full_stop_ends_sentence(para, i),
            _ => false,
        };
        let flattened = if !ends && c == '.' { flattened_after_stop(para, i) } else { None };
        if !ends && flattened.is_none() {
            continue;
        }
        let mut end = i + c.len_utf8() + flattened.unwrap_or(0);
        // Closing quotes and brackets, then citation markers, stay with the sentence.
        loop {
            let rest = &para[end..];
            if let Some(q) = rest.chars().next().filter(|q| "”\"’')）".contains(*q)) {
                end += q.len_utf8();
                continue;
            }
            let ws = rest.len() - rest.trim_start_matches([' ', '\u{3000}']).len();
            if let Some(n) = marker_len(&rest[ws..]) {
                end += ws + n;
                continue;
            }
            break;
        }
        while iter.peek().is_some_and(|(j, _)| *j < end) {
            iter.next();
        }
        push_trimmed(para, span[0], start, end, &mut out);
        start = end;
    }
    push_trimmed(para, span[0], start, para.len(), &mut out);
    out
}

/// List glyphs that open a bullet line; they belong to no clause.
const BULLET_GLYPHS: &[char] = &['•', '·', '●', '▪', '◆', '■', '→', '*', '–', '—', '-'];

fn push_trimmed(s: &str, base: usize, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(piece) = s.get(start..end) else { return };
    let body = piece.trim_start().trim_start_matches(BULLET_GLYPHS).trim_start();
    let lead = piece.len() - body.len();
    let trimmed = body.trim_end();
    if !trimmed.is_empty() {
        out.push([base + start + lead, base + start + lead + trimmed.len()]);
    }
}

/// The clauses of the sentence at `span` of `text`.
pub fn clauses(text: &str, span: Span) -> Vec<Span> {
    let Some(sentence) = text.get(span[0]..span[1]) else { return Vec::new() };
    let mut out = Vec::new();
    let mut depth: i32 = 0;
    let mut start = 0;
    let chars: Vec<(usize, char)> = sentence.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        match c {
            // A title in 《》 is split like running text: its clauses name cells, conditions.
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = (depth - 1).max(0),
            _ => {}
        }
        let prev_digit = k > 0 && chars[k - 1].1.is_ascii_digit();
        let next_digit = chars.get(k + 1).is_some_and(|(_, n)| n.is_ascii_digit());
        let splits = depth == 0
            && match c {
                '，' | '：' | '；' | '。' | '！' | '？' => true,
                ',' | ':' => !(prev_digit && next_digit),
                ';' => true,
                _ => false,
            };
        if splits {
            push_trimmed(sentence, span[0], start, i, &mut out);
            start = i + c.len_utf8();
        }
    }
    push_trimmed(sentence, span[0], start, sentence.len(), &mut out);
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn across_a_blank_line_a_wrap_goes_on_only_into_a_line_that_reads_on() {
        let byline = "Ana Ruiz, Li Wei, Tom Novak, Sara Okafor, Jun Park, Eva Smith, Omar Haddad, Lena Berg, Paul Dumas,\n\n\
                      Kim Lee and Ian Moss\n\nDecompensated cirrhosis is hard to treat. We enrolled 20 patients.\n";
        let p = paragraphs(byline, &[]);
        assert!(p.iter().any(|p| byline[p.span[0]..p.span[1]].starts_with("Decompensated")), "{p:?}");
        // A PDF page break inside a sentence still joins it.
        let broken = "Twenty patients with decompensated cirrhosis received cord cells through a peripheral\n\n\
                      vein every week for four weeks, and albumin rose in most of them by the end.\n";
        assert_eq!(paragraphs(broken, &[]).len(), 1);
        // A year under a title is no page number.
        let dated = "A study of cord cells in cirrhosis\n\n2018\nBACKGROUND: Cirrhosis is common.\n";
        assert!(paragraphs(dated, &[]).iter().any(|p| &dated[p.span[0]..p.span[1]] == "2018"));
    }

    #[test]
    fn table_lines_with_ascii_or_full_width_pipes_are_tabular() {
        assert!(looks_tabular("Author | Year | Dose"));
        assert!(looks_tabular("王某｜2019｜30"));
        assert!(looks_tabular("a\tb"));
        assert!(!looks_tabular("A sentence with one | bar."));
    }
    use super::*;

    fn texts<'a>(text: &'a str, spans: &[Span]) -> Vec<&'a str> {
        spans.iter().map(|s| &text[s[0]..s[1]]).collect()
    }

    fn sentence_texts(t: &str) -> Vec<&str> {
        texts(t, &sentences(t, [0, t.len()]))
    }

    #[test]
    fn chinese_sentences_end_at_full_width_stops_and_keep_their_marker() {
        let t = "共纳入72例患者。结果显示改善；随访12个月！[3] 下一句";
        assert_eq!(sentence_texts(t), ["共纳入72例患者。", "结果显示改善；", "随访12个月！[3]", "下一句"]);
    }

    #[test]
    fn english_sentences_skip_abbreviations_initials_and_decimals() {
        let t = "Smith et al. enrolled 1.5 times more patients vs. controls (Fig. 2). Zhang Y. reported e.g. ALB gains. Next one.";
        assert_eq!(
            sentence_texts(t),
            [
                "Smith et al. enrolled 1.5 times more patients vs. controls (Fig. 2).",
                "Zhang Y. reported e.g. ALB gains.",
                "Next one."
            ]
        );
    }

    #[test]
    fn a_citation_after_the_full_stop_stays() {
        let t = "Survival improved.[4] The next trial began.";
        assert_eq!(sentence_texts(t), ["Survival improved.[4]", "The next trial began."]);
    }

    #[test]
    fn clauses_split_outside_brackets_only() {
        let t = "一项长期随访分析(n=219,随访13-75个月)证实,生存率提高:HR=3.68, 1,200 cells";
        let c = clauses(t, [0, t.len()]);
        assert_eq!(texts(t, &c), ["一项长期随访分析(n=219,随访13-75个月)证实", "生存率提高", "HR=3.68", "1,200 cells"]);
    }

    #[test]
    fn paragraphs_are_classed_and_wrapped_lines_joined() {
        let t = "2016年干细胞治疗肝硬化关键临床进展\n一项研究纳入了许多患者并且观察到了明显的改善效果而且这一行非常长没有句号结束\n\n所以它与下一行相连。\n  • 安全性:良好;\n图1:注册现状\n行\t列\t值\n相关阅读:一篇很长的文章标题从实验室到临床干细胞治疗肝硬化的最新临床进展截至十二月\n十年演进:从安全性验证走向疗效优化\n";
        let p = paragraphs(t, &[]);
        let kinds: Vec<_> = p.iter().map(|p| p.kind).collect();
        use ParagraphKind::*;
        assert_eq!(kinds, [Heading, Text, Bullet, Caption, Text, Heading]);
        assert!(t[p[1].span[0]..p[1].span[1]].ends_with("所以它与下一行相连。"));
    }

    #[test]
    fn hard_wrapped_english_lines_make_one_paragraph() {
        let t = "Okafor et al. enrolled 64 patients with HBV-related decompensated cirrhosis and assigned\nthem to autologous bone marrow MSCs or standard medical therapy [3]. The cells were infused\nThrough the hepatic artery at a dose of 1.0 x 10^6 cells/kg, twice, four weeks apart. Patients et al.\nwere followed up for 48 weeks.\n\n3. Conclusions\n";
        let p = paragraphs(t, &[]);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(t[p[0].span[0]..p[0].span[1]].ends_with("48 weeks."));
    }

    fn paragraph_texts(t: &str) -> Vec<&str> {
        texts(t, &paragraphs(t, &[]).iter().map(|p| p.span).collect::<Vec<_>>())
    }

    #[test]
    fn a_wrapped_line_that_starts_with_a_number_continues_its_sentence() {
        let t = "Cells were delivered through the hepatic artery to every patient at a dose of\n\
                 3 × 10^7 cells once a month for three months, and outcomes were recorded each visit.\n\
                 Autologous marrow cells were concentrated before delivery (mean count 3.1 ± 0.7 ×\n\
                 107 cells). After 9 months, the bilirubin level was lower than in the control group.\n";
        let p = paragraph_texts(t);
        assert_eq!(p.len(), 2, "{p:#?}");
        assert!(p[0].contains("3 × 10^7 cells once a month") && p[1].contains("107 cells). After 9 months"));
    }

    #[test]
    fn a_short_line_inside_a_wrapped_sentence_is_no_heading() {
        let t = "Cells were delivered through the hepatic artery to every patient enrolled in\n\
                 the trial at a dose of\n\
                 3 × 10^7 cells once a month for three months.\n\
                 Results\n";
        let p = paragraphs(t, &[]);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(t[p[0].span[0]..p[0].span[1]].ends_with("three months."));
        assert_eq!(p[1].kind, ParagraphKind::Heading);
    }

    #[test]
    fn a_numbered_section_after_an_open_line_starts_a_paragraph() {
        let t = "The registry kept growing over the decade and the range of products widened considerably\n\
                 2.1 Clinical trials of marrow-derived cells were the first to be reported in detail here.\n";
        assert_eq!(paragraph_texts(t).len(), 2, "{:#?}", paragraph_texts(t));
        for wrapped in [
            "3D cultures of the cells were then used",
            "12个月后患者白蛋白水平明显升高。",
            "2 × 10^6 cells/kg were given.",
        ] {
            assert!(!NUMBERED_OPENING.is_match(wrapped), "{wrapped}");
        }
        for numbered in ["3 干细胞治疗肝病的临床研究", "2.1 Clinical trials", "4. Conclusions"] {
            assert!(NUMBERED_OPENING.is_match(numbered), "{numbered}");
        }
    }

    #[test]
    fn page_furniture_inside_a_sentence_is_skipped() {
        let t = "The second cohort received cells through a peripheral vein and the investigators recorded\n\
                 Annals of Cell Hepatology 2022; 5: 33–41                          36\n\
                 \n\
                 the serum albumin every four weeks until the end of the trial.\n\
                 Another long line of the same paragraph follows the first one and wraps at seventy\n\
                 17\n\
                 characters, as a PDF text layer does.\n\
                 A closing line that repeats below.\n";
        let p = paragraph_texts(t);
        assert_eq!(p.len(), 3, "{p:#?}");
        assert!(p[0].ends_with("end of the trial.") && p[0].contains("Annals"), "the span runs over the foot");
        assert!(p[1].ends_with("as a PDF text layer does."));
        // A repeated line with a number (a running head) is furniture; a heading is not.
        let repeated = repeated_furniture("Cell Hepatology 2022 12\nx\nCell Hepatology 2022 13\nResults\nResults\n");
        assert!(repeated.contains_key("CellHepatology2022") && !repeated.contains_key("Results"));
        let headings = repeated_furniture(
            "2016年干细胞治疗肝硬化关键临床进展\n2022年干细胞治疗肝硬化关键临床进展\nPhase 2 trials\nPhase 2 trials\n",
        );
        assert!(headings.is_empty(), "{headings:?}");
    }

    #[test]
    fn a_citation_flattened_after_the_stop_ends_the_sentence_with_it() {
        let t = "Mortality is high in the region.3 Transplant organs are scarce.2,4 Smith et al.5 agreed.";
        assert_eq!(
            sentence_texts(t),
            ["Mortality is high in the region.3", "Transplant organs are scarce.2,4", "Smith et al.5 agreed."]
        );
        assert!(ends_closed("cells protect hepatocytes in animal models.3,4"));
        assert!(!ends_closed("was measured in 4.2"));
    }

    #[test]
    fn skipped_spans_are_left_out() {
        let t = "第一段内容很长很长的句子。\n第二段也是一个完整的句子。\n";
        let p = paragraphs(t, &[[0, 5]]);
        assert_eq!(p.len(), 1);
        assert!(t[p[0].span[0]..].starts_with("第二段"));
    }

    #[test]
    fn no_panic_on_odd_input() {
        for t in ["", "。", "...", "[", "a.[", "(((", "é.", "\n\n\t|", "x. [12345678901234567890123456]"] {
            for p in paragraphs(t, &[]) {
                for s in sentences(t, p.span) {
                    clauses(t, s);
                }
            }
        }
    }
}
