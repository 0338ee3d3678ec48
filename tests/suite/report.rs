//! PDF reports: the text a reader sees (pdftotext), page count (pdfinfo), embedded subset fonts
//! (pdffonts). poppler-utils is installed by .ci/run.

use crate::common;
use common::*;
use std::fs;
use std::process::Command;
use tthc_review::model::*;
use tthc_review::report::{ReportSettings, compile_pdf, review_pdf};
use tthc_review::storage::{list_reviews, load_review, save_review};
use tthc_review::templates::Templates;

fn pages(pdf: &[u8]) -> usize {
    let info = poppler("pdfinfo", pdf, &[]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn single_review_has_the_annex_block_with_case_s_figures() {
    let t = Templates::embedded();
    let r = load_review(&examples_dir().join("xang-dau-cap-gcn-cua-hang.ron")).unwrap();
    let pdf = review_pdf(&t, &r).unwrap();
    let s = text(&pdf);
    for needle in [
        "PHƯƠNG ÁN ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH",
        "1. Thủ tục Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu (mã số 2.000648.000.00.00.H32)",
        "a) Nội dung đơn giản hóa",
        "b) Kiến nghị thực thi",
        "c) Lợi ích phương án đơn giản hóa",
        "Chi phí tuân thủ TTHC trước khi đơn giản hóa: 297.692.800 đồng/năm.",
        "Chi phí tuân thủ TTHC sau khi đơn giản hóa: 218.970.400 đồng/năm.",
        "Chi phí tiết kiệm: 78.722.400 đồng/năm.",
        "Tỷ lệ cắt giảm chi phí: 26,44 %.",
        "Lý do: Giảm chi phí chứng thực.",
        "Sửa đổi, bổ sung: khoản 2 Điều 25 Nghị định số 83/2014/NĐ-CP; cơ quan thực hiện: Chính phủ; thời hạn: Năm 2027.",
        // appendices: the form as answered and both cost tables
        "II. RÀ SOÁT, ĐÁNH GIÁ SỰ CẦN THIẾT CỦA THỦ TỤC HÀNH CHÍNH",
        "III. RÀ SOÁT, ĐÁNH GIÁ TÍNH HỢP LÝ CỦA THỦ TỤC HÀNH CHÍNH",
        "IV. RÀ SOÁT, ĐÁNH GIÁ TÍNH HỢP PHÁP CỦA THỦ TỤC HÀNH CHÍNH",
        "V. THÔNG TIN LIÊN HỆ",
        "988.464",
        "1.488.464",
        "594.852",
        "1.094.852",
        "Tổng chi phí tuân thủ/năm 297.692.800",
        "Tổng chi phí tuân thủ/năm 218.970.400",
    ] {
        assert_has(&s, needle);
    }
    assert!(pages(&pdf) >= 3);
}

#[test]
fn several_options_get_a_comparison_and_an_abolished_option_costs_zero() {
    let t = Templates::embedded();
    let r = load_review(&examples_dir().join("vlncn-cap-gcn-huan-luyen.ron")).unwrap();
    let s = text(&review_pdf(&t, &r).unwrap());
    assert_has(&s, "PHỤ LỤC III. SO SÁNH CÁC PHƯƠNG ÁN");
    assert_has(
        &s,
        "Phương án bãi bỏ: chi phí tuân thủ sau đơn giản hóa bằng 0 đồng.",
    );
    assert_has(&s, "Chi phí tiết kiệm: 89.996.800 đồng/năm.");
    assert_has(&s, "89.996.800 49.023.200 40.973.600 45,53 %");
    assert_has(
        &s,
        "(Không phải trả lời do TTHC được đánh giá là không cần thiết.)",
    );
}

#[test]
fn a_review_without_a_chosen_option_is_refused() {
    let t = Templates::embedded();
    let mut r = case_s();
    r.options.push(r.options[0].clone());
    for o in &mut r.options {
        o.chosen = false;
    }
    assert!(
        review_pdf(&t, &r)
            .unwrap_err()
            .to_string()
            .contains("chưa chọn phương án")
    );
}

#[test]
fn compiled_report_of_the_examples_has_the_right_totals() {
    let t = Templates::embedded();
    let items: Vec<_> = list_reviews(&examples_dir())
        .unwrap()
        .into_iter()
        .map(|(p, r)| (p, r.map_err(|e| e.to_string())))
        .collect();
    let c = compile_pdf(&t, &ReportSettings::default(), &items, &|_, _| {}).unwrap();
    assert_eq!(c.included, 3);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let s = text(&c.bytes);
    for needle in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "QUYẾT ĐỊNH",
        "Thông qua phương án đơn giản hóa 3 thủ tục hành chính",
        "Căn cứ Nghị định số 63/2010/NĐ-CP",
        "Điều 1.",
        "Điều 4.",
        "Nơi nhận:",
        "PHỤ LỤC",
        "I. LĨNH VỰC VẬT LIỆU NỔ CÔNG NGHIỆP",
        "II. LĨNH VỰC LƯU THÔNG HÀNG HÓA TRONG NƯỚC",
        "TỔNG HỢP CHI PHÍ TUÂN THỦ VÀ THỜI GIAN GIẢI QUYẾT",
        // per lĩnh vực: 89.996.800 + 8.887.200; 0 + 2.621.160; 96.262.840 / 98.884.000 = 97,35 %
        "Cộng lĩnh vực I 98.884.000 2.621.160 96.262.840 97,35 % 8 2",
        "Cộng lĩnh vực II 297.692.800 218.970.400 78.722.400 26,44 % 15 10",
        // overall: Σ tiết kiệm / Σ trước = 174.985.240 / 396.576.800
        "Tổng cộng 396.576.800 221.591.560 174.985.240 44,12 % 23 12",
        "cắt giảm 47,83 % (mục tiêu: tối thiểu 30 %; đạt mục tiêu)",
    ] {
        assert_has(&s, needle);
    }
}

fn generated(n: usize) -> Vec<(std::path::PathBuf, Result<Review, String>)> {
    let fields = [
        "Vật liệu nổ công nghiệp",
        "Lưu thông hàng hóa trong nước",
        "Điện",
        "Hóa chất",
        "An toàn thực phẩm",
    ];
    (0..n)
        .map(|i| {
            let mut r = case_s();
            r.tthc.code = format!("1.{i:06}.000.00.00.H32");
            r.tthc.name = format!("Thủ tục thử nghiệm số {} về cấp giấy chứng nhận đủ điều kiện kinh doanh", i + 1);
            r.tthc.field = fields[i % fields.len()].to_string();
            r.subjects = fig(&format!("{}", 10 + i));
            r.options[0].content.push(ContentLine {
                component: Some(Component::CachThuc),
                change: "Cho phép nộp hồ sơ trực tuyến toàn trình và nhận kết quả qua dịch vụ bưu chính công ích.".into(),
                reason: "Giảm thời gian, chi phí đi lại của cá nhân, tổ chức.".into(),
                from_answer: None,
            });
            (std::path::PathBuf::from(format!("r{i}.ron")), Ok(r))
        })
        .collect()
}

#[test]
fn compile_of_200_generated_reviews_is_a_valid_pdf_with_subset_fonts() {
    let t = Templates::embedded();
    let items = generated(200);
    let c = compile_pdf(&t, &ReportSettings::default(), &items, &|_, _| {}).unwrap();
    assert_eq!(c.included, 200);
    let n = pages(&c.bytes);
    assert!(n > 20, "{n} pages");
    let fonts = poppler("pdffonts", &c.bytes, &[]);
    let serif: Vec<&str> = fonts
        .lines()
        .filter(|l| l.contains("LiberationSerif"))
        .collect();
    assert!(!serif.is_empty(), "{fonts}");
    for l in &serif {
        // a subset font is named ABCDEF+Name and reported emb yes, sub yes, uni yes
        let name = l.split_whitespace().next().unwrap();
        assert!(name.len() > 7 && name.as_bytes()[6] == b'+', "{l}");
        assert!(l.contains("yes yes yes"), "{l}");
    }
    let s = text(&c.bytes);
    assert_has(&s, "Thủ tục thử nghiệm số 200 về cấp giấy chứng nhận");
    // The summary table runs over several pages and repeats its header on each.
    assert!(s.matches("Tên TTHC (phương án)").count() >= 2);
}

#[test]
fn the_cli_refuses_a_compile_with_errors_naming_each_file_then_compiles() {
    let dir = tempfile::tempdir().unwrap();
    for f in example_files() {
        fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    fs::write(dir.path().join("hong.ron"), "(schema_version: 1, tthc: (").unwrap();
    let mut none = case_s();
    none.options.push(none.options[0].clone());
    none.options.iter_mut().for_each(|o| o.chosen = false);
    save_review(&dir.path().join("chua-chon.ron"), &none).unwrap();
    let out = dir.path().join("tong-hop.pdf");
    let bin = env!("CARGO_BIN_EXE_tthc-review");
    let compile = || {
        Command::new(bin)
            .args([
                "compile",
                dir.path().to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ])
            .output()
            .unwrap()
    };
    let o = compile();
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(!o.status.success(), "{stderr}");
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("LỖI") && l.contains("hong.ron")),
        "{stderr}"
    );
    assert!(
        stderr.lines().any(|l| l.starts_with("LỖI")
            && l.contains("chua-chon.ron")
            && l.contains("chưa chọn")),
        "{stderr}"
    );
    assert!(!out.exists(), "a refused report writes nothing");

    fs::remove_file(dir.path().join("hong.ron")).unwrap();
    fs::remove_file(dir.path().join("chua-chon.ron")).unwrap();
    let o = compile();
    let stdout = String::from_utf8(o.stdout).unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout.contains("3 TTHC, 0 cảnh báo"), "{stdout}");
    assert_has(
        &text(&fs::read(&out).unwrap()),
        "Tổng cộng 396.576.800 221.591.560 174.985.240 44,12 %",
    );

    let single = dir.path().join("mot.pdf");
    let o = Command::new(bin)
        .args([
            "export",
            "saved-reviews/xang-dau-cap-gcn-cua-hang.ron",
            "-o",
            single.to_str().unwrap(),
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_has(
        &text(&fs::read(&single).unwrap()),
        "Tỷ lệ cắt giảm chi phí: 26,44 %.",
    );
}

#[test]
fn report_settings_come_from_a_file_and_errors_name_it() {
    let dir = tempfile::tempdir().unwrap();
    let custom = tthc_review::report::DEFAULT_SETTINGS
        .replace("TỈNH ……", "TỈNH HÀ NAM")
        .replace("\"30\"", "\"50\"");
    let p = dir.path().join("bao-cao.ron");
    fs::write(&p, custom).unwrap();
    let s = ReportSettings::load(&p).unwrap();
    assert_eq!(s.body_lower, "TỈNH HÀ NAM");
    let items = generated(3);
    let c = compile_pdf(&Templates::embedded(), &s, &items, &|_, _| {}).unwrap();
    let t = text(&c.bytes);
    assert_has(&t, "TỈNH HÀ NAM");
    assert_has(&t, "mục tiêu: tối thiểu 50 %; chưa đạt mục tiêu");

    let bad = dir.path().join("hong.ron");
    fs::write(&bad, "(body_upper: \"x\",\n  nonsense: 1)").unwrap();
    let e = ReportSettings::load(&bad).unwrap_err().to_string();
    assert!(e.contains("hong.ron") && e.contains("dòng 2"), "{e}");
}

#[test]
fn text_is_drawn_nfc_even_from_decomposed_input() {
    let t = Templates::embedded();
    let mut r = case_s();
    r.tthc.code = "X".into();
    r.tthc.name = "Thu\u{309} tu\u{323}c NFD".into(); // decomposed "Thủ tục"
    let s = text(&review_pdf(&t, &r).unwrap());
    assert_has(&s, "Thủ tục NFD");
}

#[test]
fn amounts_of_10_to_15_digits_are_never_broken_across_lines() {
    use tthc_review::cost::format::money;
    let t = Templates::embedded();
    // A province's scale: hundreds of millions of filings a year, costly activities.
    let mut items = Vec::new();
    for k in 0..12u32 {
        let mut r = case_s();
        r.tthc.name = format!("Thủ tục quy mô lớn số {}", k + 1);
        r.tthc.code = format!("1.{:06}.000.00.00.H{k:02}", 900_000 + k);
        r.tthc.field = if k % 2 == 0 { "Điện" } else { "Hóa chất" }.into();
        r.subjects = fig(&format!("{}", 150_000_000 + 37_000_003 * k));
        r.activities[0].other = fig("98765432");
        r.activities[1].service = fig("123456789");
        r.options[0].content.push(ContentLine {
            change: "Cho phép nộp hồ sơ trực tuyến".into(),
            ..Default::default()
        });
        items.push((std::path::PathBuf::from(format!("{k}.ron")), Ok(r)));
    }
    let c = compile_pdf(&t, &ReportSettings::default(), &items, &|_, _| {}).unwrap();
    let s = text(&c.bytes);
    let digits = |v: rust_decimal::Decimal| money(v).chars().filter(|c| c.is_ascii_digit()).count();
    assert!(digits(c.totals.before) >= 15, "{}", money(c.totals.before));
    for total in [c.totals.before, c.totals.after, c.totals.saving] {
        assert_has(&s, &money(total));
    }
    for (_, r) in &items {
        let cost = tthc_review::cost::review_cost(r.as_ref().unwrap()).unwrap();
        let res = &cost.options[0].as_ref().unwrap().result;
        assert!(digits(res.before) >= 13);
        assert_has(&s, &money(res.before));
        assert_has(&s, &money(res.after));
        assert_has(&s, &money(res.saving));
    }
    // The single review's cost tables too: 8–9 digit cells, 15-digit totals.
    let r = items[11].1.as_ref().unwrap();
    let s = text(&review_pdf(&t, r).unwrap());
    let cost = tthc_review::cost::review_cost(r).unwrap();
    for v in [cost.current.per_year, cost.current.execution] {
        assert_has(&s, &money(v));
    }
    assert_has(&s, "98.765.432");
    assert_has(&s, "123.456.789");
}

// ---------- Measured against 2024 (Nghị quyết 66/NQ-CP) ----------

/// The xăng dầu review of 2024 and the same TTHC re-reviewed in 2026: its current table is the
/// 2024 option's result (10 working days), its baseline copied from the 2024 file, and a new
/// option cuts further (fewer hours, 5 days).
fn reviewed_again_in_2026() -> (Review, Review) {
    let r2024 = load_review(&examples_dir().join("xang-dau-cap-gcn-cua-hang.ron")).unwrap();
    let mut r = r2024.clone();
    r.tracking = vec![StageChange {
        stage: Stage::Completed,
        date: chrono::NaiveDate::from_ymd_opt(2026, 6, 20).unwrap(),
        note: String::new(),
    }];
    r.business = true;
    r.baseline = Some(
        tthc_review::measures::baseline_from_review(&r2024, "xang-dau-2024.ron", 2024).unwrap(),
    );
    let done_in_2025 = r2024.options[0].clone();
    r.activities = done_in_2025.activities.clone();
    r.tthc.time_limit.days = fig("10");
    let mut next = done_in_2025;
    next.name = "Phương án 2026".into();
    for a in &mut next.activities {
        a.hours = fig(&(a.hours.value / d("2")).to_string());
    }
    next.time_limit_days = Some(fig("5"));
    next.kind = OptionKind::PhanCap;
    next.decentralisation = Some(Decentralisation {
        from_body: "Sở Công Thương".into(),
        to_body: "UBND cấp xã".into(),
        text: "khoản 3 Điều 8 Nghị định số 83/2014/NĐ-CP".into(),
        decided_by: "Chính phủ".into(),
    });
    r.options = vec![next];
    r.options[0].chosen = true;
    r.business_conditions = vec![
        BusinessCondition {
            text: "Có cửa hàng diện tích tối thiểu".into(),
            basis: "khoản 2 Điều 25 Nghị định số 83/2014/NĐ-CP".into(),
            fate: ConditionFate::BaiBo,
            reason: "Không cần thiết".into(),
        },
        BusinessCondition {
            text: "Nhân viên được huấn luyện phòng cháy".into(),
            basis: String::new(),
            fate: ConditionFate::SuaDoi,
            reason: "Thay bằng cam kết".into(),
        },
        BusinessCondition {
            text: "Có kho chứa đạt chuẩn".into(),
            ..Default::default()
        },
    ];
    (r2024, r)
}

/// (before − after) × 100 ÷ before to two decimals, half away from zero, in whole numbers.
fn cut_percent(before: i128, after: i128) -> String {
    let x = (before - after) * 100_000 / before; // three decimals, truncated
    let r = (x + 5 * x.signum()) / 10;
    format!("{},{:02}", r / 100, (r % 100).abs())
}

#[test]
fn a_2024_tthc_reviewed_again_in_2026_is_measured_against_its_baseline() {
    let (_, r) = reviewed_again_in_2026();
    let dir = tempfile::tempdir().unwrap();
    let reviews = dir.path().join("saved-reviews");
    fs::create_dir(&reviews).unwrap();
    save_review(&reviews.join("xang-dau-2026.ron"), &r).unwrap();
    // The new option's yearly cost, from the engine; the cut against 2024 recomputed here.
    let cost = tthc_review::cost::review_cost(&r).unwrap();
    let after = cost.options[0].as_ref().unwrap().result.after;
    let after_i: i128 = after.to_string().parse().unwrap();
    let want_cost = cut_percent(297_692_800, after_i);
    let want_time = cut_percent(15, 5);
    assert_eq!(want_time, "66,67");
    // calc --json through the real binary from a relative folder.
    let out = Command::new(env!("CARGO_BIN_EXE_tthc-review"))
        .args(["calc", "saved-reviews/xang-dau-2026.ron", "--json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["business"], true);
    assert_eq!(v["baseline"]["year"], 2024);
    assert_eq!(v["baseline"]["cost"], 297_692_800);
    assert_eq!(v["baseline"]["days"], 15.0);
    assert_eq!(v["baseline"]["source"], "earlier_review");
    let a = &v["against_baseline"];
    assert_eq!(a["year"], 2026);
    assert_eq!(
        a["cost_cut_percent"]["percent_text"],
        format!("{want_cost} %")
    );
    assert_eq!(a["cost_cut_percent"]["target"], 50.0);
    assert_eq!(a["time_cut_percent"]["percent_text"], "66,67 %");
    assert_eq!(a["time_cut_percent"]["met"], true);
    assert_eq!(
        v["conditions"],
        serde_json::json!({"total": 3, "abolished": 1, "amended": 1, "kept": 1})
    );
    // The compiled decision prints the measures, the counts and the phân cấp table.
    let out = Command::new(env!("CARGO_BIN_EXE_tthc-review"))
        .args(["compile", "saved-reviews", "-o", "qd.pdf"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = text(&fs::read(dir.path().join("qd.pdf")).unwrap());
    let cost_met = if want_cost.replace(',', ".").parse::<f64>().unwrap() >= 50.0 {
        "đạt"
    } else {
        "chưa đạt"
    };
    for needle in [
        format!("So với năm 2024 (mục tiêu năm 2026): chi phí tuân thủ giảm {want_cost} % (mục tiêu 50 %: {cost_met}); thời hạn giải quyết giảm 66,67 % (mục tiêu 50 %: đạt)."),
        "KẾT QUẢ CẮT GIẢM SO VỚI NĂM 2024".to_string(),
        "có phương án cắt giảm: 1/1 TTHC; điều kiện kinh doanh cắt giảm, đơn giản hóa: 2/3 điều kiện.".to_string(),
        "ĐỀ XUẤT PHÂN CẤP, PHÂN QUYỀN, PHÂN ĐỊNH THẨM QUYỀN".to_string(),
        "Sở Công Thương UBND cấp xã".to_string(),
        "Phân cấp, phân quyền: từ Sở Công Thương sang UBND cấp xã; văn bản cần sửa đổi: khoản 3 Điều 8 Nghị định số 83/2014/NĐ-CP; cơ quan có thẩm quyền sửa đổi: Chính phủ.".to_string(),
        "Điều kiện kinh doanh: 3 điều kiện; bãi bỏ 1, sửa đổi 1, giữ 1.".to_string(),
    ] {
        assert_has(&s, &needle);
    }
    // An old file without any of it computes and prints as before (no new lines).
    let old = load_review(&examples_dir().join("xang-dau-cap-gcn-cua-hang.ron")).unwrap();
    let s = text(&review_pdf(&Templates::embedded(), &old).unwrap());
    assert!(!s.contains("So với năm 2024"));
    assert!(!s.contains("Điều kiện kinh doanh:"));
}

#[test]
fn internal_procedures_get_their_own_approval_decision_and_are_never_mixed() {
    let dir = tempfile::tempdir().unwrap();
    let reviews = dir.path().join("saved-reviews");
    fs::create_dir(&reviews).unwrap();
    for f in [
        "vlncn-cap-gcn-huan-luyen.ron",
        "xang-dau-cap-gcn-cua-hang.ron",
    ] {
        let mut r = load_review(&examples_dir().join(f)).unwrap();
        r.kind = ProcedureKind::NoiBoGiuaCoQuan;
        save_review(&reviews.join(f), &r).unwrap();
    }
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_tthc-review"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let out = run(&["compile", "saved-reviews", "-o", "qd-noi-bo.pdf"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = text(&fs::read(dir.path().join("qd-noi-bo.pdf")).unwrap());
    for needle in [
        "Phê duyệt phương án đơn giản hóa 2 thủ tục hành chính nội bộ thuộc phạm vi chức năng quản lý nhà nước của Sở Công Thương",
        "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15",
        "Căn cứ Nghị quyết số 66/NQ-CP",
        "Căn cứ Quyết định số 1085/QĐ-TTg",
        "PHƯƠNG ÁN ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH NỘI BỘ",
        "Điều 1. Phê duyệt phương án",
    ] {
        assert_has(&s, needle);
    }
    assert!(
        !s.contains("63/2010/NĐ-CP") && !s.contains("02/2017/TT-VPCP"),
        "{s}"
    );
    // One TTHC among them: refused, naming the internal files.
    fs::copy(
        examples_dir().join("vlncn-cap-lai-gcn-huan-luyen.ron"),
        reviews.join("vlncn-cap-lai-gcn-huan-luyen.ron"),
    )
    .unwrap();
    let out = run(&["compile", "saved-reviews", "-o", "qd-tron.pdf"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("báo cáo gồm cả TTHC và 2 TTHC nội bộ") && err.contains("quyết định riêng"),
        "{err}"
    );
    assert!(!dir.path().join("qd-tron.pdf").exists());
}

#[test]
fn plan_status_counts_the_measures_as_the_government_reports_them() {
    let (_, r) = reviewed_again_in_2026();
    let dir = tempfile::tempdir().unwrap();
    let reviews = dir.path().join("saved-reviews");
    fs::create_dir(&reviews).unwrap();
    save_review(&reviews.join("xang-dau-2026.ron"), &r).unwrap();
    // A second business TTHC without any cut yet, and a plan of 2026 for both.
    let mut other = load_review(&examples_dir().join("vlncn-cap-gcn-huan-luyen.ron")).unwrap();
    other.business = true;
    other.options.clear();
    save_review(&reviews.join("vlncn.ron"), &other).unwrap();
    let plan = fs::read_to_string(examples_dir().join("ke-hoach-2024.plan.ron"))
        .unwrap()
        .replace("year: 2024", "year: 2026")
        .replace("\"2024-", "\"2026-");
    fs::write(reviews.join("ke-hoach-2026.plan.ron"), plan).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tthc-review"))
        .args([
            "plan",
            "status",
            "saved-reviews",
            "--json",
            "--today",
            "2026-07-01",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let m = &v["totals"]["measures"];
    assert_eq!(m["business_text"], "1/2 TTHC", "{m}");
    assert_eq!(m["conditions_text"], "2/3 ĐKKD");
    assert_eq!(m["with_baseline"], 1);
    assert_eq!(m["baseline_cost"], 297_692_800);
    assert_eq!(m["time_cut"]["percent_text"], "66,67 %");
    assert_eq!(m["time_cut"]["target"], 50.0);
    assert_eq!(m["time_cut"]["met"], true);
    assert_eq!(m["conditions_cut_percent"]["percent_text"], "66,67 %");
    assert_eq!(
        m["conditions_cut_percent"]["met"], false,
        "the 2026 target is 100 %"
    );
    // Per room: the xăng dầu row is the trade room's, the other the industry room's.
    let groups = v["groups"].as_array().unwrap();
    let trade = groups
        .iter()
        .find(|g| g["lead"].as_str().unwrap().contains("Thương mại"))
        .unwrap();
    assert_eq!(trade["measures"]["business_text"], "1/1 TTHC");
    let industry = groups
        .iter()
        .find(|g| g["lead"].as_str().unwrap().contains("Công nghiệp"))
        .unwrap();
    assert_eq!(industry["measures"]["business_text"], "0/1 TTHC");
}

#[test]
fn an_old_cap_huyen_file_opens_unchanged_and_the_checks_say_it() {
    let dir = tempfile::tempdir().unwrap();
    // A file as an older version wrote it: no measures, "Cấp huyện".
    let text = fs::read_to_string(examples_dir().join("vlncn-cap-lai-gcn-huan-luyen.ron"))
        .unwrap()
        .replace("print_note: true,\n", "")
        .replace("level: \"Cấp tỉnh\"", "level: \"Cấp huyện\"");
    assert!(text.contains("Cấp huyện"));
    let p = dir.path().join("cu.ron");
    fs::write(&p, &text).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_tthc-review"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let out = run(&["check", "cu.ron"]);
    let said =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("cấp thực hiện «Cấp huyện»: chính quyền cấp huyện kết thúc từ 01/7/2025"),
        "{said}"
    );
    let out = run(&["calc", "cu.ron", "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["business"], false);
    assert!(v["baseline"].is_null() && v["against_baseline"].is_null());
    assert_eq!(v["chosen"]["after"], 2_621_160);
    assert_eq!(
        fs::read_to_string(&p).unwrap(),
        text,
        "opened, never rewritten"
    );
    // A letterhead that names a province merged on 1/7/2025 is a warning before the report.
    let mut s = ReportSettings::default();
    s.body_lower = "TỈNH QUẢNG NAM".into();
    fs::create_dir(dir.path().join("cfg")).unwrap();
    fs::write(dir.path().join("cfg/tl.ron"), s.to_ron()).unwrap();
    let out = run(&["compile", ".", "-o", "qd.pdf", "--settings", "cfg/tl.ron"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("tỉnh Quảng Nam đã hợp nhất vào Đà Nẵng từ 01/7/2025"),
        "{said}"
    );
}

#[test]
fn the_date_line_takes_the_seat_of_the_province_once_the_office_writes_it() {
    let mut t = Templates::embedded();
    let items = example_items();
    let mut s = ReportSettings::default();
    s.body_lower = "TỈNH ĐỒNG NAI".into();
    let c = compile_pdf(&t, &s, &items, &|_, _| {}).unwrap();
    assert_has(&text(&c.bytes), "……, ngày …… tháng …… năm 2024");
    t.government
        .provinces
        .iter_mut()
        .find(|p| p.name == "Đồng Nai")
        .unwrap()
        .seat = "Biên Hòa".into();
    let c = compile_pdf(&t, &s, &items, &|_, _| {}).unwrap();
    assert_has(&text(&c.bytes), "Biên Hòa, ngày …… tháng …… năm 2024");
}

#[test]
fn the_benefit_states_the_time_cut_when_the_option_changes_it() {
    let t = Templates::embedded();
    let r = load_review(&examples_dir().join("xang-dau-cap-gcn-cua-hang.ron")).unwrap();
    let s = text(&review_pdf(&t, &r).unwrap());
    assert_has(
        &s,
        "- Thời hạn giải quyết: trước 15 ngày làm việc, sau 10 ngày làm việc; cắt giảm 33,33 %.",
    );
    // An option that keeps the thời hạn says nothing of it.
    let lai = load_review(&examples_dir().join("vlncn-cap-lai-gcn-huan-luyen.ron")).unwrap();
    let cost = tthc_review::cost::review_cost(&lai).unwrap();
    let res = cost.chosen_result().unwrap();
    let s = text(&review_pdf(&t, &lai).unwrap());
    assert_eq!(
        s.contains("- Thời hạn giải quyết: trước"),
        res.days_after != res.days_before
    );
}

#[test]
fn a_settings_file_that_is_a_fifo_or_a_device_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let reviews = dir.path().join("saved-reviews");
    fs::create_dir(&reviews).unwrap();
    fs::copy(
        examples_dir().join("xang-dau-cap-gcn-cua-hang.ron"),
        reviews.join("xang-dau-cap-gcn-cua-hang.ron"),
    )
    .unwrap();
    let fifo = dir.path().join("thiet-lap.ron");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let mut cases = vec![(
        "/dev/zero".to_string(),
        "không phải tệp thông thường (thiết bị)",
    )];
    if made.is_ok_and(|s| s.success()) {
        cases.push((
            "thiet-lap.ron".to_string(),
            "không phải tệp thông thường (đường ống FIFO)",
        ));
    } else {
        eprintln!("skipped: the FIFO case needs mkfifo");
    }
    for (settings, want) in cases {
        let started = std::time::Instant::now();
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "ulimit -v 1048576; exec timeout 20 '{}' compile saved-reviews -o qd.pdf --settings {settings}",
                env!("CARGO_BIN_EXE_tthc-review")
            ))
            .current_dir(dir.path())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{settings}: {err}");
        assert!(
            err.contains(&settings) && err.contains(want),
            "{settings}: {err}"
        );
        assert!(started.elapsed().as_secs() < 10, "refused at once");
        assert!(!dir.path().join("qd.pdf").exists());
    }
}
