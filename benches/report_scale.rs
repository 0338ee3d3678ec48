//! Compile 500 and 5 000 generated reviews in each format: time, file size and peak memory
//! (the growth of the process's peak resident set, reset before each run through
//! /proc/self/clear_refs; Linux only). Prints a table for the README.
//! Run: `cargo bench --bench report_scale`.

#[path = "report.rs"]
#[allow(dead_code)]
mod report_bench;

use std::time::Instant;
use tthc_review::report::{Format, ReportSettings, compile};
use tthc_review::templates::Templates;

fn status_kib(key: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find(|l| l.starts_with(key))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn main() {
    // `cargo bench` passes "--bench"; nothing else to parse.
    let t = Templates::embedded();
    let s = ReportSettings::default();
    println!("| reviews | format | time | size | peak memory growth | per review |");
    println!("|---:|---|---:|---:|---:|---:|");
    for n in [500usize, 5_000] {
        let items = report_bench::reviews(n);
        for f in Format::ALL {
            reset_peak();
            let base = status_kib("VmRSS:").unwrap_or(0);
            let start = Instant::now();
            let c = compile(&t, &s, &items, f, &|_, _| {}).unwrap();
            let secs = start.elapsed().as_secs_f64();
            let peak = status_kib("VmHWM:").unwrap_or(0);
            let grow = peak.saturating_sub(base) as f64 / 1024.0;
            println!(
                "| {n} | {} | {secs:.2} s | {:.1} MB | {grow:.0} MiB | {:.3} MiB |",
                f.extension(),
                c.bytes.len() as f64 / 1_048_576.0,
                grow / n as f64
            );
        }
    }
}
