//! A long document handed to printpdf in chunks draws the pages it draws in one piece.

use super::chunks::Glyphs;
use super::{Drawn, Writer, canvas::CHUNK_PAGES};
use crate::report::doc::{
    Block, Cell, Column, Document, Letterhead, MoneyUnit, Para, Row, RowKind, Run, SignSide,
    Signature, Table, Value,
};
use rust_decimal::Decimal;

/// A decision long enough for several chunks: letterhead, headings, justified paragraphs in
/// every face, tables, a signature with its recipients (so that every character the chunks'
/// fonts are given is drawn in the one-piece layout too, and both subset the same glyphs).
fn long_document(sections: usize) -> Document {
    let mut doc = Document::new("Quyết định thông qua phương án");
    doc.push(Block::Letterhead(Letterhead {
        upper: "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK".into(),
        lower: "SỞ CÔNG THƯƠNG".into(),
        number: "Số: 12/QĐ-SCT".into(),
        place_date: "Buôn Ma Thuột, ngày 06 tháng 12 năm 2026".into(),
    }));
    for i in 0..sections {
        if i % 2 == 1 {
            doc.page_break();
        }
        doc.heading(format!("{}. Thủ tục cấp giấy phép số {i}", i + 1), 2, 13.0);
        doc.para(Para::body(
            13.0,
            vec![
                Run::plain(format!(
                    "Nội dung đơn giản hóa thứ {i}: bỏ yêu cầu nộp bản sao giấy chứng nhận \
                     đăng ký doanh nghiệp; thay bằng khai thác dữ liệu từ Cơ sở dữ liệu quốc \
                     gia về đăng ký doanh nghiệp, rút ngắn thời hạn giải quyết từ 15 ngày \
                     xuống 10 ngày làm việc. "
                )),
                Run::bold("Lý do: "),
                Run::italic("giảm chi phí tuân thủ cho người dân, doanh nghiệp. "),
            ],
        ));
        if i % 5 == 0 {
            doc.push(Block::Table(Table {
                columns: vec![
                    Column {
                        title: "Tên TTHC".into(),
                        weight: 3.0,
                    },
                    Column {
                        title: "Chi phí trước".into(),
                        weight: 1.0,
                    },
                ],
                rows: (0..6)
                    .map(|r| Row {
                        kind: RowKind::Body,
                        cells: vec![
                            Cell::new(Value::Text(format!("Hoạt động {r} của thủ tục {i}"))),
                            Cell::new(Value::Money(Decimal::from(297_692_800 + r * 1000))),
                        ],
                    })
                    .collect(),
                size: 11.0,
                money_unit: MoneyUnit::Dong,
            }));
        }
    }
    doc.push(Block::Signature(Signature {
        left: SignSide::Recipients(vec!["Như Điều 3;".into(), "Lưu: VT, VP.".into()]),
        right: SignSide::Signer {
            lines: vec!["KT. GIÁM ĐỐC".into(), "PHÓ GIÁM ĐỐC".into()],
            name: "Nguyễn Văn A".into(),
        },
    }));
    doc
}

fn lay_out(doc: &Document, glyphs: Option<Glyphs>) -> Option<Vec<u8>> {
    let mut w = Writer::start(doc, glyphs);
    // Pushed in pieces, as a compile hands its blocks over.
    for piece in doc.blocks.chunks(7) {
        w.push(piece.to_vec());
    }
    w.finish()
}

/// Each page's drawing in page order, an operator a line, its text decoded through the fonts'
/// maps to Unicode and its fonts named by their face (glyph numbers and resource names depend on
/// what each document embeds).
fn page_contents(pdf: &[u8]) -> Vec<String> {
    use lopdf::Object;
    let doc = lopdf::Document::load_mem(pdf).expect("a PDF");
    doc.get_pages()
        .into_values()
        .map(|id| {
            let fonts = doc.get_page_fonts(id).expect("the page's fonts");
            let content = lopdf::content::Content::decode(&doc.get_page_content(id))
                .expect("the page's drawing");
            let mut encoding = None;
            let text = |enc: Option<&lopdf::Encoding>, o: &Object| match (enc, o) {
                (Some(enc), Object::String(bytes, _)) => {
                    lopdf::Document::decode_text(enc, bytes).expect("decodable")
                }
                (_, Object::Array(items)) => format!("{items:?}"),
                _ => format!("{o:?}"),
            };
            let mut lines = Vec::new();
            for op in &content.operations {
                let line = match (op.operator.as_str(), op.operands.first()) {
                    ("Tf", Some(Object::Name(n))) => {
                        let font = fonts.get(n).copied();
                        encoding = font.map(|f| f.get_font_encoding(&doc).expect("a map"));
                        let base = font.and_then(|f| f.get(b"BaseFont").ok()?.as_name().ok());
                        let base = String::from_utf8_lossy(base.unwrap_or(b"?")).to_string();
                        // The subset's tag before '+' differs.
                        let face = base.split_once('+').map_or(base.clone(), |(_, f)| f.into());
                        format!("{face} {:?} Tf", &op.operands[1..])
                    }
                    ("Tj", Some(o)) => format!("({}) Tj", text(encoding.as_ref(), o)),
                    ("TJ", Some(Object::Array(items))) => {
                        let parts: Vec<String> =
                            items.iter().map(|o| text(encoding.as_ref(), o)).collect();
                        format!("[{}] TJ", parts.join("|"))
                    }
                    _ => format!("{op:?}"),
                };
                lines.push(line);
            }
            lines.join("\n")
        })
        .collect()
}

#[test]
fn a_long_document_in_chunks_has_the_pages_of_one_piece() {
    let doc = long_document(1000);
    let mut drawn = Drawn::default();
    drawn.add(&doc.blocks);
    let chunked = lay_out(&doc, Some(drawn.glyphs())).expect("the chunks are alike");
    let whole = lay_out(&doc, None).expect("one piece");
    let (a, b) = (page_contents(&chunked), page_contents(&whole));
    assert!(
        a.len() > 2 * CHUNK_PAGES,
        "{} pages: not three chunks",
        a.len()
    );
    assert_eq!(a.len(), b.len());
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        assert!(x == y, "page {} drawn differently:\n{x}\n---\n{y}", i + 1);
    }
    // The fonts are embedded once, not once per chunk.
    let fonts = |pdf: &[u8]| pdf.windows(9).filter(|w| w == b"/FontFile").count();
    assert_eq!(fonts(&chunked), fonts(&whole));
    assert!(
        chunked.len() <= whole.len() + 4096,
        "{} > {}",
        chunked.len(),
        whole.len()
    );
}

#[test]
fn a_character_the_chunks_were_not_given_lays_the_document_out_again() {
    let mut doc = long_document(1000);
    // Near the end, after several chunks: a character the glyphs below lack.
    let at = doc.blocks.len() - 3;
    doc.blocks
        .insert(at, Block::Para(Para::text(13.0, "Ghi chú: ∑ 5 ≠ 6")));
    let mut drawn = Drawn::default();
    drawn.add(&doc.blocks[..at]);
    assert!(lay_out(&doc, Some(drawn.glyphs())).is_none());
    // What the app calls lays it out again, in one piece: every page there, the note drawn.
    let pdf = super::write(&doc).expect("laid out in one piece");
    let pages = page_contents(&pdf);
    assert_eq!(
        pages.len(),
        page_contents(&lay_out(&doc, None).unwrap()).len()
    );
    assert!(pages.len() > 2 * CHUNK_PAGES);
}
