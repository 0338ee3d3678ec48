//! Compliance cost (Điều 27 TT 02/2017), exact decimal.
//!
//! Rounding policy: each amount the cost table prints (chi phí thời gian, chi phí thực hiện công
//! việc, phí, tổng/năm) is rounded to whole đồng where it is computed, so a printed table always
//! adds up and tiết kiệm = trước − sau holds to the đồng on paper as well as in memory.

use super::format::{add_exact, mul_round_dong, round_dong, round_percent};
use crate::model::{Activity, Figure, OptionKind, Review, SimplOption};
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CostError {
    #[error("{what} không được âm (đang là {value})")]
    Negative { what: String, value: Decimal },
    #[error("tràn số khi tính {what}: con số quá lớn")]
    Overflow { what: String },
    #[error("{what}: «{text}» không phải là số hợp lệ — sửa ô này thì mới tính được")]
    Invalid { what: String, text: String },
    /// An option other than bãi bỏ whose "after" table has no activity: there is nothing to
    /// compare, and a saving computed from an empty table would be false.
    #[error("{label}: chưa có bảng chi phí sau")]
    NoAfterTable { label: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityCost {
    /// Chi phí thời gian = giờ × thu nhập bình quân/giờ.
    pub time_cost: Decimal,
    /// Chi phí thực hiện công việc = thời gian + thuê dịch vụ + khác.
    pub total: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCost {
    pub rows: Vec<ActivityCost>,
    /// Chi phí thực hiện = Σ chi phí công việc.
    pub execution: Decimal,
    pub fee: Decimal,
    /// Chi phí tuân thủ 01 lần.
    pub per_occurrence: Decimal,
    pub frequency: Decimal,
    pub subjects: Decimal,
    /// Tổng chi phí tuân thủ/năm.
    pub per_year: Decimal,
}

impl TableCost {
    fn abolished(frequency: Decimal, subjects: Decimal) -> Self {
        TableCost {
            rows: Vec::new(),
            execution: Decimal::ZERO,
            fee: Decimal::ZERO,
            per_occurrence: Decimal::ZERO,
            frequency,
            subjects,
            per_year: Decimal::ZERO,
        }
    }
}

/// Before / after / saving / % of one option, plus thời hạn giải quyết before / after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionResult {
    pub before: Decimal,
    pub after: Decimal,
    pub saving: Decimal,
    /// None when "before" is 0: no percentage is possible.
    pub percent: Option<Decimal>,
    pub days_before: Decimal,
    pub days_after: Decimal,
    pub days_percent: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionCost {
    pub table: TableCost,
    pub result: OptionResult,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewCost {
    pub current: TableCost,
    pub options: Vec<Result<OptionCost, CostError>>,
    pub chosen: Option<usize>,
}

impl ReviewCost {
    /// The chosen option's result, when there is one and it could be computed.
    pub fn chosen_result(&self) -> Option<&OptionResult> {
        self.chosen
            .and_then(|i| self.options.get(i))
            .and_then(|r| r.as_ref().ok())
            .map(|o| &o.result)
    }
}

fn non_negative(fig: &Figure, what: impl FnOnce() -> String) -> Result<Decimal, CostError> {
    if let Some(text) = &fig.invalid {
        return Err(CostError::Invalid {
            what: what(),
            text: crate::text::quote(text),
        });
    }
    if fig.value.is_sign_negative() && !fig.value.is_zero() {
        Err(CostError::Negative {
            what: what(),
            value: fig.value,
        })
    } else {
        Ok(fig.value)
    }
}

fn mul(a: Decimal, b: Decimal, what: &str) -> Result<Decimal, CostError> {
    a.checked_mul(b).ok_or_else(|| CostError::Overflow {
        what: what.to_string(),
    })
}

fn add(a: Decimal, b: Decimal, what: &str) -> Result<Decimal, CostError> {
    a.checked_add(b).ok_or_else(|| CostError::Overflow {
        what: what.to_string(),
    })
}

/// Mantissa and scale of a figure small enough for 64-bit integer arithmetic.
#[inline]
fn small(d: Decimal) -> Option<(i64, u32)> {
    if d.scale() > 9 {
        return None;
    }
    i64::try_from(d.mantissa()).ok().map(|m| (m, d.scale()))
}

/// The common case, in 64-bit integers: hours with a few decimals, income and amounts in whole
/// đồng. Exactly the Decimal result (half away from zero); None when it does not apply.
#[inline]
fn activity_cost_i64(
    hours: Decimal,
    hourly: Option<(i64, u32)>,
    service: Decimal,
    other: Decimal,
) -> Option<ActivityCost> {
    const POW10: [i64; 19] = [
        1,
        10,
        100,
        1_000,
        10_000,
        100_000,
        1_000_000,
        10_000_000,
        100_000_000,
        1_000_000_000,
        10_000_000_000,
        100_000_000_000,
        1_000_000_000_000,
        10_000_000_000_000,
        100_000_000_000_000,
        1_000_000_000_000_000,
        10_000_000_000_000_000,
        100_000_000_000_000_000,
        1_000_000_000_000_000_000,
    ];
    let (hm, hs) = small(hours)?;
    let (rm, rs) = hourly?;
    let (sm, 0) = small(service)? else {
        return None;
    };
    let (om, 0) = small(other)? else { return None };
    let p = hm.checked_mul(rm)?;
    let d = *POW10.get((hs + rs) as usize)?;
    let (q, r) = (p / d, p % d);
    // |r| < d ≤ 10^18, so 2|r| fits in i64.
    let time_cost = if 2 * r.abs() >= d { q + p.signum() } else { q };
    let total = time_cost.checked_add(sm)?.checked_add(om)?;
    Some(ActivityCost {
        time_cost: Decimal::from(time_cost),
        total: Decimal::from(total),
    })
}

/// Cost of one activity; `label` says where it sits, built only for an error message.
pub fn activity_cost(
    a: &Activity,
    hourly: Decimal,
    label: &dyn Fn() -> String,
) -> Result<ActivityCost, CostError> {
    activity_cost_with(a, hourly, small(hourly), label)
}

/// [`activity_cost`] with the hourly income already split for the integer path.
fn activity_cost_with(
    a: &Activity,
    hourly: Decimal,
    hourly_small: Option<(i64, u32)>,
    label: &dyn Fn() -> String,
) -> Result<ActivityCost, CostError> {
    let hours = non_negative(&a.hours, || format!("{}: thời gian (giờ)", label()))?;
    let service = non_negative(&a.service, || {
        format!("{}: chi phí thuê tư vấn, dịch vụ", label())
    })?;
    let other = non_negative(&a.other, || format!("{}: chi phí khác", label()))?;
    if let Some(c) = activity_cost_i64(hours, hourly_small, service, other) {
        return Ok(c);
    }
    let overflow = || CostError::Overflow { what: label() };
    let time_cost = mul_round_dong(hours, hourly).ok_or_else(overflow)?;
    let total = add_exact(time_cost, service)
        .and_then(|x| add_exact(x, other))
        .map(round_dong)
        .ok_or_else(overflow)?;
    Ok(ActivityCost { time_cost, total })
}

/// The inputs of one cost table, already checked.
pub struct TableInputs<'a> {
    pub activities: &'a [Activity],
    pub hourly: Decimal,
    pub fee: &'a Figure,
    pub frequency: &'a Figure,
    pub subjects: &'a Figure,
    /// "Bảng chi phí hiện tại" or "Phương án 2", for error messages.
    pub label: String,
}

pub fn table_cost(t: &TableInputs) -> Result<TableCost, CostError> {
    let label = &t.label;
    let mut rows = Vec::with_capacity(t.activities.len());
    let mut execution = Decimal::ZERO;
    for (i, a) in t.activities.iter().enumerate() {
        let c = activity_cost(a, t.hourly, &|| {
            format!("{label}, hoạt động {} «{}»", i + 1, a.name)
        })?;
        execution = add_exact(execution, c.total).ok_or_else(|| CostError::Overflow {
            what: label.to_string(),
        })?;
        rows.push(c);
    }
    let fee = round_dong(non_negative(t.fee, || format!("{label}: phí, lệ phí"))?);
    let frequency = non_negative(t.frequency, || format!("{label}: số lần thực hiện/năm"))?;
    let subjects = non_negative(t.subjects, || format!("{label}: số đối tượng/năm"))?;
    let per_occurrence = add(execution, fee, label)?;
    let per_year = round_dong(mul(
        mul(per_occurrence, frequency, label)?,
        subjects,
        label,
    )?);
    Ok(TableCost {
        rows,
        execution,
        fee,
        per_occurrence,
        frequency,
        subjects,
        per_year,
    })
}

pub fn hourly_income(review: &Review) -> Result<Decimal, CostError> {
    non_negative(&review.cost.hourly_income, || {
        "Thu nhập bình quân/giờ".to_string()
    })
}

pub fn current_cost(review: &Review) -> Result<TableCost, CostError> {
    table_cost(&TableInputs {
        activities: &review.activities,
        hourly: hourly_income(review)?,
        fee: &review.tthc.fee.amount,
        frequency: &review.frequency,
        subjects: &review.subjects,
        label: "Bảng chi phí hiện tại".to_string(),
    })
}

/// The "after" table of an option. Bãi bỏ costs nothing unless it costs a replacement measure.
pub fn option_table(
    review: &Review,
    index: usize,
    opt: &SimplOption,
) -> Result<TableCost, CostError> {
    let label = format!("Phương án {}", index + 1);
    let frequency = opt.frequency.as_ref().unwrap_or(&review.frequency);
    let subjects = opt.subjects.as_ref().unwrap_or(&review.subjects);
    if opt.kind == OptionKind::BaiBo && !opt.replacement_costed {
        let f = non_negative(frequency, || format!("{label}: số lần thực hiện/năm"))?;
        let s = non_negative(subjects, || format!("{label}: số đối tượng/năm"))?;
        return Ok(TableCost::abolished(f, s));
    }
    table_cost(&TableInputs {
        activities: &opt.activities,
        hourly: hourly_income(review)?,
        fee: opt.fee.as_ref().unwrap_or(&review.tthc.fee.amount),
        frequency,
        subjects,
        label,
    })
}

/// saving / before × 100, two decimals; None when before is 0.
pub fn percent_cut(saving: Decimal, before: Decimal) -> Option<Decimal> {
    if before.is_zero() {
        return None;
    }
    let ratio = saving
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(before)?;
    Some(round_percent(ratio))
}

pub fn compare(
    before: Decimal,
    after: Decimal,
    days_before: Decimal,
    days_after: Decimal,
) -> Result<OptionResult, CostError> {
    let saving = before
        .checked_sub(after)
        .ok_or_else(|| CostError::Overflow {
            what: "chi phí tiết kiệm".to_string(),
        })?;
    let days_saving = days_before
        .checked_sub(days_after)
        .ok_or_else(|| CostError::Overflow {
            what: "thời hạn giải quyết".to_string(),
        })?;
    Ok(OptionResult {
        before,
        after,
        saving,
        percent: percent_cut(saving, before),
        days_before,
        days_after,
        days_percent: percent_cut(days_saving, days_before),
    })
}

/// Whether an option is costed with its own "after" table (all but a plain bãi bỏ).
pub fn costs_after_table(opt: &SimplOption) -> bool {
    opt.kind != OptionKind::BaiBo || opt.replacement_costed
}

pub fn option_cost(
    review: &Review,
    current: &TableCost,
    index: usize,
    opt: &SimplOption,
) -> Result<OptionCost, CostError> {
    let label = format!("Phương án {}", index + 1);
    if costs_after_table(opt) && opt.activities.is_empty() {
        return Err(CostError::NoAfterTable { label });
    }
    let table = option_table(review, index, opt)?;
    let days_before = non_negative(&review.tthc.time_limit.days, || {
        "Thời hạn giải quyết hiện tại".to_string()
    })?;
    let days_after = if opt.kind == OptionKind::BaiBo && !opt.replacement_costed {
        Decimal::ZERO
    } else {
        match &opt.time_limit_days {
            Some(d) => non_negative(d, || format!("{label}: thời hạn giải quyết"))?,
            None => days_before,
        }
    };
    let result = compare(current.per_year, table.per_year, days_before, days_after)?;
    Ok(OptionCost { table, result })
}

/// Everything the screens and reports show about a review's cost. Fails only when the current
/// table cannot be computed; each option carries its own error otherwise.
pub fn review_cost(review: &Review) -> Result<ReviewCost, CostError> {
    let current = current_cost(review)?;
    let options = review
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| option_cost(review, &current, i, o))
        .collect();
    Ok(ReviewCost {
        current,
        options,
        chosen: review.chosen_index(),
    })
}

/// Hourly income from GDP per head: GDP ÷ (months × days × hours), whole đồng.
pub fn hourly_from_gdp(gdp: Decimal, divisor: Decimal) -> Option<Decimal> {
    if divisor <= Decimal::ZERO || gdp.is_sign_negative() {
        return None;
    }
    gdp.checked_div(divisor).map(round_dong)
}
