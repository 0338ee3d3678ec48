//! A review (rà soát, đánh giá) of one TTHC: the record, the answered form, the cost parameters,
//! the current activity table and the simplification options.

use super::{Activity, Answers, Figure, Objective, Reviewer, SimplOption, TthcRecord};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The schema version this build writes and the newest it reads.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Review {
    /// Required in a file: missing reads as 0, which is refused as "not a review".
    #[serde(default)]
    pub schema_version: u32,
    /// Free note about the file, e.g. that its figures are illustrative.
    pub note: String,
    /// The reviewer ticked "print this note in the review's report" (an internal note is never
    /// printed by default).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub print_note: bool,
    pub tthc: TthcRecord,
    pub reviewer: Reviewer,
    pub objectives: Vec<Objective>,
    #[serde(deserialize_with = "super::answers::unique_answers")]
    pub answers: Answers,
    pub cost: CostParams,
    /// The current procedure's activities (bảng chi phí hiện tại).
    pub activities: Vec<Activity>,
    /// Số lần thực hiện/năm.
    pub frequency: Figure,
    /// Số lượng đối tượng tuân thủ/năm.
    pub subjects: Figure,
    pub options: Vec<SimplOption>,
    /// A copy made by "Nhân bản": never counted in a compiled report until the reviewer clears
    /// the mark, so a duplicated TTHC cannot be counted twice by accident.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// Where the review stands in the office's year, oldest change first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tracking: Vec<super::StageChange>,
    /// Quality comments on the review, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<super::Comment>,
    /// TTHC or TTHC nội bộ (each approved by a decision of its own).
    #[serde(skip_serializing_if = "is_default")]
    pub kind: super::ProcedureKind,
    /// Related to production and business (liên quan đến hoạt động sản xuất, kinh doanh): in the
    /// scope of the 2025–2026 targets.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub business: bool,
    /// The TTHC as at the baseline year (2024), for the cumulative cuts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<super::Baseline>,
    /// Business conditions (ĐKKD) and what the chosen option does to each.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub business_conditions: Vec<super::BusinessCondition>,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

impl Default for Review {
    fn default() -> Self {
        Review {
            schema_version: SCHEMA_VERSION,
            note: String::new(),
            print_note: false,
            tthc: TthcRecord::default(),
            reviewer: Reviewer::default(),
            objectives: Vec::new(),
            answers: Answers::new(),
            cost: CostParams::default(),
            activities: Vec::new(),
            frequency: Figure::int(1),
            subjects: Figure::int(0),
            options: Vec::new(),
            draft: false,
            tracking: Vec::new(),
            comments: Vec::new(),
            kind: super::ProcedureKind::Tthc,
            business: false,
            baseline: None,
            business_conditions: Vec::new(),
        }
    }
}

impl Review {
    /// The option that goes into the report: the one marked chosen, or the only one there is.
    pub fn chosen_index(&self) -> Option<usize> {
        match self.options.iter().position(|o| o.chosen) {
            Some(i) => Some(i),
            None if self.options.len() == 1 => Some(0),
            None => None,
        }
    }

    /// The latest stage and its date, if the review has been sent on.
    pub fn stage(&self) -> Option<&super::StageChange> {
        self.tracking.last()
    }

    /// Comments not yet dealt with.
    pub fn open_comments(&self) -> usize {
        self.comments.iter().filter(|c| !c.resolved).count()
    }

    /// Marks option `index` chosen and every other not.
    pub fn choose(&mut self, index: usize) {
        for (i, o) in self.options.iter_mut().enumerate() {
            o.chosen = i == index;
        }
    }
}

/// Thu nhập bình quân/giờ and where it came from. The rate is what the engine uses; GDP and the
/// divisor's parts are kept so the reader can see how it was derived, and can re-derive it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CostParams {
    pub hourly_income: Figure,
    pub income_year: Option<u16>,
    pub income_source: String,
    pub gdp_per_capita: Option<Figure>,
    pub months: Figure,
    pub days_per_month: Figure,
    pub hours_per_day: Figure,
}

impl Default for CostParams {
    fn default() -> Self {
        CostParams {
            hourly_income: Figure::int(0),
            income_year: None,
            income_source: String::new(),
            gdp_per_capita: None,
            months: Figure::int(12),
            days_per_month: Figure::int(22),
            hours_per_day: Figure::int(8),
        }
    }
}

impl CostParams {
    /// 12 × 22 × 8 (or whatever the parts say).
    pub fn divisor(&self) -> Option<Decimal> {
        self.months
            .value
            .checked_mul(self.days_per_month.value)?
            .checked_mul(self.hours_per_day.value)
    }
}
