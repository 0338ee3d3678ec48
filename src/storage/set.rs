//! The reviews of a folder read one at a time: a compilation or the home screen over thousands of
//! files never holds them all (each review is read, what is needed of it kept, and let go).

use crate::model::Review;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// A list of review files, or of reviews already in memory, read by position.
pub trait ReviewSet: Sync {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The file of the `i`-th review.
    fn path(&self, i: usize) -> &Path;
    /// The `i`-th review, or why it cannot be read (in words).
    fn load(&self, i: usize) -> Result<Cow<'_, Review>, String>;
}

/// Reviews loaded already (the tests', and a caller that holds them anyway).
impl ReviewSet for [super::LoadedReview] {
    fn len(&self) -> usize {
        <[_]>::len(self)
    }
    fn path(&self, i: usize) -> &Path {
        &self[i].0
    }
    fn load(&self, i: usize) -> Result<Cow<'_, Review>, String> {
        self[i].1.as_ref().map(Cow::Borrowed).map_err(Clone::clone)
    }
}

impl ReviewSet for Vec<super::LoadedReview> {
    fn len(&self) -> usize {
        self.as_slice().len()
    }
    fn path(&self, i: usize) -> &Path {
        self.as_slice().path(i)
    }
    fn load(&self, i: usize) -> Result<Cow<'_, Review>, String> {
        self.as_slice().load(i)
    }
}

/// Review files, each read from disk when it is asked for.
pub struct Files(pub Vec<PathBuf>);

impl ReviewSet for Files {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn path(&self, i: usize) -> &Path {
        &self.0[i]
    }
    fn load(&self, i: usize) -> Result<Cow<'_, Review>, String> {
        super::load_review(&self.0[i])
            .map(Cow::Owned)
            .map_err(|e| e.to_string())
    }
}

/// `f` applied to every review of `set` on every core, in the set's order; each review is
/// dropped once `f` has seen it.
pub fn map_reviews<'s, S: ReviewSet + ?Sized, R: Send>(
    set: &'s S,
    f: impl Fn(&Path, Result<Cow<'s, Review>, String>) -> R + Sync,
) -> Vec<R> {
    let positions: Vec<usize> = (0..set.len()).collect();
    crate::parallel::map(&positions, |&i| f(set.path(i), set.load(i)))
}
