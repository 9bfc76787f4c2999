//! The raw fields of one study passage, each as the clause that holds it.
//!
//! Each field takes the clause with the strongest cue (the earliest among equals); the
//! normalizer reads the value inside the clause and narrows the span. Where one field's
//! evidence runs over neighbouring clauses of one sentence (`经右大网膜静脉输注…,或…注射入
//! 肝脏`, dose groups `1 × 10^6/kg, 2 × 10^6/kg or 5 × 10^6/kg`), the span covers them.
//! The dose clause also covers an infusion count told in
//! another clause of its sentence; without a dose number, a definite count (`3次`, `单次`)
//! is the dose field. Outcome spans the first to the last result clause (an indicator with
//! a direction word), leaving out conclusions. Comparative figures (`73.2%vs55.6%`,
//! `HR=0.487`) become extras named after what they compare.

use std::ops::Range;

use trialex_model::{Candidate, DocumentText, Extra, RawField, Source, SourceKind, Span};

use super::citing::Citing;
use super::cues::{Hit, cues};
use super::detect::Passage;
use super::segment;
use crate::citation::MarkerStyle;

/// One clause of the passage, with the sentence it belongs to.
#[derive(Debug, Clone)]
struct Clause {
    span: Span,
    sentence: usize,
    in_conclusion: bool,
    /// A run-in title before a colon at the passage's start (`UC-MSCs的长期生存获益:`): it
    /// names the cells but states no result of its own.
    run_in: bool,
}

/// Widest run-in title (in [`segment::width`]).
const RUN_IN_MAX_WIDTH: usize = 40;

struct Reader<'a> {
    /// The document text: every field is a slice of it.
    text: &'a str,
    /// The same text with flattened citations blanked: cue words are read in it.
    cue: &'a str,
    clauses: Vec<Clause>,
    sentences: Vec<Span>,
    /// The passage is a document's own report: its conclusions state the study's results.
    report: bool,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, cue: &'a str, passage: &Passage) -> Self {
        let mut clauses = Vec::new();
        for (i, s) in passage.sentences.iter().enumerate() {
            let sentence = cue.get(s[0]..s[1]).unwrap_or("");
            let in_conclusion = cues().any("conclusion", sentence.trim_start_matches(['-', '•', ' ']));
            for (k, span) in segment::clauses(text, *s).into_iter().enumerate() {
                let after = text.get(span[1]..).and_then(|t| t.chars().next());
                let run_in = i == 0
                    && k == 0
                    && matches!(after, Some(':' | '：'))
                    && segment::width(text.get(span[0]..span[1]).unwrap_or("")) <= RUN_IN_MAX_WIDTH;
                clauses.push(Clause { span, sentence: i, in_conclusion, run_in });
            }
        }
        Reader { text, cue, clauses, sentences: passage.sentences.clone(), report: passage.report }
    }

    /// The cue text of `span` (for cue tests).
    fn slice(&self, span: Span) -> &'a str {
        self.cue.get(span[0]..span[1]).unwrap_or("")
    }

    /// The document text of `span` (for output).
    fn original(&self, span: Span) -> &'a str {
        self.text.get(span[0]..span[1]).unwrap_or("")
    }

    /// The clause text with journal names blanked (same byte length), for cue tests.
    fn masked(&self, span: Span) -> String {
        let clause = self.slice(span);
        let mut out = clause.to_string();
        for h in cues().find_all("mask.journal", clause) {
            if let Some(part) = clause.get(h.range.clone()) {
                out.replace_range(h.range.clone(), &" ".repeat(part.len()));
            }
        }
        out
    }

    fn field(&self, span: Span) -> RawField {
        RawField::new(self.original(span), span)
    }

    /// The best clause by `score` (0 = not a candidate), earliest among equals.
    fn best(&self, score: impl Fn(&str) -> u32) -> Option<usize> {
        let mut best: Option<(u32, usize)> = None;
        for (i, c) in self.clauses.iter().enumerate() {
            let s = score(&self.masked(c.span));
            if s > 0 && best.is_none_or(|(b, _)| s > b) {
                best = Some((s, i));
            }
        }
        best.map(|(_, i)| i)
    }

    /// The span from clause `i` over the following clauses of its sentence that `more` accepts.
    fn extend(&self, i: usize, more: impl Fn(&str) -> bool) -> Span {
        let mut span = self.clauses[i].span;
        for c in &self.clauses[i + 1..] {
            if c.sentence != self.clauses[i].sentence || !more(&self.masked(c.span)) {
                break;
            }
            span[1] = c.span[1];
        }
        span
    }
}

fn distinct_hits(kind: &str, text: &str) -> u32 {
    let hits = cues().find_all(kind, text);
    let mut seen: Vec<String> = hits.iter().filter_map(|h| text.get(h.range.clone())).map(str::to_lowercase).collect();
    seen.sort();
    seen.dedup();
    seen.len() as u32
}

fn condition(r: &Reader) -> Option<RawField> {
    let c = cues();
    let i = r.best(|t| {
        if !c.any("field.condition", t) {
            return 0;
        }
        1 + c.strength("field.condition_patients", t) as u32
            + c.strength("field.etiology", t) as u32
            + 2 * u32::from(super::detect::has_patient_count(t))
    })?;
    Some(r.field(r.extend(i, |t| c.any("field.condition", t))))
}

fn cell(r: &Reader) -> Option<RawField> {
    let c = cues();
    let i = r.best(|t| if c.any("field.cell", t) { 1 + distinct_hits("field.cell_detail", t) } else { 0 })?;
    Some(r.field(r.extend(i, |t| c.any("field.cell", t))))
}

/// A definite infusion count that holds for the whole study (not one arm's, not "more than").
fn definite_infusions(t: &str) -> bool {
    cues().find_all("field.infusions", t).len() == 1 && !cues().any("field.infusions_by_arm", t)
}

/// Where a dose clause that opens with a number starts once the bare numbers listed before it
/// over commas are taken in (`at 0.5, 1.0 and 2.0 × 10^6 cells/kg`: the clauses `… at 0.5`
/// and `1.0 and 2.0 × 10^6 cells/kg`); the normalizer reads them as sharing the power of ten.
fn shared_exponent_list_start(r: &Reader, i: usize, start: usize) -> usize {
    static BARE_NUMBER_END: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?:^|[\s(（:：])(\d+(?:\.\d+)?)\s*[,，、]?\s*$").expect("valid bare-number pattern")
    });
    let sentence = r.clauses[i].sentence;
    let mut start = start;
    let mut j = i;
    while j > 0 && r.clauses[j - 1].sentence == sentence {
        let opens_with_number = r.cue.get(start..r.clauses[j].span[1]).is_some_and(|t| {
            t.trim_start_matches(|ch: char| ch.is_whitespace() || matches!(ch, ',' | '，' | '、'))
                .starts_with(|ch: char| ch.is_ascii_digit())
        });
        let prev = r.clauses[j - 1].span;
        let Some(number) = BARE_NUMBER_END.captures(r.slice(prev)).and_then(|caps| caps.get(1)) else { break };
        if !opens_with_number {
            break;
        }
        start = prev[0] + number.start();
        if number.start() > 0 && !r.slice(prev)[..number.start()].trim().is_empty() {
            break;
        }
        j -= 1;
    }
    start
}

fn dose(r: &Reader) -> Option<RawField> {
    let c = cues();
    if let Some(i) = r.best(|t| c.strength("field.dose", t) as u32) {
        let mut sentence = r.clauses[i].sentence;
        // Dose groups enumerated over commas (`1 × 10^6/kg, 2 × 10^6/kg or 5 × 10^6/kg`) are one dose.
        let mut span = r.extend(i, |t| c.any("field.dose", t));
        span[0] = shared_exponent_list_start(r, i, span[0]);
        // … and over the items of a semicolon list that each give one (`2.5 million cells/kg
        // and its control; 5 million cells/kg …`).
        while r.original(r.sentences[sentence]).ends_with([';', '；']) {
            let next_dose = |k: &&Clause| k.sentence == sentence + 1 && c.any("field.dose", r.slice(k.span));
            let Some(last) = r.clauses.iter().rfind(next_dose) else { break };
            span[1] = last.span[1];
            sentence += 1;
        }
        if !definite_infusions(r.slice(span)) {
            // The count of infusions told in the dose's sentence, else in the next one when it
            // gives the cells again (`… cells/kg were infused. UC-MSCs were given three times`).
            let given = |t: &str| c.any("field.cell", t) || c.any("field.route_verb", t);
            let count = r
                .clauses
                .iter()
                .filter(|k| k.sentence == sentence && definite_infusions(r.slice(k.span)))
                .min_by_key(|k| k.span[0].abs_diff(span[0]))
                .or_else(|| {
                    r.clauses.iter().find(|k| {
                        k.sentence == sentence + 1 && definite_infusions(r.slice(k.span)) && given(r.slice(k.span))
                    })
                });
            if let Some(k) = count {
                span = [span[0].min(k.span[0]), span[1].max(k.span[1])];
            }
        }
        return Some(r.field(span));
    }
    // No dose number: a definite count of infusions in a clause that gives the cells, or after
    // such a clause of its sentence (`经外周静脉输注脐带间充质干细胞，每周1次，共4次`).
    let given = |t: &str| c.any("field.cell", t) || c.any("field.route", t);
    r.clauses.iter().enumerate().find_map(|(i, k)| {
        if !definite_infusions(r.slice(k.span)) {
            return None;
        }
        if given(r.slice(k.span)) {
            return Some(r.field(k.span));
        }
        let giving =
            r.clauses[..i].iter().rev().take_while(|g| g.sentence == k.sentence).find(|g| given(r.slice(g.span)))?;
        Some(r.field([giving.span[0], k.span[1]]))
    })
}

fn route(r: &Reader) -> Option<RawField> {
    let c = cues();
    let is_route = |t: &str| c.any("field.route", t) && c.any("field.route_verb", t);
    // The sentence naming the most routes, then its first route clause onwards.
    let mut best: Option<(u32, usize)> = None;
    for s in 0..r.sentences.len() {
        let n: u32 = r
            .clauses
            .iter()
            .filter(|k| k.sentence == s && is_route(r.slice(k.span)))
            .map(|k| distinct_hits("field.route", r.slice(k.span)))
            .sum();
        if n > 0 && best.is_none_or(|(b, _)| n > b) {
            best = Some((n, s));
        }
    }
    let (_, s) = best?;
    let route_clauses: Vec<&Clause> =
        r.clauses.iter().filter(|k| k.sentence == s && is_route(r.slice(k.span))).collect();
    let first = route_clauses.first()?;
    let last = route_clauses.last()?;
    Some(r.field([first.span[0], last.span[1]]))
}

/// The follow-up clause; a run-in label (`Follow-up: 6 months`, `随访时间：12个月`) takes the
/// clause after its colon, which holds the duration.
fn follow_up(r: &Reader) -> Option<RawField> {
    let c = cues();
    if let Some(i) = r.best(|t| c.strength("field.follow_up", t) as u32) {
        // The visits listed over the next clauses (`followed up at 1 week, 1 month, 3 months and
        // 6 months`): the normalizer reads the last.
        return Some(r.field(r.extend(i, |t| c.any("field.follow_up_visit", t.trim()))));
    }
    let (i, label) = r.clauses.iter().enumerate().find(|(_, k)| {
        let after = r.text.get(k.span[1]..).and_then(|t| t.chars().next());
        matches!(after, Some(':' | '：')) && c.any("field.follow_up_label", r.slice(k.span).trim())
    })?;
    let next = r.clauses.get(i + 1).filter(|n| n.sentence == label.sentence)?;
    Some(r.field([label.span[0], next.span[1]]))
}

fn patients(r: &Reader) -> Option<RawField> {
    let c = cues();
    // A registry record's field (`Enrollment (Actual): 120`): the label and the clause after its colon.
    let labelled = r.clauses.iter().enumerate().find_map(|(i, k)| {
        let after = r.text.get(k.span[1]..).and_then(|t| t.chars().next());
        let label = matches!(after, Some(':' | '：')) && c.any("field.patients_label", r.slice(k.span).trim());
        let next = r.clauses.get(i + 1).filter(|n| label && n.sentence == k.sentence)?;
        Some(r.field([k.span[0], next.span[1]]))
    });
    let Some(i) = r.best(|t| {
        let strength = super::detect::patient_counts(t).iter().map(|h| h.weight as u32).max().unwrap_or(0);
        match strength {
            s if s >= 2 && c.any("field.patients_arm", t) => 1,
            s if s >= 2 => s + 1,
            _ => 0,
        }
    }) else {
        return labelled;
    };
    // The control arm's count told later in the sentence (`选择患者20例, …, 同期选择20例患者作为
    // 对照组`) belongs to the count: the normalizer adds it to a count that is no total.
    let chosen = &r.clauses[i];
    let control = r.clauses[i + 1..].iter().take_while(|k| k.sentence == chosen.sentence).find(|k| {
        let t = r.slice(k.span);
        // An arm's bracketed size after a division of the total (`分为对照组 (n=111)`) adds nothing.
        c.any("field.patients_control", t)
            && !c.any("field.patients_arm", t)
            && !super::detect::patient_counts(t).is_empty()
    });
    let end = control.map_or(chosen.span[1], |k| k.span[1]);
    Some(r.field([chosen.span[0], end]))
}

/// The patient clause from after the last flattened citation before its count: the digits of
/// `a Brazilian group7 treated 15 patients` cite, they count no one. (Bracketed markers are
/// never read as counts and stay.)
fn after_flattened_citation(r: &Reader, cite: &Citing, field: RawField) -> RawField {
    let Some(span) = field.span else { return field };
    let count_at = super::detect::patient_counts(r.slice(span))
        .iter()
        .filter(|h| h.weight >= 2)
        .map(|h| span[0] + h.range.start)
        .min()
        .unwrap_or(span[1]);
    let cut = cite
        .flattened_in(span)
        .filter(|m| m.style == MarkerStyle::Flattened && m.span[1] <= count_at)
        .map(|m| m.span[1])
        .max();
    let Some(cut) = cut else { return field };
    let rest = r.original([cut, span[1]]);
    let start = cut + (rest.len() - rest.trim_start().len());
    if start >= span[1] {
        return field;
    }
    r.field([start, span[1]])
}

fn year(r: &Reader) -> Option<RawField> {
    static DIGITS: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(?:19|20)\d{2}").expect("valid year pattern"));
    let c = cues();
    let mut best: Option<(u8, usize)> = None;
    for s in &r.sentences {
        let sentence = r.slice(*s);
        let periods: Vec<Range<usize>> =
            c.find_all("field.year_period", sentence).into_iter().map(|h| h.range).collect();
        for Hit { weight, range } in c.find_all("field.year", sentence) {
            let Some(m) = sentence.get(range.clone()).and_then(|t| DIGITS.find(t)) else { continue };
            let at = range.start + m.start();
            if periods.iter().any(|p| p.start <= at && at < p.end) {
                continue;
            }
            if best.is_none_or(|(w, _)| weight > w) {
                best = Some((weight, s[0] + at));
            }
        }
    }
    let (_, at) = best?;
    let clause = r.clauses.iter().find(|k| k.span[0] <= at && at < k.span[1])?;
    Some(r.field([at, clause.span[1]]))
}

/// True when the clause states a result: an indicator (not only a safety word) with a direction.
pub(crate) fn is_result(t: &str) -> bool {
    let c = cues();
    if !c.any("field.direction", t) {
        return false;
    }
    let safety: Vec<Range<usize>> = c.find_all("field.safety_only", t).into_iter().map(|h| h.range).collect();
    c.find_all("field.indicator", t)
        .iter()
        .any(|h| !safety.iter().any(|s| s.start <= h.range.start && h.range.end <= s.end))
}

/// The result span of each sentence that states a result: from its first to its last clause
/// with an indicator or a direction word (a result may spread over clauses: `血清指标显著下降:
/// ALT、AST…水平`). Run-in titles are left out.
fn result_spans(r: &Reader) -> Vec<(Span, bool)> {
    let c = cues();
    let mut out = Vec::new();
    for s in 0..r.sentences.len() {
        let clauses: Vec<&Clause> = r.clauses.iter().filter(|k| k.sentence == s && !k.run_in).collect();
        let (Some(first), Some(last)) = (clauses.first(), clauses.last()) else { continue };
        if !is_result(r.slice([first.span[0], last.span[1]])) {
            continue;
        }
        let telling: Vec<&&Clause> = clauses
            .iter()
            .filter(|k| {
                let t = r.slice(k.span);
                (c.any("field.indicator", t) || c.any("field.direction", t)) && !c.any("field.hedge", t)
            })
            .collect();
        if let (Some(a), Some(b)) = (telling.first(), telling.last()) {
            out.push(([a.span[0], b.span[1]], a.in_conclusion));
        }
    }
    out
}

fn outcome(r: &Reader) -> Option<RawField> {
    let results = result_spans(r);
    let body: Vec<Span> = results.iter().filter(|(_, conclusion)| r.report || !conclusion).map(|(s, _)| *s).collect();
    let chosen = if body.is_empty() { results.iter().map(|(s, _)| *s).collect() } else { body };
    let first = chosen.first()?;
    let last = chosen.last()?;
    Some(r.field([first[0], last[1]]))
}

fn trial_ids(r: &Reader, span: Span) -> Vec<String> {
    let text = r.original(span);
    let mut ids: Vec<String> = Vec::new();
    for h in cues().find_all("field.trial_id", text) {
        if let Some(id) = text.get(h.range)
            && !ids.iter().any(|x| x == id)
        {
            ids.push(id.to_string());
        }
    }
    ids
}

fn extras(r: &Reader) -> Vec<Extra> {
    let c = cues();
    let mut out: Vec<Extra> = Vec::new();
    for k in &r.clauses {
        let clause = r.original(k.span);
        for (name, kind) in c.family("extra") {
            for h in c.find_all(kind, clause) {
                let Some(raw) = clause.get(h.range.clone()) else { continue };
                let name = if name == "comparison" {
                    let before = clause.get(..h.range.start).unwrap_or("");
                    let subject = c
                        .family("extra_subject")
                        .filter_map(|(s, kind)| c.find_all(kind, before).last().map(|h| (h.range.end, s)))
                        .max_by_key(|(end, _)| *end)
                        .map(|(_, s)| s)
                        .unwrap_or("rate");
                    format!("{subject}_comparison")
                } else {
                    name.to_string()
                };
                let span = [k.span[0] + h.range.start, k.span[0] + h.range.end];
                if !out.iter().any(|e| e.span == Some(span)) {
                    out.push(Extra { name, raw: raw.to_string(), span: Some(span) });
                }
            }
        }
    }
    out
}

/// The first citation marker inside `span` of the text, as a raw field.
pub fn first_marker(text: &str, cite: &Citing, span: Span) -> Option<RawField> {
    let m = cite.markers(span).into_iter().next()?;
    Some(RawField::new(text.get(m.span[0]..m.span[1]).unwrap_or(&m.raw), m.span))
}

/// The candidate study of `passage`; `parent` is the review it is told inside, if any.
pub fn candidate(
    doc: &DocumentText,
    cite: &Citing,
    passage: &Passage,
    parent: Option<&Passage>,
    id: String,
) -> Candidate {
    let text = doc.text.as_str();
    let r = Reader::new(text, cite.cue_text(), passage);
    let source = Source {
        kind: SourceKind::Prose,
        table: None,
        caption: None,
        row: None,
        page: doc.page_of(passage.span[0]),
        span: passage.span,
        text: text.get(passage.span[0]..passage.span[1]).unwrap_or("").to_string(),
    };
    let mut cand = Candidate::new(id, source);
    cand.condition = condition(&r);
    cand.cell = cell(&r);
    cand.dose = dose(&r);
    cand.route = route(&r);
    cand.follow_up = follow_up(&r);
    cand.n_patients = patients(&r).map(|f| after_flattened_citation(&r, cite, f));
    cand.year = year(&r).or_else(|| {
        let at = passage.citation_year?;
        Some(RawField::new(text.get(at[0]..at[1])?, at))
    });
    cand.outcome = outcome(&r);
    cand.trial_ids = trial_ids(&r, passage.span);
    cand.reference =
        first_marker(text, cite, passage.span).or_else(|| parent.and_then(|p| first_marker(text, cite, p.span)));
    cand.extras = extras(&r);
    // A study told inside a review takes the cells the review names (SPEC: context is inherited);
    // otherwise the whole passage is the context: a trial that names its cells' origin once, in
    // its title or another sentence, gives it to the cells its clause names.
    cand.cell_context = match parent {
        Some(p) => cell(&Reader::new(text, cite.cue_text(), p)),
        None => Some(RawField::unanchored(source_text_of(&cand))),
    };
    cand
}

fn source_text_of(cand: &Candidate) -> String {
    cand.source.text.clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prose::detect::{Mode, passages};

    pub(super) fn read(text: &str) -> Candidate {
        let doc = DocumentText::new(text);
        let p = passages(text, &[]).into_iter().find(|p| p.is_study).expect("a study passage");
        candidate(&doc, &Citing::plain(text), &p, None, "p1".into())
    }

    fn raw(f: &Option<RawField>) -> &str {
        f.as_ref().map(|f| f.text.as_str()).unwrap_or("")
    }

    #[test]
    fn spans_are_exact_slices() {
        let t = "2016年7月30日，韩国多家医院在《Hepatology》上发表了一篇名为《自体骨髓间充质干细胞移植治疗酒精性肝硬化：II期试验》的临床试验结果。\n共纳入72例酒精性肝硬化患者，随机分为对照组和两组BM-MSC治疗组，分别接受一次或两次肝动脉注射BM-MSC。患者随访12个月。\n结果显示，肝纤维化程度和肝功能均出现明显改善。研究认为，该方法安全。\n";
        let c = read(t);
        for f in
            [&c.condition, &c.cell, &c.route, &c.follow_up, &c.n_patients, &c.year, &c.outcome].into_iter().flatten()
        {
            let s = f.span.unwrap();
            assert_eq!(&t[s[0]..s[1]], f.text);
        }
        assert_eq!(raw(&c.follow_up), "患者随访12个月");
        assert_eq!(raw(&c.n_patients), "共纳入72例酒精性肝硬化患者");
        assert!(raw(&c.year).starts_with("2016年7月30日"));
        assert_eq!(raw(&c.outcome), "肝纤维化程度和肝功能均出现明显改善");
        // A trial on its own has its whole passage as cell context, inherited, not anchored.
        assert_eq!(c.cell_context.as_ref().map(|f| (f.text.as_str(), f.span)), Some((c.source.text.as_str(), None)));
        assert!(raw(&c.route).contains("肝动脉注射"));
        // "一次或两次" differs by arm: no infusion count is handed over as a dose.
        assert_eq!(c.dose, None);
    }

    #[test]
    fn dose_clause_takes_the_infusion_count_of_its_sentence() {
        let t = "2017年12月7日，马来西亚科研人员在《JGH Open》上发表了一篇病例报告。\n患者为一名50岁男性。患者分两次经肝动脉输注自体骨髓来源MSC，每次约1.2亿个。\n";
        let c = read(t);
        assert_eq!(raw(&c.dose), "患者分两次经肝动脉输注自体骨髓来源MSC，每次约1.2亿个");
    }

    #[test]
    fn a_definite_count_without_a_number_is_the_dose_field() {
        let t = "2013年Wang等人的初步研究证实：7例原发性胆汁性肝硬化(PBC)患者接受3次UC-MSCs静脉输注(间隔4周)，48周随访期内未报告明显副作用。";
        let c = read(t);
        assert_eq!(raw(&c.dose), "7例原发性胆汁性肝硬化(PBC)患者接受3次UC-MSCs静脉输注(间隔4周)");
        assert_eq!(raw(&c.follow_up), "48周随访期内未报告明显副作用");
        assert_eq!(raw(&c.route), "7例原发性胆汁性肝硬化(PBC)患者接受3次UC-MSCs静脉输注(间隔4周)");
        assert!(raw(&c.year).starts_with("2013年"));
        assert_eq!(c.outcome, None, "a safety statement alone is not a result");
    }

    #[test]
    fn routes_of_several_arms_are_one_span() {
        let t = "2022年8月22日，某团队在《实验治疗医学》发表了一项临床研究。\n研究共纳入108例失代偿期肝硬化患者，分别接受常规药物治疗、经右大网膜静脉输注ABMNCs，或在B超引导下直接将ABMNCs注射入肝脏。\n";
        let c = read(t);
        assert_eq!(
            raw(&c.route),
            "分别接受常规药物治疗、经右大网膜静脉输注ABMNCs，或在B超引导下直接将ABMNCs注射入肝脏"
        );
    }

    #[test]
    fn enrolment_periods_are_not_the_year_and_arm_counts_yield_to_totals() {
        let t = "2021年11月29日，某团队在《国际肝病学杂志》上发表了一篇临床研究成果。\n本项随机对照研究纳入了219名失代偿性肝硬化患者，分为对照组 (n=111) 和治疗组 (n=108)，所有患者均在 2010年10月至2017年10月期间接受了随访。\n随访13至75个月，治疗组总生存率明显高于对照组。\n";
        let c = read(t);
        assert!(raw(&c.year).starts_with("2021年"));
        assert_eq!(raw(&c.n_patients), "本项随机对照研究纳入了219名失代偿性肝硬化患者");
        assert_eq!(raw(&c.follow_up), "随访13至75个月");
    }

    #[test]
    fn comparative_figures_become_named_extras() {
        let t = "高志良等对110例乙型肝炎相关ACLF患者进行了一项随机对照临床试验。研究发现，在24周随访中，MSC组患者的生存率显著高于标准治疗组(73.2%vs55.6%)，死亡率也更低(17.9%vs37.0%)，风险比HR=0.487。";
        let c = read(t);
        let names: Vec<_> = c.extras.iter().map(|e| (e.name.as_str(), e.raw.as_str())).collect();
        assert!(names.contains(&("survival_rate_comparison", "73.2%vs55.6%")), "{names:?}");
        assert!(names.contains(&("mortality_rate_comparison", "17.9%vs37.0%")), "{names:?}");
        assert!(names.iter().any(|(n, _)| *n == "hazard_ratio"), "{names:?}");
        assert_eq!(raw(&c.follow_up), "在24周随访中");
    }

    #[test]
    fn english_fields_are_found() {
        let t = "Smith et al. enrolled 40 patients with HBV-related decompensated cirrhosis in a randomized trial (NCT01234567), \
                 giving autologous bone marrow MSCs (1.0 × 10^6 cells/kg) twice through the hepatic artery. \
                 Patients were followed up for 48 weeks. Albumin increased and MELD scores decreased (P < 0.05).";
        let c = read(t);
        assert_eq!(c.trial_ids, ["NCT01234567"]);
        assert!(raw(&c.dose).contains("1.0 × 10^6 cells/kg") && raw(&c.dose).contains("twice"));
        assert!(raw(&c.route).contains("hepatic artery"));
        assert_eq!(raw(&c.follow_up), "Patients were followed up for 48 weeks.");
        assert!(raw(&c.n_patients).contains("40 patients"));
        assert!(raw(&c.outcome).contains("MELD scores decreased"));
        assert!(raw(&c.cell).contains("autologous bone marrow MSCs"));
    }

    #[test]
    fn publication_mode_is_kept_on_the_passage() {
        let t = "2015年3月20日，某中心在《BMJ Open》上发表了一篇名为《一项II期随机对照试验》的临床研究成果。\n该研究纳入代偿期肝硬化患者。\n";
        let p = passages(t, &[]);
        assert_eq!(p[0].mode, Mode::Publication);
        assert!(p[0].is_study);
    }
}

#[cfg(test)]
mod more_tests {
    use super::*;
    use crate::prose::detect::passages;

    fn studies(text: &str) -> Vec<Candidate> {
        let doc = DocumentText::new(text);
        let all = passages(text, &[]);
        all.iter()
            .filter(|p| p.is_study)
            .map(|p| candidate(&doc, &Citing::plain(text), p, p.parent.and_then(|i| all.get(i)), "p".into()))
            .collect()
    }

    #[test]
    fn a_result_spread_over_clauses_and_bullets_is_one_outcome_and_run_in_titles_are_not_results() {
        let t = "难治性PBC的生化与生活质量提升:2014年,一项异基因骨髓间充质干细胞移植治疗原发性胆汁性肝硬化的研究表明\n  • 血清指标显著下降:ALT、AST、γ-GT及IgM水平;\n  • 生活质量改善:PBC-40量表评分提升。\n";
        let c = &studies(t)[0];
        let outcome = c.outcome.as_ref().unwrap().text.as_str();
        assert!(outcome.starts_with("血清指标显著下降") && outcome.ends_with("PBC-40量表评分提升"), "{outcome}");
        assert!(c.cell.as_ref().unwrap().text.contains("异基因骨髓间充质干细胞"));
    }

    #[test]
    fn comparisons_of_single_and_repeated_infusions_give_no_count() {
        let t = "2016年7月30日,某医院在《Hepatology》上发表了一篇临床试验结果。\n共纳入72例患者,随机分为对照组和治疗组。结果显示,两次移植并未较单次移植带来额外获益;多次接受HUC-MSC移植的患者优于单次移植组。\n";
        assert_eq!(studies(t)[0].dose, None);
    }

    #[test]
    fn a_trial_on_its_own_takes_its_whole_passage_as_cell_context() {
        let t = "In the REPEAT-ALD trial of autologous cell therapy, Okoro et al. enrolled 40 patients with alcoholic \
                 cirrhosis in a randomized trial. The treated arm received G-CSF-mobilised CD34+ cells through the hepatic \
                 artery. Albumin increased and MELD scores decreased.";
        let c = studies(t);
        let c = c.first().expect("one study");
        let context = c.cell_context.as_ref().expect("the passage is the context");
        assert!(context.text.contains("autologous") && context.span.is_none(), "{context:?}");
    }

    #[test]
    fn a_trial_inside_a_review_takes_the_review_cells_as_context() {
        let t = "2025年1月6日,某医院在《干细胞研究与治疗》上发表了一篇名为《当前临床试验回顾》的研究成果。\n本综述深入探讨了基于间充质干细胞(MSC)治疗肝病的最新进展。\n在一项编号NCT01741090的小型研究(11例酒精性肝硬化患者)中,纤维化得到了改善。\n";
        let c = &studies(t)[0];
        assert_eq!(c.cell, None);
        assert!(c.cell_context.as_ref().unwrap().text.contains("间充质干细胞(MSC)"), "{:?}", c.cell_context);
        assert_eq!(c.trial_ids, ["NCT01741090"]);
    }

    #[test]
    fn the_condition_clause_naming_patients_wins_over_a_title() {
        let t = "2015年3月20日,某中心在《BMJ Open》上发表了一篇名为《重复自体干细胞输注治疗肝硬化:一项II期随机对照试验》的临床研究成果。\n该研究纳入代偿期肝硬化患者,观察其对肝功能的影响。\n";
        assert_eq!(studies(t)[0].condition.as_ref().unwrap().text, "该研究纳入代偿期肝硬化患者");
    }
}

#[cfg(test)]
mod english_tests {
    use super::tests::read as first;
    use trialex_model::DocumentText;

    #[test]
    fn dose_groups_over_commas_are_one_dose_clause() {
        let c = first(
            "Osei et al. [4] randomized 90 patients with ACLF to UC-MSCs at 0.5 × 10^6/kg, 1 × 10^6/kg or 4 × 10^6/kg through a peripheral vein.",
        );
        assert!(c.dose.unwrap().text.ends_with("0.5 × 10^6/kg, 1 × 10^6/kg or 4 × 10^6/kg through a peripheral vein."));
    }

    #[test]
    fn bare_numbers_listed_before_a_dose_clause_belong_to_it() {
        let c = first(
            "Mensah et al. [3] infused autologous MSCs at 3, 6 and 9 × 10^5 cells/kg into the hepatic artery of 15 patients with cirrhosis.",
        );
        assert!(c.dose.unwrap().text.starts_with("3, 6 and 9 × 10^5 cells/kg"));
        let c = first("Mensah et al. [3] treated 15 patients, 2 × 10^6 MSCs/kg were given by peripheral vein.");
        assert!(c.dose.unwrap().text.starts_with("2 × 10^6"));
    }

    #[test]
    fn follow_up_phrasings() {
        for (sentence, duration) in [
            ("Participants were followed for 36 weeks.", "36 weeks"),
            ("Follow-up lasted 18 months.", "18 months"),
            ("The follow-up period was 2 years.", "2 years"),
            ("The cohort was observed for 60 days.", "60 days"),
            ("They were monitored for two years afterwards.", "two years"),
            ("Follow-up: 9 months.", "9 months"),
            ("The median follow-up was 20.5 ± 4.1 months.", "20.5 ± 4.1 months"),
        ] {
            let c =
                first(&format!("Mensah et al. [2] enrolled 30 patients with cirrhosis who received MSCs. {sentence}"));
            let raw = c.follow_up.map(|f| f.text).unwrap_or_default();
            assert!(raw.contains(duration), "{sentence}: {raw:?}");
        }
        for (sentence, duration) in
            [("观察至36周时，", "36周"), ("随访半年，", "半年"), ("平均随访(10.5±2.0)个月，", "(10.5±2.0)个月")]
        {
            let c = first(&format!("王某等^[3]对40例肝硬化患者经肝动脉输注干细胞，{sentence}白蛋白升高。"));
            let raw = c.follow_up.map(|f| f.text).unwrap_or_default();
            assert!(raw.contains(duration), "{sentence}: {raw:?}");
        }
    }

    #[test]
    fn publication_years_told_other_ways() {
        let c =
            first("In a 2017 pilot trial, Mensah et al. [2] enrolled 12 patients with cirrhosis who received MSCs.");
        assert!(c.year.unwrap().text.starts_with("2017"));
        let c = first(
            "The first trial was published by Oduya and colleagues in 2019: 50 patients with ACLF received UC-MSCs.",
        );
        assert!(c.year.unwrap().text.contains("2019"));
        let c = first("某中心于2016年在《某某杂志》报道了一项研究，纳入30例肝硬化患者经外周静脉输注干细胞。");
        assert!(c.year.unwrap().text.starts_with("2016"));
        let c = first("2023年的随机对照研究结果显示，40例肝衰竭患者接受干细胞输注后生存率提高。");
        assert!(c.year.unwrap().text.starts_with("2023"));
    }

    #[test]
    fn a_flattened_citation_is_the_reference_and_no_count() {
        let t = "Clinical results
                 In 2019, a Ghanaian team3 treated 18 patients with alcoholic cirrhosis with autologous bone marrow cells.
                 Okoro and colleagues2 enrolled 26 patients with ACLF who received UC-MSCs through a peripheral vein.
                 
                 References
                 1. Adu K. Title one. J Hep. 2015;1:1-2.
                 2. Okoro C. Title two. J Hep. 2016;2:3-4.
                 3. Boateng F. Title three. J Hep. 2019;3:5-6.
";
        let found = crate::prose::candidates(&DocumentText::new(t), &[]);
        assert_eq!(found.len(), 2, "{found:#?}");
        let refs: Vec<_> = found.iter().map(|c| c.reference.as_ref().unwrap().text.as_str()).collect();
        assert_eq!(refs, ["3", "2"]);
        assert_eq!(
            found[0].n_patients.as_ref().unwrap().text,
            "treated 18 patients with alcoholic cirrhosis with autologous bone marrow cells."
        );
        for c in &found {
            let s = c.reference.as_ref().unwrap().span.unwrap();
            assert_eq!(&t[s[0]..s[1]], c.reference.as_ref().unwrap().text);
        }
    }

    #[test]
    fn a_duration_before_patients_is_no_count() {
        let c = first(
            "Lee et al. enrolled 40 patients with cirrhosis [3]. Albumin rose at 6 months in patients given MSCs.",
        );
        assert_eq!(c.n_patients.unwrap().text, "Lee et al. enrolled 40 patients with cirrhosis [3].");
    }

    #[test]
    fn counts_in_number_words_from_thirteen_to_ninety_nine_open_a_study() {
        for (sentence, n) in [
            ("Seventeen adults received allogeneic MSCs through a peripheral vein.", 17),
            ("Thirteen infants received autologous marrow cells into the portal vein.", 13),
            ("Eighty-two patients received UC-MSCs intravenously.", 82),
            ("Ninety patients with cirrhosis underwent infusion of CD133+ cells.", 90),
            ("Seventy three subjects were treated with BM-MNCs.", 73),
        ] {
            let c = first(sentence);
            let raw = c.n_patients.map(|f| f.text).unwrap_or_default();
            assert_eq!(trialex_normalizer::patient_count(&raw), Some(n), "{sentence}: {raw:?}");
        }
        let c = first("Okafor et al. treated 20 patients with MSCs, who were followed up for fourteen months.");
        assert!(c.follow_up.unwrap().text.contains("fourteen months"));
    }

    #[test]
    fn the_citation_line_under_an_abstract_title_gives_the_year() {
        let t = "Abstract 7. Adipose MSCs in autoimmune hepatitis\n\
                 Liver Int 2017; 37(S2): e88\n\
                 Methods: Fourteen patients with autoimmune hepatitis received adipose MSCs intravenously.\n\
                 Results: ALT decreased.\n";
        assert_eq!(first(t).year.unwrap().text, "2017");
        let c = first(
            "Methods: Eight patients with PBC received autologous MNCs, injected into the spleen under ultrasound guidance.",
        );
        assert!(c.route.unwrap().text.contains("into the spleen"));
        // A year the passage states itself wins.
        let t = "Gut 2018, 67(2): 310-8\n\
                 In 2016, Abebe et al. reported that 20 patients with cirrhosis received MSCs by peripheral vein.\n";
        assert!(first(t).year.unwrap().text.starts_with("2016"));
        for line in ["Hepatol Int 2021;15:S12", "J Hepatol 2019;70:e1", "Gastroenterology 2022; 162(7 Suppl): S-1234"] {
            assert!(trialex_normalizer::citation_line_year(line).is_some(), "{line}");
        }
        for line in ["In 2019, 40 patients: 20 treated", "Table 2019; 3: results"] {
            assert!(trialex_normalizer::citation_line_year(line).is_none(), "{line}");
        }
    }

    #[test]
    fn a_leading_year_is_the_publication_year() {
        let c = first(
            "In 2022, Haddad et al. reported a pilot study in which 12 patients with cirrhosis received CD34+ cells.",
        );
        assert_eq!(c.year.unwrap().text, "2022");
    }

    /// The one study of a structured abstract whose Methods are `methods`.
    fn abstract_study(methods: &str) -> trialex_model::Candidate {
        let t = format!(
            "Stem cells in liver cirrhosis\n\nBackground: Cirrhosis is common.\n{methods}\nResults: Albumin increased.\n"
        );
        let found = crate::prose::studies_of_document(&DocumentText::new(t), &[], None).studies;
        assert_eq!(found.len(), 1, "{methods}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn an_abstracts_fields_told_over_sentences_and_lists() {
        // Dose groups as the items of a semicolon list.
        let c = abstract_study(
            "Methods: Thirty patients with cirrhosis were included in 4 groups: 1 million cells/kg (1M Cell) and its control (1M Control); 3 million cells/kg (3M Cell) and its control (3M Control), with 6 patients in each group.",
        );
        let dose = c.dose.unwrap().text;
        assert!(dose.starts_with("1 million cells/kg") && dose.contains("3 million cells/kg"), "{dose}");
        // The count of infusions in the sentence after the dose.
        let c = abstract_study(
            "Methods: Nine patients with PBC received 1 × 10^6 cells/kg of UC-MSCs through a peripheral vein. UC-MSCs were given twice, 4 weeks apart.",
        );
        let dose = c.dose.unwrap().text;
        assert!(dose.contains("10^6") && dose.ends_with("twice"), "{dose}");
        // Visits each with a unit.
        let c = abstract_study(
            "Methods: Forty patients with cirrhosis received MSCs and were followed up at 2 weeks, 3 months and 9 months.",
        );
        assert!(c.follow_up.unwrap().text.ends_with("3 months and 9 months."));
        // A count of infusions after a frequency, and a follow-up "up to" its length.
        let c = abstract_study(
            "Methods: Twelve patients with cirrhosis received 1 × 10^6 cells/kg of autologous MSCs every 4 wk, 3 times, and were followed up to 3 years.",
        );
        assert_eq!(trialex_normalizer::dose(&c.dose.unwrap().text).value.infusions, Some(3));
        assert!(c.follow_up.unwrap().text.contains("3 years"));
        // The control arm told after the treated patients.
        let c = abstract_study(
            "方法: 选择肝硬化患者30例, 给予脐带间充质干细胞经外周静脉移植, 同期选择30例肝硬化患者作为对照组.",
        );
        let n = c.n_patients.unwrap().text;
        assert_eq!(trialex_normalizer::patient_count(&n), Some(60), "{n}");
    }

    #[test]
    fn a_frequency_is_no_infusion_count_and_by_vein_is_a_route() {
        let c = first(
            "Mendes et al. (2018) randomized 110 patients with ACLF to MSCs [12]. The MSC group received MSCs by peripheral vein once a week for four weeks.",
        );
        assert_eq!(c.dose, None);
        assert!(c.route.unwrap().text.contains("by peripheral vein"));
        assert!(c.year.unwrap().text.starts_with("2018"));
    }
}
