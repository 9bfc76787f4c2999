//! Tests of table finding across layouts, on small texts and on the fixtures.

use super::*;
use trialex_model::{Candidate, DocumentText};

fn fixture(path: &str) -> DocumentText {
    let full = format!("{}/../../fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    DocumentText::new(std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}")))
}

fn all_candidates(doc: &DocumentText) -> Vec<Candidate> {
    find_tables(&doc.text).tables.iter().flat_map(|t| candidates(doc, t)).collect()
}

/// Every span slices exactly to its text: the row's source and each anchored field.
fn assert_spans_exact(doc: &DocumentText, found: &[Candidate]) {
    for c in found {
        assert_eq!(doc.slice(c.source.span), c.source.text, "{}", c.id);
        let fields = [&c.condition, &c.cell, &c.dose, &c.route, &c.follow_up, &c.outcome, &c.n_patients, &c.year, &c.reference];
        for field in fields.into_iter().flatten() {
            if let Some(span) = field.span {
                assert_eq!(doc.slice(span), field.text, "{}", c.id);
            }
        }
    }
}

#[test]
fn seed_000_has_four_tables_and_29_rows() {
    let doc = fixture("zh/000_a4877cbd41b23476.txt");
    let scan = find_tables(&doc.text);
    assert_eq!(scan.tables.len(), 4);
    let found = all_candidates(&doc);
    assert_eq!(found.len(), 29);
    assert_spans_exact(&doc, &found);
    let labels: Vec<&str> = scan.tables.iter().filter_map(|t| t.caption.as_ref()).map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["表 1", "表 2", "表3", "表4"]);
    let first = &found[0];
    assert_eq!(first.id, "t1.r1");
    assert_eq!(first.source.caption.as_deref(), Some("MSCs 治疗终末期肝病临床研究方案及主要结果"));
    assert_eq!(first.cell_context.as_ref().map(|f| f.text.as_str()), Some("MSCs"));
    assert_eq!(first.reference.as_ref().map(|f| f.text.as_str()), Some("[15]"));
}
