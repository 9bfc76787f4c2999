//! Typed cells: how well a piece of a row reads as a cell of a column, by what the
//! normalizer's readers make of it.
//!
//! A table whose separators cannot be trusted (cells glued together, or parted by the same
//! single spaces that part the words inside a cell) is cut into cells by what each piece
//! says (see [`super::segment`]): a dose column takes a piece the dose reader reads whole, a
//! route column one the route reader reads, a phase column `I/II`, a follow-up column
//! `12 mo`. Free-text columns (outcome, notes, the columns the vocabulary knows but reads
//! nothing from) take what lies between their typed neighbours.
//!
//! The score is a sum over a row's cells, so its scale matters only against the other
//! scores here: a typed reading that fits is worth about 2, a free-text cell 0.1, an empty
//! cell a little less than nothing, and a piece that a typed column cannot read costs.
//!
//! | role | a cell that fits | scores |
//! |---|---|---|
//! | trial id | `NCT01234567`, `ChiCTR-TRC-12002312` | 3 |
//! | dose | `0.5 × 106/kg`, `3.4-3.8 × 108`, `30-50 million cells` | 2.5 (+0.3 per kg) |
//! | route | `Hepatic artery`, `IS/IV`, `Peripheral or the portal vein` | 2 |
//! | follow-up | `12 mo`, `48 weeks`, `2 years` | 2 |
//! | patients | `n = 20`, `5 participants`, `56` | 2 |
//! | phase | `I/II`, `II`, `Phase 1`, `I–II` | 2 |
//! | year | `2009` | 2 |
//! | reference | `Novak et al[15] 2009`, `Lin et al. (2017)` | 1.5, +0.5 ending in a year |
//! | infusions | `3`, `2~4`, `three times` | 1.5 |
//! | cells | `BM/Auto`, `UC-MSC`, `Allo` | 1.2 |
//! | condition | `Cirrhosis (HBV)`, `HCV-related liver cirrhosis` | 1.2 |
//! | any | `N/A`, `NA`, `None`, `-` (a missing value) | 0.4 |

use std::sync::LazyLock;

use regex::Regex;
use trialex_normalizer as normalizer;

use super::Role;
use super::vocab::{CUES, any_word};
use crate::citation;

/// Score of an empty cell: allowed (cells are often left empty), slightly worse than text.
pub(crate) const EMPTY: f32 = -0.15;
/// Score of a cell that says its value is missing.
const MISSING: f32 = 0.4;
/// Longest text that may say a value is missing (`not reported`, `未报道`, `No details`).
const MISSING_CHARS: usize = 24;
/// Score of a cell of a free-text column.
pub(crate) const FREE: f32 = 0.1;
/// Score of a typed reading that fits, and of a piece a typed column cannot read.
const FITS: f32 = 2.0;
const MISFIT: f32 = -1.5;
/// Longest piece (characters) read as a short typed value (phase, count, duration, year).
const SHORT: usize = 30;
/// Longest piece read as a dose, a route, cells or a condition.
const MEDIUM: usize = 90;

/// Registry numbers of clinical trials.
const TRIAL_ID_PATTERNS: [&str; 10] = [
    r"NCT\d{8}",
    r"ChiCTR[-A-Z]*\d+",
    r"ISRCTN\d{8}",
    r"IRCT\d+N\d+",
    r"UMIN\d{9}",
    r"jRCT[a-z]?\d+",
    r"KCT\d{7}",
    r"CTRI/\d{4}/\d+/\d+",
    r"EudraCT\s*\d{4}-\d{6}-\d{2}",
    r"ACTRN\d{14}",
];

/// A registry number anywhere (at ASCII word boundaries, so `NCT01234567Chile` has one).
pub(crate) static TRIAL_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?-u:\b)(?:{})", TRIAL_ID_PATTERNS.join("|"))).expect("trial id regex"));

/// A cell that is one registry number.
static WHOLE_TRIAL_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(?:{})[.;,]?$", TRIAL_ID_PATTERNS.join("|"))).expect("trial id regex"));

/// A trial phase: `I`, `I/II`, `I–II`, `IIa`, `Phase 1`, `Phase 1/2`, `1/2`, `Ⅱ期`, `Early phase 1`.
static PHASE: LazyLock<Regex> = LazyLock::new(|| {
    let one = r"(?:(?-i:I{1,3}|IV|[ⅠⅡⅢⅣ])|[1-4])(?-i:[ab])?";
    Regex::new(&format!(
        r"(?i)^(?:(?:early\s+)?phase\s*)?{one}(?:\s*(?:/|–|-|~|and|,|\n)\s*(?:phase\s*)?{one})*(?:\s*期)?$"
    ))
    .expect("phase regex")
});

/// A publication year alone.
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[(（]?(?:19[5-9]\d|20\d\d)[)）]?[.,]?$").expect("year"));
/// A cell that ends with a year (`Gaia et al, 2006`, `Li et al. (2016)`).
static ENDS_WITH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\d])(?:19[5-9]\d|20\d\d)[)）]?[.,]?$").expect("year end"));
/// An author cell: a capitalised surname, then `et al`, `and`, a citation or a year.
static AUTHOR_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z][A-Za-z'’\-]+(?:\s+[A-Z]{1,3}\b)?(?:\s+et\s+al\b|\s+(?:and|&)\s+[A-Z]|\s*[\[(（]\s*(?:\d|19|20)|,?\s+(?:19|20)\d\d)")
        .expect("author start regex")
});
static AUTHOR_CUE: LazyLock<Regex> = LazyLock::new(|| any_word(&CUES.author_cues));

/// A count of infusions: `3`, `2~4`, `three times`, `single`, `3 doses`.
static INFUSIONS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\d{1,2}(?:\s*[~～\-–]\s*\d{1,2})?|once|twice|single|one|two|three|four|five|six)(?:\s*(?:times?|doses?|infusions?|injections?|次))?$",
    )
    .expect("infusions regex")
});

/// A patient count as a cell shows it: `n = 20`, `56`, `5 participants`, `30 (15/15)`, `43例`.
static COUNT_SHAPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:n\s*[=:＝]\s*)?\d{1,5}(?:\s*(?:patients?|participants?|subjects?|cases?|pts|例|名|人)\b)?(?:[^\d]|$)",
    )
    .expect("count shape regex")
});

/// Bonus per letter or digit that a typed reader explains (up to [`MAX_EXPLAINED`]): of two
/// pieces that both read, the one read more fully wins (`Decompensated cirrhosis` over
/// `cirrhosis`, `n = 20` over `2`).
const PER_EXPLAINED: f32 = 0.03;
const MAX_EXPLAINED: usize = 40;

/// What every dose the reader reads holds: a power of ten, a multiplier word, a cell word or a
/// per-kilogram unit beside a digit (a cheap test before the reader).
static DOSE_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\d.*(?:10|[⁰¹²³⁴⁵⁶⁷⁸⁹]|million|billion|[万亿]|cell|/kg|kg|个|e[+-]?\d)|10\s*[\^⁰¹²³⁴⁵⁶⁷⁸⁹(]|[万亿]",
    )
    .expect("dose hint regex")
});

/// A count per volume: a power of ten over a volume unit.
static CONCENTRATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[×xX*]\s*10\S*\s*(?:cells?\s*)?/\s*(?:[mμµun]?l|dl)\b").expect("concentration regex")
});

/// A mantissa of three digits or more before a power of ten (`210 × 106`).
static BIG_MANTISSA: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{3,}\s*[×xX*]\s*10").expect("mantissa regex"));
const BIG_MANTISSA_COST: f32 = 0.5;
/// Bonus of a dose cell that also says how many times it was given.
const INFUSIONS_READ: f32 = 0.4;

/// An arm's count in brackets (`(n = 15)`).
static ARM_COUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[(（\[]\s*[nN]\s*[=＝]\s*\d").expect("arm count regex"));

/// What a cell column's header says its cells name: the tissue (`Cell source`, `MSC
/// source`, `来源`), the donor (`Auto/Allo`, `Origin`), the kind (`Cell type`), or any of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) enum Facet {
    #[default]
    Any,
    Source,
    Origin,
    Type,
}

/// A column as the cutting of rows sees it: its role and, for cells, what the header says
/// its cells name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) struct Kind {
    pub role: Option<Role>,
    pub facet: Facet,
}

impl From<Option<Role>> for Kind {
    fn from(role: Option<Role>) -> Kind {
        Kind { role, facet: Facet::Any }
    }
}

/// Header words of the cell facets.
static FACET_WORDS: LazyLock<[(Facet, Regex); 3]> = LazyLock::new(|| {
    let re = |p: &str| Regex::new(p).expect("facet regex");
    [
        (Facet::Origin, re(r"(?i)\bauto\b|\ballo\b|origin|donor|自体|异体")),
        (Facet::Source, re(r"(?i)source|tissue|来源")),
        (Facet::Type, re(r"(?i)\btypes?\b|kind|类型|种类")),
    ]
});

impl Kind {
    /// The kind of `column`, its facet read from its header (a header that names both source
    /// and origin, `Cell source/origin`, counts as any).
    pub fn of(column: &super::Column) -> Kind {
        let facet = if column.role == Some(Role::Cell) {
            let named: Vec<Facet> =
                FACET_WORDS.iter().filter(|(_, re)| re.is_match(&column.header)).map(|(f, _)| *f).collect();
            if named.len() == 1 { named[0] } else { Facet::Any }
        } else {
            Facet::Any
        };
        Kind { role: column.role, facet }
    }

    /// A column that only takes free text (outcome, notes, design, unknown).
    pub fn is_free(&self) -> bool {
        self.role.is_none_or(|r| matches!(r, Role::Outcome | Role::Other | Role::Design))
    }
}

/// How well `text` (a trimmed piece of a row) reads as a cell of a column of `kind`.
pub(crate) fn fit(kind: impl Into<Kind>, text: &str) -> f32 {
    let kind: Kind = kind.into();
    let role = kind.role;
    let text = text.trim();
    if text.is_empty() {
        return EMPTY;
    }
    let chars = text.chars().count();
    if chars <= MISSING_CHARS && normalizer::is_missing(text) {
        return MISSING;
    }
    let total = alnum(text);
    let Some(role) = role else { return FREE };
    // A typed value opens with a letter, a digit, a bracket or a bound sign; a piece that
    // opens with an arrow or a times sign is the tail of the cell before.
    let opens_typed = text.starts_with(|c: char| c.is_alphanumeric() || "([（≥>≤<~～".contains(c));
    if !opens_typed && !matches!(role, Role::Outcome | Role::Other | Role::Design | Role::Condition | Role::Cell) {
        return MISFIT;
    }
    match role {
        Role::TrialId => {
            if WHOLE_TRIAL_ID.is_match(text) {
                scored(FITS + 1.0, total, total, 0.0)
            } else {
                MISFIT
            }
        }
        Role::Dose => dose_fit(text, chars, total),
        Role::Route => {
            if chars > MEDIUM || !text.contains(char::is_alphabetic) {
                return MISFIT;
            }
            let route = normalizer::route(text);
            if route.value.routes.is_empty() {
                return MISFIT;
            }
            scored(FITS, route.explained.unwrap_or(total), total, 0.04)
        }
        Role::FollowUp => {
            if chars > SHORT || !text.contains(|c: char| c.is_ascii_digit() || !c.is_ascii()) {
                return MISFIT;
            }
            let reading = normalizer::follow_up(text);
            if reading.value.min_days.is_none() || normalizer::dose(text).value.min.is_some() {
                return MISFIT;
            }
            scored(FITS, explained_by(text, reading.matched.as_ref(), total), total, 0.08)
        }
        Role::NPatients => match COUNT_SHAPE.find(text) {
            Some(found) if chars <= SHORT && normalizer::patient_count(text).is_some() => {
                scored(FITS, alnum(found.as_str()), total, 0.05)
            }
            _ => MISFIT,
        },
        Role::Phase => {
            if chars <= SHORT && PHASE.is_match(text) {
                scored(FITS, total, total, 0.0)
            } else {
                MISFIT
            }
        }
        Role::Year => {
            if YEAR.is_match(text) {
                FITS
            } else {
                MISFIT
            }
        }
        Role::Reference => reference_fit(text),
        Role::Infusions => {
            if INFUSIONS.is_match(text) {
                scored(1.5, total, total, 0.0)
            } else {
                MISFIT
            }
        }
        Role::Cell => {
            if chars > MEDIUM {
                return FREE;
            }
            let reading = normalizer::cell(text);
            let cell = &reading.value;
            let named = match kind.facet {
                Facet::Any => cell.cell_type.is_some() || cell.source.is_some() || cell.origin.is_some(),
                Facet::Source => cell.source.is_some(),
                Facet::Origin => cell.origin.is_some(),
                Facet::Type => cell.cell_type.is_some(),
            };
            if !named {
                return 0.0;
            }
            scored(1.0, reading.explained.unwrap_or(total), total, 0.02)
        }
        Role::Condition => {
            if chars > MEDIUM {
                return FREE;
            }
            let reading = normalizer::condition(text);
            if reading.value.category.is_none() && reading.value.etiology.is_empty() {
                return 0.0;
            }
            scored(1.0, reading.explained.unwrap_or(total), total, 0.02)
        }
        // A design cell may give the count (`n = 8; 4 HBV …`, under `Study design (n; groups)`).
        Role::Design => match COUNT_SHAPE.find(text) {
            Some(found) if text.starts_with(['n', 'N']) && normalizer::patient_count(text).is_some() => {
                scored(0.8, alnum(found.as_str()), total, 0.0)
            }
            // Arms with their counts (`Control group (n = 15)/MSCs group (n = 30)`).
            _ if ARM_COUNT.is_match(text) && normalizer::patient_count(text).is_some() => 1.0,
            _ => FREE,
        },
        Role::Outcome | Role::Other => FREE,
    }
}

/// `base`, plus a bonus for what a reader explained, less a cost for what it left unread.
fn scored(base: f32, explained: usize, total: usize, per_unread: f32) -> f32 {
    let explained = explained.min(total);
    base + PER_EXPLAINED * explained.min(MAX_EXPLAINED) as f32 - per_unread * (total - explained) as f32
}

/// Letters and digits of `text`.
fn alnum(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphanumeric()).count()
}

/// The letters and digits a reading used: those of its matched range, or of the whole text.
fn explained_by(text: &str, matched: Option<&std::ops::Range<usize>>, total: usize) -> usize {
    matched.and_then(|m| text.get(m.clone())).map_or(total, alnum)
}

/// A dose the reader reads; what it leaves unread costs a little (it may be the next cell's).
/// A number with a leading zero (`010`) is a piece cut out of a longer one.
fn dose_fit(text: &str, chars: usize, total: usize) -> f32 {
    if chars > MEDIUM {
        return MISFIT;
    }
    let bytes = text.as_bytes();
    if bytes.len() > 1 && bytes[0] == b'0' && bytes[1].is_ascii_digit() {
        return MISFIT;
    }
    if !DOSE_HINT.is_match(text) {
        return if text.to_lowercase().contains("dose") { FREE } else { MISFIT };
    }
    let reading = normalizer::dose(text);
    let dose = &reading.value;
    // A count per volume (`1.0–11.2 × 1010/L`) is what a dose column may hold, though it
    // gives no dose.
    if CONCENTRATION.is_match(text) && dose.min.is_none() && dose.mean.is_none() {
        return FITS - 0.5;
    }
    if dose.min.is_none() && dose.max.is_none() && dose.mean.is_none() && dose.values.is_empty() {
        // A dose cell in words only (`A single dose of 4`, `The total amount was N/A`).
        return if dose.infusions.is_some() || text.to_lowercase().contains("dose") { FREE } else { MISFIT };
    }
    let per_kg = if dose.unit == Some(trialex_model::DoseUnit::CellsPerKg) { 0.3 } else { 0.0 };
    // A power of ten takes a mantissa of one or two digits (`10 × 106`, `2.5 × 107`); `210 ×
    // 106` is a piece of the cell before glued on.
    let mantissa = if BIG_MANTISSA.is_match(text) { BIG_MANTISSA_COST } else { 0.0 };
    // The infusions said after the dose are the dose cell's (`… every 4 wk, 3 times`).
    let infusions = if dose.infusions.is_some() { INFUSIONS_READ } else { 0.0 };
    scored(FITS + 0.5 + per_kg + infusions - mantissa, explained_by(text, reading.matched.as_ref(), total), total, 0.02)
}

/// An author and citation cell (`Novak et al[15] 2009`, `Peng et al. (44)`, `Lin 2017`).
fn reference_fit(text: &str) -> f32 {
    let cites = !citation::find_markers(text).is_empty() || AUTHOR_CUE.is_match(text) || AUTHOR_START.is_match(text);
    if !cites {
        // A name and its year (`Ana Ruiz/2012`, `Lin 2017`).
        let named = text.starts_with(char::is_uppercase) && ENDS_WITH_YEAR.is_match(text) && !YEAR.is_match(text);
        return if named {
            1.2
        } else if YEAR.is_match(text) {
            FREE
        } else {
            -0.5
        };
    }
    let year = if ENDS_WITH_YEAR.is_match(text) { 0.5 } else { 0.0 };
    1.5 + year
}

/// What the first cell of a row is, by which later lines that start the same way open rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Opener {
    /// A registry number (`NCT01234567…`).
    TrialId,
    /// An author (`Novak et al[14] 2007…`, `Lin et al. (45)`).
    Author,
}

/// How the line `text` opens, if it opens with one of the kinds of [`Opener`].
pub(crate) fn opener(text: &str) -> Option<Opener> {
    let text = text.trim_start();
    if TRIAL_ID.find(text).is_some_and(|m| m.start() == 0) {
        return Some(Opener::TrialId);
    }
    if AUTHOR_START.is_match(text) {
        return Some(Opener::Author);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_columns_take_what_their_reader_reads() {
        assert!(fit(Some(Role::TrialId), "NCT01234567") > 2.0);
        assert!(fit(Some(Role::TrialId), "NCT01234567Chile") < 0.0);
        assert!(fit(Some(Role::Dose), "0.5 × 106/kg") > 2.0);
        assert!(fit(Some(Role::Dose), "0.8 × 107") > 2.0);
        assert!(fit(Some(Role::Dose), "0.8 × 1072-4") < 0.0, "no exponent of 72");
        assert!(fit(Some(Role::Dose), "30-50 million cells") > 2.0);
        assert!(fit(Some(Role::Route), "IS/IV") > 1.0);
        assert!(fit(Some(Role::Route), "Hepatic artery and peripheral vein") > 1.0);
        assert!(fit(Some(Role::Route), "I/II") < 0.0);
        assert!(fit(Some(Role::Phase), "I/II") > 1.0);
        assert!(fit(Some(Role::Phase), "II") > 1.0);
        assert!(fit(Some(Role::Phase), "Phase 1\nPhase 2") > 1.0);
        assert!(fit(Some(Role::Phase), "IIALB") < 0.0);
        assert!(fit(Some(Role::FollowUp), "12 mo") > 1.0);
        assert!(fit(Some(Role::FollowUp), "12 moNone") < 0.0);
        assert!(fit(Some(Role::NPatients), "n = 20") > 1.0);
        assert!(fit(Some(Role::NPatients), "5 participants") > 1.0);
        assert!(fit(Some(Role::NPatients), "participants") < 0.0);
        assert!(fit(Some(Role::Year), "2009") > 1.0);
        assert!(fit(Some(Role::Infusions), "2~4") > 1.0);
    }

    #[test]
    fn a_reference_ending_in_its_year_fits_better_than_one_without() {
        let with_year = fit(Some(Role::Reference), "Novak et al[14] 2007");
        let without = fit(Some(Role::Reference), "Novak et al[14]");
        assert!(with_year > without && without > 1.0);
        assert!(fit(Some(Role::Reference), "Cirrhosis") < 0.0);
    }

    #[test]
    fn missing_values_fit_every_column_and_empty_cells_cost_a_little() {
        for role in [Role::Dose, Role::Route, Role::Phase, Role::Cell] {
            assert!(fit(Some(role), "N/A") > 0.0);
            assert_eq!(fit(Some(role), ""), EMPTY);
        }
    }

    #[test]
    fn rows_open_with_a_registry_number_or_an_author() {
        assert_eq!(opener("NCT01234567ChileHCV-related"), Some(Opener::TrialId));
        assert_eq!(opener("Novak et al[15] 2009Cirrhosis"), Some(Opener::Author));
        assert_eq!(opener("Lin et al. (45) | HBV"), Some(Opener::Author));
        assert_eq!(opener("Phase 2"), None);
        assert_eq!(opener("Conventional therapy plus hUC-MSCs treatment"), None);
        assert_eq!(opener("Safety and efficacy of human mesenchymal stem cells"), None);
        assert_eq!(opener("Brandt and Nolan (2009) [31]"), Some(Opener::Author));
    }
}
