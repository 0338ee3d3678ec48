//! What is still missing in each step of a review, for the stepper and the home list.

use crate::model::{ObjectiveGroup, Review, item_key};
use crate::templates::{Criterion, ItemList, Shape, Templates};
use rust_decimal::Decimal;

/// The guided steps live with the review (a quality comment names one, saved in the file).
pub use crate::model::Step;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct StepProgress {
    pub required: usize,
    pub done: usize,
    /// What is missing, in words, for the stepper's tooltip.
    pub missing: Vec<String>,
    /// The step does not apply (reasonableness and legality after "not necessary").
    pub skipped: bool,
    /// Unanswered questions per form block id.
    pub by_block: Vec<(String, usize)>,
}

impl StepProgress {
    fn need(&mut self, ok: bool, what: impl FnOnce() -> String) {
        self.required += 1;
        if ok {
            self.done += 1;
        } else {
            self.missing.push(what());
        }
    }

    pub fn complete(&self) -> bool {
        self.skipped || self.done == self.required
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Progress {
    pub steps: Vec<StepProgress>,
}

impl Progress {
    pub fn step(&self, s: Step) -> &StepProgress {
        &self.steps[s.index()]
    }

    /// Share of required items done over all steps that apply, 0–100.
    pub fn percent(&self) -> u32 {
        let (req, done) = self
            .steps
            .iter()
            .filter(|s| !s.skipped)
            .fold((0, 0), |(r, d), s| (r + s.required, d + s.done));
        (done * 100).checked_div(req).map_or(100, |p| p as u32)
    }
}

fn items(review: &Review, list: ItemList) -> usize {
    match list {
        ItemList::Steps => review.tthc.steps.len(),
        ItemList::Documents => review.tthc.documents.len(),
        ItemList::Conditions => review.tthc.conditions.len(),
    }
}

fn form_step(t: &Templates, review: &Review, c: Criterion) -> StepProgress {
    let mut p = StepProgress::default();
    let Some(section) = t.form.section(c) else {
        return p;
    };
    if t.form.section_skipped(section, &review.answers) {
        p.skipped = true;
        return p;
    }
    for block in &section.blocks {
        let missing_before = p.missing.len();
        for q in &block.questions {
            let keys: Vec<(String, Option<usize>)> = match q.per_item {
                None => vec![(q.id.clone(), None)],
                Some(list) => (0..items(review, list))
                    .map(|i| (item_key(&q.id, i), Some(i)))
                    .collect(),
            };
            for (key, item) in keys {
                if !t.form.is_visible(q, &review.answers, item) {
                    continue;
                }
                let answered = review.answers.get(&key).is_some_and(|a| match q.shape {
                    Shape::Text => !a.text.trim().is_empty(),
                    Shape::Choice(_) => a.choice.is_some(),
                    Shape::Multi(_) => !a.selected.is_empty(),
                });
                p.need(answered, || match item {
                    Some(i) => format!("{} (mục {}): {}", block.title, i + 1, q.text),
                    None => format!("{}: {}", block.title, q.text),
                });
            }
        }
        p.by_block
            .push((block.id.clone(), p.missing.len() - missing_before));
    }
    p
}

pub fn progress(t: &Templates, review: &Review) -> Progress {
    let r = &review.tthc;
    let mut record = StepProgress::default();
    record.need(!r.code.trim().is_empty(), || "Mã số TTHC".into());
    record.need(!r.name.trim().is_empty(), || "Tên TTHC".into());
    record.need(!r.field.trim().is_empty(), || "Lĩnh vực".into());
    record.need(!r.agency.trim().is_empty(), || "Cơ quan giải quyết".into());
    record.need(!r.steps.is_empty(), || "Trình tự thực hiện".into());
    record.need(!r.documents.is_empty(), || "Thành phần hồ sơ".into());
    record.need(r.time_limit.days.value > Decimal::ZERO, || {
        "Thời hạn giải quyết".into()
    });
    record.need(!r.legal_basis.is_empty(), || "Căn cứ pháp lý".into());
    record.need(!review.reviewer.name.trim().is_empty(), || {
        "Người rà soát".into()
    });

    let mut necessity = form_step(t, review, Criterion::CanThiet);
    for g in [ObjectiveGroup::QuanLyNhaNuoc, ObjectiveGroup::QuyenLoiIch] {
        let label = match g {
            ObjectiveGroup::QuanLyNhaNuoc => "Mục tiêu đối với quản lý nhà nước",
            ObjectiveGroup::QuyenLoiIch => "Mục tiêu đối với quyền, lợi ích của cá nhân, tổ chức",
        };
        necessity.need(review.objectives.iter().any(|o| o.group == g), || {
            label.into()
        });
    }
    for (i, o) in review.objectives.iter().enumerate() {
        necessity.need(o.changed.answer.is_some() && o.met.answer.is_some(), || {
            format!("Mục tiêu {}: trả lời «thay đổi» và «đáp ứng»", i + 1)
        });
    }

    let mut cost = StepProgress::default();
    cost.need(!review.activities.is_empty(), || "Bảng hoạt động".into());
    cost.need(review.cost.hourly_income.value > Decimal::ZERO, || {
        "Thu nhập bình quân/giờ".into()
    });
    cost.need(review.subjects.value > Decimal::ZERO, || {
        "Số đối tượng/năm".into()
    });
    cost.need(review.frequency.value > Decimal::ZERO, || {
        "Số lần thực hiện/năm".into()
    });

    let mut options = StepProgress::default();
    options.need(!review.options.is_empty(), || {
        "Ít nhất một phương án".into()
    });
    // An option whose cost cannot be computed (no "after" table yet …) is not complete.
    let costs = crate::cost::review_cost(review).ok();
    for (i, o) in review.options.iter().enumerate() {
        let computed = costs
            .as_ref()
            .and_then(|c| c.options.get(i))
            .is_some_and(|r| r.is_ok());
        options.need(computed, || {
            format!("Phương án {}: chưa tính được chi phí sau", i + 1)
        });
        options.need(!o.content.is_empty(), || {
            format!("Phương án {}: nội dung đơn giản hóa", i + 1)
        });
        options.need(!o.implementation.is_empty(), || {
            format!("Phương án {}: kiến nghị thực thi", i + 1)
        });
    }

    // A cell holding text that is not a valid figure leaves its step incomplete.
    for cell in invalid_cells(review) {
        let step = match cell.step {
            Step::Record => &mut record,
            Step::Options => &mut options,
            _ => &mut cost,
        };
        step.need(false, || {
            format!("Ô nhập chưa hợp lệ: {} («{}»)", cell.what, cell.text)
        });
    }

    let mut compare = StepProgress::default();
    compare.need(review.chosen_index().is_some(), || {
        "Chọn phương án cho báo cáo".into()
    });

    Progress {
        steps: vec![
            record,
            necessity,
            form_step(t, review, Criterion::HopLy),
            form_step(t, review, Criterion::HopPhap),
            cost,
            options,
            compare,
        ],
    }
}

/// A figure whose cell holds text that is not a valid figure: nothing is computed from it, and
/// saving asks first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidCell {
    pub step: Step,
    /// Which cell, in words ("Hiện tại, hoạt động 2: thời gian (giờ)").
    pub what: String,
    /// What was typed.
    pub text: String,
    /// Where it sits, when it is a cell of an activity table.
    pub cell: Option<TableCell>,
    /// The option it belongs to, when it is one of an option's fields.
    pub option: Option<usize>,
}

/// A figure cell of an activity table: row from 0, column 1 = giờ, 2 = thuê dịch vụ, 3 = chi phí
/// khác (column 0 is the activity's name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableCell {
    pub table: crate::model::TableRef,
    pub row: usize,
    pub col: usize,
}

/// Every invalid cell of a review, in step order.
pub fn invalid_cells(review: &Review) -> Vec<InvalidCell> {
    use crate::model::{Activity, Figure};
    let mut out = Vec::new();
    let mut add_at =
        |step: Step, what: String, f: &Figure, cell: Option<TableCell>, option: Option<usize>| {
            if let Some(text) = &f.invalid {
                out.push(InvalidCell {
                    step,
                    what,
                    text: text.clone(),
                    cell,
                    option,
                });
            }
        };
    macro_rules! add {
        ($step:expr, $what:expr, $f:expr $(,)?) => {
            add_at($step, $what, $f, None, None)
        };
    }
    let t = &review.tthc;
    add!(
        Step::Record,
        "Thời hạn giải quyết".into(),
        &t.time_limit.days,
    );
    add!(Step::Record, "Phí, lệ phí".into(), &t.fee.amount);
    let c = &review.cost;
    add!(
        Step::CurrentCost,
        "Thu nhập bình quân/giờ".into(),
        &c.hourly_income,
    );
    if let Some(g) = &c.gdp_per_capita {
        add!(Step::CurrentCost, "GDP bình quân đầu người".into(), g);
    }
    add!(Step::CurrentCost, "Số tháng".into(), &c.months);
    add!(
        Step::CurrentCost,
        "Số ngày làm việc/tháng".into(),
        &c.days_per_month,
    );
    add!(
        Step::CurrentCost,
        "Số giờ làm việc/ngày".into(),
        &c.hours_per_day,
    );
    add!(
        Step::CurrentCost,
        "Số lần thực hiện/năm".into(),
        &review.frequency,
    );
    add!(
        Step::CurrentCost,
        "Số đối tượng/năm".into(),
        &review.subjects,
    );
    use crate::model::TableRef;
    let mut tables: Vec<(Step, String, TableRef, &[Activity])> = vec![(
        Step::CurrentCost,
        "Bảng hiện tại".into(),
        TableRef::Current,
        &review.activities,
    )];
    for (k, o) in review.options.iter().enumerate() {
        tables.push((
            Step::Options,
            format!("Phương án {}", k + 1),
            TableRef::Option(k),
            &o.activities,
        ));
    }
    for (step, name, table, acts) in tables {
        for (i, a) in acts.iter().enumerate() {
            for (col, (what, f)) in [
                ("thời gian (giờ)", &a.hours),
                ("chi phí thuê tư vấn, dịch vụ", &a.service),
                ("chi phí khác", &a.other),
            ]
            .into_iter()
            .enumerate()
            {
                let cell = TableCell {
                    table,
                    row: i,
                    col: col + 1,
                };
                add_at(
                    step,
                    format!("{name}, hoạt động {}: {what}", i + 1),
                    f,
                    Some(cell),
                    None,
                );
            }
        }
    }
    for (k, o) in review.options.iter().enumerate() {
        let label = format!("Phương án {}", k + 1);
        for (what, f) in [
            ("phí, lệ phí", &o.fee),
            ("số lần thực hiện/năm", &o.frequency),
            ("số đối tượng/năm", &o.subjects),
            ("thời hạn giải quyết", &o.time_limit_days),
        ] {
            if let Some(f) = f {
                add_at(Step::Options, format!("{label}: {what}"), f, None, Some(k));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Activity, Figure, SimplOption};

    #[test]
    fn an_option_that_cannot_be_costed_leaves_its_step_incomplete() {
        let t = Templates::embedded();
        let mut r = Review::default();
        r.activities.push(Activity::new(
            "Nộp hồ sơ",
            Figure::int(2),
            Figure::default(),
            Figure::default(),
        ));
        r.subjects = Figure::int(10);
        // Sửa đổi with no "after" table: the saving cannot be computed.
        r.options.push(SimplOption {
            content: vec![Default::default()],
            implementation: vec![Default::default()],
            ..Default::default()
        });
        let p = progress(&t, &r);
        let o = p.step(Step::Options);
        assert!(o.done < o.required);
        assert!(
            o.missing
                .iter()
                .any(|m| m == "Phương án 1: chưa tính được chi phí sau"),
            "{:?}",
            o.missing
        );
        r.options[0].activities = r.activities.clone();
        let o = progress(&t, &r).step(Step::Options).clone();
        assert_eq!(o.done, o.required, "{:?}", o.missing);
    }
}
