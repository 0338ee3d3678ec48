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

/// Temp files of an earlier save of `target` that was killed (`.<name>.XXXXXX.tmp` or `.bak`,
/// as [`temp_beside`] names them) and are older than this are removed at its next save.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Whether `file` is one of [`temp_beside`]'s names for `name`: `.<name>.` + six letters or
/// digits + `.tmp` or `.bak`. Nothing else is ever matched.
fn is_temp_of(file: &str, name: &str) -> bool {
    let Some(rest) = file
        .strip_prefix('.')
        .and_then(|f| f.strip_prefix(name))
        .and_then(|f| f.strip_prefix('.'))
    else {
        return false;
    };
    let Some(random) = rest
        .strip_suffix(".tmp")
        .or_else(|| rest.strip_suffix(".bak"))
    else {
        return false;
    };
    random.len() == 6 && random.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Removes what killed saves of `target` left behind: only regular files matching
/// [`is_temp_of`] and untouched for [`STALE_TEMP_AGE`] (a save going on now is never older).
fn sweep_stale_temps(target: &Path) {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let Ok(entries) = fs::read_dir(folder_of(target)) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name();
        if !is_temp_of(&file.to_string_lossy(), &name) {
            continue;
        }
        let old = e.metadata().ok().filter(|m| m.is_file()).and_then(|m| {
            m.modified()
                .ok()
                .and_then(|t| t.elapsed().ok())
                .map(|age| age > STALE_TEMP_AGE)
        });
        if old == Some(true) {
            let _ = fs::remove_file(e.path());
        }
    }
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
    sweep_stale_temps(&target);
    Ok(())
}

/// Writes `bytes` as a new file at `path`, where nothing is yet: fsynced under a temp name,
/// then put in place only if the name is still free (`AlreadyExists` otherwise). Never writes
/// through a link, dangling or not: a link at `path` holds the name.
pub fn create_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if fs::symlink_metadata(path).is_ok() {
        return Err(io::ErrorKind::AlreadyExists.into());
    }
    let mut tmp = temp_beside(path, "tmp")?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_folder(path);
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
    // The previous version could not become the backup: say so before anything is written.
    let bak = backup_path(&target);
    if fs::symlink_metadata(&bak).is_ok_and(|m| m.is_dir()) {
        return Err(super::io_error(
            io::ErrorKind::IsADirectory,
            format!(
                "đã có thư mục {} trùng tên với bản sao lưu — hãy đổi tên hoặc chuyển thư mục đó đi rồi lưu lại",
                bak.file_name().unwrap_or_default().to_string_lossy()
            ),
        ));
    }
    let mut tmp = temp_beside(&target, "tmp")?;
    tmp.write_all(bytes)?;
    fs::set_permissions(tmp.path(), fs::metadata(&target)?.permissions())?;
    tmp.as_file().sync_all()?;
    let previous = keep_previous(&target)?;
    tmp.persist(&target).map_err(|e| e.error)?;
    // The new file is in place; now the previous one becomes the backup.
    let kept = previous.persist(&bak).map_err(|e| {
        io::Error::other(super::BackupLost(format!(
            "không giữ được bản trước thành {} ({})",
            bak.file_name().unwrap_or_default().to_string_lossy(),
            super::io_words(&e.error)
        )))
    });
    sync_folder(&target);
    sweep_stale_temps(&target);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn age(p: &Path, secs: u64) {
        let t = std::time::SystemTime::now() - std::time::Duration::from_secs(secs);
        File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(t)
            .unwrap();
    }

    #[test]
    fn a_save_removes_the_stale_temp_files_of_killed_saves_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        fs::write(&p, b"old").unwrap();
        let stale = [".a.ron.Xy12Zq.tmp", ".a.ron.q9W8e7.bak"];
        let kept = [
            ".a.ron.Ab12Cd.tmp",   // fresh: a save going on now
            ".b.ron.Xy12Zq.tmp",   // another review's
            ".a.ron.Xy12Z.tmp",    // not the app's pattern
            "a.ron.Xy12Zq.tmp",    // not hidden
            ".a.ron.Xy12Zq.tmp.x", // not the app's pattern
            "ghi-chu.txt",
        ];
        for n in stale.iter().chain(&kept) {
            fs::write(dir.path().join(n), b"x").unwrap();
        }
        for n in stale.iter().chain(&kept[1..]) {
            age(&dir.path().join(n), 3600);
        }
        write_atomic(&p, b"new").unwrap();
        for n in stale {
            assert!(!dir.path().join(n).exists(), "{n} left");
        }
        for n in kept {
            assert!(dir.path().join(n).exists(), "{n} removed");
        }
    }

    #[test]
    fn a_bak_that_is_a_folder_stops_the_save_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        fs::write(&p, b"old").unwrap();
        fs::create_dir(backup_path(&p)).unwrap();
        let e = write_atomic(&p, b"new").unwrap_err();
        assert_eq!(fs::read(&p).unwrap(), b"old");
        assert!(super::super::io_words(&e).contains("a.ron.bak"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_never_goes_through_a_link_even_a_dangling_one() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("x.ron");
        let link = dir.path().join("new.ron");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let e = create_file(&link, b"()").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert!(!target.exists());
        let p = dir.path().join("other.ron");
        create_file(&p, b"()").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"()");
        assert_eq!(
            create_file(&p, b"(2)").unwrap_err().kind(),
            io::ErrorKind::AlreadyExists
        );
    }

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
