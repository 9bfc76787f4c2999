//! The dose reader: cell counts in every notation of a power of ten, ranges, mean ± SD,
//! dose groups, per-kilogram units and the number of infusions.
//!
//! Reading happens in three steps over the prepared text (see [`crate::text`]):
//! 1. LaTeX is rewritten to plain signs (`\times` → `×`, `\sim` → `~`, `$` and braces dropped);
//! 2. every *quantity* is found: a mantissa (a number, a bracketed range `(1.0~10.0)`, a
//!    bracketed mean ± SD) times a power of ten in any notation, a number with a word
//!    multiplier (`million`, `万`, `亿`), e-notation, a bare power (`10⁶`) or a plain number
//!    of at least a million; values outside 10³…10¹³ cells are not doses and are dropped;
//! 3. neighbouring quantities joined by a connector form a chain: a range (`~`, `-`, `to`, `至`),
//!    a mean ± SD, or dose groups (`/`, `、`, `,`, `和`, `or`, `vs`).
//!
//! The first chain is the dose; the unit is `cells/kg` when a per-kilogram phrase stands
//! in or around it, `cells` otherwise.

use crate::Reading;
use crate::text::{
    CHINESE_NUMBER, ENGLISH_NUMBER_WORDS, Mapped, accepted_matches, ascii_word_before, narrower, parse_chinese_number,
    parse_decimal, parse_english_number, parse_scaled,
};
use regex::{Captures, Regex};
use std::ops::Range;
use std::sync::LazyLock;
use trialex_model::{Diagnostic, Dose, DoseUnit};

/// The smallest and largest cell counts read as a dose; anything else is a year, a count
/// of patients, a percentage or a flattened exponent misread.
const PLAUSIBLE_DOSE: std::ops::RangeInclusive<f64> = 1.0e3..=1.0e13;

/// LaTeX commands and delimiters, rewritten to the plain signs the quantity grammar reads.
static LATEX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\\(?:times|cdot|ast|sim|pm|mp|left|right|qquad|quad|mathrm|text|rm|mbox|,|;|!|:| )|\$|\{|\}")
        .expect("valid LaTeX regex")
});

/// A middle dot used as a multiplication sign before a power of ten (`5·10⁶`), as opposed to
/// the decimal middle dot of `1·5`.
static DOT_TIMES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[·∙⋅](\s*10\s*[\^(eE])").expect("valid dot-times regex"));

const NUMBER: &str = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.·]\d+)?";
const RANGE_SIGN: &str = r"~|-|to|至|到";
const PLUS_MINUS: &str = r"±|\+/-|\+-";

/// One quantity (see the module documentation). Groups: `lb`/`lbop` a bare left mantissa
/// and its sign (`3-5 × 10⁷`, `3.4 ± 3.8 × 10⁸`); `ga`/`gop`/`gb` a bracketed mantissa;
/// `m` a plain mantissa; `e1`…`e5` the exponent after `× 10` (caret, brackets, E, flattened,
/// split by a space); `ee` an e-notation exponent; `word` a word multiplier; `cnm`/`cnword` a
/// Chinese numeral before 万/亿; `be`/`bb` a bare power's exponent (caret, or brackets glued to
/// the 10: `10(6)`, never `10 (6)`, which is a count and its bracket); `plain` a large plain number;
/// `flat`/`fe` a bare power flattened into digits (`105`).
static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
        (?:
          (?:(?P<lb>{n})\s*(?P<lbop>{pm}|{rs})\s*)?
          (?:
             [(\[]\s*(?P<ga>{n})\s*(?P<gop>{pm}|{rs})\s*(?P<gb>{n})\s*[)\]]
           | (?P<m>{n})
          )?
          (?:
             \s*[×xX*]\s*10\s*(?:
                 \^\s*\+?(?P<e1>\d{{1,2}})
               | \(\s*\+?(?P<e2>\d{{1,2}})\s*\)
               | [eE]\s*\+?(?P<e3>\d{{1,2}})
               | (?P<e4>\d{{1,2}})
               | \s+(?P<e5>\d{{1,2}})
             )
           | [eE]\s*\+?(?P<ee>\d{{1,2}})
           | \s*(?P<word>million|billion|thousand|mio|百万|千万|万|亿)
          )
        | (?P<cnm>[一二两三四五六七八九十百千]+)\s*(?P<cnword>万|亿)
        | (?P<bare>10(?:\s*\^\s*\+?(?P<be>\d{{1,2}})|\((?P<bb>\d{{1,2}})\)))
        | (?P<plain>\d{{1,3}}(?:,\d{{3}}){{2,}}|\d{{7,}})
        | (?P<flat>10(?P<fe>[3-9]|1[0-3]))
        )",
        n = NUMBER,
        pm = PLUS_MINUS,
        rs = RANGE_SIGN,
    );
    Regex::new(&pattern).expect("valid quantity regex")
});

/// The cell words that make a plain large number a dose (`50,000,000 cells`).
static PLAIN_UNIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:cells|个|细胞|/\s*kg|per\s+kg)").expect("valid plain-unit regex"));

/// A flattened bare power that opens a range of flattened powers followed by cells
/// (`105 to 108 cells`).
static FLAT_RANGE_NEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:~|-|to|至)\s*10(?:[3-9]|1[0-3])\s*(?:cells|个|细胞|/\s*kg|per\s+kg)")
        .expect("valid flat-range regex")
});

/// Unit words that may stand between the quantities of one chain.
static UNIT_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)cells?|个?细胞|个|/\s*(?:kg|公斤|千克)|per\s+(?:kg|kilogram)(?:\s+(?:of\s+)?body\s*weight)?|体重|total|in total|\s").expect("valid unit-words regex")
});

/// A bracketed label.
static BRACKETED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[(（\[][^()（）\[\]]*[)）\]]").expect("valid bracket regex"));

/// The name of a dose group and the brackets around its dose (`高剂量组(`, `high-dose group:`).
static GROUP_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[\p{Han}A-Za-z-]{0,8}?(?:组|groups?|arms?|cohorts?)\s*:?|[()（）\[\]:]")
        .expect("valid group-label regex")
});

/// What joins two quantities of a chain.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Connector {
    Range,
    PlusMinus,
    Groups,
}

static CONNECTOR_RANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:~|-|--|to|至|到|and)$").expect("valid range connector"));
static CONNECTOR_PM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:±|\+/-|\+-)$").expect("valid ± connector"));
static CONNECTOR_GROUPS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:/|、|,|;|和|及|与|或|or|and|vs\.?|versus|,and|,or|、和)?$").expect("valid group connector")
});

/// A per-kilogram phrase in any wording.
static PER_KG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)/\s*(?:kg|公斤|千克)|per\s*(?:kg|kilogram)|每\s*(?:公斤|千克|kg)|kg\s*\^?\s*-\s*1|kg\s*bw|/\s*kg")
        .expect("valid per-kg regex")
});

/// A per-kilogram phrase a few words after the value, in the same clause (`2×10⁶ MSC/kg`).
static PER_KG_NEAR_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^;；。,，(（\d]{0,16}?(?:/\s*(?:kg|公斤|千克)|per\s*(?:kg|kilogram))")
        .expect("valid per-kg-near regex")
});

/// A per-kilogram phrase after a few words that name the cells (`5 × 10⁶ CD34+ cells/kg`,
/// `2 × 10⁶ BM-MNCs/kg`, `1 × 10⁶ mononuclear cells per kg`): each word starts with a letter.
static PER_KG_AFTER_CELL_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:(?:[a-z][a-z0-9+-]*|[\p{Han}]{1,8})\s*){1,3}?(?:/\s*(?:kg|公斤|千克)|per\s*(?:kg|kilogram))",
    )
    .expect("valid per-kg-after-cell-words regex")
});

/// Words that cannot name cells between a value and `/kg`: a new clause or another quantity.
static NOT_CELL_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:and|or|with|in|of|to|for|at|then|was|were|mg|ml|g|weeks?|months?|days?)\b")
        .expect("valid not-cell-words regex")
});

/// The unit words right after a chain, which belong to the value read.
static UNIT_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:cells?|个?细胞|个)?\s*(?:(?:/\s*(?:kg|公斤|千克)|per\s+(?:kg|kilogram)|kg\s*\^?\s*-\s*1)(?:\s*(?:of\s+)?body\s*weight|\s*体重|\s*bw)?)?(?:\s*(?:cells?|个?细胞|个))?(?:\s*(?:以上|以下|以内))?",
    )
    .expect("valid unit-suffix regex")
});

/// Per-kilogram phrases written before the number (`每公斤体重 1×10⁶`).
static PER_KG_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:每\s*(?:公斤|千克|kg)\s*(?:体重)?|per\s*(?:kg|kilogram)(?:\s*(?:of\s+)?body\s*weight)?)\s*(?:约|about|approximately)?\s*$").expect("valid per-kg-before regex")
});

/// Open lower bounds before the value, and after it (`以上`).
static LOWER_BOUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:≥|>|≧|>=|at least|more than|over|above|不少于|不低于|大于|超过|至少)\s*(?:约|about|approximately)?\s*$|^[^;；。,，]*?以上").expect("valid lower-bound regex")
});
static UPPER_BOUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:≤|<|≦|<=|up to|at most|less than|under|below|no more than|不超过|不多于|小于|最多|最高|高达|至多)\s*(?:约|about|approximately)?\s*$|^[^;；。,，]*?(?:以下|以内)").expect("valid upper-bound regex")
});

/// A count of infusions: a number before `次`/`times`/`doses`/`infusions` (with up to two
/// adjectives between in English), a times sign and one digit (`weekly × 4`), `once`/`twice`,
/// a single dose, or a count that is not a number (`多次`, `repeated`).
static INFUSION_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?i)(?P<n>\d+|{cn}|{en})\s*(?:(?P<adj>(?:[a-z-]+\s+){{0,2}})(?:doses?|infusions?|injections?|administrations?|transplantations?|transfusions?|courses?|occasions|sessions|cycles|times)\b|次(?:[^/每]|$))|(?P<times>[×xX*])\s*(?P<xn>[1-9])(?:\s*(?:次|times|doses|infusions|injections))?(?:[^\d.^]|$)|(?P<once>once|twice|thrice)|(?P<single>单次|一次性|单剂|single[-\s]\s*(?:[a-z-]+\s+)?(?:dose|infusion|injection|administration|transplantation)|one-time)|(?P<many>多次|反复|重复(?:输注|移植|注射|给药)|(?:multiple|repeated|several)\s+(?:doses|infusions|injections|administrations|transplantations|courses))",
        cn = CHINESE_NUMBER,
        en = ENGLISH_NUMBER_WORDS,
    );
    Regex::new(&pattern).expect("valid infusion regex")
});

/// A frequency around a count: `每周1次`, `1次/周`, `once weekly`, `twice a week`.
static FREQUENCY_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"每\s*\d*\s*[天日周月年]\s*$").expect("valid frequency regex"));
static FREQUENCY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:/\s*[天日周月]|(?:a|per|every)\s+(?:day|week|month)|daily|weekly|monthly)")
        .expect("valid frequency regex")
});

/// A frequency held for a stated time in the same unit: as many infusions as units
/// (`once a week for 4 weeks`, `weekly for four weeks`, `每周1次，连续4周`).
static FREQUENCY_FOR: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?i)(?:once\s+(?:a|per|every)\s+(?P<u1>week|month|day)|(?P<u2>week|month|dai)ly|每\s*(?P<u3>周|月|天|日)\s*(?:1|一)\s*次)\s*(?:,|，)?\s*(?:for|over|连续|共|持续)\s*(?P<n>\d+|{cn}|{en})\s*(?:consecutive\s+)?(?P<unit>weeks?|months?|days?|周|个月|月|天|日)",
        cn = CHINESE_NUMBER,
        en = ENGLISH_NUMBER_WORDS,
    );
    Regex::new(&pattern).expect("valid frequency-for regex")
});

/// A comparison after `times` (`10 times higher`) makes the number a ratio, not a count.
static NOT_A_COUNT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:higher|lower|more|greater|less|larger|smaller|as)\b").expect("valid ratio regex")
});

/// Words that cannot stand between a count and its infusions: a time (`4 weeks after
/// infusion`), or a verb that makes the number a count of people (`28 received three
/// infusions`, `12 were given two doses`); the search starts again after such a number.
static NOT_AN_ADJECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?i)\b(?:years?|months?|weeks?|days?|hours?|after|before|post|following|of|per|patients?|cells?|received|receiving|underwent|undergoing|given|got|had|were|was|{en})\b",
        en = ENGLISH_NUMBER_WORDS
    );
    Regex::new(&pattern).expect("valid adjective regex")
});

/// Words that join two counts as alternatives or a range: after the first (`one or two
/// infusions`) and before the second (`2 to 4 doses`, `2-3 次`), a small number that is not
/// an exponent.
static ALTERNATIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:or|to)\s").expect("valid alternative regex"));
static ALTERNATIVE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\d.^])\d{1,2}\s*(?:or|to|~|-|或|至)\s*$").expect("valid alternative regex")
});

/// A total before a count (`共4次`, `共输注4次`, `a total of 4 infusions`).
static TOTAL_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:共|总共|累计|合计|total of|in total)[^\d,，;；。]{0,4}$").expect("valid total regex")
});

/// A quantity found in the text.
#[derive(Debug, Clone, PartialEq)]
struct Quantity {
    range: Range<usize>,
    /// The value, or the lower end of a range, or the mean.
    low: f64,
    /// The upper end of a range, or the SD.
    high: Option<f64>,
    plus_minus: bool,
    /// The power of ten of a bare mantissa (`2.0 × 10⁶`, `2 million`), which a list of bare
    /// numbers before it may share (`0.5, 1.0 and 2.0 × 10⁶`).
    exponent: Option<i32>,
}

impl Quantity {
    fn values(&self) -> Vec<f64> {
        match (self.high, self.plus_minus) {
            (Some(high), false) => vec![self.low, high],
            _ => vec![self.low],
        }
    }
}

/// Rewrites LaTeX, multiplication dots and decimal commas (`1,5 × 10⁶`); the result still
/// maps to the input.
fn prepare(raw: &str) -> Mapped {
    let mut mapped = Mapped::prepare(raw);
    mapped.read_decimal_commas();
    let mapped = mapped.replace_all(&LATEX, |caps| {
        let command = caps.get(0).map_or("", |m| m.as_str());
        match command {
            r"\times" | r"\cdot" | r"\ast" => "×".to_string(),
            r"\sim" => "~".to_string(),
            r"\pm" | r"\mp" => "±".to_string(),
            r"\," | r"\;" | r"\:" | r"\ " | r"\quad" | r"\qquad" => " ".to_string(),
            _ => String::new(),
        }
    });
    mapped.replace_all(&DOT_TIMES, |caps| format!("×{}", caps.get(1).map_or("", |m| m.as_str())))
}

/// The exponent of a power of ten, in whichever notation the quantity used.
fn written_exponent(caps: &Captures) -> Option<i32> {
    ["e1", "e2", "e3", "e4", "e5", "ee", "be", "bb", "fe"]
        .iter()
        .find_map(|name| caps.name(name))
        .and_then(|m| m.as_str().parse().ok())
}

/// The power of ten a multiplier word stands for.
fn word_exponent(word: &str) -> Option<i32> {
    Some(match word.to_lowercase().as_str() {
        "thousand" => 3,
        "万" => 4,
        "million" | "mio" | "百万" => 6,
        "千万" => 7,
        "亿" => 8,
        "billion" => 9,
        _ => return None,
    })
}

/// A volume after a count: what makes it a concentration.
static CONCENTRATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*\)?\s*(?:(?:cells?|个)\s*)?/\s*(?:[mμµun]?l|dl)\b").expect("valid concentration regex")
});

/// Reads one match of [`QUANTITY`], or None when it is not a plausible dose.
fn quantity(text: &str, caps: &Captures) -> Option<Quantity> {
    let whole = caps.get(0)?;
    // A flattened exponent (`× 106`) must not run on into more digits (`× 1000`).
    if (caps.name("e4").is_some() || caps.name("e5").is_some())
        && text[whole.end()..].starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let has_mantissa = caps.name("m").is_some() || caps.name("ga").is_some();
    // A word multiplier or an e-notation needs its number (`million` alone, `type6`).
    if (caps.name("word").is_some() || caps.name("ee").is_some()) && !has_mantissa {
        return None;
    }
    // A number glued to letters is part of a name (`NCT01741090`, `CD34`), and a times sign
    // glued to letters is a letter (`Fox 106`).
    if ascii_word_before(text, whole.start()) {
        return None;
    }
    // A count per volume is a concentration (`(3.31±0.96)×10^9/L` white cells,
    // `1.0–11.2 × 10^7 cells/ml`), not a number of cells given.
    if CONCENTRATION.is_match(&text[whole.end()..]) {
        return None;
    }
    // A plain number is a dose only when cells are said right after it; so is a power of
    // ten whose superscript was flattened with no times sign (`105 to 108 cells`).
    if caps.name("plain").is_some() && !PLAIN_UNIT.is_match(&text[whole.end()..]) {
        return None;
    }
    if caps.name("flat").is_some()
        && !PLAIN_UNIT.is_match(&text[whole.end()..])
        && !FLAT_RANGE_NEXT.is_match(&text[whole.end()..])
    {
        return None;
    }
    let text_of = |name: &str| caps.name(name).map(|m| m.as_str());
    // A Chinese numeral before 万 or 亿 (`两亿`, `五千万`).
    if let (Some(numeral), Some(word)) = (text_of("cnm"), text_of("cnword")) {
        let value = parse_chinese_number(numeral)? * 10f64.powi(word_exponent(word)?);
        return PLAUSIBLE_DOSE.contains(&value).then(|| Quantity {
            range: whole.range(),
            low: value,
            high: None,
            plus_minus: false,
            exponent: None,
        });
    }
    let exponent = if let Some(word) = caps.name("word") {
        word_exponent(word.as_str())?
    } else if caps.name("plain").is_some() {
        0
    } else {
        written_exponent(caps)?
    };
    // `10E6` alone is how clinical texts write 10⁶, not ten times 10⁶.
    let ten_to_the = text_of("m") == Some("10") && caps.name("ee").is_some() && caps.name("lb").is_none();
    let sign_is_plus_minus = |group: &str| PLUS_MINUS_SIGNS.contains(&text_of(group).unwrap_or(""));
    let (low, high, plus_minus) = if let (Some(a), Some(b)) = (text_of("ga"), text_of("gb")) {
        (parse_scaled(a, exponent)?, Some(parse_scaled(b, exponent)?), sign_is_plus_minus("gop"))
    } else if let Some(plain) = text_of("plain") {
        (parse_scaled(plain, 0)?, None, false)
    } else {
        let mantissa = if ten_to_the { "1" } else { text_of("m").unwrap_or("1") };
        match text_of("lb") {
            Some(left) => {
                (parse_scaled(left, exponent)?, Some(parse_scaled(mantissa, exponent)?), sign_is_plus_minus("lbop"))
            }
            None => (parse_scaled(mantissa, exponent)?, None, false),
        }
    };
    let plausible = |v: f64| PLAUSIBLE_DOSE.contains(&v);
    if !plausible(low) || high.is_some_and(|h| !plus_minus && !plausible(h)) {
        return None;
    }
    let bare_mantissa = caps.name("m").is_some() && caps.name("lb").is_none() && !ten_to_the;
    Some(Quantity { range: whole.range(), low, high, plus_minus, exponent: bare_mantissa.then_some(exponent) })
}

const PLUS_MINUS_SIGNS: &[&str] = &["±", "+/-", "+-"];

fn quantities(text: &str) -> Vec<Quantity> {
    accepted_matches(&QUANTITY, text, |caps| quantity(text, caps))
}

fn connector(between: &str) -> Option<Connector> {
    // Each item of a semicolon list that opens with its dose is a dose group, whatever the
    // item before said after its own dose (`2.5 million cells/kg (low dose) and its control;
    // 5 million cells/kg …`).
    if let Some(at) = between.rfind([';', '；']) {
        let rest = &between[at..];
        let item = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
        let unlabelled = GROUP_LABEL.replace_all(item, "");
        if UNIT_WORDS.replace_all(&unlabelled, "").is_empty() {
            return Some(Connector::Groups);
        }
    }
    // Labels between two doses (`(low dose)`, `高剂量组(`) are not connectors.
    let unbracketed = BRACKETED.replace_all(between, "");
    let unlabelled = GROUP_LABEL.replace_all(&unbracketed, "");
    let stripped = UNIT_WORDS.replace_all(&unlabelled, "");
    if CONNECTOR_PM.is_match(&stripped) {
        Some(Connector::PlusMinus)
    } else if CONNECTOR_RANGE.is_match(&stripped) {
        Some(Connector::Range)
    } else if CONNECTOR_GROUPS.is_match(&stripped) {
        Some(Connector::Groups)
    } else {
        None
    }
}

/// Bare numbers listed before a mantissa, which share its power of ten: `0.5, 1.0 and 2.0 × 10⁶`,
/// `1、2、4×10⁶`, `0.5/1.0/2.0 × 10⁶`. Group `list` holds the numbers and their separators.
static SHARED_EXPONENT_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[\s(（:：])(?P<list>(?:\d+(?:\.\d+)?\s*(?:,\s*(?:and|or)?|、|/|，|和|或|及|\band\b|\bor\b)\s*)+)$",
    )
    .expect("valid shared-exponent regex")
});
static LIST_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+(?:\.\d+)?").expect("valid number regex"));
/// `between 1 and 2 × 10⁶`: two numbers sharing an exponent that make a range.
static BETWEEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bbetween\s*$").expect("valid between regex"));

/// The quantities of a list of bare numbers that shares the exponent of `last` (see
/// [`SHARED_EXPONENT_LIST`]), in order, and whether the list is a range (`between 1 and 2`).
/// Only ascending lists are read: a number before a dose that is not smaller is a count or
/// another figure (`12, 2 × 10⁶`), not a dose group.
fn shared_exponent_list(text: &str, last: &Quantity) -> Option<(Vec<Quantity>, bool)> {
    let exponent = last.exponent?;
    let head = &text[..last.range.start];
    let list = SHARED_EXPONENT_LIST.captures(head)?.name("list")?;
    let mut items = Vec::new();
    for m in LIST_NUMBER.find_iter(list.as_str()) {
        let value = parse_scaled(m.as_str(), exponent)?;
        let start = list.start() + m.start();
        items.push(Quantity {
            range: start..start + m.len(),
            low: value,
            high: None,
            plus_minus: false,
            exponent: Some(exponent),
        });
    }
    let ascending = items.iter().chain([last]).collect::<Vec<_>>().windows(2).all(|w| w[0].low < w[1].low);
    let plausible = items.iter().all(|q| PLAUSIBLE_DOSE.contains(&q.low));
    // A compared figure (`P < 0.05, 1 × 10⁶`) is no dose group.
    if head[..list.start()].trim_end().ends_with(['<', '>', '=', '≤', '≥', '＜', '＞', '＝']) {
        return None;
    }
    (!items.is_empty() && ascending && plausible).then(|| (items, BETWEEN.is_match(&head[..list.start()])))
}

/// The first chain of quantities: the quantities and the connectors between them.
fn first_chain(text: &str, found: &[Quantity]) -> Option<(Vec<Quantity>, Vec<Connector>)> {
    let first = found.first()?.clone();
    let (mut chain, mut connectors) = match shared_exponent_list(text, &first) {
        Some((items, true)) if items.len() == 1 => (items, vec![Connector::Range]),
        Some((items, _)) => {
            let groups = vec![Connector::Groups; items.len()];
            (items, groups)
        }
        None => (Vec::new(), Vec::new()),
    };
    chain.push(first);
    // `A and B` after `between` is a range; two doses joined by `and` otherwise are two groups
    // (`1.0 × 10⁸ and 2.0 × 10⁸ cells per dose`).
    let between_words = BETWEEN.is_match(&text[..chain.first().map_or(0, |q| q.range.start)]);
    for next in &found[1..] {
        let Some(last) = chain.last() else { break };
        let gap = text.get(last.range.end..next.range.start).unwrap_or("");
        let Some(mut join) = connector(gap) else { break };
        if join == Connector::Range && AND.is_match(gap) && !between_words {
            join = Connector::Groups;
        }
        connectors.push(join);
        chain.push(next.clone());
    }
    Some((chain, connectors))
}

/// A gap between two doses that is the word `and`.
static AND: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\band\b").expect("valid and regex"));

/// Fills the value fields of `dose` from a chain.
fn fill_values(dose: &mut Dose, chain: &[Quantity], connectors: &[Connector]) {
    match (chain, connectors) {
        ([one], _) => match (one.high, one.plus_minus) {
            (Some(sd), true) => {
                dose.mean = Some(one.low);
                dose.sd = Some(sd);
            }
            (high, _) => {
                dose.min = Some(one.low);
                dose.max = Some(high.unwrap_or(one.low));
            }
        },
        ([a, b], [Connector::PlusMinus]) => {
            dose.mean = Some(a.low);
            dose.sd = Some(b.low);
        }
        ([a, b], [Connector::Range]) => {
            dose.min = Some(a.low);
            dose.max = Some(b.high.filter(|_| !b.plus_minus).unwrap_or(b.low));
        }
        _ => {
            let values: Vec<f64> = chain.iter().flat_map(Quantity::values).collect();
            dose.min = values.iter().copied().reduce(f64::min);
            dose.max = values.iter().copied().reduce(f64::max);
            dose.values = values;
        }
    }
}

/// The number of infusions a frequency held for a time gives (see [`FREQUENCY_FOR`]).
fn frequency_for(text: &str) -> Option<(u32, Range<usize>)> {
    // Days, weeks or months, however written.
    let key = |unit: &str| match unit.to_lowercase().chars().next() {
        Some('w' | '周') => Some('w'),
        Some('m' | '月' | '个') => Some('m'),
        Some('d' | '天' | '日') => Some('d'),
        _ => None,
    };
    let caps = FREQUENCY_FOR.captures(text)?;
    let every = key(caps.name("u1").or(caps.name("u2")).or(caps.name("u3"))?.as_str())?;
    let unit = key(caps.name("unit")?.as_str())?;
    let n = caps.name("n")?.as_str();
    let count = parse_decimal(n).or_else(|| parse_chinese_number(n)).or_else(|| parse_english_number(n))?;
    let whole = caps.get(0)?.range();
    (every == unit && count.fract() == 0.0 && (1.0..=100.0).contains(&count)).then_some((count as u32, whole))
}

/// The number of infusions the text states, None when it states none or several.
fn infusions(text: &str) -> (Option<u32>, Option<Range<usize>>) {
    if let Some((count, range)) = frequency_for(text) {
        return (Some(count), Some(range));
    }
    let mut counts: Vec<(u32, bool)> = Vec::new();
    let mut not_a_number = false;
    let mut covered: Option<Range<usize>> = None;
    let mut at = 0;
    while let Some(caps) = INFUSION_COUNT.captures_at(text, at) {
        let Some(whole) = caps.get(0) else { break };
        at = whole.end().max(at + 1);
        while !text.is_char_boundary(at) && at < text.len() {
            at += 1;
        }
        // An ordinal (`第3次`) is not a count; a frequency (`每周1次`, `once weekly`) is not a
        // number of infusions.
        if text[..whole.start()].ends_with('第') {
            continue;
        }
        if NOT_A_COUNT_AFTER.is_match(&text[whole.end()..]) {
            continue;
        }
        // `4 weeks after infusion` is a time, not four infusions; in `28 received three
        // infusions` the count is the number after the verb, read on the next search.
        // `one or two infusions`, `two to four doses`: the count differs (by arm), no number.
        if caps.name("adj").is_some_and(|adj| ALTERNATIVE.is_match(adj.as_str()))
            || caps.name("n").is_some_and(|n| ALTERNATIVE_BEFORE.is_match(&text[..n.start()]))
        {
            not_a_number = true;
            continue;
        }
        if let Some(adj) = caps.name("adj").filter(|adj| NOT_AN_ADJECTIVE.is_match(adj.as_str())) {
            at = adj.start();
            continue;
        }
        if FREQUENCY_BEFORE.is_match(&text[..whole.start()]) || FREQUENCY_AFTER.is_match(&text[whole.end()..]) {
            not_a_number = true;
            continue;
        }
        // `weekly × 4`, but not a letter x inside a word (`max 4`).
        if caps
            .name("times")
            .is_some_and(|t| t.as_str() != "×" && t.as_str() != "*" && ascii_word_before(text, t.start()))
        {
            continue;
        }
        let count = if let Some(n) = caps.name("n").or(caps.name("xn")) {
            let digits = n.as_str();
            parse_decimal(digits).or_else(|| parse_chinese_number(digits)).or_else(|| parse_english_number(digits))
        } else if let Some(word) = caps.name("once") {
            match word.as_str().to_lowercase().as_str() {
                "once" => Some(1.0),
                "twice" => Some(2.0),
                _ => Some(3.0),
            }
        } else if caps.name("single").is_some() {
            Some(1.0)
        } else {
            not_a_number = true;
            None
        };
        if let Some(count) = count.filter(|c| c.fract() == 0.0 && (1.0..=100.0).contains(c)) {
            let at = caps.name("n").or(caps.name("xn")).map_or(whole.start(), |n| n.start());
            counts.push((count as u32, TOTAL_BEFORE.is_match(&text[..at])));
        }
        let leading = whole.as_str().len() - whole.as_str().trim_start().len();
        let range = whole.start() + leading..whole.end();
        covered = Some(match covered {
            Some(c) => c.start.min(range.start)..c.end.max(range.end),
            None => range,
        });
    }
    if let Some((total, _)) = counts.iter().find(|(_, is_total)| *is_total) {
        return (Some(*total), covered);
    }
    let first = counts.first().map(|(c, _)| *c);
    let agreed = first.filter(|f| !not_a_number && counts.iter().all(|(c, _)| c == f));
    (agreed, covered)
}

pub(crate) fn read(raw: &str) -> Reading<Dose> {
    let mapped = prepare(raw);
    let text = mapped.text.as_str();
    let mut dose = Dose { raw: raw.to_string(), ..Default::default() };
    let found = quantities(text);
    let (infusion_count, infusion_range) = infusions(text);
    dose.infusions = infusion_count;

    let Some((chain, connectors)) = first_chain(text, &found) else {
        let mut reading = Reading::ok(dose);
        match infusion_range {
            Some(range) => reading.matched = narrower(raw, mapped.source_range(range)),
            None => reading
                .diagnostics
                .push(Diagnostic::warning("dose.unparsed", format!("could not read a dose in '{raw}'"))),
        }
        return reading;
    };
    fill_values(&mut dose, &chain, &connectors);

    let start = chain.first().map_or(0, |q| q.range.start);
    let chain_end = chain.last().map_or(start, |q| q.range.end);
    let tail = &text[chain_end..];
    let suffix_len = UNIT_SUFFIX.find(tail).map_or(0, |m| m.end());
    let end = chain_end + text[chain_end..chain_end + suffix_len].trim_end().len();
    let head = &text[..start];

    let per_kg = PER_KG.is_match(&text[start..end])
        || PER_KG_BEFORE.is_match(head)
        || PER_KG_NEAR_AFTER.is_match(tail)
        || PER_KG_AFTER_CELL_WORDS.find(tail).is_some_and(|m| !NOT_CELL_WORDS.is_match(m.as_str()));
    dose.unit = Some(if per_kg { DoseUnit::CellsPerKg } else { DoseUnit::Cells });

    // An open bound fills only its side.
    let single = dose.min.is_some() && dose.min == dose.max && dose.values.is_empty();
    // Upper bounds first: `不超过` holds the lower-bound word `超过`.
    if single && (UPPER_BOUND.is_match(head) || UPPER_BOUND.is_match(&text[chain_end..end])) {
        dose.min = None;
    } else if single && (LOWER_BOUND.is_match(head) || LOWER_BOUND.is_match(&text[chain_end..end])) {
        dose.max = None;
    }

    let mut reading = Reading::ok(dose);
    reading.matched = narrower(raw, mapped.source_range(start..end));
    reading
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattened_exponent_must_end_the_number() {
        assert!(read("5 × 1000 cells").value.min.is_none());
        assert_eq!(read("0.5 × 106/kg").value.min, Some(5e5));
    }

    #[test]
    fn a_cell_name_between_the_value_and_per_kg_keeps_the_unit() {
        for text in [
            "3 × 10^5 CD133+ cells/kg",
            "2×10^6 UC-MSCs/kg",
            "1.5 × 10^6 BM-MNCs per kg",
            "4 × 10^7 mononuclear cells/kg body weight",
            "1×10^6 hUC-MSC/kg",
            "2×10⁶ 间充质干细胞/kg",
        ] {
            assert_eq!(read(text).value.unit, Some(DoseUnit::CellsPerKg), "{text}");
        }
        for text in [
            "3 × 10^7 cells in 12 patients/kg",
            "2 × 10^8 cells and 5 mg/kg of G-CSF",
            "1 × 10^8 cells with heparin 100 U/kg",
        ] {
            assert_eq!(read(text).value.unit, Some(DoseUnit::Cells), "{text}");
        }
    }

    #[test]
    fn bare_numbers_listed_before_a_power_of_ten_share_it() {
        for text in [
            "3, 6 and 9 × 10^5 cells/kg",
            "3、6、9×10^5/kg",
            "3/6/9 × 10⁵ cells per kg",
            "doses of 0.3, 0.6, or 0.9 million cells/kg",
        ] {
            let d = read(text).value;
            assert_eq!(d.values, vec![3e5, 6e5, 9e5], "{text}");
            assert_eq!((d.min, d.max), (Some(3e5), Some(9e5)), "{text}");
            assert_eq!(d.unit, Some(DoseUnit::CellsPerKg), "{text}");
        }
        let d = read("between 2 and 8 × 10^7 cells").value;
        assert_eq!((d.min, d.max, d.values.len()), (Some(2e7), Some(8e7), 0));
        // A number before the dose that is not a smaller dose: a count, a P value.
        for text in
            ["in 12, 2 × 10^6 cells/kg", "P=0.05, 1 × 10^6 cells", "P < 0.05, 1 × 10^6 cells", "a 5/2 × 10^6 ratio"]
        {
            assert!(read(text).value.values.is_empty(), "{text}");
        }
        assert_eq!(read("in 12, 2 × 10^6 cells/kg").value.min, Some(2e6));
    }

    #[test]
    fn values_are_exact_decimals() {
        assert_eq!(read("(4.10~26.82)×10^6/kg").value.min, Some(4.1e6));
        assert_eq!(read("0.995×10^8").value.min, Some(9.95e7));
        assert_eq!(read("1.2亿").value.min, Some(1.2e8));
    }

    #[test]
    fn implausible_values_are_not_doses() {
        for text in ["2016", "72", "n=219", "P<0.05", "HR=0.487", "1×10^2", "12 个月"] {
            let reading = read(text);
            assert_eq!(reading.value.min, None, "{text}");
            assert_eq!(reading.value.unit, None, "{text}");
        }
    }

    #[test]
    fn two_doses_joined_by_and_are_groups_unless_between_makes_them_a_range() {
        let groups = read("1.0 × 10⁸ and 2.0 × 10⁸ cells per dose").value;
        assert_eq!((groups.min, groups.max, groups.values.len()), (Some(1.0e8), Some(2.0e8), 2));
        let range = read("between 1 × 10^6 and 2 × 10^6 cells/kg").value;
        assert_eq!((range.min, range.max, range.values.len()), (Some(1.0e6), Some(2.0e6), 0));
    }

    #[test]
    fn concentrations_are_not_doses() {
        for text in ["(3.31±0.96)×10^9/L", "1.0–11.2 × 1010/L", "1.0–11.2 × 107cells/ml. 10 ml/h", "5 × 10^6 cells/mL"]
        {
            let reading = read(text);
            assert_eq!((reading.value.min, reading.value.mean), (None, None), "{text}");
        }
        // A dose per kilogram is a dose.
        assert_eq!(read("2 × 10^6/kg").value.min, Some(2.0e6));
    }

    #[test]
    fn infusion_counts() {
        assert_eq!(infusions("three times").0, Some(3));
        assert_eq!(infusions("分两次").0, Some(2));
        assert_eq!(infusions("×3次").0, Some(3));
        assert_eq!(infusions("three median doses of").0, Some(3));
        assert_eq!(infusions("single dose").0, Some(1));
        assert_eq!(infusions("a single intraportal infusion").0, Some(1));
        assert_eq!(infusions("单次").0, Some(1));
        assert_eq!(infusions("twice").0, Some(2));
        assert_eq!(infusions("4 weekly infusions").0, Some(4));
        assert_eq!(infusions("0.5 × 106/kg weekly × 4").0, Some(4));
        assert_eq!(infusions("1×10^6/kg").0, None);
        assert_eq!(infusions("max 4").0, None);
        assert_eq!(infusions("一次或两次").0, None);
        assert_eq!(infusions("多次").0, None);
        assert_eq!(infusions("第3次").0, None);
        assert_eq!(infusions("每周1次,共4次").0, Some(4));
        assert_eq!(infusions("每次约1.2亿个").0, None);
        assert_eq!(infusions("每周1次,连续4周").0, Some(4), "a frequency held for four weeks");
        assert_eq!(infusions("once weekly").0, None);
        assert_eq!(infusions("1次/周").0, None);
        assert_eq!(infusions("one infusion").0, Some(1));
        assert_eq!(infusions("on three occasions").0, Some(3));
        assert_eq!(infusions("repeated twice").0, Some(2));
        assert_eq!(infusions("repeated infusions").0, None);
        assert_eq!(infusions("10 times higher").0, None);
        assert_eq!(infusions("4 weeks after infusion").0, None);
        assert_eq!(infusions("two consecutive infusions").0, Some(2));
        assert_eq!(infusions("of the 40 patients, 20 received two infusions").0, Some(2));
        assert_eq!(infusions("12 were given four doses").0, Some(4));
        assert_eq!(infusions("8 patients had 2 injections").0, Some(2));
        assert_eq!(infusions("as a single\ninfusion").0, Some(1));
        assert_eq!(infusions("three\ninjections").0, Some(3));
        assert_eq!(infusions("one or two infusions").0, None);
        assert_eq!(infusions("2 to 4 doses").0, None);
        assert_eq!(infusions("2-3次").0, None);
        assert_eq!(infusions("1×10^6 - 3 infusions").0, Some(3));
        assert_eq!(infusions("每周1次,共输注4次").0, Some(4));
        assert_eq!(infusions("a total of 4 infusions, the first 2 weekly").0, Some(4));
    }

    #[test]
    fn a_frequency_held_for_a_time_gives_the_count() {
        assert_eq!(read("1.0 × 10^5 cells/kg once a week for 4 weeks").value.infusions, Some(4));
        assert_eq!(read("UC-MSCs weekly for three weeks").value.infusions, Some(3));
        assert_eq!(read("每周1次，连续4周").value.infusions, Some(4));
        // Other units or a plain frequency give no count.
        assert_eq!(read("once a week for 3 months").value.infusions, None);
        assert_eq!(read("1 × 10^6 cells/kg once a week").value.infusions, None);
    }

    #[test]
    fn doses_opening_the_items_of_a_semicolon_list_are_groups() {
        let d = read("1 million cells/kg (low dose) and its matched control; 2 million cells/kg (high dose) and its matched control").value;
        assert_eq!(d.values, vec![1e6, 2e6]);
        assert_eq!((d.min, d.max, d.unit), (Some(1e6), Some(2e6), Some(DoseUnit::CellsPerKg)));
        let d = read("2.5, 5 and 7.5 million cells/kg").value;
        assert_eq!(d.values, vec![2.5e6, 5e6, 7.5e6]);
        // A dose after other words in its item is not a group of the list.
        let d = read("1 × 10^6 cells/kg; the control group received 2 × 10^6 placebo cells").value;
        assert_eq!(d.values, Vec::<f64>::new());
    }

    #[test]
    fn connectors_between_quantities() {
        assert_eq!(connector(" ~ "), Some(Connector::Range));
        assert_eq!(connector("/"), Some(Connector::Groups));
        assert_eq!(connector(" 和"), Some(Connector::Groups));
        assert_eq!(connector(" cells/kg or "), Some(Connector::Groups));
        assert_eq!(connector(" ± "), Some(Connector::PlusMinus));
        assert_eq!(connector(" patients received "), None);
        assert_eq!(connector("/kg (low dose), "), Some(Connector::Groups));
        assert_eq!(connector("/kg)和高剂量组("), Some(Connector::Groups));
    }
}
