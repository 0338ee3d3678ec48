//! The compiled decision's 2025–2026 parts: the cuts of each TTHC against its 2024 baseline with
//! the totals against the year's targets (as the Government counts them: "n/N TTHC", "n/N ĐKKD"),
//! and the decentralisation proposals in a table of their own.

use super::Gathered;
use super::content::{BODY, SMALL, centered_title, columns, option_name};
use super::doc::{Block, Cell, Document, MoneyUnit, Para, Row, Table, Value};
use super::settings::ReportSettings;
use crate::measures::{Measure, against_baseline, measure_text};
use crate::model::ConditionCounts;
use crate::templates::Templates;
use rust_decimal::Decimal;

fn pct(saving: Decimal, before: Decimal) -> Value {
    Value::Percent {
        value: crate::cost::percent_cut(saving, before),
        raises: saving < Decimal::ZERO,
    }
}

/// The table of cuts against the baseline (for the TTHC that have one) and the counts.
pub fn against_baseline_part(
    doc: &mut Document,
    t: &Templates,
    settings: &ReportSettings,
    g: &Gathered,
) {
    let w = &t.wording;
    let year = g.year;
    let targets = t.targets.year(year);
    let with_baseline: Vec<_> = g
        .items
        .iter()
        .filter_map(|e| {
            let a = against_baseline(&e.review, &e.figures.result, targets, year)?;
            Some((&e.review, e.chosen, a))
        })
        .collect();
    let business: Vec<_> = g.items.iter().filter(|e| e.review.business).collect();
    let conditions = g
        .items
        .iter()
        .map(|e| ConditionCounts::of(&e.review.business_conditions))
        .fold(ConditionCounts::default(), |a, c| ConditionCounts {
            total: a.total + c.total,
            abolished: a.abolished + c.abolished,
            amended: a.amended + c.amended,
            kept: a.kept + c.kept,
        });
    if with_baseline.is_empty() && business.is_empty() && conditions.total == 0 {
        return;
    }
    let baseline_year = t.targets.baseline_year.to_string();
    centered_title(
        doc,
        &w.fill(
            "report.measures_title",
            &[("baseline_year", &baseline_year)],
        ),
        14.0,
    );
    let unit = settings.money_unit;
    let mut rows = Vec::new();
    let (mut b_cost, mut a_cost, mut b_days, mut a_days) =
        (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for (k, (r, i, a)) in with_baseline.iter().enumerate() {
        let c = ConditionCounts::of(&r.business_conditions);
        b_cost += a.baseline_cost;
        a_cost += a.after_cost;
        if a.time.is_some_and(|m| m.percent.is_some()) {
            b_days += a.baseline_days;
            a_days += a.after_days;
        }
        rows.push(Row::body(vec![
            Cell::new(Value::Stt(k + 1)),
            Cell::text(format!("{} ({})", r.tthc.name.trim(), option_name(r, *i))),
            Cell::money(a.baseline_cost),
            Cell::money(a.after_cost),
            Cell::new(Value::Percent {
                value: a.cost.percent,
                raises: a.after_cost > a.baseline_cost,
            }),
            Cell::new(Value::DaysChange(a.baseline_days, a.after_days)),
            Cell::new(match a.time {
                Some(m) => Value::Percent {
                    value: m.percent,
                    raises: a.after_days > a.baseline_days,
                },
                None => Value::Text("—".into()),
            }),
            Cell::text(if c.total > 0 {
                format!("{}/{}", c.cut(), c.total)
            } else {
                String::new()
            }),
        ]));
    }
    if !rows.is_empty() {
        rows.push(Row::footer(vec![
            Cell::text(w.get("report.total")).bold().span(2),
            Cell::money(b_cost).bold(),
            Cell::money(a_cost).bold(),
            Cell::new(pct(b_cost - a_cost, b_cost)).bold(),
            Cell::new(Value::DaysChange(b_days, a_days)).bold(),
            Cell::new(pct(b_days - a_days, b_days)).bold(),
            Cell::text(format!("{}/{}", conditions.cut(), conditions.total)).bold(),
        ]));
        let per = |what: &str| format!("{what} ({}/năm)", unit.label());
        doc.push(Block::Table(Table {
            columns: columns(&[
                ("STT", 0.7),
                ("Tên TTHC (phương án)", 3.0),
                (&per(&format!("Chi phí năm {baseline_year}")), 1.5),
                (&per("Chi phí sau"), 1.5),
                ("Cắt giảm chi phí", 1.2),
                (&format!("Thời hạn {baseline_year} → sau"), 1.2),
                ("Cắt giảm thời hạn", 1.2),
                ("ĐKKD cắt giảm", 0.9),
            ]),
            rows,
            size: 9.5,
            money_unit: unit,
        }));
    }
    // As the Government reports them.
    let with_cut = business
        .iter()
        .filter(|e| {
            let r = &e.figures.result;
            let cuts_against_baseline =
                against_baseline(&e.review, r, targets, year).is_some_and(|a| {
                    a.cost.percent.is_some_and(|p| p > Decimal::ZERO)
                        || a.time
                            .and_then(|m| m.percent)
                            .is_some_and(|p| p > Decimal::ZERO)
                });
            cuts_against_baseline || r.saving > Decimal::ZERO || r.days_after < r.days_before
        })
        .count();
    doc.para(
        Para::text(
            BODY,
            w.fill(
                "report.measures_counts",
                &[
                    ("with", &with_cut.to_string()),
                    ("business", &business.len().to_string()),
                    ("cut", &conditions.cut().to_string()),
                    ("conditions", &conditions.total.to_string()),
                ],
            ),
        )
        .space(4.0, 2.0),
    );
    if !with_baseline.is_empty() {
        let cost = Measure {
            percent: crate::cost::percent_cut(b_cost - a_cost, b_cost),
            target: targets.map(|t| t.cost),
        };
        let time = Measure {
            percent: crate::cost::percent_cut(b_days - a_days, b_days),
            target: targets.map(|t| t.time),
        };
        let cond = Measure {
            percent: crate::cost::percent_cut(
                Decimal::from(conditions.cut() as u64),
                Decimal::from(conditions.total as u64),
            ),
            target: targets.map(|t| t.conditions),
        };
        doc.para(Para::text(
            BODY,
            w.fill(
                "report.measures_total",
                &[
                    ("n", &with_baseline.len().to_string()),
                    ("baseline_year", &baseline_year),
                    ("cost", &measure_text(&cost)),
                    ("time", &measure_text(&time)),
                    ("conditions_cut", &measure_text(&cond)),
                    ("year", &year.to_string()),
                ],
            ),
        ));
    }
    if let Some(tg) = targets {
        doc.para(Para::italic(SMALL, format!("Mục tiêu theo {}", tg.source)).space(0.0, 4.0));
    }
}

/// The decentralisation proposals of the decision, one row per TTHC whose chosen option has one.
pub fn decentralisation_part(doc: &mut Document, t: &Templates, g: &Gathered) {
    let rows: Vec<Row> = g
        .items
        .iter()
        .filter_map(|e| {
            let d = e.review.options[e.chosen].decentralisation.as_ref()?;
            (!d.is_empty()).then_some((&e.review, d))
        })
        .enumerate()
        .map(|(k, (r, d))| {
            Row::body(vec![
                Cell::new(Value::Stt(k + 1)),
                Cell::text(r.tthc.name.trim()),
                Cell::text(d.from_body.trim()),
                Cell::text(d.to_body.trim()),
                Cell::text(d.text.trim()),
                Cell::text(d.decided_by.trim()),
            ])
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    centered_title(doc, t.wording.get("report.decentralisation_title"), 14.0);
    doc.push(Block::Table(Table {
        columns: columns(&[
            ("STT", 0.7),
            ("Tên TTHC", 3.0),
            ("Cơ quan đang giải quyết", 1.6),
            ("Cơ quan, cấp đề xuất", 1.6),
            ("Văn bản cần sửa đổi", 2.0),
            ("Cơ quan có thẩm quyền", 1.4),
        ]),
        rows,
        size: 9.5,
        money_unit: MoneyUnit::Dong,
    }));
}
