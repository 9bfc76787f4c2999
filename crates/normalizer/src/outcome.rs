//! The outcome reader: one finding per indicator, each with the direction the text gives it.
//!
//! The text is read as tokens: indicators and direction words from the vocabulary tables.
//! Sentences (split at `;。!?`) are cut into clauses at commas and colons. In a clause whose
//! first token is a direction (`Increased serum albumin`, `降低了MELD评分`) every indicator
//! takes the direction before it; otherwise (`ALT、AST 和 IgM 的水平明显下降`) the direction
//! after it; the other side serves only when the direction word stands right next to the
//! indicator. A clause that is only a list of indicators (`cholinesterase and platelet`,
//! `(ALB, TBIL, PT)`) takes the direction a leading-direction clause carries to it, else that
//! of the clause after it; a clause of indicators followed by a clause that is only a
//! predicate (`…等指标上, 均显著低于对照组`) takes the predicate's. A negator between an
//! indicator and its direction (`未见明显下降`, `did not improve`) makes the finding
//! `no_change`. In a Chinese noun compound only the head is the indicator
//! (`腹水控制所需利尿剂剂量` is about the diuretic dose).
//!
//! What is not a finding: a statement of safety (`未见严重不良反应`, adverse events no
//! different from control), an indicator without a direction (`1 例死亡`), a hedged
//! mechanism (`提示其可能通过…`), the state before treatment (`治疗前, 两组…`).

use crate::Reading;
use crate::lexicon::{Hit, Lexicon, covering};
use crate::segment::Kinds;
use crate::text::{Mapped, narrower_in_prose};
use crate::vocabulary as vocab;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;
use trialex_model::{Diagnostic, Direction, Finding, Indicator, Outcome};

static NOISE: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    let rows: Vec<(&str, ())> = vocab::OUTCOME_NOISE.iter().map(|p| (*p, ())).collect();
    Lexicon::new(&rows)
});
/// What the outcome reader reads: a disease name, a cell product, a route or a phrase that
/// states no finding (`血小板减少症`, `降压药`) holds no indicator and no direction.
const OUTCOME_WORDS: Kinds = Kinds::INDICATOR.or(Kinds::DIRECTION);
static INDICATORS: LazyLock<Lexicon<&'static [Indicator]>> =
    LazyLock::new(|| Lexicon::new(vocab::INDICATORS).reading(OUTCOME_WORDS));
static DIRECTIONS: LazyLock<Lexicon<Direction>> =
    LazyLock::new(|| Lexicon::new(vocab::DIRECTIONS).reading(OUTCOME_WORDS));

/// Words that negate the direction after them.
static NEGATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)未|没有|并无|无|\b(?:not|no|without|neither|nor|never|failed to)\b").expect("valid negator regex")
});

/// Sentence and clause boundaries: a full stop ends an English sentence when a capital opens
/// the next (`… was improved. Serum levels of ALT …`), not inside a number or `vs. 19`.
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[;；。!！?？\n]|\.\s+\p{Lu}").expect("valid sentence regex"));

/// The sentence ends of `text`: where each sentence ends and the next may start.
fn sentence_ends(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    SENTENCE_END.find_iter(text).map(|m| {
        let stop = m.start();
        // A full stop's match runs into the next sentence's capital: that sentence starts after the stop.
        let next = if m.as_str().starts_with('.') { stop + 1 } else { m.end() };
        (stop, next)
    })
}
static CLAUSE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[,，:：]|\bbut\b|\bwhile\b|\bwhereas\b|但|而").expect("valid clause regex"));

/// The words between a modifying indicator and its head, none of them a conjunction or the
/// enumerating 等 (`MELD评分等核心肝功能指标` names both): a short compound (`腹水控制所需利尿剂`),
/// or a longer phrase held together by the attributive 的 (`不同血小板水平的各组患者的总胆红素`).
static MODIFIER_GAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[\p{Han}&&[^和及与或并且、以同等]]{1,6}|[\p{Han}&&[^和及与或并且、以同等]]{0,10}的[\p{Han}&&[^和及与或并且、以同等]]{0,10})$")
        .expect("valid modifier-gap regex")
});

/// Statements of the state before treatment (`治疗前,两组…无统计学意义`) are not findings.
static BASELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:治疗前|基线|入组时|before (?:the )?treatment|at baseline|baseline)")
        .expect("valid baseline regex")
});

/// What may stand between an indicator and an adjacent direction word.
static ADJACENT_FILLER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s|\u{1}|\b(?:the|of|in|serum|plasma|levels?|was|were|is|are|significantly|markedly)\b|的|了|血清|血浆|水平|明显|显著").expect("valid adjacency regex")
});

/// Hedged clauses (`提示其可能…`, `may`): a mechanism the authors suggest, not a result.
static HEDGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)可能|或许|也许|\b(?:may|might|could|suggest\w*)\b").expect("valid hedge regex"));

/// What may stand in a clause beside its indicators and still make it a bare list.
static LIST_FILLER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s|\u{1}|\b(?:and|or|the|of|serum|plasma|total|levels?|values?|counts?|scores?|index|in|both|at|during|after|over|within|from|baseline|weeks?|months?|years?|days?|follow-?up|period|between|two|groups?|arms?|patients)\b|及|和|与|以及|、|血清|血浆|的|水平|等|指标|值|评分|中|/|&|[()（）\d.%±-]")
        .expect("valid filler regex")
});

#[derive(Debug, Clone)]
enum Token {
    Indicators(&'static [Indicator]),
    Direction(Direction),
}

#[derive(Debug, Clone)]
struct Placed {
    range: Range<usize>,
    token: Token,
}

/// The tokens of `text`, in order, with negated directions made `no_change`.
fn tokens(text: &str) -> Vec<Placed> {
    let noise: Vec<Range<usize>> = NOISE.scan(text).into_iter().map(|h| h.range).collect();
    let indicators = INDICATORS.scan_masked(text, &noise);
    let mut hidden = noise.clone();
    hidden.extend(indicators.iter().map(|h| h.range.clone()));
    let directions = DIRECTIONS.scan_masked(text, &hidden);
    let mut placed: Vec<Placed> = indicators
        .into_iter()
        .map(|Hit { range, value, .. }| Placed { range, token: Token::Indicators(value) })
        .chain(directions.into_iter().map(|Hit { range, value, .. }| Placed { range, token: Token::Direction(value) }))
        .collect();
    placed.sort_by_key(|p| p.range.start);
    let masked = crate::lexicon::masked(text, &noise);
    for i in 0..placed.len() {
        if let Token::Direction(direction) = placed[i].token {
            if matches!(direction, Direction::NoChange | Direction::Worsened) {
                continue;
            }
            let previous_end = i.checked_sub(1).map_or(0, |j| placed[j].range.end);
            let from = previous_end.max(clause_start(text, placed[i].range.start));
            if masked.get(from..placed[i].range.start).is_some_and(|gap| NEGATOR.is_match(gap)) {
                placed[i].token = Token::Direction(Direction::NoChange);
            }
        }
    }
    drop_modifiers(text, placed)
}

/// True when `line` names an indicator and a direction.
fn states_a_finding(line: &str) -> bool {
    let placed = tokens(line);
    placed.iter().any(|p| matches!(p.token, Token::Indicators(_)))
        && placed.iter().any(|p| matches!(p.token, Token::Direction(_)))
}

/// Removes indicators that only modify the next one in a Chinese noun compound
/// (`腹水控制所需利尿剂剂量`, `在组织学上纤维化`, `不同血小板水平的患者在总胆红素`): the head
/// noun is the last, and the direction is its own.
fn drop_modifiers(text: &str, placed: Vec<Placed>) -> Vec<Placed> {
    let mut kept = Vec::with_capacity(placed.len());
    for (i, current) in placed.iter().enumerate() {
        let modifies_next = matches!(current.token, Token::Indicators(_))
            && placed.get(i + 1).is_some_and(|next| {
                matches!(next.token, Token::Indicators(_))
                    && text.get(current.range.end..next.range.start).is_some_and(|gap| MODIFIER_GAP.is_match(gap))
            });
        if !modifies_next {
            kept.push(current.clone());
        }
    }
    kept
}

/// The start of the clause that holds byte `at`.
fn clause_start(text: &str, at: usize) -> usize {
    let before = &text[..at];
    let sentence = sentence_ends(before).last().map_or(0, |(_, next)| next);
    let clause = CLAUSE_END.find_iter(before).last().map_or(0, |m| m.end());
    sentence.max(clause)
}

/// A clause: its byte range and the tokens in it.
struct Clause {
    range: Range<usize>,
    tokens: Vec<Placed>,
}

impl Clause {
    fn first_is_direction(&self) -> bool {
        matches!(self.tokens.first().map(|p| &p.token), Some(Token::Direction(_)))
    }
    fn directions(&self) -> impl Iterator<Item = Direction> + '_ {
        self.tokens.iter().filter_map(|p| match p.token {
            Token::Direction(d) => Some(d),
            Token::Indicators(_) => None,
        })
    }
    fn has_indicator(&self) -> bool {
        self.tokens.iter().any(|p| matches!(p.token, Token::Indicators(_)))
    }
}

/// Splits `text` into sentences of clauses.
fn sentences(text: &str, tokens: &[Placed]) -> Vec<Vec<Clause>> {
    let mut sentences = Vec::new();
    let mut sentence_start = 0;
    let ends = sentence_ends(text).chain(std::iter::once((text.len(), text.len())));
    for (sentence_end, next_sentence) in ends {
        let sentence = &text[sentence_start..sentence_end];
        let mut clauses = Vec::new();
        let mut clause_start = sentence_start;
        let clause_ends =
            CLAUSE_END.find_iter(sentence).map(|m| (sentence_start + m.start(), sentence_start + m.end()));
        for (end, next_start) in clause_ends.chain(std::iter::once((sentence_end, sentence_end))) {
            let range = clause_start..end;
            let inside =
                tokens.iter().filter(|p| p.range.start >= range.start && p.range.end <= range.end).cloned().collect();
            clauses.push(Clause { range, tokens: inside });
            clause_start = next_start;
        }
        sentences.push(clauses);
        sentence_start = next_sentence.min(text.len());
    }
    sentences
}

/// True when the clause is only a list of indicators (no verb, no other words).
fn is_bare_list(text: &str, clause: &Clause) -> bool {
    let mut rest = text[clause.range.clone()].to_string();
    for placed in &clause.tokens {
        let local = placed.range.start - clause.range.start..placed.range.end - clause.range.start;
        crate::lexicon::mask(&mut rest, local);
    }
    LIST_FILLER.replace_all(&rest, "").is_empty()
}

/// True when a direction word stands right next to an indicator in `gap` of `text`: only
/// articles and particles between, no conjunction (`Bilirubin fell and survival …` gives
/// survival nothing).
fn adjacent(text: &str, gap: Range<usize>) -> bool {
    text.get(gap).is_some_and(|between| ADJACENT_FILLER.replace_all(between, "").is_empty())
}

/// The direction of each indicator of a clause that has directions: the one before it when
/// the clause leads with its direction, else the one after it. The other side serves only
/// when it stands right next to the indicator (`ALB 升高 and decreased TBIL`), so that
/// `下降且未见严重不良事件` gives adverse events no direction.
fn pair_in_clause(text: &str, clause: &Clause) -> Vec<(&'static [Indicator], Direction, Range<usize>)> {
    let prefix_style = clause.first_is_direction();
    let mut pairs = Vec::new();
    for (i, placed) in clause.tokens.iter().enumerate() {
        let Token::Indicators(indicators) = placed.token else { continue };
        let before = clause.tokens[..i].iter().rev().find_map(direction_of);
        let after = clause.tokens[i + 1..].iter().find_map(direction_of);
        let adjacent_before = before.clone().filter(|(_, range)| adjacent(text, range.end..placed.range.start));
        let adjacent_after = after.clone().filter(|(_, range)| adjacent(text, placed.range.end..range.start));
        let chosen = if prefix_style { before.or(adjacent_after) } else { after.or(adjacent_before) };
        if let Some((direction, range)) = chosen {
            pairs.push((indicators, direction, placed.range.start.min(range.start)..placed.range.end.max(range.end)));
        }
    }
    pairs
}

fn direction_of(placed: &Placed) -> Option<(Direction, Range<usize>)> {
    match placed.token {
        Token::Direction(d) => Some((d, placed.range.clone())),
        Token::Indicators(_) => None,
    }
}

/// The finding an indicator and a direction make, if it is one.
fn finding(indicator: Indicator, direction: Direction) -> Option<Finding> {
    let direction = match (indicator, direction) {
        // Safety statements are not findings.
        (Indicator::AdverseEvents, Direction::NoChange) => return None,
        // Better function or quality of life is an improvement, whatever the verb.
        (Indicator::LiverFunction | Indicator::QualityOfLife, Direction::Increased) => Direction::Improved,
        (_, d) => d,
    };
    Some(Finding { indicator, direction })
}

pub(crate) fn read(raw: &str) -> Reading<Outcome> {
    // A line break inside a clause only wraps it (`The MELD⏎score fell`): read it as a space,
    // so that the indicator before it and the verb after it stay in one sentence. Two lines
    // that each state a finding are two items (`Decreased TBIL⏎ALB increased`), unless the
    // second goes on in lower case, as a wrapped sentence does.
    let mapped = crate::lines::unwrap(&Mapped::prepare(raw), |before, after| {
        states_a_finding(before) && states_a_finding(after) && !after.starts_with(|c: char| c.is_ascii_lowercase())
    });
    let text = mapped.text.as_str();
    let placed = tokens(text);
    let mut findings: Vec<Finding> = Vec::new();
    let mut used: Vec<Hit<()>> = Vec::new();
    for clauses in sentences(text, &placed) {
        if clauses.first().is_some_and(|c| BASELINE.is_match(&text[c.range.clone()])) {
            continue;
        }
        // The direction a leading-direction clause hands on to the bare lists after it
        // (`Improved liver function (ALB, TBIL, PT)`).
        let mut carried: Option<Direction> = None;
        for (i, clause) in clauses.iter().enumerate() {
            if HEDGE.is_match(&text[clause.range.clone()]) {
                carried = None;
                continue;
            }
            if !clause.has_indicator() {
                // A clause of directions only (`血清指标显著下降:`) leads the lists after it.
                carried = clause.directions().last();
                continue;
            }
            let pairs = if clause.directions().next().is_some() {
                carried = clause.first_is_direction().then(|| clause.directions().last()).flatten();
                pair_in_clause(text, clause)
            } else {
                // A bare list takes the direction carried from the clauses before it, else the
                // first direction of the clause after it; any clause takes the direction of a
                // next clause that is only a predicate (`…等指标上, 均显著低于对照组`).
                let bare = is_bare_list(text, clause);
                let previous = carried.filter(|_| bare);
                // A bare list waits over the bare lists after it (`ALT, AST, GGT, and IgM decreased`).
                let next = if bare {
                    clauses[i + 1..]
                        .iter()
                        .find(|c| c.directions().next().is_some() || !is_bare_list(text, c))
                        .and_then(|c| c.directions().next())
                } else {
                    clauses.get(i + 1).filter(|c| !c.has_indicator()).and_then(|c| c.directions().next())
                };
                carried = previous;
                match previous.or(next) {
                    Some(direction) => clause
                        .tokens
                        .iter()
                        .filter_map(|p| match p.token {
                            Token::Indicators(indicators) => Some((indicators, direction, p.range.clone())),
                            Token::Direction(_) => None,
                        })
                        .collect(),
                    None => Vec::new(),
                }
            };
            for (indicators, direction, range) in pairs {
                for indicator in indicators {
                    if let Some(finding) = finding(*indicator, direction) {
                        if !findings.contains(&finding) {
                            findings.push(finding);
                        }
                        used.push(Hit { range: range.clone(), value: (), row: 0 });
                    }
                }
            }
        }
    }
    let mut reading = Reading::ok(Outcome { raw: raw.to_string(), findings });
    reading.matched = covering(&used).and_then(|range| narrower_in_prose(raw, mapped.source_range(range)));
    if placed.is_empty() && !text.trim().is_empty() {
        reading
            .diagnostics
            .push(Diagnostic::warning("outcome.unparsed", format!("could not read an outcome in '{raw}'")));
    }
    reading
}

#[cfg(test)]
mod tests {
    use super::*;
    use Direction::*;
    use Indicator::*;

    fn findings(raw: &str) -> Vec<(Indicator, Direction)> {
        read(raw).value.findings.iter().map(|f| (f.indicator, f.direction)).collect()
    }

    #[test]
    fn a_modifier_held_by_de_may_be_longer_than_a_compound() {
        assert_eq!(findings("不同血小板水平的两组患者在总胆红素下降幅度上相近"), vec![(Tbil, Decreased)]);
        assert_eq!(findings("按年龄分层的各组患者白蛋白均升高"), vec![(Alb, Increased)]);
        assert_eq!(findings("腹水控制所需利尿剂剂量明显减少"), vec![(Other, Decreased)]);
    }

    #[test]
    fn an_icg_clearance_term_takes_only_its_own_words() {
        assert_eq!(findings("吲哚菁绿、ALB升高"), vec![(Other, Increased), (Alb, Increased)]);
        assert_eq!(
            findings("ALB、吲哚菁绿及TBIL均下降"),
            vec![(Alb, Decreased), (Other, Decreased), (Tbil, Decreased)]
        );
        assert_eq!(findings("吲哚菁绿15分钟滞留率下降"), vec![(Other, Decreased)]);
    }

    #[test]
    fn child_pugh_abbreviations_of_tables() {
        assert_eq!(findings("ALB ↑, C.P ↓, MELD ↓"), vec![(Alb, Increased), (ChildPugh, Decreased), (Meld, Decreased)]);
        assert_eq!(findings("CTP decreased"), vec![(ChildPugh, Decreased)]);
        assert_eq!(findings("CPS improved"), vec![(ChildPugh, Improved)]);
    }

    #[test]
    fn one_finding_per_indicator_of_a_list() {
        assert_eq!(
            findings("ALT、AST、γ-GT 和 IgM 的水平明显下降"),
            vec![(Alt, Decreased), (Ast, Decreased), (Ggt, Decreased), (Igm, Decreased)]
        );
        assert_eq!(findings("Child-Pugh 及 MELD 评分降低"), vec![(ChildPugh, Decreased), (Meld, Decreased)]);
        assert_eq!(
            findings("Child-Pugh、MELD、SOFA 评分降低, 生存率提高"),
            vec![(ChildPugh, Decreased), (Meld, Decreased), (Sofa, Decreased), (Survival, Increased)]
        );
    }

    #[test]
    fn direction_words_before_the_indicator() {
        assert_eq!(
            findings("Increased serum albumin, cholinesterase and platelet; Decreased MELD score, prothrombin time"),
            vec![(Alb, Increased), (Che, Increased), (Platelets, Increased), (Meld, Decreased), (Pt, Decreased)]
        );
        assert_eq!(findings("Dose-dependent improvement of albumin"), vec![(Alb, Improved)]);
        assert_eq!(findings("MSC治疗降低了急性排斥的发生率"), vec![(Rejection, Decreased)]);
        assert_eq!(findings("并降低MELD评分(24周改善4.12分)"), vec![(Meld, Decreased)]);
    }

    #[test]
    fn a_leading_direction_carries_over_a_bracketed_list() {
        assert_eq!(
            findings("Improved liver function (ALB, TBIL, PT)"),
            vec![(LiverFunction, Improved), (Alb, Improved), (Tbil, Improved), (Pt, Improved)]
        );
        assert_eq!(
            findings("Decreased MELD score, prothrombin time and total bilirubin"),
            vec![(Meld, Decreased), (Pt, Decreased), (Tbil, Decreased)]
        );
    }

    #[test]
    fn values_falling_to_a_number() {
        assert_eq!(findings("Child-Pugh 评分由 9.2 降至 7.1"), vec![(ChildPugh, Decreased)]);
        assert_eq!(findings("ALT 降至正常"), vec![(Alt, Normalized)]);
    }

    #[test]
    fn a_rejected_match_does_not_hide_the_next_term() {
        assert_eq!(
            findings("CD4+CD25+Treg 比例升高, Th17 比例下降"),
            vec![(ImmuneMarkers, Increased), (ImmuneMarkers, Decreased)]
        );
    }

    #[test]
    fn bare_lists_take_the_direction_after_them() {
        assert_eq!(
            findings("ALB, TBIL and ALT decreased"),
            vec![(Alb, Decreased), (Tbil, Decreased), (Alt, Decreased)]
        );
        assert_eq!(
            findings("血清指标显著下降:ALT、AST、γ-GT及IgM水平"),
            vec![(Alt, Decreased), (Ast, Decreased), (Ggt, Decreased), (Igm, Decreased)]
        );
    }

    #[test]
    fn comparisons_between_groups() {
        assert_eq!(
            findings("II 组 ALB 明显高于 I 组, 而 Child-Pugh 评分明显低于 I 组"),
            vec![(Alb, Increased), (ChildPugh, Decreased)]
        );
        assert_eq!(findings("死亡率也更低(17.9%vs37.0%)"), vec![(Mortality, Decreased)]);
    }

    #[test]
    fn negated_and_unchanged() {
        assert_eq!(findings("survival unchanged"), vec![(Survival, NoChange)]);
        assert_eq!(findings("MELD评分均未较安慰剂组出现持续改善"), vec![(Meld, NoChange)]);
        assert_eq!(findings("对MELD评分的改善有限"), vec![(Meld, NoChange)]);
        assert_eq!(findings("ALT did not improve"), vec![(Alt, NoChange)]);
    }

    #[test]
    fn safety_statements_are_not_findings() {
        assert_eq!(findings("未见严重不良反应"), vec![]);
        assert_eq!(findings("no serious adverse events"), vec![]);
        assert_eq!(findings("不良事件率与对照组无差异"), vec![]);
        assert_eq!(findings("Ascites reduced; no serious adverse events"), vec![(Ascites, Decreased)]);
        assert_eq!(findings("1 例患者发生 1 型肝肾综合征"), vec![]);
    }

    #[test]
    fn english_table_phrases() {
        assert_eq!(
            findings("MELD score decreased; serum albumin increased"),
            vec![(Meld, Decreased), (Alb, Increased)]
        );
        assert_eq!(findings("Child-Pugh score improved in the treated group"), vec![(ChildPugh, Improved)]);
        assert_eq!(findings("Bilirubin lowered; survival unchanged"), vec![(Tbil, Decreased), (Survival, NoChange)]);
        assert_eq!(findings("Liver stiffness reduced at week 48"), vec![(LiverStiffness, Decreased)]);
    }

    #[test]
    fn a_predicate_after_a_comma_serves_the_indicators_before_it() {
        assert_eq!(
            findings("治疗组在血清总胆红素、透明质酸等指标上,均显著低于对照组"),
            vec![(Tbil, Decreased), (Fibrosis, Decreased)]
        );
    }

    #[test]
    fn a_direction_serves_the_other_side_only_when_adjacent() {
        assert_eq!(findings("相关纤维化标志物显著下降且未见严重不良事件"), vec![(Fibrosis, Decreased)]);
        assert_eq!(findings("ALB increased and decreased TBIL"), vec![(Alb, Increased), (Tbil, Decreased)]);
        assert_eq!(findings("Bilirubin fell and survival at one year was 83%"), vec![(Tbil, Decreased)]);
    }

    #[test]
    fn hedged_mechanisms_are_not_findings() {
        assert_eq!(
            findings("显著降低了血清内毒素(LPS)水平,提示其可能通过改善炎症状态发挥作用"),
            vec![(InflammationMarkers, Decreased)]
        );
    }

    #[test]
    fn a_modifier_in_a_noun_compound_is_not_a_finding() {
        assert_eq!(findings("腹水控制所需利尿剂剂量明显减少"), vec![(Other, Decreased)]);
        assert_eq!(findings("54.5%的患者在组织学上纤维化得到了改善"), vec![(Fibrosis, Improved)]);
        assert_eq!(findings("腹水相关症状明显改善"), vec![(Symptoms, Improved)]);
        assert_eq!(findings("对MELD评分等核心肝功能指标的改善有限"), vec![(Meld, NoChange), (LiverFunction, NoChange)]);
        assert_eq!(
            findings("前白蛋白水平以及外周血CD4⁺细胞比例明显升高"),
            vec![(Other, Increased), (ImmuneMarkers, Increased)]
        );
    }

    #[test]
    fn baseline_statements_are_not_findings() {
        assert_eq!(
            findings("治疗前,两组患者在肝功能及肾功能方面差异均无统计学意义;治疗3个月后,观察组肝功能明显改善"),
            vec![(LiverFunction, Improved)]
        );
    }

    #[test]
    fn prolonged_and_disappeared() {
        assert_eq!(findings("生存期延长, 腹水基本消失"), vec![(Survival, Increased), (Ascites, Decreased)]);
    }

    #[test]
    fn arrows_are_directions() {
        assert_eq!(findings("↑ALB, ↓MELD"), vec![(Alb, Increased), (Meld, Decreased)]);
        assert_eq!(findings("ALB↑ TBIL↓"), vec![(Alb, Increased), (Tbil, Decreased)]);
    }

    #[test]
    fn stable_is_no_change() {
        assert_eq!(
            findings("Decreased IgG; stable liver function"),
            vec![(Other, Decreased), (LiverFunction, NoChange)]
        );
    }

    #[test]
    fn function_that_increases_is_improved() {
        assert_eq!(findings("增强了肝功能"), vec![(LiverFunction, Improved)]);
        assert_eq!(findings("PBC-40量表评分提升"), vec![(QualityOfLife, Improved)]);
    }

    #[test]
    fn a_wrapped_line_does_not_end_the_clause() {
        assert_eq!(
            findings("Child-Pugh\nscore fell and platelet count rose in the treated arm"),
            vec![(ChildPugh, Decreased), (Platelets, Increased)]
        );
        assert_eq!(findings("INR\r\nfell and ascites\nresolved"), vec![(Inr, Decreased), (Ascites, Decreased)]);
        assert_eq!(findings("Reduced\nserum bilirubin"), vec![(Tbil, Decreased)]);
        // A blank line still ends the sentence: the leading direction does not carry over.
        assert_eq!(findings("Decreased ALT\n\nBilirubin rose"), vec![(Alt, Decreased), (Tbil, Increased)]);
        // So does a break between two lines that each state a finding, as items of a cell do.
        assert_eq!(findings("Decreased ALT\nBilirubin rose"), vec![(Alt, Decreased), (Tbil, Increased)]);
        assert_eq!(
            findings("升高: ALB, PLT\n降低: TBIL"),
            vec![(Alb, Increased), (Platelets, Increased), (Tbil, Decreased)]
        );
        // A wrapped sentence goes on in lower case: the break is a space.
        assert_eq!(
            findings("Reduced MELD and\nbilirubin levels, and higher albumin"),
            vec![(Meld, Decreased), (Tbil, Decreased), (Alb, Increased)]
        );
    }

    #[test]
    fn capitalised_words_are_indicators() {
        assert_eq!(findings("Albumin increased after the second infusion"), vec![(Alb, Increased)]);
        assert_eq!(findings("Plasma Albumin higher at week 12"), vec![(Alb, Increased)]);
        assert_eq!(
            findings("Bilirubin fell; Platelets rose; Mortality lower; Ascites resolved; Survival longer"),
            vec![
                (Tbil, Decreased),
                (Platelets, Increased),
                (Mortality, Decreased),
                (Ascites, Decreased),
                (Survival, Increased)
            ]
        );
        assert_eq!(findings("ALB and Alb rose"), vec![(Alb, Increased)]);
    }

    #[test]
    fn an_abbreviation_does_not_hide_its_word_in_any_case() {
        // A case-sensitive abbreviation that is a prefix of the word (`Alb` of `Albumin`)
        // must not take the word's start: every indicator word is found whole, capitalised
        // and in capitals.
        let words = [
            "albumin",
            "bilirubin",
            "platelets",
            "survival",
            "mortality",
            "ascites",
            "cholinesterase",
            "prothrombin time",
            "prothrombin activity",
            "alanine aminotransferase",
            "aspartate aminotransferase",
            "alkaline phosphatase",
            "creatinine",
            "fibrosis",
            "hyaluronic",
            "histology",
            "infections",
            "complications",
            "rejection",
            "symptoms",
            "prealbumin",
            "haemoglobin",
        ];
        for word in words {
            let capitalised = format!("{}{}", word[..1].to_uppercase(), &word[1..]);
            for spelling in [capitalised, word.to_uppercase()] {
                let hits = INDICATORS.scan(&spelling);
                assert_eq!(hits.first().map(|h| h.range.clone()), Some(0..spelling.len()), "{spelling}");
            }
        }
    }

    #[test]
    fn fewer_and_less_are_decreases() {
        assert_eq!(findings("fewer bacterial infections"), vec![(Infection, Decreased)]);
        assert_eq!(findings("Fewer admissions for variceal bleeding"), vec![(Complications, Decreased)]);
        assert_eq!(findings("less pruritus at six months"), vec![(Symptoms, Decreased)]);
        assert_eq!(findings("sepsis was less frequent"), vec![(Infection, Decreased)]);
        assert_eq!(findings("感染发生较少"), vec![(Infection, Decreased)]);
        // A comparison with a number is no change, and a longer word is not `less`.
        assert_eq!(findings("bilirubin less than 2 mg/dL in 80%"), vec![]);
        assert_eq!(findings("fewer than ten infections"), vec![]);
        assert_eq!(findings("ascites regardless of dose"), vec![]);
        assert_eq!(findings("survival longer than 6 months in 9 of 12"), vec![]);
        assert_eq!(findings("oedema no longer present"), vec![]);
    }

    #[test]
    fn no_need_is_not_a_negation() {
        assert_eq!(findings("无需血液透析即改善了肾功能"), vec![(RenalFunction, Improved)]);
        assert_eq!(
            findings("Without the need for dialysis the treated patients showed improved creatinine"),
            vec![(RenalFunction, Improved)]
        );
        // The negation itself is still read.
        assert_eq!(findings("未能改善肾功能"), vec![(RenalFunction, NoChange)]);
    }

    #[test]
    fn an_event_count_is_not_a_finding() {
        assert_eq!(findings("3 例患者发生 2 型肝肾综合征"), vec![]);
        assert_eq!(findings("治疗期间 4 例发生自发性腹膜炎, 2 例出现肝性脑病"), vec![]);
        assert_eq!(findings("two patients developed hepatorenal syndrome"), vec![]);
    }

    #[test]
    fn a_word_inside_a_longer_chinese_word_is_not_read() {
        // A disease name is not a direction, nor its indicator a finding.
        assert_eq!(findings("血小板减少症"), vec![]);
        assert_eq!(findings("合并血小板减少症的患者 ALB 升高"), vec![(Alb, Increased)]);
        assert_eq!(findings("肝功能衰竭"), vec![]);
        assert_eq!(findings("肝功能衰竭患者 ALB 升高"), vec![(Alb, Increased)]);
        // Raising the dose is what was done, not what it did.
        assert_eq!(findings("增加剂量后 TBIL 下降"), vec![(Tbil, Decreased)]);
        assert_eq!(findings("增强CT 显示肝脏体积缩小"), vec![(LiverVolume, Decreased)]);
        assert_eq!(findings("降压药"), vec![]);
        // Patients with a raised value are a subgroup, not a result.
        assert_eq!(findings("ALT 升高者 2 例"), vec![]);
    }

    #[test]
    fn a_rate_of_change_still_states_the_change() {
        assert_eq!(findings("肝功能改善率为 85%"), vec![(LiverFunction, Improved)]);
        assert_eq!(findings("MELD 评分降低率为 30%"), vec![(Meld, Decreased)]);
        assert_eq!(findings("降低率"), vec![]);
        assert_eq!(findings("改善率"), vec![]);
        // Fewer adverse reactions is a result in direction words, not a safety statement alone.
        assert_eq!(findings("不良反应发生率降低"), vec![(AdverseEvents, Decreased)]);
    }

    #[test]
    fn ordinary_phrases_read_as_before_the_segmenter() {
        assert_eq!(findings("ALT、AST、γ-GT 和 IgM 的水平明显下降").len(), 4);
        assert_eq!(findings("Child-Pugh 及 MELD 评分降低").len(), 2);
        assert_eq!(findings("肝功能明显改善"), vec![(LiverFunction, Improved)]);
        assert_eq!(findings("血清白蛋白升高"), vec![(Alb, Increased)]);
        assert_eq!(findings("血小板减少"), vec![(Platelets, Decreased)]);
        assert_eq!(findings("肝纤维化程度减轻"), vec![(Fibrosis, Decreased)]);
        assert_eq!(findings("终末期肝病模型评分降低"), vec![(Meld, Decreased)]);
        assert_eq!(findings("肝性脑病发生率降低"), vec![(Complications, Decreased)]);
    }

    #[test]
    fn no_significant_change_in_a_list_is_no_change_for_each() {
        assert_eq!(
            findings(
                "No significant changes were observed in serum albumin, total bilirubin, prothrombin time activity, international normalized ratio, or immunoglobulin M levels."
            ),
            vec![(Alb, NoChange), (Tbil, NoChange), (Pta, NoChange), (Inr, NoChange), (Igm, NoChange)]
        );
        assert_eq!(
            findings("There was no significant difference in survival, ascites and MELD score between the groups"),
            vec![(Survival, NoChange), (Ascites, NoChange), (Meld, NoChange)]
        );
    }

    #[test]
    fn a_list_waits_over_its_items_for_the_direction() {
        assert_eq!(
            findings("Serum levels of ALT, AST, GGT, and IgM significantly decreased from baseline after treatment"),
            vec![(Alt, Decreased), (Ast, Decreased), (Ggt, Decreased), (Igm, Decreased)]
        );
        assert_eq!(
            findings(
                "Cell therapy improved liver function as shown by albumin levels, cholinesterase levels and total bilirubin during 24 weeks of follow-up"
            ),
            vec![(LiverFunction, Improved), (Alb, Improved), (Che, Improved), (Tbil, Improved)]
        );
    }

    #[test]
    fn an_english_full_stop_ends_the_sentence() {
        assert_eq!(
            findings("The life quality of the patients was improved. Serum ALT decreased, while IL-10 was elevated."),
            vec![(QualityOfLife, Improved), (Alt, Decreased), (ImmuneMarkers, Increased)]
        );
        // A decimal or an abbreviation does not end one.
        assert_eq!(findings("MELD fell (15.7 vs. 19.9)"), vec![(Meld, Decreased)]);
    }

    #[test]
    fn relief_and_clinical_and_biochemical_words() {
        assert_eq!(findings("relief of pruritus in most patients"), vec![(Symptoms, Improved)]);
        assert_eq!(
            findings("both patients showed biochemical and clinical improvement"),
            vec![(LiverFunction, Improved)]
        );
        assert_eq!(
            findings("所有患者临床表现、生化指标均有改善"),
            vec![(Symptoms, Improved), (LiverFunction, Improved)]
        );
        assert_eq!(
            findings("a significant decrease in serum alkaline phosphatase and γ-glutamyltransferase levels"),
            vec![(Alp, Decreased), (Ggt, Decreased)]
        );
    }

    #[test]
    fn a_direction_word_inside_a_noun_phrase_is_no_direction() {
        assert_eq!(findings("after reduced-intensity conditioning, albumin rose"), vec![(Alb, Increased)]);
        assert_eq!(findings("upper abdominal discomfort in two patients"), vec![]);
        assert_eq!(findings("liver stiffness decreased in the high-dose group"), vec![(LiverStiffness, Decreased)]);
    }

    #[test]
    fn text_without_vocabulary_warns() {
        assert_eq!(read("lorem ipsum").diagnostics[0].code, "outcome.unparsed");
        assert!(read("").diagnostics.is_empty());
    }
}
