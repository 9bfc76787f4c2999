//! Checks trialex output: the JSON Schema of the contract, then the semantic rules of SPEC.md.
//!
//! * [`schema`] derives the JSON Schema (draft 2020-12) from the model types as trialex writes
//!   them (every SPEC field required, null where allowed; `schema_version` constant; no
//!   undeclared property; no negative dose or duration); the checked-in
//!   `schemas/trialex.schema.json` is the same document, kept in step by a test.
//! * [`validate_value`] checks any JSON value that claims to be a document object: schema
//!   errors first (bad enum, wrong type, missing field), then, when it deserializes, the
//!   semantic rules of [`check`].
//! * [`check`] holds the rules a schema cannot say: min ≤ max, plausible dose and follow-up
//!   bounds, spans that slice to `source.text`, citations that resolve in the bibliography.
//!   It turns one study at a time into JSON, so its memory is a study's, not the document's.
//!
//! Every problem is a [`Diagnostic`] naming the study concerned; nothing here panics or stops
//! at the first problem.

use std::sync::LazyLock;

use serde_json::Value;
use trialex_model::{Diagnostic, DocumentOutput, Severity};

/// The checked-in schema, the contract's machine form.
pub const SCHEMA_TEXT: &str = include_str!("../../../schemas/trialex.schema.json");

/// Plausible bounds of a dose: SPEC.md's figures for absolute counts and per-kg doses.
const DOSE_BOUNDS_CELLS: (f64, f64) = (1e3, 1e12);
const DOSE_BOUNDS_PER_KG: (f64, f64) = (1e2, 1e10);
/// Longest plausible follow-up: 30 years in days.
const MAX_FOLLOW_UP_DAYS: f64 = 30.0 * 365.25;

static VALIDATOR: LazyLock<Result<jsonschema::Validator, String>> = LazyLock::new(|| {
    let schema: Value = serde_json::from_str(SCHEMA_TEXT).map_err(|e| e.to_string())?;
    jsonschema::validator_for(&schema).map_err(|e| e.to_string())
});

/// The numbers SPEC.md gives as counts or lengths, which cannot be negative: `(definition,
/// property)`, the items of a list for a list.
const NON_NEGATIVE: &[(&str, &str)] = &[
    ("Dose", "min"),
    ("Dose", "max"),
    ("Dose", "mean"),
    ("Dose", "sd"),
    ("Dose", "values"),
    ("FollowUp", "min_days"),
    ("FollowUp", "max_days"),
];

/// The JSON Schema of a document object, derived from the model types.
///
/// The schema describes what trialex writes (schemars' serialize contract): every field the
/// model always writes is required, null where its type allows (SPEC: a field the source does
/// not mention is `null`, not absent); only the fields added beyond SPEC.md that are left out
/// when empty (`encoding`, `extras`, `spans` …) may be absent. Then the contract's own rules:
/// `schema_version` is the constant of this contract, no object holds a property the model
/// does not declare (a misspelt field is an error, an added one is declared in the model), and
/// doses and durations are not negative.
pub fn schema() -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().for_serialize().into_generator();
    let mut schema = serde_json::to_value(generator.into_root_schema_for::<DocumentOutput>()).unwrap_or(Value::Null);
    let Value::Object(map) = &mut schema else { return schema };
    map.insert("$id".into(), Value::from("https://trialex.dev/schemas/trialex.schema.json"));
    map.insert(
        "description".into(),
        Value::from("One document object of trialex output (SPEC.md, contract version 1)."),
    );
    if let Some(version) =
        map.get_mut("properties").and_then(|p| p.get_mut("schema_version")).and_then(Value::as_object_mut)
    {
        version.remove("type");
        version.insert("const".into(), Value::from(trialex_model::SCHEMA_VERSION));
    }
    close_objects(map);
    if let Some(Value::Object(defs)) = map.get_mut("$defs") {
        for definition in defs.values_mut().filter_map(Value::as_object_mut) {
            close_objects(definition);
        }
        for (definition, property) in NON_NEGATIVE {
            let Some(number) =
                defs.get_mut(*definition).and_then(|d| d.pointer_mut(&format!("/properties/{property}")))
            else {
                continue;
            };
            let number = match number.get_mut("items") {
                Some(items) => items,
                None => number,
            };
            if let Value::Object(number) = number {
                number.insert("minimum".into(), Value::from(0));
            }
        }
    }
    schema
}

/// `additionalProperties: false` on an object schema that lists its properties.
fn close_objects(schema: &mut serde_json::Map<String, Value>) {
    if schema.contains_key("properties") {
        schema.insert("additionalProperties".into(), Value::Bool(false));
    }
}

/// Checks a JSON value against the schema and the semantic rules. `text` is the document
/// text, when known, for span checks. Semantic rules run even where the schema fails, so a
/// bad enum does not hide a dose whose minimum exceeds its maximum.
pub fn validate_value(value: &Value, text: Option<&str>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    match &*VALIDATOR {
        Ok(validator) => {
            for error in validator.iter_errors(value) {
                let path = error.instance_path().to_string();
                let detail = explain_any_of(&error.schema_path().to_string(), error.instance())
                    .unwrap_or_else(|| error.to_string());
                let mut d = Diagnostic::error("schema.invalid", format!("{}: {detail}", display_path(&path)));
                d.study = study_of_path(value, &path);
                out.push(d);
            }
        }
        Err(e) => {
            out.push(Diagnostic::error("schema.unavailable", format!("the built-in schema does not compile: {e}")))
        }
    }
    out.extend(check_value(value, text));
    out
}

/// The schema as a JSON value, for looking up the branches of a failed `anyOf`.
static SCHEMA_VALUE: LazyLock<Value> = LazyLock::new(|| serde_json::from_str(SCHEMA_TEXT).unwrap_or(Value::Null));

/// An `anyOf` of a value or null (every optional field) fails with "not valid under any of the
/// schemas": say instead what is wrong inside the value, by checking it against its non-null
/// branch. None when the failure is not such an `anyOf` or the branch finds nothing.
fn explain_any_of(schema_path: &str, instance: &Value) -> Option<String> {
    let any_of = schema_path.strip_suffix("/anyOf")?;
    let branches = SCHEMA_VALUE.pointer(&format!("{any_of}/anyOf"))?.as_array()?;
    let defs = SCHEMA_VALUE.get("$defs")?.clone();
    let mut problems = Vec::new();
    for branch in branches.iter().filter(|b| b.get("type").and_then(Value::as_str) != Some("null")) {
        let mut schema = branch.clone();
        if let Value::Object(map) = &mut schema {
            map.insert("$defs".into(), defs.clone());
        }
        let Ok(validator) = jsonschema::validator_for(&schema) else { continue };
        for error in validator.iter_errors(instance) {
            let inner = error.instance_path().to_string();
            let at = if inner.is_empty() { String::new() } else { format!("{inner}: ") };
            problems.push(format!("{at}{error}"));
        }
    }
    (!problems.is_empty()).then(|| problems.join("; "))
}

fn display_path(path: &str) -> &str {
    if path.is_empty() { "(document)" } else { path }
}

/// The id of the study a JSON pointer such as `/studies/3/dose/min` points into.
fn study_of_path(doc: &Value, path: &str) -> Option<String> {
    let rest = path.strip_prefix("/studies/")?;
    let index: usize = rest.split('/').next()?.parse().ok()?;
    doc.get("studies")?.get(index)?.get("id")?.as_str().map(str::to_string)
}

/// The semantic rules of SPEC.md over a document object.
///
/// Each study is turned into a JSON value on its own, so the memory this takes is one
/// study's, not a copy of the whole document (a 50 MB text has tens of thousands of studies).
pub fn check(doc: &DocumentOutput, text: Option<&str>) -> Vec<Diagnostic> {
    let known_references = known_reference_numbers(doc.references.iter().map(|r| Some(u64::from(r.number))));
    let mut studies = StudyRules::new(text, known_references);
    for (index, study) in doc.studies.iter().enumerate() {
        match serde_json::to_value(study) {
            Ok(value) => studies.check(index, &value),
            Err(e) => studies.out.push(
                Diagnostic::error("schema.invalid", format!("the study does not serialize: {e}")).for_study(&study.id),
            ),
        }
    }
    studies.out
}

/// The semantic rules over a JSON document object; parts that are missing or of the wrong
/// type are skipped here (the schema reports them).
pub fn check_value(doc: &Value, text: Option<&str>) -> Vec<Diagnostic> {
    let studies = doc.get("studies").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let references = doc.get("references").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let known_references = known_reference_numbers(references.iter().map(|r| r.get("number").and_then(Value::as_u64)));
    let mut rules = StudyRules::new(text, known_references);
    for (index, study) in studies.iter().enumerate() {
        rules.check(index, study);
    }
    rules.out
}

/// The bibliography's numbers, or None when the document has no bibliography (then no
/// citation can be judged unresolved).
fn known_reference_numbers(
    numbers: impl ExactSizeIterator<Item = Option<u64>>,
) -> Option<std::collections::HashSet<u64>> {
    (numbers.len() > 0).then(|| numbers.flatten().collect())
}

/// The per-study rules of a document, with what they need to know of the whole: its text,
/// its bibliography and the ids seen so far.
struct StudyRules<'t> {
    text: Option<&'t str>,
    known_references: Option<std::collections::HashSet<u64>>,
    seen_ids: std::collections::HashSet<String>,
    out: Vec<Diagnostic>,
}

impl<'t> StudyRules<'t> {
    fn new(text: Option<&'t str>, known_references: Option<std::collections::HashSet<u64>>) -> Self {
        StudyRules { text, known_references, seen_ids: Default::default(), out: Vec::new() }
    }

    fn check(&mut self, index: usize, study: &Value) {
        let id = study.get("id").and_then(Value::as_str).map(str::to_string).unwrap_or_else(|| format!("#{index}"));
        let mut rules = Rules { id: &id, out: &mut self.out };
        if !self.seen_ids.insert(id.clone()) {
            rules.push(Severity::Error, "study.duplicate_id", format!("study id '{id}' is used twice"));
        }
        rules.span(study, self.text);
        if let Some(text) = self.text {
            rules.field_spans(study, text);
        }
        rules.dose(study.get("dose"));
        rules.follow_up(study.get("follow_up"));
        if let Some(known) = &self.known_references {
            rules.citations(study.get("reference"), known);
        }
    }
}

struct Rules<'a> {
    id: &'a str,
    out: &'a mut Vec<Diagnostic>,
}

fn number(v: Option<&Value>, key: &str) -> Option<f64> {
    v?.get(key)?.as_f64()
}

fn raw_of(v: &Value) -> &str {
    v.get("raw").and_then(Value::as_str).unwrap_or("")
}

impl Rules<'_> {
    fn push(&mut self, severity: Severity, code: &str, message: String) {
        self.out.push(Diagnostic::new(severity, code, message).for_study(self.id));
    }

    fn span(&mut self, study: &Value, text: Option<&str>) {
        let source = study.get("source");
        let span = source.and_then(|s| s.get("span")).and_then(Value::as_array);
        let source_text = source.and_then(|s| s.get("text")).and_then(Value::as_str);
        let (Some([start, end]), Some(source_text)) = (span.map(Vec::as_slice), source_text) else {
            return;
        };
        let (Some(start), Some(end)) = (start.as_u64().map(|v| v as usize), end.as_u64().map(|v| v as usize)) else {
            return;
        };
        if start > end {
            self.push(Severity::Error, "span.inverted", format!("span [{start}, {end}] ends before it starts"));
            return;
        }
        if end - start != source_text.len() {
            let message = format!(
                "span [{start}, {end}] is {} bytes but source.text is {} bytes",
                end - start,
                source_text.len()
            );
            self.push(Severity::Error, "span.mismatch", message);
            return;
        }
        if let Some(text) = text {
            match text.get(start..end) {
                Some(slice) if slice == source_text => {}
                Some(_) => self.push(
                    Severity::Error,
                    "span.mismatch",
                    format!("span [{start}, {end}] does not slice to source.text"),
                ),
                None => {
                    let message = format!(
                        "span [{start}, {end}] is outside the {}-byte document text or splits a character",
                        text.len()
                    );
                    self.push(Severity::Error, "span.out_of_range", message);
                }
            }
        }
    }

    /// Each field's span (`spans.<field>`) must slice to that field's `raw`, where it has one.
    fn field_spans(&mut self, study: &Value, text: &str) {
        let Some(spans) = study.get("spans").and_then(Value::as_object) else { return };
        for (field, span) in spans {
            let bounds = span.as_array().and_then(|pair| match pair.as_slice() {
                [a, b] => Some((a.as_u64()? as usize, b.as_u64()? as usize)),
                _ => None,
            });
            let Some(slice) = bounds.and_then(|(a, b)| text.get(a..b)) else {
                self.push(
                    Severity::Error,
                    "span.out_of_range",
                    format!("spans.{field} {span} is not a range of the document text"),
                );
                continue;
            };
            let raw = study.get(field).and_then(|v| v.get("raw")).and_then(Value::as_str);
            if let Some(raw) = raw
                && raw != slice
            {
                self.push(
                    Severity::Error,
                    "span.mismatch",
                    format!("spans.{field} {span} does not slice to {field}.raw"),
                );
            }
        }
    }

    fn dose(&mut self, dose: Option<&Value>) {
        let Some(dose) = dose.filter(|d| d.is_object()) else {
            return;
        };
        let raw = raw_of(dose);
        if let (Some(min), Some(max)) = (number(Some(dose), "min"), number(Some(dose), "max"))
            && min > max
        {
            self.push(
                Severity::Error,
                "dose.min_gt_max",
                format!("dose min {min:e} is greater than max {max:e} in '{raw}'"),
            );
        }
        let (low, high) = match dose.get("unit").and_then(Value::as_str) {
            Some("cells/kg") => DOSE_BOUNDS_PER_KG,
            Some("cells") => DOSE_BOUNDS_CELLS,
            _ => return,
        };
        let groups = dose.get("values").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_f64);
        let values = ["min", "max", "mean"].into_iter().filter_map(|k| number(Some(dose), k)).chain(groups);
        // A negative value is the schema's error (`minimum`), not an implausible one.
        for v in values.filter(|v| *v >= 0.0) {
            if !(low..=high).contains(&v) {
                let message =
                    format!("dose {v:e} is outside the plausible range {low:e}–{high:e} for its unit in '{raw}'");
                self.push(Severity::Warning, "dose.implausible", message);
                break;
            }
        }
    }

    fn follow_up(&mut self, follow_up: Option<&Value>) {
        let Some(f) = follow_up.filter(|f| f.is_object()) else {
            return;
        };
        let raw = raw_of(f);
        let (min, max) = (number(Some(f), "min_days"), number(Some(f), "max_days"));
        if let (Some(min), Some(max)) = (min, max)
            && min > max
        {
            self.push(
                Severity::Error,
                "follow_up.min_gt_max",
                format!("follow-up min {min} d is greater than max {max} d in '{raw}'"),
            );
        }
        // A negative duration is the schema's error (`minimum`).
        if let Some(d) = [min, max].into_iter().flatten().find(|d| *d > MAX_FOLLOW_UP_DAYS) {
            self.push(
                Severity::Warning,
                "follow_up.implausible",
                format!("follow-up of {d} days is longer than 30 years in '{raw}'"),
            );
        }
    }

    fn citations(&mut self, reference: Option<&Value>, known: &std::collections::HashSet<u64>) {
        let numbers = reference.and_then(|r| r.get("numbers")).and_then(Value::as_array).into_iter().flatten();
        for n in numbers.filter_map(Value::as_u64) {
            if !known.contains(&n) {
                self.push(
                    Severity::Warning,
                    "reference.unresolved",
                    format!("cited number [{n}] has no entry in the bibliography"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use trialex_model::*;

    fn study(id: &str, text: &str, span: Span) -> Study {
        let source = Source {
            kind: SourceKind::Table,
            table: Some("表 1".into()),
            caption: None,
            row: Some(1),
            page: None,
            span,
            text: text.into(),
        };
        Study::new(id, source)
    }

    fn document(studies: Vec<Study>) -> DocumentOutput {
        let mut doc = DocumentOutput::new(DocumentInfo {
            path: "x.txt".into(),
            sha256: "0".repeat(64),
            format: DocumentFormat::Text,
            language: Some(Language::Zh),
            pages: None,
            encoding: None,
        });
        doc.studies = studies;
        doc
    }

    #[test]
    fn checked_in_schema_matches_the_model_types() {
        let checked_in: Value = serde_json::from_str(SCHEMA_TEXT).expect("schema file is JSON");
        assert_eq!(
            checked_in,
            schema(),
            "schemas/trialex.schema.json drifted from the model types: run `trialex schema > schemas/trialex.schema.json`"
        );
    }

    #[test]
    fn schema_is_draft_2020_12() {
        assert_eq!(schema()["$schema"], "https://json-schema.org/draft/2020-12/schema");
    }

    #[test]
    fn a_clean_document_has_no_problems() {
        let text = "abc 3.2×10⁷ def";
        let doc = document(vec![study("t1.r1", "3.2×10⁷", [4, 4 + "3.2×10⁷".len()])]);
        let value = serde_json::to_value(&doc).unwrap();
        assert_eq!(validate_value(&value, Some(text)), vec![]);
    }

    #[test]
    fn field_spans_must_slice_to_their_raw_text() {
        let text = "abc 3.2×10⁷ def";
        let mut s = study("t1.r1", text, [0, text.len()]);
        s.dose = Some(Dose { raw: "3.2×10⁷".into(), ..Default::default() });
        s.spans.dose = Some([4, 4 + "3.2×10⁷".len()]);
        assert_eq!(check(&document(vec![s.clone()]), Some(text)), vec![]);
        s.spans.dose = Some([0, 3]);
        let problems = check(&document(vec![s]), Some(text));
        assert!(problems.iter().any(|d| d.code == "span.mismatch" && d.message.contains("spans.dose")), "{problems:?}");
    }

    #[test]
    fn min_greater_than_max_is_an_error() {
        let mut s = study("t1.r1", "x", [0, 1]);
        s.dose = Some(Dose {
            raw: "5~1".into(),
            unit: Some(DoseUnit::Cells),
            min: Some(5e7),
            max: Some(1e7),
            ..Default::default()
        });
        let problems = check(&document(vec![s]), None);
        assert!(problems.iter().any(|d| d.code == "dose.min_gt_max"
            && d.severity == Severity::Error
            && d.study.as_deref() == Some("t1.r1")));
    }

    #[test]
    fn implausible_doses_and_follow_ups_are_warnings() {
        let mut s = study("t1.r1", "x", [0, 1]);
        s.dose = Some(Dose {
            raw: "2016".into(),
            unit: Some(DoseUnit::CellsPerKg),
            min: Some(2016.0),
            max: Some(2e11),
            ..Default::default()
        });
        s.follow_up = Some(FollowUp { raw: "40 年".into(), min_days: Some(14610.0), max_days: Some(14610.0) });
        let codes: Vec<_> = check(&document(vec![s]), None).into_iter().map(|d| d.code).collect();
        assert!(codes.contains(&"dose.implausible".to_string()));
        assert!(codes.contains(&"follow_up.implausible".to_string()));
    }

    #[test]
    fn a_wrong_span_is_named() {
        let text = "0123456789";
        let doc = document(vec![study("t1.r1", "345", [2, 5]), study("t1.r2", "34", [3, 6])]);
        let problems = check(&doc, Some(text));
        assert!(problems.iter().any(|d| d.code == "span.mismatch" && d.study.as_deref() == Some("t1.r1")));
        assert!(problems.iter().any(|d| d.code == "span.mismatch" && d.study.as_deref() == Some("t1.r2")));
    }

    #[test]
    fn a_bad_enum_is_a_schema_error_naming_the_study() {
        let mut s = study("t2.r4", "x", [0, 1]);
        s.route = Some(Route { raw: "iv".into(), routes: vec![RouteKind::PeripheralVein] });
        let mut value = serde_json::to_value(document(vec![s])).unwrap();
        value["studies"][0]["route"]["routes"][0] = Value::from("by_mouth");
        let problems = validate_value(&value, None);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].code, "schema.invalid");
        assert_eq!(problems[0].study.as_deref(), Some("t2.r4"));
        assert!(problems[0].message.contains("/studies/0/route"), "{}", problems[0].message);
        assert!(problems[0].message.contains("\"by_mouth\""), "names the bad value: {}", problems[0].message);
    }

    #[test]
    fn a_schema_error_does_not_hide_semantic_problems() {
        let mut s = study("t1.r2", "x", [0, 1]);
        s.dose = Some(Dose {
            raw: "9~1".into(),
            unit: Some(DoseUnit::Cells),
            min: Some(9e6),
            max: Some(1e6),
            ..Default::default()
        });
        let mut value = serde_json::to_value(document(vec![s])).unwrap();
        value["studies"][0]["dose"]["unit"] = Value::from("cells per gram");
        let codes: Vec<_> = validate_value(&value, None).into_iter().map(|d| d.code).collect();
        assert!(codes.contains(&"schema.invalid".to_string()), "{codes:?}");
        assert!(codes.contains(&"dose.min_gt_max".to_string()), "{codes:?}");
    }

    fn codes(problems: &[Diagnostic]) -> Vec<&str> {
        problems.iter().map(|d| d.code.as_str()).collect()
    }

    #[test]
    fn every_spec_field_is_required_and_may_be_null_where_spec_allows() {
        let mut value = serde_json::to_value(document(vec![study("t1.r1", "x", [0, 1])])).unwrap();
        assert_eq!(validate_value(&value, None), vec![]);
        // Every SPEC field of a study is written, null or not; leaving one out is an error.
        for field in ["dose", "condition", "year", "reference", "n_patients"] {
            let mut without = value.clone();
            without["studies"][0].as_object_mut().unwrap().remove(field);
            let problems = validate_value(&without, None);
            assert!(
                problems.iter().any(|d| d.code == "schema.invalid" && d.message.contains(field)),
                "{field}: {problems:?}"
            );
        }
        // Fields beyond SPEC that are left out when empty may be absent.
        assert!(value["studies"][0].get("spans").is_none() && value["document"].get("encoding").is_none());
        value["document"]["pages"] = Value::Null;
        assert_eq!(validate_value(&value, None), vec![]);
    }

    #[test]
    fn the_version_is_the_contracts_and_no_field_is_undeclared() {
        let value = serde_json::to_value(document(vec![study("t1.r1", "x", [0, 1])])).unwrap();
        let mut v2 = value.clone();
        v2["schema_version"] = Value::from("2");
        assert_eq!(codes(&validate_value(&v2, None)), ["schema.invalid"]);
        for pointer in ["", "/document", "/studies/0", "/studies/0/source"] {
            let mut extra = value.clone();
            extra.pointer_mut(pointer).unwrap()["dosage"] = Value::from(1);
            let problems = validate_value(&extra, None);
            assert_eq!(codes(&problems), ["schema.invalid"], "{pointer}: {problems:?}");
            assert!(problems[0].message.contains("dosage"), "{}", problems[0].message);
        }
    }

    #[test]
    fn negative_doses_and_durations_are_errors() {
        let mut s = study("t1.r1", "x", [0, 1]);
        s.dose = Some(Dose {
            raw: "x".into(),
            unit: Some(DoseUnit::Cells),
            min: Some(1e6),
            max: Some(2e6),
            ..Default::default()
        });
        s.follow_up = Some(FollowUp { raw: "x".into(), min_days: Some(7.0), max_days: Some(14.0) });
        let value = serde_json::to_value(document(vec![s])).unwrap();
        assert_eq!(validate_value(&value, None), vec![]);
        for pointer in ["/dose/min", "/dose/sd", "/follow_up/max_days"] {
            let mut negative = value.clone();
            *negative.pointer_mut(&format!("/studies/0{pointer}")).unwrap() = Value::from(-3.0);
            let problems = validate_value(&negative, None);
            assert!(
                problems.iter().any(|d| d.code == "schema.invalid"
                    && d.severity == Severity::Error
                    && d.study.as_deref() == Some("t1.r1")),
                "{pointer}: {problems:?}"
            );
            assert!(problems.iter().all(|d| d.code != "dose.implausible"), "{problems:?}");
        }
        let mut negative = value.clone();
        negative["studies"][0]["dose"]["values"] = serde_json::json!([1e6, -2e6]);
        assert_eq!(codes(&validate_value(&negative, None)), ["schema.invalid"]);
    }

    #[test]
    fn study_by_study_checks_say_what_whole_document_checks_say() {
        let text = "0123456789";
        let mut cited = study("t1.r1", "345", [3, 6]);
        cited.reference = Some(StudyReference { raw: "[7]".into(), numbers: vec![7] });
        let mut doc = document(vec![cited, study("t1.r1", "34", [3, 6]), study("t1.r3", "9", [9, 10])]);
        doc.references.push(Reference { number: 1, raw: "A".into(), ..Default::default() });
        let whole = check_value(&serde_json::to_value(&doc).unwrap(), Some(text));
        assert_eq!(check(&doc, Some(text)), whole);
        let codes: Vec<_> = whole.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["reference.unresolved", "study.duplicate_id", "span.mismatch"]);
    }

    #[test]
    fn unresolved_citations_are_warned() {
        let mut s = study("t1.r1", "x", [0, 1]);
        s.reference = Some(StudyReference { raw: "[7]".into(), numbers: vec![7] });
        let mut doc = document(vec![s]);
        doc.references.push(Reference { number: 1, raw: "A".into(), ..Default::default() });
        let problems = check(&doc, None);
        assert!(problems.iter().any(|d| d.code == "reference.unresolved" && d.message.contains("[7]")));
    }
}
