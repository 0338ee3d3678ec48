//! What a file looked like when it was read or written (size, time, content hash), so that a
//! save can tell whether someone else changed, removed or renamed the file in between.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

/// 64-bit FNV-1a: a stable hash (the same in every run and version), for content and keys.
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
}

impl Stamp {
    /// The stamp of `bytes`, just read from or written to `path`.
    pub fn of_bytes(path: &Path, bytes: &[u8]) -> Self {
        Stamp {
            len: bytes.len() as u64,
            modified: std::fs::metadata(path).and_then(|m| m.modified()).ok(),
            hash: fnv64(bytes),
        }
    }
}

/// How the file on disk compares with what was read or written last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiskState {
    Unchanged,
    /// Someone else wrote it (another person, another window, a sync tool).
    Changed,
    /// It is gone: deleted, or renamed.
    Missing,
}

/// Compares the file at `path` with `known`. Size and time equal: unchanged without reading it;
/// otherwise the content decides (a file touched but not changed is unchanged).
pub fn disk_state(path: &Path, known: &Stamp) -> DiskState {
    let Ok(meta) = std::fs::metadata(path) else {
        return DiskState::Missing;
    };
    if meta.len() == known.len && meta.modified().ok() == known.modified {
        return DiskState::Unchanged;
    }
    match super::read_limited(path, super::MAX_FILE_BYTES) {
        Ok(bytes) if bytes.len() as u64 == known.len && fnv64(&bytes) == known.hash => {
            DiskState::Unchanged
        }
        Ok(_) => DiskState::Changed,
        Err(_) => DiskState::Changed,
    }
}

/// A moment as a user reads it, in this machine's time zone: "08:15 23/11/2026".
pub fn local_time_text(secs: u64) -> String {
    let t = UNIX_EPOCH + std::time::Duration::from_secs(secs);
    let local: chrono::DateTime<chrono::Local> = t.into();
    local.format("%H:%M %d/%m/%Y").to_string()
}

/// A moment for a file name, in this machine's time zone: "20261123-081500".
pub fn file_time_text(t: SystemTime) -> String {
    let local: chrono::DateTime<chrono::Local> = t.into();
    local.format("%Y%m%d-%H%M%S").to_string()
}
