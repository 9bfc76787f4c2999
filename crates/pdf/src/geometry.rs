//! Positioned glyphs and ruling lines, collected from pdf-extract's `OutputDev` callbacks.
//!
//! Coordinates are page points with the origin at the top-left corner and y growing downwards,
//! so "above" means a smaller y everywhere in this crate.

use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

use crate::chars;

/// Whether a glyph sits on its line's baseline or is raised / lowered as a script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Script {
    #[default]
    Normal,
    Super,
    Sub,
}

/// One glyph: its (already normalized) text, where it stands and how big it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub text: String,
    /// Left edge of the glyph.
    pub x: f64,
    /// Baseline, measured from the top of the page.
    pub baseline: f64,
    /// Advance width.
    pub width: f64,
    /// Font size in page points (the text matrix scale included).
    pub size: f64,
    pub script: Script,
}

impl Glyph {
    /// A glyph on the baseline; the constructor the tests use.
    pub fn new(text: &str, x: f64, baseline: f64, width: f64, size: f64) -> Self {
        Glyph { text: text.to_string(), x, baseline, width, size, script: Script::Normal }
    }
    pub fn right(&self) -> f64 {
        self.x + self.width
    }
    /// Approximate top of the glyph box (ascender).
    pub fn top(&self) -> f64 {
        self.baseline - 0.8 * self.size
    }
    /// Approximate bottom of the glyph box (descender).
    pub fn bottom(&self) -> f64 {
        self.baseline + 0.2 * self.size
    }
}

/// A straight horizontal or vertical line segment drawn on the page (a table rule or a cell border).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rule {
    pub fn horizontal(x0: f64, x1: f64, y: f64) -> Self {
        Rule { x0: x0.min(x1), y0: y, x1: x0.max(x1), y1: y }
    }
    pub fn vertical(x: f64, y0: f64, y1: f64) -> Self {
        Rule { x0: x, y0: y0.min(y1), x1: x, y1: y0.max(y1) }
    }
    pub fn is_horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() <= (self.x1 - self.x0).abs()
    }
    pub fn length(&self) -> f64 {
        (self.x1 - self.x0).max(self.y1 - self.y0)
    }
}

/// Everything that was drawn on one page and matters for text layout.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageContent {
    /// 1-based page number.
    pub number: u32,
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Glyphs that were dropped because their text runs at an angle (margin stamps and the like).
    pub rotated_glyphs: usize,
    /// Centres of small filled shapes: list bullets drawn as paths (as browsers print them).
    pub marks: Vec<(f64, f64)>,
}

/// A filled rectangle thinner than this (in points) is a rule, not a shaded area.
const MAX_RULE_THICKNESS: f64 = 2.5;
/// Shorter segments are tick marks, bullets or glyph fragments, not rules.
const MIN_RULE_LENGTH: f64 = 8.0;

/// Bounds (points) of a filled shape that can be a list bullet.
const MIN_MARK_SIZE: f64 = 1.0;
const MAX_MARK_SIZE: f64 = 8.0;

/// Advance (in font sizes) assumed for a Latin glyph whose font gives no width.
const UNKNOWN_LATIN_ADVANCE_EM: f64 = 0.55;

/// Which way a glyph's baseline runs on the page, in quarter turns counter-clockwise from
/// left-to-right (1: bottom-to-top, as on a landscape page printed sideways).
type Direction = usize;

/// A glyph as pdf-extract reports it, in PDF user space (y up), before the page's reading
/// direction is known.
#[derive(Debug, Clone)]
struct RawGlyph {
    text: String,
    x: f64,
    y: f64,
    advance: f64,
    size: f64,
    direction: Direction,
    /// The font gave no width: the next glyph's position tells the advance.
    unknown_width: bool,
}

/// One page as it is being drawn.
#[derive(Debug)]
struct RawPage {
    number: u32,
    media_box: MediaBox,
    glyphs: Vec<RawGlyph>,
    /// Rule candidates: segment end points in PDF user space.
    segments: Vec<((f64, f64), (f64, f64))>,
    marks: Vec<(f64, f64)>,
    /// Glyphs set at an angle that is no multiple of a quarter turn.
    slanted: usize,
}

/// The `OutputDev` that records glyphs and rules page by page.
///
/// A page is laid out in the direction most of its text runs, so a landscape table printed
/// sideways on a portrait page reads like any other page; text running in other directions
/// (margin stamps) is dropped and counted.
#[derive(Debug, Default)]
pub struct Collector {
    pub pages: Vec<PageContent>,
    current: Option<RawPage>,
    /// When several pages are drawn as one (see [`PAGE_BREAK_MARK`]): the pages still to begin,
    /// with their numbers and media boxes.
    queued: Option<std::collections::VecDeque<(u32, MediaBox)>>,
}

/// Coordinates of the 1×1 filled rectangle that separates pages drawn as one content stream;
/// far outside any page.
pub const PAGE_BREAK_MARK: f64 = -73571.25;

impl Collector {
    pub fn new() -> Self {
        Self::default()
    }

    /// A collector for pages drawn one after another in a single content stream, separated by
    /// a [`PAGE_BREAK_MARK`] rectangle each.
    pub fn for_joined_pages(pages: Vec<(u32, MediaBox)>) -> Self {
        Collector { queued: Some(pages.into()), ..Self::default() }
    }

    fn start_page(&mut self, number: u32, media_box: MediaBox) {
        self.current = Some(RawPage {
            number,
            media_box,
            glyphs: Vec::new(),
            segments: Vec::new(),
            marks: Vec::new(),
            slanted: 0,
        });
    }

    fn finish_page(&mut self) {
        if let Some(raw) = self.current.take() {
            self.pages.push(finish(raw));
        }
    }

    /// Ends the page and begins the next queued one, at a page break mark.
    fn next_joined_page(&mut self) {
        self.finish_page();
        if let Some((number, media_box)) = self.queued.as_mut().and_then(|q| q.pop_front()) {
            self.start_page(number, media_box);
        }
    }

    fn add_segment(&mut self, a: (f64, f64), b: (f64, f64)) {
        if let Some(page) = self.current.as_mut() {
            page.segments.push((a, b));
        }
    }

    /// Rules from a stroked or filled path: its straight segments and its thin rectangles.
    fn add_path(&mut self, ctm: &Transform, path: &Path, filled: bool) {
        let apply = |x: f64, y: f64| (ctm.m11 * x + ctm.m21 * y + ctm.m31, ctm.m12 * x + ctm.m22 * y + ctm.m32);
        let mut start: Option<(f64, f64)> = None;
        let mut here: Option<(f64, f64)> = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    start = Some(apply(x, y));
                    here = start;
                }
                PathOp::LineTo(x, y) => {
                    let p = apply(x, y);
                    // A filled polygon's edges are not rules unless the polygon is thin (below).
                    if let (Some(h), false) = (here, filled) {
                        self.add_segment(h, p);
                    }
                    here = Some(p);
                }
                PathOp::CurveTo(_, _, _, _, x, y) => here = Some(apply(x, y)),
                PathOp::Rect(x, y, w, h) => {
                    let corners = [apply(x, y), apply(x + w, y), apply(x + w, y + h), apply(x, y + h)];
                    self.add_box(&corners, filled);
                    here = Some(corners[0]);
                }
                PathOp::Close => {
                    if let (Some(h), Some(s), false) = (here, start, filled) {
                        self.add_segment(h, s);
                    }
                    here = start;
                }
            }
        }
        if filled {
            let points = path_points(path, &apply);
            self.add_mark(&points);
            // A filled thin polygon (some producers draw rules as four-point paths).
            if path.ops.iter().any(|op| matches!(op, PathOp::LineTo(..))) {
                self.add_box(&points, true);
            }
        }
    }

    /// A rectangle (or any point set, by its bounds): a rule when thin, four rules when stroked.
    fn add_box(&mut self, points: &[(f64, f64)], filled: bool) {
        let (x0, x1) = min_max(points.iter().map(|p| p.0));
        let (y0, y1) = min_max(points.iter().map(|p| p.1));
        let (ym, xm) = ((y0 + y1) / 2.0, (x0 + x1) / 2.0);
        if y1 - y0 <= MAX_RULE_THICKNESS {
            self.add_segment((x0, ym), (x1, ym));
        } else if x1 - x0 <= MAX_RULE_THICKNESS {
            self.add_segment((xm, y0), (xm, y1));
        } else if !filled {
            // A stroked box: its four sides are rules (a cell border).
            self.add_segment((x0, y0), (x1, y0));
            self.add_segment((x0, y1), (x1, y1));
            self.add_segment((x0, y0), (x0, y1));
            self.add_segment((x1, y0), (x1, y1));
        }
    }

    /// A small, roughly square filled shape is a bullet (or a similar mark) standing before a line.
    fn add_mark(&mut self, points: &[(f64, f64)]) {
        if points.is_empty() {
            return;
        }
        let (x0, x1) = min_max(points.iter().map(|p| p.0));
        let (y0, y1) = min_max(points.iter().map(|p| p.1));
        let (w, h) = (x1 - x0, y1 - y0);
        let square = w >= MIN_MARK_SIZE
            && h >= MIN_MARK_SIZE
            && w <= MAX_MARK_SIZE
            && h <= MAX_MARK_SIZE
            && w <= 2.0 * h
            && h <= 2.0 * w;
        if let (true, Some(page)) = (square, self.current.as_mut()) {
            page.marks.push(((x0 + x1) / 2.0, (y0 + y1) / 2.0));
        }
    }
}

/// Every point a path names (curve control points included), through `apply`.
fn path_points(path: &Path, apply: &dyn Fn(f64, f64) -> (f64, f64)) -> Vec<(f64, f64)> {
    path.ops
        .iter()
        .flat_map(|op| match *op {
            PathOp::MoveTo(x, y) | PathOp::LineTo(x, y) => vec![(x, y)],
            PathOp::CurveTo(x1, y1, x2, y2, x, y) => vec![(x1, y1), (x2, y2), (x, y)],
            PathOp::Rect(x, y, w, h) => vec![(x, y), (x + w, y + h)],
            PathOp::Close => vec![],
        })
        .map(|(x, y)| apply(x, y))
        .collect()
}

fn min_max(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)))
}

/// PDF user space to the page frame of `direction`: origin top-left, x along the text, y down.
fn to_frame(direction: Direction, b: &MediaBox, (x, y): (f64, f64)) -> (f64, f64) {
    match direction {
        1 => (y - b.lly, x - b.llx),
        2 => (b.urx - x, y - b.lly),
        3 => (b.ury - y, b.urx - x),
        _ => (x - b.llx, b.ury - y),
    }
}

/// The finished page in its reading frame.
fn finish(raw: RawPage) -> PageContent {
    let mut counts = [0usize; 4];
    for g in &raw.glyphs {
        counts[g.direction] += 1;
    }
    // The direction most glyphs run in (upright wins ties).
    let direction = (0..4).rev().max_by_key(|&d| counts[d]).unwrap_or(0);
    let b = &raw.media_box;
    let (w, h) = ((b.urx - b.llx).abs(), (b.ury - b.lly).abs());
    let (width, height) = if direction % 2 == 1 { (h, w) } else { (w, h) };
    let mut page =
        PageContent { number: raw.number, width, height, rotated_glyphs: raw.slanted, ..PageContent::default() };
    let mut pending_width: Option<usize> = None;
    for g in raw.glyphs {
        if g.direction != direction {
            page.rotated_glyphs += 1;
            continue;
        }
        let (x, baseline) = to_frame(direction, b, (g.x, g.y));
        // The glyph before, if its width was unknown, ends where this one (or this space) starts.
        if let Some(previous) = pending_width.take().and_then(|i| page.glyphs.get_mut(i)) {
            let step = x - previous.x;
            if (previous.baseline - baseline).abs() < 0.1 * g.size && step > 0.0 && step <= 1.5 * previous.size {
                previous.width = step;
            }
        }
        if g.text.trim().is_empty() {
            continue;
        }
        if g.unknown_width {
            pending_width = Some(page.glyphs.len());
        }
        page.glyphs.push(Glyph { text: g.text, x, baseline, width: g.advance, size: g.size, script: Script::Normal });
    }
    for (a, c) in raw.segments {
        let (a, c) = (to_frame(direction, b, a), to_frame(direction, b, c));
        let (dx, dy) = ((c.0 - a.0).abs(), (c.1 - a.1).abs());
        if dy <= MAX_RULE_THICKNESS && dx >= MIN_RULE_LENGTH {
            page.rules.push(Rule::horizontal(a.0, c.0, (a.1 + c.1) / 2.0));
        } else if dx <= MAX_RULE_THICKNESS && dy >= MIN_RULE_LENGTH {
            page.rules.push(Rule::vertical((a.0 + c.0) / 2.0, a.1, c.1));
        }
    }
    page.marks = raw.marks.into_iter().map(|m| to_frame(direction, b, m)).collect();
    page
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        match self.queued.as_mut().and_then(|q| q.pop_front()) {
            Some((number, own_box)) => self.start_page(number, own_box),
            None => self.start_page(page_num, *media_box),
        }
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.finish_page();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let Some(page) = self.current.as_mut() else { return Ok(()) };
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size.abs() * scale;
        if !size.is_finite() || size <= 0.0 || !trm.m31.is_finite() || !trm.m32.is_finite() {
            return Ok(());
        }
        // The baseline's direction, to the nearest quarter turn (or none: slanted text).
        let (along, across) = (trm.m11, trm.m12);
        let direction = if across.abs() <= 0.1 * along.abs() {
            if along > 0.0 { 0 } else { 2 }
        } else if along.abs() <= 0.1 * across.abs() {
            if across > 0.0 { 1 } else { 3 }
        } else {
            page.slanted += 1;
            return Ok(());
        };
        let normalized = chars::normalize_glyph(text);
        // An ASCII glyph exactly one em wide is a font without widths for it (pdf-extract falls
        // back to 1000 units): take an average letter width until the next glyph shows the real one.
        let unknown_width =
            (width - 1.0).abs() < 1e-3 && !normalized.is_empty() && normalized.chars().all(|c| c.is_ascii_graphic());
        let advance = if unknown_width { UNKNOWN_LATIN_ADVANCE_EM * size } else { width * size };
        page.glyphs.push(RawGlyph {
            text: normalized,
            x: trm.m31,
            y: trm.m32,
            advance: if advance.is_finite() && advance > 0.0 { advance } else { 0.5 * size },
            size,
            direction,
            unknown_width,
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.add_path(ctm, path, false);
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        let page_break =
            matches!(path.ops[..], [PathOp::Rect(x, y, _, _)] if x == PAGE_BREAK_MARK && y == PAGE_BREAK_MARK);
        if page_break && self.queued.is_some() {
            self.next_joined_page();
        } else {
            self.add_path(ctm, path, true);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_orientation_and_length() {
        let h = Rule::horizontal(100.0, 10.0, 50.0);
        assert!(h.is_horizontal());
        assert_eq!((h.x0, h.x1), (10.0, 100.0));
        assert_eq!(h.length(), 90.0);
        let v = Rule::vertical(5.0, 40.0, 10.0);
        assert!(!v.is_horizontal());
        assert_eq!((v.y0, v.y1), (10.0, 40.0));
    }

    fn raw(text: &str, x: f64, y: f64, direction: Direction) -> RawGlyph {
        RawGlyph { text: text.to_string(), x, y, advance: 5.0, size: 10.0, direction, unknown_width: false }
    }

    fn raw_page(glyphs: Vec<RawGlyph>) -> RawPage {
        let media_box = MediaBox { llx: 0.0, lly: 0.0, urx: 600.0, ury: 800.0 };
        RawPage {
            number: 1,
            media_box,
            glyphs,
            segments: vec![((100.0, 700.0), (300.0, 700.0))],
            marks: vec![],
            slanted: 0,
        }
    }

    #[test]
    fn an_upright_page_is_flipped_to_top_down() {
        let page =
            finish(raw_page(vec![raw("a", 100.0, 700.0, 0), raw("b", 105.0, 700.0, 0), raw("s", 10.0, 10.0, 1)]));
        assert_eq!((page.width, page.height), (600.0, 800.0));
        assert_eq!((page.glyphs[0].x, page.glyphs[0].baseline), (100.0, 100.0));
        assert_eq!(page.glyphs.len(), 2);
        assert_eq!(page.rotated_glyphs, 1, "the sideways stamp is dropped");
        assert_eq!(page.rules, [Rule::horizontal(100.0, 300.0, 100.0)]);
    }

    #[test]
    fn a_sideways_page_reads_along_its_text() {
        // Text running bottom to top: the first line nearest the left edge, read upwards.
        let glyphs = vec![raw("a", 100.0, 200.0, 1), raw("b", 100.0, 205.0, 1), raw("c", 120.0, 200.0, 1)];
        let page = finish(raw_page(glyphs));
        assert_eq!((page.width, page.height), (800.0, 600.0));
        let placed: Vec<(&str, f64, f64)> = page.glyphs.iter().map(|g| (g.text.as_str(), g.x, g.baseline)).collect();
        assert_eq!(placed, [("a", 200.0, 100.0), ("b", 205.0, 100.0), ("c", 200.0, 120.0)]);
        // The horizontal segment of PDF space is a vertical rule in this frame.
        assert!(!page.rules[0].is_horizontal());
    }

    #[test]
    fn a_widthless_glyph_takes_its_advance_from_the_next() {
        let mut first = raw("n", 100.0, 700.0, 0);
        first.unknown_width = true;
        first.advance = 5.5;
        let page = finish(raw_page(vec![first, raw(" ", 106.0, 700.0, 0), raw("a", 109.0, 700.0, 0)]));
        assert_eq!(page.glyphs.len(), 2, "spaces are dropped");
        assert_eq!(page.glyphs[0].width, 6.0);
    }

    #[test]
    fn glyph_box_is_above_and_below_the_baseline() {
        let g = Glyph::new("a", 10.0, 100.0, 5.0, 10.0);
        assert!(g.top() < g.baseline && g.bottom() > g.baseline);
        assert_eq!(g.right(), 15.0);
    }
}
