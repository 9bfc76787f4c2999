//! Everything that goes into a page from a document goes through here: text and attribute
//! values are HTML-escaped, a link's file name percent-encoded.
//!
//! The escaped text reads back exactly as the document's: a carriage return is written as a
//! character reference (an HTML parser would turn a literal one into a line feed), and NUL,
//! which HTML cannot carry, becomes U+FFFD as a parser would make it.

use std::fmt::Write as _;
use std::io::{self, Write};

/// The replacement of a byte of document text, where it needs one.
fn replacement(byte: u8, in_attribute: bool) -> Option<&'static str> {
    Some(match byte {
        b'&' => "&amp;",
        b'<' => "&lt;",
        b'>' => "&gt;",
        b'\r' => "&#13;",
        b'\0' => "\u{fffd}",
        b'"' if in_attribute => "&quot;",
        b'\'' if in_attribute => "&#39;",
        _ => return None,
    })
}

fn write_escaped(out: &mut impl Write, text: &str, in_attribute: bool) -> io::Result<()> {
    let bytes = text.as_bytes();
    let mut from = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        // Every byte replaced is ASCII, so `at` is a character boundary.
        if let Some(with) = replacement(byte, in_attribute) {
            out.write_all(&bytes[from..at])?;
            out.write_all(with.as_bytes())?;
            from = at + 1;
        }
    }
    out.write_all(&bytes[from..])
}

/// Writes `text` as the content of an element.
pub fn text(out: &mut impl Write, text: &str) -> io::Result<()> {
    write_escaped(out, text, false)
}

/// `text` escaped for an attribute value between double quotes (or element content).
pub fn attr(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing into a Vec cannot fail, and escaping keeps UTF-8 valid.
    let _ = write_escaped(&mut out, text, true);
    String::from_utf8(out).unwrap_or_default()
}

/// A file name as a relative link: every byte but the unreserved ones percent-encoded, so that
/// `#`, `?`, `%`, spaces and quotes in a name are part of the name.
pub fn href(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for &byte in name.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// Standard base64 with padding (for the hashes of a Content-Security-Policy).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        text(&mut out, s).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn markup_in_text_is_shown_as_text() {
        assert_eq!(escaped("<script>a && b</script>"), "&lt;script&gt;a &amp;&amp; b&lt;/script&gt;");
        assert_eq!(escaped("乙型肝炎 \"q\" 'a'"), "乙型肝炎 \"q\" 'a'");
        assert_eq!(escaped("a\r\nb\0c"), "a&#13;\nb\u{fffd}c");
    }

    #[test]
    fn attribute_values_cannot_be_left() {
        assert_eq!(attr("x\" onerror='y'"), "x&quot; onerror=&#39;y&#39;");
        assert_eq!(attr("<a>&"), "&lt;a&gt;&amp;");
    }

    #[test]
    fn links_carry_the_whole_file_name() {
        assert_eq!(href("000_a.txt.html"), "000_a.txt.html");
        assert_eq!(href("a b#1?.txt~2.html"), "a%20b%231%3F.txt~2.html");
        assert_eq!(href("综述.html"), "%E7%BB%BC%E8%BF%B0.html");
        assert_eq!(href("\"><x"), "%22%3E%3Cx");
    }

    #[test]
    fn base64_is_the_standard_alphabet_with_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
    }
}
