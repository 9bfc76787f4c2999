//! Character-level clean-up: NFKC per glyph, the CJK Radicals Supplement code points NFKC leaves,
//! and the Unicode superscript / subscript forms that scripts recovered from geometry are written in.
//!
//! NFKC is applied to each glyph as it arrives, never to assembled text: it would turn the
//! superscripts this crate writes (`10⁷`) back into flat digits (`107`), and it is not applied
//! to superscript characters a font maps to directly.

use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

/// CJK Radicals Supplement (U+2E80–U+2EFF) to the unified ideograph each stands for (after
/// Unicode's EquivalentUnifiedIdeograph data). Some fonts' ToUnicode maps (Chrome's Type 3 fonts
/// among them) give these radicals for ordinary characters, and NFKC leaves the block alone.
/// Only unambiguous equivalences are listed; the rest stay as they are.
const RADICAL_SUPPLEMENT_EQUIVALENTS: &[(char, char)] = &[
    ('⺁', '厂'),
    ('⺂', '乛'),
    ('⺃', '乚'),
    ('⺄', '乙'),
    ('⺅', '亻'),
    ('⺆', '冂'),
    ('⺉', '刂'),
    ('⺊', '卜'),
    ('⺋', '㔾'),
    ('⺌', '小'),
    ('⺎', '兀'),
    ('⺏', '尣'),
    ('⺐', '尢'),
    ('⺒', '巳'),
    ('⺓', '幺'),
    ('⺔', '彑'),
    ('⺕', '彐'),
    ('⺖', '忄'),
    ('⺗', '心'),
    ('⺘', '扌'),
    ('⺙', '攵'),
    ('⺛', '旡'),
    ('⺜', '日'),
    ('⺝', '月'),
    ('⺞', '歺'),
    ('⺟', '母'),
    ('⺠', '民'),
    ('⺡', '氵'),
    ('⺢', '氺'),
    ('⺣', '灬'),
    ('⺤', '爫'),
    ('⺦', '丬'),
    ('⺧', '牛'),
    ('⺨', '犭'),
    ('⺩', '王'),
    ('⺪', '疋'),
    ('⺫', '目'),
    ('⺬', '示'),
    ('⺭', '礻'),
    ('⺮', '竹'),
    ('⺯', '糹'),
    ('⺰', '纟'),
    ('⺱', '罓'),
    ('⺲', '罒'),
    ('⺶', '羊'),
    ('⺹', '耂'),
    ('⺺', '肀'),
    ('⺻', '聿'),
    ('⺼', '肉'),
    ('⺽', '臼'),
    ('⺾', '艹'),
    ('⺿', '艹'),
    ('⻀', '艹'),
    ('⻁', '虎'),
    ('⻂', '衤'),
    ('⻃', '覀'),
    ('⻄', '西'),
    ('⻅', '见'),
    ('⻆', '角'),
    ('⻈', '讠'),
    ('⻉', '贝'),
    ('⻊', '足'),
    ('⻋', '车'),
    ('⻌', '辶'),
    ('⻍', '辶'),
    ('⻎', '辶'),
    ('⻏', '阝'),
    ('⻐', '钅'),
    ('⻑', '長'),
    ('⻒', '镸'),
    ('⻓', '长'),
    ('⻔', '门'),
    ('⻖', '阝'),
    ('⻗', '雨'),
    ('⻘', '青'),
    ('⻙', '韦'),
    ('⻚', '页'),
    ('⻛', '风'),
    ('⻜', '飞'),
    ('⻝', '食'),
    ('⻟', '飠'),
    ('⻠', '饣'),
    ('⻢', '马'),
    ('⻣', '骨'),
    ('⻤', '鬼'),
    ('⻥', '鱼'),
    ('⻦', '鸟'),
    ('⻧', '卤'),
    ('⻨', '麦'),
    ('⻩', '黄'),
    ('⻪', '黾'),
    ('⻫', '斉'),
    ('⻬', '齐'),
    ('⻭', '歯'),
    ('⻮', '齿'),
    ('⻯', '竜'),
    ('⻰', '龙'),
    ('⻱', '龜'),
    ('⻲', '亀'),
    ('⻳', '龟'),
    // Not radicals, but the same kind of font-mapping slip: Noto CJK's ToUnicode gives the
    // katakana middle dot for the centred dot of Chinese running heads.
    ('・', '·'),
];

static RADICAL_MAP: LazyLock<HashMap<char, char>> =
    LazyLock::new(|| RADICAL_SUPPLEMENT_EQUIVALENTS.iter().copied().collect());

/// Characters that have a Unicode superscript form, and that form.
const SUPERSCRIPT_FORMS: &[(char, char)] = &[
    ('0', '⁰'),
    ('1', '¹'),
    ('2', '²'),
    ('3', '³'),
    ('4', '⁴'),
    ('5', '⁵'),
    ('6', '⁶'),
    ('7', '⁷'),
    ('8', '⁸'),
    ('9', '⁹'),
    ('+', '⁺'),
    ('-', '⁻'),
    ('−', '⁻'),
    ('–', '⁻'),
    ('=', '⁼'),
    ('(', '⁽'),
    (')', '⁾'),
    ('n', 'ⁿ'),
    ('i', 'ⁱ'),
];

/// Characters that have a Unicode subscript form, and that form.
const SUBSCRIPT_FORMS: &[(char, char)] = &[
    ('0', '₀'),
    ('1', '₁'),
    ('2', '₂'),
    ('3', '₃'),
    ('4', '₄'),
    ('5', '₅'),
    ('6', '₆'),
    ('7', '₇'),
    ('8', '₈'),
    ('9', '₉'),
    ('+', '₊'),
    ('-', '₋'),
    ('−', '₋'),
    ('=', '₌'),
    ('(', '₍'),
    (')', '₎'),
];

static SUPERSCRIPTS: LazyLock<HashMap<char, char>> = LazyLock::new(|| SUPERSCRIPT_FORMS.iter().copied().collect());
static SUBSCRIPTS: LazyLock<HashMap<char, char>> = LazyLock::new(|| SUBSCRIPT_FORMS.iter().copied().collect());
/// Every superscript and subscript form above, and the Latin-1 ones (¹ ² ³).
static SCRIPT_FORMS: LazyLock<std::collections::HashSet<char>> =
    LazyLock::new(|| SUPERSCRIPT_FORMS.iter().chain(SUBSCRIPT_FORMS).map(|&(_, form)| form).collect());

/// One glyph's text as the rest of the crate sees it: NFKC (full-width forms folded, Kangxi
/// radicals to ideographs, ligatures split) and the radical supplement table.
/// Superscript and subscript characters the font itself maps to (`10⁷` typed as such) are kept:
/// NFKC would flatten them into plain digits.
pub fn normalize_glyph(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if SCRIPT_FORMS.contains(&c) {
            out.push(c);
        } else {
            out.extend(std::iter::once(c).nfkc().map(|n| RADICAL_MAP.get(&n).copied().unwrap_or(n)));
        }
    }
    out
}

/// The superscript form of every character of `text`, or `None` when one of them has none.
pub fn to_superscript(text: &str) -> Option<String> {
    text.chars().map(|c| SUPERSCRIPTS.get(&c).copied()).collect()
}

/// The subscript form of every character of `text`, or `None` when one of them has none.
pub fn to_subscript(text: &str) -> Option<String> {
    text.chars().map(|c| SUBSCRIPTS.get(&c).copied()).collect()
}

/// A character of CJK text: an ideograph, or CJK punctuation and full-width forms (the project's
/// one definition, [`trialex_model::script`]): text written without spaces between words.
pub fn unspaced(c: char) -> bool {
    trialex_model::script::is_cjk(c) || trialex_model::script::is_cjk_punctuation(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kangxi_radicals_become_ideographs() {
        // U+2F32 KANGXI RADICAL DRY and U+2F00 KANGXI RADICAL ONE (NFKC).
        assert_eq!(normalize_glyph("\u{2F32}"), "干");
        assert_eq!(normalize_glyph("\u{2F00}"), "一");
    }

    #[test]
    fn radical_supplement_needs_the_table() {
        for (radical, ideograph) in [
            ("⻓", "长"),
            ("⻔", "门"),
            ("⻅", "见"),
            ("⻣", "骨"),
            ("⻆", "角"),
            ("⻢", "马"),
            ("⻰", "龙"),
            ("⺠", "民"),
            ("⻜", "飞"),
        ] {
            assert_eq!(normalize_glyph(radical), ideograph, "{radical}");
        }
    }

    #[test]
    fn full_width_forms_and_ligatures_fold() {
        assert_eq!(normalize_glyph("ＣＤ３４"), "CD34");
        assert_eq!(normalize_glyph("～"), "~");
        assert_eq!(normalize_glyph("ﬁ"), "fi");
        assert_eq!(normalize_glyph("・"), "·");
    }

    #[test]
    fn typed_superscripts_survive_normalization() {
        assert_eq!(normalize_glyph("⁷"), "⁷");
        assert_eq!(normalize_glyph("⁺"), "⁺");
        assert_eq!(normalize_glyph("₂"), "₂");
    }

    #[test]
    fn script_forms() {
        assert_eq!(to_superscript("10").as_deref(), Some("¹⁰"));
        assert_eq!(to_superscript("+").as_deref(), Some("⁺"));
        assert_eq!(to_superscript("[15]"), None);
        assert_eq!(to_subscript("2").as_deref(), Some("₂"));
    }

    #[test]
    fn cjk_classes() {
        assert!(unspaced('肝') && unspaced('，') && unspaced('。'));
        assert!(!unspaced('a') && !unspaced('7') && !unspaced('×'));
    }
}
