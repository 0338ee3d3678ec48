//! File dialogs behind a trait, so tests never open one.

use std::path::{Path, PathBuf};

pub trait FileDialogs {
    /// Asks for a review file to open.
    fn open_review(&mut self, dir: &Path) -> Option<PathBuf>;
    /// Asks where to save a review, suggesting `name`.
    fn save_review(&mut self, dir: &Path, name: &str) -> Option<PathBuf>;
    /// Asks where to save a PDF, suggesting `name`.
    fn save_pdf(&mut self, dir: &Path, name: &str) -> Option<PathBuf>;
}

/// The real dialogs (rfd).
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn open_review(&mut self, dir: &Path) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Mở bản rà soát")
            .set_directory(dir)
            .add_filter("Bản rà soát (RON)", &["ron"])
            .pick_file()
    }

    fn save_review(&mut self, dir: &Path, name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Lưu bản rà soát")
            .set_directory(dir)
            .set_file_name(name)
            .add_filter("Bản rà soát (RON)", &["ron"])
            .save_file()
            .map(|p| {
                if p.extension().is_none() {
                    p.with_extension("ron")
                } else {
                    p
                }
            })
    }

    fn save_pdf(&mut self, dir: &Path, name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Xuất báo cáo PDF")
            .set_directory(dir)
            .set_file_name(name)
            .add_filter("PDF", &["pdf"])
            .save_file()
            .map(|p| {
                if p.extension().is_none() {
                    p.with_extension("pdf")
                } else {
                    p
                }
            })
    }
}
