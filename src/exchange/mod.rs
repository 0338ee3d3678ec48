//! Files between the rooms and the office. A room sends its reviews as one .zip ("Gửi phòng Văn
//! phòng", `send.rs`); the office receives a .zip or a folder ("Nhận bản rà soát", `receive.rs`):
//! every file is validated, one for a TTHC that already has a review is compared with it and the
//! user chooses what happens — nothing is overwritten silently — and what came from where and
//! when is written to a log beside the reviews (`log.rs`).

mod log;
mod receive;
mod send;

pub use log::{LOG_FILE, log_path};
pub use receive::{
    Batch, CANCELLED, Choice, Compared, Existing, Incoming, MAX_TOTAL_BYTES, Outcome, Received,
    SetAside, Verdict, apply, inspect, inspect_with,
};
pub use send::{is_zip_file, pack, suggested_zip_name};
