//! Driving the real app headless (egui_kittest) the way a person does: point, click, type.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use tthc_review::templates::Templates;
use tthc_review::ui::App;
use tthc_review::ui::dialogs::FileDialogs;

/// File dialogs that answer from queues the test fills (last pushed, first answered); with
/// `unavailable`, a machine where no dialog can be shown at all.
#[derive(Clone, Default)]
pub struct Dialogs {
    pub save_to: Rc<RefCell<Vec<PathBuf>>>,
    pub open: Rc<RefCell<Vec<PathBuf>>>,
    pub unavailable: bool,
}

impl Dialogs {
    pub fn none_on_this_machine() -> Self {
        Dialogs {
            unavailable: true,
            ..Default::default()
        }
    }
}

impl FileDialogs for Dialogs {
    fn open_review(&mut self, _: &Path) -> Option<PathBuf> {
        self.open.borrow_mut().pop()
    }
    fn save_review(&mut self, _: &Path, _: &str) -> Option<PathBuf> {
        self.save_to.borrow_mut().pop()
    }
    fn save_report(&mut self, _: &Path, _: &str) -> Option<PathBuf> {
        self.save_to.borrow_mut().pop()
    }
    fn open_received(&mut self, _: &Path) -> Option<PathBuf> {
        self.open.borrow_mut().pop()
    }
    fn pick_folder(&mut self, _: &Path) -> Option<PathBuf> {
        self.open.borrow_mut().pop()
    }
    fn save_zip(&mut self, _: &Path, _: &str) -> Option<PathBuf> {
        self.save_to.borrow_mut().pop()
    }
    fn open_plan(&mut self, _: &Path) -> Option<PathBuf> {
        self.open.borrow_mut().pop()
    }
    fn unavailable(&self) -> bool {
        self.unavailable
    }
}

/// A temp folder holding copies of the shipped examples.
pub fn examples_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in super::example_files() {
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    dir
}

/// The app on `dir`, in a window of `size`.
pub fn app_at(dir: &Path, size: egui::Vec2, dialogs: Dialogs) -> Harness<'static, App> {
    let dir = dir.to_path_buf();
    // A question is laid out unseen until its size settles (up to a few frames): a click that
    // opens one needs those frames before the screen is still.
    let mut h = Harness::builder()
        .with_size(size)
        .with_max_steps(12)
        .build_eframe(move |cc| {
            tthc_review::ui::fonts::install(&cc.egui_ctx);
            App::new(Templates::embedded(), dir, Box::new(dialogs))
        });
    h.run();
    h
}

/// Points at a widget, then clicks it, as a person's pointer does.
pub fn click(h: &mut Harness<'static, App>, role: Role, name: &str) {
    h.get_by_role_and_label(role, name).hover();
    h.run();
    h.get_by_role_and_label(role, name).click();
    h.run();
}

/// Replaces the text of an input found by its accessible name, then leaves the field.
pub fn type_into(h: &mut Harness<'static, App>, name: &str, text: &str) {
    click(h, Role::TextInput, name);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, name)
        .type_text(text);
    h.run();
    h.key_press(Key::Escape);
    h.run();
}

/// Selects a row of the home list by a label in it, then presses «Mở» (someone else's owner
/// file may stop it from opening: the caller checks).
pub fn open(h: &mut Harness<'static, App>, name: &str) {
    h.get_by_label(name).click();
    h.run();
    h.get_by_label("Mở").click();
    h.run();
}

/// Runs frames until the compiled report's worker thread has finished.
pub fn wait_for_job(h: &mut Harness<'static, App>) {
    for _ in 0..1000 {
        if h.state().job.is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run();
    }
    assert!(h.state().job.is_none(), "the compilation finished");
    h.run();
}

/// Runs frames until what a room sent has been read on its worker thread.
pub fn wait_for_receiving(h: &mut Harness<'static, App>) {
    for _ in 0..1000 {
        if h.state().receiving.is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    assert!(h.state().receiving.is_none(), "the reading finished");
}

/// The text is on screen (possibly in more than one place).
pub fn shown(h: &Harness<'static, App>, text: &str) {
    assert!(
        h.query_all_by_label(text).next().is_some(),
        "«{text}» is not on screen"
    );
}
