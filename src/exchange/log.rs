//! The receiving log: one line per file received, skipped or refused — when, from where, which
//! file, what became of it. A plain UTF-8 text file beside the reviews, readable in Notepad; it
//! only grows (each write is the old text plus the new lines, replaced atomically).

use std::path::{Path, PathBuf};

/// The log's file name in the reviews folder.
pub const LOG_FILE: &str = "nhat-ky-nhan-ban-ra-soat.txt";

pub fn log_path(dir: &Path) -> PathBuf {
    dir.join(LOG_FILE)
}

const HEADER: &str =
    "Nhật ký nhận bản rà soát (tthc-review): thời điểm | nguồn | tệp trong nguồn | kết quả\n";

/// Appends `lines` to the folder's log.
pub(super) fn append(dir: &Path, lines: &[String]) -> std::io::Result<()> {
    if lines.is_empty() {
        return Ok(());
    }
    let path = log_path(dir);
    let mut text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => HEADER.to_string(),
        Err(e) => return Err(e),
    };
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for l in lines {
        // One entry per line, whatever a file name holds.
        text.push_str(&l.replace(['\n', '\r'], " "));
        text.push('\n');
    }
    crate::storage::replace_file(&path, text.as_bytes())
}
