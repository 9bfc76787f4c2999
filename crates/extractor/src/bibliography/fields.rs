//! The fields of one reference entry: authors, title, journal, year, volume, issue, pages,
//! DOI, PMID, PMCID and URL.
//!
//! Identifiers are read first, wherever they stand (`doi:`, `DOI:`, a doi.org URL, a bare
//! `10.xxxx/…`; `PMID: n`; `PMCID: PMCn`), and then masked so that their digits are never
//! taken for a year. The "source" part (journal, year, volume, issue, pages) is tried in
//! the shapes of [`SOURCE_STYLES`], most specific first; a year found nowhere else is the
//! first plausible year after the authors.

use std::sync::LazyLock;

use regex::{Captures, Regex};
use trialex_model::{Reference, Span};

use super::authors::parse_authors;

/// Pages as citations write them: `1168-1170`, `S112–S120`, `e007700`, `257`.
const PAGES: &str = r"[A-Za-z]?\d+(?:\s*[-–—~]\s*[A-Za-z]?\d+)?";
/// A publication year (the journal's, not a DOI's or a page's digits).
const YEAR: &str = r"(?:1[89]|20)\d{2}";

static DOI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?:\bdoi\s*[:：]?\s*|https?://(?:dx\.)?doi\.org/)?\b(10\.\d{4,9}/[^\s"<>，。；]+)"#).unwrap()
});
static PMID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bPMID\s*[:：]?\s*(\d{1,9})\b").unwrap());
static PMCID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\b(?:PMCID\s*[:：]?\s*)?(PMC\d{4,9})\b").unwrap());
static URL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"https?://[^\s<>"，。；]+"#).unwrap());
static PLAIN_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"(?:^|\D)({YEAR})(?:\D|$)")).unwrap());
/// `(2023)` or `2023.` right after the authors (APA, Frontiers); a bare `2019 novel …` is a title.
static YEAR_AFTER_AUTHORS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^\s*(?:\(({YEAR})[a-z]?\)\s*[.,:]?|({YEAR})[a-z]?[.,:])\s*")).unwrap());
/// A GB/T 7714 document-type mark: `[J]`, `[M]`, `[EB/OL]`, `[J/OL]`, `［J］．`, `[C]//`.
pub(super) static DOC_TYPE_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\[［][A-Z]{1,2}(?:/OL)?[\]］]\s*[.．。]?(?://)?").unwrap());
/// Title end: a full stop, question mark or Chinese full stop followed by a space or the end.
static SENTENCE_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[.?!]\s|[。？]|[.?!]$").unwrap());

/// GB/T 7714 source after its type mark: `Science, 1999, 284(5417):1168-1170`, `肝脏,2018,23(08):681-683`.
static GBT_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
                r"^\s*(?P<journal>[^,，\[\]]+?)\s*[,，]\s*(?P<year>{YEAR})[a-z]?(?:\s*[,，]\s*(?P<vol>[^\s(（:：,，.;]+)?)?\s*(?:[(（](?P<issue>[^)）]+)[)）])?\s*(?:[:：]\s*(?P<pages>{PAGES}))?"
            ))
            .unwrap()
});

/// Other source shapes (journal, year, volume, issue, pages), tried in this order on the text
/// after the authors. Their journal holds no full stop, so whatever precedes it is the title.
static SOURCE_STYLES: [LazyLock<Regex>; 5] = [
    // Vancouver/NLM: `Hepatology. 2016 Dec;64(6):2185-2197`, `Regen Ther. 2017 Mar 9;6:52-64`.
    LazyLock::new(|| {
        Regex::new(&format!(
                r"(?P<journal>[^.?!]+?)\.\s*(?P<year>{YEAR})(?:\s+[A-Z][a-z]{{2,8}}(?:\s*\d{{1,2}})?(?:\s*[-–/]\s*[A-Z][a-z]{{2,8}}(?:\s*\d{{1,2}})?)?)?\s*(?:[;:]\s*(?P<vol>[^\s(:;.]+)?\s*(?:\((?P<issue>[^)]+)\))?\s*(?::\s*(?P<pages>{PAGES}))?|\.)"
            ))
            .unwrap()
    }),
    // Lancet/Elsevier, no dot before the year: `Dis Colon Rectum 2005; 48: 1416-23`.
    LazyLock::new(|| {
        Regex::new(&format!(
            r"(?P<journal>[^.?!]+?)\s+(?P<year>{YEAR})(?:\s+[A-Z][a-z]{{2,8}}(?:\s*\d{{1,2}})?)?\s*;\s*(?P<vol>[^\s(:;.]+)?\s*(?:\((?P<issue>[^)]+)\))?\s*(?::\s*(?P<pages>{PAGES}))?"
        ))
        .unwrap()
    }),
    // Comma style without a type mark: `中华肝脏病杂志, 2018, 26(3): 1-5`.
    LazyLock::new(|| {
        Regex::new(&format!(
                r"(?P<journal>[^.?!。,，]+?)\s*[,，]\s*(?P<year>{YEAR})[a-z]?\s*[,，;；]\s*(?P<vol>\d+)\s*(?:[(（](?P<issue>[^)）]+)[)）])?\s*(?:[:：]\s*(?P<pages>{PAGES}))?"
            ))
            .unwrap()
    }),
    // Springer: `Hepatol Int 15, 1431–1441 (2021)`, `Stem Cell Res Ther 13, 308 (2022)`.
    LazyLock::new(|| {
        Regex::new(&format!(
                r"(?P<journal>[^.?!]+?)\s+(?P<vol>\d+)(?:\s*\((?P<issue>[^)]+)\))?\s*,\s*(?P<pages>{PAGES})\s*\((?P<year>{YEAR})\)"
            ))
            .unwrap()
    }),
    // Online first, year only: `Hepatol Int (2025)`.
    LazyLock::new(|| Regex::new(&format!(r"(?P<journal>[^.?!()]+?)\s*\((?P<year>{YEAR})\)")).unwrap()),
];

/// After an APA year and title: `Front. Bioeng. Biotechnol. 11:1322514`, `J Hepatol, 12(3), 4-9`.
static JOURNAL_VOLUME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*(?P<journal>[^\d]+?)[,]?\s+(?P<vol>\d+)(?:\s*\((?P<issue>[^)]+)\))?\s*[:,]\s*(?P<pages>{PAGES})"
    ))
    .unwrap()
});

/// Spaces that a line join put inside one token (a PDF front end joins a hard-wrapped line
/// with a space): each pattern finds such a space, the replacement drops it.
static SPLIT_TOKEN_REPAIRS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    [
        // A number cut between delimiters: `(2 022)`, `(0 8)`, `,2 1(05)`, `:2 77.`.
        (r"([,(;:，（：])\s?(\d{1,4}) (\d{1,4})([)）(（,;:.，])", "$1$2$3$4"),
        // A year cut before its month or its volume: `Med. 201 6 Jan;`, `Med. 20 16;5(1)`.
        (
            r"([.;]\s?)((?:1[89]|20)\d?) (\d{1,3})(\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b|\s?;)",
            "$1$2$3$4",
        ),
        // `PMID: 27 339398`, `PMC43 68910`.
        (r"(?i)(PMID\s*[:：]?\s*\d{1,8}) (\d{1,8}\b)", "$1$2"),
        (r"(PMC\d{1,8}) (\d{1,8}\b)", "$1$2"),
        // A DOI cut in its prefix or after a hyphen or slash: `doi: 1 0.1097/…`, `10. 3892/…`,
        // `10.1038/s41392- 025-02318-4`.
        (r"(?i)(\bdoi\s*[:：]?\s*)1 0\.", "${1}10."),
        (r"\b10\. ?(\d{1,8}) ?(\d{0,8}/)", "10.$1$2"),
        (r"(\b10\.\d{4,9}/\S*[-/_]) ([\w.\-/()]+)", "$1$2"),
        // A DOI cut before a tail of digits and hyphens: `10.1038/s 41392-025-02318-4`.
        (r"(\b10\.\d{4,9}/\S*[\w]) (\w*\d[\w]*[-/][\w.\-/()]*[\w)])(\s|$)", "$1$2$3"),
        // `PM ID: 27339398`, `PMC ID: …`.
        (r"\bP ?M ?I ?D\b", "PMID"),
        (r"\bP ?M ?C ?I ?D\b", "PMCID"),
    ]
    .into_iter()
    .map(|(pattern, replacement)| (Regex::new(pattern).unwrap(), replacement))
    .collect()
});

/// `text` without the spaces that [`SPLIT_TOKEN_REPAIRS`] find inside tokens.
fn repair_split_tokens(text: &str) -> String {
    let mut out = text.to_string();
    for (pattern, replacement) in SPLIT_TOKEN_REPAIRS.iter() {
        // Twice: neighbouring repairs share a delimiter (`,2 6(0 3)`), which one pass skips.
        for _ in 0..2 {
            if pattern.is_match(&out) {
                out = pattern.replace_all(&out, *replacement).into_owned();
            }
        }
    }
    out
}

/// Reads one entry. `raw` is the whole entry as written (label included), `body` the part
/// after the label.
pub fn read_entry(number: u32, raw: String, body: &str, span: Option<Span>) -> Reference {
    let clean = repair_split_tokens(&body.replace(['*', '\u{feff}'], "").replace('\u{a0}', " "));
    let mut reference = Reference { number, raw, span, ..Default::default() };

    let mut masked = clean.clone();
    if let Some(c) = DOI.captures(&clean) {
        reference.doi = Some(trim_identifier(&c[1]).to_string());
        mask(&mut masked, c.get(0).unwrap().range());
    }
    if let Some(c) = PMID.captures(&clean) {
        reference.pmid = Some(c[1].to_string());
        mask(&mut masked, c.get(0).unwrap().range());
    }
    if let Some(c) = PMCID.captures(&clean) {
        reference.pmcid = Some(c[1].to_uppercase());
        mask(&mut masked, c.get(0).unwrap().range());
    }
    for m in URL.find_iter(&clean) {
        if reference.url.is_none() {
            reference.url = Some(trim_identifier(m.as_str()).to_string());
        }
        mask(&mut masked, m.range());
    }
    if masked.trim().is_empty() {
        return reference; // a bare URL or DOI
    }

    let (authors, title_start) = parse_authors(&clean);
    reference.authors = authors;
    let rest = &masked[title_start..];
    read_source(&mut reference, &clean[title_start..], rest);
    reference
}

/// Title, journal, year, volume, issue and pages from the text after the authors.
/// `original` and `masked` have the same byte layout.
fn read_source(reference: &mut Reference, original: &str, masked: &str) {
    // APA and Frontiers put the year right after the authors.
    if let Some(c) = YEAR_AFTER_AUTHORS.captures(masked) {
        reference.year = c.get(1).or(c.get(2)).and_then(|m| m.as_str().parse().ok());
        let after_year = c.get(0).unwrap().end();
        let title_end = sentence_end(&masked[after_year..]).map_or(masked.len(), |e| after_year + e);
        reference.title = non_empty(&original[after_year..title_end]);
        if let Some(s) = JOURNAL_VOLUME.captures(&masked[title_end..]) {
            fill_source(reference, &s, &original[title_end..], false);
        }
        return;
    }
    if let Some(mark) = DOC_TYPE_MARK.find(masked) {
        reference.title = non_empty(&original[..mark.start()]);
        if let Some(c) = GBT_SOURCE.captures(&masked[mark.end()..]) {
            fill_source(reference, &c, &original[mark.end()..], false);
        } else {
            reference.year = first_year(&masked[mark.end()..]);
        }
        return;
    }
    for style in &SOURCE_STYLES {
        if let Some(c) = style.captures(masked) {
            fill_source(reference, &c, original, true);
            return;
        }
    }
    reference.year = first_year(masked);
    let title_end = sentence_end(masked).unwrap_or(masked.len());
    reference.title = non_empty(&original[..title_end]);
}

/// Fills journal, year, volume, issue and pages from a source match, and the title from
/// what stands before the journal when `title_before_journal`.
fn fill_source(reference: &mut Reference, c: &Captures, original: &str, title_before_journal: bool) {
    let text_of = |name: &str| c.name(name).and_then(|m| non_empty(&original[m.range()]));
    if let Some(journal) = c.name("journal") {
        reference.journal = non_empty(original[journal.range()].trim_start_matches([' ', '.', ',']));
        if title_before_journal {
            reference.title = non_empty(&original[..journal.start()]);
        }
    }
    if let Some(year) = c.name("year") {
        reference.year = year.as_str().parse().ok();
    }
    reference.volume = text_of("vol");
    reference.issue = text_of("issue");
    reference.pages = text_of("pages");
}

/// The byte offset just past the first sentence end (title end) in `s`.
fn sentence_end(s: &str) -> Option<usize> {
    SENTENCE_END.find(s).map(|m| m.start() + m.as_str().chars().next().map_or(1, char::len_utf8))
}

fn first_year(masked: &str) -> Option<i32> {
    PLAIN_YEAR.captures(masked).and_then(|c| c[1].parse().ok())
}

/// A DOI or URL without the punctuation that closes the sentence around it.
fn trim_identifier(s: &str) -> &str {
    let mut out = s.trim_end_matches(['.', ',', ';', ':', '\'', '"', ']', '}', '。', '，']);
    while out.ends_with(')') && out.matches(')').count() > out.matches('(').count() {
        out = out[..out.len() - 1].trim_end_matches(['.', ',', ';']);
    }
    out
}

/// Overwrites `range` of `s` with spaces (same byte length, so offsets stay valid).
fn mask(s: &mut String, range: std::ops::Range<usize>) {
    if s.is_char_boundary(range.start) && s.is_char_boundary(range.end) {
        s.replace_range(range.clone(), &" ".repeat(range.len()));
    }
}

/// The text trimmed of spaces and closing dots, or None when nothing is left.
fn non_empty(s: &str) -> Option<String> {
    let t = s.trim().trim_end_matches([',', '，']).trim_end_matches(['.', '．', '。']).trim();
    (!t.is_empty()).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(body: &str) -> Reference {
        read_entry(1, body.to_string(), body, None)
    }

    #[test]
    fn gbt_entry_with_type_mark() {
        let r =
            read("Moreau RB, Lind K, et al. Marrow cells repopulate rat liver [J]. Hepatol Res, 2003, 27(2):101-108.");
        assert_eq!(r.authors, ["Moreau RB", "Lind K"]);
        assert_eq!(r.title.as_deref(), Some("Marrow cells repopulate rat liver"));
        assert_eq!(r.journal.as_deref(), Some("Hepatol Res"));
        assert_eq!(r.year, Some(2003));
        assert_eq!(r.volume.as_deref(), Some("27"));
        assert_eq!(r.issue.as_deref(), Some("2"));
        assert_eq!(r.pages.as_deref(), Some("101-108"));
        assert_eq!(r.doi, None);
    }

    #[test]
    fn gbt_entry_with_markdown_journal_and_doi() {
        let r = read("Ota Y, Ng P. Exosomes and liver [J]. *Cell Rep*, 2019, 9(1). DOI: 10.1016/j.celrep.2019.01.004.");
        assert_eq!(r.journal.as_deref(), Some("Cell Rep"));
        assert_eq!(r.year, Some(2019));
        assert_eq!(r.doi.as_deref(), Some("10.1016/j.celrep.2019.01.004"));
    }

    #[test]
    fn chinese_journal_entry() {
        let r = read(
            "李明华,陈静,周晓东,等.骨髓干细胞移植治疗肝硬化的疗效[J].中国肝脏病杂志,2016,8(02):41-44.DOI:10.3969/j.issn.1674-7380.2016.02.009.",
        );
        assert_eq!(r.authors, ["李明华", "陈静", "周晓东"]);
        assert_eq!(r.title.as_deref(), Some("骨髓干细胞移植治疗肝硬化的疗效"));
        assert_eq!(r.journal.as_deref(), Some("中国肝脏病杂志"));
        assert_eq!(r.year, Some(2016));
        assert_eq!(r.issue.as_deref(), Some("02"));
        assert_eq!(r.doi.as_deref(), Some("10.3969/j.issn.1674-7380.2016.02.009"));
    }

    #[test]
    fn vancouver_entry_with_month_doi_pmid_pmcid() {
        let r = read(
            "Okafor N, Brandt HJ. Intrasplenic cell infusion: a pilot trial. Liver Transpl. 2018 Feb 3;24(2):301-309. doi: 10.1002/lt.24999. Epub 2017 Nov 8. PMID: 29012345; PMCID: PMC6012345.",
        );
        assert_eq!(r.authors, ["Okafor N", "Brandt HJ"]);
        assert_eq!(r.title.as_deref(), Some("Intrasplenic cell infusion: a pilot trial"));
        assert_eq!(r.journal.as_deref(), Some("Liver Transpl"));
        assert_eq!(r.year, Some(2018));
        assert_eq!(
            (r.volume.as_deref(), r.issue.as_deref(), r.pages.as_deref()),
            (Some("24"), Some("2"), Some("301-309"))
        );
        assert_eq!(r.doi.as_deref(), Some("10.1002/lt.24999"));
        assert_eq!(r.pmid.as_deref(), Some("29012345"));
        assert_eq!(r.pmcid.as_deref(), Some("PMC6012345"));
    }

    #[test]
    fn vancouver_entry_with_electronic_pages() {
        let r = read("Dunn S, Hale R. Stem cells for ascites. BMJ Open. 2019 Jul 1;9(7):e021234.");
        assert_eq!(r.journal.as_deref(), Some("BMJ Open"));
        assert_eq!(r.year, Some(2019));
        assert_eq!(r.pages.as_deref(), Some("e021234"));
    }

    #[test]
    fn springer_entry_with_doi_url() {
        let r = read(
            "Tanaka, K., Ruiz, MA., Osei, B. et al. Cord cells in fibrosis: a trial. Liver Res 7, 10–19 (2020). https://doi.org/10.1007/s41234-020-00042-x",
        );
        assert_eq!(r.authors, ["Tanaka K", "Ruiz MA", "Osei B"]);
        assert_eq!(r.title.as_deref(), Some("Cord cells in fibrosis: a trial"));
        assert_eq!(r.journal.as_deref(), Some("Liver Res"));
        assert_eq!(r.year, Some(2020));
        assert_eq!(r.volume.as_deref(), Some("7"));
        assert_eq!(r.pages.as_deref(), Some("10–19"));
        assert_eq!(r.doi.as_deref(), Some("10.1007/s41234-020-00042-x"));
        assert_eq!(r.url.as_deref(), Some("https://doi.org/10.1007/s41234-020-00042-x"));
    }

    #[test]
    fn springer_online_first_has_only_a_year() {
        let r = read("Gomez, R. Liver organoids. Hepatol Int (2024). https://doi.org/10.1007/s12072-024-00001-1");
        assert_eq!(r.journal.as_deref(), Some("Hepatol Int"));
        assert_eq!(r.year, Some(2024));
    }

    #[test]
    fn frontiers_entry_with_year_after_authors() {
        let r = read(
            "Wei L, Ortiz C and Nakata S (2022) Exosomes in liver repair. Front. Med. 9:1012345. doi: 10.3389/fmed.2022.1012345",
        );
        assert_eq!(r.authors, ["Wei L", "Ortiz C", "Nakata S"]);
        assert_eq!(r.year, Some(2022));
        assert_eq!(r.title.as_deref(), Some("Exosomes in liver repair"));
        assert_eq!(r.journal.as_deref(), Some("Front. Med"));
        assert_eq!(r.volume.as_deref(), Some("9"));
        assert_eq!(r.doi.as_deref(), Some("10.3389/fmed.2022.1012345"));
    }

    #[test]
    fn lancet_style_without_a_dot_before_the_year() {
        let r = read(
            "Moreau RB, Lind K, Okafor N, et al. Marrow cells repopulate rat liver. Dig Dis Sci 2005; 48: 1416-23.",
        );
        assert_eq!(r.journal.as_deref(), Some("Dig Dis Sci"));
        assert_eq!(r.year, Some(2005));
        assert_eq!((r.volume.as_deref(), r.pages.as_deref()), (Some("48"), Some("1416-23")));
    }

    #[test]
    fn full_width_gbt_entry() {
        let r = read("周晓东，王芳，等．脐血干细胞移植［J］．中国肝脏病杂志，2019，27（3）：161-165．");
        assert_eq!(r.authors, ["周晓东", "王芳"]);
        assert_eq!(r.title.as_deref(), Some("脐血干细胞移植"));
        assert_eq!(r.journal.as_deref(), Some("中国肝脏病杂志"));
        assert_eq!(r.year, Some(2019));
        assert_eq!(r.issue.as_deref(), Some("3"));
    }

    #[test]
    fn gbt_book_entry_keeps_its_year() {
        let r = read("赵亮. 肝脏干细胞学[M]. 北京: 人民卫生出版社, 2015: 12-15.");
        assert_eq!(r.title.as_deref(), Some("肝脏干细胞学"));
        assert_eq!(r.year, Some(2015));
    }

    #[test]
    fn comma_style_without_type_mark() {
        let r = read("王芳, 赵亮. 干细胞治疗肝衰竭. 中华肝脏病杂志, 2018, 26(3): 11-15.");
        assert_eq!(r.authors, ["王芳", "赵亮"]);
        assert_eq!(r.year, Some(2018));
        assert_eq!(r.journal.as_deref(), Some("中华肝脏病杂志"));
        assert_eq!(r.pages.as_deref(), Some("11-15"));
    }

    #[test]
    fn url_only_entry_has_no_year_from_its_digits() {
        let r = read("https://www.example.org/record/2019/detail?id=20181234");
        assert_eq!(r.url.as_deref(), Some("https://www.example.org/record/2019/detail?id=20181234"));
        assert_eq!(r.year, None);
        assert!(r.authors.is_empty());
    }

    #[test]
    fn doi_digits_are_not_a_year() {
        let r = read("Lee K. A note. doi:10.1000/2015.xyz");
        assert_eq!(r.doi.as_deref(), Some("10.1000/2015.xyz"));
        assert_eq!(r.year, None);
    }

    #[test]
    fn spaces_put_inside_numbers_and_identifiers_by_a_line_join() {
        let r = read(
            "Okafor N, Brandt HJ. Intrasplenic cell infusion. Liver Transpl. 201 8 Feb 3;24(2):30 1. doi: 1 0.1002/lt.24- 999. PMID: 290 12345; PMCID: PMC60 12345.",
        );
        assert_eq!(r.year, Some(2018));
        assert_eq!(r.doi.as_deref(), Some("10.1002/lt.24-999"));
        assert_eq!(r.pmid.as_deref(), Some("29012345"));
        assert_eq!(r.pmcid.as_deref(), Some("PMC6012345"));
        let r =
            read("Gomez, R. Liver organoids. Liver Res 13, 308 (2 022). https://doi.org/10. 1007/s12072-024-00001-1");
        assert_eq!(r.year, Some(2022));
        assert_eq!(r.doi.as_deref(), Some("10.1007/s12072-024-00001-1"));
        let r = read(
            "Shi, L. et al. Dose escalation. Sig Ther 10, 238 (2025). https://doi.org/10.1038/s 41392-025-02318-4",
        );
        assert_eq!(r.doi.as_deref(), Some("10.1038/s41392-025-02318-4"));
        let r =
            read("Dunn S. Stem cells. BMJ Open. 2019;9:e1. doi: 10.1136/bmj-1. PM ID: 31234567; PMC ID: PMC6012345.");
        assert_eq!((r.pmid.as_deref(), r.pmcid.as_deref()), (Some("31234567"), Some("PMC6012345")));
        let r = read("王芳,赵亮.干细胞治疗肝衰竭[J].肝脏,2018,2 6(0 3):11-15.");
        assert_eq!((r.volume.as_deref(), r.issue.as_deref()), (Some("26"), Some("03")));
    }

    #[test]
    fn real_spaces_between_numbers_stay() {
        assert_eq!(repair_split_tokens("Hepatol Int 15, 1431–1441 (2021)"), "Hepatol Int 15, 1431–1441 (2021)");
        assert_eq!(repair_split_tokens("Hepatology. 2016 Dec;64(6)"), "Hepatology. 2016 Dec;64(6)");
        assert_eq!(repair_split_tokens("doi: 10.1002/hep.28693. Epub 2016"), "doi: 10.1002/hep.28693. Epub 2016");
        assert_eq!(repair_split_tokens("doi: 10.1002/hep.28693 2016"), "doi: 10.1002/hep.28693 2016");
        assert_eq!(repair_split_tokens("PMID: 1; PMCID: PMC2"), "PMID: 1; PMCID: PMC2");
    }

    #[test]
    fn doi_keeps_balanced_parentheses() {
        assert_eq!(trim_identifier("10.1016/S0140-6736(16)31234-5)."), "10.1016/S0140-6736(16)31234-5");
    }
}
