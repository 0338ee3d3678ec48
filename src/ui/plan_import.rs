//! The question before a plan is written: what the spreadsheet gave (columns read, rows and
//! columns left out, group rows), the year, the milestones and the target to confirm or type,
//! and whether it replaces the plan already here. Nothing is written until «Nhập».

use crate::plan::Plan;
use crate::plan::import::Imported;
use crate::ui::plan_view::MilestoneForm;
use std::path::{Path, PathBuf};

pub struct PlanImport {
    pub source: PathBuf,
    pub imported: Imported,
    /// The year as typed.
    pub year: String,
    pub form: MilestoneForm,
    /// The plan file here that the import would replace (same year, or the only one).
    pub existing: Option<PathBuf>,
    /// Replace `existing` (kept as .bak) rather than write a new file beside it.
    pub replace: bool,
    pub error: Option<String>,
}

/// What the question's buttons ask for.
pub enum ImportChoice {
    Import,
    Cancel,
}

impl PlanImport {
    /// The question for `imported`, read from `source`, into the reviews folder `dir`.
    pub fn new(dir: &Path, source: PathBuf, mut imported: Imported, this_year: i32) -> Self {
        let year = imported.plan.year;
        if imported.plan.milestones.is_empty() {
            imported.plan.milestones = Plan::default_milestones(this_year);
        }
        let form = MilestoneForm::of(&imported.plan);
        let (existing, same_year) = match existing_plan(dir, year) {
            Some((p, same)) => (Some(p), same),
            None => (None, false),
        };
        PlanImport {
            source,
            year: if year > 0 {
                year.to_string()
            } else {
                String::new()
            },
            form,
            // A plan of the same year is replaced by default; one of another year is kept.
            replace: same_year,
            existing,
            imported,
            error: None,
        }
    }

    /// The plan as it will be written, or what is wrong with the typed year, dates or target.
    pub fn plan(&self) -> Result<Plan, String> {
        let year: i32 = self
            .year
            .trim()
            .parse()
            .ok()
            .filter(|y| (2000..=2100).contains(y))
            .ok_or_else(|| {
                format!(
                    "Năm của kế hoạch «{}» phải là một năm, ví dụ 2025",
                    self.year.trim()
                )
            })?;
        let mut plan = self.imported.plan.clone();
        plan.year = year;
        self.form.apply(&plan)
    }

    /// Where the plan goes: over the existing plan, or a new file named by its year.
    pub fn target(&self, dir: &Path, year: i32) -> PathBuf {
        match (&self.existing, self.replace) {
            (Some(p), true) => p.clone(),
            _ => crate::storage::free_name_ext(dir, &format!("ke-hoach-{year}"), "plan.ron"),
        }
    }

    /// Draws the question; returns the button pressed.
    pub fn show(&mut self, ui: &mut egui::Ui) -> Option<ImportChoice> {
        let mut choice = None;
        let warn = ui.visuals().warn_fg_color;
        let i = &self.imported;
        ui.heading("Nhập kế hoạch rà soát");
        ui.label(format!(
            "Từ {}: đọc được {} dòng TTHC.",
            crate::storage::file_name(&self.source),
            i.plan.rows.len()
        ));
        if !i.plan.document.is_empty() {
            ui.label(format!("Văn bản: {}", i.plan.document));
        }
        // The messages name the file; the heading already does.
        let prefix = format!("{}: ", self.source.display());
        let short = |m: &'_ str| m.strip_prefix(&prefix).unwrap_or(m).to_string();
        egui::ScrollArea::vertical()
            .id_salt("plan-import")
            .max_height(240.0)
            .show(ui, |ui| {
                // What needs a look first.
                if !i.problems.is_empty() {
                    ui.colored_label(
                        warn,
                        format!(
                            "{} chỗ không đưa vào kế hoạch (hãy xem trước khi nhập):",
                            i.problems.len()
                        ),
                    );
                    for p in &i.problems {
                        ui.colored_label(warn, format!("• {}", short(p)));
                    }
                }
                ui.strong("Các cột đã đọc");
                for c in &i.columns {
                    ui.label(format!("• {c}"));
                }
                for n in &i.notes {
                    ui.weak(format!("• {}", short(n)));
                }
            });
        ui.separator();
        egui::Grid::new("plan-import-grid")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                let l = ui.label("Năm của kế hoạch");
                ui.add(egui::TextEdit::singleline(&mut self.year).desired_width(80.0))
                    .labelled_by(l.id);
                ui.end_row();
                for (label, date) in &mut self.form.dates {
                    let l = ui.label(label.as_str());
                    ui.add(egui::TextEdit::singleline(date).desired_width(110.0))
                        .labelled_by(l.id);
                    ui.end_row();
                }
                let l = ui.label("Mục tiêu cắt giảm thời gian (%)");
                ui.add(egui::TextEdit::singleline(&mut self.form.target).desired_width(80.0))
                    .labelled_by(l.id);
                ui.end_row();
            });
        if i.plan.year == 0 {
            ui.colored_label(warn, "Tệp không ghi năm của kế hoạch: hãy nhập năm.");
        }
        if !i.milestones_found {
            ui.colored_label(
                warn,
                "Tệp không ghi các mốc thời gian: đang điền mốc thường lệ — hãy sửa theo kế hoạch.",
            );
        }
        if let Some(existing) = &self.existing {
            ui.separator();
            let name = crate::storage::file_name(existing);
            ui.radio_value(
                &mut self.replace,
                true,
                format!("Thay kế hoạch đang có «{name}» (bản cũ giữ thành {name}.bak)"),
            );
            ui.radio_value(
                &mut self.replace,
                false,
                "Ghi thành tệp kế hoạch mới, giữ nguyên kế hoạch đang có",
            );
        }
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        ui.separator();
        ui.horizontal(|ui| {
            if ui.button("Nhập").clicked() {
                choice = Some(ImportChoice::Import);
            }
            if ui.button("Hủy").clicked() {
                choice = Some(ImportChoice::Cancel);
            }
        });
        choice
    }
}

/// The plan here that an import for `year` would replace: the one of that year (true), else the
/// only plan of the folder (false: kept unless the user chooses).
fn existing_plan(dir: &Path, year: i32) -> Option<(PathBuf, bool)> {
    let files = Plan::files(dir);
    if year > 0
        && let Some(p) = files
            .iter()
            .find(|p| Plan::load(p).is_ok_and(|plan| plan.year == year))
    {
        return Some((p.clone(), true));
    }
    match files.as_slice() {
        [only] => Some((only.clone(), false)),
        _ => None,
    }
}
