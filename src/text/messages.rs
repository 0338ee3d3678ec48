//! Parser errors in words a Vietnamese user can act on: no English parser text, no internal type
//! names, and at most a short, escaped quote of what the file holds.

/// At most this many characters of file content are quoted in a message.
pub const QUOTE_MAX: usize = 100;

/// Text from a file, fit to quote in a message: control characters escaped (no terminal escape
/// codes reach the screen), cut at [`QUOTE_MAX`] characters.
pub fn quote(text: &str) -> String {
    escaped(text, QUOTE_MAX)
}

/// A name from outside (a file inside a zip, a sheet's name) as shown on screen, on a terminal
/// or in a log: whole, with control characters (newline, ESC …) written as `\n`, `\u{1b}`.
pub fn shown_name(name: &str) -> String {
    escaped(name, usize::MAX)
}

fn escaped(text: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, c) in text.chars().enumerate() {
        if n == max {
            out.push('…');
            break;
        }
        if c.is_control() {
            match c {
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                _ => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// What serde expected, in words; type names become what they look like in a file.
fn expected_words(expected: &str) -> String {
    let e = expected.trim();
    let words = match e {
        "a string" | "string" | "a borrowed string" => "một chuỗi chữ trong ngoặc kép \"…\"",
        "a boolean" | "bool" => "true hoặc false",
        "a sequence" | "tuple" => "một danh sách [ … ]",
        "a map" => "một bảng { … }",
        "option" => "một giá trị hoặc None",
        "unit" => "()",
        "a character" | "char" => "một ký tự",
        _ if e.starts_with("struct ") || e.starts_with("tuple struct ") => "một nhóm ( … )",
        _ if e.starts_with("enum ") || e.contains("variant") => "một trong các giá trị cho phép",
        _ if e.starts_with('u') || e.starts_with('i') || e.contains("integer") => "một số nguyên",
        _ if e.starts_with('f') => "một số",
        // Our own expectations are written in Vietnamese already.
        _ if !e.is_ascii() => return quote(e),
        _ => "một giá trị khác",
    };
    words.to_string()
}

/// What the file held instead, from serde's "the string \"abc\"", "the unsigned integer `3`" …
fn found_words(found: &str) -> String {
    let f = found.trim();
    for (prefix, what) in [
        ("the string ", "chuỗi "),
        ("the unsigned integer ", "số "),
        ("the integer ", "số "),
        ("the floating point ", "số "),
        ("the boolean ", ""),
        ("the char ", "ký tự "),
    ] {
        if let Some(rest) = f.strip_prefix(prefix) {
            let rest = rest.trim_matches(['`', '"']);
            return format!("{what}«{}»", quote(rest));
        }
    }
    match f {
        "a sequence" => "một danh sách [ … ]".into(),
        "a map" => "một bảng { … }".into(),
        "unit value" | "a unit value" => "()".into(),
        "Option value" | "an Option value" => "Some(…) hoặc None".into(),
        _ if f.contains("struct") => "một nhóm ( … )".into(),
        _ => "một giá trị khác".into(),
    }
}

/// A RON error in `file` with where it is: "targets.ron: dòng 3, cột 7: thiếu dấu phẩy «,»".
pub fn ron_located(file: &str, e: &ron::error::SpannedError) -> String {
    format!(
        "{file}: dòng {}, cột {}: {}",
        e.span.start.line,
        e.span.start.col,
        ron_error(&e.code)
    )
}

/// A RON error as a user reads it. `ron` prints English with Rust type names; this never does.
/// A message raised while reading a value: ours are Vietnamese already; the date parser's
/// English ones are said in words.
fn message_words(m: &str) -> String {
    let words = match m {
        "input is out of range" => "ngày hoặc giờ không có thật (ví dụ ngày 30/02)",
        "input contains invalid characters" => "ngày viết sai dạng (cần dạng 2024-07-31)",
        "premature end of input" => "ngày viết thiếu (cần dạng 2024-07-31)",
        "trailing input" => "ngày có chữ thừa ở cuối (cần dạng 2024-07-31)",
        "no possible date and time matching input"
        | "input is not enough for unique date and time" => {
            "ngày không đủ hoặc không hợp lệ (cần dạng 2024-07-31)"
        }
        "input is impossible" => "ngày không hợp lệ",
        _ => return quote(m),
    };
    words.to_string()
}

pub fn ron_error(e: &ron::Error) -> String {
    use ron::Error as E;
    match e {
        E::Eof => "tệp kết thúc giữa chừng".into(),
        E::ExpectedArray => "cần dấu «[» mở danh sách".into(),
        E::ExpectedArrayEnd => "thiếu dấu «]» đóng danh sách (hoặc thiếu dấu phẩy)".into(),
        E::ExpectedComma => "thiếu dấu phẩy «,»".into(),
        E::ExpectedBoolean => "cần true hoặc false".into(),
        E::ExpectedInteger | E::IntegerOutOfBounds => "cần một số nguyên hợp lệ".into(),
        E::ExpectedFloat | E::FloatUnderscore => "cần một số".into(),
        E::ExpectedOption | E::ExpectedOptionEnd => "cần Some(…) hoặc None".into(),
        E::ExpectedMap => "cần dấu «{» mở bảng".into(),
        E::ExpectedMapColon => "thiếu dấu hai chấm «:»".into(),
        E::ExpectedMapEnd => "thiếu dấu «}» đóng bảng (hoặc thiếu dấu phẩy)".into(),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => "cần dấu «(» mở nhóm".into(),
        E::ExpectedStructLikeEnd => "thiếu dấu «)» đóng nhóm (hoặc thiếu dấu phẩy)".into(),
        E::ExpectedDifferentStructName { found, .. } => {
            format!("tên nhóm «{}» không đúng", quote(found))
        }
        E::ExpectedStructName(found) => format!("tên nhóm «{}» không đúng", quote(found)),
        E::ExpectedUnit => "cần ()".into(),
        E::ExpectedString | E::ExpectedByteString => {
            "cần một chuỗi chữ trong ngoặc kép \"…\"".into()
        }
        E::ExpectedStringEnd => "chuỗi chữ thiếu dấu ngoặc kép đóng \"".into(),
        E::ExpectedIdentifier | E::InvalidIdentifier(_) | E::SuggestRawIdentifier(_) => {
            "cần tên một trường".into()
        }
        E::ExpectedChar | E::ExpectedByteLiteral => "cần một ký tự".into(),
        E::InvalidEscape(_) => "chuỗi chữ có ký tự thoát «\\» không hợp lệ".into(),
        E::InvalidIntegerDigit { digit, .. } => {
            format!("chữ số «{}» không hợp lệ", quote(&digit.to_string()))
        }
        E::UnclosedBlockComment => "chú thích /* … */ không được đóng".into(),
        E::UnclosedLineComment => "chú thích không được đóng".into(),
        E::UnderscoreAtBeginning => "số không được bắt đầu bằng «_»".into(),
        E::UnexpectedChar(c) => format!("ký tự «{}» không đúng chỗ", quote(&c.to_string())),
        E::Utf8Error(_) => "có byte không phải văn bản UTF-8".into(),
        E::TrailingCharacters => "còn nội dung thừa sau dấu đóng cuối cùng".into(),
        E::InvalidValueForType { expected, found } => format!(
            "cần {}, nhưng gặp {}",
            expected_words(expected),
            found_words(found)
        ),
        E::ExpectedDifferentLength { expected, found } => {
            format!("số phần tử không đúng: có {found}, cần {}", quote(expected))
        }
        E::NoSuchEnumVariant { found, .. } => {
            format!(
                "giá trị «{}» không nằm trong các giá trị cho phép",
                quote(found)
            )
        }
        E::NoSuchStructField { found, .. } => {
            format!("trường «{}» không có trong định dạng tệp", quote(found))
        }
        E::MissingStructField { field, .. } => format!("thiếu trường «{field}»"),
        E::DuplicateStructField { field, .. } => format!("trường «{field}» xuất hiện hai lần"),
        E::ExceededRecursionLimit => "lồng nhau quá sâu".into(),
        E::NoSuchExtension(x) => format!("phần mở rộng «{}» không được hỗ trợ", quote(x)),
        E::ExpectedAttribute | E::ExpectedAttributeEnd => "dòng #![enable(…)] không đúng".into(),
        // Our own messages (numbers, duplicated keys) are Vietnamese already.
        E::Message(m) => message_words(m),
        E::Io(m) => format!("lỗi đọc: {}", quote(m)),
        _ => "nội dung không đúng định dạng".into(),
    }
}

/// `Some(x)` may be written as plain `x` in a hand-written file.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_short_and_escaped() {
        let long = "x".repeat(5000);
        assert_eq!(quote(&long).chars().count(), QUOTE_MAX + 1);
        assert_eq!(quote("a\u{1b}[31mb\n"), "a\\u{1b}[31mb\\n");
    }

    #[test]
    fn no_type_names_reach_the_user() {
        let m = ron_error(&ron::Error::ExpectedNamedStructLike("Probe"));
        assert!(!m.contains("Probe"), "{m}");
        let m = ron_error(&ron::Error::InvalidValueForType {
            expected: "struct CostParams".into(),
            found: "the string \"abc\"".into(),
        });
        assert!(!m.contains("CostParams") && m.contains("«abc»"), "{m}");
    }
}
