//! `tthc-review fmt FILE...`: validates each review and rewrites it in the canonical form through
//! the same save code as the app (atomic, with a .bak of the previous version). Useful after
//! editing a file by hand. A file that does not load is reported and left as it is.

use crate::check::check_review_file;
use crate::console::{say, tell};
use crate::storage::save_review;
use crate::templates::Templates;
use std::path::PathBuf;

pub fn run(t: &Templates, files: &[PathBuf]) -> Result<(), u8> {
    let mut bad = 0;
    for f in files {
        let review = match check_review_file(t, f) {
            Ok(r) => r.review,
            Err(e) => {
                tell!("LỖI {e}");
                bad += 1;
                continue;
            }
        };
        // Not under someone who has it open: their next save would undo this one.
        if let Some(o) = crate::storage::lock::owner_of(f).filter(|o| !o.is_stale()) {
            tell!(
                "LỖI {}: đang được mở để sửa ({}) — không ghi lại; tệp giữ nguyên",
                f.display(),
                o.describe()
            );
            bad += 1;
            continue;
        }
        match save_review(f, &review) {
            Ok(()) => say!("Đã ghi lại {}", f.display()),
            Err(e) => {
                tell!("LỖI {e}");
                bad += 1;
            }
        }
    }
    if bad > 0 { Err(1) } else { Ok(()) }
}
