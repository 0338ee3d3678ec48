//! The home list: the reviews of the folder and recently opened files, sortable, with their
//! figures and a totals row; a file that fails to load is an error row, the rest still listed.

use crate::cost::format::{money, percent};
use crate::cost::{OptionResult, aggregate, review_cost};
use crate::progress::progress;
use crate::storage::{list_reviews, load_review, read_recent};
use crate::templates::Templates;
use egui::{Align, Layout};
use egui_extras::{Column, TableBuilder};
use std::cmp::Ordering;
use std::path::{Path, PathBuf};

/// One row, computed when the folder is read (never per frame).
#[derive(Debug, Clone)]
pub struct HomeRow {
    pub path: PathBuf,
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

#[derive(Default)]
pub struct HomeState {
    pub rows: Vec<HomeRow>,
    pub sort: Option<(SortKey, bool)>,
    pub selected: Option<PathBuf>,
    /// Rows marked (Ctrl+click) for the compiled report; none marked = every row.
    pub marked: std::collections::BTreeSet<PathBuf>,
    pub totals: [String; 4],
    pub listed_with_figures: usize,
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
}

fn row_for(t: &Templates, path: PathBuf, loaded: Result<crate::model::Review, String>) -> HomeRow {
    match loaded {
        Ok(review) => {
            let cost = review_cost(&review);
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
                complete: progress(t, &review).percent(),
                code: review.tthc.code,
                name: review.tthc.name,
                field: review.tthc.field,
                room: review.reviewer.room,
                path,
                chosen,
                result,
                figures,
                error,
            }
        }
        Err(e) => HomeRow {
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
            error: Some(e),
        },
    }
}

impl HomeState {
    /// Reads the folder and the recent files again.
    pub fn reload(&mut self, t: &Templates, dir: &Path) {
        let mut rows: Vec<HomeRow> = list_reviews(dir)
            .unwrap_or_default()
            .into_iter()
            .map(|(p, r)| row_for(t, p, r.map_err(|e| e.to_string())))
            .collect();
        for p in read_recent(dir) {
            if p.parent() != Some(dir) && p.exists() && !rows.iter().any(|r| r.path == p) {
                let loaded = load_review(&p).map_err(|e| e.to_string());
                rows.push(row_for(t, p, loaded));
            }
        }
        self.marked.retain(|p| rows.iter().any(|r| &r.path == p));
        self.rows = rows;
        let results: Vec<(&str, &OptionResult)> = self
            .rows
            .iter()
            .filter_map(|r| r.result.as_ref().map(|x| (r.field.as_str(), x)))
            .collect();
        self.listed_with_figures = results.len();
        self.totals = match aggregate(results) {
            Ok(a) => [
                money(a.overall.before),
                money(a.overall.after),
                money(a.overall.saving),
                percent(a.overall.percent),
            ],
            Err(e) => [e.to_string(), String::new(), String::new(), String::new()],
        };
        if let Some((k, asc)) = self.sort {
            self.sort_by(k, asc);
        }
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

    fn totals_row(&self, mut row: egui_extras::TableRow) {
        row.col(|ui| {
            ui.strong("Tổng cộng");
        });
        row.col(|ui| {
            ui.label(format!("{} TTHC có số liệu", self.listed_with_figures));
        });
        for _ in 0..4 {
            row.col(|_| {});
        }
        for f in &self.totals {
            row.col(|ui| {
                ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                    ui.strong(f);
                });
            });
        }
    }

    pub fn show(&mut self, ui: &mut egui::Ui, dir: &Path, actions: &mut Vec<HomeAction>) {
        ui.horizontal(|ui| {
            if ui.button("+ Rà soát mới").clicked() {
                actions.push(HomeAction::New);
            }
            if ui.button("Mở tệp…").clicked() {
                actions.push(HomeAction::Open);
            }
            let sel = self.selected.clone();
            ui.add_enabled_ui(sel.is_some(), |ui| {
                if ui.button("Mở").clicked() {
                    actions.push(HomeAction::OpenPath(sel.clone().unwrap()));
                }
                if ui.button("Nhân bản").clicked() {
                    actions.push(HomeAction::Duplicate(sel.clone().unwrap()));
                }
                if ui.button("Xóa…").clicked() {
                    actions.push(HomeAction::Delete(sel.clone().unwrap()));
                }
            });
            if ui.button("Tải lại").clicked() {
                actions.push(HomeAction::Refresh);
            }
            ui.separator();
            let which = if self.marked.is_empty() { "tất cả các dòng".to_string() } else { format!("{} dòng đã đánh dấu", self.marked.len()) };
            if ui
                .button("Báo cáo tổng hợp (PDF)…")
                .on_hover_text(format!("Lập Quyết định thông qua phương án đơn giản hóa cho {which}. Ctrl+bấm một dòng để đánh dấu."))
                .clicked()
            {
                actions.push(HomeAction::Compile);
            }
            if ui.button("Thiết lập báo cáo…").clicked() {
                actions.push(HomeAction::Settings);
            }
        });
        ui.weak(format!(
            "Thư mục: {} — {} bản rà soát{}. Bấm tiêu đề cột để sắp xếp; bấm đúp một dòng để mở; Ctrl+bấm để đánh dấu cho báo cáo tổng hợp.",
            dir.display(),
            self.rows.len(),
            if self.marked.is_empty() { String::new() } else { format!(", {} dòng đánh dấu", self.marked.len()) }
        ));
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
        let n = self.rows.len();
        TableBuilder::new(ui)
            .id_salt("home")
            .striped(true)
            .sense(egui::Sense::click())
            .cell_layout(Layout::left_to_right(Align::Center))
            .column(Column::exact(150.0))
            .column(Column::remainder().at_least(200.0).clip(true))
            .column(Column::exact(120.0).clip(true))
            .column(Column::exact(110.0).clip(true))
            .column(Column::exact(72.0))
            .column(Column::exact(104.0).clip(true))
            .columns(Column::exact(100.0), 3)
            .column(Column::exact(66.0))
            .header(36.0, |mut h| {
                for (title, key) in headers {
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
                        self.totals_row(row);
                        return;
                    }
                    let r = &self.rows[row.index()];
                    row.set_selected(
                        self.selected.as_ref() == Some(&r.path) || self.marked.contains(&r.path),
                    );
                    row.col(|ui| {
                        ui.label(&r.code);
                    });
                    row.col(|ui| {
                        ui.label(&r.name)
                            .on_hover_text(r.path.display().to_string());
                    });
                    row.col(|ui| {
                        ui.label(&r.field);
                    });
                    row.col(|ui| {
                        ui.label(&r.room);
                    });
                    if let Some(e) = &r.error {
                        row.col(|ui| {
                            ui.colored_label(ui.visuals().error_fg_color, "Lỗi tệp")
                                .on_hover_text(e);
                        });
                        row.col(|ui| {
                            ui.add(
                                egui::Label::new(
                                    egui::RichText::new(e)
                                        .color(ui.visuals().error_fg_color)
                                        .small(),
                                )
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
                                    ui.label(f);
                                });
                            });
                        }
                    }
                    let resp = row.response();
                    if resp.clicked() {
                        if resp.ctx.input(|i| i.modifiers.command) {
                            if !self.marked.remove(&r.path) {
                                self.marked.insert(r.path.clone());
                            }
                        } else {
                            self.selected = Some(r.path.clone());
                        }
                    }
                    if resp.double_clicked() {
                        actions.push(HomeAction::OpenPath(r.path.clone()));
                    }
                });
            });
        if let Some(key) = sort_click {
            let asc = !matches!(self.sort, Some((k, true)) if k == key);
            self.sort_by(key, asc);
        }
    }
}
