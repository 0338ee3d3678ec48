//! Checks before a report: one function for the GUI and the CLI (no egui here).
//!
//! Errors make the report's figures wrong and stop it: a review that does not load or cannot be
//! costed, no chosen option, an empty "after" table that is not bãi bỏ, missing figures, the same
//! TTHC twice, thời hạn in two different units. Warnings leave the figures right but the paper
//! incomplete: unanswered questions, an option with no content line or no kiến nghị thực thi, an
//! option that raises the cost, zero subjects, an outdated hourly income, characters the report
//! font cannot draw. The user may go on past warnings, never past errors.

use crate::cost::format::money;
use crate::cost::{CostError, review_cost};
use crate::model::{DayKind, Review, tthc_key};
use crate::progress::{Step, progress};
use crate::storage::ReviewSet;
use crate::templates::Templates;
use rust_decimal::Decimal;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One thing to tell the user before a report, with where to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// The review file it concerns (none for the review open in the editor).
    pub file: Option<PathBuf>,
    /// The step of the review where it is fixed.
    pub step: Option<Step>,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tag = match self.severity {
            Severity::Error => "LỖI",
            Severity::Warning => "CẢNH BÁO",
        };
        match &self.file {
            Some(p) => write!(f, "{tag} {}: {}", p.display(), self.message),
            None => write!(f, "{tag}: {}", self.message),
        }
    }
}

pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

pub fn count(findings: &[Finding], s: Severity) -> usize {
    findings.iter().filter(|f| f.severity == s).count()
}

struct Out<'a> {
    list: &'a mut Vec<Finding>,
    file: Option<&'a Path>,
}

impl Out<'_> {
    fn push(&mut self, severity: Severity, step: Option<Step>, message: String) {
        self.list.push(Finding {
            severity,
            file: self.file.map(Path::to_path_buf),
            step,
            message,
        });
    }
    fn error(&mut self, step: Step, message: impl Into<String>) {
        self.push(Severity::Error, Some(step), message.into());
    }
    fn warn(&mut self, step: Step, message: impl Into<String>) {
        self.push(Severity::Warning, Some(step), message.into());
    }
}

fn step_label(s: Step) -> &'static str {
    match s {
        Step::Record => "bước 1. Thông tin TTHC",
        Step::Necessity => "bước 2. Sự cần thiết",
        Step::Reasonableness => "bước 3. Tính hợp lý",
        Step::Legality => "bước 4. Tính hợp pháp",
        Step::CurrentCost => "bước 5. Chi phí hiện tại",
        Step::Options => "bước 6. Phương án",
        Step::Compare => "bước 7. So sánh",
    }
}

/// The texts of a review that reach paper, each with the name of its field.
fn printed_texts(r: &Review) -> Vec<(String, &str)> {
    let t = &r.tthc;
    let mut v: Vec<(String, &str)> = vec![
        ("Mã số TTHC".into(), t.code.as_str()),
        ("Tên TTHC".into(), t.name.as_str()),
        ("Lĩnh vực".into(), t.field.as_str()),
        ("Cấp thực hiện".into(), t.level.as_str()),
        ("Cơ quan giải quyết".into(), t.agency.as_str()),
        ("Căn cứ thu phí".into(), t.fee.basis.as_str()),
        ("Kết quả".into(), t.result.name.as_str()),
        (
            "Thời hạn hiệu lực của kết quả".into(),
            t.result.validity.as_str(),
        ),
        ("Cơ quan rà soát".into(), r.reviewer.agency.as_str()),
        ("Phòng".into(), r.reviewer.room.as_str()),
        ("Người rà soát".into(), r.reviewer.name.as_str()),
        ("Ghi chú".into(), r.note.as_str()),
    ];
    let lists: [(&str, &Vec<String>); 4] = [
        ("Trình tự thực hiện", &t.steps),
        ("Mẫu đơn, tờ khai", &t.forms),
        ("Yêu cầu, điều kiện", &t.conditions),
        ("Căn cứ pháp lý", &t.legal_basis),
    ];
    for (label, list) in lists {
        for (i, s) in list.iter().enumerate() {
            v.push((format!("{label}, mục {}", i + 1), s.as_str()));
        }
    }
    for (i, d) in t.documents.iter().enumerate() {
        v.push((format!("Thành phần hồ sơ, mục {}", i + 1), d.name.as_str()));
    }
    for (i, o) in r.objectives.iter().enumerate() {
        let n = i + 1;
        v.push((format!("Mục tiêu {n}"), o.text.as_str()));
        v.push((
            format!("Mục tiêu {n}, lý do (thay đổi)"),
            o.changed.reason.as_str(),
        ));
        v.push((
            format!("Mục tiêu {n}, lý do (đáp ứng)"),
            o.met.reason.as_str(),
        ));
    }
    for (k, a) in &r.answers {
        v.push((format!("Câu trả lời «{k}»"), a.text.as_str()));
        v.push((format!("Lý do của câu trả lời «{k}»"), a.reason.as_str()));
    }
    for (i, o) in r.options.iter().enumerate() {
        let p = format!("Phương án {}", i + 1);
        v.push((format!("{p}, tên"), o.name.as_str()));
        for (j, c) in o.content.iter().enumerate() {
            v.push((format!("{p}, nội dung {}", j + 1), c.change.as_str()));
            v.push((format!("{p}, lý do {}", j + 1), c.reason.as_str()));
        }
        for (j, l) in o.implementation.iter().enumerate() {
            let q = format!("{p}, kiến nghị thực thi {}", j + 1);
            v.push((q.clone(), l.document.as_str()));
            v.push((q.clone(), l.article.as_str()));
            v.push((q.clone(), l.action.as_str()));
            v.push((q, l.deadline.as_str()));
        }
        for (j, a) in o.activities.iter().enumerate() {
            v.push((format!("{p}, hoạt động {}", j + 1), a.name.as_str()));
        }
    }
    for (j, a) in r.activities.iter().enumerate() {
        v.push((
            format!("Bảng chi phí hiện tại, hoạt động {}", j + 1),
            a.name.as_str(),
        ));
    }
    v
}

fn step_of_text(label: &str) -> Step {
    if label.starts_with("Phương án") {
        Step::Options
    } else if label.starts_with("Bảng chi phí") {
        Step::CurrentCost
    } else if label.starts_with("Mục tiêu") {
        Step::Necessity
    } else if label.starts_with("Câu trả lời") || label.starts_with("Lý do của") {
        Step::Reasonableness
    } else {
        Step::Record
    }
}

fn quote_chars(cs: &[char]) -> String {
    cs.iter()
        .map(|c| {
            if c.is_control() {
                format!("U+{:04X}", *c as u32)
            } else {
                format!("«{c}» (U+{:04X})", *c as u32)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn review_checks(t: &Templates, review: &Review, out: &mut Out) {
    let invalid = crate::progress::invalid_cells(review);
    for c in &invalid {
        out.error(
            c.step,
            format!(
                "ô «{}» chứa «{}», không phải số hợp lệ",
                c.what,
                crate::storage::quote(&c.text)
            ),
        );
    }
    if !invalid.is_empty() {
        return;
    }
    let cost = match review_cost(review) {
        Ok(c) => c,
        Err(e) => {
            out.error(Step::CurrentCost, format!("không tính được chi phí: {e}"));
            return;
        }
    };
    if review.activities.is_empty() {
        out.error(
            Step::CurrentCost,
            "bảng chi phí hiện tại chưa có hoạt động nào",
        );
    }
    let any_hours = review
        .activities
        .iter()
        .any(|a| a.hours.value > Decimal::ZERO);
    if any_hours && review.cost.hourly_income.value.is_zero() {
        out.error(
            Step::CurrentCost,
            "thu nhập bình quân/giờ bằng 0: chi phí thời gian sẽ bằng 0",
        );
    }
    let chosen = match review.chosen_index() {
        Some(i) => i,
        None if review.options.is_empty() => {
            out.error(Step::Options, "chưa có phương án đơn giản hóa nào");
            return;
        }
        None => {
            out.error(
                Step::Compare,
                format!(
                    "có {} phương án nhưng chưa chọn phương án nào cho báo cáo",
                    review.options.len()
                ),
            );
            return;
        }
    };
    // An option not chosen for the report that cannot be costed yet (no "after" table): the
    // report is right without it, the reviewer is told. `check` says the same.
    for (i, r) in cost.options.iter().enumerate() {
        if i != chosen
            && let Err(e) = r
        {
            out.warn(Step::Options, not_chosen_uncosted(review, i, e));
        }
    }
    let opt = &review.options[chosen];
    let label = format!("Phương án {} ({})", chosen + 1, t.kind_label(opt.kind));
    let oc = match &cost.options[chosen] {
        Ok(oc) => oc,
        Err(CostError::NoAfterTable { .. }) => {
            out.error(
                Step::Options,
                format!(
                    "{label}: chưa có bảng chi phí sau (chỉ phương án bãi bỏ mới có chi phí sau bằng 0)"
                ),
            );
            return;
        }
        Err(e) => {
            out.error(
                Step::Options,
                format!("{label}: không tính được chi phí: {e}"),
            );
            return;
        }
    };
    if opt.content.iter().all(|c| c.change.trim().is_empty()) {
        out.warn(
            Step::Options,
            format!("{label}: chưa có nội dung đơn giản hóa nào"),
        );
    }
    if opt.implementation.is_empty() {
        out.warn(
            Step::Options,
            format!("{label}: chưa có kiến nghị thực thi nào"),
        );
    }
    if oc.result.saving < Decimal::ZERO {
        out.warn(
            Step::Compare,
            format!(
                "{label} làm tăng chi phí tuân thủ thêm {} đồng/năm (báo cáo sẽ ghi «tăng», không ghi «cắt giảm»)",
                money(-oc.result.saving)
            ),
        );
    }
    let subjects = opt.subjects.as_ref().unwrap_or(&review.subjects);
    if review.subjects.value.is_zero() || subjects.value.is_zero() {
        out.warn(
            Step::CurrentCost,
            "số đối tượng thực hiện/năm bằng 0: tổng chi phí/năm bằng 0",
        );
    }
    if review.tthc.time_limit.days.value.is_zero() {
        out.warn(Step::Record, "thời hạn giải quyết chưa nhập (0 ngày)");
    }
    // GDP per head of a year is published early in the next one: a review made in year Y uses
    // Y − 1 at best. The income is current when no newer preset existed for the review's year
    // (its stage dates, else this year).
    let review_year = crate::measures::review_year(review, None);
    let latest = t
        .presets
        .incomes
        .iter()
        .map(|p| p.year)
        .filter(|y| i32::from(*y) < review_year)
        .max();
    // (Internal procedures are costed with public-sector wages, not GDP per head.)
    if let (Some(y), Some(latest)) = (review.cost.income_year, latest)
        && y < latest
        && !review.kind.is_internal()
    {
        out.warn(
            Step::CurrentCost,
            format!("thu nhập bình quân/giờ theo năm {y}, đã có số liệu năm {latest}"),
        );
    }
    let p = progress(t, review);
    let mut parts = Vec::new();
    let mut total = 0;
    let mut first_step = None;
    for s in [Step::Necessity, Step::Reasonableness, Step::Legality] {
        let sp = p.step(s);
        if sp.skipped {
            continue;
        }
        let open = sp.required - sp.done;
        if open > 0 {
            total += open;
            first_step.get_or_insert(s);
            parts.push(format!("{}: {open}", step_label(s)));
        }
    }
    if let Some(s) = first_step {
        out.warn(
            s,
            format!(
                "còn {total} câu hỏi chưa trả lời ({}); báo cáo sẽ in «(chưa trả lời)»",
                parts.join("; ")
            ),
        );
    }
    let open: Vec<&crate::model::Comment> =
        review.comments.iter().filter(|c| !c.resolved).collect();
    if let Some(first) = open.first() {
        out.warn(
            first.part,
            format!(
                "còn {} ý kiến đánh giá chất lượng chưa xử lý (ý kiến đầu: {} ngày {} — «{}»)",
                open.len(),
                first.author.trim(),
                first.date.format("%d/%m/%Y"),
                crate::storage::quote(first.text.trim())
            ),
        );
    }
    // A level of government that no longer exists (data: government.ron), e.g. "Cấp huyện"
    // after 1/7/2025: the file opens as it is, the checks say it.
    if let Some(r) = t.government.retired_level(&review.tthc.level) {
        out.warn(
            Step::Record,
            format!("cấp thực hiện «{}»: {}", review.tthc.level.trim(), r.note),
        );
    }
    if review.business && review.baseline.is_none() && !review.kind.is_internal() {
        out.warn(
            Step::Record,
            "TTHC liên quan sản xuất, kinh doanh chưa có số liệu năm gốc 2024: chưa tính được mức cắt giảm lũy kế so với năm 2024",
        );
    }
    if let Some(b) = &review.baseline
        && b.day_kind != review.tthc.time_limit.kind
    {
        out.warn(
            Step::Record,
            "thời hạn năm gốc và thời hạn hiện tại tính bằng hai đơn vị ngày khác nhau: chưa so được thời hạn với năm gốc",
        );
    }
    if review.tthc.field.trim().is_empty() {
        out.warn(
            Step::Record,
            "chưa ghi lĩnh vực: báo cáo tổng hợp xếp TTHC này vào mục «chưa ghi lĩnh vực»",
        );
    }
    if review.tthc.code.trim().is_empty() {
        out.warn(
            Step::Record,
            "chưa ghi mã số TTHC: báo cáo in tên thủ tục không kèm mã số",
        );
    }
    for (field, text) in printed_texts(review) {
        let bad = crate::print_fonts::undrawable(text);
        if !bad.is_empty() {
            out.warn(
                step_of_text(&field),
                format!(
                    "{field}: phông chữ của báo cáo không có {}; ký tự này sẽ không in ra",
                    quote_chars(&bad)
                ),
            );
        }
    }
}

/// When a set mixes two kinds (some `true`, some `false`): how many are `true`, and their files.
fn mixed(items: &[(bool, &Path)]) -> Option<(usize, Vec<String>)> {
    let names: Vec<String> = items
        .iter()
        .filter(|(a, _)| *a)
        .map(|(_, p)| p.display().to_string())
        .collect();
    (!names.is_empty() && names.len() < items.len()).then_some((names.len(), names))
}

/// The warning for an option that is not the one reported and cannot be costed yet.
pub fn not_chosen_uncosted(review: &Review, i: usize, e: &CostError) -> String {
    format!(
        "{} (không phải phương án được chọn) chưa tính được chi phí: {e}; báo cáo không dùng phương án này",
        review.option_title(i)
    )
}

/// The checks of one review, as the editor's export runs them.
pub fn review_findings(t: &Templates, review: &Review) -> Vec<Finding> {
    let mut list = Vec::new();
    review_checks(
        t,
        review,
        &mut Out {
            list: &mut list,
            file: None,
        },
    );
    list
}

/// The checks of a set of reviews about to be compiled into one report: each review's own, plus
/// the same TTHC twice and thời hạn counted in different units. A file that did not load is an
/// error: leaving it out silently would change the totals.
pub fn report_findings(t: &Templates, items: &(impl ReviewSet + ?Sized)) -> Vec<Finding> {
    report_findings_keeping(t, items, |_| ()).0
}

/// [`report_findings`], keeping `keep(review)` of each review that loads (`None` for a file
/// that does not): a report gathers what it needs in the same reading as its checks.
pub fn report_findings_keeping<'s, S: ReviewSet + ?Sized, T: Send>(
    t: &Templates,
    items: &'s S,
    keep: impl Fn(std::borrow::Cow<'s, Review>) -> T + Sync,
) -> (Vec<Finding>, Vec<Option<T>>) {
    // Each file's own checks, all files at once, each review read and let go; the findings in
    // the files' order, with what the checks across files need of each.
    let per_file = crate::storage::map_reviews(items, |path, loaded| {
        let mut list = Vec::new();
        let mut out = Out {
            list: &mut list,
            file: Some(path),
        };
        let across = match loaded {
            Err(e) => {
                out.push(Severity::Error, None, format!("không đọc được: {e}"));
                None
            }
            Ok(review) => {
                if review.draft {
                    out.error(
                        Step::Record,
                        "bản nháp (bản sao do «Nhân bản» tạo): bỏ dấu «Bản nháp» ở bước 1 nếu đây là bản chính thức, hoặc bỏ đánh dấu dòng này",
                    );
                }
                review_checks(t, &review, &mut out);
                let across = (
                    tthc_key(&review.tthc),
                    review.tthc.time_limit.kind,
                    review.kind.is_internal(),
                );
                Some((across, keep(review)))
            }
        };
        (list, across)
    });
    let mut list = Vec::new();
    let mut kept = Vec::with_capacity(per_file.len());
    let mut keys: Vec<(String, &Path)> = Vec::new();
    let mut units: Vec<(DayKind, &Path)> = Vec::new();
    let mut kinds: Vec<(bool, &Path)> = Vec::new();
    for (i, (found, across)) in per_file.into_iter().enumerate() {
        list.extend(found);
        let (across, k) = across.unzip();
        kept.push(k);
        let path = items.path(i);
        if let Some((key, unit, internal)) = across {
            if let Some(k) = key {
                keys.push((k, path));
            }
            units.push((unit, path));
            kinds.push((internal, path));
        }
    }
    // Files by key, so that a thousand files are compared in one pass.
    let mut by_key: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, (k, _)) in keys.iter().enumerate() {
        by_key.entry(k.as_str()).or_default().push(i);
    }
    for (i, (k, p)) in keys.iter().enumerate() {
        let Some(same) = by_key.get(k.as_str()) else {
            continue;
        };
        if same.len() > 1 {
            let others: Vec<String> = same
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| keys[j].1.display().to_string())
                .collect();
            let what = if k.starts_with("mã:") {
                "mã số"
            } else {
                "tên"
            };
            list.push(Finding {
                severity: Severity::Error,
                file: Some(p.to_path_buf()),
                step: Some(Step::Record),
                message: format!(
                    "trùng TTHC ({what}) với {}: mỗi TTHC chỉ được tính một lần, hãy chọn một bản",
                    others.join(", ")
                ),
            });
        }
    }
    // TTHC and internal procedures are approved by two different decisions.
    if let Some((internal, names)) = mixed(&kinds) {
        list.push(Finding {
            severity: Severity::Error,
            file: None,
            step: Some(Step::Record),
            message: format!(
                "báo cáo gồm cả TTHC và {internal} TTHC nội bộ ({}): TTHC nội bộ được phê duyệt bằng quyết định riêng — hãy lập hai báo cáo (đánh dấu các dòng của từng loại)",
                names.join(", ")
            ),
        });
    }
    let calendar: Vec<(bool, &Path)> = units
        .iter()
        .map(|(k, p)| (*k == DayKind::Ngay, *p))
        .collect();
    if let Some((n, names)) = mixed(&calendar) {
        list.push(Finding {
            severity: Severity::Error,
            file: None,
            step: Some(Step::Record),
            message: format!(
                "thời hạn giải quyết tính bằng hai đơn vị: {} bản theo «ngày làm việc», {n} bản theo «ngày» ({}); không thể cộng chung — hãy thống nhất một đơn vị hoặc lập báo cáo riêng",
                calendar.len() - n,
                names.join(", ")
            ),
        });
    }
    list.sort_by_key(|f| f.severity);
    (list, kept)
}
