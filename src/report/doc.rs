//! The format-neutral document: what a report says, with no coordinates and no formatted numbers
//! in its tables. `content.rs` and `mod.rs` build it from reviews and settings; `pdf.rs` and
//! `docx.rs` write it. Sizes are in points (the type size a reader sees), never positions.

use rust_decimal::Decimal;

/// Units that never start a line away from their number: "26,44 %", "297.692.800 đồng/năm",
/// "10 ngày làm việc".
const UNITS: [&str; 8] = ["%", "đồng", "ngày", "giờ", "nghìn", "triệu", "tỷ", "lần"];

/// Whether `word` must stay on the line of `prev` (a number and its unit).
pub fn binds_to_previous(prev: &str, word: &str) -> bool {
    let number = prev.trim_start_matches(['(', '-', '+']);
    number.chars().last().is_some_and(|c| c.is_ascii_digit())
        && number
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && UNITS.iter().any(|u| {
            word.strip_prefix(u)
                .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphabetic()))
        })
}

/// `text` with a no-break space between each number and its unit (for writers whose reader
/// breaks the lines, as Word does).
pub fn glue_units(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev = "";
    for (k, part) in text.split(' ').enumerate() {
        if k > 0 {
            out.push(if binds_to_previous(prev, part) {
                '\u{a0}'
            } else {
                ' '
            });
        }
        out.push_str(part);
        prev = part;
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

/// A piece of a paragraph in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }
    pub fn bold(text: impl Into<String>) -> Self {
        Run {
            bold: true,
            ..Run::plain(text)
        }
    }
    pub fn italic(text: impl Into<String>) -> Self {
        Run {
            italic: true,
            ..Run::plain(text)
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub runs: Vec<Run>,
    pub size: f32,
    pub align: Align,
    /// NĐ 30/2020: the first line of a body paragraph is indented 1–1,27 cm.
    pub first_indent: bool,
    /// Whole paragraph indented one step (numbered sub-items).
    pub left_indent: bool,
    pub before: f32,
    pub after: f32,
    /// Never the last thing on a page.
    pub keep_with_next: bool,
}

impl Para {
    /// A justified body paragraph with the first-line indent.
    pub fn body(size: f32, runs: Vec<Run>) -> Self {
        Para {
            runs,
            size,
            align: Align::Justify,
            first_indent: true,
            left_indent: false,
            before: 0.0,
            after: PARA_AFTER,
            keep_with_next: false,
        }
    }
    pub fn text(size: f32, text: impl Into<String>) -> Self {
        Para::body(size, vec![Run::plain(text)])
    }
    pub fn italic(size: f32, text: impl Into<String>) -> Self {
        Para::body(size, vec![Run::italic(text)])
    }
    pub fn centered(mut self) -> Self {
        self.align = Align::Center;
        self.first_indent = false;
        self
    }
    pub fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }
    pub fn space(mut self, before: f32, after: f32) -> Self {
        self.before = before;
        self.after = after;
        self
    }
    pub fn keep(mut self) -> Self {
        self.keep_with_next = true;
        self
    }
    pub fn sub_item(mut self) -> Self {
        self.left_indent = true;
        self
    }
    pub fn no_indent(mut self) -> Self {
        self.first_indent = false;
        self
    }
    pub fn plain_text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// Space after a body paragraph: NĐ 30/2020 asks for at least 6 pt.
pub const PARA_AFTER: f32 = 6.0;

/// What a table cell holds. Numbers stay numbers until a writer prints them.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    /// A serial number (STT).
    Stt(usize),
    /// Whole đồng.
    Money(Decimal),
    /// Hours, counts.
    Number(Decimal),
    /// Days of thời hạn giải quyết.
    Days(Decimal),
    /// A saving: negative means the cost goes up ("tăng …").
    Saving(Decimal),
    /// The cut in %, None when it cannot be computed; `raises` prints "tăng …".
    Percent {
        value: Option<Decimal>,
        raises: bool,
    },
    /// Days before → after.
    DaysChange(Decimal, Decimal),
}

impl Value {
    pub fn is_numeric(&self) -> bool {
        !matches!(self, Value::Text(_))
    }

    /// The value as a table prints it, money in `unit`: "297.692.800", "tăng 1.000",
    /// "26,44 %", "15 → 10".
    pub fn print(&self, unit: MoneyUnit) -> String {
        use crate::cost::format::{number, percent};
        match self {
            Value::Text(s) => s.clone(),
            Value::Stt(n) => n.to_string(),
            Value::Money(v) => unit.print(*v),
            Value::Number(v) | Value::Days(v) => number(*v),
            Value::Saving(v) if v.is_sign_negative() && !v.is_zero() => {
                format!("tăng {}", unit.print(-*v))
            }
            Value::Saving(v) => unit.print(*v),
            Value::Percent { value, raises } => {
                if *raises {
                    format!("tăng {}", percent(value.map(|p| -p)))
                } else {
                    percent(*value)
                }
            }
            Value::DaysChange(a, b) => format!("{} → {}", number(*a), number(*b)),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub value: Value,
    pub bold: bool,
    pub span: usize,
    /// None: text left, numbers right, STT centred.
    pub align: Option<Align>,
}

impl Cell {
    pub fn new(value: Value) -> Self {
        Cell {
            value,
            bold: false,
            span: 1,
            align: None,
        }
    }
    pub fn text(s: impl Into<String>) -> Self {
        Cell::new(Value::Text(s.into()))
    }
    pub fn money(v: Decimal) -> Self {
        Cell::new(Value::Money(v))
    }
    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    pub fn span(mut self, n: usize) -> Self {
        self.span = n;
        self
    }
    pub fn center(mut self) -> Self {
        self.align = Some(Align::Center);
        self
    }
    pub fn alignment(&self) -> Align {
        self.align.unwrap_or(match self.value {
            Value::Text(_) => Align::Left,
            Value::Stt(_) | Value::DaysChange(..) => Align::Center,
            _ => Align::Right,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Body,
    /// A group's heading row (a lĩnh vực): kept with the row under it.
    Group,
    /// Totals under the body rows: never alone at the top of a page.
    Footer,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub kind: RowKind,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn body(cells: Vec<Cell>) -> Self {
        Row {
            kind: RowKind::Body,
            cells,
        }
    }
    pub fn group(cells: Vec<Cell>) -> Self {
        Row {
            kind: RowKind::Group,
            cells,
        }
    }
    pub fn footer(cells: Vec<Cell>) -> Self {
        Row {
            kind: RowKind::Footer,
            cells,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    /// Relative width.
    pub weight: f32,
}

/// How money is printed in a table: đồng, nghìn đồng or triệu đồng ("Đơn vị tính").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum MoneyUnit {
    #[default]
    Dong,
    NghinDong,
    TrieuDong,
}

impl MoneyUnit {
    pub fn divisor(self) -> Decimal {
        match self {
            MoneyUnit::Dong => Decimal::ONE,
            MoneyUnit::NghinDong => Decimal::from(1_000),
            MoneyUnit::TrieuDong => Decimal::from(1_000_000),
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            MoneyUnit::Dong => "đồng",
            MoneyUnit::NghinDong => "nghìn đồng",
            MoneyUnit::TrieuDong => "triệu đồng",
        }
    }
    /// The amount in this unit, the Vietnamese way: whole đồng and nghìn đồng rounded to a
    /// whole number, triệu đồng to two decimals ("8,89"), half away from zero.
    pub fn print(self, v: Decimal) -> String {
        use crate::cost::format::{money, number};
        use rust_decimal::RoundingStrategy::MidpointAwayFromZero;
        match self {
            MoneyUnit::Dong => money(v),
            MoneyUnit::NghinDong => money(v / self.divisor()),
            MoneyUnit::TrieuDong => {
                let r = (v / self.divisor()).round_dp_with_strategy(2, MidpointAwayFromZero);
                let s = number(r);
                // Always two decimals: 8,89; 12,50; 3,00.
                match s.split_once(',') {
                    Some((i, f)) => format!("{i},{f:0<2}"),
                    None => format!("{s},00"),
                }
            }
        }
    }

    pub const ALL: [MoneyUnit; 3] = [MoneyUnit::Dong, MoneyUnit::NghinDong, MoneyUnit::TrieuDong];
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub size: f32,
    pub money_unit: MoneyUnit,
}

/// Quốc hiệu and tiêu ngữ (NĐ 30/2020), printed on the right of every letterhead.
pub const MOTTO: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const SLOGAN: &str = "Độc lập - Tự do - Hạnh phúc";
/// The left (issuing body) column of the letterhead, as a share of the text width.
pub const HEAD_LEFT: f32 = 0.42;

/// The issuing body and number (left), the national motto and place/date (right).
#[derive(Debug, Clone, PartialEq)]
pub struct Letterhead {
    /// "ỦY BAN NHÂN DÂN TỈNH X" above the issuing body, or empty.
    pub upper: String,
    pub lower: String,
    pub number: String,
    pub place_date: String,
}

impl Letterhead {
    /// NĐ 30/2020: the name of the body above the issuer is regular, the issuer's own name bold.
    /// When the issuer's name itself takes both lines ("ỦY BAN NHÂN DÂN" / "TỈNH …"), or there
    /// is one line only, every line is bold.
    pub fn upper_bold(&self) -> bool {
        let lower = crate::model::text_key(&self.lower);
        let place = [
            "tỉnh",
            "thành phố",
            "huyện",
            "quận",
            "thị xã",
            "xã",
            "phường",
            "thị trấn",
        ];
        self.upper.trim().is_empty()
            || lower.is_empty()
            || place.iter().any(|p| {
                lower == crate::model::text_key(p)
                    || lower.starts_with(&(crate::model::text_key(p) + " "))
            })
    }
}

/// One column of the signature block.
#[derive(Debug, Clone, PartialEq)]
pub enum SignSide {
    Empty,
    Recipients(Vec<String>),
    Signer {
        /// "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH" … (bold).
        lines: Vec<String>,
        name: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    pub left: SignSide,
    pub right: SignSide,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Centred bold title; kept with what follows.
    Title {
        text: String,
        size: f32,
    },
    /// Bold heading: level 1 (annex, part), level 2 (TTHC), level 3 (a), b), c)); kept with next.
    Heading {
        text: String,
        level: u8,
        size: f32,
    },
    Para(Para),
    Table(Table),
    /// A short centred rule (under the trích yếu): a fraction of the text width.
    Rule {
        fraction: f32,
    },
    Letterhead(Letterhead),
    Signature(Signature),
    PageBreak,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    /// Who issues it (PDF author, DOCX creator).
    pub author: String,
    pub blocks: Vec<Block>,
    /// When the document was made (PDF metadata, DOCX core properties).
    pub created: chrono::DateTime<chrono::Local>,
}

impl Document {
    pub fn new(title: impl Into<String>) -> Self {
        Document {
            title: title.into(),
            author: String::new(),
            blocks: Vec::new(),
            created: chrono::Local::now(),
        }
    }
    pub fn push(&mut self, b: Block) {
        self.blocks.push(b);
    }
    pub fn para(&mut self, p: Para) {
        self.blocks.push(Block::Para(p));
    }
    pub fn title(&mut self, text: impl Into<String>, size: f32) {
        self.blocks.push(Block::Title {
            text: text.into(),
            size,
        });
    }
    pub fn heading(&mut self, text: impl Into<String>, level: u8, size: f32) {
        self.blocks.push(Block::Heading {
            text: text.into(),
            level,
            size,
        });
    }
    pub fn page_break(&mut self) {
        self.blocks.push(Block::PageBreak);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_units() {
        assert_eq!(
            glue_units("cắt giảm 26,44 % và 297.692.800 đồng/năm, 10 ngày làm việc"),
            "cắt giảm 26,44\u{a0}% và 297.692.800\u{a0}đồng/năm, 10\u{a0}ngày làm việc"
        );
        assert!(!binds_to_previous("Điều", "1."));
        assert!(!binds_to_previous("2", "ngàyx"));
        assert!(!binds_to_previous("72/2025/QH15", "ngày"));
        assert!(binds_to_previous("(2", "lần)"));
    }

    fn head(upper: &str, lower: &str) -> Letterhead {
        Letterhead {
            upper: upper.into(),
            lower: lower.into(),
            number: String::new(),
            place_date: String::new(),
        }
    }

    #[test]
    fn the_issuer_in_two_lines_is_all_bold() {
        assert!(head("ỦY BAN NHÂN DÂN", "TỈNH BÀ RỊA - VŨNG TÀU").upper_bold());
        assert!(head("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI").upper_bold());
        assert!(!head("UBND TỈNH HÀ TĨNH", "SỞ CÔNG THƯƠNG").upper_bold());
        assert!(!head("SỞ CÔNG THƯƠNG", "PHÒNG QUẢN LÝ CÔNG NGHIỆP").upper_bold());
        assert!(head("", "SỞ CÔNG THƯƠNG").upper_bold());
    }

    #[test]
    fn money_in_each_unit() {
        let v = Decimal::from(8_887_200);
        assert_eq!(MoneyUnit::Dong.print(v), "8.887.200");
        assert_eq!(MoneyUnit::NghinDong.print(v), "8.887");
        assert_eq!(MoneyUnit::TrieuDong.print(v), "8,89");
        assert_eq!(
            MoneyUnit::TrieuDong.print(Decimal::from(12_500_000)),
            "12,50"
        );
        assert_eq!(MoneyUnit::NghinDong.print(Decimal::from(1_500)), "2");
        assert_eq!(
            Value::Saving(Decimal::from(-1_000)).print(MoneyUnit::Dong),
            "tăng 1.000"
        );
    }
}
