#![allow(dead_code)]

pub mod gui;

use rust_decimal::Decimal;
use std::fs;
use std::process::Command;
use std::str::FromStr;
use tthc_review::model::*;

/// The owner file of a colleague ("lan" on machine PHONG-KHAC) who opened `review` a minute ago
/// and still has it open.
pub fn colleague_has_open(review: &std::path::Path) {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        - 60;
    fs::write(
        tthc_review::storage::lock::lock_path(review),
        format!("(user: \"lan\", host: \"PHONG-KHAC\", pid: 1, since: {since}, session: 7)"),
    )
    .unwrap();
}

pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub fn fig(s: &str) -> Figure {
    Figure::new(d(s))
}

pub fn act(name: &str, hours: &str, other: &str) -> Activity {
    Activity::new(name, fig(hours), fig("0"), fig(other))
}

/// Spec §8 case S: 48.248 đ/giờ, phí 500.000 đ, 1 lần/năm, 200 đối tượng/năm.
pub fn case_s() -> Review {
    let mut r = Review::default();
    r.tthc.name = "Trường hợp S".into();
    r.tthc.field = "Lĩnh vực S".into();
    r.tthc.fee.amount = fig("500000");
    r.tthc.time_limit.days = fig("15");
    r.cost.hourly_income = fig("48248");
    r.frequency = fig("1");
    r.subjects = fig("200");
    r.activities = vec![
        act("Chuẩn bị hồ sơ", "8", "20000"),
        act("Nộp hồ sơ", "4", "50000"),
        act("Hoàn chỉnh yêu cầu, điều kiện", "4", "0"),
        act("Nhận kết quả", "2", "50000"),
    ];
    r.options.push(SimplOption {
        name: "Sửa đổi".into(),
        kind: OptionKind::SuaDoi,
        activities: vec![
            act("Chuẩn bị hồ sơ", "6", "10000"),
            act("Nộp hồ sơ", "1", "0"),
            act("Hoàn chỉnh yêu cầu, điều kiện", "4", "0"),
            act("Nhận kết quả", "0.5", "30000"),
        ],
        time_limit_days: Some(fig("10")),
        chosen: true,
        ..Default::default()
    });
    r
}

pub fn examples_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saved-reviews")
}

pub fn example_files() -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(examples_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(tthc_review::storage::is_review_name)
        })
        .collect();
    v.sort();
    v
}

/// The shipped examples as a report takes them: each file with its review or its error.
pub fn example_items() -> Vec<(std::path::PathBuf, Result<Review, String>)> {
    example_files()
        .into_iter()
        .map(|p| {
            let r = tthc_review::storage::load_review(&p).map_err(|e| e.to_string());
            (p, r)
        })
        .collect()
}

/// Runs a poppler tool (pdftotext, pdfinfo, pdffonts) on a PDF's bytes.
pub fn poppler(tool: &str, pdf: &[u8], args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("r.pdf");
    fs::write(&p, pdf).unwrap();
    let out = Command::new(tool)
        .args(args)
        .arg(&p)
        .args(if tool == "pdftotext" {
            vec!["-"]
        } else {
            vec![]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) is needed: {e}"));
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The PDF's text as laid out (table rows stay on their lines), with every run of white space
/// made one space, as a reader would quote it.
pub fn text(pdf: &[u8]) -> String {
    poppler("pdftotext", pdf, &["-layout"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn assert_has(text: &str, needle: &str) {
    assert!(
        text.contains(needle),
        "«{needle}» not in the PDF text:\n{text}"
    );
}

/// A "Tải xuống chi tiết thủ tục" file as the national portal gives it (shared/domain/
/// portal-export.md): OOXML under a .doc name, tables without `w:tblGrid`, three channels with
/// their own times and fees, the dossier in layout A ("* Đối với …", numbered items) or B (plain
/// case lines), "Không có thông tin" fields, a legal-basis row without issuer.
#[allow(dead_code)]
pub fn portal_doc(layout_b: bool) -> Vec<u8> {
    use std::io::Write;
    fn esc(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }
    fn p(text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            esc(text)
        )
    }
    fn table(rows: &[&[&[&str]]]) -> String {
        let mut s = String::from("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>");
        for row in rows {
            s.push_str("<w:tr>");
            for cell in *row {
                s.push_str("<w:tc>");
                for para in *cell {
                    s.push_str(&p(para));
                }
                s.push_str("</w:tc>");
            }
            s.push_str("</w:tr>");
        }
        s.push_str("</w:tbl>");
        s
    }
    let mut body = String::new();
    for line in [
        "Mã thủ tục: 2.000648.000.00.00.H32",
        "Số quyết định: 936/QĐ-BCT",
        "Tên thủ tục: Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
        "Cấp thực hiện: Cấp Tỉnh",
        "Loại thủ tục: TTHC được luật giao quy định chi tiết",
        "Lĩnh vực: Lưu thông hàng hóa trong nước",
        "Trình tự thực hiện:",
        "Bước 1: Thương nhân nộp hồ sơ tại Trung tâm Phục vụ hành chính công.",
        "Bước 2: Sở Công Thương thẩm định hồ sơ, kiểm tra thực tế.",
        "Bước 3: Sở Công Thương cấp Giấy chứng nhận.",
        "Cách thức thực hiện:",
    ] {
        body.push_str(&p(line));
    }
    body.push_str(&table(&[
        &[
            &["Hình thức nộp"],
            &["Thời hạn giải quyết"],
            &["Phí, lệ phí"],
            &["Mô tả"],
        ],
        &[
            &["Trực tiếp"],
            &["15 Ngày làm việc"],
            &[
                "Phí : 1,2 triệu Đồng (Thành phố trực thuộc trung ương)",
                "Lệ phí : 50.000 Đồng",
            ],
            &["Nộp tại bộ phận một cửa"],
        ],
        &[
            &["Trực tuyến"],
            &["10 Ngày làm việc"],
            &["Phí : 600.000 Đồng"],
            &["Nộp trên Cổng Dịch vụ công"],
        ],
        &[
            &["Dịch vụ bưu chính"],
            &["20 Ngày"],
            &["Phí : 1.200.000 Đồng", "Lệ phí : 50.000 Đồng"],
            &["Gửi qua bưu điện"],
        ],
    ]));
    body.push_str(&p("Thành phần hồ sơ:"));
    let items: Vec<Vec<Vec<String>>> = if layout_b {
        vec![
            vec![
                vec!["Tên giấy tờ".into()],
                vec!["Mẫu đơn, tờ khai".into()],
                vec!["Số lượng".into()],
            ],
            vec![vec!["Trường hợp cấp mới".into()], vec![], vec![]],
            vec![
                vec!["Đơn đề nghị cấp Giấy chứng nhận".into()],
                vec!["Mẫu 01.docx".into()],
                vec!["Bản chính: 1 Bản sao: 0".into()],
            ],
            vec![
                vec!["Tài liệu chứng minh quyền sở hữu cửa hàng".into()],
                vec![],
                vec!["Bản chính: 0 Bản sao: 1".into()],
            ],
            vec![
                vec!["Giấy chứng nhận phòng cháy, chữa cháy".into()],
                vec![],
                vec!["Bản chính: 0 Bản sao: 1".into()],
            ],
        ]
    } else {
        vec![
            vec![
                vec!["Tên giấy tờ".into()],
                vec!["Mẫu đơn, tờ khai".into()],
                vec!["Số lượng".into()],
            ],
            vec![
                vec!["* Đối với thương nhân đề nghị cấp mới".into()],
                vec![],
                vec![],
            ],
            vec![
                vec!["1) Đơn đề nghị cấp Giấy chứng nhận".into()],
                vec!["Mẫu 01.docx".into()],
                vec!["Bản chính: 1 Bản sao: 0".into()],
            ],
            vec![
                vec!["2) Tài liệu chứng minh quyền sở hữu cửa hàng".into()],
                vec![],
                vec!["Bản chính: 0 Bản sao: 1".into()],
            ],
            vec![
                vec!["3) Giấy chứng nhận phòng cháy, chữa cháy".into()],
                vec![],
                vec!["Bản chính: 0 Bản sao: 1".into()],
            ],
        ]
    };
    let rows: Vec<Vec<Vec<&str>>> = items
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| c.iter().map(String::as_str).collect())
                .collect()
        })
        .collect();
    let rows2: Vec<Vec<&[&str]>> = rows
        .iter()
        .map(|r| r.iter().map(|c| c.as_slice()).collect())
        .collect();
    let rows3: Vec<&[&[&str]]> = rows2.iter().map(|r| r.as_slice()).collect();
    body.push_str(&table(&rows3));
    for line in [
        "Đối tượng thực hiện: Doanh nghiệp, Tổ chức (không bao gồm doanh nghiệp, HTX)",
        "Cơ quan thực hiện: Sở Công Thương",
        "Cơ quan có thẩm quyền: Không có thông tin",
        "Địa chỉ tiếp nhận HS: Không có thông tin",
        "Cơ quan được ủy quyền: Không có thông tin",
        "Cơ quan phối hợp: Không có thông tin",
        "Kết quả thực hiện: Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
        "Căn cứ pháp lý:",
    ] {
        body.push_str(&p(line));
    }
    body.push_str(&table(&[
        &[
            &["Số ký hiệu"],
            &["Trích yếu"],
            &["Ngày ban hành"],
            &["Cơ quan ban hành"],
        ],
        &[
            &["83/2014/NĐ-CP"],
            &["Nghị định về kinh doanh xăng dầu"],
            &["03-09-2014"],
            &["Chính phủ"],
        ],
        &[
            &["95/2021/NĐ-CP"],
            &["Nghị định sửa đổi, bổ sung một số điều của Nghị định số 83/2014/NĐ-CP"],
            &["01-11-2021"],
            &[],
        ],
    ]));
    for line in [
        "Yêu cầu, điều kiện thực hiện: Cửa hàng thuộc sở hữu hoặc thuê với thời hạn từ 05 năm trở lên",
        "Cửa hàng được thiết kế, xây dựng theo quy chuẩn kỹ thuật",
        "Từ khóa: Không có thông tin",
        "Mô tả: Không có thông tin",
    ] {
        body.push_str(&p(line));
    }
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    z.start_file("[Content_Types].xml", o).unwrap();
    z.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#).unwrap();
    z.start_file("word/document.xml", o).unwrap();
    z.write_all(xml.as_bytes()).unwrap();
    z.finish().unwrap().into_inner()
}
