//! PDF reports: the Phụ lục VI option report of one review and the compiled August report.
//! Pure: no GUI; the CLI and the GUI call these functions.

mod content;
mod fonts;
pub mod layout;
mod settings;

pub use fonts::{can_draw, undrawable};
pub use settings::{DEFAULT_SETTINGS, ReportSettings};

use crate::cost::format::{money, number, percent};
use crate::cost::{OptionCost, Totals, aggregate, review_cost};
use crate::model::{Review, text_key};
use crate::preflight::{Finding, Severity, count, has_errors, report_findings};
use crate::templates::Templates;
use content::{
    BODY, SMALL, annex_block, centered_title, cost_appendix, form_appendix, heading, option_name,
    percent_text, saving_text,
};
use fonts::Face;
use layout::{Align, CONTENT_W, Cell, Doc, LEFT, Style, TableSpec};
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("chưa chọn phương án đơn giản hóa cho báo cáo")]
    NoChosenOption,
    #[error("{0}")]
    Cost(String),
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

/// One review: the annex block of its chosen option, then the form as answered, the cost tables
/// and, with several options, their comparison.
pub fn review_pdf(t: &Templates, review: &Review) -> Result<Vec<u8>, ReportError> {
    let (i, cost) = chosen(review)?;
    let w = &t.wording;
    let mut doc = Doc::new(&review.tthc.name);
    centered_title(&mut doc, w.get("report.single_title"), 14.0);
    doc.paragraph(
        &w.fill(
            "report.single_subtitle",
            &[
                ("field", &review.tthc.field),
                ("agency", &review.reviewer.agency),
            ],
        ),
        &Style::body(BODY)
            .face(Face::Italic)
            .align(Align::Center)
            .space(0.0, 10.0),
    );
    let oc: &OptionCost = cost.options[i].as_ref().expect("checked");
    annex_block(&mut doc, t, review, i, oc, 1);
    if !review.note.trim().is_empty() {
        doc.paragraph(
            &w.fill("report.illustrative", &[("note", &review.note)]),
            &Style::body(SMALL).face(Face::Italic).space(6.0, 4.0),
        );
    }
    doc.new_page();
    form_appendix(&mut doc, t, review);
    doc.new_page();
    cost_appendix(&mut doc, t, review, &cost, i);
    Ok(doc.finish())
}

/// The outcome of a compilation: the PDF and the warnings it was made past.
pub struct Compiled {
    pub pdf: Vec<u8>,
    pub included: usize,
    pub warnings: Vec<Finding>,
    pub totals: Totals,
}

fn roman(n: usize) -> String {
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

/// The header block of an administrative decision: issuing body left, national motto right.
fn decision_header(doc: &mut Doc, s: &ReportSettings) {
    let half = CONTENT_W * 0.42;
    let right_x = LEFT + half;
    let right_w = CONTENT_W - half;
    let top = doc.y;
    let lh = 13.0 * 1.22;
    let center = |doc: &mut Doc, x: f32, w: f32, y: f32, text: &str, face: Face, size: f32| {
        let tw = layout::text_width(text, face, size);
        doc.text_at(x + (w - tw) / 2.0, y, text, face, size);
        tw
    };
    center(doc, LEFT, half, top, &s.body_upper, Face::Regular, 12.5);
    let w2 = center(doc, LEFT, half, top + lh, &s.body_lower, Face::Bold, 12.5);
    doc.line(
        LEFT + (half - w2 / 1.6) / 2.0,
        top + 2.0 * lh + 1.0,
        LEFT + (half + w2 / 1.6) / 2.0,
        top + 2.0 * lh + 1.0,
        0.6,
    );
    center(
        doc,
        LEFT,
        half,
        top + 2.5 * lh,
        &s.number,
        Face::Regular,
        13.0,
    );
    center(
        doc,
        right_x,
        right_w,
        top,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        Face::Bold,
        12.0,
    );
    let w3 = center(
        doc,
        right_x,
        right_w,
        top + lh,
        "Độc lập - Tự do - Hạnh phúc",
        Face::Bold,
        13.0,
    );
    doc.line(
        right_x + (right_w - w3) / 2.0,
        top + 2.0 * lh + 1.0,
        right_x + (right_w + w3) / 2.0,
        top + 2.0 * lh + 1.0,
        0.6,
    );
    center(
        doc,
        right_x,
        right_w,
        top + 2.5 * lh,
        &s.place_date,
        Face::Italic,
        13.0,
    );
    doc.y = top + 4.0 * lh;
}

/// Room left for the signature and seal.
const SIGN_GAP: f32 = 54.0;

fn signature(doc: &mut Doc, s: &ReportSettings) {
    let x = LEFT + CONTENT_W * 0.5;
    let w = CONTENT_W * 0.5;
    let needed = (14.0 + s.recipients.len() as f32 * 13.0).max(3.0 * 16.0 + SIGN_GAP + 16.0);
    doc.ensure(needed);
    let top = doc.y;
    // Nơi nhận, left
    doc.text_at(LEFT, top, "Nơi nhận:", Face::BoldItalic, 12.0);
    for (k, r) in s.recipients.iter().enumerate() {
        doc.text_at(LEFT, top + 14.0 + k as f32 * 13.0, r, Face::Regular, 11.0);
    }
    let mut y = top;
    for (text, face) in [
        (&s.sign_for, Face::Bold),
        (&s.sign_deputy, Face::Bold),
        (&s.sign_title, Face::Bold),
    ] {
        if !text.is_empty() {
            let tw = layout::text_width(text, face, 13.0);
            doc.text_at(x + (w - tw) / 2.0, y, text, face, 13.0);
            y += 16.0;
        }
    }
    y += SIGN_GAP;
    if !s.signer_name.is_empty() {
        let tw = layout::text_width(&s.signer_name, Face::Bold, 13.0);
        doc.text_at(x + (w - tw) / 2.0, y, &s.signer_name, Face::Bold, 13.0);
    }
    doc.y = (top + 14.0 + s.recipients.len() as f32 * 13.0).max(y + 16.0) + 6.0;
}

fn totals_cells(label: &str, t: &Totals) -> Vec<Cell> {
    vec![
        Cell::new(label).bold().span(2),
        Cell::right(money(t.before)).bold(),
        Cell::right(money(t.after)).bold(),
        Cell::right(saving_text(t.saving)).bold(),
        Cell::right(percent_text(t.saving, t.percent)).bold(),
        Cell::right(number(t.days_before)).bold(),
        Cell::right(number(t.days_after)).bold(),
    ]
}

/// The compiled report over many reviews: the decision, the annex grouped by lĩnh vực and TTHC,
/// the summary table with totals per lĩnh vực and overall. The checks before a report run first:
/// any error (a file that does not load, no chosen option, the same TTHC twice …) refuses the
/// whole report, so no TTHC is ever left out or counted twice in silence.
pub fn compile_pdf(
    t: &Templates,
    settings: &ReportSettings,
    items: &[(PathBuf, Result<Review, String>)],
    progress: &dyn Fn(usize, usize),
) -> Result<Compiled, ReportError> {
    if items.is_empty() {
        return Err(ReportError::Nothing);
    }
    let findings = report_findings(t, items);
    if has_errors(&findings) {
        return Err(ReportError::Blocked(findings));
    }
    let mut ok: Vec<(&Review, usize, crate::cost::ReviewCost)> = Vec::new();
    for (_, r) in items {
        let review = r.as_ref().map_err(|e| ReportError::Cost(e.clone()))?;
        let (i, cost) = chosen(review)?;
        ok.push((review, i, cost));
    }
    // Group by lĩnh vực (any spelling of one lĩnh vực is one group), in the order the fields
    // first appear, printed in the spelling of the department's list.
    let mut fields: Vec<(String, &str)> = Vec::new();
    for (r, _, _) in &ok {
        let key = text_key(&r.tthc.field);
        if !fields.iter().any(|(k, _)| *k == key) {
            fields.push((key, t.field_spelling(&r.tthc.field)));
        }
    }
    let agg = aggregate(ok.iter().map(|(r, i, c)| {
        (
            r.tthc.field.as_str(),
            &c.options[*i].as_ref().expect("checked").result,
        )
    }))
    .map_err(|e| ReportError::Cost(e.to_string()))?;
    let n = ok.len().to_string();
    let fill_n = |s: &str| {
        s.replace("{n}", &n)
            .replace("{target}", &settings.time_cut_target.to_string())
    };
    let w = &t.wording;

    let mut doc = Doc::new(&fill_n(&settings.subject));
    decision_header(&mut doc, settings);
    doc.paragraph(
        &settings.title,
        &Style::body(14.0)
            .face(Face::Bold)
            .align(Align::Center)
            .space(6.0, 0.0),
    );
    doc.paragraph(
        &fill_n(&settings.subject),
        &Style::body(14.0)
            .face(Face::Bold)
            .align(Align::Center)
            .space(0.0, 8.0),
    );
    doc.paragraph(
        &settings.signer_authority,
        &Style::body(14.0)
            .face(Face::Bold)
            .align(Align::Center)
            .space(4.0, 8.0),
    );
    for b in settings
        .bases
        .iter()
        .chain(std::iter::once(&settings.proposal))
    {
        doc.paragraph(b, &Style::body(14.0).face(Face::Italic).indent(28.0));
    }
    doc.paragraph(
        "QUYẾT ĐỊNH:",
        &Style::body(14.0)
            .face(Face::Bold)
            .align(Align::Center)
            .space(6.0, 6.0),
    );
    for (k, a) in settings.articles.iter().enumerate() {
        doc.paragraph(
            &format!("Điều {}. {}", k + 1, fill_n(a)),
            &Style::body(14.0).indent(28.0),
        );
    }
    doc.space(6.0);
    signature(&mut doc, settings);

    doc.new_page();
    centered_title(&mut doc, &settings.annex_heading, 14.0);
    centered_title(&mut doc, w.get("annex.title"), 14.0);
    doc.paragraph(
        &settings.annex_note,
        &Style::body(BODY)
            .face(Face::Italic)
            .align(Align::Center)
            .space(0.0, 10.0),
    );
    let total = ok.len();
    let mut done = 0;
    for (g, (key, field)) in fields.iter().enumerate() {
        heading(
            &mut doc,
            &format!("{}. LĨNH VỰC {}", roman(g + 1), field.to_uppercase()),
        );
        for (stt, (review, i, cost)) in ok
            .iter()
            .filter(|(r, _, _)| text_key(&r.tthc.field) == *key)
            .enumerate()
        {
            let oc = cost.options[*i].as_ref().expect("checked");
            annex_block(&mut doc, t, review, *i, oc, stt + 1);
            done += 1;
            progress(done, total);
        }
    }

    doc.new_page();
    centered_title(&mut doc, w.get("report.summary_title"), 14.0);
    let mut rows = Vec::new();
    let mut stt = 0;
    for (g, (key, field)) in fields.iter().enumerate() {
        rows.push(vec![
            Cell::new(format!("{}. {}", roman(g + 1), field))
                .bold()
                .span(8),
        ]);
        for (review, i, cost) in ok
            .iter()
            .filter(|(r, _, _)| text_key(&r.tthc.field) == *key)
        {
            stt += 1;
            let r = &cost.options[*i].as_ref().expect("checked").result;
            rows.push(vec![
                Cell::center(stt.to_string()),
                Cell::new(format!(
                    "{} ({})",
                    review.tthc.name,
                    option_name(review, *i)
                )),
                Cell::right(money(r.before)),
                Cell::right(money(r.after)),
                Cell::right(saving_text(r.saving)),
                Cell::right(percent_text(r.saving, r.percent)),
                Cell::right(number(r.days_before)),
                Cell::right(number(r.days_after)),
            ]);
        }
        let group = agg.group(field).expect("aggregated");
        rows.push(totals_cells(
            &format!("{} {}", w.get("report.group_total"), roman(g + 1)),
            group,
        ));
    }
    rows.push(totals_cells(w.get("report.total"), &agg.overall));
    doc.table(&TableSpec {
        // The lĩnh vực is the group's heading row, not a column.
        widths: vec![0.7, 3.6, 1.6, 1.6, 1.6, 1.3, 0.9, 0.9],
        header: vec![vec![
            Cell::center("STT").bold(),
            Cell::center("Tên TTHC (phương án)").bold(),
            Cell::center("Chi phí trước (đồng/năm)").bold(),
            Cell::center("Chi phí sau (đồng/năm)").bold(),
            Cell::center("Tiết kiệm (đồng/năm)").bold(),
            Cell::center("Tỷ lệ cắt giảm").bold(),
            Cell::center("Thời hạn trước (ngày)").bold(),
            Cell::center("Thời hạn sau (ngày)").bold(),
        ]],
        rows,
        size: 9.5,
    });
    let o = &agg.overall;
    let verdict = match o.meets_time_target(settings.time_cut_target) {
        Some(true) => w.get("report.time_met"),
        _ => w.get("report.time_not_met"),
    };
    doc.paragraph(
        &w.fill(
            "report.time_summary",
            &[
                ("before", &number(o.days_before)),
                ("after", &number(o.days_after)),
                ("percent", &percent(o.days_percent)),
                ("target", &number(settings.time_cut_target)),
                ("verdict", verdict),
            ],
        ),
        &Style::body(BODY).indent(28.0).space(4.0, 4.0),
    );
    Ok(Compiled {
        pdf: doc.finish(),
        included: ok.len(),
        warnings: findings,
        totals: agg.overall,
    })
}
