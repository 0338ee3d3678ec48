//! The plan page's actions: open a row's review, go to a comment, compile the August report
//! from the ready rows, import a plan, regroup.

use super::App;
use super::modal::Modal;
use crate::ui::plan_import::PlanImport;
use crate::ui::plan_view::PlanAction;

impl App {
    pub(super) fn plan_action(&mut self, a: PlanAction) {
        match a {
            PlanAction::Open(p) => self.open_path(p),
            PlanAction::Goto(p, step) => self.goto(Some(p), step),
            PlanAction::CompileReady(files) => self.request_compile_of(files),
            PlanAction::Regroup(by) => {
                self.home.plan_group = by;
                if let Some(Ok(page)) = &mut self.home.plan {
                    page.regroup(by);
                }
            }
            PlanAction::Import => self.import_plan(),
            PlanAction::Choose(p) => {
                self.home.plan_choice = Some(p);
                self.home.reload(&self.templates, &self.dir);
            }
            PlanAction::EditMilestones => {
                if let Some(Ok(page)) = &self.home.plan {
                    self.home.milestone_form =
                        Some(crate::ui::plan_view::MilestoneForm::of(&page.plan));
                }
            }
            PlanAction::CloseMilestones => self.home.milestone_form = None,
            PlanAction::SaveMilestones(plan) => self.save_milestones(plan),
        }
    }

    /// Writes the edited milestones and target into the plan file (the rows as they are on disk
    /// now; the previous file kept as .bak).
    fn save_milestones(&mut self, edited: crate::plan::Plan) {
        let Some(Ok(page)) = &self.home.plan else {
            return;
        };
        let path = page.path.clone();
        let mut plan = match crate::plan::Plan::load(&path) {
            Ok(p) => p,
            Err(e) => {
                return self.message(format!(
                    "{e}
Chưa lưu các mốc."
                ));
            }
        };
        plan.milestones = edited.milestones;
        plan.time_cut_target = edited.time_cut_target;
        match plan.save(&path) {
            Ok(()) => {
                self.home.milestone_form = None;
                self.status = format!("Đã lưu các mốc vào {}", path.display());
                self.home.reload(&self.templates, &self.dir);
            }
            Err(e) => self.message(format!(
                "{}: không ghi được ({}); tệp giữ nguyên",
                path.display(),
                crate::storage::io_words(&e)
            )),
        }
    }

    /// Reads the plan's annex from a spreadsheet and asks what to write (nothing is written
    /// before the user confirms).
    fn import_plan(&mut self) {
        let Some(source) = self.dialogs.open_plan(&self.dir) else {
            if self.dialogs.unavailable() {
                self.message(format!(
                    "Không mở được hộp thoại chọn tệp trên máy này. Có thể nhập bằng dòng lệnh: tthc-review plan import TỆP.xlsx -o {}",
                    self.dir.join("ke-hoach.plan.ron").display()
                ));
            }
            return;
        };
        self.ask_plan_import(source);
    }

    /// The import question for the spreadsheet at `source`.
    pub(super) fn ask_plan_import(&mut self, source: std::path::PathBuf) {
        let imported = match crate::plan::import::import(&source) {
            Ok(i) => i,
            Err(e) => return self.message(e),
        };
        let this_year = chrono::Datelike::year(
            &self
                .home
                .today
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
        );
        self.modal = Some(Modal::ImportPlan(Box::new(PlanImport::new(
            &self.dir, source, imported, this_year,
        ))));
    }

    /// Writes the confirmed plan (over the plan it replaces, kept as .bak, or as a new file) and
    /// shows it; a wrong year, date or target keeps the question open with the reason.
    pub(super) fn write_imported_plan(&mut self, mut form: PlanImport) {
        let plan = match form.plan() {
            Ok(p) => p,
            Err(e) => {
                form.error = Some(e);
                self.modal = Some(Modal::ImportPlan(Box::new(form)));
                return;
            }
        };
        let target = form.target(&self.dir, plan.year);
        let written = plan.save(&target);
        if let Err(e) = written {
            form.error = Some(format!(
                "{}: không ghi được ({})",
                target.display(),
                crate::storage::io_words(&e)
            ));
            self.modal = Some(Modal::ImportPlan(Box::new(form)));
            return;
        }
        self.home.plan_choice = Some(target.clone());
        self.home.reload(&self.templates, &self.dir);
        self.home.tab = crate::ui::home::Tab::Plan;
        self.status = format!(
            "Đã nhập {} dòng TTHC của kế hoạch năm {} từ {} vào {}{}",
            plan.rows.len(),
            plan.year,
            crate::storage::file_name(&form.source),
            target.display(),
            if form.replace && form.existing.is_some() {
                " (kế hoạch cũ giữ thành .bak)"
            } else {
                ""
            }
        );
    }
}
