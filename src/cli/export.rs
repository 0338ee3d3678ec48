//! `tthc-review export` and `tthc-review compile`.

use crate::report::{ReportSettings, compile_pdf, review_pdf};
use crate::storage::{list_reviews, load_review, replace_file};
use crate::templates::Templates;
use std::path::Path;

fn write(output: &Path, bytes: &[u8]) -> Result<(), u8> {
    replace_file(output, bytes).map_err(|e| {
        eprintln!("{}: không ghi được ({e})", output.display());
        1u8
    })
}

pub fn export(t: &Templates, file: &Path, output: &Path) -> Result<(), u8> {
    let review = load_review(file).map_err(|e| {
        eprintln!("{e}");
        1u8
    })?;
    let pdf = review_pdf(t, &review).map_err(|e| {
        eprintln!("{}: {e}", file.display());
        1u8
    })?;
    write(output, &pdf)?;
    println!(
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
) -> Result<(), u8> {
    let settings = match settings {
        Some(p) => ReportSettings::load(p).map_err(|e| {
            eprintln!("{e}");
            1u8
        })?,
        None => ReportSettings::default(),
    };
    let items: Vec<_> = list_reviews(dir)
        .map_err(|e| {
            eprintln!("{}: không đọc được thư mục ({e})", dir.display());
            1u8
        })?
        .into_iter()
        .map(|(p, r)| (p, r.map_err(|e| e.to_string())))
        .collect();
    let compiled = compile_pdf(t, &settings, &items, &|_, _| {}).map_err(|e| {
        eprintln!("{}: {e}", dir.display());
        1u8
    })?;
    for s in &compiled.skipped {
        eprintln!("BỎ QUA {s}");
    }
    write(output, &compiled.pdf)?;
    println!(
        "Đã lập báo cáo {}: {} TTHC, bỏ qua {}; tiết kiệm {} đồng/năm ({})",
        output.display(),
        compiled.included,
        compiled.skipped.len(),
        crate::cost::format::money(compiled.totals.saving),
        crate::cost::format::percent(compiled.totals.percent)
    );
    Ok(())
}
