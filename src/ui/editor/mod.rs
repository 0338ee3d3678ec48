//! One review being edited: the working copy, what is derived from it (recomputed on change,
//! never per frame), undo, and the guided steps.

mod comments;
mod compare;
mod cost_table;
mod form;
mod measures;
mod options;
mod record;
mod stepper;

use super::undo::Undo;
use super::widgets::Cells;
use crate::cost::format::{money, number, percent, round_dong};
use crate::cost::{CostError, ReviewCost, TableCost, review_cost};
use crate::model::{Activity, Edit, Review};
use crate::progress::{Progress, Step, progress};
use crate::templates::{Finding, Templates};
use std::path::PathBuf;

/// An edit or a command emitted by a view, applied by the app after the UI pass. A handful per
/// frame at most: the size of the largest variant costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
pub enum Action {
    /// A structural edit of the review (add/remove/reorder rows, options …): one undo step.
    Edit(Edit),
    Goto(Step),
    SelectOption(usize),
    Undo,
    Redo,
    Save,
    SaveAs,
    Home,
    ExportPdf,
    /// Copies the baseline from an earlier review chosen in a file dialog.
    BaselineFromFile,
    /// Reads a newer portal file into the record (the changes are asked about first).
    RefreshFromPortal,
}

/// Which activity table a row belongs to.
pub use crate::model::TableRef as Table;

/// The formatted text of a cost table, made once per change.
#[derive(Debug, Clone, Default)]
pub struct TableView {
    pub rows: Vec<[String; 5]>,
    /// Each row's chi phí thời gian and chi phí thực hiện in whole đồng, as shown; None when the
    /// table cannot be computed.
    pub amounts: Vec<Option<[rust_decimal::Decimal; 2]>>,
    pub execution: String,
    pub fee: String,
    pub per_occurrence: String,
    pub frequency: String,
    pub subjects: String,
    pub per_year: String,
    pub error: Option<String>,
}

impl TableView {
    /// `inputs`: the table's fee, số lần and số đối tượng as the review holds them.
    fn new(
        acts: &[Activity],
        cost: Result<&TableCost, String>,
        inputs: [&crate::model::Figure; 3],
    ) -> Self {
        let mut v = TableView::default();
        let computed = cost.as_ref().ok();
        v.rows = acts
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let c = computed.and_then(|c| c.rows.get(i));
                [
                    number(a.hours.value),
                    number(a.service.value),
                    number(a.other.value),
                    c.map_or_else(String::new, |c| money(c.time_cost)),
                    c.map_or_else(String::new, |c| money(c.total)),
                ]
            })
            .collect();
        v.amounts = (0..acts.len())
            .map(|i| {
                let c = computed.and_then(|c| c.rows.get(i))?;
                Some([round_dong(c.time_cost), round_dong(c.total)])
            })
            .collect();
        match cost {
            Ok(c) => {
                v.execution = money(c.execution);
                v.fee = money(c.fee);
                v.per_occurrence = money(c.per_occurrence);
                v.frequency = number(c.frequency);
                v.subjects = number(c.subjects);
                v.per_year = money(c.per_year);
            }
            Err(e) => {
                // Not computable: every total says so, never a stale or partial figure. The
                // inputs (fee, số lần, số đối tượng) keep showing what the user typed.
                for f in [&mut v.execution, &mut v.per_occurrence, &mut v.per_year] {
                    *f = "—".to_string();
                }
                let [fee, frequency, subjects] = inputs;
                v.fee = money(fee.value);
                v.frequency = number(frequency.value);
                v.subjects = number(subjects.value);
                v.error = Some(e);
            }
        }
        v
    }
}

/// Everything the screens show that is computed from the review.
pub struct Derived {
    pub cost: Result<ReviewCost, CostError>,
    pub progress: Progress,
    pub findings: Vec<Finding>,
    pub orphans: Vec<String>,
    pub current: TableView,
    pub options: Vec<TableView>,
    /// Formatted summary per option: trước, sau, tiết kiệm, %, thời hạn trước → sau (%).
    pub summaries: Vec<Result<[String; 5], String>>,
    pub hourly: String,
    pub time_limit: String,
    pub fee: String,
    pub gdp: String,
    pub divisor_parts: [String; 3],
    /// Thời hạn sau of each option, as typed.
    pub option_days: Vec<String>,
    /// Per option: the bars of the chart.
    pub chart: Vec<Vec<Bar>>,
    /// The hourly income GDP ÷ divisor would give, and its text.
    pub gdp_hourly: Option<(rust_decimal::Decimal, String)>,
    /// Cells holding text that is not a valid figure.
    pub invalid: Vec<crate::progress::InvalidCell>,
    /// "Phương án 1 — Sửa đổi, bổ sung", … for the menus that name an option.
    pub option_labels: Vec<String>,
    /// Quality comments not yet dealt with, per step.
    pub open_comments: [usize; Step::ALL.len()],
}

impl Derived {
    pub fn compute(t: &Templates, r: &Review) -> Self {
        let cost = review_cost(r);
        let current = TableView::new(
            &r.activities,
            cost.as_ref().map(|c| &c.current).map_err(|e| e.to_string()),
            [&r.tthc.fee.amount, &r.frequency, &r.subjects],
        );
        let options = r
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let table = match &cost {
                    Ok(c) => c.options[i]
                        .as_ref()
                        .map(|x| &x.table)
                        .map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                };
                TableView::new(
                    &o.activities,
                    table,
                    [
                        o.fee.as_ref().unwrap_or(&r.tthc.fee.amount),
                        o.frequency.as_ref().unwrap_or(&r.frequency),
                        o.subjects.as_ref().unwrap_or(&r.subjects),
                    ],
                )
            })
            .collect();
        let summaries = match &cost {
            Ok(c) => c
                .options
                .iter()
                .map(|o| match o {
                    Ok(o) => {
                        let r = &o.result;
                        Ok([
                            money(r.before),
                            money(r.after),
                            money(r.saving),
                            percent(r.percent),
                            format!(
                                "{} → {} ({})",
                                number(r.days_before),
                                number(r.days_after),
                                percent(r.days_percent)
                            ),
                        ])
                    }
                    Err(e) => Err(e.to_string()),
                })
                .collect(),
            Err(e) => r.options.iter().map(|_| Err(e.to_string())).collect(),
        };
        let mut open_comments = [0; Step::ALL.len()];
        for c in r.comments.iter().filter(|c| !c.resolved) {
            open_comments[c.part.index()] += 1;
        }
        Derived {
            open_comments,
            progress: progress(t, r),
            findings: t.form.findings(&r.answers),
            orphans: t
                .form
                .orphan_answers(&r.answers)
                .into_iter()
                .map(String::from)
                .collect(),
            current,
            options,
            summaries,
            hourly: number(r.cost.hourly_income.value),
            time_limit: number(r.tthc.time_limit.days.value),
            fee: number(r.tthc.fee.amount.value),
            gdp: r
                .cost
                .gdp_per_capita
                .as_ref()
                .map_or_else(String::new, |g| number(g.value)),
            divisor_parts: [
                number(r.cost.months.value),
                number(r.cost.days_per_month.value),
                number(r.cost.hours_per_day.value),
            ],
            option_days: r
                .options
                .iter()
                .map(|o| {
                    o.time_limit_days
                        .as_ref()
                        .map_or_else(String::new, |d| number(d.value))
                })
                .collect(),
            chart: chart(r, cost.as_ref().ok()),
            gdp_hourly: r
                .cost
                .gdp_per_capita
                .as_ref()
                .filter(|g| g.invalid.is_none())
                .filter(|_| {
                    [
                        &r.cost.months,
                        &r.cost.days_per_month,
                        &r.cost.hours_per_day,
                    ]
                    .iter()
                    .all(|f| f.invalid.is_none())
                })
                .and_then(|g| crate::cost::hourly_from_gdp(g.value, r.cost.divisor()?))
                .map(|v| (v, money(v))),
            invalid: crate::progress::invalid_cells(r),
            option_labels: r
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    // By its name, as the reviewer wrote it («Phương án 1: Bỏ bản sao …»).
                    let title = r.option_title(i);
                    let number = format!("Phương án {}", i + 1);
                    if title.starts_with(&number) {
                        format!("{title} — {}", t.kind_label(o.kind))
                    } else {
                        format!("{number}: {title} — {}", t.kind_label(o.kind))
                    }
                })
                .collect(),
            cost,
        }
    }
}

/// One activity in the chart: cost of the work before and after (đồng per occurrence).
#[derive(Debug, Clone)]
pub struct Bar {
    pub name: String,
    pub before: rust_decimal::Decimal,
    pub after: rust_decimal::Decimal,
    pub before_text: String,
    pub after_text: String,
}

/// Cost per activity before and after, matched by activity name (the option's own activities
/// that the current table lacks come last, with nothing before).
fn chart(r: &Review, cost: Option<&ReviewCost>) -> Vec<Vec<Bar>> {
    use rust_decimal::Decimal;
    let Some(cost) = cost else { return Vec::new() };
    r.options
        .iter()
        .zip(&cost.options)
        .map(|(o, oc)| {
            let after_rows = oc.as_ref().map(|c| c.table.rows.as_slice()).unwrap_or(&[]);
            let mut bars: Vec<(String, Decimal, Option<Decimal>)> = r
                .activities
                .iter()
                .zip(&cost.current.rows)
                .map(|(a, c)| (a.name.clone(), c.total, None))
                .collect();
            for (a, c) in o.activities.iter().zip(after_rows) {
                match bars.iter_mut().find(|b| b.0 == a.name && b.2.is_none()) {
                    Some(b) => b.2 = Some(c.total),
                    None => bars.push((a.name.clone(), Decimal::ZERO, Some(c.total))),
                }
            }
            bars.into_iter()
                .map(|(name, before, after)| {
                    let after = after.unwrap_or_default();
                    Bar {
                        name,
                        before,
                        after,
                        before_text: money(before),
                        after_text: money(after),
                    }
                })
                .collect()
        })
        .collect()
}

pub struct EditorState {
    /// None until the first save of a new review.
    pub path: Option<PathBuf>,
    pub review: Review,
    /// The review as last saved (or loaded): unsaved changes = review != saved.
    pub saved: Review,
    pub dirty: bool,
    pub derived: Derived,
    pub step: Step,
    /// The option shown on the Phương án and So sánh steps, and that findings go into.
    pub option: usize,
    pub undo: Undo,
    pub cells: Cells,
    /// Set by inline edits during the frame.
    pub changed: bool,
    /// The review as of the last change: what an inline edit is undone to.
    baseline: Review,
    /// Key of this review's recovery file (one per editing session).
    pub recovery_key: String,
    /// The file as last read or written: a save first checks nobody changed it since.
    pub disk: Option<crate::storage::Stamp>,
    /// The owner file held while the review is open for editing.
    pub lock: Option<crate::storage::lock::Lock>,
    /// Opened to look at while someone else edits it: who. Saving then makes a new file.
    pub read_only: Option<String>,
    /// A quality comment being written.
    pub comment: comments::CommentDraft,
    /// Show the step from its top next frame (after "Đến chỗ": its comments are there).
    pub scroll_top: bool,
    /// A table cell to put the cursor in when next drawn («Đến ô này»).
    pub focus_cell: Option<crate::progress::TableCell>,
    /// The year of the folder's plan: whose targets the measures use.
    pub plan_year: Option<i32>,
}

impl EditorState {
    pub fn new(
        t: &Templates,
        path: Option<PathBuf>,
        review: Review,
        saved: Review,
        recovery_key: String,
    ) -> Self {
        let derived = Derived::compute(t, &review);
        let dirty = review != saved;
        let option = review.chosen_index().unwrap_or(0);
        EditorState {
            path,
            dirty,
            derived,
            step: Step::Record,
            option,
            undo: Undo::default(),
            cells: Cells::default(),
            changed: false,
            baseline: review.clone(),
            review,
            saved,
            recovery_key,
            disk: None,
            lock: None,
            read_only: None,
            comment: comments::CommentDraft::default(),
            scroll_top: false,
            focus_cell: None,
            plan_year: None,
        }
    }

    fn refresh(&mut self, t: &Templates) {
        self.baseline = self.review.clone();
        self.derived = Derived::compute(t, &self.review);
        self.dirty = self.review != self.saved;
        if self.option >= self.review.options.len() {
            self.option = self.review.options.len().saturating_sub(1);
        }
    }

    /// After the UI pass: inline edits become an undo step (keystrokes in one field join up).
    pub fn end_frame(&mut self, t: &Templates, focused: Option<egui::Id>) {
        if self.changed {
            self.changed = false;
            self.undo.record(&self.baseline, focused);
            self.refresh(t);
        }
    }

    /// Applies a named edit as one undo step; an option it creates becomes the one shown.
    /// A change made by the app (not typed), as one undo step.
    pub fn replace_review(&mut self, t: &Templates, f: impl FnOnce(&mut Review)) {
        let before = self.review.clone();
        f(&mut self.review);
        if self.review != before {
            self.undo.break_step();
            self.undo.record(&before, None);
            self.undo.break_step();
            self.refresh(t);
        }
    }

    pub fn apply_edit(&mut self, t: &Templates, e: &Edit) {
        let before = self.review.clone();
        if let Some(made) = self.review.apply(e, t) {
            self.option = made;
        }
        // A row just added: its name cell takes the keyboard, as a new row in a spreadsheet
        // (the button that added it keeps nothing the user would type).
        if let Edit::AddActivity { table, .. } = e
            && let Some(rows) = self.review.table_mut(*table).map(|v| v.len())
            && rows > 0
        {
            self.focus_cell = Some(crate::progress::TableCell {
                table: *table,
                row: rows - 1,
                col: 0,
            });
        }
        if self.review != before {
            self.undo.break_step();
            self.undo.record(&before, None);
            self.undo.break_step();
            self.refresh(t);
        }
    }

    pub fn undo(&mut self, t: &Templates) {
        if let Some(prev) = self.undo.undo(&self.review) {
            self.review = prev;
            self.cells.clear();
            self.refresh(t);
        }
    }

    pub fn redo(&mut self, t: &Templates) {
        if let Some(next) = self.undo.redo(&self.review) {
            self.review = next;
            self.cells.clear();
            self.refresh(t);
        }
    }

    /// Replaces the review with `review` as saved (the other person's version, taken over this
    /// one): nothing unsaved, no undo history across it.
    pub fn reload(&mut self, t: &Templates, review: Review) {
        self.saved = review.clone();
        self.review = review;
        self.dirty = false;
        self.undo = Undo::default();
        self.cells.clear();
        self.refresh(t);
    }

    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved = self.review.clone();
        self.dirty = false;
    }

    /// Whether a quality comment has been typed and not added.
    pub fn has_comment_draft(&self) -> bool {
        !self.comment.text.trim().is_empty()
    }

    /// The typed comment as a comment on the current step (author "(chưa ghi)" if none);
    /// `None` when nothing was typed. The draft stays as it is.
    pub fn draft_comment(&self) -> Option<crate::model::Comment> {
        let text = self.comment.text.trim();
        if text.is_empty() {
            return None;
        }
        let author = self.comment.author.trim();
        Some(crate::model::Comment {
            author: if author.is_empty() {
                "(chưa ghi)".to_string()
            } else {
                author.to_string()
            },
            date: chrono::Local::now().date_naive(),
            part: self.step,
            text: text.to_string(),
            resolved: false,
        })
    }

    /// [`Self::draft_comment`], the draft's text then emptied (the author stays for the next).
    pub fn take_comment_draft(&mut self) -> Option<crate::model::Comment> {
        let c = self.draft_comment();
        if c.is_some() {
            self.comment.text.clear();
        }
        c
    }

    pub fn display_name(&self) -> String {
        if !self.review.tthc.name.is_empty() {
            self.review.tthc.name.clone()
        } else {
            self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
                || "Bản rà soát mới".to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        }
    }

    /// The body of the editor: stepper on the left, the current step in the middle.
    pub fn show(&mut self, ui: &mut egui::Ui, t: &Templates, actions: &mut Vec<Action>) {
        egui::Panel::left("stepper")
            .resizable(false)
            .exact_size(200.0)
            .show(ui, |ui| stepper::show(ui, self, actions));
        egui::CentralPanel::default().show(ui, |ui| {
            let mut area = egui::ScrollArea::vertical()
                .id_salt(("step", self.step.index()))
                .auto_shrink([false, false]);
            if std::mem::take(&mut self.scroll_top) {
                area = area.vertical_scroll_offset(0.0);
            }
            area.show(ui, |ui| {
                comments::show_list(ui, self, actions);
                self.show_step(ui, t, actions);
                comments::show_form(ui, self, actions);
            });
        });
    }

    fn show_step(&mut self, ui: &mut egui::Ui, t: &Templates, actions: &mut Vec<Action>) {
        match self.step {
            Step::Record => record::show(ui, self, t, actions),
            Step::Necessity => form::show_necessity(ui, self, t, actions),
            Step::Reasonableness => {
                form::show_section(ui, self, t, crate::templates::Criterion::HopLy, actions)
            }
            Step::Legality => {
                form::show_section(ui, self, t, crate::templates::Criterion::HopPhap, actions)
            }
            Step::CurrentCost => cost_table::show_current(ui, self, t, actions),
            Step::Options => options::show(ui, self, t, actions),
            Step::Compare => compare::show(ui, self, t, actions),
        }
    }
}

/// The title of a step, as the stepper shows it.
pub fn step_title(s: Step) -> &'static str {
    match s {
        Step::Record => "1. Thông tin TTHC",
        Step::Necessity => "2. Sự cần thiết",
        Step::Reasonableness => "3. Tính hợp lý",
        Step::Legality => "4. Tính hợp pháp",
        Step::CurrentCost => "5. Chi phí hiện tại",
        Step::Options => "6. Phương án",
        Step::Compare => "7. So sánh",
    }
}
