//! Opening a PDF with lopdf and running pdf-extract over it page by page, with every call
//! guarded: a panic inside the reader becomes an error for that page or document.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use pdf_extract::{Document, LoadOptions};
use rayon::prelude::*;

use crate::PdfError;
use crate::geometry::{Collector, PageContent};

/// How far into the file the `%PDF-` header may start (the spec allows leading junk).
const HEADER_SEARCH_BYTES: usize = 1024;

thread_local! {
    static SILENCED: Cell<bool> = const { Cell::new(false) };
}
static QUIET_HOOK: Once = Once::new();

/// Runs `f`, turning a panic into `Err(message)` without printing the panic to stderr.
///
/// The hook is installed once for the process and only stays quiet on the thread that is inside
/// this function, so other threads' panics (and the pipeline's own) are still reported.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !SILENCED.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was_silenced = SILENCED.with(|s| s.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    SILENCED.with(|s| s.set(was_silenced));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string())
    })
}

/// Loads the document, decrypting it with `password` (or the empty user password).
pub fn open(bytes: &[u8], password: Option<&str>) -> Result<Document, PdfError> {
    let head = &bytes[..bytes.len().min(HEADER_SEARCH_BYTES)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::NotPdf("no %PDF- header".to_string()));
    }
    let options = LoadOptions { password: password.map(str::to_string), ..LoadOptions::default() };
    let loaded = guarded(|| Document::load_mem_with_options(bytes, options)).map_err(PdfError::Panic)?;
    let doc = loaded.map_err(|e| classify_load_error(&e))?;
    if doc.is_encrypted() && doc.encryption_state.is_none() {
        return Err(PdfError::Encrypted);
    }
    Ok(doc)
}

fn classify_load_error(error: &pdf_extract::Error) -> PdfError {
    match error {
        pdf_extract::Error::Decryption(_) | pdf_extract::Error::InvalidPassword => PdfError::Encrypted,
        other => PdfError::Corrupt(other.to_string()),
    }
}

/// One page's content, or why it could not be read.
pub type PageResult = Result<PageContent, (u32, String)>;

/// Runs pdf-extract over every page on its own, so one bad page does not lose the others.
pub fn pages(doc: &Document) -> Result<Vec<PageResult>, PdfError> {
    let numbers: Vec<u32> =
        guarded(|| doc.get_pages().keys().copied().collect::<Vec<u32>>()).map_err(PdfError::Panic)?;
    if numbers.is_empty() {
        return Err(PdfError::Corrupt("the document has no pages".to_string()));
    }
    // Pages are independent (pdf-extract re-reads the fonts of every page anyway, which is most
    // of its time), so they are read in parallel; the order of the result is the page order.
    Ok(numbers.into_par_iter().map(|number| page(doc, number)).collect())
}

fn page(doc: &Document, number: u32) -> PageResult {
    let mut collector = Collector::new();
    let outcome = guarded(|| pdf_extract::output_doc_page(doc, &mut collector, number));
    let failure = match outcome {
        Ok(Ok(())) => None,
        Ok(Err(error)) => Some(error.to_string()),
        Err(panic) => Some(format!("the PDF reader failed: {panic}")),
    };
    match failure {
        None => collector.pages.pop().ok_or_else(|| (number, "the page produced no content".to_string())),
        Some(why) => Err((number, why)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guarded_turns_a_panic_into_its_message() {
        let result: Result<(), String> = guarded(|| panic!("boom {}", 7));
        assert_eq!(result, Err("boom 7".to_string()));
        assert_eq!(guarded(|| 3), Ok(3));
    }

    #[test]
    fn text_without_a_header_is_not_a_pdf() {
        assert!(matches!(open(b"hello, world", None), Err(PdfError::NotPdf(_))));
        assert!(matches!(open(b"", None), Err(PdfError::NotPdf(_))));
    }

    #[test]
    fn a_header_alone_is_corrupt_not_a_panic() {
        assert!(matches!(open(b"%PDF-1.7\n", None), Err(PdfError::Corrupt(_))));
    }
}
