//! The PDF front end of trialex.
//!
//! pdf-extract reports every glyph with its position and size ([`geometry`]); this crate groups
//! them into lines by baseline, recovers superscripts and subscripts from size and rise
//! ([`lines`]), rebuilds tables from ruling lines and repeated x gaps ([`table`]), puts the rest in
//! reading order column by column ([`layout`]) and writes one text in the shape the text
//! extractor reads: paragraphs separated by a blank line, table rows as TAB-separated lines under
//! their caption, exponents as Unicode superscripts (`10⁷`) and superscript citations as `^[15]`.
//!
//! A paragraph cut by a page break (or a column break) is joined again, over pages that hold
//! only figures and tables; a table continued overleaf is one table; running heads, page
//! numbers, footnotes and the notes at a page's foot stay out of the body; a word hyphenated at a
//! line end is joined or kept as a compound by the document's own words ([`hyphen`]); ligatures
//! are expanded and Type 1 fonts decoded through the encoding the PDF names ([`chars`], [`load`]).
//!
//! Every call into pdf-extract runs under `catch_unwind` ([`load::guarded`]); a page that fails is
//! recorded in [`PdfText::page_errors`] while the other pages still come out. The pages are read
//! in one pass where their resources agree, so each font's ToUnicode map is parsed once
//! ([`load::pages`]); `scripts/bench_pdf.sh` compares the speed with poppler's `pdftotext`.

pub mod chars;
pub mod geometry;
pub mod hyphen;
pub mod layout;
pub mod lines;
pub mod load;
pub mod table;

pub use geometry::{Glyph, PageContent, Rule, Script};

use rayon::prelude::*;

/// Text extracted from a PDF, with where each page starts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfText {
    pub text: String,
    /// Byte offset where each page starts in `text` (one entry per page, failed pages included).
    /// A paragraph that a page break cuts is joined whole on the page where it starts.
    pub page_starts: Vec<usize>,
    pub pages: u32,
    /// Pages that could not be read: (1-based page, why).
    pub page_errors: Vec<(u32, String)>,
    /// Pages that were read but carry no text at all (scanned images: they need OCR).
    pub pages_without_text: Vec<u32>,
}

/// Why a PDF could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("not a PDF: {0}")]
    NotPdf(String),
    #[error("the PDF is damaged: {0}")]
    Corrupt(String),
    /// Encrypted, and neither the empty user password nor the one given opens it.
    #[error("the PDF is encrypted and the password is wrong or missing")]
    Encrypted,
    /// No page has a text layer: the document is scanned images.
    #[error("no text layer: {} needs OCR", describe_pages(pages))]
    NoTextLayer { pages: Vec<u32> },
    #[error("the PDF reader failed: {0}")]
    Panic(String),
}

fn describe_pages(pages: &[u32]) -> String {
    match pages {
        [one] => format!("page {one}"),
        many => format!("pages {}", many.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")),
    }
}

/// Reads every page's glyphs and rules, in page order; failed pages are `Err((page, why))`.
pub fn extract_pages(bytes: &[u8], password: Option<&str>) -> Result<Vec<load::PageResult>, PdfError> {
    let mut doc = load::open(bytes, password)?;
    load::pages(&mut doc)
}

/// Extracts the text of a PDF (`password`: the user password of an encrypted file).
pub fn extract(bytes: &[u8], password: Option<&str>) -> Result<PdfText, PdfError> {
    let pages = extract_pages(bytes, password)?;
    let lines: Vec<Option<Vec<lines::Line>>> = pages
        .par_iter()
        .map(|page| {
            page.as_ref()
                .ok()
                .filter(|content| !content.glyphs.is_empty())
                .map(|content| lines::build_lines(content.glyphs.clone()))
        })
        .collect();
    let running = layout::RunningKeys::of_pages(
        pages.iter().zip(&lines).filter_map(|(page, lines)| Some((lines.as_deref()?, page.as_ref().ok()?.height))),
    );
    let mut layouts: Vec<Option<layout::PageLayout>> = pages
        .par_iter()
        .zip(&lines)
        .map(|(page, lines)| Some(layout::page_layout(page.as_ref().ok()?, lines.as_ref()?, &running)))
        .collect();
    layout::join_continued_tables(&mut layouts);
    layout::join_pages(&mut layouts);
    let rendered: Vec<Option<String>> = layouts.iter().map(|layout| layout.as_ref().map(|l| l.render())).collect();
    // Hyphens at line ends are decided by the words of the whole document.
    let vocabulary = hyphen::Vocabulary::of_texts(rendered.iter().flatten().map(String::as_str));
    let mut out = PdfText { pages: pages.len() as u32, ..PdfText::default() };
    for (page, text) in pages.iter().zip(rendered) {
        out.page_starts.push(out.text.len());
        match page {
            Ok(content) => {
                let Some(text) = text else {
                    out.pages_without_text.push(content.number);
                    continue;
                };
                out.text.push_str(&vocabulary.resolve(&text));
            }
            Err((number, why)) => out.page_errors.push((*number, why.clone())),
        }
    }
    if out.text.trim().is_empty() {
        return Err(match (out.pages_without_text.is_empty(), out.page_errors.first()) {
            (false, _) => PdfError::NoTextLayer { pages: out.pages_without_text },
            (true, Some((number, why))) => PdfError::Corrupt(format!("no page could be read (page {number}: {why})")),
            (true, None) => PdfError::Corrupt("the document has no readable content".to_string()),
        });
    }
    Ok(out)
}
