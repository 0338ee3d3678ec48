//! Reports: the Phụ lục VI option report of one review and the compiled August report, built
//! once as a format-neutral document (`doc.rs`) and written as PDF, DOCX or XLSX.
//! Pure: no GUI; the CLI and the GUI call these functions.

mod content;
pub mod doc;
pub mod docx;
use crate::print_fonts as fonts;
mod measures;
mod ooxml_order;
pub mod pdf;
mod settings;
pub mod words;
pub mod xlsx;

pub use crate::print_fonts::{can_draw, undrawable};
pub use settings::{CostBasis, DEFAULT_SETTINGS, ReportSettings, SingleSettings};

use crate::cost::format::{money, number, percent};
use crate::cost::{OptionCost, Totals, aggregate, review_cost};
use crate::model::{DayKind, Review, text_key};
use crate::preflight::{Finding, Severity, count, has_errors, report_findings_keeping};
use crate::storage::ReviewSet;
use crate::templates::{self, Templates};
use content::{
    AnnexFigures, BODY, SMALL, annex_block, centered_title, cost_appendix, form_appendix, heading,
};
pub use content::{COST_COLUMNS, COST_FOOTER, option_name, percent_text, saving_text};
use doc::{
    Align, Block, Cell, Column, Document, Letterhead, MoneyUnit, Para, Row, Run, SignSide,
    Signature, Table, Value,
};
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("chưa chọn phương án đơn giản hóa cho báo cáo")]
    NoChosenOption,
    #[error("{0}")]
    Cost(String),
    /// The writer of a format failed (DOCX/XLSX packaging).
    #[error("không ghi được tệp: {0}")]
    Write(String),
    #[error("không có bản rà soát nào để lập báo cáo")]
    Nothing,
    /// The checks before a report found errors: the figures would be wrong.
    #[error("{} lỗi phải sửa trước khi lập báo cáo:\n{}", count(.0, Severity::Error), .0.iter().filter(|f| f.severity == Severity::Error).map(|f| format!("• {f}")).collect::<Vec<_>>().join("\n"))]
    Blocked(Vec<Finding>),
}

/// The chosen option of a review with its cost, or why the review cannot go in a report.
fn chosen(review: &Review) -> Result<(usize, crate::cost::ReviewCost), ReportError> {
    let cost = review_cost(review).map_err(|e| ReportError::Cost(e.to_string()))?;
    let i = review.chosen_index().ok_or(ReportError::NoChosenOption)?;
    if let Err(e) = &cost.options[i] {
        return Err(ReportError::Cost(e.to_string()));
    }
    Ok((i, cost))
}

/// The formats a report is written in, chosen by the output's extension.
pub use crate::storage::OutputKind as Format;

/// The single-review letterhead and signers: the settings, else the review's agency and room.
fn single_frame(s: &ReportSettings, review: &Review) -> (Letterhead, Signature) {
    let one = &s.single;
    let or = |v: &str, d: &str| {
        if v.trim().is_empty() {
            d.to_uppercase()
        } else {
            v.to_string()
        }
    };
    let head = Letterhead {
        upper: or(&one.body_upper, &review.reviewer.agency),
        lower: or(&one.body_lower, &review.reviewer.room),
        number: one.number.clone(),
        place_date: one.place_date.clone(),
    };
    let sign = Signature {
        left: SignSide::Signer {
            lines: vec![one.left_title.clone()],
            name: review.reviewer.name.clone(),
        },
        right: SignSide::Signer {
            lines: vec![one.right_title.clone()],
            name: one.right_name.clone(),
        },
    };
    (head, sign)
}

/// One review as a document: letterhead, the annex block of its chosen option, the signers,
/// then the form as answered, the cost tables and, with several options, their comparison.
pub fn review_document(
    t: &Templates,
    s: &ReportSettings,
    review: &Review,
) -> Result<Document, ReportError> {
    let (i, cost) = chosen(review)?;
    let w = &t.wording;
    let mut doc = Document::new(&review.tthc.name);
    let (head, sign) = single_frame(s, review);
    doc.author = if s.author.trim().is_empty() {
        w.fill(
            "form.reviewer",
            &[
                ("agency", review.reviewer.agency.trim()),
                ("room", review.reviewer.room.trim()),
            ],
        )
    } else {
        s.author.clone()
    };
    doc.push(Block::Letterhead(head));
    let title = if review.kind.is_internal() {
        "report.single_title_internal"
    } else {
        "report.single_title"
    };
    centered_title(&mut doc, w.get(title), 14.0);
    let subtitle = w.fill(
        "report.single_subtitle",
        &[
            ("field", review.tthc.field.trim()),
            ("agency", review.reviewer.agency.trim()),
        ],
    );
    if !subtitle.trim().is_empty() {
        doc.para(
            Para::italic(BODY, subtitle.trim())
                .centered()
                .space(0.0, 10.0),
        );
    }
    let oc: &OptionCost = cost.options[i].as_ref().expect("checked");
    annex_block(
        &mut doc,
        t,
        s,
        review,
        i,
        &AnnexFigures::of(oc, &cost.current),
        1,
    );
    if review.print_note && !review.note.trim().is_empty() {
        doc.para(
            Para::italic(
                SMALL,
                w.fill("report.illustrative", &[("note", &review.note)]),
            )
            .space(6.0, 4.0),
        );
    }
    doc.push(Block::Signature(sign));
    doc.page_break();
    form_appendix(&mut doc, t, review);
    doc.page_break();
    cost_appendix(&mut doc, t, review, &cost, i);
    Ok(doc)
}

/// One review written in `format`.
pub fn review_report(
    t: &Templates,
    s: &ReportSettings,
    review: &Review,
    format: Format,
) -> Result<Vec<u8>, ReportError> {
    match format {
        Format::Xlsx => {
            let (i, cost) = chosen(review)?;
            xlsx::review(t, review, &cost, i).map_err(ReportError::Write)
        }
        _ => {
            let doc = review_document(t, s, review)?;
            write_document(&doc, format)
        }
    }
}

/// One review as a PDF with the default settings.
pub fn review_pdf(t: &Templates, review: &Review) -> Result<Vec<u8>, ReportError> {
    review_report(t, &ReportSettings::default(), review, Format::Pdf)
}

fn write_document(doc: &Document, format: Format) -> Result<Vec<u8>, ReportError> {
    match format {
        Format::Pdf => pdf::write(doc).ok_or_else(nothing_laid_out),
        Format::Docx => docx::write(doc).map_err(ReportError::Write),
        Format::Xlsx => unreachable!("a workbook is written from the figures"),
    }
}

/// The outcome of a compilation: the file's bytes and the warnings it was made past.
pub struct Compiled {
    pub bytes: Vec<u8>,
    pub included: usize,
    pub warnings: Vec<Finding>,
    pub totals: Totals,
}

/// I, II, III … for the lĩnh vực groups.
pub fn roman(n: usize) -> String {
    const R: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut s = String::new();
    for (v, r) in R {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

fn totals_row(label: &str, t: &Totals) -> Row {
    Row::footer(vec![
        Cell::text(label).bold().span(2),
        Cell::money(t.before).bold(),
        Cell::money(t.after).bold(),
        Cell::new(Value::Saving(t.saving)).bold(),
        Cell::new(Value::Percent {
            value: t.percent,
            raises: t.saving < rust_decimal::Decimal::ZERO,
        })
        .bold(),
        Cell::new(Value::Days(t.days_before)).bold(),
        Cell::new(Value::Days(t.days_after)).bold(),
    ])
}

/// "I. LĨNH VỰC …" of the `k`-th group, or the wording for reviews that name no lĩnh vực.
fn field_heading(t: &Templates, k: usize, field: &str) -> String {
    let roman = roman(k + 1);
    if field.trim().is_empty() {
        t.wording.fill("annex.no_field", &[("roman", &roman)])
    } else {
        t.wording.fill(
            "annex.field_heading",
            &[("roman", &roman), ("field", field)],
        )
    }
}

/// What a compiled report uses of one review.
pub struct Entry {
    /// Its place in the set of reviews (a writer that prints its cost tables reads it again).
    pub index: usize,
    /// The review without what a compiled report never prints (see [`without_tables`]).
    pub review: Review,
    pub chosen: usize,
    pub figures: AnnexFigures,
}

/// The review as a compiled report keeps it: what its annex block, summary row and 2025–26
/// parts print (the TTHC's name, code, lĩnh vực and thời hạn, the chosen option's content, the
/// other options' names, the business conditions, the baseline); its answers, cost tables,
/// comments and the record's lists are let go once its figures are computed, so thousands of
/// reviews fit in little memory.
fn without_tables(mut r: Review, chosen: usize) -> Review {
    r.answers = Default::default();
    r.objectives = Vec::new();
    r.activities = Vec::new();
    r.comments = Vec::new();
    r.note = String::new();
    let t = &mut r.tthc;
    t.steps = Vec::new();
    t.documents = Vec::new();
    t.forms = Vec::new();
    t.conditions = Vec::new();
    t.legal_basis = Vec::new();
    t.channel_terms = Vec::new();
    t.subjects = Vec::new();
    t.channels = Vec::new();
    for (k, o) in r.options.iter_mut().enumerate() {
        o.activities = Vec::new();
        if k != chosen {
            o.content = Vec::new();
            o.implementation = Vec::new();
            o.data_replacements = Vec::new();
            o.decentralisation = None;
        }
    }
    r
}

/// The reviews of a compilation, checked, with their chosen options and figures, grouped by
/// lĩnh vực; the input of every writer.
pub struct Gathered {
    pub items: Vec<Entry>,
    /// (key, printed spelling) of each lĩnh vực, in the order they first appear.
    pub fields: Vec<(String, String)>,
    /// The index in `fields` of each item's lĩnh vực.
    field_of: Vec<usize>,
    pub agg: crate::cost::Aggregate,
    pub findings: Vec<Finding>,
    /// The decision's year (`{year}`), see `decision_year`.
    pub year: i32,
    /// The agency the reviews name (`{agency}`), or "……".
    pub agency: String,
    /// How the TTHC count their days (a folder that mixes them is refused by the checks).
    pub day: DayKind,
    /// Internal procedures (TTHC nội bộ): the decision is the approval of their options (a
    /// folder that mixes them with TTHC is refused by the checks).
    pub internal: bool,
}

impl Gathered {
    /// The items of one lĩnh vực.
    pub fn in_field<'s>(&'s self, key: &'s str) -> impl Iterator<Item = &'s Entry> + 's {
        let g = self.fields.iter().position(|(k, _)| k == key);
        self.items
            .iter()
            .zip(&self.field_of)
            .filter(move |(_, f)| Some(**f) == g)
            .map(|(item, _)| item)
    }
}

/// The checks before a report on a set of reviews and what the report keeps of each, from one
/// reading of each file.
pub struct Surveyed {
    /// The checks' findings ([`crate::preflight::report_findings`]).
    pub findings: Vec<Finding>,
    /// Per file: the review as a compiled report keeps it, its chosen option and figures, or
    /// why it cannot go in a report; `None` for a file that does not load.
    kept: Vec<Option<Result<Kept, ReportError>>>,
}

/// A review as a compiled report keeps it, its chosen option and that option's figures.
type Kept = (Review, usize, AnnexFigures);

/// Reads every review of `items` once (on every core, each let go once read): the checks before
/// a report, and what the report needs of each.
pub fn survey(t: &Templates, items: &(impl ReviewSet + ?Sized)) -> Surveyed {
    let (findings, kept) = report_findings_keeping(t, items, |review| {
        let (i, cost) = chosen(&review)?;
        let figures = AnnexFigures::of(cost.options[i].as_ref().expect("checked"), &cost.current);
        // A fresh copy of what is kept: its pieces allocated together rather than among the
        // freed pieces of the whole review.
        Ok((without_tables(review.into_owned(), i).clone(), i, figures))
    });
    Surveyed { findings, kept }
}

/// Gathers what a report on `items` will say, from their survey. Any error of the checks (a
/// file that does not load, no chosen option, the same TTHC twice …) refuses the whole report,
/// so no TTHC is ever left out or counted twice in silence.
pub fn gather(
    t: &Templates,
    settings: &ReportSettings,
    items: &(impl ReviewSet + ?Sized),
    surveyed: Surveyed,
) -> Result<Gathered, ReportError> {
    let Surveyed { mut findings, kept } = surveyed;
    if kept.is_empty() {
        return Err(ReportError::Nothing);
    }
    if has_errors(&findings) {
        return Err(ReportError::Blocked(findings));
    }
    let mut ok = Vec::with_capacity(kept.len());
    for (index, k) in kept.into_iter().enumerate() {
        let (review, chosen, figures) = k.ok_or_else(|| {
            ReportError::Cost(format!("{}: không đọc được", items.path(index).display()))
        })??;
        ok.push(Entry {
            index,
            review,
            chosen,
            figures,
        });
    }
    let year = decision_year(settings, ok.iter().map(|e| &e.review));
    // A former province in the letterhead or the signer (merged on 1/7/2025).
    for text in [&settings.body_lower, &settings.signer_authority] {
        if let Some((old, now)) = t.government.former_province(text) {
            findings.push(Finding {
                severity: Severity::Warning,
                file: Some(PathBuf::from("report_settings.ron")),
                step: None,
                message: format!(
                    "thiết lập báo cáo ghi «{}»: tỉnh {old} đã hợp nhất vào {} từ 01/7/2025",
                    text.trim(),
                    now.name
                ),
            });
        }
    }
    for p in settings.problems(year) {
        findings.push(Finding {
            severity: Severity::Warning,
            file: Some(PathBuf::from("report_settings.ron")),
            step: None,
            message: p,
        });
    }
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut field_of = Vec::with_capacity(ok.len());
    for e in &ok {
        let key = crate::model::field_key(&e.review.tthc.field);
        let g = match fields.iter().position(|(k, _)| *k == key) {
            Some(g) => g,
            None => {
                fields.push((key, t.field_spelling(&e.review.tthc.field).to_string()));
                fields.len() - 1
            }
        };
        field_of.push(g);
    }
    let agg = aggregate(
        ok.iter()
            .map(|e| (e.review.tthc.field.as_str(), &e.figures.result)),
    )
    .map_err(|e| ReportError::Cost(e.to_string()))?;
    let day = ok
        .first()
        .map_or(DayKind::NgayLamViec, |e| e.review.tthc.time_limit.kind);
    let agency = common_agency(ok.iter().map(|e| &e.review));
    let internal = ok.first().is_some_and(|e| e.review.kind.is_internal());
    Ok(Gathered {
        items: ok,
        fields,
        field_of,
        agg,
        findings,
        year,
        agency,
        day,
        internal,
    })
}

/// The review of `e` read again in full, with its cost, for a writer that prints its tables;
/// refused when the file no longer says what was gathered (a colleague's copy landed meanwhile).
fn reread<'s>(
    items: &'s (impl ReviewSet + ?Sized),
    e: &Entry,
) -> Result<(std::borrow::Cow<'s, Review>, crate::cost::ReviewCost), ReportError> {
    let changed = || {
        ReportError::Cost(format!(
            "{}: tệp đã thay đổi trong khi lập báo cáo — hãy lập lại báo cáo",
            items.path(e.index).display()
        ))
    };
    let review = items.load(e.index).map_err(ReportError::Cost)?;
    let (i, cost) = chosen(&review).map_err(|_| changed())?;
    let figures = AnnexFigures::of(cost.options[i].as_ref().expect("checked"), &cost.current);
    let (now, then) = (&review.tthc, &e.review.tthc);
    if i != e.chosen
        || figures != e.figures
        || (&now.name, &now.code, &now.field) != (&then.name, &then.code, &then.field)
    {
        return Err(changed());
    }
    Ok((review, cost))
}

/// The year a decision belongs to: the plan's, else the latest year in which one of the
/// reviews changed stage, else this year.
pub fn decision_year<'a>(
    settings: &ReportSettings,
    reviews: impl Iterator<Item = &'a Review>,
) -> i32 {
    use chrono::Datelike;
    settings
        .plan_year
        .filter(|y| *y > 0)
        .or_else(|| {
            reviews
                .flat_map(|r| r.tracking.iter().map(|c| c.date.year()))
                .max()
        })
        .unwrap_or_else(|| chrono::Local::now().year())
}

/// The agency every review names (as the first spells it), else "……" for the office to write.
fn common_agency<'a>(mut reviews: impl Iterator<Item = &'a Review>) -> String {
    let Some(first) = reviews.next().map(|r| r.reviewer.agency.trim()) else {
        return BLANK.to_string();
    };
    let key = text_key(first);
    if first.is_empty() || reviews.any(|r| text_key(&r.reviewer.agency) != key) {
        BLANK.to_string()
    } else {
        first.to_string()
    }
}

/// Where the office writes by hand.
pub const BLANK: &str = "……";

/// The headings of the summary table, in the PDF, Word and Excel reports alike (wording.ron):
/// STT, name, before, after, saving (in `unit` per year), %, thời hạn before and after.
pub fn summary_headers(t: &Templates, unit: MoneyUnit, day: &str) -> [String; 8] {
    let w = &t.wording;
    let per = |key: &str| w.fill(key, &[("unit", unit.label())]);
    [
        w.get("report.col_stt").to_string(),
        w.get("report.col_name").to_string(),
        per("report.col_before"),
        per("report.col_after"),
        per("report.col_saving"),
        w.get("report.col_percent").to_string(),
        w.fill("report.days_before", &[("day", day)]),
        w.fill("report.days_after", &[("day", day)]),
    ]
}

/// The day unit as the TTHC counts it: "ngày làm việc" or "ngày".
pub fn day_label(t: &Templates, kind: DayKind) -> &str {
    t.wording.get(match kind {
        DayKind::NgayLamViec => "day.ngay_lam_viec",
        DayKind::Ngay => "day.ngay",
    })
}

/// The compiled decision as a document: the decision, the annex grouped by lĩnh vực and TTHC,
/// the summary table with totals per lĩnh vực and overall. `spill` is handed the document after
/// each TTHC's annex block: a writer that writes as it goes takes the blocks made so far (the
/// rest of the document comes back at the end).
pub fn compiled_document(
    t: &Templates,
    settings: &ReportSettings,
    g: &Gathered,
    progress: &dyn Fn(usize, usize),
    spill: &mut dyn FnMut(&mut Document),
) -> Document {
    let n = g.items.len().to_string();
    let year = g.year.to_string();
    let target = settings.time_cut_target.to_string();
    // The place of the date line: the seat of the province the letterhead names, once the
    // office has written it in government.ron; else left to fill by hand.
    let seat = t
        .government
        .province_in(&settings.body_lower)
        .map(|p| p.seat.trim())
        .filter(|s| !s.is_empty())
        .unwrap_or(BLANK)
        .to_string();
    let fill_n = |s: &str| {
        templates::fill_text(
            s,
            &[
                ("n", &n),
                ("target", &target),
                ("year", &year),
                ("agency", &g.agency),
                ("seat", &seat),
            ],
        )
    };
    let w = &t.wording;
    let big = |text: &str| Para::body(14.0, vec![Run::bold(text)]).centered();
    // Internal procedures: the approval decision of QĐ 1085/QĐ-TTg, with its own căn cứ.
    let i = &settings.internal;
    let (subject, bases, proposal, articles, annex_title, annex_note, recipients) = if g.internal {
        (
            &i.subject,
            &i.bases,
            &i.proposal,
            &i.articles,
            i.annex_title.as_str(),
            &i.annex_note,
            &i.recipients,
        )
    } else {
        (
            &settings.subject,
            &settings.bases,
            &settings.proposal,
            &settings.articles,
            w.get("annex.title"),
            &settings.annex_note,
            &settings.recipients,
        )
    };

    let mut doc = Document::new(fill_n(subject));
    doc.author = if settings.author.trim().is_empty() {
        fill_n(&format!("{} {}", settings.body_upper, settings.body_lower))
    } else {
        fill_n(&settings.author)
    };
    doc.push(Block::Letterhead(Letterhead {
        upper: fill_n(&settings.body_upper),
        lower: fill_n(&settings.body_lower),
        number: fill_n(&settings.number),
        place_date: fill_n(&settings.place_date),
    }));
    doc.para(big(&settings.title).space(6.0, 0.0).keep());
    doc.para(big(&fill_n(subject)).space(0.0, 2.0).keep());
    // NĐ 30/2020: a short rule under the trích yếu.
    doc.push(Block::Rule { fraction: 0.3 });
    doc.para(
        big(&fill_n(&settings.signer_authority))
            .space(4.0, 8.0)
            .keep(),
    );
    for b in bases.iter().chain(std::iter::once(proposal)) {
        doc.para(Para::italic(14.0, fill_n(b)));
    }
    doc.para(
        big(t.wording.get("decision.decides"))
            .space(6.0, 6.0)
            .keep(),
    );
    for (k, a) in articles.iter().enumerate() {
        doc.para(Para::body(
            14.0,
            vec![
                Run::bold(
                    t.wording
                        .fill("decision.article", &[("n", &(k + 1).to_string())]),
                ),
                Run::plain(format!(" {}", fill_n(a))),
            ],
        ));
    }
    doc.push(Block::Signature(Signature {
        left: SignSide::Recipients(recipients.iter().map(|r| fill_n(r)).collect()),
        right: SignSide::Signer {
            lines: vec![
                settings.sign_for.clone(),
                settings.sign_deputy.clone(),
                settings.sign_title.clone(),
            ],
            name: settings.signer_name.clone(),
        },
    }));

    doc.page_break();
    centered_title(&mut doc, &settings.annex_heading, 14.0);
    centered_title(&mut doc, annex_title, 14.0);
    doc.para(
        Para::italic(BODY, fill_n(annex_note))
            .centered()
            .space(0.0, 10.0),
    );
    let total = g.items.len();
    let mut done = 0;
    for (k, (key, field)) in g.fields.iter().enumerate() {
        heading(&mut doc, &field_heading(t, k, field).to_uppercase(), 1);
        for (stt, e) in g.in_field(key).enumerate() {
            annex_block(
                &mut doc,
                t,
                settings,
                &e.review,
                e.chosen,
                &e.figures,
                stt + 1,
            );
            done += 1;
            progress(done, total);
            spill(&mut doc);
        }
    }

    doc.page_break();
    centered_title(&mut doc, w.get("report.summary_title"), 14.0);
    let unit = settings.money_unit;
    doc.para(
        Para::italic(SMALL, w.fill("report.unit_line", &[("unit", unit.label())]))
            .align(Align::Right)
            .no_indent()
            .space(0.0, 2.0)
            .keep(),
    );
    let mut rows = Vec::new();
    let mut stt = 0;
    for (k, (key, field)) in g.fields.iter().enumerate() {
        let title = if field.trim().is_empty() {
            field_heading(t, k, field)
        } else {
            format!("{}. {}", roman(k + 1), field)
        };
        rows.push(Row::group(vec![Cell::text(title).bold().span(8)]));
        for e in g.in_field(key) {
            stt += 1;
            let r = &e.figures.result;
            rows.push(Row::body(vec![
                Cell::new(Value::Stt(stt)),
                Cell::text(format!(
                    "{} ({})",
                    e.review.tthc.name,
                    option_name(&e.review, e.chosen)
                )),
                Cell::money(r.before),
                Cell::money(r.after),
                Cell::new(Value::Saving(r.saving)),
                Cell::new(Value::Percent {
                    value: r.percent,
                    raises: r.saving < rust_decimal::Decimal::ZERO,
                }),
                Cell::new(Value::Days(r.days_before)),
                Cell::new(Value::Days(r.days_after)),
            ]));
        }
        let group = g.agg.group(field).expect("aggregated");
        rows.push(totals_row(
            &format!("{} {}", w.get("report.group_total"), roman(k + 1)),
            group,
        ));
    }
    rows.push(totals_row(w.get("report.total"), &g.agg.overall));
    const WEIGHTS: [f32; 8] = [0.7, 3.2, 1.6, 1.6, 1.6, 1.3, 1.1, 1.1];
    let day = day_label(t, g.day);
    doc.push(Block::Table(Table {
        // The lĩnh vực is the group's heading row, not a column.
        columns: summary_headers(t, unit, day)
            .into_iter()
            .zip(WEIGHTS)
            .map(|(title, weight)| Column { title, weight })
            .collect(),
        rows,
        size: 9.5,
        money_unit: unit,
    }));
    if unit != MoneyUnit::Dong {
        doc.para(
            Para::italic(
                SMALL,
                w.fill("report.rounding_note", &[("unit", unit.label())]),
            )
            .space(0.0, 4.0),
        );
    }
    let o = &g.agg.overall;
    let verdict = match o.meets_time_target(settings.time_cut_target) {
        Some(true) => w.get("report.time_met"),
        _ => w.get("report.time_not_met"),
    };
    doc.para(
        Para::text(
            BODY,
            w.fill(
                "report.time_summary",
                &[
                    ("before", &number(o.days_before)),
                    ("after", &number(o.days_after)),
                    ("percent", &percent(o.days_percent)),
                    ("target", &number(settings.time_cut_target)),
                    ("verdict", verdict),
                    ("day", day),
                ],
            ),
        )
        .space(4.0, 4.0),
    );
    if settings.amounts_in_words {
        let words = |v| words::in_words_dong(v, settings.words);
        doc.para(Para::text(
            BODY,
            w.fill(
                "report.total_words",
                &[
                    ("n", &n),
                    ("before", &money(o.before)),
                    ("before_words", &words(o.before)),
                    ("after", &money(o.after)),
                    ("after_words", &words(o.after)),
                    ("saving", &money(o.saving)),
                    ("saving_words", &words(o.saving)),
                ],
            ),
        ));
    }
    measures::against_baseline_part(&mut doc, t, settings, g);
    measures::decentralisation_part(&mut doc, t, g);
    doc
}

/// The compiled report in `format`, running the checks before a report first.
pub fn compile(
    t: &Templates,
    settings: &ReportSettings,
    items: &(impl ReviewSet + ?Sized),
    format: Format,
    progress: &dyn Fn(usize, usize),
) -> Result<Compiled, ReportError> {
    compile_surveyed(t, settings, items, survey(t, items), format, progress)
}

/// [`compile`] for a caller that has surveyed `items` already (to show the checks first): the
/// files are not read twice for it.
pub fn compile_surveyed(
    t: &Templates,
    settings: &ReportSettings,
    items: &(impl ReviewSet + ?Sized),
    surveyed: Surveyed,
    format: Format,
    progress: &dyn Fn(usize, usize),
) -> Result<Compiled, ReportError> {
    let g = gather(t, settings, items, surveyed)?;
    let bytes = match format {
        Format::Xlsx => xlsx::compiled(t, settings, &g, items, progress)?,
        Format::Docx => compiled_docx(t, settings, &g, progress)?,
        Format::Pdf => compiled_pdf(t, settings, &g, progress)?,
    };
    Ok(Compiled {
        bytes,
        included: g.items.len(),
        totals: g.agg.overall.clone(),
        warnings: g.findings,
    })
}

/// Makes the compiled decision ([`compiled_document`]) and hands its blocks to `take` as they
/// are made, with the document they belong to (its title, author and date, for a writer to start
/// from): all of them, in order, the last ones after the summary.
fn made_in_pieces(
    t: &Templates,
    settings: &ReportSettings,
    g: &Gathered,
    progress: &dyn Fn(usize, usize),
    take: &mut dyn FnMut(&Document, Vec<Block>),
) {
    let mut spill = |doc: &mut Document| {
        let blocks = std::mem::take(&mut doc.blocks);
        take(doc, blocks);
    };
    let mut rest = compiled_document(t, settings, g, progress, &mut spill);
    spill(&mut rest);
}

/// The compiled decision as a DOCX, written as it is made: the blocks of each TTHC go to the
/// archive once made, so the document itself is never held whole.
fn compiled_docx(
    t: &Templates,
    settings: &ReportSettings,
    g: &Gathered,
    progress: &dyn Fn(usize, usize),
) -> Result<Vec<u8>, ReportError> {
    let mut writer: Option<docx::Writer> = None;
    let mut failed: Option<String> = None;
    made_in_pieces(t, settings, g, progress, &mut |doc, blocks| {
        if failed.is_some() {
            return;
        }
        let w = match &mut writer {
            Some(w) => w,
            None => match docx::Writer::start(doc) {
                Ok(w) => writer.insert(w),
                Err(e) => return failed = Some(e),
            },
        };
        if let Err(e) = w.push(blocks) {
            failed = Some(e);
        }
    });
    match (failed, writer) {
        (Some(e), _) => Err(ReportError::Write(e)),
        (None, Some(w)) => w.finish().map_err(ReportError::Write),
        (None, None) => Err(nothing_laid_out()),
    }
}

/// The compiled decision as a PDF, laid out as it is made: the document is made once to learn
/// the characters it draws (for the fonts of its pages' chunks) and again to be laid out, block
/// by block, so that neither the document nor its pages' drawing are ever held whole.
fn compiled_pdf(
    t: &Templates,
    settings: &ReportSettings,
    g: &Gathered,
    progress: &dyn Fn(usize, usize),
) -> Result<Vec<u8>, ReportError> {
    let mut drawn = pdf::Drawn::default();
    made_in_pieces(t, settings, g, &|_, _| {}, &mut |_, blocks| {
        drawn.add(&blocks)
    });
    let lay_out = |glyphs: Option<pdf::chunks::Glyphs>, progress: &dyn Fn(usize, usize)| {
        let mut glyphs = glyphs;
        let mut writer: Option<pdf::Writer> = None;
        made_in_pieces(t, settings, g, progress, &mut |doc, blocks| {
            writer
                .get_or_insert_with(|| pdf::Writer::start(doc, glyphs.take()))
                .push(blocks)
        });
        writer.and_then(pdf::Writer::finish)
    };
    lay_out(Some(drawn.glyphs()), progress)
        .or_else(|| lay_out(None, &|_, _| {}))
        .ok_or_else(nothing_laid_out)
}

/// A document that gave no file (it cannot happen: every document has a letterhead, and a PDF
/// laid out in one piece is always made) is said to be empty rather than written as an empty file.
fn nothing_laid_out() -> ReportError {
    ReportError::Write("không có nội dung".into())
}

/// The compiled report as a PDF.
pub fn compile_pdf(
    t: &Templates,
    settings: &ReportSettings,
    items: &(impl ReviewSet + ?Sized),
    progress: &dyn Fn(usize, usize),
) -> Result<Compiled, ReportError> {
    compile(t, settings, items, Format::Pdf, progress)
}
