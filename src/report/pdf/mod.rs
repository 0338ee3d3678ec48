//! The PDF writer: lays a [`Document`] out on A4 pages (NĐ 30/2020 margins and details). Titles,
//! headings and paragraphs marked keep-with-next never end a page; the paragraph before a
//! signature block goes with it; tables keep their header, group and footer rows with body rows.

mod canvas;
pub mod chunks;
mod deflate;
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

/// Lays a document out as its blocks come: a block is laid out once what decides where it
/// goes has come too (the blocks kept with it and the first piece of the one after), so a
/// compile never holds its whole document.
pub struct Writer {
    /// The blocks not laid out yet.
    blocks: Vec<Block>,
    /// How many blocks were laid out before `blocks[0]`.
    done: usize,
    /// Whether the last block laid out is kept with the next.
    last_keeps: bool,
    /// Tables printed ahead of their turn (to measure what must stay with them), by the
    /// block's place in the document.
    tables: std::collections::HashMap<usize, table::Owned>,
    c: Canvas,
}

impl Writer {
    /// A writer for `doc`'s title, author and date (its blocks are pushed), its pages handed to
    /// printpdf in chunks when `glyphs` holds every character the document draws.
    pub fn start(doc: &Document, glyphs: Option<chunks::Glyphs>) -> Self {
        Writer {
            blocks: Vec::new(),
            done: 0,
            last_keeps: false,
            tables: Default::default(),
            c: Canvas::new(&doc.title, &doc.author, doc.created, glyphs),
        }
    }

    /// The next blocks of the document: those whose place is decided are laid out.
    pub fn push(&mut self, blocks: Vec<Block>) {
        self.blocks.extend(blocks);
        // The last block not kept with the next one (known only when a next one has come):
        // every block up to it can be placed.
        let n = self.blocks.len();
        if let Some(m) = (0..n.saturating_sub(1)).rev().find(|&i| !self.keeps(i)) {
            self.lay_out(m + 1);
        }
    }

    /// The PDF of the whole document; None when its chunks came out unlike (see `chunks.rs`)
    /// and it is to be laid out again without them.
    pub fn finish(mut self) -> Option<Vec<u8>> {
        self.lay_out(self.blocks.len());
        self.c.finish()
    }

    /// Whether block `i` must stay on the page of the block after it.
    fn keeps(&self, i: usize) -> bool {
        let next_is_signature = matches!(self.blocks.get(i + 1), Some(Block::Signature(_)));
        match &self.blocks[i] {
            Block::Title { .. } | Block::Heading { .. } | Block::Rule { .. } => true,
            Block::Para(p) => p.keep_with_next || next_is_signature,
            _ => false,
        }
    }

    /// The whole height of a block that is kept with the next one.
    fn full_height(&mut self, i: usize) -> f32 {
        let b = &self.blocks[i];
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
    fn lead_height(&mut self, i: usize) -> f32 {
        let b = &self.blocks[i];
        if let Some(p) = as_para(b) {
            let l = lay_para(&p);
            // Two lines, so a paragraph is never started with a lone line under a heading.
            return p.before + l.lines.len().min(2) as f32 * p.size * LINE;
        }
        match b {
            Block::Table(t) => self
                .tables
                .entry(self.done + i)
                .or_insert_with(|| table::own(t))
                .lead(),
            Block::Signature(s) => signature_height(s),
            Block::Letterhead(l) => letterhead_height(l),
            Block::Rule { .. } => 8.0,
            _ => 0.0,
        }
    }

    /// Lays out the first `upto` waiting blocks, looking no further than the blocks come.
    fn lay_out(&mut self, upto: usize) {
        let n = self.blocks.len();
        for i in 0..upto {
            let keeps = self.keeps(i);
            let starts_chain = keeps && !self.last_keeps;
            self.last_keeps = keeps;
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
            let b = &self.blocks[i];
            match b {
                Block::PageBreak => self.c.new_page(),
                Block::Rule { fraction } => {
                    let w = CONTENT_W * fraction;
                    let y = self.c.y + 1.0;
                    let x = LEFT + (CONTENT_W - w) / 2.0;
                    self.c.line(x, y, x + w, y, 0.6);
                    self.c.y += 8.0;
                }
                Block::Table(t) => {
                    let owned = self
                        .tables
                        .remove(&(self.done + i))
                        .unwrap_or_else(|| table::own(t));
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
                    if let Some(p) = as_para(b) {
                        paragraph(&mut self.c, &p);
                    }
                }
            }
        }
        self.blocks.drain(..upto);
        self.done += upto;
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

/// The heading of the recipients' list.
const RECIPIENTS: &str = "Nơi nhận:";

/// A side's lines: (text, face, size, line height), and the gap for the signature after which
/// line (if a signer).
fn side_lines(s: &SignSide, width: f32) -> Vec<(String, Face, f32, f32)> {
    let mut out = Vec::new();
    match s {
        SignSide::Empty => {}
        SignSide::Recipients(list) => {
            out.push((RECIPIENTS.to_string(), Face::BoldItalic, 12.0, 14.0));
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

/// Lays the document out and returns the PDF: a long one a chunk of pages at a time, unless
/// its chunks come out unlike (see `chunks.rs`), when it is laid out again in one piece.
pub fn write(doc: &Document) -> Option<Vec<u8>> {
    let mut drawn = Drawn::default();
    drawn.add(&doc.blocks);
    let lay_out = |glyphs| {
        let mut w = Writer::start(doc, glyphs);
        w.push(doc.blocks.clone());
        w.finish()
    };
    lay_out(Some(drawn.glyphs())).or_else(|| lay_out(None))
}

/// Every character laying a document out may draw (NFC, as drawn), gathered from its blocks as
/// they are made: their texts, their table cells as printed, and what the layout adds (motto,
/// slogan, the recipients' heading, page numbers).
#[derive(Default)]
pub struct Drawn(chunks::CharSet);

impl Drawn {
    pub fn add(&mut self, blocks: &[Block]) {
        for b in blocks {
            match b {
                Block::Title { text, .. } | Block::Heading { text, .. } => self.text(text),
                Block::Para(p) => p.runs.iter().for_each(|r| self.text(&r.text)),
                Block::Table(t) => {
                    t.columns.iter().for_each(|c| self.text(&c.title));
                    for r in &t.rows {
                        r.cells
                            .iter()
                            .for_each(|c| self.text(&c.value.print(t.money_unit)));
                    }
                }
                Block::Letterhead(l) => {
                    for s in [&l.upper, &l.lower, &l.number, &l.place_date] {
                        self.text(s);
                    }
                }
                Block::Signature(s) => {
                    for side in [&s.left, &s.right] {
                        match side {
                            SignSide::Empty => {}
                            SignSide::Recipients(list) => list.iter().for_each(|r| self.text(r)),
                            SignSide::Signer { lines, name } => {
                                lines.iter().for_each(|l| self.text(l));
                                self.text(name);
                            }
                        }
                    }
                }
                Block::Rule { .. } | Block::PageBreak => {}
            }
        }
    }

    fn text(&mut self, s: &str) {
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        if is_nfc_quick(s.chars()) == IsNormalized::Yes {
            self.0.extend(s.chars());
        } else {
            self.0.extend(nfc_text(s).chars());
        }
    }

    pub fn glyphs(mut self) -> chunks::Glyphs {
        for s in [MOTTO, SLOGAN, RECIPIENTS, "0123456789"] {
            self.text(s);
        }
        chunks::Glyphs::new(self.0)
    }
}

#[cfg(test)]
mod tests;
