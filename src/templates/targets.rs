//! The cuts each year must reach against the baseline year (Nghị quyết 66/NQ-CP for 2025–2026),
//! as data with their source: `assets/templates/targets.ron`, replaced like the other template
//! files by a `targets.ron` in the templates folder.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub const TARGETS_FILE: &str = "targets.ron";
pub const EMBEDDED: &str = include_str!("../../assets/templates/targets.ron");

/// One year's targets, in %.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearTargets {
    pub year: i32,
    /// Thời gian giải quyết.
    pub time: Decimal,
    /// Chi phí tuân thủ.
    pub cost: Decimal,
    /// Điều kiện kinh doanh cắt giảm, đơn giản hóa.
    pub conditions: Decimal,
    /// Chi phí tuân thủ TTHC nội bộ.
    pub internal_cost: Decimal,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    /// The year the cuts are measured against.
    pub baseline_year: i32,
    pub years: Vec<YearTargets>,
}

impl Targets {
    /// The shipped targets.
    pub fn embedded() -> Self {
        Self::parse("targets.ron", EMBEDDED).expect("the shipped targets are checked by the tests")
    }

    /// The targets file of a text: every percentage from 0 to 100, each year once.
    pub fn parse(file: &str, text: &str) -> Result<Self, String> {
        let t: Targets = crate::storage::ron_options().from_str(text).map_err(|e| {
            format!(
                "{file}: dòng {}, cột {}: {}",
                e.span.start.line,
                e.span.start.col,
                crate::storage::ron_error(&e.code)
            )
        })?;
        for y in &t.years {
            for (what, v) in [
                ("time", y.time),
                ("cost", y.cost),
                ("conditions", y.conditions),
                ("internal_cost", y.internal_cost),
            ] {
                if v.is_sign_negative() || v > Decimal::ONE_HUNDRED {
                    return Err(format!(
                        "{file}: năm {}: mục tiêu «{what}» phải từ 0 đến 100 (%)",
                        y.year
                    ));
                }
            }
            if t.years.iter().filter(|o| o.year == y.year).count() > 1 {
                return Err(format!("{file}: năm {} ghi hai lần", y.year));
            }
        }
        Ok(t)
    }

    /// The targets of `year`, if the file has them.
    pub fn year(&self, year: i32) -> Option<&YearTargets> {
        self.years.iter().find(|y| y.year == year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_targets_are_those_of_the_resolution() {
        let t = Targets::embedded();
        assert_eq!(t.baseline_year, 2024);
        let y25 = t.year(2025).unwrap();
        assert_eq!((y25.time, y25.cost), (Decimal::from(30), Decimal::from(30)));
        let y26 = t.year(2026).unwrap();
        assert_eq!((y26.time, y26.cost), (Decimal::from(50), Decimal::from(50)));
        assert!(y26.source.contains("66/NQ-CP"));
        assert!(t.year(2023).is_none());
        assert!(Targets::parse("x.ron", "(baseline_year: 2024, years: [(year: 2025, time: \"130\", cost: \"1\", conditions: \"1\", internal_cost: \"1\", source: \"\")])").is_err());
    }
}
