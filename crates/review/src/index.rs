//! The batch's index: every document linked to its page with its studies, errors and
//! warnings; the studies by condition category × cell type; the doses in cells/kg; and the
//! documents that need a look (with errors, or with no study).
//!
//! Only a few facts of each document are kept while the batch runs, so the index costs
//! memory by the study, not by the document.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{self, Write};

use trialex_model::{CellType, ConditionCategory, DocumentOutput, DoseUnit, Severity, Study};

use crate::escape::{attr, href};
use crate::fields::number;
use crate::page::{file_name, format_name, language_name, plural, severity_counts};

/// What the index keeps of one document.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    name: String,
    path: String,
    /// The page's file name, relative to the index.
    page: String,
    format: &'static str,
    language: &'static str,
    pages: Option<u32>,
    errors: usize,
    warnings: usize,
    first_error: Option<String>,
    studies: Vec<Facts>,
}

/// What the summaries need of one study.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Facts {
    category: Option<ConditionCategory>,
    cell_type: Option<CellType>,
    /// The lowest and highest dose, where the dose is in cells/kg.
    per_kg: Option<(f64, f64)>,
}

impl Facts {
    fn of(study: &Study) -> Facts {
        Facts {
            category: study.condition.as_ref().and_then(|c| c.category),
            cell_type: study.cell.as_ref().and_then(|c| c.cell_type),
            per_kg: study.dose.as_ref().filter(|d| d.unit == Some(DoseUnit::CellsPerKg)).and_then(|d| {
                // Every number the dose gives: its groups, its range, or its mean.
                let all: Vec<f64> =
                    d.values.iter().copied().chain([d.min, d.max, d.mean].into_iter().flatten()).collect();
                let low = all.iter().copied().reduce(f64::min)?;
                let high = all.iter().copied().reduce(f64::max)?;
                Some((low, high))
            }),
        }
    }
}

/// The index of a batch, filled document by document.
#[derive(Debug, Default)]
pub struct Index {
    entries: Vec<Entry>,
}

impl Index {
    /// Remembers `doc`, whose page is the file `page` beside the index.
    pub fn add(&mut self, doc: &DocumentOutput, page: &str) {
        let (errors, warnings) = severity_counts(doc);
        self.entries.push(Entry {
            name: file_name(&doc.document.path),
            path: doc.document.path.clone(),
            page: page.to_string(),
            format: format_name(doc.document.format),
            language: doc.document.language.map_or("", language_name),
            pages: doc.document.pages,
            errors,
            warnings,
            first_error: doc.diagnostics.iter().find(|d| d.severity == Severity::Error).map(|d| d.message.clone()),
            studies: doc.studies.iter().map(Facts::of).collect(),
        });
    }

    /// Writes the index page; `files` are other files of the batch to link (`studies.jsonl`,
    /// with what they are).
    pub fn write(&self, out: &mut impl Write, files: &[(&str, &str)]) -> io::Result<()> {
        let studies: usize = self.entries.iter().map(|e| e.studies.len()).sum();
        let with_errors: Vec<&Entry> = self.entries.iter().filter(|e| e.errors > 0).collect();
        let without_study: Vec<&Entry> = self.entries.iter().filter(|e| e.studies.is_empty()).collect();
        crate::head(out, "trialex review")?;
        write!(
            out,
            "<body class=\"index-page\">\n<header class=\"top\"><h1>trialex review: {}</h1><p class=\"meta\">{} · {} with errors · {} with no study</p>",
            plural(self.entries.len(), "document"),
            plural(studies, "study"),
            with_errors.len(),
            without_study.len()
        )?;
        if !files.is_empty() {
            let links: Vec<String> = files
                .iter()
                .map(|(name, what)| format!("<a href=\"{}\">{}</a> ({what})", href(name), attr(name)))
                .collect();
            write!(out, "<p class=\"meta\">The output beside these pages: {}</p>", links.join(", "))?;
        }
        out.write_all(b"</header>\n<main class=\"index\">\n")?;
        out.write_all(self.documents_table().as_bytes())?;
        out.write_all(attention(&with_errors, &without_study).as_bytes())?;
        out.write_all(self.crosstab().as_bytes())?;
        out.write_all(self.doses().as_bytes())?;
        out.write_all(b"</main>\n</body>\n</html>\n")
    }

    fn documents_table(&self) -> String {
        let mut html = String::from(
            "<h2>Documents</h2>\n<table id=\"documents\"><thead><tr><th>document</th><th>format</th><th>language</th>\
<th class=\"n\">pages</th><th class=\"n\">studies</th><th class=\"n\">errors</th><th class=\"n\">warnings</th>\
<th>first error</th></tr></thead>\n<tbody>\n",
        );
        for e in &self.entries {
            let class = if e.errors > 0 { " class=\"has-errors\"" } else { "" };
            let _ = writeln!(
                html,
                "<tr{class}><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td>{}{}{}<td>{}</td></tr>",
                link(e),
                e.format,
                e.language,
                e.pages.map(|p| p.to_string()).unwrap_or_default(),
                count_cell(e.studies.len()),
                count_cell(e.errors),
                count_cell(e.warnings),
                attr(e.first_error.as_deref().unwrap_or(""))
            );
        }
        html.push_str("</tbody></table>\n");
        html
    }

    /// Studies by condition category (rows) × cell type (columns), in vocabulary order, what
    /// was not read last.
    fn crosstab(&self) -> String {
        let facts = || self.entries.iter().flat_map(|e| e.studies.iter());
        let mut counts: BTreeMap<Pair, usize> = BTreeMap::new();
        for f in facts() {
            *counts.entry((Key(f.category), Key(f.cell_type))).or_default() += 1;
        }
        let rows: BTreeSet<Key<ConditionCategory>> = counts.keys().map(|(c, _)| *c).collect();
        let columns: BTreeSet<Key<CellType>> = counts.keys().map(|(_, t)| *t).collect();
        let mut html = String::from("<h2>Studies by condition × cell type</h2>\n");
        if counts.is_empty() {
            html.push_str("<p>No study in the batch.</p>\n");
            return html;
        }
        html.push_str("<table id=\"crosstab\"><thead><tr><th>condition \\ cells</th>");
        for column in &columns {
            let _ = write!(html, "<th class=\"n\">{}</th>", column.name(CellType::as_str));
        }
        html.push_str("<th class=\"n\">all</th></tr></thead>\n<tbody>\n");
        for row in &rows {
            let _ = write!(html, "<tr><th scope=\"row\">{}</th>", row.name(ConditionCategory::as_str));
            for column in &columns {
                html.push_str(&count_cell(counts.get(&(*row, *column)).copied().unwrap_or(0)));
            }
            let total = counts.iter().filter(|((r, _), _)| r == row).map(|(_, n)| n).sum();
            html.push_str(&count_cell(total));
            html.push_str("</tr>\n");
        }
        html.push_str("<tr><th scope=\"row\">all</th>");
        for column in &columns {
            html.push_str(&count_cell(counts.iter().filter(|((_, c), _)| c == column).map(|(_, n)| n).sum()));
        }
        html.push_str(&count_cell(counts.values().sum()));
        html.push_str("</tr>\n</tbody></table>\n");
        html
    }

    /// The doses given in cells/kg: for each condition category × cell type, how many studies
    /// give one, the lowest and the highest.
    fn doses(&self) -> String {
        // (studies, lowest, highest) of each condition × cell type.
        let mut ranges: BTreeMap<Pair, (usize, f64, f64)> = BTreeMap::new();
        for f in self.entries.iter().flat_map(|e| e.studies.iter()) {
            let Some((low, high)) = f.per_kg else { continue };
            let range = ranges.entry((Key(f.category), Key(f.cell_type))).or_insert((0, low, high));
            *range = (range.0 + 1, range.1.min(low), range.2.max(high));
        }
        let mut html = String::from("<h2>Doses in cells/kg</h2>\n");
        if ranges.is_empty() {
            html.push_str("<p>No study gives its dose in cells/kg.</p>\n");
            return html;
        }
        html.push_str(
            "<table id=\"doses\"><thead><tr><th>condition</th><th>cells</th><th class=\"n\">studies</th>\
<th class=\"n\">lowest</th><th class=\"n\">highest</th></tr></thead>\n<tbody>\n",
        );
        for ((category, cell_type), (n, low, high)) in &ranges {
            let _ = writeln!(
                html,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{n}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                category.name(ConditionCategory::as_str),
                cell_type.name(CellType::as_str),
                number(*low),
                number(*high)
            );
        }
        html.push_str("</tbody></table>\n");
        html
    }
}

/// A condition category and a cell type, as the summaries group studies.
type Pair = (Key<ConditionCategory>, Key<CellType>);

/// A vocabulary value or none, ordered as the vocabulary with none last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key<T>(Option<T>);

impl<T: Ord> PartialOrd for Key<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<T: Ord> Ord for Key<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.0.is_none(), &self.0).cmp(&(other.0.is_none(), &other.0))
    }
}

impl<T: Copy> Key<T> {
    fn name(&self, as_str: fn(T) -> &'static str) -> &'static str {
        self.0.map_or("not read", as_str)
    }
}

fn link(e: &Entry) -> String {
    format!("<a href=\"{}\" title=\"{}\">{}</a>", href(&e.page), attr(&e.path), attr(&e.name))
}

fn count_cell(n: usize) -> String {
    if n == 0 { "<td class=\"n zero\">0</td>".to_string() } else { format!("<td class=\"n\">{n}</td>") }
}

/// The documents with errors (each with its first error) and those with no study.
fn attention(with_errors: &[&Entry], without_study: &[&Entry]) -> String {
    let mut html = String::from("<h2>Needs a look</h2>\n");
    if with_errors.is_empty() && without_study.is_empty() {
        html.push_str("<p>Every document was read without errors and gave studies.</p>\n");
        return html;
    }
    for (title, entries, id) in
        [("With errors", with_errors, "with-errors"), ("With no study", without_study, "without-study")]
    {
        if entries.is_empty() {
            continue;
        }
        let _ = write!(html, "<h3>{title} ({})</h3>\n<ul id=\"{id}\">", entries.len());
        for e in entries {
            let why = e.first_error.as_deref().map(|m| format!(": {}", attr(m))).unwrap_or_default();
            let _ = write!(html, "<li>{}{why}</li>", link(e));
        }
        html.push_str("</ul>\n");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use trialex_model::*;

    fn doc(path: &str, studies: Vec<(Option<ConditionCategory>, Option<CellType>, Option<Dose>)>) -> DocumentOutput {
        let mut d = DocumentOutput::new(DocumentInfo {
            path: path.into(),
            sha256: String::new(),
            format: DocumentFormat::Text,
            language: Some(Language::En),
            pages: None,
            encoding: None,
        });
        for (n, (category, cell_type, dose)) in studies.into_iter().enumerate() {
            d.studies.push(Study {
                condition: category.map(|c| Condition { raw: "x".into(), category: Some(c), etiology: vec![] }),
                cell: cell_type.map(|t| Cell { raw: "x".into(), cell_type: Some(t), ..Default::default() }),
                dose,
                ..Study::new(format!("p{n}"), Source::prose([0, 0], ""))
            });
        }
        d
    }

    fn per_kg(min: f64, max: f64) -> Option<Dose> {
        Some(Dose {
            raw: "x".into(),
            unit: Some(DoseUnit::CellsPerKg),
            min: Some(min),
            max: Some(max),
            ..Default::default()
        })
    }

    #[test]
    fn the_index_sums_the_batch() {
        use ConditionCategory::*;
        let mut index = Index::default();
        index.add(
            &doc(
                "a/review.txt",
                vec![
                    (Some(LiverFailure), Some(CellType::Msc), per_kg(1e5, 1e6)),
                    (Some(LiverFailure), Some(CellType::Msc), per_kg(5e5, 2e6)),
                    (None, Some(CellType::Msc), None),
                    (Some(DecompensatedCirrhosis), None, None),
                ],
            ),
            "review.txt.html",
        );
        let mut failed = doc("b/broken #1.pdf", vec![]);
        failed.diagnostics.push(Diagnostic::error("pdf.corrupt", "b/broken #1.pdf: <not> a PDF"));
        index.add(&failed, "broken #1.pdf.html");
        let mut out = Vec::new();
        index.write(&mut out, &[("studies.jsonl", "JSON Lines")]).unwrap();
        let html = String::from_utf8(out).unwrap();
        assert!(html.contains("trialex review: 2 documents"));
        assert!(html.contains("4 studies · 1 with errors · 1 with no study"));
        // Liver failure × MSC: 2; the row of what was not read comes last.
        assert!(html.contains("<tr><th scope=\"row\">liver_failure</th><td class=\"n\">2</td>"), "{html}");
        let failure = html.find("\"row\">liver_failure</th>").unwrap();
        let not_read = html.find("\"row\">not read</th>").unwrap();
        assert!(failure < not_read);
        assert!(html.contains("<td>liver_failure</td><td>msc</td><td class=\"n\">2</td><td class=\"n\">1.0e5</td><td class=\"n\">2.0e6</td>"));
        // Each document that needs a look is linked, its name and message escaped.
        assert!(html.contains("<a href=\"broken%20%231.pdf.html\""));
        assert!(html.contains("&lt;not&gt; a PDF"));
        assert!(!html.contains("<not>"));
    }

    #[test]
    fn a_dose_in_cells_counts_in_no_cells_per_kg_range() {
        let in_cells =
            Some(Dose { raw: "x".into(), unit: Some(DoseUnit::Cells), min: Some(1e8), ..Default::default() });
        let groups = Some(Dose {
            raw: "x".into(),
            unit: Some(DoseUnit::CellsPerKg),
            values: vec![2.5e6, 5e6, 7.5e6],
            min: Some(2.5e6),
            max: Some(7.5e6),
            ..Default::default()
        });
        let d = doc("a.txt", vec![(None, None, in_cells), (None, None, groups)]);
        let facts: Vec<_> = d.studies.iter().map(|s| Facts::of(s).per_kg).collect();
        assert_eq!(facts, [None, Some((2.5e6, 7.5e6))]);
    }
}
