//! The office's home: the year's plan beside the review list — rows grouped by room (đơn vị chủ
//! trì) or lĩnh vực, each with its status colour, a progress bar per group and overall, the
//! running totals (cost, thời hạn and the cut against the target), the open quality comments,
//! and the August report from the rows that are ready. Everything shown is computed when the
//! folder is read, never per frame.

use crate::cost::format::{money, number, percent};
use crate::model::Stage;
use crate::plan::track::{ReviewState, Status, Tracking, track};
use crate::plan::{MilestoneKind, Plan};
use crate::progress::Step;
use crate::templates::Templates;
use chrono::NaiveDate;
use egui::{Color32, RichText};
use std::path::{Path, PathBuf};

/// The status buckets, in the year's order: colours and counts.
pub const BUCKETS: [&str; 6] = [
    "chưa bắt đầu",
    "đang rà soát",
    "đã gửi thẩm định",
    "có ý kiến",
    "đã hoàn thiện",
    "đưa vào quyết định",
];

fn bucket(s: &Status) -> usize {
    match s {
        Status::NotStarted => 0,
        Status::Reviewing { .. } | Status::Stage(Stage::Reviewing) => 1,
        Status::Stage(Stage::SentForAssessment) => 2,
        Status::Stage(Stage::Commented) => 3,
        Status::Stage(Stage::Completed) => 4,
        Status::Stage(Stage::InDecision) => 5,
    }
}

pub fn bucket_colour(b: usize, dark: bool) -> Color32 {
    match (b, dark) {
        (0, _) => Color32::from_rgb(150, 150, 150),
        (1, false) => Color32::from_rgb(40, 110, 200),
        (1, true) => Color32::from_rgb(90, 160, 240),
        (2, _) => Color32::from_rgb(140, 90, 200),
        (3, _) => Color32::from_rgb(220, 130, 20),
        (4, false) => Color32::from_rgb(30, 150, 70),
        (4, true) => Color32::from_rgb(70, 190, 110),
        _ => Color32::from_rgb(0, 100, 50),
    }
}

/// How the rows are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    #[default]
    Room,
    Field,
}

/// One plan row as shown.
#[derive(Debug, Clone)]
pub struct RowView {
    /// What the row's review adds to the 2025–2026 measures.
    pub measures: crate::measures::MeasuresTotals,
    pub stt: String,
    pub bucket: usize,
    pub status: String,
    /// "từ 25/07/2024": the date of the last change of stage.
    pub since: String,
    /// The name with its mã số, as the row shows it; "Mở <file>" on hover.
    pub title: String,
    pub open_hint: String,
    /// "2 bản rà soát: a.ron, b.ron" when two reviews match the row.
    pub two_files: String,
    pub overdue: Option<String>,
    /// "quá hạn 30/07/2026", the full reason on hover.
    pub overdue_short: String,
    /// The review file(s): none, one, or two (shown as a problem).
    pub files: Vec<PathBuf>,
    /// Trước, sau, tiết kiệm, %, thời hạn trước → sau.
    pub figures: Option<[String; 5]>,
    pub open_comments: usize,
    pub room: String,
    pub field: String,
    /// Ready for the August report: đã hoàn thiện or đưa vào quyết định, one file.
    pub ready: bool,
}

#[derive(Debug, Clone)]
pub struct GroupView {
    pub name: String,
    pub rows: Vec<usize>,
    pub counts: [usize; 6],
    pub overdue: usize,
    /// "Phòng … — 14 TTHC: 4/14 đã hoàn thiện · …" and its bar's text.
    pub head: String,
    pub bar_text: String,
    /// The group's 2025–2026 measures in words, empty when it has none.
    pub measures_line: String,
}

/// A comment not yet dealt with, for the list under the plan.
#[derive(Debug, Clone)]
pub struct OpenComment {
    pub file: PathBuf,
    pub tthc: String,
    pub step: Step,
    pub author: String,
    pub date: String,
    pub text: String,
}

/// The plan page, computed when the folder is read.
#[derive(Debug, Clone)]
pub struct PlanPage {
    pub path: PathBuf,
    pub plan: Plan,
    pub today: NaiveDate,
    pub rows: Vec<RowView>,
    pub group_by: GroupBy,
    pub groups: Vec<GroupView>,
    pub counts: [usize; 6],
    pub overdue: usize,
    /// The overall bar's text and the "x/n đã hoàn thiện" line.
    pub bar_text: String,
    pub done_line: String,
    pub milestones: Vec<(String, bool)>,
    /// The running totals in words (cost; thời hạn and the target).
    pub cost_line: String,
    /// The plan's 2025–2026 measures in words, empty when the rows hold none.
    pub measures_line: String,
    /// The targets of each year, for the groups' lines.
    pub targets: crate::templates::Targets,
    pub days_line: String,
    /// "Thời hạn (ngày làm việc)": the unit the reviews count in.
    pub days_header: String,
    pub target_met: Option<bool>,
    pub unplanned: Vec<PathBuf>,
    pub broken: Vec<(PathBuf, String)>,
    pub comments: Vec<OpenComment>,
}

use crate::plan::track::dmy;
use crate::storage::file_name;

fn or_none(s: &str, none: &str) -> String {
    let s = s.trim();
    if s.is_empty() {
        none.to_string()
    } else {
        s.to_string()
    }
}

impl PlanPage {
    /// Matches `plan` with the folder's reviews (`items`) on `today`.
    pub fn build(
        t: &Templates,
        path: PathBuf,
        plan: Plan,
        items: &[(PathBuf, Result<ReviewState, String>)],
        today: NaiveDate,
        group_by: GroupBy,
    ) -> Self {
        let tr: Tracking = track(&plan, items, today);
        let plan_year = plan.year;
        let review_of = |p: &Path| {
            items
                .iter()
                .find(|(q, _)| q == p)
                .and_then(|(_, r)| r.as_ref().ok())
        };
        let rows: Vec<RowView> = tr
            .rows
            .iter()
            .map(|r| {
                let review = r.files.first().and_then(|f| review_of(f));
                let b = bucket(&r.status);
                RowView {
                    measures: r.measures,
                    stt: r.row.stt.clone(),
                    bucket: b,
                    status: r.status.label(),
                    since: r
                        .since
                        .map(|d| format!("từ {}", dmy(d)))
                        .unwrap_or_default(),
                    title: if r.row.code.is_empty() {
                        r.row.name.clone()
                    } else {
                        format!("{} ({})", r.row.name, r.row.code)
                    },
                    open_hint: r
                        .files
                        .first()
                        .map(|f| format!("Mở {}", f.display()))
                        .unwrap_or_default(),
                    two_files: if r.files.len() > 1 {
                        let names: Vec<String> = r.files.iter().map(|f| file_name(f)).collect();
                        format!("{} bản rà soát: {}", r.files.len(), names.join(", "))
                    } else {
                        String::new()
                    },
                    overdue: r.overdue.clone(),
                    overdue_short: r
                        .deadline
                        .map(|d| format!("quá hạn {}", dmy(d)))
                        .unwrap_or_default(),
                    files: r.files.clone(),
                    figures: r.figures.as_ref().map(|f| {
                        [
                            money(f.before),
                            money(f.after),
                            money(f.saving),
                            percent(f.percent),
                            format!("{} → {}", number(f.days_before), number(f.days_after)),
                        ]
                    }),
                    open_comments: review.map_or(0, |r| r.open_comments.len()),
                    room: or_none(
                        if r.row.lead.trim().is_empty() {
                            review.map_or("", |r| r.room.as_str())
                        } else {
                            &r.row.lead
                        },
                        "(chưa giao đơn vị)",
                    ),
                    // In the spelling the reports print (the department's list).
                    field: or_none(
                        t.field_spelling(if r.row.field.trim().is_empty() {
                            review.map_or("", |r| r.field.as_str())
                        } else {
                            &r.row.field
                        }),
                        "(chưa ghi lĩnh vực)",
                    ),
                    // Two files for a completed row go to the checks (which name both and
                    // refuse the same TTHC twice), never left out in silence.
                    ready: b >= 4 && !r.files.is_empty(),
                }
            })
            .collect();
        let mut counts = [0; 6];
        for r in &rows {
            counts[r.bucket] += 1;
        }
        let overdue = rows.iter().filter(|r| r.overdue.is_some()).count();
        let milestones = [
            MilestoneKind::ReviewDone,
            MilestoneKind::SentForAssessment,
            MilestoneKind::Decision,
        ]
        .iter()
        .filter_map(|k| plan.milestone(*k))
        .map(|m| (format!("{} {}", dmy(m.date), m.label), today > m.date))
        .collect();
        let tot = &tr.totals;
        let cost_line = format!(
            "Chi phí tuân thủ của {}/{} TTHC có số liệu: trước {} — sau {} — tiết kiệm {} đồng/năm ({})",
            tot.with_figures,
            tot.rows,
            money(tot.before),
            money(tot.after),
            money(tot.saving()),
            percent(tot.percent())
        );
        let days_cut = tot.days_percent();
        let target = plan.time_cut_target;
        let target_met = days_cut.map(|p| p * rust_decimal::Decimal::from(100) >= target);
        // The day unit as the reviews count it.
        let kinds: std::collections::BTreeSet<u8> = items
            .iter()
            .filter_map(|(_, r)| r.as_ref().ok())
            .map(|r| r.day as u8)
            .collect();
        let day = match items
            .iter()
            .filter_map(|(_, r)| r.as_ref().ok())
            .map(|r| r.day)
            .next()
        {
            Some(k) if kinds.len() == 1 => crate::report::day_label(t, k).to_string(),
            None => crate::report::day_label(t, crate::model::DayKind::NgayLamViec).to_string(),
            Some(_) => "ngày, ngày làm việc lẫn nhau".to_string(),
        };
        let days_line = format!(
            "Tổng thời hạn giải quyết: trước {} — sau {} {day}, cắt giảm {} (mục tiêu tối thiểu {} %: {})",
            number(tot.days_before),
            number(tot.days_after),
            percent(days_cut),
            number(target),
            match target_met {
                Some(true) => "đạt",
                Some(false) => "chưa đạt",
                None => "chưa tính được",
            }
        );
        let mut comments = Vec::new();
        for (p, r) in items {
            let Ok(r) = r else { continue };
            for c in &r.open_comments {
                comments.push(OpenComment {
                    file: p.clone(),
                    tthc: or_none(&r.tthc, "(chưa có tên)"),
                    step: c.part,
                    author: c.author.clone(),
                    date: dmy(c.date),
                    text: c.text.clone(),
                });
            }
        }
        let mut page = PlanPage {
            path,
            plan,
            today,
            rows,
            group_by,
            groups: Vec::new(),
            bar_text: bar_text("Toàn kế hoạch", &counts),
            done_line: done_text(&counts),
            counts,
            overdue,
            milestones,
            cost_line,
            measures_line: measures_line(&t.targets, plan_year, &tr.totals.measures),
            targets: t.targets.clone(),
            days_line,
            days_header: format!("Thời hạn\n({day})"),
            target_met,
            unplanned: tr.unplanned,
            broken: tr.broken,
            comments,
        };
        page.regroup(group_by);
        page
    }

    /// Groups the rows by room or lĩnh vực, in the order each first appears in the plan.
    pub fn regroup(&mut self, by: GroupBy) {
        self.group_by = by;
        let mut groups: Vec<GroupView> = Vec::new();
        for (i, r) in self.rows.iter().enumerate() {
            let key = match by {
                GroupBy::Room => &r.room,
                GroupBy::Field => &r.field,
            };
            let same = |a: &str, b: &str| match by {
                GroupBy::Room => crate::model::text_key(a) == crate::model::text_key(b),
                GroupBy::Field => crate::model::field_key(a) == crate::model::field_key(b),
            };
            let g = match groups.iter().position(|g| same(&g.name, key)) {
                Some(g) => g,
                None => {
                    groups.push(GroupView {
                        name: key.clone(),
                        rows: Vec::new(),
                        counts: [0; 6],
                        overdue: 0,
                        head: String::new(),
                        bar_text: String::new(),
                        measures_line: String::new(),
                    });
                    groups.len() - 1
                }
            };
            let g = &mut groups[g];
            g.rows.push(i);
            g.counts[r.bucket] += 1;
            g.overdue += usize::from(r.overdue.is_some());
        }
        for g in &mut groups {
            g.head = format!(
                "{} — {} TTHC: {}{}",
                g.name,
                g.rows.len(),
                done_text(&g.counts),
                if g.overdue > 0 {
                    format!(" · {} quá hạn", g.overdue)
                } else {
                    String::new()
                }
            );
            g.bar_text = bar_text(&g.name, &g.counts);
            let mut m = crate::measures::MeasuresTotals::default();
            for &i in &g.rows {
                m.add(&self.rows[i].measures);
            }
            g.measures_line = measures_line(&self.targets, self.plan.year, &m);
        }
        self.groups = groups;
    }

    /// The review files of the rows ready for the decision: every file of every completed row
    /// (a row with two files is then named by the checks before the report).
    pub fn ready_files(&self) -> Vec<PathBuf> {
        self.rows
            .iter()
            .filter(|r| r.ready)
            .flat_map(|r| r.files.iter().cloned())
            .collect()
    }

    /// How many plan rows are ready for the decision.
    pub fn ready_rows(&self) -> usize {
        self.rows.iter().filter(|r| r.ready).count()
    }
}

/// The milestones and the time-cut target being edited on the plan page.
#[derive(Debug, Clone, PartialEq)]
pub struct MilestoneForm {
    /// Each milestone: its label and its date as typed ("30/07/2026").
    pub dates: Vec<(String, String)>,
    pub target: String,
    pub error: Option<String>,
}

impl MilestoneForm {
    pub fn of(plan: &Plan) -> Self {
        MilestoneForm {
            dates: plan
                .milestones
                .iter()
                .map(|m| (m.label.clone(), dmy(m.date)))
                .collect(),
            target: number(plan.time_cut_target),
            error: None,
        }
    }

    /// The plan with the typed dates and target, or what is wrong, in words.
    pub fn apply(&self, plan: &Plan) -> Result<Plan, String> {
        let mut out = plan.clone();
        for ((label, text), m) in self.dates.iter().zip(out.milestones.iter_mut()) {
            m.date = NaiveDate::parse_from_str(text.trim(), "%d/%m/%Y").map_err(|_| {
                format!(
                    "«{label}»: ngày «{}» phải viết dạng 30/07/{}",
                    text.trim(),
                    plan.year
                )
            })?;
        }
        out.time_cut_target = crate::model::parse_decimal_vi(&self.target)
            .filter(|t| *t >= rust_decimal::Decimal::ZERO && *t <= rust_decimal::Decimal::from(100))
            .ok_or_else(|| {
                format!(
                    "Mục tiêu cắt giảm «{}» phải là một số từ 0 đến 100 (%)",
                    self.target.trim()
                )
            })?;
        Ok(out)
    }
}

/// What the plan page asks the app to do.
pub enum PlanAction {
    /// Opens the form for the milestones and the target.
    EditMilestones,
    /// Writes the plan file with the edited milestones and target.
    SaveMilestones(Plan),
    CloseMilestones,
    Open(PathBuf),
    Goto(PathBuf, Step),
    CompileReady(Vec<PathBuf>),
    Import,
    Regroup(GroupBy),
    /// Shows another plan file of the folder.
    Choose(PathBuf),
}

/// A bar of the status buckets' shares, with the counts in its accessible text.
fn status_bar(ui: &mut egui::Ui, counts: &[usize; 6], width: f32, text: &str) {
    let total: usize = counts.iter().sum();
    let (rect, resp) = ui.allocate_exact_size(egui::vec2(width, 14.0), egui::Sense::hover());
    let dark = ui.visuals().dark_mode;
    let painter = ui.painter();
    painter.rect_filled(rect, 3.0, ui.visuals().extreme_bg_color);
    if total > 0 {
        let mut x = rect.left();
        for (b, n) in counts.iter().enumerate() {
            if *n == 0 {
                continue;
            }
            let w = rect.width() * *n as f32 / total as f32;
            let r =
                egui::Rect::from_min_size(egui::pos2(x, rect.top()), egui::vec2(w, rect.height()));
            painter.rect_filled(r, 0.0, bucket_colour(b, dark));
            x += w;
        }
    }
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ProgressIndicator, true, text));
    resp.on_hover_text(text);
}

/// "Nghị quyết 66 — mục tiêu năm 2026: 3/5 TTHC sản xuất, kinh doanh có cắt giảm · 2/4 ĐKKD
/// cắt giảm · so với năm 2024: chi phí giảm 52,31 % (mục tiêu 50 %: đạt), thời hạn …"; empty when
/// the rows hold none of it.
fn measures_line(
    targets: &crate::templates::Targets,
    year: i32,
    m: &crate::measures::MeasuresTotals,
) -> String {
    if m.business == 0 && m.conditions == 0 && m.with_baseline == 0 {
        return String::new();
    }
    let tg = targets.year(year);
    let mut parts = vec![
        format!(
            "{}/{} TTHC sản xuất, kinh doanh có cắt giảm",
            m.business_cut, m.business
        ),
        format!(
            "{}/{} ĐKKD cắt giảm, đơn giản hóa",
            m.conditions_cut, m.conditions
        ),
    ];
    if m.with_baseline > 0 {
        parts.push(format!(
            "so với năm {}: chi phí {}, thời hạn {}",
            targets.baseline_year,
            crate::measures::measure_text(&m.cost(tg)),
            crate::measures::measure_text(&m.time(tg))
        ));
    }
    format!("Nghị quyết 66/NQ-CP, năm {year}: {}", parts.join(" · "))
}

/// A status bar's words: "Phòng …: 2 chưa bắt đầu, 1 đã gửi thẩm định".
fn bar_text(label: &str, counts: &[usize; 6]) -> String {
    let words: Vec<String> = counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(b, n)| format!("{n} {}", BUCKETS[b]))
        .collect();
    format!("{label}: {}", words.join(", "))
}

fn done_text(counts: &[usize; 6]) -> String {
    let total: usize = counts.iter().sum();
    let done = counts[4] + counts[5];
    let sent = counts[2] + counts[3] + done;
    format!("{done}/{total} đã hoàn thiện · {sent}/{total} đã gửi thẩm định")
}

impl PlanPage {
    fn milestone_form(
        &self,
        ui: &mut egui::Ui,
        form: &mut MilestoneForm,
        actions: &mut Vec<PlanAction>,
    ) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.strong("Mốc thời gian và mục tiêu của kế hoạch");
            egui::Grid::new("milestones").num_columns(2).show(ui, |ui| {
                for (label, text) in form.dates.iter_mut() {
                    ui.label(label.as_str());
                    ui.add(egui::TextEdit::singleline(text).desired_width(110.0))
                        .accessible_name(label.as_str());
                    ui.end_row();
                }
                ui.label("Mục tiêu cắt giảm tổng thời gian giải quyết tối thiểu (%)");
                ui.add(egui::TextEdit::singleline(&mut form.target).desired_width(110.0))
                    .accessible_name("Mục tiêu cắt giảm (%)");
                ui.end_row();
            });
            if let Some(e) = &form.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            ui.horizontal(|ui| {
                if ui.button("Lưu vào tệp kế hoạch").clicked() {
                    match form.apply(&self.plan) {
                        Ok(p) => actions.push(PlanAction::SaveMilestones(p)),
                        Err(e) => form.error = Some(e),
                    }
                }
                if ui.button("Hủy").clicked() {
                    actions.push(PlanAction::CloseMilestones);
                }
            });
        });
    }

    pub fn show(
        &self,
        ui: &mut egui::Ui,
        form: Option<&mut MilestoneForm>,
        actions: &mut Vec<PlanAction>,
    ) {
        let err = ui.visuals().error_fg_color;
        let dark = ui.visuals().dark_mode;
        ui.horizontal_wrapped(|ui| {
            ui.heading(format!("Kế hoạch rà soát năm {}", self.plan.year));
            if !self.plan.document.is_empty() {
                ui.label(&self.plan.document);
            }
            ui.weak(format!(
                "({}; đối chiếu ngày {})",
                file_name(&self.path),
                dmy(self.today)
            ));
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("Mốc:");
            for (m, passed) in &self.milestones {
                if *passed {
                    ui.weak(format!("{m} (đã qua)"));
                } else {
                    ui.strong(m);
                }
                ui.label("·");
            }
            if form.is_none()
                && ui
                    .small_button("Sửa mốc, mục tiêu…")
                    .on_hover_text(
                        "Sửa ngày các mốc và mục tiêu cắt giảm thời gian cho khớp kế hoạch của Sở",
                    )
                    .clicked()
            {
                actions.push(PlanAction::EditMilestones);
            }
        });
        if let Some(form) = form {
            self.milestone_form(ui, form, actions);
        }
        ui.horizontal_wrapped(|ui| {
            status_bar(ui, &self.counts, 260.0, &self.bar_text);
            ui.strong(&self.done_line);
            if self.overdue > 0 {
                ui.colored_label(err, format!("{} TTHC quá hạn", self.overdue));
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("Chú thích:");
            for (b, name) in BUCKETS.iter().enumerate() {
                ui.colored_label(bucket_colour(b, dark), format!("■ {name}"));
            }
        });
        ui.label(&self.cost_line);
        if !self.measures_line.is_empty() {
            ui.label(&self.measures_line);
        }
        let days = RichText::new(&self.days_line);
        match self.target_met {
            Some(false) => ui.colored_label(ui.visuals().warn_fg_color, days),
            _ => ui.label(days),
        };
        let ready = self.ready_files();
        let ready_rows = self.ready_rows();
        ui.horizontal_wrapped(|ui| {
            ui.label("Nhóm theo:");
            let mut by = self.group_by;
            ui.selectable_value(&mut by, GroupBy::Room, "Đơn vị chủ trì");
            ui.selectable_value(&mut by, GroupBy::Field, "Lĩnh vực");
            if by != self.group_by {
                actions.push(PlanAction::Regroup(by));
            }
            ui.separator();
            let go = ui
                .add_enabled(
                    !ready.is_empty(),
                    egui::Button::new(format!(
                        "Lập dự thảo quyết định từ {ready_rows} TTHC đã hoàn thiện…"
                    )),
                )
                .on_hover_text("Dự thảo quyết định thông qua phương án đơn giản hóa từ các TTHC «đã hoàn thiện» hoặc «đưa vào quyết định» (mỗi TTHC một bản rà soát); kiểm tra trước khi lập như báo cáo tổng hợp")
                .on_disabled_hover_text("Chưa có TTHC nào «đã hoàn thiện» (đặt trạng thái trong bản rà soát)");
            if go.clicked() {
                actions.push(PlanAction::CompileReady(ready.clone()));
            }
            if ui
                .button("Nhập kế hoạch khác…")
                .on_hover_text("Đọc danh mục TTHC của kế hoạch từ tệp Excel hoặc CSV")
                .clicked()
            {
                actions.push(PlanAction::Import);
            }
        });
        ui.separator();
        // Both ways: at 1024 × 640 the last columns are reached by scrolling sideways.
        egui::ScrollArea::both()
            .id_salt("plan")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for (gi, g) in self.groups.iter().enumerate() {
                    self.group(ui, gi, g, actions);
                }
                self.extras(ui, actions);
            });
    }

    fn group(&self, ui: &mut egui::Ui, gi: usize, g: &GroupView, actions: &mut Vec<PlanAction>) {
        let err = ui.visuals().error_fg_color;
        let dark = ui.visuals().dark_mode;
        let id = ui.make_persistent_id(("plan-group", self.group_by == GroupBy::Room, gi));
        egui::collapsing_header::CollapsingState::load_with_default_open(ui.ctx(), id, true)
            .show_header(ui, |ui| {
                status_bar(ui, &g.counts, 140.0, &g.bar_text);
                if g.overdue > 0 {
                    ui.colored_label(err, RichText::new(&g.head).strong());
                } else {
                    ui.strong(&g.head);
                }
            })
            .body(|ui| {
                if !g.measures_line.is_empty() {
                    ui.label(&g.measures_line);
                }
                // The name takes what the other columns leave (about 880 px).
                let name_width = (ui.available_width() - 880.0).clamp(240.0, 640.0);
                egui::Grid::new(("plan-rows", gi))
                    .striped(true)
                    .num_columns(9)
                    .spacing([10.0, 3.0])
                    .show(ui, |ui| {
                        for h in [
                            "STT",
                            "Tên TTHC (mã số)",
                            "Trạng thái",
                            "Hạn",
                            "Trước\n(đồng/năm)",
                            "Sau\n(đồng/năm)",
                            "Tỷ lệ",
                            self.days_header.as_str(),
                            "Ý kiến",
                        ] {
                            ui.strong(h);
                        }
                        ui.end_row();
                        for &i in &g.rows {
                            let r = &self.rows[i];
                            ui.label(&r.stt);
                            ui.vertical(|ui| {
                                ui.set_max_width(name_width);
                                match r.files.first() {
                                    None => {
                                        ui.add(egui::Label::new(&r.title).wrap());
                                    }
                                    Some(one) => {
                                        if ui.link(&r.title).on_hover_text(&r.open_hint).clicked() {
                                            actions.push(PlanAction::Open(one.clone()));
                                        }
                                    }
                                }
                                if !r.two_files.is_empty() {
                                    ui.colored_label(err, &r.two_files);
                                }
                            });
                            // One line: a status never wraps letter by letter.
                            ui.horizontal(|ui| {
                                ui.add(
                                    egui::Label::new(
                                        RichText::new(&r.status)
                                            .strong()
                                            .color(bucket_colour(r.bucket, dark)),
                                    )
                                    .extend(),
                                );
                                if !r.since.is_empty() {
                                    ui.add(
                                        egui::Label::new(RichText::new(&r.since).weak()).extend(),
                                    );
                                }
                            });
                            match &r.overdue {
                                Some(o) => ui
                                    .add(
                                        egui::Label::new(
                                            RichText::new(&r.overdue_short).color(err),
                                        )
                                        .extend(),
                                    )
                                    .on_hover_text(o),
                                None => ui.weak("đúng hạn"),
                            };
                            match &r.figures {
                                Some(f) => {
                                    for v in [&f[0], &f[1], &f[3], &f[4]] {
                                        ui.with_layout(
                                            egui::Layout::right_to_left(egui::Align::Center),
                                            |ui| ui.label(v),
                                        );
                                    }
                                }
                                None => {
                                    for _ in 0..4 {
                                        ui.label("");
                                    }
                                }
                            }
                            if r.open_comments > 0 {
                                ui.colored_label(
                                    ui.visuals().warn_fg_color,
                                    format!("{} chưa xử lý", r.open_comments),
                                );
                            } else {
                                ui.label("");
                            }
                            ui.end_row();
                        }
                    });
            });
    }

    fn extras(&self, ui: &mut egui::Ui, actions: &mut Vec<PlanAction>) {
        let err = ui.visuals().error_fg_color;
        let warn = ui.visuals().warn_fg_color;
        if !self.comments.is_empty() {
            ui.add_space(8.0);
            ui.colored_label(
                warn,
                RichText::new(format!(
                    "Ý kiến đánh giá chất lượng chưa xử lý ({})",
                    self.comments.len()
                ))
                .strong(),
            );
            for c in &self.comments {
                ui.horizontal_wrapped(|ui| {
                    ui.strong(&c.tthc);
                    ui.label(format!(
                        "— {} — {}, {}: {}",
                        crate::ui::editor::step_title(c.step),
                        c.author,
                        c.date,
                        c.text
                    ));
                    if ui
                        .small_button("Đến chỗ")
                        .on_hover_text("Mở bản rà soát ở bước có ý kiến")
                        .clicked()
                    {
                        actions.push(PlanAction::Goto(c.file.clone(), c.step));
                    }
                });
            }
        }
        if !self.unplanned.is_empty() {
            ui.add_space(8.0);
            ui.colored_label(
                warn,
                RichText::new(format!(
                    "Bản rà soát không có trong kế hoạch ({})",
                    self.unplanned.len()
                ))
                .strong(),
            );
            for p in &self.unplanned {
                if ui.link(file_name(p)).clicked() {
                    actions.push(PlanAction::Open(p.clone()));
                }
            }
        }
        if !self.broken.is_empty() {
            ui.add_space(8.0);
            ui.colored_label(
                err,
                RichText::new(format!("Tệp không đọc được ({})", self.broken.len())).strong(),
            );
            for (_, e) in &self.broken {
                ui.colored_label(err, e);
            }
        }
    }
}
