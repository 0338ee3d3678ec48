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

/// What the plan's tracking needs of one review, read once and let go: a folder of thousands of
/// reviews is never held whole for it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewState {
    /// The TTHC's mã số and name as keys (`code_key`, `name_key`).
    code: String,
    name: String,
    pub status: Status,
    /// The date of the last change of stage, if any.
    pub since: Option<NaiveDate>,
    /// The chosen option's figures, when the review can be costed.
    pub figures: Option<OptionResult>,
    /// What the review adds to the 2025–2026 measures.
    pub measures: crate::measures::MeasuresTotals,
    /// Quality comments not yet answered.
    pub open_comments: Vec<crate::model::Comment>,
    /// The TTHC's name, the reviewer's room and the TTHC's lĩnh vực, as the review writes them.
    pub tthc: String,
    pub room: String,
    pub field: String,
    /// How the TTHC counts its days.
    pub day: crate::model::DayKind,
}

impl ReviewState {
    pub fn of(t: &Templates, r: &Review) -> Self {
        let figures = review_cost(r).ok().and_then(|c| c.chosen_result().cloned());
        Self::with(r, figures, crate::progress::progress(t, r).percent())
    }

    /// The state of `r` from its chosen option's `figures` and the `percent` of it filled in,
    /// computed already (the home screen's row has them).
    pub fn with(r: &Review, figures: Option<OptionResult>, percent: u32) -> Self {
        let (status, since) = match r.stage() {
            // "Đang rà soát" chosen by hand is the same as no stage yet: show how far.
            Some(c) if c.stage != Stage::Reviewing => (Status::Stage(c.stage), Some(c.date)),
            _ => (Status::Reviewing { percent }, None),
        };
        let measures = crate::measures::MeasuresTotals::of(r, figures.as_ref());
        ReviewState {
            code: code_key(&r.tthc.code),
            name: name_key(&r.tthc.name),
            status,
            since,
            figures,
            measures,
            open_comments: r.comments.iter().filter(|c| !c.resolved).cloned().collect(),
            tthc: r.tthc.name.clone(),
            room: r.reviewer.room.clone(),
            field: r.tthc.field.clone(),
            day: r.tthc.time_limit.kind,
        }
    }
}

/// The reviews of `files`, each read on every core and kept as its [`ReviewState`], or why it
/// could not be read.
pub fn review_states(
    t: &Templates,
    files: Vec<PathBuf>,
) -> Vec<(PathBuf, Result<ReviewState, String>)> {
    let set = crate::storage::Files(files);
    let states = crate::storage::map_reviews(&set, |_, r| r.map(|r| ReviewState::of(t, &r)));
    set.0.into_iter().zip(states).collect()
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
    plan: &Plan,
    items: &[(PathBuf, Result<ReviewState, String>)],
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
                let hit = if !code.is_empty() && !r.code.is_empty() {
                    r.code == code
                } else {
                    r.name == name
                };
                hit.then_some(i)
            })
            .collect();
        for &i in &matches {
            used[i] = true;
        }
        let review = matches.first().and_then(|&i| items[i].1.as_ref().ok());
        let (status, since) =
            review.map_or((Status::NotStarted, None), |r| (r.status.clone(), r.since));
        let figures = review.and_then(|r| r.figures.clone());
        let measures = review.map_or_else(Default::default, |r| r.measures);
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
