//! The review form template: criteria, per-component blocks, questions with stable ids.

use crate::model::{Answer, Answers, Component, question_of_key};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    CanThiet,
    HopLy,
    HopPhap,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

/// How a question is answered.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// Free text.
    Text,
    /// One choice from a named answer set (Có/Không; Có, toàn bộ / Có, một phần / Không …).
    Choice(String),
    /// Any number of choices from a named answer set (the component a defect sits in …).
    Multi(String),
}

/// Repeating rows of the TTHC record that a question is asked once for (they are the review's).
pub use crate::model::ItemList;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShowIf {
    pub question: String,
    pub any_of: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub text: String,
    /// Which legal text the wording comes from.
    pub source: String,
    pub shape: Shape,
    /// Label of the free line that goes with the answer ("Lý do", "Phương án sửa đổi" …), if any.
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub show_if: Option<ShowIf>,
    /// Answers that make this question a finding, to offer as a line of the option.
    #[serde(default)]
    pub finding: Vec<String>,
    /// How a finding here reads as a line of the option ("Bỏ thành phần hồ sơ[ «{item}»]."):
    /// `{item}` the step, document or condition, `{answer}` the answer's label.
    #[serde(default)]
    pub proposal: Option<String>,
    /// Closes its criterion ("… có hợp lý hay không?").
    #[serde(default)]
    pub verdict: bool,
    /// The necessity verdict: a finding here skips reasonableness and legality.
    #[serde(default)]
    pub gate: bool,
    #[serde(default)]
    pub per_item: Option<ItemList>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    pub id: String,
    pub component: Component,
    pub title: String,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub criterion: Criterion,
    pub number: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormTemplate {
    pub components: BTreeMap<Component, String>,
    pub answer_sets: BTreeMap<String, Vec<Choice>>,
    pub sections: Vec<Section>,
}

/// A finding: an answer that should offer to become a line of the option.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub key: String,
    pub component: Component,
    pub question: String,
    pub answer_label: String,
    pub reason: String,
}

impl FormTemplate {
    pub fn questions(&self) -> impl Iterator<Item = (&Section, &Block, &Question)> {
        self.sections.iter().flat_map(|s| {
            s.blocks
                .iter()
                .flat_map(move |b| b.questions.iter().map(move |q| (s, b, q)))
        })
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().map(|(_, _, q)| q).find(|q| q.id == id)
    }

    pub fn section(&self, c: Criterion) -> Option<&Section> {
        self.sections.iter().find(|s| s.criterion == c)
    }

    pub fn component_label(&self, c: Component) -> &str {
        self.components.get(&c).map(String::as_str).unwrap_or("")
    }

    pub fn choices(&self, q: &Question) -> &[Choice] {
        match &q.shape {
            Shape::Choice(set) | Shape::Multi(set) => {
                self.answer_sets.get(set).map(Vec::as_slice).unwrap_or(&[])
            }
            Shape::Text => &[],
        }
    }

    pub fn choice_label(&self, q: &Question, id: &str) -> String {
        self.choices(q)
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.label.clone())
            .unwrap_or_else(|| id.to_string())
    }

    /// Whether the TTHC was found not necessary: the gate question's answer is a finding.
    pub fn gate_closed(&self, answers: &Answers) -> bool {
        self.questions().any(|(_, _, q)| {
            q.gate
                && answers
                    .get(&q.id)
                    .and_then(|a| a.choice.as_ref())
                    .is_some_and(|c| q.finding.contains(c))
        })
    }

    /// Whether a section is skipped (reasonableness and legality after a "not necessary").
    pub fn section_skipped(&self, s: &Section, answers: &Answers) -> bool {
        s.criterion != Criterion::CanThiet && self.gate_closed(answers)
    }

    /// Whether a question is shown: its show_if condition holds (for the same item, if any).
    pub fn is_visible(&self, q: &Question, answers: &Answers, item: Option<usize>) -> bool {
        let Some(cond) = &q.show_if else { return true };
        let key = match (item, self.question(&cond.question).and_then(|p| p.per_item)) {
            (Some(i), Some(_)) => crate::model::item_key(&cond.question, i),
            _ => cond.question.clone(),
        };
        let Some(parent) = self.question(&cond.question) else {
            return false;
        };
        if !self.is_visible(parent, answers, item) {
            return false;
        }
        answers.get(&key).is_some_and(|a| {
            a.choice.as_ref().is_some_and(|c| cond.any_of.contains(c))
                || a.selected.iter().any(|s| cond.any_of.contains(s))
        })
    }

    /// Answer keys whose question no longer exists in the template: kept, and reported.
    pub fn orphan_answers<'a>(&self, answers: &'a Answers) -> Vec<&'a str> {
        answers
            .keys()
            .filter(|k| self.question(question_of_key(k)).is_none())
            .map(String::as_str)
            .collect()
    }

    /// Every answer that is a finding, in form order.
    pub fn findings(&self, answers: &Answers) -> Vec<Finding> {
        let mut out = Vec::new();
        for (key, answer) in answers {
            let Some(q) = self.question(question_of_key(key)) else {
                continue;
            };
            let Some(block) = self
                .sections
                .iter()
                .flat_map(|s| s.blocks.iter())
                .find(|b| b.questions.iter().any(|x| x.id == q.id))
            else {
                continue;
            };
            if let Some(label) = finding_label(self, q, answer) {
                out.push(Finding {
                    key: key.clone(),
                    component: block.component,
                    question: q.text.clone(),
                    answer_label: label,
                    reason: answer.reason.clone(),
                });
            }
        }
        let order: Vec<&str> = self.questions().map(|(_, _, q)| q.id.as_str()).collect();
        out.sort_by_key(|f| {
            order
                .iter()
                .position(|id| *id == question_of_key(&f.key))
                .unwrap_or(usize::MAX)
        });
        out
    }
}

impl FormTemplate {
    /// The «Nội dung đơn giản hóa» line a finding offers: the question's proposal when the answer
    /// is one of its findings; otherwise (no proposal in an older form file, or «Vẫn cần đơn giản
    /// hóa» on another answer) the question with its answer, for the reviewer to reword.
    pub fn finding_line(
        &self,
        q: &Question,
        item: Option<&str>,
        answer_label: &str,
        is_finding_answer: bool,
    ) -> String {
        let component = self
            .sections
            .iter()
            .flat_map(|s| s.blocks.iter())
            .find(|b| b.questions.iter().any(|x| x.id == q.id))
            .map(|b| self.component_label(b.component))
            .unwrap_or("");
        if let Some(p) = q.proposal.as_deref().filter(|_| is_finding_answer) {
            return super::fill_text(p, &[("item", item.unwrap_or("")), ("answer", answer_label)]);
        }
        match item {
            Some(name) => format!("{component} «{name}»: {} — {answer_label}", q.text),
            None => format!("{component}: {} — {answer_label}", q.text),
        }
    }
}

fn finding_label(form: &FormTemplate, q: &Question, a: &Answer) -> Option<String> {
    if let Some(c) = &a.choice
        && (q.finding.contains(c) || a.simplify)
    {
        return Some(form.choice_label(q, c));
    }
    let hits: Vec<String> = a
        .selected
        .iter()
        .filter(|s| q.finding.contains(s))
        .map(|s| form.choice_label(q, s))
        .collect();
    (!hits.is_empty()).then(|| hits.join(", "))
}

#[cfg(test)]
mod tests {
    use crate::templates::Templates;

    #[test]
    fn every_finding_of_the_shipped_form_reads_as_a_proposal() {
        let t = Templates::embedded();
        let mut n = 0;
        for (_, _, q) in t.form.questions() {
            if q.finding.is_empty() {
                continue;
            }
            n += 1;
            let p = q
                .proposal
                .as_deref()
                .unwrap_or_else(|| panic!("{}: no proposal", q.id));
            assert!(!p.contains('?'), "{}: {p}", q.id);
            // {item} only where the question is asked per step, document or condition.
            assert_eq!(p.contains("{item}"), q.per_item.is_some(), "{}: {p}", q.id);
            let line = t.form.finding_line(q, Some("Tờ khai"), "Không", true);
            assert!(!line.contains('{') && !line.contains('['), "{line}");
            assert!(!line.contains(&q.text), "{line}");
        }
        assert!(n >= 30, "{n}");
    }

    #[test]
    fn a_finding_line_names_the_item_and_falls_back_to_the_question() {
        let t = Templates::embedded();
        let q = t.form.question("hl.ho_so.can_thiet").unwrap();
        assert_eq!(
            t.form
                .finding_line(q, Some("Bản sao Giấy phép kinh doanh"), "Không", true),
            "Bỏ thành phần hồ sơ «Bản sao Giấy phép kinh doanh»."
        );
        // «Vẫn cần đơn giản hóa» on an answer that is not a finding: the question and its answer.
        assert_eq!(
            t.form.finding_line(q, Some("Tờ khai"), "Có", false),
            "Thành phần, số lượng hồ sơ «Tờ khai»: Giấy tờ này có cần thiết không? — Có"
        );
        let g = t.form.question("ct.giai_phap").unwrap();
        assert_eq!(
            t.form.finding_line(g, None, "Sửa đổi, bổ sung", true),
            "Đề xuất giải pháp: Sửa đổi, bổ sung."
        );
        // A form file without proposals (an older or a custom one) keeps the old wording.
        let mut old = q.clone();
        old.proposal = None;
        assert!(
            t.form
                .finding_line(&old, Some("Tờ khai"), "Không", true)
                .ends_with("Giấy tờ này có cần thiết không? — Không")
        );
    }
}
