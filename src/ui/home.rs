//! The home list: the reviews of the folder and recently opened files, sortable, with their
//! figures and a totals row; a file that fails to load is an error row, the rest still listed.

use crate::cost::format::{money, percent};
use crate::cost::{OptionResult, aggregate, review_cost};
use crate::model::tthc_key;
use crate::plan::track::ReviewState;
use crate::progress::progress;
use crate::storage::{identity, is_in_dir, load_review, read_recent};
use crate::templates::Templates;
use egui::{Align, Layout};
use egui_extras::{Column, TableBuilder};
use std::cmp::Ordering;
use std::path::{Path, PathBuf};

/// One row, computed when the folder is read (never per frame).
#[derive(Debug, Clone)]
pub struct HomeRow {
    /// The path as reached (relative to the working folder for the reviews folder's files).
    pub path: PathBuf,
    /// The file's identity (canonical path): one file is one row, however it was reached.
    pub id: PathBuf,
    /// Which TTHC the review is about (mã số or normalised name).
    pub key: Option<String>,
    /// Other rows about the same TTHC: a compile would count it twice.
    pub duplicates: Vec<PathBuf>,
    /// A copy made by "Nhân bản", not to be counted until the reviewer says so.
    pub draft: bool,
    pub code: String,
    pub name: String,
    pub field: String,
    pub room: String,
    pub complete: u32,
    pub chosen: String,
    pub result: Option<OptionResult>,
    /// The row's figures as shown: trước, sau, tiết kiệm, %.
    pub figures: [String; 4],
    /// A file that failed to load or compute: the message, shown in place of figures.
    pub error: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    File,
    Code,
    Name,
    Field,
    Room,
    Complete,
    Chosen,
    Before,
    After,
    Saving,
    Percent,
}

/// The two pages of the home screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Reviews,
    Plan,
}

#[derive(Default)]
pub struct HomeState {
    pub tab: Tab,
    /// The folder's plan matched with its reviews (none without a plan file; the message when
    /// the plan file cannot be read).
    pub plan: Option<Result<crate::ui::plan_view::PlanPage, String>>,
    /// Other plan files in the folder, not shown (the list to choose from).
    pub other_plans: Vec<PathBuf>,
    /// The plan file the user chose to see; none: the last by name.
    pub plan_choice: Option<PathBuf>,
    pub plan_group: crate::ui::plan_view::GroupBy,
    /// The plan's milestones and target being edited.
    pub milestone_form: Option<crate::ui::plan_view::MilestoneForm>,
    /// The day statuses are checked against; today unless set (tests).
    pub today: Option<chrono::NaiveDate>,
    pub rows: Vec<HomeRow>,
    pub sort: Option<(SortKey, bool)>,
    /// The selected row, by identity.
    pub selected: Option<PathBuf>,
    /// Rows marked "đưa vào báo cáo" (check column or Ctrl+click), by identity; none marked =
    /// every row.
    pub marked: std::collections::BTreeSet<PathBuf>,
    pub totals: [String; 4],
    /// What the totals sum, in words: "tất cả 4 dòng" or "2 dòng đã đánh dấu".
    pub totals_scope: String,
    pub listed_with_figures: usize,
    /// What the totals leave out, in words ("; không tính 1 bản nháp …"), or nothing.
    pub left_out: String,
    /// The longest amount shown, to size the amount columns.
    pub widest_amount: String,
}

pub enum HomeAction {
    New,
    Open,
    OpenPath(PathBuf),
    Duplicate(PathBuf),
    Delete(PathBuf),
    Refresh,
    Compile,
    Settings,
    /// "Nhận bản rà soát": from a .zip or review file, or from a folder.
    Receive {
        folder: bool,
    },
    /// "Gửi phòng Văn phòng": the room's reviews as one .zip.
    Send,
    Plan(crate::ui::plan_view::PlanAction),
    /// A new review from a procedure's file downloaded from the national portal.
    ImportPortal,
}

fn row_for(t: &Templates, path: PathBuf, loaded: Result<&crate::model::Review, &str>) -> HomeRow {
    match loaded {
        Ok(review) => {
            let cost = review_cost(review);
            let (result, error) = match &cost {
                Ok(c) => (c.chosen_result().cloned(), None),
                Err(e) => (None, Some(format!("{}: {e}", path.display()))),
            };
            let chosen = review
                .chosen_index()
                .map(|i| t.kind_label(review.options[i].kind).to_string())
                .unwrap_or_else(|| "chưa chọn".to_string());
            let figures = match &result {
                Some(r) => [
                    money(r.before),
                    money(r.after),
                    money(r.saving),
                    percent(r.percent),
                ],
                None => Default::default(),
            };
            HomeRow {
                id: identity(&path),
                key: tthc_key(&review.tthc),
                duplicates: Vec::new(),
                draft: review.draft,
                complete: progress(t, review).percent(),
                code: review.tthc.code.clone(),
                name: review.tthc.name.clone(),
                field: review.tthc.field.clone(),
                room: review.reviewer.room.clone(),
                path,
                chosen,
                result,
                figures,
                error,
            }
        }
        Err(e) => HomeRow {
            id: identity(&path),
            key: None,
            duplicates: Vec::new(),
            draft: false,
            name: path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            path,
            code: String::new(),
            field: String::new(),
            room: String::new(),
            complete: 0,
            chosen: String::new(),
            result: None,
            figures: Default::default(),
            error: Some(e.to_string()),
        },
    }
}

impl HomeState {
    /// Reads the folder and the recent files again.
    pub fn reload(&mut self, t: &Templates, dir: &Path) {
        // Each review read on every core and let go once its row (and, when the folder has a
        // plan, what the plan's tracking needs of it) is made: thousands are never held at once.
        let set = crate::storage::Files(crate::storage::review_files(dir).unwrap_or_default());
        let plans = crate::plan::Plan::files(dir);
        let with_plan = !plans.is_empty();
        let read = crate::storage::map_reviews(&set, |path, r| {
            let loaded = r.as_deref().map_err(String::as_str);
            let row = row_for(t, path.to_path_buf(), loaded);
            // The plan's view of the review from the row's figures and progress, not again.
            let state = match loaded {
                Ok(review) => with_plan
                    .then(|| Ok(ReviewState::with(review, row.result.clone(), row.complete))),
                Err(e) => Some(Err(e.to_string())),
            };
            (row, state)
        });
        let (mut rows, states): (Vec<HomeRow>, Vec<_>) = read.into_iter().unzip();
        let items: Vec<(PathBuf, Result<ReviewState, String>)> = set
            .0
            .into_iter()
            .zip(states)
            .filter_map(|(p, s)| Some((p, s?)))
            .collect();
        self.load_plan(t, plans, &items);
        for p in read_recent(dir) {
            let id = identity(&p);
            if p.is_file() && !is_in_dir(&p, dir) && !rows.iter().any(|r| r.id == id) {
                let loaded = load_review(&p).map_err(|e| e.to_string());
                let loaded = loaded.as_ref().map_err(String::as_str);
                rows.push(row_for(t, p, loaded));
            }
        }
        // The same TTHC in two files: both rows say so.
        let keys: Vec<(Option<String>, PathBuf)> = rows
            .iter()
            .map(|r| (r.key.clone(), r.path.clone()))
            .collect();
        for r in rows.iter_mut() {
            r.duplicates = keys
                .iter()
                .filter(|(k, p)| k.is_some() && *k == r.key && *p != r.path)
                .map(|(_, p)| p.clone())
                .collect();
        }
        self.marked.retain(|p| rows.iter().any(|r| &r.id == p));
        if self
            .selected
            .as_ref()
            .is_some_and(|s| !rows.iter().any(|r| &r.id == s))
        {
            self.selected = None;
        }
        self.rows = rows;
        self.update_totals();
        if let Some((k, asc)) = self.sort {
            self.sort_by(k, asc);
        }
    }

    /// Reads one of the folder's plan `files` (the one chosen, else the last by name) and matches
    /// it with the reviews.
    fn load_plan(
        &mut self,
        t: &Templates,
        mut files: Vec<PathBuf>,
        items: &[(PathBuf, Result<ReviewState, String>)],
    ) {
        let chosen = self
            .plan_choice
            .as_ref()
            .and_then(|c| files.iter().position(|f| f == c))
            .or(files.len().checked_sub(1));
        let Some(path) = chosen.map(|k| files.remove(k)) else {
            self.plan = None;
            self.other_plans.clear();
            return;
        };
        self.other_plans = files;
        let today = self
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        self.plan = Some(crate::plan::Plan::load(&path).map(|plan| {
            crate::ui::plan_view::PlanPage::build(t, path, plan, items, today, self.plan_group)
        }));
    }

    /// The rows a compiled report takes: the marked ones, or all when none is marked.
    pub fn report_rows(&self) -> impl Iterator<Item = &HomeRow> {
        self.rows
            .iter()
            .filter(|r| self.marked.is_empty() || self.marked.contains(&r.id))
    }

    /// Toggles a row's "đưa vào báo cáo" mark; the totals follow.
    pub fn toggle_mark(&mut self, id: &Path) {
        if !self.marked.remove(id) {
            self.marked.insert(id.to_path_buf());
        }
        self.update_totals();
    }

    /// Sums what a compile of these rows would count (after a reload or a change of marks, never
    /// per frame): not drafts, not a TTHC that has two rows (a compile refuses it until one is
    /// chosen), not files that do not load or compute; and says what it left out.
    fn update_totals(&mut self) {
        let (mut drafts, mut twice, mut broken) = (0, 0, 0);
        for r in self.report_rows() {
            if r.error.is_some() || r.result.is_none() {
                broken += 1;
            } else if r.draft {
                drafts += 1;
            } else if !r.duplicates.is_empty() {
                twice += 1;
            }
        }
        let results: Vec<(&str, &OptionResult)> = self
            .report_rows()
            .filter(|r| !r.draft && r.duplicates.is_empty())
            .filter_map(|r| r.result.as_ref().map(|x| (r.field.as_str(), x)))
            .collect();
        let listed = results.len();
        let mut left_out = Vec::new();
        if drafts > 0 {
            left_out.push(format!("{drafts} bản nháp"));
        }
        if twice > 0 {
            left_out.push(format!("{twice} dòng trùng TTHC (chọn một)"));
        }
        if broken > 0 {
            left_out.push(format!("{broken} dòng chưa tính được"));
        }
        let left_out = if left_out.is_empty() {
            String::new()
        } else {
            format!("; không tính {}", left_out.join(", "))
        };
        let totals = match aggregate(results) {
            Ok(a) => [
                money(a.overall.before),
                money(a.overall.after),
                money(a.overall.saving),
                percent(a.overall.percent),
            ],
            Err(e) => [e.to_string(), String::new(), String::new(), String::new()],
        };
        // The widest amount of the list, for the columns' width.
        self.widest_amount = self
            .rows
            .iter()
            .flat_map(|r| r.figures[..3].iter())
            .chain(totals[..3].iter())
            .max_by_key(|f| f.chars().count())
            .cloned()
            .unwrap_or_default();
        self.totals = totals;
        self.listed_with_figures = listed;
        self.left_out = left_out;
        self.totals_scope = if self.marked.is_empty() {
            format!("tất cả {} dòng", self.rows.len())
        } else {
            format!("{} dòng đã đánh dấu", self.marked.len())
        };
    }

    pub fn sort_by(&mut self, key: SortKey, asc: bool) {
        fn num(
            r: &HomeRow,
            f: fn(&OptionResult) -> Option<rust_decimal::Decimal>,
        ) -> Option<rust_decimal::Decimal> {
            r.result.as_ref().and_then(f)
        }
        self.rows.sort_by(|a, b| {
            let o = match key {
                SortKey::File => a.path.cmp(&b.path),
                SortKey::Code => a.code.cmp(&b.code),
                SortKey::Name => a.name.cmp(&b.name),
                SortKey::Field => a.field.cmp(&b.field),
                SortKey::Room => a.room.cmp(&b.room),
                SortKey::Complete => a.complete.cmp(&b.complete),
                SortKey::Chosen => a.chosen.cmp(&b.chosen),
                SortKey::Before => num(a, |r| Some(r.before)).cmp(&num(b, |r| Some(r.before))),
                SortKey::After => num(a, |r| Some(r.after)).cmp(&num(b, |r| Some(r.after))),
                SortKey::Saving => num(a, |r| Some(r.saving)).cmp(&num(b, |r| Some(r.saving))),
                SortKey::Percent => num(a, |r| r.percent).cmp(&num(b, |r| r.percent)),
            };
            let o = if o == Ordering::Equal {
                a.path.cmp(&b.path)
            } else {
                o
            };
            if asc { o } else { o.reverse() }
        });
        self.sort = Some((key, asc));
    }

    fn totals_row(&self, mut row: egui_extras::TableRow, show_room: bool) {
        row.col(|_| {});
        row.col(|ui| {
            ui.strong("Tổng cộng");
        });
        row.col(|ui| {
            let text = format!(
                "{}; {} TTHC có số liệu{}",
                self.totals_scope, self.listed_with_figures, self.left_out
            );
            ui.add(egui::Label::new(&text).truncate()).on_hover_text(
                "Tổng cộng tính như báo cáo tổng hợp: không tính bản nháp, TTHC có hai bản rà soát (phải chọn một) và tệp chưa tính được",
            );
        });
        for _ in 0..if show_room { 4 } else { 3 } {
            row.col(|_| {});
        }
        for f in &self.totals {
            row.col(|ui| {
                ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                    ui.strong(f).on_hover_text(f);
                });
            });
        }
    }

    /// The path of the selected row.
    pub fn selected_path(&self) -> Option<PathBuf> {
        let id = self.selected.as_ref()?;
        self.rows
            .iter()
            .find(|r| &r.id == id)
            .map(|r| r.path.clone())
    }

    pub fn show(&mut self, ui: &mut egui::Ui, dir: &Path, actions: &mut Vec<HomeAction>) {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.tab, Tab::Reviews, "Bản rà soát")
                .on_hover_text("Danh sách bản rà soát trong thư mục");
            let plan_title = match &self.plan {
                Some(Ok(p)) => format!("Kế hoạch năm {}", p.plan.year),
                _ => "Kế hoạch năm".to_string(),
            };
            ui.selectable_value(&mut self.tab, Tab::Plan, plan_title)
                .on_hover_text(
                    "Tiến độ theo kế hoạch rà soát của năm: trạng thái, quá hạn, tổng số liệu",
                );
        });
        ui.separator();
        if self.tab == Tab::Plan {
            let mut plan_actions = Vec::new();
            match &self.plan {
                Some(Ok(page)) => {
                    if !self.other_plans.is_empty() {
                        ui.horizontal(|ui| {
                            let l = ui.label(format!(
                                "Thư mục có {} tệp kế hoạch; đang xem:",
                                self.other_plans.len() + 1
                            ));
                            let shown = crate::storage::file_name(&page.path);
                            egui::ComboBox::from_id_salt("plan-choice")
                                .selected_text(shown)
                                .show_ui(ui, |ui| {
                                    for p in &self.other_plans {
                                        if ui
                                            .selectable_label(false, crate::storage::file_name(p))
                                            .clicked()
                                        {
                                            plan_actions.push(
                                                crate::ui::plan_view::PlanAction::Choose(p.clone()),
                                            );
                                        }
                                    }
                                })
                                .response
                                .labelled_by(l.id);
                        });
                    }
                    page.show(ui, self.milestone_form.as_mut(), &mut plan_actions);
                }
                Some(Err(e)) => {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                    if ui.button("Nhập kế hoạch từ Excel/CSV…").clicked() {
                        plan_actions.push(crate::ui::plan_view::PlanAction::Import);
                    }
                }
                None => {
                    ui.label(format!(
                        "Thư mục {} chưa có kế hoạch rà soát (tệp *.plan.ron).",
                        dir.display()
                    ));
                    ui.label("Nhập danh mục TTHC của kế hoạch từ tệp Excel hoặc CSV của Sở (cột TT/STT, Mã số, Tên TTHC, Lĩnh vực, Đơn vị chủ trì …): chương trình ghi thành tệp kế hoạch trong thư mục này rồi theo dõi tiến độ.");
                    if ui.button("Nhập kế hoạch từ Excel/CSV…").clicked() {
                        plan_actions.push(crate::ui::plan_view::PlanAction::Import);
                    }
                }
            }
            actions.extend(plan_actions.into_iter().map(HomeAction::Plan));
            return;
        }
        ui.horizontal_wrapped(|ui| {
            if ui.button("+ Rà soát mới").clicked() {
                actions.push(HomeAction::New);
            }
            if ui
                .button("Nhập từ Cổng DVC…")
                .on_hover_text("Bản rà soát mới từ tệp «Tải xuống chi tiết thủ tục» của Cổng Dịch vụ công quốc gia (ChiTietTTHC_….doc); có thể kéo thả tệp vào cửa sổ")
                .clicked()
            {
                actions.push(HomeAction::ImportPortal);
            }
            if ui.button("Mở tệp…").clicked() {
                actions.push(HomeAction::Open);
            }
            let sel = self.selected_path();
            ui.add_enabled_ui(sel.is_some(), |ui| {
                if let Some(sel) = &sel {
                    if ui.button("Mở").clicked() {
                        actions.push(HomeAction::OpenPath(sel.clone()));
                    }
                    if ui
                        .button("Nhân bản")
                        .on_hover_text("Tạo bản nháp: tên thêm «(bản sao)», mã số để trống, không được đưa vào báo cáo tổng hợp cho đến khi bỏ dấu «bản nháp»")
                        .clicked()
                    {
                        actions.push(HomeAction::Duplicate(sel.clone()));
                    }
                    if ui.button("Xóa…").clicked() {
                        actions.push(HomeAction::Delete(sel.clone()));
                    }
                } else {
                    let _ = ui.button("Mở");
                    let _ = ui.button("Nhân bản");
                    let _ = ui.button("Xóa…");
                }
            });
            if ui.button("Tải lại").clicked() {
                actions.push(HomeAction::Refresh);
            }
            ui.separator();
            if ui
                .button("Báo cáo tổng hợp…")
                .on_hover_text(format!(
                    "Lập Quyết định thông qua phương án đơn giản hóa cho {}: PDF để ký, Word để sửa tiếp, Excel để kiểm tra số liệu (chọn loại tệp trong hộp thoại). Đánh dấu ô «Báo cáo» ở đầu dòng để chọn dòng.",
                    self.totals_scope
                ))
                .clicked()
            {
                actions.push(HomeAction::Compile);
            }
            if ui.button("Thiết lập báo cáo…").clicked() {
                actions.push(HomeAction::Settings);
            }
            ui.separator();
            ui.menu_button("Nhận bản rà soát", |ui| {
                if ui
                    .button("Từ tệp .zip hoặc .ron…")
                    .on_hover_text("Tệp một phòng gửi: từng tệp được kiểm tra, so với bản đang có; không ghi đè khi chưa hỏi")
                    .clicked()
                {
                    actions.push(HomeAction::Receive { folder: false });
                }
                if ui.button("Từ thư mục…").clicked() {
                    actions.push(HomeAction::Receive { folder: true });
                }
            });
            if ui
                .button("Gửi phòng Văn phòng…")
                .on_hover_text(format!(
                    "Gói {} thành một tệp .zip để gửi Văn phòng",
                    self.totals_scope
                ))
                .clicked()
            {
                actions.push(HomeAction::Send);
            }
        });
        let dups = self
            .rows
            .iter()
            .filter(|r| !r.duplicates.is_empty())
            .count();
        ui.weak(format!(
            "Thư mục: {} — {} bản rà soát. Bấm tiêu đề cột để sắp xếp; bấm đúp một dòng để mở; đánh dấu ô «Báo cáo» (hoặc Ctrl+bấm) để chọn dòng đưa vào báo cáo tổng hợp.",
            dir.display(),
            self.rows.len(),
        ));
        if dups > 0 {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("{dups} dòng trùng TTHC với dòng khác (cột «Mã số» ghi «TRÙNG»): báo cáo tổng hợp chỉ lập được khi mỗi TTHC còn một bản — bỏ đánh dấu hoặc xóa một bản."),
            );
        }
        ui.add_space(4.0);
        let headers: [(&str, SortKey); 10] = [
            ("Mã số", SortKey::Code),
            ("Tên TTHC", SortKey::Name),
            ("Lĩnh vực", SortKey::Field),
            ("Phòng", SortKey::Room),
            ("Hoàn thành", SortKey::Complete),
            ("Phương án chọn", SortKey::Chosen),
            ("Trước (đồng/năm)", SortKey::Before),
            ("Sau (đồng/năm)", SortKey::After),
            ("Tiết kiệm (đồng/năm)", SortKey::Saving),
            ("Tỷ lệ", SortKey::Percent),
        ];
        let mut sort_click = None;
        let mut toggle: Option<PathBuf> = None;
        let n = self.rows.len();
        let err = ui.visuals().error_fg_color;
        // Amount columns as wide as the widest amount (a 15-digit amount is never cut).
        let money_w = {
            let font = egui::TextStyle::Body.resolve(ui.style());
            let strong = ui.visuals().strong_text_color();
            let w = ui.fonts_mut(|f| {
                f.layout_no_wrap(self.widest_amount.clone(), font, strong)
                    .size()
                    .x
            });
            (w + 14.0).max(94.0)
        };
        // A narrow window (1024 px) leaves out the room column, so every figure stays in view.
        let show_room = ui.available_width() >= 1150.0 + 3.0 * (money_w - 94.0);
        // Wider than the window (large amounts at 1024 px): scrolled sideways, never cut.
        egui::ScrollArea::horizontal()
            .id_salt("home-wide")
            .show(ui, |ui| {
            let mut builder = TableBuilder::new(ui)
                .id_salt(("home", show_room))
                .striped(true)
                .sense(egui::Sense::click())
                .cell_layout(Layout::left_to_right(Align::Center))
                .column(Column::exact(52.0))
                .column(Column::exact(124.0).clip(true))
                .column(Column::remainder().at_least(140.0).clip(true))
                .column(Column::exact(96.0).clip(true));
            if show_room {
                builder = builder.column(Column::exact(110.0).clip(true));
            }
            builder
                .column(Column::exact(72.0))
                .column(Column::exact(92.0).clip(true))
                .columns(Column::exact(money_w), 3)
                .column(Column::exact(64.0))
                .header(36.0, |mut h| {
                    h.col(|ui| {
                        ui.strong("Báo cáo").on_hover_text(
                            "Đánh dấu các dòng đưa vào báo cáo tổng hợp; không đánh dấu dòng nào = tất cả",
                        );
                    });
                    for (title, key) in headers {
                        if key == SortKey::Room && !show_room {
                            continue;
                        }
                        h.col(|ui| {
                            let arrow = match self.sort {
                                Some((k, true)) if k == key => " ▲",
                                Some((k, false)) if k == key => " ▼",
                                _ => "",
                            };
                            let r = ui.add(
                                egui::Button::new(
                                    egui::RichText::new(format!("{title}{arrow}")).strong(),
                                )
                                .frame(false)
                                .wrap(),
                            );
                            if r.clicked() {
                                sort_click = Some(key);
                            }
                        });
                    }
                })
                .body(|body| {
                    // The last row is the totals row.
                    body.rows(26.0, n + 1, |mut row| {
                        if row.index() == n {
                            self.totals_row(row, show_room);
                            return;
                        }
                        let r = &self.rows[row.index()];
                        let marked = self.marked.contains(&r.id);
                        row.set_selected(self.selected.as_ref() == Some(&r.id));
                        row.col(|ui| {
                            let mut on = marked;
                            let name = format!(
                                "Đưa vào báo cáo: {}",
                                r.path.file_name().unwrap_or_default().to_string_lossy()
                            );
                            if ui
                                .checkbox(&mut on, "")
                                .on_hover_text("Đưa dòng này vào báo cáo tổng hợp")
                                .accessible_name(name)
                                .changed()
                            {
                                toggle = Some(r.id.clone());
                            }
                        });
                        row.col(|ui| {
                            if !r.duplicates.is_empty() {
                                let others: Vec<String> =
                                    r.duplicates.iter().map(|p| p.display().to_string()).collect();
                                ui.colored_label(err, "TRÙNG").on_hover_text(format!(
                                    "Cùng TTHC với: {}. Mỗi TTHC chỉ được tính một lần trong báo cáo.",
                                    others.join(", ")
                                ));
                            } else if r.draft {
                                ui.weak("Bản nháp").on_hover_text(
                                    "Bản sao chưa được xác nhận: không đưa vào báo cáo tổng hợp",
                                );
                            }
                            ui.label(&r.code);
                        });
                        row.col(|ui| {
                            ui.label(&r.name)
                                .on_hover_text(r.path.display().to_string());
                        });
                        row.col(|ui| {
                            ui.label(&r.field);
                        });
                        if show_room {
                            row.col(|ui| {
                                ui.label(&r.room);
                            });
                        }
                        if let Some(e) = &r.error {
                            row.col(|ui| {
                                ui.colored_label(err, "Lỗi tệp").on_hover_text(e);
                            });
                            row.col(|ui| {
                                ui.add(
                                    egui::Label::new(egui::RichText::new(e).color(err).small())
                                        .truncate(),
                                )
                                .on_hover_text(e);
                            });
                            for _ in 0..4 {
                                row.col(|_| {});
                            }
                        } else {
                            row.col(|ui| {
                                ui.label(format!("{} %", r.complete));
                            });
                            row.col(|ui| {
                                ui.label(&r.chosen);
                            });
                            for f in &r.figures {
                                row.col(|ui| {
                                    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                                        ui.label(f).on_hover_text(f);
                                    });
                                });
                            }
                        }
                        let resp = row.response();
                        if resp.clicked() {
                            if resp.ctx.input(|i| i.modifiers.command) {
                                toggle = Some(r.id.clone());
                            } else {
                                self.selected = Some(r.id.clone());
                            }
                        }
                        if resp.double_clicked() {
                            actions.push(HomeAction::OpenPath(r.path.clone()));
                        }
                    });
                });
            });
        if let Some(id) = toggle {
            self.toggle_mark(&id);
        }
        if let Some(key) = sort_click {
            let asc = !matches!(self.sort, Some((k, true)) if k == key);
            self.sort_by(key, asc);
        }
    }
}
