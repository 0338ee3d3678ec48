//! A small flow layout for A4 documents in the style of Nghị định 30/2020/NĐ-CP: margins, wrapped
//! and justified paragraphs, bordered tables that break across pages with the header repeated,
//! page numbers centred at the top from the second page on. Every string is drawn NFC.

use super::fonts::{Face, Fonts, face_index};
use printpdf::{
    FontId, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point,
    Pt, TextItem,
};
use unicode_normalization::UnicodeNormalization;

pub const PAGE_W: f32 = 595.276;
pub const PAGE_H: f32 = 841.89;
const MM: f32 = 72.0 / 25.4;
pub const LEFT: f32 = 30.0 * MM;
pub const RIGHT: f32 = 15.0 * MM;
pub const TOP: f32 = 20.0 * MM;
pub const BOTTOM: f32 = 20.0 * MM;
pub const CONTENT_W: f32 = PAGE_W - LEFT - RIGHT;
const LINE: f32 = 1.22;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub face: Face,
    pub size: f32,
    pub align: Align,
    pub first_indent: f32,
    pub left: f32,
    pub before: f32,
    pub after: f32,
}

impl Style {
    pub const fn body(size: f32) -> Self {
        Style {
            face: Face::Regular,
            size,
            align: Align::Justify,
            first_indent: 0.0,
            left: 0.0,
            before: 0.0,
            after: 4.0,
        }
    }
    pub const fn face(mut self, face: Face) -> Self {
        self.face = face;
        self
    }
    pub const fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }
    pub const fn indent(mut self, first: f32) -> Self {
        self.first_indent = first;
        self
    }
    pub const fn left(mut self, left: f32) -> Self {
        self.left = left;
        self
    }
    pub const fn space(mut self, before: f32, after: f32) -> Self {
        self.before = before;
        self.after = after;
        self
    }
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub face: Face,
    pub align: Align,
    /// How many columns the cell spans.
    pub span: usize,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            face: Face::Regular,
            align: Align::Left,
            span: 1,
        }
    }
    pub fn right(text: impl Into<String>) -> Self {
        Cell {
            align: Align::Right,
            ..Cell::new(text)
        }
    }
    pub fn center(text: impl Into<String>) -> Self {
        Cell {
            align: Align::Center,
            ..Cell::new(text)
        }
    }
    pub fn bold(mut self) -> Self {
        self.face = Face::Bold;
        self
    }
    pub fn span(mut self, n: usize) -> Self {
        self.span = n;
        self
    }
}

pub struct TableSpec {
    /// Relative column widths.
    pub widths: Vec<f32>,
    pub header: Vec<Vec<Cell>>,
    pub rows: Vec<Vec<Cell>>,
    pub size: f32,
}

pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Splits `text` into lines no wider than `width`; a word longer than a line is cut by characters.
pub fn wrap(text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
    let m = Fonts::get().m(face);
    let space = m.width(" ", size);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0;
        for word in para.split_whitespace() {
            let mut w = m.width(word, size);
            let mut word = word.to_string();
            if !line.is_empty() && line_w + space + w <= width {
                line.push(' ');
                line.push_str(&word);
                line_w += space + w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            while w > width {
                let mut cut = String::new();
                let mut cut_w = 0.0;
                let mut rest = word.chars().peekable();
                while let Some(&c) = rest.peek() {
                    let cw = m.width(c.encode_utf8(&mut [0; 4]), size);
                    if cut_w + cw > width && !cut.is_empty() {
                        break;
                    }
                    cut.push(c);
                    cut_w += cw;
                    rest.next();
                }
                lines.push(cut);
                word = rest.collect();
                w = m.width(&word, size);
            }
            line = word;
            line_w = w;
        }
        lines.push(line);
    }
    lines
}

/// Whether a word must never be cut across lines: anything with a digit (an amount such as
/// 1.306.000.000.000, a percentage, a code such as 2.000648.000.00.00.H32).
fn unbreakable(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit())
}

/// The narrowest a column can be at `size`: its widest unbreakable word (single-column cells);
/// in the header every word counts ("STT", "(ngày)" are not cut either).
fn min_widths(t: &TableSpec, size: f32, pad: f32) -> Vec<f32> {
    let mut min = vec![2.0 * pad; t.widths.len()];
    let rows = t.header.iter().map(|r| (true, r));
    for (header, row) in rows.chain(t.rows.iter().map(|r| (false, r))) {
        let mut col = 0;
        for c in row {
            if c.span == 1 && col < min.len() {
                let m = Fonts::get().m(c.face);
                let widest = nfc(&c.text)
                    .split_whitespace()
                    .filter(|w| header || unbreakable(w))
                    .map(|w| m.width(w, size))
                    .fold(0.0, f32::max);
                min[col] = min[col].max(widest + 2.0 * pad + 0.5);
            }
            col += c.span;
        }
    }
    min
}

/// Column widths and type size for a table: the given proportions, except that no column is
/// narrower than its widest number, so a number is never broken across lines. Columns with room
/// to spare give it up (in proportion); when even that is not enough, the type shrinks, down to
/// 75 % of the table's size.
fn column_widths(t: &TableSpec, pad: f32) -> (Vec<f32>, f32) {
    let total: f32 = t.widths.iter().sum();
    let base: Vec<f32> = t.widths.iter().map(|w| w / total * CONTENT_W).collect();
    let mut size = t.size;
    loop {
        let min = min_widths(t, size, pad);
        let need: f32 = min.iter().sum();
        if need <= CONTENT_W || size <= t.size * 0.75 {
            // Widen the narrow columns; take the room from the others, above their minimum.
            let mut widths: Vec<f32> = base.iter().zip(&min).map(|(b, m)| b.max(*m)).collect();
            let excess: f32 = widths.iter().sum::<f32>() - CONTENT_W;
            if excess > 0.0 {
                let spare: Vec<f32> = widths
                    .iter()
                    .zip(&min)
                    .map(|(w, m)| (w - m).max(0.0))
                    .collect();
                let spare_total: f32 = spare.iter().sum();
                if spare_total > 0.0 {
                    let take = (excess / spare_total).min(1.0);
                    for (w, s) in widths.iter_mut().zip(&spare) {
                        *w -= s * take;
                    }
                }
            }
            return (widths, size);
        }
        size = (size * 0.95).max(t.size * 0.75);
    }
}

/// Each cell of a row: x, width, wrapped lines, the cell.
fn layout_row<'a>(
    row: &'a [Cell],
    widths: &[f32],
    size: f32,
    pad: f32,
) -> Vec<(f32, f32, Vec<String>, &'a Cell)> {
    let mut col = 0;
    row.iter()
        .map(|c| {
            let x = LEFT + widths[..col.min(widths.len())].iter().sum::<f32>();
            let w: f32 = widths[col.min(widths.len())..(col + c.span).min(widths.len())]
                .iter()
                .sum();
            col += c.span;
            (x, w, wrap(&nfc(&c.text), c.face, size, w - 2.0 * pad), c)
        })
        .collect()
}

pub struct Doc {
    pdf: PdfDocument,
    font_ids: Vec<FontId>,
    pages: Vec<Vec<Op>>,
    /// Distance from the top of the page to the next free line.
    pub y: f32,
}

impl Doc {
    pub fn new(title: &str) -> Self {
        let fonts = Fonts::get();
        let mut pdf = PdfDocument::new(&nfc(title));
        let font_ids = fonts.parsed.iter().map(|f| pdf.add_font(f)).collect();
        Doc {
            pdf,
            font_ids,
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Room left on this page.
    pub fn room(&self) -> f32 {
        PAGE_H - BOTTOM - self.y
    }

    pub fn ensure(&mut self, h: f32) {
        if h > self.room() && self.y > TOP + 0.5 {
            self.new_page();
        }
    }

    pub fn space(&mut self, h: f32) {
        self.y += h;
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a page")
    }

    /// Draws one run of text with its baseline `ascent` below `top`.
    pub fn text_at(&mut self, x: f32, top: f32, text: &str, face: Face, size: f32) {
        if text.is_empty() {
            return;
        }
        let ascent = Fonts::get().m(face).ascent * size;
        let font = PdfFontHandle::External(self.font_ids[face_index(face)].clone());
        let pos = Point {
            x: Pt(x),
            y: Pt(PAGE_H - top - ascent),
        };
        self.ops().extend([
            Op::StartTextSection,
            Op::SetFont {
                font,
                size: Pt(size),
            },
            Op::SetTextCursor { pos },
            Op::ShowText {
                items: vec![TextItem::Text(nfc(text))],
            },
            Op::EndTextSection,
        ]);
    }

    /// A stroked path through `points` (top-down coordinates), closed or not.
    fn path(&mut self, points: &[(f32, f32)], closed: bool, width: f32) {
        let points = points
            .iter()
            .map(|&(x, y)| LinePoint {
                p: Point {
                    x: Pt(x),
                    y: Pt(PAGE_H - y),
                },
                bezier: false,
            })
            .collect();
        self.ops().extend([
            Op::SetOutlineThickness { pt: Pt(width) },
            Op::DrawLine {
                line: Line {
                    points,
                    is_closed: closed,
                },
            },
        ]);
    }

    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        self.path(&[(x1, y1), (x2, y2)], false, width);
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.path(&[(x, y), (x + w, y), (x + w, y + h), (x, y + h)], true, 0.5);
    }

    /// Draws a wrapped line in a box of `width` at `x`, aligned; `last` lines are not justified.
    fn draw_line(
        &mut self,
        x: f32,
        width: f32,
        top: f32,
        line: &str,
        face: Face,
        size: f32,
        align: Align,
        last: bool,
    ) {
        let m = Fonts::get().m(face);
        let w = m.width(line, size);
        match align {
            Align::Left => self.text_at(x, top, line, face, size),
            Align::Center => self.text_at(x + (width - w) / 2.0, top, line, face, size),
            Align::Right => self.text_at(x + width - w, top, line, face, size),
            Align::Justify => {
                let words: Vec<&str> = line.split(' ').filter(|w| !w.is_empty()).collect();
                if last || words.len() < 2 {
                    self.text_at(x, top, line, face, size);
                    return;
                }
                let words_w: f32 = words.iter().map(|w| m.width(w, size)).sum();
                let gap = (width - words_w) / (words.len() - 1) as f32;
                let mut cx = x;
                for word in words {
                    self.text_at(cx, top, word, face, size);
                    cx += m.width(word, size) + gap;
                }
            }
        }
    }

    /// A paragraph, wrapped to the content width; breaks across pages between lines.
    pub fn paragraph(&mut self, text: &str, st: &Style) {
        let text = nfc(text).split_whitespace().collect::<Vec<_>>().join(" ");
        let lh = st.size * LINE;
        let width = CONTENT_W - st.left;
        // The first line is narrower by the first-line indent: wrap it alone, then the rest.
        let lines = if st.first_indent > 0.0 {
            let first = wrap(&text, st.face, st.size, width - st.first_indent);
            match first.first() {
                Some(f) => {
                    let rest_text = text[f.len()..].trim_start().to_string();
                    let mut v = vec![f.clone()];
                    if !rest_text.is_empty() {
                        v.extend(wrap(&rest_text, st.face, st.size, width));
                    }
                    v
                }
                None => first,
            }
        } else {
            wrap(&text, st.face, st.size, width)
        };
        self.y += st.before;
        let n = lines.len();
        for (i, line) in lines.iter().enumerate() {
            self.ensure(lh);
            let indent = if i == 0 { st.first_indent } else { 0.0 };
            self.draw_line(
                LEFT + st.left + indent,
                width - indent,
                self.y,
                line,
                st.face,
                st.size,
                st.align,
                i + 1 == n,
            );
            self.y += lh;
        }
        self.y += st.after;
    }

    /// A bordered table. A row that does not fit moves to the next page whole, under a repeated
    /// header; a row taller than a page is split between its lines, never through one.
    pub fn table(&mut self, t: &TableSpec) {
        let pad = 3.0;
        let (widths, size) = column_widths(t, pad);
        let lh = size * LINE;
        let layout = |row| layout_row(row, &widths, size, pad);
        let header: Vec<_> = t.header.iter().map(|r| layout(r)).collect();
        let header_h: f32 = header
            .iter()
            .map(|cells| cells.iter().map(|c| c.2.len()).max().unwrap_or(1) as f32 * lh + 2.0 * pad)
            .sum();
        let draw_header = |doc: &mut Doc| {
            for cells in &header {
                doc.draw_row(cells, 0, usize::MAX, lh, pad);
            }
        };
        self.ensure(header_h + lh + 2.0 * pad);
        draw_header(self);
        for row in &t.rows {
            let cells = layout(row);
            let lines = cells.iter().map(|c| c.2.len()).max().unwrap_or(1).max(1);
            let h = lines as f32 * lh + 2.0 * pad;
            if h > self.room() {
                let full_page = PAGE_H - TOP - BOTTOM - header_h;
                if h <= full_page {
                    self.new_page();
                    draw_header(self);
                } else {
                    // Taller than a page: split between lines.
                    let mut from = 0;
                    while from < lines {
                        let fit = (((self.room() - 2.0 * pad) / lh).floor() as usize)
                            .max(1)
                            .min(lines - from);
                        self.draw_row(&cells, from, from + fit, lh, pad);
                        from += fit;
                        if from < lines {
                            self.new_page();
                            draw_header(self);
                        }
                    }
                    continue;
                }
            }
            self.draw_row(&cells, 0, usize::MAX, lh, pad);
        }
        self.y += 6.0;
    }

    fn draw_row(
        &mut self,
        cells: &[(f32, f32, Vec<String>, &Cell)],
        from: usize,
        to: usize,
        lh: f32,
        pad: f32,
    ) {
        let lines = cells
            .iter()
            .map(|c| c.2.len().min(to).saturating_sub(from))
            .max()
            .unwrap_or(1)
            .max(1);
        let h = lines as f32 * lh + 2.0 * pad;
        let top = self.y;
        for (x, w, text, cell) in cells {
            self.rect(*x, top, *w, h);
            let size = lh / LINE;
            for (k, line) in text
                .iter()
                .enumerate()
                .skip(from)
                .take(to.saturating_sub(from))
            {
                let align = if cell.align == Align::Justify {
                    Align::Left
                } else {
                    cell.align
                };
                self.draw_line(
                    x + pad,
                    w - 2.0 * pad,
                    top + pad + (k - from) as f32 * lh,
                    line,
                    cell.face,
                    size,
                    align,
                    true,
                );
            }
        }
        self.y += h;
    }

    /// Page numbers centred at the top from page 2 on (NĐ 30/2020: the first page has none),
    /// then the PDF with its fonts embedded as subsets.
    pub fn finish(mut self) -> Vec<u8> {
        let n = self.pages.len();
        let m = Fonts::get().m(Face::Regular);
        let font = PdfFontHandle::External(self.font_ids[face_index(Face::Regular)].clone());
        for i in 1..n {
            let text = (i + 1).to_string();
            let x = LEFT + (CONTENT_W - m.width(&text, 13.0)) / 2.0;
            let y = PAGE_H - TOP / 2.0 - 6.0;
            self.pages[i].extend([
                Op::StartTextSection,
                Op::SetFont {
                    font: font.clone(),
                    size: Pt(13.0),
                },
                Op::SetTextCursor {
                    pos: Point { x: Pt(x), y: Pt(y) },
                },
                Op::ShowText {
                    items: vec![TextItem::Text(text)],
                },
                Op::EndTextSection,
            ]);
        }
        let pages = std::mem::take(&mut self.pages)
            .into_iter()
            .map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops))
            .collect();
        self.pdf.with_pages(pages);
        let mut warnings = Vec::new();
        self.pdf.save(
            &PdfSaveOptions {
                subset_fonts: true,
                optimize: true,
                ..Default::default()
            },
            &mut warnings,
        )
    }
}

/// Width of `text` in `face` at `size` points.
pub fn text_width(text: &str, face: Face, size: f32) -> f32 {
    Fonts::get().m(face).width(&nfc(text), size)
}
