//! Templates are data: embedded defaults valid, errors name file/line/column, answers kept by id.

use std::fs;
use tthc_review::model::{Answer, Answers};
use tthc_review::templates::*;

const FILES: [&str; 4] = [FORM_FILE, PRESETS_FILE, OPTION_KINDS_FILE, WORDING_FILE];

fn shipped(name: &str) -> String {
    fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/templates")
            .join(name),
    )
    .unwrap()
}

fn with_replaced(name: &str, text: &str) -> Result<Templates, TemplateError> {
    let dir = tempfile::tempdir().unwrap();
    for f in FILES {
        fs::write(
            dir.path().join(f),
            if f == name {
                text.to_string()
            } else {
                shipped(f)
            },
        )
        .unwrap();
    }
    Templates::load_dir(dir.path())
}

#[test]
fn embedded_templates_are_valid_and_complete() {
    let t = Templates::embedded();
    let ids: Vec<&str> = t.form.questions().map(|(_, _, q)| q.id.as_str()).collect();
    assert!(ids.len() >= 30, "{}", ids.len());
    assert!(t.form.questions().all(|(_, _, q)| !q.source.is_empty()));
    assert!(
        t.form
            .questions()
            .any(|(_, _, q)| q.source.contains("63/2010"))
    );
    assert_eq!(
        t.kind_label(tthc_review::model::OptionKind::BaiBo),
        "Bãi bỏ, hủy bỏ"
    );
    assert_eq!(
        t.presets
            .incomes
            .iter()
            .find(|i| i.year == 2023)
            .unwrap()
            .hourly
            .to_string(),
        "48248"
    );
    assert_eq!(
        t.wording.fill(
            "annex.cost_saving",
            &[
                ("amount", "78.722.400"),
                ("unit", "đồng/năm"),
                ("words", "")
            ]
        ),
        "Chi phí tiết kiệm: 78.722.400 đồng/năm."
    );
}

#[test]
fn the_folder_on_disk_matches_the_embedded_copy() {
    let t = Templates::load_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/templates"),
    )
    .unwrap();
    assert_eq!(
        t.form.questions().count(),
        Templates::embedded().form.questions().count()
    );
}

#[test]
fn malformed_template_names_file_line_and_column() {
    let broken = shipped(FORM_FILE).replacen("components: {", "components: {{", 1);
    let e = with_replaced(FORM_FILE, &broken).unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("form.ron"), "{msg}");
    assert!(e.line.is_some() && e.col.is_some(), "{msg}");
    assert!(msg.contains("dòng"), "{msg}");
}

#[test]
fn validation_errors_say_what_is_wrong() {
    let dup = shipped(FORM_FILE).replace("id: \"hl.ten.ro_rang\"", "id: \"ct.ket_luan\"");
    let msg = with_replaced(FORM_FILE, &dup).unwrap_err().to_string();
    assert!(
        msg.contains("form.ron") && msg.contains("ct.ket_luan") && msg.contains("lặp lại"),
        "{msg}"
    );

    // The liên thông question shows only after "co" to the one before it.
    let lien_thong = "any_of: [\"co\"])),\n              finding: [\"co\"],\n              proposal: Some(\"Áp dụng cơ chế liên thông";
    assert_eq!(shipped(FORM_FILE).matches(lien_thong).count(), 1);
    let bad_show_if = shipped(FORM_FILE).replace(
        lien_thong,
        &lien_thong.replace("[\"co\"]))", "[\"co_lam\"]))"),
    );
    let msg = with_replaced(FORM_FILE, &bad_show_if)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("co_lam"), "{msg}");

    let wrong_rate = shipped(PRESETS_FILE).replace("hourly: \"48248\"", "hourly: \"48000\"");
    let msg = with_replaced(PRESETS_FILE, &wrong_rate)
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("presets.ron") && msg.contains("2023") && msg.contains("48248"),
        "{msg}"
    );

    let no_kind = shipped(OPTION_KINDS_FILE)
        .lines()
        .filter(|l| !l.contains("giu_nguyen"))
        .collect::<Vec<_>>()
        .join("\n");
    let msg = with_replaced(OPTION_KINDS_FILE, &no_kind)
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("option_kinds.ron") && msg.contains("giu_nguyen"),
        "{msg}"
    );

    let lost_placeholder = shipped(WORDING_FILE).replace(
        "{amount} {unit}{words}.\",\n  \"annex.cost_after\"",
        "{unit}{words}.\",\n  \"annex.cost_after\"",
    );
    let msg = with_replaced(WORDING_FILE, &lost_placeholder)
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("annex.cost_before") && msg.contains("{amount}"),
        "{msg}"
    );
}

#[test]
fn rewording_keeps_answers_and_a_removed_question_is_reported_not_dropped() {
    let reworded = shipped(FORM_FILE).replace(
        "Tên thủ tục hành chính có rõ ràng, cụ thể, ngắn gọn",
        "Tên gọi của thủ tục có rõ ràng, cụ thể, ngắn gọn",
    );
    let t = with_replaced(FORM_FILE, &reworded).unwrap();
    let mut answers = Answers::new();
    answers.insert("hl.ten.ro_rang".into(), Answer::choice("khong"));
    answers.insert("hl.bo_cau_nay".into(), Answer::choice("co"));
    assert_eq!(
        t.form
            .question("hl.ten.ro_rang")
            .unwrap()
            .text
            .split(',')
            .next()
            .unwrap(),
        "Tên gọi của thủ tục có rõ ràng"
    );
    assert_eq!(t.form.orphan_answers(&answers), vec!["hl.bo_cau_nay"]);
    let findings = t.form.findings(&answers);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].component, tthc_review::model::Component::Ten);
}

#[test]
fn the_gate_skips_reasonableness_and_legality() {
    let t = Templates::embedded();
    let mut a = Answers::new();
    let hop_ly = t.form.section(Criterion::HopLy).unwrap();
    assert!(!t.form.section_skipped(hop_ly, &a));
    a.insert("ct.ket_luan".into(), Answer::choice("khong"));
    assert!(t.form.section_skipped(hop_ly, &a));
    assert!(
        !t.form
            .section_skipped(t.form.section(Criterion::CanThiet).unwrap(), &a)
    );
}

#[test]
fn follow_up_questions_open_only_for_their_answer() {
    let t = Templates::embedded();
    let q = t.form.question("hl.thoi_han.rut_ngan").unwrap();
    let mut a = Answers::new();
    assert!(!t.form.is_visible(q, &a, None));
    a.insert("hl.thoi_han.quy_dinh".into(), Answer::choice("khong"));
    assert!(!t.form.is_visible(q, &a, None));
    a.insert("hl.thoi_han.quy_dinh".into(), Answer::choice("co"));
    assert!(t.form.is_visible(q, &a, None));
}
