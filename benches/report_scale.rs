//! Compile 500 to 5 000 generated reviews in each format as the office does: review files in a
//! folder, the real binary (`tthc-review compile DIR -o FILE`), and for each run its wall time,
//! the file's size and the whole process's peak memory (the child's maximum resident set, read
//! with getrusage in a process of its own per run). Prints a table for the README; "flat"
//! means the peak hardly grows with the number of reviews. Linux only.
//! Run: `cargo bench --bench report_scale` (`TTHC_BIN=other/tthc-review` measures another
//! build of the app on the same files).

#[path = "report.rs"]
#[allow(dead_code)]
mod report_bench;

use std::path::Path;
use std::process::Command;
use std::time::Instant;
use tthc_review::report::Format;

const COUNTS: [usize; 4] = [500, 1_000, 2_000, 5_000];

/// One compile of `dir` to `ext` by the real binary, from a process that has no other child:
/// its children's peak is the compile's. Prints "seconds bytes peak-KiB".
#[cfg(unix)]
fn one(dir: &Path, ext: &str) {
    let out = dir.with_extension(ext);
    let _ = std::fs::remove_file(&out);
    let start = Instant::now();
    // Another build to compare with: TTHC_BIN=path/to/tthc-review.
    let bin =
        std::env::var_os("TTHC_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_tthc-review").into());
    let status = Command::new(bin)
        .arg("compile")
        .arg(dir)
        .arg("-o")
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("the binary runs");
    let secs = start.elapsed().as_secs_f64();
    assert!(status.success(), "compile {} failed", dir.display());
    // SAFETY: getrusage only writes the struct passed to it.
    let peak_kib = unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut u);
        u.ru_maxrss
    };
    let size = std::fs::metadata(&out).map_or(0, |m| m.len());
    let _ = std::fs::remove_file(&out);
    println!("{secs} {size} {peak_kib}");
}

#[cfg(unix)]
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--one") {
        one(Path::new(&args[i + 1]), &args[i + 2]);
        return;
    }
    let tmp = tempfile::tempdir().expect("a temporary folder");
    println!("| reviews | format | time | size | whole-process peak | per review |");
    println!("|---:|---|---:|---:|---:|---:|");
    let me = std::env::current_exe().expect("this program");
    for n in COUNTS {
        let dir = tmp.path().join(format!("r{n}"));
        std::fs::create_dir(&dir).expect("a folder");
        for (k, (_, r)) in report_bench::reviews(n).into_iter().enumerate() {
            let r = r.expect("generated");
            tthc_review::storage::save_review(&dir.join(format!("r{k:05}.ron")), &r)
                .expect("saved");
        }
        for f in Format::ALL {
            let out = Command::new(&me)
                .arg("--one")
                .arg(&dir)
                .arg(f.ext())
                .output()
                .expect("runs");
            let line = String::from_utf8_lossy(&out.stdout);
            let v: Vec<f64> = line
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            let [secs, size, peak] = v[..] else {
                panic!(
                    "{n} {}: {line} {}",
                    f.ext(),
                    String::from_utf8_lossy(&out.stderr)
                );
            };
            let mib = peak / 1024.0;
            let row = format!(
                "| {n} | {} | {secs:.2} s | {:.2} MB | {mib:.0} MiB | {:.1} KiB |",
                f.ext(),
                size / 1e6,
                peak / n as f64
            );
            // Decimal commas, as the README writes figures.
            println!("{}", row.replace('.', ","));
        }
    }
}

#[cfg(not(unix))]
fn main() {
    println!("skipped: the peak memory of a child process is read with getrusage (Linux)");
}
