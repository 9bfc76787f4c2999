//! Tables rebuilt from geometry.
//!
//! A table is found between horizontal rules of (nearly) the same extent whose bands hold
//! column-structured text: three-line (booktabs) tables and fully ruled grids alike. Columns come
//! from vertical rules where there are any, else from x gaps that every body row leaves open.
//! Rows come from the horizontal rules of a grid, else from the whitespace bands between rows
//! (wrapped cells overlap their row's other cells vertically, whether top-aligned or centred).
//! The caption is the run of lines just above the top rule that starts with `表 N` / `Table N`;
//! the notes are the smaller lines just below the bottom rule.
//!
//! Tables without rules are read down from their caption while rows stand in columns, across a
//! page's column gutter when the rows run across it; a row whose cells are set too close to
//! part (one fragment) is split where the other rows' cells start, and a section row set apart
//! above the rows it heads is kept.

use crate::chars::unspaced;
use crate::geometry::Rule;
use crate::hyphen::LINE_END_HYPHEN;
use crate::lines::{Line, baseline_groups, glyphs_text, median, words};

/// Collinear rule pieces closer than this (points) are one rule.
const RULE_JOIN_GAP: f64 = 2.0;
/// Rules whose positions differ by less than this (points) are the same rule drawn twice.
const RULE_SAME_POSITION: f64 = 1.2;
/// Two rules bound one band when each covers this share of the other's extent.
const RULE_EXTENT_OVERLAP: f64 = 0.8;
/// A rule shorter than this many font sizes is a footnote rule or an underline, not a table rule.
const MIN_TABLE_RULE_EM: f64 = 12.0;
/// An x gap at least this many font sizes wide, open in every body row, separates columns.
const MIN_COLUMN_GAP_EM: f64 = 0.9;
/// A band whose fragments are mostly at least this wide (in font sizes) is running prose.
const PROSE_FRAGMENT_EM: f64 = 12.0;
/// How far (in font sizes) the caption may sit above the top rule, and the notes below the bottom.
const CAPTION_REACH_EM: f64 = 2.5;
const NOTES_REACH_EM: f64 = 1.5;
/// A caption's pieces stand closer than this many font sizes; farther text is another column's.
const MAX_CAPTION_GAP_EM: f64 = 3.0;
/// A line fragment at least this many font sizes wide is running text, not a table cell.
const RUNNING_TEXT_EM: f64 = 20.0;
/// At most this many lines of caption.
const MAX_CAPTION_ROWS: usize = 4;

/// A table as it will be written: caption lines, rows of cells (the header first), note lines.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub caption: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub notes: Vec<String>,
    /// Bounds of everything the table took (caption and notes included).
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Table {
    /// Caption lines, one TAB-separated line a row, a blank line, then the notes.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for line in &self.caption {
            out.push_str(line);
            out.push('\n');
        }
        for row in &self.rows {
            out.push_str(&row.join("\t"));
            out.push('\n');
        }
        if !self.notes.is_empty() {
            out.push('\n');
            out.push_str(&join_wrapped(self.notes.iter().map(String::as_str)));
            out.push('\n');
        }
        out
    }
}

/// Joins wrapped pieces of one cell or paragraph: next to CJK without a space, Latin with one, and a
/// hyphen at a line end between lower-case letters marked as [`LINE_END_HYPHEN`] (`treat-` +
/// `ment`), for [`crate::hyphen::Vocabulary::resolve`] to decide; a URL or DOI broken after a
/// slash or a hyphen joins without a space.
pub fn join_wrapped<'a>(pieces: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for piece in pieces.map(str::trim).filter(|p| !p.is_empty()) {
        let (Some(last), Some(first)) = (out.chars().last(), piece.chars().next()) else {
            out.push_str(piece);
            continue;
        };
        if last == '-' {
            // A word broken at the line end, or a compound: decided once the document's words
            // are known (see `hyphen`).
            let before = out.chars().rev().nth(1);
            if before.is_some_and(char::is_lowercase) && first.is_lowercase() {
                out.pop();
                out.push(LINE_END_HYPHEN);
            }
        } else if last == LINE_END_HYPHEN || last == '/' {
            // The PDF marked its own hyphenation point; a URL or DOI broken after a slash.
        } else if !unspaced(last) && !unspaced(first) {
            // Only Latin meets Latin with a space: a line break next to CJK text is no word gap.
            out.push(' ');
        }
        out.push_str(piece);
    }
    out
}

/// Whether a line opens a table caption: `表 1`, `Table 2`, `TABLE III`, `Tab. 4`, `附表 1`.
pub fn is_table_caption(text: &str) -> bool {
    let text = text.trim_start();
    let rest =
        ["附表", "续表", "表", "Table", "TABLE", "Tab.", "Tab"].iter().find_map(|prefix| text.strip_prefix(prefix));
    rest.is_some_and(|rest| {
        let rest = rest.trim_start();
        rest.starts_with(|c: char| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X' | 'S'))
    })
}

/// The number a table caption gives its table (`Table 3.` → `3`, `续表 2` → `2`, `Table S1` → `S1`).
pub fn table_number(caption: &str) -> Option<&str> {
    let text = caption.trim_start();
    let rest =
        ["附表", "续表", "表", "Table", "TABLE", "Tab.", "Tab"].iter().find_map(|p| text.strip_prefix(p))?.trim_start();
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric())).unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Whether a table caption says the table goes on from an earlier page (`Table 3 (continued)`,
/// `Table 1. Cont'd`, `续表 2`).
pub fn says_continued(caption: &str) -> bool {
    static CONTINUED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)^\s*续表|\b(?:continued|cont(?:'|’)?d|cont)\b\.?").expect("valid pattern")
    });
    is_table_caption(caption) && CONTINUED.is_match(caption)
}

/// Whether a line opens a figure caption: `Fig. 1`, `Figure 2`, `FIGURE 3`, `图 4`.
pub fn is_figure_caption(text: &str) -> bool {
    let text = text.trim_start();
    let rest = ["Figure", "FIGURE", "Fig.", "FIG.", "Fig", "图"].iter().find_map(|prefix| text.strip_prefix(prefix));
    rest.is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// Merges collinear pieces and duplicates: (horizontal, vertical) rules.
pub fn merge_rules(rules: &[Rule]) -> (Vec<Rule>, Vec<Rule>) {
    let (mut horizontal, mut vertical): (Vec<Rule>, Vec<Rule>) = rules.iter().partition(|r| r.is_horizontal());
    // Vertical rules as horizontal ones with the axes swapped, so one merge serves both.
    let swap = |r: &Rule| Rule { x0: r.y0, y0: r.x0, x1: r.y1, y1: r.x1 };
    vertical = vertical.iter().map(swap).collect();
    let merged_h = merge_horizontal(&mut horizontal);
    let merged_v = merge_horizontal(&mut vertical).iter().map(swap).collect();
    (merged_h, merged_v)
}

fn merge_horizontal(rules: &mut [Rule]) -> Vec<Rule> {
    rules.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    let mut merged: Vec<Rule> = Vec::new();
    for rule in rules.iter() {
        let joined = merged
            .iter_mut()
            .rev()
            .take_while(|m| rule.y0 - m.y0 <= RULE_SAME_POSITION)
            .find(|m| rule.x0 <= m.x1 + RULE_JOIN_GAP && rule.x1 >= m.x0 - RULE_JOIN_GAP);
        match joined {
            Some(m) => {
                m.x0 = m.x0.min(rule.x0);
                m.x1 = m.x1.max(rule.x1);
            }
            None => merged.push(*rule),
        }
    }
    merged
}

/// Lines whose centre lies in the box.
fn lines_in(lines: &[Line], used: &[bool], x0: f64, x1: f64, top: f64, bottom: f64) -> Vec<usize> {
    (0..lines.len())
        .filter(|&i| {
            let l = &lines[i];
            let centre = (l.x0 + l.x1) / 2.0;
            !used[i] && centre >= x0 && centre <= x1 && l.baseline > top && l.baseline < bottom
        })
        .collect()
}

fn median_size(lines: &[Line], indices: &[usize]) -> f64 {
    median(indices.iter().map(|&i| lines[i].size).collect()).unwrap_or(10.0)
}

/// Column intervals from glyph extents: x ranges separated by gaps of at least `min_gap`.
pub fn projection_columns(lines: &[Line], indices: &[usize], min_gap: f64) -> Vec<(f64, f64)> {
    let mut spans: Vec<(f64, f64)> =
        indices.iter().flat_map(|&i| lines[i].glyphs.iter().map(|g| (g.x, g.right()))).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut columns: Vec<(f64, f64)> = Vec::new();
    for (x0, x1) in spans {
        match columns.last_mut() {
            Some(last) if x0 < last.1 + min_gap => last.1 = last.1.max(x1),
            _ => columns.push((x0, x1)),
        }
    }
    columns
}

/// Boundaries between columns: the interior vertical rules, or the middles of the open gaps.
fn column_boundaries(lines: &[Line], body: &[usize], verticals: &[Rule], region: Region, size: f64) -> Vec<f64> {
    let Region { x0, x1, top, bottom } = region;
    let height = bottom - top;
    let mut from_rules: Vec<f64> = verticals
        .iter()
        .filter(|v| v.x0 > x0 + 3.0 && v.x0 < x1 - 3.0)
        .filter(|v| (v.y1.min(bottom) - v.y0.max(top)) >= 0.5 * height)
        .map(|v| v.x0)
        .collect();
    if !from_rules.is_empty() {
        from_rules.sort_by(f64::total_cmp);
        from_rules.dedup_by(|a, b| (*a - *b).abs() < RULE_JOIN_GAP);
        return from_rules;
    }
    // Lines across a cell start of the other rows (a spanning cell, cells set too close to be
    // told apart by their gap) would close the gap between two columns.
    let starts = cell_starts(lines, body);
    let within: Vec<usize> = body.iter().copied().filter(|&i| !spans_a_cell_start(&lines[i], &starts)).collect();
    let basis = if within.len() * 2 >= body.len() { &within } else { body };
    let columns = projection_columns(lines, basis, MIN_COLUMN_GAP_EM * size);
    // A gap too narrow for the projection still parts two columns where cells start at one x
    // beside others.
    let mut boundaries = Vec::new();
    for (k, column) in columns.iter().enumerate() {
        if k > 0 {
            boundaries.push((columns[k - 1].1 + column.0) / 2.0);
        }
        boundaries.extend(
            starts
                .iter()
                .filter(|&&s| s > column.0 + CELL_START_TOLERANCE && s < column.1)
                .map(|&s| s - CELL_START_TOLERANCE),
        );
    }
    boundaries
}

/// Where the cells of the rows start: the left edges of fragments that stand right of another
/// fragment of their row (not the first column's indents), shared by at least
/// `MIN_SHARED_STARTS` rows.
fn cell_starts(lines: &[Line], members: &[usize]) -> Vec<f64> {
    let mut edges: Vec<f64> = Vec::new();
    for row in baseline_groups(lines, members.to_vec()) {
        let first = row.iter().map(|&i| lines[i].x0).fold(f64::INFINITY, f64::min);
        edges.extend(row.iter().map(|&i| lines[i].x0).filter(|&x| x > first));
    }
    edges.sort_by(f64::total_cmp);
    let mut clusters: Vec<(f64, usize)> = Vec::new();
    for x in edges {
        match clusters.last_mut() {
            Some((first, n)) if x - *first <= CELL_START_TOLERANCE => *n += 1,
            _ => clusters.push((x, 1)),
        }
    }
    clusters.into_iter().filter(|&(_, n)| n >= MIN_SHARED_STARTS).map(|(x, _)| x).collect()
}

/// Whether a fragment runs across one of the cell starts (by more than half an em).
fn spans_a_cell_start(line: &Line, starts: &[f64]) -> bool {
    starts.iter().any(|&s| s > line.x0 + 0.5 * line.size && s < line.x1 - 0.5 * line.size)
}

/// Whether a fragment is several cells of its row set too close to be cut at their gap: it
/// runs across at least two cell starts of the other rows, and a word begins at each of them.
fn is_merged_cells(line: &Line, starts: &[f64]) -> bool {
    let inside: Vec<f64> =
        starts.iter().copied().filter(|&s| s > line.x0 + 0.5 * line.size && s < line.x1 - 0.5 * line.size).collect();
    inside.len() >= 2
        && inside.iter().all(|&s| words(&line.glyphs).iter().any(|word| (word[0].x - s).abs() <= CELL_START_TOLERANCE))
}

/// A fragment this many font sizes long beyond the gutter is running text of the other column.
const OTHER_COLUMN_TEXT_EM: f64 = 12.0;
/// A table read across a page's column gutter has at least this many rows (text in the other
/// column breaks a run that should have stayed on one side at once).
const MIN_ROWS_ACROSS: usize = 3;
/// Rows below a wide fragment whose cell starts also tell whether it is merged cells (a header
/// set close comes before the body rows that show where the cells start).
const MERGED_ROW_LOOKAHEAD: usize = 8;
/// Fragments whose left edges differ by at most this (points) start at one cell edge.
const CELL_START_TOLERANCE: f64 = 1.5;
/// A cell start is shared by at least this many fragments.
const MIN_SHARED_STARTS: usize = 3;

/// Whether the text between two rules is laid out in columns (and is not running prose).
fn is_tabular(lines: &[Line], inside: &[usize], verticals: &[Rule], region: Region) -> bool {
    let Region { x0, x1, top, bottom } = region;
    if inside.is_empty() {
        return false;
    }
    let size = median_size(lines, inside);
    let wide = inside.iter().filter(|&&i| lines[i].x1 - lines[i].x0 >= PROSE_FRAGMENT_EM * lines[i].size).count();
    if wide * 10 >= inside.len() * 6 && inside.len() > 4 {
        return false;
    }
    let boundaries = column_boundaries(lines, inside, verticals, region, size);
    let ruled = verticals.iter().any(|v| v.x0 > x0 + 3.0 && v.x0 < x1 - 3.0 && v.y0 < bottom && v.y1 > top);
    boundaries.len() >= if ruled { 1 } else { 2 }
}

/// Rows of a table body as groups of line indices, top to bottom.
///
/// Lines whose boxes overlap vertically share a row. Where the gaps between such bands come in two
/// sizes, only the larger ones separate rows: the smaller ones are the line gaps inside cells
/// (a cell wrapped over three lines beside centred one-line cells leaves such gaps).
fn whitespace_rows(lines: &[Line], indices: &[usize], first_column_end: f64) -> Vec<Vec<usize>> {
    let mut sorted: Vec<usize> = indices.to_vec();
    sorted.sort_by(|&a, &b| lines[a].top().total_cmp(&lines[b].top()));
    let mut bands: Vec<(f64, f64, Vec<usize>)> = Vec::new();
    for i in sorted {
        let line = &lines[i];
        match bands.last_mut() {
            Some((_, bottom, members)) if line.top() < *bottom + 0.05 * line.size => {
                *bottom = bottom.max(line.bottom());
                members.push(i);
            }
            _ => bands.push((line.top(), line.bottom(), vec![i])),
        }
    }
    let size = median_size(lines, indices);
    let gaps: Vec<f64> = bands.windows(2).map(|w| w[1].0 - w[0].1).collect();
    let smallest = gaps.iter().copied().fold(f64::INFINITY, f64::min);
    let largest = gaps.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let row_gap = if largest >= 1.5 * smallest + 0.1 * size { 1.3 * smallest + 0.1 * size } else { f64::NEG_INFINITY };
    let mut rows: Vec<(f64, Vec<usize>)> = Vec::new();
    for (k, (_, bottom, members)) in bands.into_iter().enumerate() {
        match rows.last_mut() {
            Some((row_bottom, row)) if gaps[k - 1] < row_gap => {
                *row_bottom = row_bottom.max(bottom);
                row.extend(members);
            }
            _ => rows.push((bottom, members)),
        }
    }
    // A band that leaves the first column empty and follows closely continues the row above
    // (top-aligned rows whose wrapped cells run on).
    let mut merged: Vec<(f64, Vec<usize>)> = Vec::new();
    for (bottom, members) in rows {
        let top = members.iter().map(|&i| lines[i].top()).fold(f64::INFINITY, f64::min);
        let size = members.iter().map(|&i| lines[i].size).fold(0.0, f64::max);
        let in_first_column =
            members.iter().any(|&i| lines[i].glyphs.iter().any(|g| g.x + g.width / 2.0 < first_column_end));
        match merged.last_mut() {
            Some((prev_bottom, prev)) if !in_first_column && top - *prev_bottom <= 0.5 * size => {
                *prev_bottom = prev_bottom.max(bottom);
                prev.extend(members);
            }
            _ => merged.push((bottom, members)),
        }
    }
    merged.into_iter().map(|(_, members)| members).collect()
}

/// The cells of one row: each column's glyphs, line by line, joined as wrapped text.
fn row_cells(lines: &[Line], members: &[usize], boundaries: &[f64], starts: &[f64]) -> Vec<String> {
    let mut ordered: Vec<usize> = members.to_vec();
    ordered.sort_by(|&a, &b| lines[a].baseline.total_cmp(&lines[b].baseline).then(lines[a].x0.total_cmp(&lines[b].x0)));
    let columns = boundaries.len() + 1;
    let mut pieces: Vec<Vec<String>> = vec![Vec::new(); columns];
    for i in ordered {
        let mut per_column: Vec<Vec<crate::Glyph>> = vec![Vec::new(); columns];
        let column_of = |x: f64| boundaries.iter().take_while(|&&b| x > b).count();
        let merged = is_merged_cells(&lines[i], starts);
        let mut cell: Option<usize> = None;
        for word in words(&lines[i].glyphs) {
            // Cells set too close to part: each runs from a word at a cell start to the next.
            if merged && starts.iter().any(|&s| (word[0].x - s).abs() <= CELL_START_TOLERANCE) {
                cell = Some(column_of(word[0].x + 0.5));
            }
            // Else a Latin word goes whole to the column it starts in (a label set close to its
            // value); CJK text, written without spaces, glyph by glyph.
            let cjk = word.iter().any(|g| g.text.chars().any(unspaced));
            for glyph in word {
                let column = match cell {
                    Some(c) => c,
                    None if cjk => column_of(glyph.x + glyph.width / 2.0),
                    None => column_of(word[0].x + 0.5),
                };
                per_column[column].push(glyph.clone());
            }
        }
        for (column, glyphs) in per_column.into_iter().enumerate() {
            if !glyphs.is_empty() {
                pieces[column].push(glyphs_text(&glyphs));
            }
        }
    }
    pieces.iter().map(|p| join_wrapped(p.iter().map(String::as_str))).collect()
}

/// A row whose one fragment is one cell, in the column where it starts.
fn spanning_row(lines: &[Line], line: usize, boundaries: &[f64]) -> Vec<String> {
    let mut cells = vec![String::new(); boundaries.len() + 1];
    let column = boundaries.iter().take_while(|&&b| lines[line].x0 + 0.5 > b).count();
    cells[column] = lines[line].text();
    cells
}

pub(crate) fn group_text(lines: &[Line], group: &[usize]) -> String {
    group.iter().map(|&i| lines[i].text()).collect::<Vec<_>>().join(" ")
}

/// Finds the ruled tables of a page. Returns them and marks the lines they took in `used`.
pub fn find_tables(lines: &[Line], rules: &[Rule], used: &mut [bool]) -> Vec<Table> {
    let (horizontal, vertical) = merge_rules(rules);
    let all: Vec<usize> = (0..lines.len()).collect();
    let page_size = median_size(lines, &all);
    let long: Vec<Rule> = horizontal.into_iter().filter(|r| r.length() >= MIN_TABLE_RULE_EM * page_size).collect();

    // Bands between each rule and the next one below it with the same extent.
    let overlaps = |a: &Rule, b: &Rule| {
        let common = a.x1.min(b.x1) - a.x0.max(b.x0);
        common >= RULE_EXTENT_OVERLAP * (a.x1 - a.x0) && common >= RULE_EXTENT_OVERLAP * (b.x1 - b.x0)
    };
    let mut tables_rules: Vec<Vec<Rule>> = Vec::new();
    for (i, upper) in long.iter().enumerate() {
        let Some(lower) = long[i + 1..].iter().find(|r| r.y0 - upper.y0 > RULE_SAME_POSITION && overlaps(upper, r))
        else {
            continue;
        };
        let (x0, x1) = (upper.x0.min(lower.x0), upper.x1.max(lower.x1));
        let inside = lines_in(lines, used, x0 - 1.0, x1 + 1.0, upper.y0, lower.y0);
        if !is_tabular(lines, &inside, &vertical, Region { x0, x1, top: upper.y0, bottom: lower.y0 }) {
            continue;
        }
        match tables_rules.last_mut() {
            Some(chain)
                if chain.last().is_some_and(|r| (r.y0 - upper.y0).abs() < RULE_SAME_POSITION && overlaps(r, upper)) =>
            {
                chain.push(*lower)
            }
            _ => tables_rules.push(vec![*upper, *lower]),
        }
    }

    let mut tables = Vec::new();
    for chain in tables_rules {
        if let Some(table) = build_table(lines, used, &chain, &vertical, page_size) {
            tables.push(table);
        }
    }
    tables
}

fn build_table(lines: &[Line], used: &mut [bool], chain: &[Rule], verticals: &[Rule], page_size: f64) -> Option<Table> {
    let x0 = chain.iter().map(|r| r.x0).fold(f64::INFINITY, f64::min);
    let x1 = chain.iter().map(|r| r.x1).fold(f64::NEG_INFINITY, f64::max);
    let region = Region { x0, x1, top: chain[0].y0, bottom: chain[chain.len() - 1].y0 };
    let bands: Vec<Vec<usize>> = chain
        .windows(2)
        .map(|w| lines_in(lines, used, x0 - 1.0, x1 + 1.0, w[0].y0, w[1].y0))
        .filter(|band| !band.is_empty())
        .collect();
    let mut bands = bands;
    let mut table = rows_and_columns(lines, &bands, verticals, region)?;
    if table.rows.len() == 1 {
        // Only a header between the rules (no bottom rule): the body runs on below the last rule.
        let below: Vec<usize> = lines_in(lines, used, x0 - 1.0, x1 + 1.0, region.bottom, f64::INFINITY);
        let start = Run { x0, x1, edge: region.bottom, rows: Vec::new() };
        let header = bands.concat();
        let size = median_size(lines, &header);
        let bounds = column_boundaries(lines, &header, verticals, region, size);
        let run = columnar_run(lines, &baseline_groups(lines, below), start, size, false, Some(&bounds));
        if !run.rows.is_empty() {
            bands.push(run.rows.concat());
            let extended = Region { bottom: run.edge, ..region };
            table = rows_and_columns(lines, &bands, verticals, extended)?;
        }
    }
    for &i in bands.iter().flatten() {
        used[i] = true;
    }
    attach_caption(lines, used, &mut table);
    attach_notes(lines, used, &mut table, page_size);
    Some(table)
}

/// Where a table's cells are.
#[derive(Debug, Clone, Copy)]
struct Region {
    x0: f64,
    x1: f64,
    top: f64,
    bottom: f64,
}

/// The table of `bands` (line groups between rules; the first is the header when there are
/// several): column boundaries from the body, rows per band.
fn rows_and_columns(lines: &[Line], bands: &[Vec<usize>], verticals: &[Rule], region: Region) -> Option<Table> {
    let Region { x0, x1, top, bottom } = region;
    let everything: Vec<usize> = bands.iter().flatten().copied().collect();
    if everything.is_empty() {
        return None;
    }
    let size = median_size(lines, &everything);
    let body: Vec<usize> =
        if bands.len() >= 2 { bands[1..].iter().flatten().copied().collect() } else { everything.clone() };
    let boundaries = column_boundaries(lines, &body, verticals, region, size);
    if boundaries.is_empty() {
        return None;
    }
    let grid =
        verticals.iter().any(|v| v.x0 > x0 + 3.0 && v.x0 < x1 - 3.0 && v.y0 < bottom && v.y1 > top) && bands.len() >= 3;
    let first_column_end = boundaries[0];
    let starts = cell_starts(lines, &body);
    let mut rows: Vec<Vec<String>> = Vec::new();
    for band in bands {
        let groups = if grid { vec![band.clone()] } else { whitespace_rows(lines, band, first_column_end) };
        for group in groups {
            // A row of one fragment across the columns that is not several cells set close is
            // one cell spanning them (a section row: `Complications of liver cirrhosis, n (%)`).
            let spanning = !grid && group.len() == 1 && !is_merged_cells(&lines[group[0]], &starts);
            rows.push(if spanning {
                spanning_row(lines, group[0], &boundaries)
            } else {
                row_cells(lines, &group, &boundaries, &starts)
            });
        }
    }
    Some(Table { rows, x0, x1, top, bottom, ..Table::default() })
}

/// Tables without rules, found from their caption: the rows below a `表 N` / `Table N` line
/// whose fragments stand in columns, up to the first row of running text or a wide gap.
///
/// `gutter`: the x of the page's column gutter, if it has one; a caption on one side of it takes
/// rows from that side only.
pub fn find_unruled_tables(lines: &[Line], used: &mut [bool], gutter: Option<f64>) -> Vec<Table> {
    let mut captions: Vec<usize> =
        (0..lines.len()).filter(|&i| !used[i] && is_table_caption(&lines[i].text())).collect();
    captions.sort_by(|&a, &b| lines[a].baseline.total_cmp(&lines[b].baseline));
    let mut tables = Vec::new();
    for caption in captions {
        if used[caption] {
            continue;
        }
        let c = &lines[caption];
        let same_side = |i: usize| match gutter {
            Some(g) if c.x1 <= g => lines[i].x1 <= g + 1.0,
            Some(g) if c.x0 >= g => lines[i].x0 >= g - 1.0,
            _ => true,
        };
        let table_from = |one_side: bool| {
            let candidates: Vec<usize> = (0..lines.len())
                .filter(|&i| !used[i] && (!one_side || same_side(i)) && lines[i].baseline >= c.baseline - 0.3 * c.size)
                .collect();
            let groups = baseline_groups(lines, candidates);
            let at = groups.iter().position(|g| g.contains(&caption))?;
            unruled_table_at(lines, &groups, at, caption)
        };
        // A table across the page's columns (its caption stands on the left all the same) has
        // rows that run across the gutter; else the table is in the caption's column, and what
        // stands beyond the gutter beside its rows is the other column's running text.
        let across = gutter.and_then(|g| {
            let (table, taken) = table_from(false)?;
            let far = |i: usize| if c.x1 <= g { lines[i].x0 >= g } else { lines[i].x1 <= g };
            let text_beyond = taken
                .iter()
                .filter(|&&i| far(i) && lines[i].x1 - lines[i].x0 >= OTHER_COLUMN_TEXT_EM * lines[i].size)
                .count();
            (table.rows.len() >= MIN_ROWS_ACROSS && text_beyond < 2).then_some((table, taken))
        });
        if let Some((table, taken)) = across.or_else(|| table_from(true)) {
            for i in taken {
                used[i] = true;
            }
            tables.push(table);
        }
    }
    tables
}

/// The table under the caption fragment `caption` (in the row `groups[at]`), and the lines it took.
fn unruled_table_at(lines: &[Line], groups: &[Vec<usize>], at: usize, caption: usize) -> Option<(Table, Vec<usize>)> {
    let size = lines[caption].size;
    // The caption and what stands close to it in its row (not a neighbouring column's text).
    let mut caption_row: Vec<usize> = vec![caption];
    for &i in groups[at].iter().filter(|&&i| i != caption) {
        let near = caption_row.iter().any(|&j| {
            (lines[i].x0 - lines[j].x1).abs() <= MAX_CAPTION_GAP_EM * size
                || (lines[j].x0 - lines[i].x1).abs() <= MAX_CAPTION_GAP_EM * size
        });
        if near && lines[i].x0 > lines[caption].x0 {
            caption_row.push(i);
        }
    }
    let start = Run {
        x0: caption_row.iter().map(|&i| lines[i].x0).fold(f64::INFINITY, f64::min),
        x1: caption_row.iter().map(|&i| lines[i].x1).fold(f64::NEG_INFINITY, f64::max),
        edge: caption_row.iter().map(|&i| lines[i].bottom()).fold(f64::NEG_INFINITY, f64::max),
        rows: Vec::new(),
    };
    let run = columnar_run(lines, &groups[at + 1..], start, size, true, None);
    if run.rows.iter().filter(|g| g.len() >= 2).count() < 2 {
        return None;
    }
    let header: Vec<usize> = run.rows[0].clone();
    let body: Vec<usize> = run.rows[1..].iter().flatten().copied().collect();
    let region = Region { x0: run.x0, x1: run.x1, top: lines[header[0]].top(), bottom: run.edge };
    let mut table = rows_and_columns(lines, &[header.clone(), body.clone()], &[], region)?;
    if table.rows.first().is_none_or(|r| r.len() < 3) {
        return None;
    }
    table.caption.push(group_text(lines, &caption_row));
    table.top = lines[caption].top();
    let mut taken = caption_row;
    taken.extend(header);
    taken.extend(body);
    Some((table, taken))
}

/// Rows of a table read without rules, downwards from an edge.
#[derive(Debug, Clone)]
struct Run {
    x0: f64,
    x1: f64,
    /// Bottom of the last row taken.
    edge: f64,
    rows: Vec<Vec<usize>>,
}

/// Takes rows from `groups` (baseline rows, top to bottom) while they stand in columns (two
/// fragments or more) or continue a wrapped cell (one narrow fragment close below), up to a
/// wide gap, a row of running text or another caption. `from_caption`: the run must open with a
/// columnar row (a narrow line under a caption is more caption), and columnar rows widen it.
///
/// With `boundaries` (known column boundaries), a row with a fragment across one is no table row.
fn columnar_run(
    lines: &[Line],
    groups: &[Vec<usize>],
    mut run: Run,
    size: f64,
    from_caption: bool,
    boundaries: Option<&[f64]>,
) -> Run {
    for (k, group) in groups.iter().enumerate() {
        let straddles = boundaries.is_some_and(|bounds| {
            group.iter().any(|&i| bounds.iter().any(|&b| lines[i].x0 < b - 0.5 * size && lines[i].x1 > b + 0.5 * size))
        });
        if straddles {
            break;
        }
        let top = group.iter().map(|&i| lines[i].top()).fold(f64::INFINITY, f64::min);
        let gx0 = group.iter().map(|&i| lines[i].x0).fold(f64::INFINITY, f64::min);
        let gx1 = group.iter().map(|&i| lines[i].x1).fold(f64::NEG_INFINITY, f64::max);
        // A fragment may be the cells of its row set close, starting where the rows around start
        // theirs (asked only of a row of one fragment or with a wide one).
        let wide = |i: usize| lines[i].x1 - lines[i].x0 >= RUNNING_TEXT_EM * size;
        let starts = if group.len() < 2 || group.iter().any(|&i| wide(i)) {
            let running_text = |g: &&Vec<usize>| g.iter().any(|&i| wide(i));
            let ahead = groups[k + 1..].iter().take(MERGED_ROW_LOOKAHEAD).take_while(|g| !running_text(g));
            cell_starts(lines, &run.rows.iter().chain(ahead).flatten().copied().collect::<Vec<_>>())
        } else {
            Vec::new()
        };
        let merged = |i: usize| is_merged_cells(&lines[i], &starts);
        let columnar = group.len() >= 2 || group.iter().any(|&i| merged(i));
        // A fragment as wide as a column of running text is no cell.
        if group.iter().any(|&i| wide(i) && !merged(i)) {
            break;
        }
        let narrow = group.len() == 1 && gx1 - gx0 < 0.5 * (run.x1 - run.x0);
        let continuation = (!run.rows.is_empty() || !from_caption) && narrow && top - run.edge <= 0.8 * size;
        // A section row (`MELD score changes`) set apart above the columnar rows it heads.
        let section = !run.rows.is_empty()
            && narrow
            && gx0 <= run.x0 + 0.5 * size
            && groups.get(k + 1).is_some_and(|next| {
                let next_top = next.iter().map(|&i| lines[i].top()).fold(f64::INFINITY, f64::min);
                let bottom = group.iter().map(|&i| lines[i].bottom()).fold(f64::NEG_INFINITY, f64::max);
                next.len() >= 2 && next_top - bottom <= CAPTION_REACH_EM * size
            });
        if top - run.edge > CAPTION_REACH_EM * size
            || !(columnar || continuation || section)
            || is_table_caption(&group_text(lines, group))
        {
            break;
        }
        if columnar && from_caption {
            run.x0 = run.x0.min(gx0);
            run.x1 = run.x1.max(gx1);
        }
        run.rows.push(group.clone());
        run.edge = group.iter().map(|&i| lines[i].bottom()).fold(f64::NEG_INFINITY, f64::max);
    }
    run
}

/// The lines right above the table, from the one that opens a caption down to the top rule.
fn attach_caption(lines: &[Line], used: &mut [bool], table: &mut Table) {
    let above: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            !used[i] && lines[i].bottom() <= table.top + 1.0 && lines[i].x1 > table.x0 && lines[i].x0 < table.x1
        })
        .filter(|&i| {
            table.top - lines[i].bottom() <= (MAX_CAPTION_ROWS as f64 + CAPTION_REACH_EM) * 1.5 * lines[i].size
        })
        .collect();
    let groups = baseline_groups(lines, above);
    // Walk upwards while the rows stay close together.
    let mut chain: Vec<&Vec<usize>> = Vec::new();
    let mut edge = table.top;
    for group in groups.iter().rev() {
        let size = group.iter().map(|&i| lines[i].size).fold(0.0, f64::max);
        let group_bottom = group.iter().map(|&i| lines[i].bottom()).fold(f64::NEG_INFINITY, f64::max);
        let reach = if chain.is_empty() { CAPTION_REACH_EM } else { 1.0 };
        if edge - group_bottom > reach * size || chain.len() == MAX_CAPTION_ROWS {
            break;
        }
        chain.push(group);
        edge = group.iter().map(|&i| lines[i].top()).fold(f64::INFINITY, f64::min);
    }
    let Some(opening) = chain.iter().rposition(|g| is_table_caption(&group_text(lines, g))) else { return };
    for group in chain[..=opening].iter().rev() {
        table.caption.push(group_text(lines, group));
        for &i in group.iter() {
            used[i] = true;
            table.top = table.top.min(lines[i].top());
        }
    }
}

/// The smaller lines right below the bottom rule (abbreviations, sources, significance marks).
fn attach_notes(lines: &[Line], used: &mut [bool], table: &mut Table, page_size: f64) {
    let below: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            !used[i] && lines[i].top() >= table.bottom - 1.0 && lines[i].x1 > table.x0 && lines[i].x0 < table.x1
        })
        .filter(|&i| lines[i].top() - table.bottom <= 12.0 * lines[i].size)
        .collect();
    let mut edge = table.bottom;
    for group in baseline_groups(lines, below) {
        let size = group.iter().map(|&i| lines[i].size).fold(0.0, f64::max);
        let group_top = group.iter().map(|&i| lines[i].top()).fold(f64::INFINITY, f64::min);
        let text = group_text(lines, &group);
        let note_like =
            size < 0.95 * page_size || ["注", "Note", "NOTE", "Abbreviations", "*"].iter().any(|p| text.starts_with(p));
        let reach = if table.notes.is_empty() { NOTES_REACH_EM } else { 0.8 };
        if group_top - edge > reach * size || !note_like {
            break;
        }
        table.notes.push(text);
        for &i in &group {
            used[i] = true;
            table.bottom = table.bottom.max(lines[i].bottom());
        }
        edge = table.bottom;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::build_lines;
    use crate::lines::tests::word;

    #[test]
    fn table_numbers_and_continuations() {
        assert_eq!(table_number("Table 3. Clinical outcomes"), Some("3"));
        assert_eq!(table_number("续表 2 临床研究"), Some("2"));
        assert_eq!(table_number("Table S1 Baseline"), Some("S1"));
        assert!(says_continued("Table 3. continued"));
        assert!(says_continued("Table 1 (Continued)"));
        assert!(says_continued("Table 2. Cont'd"));
        assert!(says_continued("续表 2"));
        assert!(!says_continued("Table 1. Contrast agents used"));
        assert!(!says_continued("The trial continued for two years"));
    }

    #[test]
    fn wrapped_pieces_join_by_script() {
        assert_eq!(
            join_wrapped(["酒精肝及不明原因导致的终", "末期肝病"].into_iter()),
            "酒精肝及不明原因导致的终末期肝病"
        );
        assert_eq!(join_wrapped(["Autologous bone", "marrow MSCs"].into_iter()), "Autologous bone marrow MSCs");
        assert_eq!(join_wrapped(["the treat-", "ment"].into_iter()), "the treat\u{AD}ment");
        assert_eq!(crate::hyphen::resolve_alone(&join_wrapped(["the treat-", "ment"].into_iter())), "the treatment");
        assert_eq!(join_wrapped(["G-CSF-", "mobilised"].into_iter()), "G-CSF-mobilised");
        assert_eq!(
            join_wrapped(["doi: 10.1136/", "bmjopen-2019-021234."].into_iter()),
            "doi: 10.1136/bmjopen-2019-021234."
        );
        assert_eq!(
            join_wrapped(["https://doi.org/10.1038/s41392-", "025-02318-4"].into_iter()),
            "https://doi.org/10.1038/s41392-025-02318-4"
        );
        assert_eq!(join_wrapped(["通过", "G-CSF动员"].into_iter()), "通过G-CSF动员");
    }

    #[test]
    fn captions_are_recognised() {
        assert!(is_table_caption("表 1 MSCs 治疗终末期肝病临床研究方案及主要结果"));
        assert!(is_table_caption("Table 2. Outcomes"));
        assert!(is_table_caption("TABLE IV Doses"));
        assert!(!is_table_caption("表明干细胞有效"));
        assert!(!is_table_caption("Tables are shown"));
    }

    #[test]
    fn collinear_and_doubled_rules_merge() {
        let rules = [
            Rule::horizontal(10.0, 50.0, 100.0),
            Rule::horizontal(50.5, 90.0, 100.3),
            Rule::horizontal(10.0, 90.0, 100.1),
            Rule::vertical(30.0, 100.0, 150.0),
            Rule::vertical(30.2, 150.5, 200.0),
        ];
        let (h, v) = merge_rules(&rules);
        assert_eq!(h.len(), 1);
        assert_eq!((h[0].x0, h[0].x1), (10.0, 90.0));
        assert_eq!(v.len(), 1);
        assert_eq!((v[0].y0, v[0].y1), (100.0, 200.0));
    }

    /// A three-line table: caption, top rule, header, mid rule, two rows (the first with a cell
    /// wrapped over two lines and the others centred on it), bottom rule, a note.
    fn three_line_table() -> (Vec<Line>, Vec<Rule>) {
        let s = 7.5;
        let mut glyphs = word("表 1 结果", 60.0, 20.0, 9.0);
        for (x, text) in [(10.0, "种类"), (80.0, "数量"), (150.0, "途径")] {
            glyphs.extend(word(text, x, 40.0, s));
        }
        glyphs.extend(word("肝衰竭", 10.0, 60.0, s));
        glyphs.extend(word("3.2×10", 80.0, 60.0, s));
        glyphs.extend(word("7", 80.0 + 6.0 * 3.75, 56.8, 5.0));
        glyphs.extend(word("外周静脉", 150.0, 55.0, s));
        glyphs.extend(word("注射", 150.0, 65.0, s));
        glyphs.extend(word("肝硬化", 10.0, 85.0, s));
        glyphs.extend(word("/", 80.0, 85.0, s));
        glyphs.extend(word("肝动脉", 150.0, 85.0, s));
        glyphs.extend(word("注: 数据", 10.0, 100.0, 6.0));
        let rules = vec![
            Rule::horizontal(5.0, 200.0, 28.0),
            Rule::horizontal(5.0, 200.0, 45.0),
            Rule::horizontal(5.0, 200.0, 92.0),
        ];
        (build_lines(glyphs), rules)
    }

    #[test]
    fn a_three_line_table_is_rebuilt_with_its_caption_and_notes() {
        let (lines, rules) = three_line_table();
        let mut used = vec![false; lines.len()];
        let tables = find_tables(&lines, &rules, &mut used);
        assert_eq!(tables.len(), 1);
        let table = &tables[0];
        assert_eq!(table.caption, ["表 1 结果"]);
        assert_eq!(
            table.rows,
            [["种类", "数量", "途径"], ["肝衰竭", "3.2×10⁷", "外周静脉注射"], ["肝硬化", "/", "肝动脉"]]
        );
        assert_eq!(table.notes, ["注: 数据"]);
        assert!(used.iter().all(|&u| u), "every line belongs to the table");
        assert_eq!(
            table.render(),
            "表 1 结果\n种类\t数量\t途径\n肝衰竭\t3.2×10⁷\t外周静脉注射\n肝硬化\t/\t肝动脉\n\n注: 数据\n"
        );
    }

    #[test]
    fn a_table_without_a_bottom_rule_runs_on_below_its_header_rule() {
        let (lines, mut rules) = three_line_table();
        rules.pop();
        let mut used = vec![false; lines.len()];
        let tables = find_tables(&lines, &rules, &mut used);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].rows.len(), 3, "{:?}", tables[0].rows);
        assert_eq!(tables[0].rows[2], ["肝硬化", "/", "肝动脉"]);
    }

    #[test]
    fn two_column_prose_under_a_ruled_header_row_stays_prose() {
        let mut glyphs = Vec::new();
        for (x, text) in [(10.0, "Vol 3"), (200.0, "Journal of Tests"), (420.0, "2026")] {
            glyphs.extend(word(text, x, 30.0, 9.0));
        }
        for row in 0..4 {
            let y = 60.0 + 12.0 * row as f64;
            glyphs.extend(word("left column prose that runs along", 10.0, y, 9.0));
            glyphs.extend(word("right column prose that runs along", 270.0, y, 9.0));
        }
        let rules = vec![Rule::horizontal(5.0, 520.0, 20.0), Rule::horizontal(5.0, 520.0, 40.0)];
        let lines = build_lines(glyphs);
        let mut used = vec![false; lines.len()];
        let tables = find_tables(&lines, &rules, &mut used);
        assert!(tables.iter().all(|t| t.rows.len() == 1), "{tables:?}");
        assert_eq!(used.iter().filter(|&&u| !u).count(), 8, "the prose lines stay free");
    }

    #[test]
    fn a_grid_table_takes_rows_from_rules_and_columns_from_verticals() {
        let s = 10.0;
        let mut glyphs = word("Study", 12.0, 20.0, s);
        glyphs.extend(word("Dose", 72.0, 20.0, s));
        // Top-aligned row: the first cell wraps, the second has one line.
        glyphs.extend(word("Trial A", 12.0, 40.0, s));
        glyphs.extend(word("2012", 12.0, 52.0, s));
        glyphs.extend(word("1 ×", 72.0, 40.0, s));
        glyphs.extend(word("Trial B", 12.0, 72.0, s));
        glyphs.extend(word("2 ×", 72.0, 72.0, s));
        let mut rules: Vec<Rule> = [8.0, 25.0, 58.0, 78.0].iter().map(|&y| Rule::horizontal(10.0, 130.0, y)).collect();
        rules.extend([10.0, 70.0, 130.0].iter().map(|&x| Rule::vertical(x, 8.0, 78.0)));
        let lines = build_lines(glyphs);
        let mut used = vec![false; lines.len()];
        let tables = find_tables(&lines, &rules, &mut used);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].rows, [["Study", "Dose"], ["Trial A 2012", "1 ×"], ["Trial B", "2 ×"]]);
    }

    #[test]
    fn an_unruled_table_is_found_from_its_caption() {
        let s = 9.0;
        let mut glyphs = word("Table 2. Trials", 10.0, 20.0, s);
        for (y, cells) in [
            (34.0, ["Study", "Cells", "Dose"]),
            (46.0, ["Trial A", "MSC", "1 × 10"]),
            (58.0, ["Trial B", "BMSC", "2 × 10"]),
        ] {
            for (x, text) in [10.0, 90.0, 170.0].into_iter().zip(cells) {
                glyphs.extend(word(text, x, y, s));
            }
        }
        glyphs.extend(word("treated", 10.0, 68.0, s)); // wraps the first cell of Trial B
        glyphs.extend(word("Running text starts again well below the table and runs on.", 10.0, 100.0, s));
        let lines = build_lines(glyphs);
        let mut used = vec![false; lines.len()];
        let tables = find_unruled_tables(&lines, &mut used, None);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].caption, ["Table 2. Trials"]);
        assert_eq!(
            tables[0].rows,
            [["Study", "Cells", "Dose"], ["Trial A", "MSC", "1 × 10"], ["Trial B treated", "BMSC", "2 × 10"]]
        );
        assert_eq!(used.iter().filter(|&&u| !u).count(), 1, "the running text stays out");
    }

    #[test]
    fn a_caption_over_prose_is_no_table() {
        let mut glyphs = word("Table 1 lists the trials that we found in the literature search.", 10.0, 20.0, 9.0);
        glyphs.extend(word("They differ in dose and route, and in how long they followed patients.", 10.0, 32.0, 9.0));
        let lines = build_lines(glyphs);
        let mut used = vec![false; lines.len()];
        assert!(find_unruled_tables(&lines, &mut used, None).is_empty());
    }

    #[test]
    fn prose_between_rules_is_not_a_table() {
        let mut glyphs = Vec::new();
        for row in 0..8 {
            let y = 30.0 + row as f64 * 12.0;
            glyphs.extend(word("a long line of running prose text in column one", 10.0, y, 10.0));
            glyphs.extend(word("a long line of running prose text in column two", 270.0, y, 10.0));
        }
        let rules = vec![Rule::horizontal(5.0, 520.0, 15.0), Rule::horizontal(5.0, 520.0, 140.0)];
        let lines = build_lines(glyphs);
        let mut used = vec![false; lines.len()];
        assert!(find_tables(&lines, &rules, &mut used).is_empty());
    }
}
