use clap::Parser;
use std::process::ExitCode;
use tthc_review::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(cmd) => cli::run(cmd),
        None => tthc_review::ui::run_native(None),
    }
}
