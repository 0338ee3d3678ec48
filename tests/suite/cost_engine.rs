//! Spec §4 formulas and §8 cases through the library, to the đồng.

use crate::common;
use common::*;
use tthc_review::cost::format::{money, percent};
use tthc_review::cost::*;
use tthc_review::model::*;

#[test]
fn case_s_to_the_dong() {
    let r = case_s();
    let c = review_cost(&r).unwrap();
    assert_eq!(money(c.current.execution), "988.464");
    assert_eq!(money(c.current.per_occurrence), "1.488.464");
    assert_eq!(money(c.current.per_year), "297.692.800");
    let o = c.options[0].as_ref().unwrap();
    assert_eq!(money(o.table.execution), "594.852");
    assert_eq!(money(o.table.per_occurrence), "1.094.852");
    assert_eq!(money(o.table.per_year), "218.970.400");
    assert_eq!(money(o.result.saving), "78.722.400");
    assert_eq!(percent(o.result.percent), "26,44 %");
    assert_eq!(o.result.saving, d("78722400"));
    // per-activity columns of the cost table
    assert_eq!(c.current.rows[0].time_cost, d("385984"));
    assert_eq!(c.current.rows[0].total, d("405984"));
    assert_eq!(o.table.rows[3].time_cost, d("24124"));
    assert_eq!(percent(o.result.days_percent), "33,33 %");
}

#[test]
fn case_a_tax_filing() {
    // 250.000 đ per filing, 325.000 firms, 12 → 4 filings a year.
    let mut r = Review::default();
    r.cost.hourly_income = fig("0");
    r.activities = vec![Activity::new(
        "Kê khai, nộp tờ khai",
        fig("0"),
        fig("0"),
        fig("250000"),
    )];
    r.frequency = fig("12");
    r.subjects = fig("325000");
    r.options.push(SimplOption {
        kind: OptionKind::SuaDoi,
        activities: r.activities.clone(),
        frequency: Some(fig("4")),
        ..Default::default()
    });
    let c = review_cost(&r).unwrap();
    let res = c.chosen_result().unwrap();
    assert_eq!(money(res.before), "975.000.000.000");
    assert_eq!(money(res.after), "325.000.000.000");
    assert_eq!(money(res.saving), "650.000.000.000");
    assert_eq!(percent(res.percent), "66,67 %");
}

#[test]
fn bai_bo_costs_nothing_unless_a_replacement_is_costed() {
    let mut r = case_s();
    r.options[0].kind = OptionKind::BaiBo;
    let c = review_cost(&r).unwrap();
    let res = &c.options[0].as_ref().unwrap().result;
    assert_eq!(res.after, d("0"));
    assert_eq!(res.saving, d("297692800"));
    assert_eq!(percent(res.percent), "100,00 %");
    assert_eq!(res.days_after, d("0"));

    r.options[0].replacement_costed = true;
    let c = review_cost(&r).unwrap();
    assert_eq!(
        money(c.options[0].as_ref().unwrap().result.after),
        "218.970.400"
    );
}

#[test]
fn zero_before_gives_undefined_percentage_not_nan() {
    let mut r = case_s();
    r.subjects = fig("0");
    let c = review_cost(&r).unwrap();
    let res = c.chosen_result().unwrap();
    assert_eq!(res.before, d("0"));
    assert_eq!(res.percent, None);
    assert_eq!(percent(res.percent), "không xác định");
}

#[test]
fn negative_inputs_are_typed_errors_that_say_where() {
    let mut r = case_s();
    r.activities[1].hours = fig("-4");
    match review_cost(&r) {
        Err(CostError::Negative { what, value }) => {
            assert!(what.contains("hoạt động 2"), "{what}");
            assert!(what.contains("Nộp hồ sơ"), "{what}");
            assert_eq!(value, d("-4"));
        }
        other => panic!("expected a negative-input error, got {other:?}"),
    }
    let mut r = case_s();
    r.options[0].activities[0].other = fig("-1");
    let c = review_cost(&r).unwrap();
    let e = c.options[0].as_ref().unwrap_err().to_string();
    assert!(
        e.contains("Phương án 1") && e.contains("không được âm"),
        "{e}"
    );
    let mut r = case_s();
    r.cost.hourly_income = fig("-1");
    assert!(
        review_cost(&r)
            .unwrap_err()
            .to_string()
            .contains("Thu nhập bình quân/giờ")
    );
}

#[test]
fn overflow_is_an_error_not_a_panic() {
    let mut r = case_s();
    r.subjects = Figure::new(rust_decimal::Decimal::MAX);
    r.frequency = fig("1000000");
    assert!(matches!(review_cost(&r), Err(CostError::Overflow { .. })));
}

#[test]
fn fractional_hours_round_half_away_from_zero_per_cell() {
    // 0,3 giờ × 48.248 = 14.474,4 → 14.474 đồng; 0,5 × 3 = 1,5 → 2.
    let c = activity_cost(&act("x", "0.3", "0"), d("48248"), &|| "x".into()).unwrap();
    assert_eq!(c.time_cost, d("14474"));
    let c = activity_cost(&act("x", "0.5", "0"), d("3"), &|| "x".into()).unwrap();
    assert_eq!(c.time_cost, d("2"));
}

#[test]
fn hourly_income_from_gdp_matches_published_rates() {
    let divisor = CostParams::default().divisor().unwrap();
    assert_eq!(divisor, d("2112"));
    for (gdp, rate) in [
        ("53500000", "25331"),
        ("58500000", "27699"),
        ("86100000", "40767"),
        ("95600000", "45265"),
        ("101900000", "48248"),
        ("114000000", "53977"),
    ] {
        assert_eq!(hourly_from_gdp(d(gdp), divisor), Some(d(rate)), "GDP {gdp}");
    }
    assert_eq!(hourly_from_gdp(d("1"), d("0")), None);
}

#[test]
fn aggregate_by_field_uses_sum_of_savings_over_sum_of_before() {
    let a = compare(d("100"), d("0"), d("10"), d("5")).unwrap(); // 100 %
    let b = compare(d("300"), d("300"), d("20"), d("20")).unwrap(); // 0 %
    let c = compare(d("2306"), d("654"), d("0"), d("0")).unwrap();
    let agg = aggregate([("X", &a), ("Y", &b), ("X", &c)]).unwrap();
    assert_eq!(agg.groups.len(), 2);
    assert_eq!(agg.groups[0].0, "X");
    assert_eq!(agg.overall.before, d("2706"));
    assert_eq!(agg.overall.saving, d("1752"));
    // 1752 / 2706 = 64,745… → 64,75 %, not the mean of 100 %, 0 % and 71,64 %.
    assert_eq!(percent(agg.overall.percent), "64,75 %");
    // Hà Nội 2025 published check: 2.306 → 654, 71,64 %.
    assert_eq!(percent(c.percent), "71,64 %");
    assert_eq!(agg.overall.days_before, d("30"));
    assert_eq!(agg.overall.days_after, d("25"));
    assert_eq!(percent(agg.overall.days_percent), "16,67 %");
    assert_eq!(agg.overall.meets_time_target(d("30")), Some(false));
    assert_eq!(agg.groups[0].1.meets_time_target(d("30")), Some(true));
}
