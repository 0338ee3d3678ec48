//! `tthc-review check PATH...`: one line per file, non-zero exit if any file is bad; then what the
//! checks before a report would say of these files (duplicates, missing choices, warnings).

use crate::check::check_review_file;
use crate::console::{say, tell};
use crate::preflight::{Finding, Severity, report_findings};
use crate::storage::review_files;
use crate::templates::Templates;
use std::path::{Path, PathBuf};

fn files_of(path: &Path) -> Result<Vec<PathBuf>, String> {
    if path.is_dir() {
        let v = review_files(path).map_err(|e| {
            format!(
                "{}: không đọc được thư mục ({})",
                path.display(),
                crate::storage::io_words(&e)
            )
        })?;
        if v.is_empty() {
            return Err(format!("{}: thư mục không có tệp .ron nào", path.display()));
        }
        Ok(v)
    } else if path.exists() {
        Ok(vec![path.to_path_buf()])
    } else {
        Err(format!(
            "{}: không tìm thấy tệp hoặc thư mục",
            path.display()
        ))
    }
}

fn report_line(f: &Finding) -> String {
    let tag = match f.severity {
        Severity::Error => "báo cáo: lỗi",
        Severity::Warning => "báo cáo: cảnh báo",
    };
    format!("     {tag}: {}", f.message)
}

pub fn run(t: &Templates, paths: &[PathBuf]) -> Result<(), u8> {
    let mut bad = 0usize;
    let mut good = 0usize;
    let mut loaded = Vec::new();
    // Every file named or found first, in order; then all of them checked at once.
    let mut files = Vec::new();
    for p in paths {
        match files_of(p) {
            Ok(f) => files.extend(f.into_iter().map(Ok)),
            Err(e) => files.push(Err(e)),
        }
    }
    let checked = crate::parallel::map(&files, |f| match f {
        Ok(path) => check_review_file(t, path).map(|r| (path.clone(), r)),
        Err(e) => Err(e.clone()),
    });
    // The reviews that loaded go to the checks before a report; their own warnings are said
    // beside them.
    let mut items = Vec::new();
    for c in checked {
        match c {
            Ok((f, report)) => {
                good += 1;
                loaded.push((f.clone(), report.warnings));
                items.push((f, Ok(report.review)));
            }
            Err(e) => {
                bad += 1;
                tell!("LỖI {e}");
            }
        }
    }
    let findings = report_findings(t, &items);
    for (f, warnings) in &loaded {
        say!("OK   {}", f.display());
        for w in warnings {
            say!("     lưu ý: {w}");
        }
        for x in findings.iter().filter(|x| x.file.as_deref() == Some(f)) {
            say!("{}", report_line(x));
        }
    }
    for x in findings.iter().filter(|x| x.file.is_none()) {
        say!("{}", report_line(x));
    }
    say!("{good} tệp hợp lệ, {bad} lỗi");
    if bad > 0 { Err(1) } else { Ok(()) }
}
