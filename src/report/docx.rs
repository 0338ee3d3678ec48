//! The Word writer: the same document as the PDF, as a DOCX the office finishes in Word. A4 with
//! NĐ 30/2020 margins, "Times New Roman" (the office's font; the PDF embeds its metric twin
//! Liberation Serif), Word heading styles, real tables with a repeated header row, the
//! letterhead and signature as borderless two-column tables, the page number as a field at the
//! top from page 2 on.

use super::doc::{
    Align, Block, Document, HEAD_LEFT, Letterhead, MOTTO, Para, RowKind, SLOGAN, SignSide,
    Signature, Table,
};
use super::pdf::{CONTENT_W, table_widths, text_width};
use crate::print_fonts::Face;
use docx_rs::{
    AlignmentType, BorderType, BreakType, BuildXML, Docx, Header, LineSpacing, LineSpacingType,
    PageMargin, PageNum, Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders,
    Run, RunFonts, SpecialIndentType, Style, StyleType, TableCell, TableCellMargins,
    TableLayoutType, TableRow, VAlignType, WidthType,
};
use std::io::Write;

const FONT: &str = "Times New Roman";
/// Twips per point.
const TW: f32 = 20.0;
const MM_TW: f32 = 56.6929;
/// NĐ 30/2020: first-line indent 1,27 cm.
const INDENT_TW: i32 = 720;
/// Marks the header rows so `tblHeader` can be added after building (docx-rs has no setter):
/// a row height of at least 1 twip, which changes nothing on the page.
const HEADER_MARK: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;

fn half_points(size: f32) -> usize {
    (size * 2.0).round() as usize
}

fn align(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

fn spacing(before: f32, after: f32) -> LineSpacing {
    LineSpacing::new()
        .before((before * TW) as u32)
        .after((after * TW) as u32)
        .line(252)
        .line_rule(LineSpacingType::Auto)
}

fn run(text: &str, size: f32, bold: bool, italic: bool) -> Run {
    let mut r = Run::new()
        .add_text(super::doc::glue_units(&crate::report::pdf::nfc_text(text)))
        .size(half_points(size));
    if bold {
        r = r.bold();
    }
    if italic {
        r = r.italic();
    }
    r
}

fn para(p: &Para) -> Paragraph {
    let mut out = Paragraph::new()
        .align(align(p.align))
        .line_spacing(spacing(p.before, p.after))
        .keep_next(p.keep_with_next);
    let left = p.left_indent.then_some(INDENT_TW);
    let first = p
        .first_indent
        .then_some(SpecialIndentType::FirstLine(INDENT_TW));
    if left.is_some() || first.is_some() {
        out = out.indent(left, first, None, None);
    }
    for r in &p.runs {
        out = out.add_run(run(&r.text, p.size, r.bold, r.italic));
    }
    out
}

fn simple(text: &str, size: f32, bold: bool, italic: bool, a: Align) -> Paragraph {
    Paragraph::new()
        .align(align(a))
        .line_spacing(spacing(0.0, 0.0))
        .add_run(run(text, size, bold, italic))
}

/// A centred paragraph of `lines` with a line break between them.
fn broken(lines: &[String], size: f32, bold: bool) -> Paragraph {
    let mut p = Paragraph::new()
        .align(AlignmentType::Center)
        .line_spacing(spacing(0.0, 0.0));
    for (k, line) in lines.iter().enumerate() {
        let mut r = run(line, size, bold, false);
        if k + 1 < lines.len() {
            r = r.add_break(BreakType::TextWrapping);
        }
        p = p.add_run(r);
    }
    p
}

/// A short centred rule: an empty paragraph with a bottom border, indented so the border is
/// `width` points long in a box `box_w` points wide.
fn rule(width: f32, box_w: f32) -> Paragraph {
    let side = (((box_w - width) / 2.0).max(0.0) * TW) as i32;
    let mut p = Paragraph::new()
        .line_spacing(
            spacing(0.0, 4.0)
                .line(120)
                .line_rule(LineSpacingType::Exact),
        )
        .indent(Some(side), None, Some(side), None);
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .val(BorderType::Single)
                .size(6)
                .space(0)
                .color("000000"),
        ),
    );
    p
}

fn borderless(cells: Vec<(f32, Vec<Paragraph>)>) -> docx_rs::Table {
    let grid: Vec<usize> = cells.iter().map(|(w, _)| (*w * TW) as usize).collect();
    let row = TableRow::new(
        cells
            .into_iter()
            .map(|(w, ps)| {
                let mut c = TableCell::new()
                    .width((w * TW) as usize, WidthType::Dxa)
                    .clear_all_border();
                for p in ps {
                    c = c.add_paragraph(p);
                }
                c
            })
            .collect(),
    )
    .cant_split();
    // No cell margins: the columns are as wide as the PDF's, so the rules under the issuing
    // body and the motto are as long.
    docx_rs::Table::without_borders(vec![row])
        .set_grid(grid)
        .layout(TableLayoutType::Fixed)
        .width((CONTENT_W * TW) as usize, WidthType::Dxa)
        .margins(
            TableCellMargins::new()
                .margin_left(0, WidthType::Dxa)
                .margin_right(0, WidthType::Dxa),
        )
}

fn letterhead(l: &Letterhead) -> docx_rs::Table {
    let lw = CONTENT_W * HEAD_LEFT;
    let rw = CONTENT_W - lw;
    let mut left = Vec::new();
    // Broken where the PDF breaks them (never a name's last word alone), not where Word would.
    let upper_face = if l.upper_bold() {
        Face::Bold
    } else {
        Face::Regular
    };
    if !l.upper.trim().is_empty() {
        let lines = crate::report::pdf::letterhead_lines(&l.upper, upper_face, 12.5, lw);
        left.push(broken(&lines, 12.5, l.upper_bold()));
    }
    let mut lower_widest: f32 = 0.0;
    if !l.lower.trim().is_empty() {
        let lines = crate::report::pdf::letterhead_lines(&l.lower, Face::Bold, 12.5, lw);
        lower_widest = lines
            .iter()
            .map(|s| text_width(s, Face::Bold, 12.5))
            .fold(0.0, f32::max);
        left.push(broken(&lines, 12.5, true));
    }
    let widest = lower_widest
        .max(if l.lower.trim().is_empty() {
            text_width(&l.upper, Face::Bold, 12.5)
        } else {
            0.0
        })
        .min(lw);
    left.push(rule(widest * 0.4, lw));
    if !l.number.trim().is_empty() {
        left.push(simple(&l.number, 13.0, false, false, Align::Center));
    }
    let right = vec![
        simple(MOTTO, 12.0, true, false, Align::Center),
        simple(SLOGAN, 13.0, true, false, Align::Center),
        rule(text_width(SLOGAN, Face::Bold, 13.0), rw),
        simple(&l.place_date, 13.0, false, true, Align::Center),
    ];
    borderless(vec![(lw, left), (rw, right)])
}

fn side(s: &SignSide) -> Vec<Paragraph> {
    match s {
        SignSide::Empty => vec![Paragraph::new()],
        SignSide::Recipients(list) => {
            let mut out = vec![simple("Nơi nhận:", 12.0, true, true, Align::Left)];
            out.extend(
                list.iter()
                    .map(|r| simple(r, 11.0, false, false, Align::Left)),
            );
            out
        }
        SignSide::Signer { lines, name } => {
            let mut out: Vec<Paragraph> = lines
                .iter()
                .filter(|l| !l.trim().is_empty())
                .map(|l| simple(l, 13.0, true, false, Align::Center))
                .collect();
            // Room for the signature and the seal.
            for _ in 0..4 {
                out.push(simple("", 13.0, false, false, Align::Center));
            }
            out.push(simple(name, 13.0, true, false, Align::Center));
            out
        }
    }
}

fn signature(s: &Signature) -> docx_rs::Table {
    let half = CONTENT_W / 2.0;
    borderless(vec![(half, side(&s.left)), (half, side(&s.right))])
}

/// A table as docx-rs builds it, in pieces: the table with its header row, then each body row,
/// so a summary of thousands of rows is written row by row.
struct TableParts<'a> {
    t: &'a Table,
    widths: Vec<f32>,
    size: f32,
}

impl<'a> TableParts<'a> {
    fn new(t: &'a Table) -> Self {
        let (widths, size) = table_widths(t);
        TableParts { t, widths, size }
    }

    fn cell(&self, w: f32, span: usize, p: Paragraph) -> TableCell {
        let mut c = TableCell::new()
            .width((w * TW) as usize, WidthType::Dxa)
            .vertical_align(VAlignType::Center)
            .add_paragraph(p);
        if span > 1 {
            c = c.grid_span(span);
        }
        c
    }

    fn cell_para(&self, text: &str, bold: bool, a: Align, keep: bool) -> Paragraph {
        simple(text, self.size, bold, false, a).keep_next(keep)
    }

    /// The table's properties, grid and header row.
    fn head(&self) -> docx_rs::Table {
        let grid: Vec<usize> = self.widths.iter().map(|w| (*w * TW) as usize).collect();
        let header = TableRow::new(
            self.t
                .columns
                .iter()
                .zip(&self.widths)
                .map(|(c, w)| self.cell(*w, 1, self.cell_para(&c.title, true, Align::Center, true)))
                .collect(),
        )
        .cant_split()
        .row_height(1.0)
        .height_rule(docx_rs::HeightRule::AtLeast);
        docx_rs::Table::new(vec![header])
            .set_grid(grid)
            .layout(TableLayoutType::Fixed)
            .width((CONTENT_W * TW) as usize, WidthType::Dxa)
            // 3 pt on every side, as the PDF's cells.
            .margins(
                TableCellMargins::new()
                    .margin_top(60, WidthType::Dxa)
                    .margin_bottom(60, WidthType::Dxa)
                    .margin_left(60, WidthType::Dxa)
                    .margin_right(60, WidthType::Dxa),
            )
    }

    /// Body row `i`.
    fn row(&self, i: usize) -> TableRow {
        let t = self.t;
        let r = &t.rows[i];
        // Word keeps a row with the next when its paragraphs are "keep with next": a group
        // row with the row under it, the last body row with the footer rows.
        let keep = r.kind == RowKind::Group
            || t.rows.get(i + 1).is_some_and(|n| n.kind == RowKind::Footer);
        let widths = &self.widths;
        let mut col = 0;
        let cells = r
            .cells
            .iter()
            .map(|c| {
                let span = c.span.max(1);
                let w: f32 = widths[col.min(widths.len())..(col + span).min(widths.len())]
                    .iter()
                    .sum();
                col += span;
                let a = match c.alignment() {
                    Align::Justify => Align::Left,
                    a => a,
                };
                self.cell(
                    w,
                    span,
                    self.cell_para(&c.value.print(t.money_unit), c.bold, a, keep),
                )
            })
            .collect();
        TableRow::new(cells).cant_split()
    }
}

fn heading_style(id: &str, name: &str, size: f32, level: usize) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .bold()
        .size(half_points(size))
        .fonts(
            RunFonts::new()
                .ascii(FONT)
                .hi_ansi(FONT)
                .cs(FONT)
                .east_asia(FONT),
        )
        .color("000000")
        .outline_lvl(level)
}

/// Writes the document as a DOCX.
pub fn write(doc: &Document) -> Result<Vec<u8>, String> {
    let mut w = Writer::start(doc)?;
    for (i, b) in doc.blocks.iter().enumerate() {
        w.put(b, doc.blocks.get(i + 1))?;
    }
    w.finish()
}

/// A DOCX written as its blocks come: the package's small parts first, then `document.xml`
/// block by block into the compressed archive, so a compilation of thousands of reviews never
/// holds its whole text (nor docx-rs's tree of it).
pub struct Writer {
    zip: zip::ZipWriter<std::io::Cursor<Vec<u8>>>,
    /// The parts after `document.xml` in the package, written at the end.
    after: Vec<(String, Vec<u8>)>,
    /// The end of `document.xml`: the section properties and the closing tags.
    tail: String,
    /// A page break not yet written: it goes on the next paragraph.
    page_break_pending: bool,
    /// The last block pushed: how it is written depends on the block after it.
    held: Option<Block>,
    /// Text of `document.xml` not yet handed to the archive: the compressor is given large
    /// pieces (block by block, it compresses about a tenth worse).
    pending: String,
}

/// How much of `document.xml` is handed to the compressor at once.
const PENDING: usize = 1 << 20;

fn zip_err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

impl Writer {
    /// The package of `doc` (its title, author and date; its blocks come later), up to the
    /// start of the body.
    pub fn start(doc: &Document) -> Result<Self, String> {
        let mut xml = frame(doc).build();
        // The text is Vietnamese (spelling, hyphenation, the language Word shows).
        let styles = String::from_utf8(std::mem::take(&mut xml.styles)).map_err(zip_err)?;
        xml.styles = styles
            .replacen(
                "<w:rPrDefault><w:rPr>",
                &format!("<w:rPrDefault><w:rPr>{LANG}"),
                1,
            )
            .into_bytes();
        // Every property in the order of the schema, which Word insists on.
        for part in [&mut xml.document, &mut xml.styles, &mut xml.numberings]
            .into_iter()
            .chain(xml.headers.iter_mut())
            .chain(xml.footers.iter_mut())
        {
            if let Ok(text) = std::str::from_utf8(part) {
                *part = super::ooxml_order::reorder(text).into_bytes();
            }
        }
        xml.doc_props.core = core_properties(doc);
        let mut stored = std::io::Cursor::new(Vec::new());
        xml.pack(&mut stored).map_err(zip_err)?;
        // docx-rs stores the parts uncompressed; Word and LibreOffice read either, a deflated
        // package is a fifth of the size.
        let parts = stored_parts(&stored.into_inner())?;
        skip_para_ids(&parts);
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let mut after = Vec::new();
        let mut tail = None;
        for (name, bytes) in parts {
            if tail.is_some() {
                after.push((name, bytes));
            } else if name == "word/document.xml" {
                let text = String::from_utf8(bytes).map_err(zip_err)?;
                // The frame has no body: what precedes its section properties is the start.
                let at = text
                    .rfind("<w:sectPr")
                    .ok_or("document.xml không có sectPr")?;
                zip.start_file(name, deflated()).map_err(zip_err)?;
                zip.write_all(&text.as_bytes()[..at]).map_err(zip_err)?;
                tail = Some(text[at..].to_string());
            } else {
                zip.start_file(name, deflated()).map_err(zip_err)?;
                zip.write_all(&bytes).map_err(zip_err)?;
            }
        }
        Ok(Writer {
            zip,
            after,
            tail: tail.ok_or("gói DOCX không có word/document.xml")?,
            page_break_pending: false,
            held: None,
            pending: String::new(),
        })
    }

    /// Blocks to write in this order; the last waits for the one after it.
    pub fn push(&mut self, blocks: impl IntoIterator<Item = Block>) -> Result<(), String> {
        for b in blocks {
            if let Some(prev) = self.held.replace(b) {
                let next = self.held.take();
                let r = self.put(&prev, next.as_ref());
                self.held = next;
                r?;
            }
        }
        Ok(())
    }

    /// Writes block `b`, followed by `next`.
    fn put(&mut self, b: &Block, next: Option<&Block>) -> Result<(), String> {
        // The paragraph before a signature block goes to the page of the signature.
        let before_signature = matches!(next, Some(Block::Signature(_)));
        let mut p = match b {
            Block::PageBreak => {
                self.page_break_pending = true;
                return Ok(());
            }
            Block::Title { text, size } => Some(
                Paragraph::new()
                    .style("Heading1")
                    .align(AlignmentType::Center)
                    .line_spacing(spacing(6.0, 4.0))
                    .keep_next(true)
                    .add_run(run(text, *size, true, false)),
            ),
            Block::Heading { text, level, size } => Some(
                Paragraph::new()
                    .style(&format!("Heading{}", (*level as usize + 1).min(3)))
                    .align(AlignmentType::Left)
                    .indent(
                        None,
                        Some(SpecialIndentType::FirstLine(INDENT_TW)),
                        None,
                        None,
                    )
                    .line_spacing(spacing(6.0, 6.0))
                    .keep_next(true)
                    .add_run(run(text, *size, true, false)),
            ),
            Block::Para(p) => Some(para(p).keep_next(p.keep_with_next || before_signature)),
            Block::Rule { fraction } => Some(rule(CONTENT_W * fraction, CONTENT_W)),
            _ => None,
        };
        if self.page_break_pending {
            self.page_break_pending = false;
            match p.take() {
                Some(x) => p = Some(x.page_break_before(true)),
                None => self.element(
                    &Paragraph::new()
                        .add_run(Run::new().add_break(BreakType::Page))
                        .build(),
                )?,
            }
        }
        let built = match (p, b) {
            (Some(p), _) => p.build(),
            (None, Block::Table(t)) => return self.table(t),
            (None, Block::Letterhead(l)) => letterhead(l).build(),
            (None, Block::Signature(s)) => signature(s).build(),
            _ => return Ok(()),
        };
        self.element(&built)
    }

    /// A table: its start with the header row, then row by row.
    fn table(&mut self, t: &Table) -> Result<(), String> {
        let parts = TableParts::new(t);
        let head = fixed(&parts.head().build())?;
        let end = head
            .rfind("</w:tbl>")
            .ok_or("bảng DOCX không có </w:tbl>")?;
        self.write(&head[..end])?;
        for i in 0..t.rows.len() {
            self.element(&parts.row(i).build())?;
        }
        self.write(&head[end..])
    }

    /// One element of the body as docx-rs built it.
    fn element(&mut self, built: &[u8]) -> Result<(), String> {
        let text = fixed(built)?;
        self.write(&text)
    }

    fn write(&mut self, text: &str) -> Result<(), String> {
        self.pending.push_str(text);
        if self.pending.len() >= PENDING {
            self.flush()?;
        }
        Ok(())
    }

    /// Hands what is pending to the archive.
    fn flush(&mut self) -> Result<(), String> {
        self.zip
            .write_all(self.pending.as_bytes())
            .map_err(zip_err)?;
        self.pending.clear();
        Ok(())
    }

    /// The rest: the last block, the end of the body, the parts after it.
    pub fn finish(mut self) -> Result<Vec<u8>, String> {
        if let Some(last) = self.held.take() {
            self.put(&last, None)?;
        }
        let tail = std::mem::take(&mut self.tail);
        self.write(&tail)?;
        self.flush()?;
        for (name, bytes) in std::mem::take(&mut self.after) {
            self.zip.start_file(name, deflated()).map_err(zip_err)?;
            self.zip.write_all(&bytes).map_err(zip_err)?;
        }
        Ok(self.zip.finish().map_err(zip_err)?.into_inner())
    }
}

/// An element as docx-rs built it, fixed for Word: header rows marked as such, its properties
/// in the schema's order.
fn fixed(built: &[u8]) -> Result<String, String> {
    let text = std::str::from_utf8(built).map_err(zip_err)?;
    let marked;
    let text = if text.contains(HEADER_MARK) {
        marked = text.replace(HEADER_MARK, &format!("{HEADER_MARK}<w:tblHeader />"));
        &marked
    } else {
        text
    };
    Ok(super::ooxml_order::reorder(text))
}

fn deflated() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)
}

/// The package of `doc` without its blocks: page, fonts, styles, the page-number header, dates.
fn frame(doc: &Document) -> Docx {
    Docx::new()
        .page_size((210.0 * MM_TW) as u32, (297.0 * MM_TW) as u32)
        .page_margin(
            PageMargin::new()
                .top((20.0 * MM_TW) as i32)
                .bottom((20.0 * MM_TW) as i32)
                .left((30.0 * MM_TW) as i32)
                .right((15.0 * MM_TW) as i32)
                .header((10.0 * MM_TW) as i32)
                .footer((10.0 * MM_TW) as i32),
        )
        .default_fonts(
            RunFonts::new()
                .ascii(FONT)
                .hi_ansi(FONT)
                .cs(FONT)
                .east_asia(FONT),
        )
        .default_size(half_points(13.0))
        .add_style(heading_style("Heading1", "heading 1", 14.0, 0))
        .add_style(heading_style("Heading2", "heading 2", 13.0, 1))
        .add_style(heading_style("Heading3", "heading 3", 13.0, 2))
        // NĐ 30/2020: the page number at the top, centred, from the second page on.
        .header(
            Header::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_page_num(PageNum::new()),
            ),
        )
        .first_header(Header::new().add_paragraph(Paragraph::new()))
        .title_pg()
        .created_at(
            &doc.created
                .to_utc()
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string(),
        )
        .updated_at(
            &doc.created
                .to_utc()
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string(),
        )
}

const LANG: &str = r#"<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA" />"#;

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The core properties: title, author (creator and last saved by), language, dates.
fn core_properties(doc: &Document) -> Vec<u8> {
    let date = doc
        .created
        .to_utc()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let author = xml_escape(&crate::report::pdf::nfc_text(doc.author.trim()));
    let title = xml_escape(&crate::report::pdf::nfc_text(doc.title.trim()));
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy><dc:language>vi-VN</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified><cp:revision>1</cp:revision></cp:coreProperties>"#
    )
    .into_bytes()
}

/// docx-rs numbers paragraphs (`w14:paraId`) from a per-thread counter that building the frame
/// has just reset: the body's paragraphs take the numbers after the frame's own (the page-number
/// headers'), as in a document built whole, so no number is used twice.
fn skip_para_ids(parts: &[(String, Vec<u8>)]) {
    const KEY: &str = "w14:paraId=\"";
    let highest = parts
        .iter()
        .filter_map(|(_, bytes)| std::str::from_utf8(bytes).ok())
        .flat_map(|text| {
            text.match_indices(KEY)
                .map(|(at, _)| &text[at + KEY.len()..])
        })
        .filter_map(|rest| u32::from_str_radix(rest.get(..8)?, 16).ok())
        .max()
        .unwrap_or(0);
    while u32::from_str_radix(&Paragraph::new().id, 16).is_ok_and(|id| id < highest) {}
}

/// The parts of the stored package docx-rs writes, in its order.
fn stored_parts(stored: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    use std::io::Read;
    let mut input = zip::ZipArchive::new(std::io::Cursor::new(stored)).map_err(zip_err)?;
    let mut parts = Vec::new();
    for i in 0..input.len() {
        let mut f = input.by_index(i).map_err(zip_err)?;
        if f.is_dir() {
            continue;
        }
        let name = f.name().map_err(zip_err)?.to_string();
        let mut buf = Vec::with_capacity(f.size() as usize);
        f.read_to_end(&mut buf).map_err(zip_err)?;
        parts.push((name, buf));
    }
    Ok(parts)
}
