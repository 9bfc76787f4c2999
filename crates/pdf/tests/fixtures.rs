//! The PDF front end over the fixture PDFs in `fixtures/pdf/` (made from the seed texts; the
//! expected table cells are in `fixtures/pdf/truth/`).

use std::path::PathBuf;

use trialex_pdf::{PdfError, PdfText, extract};

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pdf").join(name)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn text_of(name: &str) -> PdfText {
    extract(&read(name), None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Cells compared without whitespace and with the full-width tilde folded (NFKC does that).
fn comparable(cell: &str) -> String {
    cell.chars().filter(|c| !c.is_whitespace()).map(|c| if c == '～' { '~' } else { c }).collect()
}

/// The TAB-separated lines of a text, split into cells.
fn tab_rows(text: &str) -> Vec<Vec<String>> {
    text.lines().filter(|l| l.contains('\t')).map(|l| l.split('\t').map(comparable).collect()).collect()
}

/// Truth rows (header skipped), without the leading table-number column when `numbered`.
fn truth_rows(name: &str, numbered: bool) -> Vec<Vec<String>> {
    let truth = std::fs::read_to_string(fixture_path(&format!("truth/{name}"))).unwrap();
    truth
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').skip(usize::from(numbered)).map(comparable).collect())
        .collect()
}

#[test]
fn zh_review_tables_keep_their_superscripts() {
    let pdf = text_of("zh_review_tables.pdf");
    assert!(pdf.text.contains("3.2×10⁷"));
    assert!(pdf.text.contains("(1.0~10.0)×10⁵/kg"));
    assert!(pdf.text.contains("CD34⁺"));
    assert!(pdf.text.contains("^[15]") || pdf.text.contains("^[1]"), "superscript citations");
    // No exponent flattened into the digits of its base.
    for (i, _) in pdf.text.match_indices("×10") {
        let next = pdf.text[i + "×10".len()..].chars().next();
        assert!(!next.is_some_and(|c| c.is_ascii_digit()), "flattened exponent at {i}: {}", &pdf.text[i..i + 12]);
    }
}

#[test]
fn zh_review_tables_give_all_29_rows_as_tab_lines_under_4_captions() {
    for name in ["zh_review_tables.pdf", "zh_review_tables_1col.pdf"] {
        let pdf = text_of(name);
        let rows = tab_rows(&pdf.text);
        for expected in truth_rows("zh_review_tables.tables.tsv", true) {
            assert!(rows.contains(&expected), "{name}: row missing: {expected:?}");
        }
        assert!(rows.iter().all(|r| r.len() == 6), "{name}: every row has 6 cells");
        // Each caption stands on its own line, its English line next, then the header row.
        for n in 1..=4 {
            let caption = format!("表 {n} ");
            let start = pdf
                .text
                .lines()
                .position(|l| l.starts_with(&caption))
                .unwrap_or_else(|| panic!("{name}: no caption {caption}"));
            let following: Vec<&str> = pdf.text.lines().skip(start + 1).take(2).collect();
            assert!(following[0].starts_with(&format!("Table {n} ")), "{name}: {following:?}");
            assert!(following[1].starts_with("肝病种类\t细胞数量\t"), "{name}: {following:?}");
        }
    }
}

#[test]
fn en_review_table_gives_its_header_and_six_rows() {
    let pdf = text_of("en_review_table.pdf");
    let rows = tab_rows(&pdf.text);
    let truth = std::fs::read_to_string(fixture_path("truth/en_review_table.table.tsv")).unwrap();
    let expected: Vec<Vec<String>> =
        truth.lines().filter(|l| !l.is_empty()).map(|l| l.split('\t').map(comparable).collect()).collect();
    assert_eq!(rows, expected);
    // The cells keep their spaces exactly, and the caption and notes stand around the rows.
    assert!(
        pdf.text.contains(
            "\nTrial A, 2012 [4]\tAutologous bone marrow MSCs\t1 × 10⁶ cells/kg\tPeripheral vein\t12 months\t"
        )
    );
    assert!(pdf.text.contains("Table 1. Illustrative study designs"));
    assert!(pdf.text.contains(
        "/kg\tPeripheral vein\t36 months\tDose-dependent improvement of albumin\n\nMSCs, mesenchymal stromal cells;"
    ));
    assert!(pdf.text.contains("about 10⁵ to 10⁸ cells per kilogram"));
}

#[test]
fn type3_kangxi_radicals_read_as_the_plain_article() {
    let plain = text_of("zh_web_article.pdf");
    let type3 = text_of("zh_web_article_type3.pdf");
    let term = "间充质干细胞";
    let count = plain.text.matches(term).count();
    assert!(count >= 20, "{count}");
    assert_eq!(type3.text.matches(term).count(), count);
    assert!(!type3.text.chars().any(|c| ('\u{2F00}'..='\u{2FDF}').contains(&c)), "Kangxi radicals left");
    assert!(plain.text.contains("10⁷") && plain.text.contains("CD133⁺"), "typed superscripts kept");
}

#[test]
fn page_starts_map_every_page() {
    let pdf = text_of("zh_review_tables.pdf");
    assert_eq!(pdf.pages, 5);
    assert_eq!(pdf.page_starts.len(), 5);
    assert_eq!(pdf.page_starts[0], 0);
    assert!(pdf.page_starts.windows(2).all(|w| w[0] < w[1]));
    assert!(pdf.page_starts.iter().all(|&s| pdf.text.is_char_boundary(s)));
    // Page 2 opens with its running head, and tables 1 and 2 are on it.
    let page2 = &pdf.text[pdf.page_starts[1]..pdf.page_starts[2]];
    assert!(page2.starts_with("·综述·"), "{}", &page2[..40]);
    assert!(page2.contains("表 1 ") && page2.contains("表 2 ") && !page2.contains("表 3 "));
    assert!(pdf.page_errors.is_empty() && pdf.pages_without_text.is_empty());
}

#[test]
fn two_columns_are_read_column_by_column() {
    let pdf = text_of("zh_review_tables.pdf");
    // A sentence that runs from the foot of one column's line to the next line, unbroken.
    assert!(pdf.text.contains(
        "应用经粒细胞集落刺激因子(granulocyte-colony stimulating factor, G-CSF)动员或未经动员的骨髓 CD34⁺ 干细胞"
    ));
    assert!(pdf.text.contains("间充质干细胞(mesenchymal stem cells, MSCs)"));
    // The full-width abstract ends where it should, above the keywords.
    assert!(pdf.text.contains("推进干细胞在重症肝病治疗中的应用。\n\n[关键词] 干细胞;终末期肝病;临床研究\n\n"));
    // A paragraph cut by the page break (and by tables 1-2 at the top of page 2) is whole again.
    assert!(pdf.text.contains("抑制肝星状细胞内的某些特定的信号通路(如抑制 Smo 的表达"));
}

#[test]
fn a_synthetic_two_column_article_reads_in_order() {
    // synthetic/make_two_column.py: running heads, ragged columns, a column-wide table with filled
    // rules, raised citations and exponents, a footnote, and a paragraph running on overleaf.
    let pdf = text_of("synthetic/two_column.pdf");
    let text = &pdf.text;
    assert!(text.starts_with("Synthetic Hepatology Reviews Vol 1, 2026\n\nCell therapy in cirrhosis"));
    assert!(
        text.contains("for two decades^[1,2]. The first trials used doses near 5 x 10⁶ cells/kg and followed patients")
    );
    assert!(text.contains("Table 1. Trials in this review\nTrial\tDose\tRoute\nTrial A\t5 x 10⁶\tPortal vein\n"));
    let order =
        ["Later trials", "Table 1.", "Mesenchymal stromal", "Corresponding author"].map(|s| text.find(s).unwrap());
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert!(text.contains("patients with decompensated cirrhosis and ascites at twelve months of follow-up."));
    assert_eq!(text.matches("Synthetic Hepatology Reviews").count(), 2, "one running head a page");
}

#[test]
fn encrypted_pdf_opens_with_its_password_only() {
    let bytes = read("encrypted.pdf");
    let pdf = extract(&bytes, Some("userpass")).expect("the user password opens it");
    assert!(pdf.text.contains("Trial F, 2023 [9]\tUmbilical cord MSCs"));
    assert!(matches!(extract(&bytes, None), Err(PdfError::Encrypted)));
    assert!(matches!(extract(&bytes, Some("wrong")), Err(PdfError::Encrypted)));
}

#[test]
fn broken_files_give_their_errors() {
    assert!(matches!(extract(&read("truncated.pdf"), None), Err(PdfError::Corrupt(_))));
    assert!(matches!(extract(&read("not_a_pdf.pdf"), None), Err(PdfError::NotPdf(_))));
    let scanned = extract(&read("scanned_no_text.pdf"), None);
    assert!(matches!(&scanned, Err(PdfError::NoTextLayer { pages }) if pages == &[1]));
    assert_eq!(scanned.unwrap_err().to_string(), "no text layer: page 1 needs OCR");
}

#[test]
fn every_prefix_of_a_pdf_fails_cleanly() {
    // Cut the file at many points: each cut is an error or some text, never a panic.
    let bytes = read("en_review_table.pdf");
    for cut in (0..bytes.len()).step_by(bytes.len() / 40) {
        let _ = extract(&bytes[..cut], None);
    }
}

#[test]
fn a_sideways_table_reads_like_an_upright_one() {
    // synthetic/make_rotated.py: a three-line table whose text runs bottom to top.
    let pdf = text_of("synthetic/rotated_table.pdf");
    assert_eq!(pdf.pages, 2);
    assert!(pdf.text.starts_with("Table 1. Doses by route\nStudy\tDose\tRoute\nTrial A\t1 x 10⁶\tPortal vein\nTrial B\t1 x 10⁶\tHepatic artery\n"), "{}", pdf.text);
    assert!(pdf.text[pdf.page_starts[1]..].starts_with("An upright page after the sideways table."));
}
