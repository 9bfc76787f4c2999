//! Line breaks that only wrap text.
//!
//! Hard-wrapped prose (a PDF's text layer, a plain-text review) and table cells whose text
//! runs over several lines break a phrase wherever the line ends: `The MELD⏎score fell`,
//! `into the portal⏎vein`, `bone⏎marrow`. Such a break is a space. A blank line ends a
//! paragraph, and a line that starts with a list marker (`- `, `• `, `2. `) starts a new
//! item: those stay line breaks, so that the outcome reader still ends a sentence there. A
//! reader may keep other breaks too, by what the lines on either side say (the outcome
//! reader keeps the break between two lines that each state a finding).

use crate::text::Mapped;
use regex::{Captures, Regex};
use std::sync::LazyLock;

/// A line break with the blanks around it, the blank lines after it, and a list marker
/// that starts the next line.
static BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[ \t]*\r?\n[ \t]*(?P<blank>(?:\r?\n[ \t]*)+)?(?P<item>[-•*·▪]\s|\(?\d{1,2}[.)、]\s)?")
        .expect("valid line-break regex")
});

/// Any run of blanks, line breaks included.
static BLANKS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+").expect("valid blanks regex"));

/// `text` with every wrapping line break made a space (see the module documentation);
/// paragraph breaks, list items and the breaks for which `keep(line before, line after)`
/// holds keep one line break.
pub(crate) fn unwrap(text: &Mapped, keep: impl Fn(&str, &str) -> bool) -> Mapped {
    let whole = text.text.as_str();
    text.replace_all(&BREAK, |caps: &Captures| {
        let item = caps.name("item").map_or("", |m| m.as_str());
        let kept = caps.get(0).is_some_and(|m| {
            let before = whole[..m.start()].rsplit('\n').next().unwrap_or("");
            let after = whole[m.end()..].split('\n').next().unwrap_or("");
            keep(before, after)
        });
        if caps.name("blank").is_some() || !item.is_empty() || kept { format!("\n{item}") } else { " ".to_string() }
    })
}

/// `text` with every run of blanks, line breaks included, made one space: for readers of
/// terms, to which a line break is never more than a space.
pub(crate) fn one_line(text: &Mapped) -> Mapped {
    text.replace_all(&BLANKS, |_| " ".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unwrapped(s: &str) -> String {
        unwrap(&Mapped::prepare(s), |_, _| false).text
    }

    #[test]
    fn a_wrapping_break_is_a_space() {
        assert_eq!(unwrapped("serum\nbilirubin fell"), "serum bilirubin fell");
        assert_eq!(unwrapped("serum  \r\n  bilirubin"), "serum bilirubin");
        assert_eq!(unwrapped("肝功能明显\n改善"), "肝功能明显 改善");
    }

    #[test]
    fn paragraphs_and_list_items_keep_a_break() {
        assert_eq!(unwrapped("INR fell\n\nSurvival rose"), "INR fell\nSurvival rose");
        assert_eq!(unwrapped("INR fell\n- survival rose"), "INR fell\n- survival rose");
        assert_eq!(unwrapped("INR fell\n2. survival rose"), "INR fell\n2. survival rose");
    }

    #[test]
    fn a_reader_may_keep_a_break() {
        let kept = unwrap(&Mapped::prepare("a b\nC d\ne f"), |before, after| before == "a b" && after == "C d");
        assert_eq!(kept.text, "a b\nC d e f");
    }

    #[test]
    fn one_line_joins_everything() {
        assert_eq!(one_line(&Mapped::prepare("bone\n\nmarrow  cells")).text, "bone marrow cells");
    }

    #[test]
    fn the_map_still_points_into_the_input() {
        let input = "fell\nsharply";
        let joined = unwrap(&Mapped::prepare(input), |_, _| false);
        let at = joined.text.find("sharply").unwrap_or(0);
        assert_eq!(&input[joined.source_range(at..at + 7)], "sharply");
    }
}
