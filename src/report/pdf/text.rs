//! Lines of text: words in their faces, wrapped to a width, drawn aligned or justified.

use super::canvas::{Canvas, nfc};
use crate::report::doc::Align;
use crate::report::fonts::{Face, Fonts};
use printpdf::TextItem;

#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub face: Face,
    pub width: f32,
}

/// The words of `runs` (each run in one face), NFC, measured at `size`. Run boundaries are
/// taken as word boundaries.
pub fn words(runs: &[(&str, Face)], size: f32) -> Vec<Word> {
    let fonts = Fonts::get();
    let mut out = Vec::new();
    for (text, face) in runs {
        let m = fonts.m(*face);
        for w in nfc(text).split_whitespace() {
            let width = m.width(w, size);
            // A unit stays on the line of its number: one word with a space inside.
            if let Some(prev) = out.last_mut().filter(|p: &&mut Word| {
                p.face == *face && crate::report::doc::binds_to_previous(&p.text, w)
            }) {
                prev.width += m.width(" ", size) + width;
                prev.text.push(' ');
                prev.text.push_str(w);
                continue;
            }
            out.push(Word {
                text: w.to_string(),
                face: *face,
                width,
            });
        }
    }
    out
}

/// Cuts a word wider than `width` into pieces by characters (only for words with no digit:
/// numbers are kept whole by sizing their columns, see `table.rs`).
fn cut(word: &Word, size: f32, width: f32) -> Vec<Word> {
    let m = Fonts::get().m(word.face);
    let mut pieces = Vec::new();
    let mut cur = String::new();
    let mut cur_w = 0.0;
    for c in word.text.chars() {
        let cw = m.width(c.encode_utf8(&mut [0; 4]), size);
        if cur_w + cw > width && !cur.is_empty() {
            pieces.push(Word {
                text: std::mem::take(&mut cur),
                face: word.face,
                width: cur_w,
            });
            cur_w = 0.0;
        }
        cur.push(c);
        cur_w += cw;
    }
    pieces.push(Word {
        text: cur,
        face: word.face,
        width: cur_w,
    });
    pieces
}

/// Splits words into lines: the first no wider than `first`, the others no wider than `width`.
/// A word wider than a line is cut by characters.
pub fn wrap_words(words: &[Word], size: f32, first: f32, width: f32) -> Vec<Vec<Word>> {
    let space = Fonts::get().m(Face::Regular).width(" ", size);
    let mut lines: Vec<Vec<Word>> = Vec::new();
    let mut line: Vec<Word> = Vec::new();
    let mut line_w = 0.0;
    let limit = |lines: &Vec<Vec<Word>>| if lines.is_empty() { first } else { width };
    for w in words {
        if !line.is_empty() && line_w + space + w.width <= limit(&lines) {
            line_w += space + w.width;
            line.push(w.clone());
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let pieces = if w.width > limit(&lines) {
            cut(w, size, limit(&lines))
        } else {
            vec![w.clone()]
        };
        let n = pieces.len();
        for (k, p) in pieces.into_iter().enumerate() {
            if k + 1 < n {
                lines.push(vec![p]);
            } else {
                line_w = p.width;
                line.push(p);
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` in one face wrapped to `width`, as plain strings (table cells, letterhead lines).
pub fn wrap(text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.split('\n') {
        let ws = words(&[(para, face)], size);
        for l in wrap_words(&ws, size, width, width) {
            out.push(
                l.iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
    }
    out
}

/// [`wrap`] for the lines of a letterhead: a name never ends on a word alone ("SỞ CÔNG THƯƠNG
/// TỈNH QUẢNG / NGÃI" becomes "SỞ CÔNG THƯƠNG TỈNH / QUẢNG NGÃI"): the last line takes one more
/// word from the line above while it fits.
pub fn wrap_heading(text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
    let mut lines = wrap(text, face, size, width);
    let m = Fonts::get().m(face);
    let n = lines.len();
    if n >= 2 && !lines[n - 1].contains(' ') {
        let prev = lines[n - 2].clone();
        if let Some((head, moved)) = prev.rsplit_once(' ') {
            let last = format!("{moved} {}", lines[n - 1]);
            if m.width(&last, size) <= width {
                lines[n - 2] = head.to_string();
                lines[n - 1] = last;
            }
        }
    }
    lines
}

fn line_width(words: &[Word], size: f32) -> f32 {
    let space = Fonts::get().m(Face::Regular).width(" ", size);
    words.iter().map(|w| w.width).sum::<f32>() + space * words.len().saturating_sub(1) as f32
}

/// Where a line goes across the page: its left edge and its width (points).
#[derive(Debug, Clone, Copy)]
pub struct Span {
    pub x: f32,
    pub width: f32,
}

impl Span {
    pub fn new(x: f32, width: f32) -> Self {
        Span { x, width }
    }
}

/// Draws one wrapped line in the box `span` with its top at `top`; the `last` line of a
/// justified paragraph is set left.
pub fn draw_words(
    c: &mut Canvas,
    span: Span,
    top: f32,
    words: &[Word],
    size: f32,
    align: Align,
    last: bool,
) {
    let Span { x, width } = span;
    let space = Fonts::get().m(Face::Regular).width(" ", size);
    let natural = line_width(words, size);
    let (mut cx, gap) = match align {
        Align::Left => (x, space),
        Align::Center => (x + (width - natural) / 2.0, space),
        Align::Right => (x + width - natural, space),
        Align::Justify => {
            if last || words.len() < 2 {
                (x, space)
            } else {
                let ws: f32 = words.iter().map(|w| w.width).sum();
                (x, (width - ws) / (words.len() - 1) as f32)
            }
        }
    };
    // The words of one face that follow each other on the line go out as one run: one string
    // when the spaces are plain, else the words with a real space after each and the extra room
    // of the justified line as a spacing adjustment (`TJ`), so that text copied from any reader
    // keeps its words apart and each word lands exactly where it was measured to. A run of
    // another face starts a text object of its own at its measured place.
    let mut i = 0;
    let mut face = words.first().map_or(Face::Regular, |w| w.face);
    let mut runs: Vec<(f32, f32, Vec<TextItem>)> = Vec::new();
    while i < words.len() {
        let mut j = i + 1;
        while j < words.len() && words[j].face == words[i].face {
            j += 1;
        }
        if words[i].face != face {
            c.texts(face, size, &runs);
            runs.clear();
            face = words[i].face;
        }
        // The space this face draws, and what the line wants between words beyond it.
        let own_space = Fonts::get().m(face).width(" ", size);
        let extra = gap - own_space;
        let mut items = Vec::new();
        let mut text = String::new();
        for (k, w) in words[i..j].iter().enumerate() {
            text.push_str(&w.text);
            if i + k + 1 < words.len() {
                text.push(' ');
                if i + k + 1 < j && extra.abs() > 0.001 {
                    items.push(TextItem::Text(std::mem::take(&mut text)));
                    items.push(TextItem::Offset(-extra * 1000.0 / size));
                }
            }
        }
        if !text.is_empty() {
            items.push(TextItem::Text(text));
        }
        runs.push((cx, top, items));
        cx += words[i..j].iter().map(|w| w.width).sum::<f32>() + gap * (j - i) as f32;
        i = j;
    }
    c.texts(face, size, &runs);
}

/// Draws a single-face string aligned in a box.
pub fn draw_text(
    c: &mut Canvas,
    span: Span,
    top: f32,
    text: &str,
    face: Face,
    size: f32,
    align: Align,
) {
    let ws = words(&[(text, face)], size);
    draw_words(c, span, top, &ws, size, align, true);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_within_width_and_keeps_every_word() {
        let text = "Chi phí tuân thủ thủ tục hành chính trước khi đơn giản hóa là một khoản lớn";
        let ws = words(&[(text, Face::Regular)], 13.0);
        let lines = wrap_words(&ws, 13.0, 100.0, 150.0);
        assert!(lines.len() > 2);
        assert!(line_width(&lines[0], 13.0) <= 100.0);
        for l in &lines[1..] {
            assert!(line_width(l, 13.0) <= 150.0);
        }
        let back: Vec<String> = lines.iter().flatten().map(|w| w.text.clone()).collect();
        assert_eq!(back.join(" "), text);
    }

    #[test]
    fn runs_keep_their_faces() {
        let ws = words(
            &[("Điều 1.", Face::Bold), (" Thông qua", Face::Regular)],
            13.0,
        );
        let faces: Vec<Face> = ws.iter().map(|w| w.face).collect();
        assert_eq!(
            faces,
            [Face::Bold, Face::Bold, Face::Regular, Face::Regular]
        );
    }

    #[test]
    fn a_letterhead_line_never_ends_a_name_on_one_word() {
        let text = "SỞ CÔNG THƯƠNG TỈNH QUẢNG NGÃI";
        let full = crate::report::pdf::text_width(text, Face::Bold, 12.5);
        let one_word = crate::report::pdf::text_width("NGÃI", Face::Bold, 12.5);
        // A width where plain wrapping leaves "NGÃI" alone.
        let w = full - one_word / 2.0;
        assert_eq!(wrap(text, Face::Bold, 12.5, w).last().unwrap(), "NGÃI");
        assert_eq!(
            wrap_heading(text, Face::Bold, 12.5, w),
            ["SỞ CÔNG THƯƠNG TỈNH", "QUẢNG NGÃI"]
        );
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut_not_lost() {
        let lines = wrap(
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            Face::Regular,
            13.0,
            40.0,
        );
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    }
}
