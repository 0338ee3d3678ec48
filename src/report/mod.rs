//! Reports: the Phụ lục VI option report of one review and the compiled August report, built
//! once as a format-neutral document (`doc.rs`) and written as PDF, DOCX or XLSX.
//! Pure: no GUI; the CLI and the GUI call these functions.

mod content;
pub mod doc;
pub mod docx;
mod fonts;
pub mod pdf;
mod settings;
pub mod words;
pub mod xlsx;

pub use fonts::{can_draw, undrawable};
pub use settings::{CostBasis, DEFAULT_SETTINGS, ReportSettings, SingleSettings};

use crate::cost::format::{money, number, percent};
use crate::cost::{OptionCost, Totals, aggregate, review_cost};
use crate::model::{Review, text_key};
use crate::preflight::{Finding, Severity, count, has_errors, report_findings};
use crate::templates::Templates;
use content::{BODY, SMALL, annex_block, centered_title, cost_appendix, form_appendix, heading};
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
    doc.push(Block::Letterhead(head));
    centered_title(&mut doc, w.get("report.single_title"), 14.0);
    doc.para(
        Para::italic(
            BODY,
            w.fill(
                "report.single_subtitle",
                &[
                    ("field", &review.tthc.field),
                    ("agency", &review.reviewer.agency),
                ],
            ),
        )
        .centered()
        .space(0.0, 10.0),
    );
    let oc: &OptionCost = cost.options[i].as_ref().expect("checked");
    annex_block(&mut doc, t, s, review, i, oc, &cost.current, 1);
    if !review.note.trim().is_empty() {
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
        Format::Pdf => Ok(pdf::write(doc)),
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

/// The reviews of a compilation, checked, with their chosen options and costs, grouped by lĩnh
/// vực; the input of every writer.
pub struct Gathered<'a> {
    pub items: Vec<(&'a Review, usize, crate::cost::ReviewCost)>,
    /// (key, printed spelling) of each lĩnh vực, in the order they first appear.
    pub fields: Vec<(String, String)>,
    /// The index in `fields` of each item's lĩnh vực.
    field_of: Vec<usize>,
    pub agg: crate::cost::Aggregate,
    pub findings: Vec<Finding>,
}

impl Gathered<'_> {
    /// The items of one lĩnh vực.
    pub fn in_field<'s>(
        &'s self,
        key: &'s str,
    ) -> impl Iterator<Item = &'s (&'s Review, usize, crate::cost::ReviewCost)> + 's {
        let g = self.fields.iter().position(|(k, _)| k == key);
        self.items
            .iter()
            .zip(&self.field_of)
            .filter(move |(_, f)| Some(**f) == g)
            .map(|(item, _)| item)
    }
}

/// Runs the checks before a report and gathers what it will say. Any error (a file that does
/// not load, no chosen option, the same TTHC twice …) refuses the whole report, so no TTHC is
/// ever left out or counted twice in silence.
pub fn gather<'a>(
    t: &Templates,
    settings: &ReportSettings,
    items: &'a [(PathBuf, Result<Review, String>)],
) -> Result<Gathered<'a>, ReportError> {
    if items.is_empty() {
        return Err(ReportError::Nothing);
    }
    let mut findings = report_findings(t, items);
    if has_errors(&findings) {
        return Err(ReportError::Blocked(findings));
    }
    for p in settings.problems() {
        findings.push(Finding {
            severity: Severity::Warning,
            file: Some(PathBuf::from("report_settings.ron")),
            step: None,
            message: p,
        });
    }
    let mut ok = Vec::new();
    for (_, r) in items {
        let review = r.as_ref().map_err(|e| ReportError::Cost(e.clone()))?;
        let (i, cost) = chosen(review)?;
        ok.push((review, i, cost));
    }
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut field_of = Vec::with_capacity(ok.len());
    for (r, _, _) in &ok {
        let key = text_key(&r.tthc.field);
        let g = match fields.iter().position(|(k, _)| *k == key) {
            Some(g) => g,
            None => {
                fields.push((key, t.field_spelling(&r.tthc.field).to_string()));
                fields.len() - 1
            }
        };
        field_of.push(g);
    }
    let agg = aggregate(ok.iter().map(|(r, i, c)| {
        (
            r.tthc.field.as_str(),
            &c.options[*i].as_ref().expect("checked").result,
        )
    }))
    .map_err(|e| ReportError::Cost(e.to_string()))?;
    Ok(Gathered {
        items: ok,
        fields,
        field_of,
        agg,
        findings,
    })
}

/// The compiled decision as a document: the decision, the annex grouped by lĩnh vực and TTHC,
/// the summary table with totals per lĩnh vực and overall.
pub fn compiled_document(
    t: &Templates,
    settings: &ReportSettings,
    g: &Gathered,
    progress: &dyn Fn(usize, usize),
) -> Document {
    let n = g.items.len().to_string();
    let fill_n = |s: &str| {
        s.replace("{n}", &n)
            .replace("{target}", &settings.time_cut_target.to_string())
    };
    let w = &t.wording;
    let big = |text: &str| Para::body(14.0, vec![Run::bold(text)]).centered();

    let mut doc = Document::new(fill_n(&settings.subject));
    doc.push(Block::Letterhead(Letterhead {
        upper: settings.body_upper.clone(),
        lower: settings.body_lower.clone(),
        number: settings.number.clone(),
        place_date: settings.place_date.clone(),
    }));
    doc.para(big(&settings.title).space(6.0, 0.0).keep());
    doc.para(big(&fill_n(&settings.subject)).space(0.0, 2.0).keep());
    // NĐ 30/2020: a short rule under the trích yếu.
    doc.push(Block::Rule { fraction: 0.3 });
    doc.para(big(&settings.signer_authority).space(4.0, 8.0).keep());
    for b in settings
        .bases
        .iter()
        .chain(std::iter::once(&settings.proposal))
    {
        doc.para(Para::italic(14.0, b));
    }
    doc.para(big("QUYẾT ĐỊNH:").space(6.0, 6.0).keep());
    for (k, a) in settings.articles.iter().enumerate() {
        doc.para(Para::body(
            14.0,
            vec![
                Run::bold(format!("Điều {}.", k + 1)),
                Run::plain(format!(" {}", fill_n(a))),
            ],
        ));
    }
    doc.push(Block::Signature(Signature {
        left: SignSide::Recipients(settings.recipients.clone()),
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
    centered_title(&mut doc, w.get("annex.title"), 14.0);
    doc.para(
        Para::italic(BODY, &settings.annex_note)
            .centered()
            .space(0.0, 10.0),
    );
    let total = g.items.len();
    let mut done = 0;
    for (k, (key, field)) in g.fields.iter().enumerate() {
        heading(
            &mut doc,
            &format!("{}. LĨNH VỰC {}", roman(k + 1), field.to_uppercase()),
            1,
        );
        for (stt, (review, i, cost)) in g.in_field(key).enumerate() {
            let oc = cost.options[*i].as_ref().expect("checked");
            annex_block(
                &mut doc,
                t,
                settings,
                review,
                *i,
                oc,
                &cost.current,
                stt + 1,
            );
            done += 1;
            progress(done, total);
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
        rows.push(Row::group(vec![
            Cell::text(format!("{}. {}", roman(k + 1), field))
                .bold()
                .span(8),
        ]));
        for (review, i, cost) in g.in_field(key) {
            stt += 1;
            let r = &cost.options[*i].as_ref().expect("checked").result;
            rows.push(Row::body(vec![
                Cell::new(Value::Stt(stt)),
                Cell::text(format!(
                    "{} ({})",
                    review.tthc.name,
                    option_name(review, *i)
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
    let per = |what: &str| format!("{what} ({}/năm)", unit.label());
    doc.push(Block::Table(Table {
        // The lĩnh vực is the group's heading row, not a column.
        columns: [
            ("STT".to_string(), 0.7),
            ("Tên TTHC (phương án)".to_string(), 3.6),
            (per("Chi phí trước"), 1.6),
            (per("Chi phí sau"), 1.6),
            (per("Tiết kiệm"), 1.6),
            ("Tỷ lệ cắt giảm".to_string(), 1.3),
            ("Thời hạn trước (ngày)".to_string(), 0.9),
            ("Thời hạn sau (ngày)".to_string(), 0.9),
        ]
        .into_iter()
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
    doc
}

/// The compiled report in `format`.
pub fn compile(
    t: &Templates,
    settings: &ReportSettings,
    items: &[(PathBuf, Result<Review, String>)],
    format: Format,
    progress: &dyn Fn(usize, usize),
) -> Result<Compiled, ReportError> {
    let g = gather(t, settings, items)?;
    let bytes = match format {
        Format::Xlsx => xlsx::compiled(t, &g).map_err(ReportError::Write)?,
        _ => write_document(&compiled_document(t, settings, &g, progress), format)?,
    };
    Ok(Compiled {
        bytes,
        included: g.items.len(),
        totals: g.agg.overall.clone(),
        warnings: g.findings,
    })
}

/// The compiled report as a PDF.
pub fn compile_pdf(
    t: &Templates,
    settings: &ReportSettings,
    items: &[(PathBuf, Result<Review, String>)],
    progress: &dyn Fn(usize, usize),
) -> Result<Compiled, ReportError> {
    compile(t, settings, items, Format::Pdf, progress)
}
