//! The A4 page of Nghị định 30/2020/NĐ-CP: margins, a cursor going down the page, text runs and
//! lines in top-down coordinates, page numbers centred at the top from page 2 on. Every string is
//! drawn NFC (printpdf does no shaping; the fonts have precomposed Vietnamese glyphs).

use super::chunks::{Chunks, Glyphs};
use crate::print_fonts::{Face, Fonts, face_index};
use printpdf::{
    FontId, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point,
    Pt, TextItem,
};
use unicode_normalization::UnicodeNormalization;

pub const PAGE_W: f32 = 595.276;
pub const PAGE_H: f32 = 841.89;
pub const MM: f32 = 72.0 / 25.4;
pub const LEFT: f32 = 30.0 * MM;
pub const RIGHT: f32 = 15.0 * MM;
pub const TOP: f32 = 20.0 * MM;
pub const BOTTOM: f32 = 20.0 * MM;
pub const CONTENT_W: f32 = PAGE_W - LEFT - RIGHT;
/// Line height as a multiple of the type size.
pub const LINE: f32 = 1.22;
/// Height of the writing area of a page.
pub const PAGE_BODY: f32 = PAGE_H - TOP - BOTTOM;

pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Width of `text` in `face` at `size` points.
pub fn text_width(text: &str, face: Face, size: f32) -> f32 {
    Fonts::get().m(face).width(&nfc(text), size)
}

pub struct Canvas {
    pdf: PdfDocument,
    font_ids: Vec<FontId>,
    /// The pages not yet handed to printpdf; the last is the one being written.
    pages: Vec<Vec<Op>>,
    /// Pages already handed over (a long document goes to printpdf a chunk of pages at a time).
    pages_before: usize,
    /// Operations of the finished pages not yet handed over.
    held_ops: usize,
    chunks: Option<Chunks>,
    /// The face and size of the text object that ends this page's operations, if one does: the
    /// next runs continue it instead of opening another.
    open_text: Option<(Face, f32)>,
    /// Distance from the top of the page to the next free line.
    pub y: f32,
}

impl Canvas {
    /// A canvas for a document titled `title`. With `glyphs` (every character the document may
    /// draw) a long document is handed to printpdf [`CHUNK_PAGES`] pages at a time, so that the
    /// pages' operations are never held all at once (see `chunks.rs`).
    pub fn new(
        title: &str,
        author: &str,
        created: chrono::DateTime<chrono::Local>,
        glyphs: Option<Glyphs>,
    ) -> Self {
        let fonts = Fonts::get();
        let mut pdf = PdfDocument::new(&nfc(title));
        if let Ok(t) = printpdf::OffsetDateTime::from_unix_timestamp(created.timestamp()) {
            let info = &mut pdf.metadata.info;
            info.creation_date = t;
            info.modification_date = t;
            info.metadata_date = t;
        }
        pdf.metadata.info.author = nfc(author.trim());
        pdf.metadata.info.creator = "tthc-review".to_string();
        pdf.metadata.info.producer = "tthc-review".to_string();
        let font_ids = fonts.parsed.iter().map(|f| pdf.add_font(f)).collect();
        Canvas {
            pdf,
            font_ids,
            pages: vec![Vec::new()],
            pages_before: 0,
            held_ops: 0,
            chunks: glyphs.map(Chunks::new),
            open_text: None,
            y: TOP,
        }
    }

    pub fn new_page(&mut self) {
        self.number_page();
        // A finished page keeps its operations until its chunk is handed over: only as much
        // room as they take (a growing list holds up to twice that).
        if let Some(done) = self.pages.last_mut() {
            done.shrink_to_fit();
        }
        self.held_ops += self.pages.last().map_or(0, Vec::len);
        if (self.pages.len() >= CHUNK_PAGES || self.held_ops >= CHUNK_OPS)
            && let Some(chunks) = &mut self.chunks
        {
            self.held_ops = 0;
            let pages = std::mem::take(&mut self.pages);
            self.pages_before += pages.len();
            chunks.hand_over(&self.pdf, pages, &self.font_ids);
        }
        self.pages.push(Vec::new());
        self.open_text = None;
        self.y = TOP;
    }

    /// Room left on this page.
    pub fn room(&self) -> f32 {
        PAGE_H - BOTTOM - self.y
    }

    /// Whether nothing has been written on this page yet.
    pub fn at_top(&self) -> bool {
        self.y <= TOP + 0.5
    }

    /// Moves to a new page unless `h` fits here (or the page is still empty).
    pub fn ensure(&mut self, h: f32) {
        if h > self.room() + 0.01 && !self.at_top() {
            self.new_page();
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a page")
    }

    /// Runs in one face and size, each placed with an absolute text matrix. They continue the
    /// text object that ends the page's operations when there is one (setting the font only if
    /// it changes): a page is a few text objects between its rules, not one per run, which keeps
    /// the operations held until the document is saved few. A run is text, or text with spacing
    /// adjustments between its words (a justified line: one `TJ` instead of one placed string per
    /// word). The runs are NFC already (`text::words` normalises every word).
    pub fn texts(&mut self, face: Face, size: f32, runs: &[(f32, f32, Vec<TextItem>)]) {
        if runs.iter().all(|(_, _, items)| items.is_empty()) {
            return;
        }
        if let Some(chunks) = &mut self.chunks {
            chunks.note(runs.iter().flat_map(|(_, _, items)| items));
        }
        let ascent = Fonts::get().m(face).ascent * size;
        let font = PdfFontHandle::External(self.font_ids[face_index(face)].clone());
        let open = self.open_text.replace((face, size));
        let ops = self.pages.last_mut().expect("a page");
        ops.reserve(runs.len() * 2 + 3);
        let continues = open.is_some() && matches!(ops.last(), Some(Op::EndTextSection));
        if continues {
            ops.pop();
        } else {
            ops.push(Op::StartTextSection);
        }
        if !continues || open != Some((face, size)) {
            ops.push(Op::SetFont {
                font,
                size: Pt(size),
            });
        }
        for (x, top, items) in runs {
            if items.is_empty() {
                continue;
            }
            ops.push(Op::SetTextMatrix {
                matrix: printpdf::TextMatrix::Translate(Pt(*x), Pt(PAGE_H - top - ascent)),
            });
            ops.push(Op::ShowText {
                items: items.clone(),
            });
        }
        ops.push(Op::EndTextSection);
    }

    /// A stroked path through `points` (top-down coordinates), closed or not.
    fn path(&mut self, points: &[(f32, f32)], closed: bool, width: f32) {
        self.open_text = None;
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

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.path(&[(x, y), (x + w, y), (x + w, y + h), (x, y + h)], true, 0.5);
    }

    /// The number of the page being finished, centred at the top from page 2 on (NĐ 30/2020:
    /// the first page has none).
    fn number_page(&mut self) {
        let index = self.pages_before + self.pages.len() - 1;
        if index == 0 {
            return;
        }
        let text = (index + 1).to_string();
        let m = Fonts::get().m(Face::Regular);
        let x = LEFT + (CONTENT_W - m.width(&text, 13.0)) / 2.0;
        let y = PAGE_H - TOP / 2.0 - 6.0;
        let font = PdfFontHandle::External(self.font_ids[face_index(Face::Regular)].clone());
        self.ops().extend([
            Op::StartTextSection,
            Op::SetFont {
                font,
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

    /// The PDF, with its fonts embedded as subsets. None when a long document drew a character
    /// its chunks' fonts were not given: it is to be laid out again without chunks.
    pub fn finish(mut self) -> Option<Vec<u8>> {
        self.number_page();
        let pages = std::mem::take(&mut self.pages);
        let mut doc = match self.chunks.take() {
            Some(mut chunks) if chunks.started() => {
                chunks.hand_over(&self.pdf, pages, &self.font_ids);
                chunks.finish()?
            }
            _ => {
                self.pdf.with_pages(pages.into_iter().map(page).collect());
                let doc = self.pdf.to_lopdf_document(&save_options(), &mut Vec::new());
                // The pages' operations are in the document's content streams now.
                drop(self.pdf);
                doc
            }
        };
        finish_metadata(&mut doc);
        super::deflate::compress_all(&mut doc);
        let mut out = Vec::new();
        // Writing into memory cannot fail.
        let _ = doc.save_to(&mut out);
        Some(out)
    }
}

/// How many pages a long document hands to printpdf at a time at most (~30 KiB a page of the
/// annex's operations)…
pub const CHUNK_PAGES: usize = 100;
/// … or fewer, once their operations are this many (a page of the summary table, a rule and a
/// text run per cell, has five times those of an annex page). Three chunks are held at most
/// (one laid out, one waiting, one being turned into PDF pages): 5 000 reviews peak at ~100 MiB;
/// chunks twice as large kept 110 MiB and overlapped less.
pub const CHUNK_OPS: usize = 20_000;

/// An A4 page of `ops`.
pub fn page(ops: Vec<Op>) -> PdfPage {
    PdfPage::new(Mm(210.0), Mm(297.0), ops)
}

/// printpdf's saving: fonts embedded as subsets of the glyphs drawn.
pub fn save_options() -> PdfSaveOptions {
    PdfSaveOptions {
        subset_fonts: true,
        optimize: true,
        ..Default::default()
    }
}

/// The document's language (Vietnamese: read aloud and hyphenated as such) in the catalog, and
/// no empty entries in the document information (an empty GTS_PDFXVersion makes tools call
/// the file PDF/X).
fn finish_metadata(doc: &mut lopdf::Document) {
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Lang", lopdf::Object::string_literal("vi"));
    }
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .ok();
    if let Some(Ok(lopdf::Object::Dictionary(d))) = info.map(|id| doc.get_object_mut(id)) {
        let empty: Vec<Vec<u8>> = d
            .iter()
            .filter(|(_, v)| is_empty_text(v))
            .map(|(k, _)| k.clone())
            .collect();
        for k in empty {
            d.remove(&k);
        }
    }
}

/// An empty string, or one holding only a UTF-16 byte-order mark.
fn is_empty_text(v: &lopdf::Object) -> bool {
    match v {
        lopdf::Object::String(bytes, _) => bytes.is_empty() || bytes.as_slice() == [0xFE, 0xFF],
        _ => false,
    }
}
