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

/// The `OutputDev` that records glyphs and rules page by page.
#[derive(Debug, Default)]
pub struct Collector {
    pub pages: Vec<PageContent>,
    current: Option<PageContent>,
    /// The last glyph, when its font gave no width for it.
    unknown_width: Option<usize>,
    page_top: f64,
    page_left: f64,
}

impl Collector {
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes the page begun but never ended (its content stream failed half-way).
    pub fn take_unfinished(&mut self) -> Option<PageContent> {
        self.current.take()
    }

    fn to_page(&self, ctm: &Transform, x: f64, y: f64) -> (f64, f64) {
        let px = ctm.m11 * x + ctm.m21 * y + ctm.m31;
        let py = ctm.m12 * x + ctm.m22 * y + ctm.m32;
        (px - self.page_left, self.page_top - py)
    }

    fn add_segment(&mut self, a: (f64, f64), b: (f64, f64)) {
        let Some(page) = self.current.as_mut() else { return };
        let (dx, dy) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
        if dy <= MAX_RULE_THICKNESS && dx >= MIN_RULE_LENGTH {
            page.rules.push(Rule::horizontal(a.0, b.0, (a.1 + b.1) / 2.0));
        } else if dx <= MAX_RULE_THICKNESS && dy >= MIN_RULE_LENGTH {
            page.rules.push(Rule::vertical((a.0 + b.0) / 2.0, a.1, b.1));
        }
    }

    /// Rules from a stroked or filled path: its straight segments and its thin rectangles.
    fn add_path(&mut self, ctm: &Transform, path: &Path, filled: bool) {
        let mut start: Option<(f64, f64)> = None;
        let mut here: Option<(f64, f64)> = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    let p = self.to_page(ctm, x, y);
                    start = Some(p);
                    here = Some(p);
                }
                PathOp::LineTo(x, y) => {
                    let p = self.to_page(ctm, x, y);
                    // A filled polygon's edges are not rules unless the polygon is thin.
                    if let Some(h) = here {
                        if !filled {
                            self.add_segment(h, p);
                        }
                    }
                    here = Some(p);
                }
                PathOp::CurveTo(_, _, _, _, x, y) => here = Some(self.to_page(ctm, x, y)),
                PathOp::Rect(x, y, w, h) => {
                    let a = self.to_page(ctm, x, y);
                    let b = self.to_page(ctm, x + w, y + h);
                    let (dx, dy) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
                    if dy <= MAX_RULE_THICKNESS {
                        self.add_segment((a.0, (a.1 + b.1) / 2.0), (b.0, (a.1 + b.1) / 2.0));
                    } else if dx <= MAX_RULE_THICKNESS {
                        self.add_segment(((a.0 + b.0) / 2.0, a.1), ((a.0 + b.0) / 2.0, b.1));
                    } else if !filled {
                        // A stroked box: its four sides are rules (a cell border).
                        let (x0, x1, y0, y1) = (a.0.min(b.0), a.0.max(b.0), a.1.min(b.1), a.1.max(b.1));
                        self.add_segment((x0, y0), (x1, y0));
                        self.add_segment((x0, y1), (x1, y1));
                        self.add_segment((x0, y0), (x0, y1));
                        self.add_segment((x1, y0), (x1, y1));
                    }
                    here = Some(a);
                }
                PathOp::Close => {
                    if let (Some(h), Some(s)) = (here, start) {
                        if !filled {
                            self.add_segment(h, s);
                        }
                    }
                    here = start;
                }
            }
        }
        if filled {
            self.add_mark(ctm, path);
        }
        // A filled thin polygon (some producers draw rules as four-point paths): use its bounds.
        if filled && path.ops.iter().any(|op| matches!(op, PathOp::LineTo(..))) {
            let points: Vec<(f64, f64)> = path
                .ops
                .iter()
                .filter_map(|op| match *op {
                    PathOp::MoveTo(x, y) | PathOp::LineTo(x, y) => Some(self.to_page(ctm, x, y)),
                    _ => None,
                })
                .collect();
            let (x0, x1) = min_max(points.iter().map(|p| p.0));
            let (y0, y1) = min_max(points.iter().map(|p| p.1));
            if y1 - y0 <= MAX_RULE_THICKNESS {
                self.add_segment((x0, (y0 + y1) / 2.0), (x1, (y0 + y1) / 2.0));
            } else if x1 - x0 <= MAX_RULE_THICKNESS {
                self.add_segment(((x0 + x1) / 2.0, y0), ((x0 + x1) / 2.0, y1));
            }
        }
    }
}

impl Collector {
    /// A small, roughly square filled shape is a bullet (or a similar mark) standing before a line.
    fn add_mark(&mut self, ctm: &Transform, path: &Path) {
        let points: Vec<(f64, f64)> = path
            .ops
            .iter()
            .flat_map(|op| match *op {
                PathOp::MoveTo(x, y) | PathOp::LineTo(x, y) => vec![(x, y)],
                PathOp::CurveTo(x1, y1, x2, y2, x, y) => vec![(x1, y1), (x2, y2), (x, y)],
                PathOp::Rect(x, y, w, h) => vec![(x, y), (x + w, y + h)],
                PathOp::Close => vec![],
            })
            .map(|(x, y)| self.to_page(ctm, x, y))
            .collect();
        if points.is_empty() {
            return;
        }
        let (x0, x1) = min_max(points.iter().map(|p| p.0));
        let (y0, y1) = min_max(points.iter().map(|p| p.1));
        let (w, h) = (x1 - x0, y1 - y0);
        let square = w >= MIN_MARK_SIZE && h >= MIN_MARK_SIZE && w <= MAX_MARK_SIZE && h <= MAX_MARK_SIZE && w <= 2.0 * h && h <= 2.0 * w;
        if let (true, Some(page)) = (square, self.current.as_mut()) {
            page.marks.push(((x0 + x1) / 2.0, (y0 + y1) / 2.0));
        }
    }
}

fn min_max(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)))
}

impl OutputDev for Collector {
    fn begin_page(&mut self, page_num: u32, media_box: &MediaBox, _art_box: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        self.page_top = media_box.ury;
        self.unknown_width = None;
        self.page_left = media_box.llx;
        self.current = Some(PageContent {
            number: page_num,
            width: (media_box.urx - media_box.llx).abs(),
            height: (media_box.ury - media_box.lly).abs(),
            ..PageContent::default()
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        if let Some(page) = self.current.take() {
            self.pages.push(page);
        }
        Ok(())
    }

    fn output_character(&mut self, trm: &Transform, width: f64, _spacing: f64, font_size: f64, text: &str) -> Result<(), OutputError> {
        let (page_top, page_left) = (self.page_top, self.page_left);
        let Some(page) = self.current.as_mut() else { return Ok(()) };
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size.abs() * scale;
        if !size.is_finite() || size <= 0.0 || !trm.m31.is_finite() || !trm.m32.is_finite() {
            return Ok(());
        }
        if trm.m12.abs() > 0.1 * trm.m11.abs() || trm.m11 <= 0.0 {
            page.rotated_glyphs += 1;
            return Ok(());
        }
        let (x, baseline) = (trm.m31 - page_left, page_top - trm.m32);
        // The glyph before, if its width was unknown, ends where this one (or this space) starts.
        if let Some(previous) = self.unknown_width.take().and_then(|i| page.glyphs.get_mut(i)) {
            let step = x - previous.x;
            if (previous.baseline - baseline).abs() < 0.1 * size && step > 0.0 && step <= 1.5 * previous.size {
                previous.width = step;
            }
        }
        let normalized = chars::normalize_glyph(text);
        if normalized.trim().is_empty() {
            return Ok(());
        }
        let mut advance = width * size;
        // An ASCII glyph exactly one em wide is a font without widths for it (pdf-extract
        // falls back to 1000 units): take an average letter width until the next glyph shows the real one.
        if (width - 1.0).abs() < 1e-3 && normalized.chars().all(|c| c.is_ascii_graphic()) {
            advance = UNKNOWN_LATIN_ADVANCE_EM * size;
            self.unknown_width = Some(page.glyphs.len());
        }
        page.glyphs.push(Glyph {
            text: normalized,
            x,
            baseline,
            width: if advance.is_finite() && advance > 0.0 { advance } else { 0.5 * size },
            size,
            script: Script::Normal,
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

    fn stroke(&mut self, ctm: &Transform, _colorspace: &ColorSpace, _color: &[f64], path: &Path) -> Result<(), OutputError> {
        self.add_path(ctm, path, false);
        Ok(())
    }

    fn fill(&mut self, ctm: &Transform, _colorspace: &ColorSpace, _color: &[f64], path: &Path) -> Result<(), OutputError> {
        self.add_path(ctm, path, true);
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

    #[test]
    fn glyph_box_is_above_and_below_the_baseline() {
        let g = Glyph::new("a", 10.0, 100.0, 5.0, 10.0);
        assert!(g.top() < g.baseline && g.bottom() > g.baseline);
        assert_eq!(g.right(), 15.0);
    }
}
