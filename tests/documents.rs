//! Reports as one document written three ways. What a reader checks: every amount whole in the
//! PDF (pdftotext finds it as one string), headings / header rows / signatures never stranded at
//! a page end, the Word file's text and table structure (read back from its XML), and the Excel
//! workbook's formulas recomputed to the engine's figures to the đồng.

mod common;
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
            let big = format!(
                "{}{}",
                1 + k % 9,
                "234567890123456"[..9 + k % 6].to_string()
            );
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
    let pages = page_words(&pdf::write(doc));
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
            out.replace("&amp;", "&")
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
    let paras = docx_paragraphs(&docx_part(&bytes, "word/document.xml"));
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
        assert_eq!(per_year.len(), 2, "{name}: two tables");
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
        let text = poppler("pdftotext", &pdf::write(&doc), &["-layout"]);
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
