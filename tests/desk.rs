//! The reviewer's desk: what a specialist does all day — no file dialog on the machine, pasting
//! from Excel, Enter and Tab in the cost table, every control in reach at small window sizes.

mod common;
use common::*;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::fs;
use std::path::{Path, PathBuf};
use tthc_review::templates::Templates;
use tthc_review::ui::App;
use tthc_review::ui::dialogs::FileDialogs;

/// A machine where no file dialog can be shown (no portal, no zenity).
struct NoDialogs;

impl FileDialogs for NoDialogs {
    fn open_review(&mut self, _: &Path) -> Option<PathBuf> {
        None
    }
    fn save_review(&mut self, _: &Path, _: &str) -> Option<PathBuf> {
        None
    }
    fn save_pdf(&mut self, _: &Path, _: &str) -> Option<PathBuf> {
        None
    }
    fn unavailable(&self) -> bool {
        true
    }
}

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in example_files() {
        fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    dir
}

fn app_sized(
    dir: &Path,
    size: egui::Vec2,
    dialogs: impl FileDialogs + 'static,
) -> Harness<'static, App> {
    let dir = dir.to_path_buf();
    let mut h = Harness::builder().with_size(size).build_eframe(move |cc| {
        tthc_review::ui::fonts::install(&cc.egui_ctx);
        App::new(Templates::embedded(), dir, Box::new(dialogs))
    });
    h.run();
    h
}

fn type_into(h: &mut Harness<'static, App>, name: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, name).hover();
    h.run();
    h.get_by_role_and_label(Role::TextInput, name).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, name)
        .type_text(text);
    h.run();
    h.key_press(Key::Escape);
    h.run();
}

#[test]
fn with_no_file_dialog_save_and_export_still_write_and_say_where() {
    let dir = folder();
    let mut h = app_sized(dir.path(), egui::vec2(1280.0, 800.0), NoDialogs);
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
    h.get_by_label("Xuất PDF…").click();
    h.run();
    let stem =
        tthc_review::storage::slug("Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu");
    let pdf = dir.path().join(format!("{stem}.pdf"));
    assert!(fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    h.get_by_label_contains("đã được xuất vào");
    h.get_by_label("Đóng").click();
    h.run();
    // And the user can open it to print, or show its folder.
    h.get_by_label("Mở tệp");
    h.get_by_label("Mở thư mục");
    // A second export takes a new name.
    h.get_by_label("Xuất PDF…").click();
    h.run();
    assert!(dir.path().join(format!("{stem}-2.pdf")).is_file());
}
