//! Property tests: the cost engine, and the readers of files from outside (a room's .zip, a
//! plan spreadsheet or CSV, a portal export) under random damage.

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

// ---------------------------------------------------------------------------------------------
// Files from outside, damaged at random: each reader ends (the whole run is bounded by the
// suite's time), never panics, and writes nothing. The seeds are real files of each kind.

use crate::common;

/// A damaged copy of `seed`: bytes flipped, a run removed or repeated, or the tail cut.
fn damaged(seed: &[u8], edits: &[(u8, usize, u8)]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for &(kind, at, byte) in edits {
        if b.is_empty() {
            break;
        }
        let i = at % b.len();
        match kind % 4 {
            0 => b[i] ^= byte | 1,
            1 => {
                let end = (i + usize::from(byte)).min(b.len());
                b.drain(i..end);
            }
            2 => {
                let end = (i + usize::from(byte)).min(b.len());
                let run = b[i..end].to_vec();
                for _ in 0..(usize::from(byte) % 8) {
                    b.splice(i..i, run.iter().copied());
                }
            }
            _ => b.truncate(i),
        }
    }
    b
}

fn listing(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    v.sort();
    v
}

fn room_zip() -> Vec<u8> {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    for f in common::example_files() {
        z.start_file(f.file_name().unwrap().to_string_lossy(), o)
            .unwrap();
        z.write_all(&std::fs::read(&f).unwrap()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn plan_xlsx() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let rows = [
        [
            "STT",
            "Tên thủ tục hành chính",
            "Lĩnh vực",
            "Đơn vị chủ trì",
        ],
        [
            "1",
            "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
            "Lưu thông hàng hóa",
            "Phòng QLTM",
        ],
        [
            "2",
            "Cấp giấy phép sản xuất rượu",
            "Công nghiệp",
            "Phòng QLCN",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    ws.merge_range(4, 0, 4, 3, "Ghi chú", &rust_xlsxwriter::Format::new())
        .unwrap();
    wb.save_to_buffer().unwrap()
}

const PLAN_CSV: &str = "STT;Tên thủ tục hành chính;Lĩnh vực\n1;\"Cấp Giấy chứng nhận; cửa hàng\";Lưu thông\n2;Cấp phép B;Điện\n";

fn edits() -> impl Strategy<Value = Vec<(u8, usize, u8)>> {
    prop::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 1..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn a_damaged_zip_is_received_or_refused_without_writing(e in edits()) {
        let dir = tempfile::tempdir().unwrap();
        let office = dir.path().join("saved-reviews");
        std::fs::create_dir_all(&office).unwrap();
        for f in common::example_files().into_iter().take(1) {
            std::fs::copy(&f, office.join(f.file_name().unwrap())).unwrap();
        }
        let before = listing(&office);
        let src = dir.path().join("phong.zip");
        std::fs::write(&src, damaged(&room_zip(), &e)).unwrap();
        let t = tthc_review::templates::Templates::embedded();
        let _ = tthc_review::exchange::inspect(&t, &src, &office);
        prop_assert_eq!(listing(&office), before);
    }

    #[test]
    fn a_damaged_plan_spreadsheet_or_csv_is_read_or_refused(e in edits()) {
        let dir = tempfile::tempdir().unwrap();
        let x = dir.path().join("kh.xlsx");
        std::fs::write(&x, damaged(&plan_xlsx(), &e)).unwrap();
        let _ = tthc_review::plan::import::import(&x);
        let c = dir.path().join("kh.csv");
        std::fs::write(&c, damaged(PLAN_CSV.as_bytes(), &e)).unwrap();
        let _ = tthc_review::plan::import::import(&c);
        prop_assert_eq!(listing(dir.path()).len(), 2);
    }

    #[test]
    fn a_damaged_portal_export_is_read_or_refused(e in edits(), b in any::<bool>()) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ChiTietTTHC.doc");
        std::fs::write(&p, damaged(&common::portal_doc(b), &e)).unwrap();
        let _ = tthc_review::portal::read(&p);
        prop_assert_eq!(listing(dir.path()).len(), 1);
    }
}

// ---------------------------------------------------------------------------------------------
// Deleting listed items and objectives keeps every finding placed in an option pointing at the
// item it was raised from (or at none, once that item is gone).

#[derive(Debug, Clone)]
enum Removal {
    Document(usize),
    Objective(usize),
}

fn removals() -> impl Strategy<Value = Vec<Removal>> {
    prop::collection::vec(
        prop_oneof![
            (0usize..8).prop_map(Removal::Document),
            (0usize..8).prop_map(Removal::Objective),
        ],
        1..10,
    )
}

proptest! {
    #[test]
    fn findings_placed_in_options_follow_their_items_through_deletions(
        docs in 1usize..7, objs in 1usize..7, placed in prop::collection::vec(any::<bool>(), 14), steps in removals()
    ) {
        use tthc_review::model::{Edit, TextList};
        let t = tthc_review::templates::Templates::embedded();
        let q = t
            .form
            .questions()
            .find(|(_, _, q)| q.per_item == Some(tthc_review::templates::ItemList::Documents))
            .map(|(_, _, q)| q.id.clone())
            .unwrap();
        let mut r = Review { schema_version: 1, ..Default::default() };
        r.options.push(SimplOption::default());
        for (k, &is_placed) in placed.iter().enumerate().take(docs) {
            r.tthc.documents.push(Document { name: format!("GT{k}"), copies: 1, ..Default::default() });
            if is_placed {
                r.options[0].content.push(ContentLine {
                    change: format!("GT{k}"),
                    from_answer: Some(item_key(&q, k)),
                    ..Default::default()
                });
            }
        }
        for k in 0..objs {
            r.objectives.push(Objective { text: format!("MT{k}"), ..Default::default() });
            if placed[7 + k] {
                r.options[0].content.push(ContentLine {
                    change: format!("MT{k}"),
                    from_answer: Some(objective_key(k)),
                    ..Default::default()
                });
            }
        }
        for s in &steps {
            let e = match *s {
                Removal::Document(i) => Edit::RemoveListItem { list: TextList::Documents, index: i },
                Removal::Objective(i) => Edit::RemoveObjective(i),
            };
            r.apply(&e, &t);
        }
        for line in &r.options[0].content {
            let Some(key) = &line.from_answer else {
                // Unlinked only when its item is gone.
                prop_assert!(!r.tthc.documents.iter().any(|d| d.name == line.change));
                prop_assert!(!r.objectives.iter().any(|o| o.text == line.change));
                continue;
            };
            let (qid, n) = key.split_once('#').unwrap();
            let i: usize = n.parse::<usize>().unwrap() - 1;
            let name = if qid == q {
                r.tthc.documents.get(i).map(|d| d.name.clone())
            } else {
                r.objectives.get(i).map(|o| o.text.clone())
            };
            prop_assert_eq!(name.as_deref(), Some(line.change.as_str()), "{}", key);
        }
    }
}
