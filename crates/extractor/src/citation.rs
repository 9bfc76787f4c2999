//! Citation markers in text and table cells (`^[15]`, `[23-24, 38-39]`, `(44)`).

use trialex_model::Span;

/// A citation marker found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// Byte span of the marker in the text searched.
    pub span: Span,
    /// The marker as written (`^[23-24, 38-39]`).
    pub raw: String,
    /// The numbers it names, expanded and in order (`[23, 24, 38, 39]`).
    pub numbers: Vec<u32>,
}

/// Every citation marker in `text` (table references such as `（见表 1～2）` are not markers).
pub fn find_markers(_text: &str) -> Vec<Marker> {
    Vec::new()
}

/// The bibliography numbers a citation marker or reference cell names: `[23-24, 38-39]` → 23, 24, 38, 39.
pub fn numbers(_raw: &str) -> Vec<u32> {
    Vec::new()
}
