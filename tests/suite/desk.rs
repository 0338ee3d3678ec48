//! The reviewer's desk: what a specialist does all day — no file dialog on the machine, pasting
//! from Excel, Enter and Tab in the cost table, every control in reach at small window sizes.

use crate::common;
use common::gui::*;
use common::*;

fn folder() -> tempfile::TempDir {
    examples_folder()
}

/// The app on a copy of the examples at `size`, a new review made with «+ Rà soát mới» and
/// opened at the step whose label contains `step`. The folder lives as long as the first value.
fn new_review_at(size: egui::Vec2, step: &str) -> (tempfile::TempDir, Harness<'static, App>) {
    let dir = folder();
    let mut h = app_at(dir.path(), size, Dialogs::default());
    h.get_by_label("+ Rà soát mới").click();
    h.run();
    h.get_by_label_contains(step).click();
    h.run();
    (dir, h)
}
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::fs;
use tthc_review::ui::App;

#[test]
fn with_no_file_dialog_save_and_export_still_write_and_say_where() {
    let dir = folder();
    let mut h = app_at(
        dir.path(),
        egui::vec2(1280.0, 800.0),
        Dialogs::none_on_this_machine(),
    );
    h.get_by_label("+ Rà soát mới").click();
    h.run();
    type_into(&mut h, "Tên TTHC", "Cấp phép thử không hộp thoại");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = dir.path().join("cap-phep-thu-khong-hop-thoai.ron");
    assert!(
        saved.is_file(),
        "saved under a free name in the reviews folder"
    );
    h.get_by_label_contains("Không mở được hộp thoại chọn tệp");
    assert!(
        h.query_all_by_label_contains(&saved.display().to_string())
            .count()
            >= 1
    );
    assert!(!h.state().is_dirty());
    h.get_by_label("Đóng").click();
    h.run();

    // Export of a review writes beside it, never over anything.
    h.get_by_label("← Danh sách").click();
    h.run();
    h.get_by_label("Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu")
        .click();
    h.run();
    h.get_by_label("Mở").click();
    h.run();
    h.get_by_label("Xuất báo cáo…").click();
    h.run();
    // The app asks the name and the format itself: PDF by default, beside the review.
    h.get_by_label_contains("Không mở được hộp thoại chọn tệp trên máy này");
    click(&mut h, Role::Button, "Xuất");
    let stem =
        tthc_review::storage::slug("Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu");
    let pdf = dir.path().join(format!("{stem}.pdf"));
    assert!(fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    h.get_by_label_contains(&format!("Đã xuất {}", pdf.display()));
    // And the user can open it to print, or show its folder.
    h.get_by_label("Mở tệp");
    h.get_by_label("Mở thư mục");
    // A second export suggests a new name; Word is reachable without a dialog.
    h.get_by_label("Xuất báo cáo…").click();
    h.run();
    click(&mut h, Role::RadioButton, "Word .docx (để sửa tiếp)");
    h.get_by_label_contains(&format!("{stem}-2.docx"));
    click(&mut h, Role::Button, "Xuất");
    let docx = dir.path().join(format!("{stem}-2.docx"));
    assert!(fs::read(&docx).unwrap().starts_with(b"PK"));
    // Esc cancels the question: nothing written.
    h.get_by_label("Xuất báo cáo…").click();
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().modal.is_none());
    assert!(!dir.path().join(format!("{stem}-2.pdf")).exists());
}

#[test]
fn a_range_copied_from_excel_becomes_rows_and_enter_moves_down() {
    let (_dir, mut h) = new_review_at(egui::vec2(1366.0, 768.0), "5. Chi phí hiện tại");
    type_into(&mut h, "Số đối tượng/năm", "100");
    h.get_by_label("+ Thêm hoạt động").click();
    h.run();
    click(&mut h, Role::TextInput, "Hiện tại: tên hoạt động 1");
    // Three rows as Excel (Vietnamese regional settings) puts them on the clipboard.
    let range = "Chuẩn bị hồ sơ\t8\t0\t20.000\r\nNộp hồ sơ\t4\t50.000\t0\r\nNhận kết quả\t0,5\t0\t30.000\r\n";
    h.input_mut().events.push(egui::Event::Paste(range.into()));
    h.run();
    h.run();
    let r = &h.state().editor.as_ref().unwrap().review;
    assert_eq!(r.activities.len(), 3);
    assert_eq!(r.activities[0].name, "Chuẩn bị hồ sơ");
    assert_eq!(r.activities[0].other.value, d("20000"));
    assert_eq!(r.activities[1].service.value, d("50000"));
    assert_eq!(r.activities[2].hours.value, d("0.5"));
    // (8 + 4 + 0,5) h × 59.422 (the 2025 preset) + 20.000 + 50.000 + 30.000 = 842.775 × 100
    h.get_by_label("84.277.500");

    // Enter moves down the column, as in a spreadsheet.
    click(&mut h, Role::TextInput, "Hiện tại: giờ, hoạt động 1");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Hiện tại: giờ, hoạt động 1")
        .type_text("6");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    let focused = h.get_by_role_and_label(Role::TextInput, "Hiện tại: giờ, hoạt động 2");
    assert!(focused.is_focused(), "Enter went to the row below");
    let r = &h.state().editor.as_ref().unwrap().review;
    assert_eq!(r.activities[0].hours.value, d("6"));
}

#[test]
fn a_source_note_is_attached_to_a_figure_with_a_right_click_and_saved() {
    let dir = folder();
    let mut h = app_at(dir.path(), egui::vec2(1366.0, 768.0), Dialogs::default());
    h.get_by_label("Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu")
        .click();
    h.run();
    h.get_by_label("Mở").click();
    h.run();
    h.get_by_label_contains("5. Chi phí hiện tại").click();
    h.run();
    let cell = "Hiện tại: chi phí khác, hoạt động 1";
    h.get_by_role_and_label(Role::TextInput, cell).hover();
    h.run();
    h.get_by_role_and_label(Role::TextInput, cell)
        .click_secondary();
    h.run();
    h.get_by_label("Nguồn số liệu (ghi chú):");
    let note_field = format!("Nguồn: {cell}");
    click(&mut h, Role::TextInput, &note_field);
    h.get_by_role_and_label(Role::TextInput, &note_field)
        .type_text("Giá photo tại Trung tâm HCC");
    h.run();
    h.get_by_label("Xong").hover();
    h.run();
    h.get_by_label("Xong").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved =
        tthc_review::storage::load_review(&dir.path().join("xang-dau-cap-gcn-cua-hang.ron"))
            .unwrap();
    assert_eq!(
        saved.activities[0].other.note,
        "Giá photo tại Trung tâm HCC"
    );
    assert_eq!(saved.activities[0].other.value, d("20000"));
}

#[test]
fn the_text_cursor_does_not_blink_so_an_idle_window_costs_nothing() {
    // Measured under Xvfb with software rendering: a focused field with a blinking cursor kept
    // the window at 22 % of a core (two repaints a second); with a steady cursor, 0–0,1 %.
    let dir = folder();
    let h = app_at(dir.path(), egui::vec2(1024.0, 640.0), Dialogs::default());
    for theme in [egui::Theme::Light, egui::Theme::Dark] {
        assert!(!h.ctx.style_of(theme).visuals.text_cursor.blink);
    }
}

/// Every node with this label is inside the window once scrolled to (vertically or sideways), as
/// a person would scroll to it.
fn in_reach(h: &mut Harness<'static, App>, size: egui::Vec2, label: &str) {
    let n = h.query_all_by_label(label).count();
    assert!(n > 0, "«{label}» is not on screen");
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
    for k in 0..n {
        h.query_all_by_label(label).nth(k).unwrap().scroll_to_me();
        h.run();
        let r = h.query_all_by_label(label).nth(k).unwrap().rect();
        assert!(
            window.contains_rect(r),
            "«{label}» at {r:?} is outside the {}×{} window",
            size.x,
            size.y
        );
    }
}

#[test]
fn every_key_control_and_total_is_in_reach_at_1024_1280_and_1366() {
    for size in [
        egui::vec2(1024.0, 640.0),
        egui::vec2(1280.0, 720.0),
        egui::vec2(1366.0, 768.0),
    ] {
        let dir = folder();
        let mut h = app_at(dir.path(), size, Dialogs::default());
        // Home: the toolbar, the last column's figures and the totals.
        for label in [
            "Báo cáo tổng hợp…",
            "Thiết lập báo cáo…",
            "26,44 %",
            "44,12 %",
            "174.985.240",
        ] {
            in_reach(&mut h, size, label);
        }
        // The totals stand under their own columns.
        for (row, total) in [("26,44 %", "44,12 %"), ("297.692.800", "396.576.800")] {
            let (r, t) = (h.get_by_label(row).rect(), h.get_by_label(total).rect());
            assert!(
                (r.right() - t.right()).abs() < 2.0,
                "{row} {r:?} / {total} {t:?}"
            );
        }
        h.get_by_label("Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu")
            .click();
        h.run();
        h.get_by_label("Mở").click();
        h.run();
        for label in ["Lưu (Ctrl+S)", "Xuất báo cáo…", "↷ Làm lại", "← Danh sách"] {
            in_reach(&mut h, size, label);
        }
        // The cost table: every column, the row buttons, the totals under it.
        h.get_by_label_contains("5. Chi phí hiện tại").click();
        h.run();
        for label in [
            "Hiện tại: xóa hoạt động 1",
            "Hiện tại: chuyển xuống, hoạt động 4",
            "+ Thêm hoạt động",
            "297.692.800",
            "Số đối tượng/năm",
        ] {
            in_reach(&mut h, size, label);
        }
        // The option's table and its totals.
        h.get_by_label_contains("6. Phương án").click();
        h.run();
        // Scroll down to the option's table (its rows are laid out only when in view).
        in_reach(&mut h, size, "Sao chép lại bảng hiện tại");
        for label in [
            "Phương án 1: xóa hoạt động 1",
            "Phương án 1: chi phí khác, hoạt động 1",
            "218.970.400",
        ] {
            in_reach(&mut h, size, label);
        }
        // The comparison: the choice and every figure.
        h.get_by_label_contains("7. So sánh").click();
        h.run();
        for label in ["Chọn phương án 1", "78.722.400", "15 → 10 (33,33 %)"] {
            in_reach(&mut h, size, label);
        }
    }
}

#[test]
fn answering_a_question_never_moves_the_controls_below_it() {
    let (_dir, mut h) = new_review_at(egui::vec2(1366.0, 768.0), "3. Tính hợp lý");
    let below = "hl.trinh_tu.ro_rang: Có";
    let before = h.get_by_label(below).rect();
    // "Không" raises a finding (its button appears); "Có" offers «Vẫn cần đơn giản hóa».
    for answer in [
        "hl.ten.ro_rang: Không",
        "hl.ten.ro_rang: Có",
        "hl.ten.ro_rang: Không",
    ] {
        h.get_by_label(answer).click();
        h.run();
        assert_eq!(h.get_by_label(below).rect(), before, "after {answer}");
    }
    h.get_by_label_contains("+ Đưa vào phương án…");
}

#[test]
fn a_cell_reached_with_enter_or_tab_is_replaced_by_what_is_typed_and_a_cut_name_reads_whole() {
    let (_dir, mut h) = new_review_at(egui::vec2(1024.0, 640.0), "5. Chi phí hiện tại");
    h.get_by_label("+ Thêm hoạt động").click();
    h.run();
    click(&mut h, Role::TextInput, "Hiện tại: tên hoạt động 1");
    let long = "Chuẩn bị hồ sơ đề nghị cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu, gồm bản sao các giấy tờ";
    let range = format!("{long}\t8\t0\t20.000\r\nNộp hồ sơ\t4\t50.000\t0\r\n");
    h.input_mut().events.push(egui::Event::Paste(range));
    h.run();
    h.run();
    // Enter from row 1's hours to row 2's, then a number: it replaces the 4, as in Excel.
    click(&mut h, Role::TextInput, "Hiện tại: giờ, hoạt động 1");
    h.key_press(Key::Enter);
    h.run();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Hiện tại: giờ, hoạt động 2")
        .type_text("7");
    h.run();
    // Tab to the service cell of row 2: what is typed replaces 50.000.
    h.key_press(Key::Tab);
    h.run();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Hiện tại: thuê dịch vụ, hoạt động 2")
        .type_text("60000");
    h.run();
    h.key_press(Key::Tab);
    h.run();
    let r = &h.state().editor.as_ref().unwrap().review;
    assert_eq!(r.activities[1].hours.value, d("7"));
    assert_eq!(r.activities[1].service.value, d("60000"));
    assert_eq!(r.activities[0].name, long);

    // At 1024 px the name is cut by its column; hovering the cell shows it whole.
    assert!(h.query_by_label(long).is_none());
    h.get_by_role_and_label(Role::TextInput, "Hiện tại: tên hoạt động 1")
        .hover();
    for _ in 0..5 {
        h.run();
    }
    h.get_by_label(long);
}

#[test]
fn the_steps_never_move_when_one_completes_or_the_name_grows() {
    let dir = folder();
    let mut h = app_at(dir.path(), egui::vec2(1024.0, 640.0), Dialogs::default());
    open(
        &mut h,
        "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
    );
    let step = |h: &Harness<'static, App>| h.get_by_label_contains("4. Tính hợp pháp").rect();
    let before = step(&h);
    // Step 1 was complete; emptying a required field makes it incomplete ("còn thiếu 1").
    click(&mut h, Role::TextInput, "Cơ quan giải quyết");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run();
    h.get_by_label("    còn thiếu 1");
    assert_eq!(
        step(&h),
        before,
        "the steps below moved when step 1 lost its field"
    );
    // A TTHC name three times as long: still one line at the top of the list.
    click(&mut h, Role::TextInput, "Tên TTHC");
    h.key_press(Key::End);
    h.get_by_role_and_label(Role::TextInput, "Tên TTHC")
        .type_text(" thuộc thẩm quyền giải quyết của Sở Công Thương tỉnh Quảng Ngãi theo quy định");
    h.run();
    assert_eq!(step(&h), before, "the steps moved while the name was typed");
}

#[test]
fn a_new_row_takes_the_keyboard_so_its_name_is_typed_at_once() {
    let (_dir, mut h) = new_review_at(egui::vec2(1024.0, 640.0), "5. Chi phí hiện tại");
    for (n, name) in ["Chuẩn bị hồ sơ", "Nộp hồ sơ"].iter().enumerate() {
        h.get_by_label("+ Thêm hoạt động").click();
        h.run();
        // Typed straight away, without a click in the new row.
        h.input_mut().events.push(egui::Event::Text((*name).into()));
        h.run();
        h.key_press(Key::Tab);
        h.run();
        h.input_mut().events.push(egui::Event::Text("3".into()));
        h.run();
        let r = &h.state().editor.as_ref().unwrap().review;
        assert_eq!(r.activities[n].name, *name);
        assert_eq!(r.activities[n].hours.value, d("3"));
    }
}

#[test]
fn every_add_button_hands_the_keyboard_to_the_row_it_adds() {
    let dir = folder();
    let mut h = app_at(dir.path(), egui::vec2(1024.0, 640.0), Dialogs::default());
    h.get_by_label("+ Rà soát mới").click();
    h.run();
    let typed = |h: &mut Harness<'static, App>, button: &str, text: &str| {
        h.get_by_label(button).click();
        h.run();
        h.run();
        // Straight away, without a click in the new row.
        h.input_mut().events.push(egui::Event::Text(text.into()));
        h.run();
    };
    typed(&mut h, "+ Thêm giấy tờ", "Đơn đề nghị");
    typed(&mut h, "+ Thêm — Trình tự thực hiện", "Nộp hồ sơ");
    h.get_by_label_contains("2. Sự cần thiết").click();
    h.run();
    typed(&mut h, "+ Thêm mục tiêu (a)", "An toàn thực phẩm");
    h.get_by_label_contains("6. Phương án").click();
    h.run();
    h.get_by_label("+ Thêm phương án").click();
    h.run();
    typed(&mut h, "+ Thêm nội dung", "Bỏ bản sao");
    typed(&mut h, "+ Thêm kiến nghị", "Sửa đổi");
    let r = &h.state().editor.as_ref().unwrap().review;
    assert_eq!(r.tthc.documents[0].name, "Đơn đề nghị");
    assert_eq!(r.tthc.steps[0], "Nộp hồ sơ");
    assert_eq!(r.objectives[0].text, "An toàn thực phẩm");
    assert_eq!(r.options[0].content[0].change, "Bỏ bản sao");
    assert_eq!(r.options[0].implementation[0].action, "Sửa đổi");
}

#[test]
fn the_comparison_s_days_stand_under_their_heading_on_a_wide_window() {
    let dir = folder();
    let mut h = app_at(dir.path(), egui::vec2(1366.0, 768.0), Dialogs::default());
    open(
        &mut h,
        "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
    );
    h.get_by_label_contains("7. So sánh").click();
    h.run();
    let head = h.get_by_label("Thời hạn (ngày làm việc)").rect();
    let value = h.get_by_label("15 → 10 (33,33 %)").rect();
    assert!(
        (value.left() - head.left()).abs() < 60.0,
        "heading at {head:?}, days at {value:?}"
    );
}

#[test]
fn an_objective_that_changed_becomes_a_content_line_worded_from_the_wording_file() {
    let (_dir, mut h) = new_review_at(egui::vec2(1366.0, 768.0), "2. Sự cần thiết");
    h.get_by_label("+ Thêm mục tiêu (a)").click();
    h.run();
    h.run();
    h.input_mut()
        .events
        .push(egui::Event::Text("An toàn thực phẩm".into()));
    h.run();
    click(&mut h, Role::RadioButton, "Mục tiêu 1 thay đổi: Có");
    h.get_by_label("+ Đưa vào phương án…").click();
    h.run();
    h.get_by_label("Phương án mới (sửa đổi, bổ sung)").click();
    h.run();
    let r = &h.state().editor.as_ref().unwrap().review;
    assert_eq!(
        r.options[0].content[0].change,
        "Mục tiêu «An toàn thực phẩm» đã thay đổi hoặc không được đáp ứng"
    );
}
