//! egui's built-in fonts cannot draw Vietnamese; Noto Sans is shipped and put first everywhere.

use egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

pub fn font_definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    let faces: [(&str, &'static [u8]); 3] = [
        (
            "NotoSans-Regular",
            include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
        ),
        (
            "NotoSans-Bold",
            include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
        ),
        (
            "NotoSans-Italic",
            include_bytes!("../../assets/fonts/NotoSans-Italic.ttf"),
        ),
    ];
    for (name, bytes) in faces {
        fonts
            .font_data
            .insert(name.to_string(), Arc::new(FontData::from_static(bytes)));
    }
    fonts
        .families
        .entry(FontFamily::Proportional)
        .or_default()
        .insert(0, "NotoSans-Regular".to_string());
    // Arrows and simple shapes (← ↑ ↓ ● ○ ▲ ▼) come from egui's bundled Hack font.
    fonts
        .families
        .entry(FontFamily::Proportional)
        .or_default()
        .push("Hack".to_string());
    // Monospace falls back to Noto Sans for Vietnamese letters the built-in mono font lacks.
    fonts
        .families
        .entry(FontFamily::Monospace)
        .or_default()
        .push("NotoSans-Regular".to_string());
    fonts.families.insert(
        FontFamily::Name("bold".into()),
        vec!["NotoSans-Bold".to_string()],
    );
    fonts
}
/// The colour behind every panel (egui's light panel colour), painted by clearing the window.
pub fn background() -> egui::Color32 {
    egui::Visuals::light().panel_fill
}

/// Fonts and style. Labels are not text-selectable, so a click on a table row's text selects
/// the row. The text cursor does not blink: a blinking cursor repaints the window twice a second
/// while a field has the focus (measured: 22 % of a core under software rendering, against 0,1 %
/// with a steady cursor), on the office PCs and remote desktops this app runs on.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
    ctx.set_theme(egui::Theme::Light);
    ctx.all_styles_mut(|s| {
        s.interaction.selectable_labels = false;
        s.visuals.text_cursor.blink = false;
        // Scroll bars take their own room beside the content: a button at the right edge is
        // never under one (a click there grabbed the bar and the page jumped).
        s.spacing.scroll = egui::style::ScrollStyle::solid();
        // The panels' background is the window's clear colour (`App::clear_color`), not a
        // rectangle drawn over it: without a GPU every frame filled the whole window twice, and
        // that fill was 40 % of the CPU a keystroke costs (scripts/typing-cost.py).
        s.visuals.panel_fill = egui::Color32::TRANSPARENT;
    });
}
