//! Report settings: the decision shell of the compiled report (issuing body, number, place and
//! date, Căn cứ lines, Điều 1–4, Nơi nhận, signature block) and the time-cut target.

use super::doc::MoneyUnit;
use super::words::WordsStyle;
use crate::templates::TemplateError;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const DEFAULT_SETTINGS: &str = include_str!("../../assets/templates/report_settings.ron");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSettings {
    pub body_upper: String,
    pub body_lower: String,
    pub number: String,
    pub place_date: String,
    pub title: String,
    pub subject: String,
    pub signer_authority: String,
    pub bases: Vec<String>,
    pub proposal: String,
    pub articles: Vec<String>,
    pub recipients: Vec<String>,
    pub sign_for: String,
    pub sign_deputy: String,
    pub sign_title: String,
    pub signer_name: String,
    pub annex_heading: String,
    pub annex_note: String,
    /// Mục tiêu cắt giảm tổng thời gian giải quyết, %.
    pub time_cut_target: Decimal,
    /// "Đơn vị tính" of the summary table.
    #[serde(default)]
    pub money_unit: MoneyUnit,
    /// Cost lines per year, per hồ sơ, or both.
    #[serde(default)]
    pub cost_basis: CostBasis,
    /// Amounts in words after the benefit lines and the totals.
    #[serde(default)]
    pub amounts_in_words: bool,
    #[serde(default)]
    pub words: WordsStyle,
    /// The letterhead and signers of the single-review export.
    #[serde(default)]
    pub single: SingleSettings,
    /// The author written in the files' properties; empty: the issuing body of the letterhead.
    #[serde(default)]
    pub author: String,
    /// The decision approving the options of internal procedures (TTHC nội bộ): its own
    /// title, trích yếu, căn cứ and articles.
    #[serde(default)]
    pub internal: InternalFrame,
    /// The year of the review plan this decision belongs to, set by the caller from the
    /// folder's plan; fills `{year}` (never saved: the plan says it).
    #[serde(skip)]
    pub plan_year: Option<i32>,
}

/// The texts that differ in the decision on internal procedures (QĐ 1085/QĐ-TTg): "PHÊ DUYỆT
/// phương án đơn giản hóa thủ tục hành chính nội bộ …", căn cứ Luật 72/2025/QH15, NQ 66/NQ-CP and
/// QĐ 1085/QĐ-TTg (not NĐ 63/2010 or TT 02/2017).
// No container default: the default is read from the shipped settings, which hold this frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InternalFrame {
    pub subject: String,
    pub bases: Vec<String>,
    pub proposal: String,
    pub articles: Vec<String>,
    pub annex_title: String,
    pub annex_note: String,
    pub recipients: Vec<String>,
}

impl Default for InternalFrame {
    fn default() -> Self {
        ReportSettings::parse("report_settings.ron", DEFAULT_SETTINGS)
            .map(|s| s.internal)
            .unwrap_or_else(|_| InternalFrame {
                subject: String::new(),
                bases: Vec::new(),
                proposal: String::new(),
                articles: Vec::new(),
                annex_title: String::new(),
                annex_note: String::new(),
                recipients: Vec::new(),
            })
    }
}

/// Which cost figures the benefit lines give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CostBasis {
    /// đồng/năm (Thông tư 02/2017 Phụ lục VI).
    #[default]
    PerYear,
    /// đồng/hồ sơ: the cost of complying once.
    PerFile,
    Both,
}

impl CostBasis {
    pub const ALL: [CostBasis; 3] = [CostBasis::PerYear, CostBasis::PerFile, CostBasis::Both];
    pub fn label(self) -> &'static str {
        match self {
            CostBasis::PerYear => "đồng/năm",
            CostBasis::PerFile => "đồng/hồ sơ",
            CostBasis::Both => "cả hai",
        }
    }
}

/// The single-review export: an empty field takes the review's own agency and room.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SingleSettings {
    /// Above the room; empty: the review's agency, in capitals.
    pub body_upper: String,
    /// The room; empty: the review's room, in capitals.
    pub body_lower: String,
    pub number: String,
    pub place_date: String,
    pub left_title: String,
    pub right_title: String,
    /// Empty: left, the reviewer's own name; right, left blank to sign.
    pub right_name: String,
}

impl Default for SingleSettings {
    fn default() -> Self {
        SingleSettings {
            body_upper: String::new(),
            body_lower: String::new(),
            number: String::new(),
            place_date: "……, ngày …… tháng …… năm ……".to_string(),
            left_title: "NGƯỜI RÀ SOÁT".to_string(),
            right_title: "TRƯỞNG PHÒNG".to_string(),
            right_name: String::new(),
        }
    }
}

impl Default for ReportSettings {
    fn default() -> Self {
        Self::parse("report_settings.ron", DEFAULT_SETTINGS)
            .expect("the shipped settings are checked by the tests")
    }
}

impl ReportSettings {
    pub fn parse(file: &str, text: &str) -> Result<Self, TemplateError> {
        let s: ReportSettings = crate::templates::parse(file, text)?;
        if s.articles.len() != 4 {
            return Err(TemplateError::at(
                file,
                format!("cần đúng 4 điều (Điều 1–4), đang có {}", s.articles.len()),
            ));
        }
        if s.time_cut_target.is_sign_negative() || s.time_cut_target > Decimal::ONE_HUNDRED {
            return Err(TemplateError::at(
                file,
                "mục tiêu cắt giảm thời gian phải từ 0 đến 100 %",
            ));
        }
        Ok(s)
    }

    /// Settings that contradict each other or the decision's `year`, in words (the compile
    /// shows them as warnings).
    pub fn problems(&self, year: i32) -> Vec<String> {
        let mut out = Vec::new();
        // The lines dated in the decision's own year must not carry another fixed year (a
        // "năm 2026" left from last year's settings in a 2025 decision).
        for (what, text) in [
            ("dòng địa danh, ngày tháng", &self.place_date),
            ("dòng Tờ trình", &self.proposal),
            ("dòng ghi chú phụ lục", &self.annex_note),
        ] {
            if let Some(other) = fixed_years(text).find(|y| *y != year) {
                out.push(format!(
                    "{what} ghi năm {other} nhưng quyết định thuộc năm {year}; \
                     sửa trong «Thiết lập báo cáo» (ghi {{year}} để lấy năm của kế hoạch)"
                ));
            }
        }
        let authority = crate::model::text_key(&self.signer_authority);
        let sign_for = crate::model::text_key(&self.sign_for);
        if authority.starts_with(&crate::model::text_key("CHỦ TỊCH"))
            && sign_for.starts_with(&crate::model::text_key("TM."))
        {
            out.push(format!(
                "thẩm quyền ban hành là «{}» nhưng khối chữ ký ghi «{}» (ký thay mặt tập thể Ủy ban); \
                 quyết định của Chủ tịch ký «KT. CHỦ TỊCH» hoặc «CHỦ TỊCH»",
                self.signer_authority.trim(),
                self.sign_for.trim()
            ));
        }
        out
    }

    /// These settings for a decision of `year` (filled in `{year}`).
    pub fn for_plan_year(mut self, year: Option<i32>) -> Self {
        self.plan_year = year;
        self
    }

    pub fn load(path: &Path) -> Result<Self, TemplateError> {
        // A regular file of bounded size: a FIFO or /dev/zero is refused at once.
        let text = crate::storage::read_text_limited(path)
            .map_err(|e| TemplateError::at(&path.display().to_string(), e))?;
        Self::parse(&path.display().to_string(), &text)
    }

    pub fn to_ron(&self) -> String {
        let cfg = ron::ser::PrettyConfig::new()
            .struct_names(false)
            .indentor("  ".to_string());
        ron::ser::to_string_pretty(self, cfg).expect("plain data") + "\n"
    }
}

/// The four-digit years written after "năm" in a text ("năm 2026" → 2026).
fn fixed_years(text: &str) -> impl Iterator<Item = i32> + '_ {
    text.match_indices("năm ").filter_map(|(i, m)| {
        let rest = &text[i + m.len()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        (digits.len() == 4).then(|| digits.parse().ok()).flatten()
    })
}
