//! The compliance-cost engine: pure functions over the model.

mod aggregate;
mod engine;
/// Figures in the Vietnamese format live on the ground floor, `crate::text::format`.
pub use crate::text::format;

pub use aggregate::*;
pub use engine::*;
