//! The guided steps of a review, in order. Saved in review files (a quality comment is about
//! one step), so it belongs to the model; the progress of each step is `crate::progress`.

/// The guided steps, in order (also the part of a review a quality comment is about).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Step {
    Record,
    Necessity,
    Reasonableness,
    Legality,
    CurrentCost,
    Options,
    Compare,
}

impl Step {
    pub const ALL: [Step; 7] = [
        Step::Record,
        Step::Necessity,
        Step::Reasonableness,
        Step::Legality,
        Step::CurrentCost,
        Step::Options,
        Step::Compare,
    ];

    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}
