//! The ground floor: words and figures as the user reads them, shared by every other module
//! and depending on none of them — figures in the Vietnamese format (297.692.800; 26,44 %),
//! text from files quoted safely, and RON errors in words.

pub mod format;
mod messages;

pub use messages::{QUOTE_MAX, quote, ron_error, ron_located, ron_options, shown_name};
