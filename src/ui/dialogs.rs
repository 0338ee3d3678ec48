//! File dialogs behind a trait, so tests never open one. The real ones (rfd) start in the reviews
//! folder, and say when no dialog could be shown at all, so the app can fall back to a safe name
//! and say so instead of doing nothing.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub trait FileDialogs {
    /// Asks for a review file to open.
    fn open_review(&mut self, dir: &Path) -> Option<PathBuf>;
    /// Asks where to save a review, suggesting `name`.
    fn save_review(&mut self, dir: &Path, name: &str) -> Option<PathBuf>;
    /// Asks where to save a report, suggesting `name` (its extension is the suggested format);
    /// the user may pick PDF, Word (.docx) or Excel (.xlsx).
    fn save_report(&mut self, dir: &Path, name: &str) -> Option<PathBuf>;
    /// Asks for what a room sent: a .zip or a review file.
    fn open_received(&mut self, dir: &Path) -> Option<PathBuf>;
    /// Asks for a folder a room's reviews were copied into.
    fn pick_folder(&mut self, dir: &Path) -> Option<PathBuf>;
    /// Asks where to save the .zip sent to the office, suggesting `name`.
    fn save_zip(&mut self, dir: &Path, name: &str) -> Option<PathBuf>;
    /// Asks for the plan's annex (Excel, ODS or CSV) to import.
    fn open_plan(&mut self, dir: &Path) -> Option<PathBuf>;
    /// Asks for a procedure's file downloaded from the national portal (.doc, .docx).
    fn open_portal(&mut self, dir: &Path) -> Option<PathBuf> {
        self.open_review(dir)
    }
    /// Whether the last `None` meant that no dialog could be shown (rather than the user
    /// cancelling it).
    fn unavailable(&self) -> bool {
        false
    }
    /// Whether the save dialog itself asks before replacing a file (the system's dialogs and
    /// zenity do): then the app does not ask a second time.
    fn asks_before_replacing(&self) -> bool {
        false
    }
}

/// The real dialogs (rfd: the system's dialog on Windows and macOS; on Linux the desktop portal,
/// else zenity).
#[derive(Default)]
pub struct NativeDialogs {
    unavailable: bool,
    /// The last report name was changed after the dialog (an extension added).
    renamed: bool,
}

/// A dialog that answers "nothing chosen" faster than this was never on screen.
const TOO_FAST: Duration = Duration::from_millis(150);

fn absolute(dir: &Path) -> PathBuf {
    std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf())
}

/// On Linux a dialog needs the desktop portal (through the session bus) or zenity.
fn backend_present() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    let zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join("zenity").is_file()));
    zenity || std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
}

impl NativeDialogs {
    fn ask(&mut self, show: impl FnOnce() -> Option<PathBuf>) -> Option<PathBuf> {
        if !backend_present() {
            self.unavailable = true;
            return None;
        }
        let start = Instant::now();
        let answer = show();
        self.unavailable = answer.is_none() && start.elapsed() < TOO_FAST;
        answer
    }
}

fn with_ext(p: PathBuf, ext: &str) -> PathBuf {
    if p.extension().is_none() {
        p.with_extension(ext)
    } else {
        p
    }
}

/// Zenity (the fallback on Linux without a desktop portal) ignores the starting folder and takes
/// only a file name: there it is given the full path, so the dialog opens in `dir` too. The
/// portal is used only where the session bus can start it (its service file is installed); a
/// session bus alone (ibus needs one) still ends in zenity.
fn zenity_only() -> bool {
    if !cfg!(target_os = "linux") {
        return false;
    }
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        return true;
    }
    let data_dirs = std::env::var("XDG_DATA_DIRS")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "/usr/local/share:/usr/share".to_string());
    !std::env::split_paths(&data_dirs).any(|d| {
        d.join("dbus-1/services/org.freedesktop.portal.Desktop.service")
            .is_file()
    })
}

/// A dialog titled `title` that starts in `dir`, suggesting `name` when saving.
fn start(title: &str, dir: &Path, name: Option<&str>) -> rfd::FileDialog {
    let d = rfd::FileDialog::new().set_title(title).set_directory(dir);
    match (name, zenity_only()) {
        (Some(n), true) => d.set_file_name(dir.join(n).to_string_lossy()),
        (Some(n), false) => d.set_file_name(n),
        (None, true) => d.set_file_name(format!("{}/", dir.display())),
        (None, false) => d,
    }
}

impl FileDialogs for NativeDialogs {
    fn open_review(&mut self, dir: &Path) -> Option<PathBuf> {
        let dir = absolute(dir);
        self.ask(|| {
            start("Mở bản rà soát", &dir, None)
                .add_filter("Bản rà soát (RON)", &["ron"])
                .pick_file()
        })
    }

    fn save_review(&mut self, dir: &Path, name: &str) -> Option<PathBuf> {
        let dir = absolute(dir);
        self.ask(|| {
            start("Lưu bản rà soát", &dir, Some(name))
                .add_filter("Bản rà soát (RON)", &["ron"])
                .save_file()
        })
        .map(|p| with_ext(p, "ron"))
    }

    fn save_report(&mut self, dir: &Path, name: &str) -> Option<PathBuf> {
        let dir = absolute(dir);
        self.ask(|| {
            start("Xuất báo cáo", &dir, Some(name))
                .add_filter("PDF (để ký, in)", &["pdf"])
                .add_filter("Word (để sửa tiếp)", &["docx"])
                .add_filter("Excel (để kiểm tra số liệu)", &["xlsx"])
                .save_file()
        })
        .map(|p| {
            if crate::report::Format::of(&p).is_some() {
                self.renamed = false;
                p
            } else {
                // The dialog asked about the name without ".pdf", not about this one.
                self.renamed = true;
                with_ext(p, "pdf")
            }
        })
    }

    fn open_received(&mut self, dir: &Path) -> Option<PathBuf> {
        let dir = absolute(dir);
        self.ask(|| {
            start("Nhận bản rà soát", &dir, None)
                .add_filter("Tệp nén hoặc bản rà soát", &["zip", "ron"])
                .pick_file()
        })
    }

    fn pick_folder(&mut self, dir: &Path) -> Option<PathBuf> {
        let dir = absolute(dir);
        self.ask(|| start("Nhận bản rà soát từ thư mục", &dir, None).pick_folder())
    }

    fn save_zip(&mut self, dir: &Path, name: &str) -> Option<PathBuf> {
        let dir = absolute(dir);
        self.ask(|| {
            start("Gửi phòng Văn phòng", &dir, Some(name))
                .add_filter("Tệp nén ZIP", &["zip"])
                .save_file()
        })
        .map(|p| with_ext(p, "zip"))
    }

    fn open_plan(&mut self, dir: &Path) -> Option<PathBuf> {
        let dir = absolute(dir);
        self.ask(|| {
            start("Nhập kế hoạch rà soát", &dir, None)
                .add_filter(
                    "Bảng tính (Excel, LibreOffice, CSV)",
                    &["xlsx", "xls", "ods", "csv"],
                )
                .pick_file()
        })
    }

    fn open_portal(&mut self, dir: &Path) -> Option<PathBuf> {
        let dir = absolute(dir);
        self.ask(|| {
            start("Nhập thủ tục từ Cổng Dịch vụ công", &dir, None)
                .add_filter("Tệp tải từ Cổng (ChiTietTTHC_….doc)", &["doc", "docx"])
                .pick_file()
        })
    }

    fn unavailable(&self) -> bool {
        self.unavailable
    }

    fn asks_before_replacing(&self) -> bool {
        !self.renamed
    }
}
