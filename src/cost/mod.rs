//! The compliance-cost engine: pure functions over the model.

mod aggregate;
mod engine;
pub mod format;

pub use aggregate::*;
pub use engine::*;
