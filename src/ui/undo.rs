//! Undo / redo over whole-review snapshots: a review is small, and snapshots cannot get out of
//! step with the edits the way recorded inverse operations can.

use crate::model::Review;

const LIMIT: usize = 200;

#[derive(Default)]
pub struct Undo {
    past: Vec<Review>,
    future: Vec<Review>,
    /// The text field of the last typed edit: further typing there joins the same undo step.
    typing_in: Option<egui::Id>,
}

impl Undo {
    /// Records `before`, the state an edit started from. `typing_in` joins consecutive keystrokes
    /// in one field into one step.
    pub fn record(&mut self, before: &Review, typing_in: Option<egui::Id>) {
        if typing_in.is_some() && typing_in == self.typing_in {
            return;
        }
        self.typing_in = typing_in;
        self.past.push(before.clone());
        if self.past.len() > LIMIT {
            self.past.remove(0);
        }
        self.future.clear();
    }

    /// Ends the current typing step (focus moved, a button was pressed).
    pub fn break_step(&mut self) {
        self.typing_in = None;
    }

    pub fn undo(&mut self, current: &Review) -> Option<Review> {
        let prev = self.past.pop()?;
        self.future.push(current.clone());
        self.typing_in = None;
        Some(prev)
    }

    pub fn redo(&mut self, current: &Review) -> Option<Review> {
        let next = self.future.pop()?;
        self.past.push(current.clone());
        self.typing_in = None;
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}
