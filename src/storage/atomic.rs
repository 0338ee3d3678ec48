//! Atomic file replacement: a crash at any point leaves either the old file or the new one.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Where the previous version of `path` is kept: `<name>.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    sibling(path, ".bak")
}

/// Writes `bytes` to a temp file beside `path`, fsyncs it and renames it over `path`.
pub fn replace_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = sibling(path, ".tmp");
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // Make the rename itself durable; not every platform can open a directory.
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Like [`replace_file`], keeping the file it replaces as `<name>.bak`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if path.exists() {
        let bak = backup_path(path);
        fs::copy(path, &bak)?;
        File::open(&bak)?.sync_all()?;
    }
    replace_file(path, bytes)
}
