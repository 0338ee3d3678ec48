//! A procedure's file from the national portal, chosen or dropped on the window: a new review
//! when none is open, else the changes to the open review's record, asked about field by field.

use super::App;
use super::modal::Modal;
use crate::model::TthcRecord;
use crate::portal::FieldChange;
use std::path::PathBuf;

/// The question before a newer portal file changes the open record.
pub struct PortalRefresh {
    pub file: PathBuf,
    pub incoming: TthcRecord,
    pub changes: Vec<FieldChange>,
    /// Which changes to take.
    pub take: Vec<bool>,
}

impl PortalRefresh {
    /// Draws the question; `Some(true)` takes the ticked changes, `Some(false)` cancels.
    pub fn show(&mut self, ui: &mut egui::Ui) -> Option<bool> {
        let mut out = None;
        ui.heading("Cập nhật theo Cổng Dịch vụ công");
        ui.label(format!(
            "{} khác với bản rà soát ở {} mục. Chọn mục lấy theo Cổng; các câu trả lời, bảng chi phí và phương án không bị thay đổi.",
            crate::storage::file_name(&self.file),
            self.changes.len()
        ));
        egui::ScrollArea::vertical()
            .id_salt("portal-refresh")
            .max_height(360.0)
            .show(ui, |ui| {
                for (c, take) in self.changes.iter().zip(self.take.iter_mut()) {
                    ui.separator();
                    ui.checkbox(take, format!("Lấy theo Cổng: {}", c.label));
                    ui.horizontal_wrapped(|ui| {
                        ui.weak("Đang có:");
                        ui.label(if c.old.trim().is_empty() {
                            "(trống)"
                        } else {
                            c.old.as_str()
                        });
                    });
                    ui.horizontal_wrapped(|ui| {
                        ui.weak("Trên Cổng:");
                        ui.label(if c.new.trim().is_empty() {
                            "(trống)"
                        } else {
                            c.new.as_str()
                        });
                    });
                }
            });
        ui.separator();
        ui.horizontal(|ui| {
            let n = self.take.iter().filter(|t| **t).count();
            if ui
                .add_enabled(n > 0, egui::Button::new(format!("Lấy {n} mục đã chọn")))
                .clicked()
            {
                out = Some(true);
            }
            if ui.button("Hủy").clicked() {
                out = Some(false);
            }
        });
        out
    }
}

impl App {
    /// Reads a portal file: a new review (home), or the open review's changes to ask about.
    pub(super) fn portal_file(&mut self, path: PathBuf) {
        let rec = match crate::portal::read(&path) {
            Ok(r) => r,
            Err(e) => return self.message(e),
        };
        let today = self
            .home
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let file = crate::storage::file_name(&path);
        if let Some(ed) = self.editor.as_ref() {
            let incoming =
                crate::portal::record_of(&rec, &file, today, ed.review.tthc.costed_channel);
            let changes = crate::portal::changes(&ed.review.tthc, &incoming);
            if changes.is_empty() {
                self.status = format!("{file}: không có gì khác với bản rà soát đang mở");
                return;
            }
            let take = vec![true; changes.len()];
            self.modal = Some(Modal::PortalRefresh(Box::new(PortalRefresh {
                file: path,
                incoming,
                changes,
                take,
            })));
            return;
        }
        let mut review = crate::portal::new_review(&self.templates, &rec, &file, today);
        let proposal = std::mem::take(&mut review.activities);
        let rows = proposal.len();
        // Unsaved from the start (it is not a file yet); the proposed table is one undo step.
        let blank = super::new_review(&self.templates);
        let mut ed = self.editor(None, review, blank);
        ed.replace_review(&self.templates, |r| r.activities = proposal);
        ed.step = crate::progress::Step::Record;
        ed.scroll_top = true;
        self.editor = Some(ed);
        self.status = format!(
            "Đã nhập {file}: bảng chi phí hiện tại là bảng đề xuất {rows} dòng từ thành phần hồ sơ — sửa số giờ, xóa dòng không cần (Hoàn tác để bỏ cả bảng)"
        );
    }

    /// Takes the ticked changes into the open record (one undo step).
    pub(super) fn take_portal_changes(&mut self, q: PortalRefresh) {
        let Some(ed) = self.editor.as_mut() else {
            return;
        };
        let mut taken = 0;
        for (c, take) in q.changes.iter().zip(&q.take) {
            if *take {
                crate::portal::take(&mut ed.review.tthc, &q.incoming, c.key);
                taken += 1;
            }
        }
        ed.changed = true;
        self.status = format!(
            "Đã lấy {taken} mục theo {}; {} mục giữ như bản rà soát",
            crate::storage::file_name(&q.file),
            q.changes.len() - taken
        );
    }
}
