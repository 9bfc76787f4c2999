//! The document text with its marks, in one pass.
//!
//! Every mark is a byte range of the text wrapped in an element; marks may nest (a field
//! inside its study) or cross (two studies that share a passage). The text is walked once,
//! boundary by boundary in offset order: at each boundary the marks that end there are closed
//! and those that start there opened. A mark that would have to close while one opened inside
//! it is still open is closed and reopened around it, so the elements always nest and the
//! pieces of one mark, read in order, hold exactly its range of the text (they all carry the
//! same attributes; only the first carries `first_attrs`, such as an `id`). Sorting the
//! boundaries is the only step above linear; the page of a 10 MB document is written in
//! about the time it takes to copy it.

use std::cmp::Reverse;
use std::io::{self, Write};

use crate::escape;

/// A range of the text to wrap in an element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// Byte offsets `[start, end)` into the text.
    pub span: [usize; 2],
    /// Among marks of one range, lower ranks enclose higher ones (a study its fields).
    pub rank: u8,
    /// The element (`mark`, `span`).
    pub tag: &'static str,
    /// Attributes written on every piece (escaped, each with its leading space).
    pub attrs: String,
    /// Attributes written on the first piece only (an `id`).
    pub first_attrs: String,
}

/// An empty element at one offset (a page boundary): it adds no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    pub at: usize,
    pub html: String,
}

/// What became of the marks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    /// Marks whose range is not in the text (past its end, inverted, or not on character
    /// boundaries): left out.
    pub dropped: usize,
    /// Marks cut into more than one piece by a mark that crosses them or a block boundary.
    pub split: usize,
}

/// The text cut into blocks of about `bytes` each, at the end of a line (where no mark is
/// open, when one comes soon enough), `between` written between two blocks: a browser then lays
/// out only the blocks in view (`content-visibility`), and a 10 MB text opens at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocks<'a> {
    pub bytes: usize,
    /// What closes a block and opens the next (`</div><div class="block">`).
    pub between: &'a str,
}

impl Blocks<'_> {
    /// How far past a block's size a break waits for a line end with no mark open.
    const INSIDE_A_MARK: usize = 4;
    /// How far past a block's size a text with no line end at all is cut anyway.
    const WITHOUT_LINE_END: usize = 16;
}

/// Writes `text`, escaped, with `marks` and `points` in it, cut into `blocks` when given
/// (the caller opens the first block and closes the last).
pub fn write(
    out: &mut impl Write,
    text: &str,
    marks: &[Mark],
    points: &[Point],
    blocks: Option<Blocks>,
) -> io::Result<Applied> {
    let fits = |[start, end]: [usize; 2]| start <= end && text.is_char_boundary(start) && text.is_char_boundary(end);
    let mut opening: Vec<usize> = (0..marks.len()).filter(|&i| fits(marks[i].span)).collect();
    // Outer first: by start, the longer first, then by rank, then as given.
    opening.sort_by_key(|&i| (marks[i].span[0], Reverse(marks[i].span[1]), marks[i].rank, i));
    let mut ends: Vec<usize> = opening.iter().map(|&i| marks[i].span).filter(|s| s[0] < s[1]).map(|s| s[1]).collect();
    ends.sort_unstable();
    let mut points: Vec<&Point> = points.iter().filter(|p| text.is_char_boundary(p.at)).collect();
    points.sort_by_key(|p| p.at);

    let mut w = Sweep {
        out,
        marks,
        stack: Vec::new(),
        was_split: vec![false; marks.len()],
        applied: Applied { dropped: marks.len() - opening.len(), split: 0 },
        blocks,
        in_block: 0,
    };
    let (mut next_open, mut next_end, mut next_point) = (0, 0, 0);
    let mut reopen: Vec<usize> = Vec::new();
    let mut cursor = 0;
    loop {
        let at = [
            opening.get(next_open).map(|&i| marks[i].span[0]),
            ends.get(next_end).copied(),
            points.get(next_point).map(|p| p.at),
        ]
        .into_iter()
        .flatten()
        .min();
        let Some(at) = at else { break };
        w.text(&text[cursor..at])?;
        cursor = at;
        // Close what ends here; what opened inside a closing mark and goes on is reopened.
        let mut closing = 0;
        while ends.get(next_end) == Some(&at) {
            closing += 1;
            next_end += 1;
        }
        while closing > 0 {
            let Some(top) = w.stack.pop() else { break };
            write!(w.out, "</{}>", marks[top].tag)?;
            if marks[top].span[1] == at {
                closing -= 1;
            } else {
                reopen.push(top);
            }
        }
        for top in reopen.drain(..).rev() {
            w.reopen(top)?;
        }
        while let Some(point) = points.get(next_point).filter(|p| p.at == at) {
            w.out.write_all(point.html.as_bytes())?;
            next_point += 1;
        }
        while let Some(&i) = opening.get(next_open).filter(|&&i| marks[i].span[0] == at) {
            let mark = &marks[i];
            write!(w.out, "<{}{}{}>", mark.tag, mark.attrs, mark.first_attrs)?;
            if mark.span[1] == at {
                write!(w.out, "</{}>", mark.tag)?;
            } else {
                w.stack.push(i);
            }
            next_open += 1;
        }
    }
    w.text(&text[cursor..])?;
    for top in w.stack.iter().rev() {
        write!(w.out, "</{}>", marks[*top].tag)?;
    }
    Ok(w.applied)
}

/// The state of the walk through the text.
struct Sweep<'a, W> {
    out: &'a mut W,
    marks: &'a [Mark],
    /// The marks open, outermost first.
    stack: Vec<usize>,
    was_split: Vec<bool>,
    applied: Applied,
    blocks: Option<Blocks<'a>>,
    /// Bytes of text written in the current block.
    in_block: usize,
}

impl<W: Write> Sweep<'_, W> {
    /// Opens a piece of an open mark again (after a crossing mark or a block boundary).
    fn reopen(&mut self, mark: usize) -> io::Result<()> {
        write!(self.out, "<{}{}>", self.marks[mark].tag, self.marks[mark].attrs)?;
        if !self.was_split[mark] {
            self.was_split[mark] = true;
            self.applied.split += 1;
        }
        self.stack.push(mark);
        Ok(())
    }

    /// Writes a piece of text with no mark boundary in it, starting a new block where one is due.
    fn text(&mut self, mut text: &str) -> io::Result<()> {
        let Some(blocks) = self.blocks else { return escape::text(self.out, text) };
        loop {
            let due = blocks.bytes * if self.stack.is_empty() { 1 } else { Blocks::INSIDE_A_MARK };
            let wait = due.saturating_sub(self.in_block);
            if text.len() <= wait {
                self.in_block += text.len();
                return escape::text(self.out, text);
            }
            // After the first line end past `wait`; a line end is one byte, so a boundary.
            let line_end = text.as_bytes()[wait..].iter().position(|&b| b == b'\n').map(|p| wait + p + 1);
            // A line longer than many blocks is cut where it must be, at a character boundary.
            let forced = (blocks.bytes * Blocks::WITHOUT_LINE_END).saturating_sub(self.in_block).max(wait);
            let cut = match line_end {
                Some(cut) if cut <= forced => cut,
                _ if forced < text.len() => {
                    (forced..text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len())
                }
                _ => {
                    self.in_block += text.len();
                    return escape::text(self.out, text);
                }
            };
            escape::text(self.out, &text[..cut])?;
            self.new_block(blocks.between)?;
            text = &text[cut..];
        }
    }

    /// Closes every open mark, starts the next block, and reopens them in it.
    fn new_block(&mut self, between: &str) -> io::Result<()> {
        for &mark in self.stack.iter().rev() {
            write!(self.out, "</{}>", self.marks[mark].tag)?;
        }
        self.out.write_all(between.as_bytes())?;
        for mark in std::mem::take(&mut self.stack) {
            self.reopen(mark)?;
        }
        self.in_block = 0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(span: [usize; 2], rank: u8, name: &str) -> Mark {
        Mark { span, rank, tag: "b", attrs: format!(" n=\"{name}\""), first_attrs: format!(" id=\"{name}\"") }
    }

    fn html(text: &str, marks: &[Mark], points: &[Point]) -> (String, Applied) {
        let mut out = Vec::new();
        let applied = write(&mut out, text, marks, points, None).unwrap();
        (String::from_utf8(out).unwrap(), applied)
    }

    /// The text of every piece of the mark named `name`, in order, read back from `html`
    /// (tags stripped, entities of the test texts undone).
    fn text_of(html: &str, name: &str) -> String {
        let mut out = String::new();
        let mut depth_in: Vec<bool> = Vec::new();
        let mut rest = html;
        while let Some(lt) = rest.find('<') {
            if depth_in.iter().any(|&inside| inside) {
                out.push_str(&rest[..lt]);
            }
            let gt = rest[lt..].find('>').unwrap() + lt;
            let tag = &rest[lt + 1..gt];
            if let Some(_closing) = tag.strip_prefix('/') {
                depth_in.pop();
            } else if !tag.starts_with("hr") {
                depth_in.push(tag.contains(&format!("n=\"{name}\"")));
            }
            rest = &rest[gt + 1..];
        }
        out.replace("&lt;", "<").replace("&amp;", "&")
    }

    #[test]
    fn nested_marks_nest_and_a_study_encloses_its_field() {
        let text = "ab<cd>ef";
        let marks = [mark([2, 6], 1, "f"), mark([2, 6], 0, "s"), mark([0, 8], 0, "all")];
        let (got, applied) = html(text, &marks, &[]);
        assert_eq!(got, "<b n=\"all\" id=\"all\">ab<b n=\"s\" id=\"s\"><b n=\"f\" id=\"f\">&lt;cd&gt;</b></b>ef</b>");
        assert_eq!(applied, Applied::default());
    }

    #[test]
    fn crossing_marks_are_split_and_each_still_holds_its_text() {
        let text = "0123456789";
        let marks = [mark([0, 6], 0, "a"), mark([3, 9], 0, "b"), mark([5, 7], 1, "c")];
        let (got, applied) = html(text, &marks, &[]);
        assert_eq!(text_of(&got, "a"), "012345");
        assert_eq!(text_of(&got, "b"), "345678");
        assert_eq!(text_of(&got, "c"), "56");
        assert_eq!(applied.split, 2, "{got}");
        // Only the first piece of a split mark has its id.
        assert_eq!(got.matches("id=\"b\"").count(), 1);
        assert_eq!(got.matches("n=\"b\"").count(), 2);
    }

    #[test]
    fn marks_outside_the_text_or_off_character_boundaries_are_left_out() {
        let text = "肝衰竭";
        let marks = [mark([0, 3], 0, "ok"), mark([1, 3], 0, "mid"), mark([3, 99], 0, "past"), mark([6, 3], 0, "inv")];
        let (got, applied) = html(text, &marks, &[]);
        assert_eq!(got, "<b n=\"ok\" id=\"ok\">肝</b>衰竭");
        assert_eq!(applied.dropped, 3);
    }

    #[test]
    fn empty_marks_and_points_add_no_text() {
        let text = "page one page two";
        let points = [Point { at: 9, html: "<hr>".into() }, Point { at: 0, html: "<hr>".into() }];
        let marks = [mark([4, 4], 0, "e"), mark([9, 17], 0, "p2")];
        let (got, _) = html(text, &marks, &points);
        assert_eq!(got, "<hr>page<b n=\"e\" id=\"e\"></b> one <hr><b n=\"p2\" id=\"p2\">page two</b>");
    }

    fn blocks_of(text: &str, marks: &[Mark], bytes: usize) -> String {
        let mut out = Vec::new();
        write(&mut out, text, marks, &[], Some(Blocks { bytes, between: "<hr>" })).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn blocks_end_at_a_line_end_outside_the_marks_when_one_comes() {
        let text = "aaaa\nbb\ncc\ndddd\n";
        // A block of 3 bytes at least: the first line end past it ends the block.
        assert_eq!(blocks_of(text, &[], 3), "aaaa\n<hr>bb\ncc\n<hr>dddd\n<hr>");
        // Inside a mark a block waits for the mark to end (up to four blocks' size).
        let marks = [mark([0, 10], 0, "s")];
        let got = blocks_of(text, &marks, 3);
        assert_eq!(got, "<b n=\"s\" id=\"s\">aaaa\nbb\ncc</b>\n<hr>dddd\n<hr>");
        assert_eq!(text_of(&got, "s"), "aaaa\nbb\ncc");
    }

    #[test]
    fn a_mark_longer_than_blocks_is_closed_and_reopened_around_the_boundary() {
        let text = "ab\ncd\nef\ngh\nij\nkl\n";
        let marks = [mark([0, 17], 0, "s"), mark([4, 10], 1, "f")];
        let got = blocks_of(text, &marks, 2);
        assert!(got.contains("</b></b><hr><b n=\"s\"><b n=\"f\">"), "{got}");
        assert_eq!(text_of(&got, "s"), &text[..17]);
        assert_eq!(text_of(&got, "f"), &text[4..10]);
        assert_eq!(got.matches("id=\"s\"").count(), 1, "only the first piece has the id");
    }

    #[test]
    fn a_text_without_line_ends_is_cut_at_character_boundaries() {
        let text = "肝".repeat(100);
        let got = blocks_of(&text, &[], 4);
        let pieces: Vec<&str> = got.split("<hr>").collect();
        assert!(pieces.len() > 3, "{got}");
        assert_eq!(pieces.concat(), text);
        assert!(pieces.iter().all(|p| p.len() <= 4 * 16 + 3));
    }

    #[test]
    fn many_marks_are_written_in_one_pass() {
        // 200 000 studies, each with a field, over a 2 MB text: linear in the marks.
        let text = "x".repeat(2_000_000);
        let marks: Vec<Mark> = (0..200_000)
            .flat_map(|i| [mark([i * 10, i * 10 + 8], 0, "s"), mark([i * 10 + 2, i * 10 + 4], 1, "f")])
            .collect();
        let mut out = Vec::new();
        let applied = write(&mut out, &text, &marks, &[], None).unwrap();
        assert_eq!(applied, Applied::default());
        assert_eq!(String::from_utf8(out).unwrap().matches("<b ").count(), 400_000);
    }
}
