//! The review printer: what `trialex review` writes for curators who check every extracted
//! value against its source.
//!
//! For a batch it writes one page per document and an index (the pipeline itself is
//! `trialex-core`'s; this crate only prints what it gives, as the CSV and JSON writers do):
//!
//! * [`page`]: the document's text with every study's passage highlighted and every field's
//!   span marked inside it (hover: the field's normalized value), beside a table of the
//!   studies with their normalized fields as the CSV has them, each diagnostic beside the value
//!   it concerns, and filters;
//! * [`index`]: every document linked to its page with its studies, errors and warnings, the
//!   studies by condition category × cell type, the doses in cells/kg, and the documents with
//!   errors or with no study;
//! * [`marks`]: the text with its marks, written in one pass ([`marks::write`]);
//! * [`escape`]: every piece of document text HTML-escaped on its way out.
//!
//! Pages are self-contained: the CSS and the script are inline, nothing is fetched (the pages'
//! Content-Security-Policy allows only their own style and script, by hash, so even a mark-up
//! that slipped through could not run). Nothing of the document goes into the script: the
//! script reads the page's markup.

pub mod escape;
pub mod fields;
pub mod index;
pub mod marks;
pub mod page;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use sha2::{Digest, Sha256};
use trialex_model::{DocumentOutput, DocumentText};

pub use index::Index;
pub use marks::Applied;

/// The index's file name in the output folder.
pub const INDEX: &str = "index.html";

/// The pages' style sheet and script, written inline into every page.
pub(crate) const STYLE: &str = include_str!("../assets/review.css");
pub(crate) const SCRIPT: &str = include_str!("../assets/review.js");

/// Only the pages' own style and script run, and nothing is loaded from anywhere.
static POLICY: LazyLock<String> = LazyLock::new(|| {
    let hash = |text: &str| escape::base64(&Sha256::digest(text.as_bytes()));
    format!(
        "default-src 'none'; style-src 'sha256-{}'; script-src 'sha256-{}'; img-src data:; base-uri 'none'; form-action 'none'",
        hash(STYLE),
        hash(SCRIPT)
    )
});

/// The start of a page, up to its `<body>`.
pub(crate) fn head(out: &mut impl Write, title: &str) -> io::Result<()> {
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
<meta name=\"generator\" content=\"trialex {}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n",
        *POLICY,
        env!("CARGO_PKG_VERSION"),
        escape::attr(title)
    )
}

/// A batch's review, written into one folder: a page per document as the documents come,
/// the index at the end.
#[derive(Debug)]
pub struct Review {
    dir: PathBuf,
    index: Index,
}

impl Review {
    /// A review written into `dir` (which must exist).
    pub fn new(dir: &Path) -> Review {
        Review { dir: dir.to_path_buf(), index: Index::default() }
    }

    /// Writes the page of one document to `page` (a file in the review's folder) and keeps what
    /// the index needs of it. An error names the file.
    pub fn add(&mut self, doc: &DocumentOutput, text: Option<&DocumentText>, page: &Path) -> io::Result<Applied> {
        let applied = write_file(page, |out| page::write(out, doc, text, Some(INDEX)))?;
        let name = page.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        self.index.add(doc, &name);
        Ok(applied)
    }

    /// Writes the index, linking `files` (other files of the folder, with what they are), and
    /// returns its path.
    pub fn finish(self, files: &[(&str, &str)]) -> io::Result<PathBuf> {
        let path = self.dir.join(INDEX);
        write_file(&path, |out| self.index.write(out, files))?;
        Ok(path)
    }
}

/// Creates `path` and writes it through a buffer; an error says which file.
fn write_file<T>(path: &Path, write: impl FnOnce(&mut BufWriter<File>) -> io::Result<T>) -> io::Result<T> {
    let named = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
    let mut out = BufWriter::new(File::create(path).map_err(named)?);
    let result = write(&mut out).map_err(named)?;
    out.flush().map_err(named)?;
    Ok(result)
}
