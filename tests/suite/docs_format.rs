//! The example in docs/format.md is a file a person can copy: it must parse and give case S.

use tthc_review::cost::format::{money, percent};

#[test]
fn documented_example_is_accepted_and_gives_case_s() {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md"),
    )
    .unwrap();
    let start = doc.find("```ron\n").expect("a ron block") + 7;
    let end = start + doc[start..].find("```").unwrap();
    let r = tthc_review::storage::parse_review(
        std::path::Path::new("docs/format.md"),
        &doc[start..end],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let c = tthc_review::cost::review_cost(&r).unwrap();
    let res = c.chosen_result().unwrap();
    assert_eq!(money(res.before), "297.692.800");
    assert_eq!(money(res.after), "218.970.400");
    assert_eq!(money(res.saving), "78.722.400");
    assert_eq!(percent(res.percent), "26,44 %");
    let t = tthc_review::templates::Templates::embedded();
    assert!(
        t.form.orphan_answers(&r.answers).is_empty(),
        "the example uses real question ids"
    );
}
