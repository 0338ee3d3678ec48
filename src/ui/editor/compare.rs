//! Step 7: all options side by side, a bar chart per activity, and the choice for the report.

use super::options::option_tabs;
use super::{Action, EditorState};
use crate::model::Edit;
use crate::templates::Templates;
use egui::{Align, Color32, Layout, Pos2, Rect, Sense, Vec2};

pub fn show(ui: &mut egui::Ui, ed: &mut EditorState, t: &Templates, actions: &mut Vec<Action>) {
    ui.heading("So sánh các phương án");
    if ed.review.options.is_empty() {
        ui.label("Chưa có phương án nào.");
        return;
    }
    let chosen = ed.review.chosen_index();
    // The cumulative cuts against 2024 and the year's targets, live.
    if ed.review.baseline.is_some()
        || ed.review.business
        || !ed.review.business_conditions.is_empty()
    {
        super::measures::summary(ui, ed, t);
        ui.add_space(4.0);
    }
    // The choice comes first, so it is in reach at any width; the grid scrolls sideways when
    // the window is narrower than the figures.
    egui::ScrollArea::horizontal()
        .id_salt("compare_h")
        .show(ui, |ui| {
            egui::Grid::new("compare")
                .striped(true)
                .num_columns(8)
                .spacing([14.0, 6.0])
                .show(ui, |ui| {
                    // The days as the TTHC counts them.
                    let days = format!(
                        "Thời hạn ({})",
                        crate::report::day_label(t, ed.review.tthc.time_limit.kind)
                    );
                    for h in [
                        "Báo cáo",
                        "Phương án",
                        "Loại",
                        "Trước (đồng/năm)",
                        "Sau (đồng/năm)",
                        "Tiết kiệm (đồng/năm)",
                        "Tỷ lệ cắt giảm",
                        days.as_str(),
                    ] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for (i, o) in ed.review.options.iter().enumerate() {
                        if ui
                            .radio(chosen == Some(i), "chọn")
                            .accessible_name(format!("Chọn phương án {}", i + 1))
                            .clicked()
                        {
                            actions.push(Action::Edit(Edit::ChooseOption(i)));
                        }
                        let name = ed.review.option_title(i);
                        if ui.selectable_label(ed.option == i, name).clicked() {
                            actions.push(Action::SelectOption(i));
                        }
                        ui.label(t.kind_label(o.kind));
                        match &ed.derived.summaries[i] {
                            Ok(s) => {
                                let last = s.len().saturating_sub(1);
                                for (k, v) in s.iter().enumerate() {
                                    if k == last {
                                        // The last column: a right-to-left cell there would take
                                        // the whole scrollable width and leave the days far
                                        // from their heading.
                                        ui.label(v);
                                    } else {
                                        ui.with_layout(
                                            Layout::right_to_left(Align::Center),
                                            |ui| {
                                                ui.label(v);
                                            },
                                        );
                                    }
                                }
                            }
                            Err(e) => {
                                ui.colored_label(ui.visuals().error_fg_color, "—")
                                    .on_hover_text(e);
                                ui.label("");
                                ui.colored_label(ui.visuals().error_fg_color, e);
                                ui.label("");
                                ui.label("");
                            }
                        }
                        ui.end_row();
                    }
                });
        });
    ui.add_space(12.0);
    option_tabs(ui, ed, t, actions);
    ui.label(format!(
        "Chi phí thực hiện từng công việc (đồng/lần), trước và sau — phương án {}",
        ed.option + 1
    ));
    if let Some(bars) = ed.derived.chart.get(ed.option) {
        bar_chart(ui, bars);
    }
}

const BEFORE: Color32 = Color32::from_rgb(0x8a, 0x9b, 0xb5);
const AFTER: Color32 = Color32::from_rgb(0x3c, 0x9a, 0x5f);

fn bar_chart(ui: &mut egui::Ui, bars: &[super::Bar]) {
    use rust_decimal::prelude::ToPrimitive;
    let max = bars
        .iter()
        .map(|b| b.before.max(b.after))
        .max()
        .unwrap_or_default()
        .to_f64()
        .unwrap_or(0.0);
    ui.horizontal(|ui| {
        legend(ui, BEFORE, "Trước");
        legend(ui, AFTER, "Sau");
    });
    let label_w = 300.0;
    let bar_h = 10.0;
    let row_h = 2.0 * bar_h + 10.0;
    let width = ui.available_width().min(1000.0);
    let (rect, _) = ui.allocate_exact_size(
        Vec2::new(width, row_h * bars.len() as f32 + 4.0),
        Sense::hover(),
    );
    let painter = ui.painter_at(rect);
    let font = egui::FontId::proportional(13.0);
    let text_color = ui.visuals().text_color();
    let scale = if max > 0.0 {
        (width - label_w - 120.0) as f64 / max
    } else {
        0.0
    };
    for (k, bar) in bars.iter().enumerate() {
        let top = rect.top() + k as f32 * row_h + 2.0;
        let mut label = bar.name.clone();
        if label.chars().count() > 42 {
            label = label.chars().take(40).collect::<String>() + "…";
        }
        painter.text(
            Pos2::new(rect.left(), top + bar_h),
            egui::Align2::LEFT_CENTER,
            label,
            font.clone(),
            text_color,
        );
        for (j, (v, text, color)) in [
            (bar.before, &bar.before_text, BEFORE),
            (bar.after, &bar.after_text, AFTER),
        ]
        .into_iter()
        .enumerate()
        {
            let y = top + j as f32 * (bar_h + 2.0);
            let x0 = rect.left() + label_w;
            // Drawing only: pixel lengths, never money arithmetic.
            let w = (v.to_f64().unwrap_or(0.0) * scale) as f32;
            painter.rect_filled(
                Rect::from_min_size(Pos2::new(x0, y), Vec2::new(w.max(1.0), bar_h)),
                2.0,
                color,
            );
            painter.text(
                Pos2::new(x0 + w + 6.0, y + bar_h / 2.0),
                egui::Align2::LEFT_CENTER,
                text,
                egui::FontId::proportional(11.0),
                text_color,
            );
        }
    }
}

fn legend(ui: &mut egui::Ui, color: Color32, text: &str) {
    let (r, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
    ui.painter().rect_filled(r, 2.0, color);
    ui.label(text);
}
