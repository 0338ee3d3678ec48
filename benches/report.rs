//! Benchmark (criterion): compile the August report over 500 generated reviews, as PDF, Word
//! and Excel. The size of each file is printed once. `report_scale` measures 500 and 5 000
//! reviews with peak memory.

use criterion::{Criterion, criterion_group, criterion_main};
use std::path::PathBuf;
use tthc_review::model::*;
use tthc_review::report::{Format, ReportSettings, compile};
use tthc_review::storage::load_review;
use tthc_review::templates::Templates;

pub fn reviews(n: usize) -> Vec<(PathBuf, Result<Review, String>)> {
    let base = load_review(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("saved-reviews/xang-dau-cap-gcn-cua-hang.ron"),
    )
    .unwrap();
    let fields = [
        "Vật liệu nổ công nghiệp",
        "Lưu thông hàng hóa trong nước",
        "Điện",
        "Hóa chất",
        "An toàn thực phẩm",
    ];
    (0..n)
        .map(|i| {
            let mut r = base.clone();
            r.tthc.code = format!("1.{i:06}.000.00.00.H32");
            r.tthc.name = format!(
                "Thủ tục thử nghiệm số {} cấp giấy chứng nhận đủ điều kiện kinh doanh",
                i + 1
            );
            r.tthc.field = fields[i % fields.len()].to_string();
            r.subjects = Figure::int(10 + i as i64);
            (PathBuf::from(format!("r{i}.ron")), Ok(r))
        })
        .collect()
}

fn compile_formats(c: &mut Criterion) {
    let t = Templates::embedded();
    let s = ReportSettings::default();
    let items = reviews(500);
    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    for f in Format::ALL {
        let once = compile(&t, &s, &items, f, &|_, _| {}).unwrap();
        eprintln!(
            "compiled report of 500 reviews, {}: {} bytes ({:.2} MB)",
            f.label(),
            once.bytes.len(),
            once.bytes.len() as f64 / 1_048_576.0
        );
        g.bench_function(format!("compile 500 reviews to {}", f.ext()), |b| {
            b.iter(|| compile(&t, &s, &items, f, &|_, _| {}).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, compile_formats);
criterion_main!(benches);
