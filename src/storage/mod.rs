//! Review files: one pretty RON file per review, with a schema version.
//!
//! Loading never writes. Saving is atomic (temp file, fsync, rename) and keeps the previous
//! version beside the file as `<name>.ron.bak`.

mod atomic;
pub mod lock;
mod open_files;
mod output;
mod set;
mod stamp;
mod workspace;

pub use crate::text::{QUOTE_MAX, quote, ron_error, ron_located, ron_options, shown_name};
pub use atomic::{backup_path, create_file, replace_file, write_atomic};
pub use open_files::spare_file_handles;
pub use output::{OutputKind, OutputRefusal, check_output};
pub use set::{Files, ReviewSet, map_reviews};
pub use stamp::*;
pub use workspace::*;

use crate::model::{Review, SCHEMA_VERSION};
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadProblem {
    Io(String),
    /// A folder, a FIFO, a device …: only regular files are read.
    NotAFile(&'static str),
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge {
        size: u64,
    },
    /// Bytes that are not UTF-8 text, at this line and column.
    NotUtf8 {
        line: usize,
        col: usize,
    },
    /// The file ends in the middle of a character or of its structure: cut short.
    Truncated {
        line: usize,
        col: usize,
    },
    Empty,
    /// The text is not valid RON.
    Syntax {
        line: usize,
        col: usize,
        msg: String,
    },
    /// Valid RON, but not a review (no schema_version).
    NotAReview,
    NewerSchema {
        found: u32,
    },
    /// A review of this schema with a field of the wrong type, an unknown field, a bad number…
    Invalid {
        line: usize,
        col: usize,
        msg: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    pub problem: LoadProblem,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.path.display();
        match &self.problem {
            LoadProblem::Io(e) => write!(f, "{p}: không đọc được tệp ({e})"),
            LoadProblem::NotAFile(what) => {
                write!(
                    f,
                    "{p}: không phải tệp thông thường ({what}); chỉ đọc được tệp .ron"
                )
            }
            LoadProblem::TooLarge { size } => write!(
                f,
                "{p}: tệp quá lớn ({} MB; giới hạn {} MB) — không phải bản rà soát",
                size.div_ceil(1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            LoadProblem::NotUtf8 { line, col } => write!(
                f,
                "{p}: dòng {line}, cột {col}: có byte không phải văn bản UTF-8 (tệp không phải văn bản, hoặc lưu bằng bảng mã khác)"
            ),
            LoadProblem::Truncated { line, col } => write!(
                f,
                "{p}: dòng {line}, cột {col}: tệp kết thúc giữa chừng — có thể đã bị cắt ngang khi chép hoặc lưu (không đúng cú pháp RON)"
            ),
            LoadProblem::Empty => write!(f, "{p}: tệp trống"),
            LoadProblem::Syntax { line, col, msg } => {
                write!(
                    f,
                    "{p}: dòng {line}, cột {col}: tệp hỏng hoặc không đúng cú pháp RON ({msg})"
                )
            }
            LoadProblem::NotAReview => write!(
                f,
                "{p}: không phải tệp rà soát TTHC (thiếu trường schema_version)"
            ),
            LoadProblem::NewerSchema { found } => write!(
                f,
                "{p}: tệp theo định dạng phiên bản {found}, mới hơn phiên bản {SCHEMA_VERSION} mà chương trình này đọc được; hãy cập nhật chương trình"
            ),
            LoadProblem::Invalid { line, col, msg } => {
                write!(
                    f,
                    "{p}: dòng {line}, cột {col}: nội dung không hợp lệ ({msg})"
                )
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// Files larger than this are refused before they are read: a review is a few hundred KB.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// An I/O error in words a user can act on. Known cases are said in Vietnamese only; anything
/// else keeps the system's own text so it can still be looked up.
pub fn io_words(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if let Some(r) = e.get_ref() {
        if let Some(w) = r.downcast_ref::<Words>() {
            return w.0.clone();
        }
        if let Some(w) = r.downcast_ref::<BackupLost>() {
            return w.0.clone();
        }
    }
    let what = match e.kind() {
        K::StorageFull => "ổ đĩa đã đầy",
        K::QuotaExceeded => "đã hết dung lượng được cấp",
        K::PermissionDenied => "không có quyền đọc/ghi thư mục hoặc tệp này",
        K::ReadOnlyFilesystem => "ổ đĩa hoặc thư mục chỉ cho đọc",
        K::NotFound => "không tìm thấy tệp hoặc thư mục",
        K::NotADirectory => "một phần của đường dẫn không phải thư mục",
        K::IsADirectory => "đó là một thư mục",
        K::FileTooLarge => "tệp vượt giới hạn kích thước được phép ghi",
        K::InvalidFilename => "tên tệp không hợp lệ",
        K::ResourceBusy | K::ExecutableFileBusy => "tệp đang bị chương trình khác giữ",
        K::StaleNetworkFileHandle | K::NetworkDown | K::HostUnreachable => {
            "mất kết nối tới thư mục dùng chung"
        }
        _ => return format!("lỗi đọc/ghi của hệ thống ({e})"),
    };
    what.to_string()
}

/// An I/O error this program raises itself, already in the user's words: [`io_words`] says it
/// as it is.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Words(pub String);

/// An [`std::io::Error`] of `kind` carrying our own words.
pub fn io_error(kind: std::io::ErrorKind, words: impl Into<String>) -> std::io::Error {
    std::io::Error::new(kind, Words(words.into()))
}

/// The new file is in place but the previous one could not be kept as `.bak`.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BackupLost(pub String);

#[derive(Debug, thiserror::Error)]
pub struct SaveError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = self.path.display();
        // Only what is true: the file is written when only its backup failed.
        match self
            .source
            .get_ref()
            .and_then(|r| r.downcast_ref::<BackupLost>())
        {
            Some(lost) => write!(f, "{path}: đã lưu, nhưng {lost}."),
            None => write!(
                f,
                "{path}: không lưu được — {}. Tệp và bản sao lưu (.bak) vẫn như trước.",
                io_words(&self.source)
            ),
        }
    }
}

/// Reads a regular file of at most `limit` bytes. A folder, FIFO or device is refused at once
/// (never opened: opening a FIFO would wait forever), and so is a larger file.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, LoadProblem> {
    use std::io::Read;
    let meta = regular_meta(path)?;
    if meta.len() > limit {
        return Err(LoadProblem::TooLarge { size: meta.len() });
    }
    let f = std::fs::File::open(path).map_err(|e| LoadProblem::Io(io_words(&e)))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| LoadProblem::Io(io_words(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(LoadProblem::TooLarge {
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

fn regular_meta(path: &Path) -> Result<std::fs::Metadata, LoadProblem> {
    let meta = std::fs::metadata(path).map_err(|e| LoadProblem::Io(io_words(&e)))?;
    if !meta.is_file() {
        return Err(LoadProblem::NotAFile(file_kind(&meta)));
    }
    Ok(meta)
}

/// Opens a file from outside for reading (a zip, a spreadsheet, a portal export): a regular file
/// of at most `limit` bytes; a folder, FIFO or device is refused before it is opened. The error
/// is in words, without the file's name (the caller puts it first).
pub fn open_regular(path: &Path, limit: u64) -> Result<std::fs::File, String> {
    let meta = regular_meta(path).map_err(|p| match p {
        LoadProblem::NotAFile(what) => format!("không phải tệp thông thường ({what})"),
        LoadProblem::Io(e) => format!("không mở được ({e})"),
        _ => "không mở được".to_string(),
    })?;
    if meta.len() > limit {
        return Err(format!(
            "tệp {} MB, lớn hơn giới hạn {} MB",
            meta.len().div_ceil(1 << 20),
            limit >> 20
        ));
    }
    std::fs::File::open(path).map_err(|e| format!("không mở được ({})", io_words(&e)))
}

/// A small text file the program's settings and data live in (report settings, template files):
/// a regular file of at most 4 MB, UTF-8; else the reason in words (the caller names the file).
pub fn read_text_limited(path: &Path) -> Result<String, String> {
    const LIMIT: u64 = 4 << 20;
    let bytes = read_limited(path, LIMIT).map_err(|p| match p {
        LoadProblem::NotAFile(what) => format!("không phải tệp thông thường ({what})"),
        LoadProblem::TooLarge { size } => format!(
            "tệp quá lớn ({} MB; giới hạn {} MB)",
            size.div_ceil(1 << 20),
            LIMIT >> 20
        ),
        LoadProblem::Io(e) => format!("không đọc được ({e})"),
        other => LoadError {
            path: path.to_path_buf(),
            problem: other,
        }
        .to_string(),
    })?;
    String::from_utf8(bytes).map_err(|_| "không phải văn bản UTF-8".to_string())
}

fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "thư mục";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "đường ống FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "thiết bị";
        }
        if t.is_socket() {
            return "socket";
        }
    }
    "tệp đặc biệt"
}

/// Line and column (from 1) of byte offset `at` in `bytes`.
fn position(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, col)
}

/// Turns a file's bytes into text, telling a file cut inside a character from one that is not
/// UTF-8 at all.
pub fn utf8_text(bytes: Vec<u8>) -> Result<String, LoadProblem> {
    String::from_utf8(bytes).map_err(|e| {
        let err = e.utf8_error();
        let bytes = e.as_bytes();
        let (line, col) = position(bytes, err.valid_up_to());
        match err.error_len() {
            // Only an incomplete character at the very end: the file was cut short.
            None => LoadProblem::Truncated { line, col },
            Some(_) => LoadProblem::NotUtf8 { line, col },
        }
    })
}

#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    schema_version: Option<u32>,
}

/// A RON error at its place, as a load problem.
fn ron_problem(e: &ron::error::SpannedError, invalid: bool) -> LoadProblem {
    let (line, col) = (e.span.start.line, e.span.start.col);
    match &e.code {
        ron::Error::Eof => LoadProblem::Truncated { line, col },
        code if invalid => LoadProblem::Invalid {
            line,
            col,
            msg: ron_error(code),
        },
        code => LoadProblem::Syntax {
            line,
            col,
            msg: ron_error(code),
        },
    }
}

/// Parses review text; `path` only names the file in errors. Strings come out NFC.
pub fn parse_review(path: &Path, text: &str) -> Result<Review, LoadError> {
    let err = |problem| LoadError {
        path: path.to_path_buf(),
        problem,
    };
    let text = text.trim_start_matches('\u{feff}');
    // Most files are NFC already: check before copying.
    let normalized: String;
    let text = if unicode_normalization::is_nfc(text) {
        text
    } else {
        normalized = text.nfc().collect();
        &normalized
    };
    if text.trim().is_empty() {
        return Err(err(LoadProblem::Empty));
    }
    // The happy path parses once; only a failure is looked at again to say what is wrong.
    match ron_options().from_str::<Review>(text) {
        Ok(r) if r.schema_version > SCHEMA_VERSION => Err(err(LoadProblem::NewerSchema {
            found: r.schema_version,
        })),
        Ok(r) if r.schema_version == 0 => Err(err(LoadProblem::NotAReview)),
        Ok(r) => Ok(r),
        Err(full) => {
            let probe: Probe = ron_options()
                .from_str(text)
                .map_err(|e| err(ron_problem(&e, false)))?;
            Err(err(match probe.schema_version {
                None => LoadProblem::NotAReview,
                Some(v) if v > SCHEMA_VERSION => LoadProblem::NewerSchema { found: v },
                Some(_) => ron_problem(&full, true),
            }))
        }
    }
}

/// Loads a review file: a regular file of at most [`MAX_FILE_BYTES`], UTF-8 RON. Never writes.
/// (No stamp: hashing the bytes is a tenth of reading a folder for a check or a report.)
pub fn load_review(path: &Path) -> Result<Review, LoadError> {
    let (bytes, err) = review_bytes(path)?;
    let text = utf8_text(bytes).map_err(err)?;
    parse_review(path, &text)
}

/// Loads a review and says what was read (size, time, content hash), so that a later save can
/// tell whether someone changed the file in between.
pub fn load_review_stamped(path: &Path) -> Result<(Review, Stamp), LoadError> {
    let (bytes, err) = review_bytes(path)?;
    let stamp = Stamp::of_bytes(path, &bytes);
    let text = utf8_text(bytes).map_err(err)?;
    Ok((parse_review(path, &text)?, stamp))
}

/// A review file's bytes, and how to name a problem with them.
fn review_bytes(path: &Path) -> Result<(Vec<u8>, impl Fn(LoadProblem) -> LoadError), LoadError> {
    let err = |problem| LoadError {
        path: path.to_path_buf(),
        problem,
    };
    let bytes = read_limited(path, MAX_FILE_BYTES).map_err(err)?;
    Ok((bytes, err))
}

/// The text a review is saved as.
pub fn to_ron(review: &Review) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("  ".to_string())
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    let mut text = ron::ser::to_string_pretty(review, config)
        .expect("a review always serialises: it holds only strings, numbers, lists and maps");
    text.push('\n');
    text
}

pub fn save_review(path: &Path, review: &Review) -> Result<(), SaveError> {
    save_review_stamped(path, review).map(|_| ())
}

/// Saves atomically with a backup, and says what is now on disk.
pub fn save_review_stamped(path: &Path, review: &Review) -> Result<Stamp, SaveError> {
    let text = to_ron(review);
    // What is written must open again.
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(SaveError {
            path: path.to_path_buf(),
            source: io_error(
                std::io::ErrorKind::FileTooLarge,
                format!(
                    "khi ghi, tệp sẽ lớn {} MB, quá giới hạn {} MB mà ứng dụng mở lại được — hãy bớt nội dung",
                    (text.len() as u64).div_ceil(1 << 20),
                    MAX_FILE_BYTES >> 20
                ),
            ),
        });
    }
    write_atomic(path, text.as_bytes()).map_err(|source| SaveError {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(Stamp::of_bytes(path, text.as_bytes()))
}

/// A review file with what it holds, or why it could not be read (in words).
pub type LoadedReview = (PathBuf, Result<Review, String>);

/// `files` loaded on every core, each with its review or its error in words, in their order.
pub fn load_reviews(files: Vec<PathBuf>) -> Vec<LoadedReview> {
    let loaded = crate::parallel::map(&files, |p| load_review(p).map_err(|e| e.to_string()));
    files.into_iter().zip(loaded).collect()
}

/// The review files of a folder (see [`review_files`]), each loaded or with its error.
pub fn list_reviews(dir: &Path) -> std::io::Result<Vec<(PathBuf, Result<Review, LoadError>)>> {
    let files = review_files(dir)?;
    let loaded = crate::parallel::map(&files, |p| load_review(p));
    Ok(files.into_iter().zip(loaded).collect())
}
