//! Small input widgets: text that is kept NFC, and numeric cells that say why they are invalid.

use crate::model::{Figure, parse_decimal_vi};
use egui::{Id, Response, TextEdit, Ui};
use rust_decimal::Decimal;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// Text of numeric cells being typed in (or left invalid), by widget id.
#[derive(Default)]
pub struct Cells {
    bufs: HashMap<Id, String>,
}

impl Cells {
    pub fn clear(&mut self) {
        self.bufs.clear();
    }

    pub fn invalid_count(&self) -> usize {
        self.bufs.values().filter(|t| check(t).is_err()).count()
    }
}

fn check(text: &str) -> Result<Decimal, &'static str> {
    match parse_decimal_vi(text) {
        None => Err("Không phải là số. Ví dụ: 8 hoặc 0,5 hoặc 1.234.000"),
        Some(v) if v.is_sign_negative() && !v.is_zero() => Err("Không được âm"),
        Some(v) => Ok(v),
    }
}

fn nfc_in_place(s: &mut String) {
    if !unicode_normalization::is_nfc(s) {
        *s = s.nfc().collect();
    }
}

/// Adds a text field; what is typed is kept NFC. Sets `*changed` when edited.
fn edit(ui: &mut Ui, edit: TextEdit, name: &str, changed: &mut bool) -> (Response, bool) {
    let r = ui.add(edit).accessible_name(name);
    let edited = r.changed();
    *changed |= edited;
    (r, edited)
}

/// A single-line text field; what is typed is kept NFC. Sets `*changed` when edited.
pub fn text(
    ui: &mut Ui,
    value: &mut String,
    name: &str,
    width: f32,
    changed: &mut bool,
) -> Response {
    let (r, edited) = edit(
        ui,
        TextEdit::singleline(value).desired_width(width),
        name,
        changed,
    );
    if edited {
        nfc_in_place(value);
    }
    r
}

/// A multi-line text field, kept NFC.
pub fn text_multi(
    ui: &mut Ui,
    value: &mut String,
    name: &str,
    width: f32,
    changed: &mut bool,
) -> Response {
    let (r, edited) = edit(
        ui,
        TextEdit::multiline(value)
            .desired_rows(2)
            .desired_width(width),
        name,
        changed,
    );
    if edited {
        nfc_in_place(value);
    }
    r
}

/// A numeric cell bound to a figure. `shown` is the figure's text as cached by the editor; the
/// cell keeps its own text while it is being typed in or while it is invalid (marked red, with
/// the reason on hover). Only a valid, non-negative number reaches the model.
pub fn figure(
    ui: &mut Ui,
    cells: &mut Cells,
    id: Id,
    fig: &mut Figure,
    shown: &str,
    name: &str,
    width: f32,
    changed: &mut bool,
) -> Response {
    let mut buf = match cells.bufs.get(&id) {
        Some(b) => b.clone(),
        None => shown.to_string(),
    };
    let r = ui
        .add(
            TextEdit::singleline(&mut buf)
                .id(id)
                .desired_width(width)
                .align(egui::Align2::RIGHT_CENTER),
        )
        .accessible_name(name);
    if r.changed() {
        if let Ok(v) = check(&buf)
            && v != fig.value
        {
            fig.value = v;
            *changed = true;
        }
        cells.bufs.insert(id, buf.clone());
    }
    let invalid = cells.bufs.get(&id).and_then(|b| check(b).err());
    if !r.has_focus() && invalid.is_none() {
        cells.bufs.remove(&id);
    }
    match invalid {
        Some(why) => {
            ui.painter().rect_stroke(
                r.rect.expand(1.0),
                2.0,
                (2.0, ui.visuals().error_fg_color),
                egui::StrokeKind::Outside,
            );
            r.on_hover_text(why)
        }
        None if !fig.note.is_empty() => r.on_hover_text(format!("Nguồn: {}", fig.note)),
        None => r,
    }
}
