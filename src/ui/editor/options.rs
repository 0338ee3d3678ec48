//! Step 6: simplification options — kind, content lines, Kiến nghị thực thi, the "after" table.

use super::cost_table::{FooterInputs, activity_table, footer, table_buttons};
use super::{Action, EditorState, Table};
use crate::model::{Authority, Component, ContentLine, OptionKind};
use crate::model::{Edit, Target};
use crate::templates::Templates;
use crate::ui::widgets;

pub fn authority_key(a: Authority) -> &'static str {
    match a {
        Authority::Tinh => "authority.tinh",
        Authority::BoNganh => "authority.bo_nganh",
        Authority::ChinhPhu => "authority.chinh_phu",
        Authority::QuocHoi => "authority.quoc_hoi",
    }
}

/// Option tabs, shared with the comparison step.
pub fn option_tabs(ui: &mut egui::Ui, ed: &EditorState, t: &Templates, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        for (i, o) in ed.review.options.iter().enumerate() {
            let mark = if ed.review.chosen_index() == Some(i) {
                " (chọn)"
            } else {
                ""
            };
            let text = format!("Phương án {} — {}{mark}", i + 1, t.kind_label(o.kind));
            if ui.selectable_label(ed.option == i, text).clicked() {
                actions.push(Action::SelectOption(i));
            }
        }
    });
}

pub fn show(ui: &mut egui::Ui, ed: &mut EditorState, t: &Templates, actions: &mut Vec<Action>) {
    ui.heading("Phương án đơn giản hóa");
    option_tabs(ui, ed, t, actions);
    ui.horizontal(|ui| {
        if ui.button("+ Thêm phương án").clicked() {
            actions.push(Action::Edit(Edit::AddOption(OptionKind::SuaDoi)));
        }
        if !ed.review.options.is_empty() {
            let i = ed.option;
            if ui.button("Nhân bản phương án").clicked() {
                actions.push(Action::Edit(Edit::DuplicateOption(i)));
            }
            if ui.button("Xóa phương án").clicked() {
                actions.push(Action::Edit(Edit::RemoveOption(i)));
            }
        }
    });
    let Some(opt_index) = (!ed.review.options.is_empty()).then_some(ed.option) else {
        ui.label("Chưa có phương án. Bấm «Thêm phương án», hoặc đưa các phát hiện ở bước 2–4 vào phương án.");
        return;
    };
    ui.separator();
    let mut changed = false;
    let w = &t.wording;
    let chosen = ed.review.chosen_index() == Some(opt_index);
    let d = &ed.derived;
    let cells = &mut ed.cells;
    let focus = &mut ed.focus_cell;
    let current_fee = ed.review.tthc.fee.amount.clone();
    let current_freq = ed.review.frequency.clone();
    let current_subj = ed.review.subjects.clone();
    let current_days = ed.review.tthc.time_limit.days.clone();
    let day_kind = ed.review.tthc.time_limit.kind;
    let o = &mut ed.review.options[opt_index];
    let label = format!("Phương án {}", opt_index + 1);

    egui::Grid::new("option_head")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label("Tên phương án");
            widgets::text(ui, &mut o.name, "Tên phương án", 520.0, &mut changed);
            ui.end_row();
            ui.label("Loại phương án");
            egui::ComboBox::from_id_salt("kind")
                .selected_text(t.kind_label(o.kind))
                .width(340.0)
                .show_ui(ui, |ui| {
                    for k in &t.option_kinds {
                        if ui
                            .selectable_label(o.kind == k.kind, &k.label)
                            .on_hover_text(&k.description)
                            .clicked()
                            && o.kind != k.kind
                        {
                            let kind = k.kind;
                            actions.push(Action::Edit(Edit::SetOptionKind {
                                option: opt_index,
                                kind,
                            }));
                        }
                    }
                })
                .response
                .accessible_name("Loại phương án");
            ui.end_row();
            ui.label("Dùng cho báo cáo");
            if ui.radio(chosen, "Chọn phương án này").clicked() && !chosen {
                actions.push(Action::Edit(Edit::ChooseOption(opt_index)));
            }
            ui.end_row();
        });

    // Phân cấp, phân quyền: who decides now, who is proposed, the text to change and who can.
    if o.kind == OptionKind::PhanCap || o.decentralisation.is_some() {
        ui.add_space(6.0);
        ui.strong("Phân cấp, phân quyền, phân định thẩm quyền");
        // Edited on a copy: nothing is added to the review until something is typed.
        let mut d = o.decentralisation.clone().unwrap_or_default();
        let mut typed = false;
        egui::Grid::new("decentralisation")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                for (label, value) in [
                    ("Cơ quan đang giải quyết", &mut d.from_body),
                    ("Cơ quan, cấp đề xuất giải quyết", &mut d.to_body),
                    ("Văn bản cần sửa đổi", &mut d.text),
                    ("Cơ quan có thẩm quyền sửa đổi", &mut d.decided_by),
                ] {
                    ui.label(label);
                    widgets::text(ui, value, label, 520.0, &mut typed);
                    ui.end_row();
                }
            });
        if typed {
            o.decentralisation = (!d.is_empty()).then_some(d);
            changed = true;
        }
    }
    // Thay thế thành phần hồ sơ bằng dữ liệu: which document, which database.
    if o.kind == OptionKind::ThayTheDuLieu || !o.data_replacements.is_empty() {
        ui.add_space(6.0);
        ui.strong("Thành phần hồ sơ thay bằng dữ liệu");
        let mut remove = None;
        for (j, dr) in o.data_replacements.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                ui.label(format!("{}.", j + 1));
                widgets::text(
                    ui,
                    &mut dr.document,
                    &format!("Giấy tờ được thay {}", j + 1),
                    280.0,
                    &mut changed,
                );
                ui.label("bằng dữ liệu của");
                widgets::text(
                    ui,
                    &mut dr.database,
                    &format!("Cơ sở dữ liệu {}", j + 1),
                    240.0,
                    &mut changed,
                );
                if ui.small_button("×").on_hover_text("Xóa dòng").clicked() {
                    remove = Some(j);
                }
            });
        }
        if let Some(j) = remove {
            o.data_replacements.remove(j);
            changed = true;
        }
        if ui.button("+ Thêm giấy tờ thay bằng dữ liệu").clicked() {
            o.data_replacements.push(Default::default());
            changed = true;
        }
    }

    ui.add_space(6.0);
    ui.strong("a) Nội dung đơn giản hóa");
    let lines = o.content.len();
    for (j, line) in o.content.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(format!("{}.", j + 1));
                egui::ComboBox::from_id_salt(("component", j))
                    .selected_text(
                        line.component
                            .map_or("— bộ phận —", |c| t.form.component_label(c)),
                    )
                    .width(220.0)
                    .show_ui(ui, |ui| {
                        for c in Component::ALL {
                            if ui
                                .selectable_value(
                                    &mut line.component,
                                    Some(c),
                                    t.form.component_label(c),
                                )
                                .changed()
                            {
                                changed = true;
                            }
                        }
                    })
                    .response
                    .accessible_name(format!("Bộ phận, dòng {}", j + 1));
                if line.from_answer.is_some() {
                    ui.weak("(từ phát hiện khi rà soát)");
                }
                if ui.small_button("×").on_hover_text("Xóa dòng").clicked() {
                    actions.push(Action::Edit(Edit::RemoveContentLine {
                        option: opt_index,
                        index: j,
                    }));
                }
            });
            let r = widgets::text_multi(
                ui,
                &mut line.change,
                &format!("{label}: nội dung {}", j + 1),
                760.0,
                &mut changed,
            );
            widgets::focus_if_added(ui, ("content", opt_index), j, lines, &r);
            ui.horizontal(|ui| {
                ui.label("Lý do:");
                widgets::text(
                    ui,
                    &mut line.reason,
                    &format!("{label}: lý do {}", j + 1),
                    700.0,
                    &mut changed,
                );
            });
        });
    }
    if widgets::add_button(ui, "+ Thêm nội dung", ("content", opt_index), lines) {
        actions.push(Action::Edit(Edit::AddContentLine {
            target: Target::Option(opt_index),
            line: ContentLine::default(),
        }));
    }

    ui.add_space(6.0);
    ui.strong("b) Kiến nghị thực thi");
    let rows = o.implementation.len();
    for (j, line) in o.implementation.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(format!("{}.", j + 1));
                ui.label("Việc:");
                let r = widgets::text(
                    ui,
                    &mut line.action,
                    &format!("{label}: việc {}", j + 1),
                    200.0,
                    &mut changed,
                );
                widgets::focus_if_added(ui, ("implementation", opt_index), j, rows, &r);
                ui.label("điểm, khoản, Điều:");
                widgets::text(
                    ui,
                    &mut line.article,
                    &format!("{label}: điều khoản {}", j + 1),
                    150.0,
                    &mut changed,
                );
                if ui.small_button("×").on_hover_text("Xóa dòng").clicked() {
                    actions.push(Action::Edit(Edit::RemoveImplementationLine {
                        option: opt_index,
                        index: j,
                    }));
                }
            });
            ui.horizontal(|ui| {
                ui.label("Văn bản:");
                widgets::text(
                    ui,
                    &mut line.document,
                    &format!("{label}: văn bản {}", j + 1),
                    300.0,
                    &mut changed,
                );
                ui.label("Thẩm quyền:");
                egui::ComboBox::from_id_salt(("authority", j))
                    .selected_text(w.get(authority_key(line.authority)))
                    .show_ui(ui, |ui| {
                        for a in [
                            Authority::Tinh,
                            Authority::BoNganh,
                            Authority::ChinhPhu,
                            Authority::QuocHoi,
                        ] {
                            if ui
                                .selectable_value(&mut line.authority, a, w.get(authority_key(a)))
                                .changed()
                            {
                                changed = true;
                            }
                        }
                    })
                    .response
                    .accessible_name(format!("Thẩm quyền, kiến nghị {}", j + 1));
                ui.label("Thời hạn:");
                widgets::text(
                    ui,
                    &mut line.deadline,
                    &format!("{label}: thời hạn {}", j + 1),
                    110.0,
                    &mut changed,
                );
            });
        });
    }
    if widgets::add_button(ui, "+ Thêm kiến nghị", ("implementation", opt_index), rows) {
        actions.push(Action::Edit(Edit::AddImplementationLine(opt_index)));
    }

    ui.add_space(8.0);
    ui.strong("c) Chi phí tuân thủ sau đơn giản hóa");
    let view = &d.options[opt_index];
    if o.kind == OptionKind::BaiBo
        && ui
            .checkbox(
                &mut o.replacement_costed,
                "Có biện pháp thay thế cần tính chi phí",
            )
            .changed()
    {
        changed = true;
    }
    if o.kind == OptionKind::BaiBo && !o.replacement_costed {
        ui.label("Bãi bỏ: chi phí tuân thủ sau đơn giản hóa bằng 0.");
    } else {
        activity_table(
            ui,
            Table::Option(opt_index),
            &label,
            &mut o.activities,
            view,
            &d.hourly,
            cells,
            focus,
            &mut changed,
            actions,
        );
        ui.horizontal(|ui| {
            table_buttons(ui, t, Table::Option(opt_index), actions);
            if ui.button("Sao chép lại bảng hiện tại").clicked() {
                actions.push(Action::Edit(Edit::CopyCurrentTable(opt_index)));
            }
        });
        ui.horizontal(|ui| {
            for (flag_label, field, current) in [
                ("Phí, lệ phí thay đổi", &mut o.fee, &current_fee),
                ("Số lần/năm thay đổi", &mut o.frequency, &current_freq),
                ("Số đối tượng/năm thay đổi", &mut o.subjects, &current_subj),
            ] {
                let mut on = field.is_some();
                if ui.checkbox(&mut on, flag_label).changed() {
                    *field = on.then(|| current.clone());
                    changed = true;
                }
            }
        });
        footer(
            ui,
            Table::Option(opt_index),
            view,
            FooterInputs {
                fee: o.fee.as_mut(),
                frequency: o.frequency.as_mut(),
                subjects: o.subjects.as_mut(),
            },
            cells,
            &mut changed,
        );
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label("Thời hạn giải quyết sau đơn giản hóa:");
        let mut on = o.time_limit_days.is_some();
        if ui.checkbox(&mut on, "thay đổi").changed() {
            o.time_limit_days = on.then(|| current_days.clone());
            changed = true;
        }
        if let Some(days) = o.time_limit_days.as_mut() {
            let shown = &d.option_days[opt_index];
            widgets::figure(
                ui,
                cells,
                widgets::FigureCell {
                    id: egui::Id::unique(("days_after", opt_index)),
                    shown,
                    name: &format!("{label}: thời hạn sau"),
                    width: 60.0,
                },
                days,
                &mut changed,
            );
            ui.label(crate::report::day_label(t, day_kind));
        }
    });
    if let Some(s) = d.summaries.get(opt_index) {
        ui.add_space(6.0);
        match s {
            Ok(s) => {
                ui.horizontal_wrapped(|ui| {
                    ui.label("Trước:");
                    ui.strong(&s[0]);
                    ui.label("Sau:");
                    ui.strong(&s[1]);
                    ui.label("Tiết kiệm:");
                    ui.strong(&s[2]);
                    ui.label("Tỷ lệ cắt giảm:");
                    ui.strong(&s[3]);
                    ui.label("Thời hạn:");
                    ui.strong(&s[4]);
                });
            }
            Err(e) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
        }
    }
    ed.changed |= changed;
}
