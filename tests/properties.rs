//! Property tests of the cost engine.

use proptest::prelude::*;
use rust_decimal::Decimal;
use tthc_review::cost::*;
use tthc_review::model::*;

fn money() -> impl Strategy<Value = Decimal> {
    (0i64..5_000_000).prop_map(Decimal::from)
}

fn hours() -> impl Strategy<Value = Decimal> {
    (0i64..400).prop_map(|h| Decimal::new(h, 1)) // 0,0 … 39,9 giờ
}

fn activity() -> impl Strategy<Value = Activity> {
    (hours(), money(), money())
        .prop_map(|(h, s, o)| Activity::new("hđ", Figure::new(h), Figure::new(s), Figure::new(o)))
}

fn review() -> impl Strategy<Value = Review> {
    (
        prop::collection::vec(activity(), 0..8),
        prop::collection::vec((prop::collection::vec(activity(), 0..8), 0usize..3), 1..4),
        (1i64..100_000).prop_map(Decimal::from),
        money(),
        (0i64..50).prop_map(Decimal::from),
        (0i64..100_000).prop_map(Decimal::from),
    )
        .prop_map(|(current, options, hourly, fee, freq, subjects)| {
            let mut r = Review::default();
            r.activities = current;
            r.cost.hourly_income = Figure::new(hourly);
            r.tthc.fee.amount = Figure::new(fee);
            r.frequency = Figure::new(freq);
            r.subjects = Figure::new(subjects);
            r.options = options
                .into_iter()
                .map(|(acts, k)| SimplOption {
                    kind: [OptionKind::SuaDoi, OptionKind::BaiBo, OptionKind::TrucTuyen][k],
                    activities: acts,
                    ..Default::default()
                })
                .collect();
            r
        })
}

proptest! {
    #[test]
    fn saving_is_before_minus_after(r in review()) {
        let c = review_cost(&r).unwrap();
        for (opt, o) in r.options.iter().zip(&c.options) {
            // An option other than bãi bỏ with an empty "after" table has no saving at all.
            if opt.kind != OptionKind::BaiBo && opt.activities.is_empty() {
                let no_table = matches!(o, Err(CostError::NoAfterTable { .. }));
                prop_assert!(no_table, "expected NoAfterTable, got {:?}", o);
                continue;
            }
            let o = o.as_ref().unwrap();
            prop_assert_eq!(o.result.saving, o.result.before - o.result.after);
            prop_assert_eq!(o.result.before, c.current.per_year);
            // the printed table adds up
            let sum: Decimal = o.table.rows.iter().map(|x| x.total).sum();
            prop_assert_eq!(sum, o.table.execution);
        }
    }

    #[test]
    fn percent_is_100_when_after_is_0(r in review()) {
        let mut r = r;
        for o in &mut r.options { o.kind = OptionKind::BaiBo; }
        let c = review_cost(&r).unwrap();
        for o in &c.options {
            let res = &o.as_ref().unwrap().result;
            prop_assert_eq!(res.after, Decimal::ZERO);
            if res.before.is_zero() {
                prop_assert_eq!(res.percent, None);
            } else {
                prop_assert_eq!(res.percent, Some(Decimal::ONE_HUNDRED));
            }
        }
    }

    #[test]
    fn aggregates_equal_the_sum_of_their_parts(
        items in prop::collection::vec((0usize..3, 0i64..1_000_000_000, 0i64..1_000_000_000, 0i64..60, 0i64..60), 0..30)
    ) {
        let fields = ["Vật liệu nổ công nghiệp", "Lưu thông hàng hóa trong nước", "Điện"];
        let results: Vec<(usize, OptionResult)> = items
            .iter()
            .map(|&(f, b, a, db, da)| (f, compare(Decimal::from(b), Decimal::from(a), Decimal::from(db), Decimal::from(da)).unwrap()))
            .collect();
        let agg = aggregate(results.iter().map(|(f, r)| (fields[*f], r))).unwrap();
        let before: Decimal = results.iter().map(|(_, r)| r.before).sum();
        let saving: Decimal = results.iter().map(|(_, r)| r.saving).sum();
        prop_assert_eq!(agg.overall.before, before);
        prop_assert_eq!(agg.overall.saving, saving);
        prop_assert_eq!(agg.overall.count, results.len());
        let group_sum: Decimal = agg.groups.iter().map(|(_, t)| t.saving).sum();
        prop_assert_eq!(group_sum, saving);
        let group_after: Decimal = agg.groups.iter().map(|(_, t)| t.after).sum();
        prop_assert_eq!(group_after, agg.overall.after);
        prop_assert_eq!(agg.overall.percent, percent_cut(saving, before));
    }

    #[test]
    fn the_integer_multiply_rounds_exactly_like_decimal(h in -1_000_000i64..1_000_000, hs in 0u32..6, r in -10_000_000i64..10_000_000, rs in 0u32..4) {
        let a = Decimal::new(h, hs);
        let b = Decimal::new(r, rs);
        let exact = (a * b).round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        prop_assert_eq!(tthc_review::cost::format::mul_round_dong(a, b), Some(exact));
    }

    #[test]
    fn an_activity_costs_exactly_the_formula(h in 0i64..10_000_000, hs in 0u32..8, r in 0i64..100_000_000, rs in 0u32..3, sv in 0i64..1_000_000_000, ot in 0i64..1_000_000_000, os in 0u32..3) {
        let (hours, hourly, service, other) = (Decimal::new(h, hs), Decimal::new(r, rs), Decimal::from(sv), Decimal::new(ot, os));
        let a = Activity::new("x", Figure::new(hours), Figure::new(service), Figure::new(other));
        let c = activity_cost(&a, hourly, &|| "x".into()).unwrap();
        let round = |d: Decimal| d.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        let time = round(hours * hourly);
        prop_assert_eq!(c.time_cost, time);
        prop_assert_eq!(c.total, round(time + service + other));
    }

    #[test]
    fn typed_numbers_round_trip_through_the_vietnamese_format(n in 0i64..10_000_000_000i64, frac in 0i64..100) {
        let v = Decimal::new(n * 100 + frac, 2);
        let shown = tthc_review::cost::format::number(v);
        prop_assert_eq!(parse_decimal_vi(&shown), Some(v.normalize()));
    }
}
