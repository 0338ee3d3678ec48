//! Number formats of spec §4: 297.692.800 (whole đồng, half away from zero), 26,44 %, 0,5.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds to whole đồng, half away from zero.
pub fn round_dong(v: Decimal) -> Decimal {
    if v.scale() == 0 {
        return v;
    }
    v.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
}

/// `a + b`, exactly; whole-đồng amounts (scale 0, the common case) are added as integers.
#[inline]
pub fn add_exact(a: Decimal, b: Decimal) -> Option<Decimal> {
    if a.scale() == 0 && b.scale() == 0 {
        // Both mantissas are below 2^96: the sum cannot overflow i128.
        let s = a.mantissa() + b.mantissa();
        return (s.abs() < (1i128 << 96)).then(|| Decimal::from_i128_with_scale(s, 0));
    }
    a.checked_add(b)
}

/// `a × b` rounded to whole đồng (half away from zero), exactly. Common figures (hours with a
/// few decimals, incomes in whole đồng) take an integer path; anything larger goes through
/// Decimal. None on overflow.
pub fn mul_round_dong(a: Decimal, b: Decimal) -> Option<Decimal> {
    const LIMIT: i128 = 1 << 62;
    let (ma, mb) = (a.mantissa(), b.mantissa());
    let scale = a.scale() + b.scale();
    if ma.abs() < LIMIT && mb.abs() < LIMIT && scale <= 18 {
        let p = ma * mb; // |p| < 2^124: cannot overflow i128
        let d = 10i128.pow(scale);
        let (q, r) = (p / d, p % d);
        let q = if 2 * r.abs() >= d { q + p.signum() } else { q };
        // A Decimal holds 96 bits.
        if q.abs() < (1i128 << 96) {
            return Some(Decimal::from_i128_with_scale(q, 0));
        }
        return None;
    }
    a.checked_mul(b).map(round_dong)
}

/// Rounds a percentage to two decimals, half away from zero.
pub fn round_percent(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Whole đồng with "." between thousands: 297.692.800. Negative amounts keep their sign.
pub fn money(v: Decimal) -> String {
    let r = round_dong(v);
    let digits = r.abs().trunc().to_string();
    let sign = if r.is_sign_negative() && !r.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{}", group_thousands(&digits))
}

/// A plain figure (hours, days, counts) the Vietnamese way: 1.234,5 — no trailing zeros.
pub fn number(v: Decimal) -> String {
    let n = v.normalize();
    let text = n.abs().to_string();
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let sign = if n.is_sign_negative() && !n.is_zero() {
        "-"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{},{f}", group_thousands(&int)),
        None => format!("{sign}{}", group_thousands(&int)),
    }
}

/// 26,44 % — always two decimals.
pub fn percent_value(p: Decimal) -> String {
    let r = round_percent(p);
    let text = format!("{:.2}", r.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, "00"));
    let sign = if r.is_sign_negative() && !r.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{},{frac} %", group_thousands(int))
}

/// The text shown where a percentage cannot be computed (a "before" of 0).
pub const UNDEFINED: &str = "không xác định";

pub fn percent(p: Option<Decimal>) -> String {
    match p {
        Some(p) => percent_value(p),
        None => UNDEFINED.to_string(),
    }
}

/// Whole đồng as an integer, for JSON; None past i64.
pub fn to_dong(v: Decimal) -> Option<i64> {
    use rust_decimal::prelude::ToPrimitive;
    round_dong(v).to_i64()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn integer_add_matches_decimal() {
        for (a, b) in [
            ("1", "2"),
            ("-5", "3"),
            ("0.5", "2"),
            ("79228162514264337593543950335", "0"),
        ] {
            assert_eq!(add_exact(d(a), d(b)), d(a).checked_add(d(b)), "{a} + {b}");
        }
        assert_eq!(add_exact(Decimal::MAX, d("1")), None);
    }

    #[test]
    fn integer_path_rounds_like_decimal() {
        for (a, b) in [
            ("0.3", "48248"),
            ("0.5", "3"),
            ("-0.5", "3"),
            ("2.25", "1.1"),
            ("0.125", "4"),
            ("7", "0"),
        ] {
            assert_eq!(
                mul_round_dong(d(a), d(b)),
                Some(round_dong(d(a) * d(b))),
                "{a} × {b}"
            );
        }
        assert_eq!(mul_round_dong(Decimal::MAX, d("2")), None);
    }

    #[test]
    fn formats_follow_the_spec() {
        assert_eq!(money(d("297692800")), "297.692.800");
        assert_eq!(money(d("999.5")), "1.000");
        assert_eq!(money(d("-1234.5")), "-1.235");
        assert_eq!(money(d("0")), "0");
        assert_eq!(money(d("-0.4")), "0");
        assert_eq!(percent(Some(d("26.4443"))), "26,44 %");
        assert_eq!(percent(Some(d("66.665"))), "66,67 %");
        assert_eq!(percent(Some(d("100"))), "100,00 %");
        assert_eq!(percent(Some(d("-5.5"))), "-5,50 %");
        assert_eq!(percent(None), "không xác định");
        assert_eq!(number(d("0.50")), "0,5");
        assert_eq!(number(d("2112")), "2.112");
        assert_eq!(number(d("1234.25")), "1.234,25");
    }
}
