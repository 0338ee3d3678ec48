//! Two people, one shared folder: the app as each of them runs it (two `App`s on one folder),
//! a colleague's save arriving behind one's back, a file deleted while open, recovery copies.

use crate::common;
use common::gui::*;
use common::*;

fn folder() -> tempfile::TempDir {
    examples_folder()
}

fn app(dir: &Path, dialogs: Dialogs) -> Harness<'static, App> {
    app_at(dir, egui::vec2(1280.0, 800.0), dialogs)
}
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::fs;
use std::path::{Path, PathBuf};
use tthc_review::storage::lock::lock_path;
use tthc_review::storage::{RECOVERY_DIR, load_review};
use tthc_review::ui::App;

const XANG_DAU: &str = "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu";
const FILE: &str = "xang-dau-cap-gcn-cua-hang.ron";

fn save(h: &mut Harness<'static, App>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
}

#[test]
fn two_people_on_one_review_both_keep_their_work_and_the_second_is_told() {
    let dir = folder();
    let file = dir.path().join(FILE);
    let mut a = app(dir.path(), Dialogs::default());
    open(&mut a, XANG_DAU);
    assert!(a.state().editor.is_some());
    assert!(lock_path(&file).exists(), "an owner file while A edits");

    let b_dialogs = Dialogs::default();
    let b_file = dir.path().join("xang-dau-ban-cua-b.ron");
    b_dialogs.save_to.borrow_mut().push(b_file.clone());
    let mut b = app(dir.path(), b_dialogs);
    open(&mut b, XANG_DAU);
    // B is told who has it open, and is not put in the editor behind A's back.
    b.get_by_label("Bản rà soát đang được mở");
    let (user, host) = tthc_review::storage::lock::this_user();
    b.get_by_label_contains(&format!("đang được {user} trên máy {host}"));
    assert!(b.state().editor.is_none());
    b.get_by_label("Mở chỉ để xem").click();
    b.run();
    b.get_by_label_contains("Chỉ xem —");

    type_into(&mut a, "Tên TTHC", "Tên do A sửa");
    save(&mut a);
    type_into(&mut b, "Tên TTHC", "Tên do B sửa");
    save(&mut b); // read-only: saving asks for a new file
    assert_eq!(load_review(&file).unwrap().tthc.name, "Tên do A sửa");
    assert_eq!(load_review(&b_file).unwrap().tthc.name, "Tên do B sửa");
    assert!(!b.state().is_dirty());
    assert!(lock_path(&b_file).exists(), "B now holds its own file");

    // Leaving removes the owner files.
    a.get_by_label("← Danh sách").click();
    a.run();
    assert!(!lock_path(&file).exists());
    b.get_by_label("← Danh sách").click();
    b.run();
    assert!(!lock_path(&b_file).exists());
}

/// A edits the review; meanwhile a colleague's program (or a sync tool) saves the file.
fn edited_while_a_colleague_saves() -> (
    tempfile::TempDir,
    PathBuf,
    Harness<'static, App>,
    tthc_review::model::Review,
) {
    let dir = folder();
    let file = dir.path().join(FILE);
    let mut a = app(dir.path(), Dialogs::default());
    open(&mut a, XANG_DAU);
    type_into(&mut a, "Tên TTHC", "Bản của A");
    let mut theirs = load_review(&file).unwrap();
    theirs.tthc.name = "Bản của đồng nghiệp".into();
    tthc_review::storage::save_review(&file, &theirs).unwrap();
    (dir, file, a, theirs)
}

#[test]
fn a_save_that_arrived_behind_ones_back_is_never_overwritten() {
    let (dir, file, mut a, theirs) = edited_while_a_colleague_saves();
    save(&mut a);
    a.get_by_label("Tệp đã bị thay đổi");
    assert_eq!(load_review(&file).unwrap(), theirs, "nothing written yet");
    a.get_by_label("Giữ bản của tôi").click();
    a.run();
    assert_eq!(load_review(&file).unwrap().tthc.name, "Bản của A");
    let copies: Vec<PathBuf> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".ban-khac-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(load_review(&copies[0]).unwrap(), theirs);
    // The list shows both, flagged as the same TTHC, so the compile cannot count both.
    a.get_by_label("← Danh sách").click();
    a.run();
    assert_eq!(a.query_all_by_label("TRÙNG").count(), 2);
}

#[test]
fn taking_theirs_keeps_mine_for_recovery() {
    let (dir, _, mut a, theirs) = edited_while_a_colleague_saves();
    save(&mut a);
    a.get_by_label("Lấy bản của họ").click();
    a.run();
    let ed = a.state().editor.as_ref().unwrap();
    assert_eq!(ed.review, theirs);
    assert!(!ed.dirty);
    let kept = tthc_review::storage::find_recoveries(dir.path());
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].review.tthc.name, "Bản của A");
}

#[test]
fn a_review_deleted_or_renamed_while_open_is_reported_not_recreated() {
    let dir = folder();
    let file = dir.path().join(FILE);
    let mut a = app(dir.path(), Dialogs::default());
    open(&mut a, XANG_DAU);
    type_into(&mut a, "Tên TTHC", "Bản của A");
    fs::rename(&file, dir.path().join("doi-ten.ron")).unwrap();
    save(&mut a);
    a.get_by_label("Tệp không còn ở chỗ cũ");
    assert!(!file.exists(), "not recreated behind the user's back");
    a.get_by_label("Lưu lại vào chỗ cũ").click();
    a.run();
    assert_eq!(load_review(&file).unwrap().tthc.name, "Bản của A");
}

#[test]
fn a_stale_owner_file_can_be_taken_over_after_asking() {
    let dir = folder();
    let file = dir.path().join(FILE);
    // Left by a program of this machine that has ended.
    let (user, host) = tthc_review::storage::lock::this_user();
    fs::write(
        lock_path(&file),
        format!("(user: \"{user}\", host: \"{host}\", pid: 4294967000, since: 1, session: 7)"),
    )
    .unwrap();
    let mut a = app(dir.path(), Dialogs::default());
    open(&mut a, XANG_DAU);
    a.get_by_label("Bản rà soát đang được mở");
    a.get_by_label("Tiếp quản và mở để sửa").click();
    a.run();
    assert!(a.state().editor.is_some());
    assert!(a.state().editor.as_ref().unwrap().lock.is_some());
}

fn recovery_files(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir.join(RECOVERY_DIR))
        .map(|r| r.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

#[test]
fn a_recovery_copy_left_for_later_survives_opening_and_leaving_its_review() {
    let dir = folder();
    {
        let mut a = app(dir.path(), Dialogs::default());
        open(&mut a, XANG_DAU);
        type_into(&mut a, "Tên TTHC", "Chưa lưu");
        a.state_mut().write_recovery_now();
        // The program dies: no question, no cleanup (the owner file is left too).
        std::mem::forget(a);
    }
    assert_eq!(recovery_files(dir.path()).len(), 1);
    let mut b = app(dir.path(), Dialogs::default());
    b.get_by_label("Khôi phục bản làm việc chưa lưu?");
    b.get_by_label("Để sau").click();
    b.run();
    // The dead program's owner file would be stale (its process gone); this test runs in one
    // process, so remove it as a take-over would. Then open and leave the review untouched.
    fs::remove_file(lock_path(&dir.path().join(FILE))).unwrap();
    open(&mut b, XANG_DAU);
    b.get_by_label("← Danh sách").click();
    b.run();
    assert_eq!(recovery_files(dir.path()).len(), 1, "still kept");
    drop(b);
    let c = app(dir.path(), Dialogs::default());
    c.get_by_label("Khôi phục bản làm việc chưa lưu?");
    c.get_by_label("Chưa lưu");
}

#[test]
fn two_reviews_with_one_file_name_in_two_folders_have_two_recovery_copies() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (dir.path().join("phong-1"), dir.path().join("phong-2"));
    for d in [&one, &two] {
        fs::create_dir_all(d).unwrap();
        fs::copy(examples_dir().join(FILE), d.join("a.ron")).unwrap();
    }
    let mut h = app(dir.path(), Dialogs::default());
    for (d, name) in [(&one, "Bản phòng 1"), (&two, "Bản phòng 2")] {
        h.state_mut().open_path(d.join("a.ron"));
        h.run();
        type_into(&mut h, "Tên TTHC", name);
        h.state_mut().write_recovery_now();
        // Leave it unsaved for the next start: discard the question by forgetting the editor.
        let ed = h.state_mut().editor.take().unwrap();
        std::mem::forget(ed);
    }
    let found = tthc_review::storage::find_recoveries(dir.path());
    let names: Vec<String> = found.iter().map(|r| r.review.tthc.name.clone()).collect();
    assert_eq!(found.len(), 2, "{names:?}");
    assert!(
        names.contains(&"Bản phòng 1".to_string()) && names.contains(&"Bản phòng 2".to_string())
    );
}

#[test]
fn an_export_never_lands_on_a_review_and_asks_before_replacing_a_report() {
    let dir = folder();
    let dialogs = Dialogs::default();
    let mut h = app(dir.path(), dialogs.clone());
    open(&mut h, XANG_DAU);
    let review = dir.path().join("vlncn-cap-gcn-huan-luyen.ron");
    let before = fs::read(&review).unwrap();
    dialogs.save_to.borrow_mut().push(review.clone());
    h.get_by_label("Xuất báo cáo…").click();
    h.run();
    h.get_by_label_contains("tệp xuất phải có đuôi .pdf");
    assert_eq!(fs::read(&review).unwrap(), before);
    h.get_by_label("Đóng").click();
    h.run();

    let pdf = dir.path().join("bao-cao.pdf");
    fs::write(&pdf, b"%PDF-1.7 cu").unwrap();
    dialogs.save_to.borrow_mut().push(pdf.clone());
    h.get_by_label("Xuất báo cáo…").click();
    h.run();
    h.get_by_label("Ghi đè tệp đã có?");
    assert_eq!(fs::read(&pdf).unwrap(), b"%PDF-1.7 cu");
    h.get_by_label("Ghi đè").click();
    h.run();
    assert!(fs::read(&pdf).unwrap().len() > 1000);
}
