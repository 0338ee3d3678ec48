//! The integration tests, one binary: each module is one subject (see README, «Kiểm thử»).
//! One binary links the whole stack once instead of sixteen times. The typing test
//! (`tests/typing.rs`) is a binary of its own: it drives a real window and input method and
//! must not share the machine's cores with the rest of the suite.

mod common;

mod cli;
mod cost_engine;
mod desk;
mod docs_format;
mod documents;
mod exchange;
mod gui;
mod office_report;
mod office_year;
mod plan;
mod properties;
mod report;
mod shared_folder;
mod storage;
mod storage_safety;
mod templates;
