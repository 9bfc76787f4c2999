//! Table captions (`表 1 …`, `表3 …`, `Table 2. …`, `Table 1: …`, `续表 1`), the merging of
//! a Chinese caption with its English translation, and the cell phrase a caption names
//! (`UC-MSCs 治疗…` → `UC-MSCs`, `… of bone marrow-derived MSCs in …` → `bone
//! marrow-derived MSCs`).

use std::sync::LazyLock;

use regex::Regex;

use super::lines::Line;
use super::vocab::CUES;

/// Longest caption line (characters): longer lines are prose that mentions a table.
pub(crate) const MAX_CAPTION_CHARS: usize = 300;

/// `label number separator rest`: the separator is punctuation or a space, so that prose
/// such as `表1总结了…` is not a caption.
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    let mut labels: Vec<String> = CUES.caption_labels.iter().map(|l| regex::escape(l)).collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let pattern = format!(
        r"(?i)^[\s#*_>]*(?P<label>(?:{})\s*(?P<number>\d+|[IVX]+)[a-z]?)\**(?:\s*[.:：、．|\-–—]\s*|\s+|$)(?P<rest>.*)$",
        labels.join("|")
    );
    Regex::new(&pattern).expect("caption regex")
});

/// A caption line: its label as written, the table number, the text after the label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caption {
    /// `表 1`, `表3`, `Table 2` as written.
    pub label: String,
    /// The number as written (`1`, `II`).
    pub number: String,
    /// The caption text after the label (the Chinese one when a translation follows).
    pub text: String,
    /// The caption marks the continuation of an earlier table (`Table 1 (continued)`, `续表 1`).
    pub continued: bool,
    /// The cells the caption names, if it names any.
    pub cell_phrase: Option<String>,
}

/// The caption on `line`, if it is one.
pub(crate) fn parse(line: &Line) -> Option<Caption> {
    let text = line.text.trim();
    if text.chars().count() > MAX_CAPTION_CHARS {
        return None;
    }
    let found = CAPTION.captures(text)?;
    let label = found["label"].split_whitespace().collect::<Vec<_>>().join(" ");
    // Keep the label's own spacing (`表 1` vs `表3`) but not line breaks or doubled spaces.
    let label = if found["label"].contains(char::is_whitespace) { label } else { found["label"].to_string() };
    let rest = found["rest"].trim().trim_matches(|c: char| c == '*' || c == '_').trim().to_string();
    let lower = format!("{} {}", found["label"].to_lowercase(), rest.to_lowercase());
    let continued = CUES.continued.iter().any(|cue| lower.contains(&cue.to_lowercase()));
    let cell_phrase = cell_phrase(&rest);
    Some(Caption { label, number: found["number"].to_uppercase(), text: rest, continued, cell_phrase })
}

impl Caption {
    /// Joins a caption with its translation on the next line (same number): the label of the
    /// first, the Chinese text preferred, the first cell phrase found (Chinese first).
    pub(crate) fn with_translation(self, other: Caption) -> Caption {
        let (zh, en) = if has_cjk(&other.text) && !has_cjk(&self.text) { (&other, &self) } else { (&self, &other) };
        Caption {
            label: self.label.clone(),
            number: self.number.clone(),
            text: zh.text.clone(),
            continued: self.continued || other.continued,
            cell_phrase: zh.cell_phrase.clone().or_else(|| en.cell_phrase.clone()),
        }
    }
}

use trialex_model::script::has_cjk;

/// Byte position of the first cell word in `text` (case-insensitive), and its end; failing
/// one, of the first origin word (`autologous cell therapy`, `自体…`).
fn first_cell_word(text: &str) -> Option<(usize, usize)> {
    first_word_of(text, &CUES.cell_words).or_else(|| first_word_of(text, &CUES.origin_words))
}

fn first_word_of(text: &str, words: &[String]) -> Option<(usize, usize)> {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return None;
    }
    words
        .iter()
        .filter_map(|w| lower.find(&w.to_lowercase()).map(|at| (at, at + w.len())))
        .min_by_key(|&(at, end)| (at, std::cmp::Reverse(end)))
}

/// The phrase of a caption that names the cells; the whole caption when it names cells but
/// no phrase boundary is found; None when it names no cells.
pub(crate) fn cell_phrase(caption: &str) -> Option<String> {
    let (word_start, word_end) = first_cell_word(caption)?;
    let phrase = if has_cjk(caption) { zh_phrase(caption, word_end) } else { en_phrase(caption, word_start, word_end) };
    let phrase = phrase.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '.' | '，' | '：'));
    Some(if phrase.is_empty() { caption.trim() } else { phrase }.to_string())
}

/// Chinese: the text before the first treatment verb that follows a cell word.
fn zh_phrase(caption: &str, word_end: usize) -> &str {
    let tail = caption.get(word_end..).unwrap_or("");
    CUES.cell_phrase_end_zh
        .iter()
        .filter_map(|verb| tail.find(verb.as_str()))
        .min()
        .and_then(|at| caption.get(..word_end + at))
        .unwrap_or(caption)
}

/// English: the words between the preposition before the cell word (`of`, `about`,
/// `using` …) and the first word after it that ends the phrase (`in`, `for`, `therapy` …).
fn en_phrase(caption: &str, word_start: usize, word_end: usize) -> &str {
    let words: Vec<(usize, &str)> =
        caption.split_whitespace().map(|w| (w.as_ptr() as usize - caption.as_ptr() as usize, w)).collect();
    let is_cue = |word: &str, cues: &[String]| {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        cues.contains(&bare)
    };
    let start = words
        .iter()
        .rev()
        .find(|(at, w)| at + w.len() <= word_start && is_cue(w, &CUES.cell_phrase_start_en))
        .map_or(0, |(at, w)| at + w.len());
    let end = words
        .iter()
        .find(|(at, w)| *at >= word_end && is_cue(w, &CUES.cell_phrase_end_en))
        .map_or(caption.len(), |(at, _)| *at);
    caption.get(start..end).unwrap_or(caption)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::lines::split_lines;

    fn caption(text: &str) -> Option<Caption> {
        parse(&split_lines(text)[0])
    }

    #[test]
    fn caption_forms() {
        let c = caption("表 1 MSCs 治疗终末期肝病临床研究方案及主要结果").unwrap();
        assert_eq!((c.label.as_str(), c.number.as_str()), ("表 1", "1"));
        assert_eq!(c.text, "MSCs 治疗终末期肝病临床研究方案及主要结果");
        assert_eq!(caption("表3 G-CSF动员的BMSCs治疗终末期肝病").unwrap().label, "表3");
        let c = caption("Table 2. Trials of umbilical cord MSCs").unwrap();
        assert_eq!((c.label.as_str(), c.text.as_str()), ("Table 2", "Trials of umbilical cord MSCs"));
        assert_eq!(caption("**Table 1:** Published trials").unwrap().text, "Published trials");
        assert_eq!(caption("表1:已发表的干细胞治疗肝衰竭的临床研究").unwrap().label, "表1");
        assert!(caption("Table 3 (continued)").unwrap().continued);
        assert!(caption("续表 1").unwrap().continued);
    }

    #[test]
    fn prose_mentioning_a_table_is_no_caption() {
        assert_eq!(caption("表1总结了部分试验的详细方案和结果。"), None);
        assert_eq!(caption("（见表 1～2）"), None);
        assert_eq!(caption("Tablets were given daily"), None);
    }

    #[test]
    fn cell_phrases_of_captions() {
        let cases = [
            ("MSCs 治疗终末期肝病临床研究方案及主要结果", Some("MSCs")),
            ("UC-MSCs 治疗终末期肝病临床研究方案及主要结果", Some("UC-MSCs")),
            ("G-CSF动员的BMSCs治疗终末期肝病临床研究方案及主要结果", Some("G-CSF动员的BMSCs")),
            ("未经动员的BMSCs治疗终末期肝病临床研究方案及主要结果", Some("未经动员的BMSCs")),
            (
                "Clinical trials of bone marrow-derived MSCs in decompensated cirrhosis",
                Some("bone marrow-derived MSCs"),
            ),
            (
                "Main results about BMSCs mobilized by G-CSF in treatment of liver disease",
                Some("BMSCs mobilized by G-CSF"),
            ),
            ("Published trials of mesenchymal stem cell therapy for liver failure", Some("mesenchymal stem cell")),
            ("Stem cell trials", Some("Stem cell")),
            ("Outcomes of allogeneic cell transplantation for cirrhosis", Some("allogeneic cell")),
            ("Trials of autologous bone marrow MSCs in ACLF", Some("autologous bone marrow MSCs")),
            ("Published trials of autologous cell therapy for hepatitis B cirrhosis", Some("autologous cell")),
            ("自体移植治疗肝硬化的临床研究", Some("自体")),
            ("Summary of published clinical trials", None),
        ];
        for (text, expected) in cases {
            assert_eq!(cell_phrase(text).as_deref(), expected, "{text}");
        }
    }

    #[test]
    fn translation_keeps_label_and_chinese_text() {
        let zh = caption("表 2 UC-MSCs 治疗终末期肝病临床研究方案及主要结果").unwrap();
        let en = caption(
            "Table 2 Clinical study protocols and main results about UC-MSCs in treatment of end-stage liver disease",
        )
        .unwrap();
        let joined = zh.with_translation(en);
        assert_eq!(joined.label, "表 2");
        assert_eq!(joined.text, "UC-MSCs 治疗终末期肝病临床研究方案及主要结果");
        assert_eq!(joined.cell_phrase.as_deref(), Some("UC-MSCs"));
    }
}
