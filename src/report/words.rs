//! Amounts in words, the way published decisions print them beside the figures:
//! "1.082.940 đồng (một triệu không trăm tám mươi hai nghìn chín trăm bốn mươi đồng)".

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Regional choices a department may prefer: "linh" or "lẻ" for a zero ten (105), "nghìn" or
/// "ngàn" for a thousand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct WordsStyle {
    pub le: bool,
    pub ngan: bool,
}

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// Reads a group of three digits. `full`: the group is not the leading one, so its zero
/// hundreds and zero tens are read ("không trăm", "linh").
fn triple(n: u32, full: bool, style: WordsStyle, out: &mut Vec<&'static str>) {
    let (a, b, c) = (
        (n / 100) as usize,
        ((n / 10) % 10) as usize,
        (n % 10) as usize,
    );
    if a > 0 || full {
        out.push(DIGITS[a]);
        out.push("trăm");
    }
    match b {
        0 => {
            if c > 0 && (a > 0 || full) {
                out.push(if style.le { "lẻ" } else { "linh" });
            }
        }
        1 => out.push("mười"),
        _ => {
            out.push(DIGITS[b]);
            out.push("mươi");
        }
    }
    match c {
        0 => {}
        1 if b > 1 => out.push("mốt"),
        5 if b > 0 => out.push("lăm"),
        _ => out.push(DIGITS[c]),
    }
}

/// Below one tỷ: groups of triệu, nghìn and units; empty groups are skipped.
fn below_ty(n: u64, full: bool, style: WordsStyle, out: &mut Vec<&'static str>) {
    let thousand = if style.ngan { "ngàn" } else { "nghìn" };
    let groups = [
        ((n / 1_000_000) as u32, "triệu"),
        (((n / 1_000) % 1_000) as u32, thousand),
        ((n % 1_000) as u32, ""),
    ];
    let mut started = full;
    for (g, unit) in groups {
        if g == 0 {
            continue;
        }
        triple(g, started, style, out);
        if !unit.is_empty() {
            out.push(unit);
        }
        started = true;
    }
}

fn read(n: u128, full: bool, style: WordsStyle, out: &mut Vec<&'static str>) {
    const TY: u128 = 1_000_000_000;
    if n >= TY {
        read(n / TY, full, style, out);
        out.push("tỷ");
        let rest = (n % TY) as u64;
        if rest > 0 {
            below_ty(rest, true, style, out);
        }
    } else {
        below_ty(n as u64, full, style, out);
    }
}

/// A whole number in Vietnamese words: 21 → "hai mươi mốt", 105 → "một trăm linh năm",
/// 1.000.000.000.000 → "một nghìn tỷ". Rounded to a whole number first (half away from zero).
pub fn number_words(v: Decimal, style: WordsStyle) -> String {
    let r = crate::cost::format::round_dong(v);
    if r.is_zero() {
        return DIGITS[0].to_string();
    }
    let n = r.abs().mantissa().unsigned_abs();
    let mut out = Vec::new();
    if r.is_sign_negative() {
        out.push("âm");
    }
    read(n, false, style, &mut out);
    out.join(" ")
}

/// " (một triệu … đồng)", to follow a figure.
pub fn in_words_dong(v: Decimal, style: WordsStyle) -> String {
    format!(" ({} đồng)", number_words(v, style))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(n: i64) -> String {
        number_words(Decimal::from(n), WordsStyle::default())
    }

    #[test]
    fn the_published_line() {
        let v = Decimal::from(1_082_940);
        assert_eq!(
            format!(
                "{} đồng{}",
                crate::cost::format::money(v),
                in_words_dong(v, WordsStyle::default())
            ),
            "1.082.940 đồng (một triệu không trăm tám mươi hai nghìn chín trăm bốn mươi đồng)"
        );
    }

    #[test]
    fn small_numbers() {
        assert_eq!(w(0), "không");
        assert_eq!(w(5), "năm");
        assert_eq!(w(10), "mười");
        assert_eq!(w(11), "mười một");
        assert_eq!(w(15), "mười lăm");
        assert_eq!(w(20), "hai mươi");
        assert_eq!(w(21), "hai mươi mốt");
        assert_eq!(w(24), "hai mươi bốn");
        assert_eq!(w(25), "hai mươi lăm");
        assert_eq!(w(105), "một trăm linh năm");
        assert_eq!(w(110), "một trăm mười");
        assert_eq!(w(115), "một trăm mười lăm");
        assert_eq!(w(1_005), "một nghìn không trăm linh năm");
        assert_eq!(w(-21), "âm hai mươi mốt");
    }

    #[test]
    fn large_numbers() {
        assert_eq!(w(1_000_000_000), "một tỷ");
        assert_eq!(w(1_000_000_000_000), "một nghìn tỷ");
        assert_eq!(w(1_000_500), "một triệu năm trăm");
        assert_eq!(w(1_000_050), "một triệu không trăm năm mươi");
        assert_eq!(w(2_000_000_001), "hai tỷ không trăm linh một");
        assert_eq!(
            w(297_692_800),
            "hai trăm chín mươi bảy triệu sáu trăm chín mươi hai nghìn tám trăm"
        );
        assert_eq!(w(2_306_000_000_000), "hai nghìn ba trăm linh sáu tỷ");
    }

    #[test]
    fn regional_choices() {
        let s = WordsStyle {
            le: true,
            ngan: true,
        };
        assert_eq!(number_words(Decimal::from(105), s), "một trăm lẻ năm");
        assert_eq!(number_words(Decimal::from(3_000), s), "ba ngàn");
    }
}
