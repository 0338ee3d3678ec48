//! Reading the national portal's "Tải xuống chi tiết thủ tục" file: a `.doc` that is really an
//! OOXML package whose tables have no `w:tblGrid`, so it is read as the sequence of its
//! paragraphs (table cells come one after another). Bounded: the file's size, the number of
//! entries, and the unpacked size of `word/document.xml`, counted while reading.

use std::io::Read;
use std::path::Path;

/// The largest export read (a real one is under 100 KB).
pub const MAX_FILE_BYTES: u64 = 16 << 20;
/// The largest `word/document.xml` unpacked.
const MAX_XML_BYTES: u64 = 32 << 20;
const MAX_ENTRIES: usize = 2_000;

/// The file's paragraphs, in document order, or what is wrong with it in words.
pub fn paragraphs_of(path: &Path) -> Result<Vec<String>, String> {
    let name = path.display().to_string();
    // A regular file of at most 16 MB (a folder, FIFO or device refused before it is opened).
    let bytes = crate::storage::read_limited(path, MAX_FILE_BYTES).map_err(|p| {
        crate::storage::LoadError {
            path: path.to_path_buf(),
            problem: p,
        }
        .to_string()
    })?;
    if !bytes.starts_with(b"PK") {
        let what = if bytes.starts_with(b"%PDF") {
            "tệp PDF (có lẽ được đổi đuôi), không phải tệp «Tải xuống chi tiết thủ tục»"
        } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            "tệp Word 97-2003 (.doc nhị phân), không phải tệp «Tải xuống chi tiết thủ tục» của Cổng Dịch vụ công (tệp đó là Word mới, chỉ mang đuôi .doc)"
        } else {
            "không phải tệp Word tải xuống từ Cổng Dịch vụ công"
        };
        return Err(format!("{name}: {what}"));
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes))
        .map_err(|_| format!("{name}: tệp nén hỏng hoặc không trọn vẹn"))?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!(
            "{name}: có {} thành phần, quá nhiều cho một tệp Word",
            zip.len()
        ));
    }
    let mut entry = zip
        .by_name("word/document.xml")
        .map_err(|_| format!("{name}: không phải tệp Word (thiếu word/document.xml)"))?;
    // Never trust the declared size: read at most the bound, and one byte more to know.
    let mut xml = Vec::new();
    entry
        .by_ref()
        .take(MAX_XML_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|_| format!("{name}: nội dung tệp Word hỏng"))?;
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(format!(
            "{name}: nội dung giải nén vượt {} MB, không phải một trang chi tiết thủ tục",
            MAX_XML_BYTES >> 20
        ));
    }
    let xml = String::from_utf8(xml).map_err(|_| format!("{name}: nội dung tệp Word hỏng"))?;
    Ok(paragraphs(&xml))
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#xA0;", " ")
        .replace("&#160;", " ")
        .replace("&amp;", "&")
}

/// The text of each `<w:p>`, its `<w:t>` runs joined, tabs and breaks as spaces, NFC.
pub fn paragraphs(xml: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_p = false;
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        let Some(end) = rest[i..].find('>') else {
            break;
        };
        let tag = &rest[i + 1..i + end];
        let after = &rest[i + end + 1..];
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        let closing = tag.starts_with('/');
        let empty = tag.ends_with('/');
        match (name, closing) {
            ("w:p", false) if !empty => {
                in_p = true;
                cur.clear();
            }
            ("w:p", true) => {
                if in_p {
                    let text: String = cur.split_whitespace().collect::<Vec<_>>().join(" ");
                    out.push(text.nfc().collect());
                }
                in_p = false;
            }
            ("w:t", false) if !empty => {
                let stop = after.find("</w:t>").unwrap_or(after.len());
                cur.push_str(&unescape(&after[..stop]));
                rest = &after[stop..];
                continue;
            }
            ("w:tab", _) | ("w:br", _) | ("w:cr", _) => cur.push(' '),
            _ => {}
        }
        rest = after;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_join_their_runs_and_keep_order() {
        let xml = r#"<w:document><w:body><w:p><w:r><w:t>Mã thủ tục:</w:t></w:r><w:r><w:t xml:space="preserve"> 1.015028</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Trực tiếp</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>30 Ngày &amp; hơn</w:t></w:r><w:r><w:tab/><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:body></w:document>"#;
        assert_eq!(
            paragraphs(xml),
            ["Mã thủ tục: 1.015028", "Trực tiếp", "30 Ngày & hơn x"]
        );
    }
}
