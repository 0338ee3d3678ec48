//! The stepper down the side: each step with its progress and, on hover, what is missing.

use super::{Action, EditorState, step_title};
use crate::progress::Step;

pub fn show(ui: &mut egui::Ui, ed: &EditorState, actions: &mut Vec<Action>) {
    ui.add_space(8.0);
    // One line, whatever the name's length: the steps below never move while it is typed.
    ui.add(egui::Label::new(egui::RichText::new(ed.display_name()).strong()).truncate());
    ui.weak(format!("Hoàn thành {} %", ed.derived.progress.percent()));
    ui.separator();
    for step in Step::ALL {
        let p = ed.derived.progress.step(step);
        let (mark, detail) = if p.skipped {
            ("–", "bỏ qua (TTHC không cần thiết)".to_string())
        } else if p.complete() {
            ("●", "đủ".to_string())
        } else {
            ("○", format!("còn thiếu {}", p.missing.len()))
        };
        let selected = ed.step == step;
        let r = ui
            .selectable_label(selected, format!("{mark} {}", step_title(step)))
            .on_hover_ui(|ui| {
                if p.missing.is_empty() {
                    ui.label(&detail);
                } else {
                    ui.label("Còn thiếu:");
                    for m in p.missing.iter().take(12) {
                        ui.label(format!("• {m}"));
                    }
                    if p.missing.len() > 12 {
                        ui.label(format!("… và {} mục khác", p.missing.len() - 12));
                    }
                }
            });
        // Every step keeps its second line ("còn thiếu 3", "đủ"), so completing one never
        // moves the steps below it under the pointer.
        ui.weak(format!("    {detail}"));
        let open = ed.derived.open_comments[step.index()];
        if open > 0 {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("    {open} ý kiến chưa xử lý"),
            );
        }
        if r.clicked() {
            actions.push(Action::Goto(step));
        }
    }
    ui.separator();
    if !ed.derived.orphans.is_empty() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("{} câu trả lời không còn câu hỏi", ed.derived.orphans.len()),
        )
        .on_hover_text(format!(
            "Các câu trả lời này được giữ nguyên trong tệp:\n{}",
            ed.derived.orphans.join("\n")
        ));
    }
    // Live figures of the option in focus.
    if let Some(Err(e)) = ed.derived.summaries.get(ed.option) {
        ui.add_space(6.0);
        ui.label(format!("Phương án {}", ed.option + 1));
        ui.colored_label(ui.visuals().error_fg_color, "— chưa tính được")
            .on_hover_text(e);
    }
    if let Some(Ok(s)) = ed.derived.summaries.get(ed.option) {
        ui.add_space(6.0);
        ui.label(format!("Phương án {}", ed.option + 1));
        egui::Grid::new("side_totals")
            .num_columns(2)
            .show(ui, |ui| {
                for (label, value) in [
                    ("Trước", &s[0]),
                    ("Sau", &s[1]),
                    ("Tiết kiệm", &s[2]),
                    ("Tỷ lệ", &s[3]),
                ] {
                    ui.label(label);
                    ui.strong(value);
                    ui.end_row();
                }
            });
    }
}
