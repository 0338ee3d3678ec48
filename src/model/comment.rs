//! Quality comments (ý kiến đánh giá chất lượng) on a review: from the provincial office's
//! assessment, or the department's own check — who, when, which part, what, and whether the
//! room has dealt with it. Kept in the review file, so they travel with it.

use super::Step;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    /// Who made it: "Văn phòng UBND tỉnh", "Phòng KSTTHC – Nguyễn Văn A".
    pub author: String,
    /// "2024-08-02".
    pub date: NaiveDate,
    /// The step of the review it concerns.
    pub part: Step,
    pub text: String,
    /// Dealt with by the room.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub resolved: bool,
}
