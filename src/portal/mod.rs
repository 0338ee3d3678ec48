//! The TTHC record from the national public-service portal: the file an officer downloads with
//! "Tải xuống chi tiết thủ tục" read into a review's record (`read.rs`, `record.rs`), a cost table
//! proposed from its dossier, and the changes a newer file brings to an existing review. No
//! network: the user downloads, the app reads.

pub mod read;
pub mod record;

use crate::model::{
    Activity, Channel, ChannelTerms, CopyKind, Document, Figure, RecordSource, Review, SubjectKind,
    TthcRecord,
};
use crate::templates::Templates;
pub use record::PortalRecord;
use std::path::Path;

/// The portal export at `path`, or a message naming the file and what is wrong.
pub fn read(path: &Path) -> Result<PortalRecord, String> {
    let paras = read::paragraphs_of(path)?;
    record::parse(&paras).map_err(|e| format!("{}: {e}", path.display()))
}

fn subjects_of(text: &str) -> Vec<SubjectKind> {
    let f = crate::plan::import::fold(text);
    let mut out = Vec::new();
    if f.contains("ca nhan") || f.contains("cong dan") {
        out.push(SubjectKind::CaNhan);
    }
    if f.contains("to chuc") || f.contains("doanh nghiep") || f.contains("thuong nhan") {
        out.push(SubjectKind::ToChuc);
    }
    out
}

/// The record the export gives, with its source; the costed channel is the one `prefer` names if
/// the export has it, else online when it exists, else the first.
pub fn record_of(
    p: &PortalRecord,
    file: &str,
    today: chrono::NaiveDate,
    prefer: Option<Channel>,
) -> TthcRecord {
    let terms: Vec<ChannelTerms> = p
        .channels
        .iter()
        .map(|c| ChannelTerms {
            channel: c.channel,
            days: Figure::new(c.days.unwrap_or_default()),
            day_kind: c.day_kind,
            fee: Figure::new(c.fee),
            fee_text: c.fee_text.clone(),
        })
        .collect();
    let mut r = TthcRecord {
        code: p.code.clone(),
        name: p.name.clone(),
        field: p.field.clone(),
        level: p.level.clone(),
        agency: p.agency.clone(),
        subjects: subjects_of(&p.subjects),
        steps: p.steps.clone(),
        channels: p.channels.iter().filter_map(|c| c.channel).collect(),
        documents: p
            .dossier
            .iter()
            .map(|d| Document {
                name: if d.case.is_empty() {
                    d.name.clone()
                } else {
                    format!("{} ({})", d.name, d.case)
                },
                kind: if d.originals > 0 {
                    CopyKind::BanChinh
                } else {
                    CopyKind::BanSao
                },
                copies: d.originals.max(d.copies).max(1),
            })
            .collect(),
        forms: p
            .dossier
            .iter()
            .filter(|d| !d.form.is_empty())
            .map(|d| d.form.clone())
            .collect(),
        conditions: p.conditions.clone(),
        legal_basis: p.legal.iter().map(|l| l.line()).collect(),
        channel_terms: terms,
        source: Some(RecordSource {
            file: file.to_string(),
            imported: today.to_string(),
        }),
        ..TthcRecord::default()
    };
    r.result.name = p.result.clone();
    let channels: Vec<Channel> = r.channel_terms.iter().filter_map(|t| t.channel).collect();
    let costed = prefer
        .filter(|c| channels.contains(c))
        .or_else(|| channels.iter().copied().find(|c| *c == Channel::TrucTuyen))
        .or_else(|| channels.first().copied());
    if let Some(c) = costed {
        r.cost_channel(c);
    }
    r
}

/// The current cost table proposed from the record: finding out about the procedure, one
/// "chuẩn bị" row per dossier document (hours by kind, from the standard-time data), filing and
/// receiving the result (from the activity presets).
pub fn proposal(t: &Templates, r: &TthcRecord) -> Vec<Activity> {
    let preset = |name: &str| {
        t.presets
            .activities
            .iter()
            .find(|a| crate::model::text_key(&a.name) == crate::model::text_key(name))
            .map(|a| a.hours.clone())
            .unwrap_or_default()
    };
    let mut out = vec![Activity::new(
        "Tìm hiểu thông tin về thủ tục hành chính",
        preset("Tìm hiểu thông tin về thủ tục hành chính"),
        Figure::default(),
        Figure::default(),
    )];
    if let Some(h) = &t.presets.document_hours {
        for d in &r.documents {
            let hours = match d.kind {
                CopyKind::BanChinh => h.ban_chinh,
                CopyKind::BanSao => h.ban_sao,
                CopyKind::BanSaoChungThuc => h.ban_sao_chung_thuc,
            };
            out.push(Activity::new(
                &format!("Chuẩn bị: {}", d.name),
                Figure::with_note(
                    hours * rust_decimal::Decimal::from(d.copies.max(1)),
                    h.source.clone(),
                ),
                Figure::default(),
                Figure::default(),
            ));
        }
    }
    out.push(Activity::new(
        "Nộp hồ sơ",
        preset("Nộp hồ sơ"),
        Figure::default(),
        Figure::default(),
    ));
    out.push(Activity::new(
        "Nhận kết quả",
        preset("Nhận kết quả"),
        Figure::default(),
        Figure::default(),
    ));
    out
}

/// A new review of the exported TTHC: its record, the proposed current table, the newest income.
pub fn new_review(t: &Templates, p: &PortalRecord, file: &str, today: chrono::NaiveDate) -> Review {
    let mut review = Review::default();
    if let Some(latest) = t.presets.incomes.iter().max_by_key(|i| i.year) {
        latest.apply(&mut review.cost);
    }
    review.tthc = record_of(p, file, today, None);
    review.activities = proposal(t, &review.tthc);
    review
}

/// One field of the record that differs between the review and a newer export.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub key: &'static str,
    pub label: &'static str,
    pub old: String,
    pub new: String,
}

fn lines(v: &[String]) -> String {
    v.join("\n")
}

/// The record fields as (key, label, text) for comparing.
fn fields(r: &TthcRecord) -> Vec<(&'static str, &'static str, String)> {
    let docs: Vec<String> = r
        .documents
        .iter()
        .map(|d| format!("{} ({} bản)", d.name, d.copies))
        .collect();
    let terms: Vec<String> = r
        .channel_terms
        .iter()
        .map(|t| {
            format!(
                "{:?}: {} ngày{}; {} đồng",
                t.channel.unwrap_or(Channel::TrucTiep),
                crate::cost::format::number(t.days.value),
                if t.day_kind == crate::model::DayKind::NgayLamViec {
                    " làm việc"
                } else {
                    ""
                },
                crate::cost::format::money(t.fee.value)
            )
        })
        .collect();
    vec![
        ("code", "Mã số", r.code.clone()),
        ("name", "Tên TTHC", r.name.clone()),
        ("field", "Lĩnh vực", r.field.clone()),
        ("level", "Cấp thực hiện", r.level.clone()),
        ("agency", "Cơ quan giải quyết", r.agency.clone()),
        ("steps", "Trình tự thực hiện", lines(&r.steps)),
        ("documents", "Thành phần hồ sơ", lines(&docs)),
        (
            "channel_terms",
            "Thời hạn, phí theo cách thức",
            lines(&terms),
        ),
        ("conditions", "Yêu cầu, điều kiện", lines(&r.conditions)),
        ("result", "Kết quả", r.result.name.clone()),
        ("legal_basis", "Căn cứ pháp lý", lines(&r.legal_basis)),
    ]
}

/// What a newer export changes in the review's record, field by field (old → new).
pub fn changes(current: &TthcRecord, incoming: &TthcRecord) -> Vec<FieldChange> {
    fields(current)
        .into_iter()
        .zip(fields(incoming))
        .filter(|((_, _, a), (_, _, b))| a.trim() != b.trim())
        .map(|((key, label, old), (_, _, new))| FieldChange {
            key,
            label,
            old,
            new,
        })
        .collect()
}

/// Takes one changed field from `incoming` into `record` (nothing else is touched).
pub fn take(record: &mut TthcRecord, incoming: &TthcRecord, key: &str) {
    match key {
        "code" => record.code = incoming.code.clone(),
        "name" => record.name = incoming.name.clone(),
        "field" => record.field = incoming.field.clone(),
        "level" => record.level = incoming.level.clone(),
        "agency" => record.agency = incoming.agency.clone(),
        "steps" => record.steps = incoming.steps.clone(),
        "documents" => {
            record.documents = incoming.documents.clone();
            record.forms = incoming.forms.clone();
        }
        "channel_terms" => {
            record.channel_terms = incoming.channel_terms.clone();
            record.channels = incoming.channels.clone();
            let c = record
                .costed_channel
                .or(incoming.costed_channel)
                .filter(|c| record.channels.contains(c))
                .or(incoming.costed_channel);
            if let Some(c) = c {
                record.cost_channel(c);
            }
        }
        "conditions" => record.conditions = incoming.conditions.clone(),
        "result" => record.result.name = incoming.result.name.clone(),
        "legal_basis" => record.legal_basis = incoming.legal_basis.clone(),
        _ => {}
    }
    record.source = incoming.source.clone();
}
