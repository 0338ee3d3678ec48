//! Step 1: the TTHC record (spec §2) and who reviews it.

use super::{Action, EditorState};
use crate::model::{Channel, CopyKind, DayKind, SubjectKind};
use crate::model::{Edit, TextList};
use crate::templates::Templates;
use crate::ui::widgets;

const W: f32 = 640.0;

fn string_list(
    ui: &mut egui::Ui,
    title: &str,
    items: &mut [String],
    changed: &mut bool,
    actions: &mut Vec<Action>,
    list: TextList,
) {
    ui.label(egui::RichText::new(title).strong());
    let len = items.len();
    for (i, item) in items.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.label(format!("{}.", i + 1));
            let r = widgets::text(ui, item, &format!("{title} {}", i + 1), W - 60.0, changed);
            widgets::focus_if_added(ui, ("list", title), i, len, &r);
            if ui.small_button("×").on_hover_text("Xóa dòng này").clicked() {
                actions.push(Action::Edit(Edit::RemoveListItem { list, index: i }));
            }
        });
    }
    if widgets::add_button(ui, format!("+ Thêm — {title}"), ("list", title), len) {
        actions.push(Action::Edit(Edit::AddListItem(list)));
    }
    ui.add_space(6.0);
}

/// Lĩnh vực: typed freely, or picked from the department's list. A typed spelling that the
/// list knows under another spelling (hoá/hóa, case) says how reports will print it.
fn field_picker(ui: &mut egui::Ui, t: &Templates, field: &mut String, changed: &mut bool) {
    ui.horizontal(|ui| {
        widgets::text(ui, field, "Lĩnh vực", W - 110.0, changed);
        egui::ComboBox::from_id_salt("field_list")
            .selected_text("Chọn…")
            .width(100.0)
            .height(360.0)
            .show_ui(ui, |ui| {
                for f in &t.fields {
                    if ui.selectable_label(field == f, f).clicked() {
                        *field = f.clone();
                        *changed = true;
                    }
                }
            })
            .response
            .accessible_name("Chọn lĩnh vực từ danh sách");
    });
    if field.trim().is_empty() || t.fields.iter().any(|f| f == field) {
        return;
    }
    let printed = t.field_spelling(field);
    if printed != field.trim() {
        ui.end_row();
        ui.label("");
        ui.weak(format!("Báo cáo sẽ in theo danh sách: «{printed}»"));
    }
}

/// Cấp thực hiện: typed, or picked from the levels of two-level government (government.ron).
/// A level that no longer exists ("Cấp huyện" in an older file) is kept as written and said.
fn level_picker(ui: &mut egui::Ui, t: &Templates, level: &mut String, changed: &mut bool) {
    ui.vertical(|ui| {
        ui.horizontal(|ui| {
            widgets::text(ui, level, "Cấp thực hiện", W - 110.0, changed);
            egui::ComboBox::from_id_salt("level_list")
                .selected_text("Chọn…")
                .width(100.0)
                .show_ui(ui, |ui| {
                    for l in &t.government.levels {
                        if ui.selectable_label(level == l, l).clicked() {
                            *level = l.clone();
                            *changed = true;
                        }
                    }
                })
                .response
                .accessible_name("Chọn cấp thực hiện từ danh sách");
        });
        if let Some(r) = t.government.retired_level(level) {
            ui.colored_label(ui.visuals().warn_fg_color, &r.note);
        }
    });
}

pub fn show(ui: &mut egui::Ui, ed: &mut EditorState, t: &Templates, actions: &mut Vec<Action>) {
    let w = &t.wording;
    let mut changed = false;
    let cells = &mut ed.cells;
    let r = &mut ed.review;
    // One row with the heading, so the fields below stay where they always were.
    ui.horizontal(|ui| {
        ui.heading("Thông tin thủ tục hành chính");
        if ui
            .button("Nhập từ Cổng DVC…")
            .on_hover_text("Cập nhật các mục dưới đây theo tệp «Tải xuống chi tiết thủ tục» của Cổng Dịch vụ công quốc gia; hỏi từng mục trước khi thay, không đụng đến câu trả lời, bảng chi phí, phương án")
            .clicked()
        {
            actions.push(Action::RefreshFromPortal);
        }
        if let Some(src) = &r.tthc.source {
            ui.weak(format!("Nguồn: {} (nhập ngày {})", src.file, src.imported));
        }
    });
    ui.add_space(4.0);
    egui::Grid::new("record")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            for (label, value) in [("Mã số", &mut r.tthc.code), ("Tên TTHC", &mut r.tthc.name)]
            {
                ui.label(label);
                widgets::text(ui, value, label, W, &mut changed);
                ui.end_row();
            }
            ui.label("Lĩnh vực");
            field_picker(ui, t, &mut r.tthc.field, &mut changed);
            ui.end_row();
            ui.label("Cấp thực hiện");
            level_picker(ui, t, &mut r.tthc.level, &mut changed);
            ui.end_row();
            ui.label("Cơ quan giải quyết");
            widgets::text(
                ui,
                &mut r.tthc.agency,
                "Cơ quan giải quyết",
                W,
                &mut changed,
            );
            ui.end_row();
            if r.draft {
                ui.label("Bản nháp");
                ui.horizontal(|ui| {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        "Bản sao do «Nhân bản» tạo: chưa được đưa vào báo cáo tổng hợp.",
                    );
                    if ui
                        .button("Đây là bản chính thức")
                        .on_hover_text("Bỏ dấu bản nháp để bản này được đưa vào báo cáo tổng hợp")
                        .clicked()
                    {
                        r.draft = false;
                        changed = true;
                    }
                });
                ui.end_row();
            }
            ui.label("Đối tượng thực hiện");
            ui.horizontal(|ui| {
                for (kind, key) in [
                    (SubjectKind::CaNhan, "subject.ca_nhan"),
                    (SubjectKind::ToChuc, "subject.to_chuc"),
                ] {
                    let mut on = r.tthc.subjects.contains(&kind);
                    if ui.checkbox(&mut on, w.get(key)).changed() {
                        if on {
                            r.tthc.subjects.push(kind)
                        } else {
                            r.tthc.subjects.retain(|k| *k != kind)
                        }
                        r.tthc.subjects.sort();
                        changed = true;
                    }
                }
            });
            ui.end_row();
            ui.label("Cách thức thực hiện");
            ui.horizontal(|ui| {
                for (ch, key) in [
                    (Channel::TrucTiep, "channel.truc_tiep"),
                    (Channel::BuuChinh, "channel.buu_chinh"),
                    (Channel::TrucTuyen, "channel.truc_tuyen"),
                ] {
                    let mut on = r.tthc.channels.contains(&ch);
                    if ui.checkbox(&mut on, w.get(key)).changed() {
                        if on {
                            r.tthc.channels.push(ch)
                        } else {
                            r.tthc.channels.retain(|k| *k != ch)
                        }
                        r.tthc.channels.sort();
                        changed = true;
                    }
                }
            });
            ui.end_row();
            ui.label("Thời hạn giải quyết");
            ui.horizontal(|ui| {
                widgets::figure(
                    ui,
                    cells,
                    widgets::FigureCell {
                        id: egui::Id::unique("time_limit"),
                        shown: &ed.derived.time_limit,
                        name: "Thời hạn giải quyết (ngày)",
                        width: 60.0,
                    },
                    &mut r.tthc.time_limit.days,
                    &mut changed,
                );
                for (k, key) in [
                    (DayKind::NgayLamViec, "day.ngay_lam_viec"),
                    (DayKind::Ngay, "day.ngay"),
                ] {
                    if ui
                        .radio_value(&mut r.tthc.time_limit.kind, k, w.get(key))
                        .changed()
                    {
                        changed = true;
                    }
                }
            });
            ui.end_row();
            // Per channel (from the portal): which one the cost table describes.
            if !r.tthc.channel_terms.is_empty() {
                ui.label("Theo cách thức");
                ui.vertical(|ui| {
                    let mut pick = None;
                    for ct in &r.tthc.channel_terms {
                        let Some(c) = ct.channel else { continue };
                        let label = w.get(match c {
                            Channel::TrucTiep => "channel.truc_tiep",
                            Channel::BuuChinh => "channel.buu_chinh",
                            Channel::TrucTuyen => "channel.truc_tuyen",
                        });
                        let day = crate::report::day_label(t, ct.day_kind);
                        let text = format!(
                            "{label}: {} {day}; phí, lệ phí {} đồng",
                            crate::cost::format::number(ct.days.value),
                            crate::cost::format::money(ct.fee.value)
                        );
                        if ui
                            .radio(r.tthc.costed_channel == Some(c), text)
                            .on_hover_text(if ct.fee_text.is_empty() { "Không có phí, lệ phí" } else { ct.fee_text.as_str() })
                            .clicked()
                            && r.tthc.costed_channel != Some(c)
                        {
                            pick = Some(c);
                        }
                    }
                    ui.weak("Bảng chi phí tính theo cách thức được chọn: thời hạn và phí, lệ phí lấy theo cách thức đó.");
                    if let Some(c) = pick {
                        r.tthc.cost_channel(c);
                        changed = true;
                    }
                });
                ui.end_row();
            }
            ui.label("Phí, lệ phí (đồng)");
            ui.horizontal(|ui| {
                widgets::figure(
                    ui,
                    cells,
                    widgets::FigureCell {
                        id: egui::Id::unique("fee_amount"),
                        shown: &ed.derived.fee,
                        name: "Phí, lệ phí",
                        width: 120.0,
                    },
                    &mut r.tthc.fee.amount,
                    &mut changed,
                );
                ui.label("Văn bản quy định:");
                widgets::text(
                    ui,
                    &mut r.tthc.fee.basis,
                    "Văn bản quy định phí, lệ phí",
                    W - 300.0,
                    &mut changed,
                );
            });
            ui.end_row();
            ui.label("Kết quả");
            widgets::text(ui, &mut r.tthc.result.name, "Kết quả", W, &mut changed);
            ui.end_row();
            ui.label("Thời hạn hiệu lực");
            widgets::text(
                ui,
                &mut r.tthc.result.validity,
                "Thời hạn hiệu lực của kết quả",
                W,
                &mut changed,
            );
            ui.end_row();
        });
    ui.separator();
    string_list(
        ui,
        "Trình tự thực hiện",
        &mut r.tthc.steps,
        &mut changed,
        actions,
        TextList::Steps,
    );

    ui.label(egui::RichText::new("Thành phần, số lượng hồ sơ").strong());
    let docs = r.tthc.documents.len();
    for (i, d) in r.tthc.documents.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.label(format!("{}.", i + 1));
            let name = widgets::text(
                ui,
                &mut d.name,
                &format!("Giấy tờ {}", i + 1),
                W - 330.0,
                &mut changed,
            );
            widgets::focus_if_added(ui, "documents", i, docs, &name);
            egui::ComboBox::from_id_salt(("doc_kind", i))
                .selected_text(w.get(copy_key(d.kind)))
                .show_ui(ui, |ui| {
                    for k in [
                        CopyKind::BanChinh,
                        CopyKind::BanSao,
                        CopyKind::BanSaoChungThuc,
                    ] {
                        if ui
                            .selectable_value(&mut d.kind, k, w.get(copy_key(k)))
                            .changed()
                        {
                            changed = true;
                        }
                    }
                })
                .response
                .accessible_name(format!("Loại bản, giấy tờ {}", i + 1));
            ui.label("Số bản");
            if ui
                .add(egui::DragValue::new(&mut d.copies).range(0..=99))
                .accessible_name(format!("Số bản, giấy tờ {}", i + 1))
                .changed()
            {
                changed = true;
            }
            if ui
                .small_button("×")
                .on_hover_text("Xóa giấy tờ này")
                .clicked()
            {
                actions.push(Action::Edit(Edit::RemoveListItem {
                    list: TextList::Documents,
                    index: i,
                }));
            }
        });
    }
    if widgets::add_button(ui, "+ Thêm giấy tờ", "documents", docs) {
        actions.push(Action::Edit(Edit::AddListItem(TextList::Documents)));
    }
    ui.add_space(6.0);
    string_list(
        ui,
        "Mẫu đơn, tờ khai",
        &mut r.tthc.forms,
        &mut changed,
        actions,
        TextList::Forms,
    );
    string_list(
        ui,
        "Yêu cầu, điều kiện",
        &mut r.tthc.conditions,
        &mut changed,
        actions,
        TextList::Conditions,
    );
    string_list(
        ui,
        "Căn cứ pháp lý",
        &mut r.tthc.legal_basis,
        &mut changed,
        actions,
        TextList::LegalBasis,
    );

    ui.separator();
    ui.heading("Cơ quan, đơn vị thực hiện rà soát");
    egui::Grid::new("reviewer")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            for (label, value) in [
                ("Cơ quan", &mut r.reviewer.agency),
                ("Phòng", &mut r.reviewer.room),
                ("Người rà soát", &mut r.reviewer.name),
                ("Điện thoại", &mut r.reviewer.phone),
                ("Thư điện tử", &mut r.reviewer.email),
            ] {
                ui.label(label);
                widgets::text(ui, value, label, W, &mut changed);
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    ui.label("Ghi chú về tệp");
    widgets::text_multi(ui, &mut r.note, "Ghi chú về tệp", W, &mut changed);
    if ui
        .checkbox(
            &mut r.print_note,
            "In ghi chú này trong báo cáo của bản rà soát (không in thì chỉ là ghi chú nội bộ)",
        )
        .changed()
    {
        changed = true;
    }
    ed.changed |= changed;
    super::measures::show(ui, ed, t, actions);
}

pub fn copy_key(k: CopyKind) -> &'static str {
    match k {
        CopyKind::BanChinh => "copy.ban_chinh",
        CopyKind::BanSao => "copy.ban_sao",
        CopyKind::BanSaoChungThuc => "copy.ban_sao_chung_thuc",
    }
}
