//! Files around the reviews folder: the trash (deleted reviews are moved, never unlinked), the
//! recovery copies written while editing, and the list of recently opened files.

use super::{load_review, replace_file, to_ron};
use crate::model::Review;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

pub const TRASH_DIR: &str = ".trash";
pub const RECOVERY_DIR: &str = ".recovery";
/// The app's own files beside the reviews (recent list, report settings): a hidden folder, so
/// nothing in it is ever listed, checked or compiled as a review.
pub const APP_DIR: &str = ".tthc";
pub const RECENT_FILE: &str = "recent.ron";
pub const SETTINGS_FILE: &str = "report_settings.ron";
/// Where earlier versions kept the recent list and the report settings.
const LEGACY_RECENT: &str = ".recent.ron";

/// The report settings file of a reviews folder.
pub fn settings_path(dir: &Path) -> PathBuf {
    dir.join(APP_DIR).join(SETTINGS_FILE)
}

fn recent_path(dir: &Path) -> PathBuf {
    dir.join(APP_DIR).join(RECENT_FILE)
}

/// Moves the app files an earlier version left among the reviews into the app folder (only when
/// the app folder has none yet). Returns what was moved, for the status line.
pub fn migrate_app_files(dir: &Path) -> Vec<PathBuf> {
    let mut moved = Vec::new();
    for (old, new) in [
        (dir.join(SETTINGS_FILE), settings_path(dir)),
        (dir.join(LEGACY_RECENT), recent_path(dir)),
    ] {
        if old.is_file() && !new.exists() {
            let ok = std::fs::create_dir_all(dir.join(APP_DIR)).is_ok()
                && std::fs::rename(&old, &new).is_ok();
            if ok {
                moved.push(new);
            }
        }
    }
    moved
}

/// A file's identity: its canonical absolute path, so "saved-reviews/a.ron", "./saved-reviews/a.ron"
/// and "/home/x/saved-reviews/a.ron" are one file. A file that does not exist yet is named by its
/// canonical folder and its name.
pub fn identity(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match (std::fs::canonicalize(parent), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    }
}

/// A path's last part as text, for messages and lists ("" for none).
pub fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Whether two paths name the same file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    a == b || identity(a) == identity(b)
}

/// Whether `file` sits directly in `dir`.
pub fn is_in_dir(file: &Path, dir: &Path) -> bool {
    identity(file).parent() == Some(identity(dir).as_path())
}

/// Plan files end so; they are never taken for reviews.
pub const PLAN_SUFFIX: &str = ".plan.ron";

/// Whether a folder entry is a review file: `*.ron`, not hidden, not an app file of an earlier
/// version.
pub fn is_review_name(name: &str) -> bool {
    name.ends_with(".ron")
        && !name.starts_with('.')
        && name != SETTINGS_FILE
        && !name.ends_with(PLAN_SUFFIX)
}

/// The review files of a folder, sorted by name.
pub fn review_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_str().is_some_and(is_review_name) && e.path().is_file())
        .map(|e| e.path())
        .collect();
    paths.sort();
    Ok(paths)
}
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
    free_name_ext(dir, stem, "ron")
}

/// A free file name in `dir` built from `stem` and `ext`: `stem.ext`, `stem-2.ext`, …
/// A name is taken by anything there, a dangling link too (a write to it would go elsewhere).
pub fn free_name_ext(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    let free = |p: &PathBuf| std::fs::symlink_metadata(p).is_err();
    let first = dir.join(format!("{stem}.{ext}"));
    if free(&first) {
        return first;
    }
    (2..)
        .map(|n| dir.join(format!("{stem}-{n}.{ext}")))
        .find(free)
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
    std::fs::read_to_string(recent_path(dir))
        .ok()
        .and_then(|t| ron::from_str::<Vec<PathBuf>>(&t).ok())
        .unwrap_or_default()
}

/// Puts `file` (by its identity) first in the recent list, at most 10; a file of `dir` itself is
/// listed anyway and is not added.
pub fn remember_recent(dir: &Path, file: &Path) -> io::Result<()> {
    if is_in_dir(file, dir) {
        return Ok(());
    }
    let file = identity(file);
    let mut list = read_recent(dir);
    list.retain(|p| identity(p) != file);
    list.insert(0, file);
    list.truncate(10);
    let text = ron::to_string(&list).map_err(io::Error::other)?;
    std::fs::create_dir_all(dir.join(APP_DIR))?;
    replace_file(&recent_path(dir), text.as_bytes())
}
