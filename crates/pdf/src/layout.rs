//! A page's reading order and paragraphs.
//!
//! Running heads, feet and page numbers (rows of the top and bottom margin zones that recur on
//! other pages at the same height, or the edge row set off by a wide gap), footnotes (small type
//! under a short rule) and notes at the foot of the page (small type under all of the body text,
//! not under a heading) are taken out first and written before and after the body.
//!
//! The body is ordered by a recursive cut: wide whitespace across a block cuts it top to bottom;
//! a vertical gap through the whole block with rows of running text standing beside it splits it
//! into columns read left to right (a gap nothing stands beside, like a page number's in the
//! margin, and the gaps between columns of short cells, do not); where a gutter, found among the
//! column-wide items only, is blocked by some full-width items (title, abstract, affiliations, a
//! full-width table), the block is cut horizontally at those items.
//!
//! Lines in a column become paragraphs where the spacing, size or indentation changes, where a
//! line is not full or leaves room for the next line's first word, and where a list item or
//! reference entry opens (`[12]`, `12.`, a bullet); lines under a hanging indent continue their
//! entry. A paragraph cut by a page break goes on on the next page with running text
//! ([`join_pages`]), and a table continued overleaf joins the table it continues
//! ([`join_continued_tables`]).

use crate::geometry::{PageContent, Rule};
use crate::lines::{Line, baseline_groups, build_lines, median};
use crate::table::{
    Table, find_tables, find_unruled_tables, group_text, is_figure_caption, is_table_caption, join_wrapped,
    merge_rules, says_continued, table_number,
};

/// A column gap is at least this many font sizes wide.
const MIN_GUTTER_EM: f64 = 1.0;
/// Whitespace at least this many font sizes high across a whole block separates its parts.
const SECTION_GAP_EM: f64 = 3.0;
/// How deep the recursive cut of a page goes.
const MAX_CUT_DEPTH: usize = 12;
/// Share of a block's width, at each side, where no gutter is looked for.
const GUTTER_MARGIN_SHARE: f64 = 0.15;
/// Rows side by side across a gutter needed before the gutter counts.
const MIN_SIDE_BY_SIDE: usize = 3;
/// Rows side by side across an open vertical gap that make it a column gap.
const MIN_ROWS_BESIDE_A_GAP: usize = 2;
/// Items at most this share of a block's width are column items (wider ones span the columns).
const NARROW_ITEM_SHARE: f64 = 0.7;
/// Running heads and page numbers live in this share of the page height, top and bottom.
const MARGIN_ZONE_SHARE: f64 = 0.1;
/// A running head is set off from the body by at least this many of its font sizes.
const MARGIN_GAP_EM: f64 = 1.5;
/// A baseline step larger than this multiple of the usual one starts a paragraph.
const PARAGRAPH_PITCH_RATIO: f64 = 1.25;
/// Justified text: most lines end within this many font sizes of the column edge (CJK lines up to
/// a compressed closing mark short of it).
const FLUSH_RIGHT_EM: f64 = 0.6;
/// Justified Latin text: lines end within this many font sizes of the column edge.
const FLUSH_RIGHT_LATIN_EM: f64 = 0.15;
/// Justified text: a line ending more than this many font sizes short of the edge ends a paragraph.
const FULL_LINE_SLACK_EM: f64 = 1.5;
/// Ragged text: a line shorter than the column by more than this share of its width ends a paragraph.
const RAGGED_SHORT_SHARE: f64 = 0.35;
/// Room (in font sizes) beyond the next line's first word that a line must leave at its end
/// to have ended its paragraph (breaking rules may push a short word and a mark over).
const FIT_SLACK_EM: f64 = 1.0;
/// A first-line indent of at least this many font sizes starts a paragraph.
const INDENT_EM: f64 = 0.9;

/// One thing to place: a line fragment or a table, with its box.
#[derive(Debug, Clone, Copy)]
struct Item {
    x0: f64,
    x1: f64,
    top: f64,
    bottom: f64,
    kind: ItemKind,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum ItemKind {
    Line(usize),
    Table(usize),
}

/// A leaf of the cut: items read top to bottom, within a column's bounds.
struct Column {
    items: Vec<Item>,
    left: f64,
    right: f64,
    /// The leaf starts after wide whitespace across its block: nothing runs on into it.
    fresh: bool,
    /// The right edge of the column the leaf was cut from across whitespace (a verbatim block's
    /// lines are short against it, not against each other).
    measure: Option<f64>,
}

/// A page's text in three parts, so a paragraph cut by the page break can be joined again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageLayout {
    /// Running heads.
    pub head: Vec<String>,
    /// Paragraphs and rendered tables in reading order.
    pub body: Vec<String>,
    /// Footnotes, then running feet and page numbers.
    pub tail: Vec<String>,
    /// The body's first paragraph (tables, being floats, aside), when it opens with an unindented
    /// line of body text: it may continue the previous page.
    pub open_start: Option<usize>,
    /// The body's last paragraph, when it ends with a full line and no closing punctuation: it
    /// goes on overleaf.
    pub open_end: Option<usize>,
    /// Whether the body has running text besides tables and captions (a page of floats only
    /// stands between a paragraph and its continuation).
    pub has_prose: bool,
    /// The body's tables, each with the index of the block it is rendered in.
    pub tables: Vec<(usize, Table)>,
}

impl PageLayout {
    /// Takes block `index` out of the body; the indices that point past it move down.
    fn remove_block(&mut self, index: usize) -> String {
        let block = self.body.remove(index);
        let shift = |i: usize| match i.cmp(&index) {
            std::cmp::Ordering::Less => Some(i),
            std::cmp::Ordering::Equal => None,
            std::cmp::Ordering::Greater => Some(i - 1),
        };
        self.open_start = self.open_start.and_then(shift);
        self.open_end = self.open_end.and_then(shift);
        self.tables = std::mem::take(&mut self.tables).into_iter().filter_map(|(i, t)| Some((shift(i)?, t))).collect();
        block
    }

    /// The blocks, a blank line after each.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for block in self.head.iter().chain(&self.body).chain(&self.tail).filter(|b| !b.trim().is_empty()) {
            out.push_str(block.trim_end_matches('\n'));
            out.push_str("\n\n");
        }
        out
    }
}

/// Joins the paragraphs that page breaks cut, over the document's pages in order (`None`: a page
/// without text). A paragraph goes on on the next page with running text: pages that hold only
/// figures and tables may stand between.
pub fn join_pages(layouts: &mut [Option<PageLayout>]) {
    let mut before: Option<usize> = None;
    for i in 0..layouts.len() {
        match (before, layouts[i].as_ref().map(|l| l.has_prose)) {
            (_, Some(false)) => continue,
            (Some(b), Some(true)) => {
                let (earlier, later) = layouts.split_at_mut(i);
                if let (Some(before), Some(after)) = (earlier[b].as_mut(), later[0].as_mut()) {
                    join_across_pages(before, after);
                }
            }
            _ => {}
        }
        before = layouts[i].is_some().then_some(i);
    }
}

/// Joins a paragraph that a page break cut: the last body block of `before` and the first of
/// `after`, when the one runs on and the other takes up.
pub fn join_across_pages(before: &mut PageLayout, after: &mut PageLayout) {
    let (Some(last), Some(first)) = (before.open_end, after.open_start) else { return };
    if last >= before.body.len() || first >= after.body.len() {
        return;
    }
    let continuation = after.remove_block(first);
    before.body[last] = join_wrapped([before.body[last].as_str(), continuation.as_str()].into_iter());
}

/// Joins each table continued on a later page (`Table 3 (continued)`, `续表 3`) to the table it
/// continues, the last one before it, when their columns agree: its rows, less the header rows it
/// repeats, go under the first part's; its notes after the first part's.
pub fn join_continued_tables(layouts: &mut [Option<PageLayout>]) {
    // The last table seen: (page, position in that page's tables).
    let mut last: Option<(usize, usize)> = None;
    for page in 0..layouts.len() {
        let mut k = 0;
        while let Some((block, table)) = layouts[page].as_ref().and_then(|l| l.tables.get(k)).cloned() {
            let continues = last.and_then(|(p, t)| {
                let earlier = layouts[p].as_ref()?.tables.get(t).map(|(_, table)| table)?;
                continues_table(&table, earlier).then_some((p, t))
            });
            let Some((p, t)) = continues else {
                last = Some((page, k));
                k += 1;
                continue;
            };
            let Some(current) = layouts[page].as_mut() else { break };
            current.remove_block(block);
            let Some(earlier) = layouts[p].as_mut() else { break };
            let (earlier_block, first) = &mut earlier.tables[t];
            let repeated = table.rows.iter().zip(&first.rows).take_while(|(a, b)| same_row(a, b)).count();
            first.rows.extend(table.rows.into_iter().skip(repeated));
            first.notes.extend(table.notes);
            first.bottom = first.bottom.max(table.bottom);
            let (index, rendered) = (*earlier_block, first.render());
            earlier.body[index] = rendered;
        }
    }
}

/// Whether `table` is the continuation of `earlier`: its caption says so, names the same table
/// number, and its rows have as many cells.
fn continues_table(table: &Table, earlier: &Table) -> bool {
    fn number(t: &Table) -> Option<&str> {
        t.caption.first().and_then(|c| table_number(c))
    }
    let cells = |t: &Table| t.rows.iter().map(Vec::len).max().unwrap_or(0);
    table.caption.first().is_some_and(|c| says_continued(c))
        && number(table).is_some()
        && number(table) == number(earlier)
        && cells(table) == cells(earlier)
}

/// Two rows with the same cells (trailing empty cells aside).
fn same_row(a: &[String], b: &[String]) -> bool {
    let trimmed = |r: &[String]| r.iter().rposition(|c| !c.trim().is_empty()).map_or(0, |i| i + 1);
    a[..trimmed(a)] == b[..trimmed(b)]
}

/// The page's text: header, body in reading order, footnotes, footer; blank lines between paragraphs.
pub fn page_text(page: &PageContent) -> String {
    crate::hyphen::resolve_alone(
        &page_layout(page, &build_lines(page.glyphs.clone()), &RunningKeys::default()).render(),
    )
}

/// The page's blocks (see [`PageLayout`]) from its lines ([`build_lines`]).
pub fn page_layout(page: &PageContent, lines: &[Line], running: &RunningKeys) -> PageLayout {
    let mut used = vec![false; lines.len()];
    let mut tables = find_tables(lines, &page.rules, &mut used);
    let gutter = page_gutter(lines, &used);
    tables.extend(find_unruled_tables(lines, &mut used, gutter));

    let (horizontal, _) = merge_rules(&page.rules);
    let header = take_margin(lines, &mut used, page.height, true, running);
    let footer = take_margin(lines, &mut used, page.height, false, running);
    let mut footnotes = take_footnotes(lines, &mut used, &horizontal, page);
    footnotes.extend(take_foot_block(lines, &mut used, page));

    let mut items: Vec<Item> = (0..lines.len()).filter(|&i| !used[i]).map(|i| line_item(lines, i)).collect();
    items.extend(tables.iter().enumerate().map(|(t, table)| Item {
        x0: table.x0,
        x1: table.x1,
        top: table.top,
        bottom: table.bottom,
        kind: ItemKind::Table(t),
    }));

    let mut columns = Vec::new();
    order(items, lines, &mut columns, 0, None);

    let flow = column_paragraphs(lines, &tables, &columns, &page.marks);
    let mut tail = plain_paragraphs(lines, &footnotes);
    tail.extend(plain_paragraphs(lines, &footer));
    PageLayout {
        head: plain_paragraphs(lines, &header),
        body: flow.blocks,
        tail,
        open_start: flow.open_start,
        open_end: flow.open_end,
        has_prose: flow.prose_blocks > 0,
        tables: flow.tables,
    }
}

/// Takes the rows of the top (or bottom) margin, from the page edge inwards: rows in the margin
/// zone that recur on other pages at the same height (running heads, folios, page numbers, a
/// journal line under them), and the edge row itself when a wide gap sets it off from the rest.
fn take_margin(lines: &[Line], used: &mut [bool], page_height: f64, top: bool, running: &RunningKeys) -> Vec<usize> {
    let mut taken: Vec<usize> = Vec::new();
    loop {
        let free: Vec<usize> = (0..lines.len()).filter(|&i| !used[i]).collect();
        let Some(row) = edge_row(lines, &free, page_height, top) else { break };
        let edge_line = &lines[row[0]];
        let repeated = running.recurs(top, &margin_key(lines, &row), edge_line.baseline);
        let set_off = taken.is_empty() && {
            let rest_gap = free
                .iter()
                .filter(|i| !row.contains(i))
                .map(|&i| if top { lines[i].top() - edge_line.bottom() } else { edge_line.top() - lines[i].bottom() })
                .fold(f64::INFINITY, f64::min);
            rest_gap >= MARGIN_GAP_EM * edge_line.size
        };
        if !repeated && !set_off {
            break;
        }
        for &i in &row {
            used[i] = true;
        }
        taken.extend(row);
    }
    taken
}

/// The topmost (or bottommost) row of `free` lines, when it lies in the margin zone.
fn edge_row(lines: &[Line], free: &[usize], page_height: f64, top: bool) -> Option<Vec<usize>> {
    let by_baseline = |&&a: &&usize, &&b: &&usize| lines[a].baseline.total_cmp(&lines[b].baseline);
    let &edge = if top { free.iter().min_by(by_baseline) } else { free.iter().max_by(by_baseline) }?;
    let edge_line = &lines[edge];
    let mut row: Vec<usize> = free
        .iter()
        .copied()
        .filter(|&i| (lines[i].baseline - edge_line.baseline).abs() <= 0.3 * edge_line.size)
        .collect();
    row.sort_by(|&a, &b| lines[a].x0.total_cmp(&lines[b].x0));
    in_margin_zone(&lines[edge], page_height, top).then_some(row)
}

fn in_margin_zone(line: &Line, page_height: f64, top: bool) -> bool {
    if top {
        line.bottom() <= MARGIN_ZONE_SHARE * page_height
    } else {
        line.top() >= (1.0 - MARGIN_ZONE_SHARE) * page_height
    }
}

/// A margin row's text without digits and spaces: the same on every page for a running head
/// or a page number.
fn margin_key(lines: &[Line], row: &[usize]) -> String {
    row.iter()
        .flat_map(|&i| lines[i].text().chars().collect::<Vec<_>>())
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
        .collect()
}

/// Margin rows that recur across a document's pages at the same height (running heads and
/// feet, page numbers): taken out of the body even where they sit close to it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunningKeys {
    /// Per side (top, bottom): each recurring key with the baselines it was seen at, one per page.
    sides: [std::collections::HashMap<String, Vec<f64>>; 2],
    /// Pages a key must recur on.
    needed: usize,
}

/// A margin row counts as running when it recurs on at least this share of the pages (and twice).
const RUNNING_SHARE: f64 = 0.3;
/// Baselines of one running row on different pages differ by less than this (points).
const RUNNING_SAME_BASELINE: f64 = 2.0;

impl RunningKeys {
    /// The margin rows that recur over the pages' lines: every row in each page's margin zones.
    pub fn of_pages<'a>(pages: impl Iterator<Item = (&'a [Line], f64)>) -> RunningKeys {
        let mut sides: [std::collections::HashMap<String, Vec<f64>>; 2] = Default::default();
        let mut page_count = 0usize;
        for (lines, height) in pages {
            page_count += 1;
            for (side, top) in [(0, true), (1, false)] {
                let zone: Vec<usize> = (0..lines.len()).filter(|&i| in_margin_zone(&lines[i], height, top)).collect();
                let mut seen: Vec<(String, f64)> = Vec::new();
                for row in baseline_groups(lines, zone) {
                    let key = margin_key(lines, &row);
                    let baseline = lines[row[0]].baseline;
                    if !seen.iter().any(|(k, b)| *k == key && (b - baseline).abs() < RUNNING_SAME_BASELINE) {
                        seen.push((key, baseline));
                    }
                }
                for (key, baseline) in seen {
                    sides[side].entry(key).or_default().push(baseline);
                }
            }
        }
        let needed = 2.max((RUNNING_SHARE * page_count as f64).ceil() as usize);
        for side in &mut sides {
            side.retain(|_, baselines| baselines.len() >= needed);
        }
        RunningKeys { sides, needed }
    }

    /// Whether a margin row with this key at this baseline recurs on enough pages.
    fn recurs(&self, top: bool, key: &str, baseline: f64) -> bool {
        self.sides[usize::from(!top)].get(key).is_some_and(|baselines| {
            baselines.iter().filter(|b| (*b - baseline).abs() < RUNNING_SAME_BASELINE).count() >= self.needed
        })
    }
}

/// Lines in small type below a short rule near the foot of the page (a footnote separator).
fn take_footnotes(lines: &[Line], used: &mut [bool], horizontal: &[Rule], page: &PageContent) -> Vec<usize> {
    let free: Vec<usize> = (0..lines.len()).filter(|&i| !used[i]).collect();
    let Some(body_size) = median(free.iter().map(|&i| lines[i].size).collect()) else { return Vec::new() };
    let text_left = free.iter().map(|&i| lines[i].x0).fold(f64::INFINITY, f64::min);
    let text_right = free.iter().map(|&i| lines[i].x1).fold(f64::NEG_INFINITY, f64::max);
    let separator = horizontal.iter().filter(|r| {
        r.y0 > 0.6 * page.height
            && (r.x0 - text_left).abs() <= 2.0 * body_size
            && r.length() < 0.5 * (text_right - text_left)
    });
    for rule in separator {
        // The notes under the rule, in the rule's column (the other column's text may go on beside them).
        let below: Vec<usize> =
            free.iter().copied().filter(|&i| lines[i].top() >= rule.y0 - 1.0 && lines[i].x0 < rule.x1).collect();
        if !below.is_empty() && below.iter().all(|&i| lines[i].size < 0.95 * body_size) {
            for &i in &below {
                used[i] = true;
            }
            return below;
        }
    }
    Vec::new()
}

/// Small type at the foot of the page under all of its body text, with no rule above it
/// (affiliations, correspondence and licence lines of a first page, footnotes set without a
/// separator): notes, kept out of the text flow so a paragraph cut by the page break joins up.
fn take_foot_block(lines: &[Line], used: &mut [bool], page: &PageContent) -> Vec<usize> {
    let free: Vec<usize> = (0..lines.len()).filter(|&i| !used[i]).collect();
    let Some(body_size) = median(free.iter().map(|&i| lines[i].size).collect()) else { return Vec::new() };
    let small = |i: usize| lines[i].size < FOOT_SIZE_RATIO * body_size;
    let body_bottom = free.iter().filter(|&&i| !small(i)).map(|&i| lines[i].bottom()).fold(f64::NEG_INFINITY, f64::max);
    let below: Vec<usize> = free.iter().copied().filter(|&i| lines[i].top() > body_bottom).collect();
    let in_foot = below.iter().all(|&i| small(i) && lines[i].top() > FOOT_ZONE_SHARE * page.height);
    if below.is_empty() || !in_foot || below.len() == free.len() {
        return Vec::new();
    }
    // Under a heading (`References`, `参考资料:`) the small type is that section's text.
    let last_body: Vec<usize> =
        free.iter().copied().filter(|&i| !small(i) && lines[i].bottom() >= body_bottom - 0.5 * lines[i].size).collect();
    let extent = |rows: &[usize]| {
        let x0 = rows.iter().map(|&i| lines[i].x0).fold(f64::INFINITY, f64::min);
        rows.iter().map(|&i| lines[i].x1).fold(f64::NEG_INFINITY, f64::max) - x0
    };
    if extent(&last_body) < HEADING_SHARE * extent(&free) {
        return Vec::new();
    }
    for &i in &below {
        used[i] = true;
    }
    below
}

/// Notes at the foot of a page are set smaller than this share of the body's type size.
const FOOT_SIZE_RATIO: f64 = 0.95;
/// ... and start below this share of the page height.
const FOOT_ZONE_SHARE: f64 = 0.5;
/// A last body row narrower than this share of the page's text is a heading over what follows.
const HEADING_SHARE: f64 = 0.4;

/// The x of the page's column gutter, when its free lines stand in columns.
fn page_gutter(lines: &[Line], used: &[bool]) -> Option<f64> {
    let items: Vec<Item> = (0..lines.len()).filter(|&i| !used[i]).map(|i| line_item(lines, i)).collect();
    if items.len() < 2 {
        return None;
    }
    let em = text_size(&items, lines);
    let gap = open_gaps(&items, MIN_GUTTER_EM * em).into_iter().find(|&g| side_by_side(&items, g) >= MIN_SIDE_BY_SIDE);
    gap.or_else(|| blocked_gutter(&items, em)).map(|(a, b)| (a + b) / 2.0)
}

/// The median type size of the lines among `items`.
fn text_size(items: &[Item], lines: &[Line]) -> f64 {
    let sizes = items.iter().filter_map(|it| match it.kind {
        ItemKind::Line(i) => Some(lines[i].size),
        ItemKind::Table(_) => None,
    });
    median(sizes.collect()).unwrap_or(10.0)
}

fn line_item(lines: &[Line], i: usize) -> Item {
    Item { x0: lines[i].x0, x1: lines[i].x1, top: lines[i].top(), bottom: lines[i].bottom(), kind: ItemKind::Line(i) }
}

/// Recursive cut of `items` into columns, appended in reading order to `out`.
fn order(mut items: Vec<Item>, lines: &[Line], out: &mut Vec<Column>, depth: usize, measure: Option<f64>) {
    if items.is_empty() {
        return;
    }
    let em = text_size(&items, lines);
    let left = items.iter().map(|it| it.x0).fold(f64::INFINITY, f64::min);
    let right = items.iter().map(|it| it.x1).fold(f64::NEG_INFINITY, f64::max);
    if depth < MAX_CUT_DEPTH && items.len() > 1 {
        // 0. Wide whitespace across the whole block (between a first page's abstract and its
        // columns, around a full-width figure): the parts are read top to bottom.
        let parts = across_whitespace(&mut items, SECTION_GAP_EM * em);
        if parts.len() > 1 {
            for (k, part) in parts.into_iter().enumerate() {
                let first_leaf = out.len();
                order(part, lines, out, depth + 1, Some(measure.unwrap_or(right)));
                if let (true, Some(leaf)) = (k > 0, out.get_mut(first_leaf)) {
                    leaf.fresh = true;
                }
            }
            return;
        }
        // 1. Vertical gaps through the whole block: columns.
        // (A gap nothing stands beside, like the one before a page number in the margin, is no gutter.)
        // (nor is a wide word space in a single row, like `Fig. 2   Changes in …`, nor the gap
        // between two columns of short cells, which read row by row).
        let gaps: Vec<(f64, f64)> = open_gaps(&items, MIN_GUTTER_EM * em)
            .into_iter()
            .filter(|&g| side_by_side(&items, g) >= MIN_ROWS_BESIDE_A_GAP && text_on_both_sides(&items, g, em))
            .collect();
        if !gaps.is_empty() {
            let mut bounds = vec![left];
            bounds.extend(gaps.iter().map(|g| (g.0 + g.1) / 2.0));
            bounds.push(right + 1.0);
            for w in bounds.windows(2) {
                let part: Vec<Item> = items
                    .iter()
                    .copied()
                    .filter(|it| (it.x0 + it.x1) / 2.0 >= w[0] && (it.x0 + it.x1) / 2.0 < w[1])
                    .collect();
                order(part, lines, out, depth + 1, None);
            }
            return;
        }
        // 2. A gutter blocked by a few wide items: cut across at those items.
        if let Some(gutter) = blocked_gutter(&items, em) {
            items.sort_by(|a, b| a.top.total_cmp(&b.top));
            // Only items over the middle of the run cross it: line ends may reach into its edges.
            let crosses = crossing_test(&items, gutter);
            let middle = (gutter.0 + gutter.1) / 2.0;
            // Runs of items that cross the gutter and runs that stand beside it, top to bottom.
            let mut runs: Vec<(bool, Vec<Item>)> = Vec::new();
            for item in items.iter().copied() {
                match runs.last_mut() {
                    Some((crossing, run)) if *crossing == crosses(&item) => run.push(item),
                    _ => runs.push((crosses(&item), vec![item])),
                }
            }
            // A run on one side of the gutter only (the last line of a full-width paragraph, a
            // short line under a title) belongs to the full-width flow around it.
            for (crossing, run) in &mut runs {
                *crossing = *crossing || side_by_side(run, (middle, middle)) == 0;
            }
            let mut bands: Vec<Vec<Item>> = Vec::new();
            let mut last_crossing: Option<bool> = None;
            for (crossing, run) in runs {
                match bands.last_mut() {
                    Some(band) if crossing && last_crossing == Some(true) => band.extend(run),
                    _ => bands.push(run),
                }
                last_crossing = Some(crossing);
            }
            if bands.len() > 1 {
                for band in bands {
                    order(band, lines, out, depth + 1, None);
                }
                return;
            }
        }
    }
    items.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)));
    out.push(Column { items, left, right, fresh: false, measure });
}

/// The items in parts, top to bottom, cut where no item stands over a height of at least `min_gap`.
fn across_whitespace(items: &mut [Item], min_gap: f64) -> Vec<Vec<Item>> {
    items.sort_by(|a, b| a.top.total_cmp(&b.top));
    let mut parts: Vec<Vec<Item>> = Vec::new();
    let mut reach = f64::NEG_INFINITY;
    for item in items.iter().copied() {
        match parts.last_mut() {
            Some(part) if item.top - reach < min_gap => part.push(item),
            _ => parts.push(vec![item]),
        }
        reach = reach.max(item.bottom);
    }
    parts
}

/// X intervals no item covers, at least `min_width` wide, strictly inside the block.
fn open_gaps(items: &[Item], min_width: f64) -> Vec<(f64, f64)> {
    let mut spans: Vec<(f64, f64)> = items.iter().map(|it| (it.x0, it.x1)).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut gaps = Vec::new();
    let mut reach = spans[0].1;
    for &(x0, x1) in &spans[1..] {
        if x0 - reach >= min_width {
            gaps.push((reach, x0));
        }
        reach = reach.max(x1);
    }
    gaps
}

/// Whether a line of running text stands on each side of the gap.
fn text_on_both_sides(items: &[Item], gap: (f64, f64), em: f64) -> bool {
    let long = |it: &&Item| it.x1 - it.x0 >= COLUMN_TEXT_EM * em;
    items.iter().filter(|it| it.x1 <= gap.0 + 0.5).any(|it| long(&it))
        && items.iter().filter(|it| it.x0 >= gap.1 - 0.5).any(|it| long(&it))
}

/// A line of running text in a column is at least this many font sizes long (cells are shorter).
const COLUMN_TEXT_EM: f64 = 12.0;

/// How many rows have an item left of the gap and one right of it at the same height.
fn side_by_side(items: &[Item], gap: (f64, f64)) -> usize {
    let left: Vec<&Item> = items.iter().filter(|it| it.x1 <= gap.0 + 0.5).collect();
    let right: Vec<&Item> = items.iter().filter(|it| it.x0 >= gap.1 - 0.5).collect();
    // Rows, not fragments: the words of one widely spaced justified line are one row.
    let mut tops: Vec<f64> =
        left.iter().filter(|l| right.iter().any(|r| r.top < l.bottom && r.bottom > l.top)).map(|l| l.top).collect();
    tops.sort_by(f64::total_cmp);
    tops.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    tops.len()
}

/// The x interval (in the middle of the block) that the fewest column items cross, when items
/// stand side by side across it often enough to make it a column gutter.
///
/// Full-width items (a title, an abstract, affiliations, a wide table) cross the gutter by
/// design and may outnumber the column lines on a first page, so the channel is looked for among
/// the narrower items only; the right-hand column's lines start at one x along it.
fn blocked_gutter(items: &[Item], em: f64) -> Option<(f64, f64)> {
    let left = items.iter().map(|it| it.x0).fold(f64::INFINITY, f64::min);
    let right = items.iter().map(|it| it.x1).fold(f64::NEG_INFINITY, f64::max);
    let width = right - left;
    let narrow: Vec<Item> = items.iter().copied().filter(|it| it.x1 - it.x0 <= NARROW_ITEM_SHARE * width).collect();
    let (from, to) = (left + GUTTER_MARGIN_SHARE * width, right - GUTTER_MARGIN_SHARE * width);
    let bins = (to - from).ceil().max(0.0) as usize;
    if bins == 0 || narrow.len() < 2 * MIN_SIDE_BY_SIDE {
        return None;
    }
    let mut coverage = vec![0usize; bins];
    for it in &narrow {
        let a = ((it.x0 - from).floor().max(0.0) as usize).min(bins);
        let b = ((it.x1 - from).ceil().max(0.0) as usize).min(bins);
        for c in &mut coverage[a..b] {
            *c += 1;
        }
    }
    let lowest = *coverage.iter().min()?;
    let typical = {
        let mut sorted = coverage.clone();
        sorted.sort_unstable();
        sorted[sorted.len() / 2]
    };
    // Bins nearly as little covered as the least one (a stray line end may dip one bin lower).
    let low = lowest + (typical - lowest) / 4;
    // The widest run of such bins.
    let mut best: Option<(usize, usize)> = None;
    let mut start = None;
    for (i, &c) in coverage.iter().chain(std::iter::once(&usize::MAX)).enumerate() {
        match (c <= low, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if best.is_none_or(|(bs, be)| i - s > be - bs) {
                    best = Some((s, i));
                }
                start = None;
            }
            _ => {}
        }
    }
    let (s, e) = best?;
    let gutter = (from + s as f64, from + e as f64);
    // A gutter is a narrow channel much less covered than the columns beside it.
    if gutter.1 - gutter.0 < MIN_GUTTER_EM * em || gutter.1 - gutter.0 > 0.25 * width || 2 * lowest > typical {
        return None;
    }
    let middle = (gutter.0 + gutter.1) / 2.0;
    // The right-hand column's left edge: as many items right of the channel start there.
    let right_starts: Vec<f64> = narrow.iter().map(|it| it.x0).filter(|&x| x >= middle).collect();
    let aligned = right_starts
        .iter()
        .map(|&edge| right_starts.iter().filter(|&&x| (x - edge).abs() <= 0.5 * em).count())
        .max()
        .unwrap_or(0);
    let crosses = crossing_test(items, gutter);
    let crossing = items.iter().filter(|it| crosses(it)).count();
    let beside = side_by_side(&narrow, (middle, middle));
    (beside >= MIN_SIDE_BY_SIDE.max(narrow.len() / 5) && aligned >= MIN_SIDE_BY_SIDE && crossing < items.len())
        .then_some(gutter)
}

/// Whether an item runs across the gutter: from left of where the left column's lines end to right
/// of where the right column's lines start (the low-coverage run itself may be wider than the
/// true gap where one column is ragged).
fn crossing_test(items: &[Item], gutter: (f64, f64)) -> impl Fn(&Item) -> bool {
    let middle = (gutter.0 + gutter.1) / 2.0;
    let left_end = items.iter().map(|it| it.x1).filter(|&x| x <= middle).fold(f64::NEG_INFINITY, f64::max);
    let right_start = items.iter().map(|it| it.x0).filter(|&x| x >= middle).fold(f64::INFINITY, f64::min);
    let left_end = if left_end.is_finite() { left_end } else { middle };
    let right_start = if right_start.is_finite() { right_start } else { middle };
    move |it: &Item| it.x0 < left_end && it.x1 > right_start
}

/// Lines of `indices` row by row (fragments of a row joined), wrapped into one paragraph.
fn plain_paragraphs(lines: &[Line], indices: &[usize]) -> Vec<String> {
    let texts: Vec<String> =
        baseline_groups(lines, indices.to_vec()).iter().map(|row| group_text(lines, row)).collect();
    if texts.is_empty() {
        return Vec::new();
    }
    vec![join_wrapped(texts.iter().map(String::as_str))]
}

/// One visual line of a column: fragments at the same baseline.
struct Row {
    text: String,
    x0: f64,
    x1: f64,
    baseline: f64,
    size: f64,
    /// Width of the row's first word.
    first_word: f64,
    /// Where the lines of its type size around it end at the furthest: the measure of its
    /// paragraph, which a byline or a heading set wider above it does not change.
    right_edge: f64,
}

/// Paragraphs (and rendered tables) of the columns, in order; a paragraph may run on from the
/// foot of one column to the head of the next.
/// The body's blocks and whether it opens and ends mid-paragraph.
struct Flow {
    blocks: Vec<String>,
    open_start: Option<usize>,
    open_end: Option<usize>,
    /// Paragraphs that are neither tables nor captions.
    prose_blocks: usize,
    /// The tables and the blocks they are rendered in.
    tables: Vec<(usize, Table)>,
}

fn column_paragraphs(lines: &[Line], tables: &[Table], columns: &[Column], marks: &[(f64, f64)]) -> Flow {
    let mut blocks: Vec<String> = Vec::new();
    // Whether the first row of text opens the body mid-paragraph (decided at the first row).
    let mut first_row_open: Option<bool> = None;
    let mut open_start: Option<usize> = None;
    // Whether the last paragraph flushed was left open, and its block.
    let mut open_end: Option<usize> = None;
    let mut last_row_full = false;
    let mut paragraph: Vec<String> = Vec::new();
    let mut table_blocks: Vec<(usize, Table)> = Vec::new();
    // Whether the paragraph being read is a caption, and how many paragraphs are not.
    let mut caption_paragraph = false;
    let mut prose_blocks = 0;
    // The last row of the previous column, and whether it ran to the column's right edge.
    let mut carried: Option<(f64, bool)> = None;
    let flush =
        |paragraph: &mut Vec<String>, blocks: &mut Vec<String>, open_end: &mut Option<usize>, last_row_full: bool| {
            if !paragraph.is_empty() {
                let closed = paragraph.last().is_some_and(|text| text.trim_end().ends_with(CLOSING_PUNCTUATION));
                *open_end = (last_row_full && !closed).then_some(blocks.len());
                blocks.push(join_wrapped(paragraph.iter().map(String::as_str)));
                paragraph.clear();
            }
        };
    for column in columns {
        let rows = column_rows(lines, column);
        // The usual baseline step between rows of one type size (headings are set looser).
        // (the lower quartile: short paragraphs make paragraph steps common too).
        let pitch = |size: f64| {
            let mut steps: Vec<f64> = rows
                .windows(2)
                .filter(|w| (w[0].size - size).abs() < 0.1 * size && (w[1].size - size).abs() < 0.1 * size)
                .map(|w| w[1].baseline - w[0].baseline)
                .collect();
            steps.sort_by(f64::total_cmp);
            steps.get(steps.len() / 4).copied()
        };
        // A short last line ends a paragraph; headings in larger type wrap short.
        let body_size = median(rows.iter().map(|r| r.size).collect()).unwrap_or(10.0);
        let body_right = rows
            .iter()
            .filter(|r| (r.size - body_size).abs() < 0.1 * body_size)
            .map(|r| r.x1)
            .fold(f64::NEG_INFINITY, f64::max);
        let right = match column.measure {
            Some(measure) => measure,
            None if body_right.is_finite() => body_right,
            None => column.right,
        };
        // Justified Latin lines end at the edge to a hair (ragged ones near it vary by points);
        // CJK lines may end a compressed closing mark short of it.
        let flush_right = |row: &Row| {
            let cjk_end = row.text.trim_end().chars().next_back().is_some_and(crate::chars::unspaced);
            row.x1 >= right - if cjk_end { FLUSH_RIGHT_EM } else { FLUSH_RIGHT_LATIN_EM } * row.size
        };
        // (A few rows say nothing of how the text is set: a short block is judged by the fit alone.)
        let justified = rows.len() >= MIN_ROWS_TO_JUDGE_JUSTIFIED
            && rows.iter().filter(|r| flush_right(r)).count() * 2 >= rows.len();
        // A line that runs on to the next: near the edge of justified text, or not much short of
        // it in ragged text.
        let full = |row: &Row| {
            if justified {
                row.x1 >= right - FULL_LINE_SLACK_EM * row.size
            } else {
                let width = right - column.left;
                row.x1 >= right - RAGGED_SHORT_SHARE * width && row.x1 - row.x0 >= (1.0 - RAGGED_SHORT_SHARE) * width
            }
        };
        // A line ends its paragraph when it is not full (see above), or when the next line's first
        // word would have fitted after it, measured against the lines around it (a ragged line a
        // little short).
        let ends_paragraph = |prev: &Row, next: &Row| {
            let would_fit = prev.right_edge - prev.x1 > next.first_word + FIT_SLACK_EM * prev.size;
            would_fit || !full(prev)
        };
        // Indents are measured from where most rows of the same type size start.
        let usual_left = |row: &Row| usual_left_edge(&rows, row.size).unwrap_or(column.left);
        let indented = |row: &Row| row.x0 - usual_left(row) >= INDENT_EM * row.size;
        let outdented = |row: &Row| usual_left(row) - row.x0 >= INDENT_EM * row.size;
        // Centred lines (titles) start at different x without being indented.
        let centred = |row: &Row| {
            ((row.x0 + row.x1) - (column.left + column.right)).abs() < 2.0 * row.size
                && row.x0 - column.left > 2.0 * row.size
        };
        let mut previous: Option<&Row> = None;
        for entry in column_entries(column, &rows) {
            let row = match entry {
                Entry::Table(t) => {
                    flush(&mut paragraph, &mut blocks, &mut open_end, last_row_full);
                    table_blocks.push((blocks.len(), tables[t].clone()));
                    blocks.push(tables[t].render());
                    previous = None;
                    carried = None;
                    continue;
                }
                Entry::Row(row) => row,
            };
            let starts_paragraph = match previous {
                None if column.fresh => true,
                None => match carried {
                    // Run on from the previous column only from a full last row into an unindented first one.
                    Some((size, was_full)) => {
                        !(was_full
                            && (row.size - size).abs() < 0.1 * size
                            && row.x0 - column.left < INDENT_EM * row.size)
                    }
                    None => true,
                },
                Some(prev) => {
                    let step = row.baseline - prev.baseline;
                    let usual = pitch(prev.size).unwrap_or(1.2 * prev.size).max(prev.size);
                    step > PARAGRAPH_PITCH_RATIO * usual
                        || (row.size - prev.size).abs() > 0.12 * prev.size.max(row.size)
                        || (indented(row)
                            && !(indented(prev) || (centred(row) && centred(prev)) || hangs_under(row, prev)))
                        || outdented(row)
                        || (ends_paragraph(prev, row) && prev.size <= 1.1 * body_size)
                        || opens_list_item(&row.text, &prev.text)
                        || has_bullet(row, marks)
                }
            };
            if starts_paragraph {
                flush(&mut paragraph, &mut blocks, &mut open_end, last_row_full);
                caption_paragraph = is_float_caption(&row.text);
                prose_blocks += usize::from(!caption_paragraph);
            }
            // Whether the body opens mid-paragraph is decided at its first row of text, floats
            // (tables, figure and table captions) aside.
            if first_row_open.is_none() && !caption_paragraph {
                // (A reference cut by the page break goes on under its list's hanging indent.)
                let hanging = list_label(&row.text).is_none()
                    && rows.iter().any(|r| {
                        list_label(&r.text).is_some()
                            && r.x0 + r.first_word <= row.x0 + 0.5
                            && row.x0 - r.x0 <= HANGING_INDENT_EM * row.size
                    });
                let open = (!indented(row) || hanging)
                    && !centred(row)
                    && (row.size - body_size).abs() < 0.1 * body_size
                    && !opens_list_item(&row.text, "")
                    && !has_bullet(row, marks);
                first_row_open = Some(open);
                if open {
                    open_start = Some(blocks.len());
                }
            }
            paragraph.push(row.text.clone());
            last_row_full = full(row);
            previous = Some(row);
        }
        // (A leaf of one row is full by its own measure, which says nothing.)
        carried = previous.filter(|_| rows.len() > 1).map(|row| (row.size, full(row)));
    }
    flush(&mut paragraph, &mut blocks, &mut open_end, last_row_full);
    Flow { blocks, open_start, open_end, prose_blocks, tables: table_blocks }
}

/// Whether a row opens the caption of a figure or a table (a float: never the continuation of
/// the paragraph before it).
fn is_float_caption(text: &str) -> bool {
    is_figure_caption(text) || is_table_caption(text)
}

/// A paragraph whose last line ends with one of these is finished.
const CLOSING_PUNCTUATION: [char; 10] = ['.', '。', '!', '?', '！', '？', ':', ';', '”', '"'];

/// The x where most rows of a column start (hanging indents make it differ from the leftmost).
fn usual_left_edge(rows: &[Row], size: f64) -> Option<f64> {
    let mut counts: Vec<(i64, usize)> = Vec::new();
    for row in rows.iter().filter(|r| (r.size - size).abs() <= 0.1 * size) {
        let key = row.x0.round() as i64;
        match counts.iter_mut().find(|(k, _)| (*k - key).abs() <= 1) {
            Some((_, n)) => *n += 1,
            None => counts.push((key, 1)),
        }
    }
    counts.into_iter().max_by_key(|&(k, n)| (n, -k)).map(|(k, _)| k as f64)
}

/// Whether a bullet drawn as a shape stands just before the row, at its height.
fn has_bullet(row: &Row, marks: &[(f64, f64)]) -> bool {
    marks
        .iter()
        .any(|&(x, y)| x < row.x0 && row.x0 - x <= 2.0 * row.size && y > row.baseline - row.size && y < row.baseline)
}

/// Whether `text` opens a new reference entry or list item after a finished one.
fn opens_list_item(text: &str, previous: &str) -> bool {
    let finished = previous.is_empty() || previous.trim_end().ends_with(['.', '。', '．']);
    match list_label(text) {
        Some(Label::Bullet | Label::Bracketed) => true,
        Some(Label::Numbered) => finished,
        None => false,
    }
}

/// The kinds of label that open a list item or a reference entry.
enum Label {
    /// `• `, `- `, `– `.
    Bullet,
    /// `[12]`: a reference label whatever stands before it.
    Bracketed,
    /// `12. `, `12) `, `(12) ` before a word: an entry or item when the line before is finished.
    Numbered,
}

/// The label `text` opens with, if any.
fn list_label(text: &str) -> Option<Label> {
    if text.starts_with(['•', '●', '▪', '■', '◆', '-', '–']) && text.chars().nth(1).is_some_and(char::is_whitespace)
    {
        return Some(Label::Bullet);
    }
    let digits_then = |rest: &str, close: &[char]| {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        (1..=3).contains(&digits) && rest[digits..].starts_with(close)
    };
    if text.strip_prefix('[').is_some_and(|rest| digits_then(rest, &[']'])) {
        return Some(Label::Bracketed);
    }
    let inner = text.strip_prefix('(').unwrap_or(text);
    let digits = inner.chars().take_while(char::is_ascii_digit).count();
    let after = inner[digits..].strip_prefix(['.', ')']);
    let numbered = (1..=3).contains(&digits)
        && after.is_some_and(|after| {
            after.starts_with(char::is_whitespace) && after.trim_start().starts_with(|c: char| c.is_alphabetic())
        });
    numbered.then_some(Label::Numbered)
}

/// Whether `row` continues the list item or reference entry `prev` opened, under a hanging
/// indent: the label stands out to the left and the entry's further lines align with its text.
fn hangs_under(row: &Row, prev: &Row) -> bool {
    list_label(&prev.text).is_some()
        && list_label(&row.text).is_none()
        && row.x0 > prev.x0
        && row.x0 - prev.x0 <= HANGING_INDENT_EM * row.size
}

/// A hanging indent is at most this many font sizes deep (the width of a label like `[123]`).
const HANGING_INDENT_EM: f64 = 3.5;

enum Entry<'a> {
    Row(&'a Row),
    Table(usize),
}

/// The column's rows and tables, top to bottom.
fn column_entries<'a>(column: &Column, rows: &'a [Row]) -> Vec<Entry<'a>> {
    let mut entries: Vec<(f64, Entry<'a>)> = rows.iter().map(|r| (r.baseline, Entry::Row(r))).collect();
    for item in &column.items {
        if let ItemKind::Table(t) = item.kind {
            entries.push((item.top, Entry::Table(t)));
        }
    }
    entries.sort_by(|a, b| a.0.total_cmp(&b.0));
    entries.into_iter().map(|(_, e)| e).collect()
}

fn column_rows(lines: &[Line], column: &Column) -> Vec<Row> {
    let mut members: Vec<&Line> = column
        .items
        .iter()
        .filter_map(|it| match it.kind {
            ItemKind::Line(i) => Some(&lines[i]),
            ItemKind::Table(_) => None,
        })
        .collect();
    members.sort_by(|a, b| a.baseline.total_cmp(&b.baseline).then(a.x0.total_cmp(&b.x0)));
    // Fragments of (nearly) one baseline make a row, read left to right.
    let mut groups: Vec<Vec<&Line>> = Vec::new();
    for line in members {
        match groups.last_mut() {
            Some(group) if (line.baseline - group[0].baseline).abs() <= 0.3 * line.size.min(group[0].size) => {
                group.push(line)
            }
            _ => groups.push(vec![line]),
        }
    }
    let mut rows: Vec<Row> = Vec::new();
    for mut group in groups {
        group.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let first = group[0];
        rows.push(Row {
            text: group.iter().map(|l| l.text()).collect::<Vec<_>>().join(" "),
            x0: first.x0,
            x1: group.iter().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max),
            baseline: first.baseline,
            size: group.iter().map(|l| l.size).fold(0.0, f64::max),
            first_word: first.first_word_width(),
            right_edge: 0.0,
        });
    }
    let ends: Vec<f64> = (0..rows.len())
        .map(|i| {
            let size = rows[i].size;
            rows[i.saturating_sub(MEASURE_WINDOW_ROWS)..(i + MEASURE_WINDOW_ROWS + 1).min(rows.len())]
                .iter()
                .filter(|r| (r.size - size).abs() < 0.1 * size)
                .map(|r| r.x1)
                .fold(rows[i].x1, f64::max)
        })
        .collect();
    for (row, end) in rows.iter_mut().zip(ends) {
        row.right_edge = end;
    }
    rows
}

/// A column of fewer rows is not judged justified or ragged.
const MIN_ROWS_TO_JUDGE_JUSTIFIED: usize = 5;
/// Rows on each side of a row that give its paragraph's measure.
const MEASURE_WINDOW_ROWS: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Glyph;
    use crate::lines::tests::word;

    fn page(glyphs: Vec<Glyph>, rules: Vec<Rule>) -> PageContent {
        PageContent { number: 1, width: 600.0, height: 800.0, glyphs, rules, ..PageContent::default() }
    }

    /// Two justified columns of `rows` lines each, left text "L<n>…", right "R<n>…".
    fn two_columns(top: f64, rows: usize) -> Vec<Glyph> {
        let mut glyphs = Vec::new();
        for r in 0..rows {
            let y = top + r as f64 * 12.0;
            glyphs.extend(word(&format!("left column line {r:02} text with more words"), 50.0, y, 10.0));
            glyphs.extend(word(&format!("right column line {r:02} text with more words"), 270.0, y, 10.0));
        }
        glyphs
    }

    /// Whether the whole left column of [`two_columns`] (`last` its last row) comes before the right one.
    fn columns_in_order(text: &str, last: usize) -> bool {
        let left_last = text.find(&format!("left column line {last:02}"));
        let right_first = text.find("right column line 00");
        left_last.is_some() && right_first.is_some() && left_last < right_first
    }

    #[test]
    fn two_columns_read_column_by_column_under_a_full_width_title() {
        let mut glyphs = word("A full width title that crosses the gutter of the page", 50.0, 100.0, 10.0);
        glyphs.extend(two_columns(130.0, 6));
        let text = page_text(&page(glyphs, vec![]));
        assert!(text.find("A full width title") < text.find("left column line 00"), "{text}");
        assert!(columns_in_order(&text, 5), "{text}");
    }

    #[test]
    fn a_running_head_is_kept_apart_from_the_columns() {
        let mut glyphs = word("Journal of Tests", 50.0, 40.0, 8.0);
        glyphs.extend(word("2026, 1(1)", 420.0, 40.0, 8.0));
        glyphs.extend(two_columns(100.0, 6));
        let text = page_text(&page(glyphs, vec![]));
        assert!(text.starts_with("Journal of Tests 2026, 1(1)\n\n"), "{text}");
    }

    #[test]
    fn cjk_lines_join_without_spaces_and_indents_start_paragraphs() {
        let mut glyphs = word("近年来干细胞治疗肝病研究进展", 50.0, 100.0, 10.0);
        glyphs.extend(word("迅速，取得重要成果", 30.0, 112.0, 10.0));
        glyphs.extend(word("间充质干细胞来源广泛易于获取", 50.0, 124.0, 10.0));
        glyphs.extend(word("和扩增培养潜力巨大", 30.0, 136.0, 10.0));
        let text = page_text(&page(glyphs, vec![]));
        assert_eq!(
            text,
            "近年来干细胞治疗肝病研究进展迅速，取得重要成果\n\n间充质干细胞来源广泛易于获取和扩增培养潜力巨大\n\n"
        );
    }

    #[test]
    fn a_drawn_bullet_starts_a_list_item() {
        let mut glyphs = word("first item of a list that runs", 60.0, 100.0, 10.0);
        glyphs.extend(word("second item", 60.0, 112.0, 10.0));
        let mut with_bullets = page(glyphs.clone(), vec![]);
        with_bullets.marks = vec![(52.0, 96.0), (52.0, 108.0)];
        assert_eq!(page_text(&with_bullets).matches("\n\n").count(), 2);
        assert_eq!(page_text(&page(glyphs, vec![])).matches("\n\n").count(), 1);
    }

    fn layout_of(page: &PageContent) -> PageLayout {
        page_layout(page, &build_lines(page.glyphs.clone()), &RunningKeys::default())
    }

    const BODY_OPENINGS: [&str; 3] = [
        "Cells were infused through a peripheral vein.",
        "Patients were followed up for four weeks.",
        "The trial enrolled fifteen adults in total.",
    ];

    #[test]
    fn a_running_head_close_to_the_body_is_found_by_recurring() {
        let pages: Vec<PageContent> = (1..=3)
            .map(|n| {
                let mut glyphs = word(&format!("Hepatology Reviews {n}"), 50.0, 60.0, 9.0);
                glyphs.extend(word(BODY_OPENINGS[n - 1], 50.0, 72.0, 9.0));
                page(glyphs, vec![])
            })
            .collect();
        let lines: Vec<Vec<Line>> = pages.iter().map(|p| build_lines(p.glyphs.clone())).collect();
        let running = RunningKeys::of_pages(lines.iter().map(|l| (l.as_slice(), 800.0)));
        assert_eq!(layout_of(&pages[1]).head, Vec::<String>::new(), "too close to be a head by the gap alone");
        let layout = page_layout(&pages[1], &lines[1], &running);
        assert_eq!(layout.head, ["Hepatology Reviews 2"]);
        assert_eq!(layout.body, [BODY_OPENINGS[1]]);
    }

    #[test]
    fn running_heads_of_several_rows_and_a_page_number_are_all_taken() {
        // A title line, an author line and the page number on rows of their own, close together
        // and close to the body, at the same heights on every page.
        let pages: Vec<PageContent> = (1..=3)
            .map(|n| {
                let mut glyphs = word("Stem cells for cirrhosis. . .", 300.0, 30.0, 8.0);
                glyphs.extend(word("Doe et al.", 300.0, 40.0, 8.0));
                glyphs.extend(word(&n.to_string(), 560.0, 54.0, 9.0));
                glyphs.extend(word(BODY_OPENINGS[n - 1], 50.0, 65.0, 9.0));
                page(glyphs, vec![])
            })
            .collect();
        let lines: Vec<Vec<Line>> = pages.iter().map(|p| build_lines(p.glyphs.clone())).collect();
        let running = RunningKeys::of_pages(lines.iter().map(|l| (l.as_slice(), 800.0)));
        let layout = page_layout(&pages[2], &lines[2], &running);
        assert_eq!(layout.head, ["Stem cells for cirrhosis. . . Doe et al. 3"]);
        assert_eq!(layout.body, [BODY_OPENINGS[2]]);
    }

    #[test]
    fn a_paragraph_cut_by_the_page_break_is_joined() {
        let rows = |rows: &[(f64, &str)]| {
            let mut glyphs = Vec::new();
            for (i, (x, text)) in rows.iter().enumerate() {
                glyphs.extend(word(text, *x, 400.0 + 12.0 * i as f64, 10.0));
            }
            page(glyphs, vec![])
        };
        let mut before = layout_of(&rows(&[
            (50.0, "A first paragraph that fills its line"),
            (50.0, "and closes here."),
            (50.0, "The next one runs on past the foot of"),
        ]));
        let mut after = layout_of(&rows(&[(50.0, "the page and ends here."), (70.0, "A new paragraph starts.")]));
        assert!(before.open_end.is_some() && after.open_start.is_some());
        join_across_pages(&mut before, &mut after);
        assert_eq!(
            before.body,
            [
                "A first paragraph that fills its line and closes here.",
                "The next one runs on past the foot of the page and ends here."
            ]
        );
        assert_eq!(after.body, ["A new paragraph starts."]);
    }

    #[test]
    fn an_unruled_table_in_one_column_is_found_in_that_column() {
        let mut glyphs = Vec::new();
        // Left column: caption and a three-column table under running text; right column: running
        // text throughout.
        glyphs.extend(word("left column running text goes on here", 50.0, 76.0, 9.0));
        glyphs.extend(word("left column running text goes on here", 50.0, 88.0, 9.0));
        glyphs.extend(word("Table 1. Trials", 50.0, 100.0, 9.0));
        for (r, cells) in
            [["Study", "Dose", "Route"], ["Trial A", "1e6", "IV"], ["Trial B", "2e6", "HA"]].iter().enumerate()
        {
            for (x, text) in [50.0, 130.0, 200.0].into_iter().zip(cells) {
                glyphs.extend(word(text, x, 112.0 + 12.0 * r as f64, 9.0));
            }
        }
        for r in 0..10 {
            glyphs.extend(word("right column running text goes on here", 320.0, 76.0 + 12.0 * r as f64, 9.0));
        }
        let text = page_text(&page(glyphs, vec![]));
        assert!(text.contains("Table 1. Trials\nStudy\tDose\tRoute\nTrial A\t1e6\tIV\nTrial B\t2e6\tHA\n"), "{text}");
        assert!(!text.contains("Table 1. Trials right"), "{text}");
    }

    #[test]
    fn reference_entries_are_paragraphs_of_their_own() {
        let mut glyphs = word("[1] Example A. A title. J Test. 2010;1:1-10.", 50.0, 100.0, 10.0);
        glyphs.extend(word("[2] Example B. Another title. J Test. 2012;4:20-29.", 50.0, 112.0, 10.0));
        let text = page_text(&page(glyphs, vec![]));
        assert_eq!(text.matches("\n\n").count(), 2, "{text}");
    }

    /// `text` padded with `filler` words to exactly `chars` characters (a line of that measure).
    fn line_of(text: &str, chars: usize) -> String {
        let mut line = text.to_string();
        while line.chars().count() < chars {
            line.push_str(" words");
        }
        line.chars().take(chars).collect::<String>().trim_end().to_string()
    }

    /// `count` lines of `chars` characters at 10 pt from x 50, 12 pt apart from `top`.
    fn full_lines(opening: &str, count: usize, chars: usize, top: f64) -> Vec<Glyph> {
        (0..count)
            .flat_map(|k| {
                word(&line_of(&format!("{opening} {k:02} of the text"), chars), 50.0, top + 12.0 * k as f64, 10.0)
            })
            .collect()
    }

    #[test]
    fn a_page_number_in_the_margin_does_not_hide_the_gutter() {
        // A line number in the left margin leaves a gap nothing stands beside, left of the gutter.
        let mut glyphs = word("7", 10.0, 136.0, 10.0);
        glyphs.extend(two_columns(100.0, 8));
        let text = page_text(&page(glyphs, vec![]));
        assert!(columns_in_order(&text, 7), "{text}");
    }

    #[test]
    fn a_first_page_mostly_full_width_reads_its_columns_in_order() {
        // Title, a long abstract and affiliations across the page, two short columns between:
        // the wide lines outnumber the column lines.
        let mut glyphs = word("Stem cells for decompensated cirrhosis: a first trial", 50.0, 70.0, 16.0);
        glyphs.extend(full_lines("Abstract line", 12, 100, 100.0));
        glyphs.extend(word("and the abstract ends here.", 50.0, 244.0, 10.0));
        glyphs.extend(two_columns(264.0, 4));
        for k in 0..5 {
            let affiliation = line_of(&format!("Department {k} of Hepatology, University Hospital, City"), 140);
            glyphs.extend(word(&affiliation, 50.0, 700.0 + 9.0 * k as f64, 7.0));
        }
        let layout = layout_of(&page(glyphs, vec![]));
        let body = layout.body.join("\n\n");
        assert!(columns_in_order(&body, 3), "{body}");
        assert!(body.contains("Abstract line 11 of the text") && !body.contains("Department"), "{body}");
        assert_eq!(layout.body.iter().filter(|b| b.starts_with("Abstract line 00")).count(), 1);
        assert!(layout.body.iter().any(|b| b.starts_with("Abstract line 00") && b.ends_with("abstract ends here.")));
        assert!(layout.tail.iter().any(|t| t.starts_with("Department 0")), "affiliations are notes: {:?}", layout.tail);
    }

    #[test]
    fn small_type_under_a_heading_is_the_sections_text_not_a_note() {
        let mut glyphs = full_lines("Body line", 20, 90, 100.0);
        glyphs.extend(word("References", 50.0, 560.0, 11.0));
        glyphs.extend(word("1. Dunn S, Hale R. Stem cells for ascites. BMJ Open 9, e021234 (2019).", 50.0, 580.0, 7.0));
        glyphs.extend(word("2. Wei L, Ortiz C. Exosomes. Front. Med. 9, 1-8 (2022).", 50.0, 589.0, 7.0));
        let layout = layout_of(&page(glyphs, vec![]));
        assert!(layout.tail.is_empty(), "{:?}", layout.tail);
        assert!(layout.body.last().unwrap().starts_with("2. Wei L"), "{:?}", layout.body);
    }

    #[test]
    fn entries_under_a_hanging_indent_are_one_paragraph_each() {
        // Labels at the left edge, further lines indented under the entry's text.
        let rows: [(f64, &str); 6] = [
            (50.0, "1. Gines, P. et al. Liver cirrhosis. Lancet 398, 1359-1376 (2021)."),
            (50.0, "2. Huang, D. Q. et al. Global epidemiology of cirrhosis - aetiology, trends and"),
            (60.0, "predictions. Nat. Rev. Gastroenterol. Hepatol. 20, 388-398 (2023)."),
            (50.0, "3. Albillos, A., Lario, M. & Alvarez-Mon, M. Cirrhosis-associated immune"),
            (60.0, "dysfunction: distinctive features and clinical relevance. J. Hepatol. 61,"),
            (60.0, "1385-1396 (2014)."),
        ];
        let mut glyphs = Vec::new();
        for (k, (x, text)) in rows.iter().enumerate() {
            glyphs.extend(word(text, *x, 100.0 + 9.0 * k as f64, 7.0));
        }
        let layout = layout_of(&page(glyphs, vec![]));
        assert_eq!(layout.body.len(), 3, "{:?}", layout.body);
        assert!(
            layout.body[1].starts_with("2. Huang")
                && layout.body[1]
                    .ends_with("trends and predictions. Nat. Rev. Gastroenterol. Hepatol. 20, 388-398 (2023).")
        );
        assert!(layout.body[2].ends_with("J. Hepatol. 61, 1385-1396 (2014)."), "{:?}", layout.body);
    }

    #[test]
    fn a_line_ends_its_paragraph_when_the_next_word_would_have_fitted() {
        // Ragged text with a measure of 60 characters: a line 15 characters short before
        // `Second` (6) ended its paragraph; one 10 short before `immunological` (13) did not.
        let rows = [
            line_of("The first paragraph runs over several lines of", 60),
            line_of("ragged text and ends on a line that is not", 45),
            line_of("Second paragraph starts here and runs on", 50),
            "immunological effects were seen.".to_string(),
        ];
        let mut glyphs = Vec::new();
        for (k, text) in rows.iter().enumerate() {
            glyphs.extend(word(text, 50.0, 100.0 + 12.0 * k as f64, 10.0));
        }
        let layout = layout_of(&page(glyphs, vec![]));
        assert_eq!(layout.body.len(), 2, "{:?}", layout.body);
        assert!(layout.body[1].starts_with("Second paragraph") && layout.body[1].ends_with("were seen."));
    }

    #[test]
    fn a_word_hyphenated_at_a_line_end_is_joined() {
        let mut glyphs = word("Umbilical cord blood derived mesenchy-", 50.0, 100.0, 10.0);
        glyphs.extend(word("mal stromal cells were infused.", 50.0, 112.0, 10.0));
        assert_eq!(
            page_text(&page(glyphs, vec![])),
            "Umbilical cord blood derived mesenchymal stromal cells were infused.\n\n"
        );
    }

    /// A page of `rows` (x, text) lines under a running head that recurs on every page.
    fn journal_page(number: u32, rows: &[(f64, &str)]) -> PageContent {
        let mut glyphs = word("Journal of Liver Tests", 50.0, 30.0, 8.0);
        glyphs.extend(word(&number.to_string(), 540.0, 42.0, 8.0));
        for (k, (x, text)) in rows.iter().enumerate() {
            glyphs.extend(word(text, *x, 50.0 + 9.0 * k as f64, 7.0));
        }
        PageContent { number, ..page(glyphs, vec![]) }
    }

    fn layouts_of(pages: &[PageContent]) -> Vec<Option<PageLayout>> {
        let lines: Vec<Vec<Line>> = pages.iter().map(|p| build_lines(p.glyphs.clone())).collect();
        let running = RunningKeys::of_pages(lines.iter().map(|l| (l.as_slice(), 800.0)));
        pages.iter().zip(&lines).map(|(p, l)| Some(page_layout(p, l, &running))).collect()
    }

    #[test]
    fn a_reference_split_by_a_page_break_is_one_entry() {
        let pages = [
            journal_page(
                14,
                &[
                    (50.0, "1. Dunn, S. & Hale, R. Stem cells for ascites. BMJ Open 9, e021234 (2019)."),
                    (50.0, "2. Okafor, N., Brandt, H. J. & Lindqvist, P. M. Intrasplenic cell infusion in"),
                ],
            ),
            journal_page(
                15,
                &[
                    (60.0, "cirrhotic rats: a pilot trial. Liver Transpl. 24, 301-309 (2018)."),
                    (50.0, "3. Wei, L. & Ortiz, C. Exosomes in liver repair. Front. Med. 9, 1-8 (2022)."),
                ],
            ),
        ];
        let mut layouts = layouts_of(&pages);
        join_pages(&mut layouts);
        let [Some(first), Some(second)] = &layouts[..] else { panic!("two pages") };
        assert_eq!(first.head, ["Journal of Liver Tests 14"]);
        assert_eq!(
            first.body[1],
            "2. Okafor, N., Brandt, H. J. & Lindqvist, P. M. Intrasplenic cell infusion in cirrhotic rats: a pilot trial. Liver Transpl. 24, 301-309 (2018)."
        );
        assert_eq!(second.body, ["3. Wei, L. & Ortiz, C. Exosomes in liver repair. Front. Med. 9, 1-8 (2022)."]);
    }

    #[test]
    fn a_paragraph_runs_on_over_a_page_of_figures() {
        let text_page = |number, rows: &[(f64, &str)]| journal_page(number, rows);
        let pages = [
            text_page(3, &[(50.0, &line_of("Albumin levels improved in most patients, and prealbumin", 70))]),
            text_page(4, &[(50.0, "Fig. 2 Changes in the Child-Pugh scores from baseline to Day 28.")]),
            text_page(5, &[(50.0, "levels rose in two thirds of them."), (60.0, "A new paragraph starts.")]),
        ];
        let mut layouts = layouts_of(&pages);
        assert!(!layouts[1].as_ref().unwrap().has_prose, "a caption alone");
        join_pages(&mut layouts);
        let first = &layouts[0].as_ref().unwrap().body[0];
        assert!(
            first.starts_with("Albumin levels") && first.ends_with(" levels rose in two thirds of them."),
            "{first}"
        );
        assert_eq!(layouts[2].as_ref().unwrap().body, ["A new paragraph starts."]);
    }

    #[test]
    fn a_table_across_the_gutter_with_a_header_set_close_and_section_rows() {
        // Two text columns below a full-width table whose caption stands at the left; the header
        // cells are 4 pt apart (one fragment), a section row stands alone a wider gap under it.
        let mut glyphs = word("Table 2. Adverse events", 40.0, 60.0, 8.0);
        let columns = [40.0, 160.0, 228.0, 296.0];
        let header = ["Cohort A (n = 3)", "Cohort B (n = 3)", "Cohort C (n = 6)"];
        for (x, text) in columns[1..].iter().zip(header) {
            glyphs.extend(word(text, *x, 76.0, 8.0));
        }
        let rows: [(f64, [&str; 4]); 4] = [
            (94.0, ["Relationship", "", "", ""]),
            (106.0, ["Adverse event", "0", "1", "2"]),
            (118.0, ["Related", "0", "0", "1"]),
            (130.0, ["Unrelated", "0", "1", "1"]),
        ];
        for (y, cells) in rows {
            for (x, text) in columns.iter().zip(cells) {
                glyphs.extend(word(text, *x, y, 8.0));
            }
        }
        for k in 0..8 {
            let y = 170.0 + 12.0 * k as f64;
            glyphs.extend(word(&line_of(&format!("left column line {k} of text"), 55), 40.0, y, 8.0));
            glyphs.extend(word(&line_of(&format!("right column line {k} of text"), 55), 300.0, y, 8.0));
        }
        let text = page_text(&page(glyphs, vec![]));
        let table = "Table 2. Adverse events\n\tCohort A (n = 3)\tCohort B (n = 3)\tCohort C (n = 6)\n\
                     Relationship\t\t\t\nAdverse event\t0\t1\t2\nRelated\t0\t0\t1\nUnrelated\t0\t1\t1\n";
        assert!(text.contains(table), "{text}");
    }

    fn table(caption: &str, rows: &[&[&str]]) -> Table {
        Table {
            caption: vec![caption.to_string()],
            rows: rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect(),
            ..Table::default()
        }
    }

    fn layout_with(blocks: Vec<String>, tables: Vec<(usize, Table)>) -> Option<PageLayout> {
        Some(PageLayout { body: blocks, tables, has_prose: true, ..PageLayout::default() })
    }

    #[test]
    fn a_table_continued_overleaf_is_one_table() {
        let header: &[&str] = &["", "Cohort A", "Cohort B"];
        let first = table("Table 3. Outcomes at Day 28", &[header, &["MELD down", "1", "3"]]);
        let rest = table("Table 3. (continued)", &[header, &["Albumin up", "2", "5"]]);
        let other = table("Table 4 (continued)", &[&["", "x", "y"], &["Bilirubin", "1", "2"]]);
        let mut layouts = vec![
            layout_with(vec!["Text before.".into(), first.render()], vec![(1, first)]),
            layout_with(vec![rest.render(), "Text after.".into()], vec![(0, rest)]),
            layout_with(vec![other.render()], vec![(0, other)]),
        ];
        join_continued_tables(&mut layouts);
        let [Some(a), Some(b), Some(c)] = &layouts[..] else { panic!("three pages") };
        assert_eq!(a.body[1], "Table 3. Outcomes at Day 28\n\tCohort A\tCohort B\nMELD down\t1\t3\nAlbumin up\t2\t5\n");
        assert_eq!(b.body, ["Text after."]);
        assert!(b.tables.is_empty());
        assert_eq!(c.body.len(), 1, "another table's continuation stays");
    }
}
