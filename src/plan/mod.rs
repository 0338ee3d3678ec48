//! The office's yearly review plan (kế hoạch rà soát, đánh giá TTHC): the TTHC to review, who
//! leads each, the milestones and the targets. A plan is a RON file `<name>.plan.ron` beside the
//! reviews; it is imported from the department's own XLSX or CSV annex (`import.rs`) and matched
//! against the review files to track progress (`track.rs`).

pub mod export;
pub mod import;
pub mod track;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Plan files end so; they are never taken for reviews (the folder's naming lives in storage).
pub use crate::storage::PLAN_SUFFIX;

/// What a milestone closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MilestoneKind {
    /// The rooms finish their reviews (forms, cost tables, options).
    ReviewDone,
    /// The results go to the provincial office (Văn phòng UBND tỉnh) for the quality check.
    SentForAssessment,
    /// The office compiles the decision from the completed reviews.
    Decision,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub kind: MilestoneKind,
    pub label: String,
    /// "2024-07-30".
    pub date: NaiveDate,
}

/// One row of the plan's annex: a TTHC or a group (nhóm TTHC).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlanRow {
    pub stt: String,
    /// Mã số trên Cổng dịch vụ công quốc gia, as printed (may be empty).
    pub code: String,
    pub name: String,
    pub field: String,
    /// Đơn vị chủ trì / thực hiện.
    pub lead: String,
    /// Đơn vị phối hợp.
    pub partners: String,
    /// Định hướng, phương án đơn giản hóa dự kiến.
    pub direction: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Plan {
    pub year: i32,
    /// The issuing document ("Kế hoạch số …/KH-SCT ngày …").
    pub document: String,
    pub milestones: Vec<Milestone>,
    /// Cắt giảm tổng thời gian giải quyết tối thiểu, %.
    pub time_cut_target: Decimal,
    pub rows: Vec<PlanRow>,
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            year: 0,
            document: String::new(),
            milestones: Vec::new(),
            time_cut_target: Decimal::from(30),
            rows: Vec::new(),
        }
    }
}

impl Plan {
    /// The usual milestones of year `y`: reviews by 15/7, to the provincial office before 30/7,
    /// the decision by 31/8 (edit them in the file to match the plan).
    pub fn default_milestones(y: i32) -> Vec<Milestone> {
        let d = |m, day| NaiveDate::from_ymd_opt(y, m, day).expect("a real date");
        vec![
            Milestone {
                kind: MilestoneKind::ReviewDone,
                label: "Các phòng hoàn thành rà soát, đánh giá".into(),
                date: d(7, 15),
            },
            Milestone {
                kind: MilestoneKind::SentForAssessment,
                label: "Gửi Văn phòng UBND tỉnh đánh giá chất lượng".into(),
                date: d(7, 30),
            },
            Milestone {
                kind: MilestoneKind::Decision,
                label: "Dự thảo quyết định thông qua phương án đơn giản hóa".into(),
                date: d(8, 31),
            },
        ]
    }

    pub fn milestone(&self, kind: MilestoneKind) -> Option<&Milestone> {
        self.milestones.iter().find(|m| m.kind == kind)
    }

    pub fn to_ron(&self) -> String {
        let cfg = ron::ser::PrettyConfig::new()
            .struct_names(false)
            .indentor("  ".to_string());
        let body = ron::ser::to_string_pretty(self, cfg).expect("plain data");
        format!(
            "// Kế hoạch rà soát, đánh giá thủ tục hành chính năm {} (tthc-review).\n{body}\n",
            self.year
        )
    }

    /// Writes the plan to `path` atomically (the previous file kept as `.bak`), only if what is
    /// written can be read again: not over [`crate::storage::MAX_FILE_BYTES`].
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let text = self.to_ron();
        let limit = crate::storage::MAX_FILE_BYTES;
        if text.len() as u64 > limit {
            return Err(crate::storage::io_error(
                std::io::ErrorKind::FileTooLarge,
                format!(
                    "kế hoạch khi ghi sẽ lớn {} MB, quá giới hạn {} MB mà ứng dụng đọc lại được — hãy bớt dòng hoặc bớt chữ trong các cột",
                    (text.len() as u64).div_ceil(1 << 20),
                    limit >> 20
                ),
            ));
        }
        crate::storage::write_atomic(path, text.as_bytes())
    }

    pub fn parse(file: &str, text: &str) -> Result<Plan, String> {
        let plan: Plan = ron::from_str(text).map_err(|e| crate::text::ron_located(file, &e))?;
        if plan.rows.is_empty() {
            return Err(format!("{file}: kế hoạch không có dòng TTHC nào"));
        }
        Ok(plan)
    }

    pub fn load(path: &Path) -> Result<Plan, String> {
        let bytes = crate::storage::read_limited(path, crate::storage::MAX_FILE_BYTES).map_err(
            |problem| {
                crate::storage::LoadError {
                    path: path.to_path_buf(),
                    problem,
                }
                .to_string()
            },
        )?;
        let text = String::from_utf8(bytes)
            .map_err(|_| format!("{}: không phải văn bản UTF-8", path.display()))?;
        Plan::parse(&path.display().to_string(), &text)
    }

    /// The year of the folder's plan (the newest year when there are several), if any plan
    /// file in it reads.
    pub fn year_in(dir: &Path) -> Option<i32> {
        Plan::files(dir)
            .iter()
            .filter_map(|p| Plan::load(p).ok())
            .map(|p| p.year)
            .filter(|y| *y > 0)
            .max()
    }

    /// The plan files of a folder, sorted by name.
    pub fn files(dir: &Path) -> Vec<std::path::PathBuf> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.ends_with(PLAN_SUFFIX) && !n.starts_with('.'))
                    && p.is_file()
            })
            .collect();
        v.sort();
        v
    }
}

#[cfg(test)]
mod save_tests {
    use super::*;

    #[test]
    fn a_plan_that_could_not_be_read_again_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ke-hoach.plan.ron");
        let row = PlanRow {
            name: "Cấp Giấy phép ".repeat(40),
            ..Default::default()
        };
        let plan = Plan {
            rows: vec![row; 30_000],
            ..Default::default()
        };
        let e = plan.save(&path).unwrap_err();
        assert!(
            crate::storage::io_words(&e).contains("quá giới hạn 16 MB"),
            "{e}"
        );
        assert!(!path.exists());
        // A plan that fits is written and reads back.
        let small = Plan {
            rows: plan.rows[..10].to_vec(),
            ..Default::default()
        };
        small.save(&path).unwrap();
        assert_eq!(Plan::load(&path).unwrap().rows.len(), 10);
    }
}
