//! End-to-end tests of `trialex review`: the pages are parsed with an HTML parser and their
//! marks checked against the JSON output of the same documents, whatever it says (the
//! extraction improves; these tests count nothing fixed).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{ElementRef, Html, Selector};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn trialex(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trialex")).args(args).current_dir(root()).output().expect("trialex runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trialex-review-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn select<'a>(page: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(selector).unwrap_or_else(|e| panic!("{selector}: {e:?}"));
    page.select(&selector).collect()
}

fn text_of(element: &ElementRef) -> String {
    element.text().collect()
}

fn parse(path: &Path) -> Html {
    let html = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Html::parse_document(&html)
}

/// The documents of a JSON Lines output, in order.
fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// The pages an index links, in the documents' order.
fn pages_of(dir: &Path) -> Vec<PathBuf> {
    let index = parse(&dir.join("index.html"));
    select(&index, "#documents tbody tr td:first-child a")
        .iter()
        .map(|a| {
            let href = a.value().attr("href").unwrap();
            assert!(!href.contains('/') && !href.contains(':'), "a page is a file beside the index: {href}");
            dir.join(percent_decode(href))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' {
            out.push(u8::from_str_radix(&text[at + 1..at + 3], 16).unwrap());
            at += 3;
        } else {
            out.push(bytes[at]);
            at += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// Checks one page against its document's JSON and text: the text pane holds exactly the
/// text; each study has one row and a highlight whose pieces hold exactly its `source.text`;
/// each field span of `spans` has its mark holding exactly that slice of the text.
fn check_page(page_path: &Path, doc: &serde_json::Value, text: Option<&str>) {
    let page = parse(page_path);
    let name = page_path.display();
    let studies = doc["studies"].as_array().unwrap();
    match text {
        Some(text) => {
            let pane = select(&page, "#text");
            assert_eq!(pane.len(), 1, "{name}: one text pane");
            assert!(text_of(&pane[0]) == text, "{name}: the text pane holds the document's text, nothing more or less");
        }
        None => assert!(select(&page, "#text").is_empty(), "{name}: no text, no text pane"),
    }
    let mut pieces: BTreeMap<String, String> = BTreeMap::new();
    for mark in select(&page, "#text mark.study") {
        let id = mark.value().attr("data-study").expect("a highlight names its study");
        pieces.entry(id.to_string()).or_default().push_str(&text_of(&mark));
    }
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for study in studies {
        *ids.entry(study["id"].as_str().unwrap()).or_default() += 1;
    }
    assert_eq!(pieces.len(), ids.len(), "{name}: a highlight for every study and no other");
    let mut rows: HashMap<String, usize> = HashMap::new();
    for row in select(&page, "#studies tbody tr[data-study]") {
        *rows.entry(row.value().attr("data-study").unwrap().to_string()).or_default() += 1;
    }
    assert_eq!(rows.values().sum::<usize>(), studies.len(), "{name}: a row per study");
    let mut field_marks: BTreeMap<(String, String), String> = BTreeMap::new();
    for mark in select(&page, "#text mark.field[data-field]") {
        let field = mark.value().attr("data-field").unwrap();
        let owner = mark.value().attr("data-for").expect("a field mark names its study");
        let title = mark.value().attr("title").unwrap_or("");
        let shown = field.strip_prefix("extras.").unwrap_or(field);
        assert!(title.starts_with(&format!("{shown}: ")), "{name}: the hover names the field: {title}");
        field_marks.entry((owner.to_string(), field.to_string())).or_default().push_str(&text_of(&mark));
    }
    let mut spans = 0;
    for study in studies {
        let id = study["id"].as_str().unwrap();
        if ids[id] > 1 {
            continue; // the validator reports a duplicate id; its pieces cannot be told apart
        }
        let source = study["source"]["text"].as_str().unwrap();
        assert_eq!(pieces[id], source, "{name}: study {id}'s highlight holds exactly its source.text");
        assert_eq!(rows.get(id), Some(&1), "{name}: study {id} has its row");
        let Some(text) = text else { continue };
        for (field, span) in study["spans"].as_object().into_iter().flatten() {
            let (start, end) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
            let marked = field_marks.get(&(id.to_string(), field.clone()));
            assert_eq!(
                marked.map(String::as_str),
                Some(&text[start..end]),
                "{name}: {id}.{field} is marked at its span"
            );
            spans += 1;
        }
    }
    let spec_marks = field_marks.keys().filter(|(_, field)| !field.starts_with("extras.")).count();
    assert_eq!(spec_marks, spans, "{name}: a mark for every field span and no other");
}

/// The inputs of the batch test: a Chinese review table, an English one with CRLF line ends
/// and a BOM, English prose, a PDF with tables, a broken PDF, and a file name met twice.
fn batch_inputs(dir: &Path) -> Vec<String> {
    let twin = dir.join("twin");
    std::fs::create_dir_all(&twin).unwrap();
    let seed = "fixtures/zh/000_a4877cbd41b23476.txt";
    std::fs::copy(root().join(seed), twin.join("000_a4877cbd41b23476.txt")).unwrap();
    let mut inputs: Vec<String> = [
        seed,
        "fixtures/eval/h7_en_pipe_bom_crlf.md",
        "fixtures/en/prose_cirrhosis_review.txt",
        "fixtures/pdf/zh_review_tables.pdf",
        "fixtures/pdf/truncated.pdf",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    inputs.push(twin.join("000_a4877cbd41b23476.txt").to_string_lossy().into_owned());
    inputs
}

#[test]
fn every_page_marks_what_the_json_says_and_the_index_links_every_page() {
    let dir = temp_dir("batch");
    let inputs = batch_inputs(&dir);
    let (out, text) = (dir.join("out"), dir.join("text"));
    let input_args: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let mut args = vec!["review", "-o", out.to_str().unwrap(), "--quiet"];
    args.extend(&input_args);
    let reviewed = trialex(&args);
    assert_eq!(
        reviewed.status.code(),
        Some(1),
        "the broken PDF is an error: {}",
        String::from_utf8_lossy(&reviewed.stderr)
    );
    let mut args = vec!["extract", "--format", "jsonl", "--quiet", "--text-out", text.to_str().unwrap()];
    args.extend(&input_args);
    let extracted = trialex(&args);
    let docs = json_lines(&String::from_utf8(extracted.stdout).unwrap());
    assert_eq!(docs.len(), inputs.len());

    // The review's own JSON is the extraction's.
    let beside = json_lines(&std::fs::read_to_string(out.join("studies.jsonl")).unwrap());
    assert_eq!(beside, docs, "studies.jsonl is what extract writes");

    let pages = pages_of(&out);
    assert_eq!(pages.len(), inputs.len(), "a page per document");
    let names: Vec<String> = pages.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names[0], "000_a4877cbd41b23476.txt.html");
    assert_eq!(names[5], "000_a4877cbd41b23476.txt~2.html", "a file name met twice gets a page of its own");
    for (page, doc) in pages.iter().zip(&docs) {
        // The extracted text of each document is where --text-out put it: the page's name, .txt.
        let stem = page.file_name().unwrap().to_string_lossy().trim_end_matches(".html").to_string();
        let text = std::fs::read_to_string(text.join(format!("{stem}.txt"))).ok();
        check_page(page, doc, text.as_deref());
    }
    // The CRLF document's text keeps its carriage returns on the page.
    let crlf = std::fs::read_to_string(root().join("fixtures/eval/h7_en_pipe_bom_crlf.md")).unwrap();
    assert!(crlf.contains('\r'));

    // The index counts what the JSON says, and names the broken PDF as needing a look.
    let index = parse(&out.join("index.html"));
    let rows = select(&index, "#documents tbody tr");
    for (row, doc) in rows.iter().zip(&docs) {
        let cells: Vec<String> = select_in(row, "td").iter().map(text_of).collect();
        assert_eq!(cells[4], doc["studies"].as_array().unwrap().len().to_string());
        let errors = doc["diagnostics"].as_array().unwrap().iter().filter(|d| d["severity"] == "error").count();
        assert_eq!(cells[5], errors.to_string());
    }
    let flagged: Vec<String> = select(&index, "#with-errors a").iter().map(text_of).collect();
    assert_eq!(flagged, ["truncated.pdf"]);
    let total: usize = docs.iter().map(|d| d["studies"].as_array().unwrap().len()).sum();
    let all = select(&index, "#crosstab tbody tr:last-child td:last-child");
    assert_eq!(text_of(&all[0]), total.to_string(), "the cross table sums every study");
    std::fs::remove_dir_all(&dir).unwrap();
}

fn select_in<'a>(element: &ElementRef<'a>, selector: &str) -> Vec<ElementRef<'a>> {
    element.select(&Selector::parse(selector).unwrap()).collect()
}

/// Markup in a document, in its name and in what the extraction takes from it.
const HOSTILE: &str = "Stem cell therapy for liver disease: a review\r\n\r\n\
Table 1 Clinical trials of MSCs in liver cirrhosis <script>alert('caption')</script>\r\n\
| Disease | Cells | Dose | Route | Follow-up | Outcome | Ref |\r\n\
|---|---|---|---|---|---|---|\r\n\
| Decompensated cirrhosis <img src=x onerror=alert(1)> | UC-MSCs </textarea><svg onload=alert(2)> | 1.0 × 10^6 cells/kg \" onmouseover=\"alert(3) | peripheral vein | 48 weeks | ALB increased <iframe src=javascript:alert(4)></iframe> | [1] |\r\n\
| Liver failure </mark></div><script>alert(5)</script> | BM-MSCs | 5 × 10^5 cells/kg | hepatic artery | 24 weeks & more | MELD decreased ]]><!-- | [2] |\r\n\
\r\n\
In a trial, 20 patients with HBV cirrhosis received UC-MSCs <b onclick=alert(6)>via</b> peripheral vein; ALB increased.\r\n\
\r\n\
References\r\n\
1. Li X <script>alert(7)</script>, et al. Title. J Hepatol. 2016;64:1-9. doi:10.1/x\"><script>alert(8)</script>\r\n\
2. Wang Y. Title two. Hepatology. 2012;55:2-3.\r\n";

#[test]
fn a_hostile_document_shows_its_markup_as_text_and_runs_nothing() {
    let dir = temp_dir("hostile");
    let input = dir.join("<img src=x onerror=alert(9)> \"review\".txt");
    std::fs::write(&input, HOSTILE).unwrap();
    let out = dir.join("out");
    let reviewed = trialex(&["review", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet"]);
    assert!(reviewed.status.code().is_some_and(|c| c < 2), "{}", String::from_utf8_lossy(&reviewed.stderr));
    let extracted = trialex(&["extract", input.to_str().unwrap(), "--format", "jsonl", "--quiet"]);
    let docs = json_lines(&String::from_utf8(extracted.stdout).unwrap());
    let pages = pages_of(&out);
    assert_eq!(pages.len(), 1);
    check_page(&pages[0], &docs[0], Some(HOSTILE));
    for path in [&pages[0], &out.join("index.html")] {
        let page = parse(path);
        let scripts = select(&page, "script");
        assert!(scripts.len() <= 1, "{}: only the page's own script", path.display());
        for script in &scripts {
            assert!(!text_of(script).contains("alert"), "{}: no document text in the script", path.display());
        }
        for element in select(&page, "*") {
            let tag = element.value().name();
            assert!(
                !["img", "svg", "iframe", "textarea", "b", "object", "embed", "base", "link"].contains(&tag),
                "{}: the document made a <{tag}>",
                path.display()
            );
            for (attribute, value) in element.value().attrs() {
                assert!(!attribute.starts_with("on"), "{}: an event handler {attribute}={value}", path.display());
                if attribute == "href" || attribute == "src" {
                    assert!(
                        !value.trim_start().to_lowercase().starts_with("javascript:"),
                        "{}: {value}",
                        path.display()
                    );
                }
            }
        }
        // The policy lets nothing load and nothing run but the page's own script.
        let policy = select(&page, "meta[http-equiv=\"Content-Security-Policy\"]");
        let policy = policy[0].value().attr("content").unwrap();
        assert!(policy.contains("default-src 'none'") && policy.contains("script-src 'sha256-"), "{policy}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_large_document_gives_a_page_with_every_study() {
    // A review table of 5 000 rows (≈ 450 kB): every study and field marked. (The page of a
    // 10 MB document is timed by hand: BENCHMARKS.md, no timing asserted here.)
    let dir = temp_dir("large");
    let mut text = String::from(
        "Table 1 Clinical trials of MSCs in liver cirrhosis\n| Disease | Cells | Dose | Route | Follow-up |\n|---|---|---|---|---|\n",
    );
    for n in 0..5_000 {
        text.push_str(&format!(
            "| Decompensated cirrhosis | UC-MSCs | {}.0 × 10^6 cells/kg | peripheral vein | {} weeks |\n",
            n % 9 + 1,
            n % 50 + 1
        ));
    }
    let input = dir.join("long.txt");
    std::fs::write(&input, &text).unwrap();
    let out = dir.join("out");
    let reviewed = trialex(&["review", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet"]);
    assert!(reviewed.status.code().is_some_and(|c| c < 2));
    let docs = json_lines(&std::fs::read_to_string(out.join("studies.jsonl")).unwrap());
    check_page(&pages_of(&out)[0], &docs[0], Some(&text));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_review_never_writes_over_an_input_and_wants_a_folder() {
    let dir = temp_dir("refuse");
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let input = out.join("studies.csv");
    std::fs::write(&input, "precious").unwrap();
    let refused = trialex(&["review", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("studies.csv"));
    assert_eq!(std::fs::read_to_string(&input).unwrap(), "precious");
    // An input whose page would take its own name keeps its file; the page goes beside it.
    let named_like_a_page = out.join("a.txt.html");
    std::fs::write(&named_like_a_page, "Table 1\n").unwrap();
    let seed = "fixtures/zh/000_a4877cbd41b23476.txt";
    std::fs::copy(root().join(seed), out.join("a.txt")).unwrap();
    let both = [out.join("a.txt"), named_like_a_page.clone()];
    let ran = trialex(&[
        "review",
        both[0].to_str().unwrap(),
        both[1].to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(ran.status.code(), Some(0), "{}", String::from_utf8_lossy(&ran.stderr));
    assert_eq!(std::fs::read_to_string(&named_like_a_page).unwrap(), "Table 1\n");
    assert!(out.join("a.txt~2.html").exists());
    // -o must be a folder.
    let file = dir.join("file");
    std::fs::write(&file, "x").unwrap();
    assert_eq!(trialex(&["review", seed, "-o", file.to_str().unwrap(), "--quiet"]).status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bom_starts_the_csv_when_asked_and_only_a_csv() {
    let seed = "fixtures/zh/000_a4877cbd41b23476.txt";
    let with = trialex(&["extract", seed, "--format", "csv", "--bom", "--quiet"]);
    assert_eq!(with.status.code(), Some(0));
    assert!(with.stdout.starts_with("\u{feff}document,".as_bytes()));
    let without = trialex(&["extract", seed, "--format", "csv", "--quiet"]);
    assert!(without.stdout.starts_with(b"document,"));
    assert_eq!(trialex(&["extract", seed, "--format", "json", "--bom", "--quiet"]).status.code(), Some(2));
    // The cited papers stand beside the citation numbers.
    let text = String::from_utf8(without.stdout).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.contains(
        "reference_numbers,cited_first_author,cited_year,cited_title,cited_journal,cited_doi,cited_pmid,diagnostics"
    ));
}
