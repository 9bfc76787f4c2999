//! Every table cell of seed 000 (its four tables), read by the readers and compared with the
//! hand annotation; and the prose phrases of seeds 001 and 002. The cells and the expected
//! values live in `testdata/seed000_table_cells.json` (cell text from the fixture, values from
//! the gold file, `{"any_of": [...]}` where the annotation accepts alternatives).

use crate::{condition, dose, follow_up, outcome, route};
use serde_json::{Value, json};

const CELLS: &str = include_str!("testdata/seed000_table_cells.json");

/// True when `got` equals `expected`, or one of its `any_of` alternatives; numbers compare
/// with a relative tolerance and lists of findings or routes as sets.
fn agrees(expected: &Value, got: &Value) -> bool {
    if let Some(alternatives) = expected.get("any_of").and_then(Value::as_array) {
        return alternatives.iter().any(|alt| agrees(alt, got));
    }
    match (expected, got) {
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (a.as_f64().unwrap_or(f64::NAN), b.as_f64().unwrap_or(f64::NAN));
            (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
        }
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len()
                && a.iter().all(|x| b.iter().any(|y| agrees(x, y)))
                && b.iter().all(|y| a.iter().any(|x| agrees(x, y)))
        }
        (Value::Object(a), Value::Object(b)) => a.iter().all(|(k, v)| agrees(v, b.get(k).unwrap_or(&Value::Null))),
        _ => expected == got,
    }
}

#[test]
fn every_table_cell_of_seed_000_reads_as_annotated() {
    let rows: Vec<Value> = serde_json::from_str(CELLS).expect("valid test data");
    assert_eq!(rows.len(), 29);
    let mut failures = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let text = |key: &str| row[key].as_str().unwrap_or_default().to_string();
        let checks: [(&str, Value, Value); 5] = [
            (
                "condition",
                row["condition"].clone(),
                serde_json::to_value(condition(&text("condition_raw")).value).unwrap_or_default(),
            ),
            ("dose", row["dose"].clone(), serde_json::to_value(dose(&text("dose_raw")).value).unwrap_or_default()),
            (
                "route",
                row["routes"].clone(),
                serde_json::to_value(route(&text("route_raw")).value.routes).unwrap_or_default(),
            ),
            (
                "follow_up",
                row["follow_up"].clone(),
                serde_json::to_value(follow_up(&text("follow_up_raw")).value).unwrap_or_default(),
            ),
            (
                "outcome",
                row["findings"].clone(),
                serde_json::to_value(outcome(&text("outcome_raw")).value.findings).unwrap_or_default(),
            ),
        ];
        for (field, expected, got) in checks {
            if !agrees(&expected, &got) {
                failures.push(format!("row {} {field}: expected {expected}, got {got}", i + 1));
            }
        }
    }
    assert!(failures.is_empty(), "{} cells misread:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn prose_phrases_of_seeds_001_and_002() {
    let d = dose("患者分两次经肝动脉输注自体骨髓来源MSC(每次约1.2亿个)").value;
    assert_eq!((d.min, d.max, d.infusions), (Some(1.2e8), Some(1.2e8), Some(2)));
    assert_eq!(dose("异体MSC经深静脉单次输注").value.infusions, Some(1));
    assert_eq!(dose("7例患者接受3次UC-MSCs静脉输注(间隔4周)").value.infusions, Some(3));
    let groups = dose("四个剂量组分别接受单剂量MSC:5.0×10⁷、1.0×10⁸、1.5×10⁸ 和2.0×10⁸ 细胞").value;
    assert_eq!(groups.values, vec![5e7, 1e8, 1.5e8, 2e8]);
    let span = |raw: &str| follow_up(raw).value;
    assert_eq!(span("随访13至75个月").min_days, Some(13.0 * 30.4375));
    assert_eq!(span("随访13至75个月").max_days, Some(75.0 * 30.4375));
    assert_eq!(span("并随访长达36个月").max_days, Some(1095.75));
    assert_eq!(span("在72周的随访中").min_days, Some(504.0));
    assert_eq!(span("随访10年").min_days, Some(3652.5));
    assert_eq!(span("(n=219,随访13-75个月)").max_days, Some(2282.8125));
    assert_eq!(crate::patient_count("(n=219,随访13-75个月)"), Some(219));
    assert_eq!(crate::year("2016年7月30日,韩国多家医院牵头在《Hepatology》上发表"), Some(2016));
    let findings =
        serde_json::to_value(outcome("UC-MSCs输注组在72周的随访中显著降低了死亡率(20.8%vs47.4%)").value.findings)
            .unwrap_or_default();
    assert_eq!(findings, json!([{"indicator": "mortality", "direction": "decreased"}]));
}
