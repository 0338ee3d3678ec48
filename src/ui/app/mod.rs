//! The application: the home list or one review. Views emit actions during the frame; after the
//! UI pass they are applied here, and every question's answer is a [`Command`] applied in
//! `commands.rs`. Files (open, save, conflicts, recovery, reports) are in `files.rs`, the
//! questions in `modal.rs`, the toolbar in `toolbar.rs`.

mod commands;
mod exchange;
mod files;
mod modal;
mod output_choice;
mod plan;
mod portal;
mod toolbar;

pub use commands::{Command, Pending, ReportKind};
pub use exchange::ReceiveState;
pub use modal::Modal;

use super::dialogs::FileDialogs;
use super::editor::{Action, EditorState};
use super::home::{HomeAction, HomeState};
use super::report_job::{CompileJob, JobError};
use super::settings_form::SettingsForm;
use crate::model::Review;
use crate::report::ReportSettings;
use crate::storage::{
    find_recoveries, free_name, load_review, migrate_app_files, remove_recovery, save_review,
    settings_path,
};
use crate::templates::Templates;
use egui::{Key, KeyboardShortcut, Modifiers, ViewportCommand};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What to do once the unsaved-changes question is answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Then {
    Close,
    Home,
    Open(PathBuf),
    New,
}

pub struct App {
    pub templates: Templates,
    pub dir: PathBuf,
    pub home: HomeState,
    pub editor: Option<Box<EditorState>>,
    pub dialogs: Box<dyn FileDialogs>,
    pub modal: Option<Modal>,
    /// A text field of the open question had the keyboard at the end of the last frame (Esc
    /// then leaves the field rather than closing the question).
    modal_field_focused: bool,
    /// The open question's rectangle last frame and how many frames it has kept it.
    modal_settle: Option<(egui::Rect, u32)>,
    /// Frames the open question has been laid out.
    modal_frames: u32,
    /// Which question is open (a different one is measured anew).
    modal_kind: Option<std::mem::Discriminant<Modal>>,
    /// The last thing that happened, shown in the status line.
    pub status: String,
    pub recovery_every: Duration,
    last_recovery: Instant,
    close_allowed: bool,
    title: String,
    pub settings: ReportSettings,
    /// A compiled report being made on a worker thread.
    pub job: Option<CompileJob>,
    /// What a room sent, being read on a worker thread.
    pub receiving: Option<super::receive_job::ReceiveJob>,
    /// The window's context, for workers to wake it (a repaint asked from the UI thread alone
    /// is not always honoured while the window is idle under X11).
    pub(crate) ctx: Option<egui::Context>,
    /// The report settings page, when open.
    pub settings_form: Option<Box<SettingsForm>>,
    /// The last report written, offered to open (to print it) or to show in its folder.
    pub last_output: Option<PathBuf>,
    /// Tab and Enter that end a word the input method is composing.
    ime_keys: crate::ui::ime_keys::ImeKeys,
    key_releases: crate::ui::key_releases::KeyReleases,
}

/// A new review from the templates: the latest hourly income preset, everything else empty.
pub fn new_review(t: &Templates) -> Review {
    let mut r = Review::default();
    if let Some(p) = t.presets.incomes.iter().max_by_key(|p| p.year) {
        p.apply(&mut r.cost);
    }
    r
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
            last_output: None,
            ime_keys: Default::default(),
            key_releases: Default::default(),
            job: None,
            receiving: None,
            ctx: None,
            settings_form: None,
            templates,
            home,
            editor: None,
            dialogs,
            modal,
            modal_field_focused: false,
            modal_settle: None,
            modal_frames: 0,
            modal_kind: None,
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

    /// Unsaved changes, or a quality comment typed and not yet added.
    pub fn is_dirty(&self) -> bool {
        self.editor
            .as_ref()
            .is_some_and(|e| e.dirty || e.has_comment_draft())
    }

    fn poll_job(&mut self, ctx: &egui::Context) {
        self.poll_receiving(ctx);
        let Some(job) = &self.job else { return };
        // A finished report waits while a question is open: its message never replaces one.
        if self.modal.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
            return;
        }
        match job.poll() {
            Some(Ok(msg)) => {
                self.status = format!("Đã lập báo cáo {}", job.output.display());
                self.last_output = Some(job.output.clone());
                self.job = None;
                self.modal = Some(Modal::Message(msg));
            }
            Some(Err(JobError::Blocked(findings))) => {
                // The files changed since the checks were shown: the errors again, each with
                // «Đến chỗ sửa».
                let files = job.files.clone();
                self.job = None;
                self.status = "Chưa lập báo cáo: các tệp có lỗi phải sửa.".to_string();
                self.modal = Some(Modal::Preflight(ReportKind::Compile(files), findings));
            }
            Some(Err(JobError::Failed(e))) => {
                self.job = None;
                self.modal = Some(Modal::Message(format!("Không lập được báo cáo: {e}")));
            }
            None => ctx.request_repaint_after(Duration::from_millis(100)),
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

    fn apply_home(&mut self, actions: Vec<HomeAction>) {
        for a in actions {
            match a {
                HomeAction::New => self.new_review(),
                HomeAction::Open => match self.dialogs.open_review(&self.dir) {
                    Some(p) => self.open_path(p),
                    None if self.dialogs.unavailable() => self.message(format!(
                        "Không mở được hộp thoại chọn tệp trên máy này. Hãy chép tệp .ron vào thư mục {} rồi bấm «Tải lại».",
                        self.dir.display()
                    )),
                    None => {}
                },
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
                HomeAction::Receive { folder } => self.request_receive(folder),
                HomeAction::Send => self.request_send(),
                HomeAction::Plan(a) => self.plan_action(a),
                HomeAction::ImportPortal => {
                    if let Some(p) = self.dialogs.open_portal(&self.dir) {
                        self.portal_file(p);
                    } else if self.dialogs.unavailable() {
                        self.message("Không mở được hộp thoại chọn tệp trên máy này: có thể kéo thả tệp vào cửa sổ, hoặc dùng dòng lệnh «tthc-review import-tthc TỆP.doc -o MỚI.ron».");
                    }
                }
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
                Action::BaselineFromFile => self.baseline_from_file(),
                Action::RefreshFromPortal => {
                    if let Some(p) = self.dialogs.open_portal(&self.dir) {
                        self.portal_file(p);
                    }
                }
                _ => {
                    let Some(ed) = self.editor.as_mut() else {
                        continue;
                    };
                    let t = &self.templates;
                    match a {
                        Action::Edit(e) => ed.apply_edit(t, &e),
                        Action::Goto(s) => {
                            ed.step = s;
                            ed.undo.break_step();
                        }
                        Action::SelectOption(i) => ed.option = i,
                        Action::Undo => ed.undo(t),
                        Action::Redo => ed.redo(t),
                        Action::Save
                        | Action::SaveAs
                        | Action::Home
                        | Action::ExportPdf
                        | Action::BaselineFromFile
                        | Action::RefreshFromPortal => {}
                    }
                }
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.editor {
            Some(ed) => format!(
                "{}{} — Rà soát TTHC",
                if ed.dirty || ed.has_comment_draft() {
                    "● "
                } else {
                    ""
                },
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
    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        crate::ui::fonts::background().to_normalized_gamma_f32()
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw: &mut egui::RawInput) {
        // A Tab or Enter that ends a word being composed lands after the word, as a key.
        if std::env::var_os("TTHC_LOG_INPUT").is_some() {
            eprintln!(
                "FRAME {:.3} {:?}",
                raw.time.unwrap_or_default(),
                ctx.repaint_causes()
            );
            for e in &raw.events {
                match e {
                    egui::Event::Key { key, pressed, .. } => eprintln!("IN key {key:?} {pressed}"),
                    egui::Event::Text(t) => eprintln!("IN text {t:?}"),
                    egui::Event::Ime(i) => eprintln!("IN ime {i:?}"),
                    egui::Event::WindowFocused(f) => eprintln!("IN focused {f}"),
                    _ => {}
                }
            }
        }
        let modifiers = ctx.input(|i| i.modifiers);
        if self.ime_keys.fix(raw, modifiers) {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        self.key_releases.hold(raw);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if self.ctx.is_none() {
            self.ctx = Some(ctx.clone());
        }
        if ctx.input(|i| i.viewport().close_requested()) {
            if self.is_dirty() && !self.close_allowed {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved(Then::Close));
            } else {
                // The window closes: this session's recovery copy and owner file go now.
                if !self.is_dirty()
                    && let Some(p) = self.recovery_file()
                {
                    remove_recovery(&p);
                }
                self.editor = None;
            }
        }
        // A portal file dropped on the window: a new review, or the open one's record refreshed.
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(p) = dropped.into_iter().next()
            && self.modal.is_none()
        {
            self.portal_file(p);
        }
        let mut actions = self.shortcuts(&ctx);
        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.add_space(4.0);
            self.toolbar(ui, &mut actions);
            ui.add_space(2.0);
        });
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
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
