//! Where a review stands in the office's year, with the date of each change, kept in the review
//! file itself so the office sees it wherever the file goes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The stages of a review after it is started, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stage {
    /// Đang rà soát.
    Reviewing,
    /// Đã gửi Văn phòng UBND tỉnh đánh giá chất lượng.
    SentForAssessment,
    /// Có ý kiến đánh giá chất lượng, đang hoàn thiện.
    Commented,
    /// Đã hoàn thiện theo ý kiến.
    Completed,
    /// Đưa vào dự thảo quyết định.
    InDecision,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Reviewing,
        Stage::SentForAssessment,
        Stage::Commented,
        Stage::Completed,
        Stage::InDecision,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Stage::Reviewing => "đang rà soát",
            Stage::SentForAssessment => "đã gửi thẩm định",
            Stage::Commented => "có ý kiến",
            Stage::Completed => "đã hoàn thiện",
            Stage::InDecision => "đưa vào quyết định",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageChange {
    pub stage: Stage,
    /// "2024-07-25".
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}
