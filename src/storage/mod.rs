//! Review files: one pretty RON file per review, with a schema version.
//!
//! Loading never writes. Saving is atomic (temp file, fsync, rename) and keeps the previous
//! version beside the file as `<name>.ron.bak`.

mod atomic;
mod workspace;

pub use atomic::{backup_path, replace_file, write_atomic};
pub use workspace::*;

use crate::model::{Review, SCHEMA_VERSION};
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadProblem {
    Io(String),
    NotUtf8,
    Empty,
    /// The text is not valid RON (or is cut short).
    Syntax {
        line: usize,
        col: usize,
        msg: String,
    },
    /// Valid RON, but not a review (no schema_version).
    NotAReview,
    NewerSchema {
        found: u32,
    },
    /// A review of this schema with a field of the wrong type, an unknown field, a bad number…
    Invalid {
        line: usize,
        col: usize,
        msg: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    pub problem: LoadProblem,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.path.display();
        match &self.problem {
            LoadProblem::Io(e) => write!(f, "{p}: không đọc được tệp ({e})"),
            LoadProblem::NotUtf8 => write!(f, "{p}: tệp không phải văn bản UTF-8"),
            LoadProblem::Empty => write!(f, "{p}: tệp trống"),
            LoadProblem::Syntax { line, col, msg } => {
                write!(
                    f,
                    "{p}: dòng {line}, cột {col}: tệp hỏng hoặc không đúng cú pháp RON ({msg})"
                )
            }
            LoadProblem::NotAReview => write!(
                f,
                "{p}: không phải tệp rà soát TTHC (thiếu trường schema_version)"
            ),
            LoadProblem::NewerSchema { found } => write!(
                f,
                "{p}: tệp theo định dạng phiên bản {found}, mới hơn phiên bản {SCHEMA_VERSION} mà chương trình này đọc được; hãy cập nhật chương trình"
            ),
            LoadProblem::Invalid { line, col, msg } => {
                write!(
                    f,
                    "{p}: dòng {line}, cột {col}: nội dung không hợp lệ ({msg})"
                )
            }
        }
    }
}

impl std::error::Error for LoadError {}

#[derive(Debug, thiserror::Error)]
#[error("{path}: không lưu được ({source})", path = .path.display())]
pub struct SaveError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    schema_version: Option<u32>,
}

/// `Some(x)` may be written as plain `x` in a hand-written file.
pub(crate) fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses review text; `path` only names the file in errors. Strings come out NFC.
pub fn parse_review(path: &Path, text: &str) -> Result<Review, LoadError> {
    let err = |problem| LoadError {
        path: path.to_path_buf(),
        problem,
    };
    let text = text.trim_start_matches('\u{feff}');
    // Most files are NFC already: check before copying.
    let normalized: String;
    let text = if unicode_normalization::is_nfc(text) {
        text
    } else {
        normalized = text.nfc().collect();
        &normalized
    };
    if text.trim().is_empty() {
        return Err(err(LoadProblem::Empty));
    }
    // The happy path parses once; only a failure is looked at again to say what is wrong.
    match ron_options().from_str::<Review>(text) {
        Ok(r) if r.schema_version > SCHEMA_VERSION => Err(err(LoadProblem::NewerSchema {
            found: r.schema_version,
        })),
        Ok(r) if r.schema_version == 0 => Err(err(LoadProblem::NotAReview)),
        Ok(r) => Ok(r),
        Err(full) => {
            let probe: Probe = ron_options().from_str(text).map_err(|e| {
                err(LoadProblem::Syntax {
                    line: e.span.start.line,
                    col: e.span.start.col,
                    msg: e.code.to_string(),
                })
            })?;
            Err(err(match probe.schema_version {
                None => LoadProblem::NotAReview,
                Some(v) if v > SCHEMA_VERSION => LoadProblem::NewerSchema { found: v },
                Some(_) => LoadProblem::Invalid {
                    line: full.span.start.line,
                    col: full.span.start.col,
                    msg: full.code.to_string(),
                },
            }))
        }
    }
}

pub fn load_review(path: &Path) -> Result<Review, LoadError> {
    let err = |problem| LoadError {
        path: path.to_path_buf(),
        problem,
    };
    let bytes = std::fs::read(path).map_err(|e| err(LoadProblem::Io(e.to_string())))?;
    let text = String::from_utf8(bytes).map_err(|_| err(LoadProblem::NotUtf8))?;
    parse_review(path, &text)
}

/// The text a review is saved as.
pub fn to_ron(review: &Review) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("  ".to_string())
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    let mut text = ron::ser::to_string_pretty(review, config)
        .expect("a review always serialises: it holds only strings, numbers, lists and maps");
    text.push('\n');
    text
}

pub fn save_review(path: &Path, review: &Review) -> Result<(), SaveError> {
    write_atomic(path, to_ron(review).as_bytes()).map_err(|source| SaveError {
        path: path.to_path_buf(),
        source,
    })
}

/// The review files of a folder (`*.ron`, sorted by name), each loaded or with its error.
pub fn list_reviews(dir: &Path) -> std::io::Result<Vec<(PathBuf, Result<Review, LoadError>)>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "ron"))
        .collect();
    paths.sort();
    Ok(paths
        .into_iter()
        .map(|p| {
            let r = load_review(&p);
            (p, r)
        })
        .collect())
}
