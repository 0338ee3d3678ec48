//! Reviews on a shared folder: opening with an owner file ("in use by"), saving only over what was
//! read ("changed since you opened it"), the recovery copies, leaving a review, and writing
//! reports without ever replacing a review or another file.

use super::commands::{Pending, ReportKind};
use super::output_choice::OutputChoice;
use super::{App, Modal, Then, new_review};
use crate::model::Review;
use crate::preflight::{report_findings, review_findings};
use crate::progress::Step;
use crate::report::{Format, ReportSettings, review_report};
use crate::storage::lock::{self, LockError};
use crate::storage::{
    DiskState, OutputRefusal, Recovered, Stamp, check_output, disk_state, file_time_text, fnv64,
    free_name, identity, load_review, load_review_stamped, recovery_path, remember_recent,
    remove_recovery, replace_file, same_file, save_review_stamped, settings_path, slug,
    write_recovery,
};
use crate::ui::editor::EditorState;
use crate::ui::report_job::CompileJob;
use egui::ViewportCommand;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// The recovery file of one editing session: named after the review's file and a hash of its
/// canonical path (two "a.ron" in two folders never share one), plus the session, so a copy left
/// by an earlier crash is never overwritten or removed by a later session on the same file.
fn recovery_key(path: Option<&Path>) -> String {
    static N: AtomicU64 = AtomicU64::new(0);
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let session = format!("{ms}-{}", N.fetch_add(1, Ordering::Relaxed));
    match path {
        Some(p) => {
            let id = identity(p);
            let stem = slug(&p.file_stem().unwrap_or_default().to_string_lossy());
            let hash = fnv64(id.to_string_lossy().as_bytes());
            format!("{stem}-{:08x}-{session}", hash as u32)
        }
        None => format!("moi-{session}"),
    }
}

/// A name beside `path` for the other person's version: `<stem>.ban-khac-<date-time>.ron`.
fn dated_copy(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let dir = path.parent().unwrap_or(Path::new("."));
    free_name(
        dir,
        &format!("{stem}.ban-khac-{}", file_time_text(SystemTime::now())),
    )
}

impl App {
    /// The baseline of the open review copied from an earlier review of the same TTHC.
    pub(super) fn baseline_from_file(&mut self) {
        let Some(path) = self.dialogs.open_review(&self.dir) else {
            if self.dialogs.unavailable() {
                self.message("Không mở được hộp thoại chọn tệp trên máy này: hãy «Nhập tay» số liệu năm gốc.");
            }
            return;
        };
        let earlier = match load_review(&path) {
            Ok(r) => r,
            Err(e) => return self.message(e.to_string()),
        };
        let year = self.templates.targets.baseline_year as u16;
        let Some(ed) = self.editor.as_mut() else {
            return;
        };
        match crate::measures::baseline_from_review(
            &earlier,
            &crate::storage::file_name(&path),
            year,
        ) {
            Ok(b) => {
                ed.review.baseline = Some(b);
                ed.changed = true;
                self.status = format!(
                    "Đã chép số liệu năm gốc từ {}",
                    crate::storage::file_name(&path)
                );
            }
            Err(e) => self.message(format!(
                "{}: không tính được chi phí của bản rà soát này ({e})",
                path.display()
            )),
        }
    }

    pub fn message(&mut self, text: impl Into<String>) {
        self.modal = Some(Modal::Message(text.into()));
    }

    pub(super) fn recovery_file(&self) -> Option<PathBuf> {
        self.editor
            .as_ref()
            .map(|e| recovery_path(&self.dir, &e.recovery_key))
    }

    /// Leaving an editor with nothing unsaved: edits undone back to the saved state may have left
    /// this session's recovery copy behind, which must not be offered at the next start. Copies
    /// of other sessions are never touched.
    pub(super) fn leave_clean_editor(&mut self) {
        if let Some(p) = self.recovery_file() {
            remove_recovery(&p);
        }
    }

    pub(super) fn editor(
        &self,
        path: Option<PathBuf>,
        review: Review,
        saved: Review,
    ) -> Box<EditorState> {
        let key = recovery_key(path.as_deref());
        let mut ed = Box::new(EditorState::new(&self.templates, path, review, saved, key));
        ed.plan_year = self.plan_year();
        ed
    }

    /// The year of the plan on the plan page, else of the folder's plan files.
    pub(super) fn plan_year(&self) -> Option<i32> {
        match &self.home.plan {
            Some(Ok(page)) => Some(page.plan.year),
            _ => crate::plan::Plan::year_in(&self.dir),
        }
    }

    /// Opens a review file for editing (asks first if the current one has unsaved changes).
    /// Someone else's owner file beside it is reported, and the user chooses what to do.
    pub fn open_path(&mut self, path: PathBuf) {
        if self.is_dirty() {
            self.modal = Some(Modal::Unsaved(Then::Open(path)));
            return;
        }
        let (review, stamp) = match load_review_stamped(&path) {
            Ok(x) => x,
            Err(e) => return self.message(e.to_string()),
        };
        match lock::acquire(&path) {
            Ok(l) => self.open_loaded(path, review, stamp, Some(l)),
            Err(LockError::Held(owner)) => self.modal = Some(Modal::InUse { path, owner }),
            Err(LockError::Io(e)) => {
                self.open_loaded(path.clone(), review, stamp, None);
                self.status = format!(
                    "Không tạo được tệp khóa bên cạnh {} ({e}): người khác mở tệp này sẽ không được báo là bạn đang sửa.",
                    path.display()
                );
            }
        }
    }

    fn open_loaded(&mut self, path: PathBuf, review: Review, stamp: Stamp, l: Option<lock::Lock>) {
        self.leave_clean_editor();
        let _ = remember_recent(&self.dir, &path);
        let mut ed = self.editor(Some(path), review.clone(), review);
        ed.disk = Some(stamp);
        ed.lock = l;
        self.editor = Some(ed);
        self.status.clear();
    }

    /// Opens someone else's open review to look at: saving makes a new file.
    pub(super) fn open_read_only(&mut self, path: PathBuf) {
        let who = lock::owner_of(&path).map_or_else(|| "người khác".to_string(), |o| o.describe());
        match load_review_stamped(&path) {
            Ok((review, stamp)) => {
                self.open_loaded(path, review, stamp, None);
                if let Some(ed) = self.editor.as_mut() {
                    ed.read_only = Some(who);
                }
            }
            Err(e) => self.message(e.to_string()),
        }
    }

    /// Opens someone else's open review as a new, unsaved review of the same content.
    pub(super) fn open_copy(&mut self, path: PathBuf) {
        match load_review(&path) {
            Ok(review) => {
                self.leave_clean_editor();
                self.editor = Some(self.editor(None, review, Review::default()));
                self.status = format!("Bản sao của {}: «Lưu» sẽ hỏi tên tệp mới.", path.display());
            }
            Err(e) => self.message(e.to_string()),
        }
    }

    /// Takes over a review whose owner file is stale.
    pub(super) fn take_over(&mut self, path: PathBuf) {
        let (review, stamp) = match load_review_stamped(&path) {
            Ok(x) => x,
            Err(e) => return self.message(e.to_string()),
        };
        match lock::take_over(&path) {
            Ok(l) => self.open_loaded(path, review, stamp, Some(l)),
            Err(e) => self.message(format!(
                "{}: không ghi được tệp khóa ({e})",
                lock::lock_path(&path).display()
            )),
        }
    }

    pub fn new_review(&mut self) {
        if self.is_dirty() {
            self.modal = Some(Modal::Unsaved(Then::New));
            return;
        }
        self.leave_clean_editor();
        let r = new_review(&self.templates);
        self.editor = Some(self.editor(None, r.clone(), r));
    }

    /// Saves the open review. Over its own file only if nobody changed or removed that file
    /// since it was read (else asks); a new, read-only or `as_new` review asks for a file name.
    pub fn save(&mut self, as_new: bool) -> bool {
        self.save_with(as_new, false)
    }

    /// [`App::save`]; with invalid cells it first lists them, unless `invalid_ok` (the user
    /// chose to keep a draft with the text as typed).
    pub(super) fn save_with(&mut self, as_new: bool, invalid_ok: bool) -> bool {
        // A quality comment typed but not yet added is saved with the review, not dropped.
        if let Some(ed) = self.editor.as_mut()
            && let Some(c) = ed.take_comment_draft()
        {
            ed.apply_edit(&self.templates, &crate::model::Edit::AddComment(c));
        }
        let Some(ed) = self.editor.as_ref() else {
            return false;
        };
        if !invalid_ok && !ed.derived.invalid.is_empty() {
            self.modal = Some(Modal::InvalidCells(ed.derived.invalid.clone()));
            return false;
        }
        let own = ed
            .path
            .clone()
            .filter(|_| !as_new && ed.read_only.is_none());
        if let Some(path) = own {
            if let Some(known) = &ed.disk {
                match disk_state(&path, known) {
                    DiskState::Unchanged => {}
                    DiskState::Changed => {
                        self.modal = Some(Modal::Conflict(path));
                        return false;
                    }
                    DiskState::Missing => {
                        self.modal = Some(Modal::Missing(path));
                        return false;
                    }
                }
            }
            return self.write_review(path);
        }
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
        let path = match self.dialogs.save_review(&self.dir, &name) {
            Some(p) => p,
            None if self.dialogs.unavailable() => {
                // No dialog could be shown: a free name in the reviews folder, and say so.
                if !self.write_review(suggested.clone()) {
                    return false;
                }
                self.message(format!(
                    "Không mở được hộp thoại chọn tệp trên máy này, nên bản rà soát đã được lưu vào {}.\nCó thể đổi tên hoặc chuyển tệp sau.",
                    suggested.display()
                ));
                return true;
            }
            None => return false,
        };
        let ours = ed.lock.as_ref().map(|l| l.owner().session);
        if let Some(o) = lock::owner_of(&path)
            && Some(o.session) != ours
            && !o.is_stale()
        {
            self.message(format!(
                "{} đang được {} mở để sửa: không lưu đè lên. Hãy chọn tên khác.",
                path.display(),
                o.describe()
            ));
            return false;
        }
        self.write_review(path)
    }

    /// Saves over the open review's own file without looking at what is there now (after the
    /// user said so).
    pub(super) fn save_unchecked(&mut self) -> bool {
        match self.editor.as_ref().and_then(|e| e.path.clone()) {
            Some(p) => self.write_review(p),
            None => self.save(true),
        }
    }

    fn write_review(&mut self, path: PathBuf) -> bool {
        let Some(ed) = self.editor.as_mut() else {
            return false;
        };
        match save_review_stamped(&path, &ed.review) {
            Ok(stamp) => {
                remove_recovery(&recovery_path(&self.dir, &ed.recovery_key));
                let _ = remember_recent(&self.dir, &path);
                let same = ed.path.as_ref().is_some_and(|p| same_file(p, &path));
                if !same || ed.lock.is_none() {
                    // A new file (or one opened read-only): hold it from now on.
                    ed.lock = lock::acquire(&path).ok();
                }
                ed.read_only = None;
                ed.disk = Some(stamp);
                self.status = format!("Đã lưu {}", path.display());
                ed.mark_saved(path);
                self.home.reload(&self.templates, &self.dir);
                true
            }
            Err(e) => {
                self.message(e.to_string());
                false
            }
        }
    }

    /// The file changed on disk: the other version is kept as a dated copy beside it, then this
    /// one is saved.
    pub(super) fn keep_mine(&mut self) {
        let Some(path) = self.editor.as_ref().and_then(|e| e.path.clone()) else {
            return;
        };
        let copy = dated_copy(&path);
        let kept = std::fs::read(&path).and_then(|bytes| replace_file(&copy, &bytes));
        if let Err(e) = kept {
            return self.message(format!(
                "Không giữ được bản trên đĩa thành {} ({e}); chưa lưu gì.",
                copy.display()
            ));
        }
        if self.save_unchecked() {
            self.status = format!(
                "Đã lưu bản của bạn; bản trên đĩa trước đó được giữ thành {}",
                copy.display()
            );
        }
    }

    /// The file changed on disk: open that version. This one goes to the recovery folder, so
    /// it is offered again at the next start and never lost.
    pub(super) fn take_theirs(&mut self) {
        let Some(ed) = self.editor.as_ref() else {
            return;
        };
        let Some(path) = ed.path.clone() else {
            return;
        };
        let (theirs, stamp) = match load_review_stamped(&path) {
            Ok(x) => x,
            Err(e) => return self.message(e.to_string()),
        };
        let mine = recovery_path(&self.dir, &recovery_key(Some(&path)));
        if let Err(e) = write_recovery(&mine, Some(&path), &ed.review) {
            return self.message(format!(
                "Không cất được bản của bạn vào {} ({e}); chưa đổi gì.",
                mine.display()
            ));
        }
        let t = &self.templates;
        if let Some(ed) = self.editor.as_mut() {
            ed.reload(t, theirs);
            ed.disk = Some(stamp);
        }
        self.status = format!(
            "Đã mở bản trên đĩa; bản của bạn được cất ở {} và sẽ được hỏi khôi phục lần mở sau",
            mine.display()
        );
    }

    pub(super) fn discard(&mut self) {
        if let Some(p) = self.recovery_file() {
            remove_recovery(&p);
        }
        if let Some(ed) = self.editor.as_mut() {
            // The saved copy is what remains: nothing unsaved is left to ask about.
            ed.review = ed.saved.clone();
            ed.dirty = false;
            ed.comment.text.clear();
        }
    }

    pub(super) fn go_home(&mut self) {
        if self.is_dirty() {
            self.modal = Some(Modal::Unsaved(Then::Home));
        } else {
            self.leave_clean_editor();
            self.editor = None;
            self.home.reload(&self.templates, &self.dir);
        }
    }

    pub(super) fn then(&mut self, ctx: &egui::Context, then: Then) {
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

    /// Writes the working copy to this session's recovery file when it has unsaved changes.
    pub fn write_recovery_now(&mut self) {
        let Some(ed) = self.editor.as_ref() else {
            return;
        };
        if !ed.dirty && !ed.has_comment_draft() {
            return;
        }
        // A comment being typed is kept too, as a comment of its step.
        let work = match ed.draft_comment() {
            Some(c) => {
                let mut r = ed.review.clone();
                r.comments.push(c);
                std::borrow::Cow::Owned(r)
            }
            None => std::borrow::Cow::Borrowed(&ed.review),
        };
        let path = recovery_path(&self.dir, &ed.recovery_key);
        if let Err(e) = write_recovery(&path, ed.path.as_deref(), &work) {
            self.status = format!("Không ghi được bản khôi phục: {e}");
        }
        self.last_recovery = Instant::now();
    }

    /// Reopens a recovery copy. Its file is removed only once the work is saved, or when the
    /// user discards it.
    pub(super) fn restore(&mut self, rec: Recovered) {
        let loaded = rec
            .original
            .as_ref()
            .and_then(|p| load_review_stamped(p).ok());
        let key = rec
            .recovery_file
            .file_stem()
            .map_or_else(|| recovery_key(None), |s| s.to_string_lossy().into_owned());
        let saved = loaded.as_ref().map(|(r, _)| r.clone()).unwrap_or_default();
        let mut ed = Box::new(EditorState::new(
            &self.templates,
            rec.original.clone(),
            rec.review,
            saved,
            key,
        ));
        ed.plan_year = self.plan_year();
        ed.disk = loaded.map(|(_, s)| s);
        let mut ask_own = None;
        if let Some(p) = &rec.original {
            match lock::acquire(p) {
                Ok(l) => ed.lock = Some(l),
                Err(LockError::Held(o)) => {
                    let (user, host) = lock::this_user();
                    let mine = o.user == user && o.host == host;
                    if mine && o.is_stale() {
                        // The owner file of this PC's own killed run: the work goes back into
                        // its file, editable.
                        match lock::take_over(p) {
                            Ok(l) => ed.lock = Some(l),
                            Err(_) => ed.read_only = Some(o.describe()),
                        }
                    } else {
                        ed.read_only = Some(o.describe());
                        if mine {
                            ask_own = Some((p.clone(), o));
                        }
                    }
                }
                Err(LockError::Io(_)) => {}
            }
        }
        self.editor = Some(ed);
        self.status = "Đã khôi phục bản làm việc chưa lưu".to_string();
        // This user on this PC, a run that may still be open: one clear question.
        if let Some((path, owner)) = ask_own {
            self.modal = Some(Modal::OwnRun { path, owner });
        }
    }

    /// The open (recovered) review taken back from this user's other run: editable again.
    pub(super) fn take_back(&mut self, path: PathBuf) {
        let Some(ed) = self.editor.as_mut() else {
            return;
        };
        match lock::take_over(&path) {
            Ok(l) => {
                ed.lock = Some(l);
                ed.read_only = None;
                self.status = format!("Tiếp tục sửa {}", path.display());
            }
            Err(e) => self.message(format!(
                "{}: không ghi được tệp khóa ({e})",
                lock::lock_path(&path).display()
            )),
        }
    }

    /// Opens `file` (or stays in the open review) at `step`, where a finding is fixed.
    pub fn goto(&mut self, file: Option<PathBuf>, step: Step) {
        if let Some(f) = file {
            let open_already = self
                .editor
                .as_ref()
                .and_then(|e| e.path.as_ref())
                .is_some_and(|p| same_file(p, &f));
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
            ed.scroll_top = true;
            ed.undo.break_step();
        }
    }

    /// Runs the checks before the open review's report; shows them, or goes on when clean.
    pub fn request_export(&mut self) {
        let Some(ed) = self.editor.as_ref() else {
            return;
        };
        let findings = review_findings(&self.templates, &ed.review);
        if findings.is_empty() {
            self.ask_export_output();
        } else {
            self.modal = Some(Modal::Preflight(ReportKind::Export, findings));
        }
    }

    /// Runs the checks before the compiled report of the marked rows (or all rows); shows them,
    /// or goes on when there is nothing to say.
    pub fn request_compile(&mut self) {
        let files: Vec<PathBuf> = self.home.report_rows().map(|r| r.path.clone()).collect();
        self.request_compile_of(files);
    }

    /// The checks before a report on `files`, then the output question.
    pub fn request_compile_of(&mut self, files: Vec<PathBuf>) {
        if self.job.is_some() {
            return;
        }
        if files.is_empty() {
            return self.message("Chưa có bản rà soát nào để lập báo cáo.");
        }
        let set = crate::storage::Files(files);
        let findings = report_findings(&self.templates, &set);
        let crate::storage::Files(files) = set;
        if findings.is_empty() {
            self.ask_compile_output(files);
        } else {
            self.modal = Some(Modal::Preflight(ReportKind::Compile(files), findings));
        }
    }

    pub(super) fn ask_export_output(&mut self) {
        let Some(ed) = self.editor.as_ref() else {
            return;
        };
        let stem = slug(&ed.display_name());
        // Beside the review (or in the reviews folder for one not saved yet).
        let beside = ed
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .filter(|d| !d.as_os_str().is_empty())
            .map_or_else(|| self.dir.clone(), Path::to_path_buf);
        match self.dialogs.save_report(&beside, &format!("{stem}.pdf")) {
            Some(path) => self.pending_output(Pending::Export(path)),
            None if self.dialogs.unavailable() => {
                // No dialog on this machine: the app asks the name and the format itself.
                self.modal = Some(Modal::ChooseOutput(Box::new(OutputChoice::new(
                    None, beside, &stem,
                ))));
            }
            None => {}
        }
    }

    pub(super) fn ask_compile_output(&mut self, files: Vec<PathBuf>) {
        match self.dialogs.save_report(&self.dir, "bao-cao-tong-hop.pdf") {
            Some(output) => self.pending_output(Pending::Compile { files, output }),
            None if self.dialogs.unavailable() => {
                self.modal = Some(Modal::ChooseOutput(Box::new(OutputChoice::new(
                    Some(files),
                    self.dir.clone(),
                    "bao-cao-tong-hop",
                ))));
            }
            None => {}
        }
    }

    /// The name and format chosen in the app's own question (no file dialog on this machine).
    pub(super) fn output_chosen(&mut self, c: OutputChoice) {
        let path = c.path();
        match c.files {
            Some(files) => self.pending_output(Pending::Compile {
                files,
                output: path,
            }),
            None => self.pending_output(Pending::Export(path)),
        }
    }

    /// A report goes only where nothing would be lost: never onto a review or a file that is not
    /// a report; over an existing report after asking.
    fn pending_output(&mut self, p: Pending) {
        match check_output(p.output(), &Format::ALL, false) {
            Ok(_) => self.write_report(p),
            // The save dialog asked already ("Replace?"): one question, not two.
            Err(OutputRefusal::Exists(_)) if self.dialogs.asks_before_replacing() => {
                self.write_report(p)
            }
            Err(OutputRefusal::Exists(_)) => self.modal = Some(Modal::Overwrite(p)),
            Err(e) => self.message(e.to_string()),
        }
    }

    pub(super) fn write_report(&mut self, p: Pending) {
        if let Err(e) = check_output(p.output(), &Format::ALL, true) {
            return self.message(e.to_string());
        }
        let format = Format::of(p.output()).unwrap_or(Format::Pdf);
        match p {
            Pending::Export(path) => {
                let Some(ed) = self.editor.as_ref() else {
                    return;
                };
                let written = review_report(&self.templates, &self.settings, &ed.review, format)
                    .map_err(|e| format!("Không xuất được báo cáo: {e}"))
                    .and_then(|pdf| {
                        replace_file(&path, &pdf)
                            .map_err(|e| format!("{}: không ghi được ({e})", path.display()))
                    });
                match written {
                    Ok(()) => {
                        self.status = format!("Đã xuất {}", path.display());
                        self.last_output = Some(path);
                    }
                    Err(e) => self.message(e),
                }
            }
            Pending::Compile { files, output } => {
                if self.job.is_none() {
                    // "{year}" in the decision is the year of the plan on the plan page.
                    let year = self.plan_year();
                    self.job = Some(CompileJob::start(
                        self.templates.clone(),
                        self.settings.clone().for_plan_year(year),
                        files,
                        output,
                        format,
                        self.ctx.clone(),
                    ));
                }
            }
        }
    }

    pub(super) fn save_settings(&mut self, s: ReportSettings) -> Result<(), String> {
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
}
