//! Files between a room and the office, reached as a person does: the room packs its folder
//! ("Gửi phòng Văn phòng" / `send`), the office receives the .zip ("Nhận bản rà soát" /
//! `receive`) — one new review, one changed, one broken, the rest identical.

use crate::common;
use common::gui::*;
use common::*;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use tthc_review::exchange::{self, Choice, Verdict};
use tthc_review::model::Review;
use tthc_review::storage::{load_review, save_review};
use tthc_review::templates::Templates;

const XANG_DAU: &str = "xang-dau-cap-gcn-cua-hang.ron";
const VLNCN: &str = "vlncn-cap-gcn-huan-luyen.ron";

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tthc-review"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A work folder holding the office's `saved-reviews/` (the shipped examples) and a room's
/// folder `phong-qltm/`: the same examples, but the xăng dầu review reworked by another person,
/// one review the office does not have, and one file cut short in transit.
fn office_and_room() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let office = root.path().join("saved-reviews");
    let room = root.path().join("phong-qltm");
    fs::create_dir_all(&office).unwrap();
    fs::create_dir_all(&room).unwrap();
    for f in example_files() {
        let name = f.file_name().unwrap();
        fs::copy(&f, office.join(name)).unwrap();
        fs::copy(&f, room.join(name)).unwrap();
    }
    let mut changed = load_review(&room.join(XANG_DAU)).unwrap();
    changed.reviewer.name = "Trần Văn Bình".into();
    changed.cost.hourly_income.value = d("50000");
    save_review(&room.join(XANG_DAU), &changed).unwrap();
    let mut new: Review = load_review(&room.join(VLNCN)).unwrap();
    new.tthc.code = "1.999999".into();
    new.tthc.name = "Thủ tục mới của phòng".into();
    save_review(&room.join("thu-tuc-moi.ron"), &new).unwrap();
    let whole = fs::read_to_string(room.join(VLNCN)).unwrap();
    let half = (0..=whole.len() / 2)
        .rev()
        .find(|i| whole.is_char_boundary(*i))
        .unwrap();
    fs::write(room.join("bi-cat.ron"), &whole[..half]).unwrap();
    // Backups are not reviews: they never travel.
    fs::write(room.join("x.ron.bak"), "old").unwrap();
    root
}

fn bytes(p: &Path) -> Vec<u8> {
    fs::read(p).unwrap()
}

#[test]
fn the_command_line_sends_a_rooms_folder_and_receives_it_without_overwriting() {
    let root = office_and_room();
    let w = root.path();
    let office_xang = bytes(&w.join("saved-reviews").join(XANG_DAU));

    let (code, out, err) = run(w, &["send", "phong-qltm", "-o", "gui-van-phong.zip"]);
    // The broken file is not sent, and the room is told.
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        out.contains("Đã gói 4 bản rà soát vào gui-van-phong.zip"),
        "{out}"
    );
    assert!(err.contains("bi-cat.ron"), "{err}");
    let (code, _, err) = run(w, &["send", "phong-qltm", "-o", "gui-van-phong.zip"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("--force"), "{err}");

    // The office receives without saying what to do with a changed file: it is not touched.
    let (code, out, err) = run(w, &["receive", "gui-van-phong.zip"]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(
        out.contains("thu-tuc-moi.ron: bản mới → thu-tuc-moi.ron"),
        "{out}"
    );
    assert!(
        out.contains(&format!("{VLNCN}: giống hệt {VLNCN}")),
        "{out}"
    );
    assert!(out.contains(&format!("{XANG_DAU}: bỏ qua")), "{out}");
    assert!(err.contains("1 tệp khác bản đang có: chưa nhận"), "{err}");
    assert_eq!(bytes(&w.join("saved-reviews").join(XANG_DAU)), office_xang);
    assert!(w.join("saved-reviews/thu-tuc-moi.ron").is_file());

    // Replacing keeps the office's version as the backup.
    let (code, out, err) = run(w, &["receive", "gui-van-phong.zip", "--replace"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains(&format!("{XANG_DAU}: thay bản cũ")), "{out}");
    // Received again, the new one is now identical.
    assert!(
        out.contains("thu-tuc-moi.ron: giống hệt thu-tuc-moi.ron"),
        "{out}"
    );
    assert_eq!(
        bytes(&w.join("saved-reviews").join(XANG_DAU)),
        bytes(&w.join("phong-qltm").join(XANG_DAU))
    );
    assert_eq!(
        bytes(&w.join("saved-reviews").join(format!("{XANG_DAU}.bak"))),
        office_xang
    );
    let log = fs::read_to_string(exchange::log_path(&w.join("saved-reviews"))).unwrap();
    assert_eq!(
        log.matches("gui-van-phong.zip | thu-tuc-moi.ron").count(),
        2,
        "{log}"
    );
    assert!(
        log.contains("thay bản cũ xang-dau-cap-gcn-cua-hang.ron"),
        "{log}"
    );

    // A folder is received the same way; a broken file in it is refused with its problem.
    let (code, out, _) = run(w, &["receive", "phong-qltm", "--skip"]);
    assert_eq!(code, Some(1));
    assert!(
        out.contains("bi-cat.ron: không nhận: phong-qltm: bi-cat.ron: dòng"),
        "{out}"
    );
    assert!(!w.join("saved-reviews/bi-cat.ron").exists());
}

fn room_zip(root: &Path) -> std::path::PathBuf {
    let room = root.join("phong-qltm");
    let files = tthc_review::storage::review_files(&room).unwrap();
    let zip = root.join("gui-van-phong.zip");
    exchange::pack(&files, &zip).unwrap();
    zip
}

#[test]
fn the_office_is_asked_about_the_changed_review_and_told_about_the_broken_one() {
    let root = office_and_room();
    let zip = room_zip(root.path());
    let office = root.path().join("saved-reviews");
    let before: Vec<_> = fs::read_dir(&office)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let office_xang = bytes(&office.join(XANG_DAU));

    let dialogs = Dialogs::default();
    dialogs.open.borrow_mut().push(zip.clone());
    let mut h = app_at(&office, egui::vec2(1366.0, 768.0), dialogs);
    click(&mut h, Role::Button, "Nhận bản rà soát");
    click(&mut h, Role::Button, "Từ tệp .zip hoặc .ron…");
    wait_for_receiving(&mut h);
    h.run();
    // Inspecting wrote nothing.
    let now: Vec<_> = fs::read_dir(&office)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(now.len(), before.len());
    shown(&h, "KHÁC BẢN ĐANG CÓ");
    shown(&h, "HỎNG");
    shown(&h, "MỚI");
    shown(
        &h,
        "Trần Văn Bình (Phòng Quản lý Thương mại - Xuất nhập khẩu)",
    );
    shown(&h, "Hai bản do người rà soát (hoặc phòng) khác nhau lập.");
    shown(&h, "Còn 1 tệp khác bản đang có chưa chọn cách nhận.");
    assert!(
        h.query_all_by_label_contains("bi-cat.ron: dòng")
            .next()
            .is_some(),
        "the broken file's problem is on screen"
    );
    // «Nhận» waits for the choice.
    h.get_by_role_and_label(Role::Button, "Nhận").click();
    h.run();
    assert!(h.state().modal.is_some());
    assert!(!office.join("thu-tuc-moi.ron").exists());

    click(&mut h, Role::RadioButton, "Giữ cả hai");
    assert!(
        h.query_by_label("Còn 1 tệp khác bản đang có chưa chọn cách nhận.")
            .is_none(),
        "chosen"
    );
    click(&mut h, Role::Button, "Nhận");
    assert_eq!(bytes(&office.join(XANG_DAU)), office_xang, "kept as it was");
    let today = chrono::Local::now().format("%Y%m%d").to_string();
    let theirs = office.join(format!("xang-dau-cap-gcn-cua-hang-nhan-{today}.ron"));
    let listing: Vec<_> = fs::read_dir(&office)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(theirs.is_file(), "{listing:?} {:?}", h.state().status);
    assert_eq!(
        bytes(&theirs),
        bytes(&root.path().join("phong-qltm").join(XANG_DAU))
    );
    assert!(office.join("thu-tuc-moi.ron").is_file());
    assert!(!office.join("bi-cat.ron").exists());
    shown(&h, "TRÙNG");
    assert!(
        h.query_all_by_label_contains("Đã nhận 2 tệp vào")
            .next()
            .is_some()
    );
    assert!(
        h.query_all_by_label_contains("bi-cat.ron: không nhận")
            .next()
            .is_some()
    );
    let log = fs::read_to_string(exchange::log_path(&office)).unwrap();
    assert!(
        log.contains("gui-van-phong.zip | bi-cat.ron | không nhận"),
        "{log}"
    );
    assert!(log.contains("giữ cả hai"), "{log}");
}

#[test]
fn a_replace_is_refused_when_the_review_changed_after_the_comparison() {
    let root = office_and_room();
    let zip = room_zip(root.path());
    let office = root.path().join("saved-reviews");
    let t = Templates::embedded();
    let batch = exchange::inspect(&t, &zip, &office).unwrap();
    let i = batch.changed()[0];
    let Verdict::Changed(c) = &batch.items[i].verdict else {
        unreachable!()
    };
    assert_eq!(
        c.incoming.author,
        "Trần Văn Bình (Phòng Quản lý Thương mại - Xuất nhập khẩu)"
    );
    assert!(c.incoming.figures.as_ref().unwrap() != c.existing.side.figures.as_ref().unwrap());
    // A colleague saves the office's copy in between.
    let mut mine = load_review(&office.join(XANG_DAU)).unwrap();
    mine.note = "sửa trong lúc nhận".into();
    save_review(&office.join(XANG_DAU), &mine).unwrap();
    let saved = bytes(&office.join(XANG_DAU));
    let mut choices = vec![None; batch.items.len()];
    choices[i] = Some(Choice::Replace);
    let out = exchange::apply(
        &office,
        &batch,
        &choices,
        chrono::Local::now().naive_local(),
    );
    assert_eq!(bytes(&office.join(XANG_DAU)), saved);
    assert!(out.received[i].problem);
    assert!(
        out.received[i].what.contains("đã thay đổi"),
        "{}",
        out.received[i].what
    );
}

#[test]
fn a_zip_never_writes_outside_the_folder_and_a_non_zip_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let office = root.path().join("saved-reviews");
    fs::create_dir_all(&office).unwrap();
    let review = fs::read(example_files()[0].clone()).unwrap();
    let zip_path = root.path().join("la.zip");
    let mut z = zip::ZipWriter::new(fs::File::create(&zip_path).unwrap());
    let o = zip::write::SimpleFileOptions::default();
    z.start_file("../../ngoai.ron", o).unwrap();
    z.write_all(&review).unwrap();
    z.start_file("con/.tthc/report_settings.ron", o).unwrap();
    z.write_all(b"()").unwrap();
    z.start_file("con/ke-hoach.plan.ron", o).unwrap();
    z.write_all(b"()").unwrap();
    z.start_file("con/bao-cao.pdf", o).unwrap();
    z.write_all(b"%PDF").unwrap();
    z.start_file("con/a.ron", o).unwrap();
    z.write_all(&review).unwrap();
    z.finish().unwrap();
    let t = Templates::embedded();
    let batch = exchange::inspect(&t, &zip_path, &office).unwrap();
    // "../../ngoai.ron" is not a safe name: listed, not taken.
    assert_eq!(batch.items.len(), 1, "{batch:?}");
    assert_eq!(batch.items[0].origin, "con/a.ron");
    let aside = |name: &str| batch.set_aside.iter().find(|a| a.origin == name).cloned();
    assert!(aside("../../ngoai.ron").unwrap().refused);
    assert!(!aside("con/bao-cao.pdf").unwrap().refused);
    assert!(!aside("con/ke-hoach.plan.ron").unwrap().refused);
    assert!(!aside("con/.tthc/report_settings.ron").unwrap().refused);
    exchange::apply(&office, &batch, &[None], chrono::Local::now().naive_local());
    assert!(office.join("a.ron").is_file());
    assert!(!root.path().join("ngoai.ron").exists());

    // A file named .zip that is not one: a message naming it, nothing written.
    let fake = root.path().join("hong.zip");
    fs::write(&fake, b"not a zip").unwrap();
    let e = exchange::inspect(&t, &fake, &office).unwrap_err();
    assert!(e.contains("hong.zip: không phải tệp .zip đọc được"), "{e}");
    // The reviews folder itself is not a source.
    let e = exchange::inspect(&t, &office, &office).unwrap_err();
    assert!(e.contains("chính là thư mục bản rà soát"), "{e}");
}

#[test]
fn the_receive_question_does_not_move_after_it_opens_and_esc_cancels_it() {
    let root = office_and_room();
    let zip = room_zip(root.path());
    let office = root.path().join("saved-reviews");
    let dialogs = Dialogs::default();
    dialogs.open.borrow_mut().push(zip);
    let mut h = app_at(&office, egui::vec2(1024.0, 640.0), dialogs);
    click(&mut h, Role::Button, "Nhận bản rà soát");
    // Clicked, then frame by frame as the screen shows them.
    h.get_by_role_and_label(Role::Button, "Từ tệp .zip hoặc .ron…")
        .click();
    h.step();
    wait_for_receiving(&mut h);
    let mut seen = Vec::new();
    for _ in 0..40 {
        h.step();
        if let Some(b) = h.query_by_role_and_label(Role::Button, "Nhận") {
            seen.push(b.rect());
        }
    }
    assert!(seen.len() > 30, "the question is shown");
    assert!(
        seen.iter().all(|r| *r == seen[0]),
        "«Nhận» moved: {:?} … {:?}",
        seen[0],
        seen.iter().find(|r| **r != seen[0])
    );
    let first = seen[0];
    assert!(first.right() <= 1024.0, "inside the window: {first:?}");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().modal.is_none(), "Esc cancels, as «Hủy»");
}

/// Replaces every occurrence of `from` by `to` (same length) in a file's bytes: how a zip with
/// two entries of one name, or an entry marked encrypted, is made (the zip writer refuses both).
fn patch(p: &Path, from: &[u8], to: &[u8]) {
    let mut b = fs::read(p).unwrap();
    let mut i = 0;
    while i + from.len() <= b.len() {
        if &b[i..i + from.len()] == from {
            b[i..i + from.len()].copy_from_slice(to);
        }
        i += 1;
    }
    fs::write(p, b).unwrap();
}

/// Sets the "encrypted" flag (bit 0 of the general purpose flags) of the entry named `name`, in
/// its local header and in the central directory.
fn mark_encrypted(p: &Path, name: &[u8]) {
    let mut b = fs::read(p).unwrap();
    for (sig, flag_at, name_at) in [(b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)] {
        let mut i = 0;
        while i + name_at + name.len() <= b.len() {
            if &b[i..i + 4] == sig && &b[i + name_at..i + name_at + name.len()] == name {
                b[i + flag_at] |= 1;
            }
            i += 1;
        }
    }
    fs::write(p, b).unwrap();
}

#[test]
fn every_entry_of_a_hostile_zip_is_logged_with_its_fate_and_nothing_goes_through_a_link() {
    let root = tempfile::tempdir().unwrap();
    let office = root.path().join("saved-reviews");
    let outside = root.path().join("ngoai");
    fs::create_dir_all(&office).unwrap();
    fs::create_dir_all(&outside).unwrap();
    // A dangling link planted where a received file would be written.
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.join("cuop.ron"), office.join("moi.ron")).unwrap();
    let mut review: Review = load_review(&example_files()[0]).unwrap();
    let mut text = |code: &str| {
        review.tthc.code = code.into();
        review.tthc.name = format!("Thủ tục {code}");
        tthc_review::storage::to_ron(&review).into_bytes()
    };
    let zip_path = root.path().join("phong.zip");
    let mut z = zip::ZipWriter::new(fs::File::create(&zip_path).unwrap());
    let o = zip::write::SimpleFileOptions::default();
    for (name, bytes) in [
        ("moi.ron", text("1.000001")),
        ("a.ron", text("1.000002")),
        ("b.ron", text("1.000003")),
        ("khoa.ron", text("1.000004")),
        ("dong\nmoi\u{1b}[31m.ron", text("1.000005")),
        ("../../thoat.ron", text("1.000006")),
        ("bao-cao.pdf", b"%PDF".to_vec()),
    ] {
        z.start_file(name, o).unwrap();
        z.write_all(&bytes).unwrap();
    }
    z.add_symlink("lien-ket.ron", "/etc/passwd", o).unwrap();
    z.finish().unwrap();
    patch(&zip_path, b"b.ron", b"a.ron");
    mark_encrypted(&zip_path, b"khoa.ron");

    let (code, out, err) = run(root.path(), &["receive", "phong.zip", "saved-reviews"]);
    // Something was refused: the exit status says so.
    assert_eq!(code, Some(1), "{out}\n{err}");
    // Nothing through the planted link; the new review under a free name beside it.
    assert!(!outside.join("cuop.ron").exists());
    assert!(office.join("moi-2.ron").is_file(), "{out}\n{err}");
    // No raw control character reaches the terminal; the file written has none in its name.
    assert!(
        !out.contains('\u{1b}') && !err.contains('\u{1b}'),
        "{out:?}"
    );
    assert!(out.contains("dong\\nmoi\\u{1b}[31m.ron"), "{out}");
    let names: Vec<String> = fs::read_dir(&office)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.chars().any(char::is_control)),
        "{names:?}"
    );
    assert!(names.iter().any(|n| n == "dong_moi_[31m.ron"), "{names:?}");
    // Every entry of the zip in the log, with what became of it (two entries named a.ron).
    let log = fs::read_to_string(office.join(exchange::LOG_FILE)).unwrap();
    let lines: Vec<&str> = log.lines().filter(|l| l.contains("phong.zip")).collect();
    assert_eq!(lines.len(), 8, "{log}");
    for (entry, fate) in [
        ("| moi.ron |", "bản mới → moi-2.ron"),
        ("| a.ron |", "không nhận: trùng tên"),
        ("| khoa.ron |", "không nhận: có đặt mật khẩu"),
        (
            "| ../../thoat.ron |",
            "không nhận: tên có đường dẫn không an toàn",
        ),
        ("| lien-ket.ron |", "không nhận: là liên kết"),
        ("| bao-cao.pdf |", "không phải bản rà soát"),
        (
            "| dong\\nmoi\\u{1b}[31m.ron |",
            "bản mới → dong_moi_[31m.ron",
        ),
    ] {
        assert!(
            lines.iter().any(|l| l.contains(entry) && l.contains(fate)),
            "{entry} {fate}:\n{log}"
        );
    }
    assert_eq!(
        lines.iter().filter(|l| l.contains("| a.ron |")).count(),
        2,
        "{log}"
    );
    assert!(!log.contains('\u{1b}'));
}

#[test]
fn a_small_zip_that_unpacks_to_gigabytes_is_read_within_bounds_and_logged_whole() {
    let root = tempfile::tempdir().unwrap();
    let office = root.path().join("saved-reviews");
    fs::create_dir_all(&office).unwrap();
    let bomb = bomb_zip(root.path());
    assert!(fs::metadata(&bomb).unwrap().len() < 16 << 20);

    // Under a 1 GB address-space limit (the old reader took 6,4 GB).
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "ulimit -v 1000000; exec '{}' receive bom.zip saved-reviews",
            env!("CARGO_BIN_EXE_tthc-review")
        ))
        .current_dir(root.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let log = fs::read_to_string(office.join(exchange::LOG_FILE)).unwrap();
    let lines: Vec<&str> = log.lines().filter(|l| l.contains("bom.zip")).collect();
    assert_eq!(lines.len(), 400, "{log}");
    let over = lines
        .iter()
        .filter(|l| l.contains("vượt tổng dung lượng một lần nhận (64 MB"))
        .count();
    // What fits in 64 MB is read; the rest is refused, each entry named.
    assert!(over >= 395, "{over}\n{log}");
}

#[test]
fn receive_replace_leaves_a_review_someone_has_open() {
    let root = office_and_room();
    let zip = room_zip(root.path());
    let office = root.path().join("saved-reviews");
    let before = bytes(&office.join(XANG_DAU));
    // A colleague on another machine opened the office's copy a minute ago.
    colleague_has_open(&office.join(XANG_DAU));
    let (code, out, _) = run(
        root.path(),
        &[
            "receive",
            zip.to_str().unwrap(),
            "saved-reviews",
            "--replace",
        ],
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("đang được mở để sửa (lan trên máy PHONG-KHAC"),
        "{out}"
    );
    assert_eq!(bytes(&office.join(XANG_DAU)), before);
}

/// One review of almost 16 MB (a long note), compressed once, copied raw into 400 entries:
/// a 400-entry zip of a few MB that would unpack to 6 GB.
fn bomb_zip(root: &Path) -> std::path::PathBuf {
    let mut review: Review = load_review(&example_files()[0]).unwrap();
    review.note = "a".repeat(16 * 1024 * 1024 - 64 * 1024);
    let one = root.join("mot.zip");
    let mut z = zip::ZipWriter::new(fs::File::create(&one).unwrap());
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9));
    z.start_file("r.ron", o).unwrap();
    z.write_all(tthc_review::storage::to_ron(&review).as_bytes())
        .unwrap();
    z.finish().unwrap();
    let bomb = root.join("bom.zip");
    let mut src = zip::ZipArchive::new(fs::File::open(&one).unwrap()).unwrap();
    let mut z = zip::ZipWriter::new(fs::File::create(&bomb).unwrap());
    for i in 0..400 {
        z.raw_copy_file_rename(src.by_index_raw(0).unwrap(), format!("r{i:03}.ron"))
            .unwrap();
    }
    z.finish().unwrap();
    bomb
}

#[test]
fn reading_a_big_zip_shows_its_progress_and_cancel_stops_it_with_nothing_written() {
    let root = tempfile::tempdir().unwrap();
    let office = root.path().join("saved-reviews");
    fs::create_dir_all(&office).unwrap();
    for f in example_files() {
        fs::copy(&f, office.join(f.file_name().unwrap())).unwrap();
    }
    let bomb = bomb_zip(root.path());
    let before: Vec<_> = fs::read_dir(&office)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let dialogs = Dialogs::default();
    dialogs.open.borrow_mut().push(bomb);
    let mut h = app_at(&office, egui::vec2(1024.0, 640.0), dialogs);
    click(&mut h, Role::Button, "Nhận bản rà soát");
    h.get_by_role_and_label(Role::Button, "Từ tệp .zip hoặc .ron…")
        .click();
    h.step();
    h.step();
    // The window stays live while the zip is read: the status bar says so, with «Hủy».
    assert!(
        h.query_all_by_label_contains("Đang đọc bom.zip")
            .next()
            .is_some(),
        "progress in the status bar"
    );
    h.get_by_role_and_label(Role::Button, "Hủy").click();
    h.step();
    wait_for_receiving(&mut h);
    h.run();
    shown(&h, "Đã hủy nhận: chưa ghi gì.");
    assert!(h.query_by_role_and_label(Role::Button, "Nhận").is_none());
    let now: Vec<_> = fs::read_dir(&office)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(now, before);
}

#[test]
fn a_report_that_ends_while_a_question_is_open_waits_for_it_to_close() {
    let root = office_and_room();
    let zip = room_zip(root.path());
    let office = root.path().join("saved-reviews");
    // A report of many pages, so that it takes much longer to lay out than what the room sent
    // takes to read (the order this test is about: with the examples alone a busy machine
    // could finish the report first, and its message then rightly waits for nothing).
    let mut long = load_review(&office.join(XANG_DAU)).unwrap();
    let i = long.chosen_index().unwrap();
    let line = long.options[i].content[0].clone();
    for k in 0..300 {
        let mut l = line.clone();
        l.change = format!(
            "Nội dung sửa đổi thứ {k}: {}",
            "bỏ bản sao giấy tờ đã có trong cơ sở dữ liệu quốc gia, ".repeat(6)
        );
        long.options[i].content.push(l);
    }
    save_review(&office.join(XANG_DAU), &long).unwrap();
    let report = root.path().join("tong-hop.pdf");
    let dialogs = Dialogs::default();
    dialogs.save_to.borrow_mut().push(report.clone());
    dialogs.open.borrow_mut().push(zip);
    let mut h = app_at(&office, egui::vec2(1366.0, 768.0), dialogs);
    h.get_by_label("Báo cáo tổng hợp…").click();
    h.run();
    assert!(h.state().job.is_some(), "the report is being made");
    // The receive question is opened while the report is made, and answered slowly.
    click(&mut h, Role::Button, "Nhận bản rà soát");
    click(&mut h, Role::Button, "Từ tệp .zip hoặc .ron…");
    wait_for_receiving(&mut h);
    assert!(
        h.state().job.is_some(),
        "the report is still being made when the question opens"
    );
    h.run();
    for _ in 0..100 {
        if report.is_file() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.step();
    }
    assert!(report.is_file(), "the report was written");
    for _ in 0..5 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.run();
    }
    // Still the question, with its choices: the report's message did not replace it.
    shown(&h, "Còn 1 tệp khác bản đang có chưa chọn cách nhận.");
    h.get_by_role_and_label(Role::Button, "Hủy").click();
    h.run();
    wait_for_job(&mut h);
    // Then the report's message, naming the file.
    let said = format!("Đã lập báo cáo {}: ", report.display());
    assert!(
        h.query_all_by_label_contains(&said).next().is_some(),
        "{said}"
    );
}

#[test]
fn a_folder_is_read_within_the_same_budget_as_a_zip() {
    let root = tempfile::tempdir().unwrap();
    let office = root.path().join("saved-reviews");
    let room = root.path().join("phong");
    fs::create_dir_all(&office).unwrap();
    fs::create_dir_all(&room).unwrap();
    // Five files of 15 MB: four fit in the 64 MB of one receive, the fifth is refused by name.
    let big = vec![b' '; 15 << 20];
    for k in 1..=5 {
        fs::write(room.join(format!("to-{k}.ron")), &big).unwrap();
    }
    let t = Templates::embedded();
    let batch = exchange::inspect(&t, &room, &office).unwrap();
    assert_eq!(batch.items.len(), 4);
    let over: Vec<_> = batch
        .set_aside
        .iter()
        .filter(|a| {
            a.reason
                .contains("vượt tổng dung lượng một lần nhận (64 MB")
        })
        .collect();
    assert_eq!(over.len(), 1, "{:?}", batch.set_aside);
    assert_eq!(over[0].origin, "to-5.ron");
    assert!(over[0].refused);
}
