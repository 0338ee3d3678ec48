//! Outputs never destroy inputs: a report is written only to a file named .pdf (or .docx,
//! .xlsx), never onto a review or onto a file that is not a report of that kind, and an existing
//! report only when the user said so.

use std::path::Path;

/// The report formats, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputKind {
    Pdf,
    Docx,
    Xlsx,
}

impl OutputKind {
    pub fn of(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(OutputKind::Pdf),
            "docx" => Some(OutputKind::Docx),
            "xlsx" => Some(OutputKind::Xlsx),
            _ => None,
        }
    }

    pub const ALL: [OutputKind; 3] = [OutputKind::Pdf, OutputKind::Docx, OutputKind::Xlsx];

    /// What the user reads for the format.
    pub fn label(self) -> &'static str {
        match self {
            OutputKind::Pdf => "PDF",
            OutputKind::Docx => "Word (DOCX)",
            OutputKind::Xlsx => "Excel (XLSX)",
        }
    }

    pub fn ext(self) -> &'static str {
        match self {
            OutputKind::Pdf => "pdf",
            OutputKind::Docx => "docx",
            OutputKind::Xlsx => "xlsx",
        }
    }

    /// Whether `head` (the first bytes of a file) is a file of this kind.
    fn matches(self, head: &[u8]) -> bool {
        match self {
            OutputKind::Pdf => head.starts_with(b"%PDF-"),
            OutputKind::Docx | OutputKind::Xlsx => head.starts_with(b"PK\x03\x04"),
        }
    }
}

/// Why a report may not be written to a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputRefusal {
    /// Not a .pdf/.docx/.xlsx name (or not one of `allowed`).
    Name(String),
    /// The path holds a review, a folder or some other file that is not a report of that kind.
    NotOurs(String),
    /// A report is there already, and overwriting it was not asked for.
    Exists(String),
}

impl std::fmt::Display for OutputRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputRefusal::Name(m) | OutputRefusal::NotOurs(m) | OutputRefusal::Exists(m) => {
                f.write_str(m)
            }
        }
    }
}

/// Checks that a report of one of the `allowed` kinds may be written to `path`; `overwrite` says
/// the user agreed to replace an existing report there. Returns the kind to write.
pub fn check_output(
    path: &Path,
    allowed: &[OutputKind],
    overwrite: bool,
) -> Result<OutputKind, OutputRefusal> {
    let p = path.display();
    let names: Vec<String> = allowed.iter().map(|k| format!(".{}", k.ext())).collect();
    let kind = OutputKind::of(path)
        .filter(|k| allowed.contains(k))
        .ok_or_else(|| {
            OutputRefusal::Name(format!(
                "{p}: tệp xuất phải có đuôi {} (không ghi đè lên tệp rà soát .ron hay tệp khác)",
                names.join(", ")
            ))
        })?;
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(kind);
    };
    if !meta.is_file() {
        return Err(OutputRefusal::NotOurs(format!(
            "{p}: đã có một thư mục hoặc tệp đặc biệt ở đây; không ghi"
        )));
    }
    let head = std::fs::File::open(path)
        .and_then(|f| {
            use std::io::Read;
            let mut buf = Vec::new();
            f.take(8).read_to_end(&mut buf)?;
            Ok(buf)
        })
        .unwrap_or_default();
    if !kind.matches(&head) {
        return Err(OutputRefusal::NotOurs(format!(
            "{p}: đã có một tệp ở đây nhưng không phải tệp .{} (có thể là bản rà soát hay tài liệu khác); không ghi đè — hãy chọn tên khác",
            kind.ext()
        )));
    }
    if !overwrite {
        return Err(OutputRefusal::Exists(format!(
            "{p}: tệp đã có; chọn tên khác hoặc đồng ý ghi đè (dòng lệnh: --force)"
        )));
    }
    Ok(kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn a_review_or_a_foreign_file_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let review = dir.path().join("a.ron");
        fs::write(&review, "(schema_version: 1)").unwrap();
        let all = [OutputKind::Pdf, OutputKind::Docx, OutputKind::Xlsx];
        assert!(matches!(
            check_output(&review, &all, true),
            Err(OutputRefusal::Name(_))
        ));
        let disguised = dir.path().join("b.pdf");
        fs::write(&disguised, "(schema_version: 1)").unwrap();
        assert!(matches!(
            check_output(&disguised, &all, true),
            Err(OutputRefusal::NotOurs(_))
        ));
        let pdf = dir.path().join("c.pdf");
        fs::write(&pdf, "%PDF-1.7 …").unwrap();
        assert!(matches!(
            check_output(&pdf, &all, false),
            Err(OutputRefusal::Exists(_))
        ));
        assert_eq!(check_output(&pdf, &all, true), Ok(OutputKind::Pdf));
        assert_eq!(
            check_output(&dir.path().join("new.PDF"), &all, false),
            Ok(OutputKind::Pdf)
        );
    }
}
