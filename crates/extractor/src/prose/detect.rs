//! Which passages of running text report one specific trial, and where each one ends.
//!
//! A passage opens at an *anchor* sentence: a dated publication statement
//! (`2016年7月30日…在《Hepatology》上发表`), one trial introduced (`一项…临床试验`,
//! "a randomized trial"), an author-led report (`高志良等对110例…`, "Smith et al. enrolled"),
//! a registry number, a count of treated patients, or a protocol with a comparative figure.
//! It runs on over the following sentences of its paragraph, and over following paragraphs
//! when they are list items, when they point back at it (`此外`, `该研究`, "The trial"), or
//! when the document tells one study per publication statement. It ends at a heading, a
//! caption, the next anchor, a sentence that cites other references, or a pooled statement.
//!
//! A closed passage is a study when its opening sentences say nothing of reviews,
//! meta-analyses, registries or animal work, and enough evidence of one trial was seen
//! (patients, design, phase, arms, registry number …). Sections whose heading is about
//! mechanisms or preclinical work open no passages.

use std::collections::BTreeSet;

use trialex_model::Span;

use super::citing::Citing;
use super::cues::cues;
use super::segment::{self, ParagraphKind};

/// How a passage was opened, which decides how far it may run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A dated publication statement: the account runs to the next anchor or heading.
    Publication,
    /// Any other anchor: later paragraphs join only when they point back at it.
    Loose,
}

/// A passage of prose and what it was judged to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// From the first sentence's start to the last sentence's end.
    pub span: Span,
    pub sentences: Vec<Span>,
    pub mode: Mode,
    pub is_study: bool,
    /// Why the passage is or is not a study (for diagnostics and tests).
    pub why: &'static str,
    /// The review passage this one is told inside (its citation is the study's).
    pub parent: Option<usize>,
    /// The year of the citation line above the passage (`Hepatology 2020; 72(S1): 123A` under an
    /// abstract's title): the study's year when the passage states none.
    pub citation_year: Option<Span>,
    /// The passage is a document's own report of its study (an abstract): its conclusions
    /// speak of that study, not of the field.
    pub report: bool,
}

/// Evidence weights that a passage reports one trial; a study needs [`STUDY_EVIDENCE`].
const EVIDENCE: &[(&str, u8)] = &[
    ("field.trial_id", 3),
    ("evidence.phase", 2),
    ("evidence.design", 2),
    ("evidence.arms", 2),
    ("anchor.trial", 2),
    ("evidence.comparison", 1),
    ("field.cell", 1),
    ("field.follow_up", 1),
    ("field.route", 1),
    ("anchor.publication", 1),
];
const PATIENTS_EVIDENCE: u8 = 3;
/// Cues of something a trial reported (besides patients and results).
const CONCRETE: &[&str] = &[
    "field.trial_id",
    "evidence.arms",
    "evidence.comparison",
    "field.follow_up",
    "field.route",
    "field.dose",
    "anchor.publication",
    "field.year",
];
const STUDY_EVIDENCE: u8 = 3;
/// How many opening sentences are read for review, registry or preclinical cues.
const HEAD_SENTENCES: usize = 3;
/// The kinds of text that are not one study.
const NOT_STUDY: &[(&str, &str)] = &[
    ("not_study.review", "a review or pooled analysis as a whole"),
    ("not_study.pooled", "several trials or registry statistics"),
    ("not_study.preclinical", "laboratory or animal work"),
];

struct Builder {
    sentences: Vec<Span>,
    citation_year: Option<Span>,
    mode: Mode,
    refs: BTreeSet<u32>,
    has_patients: bool,
    parent: Option<usize>,
    /// The surname of the first author named in the opening sentence ("Gupta et al."), by which
    /// a later paragraph may name the same trial ("the Gupta trial").
    author: Option<String>,
}

/// The first author named in `sentence` ("Gupta et al.", "Morales and colleagues").
fn first_author(sentence: &str) -> Option<String> {
    static AUTHOR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\b([A-Z][a-zA-Z'-]+)(?:\s+[A-Z]{1,2})?\s+(?:et\s+al\b|and\s+(?:colleagues|co-?workers)\b)")
            .expect("valid author pattern")
    });
    AUTHOR.captures(sentence).and_then(|caps| caps.get(1)).map(|m| m.as_str().to_string())
}

/// Whether `sentence` names the trial of `author` ("the Gupta trial", "Gupta et al.", "Gupta's study").
fn names_trial_of(sentence: &str, author: &str) -> bool {
    // The words that make a name a trial's; built once, tried after each whole-word occurrence
    // of the author (a regex per author would be compiled for every sentence).
    static TRIAL_OF: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:'s)?\s+(?:et\s+al\b|and\s+colleagues\b|(?i:trial|study|group|team|cohort|RCT|series)\b)",
        )
        .expect("valid trial-of pattern")
    });
    let word_char = |c: char| c.is_alphanumeric() || c == '_';
    sentence.match_indices(author).any(|(at, _)| {
        let before = sentence[..at].chars().next_back();
        let after = &sentence[at + author.len()..];
        before.is_none_or(|c| !word_char(c))
            && after.chars().next().is_none_or(|c| !word_char(c))
            && TRIAL_OF.is_match(after)
    })
}

fn cited(cite: &Citing, sentence: Span) -> BTreeSet<u32> {
    cite.markers(sentence).into_iter().flat_map(|m| m.numbers).collect()
}

/// A strong patient count in the sentence (a count of cases, not of events).
pub fn has_patient_count(sentence: &str) -> bool {
    patient_counts(sentence).iter().any(|h| h.weight >= 2) && !cues().any("field.patients_arm", sentence)
}

/// The patient-count cues of `text`, leaving out those that span a duration ("6 months in patients").
pub fn patient_counts(text: &str) -> Vec<super::cues::Hit> {
    let c = cues();
    c.find_all("field.patients", text)
        .into_iter()
        .filter(|h| text.get(h.range.clone()).is_some_and(|t| !c.any("field.patients_not", t)))
        .collect()
}

fn is_anaphora(sentence: &str) -> bool {
    cues().any("anaphora", sentence.trim_start())
}

/// A structured-abstract label before the sentence (`Methods: `, `Results: `).
fn without_label(sentence: &str) -> &str {
    static LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^\s*(?:[A-Z][a-z]+(?:\s+(?:and\s+)?[a-z]+){0,2}|[\p{Han}]{2,4})\s*[:：]\s*")
            .expect("valid label pattern")
    });
    let trimmed = sentence.trim_start();
    LABEL.find(trimmed).map_or(trimmed, |m| &trimmed[m.end()..])
}

/// A count of patients that is the subject of its sentence, allocated or treated, with cells
/// named in the sentence or in the rest of its paragraph (`rest`): "Sixty-four patients with
/// ACLF were randomized 1:1 to UC-MSCs or to standard care", "Ten patients were mobilized with
/// G-CSF; CD34+ cells were injected into the spleen". A count after other words ("a control
/// group of 8 patients received …") is an arm's, not the subject.
fn allocated_subject(sentence: &str, rest: &str) -> bool {
    let c = cues();
    let body = without_label(sentence);
    let subject = patient_counts(body).iter().any(|h| h.weight >= 2 && h.range.start == 0);
    subject
        && c.any("field.allocation_verb", body)
        && (c.any("field.cell", body) || c.any("field.cell", rest))
        && !c.any("not_study.preclinical", body)
        && !c.any("not_study.preclinical", rest)
}

/// The mode a sentence opens a passage with, if it is an anchor. `current` is the open passage
/// the sentence would join; `rest` is the rest of the sentence's paragraph.
fn anchor(sentence: &str, current: Option<&Builder>, rest: &str) -> Option<Mode> {
    let c = cues();
    if c.any("conclusion", sentence.trim_start()) {
        return None;
    }
    // A sentence that names the open passage's trial by its author tells more of it.
    if current.and_then(|b| b.author.as_deref()).is_some_and(|a| names_trial_of(sentence, a)) {
        return None;
    }
    // "The largest trial … was reported by Gupta et al. [5]": a back-reference in form that
    // names a new report by its authors.
    if c.any("anchor.reported_by", sentence) {
        return Some(Mode::Loose);
    }
    if is_anaphora(sentence) {
        return None;
    }
    if c.any("anchor.publication", sentence) {
        return Some(Mode::Publication);
    }
    if c.any("field.trial_id", sentence) {
        return Some(Mode::Loose);
    }
    let patients = has_patient_count(sentence);
    let trial_words = patients
        || c.any("field.cell", sentence)
        || c.any("evidence.phase", sentence)
        || c.any("evidence.design", sentence);
    // A trial wished for ("deserves a controlled trial") is not one reported.
    let trial = c.any("anchor.trial", sentence) && (patients || !c.any("anchor.hypothetical", sentence));
    if trial_words && (c.any("anchor.author", sentence.trim_start()) || trial) {
        return Some(Mode::Loose);
    }
    let loose_or_none = current.is_none_or(|b| b.mode == Mode::Loose && b.has_patients);
    if patients && c.any("field.treatment_verb", sentence) && !c.any("evidence.arms", sentence) && loose_or_none {
        return Some(Mode::Loose);
    }
    if current.is_none() && allocated_subject(sentence, rest) {
        return Some(Mode::Loose);
    }
    let protocol = c.any("field.cell", sentence) && c.any("field.route", sentence);
    if protocol && c.any("evidence.comparison", sentence) && current.is_none() {
        return Some(Mode::Loose);
    }
    None
}

/// Judges a closed passage: its opening sentences say nothing of reviews, registries or animal
/// work, and it holds [`evidence`] of one trial.
fn judge(text: &str, sentences: &[Span]) -> (bool, &'static str) {
    let c = cues();
    let slice = |s: &Span| text.get(s[0]..s[1]).unwrap_or("");
    for s in sentences.iter().take(HEAD_SENTENCES) {
        // A registry number in the sentence makes it about one trial, whatever else it says.
        if c.any("field.trial_id", slice(s)) {
            break;
        }
        for (kind, why) in NOT_STUDY {
            if c.any(kind, slice(s)) {
                return (false, why);
            }
        }
    }
    evidence(text, sentences)
}

/// Whether the sentences hold enough evidence of one trial (patients, design, phase, arms,
/// registry number …) and report something concrete of it.
pub(crate) fn evidence(text: &str, sentences: &[Span]) -> (bool, &'static str) {
    let c = cues();
    let slice = |s: &Span| text.get(s[0]..s[1]).unwrap_or("");
    let whole: String = sentences.iter().map(slice).collect::<Vec<_>>().join("\n");
    let mut score: u8 = if sentences.iter().any(|s| has_patient_count(slice(s))) { PATIENTS_EVIDENCE } else { 0 };
    for (kind, weight) in EVIDENCE {
        if c.any(kind, &whole) {
            score = score.saturating_add(*weight);
        }
    }
    // Design words alone ("a controlled trial … would settle the question") tell of no trial:
    // something concrete must be reported.
    let concrete = score >= PATIENTS_EVIDENCE && sentences.iter().any(|s| has_patient_count(slice(s)))
        || CONCRETE.iter().any(|kind| c.any(kind, &whole))
        || sentences.iter().any(|s| super::fields::is_result(slice(s)));
    match (score >= STUDY_EVIDENCE, concrete) {
        (true, true) => (true, "reports one trial"),
        (true, false) => (false, "names a trial but reports nothing of it"),
        _ => (false, "too little evidence of one trial"),
    }
}

/// The passages of `text` outside `skip` (table regions, the reference list).
pub fn passages(text: &str, skip: &[Span]) -> Vec<Passage> {
    passages_citing(text, skip, &Citing::plain(text))
}

/// The passages of `text` outside `skip`, reading citations (and cue words) through `cite`.
pub fn passages_citing(text: &str, skip: &[Span], cite: &Citing) -> Vec<Passage> {
    let c = cues();
    // Cue words are read with flattened citations blanked; spans are the same in both texts.
    let cue_text = cite.cue_text();
    let mut out: Vec<Passage> = Vec::new();
    let mut current: Option<Builder> = None;
    let mut blocked = false;
    // The last publication-mode passage since the last heading, for passages told inside it.
    let mut last_publication: Option<usize> = None;

    let close = |current: &mut Option<Builder>, out: &mut Vec<Passage>, last_publication: &mut Option<usize>| {
        if let Some(b) = current.take() {
            let (is_study, why) = judge(cue_text, &b.sentences);
            let span = [b.sentences[0][0], b.sentences[b.sentences.len() - 1][1]];
            if b.mode == Mode::Publication {
                *last_publication = Some(out.len());
            }
            out.push(Passage {
                span,
                sentences: b.sentences,
                mode: b.mode,
                is_study,
                why,
                parent: b.parent,
                citation_year: b.citation_year,
                report: false,
            });
        }
    };

    // The year of the last citation line (`trialex_normalizer::citation_line_year`), until the next heading.
    let mut citation_year: Option<Span> = None;
    for para in segment::paragraphs(text, skip) {
        let para_text = cite.cue(para.span);
        if let Some(year) = trialex_normalizer::citation_line_year(para_text) {
            close(&mut current, &mut out, &mut last_publication);
            citation_year = Some([para.span[0] + year.start, para.span[0] + year.end]);
            continue;
        }
        match para.kind {
            ParagraphKind::Heading => {
                close(&mut current, &mut out, &mut last_publication);
                last_publication = None;
                citation_year = None;
                if c.any("section.blocked", para_text) {
                    blocked = true;
                } else if c.any("section.clinical", para_text) {
                    blocked = false;
                }
                continue;
            }
            ParagraphKind::Caption => {
                close(&mut current, &mut out, &mut last_publication);
                continue;
            }
            ParagraphKind::Text | ParagraphKind::Bullet => {}
        }
        if blocked {
            continue;
        }
        for (k, s) in segment::sentences(text, para.span).into_iter().enumerate() {
            let sentence = cite.cue(s);
            // A passage the sentence would not join is closed by it: the sentence is judged
            // as if no passage were open.
            let would_join = current.as_ref().is_some_and(|b| {
                k > 0
                    || para.kind == ParagraphKind::Bullet
                    || b.mode == Mode::Publication
                    || c.any("continue", sentence.trim_start())
                    || is_anaphora(sentence)
                    || b.author.as_deref().is_some_and(|a| names_trial_of(sentence, a))
            });
            let rest = cite.cue([s[1], para.span[1]]);
            if let Some(mode) = anchor(sentence, current.as_ref().filter(|_| would_join), rest) {
                close(&mut current, &mut out, &mut last_publication);
                let parent = match mode {
                    Mode::Loose => last_publication.filter(|&i| !out[i].is_study),
                    Mode::Publication => None,
                };
                current = Some(Builder {
                    sentences: vec![s],
                    citation_year,
                    mode,
                    refs: cited(cite, s),
                    has_patients: has_patient_count(sentence),
                    parent,
                    author: first_author(sentence),
                });
                continue;
            }
            let Some(b) = current.as_mut() else { continue };
            let joins = k > 0
                || para.kind == ParagraphKind::Bullet
                || b.mode == Mode::Publication
                || c.any("continue", sentence.trim_start())
                || is_anaphora(sentence)
                || b.author.as_deref().is_some_and(|a| names_trial_of(sentence, a));
            let refs = cited(cite, s);
            let new_refs = !refs.is_empty() && !b.refs.is_empty() && !refs.is_subset(&b.refs);
            let pooled = b.mode == Mode::Loose
                && (c.any("not_study.pooled", sentence)
                    || c.any("not_study.review", sentence)
                    || c.any("not_study.table_pointer", sentence) && !refs.is_empty());
            if joins && !new_refs && !pooled {
                b.refs.extend(refs);
                b.has_patients |= has_patient_count(sentence);
                b.sentences.push(s);
            } else {
                close(&mut current, &mut out, &mut last_publication);
            }
        }
    }
    close(&mut current, &mut out, &mut last_publication);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn studies(text: &str) -> Vec<String> {
        passages(text, &[]).into_iter().filter(|p| p.is_study).map(|p| text[p.span[0]..p.span[1]].to_string()).collect()
    }

    #[test]
    fn a_publication_statement_runs_over_its_paragraphs_to_the_next() {
        let t = "2016年干细胞治疗肝硬化关键临床进展\n\
                 2016年7月30日，韩国多家医院在《Hepatology》上发表了一篇名为《自体骨髓间充质干细胞移植治疗酒精性肝硬化：II期试验》的临床试验结果。\n\
                 共纳入72例酒精性肝硬化患者，随机分为对照组和两组治疗组。\n\
                 结果显示，肝纤维化程度明显改善。\n\
                 2017年3月9日，日本科研人员在《Regenerative Therapy》上发表了一篇名为《一项I期临床研究》的研究成果。\n\
                 研究共纳入4名肝硬化患者。\n";
        let s = studies(t);
        assert_eq!(s.len(), 2);
        assert!(s[0].contains("共纳入72例") && s[0].contains("肝纤维化程度明显改善"));
        assert!(s[1].starts_with("2017年3月9日") && s[1].ends_with("研究共纳入4名肝硬化患者。"));
    }

    #[test]
    fn reviews_meta_analyses_and_registries_are_not_studies() {
        let t = "2019年10月，某医院在《HEPATOLOGY》期刊上发表了一篇名为《自体干细胞移植：系统评价和荟萃分析》的研究成果。\n\
                 研究共纳入8项临床试验、467例患者。\n\
                 薛荣等对470例ACLF患者进行的荟萃分析显示，MSC治疗可改善肝功能。\n\
                 截至2025年3月31日，共注册了112项临床试验，其中Ⅰ期31项。\n";
        assert!(studies(t).is_empty());
    }

    #[test]
    fn a_trial_inside_a_review_is_a_study_of_its_own() {
        let t = "2025年1月6日，某医院在《干细胞研究与治疗》上发表了一篇名为《当前临床试验回顾》的研究成果。\n\
                 本综述深入探讨了最新进展。\n\
                 在一项编号NCT01741090的小型研究（11例酒精性肝硬化患者）中，纤维化得到了改善；\n\
                 另一项随机对照试验（NCT01729221，40例HCV相关肝硬化）报道，肝酶接近正常。\n\
                 总体来看，MSC治疗显示出潜力。\n";
        let all = passages(t, &[]);
        let s: Vec<_> = all.iter().filter(|p| p.is_study).collect();
        assert_eq!(s.len(), 2);
        assert!(s.iter().all(|p| p.parent.is_some_and(|i| !all[i].is_study)));
        assert!(!t[s[1].span[0]..s[1].span[1]].contains("总体来看"));
    }

    #[test]
    fn loose_studies_continue_only_over_paragraphs_that_point_back() {
        let t = "间充质干细胞治疗肝衰竭的安全性和有效性\n\
                 高志良等对110例乙型肝炎相关ACLF患者进行了一项随机对照临床试验。研究发现，生存率显著高于标准治疗组（73.2%vs55.6%）。\n\
                 此外，患者血清总胆红素水平也显著降低。\n\
                 干细胞疗法在婴儿胆道闭锁中也显示出前景。一项涉及5名胆道闭锁婴儿的开放性I期临床试验显示，预后显著改善。\n\
                 两项独立试验表明，自体MSC和HSC均显著改善肝功能。\n";
        let s = studies(t);
        assert_eq!(s.len(), 2, "{s:#?}");
        assert!(s[0].contains("此外"));
        assert!(s[1].starts_with("一项涉及5名"));
        assert!(!s[1].contains("两项"));
    }

    #[test]
    fn english_trials_split_at_each_new_report() {
        let t = "Results\n\
                 Smith et al. enrolled 40 patients with decompensated cirrhosis in a randomized trial [3]. \
                 Albumin increased at 6 months. In a phase II study, Lee et al. randomized 60 patients with ACLF to MSC or placebo [4]. \
                 Survival improved (78% vs 52%).\n\
                 Several other studies reported similar results [5-7].\n";
        let s = studies(t);
        assert_eq!(s.len(), 2, "{s:#?}");
        assert!(s[0].contains("Albumin increased"));
        assert!(s[1].contains("Survival improved") && !s[1].contains("Several"));
    }

    #[test]
    fn a_trial_named_but_not_reported_is_no_study() {
        let t = "A controlled trial with a fixed dose, a single route and survival as the primary end point would settle the question.\n";
        assert!(studies(t).is_empty());
        let p = passages(t, &[]);
        assert_eq!(p[0].why, "names a trial but reports nothing of it");
    }

    #[test]
    fn english_reports_with_number_words_and_colleagues() {
        let t = "Mohamadnejad et al. [15] performed a phase I trial in four patients with decompensated cirrhosis who received autologous BM-MSCs via a peripheral vein; MELD scores improved in two of them. \
                 Kharaziha and colleagues [16] infused 30-50 million MSCs through the portal or peripheral vein in eight patients. \
                 After 24 weeks, the MELD score decreased from 17.9 to 10.7 (P < 0.05).\n";
        let s = studies(t);
        assert_eq!(s.len(), 2, "{s:#?}");
        assert!(s[1].starts_with("Kharaziha") && s[1].ends_with("(P < 0.05)."));
    }

    #[test]
    fn reports_named_by_their_authors_inside_the_sentence() {
        let t = "In the study by Peng et al. [16], 53 patients with liver failure received autologous BM-MSCs. \
                 在Lin等^[17]的随机对照研究中，110例慢加急性肝衰竭患者接受了异体BM-MSCs治疗，生存率提高。\n";
        let s = studies(t);
        assert_eq!(s.len(), 2, "{s:#?}");
        assert!(s[1].starts_with("在Lin等"));
    }

    #[test]
    fn mechanism_sections_open_no_passage() {
        let t = "2 干细胞治疗肝病的证据和机制\n\
                 Alison 等在开展的一项临床试验中发现移植了男性骨髓细胞的20例女性患者肝脏内出现了阳性的肝细胞。\n\
                 3 干细胞治疗肝病的临床研究\n\
                 Liang 等应用 UC-MSCs 治疗 12 例自身免疫性疾病导致的肝硬化患者，在随访的 2 年内患者肝功能明显改善。\n";
        let s = studies(t);
        assert_eq!(s.len(), 1);
        assert!(s[0].starts_with("Liang"));
    }

    #[test]
    fn a_team_named_by_its_country_opens_a_study_but_an_arm_does_not() {
        let t = "Results\nA Chilean team [4] treated 18 patients with cirrhosis with marrow cells. An MSC group of 10 patients received cells and a control group of 8 patients received standard care; albumin rose.\n";
        let s = studies(t);
        assert_eq!(s.len(), 1, "{s:#?}");
        assert!(s[0].ends_with("albumin rose."));
    }

    #[test]
    fn an_author_year_with_a_citation_then_a_comma_opens_a_study() {
        let t = "临床研究\n王某等(2020)[3]，40例失代偿期肝硬化患者经肝动脉输注自体骨髓干细胞，白蛋白升高。\n";
        let s = studies(t);
        assert_eq!(s.len(), 1, "{s:#?}");
    }

    #[test]
    fn a_review_that_summarizes_evidence_is_not_a_study_and_conclusions_are_general() {
        let t = "2020年5月1日，某团队在《某杂志》上发表了一篇名为《干细胞与肝病》的文章。\n系统梳理了干细胞治疗肝硬化的临床证据，纳入患者均改善。\n";
        assert!(studies(t).is_empty());
        assert!(cues().any("conclusion", "基于现有数据，该疗法安全"));
        assert!(cues().any("conclusion", "根据随访结果，移植安全有效"));
    }

    #[test]
    fn a_count_of_patients_allocated_to_cells_opens_a_study_without_an_author() {
        let t = "Stem cells for alcoholic hepatitis: an open-label trial\n\
                 Background: Alcoholic hepatitis carries a high mortality.\n\
                 Methods: Forty-two patients with severe alcoholic hepatitis were allocated 2:1 to adipose-derived MSCs or to prednisolone alone.\n\
                 Results: Bilirubin fell faster with MSCs (62% vs 41%).\n\
                 Conclusions: Adipose MSCs deserve a larger randomized trial.\n";
        let s = studies(t);
        assert_eq!(s.len(), 1, "{s:#?}");
        assert!(s[0].starts_with("Methods: Forty-two") && s[0].contains("62% vs 41%"));
        // The cells may be named in the next sentence of the paragraph.
        let t = "Methods: Nine patients with PBC were given G-CSF for five days; mobilized CD133+ cells were then infused into the hepatic artery.\n";
        assert_eq!(studies(t).len(), 1);
        // Animal work and a trial only wished for are no study.
        let t = "In a rat model of fibrosis, forty rats were randomized to MSCs or saline via the tail vein.\n\
                 Conclusions: Intraportal MNC therapy deserves a controlled trial.\n";
        assert!(studies(t).is_empty(), "{:#?}", studies(t));
        // An arm's count is not the subject of its sentence.
        let t = "Results\nA Peruvian team [2] treated 20 patients with cirrhosis with marrow cells. A control group of 10 patients was randomized to standard care; albumin rose.\n";
        assert_eq!(studies(t).len(), 1);
    }

    #[test]
    fn a_trial_reported_by_its_authors_opens_and_a_paragraph_naming_it_continues() {
        let t = "Results\n\
                 The first randomized experience was published by Oduya and colleagues in 2019 [7]. In that work, 50 patients with ACLF were randomized to UC-MSCs or placebo (n = 25 each).\n\
                 After one year, the Oduya trial reported higher survival in the MSC arm (80% vs 56%).\n\
                 After one year, mortality in cirrhosis remains high worldwide.\n";
        let s = studies(t);
        assert_eq!(s.len(), 1, "{s:#?}");
        assert!(s[0].starts_with("The first randomized experience") && s[0].contains("the Oduya trial"));
        assert!(!s[0].contains("worldwide"));
        assert!(names_trial_of("as Oduya et al. showed", "Oduya") && !names_trial_of("Oduyak trial", "Oduya"));
        assert_eq!(first_author("In 2020, Lamb and co-workers treated 9 patients").as_deref(), Some("Lamb"));
    }

    #[test]
    fn the_reference_list_is_found_by_its_heading() {
        let t = "正文。\n参考资料:\n[1]King A. BMJ Open. 2015.\n";
        assert_eq!(crate::bibliography::heading_start(t), t.find("参考资料"));
        assert_eq!(crate::bibliography::heading_start("References\n1. A"), Some(0));
        assert_eq!(crate::bibliography::heading_start("no list here"), None);
    }
}
