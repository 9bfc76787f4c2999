//! The writing systems every reader asks about: one answer for tables, prose, the
//! bibliography, the normalizer and the PDF front end.

/// A CJK ideograph (the Unified Ideographs and their Extension A, the compatibility block,
/// and the supplementary planes' extensions): `肝`, `㐀`, `𠀀`. Punctuation and full-width
/// forms are not ideographs (see [`is_cjk_punctuation`]).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x30000..=0x3134F)
}

/// CJK punctuation and full-width forms (`。`, `，`, `（`, `｜`, `１`): the signs that Chinese text
/// writes between ideographs.
pub fn is_cjk_punctuation(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF)
}

/// True when `text` holds an ideograph.
pub fn has_cjk(text: &str) -> bool {
    text.chars().any(is_cjk)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ideographs_and_their_punctuation() {
        for c in ['肝', '㐀', '豈', '𠀀'] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['。', '，', '（', '｜', '１', 'a', '1', 'é'] {
            assert!(!is_cjk(c), "{c}");
        }
        for c in ['。', '，', '（', '｜', '１', '、'] {
            assert!(is_cjk_punctuation(c), "{c}");
        }
        assert!(has_cjk("MSC 治疗") && !has_cjk("MSC therapy"));
    }
}
