//! Review files: round trip, bad input with clear errors, nothing written on a failed load.

use crate::common;
use common::*;
use std::fs;
use tthc_review::model::*;
use tthc_review::storage::*;

#[test]
fn every_example_round_trips_byte_identical_on_second_save() {
    let files = example_files();
    assert_eq!(files.len(), 3, "three shipped examples");
    let dir = tempfile::tempdir().unwrap();
    for f in files {
        let review = load_review(&f).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            review.note.contains("minh họa"),
            "{} must say its figures are illustrative",
            f.display()
        );
        let out = dir.path().join(f.file_name().unwrap());
        save_review(&out, &review).unwrap();
        let first = fs::read(&out).unwrap();
        let again = load_review(&out).unwrap();
        assert_eq!(again, review, "{}", f.display());
        save_review(&out, &again).unwrap();
        assert_eq!(fs::read(&out).unwrap(), first, "{}", f.display());
        // the second save kept the first as a backup
        assert_eq!(fs::read(backup_path(&out)).unwrap(), first);
    }
}

#[test]
fn save_is_atomic_and_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("r.ron");
    let mut r = case_s();
    save_review(&p, &r).unwrap();
    let v1 = fs::read_to_string(&p).unwrap();
    r.tthc.name = "Tên mới".into();
    save_review(&p, &r).unwrap();
    assert_eq!(fs::read_to_string(backup_path(&p)).unwrap(), v1);
    assert!(fs::read_to_string(&p).unwrap().contains("Tên mới"));
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn assert_bad(name: &str, content: &[u8], expect: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(name);
    fs::write(&p, content).unwrap();
    let before = fs::metadata(&p).unwrap().modified().unwrap();
    let err = load_review(&p).unwrap_err().to_string();
    assert!(err.contains(name), "message names the file: {err}");
    for e in expect {
        assert!(err.contains(e), "expected «{e}» in: {err}");
    }
    assert_eq!(fs::read(&p).unwrap(), content, "file untouched");
    assert_eq!(fs::metadata(&p).unwrap().modified().unwrap(), before);
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "nothing else written beside it");
}

#[test]
fn malformed_file_names_file_line_and_column() {
    assert_bad(
        "hong.ron",
        b"(\n  schema_version: 1,\n  note: \"x\"\n  tthc: (),\n)",
        &["dòng 4", "cột"],
    );
}

#[test]
fn truncated_file_is_reported() {
    let full = fs::read_to_string(examples_dir().join("xang-dau-cap-gcn-cua-hang.ron")).unwrap();
    let cut = &full.as_bytes()[..full.len() / 2];
    // cut on a char boundary
    let cut = std::str::from_utf8(cut)
        .unwrap_or_else(|e| std::str::from_utf8(&cut[..e.valid_up_to()]).unwrap());
    assert_bad("cut.ron", cut.as_bytes(), &["không đúng cú pháp"]);
}

#[test]
fn non_review_file_is_reported() {
    assert_bad(
        "other.ron",
        b"(name: \"a\", size: 3)",
        &["không phải tệp rà soát"],
    );
    assert_bad("list.ron", b"[1, 2, 3]", &[]);
    assert_bad("empty.ron", b"   \n", &["tệp trống"]);
    assert_bad("binary.ron", &[0xff, 0xfe, 0x00, 0x41], &["UTF-8"]);
}

#[test]
fn newer_schema_is_refused_with_its_version() {
    assert_bad(
        "new.ron",
        b"(schema_version: 7, future_field: \"x\", tthc: (name: \"A\"))",
        &["phiên bản 7", "cập nhật"],
    );
}

#[test]
fn wrong_field_or_bad_number_is_invalid_with_position() {
    assert_bad(
        "typo.ron",
        b"(schema_version: 1,\n tthc: (nmae: \"A\"))",
        &["dòng 2", "nmae"],
    );
    assert_bad(
        "num.ron",
        "(schema_version: 1,\n activities: [(name: \"a\", hours: \"tám\")])".as_bytes(),
        &["dòng 2", "tám"],
    );
}

#[test]
fn handwritten_minimal_file_from_the_docs_is_accepted() {
    let text = r#"
// Viết tay theo docs/format.md
(
  schema_version: 1,
  tthc: (code: "1.000001", name: "Thủ tục viết tay", field: "Thử nghiệm", fee: (amount: 500000)),
  cost: (hourly_income: 48248),
  activities: [
    (name: "Chuẩn bị hồ sơ", hours: 8, other: 20000),
    (name: "Nhận kết quả", hours: 0.5),
  ],
  frequency: 1,
  subjects: 10,
  options: [(kind: bai_bo)],
)
"#;
    let r = parse_review(std::path::Path::new("viet-tay.ron"), text).unwrap();
    assert_eq!(r.activities[1].hours.value, d("0.5"));
    let c = tthc_review::cost::review_cost(&r).unwrap();
    // (8 × 48.248 + 20.000 + 0,5 × 48.248 + 500.000) × 10
    assert_eq!(c.current.per_year, d("9301080"));
    assert_eq!(c.chosen_result().unwrap().after, d("0"));
}

#[test]
fn strings_are_normalised_to_nfc_on_load() {
    // "Thủ tục" written decomposed: u + combining hook above (U+0309), u + combining dot below (U+0323)
    let decomposed = "Thu\u{309} tu\u{323}c";
    let text = format!("(schema_version: 1, tthc: (name: \"{decomposed}\"))");
    let r = parse_review(std::path::Path::new("nfd.ron"), &text).unwrap();
    assert_eq!(r.tthc.name, "Thủ tục");
    assert_eq!(r.tthc.name.chars().count(), 7);
}

#[test]
fn figures_carry_notes_and_survive_a_save() {
    let mut r = case_s();
    r.cost.hourly_income = Figure::with_note(d("48248"), "GDP 2023 ÷ 2.112");
    let text = to_ron(&r);
    assert!(text.contains("note: \"GDP 2023 ÷ 2.112\""), "{text}");
    let back = parse_review(std::path::Path::new("x.ron"), &text).unwrap();
    assert_eq!(back.cost.hourly_income.note, "GDP 2023 ÷ 2.112");
    assert_eq!(back, r);
}

#[test]
fn folder_listing_keeps_good_files_and_reports_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    save_review(&dir.path().join("a.ron"), &case_s()).unwrap();
    fs::write(dir.path().join("b.ron"), "(((").unwrap();
    fs::write(dir.path().join("notes.txt"), "x").unwrap();
    let list = list_reviews(dir.path()).unwrap();
    assert_eq!(list.len(), 2);
    assert!(list[0].1.is_ok());
    assert!(
        list[1]
            .1
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("b.ron")
    );
}
