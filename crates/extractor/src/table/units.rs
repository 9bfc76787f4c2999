//! Units that a column header gives its cells: `Dose (cells/kg)`, `Cell dose (×10⁶/kg)`,
//! `细胞数量(个/kg)`, `Follow-up (months)`, `随访时间(月)`.
//!
//! A cell under such a header often writes only the number (`1 × 106`, `12`). The unit is
//! written into the text the normalizer reads, after the cell's number, and only where the
//! cell names no unit of its own: a cell that says `2×10⁸ cells` under `Dose (cells/kg)`
//! keeps its own word.

use std::sync::LazyLock;

use regex::Regex;
use trialex_normalizer as normalizer;

use super::vocab::{CUES, any_word};

/// The parenthesised part of a header cell, where the unit stands.
static PARENTHESISED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[(（\[]([^()（）\[\]]+)[)）\]]").expect("header unit regex"));

/// A power of ten in a header unit: `×10⁶`, `x 10^6`, `10⁶`, `×10E6`.
static HEADER_POWER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[×xX*]\s*)?10\s*(?:\^\s*\{?[-−]?\d+\}?|[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+|[Ee][+]?\d+)").expect("header power regex")
});

/// A dose unit word in a header unit: per kilogram or a count of cells (`dose_unit` cues).
static HEADER_DOSE_UNIT: LazyLock<Regex> = LazyLock::new(|| any_word(&CUES.dose_units));

/// A cell that writes its own power of ten.
static CELL_POWER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[×xX*]\s*10|10\s*\^|10\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]|\d\s*[eE]\s*[+-]?\d").expect("cell power regex")
});
/// A cell that multiplies its number by a word (`power_word` cues: `亿`, `million`).
static CELL_POWER_WORD: LazyLock<Regex> = LazyLock::new(|| any_word(&CUES.power_words));

/// A cell that names its own unit: per kilogram, per patient, or cells.
static CELL_DOSE_UNIT: LazyLock<Regex> =
    LazyLock::new(|| any_word(&[CUES.dose_units.as_slice(), CUES.dose_units_cell.as_slice()].concat()));

/// The numbers a cell opens with, as a range or dose groups (`1.5`, `1.5–3.0`, `2 to 5`,
/// `1.0/2.0/5.0`); not a comma, which also parts a dose from its infusions (`5, 3次`).
static LEADING_NUMBERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\d+(?:[.·]\d+)?(?:\s*(?:[-~～–—至/、]|to|or|和|或)\s*\d+(?:[.·]\d+)?)*")
        .expect("leading numbers regex")
});
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+(?:[.·]\d+)?").expect("number regex"));

/// The unit of a dose header: the power of ten it multiplies by and its unit words, as
/// written inside its parentheses.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct DoseUnit {
    /// `×10⁶` (a `×` put in front where the header writes `10⁶` alone, spaces dropped).
    power: Option<String>,
    /// `cells/kg`, `/kg`, `个/kg`.
    unit: Option<String>,
}

/// The unit a dose header gives, if it gives one.
pub(crate) fn dose_unit(header: &str) -> Option<DoseUnit> {
    let inside = PARENTHESISED
        .captures_iter(header)
        .map(|c| c[1].trim().to_string())
        .find(|inside| HEADER_POWER.is_match(inside) || HEADER_DOSE_UNIT.is_match(inside))?;
    let power = HEADER_POWER.find(&inside).map(|m| {
        let text: String = m.as_str().chars().filter(|c| !c.is_whitespace()).collect();
        if text.starts_with(['×', 'x', 'X', '*']) { text } else { format!("×{text}") }
    });
    let rest = HEADER_POWER.replace(&inside, "").trim().to_string();
    let unit = Some(rest).filter(|r| HEADER_DOSE_UNIT.is_match(r));
    (power.is_some() || unit.is_some()).then_some(DoseUnit { power, unit })
}

/// The dose cell with the header's unit written in after its number, or None when the cell
/// needs nothing from the header (it names its own unit and power, or holds no number).
pub(crate) fn dose_with_unit(cell: &str, header: &DoseUnit) -> Option<String> {
    if !cell.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let power = header.power.as_deref().filter(|_| !CELL_POWER.is_match(cell) && !CELL_POWER_WORD.is_match(cell));
    let unit = header.unit.as_deref().filter(|_| !CELL_DOSE_UNIT.is_match(cell));
    if power.is_none() && unit.is_none() {
        return None;
    }
    // The header's power goes after each number the cell opens with (`1.0/2.0` under
    // `(×10⁶/kg)` is `1.0×10⁶/2.0×10⁶`): a number without a power is no dose.
    let (mut cell, mut at) = (cell.to_string(), None);
    if let Some(power) = power {
        let numbers = LEADING_NUMBERS.find(&cell)?;
        let powered = NUMBER.replace_all(numbers.as_str(), |c: &regex::Captures| format!("{}{power}", &c[0]));
        at = Some(numbers.start() + powered.len());
        cell = format!("{}{}{}", &cell[..numbers.start()], powered, &cell[numbers.end()..]);
    }
    let Some(unit) = unit else { return Some(cell) };
    // The unit after the dose the normalizer reads (`4.5 × 105` in `4.5 × 105, 4 infusions`).
    let reading = normalizer::dose(&cell);
    let read = reading.value.min.is_some() || reading.value.max.is_some() || reading.value.mean.is_some();
    let at = match reading.matched {
        Some(range) if read => range.end,
        _ if read => cell.trim_end().len(),
        _ => at?,
    };
    let (before, after) = cell.split_at(at.min(cell.len()));
    let space = if unit.starts_with('/') { "" } else { " " };
    Some(format!("{}{space}{unit}{after}", before.trim_end()))
}

/// A bare count of infusions (`3`, `three`, `twice`, `3 times`) as the phrase the dose reader
/// reads after a dose (`3 times`); None for a range (`2~4`), a missing value or other text.
pub(crate) fn infusions_phrase(cell: &str) -> Option<String> {
    static COUNT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:(\d{1,2})|(one|two|three|four|five|six|once|twice|single))(?:\s*(?:times?|doses?|infusions?|injections?|次))?$")
            .expect("infusions regex")
    });
    let caps = COUNT.captures(cell.trim())?;
    Some(match (caps.get(1), caps.get(2).map(|w| w.as_str().to_lowercase())) {
        (Some(n), _) => format!("{} times", n.as_str()),
        (_, Some(w)) if w == "once" || w == "single" || w == "one" => "single dose".to_string(),
        (_, Some(w)) if w == "twice" => "twice".to_string(),
        (_, Some(w)) => format!("{w} times"),
        _ => return None,
    })
}

/// The duration unit of a follow-up header (`months`, `月`, `wk`): a parenthesised word the
/// normalizer reads as a unit after a number.
pub(crate) fn follow_up_unit(header: &str) -> Option<String> {
    PARENTHESISED
        .captures_iter(header)
        .map(|c| c[1].trim().to_string())
        .find(|inside| normalizer::follow_up(&format!("1 {inside}")).value.min_days.is_some())
}

/// The follow-up cell with the header's unit after it, where the cell alone reads as no
/// duration and with the unit does (`6-12` → `6-12 months`).
pub(crate) fn follow_up_with_unit(cell: &str, unit: &str) -> Option<String> {
    if !cell.chars().any(|c| c.is_ascii_digit()) || normalizer::follow_up(cell).value.min_days.is_some() {
        return None;
    }
    let with_unit = format!("{} {unit}", cell.trim_end());
    normalizer::follow_up(&with_unit).value.min_days.is_some().then_some(with_unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dose_read(cell: &str, header: &str) -> Option<String> {
        dose_with_unit(cell, &dose_unit(header)?)
    }

    #[test]
    fn dose_headers_give_their_unit_to_bare_cells() {
        assert_eq!(dose_read("3 × 107", "Cells per kg (cells/kg)").as_deref(), Some("3 × 107 cells/kg"));
        assert_eq!(dose_read("2.5", "Dose (×10^7/kg)").as_deref(), Some("2.5×10^7/kg"));
        assert_eq!(dose_read("0.8-1.6", "Cell count (10⁸ cells)").as_deref(), Some("0.8×10⁸-1.6×10⁸ cells"));
        assert_eq!(dose_read("1.0/2.0/5.0", "Dose (×10^6/kg)").as_deref(), Some("1.0×10^6/2.0×10^6/5.0×10^6/kg"));
        assert_eq!(dose_read("4, 3 doses", "Dose (×10^6)").as_deref(), Some("4×10^6, 3 doses"));
        assert_eq!(dose_read("3×10^8", "输注细胞数(个/kg)").as_deref(), Some("3×10^8 个/kg"));
        // Written in after the dose, before what follows it.
        assert_eq!(dose_read("3 × 107, twice", "Dose (cells/kg)").as_deref(), Some("3 × 107 cells/kg, twice"));
    }

    #[test]
    fn the_normalizer_reads_what_the_header_completes() {
        let dose = |cell: &str, header: &str| normalizer::dose(&dose_read(cell, header).unwrap()).value;
        let groups = dose("1.0/2.0/5.0", "Dose (×10^6/kg)");
        assert_eq!((groups.min, groups.max, groups.values.len()), (Some(1.0e6), Some(5.0e6), 3));
        assert_eq!(groups.unit, Some(trialex_model::DoseUnit::CellsPerKg));
        let range = dose("0.8-1.6", "Cell count (10⁸ cells)");
        assert_eq!((range.min, range.max), (Some(0.8e8), Some(1.6e8)));
        let with_infusions = dose("4, 3 doses", "Dose (×10^6)");
        assert_eq!((with_infusions.min, with_infusions.infusions), (Some(4.0e6), Some(3)));
    }

    #[test]
    fn a_cell_that_names_its_unit_keeps_it() {
        assert_eq!(dose_read("3×10^8 cells", "Dose (cells/kg)"), None);
        assert_eq!(dose_read("2 × 10⁶/kg", "Dose (×10⁶/kg)"), None);
        assert_eq!(dose_read("not stated", "Dose (cells/kg)"), None);
        assert_eq!(dose_read("1.2亿", "细胞数(×10^8)"), None);
        assert_eq!(dose_read("3×10^8", "Dose"), None);
        assert_eq!(dose_read("3×10^8", "Dose (range)"), None);
    }

    #[test]
    fn follow_up_headers_give_their_unit_to_bare_numbers() {
        let unit = follow_up_unit("Observation (weeks)").unwrap();
        assert_eq!(follow_up_with_unit("8-16", &unit).as_deref(), Some("8-16 weeks"));
        assert_eq!(follow_up_with_unit("2 years", &unit), None);
        assert_eq!(follow_up_with_unit("n.a.", &unit), None);
        let unit = follow_up_unit("观察期(月)").unwrap();
        assert_eq!(follow_up_with_unit("18", &unit).as_deref(), Some("18 月"));
        assert_eq!(follow_up_unit("Follow-up (median)"), None);
    }
}
