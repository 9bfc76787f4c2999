//! The document text as lines with byte offsets, and pieces of lines (cells) with theirs.
//!
//! `\r\n`, `\n` and a lone `\r` all end a line; the terminator is not part of the line.

use trialex_model::Span;

/// One line of the text: `text == doc[start..end]`, without its terminator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

impl<'a> Line<'a> {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The line without surrounding whitespace, as a piece.
    pub fn trimmed(&self) -> Piece<'a> {
        Piece::trimmed(self.text, self.start, 0, self.text.len())
    }
}

/// A trimmed part of a line: `text == doc[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

impl<'a> Piece<'a> {
    /// The part `line[from..to]` of a line starting at byte `line_start` of the document,
    /// without surrounding whitespace. `from` and `to` must be char boundaries of `line`.
    pub fn trimmed(line: &'a str, line_start: usize, from: usize, to: usize) -> Piece<'a> {
        let raw = line.get(from..to).unwrap_or("");
        let lead = raw.len() - raw.trim_start().len();
        let text = raw.trim();
        let start = line_start + from + lead;
        Piece { start, end: start + text.len(), text }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn span(&self) -> Span {
        [self.start, self.end]
    }
}

/// Splits `text` into lines (every terminator ends one; a final line without one counts).
pub(crate) fn split_lines(text: &str) -> Vec<Line<'_>> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' | b'\r' => {
                lines.push(Line { start, end: i, text: &text[start..i] });
                i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        lines.push(Line { start, end: bytes.len(), text: &text[start..] });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_ending_ends_a_line_and_spans_slice_the_text() {
        let text = "a\r\nbb\ncc\rd";
        let lines = split_lines(text);
        let texts: Vec<&str> = lines.iter().map(|l| l.text).collect();
        assert_eq!(texts, ["a", "bb", "cc", "d"]);
        for line in &lines {
            assert_eq!(&text[line.start..line.end], line.text);
        }
    }

    #[test]
    fn trimmed_piece_keeps_exact_offsets() {
        let text = "xx\n  肝动脉 \t";
        let line = split_lines(text)[1];
        let piece = line.trimmed();
        assert_eq!(piece.text, "肝动脉");
        assert_eq!(&text[piece.start..piece.end], "肝动脉");
    }
}
