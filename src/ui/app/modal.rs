//! The questions the app asks: unsaved changes, delete, recovery, the checks before a report, a
//! review in use by someone else, a file changed or gone since it was opened, an existing report.
//! Buttons push a [`Command`]; nothing is changed while the modal is drawn.

use super::commands::{Command, Pending, ReportKind};
use super::{App, Then};
use crate::preflight::{Finding, Severity, count, has_errors};
use crate::storage::Recovered;
use crate::storage::lock::Owner;
use std::path::PathBuf;

pub enum Modal {
    Unsaved(Then),
    ConfirmDelete(PathBuf),
    Recover(Vec<Recovered>),
    Message(String),
    /// What the checks before a report found; the user fixes, or goes on past warnings.
    Preflight(ReportKind, Vec<Finding>),
    /// Someone else has this review open.
    InUse {
        path: PathBuf,
        owner: Owner,
    },
    /// The open review's file was changed on disk since it was opened or saved.
    Conflict(PathBuf),
    /// The open review's file is gone (deleted, renamed, moved).
    Missing(PathBuf),
    /// A report is about to replace an existing one.
    Overwrite(Pending),
    /// Saving while some cells hold text that is not a valid figure.
    InvalidCells(Vec<crate::progress::InvalidCell>),
    /// Files received from a room, compared with the reviews here: the user chooses.
    Receive(Box<super::ReceiveState>),
    /// A plan read from a spreadsheet, before it is written.
    ImportPlan(Box<crate::ui::plan_import::PlanImport>),
    /// A newer portal file's changes to the open record, to choose from.
    PortalRefresh(Box<super::portal::PortalRefresh>),
    /// A recovered review whose owner file is this user's on this PC, from a run that may
    /// still be open.
    OwnRun {
        path: PathBuf,
        owner: Owner,
    },
    /// No file dialog on this machine: the report's name and format asked here.
    ChooseOutput(Box<super::output_choice::OutputChoice>),
    /// The .zip to send exists already.
    ReplaceZip {
        files: Vec<PathBuf>,
        output: PathBuf,
    },
}

use crate::storage::file_name;

fn rest_of(list: &[Recovered], k: usize) -> Vec<Recovered> {
    list.iter()
        .enumerate()
        .filter(|(j, _)| *j != k)
        .map(|(_, r)| r.clone())
        .collect()
}

fn preflight(ui: &mut egui::Ui, kind: &ReportKind, findings: &[Finding]) -> Option<Command> {
    let mut cmd = None;
    let errors = count(findings, Severity::Error);
    let warnings = count(findings, Severity::Warning);
    ui.heading("Kiểm tra trước khi lập báo cáo");
    if errors > 0 {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!(
                "{errors} lỗi làm sai số liệu của báo cáo: phải sửa trước khi lập. {warnings} cảnh báo."
            ),
        );
    } else {
        ui.label(format!(
            "{warnings} cảnh báo: số liệu vẫn đúng nhưng báo cáo chưa đầy đủ. Có thể sửa trước hoặc vẫn lập báo cáo."
        ));
    }
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .max_height(320.0)
        .show(ui, |ui| {
            for f in findings {
                ui.horizontal_wrapped(|ui| {
                    match f.severity {
                        Severity::Error => ui.colored_label(ui.visuals().error_fg_color, "LỖI"),
                        Severity::Warning => {
                            ui.colored_label(ui.visuals().warn_fg_color, "CẢNH BÁO")
                        }
                    };
                    if let Some(p) = &f.file {
                        ui.strong(file_name(p))
                            .on_hover_text(p.display().to_string());
                    }
                    ui.label(&f.message);
                    if let Some(step) = f.step
                        && ui
                            .small_button("Đến chỗ sửa")
                            .on_hover_text("Mở bản rà soát ở bước cần sửa")
                            .clicked()
                    {
                        cmd = Some(Command::Goto(f.file.clone(), step));
                    }
                });
            }
        });
    ui.separator();
    ui.horizontal(|ui| {
        let go = ui.add_enabled(!has_errors(findings), egui::Button::new("Vẫn lập báo cáo"));
        if go.clicked() {
            cmd = Some(Command::Report(kind.clone()));
        }
        if ui.button("Đóng").clicked() {
            cmd = Some(Command::Close);
        }
    });
    cmd
}

impl App {
    /// Draws the open question; returns what the user chose. `Command::Close` only closes it.
    fn modal_body(&self, ui: &mut egui::Ui, modal: &mut Modal) -> Option<Command> {
        let mut cmd = None;
        // A fixed width from the first frame: a question that sized itself to its wrapped text
        // moved under the pointer for a few frames after it opened.
        let room = ui.ctx().content_rect().width() - 48.0;
        let wide = matches!(
            modal,
            Modal::Receive(_) | Modal::ImportPlan(_) | Modal::PortalRefresh(_)
        );
        let width: f32 = if wide { 760.0 } else { 600.0 };
        ui.set_width(width.min(room).max(280.0));
        match modal {
            Modal::Unsaved(then) => {
                let name = self
                    .editor
                    .as_ref()
                    .map(|e| e.display_name())
                    .unwrap_or_default();
                ui.heading("Lưu thay đổi?");
                ui.label(format!("«{name}» có thay đổi chưa lưu."));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Lưu").clicked() {
                        cmd = Some(Command::SaveThen(then.clone()));
                    } else if ui.button("Không lưu").clicked() {
                        cmd = Some(Command::DiscardThen(then.clone()));
                    } else if ui.button("Hủy").clicked() {
                        cmd = Some(Command::Close);
                    }
                });
            }
            Modal::ConfirmDelete(path) => {
                ui.heading("Xóa bản rà soát?");
                ui.label(format!(
                    "Tệp {} sẽ được chuyển vào thư mục thùng rác {}.",
                    path.display(),
                    crate::storage::TRASH_DIR
                ));
                ui.horizontal(|ui| {
                    if ui.button("Chuyển vào thùng rác").clicked() {
                        cmd = Some(Command::Trash(path.clone()));
                    } else if ui.button("Hủy").clicked() {
                        cmd = Some(Command::Close);
                    }
                });
            }
            Modal::Recover(list) => {
                ui.heading("Khôi phục bản làm việc chưa lưu?");
                ui.label("Lần trước chương trình đã đóng khi còn thay đổi chưa lưu:");
                for (k, rec) in list.iter().enumerate() {
                    ui.separator();
                    let name = if rec.review.tthc.name.is_empty() {
                        "(bản rà soát mới)".to_string()
                    } else {
                        rec.review.tthc.name.clone()
                    };
                    ui.label(name);
                    if let Some(o) = &rec.original {
                        ui.weak(format!("Tệp gốc: {}", o.display()));
                    }
                    ui.horizontal(|ui| {
                        if ui.button("Khôi phục").clicked() {
                            cmd = Some(Command::Restore(rec.clone(), rest_of(list, k)));
                        }
                        if ui.button("Bỏ bản này").clicked() {
                            cmd = Some(Command::DropRecovery(rec.clone(), rest_of(list, k)));
                        }
                    });
                }
                ui.separator();
                ui.weak("«Để sau»: các bản này được giữ nguyên và được hỏi lại lần mở sau.");
                if ui.button("Để sau").clicked() {
                    cmd = Some(Command::Close);
                }
            }
            Modal::Message(text) => {
                ui.heading("Thông báo");
                egui::ScrollArea::vertical()
                    .max_height(420.0)
                    .show(ui, |ui| ui.label(text.as_str()));
                if ui.button("Đóng").clicked() {
                    cmd = Some(Command::Close);
                }
            }
            Modal::Preflight(kind, findings) => cmd = preflight(ui, kind, findings),
            Modal::InUse { path, owner } => {
                ui.heading("Bản rà soát đang được mở");
                ui.label(format!(
                    "«{}» đang được {} mở để sửa.",
                    file_name(path),
                    owner.describe()
                ));
                let stale = owner.is_stale();
                if stale {
                    ui.label("Có vẻ người đó không còn mở tệp (tệp khóa đã cũ hoặc chương trình đã tắt).");
                } else {
                    ui.label("Nếu cùng sửa, một trong hai người sẽ phải chọn giữ bản nào.");
                }
                ui.add_space(6.0);
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .button("Mở chỉ để xem")
                        .on_hover_text(
                            "Xem và sửa thử; «Lưu» sẽ lưu thành tệp mới, không ghi vào tệp này",
                        )
                        .clicked()
                    {
                        cmd = Some(Command::OpenReadOnly(path.clone()));
                    }
                    if ui
                        .button("Mở một bản sao")
                        .on_hover_text("Mở nội dung thành bản rà soát mới, lưu vào tệp khác")
                        .clicked()
                    {
                        cmd = Some(Command::OpenCopy(path.clone()));
                    }
                    if stale && ui.button("Tiếp quản và mở để sửa").clicked() {
                        cmd = Some(Command::TakeOver(path.clone()));
                    }
                    if ui.button("Hủy").clicked() {
                        cmd = Some(Command::Close);
                    }
                });
            }
            Modal::Conflict(path) => {
                ui.heading("Tệp đã bị thay đổi");
                ui.label(format!(
                    "Từ khi bạn mở, tệp {} đã được người khác (hoặc cửa sổ khác) lưu lại. Lưu đè lên sẽ làm mất bản đó.",
                    path.display()
                ));
                ui.add_space(6.0);
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .button("Giữ bản của tôi")
                        .on_hover_text("Bản trên đĩa được giữ thành một tệp có ghi ngày giờ, rồi lưu bản của bạn")
                        .clicked()
                    {
                        cmd = Some(Command::KeepMine);
                    }
                    if ui
                        .button("Lấy bản của họ")
                        .on_hover_text("Mở bản trên đĩa; bản của bạn được giữ trong mục khôi phục")
                        .clicked()
                    {
                        cmd = Some(Command::TakeTheirs);
                    }
                    if ui.button("Lưu bản của tôi thành tệp mới…").clicked() {
                        cmd = Some(Command::SaveAs);
                    }
                    if ui.button("Hủy").clicked() {
                        cmd = Some(Command::Close);
                    }
                });
            }
            Modal::Missing(path) => {
                ui.heading("Tệp không còn ở chỗ cũ");
                ui.label(format!(
                    "Tệp {} đã bị xóa, đổi tên hoặc chuyển đi từ khi bạn mở.",
                    path.display()
                ));
                ui.horizontal_wrapped(|ui| {
                    if ui.button("Lưu lại vào chỗ cũ").clicked() {
                        cmd = Some(Command::SaveOver);
                    }
                    if ui.button("Lưu thành tệp mới…").clicked() {
                        cmd = Some(Command::SaveAs);
                    }
                    if ui.button("Hủy").clicked() {
                        cmd = Some(Command::Close);
                    }
                });
            }
            Modal::InvalidCells(cells) => {
                ui.heading("Còn ô nhập chưa hợp lệ");
                ui.label(format!(
                    "{} ô chứa chữ không phải số hợp lệ; các số liệu phụ thuộc chưa tính được.",
                    cells.len()
                ));
                egui::ScrollArea::vertical()
                    .max_height(240.0)
                    .show(ui, |ui| {
                        for c in cells {
                            ui.horizontal_wrapped(|ui| {
                                ui.label(format!("{}: «{}»", c.what, c.text));
                                if ui.small_button("Đến ô này").clicked() {
                                    cmd = Some(Command::GotoCell(c.clone()));
                                }
                            });
                        }
                    });
                ui.separator();
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .button("Vẫn lưu bản nháp")
                        .on_hover_text("Lưu đúng chữ đã gõ trong các ô này; «Kiểm tra» và báo cáo sẽ báo lỗi cho đến khi sửa")
                        .clicked()
                    {
                        cmd = Some(Command::SaveDraft);
                    }
                    if ui.button("Hủy").clicked() {
                        cmd = Some(Command::Close);
                    }
                });
            }
            Modal::Receive(st) => {
                cmd = match super::exchange::receive_body(ui, st) {
                    Some(true) => Some(Command::Receive),
                    Some(false) => Some(Command::Close),
                    None => None,
                };
            }
            Modal::ImportPlan(form) => {
                cmd = match form.show(ui) {
                    Some(crate::ui::plan_import::ImportChoice::Import) => Some(Command::ImportPlan),
                    Some(crate::ui::plan_import::ImportChoice::Cancel) => Some(Command::Close),
                    None => None,
                };
            }
            Modal::OwnRun { path, owner } => {
                ui.heading("Sửa tiếp vào tệp gốc?");
                ui.label(format!(
                    "«{}» còn tệp khóa của chính bạn ({}): có lẽ lần chạy trước bị tắt đột ngột. Nếu không còn cửa sổ nào khác đang mở tệp này, hãy sửa tiếp — «Lưu» sẽ ghi vào tệp gốc.",
                    file_name(path),
                    owner.describe()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Sửa tiếp vào tệp gốc").clicked() {
                        cmd = Some(Command::TakeBack(path.clone()));
                    }
                    if ui
                        .button("Chỉ xem")
                        .on_hover_text("«Lưu» sẽ lưu thành tệp mới, không ghi vào tệp này")
                        .clicked()
                    {
                        cmd = Some(Command::Close);
                    }
                });
            }
            Modal::ChooseOutput(c) => {
                cmd = match c.show(ui) {
                    Some(true) => Some(Command::WriteChosen),
                    Some(false) => Some(Command::Close),
                    None => None,
                };
            }
            Modal::PortalRefresh(q) => {
                cmd = match q.show(ui) {
                    Some(true) => Some(Command::TakePortal),
                    Some(false) => Some(Command::Close),
                    None => None,
                };
            }
            Modal::ReplaceZip { files, output } => {
                ui.heading("Ghi đè tệp đã có?");
                ui.label(format!(
                    "Đã có tệp {}. Ghi đè bằng {} bản rà soát đang chọn?",
                    output.display(),
                    files.len()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Ghi đè").clicked() {
                        cmd = Some(Command::Pack {
                            files: files.clone(),
                            output: output.clone(),
                        });
                    } else if ui.button("Hủy").clicked() {
                        cmd = Some(Command::Close);
                    }
                });
            }
            Modal::Overwrite(pending) => {
                ui.heading("Ghi đè tệp đã có?");
                ui.label(format!(
                    "Đã có báo cáo {}. Ghi đè bằng báo cáo mới?",
                    pending.output().display()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Ghi đè").clicked() {
                        cmd = Some(Command::Write(pending.clone()));
                    } else if ui.button("Hủy").clicked() {
                        cmd = Some(Command::Close);
                    }
                });
            }
        }
        cmd
    }

    /// Shows the open question, if any; the chosen command runs after it is drawn.
    pub(super) fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(mut modal) = self.modal.take() else {
            self.modal_settle = None;
            self.modal_frames = 0;
            self.modal_kind = None;
            return;
        };
        let mut cmd = None;
        // Esc in a text field only leaves the field (as everywhere); otherwise it closes. egui
        // drops the focus when Esc arrives, so the field's focus is the last frame's.
        let typing = self.modal_field_focused;
        // Shown only once its size has settled (grids and wrapped text take a frame or two to
        // measure): until then it is laid out unseen, so nothing moves under the pointer.
        let kind = std::mem::discriminant(&modal);
        if self.modal_kind != Some(kind) {
            // Another question: measured anew.
            self.modal_kind = Some(kind);
            self.modal_settle = None;
            self.modal_frames = 0;
        }
        // Once shown, it stays shown while it is open (its content may change size then).
        let settled = self.modal_settle.is_some_and(|(_, n)| n >= 1);
        let shown = egui::Modal::new(egui::Id::unique("modal")).show(ctx, |ui| {
            if !settled {
                ui.set_invisible();
            }
            let c = self.modal_body(ui, &mut modal);
            if settled {
                cmd = c;
            }
        });
        let rect = shown.response.rect;
        self.modal_settle = match self.modal_settle {
            Some((_, n)) if n >= 1 => Some((rect, n + 1)),
            Some((last, n)) if last == rect => Some((rect, n + 1)),
            // At most a few frames unseen, whatever happens.
            Some((_, n)) if n == 0 && self.modal_frames >= 6 => Some((rect, 1)),
            _ => Some((rect, 0)),
        };
        self.modal_frames += 1;
        if !settled {
            ctx.request_repaint();
        }
        self.modal_field_focused = ctx.egui_wants_keyboard_input();
        // Esc answers every question as its «Hủy» / «Đóng» / «Để sau» does.
        if cmd.is_none() && !typing && ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            cmd = Some(Command::Close);
        }
        match cmd {
            None => self.modal = Some(modal),
            Some(Command::Receive) => {
                if let Modal::Receive(st) = modal {
                    self.receive(*st);
                }
            }
            Some(Command::WriteChosen) => {
                if let Modal::ChooseOutput(c) = modal {
                    self.output_chosen(*c);
                }
            }
            Some(Command::TakePortal) => {
                if let Modal::PortalRefresh(q) = modal {
                    self.take_portal_changes(*q);
                }
            }
            Some(Command::ImportPlan) => {
                if let Modal::ImportPlan(form) = modal {
                    self.write_imported_plan(*form);
                }
            }
            Some(c) => self.run(ctx, c),
        }
    }
}
