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
