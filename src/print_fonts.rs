//! The fonts documents are printed with (PDF, and the coverage the checks before a report ask
//! about): Liberation Serif (Times New Roman metrics), embedded; glyph advances read with skrifa so the
//! layout can measure text exactly as the PDF will draw it.

use printpdf::ParsedFont;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Face {
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

    fn index(self) -> usize {
        self as usize
    }
}

const BYTES: [&[u8]; 4] = [
    include_bytes!("../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../assets/fonts/LiberationSerif-BoldItalic.ttf"),
];

/// A glyph's advance as the PDF states it (its `/W` entry, which readers advance by): thousandths
/// of an em, cut to a whole number as printpdf writes them. Measuring with these, not the
/// font's finer units, puts every word exactly where the reader draws the text before it.
fn pdf_width(units: f32, units_per_em: f32) -> f32 {
    (units * (1000.0 / units_per_em)) as i64 as f32
}

/// Characters below this are measured once into a table (Latin, Vietnamese, punctuation).
const TABLE: usize = 0x2200;

pub struct Metrics {
    units_per_em: f32,
    pub ascent: f32,
    advances: Vec<f32>,
    /// Whether the font has a glyph, for characters below `TABLE`.
    has: Vec<bool>,
    bytes: &'static [u8],
}

impl Metrics {
    fn load(bytes: &'static [u8]) -> Self {
        let font = FontRef::new(bytes).expect("the shipped font parses");
        let m = font.metrics(Size::unscaled(), LocationRef::default());
        let glyphs = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let charmap = font.charmap();
        let missing = charmap
            .map('?')
            .and_then(|g| glyphs.advance_width(g))
            .unwrap_or(0.0);
        let upem = m.units_per_em as f32;
        let advances = (0..TABLE as u32)
            .map(|c| {
                pdf_width(
                    charmap
                        .map(c)
                        .and_then(|g| glyphs.advance_width(g))
                        .unwrap_or(missing),
                    upem,
                )
            })
            .collect();
        let has = (0..TABLE as u32)
            .map(|c| charmap.map(c).is_some_and(|g| g.to_u32() != 0))
            .collect();
        Metrics {
            units_per_em: m.units_per_em as f32,
            ascent: m.ascent / m.units_per_em as f32,
            advances,
            has,
            bytes,
        }
    }

    fn advance(&self, c: char) -> f32 {
        let i = c as usize;
        if i < TABLE {
            return self.advances[i];
        }
        let font = FontRef::new(self.bytes).expect("parsed before");
        let glyphs = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        font.charmap()
            .map(c)
            .and_then(|g| glyphs.advance_width(g))
            .map_or(self.advances['?' as usize], |w| {
                pdf_width(w, self.units_per_em)
            })
    }

    /// Width of `text` at `size` points, as a PDF reader advances over it. Text is expected
    /// NFC, as drawn.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size / 1000.0
    }
}

pub struct Fonts {
    pub metrics: [Metrics; 4],
    pub parsed: Vec<ParsedFont>,
}

impl Fonts {
    pub fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| Fonts {
            metrics: BYTES.map(Metrics::load),
            parsed: BYTES
                .iter()
                .map(|b| {
                    let mut warnings = Vec::new();
                    ParsedFont::from_bytes(b, 0, &mut warnings).expect("the shipped font parses")
                })
                .collect(),
        })
    }

    pub fn m(&self, face: Face) -> &Metrics {
        &self.metrics[face.index()]
    }
}

/// Whether the report font has a glyph for `c` in every face (white space always passes).
pub fn can_draw(c: char) -> bool {
    if c.is_whitespace() {
        return true;
    }
    let fonts = Fonts::get();
    Face::ALL.iter().all(|&f| {
        let m = fonts.m(f);
        match m.has.get(c as usize) {
            Some(&h) => h,
            None => FontRef::new(m.bytes)
                .map(|font| font.charmap().map(c).is_some_and(|g| g.to_u32() != 0))
                .unwrap_or(false),
        }
    })
}

/// The characters of `text` the report font cannot draw, each once, in order of appearance.
pub fn undrawable(text: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for c in text.chars() {
        if !out.contains(&c) && !can_draw(c) {
            out.push(c);
        }
    }
    out
}

pub fn face_index(face: Face) -> usize {
    face.index()
}
