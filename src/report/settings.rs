//! Report settings: the decision shell of the compiled report (issuing body, number, place and
//! date, Căn cứ lines, Điều 1–4, Nơi nhận, signature block) and the time-cut target.

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

    pub fn load(path: &Path) -> Result<Self, TemplateError> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            TemplateError::at(&path.display().to_string(), format!("không đọc được ({e})"))
        })?;
        Self::parse(&path.display().to_string(), &text)
    }

    pub fn to_ron(&self) -> String {
        let cfg = ron::ser::PrettyConfig::new()
            .struct_names(false)
            .indentor("  ".to_string());
        ron::ser::to_string_pretty(self, cfg).expect("plain data") + "\n"
    }
}
