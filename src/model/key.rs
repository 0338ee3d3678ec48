//! Keys that say when two pieces of Vietnamese text name the same thing: a lĩnh vực typed as
//! "Lưu thông hàng hoá" or "Lưu thông hàng hóa", a TTHC typed with another case or spacing.
//!
//! Vietnamese has two accepted places for the tone mark in some syllables (hoá/hóa, thuỷ/thủy,
//! oà/òa, uý/úy). The key takes the tone mark off each syllable and puts it at the syllable's end,
//! so both placements give one key; everything else (NFC, case, white space) is folded too.

use super::TthcRecord;
use unicode_normalization::UnicodeNormalization;

/// The five Vietnamese tone marks as combining characters: huyền, sắc, ngã, hỏi, nặng.
fn is_tone(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

/// A comparison key for text: lower case, white space collapsed, punctuation kept, each
/// syllable's tone mark moved to its end. Not for display.
/// The key that groups lĩnh vực, the same everywhere (reports, totals, the plan page):
/// "Hoá chất" and "Hóa chất" are one group.
pub fn field_key(field: &str) -> String {
    text_key(field)
}

pub fn text_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut tone = None;
        for c in word.nfd().flat_map(char::to_lowercase) {
            if is_tone(c) {
                tone = Some(c);
            } else if c.is_alphanumeric() || is_combining(c) {
                out.push(c);
            } else {
                // Punctuation ends a syllable: its tone goes before it.
                if let Some(t) = tone.take() {
                    out.push(t);
                }
                out.push(c);
            }
        }
        if let Some(t) = tone {
            out.push(t);
        }
    }
    out
}

/// Combining marks other than tones (breve, circumflex, horn) stay with their letter.
fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// A mã số as a key. The national short code "<1|2|3>.<6 digits>" names the TTHC: "2.000648",
/// "2.000648.000.00.00.H32" and "2.000648 000.00.00 H32" are one TTHC (a province's variant adds
/// its suffix; plans print it with spaces). A code without that form: its letters and digits, upper
/// case. The code itself is kept and printed as written.
pub fn code_key(code: &str) -> String {
    let b = code.trim().as_bytes();
    let short = b.len() >= 8
        && b[0].is_ascii_digit()
        && b[1] == b'.'
        && b[2..8].iter().all(u8::is_ascii_digit)
        && b.get(8).is_none_or(|c| !c.is_ascii_digit());
    if short {
        return code.trim()[..8].to_string();
    }
    code.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Which TTHC a review is about: its mã số when it has one, else its normalised name. `None`
/// for a review with neither (a blank draft), which is never a duplicate of anything.
pub fn tthc_key(r: &TthcRecord) -> Option<String> {
    let code = code_key(&r.code);
    if !code.is_empty() {
        return Some(format!("mã:{code}"));
    }
    let name = text_key(&r.name);
    (!name.is_empty()).then(|| format!("tên:{name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_short_code_names_the_tthc_however_it_is_printed() {
        for c in [
            "2.000648",
            "2.000648.000.00.00.H32",
            "2.000648 000.00.00 H32",
            " 2.000648.000.00.00.H45",
        ] {
            assert_eq!(code_key(c), "2.000648", "{c}");
        }
        assert_ne!(code_key("2.000648"), code_key("2.000649"));
        assert_eq!(code_key("BTC-123 45"), "BTC12345");
        assert_eq!(code_key(""), "");
    }

    #[test]
    fn both_tone_placements_give_one_key() {
        for (a, b) in [
            ("Lưu thông hàng hoá", "Lưu thông hàng hóa"),
            ("thuỷ sản", "thủy sản"),
            ("hoà giải", "hòa giải"),
            ("Quy hoạch, kế hoạch", "quy  hoạch, kế  hoạch"),
            ("uý ban", "úy ban"),
            ("Hoá chất", "HÓA CHẤT"),
        ] {
            assert_eq!(text_key(a), text_key(b), "{a} / {b}");
        }
        let decomposed: String = "Lưu thông hàng hóa".nfd().collect();
        assert_eq!(text_key(&decomposed), text_key("Lưu thông hàng hoá"));
    }

    #[test]
    fn different_words_stay_different() {
        for (a, b) in [
            ("hóa", "hoa"),
            ("hòa", "hóa"),
            ("thủy", "thùy"),
            ("Điện lực", "Điện lục"),
            ("ơ", "o"),
            ("ă", "a"),
        ] {
            assert_ne!(text_key(a), text_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn the_code_wins_over_the_name() {
        let mut r = TthcRecord {
            code: " 2.000648.000.00.00.H32 ".into(),
            name: "A".into(),
            ..Default::default()
        };
        assert_eq!(tthc_key(&r).unwrap(), "mã:2.000648");
        r.code.clear();
        assert_eq!(tthc_key(&r).unwrap(), format!("tên:{}", text_key("a")));
        r.name = "  ".into();
        assert_eq!(tthc_key(&r), None);
    }
}
