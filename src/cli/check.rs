//! `tthc-review check PATH...`: one line per file, non-zero exit if any file is bad.

use crate::check::check_review_file;
use crate::templates::Templates;
use std::path::{Path, PathBuf};

fn files_of(path: &Path) -> Result<Vec<PathBuf>, String> {
    if path.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("{}: không đọc được thư mục ({e})", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "ron"))
            .collect();
        v.sort();
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

pub fn run(t: &Templates, paths: &[PathBuf]) -> Result<(), u8> {
    let mut bad = 0usize;
    let mut good = 0usize;
    for p in paths {
        let files = match files_of(p) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("LỖI {e}");
                bad += 1;
                continue;
            }
        };
        for f in files {
            match check_review_file(t, &f) {
                Ok(report) => {
                    good += 1;
                    println!("OK   {}", f.display());
                    for w in report.warnings {
                        println!("     lưu ý: {w}");
                    }
                }
                Err(e) => {
                    bad += 1;
                    eprintln!("LỖI {e}");
                }
            }
        }
    }
    println!("{good} tệp hợp lệ, {bad} lỗi");
    if bad > 0 { Err(1) } else { Ok(()) }
}
