//! Importing a plan's annex from the department's own spreadsheet (XLSX, XLS, ODS via calamine) or
//! CSV. Columns are recognised by their Vietnamese headers, ignoring case, diacritics and spacing
//! ("TT"/"STT", "Tên/nhóm TTHC"/"Tên thủ tục hành chính", "Đơn vị chủ trì"/"Đơn vị thực hiện" …);
//! title rows above the header are read for the year and the issuing document. A row that cannot
//! be read is reported with its row number, never dropped.

use super::{Plan, PlanRow};
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// Lower case without diacritics, đ → d, one space between words: "Tên/nhóm TTHC" → "ten/nhom tthc".
pub fn fold(s: &str) -> String {
    let base: String = s
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    base.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Stt,
    Code,
    Name,
    Field,
    Lead,
    Partners,
    Direction,
}

fn column_of(header: &str) -> Option<Col> {
    let h = fold(header);
    let has = |w: &str| h.contains(w);
    if h == "tt" || h == "stt" || h == "so tt" {
        Some(Col::Stt)
    } else if has("ma so") || has("ma tthc") || has("ma thu tuc") {
        Some(Col::Code)
    } else if has("phoi hop") {
        Some(Col::Partners)
    } else if has("dinh huong") || has("phuong an") {
        Some(Col::Direction)
    } else if has("linh vuc") {
        Some(Col::Field)
    } else if has("chu tri") || has("don vi thuc hien") || has("co quan thuc hien") {
        Some(Col::Lead)
    } else if has("ten") && (has("tthc") || has("thu tuc")) {
        Some(Col::Name)
    } else {
        None
    }
}

/// What an import gives: the plan (rows in sheet order) and the rows it could not read.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub plan: Plan,
    pub problems: Vec<String>,
}

/// Builds a plan from a sheet's rows of text (row numbers in messages count from 1).
pub fn from_rows(file: &str, rows: &[Vec<String>]) -> Result<Imported, String> {
    let header_at = rows
        .iter()
        .position(|r| {
            let cols: Vec<Col> = r.iter().filter_map(|c| column_of(c)).collect();
            cols.contains(&Col::Name) && cols.len() >= 2
        })
        .ok_or_else(|| {
            format!(
                "{file}: không tìm thấy dòng tiêu đề cột (cần có cột «Tên thủ tục hành chính» hoặc «Tên/nhóm TTHC» và «STT»/«Lĩnh vực»)"
            )
        })?;
    let mut plan = Plan::default();
    // The title rows: "… NĂM 2024", "(Kèm theo Kế hoạch số …)".
    for r in &rows[..header_at] {
        for c in r {
            let f = fold(c);
            if let Some(i) = f.find("nam ") {
                let digits: String = f[i + 4..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                if digits.len() == 4 {
                    plan.year = digits.parse().unwrap_or(0);
                }
            }
            if (f.contains("ke hoach") && (f.contains("kem theo") || f.contains("so")))
                && plan.document.is_empty()
                && c.trim().starts_with('(')
            {
                plan.document = c
                    .trim()
                    .trim_start_matches('(')
                    .trim_end_matches(')')
                    .to_string();
            }
        }
    }
    let cols: Vec<Option<Col>> = rows[header_at].iter().map(|c| column_of(c)).collect();
    let mut problems = Vec::new();
    for (k, r) in rows.iter().enumerate().skip(header_at + 1) {
        let mut row = PlanRow::default();
        let mut any = false;
        for (c, text) in r.iter().enumerate() {
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            any = true;
            let slot = match cols.get(c).copied().flatten() {
                Some(Col::Stt) => &mut row.stt,
                Some(Col::Code) => &mut row.code,
                Some(Col::Name) => &mut row.name,
                Some(Col::Field) => &mut row.field,
                Some(Col::Lead) => &mut row.lead,
                Some(Col::Partners) => &mut row.partners,
                Some(Col::Direction) => &mut row.direction,
                None => continue,
            };
            *slot = text.nfc().collect();
        }
        if !any {
            continue;
        }
        // A column-number row under the header ("(1) (2) (3)" or "1 2 3").
        if row
            .name
            .chars()
            .all(|c| c.is_ascii_digit() || "() ".contains(c))
            && !row.name.is_empty()
        {
            continue;
        }
        if row.name.is_empty() {
            let text: Vec<&str> = r
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .collect();
            problems.push(format!(
                "{file}: dòng {}: không có tên TTHC, chưa đưa vào kế hoạch ({})",
                k + 1,
                crate::storage::quote(&text.join(" | "))
            ));
            continue;
        }
        plan.rows.push(row);
    }
    if plan.rows.is_empty() {
        return Err(format!(
            "{file}: không có dòng TTHC nào dưới dòng tiêu đề cột"
        ));
    }
    if plan.year > 0 {
        plan.milestones = Plan::default_milestones(plan.year);
    }
    Ok(Imported { plan, problems })
}

fn cell_text(d: &calamine::Data) -> String {
    use calamine::Data;
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// The rows of the first sheet (or the first sheet with a header row) of a workbook.
fn workbook_rows(path: &Path) -> Result<Vec<Vec<String>>, String> {
    use calamine::Reader;
    let name = path.display().to_string();
    let mut wb = calamine::open_workbook_auto(path)
        .map_err(|e| format!("{name}: không đọc được bảng tính ({e})"))?;
    let sheets = wb.sheet_names().to_vec();
    let mut first = None;
    for s in sheets {
        let range = wb
            .worksheet_range(&s)
            .map_err(|e| format!("{name}: không đọc được trang «{s}» ({e})"))?;
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(cell_text).collect())
            .collect();
        let has_header = rows.iter().any(|r| {
            let cols: Vec<Col> = r.iter().filter_map(|c| column_of(c)).collect();
            cols.contains(&Col::Name) && cols.len() >= 2
        });
        if has_header {
            return Ok(rows);
        }
        first.get_or_insert(rows);
    }
    first.ok_or_else(|| format!("{name}: bảng tính không có trang nào"))
}

fn csv_rows(path: &Path) -> Result<Vec<Vec<String>>, String> {
    let name = path.display().to_string();
    let bytes =
        crate::storage::read_limited(path, crate::storage::MAX_FILE_BYTES).map_err(|p| {
            crate::storage::LoadError {
                path: path.to_path_buf(),
                problem: p,
            }
            .to_string()
        })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        format!("{name}: tệp CSV không phải UTF-8; trong Excel hãy lưu lại với kiểu «CSV UTF-8»")
    })?;
    let text = text.trim_start_matches('\u{feff}');
    // Excel in a Vietnamese locale writes ";" between cells. Title rows above the header may
    // have neither, so the first lines are counted together.
    let head: Vec<&str> = text.lines().take(30).collect();
    let count = |c: char| head.iter().map(|l| l.matches(c).count()).sum::<usize>();
    let delimiter = if count(';') > count(',') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (k, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| format!("{name}: dòng {}: không đọc được ({e})", k + 1))?;
        rows.push(rec.iter().map(str::to_string).collect());
    }
    Ok(rows)
}

/// Imports a plan from a .xlsx / .xls / .ods / .csv file.
pub fn import(path: &Path) -> Result<Imported, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let rows = match ext.as_str() {
        "csv" => csv_rows(path)?,
        "xlsx" | "xlsm" | "xls" | "ods" => workbook_rows(path)?,
        _ => {
            return Err(format!(
                "{}: cần tệp .xlsx, .xls, .ods hoặc .csv",
                path.display()
            ));
        }
    };
    from_rows(&path.display().to_string(), &rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised_in_both_layouts() {
        assert_eq!(column_of("TT"), Some(Col::Stt));
        assert_eq!(column_of("STT"), Some(Col::Stt));
        assert_eq!(column_of("Tên/nhóm TTHC"), Some(Col::Name));
        assert_eq!(column_of("Tên thủ tục hành chính"), Some(Col::Name));
        assert_eq!(
            column_of("Mã số trên Cổng dịch vụ công quốc gia"),
            Some(Col::Code)
        );
        assert_eq!(column_of("LĨNH VỰC"), Some(Col::Field));
        assert_eq!(column_of("Đơn vị chủ trì"), Some(Col::Lead));
        assert_eq!(column_of("Đơn vị thực hiện"), Some(Col::Lead));
        assert_eq!(column_of("Đơn vị phối hợp"), Some(Col::Partners));
        assert_eq!(
            column_of("Định hướng, phương án đơn giản hóa"),
            Some(Col::Direction)
        );
        assert_eq!(column_of("Ghi chú"), None);
    }

    #[test]
    fn a_row_without_a_name_is_reported_with_its_number() {
        let rows = vec![
            vec!["KẾ HOẠCH RÀ SOÁT NĂM 2024".to_string()],
            vec!["TT".into(), "Tên/nhóm TTHC".into(), "Lĩnh vực".into()],
            vec!["1".into(), "Cấp giấy phép A".into(), "Điện".into()],
            vec!["2".into(), "".into(), "Điện".into()],
        ];
        let i = from_rows("ke-hoach.xlsx", &rows).unwrap();
        assert_eq!(i.plan.year, 2024);
        assert_eq!(i.plan.rows.len(), 1);
        assert_eq!(i.problems.len(), 1);
        assert!(i.problems[0].contains("dòng 4"), "{}", i.problems[0]);
    }
}
