//! Every change a question or a home-list button asks for is a [`Command`] value, applied here,
//! after the UI pass, in one place.

use super::{App, Then};
use crate::progress::Step;
use crate::storage::{Recovered, move_to_trash, remove_recovery};
use std::path::PathBuf;

/// The report the checks before a report were run for.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportKind {
    /// The compiled report of these files.
    Compile(Vec<PathBuf>),
    /// The open review's own report.
    Export,
}

/// A report waiting to be written where the user said (after an overwrite question).
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    Export(PathBuf),
    Compile {
        files: Vec<PathBuf>,
        output: PathBuf,
    },
}

impl Pending {
    pub fn output(&self) -> &PathBuf {
        match self {
            Pending::Export(p) => p,
            Pending::Compile { output, .. } => output,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Command {
    /// Closes the question and does nothing else.
    Close,
    SaveThen(Then),
    DiscardThen(Then),
    Trash(PathBuf),
    Restore(Recovered, Vec<Recovered>),
    DropRecovery(Recovered, Vec<Recovered>),
    Goto(Option<PathBuf>, Step),
    /// To an invalid cell of the open review: its step, and the cursor in it when it is a table cell.
    /// «Đến ô này»: the step, the option, and the keyboard in the invalid cell or field.
    GotoCell(crate::progress::InvalidCell),
    /// Goes on with a report past its warnings.
    Report(ReportKind),
    OpenReadOnly(PathBuf),
    OpenCopy(PathBuf),
    TakeOver(PathBuf),
    /// Changed on disk: keep the other version as a dated copy, then save mine.
    KeepMine,
    /// Changed on disk: load the other version; mine goes to the recovery folder.
    TakeTheirs,
    SaveAs,
    /// Gone from disk: write it again where it was.
    SaveOver,
    /// Writes a report, the user having agreed to replace the file there.
    Write(Pending),
    /// Saves although some cells are invalid: their text is what is saved.
    SaveDraft,
    /// Receives the files of the open receive question as chosen (the modal holds them).
    Receive,
    /// Writes the plan of the open import question as confirmed (the modal holds it).
    ImportPlan,
    /// Takes the ticked portal changes into the open record (the modal holds them).
    TakePortal,
    /// The open recovered review taken back from this user's other run.
    TakeBack(PathBuf),
    /// Writes the report named in the app's own question (the modal holds it).
    WriteChosen,
    /// Packs these reviews into the .zip, the user having agreed to replace it.
    Pack {
        files: Vec<PathBuf>,
        output: PathBuf,
    },
}

impl App {
    /// Applies one command (from a question or the home list).
    pub fn run(&mut self, ctx: &egui::Context, cmd: Command) {
        match cmd {
            Command::Close => {}
            Command::SaveThen(then) => {
                if self.save(false) {
                    self.then(ctx, then);
                }
            }
            Command::DiscardThen(then) => {
                self.discard();
                self.then(ctx, then);
            }
            Command::Trash(path) => match move_to_trash(&self.dir, &path) {
                Ok(p) => {
                    self.status = format!("Đã chuyển vào thùng rác: {}", p.display());
                    self.home.selected = None;
                    self.home.reload(&self.templates, &self.dir);
                }
                Err(e) => {
                    self.message(format!("{}: không xóa được ({e})", path.display()));
                }
            },
            Command::Restore(rec, rest) => {
                self.restore(rec);
                if !rest.is_empty() {
                    self.modal = Some(super::Modal::Recover(rest));
                }
            }
            Command::DropRecovery(rec, rest) => {
                remove_recovery(&rec.recovery_file);
                if !rest.is_empty() {
                    self.modal = Some(super::Modal::Recover(rest));
                }
            }
            Command::Goto(file, step) => self.goto(file, step),
            Command::GotoCell(c) => {
                self.goto(None, c.step);
                if let Some(ed) = self.editor.as_mut() {
                    if let Some(crate::model::TableRef::Option(k)) = c.cell.map(|c| c.table) {
                        ed.option = k;
                    }
                    if let Some(k) = c.option {
                        ed.option = k;
                    }
                    ed.focus_cell = c.cell;
                    // A field outside the tables (phí, thu nhập/giờ …): the one holding this
                    // text takes the keyboard.
                    if c.cell.is_none() {
                        ed.cells.focus_invalid = Some(c.text.clone());
                    }
                    // The cell is scrolled to; the page does not jump back to the top.
                    ed.scroll_top = false;
                }
            }
            Command::Report(ReportKind::Compile(files)) => self.ask_compile_output(files),
            Command::Report(ReportKind::Export) => self.ask_export_output(),
            Command::OpenReadOnly(p) => self.open_read_only(p),
            Command::OpenCopy(p) => self.open_copy(p),
            Command::TakeOver(p) => self.take_over(p),
            Command::KeepMine => self.keep_mine(),
            Command::TakeTheirs => self.take_theirs(),
            Command::SaveAs => {
                self.save(true);
            }
            Command::SaveOver => {
                self.save_unchecked();
            }
            Command::Write(pending) => self.write_report(pending),
            Command::SaveDraft => {
                self.save_with(false, true);
            }
            // Taken from the modal in `modal_ui`; nothing to do without it.
            Command::TakeBack(p) => self.take_back(p),
            Command::Receive | Command::ImportPlan | Command::TakePortal | Command::WriteChosen => {
            }
            Command::Pack { files, output } => self.pack(files, output),
        }
    }
}
