//! Pieces shared by the single-review and the compiled report: the annex block of one TTHC
//! (spec §6), the answered review form, and the cost tables (spec §4 columns), as blocks of the
//! format-neutral document. Table figures stay numbers; the writers print them.

use super::doc::{Block, Cell, Column, Document, MoneyUnit, Para, Row, Run, Table, Value};
use super::settings::{CostBasis, ReportSettings};
use super::words::in_words_dong;
use crate::cost::format::{money, number, percent};
use crate::cost::{OptionCost, ReviewCost, TableCost};
use crate::model::{
    Activity, Authority, Channel, CopyKind, ObjectiveGroup, OptionKind, Review, SubjectKind,
    item_key,
};
use crate::templates::{ItemList, Shape, Templates};
use rust_decimal::Decimal;

pub const BODY: f32 = 13.0;
pub const SMALL: f32 = 11.0;

fn body(text: impl Into<String>) -> Para {
    Para::text(BODY, text)
}

fn italic(text: impl Into<String>) -> Para {
    Para::italic(BODY, text)
}

pub fn heading(doc: &mut Document, text: &str, level: u8) {
    doc.heading(text, level, BODY);
}

pub fn centered_title(doc: &mut Document, text: &str, size: f32) {
    doc.title(text, size);
}

pub(super) fn columns(spec: &[(&str, f32)]) -> Vec<Column> {
    spec.iter()
        .map(|(t, w)| Column {
            title: t.to_string(),
            weight: *w,
        })
        .collect()
}
pub fn authority(t: &Templates, a: Authority) -> &str {
    t.wording.get(match a {
        Authority::Tinh => "authority.tinh",
        Authority::BoNganh => "authority.bo_nganh",
        Authority::ChinhPhu => "authority.chinh_phu",
        Authority::QuocHoi => "authority.quoc_hoi",
    })
}

/// The TTHC name as it goes after the wording's "Thủ tục {ten}": a name that itself starts with
/// "Thủ tục" loses that word, so the heading never says "Thủ tục Thủ tục …".
pub fn name_after<'a>(template: &str, name: &'a str) -> &'a str {
    let name = name.trim();
    let Some(before) = template
        .split("{ten}")
        .next()
        .filter(|b| b.len() < template.len())
    else {
        return name;
    };
    let lead = crate::model::text_key(before.rsplit(['.', ':']).next().unwrap_or(before));
    if lead.is_empty() {
        return name;
    }
    // The name's first words, as many as the lead word has.
    let n = lead.split(' ').count();
    let mut words = name.split_whitespace();
    let head: Vec<&str> = words.by_ref().take(n).collect();
    if head.len() == n && crate::model::text_key(&head.join(" ")) == lead {
        let rest = name[name.find(head[n - 1]).map_or(0, |i| i + head[n - 1].len())..].trim_start();
        if !rest.is_empty() {
            return rest;
        }
    }
    name
}

fn end_with_period(s: &str) -> String {
    let s = s.trim();
    if s.is_empty() || s.ends_with(['.', ';', ':', '!', '?']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// The figures of a review's chosen option that its annex block states: per year and per
/// file, before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnexFigures {
    pub result: crate::cost::OptionResult,
    pub per_occurrence_before: Decimal,
    pub per_occurrence_after: Decimal,
}

impl AnnexFigures {
    pub fn of(oc: &OptionCost, current: &TableCost) -> Self {
        AnnexFigures {
            result: oc.result.clone(),
            per_occurrence_before: current.per_occurrence,
            per_occurrence_after: oc.table.per_occurrence,
        }
    }
}

/// "1. Thủ tục … (mã số …)" and its a), b), c) for the option `oc` of `review`; `current` is
/// the cost table before simplification (for the per-hồ-sơ figures).
#[allow(clippy::too_many_arguments)]
pub fn annex_block(
    doc: &mut Document,
    t: &Templates,
    settings: &ReportSettings,
    review: &Review,
    index: usize,
    figures: &AnnexFigures,
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
                (
                    "ten",
                    name_after(w.get("annex.procedure"), &review.tthc.name),
                ),
                ("ma_so", review.tthc.code.trim()),
            ],
        ),
        2,
    );
    doc.para(italic(w.get("annex.content")).keep());
    if opt.content.is_empty() {
        doc.para(body(w.get("annex.no_content")));
    }
    for line in &opt.content {
        doc.para(body(format!("- {}", end_with_period(&line.change))));
        if !line.reason.trim().is_empty() {
            doc.para(body(w.fill(
                "annex.reason",
                &[("reason", &end_with_period(&line.reason))],
            )));
        }
    }
    doc.para(italic(w.get("annex.implementation")).keep());
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
        doc.para(body(format!("- {text}")));
    }
    doc.para(italic(w.get("annex.benefit")).keep());
    let r = &figures.result;
    let per_file = crate::cost::compare(
        figures.per_occurrence_before,
        figures.per_occurrence_after,
        r.days_before,
        r.days_after,
    )
    .ok();
    let mut bases: Vec<(&str, Decimal, Decimal, Decimal, Option<Decimal>)> = Vec::new();
    if settings.cost_basis != CostBasis::PerFile {
        bases.push(("đồng/năm", r.before, r.after, r.saving, r.percent));
    }
    if settings.cost_basis != CostBasis::PerYear
        && let Some(f) = &per_file
    {
        bases.push(("đồng/hồ sơ", f.before, f.after, f.saving, f.percent));
    }
    let words = |v: Decimal| {
        if settings.amounts_in_words {
            in_words_dong(v, settings.words)
        } else {
            String::new()
        }
    };
    let last = bases.len();
    for (k, (unit, before, after, saving, pct)) in bases.into_iter().enumerate() {
        // An option that raises the cost says "tăng", never a negative "cắt giảm".
        let raises = saving < Decimal::ZERO;
        let (saving_key, percent_key, saving, pct) = if raises {
            (
                "annex.cost_increase",
                "annex.cost_increase_percent",
                -saving,
                pct.map(|p| -p),
            )
        } else {
            ("annex.cost_saving", "annex.cost_percent", saving, pct)
        };
        for (key, value) in [
            ("annex.cost_before", before),
            ("annex.cost_after", after),
            (saving_key, saving),
        ] {
            doc.para(body(format!(
                "- {}",
                w.fill(
                    key,
                    &[
                        ("amount", &money(value)),
                        ("unit", unit),
                        ("words", &words(value)),
                    ]
                )
            )));
        }
        // With both bases the percentage is the same in substance: say it once, per year.
        if k == 0 || last == 1 {
            doc.para(body(format!(
                "- {}",
                w.fill(percent_key, &[("percent", &percent(pct))])
            )));
        }
    }
    // The thời hạn cut, when the option changes it (the annex's summary has it too).
    if r.days_after != r.days_before {
        let day = crate::report::day_label(t, review.tthc.time_limit.kind);
        doc.para(body(format!(
            "- {}",
            w.fill(
                "annex.time_line",
                &[
                    ("before", &number(r.days_before)),
                    ("after", &number(r.days_after)),
                    ("day", day),
                    ("percent", &percent(r.days_percent)),
                ],
            )
        )));
    }
    measures_lines(doc, t, settings, review, r);
    // What the option does beyond its cost table (2025–2026 kinds).
    if let Some(d) = opt.decentralisation.as_ref().filter(|d| !d.is_empty()) {
        doc.para(body(format!(
            "- {}",
            w.fill(
                "annex.decentralisation",
                &[
                    ("from", or_blank(&d.from_body)),
                    ("to", or_blank(&d.to_body)),
                    ("text", d.text.trim()),
                    ("by", d.decided_by.trim()),
                ],
            )
        )));
    }
    for dr in &opt.data_replacements {
        if dr.document.trim().is_empty() {
            continue;
        }
        doc.para(body(format!(
            "- {}",
            w.fill(
                "annex.data_replacement",
                &[
                    ("document", dr.document.trim()),
                    ("database", or_blank(&dr.database)),
                ],
            )
        )));
    }
}

fn or_blank(s: &str) -> &str {
    if s.trim().is_empty() {
        "……"
    } else {
        s.trim()
    }
}

/// The cumulative cuts against the baseline and the business conditions, under the benefit
/// lines of an option (only for a review that has them).
fn measures_lines(
    doc: &mut Document,
    t: &Templates,
    settings: &ReportSettings,
    review: &Review,
    r: &crate::cost::OptionResult,
) {
    let w = &t.wording;
    let year = crate::measures::review_year(review, settings.plan_year);
    if let Some(a) = crate::measures::against_baseline(review, r, t.targets.year(year), year) {
        let time = a
            .time
            .as_ref()
            .map(crate::measures::measure_text)
            .unwrap_or_default();
        doc.para(body(format!(
            "- {}",
            w.fill(
                "annex.against_baseline",
                &[
                    ("baseline_year", &a.baseline_year.to_string()),
                    ("year", &a.year.to_string()),
                    ("cost", &crate::measures::measure_text(&a.cost)),
                    ("time", &time),
                ],
            )
        )));
    }
    let c = crate::model::ConditionCounts::of(&review.business_conditions);
    if c.total > 0 {
        doc.para(body(format!(
            "- {}",
            w.fill(
                "annex.conditions",
                &[
                    ("total", &c.total.to_string()),
                    ("abolished", &c.abolished.to_string()),
                    ("amended", &c.amended.to_string()),
                    ("kept", &c.kept.to_string()),
                ],
            )
        )));
        for (i, cond) in review.business_conditions.iter().enumerate() {
            doc.para(
                body(format!(
                    "{}. {}",
                    i + 1,
                    w.fill(
                        "annex.condition_line",
                        &[
                            ("text", cond.text.trim()),
                            ("basis", cond.basis.trim()),
                            ("fate", cond.fate.label()),
                            ("reason", cond.reason.trim()),
                        ],
                    )
                ))
                .sub_item(),
            );
        }
    }
}

/// A saving as a table prints it: "78.722.400", or "tăng 1.000" when the cost goes up.
pub fn saving_text(saving: Decimal) -> String {
    Value::Saving(saving).print(MoneyUnit::Dong)
}

/// The cut as a table prints it: "26,44 %", or "tăng 102,07 %" when the cost goes up.
pub fn percent_text(saving: Decimal, p: Option<Decimal>) -> String {
    Value::Percent {
        value: p,
        raises: saving < Decimal::ZERO,
    }
    .print(MoneyUnit::Dong)
}

fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "Có",
        Some(false) => "Không",
        None => "—",
    }
}

/// The review form as answered (parts I–V).
pub fn form_appendix(doc: &mut Document, t: &Templates, review: &Review) {
    let w = &t.wording;
    let r = &review.tthc;
    let title = if review.kind.is_internal() {
        "report.form_title_internal"
    } else {
        "report.form_title"
    };
    centered_title(doc, w.get(title), BODY);
    heading(doc, w.get("report.general"), 1);
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
    let day = super::day_label(t, r.time_limit.kind);
    for (label, value) in [
        (
            "Tên TTHC",
            w.fill(
                "form.name",
                &[("name", r.name.trim()), ("code", r.code.trim())],
            ),
        ),
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
            w.fill(
                "form.fee",
                &[
                    ("amount", &money(r.fee.amount.value)),
                    ("basis", r.fee.basis.trim()),
                ],
            ),
        ),
        (
            "Kết quả",
            w.fill(
                "form.result",
                &[
                    ("name", r.result.name.trim()),
                    ("validity", r.result.validity.trim()),
                ],
            ),
        ),
        (
            "Cách thức được tính chi phí",
            r.costed_channel
                .filter(|_| !r.channel_terms.is_empty())
                .map(|c| {
                    let name = w.get(match c {
                        Channel::TrucTiep => "channel.truc_tiep",
                        Channel::BuuChinh => "channel.buu_chinh",
                        Channel::TrucTuyen => "channel.truc_tuyen",
                    });
                    format!(
                        "{name} (thời hạn {} {day}; phí, lệ phí {} đồng; theo Cổng Dịch vụ công quốc gia)",
                        number(r.time_limit.days.value),
                        money(r.fee.amount.value)
                    )
                })
                .unwrap_or_default(),
        ),
        (
            "Cơ quan, đơn vị thực hiện rà soát",
            w.fill(
                "form.reviewer",
                &[
                    ("agency", review.reviewer.agency.trim()),
                    ("room", review.reviewer.room.trim()),
                ],
            ),
        ),
    ] {
        // A field left empty prints nothing rather than "Lĩnh vực: ".
        let value = value.trim();
        if !value.is_empty() {
            doc.para(body(format!("- {label}: {value}")));
        }
    }
    for (label, list) in [
        ("Trình tự thực hiện", &r.steps),
        ("Yêu cầu, điều kiện", &r.conditions),
        ("Văn bản quy định về TTHC", &r.legal_basis),
    ] {
        doc.para(body(format!("- {label}:")).keep());
        for (i, s) in list.iter().enumerate() {
            doc.para(body(format!("{}. {s}", i + 1)).sub_item());
        }
    }
    doc.para(body("- Thành phần hồ sơ:").keep());
    for (i, d) in r.documents.iter().enumerate() {
        let kind = w.get(match d.kind {
            CopyKind::BanChinh => "copy.ban_chinh",
            CopyKind::BanSao => "copy.ban_sao",
            CopyKind::BanSaoChungThuc => "copy.ban_sao_chung_thuc",
        });
        doc.para(body(format!("{}. {} ({kind}, {} bản)", i + 1, d.name, d.copies)).sub_item());
    }

    for section in &t.form.sections {
        heading(doc, &format!("{}. {}", section.number, section.title), 1);
        if section.criterion == crate::templates::Criterion::CanThiet {
            doc.para(italic(w.get("report.objectives")).keep());
            for g in [ObjectiveGroup::QuanLyNhaNuoc, ObjectiveGroup::QuyenLoiIch] {
                let key = match g {
                    ObjectiveGroup::QuanLyNhaNuoc => "objective.quan_ly_nha_nuoc",
                    ObjectiveGroup::QuyenLoiIch => "objective.quyen_loi_ich",
                };
                doc.para(body(format!("{}:", w.get(key))).keep());
                let rows: Vec<Row> = review
                    .objectives
                    .iter()
                    .filter(|o| o.group == g)
                    .enumerate()
                    .map(|(i, o)| {
                        Row::body(vec![
                            Cell::new(Value::Stt(i + 1)),
                            Cell::text(&o.text),
                            Cell::text(format!(
                                "{}. {}",
                                yes_no(o.changed.answer),
                                o.changed.reason
                            )),
                            Cell::text(format!("{}. {}", yes_no(o.met.answer), o.met.reason)),
                        ])
                    })
                    .collect();
                if !rows.is_empty() {
                    doc.push(Block::Table(Table {
                        columns: columns(&[
                            ("STT", 0.7),
                            ("Mục tiêu", 4.0),
                            ("Có thay đổi hay không? Lý do", 3.0),
                            ("Có được đáp ứng hay không? Lý do", 3.0),
                        ]),
                        rows,
                        size: SMALL,
                        money_unit: MoneyUnit::Dong,
                    }));
                }
            }
        }
        if t.form.section_skipped(section, &review.answers) {
            doc.para(italic(w.get("report.skipped")));
            continue;
        }
        for block in &section.blocks {
            if section.blocks.len() > 1 {
                doc.para(Para::body(BODY, vec![Run::bold(format!("{}:", block.title))]).keep());
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
                    doc.para(body(format!("{prefix}{}", q.text)).keep());
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
                    doc.para(italic(line).sub_item().no_indent());
                }
            }
        }
    }
    heading(doc, w.get("report.contact"), 1);
    let rv = &review.reviewer;
    doc.para(body(format!(
        "Họ và tên: {}; điện thoại: {}; thư điện tử: {}.",
        rv.name, rv.phone, rv.email
    )));
}

/// The columns of a cost table (spec §4), shared with the Excel writer.
pub const COST_COLUMNS: [(&str, f32); 8] = [
    ("STT", 0.7),
    ("Hoạt động/công việc", 3.3),
    ("Thời gian (giờ)", 0.95),
    ("Thu nhập bình quân/giờ", 1.2),
    ("Chi phí thời gian", 1.35),
    ("Chi phí thuê tư vấn, dịch vụ", 1.25),
    ("Chi phí khác", 1.15),
    ("Chi phí thực hiện công việc", 1.45),
];

/// The footer lines of a cost table (spec §4), shared with the Excel writer.
pub const COST_FOOTER: [&str; 6] = [
    "Chi phí thực hiện",
    "Phí, lệ phí",
    "Chi phí tuân thủ 01 lần",
    "Số lần thực hiện/năm",
    "Số đối tượng tuân thủ/năm",
    "Tổng chi phí tuân thủ/năm",
];

/// A cost table with the columns of spec §4 and its footer.
pub fn cost_table(doc: &mut Document, acts: &[Activity], cost: &TableCost, hourly: Decimal) {
    let mut rows: Vec<Row> = acts
        .iter()
        .zip(&cost.rows)
        .enumerate()
        .map(|(i, (a, c))| {
            Row::body(vec![
                Cell::new(Value::Stt(i + 1)),
                Cell::text(&a.name),
                Cell::new(Value::Number(a.hours.value)),
                Cell::money(hourly),
                Cell::money(c.time_cost),
                Cell::money(a.service.value),
                Cell::money(a.other.value),
                Cell::money(c.total),
            ])
        })
        .collect();
    let values = [
        Value::Money(cost.execution),
        Value::Money(cost.fee),
        Value::Money(cost.per_occurrence),
        Value::Number(cost.frequency),
        Value::Number(cost.subjects),
        Value::Money(cost.per_year),
    ];
    for (k, (label, value)) in COST_FOOTER.iter().zip(values).enumerate() {
        let l = Cell::text(*label).span(7);
        let v = Cell::new(value);
        rows.push(Row::footer(if k == 5 {
            vec![l.bold(), v.bold()]
        } else {
            vec![l, v]
        }));
    }
    doc.push(Block::Table(Table {
        columns: columns(&COST_COLUMNS),
        rows,
        size: 10.0,
        money_unit: MoneyUnit::Dong,
    }));
}

pub fn option_name(review: &Review, i: usize) -> String {
    review.option_title(i)
}

/// Appendix II (cost tables) and III (comparison) of one review.
pub fn cost_appendix(
    doc: &mut Document,
    t: &Templates,
    review: &Review,
    cost: &ReviewCost,
    chosen: usize,
) {
    let w = &t.wording;
    let hourly = review.cost.hourly_income.value;
    centered_title(doc, w.get("report.cost_title"), BODY);
    let source = if review.cost.income_source.is_empty() {
        review.cost.hourly_income.note.clone()
    } else {
        review.cost.income_source.clone()
    };
    doc.para(body(w.fill(
        "report.hourly",
        &[("amount", &money(hourly)), ("source", &source)],
    )));
    heading(doc, w.get("report.cost_current"), 1);
    cost_table(doc, &review.activities, &cost.current, hourly);
    let name = option_name(review, chosen);
    heading(doc, &w.fill("report.cost_after", &[("option", &name)]), 1);
    let oc = cost.options[chosen]
        .as_ref()
        .expect("checked by the caller");
    let opt = &review.options[chosen];
    if opt.kind == OptionKind::BaiBo && !opt.replacement_costed {
        doc.para(body(w.get("report.cost_abolished")));
    } else {
        cost_table(doc, &opt.activities, &oc.table, hourly);
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
                Some(Row::body(vec![
                    Cell::text(format!("{}{mark}", option_name(review, i))),
                    Cell::text(t.kind_label(o.kind)),
                    Cell::money(r.before),
                    Cell::money(r.after),
                    Cell::new(Value::Saving(r.saving)),
                    Cell::new(Value::Percent {
                        value: r.percent,
                        raises: r.saving < Decimal::ZERO,
                    }),
                    Cell::new(Value::DaysChange(r.days_before, r.days_after)),
                ]))
            })
            .collect();
        doc.push(Block::Table(Table {
            columns: columns(&[
                ("Phương án", 2.4),
                ("Loại", 1.7),
                ("Chi phí trước (đồng/năm)", 1.5),
                ("Chi phí sau (đồng/năm)", 1.5),
                ("Tiết kiệm (đồng/năm)", 1.5),
                ("Tỷ lệ cắt giảm", 1.25),
                ("Thời hạn (ngày)", 1.1),
            ]),
            rows,
            size: SMALL,
            money_unit: MoneyUnit::Dong,
        }));
    }
}
