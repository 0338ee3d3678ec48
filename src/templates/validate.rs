//! Checks that a template file makes sense before the program relies on it.

use super::{FormTemplate, OptionKindLabel, Presets, Shape, TemplateError, Wording};
use crate::model::{Component, OptionKind};
use crate::text::format::round_dong;
use rust_decimal::Decimal;
use std::collections::BTreeSet;

/// Every wording key the program uses, with the placeholders its text must keep.
pub const REQUIRED_WORDING: &[(&str, &[&str])] = &[
    ("subject.ca_nhan", &[]),
    ("subject.to_chuc", &[]),
    ("channel.truc_tiep", &[]),
    ("channel.buu_chinh", &[]),
    ("channel.truc_tuyen", &[]),
    ("copy.ban_chinh", &[]),
    ("copy.ban_sao", &[]),
    ("copy.ban_sao_chung_thuc", &[]),
    ("day.ngay_lam_viec", &[]),
    ("day.ngay", &[]),
    ("authority.tinh", &[]),
    ("authority.bo_nganh", &[]),
    ("authority.chinh_phu", &[]),
    ("authority.quoc_hoi", &[]),
    ("objective.quan_ly_nha_nuoc", &[]),
    ("objective.quyen_loi_ich", &[]),
    ("objective.finding", &["text"]),
    ("report.col_stt", &[]),
    ("report.col_name", &[]),
    ("report.col_before", &["unit"]),
    ("report.col_after", &["unit"]),
    ("report.col_saving", &["unit"]),
    ("report.col_percent", &[]),
    ("decision.decides", &[]),
    ("decision.article", &["n"]),
    ("annex.title", &[]),
    ("annex.procedure", &["stt", "ten", "ma_so"]),
    ("annex.content", &[]),
    ("annex.reason", &["reason"]),
    ("annex.implementation", &[]),
    ("annex.benefit", &[]),
    ("annex.cost_before", &["amount", "unit", "words"]),
    ("annex.cost_after", &["amount", "unit", "words"]),
    ("annex.cost_saving", &["amount", "unit", "words"]),
    ("annex.cost_percent", &["percent"]),
    ("annex.cost_increase", &["amount", "unit", "words"]),
    ("annex.cost_increase_percent", &["percent"]),
    (
        "annex.implementation_line",
        &["action", "article", "document", "authority", "deadline"],
    ),
    ("annex.no_content", &[]),
    ("report.single_title", &[]),
    ("report.single_subtitle", &["field", "agency"]),
    ("report.form_title", &[]),
    ("report.general", &[]),
    ("report.contact", &[]),
    ("report.objectives", &[]),
    ("report.answer", &["answer"]),
    ("report.no_answer", &[]),
    ("report.skipped", &[]),
    ("report.cost_title", &[]),
    ("report.cost_current", &[]),
    ("report.cost_after", &["option"]),
    ("report.cost_abolished", &[]),
    ("report.hourly", &["amount", "source"]),
    ("report.compare_title", &[]),
    ("report.summary_title", &[]),
    ("report.group_total", &[]),
    ("report.total", &[]),
    (
        "report.time_summary",
        &["before", "after", "percent", "target", "verdict"],
    ),
    ("report.time_met", &[]),
    ("report.time_not_met", &[]),
    ("report.illustrative", &["note"]),
    ("report.unit_line", &["unit"]),
    ("report.rounding_note", &["unit"]),
    (
        "report.total_words",
        &[
            "n",
            "before",
            "before_words",
            "after",
            "after_words",
            "saving",
            "saving_words",
        ],
    ),
    ("report.single_agency", &["agency", "room"]),
];

fn err(file: &str, msg: impl Into<String>) -> TemplateError {
    TemplateError::at(file, msg)
}

pub fn form(file: &str, f: &FormTemplate) -> Result<(), TemplateError> {
    for c in Component::ALL {
        if f.components.get(&c).is_none_or(|l| l.trim().is_empty()) {
            return Err(err(
                file,
                format!("thiếu nhãn cho thành phần {c:?} trong components"),
            ));
        }
    }
    for (set, choices) in &f.answer_sets {
        if choices.is_empty() {
            return Err(err(
                file,
                format!("bộ câu trả lời «{set}» không có lựa chọn nào"),
            ));
        }
        let mut ids = BTreeSet::new();
        for c in choices {
            if !ids.insert(c.id.as_str()) {
                return Err(err(
                    file,
                    format!("bộ câu trả lời «{set}»: mã «{}» lặp lại", c.id),
                ));
            }
        }
    }
    use super::Criterion::*;
    for crit in [CanThiet, HopLy, HopPhap] {
        let n = f.sections.iter().filter(|s| s.criterion == crit).count();
        if n != 1 {
            return Err(err(
                file,
                format!("cần đúng một phần cho tiêu chí {crit:?}, đang có {n}"),
            ));
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    let mut gates = 0;
    for (section, _, q) in f.questions() {
        let here = format!("câu hỏi «{}»", q.id);
        if q.id.trim().is_empty() || q.id.contains('#') || q.id.contains(char::is_whitespace) {
            return Err(err(
                file,
                format!("{here}: mã câu hỏi phải khác rỗng, không có dấu cách hay «#»"),
            ));
        }
        if seen.contains(&q.id.as_str()) {
            return Err(err(file, format!("{here}: mã câu hỏi lặp lại")));
        }
        if q.text.trim().is_empty() {
            return Err(err(file, format!("{here}: thiếu nội dung câu hỏi")));
        }
        if q.source.trim().is_empty() {
            return Err(err(
                file,
                format!("{here}: thiếu nguồn (source) của câu chữ"),
            ));
        }
        let set: Option<&String> = match &q.shape {
            Shape::Choice(s) | Shape::Multi(s) => Some(s),
            Shape::Text => None,
        };
        if let Some(s) = set
            && !f.answer_sets.contains_key(s)
        {
            return Err(err(file, format!("{here}: không có bộ câu trả lời «{s}»")));
        }
        for id in &q.finding {
            if set.is_none() {
                return Err(err(
                    file,
                    format!("{here}: câu hỏi tự luận không có finding"),
                ));
            }
            if !f.choices(q).iter().any(|c| &c.id == id) {
                return Err(err(
                    file,
                    format!("{here}: finding «{id}» không có trong bộ câu trả lời"),
                ));
            }
        }
        if let Some(cond) = &q.show_if {
            if !seen.contains(&cond.question.as_str()) {
                return Err(err(
                    file,
                    format!(
                        "{here}: show_if trỏ tới «{}», không phải câu hỏi đứng trước",
                        cond.question
                    ),
                ));
            }
            let parent = f.question(&cond.question).expect("seen above");
            if parent.shape == Shape::Text {
                return Err(err(
                    file,
                    format!("{here}: show_if trỏ tới một câu hỏi tự luận"),
                ));
            }
            for id in &cond.any_of {
                if !f.choices(parent).iter().any(|c| &c.id == id) {
                    return Err(err(
                        file,
                        format!("{here}: show_if dùng câu trả lời «{id}» không có"),
                    ));
                }
            }
        }
        if q.gate {
            gates += 1;
            if section.criterion != CanThiet
                || !matches!(q.shape, Shape::Choice(_))
                || q.finding.is_empty()
            {
                return Err(err(
                    file,
                    format!(
                        "{here}: câu hỏi gate phải thuộc phần sự cần thiết, là câu chọn một, và có finding"
                    ),
                ));
            }
        }
        seen.push(&q.id);
    }
    if gates != 1 {
        return Err(err(
            file,
            format!("cần đúng một câu hỏi gate (kết luận về sự cần thiết), đang có {gates}"),
        ));
    }
    Ok(())
}

pub fn presets(file: &str, p: &Presets) -> Result<(), TemplateError> {
    for a in &p.activities {
        if a.name.trim().is_empty() {
            return Err(err(file, "hoạt động mẫu không có tên"));
        }
        if a.hours.value.is_sign_negative() {
            return Err(err(file, format!("hoạt động mẫu «{}»: số giờ âm", a.name)));
        }
    }
    for w in &p.public_wages {
        if w.base_salary <= Decimal::ZERO
            || w.coefficient <= Decimal::ZERO
            || w.hours_per_month <= Decimal::ZERO
        {
            return Err(err(file, format!("lương «{}»: số liệu phải dương", w.name)));
        }
        let derived = round_dong(w.base_salary * w.coefficient / w.hours_per_month);
        if derived != w.hourly {
            return Err(err(
                file,
                format!(
                    "lương «{}»: {} × {} ÷ {} = {} đồng/giờ, không phải {}",
                    w.name, w.base_salary, w.coefficient, w.hours_per_month, derived, w.hourly
                ),
            ));
        }
    }
    let divisor = Decimal::from(12 * 22 * 8);
    for i in &p.incomes {
        if i.gdp_per_capita <= Decimal::ZERO || i.hourly <= Decimal::ZERO {
            return Err(err(
                file,
                format!("thu nhập năm {}: số liệu phải dương", i.year),
            ));
        }
        let derived = round_dong(i.gdp_per_capita / divisor);
        if derived != i.hourly {
            return Err(err(
                file,
                format!(
                    "thu nhập năm {}: {} ÷ 2.112 = {} đồng/giờ, không phải {}",
                    i.year, i.gdp_per_capita, derived, i.hourly
                ),
            ));
        }
    }
    Ok(())
}

pub fn option_kinds(file: &str, kinds: &[OptionKindLabel]) -> Result<(), TemplateError> {
    for k in OptionKind::ALL {
        let n = kinds.iter().filter(|x| x.kind == k).count();
        if n != 1 {
            return Err(err(
                file,
                format!("loại phương án «{}» cần đúng một nhãn, đang có {n}", k.id()),
            ));
        }
    }
    if let Some(k) = kinds.iter().find(|k| k.label.trim().is_empty()) {
        return Err(err(
            file,
            format!("loại phương án «{}» có nhãn rỗng", k.kind.id()),
        ));
    }
    Ok(())
}

pub fn wording(file: &str, w: &Wording) -> Result<(), TemplateError> {
    for (key, placeholders) in REQUIRED_WORDING {
        let Some(text) = w.0.get(*key) else {
            return Err(err(file, format!("thiếu câu chữ «{key}»")));
        };
        for p in *placeholders {
            if !text.contains(&format!("{{{p}}}")) {
                return Err(err(file, format!("câu chữ «{key}» phải chứa {{{p}}}")));
            }
        }
    }
    Ok(())
}

/// The lĩnh vực list: no empty entry, no two entries that group as one.
pub fn fields(file: &str, list: &[String]) -> Result<(), TemplateError> {
    let mut seen: Vec<(String, &str)> = Vec::new();
    for f in list {
        if f.trim().is_empty() {
            return Err(err(file, "danh sách lĩnh vực có một dòng trống"));
        }
        let key = crate::model::text_key(f);
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
            return Err(err(
                file,
                format!(
                    "lĩnh vực «{f}» trùng với «{first}» (chỉ khác chữ hoa/thường hoặc chỗ đặt dấu)"
                ),
            ));
        }
        seen.push((key, f));
    }
    Ok(())
}
