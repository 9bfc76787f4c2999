//! Glyphs into line fragments: baseline rows, split where the horizontal gap is too wide to be a
//! word space, with superscripts and subscripts (smaller glyphs raised or lowered next to larger
//! ones) moved into the fragment they belong to; and a fragment's text with those scripts written
//! as Unicode superscripts (`10⁷`, `CD34⁺`) or a superscript citation (`^[15]`).

use crate::chars::{to_subscript, to_superscript, unspaced};
use crate::geometry::{Glyph, Script};

/// Glyphs whose baselines differ by less than this many font sizes share a row.
const SAME_BASELINE_EM: f64 = 0.2;
/// A horizontal gap wider than this many font sizes ends a fragment (a column or cell gap, not a
/// word space).
const FRAGMENT_GAP_EM: f64 = 0.8;
/// A glyph at most this fraction of its neighbour's size can be a script of it.
const SCRIPT_SIZE_RATIO: f64 = 0.85;
/// How far (in the host's font sizes) a superscript's baseline may be raised, and a subscript's lowered.
const SUPER_RISE_EM: (f64, f64) = (0.12, 0.75);
const SUB_DROP_EM: (f64, f64) = (0.08, 0.45);
/// How far (in the host's font sizes) after its host a script may start.
const SCRIPT_REACH_EM: f64 = 0.8;
/// A script fragment longer than this is a line of small text, not a script.
const MAX_SCRIPT_GLYPHS: usize = 16;
/// A gap wider than this many font sizes is a space between words (Latin text).
const WORD_GAP_EM: f64 = 0.15;
/// Between two CJK glyphs only a much wider gap is a space (justified CJK text is letter-spaced).
const CJK_WORD_GAP_EM: f64 = 0.6;

/// Glyphs on one baseline that read as one run of text, scripts included, sorted by x.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub glyphs: Vec<Glyph>,
    pub baseline: f64,
    /// The font size of the line's normal (non-script) glyphs.
    pub size: f64,
    pub x0: f64,
    pub x1: f64,
}

impl Line {
    fn from_glyphs(glyphs: Vec<Glyph>) -> Line {
        let normal: Vec<&Glyph> = glyphs.iter().filter(|g| g.script == Script::Normal).collect();
        let basis: Vec<&Glyph> = if normal.is_empty() { glyphs.iter().collect() } else { normal };
        let size = basis.iter().map(|g| g.size).fold(0.0, f64::max);
        let baseline = median(basis.iter().map(|g| g.baseline).collect()).unwrap_or(0.0);
        let x0 = glyphs.iter().map(|g| g.x).fold(f64::INFINITY, f64::min);
        let x1 = glyphs.iter().map(Glyph::right).fold(f64::NEG_INFINITY, f64::max);
        Line { glyphs, baseline, size, x0, x1 }
    }
    pub fn top(&self) -> f64 {
        self.baseline - 0.8 * self.size
    }
    pub fn bottom(&self) -> f64 {
        self.baseline + 0.2 * self.size
    }
    /// The line's text with scripts written out (see the module documentation).
    pub fn text(&self) -> String {
        glyphs_text(&self.glyphs)
    }
    /// How wide the line's first word is (its first glyph, for CJK text): what would have had to
    /// fit at the end of the line before for the break to fall elsewhere.
    pub fn first_word_width(&self) -> f64 {
        let Some(first) = self.glyphs.first() else { return 0.0 };
        let mut right = first.right();
        if !first.text.chars().next().is_some_and(unspaced) {
            for pair in self.glyphs.windows(2) {
                if is_word_gap(&pair[0], &pair[1]) || pair[1].text.trim().is_empty() {
                    break;
                }
                right = pair[1].right();
            }
        }
        right - first.x
    }
}

/// The middle value (the upper one of an even count), or `None` for no values.
pub fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied()
}

/// The lines of `indices` in rows of (nearly) the same baseline, top to bottom, each row by x.
pub fn baseline_groups(lines: &[Line], mut indices: Vec<usize>) -> Vec<Vec<usize>> {
    indices.sort_by(|&a, &b| lines[a].baseline.total_cmp(&lines[b].baseline).then(lines[a].x0.total_cmp(&lines[b].x0)));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in indices {
        match groups.last_mut() {
            Some(g)
                if (lines[i].baseline - lines[g[0]].baseline).abs() <= 0.3 * lines[i].size.min(lines[g[0]].size) =>
            {
                g.push(i)
            }
            _ => groups.push(vec![i]),
        }
    }
    groups
}

/// Groups a page's glyphs into line fragments, scripts attached to their hosts.
pub fn build_lines(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline).then(a.x.total_cmp(&b.x)));
    let mut fragments: Vec<Vec<Glyph>> = Vec::new();
    for row in baseline_rows(glyphs) {
        split_row(row, &mut fragments);
    }
    let mut lines: Vec<Line> = fragments.into_iter().map(Line::from_glyphs).collect();
    attach_scripts(&mut lines);
    lines.sort_by(|a, b| a.baseline.total_cmp(&b.baseline).then(a.x0.total_cmp(&b.x0)));
    merge_bridged(lines)
}

/// Joins fragments of one baseline whose gap a script now fills (`形成` `^[13]` `。`).
fn merge_bridged(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines {
        if let Some(prev) =
            out.iter_mut().rev().take_while(|p| line.baseline - p.baseline <= SAME_BASELINE_EM * line.size).find(|p| {
                // (Either may come first: baselines a hair apart sort the right one before the left.)
                (p.size - line.size).abs() <= 0.1 * p.size
                    && ((line.x0 >= p.x0 && line.x0 - p.x1 <= FRAGMENT_GAP_EM * p.size)
                        || (p.x0 >= line.x0 && p.x0 - line.x1 <= FRAGMENT_GAP_EM * p.size))
            })
        {
            let mut glyphs = std::mem::take(&mut prev.glyphs);
            glyphs.extend(line.glyphs);
            glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
            *prev = Line::from_glyphs(glyphs);
            continue;
        }
        out.push(line);
    }
    out
}

/// Glyphs sorted by baseline into rows of (nearly) equal baseline.
fn baseline_rows(sorted: Vec<Glyph>) -> Vec<Vec<Glyph>> {
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    let mut row_baseline = f64::NEG_INFINITY;
    for glyph in sorted {
        match rows.last_mut() {
            Some(row) if glyph.baseline - row_baseline <= SAME_BASELINE_EM * glyph.size => row.push(glyph),
            _ => {
                row_baseline = glyph.baseline;
                rows.push(vec![glyph]);
            }
        }
    }
    rows
}

/// Splits one row (any order) into fragments at wide gaps and where a smaller glyph sits off the
/// baseline of its neighbour (an in-row script, handled by [`attach_scripts`]).
fn split_row(mut row: Vec<Glyph>, out: &mut Vec<Vec<Glyph>>) {
    row.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut current: Vec<Glyph> = Vec::new();
    for glyph in row {
        if let Some(prev) = current.last() {
            let size = prev.size.max(glyph.size);
            let gap = glyph.x - prev.right();
            let shifted = (glyph.baseline - prev.baseline).abs() > 0.08 * size;
            let resized = glyph.size.min(prev.size) < SCRIPT_SIZE_RATIO * size;
            if gap > FRAGMENT_GAP_EM * size || (shifted && resized) {
                out.push(std::mem::take(&mut current));
            }
        }
        current.push(glyph);
    }
    if !current.is_empty() {
        out.push(current);
    }
}

/// Finds, for each short fragment of small glyphs, a larger fragment it is raised or lowered
/// against and that it starts inside or right after; marks its glyphs as scripts and merges them.
fn attach_scripts(lines: &mut Vec<Line>) {
    let mut moves: Vec<(usize, usize, Script)> = Vec::new();
    for (i, small) in lines.iter().enumerate() {
        if small.glyphs.len() > MAX_SCRIPT_GLYPHS {
            continue;
        }
        let mut best: Option<(f64, usize, Script)> = None;
        for (j, host) in lines.iter().enumerate() {
            if i == j || small.size > SCRIPT_SIZE_RATIO * host.size {
                continue;
            }
            let em = host.size;
            let reach_before = small.x1 >= host.x0 - 0.3 * em && small.x1 <= host.x0 + 0.3 * em;
            let inside_or_after = small.x0 >= host.x0 - 0.3 * em && small.x0 <= host.x1 + SCRIPT_REACH_EM * em;
            if !(inside_or_after || reach_before) {
                continue;
            }
            let rise = host.baseline - small.baseline;
            let script = if rise >= SUPER_RISE_EM.0 * em && rise <= SUPER_RISE_EM.1 * em {
                Script::Super
            } else if -rise >= SUB_DROP_EM.0 * em && -rise <= SUB_DROP_EM.1 * em {
                Script::Sub
            } else {
                continue;
            };
            // Prefer the host whose nearest edge is closest, then the smallest shift.
            let distance = (small.x0 - host.x1).max(host.x0 - small.x1).max(0.0) + rise.abs();
            if best.is_none_or(|(d, _, _)| distance < d) {
                best = Some((distance, j, script));
            }
        }
        if let Some((_, host, script)) = best {
            moves.push((i, host, script));
        }
    }
    if moves.is_empty() {
        return;
    }
    // A fragment that becomes a script cannot also host one: drop such chains.
    let scripts: std::collections::HashSet<usize> = moves.iter().map(|m| m.0).collect();
    let mut taken: Vec<Option<Vec<Glyph>>> = lines.iter().map(|_| None).collect();
    for &(i, host, script) in &moves {
        if scripts.contains(&host) {
            continue;
        }
        let mut glyphs = std::mem::take(&mut lines[i].glyphs);
        for g in &mut glyphs {
            g.script = script;
        }
        taken[host].get_or_insert_with(Vec::new).extend(glyphs);
    }
    for (host, extra) in taken.into_iter().enumerate() {
        if let Some(extra) = extra {
            let mut glyphs = std::mem::take(&mut lines[host].glyphs);
            glyphs.extend(extra);
            glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
            lines[host] = Line::from_glyphs(glyphs);
        }
    }
    lines.retain(|l| !l.glyphs.is_empty());
}

/// Whether a gap between two glyphs reads as a space.
fn is_word_gap(prev: &Glyph, next: &Glyph) -> bool {
    let gap = next.x - prev.right();
    let cjk_pair = prev.text.chars().last().is_some_and(unspaced) && next.text.chars().next().is_some_and(unspaced);
    let size = if prev.script == Script::Normal { prev.size } else { next.size };
    if prev.script == Script::Normal && next.script != Script::Normal {
        // A script belongs to what it follows unless set well apart.
        return gap > SCRIPT_REACH_EM * size;
    }
    gap > size * if cjk_pair { CJK_WORD_GAP_EM } else { WORD_GAP_EM }
}

/// Glyphs sorted by x cut into words at the gaps that read as spaces.
pub fn words(glyphs: &[Glyph]) -> Vec<&[Glyph]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..glyphs.len() {
        if is_word_gap(&glyphs[i - 1], &glyphs[i]) || glyphs[i].text.trim().is_empty() {
            out.push(&glyphs[start..i]);
            start = i;
        }
    }
    if start < glyphs.len() {
        out.push(&glyphs[start..]);
    }
    out
}

/// Text of glyphs sorted by x: spaces from gaps, script runs in their written forms.
pub fn glyphs_text(glyphs: &[Glyph]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < glyphs.len() {
        let glyph = &glyphs[i];
        if i > 0 && is_word_gap(&glyphs[i - 1], glyph) {
            out.push(' ');
        }
        if glyph.script == Script::Normal {
            out.push_str(&glyph.text);
            i += 1;
            continue;
        }
        // A run of scripts of one kind, read as one piece.
        let mut j = i + 1;
        let mut run = glyph.text.clone();
        while j < glyphs.len() && glyphs[j].script == glyph.script {
            if is_word_gap(&glyphs[j - 1], &glyphs[j]) {
                run.push(' ');
            }
            run.push_str(&glyphs[j].text);
            j += 1;
        }
        out.push_str(&script_text(&run, glyph.script));
        i = j;
    }
    out
}

/// A superscript or subscript run in the form the text extractor reads.
pub fn script_text(run: &str, script: Script) -> String {
    let trimmed = run.trim();
    let citation_like = |s: &str| {
        !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '-' | '–' | '−' | ' ' | '、'))
    };
    match script {
        Script::Normal => run.to_string(),
        Script::Super
            if trimmed.starts_with('[')
                || trimmed.starts_with('(')
                    && trimmed.ends_with(')')
                    && citation_like(&trimmed[1..trimmed.len() - 1]) =>
        {
            let inner = trimmed.trim_start_matches(['[', '(']).trim_end_matches([']', ')']);
            format!("^[{inner}]")
        }
        Script::Super if citation_like(trimmed) && trimmed.contains([',', '、', '–']) => format!("^[{trimmed}]"),
        // Footnote marks and the like (`ᵃ`, `*`): a caret keeps letters off the word they follow.
        Script::Super => to_superscript(trimmed).unwrap_or_else(|| {
            if trimmed.chars().any(char::is_alphanumeric) { format!("^{trimmed}") } else { trimmed.to_string() }
        }),
        Script::Sub => to_subscript(trimmed).unwrap_or_else(|| trimmed.to_string()),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A run of glyphs with a fixed advance, as a test page would have them.
    pub fn word(text: &str, x: f64, baseline: f64, size: f64) -> Vec<Glyph> {
        let advance = if text.chars().any(unspaced) { size } else { 0.5 * size };
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph::new(&c.to_string(), x + i as f64 * advance, baseline, advance, size))
            .collect()
    }

    #[test]
    fn a_raised_small_exponent_becomes_a_superscript() {
        // "3.2×10" at 7.5 pt and a 5 pt "7" raised by 3.2 pt right after it.
        let mut glyphs = word("3.2×10", 100.0, 200.0, 7.5);
        let end = glyphs.last().unwrap().right();
        glyphs.extend(word("7", end, 196.8, 5.0));
        let lines = build_lines(glyphs);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text(), "3.2×10⁷");
    }

    #[test]
    fn a_superscript_citation_is_bracketed_with_a_caret() {
        let mut glyphs = word("形成", 10.0, 50.0, 9.0);
        glyphs.extend(word("[13]", 28.0, 46.2, 6.0));
        glyphs.extend(word("。", 40.0, 50.0, 9.0));
        let lines = build_lines(glyphs);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text(), "形成^[13]。");
    }

    #[test]
    fn plus_sign_and_subscript_digits() {
        let mut glyphs = word("CD34", 0.0, 100.0, 10.0);
        glyphs.extend(word("+", 20.0, 96.0, 6.0));
        let mut co2 = word("CO", 100.0, 100.0, 10.0);
        co2.extend(word("2", 110.0, 102.0, 6.0));
        glyphs.extend(co2);
        let lines = build_lines(glyphs);
        let texts: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(texts, ["CD34⁺", "CO₂"]);
    }

    #[test]
    fn wide_gaps_split_fragments_and_word_gaps_do_not() {
        let mut glyphs = word("left", 0.0, 100.0, 10.0);
        glyphs.extend(word("text", 22.0, 100.0, 10.0)); // 2 pt gap: a space
        glyphs.extend(word("right", 80.0, 100.0, 10.0)); // 38 pt gap: another fragment
        let lines = build_lines(glyphs);
        let texts: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(texts, ["left text", "right"]);
    }

    #[test]
    fn small_text_on_its_own_line_is_not_a_script() {
        // A footnote line in small type well below a body line.
        let mut glyphs = word("body text here", 0.0, 100.0, 10.0);
        glyphs.extend(word("note", 0.0, 112.0, 6.0));
        let lines = build_lines(glyphs);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| l.glyphs.iter().all(|g| g.script == Script::Normal)));
    }

    #[test]
    fn cjk_letter_spacing_is_not_a_space() {
        let glyphs: Vec<Glyph> = "间充质干细胞"
            .chars()
            .enumerate()
            .map(|(i, c)| Glyph::new(&c.to_string(), i as f64 * 9.4, 10.0, 9.0, 9.0))
            .collect();
        assert_eq!(glyphs_text(&glyphs), "间充质干细胞");
    }

    #[test]
    fn the_first_word_of_a_line() {
        let line = build_lines(word("Mesenchymal stromal cells", 10.0, 50.0, 10.0)).remove(0);
        assert_eq!(line.first_word_width(), 55.0, "11 glyphs of 5 pt");
        let cjk = build_lines(word("间充质干细胞", 10.0, 50.0, 10.0)).remove(0);
        assert_eq!(cjk.first_word_width(), 10.0, "one ideograph");
    }

    #[test]
    fn unbracketed_citation_lists_are_bracketed() {
        assert_eq!(script_text("15,16", Script::Super), "^[15,16]");
        assert_eq!(script_text("5", Script::Super), "⁵");
        assert_eq!(script_text("*", Script::Super), "*");
        assert_eq!(script_text("a", Script::Super), "^a");
    }
}
