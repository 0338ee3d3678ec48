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
    use crate::text::format::{number, percent};
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

/// The measures summed over a set of reviews (a plan's group, the whole plan), as the Government
/// counts them: business TTHC with approved cuts out of all business TTHC, ĐKKD cut out of all
/// ĐKKD, and the cumulative cost and time cut against the baselines.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MeasuresTotals {
    /// Business-related TTHC.
    pub business: usize,
    /// … whose chosen option cuts cost or time.
    pub business_cut: usize,
    pub conditions: usize,
    pub conditions_cut: usize,
    /// Reviews with a baseline, and the sums of their figures.
    pub with_baseline: usize,
    pub baseline_cost: Decimal,
    pub after_cost: Decimal,
    pub baseline_days: Decimal,
    pub after_days: Decimal,
}

impl MeasuresTotals {
    /// One review, with its chosen option's result if it has one.
    pub fn of(review: &Review, result: Option<&OptionResult>) -> Self {
        let c = conditions(review);
        let mut m = MeasuresTotals {
            business: usize::from(review.business),
            conditions: c.total,
            conditions_cut: c.cut(),
            ..Default::default()
        };
        let Some(r) = result else {
            return m;
        };
        let against = against_baseline(review, r, None, 0);
        let cuts = r.saving > Decimal::ZERO
            || r.days_after < r.days_before
            || against.as_ref().is_some_and(|a| {
                a.cost.percent.is_some_and(|p| p > Decimal::ZERO)
                    || a.time
                        .and_then(|t| t.percent)
                        .is_some_and(|p| p > Decimal::ZERO)
            });
        m.business_cut = usize::from(review.business && cuts);
        if let Some(a) = against {
            m.with_baseline = 1;
            m.baseline_cost = a.baseline_cost;
            m.after_cost = a.after_cost;
            // Days add up only in one unit: those of another unit are left out of the sum.
            if a.time.is_some_and(|t| t.percent.is_some()) {
                m.baseline_days = a.baseline_days;
                m.after_days = a.after_days;
            }
        }
        m
    }

    pub fn add(&mut self, o: &MeasuresTotals) {
        self.business += o.business;
        self.business_cut += o.business_cut;
        self.conditions += o.conditions;
        self.conditions_cut += o.conditions_cut;
        self.with_baseline += o.with_baseline;
        self.baseline_cost += o.baseline_cost;
        self.after_cost += o.after_cost;
        self.baseline_days += o.baseline_days;
        self.after_days += o.after_days;
    }

    pub fn cost(&self, t: Option<&YearTargets>) -> Measure {
        Measure {
            percent: percent_cut(self.baseline_cost - self.after_cost, self.baseline_cost),
            target: t.map(|t| t.cost),
        }
    }

    pub fn time(&self, t: Option<&YearTargets>) -> Measure {
        Measure {
            percent: percent_cut(self.baseline_days - self.after_days, self.baseline_days),
            target: t.map(|t| t.time),
        }
    }

    pub fn conditions_cut(&self, t: Option<&YearTargets>) -> Measure {
        Measure {
            percent: percent_cut(
                Decimal::from(self.conditions_cut as u64),
                Decimal::from(self.conditions as u64),
            ),
            target: t.map(|t| t.conditions),
        }
    }
}
