//! Answers of the review form, stored by question id so that rewording a question in the
//! template never loses an answer.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One answer. `choice` holds the id of the chosen option of a Có/Không or three-way question
/// ("co", "khong", "co_toan_bo", …), `selected` the ids ticked in a multi-select, `text` a free
/// answer, `reason` the "Lý do" line. `simplify` flags a "Có" that still needs simplification.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Answer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choice: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub selected: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(skip_serializing_if = "is_false")]
    pub simplify: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Answer {
    pub fn choice(id: &str) -> Self {
        Answer {
            choice: Some(id.to_string()),
            ..Default::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.choice.is_none()
            && self.selected.is_empty()
            && self.text.trim().is_empty()
            && self.reason.trim().is_empty()
    }
}

/// Answers keyed by question id; a question asked once per item (step, document, condition)
/// is keyed `"<question id>#<item number from 1>"`.
pub type Answers = BTreeMap<String, Answer>;

/// Reads the answers of a file, refusing a key written twice (a map would silently keep only the
/// last one, and an answer would be lost).
pub fn unique_answers<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Answers, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Answers;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("một bảng câu trả lời { \"mã câu hỏi\": ( … ) }")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Answers, A::Error> {
            let mut out = Answers::new();
            while let Some((k, v)) = map.next_entry::<String, Answer>()? {
                if out.contains_key(&k) {
                    return Err(serde::de::Error::custom(format!(
                        "câu trả lời «{}» được ghi hai lần; hãy giữ lại một",
                        crate::text::quote(&k)
                    )));
                }
                out.insert(k, v);
            }
            Ok(out)
        }
    }
    d.deserialize_map(V)
}

pub fn item_key(question_id: &str, item: usize) -> String {
    format!("{question_id}#{}", item + 1)
}

/// The key a finding raised from an objective is placed under: "objective#2".
pub fn objective_key(objective: usize) -> String {
    item_key(OBJECTIVE, objective)
}

/// The "question" of the objectives' findings (they have no question id of their own).
pub const OBJECTIVE: &str = "objective";

/// The question id an answer key belongs to (strips a per-item suffix).
pub fn question_of_key(key: &str) -> &str {
    key.split_once('#').map_or(key, |(q, _)| q)
}

/// Có/Không with its Lý do, the shape of each objective's two questions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct YesNoReason {
    pub answer: Option<bool>,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectiveGroup {
    /// a) Đối với quản lý nhà nước
    #[default]
    QuanLyNhaNuoc,
    /// b) Đối với quyền, nghĩa vụ và lợi ích hợp pháp của cá nhân, tổ chức
    QuyenLoiIch,
}

/// One specific objective of the TTHC (form part II) with "Có thay đổi hay không?" and
/// "Có được đáp ứng hay không?".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Objective {
    pub group: ObjectiveGroup,
    pub text: String,
    pub changed: YesNoReason,
    pub met: YesNoReason,
}

impl Objective {
    /// An objective that changed or is not met is a finding against the TTHC's necessity.
    pub fn is_finding(&self) -> bool {
        self.changed.answer == Some(true) || self.met.answer == Some(false)
    }
}
