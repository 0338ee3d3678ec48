//! The activity table (shared by the current procedure and each option) and step 5.

use super::{Action, EditorState, Table, TableView};
use crate::model::Edit;
use crate::model::{Activity, Figure};
use crate::templates::Templates;
use crate::ui::widgets::{self, Cells};
use egui::{Align, Layout};
use egui_extras::{Column, TableBuilder};

fn right(ui: &mut egui::Ui, text: &str) {
    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
        ui.label(text);
    });
}

/// Width of the figures column under a table: a 15-digit amount fits.
const FIGURE_W: f32 = 150.0;

/// A figure right-aligned in a box of its own width, so it stays next to its label whatever the
/// width of the window (a right-to-left layout would push it to the far edge).
fn right_fixed(ui: &mut egui::Ui, text: &str, strong: bool) {
    let h = ui.spacing().interact_size.y;
    ui.allocate_ui_with_layout(
        egui::vec2(FIGURE_W, h),
        Layout::right_to_left(Align::Center),
        |ui| {
            if strong {
                ui.strong(text);
            } else {
                ui.label(text);
            }
        },
    );
}

/// Widths of the table's columns other than the name: STT, giờ, dịch vụ, khác, thu nhập/giờ,
/// chi phí thời gian, chi phí thực hiện, row buttons. Every column fits at 1024 × 640.
const WIDTHS: [f32; 8] = [28.0, 52.0, 80.0, 80.0, 58.0, 88.0, 96.0, 84.0];

/// The activity table. Rows are virtualised, so a 500-row table scrolls smoothly.
#[allow(clippy::too_many_arguments)]
pub fn activity_table(
    ui: &mut egui::Ui,
    table: Table,
    label: &str,
    acts: &mut [Activity],
    view: &TableView,
    hourly_text: &str,
    cells: &mut Cells,
    focus: &mut Option<crate::progress::TableCell>,
    changed: &mut bool,
    actions: &mut Vec<Action>,
) {
    let n = acts.len();
    // «Đến ô này»: the cell to put the cursor in once its row is drawn.
    let focus_row = focus
        .filter(|c| c.table == table)
        .and_then(|c| if c.row < n { Some(c.row) } else { None });
    if focus.is_some_and(|c| c.table == table) && focus_row.is_none() {
        *focus = None;
    }
    if focus_row.is_some() {
        ui.ctx().request_repaint();
    }
    // The name takes what the other columns leave, so the row buttons stay in view.
    let gaps = ui.spacing().item_spacing.x * WIDTHS.len() as f32;
    let name_w = (ui.available_width() - WIDTHS.iter().sum::<f32>() - gaps).max(120.0);
    let cell_id = |row: usize, col: usize| egui::Id::unique(("cell", table, row, col));
    let focus_at_start = ui.memory(|m| m.focused());
    take_paste(ui, table, n, &cell_id, actions);
    ui.horizontal_wrapped(|ui| {
        if ui
            .small_button("Chép bảng (để dán vào Excel)")
            .on_hover_text("Chép các dòng dưới dạng bảng, dán được vào Excel hoặc LibreOffice")
            .clicked()
        {
            // The computed figures (whole đồng as shown); a cell the table could not compute
            // stays empty.
            let time: Vec<_> = view.amounts.iter().map(|a| a.map(|[t, _]| t)).collect();
            let totals: Vec<_> = view.amounts.iter().map(|a| a.map(|[_, c]| c)).collect();
            ui.ctx()
                .copy_text(crate::model::table_as_tsv(acts, &time, &totals));
        }
        ui.weak("Dán từ Excel: bấm vào một ô rồi Ctrl+V · Enter: xuống dòng · Tab: sang ô bên · chuột phải vào ô số: ghi nguồn");
    });
    if focus_row.is_some() {
        // Bring the table into the page's view first: only the rows in view are drawn.
        let h = (40.0 + 28.0 * n as f32).min(460.0);
        let top = ui.cursor().min;
        ui.scroll_to_rect(
            egui::Rect::from_min_size(top, egui::vec2(ui.available_width(), h)),
            None,
        );
    }
    let mut builder = TableBuilder::new(ui);
    if let Some(row) = focus_row {
        builder = builder.scroll_to_row(row, Some(Align::Center));
    }
    builder
        .id_salt(("acts", table))
        .striped(true)
        .cell_layout(Layout::left_to_right(Align::Center))
        .max_scroll_height(420.0)
        // Sized so that every column and the row buttons fit at 1024 × 640.
        .column(Column::exact(WIDTHS[0]))
        .column(Column::exact(name_w).clip(true))
        .column(Column::exact(WIDTHS[1]))
        .column(Column::exact(WIDTHS[2]))
        .column(Column::exact(WIDTHS[3]))
        .column(Column::exact(WIDTHS[4]))
        .column(Column::exact(WIDTHS[5]))
        .column(Column::exact(WIDTHS[6]))
        .column(Column::exact(WIDTHS[7]))
        .header(40.0, |mut h| {
            for title in [
                "STT",
                "Hoạt động/công việc",
                "Thời gian (giờ)",
                "Thuê tư vấn, dịch vụ",
                "Chi phí khác",
                "Thu nhập/giờ",
                "Chi phí thời gian",
                "Chi phí thực hiện công việc",
                "",
            ] {
                h.col(|ui| {
                    ui.add(egui::Label::new(egui::RichText::new(title).strong()).wrap());
                });
            }
        })
        .body(|body| {
            body.rows(28.0, n, |mut row| {
                let i = row.index();
                let a = &mut acts[i];
                let texts = &view.rows[i];
                row.col(|ui| {
                    ui.label(format!("{}", i + 1));
                });
                row.col(|ui| {
                    let w = ui.available_width();
                    ask_focus(ui, focus, table, i, 0, &cell_id);
                    let had_focus = focus_at_start == Some(cell_id(i, 0));
                    widgets::text_at(
                        ui,
                        cell_id(i, 0),
                        &mut a.name,
                        &format!("{label}: tên hoạt động {}", i + 1),
                        w,
                        changed,
                    );
                    enter_moves_down(ui, had_focus, i, n, 0, &cell_id);
                });
                let names = ["giờ", "thuê dịch vụ", "chi phí khác"];
                for (k, (fig, shown)) in [
                    (&mut a.hours, &texts[0]),
                    (&mut a.service, &texts[1]),
                    (&mut a.other, &texts[2]),
                ]
                .into_iter()
                .enumerate()
                {
                    row.col(|ui| {
                        let w = ui.available_width();
                        ask_focus(ui, focus, table, i, k + 1, &cell_id);
                        let had_focus = focus_at_start == Some(cell_id(i, k + 1));
                        widgets::figure(
                            ui,
                            cells,
                            widgets::FigureCell {
                                id: cell_id(i, k + 1),
                                shown,
                                name: &format!("{label}: {}, hoạt động {}", names[k], i + 1),
                                width: w,
                            },
                            fig,
                            changed,
                        );
                        enter_moves_down(ui, had_focus, i, n, k + 1, &cell_id);
                    });
                }
                row.col(|ui| right(ui, hourly_text));
                row.col(|ui| right(ui, &texts[3]));
                row.col(|ui| {
                    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                        ui.strong(&texts[4]);
                    });
                });
                row.col(|ui| {
                    if ui
                        .small_button("↑")
                        .on_hover_text("Chuyển lên")
                        .accessible_name(format!("{label}: chuyển lên, hoạt động {}", i + 1))
                        .clicked()
                        && i > 0
                    {
                        actions.push(Action::Edit(Edit::MoveActivity {
                            table,
                            from: i,
                            to: i - 1,
                        }));
                    }
                    if ui
                        .small_button("↓")
                        .on_hover_text("Chuyển xuống")
                        .accessible_name(format!("{label}: chuyển xuống, hoạt động {}", i + 1))
                        .clicked()
                        && i + 1 < n
                    {
                        actions.push(Action::Edit(Edit::MoveActivity {
                            table,
                            from: i,
                            to: i + 1,
                        }));
                    }
                    if ui
                        .small_button("×")
                        .on_hover_text("Xóa hoạt động")
                        .accessible_name(format!("{label}: xóa hoạt động {}", i + 1))
                        .clicked()
                    {
                        actions.push(Action::Edit(Edit::RemoveActivity { table, index: i }));
                    }
                });
            });
        });
}

/// Gives the keyboard to cell (`row`, `col`) when it is the one asked for (`focus`): «Đến ô
/// này», a new row.
fn ask_focus(
    ui: &mut egui::Ui,
    focus: &mut Option<crate::progress::TableCell>,
    table: Table,
    row: usize,
    col: usize,
    cell_id: &dyn Fn(usize, usize) -> egui::Id,
) {
    if *focus == Some(crate::progress::TableCell { table, row, col })
        && widgets::claim_focus(ui, cell_id(row, col))
    {
        *focus = None;
    }
}

/// Enter in a cell moves to the same column of the next row, as in a spreadsheet. `had_focus`:
/// the cell had the keyboard focus when the frame began (the text field gives it up on Enter).
fn enter_moves_down(
    ui: &egui::Ui,
    had_focus: bool,
    row: usize,
    rows: usize,
    col: usize,
    cell_id: &dyn Fn(usize, usize) -> egui::Id,
) {
    if had_focus
        && row + 1 < rows
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter))
    {
        // Consumed: the cell below, now focused, must not take the same Enter as its own.
        ui.memory_mut(|m| m.request_focus(cell_id(row + 1, col)));
    }
}

/// A block pasted into a cell of this table (tab-separated rows from Excel or LibreOffice)
/// becomes rows from that cell on, instead of landing as one long text in the cell.
fn take_paste(
    ui: &mut egui::Ui,
    table: Table,
    rows: usize,
    cell_id: &dyn Fn(usize, usize) -> egui::Id,
    actions: &mut Vec<Action>,
) {
    let block = ui.input(|i| {
        i.events.iter().find_map(|e| match e {
            egui::Event::Paste(t) if t.contains('\t') || t.trim_end().contains('\n') => {
                Some(t.clone())
            }
            _ => None,
        })
    });
    let Some(block) = block else { return };
    let Some(focused) = ui.memory(|m| m.focused()) else {
        return;
    };
    // Which cell of this table has the focus (a new row at the end counts as row `rows`).
    let Some((row, col)) = (0..=rows)
        .flat_map(|r| (0..4).map(move |c| (r, c)))
        .find(|&(r, c)| cell_id(r, c) == focused)
    else {
        return;
    };
    ui.input_mut(|i| i.events.retain(|e| !matches!(e, egui::Event::Paste(_))));
    ui.memory_mut(|m| m.surrender_focus(focused));
    let pasted = crate::model::parse_pasted(&block, col);
    if !pasted.is_empty() {
        actions.push(Action::Edit(Edit::PasteActivities {
            table,
            at: row,
            rows: pasted,
        }));
    }
}

/// Buttons under a table: add a row, insert a preset.
pub fn table_buttons(ui: &mut egui::Ui, t: &Templates, table: Table, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        if ui.button("+ Thêm hoạt động").clicked() {
            actions.push(Action::Edit(Edit::AddActivity {
                table,
                activity: Activity::default(),
            }));
        }
        egui::ComboBox::from_id_salt(("preset", table))
            .selected_text("Chèn hoạt động mẫu…")
            .width(280.0)
            .show_ui(ui, |ui| {
                for p in &t.presets.activities {
                    if ui.selectable_label(false, &p.name).clicked() {
                        let a = Activity {
                            name: p.name.clone(),
                            hours: p.hours.clone(),
                            ..Default::default()
                        };
                        actions.push(Action::Edit(Edit::AddActivity { table, activity: a }));
                    }
                }
            })
            .response
            .accessible_name("Chèn hoạt động mẫu");
    });
}

/// The footer lines of a table, with the inputs that belong to it.
pub struct FooterInputs<'a> {
    pub fee: Option<&'a mut Figure>,
    pub frequency: Option<&'a mut Figure>,
    pub subjects: Option<&'a mut Figure>,
}

pub fn footer(
    ui: &mut egui::Ui,
    id: Table,
    view: &TableView,
    inputs: FooterInputs,
    cells: &mut Cells,
    changed: &mut bool,
) {
    if let Some(e) = &view.error {
        ui.colored_label(ui.visuals().error_fg_color, format!("Không tính được: {e}"));
    }
    egui::Grid::new(("footer", id))
        .num_columns(2)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            ui.label("Chi phí thực hiện (đồng)");
            right_fixed(ui, &view.execution, false);
            ui.end_row();
            let mut input =
                |ui: &mut egui::Ui, label: &str, fig: Option<&mut Figure>, shown: &str, k: u8| {
                    ui.label(label);
                    match fig {
                        Some(f) => {
                            widgets::figure(
                                ui,
                                cells,
                                widgets::FigureCell {
                                    id: egui::Id::unique(("footer", id, k)),
                                    shown,
                                    name: label,
                                    width: FIGURE_W,
                                },
                                f,
                                changed,
                            );
                        }
                        None => right_fixed(ui, shown, false),
                    }
                    ui.end_row();
                };
            input(ui, "Phí, lệ phí (đồng)", inputs.fee, &view.fee, 0);
            ui.label("Chi phí tuân thủ 01 lần (đồng)");
            right_fixed(ui, &view.per_occurrence, false);
            ui.end_row();
            input(
                ui,
                "Số lần thực hiện/năm",
                inputs.frequency,
                &view.frequency,
                1,
            );
            input(ui, "Số đối tượng/năm", inputs.subjects, &view.subjects, 2);
            ui.strong("Tổng chi phí tuân thủ/năm (đồng)");
            right_fixed(ui, &view.per_year, true);
            ui.end_row();
        });
}

pub fn show_current(
    ui: &mut egui::Ui,
    ed: &mut EditorState,
    t: &Templates,
    actions: &mut Vec<Action>,
) {
    ui.heading("Chi phí tuân thủ hiện tại");
    let mut changed = false;
    let d = &ed.derived;
    let r = &mut ed.review;
    let cells = &mut ed.cells;
    let focus = &mut ed.focus_cell;
    ui.group(|ui| {
        ui.horizontal(|ui| {
            ui.label("Thu nhập bình quân/giờ (đồng):");
            widgets::figure(
                ui,
                cells,
                widgets::FigureCell {
                    id: egui::Id::unique("hourly"),
                    shown: &d.hourly,
                    name: "Thu nhập bình quân/giờ",
                    width: 100.0,
                },
                &mut r.cost.hourly_income,
                &mut changed,
            );
            egui::ComboBox::from_id_salt("income_preset")
                .selected_text("Lấy theo năm…")
                .show_ui(ui, |ui| {
                    // Internal procedures: the time of a civil servant, first.
                    if r.kind.is_internal() {
                        for (i, w) in t.presets.public_wages.iter().enumerate() {
                            let text = format!(
                                "Lương khu vực công — {}: {} đồng/giờ",
                                w.name,
                                crate::cost::format::money(w.hourly)
                            );
                            if ui
                                .selectable_label(r.cost.hourly_income.value == w.hourly, text)
                                .on_hover_text(&w.source)
                                .clicked()
                            {
                                actions.push(Action::Edit(Edit::ApplyWagePreset(i)));
                            }
                        }
                        ui.separator();
                    }
                    for p in &t.presets.incomes {
                        let text = format!(
                            "{}: {} đồng/giờ",
                            p.year,
                            crate::cost::format::money(p.hourly)
                        );
                        if ui
                            .selectable_label(r.cost.income_year == Some(p.year), text)
                            .clicked()
                        {
                            let p = p.clone();
                            actions.push(Action::Edit(Edit::ApplyIncomePreset(p.year)));
                        }
                    }
                })
                .response
                .accessible_name("Lấy thu nhập theo năm");
        });
        ui.horizontal(|ui| {
            ui.label("Năm số liệu:");
            let mut year = r
                .cost
                .income_year
                .map(|y| y.to_string())
                .unwrap_or_default();
            if ui
                .add(egui::TextEdit::singleline(&mut year).desired_width(50.0))
                .accessible_name("Năm số liệu")
                .changed()
            {
                r.cost.income_year = year.trim().parse().ok();
                changed = true;
            }
            ui.label("Nguồn:");
            // As wide as the window allows (a source is a long sentence); whole on hover.
            let w = (ui.available_width() - 16.0).clamp(200.0, 760.0);
            widgets::text(
                ui,
                &mut r.cost.income_source,
                "Nguồn số liệu thu nhập",
                w,
                &mut changed,
            );
        });
        ui.horizontal(|ui| {
            ui.label("Tính từ GDP/người:");
            let mut gdp = r.cost.gdp_per_capita.clone().unwrap_or_default();
            let mut gdp_changed = false;
            widgets::figure(
                ui,
                cells,
                widgets::FigureCell {
                    id: egui::Id::unique("gdp"),
                    shown: &d.gdp,
                    name: "GDP bình quân đầu người",
                    width: 110.0,
                },
                &mut gdp,
                &mut gdp_changed,
            );
            if gdp_changed {
                r.cost.gdp_per_capita = Some(gdp.clone());
                changed = true;
            }
            ui.label("÷ (");
            for (k, (fig, name)) in [
                (&mut r.cost.months, "tháng"),
                (&mut r.cost.days_per_month, "ngày"),
                (&mut r.cost.hours_per_day, "giờ"),
            ]
            .into_iter()
            .enumerate()
            {
                widgets::figure(
                    ui,
                    cells,
                    widgets::FigureCell {
                        id: egui::Id::unique(("divisor", k)),
                        shown: &d.divisor_parts[k],
                        name,
                        width: 34.0,
                    },
                    fig,
                    &mut changed,
                );
                ui.label(if k < 2 {
                    format!("{name} ×")
                } else {
                    format!("{name})")
                });
            }
            if let Some((v, text)) = d.gdp_hourly.clone()
                && ui.button(format!("= {text} đồng/giờ: dùng")).clicked()
            {
                actions.push(Action::Edit(Edit::SetHourlyFromGdp(v)));
            }
        });
    });
    ui.add_space(6.0);
    activity_table(
        ui,
        Table::Current,
        "Hiện tại",
        &mut r.activities,
        &d.current,
        &d.hourly,
        cells,
        focus,
        &mut changed,
        actions,
    );
    table_buttons(ui, t, Table::Current, actions);
    ui.add_space(6.0);
    footer(
        ui,
        Table::Current,
        &d.current,
        FooterInputs {
            fee: Some(&mut r.tthc.fee.amount),
            frequency: Some(&mut r.frequency),
            subjects: Some(&mut r.subjects),
        },
        cells,
        &mut changed,
    );
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label("Thời hạn giải quyết hiện tại:");
        widgets::figure(
            ui,
            cells,
            widgets::FigureCell {
                id: egui::Id::unique("time_limit_5"),
                shown: &d.time_limit,
                name: "Thời hạn giải quyết hiện tại",
                width: 60.0,
            },
            &mut r.tthc.time_limit.days,
            &mut changed,
        );
        ui.label(crate::report::day_label(t, r.tthc.time_limit.kind));
    });
    ed.changed |= changed;
}
