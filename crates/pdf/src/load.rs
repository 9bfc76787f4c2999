//! Opening a PDF with lopdf and running pdf-extract over it: all pages in one pass where that is
//! faithful (fonts are then parsed once), else page by page. Every call is guarded: a panic
//! inside the reader becomes an error for that page or document.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use pdf_extract::{Dictionary, Document, LoadOptions, MediaBox, Object, ObjectId, Stream};
use rayon::prelude::*;

use crate::PdfError;
use crate::geometry::{Collector, PAGE_BREAK_MARK, PageContent};

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
pub fn pages(doc: &mut Document) -> Result<Vec<PageResult>, PdfError> {
    let numbers: Vec<u32> =
        guarded(|| doc.get_pages().keys().copied().collect::<Vec<u32>>()).map_err(PdfError::Panic)?;
    if numbers.is_empty() {
        return Err(PdfError::Corrupt("the document has no pages".to_string()));
    }
    decode_by_named_encodings(doc);
    if let Some(pages) = joined_pages(doc, &numbers) {
        return Ok(pages.into_iter().map(Ok).collect());
    }
    // Page by page, so that a page that fails loses only itself; the pages are independent, so
    // they are read in parallel (the result is in page order).
    let doc: &Document = doc;
    Ok(numbers.into_par_iter().map(|number| page(doc, number)).collect())
}

/// Reads all pages in one pass of pdf-extract, or `None` when that cannot be done faithfully
/// (pages whose resources give one name to different objects, a missing media box, any error).
///
/// pdf-extract parses a font's ToUnicode map again on every page that uses the font, which is
/// most of its time; drawn as one content stream (each page in `q … Q`, followed by a
/// [`PAGE_BREAK_MARK`] rectangle), the document's fonts are parsed once.
fn joined_pages(doc: &mut Document, numbers: &[u32]) -> Option<Vec<PageContent>> {
    if numbers.len() < 2 {
        return None;
    }
    let page_ids = doc.get_pages();
    let mut resources = Dictionary::new();
    let mut boxes = Vec::with_capacity(numbers.len());
    let mut content: Vec<u8> = Vec::new();
    for number in numbers {
        let page = doc.get_dictionary(*page_ids.get(number)?).ok()?;
        merge_resources(doc, &mut resources, inherited(doc, page, b"Resources")?)?;
        boxes.push((*number, media_box(doc, page)?));
        let page_content = doc.get_page_content(*page_ids.get(number)?).ok()?;
        // Enough `Q`s to undo any `q` the page leaves open (popping an empty stack is harmless).
        let saves = page_content.split(|b| b.is_ascii_whitespace()).filter(|token| *token == b"q").count();
        content.extend_from_slice(b"q\n");
        content.extend_from_slice(&page_content);
        content.extend_from_slice(b"\nQ\n".repeat(saves + 1).as_slice());
        content.extend_from_slice(format!("{PAGE_BREAK_MARK} {PAGE_BREAK_MARK} 1 1 re f\n").as_bytes());
    }
    // The first page draws them all for the pass, and is put back as it was after it.
    let first = *page_ids.get(&numbers[0])?;
    let stream = doc.add_object(Stream::new(Dictionary::new(), content));
    let first_page = doc.get_object_mut(first).ok()?.as_dict_mut().ok()?;
    let saved = [b"Resources".as_slice(), b"Contents"].map(|key| first_page.get(key).ok().cloned());
    first_page.set("Resources", Object::Dictionary(resources));
    first_page.set("Contents", Object::Reference(stream));
    let mut collector = Collector::for_joined_pages(boxes);
    let outcome = guarded(|| pdf_extract::output_doc_page(doc, &mut collector, numbers[0]));
    if let Ok(first_page) = doc.get_object_mut(first).and_then(Object::as_dict_mut) {
        for (key, value) in [b"Resources".as_slice(), b"Contents"].into_iter().zip(saved) {
            match value {
                Some(value) => first_page.set(key, value),
                None => {
                    first_page.remove(key);
                }
            }
        }
    }
    doc.objects.remove(&stream);
    let read_all = matches!(outcome, Ok(Ok(())))
        && collector.pages.len() == numbers.len()
        && collector.pages.iter().zip(numbers).all(|(page, number)| page.number == *number);
    read_all.then_some(collector.pages)
}

/// Makes pdf-extract decode Type 1 fonts embedded as CFF through the encoding the PDF names.
///
/// pdf-extract reads such a font's codes through the CFF program's built-in encoding even where
/// the font dictionary names another one (`/WinAnsiEncoding`, or a dictionary with a
/// `/BaseEncoding`), which takes precedence (PDF 32000-1, 9.6.6): WinAnsi's ± (B1) came out as
/// Standard's – (B1), © as ', é as Ø, ® as "fi". Such a font is given a copy of its descriptor
/// without the font program, so its named encoding decodes it (a ToUnicode map still comes first).
fn decode_by_named_encodings(doc: &mut Document) {
    let fonts: Vec<(ObjectId, Dictionary)> = doc
        .objects
        .iter()
        .filter_map(|(&id, object)| {
            let font = object.as_dict().ok()?;
            let subtype = font.get(b"Subtype").and_then(Object::as_name).ok()?;
            if font.get(b"Type").and_then(Object::as_name).ok()? != b"Font" || !matches!(subtype, b"Type1" | b"MMType1")
            {
                return None;
            }
            let named = match resolve(doc, font.get(b"Encoding").ok()?)? {
                Object::Name(name) => {
                    matches!(name.as_slice(), b"WinAnsiEncoding" | b"MacRomanEncoding" | b"MacExpertEncoding")
                }
                Object::Dictionary(encoding) => encoding.has(b"BaseEncoding"),
                _ => false,
            };
            let descriptor = resolve(doc, font.get(b"FontDescriptor").ok()?)?.as_dict().ok()?;
            let program = resolve(doc, descriptor.get(b"FontFile3").ok()?)?.as_stream().ok()?;
            let cff = program.dict.get(b"Subtype").and_then(Object::as_name).ok()? == b"Type1C";
            (named && cff).then(|| {
                let mut plain = descriptor.clone();
                plain.remove(b"FontFile3");
                (id, plain)
            })
        })
        .collect();
    for (font, descriptor) in fonts {
        let copy = doc.add_object(Object::Dictionary(descriptor));
        if let Ok(font) = doc.get_object_mut(font).and_then(Object::as_dict_mut) {
            font.set("FontDescriptor", Object::Reference(copy));
        }
    }
}

/// A page attribute, from the page or the nearest ancestor that has it.
fn inherited<'a>(doc: &'a Document, mut node: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    for _ in 0..MAX_TREE_DEPTH {
        if let Ok(value) = node.get(key) {
            return Some(value);
        }
        node = doc.get_dictionary(node.get(b"Parent").ok()?.as_reference().ok()?).ok()?;
    }
    None
}

/// Page trees deeper than this are treated as cyclic.
const MAX_TREE_DEPTH: usize = 64;

fn resolve<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    match object {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

/// Adds a page's resources to the joined ones; `None` when a name means different objects.
fn merge_resources(doc: &Document, merged: &mut Dictionary, page: &Object) -> Option<()> {
    for (category, entries) in resolve(doc, page)?.as_dict().ok()?.iter() {
        let Ok(entries) = resolve(doc, entries)?.as_dict() else {
            // Not a name dictionary (/ProcSet): the first page's will do.
            if !merged.has(category) {
                merged.set(category.clone(), entries.clone());
            }
            continue;
        };
        if !merged.has(category) {
            merged.set(category.clone(), Object::Dictionary(Dictionary::new()));
        }
        let into = merged.get_mut(category).ok()?.as_dict_mut().ok()?;
        for (name, value) in entries.iter() {
            match into.get(name) {
                Ok(existing) if existing != value => return None,
                Ok(_) => {}
                Err(_) => into.set(name.clone(), value.clone()),
            }
        }
    }
    Some(())
}

fn media_box(doc: &Document, page: &Dictionary) -> Option<MediaBox> {
    let corners = resolve(doc, inherited(doc, page, b"MediaBox")?)?.as_array().ok()?;
    let number = |i: usize| -> Option<f64> {
        match resolve(doc, corners.get(i)?)? {
            Object::Integer(n) => Some(*n as f64),
            Object::Real(r) => Some(f64::from(*r)),
            _ => None,
        }
    };
    Some(MediaBox { llx: number(0)?, lly: number(1)?, urx: number(2)?, ury: number(3)? })
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
    fn pages_read_in_one_pass_equal_pages_read_one_by_one() {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pdf");
        for name in
            ["zh_review_tables.pdf", "zh_web_article_type3.pdf", "en_review_table.pdf", "synthetic/two_column.pdf"]
        {
            let mut doc = open(&std::fs::read(fixtures.join(name)).unwrap(), None).unwrap();
            let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
            let joined = joined_pages(&mut doc, &numbers).unwrap_or_else(|| panic!("{name}: no single pass"));
            let one_by_one: Vec<PageContent> = numbers.iter().map(|&n| page(&doc, n).unwrap()).collect();
            assert_eq!(joined, one_by_one, "{name}");
        }
    }

    #[test]
    fn one_name_for_two_fonts_cannot_be_joined() {
        let doc = Document::new();
        let fonts = |id: u32| {
            let mut font = Dictionary::new();
            font.set("F1", Object::Reference((id, 0)));
            let mut resources = Dictionary::new();
            resources.set("Font", Object::Dictionary(font));
            Object::Dictionary(resources)
        };
        let mut merged = Dictionary::new();
        assert!(merge_resources(&doc, &mut merged, &fonts(7)).is_some());
        assert!(merge_resources(&doc, &mut merged, &fonts(7)).is_some(), "the same font again is fine");
        assert!(merge_resources(&doc, &mut merged, &fonts(8)).is_none());
    }

    #[test]
    fn a_header_alone_is_corrupt_not_a_panic() {
        assert!(matches!(open(b"%PDF-1.7\n", None), Err(PdfError::Corrupt(_))));
    }
}
