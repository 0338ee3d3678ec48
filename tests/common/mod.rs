#![allow(dead_code)]

pub mod gui;

use rust_decimal::Decimal;
use std::fs;
use std::process::Command;
use std::str::FromStr;
use tthc_review::model::*;

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
