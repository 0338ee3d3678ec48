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
        let t: Targets = crate::text::ron_options()
            .from_str(text)
            .map_err(|e| crate::text::ron_located(file, &e))?;
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
    fn the_shipped_government_has_34_provinces_and_names_former_ones() {
        let g = Government::embedded();
        assert_eq!(g.provinces.len(), 34);
        assert_eq!(g.departments.len(), 12);
        assert_eq!(g.levels, ["Cấp tỉnh", "Cấp xã", "Cơ quan khác"]);
        assert!(g.retired_level("UBND cấp huyện").is_some());
        assert!(g.retired_level("Cấp tỉnh").is_none());
        let (old, now) = g.former_province("Ủy ban nhân dân TỈNH QUẢNG NAM").unwrap();
        assert_eq!((old, now.name.as_str()), ("Quảng Nam", "Đà Nẵng"));
        assert!(g.former_province("TỈNH ……").is_none());
    }

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

pub const GOVERNMENT_FILE: &str = "government.ron";
pub const GOVERNMENT_EMBEDDED: &str = include_str!("../../assets/templates/government.ron");

/// A level of government no longer in use, and what to say of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetiredLevel {
    pub name: String,
    pub note: String,
}

/// A provincial unit since 1/7/2025, with the former provinces merged into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Province {
    pub name: String,
    pub aliases: Vec<String>,
    /// The place name of the date line, filled once by the office.
    pub seat: String,
}

/// Two-level local government as data (levels, provinces with their former names, the
/// departments of NĐ 45/2025): `assets/templates/government.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Government {
    pub levels: Vec<String>,
    pub retired_levels: Vec<RetiredLevel>,
    pub provinces: Vec<Province>,
    pub departments: Vec<String>,
}

impl Government {
    pub fn embedded() -> Self {
        Self::parse(GOVERNMENT_FILE, GOVERNMENT_EMBEDDED)
            .expect("the shipped list is checked by the tests")
    }

    pub fn parse(file: &str, text: &str) -> Result<Self, String> {
        crate::text::ron_options()
            .from_str(text)
            .map_err(|e| crate::text::ron_located(file, &e))
    }

    /// The retired level a "cấp thực hiện" names, if any ("Cấp huyện", "UBND cấp huyện").
    pub fn retired_level(&self, level: &str) -> Option<&RetiredLevel> {
        let key = crate::model::text_key(level);
        self.retired_levels.iter().find(|r| {
            let name = crate::model::text_key(&r.name);
            !name.is_empty() && key.contains(&name)
        })
    }

    /// The province a text names ("TỈNH ĐỒNG NAI", "THÀNH PHỐ ĐÀ NẴNG"), under its current name.
    pub fn province_in(&self, text: &str) -> Option<&Province> {
        let key = crate::model::text_key(text);
        self.provinces
            .iter()
            .find(|p| key.ends_with(&crate::model::text_key(&p.name)))
    }

    /// A former province a text names as "tỉnh X" (after 1/7/2025 part of the returned unit).
    pub fn former_province<'a>(&'a self, text: &str) -> Option<(&'a str, &'a Province)> {
        let key = crate::model::text_key(text);
        self.provinces.iter().find_map(|p| {
            p.aliases.iter().find_map(|a| {
                let alias = crate::model::text_key(&format!("tỉnh {a}"));
                key.contains(&alias).then_some((a.as_str(), p))
            })
        })
    }
}
