//! Templates are data (spec §7): the review form, activity and income presets, option kinds and
//! the fixed wording, in RON under assets/templates/. Embedded as defaults so the binary runs from
//! anywhere; a folder of the same files, when present, overrides them file by file.

mod edit_rules;
mod form;
mod validate;

pub use form::*;

mod targets;
use crate::model::OptionKind;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
pub use targets::{
    GOVERNMENT_FILE, Government, Province, RetiredLevel, TARGETS_FILE, Targets, YearTargets,
};

pub const FORM_FILE: &str = "form.ron";
pub const PRESETS_FILE: &str = "presets.ron";
pub const OPTION_KINDS_FILE: &str = "option_kinds.ron";
pub const WORDING_FILE: &str = "wording.ron";
pub const FIELDS_FILE: &str = "fields.ron";

const EMBEDDED: [(&str, &str); 5] = [
    (FORM_FILE, include_str!("../../assets/templates/form.ron")),
    (
        PRESETS_FILE,
        include_str!("../../assets/templates/presets.ron"),
    ),
    (
        OPTION_KINDS_FILE,
        include_str!("../../assets/templates/option_kinds.ron"),
    ),
    (
        WORDING_FILE,
        include_str!("../../assets/templates/wording.ron"),
    ),
    (
        FIELDS_FILE,
        include_str!("../../assets/templates/fields.ron"),
    ),
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityPreset {
    pub name: String,
    pub hours: crate::model::Figure,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncomePreset {
    pub year: u16,
    pub gdp_per_capita: Decimal,
    pub hourly: Decimal,
    pub source: String,
}

impl IncomePreset {
    /// Puts this year's hourly income, with where it came from, into a review's cost parameters.
    pub fn apply(&self, cost: &mut crate::model::CostParams) {
        use crate::model::Figure;
        cost.hourly_income = Figure::with_note(
            self.hourly,
            format!("GDP bình quân đầu người năm {} ÷ 2.112", self.year),
        );
        cost.income_year = Some(self.year);
        cost.income_source = self.source.clone();
        cost.gdp_per_capita = Some(Figure::new(self.gdp_per_capita));
        cost.months = Figure::int(12);
        cost.days_per_month = Figure::int(22);
        cost.hours_per_day = Figure::int(8);
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Presets {
    pub activities: Vec<ActivityPreset>,
    pub incomes: Vec<IncomePreset>,
    /// Public-sector wages: the hourly value of a civil servant's time, for internal procedures
    /// (TTHC nội bộ), where the one who complies is a state body.
    #[serde(default)]
    pub public_wages: Vec<WagePreset>,
    /// Hours to prepare one dossier document, for the cost table proposed from a portal record.
    #[serde(default)]
    pub document_hours: Option<DocumentHours>,
}

/// The standard time to prepare one document of a dossier, by kind, with its source.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentHours {
    pub ban_chinh: Decimal,
    pub ban_sao: Decimal,
    pub ban_sao_chung_thuc: Decimal,
    pub source: String,
}

/// An hourly public-sector wage: lương cơ sở × hệ số lương ÷ giờ làm việc/tháng.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WagePreset {
    pub name: String,
    /// The year from which the base salary applies.
    pub year: u16,
    pub base_salary: Decimal,
    pub coefficient: Decimal,
    pub hours_per_month: Decimal,
    pub hourly: Decimal,
    pub source: String,
}

impl WagePreset {
    /// Puts this wage into a review's cost parameters, with its source and how it is computed.
    pub fn apply(&self, cost: &mut crate::model::CostParams) {
        use crate::model::Figure;
        cost.hourly_income = Figure::with_note(
            self.hourly,
            format!(
                "lương cơ sở {} × hệ số {} ÷ {} giờ/tháng",
                crate::text::format::money(self.base_salary),
                crate::text::format::number(self.coefficient),
                crate::text::format::number(self.hours_per_month)
            ),
        );
        cost.income_year = Some(self.year);
        cost.income_source = self.source.clone();
        cost.gdp_per_capita = None;
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionKindLabel {
    pub kind: OptionKind,
    pub label: String,
    pub description: String,
}

/// Fixed wording keyed by id; `{name}` placeholders are filled at use.
#[derive(Debug, Clone, Deserialize)]
#[serde(transparent)]
pub struct Wording(pub BTreeMap<String, String>);

impl Wording {
    /// The text for `key`; validation guarantees every key the program uses is present.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map(String::as_str).unwrap_or(key)
    }

    /// The text for `key` with `{name}` placeholders replaced. A part in square brackets is
    /// printed (without the brackets) only when every placeholder in it has a value, so an
    /// empty field leaves no stray punctuation: "Thủ tục {ten}[ (mã số {ma_so})]".
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill_text(self.get(key), values)
    }
}

/// `text` with `{name}` placeholders replaced and its `[optional]` parts kept only when every
/// placeholder inside has a non-blank value (see `Wording::fill`).
pub fn fill_text(text: &str, values: &[(&str, &str)]) -> String {
    let value = |name: &str| values.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(len) = rest[open..].find(']') else {
            break;
        };
        out.push_str(&replace_all(&rest[..open], values));
        let inner = &rest[open + 1..open + len];
        let filled =
            placeholders(inner).all(|name| value(name).is_none_or(|v| !v.trim().is_empty()));
        if filled {
            out.push_str(&replace_all(inner, values));
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(&replace_all(rest, values));
    out
}

fn replace_all(text: &str, values: &[(&str, &str)]) -> String {
    let mut s = text.to_string();
    for (name, value) in values {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

/// The `{name}` placeholders of a text.
fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
}

#[derive(Debug, Clone)]
pub struct Templates {
    pub form: FormTemplate,
    pub presets: Presets,
    pub option_kinds: Vec<OptionKindLabel>,
    pub wording: Wording,
    /// The lĩnh vực a department uses, in the spelling reports print.
    pub fields: Vec<String>,
    /// Where each file came from ("(mặc định)" or a path), for messages.
    pub origin: String,
    /// The cuts each year must reach against the baseline year.
    pub targets: Targets,
    /// Levels of government, provinces, departments.
    pub government: Government,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub file: String,
    pub line: Option<usize>,
    pub col: Option<usize>,
    pub msg: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.col) {
            (Some(l), Some(c)) => write!(f, "{}: dòng {l}, cột {c}: {}", self.file, self.msg),
            _ => write!(f, "{}: {}", self.file, self.msg),
        }
    }
}

impl std::error::Error for TemplateError {}

impl TemplateError {
    pub(crate) fn at(file: &str, msg: impl Into<String>) -> Self {
        TemplateError {
            file: file.to_string(),
            line: None,
            col: None,
            msg: msg.into(),
        }
    }
}

/// Parses a RON data file; an error names the file, line and column.
pub(crate) fn parse<'a, T: Deserialize<'a>>(file: &str, text: &'a str) -> Result<T, TemplateError> {
    crate::text::ron_options()
        .from_str(text)
        .map_err(|e| TemplateError {
            file: file.to_string(),
            line: Some(e.span.start.line),
            col: Some(e.span.start.col),
            msg: format!(
                "lỗi cú pháp hoặc nội dung ({})",
                crate::text::ron_error(&e.code)
            ),
        })
}

impl Templates {
    /// Parses and validates the five files, given as (file name for messages, text).
    pub fn from_texts(
        form: (&str, &str),
        presets: (&str, &str),
        kinds: (&str, &str),
        wording: (&str, &str),
        fields: (&str, &str),
    ) -> Result<Self, TemplateError> {
        let t = Templates {
            form: parse(form.0, form.1)?,
            presets: parse(presets.0, presets.1)?,
            option_kinds: parse(kinds.0, kinds.1)?,
            wording: parse(wording.0, wording.1)?,
            fields: parse(fields.0, fields.1)?,
            origin: String::new(),
            targets: Targets::embedded(),
            government: Government::embedded(),
        };
        let mut t = t;
        // A wording file written for an older version lacks the newer keys: they read as the
        // built-in text, so the file keeps working.
        if wording.1 != EMBEDDED[3].1
            && let Ok(Wording(defaults)) = parse::<Wording>(EMBEDDED[3].0, EMBEDDED[3].1)
        {
            for (k, v) in defaults {
                t.wording.0.entry(k).or_insert(v);
            }
        }
        validate::form(form.0, &t.form)?;
        validate::presets(presets.0, &t.presets)?;
        validate::option_kinds(kinds.0, &t.option_kinds)?;
        validate::wording(wording.0, &t.wording)?;
        validate::fields(fields.0, &t.fields)?;
        Ok(t)
    }

    /// The templates built into the binary.
    pub fn embedded() -> Self {
        let [f, p, k, w, l] = EMBEDDED;
        let mut t = Self::from_texts(f, p, k, w, l)
            .expect("the embedded templates are checked by the test suite");
        t.origin = "(mặc định, trong chương trình)".to_string();
        t
    }

    /// Loads from `dir`: each file present there replaces the embedded one.
    pub fn load_dir(dir: &Path) -> Result<Self, TemplateError> {
        let mut texts: Vec<(String, String)> = Vec::new();
        for (name, embedded) in EMBEDDED {
            let path = dir.join(name);
            if path.is_file() {
                let text = crate::storage::read_text_limited(&path)
                    .map_err(|e| TemplateError::at(&path.display().to_string(), e))?;
                texts.push((path.display().to_string(), text));
            } else {
                texts.push((format!("{name} (mặc định)"), embedded.to_string()));
            }
        }
        let arg = |i: usize| (texts[i].0.as_str(), texts[i].1.as_str());
        let mut t = Self::from_texts(arg(0), arg(1), arg(2), arg(3), arg(4))?;
        let targets = dir.join(TARGETS_FILE);
        if targets.is_file() {
            let name = targets.display().to_string();
            let text = crate::storage::read_text_limited(&targets)
                .map_err(|e| TemplateError::at(&name, e))?;
            t.targets = Targets::parse(&name, &text).map_err(|e| TemplateError::at(&name, e))?;
        }
        let government = dir.join(GOVERNMENT_FILE);
        if government.is_file() {
            let name = government.display().to_string();
            let text = crate::storage::read_text_limited(&government)
                .map_err(|e| TemplateError::at(&name, e))?;
            t.government =
                Government::parse(&name, &text).map_err(|e| TemplateError::at(&name, e))?;
        }
        t.origin = dir.display().to_string();
        Ok(t)
    }

    /// The folder to load from at start: $TTHC_TEMPLATES, else ./assets/templates when present.
    pub fn default_dir() -> Option<PathBuf> {
        if let Some(d) = std::env::var_os("TTHC_TEMPLATES") {
            return Some(PathBuf::from(d));
        }
        let local = PathBuf::from("assets/templates");
        local.is_dir().then_some(local)
    }

    /// Templates for a run: from the default folder if there is one, else embedded.
    pub fn load_default() -> Result<Self, TemplateError> {
        match Self::default_dir() {
            Some(dir) => Self::load_dir(&dir),
            None => Ok(Self::embedded()),
        }
    }

    /// How a lĩnh vực is printed: the list's spelling when the text names a listed lĩnh vực
    /// (whatever its case or tone placement), else the text as typed, trimmed.
    pub fn field_spelling<'a>(&'a self, field: &'a str) -> &'a str {
        let key = crate::model::text_key(field);
        self.fields
            .iter()
            .find(|f| crate::model::text_key(f) == key)
            .map_or(field.trim(), String::as_str)
    }

    pub fn kind_label(&self, kind: OptionKind) -> &str {
        self.option_kinds
            .iter()
            .find(|k| k.kind == kind)
            .map(|k| k.label.as_str())
            .unwrap_or(kind.id())
    }
}
