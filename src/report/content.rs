//! Pieces shared by the single-review and the compiled report: the annex block of one TTHC
//! (spec §6), the answered review form, and the cost tables (spec §4 columns).

use super::fonts::Face;
use super::layout::{Align, Cell, Doc, Style, TableSpec};
use crate::cost::format::{money, number, percent};
use crate::cost::{OptionCost, ReviewCost, TableCost};
use crate::model::{
    Activity, Authority, Channel, CopyKind, DayKind, ObjectiveGroup, OptionKind, Review,
    SubjectKind, item_key,
};
use crate::templates::{ItemList, Shape, Templates};

pub const BODY: f32 = 13.0;
pub const SMALL: f32 = 11.0;
const INDENT: f32 = 28.0;

pub fn body() -> Style {
    Style::body(BODY).indent(INDENT)
}

pub fn heading(doc: &mut Doc, text: &str) {
    doc.paragraph(
        text,
        &Style::body(BODY)
            .face(Face::Bold)
            .align(Align::Left)
            .indent(INDENT)
            .space(4.0, 4.0),
    );
}

pub fn centered_title(doc: &mut Doc, text: &str, size: f32) {
    doc.paragraph(
        text,
        &Style::body(size)
            .face(Face::Bold)
            .align(Align::Center)
            .space(6.0, 4.0),
    );
}

pub fn authority(t: &Templates, a: Authority) -> &str {
    t.wording.get(match a {
        Authority::Tinh => "authority.tinh",
        Authority::BoNganh => "authority.bo_nganh",
        Authority::ChinhPhu => "authority.chinh_phu",
        Authority::QuocHoi => "authority.quoc_hoi",
    })
}

fn end_with_period(s: &str) -> String {
    let s = s.trim();
    if s.is_empty() || s.ends_with(['.', ';', ':', '!', '?']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// "1. Thủ tục … (mã số …)" and its a), b), c) for the option `oc` of `review`.
pub fn annex_block(
    doc: &mut Doc,
    t: &Templates,
    review: &Review,
    index: usize,
    oc: &OptionCost,
    stt: usize,
) {
    let w = &t.wording;
    let opt = &review.options[index];
    let stt = stt.to_string();
    heading(
        doc,
        &w.fill(
            "annex.procedure",
            &[
                ("stt", &stt),
                ("ten", &review.tthc.name),
                ("ma_so", &review.tthc.code),
            ],
        ),
    );
    doc.paragraph(w.get("annex.content"), &body().face(Face::Italic));
    if opt.content.is_empty() {
        doc.paragraph(w.get("annex.no_content"), &body());
    }
    for line in &opt.content {
        doc.paragraph(&format!("- {}", end_with_period(&line.change)), &body());
        if !line.reason.trim().is_empty() {
            doc.paragraph(
                &w.fill(
                    "annex.reason",
                    &[("reason", &end_with_period(&line.reason))],
                ),
                &body(),
            );
        }
    }
    doc.paragraph(w.get("annex.implementation"), &body().face(Face::Italic));
    for line in &opt.implementation {
        let text = w.fill(
            "annex.implementation_line",
            &[
                ("action", line.action.trim()),
                ("article", &line.article),
                ("document", &line.document),
                ("authority", authority(t, line.authority)),
                ("deadline", &line.deadline),
            ],
        );
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        // An empty "what to do" leaves the separator that followed it at the start.
        let text = text.trim_start_matches([':', ' ']);
        doc.paragraph(&format!("- {text}"), &body());
    }
    doc.paragraph(w.get("annex.benefit"), &body().face(Face::Italic));
    let r = &oc.result;
    // An option that raises the cost says "tăng", never a negative "cắt giảm".
    let raises = r.saving < rust_decimal::Decimal::ZERO;
    let (saving_key, percent_key, saving, pct) = if raises {
        (
            "annex.cost_increase",
            "annex.cost_increase_percent",
            -r.saving,
            r.percent.map(|p| -p),
        )
    } else {
        (
            "annex.cost_saving",
            "annex.cost_percent",
            r.saving,
            r.percent,
        )
    };
    for (key, value) in [
        ("annex.cost_before", money(r.before)),
        ("annex.cost_after", money(r.after)),
        (saving_key, money(saving)),
    ] {
        doc.paragraph(
            &format!("- {}", w.fill(key, &[("amount", &value)])),
            &body(),
        );
    }
    doc.paragraph(
        &format!("- {}", w.fill(percent_key, &[("percent", &percent(pct))])),
        &body(),
    );
}

/// A saving as a table prints it: "78.722.400", or "tăng 1.000" when the cost goes up.
pub fn saving_text(saving: rust_decimal::Decimal) -> String {
    if saving < rust_decimal::Decimal::ZERO {
        format!("tăng {}", money(-saving))
    } else {
        money(saving)
    }
}

/// The cut as a table prints it: "26,44 %", or "tăng 102,07 %" when the cost goes up.
pub fn percent_text(saving: rust_decimal::Decimal, p: Option<rust_decimal::Decimal>) -> String {
    if saving < rust_decimal::Decimal::ZERO {
        format!("tăng {}", percent(p.map(|p| -p)))
    } else {
        percent(p)
    }
}

fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "Có",
        Some(false) => "Không",
        None => "—",
    }
}

/// The review form as answered (parts I–V).
pub fn form_appendix(doc: &mut Doc, t: &Templates, review: &Review) {
    let w = &t.wording;
    let r = &review.tthc;
    centered_title(doc, w.get("report.form_title"), BODY);
    heading(doc, w.get("report.general"));
    let subjects: Vec<&str> = r
        .subjects
        .iter()
        .map(|s| {
            w.get(match s {
                SubjectKind::CaNhan => "subject.ca_nhan",
                SubjectKind::ToChuc => "subject.to_chuc",
            })
        })
        .collect();
    let channels: Vec<&str> = r
        .channels
        .iter()
        .map(|c| {
            w.get(match c {
                Channel::TrucTiep => "channel.truc_tiep",
                Channel::BuuChinh => "channel.buu_chinh",
                Channel::TrucTuyen => "channel.truc_tuyen",
            })
        })
        .collect();
    let day = w.get(match r.time_limit.kind {
        DayKind::NgayLamViec => "day.ngay_lam_viec",
        DayKind::Ngay => "day.ngay",
    });
    for (label, value) in [
        ("Tên TTHC", format!("{} (mã số {})", r.name, r.code)),
        ("Lĩnh vực", r.field.clone()),
        ("Cấp thực hiện", r.level.clone()),
        ("Cơ quan giải quyết", r.agency.clone()),
        ("Đối tượng thực hiện", subjects.join(", ")),
        ("Cách thức thực hiện", channels.join(", ")),
        (
            "Thời hạn giải quyết",
            format!("{} {day}", number(r.time_limit.days.value)),
        ),
        (
            "Phí, lệ phí",
            format!("{} đồng ({})", money(r.fee.amount.value), r.fee.basis),
        ),
        (
            "Kết quả",
            format!(
                "{}; thời hạn hiệu lực: {}",
                r.result.name, r.result.validity
            ),
        ),
        (
            "Cơ quan, đơn vị thực hiện rà soát",
            format!("{}, {}", review.reviewer.agency, review.reviewer.room),
        ),
    ] {
        doc.paragraph(&format!("- {label}: {value}"), &body());
    }
    for (label, list) in [
        ("Trình tự thực hiện", &r.steps),
        ("Yêu cầu, điều kiện", &r.conditions),
        ("Văn bản quy định về TTHC", &r.legal_basis),
    ] {
        doc.paragraph(&format!("- {label}:"), &body());
        for (i, s) in list.iter().enumerate() {
            doc.paragraph(&format!("{}. {s}", i + 1), &body().left(INDENT));
        }
    }
    doc.paragraph("- Thành phần hồ sơ:", &body());
    for (i, d) in r.documents.iter().enumerate() {
        let kind = w.get(match d.kind {
            CopyKind::BanChinh => "copy.ban_chinh",
            CopyKind::BanSao => "copy.ban_sao",
            CopyKind::BanSaoChungThuc => "copy.ban_sao_chung_thuc",
        });
        doc.paragraph(
            &format!("{}. {} ({kind}, {} bản)", i + 1, d.name, d.copies),
            &body().left(INDENT),
        );
    }

    for section in &t.form.sections {
        heading(doc, &format!("{}. {}", section.number, section.title));
        if section.criterion == crate::templates::Criterion::CanThiet {
            doc.paragraph(w.get("report.objectives"), &body().face(Face::Italic));
            for g in [ObjectiveGroup::QuanLyNhaNuoc, ObjectiveGroup::QuyenLoiIch] {
                let key = match g {
                    ObjectiveGroup::QuanLyNhaNuoc => "objective.quan_ly_nha_nuoc",
                    ObjectiveGroup::QuyenLoiIch => "objective.quyen_loi_ich",
                };
                doc.paragraph(&format!("{}:", w.get(key)), &body());
                let rows: Vec<Vec<Cell>> = review
                    .objectives
                    .iter()
                    .filter(|o| o.group == g)
                    .enumerate()
                    .map(|(i, o)| {
                        vec![
                            Cell::center((i + 1).to_string()),
                            Cell::new(&o.text),
                            Cell::new(format!(
                                "{}. {}",
                                yes_no(o.changed.answer),
                                o.changed.reason
                            )),
                            Cell::new(format!("{}. {}", yes_no(o.met.answer), o.met.reason)),
                        ]
                    })
                    .collect();
                if !rows.is_empty() {
                    doc.table(&TableSpec {
                        widths: vec![0.7, 4.0, 3.0, 3.0],
                        header: vec![vec![
                            Cell::center("STT").bold(),
                            Cell::center("Mục tiêu").bold(),
                            Cell::center("Có thay đổi hay không? Lý do").bold(),
                            Cell::center("Có được đáp ứng hay không? Lý do").bold(),
                        ]],
                        rows,
                        size: SMALL,
                    });
                }
            }
        }
        if t.form.section_skipped(section, &review.answers) {
            doc.paragraph(w.get("report.skipped"), &body().face(Face::Italic));
            continue;
        }
        for block in &section.blocks {
            if section.blocks.len() > 1 {
                doc.paragraph(&format!("{}:", block.title), &body().face(Face::Bold));
            }
            for q in &block.questions {
                let items: Vec<(String, Option<usize>, String)> = match q.per_item {
                    None => vec![(q.id.clone(), None, String::new())],
                    Some(list) => {
                        let names: Vec<String> = match list {
                            ItemList::Steps => r.steps.clone(),
                            ItemList::Documents => {
                                r.documents.iter().map(|d| d.name.clone()).collect()
                            }
                            ItemList::Conditions => r.conditions.clone(),
                        };
                        names
                            .into_iter()
                            .enumerate()
                            .map(|(i, n)| (item_key(&q.id, i), Some(i), n))
                            .collect()
                    }
                };
                for (key, item, name) in items {
                    if !t.form.is_visible(q, &review.answers, item) {
                        continue;
                    }
                    let prefix = if name.is_empty() {
                        String::new()
                    } else {
                        format!("[{name}] ")
                    };
                    doc.paragraph(&format!("{prefix}{}", q.text), &body());
                    let a = review.answers.get(&key);
                    let answer = match (a, &q.shape) {
                        (None, _) => w.get("report.no_answer").to_string(),
                        (Some(a), Shape::Text) => a.text.clone(),
                        (Some(a), Shape::Choice(_)) => a
                            .choice
                            .as_ref()
                            .map(|c| t.form.choice_label(q, c))
                            .unwrap_or_else(|| w.get("report.no_answer").to_string()),
                        (Some(a), Shape::Multi(_)) => a
                            .selected
                            .iter()
                            .map(|s| t.form.choice_label(q, s))
                            .collect::<Vec<_>>()
                            .join(", "),
                    };
                    let mut line = w.fill("report.answer", &[("answer", &answer)]);
                    if let Some(a) = a
                        && !a.reason.trim().is_empty()
                    {
                        line.push_str(&format!(
                            ". {}: {}",
                            q.reason.as_deref().unwrap_or("Lý do"),
                            a.reason
                        ));
                    }
                    doc.paragraph(&line, &body().left(INDENT).face(Face::Italic).indent(0.0));
                }
            }
        }
    }
    heading(doc, w.get("report.contact"));
    let rv = &review.reviewer;
    doc.paragraph(
        &format!(
            "Họ và tên: {}; điện thoại: {}; thư điện tử: {}.",
            rv.name, rv.phone, rv.email
        ),
        &body(),
    );
}

/// A cost table with the columns of spec §4 and its footer.
pub fn cost_table(doc: &mut Doc, acts: &[Activity], cost: &TableCost, hourly: &str) {
    let mut rows: Vec<Vec<Cell>> = acts
        .iter()
        .zip(&cost.rows)
        .enumerate()
        .map(|(i, (a, c))| {
            vec![
                Cell::center((i + 1).to_string()),
                Cell::new(&a.name),
                Cell::right(number(a.hours.value)),
                Cell::right(hourly),
                Cell::right(money(c.time_cost)),
                Cell::right(money(a.service.value)),
                Cell::right(money(a.other.value)),
                Cell::right(money(c.total)),
            ]
        })
        .collect();
    for (label, value, bold) in [
        ("Chi phí thực hiện", money(cost.execution), false),
        ("Phí, lệ phí", money(cost.fee), false),
        ("Chi phí tuân thủ 01 lần", money(cost.per_occurrence), false),
        ("Số lần thực hiện/năm", number(cost.frequency), false),
        ("Số đối tượng tuân thủ/năm", number(cost.subjects), false),
        ("Tổng chi phí tuân thủ/năm", money(cost.per_year), true),
    ] {
        let l = Cell::new(label).span(7);
        let v = Cell::right(value);
        rows.push(if bold {
            vec![l.bold(), v.bold()]
        } else {
            vec![l, v]
        });
    }
    doc.table(&TableSpec {
        widths: vec![0.7, 3.3, 0.95, 1.2, 1.35, 1.25, 1.15, 1.45],
        header: vec![vec![
            Cell::center("STT").bold(),
            Cell::center("Hoạt động/công việc").bold(),
            Cell::center("Thời gian (giờ)").bold(),
            Cell::center("Thu nhập bình quân/giờ").bold(),
            Cell::center("Chi phí thời gian").bold(),
            Cell::center("Chi phí thuê tư vấn, dịch vụ").bold(),
            Cell::center("Chi phí khác").bold(),
            Cell::center("Chi phí thực hiện công việc").bold(),
        ]],
        rows,
        size: 10.0,
    });
}

pub fn option_name(review: &Review, i: usize) -> String {
    let o = &review.options[i];
    if o.name.trim().is_empty() {
        format!("Phương án {}", i + 1)
    } else {
        o.name.clone()
    }
}

/// Appendix II (cost tables) and III (comparison) of one review.
pub fn cost_appendix(
    doc: &mut Doc,
    t: &Templates,
    review: &Review,
    cost: &ReviewCost,
    chosen: usize,
) {
    let w = &t.wording;
    let hourly = money(review.cost.hourly_income.value);
    centered_title(doc, w.get("report.cost_title"), BODY);
    let source = if review.cost.income_source.is_empty() {
        review.cost.hourly_income.note.clone()
    } else {
        review.cost.income_source.clone()
    };
    doc.paragraph(
        &w.fill("report.hourly", &[("amount", &hourly), ("source", &source)]),
        &body(),
    );
    heading(doc, w.get("report.cost_current"));
    cost_table(doc, &review.activities, &cost.current, &hourly);
    let name = option_name(review, chosen);
    heading(doc, &w.fill("report.cost_after", &[("option", &name)]));
    let oc = cost.options[chosen]
        .as_ref()
        .expect("checked by the caller");
    let opt = &review.options[chosen];
    if opt.kind == OptionKind::BaiBo && !opt.replacement_costed {
        doc.paragraph(w.get("report.cost_abolished"), &body());
    } else {
        cost_table(doc, &opt.activities, &oc.table, &hourly);
    }
    if review.options.len() > 1 {
        centered_title(doc, w.get("report.compare_title"), BODY);
        let rows = review
            .options
            .iter()
            .enumerate()
            .filter_map(|(i, o)| {
                let r = &cost.options[i].as_ref().ok()?.result;
                let mark = if i == chosen {
                    " (được chọn)"
                } else {
                    ""
                };
                Some(vec![
                    Cell::new(format!("{}{mark}", option_name(review, i))),
                    Cell::new(t.kind_label(o.kind)),
                    Cell::right(money(r.before)),
                    Cell::right(money(r.after)),
                    Cell::right(money(r.saving)),
                    Cell::right(percent(r.percent)),
                    Cell::center(format!(
                        "{} → {}",
                        number(r.days_before),
                        number(r.days_after)
                    )),
                ])
            })
            .collect();
        doc.table(&TableSpec {
            widths: vec![2.4, 1.7, 1.5, 1.5, 1.5, 1.25, 1.1],
            header: vec![vec![
                Cell::center("Phương án").bold(),
                Cell::center("Loại").bold(),
                Cell::center("Chi phí trước (đồng/năm)").bold(),
                Cell::center("Chi phí sau (đồng/năm)").bold(),
                Cell::center("Tiết kiệm (đồng/năm)").bold(),
                Cell::center("Tỷ lệ cắt giảm").bold(),
                Cell::center("Thời hạn (ngày)").bold(),
            ]],
            rows,
            size: SMALL,
        });
    }
}
