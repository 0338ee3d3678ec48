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
    /// «Đến ô này» for a field outside the tables: the field whose invalid text this is takes
    /// the keyboard when it is next drawn (and has kept it a whole frame).
    pub focus_invalid: Option<String>,
}

impl Cells {
    pub fn clear(&mut self) {
        self.bufs.clear();
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

/// Adds a text field (one line, or a few for `multiline`), with the given id if any; what is
/// typed is kept NFC. Sets `*changed` when edited.
fn field(
    ui: &mut Ui,
    value: &mut String,
    name: &str,
    width: f32,
    changed: &mut bool,
    id: Option<Id>,
    multiline: bool,
) -> Response {
    let mut edit = if multiline {
        TextEdit::multiline(value).desired_rows(2)
    } else {
        TextEdit::singleline(value)
    }
    .desired_width(width);
    if let Some(id) = id {
        edit = edit.id(id);
    }
    let out = edit.show(ui);
    let mut r = out.response.response.accessible_name(name);
    if !multiline {
        select_all_when_tabbed_into(ui, &r, value);
    }
    if r.changed() {
        *changed = true;
        nfc_in_place(value);
    }
    // A text longer than its field (an activity name in a narrow column, a long source) can
    // always be read whole: on hover, while the field is not being typed in.
    let cut = out.galley.size().x > out.text_clip_rect.width() + 0.5
        || out.galley.size().y > out.text_clip_rect.height() + 0.5;
    if cut && !r.has_focus() && !value.is_empty() {
        r = r.on_hover_text(value.as_str());
    }
    r
}

/// A click or drag is going on this frame: egui gives the focus to what it lands on.
pub fn pointer_busy(ui: &Ui) -> bool {
    ui.input(|i| i.pointer.any_pressed() || i.pointer.any_down() || i.pointer.any_released())
}

/// Asks for the keyboard for widget `id` («Đến ô này», a new row) until it has held it from
/// one frame to the next; true then, and the caller drops its request. Nothing is asked while a
/// click is going on: the click that asked would give the focus to what is under the pointer.
pub fn claim_focus(ui: &mut Ui, id: Id) -> bool {
    if pointer_busy(ui) {
        return false;
    }
    if ui.memory(|m| m.has_focus(id)) {
        return true;
    }
    ui.memory_mut(|m| m.request_focus(id));
    ui.scroll_to_cursor(Some(egui::Align::Center));
    false
}

/// A field reached with Tab (or Shift+Tab, Enter in a table, «Đến ô này») has its whole text
/// selected, as in Windows and in a spreadsheet: what is typed next replaces it. A click puts the
/// cursor where it lands (the click gives the focus in the frame it happens in).
fn select_all_when_tabbed_into(ui: &Ui, r: &Response, text: &str) {
    if r.gained_focus()
        && !pointer_busy(ui)
        && let Some(mut state) = TextEdit::load_state(ui.ctx(), r.id)
    {
        let end = egui::text::CCursor::new(text.chars().count());
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::two(
                egui::text::CCursor::new(0),
                end,
            )));
        state.store(ui.ctx(), r.id);
    }
}

/// A single-line text field; what is typed is kept NFC. Sets `*changed` when edited.
pub fn text(
    ui: &mut Ui,
    value: &mut String,
    name: &str,
    width: f32,
    changed: &mut bool,
) -> Response {
    field(ui, value, name, width, changed, None, false)
}

/// [`text`] with a given id, so other code can move the keyboard focus to it.
pub fn text_at(
    ui: &mut Ui,
    id: Id,
    value: &mut String,
    name: &str,
    width: f32,
    changed: &mut bool,
) -> Response {
    field(ui, value, name, width, changed, Some(id), false)
}

/// A multi-line text field, kept NFC.
pub fn text_multi(
    ui: &mut Ui,
    value: &mut String,
    name: &str,
    width: f32,
    changed: &mut bool,
) -> Response {
    field(ui, value, name, width, changed, None, true)
}

/// Which numeric cell, what it shows when not being typed in, its name for the screen reader and
/// for messages, and its width.
pub struct FigureCell<'a> {
    pub id: Id,
    pub shown: &'a str,
    pub name: &'a str,
    pub width: f32,
}

/// A numeric cell bound to a figure. `shown` is the figure's text as cached by the editor. What
/// is typed reaches the model at once: a valid, non-negative number as the figure's value; any
/// other text as the figure's `invalid` text (marked red, the reason on hover), from which
/// nothing is computed — never an older value kept out of sight.
pub fn figure(
    ui: &mut Ui,
    cells: &mut Cells,
    cell: FigureCell<'_>,
    fig: &mut Figure,
    changed: &mut bool,
) -> Response {
    let FigureCell {
        id,
        shown,
        name,
        width,
    } = cell;
    if cells.focus_invalid.is_some() && cells.focus_invalid == fig.invalid && claim_focus(ui, id) {
        cells.focus_invalid = None;
    }
    let mut buf = match (cells.bufs.get(&id), &fig.invalid) {
        (Some(b), _) => b.clone(),
        (None, Some(typed)) => typed.clone(),
        (None, None) => shown.to_string(),
    };
    let r = ui
        .add(
            TextEdit::singleline(&mut buf)
                .id(id)
                .desired_width(width)
                .align(egui::Align2::RIGHT_CENTER),
        )
        .accessible_name(name);
    select_all_when_tabbed_into(ui, &r, &buf);
    if r.changed() {
        match check(&buf) {
            Ok(v) => {
                if v != fig.value || fig.invalid.is_some() {
                    fig.value = v;
                    fig.invalid = None;
                    *changed = true;
                }
            }
            Err(_) => {
                if fig.invalid.as_deref() != Some(buf.as_str()) {
                    fig.invalid = Some(buf.clone());
                    *changed = true;
                }
            }
        }
        cells.bufs.insert(id, buf.clone());
    }
    if !r.has_focus() {
        // The model holds what was typed (value or invalid text): the cell shows it from there.
        cells.bufs.remove(&id);
    }
    // Right click: where the figure comes from ("nguồn"), kept with it in the file. The popup
    // stays open while its text field is used.
    egui::Popup::context_menu(&r)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| {
            ui.label("Nguồn số liệu (ghi chú):");
            let e = ui
                .add(TextEdit::singleline(&mut fig.note).desired_width(320.0))
                .accessible_name(format!("Nguồn: {name}"));
            if e.changed() {
                nfc_in_place(&mut fig.note);
                *changed = true;
            }
            if ui.button("Xong").clicked() {
                ui.close();
            }
        });
    match fig
        .invalid
        .as_deref()
        .map(|t| check(t).err().unwrap_or("Không phải là số"))
    {
        Some(why) => {
            ui.painter().rect_stroke(
                r.rect.expand(1.0),
                2.0,
                (2.0, ui.visuals().error_fg_color),
                egui::StrokeKind::Outside,
            );
            r.on_hover_text(format!(
                "{why}. Chưa tính được các số liệu phụ thuộc ô này."
            ))
        }
        None if !fig.note.is_empty() => r.on_hover_text(format!("Nguồn: {}", fig.note)),
        None => r,
    }
}

/// An "add a row" button («+ Thêm …») whose new row takes the keyboard: when clicked, the list
/// `key` (now `len` long) is marked, and [`focus_if_added`] on the new last row's first field
/// gives it the focus once it is drawn — what is typed next lands there, not on the button.
pub fn add_button(
    ui: &mut Ui,
    label: impl Into<egui::WidgetText>,
    key: impl std::hash::Hash + std::fmt::Debug,
    len: usize,
) -> bool {
    let clicked = ui.button(label).clicked();
    if clicked {
        let want = (Id::unique(key), len + 1);
        ui.data_mut(|d| d.insert_temp(Id::unique("widgets::added_row"), want));
    }
    clicked
}

/// See [`add_button`]: call with the first field of row `index` of list `key` (`len` rows).
pub fn focus_if_added(
    ui: &mut Ui,
    key: impl std::hash::Hash + std::fmt::Debug,
    index: usize,
    len: usize,
    field: &Response,
) {
    if index + 1 != len {
        return;
    }
    let slot = Id::unique("widgets::added_row");
    let wanted = ui.data(|d| d.get_temp::<(Id, usize)>(slot));
    if wanted == Some((Id::unique(key), len)) {
        field.request_focus();
        ui.data_mut(|d| d.remove::<(Id, usize)>(slot));
    }
}
