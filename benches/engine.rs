//! Benchmarks (criterion): recompute a large review; load a folder of 1 000 review files.
//! Targets on a 2-core machine: under 1 ms and under 0,5 s.

use criterion::{Criterion, criterion_group, criterion_main};
use rust_decimal::Decimal;
use std::hint::black_box;
use tthc_review::cost::review_cost;
use tthc_review::model::*;
use tthc_review::storage::{list_reviews, save_review};

fn activities(n: usize, seed: i64) -> Vec<Activity> {
    (0..n)
        .map(|i| {
            let i = i as i64 + seed;
            Activity::new(
                "Hoạt động",
                Figure::new(Decimal::new(i % 97 + 1, 1)),
                Figure::new(Decimal::from(i % 7 * 10_000)),
                Figure::new(Decimal::from(i % 13 * 5_000)),
            )
        })
        .collect()
}

fn big_review() -> Review {
    let mut r = Review::default();
    r.cost.hourly_income = Figure::int(48_248);
    r.tthc.fee.amount = Figure::int(500_000);
    r.subjects = Figure::int(200);
    r.activities = activities(10_000, 0);
    r.options = (0..5)
        .map(|k| SimplOption {
            kind: if k == 0 {
                OptionKind::BaiBo
            } else {
                OptionKind::SuaDoi
            },
            replacement_costed: k == 0,
            activities: activities(10_000, k),
            ..Default::default()
        })
        .collect();
    r
}

fn recompute(c: &mut Criterion) {
    let r = big_review();
    c.bench_function(
        "recompute review: 10 000 activities × (current + 5 options)",
        |b| b.iter(|| review_cost(black_box(&r)).unwrap()),
    );
}

fn load_folder(c: &mut Criterion) {
    let example = tthc_review::storage::load_review(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("saved-reviews/xang-dau-cap-gcn-cua-hang.ron"),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    for i in 0..1000 {
        let mut r = example.clone();
        r.tthc.code = format!("1.{i:06}");
        save_review(&dir.path().join(format!("r{i:04}.ron")), &r).unwrap();
    }
    let mut g = c.benchmark_group("storage");
    g.sample_size(10);
    g.bench_function("load 1 000 review files from disk", |b| {
        b.iter(|| {
            let list = list_reviews(black_box(dir.path())).unwrap();
            assert_eq!(list.len(), 1000);
            list
        })
    });
    g.finish();
}

criterion_group!(benches, recompute, load_folder);
criterion_main!(benches);
