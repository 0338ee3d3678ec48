//! Whole-file validation shared by the CLI and the GUI: load, compute, and report answers whose
//! question has gone from the template (kept in the file, never dropped).

use crate::cost::review_cost;
use crate::model::Review;
use crate::storage::load_review;
use crate::templates::Templates;
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub struct CheckReport {
    pub review: Review,
    pub warnings: Vec<String>,
}

/// Problems that do not stop the review being used, in words for the user.
pub fn warnings(t: &Templates, review: &Review) -> Vec<String> {
    let mut w: Vec<String> = t
        .form
        .orphan_answers(&review.answers)
        .into_iter()
        .map(|k| format!("câu trả lời «{k}» không còn câu hỏi tương ứng trong mẫu biểu (vẫn được giữ trong tệp)"))
        .collect();
    if review.options.len() > 1 && !review.options.iter().any(|o| o.chosen) {
        w.push("có nhiều phương án nhưng chưa chọn phương án nào cho báo cáo".to_string());
    }
    if review.options.iter().filter(|o| o.chosen).count() > 1 {
        w.push(
            "có nhiều hơn một phương án được đánh dấu chọn; phương án đầu tiên được dùng"
                .to_string(),
        );
    }
    w
}

/// Figures that must be positive to mean anything: the GDP and the parts of the divisor.
fn positive_parts(review: &Review) -> Result<(), String> {
    let c = &review.cost;
    if let Some(g) = &c.gdp_per_capita
        && g.value <= rust_decimal::Decimal::ZERO
    {
        return Err("GDP bình quân đầu người phải lớn hơn 0".to_string());
    }
    for (what, f) in [
        ("số tháng", &c.months),
        ("số ngày làm việc/tháng", &c.days_per_month),
        ("số giờ làm việc/ngày", &c.hours_per_day),
    ] {
        if f.value <= rust_decimal::Decimal::ZERO {
            return Err(format!(
                "{what} trong cách tính thu nhập bình quân/giờ phải lớn hơn 0 (đang là {})",
                crate::cost::format::number(f.value)
            ));
        }
    }
    Ok(())
}

/// Loads and fully checks a file. The error is one line naming the file and the problem.
pub fn check_review_file(t: &Templates, path: &Path) -> Result<CheckReport, String> {
    let review = load_review(path).map_err(|e| e.to_string())?;
    let invalid = crate::progress::invalid_cells(&review);
    if let Some(c) = invalid.first() {
        return Err(format!(
            "{}: {} ô nhập chưa hợp lệ, lưu dưới dạng bản nháp — ô «{}» chứa «{}», không phải số hợp lệ",
            path.display(),
            invalid.len(),
            c.what,
            crate::storage::quote(&c.text)
        ));
    }
    positive_parts(&review).map_err(|e| format!("{}: {e}", path.display()))?;
    let cost = review_cost(&review).map_err(|e| format!("{}: {e}", path.display()))?;
    // The same policy as the checks before a report: the chosen option must be costed; another
    // option that cannot be yet is a warning.
    let chosen = review.chosen_index();
    let mut warnings = warnings(t, &review);
    for (i, r) in cost.options.iter().enumerate() {
        if let Err(e) = r {
            if chosen.is_none() || chosen == Some(i) {
                return Err(format!("{}: {e}", path.display()));
            }
            warnings.push(crate::preflight::not_chosen_uncosted(&review, i, e));
        }
    }
    Ok(CheckReport { review, warnings })
}
