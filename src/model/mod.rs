//! The review model: plain data, serde, no GUI.

mod answers;
mod figure;
mod option;
mod record;
mod review;

pub use answers::*;
pub use figure::{Figure, parse_decimal_vi};
pub use option::*;
pub use record::*;
pub use review::*;
