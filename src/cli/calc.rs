//! `tthc-review calc FILE [--json]`.

use crate::console::{say, tell};
use crate::cost::format::{money, number, percent, to_dong};
use crate::cost::{CostError, OptionResult, review_cost};
use crate::model::{DayKind, Review};
use crate::storage::load_review;
use crate::templates::Templates;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Value, json};
use std::path::Path;

pub fn run(t: &Templates, path: &Path, as_json: bool) -> Result<(), u8> {
    let review = load_review(path).map_err(|e| {
        tell!("{e}");
        1u8
    })?;
    let cost = review_cost(&review).map_err(|e| {
        tell!("{}: {e}", path.display());
        1u8
    })?;
    // Every option must compute; a bad option is an error of the file, not a silent gap. An
    // option that has no "after" table yet is said as such, in place of a saving.
    for r in &cost.options {
        if let Err(e) = r
            && !matches!(e, CostError::NoAfterTable { .. })
        {
            tell!("{}: {e}", path.display());
            return Err(1);
        }
    }
    let results: Vec<Result<&OptionResult, String>> = cost
        .options
        .iter()
        .map(|r| r.as_ref().map(|c| &c.result).map_err(|e| e.to_string()))
        .collect();
    let against_baseline = against(t, path, &review, &results, cost.chosen)?;
    if as_json {
        let out = to_json(
            t,
            path,
            &review,
            &cost.current.per_year,
            &results,
            cost.chosen,
        )?;
        say!(
            "{}",
            serde_json::to_string_pretty(&out).expect("JSON of plain values")
        );
    } else {
        print_text(t, path, &review, &results, cost.chosen);
        print_measures(t, &review, against_baseline.as_ref());
    }
    Ok(())
}

fn days_unit(t: &Templates, review: &Review) -> String {
    t.wording
        .get(match review.tthc.time_limit.kind {
            DayKind::NgayLamViec => "day.ngay_lam_viec",
            DayKind::Ngay => "day.ngay",
        })
        .to_string()
}

fn print_text(
    t: &Templates,
    path: &Path,
    review: &Review,
    results: &[Result<&OptionResult, String>],
    chosen: Option<usize>,
) {
    let unit = days_unit(t, review);
    say!("Tệp: {}", path.display());
    say!("Thủ tục: {} (mã số {})", review.tthc.name, review.tthc.code);
    if review.options.is_empty() {
        say!("Chưa có phương án đơn giản hóa.");
    }
    for (i, (opt, r)) in review.options.iter().zip(results).enumerate() {
        let mark = if Some(i) == chosen {
            " — được chọn"
        } else {
            ""
        };
        let name = review.option_title(i);
        say!("");
        say!("{name} ({}){mark}", t.kind_label(opt.kind));
        print_result(r, &unit);
    }
    say!("");
    match chosen {
        Some(i) => {
            say!("Phương án được chọn: {}", option_name(review, i));
            print_result(&results[i], &unit);
        }
        None if !review.options.is_empty() => say!("Chưa chọn phương án."),
        None => {}
    }
}

fn print_measures(
    t: &Templates,
    review: &Review,
    against: Option<&crate::measures::AgainstBaseline>,
) {
    if review.kind.is_internal() {
        say!("Loại: {}", review.kind.label());
    }
    if review.business {
        say!("TTHC liên quan đến hoạt động sản xuất, kinh doanh.");
    }
    if let Some(a) = against {
        say!(
            "So với năm {} (chi phí {} đồng/năm, thời hạn {} {}), mục tiêu năm {}:",
            a.baseline_year,
            money(a.baseline_cost),
            number(a.baseline_days),
            days_unit(t, review),
            a.year
        );
        say!("  Chi phí tuân thủ: {}", measure_text(&a.cost));
        if let Some(time) = &a.time {
            say!("  Thời hạn giải quyết: {}", measure_text(time));
        }
    }
    let c = crate::measures::conditions(review);
    if c.total > 0 {
        say!(
            "Điều kiện kinh doanh: {} — bãi bỏ {}, sửa đổi {}, giữ {}",
            c.total,
            c.abolished,
            c.amended,
            c.kept
        );
    }
}

fn option_name(review: &Review, i: usize) -> String {
    review.option_title(i)
}

fn print_result(r: &Result<&OptionResult, String>, unit: &str) {
    let r = match r {
        Ok(r) => r,
        Err(e) => {
            say!("  {e} — chưa tính được chi phí sau và tiết kiệm");
            return;
        }
    };
    say!("  Chi phí trước: {} đồng/năm", money(r.before));
    say!("  Chi phí sau: {} đồng/năm", money(r.after));
    say!("  Tiết kiệm: {} đồng/năm", money(r.saving));
    say!("  Tỷ lệ cắt giảm: {}", percent(r.percent));
    say!(
        "  Thời hạn giải quyết: {} → {} {unit} (cắt giảm {})",
        number(r.days_before),
        number(r.days_after),
        percent(r.days_percent)
    );
}

fn dong(path: &Path, v: Decimal) -> Result<i64, u8> {
    to_dong(v).ok_or_else(|| {
        tell!(
            "{}: số tiền {v} vượt quá giới hạn xuất JSON",
            path.display()
        );
        1u8
    })
}

/// The 2025–2026 measures of the chosen option, with the folder's targets and plan year.
fn against(
    t: &Templates,
    path: &Path,
    review: &Review,
    results: &[Result<&OptionResult, String>],
    chosen: Option<usize>,
) -> Result<Option<crate::measures::AgainstBaseline>, u8> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let year = crate::measures::review_year(review, crate::plan::Plan::year_in(dir));
    Ok(chosen
        .and_then(|i| results[i].as_ref().ok())
        .and_then(|r| crate::measures::against_baseline(review, r, t.targets.year(year), year)))
}

use crate::measures::measure_text;

fn pct(p: Option<Decimal>) -> Value {
    p.and_then(|p| p.to_f64()).map_or(Value::Null, Value::from)
}

fn result_json(path: &Path, r: &OptionResult) -> Result<Value, u8> {
    Ok(json!({
        "before": dong(path, r.before)?,
        "after": dong(path, r.after)?,
        "saving": dong(path, r.saving)?,
        "percent": pct(r.percent),
        "percent_text": percent(r.percent),
        "days_before": r.days_before.to_f64(),
        "days_after": r.days_after.to_f64(),
        "days_percent": pct(r.days_percent),
        "days_percent_text": percent(r.days_percent),
    }))
}

fn to_json(
    t: &Templates,
    path: &Path,
    review: &Review,
    current: &Decimal,
    results: &[Result<&OptionResult, String>],
    chosen: Option<usize>,
) -> Result<Value, u8> {
    let mut options = Vec::new();
    for (i, (opt, r)) in review.options.iter().zip(results).enumerate() {
        let mut v = match r {
            Ok(r) => result_json(path, r)?,
            // No saving without an "after" table: the figures are null, the reason is given.
            Err(e) => json!({
                "before": dong(path, *current)?,
                "after": null,
                "saving": null,
                "percent": null,
                "percent_text": null,
                "error": e,
            }),
        };
        let m = v.as_object_mut().expect("object");
        m.insert("index".into(), json!(i + 1));
        m.insert("name".into(), json!(option_name(review, i)));
        m.insert("kind".into(), json!(opt.kind.id()));
        m.insert("kind_label".into(), json!(t.kind_label(opt.kind)));
        m.insert("chosen".into(), json!(Some(i) == chosen));
        options.push(v);
    }
    let chosen_v = match chosen {
        Some(i) => options[i].clone(),
        None => Value::Null,
    };
    let against = against(t, path, review, results, chosen)?;
    let measure = |m: &crate::measures::Measure| {
        json!({
            "percent": pct(m.percent),
            "percent_text": percent(m.percent),
            "target": pct(m.target),
            "met": m.met(),
        })
    };
    let baseline = match &review.baseline {
        Some(b) => json!({
            "year": b.year,
            "cost": dong(path, b.cost.value)?,
            "days": b.days.value.to_f64(),
            "day_kind": match b.day_kind {
                DayKind::NgayLamViec => "ngay_lam_viec",
                DayKind::Ngay => "ngay",
            },
            "source": b.source.id(),
            "note": b.note,
        }),
        None => Value::Null,
    };
    let against_v = match &against {
        Some(a) => json!({
            "year": a.year,
            "baseline_year": a.baseline_year,
            "cost_cut_percent": measure(&a.cost),
            "time_cut_percent": a.time.as_ref().map(measure),
        }),
        None => Value::Null,
    };
    let c = crate::measures::conditions(review);
    Ok(json!({
        "kind": match review.kind {
            crate::model::ProcedureKind::Tthc => "tthc",
            crate::model::ProcedureKind::NoiBoGiuaCoQuan => "noi_bo_giua_co_quan",
            crate::model::ProcedureKind::NoiBoTrongCoQuan => "noi_bo_trong_co_quan",
        },
        "business": review.business,
        "baseline": baseline,
        "against_baseline": against_v,
        "conditions": {
            "total": c.total,
            "abolished": c.abolished,
            "amended": c.amended,
            "kept": c.kept,
        },
        "file": path.display().to_string(),
        "code": review.tthc.code,
        "name": review.tthc.name,
        "field": review.tthc.field,
        "days_unit": days_unit(t, review),
        "current_per_year": dong(path, *current)?,
        "options": options,
        "chosen": chosen_v,
    }))
}
