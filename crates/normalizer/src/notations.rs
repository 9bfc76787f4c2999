//! The table of notations: every dose and duration form the crate documents, Chinese and
//! English, with the values it must read as.

use crate::{dose, follow_up};
use trialex_model::DoseUnit::{self, Cells, CellsPerKg};

/// What a dose must read as: unit, min, max, mean, sd, values, infusions.
struct Expect {
    unit: Option<DoseUnit>,
    min: Option<f64>,
    max: Option<f64>,
    mean: Option<f64>,
    sd: Option<f64>,
    values: &'static [f64],
    infusions: Option<u32>,
}

const fn one(unit: DoseUnit, v: f64) -> Expect {
    Expect { unit: Some(unit), min: Some(v), max: Some(v), mean: None, sd: None, values: &[], infusions: None }
}
const fn range(unit: DoseUnit, a: f64, b: f64) -> Expect {
    Expect { unit: Some(unit), min: Some(a), max: Some(b), mean: None, sd: None, values: &[], infusions: None }
}
const fn mean_sd(unit: DoseUnit, mean: f64, sd: f64) -> Expect {
    Expect { unit: Some(unit), min: None, max: None, mean: Some(mean), sd: Some(sd), values: &[], infusions: None }
}
const fn groups(unit: DoseUnit, values: &'static [f64], min: f64, max: f64) -> Expect {
    Expect { unit: Some(unit), min: Some(min), max: Some(max), mean: None, sd: None, values, infusions: None }
}
const fn times(mut e: Expect, n: u32) -> Expect {
    e.infusions = Some(n);
    e
}
const fn lower(unit: DoseUnit, v: f64) -> Expect {
    Expect { unit: Some(unit), min: Some(v), max: None, mean: None, sd: None, values: &[], infusions: None }
}
const fn upper(unit: DoseUnit, v: f64) -> Expect {
    Expect { unit: Some(unit), min: None, max: Some(v), mean: None, sd: None, values: &[], infusions: None }
}
const NOTHING: Expect = Expect { unit: None, min: None, max: None, mean: None, sd: None, values: &[], infusions: None };
const fn only_infusions(n: Option<u32>) -> Expect {
    Expect { unit: None, min: None, max: None, mean: None, sd: None, values: &[], infusions: n }
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(b.abs()),
        (None, None) => true,
        _ => false,
    }
}

const DOSES: &[(&str, Expect)] = &[
    // superscripts, split superscripts, caret, LaTeX
    ("3.2×10⁷", one(Cells, 3.2e7)),
    ("3.2×10 ⁷", one(Cells, 3.2e7)),
    ("5×10 ⁵ /kg", one(CellsPerKg, 5e5)),
    ("×10 ⁵ /kg", one(CellsPerKg, 1e5)),
    ("1×10^6", one(Cells, 1e6)),
    ("2×10^{6}", one(Cells, 2e6)),
    ("0.1×10^8", one(Cells, 1e7)),
    ("$5 \\times 10^5$", one(Cells, 5e5)),
    ("$0.995 \\times 10^8/kg$", one(CellsPerKg, 9.95e7)),
    ("$2.3 \\times 10^8$", one(Cells, 2.3e8)),
    ("1 x 10^6 cells/kg", one(CellsPerKg, 1e6)),
    ("2.5 X 10^7", one(Cells, 2.5e7)),
    // e-notation and bracketed exponents
    ("1e6", one(Cells, 1e6)),
    ("1.0E+06 cells", one(Cells, 1e6)),
    ("2×10E6", one(Cells, 2e6)),
    ("1×10(6)/kg", one(CellsPerKg, 1e6)),
    ("10(6)/kg", one(CellsPerKg, 1e6)),
    ("10(7) cells", one(Cells, 1e7)),
    ("5 x 10(7) cells", one(Cells, 5e7)),
    // flattened superscripts
    ("0.5 × 106/kg", one(CellsPerKg, 5e5)),
    ("5*107", one(Cells, 5e7)),
    ("1 × 106 cells/kg", one(CellsPerKg, 1e6)),
    ("2.5 × 108 total", one(Cells, 2.5e8)),
    ("3.2×10\n7", one(Cells, 3.2e7)),
    ("2 × 1012", one(Cells, 2e12)),
    ("[1–10]×106/kg", range(CellsPerKg, 1e6, 1e7)),
    // bare powers
    ("10⁶/kg", one(CellsPerKg, 1e6)),
    ("$10^7 \\sim 10^8/kg$", range(CellsPerKg, 1e7, 1e8)),
    ("up to 10⁸ cells", upper(Cells, 1e8)),
    // words and Chinese multipliers
    ("0.5 million", one(Cells, 5e5)),
    ("1 billion", one(Cells, 1e9)),
    ("100 million cells", one(Cells, 1e8)),
    ("2 million cells/kg", one(CellsPerKg, 2e6)),
    ("1-2 million cells per kg body weight", range(CellsPerKg, 1e6, 2e6)),
    ("每次约1.2亿个", one(Cells, 1.2e8)),
    ("5000万个细胞", one(Cells, 5e7)),
    ("1亿个细胞/kg", one(CellsPerKg, 1e8)),
    ("50,000,000 cells", one(Cells, 5e7)),
    ("每次两亿个细胞", one(Cells, 2e8)),
    ("五千万个细胞", one(Cells, 5e7)),
    ("一千五百万个", one(Cells, 1.5e7)),
    // full-width input
    ("１×１０^６/ｋｇ", one(CellsPerKg, 1e6)),
    ("（３～５）×１０⁷", range(Cells, 3e7, 5e7)),
    // ranges
    ("(1.0~10.0)×10 ⁵ /kg", range(CellsPerKg, 1e5, 1e6)),
    ("(3~5)×10^7", range(Cells, 3e7, 5e7)),
    ("(3–5) × 10⁷", range(Cells, 3e7, 5e7)),
    ("$(1 \\sim 200) \\times 10^6$", range(Cells, 1e6, 2e8)),
    ("$(4.10 \\sim 26.82) \\times 10^6/kg$", range(CellsPerKg, 4.1e6, 2.682e7)),
    ("$(0.88 \\sim 11.20) \\times 10^8$", range(Cells, 8.8e7, 1.12e9)),
    ("3-5 × 10⁷", range(Cells, 3e7, 5e7)),
    ("1.0 × 10⁵–1.0 × 10⁶/kg", range(CellsPerKg, 1e5, 1e6)),
    ("1.0 × 105–1.0 × 106/kg", range(CellsPerKg, 1e5, 1e6)),
    ("2×10⁶ 至 5×10⁶ 个细胞", range(Cells, 2e6, 5e6)),
    ("1×10^6 to 5×10^6 cells/kg", range(CellsPerKg, 1e6, 5e6)),
    ("(2 — 4) × 10^7", range(Cells, 2e7, 4e7)),
    // mean ± SD
    ("(3.4±3.8)×10 ⁸", mean_sd(Cells, 3.4e8, 3.8e8)),
    ("(2.0 ± 0.6) × 10⁷", mean_sd(Cells, 2e7, 6e6)),
    ("3.4 ± 3.8 × 10⁸", mean_sd(Cells, 3.4e8, 3.8e8)),
    ("$3.4 \\times 10^8 \\pm 3.8 \\times 10^8$", mean_sd(Cells, 3.4e8, 3.8e8)),
    // dose groups
    ("$5 \\times 10^5/1 \\times 10^6/2 \\times 10^6$", groups(Cells, &[5e5, 1e6, 2e6], 5e5, 2e6)),
    ("5×10⁵/1×10⁶/2×10⁶", groups(Cells, &[5e5, 1e6, 2e6], 5e5, 2e6)),
    ("分别接受5.0×10⁷、1.0×10⁸ 和2.0×10⁸个细胞", groups(Cells, &[5e7, 1e8, 2e8], 5e7, 2e8)),
    ("5.0×10⁷、1.0×10⁸、1.5×10⁸ 和2.0×10⁸ 细胞", groups(Cells, &[5e7, 1e8, 1.5e8, 2e8], 5e7, 2e8)),
    ("1×10⁶ cells/kg or 2×10⁶ cells/kg", groups(CellsPerKg, &[1e6, 2e6], 1e6, 2e6)),
    ("0.5 × 10⁶/kg vs 1 × 10⁶/kg", groups(CellsPerKg, &[5e5, 1e6], 5e5, 1e6)),
    ("5 × 10^5/kg (low dose), 1 × 10^6/kg (high dose)", groups(CellsPerKg, &[5e5, 1e6], 5e5, 1e6)),
    ("低剂量组(0.5×10⁶/kg)和高剂量组(1.0×10⁶/kg)", groups(CellsPerKg, &[5e5, 1e6], 5e5, 1e6)),
    ("(0.5–1.0) × 10^6 cells/kg", range(CellsPerKg, 5e5, 1e6)),
    ("10^6–10^7 cells/kg", range(CellsPerKg, 1e6, 1e7)),
    ("2E+07 cells", one(Cells, 2e7)),
    ("10E6 cells/kg", one(CellsPerKg, 1e6)),
    ("(4.10～26.82)×106/kg", range(CellsPerKg, 4.1e6, 2.682e7)),
    ("5×10\n5/1×106/2×106", groups(Cells, &[5e5, 1e6, 2e6], 5e5, 2e6)),
    ("107～108/kg", range(CellsPerKg, 1e7, 1e8)),
    ("1.0–2.0 × 10e6", range(Cells, 1e6, 2e6)),
    // open bounds
    ("≥2 × 10⁷", lower(Cells, 2e7)),
    (">5×10^7 cells", lower(Cells, 5e7)),
    ("at least 1 × 10⁶ cells/kg", lower(CellsPerKg, 1e6)),
    ("1×10⁸以上", lower(Cells, 1e8)),
    ("不超过1×10⁶/kg", upper(CellsPerKg, 1e6)),
    // per kilogram in every phrasing
    ("2×10^6 per kg body weight", one(CellsPerKg, 2e6)),
    ("1×10⁶ cells/kg", one(CellsPerKg, 1e6)),
    ("1×10⁶/kg体重", one(CellsPerKg, 1e6)),
    ("每公斤体重1×10⁶个细胞", one(CellsPerKg, 1e6)),
    ("1 × 10⁶ cells kg⁻¹", one(CellsPerKg, 1e6)),
    ("2×10^6 cells per kilogram", one(CellsPerKg, 2e6)),
    ("1×10⁸/patient", one(Cells, 1e8)),
    // infusions
    ("1×10⁶/kg, three times", times(one(CellsPerKg, 1e6), 3)),
    ("1×10⁶/kg ×3次", times(one(CellsPerKg, 1e6), 3)),
    ("患者分两次经肝动脉输注(每次约1.2亿个)", times(one(Cells, 1.2e8), 2)),
    ("three median doses of 1 × 10⁶ cells/kg", times(one(CellsPerKg, 1e6), 3)),
    ("a single dose of 1×10^8 cells", times(one(Cells, 1e8), 1)),
    ("单次输注5×10^7", times(one(Cells, 5e7), 1)),
    ("twice, 1×10^6/kg", times(one(CellsPerKg, 1e6), 2)),
    ("分两次", only_infusions(Some(2))),
    ("3次", only_infusions(Some(3))),
    ("多次静脉输注", only_infusions(None)),
    ("Doses range from about 105 to 108 cells per kilogram of body weight", range(CellsPerKg, 1e5, 1e8)),
    ("median dose 3×10^6 cells/kg (range 1-5 ×10^6)", one(CellsPerKg, 3e6)),
    ("2 x 10^6 MSC/kg", one(CellsPerKg, 2e6)),
    ("1×10^6 UC-MSCs/kg", one(CellsPerKg, 1e6)),
    // prose around the value
    ("患者接受了 2×10⁷ 个细胞的输注", one(Cells, 2e7)),
    ("Patients received 5 × 10⁵ cells/kg via peripheral vein", one(CellsPerKg, 5e5)),
    // decimal commas, where no thousands separator can be meant
    ("1,5 x 10^6/kg", one(CellsPerKg, 1.5e6)),
    ("2,5 × 10^8", one(Cells, 2.5e8)),
    ("(1,5~2,5)×10⁶/kg", range(CellsPerKg, 1.5e6, 2.5e6)),
    ("1,200,000 cells", one(Cells, 1.2e6)),
    // not doses
    ("2016", NOTHING),
    ("72例", NOTHING),
    ("P<0.05", NOTHING),
    ("HR=0.487", NOTHING),
    ("NCT01741090", NOTHING),
];

#[test]
fn every_dose_notation_reads_as_documented() {
    assert!(DOSES.len() >= 80, "the table has {} dose notations", DOSES.len());
    let mut failures = Vec::new();
    for (raw, expect) in DOSES {
        let d = dose(raw).value;
        let ok = d.unit == expect.unit
            && close(d.min, expect.min)
            && close(d.max, expect.max)
            && close(d.mean, expect.mean)
            && close(d.sd, expect.sd)
            && d.values.len() == expect.values.len()
            && d.values.iter().zip(expect.values).all(|(a, b)| close(Some(*a), Some(*b)))
            && d.infusions == expect.infusions;
        if !ok {
            failures.push(format!("{raw:?} read as {d:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} notations misread:\n{}", failures.len(), DOSES.len(), failures.join("\n"));
}

const DURATIONS: &[(&str, Option<(f64, f64)>)] = &[
    ("12 个月", Some((365.25, 365.25))),
    ("48 周", Some((336.0, 336.0))),
    ("60 d", Some((60.0, 60.0))),
    ("2 年", Some((730.5, 730.5))),
    ("360 d", Some((360.0, 360.0))),
    ("5 ~ 17 个月", Some((152.1875, 517.4375))),
    ("13至75个月", Some((395.6875, 2282.8125))),
    ("13-75 months", Some((395.6875, 2282.8125))),
    ("3-6 months", Some((91.3125, 182.625))),
    ("3 to 6 months", Some((91.3125, 182.625))),
    ("6 mo", Some((182.625, 182.625))),
    ("12 wk", Some((84.0, 84.0))),
    ("24 weeks", Some((168.0, 168.0))),
    ("1.5 years", Some((547.875, 547.875))),
    ("12-month follow-up", Some((365.25, 365.25))),
    ("半年", Some((182.625, 182.625))),
    ("一年", Some((365.25, 365.25))),
    ("两年", Some((730.5, 730.5))),
    ("三个月", Some((91.3125, 91.3125))),
    ("十二周", Some((84.0, 84.0))),
    ("twelve months", Some((365.25, 365.25))),
    ("twenty-four weeks", Some((168.0, 168.0))),
    ("随访长达36个月", Some((1095.75, 1095.75))),
    ("患者随访12个月", Some((365.25, 365.25))),
    ("随访13至75个月", Some((395.6875, 2282.8125))),
    ("在2年的随访期内", Some((730.5, 730.5))),
    ("６个月", Some((182.625, 182.625))),
    ("５～１７个月", Some((152.1875, 517.4375))),
    ("6个月", Some((182.625, 182.625))),
    ("18个月", Some((547.875, 547.875))),
    ("4个月", Some((121.75, 121.75))),
    ("12周", Some((84.0, 84.0))),
    ("24 周", Some((168.0, 168.0))),
    ("10年", Some((3652.5, 3652.5))),
    ("72周", Some((504.0, 504.0))),
    ("28天", Some((28.0, 28.0))),
    ("2 wk", Some((14.0, 14.0))),
    ("1 year", Some((365.25, 365.25))),
    ("36 months", Some((1095.75, 1095.75))),
    ("96 weeks", Some((672.0, 672.0))),
    ("followed up for 6 months", Some((182.625, 182.625))),
    ("up to 36 months", Some((1095.75, 1095.75))),
    ("mean follow-up 18 mo", Some((547.875, 547.875))),
    ("6 m", Some((182.625, 182.625))),
    ("48 h", Some((2.0, 2.0))),
    ("随访时间 (12.5 ± 3.2) 个月", Some((380.46875, 380.46875))),
    ("24w", Some((168.0, 168.0))),
    ("6-mo", Some((182.625, 182.625))),
    ("6–12 months", Some((182.625, 365.25))),
    ("2 weeks to 3 months", Some((14.0, 91.3125))),
    ("6 months to 2 years", Some((182.625, 730.5))),
    ("3 个月至 1 年", Some((91.3125, 365.25))),
    ("1 周至 3 个月", Some((7.0, 91.3125))),
    ("1,5 years", Some((547.875, 547.875))),
    ("not reported", None),
];

#[test]
fn every_duration_notation_reads_as_documented() {
    let mut failures = Vec::new();
    for (raw, expect) in DURATIONS {
        let f = follow_up(raw).value;
        let got = f.min_days.zip(f.max_days);
        let ok = match (got, expect) {
            (Some((a, b)), Some((c, d))) => close(Some(a), Some(*c)) && close(Some(b), Some(*d)),
            (None, None) => true,
            _ => false,
        };
        if !ok {
            failures.push(format!("{raw:?} read as {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} durations misread:\n{}",
        failures.len(),
        DURATIONS.len(),
        failures.join("\n")
    );
    assert!(DOSES.len() + DURATIONS.len() >= 120);
}

#[test]
fn matched_is_the_value_inside_a_clause() {
    let raw = "患者随访12个月";
    assert_eq!(&raw[follow_up(raw).matched.unwrap()], "12个月");
    let raw = "分别接受5.0×10⁷、1.0×10⁸ 和2.0×10⁸个细胞, 安全";
    assert_eq!(&raw[dose(raw).matched.unwrap()], "5.0×10⁷、1.0×10⁸ 和2.0×10⁸个细胞");
    // The whole cell is the value: nothing to narrow.
    assert_eq!(dose("(1.0~10.0)×10 ⁵ /kg").matched, None);
    assert_eq!(dose("$5 \\times 10^5$").matched, None);
}

#[test]
fn missing_markers_read_as_raw_only() {
    for marker in ["/", "—", "-", "无", "未报道", "不详", "NR", "n/a", "unclear", "unspecified", "not reported"]
    {
        let d = dose(marker);
        assert_eq!(d.value.raw, marker);
        assert_eq!(d.value.unit, None);
        assert!(d.diagnostics.is_empty(), "{marker}");
        let f = follow_up(marker);
        assert_eq!(f.value.min_days, None);
        assert!(f.diagnostics.is_empty());
        assert!(crate::route(marker).value.routes.is_empty());
        assert!(crate::route(marker).diagnostics.is_empty());
        assert_eq!(crate::cell(marker).value.cell_type, None);
        assert!(crate::outcome(marker).value.findings.is_empty());
        assert!(crate::condition(marker).diagnostics.is_empty());
    }
}

#[test]
fn unreadable_values_keep_raw_and_warn() {
    let d = dose("约10^?个");
    assert_eq!(d.value.raw, "约10^?个");
    assert_eq!(d.diagnostics[0].code, "dose.unparsed");
    let f = follow_up("long");
    assert_eq!(f.diagnostics[0].code, "follow_up.unparsed");
}
