//! Splitting a line into cells, for each way a text can lay out a table row:
//! tab-separated fields, markdown pipes, and space-aligned chunks (2+ spaces apart).

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{Line, Piece};

/// Rule lines drawn with dashes, equals signs, pluses and pipes (`|---|:--:|`, `+----+`,
/// `=====`, full-width `｜---｜`).
static RULE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[|｜+]?\s*[-=:－]{3,}[-=:－+|｜ \t]*$").expect("rule-line regex"));

/// Column separators of pipe tables: the ASCII pipe and the full-width one (U+FF5C) that
/// Chinese input methods type.
pub(crate) const PIPES: [char; 2] = ['|', '｜'];

/// A line that only draws a rule.
pub(crate) fn is_rule_line(line: &Line) -> bool {
    RULE_LINE.is_match(line.text)
}

/// The tab-separated fields of a line (empty fields kept, trailing empty ones dropped);
/// empty when the line has no tab.
pub(crate) fn tab_fields<'a>(line: &Line<'a>) -> Vec<Piece<'a>> {
    if !line.text.contains('\t') {
        return Vec::new();
    }
    fields_between(line, line.text.match_indices('\t').map(|(i, _)| (i, 1)), 0, line.text.len())
}

/// The cells of a markdown pipe row (`| a | b |`, or `a | b | c` without borders, with
/// ASCII or full-width pipes); empty when the line is not one (fewer than two pipes,
/// counting a border as one).
pub(crate) fn pipe_fields<'a>(line: &Line<'a>) -> Vec<Piece<'a>> {
    pipe_fields_under(line, None)
}

/// The cells of a row of a pipe table whose header has `columns` cells and no outer
/// border: a leading pipe there is a border only when the line has more pipes than the
/// header has columns (`| a | b | c |` under `A | B | C`); otherwise it opens an empty
/// first cell (` | wrapped | text` continuing the row above). With `None` (or under a
/// bordered header) a leading pipe is a border.
pub(crate) fn pipe_fields_under<'a>(line: &Line<'a>, borderless_columns: Option<usize>) -> Vec<Piece<'a>> {
    // (byte, length) of each unescaped pipe.
    let pipes: Vec<(usize, usize)> = line
        .text
        .match_indices(PIPES)
        .filter(|&(i, _)| i == 0 || line.text.as_bytes()[i - 1] != b'\\')
        .map(|(i, p)| (i, p.len()))
        .collect();
    if pipes.len() < 2 {
        return Vec::new();
    }
    let trimmed = line.text.trim();
    let lead = line.text.len() - line.text.trim_start().len();
    let mut from = 0;
    let mut to = line.text.len();
    let mut inner: &[(usize, usize)] = &pipes;
    let leading_border = borderless_columns.is_none_or(|columns| pipes.len() > columns);
    if trimmed.starts_with(PIPES) && leading_border {
        from = lead + inner[0].1;
        inner = &inner[1..];
    }
    if trimmed.ends_with(PIPES) && !inner.is_empty() {
        to = inner[inner.len() - 1].0;
        inner = &inner[..inner.len() - 1];
    }
    if from > to {
        return Vec::new();
    }
    fields_between(line, inner.iter().copied(), from, to)
}

/// Fields of `line[from..to]` cut at the separators `cuts` (byte, length).
fn fields_between<'a>(
    line: &Line<'a>,
    cuts: impl Iterator<Item = (usize, usize)>,
    from: usize,
    to: usize,
) -> Vec<Piece<'a>> {
    let mut fields = Vec::new();
    let mut start = from;
    for (cut, len) in cuts.filter(|&(c, _)| c >= from && c < to) {
        fields.push(Piece::trimmed(line.text, line.start, start, cut));
        start = cut + len;
    }
    fields.push(Piece::trimmed(line.text, line.start, start, to));
    while fields.last().is_some_and(|f| f.is_empty()) {
        fields.pop();
    }
    fields
}

/// A chunk of a space-aligned line and the character column where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Chunk<'a> {
    pub piece: Piece<'a>,
    pub column: usize,
    /// Width in characters.
    pub width: usize,
    /// Column and width on a monospace screen, where CJK and full-width characters take
    /// two cells (a text aligned in an editor rather than by character count).
    pub display_column: usize,
    pub display_width: usize,
}

impl Chunk<'_> {
    /// Start column and width in the measure given.
    pub fn extent(&self, on_screen: bool) -> (usize, usize) {
        if on_screen { (self.display_column, self.display_width) } else { (self.column, self.width) }
    }
}

/// Width of `text` on a monospace screen.
pub(crate) fn display_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// The chunks of a line separated by runs of two or more spaces (a tab or an ideographic
/// space also separates).
pub(crate) fn space_chunks<'a>(line: &Line<'a>) -> Vec<Chunk<'a>> {
    let mut chunks = Vec::new();
    let mut chunk_start: Option<(usize, usize)> = None; // (byte, column)
    let mut gap_start: Option<usize> = None; // byte where the current run of spaces starts
    let mut gap_len = 0;
    let mut gap_hard = false;
    for (column, (byte, c)) in line.text.char_indices().enumerate() {
        if c == ' ' || c == '\t' || c == '\u{3000}' {
            if gap_start.is_none() {
                gap_start = Some(byte);
                gap_len = 0;
                gap_hard = false;
            }
            gap_len += 1;
            gap_hard |= c != ' ';
            continue;
        }
        if let (Some(gap_byte), Some((start_byte, start_col))) = (gap_start, chunk_start)
            && (gap_len >= 2 || gap_hard)
        {
            chunks.push(chunk(line, start_byte, gap_byte, start_col));
            chunk_start = None;
        }
        gap_start = None;
        if chunk_start.is_none() {
            chunk_start = Some((byte, column));
        }
    }
    if let Some((start_byte, start_col)) = chunk_start {
        let end = gap_start.unwrap_or(line.text.len());
        chunks.push(chunk(line, start_byte, end, start_col));
    }
    chunks
}

fn chunk<'a>(line: &Line<'a>, from: usize, to: usize, column: usize) -> Chunk<'a> {
    let piece = Piece::trimmed(line.text, line.start, from, to);
    let before = line.text.get(..piece.start - line.start).unwrap_or("");
    Chunk {
        piece,
        column,
        width: piece.text.chars().count(),
        display_column: display_width(before),
        display_width: display_width(piece.text),
    }
}

/// The piece of `line` from the start of `first` to the end of `last` (both in the line).
pub(crate) fn joined<'a>(line: &Line<'a>, first: Piece<'a>, last: Piece<'a>) -> Piece<'a> {
    Piece::trimmed(line.text, line.start, first.start - line.start, last.end - line.start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::lines::split_lines;

    fn texts(pieces: &[Piece]) -> Vec<String> {
        pieces.iter().map(|p| p.text.to_string()).collect()
    }

    #[test]
    fn tab_fields_keep_inner_empty_cells() {
        let text = "药物性肝损伤及 Wilson 病)\t\t\t\t\t";
        let line = split_lines(text)[0];
        assert_eq!(texts(&tab_fields(&line)), ["药物性肝损伤及 Wilson 病)"]);
        let line = split_lines("a\t\tc")[0];
        assert_eq!(texts(&tab_fields(&line)), ["a", "", "c"]);
        assert!(tab_fields(&split_lines("no tabs here")[0]).is_empty());
    }

    #[test]
    fn pipe_fields_with_and_without_borders() {
        let text = "| Condition | Cells | Dose |";
        let line = split_lines(text)[0];
        let fields = pipe_fields(&line);
        assert_eq!(texts(&fields), ["Condition", "Cells", "Dose"]);
        assert_eq!(&text[fields[1].start..fields[1].end], "Cells");
        assert_eq!(texts(&pipe_fields(&split_lines("a | b | c")[0])), ["a", "b", "c"]);
        assert_eq!(texts(&pipe_fields(&split_lines("| a |  | c |")[0])), ["a", "", "c"]);
        assert!(pipe_fields(&split_lines("x | y")[0]).is_empty());
    }

    #[test]
    fn under_a_borderless_header_a_leading_pipe_opens_an_empty_first_cell() {
        let wrapped = split_lines(" | cirrhosis | | cells/kg | [7]")[0];
        assert_eq!(texts(&pipe_fields(&wrapped)), ["cirrhosis", "", "cells/kg", "[7]"]);
        assert_eq!(texts(&pipe_fields_under(&wrapped, Some(5))), ["", "cirrhosis", "", "cells/kg", "[7]"]);
        let bordered = split_lines("| Lee | ACLF | UC-MSC |")[0];
        assert_eq!(texts(&pipe_fields_under(&bordered, Some(3))), ["Lee", "ACLF", "UC-MSC"]);
    }

    #[test]
    fn full_width_pipes_separate_cells_like_ascii_ones() {
        let text = "作者｜疾病｜细胞来源｜输注方式";
        let fields = pipe_fields(&split_lines(text)[0]);
        assert_eq!(texts(&fields), ["作者", "疾病", "细胞来源", "输注方式"]);
        assert_eq!(&text[fields[2].start..fields[2].end], "细胞来源");
        let bordered = "｜ 李明[3] ｜ 肝衰竭 ｜｜ 静脉 ｜";
        assert_eq!(texts(&pipe_fields(&split_lines(bordered)[0])), ["李明[3]", "肝衰竭", "", "静脉"]);
        assert!(pipe_fields(&split_lines("甲｜乙")[0]).is_empty());
        assert!(is_rule_line(&split_lines("｜---｜:---:｜")[0]));
    }

    #[test]
    fn space_chunks_split_at_two_spaces_and_know_their_column() {
        let text = "HBV cirrhosis   1 x 10^6/kg  i.v.";
        let chunks = space_chunks(&split_lines(text)[0]);
        let found: Vec<(&str, usize)> = chunks.iter().map(|c| (c.piece.text, c.column)).collect();
        assert_eq!(found, [("HBV cirrhosis", 0), ("1 x 10^6/kg", 16), ("i.v.", 29)]);
        let indented = space_chunks(&split_lines("    continued text")[0]);
        assert_eq!(indented[0].column, 4);
    }

    #[test]
    fn display_columns_count_cjk_twice() {
        let chunks = space_chunks(&split_lines("肝硬化  1e6")[0]);
        assert_eq!((chunks[1].column, chunks[1].display_column), (5, 8));
        assert_eq!(chunks[0].display_width, 6);
    }

    #[test]
    fn rule_lines() {
        for rule in ["|---|:---:|---|", "+-----+-----+", "=====  =====", "---"] {
            assert!(is_rule_line(&split_lines(rule)[0]), "{rule}");
        }
        assert!(!is_rule_line(&split_lines("| a | b |")[0]));
        assert!(!is_rule_line(&split_lines("- item")[0]));
    }
}
