//! The author list at the head of a reference entry.
//!
//! Author lists come in a few shapes, all read here one name at a time:
//! Vancouver (`Petersen BE, Bowen WC, et al.`), APA/Springer (`Shi, M., Li, YY. et al.`),
//! Chinese (`焦栓林,赵晓蕊,等.`), given-name-first (`J. A. Smith, K. Lee`) and the `and`/`&`
//! before the last name. Names come out surname first without the dots of the initials
//! (`Shi M`, `Smith JA`); `et al.` and `等` end the list and are dropped.

use std::sync::LazyLock;

use regex::Regex;

/// Surname particles that start a surname in lower case (`da Silva LF`, `van der Berg J`).
const SURNAME_PARTICLES: &str = "van|von|de|da|der|den|del|della|di|du|la|le|dos|das|ten|ter|bin|al|el";

/// A surname: capitalized words joined by spaces or hyphens, after optional particles.
fn surname_pattern() -> String {
    format!(r"(?:(?:{SURNAME_PARTICLES})\s+)*\p{{Lu}}[\p{{L}}'’\-]*(?:[\s\-]\p{{Lu}}[\p{{L}}'’\-]*)*?")
}

/// `Shi, M.`, `Li, YY.`, `Smith, J. A.`, `Huang, W.-C.`: surname, comma, dotted initials.
static APA_AUTHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^({}),\s*((?:\p{{Lu}}{{1,3}}\.\s?-?){{1,3}})", surname_pattern())).unwrap());
/// `Petersen BE`, `da Silva LF`, `El-Ansary M`: surname, space, undotted initials.
static VANCOUVER_AUTHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^({})\s+(\p{{Lu}}{{1,4}})\b", surname_pattern())).unwrap());
/// `J. A. Smith`, `K.-H. Lee`: dotted initials, then the surname.
static NAME_FIRST_AUTHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:\p{Lu}\.\s?-?){1,3})\s*(\p{Lu}[\p{L}'’\-]+)").unwrap());
/// `焦栓林`, `欧阳修`, `阿依·买买提`: a Chinese name.
/// The longest Chinese personal name (surname and given name), in characters.
const MAX_CHINESE_NAME_CHARS: usize = 5;
/// The shortest run before a separator, so `张三等.` gives `张三`; a long run is a body
/// (`中华医学会肝病学分会.`).
static CHINESE_AUTHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\p{Han}{2,20}?(?:[·•]\p{Han}{1,6})?)\s*(?:等人?\s*)?[,，、.．。;；]").unwrap());
/// `et al.`, `et al`, `等`, `等人`: the rest of the list was left out.
static ET_AL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:(?i:et\.?\s*al)\b\.?|等人?\s*[.．。]?)").unwrap());
/// What separates two names.
static SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\s*[,，、;；]\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+|\s*&\s*)").unwrap());

/// The authors at the start of `entry` (label already removed) and the byte offset where
/// the rest of the entry (the title) begins. No recognizable name gives `(vec![], 0)`.
pub fn parse_authors(entry: &str) -> (Vec<String>, usize) {
    let mut authors = Vec::new();
    let mut pos = skip_spaces(entry, 0);
    let mut end = 0;
    loop {
        let rest = &entry[pos..];
        if let Some(m) = ET_AL.find(rest) {
            if !authors.is_empty() {
                end = skip_list_end(entry, pos + m.end());
            }
            break;
        }
        let Some((name, len)) = next_name(rest) else { break };
        authors.push(name);
        pos += len;
        end = pos;
        let after = &entry[pos..];
        // `, next name` continues the list (also after dotted APA initials `Shi, M., Li, Y.`);
        // anything else ends it (`… Newsome PN. Title`).
        if let Some(m) = SEPARATOR.find(after) {
            pos += m.end();
            continue;
        }
        let trimmed = after.trim_start();
        if let Some(m) = ET_AL.find(trimmed) {
            end = skip_list_end(entry, entry.len() - trimmed.len() + m.end());
            break;
        }
        // Past the dot that closes the list, or the spaces before a `(year)`.
        end = skip_list_end(entry, pos);
        break;
    }
    if authors.is_empty() { (authors, 0) } else { (authors, end.min(entry.len())) }
}

/// The next name at the start of `rest`: (name surname first, bytes read).
fn next_name(rest: &str) -> Option<(String, usize)> {
    if let Some(c) = APA_AUTHOR.captures(rest) {
        let initials: String = c[2].chars().filter(|ch| ch.is_uppercase()).collect();
        return Some((format!("{} {}", &c[1], initials), c[0].trim_end().len()));
    }
    if let Some(c) = VANCOUVER_AUTHOR.captures(rest) {
        let len = c[0].len();
        if name_boundary(&rest[len..]) {
            return Some((format!("{} {}", &c[1], &c[2]), len));
        }
    }
    if let Some(c) = NAME_FIRST_AUTHOR.captures(rest) {
        let len = c[0].len();
        if name_boundary(&rest[len..]) {
            let initials: String = c[1].chars().filter(|ch| ch.is_uppercase()).collect();
            return Some((format!("{} {}", &c[2], initials), len));
        }
    }
    let c = CHINESE_AUTHOR.captures(rest)?;
    let name = c.get(1)?;
    // A run longer than a personal name is a body, and only stands alone before a full stop;
    // otherwise it is a clause of prose (`本文仅用于传播科普知识,分享…`).
    let long = name.as_str().split(['·', '•']).next().map_or(0, |n| n.chars().count()) > MAX_CHINESE_NAME_CHARS;
    if long && !c[0].ends_with(['.', '．', '。']) {
        return None;
    }
    Some((name.as_str().to_string(), name.end()))
}

/// True when a name can end here: before a separator, a dot, `and`, `(` or the end.
fn name_boundary(after: &str) -> bool {
    let t = after.trim_start();
    t.is_empty()
        || t.starts_with([',', '，', '.', '．', ';', '；', '、', '(', '（', '&'])
        || t.starts_with("and ")
        || ET_AL.is_match(t)
}

/// Skips the dot, comma and spaces that close an author list.
fn skip_list_end(entry: &str, mut pos: usize) -> usize {
    while let Some(c) = entry[pos..].chars().next() {
        if c.is_whitespace() || matches!(c, '.' | '．' | '。' | ',' | '，' | ':' | '：') {
            pos += c.len_utf8();
        } else {
            break;
        }
    }
    pos
}

fn skip_spaces(entry: &str, pos: usize) -> usize {
    entry.len() - entry[pos..].trim_start().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(entry: &str) -> Vec<String> {
        parse_authors(entry).0
    }

    #[test]
    fn vancouver_names_stop_at_et_al() {
        let entry = "Moreau RB, da Silva LF, El-Kadi A, et al. Marrow cells repopulate liver [J]. Hepatol Res, 2003";
        let (authors, end) = parse_authors(entry);
        assert_eq!(authors, ["Moreau RB", "da Silva LF", "El-Kadi A"]);
        assert!(entry[end..].starts_with("Marrow cells"));
    }

    #[test]
    fn vancouver_list_ends_at_the_dot_after_the_last_initials() {
        let entry = "Okafor N, Brandt HJ, Lindqvist PM. Intrasplenic cell infusion in rats. J Surg Res. 2014;5:1-9.";
        let (authors, end) = parse_authors(entry);
        assert_eq!(authors, ["Okafor N", "Brandt HJ", "Lindqvist PM"]);
        assert!(entry[end..].starts_with("Intrasplenic"));
    }

    #[test]
    fn apa_names_lose_their_dots() {
        let entry = "Tanaka, K., Ruiz, MA., Osei, B. et al. Cord cells in fibrosis. Liver Res 7, 10–19 (2020).";
        let (authors, end) = parse_authors(entry);
        assert_eq!(authors, ["Tanaka K", "Ruiz MA", "Osei B"]);
        assert!(entry[end..].starts_with("Cord cells"));
    }

    #[test]
    fn apa_with_ampersand_before_the_year() {
        assert_eq!(names("Berg, J. A., & Holm, T. (2019). A title."), ["Berg JA", "Holm T"]);
    }

    #[test]
    fn and_before_the_last_vancouver_name() {
        let entry = "Wei L, Ortiz C and Nakata S (2022) Exosomes in liver repair. Front. Med. 9:1.";
        let (authors, end) = parse_authors(entry);
        assert_eq!(authors, ["Wei L", "Ortiz C", "Nakata S"]);
        assert!(entry[end..].starts_with("(2022)"));
    }

    #[test]
    fn chinese_names_with_and_without_deng() {
        let (authors, end) = parse_authors("李明华,陈静,周晓东,等.骨髓干细胞移植的疗效[J].肝脏,2015,20(3):1-4.");
        assert_eq!(authors, ["李明华", "陈静", "周晓东"]);
        assert_eq!(end, "李明华,陈静,周晓东,等.".len());
        assert_eq!(names("欧阳明，王芳. 题目[J]. 杂志, 2020"), ["欧阳明", "王芳"]);
    }

    #[test]
    fn chinese_corporate_author() {
        let (authors, end) =
            parse_authors("中华医学会肝病学分会. 肝硬化诊治指南[J]. 中华肝脏病杂志, 2019, 27(11): 846-865.");
        assert_eq!(authors, ["中华医学会肝病学分会"]);
        assert!("中华医学会肝病学分会. 肝硬化诊治指南[J]. 中华肝脏病杂志, 2019"[end..].starts_with("肝硬化"));
        assert_eq!(names("阿依·买买提,王芳等.题目"), ["阿依·买买提", "王芳"]);
        assert!(names("本文仅用于传播科普知识,分享行业观点,不构成任何建议").is_empty());
    }

    #[test]
    fn given_name_first() {
        assert_eq!(names("J. A. Smith, K. Lee, Liver cell therapy, Hepatology 12 (2001) 3-9."), ["Smith JA", "Lee K"]);
    }

    #[test]
    fn no_names_in_a_url_or_a_title() {
        assert_eq!(parse_authors("https://example.org/a/1"), (vec![], 0));
        assert_eq!(parse_authors("bone marrow cells in liver repair"), (vec![], 0));
        assert_eq!(parse_authors(""), (vec![], 0));
    }
}
