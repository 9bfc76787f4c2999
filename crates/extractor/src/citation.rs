//! Citation markers in text and table cells (`^[15]`, `[23-24, 38-39]`, `(44)`).

/// The bibliography numbers a citation marker names: `[23-24, 38-39]` → 23, 24, 38, 39.
pub fn numbers(_raw: &str) -> Vec<u32> {
    Vec::new()
}
