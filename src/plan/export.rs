//! The plan's progress as a workbook for the office: one row per plan row with its room, stage,
//! date, overdue mark and figures, then the totals against the target.

use super::Plan;
use super::track::Tracking;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatBorder, Workbook};

pub fn workbook(plan: &Plan, tr: &Tracking, today: chrono::NaiveDate) -> Result<Vec<u8>, String> {
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Tiến độ").map_err(e)?;
    let base = Format::new()
        .set_font_name("Times New Roman")
        .set_border(FormatBorder::Thin);
    let head = base.clone().set_bold().set_text_wrap();
    let text = base.clone().set_text_wrap();
    let money = base.clone().set_num_format("#,##0");
    let late = text.clone().set_font_color(rust_xlsxwriter::Color::Red);
    ws.write_string(
        0,
        0,
        format!(
            "TIẾN ĐỘ RÀ SOÁT, ĐÁNH GIÁ THỦ TỤC HÀNH CHÍNH NĂM {} (đến ngày {})",
            plan.year,
            today.format("%d/%m/%Y")
        ),
    )
    .map_err(e)?;
    let columns = [
        ("STT", 6.0),
        ("Tên TTHC", 50.0),
        ("Đơn vị chủ trì", 24.0),
        ("Trạng thái", 20.0),
        ("Từ ngày", 12.0),
        ("Quá hạn", 30.0),
        ("Tệp rà soát", 30.0),
        ("Chi phí trước (đồng/năm)", 16.0),
        ("Chi phí sau (đồng/năm)", 16.0),
        ("Thời hạn trước (ngày)", 10.0),
        ("Thời hạn sau (ngày)", 10.0),
    ];
    for (c, (name, w)) in columns.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *name, &head)
            .map_err(e)?;
        ws.set_column_width(c as u16, *w).map_err(e)?;
    }
    let f = |d: rust_decimal::Decimal| d.to_f64().unwrap_or(0.0);
    for (k, r) in tr.rows.iter().enumerate() {
        let row = 2 + k as u32;
        ws.write_string_with_format(row, 0, &r.row.stt, &text)
            .map_err(e)?;
        ws.write_string_with_format(row, 1, &r.row.name, &text)
            .map_err(e)?;
        ws.write_string_with_format(row, 2, &r.row.lead, &text)
            .map_err(e)?;
        ws.write_string_with_format(row, 3, r.status.label(), &text)
            .map_err(e)?;
        let since = r
            .since
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default();
        ws.write_string_with_format(row, 4, since, &text)
            .map_err(e)?;
        ws.write_string_with_format(row, 5, r.overdue.clone().unwrap_or_default(), &late)
            .map_err(e)?;
        let files: Vec<String> = r
            .files
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        ws.write_string_with_format(row, 6, files.join(", "), &text)
            .map_err(e)?;
        if let Some(x) = &r.figures {
            ws.write_number_with_format(row, 7, f(x.before), &money)
                .map_err(e)?;
            ws.write_number_with_format(row, 8, f(x.after), &money)
                .map_err(e)?;
            ws.write_number_with_format(row, 9, f(x.days_before), &base)
                .map_err(e)?;
            ws.write_number_with_format(row, 10, f(x.days_after), &base)
                .map_err(e)?;
        }
    }
    let row = 2 + tr.rows.len() as u32;
    ws.write_string_with_format(row, 1, "Tổng cộng", &head)
        .map_err(e)?;
    for (col, v) in [
        (7u16, tr.totals.before),
        (8, tr.totals.after),
        (9, tr.totals.days_before),
        (10, tr.totals.days_after),
    ] {
        let cell = rust_xlsxwriter::utility::row_col_to_cell;
        let formula =
            rust_xlsxwriter::Formula::new(format!("=SUM({}:{})", cell(2, col), cell(row - 1, col)))
                .set_result(v.normalize().to_string());
        ws.write_formula_with_format(row, col, formula, &money)
            .map_err(e)?;
    }
    ws.write_string(
        row + 1,
        1,
        format!(
            "Cắt giảm tổng thời gian giải quyết: {} (mục tiêu tối thiểu {} %)",
            crate::text::format::percent(tr.totals.days_percent()),
            crate::text::format::number(plan.time_cut_target)
        ),
    )
    .map_err(e)?;
    wb.save_to_buffer().map_err(e)
}
