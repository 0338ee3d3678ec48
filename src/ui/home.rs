//! The home list: every review in the folder with its figures, error rows for bad files.

use crate::cost::format::{money, percent};
use crate::cost::{OptionResult, review_cost};
use crate::storage::list_reviews;
use crate::templates::Templates;
use std::path::{Path, PathBuf};

/// One row of the home table, computed once when the folder is read (never per frame).
#[derive(Debug, Clone)]
pub struct HomeRow {
    pub path: PathBuf,
    pub code: String,
    pub name: String,
    pub field: String,
    pub room: String,
    pub chosen: String,
    pub result: Option<OptionResult>,
    /// A file that failed to load or compute: the message, shown in place of figures.
    pub error: Option<String>,
}

pub fn read_folder(t: &Templates, dir: &Path) -> Vec<HomeRow> {
    let Ok(list) = list_reviews(dir) else {
        return Vec::new();
    };
    list.into_iter()
        .map(|(path, loaded)| match loaded {
            Ok(review) => {
                let cost = review_cost(&review);
                let (result, error) = match &cost {
                    Ok(c) => (c.chosen_result().cloned(), None),
                    Err(e) => (None, Some(e.to_string())),
                };
                let chosen = review
                    .chosen_index()
                    .map(|i| t.kind_label(review.options[i].kind).to_string())
                    .unwrap_or_default();
                HomeRow {
                    path,
                    code: review.tthc.code,
                    name: review.tthc.name,
                    field: review.tthc.field,
                    room: review.reviewer.room,
                    chosen,
                    result,
                    error,
                }
            }
            Err(e) => HomeRow {
                path: path.clone(),
                code: String::new(),
                name: path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                field: String::new(),
                room: String::new(),
                chosen: String::new(),
                result: None,
                error: Some(e.to_string()),
            },
        })
        .collect()
}

pub fn show(ui: &mut egui::Ui, rows: &[HomeRow]) {
    use egui_extras::{Column, TableBuilder};
    TableBuilder::new(ui)
        .striped(true)
        .column(Column::auto().at_least(140.0))
        .column(Column::remainder().at_least(260.0).clip(true))
        .column(Column::auto().at_least(120.0))
        .columns(Column::auto().at_least(110.0), 4)
        .header(24.0, |mut h| {
            for title in [
                "Mã số",
                "Tên TTHC",
                "Lĩnh vực",
                "Trước (đồng/năm)",
                "Sau (đồng/năm)",
                "Tiết kiệm",
                "Tỷ lệ",
            ] {
                h.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(24.0, rows.len(), |mut row| {
                let r = &rows[row.index()];
                row.col(|ui| {
                    ui.label(&r.code);
                });
                row.col(|ui| {
                    ui.label(&r.name);
                });
                row.col(|ui| {
                    ui.label(&r.field);
                });
                match (&r.result, &r.error) {
                    (_, Some(e)) => {
                        row.col(|ui| {
                            ui.colored_label(ui.visuals().error_fg_color, "Lỗi")
                                .on_hover_text(e);
                        });
                        for _ in 0..3 {
                            row.col(|_| {});
                        }
                    }
                    (Some(res), None) => {
                        for text in [
                            money(res.before),
                            money(res.after),
                            money(res.saving),
                            percent(res.percent),
                        ] {
                            row.col(|ui| {
                                ui.label(text);
                            });
                        }
                    }
                    (None, None) => {
                        row.col(|ui| {
                            ui.weak("chưa chọn phương án");
                        });
                        for _ in 0..3 {
                            row.col(|_| {});
                        }
                    }
                }
            });
        });
}
