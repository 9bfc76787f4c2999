//! Studies told in prose (issue #4): review paragraphs that report one trial each.
//!
//! * [`segment`]: paragraphs, sentences and clauses of Chinese and English text, with byte
//!   offsets into the document text;
//! * [`detect`]: which passages report one specific trial and where each one ends;
//! * [`fields`]: the raw fields of a study passage, each as the clause that holds it;
//! * [`merge`]: prose about trials that a table already lists;
//! * [`cues`]: the cue-word table (`data/prose_cues.tsv`) all of the above read;
//! * [`citing`]: citation markers, flattened superscripts (`et al.5`) included;
//! * [`report`]: documents that are one study's report (an abstract, an article page, a
//!   registry record, a news item): one study, its passage the abstract or body.
//!
//! Candidates are numbered `p1`, `p2` … in text order. The reference list and the spans the
//! caller passes (table regions) are never read as prose.

pub mod citing;
pub mod cues;
pub mod detect;
pub mod fields;
pub mod merge;
pub mod report;
pub mod segment;

use trialex_model::{Candidate, DocumentText, Span};

pub use citing::Citing;
pub use detect::{Passage, passages};
pub use merge::merge_with_tables;

/// The prose study candidates of `doc`, leaving out `skip` (table regions, the reference list)
/// and whatever follows the document's references heading.
pub fn candidates(doc: &DocumentText, skip: &[Span]) -> Vec<Candidate> {
    let max_reference = crate::bibliography::find(&doc.text).and_then(|b| b.references.iter().map(|r| r.number).max());
    candidates_citing(doc, skip, max_reference)
}

/// [`candidates`] for a caller that has already read the bibliography: `max_reference` is
/// its last number (flattened superscripts such as `et al.5` are citations only up to it).
pub fn candidates_citing(doc: &DocumentText, skip: &[Span], max_reference: Option<u32>) -> Vec<Candidate> {
    read(doc, skip, max_reference, false).studies
}

/// What the prose of a document gave.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    pub studies: Vec<Candidate>,
    /// Why the document is not one study's report, when it was asked and is not.
    pub not_a_report: Option<&'static str>,
}

/// The prose studies of a document that has no table rows: the one study of a document that
/// is its report ([`report`]), else the trials its passages tell.
pub fn studies_of_document(doc: &DocumentText, skip: &[Span], max_reference: Option<u32>) -> Prose {
    read(doc, skip, max_reference, true)
}

fn read(doc: &DocumentText, skip: &[Span], max_reference: Option<u32>, may_be_report: bool) -> Prose {
    let text = doc.text.as_str();
    let mut skip = skip.to_vec();
    if let Some(start) = crate::bibliography::heading_start(text) {
        skip.push([start, text.len()]);
    }
    let cite = Citing::new(text, &skip, max_reference);
    let found = detect::passages_citing(text, &skip, &cite);
    let mut not_a_report = None;
    if may_be_report {
        match report::find(doc, &skip, &cite, &found) {
            Ok(r) => return Prose { studies: report::candidates(doc, &cite, &r), not_a_report: None },
            Err(why) => not_a_report = Some(why),
        }
    }
    let studies = found
        .iter()
        .filter(|p| p.is_study)
        .enumerate()
        .map(|(n, p)| fields::candidate(doc, &cite, p, p.parent.and_then(|i| found.get(i)), format!("p{}", n + 1)))
        .collect();
    Prose { studies, not_a_report }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures").join(name);
        std::fs::read_to_string(path).expect("fixture")
    }

    /// Every quote lies inside exactly one study passage, and there are `expected` of them.
    fn assert_quotes(doc: &str, quotes: &[&str], expected: usize) {
        let text = fixture(doc);
        let found = candidates(&DocumentText::new(text.clone()), &[]);
        let listing: Vec<String> = found.iter().map(|c| c.source.text.chars().take(40).collect()).collect();
        for q in quotes {
            let n = found.iter().filter(|c| c.source.text.contains(q)).count();
            assert_eq!(n, 1, "{doc}: quote {q:?} in {n} passages; passages: {listing:#?}");
        }
        assert_eq!(found.len(), expected, "{doc}: passages {listing:#?}");
        for c in &found {
            assert_eq!(&text[c.source.span[0]..c.source.span[1]], c.source.text);
        }
    }

    #[test]
    fn seed_001_studies_are_found_one_passage_each() {
        assert_quotes(
            "zh/001_ee09c46421ca47c6.txt",
            &[
                "异体MSC经深静脉单次输注可显著提升生存率",
                "7例原发性胆汁性肝硬化(PBC)患者接受3次UC-MSCs静脉输注",
                "2016年,一项自体骨髓间充质干细胞移植治疗酒精性肝硬化",
                "2014年,一项异基因骨髓间充质干细胞移植治疗UDCA耐药型原发性胆汁性肝硬化",
                "长期随访分析(n=219,随访13-75个月)",
                "两名接受人胎儿胆管树干细胞移植的晚期肝硬化患者",
                "高志良等对110例乙型肝炎相关ACLF患者",
                "纳入了43例慢性肝衰竭(ACLF)患者",
                "Zhang Y等人对22例ABO血型不合肝移植患者",
                "一项涉及5名胆道闭锁婴儿的开放性I期临床试验",
            ],
            10,
        );
    }

    #[test]
    fn seed_002_studies_are_found_one_passage_each() {
        assert_quotes(
            "zh/002_b487e292bb6e83a3.txt",
            &[
                "REALISTIC(重复自体干细胞输注治疗肝硬化)",
                "共纳入27名患者,随机分为安慰剂组、MNCs组和CD133⁺细胞组",
                "共纳入72例经活检证实、且戒酒超过6个月的酒精性肝硬化患者",
                "研究共纳入4名不同病因的肝硬化患者",
                "患者分两次经肝动脉输注自体骨髓来源MSC(每次约1.2亿个)",
                "联合多次静脉输注脐血干细胞",
                "分别接受单次人脐带间充质干细胞(HUC-MSC)肝内移植、多次移植或常规内科治疗",
                "研究共纳入86例失代偿期肝硬化患者",
                "分析了3年内接受UCMSC输注的513例患者数据",
                "评估了自体骨髓干细胞经肝动脉肝内移植治疗失代偿期乙型肝炎肝硬化的疗效与安全性",
                "本项前瞻性、开放性、随机对照研究纳入了219名失代偿性肝硬化患者",
                "研究共纳入108例失代偿期肝硬化患者",
                "研究共纳入64例ACLF患者和59例肝硬化患者",
                "确诊为失代偿期乙肝肝硬化患者的84例资料",
                "研究共纳入64例难治性肝硬化腹水患者",
                "在一项编号NCT01741090的小型研究",
                "NCT01729221,40例HCV相关肝硬化",
                "四个剂量组分别接受单剂量MSC",
            ],
            18,
        );
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_as_a_line_feed_does() {
        let text = fixture("zh/001_ee09c46421ca47c6.txt").replace("\r\n", "\n");
        let cr = text.replace('\n', "\r");
        let lf: Vec<String> = candidates(&DocumentText::new(text), &[]).into_iter().map(|c| c.source.text).collect();
        let crs: Vec<String> =
            candidates(&DocumentText::new(cr), &[]).into_iter().map(|c| c.source.text.replace('\r', "\n")).collect();
        assert_eq!(lf, crs);
    }

    #[test]
    fn english_fixtures_find_their_trials() {
        for (name, expected) in [("en/prose_cirrhosis_review.txt", 4), ("en/prose_liver_failure_review.txt", 3)] {
            let text = fixture(name);
            let found = candidates(&DocumentText::new(text), &[]);
            let listing: Vec<String> = found.iter().map(|c| c.source.text.chars().take(60).collect()).collect();
            assert_eq!(found.len(), expected, "{name}: {listing:#?}");
            assert!(found.iter().all(|c| c.reference.is_some()), "{name}: every trial cites its paper");
        }
    }
}

#[cfg(test)]
mod no_panic {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text, however broken, gives candidates whose spans are exact slices.
        #[test]
        fn any_text_gives_exact_slices(text in "([共纳入例名患者随访个月周年经肝动脉静脉输注干细胞MSC。，；：（）()\\[\\]《》•\\- \n\t|.,;:!?a-zA-Z0-9×⁷%=]|一项研究|et al\\. |2016年7月30日在《J》上发表|n=12|NCT01234567){0,80}") {
            let doc = DocumentText::new(text.clone());
            for c in candidates(&doc, &[]) {
                prop_assert_eq!(&text[c.source.span[0]..c.source.span[1]], c.source.text.as_str());
                for f in [&c.condition, &c.cell, &c.dose, &c.route, &c.follow_up, &c.outcome, &c.n_patients, &c.year].into_iter().flatten() {
                    let s = f.span.unwrap();
                    prop_assert_eq!(&text[s[0]..s[1]], f.text.as_str());
                }
            }
        }

        /// Any page, however broken, read as a possible one-study report gives exact slices too.
        #[test]
        fn any_page_gives_exact_slices(text in "([共纳入例名患者随访个月经肝动脉干细胞。，：【】 \n\ta-zA-Z0-9×.,;:()\\[\\]=]|Abstract|Methods: |Results: |AIM\n|目的：|方法 |NCT01234567|NCT07654321|Hepatology 2020; 72: 1-5\n|Skip to content\n|Wang Li, Zhang Wei, Chen Hong\n|\n\n|In this study, 20 patients received MSCs.){0,60}") {
            let doc = DocumentText::new(text.clone());
            for c in studies_of_document(&doc, &[], None).studies {
                prop_assert_eq!(&text[c.source.span[0]..c.source.span[1]], c.source.text.as_str());
                for f in [&c.condition, &c.cell, &c.dose, &c.route, &c.follow_up, &c.outcome, &c.n_patients, &c.year].into_iter().flatten() {
                    if let Some(s) = f.span {
                        prop_assert_eq!(&text[s[0]..s[1]], f.text.as_str());
                    }
                }
            }
        }
    }
}
