//! The PDF writer: lays a [`Document`] out on A4 pages (NĐ 30/2020 margins and details). Titles,
//! headings and paragraphs marked keep-with-next never end a page; the paragraph before a
//! signature block goes with it; tables keep their header, group and footer rows with body rows.

mod canvas;
mod table;
mod text;

pub use canvas::nfc as nfc_text;
pub use canvas::{CONTENT_W, text_width};
pub use table::widths as table_widths;

use crate::report::doc::{
    Align, Block, Document, HEAD_LEFT, Letterhead, MOTTO, Para, SLOGAN, SignSide, Signature,
};
use crate::report::fonts::Face;
use canvas::{Canvas, LEFT, LINE, MM, PAGE_BODY};
pub use text::wrap_heading as letterhead_lines;
use text::{Span, Word, draw_text, draw_words, words, wrap, wrap_heading, wrap_words};

/// NĐ 30/2020: first-line indent 1–1,27 cm.
const FIRST_INDENT: f32 = 12.7 * MM;
/// Room left in the signature block for the signature and seal.
const SIGN_GAP: f32 = 54.0;

fn face(bold: bool, italic: bool) -> Face {
    match (bold, italic) {
        (false, false) => Face::Regular,
        (true, false) => Face::Bold,
        (false, true) => Face::Italic,
        (true, true) => Face::BoldItalic,
    }
}

/// A paragraph wrapped: its lines and their geometry.
struct Lines {
    lines: Vec<Vec<Word>>,
    size: f32,
    left: f32,
    width: f32,
    first: f32,
}

fn lay_para(p: &Para) -> Lines {
    let runs: Vec<(&str, Face)> = p
        .runs
        .iter()
        .map(|r| (r.text.as_str(), face(r.bold, r.italic)))
        .collect();
    let ws = words(&runs, p.size);
    let left = if p.left_indent { FIRST_INDENT } else { 0.0 };
    let width = CONTENT_W - left;
    let first = if p.first_indent { FIRST_INDENT } else { 0.0 };
    Lines {
        lines: wrap_words(&ws, p.size, width - first, width),
        size: p.size,
        left,
        width,
        first,
    }
}

fn heading_para(text: &str, size: f32) -> Para {
    Para::body(size, vec![crate::report::doc::Run::bold(text)])
        .align(Align::Left)
        .space(6.0, 6.0)
        .keep()
}

fn title_para(text: &str, size: f32) -> Para {
    Para::body(size, vec![crate::report::doc::Run::bold(text)])
        .centered()
        .space(6.0, 4.0)
        .keep()
}

/// The block as a paragraph, for the blocks that are one.
fn as_para(b: &Block) -> Option<std::borrow::Cow<'_, Para>> {
    match b {
        Block::Para(p) => Some(std::borrow::Cow::Borrowed(p)),
        Block::Title { text, size } => Some(std::borrow::Cow::Owned(title_para(text, *size))),
        Block::Heading { text, size, .. } => {
            Some(std::borrow::Cow::Owned(heading_para(text, *size)))
        }
        _ => None,
    }
}

struct Writer<'a> {
    doc: &'a Document,
    tables: Vec<Option<table::Owned>>,
    c: Canvas,
}

impl Writer<'_> {
    /// Whether block `i` must stay on the page of the block after it.
    fn keeps(&self, i: usize) -> bool {
        let next_is_signature = matches!(self.doc.blocks.get(i + 1), Some(Block::Signature(_)));
        match &self.doc.blocks[i] {
            Block::Title { .. } | Block::Heading { .. } | Block::Rule { .. } => true,
            Block::Para(p) => p.keep_with_next || next_is_signature,
            _ => false,
        }
    }

    /// The whole height of a block that is kept with the next one.
    fn full_height(&self, i: usize) -> f32 {
        let b = &self.doc.blocks[i];
        if let Some(p) = as_para(b) {
            let l = lay_para(&p);
            return p.before + l.lines.len() as f32 * p.size * LINE + p.after;
        }
        match b {
            Block::Rule { .. } => 8.0,
            _ => self.lead_height(i),
        }
    }

    /// The height of the first piece of block `i` that may not be split from what precedes it.
    fn lead_height(&self, i: usize) -> f32 {
        let b = &self.doc.blocks[i];
        if let Some(p) = as_para(b) {
            let l = lay_para(&p);
            // Two lines, so a paragraph is never started with a lone line under a heading.
            return p.before + l.lines.len().min(2) as f32 * p.size * LINE;
        }
        match b {
            Block::Table(_) => self.tables[i].as_ref().map_or(0.0, |t| t.lead()),
            Block::Signature(s) => signature_height(s),
            Block::Letterhead(l) => letterhead_height(l),
            Block::Rule { .. } => 8.0,
            _ => 0.0,
        }
    }

    fn write(mut self) -> Vec<u8> {
        let n = self.doc.blocks.len();
        for i in 0..n {
            let starts_chain = self.keeps(i) && (i == 0 || !self.keeps(i - 1));
            if starts_chain {
                let mut need = 0.0;
                let mut j = i;
                while j < n && self.keeps(j) {
                    need += self.full_height(j);
                    j += 1;
                }
                if j < n {
                    need += self.lead_height(j);
                }
                if need <= PAGE_BODY {
                    self.c.ensure(need);
                }
            }
            let b = &self.doc.blocks[i];
            match b {
                Block::PageBreak => self.c.new_page(),
                Block::Rule { fraction } => {
                    let w = CONTENT_W * fraction;
                    let y = self.c.y + 1.0;
                    let x = LEFT + (CONTENT_W - w) / 2.0;
                    self.c.line(x, y, x + w, y, 0.6);
                    self.c.y += 8.0;
                }
                Block::Table(_) => {
                    let owned = self.tables[i].take().expect("prepared");
                    owned.prepare().draw(&mut self.c);
                }
                Block::Letterhead(l) => letterhead(&mut self.c, l),
                Block::Signature(s) => {
                    let h = signature_height(s);
                    if h <= PAGE_BODY {
                        self.c.ensure(h);
                    }
                    signature(&mut self.c, s);
                }
                _ => {
                    let p = as_para(b).expect("a paragraph block");
                    paragraph(&mut self.c, &p);
                }
            }
        }
        self.c.finish()
    }
}

fn paragraph(c: &mut Canvas, p: &Para) {
    let l = lay_para(p);
    let lh = p.size * LINE;
    c.y += p.before;
    let n = l.lines.len();
    // Widows and orphans: a page break inside a paragraph leaves at least two lines on each side
    // (as Word's widow control does); a paragraph too short for that moves whole.
    let fit = ((c.room() + 0.01) / lh).floor().max(0.0) as usize;
    let break_after = if fit >= n || c.at_top() {
        None
    } else if fit < 2 || n < 4 {
        Some(0)
    } else {
        Some(fit.min(n - 2))
    };
    for (k, line) in l.lines.iter().enumerate() {
        if Some(k) == break_after {
            c.new_page();
        }
        c.ensure(lh);
        let indent = if k == 0 { l.first } else { 0.0 };
        draw_words(
            c,
            Span::new(LEFT + l.left + indent, l.width - indent),
            c.y,
            line,
            l.size,
            p.align,
            k + 1 == n,
        );
        c.y += lh;
    }
    c.y += p.after;
}

/// The two columns of the letterhead: x and width.
fn head_columns() -> ((f32, f32), (f32, f32)) {
    let half = CONTENT_W * HEAD_LEFT;
    ((LEFT, half), (LEFT + half, CONTENT_W - half))
}

const HEAD_SIZE: f32 = 12.5;

/// The motto in bold on one line: 12–13 pt, smaller only if the column is narrower.
fn motto_size(width: f32) -> f32 {
    let w = text_width(MOTTO, Face::Bold, 12.0);
    if w <= width { 12.0 } else { 12.0 * width / w }
}

struct HeadLines {
    upper: Vec<String>,
    lower: Vec<String>,
    number: Vec<String>,
    place: Vec<String>,
}

fn head_lines(l: &Letterhead) -> HeadLines {
    let ((_, lw), (_, rw)) = head_columns();
    let upper_face = if l.upper_bold() {
        Face::Bold
    } else {
        Face::Regular
    };
    let nonempty = |s: &str, face, size, w| {
        if s.trim().is_empty() {
            Vec::new()
        } else {
            wrap_heading(s, face, size, w)
        }
    };
    HeadLines {
        upper: nonempty(&l.upper, upper_face, HEAD_SIZE, lw),
        lower: nonempty(&l.lower, Face::Bold, HEAD_SIZE, lw),
        number: nonempty(&l.number, Face::Regular, 13.0, lw),
        place: nonempty(&l.place_date, Face::Italic, 13.0, rw),
    }
}

fn letterhead_height(l: &Letterhead) -> f32 {
    let h = head_lines(l);
    let lh = 13.0 * LINE;
    let left = (h.upper.len() + h.lower.len()) as f32 * lh + 0.5 * lh + h.number.len() as f32 * lh;
    let right = 2.0 * lh + 0.5 * lh + h.place.len() as f32 * lh;
    left.max(right) + lh
}

/// Issuing body left (upper line regular unless the body issues itself, lower line bold, a rule
/// of 1/3–1/2 of its width under it, then the number); motto, slogan with a rule as long as it,
/// and place and date right. Each side wraps inside its own column.
fn letterhead(c: &mut Canvas, l: &Letterhead) {
    let ((lx, lw), (rx, rw)) = head_columns();
    let h = head_lines(l);
    let lh = 13.0 * LINE;
    let top = c.y;
    let upper_face = if l.upper_bold() {
        Face::Bold
    } else {
        Face::Regular
    };
    let mut y = top;
    for s in &h.upper {
        draw_text(
            c,
            Span::new(lx, lw),
            y,
            s,
            upper_face,
            HEAD_SIZE,
            Align::Center,
        );
        y += lh;
    }
    let mut widest: f32 = 0.0;
    for s in &h.lower {
        draw_text(
            c,
            Span::new(lx, lw),
            y,
            s,
            Face::Bold,
            HEAD_SIZE,
            Align::Center,
        );
        widest = widest.max(text_width(s, Face::Bold, HEAD_SIZE));
        y += lh;
    }
    if widest == 0.0 {
        widest = h
            .upper
            .iter()
            .map(|s| text_width(s, upper_face, HEAD_SIZE))
            .fold(0.0, f32::max);
    }
    // NĐ 30/2020: a rule 1/3 to 1/2 as long as the line above it, centred under it.
    let rule = widest * 0.4;
    c.line(
        lx + (lw - rule) / 2.0,
        y + 1.0,
        lx + (lw + rule) / 2.0,
        y + 1.0,
        0.6,
    );
    y += 0.5 * lh;
    for s in &h.number {
        draw_text(
            c,
            Span::new(lx, lw),
            y,
            s,
            Face::Regular,
            13.0,
            Align::Center,
        );
        y += lh;
    }
    let left_end = y;

    let ms = motto_size(rw);
    let mut y = top;
    draw_text(
        c,
        Span::new(rx, rw),
        y,
        MOTTO,
        Face::Bold,
        ms,
        Align::Center,
    );
    y += lh;
    draw_text(
        c,
        Span::new(rx, rw),
        y,
        SLOGAN,
        Face::Bold,
        13.0,
        Align::Center,
    );
    let sw = text_width(SLOGAN, Face::Bold, 13.0);
    y += lh;
    c.line(
        rx + (rw - sw) / 2.0,
        y + 1.0,
        rx + (rw + sw) / 2.0,
        y + 1.0,
        0.6,
    );
    y += 0.5 * lh;
    for s in &h.place {
        draw_text(
            c,
            Span::new(rx, rw),
            y,
            s,
            Face::Italic,
            13.0,
            Align::Center,
        );
        y += lh;
    }
    c.y = left_end.max(y) + lh;
}

/// The two columns of the signature block: x and width.
fn sign_columns() -> ((f32, f32), (f32, f32)) {
    let half = CONTENT_W * 0.5;
    ((LEFT, half - 6.0), (LEFT + half, half))
}

/// A side's lines: (text, face, size, line height), and the gap for the signature after which
/// line (if a signer).
fn side_lines(s: &SignSide, width: f32) -> Vec<(String, Face, f32, f32)> {
    let mut out = Vec::new();
    match s {
        SignSide::Empty => {}
        SignSide::Recipients(list) => {
            out.push(("Nơi nhận:".to_string(), Face::BoldItalic, 12.0, 14.0));
            for r in list {
                for l in wrap(r, Face::Regular, 11.0, width) {
                    out.push((l, Face::Regular, 11.0, 13.0));
                }
            }
        }
        SignSide::Signer { lines, name } => {
            for l in lines.iter().filter(|l| !l.trim().is_empty()) {
                for w in wrap(l, Face::Bold, 13.0, width) {
                    out.push((w, Face::Bold, 13.0, 16.0));
                }
            }
            out.push((String::new(), Face::Regular, 13.0, SIGN_GAP));
            out.push((name.clone(), Face::Bold, 13.0, 16.0));
        }
    }
    out
}

fn side_height(s: &SignSide, width: f32) -> f32 {
    side_lines(s, width).iter().map(|l| l.3).sum()
}

fn signature_height(s: &Signature) -> f32 {
    let ((_, lw), (_, rw)) = sign_columns();
    side_height(&s.left, lw).max(side_height(&s.right, rw)) + 6.0
}

fn signature(c: &mut Canvas, s: &Signature) {
    let cols = sign_columns();
    let top = c.y;
    let mut bottom = top;
    for (side, (x, w)) in [(&s.left, cols.0), (&s.right, cols.1)] {
        let align = match side {
            SignSide::Recipients(_) => Align::Left,
            _ => Align::Center,
        };
        let mut y = top;
        for (text, face, size, lh) in side_lines(side, w) {
            draw_text(c, Span::new(x, w), y, &text, face, size, align);
            y += lh;
        }
        bottom = bottom.max(y);
    }
    c.y = bottom + 6.0;
}

/// Lays the document out and returns the PDF.
pub fn write(doc: &Document) -> Vec<u8> {
    let tables = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Table(t) => Some(table::own(t)),
            _ => None,
        })
        .collect();
    Writer {
        doc,
        tables,
        c: Canvas::new(&doc.title, &doc.author, doc.created),
    }
    .write()
}
