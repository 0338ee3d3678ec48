//! tthc-review: review administrative procedures (TTHC) under Thông tư 02/2017/TT-VPCP and cost
//! their simplification. The domain (model, cost, storage, templates) is plain Rust; the GUI and
//! the CLI are thin layers over it.

pub mod check;
pub mod cli;
pub mod console;
pub mod cost;
pub mod exchange;
pub mod measures;
pub mod model;
pub mod parallel;
pub mod plan;
pub mod portal;
pub mod preflight;
pub mod print_fonts;
pub mod progress;
pub mod report;
pub mod storage;
pub mod templates;
pub mod text;
pub mod ui;
