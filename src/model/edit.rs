//! Rules that change a review, as named edits: the GUI pushes [`Edit`] values, and
//! [`Review::apply`] is the one place that says what each does (a new option copies the current
//! table, removing a listed item moves the answers of the items after it, …). No egui here.

use super::{
    Activity, ContentLine, Document, Figure, ImplementationLine, Objective, ObjectiveGroup,
    OptionKind, Review, SimplOption, item_key,
};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// An activity table of a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableRef {
    Current,
    Option(usize),
}

/// A list of the TTHC record edited row by row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextList {
    Steps,
    Forms,
    Conditions,
    LegalBasis,
    Documents,
}

/// Repeating rows of the TTHC record that a question of the form is asked once for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemList {
    Steps,
    Documents,
    Conditions,
}

/// What an edit needs to know from the template files — the form's questions asked once per
/// listed item (their answers follow the items), the income and wage presets — without the model
/// depending on the templates: `Templates` answers these.
pub trait EditRules {
    /// The ids of the questions asked once for each item of `list`.
    fn item_questions(&self, list: ItemList) -> Vec<String>;
    /// Sets the hourly income of the preset of `year`; false when there is none.
    fn apply_income_preset(&self, year: u16, cost: &mut super::CostParams) -> bool;
    /// Sets the hourly value of public-sector wage preset `index`; false when there is none.
    fn apply_wage_preset(&self, index: usize, cost: &mut super::CostParams) -> bool;
}

impl TextList {
    /// The list whose items have their own questions in the form, if any.
    fn item_list(self) -> Option<ItemList> {
        match self {
            TextList::Steps => Some(ItemList::Steps),
            TextList::Conditions => Some(ItemList::Conditions),
            TextList::Documents => Some(ItemList::Documents),
            TextList::Forms | TextList::LegalBasis => None,
        }
    }
}

/// Where a finding's content line goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Option(usize),
    /// A new option of this kind, made for it.
    NewOption(OptionKind),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    AddActivity {
        table: TableRef,
        activity: Activity,
    },
    /// Rows pasted at `at` (from a spreadsheet): rows already there are filled first, from the
    /// name on, and the rest are added.
    PasteActivities {
        table: TableRef,
        at: usize,
        rows: Vec<PastedRow>,
    },
    RemoveActivity {
        table: TableRef,
        index: usize,
    },
    MoveActivity {
        table: TableRef,
        from: usize,
        to: usize,
    },
    AddOption(OptionKind),
    DuplicateOption(usize),
    RemoveOption(usize),
    SetOptionKind {
        option: usize,
        kind: OptionKind,
    },
    ChooseOption(usize),
    /// The review moves to a stage of the office's year on a date (kept in `tracking`).
    SetStage {
        stage: super::Stage,
        date: chrono::NaiveDate,
    },
    /// A quality comment is added at the end.
    AddComment(super::Comment),
    /// A comment is marked dealt with, or not.
    ResolveComment {
        index: usize,
        resolved: bool,
    },
    RemoveComment(usize),
    /// The option's "after" table becomes a copy of the current table.
    CopyCurrentTable(usize),
    AddContentLine {
        target: Target,
        line: ContentLine,
    },
    RemoveContentLine {
        option: usize,
        index: usize,
    },
    AddImplementationLine(usize),
    RemoveImplementationLine {
        option: usize,
        index: usize,
    },
    AddObjective(ObjectiveGroup),
    RemoveObjective(usize),
    AddListItem(TextList),
    RemoveListItem {
        list: TextList,
        index: usize,
    },
    /// The hourly income of the preset of this year, with its source.
    ApplyIncomePreset(u16),
    /// A public-sector wage preset (internal procedures), by its place in the list.
    ApplyWagePreset(usize),
    /// The hourly income computed from GDP per head.
    SetHourlyFromGdp(Decimal),
    /// A note ("nguồn") on a figure of an activity.
    SetActivityNote {
        table: TableRef,
        index: usize,
        column: Column,
        note: String,
    },
}

/// A column of figures of an activity table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Hours,
    Service,
    Other,
}

/// One row as pasted: any cell may be missing (a shorter row) or hold text that is not a figure.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PastedRow {
    pub name: Option<String>,
    pub hours: Option<Figure>,
    pub service: Option<Figure>,
    pub other: Option<Figure>,
}

/// Rows copied from Excel or LibreOffice (tab-separated, one row per line), pasted from column
/// `first` on (0 = name, 1 = hours, 2 = service, 3 = other). Numbers are read the Vietnamese way
/// ("0,5", "50.000") or the file way ("0.5"); a cell that is not a number keeps its text and is
/// marked invalid, never turned into another value; an empty cell is 0. A first line whose
/// numbers are all words is a header and is left out.
pub fn parse_pasted(text: &str, first: usize) -> Vec<PastedRow> {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let lines = match lines.split_last() {
        // A copied range ends with a line break.
        Some((last, rest)) if last.trim().is_empty() => rest.to_vec(),
        _ => lines,
    };
    let mut rows: Vec<PastedRow> = lines
        .iter()
        .map(|line| {
            let mut row = PastedRow::default();
            for (k, cell) in line.split('\t').enumerate() {
                let cell = cell.trim();
                let fig = || {
                    if cell.is_empty() {
                        Figure::int(0)
                    } else {
                        match super::parse_decimal_vi(cell) {
                            Some(v) if !v.is_sign_negative() || v.is_zero() => Figure::new(v),
                            _ => Figure::invalid_text(cell),
                        }
                    }
                };
                match first + k {
                    0 => row.name = Some(cell.to_string()),
                    1 => row.hours = Some(fig()),
                    2 => row.service = Some(fig()),
                    3 => row.other = Some(fig()),
                    _ => {}
                }
            }
            row
        })
        .collect();
    let is_header = |r: &PastedRow| {
        let figs = [&r.hours, &r.service, &r.other];
        figs.iter().any(|f| f.is_some())
            && figs.iter().filter_map(|f| f.as_ref()).all(|f| {
                f.invalid
                    .as_deref()
                    .is_some_and(|t| !t.chars().any(|c| c.is_ascii_digit()))
            })
    };
    if rows.first().is_some_and(is_header) {
        rows.remove(0);
    }
    rows
}

/// A table as tab-separated text that pastes into Excel: a header, then name, hours, service,
/// other, time cost and the row's total; numbers without thousands separators, decimal comma.
/// A text cell as it may go to a spreadsheet: one line, and a leading `=`, `+`, `-` or `@` made
/// plain text (an apostrophe, which Excel and LibreOffice do not show), so a name can never become
/// a live formula on paste.
pub fn spreadsheet_text(text: &str) -> String {
    let one_line = text.replace(['\t', '\n', '\r'], " ");
    if one_line.trim_start().starts_with(['=', '+', '-', '@']) {
        format!("'{one_line}")
    } else {
        one_line
    }
}

/// The rows of an activity table as tab-separated text; a figure that is not computed (the
/// table cannot be costed) is an empty cell, never 0.
pub fn table_as_tsv(
    acts: &[Activity],
    time_costs: &[Option<Decimal>],
    totals: &[Option<Decimal>],
) -> String {
    let num = |d: Decimal| d.normalize().to_string().replace('.', ",");
    let mut out = String::from(
        "Hoạt động/công việc\tThời gian (giờ)\tThuê tư vấn, dịch vụ (đồng)\tChi phí khác (đồng)\tChi phí thời gian (đồng)\tChi phí thực hiện (đồng)\n",
    );
    for (i, a) in acts.iter().enumerate() {
        // What was typed and is not a number goes as text, as safe as a name.
        let cell = |f: &Figure| {
            f.invalid
                .as_deref()
                .map_or_else(|| num(f.value), spreadsheet_text)
        };
        let name = spreadsheet_text(&a.name);
        let tc = time_costs
            .get(i)
            .copied()
            .flatten()
            .map_or(String::new(), num);
        let tot = totals.get(i).copied().flatten().map_or(String::new(), num);
        out.push_str(&format!(
            "{name}\t{}\t{}\t{}\t{tc}\t{tot}\n",
            cell(&a.hours),
            cell(&a.service),
            cell(&a.other)
        ));
    }
    out
}

impl Activity {
    pub fn figure_mut(&mut self, c: Column) -> &mut Figure {
        match c {
            Column::Hours => &mut self.hours,
            Column::Service => &mut self.service,
            Column::Other => &mut self.other,
        }
    }
}

impl Review {
    pub fn table_mut(&mut self, t: TableRef) -> Option<&mut Vec<Activity>> {
        match t {
            TableRef::Current => Some(&mut self.activities),
            TableRef::Option(i) => self.options.get_mut(i).map(|o| &mut o.activities),
        }
    }

    pub fn table(&self, t: TableRef) -> Option<&Vec<Activity>> {
        match t {
            TableRef::Current => Some(&self.activities),
            TableRef::Option(i) => self.options.get(i).map(|o| &o.activities),
        }
    }

    /// The option's name as every document and screen prints it: what the reviewer wrote
    /// (trimmed), else "Phương án 2" by its place.
    pub fn option_title(&self, i: usize) -> String {
        match self.options.get(i).map(|o| o.name.trim()) {
            Some(n) if !n.is_empty() => n.to_string(),
            _ => format!("Phương án {}", i + 1),
        }
    }

    /// The default name of a new option: "Phương án N" by its place, or the next number no
    /// option is already named (a duplicated or renamed option may hold it).
    fn free_option_name(&self) -> String {
        let taken = |n: &str| self.options.iter().any(|o| o.name.trim() == n);
        (self.options.len() + 1..)
            .map(|k| format!("Phương án {k}"))
            .find(|n| !taken(n))
            .expect("a free number exists")
    }

    /// A new option of `kind`: its "after" table starts as a copy of the current table (empty
    /// for bãi bỏ); the first option is the chosen one.
    pub fn new_option(&self, kind: OptionKind) -> SimplOption {
        SimplOption {
            name: self.free_option_name(),
            kind,
            activities: if kind == OptionKind::BaiBo {
                Vec::new()
            } else {
                self.activities.clone()
            },
            chosen: self.options.is_empty(),
            ..Default::default()
        }
    }

    fn text_list(&mut self, l: TextList) -> Option<&mut Vec<String>> {
        let t = &mut self.tthc;
        match l {
            TextList::Steps => Some(&mut t.steps),
            TextList::Forms => Some(&mut t.forms),
            TextList::Conditions => Some(&mut t.conditions),
            TextList::LegalBasis => Some(&mut t.legal_basis),
            TextList::Documents => None,
        }
    }

    fn list_len(&self, l: TextList) -> usize {
        let t = &self.tthc;
        match l {
            TextList::Steps => t.steps.len(),
            TextList::Forms => t.forms.len(),
            TextList::Conditions => t.conditions.len(),
            TextList::LegalBasis => t.legal_basis.len(),
            TextList::Documents => t.documents.len(),
        }
    }

    /// Removing item `i` of a repeating list moves the per-item answers of the items after it
    /// one place up, so each answer stays with its item.
    fn remove_item_answers(&mut self, question_ids: &[String], i: usize, len: usize) {
        for q in question_ids {
            self.answers.remove(&item_key(q, i));
            for j in i + 1..len {
                if let Some(a) = self.answers.remove(&item_key(q, j)) {
                    self.answers.insert(item_key(q, j - 1), a);
                }
            }
            self.renumber_placed(q, i, len);
        }
    }

    /// Item `i` of `len` is gone: the findings placed in options follow their items — a line
    /// from a later item takes the item's new number, a line from the removed item keeps its
    /// text but no longer points at any item.
    fn renumber_placed(&mut self, question: &str, i: usize, len: usize) {
        let gone = item_key(question, i);
        let moved: HashMap<String, String> = (i + 1..len)
            .map(|j| (item_key(question, j), item_key(question, j - 1)))
            .collect();
        for line in self.options.iter_mut().flat_map(|o| o.content.iter_mut()) {
            let Some(key) = &line.from_answer else {
                continue;
            };
            if *key == gone {
                line.from_answer = None;
            } else if let Some(new) = moved.get(key) {
                line.from_answer = Some(new.clone());
            }
        }
    }

    /// Applies one edit. An edit that names something not there (an option index out of
    /// range …) changes nothing. Returns the index of an option it created, if any.
    pub fn apply(&mut self, edit: &Edit, t: &dyn EditRules) -> Option<usize> {
        match edit {
            Edit::AddActivity { table, activity } => {
                self.table_mut(*table)?.push(activity.clone());
            }
            Edit::PasteActivities { table, at, rows } => {
                let v = self.table_mut(*table)?;
                for (k, row) in rows.iter().enumerate() {
                    let i = at + k;
                    if i >= v.len() {
                        v.push(Activity::default());
                    }
                    let a = &mut v[i];
                    if let Some(n) = &row.name {
                        a.name = n.clone();
                    }
                    for (col, f) in [
                        (Column::Hours, &row.hours),
                        (Column::Service, &row.service),
                        (Column::Other, &row.other),
                    ] {
                        if let Some(f) = f {
                            let note = std::mem::take(&mut a.figure_mut(col).note);
                            *a.figure_mut(col) = Figure { note, ..f.clone() };
                        }
                    }
                }
            }
            Edit::RemoveActivity { table, index } => {
                let v = self.table_mut(*table)?;
                if *index < v.len() {
                    v.remove(*index);
                }
            }
            Edit::MoveActivity { table, from, to } => {
                let v = self.table_mut(*table)?;
                if *from < v.len() && *to < v.len() {
                    let a = v.remove(*from);
                    v.insert(*to, a);
                }
            }
            Edit::AddOption(kind) => {
                let o = self.new_option(*kind);
                self.options.push(o);
                return Some(self.options.len() - 1);
            }
            Edit::DuplicateOption(i) => {
                let mut o = self.options.get(*i)?.clone();
                o.name = self.free_option_name();
                o.chosen = false;
                self.options.push(o);
                return Some(self.options.len() - 1);
            }
            Edit::RemoveOption(i) => {
                if *i < self.options.len() {
                    let was_chosen = self.options.remove(*i).chosen;
                    if was_chosen && self.options.len() == 1 {
                        self.options[0].chosen = true;
                    }
                }
            }
            Edit::SetOptionKind { option, kind } => {
                let current = self.activities.clone();
                let o = self.options.get_mut(*option)?;
                o.kind = *kind;
                if *kind == OptionKind::BaiBo {
                    // Abolishing leaves nothing to cost, unless a replacement is costed later.
                    o.activities.clear();
                    o.replacement_costed = false;
                } else if o.activities.is_empty() {
                    o.activities = current;
                }
            }
            Edit::SetStage { stage, date } => {
                if self.stage().map(|c| c.stage) != Some(*stage) {
                    self.tracking.push(super::StageChange {
                        stage: *stage,
                        date: *date,
                        note: String::new(),
                    });
                }
            }
            Edit::AddComment(c) => self.comments.push(c.clone()),
            Edit::ResolveComment { index, resolved } => {
                if let Some(c) = self.comments.get_mut(*index) {
                    c.resolved = *resolved;
                }
            }
            Edit::RemoveComment(i) => {
                if *i < self.comments.len() {
                    self.comments.remove(*i);
                }
            }
            Edit::ChooseOption(i) => {
                if *i < self.options.len() {
                    self.choose(*i);
                }
            }
            Edit::CopyCurrentTable(i) => {
                let current = self.activities.clone();
                self.options.get_mut(*i)?.activities = current;
            }
            Edit::AddContentLine { target, line } => {
                let i = match target {
                    Target::Option(i) if *i < self.options.len() => *i,
                    Target::Option(_) => return None,
                    Target::NewOption(kind) => {
                        let o = self.new_option(*kind);
                        self.options.push(o);
                        self.options.len() - 1
                    }
                };
                self.options[i].content.push(line.clone());
                return Some(i);
            }
            Edit::RemoveContentLine { option, index } => {
                let v = &mut self.options.get_mut(*option)?.content;
                if *index < v.len() {
                    v.remove(*index);
                }
            }
            Edit::AddImplementationLine(i) => {
                self.options
                    .get_mut(*i)?
                    .implementation
                    .push(ImplementationLine::default());
            }
            Edit::RemoveImplementationLine { option, index } => {
                let v = &mut self.options.get_mut(*option)?.implementation;
                if *index < v.len() {
                    v.remove(*index);
                }
            }
            Edit::AddObjective(group) => self.objectives.push(Objective {
                group: *group,
                ..Default::default()
            }),
            Edit::RemoveObjective(i) => {
                let len = self.objectives.len();
                if *i < len {
                    self.objectives.remove(*i);
                    self.renumber_placed(super::answers::OBJECTIVE, *i, len);
                }
            }
            Edit::AddListItem(TextList::Documents) => self.tthc.documents.push(Document {
                copies: 1,
                ..Default::default()
            }),
            Edit::AddListItem(l) => self.text_list(*l)?.push(String::new()),
            Edit::RemoveListItem { list, index } => {
                let len = self.list_len(*list);
                if *index >= len {
                    return None;
                }
                if let Some(items) = list.item_list() {
                    let ids = t.item_questions(items);
                    self.remove_item_answers(&ids, *index, len);
                }
                match list {
                    TextList::Documents => {
                        self.tthc.documents.remove(*index);
                    }
                    l => {
                        self.text_list(*l)?.remove(*index);
                    }
                }
            }
            Edit::ApplyIncomePreset(year) => {
                if !t.apply_income_preset(*year, &mut self.cost) {
                    return None;
                }
            }
            Edit::ApplyWagePreset(i) => {
                if !t.apply_wage_preset(*i, &mut self.cost) {
                    return None;
                }
            }
            Edit::SetHourlyFromGdp(v) => {
                self.cost.hourly_income = Figure::with_note(*v, "Tính từ GDP bình quân đầu người");
            }
            Edit::SetActivityNote {
                table,
                index,
                column,
                note,
            } => {
                let a = self.table_mut(*table)?.get_mut(*index)?;
                a.figure_mut(*column).note = note.trim().to_string();
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Answer, Component};

    /// The rules an edit asks the templates for, as a small stand-in: one question per listed
    /// item, no presets (the shipped presets are tested with the templates).
    struct Rules;
    const DOC_QUESTION: &str = "hl.ho_so.can_thiet";
    impl EditRules for Rules {
        fn item_questions(&self, list: ItemList) -> Vec<String> {
            match list {
                ItemList::Documents => vec![DOC_QUESTION.to_string()],
                _ => Vec::new(),
            }
        }
        fn apply_income_preset(&self, _: u16, _: &mut crate::model::CostParams) -> bool {
            false
        }
        fn apply_wage_preset(&self, _: usize, _: &mut crate::model::CostParams) -> bool {
            false
        }
    }

    fn t() -> Rules {
        Rules
    }

    fn act(name: &str, h: i64) -> Activity {
        Activity::new(name, Figure::int(h), Figure::int(0), Figure::int(0))
    }

    #[test]
    fn a_new_option_copies_the_current_table_and_bai_bo_starts_empty() {
        let t = t();
        let mut r = Review::default();
        r.activities = vec![act("Nộp hồ sơ", 4)];
        assert_eq!(r.apply(&Edit::AddOption(OptionKind::SuaDoi), &t), Some(0));
        assert_eq!(r.options[0].activities, r.activities);
        assert!(r.options[0].chosen, "the first option is chosen");
        r.apply(&Edit::AddOption(OptionKind::BaiBo), &t);
        assert!(r.options[1].activities.is_empty());
        assert!(!r.options[1].chosen);
    }

    #[test]
    fn a_finding_goes_to_the_option_asked_for_or_a_new_one_with_the_current_table() {
        let t = t();
        let mut r = Review::default();
        r.activities = vec![act("Chuẩn bị hồ sơ", 8), act("Nộp hồ sơ", 4)];
        let line = ContentLine {
            component: Some(Component::HoSo),
            change: "Bỏ bản sao chứng thực".into(),
            ..Default::default()
        };
        let made = r.apply(
            &Edit::AddContentLine {
                target: Target::NewOption(OptionKind::SuaDoi),
                line: line.clone(),
            },
            &t,
        );
        assert_eq!(made, Some(0));
        assert_eq!(
            r.options[0].activities, r.activities,
            "never an empty table"
        );
        assert_eq!(r.options[0].content, vec![line.clone()]);
        r.apply(&Edit::AddOption(OptionKind::TrucTuyen), &t);
        r.apply(
            &Edit::AddContentLine {
                target: Target::Option(1),
                line: line.clone(),
            },
            &t,
        );
        assert_eq!(r.options[1].content.len(), 1);
        assert_eq!(r.options[0].content.len(), 1);
        // A target that is not there changes nothing.
        let before = r.clone();
        r.apply(
            &Edit::AddContentLine {
                target: Target::Option(9),
                line,
            },
            &t,
        );
        assert_eq!(r, before);
    }

    #[test]
    fn changing_the_kind_empties_or_refills_the_after_table() {
        let t = t();
        let mut r = Review::default();
        r.activities = vec![act("a", 1)];
        r.apply(&Edit::AddOption(OptionKind::SuaDoi), &t);
        r.apply(
            &Edit::SetOptionKind {
                option: 0,
                kind: OptionKind::BaiBo,
            },
            &t,
        );
        assert!(r.options[0].activities.is_empty());
        r.apply(
            &Edit::SetOptionKind {
                option: 0,
                kind: OptionKind::PhanCap,
            },
            &t,
        );
        assert_eq!(r.options[0].activities, r.activities);
    }

    #[test]
    fn removing_a_listed_item_moves_the_answers_of_the_items_after_it() {
        let t = t();
        let q = DOC_QUESTION.to_string();
        let mut r = Review::default();
        for n in ["A", "B", "C"] {
            r.apply(&Edit::AddListItem(TextList::Documents), &t);
            r.tthc.documents.last_mut().unwrap().name = n.into();
        }
        for (i, c) in ["co", "khong", "co"].iter().enumerate() {
            r.answers.insert(item_key(&q, i), Answer::choice(c));
        }
        r.apply(
            &Edit::RemoveListItem {
                list: TextList::Documents,
                index: 0,
            },
            &t,
        );
        assert_eq!(r.tthc.documents[0].name, "B");
        assert_eq!(r.answers[&item_key(&q, 0)], Answer::choice("khong"));
        assert_eq!(r.answers[&item_key(&q, 1)], Answer::choice("co"));
        assert!(!r.answers.contains_key(&item_key(&q, 2)));
    }

    #[test]
    fn pasted_rows_fill_from_the_row_pointed_at_and_add_the_rest() {
        let t = t();
        let mut r = Review::default();
        r.activities = vec![act("cũ", 1)];
        r.activities[0].hours.note = "nguồn cũ".into();
        let row = |n: &str, h: i64| PastedRow {
            name: Some(n.into()),
            hours: Some(Figure::int(h)),
            ..Default::default()
        };
        r.apply(
            &Edit::PasteActivities {
                table: TableRef::Current,
                at: 0,
                rows: vec![row("Một", 2), row("Hai", 3), row("Ba", 4)],
            },
            &t,
        );
        let names: Vec<&str> = r.activities.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Một", "Hai", "Ba"]);
        assert_eq!(r.activities[2].hours, Figure::int(4));
        assert_eq!(
            r.activities[0].hours.note, "nguồn cũ",
            "a note stays with its cell"
        );
    }

    #[test]
    fn an_excel_range_pastes_as_rows_with_vietnamese_numbers() {
        let text = "Hoạt động\tGiờ\tDịch vụ\tKhác\r\nChuẩn bị hồ sơ\t0,5\t50.000\t20000\r\nNộp hồ sơ\t4\t\t1.234,5\r\nNhận kết quả\tbốn\t0\t0\r\n";
        let rows = parse_pasted(text, 0);
        assert_eq!(rows.len(), 3, "the header is left out");
        assert_eq!(rows[0].name.as_deref(), Some("Chuẩn bị hồ sơ"));
        assert_eq!(rows[0].hours, Some(Figure::new(Decimal::new(5, 1))));
        assert_eq!(rows[0].service, Some(Figure::int(50_000)));
        assert_eq!(rows[0].other, Some(Figure::int(20_000)));
        assert_eq!(rows[1].service, Some(Figure::int(0)));
        assert_eq!(rows[1].other, Some(Figure::new(Decimal::new(12345, 1))));
        assert_eq!(rows[2].hours, Some(Figure::invalid_text("bốn")));
        // From the hours column on: no name.
        let rows = parse_pasted("8\t0\t20.000\n", 1);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].name, None);
        assert_eq!(rows[0].hours, Some(Figure::int(8)));
        assert_eq!(rows[0].other, Some(Figure::int(20_000)));
    }

    #[test]
    fn a_copied_table_carries_no_live_formula_and_no_invented_zero() {
        let acts = vec![
            act("=HYPERLINK(\"http://x\",\"bấm\")", 2),
            act("-2 bước", 1),
            act("Nộp hồ sơ", 4),
        ];
        let tsv = table_as_tsv(
            &acts,
            &[Some(Decimal::from(96_496)), None, None],
            &[Some(Decimal::from(106_496)), None, None],
        );
        let lines: Vec<&str> = tsv.lines().collect();
        assert!(lines[1].starts_with("'=HYPERLINK("), "{}", lines[1]);
        assert!(lines[2].starts_with("'-2 bước"), "{}", lines[2]);
        assert!(lines[3].starts_with("Nộp hồ sơ\t"));
        // Not computed: empty cells, not 0.
        assert!(lines[3].ends_with("\t\t"), "{:?}", lines[3]);
        assert!(lines[1].ends_with("\t96496\t106496"), "{}", lines[1]);
    }

    #[test]
    fn a_table_copied_out_pastes_back_the_same() {
        let acts = vec![
            Activity::new(
                "Chuẩn bị hồ sơ",
                Figure::new(Decimal::new(5, 1)),
                Figure::int(0),
                Figure::int(20_000),
            ),
            act("Nộp hồ sơ", 4),
        ];
        let tsv = table_as_tsv(&acts, &[], &[]);
        let rows = parse_pasted(&tsv, 0);
        assert_eq!(rows.len(), 2);
        let t = t();
        let mut r = Review::default();
        r.apply(
            &Edit::PasteActivities {
                table: TableRef::Current,
                at: 0,
                rows,
            },
            &t,
        );
        assert_eq!(r.activities, acts);
    }

    #[test]
    fn a_new_or_duplicated_option_never_takes_a_name_already_used() {
        let t = t();
        let mut r = Review::default();
        r.apply(&Edit::AddOption(OptionKind::SuaDoi), &t);
        r.apply(&Edit::AddOption(OptionKind::BaiBo), &t);
        // The reviewer renames the first option "Phương án 3" …
        r.options[0].name = "  Phương án 3 ".into();
        // … so a duplicate is not a second "Phương án 3".
        r.apply(&Edit::DuplicateOption(1), &t);
        let names: Vec<String> = (0..r.options.len()).map(|i| r.option_title(i)).collect();
        assert_eq!(names, ["Phương án 3", "Phương án 2", "Phương án 4"]);
        r.options[1].name = "   ".into();
        assert_eq!(r.option_title(1), "Phương án 2");
    }

    #[test]
    fn moves() {
        let t = t();
        let mut r = Review::default();
        r.activities = vec![act("a", 1), act("b", 2), act("c", 3)];
        r.apply(
            &Edit::MoveActivity {
                table: TableRef::Current,
                from: 2,
                to: 0,
            },
            &t,
        );
        let names: Vec<&str> = r.activities.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["c", "a", "b"]);
    }
}

#[cfg(test)]
mod stage_tests {
    use super::*;

    #[test]
    fn a_stage_is_recorded_once_with_its_date() {
        struct NoRules;
        impl EditRules for NoRules {
            fn item_questions(&self, _: ItemList) -> Vec<String> {
                Vec::new()
            }
            fn apply_income_preset(&self, _: u16, _: &mut crate::model::CostParams) -> bool {
                false
            }
            fn apply_wage_preset(&self, _: usize, _: &mut crate::model::CostParams) -> bool {
                false
            }
        }
        let t = NoRules;
        let mut r = Review::default();
        let d = chrono::NaiveDate::from_ymd_opt(2024, 7, 25).unwrap();
        let e = Edit::SetStage {
            stage: super::super::Stage::SentForAssessment,
            date: d,
        };
        r.apply(&e, &t);
        r.apply(&e, &t);
        assert_eq!(r.tracking.len(), 1);
        assert_eq!(r.stage().unwrap().date, d);
    }
}
