//! From table rows to [`Candidate`]s: each column's cell goes to the raw field of its
//! role; the caption's cell phrase becomes every row's `cell_context`.
//!
//! Fields that no column gives may still be found in the row's cells:
//! * `reference`: a citation marker in any cell (`Smith et al. [12]`) when no reference
//!   column names numbers;
//! * `year`: the reference/author cell when it holds a year (`Gaia et al, 2006`);
//! * `n_patients`: a patient count inside a condition, design or cell cell (`HBV-ACLF (n = 43)`);
//! * `trial_ids`: registry numbers anywhere in the row.
//!
//! Context that the table gives every row:
//! * the caption's cell phrase is every row's `cell_context`, and a caption that names a
//!   condition (`… in decompensated cirrhosis`, `…治疗失代偿期肝硬化…`) is every row's
//!   `condition_context`;
//! * a dose or follow-up header with a unit (`Dose (cells/kg)`, `随访(月)`) gives it to the
//!   cells that name none (`dose_with_unit`, `follow_up_with_unit`, see [`super::units`]).
//!
//! A role given by two columns (`Cell type`, `Cell source`) joins their texts with `; `
//! and has no span.

use std::sync::LazyLock;

use regex::Regex;
use trialex_model::{Candidate, ConditionCategory, DocumentText, Extra, RawField, Source, SourceKind};

use super::typed::TRIAL_ID;
use super::{Role, Row, Table, units};
use crate::citation;
use trialex_normalizer as normalizer;

/// A publication year in an author cell.
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(?:19[5-9]\d|20\d\d)\b").expect("year regex"));

/// A patient count inside a cell: `n = 43`, `43 patients`, `43例`.
static PATIENT_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bn\s*[=:]\s*\d+|\b\d+\s*(?:patients|cases|subjects|participants)\b|\d+\s*例")
        .expect("patient count regex")
});

/// A count followed by its arms in parentheses: `40 (20 MSC, 20 control)`, `60 (30 vs 30)`.
static COUNT_WITH_ARMS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d+)\s*[(（]([^()（）]*)[)）]$").expect("count with arms regex"));

/// The count that opens a patient cell which goes on to name the disease (`14, decompensated
/// cirrhosis`, `22 patients with ACLF`, `40 (20/20), alcohol-related …`, `25: hepatic artery`);
/// not `1,200`.
static LEADING_COUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\d+)(?:[,，;；:：]?\s+|\s*[(（])").expect("leading count regex"));

/// Cells searched for a patient count when no column gives it, in this order.
const PATIENT_COUNT_ROLES: [Role; 4] = [Role::Condition, Role::Design, Role::Cell, Role::Reference];

/// One candidate per row of `table`.
pub fn candidates(doc: &DocumentText, table: &Table) -> Vec<Candidate> {
    // The caption's cells, else those a cell column's header names (`Source of MSCs`).
    let cell_context = table
        .caption
        .as_ref()
        .and_then(|c| c.cell_phrase.clone())
        .or_else(|| {
            table
                .columns
                .iter()
                .filter(|c| c.role == Some(Role::Cell))
                .filter_map(|c| super::caption::cell_phrase(&c.header))
                .find(|phrase| normalizer::cell(phrase).value.cell_type.is_some())
        })
        .map(RawField::unanchored);
    // The caption's condition, else one a column header names (`Cause of ACLF`, `Stage of LC`).
    let condition_context = table
        .caption
        .as_ref()
        .and_then(|c| condition_named(&c.text))
        .or_else(|| table.columns.iter().find_map(|c| condition_named(&c.header)))
        .map(RawField::unanchored);
    table
        .rows
        .iter()
        .enumerate()
        .map(|(k, row)| {
            let mut candidate = Candidate::new(format!("t{}.r{}", table.index, k + 1), source(doc, table, k + 1, row));
            candidate.cell_context = cell_context.clone();
            candidate.condition_context = condition_context.clone();
            fill_fields(&mut candidate, table, row);
            // A condition the table writes as an abbreviation its notes define (`ALC`) is read
            // as what the note says it stands for.
            if let Some(expanded) = candidate.condition.as_ref().and_then(|c| expansion(&c.text, &table.abbreviations))
            {
                candidate.condition_context = Some(RawField::unanchored(expanded));
            }
            candidate
        })
        .collect()
}

fn source(doc: &DocumentText, table: &Table, row_number: usize, row: &Row) -> Source {
    Source {
        kind: SourceKind::Table,
        table: table.caption.as_ref().map(|c| c.label.clone()),
        caption: table.caption.as_ref().map(|c| c.text.clone()).filter(|t| !t.is_empty()),
        row: u32::try_from(row_number).ok(),
        page: doc.page_of(row.span[0]),
        span: row.span,
        text: doc.slice(row.span).to_string(),
    }
}

/// The cell of the first column with `role`, joined with the cells of later columns with it.
fn cell_of(table: &Table, row: &Row, role: Role) -> Option<RawField> {
    let mut found: Option<RawField> = None;
    for (column, cell) in table.columns.iter().zip(&row.cells) {
        let Some(cell) = cell.as_ref().filter(|_| column.role == Some(role)) else { continue };
        found = Some(match found {
            None => cell.clone(),
            Some(earlier) => RawField { text: format!("{}; {}", earlier.text, cell.text), span: None },
        });
    }
    found
}

/// The header of the first column with `role` that has a cell in `row`.
fn header_of<'t>(table: &'t Table, row: &Row, role: Role) -> Option<&'t str> {
    table
        .columns
        .iter()
        .zip(&row.cells)
        .find(|(column, cell)| column.role == Some(role) && cell.is_some())
        .map(|(column, _)| column.header.as_str())
}

/// The caption's text when it names a condition category (read by the normalizer; the
/// study's reader narrows it to the words that name it). A caption about `liver disease` in
/// general (category `other`) says nothing about the rows' conditions.
fn condition_named(caption: &str) -> Option<String> {
    let category = normalizer::condition(caption).value.category;
    category.is_some_and(|c| c != ConditionCategory::Other).then(|| caption.to_string())
}

fn fill_fields(candidate: &mut Candidate, table: &Table, row: &Row) {
    let cell = |role| cell_of(table, row, role);
    candidate.condition = cell(Role::Condition);
    candidate.cell = cell(Role::Cell);
    candidate.dose = cell(Role::Dose);
    candidate.route = cell(Role::Route);
    candidate.follow_up = cell(Role::FollowUp);
    candidate.dose_with_unit = header_of(table, row, Role::Dose)
        .and_then(units::dose_unit)
        .zip(candidate.dose.as_ref())
        .and_then(|(unit, cell)| units::dose_with_unit(&cell.text, &unit));
    // A column of infusion counts (`Cell injection times`: `3`) says how often the dose was
    // given: read with the dose, whose cell keeps its own text.
    if let Some(times) = cell(Role::Infusions).and_then(|c| units::infusions_phrase(&c.text)) {
        let dose_text = candidate.dose_with_unit.clone().or_else(|| candidate.dose.as_ref().map(|d| d.text.clone()));
        if dose_text.as_deref().is_none_or(|d| normalizer::dose(d).value.infusions.is_none()) {
            candidate.dose_with_unit = Some(match dose_text {
                Some(dose) => format!("{dose}, {times}"),
                None => times,
            });
            if candidate.dose.is_none() {
                candidate.dose = cell(Role::Infusions);
            }
        }
    }
    candidate.follow_up_with_unit = header_of(table, row, Role::FollowUp)
        .and_then(units::follow_up_unit)
        .zip(candidate.follow_up.as_ref())
        .and_then(|(unit, cell)| units::follow_up_with_unit(&cell.text, &unit));
    candidate.outcome = cell(Role::Outcome);
    // A registry table's intervention (`Allogeneic MSCs injected through the hepatic artery`,
    // `5*107 autologous BM-MSCs …`) says the route and dose that no column of their own gives.
    if candidate.route.is_none() {
        candidate.route =
            cells_of(table, row, Role::Cell).find(|c| !normalizer::route(&c.text).value.routes.is_empty()).cloned();
    }
    if candidate.dose.is_none() {
        candidate.dose = cells_of(table, row, Role::Cell).find(|c| reads_dose(&c.text)).cloned();
    }
    let reference_cell = cell(Role::Reference);
    candidate.n_patients = cell(Role::NPatients)
        .map(total_before_arms)
        .or_else(|| count_under_patients_header(table, row))
        .or_else(|| patient_count_in_cells(table, row));
    // A table without a condition column may name each row's disease beside its count
    // (`Patients`: `9, PBC`): the cell is also the condition, and its count the patients.
    let has_condition_column = table.columns.iter().any(|c| c.role == Some(Role::Condition));
    if let (false, Some(patients)) = (has_condition_column, cell(Role::NPatients))
        && names_condition(&patients.text)
        && let Some(count) = leading_count(&patients)
    {
        candidate.n_patients = Some(count);
        candidate.condition = Some(patients);
    }
    candidate.year = cell(Role::Year).or_else(|| reference_cell.as_ref().and_then(year_in));
    candidate.reference = reference(table, row, reference_cell);
    for (role, name) in [(Role::Phase, "phase"), (Role::Design, "design"), (Role::Infusions, "infusions")] {
        if let Some(found) = cell(role) {
            candidate.extras.push(Extra { name: name.to_string(), raw: found.text, span: found.span });
        }
    }
    for found in row.cells.iter().flatten().flat_map(|c| TRIAL_ID.find_iter(&c.text)) {
        let id: String = found.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
        if !candidate.trial_ids.contains(&id) {
            candidate.trial_ids.push(id);
        }
    }
}

/// The expansions of the abbreviations `text` holds as whole words, joined; None where it
/// holds none or reads a condition of its own whole.
fn expansion(text: &str, abbreviations: &[(String, String)]) -> Option<String> {
    let found: Vec<&str> = abbreviations
        .iter()
        .filter(|(short, _)| {
            text.match_indices(short.as_str()).any(|(at, _)| {
                let before = text[..at].chars().next_back();
                let after = text[at + short.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
            })
        })
        .map(|(_, long)| long.as_str())
        .filter(|long| names_condition(long))
        .collect();
    (!found.is_empty()).then(|| found.join("; "))
}

/// The cells of the columns with `role`, in column order.
fn cells_of<'r>(table: &Table, row: &'r Row, role: Role) -> impl Iterator<Item = &'r RawField> {
    table
        .columns
        .iter()
        .zip(&row.cells)
        .filter(move |(column, _)| column.role == Some(role))
        .filter_map(|(_, cell)| cell.as_ref())
}

/// True when the dose reader reads a number of cells in `text`.
fn reads_dose(text: &str) -> bool {
    let dose = normalizer::dose(text).value;
    dose.min.is_some() || dose.max.is_some() || dose.mean.is_some() || !dose.values.is_empty()
}

/// The year in an author cell (`Gaia et al, 2006`, `Ana Ruiz/2012`, `Li et al. (2016)`), with
/// its own span.
fn year_in(cell: &RawField) -> Option<RawField> {
    let found = YEAR.find_iter(&cell.text).last()?;
    Some(match cell.span {
        Some(span) => RawField::new(found.as_str(), [span[0] + found.start(), span[0] + found.end()]),
        None => RawField::unanchored(found.as_str()),
    })
}

/// The count that opens a cell of a column whose header names patients beside its own role
/// (`No. of patients/administration route` over `25: hepatic artery`), or the cell whole where
/// it lists arms (`105: control 53: treated/hepatic artery`).
fn count_under_patients_header(table: &Table, row: &Row) -> Option<RawField> {
    table.columns.iter().zip(&row.cells).find_map(|(column, cell)| {
        let cell = cell.as_ref()?;
        if column.role == Some(Role::NPatients) || !super::header::names_role(&column.header, Role::NPatients) {
            return None;
        }
        let first = leading_count(cell)?;
        let whole = normalizer::patient_count(&cell.text);
        let first_value = normalizer::patient_count(&first.text);
        Some(if whole.is_some_and(|w| first_value.is_some_and(|f| w > f)) { cell.clone() } else { first })
    })
}

/// True when the normalizer reads a condition (a category or a cause) in `text`.
fn names_condition(text: &str) -> bool {
    let condition = normalizer::condition(text).value;
    condition.category.is_some() || !condition.etiology.is_empty()
}

/// The count that opens a patient cell, with its own span.
fn leading_count(cell: &RawField) -> Option<RawField> {
    let found = LEADING_COUNT.captures(&cell.text)?.get(1)?;
    Some(match cell.span {
        Some(span) => RawField::new(found.as_str(), [span[0] + found.start(), span[0] + found.end()]),
        None => RawField::unanchored(found.as_str()),
    })
}

/// The total of a patient-count cell that breaks it down by arm after it (`60 (30 vs 30)` is
/// 60 patients): the number before the parentheses, with its own span, where the numbers
/// inside add up to no more than it (else the cell is left whole to the normalizer).
fn total_before_arms(cell: RawField) -> RawField {
    let Some(caps) = COUNT_WITH_ARMS.captures(cell.text.trim()) else { return cell };
    let (Some(total), Some(arms)) = (caps.get(1), caps.get(2)) else { return cell };
    let Ok(value) = total.as_str().parse::<u64>() else { return cell };
    let arm_sum: u64 = arms.as_str().split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse::<u64>().ok()).sum();
    if arm_sum == 0 || arm_sum > value {
        return cell;
    }
    let lead = cell.text.len() - cell.text.trim_start().len();
    let span = cell.span.map(|s| [s[0] + lead + total.start(), s[0] + lead + total.end()]);
    RawField { text: total.as_str().to_string(), span }
}

/// Columns whose cells may hold a citation marker beside their text (an author, a condition,
/// a result …); not the numeric ones, where `(24–59)` is an age range.
const CITING_ROLES: [Option<Role>; 6] =
    [Some(Role::Reference), Some(Role::Condition), Some(Role::Cell), Some(Role::Outcome), Some(Role::Design), None];

/// The reference column's cell when it names bibliography numbers, else the first citation
/// marker in a cell of a column that may cite, else the reference cell as written (an author
/// name without number).
fn reference(table: &Table, row: &Row, reference_cell: Option<RawField>) -> Option<RawField> {
    if reference_cell.as_ref().is_some_and(|c| !citation::numbers(&c.text).is_empty()) {
        return reference_cell;
    }
    let marker =
        table.columns.iter().zip(&row.cells).filter(|(column, _)| CITING_ROLES.contains(&column.role)).find_map(
            |(_, cell)| {
                let cell = cell.as_ref()?;
                let marker = citation::find_markers(&cell.text).into_iter().next()?;
                Some(match cell.span {
                    Some(span) => RawField::new(marker.raw, [span[0] + marker.span[0], span[0] + marker.span[1]]),
                    None => RawField::unanchored(marker.raw),
                })
            },
        );
    marker.or(reference_cell)
}

/// A patient count written inside a cell of another role, with its own span.
fn patient_count_in_cells(table: &Table, row: &Row) -> Option<RawField> {
    PATIENT_COUNT_ROLES.iter().find_map(|&role| {
        table.columns.iter().zip(&row.cells).find_map(|(column, cell)| {
            let cell = cell.as_ref().filter(|_| column.role == Some(role))?;
            let found = PATIENT_COUNT.find(&cell.text)?;
            // A cell that lists its arms (`Control (n = 15)/MSC (n = 30)`) is read whole.
            let first = normalizer::patient_count(found.as_str());
            if normalizer::patient_count(&cell.text).is_some_and(|all| first.is_some_and(|f| all > f)) {
                return Some(cell.clone());
            }
            Some(match cell.span {
                Some(span) => RawField::new(found.as_str(), [span[0] + found.start(), span[0] + found.end()]),
                None => RawField::unanchored(found.as_str()),
            })
        })
    })
}
