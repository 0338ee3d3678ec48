//! The August report the office signs: each review counted once however it was reached, the
//! checks before a report, lĩnh vực spellings grouped. Driven the way the office reaches things:
//! a reviews folder given relative to the working folder, a save dialog that answers with an
//! absolute path, the real binary for the CLI, pdftotext for what is printed.

use crate::common;
use common::gui::*;
use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use tthc_review::model::*;
use tthc_review::preflight::{Severity, report_findings, review_findings};
use tthc_review::storage::{load_review, save_review};
use tthc_review::templates::Templates;

/// A reviews folder inside the package, named relative to the working folder (cargo runs tests
/// from the package root), holding the shipped examples: as `saved-reviews` is for the app.
fn relative_folder() -> (tempfile::TempDir, PathBuf) {
    let base = Path::new("target").join("test-folders");
    fs::create_dir_all(&base).unwrap();
    let tmp = tempfile::tempdir_in(&base).unwrap();
    let cwd = std::env::current_dir().unwrap();
    let rel = tmp.path().strip_prefix(&cwd).unwrap().to_path_buf();
    assert!(rel.is_relative());
    for f in example_files() {
        fs::copy(&f, rel.join(f.file_name().unwrap())).unwrap();
    }
    (tmp, rel)
}

const NEW_NAME: &str = "Cấp Giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh";

#[test]
fn a_review_made_in_the_app_is_counted_once_in_the_list_the_totals_and_the_report() {
    let (_keep, rel) = relative_folder();
    let abs = std::env::current_dir().unwrap().join(&rel);
    let dialogs = Dialogs::default();
    let report = abs.join("tong-hop.pdf");
    let review_file = abs.join("ruou-thu-cong.ron");
    // Popped last first: the review's save, then the report's.
    dialogs.save_to.borrow_mut().push(report.clone());
    dialogs.save_to.borrow_mut().push(review_file.clone());
    // The save dialog answers with absolute paths, as the real ones do.
    let mut h = app_at(&rel, egui::vec2(1366.0, 768.0), dialogs);

    h.get_by_label("+ Rà soát mới").click();
    h.run();
    type_into(&mut h, "Mã số", "1.001234.000.00.00.H32");
    type_into(&mut h, "Tên TTHC", NEW_NAME);
    type_into(&mut h, "Lĩnh vực", "Kinh doanh rượu");
    h.get_by_label_contains("5. Chi phí hiện tại").click();
    h.run();
    h.get_by_label("+ Thêm hoạt động").click();
    h.run();
    type_into(&mut h, "Hiện tại: tên hoạt động 1", "Chuẩn bị hồ sơ");
    type_into(&mut h, "Hiện tại: giờ, hoạt động 1", "10");
    type_into(&mut h, "Số đối tượng/năm", "50");
    h.get_by_label_contains("6. Phương án").click();
    h.run();
    h.get_by_label("+ Thêm phương án").click();
    h.run();
    type_into(&mut h, "Phương án 1: giờ, hoạt động 1", "6");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(review_file.is_file(), "saved where the dialog said");
    h.get_by_label("← Danh sách").click();
    h.run();
    assert!(h.state().editor.is_none());

    // One row for the new file, however the app reached it.
    assert_eq!(h.state().home.rows.len(), 4);
    assert_eq!(h.query_all_by_label(NEW_NAME).count(), 1);
    assert!(
        !rel.join(".tthc").join("recent.ron").exists()
            || tthc_review::storage::read_recent(&rel).is_empty(),
        "a file of the folder is not a recent file"
    );
    // A new review starts from the 2025 income preset, 59.422 đồng/giờ.
    // 10 h × 59.422 × 50 = 29.711.000 before; 6 h → 17.826.600 after; saving 11.884.400
    // Totals with the examples: 396.576.800 + 29.711.000; 221.591.560 + 17.826.600.
    h.get_by_label("Tổng cộng");
    h.get_by_label("tất cả 4 dòng; 4 TTHC có số liệu");
    h.get_by_label("426.287.800");
    h.get_by_label("239.418.160");
    h.get_by_label("186.869.640");

    h.get_by_label("Báo cáo tổng hợp…").click();
    h.run();
    // The new review has warnings (unanswered questions, no content line), no error.
    h.get_by_label("Kiểm tra trước khi lập báo cáo");
    h.get_by_label("Vẫn lập báo cáo").click();
    h.run();
    wait_for_job(&mut h);
    h.get_by_label_contains("4 TTHC; tiết kiệm 186.869.640 đồng/năm");
    let s = text(&fs::read(&report).unwrap());
    assert_has(&s, "Thông qua phương án đơn giản hóa 4 thủ tục hành chính");
    assert_has(&s, "Tổng cộng 426.287.800 239.418.160 186.869.640 43,84 %");
    assert_eq!(
        s.matches("1.001234.000.00.00.H32").count(),
        1,
        "one annex entry for the new TTHC: {s}"
    );
    assert_eq!(s.matches("Cộng lĩnh vực").count(), 3, "three lĩnh vực: {s}");
}

fn review_named(code: &str, name: &str, field: &str) -> Review {
    let mut r = case_s();
    r.tthc.code = code.into();
    r.tthc.name = name.into();
    r.tthc.field = field.into();
    r.tthc.time_limit.kind = DayKind::NgayLamViec;
    r.cost.income_year = Some(2024);
    r.options[0].content.push(ContentLine {
        change: "Cho phép nộp hồ sơ trực tuyến".into(),
        ..Default::default()
    });
    r.options[0].implementation.push(ImplementationLine {
        document: "Nghị định số 1/2025/NĐ-CP".into(),
        ..Default::default()
    });
    r
}

fn compile(dir: &Path, out: &Path, extra: &[&str]) -> (bool, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_tthc-review"))
        .args([
            "compile",
            dir.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .args(extra)
        .output()
        .unwrap();
    (
        o.status.success(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

#[test]
fn a_folder_with_app_files_a_duplicate_and_a_spelling_variant_is_refused_then_grouped() {
    let (_keep, rel) = relative_folder();
    // The app's own files of an earlier version, lying among the reviews.
    fs::write(rel.join(".recent.ron"), "[\"/somewhere/else.ron\"]").unwrap();
    fs::copy(
        Path::new("assets/templates/report_settings.ron"),
        rel.join("report_settings.ron"),
    )
    .unwrap();
    // A fourth TTHC of the petrol station's lĩnh vực, spelt "hoá" instead of "hóa".
    let variant = review_named(
        "2.000999.000.00.00.H32",
        "Cấp Giấy phép kinh doanh xăng dầu thử",
        "Lưu thông hàng hoá trong nước",
    );
    save_review(&rel.join("bien-the.ron"), &variant).unwrap();
    // A copy of the petrol station's review, as a colleague made it by hand.
    fs::copy(
        rel.join("xang-dau-cap-gcn-cua-hang.ron"),
        rel.join("xang-dau-ban-cua-phong.ron"),
    )
    .unwrap();
    let out = rel.join("tong-hop.pdf");
    let (ok, _, stderr) = compile(&rel, &out, &[]);
    assert!(!ok, "{stderr}");
    let dup_line = stderr
        .lines()
        .find(|l| l.contains("trùng TTHC"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(dup_line.starts_with("LỖI"), "{dup_line}");
    assert!(
        dup_line.contains("xang-dau-ban-cua-phong.ron")
            && dup_line.contains("xang-dau-cap-gcn-cua-hang.ron"),
        "both files named: {dup_line}"
    );
    assert!(!stderr.contains("report_settings"), "{stderr}");
    assert!(!stderr.contains(".recent"), "{stderr}");
    assert!(!out.exists());

    // `check` prints the same, and does not take the app's files for reviews.
    let o = Command::new(env!("CARGO_BIN_EXE_tthc-review"))
        .args(["check", rel.to_str().unwrap()])
        .output()
        .unwrap();
    let check_out = String::from_utf8(o.stdout).unwrap();
    assert!(o.status.success(), "{check_out}");
    assert!(check_out.contains("5 tệp hợp lệ, 0 lỗi"), "{check_out}");
    assert!(check_out.contains("trùng TTHC"), "{check_out}");

    fs::remove_file(rel.join("xang-dau-ban-cua-phong.ron")).unwrap();
    let (ok, stdout, stderr) = compile(&rel, &out, &[]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("4 TTHC"), "{stdout}");
    let s = text(&fs::read(&out).unwrap());
    // One group, printed in the list's spelling, holding both TTHC of that lĩnh vực.
    assert_eq!(
        s.matches("LĨNH VỰC LƯU THÔNG HÀNG HÓA TRONG NƯỚC").count(),
        1,
        "{s}"
    );
    assert!(!s.contains("hoá"), "{s}");
    // case S twice: 297.692.800 + 297.692.800 before, 218.970.400 × 2 after in that group
    assert_has(
        &s,
        "Cộng lĩnh vực I 595.385.600 437.940.800 157.444.800 26,44 %",
    );
    assert_has(&s, "Tổng cộng 694.269.600 440.561.960 253.707.640 36,54 %");
    // --strict refuses on warnings: the variant's form is not answered.
    let (ok, _, stderr) = compile(&rel, &out, &["--strict", "--force"]);
    assert!(!ok);
    assert!(stderr.contains("--strict"), "{stderr}");
}

fn messages(t: &Templates, r: &Review) -> Vec<(Severity, String)> {
    review_findings(t, r)
        .into_iter()
        .map(|f| (f.severity, f.message))
        .collect()
}

fn fires(t: &Templates, r: &Review, severity: Severity, needle: &str) {
    let m = messages(t, r);
    assert!(
        m.iter().any(|(s, x)| *s == severity && x.contains(needle)),
        "no {severity:?} «{needle}» in {m:?}"
    );
}

#[test]
fn the_examples_pass_every_check_clean() {
    let t = Templates::embedded();
    let items: Vec<_> = example_files()
        .into_iter()
        .map(|p| {
            let r = load_review(&p).map_err(|e| e.to_string());
            (p, r)
        })
        .collect();
    assert_eq!(items.len(), 3);
    let f = report_findings(&t, &items);
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn each_check_fires_on_a_crafted_review() {
    let t = Templates::embedded();
    let base = load_review(&examples_dir().join("xang-dau-cap-gcn-cua-hang.ron")).unwrap();
    assert!(messages(&t, &base).is_empty());

    let mut r = base.clone();
    r.options[0].activities.clear();
    fires(&t, &r, Severity::Error, "chưa có bảng chi phí sau");

    let mut r = base.clone();
    r.activities.clear();
    fires(
        &t,
        &r,
        Severity::Error,
        "bảng chi phí hiện tại chưa có hoạt động",
    );

    let mut r = base.clone();
    r.activities[0].hours = Figure::int(-3);
    fires(&t, &r, Severity::Error, "không tính được chi phí");

    let mut r = base.clone();
    r.cost.hourly_income = Figure::int(0);
    fires(&t, &r, Severity::Error, "thu nhập bình quân/giờ bằng 0");

    let mut r = base.clone();
    r.options.push(r.options[0].clone());
    r.options.iter_mut().for_each(|o| o.chosen = false);
    fires(&t, &r, Severity::Error, "chưa chọn phương án");

    let mut r = base.clone();
    r.options[0].content.clear();
    fires(&t, &r, Severity::Warning, "chưa có nội dung đơn giản hóa");

    let mut r = base.clone();
    r.options[0].implementation.clear();
    fires(&t, &r, Severity::Warning, "chưa có kiến nghị thực thi");

    let mut r = base.clone();
    for a in &mut r.options[0].activities {
        a.hours = Figure::new(a.hours.value * rust_decimal::Decimal::from(3));
    }
    fires(&t, &r, Severity::Warning, "làm tăng chi phí tuân thủ thêm");

    let mut r = base.clone();
    r.subjects = Figure::int(0);
    fires(
        &t,
        &r,
        Severity::Warning,
        "số đối tượng thực hiện/năm bằng 0",
    );

    // The example is a 2024 review: the newest income it could use is 2023's.
    let mut r = base.clone();
    r.cost.income_year = Some(2022);
    fires(
        &t,
        &r,
        Severity::Warning,
        "theo năm 2022, đã có số liệu năm 2023",
    );
    // Reviewed in 2026 with 2024's income: 2025's was published in January 2026.
    let mut r = base.clone();
    r.cost.income_year = Some(2024);
    r.tracking[0].date = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    fires(
        &t,
        &r,
        Severity::Warning,
        "theo năm 2024, đã có số liệu năm 2025",
    );

    let mut r = base.clone();
    r.answers.clear();
    fires(&t, &r, Severity::Warning, "câu hỏi chưa trả lời");

    let mut r = base.clone();
    r.options[0].content[0].change.push_str(" ✓ 中");
    let m = messages(&t, &r);
    assert!(
        m.iter().any(|(s, x)| *s == Severity::Warning
            && x.contains("Phương án 1, nội dung 1")
            && x.contains("«✓»")
            && x.contains("«中»")),
        "{m:?}"
    );
}

#[test]
fn checks_across_reviews_find_duplicates_drafts_and_mixed_day_units() {
    let t = Templates::embedded();
    let a = review_named("", "Cấp phép thử", "Điện");
    let mut b = review_named("", "cấp  PHÉP thử", "Điện");
    b.tthc.time_limit.kind = DayKind::Ngay;
    let mut c = review_named("", "Cấp phép khác (bản sao)", "Điện");
    c.draft = true;
    let items = vec![
        (PathBuf::from("a.ron"), Ok(a)),
        (PathBuf::from("b.ron"), Ok(b)),
        (PathBuf::from("c.ron"), Ok(c)),
    ];
    let f = report_findings(&t, &items);
    let errors: Vec<String> = f
        .iter()
        .filter(|x| x.severity == Severity::Error)
        .map(|x| x.to_string())
        .collect();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("LỖI a.ron") && e.contains("trùng TTHC (tên) với b.ron")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("hai đơn vị") && e.contains("b.ron")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("LỖI c.ron") && e.contains("bản nháp")),
        "{errors:#?}"
    );
}

#[test]
fn an_option_that_raises_the_cost_prints_an_increase_never_a_negative_cut() {
    let t = Templates::embedded();
    let mut r = load_review(&examples_dir().join("xang-dau-cap-gcn-cua-hang.ron")).unwrap();
    for a in &mut r.options[0].activities {
        a.hours = Figure::new(a.hours.value * rust_decimal::Decimal::from(3));
    }
    let pdf = tthc_review::report::review_pdf(&t, &r).unwrap();
    let s = text(&pdf);
    assert!(!s.contains(": -"), "no negative figure: {s}");
    assert_has(&s, "Chi phí tuân thủ tăng thêm:");
    assert_has(&s, "Tỷ lệ tăng chi phí:");
    assert!(!s.contains("Tỷ lệ cắt giảm chi phí:"), "{s}");
}

#[test]
fn files_that_gain_an_error_while_the_checks_are_shown_come_back_as_errors_to_go_and_fix() {
    let (_keep, rel) = relative_folder();
    let abs = std::env::current_dir().unwrap().join(&rel);
    let t = Templates::embedded();
    // A fourth review with warnings and no error: the checks are shown, «Vẫn lập báo cáo» open.
    let mut r = case_s();
    r.tthc.code = "1.009999.000.00.00.H32".into();
    r.tthc.name = NEW_NAME.into();
    let found = review_findings(&t, &r);
    assert!(
        !found.is_empty() && found.iter().all(|f| f.severity == Severity::Warning),
        "{found:?}"
    );
    save_review(&rel.join("ruou.ron"), &r).unwrap();
    let report = abs.join("tong-hop.pdf");
    let dialogs = Dialogs::default();
    dialogs.save_to.borrow_mut().push(report.clone());
    let mut h = app_at(&rel, egui::vec2(1366.0, 768.0), dialogs);
    h.get_by_label("Báo cáo tổng hợp…").click();
    h.run();
    h.get_by_label("Kiểm tra trước khi lập báo cáo");
    // While the question is open, a colleague's copy lands over another file: the same TTHC twice.
    let same = rel.join("vlncn-cap-lai-gcn-huan-luyen.ron");
    let other = rel.join("vlncn-cap-gcn-huan-luyen.ron");
    fs::copy(&same, &other).unwrap();
    h.get_by_label("Vẫn lập báo cáo").click();
    h.run();
    wait_for_job(&mut h);
    // Not a paragraph of text: the checks again, now with the error and the way to fix it.
    assert!(
        h.query_all_by_label_contains("Không lập được báo cáo")
            .next()
            .is_none(),
        "a text message instead of the checks"
    );
    h.get_by_label("Kiểm tra trước khi lập báo cáo");
    assert!(h.query_all_by_label_contains("trùng TTHC (mã số)").count() >= 1);
    assert!(!report.exists(), "nothing written");
    let go = h.query_all_by_label("Đến chỗ sửa").count();
    assert!(go >= 2, "each duplicate has its way to fix: {go}");
    h.get_all_by_label("Đến chỗ sửa").next().unwrap().click();
    h.run();
    let opened = h.state().editor.as_ref().and_then(|e| e.path.clone());
    let opened = opened.expect("a review opened to fix");
    assert!(
        [&same, &other]
            .iter()
            .any(|p| opened.ends_with(p.file_name().unwrap())),
        "{opened:?}"
    );
}

/// Reviews read again on every pass (as files are): from the second pass on (the checks done,
/// the workbook being written) the second file says something else, as when a colleague's copy
/// lands in the middle of a compilation.
struct ChangingFolder {
    items: Vec<tthc_review::storage::LoadedReview>,
    reads: std::sync::atomic::AtomicUsize,
}

impl tthc_review::storage::ReviewSet for ChangingFolder {
    fn len(&self) -> usize {
        self.items.len()
    }
    fn path(&self, i: usize) -> &Path {
        &self.items[i].0
    }
    fn load(&self, i: usize) -> Result<std::borrow::Cow<'_, Review>, String> {
        let n = self.reads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let r = self.items[i].1.as_ref().map_err(Clone::clone)?;
        if n >= self.items.len() && i == 1 {
            let mut changed = r.clone();
            changed.activities[0].other = fig("123456");
            return Ok(std::borrow::Cow::Owned(changed));
        }
        Ok(std::borrow::Cow::Borrowed(r))
    }
}

/// A compilation reads each file once for its checks and figures, and again when it writes its
/// sheet: a file that changed in between refuses the workbook, naming the file, instead of a
/// sheet whose figures differ from the summary's.
#[test]
fn a_file_changed_while_the_workbook_is_written_refuses_it_naming_the_file() {
    use tthc_review::report::{Format, ReportSettings, compile};
    let t = Templates::embedded();
    let folder = ChangingFolder {
        items: example_items(),
        reads: 0.into(),
    };
    let changed = folder.items[1].0.display().to_string();
    let err = compile(
        &t,
        &ReportSettings::default(),
        &folder,
        Format::Xlsx,
        &|_, _| {},
    )
    .err()
    .expect("refused")
    .to_string();
    assert!(err.contains(&changed), "{err}");
    assert!(err.contains("đã thay đổi trong khi lập báo cáo"), "{err}");
    // Read the same each time, the same reviews compile.
    let items = example_items();
    let ok = compile(
        &t,
        &ReportSettings::default(),
        &items,
        Format::Xlsx,
        &|_, _| {},
    )
    .unwrap();
    assert_eq!(ok.included, items.len());
}
