//! `tthc-review export` and `tthc-review compile`: the checks before a report run first and are
//! printed; an error refuses the report, and `--strict` refuses on warnings too.

use crate::console::{say, tell};
use crate::preflight::{Finding, Severity, count, has_errors, review_findings};
use crate::report::{self, Format, ReportError, ReportSettings, review_report};
use crate::storage::{check_output, load_review, replace_file, settings_path};
use crate::templates::Templates;
use std::path::Path;

/// Refuses an output that would replace a review or a file that is not ours, or an existing
/// report without --force; checked before any work is done.
fn output_allowed(output: &Path, force: bool) -> Result<Format, u8> {
    check_output(output, &Format::ALL, force).map_err(|e| {
        tell!("{e}");
        1u8
    })
}

/// The report settings of a folder (saved from the app), or a named file, or the defaults.
fn settings_for(dir: &Path, named: Option<&Path>) -> Result<ReportSettings, u8> {
    let folder_settings = settings_path(dir);
    match named.or(folder_settings
        .is_file()
        .then_some(folder_settings.as_path()))
    {
        Some(p) => ReportSettings::load(p).map_err(|e| {
            tell!("{e}");
            1u8
        }),
        None => Ok(ReportSettings::default()),
    }
}

fn write(output: &Path, bytes: &[u8]) -> Result<(), u8> {
    replace_file(output, bytes).map_err(|e| {
        tell!(
            "{}: không ghi được ({})",
            output.display(),
            crate::storage::io_words(&e)
        );
        1u8
    })
}

/// Prints the findings; says whether the report may go on.
fn gate(findings: &[Finding], strict: bool) -> Result<(), u8> {
    for f in findings {
        tell!("{f}");
    }
    let errors = count(findings, Severity::Error);
    let warnings = count(findings, Severity::Warning);
    if has_errors(findings) {
        tell!("Không lập báo cáo: {errors} lỗi, {warnings} cảnh báo. Hãy sửa các lỗi trên.");
        return Err(1);
    }
    if strict && warnings > 0 {
        tell!("Không lập báo cáo: {warnings} cảnh báo (--strict).");
        return Err(1);
    }
    Ok(())
}

pub fn export(
    t: &Templates,
    file: &Path,
    output: &Path,
    strict: bool,
    force: bool,
) -> Result<(), u8> {
    let format = output_allowed(output, force)?;
    let dir = file.parent().unwrap_or(Path::new("."));
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let settings = settings_for(dir, None)?;
    let review = load_review(file).map_err(|e| {
        tell!("{e}");
        1u8
    })?;
    let findings: Vec<Finding> = review_findings(t, &review)
        .into_iter()
        .map(|mut f| {
            f.file = Some(file.to_path_buf());
            f
        })
        .collect();
    gate(&findings, strict)?;
    let pdf = review_report(t, &settings, &review, format).map_err(|e| {
        tell!("{}: {e}", file.display());
        1u8
    })?;
    write(output, &pdf)?;
    say!(
        "Đã xuất {} ({} KB)",
        output.display(),
        pdf.len().div_ceil(1024)
    );
    Ok(())
}

pub fn compile(
    t: &Templates,
    dir: &Path,
    output: &Path,
    settings: Option<&Path>,
    strict: bool,
    force: bool,
) -> Result<(), u8> {
    let format = output_allowed(output, force)?;
    // The folder's own settings (saved from the app) unless a file is named.
    let settings = settings_for(dir, settings)?.for_plan_year(crate::plan::Plan::year_in(dir));
    // Read one at a time (for the checks, then for the report): thousands of reviews are never
    // all in memory.
    let items = crate::storage::Files(super::folder_files(dir)?);
    // The checks run once: what they found goes to the report as it is.
    let surveyed = report::survey(t, &items);
    gate(&surveyed.findings, strict)?;
    let compiled = report::compile_surveyed(t, &settings, &items, surveyed, format, &|_, _| {});
    let compiled = compiled.map_err(|e| {
        if !matches!(e, ReportError::Blocked(_)) {
            tell!("{}: {e}", dir.display());
        }
        1u8
    })?;
    // What the checks above could not know: the settings against the decision's year.
    for w in compiled
        .warnings
        .iter()
        .filter(|w| w.file.as_deref() == Some(Path::new("report_settings.ron")))
    {
        tell!("{w}");
    }
    write(output, &compiled.bytes)?;
    say!(
        "Đã lập báo cáo {}: {} TTHC, {} cảnh báo; tiết kiệm {} đồng/năm ({})",
        output.display(),
        compiled.included,
        compiled.warnings.len(),
        crate::cost::format::money(compiled.totals.saving),
        crate::cost::format::percent(compiled.totals.percent)
    );
    Ok(())
}
