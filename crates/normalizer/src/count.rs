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
        let digits = caps.name("n").or(caps.name("cn")).or(caps.name("en"))?;
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
    let mut last_end = first.range.end;
    for next in &found[1..] {
        let between = &text[last_end..next.range.start];
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
}
