//! "Gửi phòng Văn phòng": a room's reviews as one .zip, each file as saved (with its save time,
//! which the office's "Nhận bản rà soát" compares).

use crate::storage::{MAX_FILE_BYTES, file_name, read_limited, replace_file, slug};
use chrono::{Datelike, NaiveDate, Timelike};
use std::io::Write;
use std::path::{Path, PathBuf};

/// "ban-ra-soat-phong-quan-ly-thuong-mai-20261123.zip".
pub fn suggested_zip_name(room: &str, today: NaiveDate) -> String {
    let room = slug(room);
    let date = today.format("%Y%m%d");
    if room.is_empty() {
        format!("ban-ra-soat-{date}.zip")
    } else {
        format!("ban-ra-soat-{room}-{date}.zip")
    }
}

fn zip_time(p: &Path) -> zip::DateTime {
    std::fs::metadata(p)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| {
            let l: chrono::DateTime<chrono::Local> = t.into();
            zip::DateTime::from_date_and_time(
                u16::try_from(l.year()).ok()?,
                l.month() as u8,
                l.day() as u8,
                l.hour() as u8,
                l.minute() as u8,
                l.second() as u8,
            )
            .ok()
        })
        .unwrap_or_default()
}

/// Whether `path` is a regular file that starts as a zip does (an earlier sent .zip), so that
/// replacing it loses nothing else.
pub fn is_zip_file(path: &Path) -> bool {
    use std::io::Read;
    let Ok(mut f) = crate::storage::open_regular(path, u64::MAX) else {
        return false;
    };
    let mut head = [0u8; 4];
    f.read_exact(&mut head).is_ok()
        && (head == [0x50, 0x4b, 0x03, 0x04] || head == [0x50, 0x4b, 0x05, 0x06])
}

/// Writes `files` into the zip `out` (replaced atomically; the caller asks before replacing).
/// Returns how many files went in. Nothing is written if any file cannot be read.
pub fn pack(files: &[PathBuf], out: &Path) -> Result<usize, String> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut names = std::collections::BTreeSet::new();
    for f in files {
        let bytes = read_limited(f, MAX_FILE_BYTES).map_err(|problem| {
            crate::storage::LoadError {
                path: f.clone(),
                problem,
            }
            .to_string()
        })?;
        let name = file_name(f);
        // Two files of one name (from two folders) both go in.
        let mut entry = name.clone();
        let mut n = 2;
        while !names.insert(entry.clone()) {
            entry = format!("{}-{n}.ron", name.trim_end_matches(".ron"));
            n += 1;
        }
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip_time(f));
        let io = |e: std::io::Error| format!("{}: {}", out.display(), crate::storage::io_words(&e));
        zip.start_file(entry, options)
            .map_err(|e| format!("{}: {e}", out.display()))?;
        zip.write_all(&bytes).map_err(io)?;
    }
    let bytes = zip
        .finish()
        .map_err(|e| format!("{}: {e}", out.display()))?
        .into_inner();
    replace_file(out, &bytes).map_err(|e| {
        format!(
            "{}: không ghi được ({})",
            out.display(),
            crate::storage::io_words(&e)
        )
    })?;
    Ok(files.len())
}
