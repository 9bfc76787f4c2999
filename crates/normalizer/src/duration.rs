//! The follow-up reader: durations in days (SPEC.md: day 1, week 7, month 30.4375,
//! year 365.25), one value or a range, in digits, Chinese numerals or English words.
//!
//! In a clause with several durations the one next to a follow-up cue (`随访`, `follow-up`,
//! `observed for`) wins; otherwise the first. A calendar date (`2010年10月`) and an age
//! (`50岁`) are not durations; a list of visit days (`第3、7、14和28天`, `at 1 week, 1 month,
//! 3 months and 6 months`) reads as its last.

use crate::Reading;
use crate::text::{
    CHINESE_NUMBER, ENGLISH_NUMBER_WORDS, Mapped, accepted_matches, narrower, parse_chinese_number, parse_decimal,
    parse_english_number,
};
use regex::{Captures, Regex};
use std::ops::Range;
use std::sync::LazyLock;
use trialex_model::{Diagnostic, FollowUp};

/// Days per unit, by the unit words of [`DURATION`] (lowercase).
const UNIT_DAYS: &[(&str, f64)] = &[
    ("个月", 30.4375),
    ("個月", 30.4375),
    ("月", 30.4375),
    ("mo", 30.4375),
    ("m", 30.4375),
    ("周", 7.0),
    ("星期", 7.0),
    ("w", 7.0),
    ("wk", 7.0),
    ("天", 1.0),
    ("日", 1.0),
    ("d", 1.0),
    ("年", 365.25),
    ("y", 365.25),
    ("yr", 365.25),
    ("小时", 1.0 / 24.0),
    ("h", 1.0 / 24.0),
    ("hr", 1.0 / 24.0),
];

/// Days per unit for a unit word as written (`months` → `mo`, `weeks` → `wk`).
fn days_per(unit: &str) -> Option<f64> {
    let lower = unit.to_lowercase();
    let key = match lower.as_str() {
        u if u.starts_with("mon") || u.starts_with("mth") || u == "mos" || u == "mo." => "mo",
        u if u.starts_with("week") || u == "wks" => "wk",
        u if u.starts_with("day") => "d",
        u if u.starts_with("year") || u == "yrs" => "yr",
        u if u.starts_with("hour") || u == "hrs" => "hr",
        u => u,
    };
    UNIT_DAYS.iter().find(|(name, _)| *name == key).map(|(_, days)| *days)
}

/// One duration: a number or a range (`a~b`, `a-b`, `a至b`, `a to b`), or a list of visit
/// times (`3、7、14和28`), or a bracketed range after a median (`24 (12-36)`), or a mean ± SD
/// (`(12.5 ± 3.2)`, read as the mean), then a unit.
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    let number = format!(r"\d+(?:\.\d+)?|{CHINESE_NUMBER}|半|{ENGLISH_NUMBER_WORDS}");
    let pattern = format!(
        concat!(
            r"(?i)(?P<a>{number})",
            r"(?:\s*(?:~|-|to|至|到|—)\s*(?P<b>{number})",
            r"|(?P<list>(?:\s*(?:、|,|和|及|and|,\s*and)\s*(?:{number}))+)",
            r"|\s*\(\s*(?:range\s*:?\s*)?(?P<ra>\d+(?:\.\d+)?)\s*(?:~|-|to|至)\s*(?P<rb>\d+(?:\.\d+)?)\s*\)",
            r"|\s*±\s*\d+(?:\.\d+)?\s*\)?)?",
            r"\s*-?\s*",
            r"(?P<unit>个月|個月|月|周|星期|天|日|年|小时|months?|mos?\.?|mths?|weeks?|wks?|days?|years?|yrs?|hours?|hrs?|m|w|d|y|h)",
        ),
        number = number,
    );
    Regex::new(&pattern).expect("valid duration regex")
});

/// A follow-up cue next to a duration, before or after it.
static CUE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:随访|随诊|观察|follow(?:ed)?[- ]?(?:up)?|observed|monitored)[^;；。,，]{0,12}$")
        .expect("valid cue regex")
});
static CUE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^;；。,，]{0,6}(?:随访|随诊|观察|复查|follow[- ]?up)").expect("valid cue regex")
});

/// What joins the visits of a list that gives each its own unit (`1 month, 3 months and 6 months`).
static VISIT_JOIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:,|、|和|及|and|,\s*and)\s*$").expect("valid visit-join regex"));

/// A calendar date or an age right after the match (`2010年10月`, `10月5日`).
static DATE_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:\d{1,2}\s*[月日号]|龄|岁)").expect("valid date regex"));

/// Visit times written unit first (`at weeks 4, 12, 24 and 48`, `week 12`): the last.
static UNIT_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<unit>weeks?|months?|days?|years?)\s+(?P<list>\d+(?:\.\d+)?(?:\s*(?:,\s*and|,|、|and|和|及)\s*\d+(?:\.\d+)?)*)\b")
        .expect("valid unit-first regex")
});

#[derive(Debug, Clone, PartialEq)]
struct Duration {
    range: Range<usize>,
    min_days: f64,
    max_days: f64,
    cued: bool,
}

fn number(text: &str) -> Option<f64> {
    parse_decimal(text).or_else(|| parse_chinese_number(text)).or_else(|| parse_english_number(text))
}

/// The last number of a list of visit times (`3、7、14和28`, `4, 12, 24 and 48`).
fn last_visit(list: &str) -> Option<f64> {
    list.split(['、', ',', '和', '及']).flat_map(|p| p.split("and")).filter_map(|p| number(p.trim())).last()
}

fn duration(text: &str, caps: &Captures) -> Option<Duration> {
    let whole = caps.get(0)?;
    let unit = caps.name("unit")?;
    let unit_text = unit.as_str();
    // A Latin unit must end its word (`6 m` but not `6 mL`), and a number must not continue
    // a name (`CD34 d`).
    let is_latin = unit_text.starts_with(|c: char| c.is_ascii_alphabetic());
    if is_latin && crate::text::ascii_word_after(text, whole.end()) {
        return None;
    }
    if crate::text::ascii_word_before(text, whole.start()) {
        return None;
    }
    let per = days_per(unit_text)?;
    let a = number(caps.name("a")?.as_str())?;
    let after = &text[whole.end()..];
    let before = &text[..whole.start()];
    // Calendar dates: a year with 年 (`2010年`), a month of a year (`年10月`), a day.
    if (unit_text == "年" && a >= 1000.0)
        || (unit_text == "月" && (before.ends_with('年') || DATE_AFTER.is_match(after)))
    {
        return None;
    }
    if unit_text == "日" && before.ends_with('月') {
        return None;
    }
    let (low, high) = if let Some(b) = caps.name("b").and_then(|b| number(b.as_str())) {
        (a, b)
    } else if let Some(list) = caps.name("list") {
        // Visit times: the last is how long patients were followed.
        let last = last_visit(list.as_str())?;
        (last, last)
    } else if let (Some(ra), Some(rb)) = (caps.name("ra"), caps.name("rb")) {
        (parse_decimal(ra.as_str())?, parse_decimal(rb.as_str())?)
    } else {
        (a, a)
    };
    if !(low > 0.0 && high >= low && high.is_finite()) {
        return None;
    }
    let cued = CUE_BEFORE.is_match(before) || CUE_AFTER.is_match(after);
    Some(Duration { range: whole.range(), min_days: low * per, max_days: high * per, cued })
}

/// The visit lists written unit first, each as its last visit.
fn unit_first(text: &str) -> impl Iterator<Item = Duration> + '_ {
    UNIT_FIRST.captures_iter(text).filter_map(|caps| {
        let whole = caps.get(0)?;
        let per = days_per(caps.name("unit")?.as_str())?;
        let last = last_visit(caps.name("list")?.as_str())?;
        let before = &text[..whole.start()];
        let cued = CUE_BEFORE.is_match(before) || CUE_AFTER.is_match(&text[whole.end()..]);
        (last > 0.0).then(|| Duration { range: whole.range(), min_days: last * per, max_days: last * per, cued })
    })
}

/// What may stand between the two ends of a range that each carry their unit (`2 weeks to 3
/// months`, `3 个月至 1 年`, `6 months-2 years`).
static RANGE_BETWEEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:~|-|to|至|到|—)\s*$").expect("valid range-between regex"));

/// Joins a duration and the next one into a range where only a range sign stands between
/// them and the first ends no later than the second: each end converted with its own unit.
fn join_ranges(text: &str, found: Vec<Duration>) -> Vec<Duration> {
    let mut out: Vec<Duration> = Vec::with_capacity(found.len());
    for next in found {
        if let Some(previous) = out.last_mut()
            && previous.min_days == previous.max_days
            && next.min_days == next.max_days
            && previous.max_days <= next.min_days
            && text.get(previous.range.end..next.range.start).is_some_and(|between| RANGE_BETWEEN.is_match(between))
        {
            previous.range.end = next.range.end;
            previous.max_days = next.max_days;
            previous.cued |= next.cued;
            continue;
        }
        out.push(next);
    }
    out
}

pub(crate) fn read(raw: &str) -> Reading<FollowUp> {
    let mut mapped = Mapped::prepare(raw);
    // A duration is written to the half (`1,5 years`, `2,5 年`); other numbers after a comma
    // are the next visit of a list (`3,12 months`, `3,6 months`).
    mapped.read_decimal_commas_where(|fraction| fraction == "5");
    let text = mapped.text.as_str();
    let mut found = join_ranges(text, accepted_matches(&DURATION, text, |caps| duration(text, caps)));
    let unit_first: Vec<Duration> = unit_first(text)
        .filter(|d| !found.iter().any(|f| f.range.start < d.range.end && d.range.start < f.range.end))
        .collect();
    found.extend(unit_first);
    found.sort_by_key(|d| d.range.start);
    let chosen = found.iter().find(|d| d.cued).or(found.first());
    let mut follow_up = FollowUp { raw: raw.to_string(), ..Default::default() };
    let Some(chosen) = chosen else {
        let mut reading = Reading::ok(follow_up);
        reading
            .diagnostics
            .push(Diagnostic::warning("follow_up.unparsed", format!("could not read a duration in '{raw}'")));
        return reading;
    };
    // Visits listed after the chosen one, each with its unit: the last visit is the follow-up.
    let at = found.iter().position(|d| d == chosen).unwrap_or(0);
    let mut last = chosen;
    for next in &found[at + 1..] {
        if !text.get(last.range.end..next.range.start).is_some_and(|between| VISIT_JOIN.is_match(between)) {
            break;
        }
        last = next;
    }
    let (min_days, max_days) =
        if last == chosen { (chosen.min_days, chosen.max_days) } else { (last.max_days, last.max_days) };
    follow_up.min_days = Some(min_days);
    follow_up.max_days = Some(max_days);
    let mut reading = Reading::ok(follow_up);
    reading.matched = narrower(raw, mapped.source_range(chosen.range.start..last.range.end));
    reading
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(raw: &str) -> Option<(f64, f64)> {
        let f = read(raw).value;
        Some((f.min_days?, f.max_days?))
    }

    #[test]
    fn calendar_dates_and_ages_are_not_durations() {
        assert_eq!(days("2010年10月"), None);
        assert_eq!(days("2016年7月30日"), None);
        assert_eq!(days("50岁男性"), None);
        assert_eq!(days("5 mL"), None);
    }

    #[test]
    fn a_cued_duration_wins() {
        assert_eq!(days("治疗后1个月, 随访6个月"), Some((182.625, 182.625)));
        assert_eq!(days("治疗后3个月, 在2年的随访期内"), Some((730.5, 730.5)));
        assert_eq!(days("results at 3 months; follow-up of 12 months"), Some((365.25, 365.25)));
    }

    #[test]
    fn visit_lists_read_as_their_last_visit() {
        assert_eq!(days("患者于第3、7、14和28天接受随访"), Some((28.0, 28.0)));
        assert_eq!(days("at 7, 14 and 28 days"), Some((28.0, 28.0)));
    }

    #[test]
    fn visits_each_with_a_unit_read_as_the_last() {
        assert_eq!(
            days("Patients were followed up at 2 weeks, 1 month, 3 months and 12 months."),
            Some((365.25, 365.25))
        );
        assert_eq!(days("于术后4、8及12 wk观察"), Some((84.0, 84.0)));
        // Two durations that are not a list keep the cued one.
        assert_eq!(days("treated for 3 months and followed up for 12 months"), Some((365.25, 365.25)));
        assert_eq!(days("followed up for 6 months, 3 patients died"), Some((182.625, 182.625)));
    }

    #[test]
    fn visits_written_unit_first_read_as_the_last() {
        assert_eq!(days("Patients were evaluated at baseline and at weeks 4, 12, 24 and 48."), Some((336.0, 336.0)));
        assert_eq!(days("followed up to month 6"), Some((182.625, 182.625)));
        // A number-first duration elsewhere in the clause is still read as before.
        assert_eq!(days("followed up for 12 months; MELD fell at week 4"), Some((365.25, 365.25)));
    }

    #[test]
    fn a_range_whose_ends_carry_their_own_units_converts_each_end() {
        assert_eq!(days("2 weeks to 3 months"), Some((14.0, 91.3125)));
        assert_eq!(days("6 months to 2 years"), Some((182.625, 730.5)));
        assert_eq!(days("3 个月至 1 年"), Some((91.3125, 365.25)));
        assert_eq!(days("1 周至 3 个月"), Some((7.0, 91.3125)));
        assert_eq!(days("follow-up: 6 months-2 years"), Some((182.625, 730.5)));
        // The raw text narrows to the whole range.
        let reading = read("patients were followed for 2 weeks to 3 months after infusion");
        let range = reading.matched.expect("narrowed");
        assert_eq!(&"patients were followed for 2 weeks to 3 months after infusion"[range], "2 weeks to 3 months");
        // Two durations that are no range stay two: the cued one wins.
        assert_eq!(days("治疗后1个月, 随访6个月"), Some((182.625, 182.625)));
        // A first end later than the second is no range.
        assert_eq!(days("2 years to 3 months"), Some((730.5, 730.5)));
    }

    #[test]
    fn a_decimal_comma_is_a_decimal() {
        assert_eq!(days("1,5 years"), Some((547.875, 547.875)));
        assert_eq!(days("随访 2,5 年"), Some((913.125, 913.125)));
        // Visits listed after a comma are no decimal.
        assert_eq!(days("3,12 months").map(|d| d.1), Some(365.25));
    }

    #[test]
    fn median_with_a_bracketed_range_reads_the_range() {
        assert_eq!(days("24 (12-36) months"), Some((365.25, 1095.75)));
    }
}
