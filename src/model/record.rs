//! The TTHC record: the components of a procedure (NĐ 63 Điều 8) and who reviews it.

use super::Figure;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TthcRecord {
    pub code: String,
    pub name: String,
    pub field: String,
    pub level: String,
    pub agency: String,
    pub subjects: Vec<SubjectKind>,
    pub steps: Vec<String>,
    pub channels: Vec<Channel>,
    pub documents: Vec<Document>,
    pub time_limit: TimeLimit,
    pub fee: FeeInfo,
    pub forms: Vec<String>,
    pub conditions: Vec<String>,
    pub result: ResultInfo,
    pub legal_basis: Vec<String>,
    /// Thời hạn and fees per channel, as the national portal gives them (they can differ).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub channel_terms: Vec<ChannelTerms>,
    /// The channel whose thời hạn and fee the cost table describes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub costed_channel: Option<Channel>,
    /// Where the record was imported from, and when.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<RecordSource>,
}

/// One channel's thời hạn and fee.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ChannelTerms {
    pub channel: Option<Channel>,
    pub days: Figure,
    pub day_kind: DayKind,
    /// Phí, lệ phí of this channel (đồng per hồ sơ), and the lines as printed.
    pub fee: Figure,
    pub fee_text: String,
}

/// The file a record was imported from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RecordSource {
    /// The file's name ("ChiTietTTHC_1.015028.doc").
    pub file: String,
    /// "2026-12-06".
    pub imported: String,
}

impl TthcRecord {
    /// Costs the channel `c`: its thời hạn and fee become the record's.
    pub fn cost_channel(&mut self, c: Channel) {
        if let Some(t) = self.channel_terms.iter().find(|t| t.channel == Some(c)) {
            self.time_limit = TimeLimit {
                days: t.days.clone(),
                kind: t.day_kind,
            };
            self.fee.amount = t.fee.clone();
            if !t.fee_text.trim().is_empty() {
                self.fee.basis = t.fee_text.clone();
            }
            self.costed_channel = Some(c);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    CaNhan,
    ToChuc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    TrucTiep,
    BuuChinh,
    TrucTuyen,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CopyKind {
    #[default]
    BanChinh,
    BanSao,
    BanSaoChungThuc,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Document {
    pub name: String,
    pub kind: CopyKind,
    pub copies: u32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    #[default]
    NgayLamViec,
    Ngay,
}

/// Thời hạn giải quyết: a number of days, counted as working days or calendar days.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TimeLimit {
    pub days: Figure,
    pub kind: DayKind,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FeeInfo {
    pub amount: Figure,
    pub basis: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ResultInfo {
    pub name: String,
    pub validity: String,
}

/// Cơ quan, đơn vị thực hiện rà soát and the reviewer's contact (form part V).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Reviewer {
    pub agency: String,
    pub room: String,
    pub name: String,
    pub phone: String,
    pub email: String,
}
