//! The measures of 2025–2026 (Nghị quyết 66/NQ-CP): whether a TTHC is business-related, its
//! baseline as at 2024 (cost and thời hạn, with their source), its business conditions (ĐKKD) and
//! what the chosen option does to each, and the kind of procedure (TTHC or TTHC nội bộ). All
//! optional in a file: a review written before them opens and computes as it did.

use super::{DayKind, Figure};
use serde::{Deserialize, Serialize};

/// What is reviewed: a TTHC for citizens and businesses, or an internal procedure (QĐ 1085/QĐ-TTg),
/// approved by a decision of its own.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ProcedureKind {
    #[default]
    Tthc,
    /// TTHC nội bộ giữa các cơ quan hành chính nhà nước.
    NoiBoGiuaCoQuan,
    /// TTHC nội bộ trong một cơ quan, địa phương.
    NoiBoTrongCoQuan,
}

impl ProcedureKind {
    pub const ALL: [ProcedureKind; 3] = [
        ProcedureKind::Tthc,
        ProcedureKind::NoiBoGiuaCoQuan,
        ProcedureKind::NoiBoTrongCoQuan,
    ];

    pub fn is_internal(self) -> bool {
        self != ProcedureKind::Tthc
    }

    pub fn label(self) -> &'static str {
        match self {
            ProcedureKind::Tthc => "Thủ tục hành chính",
            ProcedureKind::NoiBoGiuaCoQuan => "TTHC nội bộ giữa các cơ quan hành chính nhà nước",
            ProcedureKind::NoiBoTrongCoQuan => "TTHC nội bộ trong cơ quan, địa phương",
        }
    }
}

/// Where a baseline's figures come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BaselineSource {
    /// This review's own "current" table and thời hạn (the review made in the baseline year).
    #[default]
    Current,
    /// Copied from an earlier review of the same TTHC (its file in `note`).
    EarlierReview,
    /// Typed by the reviewer, with a note saying where it comes from.
    Typed,
}

impl BaselineSource {
    pub fn id(self) -> &'static str {
        match self {
            BaselineSource::Current => "current",
            BaselineSource::EarlierReview => "earlier_review",
            BaselineSource::Typed => "typed",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            BaselineSource::Current => "tính từ bảng chi phí hiện tại của bản rà soát này",
            BaselineSource::EarlierReview => "chép từ bản rà soát trước của TTHC này",
            BaselineSource::Typed => "nhập tay",
        }
    }
}

/// The TTHC as it stood in the baseline year: what the cuts of 2025–2026 are measured against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Baseline {
    pub year: u16,
    /// Chi phí tuân thủ, đồng/năm.
    pub cost: Figure,
    /// Thời hạn giải quyết.
    pub days: Figure,
    pub day_kind: DayKind,
    pub source: BaselineSource,
    /// Where the figures come from, in words (the earlier file, the document).
    pub note: String,
}

impl Default for Baseline {
    fn default() -> Self {
        Baseline {
            year: 2024,
            cost: Figure::default(),
            days: Figure::default(),
            day_kind: DayKind::NgayLamViec,
            source: BaselineSource::Current,
            note: String::new(),
        }
    }
}

/// What the chosen option does to a business condition.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionFate {
    #[default]
    Giu,
    BaiBo,
    SuaDoi,
}

impl ConditionFate {
    pub const ALL: [ConditionFate; 3] = [
        ConditionFate::Giu,
        ConditionFate::BaiBo,
        ConditionFate::SuaDoi,
    ];
    pub fn label(self) -> &'static str {
        match self {
            ConditionFate::Giu => "giữ",
            ConditionFate::BaiBo => "bãi bỏ",
            ConditionFate::SuaDoi => "sửa đổi",
        }
    }
}

/// A business condition (điều kiện đầu tư kinh doanh) of the TTHC.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BusinessCondition {
    pub text: String,
    /// Its legal basis ("khoản 2 Điều 5 Nghị định số 83/2014/NĐ-CP").
    pub basis: String,
    /// In the chosen option.
    pub fate: ConditionFate,
    pub reason: String,
}

/// How many conditions the chosen option keeps, abolishes and amends.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ConditionCounts {
    pub total: usize,
    pub abolished: usize,
    pub amended: usize,
    pub kept: usize,
}

impl ConditionCounts {
    pub fn of(list: &[BusinessCondition]) -> Self {
        let n = |f| list.iter().filter(|c| c.fate == f).count();
        ConditionCounts {
            total: list.len(),
            abolished: n(ConditionFate::BaiBo),
            amended: n(ConditionFate::SuaDoi),
            kept: n(ConditionFate::Giu),
        }
    }
    /// Cut or simplified (bãi bỏ or sửa đổi), as the Government counts "ĐKKD cắt giảm".
    pub fn cut(&self) -> usize {
        self.abolished + self.amended
    }
}

/// A decentralisation proposal (phân cấp, phân quyền, phân định thẩm quyền).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Decentralisation {
    /// The body that decides now ("Sở Công Thương").
    pub from_body: String,
    /// The body and level proposed ("UBND cấp xã").
    pub to_body: String,
    /// The text to amend ("khoản 3 Điều 8 Nghị định số 83/2014/NĐ-CP").
    pub text: String,
    /// Who can make the change ("Chính phủ").
    pub decided_by: String,
}

impl Decentralisation {
    pub fn is_empty(&self) -> bool {
        self.from_body.trim().is_empty()
            && self.to_body.trim().is_empty()
            && self.text.trim().is_empty()
            && self.decided_by.trim().is_empty()
    }
}

/// A dossier document replaced with data from a national database (NQ 66.7/2025/NQ-CP).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DataReplacement {
    pub document: String,
    /// "Cơ sở dữ liệu quốc gia về dân cư", "Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp" …
    pub database: String,
}
