//! Step 1, second part: what the 2025–2026 targets measure (Nghị quyết 66/NQ-CP) — the kind of
//! procedure, whether it concerns business, its baseline as at 2024, its business conditions
//! (ĐKKD) — and the three measures of the chosen option against the year's targets, live.

use super::{Action, EditorState};
use crate::cost::format::{money, number, percent};
use crate::measures::{AgainstBaseline, Measure, against_baseline, review_year};
use crate::model::{
    Baseline, BaselineSource, BusinessCondition, ConditionCounts, ConditionFate, DayKind,
    ProcedureKind, Review,
};
use crate::templates::Templates;
use crate::ui::widgets;

const W: f32 = 640.0;

/// The measures of the chosen option, computed from the editor's figures (cheap: no costing).
pub fn against(ed: &EditorState, t: &Templates) -> Option<AgainstBaseline> {
    let cost = ed.derived.cost.as_ref().ok()?;
    let i = ed.review.chosen_index()?;
    let r = &cost.options.get(i)?.as_ref().ok()?.result;
    let year = review_year(&ed.review, ed.plan_year);
    against_baseline(&ed.review, r, t.targets.year(year), year)
}

fn measure_label(ui: &mut egui::Ui, what: &str, m: &Measure) {
    let (colour, verdict) = match m.met() {
        Some(true) => (egui::Color32::from_rgb(0, 128, 60), "ĐẠT"),
        Some(false) => (ui.visuals().error_fg_color, "CHƯA ĐẠT"),
        None => (ui.visuals().weak_text_color(), "chưa đủ số liệu"),
    };
    let target = m
        .target
        .map_or("chưa có mục tiêu của năm".to_string(), |t| {
            format!("mục tiêu {} %", number(t))
        });
    ui.colored_label(
        colour,
        format!("{what}: giảm {} ({target}) — {verdict}", percent(m.percent)),
    );
}

/// The three measures in a few lines (step 1 and the comparison).
pub fn summary(ui: &mut egui::Ui, ed: &EditorState, t: &Templates) {
    let r = &ed.review;
    let year = review_year(r, ed.plan_year);
    match against(ed, t) {
        Some(a) => {
            ui.label(format!(
                "So với năm {} (mục tiêu năm {}), phương án được chọn:",
                a.baseline_year, a.year
            ));
            measure_label(ui, "Chi phí tuân thủ", &a.cost);
            if let Some(time) = &a.time {
                measure_label(ui, "Thời hạn giải quyết", time);
            }
        }
        None if r.baseline.is_none() => {
            ui.weak("Chưa có số liệu năm gốc: chưa tính được mức cắt giảm so với năm 2024.");
        }
        None => {
            ui.weak("Chưa chọn phương án tính được: chưa so được với năm gốc.");
        }
    }
    let c = ConditionCounts::of(&r.business_conditions);
    if c.total > 0 {
        let share = crate::cost::percent_cut(
            rust_decimal::Decimal::from(c.cut() as u64),
            rust_decimal::Decimal::from(c.total as u64),
        );
        let m = Measure {
            percent: share,
            target: t.targets.year(year).map(|y| y.conditions),
        };
        measure_label(
            ui,
            &format!(
                "Điều kiện kinh doanh ({}/{} cắt giảm, đơn giản hóa: bãi bỏ {}, sửa đổi {}, giữ {})",
                c.cut(),
                c.total,
                c.abolished,
                c.amended,
                c.kept
            ),
            &m,
        );
    }
}

pub fn show(ui: &mut egui::Ui, ed: &mut EditorState, t: &Templates, actions: &mut Vec<Action>) {
    let mut changed = false;
    ui.separator();
    ui.heading("Mục tiêu 2025–2026 (Nghị quyết 66/NQ-CP)");
    let year = review_year(&ed.review, ed.plan_year);
    if let Some(y) = t.targets.year(year) {
        ui.weak(format!(
            "Mục tiêu năm {year} so với năm {}: thời gian −{} %, chi phí −{} %, điều kiện kinh doanh −{} % (TTHC nội bộ: chi phí −{} %). Nguồn: {}",
            t.targets.baseline_year,
            number(y.time),
            number(y.cost),
            number(y.conditions),
            number(y.internal_cost),
            y.source
        ));
    } else {
        ui.weak(format!(
            "Chưa có mục tiêu của năm {year} trong tệp mục tiêu (targets.ron)."
        ));
    }
    let r = &mut ed.review;
    egui::Grid::new("measures")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label("Loại thủ tục");
            egui::ComboBox::from_id_salt("procedure_kind")
                .selected_text(r.kind.label())
                .width(W - 200.0)
                .show_ui(ui, |ui| {
                    for k in ProcedureKind::ALL {
                        if ui.selectable_label(r.kind == k, k.label()).clicked() && r.kind != k {
                            r.kind = k;
                            changed = true;
                        }
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            ui.label("");
            if ui
                .checkbox(
                    &mut r.business,
                    "TTHC liên quan đến hoạt động sản xuất, kinh doanh (thuộc phạm vi mục tiêu cắt giảm)",
                )
                .changed()
            {
                changed = true;
            }
            ui.end_row();
        });
    baseline_section(ui, r, &mut ed.cells, t, &mut changed, actions);
    conditions_section(ui, r, &mut changed);
    ui.add_space(4.0);
    ed.changed |= changed;
    summary(ui, ed, t);
}

fn baseline_section(
    ui: &mut egui::Ui,
    r: &mut Review,
    cells: &mut widgets::Cells,
    t: &Templates,
    changed: &mut bool,
    actions: &mut Vec<Action>,
) {
    ui.add_space(6.0);
    ui.strong("Số liệu năm gốc (2024)");
    let base_year = t.targets.baseline_year as u16;
    match r.baseline.as_mut() {
        None => {
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button("Lấy từ bảng chi phí hiện tại")
                    .on_hover_text("Bản rà soát này là của năm gốc: chi phí/năm và thời hạn hiện tại là số liệu năm gốc")
                    .clicked()
                {
                    match crate::measures::baseline_from_current(r, base_year) {
                        Ok(b) => {
                            r.baseline = Some(b);
                            *changed = true;
                        }
                        Err(e) => {
                            ui.colored_label(ui.visuals().error_fg_color, e.to_string());
                        }
                    }
                }
                if ui
                    .button("Chép từ bản rà soát trước…")
                    .on_hover_text("Lấy chi phí/năm và thời hạn hiện tại của bản rà soát năm gốc của TTHC này")
                    .clicked()
                {
                    actions.push(Action::BaselineFromFile);
                }
                if ui.button("Nhập tay").clicked() {
                    r.baseline = Some(Baseline {
                        year: base_year,
                        day_kind: r.tthc.time_limit.kind,
                        source: BaselineSource::Typed,
                        ..Baseline::default()
                    });
                    *changed = true;
                }
            });
        }
        Some(b) => {
            let mut remove = false;
            egui::Grid::new("baseline")
                .num_columns(2)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    ui.label("Năm gốc");
                    let mut y = b.year.to_string();
                    if widgets::text(ui, &mut y, "Năm gốc", 60.0, changed).changed()
                        && let Ok(v) = y.trim().parse::<u16>()
                    {
                        b.year = v;
                    }
                    ui.end_row();
                    ui.label("Chi phí tuân thủ (đồng/năm)");
                    let shown = money(b.cost.value);
                    widgets::figure(
                        ui,
                        cells,
                        widgets::FigureCell {
                            id: egui::Id::unique("baseline_cost"),
                            shown: &shown,
                            name: "Chi phí tuân thủ năm gốc (đồng/năm)",
                            width: 160.0,
                        },
                        &mut b.cost,
                        changed,
                    );
                    ui.end_row();
                    ui.label("Thời hạn giải quyết");
                    ui.horizontal(|ui| {
                        let shown = number(b.days.value);
                        widgets::figure(
                            ui,
                            cells,
                            widgets::FigureCell {
                                id: egui::Id::unique("baseline_days"),
                                shown: &shown,
                                name: "Thời hạn giải quyết năm gốc",
                                width: 60.0,
                            },
                            &mut b.days,
                            changed,
                        );
                        for (k, key) in [
                            (DayKind::NgayLamViec, "day.ngay_lam_viec"),
                            (DayKind::Ngay, "day.ngay"),
                        ] {
                            if ui
                                .radio_value(&mut b.day_kind, k, t.wording.get(key))
                                .changed()
                            {
                                *changed = true;
                            }
                        }
                    });
                    ui.end_row();
                    ui.label("Nguồn");
                    ui.horizontal(|ui| {
                        ui.label(b.source.label());
                        widgets::text(ui, &mut b.note, "Ghi chú nguồn năm gốc", W - 300.0, changed);
                    });
                    ui.end_row();
                });
            if ui.small_button("Bỏ số liệu năm gốc").clicked() {
                remove = true;
            }
            if remove {
                r.baseline = None;
                *changed = true;
            }
        }
    }
}

fn conditions_section(ui: &mut egui::Ui, r: &mut Review, changed: &mut bool) {
    ui.add_space(6.0);
    ui.strong("Điều kiện đầu tư kinh doanh (ĐKKD) và phương án được chọn");
    let mut remove = None;
    for (i, c) in r.business_conditions.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.label(format!("{}.", i + 1));
            widgets::text(
                ui,
                &mut c.text,
                &format!("Điều kiện {}", i + 1),
                300.0,
                changed,
            );
            widgets::text(
                ui,
                &mut c.basis,
                &format!("Căn cứ điều kiện {}", i + 1),
                170.0,
                changed,
            );
            egui::ComboBox::from_id_salt(("fate", i))
                .selected_text(c.fate.label())
                .width(80.0)
                .show_ui(ui, |ui| {
                    for f in ConditionFate::ALL {
                        if ui.selectable_label(c.fate == f, f.label()).clicked() && c.fate != f {
                            c.fate = f;
                            *changed = true;
                        }
                    }
                })
                .response
                .accessible_name(format!("Phương án với điều kiện {}", i + 1));
            if ui
                .small_button("×")
                .on_hover_text("Xóa điều kiện này")
                .clicked()
            {
                remove = Some(i);
            }
        });
        if c.fate != ConditionFate::Giu {
            ui.horizontal(|ui| {
                ui.add_space(24.0);
                ui.label("Lý do:");
                widgets::text(
                    ui,
                    &mut c.reason,
                    &format!("Lý do với điều kiện {}", i + 1),
                    W - 100.0,
                    changed,
                );
            });
        }
    }
    if let Some(i) = remove {
        r.business_conditions.remove(i);
        *changed = true;
    }
    ui.horizontal_wrapped(|ui| {
        if ui.button("+ Thêm điều kiện kinh doanh").clicked() {
            r.business_conditions.push(BusinessCondition::default());
            *changed = true;
        }
        // The record's "Yêu cầu, điều kiện" as candidate conditions the reviewer then checks.
        let candidates: Vec<String> = r
            .tthc
            .conditions
            .iter()
            .filter(|c| !c.trim().is_empty())
            .filter(|c| {
                !r.business_conditions
                    .iter()
                    .any(|b| crate::model::text_key(&b.text) == crate::model::text_key(c))
            })
            .cloned()
            .collect();
        if !candidates.is_empty()
            && ui
                .button(format!(
                    "Lấy {} điều kiện từ «Yêu cầu, điều kiện»",
                    candidates.len()
                ))
                .clicked()
        {
            for text in candidates {
                r.business_conditions.push(BusinessCondition {
                    text,
                    ..BusinessCondition::default()
                });
            }
            *changed = true;
        }
    });
}
