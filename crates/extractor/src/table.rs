//! Tables in running text.

use trialex_model::{Candidate, DocumentText};

/// A table found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {}

/// Finds the tables of a document text.
pub fn find_tables(_text: &str) -> Vec<Table> {
    Vec::new()
}

/// One candidate per row of `table`.
pub fn candidates(_doc: &DocumentText, _table: &Table) -> Vec<Candidate> {
    Vec::new()
}
