//! An input figure: an exact decimal that may carry a note saying where it came from.
//!
//! In a review file a figure is written as a number (`8`, `0.5`), a string (`"0.5"`), or, with
//! its source, as `(value: "48248", note: "GDP 2023, Tổng cục Thống kê")`. It is always saved as a
//! string (exact) or that struct, so a second save is byte-identical to the first.
//!
//! A figure the user typed that is not a valid number keeps the text as typed (`invalid`): the
//! engine refuses to compute with it (never with an older, hidden value), and a draft saved with
//! it writes that text, `(typed: "-2")`, which `check` then reports.

use rust_decimal::Decimal;
use serde::de;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::str::FromStr;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figure {
    pub value: Decimal,
    pub note: String,
    /// The text typed in its cell when it is not a valid figure; `value` is then meaningless.
    pub invalid: Option<String>,
}

impl Figure {
    pub fn new(value: Decimal) -> Self {
        Figure {
            value,
            note: String::new(),
            invalid: None,
        }
    }

    pub fn with_note(value: Decimal, note: impl Into<String>) -> Self {
        Figure {
            value,
            note: note.into(),
            invalid: None,
        }
    }

    /// A figure whose cell holds `typed`, which is not a valid figure.
    pub fn invalid_text(typed: impl Into<String>) -> Self {
        Figure {
            invalid: Some(typed.into()),
            ..Default::default()
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
        if let Some(typed) = &self.invalid {
            let n = if self.note.is_empty() { 1 } else { 2 };
            let mut st = s.serialize_struct("Figure", n)?;
            st.serialize_field("typed", typed)?;
            if !self.note.is_empty() {
                st.serialize_field("note", &self.note)?;
            }
            return st.end();
        }
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
    /// Reads the figure's own text, so a number written without quotes (`0.1`, `1e3`,
    /// `79228162514264337593543950335`) is read exactly as written, never through binary
    /// floating point.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw: Box<ron::value::RawValue> = Deserialize::deserialize(d)?;
        figure_from_ron(raw.get_ron().trim()).map_err(de::Error::custom)
    }
}

/// `(value: …, note: "…")` in a file; the value is read by [`number_from_ron`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FigureParts {
    #[serde(default)]
    value: Option<Box<ron::value::RawValue>>,
    #[serde(default)]
    note: String,
    /// Text typed in the app that was not a valid figure (a draft saved as typed).
    #[serde(default)]
    typed: Option<String>,
}

const EXPECTED: &str =
    "cần một số (ví dụ 8, 0.5 hoặc \"48248\") hoặc (value: \"...\", note: \"...\")";

fn figure_from_ron(text: &str) -> Result<Figure, String> {
    let body = text.trim_start_matches(|c: char| c.is_alphanumeric() || c == '_');
    if body.starts_with('(') {
        let parts: FigureParts =
            crate::text::ron_options()
                .from_str(text)
                .map_err(|e| match e.code {
                    ron::Error::NoSuchStructField { found, .. } => format!(
                        "trường «{}» không có trong một số liệu (chỉ có value, note, typed)",
                        crate::text::quote(&found)
                    ),
                    _ => EXPECTED.to_string(),
                })?;
        if let Some(typed) = parts.typed {
            return Ok(Figure {
                note: parts.note,
                ..Figure::invalid_text(typed)
            });
        }
        let value = parts
            .value
            .ok_or_else(|| "số liệu thiếu trường value".to_string())?;
        let value = number_from_ron(value.get_ron().trim())?;
        return Ok(Figure::with_note(value, parts.note));
    }
    number_from_ron(text).map(Figure::new)
}

/// A number written as `8`, `-0.5`, `1_000`, `1e3` or `"48248"`, read exactly.
fn number_from_ron(text: &str) -> Result<Decimal, String> {
    if text.starts_with('"') || text.starts_with('r') {
        let s: String = ron::from_str(text).map_err(|_| EXPECTED.to_string())?;
        return decimal_from_text(&s);
    }
    let plain: String = text.chars().filter(|c| *c != '_').collect();
    let plain = plain.strip_prefix('+').unwrap_or(&plain);
    if plain.is_empty()
        || !plain
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | 'e' | 'E'))
    {
        return Err(format!("{EXPECTED}; gặp «{}»", crate::text::quote(text)));
    }
    decimal_from_text(plain)
}

/// Exact decimal of a number's text; too many digits is said as such, not as "not a number".
fn decimal_from_text(v: &str) -> Result<Decimal, String> {
    let t = v.trim();
    if let Ok(d) = Decimal::from_str(t).or_else(|_| Decimal::from_scientific(t)) {
        return Ok(d);
    }
    let numeric = !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.trim_start_matches(['-', '+'])
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'));
    if numeric {
        Err(format!(
            "số «{}» vượt quá giới hạn (tối đa 28 chữ số có nghĩa, giá trị tuyệt đối dưới 7,9 × 10^28)",
            crate::text::quote(t)
        ))
    } else {
        Err(format!(
            "«{}» không phải là số (dùng dấu chấm cho phần thập phân, ví dụ \"0.5\")",
            crate::text::quote(t)
        ))
    }
}
