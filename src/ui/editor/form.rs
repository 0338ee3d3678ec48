//! Steps 2–4: the review form, from the template, with findings that become option lines.

use super::{Action, EditorState};
use crate::model::{Component, ContentLine, ObjectiveGroup, OptionKind, Review, item_key};
use crate::model::{Edit, Target};
use crate::templates::{Criterion, ItemList, Question, Shape, Templates};
use crate::ui::widgets;

const W: f32 = 620.0;

fn yes_no(ui: &mut egui::Ui, value: &mut Option<bool>, name: &str, changed: &mut bool) {
    for (v, label) in [(true, "Có"), (false, "Không")] {
        let r = ui
            .radio(*value == Some(v), label)
            .accessible_name(format!("{name}: {label}"));
        if r.clicked() {
            *value = Some(v);
            *changed = true;
        }
    }
}

/// "Có/Không" and its "Lý do" on one line.
fn yes_no_reason(
    ui: &mut egui::Ui,
    question: &str,
    v: &mut crate::model::YesNoReason,
    name: &str,
    changed: &mut bool,
) {
    ui.horizontal(|ui| {
        ui.label(question);
        yes_no(ui, &mut v.answer, name, changed);
        ui.label("Lý do:");
        let w = ui.available_width().min(W);
        widgets::text(ui, &mut v.reason, &format!("Lý do: {name}"), w, changed);
    });
}

/// The option a finding's content line was put in, if any.
fn placed_in(r: &Review, key: &str) -> Option<usize> {
    r.options.iter().position(|o| {
        o.content
            .iter()
            .any(|l| l.from_answer.as_deref() == Some(key))
    })
}

/// "+ Đưa vào phương án…": asks which option the line goes to (or a new one, whose "after" table
/// starts as a copy of the current table), and says where it went.
fn finding_button(
    ui: &mut egui::Ui,
    placed: Option<usize>,
    options: &[String],
    line: ContentLine,
    actions: &mut Vec<Action>,
) {
    if let Some(i) = placed {
        ui.weak(format!(
            "● Đã đưa vào {}",
            options.get(i).map_or("", String::as_str)
        ));
        return;
    }
    ui.menu_button("+ Đưa vào phương án…", |ui| {
        ui.label("Thêm một dòng «Nội dung đơn giản hóa», kèm lý do của câu trả lời, vào:");
        for (i, label) in options.iter().enumerate() {
            if ui.button(label).clicked() {
                actions.push(Action::Edit(Edit::AddContentLine {
                    target: Target::Option(i),
                    line: line.clone(),
                }));
                ui.close();
            }
        }
        if ui
            .button("Phương án mới (sửa đổi, bổ sung)")
            .on_hover_text("Bảng chi phí sau của phương án mới là bản sao bảng chi phí hiện tại")
            .clicked()
        {
            actions.push(Action::Edit(Edit::AddContentLine {
                target: Target::NewOption(OptionKind::SuaDoi),
                line: line.clone(),
            }));
            ui.close();
        }
    });
}

pub fn show_necessity(
    ui: &mut egui::Ui,
    ed: &mut EditorState,
    t: &Templates,
    actions: &mut Vec<Action>,
) {
    let section = t.form.section(Criterion::CanThiet).expect("validated");
    ui.heading(format!("{}. {}", section.number, section.title));
    ui.label("Mục tiêu cụ thể của TTHC là gì? Với từng mục tiêu: có thay đổi hay không, có được đáp ứng hay không, và lý do.");
    let mut changed = false;
    for group in [ObjectiveGroup::QuanLyNhaNuoc, ObjectiveGroup::QuyenLoiIch] {
        let (letter, key) = match group {
            ObjectiveGroup::QuanLyNhaNuoc => ("a", "objective.quan_ly_nha_nuoc"),
            ObjectiveGroup::QuyenLoiIch => ("b", "objective.quyen_loi_ich"),
        };
        ui.add_space(6.0);
        ui.strong(format!("{letter}) {}", t.wording.get(key)));
        let objectives = ed.review.objectives.len();
        let placed: Vec<Option<usize>> = (0..ed.review.objectives.len())
            .map(|i| placed_in(&ed.review, &crate::model::objective_key(i)))
            .collect();
        for (i, o) in ed
            .review
            .objectives
            .iter_mut()
            .enumerate()
            .filter(|(_, o)| o.group == group)
        {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(format!("Mục tiêu {}:", i + 1));
                    let r = widgets::text(
                        ui,
                        &mut o.text,
                        &format!("Mục tiêu {}", i + 1),
                        W - 80.0,
                        &mut changed,
                    );
                    widgets::focus_if_added(ui, "objectives", i, objectives, &r);
                    if ui.small_button("×").on_hover_text("Xóa mục tiêu").clicked() {
                        actions.push(Action::Edit(Edit::RemoveObjective(i)));
                    }
                });
                yes_no_reason(
                    ui,
                    "Có thay đổi hay không?",
                    &mut o.changed,
                    &format!("Mục tiêu {} thay đổi", i + 1),
                    &mut changed,
                );
                yes_no_reason(
                    ui,
                    "Có được đáp ứng hay không?",
                    &mut o.met,
                    &format!("Mục tiêu {} đáp ứng", i + 1),
                    &mut changed,
                );
                if o.is_finding() {
                    let key = crate::model::objective_key(i);
                    let reason = [o.changed.reason.as_str(), o.met.reason.as_str()]
                        .iter()
                        .filter(|s| !s.trim().is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join("; ");
                    let line = ContentLine {
                        component: Some(Component::SuCanThiet),
                        change: t.wording.fill("objective.finding", &[("text", &o.text)]),
                        reason,
                        from_answer: Some(key),
                    };
                    finding_button(ui, placed[i], &ed.derived.option_labels, line, actions);
                }
            });
        }
        if widgets::add_button(
            ui,
            format!("+ Thêm mục tiêu ({letter})"),
            "objectives",
            objectives,
        ) {
            actions.push(Action::Edit(Edit::AddObjective(group)));
        }
    }
    ui.separator();
    for block in &section.blocks {
        show_block(
            ui,
            ed,
            t,
            &block.questions,
            block.component,
            &mut changed,
            actions,
        );
    }
    if t.form.gate_closed(&ed.review.answers) {
        ui.add_space(8.0);
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "TTHC được đánh giá là không cần thiết: không phải trả lời phần III, IV. Đề xuất phương án bãi bỏ (hoặc thay thế bằng biện pháp đã nêu).",
        );
        let has_bai_bo = ed
            .review
            .options
            .iter()
            .any(|o| o.kind == OptionKind::BaiBo);
        if !has_bai_bo && ui.button("+ Tạo phương án bãi bỏ").clicked() {
            actions.push(Action::Edit(Edit::AddOption(OptionKind::BaiBo)));
        }
    }
    ed.changed |= changed;
}

pub fn show_section(
    ui: &mut egui::Ui,
    ed: &mut EditorState,
    t: &Templates,
    c: Criterion,
    actions: &mut Vec<Action>,
) {
    let section = t.form.section(c).expect("validated");
    ui.heading(format!("{}. {}", section.number, section.title));
    if t.form.section_skipped(section, &ed.review.answers) {
        ui.label(
            "TTHC đã được đánh giá là không cần thiết (phần II), nên không phải trả lời phần này.",
        );
        return;
    }
    let mut changed = false;
    for block in &section.blocks {
        let unanswered = ed.derived.progress.steps[step_index(c)]
            .by_block
            .iter()
            .find(|(id, _)| *id == block.id)
            .map_or(0, |(_, n)| *n);
        let title = if unanswered == 0 {
            format!("● {}", block.title)
        } else {
            format!("○ {} — còn {unanswered} câu", block.title)
        };
        egui::CollapsingHeader::new(title)
            .id_salt(&block.id)
            .default_open(true)
            .show(ui, |ui| {
                show_block(
                    ui,
                    ed,
                    t,
                    &block.questions,
                    block.component,
                    &mut changed,
                    actions,
                )
            });
    }
    ed.changed |= changed;
}

fn item_names(r: &Review, list: ItemList) -> Vec<String> {
    match list {
        ItemList::Steps => r.tthc.steps.clone(),
        ItemList::Documents => r.tthc.documents.iter().map(|d| d.name.clone()).collect(),
        ItemList::Conditions => r.tthc.conditions.clone(),
    }
}

fn step_index(c: Criterion) -> usize {
    use crate::progress::Step;
    match c {
        Criterion::CanThiet => Step::Necessity,
        Criterion::HopLy => Step::Reasonableness,
        Criterion::HopPhap => Step::Legality,
    }
    .index()
}

fn show_block(
    ui: &mut egui::Ui,
    ed: &mut EditorState,
    t: &Templates,
    questions: &[Question],
    component: Component,
    changed: &mut bool,
    actions: &mut Vec<Action>,
) {
    for q in questions {
        match q.per_item {
            None => show_question(ui, ed, t, q, None, "", component, changed, actions),
            Some(list) => {
                let names = item_names(&ed.review, list);
                if names.is_empty() {
                    ui.weak(format!("{} (chưa có mục nào ở bước 1)", q.text));
                }
                for (i, name) in names.iter().enumerate() {
                    show_question(ui, ed, t, q, Some(i), name, component, changed, actions);
                }
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn show_question(
    ui: &mut egui::Ui,
    ed: &mut EditorState,
    t: &Templates,
    q: &Question,
    item: Option<usize>,
    item_name: &str,
    component: Component,
    changed: &mut bool,
    actions: &mut Vec<Action>,
) {
    if !t.form.is_visible(q, &ed.review.answers, item) {
        return;
    }
    let key = match item {
        Some(i) => item_key(&q.id, i),
        None => q.id.clone(),
    };
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.set_max_width(W + 150.0);
        if let Some(i) = item {
            ui.strong(format!("[{}. {}]", i + 1, item_name));
        }
        ui.label(&q.text);
        ui.weak("(nguồn)")
            .on_hover_text(format!("Nguồn câu chữ: {}", q.source));
    });
    let mut local = ed.review.answers.get(&key).cloned().unwrap_or_default();
    let before = local.clone();
    ui.horizontal_wrapped(|ui| match &q.shape {
        Shape::Choice(_) => {
            for c in t.form.choices(q) {
                let r = ui
                    .radio(local.choice.as_deref() == Some(c.id.as_str()), &c.label)
                    .accessible_name(format!("{key}: {}", c.label));
                if r.clicked() {
                    local.choice = Some(c.id.clone());
                }
            }
        }
        Shape::Multi(_) => {
            for c in t.form.choices(q) {
                let mut on = local.selected.contains(&c.id);
                if ui.checkbox(&mut on, &c.label).changed() {
                    if on {
                        local.selected.push(c.id.clone());
                    } else {
                        local.selected.retain(|s| s != &c.id);
                    }
                }
            }
        }
        Shape::Text => {
            let mut dummy = false;
            widgets::text(
                ui,
                &mut local.text,
                &format!("{key}: trả lời"),
                W,
                &mut dummy,
            );
        }
    });
    if let Some(label) = &q.reason {
        ui.horizontal(|ui| {
            ui.label(format!("{label}:"));
            let mut dummy = false;
            widgets::text(
                ui,
                &mut local.reason,
                &format!("{key}: {label}"),
                W - 120.0,
                &mut dummy,
            );
        });
    }
    let is_finding_choice = local.choice.as_ref().is_some_and(|c| q.finding.contains(c));
    let finding =
        is_finding_choice || local.simplify || local.selected.iter().any(|s| q.finding.contains(s));
    // One row, always there for a question that can raise a finding: answering never inserts a
    // row that would move the controls below under the pointer.
    if !q.finding.is_empty() {
        ui.horizontal(|ui| {
            // As tall as the tallest thing it may hold (a button), empty or not.
            let button = ui.text_style_height(&egui::TextStyle::Button)
                + 2.0 * ui.spacing().button_padding.y;
            ui.set_min_height(button.max(ui.spacing().interact_size.y).ceil());
            if matches!(q.shape, Shape::Choice(_)) && local.choice.is_some() && !is_finding_choice {
                ui.checkbox(&mut local.simplify, "Vẫn cần đơn giản hóa");
            }
            if finding {
                let answer_label = local
                    .choice
                    .as_ref()
                    .map(|c| t.form.choice_label(q, c))
                    .unwrap_or_default();
                let line = ContentLine {
                    component: Some(component),
                    change: t.form.finding_line(
                        q,
                        item.map(|_| item_name),
                        &answer_label,
                        is_finding_choice || local.selected.iter().any(|s| q.finding.contains(s)),
                    ),
                    reason: local.reason.clone(),
                    from_answer: Some(key.clone()),
                };
                let placed = placed_in(&ed.review, &key);
                finding_button(ui, placed, &ed.derived.option_labels, line, actions);
                // A finding on a listed requirement: it can become a business condition (ĐKKD)
                // of the 2025–2026 measures, to be abolished or amended.
                if component == crate::model::Component::YeuCauDieuKien && item.is_some() {
                    let known = ed.review.business_conditions.iter().any(|c| {
                        crate::model::text_key(&c.text) == crate::model::text_key(item_name)
                    });
                    if known {
                        ui.weak("● Đã có trong danh sách điều kiện kinh doanh");
                    } else if ui
                        .button("+ Điều kiện kinh doanh cần cắt giảm")
                        .on_hover_text("Thêm điều kiện này vào danh sách ĐKKD (bước 1), đánh dấu «sửa đổi», kèm lý do")
                        .clicked()
                    {
                        ed.review
                            .business_conditions
                            .push(crate::model::BusinessCondition {
                                text: item_name.to_string(),
                                basis: String::new(),
                                fate: crate::model::ConditionFate::SuaDoi,
                                reason: local.reason.clone(),
                            });
                        *changed = true;
                    }
                }
            }
        });
    }
    if local != before {
        if local.is_empty() && !local.simplify {
            ed.review.answers.remove(&key);
        } else {
            ed.review.answers.insert(key.clone(), local.clone());
        }
        *changed = true;
    }
}
