//! An input figure: an exact decimal that may carry a note saying where it came from.
//!
//! In a review file a figure is written as a number (`8`, `0.5`), a string (`"0.5"`), or, with
//! its source, as `(value: "48248", note: "GDP 2023, Tổng cục Thống kê")`. It is always saved as a
//! string (exact) or that struct, so a second save is byte-identical to the first.

use rust_decimal::Decimal;
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figure {
    pub value: Decimal,
    pub note: String,
}

impl Figure {
    pub fn new(value: Decimal) -> Self {
        Figure {
            value,
            note: String::new(),
        }
    }

    pub fn with_note(value: Decimal, note: impl Into<String>) -> Self {
        Figure {
            value,
            note: note.into(),
        }
    }

    pub fn int(value: i64) -> Self {
        Figure::new(Decimal::from(value))
    }

    /// Parses a figure typed the Vietnamese way or the file way: "0,5", "0.5", "48.248" (thousands
    /// dots), "297.692.800", "1.234,5". Returns None for anything that is not a plain number.
    pub fn parse_typed(text: &str) -> Option<Decimal> {
        parse_decimal_vi(text)
    }
}

impl From<Decimal> for Figure {
    fn from(value: Decimal) -> Self {
        Figure::new(value)
    }
}

/// Reads a number as a Vietnamese user types it: "." groups thousands, "," is the decimal mark.
/// A lone "." followed by other than exactly three digits is taken as a decimal point, so
/// "0.5" and "2.5" still work for people used to the other convention.
pub fn parse_decimal_vi(text: &str) -> Option<Decimal> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if t.is_empty() {
        return None;
    }
    let (sign, body) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", t.as_str()),
    };
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let commas = body.matches(',').count();
    let dots = body.matches('.').count();
    let normalized = if commas > 1 {
        return None;
    } else if commas == 1 {
        // "1.234,5": dots group thousands, the comma is the decimal mark.
        let (int, frac) = body.split_once(',').unwrap();
        if dots > 0 && !thousands_grouped(int) {
            return None;
        }
        format!("{}.{}", int.replace('.', ""), frac)
    } else if dots == 0 {
        body.to_string()
    } else if dots == 1 {
        let (int, frac) = body.split_once('.').unwrap();
        if frac.len() == 3 && !int.is_empty() && int != "0" {
            format!("{int}{frac}")
        } else {
            body.to_string()
        }
    } else if thousands_grouped(body) {
        body.replace('.', "")
    } else {
        return None;
    };
    if normalized.starts_with('.') || normalized.ends_with('.') {
        return None;
    }
    Decimal::from_str(&format!("{sign}{normalized}")).ok()
}

fn thousands_grouped(int: &str) -> bool {
    let groups: Vec<&str> = int.split('.').collect();
    !groups[0].is_empty()
        && groups[0].len() <= 3
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
}

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = self.value.normalize().to_string();
        if self.note.is_empty() {
            s.serialize_str(&text)
        } else {
            let mut st = s.serialize_struct("Figure", 2)?;
            st.serialize_field("value", &text)?;
            st.serialize_field("note", &self.note)?;
            st.end()
        }
    }
}

impl<'de> Deserialize<'de> for Figure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FigureVisitor)
    }
}

struct FigureVisitor;

const EXPECTED: &str = "một số (ví dụ 8, 0.5 hoặc \"48248\") hoặc (value: \"...\", note: \"...\")";

fn decimal_from_text<E: de::Error>(v: &str) -> Result<Decimal, E> {
    let t = v.trim();
    Decimal::from_str(t)
        .or_else(|_| Decimal::from_scientific(t))
        .map_err(|_| {
            E::custom(format!(
                "\"{v}\" không phải là số (dùng dấu chấm cho phần thập phân, ví dụ \"0.5\")"
            ))
        })
}

impl<'de> Visitor<'de> for FigureVisitor {
    type Value = Figure;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Figure, E> {
        Ok(Figure::new(Decimal::from(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Figure, E> {
        Ok(Figure::new(Decimal::from(v)))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Figure, E> {
        Decimal::from_i128_with_scale(v, 0)
            .checked_add(Decimal::ZERO)
            .map(Figure::new)
            .ok_or_else(|| E::custom("số quá lớn"))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Figure, E> {
        let v = i128::try_from(v).map_err(|_| E::custom("số quá lớn"))?;
        self.visit_i128(v)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Figure, E> {
        if !v.is_finite() {
            return Err(E::custom("số không hữu hạn"));
        }
        // Shortest round-trip text of the float is what the person wrote ("0.5").
        decimal_from_text(&v.to_string()).map(Figure::new)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Figure, E> {
        decimal_from_text(v).map(Figure::new)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Figure, A::Error> {
        let mut value: Option<Figure> = None;
        let mut note = String::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "value" => value = Some(map.next_value::<Figure>()?),
                "note" => note = map.next_value::<String>()?,
                other => {
                    return Err(de::Error::unknown_field(other, &["value", "note"]));
                }
            }
        }
        let mut fig = value.ok_or_else(|| de::Error::missing_field("value"))?;
        fig.note = note;
        Ok(fig)
    }
}
