//! The reference list.

use trialex_model::Reference;

/// Parses the document's reference list.
pub fn parse(_text: &str) -> Vec<Reference> {
    Vec::new()
}
