//! Quality comments at the step they concern: each with who, when and whether it is dealt with;
//! a form to record a new one (the provincial office's comments come on paper or by mail, and are
//! typed in here by the room or the office).

use super::{Action, EditorState};
use crate::model::{Comment, Edit};

/// The text of a comment being written, kept while the step is shown.
#[derive(Debug, Clone, Default)]
pub struct CommentDraft {
    pub author: String,
    pub text: String,
}

/// The step's comments, above its content: only when it has some, so a step without comments
/// looks as it always did.
pub fn show_list(ui: &mut egui::Ui, ed: &EditorState, actions: &mut Vec<Action>) {
    let step = ed.step;
    let here: Vec<(usize, &Comment)> = ed
        .review
        .comments
        .iter()
        .enumerate()
        .filter(|(_, c)| c.part == step)
        .collect();
    if here.is_empty() {
        return;
    }
    let open = here.iter().filter(|(_, c)| !c.resolved).count();
    let warn = ui.visuals().warn_fg_color;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let title = format!(
            "Ý kiến đánh giá chất lượng về bước này: {} ý kiến, {open} chưa xử lý",
            here.len()
        );
        if open > 0 {
            ui.colored_label(warn, egui::RichText::new(title).strong());
        } else {
            ui.strong(title);
        }
        for (i, c) in &here {
            ui.horizontal_wrapped(|ui| {
                let mut done = c.resolved;
                if ui
                    .checkbox(&mut done, "Đã xử lý")
                    .on_hover_text("Đánh dấu khi đã sửa bản rà soát theo ý kiến này")
                    .changed()
                {
                    actions.push(Action::Edit(Edit::ResolveComment {
                        index: *i,
                        resolved: done,
                    }));
                }
                ui.strong(&c.author);
                ui.weak(c.date.format("%d/%m/%Y").to_string());
                if c.resolved {
                    ui.weak(&c.text);
                } else {
                    ui.colored_label(warn, &c.text);
                }
                if ui
                    .small_button("Xóa")
                    .on_hover_text("Xóa ý kiến này (Ctrl+Z để lấy lại)")
                    .clicked()
                {
                    actions.push(Action::Edit(Edit::RemoveComment(*i)));
                }
            });
        }
    });
    ui.add_space(6.0);
}

/// Recording a new comment on this step, below its content.
pub fn show_form(ui: &mut egui::Ui, ed: &mut EditorState, actions: &mut Vec<Action>) {
    let step = ed.step;
    ui.add_space(12.0);
    egui::CollapsingHeader::new("Ghi ý kiến đánh giá chất lượng")
        .id_salt(("comment-form", step))
        .show(ui, |ui| {
            ui.weak(
                "Ý kiến của Văn phòng UBND tỉnh (hoặc của Sở) về bước này; ngày ghi là hôm nay.",
            );
            ui.horizontal_wrapped(|ui| {
                ui.label("Người cho ý kiến:");
                ui.add(
                    egui::TextEdit::singleline(&mut ed.comment.author)
                        .desired_width(240.0)
                        .hint_text("Văn phòng UBND tỉnh"),
                )
                .accessible_name("Người cho ý kiến");
            });
            ui.add(
                egui::TextEdit::multiline(&mut ed.comment.text)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .hint_text("Nội dung ý kiến về bước này"),
            )
            .accessible_name("Nội dung ý kiến");
            let ready = !ed.comment.text.trim().is_empty() && !ed.comment.author.trim().is_empty();
            if ui
                .add_enabled(ready, egui::Button::new("Thêm ý kiến"))
                .on_disabled_hover_text("Ghi người cho ý kiến và nội dung")
                .clicked()
                && let Some(c) = ed.take_comment_draft()
            {
                actions.push(Action::Edit(Edit::AddComment(c)));
            }
        });
}
