//! `tthc-review plan import` and `tthc-review plan status`.

use crate::console::{say, tell};
use crate::cost::format::{money, number, percent};
use crate::plan::track::{Status, review_states, track};
use crate::plan::{PLAN_SUFFIX, Plan, import::import as import_plan};
use crate::templates::Templates;
use std::path::{Path, PathBuf};

pub fn import(file: &Path, output: &Path, force: bool, milestones: Option<&str>) -> Result<(), u8> {
    let name = output.to_string_lossy();
    if !name.ends_with(PLAN_SUFFIX) {
        tell!(
            "{}: tệp kế hoạch phải có đuôi {PLAN_SUFFIX} (để không bị coi là bản rà soát)",
            output.display()
        );
        return Err(1);
    }
    if output.exists() && !force {
        tell!("{}: đã có; thêm --force để ghi đè", output.display());
        return Err(1);
    }
    let mut imported = import_plan(file).map_err(|e| {
        tell!("{e}");
        1u8
    })?;
    // Everything the reader should see before the file is written.
    say!("Các cột đã đọc:");
    for c in &imported.columns {
        say!("  {c}");
    }
    for n in &imported.notes {
        say!("{n}");
    }
    for p in &imported.problems {
        tell!("{p}");
    }
    if let Some(text) = milestones {
        let dates: Vec<&str> = text.split(',').map(str::trim).collect();
        if dates.len() != imported.plan.milestones.len() || imported.plan.milestones.is_empty() {
            tell!(
                "--milestones cần {} ngày cách nhau bằng dấu phẩy (hoàn thành rà soát, gửi Văn phòng UBND tỉnh, dự thảo quyết định)",
                imported.plan.milestones.len().max(3)
            );
            return Err(1);
        }
        for (m, d) in imported.plan.milestones.iter_mut().zip(dates) {
            m.date = chrono::NaiveDate::parse_from_str(d, "%d/%m/%Y").map_err(|_| {
                tell!("--milestones: «{d}» không phải ngày dạng 30/07/2025");
                1u8
            })?;
        }
    } else if !imported.milestones_found && imported.plan.year > 0 {
        tell!(
            "Tệp không ghi các mốc thời gian: tạm dùng mốc thường lệ {}; ghi đúng mốc của kế hoạch bằng --milestones NGÀY,NGÀY,NGÀY hoặc «Sửa mốc, mục tiêu…» trên trang Kế hoạch.",
            imported
                .plan
                .milestones
                .iter()
                .map(|m| crate::plan::track::dmy(m.date))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    imported.plan.save(output).map_err(|e| {
        tell!(
            "{}: không ghi được ({})",
            output.display(),
            crate::storage::io_words(&e)
        );
        1u8
    })?;
    say!(
        "Đã ghi {}: {} TTHC, năm {}{}",
        output.display(),
        imported.plan.rows.len(),
        imported.plan.year,
        if imported.problems.is_empty() {
            String::new()
        } else {
            format!(
                "; {} chỗ không đưa vào (cột hoặc dòng, xem trên)",
                imported.problems.len()
            )
        }
    );
    if imported.plan.year == 0 {
        tell!("Chưa thấy năm của kế hoạch: sửa «year» và các mốc thời gian trong tệp.");
    }
    Ok(())
}

fn find_plan(dir: &Path, named: Option<&Path>) -> Result<PathBuf, u8> {
    if let Some(p) = named {
        return Ok(p.to_path_buf());
    }
    let files = Plan::files(dir);
    match files.as_slice() {
        [one] => Ok(one.clone()),
        [] => {
            tell!(
                "{}: không có tệp kế hoạch (*{PLAN_SUFFIX}); tạo bằng «tthc-review plan import»",
                dir.display()
            );
            Err(1)
        }
        many => {
            tell!(
                "{}: có {} tệp kế hoạch; chọn một bằng --plan",
                dir.display(),
                many.len()
            );
            Err(1)
        }
    }
}

use crate::storage::file_name;

type Loaded = (
    PathBuf,
    Plan,
    chrono::NaiveDate,
    crate::plan::track::Tracking,
);

fn load(
    t: &Templates,
    dir: &Path,
    plan_file: Option<&Path>,
    today: Option<&str>,
) -> Result<Loaded, u8> {
    let plan_path = find_plan(dir, plan_file)?;
    let plan = Plan::load(&plan_path).map_err(|e| {
        tell!("{e}");
        1u8
    })?;
    let today = match today {
        None => chrono::Local::now().date_naive(),
        Some(s) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .or_else(|_| chrono::NaiveDate::parse_from_str(s, "%d/%m/%Y"))
            .map_err(|_| {
                tell!("--today {s}: ngày phải viết dạng 2024-07-31 hoặc 31/07/2024");
                1u8
            })?,
    };
    let items = review_states(t, super::folder_files(dir)?);
    let tr = track(&plan, &items, today);
    Ok((plan_path, plan, today, tr))
}

/// The progress table as a workbook: one row per plan row.
pub fn export(
    t: &Templates,
    dir: &Path,
    output: &Path,
    plan_file: Option<&Path>,
    today: Option<&str>,
    force: bool,
) -> Result<(), u8> {
    use crate::storage::{OutputKind, check_output};
    check_output(output, &[OutputKind::Xlsx], force).map_err(|e| {
        tell!("{e}");
        1u8
    })?;
    let (_, plan, today, tr) = load(t, dir, plan_file, today)?;
    let bytes = crate::plan::export::workbook(&plan, &tr, today).map_err(|e| {
        tell!("{}: không ghi được bảng tính ({e})", output.display());
        1u8
    })?;
    crate::storage::replace_file(output, &bytes).map_err(|e| {
        tell!(
            "{}: không ghi được ({})",
            output.display(),
            crate::storage::io_words(&e)
        );
        1u8
    })?;
    say!(
        "Đã ghi {}: {} TTHC, {} quá hạn",
        output.display(),
        tr.rows.len(),
        tr.rows.iter().filter(|r| r.overdue.is_some()).count()
    );
    Ok(())
}

pub fn status(
    t: &Templates,
    dir: &Path,
    plan_file: Option<&Path>,
    today: Option<&str>,
    json: bool,
) -> Result<(), u8> {
    let (plan_path, plan, today, tr) = load(t, dir, plan_file, today)?;
    if json {
        let rows: Vec<_> = tr
            .rows
            .iter()
            .map(|r| {
                serde_json::json!({
                    "stt": r.row.stt,
                    "code": r.row.code,
                    "name": r.row.name,
                    "field": r.row.field,
                    "lead": r.row.lead,
                    "status": r.status.label(),
                    "since": r.since.map(|d| d.to_string()),
                    "overdue": r.overdue,
                    "files": r.files.iter().map(|f| file_name(f)).collect::<Vec<_>>(),
                    "before": r.figures.as_ref().and_then(|f| crate::cost::format::to_dong(f.before)),
                    "after": r.figures.as_ref().and_then(|f| crate::cost::format::to_dong(f.after)),
                    "days_before": r.figures.as_ref().map(|f| number(f.days_before)),
                    "days_after": r.figures.as_ref().map(|f| number(f.days_after)),
                })
            })
            .collect();
        // Per room, as the page groups them.
        let mut groups: Vec<(String, crate::measures::MeasuresTotals, usize)> = Vec::new();
        for r in &tr.rows {
            let lead = r.row.lead.trim().to_string();
            match groups
                .iter_mut()
                .find(|(l, _, _)| crate::model::text_key(l) == crate::model::text_key(&lead))
            {
                Some((_, m, n)) => {
                    m.add(&r.measures);
                    *n += 1;
                }
                None => groups.push((lead, r.measures, 1)),
            }
        }
        let groups: Vec<_> = groups
            .iter()
            .map(|(lead, m, n)| {
                serde_json::json!({
                    "lead": lead,
                    "rows": n,
                    "measures": measures_json(t, plan.year, m),
                })
            })
            .collect();
        let out = serde_json::json!({
            "plan": file_name(&plan_path),
            "year": plan.year,
            "today": today.to_string(),
            "rows": rows,
            "unplanned": tr.unplanned.iter().map(|f| file_name(f)).collect::<Vec<_>>(),
            "broken": tr.broken.iter().map(|(f, e)| serde_json::json!({"file": file_name(f), "error": e})).collect::<Vec<_>>(),
            "totals": {
                "before": crate::cost::format::to_dong(tr.totals.before),
                "after": crate::cost::format::to_dong(tr.totals.after),
                "saving": crate::cost::format::to_dong(tr.totals.saving()),
                "days_before": number(tr.totals.days_before),
                "days_after": number(tr.totals.days_after),
                "time_cut_target": number(plan.time_cut_target),
                "measures": measures_json(t, plan.year, &tr.totals.measures),
            },
            "groups": groups,
        });
        say!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        return Ok(());
    }
    say!(
        "Kế hoạch {} (năm {}), đối chiếu ngày {}",
        file_name(&plan_path),
        plan.year,
        today.format("%d/%m/%Y")
    );
    // One table per room, in the order rooms first appear.
    let mut rooms: Vec<&str> = Vec::new();
    for r in &tr.rows {
        if !rooms.contains(&r.row.lead.as_str()) {
            rooms.push(&r.row.lead);
        }
    }
    for room in rooms {
        let of_room: Vec<_> = tr.rows.iter().filter(|r| r.row.lead == room).collect();
        let done = of_room
            .iter()
            .filter(|r| matches!(r.status, Status::Stage(s) if s >= crate::model::Stage::Completed))
            .count();
        say!(
            "\n{} — {}/{} đã hoàn thiện",
            if room.is_empty() {
                "(chưa giao đơn vị)"
            } else {
                room
            },
            done,
            of_room.len()
        );
        for r in of_room {
            let figures = r
                .figures
                .as_ref()
                .map(|f| {
                    format!(
                        "; trước {} — sau {} đồng/năm; thời hạn {} → {} ngày",
                        money(f.before),
                        money(f.after),
                        number(f.days_before),
                        number(f.days_after)
                    )
                })
                .unwrap_or_default();
            let mut line = format!(
                "  {:>3}. {} — {}{}{}",
                r.row.stt,
                r.row.name,
                r.status.label(),
                r.since
                    .map(|d| format!(" từ {}", d.format("%d/%m/%Y")))
                    .unwrap_or_default(),
                figures
            );
            if let Some(o) = &r.overdue {
                line.push_str(&format!(" — {}", o.to_uppercase()));
            }
            if r.files.len() > 1 {
                line.push_str(&format!(
                    " — {} BẢN RÀ SOÁT: {}",
                    r.files.len(),
                    r.files
                        .iter()
                        .map(|f| file_name(f))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            say!("{line}");
        }
    }
    for f in &tr.unplanned {
        say!("\nKhông có trong kế hoạch: {}", file_name(f));
    }
    for (f, e) in &tr.broken {
        say!("\nKhông đọc được: {} ({e})", file_name(f));
    }
    let s = &tr.totals;
    let cut = s.days_percent();
    let met = cut.is_some_and(|c| c >= plan.time_cut_target);
    say!(
        "\nCộng {} TTHC có số liệu / {} TTHC trong kế hoạch: chi phí trước {} — sau {} — tiết kiệm {} đồng/năm ({}); tổng thời hạn {} → {} ngày, cắt giảm {} (mục tiêu tối thiểu {} %: {})",
        s.with_figures,
        s.rows,
        money(s.before),
        money(s.after),
        money(s.saving()),
        percent(s.percent()),
        number(s.days_before),
        number(s.days_after),
        percent(cut),
        number(plan.time_cut_target),
        if met { "đạt" } else { "chưa đạt" }
    );
    let late = tr.rows.iter().filter(|r| r.overdue.is_some()).count();
    if late > 0 {
        say!("{late} TTHC quá hạn.");
    }
    Ok(())
}

/// The 2025–2026 measures of a set of rows against the targets of the plan's year.
fn measures_json(
    t: &Templates,
    year: i32,
    m: &crate::measures::MeasuresTotals,
) -> serde_json::Value {
    use rust_decimal::prelude::ToPrimitive;
    let tg = t.targets.year(year);
    let measure = |x: crate::measures::Measure| {
        serde_json::json!({
            "percent": x.percent.and_then(|p| p.to_f64()),
            "percent_text": percent(x.percent),
            "target": x.target.and_then(|p| p.to_f64()),
            "met": x.met(),
        })
    };
    serde_json::json!({
        "business_tthc": m.business,
        "business_tthc_cut": m.business_cut,
        "business_text": format!("{}/{} TTHC", m.business_cut, m.business),
        "conditions": m.conditions,
        "conditions_cut": m.conditions_cut,
        "conditions_text": format!("{}/{} ĐKKD", m.conditions_cut, m.conditions),
        "with_baseline": m.with_baseline,
        "baseline_cost": crate::cost::format::to_dong(m.baseline_cost),
        "after_cost": crate::cost::format::to_dong(m.after_cost),
        "cost_cut": measure(m.cost(tg)),
        "time_cut": measure(m.time(tg)),
        "conditions_cut_percent": measure(m.conditions_cut(tg)),
        "targets_source": tg.map(|y| y.source.clone()),
    })
}
