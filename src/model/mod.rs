//! The review model: plain data, serde, no GUI.

mod answers;
mod comment;
mod edit;
mod figure;
mod key;
mod measures;
mod option;
mod record;
mod review;
mod step;
mod tracking;

pub use answers::*;
pub use comment::Comment;
pub use edit::*;
pub use figure::{Figure, parse_decimal_vi};
pub use key::{code_key, field_key, text_key, tthc_key};
pub use measures::*;
pub use option::*;
pub use record::*;
pub use review::*;
pub use step::Step;
pub use tracking::*;
