//! A long PDF handed to printpdf a chunk of pages at a time, so that a compile of thousands of
//! TTHC never holds every page's drawing operations (printpdf saves a document whole, and its
//! operations take ~30 KiB a page).
//!
//! printpdf numbers the glyphs of a subset font by the glyphs the document draws, so chunks
//! only encode text alike when their fonts are subset alike: each chunk starts with a page
//! drawing every character of the whole document ([`Glyphs`]) in every face, which makes every
//! chunk's subsets — and so its glyph numbers — those of the first. The first chunk's document
//! becomes the PDF; the pages of the others join it (their content streams compressed, the
//! first chunk's fonts and resources shared), and the glyph page leaves it at the end. Chunks
//! are turned into PDF pages on a second thread while the next is laid out.
//!
//! Two checks keep this honest, and either sends the document back to be laid out in one piece
//! ([`Chunks::finish`] gives None): a page that draws a character missing from [`Glyphs`], and
//! a chunk whose fonts (or any stream other than its pages') differ from the first chunk's.

use super::canvas::{page, save_options};
use lopdf::{Object, ObjectId};
use printpdf::{FontId, Op, PdfDocument, PdfFontHandle, Pt, TextItem};
use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};

/// A set of characters, quick to fill and to ask for Latin and Vietnamese text.
#[derive(Default)]
pub struct CharSet {
    /// Characters below [`LOW`], one bit each.
    low: Vec<u64>,
    high: BTreeSet<char>,
}

const LOW: u32 = 0x3000;

impl CharSet {
    pub fn extend(&mut self, chars: impl Iterator<Item = char>) {
        if self.low.is_empty() {
            self.low = vec![0; LOW as usize / 64];
        }
        for c in chars {
            let n = c as u32;
            if n < LOW {
                self.low[n as usize / 64] |= 1 << (n % 64);
            } else {
                self.high.insert(c);
            }
        }
    }

    fn has(&self, c: char) -> bool {
        let n = c as u32;
        if n < LOW {
            self.low
                .get(n as usize / 64)
                .is_some_and(|w| w & (1 << (n % 64)) != 0)
        } else {
            self.high.contains(&c)
        }
    }

    /// The characters in order.
    fn text(&self) -> String {
        let low = (0..LOW).filter_map(char::from_u32).filter(|&c| self.has(c));
        low.chain(self.high.iter().copied()).collect()
    }
}

/// Every character a document may draw, for the glyph page of its chunks.
pub struct Glyphs {
    set: CharSet,
    text: String,
}

impl Glyphs {
    pub fn new(set: CharSet) -> Self {
        let text = set.text();
        Glyphs { set, text }
    }

    fn has(&self, c: char) -> bool {
        self.set.has(c)
    }
}

pub struct Chunks {
    glyphs: Glyphs,
    /// A page drew a character [`Glyphs`] lacks.
    missed: bool,
    handed: usize,
    /// The thread that turns chunks into PDF pages while the next chunk is laid out.
    worker: Option<Worker>,
    /// The thread could not be started or stopped taking chunks.
    stopped: bool,
}

struct Worker {
    chunks: std::sync::mpsc::SyncSender<Vec<Vec<Op>>>,
    merged: std::thread::JoinHandle<Option<lopdf::Document>>,
}

impl Chunks {
    pub fn new(glyphs: Glyphs) -> Self {
        Chunks {
            glyphs,
            missed: false,
            handed: 0,
            worker: None,
            stopped: false,
        }
    }

    /// Whether a chunk has been handed over (else the document is saved in one piece).
    pub fn started(&self) -> bool {
        self.handed > 0
    }

    /// Notes the text about to be drawn: a character outside [`Glyphs`] spoils the chunks.
    pub fn note<'a>(&mut self, items: impl Iterator<Item = &'a TextItem>) {
        if self.missed {
            return;
        }
        for item in items {
            if let TextItem::Text(t) = item
                && !t.chars().all(|c| self.glyphs.has(c))
            {
                self.missed = true;
                return;
            }
        }
    }

    /// Hands `pages` over to be turned into PDF pages through printpdf (a copy of `pdf`, fonts
    /// `font_ids`) on another thread, while this one lays out the next chunk. One chunk waits at
    /// most: the operations held are those of three chunks.
    pub fn hand_over(&mut self, pdf: &PdfDocument, pages: Vec<Vec<Op>>, font_ids: &[FontId]) {
        self.handed += 1;
        if self.missed || self.stopped {
            return;
        }
        if self.worker.is_none() {
            let (chunks, received) = std::sync::mpsc::sync_channel::<Vec<Vec<Op>>>(1);
            let mut merge = Merge {
                pdf: pdf.clone(),
                font_ids: font_ids.to_vec(),
                glyph_text: self.glyphs.text.clone(),
                unlike: false,
                base: None,
            };
            let started = std::thread::Builder::new()
                .name("pdf-chunks".into())
                .spawn(move || {
                    for pages in received {
                        merge.add(pages);
                    }
                    merge.finish()
                });
            match started {
                Ok(merged) => self.worker = Some(Worker { chunks, merged }),
                Err(_) => self.stopped = true,
            }
        }
        // No thread (the system refused one) or one that stopped: the document is laid out
        // again in one piece.
        if let Some(worker) = &self.worker
            && worker.chunks.send(pages).is_err()
        {
            self.stopped = true;
        }
    }

    /// The whole PDF (before its metadata is finished and it is saved), or None when the
    /// chunks were spoilt and the document is to be laid out in one piece.
    pub fn finish(self) -> Option<lopdf::Document> {
        let Worker { chunks, merged } = self.worker?;
        drop(chunks);
        let doc = merged.join().ok()??;
        (!self.missed && !self.stopped).then_some(doc)
    }
}

/// The worker's side: chunks turned into PDF pages and joined into the first chunk's document.
struct Merge {
    pdf: PdfDocument,
    font_ids: Vec<FontId>,
    glyph_text: String,
    /// A chunk's fonts came out unlike the first chunk's.
    unlike: bool,
    base: Option<Base>,
}

impl Merge {
    /// Turns `pages` into PDF pages through printpdf and keeps them, their content compressed;
    /// their operations are let go.
    fn add(&mut self, pages: Vec<Vec<Op>>) {
        if self.unlike {
            return;
        }
        let glyph_page = self
            .font_ids
            .iter()
            .flat_map(|id| {
                [
                    Op::StartTextSection,
                    Op::SetFont {
                        font: PdfFontHandle::External(id.clone()),
                        size: Pt(12.0),
                    },
                    Op::ShowText {
                        items: vec![TextItem::Text(self.glyph_text.clone())],
                    },
                    Op::EndTextSection,
                ]
            })
            .collect();
        let all = std::iter::once(glyph_page).chain(pages).map(page).collect();
        self.pdf.with_pages(all);
        let mut doc = self.pdf.to_lopdf_document(&save_options(), &mut Vec::new());
        self.pdf.pages = Vec::new();
        let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
        let Some((&glyph_page, rest)) = page_ids.split_first() else {
            self.unlike = true;
            return;
        };
        let shared = shared_streams(&doc, &page_ids);
        match &mut self.base {
            None => {
                let dict = doc.get_dictionary(glyph_page).ok();
                let reference =
                    |key: &[u8]| dict.and_then(|d| d.get(key).ok()?.as_reference().ok());
                let (Some(pages_id), Some(resources)) =
                    (reference(b"Parent"), reference(b"Resources"))
                else {
                    self.unlike = true;
                    return;
                };
                super::deflate::compress_all(&mut doc);
                self.base = Some(Base {
                    doc,
                    pages_id,
                    resources,
                    glyph_page,
                    kids: rest.to_vec(),
                    shared,
                });
            }
            Some(base) => {
                if shared != base.shared {
                    self.unlike = true;
                    return;
                }
                for &id in rest {
                    if base.join(&mut doc, id).is_none() {
                        self.unlike = true;
                        return;
                    }
                }
            }
        }
    }

    /// The first chunk's document with every chunk's pages, the glyph page gone; None when a
    /// chunk came out unlike.
    fn finish(self) -> Option<lopdf::Document> {
        if self.unlike {
            return None;
        }
        let mut base = self.base?;
        let glyph_contents = content_of(&base.doc, base.glyph_page);
        base.doc.objects.remove(&base.glyph_page);
        if let Some(id) = glyph_contents {
            base.doc.objects.remove(&id);
        }
        let pages = base.doc.get_dictionary_mut(base.pages_id).ok()?;
        pages.set("Count", base.kids.len() as i64);
        pages.set(
            "Kids",
            base.kids
                .iter()
                .map(|&id| Object::Reference(id))
                .collect::<Vec<_>>(),
        );
        Some(base.doc)
    }
}

/// The first chunk's document, which the other chunks' pages join.
struct Base {
    doc: lopdf::Document,
    pages_id: ObjectId,
    resources: ObjectId,
    glyph_page: ObjectId,
    kids: Vec<ObjectId>,
    /// What every chunk must share with the first: its streams other than the pages' contents.
    shared: Vec<u64>,
}

impl Base {
    /// Page `id` of a later chunk's `doc` joins this document: its content compressed, the
    /// first chunk's resources (the same fonts) in place of its own.
    fn join(&mut self, doc: &mut lopdf::Document, id: ObjectId) -> Option<()> {
        let contents = content_of(doc, id)?;
        let Some(Object::Stream(mut stream)) = doc.objects.remove(&contents) else {
            return None;
        };
        super::deflate::compress(&mut stream);
        let mut dict = doc.get_dictionary(id).ok()?.clone();
        dict.set("Contents", Object::Reference(self.doc.add_object(stream)));
        dict.set("Resources", Object::Reference(self.resources));
        dict.set("Parent", Object::Reference(self.pages_id));
        self.kids.push(self.doc.add_object(dict));
        Some(())
    }
}

/// The content stream of page `id`.
fn content_of(doc: &lopdf::Document, id: ObjectId) -> Option<ObjectId> {
    doc.get_dictionary(id)
        .ok()?
        .get(b"Contents")
        .ok()?
        .as_reference()
        .ok()
}

/// Fingerprints of `doc`'s streams other than the pages' contents (the embedded fonts and their
/// maps), in object order.
fn shared_streams(doc: &lopdf::Document, pages: &[ObjectId]) -> Vec<u64> {
    let contents: BTreeSet<ObjectId> = pages.iter().filter_map(|&p| content_of(doc, p)).collect();
    doc.objects
        .iter()
        .filter(|(id, _)| !contents.contains(id))
        .filter_map(|(_, o)| match o {
            Object::Stream(s) => {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                s.content.hash(&mut h);
                Some(h.finish())
            }
            _ => None,
        })
        .collect()
}
