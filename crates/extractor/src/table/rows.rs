//! Reading the rows under a header, for each layout, until the table ends: at a caption,
//! a note (`注:`, `Note:`, an abbreviation list), a heading, a line of prose, or another
//! table's header. A row the text broke over several lines is joined back into one.

use std::sync::LazyLock;

use regex::Regex;
use trialex_model::{Diagnostic, RawField};

use super::caption;
use super::cells::{self, Extent, LineInfo};
use super::header::{self, Header};
use super::layout::{Chunk, PIPES, is_rule_line, joined, pipe_fields_under, space_chunks, tab_fields};
use super::lines::{Line, Piece};
use super::stream;
use super::vocab::CUES;
use super::{Column, Layout, Role, Row};
use crate::citation;

/// A space-aligned chunk belongs to the column whose header starts at most this many
/// characters after it.
const ALIGN_TOLERANCE: usize = 3;
/// A line of prose: at least this many characters with a sentence end in it.
const PROSE_MIN_CHARS: usize = 100;
/// A line of this many characters is prose whatever its punctuation.
const PROSE_ANY_CHARS: usize = 250;
/// A heading line is at most this long.
const MAX_HEADING_CHARS: usize = 40;

/// Abbreviation lists under tables: `MSC, mesenchymal stem cell; BM, bone marrow; …`.
static ABBREVIATION_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[;；]\s*)([A-Za-z0-9α-ωΑ-Ω+\-/.⁺]{1,15})\s*[,，=:：]\s*([^;；,，=]{2,80})")
        .expect("abbreviation regex")
});
/// Numbered headings: `4 结语`, `2.1 Patients`, `三、讨论`, `II. Methods`.
static NUMBERED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d+(?:\.\d+)*\.?|[一二三四五六七八九十]+[、.．]|[IVX]+\.)\s*\S").expect("heading regex")
});
/// Footnote marks that open a note line (`* P < 0.05`, `† …`, `ᵃ …`, `a) …`).
static FOOTNOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[*†‡§¶#]+|[ᵃᵇᶜᵈᵉ]|[a-e]\))\s*\S").expect("footnote regex"));

/// Reads the rows under `header`; returns them and the index of the line after the last one
/// read, with warnings about rows that could not be completed.
pub(crate) fn read(lines: &[Line], header: &Header) -> (Vec<Row>, usize, Vec<Diagnostic>) {
    match header.layout {
        Layout::CellPerLine => read_cell_per_line(lines, header),
        Layout::Pipe if pipe_ended(lines, header) => {
            // Every cell ends with a pipe and no row begins with one: the pipes, not the line
            // breaks, end the cells (a wrapped last cell `[66] |` stands on a line of its own).
            let (cells, next) = stream::cells(lines, header.end_line);
            let (rows, _) = stream::rows(&cells, header.columns.len());
            (rows, next, Vec::new())
        }
        _ => {
            let (rows, next) = read_line_rows(lines, header);
            (rows, next, Vec::new())
        }
    }
}

/// A pipe table written with a pipe after every cell and none before the first: the header
/// line and the line under it both end with a pipe and do not start with one.
fn pipe_ended(lines: &[Line], header: &Header) -> bool {
    let ended = |line: &Line| {
        let text = line.text.trim();
        text.ends_with(PIPES) && !text.starts_with(PIPES)
    };
    let first_row = lines[header.end_line.min(lines.len())..].iter().find(|l| !l.is_blank() && !is_rule_line(l));
    header.end_line == header.first_line + 1 && ended(&lines[header.first_line]) && first_row.is_some_and(ended)
}

/// True when line `j` closes a table: a caption, a note or a heading.
pub(crate) fn ends_table(lines: &[Line], j: usize) -> bool {
    let Some(line) = lines.get(j) else { return true };
    caption::parse(line).is_some() || is_note(line.text) || is_heading(lines, j)
}

/// A table note: a note cue word (`注`, `Note`, `Abbreviations` …) followed by punctuation
/// or a space, a footnote mark, or an abbreviation list.
pub(crate) fn is_note(line: &str) -> bool {
    let text = line.trim().trim_start_matches(['*', '_']);
    let lower = text.to_lowercase();
    let cue = CUES.notes.iter().any(|cue| {
        lower.strip_prefix(&cue.to_lowercase()).is_some_and(|rest| {
            let rest = rest.trim_start_matches(['*', '_']);
            rest.is_empty() || rest.starts_with([':', '：', '.', ',', '，', ' ', '\t', '　'])
        })
    });
    // A footnote mark opens a note only on a line that is not itself a row (`**Kim**\t…`).
    let footnote = FOOTNOTE.is_match(line.trim()) && !line.contains(['\t', '|', '｜']);
    cue || footnote || is_abbreviation_list(text)
}

/// The abbreviations a note under a table defines (`LC: Liver cirrhosis; ALC: Alcoholic
/// liver cirrhosis`), as (abbreviation, expansion) pairs; empty for a line that is no
/// abbreviation list.
pub(crate) fn abbreviations(line: &str) -> Vec<(String, String)> {
    let text = line.trim().trim_start_matches(['*', '_']);
    if !is_abbreviation_list(text) {
        return Vec::new();
    }
    ABBREVIATION_ITEM
        .captures_iter(text)
        .map(|c| (c[1].trim().to_string(), c[2].trim().trim_end_matches('.').to_string()))
        .collect()
}

/// Two items or more of `ABBR, expansion;` where most expansions are several words.
fn is_abbreviation_list(text: &str) -> bool {
    if !text.contains([';', '；']) {
        return false;
    }
    let items: Vec<_> = ABBREVIATION_ITEM.captures_iter(text).collect();
    let wordy = items
        .iter()
        .filter(|c| c[2].split_whitespace().count() >= 2 || c[2].chars().count() >= 4 && !c[2].is_ascii())
        .count();
    items.len() >= 2 && wordy * 2 > items.len()
}

/// A heading: a markdown heading, a known heading word alone on its line, or a short
/// numbered line followed by a paragraph of prose.
fn is_heading(lines: &[Line], j: usize) -> bool {
    let Some(line) = lines.get(j) else { return false };
    let text = line.text.trim();
    if text.contains(['\t', '|', '｜']) || text.chars().count() > MAX_HEADING_CHARS || space_chunks(line).len() > 1 {
        return false;
    }
    if text.starts_with('#') {
        return true;
    }
    let bare = text.trim_matches(|c: char| matches!(c, '*' | '_' | ':' | '：') || c.is_whitespace());
    if CUES.headings.iter().any(|h| h.eq_ignore_ascii_case(bare)) {
        return true;
    }
    NUMBERED_HEADING.is_match(text)
        && lines[j + 1..].iter().find(|l| !l.is_blank()).is_some_and(|next| is_prose(next.text))
}

/// A line of running prose: long, with a sentence end.
pub(crate) fn is_prose(line: &str) -> bool {
    let text = line.trim();
    let chars = text.chars().count();
    chars >= PROSE_ANY_CHARS
        || chars >= PROSE_MIN_CHARS && (text.contains('。') || text.contains(". ") || text.ends_with('.'))
}

/// Fewest words of an English line ending in a full stop that reads as a sentence.
const SENTENCE_MIN_WORDS: usize = 8;

/// A sentence rather than the first cell of a row: prose, a line ending in `。`, or a
/// line of several words ending in a full stop (`Smith et al.` is not one).
fn is_sentence(line: &str) -> bool {
    let text = line.trim();
    is_prose(text)
        || text.ends_with('。')
        || text.ends_with('.') && text.split_whitespace().count() >= SENTENCE_MIN_WORDS
}

/// Rows of the layouts that put one row on one line (tab, pipe, space-aligned).
///
/// A grid table (`+----+----+` rules between rows) draws every row between two rules, so
/// the lines between two rules are one row.
fn read_line_rows(lines: &[Line], header: &Header) -> (Vec<Row>, usize) {
    let mut rows: Vec<Row> = Vec::new();
    let mut next = header.end_line;
    let mut j = header.end_line;
    let grid = header.layout == Layout::Pipe
        && lines[header.end_line.min(lines.len())..]
            .iter()
            .find(|l| !l.is_blank())
            .is_some_and(|l| l.text.trim_start().starts_with('+'));
    let mut after_rule = true;
    while let Some(line) = lines.get(j) {
        if line.is_blank() || is_rule_line(line) || header::is_lone_pipe(line) {
            after_rule |= is_rule_line(line);
            j += 1;
            continue;
        }
        if ends_table(lines, j) {
            break;
        }
        if let Some(other) = header::detect(lines, j) {
            if other.layout == header.layout && roles(&other.columns) == roles(&header.columns) {
                // The header repeated after a page break: the same table goes on.
                j = other.end_line;
                continue;
            }
            break;
        }
        let Some(cells) = fit(lines, j, header, !rows.is_empty()) else { break };
        j += 1;
        next = j;
        if cells.iter().all(Option::is_none) || rows.is_empty() && continues_header(&cells) {
            continue;
        }
        let row = Row { span: line.trimmed().span(), cells };
        match rows.last_mut() {
            Some(previous) if grid && !after_rule => previous.join(row),
            _ => push_or_join(&mut rows, row, &header.columns, header.layout),
        }
        after_rule = false;
    }
    (rows, next)
}

/// A second header line: every cell is a header word or a parenthesised unit
/// (`Follow-up` over `(months)`).
fn continues_header(cells: &[Option<RawField>]) -> bool {
    cells.iter().flatten().all(|cell| {
        let text = cell.text.trim();
        header::classify(text).is_some() || text.starts_with(['(', '（']) && text.ends_with([')', '）'])
    })
}

fn roles(columns: &[Column]) -> Vec<Option<Role>> {
    columns.iter().map(|c| c.role).collect()
}

/// The cells of line `j` in the header's layout, one per column; None when the line is not
/// a row of this layout.
fn fit(lines: &[Line], j: usize, header: &Header, has_rows: bool) -> Option<Vec<Option<RawField>>> {
    let line = &lines[j];
    let count = header.columns.len();
    match header.layout {
        Layout::Tab => by_order(line, tab_fields(line), count),
        Layout::Pipe => {
            let bordered = lines[header.first_line].text.trim_start().starts_with(PIPES);
            by_order(line, pipe_fields_under(line, (!bordered).then_some(count)), count)
        }
        Layout::SpaceAligned => by_position(lines, j, &header.columns, has_rows),
        Layout::CellPerLine | Layout::Unseparated => None,
    }
}

/// Fields in column order; fields beyond the last column join the last column.
fn by_order(line: &Line, fields: Vec<Piece>, count: usize) -> Option<Vec<Option<RawField>>> {
    if fields.is_empty() || count == 0 {
        return None;
    }
    let mut cells: Vec<Option<Piece>> = vec![None; count];
    for (k, field) in fields.into_iter().enumerate() {
        let at = k.min(count - 1);
        cells[at] = match cells[at] {
            Some(first) if !field.is_empty() => Some(joined(line, first, field)),
            Some(first) => Some(first),
            None => Some(field),
        };
    }
    Some(cells.into_iter().map(|c| c.filter(|p| !p.is_empty()).map(|p| RawField::new(p.text, p.span()))).collect())
}

/// Space-aligned chunks placed under the header cell they stand under (in order when there
/// are as many chunks as columns). A line with a single chunk is a row's continuation when
/// it is indented, or short and followed by another row.
fn by_position(lines: &[Line], j: usize, columns: &[Column], has_rows: bool) -> Option<Vec<Option<RawField>>> {
    let line = &lines[j];
    let chunks = space_chunks(line);
    let first = chunks.first()?;
    // Characters or screen cells, whichever lines the chunks up under the header better.
    let aligned = |on_screen: bool| {
        let is_aligned = |chunk: &&Chunk| {
            let (start, width) = chunk.extent(on_screen);
            columns
                .iter()
                .map(|col| col.at(on_screen))
                .any(|at| at.abs_diff(start) <= ALIGN_TOLERANCE || (start < at && at < start + width))
        };
        chunks.iter().filter(is_aligned).count()
    };
    let on_screen = aligned(true) > aligned(false);
    if chunks.len() >= 2 && aligned(on_screen) * 2 < chunks.len() {
        return None;
    }
    let column_of = |chunk: &Chunk| {
        let start = chunk.extent(on_screen).0;
        columns.iter().rposition(|col| col.at(on_screen) <= start + ALIGN_TOLERANCE).unwrap_or(0)
    };
    if chunks.len() == 1 {
        // A lone chunk continues a row only where it fits the column it stands in.
        let at = column_of(first);
        let (start, width) = first.extent(on_screen);
        let column_end = columns.get(at + 1).map_or(usize::MAX, |c| c.at(on_screen));
        let fits = start + width <= column_end.saturating_add(ALIGN_TOLERANCE);
        let followed_by_row = lines.get(j + 1).is_some_and(|next| space_chunks(next).len() >= 2);
        let indented = first.column >= 2;
        // `(2021) [16]` under the last row: the wrapped end of its author cell, which no row
        // follows (a heading or a page number has letters or no bracket).
        let cites = is_bare_fragment(first.piece.text) && first.piece.text.contains(['[', '(', '（']);
        if !(has_rows && fits && (indented || followed_by_row || cites)) {
            return None;
        }
    }
    let mut cells: Vec<Option<Piece>> = vec![None; columns.len()];
    for (k, chunk) in chunks.iter().enumerate() {
        let at = if chunks.len() == columns.len() { k } else { column_of(chunk) };
        cells[at] = Some(match cells[at] {
            Some(earlier) => joined(line, earlier, chunk.piece),
            None => chunk.piece,
        });
    }
    Some(cells.into_iter().map(|c| c.map(|p| RawField::new(p.text, p.span()))).collect())
}

/// Appends `row`, or joins it to the row above when it only continues that row.
fn push_or_join(rows: &mut Vec<Row>, row: Row, columns: &[Column], layout: Layout) {
    match rows.last_mut() {
        Some(previous) if is_continuation(&row, previous, columns, layout) => previous.join(row),
        _ => rows.push(row),
    }
}

/// Roles that every study row fills and a continuation line does not repeat.
const KEY_ROLES: [Role; 4] = [Role::Reference, Role::Year, Role::NPatients, Role::TrialId];

/// A line continues the row above when the row above has an identifying cell (reference,
/// year, patients, trial id) and this line has none, or when it fills at most a third of
/// the columns.
///
/// A line that fills only a minority of the columns, whose first cell is empty or a bare
/// number fragment, and whose identifying cells are all bare fragments (`[12]`, `(2015)
/// [12]`) is the wrapped tail of the row above even though it fills an identifying column:
/// a new study names its author or condition in words. So is a line that fills at most half
/// the columns and opens with a bare citation under a first cell without one.
fn is_continuation(row: &Row, previous: &Row, columns: &[Column], layout: Layout) -> bool {
    let filled = row.cells.iter().flatten().count();
    if filled < columns.len() && reads_as_continued(row) {
        return true;
    }
    let keys: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.role.is_some_and(|r| KEY_ROLES.contains(&r)))
        .map(|(k, _)| k)
        .collect();
    let fragment_or_empty =
        |k: usize| row.cells.get(k).is_none_or(|c| c.as_ref().is_none_or(|c| is_bare_fragment(&c.text)));
    if filled * 2 < columns.len() && fragment_or_empty(0) && keys.iter().all(|&k| fragment_or_empty(k)) {
        return true;
    }
    // In a narrow table half the line may be wrapped text beside the citation: a bare
    // citation under a first cell that has none is still that cell's tail.
    let cites = |cell: Option<&RawField>| cell.is_some_and(|c| !citation::find_markers(&c.text).is_empty());
    let (first, above) = (row.cells.first().and_then(Option::as_ref), previous.cells.first().and_then(Option::as_ref));
    if filled * 2 <= columns.len()
        && first.is_some_and(|c| is_bare_fragment(&c.text))
        && cites(first)
        && above.is_some()
        && !cites(above)
    {
        return true;
    }
    // A line that leaves the first cell empty and whose identifying cells only fill the gaps
    // the row above left (its `[12]` on the wrapped second line) is that row's tail. Only
    // where separators mark the empty cell (tab, pipe): in a space-aligned table an empty
    // first cell is often a first cell wrapped above and below the row's other cells.
    // (A wrapped key cell that goes on in lowercase, `failure`, continues too.)
    let fills_gaps = keys.iter().all(|&k| {
        cell(row, k).is_none_or(|c| {
            is_bare_fragment(&c.text) && cell(previous, k).is_none() || c.text.starts_with(char::is_lowercase)
        })
    });
    let delimited = matches!(layout, Layout::Tab | Layout::Pipe);
    if delimited && !keys.is_empty() && filled * 3 <= columns.len() * 2 && cell(row, 0).is_none() && fills_gaps {
        return true;
    }
    let has_key = |r: &Row| keys.iter().any(|&k| r.cells.get(k).is_some_and(Option::is_some));
    if !keys.is_empty() {
        if has_key(row) {
            return false;
        }
        if has_key(previous) {
            return true;
        }
    }
    filled * 3 <= columns.len()
}

fn cell(row: &Row, k: usize) -> Option<&RawField> {
    row.cells.get(k).and_then(Option::as_ref)
}

/// A cell without words: digits and punctuation only (`[12]`, `(2015) [12]`, `2015`).
fn is_bare_fragment(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit()) && !text.chars().any(char::is_alphabetic)
}

/// Characters that open the rest of a wrapped cell rather than a new one.
const CONTINUING_STARTS: &[char] = &['(', ')', ',', ';', ':', '-', '–', '—', '&', '/', '×', '+'];

/// Share of a line's cells (numerator, denominator) that must read as continued.
const CONTINUED_SHARE: (usize, usize) = (2, 3);

/// Wrapped English cells: the first column empty or continued, and most cells starting
/// in lowercase or with a connecting sign (`decompensated`, `(2012) [12]`, `and MELD`).
fn reads_as_continued(row: &Row) -> bool {
    let continued =
        |cell: &RawField| cell.text.starts_with(|c: char| c.is_lowercase() || CONTINUING_STARTS.contains(&c));
    let cells: Vec<&RawField> = row.cells.iter().flatten().collect();
    let first_ok = row.cells.first().is_none_or(|first| first.as_ref().is_none_or(continued));
    let share = cells.iter().filter(|c| continued(c)).count();
    first_ok && !cells.is_empty() && share * CONTINUED_SHARE.1 >= cells.len() * CONTINUED_SHARE.0
}

impl Row {
    /// Joins a continuation line: the span grows to its end; each cell's pieces are joined
    /// with a space, and a joined cell has no span (its text is no longer one slice).
    fn join(&mut self, continuation: Row) {
        self.span[1] = continuation.span[1];
        for (cell, more) in self.cells.iter_mut().zip(continuation.cells) {
            *cell = match (cell.take(), more) {
                (None, more) => more,
                (Some(first), None) => Some(first),
                (Some(first), Some(more)) => {
                    Some(RawField { text: format!("{} {}", first.text, more.text), span: None })
                }
            };
        }
    }
}

/// How many leading blocks decide whether blank-line blocks are rows.
const BLOCKS_JUDGED: usize = 3;

/// Rows written one cell per line: cells are taken in header order, row after row. When
/// the header's cells stand on consecutive lines and the rows are blocks between blank
/// lines, each block is a row (a short block leaves its last cells empty).
fn read_cell_per_line(lines: &[Line], header: &Header) -> (Vec<Row>, usize, Vec<Diagnostic>) {
    let count = header.columns.len();
    let blocks = blocks_after(lines, header.end_line);
    // Blocks are rows when the first ones hold about a row each (one may lack a cell).
    let leading: Vec<usize> = blocks.iter().take(BLOCKS_JUDGED).map(Vec::len).take_while(|&n| n > 1).collect();
    let block_mode =
        header.contiguous && leading.contains(&count) && leading.iter().all(|&n| n <= count && n * 2 >= count);
    let mut rows = Vec::new();
    let mut diagnostics = Vec::new();
    let mut next = header.end_line;
    if block_mode {
        for block in &blocks {
            if block.len() == 1 && count > 2 || ends_table(lines, block[0]) || header::detect(lines, block[0]).is_some()
            {
                break;
            }
            if block.len() > count
                && let Some(row) = aligned_block(lines, block, header)
            {
                next = block[block.len() - 1] + 1;
                rows.push(row);
                continue;
            }
            let mut pieces: Vec<Piece> = block.iter().map(|&k| lines[k].trimmed()).collect();
            let extra = pieces.split_off(pieces.len().min(count));
            let mut cells: Vec<Option<RawField>> =
                pieces.iter().map(|p| Some(RawField::new(p.text, p.span()))).collect();
            if let (Some(Some(last)), false) = (cells.last_mut(), extra.is_empty()) {
                for piece in &extra {
                    last.text = format!("{} {}", last.text, piece.text);
                }
                last.span = None;
            }
            cells.resize(count, None);
            let start = lines[block[0]].trimmed().start;
            let end = lines[block[block.len() - 1]].trimmed().end;
            rows.push(Row { span: [start, end], cells });
            next = block[block.len() - 1] + 1;
        }
        return (rows, next, diagnostics);
    }
    // The table's lines: up to a caption, a note or another table's header, or two lines
    // in a row of other text (a heading and its paragraph, or prose).
    let mut taken: Vec<usize> = Vec::new();
    let mut infos: Vec<LineInfo> = Vec::new();
    let mut j = header.end_line;
    while let Some(line) = lines.get(j) {
        if line.is_blank() {
            // Where blank lines part the cells, a line of spaces is an empty cell.
            if !header.contiguous && header::is_spaces_only(line) && !infos.is_empty() {
                infos.push(cells::empty_cell());
                taken.push(j);
            }
            j += 1;
            continue;
        }
        if caption::parse(line).is_some() || is_note(line.text) || header::detect(lines, j).is_some() {
            break;
        }
        // A cell such as `12 months` followed by a long outcome cell reads as a numbered
        // heading: a line whose content names a column's role is a cell.
        let sentence = is_sentence(line.text);
        let mut info = cells::line_info(line.text, sentence, sentence);
        if info.signals.is_plain() && is_heading(lines, j) {
            info.may_open_row = false;
        }
        if !info.may_open_row && infos.last().is_some_and(|previous| !previous.may_open_row) {
            break;
        }
        infos.push(info);
        taken.push(j);
        j += 1;
    }
    let roles: Vec<Option<Role>> = header.columns.iter().map(|c| c.role).collect();
    let path = cells::align(&infos, &roles, Extent::BestEnd);
    rows = aligned_rows(lines, &path, &taken, count);
    if let Some(&last) = taken.get(path.len().wrapping_sub(1)) {
        next = last + 1;
    }
    // Lines after the last row, before other text: a row the text does not complete.
    let rest: Vec<usize> = (path.len()..taken.len())
        .take_while(|&i| i == path.len() && !rows.is_empty() || infos[i].may_open_row)
        .map(|i| taken[i])
        .collect();
    if let (Some(&first), Some(&last)) = (rest.first(), rest.last())
        && rest.len() < count
        && infos[path.len()].may_open_row
    {
        let warning = Diagnostic::warning(
            "table.incomplete_row",
            format!(
                "a table written one cell per line ends after {} of its {} columns; the partial row was dropped",
                rest.len(),
                count
            ),
        )
        .at([lines[first].trimmed().start, lines[last].trimmed().end]);
        diagnostics.push(warning);
    }
    (rows, next, diagnostics)
}

/// A block of more lines than columns read as one row whose wrapped cells the lines' content
/// tells apart (see [`cells`]); None when no alignment makes the block one row.
fn aligned_block(lines: &[Line], block: &[usize], header: &Header) -> Option<Row> {
    let infos: Vec<LineInfo> = block.iter().map(|&k| cells::line_info(lines[k].text, false, false)).collect();
    let roles: Vec<Option<Role>> = header.columns.iter().map(|c| c.role).collect();
    let path = cells::align(&infos, &roles, Extent::All);
    let mut rows = aligned_rows(lines, &path, block, roles.len());
    (path.len() == block.len() && rows.len() == 1).then(|| rows.remove(0))
}

/// The rows of an alignment of the lines `taken` (line indices) with `count` columns: a
/// line that continues a cell joins it with a space (the joined cell has no span).
fn aligned_rows(lines: &[Line], path: &[(usize, bool)], taken: &[usize], count: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut current: Option<Row> = None;
    let mut last_column = 0;
    for (&(column, opens), &k) in path.iter().zip(taken) {
        let piece = lines[k].trimmed();
        let new_row = opens && (current.is_none() || column <= last_column);
        last_column = column;
        if new_row {
            rows.extend(current.take());
            current = Some(Row { span: piece.span(), cells: vec![None; count] });
        }
        let Some(row) = current.as_mut() else { continue };
        if piece.is_empty() {
            continue;
        }
        row.span[1] = piece.end;
        row.cells[column] = Some(match row.cells[column].take() {
            Some(earlier) if !opens => RawField { text: format!("{} {}", earlier.text, piece.text), span: None },
            _ => RawField::new(piece.text, piece.span()),
        });
    }
    rows.extend(current);
    rows
}

/// The blocks of non-blank lines (line indices) from line `from` on.
fn blocks_after(lines: &[Line], from: usize) -> Vec<Vec<usize>> {
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    let mut current = Vec::new();
    for (k, line) in lines.iter().enumerate().skip(from) {
        if line.is_blank() {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
        } else {
            current.push(k);
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    blocks
}
