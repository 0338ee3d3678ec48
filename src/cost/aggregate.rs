//! Totals over many reviews, by lĩnh vực and overall: sums of trước, sau, tiết kiệm, and
//! % = Σ tiết kiệm / Σ trước (never the mean of the percentages).

use super::engine::{CostError, OptionResult, percent_cut};
use crate::model::text_key;
use rust_decimal::Decimal;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub count: usize,
    pub before: Decimal,
    pub after: Decimal,
    pub saving: Decimal,
    pub percent: Option<Decimal>,
    pub days_before: Decimal,
    pub days_after: Decimal,
    pub days_percent: Option<Decimal>,
}

impl Totals {
    fn add(&mut self, r: &OptionResult) -> Result<(), CostError> {
        let sum = |a: Decimal, b: Decimal, what: &str| {
            a.checked_add(b).ok_or_else(|| CostError::Overflow {
                what: what.to_string(),
            })
        };
        self.count += 1;
        self.before = sum(self.before, r.before, "tổng chi phí trước")?;
        self.after = sum(self.after, r.after, "tổng chi phí sau")?;
        self.saving = sum(self.saving, r.saving, "tổng chi phí tiết kiệm")?;
        self.days_before = sum(self.days_before, r.days_before, "tổng thời hạn")?;
        self.days_after = sum(self.days_after, r.days_after, "tổng thời hạn")?;
        self.percent = percent_cut(self.saving, self.before);
        self.days_percent = self
            .days_before
            .checked_sub(self.days_after)
            .and_then(|cut| percent_cut(cut, self.days_before));
        Ok(())
    }

    /// Whether the cut in total thời hạn giải quyết reaches `target` percent.
    pub fn meets_time_target(&self, target: Decimal) -> Option<bool> {
        self.days_percent.map(|p| p >= target)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aggregate {
    /// Per lĩnh vực, in the order the fields first appear, named as first written.
    pub groups: Vec<(String, Totals)>,
    pub overall: Totals,
    /// The grouping key of each group ([`text_key`]), parallel to `groups`.
    keys: Vec<String>,
}

impl Aggregate {
    /// The totals of the group `field` belongs to (any spelling of it).
    pub fn group(&self, field: &str) -> Option<&Totals> {
        let key = text_key(field);
        self.keys
            .iter()
            .position(|k| *k == key)
            .map(|i| &self.groups[i].1)
    }
}

/// Sums results by lĩnh vực and overall. Spellings of one lĩnh vực that differ only in case,
/// spacing or the place of the tone mark (hoá/hóa) fall in one group.
pub fn aggregate<'a, I>(items: I) -> Result<Aggregate, CostError>
where
    I: IntoIterator<Item = (&'a str, &'a OptionResult)>,
{
    let mut agg = Aggregate::default();
    for (field, r) in items {
        let key = crate::model::field_key(field);
        let idx = match agg.keys.iter().position(|k| *k == key) {
            Some(i) => i,
            None => {
                agg.groups
                    .push((field.trim().to_string(), Totals::default()));
                agg.keys.push(key);
                agg.groups.len() - 1
            }
        };
        agg.groups[idx].1.add(r)?;
        agg.overall.add(r)?;
    }
    Ok(agg)
}
