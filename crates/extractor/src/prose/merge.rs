//! Prose about trials that a table already lists.
//!
//! In a document with tables, the table row is the study: a prose passage that cites the
//! same single reference fills only the row's missing raw fields, and adds no study. A
//! passage that cites rows it cannot be mapped to one by one (`[16-19]`), or that points to
//! a table (`（见表 1～2）`), summarizes rows and is dropped. A passage that contradicts its row
//! (another route or cell source: the prose tells a different account) fills nothing.

use std::collections::HashMap;

use trialex_model::{Candidate, RawField, SourceKind};
use trialex_normalizer as normalizer;

use super::cues::cues;
use crate::citation;

fn numbers(field: &Option<RawField>) -> Vec<u32> {
    field.as_ref().map(|f| citation::numbers(&f.text)).unwrap_or_default()
}

/// True when both texts name routes and the route sets differ.
fn routes_differ(a: &Option<RawField>, b: &Option<RawField>) -> bool {
    let (Some(a), Some(b)) = (a, b) else { return false };
    let (ra, rb) = (normalizer::route(&a.text).value.routes, normalizer::route(&b.text).value.routes);
    !ra.is_empty() && !rb.is_empty() && ra != rb
}

/// True when both texts name cells whose type or source differ.
fn cells_differ(a: Option<&RawField>, b: &Option<RawField>) -> bool {
    let (Some(a), Some(b)) = (a, b) else { return false };
    let (ca, cb) = (normalizer::cell(&a.text).value, normalizer::cell(&b.text).value);
    both_differ(ca.cell_type, cb.cell_type) || both_differ(ca.source, cb.source)
}

fn both_differ<T: PartialEq>(x: Option<T>, y: Option<T>) -> bool {
    matches!((x, y), (Some(x), Some(y)) if x != y)
}

fn fill(slot: &mut Option<RawField>, from: &Option<RawField>) {
    if slot.is_none() {
        slot.clone_from(from);
    }
}

/// Fills the raw fields (and registry numbers) that `target` leaves unsaid from `from`, an
/// account of the same study.
pub(super) fn fill_missing(target: &mut Candidate, from: &Candidate) {
    fill(&mut target.condition, &from.condition);
    fill(&mut target.cell, &from.cell);
    fill(&mut target.dose, &from.dose);
    fill(&mut target.route, &from.route);
    fill(&mut target.follow_up, &from.follow_up);
    fill(&mut target.outcome, &from.outcome);
    fill(&mut target.n_patients, &from.n_patients);
    fill(&mut target.year, &from.year);
    if target.trial_ids.is_empty() {
        target.trial_ids.clone_from(&from.trial_ids);
    }
}

/// Appends `prose` to `candidates`, folding passages about table rows into those rows.
pub fn merge_with_tables(candidates: &mut Vec<Candidate>, prose: Vec<Candidate>) {
    let mut rows_by_number: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        if c.source.kind == SourceKind::Table {
            for n in numbers(&c.reference) {
                rows_by_number.entry(n).or_default().push(i);
            }
        }
    }
    let has_tables = candidates.iter().any(|c| c.source.kind == SourceKind::Table);
    for p in prose {
        if !has_tables {
            candidates.push(p);
            continue;
        }
        let cited = numbers(&p.reference);
        let rows: Vec<usize> = cited.iter().flat_map(|n| rows_by_number.get(n).cloned().unwrap_or_default()).collect();
        if rows.is_empty() {
            if !cues().any("not_study.table_pointer", &p.source.text) {
                candidates.push(p);
            }
            continue;
        }
        if cited.len() != 1 || rows.len() != 1 {
            continue; // a summary of several rows
        }
        let row = &mut candidates[rows[0]];
        let row_cell = row.cell.as_ref().or(row.cell_context.as_ref());
        if routes_differ(&row.route, &p.route) || cells_differ(row_cell, &p.cell) {
            continue;
        }
        fill_missing(row, &p);
        row.extras.extend(p.extras);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use trialex_model::Source;

    fn cand(kind: SourceKind, id: &str, text: &str, reference: Option<&str>) -> Candidate {
        let source = Source {
            kind,
            table: None,
            caption: None,
            row: None,
            page: None,
            span: [0, text.len()],
            text: text.into(),
        };
        let mut c = Candidate::new(id, source);
        c.reference = reference.map(RawField::unanchored);
        c
    }

    #[test]
    fn without_tables_prose_is_appended() {
        let mut all = Vec::new();
        merge_with_tables(&mut all, vec![cand(SourceKind::Prose, "p1", "x", Some("[1]"))]);
        assert_eq!(all.len(), 1);
    }

    #[test]
    fn table_pointer_summaries_are_dropped_and_unrelated_prose_kept() {
        let mut all = vec![cand(SourceKind::Table, "t1.r1", "row", Some("[15]"))];
        let prose = vec![
            cand(SourceKind::Prose, "p1", "研究也发现生存率提高（见表 1～2）", None),
            cand(SourceKind::Prose, "p2", "另一项研究纳入了20例患者", None),
        ];
        merge_with_tables(&mut all, prose);
        let ids: Vec<_> = all.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["t1.r1", "p2"]);
    }

    #[test]
    fn prose_on_one_row_fills_only_what_the_row_lacks() {
        let mut row = cand(SourceKind::Table, "t1.r1", "row", Some("[15]"));
        row.follow_up = Some(RawField::unanchored("12 个月"));
        let mut p = cand(SourceKind::Prose, "p1", "prose", Some("[15]"));
        p.follow_up = Some(RawField::unanchored("随访6个月"));
        p.condition = Some(RawField::unanchored("失代偿期肝硬化"));
        let mut all = vec![row];
        merge_with_tables(&mut all, vec![p]);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].follow_up.as_ref().unwrap().text, "12 个月");
        assert_eq!(all[0].condition.as_ref().unwrap().text, "失代偿期肝硬化");
    }
}
