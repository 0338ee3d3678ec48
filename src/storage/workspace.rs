//! Files around the reviews folder: the trash (deleted reviews are moved, never unlinked), the
//! recovery copies written while editing, and the list of recently opened files.

use super::{load_review, replace_file, to_ron};
use crate::model::Review;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

pub const TRASH_DIR: &str = ".trash";
pub const RECOVERY_DIR: &str = ".recovery";
pub const RECENT_FILE: &str = ".recent.ron";
const ORIGINAL_PREFIX: &str = "// original: ";

fn stamp() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Moves a review into `<dir>/.trash/`, keeping its name plus a time stamp. Returns the new path.
pub fn move_to_trash(dir: &Path, file: &Path) -> io::Result<PathBuf> {
    let trash = dir.join(TRASH_DIR);
    std::fs::create_dir_all(&trash)?;
    let stem = file.file_stem().unwrap_or_default().to_string_lossy();
    let target = trash.join(format!("{stem}-{}.ron", stamp()));
    std::fs::rename(file, &target)?;
    Ok(target)
}

/// A free file name in `dir` built from `stem`: `stem.ron`, `stem-2.ron`, …
pub fn free_name(dir: &Path, stem: &str) -> PathBuf {
    let first = dir.join(format!("{stem}.ron"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| dir.join(format!("{stem}-{n}.ron")))
        .find(|p| !p.exists())
        .expect("an unused name exists")
}

/// A file name from a TTHC's name: lower-case ASCII words joined by "-".
pub fn slug(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // "đ" has no decomposition; map it by hand before dropping the accents.
    let ascii: String = text
        .replace(['đ', 'Đ'], "d")
        .nfd()
        .filter(|c| c.is_ascii())
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    let words: Vec<&str> = ascii.split_whitespace().take(8).collect();
    if words.is_empty() {
        "ra-soat".to_string()
    } else {
        words.join("-")
    }
}

/// The recovery copy of a review being edited: `<dir>/.recovery/<key>.ron`.
pub fn recovery_path(dir: &Path, key: &str) -> PathBuf {
    dir.join(RECOVERY_DIR).join(format!("{key}.ron"))
}

/// Writes the working copy; the first line remembers which file it belongs to.
pub fn write_recovery(path: &Path, original: Option<&Path>, review: &Review) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let header = match original {
        Some(p) => format!("{ORIGINAL_PREFIX}{}\n", p.display()),
        None => String::new(),
    };
    replace_file(path, format!("{header}{}", to_ron(review)).as_bytes())
}

pub fn remove_recovery(path: &Path) {
    let _ = std::fs::remove_file(path);
}

/// A recovery copy found at start: the app did not close cleanly while it was being edited.
#[derive(Debug, Clone)]
pub struct Recovered {
    pub recovery_file: PathBuf,
    pub original: Option<PathBuf>,
    pub review: Review,
}

pub fn find_recoveries(dir: &Path) -> Vec<Recovered> {
    let Ok(entries) = std::fs::read_dir(dir.join(RECOVERY_DIR)) else {
        return Vec::new();
    };
    let mut out: Vec<Recovered> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .filter_map(|p| {
            let review = load_review(&p).ok()?;
            let text = std::fs::read_to_string(&p).ok()?;
            let original = text
                .lines()
                .next()
                .and_then(|l| l.strip_prefix(ORIGINAL_PREFIX))
                .map(PathBuf::from);
            Some(Recovered {
                recovery_file: p,
                original,
                review,
            })
        })
        .collect();
    out.sort_by(|a, b| a.recovery_file.cmp(&b.recovery_file));
    out
}

pub fn read_recent(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_to_string(dir.join(RECENT_FILE))
        .ok()
        .and_then(|t| ron::from_str::<Vec<PathBuf>>(&t).ok())
        .unwrap_or_default()
}

/// Puts `file` first in the recent list (at most 10), unless it lives in `dir` anyway.
pub fn remember_recent(dir: &Path, file: &Path) -> io::Result<()> {
    let mut list = read_recent(dir);
    list.retain(|p| p != file);
    list.insert(0, file.to_path_buf());
    list.truncate(10);
    let text = ron::to_string(&list).map_err(io::Error::other)?;
    replace_file(&dir.join(RECENT_FILE), text.as_bytes())
}
