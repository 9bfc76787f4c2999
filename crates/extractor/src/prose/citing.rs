//! The citation markers of running text, and the text its cue words are read in.
//!
//! A PDF's text layer flattens superscript citations into digits glued to the word before
//! (`Ibrahim et al.5 allocated`, `a Brazilian group7 treated`). Where the document has a
//! numbered bibliography, such digits up to its last number are citations
//! ([`citation::find_flattened`]), except in a passage that also cites with brackets. Cue words are
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

    /// Also the flattened superscripts up to `max_reference` in the prose outside `skip`.
    pub fn new(text: &'a str, skip: &[Span], max_reference: Option<u32>) -> Self {
        let Some(max) = max_reference else { return Self::plain(text) };
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

    /// The citation markers inside `span`, with absolute spans, in text order. A span that
    /// cites with brackets or carets does not also cite with glued digits (as in
    /// [`citation::find_markers`]): there those digits are names or units.
    pub fn markers(&self, span: Span) -> Vec<Marker> {
        let Some(body) = self.text.get(span[0]..span[1]) else { return Vec::new() };
        let mut out: Vec<Marker> = citation::find_markers(body)
            .into_iter()
            .map(|m| Marker { span: [span[0] + m.span[0], span[0] + m.span[1]], ..m })
            .collect();
        if !out.iter().any(|m| matches!(m.style, MarkerStyle::Bracket | MarkerStyle::Caret)) {
            out.extend(self.flattened_in(span).cloned());
        }
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
    fn flattened_citations_are_blanked_and_yield_to_brackets() {
        let t = "Okoro and colleagues4 treated 12 patients.\nReferences\n1. A\n";
        let c = Citing::new(t, &[], Some(6));
        assert_eq!(c.cue_text(), "Okoro and colleagues  treated 12 patients.\nReferences\n1. A\n");
        assert_eq!(c.markers([0, t.len()])[0].numbers, [4]);
        // Beyond the bibliography: no citation.
        assert!(Citing::new(t, &[], Some(3)).markers([0, t.len()]).is_empty());
        // A passage that cites with brackets keeps its brackets only; another passage of the
        // same text may still cite with glued digits.
        let mixed = "Okoro and colleagues4 treated 12 patients [2]. Mensah and colleagues5 treated 9.";
        let c = Citing::new(mixed, &[], Some(6));
        let first = [0, mixed.find(" Mensah").unwrap()];
        let numbers: Vec<_> = c.markers(first).into_iter().map(|m| m.numbers).collect();
        assert_eq!(numbers, [vec![2]]);
        assert_eq!(c.markers([first[1], mixed.len()])[0].numbers, [5]);
    }
}

#[cfg(test)]
mod no_panic {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text gives markers that are exact slices and a cue text of the same length.
        #[test]
        fn any_text_gives_exact_slices(text in "([a-zA-Z0-9.,()（）\\[\\] \n×é中-]|et al\\.|colleagues){0,60}") {
            let c = Citing::new(&text, &[], Some(50));
            prop_assert_eq!(c.cue_text().len(), text.len());
            for m in c.markers([0, text.len()]) {
                prop_assert_eq!(&text[m.span[0]..m.span[1]], m.raw.as_str());
            }
        }
    }
}
