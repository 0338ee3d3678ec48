//! The office's year in the real app (egui_kittest): the plan page beside the review list with
//! the shipped plan and examples, the August report from the ready rows, a plan imported from a
//! spreadsheet, and quality comments from the step they concern to the plan page and back.

use crate::common;
use common::gui::*;
use common::*;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use std::fs;
use std::path::Path;
use tthc_review::model::Stage;
use tthc_review::progress::Step;
use tthc_review::storage::{load_review, save_review};

const XANG_DAU: &str = "xang-dau-cap-gcn-cua-hang.ron";

fn on(day: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap()
}

/// The app on a copy of the examples and the shipped plan, checked against `day`.
fn office(
    dir: &Path,
    day: &str,
    dialogs: Dialogs,
) -> egui_kittest::Harness<'static, tthc_review::ui::App> {
    let plan = examples_dir().join("ke-hoach-2024.plan.ron");
    fs::copy(&plan, dir.join("ke-hoach-2024.plan.ron")).unwrap();
    let mut h = app_at(dir, egui::vec2(1366.0, 768.0), dialogs);
    h.state_mut().home.today = Some(on(day));
    let t = h.state().templates.clone();
    h.state_mut().home.reload(&t, dir);
    h.run();
    click(&mut h, Role::Button, "Kế hoạch năm 2024");
    h
}

fn contains(h: &egui_kittest::Harness<'static, tthc_review::ui::App>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

#[test]
fn the_plan_page_shows_each_rows_status_the_overdue_ones_and_the_totals() {
    let dir = examples_folder();
    let mut h = office(dir.path(), "2024-07-31", Dialogs::default());
    // Grouped by room, in plan order, each with its count.
    assert!(contains(
        &h,
        "Phòng Quản lý Công nghiệp — 2 TTHC: 0/2 đã hoàn thiện · 0/2 đã gửi thẩm định · 2 quá hạn"
    ));
    assert!(contains(
        &h,
        "Phòng Quản lý Thương mại- Xuất nhập khẩu — 1 TTHC: 0/1 đã hoàn thiện · 1/1 đã gửi thẩm định"
    ));
    shown(&h, "đã gửi thẩm định");
    shown(&h, "từ 25/07/2024");
    assert_eq!(h.query_all_by_label("quá hạn 30/07/2024").count(), 2);
    assert!(contains(
        &h,
        "trước 396.576.800 — sau 221.591.560 — tiết kiệm 174.985.240 đồng/năm (44,12 %)"
    ));
    assert!(contains(&h, "Tổng thời hạn giải quyết: trước"));
    assert!(contains(&h, "2 TTHC quá hạn"));
    // Nothing is ready for the August report yet.
    assert!(
        !h.get_by_label("Lập dự thảo quyết định từ 0 TTHC đã hoàn thiện…")
            .is_clickable_or_enabled()
    );

    // Grouped by lĩnh vực instead.
    click(&mut h, Role::Button, "Lĩnh vực");
    assert!(contains(&h, "Vật liệu nổ công nghiệp — 2 TTHC"));
    assert!(contains(&h, "Lưu thông hàng hóa trong nước — 1 TTHC"));
}

trait Enabled {
    fn is_clickable_or_enabled(&self) -> bool;
}
impl Enabled for egui_kittest::Node<'_> {
    fn is_clickable_or_enabled(&self) -> bool {
        use egui_kittest::kittest::NodeT;
        !self.accesskit_node().is_disabled()
    }
}

#[test]
fn the_august_report_takes_the_rows_that_are_ready_and_only_those() {
    let dir = examples_folder();
    // The xăng dầu review is completed after the provincial office's comments.
    let p = dir.path().join(XANG_DAU);
    let mut r = load_review(&p).unwrap();
    r.tracking.push(tthc_review::model::StageChange {
        stage: Stage::Completed,
        date: on("2024-08-10"),
        note: String::new(),
    });
    save_review(&p, &r).unwrap();
    let dialogs = Dialogs::default();
    let out = dir.path().join("du-thao-qd.pdf");
    dialogs.save_to.borrow_mut().push(out.clone());
    let mut h = office(dir.path(), "2024-08-20", dialogs);
    shown(&h, "đã hoàn thiện");
    click(
        &mut h,
        Role::Button,
        "Lập dự thảo quyết định từ 1 TTHC đã hoàn thiện…",
    );
    // The checks before a report may warn; go on past warnings.
    if h.query_by_label("Vẫn lập báo cáo").is_some() {
        click(&mut h, Role::Button, "Vẫn lập báo cáo");
    }
    wait_for_job(&mut h);
    let text = text(&fs::read(&out).unwrap());
    assert!(text.contains("xăng dầu"), "{text}");
    assert!(!text.contains("vật liệu nổ"), "only the ready row: {text}");
    assert!(!text.contains("huấn luyện kỹ thuật"), "only the ready row");
}

#[test]
fn a_plan_is_imported_from_a_spreadsheet_through_the_dialog() {
    let dir = examples_folder();
    let csv = dir.path().join("phu-luc.csv");
    fs::write(
        &csv,
        "KẾ HOẠCH rà soát năm 2025\nSTT;Mã số trên Cổng dịch vụ công quốc gia;Tên thủ tục hành chính;Lĩnh vực;Đơn vị thực hiện\n1;2.000648.000.00.00.H32;Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu;Lưu thông hàng hóa trong nước;Phòng QLTM\n2;;;Lưu thông hàng hóa trong nước;Phòng QLTM\n",
    )
    .unwrap();
    let dialogs = Dialogs::default();
    dialogs.open.borrow_mut().push(csv);
    let mut h = app_at(dir.path(), egui::vec2(1366.0, 768.0), dialogs);
    click(&mut h, Role::Button, "Kế hoạch năm");
    shown(&h, "Nhập kế hoạch từ Excel/CSV…");
    click(&mut h, Role::Button, "Nhập kế hoạch từ Excel/CSV…");
    // Asked first: what was read, what was left out (with its row), the milestones to confirm.
    let plan = dir.path().join("ke-hoach-2025.plan.ron");
    assert!(!plan.exists(), "nothing written before «Nhập»");
    assert!(contains(&h, "đọc được 1 dòng TTHC"));
    assert!(contains(&h, "Tên thủ tục hành chính → Tên TTHC"));
    assert!(contains(&h, "dòng 4"));
    assert!(contains(&h, "Tệp không ghi các mốc thời gian"));
    type_into(
        &mut h,
        "Gửi Văn phòng UBND tỉnh đánh giá chất lượng",
        "25/07/2025",
    );
    assert!(
        contains(&h, "đọc được 1 dòng TTHC"),
        "still asked after typing a date"
    );
    click(&mut h, Role::Button, "Nhập");
    assert!(plan.is_file());
    let written = tthc_review::plan::Plan::load(&plan).unwrap();
    assert_eq!(written.year, 2025);
    assert_eq!(
        written.milestones[1].date,
        chrono::NaiveDate::from_ymd_opt(2025, 7, 25).unwrap()
    );
    assert!(contains(&h, "Phòng QLTM — 1 TTHC"));
}

#[test]
fn a_corrected_plan_replaces_the_first_after_a_question_and_the_page_chooses_the_plan() {
    let dir = examples_folder();
    let first = dir.path().join("phu-luc.csv");
    let header =
        "KẾ HOẠCH rà soát năm 2025\nSTT;Tên thủ tục hành chính;Lĩnh vực;Đơn vị thực hiện\n";
    fs::write(
        &first,
        format!(
            "{header}1;Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu;;Phòng QLTM\n"
        ),
    )
    .unwrap();
    let corrected = dir.path().join("phu-luc-sua.csv");
    fs::write(
        &corrected,
        format!("{header}1;Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu;Lưu thông hàng hóa trong nước;Phòng QLTM\n"),
    )
    .unwrap();
    let dialogs = Dialogs::default();
    let queue = dialogs.open.clone();
    // Answered last pushed first.
    queue.borrow_mut().push(corrected.clone());
    queue.borrow_mut().push(corrected.clone());
    queue.borrow_mut().push(first);
    let mut h = app_at(dir.path(), egui::vec2(1024.0, 640.0), dialogs);
    click(&mut h, Role::Button, "Kế hoạch năm");
    click(&mut h, Role::Button, "Nhập kế hoạch từ Excel/CSV…");
    click(&mut h, Role::Button, "Nhập");
    let plan = dir.path().join("ke-hoach-2025.plan.ron");
    let before = fs::read(&plan).unwrap();
    // Esc cancels the question: nothing written.
    click(&mut h, Role::Button, "Nhập kế hoạch khác…");
    assert!(contains(
        &h,
        "Thay kế hoạch đang có «ke-hoach-2025.plan.ron»"
    ));
    h.key_press(Key::Escape);
    h.run();
    assert!(
        !contains(&h, "Thay kế hoạch đang có"),
        "Esc closed the question"
    );
    assert_eq!(fs::read(&plan).unwrap(), before);
    assert!(!dir.path().join("ke-hoach-2025-2.plan.ron").exists());
    // Again, and replace: the old plan is kept as .bak, the page shows the corrected one.
    assert_eq!(
        queue.borrow().len(),
        1,
        "the corrected file is asked for again"
    );
    click(&mut h, Role::Button, "Nhập kế hoạch khác…");
    click(&mut h, Role::Button, "Nhập");
    assert_eq!(
        fs::read(dir.path().join("ke-hoach-2025.plan.ron.bak")).unwrap(),
        before
    );
    assert!(!dir.path().join("ke-hoach-2025-2.plan.ron").exists());
    click(&mut h, Role::Button, "Lĩnh vực");
    assert!(contains(&h, "Lưu thông hàng hóa trong nước — 1 TTHC"));
    // A second plan file: the page says so and lets the user choose.
    let plan_2024 = examples_dir().join("ke-hoach-2024.plan.ron");
    fs::copy(&plan_2024, dir.path().join("ke-hoach-2024.plan.ron")).unwrap();
    let t = h.state().templates.clone();
    h.state_mut().home.reload(&t, dir.path());
    h.run();
    assert!(contains(&h, "Thư mục có 2 tệp kế hoạch; đang xem:"));
    h.get_by_role(Role::ComboBox).click();
    h.run();
    h.get_by_label("ke-hoach-2024.plan.ron").click();
    h.run();
    assert!(contains(&h, "Kèm theo Kế hoạch số: /KH-SCT ngày /3/2024"));
}

#[test]
fn a_quality_comment_is_shown_at_its_step_listed_in_the_plan_and_resolved() {
    let dir = examples_folder();
    let mut h = office(dir.path(), "2024-08-05", Dialogs::default());
    click(&mut h, Role::Button, "Bản rà soát");
    open(
        &mut h,
        "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
    );
    // The stepper's entry, whatever its completeness mark.
    h.get_by_label_contains("2. Sự cần thiết").click();
    h.run();
    // Below the step's content, folded.
    h.get_by_label("Ghi ý kiến đánh giá chất lượng")
        .scroll_to_me();
    h.run();
    h.get_by_label("Ghi ý kiến đánh giá chất lượng").click();
    h.run();
    h.get_by_label("Người cho ý kiến").scroll_to_me();
    h.run();
    type_into(&mut h, "Người cho ý kiến", "Văn phòng UBND tỉnh");
    // A multi-line field: clicked, then typed into.
    h.get_by_role_and_label(Role::MultilineTextInput, "Nội dung ý kiến")
        .click();
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "Nội dung ý kiến")
        .type_text("Làm rõ vì sao cần điều kiện về diện tích cửa hàng");
    h.run();
    h.get_by_label("Thêm ý kiến").scroll_to_me();
    h.run();
    click(&mut h, Role::Button, "Thêm ý kiến");
    shown(&h, "    1 ý kiến chưa xử lý");
    // Now listed above the step's content.
    shown(
        &h,
        "Ý kiến đánh giá chất lượng về bước này: 1 ý kiến, 1 chưa xử lý",
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = load_review(&dir.path().join(XANG_DAU)).unwrap();
    assert_eq!(saved.comments.len(), 1);
    let c = &saved.comments[0];
    assert_eq!(c.author, "Văn phòng UBND tỉnh");
    assert_eq!(c.part, Step::Necessity);
    assert_eq!(c.text, "Làm rõ vì sao cần điều kiện về diện tích cửa hàng");
    assert!(!c.resolved);

    // The plan page lists it, and takes the office to it.
    click(&mut h, Role::Button, "← Danh sách");
    click(&mut h, Role::Button, "Kế hoạch năm 2024");
    assert!(contains(&h, "Ý kiến đánh giá chất lượng chưa xử lý (1)"));
    shown(&h, "1 chưa xử lý");
    click(&mut h, Role::Button, "Đến chỗ");
    assert_eq!(h.state().editor.as_ref().unwrap().step, Step::Necessity);
    click(&mut h, Role::CheckBox, "Đã xử lý");
    assert!(
        h.state().editor.as_ref().unwrap().review.comments[0].resolved,
        "ticked; modal: {}",
        h.state().modal.is_some()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(load_review(&dir.path().join(XANG_DAU)).unwrap().comments[0].resolved);
    click(&mut h, Role::Button, "← Danh sách");
    assert!(!contains(&h, "Ý kiến đánh giá chất lượng chưa xử lý"));
}

#[test]
fn a_comment_typed_but_not_added_is_asked_about_and_saved() {
    let dir = examples_folder();
    let mut h = app_at(dir.path(), egui::vec2(1366.0, 768.0), Dialogs::default());
    open(
        &mut h,
        "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
    );
    h.get_by_label("Ghi ý kiến đánh giá chất lượng")
        .scroll_to_me();
    h.run();
    h.get_by_label("Ghi ý kiến đánh giá chất lượng").click();
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "Nội dung ý kiến")
        .scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "Nội dung ý kiến")
        .click();
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "Nội dung ý kiến")
        .type_text("Bổ sung căn cứ pháp lý của thời hạn 15 ngày");
    h.run();
    // Leaving asks, as for any unsaved change; «Lưu» keeps what was typed.
    click(&mut h, Role::Button, "← Danh sách");
    shown(&h, "Lưu thay đổi?");
    click(&mut h, Role::Button, "Lưu");
    let saved = load_review(&dir.path().join(XANG_DAU)).unwrap();
    assert_eq!(saved.comments.len(), 1);
    assert_eq!(
        saved.comments[0].text,
        "Bổ sung căn cứ pháp lý của thời hạn 15 ngày"
    );
    assert_eq!(saved.comments[0].author, "(chưa ghi)");
    assert_eq!(saved.comments[0].part, Step::Record);
    assert!(h.state().editor.is_none(), "back to the list");
}

#[test]
fn the_milestones_are_edited_on_the_plan_page_and_bad_dates_change_nothing() {
    let dir = examples_folder();
    let mut h = office(dir.path(), "2024-07-31", Dialogs::default());
    let plan_file = dir.path().join("ke-hoach-2024.plan.ron");
    let before = fs::read(&plan_file).unwrap();
    assert!(contains(&h, "2 TTHC quá hạn"));
    click(&mut h, Role::Button, "Sửa mốc, mục tiêu…");
    let sent = "Gửi Văn phòng UBND tỉnh đánh giá chất lượng";
    type_into(&mut h, sent, "31/02/2024");
    click(&mut h, Role::Button, "Lưu vào tệp kế hoạch");
    shown(
        &h,
        "«Gửi Văn phòng UBND tỉnh đánh giá chất lượng»: ngày «31/02/2024» phải viết dạng 30/07/2024",
    );
    assert_eq!(fs::read(&plan_file).unwrap(), before, "nothing written");
    // The provincial office moved the deadline to 05/08; the target becomes 35 %.
    type_into(&mut h, sent, "05/08/2024");
    type_into(&mut h, "Mục tiêu cắt giảm (%)", "35");
    click(&mut h, Role::Button, "Lưu vào tệp kế hoạch");
    let plan = tthc_review::plan::Plan::load(&plan_file).unwrap();
    assert_eq!(plan.milestones[1].date, on("2024-08-05"));
    assert_eq!(plan.time_cut_target, d("35"));
    assert_eq!(plan.rows.len(), 3, "the rows are kept");
    assert!(
        !contains(&h, "TTHC quá hạn"),
        "no row is late on 31/07 any more"
    );
    assert!(contains(&h, "mục tiêu tối thiểu 35 %"));
}

#[test]
fn large_amounts_are_never_cut_and_the_total_counts_what_a_compile_would() {
    let dir = examples_folder();
    // A 15-digit yearly cost, a draft copy and two files for one TTHC.
    let mut big = load_review(&dir.path().join(XANG_DAU)).unwrap();
    big.tthc.code = "9.999999".into();
    big.tthc.name = "Thủ tục có chi phí rất lớn".into();
    big.subjects = tthc_review::model::Figure::int(99_999_999);
    save_review(&dir.path().join("lon.ron"), &big).unwrap();
    let mut draft = big.clone();
    draft.tthc.code = "9.999998".into();
    draft.subjects = tthc_review::model::Figure::int(7);
    draft.draft = true;
    save_review(&dir.path().join("nhap.ron"), &draft).unwrap();
    let twice = load_review(&dir.path().join(XANG_DAU)).unwrap();
    save_review(&dir.path().join("xang-dau-ban-2.ron"), &twice).unwrap();
    for size in [egui::vec2(1366.0, 768.0), egui::vec2(1024.0, 640.0)] {
        let mut h = app_at(dir.path(), size, Dialogs::default());
        h.run();
        // What a compile counts: the examples less the duplicated one, plus the large one.
        assert!(
            contains(
                &h,
                "tất cả 6 dòng; 3 TTHC có số liệu; không tính 1 bản nháp, 2 dòng trùng TTHC (chọn một)"
            ),
            "{size:?}"
        );
        // The row of the large review: before, after and saving side by side, none over another
        // (a right-aligned amount wider than its column would run into the one before it).
        let big_cost = tthc_review::cost::review_cost(&big).unwrap();
        let res = &big_cost.options[big.chosen_index().unwrap()]
            .as_ref()
            .unwrap()
            .result;
        let labels = [res.before, res.after, res.saving].map(tthc_review::cost::format::money);
        assert!(labels[0].len() >= 19, "a 15-digit amount: {}", labels[0]);
        for l in &labels {
            h.get_by_label(l).scroll_to_me();
        }
        h.run();
        let rects: Vec<egui::Rect> = labels.iter().map(|l| h.get_by_label(l).rect()).collect();
        // Each amount as wide as its text: not truncated with "…".
        let font = egui::TextStyle::Body.resolve(&h.ctx.global_style());
        for (l, r) in labels.iter().zip(&rects) {
            let natural = h.ctx.fonts_mut(|f| {
                f.layout_no_wrap(l.clone(), font.clone(), egui::Color32::WHITE)
                    .size()
                    .x
            });
            assert!(
                r.width() + 1.5 >= natural,
                "{size:?}: «{l}» shown {} px wide of its {natural} px",
                r.width()
            );
        }
        for w in rects.windows(2) {
            assert!(
                w[0].right() <= w[1].left(),
                "{size:?}: {labels:?} overlap: {rects:?}"
            );
        }
        let chosen = h.query_all_by_label("Phương án 1").last().map(|n| n.rect());
        if let Some(c) = chosen
            && (c.center().y - rects[0].center().y).abs() < 5.0
        {
            assert!(
                c.right() <= rects[0].left(),
                "{size:?}: the amount runs into «Phương án 1»"
            );
        }
    }
}

#[test]
fn the_plan_page_reaches_every_column_at_1024_and_questions_stay_put() {
    let dir = examples_folder();
    let plan = examples_dir().join("ke-hoach-2024.plan.ron");
    fs::copy(&plan, dir.path().join("ke-hoach-2024.plan.ron")).unwrap();
    let mut h = app_at(dir.path(), egui::vec2(1024.0, 640.0), Dialogs::default());
    click(&mut h, Role::Button, "Kế hoạch năm 2024");
    // The unit as the TTHC count it; the last column brought into view by scrolling.
    let header = h
        .query_all_by_label("Thời hạn\n(ngày làm việc)")
        .next()
        .expect("the days header in the unit of the TTHC");
    header.scroll_to_me();
    h.run();
    let comments = h.query_all_by_label("Ý kiến").next().unwrap();
    comments.scroll_to_me();
    h.run();
    let r = h.query_all_by_label("Ý kiến").next().unwrap().rect();
    assert!(
        r.right() <= 1024.0 && r.left() >= 0.0,
        "«Ý kiến» in view: {r:?}"
    );
    // A question opened over the page: its buttons do not move from the frame it appears.
    h.state_mut().message("Thông báo thử: một dòng khá dài để xuống dòng trong khung câu hỏi, như thông báo thật về một tệp kế hoạch có nhiều dòng không đọc được.");
    h.run();
    let first = h.get_by_role_and_label(Role::Button, "Đóng").rect();
    for _ in 0..30 {
        h.step();
    }
    let later = h.get_by_role_and_label(Role::Button, "Đóng").rect();
    assert_eq!(first, later, "the question moved after it opened");
    // Esc closes it, as «Đóng».
    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.query_all_by_role_and_label(Role::Button, "Đóng")
            .next()
            .is_none()
    );
}

#[test]
fn a_completed_row_with_two_files_goes_to_the_checks_not_out_of_the_decision() {
    let dir = examples_folder();
    let p = dir.path().join(XANG_DAU);
    let mut r = load_review(&p).unwrap();
    r.tracking.push(tthc_review::model::StageChange {
        stage: Stage::Completed,
        date: on("2024-08-10"),
        note: String::new(),
    });
    // An open quality comment on the completed review.
    r.comments.push(tthc_review::model::Comment {
        author: "Văn phòng UBND tỉnh".into(),
        date: on("2024-08-12"),
        part: Step::CurrentCost,
        text: "Số giờ chuẩn bị hồ sơ chưa có căn cứ".into(),
        resolved: false,
    });
    save_review(&p, &r).unwrap();
    // A second file of the same TTHC, also completed.
    save_review(&dir.path().join("xang-dau-ban-phong.ron"), &r).unwrap();
    let mut h = office(dir.path(), "2024-08-20", Dialogs::default());
    // Counted as completed in the header and on the button alike.
    assert!(contains(&h, "1/3 đã hoàn thiện"));
    click(
        &mut h,
        Role::Button,
        "Lập dự thảo quyết định từ 1 TTHC đã hoàn thiện…",
    );
    // The checks name both files; nothing is compiled until one is chosen.
    shown(&h, "Kiểm tra trước khi lập báo cáo");
    assert!(contains(&h, "trùng TTHC (mã số) với"));
    assert!(contains(&h, "xang-dau-ban-phong.ron"));
    assert!(contains(&h, "còn 1 ý kiến đánh giá chất lượng chưa xử lý"));
    assert!(h.query_all_by_label("Đến chỗ sửa").count() >= 2);
    let go = h.get_by_role_and_label(Role::Button, "Vẫn lập báo cáo");
    assert!(
        egui_kittest::kittest::NodeT::accesskit_node(&go).is_disabled(),
        "an error stops the report"
    );
}

#[test]
fn one_field_spelt_two_ways_is_one_group_on_the_plan_page() {
    let dir = examples_folder();
    let a = dir.path().join("vlncn-cap-gcn-huan-luyen.ron");
    let b = dir.path().join("vlncn-cap-lai-gcn-huan-luyen.ron");
    for (p, spelling) in [(&a, "Hoá chất"), (&b, "Hóa chất")] {
        let mut r = load_review(p).unwrap();
        r.tthc.field = spelling.into();
        save_review(p, &r).unwrap();
    }
    let plan = fs::read_to_string(examples_dir().join("ke-hoach-2024.plan.ron"))
        .unwrap()
        .replace("field: \"Vật liệu nổ công nghiệp\"", "field: \"\"");
    fs::write(dir.path().join("ke-hoach-2024.plan.ron"), plan).unwrap();
    let mut h = app_at(dir.path(), egui::vec2(1366.0, 768.0), Dialogs::default());
    h.state_mut().home.today = Some(on("2024-07-31"));
    let t = h.state().templates.clone();
    h.state_mut().home.reload(&t, dir.path());
    h.run();
    click(&mut h, Role::Button, "Kế hoạch năm 2024");
    click(&mut h, Role::Button, "Lĩnh vực");
    assert!(
        h.query_all_by_label_contains("— 2 TTHC").count() == 1
            && h.query_all_by_label_contains("Hóa chất — 2 TTHC").count()
                + h.query_all_by_label_contains("Hoá chất — 2 TTHC").count()
                == 1,
        "one group for both spellings"
    );
}

#[test]
fn a_business_tthc_gets_its_baseline_and_conditions_and_the_measures_turn_green() {
    let dir = examples_folder();
    let mut h = app_at(dir.path(), egui::vec2(1366.0, 1100.0), Dialogs::default());
    open(
        &mut h,
        "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
    );
    // A finding on a listed requirement becomes a business condition to cut.
    h.get_by_label_contains("3. Tính hợp lý").click();
    h.run();
    let radio = "hl.dieu_kien.dap_ung#1: Không";
    h.get_by_label(radio).scroll_to_me();
    h.run();
    h.get_by_label(radio).click();
    h.run();
    click(&mut h, Role::Button, "+ Điều kiện kinh doanh cần cắt giảm");
    assert!(contains(&h, "● Đã có trong danh sách điều kiện kinh doanh"));
    // Step 1: business-related, baseline = this 2024 review's own figures.
    h.get_by_label_contains("1. Thông tin TTHC").click();
    h.run();
    let business =
        "TTHC liên quan đến hoạt động sản xuất, kinh doanh (thuộc phạm vi mục tiêu cắt giảm)";
    h.get_by_label(business).scroll_to_me();
    h.run();
    h.get_by_label(business).click();
    h.run();
    click(&mut h, Role::Button, "Lấy từ bảng chi phí hiện tại");
    let r = &h.state().editor.as_ref().unwrap().review;
    assert!(r.business);
    let b = r.baseline.as_ref().unwrap();
    assert_eq!(b.cost.value, d("297692800"));
    assert_eq!(b.days.value, d("15"));
    assert_eq!(r.business_conditions.len(), 1);
    assert_eq!(
        r.business_conditions[0].fate,
        tthc_review::model::ConditionFate::SuaDoi
    );
    // (A tall window: the option's table is in view without scrolling.)
    // The review is a 2024 one: the 2024 targets are not in the data; the plan's year is.
    h.state_mut().editor.as_mut().unwrap().plan_year = Some(2025);
    h.run();
    assert!(contains(
        &h,
        "Chi phí tuân thủ: giảm 26,44 % (mục tiêu 30 %) — CHƯA ĐẠT"
    ));
    assert!(contains(
        &h,
        "Thời hạn giải quyết: giảm 33,33 % (mục tiêu 30 %) — ĐẠT"
    ));
    assert!(contains(
        &h,
        "Điều kiện kinh doanh (1/1 cắt giảm, đơn giản hóa: bãi bỏ 0, sửa đổi 1, giữ 0): giảm 100,00 % (mục tiêu 30 %) — ĐẠT"
    ));
    // Fewer hours in the option: the cost measure turns green.
    h.get_by_label_contains("6. Phương án").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Phương án 1: giờ, hoạt động 1")
        .scroll_to_me();
    h.run();
    type_into(&mut h, "Phương án 1: giờ, hoạt động 1", "2");
    h.get_by_label_contains("7. So sánh").click();
    h.run();
    assert!(contains(
        &h,
        "Chi phí tuân thủ: giảm 39,41 % (mục tiêu 30 %) — ĐẠT"
    ));
    // Saved with the review.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = load_review(&dir.path().join(XANG_DAU)).unwrap();
    assert!(saved.business && saved.baseline.is_some());
    assert_eq!(saved.business_conditions.len(), 1);
}

#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(h: &mut egui_kittest::Harness<'static, tthc_review::ui::App>, p: &Path) {
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(p.to_path_buf())));
    h.run();
}

#[test]
fn a_portal_file_dropped_on_the_window_becomes_a_review_and_a_newer_one_is_asked_about() {
    let dir = examples_folder();
    let doc = dir.path().join("ChiTietTTHC_2.000648.doc");
    fs::write(&doc, portal_doc(false)).unwrap();
    let dialogs = Dialogs::default();
    let target = dir.path().join("xang-dau-tu-cong.ron");
    dialogs.save_to.borrow_mut().push(target.clone());
    let mut h = app_at(dir.path(), egui::vec2(1366.0, 768.0), dialogs);
    drop_file(&mut h, &doc);
    {
        let r = &h.state().editor.as_ref().expect("a new review").review;
        assert_eq!(r.tthc.code, "2.000648.000.00.00.H32");
        assert_eq!(r.activities.len(), 6, "the proposed table");
        assert_eq!(
            r.tthc.costed_channel,
            Some(tthc_review::model::Channel::TrucTuyen)
        );
    }
    assert!(contains(&h, "Nguồn: ChiTietTTHC_2.000648.doc"));
    assert!(contains(&h, "bảng chi phí hiện tại là bảng đề xuất 6 dòng"));
    // Undo takes the proposal away in one step; Redo brings it back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        h.state()
            .editor
            .as_ref()
            .unwrap()
            .review
            .activities
            .is_empty()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(
        h.state().editor.as_ref().unwrap().review.activities.len(),
        6
    );
    // The post is costed instead: its time and fee become the record's.
    let post = "Qua dịch vụ bưu chính: 20 ngày; phí, lệ phí 1.250.000 đồng";
    h.get_by_label(post).scroll_to_me();
    h.run();
    h.get_by_label(post).click();
    h.run();
    {
        let r = &h.state().editor.as_ref().unwrap().review;
        assert_eq!(
            r.tthc.costed_channel,
            Some(tthc_review::model::Channel::BuuChinh)
        );
        assert_eq!(r.tthc.time_limit.days.value, d("20"));
        assert_eq!(r.tthc.time_limit.kind, tthc_review::model::DayKind::Ngay);
        assert_eq!(r.tthc.fee.amount.value, d("1250000"));
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(target.is_file());
    // A newer file: the online time is 7 days. Asked first, only the ticked change taken.
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(portal_doc(false))).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    let xml = xml.replace("10 Ngày làm việc", "7 Ngày làm việc").replace(
        "Cơ quan thực hiện: Sở Công Thương",
        "Cơ quan thực hiện: Trung tâm Phục vụ hành chính công",
    );
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    std::io::Write::write_all(&mut w, xml.as_bytes()).unwrap();
    let newer = dir.path().join("ChiTietTTHC_moi.doc");
    fs::write(&newer, w.finish().unwrap().into_inner()).unwrap();
    drop_file(&mut h, &newer);
    shown(&h, "Cập nhật theo Cổng Dịch vụ công");
    assert!(contains(&h, "khác với bản rà soát ở 2 mục"));
    // Keep the review's agency: untick it, take the channels.
    click(&mut h, Role::CheckBox, "Lấy theo Cổng: Cơ quan giải quyết");
    click(&mut h, Role::Button, "Lấy 1 mục đã chọn");
    let r = &h.state().editor.as_ref().unwrap().review;
    assert_eq!(r.tthc.agency, "Sở Công Thương");
    let online = r
        .tthc
        .channel_terms
        .iter()
        .find(|t| t.channel == Some(tthc_review::model::Channel::TrucTuyen))
        .unwrap();
    assert_eq!(online.days.value, d("7"));
    assert_eq!(
        r.tthc.time_limit.days.value,
        d("20"),
        "still the post, as chosen"
    );
    assert_eq!(r.activities.len(), 6, "the table untouched");
    assert_eq!(r.tthc.source.as_ref().unwrap().file, "ChiTietTTHC_moi.doc");
}

#[test]
fn a_status_message_never_moves_the_page_under_the_pointer() {
    let dir = examples_folder();
    let mut h = app_at(dir.path(), egui::vec2(1024.0, 640.0), Dialogs::default());
    let before = h.get_by_role_and_label(Role::Button, "Kế hoạch năm").rect();
    let row = h.get_by_label("Tổng cộng").rect();
    h.state_mut().status = "Đã lưu saved-reviews/xang-dau-cap-gcn-cua-hang.ron — một thông báo dài để thử xem nó có đẩy trang xuống hay không khi cửa sổ hẹp 1024 điểm ảnh".into();
    h.run();
    assert!(contains(
        &h,
        "Đã lưu saved-reviews/xang-dau-cap-gcn-cua-hang.ron"
    ));
    assert_eq!(
        h.get_by_role_and_label(Role::Button, "Kế hoạch năm").rect(),
        before
    );
    assert_eq!(h.get_by_label("Tổng cộng").rect(), row);
}

#[test]
fn a_review_never_saved_does_not_say_it_is_saved_and_days_are_in_the_tthcs_unit() {
    let dir = examples_folder();
    let mut h = app_at(dir.path(), egui::vec2(1366.0, 768.0), Dialogs::default());
    click(&mut h, Role::Button, "+ Rà soát mới");
    assert!(contains(&h, "Chưa lưu thành tệp"));
    assert!(h.query_by_label("Đã lưu").is_none());
    click(&mut h, Role::Button, "← Danh sách");
    open(
        &mut h,
        "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
    );
    shown(&h, "Đã lưu");
    h.get_by_label_contains("7. So sánh").click();
    h.run();
    shown(&h, "Thời hạn (ngày làm việc)");
}
