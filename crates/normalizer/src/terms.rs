//! Readers of the vocabulary fields: routes, cells and conditions.
//!
//! Each reads the vocabulary tables of [`crate::vocabulary`] over the prepared text and
//! reports the input range it read from, so a whole clause can be handed in.

use crate::Reading;
use crate::lexicon::{Hit, Lexicon, covering};
use crate::lines::one_line;
use crate::segment::Kinds;
use crate::text::{Mapped, narrower_in_prose};
use crate::vocabulary as vocab;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;
use trialex_model::{
    Cell, CellOrigin, CellSource, CellType, Condition, ConditionCategory, Diagnostic, Etiology, Route, RouteKind,
};

/// A lexicon of phrases to hide (the value is unused).
fn noise(patterns: &[&str]) -> Lexicon<()> {
    let rows: Vec<(&str, ())> = patterns.iter().map(|p| (*p, ())).collect();
    Lexicon::new(&rows)
}

static ROUTE_NOISE: LazyLock<Lexicon<()>> = LazyLock::new(|| noise(vocab::ROUTE_NOISE));
/// The route rows, each followed by an optional [`vocab::ROUTE_TAIL`].
static ROUTES: LazyLock<Lexicon<RouteKind>> = LazyLock::new(|| {
    let rows: Vec<(String, RouteKind)> = vocab::ROUTES
        .iter()
        .map(|(pattern, kind)| (format!("(?:{pattern})(?:{})?", vocab::ROUTE_TAIL), *kind))
        .collect();
    let rows: Vec<(&str, RouteKind)> = rows.iter().map(|(pattern, kind)| (pattern.as_str(), *kind)).collect();
    Lexicon::new(&rows).reading(Kinds::ROUTE)
});
static ROUTE_GENERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(vocab::ROUTE_GENERIC).expect("valid generic-route regex"));
static CELL_TYPES: LazyLock<Lexicon<CellType>> = LazyLock::new(|| Lexicon::new(vocab::CELL_TYPES).reading(Kinds::CELL));
static CELL_SOURCES: LazyLock<Lexicon<CellSource>> =
    LazyLock::new(|| Lexicon::new(vocab::CELL_SOURCES).reading(Kinds::CELL));
static CELL_ORIGINS: LazyLock<Lexicon<CellOrigin>> =
    LazyLock::new(|| Lexicon::new(vocab::CELL_ORIGINS).reading(Kinds::CELL));
static MOBILIZATION: LazyLock<Lexicon<bool>> = LazyLock::new(|| Lexicon::new(vocab::MOBILIZATION).reading(Kinds::CELL));
static CONDITION_NOISE: LazyLock<Lexicon<()>> = LazyLock::new(|| noise(vocab::CONDITION_NOISE));
static CONDITIONS: LazyLock<Lexicon<ConditionCategory>> =
    LazyLock::new(|| Lexicon::new(vocab::CONDITION_CATEGORIES).reading(Kinds::CONDITION));
static ETIOLOGIES: LazyLock<Lexicon<Etiology>> =
    LazyLock::new(|| Lexicon::new(vocab::ETIOLOGIES).reading(Kinds::CONDITION));

/// Scans `lexicon` over `prepared` with the phrases of `noise` hidden.
fn scan_without<T: Clone>(lexicon: &Lexicon<T>, noise: &Lexicon<()>, prepared: &str) -> Vec<Hit<T>> {
    let hidden: Vec<Range<usize>> = noise.scan(prepared).into_iter().map(|h| h.range).collect();
    lexicon.scan_masked(prepared, &hidden)
}

/// The input range behind the hits, when they stand in prose (see [`narrower_in_prose`]).
fn matched_range<T>(raw: &str, mapped: &Mapped, hits: &[Hit<T>]) -> Option<Range<usize>> {
    covering(hits).and_then(|range| narrower_in_prose(raw, mapped.source_range(range)))
}

/// The letters and digits of `raw` inside the hits (see [`Reading::explained`]).
fn explained<T>(raw: &str, mapped: &Mapped, hits: &[Hit<T>]) -> usize {
    let mut ranges: Vec<Range<usize>> = hits.iter().map(|h| mapped.source_range(h.range.clone())).collect();
    ranges.sort_by_key(|r| r.start);
    let mut count = 0;
    let mut done = 0;
    for range in ranges {
        let start = range.start.max(done);
        if start < range.end {
            count += raw.get(start..range.end).map_or(0, |s| s.chars().filter(|c| c.is_alphanumeric()).count());
            done = range.end;
        }
    }
    count
}

fn unread(code: &str, what: &str, raw: &str) -> Diagnostic {
    Diagnostic::warning(code, format!("could not read {what} in '{raw}'"))
}

pub(crate) fn route(raw: &str) -> Reading<Route> {
    if let Some(routes) = route_codes(raw) {
        let mut reading = Reading::ok(Route { raw: raw.to_string(), routes });
        reading.explained = Some(raw.chars().filter(|c| c.is_alphanumeric()).count());
        return reading;
    }
    // A line break inside a term (`portal⏎vein`, `bone⏎marrow`) is a space.
    let mapped = one_line(&Mapped::prepare(raw));
    let hits = scan_without(&ROUTES, &ROUTE_NOISE, &mapped.text);
    let mut routes: Vec<RouteKind> = hits.iter().map(|h| h.value).collect();
    // A set, in vocabulary order.
    routes.sort();
    routes.dedup();
    let mut reading = Reading::ok(Route { raw: raw.to_string(), routes });
    reading.matched = matched_range(raw, &mapped, &hits);
    reading.explained = Some(explained(raw, &mapped, &hits));
    if hits.is_empty() && !ROUTE_GENERIC.is_match(&mapped.text) {
        reading.diagnostics.push(unread("route.unparsed", "a route", raw));
    }
    reading
}

/// The routes of a text that is only route codes (`IV`, `PV/IV`, `IS or IH`), in vocabulary order.
fn route_codes(raw: &str) -> Option<Vec<RouteKind>> {
    static SEPARATOR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*(?:[/,+&;、]|\band\b|\bor\b)\s*").expect("route code separator"));
    let mut routes = Vec::new();
    for code in SEPARATOR.split(raw.trim()) {
        let (_, route) = vocab::ROUTE_CODES.iter().find(|(c, _)| *c == code)?;
        routes.push(*route);
    }
    routes.sort();
    routes.dedup();
    (!routes.is_empty()).then_some(routes)
}

/// The value of the hit from the earliest (most specific) table row; rows are ordered so.
fn most_specific<T: Copy>(hits: &[Hit<T>]) -> Option<T> {
    hits.iter().min_by_key(|h| h.row).map(|h| h.value)
}

/// One value when the text names exactly one kind, none when it names two (`自体或异体`).
fn only_one<T: Copy + PartialEq>(hits: &[Hit<T>]) -> Option<T> {
    let first = hits.first()?.value;
    hits.iter().all(|h| h.value == first).then_some(first)
}

pub(crate) fn cell(raw: &str) -> Reading<Cell> {
    // A line break inside a term (`portal⏎vein`, `bone⏎marrow`) is a space.
    let mapped = one_line(&Mapped::prepare(raw));
    let text = &mapped.text;
    let types = CELL_TYPES.scan(text);
    let sources = CELL_SOURCES.scan(text);
    let origins = CELL_ORIGINS.scan(text);
    let mobilization = MOBILIZATION.scan(text);
    let cell = Cell {
        raw: raw.to_string(),
        cell_type: most_specific(&types),
        // The first tissue the text names is the one the cells are described by.
        source: sources.first().map(|h| h.value),
        origin: only_one(&origins),
        mobilized: only_one(&mobilization),
    };
    let all: Vec<Hit<()>> = types
        .iter()
        .map(|h| h.range.clone())
        .chain(sources.iter().map(|h| h.range.clone()))
        .chain(origins.iter().map(|h| h.range.clone()))
        .chain(mobilization.iter().map(|h| h.range.clone()))
        .map(|range| Hit { range, value: (), row: 0 })
        .collect();
    let mut reading = Reading::ok(cell);
    reading.matched = matched_range(raw, &mapped, &all);
    reading.explained = Some(explained(raw, &mapped, &all));
    if all.is_empty() {
        reading.diagnostics.push(unread("cell.unparsed", "a cell product", raw));
    }
    reading
}

pub(crate) fn condition(raw: &str) -> Reading<Condition> {
    // A line break inside a term (`portal⏎vein`, `bone⏎marrow`) is a space.
    let mapped = one_line(&Mapped::prepare(raw));
    let categories = scan_without(&CONDITIONS, &CONDITION_NOISE, &mapped.text);
    let etiologies = scan_without(&ETIOLOGIES, &CONDITION_NOISE, &mapped.text);
    let mut etiology: Vec<Etiology> = Vec::new();
    for hit in &etiologies {
        if !etiology.contains(&hit.value) {
            etiology.push(hit.value);
        }
    }
    let condition = Condition { raw: raw.to_string(), category: most_specific(&categories), etiology };
    let all: Vec<Hit<()>> = categories
        .iter()
        .map(|h| h.range.clone())
        .chain(etiologies.iter().map(|h| h.range.clone()))
        .map(|range| Hit { range, value: (), row: 0 })
        .collect();
    let mut reading = Reading::ok(condition);
    reading.matched = matched_range(raw, &mapped, &all);
    reading.explained = Some(explained(raw, &mapped, &all));
    // A cell that names only a cause (`HBV`, `Alcohol`: an etiology column) was read; the
    // category it does not state is left to the context, without a warning.
    if categories.is_empty() && etiologies.is_empty() {
        reading.diagnostics.push(unread("condition.unparsed", "a condition", raw));
    }
    reading
}

#[cfg(test)]
mod tests {
    use super::*;
    use trialex_model::{
        CellOrigin::*, CellSource::*, CellType::*, ConditionCategory as C, Etiology as E, RouteKind::*,
    };

    fn routes(raw: &str) -> Vec<RouteKind> {
        route(raw).value.routes
    }

    #[test]
    fn routes_in_chinese_and_english() {
        assert_eq!(routes("外周静脉"), vec![PeripheralVein]);
        assert_eq!(routes("外周或门静脉"), vec![PeripheralVein, PortalVein]);
        assert_eq!(routes("脾内或肝内注射"), vec![Intrasplenic, Intrahepatic]);
        assert_eq!(routes("肝动脉或门静脉"), vec![HepaticArtery, PortalVein]);
        assert_eq!(routes("门静脉或肝动脉"), vec![HepaticArtery, PortalVein]);
        assert_eq!(routes("肘静脉"), vec![PeripheralVein]);
        assert_eq!(routes("经深静脉"), vec![CentralVein]);
        assert_eq!(routes("经右大网膜静脉输注"), vec![OmentalVein]);
        assert_eq!(routes("脾静脉"), vec![SplenicVein]);
        assert_eq!(routes("Peripheral vein"), vec![PeripheralVein]);
        assert_eq!(routes("i.v."), vec![PeripheralVein]);
        assert_eq!(routes("iv"), vec![PeripheralVein]);
        assert_eq!(routes("IV"), vec![PeripheralVein]);
        assert_eq!(routes("i.v. infusion"), vec![PeripheralVein]);
        assert_eq!(routes("MSCs were given iv"), vec![PeripheralVein]);
        // A list item numbered (iv) names no route.
        assert_eq!(routes("(iv) hepatic artery"), vec![HepaticArtery]);
        assert_eq!(routes("intravenous infusion"), vec![PeripheralVein]);
        assert_eq!(routes("Hepatic artery"), vec![HepaticArtery]);
        assert_eq!(routes("intraportal"), vec![PortalVein]);
        assert_eq!(routes("intrasplenic and intrahepatic"), vec![Intrasplenic, Intrahepatic]);
        assert_eq!(routes("intraperitoneal"), vec![Intraperitoneal]);
        assert_eq!(routes("经肝动脉肝内移植"), vec![HepaticArtery, Intrahepatic]);
        assert_eq!(routes("B超引导下直接将ABMNCs注射入肝脏"), vec![Intrahepatic]);
        // The liver's artery is not the liver.
        assert_eq!(routes("injecting them into the liver's hepatic artery"), vec![HepaticArtery]);
        assert_eq!(routes("injected directly into the liver"), vec![Intrahepatic]);
        // Codes a table writes, read where the text is only codes.
        assert_eq!(routes("PV/IV"), vec![PeripheralVein, PortalVein]);
        assert_eq!(routes("IS/IH"), vec![Intrasplenic, Intrahepatic]);
        assert_eq!(routes("HA"), vec![HepaticArtery]);
    }

    #[test]
    fn route_words_inside_other_terms_are_not_routes() {
        assert_eq!(routes("G-CSF动员外周血干细胞"), Vec::<RouteKind>::new());
        assert_eq!(routes("门静脉高压患者经肝动脉输注"), vec![HepaticArtery]);
        assert_eq!(routes("食管胃底静脉曲张破裂出血"), Vec::<RouteKind>::new());
    }

    #[test]
    fn the_vessel_word_of_a_named_route_is_not_a_peripheral_vein() {
        assert_eq!(routes("through the portal vein under ultrasound guidance"), vec![PortalVein]);
        assert_eq!(routes("into the portal venous system"), vec![PortalVein]);
        assert_eq!(routes("into the inferior mesenteric vein"), vec![RouteKind::Other]);
        assert_eq!(routes("经肠系膜上静脉输注"), vec![RouteKind::Other]);
        assert_eq!(routes("via the splenic artery"), vec![RouteKind::Other]);
        assert_eq!(routes("peripheral vein or portal vein"), vec![PeripheralVein, PortalVein]);
        assert_eq!(routes("a forearm vein"), vec![PeripheralVein]);
    }

    #[test]
    fn a_line_break_inside_a_term_is_a_space() {
        assert_eq!(routes("injected through the hepatic\nartery"), vec![HepaticArtery]);
        assert_eq!(routes("portal\r\nvein"), vec![PortalVein]);
        assert_eq!(
            cell_of("autologous bone\nmarrow cells"),
            (Some(StemCells), Some(BoneMarrow), Some(Autologous), None)
        );
        assert_eq!(condition_of("acute-on-chronic liver\nfailure"), (Some(C::AcuteOnChronicLiverFailure), vec![]));
    }

    #[test]
    fn words_are_read_in_any_case() {
        // A case-sensitive abbreviation placed before a word it begins (`BM` of `BMSC`,
        // `AD` of `ADIPOSE`) must not hide the word: every word reads the same capitalised
        // and in capitals.
        for spelling in ["Portal vein", "PORTAL VEIN", "Hepatic artery", "HEPATIC ARTERY", "Intravenous", "INTRAVENOUS"]
        {
            assert_eq!(routes(spelling).len(), 1, "{spelling}");
        }
        for spelling in ["Umbilical cord", "UMBILICAL CORD", "Bone marrow", "BONE MARROW", "Adipose", "ADIPOSE"] {
            assert!(cell_of(spelling).1.is_some(), "{spelling}");
        }
        for spelling in ["Mesenchymal", "MESENCHYMAL", "Mononuclear cells", "MONONUCLEAR CELLS"] {
            assert!(cell_of(spelling).0.is_some(), "{spelling}");
        }
        for spelling in ["Autologous", "AUTOLOGOUS", "Allogeneic", "ALLOGENEIC"] {
            assert!(cell_of(spelling).2.is_some(), "{spelling}");
        }
        for spelling in ["Cirrhosis", "CIRRHOSIS", "Liver failure", "LIVER FAILURE", "Acute liver failure", "ASCITES"] {
            assert!(condition_of(spelling).0.is_some(), "{spelling}");
        }
        for spelling in ["Hepatitis B", "HEPATITIS C", "Alcoholic", "ALCOHOLIC", "Cryptogenic", "AUTOIMMUNE"] {
            assert_eq!(condition_of(spelling).1.len(), 1, "{spelling}");
        }
    }

    #[test]
    fn generic_administration_words_read_as_no_route_without_warning() {
        let reading = route("回输");
        assert!(reading.value.routes.is_empty());
        assert!(reading.diagnostics.is_empty());
        assert_eq!(route("by magic").diagnostics[0].code, "route.unparsed");
    }

    #[test]
    fn a_table_cell_is_not_narrowed() {
        assert_eq!(route("脾内或肝内注射").matched, None);
        assert_eq!(cell("G-CSF动员的BMSCs").matched, None);
    }

    #[test]
    fn route_inside_a_clause_reports_its_range() {
        let raw = "患者分两次经肝动脉输注, 每次约1.2亿个";
        let reading = route(raw);
        assert_eq!(&raw[reading.matched.unwrap()], "肝动脉");
    }

    fn cell_of(raw: &str) -> (Option<CellType>, Option<CellSource>, Option<CellOrigin>, Option<bool>) {
        let c = cell(raw).value;
        (c.cell_type, c.source, c.origin, c.mobilized)
    }

    #[test]
    fn cells_name_type_source_origin_and_mobilization() {
        assert_eq!(cell_of("UC-MSCs"), (Some(Msc), Some(UmbilicalCord), None, None));
        assert_eq!(cell_of("MSCs"), (Some(Msc), None, None, None));
        assert_eq!(cell_of("自体 BM-MSCs"), (Some(Msc), Some(BoneMarrow), Some(Autologous), None));
        assert_eq!(cell_of("G-CSF动员的BMSCs"), (Some(StemCells), Some(BoneMarrow), None, Some(true)));
        assert_eq!(cell_of("未经动员的BMSCs"), (Some(StemCells), Some(BoneMarrow), None, Some(false)));
        assert_eq!(cell_of("unmobilized BMSCs"), (Some(StemCells), Some(BoneMarrow), None, Some(false)));
        assert_eq!(cell_of("自体骨髓间充质干细胞(BMSC)"), (Some(Msc), Some(BoneMarrow), Some(Autologous), None));
        assert_eq!(cell_of("Allogeneic bone marrow MSCs"), (Some(Msc), Some(BoneMarrow), Some(Allogeneic), None));
        assert_eq!(cell_of("G-CSF-mobilised CD34+ cells"), (Some(Cd34Cells), None, None, Some(true)));
        assert_eq!(cell_of("Adipose-derived stromal cells"), (Some(Msc), Some(Adipose), None, None));
        assert_eq!(cell_of("AD-MSC"), (Some(Msc), Some(Adipose), None, None));
        assert_eq!(cell_of("脐血干细胞"), (Some(StemCells), Some(CordBlood), None, None));
        assert_eq!(
            cell_of("自体骨髓单个核细胞(ABMNCs)"),
            (Some(MononuclearCells), Some(BoneMarrow), Some(Autologous), None)
        );
        assert_eq!(cell_of("经G-CSF动员的造血干细胞(HSC)"), (Some(Hsc), None, None, Some(true)));
        assert_eq!(cell_of("人胎儿胆管树干细胞"), (Some(StemCells), Some(Fetal), None, None));
        assert_eq!(cell_of("自体外周血干细胞"), (Some(StemCells), Some(PeripheralBlood), Some(Autologous), None));
        assert_eq!(cell_of("CD133⁺造血干细胞"), (Some(Cd133Cells), None, None, None));
        assert_eq!(
            cell_of("bone marrow-derived hepatocyte-like cells"),
            (Some(HepatocyteLikeCells), Some(BoneMarrow), None, None)
        );
        assert_eq!(
            cell_of("脂肪组织来源的基质/干细胞(ADRC)"),
            (Some(StromalVascularFraction), Some(Adipose), None, None)
        );
        assert_eq!(cell_of("MSC-derived exosomes").0, Some(CellType::Other));
        assert_eq!(cell_of("PB-MNC"), (Some(MononuclearCells), Some(PeripheralBlood), None, None));
        assert_eq!(cell_of("autologous CD34-depleted bone marrow mononuclear cells").0, Some(MononuclearCells));
        assert_eq!(cell_of("Autologous BM-MNC, CD34-enriched").0, Some(Cd34Cells));
        assert_eq!(cell_of("自体或异体 BM-MSCs").2, None);
        assert_eq!(cell_of("同种异体脐带间充质干细胞"), (Some(Msc), Some(UmbilicalCord), Some(Allogeneic), None));
    }

    #[test]
    fn unknown_cells_warn() {
        assert_eq!(cell("something").diagnostics[0].code, "cell.unparsed");
    }

    fn condition_of(raw: &str) -> (Option<ConditionCategory>, Vec<Etiology>) {
        let c = condition(raw).value;
        (c.category, c.etiology)
    }

    #[test]
    fn conditions_in_chinese() {
        assert_eq!(condition_of("失代偿期肝硬化"), (Some(C::DecompensatedCirrhosis), vec![]));
        assert_eq!(condition_of("乙型肝炎肝衰竭"), (Some(C::LiverFailure), vec![E::Hbv]));
        assert_eq!(condition_of("乙型肝炎慢加急性肝衰竭"), (Some(C::AcuteOnChronicLiverFailure), vec![E::Hbv]));
        assert_eq!(condition_of("慢性丙型肝炎肝衰竭"), (Some(C::LiverFailure), vec![E::Hcv]));
        assert_eq!(condition_of("慢性丙型肝炎肝硬化"), (Some(C::Cirrhosis), vec![E::Hcv]));
        assert_eq!(
            condition_of("酒精肝及不明原因导致的终末期肝病"),
            (Some(C::EndStageLiverDisease), vec![E::Alcohol, E::Cryptogenic])
        );
        assert_eq!(condition_of("原发性胆汁性肝硬化"), (Some(C::PrimaryBiliaryCholangitis), vec![]));
        assert_eq!(condition_of("AIH"), (Some(C::AutoimmuneHepatitis), vec![E::Autoimmune]));
        assert_eq!(condition_of("HBV 和 HCV 相关的肝硬化"), (Some(C::Cirrhosis), vec![E::Hbv, E::Hcv]));
        assert_eq!(condition_of("慢性肝衰竭"), (Some(C::LiverFailure), vec![]));
        assert_eq!(
            condition_of("肝衰竭(乙型肝炎、丙型肝炎、药物性肝损伤及 Wilson 病)"),
            (Some(C::LiverFailure), vec![E::Hbv, E::Hcv, E::Drug, E::Wilson])
        );
        assert_eq!(condition_of("慢性肝衰竭(ACLF)"), (Some(C::AcuteOnChronicLiverFailure), vec![]));
        assert_eq!(condition_of("代偿期肝硬化"), (Some(C::CompensatedCirrhosis), vec![]));
        assert_eq!(condition_of("婴儿胆道闭锁"), (Some(C::BiliaryAtresia), vec![]));
        assert_eq!(condition_of("ABO血型不合肝移植患者"), (Some(C::TransplantComplication), vec![]));
        assert_eq!(condition_of("难治性肝硬化腹水"), (Some(C::Cirrhosis), vec![]));
        assert_eq!(condition_of("非酒精性脂肪性肝炎肝硬化"), (Some(C::Cirrhosis), vec![E::Nafld]));
    }

    #[test]
    fn conditions_in_english() {
        assert_eq!(condition_of("decompensated HBV cirrhosis"), (Some(C::DecompensatedCirrhosis), vec![E::Hbv]));
        assert_eq!(
            condition_of("HBV-related acute-on-chronic liver failure"),
            (Some(C::AcuteOnChronicLiverFailure), vec![E::Hbv])
        );
        assert_eq!(condition_of("alcoholic cirrhosis"), (Some(C::Cirrhosis), vec![E::Alcohol]));
        assert_eq!(condition_of("primary biliary cholangitis (PBC)"), (Some(C::PrimaryBiliaryCholangitis), vec![]));
        assert_eq!(condition_of("end-stage liver disease"), (Some(C::EndStageLiverDisease), vec![]));
        assert_eq!(condition_of("acute liver failure"), (Some(C::AcuteLiverFailure), vec![]));
        assert_eq!(condition_of("liver fibrosis"), (Some(C::LiverFibrosis), vec![]));
    }

    #[test]
    fn a_stage_word_holds_over_a_cause_before_cirrhosis() {
        assert_eq!(
            condition_of("compensated alcohol-related cirrhosis"),
            (Some(C::CompensatedCirrhosis), vec![E::Alcohol])
        );
        assert_eq!(condition_of("compensated hepatitis C cirrhosis"), (Some(C::CompensatedCirrhosis), vec![E::Hcv]));
        assert_eq!(
            condition_of("decompensated autoimmune cirrhosis"),
            (Some(C::DecompensatedCirrhosis), vec![E::Autoimmune])
        );
        assert_eq!(condition_of("代偿期丙型肝炎肝硬化"), (Some(C::CompensatedCirrhosis), vec![E::Hcv]));
        assert_eq!(condition_of("失代偿期酒精性肝硬化"), (Some(C::DecompensatedCirrhosis), vec![E::Alcohol]));
        assert_eq!(condition_of("compensated and decompensated cirrhosis"), (Some(C::DecompensatedCirrhosis), vec![]));
    }

    #[test]
    fn a_cause_alone_is_read_without_a_warning() {
        let reading = condition("HCV and alcohol");
        assert_eq!((reading.value.category, reading.value.etiology), (None, vec![E::Hcv, E::Alcohol]));
        assert!(reading.diagnostics.is_empty());
        assert_eq!(condition("no such disease").diagnostics[0].code, "condition.unparsed");
    }

    #[test]
    fn condition_inside_a_clause_reports_its_range() {
        let raw = "本研究纳入了43例慢加急性肝衰竭患者, 随机分组";
        let reading = condition(raw);
        assert_eq!(&raw[reading.matched.unwrap()], "慢加急性肝衰竭");
    }
}
