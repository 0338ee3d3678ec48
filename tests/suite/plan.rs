//! The office's year: the plan imported from the department's own spreadsheet in either real
//! layout, matched with the reviews, statuses and overdue rows as `plan status` prints them.

use crate::common;
use common::*;
use rust_xlsxwriter::Workbook;
use std::path::Path;
use std::process::Command;
use tthc_review::plan::import::import;

const VLNCN: &str = "Cấp Giấy chứng nhận huấn luyện kỹ thuật an toàn vật liệu nổ công nghiệp thuộc thẩm quyền giải quyết của Sở Công Thương";
const VLNCN_LAI: &str = "Cấp lại Giấy chứng nhận huấn luyện kỹ thuật an toàn vật liệu nổ công nghiệp thuộc thẩm quyền giải quyết của Sở Công Thương";
const XANG_DAU: &str = "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu";

fn write_sheet(path: &Path, rows: &[Vec<&str>]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            match v.parse::<f64>() {
                Ok(n) if !v.contains(' ') => ws.write_number(r as u32, c as u16, n).unwrap(),
                _ => ws.write_string(r as u32, c as u16, *v).unwrap(),
            };
        }
    }
    wb.save(path).unwrap();
}

/// Layout 1 (TT | Tên/nhóm TTHC | Lĩnh vực | Đơn vị chủ trì | Đơn vị phối hợp | Định hướng …).
fn layout_1(path: &Path) {
    write_sheet(
        path,
        &[
            vec!["KẾ HOẠCH RÀ SOÁT, ĐÁNH GIÁ THỦ TỤC HÀNH CHÍNH NĂM 2024"],
            vec!["(Kèm theo Kế hoạch số: /KH-SCT ngày /3/2024 của Sở Công Thương)"],
            vec![],
            vec![
                "TT",
                "Tên/nhóm TTHC",
                "Lĩnh vực",
                "Đơn vị chủ trì",
                "Đơn vị phối hợp",
                "Định hướng, phương án đơn giản hóa",
            ],
            vec![
                "1",
                VLNCN,
                "Vật liệu nổ công nghiệp",
                "Phòng Quản lý Công nghiệp",
                "Văn phòng",
                "Phương án đơn giản hóa: Đề nghị bãi bỏ TTHC.\nLý do: …",
            ],
            vec![
                "2",
                VLNCN_LAI,
                "Vật liệu nổ công nghiệp",
                "Phòng Quản lý Công nghiệp",
                "Văn phòng",
                "",
            ],
            vec![
                "3",
                XANG_DAU,
                "Lưu thông hàng hóa trong nước",
                "Phòng Quản lý Thương mại- Xuất nhập khẩu",
                "",
                "",
            ],
        ],
    );
}

/// Layout 2 (STT | Mã số trên Cổng dịch vụ công quốc gia | Tên thủ tục hành chính | Lĩnh vực |
/// Đơn vị thực hiện), headers in capitals, codes as printed.
fn layout_2(path: &Path) {
    write_sheet(
        path,
        &[
            vec!["DANH MỤC THỦ TỤC HÀNH CHÍNH RÀ SOÁT, ĐƠN GIẢN HÓA NĂM 2024"],
            vec![
                "(Ban hành kèm theo Kế hoạch kiểm soát thủ tục hành chính năm 2024 của Sở Công Thương)",
            ],
            vec![
                "STT",
                "MÃ SỐ TRÊN CỔNG DỊCH VỤ CÔNG QUỐC GIA",
                "TÊN THỦ TỤC HÀNH CHÍNH",
                "LĨNH VỰC",
                "ĐƠN VỊ THỰC HIỆN",
            ],
            vec![
                "1",
                "",
                VLNCN,
                "Vật liệu nổ công nghiệp",
                "Phòng Quản lý Công nghiệp",
            ],
            vec![
                "2",
                "",
                VLNCN_LAI,
                "Vật liệu nổ công nghiệp",
                "Phòng Quản lý Công nghiệp",
            ],
            vec![
                "3",
                "2.000648 000.00.00 H32",
                XANG_DAU,
                "Lưu thông hàng hóa trong nước",
                "Phòng Quản lý Thương mại- Xuất nhập khẩu",
            ],
            vec!["4", "", "", "Điện", "Phòng Quản lý Năng lượng"],
        ],
    );
}

#[test]
fn both_layouts_import_to_the_same_plan_rows() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("kh-1.xlsx"), dir.path().join("kh-2.xlsx"));
    layout_1(&a);
    layout_2(&b);
    let one = import(&a).unwrap();
    let two = import(&b).unwrap();
    assert_eq!(one.plan.year, 2024);
    assert_eq!(two.plan.year, 2024);
    assert!(one.problems.is_empty(), "{:?}", one.problems);
    let key = |p: &tthc_review::plan::Plan| {
        p.rows
            .iter()
            .map(|r| {
                (
                    r.stt.clone(),
                    r.name.clone(),
                    r.field.clone(),
                    r.lead.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(key(&one.plan), key(&two.plan));
    assert_eq!(one.plan.rows[0].partners, "Văn phòng");
    assert!(
        one.plan.rows[0]
            .direction
            .starts_with("Phương án đơn giản hóa")
    );
    assert_eq!(two.plan.rows[2].code, "2.000648 000.00.00 H32");
    // The row without a name is reported with its row number, not dropped in silence.
    assert_eq!(two.problems.len(), 1);
    assert!(two.problems[0].contains("dòng 7"), "{}", two.problems[0]);
}

fn run(dir: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tthc-review"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_shipped_plan_shows_the_examples_and_the_overdue_rows() {
    let dir = tempfile::tempdir().unwrap();
    let reviews = dir.path().join("saved-reviews");
    std::fs::create_dir(&reviews).unwrap();
    for e in std::fs::read_dir(examples_dir()).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, reviews.join(p.file_name().unwrap())).unwrap();
        }
    }
    // Before the milestones: nothing late; the xăng dầu review was sent on 25/07/2024.
    let (ok, out, err) = run(dir.path(), &["plan", "status", "--today", "2024-07-01"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("xăng dầu — đã gửi thẩm định từ 25/07/2024"),
        "{out}"
    );
    assert!(out.contains("đang rà soát (100 %)"), "{out}");
    assert!(!out.contains("QUÁ HẠN"), "{out}");
    assert!(
        out.contains("tiết kiệm 174.985.240 đồng/năm (44,12 %)"),
        "{out}"
    );
    assert!(
        out.contains("cắt giảm 47,83 % (mục tiêu tối thiểu 30 %: đạt)"),
        "{out}"
    );
    // After 30/07: the two reviews not yet sent are overdue, the sent one is not.
    let (ok, out, _) = run(dir.path(), &["plan", "status", "--today", "2024-08-05"]);
    assert!(ok);
    assert_eq!(
        out.matches("QUÁ HẠN: CHƯA GỬI THẨM ĐỊNH (HẠN 30/07/2024)")
            .count(),
        2,
        "{out}"
    );
    assert!(out.contains("2 TTHC quá hạn."));
    // JSON for other tools.
    let (ok, out, _) = run(
        dir.path(),
        &["plan", "status", "--today", "2024-09-15", "--json"],
    );
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["rows"].as_array().unwrap().len(), 3);
    assert_eq!(v["rows"][2]["status"], "đã gửi thẩm định");
    assert_eq!(v["rows"][2]["files"][0], "xang-dau-cap-gcn-cua-hang.ron");
    assert!(
        v["rows"][2]["overdue"]
            .as_str()
            .unwrap()
            .contains("chưa hoàn thiện")
    );
    assert_eq!(v["totals"]["before"], 396_576_800);

    // A review outside the plan and a second review of a planned TTHC are shown.
    let mut extra = case_s();
    extra.tthc.name = "Thủ tục ngoài kế hoạch".into();
    tthc_review::storage::save_review(&reviews.join("ngoai-ke-hoach.ron"), &extra).unwrap();
    let mut copy =
        tthc_review::storage::load_review(&reviews.join("vlncn-cap-gcn-huan-luyen.ron")).unwrap();
    copy.tthc.code.clear();
    tthc_review::storage::save_review(&reviews.join("vlncn-ban-2.ron"), &copy).unwrap();
    let (ok, out, _) = run(dir.path(), &["plan", "status", "--today", "2024-07-01"]);
    assert!(ok);
    assert!(
        out.contains("Không có trong kế hoạch: ngoai-ke-hoach.ron"),
        "{out}"
    );
    assert!(
        out.contains("2 BẢN RÀ SOÁT: vlncn-ban-2.ron, vlncn-cap-gcn-huan-luyen.ron"),
        "{out}"
    );
    // The progress table in Excel: one row per plan row, overdue marks, figures, totals.
    let (ok, out, err) = run(
        dir.path(),
        &[
            "plan",
            "export",
            "-o",
            "tien-do.xlsx",
            "--today",
            "2024-08-05",
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("3 TTHC, 2 quá hạn"), "{out}");
    use calamine::Reader;
    let mut x: calamine::Xlsx<_> =
        calamine::open_workbook(dir.path().join("tien-do.xlsx")).unwrap();
    let sheet = x.worksheet_range("Tiến độ").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let xang = rows.iter().find(|r| r[1] == XANG_DAU).unwrap();
    assert_eq!(xang[3], "đã gửi thẩm định");
    assert_eq!(xang[4], "25/07/2024");
    assert_eq!(xang[7], "297692800");
    let late = rows.iter().filter(|r| r[5].contains("quá hạn")).count();
    assert_eq!(late, 2, "the two reviews not yet sent");
    let total = rows.iter().find(|r| r[1] == "Tổng cộng").unwrap();
    assert_eq!(total[7], "396576800");
    // The plan file is never listed or checked as a review.
    let (ok, out, _) = run(dir.path(), &["check", "saved-reviews"]);
    assert!(!out.contains("plan.ron"), "{out}");
    let _ = ok;
}

#[test]
fn plan_import_writes_a_plan_file_and_refuses_other_names() {
    let dir = tempfile::tempdir().unwrap();
    layout_1(&dir.path().join("ke-hoach.xlsx"));
    let (ok, _, err) = run(
        dir.path(),
        &["plan", "import", "ke-hoach.xlsx", "-o", "ke-hoach.ron"],
    );
    assert!(!ok);
    assert!(err.contains(".plan.ron"), "{err}");
    let (ok, out, err) = run(
        dir.path(),
        &[
            "plan",
            "import",
            "ke-hoach.xlsx",
            "-o",
            "ke-hoach-2024.plan.ron",
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("3 TTHC, năm 2024"), "{out}");
    let plan = tthc_review::plan::Plan::load(&dir.path().join("ke-hoach-2024.plan.ron")).unwrap();
    assert_eq!(plan.rows.len(), 3);
    assert_eq!(plan.milestones.len(), 3);
    // Never overwritten without --force.
    let (ok, _, err) = run(
        dir.path(),
        &[
            "plan",
            "import",
            "ke-hoach.xlsx",
            "-o",
            "ke-hoach-2024.plan.ron",
        ],
    );
    assert!(!ok && err.contains("--force"), "{err}");
    // A CSV from Excel in a Vietnamese locale (";", BOM) reads the same.
    std::fs::write(
        dir.path().join("kh.csv"),
        format!(
            "\u{feff}STT;Tên thủ tục hành chính;Lĩnh vực;Đơn vị thực hiện\n1;{VLNCN};Vật liệu nổ công nghiệp;Phòng Quản lý Công nghiệp\n"
        ),
    )
    .unwrap();
    let i = import(&dir.path().join("kh.csv")).unwrap();
    assert_eq!(i.plan.rows[0].name, VLNCN);
    assert_eq!(i.plan.rows[0].lead, "Phòng Quản lý Công nghiệp");
}

/// A plan as offices lay it out: a merged title, a two-row merged header ("Đơn vị thực hiện"
/// over "Chủ trì" / "Phối hợp"), a row of column numbers, group rows "I. LĨNH VỰC …" merged
/// across the table, a lĩnh vực merged down two rows, columns the plan has no field for, a row
/// without a name and the milestones in a note under the table.
fn merged_layout(path: &Path) {
    use rust_xlsxwriter::Format;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let f = Format::new();
    ws.merge_range(
        0,
        0,
        0,
        8,
        "KẾ HOẠCH RÀ SOÁT, ĐÁNH GIÁ THỦ TỤC HÀNH CHÍNH NĂM 2025",
        &f,
    )
    .unwrap();
    ws.merge_range(
        1,
        0,
        1,
        8,
        "(Kèm theo Kế hoạch số 12/KH-SCT ngày 10/3/2025 của Sở Công Thương)",
        &f,
    )
    .unwrap();
    for (c, h) in [
        (0, "TT"),
        (1, "Tên/nhóm TTHC"),
        (2, "Lĩnh vực"),
        (5, "Định hướng, phương án đơn giản hóa"),
        (8, "Ghi chú"),
    ] {
        ws.merge_range(3, c, 4, c, h, &f).unwrap();
    }
    ws.merge_range(3, 3, 3, 4, "Đơn vị thực hiện", &f).unwrap();
    ws.merge_range(3, 6, 3, 7, "Thời gian thực hiện", &f)
        .unwrap();
    for (c, h) in [
        (3, "Chủ trì"),
        (4, "Phối hợp"),
        (6, "Bắt đầu"),
        (7, "Hoàn thành"),
    ] {
        ws.write_string(4, c, h).unwrap();
    }
    for c in 0..9u16 {
        ws.write_string(5, c, format!("({})", c + 1)).unwrap();
    }
    ws.merge_range(6, 0, 6, 8, "I. LĨNH VỰC ĐIỆN", &f).unwrap();
    let row = |ws: &mut rust_xlsxwriter::Worksheet, r: u32, cells: &[&str]| {
        for (c, v) in cells.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r, c as u16, *v).unwrap();
            }
        }
    };
    row(
        ws,
        7,
        &[
            "1",
            "Cấp giấy phép hoạt động điện lực",
            "",
            "Phòng Quản lý Năng lượng",
            "Văn phòng",
            "Đề nghị rút ngắn thời hạn",
            "3/2025",
            "7/2025",
            "Ưu tiên",
        ],
    );
    row(
        ws,
        8,
        &[
            "2",
            "Cấp lại giấy phép hoạt động điện lực",
            "",
            "Phòng Quản lý Năng lượng",
            "",
            "",
            "3/2025",
            "7/2025",
            "",
        ],
    );
    ws.merge_range(9, 0, 9, 8, "II. LĨNH VỰC HÓA CHẤT", &f)
        .unwrap();
    row(
        ws,
        10,
        &[
            "3",
            "Cấp Giấy chứng nhận đủ điều kiện sản xuất hóa chất",
            "",
            "Phòng Quản lý Công nghiệp",
            "",
            "",
            "",
            "",
            "",
        ],
    );
    row(
        ws,
        11,
        &[
            "4",
            "Cấp lại Giấy chứng nhận đủ điều kiện sản xuất hóa chất",
            "",
            "Phòng Quản lý Công nghiệp",
            "",
            "",
            "",
            "",
            "",
        ],
    );
    ws.merge_range(10, 2, 11, 2, "Hóa chất công nghiệp", &f)
        .unwrap();
    row(
        ws,
        12,
        &["5", "", "", "Phòng Quản lý Công nghiệp", "", "", "", "", ""],
    );
    ws.merge_range(
        14,
        0,
        14,
        8,
        "Ghi chú: các phòng hoàn thành rà soát trước ngày 10/7/2025; gửi kết quả về Văn phòng UBND tỉnh trước ngày 28/7/2025 để đánh giá chất lượng; trình dự thảo quyết định thông qua phương án trước ngày 25/8/2025.",
        &f,
    )
    .unwrap();
    wb.save(path).unwrap();
}

#[test]
fn a_merged_two_row_header_imports_every_column_and_reports_what_it_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("ke-hoach.xlsx");
    merged_layout(&xlsx);
    let i = import(&xlsx).unwrap();
    let p = &i.plan;
    assert_eq!(p.year, 2025);
    assert_eq!(
        p.document,
        "Kèm theo Kế hoạch số 12/KH-SCT ngày 10/3/2025 của Sở Công Thương"
    );
    let got: Vec<(&str, &str, &str, &str, &str, &str)> = p
        .rows
        .iter()
        .map(|r| {
            (
                r.stt.as_str(),
                r.name.as_str(),
                r.field.as_str(),
                r.lead.as_str(),
                r.partners.as_str(),
                r.direction.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "1",
                "Cấp giấy phép hoạt động điện lực",
                "Điện",
                "Phòng Quản lý Năng lượng",
                "Văn phòng",
                "Đề nghị rút ngắn thời hạn"
            ),
            (
                "2",
                "Cấp lại giấy phép hoạt động điện lực",
                "Điện",
                "Phòng Quản lý Năng lượng",
                "",
                ""
            ),
            (
                "3",
                "Cấp Giấy chứng nhận đủ điều kiện sản xuất hóa chất",
                "Hóa chất công nghiệp",
                "Phòng Quản lý Công nghiệp",
                "",
                ""
            ),
            (
                "4",
                "Cấp lại Giấy chứng nhận đủ điều kiện sản xuất hóa chất",
                "Hóa chất công nghiệp",
                "Phòng Quản lý Công nghiệp",
                "",
                ""
            ),
        ]
    );
    // The columns no plan field takes, and the row without a name, each named.
    let problems = i.problems.join("\n");
    for needle in [
        "cột G «Thời gian thực hiện / Bắt đầu»",
        "cột H «Thời gian thực hiện / Hoàn thành»",
        "cột I «Ghi chú»",
        "dòng 13: không có tên TTHC",
    ] {
        assert!(problems.contains(needle), "«{needle}» not in:\n{problems}");
    }
    assert_eq!(i.problems.len(), 4, "{problems}");
    assert!(
        i.columns
            .contains(&"Đơn vị thực hiện / Chủ trì → Đơn vị chủ trì".to_string()),
        "{:?}",
        i.columns
    );
    assert!(
        i.columns
            .contains(&"Đơn vị thực hiện / Phối hợp → Đơn vị phối hợp".to_string())
    );
    // The milestones of the note, not the usual 15/7, 30/7, 31/8.
    assert!(i.milestones_found);
    let dates: Vec<String> = p.milestones.iter().map(|m| m.date.to_string()).collect();
    assert_eq!(dates, ["2025-07-10", "2025-07-28", "2025-08-25"]);

    // The real binary from a relative folder: what it read and left out comes before «Đã ghi».
    let (ok, stdout, stderr) = run(
        dir.path(),
        &[
            "plan",
            "import",
            "ke-hoach.xlsx",
            "-o",
            "ke-hoach-2025.plan.ron",
        ],
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("Tên/nhóm TTHC → Tên TTHC"), "{stdout}");
    assert!(stderr.contains("cột I «Ghi chú»"), "{stderr}");
    assert!(
        stdout.contains("Đã ghi ke-hoach-2025.plan.ron: 4 TTHC, năm 2025; 4 chỗ không đưa vào"),
        "{stdout}"
    );
    let first = std::fs::read(dir.path().join("ke-hoach-2025.plan.ron")).unwrap();
    // A corrected re-import replaces it only when asked, keeping the old one as .bak.
    let (ok, _, stderr) = run(
        dir.path(),
        &[
            "plan",
            "import",
            "ke-hoach.xlsx",
            "-o",
            "ke-hoach-2025.plan.ron",
        ],
    );
    assert!(!ok && stderr.contains("--force"), "{stderr}");
    let (ok, _, stderr) = run(
        dir.path(),
        &[
            "plan",
            "import",
            "ke-hoach.xlsx",
            "-o",
            "ke-hoach-2025.plan.ron",
            "--force",
            "--milestones",
            "11/07/2025,29/07/2025,26/08/2025",
        ],
    );
    assert!(ok, "{stderr}");
    assert_eq!(
        std::fs::read(dir.path().join("ke-hoach-2025.plan.ron.bak")).unwrap(),
        first
    );
    let plan = tthc_review::plan::Plan::load(&dir.path().join("ke-hoach-2025.plan.ron")).unwrap();
    assert_eq!(plan.milestones[2].date.to_string(), "2025-08-26");
}

#[test]
fn a_sheet_without_milestones_says_the_usual_ones_were_used() {
    let dir = tempfile::tempdir().unwrap();
    layout_1(&dir.path().join("pl.xlsx"));
    let (ok, _, stderr) = run(
        dir.path(),
        &["plan", "import", "pl.xlsx", "-o", "k.plan.ron"],
    );
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains("Tệp không ghi các mốc thời gian: tạm dùng mốc thường lệ 15/07/2024, 30/07/2024, 31/08/2024"),
        "{stderr}"
    );
}

#[test]
fn the_portals_list_of_a_department_starts_a_plan() {
    use rust_xlsxwriter::Format;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("danh-sach-tthc.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 8, "DANH SÁCH THỦ TỤC HÀNH CHÍNH", &f)
        .unwrap();
    let header = [
        "STT",
        "Mã TTHC",
        "Tên TTHC",
        "Lĩnh vực",
        "Đối tượng",
        "Cơ quan công khai",
        "Cấp thực hiện",
        "Tình trạng",
        "QĐ Công bố",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.merge_range(1, c as u16, 2, c as u16, h, &f).unwrap();
    }
    let rows = [
        [
            "1",
            "2.000648.000.00.00.H32",
            XANG_DAU,
            "Lưu thông hàng hóa trong nước",
            "Tổ chức",
            "Sở Công Thương",
            "Cấp Tỉnh",
            "Còn hiệu lực",
            "QĐ 1234/QĐ-UBND",
        ],
        [
            "2",
            "1.000123",
            "Cấp Giấy phép hoạt động điện lực",
            "Điện",
            "Tổ chức",
            "Sở Công Thương",
            "Cấp Tỉnh",
            "Còn hiệu lực",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(3 + r as u32, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(&path).unwrap();
    let i = import(&path).unwrap();
    let got: Vec<(&str, &str, &str)> = i
        .plan
        .rows
        .iter()
        .map(|r| (r.code.as_str(), r.name.as_str(), r.field.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "2.000648.000.00.00.H32",
                XANG_DAU,
                "Lưu thông hàng hóa trong nước"
            ),
            ("1.000123", "Cấp Giấy phép hoạt động điện lực", "Điện"),
        ]
    );
    // What the plan has no field for is named, column by column.
    let problems = i.problems.join("\n");
    for col in [
        "cột E «Đối tượng»",
        "cột F «Cơ quan công khai»",
        "cột G «Cấp thực hiện»",
        "cột H «Tình trạng»",
        "cột I «QĐ Công bố»",
    ] {
        assert!(problems.contains(col), "{col} not in:\n{problems}");
    }
}

#[test]
fn a_cell_at_the_far_corner_neither_aborts_nor_allocates_the_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("xa.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "STT").unwrap();
    ws.write_string(0, 1, "Tên thủ tục hành chính").unwrap();
    ws.write_string(1, 0, "1").unwrap();
    ws.write_string(1, 1, XANG_DAU).unwrap();
    // XFD1048576: the last cell Excel has.
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    wb.save(&path).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 10_000);
    // The real binary under a 1 GB address-space limit: a grid of the declared size would not fit.
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 1048576; exec '{}' plan import xa.xlsx -o xa.plan.ron",
            env!("CARGO_BIN_EXE_tthc-review")
        ))
        .current_dir(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {err}", out.status.code());
    assert!(
        err.contains("1 ô có nội dung ở ngoài 20000 dòng, 100 cột đầu"),
        "{err}"
    );
    let plan = tthc_review::plan::Plan::load(&dir.path().join("xa.plan.ron")).unwrap();
    assert_eq!(plan.rows.len(), 1);
}

#[test]
fn an_unclosed_quote_in_a_csv_is_an_error_on_its_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("kh.csv"),
        format!(
            "STT,Tên thủ tục hành chính,Lĩnh vực\n1,{XANG_DAU},Lưu thông hàng hóa\n2,\"Cấp phép A,Điện\n3,Cấp phép B,Điện\n"
        ),
    )
    .unwrap();
    let (ok, _, err) = run(
        dir.path(),
        &["plan", "import", "kh.csv", "-o", "kh.plan.ron"],
    );
    assert!(!ok);
    assert!(
        err.contains("kh.csv: dòng 3: dấu ngoặc kép \" mở mà không đóng"),
        "{err}"
    );
    assert!(!dir.path().join("kh.plan.ron").exists());
}

#[test]
fn formula_cells_saved_without_their_value_are_reported_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cong-thuc.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("KH").unwrap();
    for (c, h) in ["STT", "Tên thủ tục hành chính", "Lĩnh vực"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "1").unwrap();
    ws.write_string(1, 1, XANG_DAU).unwrap();
    ws.write_string(1, 2, "Lưu thông hàng hóa").unwrap();
    // A row whose name is a formula a program wrote without computing it (no cached value).
    ws.write_string(2, 0, "2").unwrap();
    ws.write_formula(2, 1, "=Z1").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    // The writer stores a value (0) with every formula; a file from another program may not:
    // the same workbook with the value taken out, as openpyxl writes it.
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..src.len() {
        use std::io::{Read, Write};
        let mut e = src.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut data = Vec::new();
        e.read_to_end(&mut data).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(data).unwrap();
            assert!(xml.contains("<f>Z1</f><v>0</v>"), "{xml}");
            data = xml.replace("<f>Z1</f><v>0</v>", "<f>Z1</f>").into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap();
    let (ok, _, err) = run(
        dir.path(),
        &["plan", "import", "cong-thuc.xlsx", "-o", "kh.plan.ron"],
    );
    assert!(ok, "{err}");
    assert!(
        err.contains("trang «KH»: 1 ô công thức chưa có giá trị tính sẵn (B3)"),
        "{err}"
    );
}
