//! The vocabularies of tables, read once from the data files in `crates/extractor/data/`:
//! `table_headers.tsv` (which column role a header word names) and `table_cues.tsv`
//! (caption labels, note cues, continuation marks, caption cell words, headings).

use std::sync::LazyLock;

use super::Role;

const HEADERS_TSV: &str = include_str!("../../data/table_headers.tsv");
const CUES_TSV: &str = include_str!("../../data/table_cues.tsv");

/// One header keyword of `table_headers.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HeaderKeyword {
    pub role: Role,
    /// Lowercase.
    pub keyword: String,
    /// The keyword must be the whole header cell.
    pub exact: bool,
    /// The keyword (a whole cell) counts only in a header row that its other cells make
    /// one, in a delimited layout ([`super::header::classify_in_row`]).
    pub in_row: bool,
}

/// The cue words of `table_cues.tsv`, by kind.
#[derive(Debug, Default)]
pub(crate) struct Cues {
    pub caption_labels: Vec<String>,
    pub notes: Vec<String>,
    pub continued: Vec<String>,
    pub cell_words: Vec<String>,
    pub origin_words: Vec<String>,
    pub cell_phrase_end_zh: Vec<String>,
    pub cell_phrase_start_en: Vec<String>,
    pub cell_phrase_end_en: Vec<String>,
    pub headings: Vec<String>,
    pub dose_units: Vec<String>,
    pub dose_units_cell: Vec<String>,
    pub author_cues: Vec<String>,
    pub power_words: Vec<String>,
}

pub(crate) static HEADER_KEYWORDS: LazyLock<Vec<HeaderKeyword>> = LazyLock::new(|| {
    data_rows(HEADERS_TSV)
        .filter_map(|fields| {
            let role = Role::from_name(fields.first()?)?;
            let keyword = fields.get(1)?.to_lowercase();
            let in_row = fields.get(2) == Some(&"in_row");
            let exact = in_row || fields.get(2) == Some(&"exact");
            Some(HeaderKeyword { role, keyword, exact, in_row })
        })
        .collect()
});

pub(crate) static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let mut cues = Cues::default();
    for fields in data_rows(CUES_TSV) {
        let (Some(kind), Some(word)) = (fields.first(), fields.get(1)) else { continue };
        let list = match *kind {
            "caption_label" => &mut cues.caption_labels,
            "note" => &mut cues.notes,
            "continued" => &mut cues.continued,
            "cell_word" => &mut cues.cell_words,
            "origin_word" => &mut cues.origin_words,
            "cell_phrase_end_zh" => &mut cues.cell_phrase_end_zh,
            "cell_phrase_start_en" => &mut cues.cell_phrase_start_en,
            "cell_phrase_end_en" => &mut cues.cell_phrase_end_en,
            "heading" => &mut cues.headings,
            "dose_unit" => &mut cues.dose_units,
            "dose_unit_cell" => &mut cues.dose_units_cell,
            "author_cue" => &mut cues.author_cues,
            "power_word" => &mut cues.power_words,
            _ => continue,
        };
        list.push(word.to_string());
    }
    cues
});

/// A case-insensitive regex matching any of `words`: Latin words whole (an ASCII word
/// boundary, so that `kg` in `/kg体重` counts), others anywhere.
pub(crate) fn any_word(words: &[String]) -> regex::Regex {
    let alternatives: Vec<String> = words
        .iter()
        .map(|w| {
            let escaped = regex::escape(w);
            if w.chars().all(|c| c.is_ascii_alphabetic() || c == ' ') {
                format!(r"(?-u:\b){escaped}(?-u:\b)")
            } else {
                escaped
            }
        })
        .collect();
    // An empty list matches nothing.
    let pattern =
        if alternatives.is_empty() { r"[^\s\S]".to_string() } else { format!("(?i)(?:{})", alternatives.join("|")) };
    regex::Regex::new(&pattern).expect("word list regex")
}

/// The tab-separated fields of every data line (not blank, not a `#` comment).
fn data_rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines()
        .map(str::trim_end)
        .filter(|line| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
        .map(|line| line.split('\t').map(str::trim).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_match_latin_words_whole() {
        let words = ["kg".to_string(), "cells".to_string(), "个".to_string()];
        let re = any_word(&words);
        for text in ["2×10⁶/kg体重", "3 Cells", "5×10⁷个"] {
            assert!(re.is_match(text), "{text}");
        }
        assert!(!re.is_match("3 cellsorters") && !re.is_match("skg"));
        assert!(!any_word(&[]).is_match("anything"));
    }

    #[test]
    fn every_header_line_names_a_known_role() {
        assert_eq!(
            HEADER_KEYWORDS.len(),
            data_rows(HEADERS_TSV).count(),
            "a line of table_headers.tsv has an unknown role"
        );
        assert!(HEADER_KEYWORDS.iter().any(|k| k.role == Role::Dose && k.keyword == "细胞数量"));
    }

    #[test]
    fn every_cue_line_has_a_known_kind() {
        let cues = &*CUES;
        let total = cues.caption_labels.len()
            + cues.notes.len()
            + cues.continued.len()
            + cues.cell_words.len()
            + cues.origin_words.len()
            + cues.cell_phrase_end_zh.len()
            + cues.cell_phrase_start_en.len()
            + cues.cell_phrase_end_en.len()
            + cues.headings.len()
            + cues.dose_units.len()
            + cues.dose_units_cell.len()
            + cues.author_cues.len()
            + cues.power_words.len();
        assert_eq!(total, data_rows(CUES_TSV).count(), "a line of table_cues.tsv has an unknown kind");
        assert!(cues.caption_labels.iter().any(|l| l == "表"));
    }
}
