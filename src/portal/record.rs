//! The fields of a procedure as the portal's export lays them out, read from its paragraphs:
//! header labels "Label: value", the steps, the channels with their own time and fees, the
//! dossier documents per case (two layouts), the later labels and the legal-basis table.
//! "Không có thông tin" reads as empty.

use crate::model::{Channel, DayKind};
use rust_decimal::Decimal;

/// One channel's terms: its thời hạn and fees may differ from another's.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChannelRow {
    pub channel: Option<Channel>,
    /// As printed: "15 Ngày làm việc".
    pub time_text: String,
    pub days: Option<Decimal>,
    pub day_kind: DayKind,
    /// The fee lines as printed.
    pub fee_text: String,
    /// Phí + lệ phí, đồng.
    pub fee: Decimal,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct DossierItem {
    pub case: String,
    pub name: String,
    pub form: String,
    pub originals: u32,
    pub copies: u32,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct LegalDoc {
    pub number: String,
    pub title: String,
    pub date: String,
    pub issuer: String,
}

impl LegalDoc {
    /// "Nghị định 135/2015/NĐ-CP ngày 31/12/2015 của Chính phủ: Quy định …", as a legal-basis line.
    pub fn line(&self) -> String {
        crate::templates::fill_text(
            "{number}[ ngày {date}][ của {issuer}][: {title}]",
            &[
                ("number", self.number.trim()),
                ("date", &self.date.replace('-', "/")),
                ("issuer", self.issuer.trim()),
                ("title", self.title.trim()),
            ],
        )
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct PortalRecord {
    pub code: String,
    pub decision: String,
    pub name: String,
    pub level: String,
    pub kind: String,
    pub field: String,
    pub steps: Vec<String>,
    pub channels: Vec<ChannelRow>,
    pub dossier: Vec<DossierItem>,
    pub subjects: String,
    pub agency: String,
    pub authority: String,
    pub result: String,
    pub conditions: Vec<String>,
    pub legal: Vec<LegalDoc>,
}

fn fold(s: &str) -> String {
    crate::plan::import::fold(s)
}

fn none_if_missing(v: &str) -> String {
    let v = v.trim();
    if fold(v) == "khong co thong tin" {
        String::new()
    } else {
        v.to_string()
    }
}

/// The labels that open a section, folded, with their key.
const LABELS: &[(&str, &str)] = &[
    ("ma thu tuc", "code"),
    ("so quyet dinh", "decision"),
    ("ten thu tuc", "name"),
    ("cap thuc hien", "level"),
    ("loai thu tuc", "kind"),
    ("linh vuc", "field"),
    ("trinh tu thuc hien", "steps"),
    ("cach thuc thuc hien", "channels"),
    ("thanh phan ho so", "dossier"),
    ("doi tuong thuc hien", "subjects"),
    ("co quan thuc hien", "agency"),
    ("co quan co tham quyen", "authority"),
    ("dia chi tiep nhan hs", "address"),
    ("co quan duoc uy quyen", "delegated"),
    ("co quan phoi hop", "partners"),
    ("ket qua thuc hien", "result"),
    ("yeu cau, dieu kien thuc hien", "conditions"),
    ("tu khoa", "keywords"),
    ("mo ta", "description"),
    ("can cu phap ly", "legal"),
];

/// "Label: value" when the paragraph opens with a known label.
fn label_of(p: &str) -> Option<(&'static str, String)> {
    let (head, value) = p.split_once(':')?;
    let h = fold(head);
    LABELS
        .iter()
        .find(|(l, _)| h == *l)
        .map(|(_, k)| (*k, value.trim().to_string()))
}

fn channel_of(p: &str) -> Option<Channel> {
    match fold(p).as_str() {
        "truc tiep" => Some(Channel::TrucTiep),
        "truc tuyen" => Some(Channel::TrucTuyen),
        "dich vu buu chinh" | "buu chinh" | "qua dich vu buu chinh" => Some(Channel::BuuChinh),
        _ => None,
    }
}

/// "15 Ngày làm việc" → (15, working days); "30 Ngày" → (30, days).
fn time_of(p: &str) -> Option<(Decimal, DayKind)> {
    let f = fold(p);
    let num: String = f
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .collect();
    if num.is_empty() || !f.contains("ngay") {
        return None;
    }
    let v = crate::model::parse_decimal_vi(&num)?;
    let kind = if f.contains("lam viec") {
        DayKind::NgayLamViec
    } else {
        DayKind::Ngay
    };
    Some((v, kind))
}

/// The amount of a fee line: "Phí : 5 triệu Đồng (…)" → 5 000 000; "Lệ phí : 50.000 Đồng" →
/// 50 000; "Không" → 0.
fn fee_of(p: &str) -> Option<Decimal> {
    let (head, value) = p.split_once(':')?;
    let h = fold(head);
    if h != "phi" && h != "le phi" {
        return None;
    }
    let v = fold(value);
    let num: String = v
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    if num.is_empty() {
        return Some(Decimal::ZERO);
    }
    let base = crate::model::parse_decimal_vi(&num)?;
    let rest = v.trim_start()[num.len()..].trim_start();
    let mult = if rest.starts_with("trieu") {
        Decimal::from(1_000_000)
    } else if rest.starts_with("nghin") || rest.starts_with("ngan") {
        Decimal::from(1_000)
    } else {
        Decimal::ONE
    };
    Some((base * mult).normalize())
}

/// "Bản chính: 1 Bản sao: 0" → (1, 0).
fn quantity_of(p: &str) -> Option<(u32, u32)> {
    let f = fold(p);
    if !f.starts_with("ban chinh") {
        return None;
    }
    let nums: Vec<u32> = f
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    Some((
        nums.first().copied().unwrap_or(0),
        nums.get(1).copied().unwrap_or(0),
    ))
}

fn is_legal_number(p: &str) -> bool {
    let t = p.trim();
    t.chars().next().is_some_and(|c| c.is_ascii_digit()) && t.contains('/') && t.len() < 40
}

fn is_date(p: &str) -> bool {
    let t = p.trim();
    t.len() == 10 && t.chars().filter(|c| *c == '-' || *c == '/').count() == 2
}

/// The record in the paragraphs, or why they are not a portal export.
pub fn parse(paras: &[String]) -> Result<PortalRecord, String> {
    let mut r = PortalRecord::default();
    let mut section = "";
    let mut seen_code = false;
    let mut case = String::new();
    for p in paras.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        if let Some((key, value)) = label_of(p) {
            section = key;
            let value = none_if_missing(&value);
            match key {
                "code" => {
                    r.code = value;
                    seen_code = true;
                }
                "decision" => r.decision = value,
                "name" => r.name = value,
                "level" => r.level = value,
                "kind" => r.kind = value,
                "field" => r.field = value,
                "subjects" => r.subjects = value,
                "agency" => r.agency = value,
                "authority" => r.authority = value,
                "result" => r.result = value,
                "conditions" if !value.is_empty() => r.conditions.push(value),
                _ => {}
            }
            continue;
        }
        let f = fold(p);
        if f == "khong co thong tin" {
            continue;
        }
        match section {
            "steps" => r.steps.push(p.to_string()),
            "channels" => {
                // Header cells of the table.
                if [
                    "hinh thuc nop",
                    "thoi han giai quyet",
                    "phi, le phi",
                    "mo ta",
                ]
                .contains(&f.as_str())
                {
                    continue;
                }
                if let Some(c) = channel_of(p) {
                    r.channels.push(ChannelRow {
                        channel: Some(c),
                        ..Default::default()
                    });
                    continue;
                }
                let Some(row) = r.channels.last_mut() else {
                    continue;
                };
                if row.time_text.is_empty()
                    && let Some((d, k)) = time_of(p)
                {
                    row.time_text = p.to_string();
                    row.days = Some(d);
                    row.day_kind = k;
                } else if let Some(v) = fee_of(p) {
                    row.fee += v;
                    if !row.fee_text.is_empty() {
                        row.fee_text.push_str("; ");
                    }
                    row.fee_text.push_str(p);
                } else if row.description.is_empty() {
                    row.description = p.to_string();
                }
            }
            "dossier" => {
                if ["ten giay to", "mau don, to khai", "so luong"].contains(&f.as_str()) {
                    continue;
                }
                if let Some((orig, copies)) = quantity_of(p) {
                    if let Some(item) = r.dossier.last_mut() {
                        item.originals = orig;
                        item.copies = copies;
                    }
                    continue;
                }
                // A form file of the last item.
                if [".doc", ".docx", ".pdf", ".xls", ".xlsx"]
                    .iter()
                    .any(|e| f.ends_with(e))
                    && let Some(item) = r.dossier.last_mut()
                    && item.form.is_empty()
                {
                    item.form = p.to_string();
                    continue;
                }
                // Layout A: "* Đối với …" opens a case; numbered items follow.
                if let Some(c) = p.strip_prefix('*') {
                    case = c.trim().to_string();
                    continue;
                }
                // Layout B: a plain case line is one that no quantity follows before the next
                // item; decided when the next paragraph comes (see below).
                let numbered = p
                    .split_once(')')
                    .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
                let name = if numbered {
                    p.split_once(')').map(|(_, t)| t.trim()).unwrap_or(p)
                } else {
                    p
                };
                // An item still without a quantity followed by a new line: it was a case line.
                if let Some(last) = r.dossier.last()
                    && last.originals == 0
                    && last.copies == 0
                    && last.form.is_empty()
                    && !numbered
                {
                    let was = r.dossier.pop().expect("just seen");
                    case = was.name;
                }
                r.dossier.push(DossierItem {
                    case: case.clone(),
                    name: name.to_string(),
                    ..Default::default()
                });
            }
            "conditions" => r.conditions.push(p.to_string()),
            "legal" => {
                if [
                    "so ky hieu",
                    "trich yeu",
                    "ngay ban hanh",
                    "co quan ban hanh",
                ]
                .contains(&f.as_str())
                {
                    continue;
                }
                if is_legal_number(p) && !is_date(p) {
                    r.legal.push(LegalDoc {
                        number: p.to_string(),
                        ..Default::default()
                    });
                    continue;
                }
                let Some(doc) = r.legal.last_mut() else {
                    continue;
                };
                if is_date(p) {
                    doc.date = p.to_string();
                } else if doc.title.is_empty() {
                    doc.title = p.to_string();
                } else if doc.issuer.is_empty() && !doc.date.is_empty() {
                    doc.issuer = p.to_string();
                }
            }
            _ => {}
        }
    }
    // A last dossier line that no quantity followed is not a document.
    if let Some(last) = r.dossier.last()
        && last.originals == 0
        && last.copies == 0
        && last.form.is_empty()
    {
        r.dossier.pop();
    }
    if !seen_code || r.name.is_empty() {
        return Err(
            "tệp Word này không phải trang chi tiết thủ tục tải từ Cổng Dịch vụ công (thiếu «Mã thủ tục» hoặc «Tên thủ tục»)"
                .to_string(),
        );
    }
    Ok(r)
}
