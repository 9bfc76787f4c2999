//! Tables in running text.
//!
//! A table is a header row whose words give each column a role (`data/table_headers.tsv`),
//! in one of four layouts: tab-separated, markdown pipes, space-aligned (columns 2+ spaces
//! apart, under their header), or one cell per line. A caption (`表 1 …`, `Table 2. …`, with
//! or without an English translation under it) within a few lines above names it; a table
//! may also have no caption. The table ends at a note, a caption, a heading, prose or
//! another header ([`rows`]).
//!
//! Each row becomes one [`Candidate`] with raw cell texts and their byte spans
//! ([`candidate`]). A cell joined from the pieces of a row the text broke over two lines
//! has the pieces' texts joined by a space and no span. A table written one cell per line
//! is aligned with its columns by what each line says ([`cells`]), so that a wrapped cell
//! does not shift the rows after it.
//!
//! The table also gives its rows context: the caption's cells and condition, and the units
//! its dose and follow-up headers name ([`units`]).

mod candidate;
mod caption;
mod cells;
mod header;
mod layout;
pub(crate) use crate::lines;
mod rows;
mod segment;
mod stream;
mod typed;
mod units;
mod unseparated;
mod vocab;
mod words;

pub use candidate::candidates;
pub use caption::Caption;
pub use header::classify;

use trialex_model::{Diagnostic, RawField, Span};

/// How the text lays out a table's cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    /// Cells separated by tabs.
    Tab,
    /// Markdown pipes (`| a | b |`), rule lines (`|---|`) skipped.
    Pipe,
    /// Columns separated by two or more spaces and aligned under the header.
    SpaceAligned,
    /// Every cell on its own line; rows rebuilt from the header's column count.
    CellPerLine,
    /// No separator to trust: cells glued together or parted by single spaces, as a web
    /// page's table comes out as text. Header cells are found by their vocabulary and each
    /// row is cut into cells by what its pieces read as ([`segment`]).
    Unseparated,
}

/// What a column holds, as its header names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Condition,
    Cell,
    Dose,
    Route,
    FollowUp,
    Outcome,
    NPatients,
    Year,
    Reference,
    Phase,
    Design,
    TrialId,
    Infusions,
    /// A column the vocabulary knows but that gives no study field (`Country`, `Status`,
    /// `Side effects`, `P value`): it makes a header a header, and its cells are free text.
    Other,
}

impl Role {
    /// The role named `name` in the data files (`follow_up`, `n_patients` …).
    pub fn from_name(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == name)
    }

    /// Every role.
    pub const ALL: [Role; 14] = [
        Role::Condition,
        Role::Cell,
        Role::Dose,
        Role::Route,
        Role::FollowUp,
        Role::Outcome,
        Role::NPatients,
        Role::Year,
        Role::Reference,
        Role::Phase,
        Role::Design,
        Role::TrialId,
        Role::Infusions,
        Role::Other,
    ];

    /// The role's name in the data files and in messages (`follow_up`, `n_patients` …).
    pub fn name(self) -> &'static str {
        match self {
            Role::Condition => "condition",
            Role::Cell => "cell",
            Role::Dose => "dose",
            Role::Route => "route",
            Role::FollowUp => "follow_up",
            Role::Outcome => "outcome",
            Role::NPatients => "n_patients",
            Role::Year => "year",
            Role::Reference => "reference",
            Role::Phase => "phase",
            Role::Design => "design",
            Role::TrialId => "trial_id",
            Role::Infusions => "infusions",
            Role::Other => "other",
        }
    }

    /// The fields that describe a treatment protocol (a header must name one of them).
    pub fn is_protocol_field(self) -> bool {
        matches!(self, Role::Condition | Role::Cell | Role::Dose | Role::Route | Role::FollowUp | Role::Outcome)
    }
}

/// One column: its header as written, its role, and where it stands (the character column
/// of its header for space-aligned tables, else its index; `display_position` counts CJK
/// characters as two screen cells).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub header: String,
    pub role: Option<Role>,
    pub position: usize,
    pub display_position: usize,
}

impl Column {
    /// The column's position in the measure given.
    fn at(&self, on_screen: bool) -> usize {
        if on_screen { self.display_position } else { self.position }
    }
}

/// One row: its byte span (first line's start to the last continuation's end) and one
/// cell per column (None when empty).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub span: Span,
    pub cells: Vec<Option<RawField>>,
}

/// A table found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// 1-based position of the table in the document.
    pub index: usize,
    pub caption: Option<Caption>,
    pub layout: Layout,
    pub columns: Vec<Column>,
    /// Byte span of the header row(s).
    pub header_span: Span,
    pub rows: Vec<Row>,
    /// A last row the text cut short, left out of `rows` but still the table's text.
    pub cut_row: Option<Span>,
    /// The abbreviations the notes under the table define (`ALC: Alcoholic liver cirrhosis`).
    pub abbreviations: Vec<(String, String)>,
}

impl Table {
    /// From the start of the header to the end of the last row (captions and notes outside).
    pub fn span(&self) -> Span {
        let end =
            self.rows.iter().map(|r| r.span[1]).chain(self.cut_row.map(|s| s[1])).max().unwrap_or(self.header_span[1]);
        [self.header_span[0], end.max(self.header_span[1])]
    }
}

/// The tables of a document and what was noticed while looking for them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableScan {
    pub tables: Vec<Table>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Fewest columns of a header whose unread rows are worth a warning.
const UNREAD_HEADER_COLUMNS: usize = 4;

/// How many non-blank lines may stand between a caption and its table's header.
const CAPTION_REACH: usize = 3;

/// Finds the tables of a document text.
pub fn find_tables(text: &str) -> TableScan {
    let lines = lines::split_lines(text);
    let mut scan = TableScan::default();
    // The caption waiting for its table, its line, and the non-blank lines seen since.
    let mut pending: Option<(Caption, Span, usize)> = None;
    // The end of the last header whose rows could not be read (warned about once).
    let mut unread_until = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.is_blank() {
            i += 1;
            continue;
        }
        if let Some((found, span, used)) = caption_at(&lines, i) {
            pending = Some(match pending.take() {
                Some((earlier, earlier_span, 0)) if earlier.number == found.number => {
                    (earlier.with_translation(found), earlier_span, 0)
                }
                earlier => {
                    note_caption_without_table(&mut scan, earlier);
                    (found, span, 0)
                }
            });
            i += used;
            continue;
        }
        if let Some(header) = header::detect(&lines, i) {
            let (rows, next, diagnostics) = rows::read(&lines, &header);
            scan.diagnostics.extend(diagnostics);
            if !rows.is_empty() {
                let caption = pending.take().map(|(caption, _, _)| caption);
                add_table(&mut scan.tables, caption, header, rows);
                i = next.max(i + 1);
                continue;
            }
            // A header with nothing readable under it: said once for the block, by its lines.
            if header.columns.len() >= UNREAD_HEADER_COLUMNS && header.span[0] >= unread_until {
                unread_until = header.span[1];
                let (first, last) = (header.first_line + 1, header.end_line);
                scan.diagnostics.push(
                    Diagnostic::warning(
                        "table.unread_rows",
                        format!(
                            "lines {first}–{last} read as a table header of {} columns, but no row under it could be read",
                            header.columns.len()
                        ),
                    )
                    .at(header.span),
                );
            }
        } else if let Some(found) = words::detect(&lines, i)
            && let Some((header, rows, next, diagnostics)) = unseparated::read(&lines, &found)
        {
            scan.diagnostics.extend(diagnostics);
            let caption = pending.take().map(|(caption, _, _)| caption);
            add_table(&mut scan.tables, caption, header, rows);
            i = next.max(i + 1);
            continue;
        } else if stream::starts_headerless(&lines, i)
            && let Some((header, rows, next, diagnostics)) = headerless_stream(&lines, i)
        {
            scan.diagnostics.extend(diagnostics);
            let caption = pending.take().map(|(caption, _, _)| caption);
            add_table(&mut scan.tables, caption, header, rows);
            i = next.max(i + 1);
            continue;
        }
        pending = match pending.take() {
            // A paragraph of prose between a caption and a header: the caption's table was
            // not text (an image), and the header below belongs to another table.
            Some((caption, span, seen)) if seen < CAPTION_REACH && !rows::is_prose(line.text) => {
                Some((caption, span, seen + 1))
            }
            earlier => {
                note_caption_without_table(&mut scan, earlier);
                None
            }
        };
        i += 1;
    }
    note_caption_without_table(&mut scan, pending);
    drop_cut_row(text, &mut scan);
    attach_abbreviations(&lines, &mut scan.tables);
    scan
}

/// Most non-blank lines between a table and the abbreviation note that belongs to it.
const NOTE_REACH: usize = 3;

/// Gives each table the abbreviations that the notes under it define.
fn attach_abbreviations(lines: &[lines::Line], tables: &mut [Table]) {
    for table in tables.iter_mut() {
        let end = table.span()[1];
        let after = lines.iter().position(|l| l.start >= end).unwrap_or(lines.len());
        for line in lines[after..].iter().filter(|l| !l.is_blank()).take(NOTE_REACH) {
            table.abbreviations.extend(rows::abbreviations(line.text));
        }
    }
}

/// A text that ends inside a table's last row (an excerpt cut at a byte count, a download
/// that stopped) leaves that row incomplete: where the text ends with no line end right after
/// the row, and the row fills fewer cells than the others or its last cell is the start of
/// another row's cell there (`Compl` under `Completed`), the row is left out with a warning.
fn drop_cut_row(text: &str, scan: &mut TableScan) {
    let Some(table) = scan.tables.last_mut() else { return };
    if text.ends_with(['\n', '\r']) || table.rows.len() < 2 {
        return;
    }
    let last = &table.rows[table.rows.len() - 1];
    if !text[last.span[1]..].trim().is_empty() {
        return;
    }
    let others = &table.rows[..table.rows.len() - 1];
    let filled = |row: &Row| row.cells.iter().flatten().count();
    let fewer = others.iter().map(filled).max().is_some_and(|most| filled(last) < most);
    let column = last.cells.iter().rposition(Option::is_some);
    let cut_word = column.is_some_and(|k| {
        let tail = last.cells[k].as_ref().map_or("", |c| c.text.as_str());
        others.iter().any(|row| {
            row.cells
                .get(k)
                .and_then(Option::as_ref)
                .is_some_and(|c| c.text.len() > tail.len() && c.text.starts_with(tail))
        })
    });
    if fewer || cut_word {
        let span = last.span;
        table.rows.pop();
        table.cut_row = Some(span);
        scan.diagnostics.push(
            Diagnostic::warning(
                "table.cut_row",
                "the text ends inside the table's last row; the incomplete row was left out".to_string(),
            )
            .at(span),
        );
    }
}

/// Most lines a caption may wrap over.
const MAX_CAPTION_LINES: usize = 2;

/// The caption starting at line `i`, its span and the number of lines it takes. A caption
/// may wrap onto a second line; a paragraph that goes on longer, or holds a sentence end
/// inside, is prose that happens to begin with a table label (`Table 4 summarises …`).
fn caption_at(lines: &[lines::Line], i: usize) -> Option<(Caption, Span, usize)> {
    let mut found = caption::parse(&lines[i])?;
    let first = lines[i].trimmed();
    let wrapped: Vec<&lines::Line> = lines[i + 1..]
        .iter()
        .enumerate()
        .take_while(|&(k, l)| {
            !l.is_blank()
                && caption::parse(l).is_none()
                && header::detect(lines, i + 1 + k).is_none()
                && words::detect(lines, i + 1 + k).is_none()
        })
        .map(|(_, l)| l)
        .collect();
    if wrapped.len() >= MAX_CAPTION_LINES {
        return None;
    }
    // A label alone on its line (`Table 1.`) with its title after a blank line, as web pages
    // put them.
    if found.text.is_empty() && wrapped.is_empty() {
        let next = (i + 1..lines.len().min(i + 4)).find(|&k| !lines[k].is_blank());
        if let Some(k) = next
            && caption::parse(&lines[k]).is_none()
            && header::detect(lines, k).is_none()
            && words::detect(lines, k).is_none()
            && lines[k].text.trim().chars().count() <= caption::MAX_CAPTION_CHARS
            && !rows::is_prose(lines[k].text)
        {
            let title = lines[k].trimmed();
            found.text = title.text.trim().to_string();
            found.cell_phrase = caption::cell_phrase(&found.text);
            return Some((found, [first.start, title.end], k - i + 1));
        }
    }
    let mut end = first.end;
    for line in &wrapped {
        found.text = format!("{} {}", found.text, line.trimmed().text).trim().to_string();
        end = line.trimmed().end;
    }
    let inner_sentence_end = |text: &str| {
        let text = text.trim_end_matches(['.', '。']);
        text.contains('。')
            || text.match_indices(". ").any(|(at, _)| text[at + 2..].starts_with(|c: char| c.is_uppercase()))
    };
    if inner_sentence_end(&found.text) {
        return None;
    }
    if !wrapped.is_empty() {
        found.cell_phrase = caption::cell_phrase(&found.text);
    }
    Some((found, [first.start, end], 1 + wrapped.len()))
}

/// A table of pipe-ended cells with no header above it (an excerpt that starts below the
/// header): its columns inferred from what the cells read as, said in an `info` diagnostic.
fn headerless_stream(lines: &[lines::Line], i: usize) -> Option<(header::Header, Vec<Row>, usize, Vec<Diagnostic>)> {
    let (cells, next) = stream::cells(lines, i);
    let columns = stream::infer_columns(&cells)?;
    let (rows, partial) = stream::rows(&cells, columns.len());
    if rows.len() < 2 {
        return None;
    }
    let start = lines[i].trimmed().start;
    let span = [start, start];
    let roles: Vec<String> = columns.iter().map(|c| c.role.map_or("text", Role::name).to_string()).collect();
    let mut diagnostics = vec![
        Diagnostic::info(
            "table.no_header",
            format!(
                "a table without a header: {} columns inferred from their cells ({})",
                columns.len(),
                roles.join(", ")
            ),
        )
        .at(span),
    ];
    if partial > 0 {
        let end = lines[next.saturating_sub(1).max(i)].trimmed().end;
        diagnostics.push(
            Diagnostic::warning(
                "table.incomplete_row",
                format!(
                    "the table's last row ends after {partial} of its {} cells; the partial row was dropped",
                    columns.len()
                ),
            )
            .at([rows.last().map_or(start, |r| r.span[1]), end]),
        );
    }
    let header = header::Header { layout: Layout::Pipe, columns, first_line: i, end_line: i, span, contiguous: true };
    Some((header, rows, next, diagnostics))
}

/// Fewest rows whose numbering `1, 2, 3 …` tells a row-number column.
const MIN_NUMBERED_ROWS: usize = 3;

/// Roles that the rows' cells correct: a column of patient counts whose cells number the rows
/// (`No.` over `1, 2, 3 …`) is a row-number column, with no role.
fn settle_roles(columns: &mut [Column], rows: &[Row]) {
    for (k, column) in columns.iter_mut().enumerate() {
        if column.role != Some(Role::NPatients) || rows.len() < MIN_NUMBERED_ROWS {
            continue;
        }
        let numbers = rows.iter().enumerate().all(|(r, row)| {
            row.cells
                .get(k)
                .and_then(Option::as_ref)
                .is_some_and(|c| c.text.trim().trim_end_matches('.') == (r + 1).to_string())
        });
        if numbers {
            column.role = None;
        }
    }
}

/// Adds a table, or continues the previous one when its caption says so (`续表 1`,
/// `Table 1 (continued)`) and the columns are the same.
fn add_table(tables: &mut Vec<Table>, caption: Option<Caption>, mut header: header::Header, rows: Vec<Row>) {
    settle_roles(&mut header.columns, &rows);
    if let (Some(previous), Some(caption)) = (tables.last_mut(), caption.as_ref()) {
        let same_table = caption.continued
            && previous.caption.as_ref().is_some_and(|c| c.number == caption.number)
            && previous.columns.iter().map(|c| c.role).eq(header.columns.iter().map(|c| c.role));
        if same_table {
            previous.rows.extend(rows);
            return;
        }
    }
    tables.push(Table {
        index: tables.len() + 1,
        caption,
        layout: header.layout,
        columns: header.columns,
        header_span: header.span,
        rows,
        cut_row: None,
        abbreviations: Vec::new(),
    });
}

/// A caption with no table under it (the table may be an image): said, not dropped silently.
fn note_caption_without_table(scan: &mut TableScan, pending: Option<(Caption, Span, usize)>) {
    if let Some((caption, span, _)) = pending {
        let message =
            format!("caption '{}' is not followed by a table in the text (it may be an image)", caption.label);
        scan.diagnostics.push(Diagnostic::info("table.no_rows", message).at(span));
    }
}

#[cfg(test)]
mod tests;
