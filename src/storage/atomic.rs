//! Atomic file replacement: a crash, a full disk or an I/O error at any point leaves either the
//! old file or the new one, and the backup either as it was or as the previous version — never a
//! partial file.
//!
//! - The new text goes to a temp file with a unique name, created exclusively (never through a
//!   planted symlink), in the same folder as the file it replaces; it is fsynced, given the old
//!   file's permissions, then renamed over it; the folder is fsynced.
//! - The backup `<name>.bak` is the previous file itself, kept by a hard link (or, where the file
//!   system has none, a fresh copy) under a temp name and renamed into place: never rewritten.
//! - A symlinked file is saved through to its target; the link stays a link.

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

/// The file a write to `path` lands in: `path` itself, or the end of its chain of symlinks.
fn write_target(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => match fs::canonicalize(path) {
            Ok(t) => Ok(t),
            // A dangling link: write where it points.
            Err(_) => {
                let to = fs::read_link(path)?;
                Ok(match path.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                })
            }
        },
        _ => Ok(path.to_path_buf()),
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// A new, uniquely named, exclusively created hidden file beside `path`. It is created with
/// the permissions of any new file (0666 less the umask on Unix), not tempfile's owner-only
/// 0600: a new review or report on a shared folder must be readable by the colleagues who can
/// read the folder. Replacing an existing file keeps that file's permissions instead.
fn temp_beside(path: &Path, what: &str) -> io::Result<tempfile::NamedTempFile> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let (prefix, suffix) = (format!(".{name}."), format!(".{what}"));
    let mut b = tempfile::Builder::new();
    b.prefix(&prefix).suffix(&suffix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(fs::Permissions::from_mode(0o666));
    }
    b.tempfile_in(folder_of(path))
}

fn sync_folder(path: &Path) {
    // Makes the renames durable; not every platform can open a folder.
    if let Ok(d) = File::open(folder_of(path)) {
        let _ = d.sync_all();
    }
}

/// Writes `bytes` to a unique temp file beside `path`'s target, fsyncs it and renames it over
/// the target. On any error the target is untouched and the temp file removed.
pub fn replace_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = write_target(path)?;
    let mut tmp = temp_beside(&target, "tmp")?;
    tmp.write_all(bytes)?;
    if let Ok(m) = fs::metadata(&target) {
        fs::set_permissions(tmp.path(), m.permissions())?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    sync_folder(&target);
    Ok(())
}

/// A second name for the current file, for the backup: a hard link, or a copy where the file
/// system cannot link. The copy is complete and fsynced before it is returned.
fn keep_previous(target: &Path) -> io::Result<tempfile::TempPath> {
    let tmp = temp_beside(target, "bak")?.into_temp_path();
    let linked = fs::remove_file(&tmp).and_then(|_| fs::hard_link(target, &tmp));
    if linked.is_err() {
        let mut out = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        let mut src = File::open(target)?;
        io::copy(&mut src, &mut out)?;
        out.sync_all()?;
    }
    Ok(tmp)
}

/// Like [`replace_file`], keeping the file it replaces as `<name>.bak` (beside the target of a
/// symlink). The backup is put in place only after the new file is: an error at any step leaves
/// the file and its backup as they were.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = write_target(path)?;
    if !target.exists() {
        return replace_file(&target, bytes);
    }
    let mut tmp = temp_beside(&target, "tmp")?;
    tmp.write_all(bytes)?;
    fs::set_permissions(tmp.path(), fs::metadata(&target)?.permissions())?;
    tmp.as_file().sync_all()?;
    let previous = keep_previous(&target)?;
    tmp.persist(&target).map_err(|e| e.error)?;
    // The new file is in place; now the previous one becomes the backup.
    let bak = backup_path(&target);
    let kept = previous.persist(&bak).map_err(|e| e.error);
    sync_folder(&target);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_holds_the_previous_version_and_no_temp_file_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        write_atomic(&p, b"one").unwrap();
        assert!(!backup_path(&p).exists());
        write_atomic(&p, b"two").unwrap();
        write_atomic(&p, b"three").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"three");
        assert_eq!(fs::read(backup_path(&p)).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_permissions_of_any_new_file_not_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.txt");
        File::create(&plain).unwrap();
        let want = fs::metadata(&plain).unwrap().permissions().mode() & 0o777;
        let report = dir.path().join("bao-cao.docx");
        replace_file(&report, b"PK").unwrap();
        let review = dir.path().join("moi.ron");
        write_atomic(&review, b"()").unwrap();
        for p in [&report, &review] {
            assert_eq!(
                fs::metadata(p).unwrap().permissions().mode() & 0o777,
                want,
                "{p:?}"
            );
        }
    }

    #[test]
    fn a_planted_temp_symlink_is_not_followed_and_permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, b"keep me").unwrap();
        std::os::unix::fs::symlink(&victim, dir.path().join("a.ron.tmp")).unwrap();
        fs::write(&p, b"old").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"keep me");
        assert_eq!(fs::read(&p).unwrap(), b"new");
        let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_review_is_saved_through_to_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ron");
        let link = dir.path().join("link.ron");
        fs::write(&real, b"old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
        assert_eq!(fs::read(backup_path(&real)).unwrap(), b"old");
    }
}
