//! The binary's CLI: calc and check, as a user runs them.

use crate::common;
use common::*;
use std::fs;
use std::path::Path;
use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tthc-review"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn run(args: &[&str]) -> (bool, String, String) {
    let out = bin().args(args).output().unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(file: &str) -> serde_json::Value {
    let (ok, out, err) = run(&["calc", file, "--json"]);
    assert!(ok, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn calc_case_s_example_to_the_dong() {
    let v = json("saved-reviews/xang-dau-cap-gcn-cua-hang.ron");
    let c = &v["chosen"];
    assert_eq!(c["before"], 297692800);
    assert_eq!(c["after"], 218970400);
    assert_eq!(c["saving"], 78722400);
    assert_eq!(c["percent"], 26.44);
    assert_eq!(c["percent_text"], "26,44 %");
    assert_eq!(c["days_before"], 15.0);
    assert_eq!(c["days_after"], 10.0);
    assert_eq!(c["days_percent_text"], "33,33 %");
    assert_eq!(v["code"], "2.000648.000.00.00.H32");

    let (ok, out, _) = run(&["calc", "saved-reviews/xang-dau-cap-gcn-cua-hang.ron"]);
    assert!(ok);
    assert!(out.contains("Chi phí trước: 297.692.800 đồng/năm"), "{out}");
    assert!(out.contains("Tiết kiệm: 78.722.400 đồng/năm"), "{out}");
    assert!(out.contains("Tỷ lệ cắt giảm: 26,44 %"), "{out}");
    assert!(
        out.contains("Thời hạn giải quyết: 15 → 10 ngày làm việc"),
        "{out}"
    );
}

#[test]
fn calc_compares_bai_bo_and_sua_doi() {
    let v = json("saved-reviews/vlncn-cap-gcn-huan-luyen.ron");
    let opts = v["options"].as_array().unwrap();
    assert_eq!(opts.len(), 2);
    // current: (2+8+4+24+2) h × 48.248 + 20.000 + 50.000 + 200.000 + 50.000 = 2.249.920 × 40
    assert_eq!(opts[0]["kind"], "bai_bo");
    assert_eq!(opts[0]["before"], 89996800);
    assert_eq!(opts[0]["after"], 0);
    assert_eq!(opts[0]["saving"], 89996800);
    assert_eq!(opts[0]["percent_text"], "100,00 %");
    assert_eq!(opts[0]["chosen"], true);
    // (1+4+1+16+0,5) h × 48.248 + 10.000 + 100.000 + 30.000 = 1.225.580 × 40
    assert_eq!(opts[1]["after"], 49023200);
    assert_eq!(opts[1]["saving"], 40973600);
    assert_eq!(opts[1]["percent_text"], "45,53 %");
    assert_eq!(v["chosen"]["kind"], "bai_bo");

    let v = json("saved-reviews/vlncn-cap-lai-gcn-huan-luyen.ron");
    assert_eq!(v["chosen"]["before"], 8887200);
    assert_eq!(v["chosen"]["after"], 2621160);
    assert_eq!(v["chosen"]["percent_text"], "70,51 %");
}

#[test]
fn case_s_built_in_code_and_saved_gives_the_same_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("s.ron");
    tthc_review::storage::save_review(&p, &case_s()).unwrap();
    let v = json(p.to_str().unwrap());
    assert_eq!(v["chosen"]["saving"], 78722400);
}

#[test]
fn check_accepts_the_examples_folder() {
    let (ok, out, err) = run(&["check", "saved-reviews"]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("3 tệp hợp lệ, 0 lỗi"), "{out}");
}

fn bad_file(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p
}

#[test]
fn bad_inputs_fail_with_one_line_each_and_stay_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.ron");
    tthc_review::storage::save_review(&good, &case_s()).unwrap();
    let mut neg = case_s();
    neg.activities[0].hours = fig("-2");
    let neg_path = dir.path().join("neg.ron");
    tthc_review::storage::save_review(&neg_path, &neg).unwrap();
    let broken = bad_file(dir.path(), "broken.ron", "(schema_version: 1, tthc: (");
    let newer = bad_file(dir.path(), "newer.ron", "(schema_version: 99)");
    let before: Vec<Vec<u8>> = [&neg_path, &broken, &newer]
        .iter()
        .map(|p| fs::read(p).unwrap())
        .collect();

    let (ok, out, err) = run(&["check", dir.path().to_str().unwrap()]);
    assert!(!ok);
    assert!(out.contains("OK   ") && out.contains("good.ron"), "{out}");
    assert!(out.contains("1 tệp hợp lệ, 3 lỗi"), "{out}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("neg.ron") && l.contains("không được âm")),
        "{err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("broken.ron") && l.contains("dòng 1")),
        "{err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("newer.ron") && l.contains("phiên bản 99")),
        "{err}"
    );
    let after: Vec<Vec<u8>> = [&neg_path, &broken, &newer]
        .iter()
        .map(|p| fs::read(p).unwrap())
        .collect();
    assert_eq!(before, after);

    let (ok, _, err) = run(&["calc", neg_path.to_str().unwrap(), "--json"]);
    assert!(!ok);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("neg.ron"));

    let (ok, _, err) = run(&["check", "no/such/file.ron"]);
    assert!(!ok);
    assert!(err.contains("không tìm thấy"), "{err}");
}

#[test]
fn check_reports_an_answer_whose_question_has_gone() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = case_s();
    r.answers.insert(
        "cau_hoi_cu".into(),
        tthc_review::model::Answer::choice("co"),
    );
    let p = dir.path().join("orphan.ron");
    tthc_review::storage::save_review(&p, &r).unwrap();
    let (ok, out, _) = run(&["check", p.to_str().unwrap()]);
    assert!(ok);
    assert!(
        out.contains("cau_hoi_cu") && out.contains("vẫn được giữ"),
        "{out}"
    );
}

#[test]
fn calc_says_an_option_has_no_after_table_instead_of_a_false_saving() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = case_s();
    r.options[0].activities.clear();
    let p = dir.path().join("trong.ron");
    tthc_review::storage::save_review(&p, &r).unwrap();
    let (ok, out, err) = run(&["calc", p.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(
        out.contains("Phương án 1: chưa có bảng chi phí sau"),
        "{out}"
    );
    assert!(!out.contains("Tiết kiệm:"), "{out}");
    let (ok, out, _) = run(&["calc", p.to_str().unwrap(), "--json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["options"][0]["saving"], serde_json::Value::Null);
    assert_eq!(v["options"][0]["before"], 297692800);
    assert!(
        v["options"][0]["error"]
            .as_str()
            .unwrap()
            .contains("chưa có bảng chi phí sau")
    );
}

#[test]
fn fmt_leaves_a_review_someone_has_open_and_a_bak_folder_stops_it_truthfully() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.ron");
    let original = fs::read_to_string("saved-reviews/xang-dau-cap-gcn-cua-hang.ron").unwrap();
    // Hand-edited: not in the canonical form, so fmt would rewrite it.
    let edited = format!("// sửa tay\n{original}");
    fs::write(&f, &edited).unwrap();
    // The owner file of a colleague on another machine, opened a minute ago.
    colleague_has_open(&f);
    let out = bin().args(["fmt", f.to_str().unwrap()]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("đang được mở để sửa (lan trên máy PHONG-KHAC"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&f).unwrap(), edited);

    // A folder where the backup would go: refused before anything is written, and said so.
    fs::remove_file(dir.path().join(".~lock.a.ron#")).unwrap();
    fs::create_dir(dir.path().join("a.ron.bak")).unwrap();
    let out = bin().args(["fmt", f.to_str().unwrap()]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("đã có thư mục a.ron.bak trùng tên với bản sao lưu"),
        "{err}"
    );
    assert!(err.contains("vẫn như trước"), "{err}");
    assert_eq!(fs::read_to_string(&f).unwrap(), edited);
}

#[test]
fn send_force_never_overwrites_a_file_that_is_not_a_zip() {
    let dir = tempfile::tempdir().unwrap();
    let out_zip = dir.path().join("gui.zip");
    fs::write(&out_zip, "Báo cáo quan trọng, không phải tệp nén").unwrap();
    let o = out_zip.to_str().unwrap();
    let (ok, _, err) = run(&["send", "saved-reviews", "-o", o, "--force"]);
    assert!(!ok);
    assert!(
        err.contains("không phải tệp nén .zip — không ghi đè"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(&out_zip).unwrap(),
        "Báo cáo quan trọng, không phải tệp nén"
    );
    // An earlier .zip is replaced with --force.
    fs::remove_file(&out_zip).unwrap();
    assert!(run(&["send", "saved-reviews", "-o", o]).0);
    assert!(run(&["send", "saved-reviews", "-o", o, "--force"]).0);
}

#[test]
fn a_date_that_does_not_exist_is_said_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string("saved-reviews/vlncn-cap-gcn-huan-luyen.ron").unwrap();
    let f = dir.path().join("ngay.ron");
    let bad = text.replacen(
        "(stage: Reviewing, date: \"2024-05-06\")",
        "(stage: Reviewing, date: \"2024-02-30\")",
        1,
    );
    assert_ne!(bad, text);
    fs::write(&f, bad).unwrap();
    let (ok, _, err) = run(&["check", f.to_str().unwrap()]);
    assert!(!ok);
    assert!(!err.contains("out of range"), "{err}");
    assert!(err.contains("ngày hoặc giờ không có thật"), "{err}");
}

#[test]
fn an_option_not_chosen_and_not_costed_yet_is_one_warning_for_check_fmt_calc_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let mut r =
        tthc_review::storage::load_review(Path::new("saved-reviews/xang-dau-cap-gcn-cua-hang.ron"))
            .unwrap();
    // A second option, not chosen, whose "after" table is not filled in yet.
    let mut second = r.options[0].clone();
    second.name = "Phương án 2: Liên thông".into();
    second.chosen = false;
    second.kind = tthc_review::model::OptionKind::SuaDoi;
    second.activities.clear();
    r.options.truncate(1);
    r.options.push(second);
    let p = dir.path().join("hai.ron");
    tthc_review::storage::save_review(&p, &r).unwrap();
    let file = p.to_str().unwrap();
    let said = "Phương án 2: Liên thông (không phải phương án được chọn) chưa tính được chi phí";
    let (ok, out, err) = run(&["check", file]);
    assert!(ok, "check refused it: {out}{err}");
    assert!(format!("{out}{err}").contains(said), "{out}{err}");
    let (ok, _, err) = run(&["fmt", file]);
    assert!(ok, "fmt refused it: {err}");
    let (ok, out, _) = run(&["calc", file]);
    assert!(ok);
    assert!(out.contains("Tiết kiệm: 78.722.400"), "{out}");
    let pdf = dir.path().join("hai.pdf");
    let (ok, out, err) = run(&["export", file, "-o", pdf.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(format!("{out}{err}").contains(said), "{out}{err}");
    assert!(pdf.is_file());
}

#[test]
fn fmt_never_writes_a_review_it_could_not_open_again() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("lon.ron");
    // Written compactly, just under the 16 MB read limit: rewritten with one field per line it
    // would be far over it.
    let row = r#"(name:"Nộp hồ sơ",hours:"1",service:"0",other:"0"),"#;
    let n = (16 * 1024 * 1024 - 4096) / row.len();
    let text = format!("(schema_version:1,activities:[{}])", row.repeat(n));
    assert!(text.len() < 16 * 1024 * 1024);
    fs::write(&f, &text).unwrap();
    let out = bin().args(["fmt", f.to_str().unwrap()]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("quá giới hạn 16 MB mà ứng dụng mở lại được"),
        "{err}"
    );
    assert!(err.contains("vẫn như trước"), "{err}");
    assert_eq!(fs::read_to_string(&f).unwrap(), text);
}

#[cfg(unix)]
#[test]
fn a_fifo_given_to_receive_or_plan_import_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["phong.zip", "ke-hoach.csv", "ke-hoach.xlsx"] {
        let p = dir.path().join(name);
        assert!(
            Command::new("mkfifo").arg(&p).status().unwrap().success(),
            "mkfifo"
        );
    }
    let start = std::time::Instant::now();
    let run_in = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_tthc-review"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    fs::create_dir(dir.path().join("saved-reviews")).unwrap();
    let (ok, err) = run_in(&["receive", "phong.zip", "saved-reviews"]);
    assert!(!ok);
    assert!(
        err.contains("phong.zip: không phải tệp thông thường (đường ống FIFO)"),
        "{err}"
    );
    for f in ["ke-hoach.csv", "ke-hoach.xlsx"] {
        let (ok, err) = run_in(&["plan", "import", f, "-o", "kh.plan.ron"]);
        assert!(!ok);
        assert!(err.contains(f), "{err}");
    }
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
}
