//! Decoding text files into the document text, and judging its language.
//!
//! Order of the checks in [`decode`]:
//! 1. empty input is an empty UTF-8 text;
//! 2. a byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE; the BOM is not part of the text);
//! 3. NUL bytes at one parity of the offsets only mean BOM-less UTF-16 (ASCII characters in
//!    UTF-16 have one zero byte); NUL bytes otherwise mean a binary file;
//! 4. valid UTF-8 is UTF-8;
//! 5. otherwise `chardetng` guesses a legacy encoding (GBK for GB18030 text, whose decoder in
//!    `encoding_rs` reads all of GB18030) and `encoding_rs` decodes it.
//!
//! Whatever was decoded is rejected as binary when control characters (other than tab, line
//! ends and form feed) or undecodable bytes make up more than a small share of it.

use chardetng::EncodingDetector;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};
use trialex_model::{DocumentText, Language};

/// Why a file's bytes are not a text document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes look binary (NUL bytes or control characters in any encoding tried).
    Binary,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary => f.write_str(
                "not a text document: the bytes hold NUL bytes or control characters that no \
                 text encoding tried (UTF-8, UTF-16, GBK/GB18030 and other legacy encodings) explains",
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Largest share of control characters / undecodable sequences a text may hold.
const MAX_NOISE_SHARE: f64 = 0.01;

/// Share of the code units of one parity that must be NUL to call BOM-less bytes UTF-16
/// (Chinese text has few ASCII characters, so few NULs; the noise check backs this up).
const UTF16_NUL_SHARE: f64 = 0.01;
/// The other parity may hold at most this share of the NULs of the dominant one.
const UTF16_OTHER_PARITY_SHARE: f64 = 0.05;

/// Decodes a text file: BOM, UTF-8, UTF-16, GBK/GB18030 detected.
pub fn decode(bytes: &[u8]) -> Result<DocumentText, DecodeError> {
    if bytes.is_empty() {
        return Ok(document(String::new(), "UTF-8"));
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return checked(text.into_owned(), had_errors, encoding.name());
    }
    if let Some(encoding) = utf16_by_nul_pattern(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        return checked(text.into_owned(), had_errors, encoding.name());
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return checked(text.to_string(), false, "UTF-8");
    }
    let mut detector = EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _, had_errors) = encoding.decode(bytes);
    checked(text.into_owned(), had_errors, encoding.name())
}

fn document(text: String, encoding: &str) -> DocumentText {
    DocumentText { text, page_starts: Vec::new(), encoding: Some(encoding.to_string()) }
}

/// Rejects decoded text that is mostly noise (control characters, replacement characters).
fn checked(text: String, had_errors: bool, encoding: &str) -> Result<DocumentText, DecodeError> {
    let total = text.chars().count().max(1);
    let noise =
        text.chars().filter(|&c| (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')) || c == '\u{0}').count();
    let replaced = if had_errors { text.chars().filter(|&c| c == '\u{FFFD}').count() } else { 0 };
    if (noise + replaced) as f64 / total as f64 > MAX_NOISE_SHARE {
        return Err(DecodeError::Binary);
    }
    Ok(document(text, encoding))
}

/// UTF-16 without a BOM: NUL bytes fall on one parity of the offsets only.
fn utf16_by_nul_pattern(bytes: &[u8]) -> Option<&'static Encoding> {
    let units = bytes.len() / 2;
    if units == 0 {
        return None;
    }
    let nul_at = |parity: usize| bytes.iter().skip(parity).step_by(2).take(units).filter(|&&b| b == 0).count();
    let (even, odd) = (nul_at(0), nul_at(1));
    let share = |n: usize| n as f64 / units as f64;
    let few = |other: usize, dominant: usize| other as f64 <= dominant as f64 * UTF16_OTHER_PARITY_SHARE;
    if share(odd) >= UTF16_NUL_SHARE && few(even, odd) {
        Some(UTF_16LE)
    } else if share(even) >= UTF16_NUL_SHARE && few(odd, even) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Share of letters that must be CJK (counting a Latin word as one letter, as a Han
/// character is one word) for `zh`, or at most for `en`.
const ZH_MIN_SHARE: f64 = 0.6;
const EN_MAX_SHARE: f64 = 0.1;

/// Judges the document's language from its letters: `zh`, `en` or `mixed`.
///
/// A Han character carries about a word, so Latin letters are counted by words: a Chinese
/// review quoting English abbreviations, an English abstract and reference list stays `zh`.
/// None when the text has no letters.
pub fn language(text: &str) -> Option<Language> {
    let cjk = text.chars().filter(|&c| is_cjk(c)).count();
    let latin_words = text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 2).count();
    let total = cjk + latin_words;
    if total == 0 {
        return None;
    }
    let share = cjk as f64 / total as f64;
    Some(if share >= ZH_MIN_SHARE {
        Language::Zh
    } else if share <= EN_MAX_SHARE {
        Language::En
    } else {
        Language::Mixed
    })
}

use trialex_model::script::is_cjk;

#[cfg(test)]
mod tests {
    use super::*;

    const ZH: &str = "表 1 MSCs 治疗终末期肝病临床研究方案\n肝病种类\t细胞数量\n";

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/../../fixtures/encodings/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn empty_input_is_empty_text() {
        let doc = decode(b"").unwrap();
        assert_eq!(doc.text, "");
        assert_eq!(doc.encoding.as_deref(), Some("UTF-8"));
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(ZH.as_bytes()).unwrap();
        assert_eq!(plain.text, ZH);
        assert_eq!(plain.encoding.as_deref(), Some("UTF-8"));
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice(ZH.as_bytes());
        let doc = decode(&with_bom).unwrap();
        assert_eq!(doc.text, ZH, "the BOM is not part of the text");
    }

    #[test]
    fn crlf_is_kept() {
        assert_eq!(decode(b"a\r\nb").unwrap().text, "a\r\nb");
    }

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = (bom.then_some(0xFEFF_u16)).into_iter().chain(text.encode_utf16());
        for unit in units {
            out.extend_from_slice(&if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        out
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let le = decode(&utf16(ZH, false, true)).unwrap();
        assert_eq!((le.text.as_str(), le.encoding.as_deref()), (ZH, Some("UTF-16LE")));
        let be = decode(&utf16(ZH, true, true)).unwrap();
        assert_eq!((be.text.as_str(), be.encoding.as_deref()), (ZH, Some("UTF-16BE")));
    }

    #[test]
    fn utf16_without_bom_is_found_by_its_nul_bytes() {
        let text = "Table 1 Trials of MSCs\nCondition\tCells\tDose\n";
        let le = decode(&utf16(text, false, false)).unwrap();
        assert_eq!((le.text.as_str(), le.encoding.as_deref()), (text, Some("UTF-16LE")));
        let be = decode(&utf16(text, true, false)).unwrap();
        assert_eq!((be.text.as_str(), be.encoding.as_deref()), (text, Some("UTF-16BE")));
    }

    #[test]
    fn mostly_chinese_utf16_without_bom_is_found_by_its_few_nul_bytes() {
        let text = "干细胞治疗终末期肝病的临床研究进展：间充质干细胞和骨髓干细胞在肝衰竭及肝硬化中的应用。\n".repeat(3);
        let doc = decode(&utf16(&text, false, false)).unwrap();
        assert_eq!((doc.text.as_str(), doc.encoding.as_deref()), (text.as_str(), Some("UTF-16LE")));
    }

    #[test]
    fn gbk_is_detected_and_decoded() {
        let (bytes, _, _) =
            encoding_rs::GBK.encode("表 1 UC-MSCs 治疗终末期肝病临床研究方案及主要结果，肝病种类，细胞数量，输注途径");
        let doc = decode(&bytes).unwrap();
        assert!(doc.text.starts_with("表 1 UC-MSCs 治疗终末期肝病"), "{}", doc.text);
        assert!(matches!(doc.encoding.as_deref(), Some("GBK") | Some("gb18030")), "{:?}", doc.encoding);
    }

    #[test]
    fn fixture_files_in_gbk_and_utf16_decode_to_the_same_text() {
        let utf8 = String::from_utf8(fixture("table_zh.utf8.txt")).unwrap();
        let gbk = decode(&fixture("table_zh.gbk.txt")).unwrap();
        assert_eq!(gbk.text, utf8);
        assert_eq!(gbk.encoding.as_deref(), Some("GBK"));
        let utf16 = decode(&fixture("table_zh.utf16le.txt")).unwrap();
        assert_eq!(utf16.text, utf8);
        assert_eq!(utf16.encoding.as_deref(), Some("UTF-16LE"));
    }

    #[test]
    fn binary_is_rejected() {
        // A PNG signature and header: NUL bytes on both parities.
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0\x5c\x72\xa8\x66";
        assert_eq!(decode(png), Err(DecodeError::Binary));
        let controls: Vec<u8> = (0..200u8).map(|i| if i % 3 == 0 { 0x01 } else { b'a' }).collect();
        assert_eq!(decode(&controls), Err(DecodeError::Binary));
        assert!(DecodeError::Binary.to_string().contains("not a text document"));
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_decode_or_are_rejected_without_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
            if let Ok(doc) = decode(&bytes) {
                proptest::prop_assert!(doc.encoding.is_some());
            }
        }
    }

    #[test]
    fn language_by_share_of_letters() {
        assert_eq!(language("干细胞治疗终末期肝病的临床研究进展, MSCs 和 BMSCs"), Some(Language::Zh));
        assert_eq!(language("Stem cell therapy for end-stage liver disease: a review"), Some(Language::En));
        assert_eq!(language("干细胞治疗 stem cell therapy for liver disease 肝病"), Some(Language::Mixed));
        assert_eq!(language("12 34 ."), None);
    }
}
