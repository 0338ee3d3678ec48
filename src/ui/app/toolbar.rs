//! The toolbar above the home list or the open review, and the report settings page.

use super::App;
use crate::storage::settings_path;
use crate::ui::editor::Action;
use std::path::{Path, PathBuf};

impl App {
    pub(super) fn toolbar(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        // One line at any width: a state that appears (unsaved, invalid cells) never wraps the
        // bar and pushes the page down under the pointer; what does not fit is cut.
        ui.horizontal(|ui| match &self.editor {
            None => {
                ui.heading("Rà soát, đánh giá thủ tục hành chính");
            }
            Some(ed) => {
                if ui.button("← Danh sách").clicked() {
                    actions.push(Action::Home);
                }
                if ui.button("Lưu (Ctrl+S)").clicked() {
                    actions.push(Action::Save);
                }
                if ui.button("Lưu thành…").clicked() {
                    actions.push(Action::SaveAs);
                }
                if ui
                    .button("Xuất báo cáo…")
                    .on_hover_text(
                        "Báo cáo phương án đơn giản hóa (Phụ lục VI) của phương án được chọn: PDF để ký, Word để sửa tiếp, Excel để kiểm tra số liệu (chọn loại tệp trong hộp thoại)",
                    )
                    .clicked()
                {
                    actions.push(Action::ExportPdf);
                }
                if ui
                    .add_enabled(ed.undo.can_undo(), egui::Button::new("↶ Hoàn tác"))
                    .on_hover_text("Ctrl+Z")
                    .clicked()
                {
                    actions.push(Action::Undo);
                }
                if ui
                    .add_enabled(ed.undo.can_redo(), egui::Button::new("↷ Làm lại"))
                    .on_hover_text("Ctrl+Shift+Z")
                    .clicked()
                {
                    actions.push(Action::Redo);
                }
                ui.separator();
                // Where the review stands in the office's year (kept in the file with the date).
                let current = ed.review.stage().map(|c| c.stage);
                let shown = current.map_or("đang rà soát", |s| s.label());
                ui.label("Trạng thái:");
                egui::ComboBox::from_id_salt("stage")
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for stage in crate::model::Stage::ALL {
                            if ui
                                .selectable_label(current == Some(stage), stage.label())
                                .clicked()
                                && current != Some(stage)
                            {
                                actions.push(Action::Edit(crate::model::Edit::SetStage {
                                    stage,
                                    date: chrono::Local::now().date_naive(),
                                }));
                            }
                        }
                    })
                    .response
                    .on_hover_text(
                        "Tiến độ theo kế hoạch của năm: đổi trạng thái khi gửi thẩm định, có ý kiến, hoàn thiện…; ngày đổi được lưu trong tệp",
                    );
                ui.separator();
                let mut states: Vec<(String, egui::Color32)> = Vec::new();
                if ed.dirty {
                    states.push(("● Chưa lưu".into(), ui.visuals().warn_fg_color));
                } else if ed.path.is_none() {
                    // Never saved: not "Đã lưu" while it is not a file yet.
                    states.push(("Chưa lưu thành tệp".into(), ui.visuals().weak_text_color()));
                } else {
                    states.push(("Đã lưu".into(), ui.visuals().weak_text_color()));
                }
                if let Some(who) = &ed.read_only {
                    states.push((
                        format!("Chỉ xem — {who} đang sửa tệp này; «Lưu» sẽ lưu thành tệp mới"),
                        ui.visuals().warn_fg_color,
                    ));
                }
                let invalid = ed.derived.invalid.len();
                if invalid > 0 {
                    states.push((
                        format!("{invalid} ô nhập chưa hợp lệ"),
                        ui.visuals().error_fg_color,
                    ));
                }
                for (text, color) in states {
                    // egui shows a cut label whole on hover.
                    ui.add(egui::Label::new(egui::RichText::new(text).color(color)).truncate());
                }
            }
        });
    }

    /// The status bar at the bottom of the window: a compilation's progress, the last message and
    /// the last report's buttons. Always one line tall, so a message never moves the page under
    /// the pointer.
    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
        let line =
            ui.text_style_height(&egui::TextStyle::Button) + 2.0 * ui.spacing().button_padding.y;
        ui.horizontal(|ui| {
            ui.set_min_height(line.max(ui.spacing().interact_size.y));
            if let Some(job) = &self.job {
                ui.label(format!(
                    "Đang lập báo cáo tổng hợp ({} bản rà soát)…",
                    job.files.len()
                ));
                ui.add(
                    egui::ProgressBar::new(job.fraction())
                        .desired_width(300.0)
                        .show_percentage(),
                );
                ui.separator();
            }
            if let Some(r) = &self.receiving {
                let (done, total) = r.progress();
                ui.label(format!(
                    "Đang đọc {}: {done}/{total} mục…",
                    crate::storage::file_name(&r.source)
                ));
                // Always there, so «Hủy» keeps its place (and its id) from the first frame.
                let fraction = if total > 0 {
                    done as f32 / total as f32
                } else {
                    0.0
                };
                ui.add(egui::ProgressBar::new(fraction).desired_width(200.0));
                if ui.small_button("Hủy").clicked() {
                    r.cancel();
                }
                ui.separator();
            }
            if let Some(out) = self.last_output.clone() {
                if ui
                    .small_button("Mở tệp")
                    .on_hover_text("Mở báo cáo bằng chương trình đọc PDF của máy (để xem, in)")
                    .clicked()
                    && let Err(e) = opener::open(&out)
                {
                    self.status = format!(
                        "Không mở được {}: máy này chưa có chương trình mở loại tệp này ({}) — hãy mở tệp từ thư mục",
                        out.display(),
                        crate::storage::quote(&e.to_string())
                    );
                }
                let folder = out
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
                if ui.small_button("Mở thư mục").clicked()
                    && let Err(e) = opener::open(&folder)
                {
                    self.status = format!(
                        "Không mở được thư mục {}: máy này chưa có trình quản lý tệp ({})",
                        folder.display(),
                        crate::storage::quote(&e.to_string())
                    );
                }
            }
            // One line: a long message is cut with "…" and shown whole on hover.
            if !self.status.is_empty() {
                ui.add(egui::Label::new(egui::RichText::new(&self.status).weak()).truncate())
                    .on_hover_text(&self.status);
            }
        });
    }

    /// The report settings page, in place of the home list while it is open.
    pub(super) fn settings_page(&mut self, ui: &mut egui::Ui) {
        let Some(mut form) = self.settings_form.take() else {
            return;
        };
        let mut keep = true;
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("Thiết lập báo cáo");
            ui.weak(format!("Lưu vào {}", settings_path(&self.dir).display()));
            ui.horizontal(|ui| {
                if ui.button("Lưu thiết lập").clicked() {
                    match form.result().and_then(|s| self.save_settings(s)) {
                        Ok(()) => keep = false,
                        Err(e) => form.error = Some(e),
                    }
                }
                if ui.button("Hủy").clicked() {
                    keep = false;
                }
            });
            ui.separator();
            form.show(ui);
        });
        if keep {
            self.settings_form = Some(form);
        }
    }
}
