//! Header rows: which role each column plays, judged from the words of its header cell
//! (`data/table_headers.tsv`), and where a header row stands in each layout.

use super::layout::{pipe_fields, space_chunks, tab_fields};
use super::lines::{Line, Piece};
use super::vocab::HEADER_KEYWORDS;
use super::{Column, Layout, Role};
use trialex_model::Span;
use trialex_normalizer as normalizer;

/// Longest text a header cell may have (characters; fewer for Chinese, whose header
/// cells are a few characters while data cells run longer) and most words.
const MAX_HEADER_CHARS: usize = 40;
const MAX_CJK_HEADER_CHARS: usize = 10;
const MAX_HEADER_WORDS: usize = 6;
/// A header names at least this many columns that the vocabulary knows.
const MIN_KNOWN_COLUMNS: usize = 3;

/// A header row found in the text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Header {
    pub layout: Layout,
    pub columns: Vec<Column>,
    /// First line of the header and the line after its last one.
    pub first_line: usize,
    pub end_line: usize,
    pub span: Span,
    /// One cell per line only: true when the header's cells stand on consecutive lines.
    pub contiguous: bool,
}

/// The role a header cell names, if the vocabulary knows it (without the keywords that
/// count only inside a header row, see [`classify_in_row`]).
pub fn classify(cell: &str) -> Option<Role> {
    classify_with(cell, false)
}

/// The role of a cell of a delimited header row that the row's other cells already make a
/// header: the `in_row` keywords count too (`MSC` beside `Dose` and `Route`).
pub fn classify_in_row(cell: &str) -> Option<Role> {
    classify_with(cell, true)
}

fn classify_with(cell: &str, in_row: bool) -> Option<Role> {
    let text = cell
        .trim()
        .trim_matches(|c: char| matches!(c, '*' | '_' | '#' | ':' | '：') || c.is_whitespace())
        .replace(['（', '['], "(")
        .replace(['）', ']'], ")")
        .to_lowercase();
    // Limits apply to the header without its parenthesised notes (`(average 50 kg/person)`).
    let bare = without_parentheses(&text);
    if bare.trim().is_empty()
        || bare.chars().count() > MAX_HEADER_CHARS
        || bare.split_whitespace().count() > MAX_HEADER_WORDS
    {
        return None;
    }
    let cjk = bare.chars().filter(|&c| trialex_model::script::is_cjk(c)).count();
    if cjk > 0 && bare.trim().chars().count() > MAX_CJK_HEADER_CHARS {
        return None;
    }
    let digits = bare.chars().filter(char::is_ascii_digit).count();
    let letters = bare.chars().filter(|c| c.is_alphabetic()).count();
    if bare.starts_with(|c: char| c.is_ascii_digit()) || digits >= letters {
        return None;
    }
    best_keyword(bare.trim(), in_row).or_else(|| best_keyword(&text, in_row))
}

/// The role of the longest keyword found in `text` (the first listed on a tie).
fn best_keyword(text: &str, in_row: bool) -> Option<Role> {
    HEADER_KEYWORDS
        .iter()
        .filter(|k| in_row || !k.in_row)
        .filter(|k| if k.exact { text == k.keyword } else { contains_keyword(text, &k.keyword) })
        .fold(None::<(usize, Role)>, |best, k| match best {
            Some((len, _)) if len >= k.keyword.len() => best,
            _ => Some((k.keyword.len(), k.role)),
        })
        .map(|(_, role)| role)
}

/// True when a header cell holds a keyword of `role` (not only its longest one): `No. of
/// patients/administration route` names patients as well as the route.
pub(crate) fn names_role(header: &str, role: Role) -> bool {
    let text = without_parentheses(&header.to_lowercase());
    HEADER_KEYWORDS.iter().filter(|k| k.role == role && !k.exact).any(|k| contains_keyword(&text, &k.keyword))
}

/// Latin keywords match whole words; CJK keywords match anywhere.
fn contains_keyword(text: &str, keyword: &str) -> bool {
    if !keyword.is_ascii() {
        return text.contains(keyword);
    }
    text.match_indices(keyword).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + keyword.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn without_parentheses(text: &str) -> String {
    let mut depth = 0usize;
    text.chars()
        .filter(|&c| match c {
            '(' => {
                depth += 1;
                false
            }
            ')' => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => depth == 0,
        })
        .collect()
}

/// A header names at least three columns that give study fields, knows at least half of its
/// non-empty cells (columns of [`Role::Other`] count here), and has two roles or more, one of
/// them a protocol field (condition, cells, dose, route, follow-up, outcome).
pub(crate) fn is_header(roles: &[Option<Role>], non_empty: usize) -> bool {
    let known: Vec<Role> = roles.iter().flatten().copied().filter(|&r| r != Role::Other).collect();
    let other = roles.iter().flatten().filter(|&&r| r == Role::Other).count();
    let mut distinct = known.clone();
    distinct.sort();
    distinct.dedup();
    known.len() >= MIN_KNOWN_COLUMNS
        && (known.len() + other) * 2 >= non_empty
        && distinct.len() >= 2
        && distinct.iter().any(|r| r.is_protocol_field())
}

/// The header row that starts at line `i`, if any, in whichever layout it is written.
pub(crate) fn detect(lines: &[Line], i: usize) -> Option<Header> {
    let line = lines.get(i)?;
    if line.is_blank() {
        return None;
    }
    let one_line = |layout, pieces: Vec<Piece>, positions: Vec<(usize, usize)>| {
        let columns: Vec<Column> = pieces
            .iter()
            .zip(positions)
            .map(|(p, (position, display_position))| Column {
                header: p.text.to_string(),
                role: classify(p.text),
                position,
                display_position,
            })
            .collect();
        let roles: Vec<Option<Role>> = columns.iter().map(|c| c.role).collect();
        let non_empty = pieces.iter().filter(|p| !p.is_empty()).count();
        let span = line.trimmed().span();
        let mut columns = columns;
        if is_header(&roles, non_empty) {
            for column in columns.iter_mut().filter(|c| c.role.is_none()) {
                column.role = classify_in_row(&column.header);
            }
        }
        is_header(&roles, non_empty).then_some(Header {
            layout,
            columns,
            first_line: i,
            end_line: i + 1,
            span,
            contiguous: true,
        })
    };
    let tabs = tab_fields(line);
    if !tabs.is_empty() {
        let positions = (0..tabs.len()).map(|k| (k, k)).collect();
        return one_line(Layout::Tab, tabs, positions);
    }
    let pipes = pipe_fields(line);
    if !pipes.is_empty() {
        let positions = (0..pipes.len()).map(|k| (k, k)).collect();
        return one_line(Layout::Pipe, pipes, positions);
    }
    let chunks = space_chunks(line);
    if chunks.len() >= 2 {
        let positions = chunks.iter().map(|c| (c.column, c.display_column)).collect();
        return one_line(Layout::SpaceAligned, chunks.iter().map(|c| c.piece).collect(), positions);
    }
    cell_per_line(lines, i)
}

/// A header written one cell per line: consecutive short lines (blank lines between them
/// or not) that each name a role; it ends before a line naming the first line's role again
/// (the first cell of the first row).
///
/// A header cell the vocabulary does not know (`Country`, `Sex`) is kept when it is a
/// short label and the next line names a role again.
fn cell_per_line(lines: &[Line], i: usize) -> Option<Header> {
    let mut columns: Vec<Column> = Vec::new();
    let mut j = i;
    let mut end_line = i;
    let mut contiguous = true;
    let mut last_end = lines.get(i)?.end;
    let single_cell = |line: &Line| {
        let text = line.trimmed().text;
        !text.contains(['\t', '|', '｜']) && space_chunks(line).len() <= 1
    };
    let role_at = |k: usize| lines.get(k).filter(|l| single_cell(l)).and_then(|l| classify(l.trimmed().text));
    while let Some(line) = lines.get(j) {
        // A pipe alone on its line parts the cells of a header that a page wrote one per line
        // between pipes (`|⏎Disease⏎|⏎Phase⏎|…`).
        if line.is_blank() || is_lone_pipe(line) {
            j += 1;
            continue;
        }
        let piece = line.trimmed();
        // A cell that says a value is missing (`NONE`, `N/A`) is a value, not a header cell:
        // `Masking⏎NONE⏎Enrollment⏎240` is a record's fields and values.
        if !single_cell(line) || normalizer::is_missing(piece.text) {
            break;
        }
        let role = match classify(piece.text) {
            Some(role) => Some(role),
            None if !columns.is_empty() && is_unknown_label(piece.text) => {
                let next = (j + 1..lines.len()).find(|&k| !lines[k].is_blank());
                let next_role = next.and_then(role_at);
                if next_role.is_none() || next_role == columns[0].role {
                    break;
                }
                None
            }
            None => break,
        };
        // The first column's role again is the first cell of the first row, unless the next
        // line names a role the header has not had yet (`No.` … `Number of patients`,
        // `Follow-up period`: a header that opens with a row-number column).
        if role.is_some() && columns.first().is_some_and(|c| c.role == role) {
            let next = (j + 1..lines.len()).find(|&k| !lines[k].is_blank());
            let next_role = next.and_then(role_at);
            if next_role.is_none_or(|r| columns.iter().any(|c| c.role == Some(r))) {
                break;
            }
        }
        if j > end_line {
            contiguous = false;
        }
        let position = columns.len();
        columns.push(Column { header: piece.text.to_string(), role, position, display_position: position });
        last_end = piece.end;
        j += 1;
        end_line = j;
    }
    while columns.last().is_some_and(|c| c.role.is_none()) {
        columns.pop();
    }
    // Where blank lines part the header's cells, a line of spaces just before the first is an
    // empty header cell (over a column of row numbers).
    if !contiguous && i > 0 {
        let before = (0..i).rev().find(|&k| !lines[k].text.is_empty());
        if before.is_some_and(|k| is_spaces_only(&lines[k])) {
            columns.insert(0, Column { header: String::new(), role: None, position: 0, display_position: 0 });
            for (k, column) in columns.iter_mut().enumerate() {
                column.position = k;
                column.display_position = k;
            }
        }
    }
    let roles: Vec<Option<Role>> = columns.iter().map(|c| c.role).collect();
    let start = lines[i].trimmed().start;
    // Pipe rows under a header written one cell per line: the rows are read as a pipe table.
    let first_row = lines[end_line..].iter().find(|l| !l.is_blank() && !is_lone_pipe(l));
    let layout = if first_row.is_some_and(|l| pipe_fields(l).len() >= 2) { Layout::Pipe } else { Layout::CellPerLine };
    is_header(&roles, roles.len()).then_some(Header {
        layout,
        columns,
        first_line: i,
        end_line,
        span: [start, last_end],
        contiguous,
    })
}

/// A line of spaces only (not an empty line): where blank lines part a table's cells, an
/// empty cell.
pub(crate) fn is_spaces_only(line: &Line) -> bool {
    !line.text.is_empty() && line.text.trim().is_empty()
}

/// A line that holds only a pipe (ASCII or full-width).
pub(crate) fn is_lone_pipe(line: &Line) -> bool {
    let text = line.text.trim();
    !text.is_empty() && text.chars().all(|c| matches!(c, '|' | '｜'))
}

/// Most words of a header label the vocabulary does not know.
const MAX_UNKNOWN_LABEL_WORDS: usize = 2;

/// A short label (`Country`, `Age`, `Control group`): no digits, brackets or full stops.
fn is_unknown_label(text: &str) -> bool {
    text.split_whitespace().count() <= MAX_UNKNOWN_LABEL_WORDS
        && text.chars().count() <= MAX_CJK_HEADER_CHARS * 2
        && !text.contains(|c: char| c.is_ascii_digit() || matches!(c, '[' | ']' | '.' | '。' | ',' | '，' | ';'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::lines::split_lines;

    #[test]
    fn header_words_give_roles() {
        let cases = [
            ("肝病种类", Some(Role::Condition)),
            ("Patient population", Some(Role::Condition)),
            ("Cell type", Some(Role::Cell)),
            ("MSC source", Some(Role::Cell)),
            ("细胞数量", Some(Role::Dose)),
            ("No. of cells", Some(Role::Dose)),
            ("Cell number", Some(Role::Dose)),
            ("Dose (cells/kg)", Some(Role::Dose)),
            ("Way of injection", Some(Role::Route)),
            ("输注途径", Some(Role::Route)),
            ("Follow-up (months)", Some(Role::FollowUp)),
            ("随访时间", Some(Role::FollowUp)),
            ("Clinical results", Some(Role::Outcome)),
            ("治疗效果", Some(Role::Outcome)),
            ("No. of patients", Some(Role::NPatients)),
            ("n", Some(Role::NPatients)),
            ("Sample size", Some(Role::NPatients)),
            ("参考文献", Some(Role::Reference)),
            ("Authors", Some(Role::Reference)),
            ("Year", Some(Role::Year)),
            ("Phase", Some(Role::Phase)),
            ("Trial ID", Some(Role::TrialId)),
            ("**Ref.**", Some(Role::Reference)),
            ("No. of pts", Some(Role::NPatients)),
            ("N (T/C)", Some(Role::NPatients)),
            ("Infusion site", Some(Role::Route)),
            ("Number of cells infused", Some(Role::Dose)),
            ("Primary endpoint", Some(Role::Outcome)),
            ("MSC origin", Some(Role::Cell)),
            ("作者（年份）", Some(Role::Reference)),
            ("随访(月)", Some(Role::FollowUp)),
            ("主要结局指标", Some(Role::Outcome)),
            ("临床试验注册号", Some(Role::TrialId)),
        ];
        for (cell, role) in cases {
            assert_eq!(classify(cell), role, "{cell}");
        }
    }

    #[test]
    fn a_bare_cell_abbreviation_names_the_cell_column_only_inside_a_header_row() {
        assert_eq!(classify("MSCs"), None);
        assert_eq!(classify_in_row("MSCs"), Some(Role::Cell));
        assert_eq!(classify_in_row("MSC dose"), Some(Role::Dose), "other keywords still win");
        let pipe = "| Author | Disease | MSCs | Cells/kg | Route |";
        let roles: Vec<Option<Role>> = detect(&split_lines(pipe), 0).unwrap().columns.iter().map(|c| c.role).collect();
        assert_eq!(roles[2], Some(Role::Cell));
        let tab = "Author\tMSC\tNotes";
        assert_eq!(detect(&split_lines(tab), 0), None, "MSC does not make a header by itself");
        let per_line = "Disease\nMSC\nDose\nRoute\n";
        let header = detect(&split_lines(per_line), 0);
        assert!(header.is_none_or(|h| h.columns.len() == 1 || h.columns[1].role != Some(Role::Cell)));
    }

    #[test]
    fn conclusion_headers_are_outcomes() {
        for cell in ["Conclusions", "Main conclusion", "结论", "主要结论", "结局", "Key findings", "Main results"]
        {
            assert_eq!(classify(cell), Some(Role::Outcome), "{cell}");
        }
    }

    #[test]
    fn data_cells_are_not_header_words() {
        for cell in [
            "12 个月",
            "3.2×10⁷",
            "[15]",
            "BM-MSC",
            "UC-MSCs",
            "骨髓单个核细胞经肝动脉输注后疗效显著",
            "Increased albumin; decreased MELD score over 48 weeks of follow-up",
            "2016",
        ] {
            assert_eq!(classify(cell), None, "{cell}");
        }
        // A column that gives no field is known, so that it counts for its header.
        assert_eq!(classify("Country"), Some(Role::Other));
        // "n" only as the whole cell; a word containing the letters is not it.
        assert_eq!(classify("Ascending"), None);
    }

    #[test]
    fn header_needs_three_known_columns_of_two_roles() {
        use Role::*;
        assert!(is_header(&[Some(Condition), Some(Dose), Some(Route)], 3));
        assert!(!is_header(&[Some(Condition), Some(Dose), None, None, None], 5));
        assert!(!is_header(&[Some(Reference), Some(Year), Some(NPatients)], 3), "no protocol field");
        assert!(!is_header(&[Some(Outcome), Some(Outcome), Some(Outcome)], 3), "one role only");
    }

    #[test]
    fn detects_each_layout() {
        let tab = "肝病种类\t细胞数量\t输注途径\t随访时间\t治疗效果\t参考文献";
        let header = detect(&split_lines(tab), 0).unwrap();
        assert_eq!(header.layout, Layout::Tab);
        assert_eq!(header.columns.len(), 6);
        assert_eq!(header.columns[5].role, Some(Role::Reference));

        let pipe = "| Study | Condition | Cells | Dose | Route |";
        assert_eq!(detect(&split_lines(pipe), 0).unwrap().layout, Layout::Pipe);

        let space = "Condition        Cells      Dose        Route";
        let header = detect(&split_lines(space), 0).unwrap();
        assert_eq!(header.layout, Layout::SpaceAligned);
        let positions: Vec<usize> = header.columns.iter().map(|c| c.position).collect();
        assert_eq!(positions, [0, 17, 28, 40]);

        let per_line = "Condition\n\nCells\n\nDose\n\nRoute\n\nHBV cirrhosis\n\nBM-MSC\n";
        let lines = split_lines(per_line);
        let header = detect(&lines, 0).unwrap();
        assert_eq!(header.layout, Layout::CellPerLine);
        assert_eq!(header.columns.len(), 4);
        assert!(!header.contiguous);
        assert_eq!(lines[header.end_line - 1].text, "Route");
        assert_eq!(&per_line[header.span[0]..header.span[1]], "Condition\n\nCells\n\nDose\n\nRoute");
    }

    #[test]
    fn cell_per_line_header_keeps_an_unknown_label_between_known_ones() {
        let text = "Study\nSex\nCondition\nDose\nRoute\nKim [3]\nmale\nCirrhosis\n";
        let header = detect(&split_lines(text), 0).unwrap();
        let roles: Vec<Option<Role>> = header.columns.iter().map(|c| c.role).collect();
        assert_eq!(
            roles,
            [Some(Role::Reference), Some(Role::Other), Some(Role::Condition), Some(Role::Dose), Some(Role::Route)]
        );
        let text = "Study\nWeight\nCondition\nDose\nRoute\nKim [3]\n60 kg\nCirrhosis\n";
        let header = detect(&split_lines(text), 0).unwrap();
        let roles: Vec<Option<Role>> = header.columns.iter().map(|c| c.role).collect();
        assert_eq!(roles, [Some(Role::Reference), None, Some(Role::Condition), Some(Role::Dose), Some(Role::Route)]);
    }

    #[test]
    fn prose_is_no_header() {
        let prose = "The outcome of cell therapy depends on the dose, the route and the follow-up.";
        assert_eq!(detect(&split_lines(prose), 0), None);
    }
}
