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

impl Col {
    /// The plan field a column fills, in words.
    pub fn label(self) -> &'static str {
        match self {
            Col::Stt => "STT",
            Col::Code => "Mã số",
            Col::Name => "Tên TTHC",
            Col::Field => "Lĩnh vực",
            Col::Lead => "Đơn vị chủ trì",
            Col::Partners => "Đơn vị phối hợp",
            Col::Direction => "Định hướng",
        }
    }
}

/// What an import gives: the plan (rows in sheet order), how the sheet's columns were read, and
/// everything it could not take (columns, rows), each with its place in the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub plan: Plan,
    /// Each header of the sheet ("Đơn vị thực hiện / Chủ trì" for a two-row header) with the
    /// plan field it fills: "Tên/nhóm TTHC → Tên TTHC".
    pub columns: Vec<String>,
    /// Columns with content that no plan field takes, rows that could not be read.
    pub problems: Vec<String>,
    /// Group rows ("I. LĨNH VỰC ĐIỆN") read as the lĩnh vực of the rows under them.
    pub notes: Vec<String>,
    /// Whether the milestones came from the sheet (else they are the usual ones, to confirm).
    pub milestones_found: bool,
}

/// "A", "B" … "AA": a column as Excel names it.
fn column_name(c: usize) -> String {
    let mut n = c + 1;
    let mut s = String::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.insert(0, (b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    s
}

/// A merged block of cells: first and last row and column, counted from 0 in `rows`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub rows: (usize, usize),
    pub cols: (usize, usize),
}

/// The sheet with every cell of a merged block holding the block's text (Excel keeps it in the
/// first cell only), so a header or a lĩnh vực merged over several rows reads in each of them.
fn fill_merges(rows: &mut [Vec<String>], merges: &[Merge]) {
    // Never grow the sheet for a block that lies past its content.
    let height = rows.len();
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for m in merges {
        let Some(text) = rows.get(m.rows.0).and_then(|r| r.get(m.cols.0)).cloned() else {
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        for r in m.rows.0..=m.rows.1.min(height.saturating_sub(1)) {
            let row = &mut rows[r];
            let last = m.cols.1.min(width.saturating_sub(1));
            if row.len() <= last {
                row.resize(last + 1, String::new());
            }
            for cell in &mut row[m.cols.0..=last] {
                if cell.trim().is_empty() {
                    *cell = text.clone();
                }
            }
        }
    }
}

fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// A row of column numbers under a header: "(1) (2) (3)" or "1 2 3".
fn is_number_row(r: &[String]) -> bool {
    let cells: Vec<&str> = r
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    cells.len() >= 2
        && cells.iter().all(|c| {
            c.chars()
                .all(|ch| ch.is_ascii_digit() || "() ".contains(ch))
        })
}

/// The headers of the block that starts at row `at`: one per column, a sub-header row joined
/// to the header over it ("Đơn vị thực hiện" over "Chủ trì" → "Đơn vị thực hiện Chủ trì").
/// Returns the headers and how many rows the block takes.
fn header_block(rows: &[Vec<String>], at: usize) -> (Vec<String>, usize) {
    let head = &rows[at];
    let mut headers: Vec<String> = head.iter().map(|c| c.trim().to_string()).collect();
    let name_col = head.iter().position(|c| column_of(c) == Some(Col::Name));
    let mut taken = 1;
    // Up to two rows of sub-headers.
    while taken <= 2 {
        let Some(sub) = rows.get(at + taken) else {
            break;
        };
        if sub.iter().all(|c| is_blank(c)) || is_number_row(sub) {
            break;
        }
        // A data row has a name of its own under the name header; a sub-header row has none
        // (or the header itself, repeated by a merge).
        let name_here = name_col.and_then(|c| sub.get(c)).map_or("", |s| s.trim());
        if !name_here.is_empty() && Some(name_here) != name_col.map(|c| head[c].trim()) {
            break;
        }
        // Nothing in it looks like data: no plain number.
        if sub
            .iter()
            .any(|c| !c.trim().is_empty() && c.trim().chars().all(|ch| ch.is_ascii_digit()))
        {
            break;
        }
        if headers.len() < sub.len() {
            headers.resize(sub.len(), String::new());
        }
        for (c, text) in sub.iter().enumerate() {
            let text = text.trim();
            if text.is_empty()
                || text == headers[c].trim()
                || text == head.get(c).map_or("", |h| h.trim())
            {
                continue;
            }
            // The parent is the header over it, or (without merge information) the nearest
            // header to its left.
            let parent = if !headers[c].is_empty() {
                headers[c].clone()
            } else {
                (0..c)
                    .rev()
                    .map(|k| head.get(k).map_or("", |h| h.trim()))
                    .find(|h| !h.is_empty())
                    .unwrap_or("")
                    .to_string()
            };
            headers[c] = if parent.is_empty() {
                text.to_string()
            } else {
                format!("{parent} / {text}")
            };
        }
        taken += 1;
    }
    (headers, taken)
}

/// The plan field of a header, the joined text first, then the sub-header alone.
fn column_of_header(h: &str) -> Option<Col> {
    column_of(h).or_else(|| h.rsplit(" / ").next().and_then(column_of))
}

/// Where the header row is: the first row that names the TTHC column itself and, with its
/// sub-headers, another column.
fn find_header(rows: &[Vec<String>]) -> Option<usize> {
    (0..rows.len()).find(|&i| {
        if !rows[i].iter().any(|c| column_of(c) == Some(Col::Name)) {
            return false;
        }
        let (headers, _) = header_block(rows, i);
        let cols: Vec<Col> = headers.iter().filter_map(|h| column_of_header(h)).collect();
        cols.contains(&Col::Name) && cols.len() >= 2
    })
}

/// A group row spanning the table ("I. LĨNH VỰC ĐIỆN", "Nhóm TTHC về …"): every cell with
/// text holds the same text (a merged row), or only the first cells do and no name is given.
fn group_title(r: &[String], name_col: usize) -> Option<String> {
    let texts: Vec<&str> = r
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    let first = *texts.first()?;
    let all_same = texts.len() >= 2 && texts.iter().all(|t| *t == first);
    let alone = texts.len() == 1 && r.get(name_col).is_none_or(|c| c.trim() != first);
    (all_same || alone).then(|| first.to_string())
}

/// The lĩnh vực a group title names: "I. LĨNH VỰC ĐIỆN" → "Điện" (as the title writes it,
/// upper-case titles turned to sentence case).
fn field_of_title(title: &str) -> Option<String> {
    let folded = fold(title);
    let at = folded.find("linh vuc")?;
    // The same position in the original: count the characters before it.
    let chars_before = folded[..at].chars().count();
    let rest: String = title
        .chars()
        .skip(chars_before + "lĩnh vực".chars().count())
        .collect();
    let rest = rest.trim().trim_start_matches([':', '-', '–']).trim();
    if rest.is_empty() {
        return None;
    }
    let letters: Vec<char> = rest.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = !letters.is_empty() && letters.iter().all(|c| !c.is_lowercase());
    Some(if upper {
        let lower = rest.to_lowercase();
        let mut cs = lower.chars();
        cs.next()
            .map(|f| f.to_uppercase().collect::<String>() + cs.as_str())
            .unwrap_or_default()
    } else {
        rest.to_string()
    })
}

/// Dates written in the sheet's notes ("… trước ngày 30/7/2025 …") as the plan's milestones.
fn milestones_in(texts: &[&str], year: i32) -> Vec<(super::MilestoneKind, chrono::NaiveDate)> {
    use super::MilestoneKind::*;
    let mut found = Vec::new();
    // One sentence or clause at a time: a note may name all three milestones.
    let parts = texts
        .iter()
        .flat_map(|t| t.split([';', '\n']))
        .flat_map(|t| t.split(". "));
    for t in parts {
        let f = fold(t);
        let kind = if f.contains("quyet dinh") {
            Decision
        } else if f.contains("van phong") && (f.contains("ubnd") || f.contains("uy ban")) {
            SentForAssessment
        } else if f.contains("hoan thanh") && f.contains("ra soat") {
            ReviewDone
        } else {
            continue;
        };
        for word in f.split(|c: char| !(c.is_ascii_digit() || c == '/')) {
            let parts: Vec<&str> = word.split('/').filter(|p| !p.is_empty()).collect();
            let nums: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
            let date = match nums.as_slice() {
                [d, m, y] if *y > 1900 => chrono::NaiveDate::from_ymd_opt(*y as i32, *m, *d),
                [d, m] if year > 0 => chrono::NaiveDate::from_ymd_opt(year, *m, *d),
                _ => None,
            };
            if let Some(date) = date
                && !found.iter().any(|(k, _)| *k == kind)
            {
                found.push((kind, date));
                break;
            }
        }
    }
    found
}

/// Builds a plan from a sheet's rows of text (row numbers in messages count from 1).
pub fn from_rows(file: &str, rows: &[Vec<String>]) -> Result<Imported, String> {
    from_sheet(file, rows.to_vec(), &[])
}

/// Builds a plan from a sheet's rows and its merged blocks.
pub fn from_sheet(
    file: &str,
    mut rows: Vec<Vec<String>>,
    merges: &[Merge],
) -> Result<Imported, String> {
    fill_merges(&mut rows, merges);
    let header_at = find_header(&rows).ok_or_else(|| {
        format!(
            "{file}: không tìm thấy dòng tiêu đề cột (cần có cột «Tên thủ tục hành chính» hoặc «Tên/nhóm TTHC» và «STT»/«Lĩnh vực»)"
        )
    })?;
    let (headers, header_rows) = header_block(&rows, header_at);
    let mut plan = Plan::default();
    // The title rows: "… NĂM 2024", "(Kèm theo Kế hoạch số …)".
    for r in &rows[..header_at] {
        let mut seen = Vec::new();
        for c in r {
            // A merged title repeats in every cell: read it once.
            if seen.contains(&c) {
                continue;
            }
            seen.push(c);
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
    // Each column's field; a second column for a field already taken is reported, unless it
    // only repeats the first (a merged header and merged cells).
    let mut cols: Vec<Option<Col>> = Vec::with_capacity(headers.len());
    let mut columns = Vec::new();
    let mut problems = Vec::new();
    let data_in = |c: usize| {
        rows.iter()
            .skip(header_at + header_rows)
            .filter(|r| r.get(c).is_some_and(|t| !is_blank(t)))
            .count()
    };
    for (c, h) in headers.iter().enumerate() {
        let col = column_of_header(h);
        let dup = col.and_then(|x| cols.iter().position(|k| *k == Some(x)));
        match (col, dup) {
            (Some(x), None) => {
                columns.push(format!("{h} → {}", x.label()));
                cols.push(Some(x));
            }
            (Some(x), Some(first)) => {
                cols.push(None);
                if headers[first] != *h && data_in(c) > 0 {
                    problems.push(format!(
                        "{file}: cột {} «{h}» cũng là «{}» như cột {}; chỉ lấy cột {}",
                        column_name(c),
                        x.label(),
                        column_name(first),
                        column_name(first)
                    ));
                }
            }
            (None, _) => {
                cols.push(None);
                let n = data_in(c);
                if n > 0 {
                    let title = if h.is_empty() {
                        "(không có tiêu đề)".to_string()
                    } else {
                        format!("«{h}»")
                    };
                    problems.push(format!(
                        "{file}: cột {} {title} không thuộc mục nào của kế hoạch; {n} dòng có nội dung ở cột này không được đưa vào",
                        column_name(c)
                    ));
                }
            }
        }
    }
    let name_col = cols
        .iter()
        .position(|c| *c == Some(Col::Name))
        .expect("the header has a name column");
    let mut notes = Vec::new();
    let mut group_field: Option<String> = None;
    let mut after_table: Vec<String> = Vec::new();
    for (k, r) in rows.iter().enumerate().skip(header_at + header_rows) {
        if r.iter().all(|c| is_blank(c)) || is_number_row(r) {
            continue;
        }
        if let Some(title) = group_title(r, name_col) {
            match field_of_title(&title) {
                Some(field) => {
                    notes.push(format!(
                        "{file}: dòng {}: «{}» — lĩnh vực «{field}» cho các dòng dưới",
                        k + 1,
                        crate::text::quote(&title)
                    ));
                    group_field = Some(field);
                }
                None if plan.rows.is_empty() || title.chars().count() < 60 => {
                    problems.push(format!(
                        "{file}: dòng {}: dòng tiêu đề nhóm «{}», không phải TTHC, không đưa vào kế hoạch",
                        k + 1,
                        crate::text::quote(&title)
                    ));
                }
                // A long line under the table: a note of the plan (read for its dates).
                None => after_table.push(title),
            }
            continue;
        }
        let mut row = PlanRow::default();
        for (c, text) in r.iter().enumerate() {
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
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
        if row.name.is_empty() {
            let text: Vec<&str> = r
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .collect();
            problems.push(format!(
                "{file}: dòng {}: không có tên TTHC, chưa đưa vào kế hoạch ({})",
                k + 1,
                crate::text::quote(&text.join(" | "))
            ));
            continue;
        }
        if row.field.is_empty()
            && let Some(f) = &group_field
        {
            row.field = f.clone();
        }
        plan.rows.push(row);
    }
    if plan.rows.is_empty() {
        return Err(format!(
            "{file}: không có dòng TTHC nào dưới dòng tiêu đề cột"
        ));
    }
    let mut texts: Vec<&str> = rows[..header_at]
        .iter()
        .flat_map(|r| r.iter().map(String::as_str))
        .collect();
    texts.extend(after_table.iter().map(String::as_str));
    let found = milestones_in(&texts, plan.year);
    let year = if plan.year > 0 {
        plan.year
    } else {
        found.first().map_or(0, |(_, d)| chrono::Datelike::year(d))
    };
    if year > 0 {
        plan.milestones = Plan::default_milestones(year);
        for m in &mut plan.milestones {
            if let Some((_, d)) = found.iter().find(|(k, _)| *k == m.kind) {
                m.date = *d;
            }
        }
    }
    Ok(Imported {
        plan,
        columns,
        problems,
        notes,
        milestones_found: !found.is_empty(),
    })
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

/// The merged blocks of a sheet, relative to the range's first cell.
fn merges_of<RS: std::io::Read + std::io::Seek>(
    wb: &mut calamine::Sheets<RS>,
    sheet: &str,
    origin: (u32, u32),
) -> Vec<Merge> {
    let dims = match wb {
        calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
        calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
        _ => Vec::new(),
    };
    dims.into_iter()
        .filter(|d| d.start.0 >= origin.0 && d.start.1 >= origin.1)
        .map(|d| Merge {
            rows: (
                (d.start.0 - origin.0) as usize,
                (d.end.0 - origin.0) as usize,
            ),
            cols: (
                (d.start.1 - origin.1) as usize,
                (d.end.1 - origin.1) as usize,
            ),
        })
        .collect()
}

/// How far into a sheet a plan's annex is read: far beyond any real plan (a department lists a few
/// hundred TTHC in under twenty columns), and a bound on what a hostile file can make us allocate.
const MAX_ROWS: u32 = 20_000;
const MAX_COLS: u32 = 100;
/// The largest spreadsheet read.
const MAX_SHEET_BYTES: u64 = 32 << 20;

fn data_ref_text(d: &calamine::DataRef) -> String {
    use calamine::DataRef;
    match d {
        DataRef::Empty => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => d.as_f64().to_string(),
        DataRef::Error(e) => e.to_string(),
    }
}

/// An .xlsx sheet's cells, streamed: only the cells inside the bounds are kept, so a file that
/// declares (or holds) a cell at XFD1048576 never makes us allocate the whole grid. Cells with
/// text beyond the bounds are counted and reported.
fn xlsx_sheet_rows<RS: std::io::Read + std::io::Seek>(
    wb: &mut calamine::Xlsx<RS>,
    sheet: &str,
    name: &str,
) -> Result<SheetCells, String> {
    let mut reader = wb
        .worksheet_cells_reader(sheet)
        .map_err(|_| format!("{name}: không đọc được trang «{sheet}» (trang hỏng)"))?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut outside = 0usize;
    let mut uncached = Vec::new();
    while let Some(cell) = reader
        .next_cell_with_formula_metadata()
        .map_err(|_| format!("{name}: không đọc được trang «{sheet}» (trang hỏng)"))?
    {
        let (r, c) = cell.pos;
        let text = data_ref_text(&cell.value);
        if text.trim().is_empty() {
            // A formula saved without its value (written by a program, never opened in
            // Excel): what it shows cannot be read, and the user is told where.
            if cell.formula.is_some() && r < MAX_ROWS && c < MAX_COLS {
                uncached.push((r as usize, c as usize));
            }
            continue;
        }
        if r >= MAX_ROWS || c >= MAX_COLS {
            outside += 1;
            continue;
        }
        let (r, c) = (r as usize, c as usize);
        if rows.len() <= r {
            rows.resize(r + 1, Vec::new());
        }
        if rows[r].len() <= c {
            rows[r].resize(c + 1, String::new());
        }
        rows[r][c] = text;
    }
    Ok(SheetCells {
        rows,
        outside,
        uncached,
    })
}

/// What was read of one .xlsx sheet.
struct SheetCells {
    rows: Vec<Vec<String>>,
    /// Cells with text beyond [`MAX_ROWS`] × [`MAX_COLS`], not read.
    outside: usize,
    /// Formula cells saved without a value, (row, column) from 0.
    uncached: Vec<(usize, usize)>,
}

/// "Trang «KH»: 3 ô công thức chưa có giá trị tính sẵn (B5, B6, C9) …".
fn uncached_problem(name: &str, sheet: &str, cells: &[(usize, usize)]) -> Option<String> {
    if cells.is_empty() {
        return None;
    }
    let mut shown: Vec<String> = cells
        .iter()
        .take(10)
        .map(|&(r, c)| format!("{}{}", column_name(c), r + 1))
        .collect();
    if cells.len() > 10 {
        shown.push("…".into());
    }
    Some(format!(
        "{name}: trang «{sheet}»: {} ô công thức chưa có giá trị tính sẵn ({}), không đọc được — hãy mở tệp trong Excel, lưu lại rồi nhập lại",
        cells.len(),
        shown.join(", ")
    ))
}

/// A sheet as read: its rows of cell texts, its merged blocks, and what was left unread (in
/// words).
type SheetRead = (Vec<Vec<String>>, Vec<Merge>, Vec<String>);

/// The rows and merged blocks of the first sheet with a header row (else the first sheet).
fn workbook_rows(path: &Path) -> Result<SheetRead, String> {
    use calamine::Reader;
    let name = path.display().to_string();
    // A regular file of at most 32 MB, checked before calamine opens it.
    crate::storage::open_regular(path, MAX_SHEET_BYTES).map_err(|e| format!("{name}: {e}"))?;
    let is_xlsx = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xlsm"));
    if is_xlsx {
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).map_err(|_| {
            format!(
                "{name}: không đọc được bảng tính (tệp hỏng, có mật khẩu hoặc không phải tệp Excel)"
            )
        })?;
        let sheets = calamine::Reader::sheet_names(&wb).to_vec();
        let mut first = None;
        for s in sheets {
            let SheetCells {
                mut rows,
                outside,
                uncached,
            } = xlsx_sheet_rows(&mut wb, &s, &name)?;
            if outside > 0 && rows.iter().all(|r| r.is_empty()) {
                return Err(format!(
                    "{name}: trang «{s}» chỉ có nội dung ở quá xa (ngoài {MAX_ROWS} dòng, {MAX_COLS} cột đầu): không phải phụ lục kế hoạch"
                ));
            }
            let merges: Vec<Merge> = wb
                .merge_cells_by_sheet_name(&s)
                .unwrap_or_default()
                .into_iter()
                .filter(|d| d.start.0 < MAX_ROWS && d.start.1 < MAX_COLS)
                .map(|d| Merge {
                    rows: (d.start.0 as usize, d.end.0.min(MAX_ROWS - 1) as usize),
                    cols: (d.start.1 as usize, d.end.1.min(MAX_COLS - 1) as usize),
                })
                .collect();
            fill_merges(&mut rows, &merges);
            let far = (outside > 0).then(|| {
                format!(
                    "{name}: trang «{s}»: {outside} ô có nội dung ở ngoài {MAX_ROWS} dòng, {MAX_COLS} cột đầu, không đọc"
                )
            });
            let notes: Vec<String> = far
                .into_iter()
                .chain(uncached_problem(&name, &s, &uncached))
                .collect();
            if find_header(&rows).is_some() {
                return Ok((rows, merges, notes));
            }
            first.get_or_insert((rows, merges, notes));
        }
        return first.ok_or_else(|| format!("{name}: bảng tính không có trang nào"));
    }
    let mut wb = calamine::open_workbook_auto(path).map_err(|_| {
        format!(
            "{name}: không đọc được bảng tính (tệp hỏng, có mật khẩu, quá lớn để đọc — ví dụ có ô ở quá xa —, hoặc không phải tệp Excel/ODS)"
        )
    })?;
    let sheets = wb.sheet_names().to_vec();
    let mut first = None;
    for s in sheets {
        let range = wb
            .worksheet_range(&s)
            .map_err(|_| format!("{name}: không đọc được trang «{s}» (trang hỏng)"))?;
        let mut rows: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(cell_text).collect())
            .collect();
        let merges = merges_of(&mut wb, &s, range.start().unwrap_or((0, 0)));
        fill_merges(&mut rows, &merges);
        if find_header(&rows).is_some() {
            return Ok((rows, merges, Vec::new()));
        }
        first.get_or_insert((rows, merges, Vec::new()));
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
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(k as u64 + 1, |p| p.line());
            format!("{name}: dòng {line}: không đọc được ({})", csv_words(&e))
        })?;
        rows.push(rec.iter().map(str::to_string).collect());
    }
    if let Some(line) = unclosed_quote(text, delimiter) {
        return Err(format!(
            "{name}: dòng {line}: dấu ngoặc kép \" mở mà không đóng — các dòng sau nó sẽ bị gộp thành một ô; hãy sửa dòng đó trong Excel rồi lưu lại"
        ));
    }
    Ok(rows)
}

fn csv_words(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "không phải UTF-8".into(),
        csv::ErrorKind::Io(io) => crate::storage::io_words(io),
        _ => "dòng không đúng dạng CSV".into(),
    }
}

/// The line on which a quoted cell opens and never closes (the CSV reader would quietly take
/// the rest of the file into that cell). Quotes count only at the start of a cell; `""` inside a
/// quoted cell is a quote.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    let d = delimiter as char;
    let mut line = 1;
    let mut open_at = None;
    let mut cell_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (open_at, c) {
            (Some(_), '"') if chars.peek() == Some(&'"') => {
                chars.next();
            }
            (Some(_), '"') => {
                open_at = None;
                cell_start = false;
            }
            (None, '"') if cell_start => {
                open_at = Some(line);
                cell_start = false;
            }
            (_, '\n') => {
                line += 1;
                if open_at.is_none() {
                    cell_start = true;
                }
            }
            (None, c) if c == d => cell_start = true,
            (None, '\r') => {}
            _ => cell_start = false,
        }
    }
    open_at
}

/// Imports a plan from a .xlsx / .xls / .ods / .csv file.
pub fn import(path: &Path) -> Result<Imported, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let (rows, merges, far) = match ext.as_str() {
        "csv" => (csv_rows(path)?, Vec::new(), Vec::new()),
        "xlsx" | "xlsm" | "xls" | "ods" => workbook_rows(path)?,
        _ => {
            return Err(format!(
                "{}: cần tệp .xlsx, .xls, .ods hoặc .csv",
                path.display()
            ));
        }
    };
    let mut imported = from_sheet(&path.display().to_string(), rows, &merges)?;
    imported.problems.extend(far);
    Ok(imported)
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
    fn an_unclosed_quote_in_a_csv_is_found_on_its_line() {
        assert_eq!(unclosed_quote("a,b\n1,\"x\n2,y\n", b','), Some(2));
        assert_eq!(unclosed_quote("a,b\n1,\"x\ny\"\n2,y\n", b','), None);
        assert_eq!(unclosed_quote("a;\"say \"\"hi\"\"\"\n", b';'), None);
        assert_eq!(unclosed_quote("a,5\" pipe,b\n", b','), None);
        assert_eq!(unclosed_quote("\"a\r\n", b','), Some(1));
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
