//! "In use by", as Word does: a review opened for editing gets a small owner file beside it
//! (`.~lock.<name>#`: who, on which machine, since when), removed when the review is closed. A
//! second opener is told who has it open. An owner file older than a day, or left by a process of
//! this machine that no longer runs, is stale and may be taken over after asking.

use serde::{Deserialize, Serialize};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// After this long an owner file is stale, whoever left it.
pub const STALE_AFTER: Duration = Duration::from_secs(24 * 3600);

/// Who has a review open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owner {
    pub user: String,
    pub host: String,
    pub pid: u32,
    /// Seconds since 1970 (UTC) when the review was opened.
    pub since: u64,
    /// Tells two windows of one process apart.
    pub session: u64,
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The user and machine name this program runs as.
pub fn this_user() -> (String, String) {
    let user = ["USERNAME", "USER", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .or_else(|| {
            // The home folder is named after the user where no variable says who it is.
            std::env::home_dir()
                .and_then(|h| h.file_name().map(|n| n.to_string_lossy().into_owned()))
        })
        .unwrap_or_else(|| "(không rõ)".to_string());
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    (user, host)
}

impl Owner {
    fn me() -> Self {
        let (user, host) = this_user();
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        Owner {
            user,
            host,
            pid: std::process::id(),
            since: now_secs(),
            session: nanos ^ (u64::from(std::process::id()) << 32),
        }
    }

    /// "nguyenvana trên máy PHONG-QLCN-01, từ 08:15 23/11/2026".
    pub fn describe(&self) -> String {
        format!(
            "{} trên máy {}, từ {}",
            self.user,
            self.host,
            super::local_time_text(self.since)
        )
    }

    /// Whether the owner file may be taken over: older than a day, or its process on this
    /// machine has ended.
    pub fn is_stale(&self) -> bool {
        if now_secs().saturating_sub(self.since) > STALE_AFTER.as_secs() {
            return true;
        }
        let (_, host) = this_user();
        host == self.host && !process_alive(self.pid)
    }
}

/// Whether a process of this machine still runs. Where that cannot be told, it is assumed to run
/// (the owner file then turns stale after a day).
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc_dir = Path::new("/proc");
    if proc_dir.is_dir() {
        return proc_dir.join(pid.to_string()).exists();
    }
    true
}

/// The owner file of a review.
pub fn lock_path(review: &Path) -> PathBuf {
    let name = review.file_name().unwrap_or_default().to_string_lossy();
    review.with_file_name(format!(".~lock.{name}#"))
}

/// Reads the owner file of a review, if there is one. An unreadable one reads as an unknown
/// owner that is stale once it is a day old.
pub fn owner_of(review: &Path) -> Option<Owner> {
    let p = lock_path(review);
    let meta = fs::metadata(&p).ok()?;
    if !meta.is_file() {
        return None;
    }
    let text = super::read_limited(&p, 4096)
        .ok()
        .and_then(|b| String::from_utf8(b).ok());
    text.and_then(|t| ron::from_str::<Owner>(&t).ok())
        .or_else(|| {
            let since = meta
                .modified()
                .ok()
                .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_secs());
            Some(Owner {
                user: "(không rõ)".into(),
                host: "(không rõ)".into(),
                pid: 0,
                since,
                session: 0,
            })
        })
}

/// A review held open for editing; the owner file goes when this is dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    owner: Owner,
}

impl Lock {
    pub fn owner(&self) -> &Owner {
        &self.owner
    }

    /// Whether the owner file on disk is still this one (not taken over by someone else).
    pub fn still_held(&self) -> bool {
        fs::read_to_string(&self.path)
            .ok()
            .and_then(|t| ron::from_str::<Owner>(&t).ok())
            .is_some_and(|o| o.session == self.owner.session)
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if self.still_held() {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Why a review could not be held.
#[derive(Debug)]
pub enum LockError {
    /// Someone else has it open.
    Held(Owner),
    /// The owner file could not be written (a read-only folder …).
    Io(io::Error),
}

fn write_owner(path: &Path, owner: &Owner, create_new: bool) -> io::Result<()> {
    let text = ron::to_string(owner).map_err(io::Error::other)?;
    if create_new {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()
    } else {
        super::replace_file(path, text.as_bytes())
    }
}

/// Holds `review` for editing: creates its owner file, unless someone else's is there.
pub fn acquire(review: &Path) -> Result<Lock, LockError> {
    let path = lock_path(review);
    let owner = Owner::me();
    match write_owner(&path, &owner, true) {
        Ok(()) => Ok(Lock { path, owner }),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => match owner_of(review) {
            Some(o) => Err(LockError::Held(o)),
            // Gone in between: try once more.
            None => write_owner(&path, &owner, true)
                .map(|()| Lock { path, owner })
                .map_err(LockError::Io),
        },
        Err(e) => Err(LockError::Io(e)),
    }
}

/// Takes over `review` from a stale (or, when the user says so, any) owner file.
pub fn take_over(review: &Path) -> io::Result<Lock> {
    let path = lock_path(review);
    let owner = Owner::me();
    write_owner(&path, &owner, false)?;
    Ok(Lock { path, owner })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_opener_is_told_who_has_it_and_the_file_goes_on_close() {
        let dir = tempfile::tempdir().unwrap();
        let review = dir.path().join("a.ron");
        fs::write(&review, "x").unwrap();
        let first = acquire(&review).unwrap();
        match acquire(&review) {
            Err(LockError::Held(o)) => {
                assert_eq!(o.session, first.owner().session);
                assert!(!o.is_stale(), "its process runs");
            }
            other => panic!("{other:?}"),
        }
        drop(first);
        assert!(!lock_path(&review).exists());
        assert!(acquire(&review).is_ok());
    }

    #[test]
    fn an_old_or_orphaned_owner_file_is_stale() {
        let dir = tempfile::tempdir().unwrap();
        let review = dir.path().join("a.ron");
        let mut o = Owner::me();
        o.since -= STALE_AFTER.as_secs() + 60;
        fs::write(lock_path(&review), ron::to_string(&o).unwrap()).unwrap();
        assert!(owner_of(&review).unwrap().is_stale());
        if Path::new("/proc").is_dir() {
            let mut o = Owner::me();
            o.pid = u32::MAX - 7;
            fs::write(lock_path(&review), ron::to_string(&o).unwrap()).unwrap();
            assert!(owner_of(&review).unwrap().is_stale());
        }
        let taken = take_over(&review).unwrap();
        assert!(taken.still_held());
    }
}
