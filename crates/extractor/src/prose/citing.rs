//! The citation markers of running text, and the text its cue words are read in.
//!
//! A PDF's text layer flattens superscript citations into digits glued to the word before
//! (`Ibrahim et al.5 allocated`, `a Brazilian group7 treated`). Where the document has a
//! numbered bibliography and cites with no brackets anywhere in its prose, such digits up to
//! the bibliography's last number are citations ([`citation::find_flattened`]). Cue words are
//! then read in a copy of the text with those digits blanked (same byte offsets), so that
//! `colleagues6 enrolled` reads as `colleagues  enrolled` and `group7 treated` holds no count.

use std::borrow::Cow;

use trialex_model::Span;

use crate::citation::{self, Marker, MarkerStyle};

/// The flattened citations of a document and its text with them blanked.
#[derive(Debug, Clone)]
pub struct Citing<'a> {
    text: &'a str,
    cue_text: Cow<'a, str>,
    /// Flattened markers, absolute spans, in text order.
    flattened: Vec<Marker>,
}

fn inside(span: Span, skip: &[Span]) -> bool {
    skip.iter().any(|s| s[0] <= span[0] && span[1] <= s[1])
}

impl<'a> Citing<'a> {
    /// Bracketed, caret, parenthesised and superscript markers only (no bibliography known).
    pub fn plain(text: &'a str) -> Self {
        Citing { text, cue_text: Cow::Borrowed(text), flattened: Vec::new() }
    }

    /// Also the flattened superscripts up to `max_reference` in the prose outside `skip`, when
    /// that prose cites with no bracket or caret marker (a bracket-citing text never flattens).
    pub fn new(text: &'a str, skip: &[Span], max_reference: Option<u32>) -> Self {
        let Some(max) = max_reference else { return Self::plain(text) };
        let brackets = citation::find_markers(text)
            .iter()
            .any(|m| matches!(m.style, MarkerStyle::Bracket | MarkerStyle::Caret) && !inside(m.span, skip));
        if brackets {
            return Self::plain(text);
        }
        let flattened: Vec<Marker> =
            citation::find_flattened(text, max).into_iter().filter(|m| !inside(m.span, skip)).collect();
        if flattened.is_empty() {
            return Self::plain(text);
        }
        let mut blanked = text.to_string();
        for m in &flattened {
            // Digits are ASCII: the blanked copy keeps every byte offset.
            blanked.replace_range(m.span[0]..m.span[1], &" ".repeat(m.span[1] - m.span[0]));
        }
        Citing { text, cue_text: Cow::Owned(blanked), flattened }
    }

    /// The text cue words are matched in (flattened citations blanked).
    pub fn cue_text(&self) -> &str {
        &self.cue_text
    }

    /// The cue text of `span`.
    pub fn cue(&self, span: Span) -> &str {
        self.cue_text.get(span[0]..span[1]).unwrap_or("")
    }

    /// The citation markers inside `span`, with absolute spans, in text order.
    pub fn markers(&self, span: Span) -> Vec<Marker> {
        let Some(body) = self.text.get(span[0]..span[1]) else { return Vec::new() };
        let mut out: Vec<Marker> = citation::find_markers(body)
            .into_iter()
            .map(|m| Marker { span: [span[0] + m.span[0], span[0] + m.span[1]], ..m })
            .collect();
        out.extend(self.flattened_in(span).cloned());
        out.sort_by_key(|m| m.span[0]);
        out
    }

    /// The flattened markers inside `span`.
    pub fn flattened_in(&self, span: Span) -> impl Iterator<Item = &Marker> {
        self.flattened.iter().filter(move |m| span[0] <= m.span[0] && m.span[1] <= span[1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattened_citations_are_blanked_only_without_brackets() {
        let t = "Okoro and colleagues4 treated 12 patients.\nReferences\n1. A\n";
        let c = Citing::new(t, &[], Some(6));
        assert_eq!(c.cue_text(), "Okoro and colleagues  treated 12 patients.\nReferences\n1. A\n");
        assert_eq!(c.markers([0, t.len()])[0].numbers, [4]);
        // Beyond the bibliography, or in a text that cites with brackets: no citation.
        assert!(Citing::new(t, &[], Some(3)).markers([0, t.len()]).is_empty());
        let bracketed = "Okoro and colleagues4 treated 12 patients [2].";
        let c = Citing::new(bracketed, &[], Some(6));
        assert_eq!(c.cue_text(), bracketed);
        assert_eq!(c.markers([0, bracketed.len()])[0].numbers, [2]);
    }
}
