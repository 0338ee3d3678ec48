//! The plan page's actions: open a row's review, go to a comment, compile the August report
//! from the ready rows, import a plan, regroup.

use super::App;
use crate::storage::free_name_ext;
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
        match crate::storage::write_atomic(&path, plan.to_ron().as_bytes()) {
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

    /// Reads the plan's annex from a spreadsheet and writes it as a new plan file here.
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
        let imported = match crate::plan::import::import(&source) {
            Ok(i) => i,
            Err(e) => return self.message(e),
        };
        let stem = if imported.plan.year > 0 {
            format!("ke-hoach-{}", imported.plan.year)
        } else {
            "ke-hoach".to_string()
        };
        let target = free_name_ext(&self.dir, &stem, "plan.ron");
        if let Err(e) = crate::storage::replace_file(&target, imported.plan.to_ron().as_bytes()) {
            return self.message(format!(
                "{}: không ghi được ({})",
                target.display(),
                crate::storage::io_words(&e)
            ));
        }
        self.home.reload(&self.templates, &self.dir);
        self.home.tab = crate::ui::home::Tab::Plan;
        let mut text = format!(
            "Đã nhập {} dòng TTHC từ {} vào {}.",
            imported.plan.rows.len(),
            source.display(),
            target.display()
        );
        if !imported.problems.is_empty() {
            text.push_str("\n\nCác dòng không đọc được (không bị bỏ qua âm thầm — hãy sửa trong tệp nguồn hoặc trong tệp kế hoạch):");
            for p in &imported.problems {
                text.push_str(&format!("\n• {p}"));
            }
        }
        text.push_str("\n\nCác mốc thời gian mặc định (15/7, 30/7, 31/8) và mục tiêu cắt giảm 30 % sửa được trong tệp kế hoạch.");
        self.status = format!("Đã nhập kế hoạch vào {}", target.display());
        self.message(text);
    }
}
