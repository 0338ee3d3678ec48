//! Tracking the plan: each row matched to its review file(s) by mã số, else by normalised name,
//! with its stage, completeness, figures and whether it is late against the milestones. Reviews
//! that are not in the plan and rows with two reviews are reported, never hidden.

use super::{MilestoneKind, Plan, PlanRow};
use crate::cost::{OptionResult, review_cost};
use crate::model::{Review, Stage, text_key};
use crate::templates::Templates;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::PathBuf;

pub use crate::model::code_key;

/// A TTHC name as a key: `text_key`, without a leading "thủ tục".
pub fn name_key(name: &str) -> String {
    let k = text_key(name);
    let prefix = text_key("thủ tục ");
    k.strip_prefix(prefix.trim_end())
        .map(|r| r.trim_start().to_string())
        .unwrap_or(k)
}

/// Where one plan row stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    NotStarted,
    /// Started, not yet sent on: the share of the form and tables filled in.
    Reviewing {
        percent: u32,
    },
    Stage(Stage),
}

impl Status {
    pub fn label(&self) -> String {
        match self {
            Status::NotStarted => "chưa bắt đầu".into(),
            Status::Reviewing { percent } => format!("đang rà soát ({percent} %)"),
            Status::Stage(s) => s.label().into(),
        }
    }
    /// Order through the year: not started, reviewing, then the stages.
    fn rank(&self) -> u8 {
        match self {
            Status::NotStarted => 0,
            Status::Reviewing { .. } => 1,
            Status::Stage(s) => 2 + *s as u8,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrackedRow {
    pub row: PlanRow,
    /// The review files that match the row (two or more is a problem to show).
    pub files: Vec<PathBuf>,
    pub status: Status,
    /// The date of the last change of stage, if any.
    pub since: Option<NaiveDate>,
    /// Why the row is late, if it is.
    pub overdue: Option<String>,
    /// The deadline missed, when the row is late.
    pub deadline: Option<NaiveDate>,
    /// The chosen option's figures, when the review can be costed.
    pub figures: Option<OptionResult>,
    /// What the review adds to the 2025–2026 measures.
    pub measures: crate::measures::MeasuresTotals,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tracking {
    pub rows: Vec<TrackedRow>,
    /// Review files that match no plan row.
    pub unplanned: Vec<PathBuf>,
    /// Files that could not be read.
    pub broken: Vec<(PathBuf, String)>,
    pub totals: Totals,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Totals {
    pub rows: usize,
    pub with_figures: usize,
    pub before: Decimal,
    pub after: Decimal,
    pub days_before: Decimal,
    pub days_after: Decimal,
    pub measures: crate::measures::MeasuresTotals,
}

impl Totals {
    pub fn saving(&self) -> Decimal {
        self.before - self.after
    }
    pub fn percent(&self) -> Option<Decimal> {
        crate::cost::percent_cut(self.saving(), self.before)
    }
    pub fn days_percent(&self) -> Option<Decimal> {
        crate::cost::percent_cut(self.days_before - self.days_after, self.days_before)
    }
}

/// A date as printed: "30/07/2024".
pub fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Whether a row is late on `today`: the latest milestone passed that its status has not reached.
fn overdue(plan: &Plan, status: &Status, today: NaiveDate) -> Option<(String, NaiveDate)> {
    let checks = [
        (
            MilestoneKind::Decision,
            2 + Stage::Completed as u8,
            "chưa hoàn thiện",
        ),
        (
            MilestoneKind::SentForAssessment,
            2 + Stage::SentForAssessment as u8,
            "chưa gửi thẩm định",
        ),
        (MilestoneKind::ReviewDone, 2, "chưa xong rà soát"),
    ];
    for (kind, needed, what) in checks {
        let Some(m) = plan.milestone(kind) else {
            continue;
        };
        let done = match status {
            // A review at 100 % counts as done for the review milestone.
            Status::Reviewing { percent: 100 } if kind == MilestoneKind::ReviewDone => true,
            s => s.rank() >= needed,
        };
        if today > m.date && !done {
            return Some((format!("quá hạn: {what} (hạn {})", dmy(m.date)), m.date));
        }
    }
    None
}

/// Matches the plan's rows with the reviews of a folder.
pub fn track(
    t: &Templates,
    plan: &Plan,
    items: &[(PathBuf, Result<Review, String>)],
    today: NaiveDate,
) -> Tracking {
    let mut used = vec![false; items.len()];
    let mut rows = Vec::new();
    let mut totals = Totals::default();
    for row in &plan.rows {
        let code = code_key(&row.code);
        let name = name_key(&row.name);
        let matches: Vec<usize> = items
            .iter()
            .enumerate()
            .filter_map(|(i, (_, r))| {
                let r = r.as_ref().ok()?;
                let rc = code_key(&r.tthc.code);
                let hit = if !code.is_empty() && !rc.is_empty() {
                    rc == code
                } else {
                    name_key(&r.tthc.name) == name
                };
                hit.then_some(i)
            })
            .collect();
        for &i in &matches {
            used[i] = true;
        }
        let review = matches.first().and_then(|&i| items[i].1.as_ref().ok());
        let (status, since) = match review {
            None => (Status::NotStarted, None),
            Some(r) => match r.stage() {
                // "Đang rà soát" chosen by hand is the same as no stage yet: show how far.
                Some(c) if c.stage != Stage::Reviewing => (Status::Stage(c.stage), Some(c.date)),
                _ => (
                    Status::Reviewing {
                        percent: crate::progress::progress(t, r).percent(),
                    },
                    None,
                ),
            },
        };
        let figures = review.and_then(|r| {
            let c = review_cost(r).ok()?;
            let i = r.chosen_index()?;
            c.options.get(i)?.as_ref().ok().map(|o| o.result.clone())
        });
        let measures = review.map_or_else(Default::default, |r| {
            crate::measures::MeasuresTotals::of(r, figures.as_ref())
        });
        totals.measures.add(&measures);
        totals.rows += 1;
        if let Some(f) = &figures {
            totals.with_figures += 1;
            totals.before += f.before;
            totals.after += f.after;
            totals.days_before += f.days_before;
            totals.days_after += f.days_after;
        }
        let late = overdue(plan, &status, today);
        rows.push(TrackedRow {
            row: row.clone(),
            files: matches.iter().map(|&i| items[i].0.clone()).collect(),
            overdue: late.as_ref().map(|l| l.0.clone()),
            deadline: late.map(|l| l.1),
            status,
            since,
            figures,
            measures,
        });
    }
    let unplanned = items
        .iter()
        .zip(&used)
        .filter(|((_, r), used)| r.is_ok() && !**used)
        .map(|((p, _), _)| p.clone())
        .collect();
    let broken = items
        .iter()
        .filter_map(|(p, r)| r.as_ref().err().map(|e| (p.clone(), e.clone())))
        .collect();
    Tracking {
        rows,
        unplanned,
        broken,
        totals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_match_as_printed() {
        assert_eq!(
            code_key("2.000648 000.00.00 H32"),
            code_key("2.000648.000.00.00.H32")
        );
        assert_eq!(
            name_key("Thủ tục Cấp Giấy chứng nhận cửa hàng"),
            name_key("cấp giấy chứng nhận  cửa hàng")
        );
    }
}
