//! Printing for the command line that never panics: when stdout is closed or full (`check DIR |
//! head -1`), the program ends quietly with [`CLOSED_OUTPUT`]; a closed stderr is ignored.

use std::fmt::Display;
use std::io::Write;

/// Exit status when standard output could not be written.
pub const CLOSED_OUTPUT: i32 = 3;

/// One line on standard output.
pub fn line(text: impl Display) {
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{text}").and_then(|_| out.flush()).is_err() {
        std::process::exit(CLOSED_OUTPUT);
    }
}

/// One line on standard error (messages); nothing happens if it is closed.
pub fn err(text: impl Display) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// `println!` that never panics: see [`line`].
macro_rules! say {
    ($($t:tt)*) => { $crate::console::line(format_args!($($t)*)) };
}

/// `eprintln!` that never panics: see [`err`].
macro_rules! tell {
    ($($t:tt)*) => { $crate::console::err(format_args!($($t)*)) };
}

pub(crate) use {say, tell};
