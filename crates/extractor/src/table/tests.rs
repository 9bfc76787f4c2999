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
        let fields =
            [&c.condition, &c.cell, &c.dose, &c.route, &c.follow_up, &c.outcome, &c.n_patients, &c.year, &c.reference];
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

/// The first table's rows of a text.
fn rows_of(text: &str) -> Vec<Candidate> {
    let doc = DocumentText::new(text);
    let found = all_candidates(&doc);
    assert_spans_exact(&doc, &found);
    found
}

fn text_of(field: &Option<trialex_model::RawField>) -> Option<&str> {
    field.as_ref().map(|f| f.text.as_str())
}

#[test]
fn extract_finds_the_seed_tables() {
    let doc = fixture("zh/000_a4877cbd41b23476.txt");
    let out = crate::extract(&doc);
    let rows: Vec<&Candidate> =
        out.candidates.iter().filter(|c| c.source.kind == trialex_model::SourceKind::Table).collect();
    assert_eq!(rows.len(), 29);
    let mut tables: Vec<&str> = rows.iter().filter_map(|c| c.source.table.as_deref()).collect();
    tables.dedup();
    assert_eq!(tables.len(), 4);
    assert_eq!(out.language, Some(trialex_model::Language::Zh));
}

#[test]
fn seed_row_broken_over_two_lines_is_one_row() {
    let doc = fixture("zh/000_a4877cbd41b23476.txt");
    let found = all_candidates(&doc);
    let row = found.iter().find(|c| c.id == "t4.r2").unwrap();
    assert!(row.source.text.starts_with("肝衰竭(乙型肝炎"), "{}", row.source.text);
    assert!(row.source.text.ends_with("药物性肝损伤及 Wilson 病)"), "{}", row.source.text);
    let condition = row.condition.as_ref().unwrap();
    assert!(condition.text.ends_with(") 药物性肝损伤及 Wilson 病)"), "{}", condition.text);
    assert_eq!(condition.span, None, "a joined cell is no longer one slice");
    assert_eq!(text_of(&row.reference), Some("[28]"));
    assert_eq!(found.iter().find(|c| c.id == "t4.r3").map(|c| text_of(&c.reference)), Some(Some("[29]")));
    assert_eq!(text_of(&row.cell_context), Some("未经动员的BMSCs"));
}

#[test]
fn seed_note_and_heading_end_tables() {
    let doc = fixture("zh/000_a4877cbd41b23476.txt");
    let found = all_candidates(&doc);
    assert!(found.iter().all(|c| !c.source.text.contains("注:") && !c.source.text.contains("结语")));
    let last_of_table_3 = found.iter().find(|c| c.id == "t3.r11").unwrap();
    assert_eq!(text_of(&last_of_table_3.reference), Some("[39]"));
}

#[test]
fn captions_without_tables_are_reported_not_tabled() {
    let doc = fixture("zh/001_ee09c46421ca47c6.txt");
    let scan = find_tables(&doc.text);
    assert!(scan.tables.is_empty());
    let codes: Vec<&str> = scan.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["table.no_rows"; 3], "a caption repeated on the next line is one caption");
}

#[test]
fn english_pipe_fixture() {
    let doc = fixture("en/pipe_table_review.md");
    let found = all_candidates(&doc);
    assert_spans_exact(&doc, &found);
    assert_eq!(found.len(), 5);
    let first = &found[0];
    assert_eq!(first.source.table.as_deref(), Some("Table 1"));
    assert_eq!(
        first.source.caption.as_deref(),
        Some("Clinical trials of umbilical cord-derived MSCs in decompensated cirrhosis")
    );
    assert_eq!(text_of(&first.cell_context), Some("umbilical cord-derived MSCs"));
    assert_eq!(text_of(&first.dose), Some("1 × 10^6 cells/kg"));
    assert_eq!(text_of(&first.route), Some("i.v."));
    assert_eq!(text_of(&first.year), Some("2014"), "the year of the author cell");
    assert_eq!(text_of(&found[1].n_patients), Some("24 treated, 12 controls"));
    assert_eq!(text_of(&found[2].dose), Some("(2.0 ± 0.6) × 10⁷"));
    assert_eq!(found[4].trial_ids, ["NCT03254758"]);
    assert!(found.iter().all(|c| !c.source.text.contains("mesenchymal stem cell;")), "the abbreviation list is no row");
}

#[test]
fn english_cell_per_line_fixture() {
    let doc = fixture("en/cell_per_line_review.txt");
    let found = all_candidates(&doc);
    assert_spans_exact(&doc, &found);
    assert_eq!(found.len(), 4);
    assert_eq!(text_of(&found[0].reference), Some("Halvorsen et al. [2]"));
    assert_eq!(text_of(&found[0].outcome), Some("Improved survival at 90 days; decreased bilirubin"));
    assert_eq!(text_of(&found[1].n_patients), Some("n = 22"), "a count inside the condition cell");
    assert_eq!(text_of(&found[3].follow_up), Some("4-12 weeks"));
    assert_eq!(text_of(&found[3].cell_context), Some("bone marrow mononuclear cells"));
}

#[test]
fn english_space_aligned_fixture() {
    let doc = fixture("en/space_aligned_review.txt");
    let found = all_candidates(&doc);
    assert_spans_exact(&doc, &found);
    assert_eq!(found.len(), 4);
    assert_eq!(found[1].source.table.as_deref(), Some("Table 3"));
    assert_eq!(text_of(&found[1].condition), Some("Alcohol-related cirrhosis"));
    assert_eq!(text_of(&found[1].outcome), Some("Improved Child-Pugh score; reduced ascites"));
    assert!(found[1].source.text.ends_with("reduced ascites"));
    assert_eq!(text_of(&found[3].dose), Some("0.5 × 106/kg weekly × 4"));
    assert_eq!(text_of(&found[3].route), Some("i.v."));
}

#[test]
fn english_tab_fixture_with_latex_and_a_broken_row() {
    let doc = fixture("en/tab_latex_review.txt");
    let scan = find_tables(&doc.text);
    assert!(
        scan.diagnostics.is_empty(),
        "prose starting with 'Table 4 summarises' is no caption: {:?}",
        scan.diagnostics
    );
    let found = all_candidates(&doc);
    assert_spans_exact(&doc, &found);
    assert_eq!(found.len(), 4);
    assert_eq!(
        found[0].source.caption.as_deref(),
        Some("Protocols and results of MSC trials in chronic liver disease")
    );
    assert_eq!(text_of(&found[1].dose), Some(r"$(1 \sim 5) \times 10^{5}$ cells/kg"));
    assert_eq!(text_of(&found[1].condition), Some("Acute-on-chronic liver failure (HBV, alcohol- or drug-related)"));
    assert_eq!(text_of(&found[1].cell), Some("Bone marrow, allogeneic"));
    assert_eq!(text_of(&found[1].n_patients), Some("56"));
    assert_eq!(text_of(&found[3].reference), Some("[14]"));
}

#[test]
fn tab_table_without_caption_is_still_a_table() {
    let text = "Some prose.\n\nCondition\tCells\tDose\tRoute\nCirrhosis\tBM-MSC\t1 × 10^6/kg\ti.v.\n\nMore prose follows here.\n";
    let scan = find_tables(text);
    assert_eq!(scan.tables.len(), 1);
    assert_eq!(scan.tables[0].caption, None);
    let found = rows_of(text);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].source.table.as_deref(), found[0].source.caption.as_deref()), (None, None));
    assert_eq!(found[0].cell_context, None);
    assert_eq!(text_of(&found[0].cell), Some("BM-MSC"));
}

#[test]
fn crlf_line_ends_are_line_ends() {
    let text = "Table 1 Trials of MSCs\r\n\r\nCondition\tDose\tRoute\tOutcome\r\nCirrhosis\t1e6\ti.v.\tImproved\r\nACLF\t2e6\tHepatic artery\tBetter survival\r\n";
    let found = rows_of(text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].source.text, "Cirrhosis\t1e6\ti.v.\tImproved");
    assert_eq!(text_of(&found[1].outcome), Some("Better survival"));
}

#[test]
fn pipe_rule_lines_are_skipped_and_empty_cells_are_none() {
    let text = "| Condition | Cells | Dose | Follow-up |\n|:---|---|---:|---|\n| ACLF | UC-MSC |  | 24 weeks |\n";
    let found = rows_of(text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].dose, None);
    assert_eq!(text_of(&found[0].follow_up), Some("24 weeks"));
}

#[test]
fn space_aligned_cells_go_under_their_header() {
    let text = "Condition        Cells        Dose          Follow-up\n\
                Cirrhosis        BM-MNC                     6 months\n\
                ACLF             UC-MSC       1e6 /kg       48 weeks\n\n\
                The trials above were small.\n";
    let found = rows_of(text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].dose, None, "an empty cell in the middle");
    assert_eq!(text_of(&found[0].follow_up), Some("6 months"));
    assert_eq!(text_of(&found[1].dose), Some("1e6 /kg"));
}

#[test]
fn a_second_header_line_of_units_is_no_row() {
    let text = "Condition\tDose\tFollow-up\tOutcome\n\t(cells/kg)\t(months)\t\nCirrhosis\t1e6\t6\tBetter\n";
    let found = rows_of(text);
    assert_eq!(found.len(), 1);
    assert_eq!(text_of(&found[0].condition), Some("Cirrhosis"));
}

#[test]
fn wrapped_english_cells_continue_the_row_even_with_a_key_cell() {
    let text = [
        "Study            Condition        Cells         Dose                Route       Outcome",
        "Smith et al.     HBV-related      Autologous    1 × 10^6 cells/kg   Hepatic     Improved ALB",
        "(2012) [12]      decompensated    BM-MSC                            artery      and MELD",
        "                 cirrhosis",
        "Jones (2015)     ACLF             UC-MSC        2e6/kg              i.v.        Survival",
    ]
    .join("\n");
    let text = text.as_str();
    let found = rows_of(text);
    assert_eq!(found.len(), 2, "{:#?}", found.iter().map(|c| &c.source.text).collect::<Vec<_>>());
    assert_eq!(text_of(&found[0].condition), Some("HBV-related decompensated cirrhosis"));
    assert_eq!(text_of(&found[0].reference), Some("Smith et al. (2012) [12]"));
    assert_eq!(text_of(&found[0].route), Some("Hepatic artery"));
}

#[test]
fn a_row_that_leaves_its_group_cell_empty_but_names_its_reference_is_a_row() {
    let text = "Condition\tCells\tDose\tRef.\nCirrhosis\tBM-MSC\t1e6\t[13]\n\tUC-MSC\t4e6/kg\t[14]\n";
    let found = rows_of(text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].condition, None);
    assert_eq!(text_of(&found[1].dose), Some("4e6/kg"));
}

#[test]
fn an_indented_paragraph_after_a_space_aligned_table_is_no_row() {
    let text = "Condition      Cells      Dose\nCirrhosis      BM-MSC     1e6\n  These results were confirmed in a second cohort of patients treated at another centre.\n";
    let found = rows_of(text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].source.text, "Cirrhosis      BM-MSC     1e6");
}

#[test]
fn grid_table_rows_lie_between_rules() {
    let text = [
        "+-----------+----------+--------+",
        "| Condition | Cells    | Ref.   |",
        "+===========+==========+========+",
        "| HBV       | UC-MSC   | [3]    |",
        "| cirrhosis |          |        |",
        "+-----------+----------+--------+",
        "| ACLF      | BM-MSC   | [4]    |",
        "+-----------+----------+--------+",
    ]
    .join("\n");
    let found = rows_of(&text);
    assert_eq!(found.len(), 2);
    assert_eq!(text_of(&found[0].condition), Some("HBV cirrhosis"));
    assert_eq!(text_of(&found[1].reference), Some("[4]"));
}

#[test]
fn chinese_cell_per_line_ends_at_a_short_sentence() {
    let text = "表 2 研究方案\n肝病种类\n细胞数量\n输注途径\n参考文献\n肝硬化\n1×10⁶/kg\n外周静脉\n[3]\n肝衰竭\n2×10⁶/kg\n肝动脉\n[4]\n以上研究均为小样本研究。\n样本量较小。\n尚需验证。\n结论如下。\n";
    let scan = find_tables(text);
    assert_eq!(scan.tables[0].rows.len(), 2);
    assert!(scan.diagnostics.is_empty(), "{:?}", scan.diagnostics);
}

#[test]
fn caption_title_on_the_line_after_the_label() {
    let text = "Table 2\nTrials of bone marrow-derived MSCs\n\nCondition\tDose\tRoute\nCirrhosis\t1e6\ti.v.\n";
    let found = rows_of(text);
    assert_eq!(found[0].source.table.as_deref(), Some("Table 2"));
    assert_eq!(found[0].source.caption.as_deref(), Some("Trials of bone marrow-derived MSCs"));
    assert_eq!(text_of(&found[0].cell_context), Some("bone marrow-derived MSCs"));
}

#[test]
fn a_duration_cell_before_a_long_outcome_cell_is_no_heading() {
    let outcome = "Improved survival at 90 days. Decreased bilirubin and INR at 6 months, with no serious adverse events in any patient.";
    let text = format!(
        "Condition\n\nFollow-up\n\nOutcome\n\nACLF\n\n12 months\n\n{outcome}\n\nCirrhosis\n\n6 months\n\nBetter albumin\n"
    );
    let found = rows_of(&text);
    assert_eq!(found.len(), 2);
    assert_eq!(text_of(&found[0].outcome), Some(outcome));
}

#[test]
fn cell_per_line_blocks_where_the_first_row_lacks_a_cell() {
    let text = "Study\nCondition\nDose\nRoute\n\nKim [3]\nCirrhosis\n1e6/kg\n\nLee [4]\nACLF\n2e6/kg\ni.v.\n\nPark [5]\nPBC\n3e6/kg\nHepatic artery\n";
    let found = rows_of(text);
    assert_eq!(found.len(), 3);
    assert_eq!(found[0].route, None);
    assert_eq!(text_of(&found[1].reference), Some("Lee [4]"));
    assert_eq!(text_of(&found[2].route), Some("Hepatic artery"));
}

#[test]
fn chinese_table_aligned_on_screen_cells() {
    // Aligned for a monospace screen, where a CJK character takes two columns: by character
    // count the route of row 1 would stand under the reference header.
    let text = [
        "肝病种类        细胞数量      输注途径    参考文献",
        "肝硬化                        外周静脉    [3]",
        "肝衰竭(乙型    2×10^6/kg     肝动脉      [4]",
        "  及丙型肝炎)",
    ]
    .join("\n");
    let found = rows_of(&text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].dose, None);
    assert_eq!(text_of(&found[0].route), Some("外周静脉"));
    assert_eq!(text_of(&found[0].reference), Some("[3]"));
    assert_eq!(text_of(&found[1].condition), Some("肝衰竭(乙型 及丙型肝炎)"));
    assert_eq!(text_of(&found[1].route), Some("肝动脉"));
}

#[test]
fn cell_per_line_in_blocks() {
    let text = "Table 5. Trials\n\nStudy\nCondition\nDose\nRoute\n\nKim [3]\nCirrhosis\n1e6/kg\ni.v.\n\nLee [4]\nACLF\n2e6/kg\n\nThis paragraph of prose ends the table and says so at some length.\n";
    let found = rows_of(text);
    assert_eq!(found.len(), 2);
    assert_eq!(text_of(&found[1].dose), Some("2e6/kg"));
    assert_eq!(found[1].route, None, "a short block leaves its last cells empty");
    assert_eq!(found[0].source.text, "Kim [3]\nCirrhosis\n1e6/kg\ni.v.");
}

#[test]
fn cell_per_line_stops_at_a_note_and_drops_a_partial_row_with_a_warning() {
    let text = "Condition\n\nCells\n\nDose\n\nCirrhosis\n\nBM-MSC\n\n1e6\n\nACLF\n\nNote: doses per kilogram.\n";
    let scan = find_tables(text);
    assert_eq!(scan.tables[0].rows.len(), 1);
    assert_eq!(scan.diagnostics.iter().map(|d| d.code.as_str()).collect::<Vec<_>>(), ["table.incomplete_row"]);
}

#[test]
fn notes_are_not_rows() {
    for note in [
        "注: / 无数据",
        "Note: – not reported.",
        "Abbreviations: MSC, mesenchymal stem cell",
        "MSC, mesenchymal stem cell; BM, bone marrow; i.v., intravenous.",
        "* P < 0.05 versus control",
    ] {
        assert!(rows::is_note(note), "{note}");
        let text = format!("Condition\tCells\tDose\nCirrhosis\tMSC\t1e6\n{note}\nACLF\tMSC\t2e6\n");
        assert_eq!(rows_of(&text).len(), 1, "{note}");
    }
    for cell in ["ALB, increased; MELD, decreased", "Improved albumin; decreased MELD score", "Cirrhosis"] {
        assert!(!rows::is_note(cell), "{cell}");
    }
}

#[test]
fn header_repeated_after_a_page_break_continues_the_table() {
    let text = "Condition\tDose\tRoute\nCirrhosis\t1e6\ti.v.\n\nCondition\tDose\tRoute\nACLF\t2e6\tHepatic artery\n";
    let scan = find_tables(text);
    assert_eq!(scan.tables.len(), 1);
    assert_eq!(scan.tables[0].rows.len(), 2);
}

#[test]
fn continued_caption_joins_the_earlier_table() {
    let text = "Table 1 MSC trials\nCondition\tDose\tRoute\nCirrhosis\t1e6\ti.v.\n\nA page footer line of text.\n\nTable 1 (continued)\nCondition\tDose\tRoute\nACLF\t2e6\tHepatic artery\n";
    let doc = DocumentText::new(text);
    let scan = find_tables(text);
    assert_eq!(scan.tables.len(), 1);
    let found = candidates(&doc, &scan.tables[0]);
    assert_eq!(found.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["t1.r1", "t1.r2"]);
}

#[test]
fn table_index_counts_tables_in_document_order() {
    let text = "Condition\tDose\tRoute\nCirrhosis\t1e6\ti.v.\n\nSome prose between the two tables.\n\n| Disease | Cells | Outcome |\n|---|---|---|\n| ACLF | MSC | Better |\n";
    let ids: Vec<String> = rows_of(text).into_iter().map(|c| c.id).collect();
    assert_eq!(ids, ["t1.r1", "t2.r1"]);
}

#[test]
fn citation_marker_in_a_cell_gives_the_reference() {
    let text = "Condition\tCells\tOutcome\nCirrhosis\tBM-MSC\tImproved albumin [12]\n";
    let found = rows_of(text);
    let reference = found[0].reference.as_ref().expect("a marker in a cell is the row's reference");
    assert!(reference.text.contains("12"), "{}", reference.text);
}

#[test]
fn phase_design_and_trial_id_columns() {
    let text = "Trial ID\tPhase\tDesign\tCondition\tDose\nNCT01234567\tI/II\tOpen-label, 20 patients\tCirrhosis\t1e6\n";
    let found = rows_of(text);
    assert_eq!(found[0].trial_ids, ["NCT01234567"]);
    let extras: Vec<(&str, &str)> = found[0].extras.iter().map(|e| (e.name.as_str(), e.raw.as_str())).collect();
    assert_eq!(extras, [("phase", "I/II"), ("design", "Open-label, 20 patients")]);
    assert_eq!(text_of(&found[0].n_patients), Some("20 patients"));
}

#[test]
fn two_columns_of_one_role_are_joined() {
    let text = "Cell type\tCell source\tDose\tRoute\nMSC\tUmbilical cord\t1e6\ti.v.\n";
    let found = rows_of(text);
    assert_eq!(found[0].cell, Some(trialex_model::RawField { text: "MSC; Umbilical cord".into(), span: None }));
}

#[test]
fn table_span_runs_from_header_to_last_row() {
    let text = "Table 1 MSC trials\nCondition\tDose\tRoute\nCirrhosis\t1e6\ti.v.\nNote: none.\n";
    let table = &find_tables(text).tables[0];
    assert_eq!(&text[table.span()[0]..table.span()[1]], "Condition\tDose\tRoute\nCirrhosis\t1e6\ti.v.");
}

#[test]
fn prose_between_a_caption_and_a_header_parts_them() {
    let prose = "The trials listed in this figure were all small, single-centre and uncontrolled, so their results must be read with care.";
    let text = format!("表 1 干细胞治疗肝衰竭的临床研究\n\n{prose}\n\nCondition\tDose\tRoute\nCirrhosis\t1e6\ti.v.\n");
    let scan = find_tables(&text);
    assert_eq!(scan.tables[0].caption, None);
    assert_eq!(scan.diagnostics.len(), 1, "the caption without its table is reported");
}

#[test]
fn pages_come_from_the_document() {
    let text = "intro\nCondition\tDose\tRoute\nCirrhosis\t1e6\ti.v.\n";
    let doc = DocumentText { text: text.into(), page_starts: vec![0, 6], encoding: None };
    let scan = find_tables(&doc.text);
    assert_eq!(candidates(&doc, &scan.tables[0])[0].source.page, Some(2));
}

#[test]
fn cell_per_line_without_blank_lines_ends_at_prose() {
    let text = "Table 6 Trials\nStudy\nCondition\nCells\nDose\nRoute\nOutcome\nKim 2012 [3]\nCirrhosis\nBM-MSC\n1e6/kg\ni.v.\nBetter ALB\nLee 2014 [4]\nACLF\nUC-MSC\n2e6/kg\nHepatic artery\nImproved survival\nIn summary, these two trials were small and uncontrolled, and their results need to be confirmed in larger randomised studies.\n";
    let found = rows_of(text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].source.text, "Lee 2014 [4]\nACLF\nUC-MSC\n2e6/kg\nHepatic artery\nImproved survival");
    assert_eq!(text_of(&found[1].year), Some("2014"), "the author cell gives the year");
}

#[test]
fn chinese_space_aligned_table() {
    let text = "表 5 干细胞治疗肝硬化的临床研究\n\n研究者      例数    细胞类型      输注途径      随访时间   主要结果\n王某 [5]    30      UC-MSCs       外周静脉      6个月      ALB 升高\n李某 [6]    12      BM-MNC        肝动脉        1年        MELD 评分降低\n\n以上研究均为小样本研究。\n";
    let found = rows_of(text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].source.table.as_deref(), Some("表 5"));
    assert_eq!(text_of(&found[0].cell_context), Some("干细胞"));
    assert_eq!(text_of(&found[1].n_patients), Some("12"));
    assert_eq!(text_of(&found[1].route), Some("肝动脉"));
    assert_eq!(text_of(&found[1].outcome), Some("MELD 评分降低"));
}

mod no_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn any_text_gives_exact_spans(text in "(Table 1|表 2|Condition|Dose|Route|细胞数量|随访时间|\\||\t|  |\n|\r\n|注:|[a-z]{1,6}|[一-龥]{1,3}|[0-9]|\\[1\\]| )*") {
            let doc = DocumentText::new(text);
            let found = all_candidates(&doc);
            assert_spans_exact(&doc, &found);
        }
    }
}

#[test]
fn a_bare_citation_under_a_space_aligned_row_continues_it() {
    // The author cell wraps its citation onto a line of its own, in an identifying column;
    // the last row's wrapped citation stands before a note, with no row after it.
    let text = [
        "Author          Condition     n     Dose                Follow-up   Result",
        "Lindqvist       Cirrhosis     14    3 × 10^6 cells/kg   6 months    MELD lower;",
        "[21]                                                                fewer bleeds",
        "Okonkwo-Bell    HCV           9     5e7 cells           1 year      ALT lower",
        "(2019) [22]",
        "",
        "Note: n, number of patients.",
    ]
    .join("\n");
    let found = rows_of(&text);
    assert_eq!(found.len(), 2, "{:#?}", found.iter().map(|c| &c.source.text).collect::<Vec<_>>());
    assert_eq!(text_of(&found[0].reference), Some("Lindqvist [21]"));
    assert_eq!(text_of(&found[0].outcome), Some("MELD lower; fewer bleeds"));
    assert_eq!(text_of(&found[1].reference), Some("Okonkwo-Bell (2019) [22]"));
    assert_eq!(text_of(&found[1].year), Some("2019"));
}

#[test]
fn a_short_row_that_names_its_study_in_words_is_still_a_row() {
    let text = [
        "Author          Condition     n     Dose                Follow-up   Result",
        "Lindqvist [21]  Cirrhosis     14    3 × 10^6 cells/kg   6 months    MELD lower",
        "Moreau [23]     ALF",
        "Okonkwo [22]    HCV           9     5e7 cells           1 year      ALT lower",
    ]
    .join("\n");
    assert_eq!(rows_of(&text).len(), 3);
}

#[test]
fn header_units_reach_the_cells_that_name_none() {
    let text = "Condition\tCell dose (×10^7/kg)\tObservation period (weeks)\tRef.\n\
                Cirrhosis\t2.5\t8-16\t[4]\n\
                ACLF\t1×10^6 cells\t1 year\t[5]\n";
    let found = rows_of(text);
    assert_eq!(found.len(), 2);
    assert_eq!(text_of(&found[0].dose), Some("2.5"), "the cell as written");
    assert_eq!(found[0].dose_with_unit.as_deref(), Some("2.5×10^7/kg"));
    assert_eq!(found[0].follow_up_with_unit.as_deref(), Some("8-16 weeks"));
    assert_eq!(found[1].dose_with_unit, None, "a cell with its own power and unit keeps them");
    assert_eq!(found[1].follow_up_with_unit, None);
}

#[test]
fn a_caption_that_names_a_condition_is_every_row_condition_context() {
    let text = "Table 4. Umbilical cord MSC trials in primary biliary cholangitis\n\n\
                Author\tEtiology\tCells\tDose\n\
                Ito [7]\tUDCA-refractory\tUC-MSC\t5e5/kg\n";
    let found = rows_of(text);
    assert_eq!(found.len(), 1);
    assert!(text_of(&found[0].condition_context).is_some_and(|c| c.contains("primary biliary cholangitis")));
    let text = "Table 4. Umbilical cord MSC trials\n\nAuthor\tEtiology\tCells\tDose\nIto [7]\tHBV\tUC-MSC\t5e5/kg\n";
    assert_eq!(rows_of(text)[0].condition_context, None, "a caption naming no condition gives none");
    let text =
        "Table 4. MSC trials in chronic liver disease\n\nAuthor\tEtiology\tCells\tDose\nIto [7]\tHBV\tUC-MSC\t5e5/kg\n";
    assert_eq!(rows_of(text)[0].condition_context, None, "liver disease in general names no condition");
}

#[test]
fn a_patient_count_broken_down_by_arm_gives_its_total() {
    let text = "Author\tn\tCondition\tDose\nRao [2]\t52 (26 MSC / 26 SMT)\tACLF\t1e6/kg\nIto [3]\t18 (6 per group)\tALF\t2e6/kg\nLi [4]\t12 (40 screened)\tALF\t2e6/kg\n";
    let found = rows_of(text);
    assert_eq!(text_of(&found[0].n_patients), Some("52"));
    assert_eq!(text_of(&found[1].n_patients), Some("18"));
    assert_eq!(text_of(&found[2].n_patients), Some("12 (40 screened)"), "more inside than before: left whole");
}

#[test]
fn cell_per_line_block_with_a_wrapped_cell_keeps_its_cells_in_their_columns() {
    let text = "Table 3. Trials\n\nAuthor\nCondition\nDose\nFollow-up\nOutcome\n\n\
                Brandt (2009) [31]\nAlcoholic cirrhosis\n3 × 10^7 cells\n18 months\nLess ascites\n\n\
                Ruiz (2011) [32]\nHBV-ACLF\n5 × 10^5 cells/kg\n6 weeks\nINR lower\n\n\
                Odum (2013) [33]\nPBC\n2e6/kg\n1 year\nALP lower\n\n\
                Vidal (2016) [35]\nHCV-related acute-on-chronic\nliver failure\n4e6/kg\n3 months\nMELD lower\n\n\
                This paragraph of prose ends the table and says so at some length.\n";
    let found = rows_of(text);
    assert_eq!(found.len(), 4, "{:#?}", found.iter().map(|c| &c.source.text).collect::<Vec<_>>());
    // Blocks are rows (the first ones hold a row each); the wrapped condition stays one cell.
    assert_eq!(text_of(&found[3].condition), Some("HCV-related acute-on-chronic liver failure"));
    assert_eq!(text_of(&found[3].dose), Some("4e6/kg"));
    assert_eq!(text_of(&found[3].outcome), Some("MELD lower"));
}

#[test]
fn cell_per_line_without_blanks_resynchronises_after_a_wrapped_cell() {
    let text = "Table 3. Trials\nAuthor\nn\nDose\nFollow-up\nOutcome\n\
                Brandt (2009) [31]\n26\n3 × 10^7 cells\n18 months\nFewer bleeding episodes;\nshorter hospital stay\n\
                Ruiz (2011) [32]\n14\n5 × 10^5 cells/kg\n6 weeks\nINR lower\n\
                Odum (2013) [33]\n40\n2e6/kg\n1 year\nALP lower\n\nNote: n, patients.\n";
    let found = rows_of(text);
    assert_eq!(found.len(), 3, "{:#?}", found.iter().map(|c| &c.source.text).collect::<Vec<_>>());
    assert_eq!(text_of(&found[0].outcome), Some("Fewer bleeding episodes; shorter hospital stay"));
    assert_eq!(text_of(&found[1].reference), Some("Ruiz (2011) [32]"));
    assert_eq!(text_of(&found[2].dose), Some("2e6/kg"));
}

#[test]
fn a_bare_citation_beside_wrapped_text_in_a_narrow_table_continues_the_row() {
    let text = [
        "Author       Cells        Dose           Outcome",
        "Haruki       BM-MNC       2 × 10^8       Ascites reduced,",
        "[41]                                     albumin higher",
        "Osei [42]    UC-MSC       1e6/kg         MELD lower",
    ]
    .join("\n");
    let found = rows_of(&text);
    assert_eq!(found.len(), 2, "{:#?}", found.iter().map(|c| &c.source.text).collect::<Vec<_>>());
    assert_eq!(text_of(&found[0].reference), Some("Haruki [41]"));
    assert_eq!(text_of(&found[0].outcome), Some("Ascites reduced, albumin higher"));
}

#[test]
fn full_width_pipe_table_without_borders_or_rule() {
    let text = "表 3 间充质干细胞治疗肝衰竭的临床研究\n\
                作者｜疾病｜细胞来源｜剂量｜输注途径｜随访时间\n\
                黄华[12]｜慢加急性肝衰竭｜脐带MSC｜1×10⁶/kg｜外周静脉｜48周\n\
                ｜---｜---｜---｜---｜---｜---｜\n\
                吴刚[13]｜肝硬化｜骨髓MSC｜｜肝动脉｜6个月\n\n\
                以上研究均为单中心研究，样本量较小，结论仍需多中心随机对照试验验证。\n";
    let found = rows_of(text);
    assert_eq!(found.len(), 2, "{:#?}", found.iter().map(|c| &c.source.text).collect::<Vec<_>>());
    assert_eq!(text_of(&found[0].condition), Some("慢加急性肝衰竭"));
    assert_eq!(text_of(&found[0].follow_up), Some("48周"));
    assert_eq!(found[1].dose, None);
    assert_eq!(text_of(&found[1].route), Some("肝动脉"));
}

#[test]
fn borderless_pipe_rows_wrapped_over_two_lines_keep_their_columns() {
    let text = [
        "Table 4. Trials of cell therapy in cirrhosis",
        "Study | Patients | Cells | Dose | Route | Outcome | Ref",
        "Okafor, 2013 | alcohol-related decompensated | BM-MNC | 2 × 10^8 cells | hepatic artery | MELD lower;",
        " | cirrhosis | | (one infusion) | | ascites reduced | [8]",
        "Lindqvist, 2019 | 12 with primary biliary | UC-MSC | 1 × 10^6 | peripheral vein | ALP lower",
        " | cholangitis | | cells/kg | | GGT lower | [9]",
        "",
        "Both trials were small.",
    ]
    .join("\n");
    let found = rows_of(&text);
    assert_eq!(found.len(), 2, "{:#?}", found.iter().map(|c| &c.source.text).collect::<Vec<_>>());
    assert_eq!(text_of(&found[0].n_patients), Some("alcohol-related decompensated cirrhosis"));
    assert_eq!(text_of(&found[0].dose), Some("2 × 10^8 cells (one infusion)"));
    assert_eq!(text_of(&found[0].outcome), Some("MELD lower; ascites reduced"));
    assert_eq!(text_of(&found[1].condition), Some("12 with primary biliary cholangitis"));
    assert_eq!(text_of(&found[1].n_patients), Some("12"));
    assert_eq!(text_of(&found[1].dose), Some("1 × 10^6 cells/kg"));
    assert!(found[1].reference.as_ref().is_some_and(|r| r.text.ends_with("[9]")), "{:?}", found[1].reference);
}

#[test]
fn a_caption_naming_only_the_cells_origin_gives_it_to_every_row() {
    let text = "Table 1. Allogeneic cell transplantation in cirrhosis\n\
                Author\tCondition\tCells\tRoute\nMensah [2]\tHBV cirrhosis\tUC-MSC\tIV\nLarsen [3]\tPBC\tBM-MSC\tIV\n";
    let found = rows_of(text);
    assert_eq!(found.len(), 2);
    assert!(found.iter().all(|c| text_of(&c.cell_context) == Some("Allogeneic cell")), "{found:#?}");
}

#[test]
fn a_patients_cell_that_names_the_disease_is_the_condition_when_no_column_is() {
    let text = "Author\tPatients\tCells\tRoute\tFollow-up\n\
                Haddad [5]\t27, alcoholic cirrhosis\tBM-MNC\tHepatic artery\t6 months\n\
                Sato [6]\t1,200\tUC-MSC\tIV\t1 year\n";
    let found = rows_of(text);
    assert_eq!(found.len(), 2);
    assert_eq!(text_of(&found[0].condition), Some("27, alcoholic cirrhosis"));
    assert_eq!(text_of(&found[0].n_patients), Some("27"));
    assert_eq!(found[1].condition, None);
    assert_eq!(text_of(&found[1].n_patients), Some("1,200"));
    // With a condition column the patients cell stays a count only.
    let with_condition =
        "Author\tCondition\tPatients\tCells\tRoute\nHaddad [5]\tACLF\t27, alcoholic cirrhosis\tBM-MNC\tIV\n";
    let found = rows_of(with_condition);
    assert_eq!(text_of(&found[0].condition), Some("ACLF"));
}

// ---- tables as real web pages lay them out (issue #10) -------------------------------------

#[test]
fn a_glued_table_is_cut_into_cells_and_every_span_is_exact() {
    let text = "Table 1 Trials of marrow cells\n\
                Ref.DiseaseCell sourceStudy design (n; groups)DoseRoutePhaseResultsFollow up\n\
                Kim et al[3] 2011CirrhosisBM/Auton = 16; 8 MSC 8 Control2 × 107HAI/IIALB ↑, MELD ↓6 mo\n\
                Lee et al[4] 2014Cirrhosis (HCV)UC/Allon = 90.5 × 106/kg every 4 wk, 3 timesIVIIMELD ↓48 wk\n";
    let doc = DocumentText::new(text);
    let found = all_candidates(&doc);
    assert_eq!(found.len(), 2);
    assert_spans_exact(&doc, &found);
    let second = &found[1];
    assert_eq!(second.condition.as_ref().unwrap().text, "Cirrhosis (HCV)");
    assert_eq!(second.cell.as_ref().unwrap().text, "UC/Allo");
    assert_eq!(second.dose.as_ref().unwrap().text, "0.5 × 106/kg every 4 wk, 3 times");
    assert_eq!(second.route.as_ref().unwrap().text, "IV");
    assert_eq!(second.follow_up.as_ref().unwrap().text, "48 wk");
    assert_eq!(found[0].route.as_ref().unwrap().text, "HA");
}

#[test]
fn a_column_numbering_the_rows_gives_no_patient_count() {
    let text = "No.\tCondition\tCells\tDose\tPatients\n1\tCirrhosis\tBM-MSC\t1 × 10^6/kg\t20\n2\tACLF\tUC-MSC\t2 × 10^6/kg\t43\n3\tPBC\tUC-MSC\t5 × 10^5/kg\t7\n";
    let scan = find_tables(text);
    let columns = &scan.tables[0].columns;
    assert_eq!(columns[0].role, None, "a row-number column");
    assert_eq!(columns[4].role, Some(Role::NPatients));
}

#[test]
fn a_last_row_cut_by_the_end_of_the_text_is_left_out_with_a_warning() {
    let text = "Condition | Cells | Dose | Route | Follow-up\n---|---|---|---|---\nCirrhosis | BM-MSC | 1 × 10^6/kg | IV | 6 months\nACLF | UC-MSC | 2 × 10^6/kg | IV | 12 months\nPBC | UC-MSC | 5 × 1";
    let scan = find_tables(text);
    assert_eq!(scan.tables[0].rows.len(), 2);
    assert!(scan.diagnostics.iter().any(|d| d.code == "table.cut_row"));
    assert_eq!(scan.tables[0].span()[1], text.len(), "the cut row stays the table's text");
    // The same table ending with a line end is whole.
    let whole = format!("{text}0^5/kg | IV | 48 weeks\n");
    assert_eq!(find_tables(&whole).tables[0].rows.len(), 3);
}

#[test]
fn a_header_naming_the_condition_gives_it_to_every_row() {
    let text = "Study | Cells | Dose | Route | Cause of ACLF\n---|---|---|---|---\nShi et al (2012) | UC-MSCs | 0.5×107cells/kg | intravenous | HBV\n";
    let doc = DocumentText::new(text);
    let found = all_candidates(&doc);
    assert_eq!(found[0].condition_context.as_ref().map(|c| c.text.as_str()), Some("Cause of ACLF"));
}

#[test]
fn cells_parted_by_blank_lines_with_a_line_of_spaces_for_an_empty_cell() {
    let text = "No.\n\nCondition\n\nCell source\n\nDose\n\nResult\n\nReferences\n\n1\n\nCirrhosis\n\nBone marrow\n\n1 × 10^6/kg\n\n  \n\n2\n\nACLF\n\nUmbilical cord\n\n2 × 10^6/kg\n\nImproved MELD\n\n13\n\n3\n\nPBC\n\nUmbilical cord\n\n5 × 10^5/kg\n\nLower ALP\n\n14\n";
    let scan = find_tables(text);
    let rows = &scan.tables[0].rows;
    assert_eq!(rows.len(), 3, "{rows:#?}");
    assert_eq!(rows[1].cells[0].as_ref().unwrap().text, "2");
    assert_eq!(rows[0].cells[5], None);
}

#[test]
fn a_condition_written_as_an_abbreviation_reads_as_the_note_under_the_table_defines_it() {
    let text = "Disease | Cells | Dose | Route\n---|---|---|---\nALC | BM-MSCs | 5 × 10^7 cells/kg | Hepatic artery\nLC | UC-MSCs | 1 × 10^6/kg | Peripheral\nALC: Alcoholic liver cirrhosis; LC: Liver cirrhosis; BM: bone marrow.\n";
    let doc = DocumentText::new(text);
    let scan = find_tables(text);
    assert_eq!(scan.tables[0].abbreviations[0], ("ALC".to_string(), "Alcoholic liver cirrhosis".to_string()));
    let found = all_candidates(&doc);
    assert_eq!(found[0].condition_context.as_ref().map(|c| c.text.as_str()), Some("Alcoholic liver cirrhosis"));
}

#[test]
fn a_header_with_no_readable_row_under_it_is_said() {
    let text = "Condition\tCells\tDose\tRoute\tFollow-up\n\nThe trials differed too much to be tabulated, and the authors describe them in the text that follows at length.\n";
    let scan = find_tables(text);
    assert!(scan.tables.is_empty());
    let warning = scan.diagnostics.iter().find(|d| d.code == "table.unread_rows").expect("a warning");
    assert!(warning.message.contains("lines 1–1"), "{}", warning.message);
}
