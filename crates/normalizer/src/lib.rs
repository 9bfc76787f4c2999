//! Pure functions that read the notations of stem-cell trial reports into SPEC.md values.
//!
//! No I/O: every function takes the raw text the extractor found — a table cell or a whole
//! clause of prose — and returns a [`Reading`]: the SPEC.md value object (which always keeps
//! `raw`), the diagnostics for what was seen but could not be read, and the byte range of
//! the input the value was read from (`matched`) when that is narrower than the input.
//!
//! Every reader accepts full-width input (`１２个月`, `５～１７`, see [`fold_width`]),
//! superscripts written as Unicode (`10⁷`), split by a space (`10 ⁷`), flattened into digits
//! (`× 106`) or as LaTeX (`10^{6}`), and all dashes and tildes as range signs. A value the
//! source gives as missing reads as its raw text with every normalized value null and no
//! diagnostic: `/`, `—`, `-`, `无`, `未报道`, `不详`, `NR`, `n/a`, `unclear`, `unspecified`,
//! `not reported`.
//!
//! # Doses — [`dose`]
//!
//! | form | example | reads as |
//! |---|---|---|
//! | Unicode superscript | `3.2×10⁷` | cells, min = max = 3.2e7 |
//! | superscript split by a space | `3.2×10 ⁷`, `5×10 ⁵ /kg` | 3.2e7; 5e5 cells/kg |
//! | caret | `1×10^6`, `2×10^{6}` | 1e6; 2e6 |
//! | LaTeX | `$5 \times 10^5$`, `$(1 \sim 200) \times 10^6$` | 5e5; min 1e6, max 2e8 |
//! | e-notation | `1e6`, `1.0E+06`, `2×10E6`, `10E6` (as clinical texts write 10⁶) | 1e6; 1e6; 2e6; 1e6 |
//! | bracketed exponent | `1×10(6)` | 1e6 |
//! | flattened superscript after a times sign | `0.5 × 106/kg`, `5*107`, `3.2×10⏎7` | 5e5 cells/kg; 5e7; 3.2e7 |
//! | bare power | `10⁶/kg`, `10(6)/kg`, `10^7 ~ 10^8/kg` | 1e6 cells/kg; min 1e7, max 1e8 |
//! | flattened bare power before cells | `105 to 108 cells per kilogram` | min 1e5, max 1e8 cells/kg |
//! | middle dot | `1·5×10⁶` (decimal), `5·10⁶` (times) | 1.5e6; 5e6 |
//! | decimal comma (one or two digits after it: no thousands separator) | `1,5 x 10^6/kg`, `2,5 × 10^8` | 1.5e6 cells/kg; 2.5e8 |
//! | words | `0.5 million`, `1 billion`, `100 million cells` | 5e5; 1e9; 1e8 |
//! | Chinese 万 / 亿 | `5000万个细胞`, `每次约1.2亿个`, `两亿`, `一千五百万个` | 5e7; 1.2e8; 2e8; 1.5e7 |
//! | plain number with cells | `50,000,000 cells` | 5e7 |
//! | bracketed range | `(1.0~10.0)×10 ⁵ /kg`, `[1–10]×10⁶/kg`, `(3–5) × 10⁷` | min 1e5, max 1e6 cells/kg … |
//! | range without brackets | `3-5 × 10⁷`, `1 to 2 million` | min 3e7, max 5e7; 1e6 … 2e6 |
//! | range of full values | `1.0 × 10⁵–1.0 × 10⁶/kg`, `2×10⁶ 至 5×10⁶` | min 1e5, max 1e6 cells/kg |
//! | mean ± SD | `(3.4±3.8)×10 ⁸`, `3.4 ± 3.8 × 10⁸`, `3.4×10⁸ ± 3.8×10⁸` | mean 3.4e8, sd 3.8e8 |
//! | dose groups | `5×10⁵/1×10⁶/2×10⁶`, `5.0×10⁷、1.0×10⁸ 和2.0×10⁸`, `1×10⁶ or 2×10⁶ cells/kg` | values, min, max |
//! | dose groups in words | `2.5, 5 and 7.5 million cells/kg`, `2.5 million cells/kg (low) and its control; 5 million cells/kg …` | values 2.5e6, 5e6, 7.5e6 |
//! | open bounds | `≥2 × 10⁷`, `>5×10⁷`, `up to 10⁸`, `1×10⁸以上` | min only; max only |
//! | per kilogram | `/kg`, `cells/kg`, `per kg body weight`, `/kg体重`, `每公斤体重`, `kg⁻¹`, `2×10⁶ MSC/kg` | unit cells/kg |
//! | per patient | `/patient`, `cells`, `个`, nothing | unit cells |
//! | infusions | `three times`, `3次`, `×3次`, `分两次`, `twice`, `three median doses`, `weekly × 4`, `single dose`, `单次` | infusions 3, 3, 3, 2, 2, 3, 4, 1, 1 |
//! | infusions with a total | `每周1次, 共4次` | infusions 4 |
//! | infusions that are not a number | `多次`, `repeated`, `一次或两次` (differs by arm) | infusions null |
//!
//! A year, a patient count, a p-value or a hazard ratio is not a dose: a dose needs a power
//! of ten, a multiplier word or a cell word, and lies between 10³ and 10¹³ cells.
//!
//! # Follow-up — [`follow_up`]
//!
//! Days, with day = 1, week = 7, month = 30.4375, year = 365.25 (and hour = 1/24).
//!
//! | form | example | min_days, max_days |
//! |---|---|---|
//! | Chinese units | `12 个月`, `48 周`, `2 年`, `60 d`, `360 天` | 365.25; 336; 730.5; 60; 360 |
//! | ranges | `5 ~ 17 个月`, `13至75个月`, `13-75 months`, `3 to 6 months` | 152.1875, 517.4375 … |
//! | ranges with a unit at each end | `2 weeks to 3 months`, `6 months to 2 years`, `3 个月至 1 年` | 14, 91.3125; 182.625, 730.5; 91.3125, 365.25 |
//! | decimal comma | `1,5 years` | 547.875 |
//! | English units | `6 mo`, `12 wk`, `24 weeks`, `1.5 years`, `12-month` | 182.625; 84; 168; 547.875; 365.25 |
//! | Chinese numerals | `半年`, `一年`, `两年`, `三个月`, `十二周` | 182.625; 365.25; 730.5; 91.3125; 84 |
//! | English number words | `twelve months`, `twenty-four weeks` | 365.25; 168 |
//! | in a clause | `患者随访12个月`, `随访长达36个月`, `在2年的随访期内` | 365.25; 1095.75; 730.5 |
//! | several durations | `治疗后1个月, 随访6个月` | the one next to 随访 / follow-up: 182.625 |
//! | visit days | `第3、7、14和28天`, `于术后2、4、12及24 wk观察` | the last: 28; 168 |
//! | visits each with a unit | `followed up at 1 week, 1 month, 3 months and 6 months` | the last: 182.625 |
//! | median (range) | `24 (12-36) months` | the range: 365.25, 1095.75 |
//!
//! Calendar dates (`2010年10月`, `7月30日`) and ages (`50岁`) are not durations.
//!
//! # Routes, cells, conditions — [`route`], [`cell`], [`condition`]
//!
//! Read from the vocabulary tables (Chinese and English) in `vocabulary.rs`; "A or B" and
//! "A and B" both give {A, B}.
//!
//! | field | example | reads as |
//! |---|---|---|
//! | route | `外周或门静脉` | peripheral_vein, portal_vein |
//! | route | `脾内或肝内注射`, `intrasplenic and intrahepatic` | intrasplenic, intrahepatic |
//! | route | `肘静脉`, `i.v.`, `iv`, `IV`, `intravenous`, `深静脉`, `经右大网膜静脉`, `intraportal` | peripheral_vein (the first five); central_vein; omental_vein; portal_vein |
//! | route | `回输`, `infusion` (no route named) | none, no diagnostic |
//! | route | `via the portal vein`, `superior mesenteric vein`, `hepatic⏎artery` | portal_vein; other; hepatic_artery |
//! | cell | `UC-MSCs` | msc, umbilical_cord |
//! | cell | `自体 BM-MSCs`, `Allogeneic bone marrow MSCs` | msc, bone_marrow, autologous; … allogeneic |
//! | cell | `G-CSF动员的BMSCs`, `unmobilized BMSCs` | stem_cells, bone_marrow, mobilized true; false |
//! | cell | `自体骨髓间充质干细胞(BMSC)` | msc (mesenchymal is said), bone_marrow, autologous |
//! | cell | `CD34⁺`, `CD133⁺造血干细胞`, `ABMNCs`, `ADRC`, `hepatocyte-like cells` | cd34_cells; cd133_cells; mononuclear_cells; stromal_vascular_fraction; hepatocyte_like_cells |
//! | cell | `脐血干细胞`, `自体外周血干细胞`, `人胎儿…干细胞` | stem_cells with cord_blood; peripheral_blood; fetal |
//! | condition | `乙型肝炎慢加急性肝衰竭`, `HBV-related ACLF` | acute_on_chronic_liver_failure, hbv |
//! | condition | `失代偿期肝硬化`, `decompensated HBV cirrhosis` | decompensated_cirrhosis (hbv) |
//! | condition | `原发性胆汁性肝硬化`, `PBC` | primary_biliary_cholangitis |
//! | condition | `酒精肝及不明原因导致的终末期肝病` | end_stage_liver_disease, alcohol + cryptogenic |
//! | condition | `肝衰竭(乙型肝炎、丙型肝炎、药物性肝损伤及 Wilson 病)` | liver_failure, hbv + hcv + drug + wilson |
//!
//! # Outcomes — [`outcome`]
//!
//! One finding per indicator, each with its own direction word, before or after it.
//!
//! | example | findings |
//! |---|---|
//! | `ALT、AST、γ-GT 和 IgM 的水平明显下降` | alt, ast, ggt, igm decreased |
//! | `Child-Pugh 及 MELD 评分降低` | child_pugh, meld decreased |
//! | `ALB 升高, 腹水减少, MELD 评分降低` | alb increased, ascites decreased, meld decreased |
//! | `Increased serum albumin, cholinesterase and platelet; Decreased MELD score` | alb, che, platelets increased; meld decreased |
//! | `II 组 ALB 明显高于 I 组` | alb increased |
//! | `↑ALB, ↓MELD`, `ALB↑ TBIL↓` | alb increased, meld decreased; alb increased, tbil decreased |
//! | `Child-Pugh 评分由 9.2 降至 7.1`, `生存期延长, 腹水基本消失` | child_pugh decreased; survival increased, ascites decreased |
//! | `INR 复常`, `survival unchanged`, `MELD评分未见明显改善`, `stable liver function` | inr normalized; survival no_change; meld no_change; liver_function no_change |
//! | `ALB, TBIL and ALT decreased`, `血清指标显著下降:ALT、AST及IgM水平` | each indicator of the list decreased |
//! | `…总胆红素、透明质酸等指标上, 均显著低于对照组` | tbil, fibrosis decreased (the predicate after the comma) |
//! | `提示其可能通过改善炎症状态发挥作用` | none (a hedged mechanism is not a result) |
//! | `肝功能改善, 生存率提高`, `增强了肝功能` | liver_function improved, survival increased; liver_function improved |
//! | `未见严重不良反应`, `no serious adverse events` | none (a safety statement is not a finding) |
//! | `fewer infections`, `less pruritus`, `longer survival` | infection, symptoms decreased; survival increased |
//! | `No significant changes were observed in ALT, AST, total bilirubin, or immunoglobulin M levels` | each no_change |
//! | `Serum levels of ALT, AST, γ-GT, and IgM significantly decreased` (a list waits for its verb) | each decreased |
//! | `relief of pruritus`, `biochemical and clinical improvement`, `临床表现、生化指标均有改善` | symptoms improved; liver_function improved; symptoms, liver_function improved |
//! | `reduced-intensity conditioning`, `upper abdominal`, `high-dose group` | none (a direction word inside a noun phrase) |
//! | `Child-Pugh⏎score fell and platelets rose` (a wrapped line) | child_pugh decreased, platelets increased |
//! | `血小板减少症`, `肝功能衰竭患者 ALB 升高`, `增加剂量后 TBIL 下降` | none (a disease name); alb increased; tbil decreased |
//!
//! A Chinese word matched inside a longer word of the domain dictionary that names something
//! else (a disease, a drug, a change of dose) is not read: see [`zh_token_boundaries`] and the
//! `segment` module.
//!
//! # Patients and years — [`patient_count`], [`year`]
//!
//! | example | reads as |
//! |---|---|
//! | `72`, `n=219`, `共纳入72例`, `110例`, `22 patients`, `两名`, `Ｎ＝４０` | 72; 219; 72; 110; 22; 2; 40 |
//! | `30 treatment, 15 control`, `64例ACLF患者和59例肝硬化患者` | 45; 123 |
//! | `36 (18 MSC, 18 control)`, `22 (11/11)`, `80 例…观察组与对照组各 40 例` | 36; 22; 80 (the total) |
//! | `16 + 14`, `25/25`, `25 vs 25`, `18 UC-MSC, 16 standard care`, `两组各 30 例` | 30; 50; 50; 34; 60 |
//! | `治疗组40例，对照组38例`, `a total of 23 + 22 patients`, `standard care (n = 23) or cells (n = 22)` | 78; 45; 45 |
//! | `患者20例, 其中A级6例, B级8例, …, 同期选择20例患者作为对照组` (a breakdown, then the control arm) | 40 |
//! | `A total of 159 patients were enrolled, including 27 cases …` | 159 |
//! | `Enrollment (Actual): 120`, `样本量：60` (a registry record) | 120; 60 |
//! | `a Korean team12 recruited 40 patients` (a flattened citation) | 40 |
//! | `10 healthy volunteers`, `8项临床试验`, `50岁` | none |
//! | `2016年7月30日`, `Gaia et al, 2006`, `published in 2016` | 2016; 2006; 2016 |
//! | citation lines ([`citation_line_year`]): `J Hepatol 2019;70:e1`, `. 2020 Oct 14;8(4):385–390. doi: …`, `某某杂志. 2013-10-28; 21(30): 3275-3280`, `Source: Stem Cells Dev. 2014`, `中华肝脏病杂志 2019` | 2019; 2020; 2013; 2014; 2019 |
//! | `NCT01741090`, `1949`, `2036` | none |

mod count;
mod dose;
mod duration;
mod lexicon;
mod lines;
mod outcome;
mod segment;
mod terms;
mod text;
mod vocabulary;

pub use segment::zh_token_boundaries;
pub use text::{ascii_words, fold_width};

use trialex_model::{Cell, Condition, Diagnostic, Dose, FollowUp, Outcome, Route};

/// A normalized value and what could not be read of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading<T> {
    pub value: T,
    /// Diagnostics with `study` and `span` unset: the caller knows those.
    pub diagnostics: Vec<Diagnostic>,
    /// The byte range of the input that the value was read from, when it is narrower than
    /// the whole input (a dose inside a sentence); the pipeline narrows `raw` and the span to it.
    pub matched: Option<std::ops::Range<usize>>,
    /// How many letters and digits of the input the vocabulary readers (route, cell,
    /// condition) matched; None for the other readers. Callers that must choose which piece
    /// of a text a value is (a table row cut into cells) prefer the piece that is read whole.
    pub explained: Option<usize>,
}

impl<T> Reading<T> {
    pub fn ok(value: T) -> Self {
        Reading { value, diagnostics: Vec::new(), matched: None, explained: None }
    }
}

/// Reads `raw` with `reader`, unless it is blank or a missing marker: then the value is the
/// raw text alone (built by `empty`), with no diagnostic.
fn read_or_missing<T>(
    raw: &str,
    empty: impl FnOnce(String) -> T,
    reader: impl FnOnce(&str) -> Reading<T>,
) -> Reading<T> {
    if text::is_blank(raw) || text::is_missing_marker(raw) {
        return Reading::ok(empty(raw.to_string()));
    }
    reader(raw)
}

/// Reads a dose (`3.2×10⁷`, `(1.0~10.0)×10 ⁵ /kg`, `0.5 × 106/kg`, `每次约1.2亿个` …); see
/// the table of forms in the crate documentation.
pub fn dose(raw: &str) -> Reading<Dose> {
    read_or_missing(raw, |raw| Dose { raw, ..Default::default() }, dose::read)
}

/// Reads a duration into days (`12 个月`, `48 周`, `5 ~ 17 个月`, `60 d` …).
pub fn follow_up(raw: &str) -> Reading<FollowUp> {
    read_or_missing(raw, |raw| FollowUp { raw, ..Default::default() }, duration::read)
}

/// Reads the routes of administration (`外周或门静脉`, `hepatic artery`, `i.v.` …).
pub fn route(raw: &str) -> Reading<Route> {
    read_or_missing(raw, |raw| Route { raw, ..Default::default() }, terms::route)
}

/// Reads a cell product (`UC-MSCs`, `G-CSF 动员的 BMSCs`, `autologous BM-MNC` …).
pub fn cell(raw: &str) -> Reading<Cell> {
    read_or_missing(raw, |raw| Cell { raw, ..Default::default() }, terms::cell)
}

/// Reads a condition (`乙型肝炎肝衰竭`, `decompensated HBV cirrhosis` …).
pub fn condition(raw: &str) -> Reading<Condition> {
    read_or_missing(raw, |raw| Condition { raw, ..Default::default() }, terms::condition)
}

/// Reads outcome findings (`ALB 升高, TBIL 下降, MELD 评分降低` …).
pub fn outcome(raw: &str) -> Reading<Outcome> {
    read_or_missing(raw, |raw| Outcome { raw, ..Default::default() }, outcome::read)
}

/// Reads a patient count (`72`, `n=219`, `共纳入72例`, `30 treatment, 15 control` → 45).
pub fn patient_count(raw: &str) -> Option<u32> {
    count::patient_count(raw)
}

/// True when `raw` only says that its value is missing (`/`, `—`, `N/A`, `None`, `未报道`,
/// `unclear` …): a cell that gives no value of any field.
pub fn is_missing(raw: &str) -> bool {
    text::is_missing_marker(raw)
}

/// Reads a publication year (`2016`, `2016年7月30日`, `Gaia et al, 2006`).
pub fn year(raw: &str) -> Option<i32> {
    count::year(raw)
}

/// The byte range of the year when `line` is a journal citation line (`Hepatology 2020;
/// 72(S1): 123A`, `J Gastroenterol Hepatol. 2013 Aug:28 Suppl 1:85-92. doi: …`, `Source:
/// Stem Cells Dev. 2014`, `中华肝脏病杂志 2019`): the year of the study an abstract's page shows.
pub fn citation_line_year(line: &str) -> Option<std::ops::Range<usize>> {
    count::citation_line_year(line)
}

#[cfg(test)]
mod notations;
#[cfg(test)]
mod properties;
#[cfg(test)]
mod seed_cells;
