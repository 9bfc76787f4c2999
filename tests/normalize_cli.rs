//! Issue #3's acceptance through the binary: every notation the issue names reads, with
//! `trialex normalize KIND TEXT`, exactly as SPEC.md says. (The normalizer's own table-driven
//! tests hold many more forms; this file keeps the named ones honest end to end.)

use std::process::Command;

use serde_json::{Value, json};

fn normalize(kind: &str, text: &str) -> (Value, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_trialex")).args(["normalize", kind, text]).output().expect("runs");
    let value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (value, out.status.code())
}

/// Checks that every key of `expected` has that value in the reading of `text`.
fn reads(kind: &str, text: &str, expected: Value) {
    let (got, code) = normalize(kind, text);
    assert_eq!(code, Some(0), "{kind} '{text}' read nothing: {got}");
    for (key, want) in expected.as_object().expect("an object of expected fields") {
        let have = &got[key];
        let same = match (have.as_f64(), want.as_f64()) {
            (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * b.abs().max(1.0),
            _ => have == want,
        };
        assert!(same, "{kind} '{text}': {key} is {have}, SPEC says {want} (whole reading: {got})");
    }
}

fn one(unit: &str, v: f64) -> Value {
    json!({"unit": unit, "min": v, "max": v, "mean": null, "sd": null})
}

#[test]
fn doses_in_every_notation_of_a_power_of_ten() {
    reads("dose", "3.2×10⁶", one("cells", 3.2e6));
    reads("dose", "3.2×10 ⁷", one("cells", 3.2e7));
    reads("dose", "(1.0~10.0)×10 ⁵ /kg", json!({"unit": "cells/kg", "min": 1e5, "max": 1e6}));
    reads("dose", "5×10 ⁵ /kg", one("cells/kg", 5e5));
    reads("dose", "5×10^6", one("cells", 5e6));
    reads("dose", "5×10^{6}", one("cells", 5e6));
    reads("dose", "$5 \\times 10^5$", one("cells", 5e5));
    reads("dose", "$(1 \\sim 200) \\times 10^6$", json!({"min": 1e6, "max": 2e8}));
    reads("dose", "$(3.4 \\pm 3.8) \\times 10^8$", json!({"mean": 3.4e8, "sd": 3.8e8, "min": null, "max": null}));
    reads("dose", "1e6", one("cells", 1e6));
    reads("dose", "1.0E+06", one("cells", 1e6));
    reads("dose", "2×10(6)/kg", one("cells/kg", 2e6));
    reads("dose", "10(6)/kg", one("cells/kg", 1e6));
    reads("dose", "5×10E6", one("cells", 5e6));
    reads("dose", "10⁶/kg", one("cells/kg", 1e6));
}

#[test]
fn flattened_superscripts_after_a_multiplication_sign() {
    reads("dose", "0.5 × 106/kg", one("cells/kg", 5e5));
    reads("dose", "5*107", one("cells", 5e7));
    reads("dose", "[1–10]×106/kg", json!({"unit": "cells/kg", "min": 1e6, "max": 1e7}));
}

#[test]
fn doses_in_words_and_chinese_numerals() {
    reads("dose", "0.5 million", one("cells", 5e5));
    reads("dose", "1 billion", one("cells", 1e9));
    reads("dose", "100 million cells", one("cells", 1e8));
    reads("dose", "每次约1.2亿个", one("cells", 1.2e8));
    reads("dose", "5000万个细胞", one("cells", 5e7));
    reads("dose", "１．０×１０⁶／ｋｇ", one("cells/kg", 1e6));
}

#[test]
fn ranges_groups_and_open_bounds() {
    for text in ["(1~5)×10⁶", "(1～5)×10⁶", "(1-5)×10⁶", "(1–5)×10⁶", "(1—5)×10⁶", "1至5×10⁶", "1 to 5 × 10⁶"]
    {
        reads("dose", text, json!({"min": 1e6, "max": 5e6}));
    }
    reads("dose", "5×10⁵/1×10⁶/2×10⁶", json!({"min": 5e5, "max": 2e6, "values": [5e5, 1e6, 2e6]}));
    reads("dose", "5.0×10⁷、1.0×10⁸ 和2.0×10⁸", json!({"min": 5e7, "max": 2e8, "values": [5e7, 1e8, 2e8]}));
    reads("dose", "(2.0 ± 0.6) × 10⁷", json!({"mean": 2e7, "sd": 6e6}));
    reads("dose", "≥2 × 10⁷", json!({"min": 2e7, "max": null}));
    reads("dose", "up to 10⁸", json!({"min": null, "max": 1e8}));
}

#[test]
fn per_kilogram_and_per_patient_in_every_phrasing() {
    for text in ["1×10⁶/kg", "1×10⁶ per kg body weight", "1×10⁶ cells/kg", "每公斤体重1×10⁶个", "1×10⁶/kg体重"]
    {
        reads("dose", text, json!({"unit": "cells/kg", "min": 1e6}));
    }
    for text in ["1×10⁸/patient", "1×10⁸ cells"] {
        reads("dose", text, json!({"unit": "cells", "min": 1e8}));
    }
}

#[test]
fn number_of_infusions() {
    for (text, n) in
        [("three times", 3), ("3次", 3), ("分两次", 2), ("×3次", 3), ("three median doses/", 3), ("single dose", 1)]
    {
        reads("dose", text, json!({"infusions": n}));
    }
}

#[test]
fn what_is_not_a_dose_is_not_read_as_one() {
    for text in ["2016", "72 例", "P<0.05", "n = 45"] {
        let (got, code) = normalize("dose", text);
        assert_eq!(code, Some(1), "'{text}' must not read as a dose: {got}");
        assert_eq!(got["min"], Value::Null);
    }
}

#[test]
fn durations_in_days() {
    let month = 30.4375;
    for (text, min, max) in [
        ("12 个月", 12.0 * month, 12.0 * month),
        ("48 周", 336.0, 336.0),
        ("60 d", 60.0, 60.0),
        ("2 年", 730.5, 730.5),
        ("360 d", 360.0, 360.0),
        ("5 ~ 17 个月", 5.0 * month, 17.0 * month),
        ("13至75个月", 13.0 * month, 75.0 * month),
        ("3-6 months", 3.0 * month, 6.0 * month),
        ("6 mo", 6.0 * month, 6.0 * month),
        ("12 wk", 84.0, 84.0),
        ("半年", 182.625, 182.625),
        ("一年", 365.25, 365.25),
        ("两年", 730.5, 730.5),
        ("twelve months", 365.25, 365.25),
        ("随访长达36个月", 36.0 * month, 36.0 * month),
    ] {
        reads("duration", text, json!({"min_days": min, "max_days": max}));
    }
}

#[test]
fn outcome_phrases_split_into_one_finding_per_indicator() {
    let (got, _) = normalize("outcome", "ALT、AST、γ-GT 和 IgM 的水平明显下降");
    let findings = got["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 4, "{got}");
    assert!(findings.iter().all(|f| f["direction"] == "decreased"));
    let (got, _) = normalize("outcome", "Child-Pugh 及 MELD 评分降低");
    let mut indicators: Vec<&str> =
        got["findings"].as_array().unwrap().iter().map(|f| f["indicator"].as_str().unwrap()).collect();
    indicators.sort();
    assert_eq!(indicators, ["child_pugh", "meld"], "{got}");
    assert!(got["findings"].as_array().unwrap().iter().all(|f| f["direction"] == "decreased"));
    let (got, _) = normalize(
        "outcome",
        "Increased serum albumin, cholinesterase and platelet; Decreased MELD score, prothrombin time",
    );
    let pairs: Vec<(String, String)> = got["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["indicator"].as_str().unwrap().to_string(), f["direction"].as_str().unwrap().to_string()))
        .collect();
    for (indicator, direction) in [
        ("alb", "increased"),
        ("che", "increased"),
        ("platelets", "increased"),
        ("meld", "decreased"),
        ("pt", "decreased"),
    ] {
        assert!(
            pairs.contains(&(indicator.to_string(), direction.to_string())),
            "{indicator} {direction} in {pairs:?}"
        );
    }
}

#[test]
fn routes_cells_and_conditions_use_the_spec_vocabulary() {
    reads("route", "外周或门静脉", json!({"routes": ["peripheral_vein", "portal_vein"]}));
    reads("route", "hepatic artery", json!({"routes": ["hepatic_artery"]}));
    reads("cell", "UC-MSCs", json!({"type": "msc", "source": "umbilical_cord"}));
    reads("cell", "G-CSF 动员的 BMSCs", json!({"source": "bone_marrow", "mobilized": true}));
    reads(
        "condition",
        "乙型肝炎慢加急性肝衰竭",
        json!({"category": "acute_on_chronic_liver_failure", "etiology": ["hbv"]}),
    );
}

#[test]
fn reading_nothing_exits_non_zero_with_a_message() {
    let out =
        Command::new(env!("CARGO_BIN_EXE_trialex")).args(["normalize", "dose", "no number here"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing could be read"));
}

/// Issue #14: ranges whose ends carry their own units, decimal commas, `iv`.
#[test]
fn ranges_with_a_unit_at_each_end_decimal_commas_and_iv() {
    reads("duration", "2 weeks to 3 months", json!({"min_days": 14.0, "max_days": 91.3125}));
    reads("duration", "6 months to 2 years", json!({"min_days": 182.625, "max_days": 730.5}));
    reads("duration", "3 个月至 1 年", json!({"min_days": 91.3125, "max_days": 365.25}));
    reads("duration", "1 周至 3 个月", json!({"min_days": 7.0, "max_days": 91.3125}));
    reads("dose", "1,5 x 10^6/kg", json!({"unit": "cells/kg", "min": 1.5e6, "max": 1.5e6, "values": []}));
    reads("dose", "2,5 × 10^8", json!({"unit": "cells", "min": 2.5e8, "max": 2.5e8, "values": []}));
    for text in ["iv", "i.v.", "IV"] {
        reads("route", text, json!({"routes": ["peripheral_vein"]}));
    }
}
