//! Patient counts and publication years.
//!
//! A patient count is a number of patients (`72例`, `n=219`, `22 patients`, `两名`), or
//! the sum of the arms the text lists together (`64例ACLF患者和59例肝硬化患者` → 123,
//! `30 treatment, 15 control` → 45). The first count of the text is the study's, unless a
//! conjunction joins more counts to it. Healthy donors and volunteers are not patients.
//!
//! A table cell that leads with a number and breaks it down in brackets gives the leading
//! number (`40 (22 MSC, 18 control)`, `36 (18/18)`): the bracket splits the total, it does
//! not add to it. Arms written `X + Y` or `X/Y` with no total add up, as do arms listed with
//! their names (`EG: 24 CG: 19`, `105: control 53: treated`, `T: 30 C: 15`), in brackets
//! (`Control group (n = 15)/MSCs group (n = 30)`) or as a bare list under a patients header
//! (`11, 14`); the arms of one cohort measured before and after count once. A count of each arm
//! after a total (`各 30 例`, `每组 30 例`) repeats the total and is not added.
//!
//! In an abstract's sentence, as in a cell, arm sizes in brackets with no total before them
//! add up (`standard care (n = 23) or CD34+ cells (n = 22)` → 45); a breakdown after `其中`,
//! `including`, `of whom` splits the count before it and is not added (`患者20例, 其中A级6例,
//! B级8例`); a later count that names the control arm adds to a first count that is no total
//! (`选择患者20例, …, 同期选择20例患者作为对照组` → 40).

use crate::text::{
    CHINESE_NUMBER, ENGLISH_NUMBER_WORDS, accepted_matches, parse_chinese_number, parse_decimal, parse_english_number,
};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A count of people: `n = 219`, `72例`, `27名`, `22 patients`, `30 treatment`, `(n=108)`.
static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        concat!(
            r"(?i)(?:\bn\s*[=:]\s*(?P<n>\d+))",
            r"|(?:\benrol(?:l)?ment\s*(?:\((?:actual|estimated|anticipated)\))?|样本量)\s*:\s*(?P<rn>\d+)",
            r"|(?P<cn>\d+|{cn})\s*(?:例|名|位|人)",
            r"|(?P<en>\d+|{en})\s+(?:(?:[a-z-]+\s+){{0,3}}?)(?P<who>patients|subjects|participants|cases|individuals|adults|children|infants|recipients|people|volunteers|donors|treated|treatment|control|controls|placebo|in the)\b",
        ),
        cn = CHINESE_NUMBER,
        en = ENGLISH_NUMBER_WORDS,
    );
    Regex::new(&pattern).expect("valid count regex")
});

/// What may stand between two counts that add up: a conjunction and the words of an arm.
static JOINED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^。;；]{0,30}?(?:和|及|与|以及|、|,|\band\b|\bvs\.?|versus|plus)[^。;；]{0,20}$")
        .expect("valid joined-count regex")
});

/// Words that make a count not a count of patients, right after it.
static NOT_PATIENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^,，;；。]{0,8}(?:healthy|健康|donors?|供者|volunteers|志愿者)|^\s*(?:项|篇|次|岁|years|months|weeks|days|mg|ml|%)").expect("valid not-patients regex")
});

/// A leading number with its breakdown in brackets: `40 (22 MSC, 18 control)`, `36 (18/18)`.
static LEADING_TOTAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<total>\d+)\s*[(\[]").expect("valid leading-total regex"));

/// Arms with no total: `18 + 18`, `18/18`, `12/10/14`, `25 vs 25`.
static ARMS_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<arms>\d{1,5}(?:\s*(?:[+/]|\bvs\.?|\bversus\b)\s*\d{1,5})+)(?:\s*$|\s+\D|\s*[例名人])")
        .expect("valid arms regex")
});

/// A cell that only lists its arms, each a number and the arm's name, either way round:
/// `18 UC-MSC, 16 standard care`, `12 BM-MNC + 12 SMT`, `MSC 15, control 15`, `T: 9; C: 9`.
static ARM_LIST: LazyLock<Regex> = LazyLock::new(|| {
    // An arm named with a colon (`EG: 24`, `105: control`) needs no separator before the next.
    let colon = r"(?:\d{1,5}\s*:(?:\s*[a-z][\w+/-]*){1,3}|(?:[a-z][\w+-]*\s*){1,3}:\s*\d{1,5})";
    let plain = r"(?:\d{1,5}(?:\s+[a-z][\w+/-]*){1,3}|(?:[a-z][\w+-]*\s*){1,3}\d{1,5})";
    let separator = r"\s*(?:[,;+/]|\band\b|\bvs\.?|\bversus\b)\s*";
    Regex::new(&format!(
        r"(?i)^(?:{colon}(?:(?:{separator}|\s*){colon})+|(?:{colon}|{plain})(?:{separator}(?:{colon}|{plain}))+)$"
    ))
    .expect("valid arm-list regex")
});

/// Arms each with its count in brackets: `Control group (n = 15)/MSCs treatment group (n = 30)`,
/// `Placebo (n = 12) and MSC (n = 24)`.
static BRACKETED_ARMS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)[(\[]\s*n\s*[=:＝]\s*(\d{1,5})\s*[)\]]").expect("valid bracketed-arm regex"));

/// The arms of a cohort measured before and after (`Pre-MSCs therapy group (n = 6)/Post-… (n = 6)`):
/// the same patients, counted once.
static BEFORE_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:pre|post|before|after|baseline)\b").expect("valid before-after regex"));

/// A table cell that lists one count per arm and nothing else: `11, 14`, `18, 18, 19`.
static NUMBER_LIST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,5}(?:\s*,\s*\d{1,5})+$").expect("valid number-list regex"));

/// A bracketed label with no number (`12 (MSC) vs 12 (control)`): it names an arm and
/// hides nothing of the count, so it is set aside before the arms are read.
static LABEL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s*[(\[][^\d()\[\]]*[)\]]").expect("valid label regex"));

/// Words that make a listed item a whole cohort, not an arm (`22 patients, 15 men`).
static COHORT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:patients|subjects|participants|cases|individuals|adults|children|infants|people)\b")
        .expect("valid cohort-word regex")
});

/// How many arms a per-arm count is for: `两组各 30 例` (two), `治疗组和对照组各 30 例` (two 组).
static ARM_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?P<n>[两二三四2-4])\s*(?:组|arms|groups)").expect("valid arm-number regex"));
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("valid number regex"));

/// The count of each arm (`各 30 例`, `每组 30 例`, `30 in each arm`), which repeats the total.
static PER_ARM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:各|每组|每组各|\beach(?: arm| group)?)\s*$").expect("valid per-arm regex"));

/// Arms added with a plus sign before the noun (`23 + 22 patients`, `20+20例`).
static PLUS_ARMS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[^\d.])(?P<arms>\d{1,5}(?:\s*\+\s*\d{1,5})+)\s*(?:例|名|patients|participants|subjects|cases)",
    )
    .expect("valid plus-arms regex")
});

/// Words that open a breakdown of the count before them.
static BREAKDOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)其中|包括|包含|分别为|分为|分成|随机分|\b(?:including|of\s+whom|of\s+which|among\s+(?:them|whom)|divided\s+into|randomi[sz]ed\s+(?:to|into)|assigned\s+to|allocated\s+to)\b")
        .expect("valid breakdown regex")
});

/// A word that makes a count a total (`共 72 例`, `a total of 159`).
static TOTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)共|总|合计|\b(?:total|overall|altogether|in\s+all)\b").expect("valid total regex")
});

/// The control arm named in a count's clause (`20例患者作为对照组`, `30 controls`).
static CONTROL_ARM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)对照|安慰剂|\b(?:controls?|placebo|standard(?:[- ]of[- ])?\s*(?:medical\s+)?(?:care|therapy|treatment))\b")
        .expect("valid control-arm regex")
});

/// The widest gap (in characters, and over at most one comma) between two items of a breakdown
/// (`6例, B级8例`, `40 cases in the cell group and 80 cases`).
const BREAKDOWN_ITEM_GAP: usize = 30;

/// Arm words (and the sexes, which also split a cohort): a count joined by a comma adds up
/// only when both name arms.
static ARM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)组|arm|group|treat|control|placebo|对照|治疗|移植|观察|cohort|男|女|\b(?:men|women|males?|females?)\b",
    )
    .expect("valid arm regex")
});

#[derive(Debug, Clone)]
struct Count {
    range: Range<usize>,
    value: u32,
}

fn counts(text: &str) -> Vec<Count> {
    accepted_matches(&COUNT, text, |caps| {
        let whole = caps.get(0)?;
        let digits = caps.name("n").or(caps.name("rn")).or(caps.name("cn")).or(caps.name("en"))?;
        if caps.name("who").is_some_and(|w| ["volunteers", "donors"].contains(&w.as_str().to_lowercase().as_str())) {
            return None;
        }
        if NOT_PATIENTS.is_match(&text[whole.end()..]) || text[..whole.start()].ends_with('第') {
            return None;
        }
        // A number glued to a word (`group7 treated`, `et al.5 allocated`) is a citation
        // whose superscript lost its formatting, not a count.
        if caps.name("en").is_some_and(|en| text[..en.start()].ends_with(|c: char| c.is_ascii_alphabetic() || c == '.'))
        {
            return None;
        }
        let value = parse_decimal(digits.as_str())
            .or_else(|| parse_chinese_number(digits.as_str()))
            .or_else(|| parse_english_number(digits.as_str()))?;
        ((1.0..1_000_000.0).contains(&value) && value.fract() == 0.0)
            .then(|| Count { range: whole.range(), value: value as u32 })
    })
}

/// The last `n` characters of `s`.
fn tail_chars(s: &str, n: usize) -> &str {
    let start = s.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
    &s[start..]
}

/// Reads a patient count (see the module documentation).
pub(crate) fn patient_count(raw: &str) -> Option<u32> {
    let prepared = crate::text::Mapped::prepare(raw);
    let text = prepared.text.trim();
    let unlabelled = LABEL.replace_all(text, "");
    let text = unlabelled.trim();
    if let Ok(plain) = text.parse::<u32>() {
        return (plain > 0).then_some(plain);
    }
    if let Some(total) = LEADING_TOTAL.captures(text).and_then(|caps| caps["total"].parse::<u32>().ok()) {
        return (total > 0).then_some(total);
    }
    // Arms in brackets with no total before them.
    let bracketed: Vec<u32> = BRACKETED_ARMS.captures_iter(text).filter_map(|c| c[1].parse::<u32>().ok()).collect();
    let before_first = BRACKETED_ARMS.find(text).map_or("", |m| &text[..m.start()]);
    if bracketed.len() >= 2 && !before_first.contains(|c: char| c.is_ascii_digit()) {
        let total = if BEFORE_AFTER.is_match(text) {
            bracketed.iter().copied().max().unwrap_or(0)
        } else {
            bracketed.iter().copied().fold(0u32, u32::saturating_add)
        };
        return (total > 0).then_some(total);
    }
    let arms = ARMS_ONLY
        .captures(text)
        .and_then(|caps| caps.name("arms"))
        .map(|m| m.as_str())
        .or_else(|| (ARM_LIST.is_match(text) && !COHORT_WORD.is_match(text)).then_some(text))
        .or_else(|| NUMBER_LIST.is_match(text).then_some(text));
    if let Some(arms) = arms {
        let sum = NUMBER.find_iter(arms).filter_map(|m| m.as_str().parse::<u32>().ok()).fold(0u32, u32::saturating_add);
        return (sum > 0).then_some(sum);
    }
    let found = counts(text);
    let first = found.first()?;
    let mut total = first.value;
    // A first count that is each arm's (`治疗组和对照组各 30 例`) counts once per arm.
    let before = &text[..first.range.start];
    if PER_ARM.is_match(before) {
        let clause = before.rsplit([',', '，', ';', '；', '。']).next().unwrap_or(before);
        let arms = ARM_NUMBER
            .captures(clause)
            .and_then(|caps| parse_chinese_number(&caps["n"]).or_else(|| parse_decimal(&caps["n"])))
            .map_or_else(|| clause.matches('组').count() as u32, |n| n as u32);
        if arms >= 2 {
            total = total.saturating_mul(arms);
        }
    }
    // Arms added with a plus sign inside a sentence (`a total of 23 + 22 patients`).
    if let Some(caps) = PLUS_ARMS.captures(text)
        && let Some(arms) = caps.name("arms")
        && arms.start() <= first.range.end
    {
        let sum = NUMBER
            .find_iter(arms.as_str())
            .filter_map(|m| m.as_str().parse::<u32>().ok())
            .fold(0u32, u32::saturating_add);
        return (sum > 0).then_some(sum);
    }
    let first_is_total = TOTAL.is_match(clause_before(text, first.range.start));
    let first_is_control = CONTROL_ARM.is_match(clause_of(text, first.range.clone()));
    let mut control_added = false;
    let mut in_breakdown = false;
    let mut last_end = first.range.end;
    for next in &found[1..] {
        let between = &text[last_end..next.range.start];
        // A breakdown (`其中A级6例, B级8例`) runs over counts close together.
        let next_item = between.chars().count() <= BREAKDOWN_ITEM_GAP && between.matches([',', '，']).count() <= 1;
        if BREAKDOWN.is_match(between) || in_breakdown && next_item {
            in_breakdown = true;
            last_end = next.range.end;
            continue;
        }
        in_breakdown = false;
        // The control arm after the treated one (`患者20例, …, 同期选择20例患者作为对照组`).
        if !first_is_total
            && !first_is_control
            && !control_added
            && !PER_ARM.is_match(between)
            && CONTROL_ARM.is_match(clause_of(text, next.range.clone()))
            && !between.contains(['。', ';', '；'])
        {
            total = total.saturating_add(next.value);
            control_added = true;
            last_end = next.range.end;
            continue;
        }
        let by_comma_only = !between.contains(['和', '及', '与']) && !between.to_lowercase().contains("and");
        // Counts joined by a comma add up only when both are arms (`30 treatment, 15 control`);
        // a total followed by its arms (`219名患者, 分为对照组 (n=111)…`) does not.
        let first_is_arm =
            ARM.is_match(&text[first.range.clone()]) || ARM.is_match(tail_chars(&text[..first.range.start], 6));
        let next_is_arm = ARM.is_match(between) || ARM.is_match(&text[next.range.clone()]);
        if !JOINED.is_match(between) || (by_comma_only && !(first_is_arm && next_is_arm)) || PER_ARM.is_match(between) {
            break;
        }
        total = total.saturating_add(next.value);
        last_end = next.range.end;
    }
    Some(total)
}

/// Where a clause starts that ends at or before `at`: after the last of `marks`.
fn after_last(text: &str, at: usize, marks: &[char]) -> usize {
    text[..at].char_indices().rev().find(|(_, c)| marks.contains(c)).map_or(0, |(i, c)| i + c.len_utf8())
}

/// The clause (between commas, semicolons and stops) that holds `range`.
fn clause_of(text: &str, range: Range<usize>) -> &str {
    let start = after_last(text, range.start, &[',', '，', ';', '；', '。', ':', '：']);
    let end = text[range.end..].find([',', '，', ';', '；', '。']).map_or(text.len(), |i| range.end + i);
    &text[start..end]
}

/// The part of `at`'s clause before it.
fn clause_before(text: &str, at: usize) -> &str {
    &text[after_last(text, at, &[',', '，', ';', '；', '。'])..at]
}

/// A four-digit year from 1950 to 2035 not inside a longer number.
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:19[5-9]\d|20[0-2]\d|203[0-5])").expect("valid year regex"));

/// A publication cue next to a year (`2016年7月30日`, `published in 2016`, `et al, 2006`).
static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:published|publication|et al\.?,?|发表|发布|刊)\s*(?:in|on)?\s*$").expect("valid year-cue regex")
});
static DATED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日").expect("valid dated regex"));

/// Reads a publication year: a cued year (publication words, a full date) if any, else the
/// first year that is not the start of a period (`2010年10月至2017年10月`).
pub(crate) fn year(raw: &str) -> Option<i32> {
    let prepared = crate::text::Mapped::prepare(raw);
    let text = prepared.text.as_str();
    let mut first: Option<i32> = None;
    for m in YEAR.find_iter(text) {
        let digit_around = text[..m.start()].ends_with(|c: char| c.is_ascii_digit())
            || text[m.end()..].starts_with(|c: char| c.is_ascii_digit());
        if digit_around {
            continue;
        }
        let Ok(value) = m.as_str().parse::<i32>() else { continue };
        let before = &text[..m.start()];
        let after = &text[m.end()..];
        if PUBLISHED.is_match(before) || DATED.is_match(after) {
            return Some(value);
        }
        first.get_or_insert(value);
    }
    first
}

/// A paragraph that is only a journal citation, with the year's place: journal (or authors,
/// or nothing left of a logo), year, an optional month and day, volume (issue) and pages, then
/// perhaps a doi or a link (`Hepatology 2020; 72(S1): 123A`, `J Gastroenterol Hepatol. 2013
/// Aug:28 Suppl 1:85-92. doi: …`, `. 2020 Oct 14;8(4):385–390`, `世界华人消化杂志. 2013-10-28;
/// 21(30): 3275-3280`, `Smith et al. BMC Gastroenterology 2014, 14:204 http://…`).
static CITATION_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^\s*(?:(?:source|citation|cite this article|来源|出处)\s*:\s*)?",
        r"(?:[^。!?！？]{0,120}?[^\d。!?！？])?",
        r"(?P<year>(?:19|20)\d{2})(?:\s*年)?",
        r"(?:[-/.]\d{1,2}(?:[-/.]\d{1,2})?)?",
        r"(?:\s+[a-z]{3,9}\.?(?:\s*-\s*[a-z]{3,9}\.?)?(?:\s+\d{1,2})?)?",
        r"\s*[;:,.]\s*(?:vol\.?\s*)?\d{1,4}\s*(?:\([^()]{1,20}\))?(?:\s*(?:suppl|supplement|增刊)\.?\s*\d{0,3})?",
        r"\s*[:,]\s*(?:pp?\.?\s*)?[a-z]{0,2}-?\d{1,6}[a-z]?(?:\s*-\s*[a-z]{0,2}\d{1,6}[a-z]?)?",
        r"(?:\s*[.;,]?\s*(?:doi|https?://|www\.|pmid|pmcid|epub|\[|\()[^。]*)?\s*\.?\s*$",
    ))
    .expect("valid citation-line regex")
});

/// A journal page's issue line: `Volume 70, Issue 3, March 2019, Pages 400-410`.
static VOLUME_ISSUE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^\s*(?:[^。!?！？]{0,80}?[,.]\s*)?vol(?:ume)?\.?\s*\d+\s*,\s*(?:issue|no\.?|number)\s*[\w-]+\s*,\s*",
        r"(?:[a-z]+\.?\s+(?:\d{1,2}\s*,?\s*)?)?(?P<year>(?:19|20)\d{2})\s*,\s*(?:pages?|pp?\.?|article)\s*[a-z]?\d+",
    ))
    .expect("valid volume-issue regex")
});

/// A short line that names a journal, or a source, and a year without pages (`中华肝脏病杂志
/// 2019`, `Source: Stem Cells Dev. 2014`, `J Hepatol 2019`).
static JOURNAL_YEAR_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^\s*(?:(?:source|来源|出处|published in|原文)\s*:\s*[^。!?！？]{0,100}?|",
        r"[^。!?！？]{0,60}?(?:杂志|学报|期刊|journal\b|\bj\b\.?)[^。!?！？\d]{0,30}?)",
        r"(?P<year>(?:19|20)\d{2})(?:[^\d][^。!?！？]{0,40})?$",
    ))
    .expect("valid journal-year regex")
});

/// A page's posting or update date (`发布时间：2022-05-10`, `Posted: …`): the page's date, not
/// the year of the study it tells of.
static POSTING_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)发布(?:时间|日期)|更新(?:时间|日期)|时间\s*:|日期\s*:|\b(?:posted|updated|last\s+modified|date)\s*:",
    )
    .expect("valid posting-date regex")
});

/// A publication date line of an article page (`Published online Feb 21, 2007. doi: …`,
/// `Published: 12 March 2019`, `Epub 2014 Jan 3`, `出版日期：2011-12-15`), or a bibliographic
/// record's date (`Date 2012 Feb 11`); not a received, revised or accepted date.
static PUBLISHED_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^\s*(?:published\s+online|published\s*:|first\s+published|epub(?:lished)?(?:\s+ahead\s+of\s+print)?|",
        r"online\s+publication\s+date|publication\s+date|出版日期|在线出版日期|date)\s*[:：]?\s*",
        r"(?:[a-z]{3,9}\.?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:[a-z]{3,9}\.?,?\s+)?",
        r"(?P<year>(?:19|20)\d{2})(?:[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?|\s+[a-z]{3,9}\.?(?:\s+\d{1,2})?)?",
        r"(?:\s*[.;,]?\s*(?:doi|https?://|pmid)[^。]*)?\s*\.?\s*$",
    ))
    .expect("valid published-line regex")
});

/// A journal name with the year in brackets before the volume (`Signal Transduct Target Ther
/// (2025)10:238`, `Stem Cell Res Ther (2019) 10: 45`), a DOI or a link after it.
static BRACKETED_YEAR_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^\s*[a-z][^()。!?]{2,100}?\s*\((?P<year>(?:19|20)\d{2})\)\s*,?\s*\d{1,4}\s*(?:\([^()]{1,12}\))?\s*[:,]\s*[a-z]?\d{1,6}",
        r"(?:\s*[-–]\s*[a-z]?\d{1,6})?(?:\s*[.;,]?\s*(?:doi|https?://|pmid)[^。]*)?\s*\.?\s*$",
    ))
    .expect("valid bracketed-year regex")
});

/// A year alone on its line, as article pages print it under a title.
static YEAR_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?P<year>(?:19|20)\d{2})\s*$").expect("valid year-line regex"));

/// A DOI after a citation (`…: 424-426.doi: 10.3969/j.issn…`), set aside before the line is read.
static TRAILING_DOI: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\s*[.;,]?\s*doi\s*[:：]?\s*\S+\s*$").expect("valid trailing-doi regex"));

/// The widest paragraph (in characters) that may be a citation line.
const CITATION_LINE_MAX_CHARS: usize = 250;

/// The byte range of the year in `line` when the whole line is a journal citation (see
/// [`CITATION_LINE`] and [`JOURNAL_YEAR_LINE`]): the study's year on an abstract's page.
pub(crate) fn citation_line_year(line: &str) -> Option<Range<usize>> {
    if line.chars().count() > CITATION_LINE_MAX_CHARS {
        return None;
    }
    let prepared = crate::text::Mapped::prepare(line);
    let text = prepared.text.as_str();
    if let Some(caps) = PUBLISHED_LINE.captures(text).or_else(|| YEAR_LINE.captures(text)) {
        let year = caps.name("year")?;
        return plausible_year(year.as_str()).then(|| prepared.source_range(year.range()));
    }
    if POSTING_DATE.is_match(text) {
        return None;
    }
    // The journal line without the DOI that may follow it.
    let cited = TRAILING_DOI.find(text).map_or(text, |doi| &text[..doi.start()]);
    let caps = CITATION_LINE
        .captures(text)
        .or_else(|| BRACKETED_YEAR_LINE.captures(text))
        .or_else(|| VOLUME_ISSUE_LINE.captures(cited))
        .or_else(|| JOURNAL_YEAR_LINE.captures(cited))?;
    let year = caps.name("year")?;
    plausible_year(year.as_str()).then(|| prepared.source_range(year.range()))
}

/// A four-digit publication year from 1950 to 2035.
fn plausible_year(year: &str) -> bool {
    YEAR.is_match(year) && year.parse::<i32>().is_ok_and(|value| (1950..=2035).contains(&value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_in_every_wording() {
        assert_eq!(patient_count("72"), Some(72));
        assert_eq!(patient_count("n=219"), Some(219));
        assert_eq!(patient_count("共纳入72例"), Some(72));
        assert_eq!(patient_count("110例"), Some(110));
        assert_eq!(patient_count("22 patients"), Some(22));
        assert_eq!(patient_count("两名接受人胎儿胆管树干细胞移植的晚期肝硬化患者"), Some(2));
        assert_eq!(patient_count("患者为一名50岁男性"), Some(1));
        assert_eq!(patient_count("twenty patients"), Some(20));
        assert_eq!(patient_count("Ｎ＝４０"), Some(40));
        assert_eq!(patient_count("Enrollment (Actual): 120"), Some(120));
        assert_eq!(patient_count("样本量：60"), Some(60));
    }

    #[test]
    fn arms_add_up() {
        assert_eq!(patient_count("30 treatment, 15 control"), Some(45));
        assert_eq!(patient_count("男 20 例, 女 10 例"), Some(30));
        assert_eq!(patient_count("研究共纳入64例ACLF患者和59例肝硬化患者"), Some(123));
        assert_eq!(patient_count("分为对照组 (n=111) 和脐带间充质干细胞治疗组 (n=108)"), Some(219));
        assert_eq!(patient_count("纳入了219名失代偿性肝硬化患者,分为对照组 (n=111) 和治疗组 (n=108)"), Some(219));
        assert_eq!(patient_count("84例资料。根据治疗方法分为移植组(34例)和综合药物治疗组(50例)"), Some(84));
    }

    #[test]
    fn a_total_with_its_breakdown_is_the_total() {
        assert_eq!(patient_count("36 (18 UC-MSC, 18 standard care)"), Some(36));
        assert_eq!(patient_count("50 (25 vs. 25)"), Some(50));
        assert_eq!(patient_count("22 (11/11)"), Some(22));
        assert_eq!(patient_count("27 (MSC 17, placebo 10)"), Some(27));
        assert_eq!(patient_count("24 [12 men]"), Some(24));
        assert_eq!(patient_count("共纳入 80 例患者, 随机分为观察组与对照组各 40 例"), Some(80));
        assert_eq!(patient_count("将 72 例患者分为移植组和对照组, 每组 36 例"), Some(72));
    }

    #[test]
    fn arms_without_a_total_add_up() {
        assert_eq!(patient_count("16 + 14"), Some(30));
        assert_eq!(patient_count("25/25"), Some(50));
        assert_eq!(patient_count("12/10/14 patients"), Some(36));
        assert_eq!(patient_count("20+20例"), Some(40));
        assert_eq!(patient_count("25 vs. 25"), Some(50));
        assert_eq!(patient_count("18 UC-MSC, 16 standard care"), Some(34));
        assert_eq!(patient_count("12 BM-MNC + 12 SMT"), Some(24));
        assert_eq!(patient_count("移植组与对照组各 25 例"), Some(50));
        assert_eq!(patient_count("两组各 30 例"), Some(60));
        assert_eq!(patient_count("15 (UC-MSC) vs 13 (placebo)"), Some(28));
        assert_eq!(patient_count("MSC 15, control 15"), Some(30));
        assert_eq!(patient_count("T: 9; C: 9"), Some(18));
        assert_eq!(patient_count("18 (MSC)"), Some(18));
        assert_eq!(patient_count("各 30 例"), Some(30));
    }

    #[test]
    fn table_cells_that_list_their_arms() {
        assert_eq!(patient_count("Control group (n = 15)/MSCs treatment group (n = 30)"), Some(45));
        assert_eq!(patient_count("Placebo (n = 12)/MSC (n = 24)"), Some(36));
        assert_eq!(patient_count("Control (n = 18)/One-time MSCs (n = 18)/Two-time MSCs (n = 19)"), Some(55));
        // One cohort before and after treatment is counted once.
        assert_eq!(patient_count("Pre-MSCs therapy group (n = 6)/Post-MSCs therapy group (n = 6)"), Some(6));
        assert_eq!(patient_count("EG: 24 CG: 19"), Some(43));
        assert_eq!(patient_count("T: 30 C: 15"), Some(45));
        assert_eq!(patient_count("105: control 53: treated/hepatic artery"), Some(158));
        assert_eq!(patient_count("20: control 10: intrasplenic 10: intrahepatic"), Some(40));
        assert_eq!(patient_count("11, 14"), Some(25));
        assert_eq!(patient_count("18, 18, 19"), Some(55));
        // A total before its bracketed arms is the total.
        assert_eq!(patient_count("纳入了219名患者,分为对照组 (n=110) 和治疗组 (n=108)"), Some(219));
    }

    #[test]
    fn a_number_glued_to_a_word_is_a_citation() {
        assert_eq!(patient_count("a Korean team12 recruited 40 patients"), Some(40));
        assert_eq!(patient_count("Lee et al.3 treated 18 patients"), Some(18));
    }

    #[test]
    fn non_patient_numbers_are_not_counts() {
        assert_eq!(patient_count("10 healthy volunteers"), None);
        assert_eq!(patient_count("8项临床试验"), None);
        assert_eq!(patient_count("50岁"), None);
        assert_eq!(patient_count("第3次"), None);
        assert_eq!(patient_count("22 patients, 15 men"), Some(22));
    }

    #[test]
    fn years() {
        assert_eq!(year("2016"), Some(2016));
        assert_eq!(year("2016年7月30日，韩国多家医院牵头发表"), Some(2016));
        assert_eq!(year("Gaia et al, 2006"), Some(2006));
        assert_eq!(year("published in 2016"), Some(2016));
        assert_eq!(year("NCT01741090"), None);
        assert_eq!(year("1.0×10^8"), None);
        assert_eq!(year("1949"), None);
        assert_eq!(year("2036"), None);
        assert_eq!(year("患者在2010年10月至2017年10月期间随访, 2021年11月29日发表"), Some(2021));
    }

    fn citation_year(line: &str) -> Option<&str> {
        citation_line_year(line).map(|r| &line[r])
    }

    #[test]
    fn citation_lines_give_their_year() {
        for (line, year) in [
            ("Hepatology 2020; 72(S1): 123A", "2020"),
            ("Hepatol Int 2021;15:S12", "2021"),
            ("J Hepatol 2019;70:e1", "2019"),
            ("Gastroenterology 2022; 162(7 Suppl): S-1234", "2022"),
            ("Liver Int. 2011 Mar:31 Suppl 2:14-22. doi: 10.1111/j.1478-3231.2010.02440.x.", "2011"),
            (". 2017 Jun 3;5(2):101–109. doi: 10.1000/xyz.2017.001", "2017"),
            ("某某消化杂志. 2016-04-18; 24(11): 1650-1656", "2016"),
            ("Rossi et al. Stem Cell Res Ther 2012, 3:25 http://example.org/3/25", "2012"),
            ("Source: Cell Transplantation. June 2010, 19(6): 700-708", "2010"),
            ("Source: Stem Cells Dev. 2014", "2014"),
            ("中华某某病杂志 2019", "2019"),
            ("Volume 70, Issue 3, March 2019, Pages 400-410", "2019"),
            ("Cell Hepatology, Vol. 12, No. 4, 2020, pp. 33-41", "2020"),
            ("中华某某病杂志, 2018, 26(4): 300-305", "2018"),
            ("Ｊ Hepatol ２０１９；７０：ｅ１", "２０１９"),
            // An article page's publication date, a record's date, a year under a title.
            ("Published online Feb 21, 2007. doi: 10.3748/wjg.v13.i7.1067", "2007"),
            ("Published: 12 March 2019", "2019"),
            ("Epub 2014 Jan 3", "2014"),
            ("在线出版日期: 2013-10-28. doi: 10.1000/abc", "2013"),
            ("Date 2012 Feb 11", "2012"),
            ("Some Journal of Cell Therapy (2025)10:238 ; https://doi.org/10.1000/xyz-025-0001-4", "2025"),
            ("Stem Cell Res Ther (2019) 10: 45", "2019"),
            ("2018 ", "2018"),
            ("某某肝脏病杂志 ›› 2011, Vol. 14 ›› Issue (6): 424-426.doi: 10.3969/j.issn.1672-5069.2011.06.010", "2011"),
        ] {
            assert_eq!(citation_year(line), Some(year), "{line}");
        }
    }

    #[test]
    fn sentences_dates_and_copyright_lines_are_no_citation_lines() {
        for line in [
            "In 2019, 40 patients: 20 treated",
            "Table 2019; 3: results",
            "Published on 11-03-2017",
            "Copyright ©The Author(s) 2013. Published by Some Publishing Group Inc. All rights reserved.",
            "In 2019, Smith et al. enrolled 40 patients; 20: received cells.",
            "2016年7月30日，韩国多家医院在《Hepatology》上发表了一项研究。",
            "来源：某某医院  发布时间：2022-05-10",
            "Source: Hospital news. Posted: May 3, 2021",
            "Revised: October 28, 2006",
            "Accepted: November 14, 2006",
            "收稿日期:2011-08-12",
        ] {
            assert_eq!(citation_year(line), None, "{line}");
        }
    }

    #[test]
    fn arms_in_an_abstracts_sentence() {
        assert_eq!(patient_count("治疗组40例，对照组38例"), Some(78));
        assert_eq!(patient_count("23 + 22 patients"), Some(45));
        assert_eq!(patient_count("a total of 23 + 22 patients were treated"), Some(45));
        assert_eq!(
            patient_count(
                "patients received standard care (n = 12) or bone marrow cells through the portal vein (n = 12)"
            ),
            Some(24)
        );
        // A total before its arms stays the total.
        assert_eq!(
            patient_count("96 patients were divided into a control group (n = 48) and an MSC group (n = 48)"),
            Some(96)
        );
        assert_eq!(patient_count("患者65例"), Some(65));
    }

    #[test]
    fn a_breakdown_is_not_added_and_a_control_arm_is() {
        assert_eq!(
            patient_count(
                "选择肝硬化患者30例, 其中A级10例, B级12例, C级8例, 给予干细胞移植, 同期选择30例肝硬化患者作为对照组"
            ),
            Some(60)
        );
        assert_eq!(
            patient_count(
                "A total of 120 patients were enrolled, including 40 cases in the cell group and 80 cases in the control group"
            ),
            Some(120)
        );
        assert_eq!(patient_count("共纳入50例患者, 其中男30例, 女20例"), Some(50));
        assert_eq!(patient_count("16 patients received cells; 14 matched controls received standard care"), Some(16));
        assert_eq!(
            patient_count(
                "16 patients received autologous cells through the hepatic artery, 14 matched controls received standard care"
            ),
            Some(30)
        );
    }
}
