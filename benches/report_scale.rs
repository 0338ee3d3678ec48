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

/// One measurement, in a process of its own so memory freed by an earlier run cannot hide the
/// growth of the next.
fn one(n: usize, f: Format) {
    let t = Templates::embedded();
    let s = ReportSettings::default();
    let items = report_bench::reviews(n);
    {
        {
            reset_peak();
            let base = status_kib("VmRSS:").unwrap_or(0);
            let start = Instant::now();
            let c = compile(&t, &s, &items, f, &|_, _| {}).unwrap();
            let secs = start.elapsed().as_secs_f64();
            let peak = status_kib("VmHWM:").unwrap_or(0);
            let grow = peak.saturating_sub(base) as f64 / 1024.0;
            println!(
                "| {n} | {} | {secs:.2} s | {:.1} MB | {grow:.0} MiB | {:.3} MiB |",
                f.ext(),
                c.bytes.len() as f64 / 1_048_576.0,
                grow / n as f64
            );
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--one") {
        let n: usize = args[i + 1].parse().expect("a count");
        let f = Format::ALL
            .into_iter()
            .find(|f| f.ext() == args[i + 2])
            .expect("pdf, docx or xlsx");
        one(n, f);
        return;
    }
    println!("| reviews | format | time | size | peak memory growth | per review |");
    println!("|---:|---|---:|---:|---:|---:|");
    let me = std::env::current_exe().expect("this program");
    for n in [500usize, 5_000] {
        for f in Format::ALL {
            let out = std::process::Command::new(&me)
                .args(["--one", &n.to_string(), f.ext()])
                .output()
                .expect("runs");
            print!("{}", String::from_utf8_lossy(&out.stdout));
        }
    }
}
