//! The office's year: the plan imported from the department's own spreadsheet in either real
//! layout, matched with the reviews, statuses and overdue rows as `plan status` prints them.

mod common;
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
