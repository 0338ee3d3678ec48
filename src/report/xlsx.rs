//! The Excel writer, for auditing the figures: every cost table with the columns of spec §4 as
//! live formulas (time cost = hours × hourly income, row totals, sums, per occurrence, per year,
//! saving, %), each formula's cached result the engine's own figure; for a compile, a summary
//! sheet (one row per TTHC, subtotals per lĩnh vực and the total as SUM formulas) and a sheet
//! per review. Excel numbers are binary floating point: amounts are exact up to 15 digits.

use super::content::{COST_COLUMNS, COST_FOOTER, option_name};
use super::doc::MoneyUnit;
use super::{Gathered, ReportError, ReportSettings, day_label, reread, roman};
use crate::cost::{ReviewCost, TableCost};
use crate::model::{Activity, OptionKind, Review};
use crate::storage::ReviewSet;
use crate::templates::Templates;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError};

fn err(e: XlsxError) -> String {
    e.to_string()
}

fn f(v: Decimal) -> f64 {
    v.to_f64().unwrap_or(0.0)
}

/// A cached formula result as Excel stores it: "1234", "0.2644".
fn result(v: Decimal) -> String {
    v.normalize().to_string()
}

use rust_xlsxwriter::utility::row_col_to_cell as cell;

struct Styles {
    title: Format,
    header: Format,
    text: Format,
    bold_text: Format,
    money: Format,
    bold_money: Format,
    /// Amounts of the summary, shown in the report's money unit (the cell keeps the đồng).
    unit_money: Format,
    bold_unit_money: Format,
    number: Format,
    integer: Format,
    bold_integer: Format,
    percent: Format,
    bold_percent: Format,
}

/// The number format that shows đồng in `unit`: "#,##0" (đồng), "#,##0," (nghìn đồng: Excel
/// divides by 1 000 for display only), "#,##0.00,," (triệu đồng, two decimals).
fn unit_format(unit: MoneyUnit) -> &'static str {
    match unit {
        MoneyUnit::Dong => "#,##0",
        MoneyUnit::NghinDong => "#,##0,",
        MoneyUnit::TrieuDong => "#,##0.00,,",
    }
}

impl Styles {
    fn new() -> Self {
        Self::in_unit(MoneyUnit::Dong)
    }

    fn in_unit(unit: MoneyUnit) -> Self {
        let base = Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(11)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        Styles {
            title: Format::new()
                .set_font_name("Times New Roman")
                .set_font_size(12)
                .set_bold(),
            header: base
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            text: base.clone().set_text_wrap(),
            bold_text: base.clone().set_text_wrap().set_bold(),
            money: base.clone().set_num_format("#,##0"),
            bold_money: base.clone().set_num_format("#,##0").set_bold(),
            unit_money: base.clone().set_num_format(unit_format(unit)),
            bold_unit_money: base.clone().set_num_format(unit_format(unit)).set_bold(),
            // "#,##0.##" would print a whole number with a stray comma ("3,").
            number: base.clone().set_num_format("#,##0.##"),
            integer: base.clone().set_num_format("#,##0"),
            bold_integer: base.clone().set_num_format("#,##0").set_bold(),
            percent: base.clone().set_num_format("0.00%"),
            bold_percent: base.clone().set_num_format("0.00%").set_bold(),
        }
    }
}

fn formula(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    value: Decimal,
    fmt: &Format,
) -> Result<(), String> {
    ws.write_formula_with_format(row, col, Formula::new(text).set_result(result(value)), fmt)
        .map_err(err)?;
    Ok(())
}

/// A number in the integer format when it is whole ("3"), else with its decimals ("2,5").
fn count(ws: &mut Worksheet, s: &Styles, row: u32, col: u16, v: Decimal) -> Result<(), String> {
    let fmt = if v.fract().is_zero() {
        &s.integer
    } else {
        &s.number
    };
    ws.write_number_with_format(row, col, f(v), fmt)
        .map_err(err)?;
    Ok(())
}

/// Column widths from what the columns hold: an amount of up to 18 digits never shows "###".
struct Fit(Vec<f64>);

impl Fit {
    fn new(widths: &[f64]) -> Self {
        Fit(widths.to_vec())
    }

    /// Column `col` must show an amount of `v` đồng with its separators.
    fn amount(&mut self, col: u16, v: Decimal) {
        let chars = crate::cost::format::money(v.round()).chars().count() as f64;
        if let Some(w) = self.0.get_mut(col as usize) {
            *w = w.max(chars * 1.15 + 3.0);
        }
    }

    fn apply(&self, ws: &mut Worksheet) -> Result<(), String> {
        for (c, w) in self.0.iter().enumerate() {
            ws.set_column_width(c as u16, *w).map_err(err)?;
        }
        Ok(())
    }

    /// The height of a row of wrapped header labels: as many lines as the longest needs.
    fn header_height(&self, labels: &[&str]) -> f64 {
        let lines = labels
            .iter()
            .zip(&self.0)
            .map(|(l, w)| {
                let per_line = (w - 1.5).max(4.0) / 1.1;
                (l.chars().count() as f64 / per_line).ceil().max(1.0)
            })
            .fold(1.0, f64::max);
        lines * 15.0 + 3.0
    }
}

/// The height of a row whose text of `text` wraps in a column `width` characters wide
/// (Excel does not grow such a row by itself when the file is opened).
fn wrapped_height(text: &str, width: f64) -> f64 {
    // Times New Roman 11 fits about 1,2 letters in a width unit (the width of a "0").
    let per_line = ((width - 1.0) * 1.2).max(4.0);
    let lines: f64 = text
        .split('\n')
        .map(|l| (l.chars().count() as f64 / per_line).ceil().max(1.0))
        .sum();
    lines * 14.5 + 2.0
}

/// A4, fitted to one page wide, landscape when `wide`, the header row `header` repeated on
/// every printed page, margins as a Word page's.
fn print_setup(ws: &mut Worksheet, wide: bool, header: u32) -> Result<(), String> {
    ws.set_paper_size(9);
    if wide {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.6, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer("&CTrang &P/&N");
    ws.set_repeat_rows(header, header).map_err(err)?;
    Ok(())
}

/// Writes one cost table from `row` on; returns the next free row and the cell holding the
/// per-year total.
#[allow(clippy::too_many_arguments)]
fn cost_table(
    ws: &mut Worksheet,
    s: &Styles,
    fit: &mut Fit,
    mut row: u32,
    title: &str,
    acts: &[Activity],
    cost: &TableCost,
    hourly_cell: &str,
    hourly: Decimal,
) -> Result<(u32, String), String> {
    ws.write_string_with_format(row, 0, title, &s.title)
        .map_err(err)?;
    row += 1;
    for (c, (name, _)) in COST_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *name, &s.header)
            .map_err(err)?;
    }
    let labels: Vec<&str> = COST_COLUMNS.iter().map(|(n, _)| *n).collect();
    ws.set_row_height(row, fit.header_height(&labels))
        .map_err(err)?;
    row += 1;
    let first = row;
    for (i, (a, c)) in acts.iter().zip(&cost.rows).enumerate() {
        ws.write_number_with_format(row, 0, (i + 1) as f64, &s.integer)
            .map_err(err)?;
        ws.write_string_with_format(row, 1, &a.name, &s.text)
            .map_err(err)?;
        let h = wrapped_height(&a.name, fit.0[1]);
        if h > 17.0 {
            ws.set_row_height(row, h).map_err(err)?;
        }
        count(ws, s, row, 2, a.hours.value)?;
        for (col, v) in [
            (3, hourly),
            (4, c.time_cost),
            (5, a.service.value),
            (6, a.other.value),
            (7, c.total),
        ] {
            fit.amount(col, v);
        }
        formula(ws, row, 3, &format!("={hourly_cell}"), hourly, &s.money)?;
        formula(
            ws,
            row,
            4,
            &format!("=ROUND({}*{},0)", cell(row, 2), cell(row, 3)),
            c.time_cost,
            &s.money,
        )?;
        ws.write_number_with_format(row, 5, f(a.service.value), &s.money)
            .map_err(err)?;
        ws.write_number_with_format(row, 6, f(a.other.value), &s.money)
            .map_err(err)?;
        formula(
            ws,
            row,
            7,
            &format!(
                "=ROUND({}+{}+{},0)",
                cell(row, 4),
                cell(row, 5),
                cell(row, 6)
            ),
            c.total,
            &s.money,
        )?;
        row += 1;
    }
    let last = row; // exclusive
    let exec = row;
    let footer_cells: Vec<String> = (0..COST_FOOTER.len() as u32)
        .map(|k| cell(exec + k, 7))
        .collect();
    for (k, label) in COST_FOOTER.iter().enumerate() {
        let r = exec + k as u32;
        let bold = k + 1 == COST_FOOTER.len();
        ws.merge_range(r, 0, r, 6, label, if bold { &s.bold_text } else { &s.text })
            .map_err(err)?;
        match k {
            0 => {
                let text = if last > first {
                    format!("=SUM({}:{})", cell(first, 7), cell(last - 1, 7))
                } else {
                    "=0".to_string()
                };
                formula(ws, r, 7, &text, cost.execution, &s.money)?;
            }
            1 => {
                ws.write_number_with_format(r, 7, f(cost.fee), &s.money)
                    .map_err(err)?;
            }
            2 => formula(
                ws,
                r,
                7,
                &format!("={}+{}", footer_cells[0], footer_cells[1]),
                cost.per_occurrence,
                &s.money,
            )?,
            3 => count(ws, s, r, 7, cost.frequency)?,
            4 => count(ws, s, r, 7, cost.subjects)?,
            _ => formula(
                ws,
                r,
                7,
                &format!(
                    "=ROUND({}*{}*{},0)",
                    footer_cells[2], footer_cells[3], footer_cells[4]
                ),
                cost.per_year,
                &s.bold_money,
            )?,
        }
    }
    for v in [cost.execution, cost.fee, cost.per_occurrence, cost.per_year] {
        fit.amount(7, v);
    }
    Ok((exec + COST_FOOTER.len() as u32 + 1, footer_cells[5].clone()))
}

/// Where a review's sheet keeps its results, for the summary's formulas.
struct ReviewCells {
    before: String,
    after: String,
}

/// One review's sheet: the current cost table, the chosen option's table and its benefit, then
/// every other option's table and benefit (marked as not chosen).
fn review_sheet(
    ws: &mut Worksheet,
    s: &Styles,
    review: &Review,
    cost: &ReviewCost,
    chosen: usize,
) -> Result<ReviewCells, String> {
    let mut fit = Fit::new(
        &COST_COLUMNS
            .iter()
            .map(|(_, w)| (*w as f64 * 9.0).max(8.0))
            .collect::<Vec<_>>(),
    );
    fit.0[1] = 40.0;
    let title = crate::templates::fill_text(
        "{name}[ (mã số {code})]",
        &[
            ("name", review.tthc.name.trim()),
            ("code", review.tthc.code.trim()),
        ],
    );
    ws.write_string_with_format(0, 0, title, &s.title)
        .map_err(err)?;
    let hourly = review.cost.hourly_income.value;
    ws.write_string_with_format(1, 0, "Thu nhập bình quân/giờ (đồng)", &s.title)
        .map_err(err)?;
    ws.write_number_with_format(1, 3, f(hourly), &s.money)
        .map_err(err)?;
    let hourly_cell = "$D$2";
    let (mut row, before) = cost_table(
        ws,
        s,
        &mut fit,
        3,
        "1. Chi phí tuân thủ hiện tại",
        &review.activities,
        &cost.current,
        hourly_cell,
        hourly,
    )?;
    let mut cells = None;
    // The chosen option first, then the others in their order.
    let order = std::iter::once(chosen).chain((0..review.options.len()).filter(|i| *i != chosen));
    for (k, i) in order.enumerate() {
        let Ok(oc) = &cost.options[i] else {
            continue;
        };
        let opt = &review.options[i];
        let acts: &[Activity] = if opt.kind == OptionKind::BaiBo && !opt.replacement_costed {
            &[]
        } else {
            &opt.activities
        };
        let heading = if k == 0 {
            format!(
                "2. Chi phí tuân thủ sau đơn giản hóa ({})",
                option_name(review, i)
            )
        } else {
            format!(
                "{}. Phương án không chọn: {}",
                k + 2,
                option_name(review, i)
            )
        };
        let (next, after) = cost_table(
            ws,
            s,
            &mut fit,
            row,
            &heading,
            acts,
            &oc.table,
            hourly_cell,
            hourly,
        )?;
        let benefit = benefit_lines(ws, s, next, &before, &after, &oc.result, k == 0)?;
        if k == 0 {
            cells = Some(ReviewCells {
                before: format!("'{}'!{}", ws.name(), cell(next + 1, 7)),
                after: format!("'{}'!{}", ws.name(), cell(next + 2, 7)),
            });
        }
        row = benefit + 1;
    }
    fit.apply(ws)?;
    print_setup(ws, true, 4)?;
    ws.set_freeze_panes(5, 2).map_err(err)?;
    cells.ok_or_else(|| "phương án được chọn chưa tính được".to_string())
}

/// "Lợi ích" of an option under its table from `row` on: before, after, saving as formulas on
/// the tables' totals, and the %; returns the row after them.
fn benefit_lines(
    ws: &mut Worksheet,
    s: &Styles,
    row: u32,
    before: &str,
    after: &str,
    r: &crate::cost::OptionResult,
    chosen: bool,
) -> Result<u32, String> {
    let title = if chosen {
        "Lợi ích của phương án được chọn"
    } else {
        "Lợi ích của phương án này"
    };
    ws.write_string_with_format(row, 0, title, &s.title)
        .map_err(err)?;
    let lines: [(&str, String, Decimal); 3] = [
        (
            "Chi phí tuân thủ trước (đồng/năm)",
            format!("={before}"),
            r.before,
        ),
        (
            "Chi phí tuân thủ sau (đồng/năm)",
            format!("={after}"),
            r.after,
        ),
        (
            "Chi phí tiết kiệm (đồng/năm)",
            format!("={}-{}", cell(row + 1, 7), cell(row + 2, 7)),
            r.saving,
        ),
    ];
    for (k, (label, text, v)) in lines.iter().enumerate() {
        let rr = row + 1 + k as u32;
        ws.merge_range(rr, 0, rr, 6, label, &s.text).map_err(err)?;
        formula(ws, rr, 7, text, *v, &s.money)?;
    }
    let rr = row + 4;
    ws.merge_range(rr, 0, rr, 6, "Tỷ lệ cắt giảm chi phí", &s.text)
        .map_err(err)?;
    let (b, sv) = (cell(row + 1, 7), cell(row + 3, 7));
    let text = format!("=IF({b}=0,\"\",ROUND({sv}/{b},4))");
    match r.percent {
        Some(p) => formula(ws, rr, 7, &text, p / Decimal::ONE_HUNDRED, &s.percent)?,
        None => {
            ws.write_formula_with_format(rr, 7, Formula::new(&text).set_result(""), &s.percent)
                .map_err(err)?;
        }
    }
    Ok(rr + 1)
}

fn sheet_name(stt: usize) -> String {
    format!("TTHC {stt}")
}

fn properties(wb: &mut Workbook, title: &str) {
    let p = rust_xlsxwriter::DocProperties::new()
        .set_title(title)
        .set_author("tthc-review");
    wb.set_properties(&p);
}

/// One review's workbook: its cost tables and result, as formulas.
pub fn review(
    _t: &Templates,
    review: &Review,
    cost: &ReviewCost,
    chosen: usize,
) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    properties(&mut wb, &review.tthc.name);
    let s = Styles::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(1)).map_err(err)?;
    review_sheet(ws, &s, review, cost, chosen)?;
    wb.save_to_buffer().map_err(err)
}

/// The summary's columns: title and starting width.
fn summary_columns(t: &Templates, unit: MoneyUnit, day: &str) -> [(String, f64); 8] {
    const WIDTHS: [f64; 8] = [6.0, 50.0, 16.0, 16.0, 16.0, 11.0, 12.0, 12.0];
    let headers = super::summary_headers(t, unit, day);
    std::array::from_fn(|i| (headers[i].clone(), WIDTHS[i]))
}

/// The summary sheet's name.
pub const SUMMARY: &str = "Tổng hợp";

/// The compiled workbook: the summary (amounts in the settings' money unit, each cell still the
/// exact đồng), then one sheet per review.
/// `progress(done, total)` is told after each review's sheet, as the PDF and Word writers tell it.
pub fn compiled(
    t: &Templates,
    settings: &ReportSettings,
    g: &Gathered,
    items: &(impl ReviewSet + ?Sized),
    progress: &dyn Fn(usize, usize),
) -> Result<Vec<u8>, ReportError> {
    let write = |e: XlsxError| ReportError::Write(err(e));
    let total = g.items.len();
    let mut wb = Workbook::new();
    properties(&mut wb, t.wording.get("report.summary_title"));
    let s = Styles::in_unit(settings.money_unit);
    wb.add_worksheet().set_name(SUMMARY).map_err(write)?;
    // Review sheets first, in summary order, so the summary can refer to them.
    let mut cells = Vec::new();
    let mut spare = crate::storage::spare_file_handles();
    // Review sheets first, in summary order, so the summary can refer to them; each review read
    // again in full (its sheet prints its cost tables) while the sheet before it is written.
    let order = g.fields.iter().flat_map(|(key, _)| g.in_field(key));
    crate::parallel::ahead(
        order,
        |e| reread(items, e).map(|(review, cost)| (e, review, cost)),
        |read| {
            let (e, review, cost) = read?;
            let stt = cells.len() + 1;
            let ws = review_worksheet(&mut wb, &mut spare);
            ws.set_name(sheet_name(stt)).map_err(write)?;
            cells.push(review_sheet(ws, &s, &review, &cost, e.chosen).map_err(ReportError::Write)?);
            progress(stt, total);
            Ok(())
        },
    )?;
    summary_sheet(t, settings, g, &mut wb, &s, &cells).map_err(ReportError::Write)?;
    wb.save_to_buffer().map_err(write)
}

/// A review's sheet, written to a temporary file row by row ("low memory" mode: thousands of
/// sheets are not held in memory) while `spare` file handles remain; else, or when no temporary
/// file can be made (no writable temporary folder), in memory.
fn review_worksheet<'w>(wb: &'w mut Workbook, spare: &mut usize) -> &'w mut Worksheet {
    if *spare > 0 && wb.add_worksheet_with_low_memory().is_ok() {
        *spare -= 1;
        let last = wb.worksheets().len() - 1;
        return &mut wb.worksheets_mut()[last];
    }
    wb.add_worksheet()
}

/// The summary sheet: a row per review referring to its sheet's totals (`cells`), the totals
/// per lĩnh vực and overall.
fn summary_sheet(
    t: &Templates,
    settings: &ReportSettings,
    g: &Gathered,
    wb: &mut Workbook,
    s: &Styles,
    cells: &[ReviewCells],
) -> Result<(), String> {
    let ws = wb.worksheet_from_name(SUMMARY).map_err(err)?;
    ws.write_string_with_format(0, 0, t.wording.get("report.summary_title"), &s.title)
        .map_err(err)?;
    let columns = summary_columns(t, settings.money_unit, day_label(t, g.day));
    let mut fit = Fit::new(&columns.iter().map(|(_, w)| *w).collect::<Vec<_>>());
    for (c, (name, _)) in columns.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, name, &s.header)
            .map_err(err)?;
    }
    ws.set_freeze_panes(2, 0).map_err(err)?;
    let mut row = 2u32;
    let mut k = 0;
    let mut subtotal_rows = Vec::new();
    let w = &t.wording;
    let see = |fit: &mut Fit, tot: &crate::cost::Totals| {
        for (col, v) in [(2, tot.before), (3, tot.after), (4, tot.saving)] {
            fit.amount(col, v / settings.money_unit.divisor());
        }
    };
    for (gi, (key, field)) in g.fields.iter().enumerate() {
        ws.merge_range(
            row,
            0,
            row,
            7,
            &format!("{}. {}", roman(gi + 1), field),
            &s.bold_text,
        )
        .map_err(err)?;
        row += 1;
        let first = row;
        for e in g.in_field(key) {
            let r = &e.figures.result;
            let c = &cells[k];
            k += 1;
            ws.write_number_with_format(row, 0, k as f64, &s.integer)
                .map_err(err)?;
            let name = format!(
                "{} ({})",
                e.review.tthc.name,
                option_name(&e.review, e.chosen)
            );
            ws.write_string_with_format(row, 1, &name, &s.text)
                .map_err(err)?;
            ws.set_row_height(row, wrapped_height(&name, columns[1].1))
                .map_err(err)?;
            formula(
                ws,
                row,
                2,
                &format!("={}", c.before),
                r.before,
                &s.unit_money,
            )?;
            formula(ws, row, 3, &format!("={}", c.after), r.after, &s.unit_money)?;
            percent_cells(ws, s, row, r.saving, r.percent, false)?;
            count(ws, s, row, 6, r.days_before)?;
            count(ws, s, row, 7, r.days_after)?;
            row += 1;
        }
        let tot = g.agg.group(field).ok_or("thiếu tổng lĩnh vực")?;
        see(&mut fit, tot);
        ws.merge_range(
            row,
            0,
            row,
            1,
            &format!("{} {}", w.get("report.group_total"), roman(gi + 1)),
            &s.bold_text,
        )
        .map_err(err)?;
        let sum = |col: u16| format!("=SUM({}:{})", cell(first, col), cell(row - 1, col));
        formula(ws, row, 2, &sum(2), tot.before, &s.bold_unit_money)?;
        formula(ws, row, 3, &sum(3), tot.after, &s.bold_unit_money)?;
        percent_cells(ws, s, row, tot.saving, tot.percent, true)?;
        formula(ws, row, 6, &sum(6), tot.days_before, &s.bold_integer)?;
        formula(ws, row, 7, &sum(7), tot.days_after, &s.bold_integer)?;
        subtotal_rows.push(row);
        row += 1;
    }
    let o = &g.agg.overall;
    see(&mut fit, o);
    ws.merge_range(row, 0, row, 1, w.get("report.total"), &s.bold_text)
        .map_err(err)?;
    let sum = |col: u16| {
        let parts: Vec<String> = subtotal_rows.iter().map(|r| cell(*r, col)).collect();
        format!("=SUM({})", parts.join(","))
    };
    formula(ws, row, 2, &sum(2), o.before, &s.bold_unit_money)?;
    formula(ws, row, 3, &sum(3), o.after, &s.bold_unit_money)?;
    percent_cells(ws, s, row, o.saving, o.percent, true)?;
    formula(ws, row, 6, &sum(6), o.days_before, &s.bold_integer)?;
    formula(ws, row, 7, &sum(7), o.days_after, &s.bold_integer)?;
    fit.apply(ws)?;
    let labels: Vec<&str> = columns.iter().map(|(n, _)| n.as_str()).collect();
    ws.set_row_height(1, fit.header_height(&labels))
        .map_err(err)?;
    print_setup(ws, true, 1)
}

/// Saving (= before − after) and % (= saving / before, 4 decimals as a fraction) of a row.
fn percent_cells(
    ws: &mut Worksheet,
    s: &Styles,
    row: u32,
    saving: Decimal,
    pct: Option<Decimal>,
    bold: bool,
) -> Result<(), String> {
    let (money, percent) = if bold {
        (&s.bold_unit_money, &s.bold_percent)
    } else {
        (&s.unit_money, &s.percent)
    };
    formula(
        ws,
        row,
        4,
        &format!("={}-{}", cell(row, 2), cell(row, 3)),
        saving,
        money,
    )?;
    let text = format!(
        "=IF({b}=0,\"\",ROUND({s}/{b},4))",
        b = cell(row, 2),
        s = cell(row, 4)
    );
    match pct {
        Some(p) => formula(ws, row, 5, &text, p / Decimal::ONE_HUNDRED, percent),
        None => ws
            .write_formula_with_format(row, 5, Formula::new(&text).set_result(""), percent)
            .map(|_| ())
            .map_err(err),
    }
}
