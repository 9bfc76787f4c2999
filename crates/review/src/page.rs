//! The page of one document: its text with every study highlighted and every field marked,
//! beside the table of its studies.
//!
//! The markup scripts and tests rely on: each study's highlight is `mark.study` with
//! `data-study="ID"` (a highlight that another crosses is cut into pieces that all carry it,
//! the first with `id="study-ID"`), and so is its table row (`tr[data-study]`); each field mark
//! is `mark.field` with `data-field="NAME"` (the key of `spans`, or `extras.NAME`) and
//! `data-for="ID"`, its title the field's normalized value. Read in order, the pieces of a
//! study's highlight hold exactly its `source.text`, and the text pane (`#text`) holds exactly
//! the document's text: page marks and every other addition carry no text.

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::io::{self, Write};

use trialex_core::output::{CSV_COLUMNS, RowContext, csv_cells};
use trialex_model::{Diagnostic, DocumentFormat, DocumentOutput, DocumentText, Language, Severity, Study};

use crate::escape::{attr, href};
use crate::fields::{self, COLUMNS};
use crate::marks::{self, Applied, Blocks, Mark, Point};

/// Writes the page of `doc`; `text` is the text its spans point into (None when it could not
/// be read), `index` the link back to the batch's index.
pub fn write(
    out: &mut impl Write,
    doc: &DocumentOutput,
    text: Option<&DocumentText>,
    index: Option<&str>,
) -> io::Result<Applied> {
    let name = file_name(&doc.document.path);
    crate::head(out, &format!("{name} · trialex review"))?;
    out.write_all(b"<body class=\"page\">\n<header class=\"top\">")?;
    if let Some(index) = index {
        write!(out, "<nav><a href=\"{}\">← all documents</a></nav>", attr(index))?;
    }
    write!(out, "<h1>{}</h1><p class=\"meta\">{}</p>", attr(&name), attr(&meta_line(doc)))?;
    out.write_all(LEGEND.as_bytes())?;
    out.write_all(b"</header>\n<main class=\"split\">\n<section class=\"text-pane\" aria-label=\"document text\">")?;
    let applied = match text {
        Some(text) => {
            // A mixed text has no one language to tell the browser.
            let lang = doc.document.language.filter(|l| *l != Language::Mixed).map_or("", language_name);
            write!(out, "<div id=\"text\" class=\"doc\" lang=\"{lang}\"><div class=\"block\">")?;
            let (marks, points) = marks_of(doc, text);
            let blocks = Blocks { bytes: TEXT_BLOCK, between: "</div><div class=\"block\">" };
            let applied = marks::write(out, &text.text, &marks, &points, Some(blocks))?;
            out.write_all(b"</div></div>")?;
            applied
        }
        None => {
            out.write_all(
                b"<p class=\"unread\">The document's text could not be read: the diagnostics beside say why.</p>",
            )?;
            Applied::default()
        }
    };
    out.write_all(b"</section>\n<section class=\"table-pane\" aria-label=\"studies\">\n")?;
    write_filters(out, doc)?;
    out.write_all(b"<div class=\"table-scroll\">\n")?;
    write_table(out, doc)?;
    write_notes(out, doc, text, applied)?;
    out.write_all(b"</div>\n</section>\n</main>\n")?;
    write!(out, "<script>{}</script>\n</body>\n</html>\n", crate::SCRIPT)?;
    Ok(applied)
}

/// The last component of a path, as the document's name.
pub(crate) fn file_name(path: &str) -> String {
    std::path::Path::new(path).file_name().map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}

/// The language as the JSON spells it.
pub(crate) fn language_name(language: Language) -> &'static str {
    match language {
        Language::Zh => "zh",
        Language::En => "en",
        Language::Mixed => "mixed",
    }
}

/// How many diagnostics of each severity: (errors, warnings).
pub(crate) fn severity_counts(doc: &DocumentOutput) -> (usize, usize) {
    let count = |severity| doc.diagnostics.iter().filter(|d| d.severity == severity).count();
    (count(Severity::Error), count(Severity::Warning))
}

/// `path · pdf · en · 16 pages · 8 studies · 0 errors · 7 warnings`.
fn meta_line(doc: &DocumentOutput) -> String {
    let d = &doc.document;
    let mut parts = vec![d.path.clone(), format_name(d.format).to_string()];
    parts.extend(d.language.map(|l| language_name(l).to_string()));
    parts.extend(d.encoding.clone());
    parts.extend(d.pages.map(|p| plural(p as usize, "page")));
    let (errors, warnings) = severity_counts(doc);
    parts.push(plural(doc.studies.len(), "study"));
    parts.push(plural(doc.references.len(), "reference"));
    parts.push(plural(errors, "error"));
    parts.push(plural(warnings, "warning"));
    parts.join(" · ")
}

pub(crate) fn format_name(format: DocumentFormat) -> &'static str {
    match format {
        DocumentFormat::Text => "text",
        DocumentFormat::Pdf => "pdf",
    }
}

/// `1 study`, `3 studies`, `0 errors`.
pub(crate) fn plural(n: usize, word: &str) -> String {
    match (n, word.strip_suffix('y')) {
        (1, _) => format!("1 {word}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {word}s"),
    }
}

const LEGEND: &str = concat!(
    "<p class=\"legend\"><span><span class=\"swatch study\"></span>a study's passage (click it, or its row)</span>",
    "<span><span class=\"swatch field f-condition\"></span>condition</span>",
    "<span><span class=\"swatch field f-cell\"></span>cells</span>",
    "<span><span class=\"swatch field f-dose\"></span>dose</span>",
    "<span><span class=\"swatch field f-route\"></span>route</span>",
    "<span><span class=\"swatch field f-follow_up\"></span>follow-up</span>",
    "<span><span class=\"swatch field f-outcome\"></span>outcome</span>",
    "<span><span class=\"swatch field f-n_patients\"></span>patients</span>",
    "<span><span class=\"swatch field f-year\"></span>year</span>",
    "<span><span class=\"swatch field f-reference\"></span>citation</span>",
    "<span><span class=\"swatch diag\">abc</span> a diagnostic</span>",
    "<span>hover a mark for its normalized value</span></p>"
);

/// The marks of a document's text: each study's passage, its fields and extras, the
/// bibliography's entries, and the diagnostics that point at text; the page starts of a PDF.
fn marks_of(doc: &DocumentOutput, text: &DocumentText) -> (Vec<Mark>, Vec<Point>) {
    let references = doc.references_by_number();
    let mut marks = Vec::with_capacity(doc.studies.len() * 6 + doc.references.len());
    for (n, study) in doc.studies.iter().enumerate() {
        let id = attr(&study.id);
        let odd = if n % 2 == 1 { " odd" } else { "" };
        marks.push(Mark {
            span: study.source.span,
            rank: 0,
            tag: "mark",
            attrs: format!(" class=\"study{odd}\" data-study=\"{id}\" title=\"{}\"", attr(&place(study))),
            first_attrs: format!(" id=\"study-{id}\""),
        });
        let cited = study.cited(&references);
        for (field, span) in fields::spans(study) {
            let Some(span) = span else { continue };
            let value = fields::value(study, field, &cited).unwrap_or_default();
            marks.push(Mark {
                span,
                rank: 1,
                tag: "mark",
                attrs: format!(
                    " class=\"field f-{field}\" data-field=\"{field}\" data-for=\"{id}\" title=\"{}\"",
                    attr(&format!("{field}: {value}"))
                ),
                first_attrs: String::new(),
            });
        }
        for extra in &study.extras {
            let Some(span) = extra.span else { continue };
            marks.push(Mark {
                span,
                rank: 2,
                tag: "mark",
                attrs: format!(
                    " class=\"field f-extra\" data-field=\"extras.{}\" data-for=\"{id}\" title=\"{}\"",
                    attr(&extra.name),
                    attr(&format!("{}: {}", extra.name, extra.raw))
                ),
                first_attrs: String::new(),
            });
        }
    }
    let mut anchored = HashSet::new();
    for reference in &doc.references {
        let Some(span) = reference.span else { continue };
        // The entry a citation resolves to is the one its link goes to.
        let target = references.get(&reference.number).is_some_and(|r| std::ptr::eq(*r, reference))
            && anchored.insert(reference.number);
        marks.push(Mark {
            span,
            rank: 0,
            tag: "span",
            attrs: format!(" class=\"ref\" data-ref=\"{}\"", reference.number),
            first_attrs: if target { format!(" id=\"ref-{}\"", reference.number) } else { String::new() },
        });
    }
    for (n, d) in doc.diagnostics.iter().enumerate() {
        let Some(span) = d.span.filter(|_| d.severity >= Severity::Warning) else { continue };
        marks.push(Mark {
            span,
            rank: 3,
            tag: "span",
            attrs: format!(
                " class=\"diag sev-{}\" data-diagnostic=\"{}\" title=\"{}\"",
                d.severity.as_str(),
                attr(&d.code),
                attr(&format!("{}: {}", d.code, d.message))
            ),
            first_attrs: format!(" id=\"diag-{n}\""),
        });
    }
    let points = text
        .page_starts
        .iter()
        .enumerate()
        .map(|(n, &at)| Point {
            at,
            html: format!("<span class=\"page-mark\" data-page=\"{}\" aria-hidden=\"true\"></span>", n + 1),
        })
        .collect();
    (marks, points)
}

/// Where a study stands: `表 1, row 3, page 2` or `prose, page 1`.
fn place(study: &Study) -> String {
    let s = &study.source;
    let mut parts = vec![study.id.clone()];
    match (&s.table, s.row) {
        (Some(table), Some(row)) => parts.push(format!("{table}, row {row}")),
        (None, Some(row)) => parts.push(format!("table row {row}")),
        _ => parts.push(s.kind.as_str().to_string()),
    }
    parts.extend(s.page.map(|p| format!("page {p}")));
    parts.join(" · ")
}

/// The filters: condition category, cell type (those the studies have) and "has warnings".
fn write_filters(out: &mut impl Write, doc: &DocumentOutput) -> io::Result<()> {
    let categories: BTreeSet<_> = doc.studies.iter().map(|s| s.condition.as_ref().and_then(|c| c.category)).collect();
    let cell_types: BTreeSet<_> = doc.studies.iter().map(|s| s.cell.as_ref().and_then(|c| c.cell_type)).collect();
    let options = |values: Vec<Option<&'static str>>| {
        let mut html = String::from("<option value=\"\">all</option>");
        for value in values {
            let (value, label) = value.map_or((NONE, "not read"), |v| (v, v));
            let _ = write!(html, "<option value=\"{value}\">{label}</option>");
        }
        html
    };
    writeln!(
        out,
        "<div class=\"filters\"><label>condition <select id=\"filter-category\">{}</select></label>\
<label>cells <select id=\"filter-cell\">{}</select></label>\
<label><input type=\"checkbox\" id=\"filter-warnings\"> has warnings</label>\
<span class=\"count\"><span id=\"shown\">{n}</span> of {n} studies shown</span></div>",
        options(categories.into_iter().map(|c| c.map(|c| c.as_str())).collect()),
        options(cell_types.into_iter().map(|c| c.map(|c| c.as_str())).collect()),
        n = doc.studies.len()
    )
}

/// The filter value of a study whose category or cell type was not read.
const NONE: &str = "(none)";

/// Bytes of text in a block of the text pane, and rows in a block of the table: a browser
/// lays out only the blocks in view (`content-visibility: auto`), so the page of a long
/// document opens as fast as a short one.
const TEXT_BLOCK: usize = 32 * 1024;
const TABLE_BLOCK: usize = 50;

/// The table of studies: its head, then the rows in blocks of [`TABLE_BLOCK`], each a table
/// of the same fixed columns.
fn write_table(out: &mut impl Write, doc: &DocumentOutput) -> io::Result<()> {
    let mut columns = String::from("<colgroup>");
    for column in COLUMNS.iter() {
        let _ = write!(columns, "<col class=\"c-{}\">", column.field);
    }
    columns.push_str("<col class=\"c-other\"></colgroup>");
    write!(out, "<div id=\"studies\" class=\"studies\"><table class=\"head\">{columns}<thead><tr>")?;
    for column in COLUMNS.iter() {
        write!(out, "<th scope=\"col\">{}</th>", column.label)?;
    }
    out.write_all(b"<th scope=\"col\">Other diagnostics</th></tr></thead></table>\n")?;
    let context = RowContext::of(doc);
    // The entries a citation resolves to that stand in the text (and so have their anchor).
    let linked: HashSet<u32> =
        context.references.iter().filter(|(_, r)| r.span.is_some()).map(|(number, _)| *number).collect();
    for block in doc.studies.chunks(TABLE_BLOCK) {
        writeln!(out, "<div class=\"rows\"><table>{columns}<tbody>")?;
        for study in block {
            out.write_all(row_html(doc, study, &context, &linked).as_bytes())?;
        }
        out.write_all(b"</tbody></table></div>\n")?;
    }
    out.write_all(b"</div>\n")?;
    if doc.studies.is_empty() {
        out.write_all(b"<p class=\"unread\">No study was found in this document.</p>\n")?;
    }
    Ok(())
}

/// One study's row: a cell per column of [`COLUMNS`], each with the field's normalized value,
/// its CSV cells and the diagnostics that concern it; the diagnostics of no field last.
fn row_html(doc: &DocumentOutput, study: &Study, context: &RowContext, linked: &HashSet<u32>) -> String {
    let cells = csv_cells(doc, study, context);
    let diagnostics = context.diagnostics_of(&study.id);
    let placed: Vec<Option<usize>> = diagnostics.iter().map(|d| fields::column_of(d, study)).collect();
    let warned = diagnostics.iter().any(|d| d.severity >= Severity::Warning);
    let cited = study.cited(&context.references);
    let id = attr(&study.id);
    let mut html = String::with_capacity(2048);
    let _ = write!(
        html,
        "<tr data-study=\"{id}\" data-category=\"{}\" data-cell-type=\"{}\" data-warnings=\"{}\">",
        study.condition.as_ref().and_then(|c| c.category).map_or(NONE, |c| c.as_str()),
        study.cell.as_ref().and_then(|c| c.cell_type).map_or(NONE, |c| c.as_str()),
        u8::from(warned)
    );
    for (at, column) in COLUMNS.iter().enumerate() {
        if column.field == "study" {
            let _ =
                write!(html, "<th scope=\"row\"><a class=\"go\" href=\"#study-{}\">{id}</a>", attr(&href(&study.id)));
        } else {
            html.push_str("<td>");
            match fields::value(study, column.field, &cited) {
                Some(value) => {
                    let _ = write!(html, "<div class=\"value\">{}</div>", attr(&value));
                }
                None => html.push_str("<div class=\"value none\">—</div>"),
            }
        }
        let mut shown = column.csv.iter().filter(|&&csv| !cells[csv].is_empty()).peekable();
        if shown.peek().is_some() {
            html.push_str("<dl class=\"csv\">");
            for &csv in shown {
                let _ = write!(html, "<dt>{}</dt><dd>{}</dd>", attr(&column.short_name(csv)), attr(&cells[csv]));
            }
            html.push_str("</dl>");
        }
        if column.field == "reference" {
            links_of_cited(&mut html, &cited, linked);
        }
        diagnostics_html(&mut html, diagnostics.iter().zip(&placed).filter(|(_, c)| **c == Some(at)).map(|(d, _)| *d));
        html.push_str(if column.field == "study" { "</th>" } else { "</td>" });
    }
    html.push_str("<td>");
    diagnostics_html(&mut html, diagnostics.iter().zip(&placed).filter(|(_, c)| c.is_none()).map(|(d, _)| *d));
    html.push_str("</td></tr>\n");
    debug_assert_eq!(cells.len(), CSV_COLUMNS.len());
    html
}

/// Links from a study's cited papers to their entries in the text and to their DOIs.
fn links_of_cited(html: &mut String, cited: &[&trialex_model::Reference], linked: &HashSet<u32>) {
    if cited.is_empty() {
        return;
    }
    html.push_str("<ul class=\"diags\">");
    for paper in cited {
        html.push_str("<li>");
        if linked.contains(&paper.number) {
            let _ = write!(html, "<a href=\"#ref-{n}\">[{n}] in the text</a>", n = paper.number);
        } else {
            let _ = write!(html, "[{}]", paper.number);
        }
        if let Some(doi) = &paper.doi {
            let _ = write!(html, " <a href=\"https://doi.org/{}\" rel=\"noreferrer\">doi</a>", attr(&href_doi(doi)));
        }
        html.push_str("</li>");
    }
    html.push_str("</ul>");
}

/// A DOI in a link: its `/` kept, everything else that is not unreserved percent-encoded.
fn href_doi(doi: &str) -> String {
    doi.split('/').map(href).collect::<Vec<_>>().join("/")
}

fn diagnostics_html<'a>(html: &mut String, diagnostics: impl Iterator<Item = &'a Diagnostic>) {
    let mut any = false;
    for d in diagnostics {
        if !any {
            html.push_str("<ul class=\"diags\">");
            any = true;
        }
        let _ = write!(
            html,
            "<li><span class=\"sev sev-{s}\">{s}</span> <span class=\"code\">{}</span> {}</li>",
            attr(&d.code),
            attr(&d.message),
            s = d.severity.as_str()
        );
    }
    if any {
        html.push_str("</ul>");
    }
}

/// The document's own diagnostics (those of no study in the table), and what could not be
/// shown in the text.
fn write_notes(
    out: &mut impl Write,
    doc: &DocumentOutput,
    text: Option<&DocumentText>,
    applied: Applied,
) -> io::Result<()> {
    let ids: HashSet<&str> = doc.studies.iter().map(|s| s.id.as_str()).collect();
    let own: Vec<(usize, &Diagnostic)> = doc
        .diagnostics
        .iter()
        .enumerate()
        .filter(|(_, d)| d.study.as_deref().is_none_or(|id| !ids.contains(id)))
        .collect();
    out.write_all(b"<section class=\"notes\">")?;
    write!(out, "<h2>Diagnostics of the document ({})</h2>", own.len())?;
    if !own.is_empty() {
        out.write_all(b"<ul class=\"diags\">")?;
        for (n, d) in own {
            let marked = text.is_some() && d.span.is_some() && d.severity >= Severity::Warning;
            let code = if marked { format!("<a href=\"#diag-{n}\">{}</a>", attr(&d.code)) } else { attr(&d.code) };
            write!(
                out,
                "<li><span class=\"sev sev-{s}\">{s}</span> <span class=\"code\">{code}</span> {}</li>",
                attr(&d.message),
                s = d.severity.as_str()
            )?;
        }
        out.write_all(b"</ul>")?;
    }
    if applied.dropped > 0 {
        write!(out, "<p>{} not shown: their spans are not in the text.</p>", plural(applied.dropped, "mark"))?;
    }
    out.write_all(b"</section>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_read_right() {
        assert_eq!(plural(1, "study"), "1 study");
        assert_eq!(plural(3, "study"), "3 studies");
        assert_eq!(plural(0, "error"), "0 errors");
    }
}
