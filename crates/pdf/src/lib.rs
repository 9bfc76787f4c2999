//! The PDF front end of trialex.

/// Text extracted from a PDF, with where each page starts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfText {
    pub text: String,
    /// Byte offset where each page starts in `text`.
    pub page_starts: Vec<usize>,
    pub pages: u32,
    /// Pages that could not be read: (1-based page, why).
    pub page_errors: Vec<(u32, String)>,
}

/// Why a PDF could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("not a PDF: {0}")]
    NotPdf(String),
    #[error("the PDF is damaged: {0}")]
    Corrupt(String),
    #[error("the PDF is encrypted and the password is wrong or missing")]
    Encrypted,
    #[error("the PDF reader failed: {0}")]
    Panic(String),
}

/// Extracts the text of a PDF.
pub fn extract(bytes: &[u8], _password: Option<&str>) -> Result<PdfText, PdfError> {
    let text = pdf_extract::extract_text_from_mem(bytes).map_err(|e| PdfError::Corrupt(e.to_string()))?;
    Ok(PdfText { text, page_starts: vec![0], pages: 1, page_errors: vec![] })
}
