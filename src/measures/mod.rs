//! The three measures of 2025–2026 for a review: the cumulative cut of compliance cost and of
//! thời hạn against the TTHC's baseline (2024), each against the target of the year, and the
//! business conditions cut. Pure: computed from the review, its chosen option's result and the
//! targets data.

use crate::cost::{CostError, OptionResult, percent_cut, review_cost};
use crate::model::{Baseline, BaselineSource, ConditionCounts, Figure, Review};
pub use crate::templates::{Targets, YearTargets};
use rust_decimal::Decimal;

/// One measure: the cut in %, the target of the year and whether it is met.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measure {
    /// None when it cannot be computed (a baseline of 0, or days counted in another unit).
    pub percent: Option<Decimal>,
    pub target: Option<Decimal>,
}

impl Measure {
    pub fn met(&self) -> Option<bool> {
        Some(self.percent? >= self.target?)
    }
}

/// The cuts of the chosen option against the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct AgainstBaseline {
    pub baseline_year: u16,
    /// The year whose targets apply.
    pub year: i32,
    pub cost: Measure,
    /// None for internal procedures (their targets count cost only).
    pub time: Option<Measure>,
    pub baseline_cost: Decimal,
    pub baseline_days: Decimal,
    pub after_cost: Decimal,
    pub after_days: Decimal,
}

/// The review's own "current" table and thời hạn as a baseline of `year` (for the review made in
/// the baseline year).
pub fn baseline_from_current(review: &Review, year: u16) -> Result<Baseline, CostError> {
    let cost = review_cost(review)?;
    Ok(Baseline {
        year,
        cost: Figure::from(cost.current.per_year),
        days: review.tthc.time_limit.days.clone(),
        day_kind: review.tthc.time_limit.kind,
        source: BaselineSource::Current,
        note: String::new(),
    })
}

/// An earlier review's figures (its current table and thời hạn) as the baseline of this one.
pub fn baseline_from_review(
    earlier: &Review,
    file: &str,
    year: u16,
) -> Result<Baseline, CostError> {
    let mut b = baseline_from_current(earlier, year)?;
    b.source = BaselineSource::EarlierReview;
    b.note = file.to_string();
    Ok(b)
}

/// The cumulative cuts of `result` (the chosen option) against the review's baseline, with the
/// targets of `year`; none without a baseline.
pub fn against_baseline(
    review: &Review,
    result: &OptionResult,
    targets: Option<&YearTargets>,
    year: i32,
) -> Option<AgainstBaseline> {
    let b = review.baseline.as_ref()?;
    let internal = review.kind.is_internal();
    let cost = Measure {
        percent: percent_cut(b.cost.value - result.after, b.cost.value),
        target: targets.map(|t| if internal { t.internal_cost } else { t.cost }),
    };
    // Days compare only in one unit.
    let same_unit = b.day_kind == review.tthc.time_limit.kind;
    let time = (!internal).then(|| Measure {
        percent: if same_unit {
            percent_cut(b.days.value - result.days_after, b.days.value)
        } else {
            None
        },
        target: targets.map(|t| t.time),
    });
    Some(AgainstBaseline {
        baseline_year: b.year,
        year,
        cost,
        time,
        baseline_cost: b.cost.value,
        baseline_days: b.days.value,
        after_cost: result.after,
        after_days: result.days_after,
    })
}

/// The business conditions' counts, with the share cut against the target of the year.
pub fn conditions(review: &Review) -> ConditionCounts {
    ConditionCounts::of(&review.business_conditions)
}

/// The year whose targets apply to a review: the plan's, else the latest year of its stage
/// changes, else this year.
pub fn review_year(review: &Review, plan_year: Option<i32>) -> i32 {
    use chrono::Datelike;
    plan_year
        .filter(|y| *y > 0)
        .or_else(|| review.tracking.iter().map(|c| c.date.year()).max())
        .unwrap_or_else(|| chrono::Local::now().year())
}

/// "giảm 52,31 % (mục tiêu 50 %: đạt)", as the CLI and the reports print a measure.
pub fn measure_text(m: &Measure) -> String {
    use crate::cost::format::{number, percent};
    let verdict = match m.met() {
        Some(true) => "đạt",
        Some(false) => "chưa đạt",
        None => "chưa tính được",
    };
    match m.target {
        Some(t) => format!(
            "giảm {} (mục tiêu {} %: {verdict})",
            percent(m.percent),
            number(t)
        ),
        None => format!("giảm {} (chưa có mục tiêu của năm)", percent(m.percent)),
    }
}
