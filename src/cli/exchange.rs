//! `receive` and `send`: the rooms' files to and from the office, as in the GUI.

use crate::console::{say, tell};
use crate::exchange::{self, Choice, Verdict};
use crate::templates::Templates;
use std::path::{Path, PathBuf};

/// Receives `source` into `dir`. A file that differs from the review here is written only with
/// `choice`; without one it is listed, left alone, and the exit code is 1.
pub fn receive(t: &Templates, source: &Path, dir: &Path, choice: Option<Choice>) -> Result<(), u8> {
    let batch = exchange::inspect(t, source, dir).map_err(|e| {
        tell!("{e}");
        1u8
    })?;
    let changed = batch.changed();
    let choices: Vec<Option<Choice>> = batch
        .items
        .iter()
        .map(|i| {
            matches!(i.verdict, Verdict::Changed(_))
                .then_some(choice)
                .flatten()
        })
        .collect();
    let out = exchange::apply(dir, &batch, &choices, chrono::Local::now().naive_local());
    for r in &out.received {
        say!("{}: {}", r.origin, r.what);
    }
    if let Some(e) = &out.log_error {
        tell!("{e}");
    }
    let undecided = !changed.is_empty() && choice.is_none();
    if undecided {
        tell!(
            "{} tệp khác bản đang có: chưa nhận. Chọn --replace (thay, bản cũ giữ ở .bak), --keep-both (giữ cả hai) hoặc --skip.",
            changed.len()
        );
    }
    if undecided || out.problems() > 0 || out.log_error.is_some() {
        Err(1)
    } else {
        Ok(())
    }
}

/// Packs the reviews of `dir` (or the given files) into `output` (.zip).
pub fn send(dir: &Path, output: &Path, force: bool) -> Result<(), u8> {
    if !output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
    {
        tell!("{}: tệp gửi đi phải có đuôi .zip", output.display());
        return Err(1);
    }
    if output.exists() && !force {
        tell!(
            "{}: đã có tệp này; thêm --force để ghi đè",
            output.display()
        );
        return Err(1);
    }
    // --force replaces an earlier .zip, never another kind of file that happens to be there.
    if output.exists() && !exchange::is_zip_file(output) {
        tell!(
            "{}: đã có tệp này và nó không phải tệp nén .zip — không ghi đè (kể cả với --force); hãy chọn tên khác",
            output.display()
        );
        return Err(1);
    }
    let files: Vec<PathBuf> = super::review_items(dir)?
        .into_iter()
        .filter_map(|(p, r)| match r {
            Ok(_) => Some(p),
            Err(e) => {
                tell!("{e} — không gửi tệp này");
                None
            }
        })
        .collect();
    if files.is_empty() {
        tell!("{}: không có bản rà soát nào để gửi", dir.display());
        return Err(1);
    }
    let n = exchange::pack(&files, output).map_err(|e| {
        tell!("{e}");
        1u8
    })?;
    say!("Đã gói {n} bản rà soát vào {}", output.display());
    Ok(())
}
