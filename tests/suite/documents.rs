//! Reports as one document written three ways. What a reader checks: every amount whole in the
//! PDF (pdftotext finds it as one string), headings / header rows / signatures never stranded at
//! a page end, the Word file's text and table structure (read back from its XML), and the Excel
//! workbook's formulas recomputed to the engine's figures to the đồng.

use crate::common;
use common::*;
use rust_decimal::Decimal;
use std::io::Read;
use std::path::PathBuf;
use tthc_review::cost::format::money;
use tthc_review::cost::review_cost;
use tthc_review::model::*;
use tthc_review::report::doc::{
    Block, Cell, Column, Document, MoneyUnit, Para, Row, SignSide, Signature, Table, Value,
};
use tthc_review::report::{
    CostBasis, Format, ReportSettings, compile, pdf, review_report, saving_text,
};
use tthc_review::templates::Templates;

/// The PDF's words, page by page (pdftotext -layout, split at form feeds).
fn page_words(pdf: &[u8]) -> Vec<Vec<String>> {
    poppler("pdftotext", pdf, &["-layout"])
        .split('\x0c')
        .map(|p| p.split_whitespace().map(str::to_string).collect())
        .collect()
}

fn all_words(pdf: &[u8]) -> Vec<String> {
    page_words(pdf).concat()
}

/// Reviews with amounts of 10 to 15 digits, over three lĩnh vực.
fn big_reviews(n: usize) -> Vec<(PathBuf, Result<Review, String>)> {
    let fields = [
        "Vật liệu nổ công nghiệp",
        "Lưu thông hàng hóa trong nước",
        "Điện",
    ];
    (0..n)
        .map(|k| {
            let mut r = case_s();
            r.tthc.name = format!("Thủ tục thử nghiệm số {k} về số tiền lớn");
            r.tthc.code = format!("2.{k:06}.000.00.00.H32");
            r.tthc.field = fields[k % 3].to_string();
            // 10 to 15 digits in "Chi phí khác", more in the totals.
            let big = format!("{}{}", 1 + k % 9, &"234567890123456"[..9 + k % 6]);
            r.activities[0].other = fig(&big);
            r.options[0].activities[0].other = fig(&big[..big.len() - 1]);
            r.subjects = fig("37");
            (PathBuf::from(format!("r{k}.ron")), Ok(r))
        })
        .collect()
}

#[test]
fn amounts_of_10_to_15_digits_are_whole_on_every_table() {
    let t = Templates::embedded();
    let items = big_reviews(12);
    let c = compile(
        &t,
        &ReportSettings::default(),
        &items,
        Format::Pdf,
        &|_, _| {},
    )
    .unwrap();
    let words = all_words(&c.bytes);
    let has = |s: &str| {
        assert!(
            words.iter().any(|w| w == s),
            "«{s}» is not one string in the PDF"
        )
    };
    let mut longest = 0;
    for (_, r) in &items {
        let r = r.as_ref().unwrap();
        let cost = review_cost(r).unwrap();
        let res = &cost.options[0].as_ref().unwrap().result;
        for v in [res.before, res.after, res.saving] {
            has(&money(v));
            longest = longest.max(money(v).len());
        }
    }
    assert!(longest >= 19, "amounts reach 15 digits: {longest}");
    has(&money(c.totals.before));
    has(&money(c.totals.after));
    has(&saving_text(c.totals.saving));

    // The single review: its cost tables (activity, footer, per year) too.
    let (_, r) = &items[11];
    let r = r.as_ref().unwrap();
    let pdf = review_report(&t, &ReportSettings::default(), r, Format::Pdf).unwrap();
    let words = all_words(&pdf);
    let cost = review_cost(r).unwrap();
    for v in [
        r.activities[0].other.value,
        cost.current.rows[0].total,
        cost.current.execution,
        cost.current.per_occurrence,
        cost.current.per_year,
    ] {
        assert!(
            words.iter().any(|w| *w == money(v)),
            "«{}» is not one string in the review's PDF",
            money(v)
        );
    }
}

fn body(text: &str) -> Block {
    Block::Para(Para::text(13.0, text))
}

/// A document of `filler` short paragraphs, to bring what follows near a page end.
fn filled(filler: usize) -> Document {
    let mut doc = Document::new("thử");
    for i in 0..filler {
        doc.push(body(&format!("Đoạn văn số {i} để lấp đầy trang giấy.")));
    }
    doc
}

/// The page (0-based) on which a word of the rendered document first stands.
fn page_finder(doc: &Document) -> impl Fn(&str) -> usize {
    let pages = page_words(&pdf::write(doc).expect("a PDF"));
    move |w| pages.iter().position(|p| p.iter().any(|x| x == w)).unwrap()
}

/// For each filler length, a heading near the page end is followed on its own page by the
/// paragraph it heads.
#[test]
fn a_heading_never_ends_a_page() {
    for filler in 30..44 {
        let mut doc = filled(filler);
        doc.heading("ĐỀ MỤC CUỐI TRANG", 1, 13.0);
        doc.push(body("Nội dung ngay sau đề mục."));
        let page_of = page_finder(&doc);
        assert_eq!(
            page_of("ĐỀ"),
            page_of("ngay"),
            "filler {filler}: the heading is alone at the bottom of a page"
        );
    }
}

/// A table header always has a body row under it, and footer rows never start a page alone.
#[test]
fn table_headers_and_footers_keep_their_rows() {
    for filler in 28..44 {
        let mut doc = filled(filler);
        let mut rows: Vec<Row> = (1..=3)
            .map(|i| {
                Row::body(vec![
                    Cell::new(Value::Stt(i)),
                    Cell::text(format!("Dòngthân{i}")),
                    Cell::money(Decimal::from(1000 * i as i64)),
                ])
            })
            .collect();
        rows.push(Row::footer(vec![
            Cell::text("Tổngcộng").span(2),
            Cell::money(Decimal::from(6000)),
        ]));
        doc.push(Block::Table(Table {
            columns: ["STT", "Têncột", "Sốtiền"]
                .iter()
                .map(|t| Column {
                    title: t.to_string(),
                    weight: 1.0,
                })
                .collect(),
            rows,
            size: 10.0,
            money_unit: MoneyUnit::Dong,
        }));
        let page_of = page_finder(&doc);
        assert_eq!(
            page_of("Têncột"),
            page_of("Dòngthân1"),
            "filler {filler}: header row alone"
        );
        assert_eq!(
            page_of("Dòngthân3"),
            page_of("Tổngcộng"),
            "filler {filler}: footer row alone"
        );
    }
}

/// With ten recipients the signature block still has the last article on its page.
#[test]
fn the_signature_is_never_alone_on_a_page() {
    for filler in 25..42 {
        let mut doc = filled(filler);
        doc.push(body(
            "Điều 4. Các cơ quan chịu trách nhiệm thi hành Quyết định này.",
        ));
        doc.push(Block::Signature(Signature {
            left: SignSide::Recipients(
                (1..=10)
                    .map(|i| {
                        format!(
                            "- Cơ quan nhận số {i} có tên rất dài để xuống dòng trong cột Nơi nhận;"
                        )
                    })
                    .collect(),
            ),
            right: SignSide::Signer {
                lines: vec!["KT. CHỦ TỊCH".into(), "PHÓ CHỦ TỊCH".into()],
                name: "Nguyễn Văn Ký".into(),
            },
        }));
        let page_of = page_finder(&doc);
        assert_eq!(page_of("Ký"), page_of("Điều"), "filler {filler}");
        assert_eq!(page_of("nhận:"), page_of("Điều"), "filler {filler}");
    }
}

#[test]
fn settings_change_the_unit_the_basis_and_add_words() {
    let t = Templates::embedded();
    let items = example_items();
    let s = ReportSettings {
        money_unit: MoneyUnit::NghinDong,
        cost_basis: CostBasis::Both,
        amounts_in_words: true,
        ..ReportSettings::default()
    };
    let c = compile(&t, &s, &items, Format::Pdf, &|_, _| {}).unwrap();
    let text = text(&c.bytes);
    assert_has(&text, "Đơn vị tính: nghìn đồng");
    // 297.692.800 đồng in nghìn đồng, rounded; the total from exact figures: 396.576.800.
    assert_has(&text, "297.693");
    assert_has(&text, "396.577");
    assert_has(&text, "làm tròn đến nghìn đồng");
    assert_has(
        &text,
        "Chi phí tuân thủ TTHC trước khi đơn giản hóa: 297.692.800 đồng/năm (hai trăm chín mươi bảy triệu sáu trăm chín mươi hai nghìn tám trăm đồng).",
    );
    assert_has(&text, "đồng/hồ sơ");
    assert_has(
        &text,
        "chi phí tiết kiệm: 174.985.240 đồng/năm (một trăm bảy mươi bốn triệu",
    );
}

// ---------- Word ----------

fn docx_part(docx: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The visible text of a WordprocessingML part: the <w:t> runs, paragraph by paragraph.
fn docx_paragraphs(xml: &str) -> Vec<String> {
    // A line break inside a paragraph reads as a space.
    let mut xml = xml.to_string();
    while let Some(i) = xml.find("<w:br ") {
        let end = i + xml[i..].find("/>").unwrap() + 2;
        xml.replace_range(i..end, "<w:t> </w:t>");
    }
    xml.split("</w:p>")
        .map(|p| {
            let mut out = String::new();
            let mut rest = p;
            while let Some(i) = rest.find("<w:t") {
                rest = &rest[i..];
                let Some(open_end) = rest.find('>') else {
                    break;
                };
                if rest[..open_end].contains("<w:tbl") || rest.starts_with("<w:tc") {
                    rest = &rest[open_end..];
                    continue;
                }
                let after = &rest[open_end + 1..];
                if rest.starts_with("<w:t>") || rest.starts_with("<w:t ") {
                    let end = after.find("</w:t>").unwrap_or(after.len());
                    out.push_str(&after[..end]);
                    rest = &after[end..];
                } else {
                    rest = after;
                }
            }
            // A no-break space reads as a space.
            out.replace("&amp;", "&").replace('\u{a0}', " ")
        })
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn the_word_decision_has_the_text_tables_styles_and_page_numbers() {
    let t = Templates::embedded();
    let items = example_items();
    let c = compile(
        &t,
        &ReportSettings::default(),
        &items,
        Format::Docx,
        &|_, _| {},
    )
    .unwrap();
    let doc = docx_part(&c.bytes, "word/document.xml");
    let paras = docx_paragraphs(&doc);
    for needle in [
        "QUYẾT ĐỊNH",
        "Điều 1.",
        "PHƯƠNG ÁN ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH",
        "1. Thủ tục Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu (mã số 2.000648.000.00.00.H32)",
        "- Chi phí tuân thủ TTHC trước khi đơn giản hóa: 297.692.800 đồng/năm.",
        "Tổng cộng",
        "396.576.800",
        "174.985.240",
        "44,12 %",
        "Nơi nhận:",
        "KT. CHỦ TỊCH",
    ] {
        assert!(
            paras.iter().any(|p| p.contains(needle)),
            "«{needle}» not in the DOCX:\n{paras:#?}"
        );
    }
    // Bold "Điều 1." run, then the article.
    assert!(doc.contains("<w:b />") || doc.contains("<w:b/>"));
    // Tables: letterhead, signature (borderless), summary with a repeated header row.
    assert_eq!(doc.matches("<w:tbl>").count(), 3, "three tables");
    assert_eq!(doc.matches("<w:tblHeader />").count(), 1);
    assert!(doc.contains("<w:cantSplit />"));
    // The summary's rows: header + 2 groups + 3 TTHC + 2 subtotals + total.
    let summary = &doc[doc.rfind("<w:tbl>").unwrap()..];
    assert_eq!(
        summary.matches("<w:tr>").count() + summary.matches("<w:tr ").count(),
        9
    );
    // Word heading styles, the office's font, the page number field at the top.
    let styles = docx_part(&c.bytes, "word/styles.xml");
    assert!(styles.contains("heading 1") && styles.contains("heading 2"));
    assert!(styles.contains("Times New Roman"));
    assert!(doc.contains("w:val=\"Heading2\""));
    let headers: String = ["word/header1.xml", "word/header2.xml"]
        .iter()
        .map(|h| docx_part(&c.bytes, h))
        .collect();
    assert!(headers.contains("PAGE"), "page number field");
    // A4, NĐ 30 margins (left 30 mm = 1701 twips).
    assert!(doc.contains("w:w=\"11905\"") || doc.contains("w:w=\"11906\""));
    assert!(doc.contains("w:left=\"1700\"") || doc.contains("w:left=\"1701\""));
}

#[test]
fn the_single_review_in_word_has_letterhead_date_and_signers() {
    let t = Templates::embedded();
    let r =
        tthc_review::storage::load_review(&examples_dir().join("xang-dau-cap-gcn-cua-hang.ron"))
            .unwrap();
    let bytes = review_report(&t, &ReportSettings::default(), &r, Format::Docx).unwrap();
    let xml = docx_part(&bytes, "word/document.xml");
    // The room's name is broken between words the way the PDF breaks it, never "THƯƠNG / MẠI".
    assert!(
        !xml.contains("THƯƠNG</w:t><w:br"),
        "a name cut after «THƯƠNG»"
    );
    let paras = docx_paragraphs(&xml);
    for needle in [
        "SỞ CÔNG THƯƠNG",
        "PHÒNG QUẢN LÝ THƯƠNG MẠI - XUẤT NHẬP KHẨU",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "……, ngày …… tháng …… năm ……",
        "NGƯỜI RÀ SOÁT",
        "TRƯỞNG PHÒNG",
        "Nguyễn Thị Minh Hằng",
        "Tổng chi phí tuân thủ/năm",
        "297.692.800",
    ] {
        assert!(
            paras.iter().any(|p| p.contains(needle)),
            "«{needle}» not in the DOCX"
        );
    }
}

// ---------- Excel ----------

/// A small evaluator for the formulas the workbook uses (cell and sheet references, ranges,
/// + − × ÷, =, ROUND, SUM, IF), in exact decimals: it recomputes the workbook from its inputs.
mod eval {
    use calamine::{Data, Range, Reader, Xlsx};
    use rust_decimal::prelude::*;
    use std::collections::HashMap;

    #[derive(Debug, Clone)]
    pub enum V {
        N(Decimal),
        S(#[allow(dead_code)] String),
        L(Vec<V>),
    }

    pub struct Book {
        values: HashMap<String, Range<Data>>,
        formulas: HashMap<String, Range<String>>,
    }

    impl Book {
        pub fn open(bytes: &[u8]) -> Self {
            let mut x: Xlsx<_> =
                calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
            let names = x.sheet_names().to_vec();
            let mut values = HashMap::new();
            let mut formulas = HashMap::new();
            for n in names {
                values.insert(n.clone(), x.worksheet_range(&n).unwrap());
                formulas.insert(n.clone(), x.worksheet_formula(&n).unwrap());
            }
            Book { values, formulas }
        }

        pub fn cached(&self, sheet: &str, row: u32, col: u32) -> Option<Decimal> {
            match self.values[sheet].get_value((row, col))? {
                Data::Float(f) => f.to_string().parse().ok(),
                Data::Int(i) => Some(Decimal::from(*i)),
                _ => None,
            }
        }

        pub fn formula(&self, sheet: &str, row: u32, col: u32) -> Option<String> {
            self.formulas[sheet]
                .get_value((row, col))
                .filter(|f| !f.is_empty())
                .cloned()
        }

        /// The value of a cell: its formula computed, else its input.
        pub fn value(&self, sheet: &str, row: u32, col: u32) -> V {
            if let Some(f) = self.formula(sheet, row, col) {
                let mut p = Parser {
                    s: f.trim_start_matches('=').as_bytes(),
                    i: 0,
                    book: self,
                    sheet,
                };
                return p.cmp();
            }
            match self.values[sheet].get_value((row, col)) {
                Some(Data::Float(f)) => V::N(f.to_string().parse().unwrap()),
                Some(Data::Int(i)) => V::N(Decimal::from(*i)),
                Some(Data::String(s)) => V::S(s.clone()),
                _ => V::N(Decimal::ZERO),
            }
        }

        pub fn number(&self, sheet: &str, row: u32, col: u32) -> Option<Decimal> {
            match self.value(sheet, row, col) {
                V::N(d) => Some(d),
                _ => None,
            }
        }
    }

    fn num(v: V) -> Decimal {
        match v {
            V::N(d) => d,
            V::L(l) => l.into_iter().map(num).sum(),
            V::S(_) => Decimal::ZERO,
        }
    }

    struct Parser<'a> {
        s: &'a [u8],
        i: usize,
        book: &'a Book,
        sheet: &'a str,
    }

    impl Parser<'_> {
        fn peek(&self) -> Option<u8> {
            self.s.get(self.i).copied()
        }
        fn eat(&mut self, c: u8) -> bool {
            if self.peek() == Some(c) {
                self.i += 1;
                true
            } else {
                false
            }
        }
        fn cmp(&mut self) -> V {
            let a = self.expr();
            if self.eat(b'=') {
                let b = self.expr();
                return V::N(if num(a) == num(b) {
                    Decimal::ONE
                } else {
                    Decimal::ZERO
                });
            }
            a
        }
        fn expr(&mut self) -> V {
            let mut a = self.term();
            loop {
                if self.eat(b'+') {
                    a = V::N(num(a) + num(self.term()));
                } else if self.eat(b'-') {
                    a = V::N(num(a) - num(self.term()));
                } else {
                    return a;
                }
            }
        }
        fn term(&mut self) -> V {
            let mut a = self.factor();
            loop {
                if self.eat(b'*') {
                    a = V::N(num(a) * num(self.factor()));
                } else if self.eat(b'/') {
                    a = V::N(num(a) / num(self.factor()));
                } else {
                    return a;
                }
            }
        }
        fn factor(&mut self) -> V {
            if self.eat(b'-') {
                return V::N(-num(self.factor()));
            }
            if self.eat(b'(') {
                let v = self.cmp();
                assert!(self.eat(b')'));
                return v;
            }
            if self.eat(b'"') {
                let start = self.i;
                while self.peek() != Some(b'"') {
                    self.i += 1;
                }
                let s = String::from_utf8(self.s[start..self.i].to_vec()).unwrap();
                self.i += 1;
                return V::S(s);
            }
            if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                let start = self.i;
                while self.peek().is_some_and(|c| c.is_ascii_digit() || c == b'.') {
                    self.i += 1;
                }
                let t = std::str::from_utf8(&self.s[start..self.i]).unwrap();
                return V::N(t.parse().unwrap());
            }
            // A sheet-qualified reference, a function, or a reference.
            let mut sheet = self.sheet.to_string();
            if self.eat(b'\'') {
                let start = self.i;
                while self.peek() != Some(b'\'') {
                    self.i += 1;
                }
                sheet = String::from_utf8(self.s[start..self.i].to_vec()).unwrap();
                self.i += 1;
                assert!(self.eat(b'!'));
            }
            let start = self.i;
            while self
                .peek()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'$')
            {
                self.i += 1;
            }
            let word = std::str::from_utf8(&self.s[start..self.i])
                .unwrap()
                .to_string();
            if self.eat(b'(') {
                let mut args = Vec::new();
                if !self.eat(b')') {
                    loop {
                        args.push(self.cmp());
                        if self.eat(b')') {
                            break;
                        }
                        assert!(self.eat(b','));
                    }
                }
                return match word.as_str() {
                    "SUM" => V::N(args.into_iter().map(num).sum()),
                    "ROUND" => {
                        let mut it = args.into_iter();
                        let v = num(it.next().unwrap());
                        let dp = num(it.next().unwrap()).to_u32().unwrap();
                        V::N(v.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero))
                    }
                    "IF" => {
                        let mut it = args.into_iter();
                        let c = num(it.next().unwrap());
                        let (a, b) = (it.next().unwrap(), it.next().unwrap());
                        if c.is_zero() { b } else { a }
                    }
                    f => panic!("function {f} not known"),
                };
            }
            let (r1, c1) = cell(&word);
            if self.eat(b':') {
                let start = self.i;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'$')
                {
                    self.i += 1;
                }
                let (r2, c2) = cell(std::str::from_utf8(&self.s[start..self.i]).unwrap());
                let mut l = Vec::new();
                for r in r1..=r2 {
                    for c in c1..=c2 {
                        l.push(self.book.value(&sheet, r, c));
                    }
                }
                return V::L(l);
            }
            self.book.value(&sheet, r1, c1)
        }
    }

    /// "$D$2" → (1, 3).
    fn cell(a: &str) -> (u32, u32) {
        let a = a.replace('$', "");
        let col = a
            .bytes()
            .take_while(|c| c.is_ascii_alphabetic())
            .fold(0u32, |n, c| n * 26 + (c - b'A' + 1) as u32)
            - 1;
        let row: u32 = a
            .trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .parse()
            .unwrap();
        (row - 1, col)
    }
}

fn row_of(book_text: &calamine::Range<calamine::Data>, col: u32, label: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for (r, row) in book_text.rows().enumerate() {
        if let Some(calamine::Data::String(s)) = row.get(col as usize)
            && s == label
        {
            out.push(r as u32 + book_text.start().unwrap().0);
        }
    }
    out
}

#[test]
fn the_workbook_recomputes_to_the_engine_figures() {
    use calamine::Reader;
    let t = Templates::embedded();
    let mut items = example_items();
    items.extend(big_reviews(4));
    let c = compile(
        &t,
        &ReportSettings::default(),
        &items,
        Format::Xlsx,
        &|_, _| {},
    )
    .unwrap();
    let book = eval::Book::open(&c.bytes);
    let mut x: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(c.bytes.clone())).unwrap();
    let summary = x.worksheet_range("Tổng hợp").unwrap();
    // Each review's row: found by its name; before/after/saving/% recomputed and cached.
    let mut checked = 0;
    for (_, r) in &items {
        let r = r.as_ref().unwrap();
        let cost = review_cost(r).unwrap();
        let i = r.chosen_index().unwrap();
        let res = &cost.options[i].as_ref().unwrap().result;
        let label = format!(
            "{} ({})",
            r.tthc.name,
            tthc_review::report::option_name(r, i)
        );
        let rows = row_of(&summary, 1, &label);
        assert_eq!(rows.len(), 1, "{label}");
        let row = rows[0];
        for (col, want) in [(2, res.before), (3, res.after), (4, res.saving)] {
            assert!(book.formula("Tổng hợp", row, col).is_some(), "a formula");
            assert_eq!(
                book.number("Tổng hợp", row, col),
                Some(want),
                "{label} col {col}"
            );
            assert_eq!(
                book.cached("Tổng hợp", row, col),
                Some(want),
                "cached {label}"
            );
        }
        let pct = res.percent.unwrap() / Decimal::ONE_HUNDRED;
        assert_eq!(book.number("Tổng hợp", row, 5), Some(pct), "{label} %");
        assert_eq!(book.cached("Tổng hợp", row, 5), Some(pct));
        checked += 1;
    }
    assert_eq!(checked, 7);
    // Subtotals and the total are SUM formulas equal to the engine's aggregate.
    let total = row_of(&summary, 0, "Tổng cộng")[0];
    assert!(book.formula("Tổng hợp", total, 2).unwrap().contains("SUM"));
    assert_eq!(book.number("Tổng hợp", total, 2), Some(c.totals.before));
    assert_eq!(book.number("Tổng hợp", total, 3), Some(c.totals.after));
    assert_eq!(book.number("Tổng hợp", total, 4), Some(c.totals.saving));
    assert_eq!(
        book.number("Tổng hợp", total, 5),
        Some(c.totals.percent.unwrap() / Decimal::ONE_HUNDRED)
    );
    assert_eq!(row_of(&summary, 0, "Cộng lĩnh vực I").len(), 1);
    // Every review sheet's per-year cells recompute to the engine, the time cost is a formula.
    for k in 1..=7 {
        let name = format!("TTHC {k}");
        let sheet = x.worksheet_range(&name).unwrap();
        let per_year = row_of(&sheet, 0, "Tổng chi phí tuân thủ/năm");
        // The current table and one per option that can be costed (the chosen one first).
        let options = sheet
            .rows()
            .filter(|r| {
                matches!(r.first(), Some(calamine::Data::String(s))
                    if s.starts_with("2. Chi phí tuân thủ sau") || s.contains("Phương án không chọn"))
            })
            .count();
        assert!(options >= 1, "{name}: the chosen option's table");
        assert_eq!(per_year.len(), 1 + options, "{name}: a table per option");
        for r in per_year {
            let v = book.number(&name, r, 7).unwrap();
            assert_eq!(book.cached(&name, r, 7), Some(v), "{name} row {r}");
        }
        assert!(
            book.formula(&name, 5, 4).unwrap().starts_with("ROUND("),
            "time cost = ROUND(hours × income)"
        );
    }
    // Number formats a reader sees in Excel.
    let styles = {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(&c.bytes)).unwrap();
        let mut s = String::new();
        z.by_name("xl/styles.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    assert!(styles.contains("#,##0") && styles.contains("0.00%"));
}

#[test]
fn cli_picks_the_format_by_extension_from_a_relative_folder() {
    let dir = tempfile::tempdir().unwrap();
    let reviews = dir.path().join("saved-reviews");
    std::fs::create_dir(&reviews).unwrap();
    for f in example_files() {
        std::fs::copy(&f, reviews.join(f.file_name().unwrap())).unwrap();
    }
    let bin = env!("CARGO_BIN_EXE_tthc-review");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(bin)
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["compile", "saved-reviews", "-o", "quyet-dinh.docx"]);
    run(&["compile", "saved-reviews", "-o", "tong-hop.XLSX"]);
    run(&[
        "export",
        "saved-reviews/xang-dau-cap-gcn-cua-hang.ron",
        "-o",
        "xang-dau.xlsx",
    ]);
    run(&[
        "export",
        "saved-reviews/xang-dau-cap-gcn-cua-hang.ron",
        "-o",
        "xang-dau.pdf",
    ]);
    let docx = std::fs::read(dir.path().join("quyet-dinh.docx")).unwrap();
    assert_eq!(&docx[..2], b"PK");
    assert!(docx_part(&docx, "word/document.xml").contains("396.576.800"));
    let xlsx = std::fs::read(dir.path().join("tong-hop.XLSX")).unwrap();
    let book = eval::Book::open(&xlsx);
    assert!(book.formula("Tổng hợp", 3, 2).is_some());
    let one = eval::Book::open(&std::fs::read(dir.path().join("xang-dau.xlsx")).unwrap());
    let mut x: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(
        std::fs::read(dir.path().join("xang-dau.xlsx")).unwrap(),
    ))
    .unwrap();
    use calamine::Reader;
    let sheet = x.worksheet_range("TTHC 1").unwrap();
    let rows = row_of(&sheet, 0, "Tổng chi phí tuân thủ/năm");
    assert_eq!(
        one.number("TTHC 1", rows[0], 7),
        Some(Decimal::from(297_692_800))
    );
    assert_eq!(
        one.number("TTHC 1", rows[1], 7),
        Some(Decimal::from(218_970_400))
    );
    let pdf = std::fs::read(dir.path().join("xang-dau.pdf")).unwrap();
    let s = text(&pdf);
    assert_has(&s, "NGƯỜI RÀ SOÁT");
    assert_has(&s, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    // An unknown extension is refused, naming the three.
    let out = std::process::Command::new(bin)
        .args(["compile", "saved-reviews", "-o", "bao-cao.odt"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(".pdf, .docx, .xlsx"), "{err}");
}

/// A page break inside a paragraph leaves at least two of its lines on each page.
#[test]
fn no_single_line_of_a_paragraph_is_left_on_a_page() {
    let long: Vec<String> = (1..=70).map(|i| format!("chữ{i}")).collect();
    for filler in 30..46 {
        let mut doc = filled(filler);
        doc.push(body(&long.join(" ")));
        let text = poppler("pdftotext", &pdf::write(&doc).expect("a PDF"), &["-layout"]);
        let per_page: Vec<usize> = text
            .split('\x0c')
            .map(|p| p.lines().filter(|l| l.contains("chữ")).count())
            .filter(|&n| n > 0)
            .collect();
        assert!(per_page.iter().sum::<usize>() >= 4, "{per_page:?}");
        assert!(
            per_page.iter().all(|&n| n >= 2),
            "filler {filler}: lines per page {per_page:?}"
        );
    }
}

// ---------- Word's schema order ----------

/// The children of each WordprocessingML property container in the order of ECMA-376 Part 1
/// (wml.xsd), written out here from the schema independently of the writer.
fn schema_sequence(container: &str) -> Option<&'static [&'static str]> {
    Some(match container {
        "w:rPr" => &[
            "w:ins",
            "w:del",
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
        ],
        "w:pPr" => &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
        "w:tblPr" => &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
        ],
        "w:tcPr" => &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
        ],
        "w:sectPr" => &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
        ],
        "w:tblBorders" | "w:tcBorders" => &[
            "w:top",
            "w:left",
            "w:start",
            "w:bottom",
            "w:right",
            "w:end",
            "w:insideH",
            "w:insideV",
            "w:tl2br",
            "w:tr2bl",
        ],
        "w:pBdr" => &[
            "w:top",
            "w:left",
            "w:bottom",
            "w:right",
            "w:between",
            "w:bar",
        ],
        "w:tblCellMar" | "w:tcMar" => {
            &["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end"]
        }
        "w:style" => &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
        _ => return None,
    })
}

/// Every element with its direct children's names, from a plain scan of the XML.
fn element_children(xml: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let end = rest.find('>').expect("a closed tag");
        let tag = &rest[..=end];
        rest = &rest[end + 1..];
        if tag.starts_with("<?") || tag.starts_with("<!") {
            continue;
        }
        if let Some(name) = tag.strip_prefix("</") {
            let name = name.trim_end_matches('>').trim();
            let open = stack.pop().expect("balanced");
            assert_eq!(out[open].0, name, "balanced tags");
            continue;
        }
        let name: String = tag[1..]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
            .collect();
        if let Some(parent) = stack.last() {
            out[*parent].1.push(name.clone());
        }
        out.push((name, Vec::new()));
        if !tag.ends_with("/>") {
            stack.push(out.len() - 1);
        }
    }
    out
}

/// The containers whose children are out of the schema's order, with the two names.
fn out_of_order(xml: &str) -> Vec<String> {
    let mut bad = Vec::new();
    for (name, children) in element_children(xml) {
        let Some(seq) = schema_sequence(&name) else {
            continue;
        };
        let ranks: Vec<(usize, &String)> = children
            .iter()
            .filter_map(|c| seq.iter().position(|s| s == c).map(|r| (r, c)))
            .collect();
        for pair in ranks.windows(2) {
            if pair[1].0 < pair[0].0 {
                bad.push(format!("<{name}>: <{}> before <{}>", pair[0].1, pair[1].1));
            }
        }
        // Children the schema puts first.
        let first = match name.as_str() {
            "w:p" => Some("w:pPr"),
            "w:r" => Some("w:rPr"),
            "w:tc" => Some("w:tcPr"),
            _ => None,
        };
        if let Some(f) = first
            && children.iter().skip(1).any(|c| c == f)
        {
            bad.push(format!("<{name}>: <{f}> is not first"));
        }
    }
    bad
}

fn docx_parts(docx: &[u8]) -> Vec<(String, String)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let names: Vec<String> = (0..z.len())
        .map(|i| z.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    names
        .into_iter()
        .filter(|n| n.ends_with(".xml"))
        .map(|n| {
            let mut s = String::new();
            z.by_name(&n).unwrap().read_to_string(&mut s).unwrap();
            (n, s)
        })
        .collect()
}

#[test]
fn every_word_property_is_in_the_schema_order_and_the_file_says_vietnamese() {
    let t = Templates::embedded();
    let mut items = example_items();
    items.extend(big_reviews(6));
    let compiled = compile(
        &t,
        &ReportSettings::default(),
        &items,
        Format::Docx,
        &|_, _| {},
    )
    .unwrap()
    .bytes;
    let r =
        tthc_review::storage::load_review(&examples_dir().join("xang-dau-cap-gcn-cua-hang.ron"))
            .unwrap();
    let single = review_report(&t, &ReportSettings::default(), &r, Format::Docx).unwrap();
    for (which, docx) in [("compiled", &compiled), ("single", &single)] {
        let parts = docx_parts(docx);
        let mut containers = 0;
        for (name, xml) in &parts {
            containers += element_children(xml)
                .iter()
                .filter(|(n, _)| schema_sequence(n).is_some())
                .count();
            let bad = out_of_order(xml);
            assert!(bad.is_empty(), "{which} {name}: {bad:#?}");
        }
        assert!(containers > 100, "{which}: {containers} containers checked");
        let styles = docx_part(docx, "word/styles.xml");
        assert!(
            styles.contains(r#"<w:lang w:val="vi-VN""#),
            "{which}: the default language is Vietnamese"
        );
        let core = docx_part(docx, "docProps/core.xml");
        assert!(!core.contains(">unknown<"), "{which}: {core}");
        assert!(core.contains("<dc:language>vi-VN</dc:language>"));
        let doc = docx_part(docx, "word/document.xml");
        // Cells padded 3 pt above and below, as the PDF's.
        assert!(
            doc.contains(r#"<w:top w:w="60" w:type="dxa" />"#),
            "{which}: cell padding"
        );
    }
    let core = docx_part(&single, "docProps/core.xml");
    assert!(
        core.contains(
            "<dc:creator>Sở Công Thương, Phòng Quản lý Thương mại - Xuất nhập khẩu</dc:creator>"
        ) || core.contains("<dc:creator>Sở Công Thương"),
        "{core}"
    );
    // The writer's own output before the fix had these out of order: the check can fail.
    assert!(!out_of_order(r#"<w:r><w:rPr><w:sz w:val="26" /><w:b /></w:rPr></w:r>"#).is_empty());
    assert!(!out_of_order(r#"<w:pPr><w:rPr /><w:pStyle w:val="H" /></w:pPr>"#).is_empty());
}

// ---------- The decision out of the box ----------

/// The shipped reviews and plan in `dir/saved-reviews`, the plan moved to `year`.
fn office_folder(dir: &std::path::Path, year: i32) -> PathBuf {
    let reviews = dir.join("saved-reviews");
    std::fs::create_dir(&reviews).unwrap();
    for f in example_files() {
        std::fs::copy(&f, reviews.join(f.file_name().unwrap())).unwrap();
    }
    let plan = std::fs::read_to_string(examples_dir().join("ke-hoach-2024.plan.ron")).unwrap();
    std::fs::write(
        reviews.join(format!("ke-hoach-{year}.plan.ron")),
        plan.replace("year: 2024", &format!("year: {year}"))
            .replace("\"2024-", &format!("\"{year}-")),
    )
    .unwrap();
    reviews
}

fn run_bin(dir: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tthc-review"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout)
}

#[test]
fn a_2025_plan_compiles_to_a_2025_decision_with_nothing_to_fix_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let reviews = office_folder(dir.path(), 2025);
    // A review whose name starts with "Thủ tục" and that has no mã số yet.
    let p = reviews.join("vlncn-cap-lai-gcn-huan-luyen.ron");
    let mut r = tthc_review::storage::load_review(&p).unwrap();
    r.tthc.name = format!("Thủ tục {}", r.tthc.name);
    r.tthc.code = String::new();
    tthc_review::storage::save_review(&p, &r).unwrap();
    let said = run_bin(
        dir.path(),
        &["compile", "saved-reviews", "-o", "quyet-dinh.pdf"],
    );
    // The missing mã số is a warning before the report, not a hole in it.
    assert!(said.contains("chưa ghi mã số TTHC"), "{said}");
    let pdf = std::fs::read(dir.path().join("quyet-dinh.pdf")).unwrap();
    let text = text(&pdf);
    for needle in [
        "……, ngày …… tháng …… năm 2025",
        "Căn cứ Kế hoạch rà soát, đánh giá thủ tục hành chính năm 2025 của Ủy ban nhân dân tỉnh;",
        "tháng …… năm 2025.",
        "ngày …… tháng …… năm 2025 của Chủ tịch Ủy ban nhân dân tỉnh)",
        "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;",
        "thuộc phạm vi chức năng quản lý của Sở Công Thương",
        "Thủ tục Cấp lại Giấy chứng nhận huấn luyện",
        "ngày làm việc",
    ] {
        assert_has(&text, needle);
    }
    for wrong in [
        "2026",
        "(mã số )",
        "mã số )",
        "Thủ tục Thủ tục",
        "()",
        "Lĩnh vực: .",
    ] {
        assert!(!text.contains(wrong), "«{wrong}» in the decision:\n{text}");
    }
    // The summary's days are labelled as the TTHC count them.
    assert_has(&text, "Tổng thời gian giải quyết: trước");
    let summary = &text[text.rfind("Tổng thời gian giải quyết: trước").unwrap()..];
    assert!(
        summary.starts_with("Tổng thời gian giải quyết: trước ")
            && summary.contains(" ngày làm việc, sau "),
        "{summary}"
    );
    // No line starts with a unit torn from its number.
    for line in poppler("pdftotext", &pdf, &["-layout"]).lines() {
        let l = line.trim_start();
        assert!(
            !(l.starts_with("% ") || l == "%" || l.starts_with("đồng")),
            "a line starts with a unit: «{line}»"
        );
    }
    // Settings saved last year with a fixed year are named, not printed silently.
    let mut s = ReportSettings::default();
    s.place_date = "……, ngày …… tháng …… năm 2026".into();
    std::fs::write(dir.path().join("thiet-lap.ron"), s.to_ron()).unwrap();
    let said = run_bin(
        dir.path(),
        &[
            "compile",
            "saved-reviews",
            "-o",
            "qd2.pdf",
            "--settings",
            "thiet-lap.ron",
        ],
    );
    assert!(
        said.contains("ghi năm 2026 nhưng quyết định thuộc năm 2025"),
        "{said}"
    );
}

#[test]
fn the_reviews_internal_note_is_printed_only_when_ticked() {
    let t = Templates::embedded();
    let mut r = case_s();
    r.note = "Ghi chú nội bộ: hỏi lại phòng Kế hoạch".into();
    r.print_note = false;
    let pdf = review_report(&t, &ReportSettings::default(), &r, Format::Pdf).unwrap();
    assert!(!text(&pdf).contains("hỏi lại phòng Kế hoạch"));
    r.print_note = true;
    let pdf = review_report(&t, &ReportSettings::default(), &r, Format::Pdf).unwrap();
    assert_has(
        &text(&pdf),
        "Ghi chú: Ghi chú nội bộ: hỏi lại phòng Kế hoạch",
    );
    // An empty lĩnh vực prints no "Lĩnh vực: ." and the fee no "()".
    r.tthc.field = String::new();
    r.tthc.fee.basis = String::new();
    let pdf = review_report(&t, &ReportSettings::default(), &r, Format::Pdf).unwrap();
    let text = text(&pdf);
    assert!(!text.contains("Lĩnh vực: ."), "{text}");
    assert!(!text.contains("đồng ()"), "{text}");
}

// ---------- Text a reader copies out of the PDF ----------

#[test]
fn copied_pdf_text_keeps_its_words_apart_and_the_file_says_vietnamese() {
    let t = Templates::embedded();
    let c = compile(
        &t,
        &ReportSettings::default(),
        &example_items(),
        Format::Pdf,
        &|_, _| {},
    )
    .unwrap();
    // The justified Căn cứ lines, as pdftotext copies them.
    let plain = poppler("pdftotext", &c.bytes, &[]).replace('\n', " ");
    assert!(
        plain.contains("Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính phủ"),
        "{plain}"
    );
    // As MuPDF readers (SumatraPDF) copy it: only the space characters in the file count.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("qd.pdf");
    std::fs::write(&path, &c.bytes).unwrap();
    let script = "import sys, fitz\nd = fitz.open(sys.argv[1])\nprint(d[0].get_text())\nprint('LANG=' + str(d.pdf_catalog() and d.xref_get_key(d.pdf_catalog(), 'Lang')))\nprint('META=' + repr(d.metadata))";
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&path)
        .output()
        .expect("python3 is needed");
    assert!(
        out.status.success(),
        "PyMuPDF is needed (pip install pymupdf): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mu = String::from_utf8_lossy(&out.stdout).replace('\n', " ");
    let mu = mu.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010",
        "Căn cứ Thông tư số 02/2017/TT-VPCP",
    ] {
        assert!(mu.contains(needle), "«{needle}» not in MuPDF's text:\n{mu}");
    }
    assert!(mu.contains("LANG=('string', 'vi')"), "{mu}");
    assert!(mu.contains("'author': 'ỦY BAN NHÂN DÂN TỈNH ……'"), "{mu}");
    assert!(
        mu.contains("'format': 'PDF 1.") || mu.contains("'format': 'PDF"),
        "{mu}"
    );
    // No empty PDF/X key: tools would call the file PDF/X.
    let info = poppler("pdfinfo", &c.bytes, &[]);
    assert!(!info.contains("PDF/X"), "{info}");
    assert!(!String::from_utf8_lossy(&c.bytes).contains("GTS_PDFXVersion"));
    assert!(
        info.contains("Author:") && info.contains("ỦY BAN NHÂN DÂN"),
        "{info}"
    );
}

// ---------- The workbook as it prints ----------

fn sheet_xml(xlsx: &[u8], n: usize) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut s = String::new();
    z.by_name(&format!("xl/worksheets/sheet{n}.xml"))
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// The number format of each style index of the workbook.
fn cell_formats(xlsx: &[u8]) -> Vec<String> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut s = String::new();
    z.by_name("xl/styles.xml")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    let mut codes = std::collections::HashMap::new();
    for part in s.split("<numFmt ").skip(1) {
        let id: u32 = part
            .split("numFmtId=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let code = part
            .split("formatCode=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        codes.insert(id, code.replace("&quot;", "\""));
    }
    codes.insert(0, "General".into());
    codes.insert(3, "#,##0".into());
    codes.insert(10, "0.00%".into());
    let xfs = s
        .split("<cellXfs")
        .nth(1)
        .unwrap()
        .split("</cellXfs>")
        .next()
        .unwrap();
    xfs.split("<xf ")
        .skip(1)
        .map(|x| {
            let id: u32 = x
                .split("numFmtId=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            codes.get(&id).cloned().unwrap_or_default()
        })
        .collect()
}

#[test]
fn the_workbook_prints_on_a4_one_page_wide_with_every_option_and_the_unit() {
    use calamine::Reader;
    let t = Templates::embedded();
    let mut items = example_items();
    // 18-digit amounts in the totals.
    let mut big = case_s();
    big.tthc.name = "Thủ tục có số tiền rất lớn".into();
    big.tthc.code = "9.999999".into();
    big.activities[0].other = fig("99999999999999");
    big.subjects = fig("9999");
    items.push((PathBuf::from("lon.ron"), Ok(big)));
    let mut s = ReportSettings::default();
    s.money_unit = MoneyUnit::NghinDong;
    let c = compile(&t, &s, &items, Format::Xlsx, &|_, _| {}).unwrap();
    let formats = cell_formats(&c.bytes);
    let mut x: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(c.bytes.clone())).unwrap();
    let names = x.sheet_names().to_vec();
    assert_eq!(names[0], "Tổng hợp");
    for (k, name) in names.iter().enumerate() {
        let xml = sheet_xml(&c.bytes, k + 1);
        // A4, fitted to one page wide, landscape, header rows repeated.
        assert!(xml.contains(r#"paperSize="9""#), "{name}: A4");
        assert!(xml.contains(r#"orientation="landscape""#), "{name}");
        assert!(xml.contains(r#"fitToHeight="0""#), "{name}: fit to width");
        assert!(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), "{name}");
        assert!(xml.contains("<pane "), "{name}: frozen panes");
        // Every amount fits its column: width ≥ its printed length.
        let widths: Vec<(u32, u32, f64)> = xml
            .split("<col ")
            .skip(1)
            .map(|c| {
                let attr = |a: &str| {
                    c.split(&format!("{a}=\""))
                        .nth(1)
                        .unwrap()
                        .split('"')
                        .next()
                        .unwrap()
                        .to_string()
                };
                (
                    attr("min").parse().unwrap(),
                    attr("max").parse().unwrap(),
                    attr("width").parse().unwrap(),
                )
            })
            .collect();
        let range = x.worksheet_range(name).unwrap();
        for (r, row) in range.rows().enumerate() {
            for (col, v) in row.iter().enumerate() {
                if let calamine::Data::Float(f) = v {
                    let shown =
                        money(Decimal::from_f64_retain(f.abs().round()).unwrap_or_default());
                    let w = widths
                        .iter()
                        .find(|(a, b, _)| (*a..=*b).contains(&(col as u32 + 1)))
                        .map(|(_, _, w)| *w)
                        .unwrap_or(8.43);
                    assert!(
                        w >= shown.chars().count() as f64 + 1.0,
                        "{name} row {r} col {col}: {shown} in a column {w} wide"
                    );
                }
            }
        }
    }
    // The print titles (repeated rows) are defined for every sheet.
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&c.bytes)).unwrap();
    let mut wb = String::new();
    z.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut wb)
        .unwrap();
    assert_eq!(
        wb.matches("_xlnm.Print_Titles").count(),
        names.len(),
        "{wb}"
    );
    // The summary in nghìn đồng: headers say so, amounts keep the đồng and show thousands.
    let summary = x.worksheet_range("Tổng hợp").unwrap();
    assert_eq!(
        summary.get_value((1, 2)),
        Some(&calamine::Data::String(
            "Chi phí trước (nghìn đồng/năm)".into()
        ))
    );
    assert_eq!(
        summary.get_value((1, 6)),
        Some(&calamine::Data::String(
            "Thời hạn trước (ngày làm việc)".into()
        ))
    );
    let xml = sheet_xml(&c.bytes, 1);
    let style_of = |cell: &str| -> usize {
        let at = xml
            .find(&format!("<c r=\"{cell}\""))
            .unwrap_or_else(|| panic!("{cell}"));
        xml[at..]
            .split("s=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    // The wrapped header row is tall enough for its lines (Excel does not grow it by itself).
    let header_row = xml.split("<row r=\"2\"").nth(1).unwrap();
    let ht: f64 = header_row
        .split("ht=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        ht >= 30.0 && header_row.contains("customHeight=\"1\""),
        "header row {ht} pt"
    );
    // Row 4 is the first TTHC: C4 an amount in thousands, A4 its STT as a whole number.
    assert_eq!(formats[style_of("C4")], "#,##0,");
    assert_eq!(formats[style_of("A4")], "#,##0");
    // Every option's table: the example with two options shows the one not chosen.
    let with_two = items
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok())
        .filter(|r| r.options.len() > 1)
        .count();
    assert!(with_two >= 1, "an example with two options");
    let mut not_chosen = 0;
    for name in &names[1..] {
        let sheet = x.worksheet_range(name).unwrap();
        not_chosen += sheet
            .rows()
            .filter(|r| matches!(r.first(), Some(calamine::Data::String(s)) if s.contains("Phương án không chọn")))
            .count();
    }
    assert!(
        not_chosen >= with_two,
        "{not_chosen} tables of options not chosen"
    );
}

// ---------- The TTHC record from the national portal ----------

#[test]
fn a_portal_export_in_either_layout_imports_every_field() {
    for layout_b in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("ChiTietTTHC_2.000648.doc");
        std::fs::write(&doc, portal_doc(layout_b)).unwrap();
        let rec = tthc_review::portal::read(&doc).unwrap();
        let r = tthc_review::portal::record_of(
            &rec,
            "ChiTietTTHC_2.000648.doc",
            chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
            None,
        );
        assert_eq!(r.code, "2.000648.000.00.00.H32");
        assert_eq!(
            r.name,
            "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu"
        );
        assert_eq!(r.level, "Cấp Tỉnh");
        assert_eq!(r.field, "Lưu thông hàng hóa trong nước");
        assert_eq!(r.steps.len(), 3);
        assert!(r.steps[0].starts_with("Bước 1:"));
        assert_eq!(r.agency, "Sở Công Thương");
        assert_eq!(r.subjects, [SubjectKind::ToChuc]);
        assert_eq!(
            r.result.name,
            "Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu"
        );
        // Three channels, each its own time and fee.
        assert_eq!(
            r.channels,
            [Channel::TrucTiep, Channel::TrucTuyen, Channel::BuuChinh]
        );
        let terms: Vec<(Option<Channel>, String, DayKind, String)> = r
            .channel_terms
            .iter()
            .map(|t| {
                (
                    t.channel,
                    t.days.value.to_string(),
                    t.day_kind,
                    t.fee.value.to_string(),
                )
            })
            .collect();
        assert_eq!(
            terms,
            [
                (
                    Some(Channel::TrucTiep),
                    "15".into(),
                    DayKind::NgayLamViec,
                    "1250000".into()
                ),
                (
                    Some(Channel::TrucTuyen),
                    "10".into(),
                    DayKind::NgayLamViec,
                    "600000".into()
                ),
                (
                    Some(Channel::BuuChinh),
                    "20".into(),
                    DayKind::Ngay,
                    "1250000".into()
                ),
            ],
            "layout B: {layout_b}"
        );
        // Online is costed by default: its time and fee are the record's.
        assert_eq!(r.costed_channel, Some(Channel::TrucTuyen));
        assert_eq!(r.time_limit.days.value, d("10"));
        assert_eq!(r.fee.amount.value, d("600000"));
        // The dossier, with its case and copies.
        let docs: Vec<(&str, CopyKind)> = r
            .documents
            .iter()
            .map(|x| (x.name.as_str(), x.kind))
            .collect();
        let case = if layout_b {
            "Trường hợp cấp mới"
        } else {
            "Đối với thương nhân đề nghị cấp mới"
        };
        assert_eq!(
            docs,
            [
                (
                    format!("Đơn đề nghị cấp Giấy chứng nhận ({case})").as_str(),
                    CopyKind::BanChinh
                ),
                (
                    format!("Tài liệu chứng minh quyền sở hữu cửa hàng ({case})").as_str(),
                    CopyKind::BanSao
                ),
                (
                    format!("Giấy chứng nhận phòng cháy, chữa cháy ({case})").as_str(),
                    CopyKind::BanSao
                ),
            ]
        );
        assert_eq!(r.forms, ["Mẫu 01.docx"]);
        assert_eq!(r.conditions.len(), 2);
        assert_eq!(
            r.legal_basis,
            [
                "83/2014/NĐ-CP ngày 03/09/2014 của Chính phủ: Nghị định về kinh doanh xăng dầu",
                "95/2021/NĐ-CP ngày 01/11/2021: Nghị định sửa đổi, bổ sung một số điều của Nghị định số 83/2014/NĐ-CP",
            ]
        );
        assert_eq!(r.source.as_ref().unwrap().file, "ChiTietTTHC_2.000648.doc");
    }
}

#[test]
fn import_tthc_makes_a_review_that_checks_computes_and_exports_and_a_newer_file_refreshes_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ChiTietTTHC.doc"), portal_doc(false)).unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tthc-review"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).to_string()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let (ok, said) = run(&["import-tthc", "ChiTietTTHC.doc", "-o", "xang-dau.ron"]);
    assert!(ok, "{said}");
    assert!(said.contains("tính chi phí theo «Trực tuyến»"), "{said}");
    let r = tthc_review::storage::load_review(&dir.path().join("xang-dau.ron")).unwrap();
    // The proposed table: finding out, one row per document, filing, receiving.
    let names: Vec<&str> = r.activities.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names.len(), 6, "{names:?}");
    assert!(names[1].starts_with("Chuẩn bị: Đơn đề nghị"));
    assert_eq!(r.activities[1].hours.value, d("2"), "bản chính");
    assert_eq!(r.activities[2].hours.value, d("0.5"), "bản sao");
    assert!(r.activities[1].hours.note.contains("ước tính của cơ quan"));
    // Every field read back from the saved file is the record the export gives.
    let rec = tthc_review::portal::read(&dir.path().join("ChiTietTTHC.doc")).unwrap();
    let mut want = tthc_review::portal::record_of(
        &rec,
        "ChiTietTTHC.doc",
        chrono::Local::now().date_naive(),
        None,
    );
    want.source = r.tthc.source.clone();
    assert_eq!(r.tthc, want);
    let (ok, said) = run(&["check", "xang-dau.ron"]);
    assert!(ok, "{said}");
    let (ok, said) = run(&["calc", "xang-dau.ron", "--json"]);
    assert!(ok, "{said}");
    let v: serde_json::Value = serde_json::from_str(said.trim()).unwrap();
    assert_eq!(v["code"], "2.000648.000.00.00.H32");
    // With an option, it exports like any review; the report names the costed channel.
    let mut with_option = r.clone();
    let mut o = SimplOption {
        name: "Phương án 1".into(),
        activities: r.activities.clone(),
        chosen: true,
        ..Default::default()
    };
    o.activities[0].hours = fig("1");
    with_option.options.push(o);
    with_option.subjects = fig("10");
    tthc_review::storage::save_review(&dir.path().join("co-phuong-an.ron"), &with_option).unwrap();
    let (ok, said) = run(&["export", "co-phuong-an.ron", "-o", "bao-cao.pdf"]);
    assert!(ok, "{said}");
    let pdf = std::fs::read(dir.path().join("bao-cao.pdf")).unwrap();
    assert_has(
        &text(&pdf),
        "Cách thức được tính chi phí: Trực tuyến (thời hạn 10 ngày làm việc; phí, lệ phí 600.000 đồng; theo Cổng Dịch vụ công quốc gia)",
    );
    let (ok, said) = run(&["import-tthc", "ChiTietTTHC.doc", "-o", "xang-dau.ron"]);
    assert!(!ok && said.contains("--force"), "{said}");
    // The reviewer works on it; then the portal's record changes (the online time is 7 days).
    let mut r = r;
    r.subjects = fig("40");
    r.answers.clear();
    tthc_review::storage::save_review(&dir.path().join("xang-dau.ron"), &r).unwrap();
    let newer = String::from_utf8_lossy(&portal_doc(false)).to_string();
    assert!(!newer.is_empty());
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(portal_doc(false))).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    let xml = xml.replace("10 Ngày làm việc", "7 Ngày làm việc");
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    std::io::Write::write_all(&mut w, xml.as_bytes()).unwrap();
    std::fs::write(dir.path().join("moi.doc"), w.finish().unwrap().into_inner()).unwrap();
    let (ok, said) = run(&["import-tthc", "moi.doc", "--into", "xang-dau.ron"]);
    assert!(ok, "{said}");
    assert!(
        said.contains("[channel_terms] Thời hạn, phí theo cách thức"),
        "{said}"
    );
    assert!(said.contains("Chưa lấy thay đổi nào"), "{said}");
    let before = std::fs::read(dir.path().join("xang-dau.ron")).unwrap();
    let (ok, said) = run(&[
        "import-tthc",
        "moi.doc",
        "--into",
        "xang-dau.ron",
        "--take",
        "channel_terms",
    ]);
    assert!(ok, "{said}");
    assert_ne!(
        std::fs::read(dir.path().join("xang-dau.ron")).unwrap(),
        before
    );
    let r2 = tthc_review::storage::load_review(&dir.path().join("xang-dau.ron")).unwrap();
    assert_eq!(
        r2.tthc.time_limit.days.value,
        d("7"),
        "the costed channel's new time"
    );
    assert_eq!(r2.subjects.value, d("40"), "the reviewer's work untouched");
    assert_eq!(r2.activities, r.activities);
}

#[test]
fn files_that_are_not_a_portal_export_are_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    // A real Word document of another kind (a report this app wrote).
    let t = Templates::embedded();
    let r =
        tthc_review::storage::load_review(&examples_dir().join("xang-dau-cap-gcn-cua-hang.ron"))
            .unwrap();
    let docx = review_report(&t, &ReportSettings::default(), &r, Format::Docx).unwrap();
    let pdf = review_report(&t, &ReportSettings::default(), &r, Format::Pdf).unwrap();
    let mut truncated = portal_doc(false);
    truncated.truncate(truncated.len() / 2);
    // A 1 GB document.xml packed into a small zip: refused while unpacking, never held.
    let bomb = {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        w.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(true),
        )
        .unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..1024 {
            std::io::Write::write_all(&mut w, &block).unwrap();
        }
        w.finish().unwrap().into_inner()
    };
    assert!(bomb.len() < 4 << 20, "{}", bomb.len());
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("bao-cao.doc", docx, "không phải trang chi tiết thủ tục"),
        ("doi-duoi.doc", pdf, "tệp PDF"),
        (
            "cu.doc",
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
            "Word 97-2003",
        ),
        ("cat.doc", truncated, "tệp nén hỏng"),
        ("bom.doc", bomb, "vượt 32 MB"),
    ];
    for (name, bytes, want) in cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "ulimit -v 1048576; exec '{}' import-tthc {name} -o moi.ron",
                env!("CARGO_BIN_EXE_tthc-review")
            ))
            .current_dir(dir.path())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains(name) && err.contains(want), "{name}: {err}");
        assert!(
            !dir.path().join("moi.ron").exists(),
            "{name}: nothing written"
        );
    }
}

#[test]
fn every_writer_tells_its_progress_review_by_review() {
    let t = Templates::embedded();
    let items = example_items();
    for format in [Format::Pdf, Format::Docx, Format::Xlsx] {
        let seen = std::cell::RefCell::new(Vec::new());
        compile(&t, &ReportSettings::default(), &items, format, &|d, n| {
            seen.borrow_mut().push((d, n))
        })
        .unwrap();
        let seen = seen.into_inner();
        let n = items.len();
        // Each review on its way, and the last one says all are done.
        assert!(seen.len() >= n, "{format:?}: {seen:?}");
        assert_eq!(seen.last(), Some(&(n, n)), "{format:?}: {seen:?}");
    }
}

#[test]
fn the_summary_headings_and_the_decision_words_come_from_the_wording_file() {
    let mut t = Templates::embedded();
    for (k, v) in [
        ("report.col_percent", "Giảm %"),
        ("decision.decides", "QUYẾT ĐỊNH THÔNG QUA:"),
        ("decision.article", "Điều thứ {n}."),
    ] {
        t.wording.0.insert(k.into(), v.into());
    }
    let items = example_items();
    let s = ReportSettings::default();
    let pdf = text(
        &compile(&t, &s, &items, Format::Pdf, &|_, _| {})
            .unwrap()
            .bytes,
    );
    assert_has(&pdf, "Giảm %");
    assert_has(&pdf, "QUYẾT ĐỊNH THÔNG QUA:");
    assert_has(&pdf, "Điều thứ 1.");
    let xlsx = compile(&t, &s, &items, Format::Xlsx, &|_, _| {}).unwrap();
    let mut x: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.bytes)).unwrap();
    use calamine::Reader;
    let sheet = x.worksheet_range("Tổng hợp").unwrap();
    assert!(
        sheet.rows().any(|r| r.iter().any(|c| *c == "Giảm %")),
        "the Excel summary has the heading from the wording file"
    );
}

/// `big_reviews(n)` saved in `saved-reviews/` of a new folder, as the office keeps them.
fn saved_big_reviews(n: usize) -> (tempfile::TempDir, Vec<tthc_review::storage::LoadedReview>) {
    let dir = tempfile::tempdir().unwrap();
    let reviews = dir.path().join("saved-reviews");
    std::fs::create_dir(&reviews).unwrap();
    let items = big_reviews(n);
    for (k, (_, r)) in items.iter().enumerate() {
        let path = reviews.join(format!("r{k:02}.ron"));
        tthc_review::storage::save_review(&path, r.as_ref().unwrap()).unwrap();
    }
    (dir, items)
}

/// Word's paragraph ids (`w14:paraId`) of every part of a DOCX.
fn para_ids(docx: &[u8]) -> Vec<String> {
    const KEY: &str = "w14:paraId=\"";
    docx_parts(docx)
        .iter()
        .flat_map(|(_, xml)| {
            xml.match_indices(KEY)
                .map(|(at, _)| xml[at + KEY.len()..at + KEY.len() + 8].to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The Word decision is written as it is made (block by block into the archive): from a folder
/// through the real binary it holds every TTHC and its tables, each paragraph numbered once
/// across the body and the page-number headers — also when the thread has made a document
/// before (the app's report thread).
#[test]
fn the_word_decision_written_as_it_goes_holds_every_tthc_with_unique_paragraph_ids() {
    let (dir, items) = saved_big_reviews(30);
    let bin = env!("CARGO_BIN_EXE_tthc-review");
    let out = std::process::Command::new(bin)
        .args(["compile", "saved-reviews", "-o", "quyet-dinh.docx"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docx = std::fs::read(dir.path().join("quyet-dinh.docx")).unwrap();
    let doc = docx_part(&docx, "word/document.xml");
    let paragraphs = docx_paragraphs(&doc).join("\n");
    for k in 0..30 {
        assert!(
            paragraphs.contains(&format!("Thủ tục thử nghiệm số {k} về số tiền lớn")),
            "TTHC {k} in the Word file"
        );
    }
    // The summary table: a header, 3 group rows, 30 rows, 3 subtotals and the total.
    let summary = doc.rsplit("<w:tbl>").next().unwrap();
    assert_eq!(summary.matches("<w:tr>").count(), 1 + 3 + 30 + 3 + 1);
    assert_eq!(summary.matches("<w:tblHeader />").count(), 1);
    assert!(doc.ends_with("</w:sectPr></w:body></w:document>"));
    let t = Templates::embedded();
    let word = || {
        let s = ReportSettings::default();
        compile(&t, &s, &items, Format::Docx, &|_, _| {})
            .unwrap()
            .bytes
    };
    for (which, docx) in [
        ("real binary", docx.clone()),
        // Made twice on one thread: the second follows the first's paragraph numbers.
        ("first on this thread", word()),
        ("second on this thread", word()),
    ] {
        let ids = para_ids(&docx);
        let unique: std::collections::HashSet<_> = ids.iter().collect();
        assert!(ids.len() > 500, "{which}: {} paragraphs", ids.len());
        assert_eq!(
            unique.len(),
            ids.len(),
            "{which}: a paragraph id used twice"
        );
    }
}

/// Every sheet's values and formulas, as calamine reads them.
fn workbook_cells(xlsx: &[u8]) -> Vec<(String, String, String)> {
    use calamine::Reader;
    let mut x: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    x.sheet_names()
        .into_iter()
        .map(|n| {
            let values = format!("{:?}", x.worksheet_range(&n).unwrap());
            let formulas = format!("{:?}", x.worksheet_formula(&n).unwrap());
            (n, values, formulas)
        })
        .collect()
}

/// A compiled workbook keeps a temporary file open per review sheet: where the system allows
/// few open files (a hard limit of 64 or 180 here, 1 024 on many Linux desktops) the sheets
/// beyond it are kept in memory instead, and the workbook is the same.
#[test]
fn the_workbook_is_the_same_under_a_small_limit_of_open_files() {
    let (dir, items) = saved_big_reviews(80);
    let t = Templates::embedded();
    let expected = workbook_cells(
        &compile(
            &t,
            &ReportSettings::default(),
            &items,
            Format::Xlsx,
            &|_, _| {},
        )
        .unwrap()
        .bytes,
    );
    assert_eq!(expected.len(), 81);
    let bin = env!("CARGO_BIN_EXE_tthc-review");
    for limit in [64, 180, 20_000] {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "ulimit -n {limit} && exec \"$0\" compile saved-reviews -o tong-hop-{limit}.xlsx"
            ))
            .arg(bin)
            .current_dir(dir.path())
            .output()
            .unwrap();
        if limit == 20_000 && !out.status.success() {
            // Only root may raise the hard limit above the machine's.
            eprintln!(
                "skipped the limit of {limit}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            continue;
        }
        assert!(
            out.status.success(),
            "limit {limit}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = std::fs::read(dir.path().join(format!("tong-hop-{limit}.xlsx"))).unwrap();
        let got = workbook_cells(&got);
        assert_eq!(got.len(), expected.len(), "limit {limit}");
        for (g, e) in got.iter().zip(&expected) {
            assert_eq!(g, e, "limit {limit}, sheet {}", e.0);
        }
    }
}
