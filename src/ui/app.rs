//! The application: home list or one review, the questions that protect unsaved work, saving,
//! the recovery file, undo shortcuts. Views emit actions; they are applied after the UI pass.

use super::dialogs::FileDialogs;
use super::editor::{Action, EditorState};
use super::home::{HomeAction, HomeState};
use super::report_job::CompileJob;
use super::settings_form::SettingsForm;
use crate::model::Review;
use crate::preflight::{Finding, Severity, has_errors, report_findings, review_findings};
use crate::progress::Step;
use crate::report::{ReportSettings, review_pdf};
use crate::storage::{
    Recovered, find_recoveries, free_name, load_review, migrate_app_files, move_to_trash,
    recovery_path, remember_recent, remove_recovery, save_review, settings_path, slug,
    write_recovery,
};
use crate::templates::Templates;
use egui::{Key, KeyboardShortcut, Modifiers, ViewportCommand};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// What to do once the unsaved-changes question is answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Then {
    Close,
    Home,
    Open(PathBuf),
    New,
}

/// The report the checks before a report were run for.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportKind {
    /// The compiled report of these files.
    Compile(Vec<PathBuf>),
    /// The open review's own report.
    Export,
}

pub enum Modal {
    Unsaved(Then),
    ConfirmDelete(PathBuf),
    Recover(Vec<Recovered>),
    Message(String),
    /// What the checks before a report found; the user fixes, or goes on past warnings.
    Preflight(ReportKind, Vec<Finding>),
}

pub struct App {
    pub templates: Templates,
    pub dir: PathBuf,
    pub home: HomeState,
    pub editor: Option<Box<EditorState>>,
    pub dialogs: Box<dyn FileDialogs>,
    pub modal: Option<Modal>,
    /// The last thing that happened, shown in the status line.
    pub status: String,
    pub recovery_every: Duration,
    last_recovery: Instant,
    close_allowed: bool,
    title: String,
    pub settings: ReportSettings,
    /// A compiled report being made on a worker thread.
    pub job: Option<CompileJob>,
    /// The report settings page, when open.
    pub settings_form: Option<Box<SettingsForm>>,
}

/// A new review from the templates: the latest hourly income preset, everything else empty.
pub fn new_review(t: &Templates) -> Review {
    let mut r = Review::default();
    if let Some(p) = t.presets.incomes.iter().max_by_key(|p| p.year) {
        p.apply(&mut r.cost);
    }
    r
}

fn new_key() -> String {
    let n = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    format!("moi-{n}")
}

fn key_for(path: &Path) -> String {
    path.file_stem()
        .map_or_else(new_key, |s| s.to_string_lossy().into_owned())
}

impl App {
    pub fn new(templates: Templates, dir: PathBuf, dialogs: Box<dyn FileDialogs>) -> Self {
        let moved = migrate_app_files(&dir);
        let mut home = HomeState::default();
        home.reload(&templates, &dir);
        let recoveries = find_recoveries(&dir);
        let settings_path = settings_path(&dir);
        let (settings, settings_error) = if settings_path.exists() {
            match ReportSettings::load(&settings_path) {
                Ok(s) => (s, None),
                Err(e) => (
                    ReportSettings::default(),
                    Some(format!(
                        "{e}\nĐang dùng thiết lập báo cáo mặc định; tệp không bị thay đổi."
                    )),
                ),
            }
        } else {
            (ReportSettings::default(), None)
        };
        let modal = match (recoveries.is_empty(), settings_error) {
            (false, _) => Some(Modal::Recover(recoveries)),
            (true, Some(e)) => Some(Modal::Message(e)),
            (true, None) => None,
        };
        App {
            settings,
            job: None,
            settings_form: None,
            templates,
            home,
            editor: None,
            dialogs,
            modal,
            status: if moved.is_empty() {
                String::new()
            } else {
                format!(
                    "Đã chuyển tệp của chương trình vào thư mục riêng: {}",
                    moved
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            },
            recovery_every: Duration::from_secs(30),
            last_recovery: Instant::now(),
            close_allowed: false,
            title: String::new(),
            dir,
        }
    }

    /// Whether the window may close now (nothing unsaved, or the user said so).
    pub fn close_allowed(&self) -> bool {
        self.close_allowed
    }

    pub fn is_dirty(&self) -> bool {
        self.editor.as_ref().is_some_and(|e| e.dirty)
    }

    fn recovery_file(&self) -> Option<PathBuf> {
        self.editor
            .as_ref()
            .map(|e| recovery_path(&self.dir, &e.recovery_key))
    }

    /// Leaving an editor with nothing unsaved: edits undone back to the saved state may have left
    /// a recovery copy behind, which must not be offered at the next start.
    fn leave_clean_editor(&mut self) {
        if let Some(p) = self.recovery_file() {
            remove_recovery(&p);
        }
    }

    /// Opens a review file (asks first if the current one has unsaved changes).
    pub fn open_path(&mut self, path: PathBuf) {
        if self.is_dirty() {
            self.modal = Some(Modal::Unsaved(Then::Open(path)));
            return;
        }
        self.leave_clean_editor();
        match load_review(&path) {
            Ok(review) => {
                let _ = remember_recent(&self.dir, &path);
                let key = key_for(&path);
                self.editor = Some(Box::new(EditorState::new(
                    &self.templates,
                    Some(path),
                    review.clone(),
                    review,
                    key,
                )));
                self.status.clear();
            }
            Err(e) => self.modal = Some(Modal::Message(e.to_string())),
        }
    }

    pub fn new_review(&mut self) {
        if self.is_dirty() {
            self.modal = Some(Modal::Unsaved(Then::New));
            return;
        }
        self.leave_clean_editor();
        let r = new_review(&self.templates);
        self.editor = Some(Box::new(EditorState::new(
            &self.templates,
            None,
            r.clone(),
            r,
            new_key(),
        )));
    }

    /// Saves the open review; asks for a file name when it has none (or `as_new`).
    pub fn save(&mut self, as_new: bool) -> bool {
        let Some(ed) = self.editor.as_mut() else {
            return false;
        };
        let path = match (&ed.path, as_new) {
            (Some(p), false) => p.clone(),
            _ => {
                let base = if ed.review.tthc.name.is_empty() {
                    ed.review.tthc.code.clone()
                } else {
                    ed.review.tthc.name.clone()
                };
                let suggested = free_name(&self.dir, &slug(&base));
                let name = suggested
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                match self.dialogs.save_review(&self.dir, &name) {
                    Some(p) => p,
                    None => return false,
                }
            }
        };
        match save_review(&path, &ed.review) {
            Ok(()) => {
                remove_recovery(&recovery_path(&self.dir, &ed.recovery_key));
                let _ = remember_recent(&self.dir, &path);
                self.status = format!("Đã lưu {}", path.display());
                ed.mark_saved(path);
                self.home.reload(&self.templates, &self.dir);
                true
            }
            Err(e) => {
                self.modal = Some(Modal::Message(e.to_string()));
                false
            }
        }
    }

    /// Runs the checks before the open review's report; shows them, or exports when clean.
    pub fn request_export(&mut self) {
        let Some(ed) = self.editor.as_ref() else {
            return;
        };
        let findings = review_findings(&self.templates, &ed.review);
        if findings.is_empty() {
            self.export_pdf();
        } else {
            self.modal = Some(Modal::Preflight(ReportKind::Export, findings));
        }
    }

    /// Exports the open review's chosen option as a PDF, where the dialog says.
    pub fn export_pdf(&mut self) {
        let Some(ed) = self.editor.as_ref() else {
            return;
        };
        let pdf = match review_pdf(&self.templates, &ed.review) {
            Ok(p) => p,
            Err(e) => {
                self.modal = Some(Modal::Message(format!("Không xuất được báo cáo: {e}")));
                return;
            }
        };
        let name = format!("{}.pdf", slug(&ed.display_name()));
        let Some(path) = self.dialogs.save_pdf(&self.dir, &name) else {
            return;
        };
        match crate::storage::replace_file(&path, &pdf) {
            Ok(()) => self.status = format!("Đã xuất {}", path.display()),
            Err(e) => {
                self.modal = Some(Modal::Message(format!(
                    "{}: không ghi được ({e})",
                    path.display()
                )))
            }
        }
    }

    /// Runs the checks before the compiled report of the marked rows (or all rows); shows them,
    /// or goes on to the report when there is nothing to say.
    pub fn request_compile(&mut self) {
        if self.job.is_some() {
            return;
        }
        let files: Vec<PathBuf> = self.home.report_rows().map(|r| r.path.clone()).collect();
        if files.is_empty() {
            self.modal = Some(Modal::Message(
                "Chưa có bản rà soát nào để lập báo cáo.".to_string(),
            ));
            return;
        }
        let items: Vec<_> = files
            .iter()
            .map(|p| (p.clone(), load_review(p).map_err(|e| e.to_string())))
            .collect();
        let findings = report_findings(&self.templates, &items);
        if findings.is_empty() {
            self.start_compile(files);
        } else {
            self.modal = Some(Modal::Preflight(ReportKind::Compile(files), findings));
        }
    }

    /// Asks where to write, then compiles `files` on a worker thread.
    pub fn start_compile(&mut self, files: Vec<PathBuf>) {
        if self.job.is_some() {
            return;
        }
        let Some(output) = self.dialogs.save_pdf(&self.dir, "bao-cao-tong-hop.pdf") else {
            return;
        };
        self.job = Some(CompileJob::start(
            self.templates.clone(),
            self.settings.clone(),
            files,
            output,
        ));
    }

    fn poll_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.job else { return };
        match job.poll() {
            Some(Ok(msg)) => {
                self.status = format!("Đã lập báo cáo {}", job.output.display());
                self.job = None;
                self.modal = Some(Modal::Message(msg));
            }
            Some(Err(e)) => {
                self.job = None;
                self.modal = Some(Modal::Message(format!("Không lập được báo cáo: {e}")));
            }
            None => ctx.request_repaint_after(Duration::from_millis(100)),
        }
    }

    fn save_settings(&mut self, s: ReportSettings) -> Result<(), String> {
        let path = settings_path(&self.dir);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("{}: không tạo được thư mục ({e})", parent.display()))?;
        }
        crate::storage::write_atomic(&path, s.to_ron().as_bytes())
            .map_err(|e| format!("{}: không lưu được ({e})", path.display()))?;
        self.settings = s;
        self.status = format!("Đã lưu thiết lập báo cáo vào {}", path.display());
        Ok(())
    }

    fn discard(&mut self) {
        if let Some(p) = self.recovery_file() {
            remove_recovery(&p);
        }
        if let Some(ed) = self.editor.as_mut() {
            // The saved copy is what remains: nothing unsaved is left to ask about.
            ed.review = ed.saved.clone();
            ed.dirty = false;
        }
    }

    fn go_home(&mut self) {
        if self.is_dirty() {
            self.modal = Some(Modal::Unsaved(Then::Home));
        } else {
            self.leave_clean_editor();
            self.editor = None;
            self.home.reload(&self.templates, &self.dir);
        }
    }

    fn then(&mut self, ctx: &egui::Context, then: Then) {
        match then {
            Then::Close => {
                self.close_allowed = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Then::Home => {
                self.editor = None;
                self.home.reload(&self.templates, &self.dir);
            }
            Then::Open(p) => {
                self.editor = None;
                self.open_path(p);
            }
            Then::New => {
                self.editor = None;
                self.new_review();
            }
        }
    }

    /// Writes the working copy to the recovery file when it has unsaved changes.
    pub fn write_recovery_now(&mut self) {
        let Some(ed) = self.editor.as_ref() else {
            return;
        };
        if !ed.dirty {
            return;
        }
        let path = recovery_path(&self.dir, &ed.recovery_key);
        if let Err(e) = write_recovery(&path, ed.path.as_deref(), &ed.review) {
            self.status = format!("Không ghi được bản khôi phục: {e}");
        }
        self.last_recovery = Instant::now();
    }

    fn restore(&mut self, rec: Recovered) {
        let saved = rec
            .original
            .as_ref()
            .and_then(|p| load_review(p).ok())
            .unwrap_or_default();
        let key = rec
            .recovery_file
            .file_stem()
            .map_or_else(new_key, |s| s.to_string_lossy().into_owned());
        self.editor = Some(Box::new(EditorState::new(
            &self.templates,
            rec.original,
            rec.review,
            saved,
            key,
        )));
        self.status = "Đã khôi phục bản làm việc chưa lưu".to_string();
    }

    /// Opens `file` (or stays in the open review) at `step`, where a finding is fixed.
    pub fn goto(&mut self, file: Option<PathBuf>, step: Step) {
        if let Some(f) = file {
            let open_already = self
                .editor
                .as_ref()
                .and_then(|e| e.path.as_ref())
                .is_some_and(|p| crate::storage::same_file(p, &f));
            if !open_already {
                self.open_path(f);
                if self.modal.is_some() {
                    // Unsaved changes were asked about, or the file did not open.
                    return;
                }
            }
        }
        if let Some(ed) = self.editor.as_mut() {
            ed.step = step;
            ed.undo.break_step();
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) -> Vec<Action> {
        let mut out = Vec::new();
        if self.editor.is_none() || self.modal.is_some() {
            return out;
        }
        ctx.input_mut(|i| {
            let redo = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
            let redo_y = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
            let undo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
            let save = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
            // Longest first: Ctrl+Shift+Z must not be taken as Ctrl+Z.
            if i.consume_shortcut(&redo) || i.consume_shortcut(&redo_y) {
                out.push(Action::Redo);
            }
            if i.consume_shortcut(&undo) {
                out.push(Action::Undo);
            }
            if i.consume_shortcut(&save) {
                out.push(Action::Save);
            }
        });
        out
    }

    fn toolbar(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
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
                    .button("Xuất PDF…")
                    .on_hover_text(
                        "Báo cáo phương án đơn giản hóa (Phụ lục VI) của phương án được chọn",
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
                if ed.dirty {
                    ui.colored_label(ui.visuals().warn_fg_color, "● Chưa lưu");
                } else {
                    ui.weak("Đã lưu");
                }
                let invalid = ed.cells.invalid_count();
                if invalid > 0 {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!("{invalid} ô nhập chưa hợp lệ"),
                    );
                }
            }
        });
        if let Some(job) = &self.job {
            ui.horizontal(|ui| {
                ui.label(format!(
                    "Đang lập báo cáo tổng hợp ({} bản rà soát)…",
                    job.total
                ));
                ui.add(
                    egui::ProgressBar::new(job.fraction())
                        .desired_width(300.0)
                        .show_percentage(),
                );
            });
        }
        if !self.status.is_empty() {
            ui.weak(&self.status);
        }
    }

    /// The report settings page, in place of the home list while it is open.
    fn settings_page(&mut self, ui: &mut egui::Ui) {
        let Some(mut form) = self.settings_form.take() else {
            return;
        };
        let mut keep = true;
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("Thiết lập báo cáo tổng hợp");
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

    fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.take() else {
            return;
        };
        let mut keep = true;
        let mut next: Option<Box<dyn FnOnce(&mut App, &egui::Context)>> = None;
        egui::Modal::new(egui::Id::unique("modal")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            match &modal {
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
                        let then = then.clone();
                        if ui.button("Lưu").clicked() {
                            keep = false;
                            next = Some(Box::new(move |app, ctx| {
                                if app.save(false) {
                                    app.then(ctx, then);
                                }
                            }));
                        } else if ui.button("Không lưu").clicked() {
                            keep = false;
                            next = Some(Box::new(move |app, ctx| {
                                app.discard();
                                app.then(ctx, then);
                            }));
                        } else if ui.button("Hủy").clicked() {
                            keep = false;
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
                            keep = false;
                            let path = path.clone();
                            next = Some(Box::new(move |app, _| {
                                match move_to_trash(&app.dir, &path) {
                                    Ok(p) => {
                                        app.status =
                                            format!("Đã chuyển vào thùng rác: {}", p.display());
                                        app.home.selected = None;
                                        app.home.reload(&app.templates, &app.dir);
                                    }
                                    Err(e) => {
                                        app.modal = Some(Modal::Message(format!(
                                            "{}: không xóa được ({e})",
                                            path.display()
                                        )))
                                    }
                                }
                            }));
                        } else if ui.button("Hủy").clicked() {
                            keep = false;
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
                        let rest = || -> Vec<Recovered> {
                            list.iter()
                                .enumerate()
                                .filter(|(j, _)| *j != k)
                                .map(|(_, r)| r.clone())
                                .collect()
                        };
                        ui.horizontal(|ui| {
                            if ui.button("Khôi phục").clicked() {
                                keep = false;
                                let rec = rec.clone();
                                let rest = rest();
                                next = Some(Box::new(move |app, _| {
                                    app.restore(rec);
                                    if !rest.is_empty() {
                                        app.modal = Some(Modal::Recover(rest));
                                    }
                                }));
                            }
                            if ui.button("Bỏ bản này").clicked() {
                                keep = false;
                                let rec = rec.clone();
                                let rest = rest();
                                next = Some(Box::new(move |app, _| {
                                    remove_recovery(&rec.recovery_file);
                                    if !rest.is_empty() {
                                        app.modal = Some(Modal::Recover(rest));
                                    }
                                }));
                            }
                        });
                    }
                    ui.separator();
                    if ui.button("Để sau").clicked() {
                        keep = false;
                    }
                }
                Modal::Message(text) => {
                    ui.heading("Thông báo");
                    ui.label(text);
                    if ui.button("Đóng").clicked() {
                        keep = false;
                    }
                }
                Modal::Preflight(kind, findings) => {
                    let errors = crate::preflight::count(findings, Severity::Error);
                    let warnings = crate::preflight::count(findings, Severity::Warning);
                    ui.heading("Kiểm tra trước khi lập báo cáo");
                    if errors > 0 {
                        ui.colored_label(
                            ui.visuals().error_fg_color,
                            format!("{errors} lỗi làm sai số liệu của báo cáo: phải sửa trước khi lập. {warnings} cảnh báo."),
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
                                        Severity::Error => ui.colored_label(
                                            ui.visuals().error_fg_color,
                                            "LỖI",
                                        ),
                                        Severity::Warning => ui.colored_label(
                                            ui.visuals().warn_fg_color,
                                            "CẢNH BÁO",
                                        ),
                                    };
                                    if let Some(p) = &f.file {
                                        ui.strong(
                                            p.file_name()
                                                .unwrap_or_default()
                                                .to_string_lossy()
                                                .into_owned(),
                                        )
                                        .on_hover_text(p.display().to_string());
                                    }
                                    ui.label(&f.message);
                                    if let Some(step) = f.step
                                        && ui
                                            .small_button("Đến chỗ sửa")
                                            .on_hover_text("Mở bản rà soát ở bước cần sửa")
                                            .clicked()
                                    {
                                        keep = false;
                                        let file = f.file.clone();
                                        next = Some(Box::new(move |app, _| app.goto(file, step)));
                                    }
                                });
                            }
                        });
                    ui.separator();
                    ui.horizontal(|ui| {
                        let go = ui.add_enabled(
                            !has_errors(findings),
                            egui::Button::new("Vẫn lập báo cáo"),
                        );
                        if go.clicked() {
                            keep = false;
                            let kind = kind.clone();
                            next = Some(Box::new(move |app, _| match kind {
                                ReportKind::Compile(files) => app.start_compile(files),
                                ReportKind::Export => app.export_pdf(),
                            }));
                        }
                        if ui.button("Đóng").clicked() {
                            keep = false;
                        }
                    });
                }
            }
        });
        if keep {
            self.modal = Some(modal);
        }
        if let Some(f) = next {
            f(self, ctx);
        }
    }

    fn apply_home(&mut self, actions: Vec<HomeAction>) {
        for a in actions {
            match a {
                HomeAction::New => self.new_review(),
                HomeAction::Open => {
                    if let Some(p) = self.dialogs.open_review(&self.dir) {
                        self.open_path(p);
                    }
                }
                HomeAction::OpenPath(p) => self.open_path(p),
                HomeAction::Duplicate(p) => match load_review(&p) {
                    Ok(mut r) => {
                        // A draft variant: another name, no code, never counted by accident.
                        r.tthc.name = format!("{} (bản sao)", r.tthc.name.trim());
                        r.tthc.code.clear();
                        r.draft = true;
                        let stem = p
                            .file_stem()
                            .unwrap_or_default()
                            .to_string_lossy()
                            .into_owned();
                        let target = free_name(&self.dir, &format!("{stem}-ban-sao"));
                        match save_review(&target, &r) {
                            Ok(()) => {
                                self.status = format!("Đã nhân bản thành {}", target.display());
                                self.home.reload(&self.templates, &self.dir);
                            }
                            Err(e) => self.modal = Some(Modal::Message(e.to_string())),
                        }
                    }
                    Err(e) => self.modal = Some(Modal::Message(e.to_string())),
                },
                HomeAction::Delete(p) => self.modal = Some(Modal::ConfirmDelete(p)),
                HomeAction::Refresh => self.home.reload(&self.templates, &self.dir),
                HomeAction::Compile => self.request_compile(),
                HomeAction::Settings => {
                    self.settings_form = Some(Box::new(SettingsForm::new(self.settings.clone())))
                }
            }
        }
    }

    fn apply_editor(&mut self, actions: Vec<Action>) {
        for a in actions {
            match a {
                Action::Save => {
                    self.save(false);
                }
                Action::SaveAs => {
                    self.save(true);
                }
                Action::Home => self.go_home(),
                Action::ExportPdf => self.request_export(),
                _ => {
                    let Some(ed) = self.editor.as_mut() else {
                        continue;
                    };
                    let t = &self.templates;
                    match a {
                        Action::Edit(f) => ed.apply_edit(t, f),
                        Action::Goto(s) => {
                            ed.step = s;
                            ed.undo.break_step();
                        }
                        Action::SelectOption(i) => ed.option = i,
                        Action::Undo => ed.undo(t),
                        Action::Redo => ed.redo(t),
                        Action::Save | Action::SaveAs | Action::Home | Action::ExportPdf => {}
                    }
                }
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.editor {
            Some(ed) => format!(
                "{}{} — Rà soát TTHC",
                if ed.dirty { "● " } else { "" },
                ed.display_name()
            ),
            None => "Rà soát thủ tục hành chính".to_string(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    pub fn title(&self) -> &str {
        &self.title
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_allowed {
            if self.is_dirty() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved(Then::Close));
            } else if let Some(p) = self.recovery_file() {
                remove_recovery(&p);
            }
        }
        let mut actions = self.shortcuts(&ctx);
        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.add_space(4.0);
            self.toolbar(ui, &mut actions);
            ui.add_space(2.0);
        });
        let mut home_actions = Vec::new();
        match self.editor.as_mut() {
            Some(ed) => ed.show(ui, &self.templates, &mut actions),
            None if self.settings_form.is_some() => self.settings_page(ui),
            None => {
                egui::CentralPanel::default()
                    .show(ui, |ui| self.home.show(ui, &self.dir, &mut home_actions));
            }
        }
        self.modal_ui(&ctx);
        self.poll_job(&ctx);
        // After the UI pass: inline edits become undo steps, then emitted actions apply.
        if let Some(ed) = self.editor.as_mut() {
            let focused = ctx.memory(|m| m.focused());
            ed.end_frame(&self.templates, focused);
        }
        self.apply_editor(actions);
        self.apply_home(home_actions);
        if self.is_dirty() {
            if self.last_recovery.elapsed() >= self.recovery_every {
                self.write_recovery_now();
            }
            ctx.request_repaint_after(self.recovery_every);
        } else {
            self.last_recovery = Instant::now();
        }
        self.update_title(&ctx);
    }
}
