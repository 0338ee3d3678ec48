//! `tthc-review import-tthc FILE -o NEW.ron [--force]` and `--into EXISTING.ron [--take ...]`.

use crate::console::{say, tell};
use crate::storage::{load_review, save_review};
use crate::templates::Templates;
use std::path::Path;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// A new review from the portal's export; nothing is written when the file is not one.
pub fn import(t: &Templates, file: &Path, output: &Path, force: bool) -> Result<(), u8> {
    if output.extension().and_then(|e| e.to_str()) != Some("ron")
        || output.to_string_lossy().ends_with(crate::plan::PLAN_SUFFIX)
    {
        tell!("{}: bản rà soát mới phải có đuôi .ron", output.display());
        return Err(1);
    }
    if output.exists() && !force {
        tell!(
            "{}: đã có; thêm --force để ghi đè, hoặc dùng --into để cập nhật bản rà soát đó",
            output.display()
        );
        return Err(1);
    }
    let rec = crate::portal::read(file).map_err(|e| {
        tell!("{e}");
        1u8
    })?;
    let name = crate::storage::file_name(file);
    let review = crate::portal::new_review(t, &rec, &name, today());
    save_review(output, &review).map_err(|e| {
        tell!("{e}");
        1u8
    })?;
    let r = &review.tthc;
    say!(
        "Đã tạo {}: {} (mã số {}); {} bước, {} giấy tờ, {} cách thức; tính chi phí theo «{}»; bảng chi phí hiện tại đề xuất {} dòng — hãy kiểm tra số giờ.",
        output.display(),
        r.name,
        r.code,
        r.steps.len(),
        r.documents.len(),
        r.channel_terms.len(),
        r.costed_channel.map_or("—".to_string(), |c| t
            .wording
            .get(channel_key(c))
            .to_string()),
        review.activities.len()
    );
    Ok(())
}

fn channel_key(c: crate::model::Channel) -> &'static str {
    match c {
        crate::model::Channel::TrucTiep => "channel.truc_tiep",
        crate::model::Channel::BuuChinh => "channel.buu_chinh",
        crate::model::Channel::TrucTuyen => "channel.truc_tuyen",
    }
}

/// A newer export into an existing review: the changed fields are listed; `take` ("all" or field
/// keys) says which to take. The reviewer's answers, tables and options are never touched.
pub fn refresh(file: &Path, into: &Path, take: &[String]) -> Result<(), u8> {
    let rec = crate::portal::read(file).map_err(|e| {
        tell!("{e}");
        1u8
    })?;
    let mut review = load_review(into).map_err(|e| {
        tell!("{e}");
        1u8
    })?;
    let incoming = crate::portal::record_of(
        &rec,
        &crate::storage::file_name(file),
        today(),
        review.tthc.costed_channel,
    );
    let changes = crate::portal::changes(&review.tthc, &incoming);
    if changes.is_empty() {
        say!(
            "{}: không có gì thay đổi so với {}",
            into.display(),
            file.display()
        );
        return Ok(());
    }
    for c in &changes {
        say!(
            "[{}] {}:\n  đang có: {}\n  trên Cổng: {}",
            c.key,
            c.label,
            c.old.replace('\n', " | "),
            c.new.replace('\n', " | ")
        );
    }
    let all = take.iter().any(|k| k == "all");
    let chosen: Vec<&crate::portal::FieldChange> = changes
        .iter()
        .filter(|c| all || take.iter().any(|k| k == c.key))
        .collect();
    if chosen.is_empty() {
        say!("Chưa lấy thay đổi nào: thêm --take all hoặc --take <mục> (ví dụ --take documents).");
        return Ok(());
    }
    for c in &chosen {
        crate::portal::take(&mut review.tthc, &incoming, c.key);
    }
    save_review(into, &review).map_err(|e| {
        tell!("{e}");
        1u8
    })?;
    say!(
        "Đã cập nhật {}: {} mục lấy theo Cổng, {} mục giữ như bản rà soát",
        into.display(),
        chosen.len(),
        changes.len() - chosen.len()
    );
    Ok(())
}
