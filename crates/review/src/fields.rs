//! The fields of a study as the page shows them: the columns of the study table (read once
//! from `data/fields.tsv`), the span of each field, and the one-line normalized value that a
//! marked field shows on hover (`dose: 1.0e5–1.0e6 cells/kg`).

use std::sync::LazyLock;

use trialex_core::output::CSV_COLUMNS;
use trialex_model::{Diagnostic, Reference, Span, Study};

const FIELDS_TSV: &str = include_str!("../data/fields.tsv");

/// One column of the study table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldColumn {
    /// The SPEC field (`dose`), or `study` for the study's own column.
    pub field: &'static str,
    /// The column's heading.
    pub label: &'static str,
    /// Words of a diagnostic code that put the diagnostic in this column.
    pub code_words: Vec<&'static str>,
    /// The CSV cells shown, as indices into [`CSV_COLUMNS`].
    pub csv: Vec<usize>,
}

impl FieldColumn {
    /// The name a CSV column goes by inside this column, its field's prefix dropped:
    /// `dose_min` → `min`, `cited_first_author` → `first author`.
    pub fn short_name(&self, csv_column: usize) -> String {
        let name = CSV_COLUMNS[csv_column];
        let prefix = format!("{}_", self.field);
        let short = name.strip_prefix(&prefix).or_else(|| name.strip_prefix("cited_")).unwrap_or(name);
        short.replace('_', " ")
    }
}

/// The study table's columns, in order. A CSV column that `fields.tsv` names but the CSV does
/// not have is left out (a unit test keeps the two in step).
pub static COLUMNS: LazyLock<Vec<FieldColumn>> = LazyLock::new(|| {
    FIELDS_TSV
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let mut cells = line.split('\t').map(str::trim);
            let (field, label, words, csv) = (cells.next()?, cells.next()?, cells.next()?, cells.next()?);
            Some(FieldColumn {
                field,
                label,
                code_words: words.split(',').map(str::trim).filter(|w| !w.is_empty()).collect(),
                csv: csv.split_whitespace().filter_map(|name| CSV_COLUMNS.iter().position(|c| *c == name)).collect(),
            })
        })
        .collect()
});

/// The SPEC fields that carry a span (the keys of a study's `spans`), each with its span.
pub fn spans(study: &Study) -> [(&'static str, Option<Span>); 9] {
    let s = &study.spans;
    [
        ("condition", s.condition),
        ("cell", s.cell),
        ("dose", s.dose),
        ("route", s.route),
        ("follow_up", s.follow_up),
        ("outcome", s.outcome),
        ("n_patients", s.n_patients),
        ("year", s.year),
        ("reference", s.reference),
    ]
}

/// The column (an index into [`COLUMNS`]) a diagnostic of `study` is shown in: the field its
/// code names, else the field whose span holds the diagnostic's span; None for the last,
/// catch-all column.
pub fn column_of(diagnostic: &Diagnostic, study: &Study) -> Option<usize> {
    let by_code = diagnostic.code.split('.').find_map(|word| COLUMNS.iter().position(|c| c.code_words.contains(&word)));
    by_code.or_else(|| {
        let [start, end] = diagnostic.span?;
        let (field, _) =
            spans(study).into_iter().find(|(_, span)| span.is_some_and(|s| s[0] <= start && end <= s[1]))?;
        COLUMNS.iter().position(|c| c.field == field)
    })
}

/// A number as a curator reads it: powers of ten for cell counts (`1.0e5`, `2.5e6`), plain
/// otherwise (`336`, `152.19`).
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    if x.abs() >= 1e4 {
        let text = format!("{x:e}");
        // `1e5` → `1.0e5`, so that a power of ten reads as one.
        return match text.split_once('e') {
            Some((mantissa, exponent)) if !mantissa.contains('.') => format!("{mantissa}.0e{exponent}"),
            _ => text,
        };
    }
    let rounded = format!("{x:.2}");
    rounded.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `a–b`, or `a` where both ends are one value, or the one end there is (`≥ a`, `≤ b`).
fn range(min: Option<f64>, max: Option<f64>) -> Option<String> {
    match (min, max) {
        (Some(a), Some(b)) if a == b => Some(number(a)),
        (Some(a), Some(b)) => Some(format!("{}–{}", number(a), number(b))),
        (Some(a), None) => Some(format!("≥ {}", number(a))),
        (None, Some(b)) => Some(format!("≤ {}", number(b))),
        (None, None) => None,
    }
}

/// The normalized value of one field of `study` in a line (what hovering its mark shows),
/// `not read` where the field was seen but nothing could be normalized; None where the study
/// does not have the field. `cited` are the papers its citation resolves to.
pub fn value(study: &Study, field: &str, cited: &[&Reference]) -> Option<String> {
    let words = |items: Vec<String>, between: &str| Some(items.join(between)).filter(|s| !s.is_empty());
    let normalized = match field {
        "condition" => {
            let c = study.condition.as_ref()?;
            let etiology = words(c.etiology.iter().map(ToString::to_string).collect(), ", ");
            match (c.category, etiology) {
                (Some(category), Some(e)) => Some(format!("{category} ({e})")),
                (Some(category), None) => Some(category.to_string()),
                (None, e) => e,
            }
        }
        "cell" => {
            let c = study.cell.as_ref()?;
            let mut parts: Vec<String> =
                [c.cell_type.map(|t| t.to_string()), c.source.map(|s| s.to_string())].into_iter().flatten().collect();
            parts.extend(c.origin.map(|o| o.to_string()));
            if c.mobilized == Some(true) {
                parts.push("G-CSF mobilized".into());
            }
            words(parts, ", ")
        }
        "dose" => {
            let d = study.dose.as_ref()?;
            let amount = if !d.values.is_empty() {
                Some(d.values.iter().map(|v| number(*v)).collect::<Vec<_>>().join(" / "))
            } else if let Some(mean) = d.mean {
                Some(match d.sd {
                    Some(sd) => format!("{} ± {}", number(mean), number(sd)),
                    None => format!("mean {}", number(mean)),
                })
            } else {
                range(d.min, d.max)
            };
            amount.map(|amount| {
                let unit = d.unit.map(|u| format!(" {}", u.as_str())).unwrap_or_default();
                let times = d.infusions.map(|n| format!(", {n} infusions")).unwrap_or_default();
                format!("{amount}{unit}{times}")
            })
        }
        "route" => words(study.route.as_ref()?.routes.iter().map(ToString::to_string).collect(), ", "),
        "follow_up" => {
            let f = study.follow_up.as_ref()?;
            range(f.min_days, f.max_days).map(|days| format!("{days} days"))
        }
        "outcome" => words(
            study.outcome.as_ref()?.findings.iter().map(|f| format!("{} {}", f.indicator, f.direction)).collect(),
            ", ",
        ),
        "n_patients" => Some(study.n_patients?.to_string()),
        "year" => Some(study.year?.to_string()),
        "trial_ids" if study.trial_ids.is_empty() => return None,
        "trial_ids" => words(study.trial_ids.clone(), ", "),
        "reference" => {
            let r = study.reference.as_ref()?;
            let numbers = r.numbers.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
            let papers: Vec<String> = cited.iter().map(|p| paper(p)).collect();
            match (numbers.is_empty(), papers.is_empty()) {
                (true, _) => None,
                (false, true) => Some(format!("[{numbers}]")),
                (false, false) => Some(format!("[{numbers}] {}", papers.join("; "))),
            }
        }
        _ => return None,
    };
    Some(normalized.unwrap_or_else(|| "not read".to_string()))
}

/// A cited paper in a few words: `Li X 2016, J Hepatol`.
pub fn paper(reference: &Reference) -> String {
    let parts: Vec<String> =
        [reference.authors.first().cloned(), reference.year.map(|y| y.to_string()), reference.journal.clone()]
            .into_iter()
            .flatten()
            .collect();
    if parts.is_empty() { format!("entry {}", reference.number) } else { parts.join(", ") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use trialex_model::*;

    fn study() -> Study {
        let source = Source {
            kind: SourceKind::Table,
            table: Some("表 1".into()),
            caption: None,
            row: Some(3),
            page: None,
            span: [0, 10],
            text: "0123456789".into(),
        };
        Study {
            condition: Some(Condition {
                raw: "乙型肝炎肝衰竭".into(),
                category: Some(ConditionCategory::LiverFailure),
                etiology: vec![Etiology::Hbv],
            }),
            dose: Some(Dose {
                raw: "(1.0~10.0)×10 ⁵ /kg".into(),
                unit: Some(DoseUnit::CellsPerKg),
                min: Some(1e5),
                max: Some(1e6),
                ..Default::default()
            }),
            route: Some(Route { raw: "?".into(), routes: vec![] }),
            follow_up: Some(FollowUp {
                raw: "5 ~ 17 个月".into(), min_days: Some(152.1875), max_days: Some(517.4375)
            }),
            n_patients: Some(72),
            reference: Some(StudyReference { raw: "[15]".into(), numbers: vec![15] }),
            spans: FieldSpans { dose: Some([2, 5]), ..Default::default() },
            ..Study::new("t1.r3", source)
        }
    }

    #[test]
    fn every_column_of_the_table_is_a_csv_column_and_every_study_csv_column_is_shown() {
        let raw_lines = FIELDS_TSV.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
        for (line, column) in raw_lines.zip(COLUMNS.iter()) {
            let named = line.split('\t').nth(3).unwrap().split_whitespace().count();
            assert_eq!(named, column.csv.len(), "{line}: a CSV column it names does not exist");
        }
        let shown: Vec<usize> = COLUMNS.iter().flat_map(|c| c.csv.iter().copied()).collect();
        for (at, name) in CSV_COLUMNS.iter().enumerate() {
            // The document's own cells are the page's heading, the study id its first cell,
            // and the diagnostics are shown beside the fields they concern.
            let elsewhere = ["document", "sha256", "study", "diagnostics"].contains(name);
            assert_eq!(shown.iter().filter(|&&c| c == at).count(), usize::from(!elsewhere), "{name}");
        }
    }

    #[test]
    fn a_csv_column_goes_by_its_short_name_in_its_field() {
        let short = |field: &str, name: &str| {
            let column = COLUMNS.iter().find(|c| c.field == field).unwrap();
            column.short_name(CSV_COLUMNS.iter().position(|c| *c == name).unwrap())
        };
        assert_eq!(short("dose", "dose_min"), "min");
        assert_eq!(short("follow_up", "follow_up_max_days"), "max days");
        assert_eq!(short("reference", "cited_first_author"), "first author");
        assert_eq!(short("reference", "reference_numbers"), "numbers");
        assert_eq!(short("cell", "cell_type"), "type");
    }

    #[test]
    fn a_diagnostic_goes_beside_the_field_its_code_or_its_span_names() {
        let s = study();
        let column = |code: &str, span: Option<Span>| {
            let mut d = Diagnostic::warning(code, "m").for_study("t1.r3");
            d.span = span;
            column_of(&d, &s).map(|c| COLUMNS[c].field)
        };
        assert_eq!(column("dose.unparsed", None), Some("dose"));
        assert_eq!(column("field.patients_arm", None), Some("n_patients"));
        assert_eq!(column("follow_up.implausible", None), Some("follow_up"));
        assert_eq!(column("field.indicator", None), Some("outcome"));
        assert_eq!(column("reference.unresolved", None), Some("reference"));
        assert_eq!(column("odd.thing", Some([3, 4])), Some("dose"));
        assert_eq!(column("odd.thing", Some([6, 8])), None);
        assert_eq!(column("odd.thing", None), None);
    }

    #[test]
    fn numbers_read_as_powers_of_ten_when_large() {
        assert_eq!(number(1e5), "1.0e5");
        assert_eq!(number(2.5e6), "2.5e6");
        assert_eq!(number(1.25e8), "1.25e8");
        assert_eq!(number(336.0), "336");
        assert_eq!(number(152.1875), "152.19");
        assert_eq!(number(0.5), "0.5");
    }

    #[test]
    fn the_hover_value_is_the_normalized_field_in_a_line() {
        let s = study();
        assert_eq!(value(&s, "dose", &[]).unwrap(), "1.0e5–1.0e6 cells/kg");
        assert_eq!(value(&s, "condition", &[]).unwrap(), "liver_failure (hbv)");
        assert_eq!(value(&s, "follow_up", &[]).unwrap(), "152.19–517.44 days");
        assert_eq!(value(&s, "n_patients", &[]).unwrap(), "72");
        // Seen but not normalized, and not there at all.
        assert_eq!(value(&s, "route", &[]).unwrap(), "not read");
        assert_eq!(value(&s, "cell", &[]), None);
        assert_eq!(value(&s, "trial_ids", &[]), None, "no trial id named is no field");
        let paper = Reference {
            number: 15,
            authors: vec!["Li X".into()],
            year: Some(2016),
            journal: Some("J Hepatol".into()),
            ..Default::default()
        };
        assert_eq!(value(&s, "reference", &[&paper]).unwrap(), "[15] Li X, 2016, J Hepatol");
        assert_eq!(value(&s, "reference", &[]).unwrap(), "[15]");
    }

    #[test]
    fn dose_groups_and_mean_sd_read_as_such() {
        let mut s = study();
        let dose = s.dose.as_mut().unwrap();
        dose.values = vec![5e7, 1e8, 2e8];
        dose.infusions = Some(3);
        dose.unit = Some(DoseUnit::Cells);
        assert_eq!(value(&s, "dose", &[]).unwrap(), "5.0e7 / 1.0e8 / 2.0e8 cells, 3 infusions");
        let dose = s.dose.as_mut().unwrap();
        *dose = Dose { raw: "x".into(), mean: Some(3.4e8), sd: Some(3.8e8), ..Default::default() };
        assert_eq!(value(&s, "dose", &[]).unwrap(), "3.4e8 ± 3.8e8");
    }
}
