//! Home-list actions between rooms and the office: "Nhận bản rà soát" (a .zip, a review file or a
//! folder: inspected, the user asked about every file that differs from the review here, then
//! written and logged) and "Gửi phòng Văn phòng" (the room's reviews as one .zip).

use super::{App, Modal};
use crate::exchange::{self, Batch, Choice, Verdict};
use crate::storage::file_name;
use crate::ui::receive_job::ReceiveJob;
use std::cmp::Ordering;
use std::path::PathBuf;

/// The receive question: what was found, and the user's choice for each file that differs.
pub struct ReceiveState {
    pub batch: Batch,
    pub choices: Vec<Option<Choice>>,
}

impl ReceiveState {
    /// Changed files still without a choice.
    pub fn undecided(&self) -> usize {
        self.batch
            .changed()
            .into_iter()
            .filter(|&i| self.choices[i].is_none())
            .count()
    }
}

fn dmy_hm(t: Option<chrono::NaiveDateTime>) -> String {
    t.map_or_else(
        || "không rõ".to_string(),
        |t| t.format("%H:%M %d/%m/%Y").to_string(),
    )
}

/// Draws the receive question; `Some(true)` = receive as chosen, `Some(false)` = cancel.
pub fn receive_body(ui: &mut egui::Ui, st: &mut ReceiveState) -> Option<bool> {
    let b = &st.batch;
    let new = b.count(|v| matches!(v, Verdict::New));
    let same = b.count(|v| matches!(v, Verdict::Same(_)));
    let changed = b.changed().len();
    let broken = b.count(|v| matches!(v, Verdict::Broken(_)));
    ui.heading("Nhận bản rà soát");
    ui.label(format!("Nguồn: {}", b.source.display()));
    ui.label(format!(
        "{} tệp bản rà soát: {new} mới, {same} giống hệt bản đang có, {changed} khác bản đang có (cần chọn), {broken} hỏng (không nhận).",
        b.items.len()
    ));
    if b.refused() > 0 {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!(
                "{} mục khác trong nguồn không nhận được (lý do ở cuối danh sách, và trong nhật ký).",
                b.refused()
            ),
        );
    }
    if changed > 1 {
        ui.horizontal_wrapped(|ui| {
            ui.label("Chọn chung cho mọi tệp khác bản đang có:");
            for (c, label) in [
                (Choice::Replace, "Thay tất cả"),
                (Choice::KeepBoth, "Giữ cả hai, tất cả"),
                (Choice::Skip, "Bỏ qua tất cả"),
            ] {
                if ui.small_button(label).clicked() {
                    for i in st.batch.changed() {
                        st.choices[i] = Some(c);
                    }
                }
            }
        });
    }
    let b = &st.batch;
    let err = ui.visuals().error_fg_color;
    let warn = ui.visuals().warn_fg_color;
    let ok = egui::Color32::from_rgb(0, 128, 60);
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .max_height(400.0)
        .show(ui, |ui| {
            for (i, item) in b.items.iter().enumerate() {
                ui.separator();
                ui.horizontal_wrapped(|ui| {
                    match &item.verdict {
                        Verdict::New => ui.colored_label(ok, "MỚI"),
                        Verdict::Same(_) => ui.weak("GIỐNG HỆT"),
                        Verdict::Changed(_) => ui.colored_label(warn, "KHÁC BẢN ĐANG CÓ"),
                        Verdict::Broken(_) => ui.colored_label(err, "HỎNG"),
                    };
                    ui.strong(&item.origin);
                    if !item.tthc.is_empty() {
                        ui.label(format!("— {}", item.tthc));
                    }
                });
                match &item.verdict {
                    Verdict::New => {
                        ui.weak("Chưa có bản rà soát của TTHC này: sẽ được thêm vào thư mục.");
                    }
                    Verdict::Same(p) => {
                        ui.weak(format!(
                            "Nội dung giống hệt {}: không cần ghi.",
                            file_name(p)
                        ));
                    }
                    Verdict::Broken(e) => {
                        ui.colored_label(err, e);
                    }
                    Verdict::Changed(c) => {
                        egui::Grid::new(("cmp", i))
                            .num_columns(3)
                            .spacing([12.0, 2.0])
                            .show(ui, |ui| {
                                ui.label("");
                                ui.strong(format!(
                                    "Bản đang có ({})",
                                    file_name(&c.existing.path)
                                ));
                                ui.strong("Bản nhận");
                                ui.end_row();
                                let (a, n) = (&c.existing.side, &c.incoming);
                                let names = (a.tthc != n.tthc)
                                    .then(|| ("Tên TTHC", a.tthc.clone(), n.tthc.clone()));
                                for (label, x, y) in names.into_iter().chain([
                                    ("Lưu lúc", dmy_hm(a.modified), dmy_hm(n.modified)),
                                    ("Người rà soát", a.author.clone(), n.author.clone()),
                                    ("Tình trạng", a.status.clone(), n.status.clone()),
                                    (
                                        "Số liệu",
                                        a.figures.clone().unwrap_or_else(|| "chưa tính được".into()),
                                        n.figures.clone().unwrap_or_else(|| "chưa tính được".into()),
                                    ),
                                ]) {
                                    ui.label(label);
                                    for v in [x, y] {
                                        // Two columns side by side fit a 1024-px window.
                                        ui.vertical(|ui| {
                                            ui.set_max_width(300.0);
                                            ui.add(egui::Label::new(v).wrap());
                                        });
                                    }
                                    ui.end_row();
                                }
                            });
                        let age = match c.newer {
                            Some(Ordering::Greater) => "Bản nhận mới hơn bản đang có.",
                            Some(Ordering::Less) => "Bản nhận CŨ HƠN bản đang có.",
                            Some(Ordering::Equal) => "Hai bản lưu cùng lúc nhưng nội dung khác nhau.",
                            None => "Không rõ bản nào mới hơn.",
                        };
                        let colour = if c.newer == Some(Ordering::Greater) {
                            ui.visuals().text_color()
                        } else {
                            warn
                        };
                        ui.colored_label(colour, age);
                        if c.other_author {
                            ui.colored_label(warn, "Hai bản do người rà soát (hoặc phòng) khác nhau lập.");
                        }
                        ui.horizontal_wrapped(|ui| {
                            let ch = &mut st.choices[i];
                            ui.radio_value(ch, Some(Choice::Replace), "Thay bằng bản nhận")
                                .on_hover_text("Bản đang có được giữ thành tệp .bak bên cạnh");
                            ui.radio_value(ch, Some(Choice::KeepBoth), "Giữ cả hai")
                                .on_hover_text("Bản nhận được ghi thành tệp mới; danh sách sẽ ghi «TRÙNG» cho đến khi bỏ một bản");
                            ui.radio_value(ch, Some(Choice::Skip), "Bỏ qua")
                                .on_hover_text("Không nhận tệp này; bản đang có giữ nguyên");
                        });
                    }
                }
            }
            let (refused, other): (Vec<_>, Vec<_>) = b.set_aside.iter().partition(|a| a.refused);
            if !refused.is_empty() {
                ui.separator();
                ui.colored_label(err, format!("Không nhận {} mục:", refused.len()));
                for a in refused {
                    ui.label(format!("• {}: {}", a.origin, a.reason));
                }
            }
            if !other.is_empty() {
                ui.separator();
                let names: Vec<&str> = other.iter().map(|a| a.origin.as_str()).collect();
                ui.weak(format!("Bỏ qua (không phải bản rà soát): {}", names.join(", ")));
            }
        });
    ui.separator();
    let undecided = st.undecided();
    if undecided > 0 {
        ui.colored_label(
            warn,
            format!("Còn {undecided} tệp khác bản đang có chưa chọn cách nhận."),
        );
    }
    let mut out = None;
    ui.horizontal(|ui| {
        let go = ui.add_enabled(undecided == 0, egui::Button::new("Nhận"));
        if go.clicked() {
            out = Some(true);
        }
        if ui.button("Hủy").clicked() {
            out = Some(false);
        }
    });
    out
}

impl App {
    /// Asks for the source (a .zip or review file, or a folder), inspects it and asks.
    pub(super) fn request_receive(&mut self, folder: bool) {
        let picked = if folder {
            self.dialogs.pick_folder(&self.dir)
        } else {
            self.dialogs.open_received(&self.dir)
        };
        let Some(source) = picked else {
            if self.dialogs.unavailable() {
                self.message(format!("Không mở được hộp thoại chọn tệp trên máy này. Có thể nhận bằng dòng lệnh: tthc-review receive TỆP.zip {}", self.dir.display()));
            }
            return;
        };
        self.status = format!("Đang đọc {}…", source.display());
        self.receiving = Some(ReceiveJob::start(
            self.templates.clone(),
            source,
            self.dir.clone(),
            self.ctx.clone(),
        ));
    }

    /// Takes the result of the reading when it has ended, and no question is open.
    pub(super) fn poll_receiving(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.receiving else { return };
        if self.modal.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
            return;
        }
        let Some(result) = job.poll() else {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
            return;
        };
        let source = job.source.clone();
        self.receiving = None;
        self.status.clear();
        match result {
            Ok(batch) if batch.items.is_empty() => self.message(format!(
                "{}: không có bản rà soát (.ron) nào để nhận.{}",
                source.display(),
                batch
                    .set_aside
                    .iter()
                    .map(|a| format!("\n• {}: {}", a.origin, a.reason))
                    .collect::<String>()
            )),
            Ok(batch) => {
                let choices = vec![None; batch.items.len()];
                self.modal = Some(Modal::Receive(Box::new(ReceiveState { batch, choices })));
            }
            Err(e) if e == exchange::CANCELLED => self.status = e,
            Err(e) => self.message(e),
        }
    }

    /// Writes what the user chose, reloads the list and says what happened to every file.
    pub(super) fn receive(&mut self, st: ReceiveState) {
        let now = chrono::Local::now().naive_local();
        let out = exchange::apply(&self.dir, &st.batch, &st.choices, now);
        self.home.reload(&self.templates, &self.dir);
        let mut text = format!(
            "Đã nhận {} tệp vào {}; {} tệp không nhận được.\n",
            out.written(),
            self.dir.display(),
            out.problems()
        );
        for r in &out.received {
            text.push_str(&format!("\n• {}: {}", r.origin, r.what));
        }
        match &out.log_error {
            Some(e) => text.push_str(&format!("\n\n{e}")),
            None => text.push_str(&format!(
                "\n\nĐã ghi vào nhật ký {}.",
                exchange::log_path(&self.dir).display()
            )),
        }
        self.status = format!(
            "Đã nhận {} tệp từ {}",
            out.written(),
            st.batch.source.display()
        );
        self.message(text);
    }

    /// The room's reviews: the marked rows, or every readable row.
    fn send_files(&self) -> Vec<PathBuf> {
        self.home
            .report_rows()
            .filter(|r| r.error.is_none())
            .map(|r| r.path.clone())
            .collect()
    }

    /// Asks where to put the .zip, then packs (after asking before replacing a file).
    pub(super) fn request_send(&mut self) {
        let files = self.send_files();
        if files.is_empty() {
            return self.message("Chưa có bản rà soát đọc được nào để gửi.");
        }
        let rooms: std::collections::BTreeSet<&str> = self
            .home
            .report_rows()
            .filter(|r| r.error.is_none())
            .map(|r| r.room.trim())
            .collect();
        let room = if rooms.len() == 1 {
            rooms.into_iter().next().unwrap_or_default()
        } else {
            ""
        };
        let name = exchange::suggested_zip_name(room, chrono::Local::now().date_naive());
        let Some(output) = self.dialogs.save_zip(&self.dir, &name) else {
            if self.dialogs.unavailable() {
                self.message("Không mở được hộp thoại chọn tệp trên máy này.");
            }
            return;
        };
        if !output
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
        {
            return self.message(format!(
                "{}: tệp gửi đi phải có đuôi .zip (không ghi đè bản rà soát hay tệp khác).",
                output.display()
            ));
        }
        if output.exists() {
            self.modal = Some(Modal::ReplaceZip { files, output });
        } else {
            self.pack(files, output);
        }
    }

    pub(super) fn pack(&mut self, files: Vec<PathBuf>, output: PathBuf) {
        match exchange::pack(&files, &output) {
            Ok(n) => {
                self.status = format!("Đã gói {n} bản rà soát vào {}", output.display());
                self.message(format!(
                    "Đã gói {n} bản rà soát vào {}.\nGửi tệp này cho Văn phòng (thư điện tử, thư mục chung…); Văn phòng bấm «Nhận bản rà soát…» để nhận.",
                    output.display()
                ));
            }
            Err(e) => self.message(e),
        }
    }
}
