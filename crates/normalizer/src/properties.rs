//! Property tests: a number written in any supported notation reads back equal, and no
//! input of any kind makes a reader panic or report a range outside its input.

use crate::{cell, condition, dose, follow_up, outcome, patient_count, route, year};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// The superscript form of an exponent (`7` → `⁷`).
fn superscript(n: i32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string().chars().filter_map(|c| c.to_digit(10).map(|d| DIGITS[d as usize])).collect()
}

/// Full-width form of ASCII text.
fn wide(s: &str) -> String {
    s.chars()
        .map(|c| if ('!'..='~').contains(&c) { char::from_u32(c as u32 + 0xFEE0).unwrap_or(c) } else { c })
        .collect()
}

/// `mantissa × 10^exponent` written in notation number `which`.
fn write_dose(mantissa: &str, exponent: i32, which: usize) -> String {
    let sup = superscript(exponent);
    match which {
        0 => format!("{mantissa}×10{sup}"),
        1 => format!("{mantissa}×10 {sup}"),
        2 => format!("{mantissa}×10^{exponent}"),
        3 => format!("{mantissa}×10^{{{exponent}}}"),
        4 => format!("${mantissa} \\times 10^{exponent}$"),
        5 => format!("{mantissa}e{exponent}"),
        6 => format!("{mantissa}E+{exponent:02}"),
        7 => format!("{mantissa}×10({exponent})"),
        8 => format!("{mantissa} × 10{exponent}"),
        9 => format!("{mantissa}*10{exponent}"),
        10 => format!("{mantissa} x 10^{exponent} cells/kg"),
        11 => wide(&format!("{mantissa}×10^{exponent}")),
        12 => format!("{mantissa}×10E{exponent}"),
        _ => format!("患者接受了{mantissa}×10{sup}个细胞"),
    }
}
const DOSE_NOTATIONS: usize = 14;

/// A number with a word multiplier: (word, power of ten).
const WORDS: &[(&str, i32)] = &[(" million", 6), (" billion", 9), ("万", 4), ("亿", 8), (" thousand", 3)];

/// (unit as written, days per unit)
const UNITS: &[(&str, f64)] = &[
    ("个月", 30.4375),
    (" 个月", 30.4375),
    ("周", 7.0),
    (" weeks", 7.0),
    (" months", 30.4375),
    (" mo", 30.4375),
    (" wk", 7.0),
    ("天", 1.0),
    (" d", 1.0),
    ("年", 365.25),
    (" years", 365.25),
];

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

proptest! {
    #[test]
    fn a_dose_reads_back_in_every_notation(whole in 1u32..=9, tenth in 0u32..=9, exponent in 3i32..=12, which in 0..DOSE_NOTATIONS) {
        let mantissa = format!("{whole}.{tenth}");
        let expected = (whole as f64 + tenth as f64 / 10.0) * 10f64.powi(exponent);
        let text = write_dose(&mantissa, exponent, which);
        let read = dose(&text).value;
        prop_assert!(read.min.is_some_and(|v| close(v, expected)), "{text:?} read as {read:?}, expected {expected}");
        prop_assert_eq!(read.min, read.max);
    }

    #[test]
    fn a_dose_range_reads_back(low in 1u32..=9, span in 1u32..=90, exponent in 3i32..=10, sign in prop::sample::select(vec!["~", "-", "–", "至", " to ", "～"])) {
        let text = format!("({low}{sign}{})×10{}/kg", low + span, superscript(exponent));
        let read = dose(&text).value;
        let scale = 10f64.powi(exponent);
        prop_assert!(read.min.is_some_and(|v| close(v, low as f64 * scale)), "{text:?} read as {read:?}");
        prop_assert!(read.max.is_some_and(|v| close(v, (low + span) as f64 * scale)), "{text:?} read as {read:?}");
        prop_assert_eq!(read.unit, Some(trialex_model::DoseUnit::CellsPerKg));
    }

    #[test]
    fn a_word_multiplied_dose_reads_back(number in 1u32..=900, word in 0..WORDS.len()) {
        let (written, power) = WORDS[word];
        let expected = number as f64 * 10f64.powi(power);
        prop_assume!((1e3..=1e13).contains(&expected));
        let text = format!("{number}{written}");
        let read = dose(&text).value;
        prop_assert!(read.min.is_some_and(|v| close(v, expected)), "{text:?} read as {read:?}");
    }

    #[test]
    fn a_duration_reads_back(number in 1u32..=120, unit in 0..UNITS.len(), range_to in proptest::option::of(1u32..=60)) {
        let (written, days) = UNITS[unit];
        let text = match range_to {
            Some(extra) => format!("{number}~{}{written}", number + extra),
            None => format!("{number}{written}"),
        };
        let read = follow_up(&text).value;
        prop_assert!(read.min_days.is_some_and(|v| close(v, number as f64 * days)), "{text:?} read as {read:?}");
        let high = number + range_to.unwrap_or(0);
        prop_assert!(read.max_days.is_some_and(|v| close(v, high as f64 * days)), "{text:?} read as {read:?}");
    }

    #[test]
    fn no_input_panics(text in any_text()) {
        check_every_reader(&text);
    }
}

/// Fragments of the notations, so that random text reaches deep into the grammars.
const FRAGMENTS: &[&str] = &[
    "×",
    "10",
    "⁶",
    "⁷",
    " ",
    "^",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "~",
    "～",
    "-",
    "–",
    "—",
    "±",
    "/",
    "kg",
    "cells",
    "个",
    "亿",
    "万",
    "million",
    "e",
    "E+",
    "$",
    "\\times",
    "\\sim",
    "\\pm",
    "、",
    "和",
    "至",
    "to",
    "次",
    "两",
    "three",
    "times",
    "随访",
    "个月",
    "周",
    "年",
    "d",
    "months",
    "ALB",
    "升高",
    "降低",
    "未",
    "无",
    ",",
    "，",
    ";",
    "。",
    "MELD",
    "评分",
    "and",
    "increased",
    "n=",
    "例",
    "patients",
    "2016",
    "肝动脉",
    "门静脉",
    "外周",
    "MSC",
    "BMSCs",
    "UC-",
    "自体",
    "动员",
    "肝衰竭",
    "乙型",
    "１",
    "０",
    "：",
    "\u{1}",
    "第",
    "以上",
    "≥",
    "up to",
    "0.5",
    "3.2",
    "\n",
    "\t",
    "Child-Pugh",
    "、",
    "γ-GT",
    "not",
    "improved",
];

/// Arbitrary Unicode, arbitrary strings, and mixtures of notation fragments and characters.
fn any_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(FRAGMENTS).prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
        1 => "[0-9]{1,4}",
    ];
    prop_oneof![any::<String>(), prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat()),]
}

/// Calls every reader on `text`; every reported range must be a slice of `text`.
fn check_every_reader(text: &str) {
    let ranges = [
        dose(text).matched,
        follow_up(text).matched,
        route(text).matched,
        cell(text).matched,
        condition(text).matched,
        outcome(text).matched,
    ];
    for range in ranges.into_iter().flatten() {
        assert!(text.get(range.clone()).is_some(), "range {range:?} is not a slice of {text:?}");
    }
    let _ = (patient_count(text), year(text), crate::fold_width(text));
}

/// The long run of the no-panic property: `NO_PANIC_SECONDS=600 cargo test -p
/// trialex-normalizer --release long_no_panic_run -- --ignored --nocapture` runs batches
/// of cases until the time is up and prints how many ran.
#[test]
#[ignore]
fn long_no_panic_run() {
    let seconds: u64 = std::env::var("NO_PANIC_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    let started = std::time::Instant::now();
    let mut cases: u64 = 0;
    let batch = 10_000;
    while started.elapsed().as_secs() < seconds {
        let mut runner = TestRunner::new(Config { cases: batch, failure_persistence: None, ..Config::default() });
        let result = runner.run(&any_text(), |text| {
            check_every_reader(&text);
            Ok(())
        });
        assert!(result.is_ok(), "{result:?}");
        cases += batch as u64;
    }
    println!("no-panic run: {cases} cases in {:.1} s", started.elapsed().as_secs_f64());
}
