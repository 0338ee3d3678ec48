//! Saving and reading as it goes wrong in real life: a save killed at a random moment, a full
//! disk, a planted temp symlink, a closed pipe, a FIFO, an output named like a review, hand-made
//! and fuzzed files. Each test reproduced a failure of the earlier version first.

use crate::common;
use common::*;
use proptest::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tthc_review::model::Review;
use tthc_review::storage::{backup_path, load_review, parse_review, save_review, to_ron};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tthc-review"))
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let o = bin().args(args).output().unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn example(name: &str) -> PathBuf {
    examples_dir().join(name)
}

const XANG_DAU: &str = "xang-dau-cap-gcn-cua-hang.ron";

/// Every file of a folder with its bytes, to prove nothing was written.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut v: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let b = fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    v.sort();
    v
}

// ---- a CLI that never panics ----

#[cfg(unix)]
#[test]
fn check_into_a_closed_pipe_or_a_full_stdout_ends_quietly() {
    // `check DIR | head -1` once head has gone: the first write fails with a broken pipe.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let o = bin()
        .args(["check", examples_dir().to_str().unwrap()])
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // A full disk behind stdout.
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let o = bin()
        .args(["calc", example(XANG_DAU).to_str().unwrap()])
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3));
    assert!(!String::from_utf8_lossy(&o.stderr).contains("panicked"));
}

/// Runs the binary, failing the test if it has not finished within `limit`.
fn run_within(args: &[&str], limit: Duration) -> (Option<i32>, String) {
    let mut child = bin()
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            use std::io::Read;
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status.code(), err);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("{args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[cfg(unix)]
#[test]
fn only_regular_files_of_reasonable_size_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("ong.ron");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (code, err) = run_within(&["check", fifo.to_str().unwrap()], Duration::from_secs(20));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("ong.ron") && err.contains("FIFO"), "{err}");

    let (code, err) = run_within(&["calc", "/dev/zero"], Duration::from_secs(20));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("thiết bị"), "{err}");

    let big = dir.path().join("lon.ron");
    let f = fs::File::create(&big).unwrap();
    f.set_len(17 * 1024 * 1024).unwrap();
    let (code, err) = run_within(&["check", big.to_str().unwrap()], Duration::from_secs(20));
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("lon.ron") && err.contains("giới hạn 16 MB"),
        "{err}"
    );
}

// ---- outputs never destroy inputs ----

#[test]
fn export_and_compile_never_replace_a_review_or_a_foreign_file() {
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join(XANG_DAU);
    fs::copy(example(XANG_DAU), &review).unwrap();
    let other = dir.path().join("khac.ron");
    fs::copy(example("vlncn-cap-lai-gcn-huan-luyen.ron"), &other).unwrap();
    let before = snapshot(dir.path());
    let r = review.to_str().unwrap();
    for args in [
        vec!["export", r, "-o", r],
        vec!["export", r, "-o", other.to_str().unwrap(), "--force"],
        vec!["compile", dir.path().to_str().unwrap(), "-o", r, "--force"],
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, Some(1), "{args:?}: {err}");
        assert!(err.contains(".pdf"), "{err}");
    }
    // A review saved under a .pdf name is not a PDF: never overwritten, even with --force.
    let disguised = dir.path().join("bao-cao.pdf");
    fs::copy(&review, &disguised).unwrap();
    let (code, _, err) = run(&["export", r, "-o", disguised.to_str().unwrap(), "--force"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("không phải tệp .pdf"), "{err}");
    fs::remove_file(&disguised).unwrap();
    assert_eq!(snapshot(dir.path()), before, "nothing was written");

    // An existing report is replaced only with --force.
    let out = dir.path().join("mot.pdf");
    let o = out.to_str().unwrap();
    assert_eq!(run(&["export", r, "-o", o]).0, Some(0));
    let first = fs::read(&out).unwrap();
    let (code, _, err) = run(&["export", r, "-o", o]);
    assert_eq!(code, Some(1));
    assert!(err.contains("--force"), "{err}");
    assert_eq!(run(&["export", r, "-o", o, "--force"]).0, Some(0));
    assert!(fs::read(&out).unwrap().starts_with(b"%PDF"));
    assert_eq!(first.len() / 1000, fs::read(&out).unwrap().len() / 1000);
}

// ---- atomic saves ----

#[test]
fn fmt_rewrites_a_hand_edited_review_canonically_with_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("tay.ron");
    // The shipped example is written by hand (comments, short rows on one line).
    let hand = fs::read_to_string(example(XANG_DAU)).unwrap();
    let canonical = to_ron(&load_review(&example(XANG_DAU)).unwrap());
    assert_ne!(hand, canonical);
    fs::write(&p, &hand).unwrap();
    let (code, out, err) = run(&["fmt", p.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("tay.ron"), "{out}");
    assert_eq!(fs::read_to_string(&p).unwrap(), canonical);
    assert_eq!(fs::read_to_string(backup_path(&p)).unwrap(), hand);
    // A broken file is reported and left alone.
    let bad = dir.path().join("hong.ron");
    fs::write(&bad, "(schema_version: 1, tthc: (").unwrap();
    let (code, _, err) = run(&["fmt", bad.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert!(err.contains("hong.ron"), "{err}");
    assert_eq!(
        fs::read_to_string(&bad).unwrap(),
        "(schema_version: 1, tthc: ("
    );
    assert!(!backup_path(&bad).exists());
}

/// A review large enough that writing it takes a while (about 250 KB).
fn big_review() -> Review {
    let mut r = load_review(&example(XANG_DAU)).unwrap();
    let rows = r.activities.clone();
    for i in 0..600 {
        let mut a = rows[i % rows.len()].clone();
        a.name = format!("{} — lần {i}", a.name);
        r.activities.push(a);
    }
    r
}

/// Tiny pseudo-random numbers (xorshift): reproducible, no extra dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

#[cfg(unix)]
#[test]
fn fmt_killed_at_random_moments_leaves_the_review_and_its_backup_whole() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("lon.ron");
    let review = big_review();
    save_review(&p, &review).unwrap();
    // A hand-edited variant (comments, other spacing): fmt always has something to rewrite.
    let canonical = to_ron(&review);
    let variant = format!("// bản sửa tay\n{}", canonical.replace(",\n", " ,\n"));
    assert_eq!(parse_review(&p, &variant).unwrap(), review);
    // How long one fmt takes here; kills then land anywhere in such a run, most of them in
    // its second half, where the backup and the new file are written.
    let timed = Instant::now();
    for _ in 0..3 {
        assert!(
            bin()
                .args(["fmt", p.to_str().unwrap()])
                .output()
                .unwrap()
                .status
                .success()
        );
    }
    let run_us = (timed.elapsed().as_micros() / 3) as u64;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut killed_mid_way = 0;
    let (canonical_bytes, variant_bytes) =
        (canonical.clone().into_bytes(), variant.clone().into_bytes());
    for i in 0..200 {
        if i % 2 == 0 {
            fs::write(&p, &variant).unwrap();
        }
        let mut child = bin()
            .args(["fmt", p.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let at = if i % 4 == 0 {
            rng.below(run_us)
        } else {
            run_us / 2 + rng.below(run_us * 3 / 5)
        };
        std::thread::sleep(Duration::from_micros(at));
        if child.try_wait().unwrap().is_none() {
            killed_mid_way += 1;
        }
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        for f in [&p, &backup_path(&p)] {
            let Ok(bytes) = fs::read(f) else { continue };
            // Either whole version, byte for byte; anything else must at least load as it.
            if bytes != canonical_bytes && bytes != variant_bytes {
                let r = load_review(f).unwrap_or_else(|e| panic!("iteration {i}: {e}"));
                assert_eq!(r, review, "iteration {i}: {}", f.display());
            }
        }
        assert!(p.exists(), "iteration {i}: the review is never missing");
    }
    assert!(
        killed_mid_way > 20,
        "only {killed_mid_way} kills hit a running fmt"
    );
    // Temp files of killed saves are hidden, never taken for reviews.
    let listed = tthc_review::storage::review_files(dir.path()).unwrap();
    assert_eq!(listed, vec![p.clone()]);
}

#[cfg(unix)]
#[test]
fn a_write_that_fails_part_way_leaves_the_review_and_its_backup_as_they_were() {
    // The file size limit (ulimit -f) makes the write fail part way, as a full disk does.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("lon.ron");
    let review = big_review();
    save_review(&p, &review).unwrap();
    let variant = format!("// sửa tay\n{}", to_ron(&review));
    fs::write(&p, &variant).unwrap();
    fs::write(backup_path(&p), "(schema_version: 1)").unwrap();
    let before = snapshot(dir.path());
    let script = format!(
        "trap '' XFSZ; ulimit -f 64; exec '{}' fmt '{}'",
        env!("CARGO_BIN_EXE_tthc-review"),
        p.display()
    );
    let o = Command::new("sh").args(["-c", &script]).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("không lưu được") && err.contains("vẫn như trước"),
        "{err}"
    );
    assert_eq!(snapshot(dir.path()), before, "review and backup untouched");
}

#[cfg(unix)]
#[test]
#[cfg_attr(
    not(tthc_root),
    ignore = "needs root to mount a small tmpfs (CI runs as root)"
)]
fn a_real_full_disk_leaves_everything_as_it_was() {
    let mnt = tempfile::tempdir().unwrap();
    let mount = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
        .arg(mnt.path())
        .output()
        .unwrap();
    assert!(
        mount.status.success(),
        "root, yet a tmpfs cannot be mounted: {}",
        String::from_utf8_lossy(&mount.stderr)
    );
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.0).status();
        }
    }
    let _u = Unmount(mnt.path());
    let p = mnt.path().join("a.ron");
    let older = load_review(&example("vlncn-cap-lai-gcn-huan-luyen.ron")).unwrap();
    let small = load_review(&example(XANG_DAU)).unwrap();
    save_review(&p, &older).unwrap();
    save_review(&p, &small).unwrap();
    // Fill the disk to the last page.
    let mut n = 0;
    for size in [64 * 1024, 4096, 512] {
        let filler = vec![b'x'; size];
        while fs::write(mnt.path().join(format!(".fill{n}")), &filler).is_ok() {
            n += 1;
        }
    }
    let before = (fs::read(&p).unwrap(), fs::read(backup_path(&p)).unwrap());
    let err = save_review(&p, &big_review()).unwrap_err().to_string();
    assert!(err.contains("ổ đĩa đã đầy"), "{err}");
    assert_eq!(
        (fs::read(&p).unwrap(), fs::read(backup_path(&p)).unwrap()),
        before
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_review_keeps_its_link_and_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("that.ron");
    fs::copy(example(XANG_DAU), &real).unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    // A planted temp symlink pointing at a file the user can write.
    let victim = dir.path().join("nan-nhan.txt");
    fs::write(&victim, "giữ nguyên").unwrap();
    std::os::unix::fs::symlink(&victim, dir.path().join("link.ron.tmp")).unwrap();
    std::os::unix::fs::symlink(&victim, dir.path().join("that.ron.tmp")).unwrap();
    let (code, _, err) = run(&["fmt", link.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(fs::read_to_string(&victim).unwrap(), "giữ nguyên");
    assert!(backup_path(&real).exists());
}

// ---- messages a Vietnamese user can act on ----

fn load_err(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    load_review(&p).unwrap_err().to_string()
}

#[test]
fn messages_carry_no_parser_english_no_type_names_and_quote_little() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("a.ron", b"(schema_version: 1, cost: [1, 2])".to_vec()),
        ("b.ron", b"(schema_version: 1, tthc: (code: 5))".to_vec()),
        ("c.ron", b"[(schema_version: 1)]".to_vec()),
        (
            "d.ron",
            b"(schema_version: 1, options: [(kind: xoa_het)])".to_vec(),
        ),
        (
            "e.ron",
            b"(schema_version: 1, frequency: (value: \"1\", nguon: \"x\"))".to_vec(),
        ),
        (
            "f.ron",
            format!(
                "(schema_version: 1, tthc: ({}: 1))",
                "\u{1b}[31m".to_string() + &"x".repeat(50_000)
            )
            .into_bytes(),
        ),
        (
            "g.ron",
            format!("(schema_version: 1, note: \"{}\" x)", "y".repeat(1000)).into_bytes(),
        ),
    ];
    for (name, bytes) in &cases {
        let e = load_err(dir.path(), name, bytes);
        assert!(e.contains(name), "{e}");
        for english in [
            "Expected",
            "expected",
            "struct",
            "Probe",
            "CostParams",
            "TthcRecord",
            "invalid type",
            "`",
        ] {
            assert!(!e.contains(english), "«{english}» in: {e}");
        }
        assert!(e.chars().count() < 400, "{} chars: {e}", e.chars().count());
        assert!(
            !e.contains('\u{1b}'),
            "terminal escape reached the message: {e}"
        );
    }
}

#[test]
fn a_truncated_file_is_never_called_not_utf8() {
    let full = fs::read(example("vlncn-cap-gcn-huan-luyen.ron")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("cut.ron");
    let mut seen_mid_char = 0;
    for cut in (1..full.len() - 1).step_by(7) {
        let part = &full[..cut];
        if std::str::from_utf8(part).is_err() {
            seen_mid_char += 1;
        }
        fs::write(&p, part).unwrap();
        let Err(e) = load_review(&p) else { continue };
        let e = e.to_string();
        assert!(!e.contains("UTF-8"), "cut at {cut}: {e}");
    }
    assert!(seen_mid_char > 20, "the cuts hit multi-byte characters");
}

#[test]
fn a_duplicated_answer_key_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"(schema_version: 1, answers: {
        "ten_ro_rang": (choice: Some("co")),
        "ten_ro_rang": (choice: Some("khong")),
    })"#;
    let e = load_err(dir.path(), "trung.ron", text.as_bytes());
    assert!(e.contains("ten_ro_rang") && e.contains("hai lần"), "{e}");
}

#[test]
fn a_negative_gdp_or_a_zero_divisor_part_fails_check() {
    let dir = tempfile::tempdir().unwrap();
    type Damage = (&'static str, fn(&mut Review));
    let edits: [Damage; 3] = [
        ("gdp.ron", |r| {
            r.cost.gdp_per_capita = Some(fig("-101900000"))
        }),
        ("thang.ron", |r| r.cost.months = fig("-12")),
        ("ngay.ron", |r| r.cost.days_per_month = fig("0")),
    ];
    for (name, edit) in edits {
        let mut r = load_review(&example(XANG_DAU)).unwrap();
        edit(&mut r);
        let p = dir.path().join(name);
        save_review(&p, &r).unwrap();
        let (code, _, err) = run(&["check", p.to_str().unwrap()]);
        assert_eq!(code, Some(1), "{name}: {err}");
        assert!(err.contains(name) && err.contains("lớn hơn 0"), "{err}");
    }
}

// ---- exact numbers ----

#[test]
fn unquoted_numbers_are_read_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("so.ron");
    for (written, exact) in [
        ("0.1", "0.1"),
        ("48248", "48248"),
        ("1e3", "1000"),
        ("1_000_000", "1000000"),
        (
            "79228162514264337593543950335",
            "79228162514264337593543950335",
        ),
        ("0.30000000000000004", "0.30000000000000004"),
        ("123456789012345678.25", "123456789012345678.25"),
    ] {
        fs::write(
            &p,
            format!("(schema_version: 1, subjects: {written}, cost: (hourly_income: (value: {written}, note: \"x\")))"),
        )
        .unwrap();
        let r = load_review(&p).unwrap_or_else(|e| panic!("{written}: {e}"));
        assert_eq!(r.subjects.value, d(exact), "{written}");
        assert_eq!(r.cost.hourly_income.value, d(exact), "{written}");
    }
    fs::write(
        &p,
        "(schema_version: 1, subjects: 79228162514264337593543950336)",
    )
    .unwrap();
    let e = load_review(&p).unwrap_err().to_string();
    assert!(
        e.contains("vượt quá giới hạn") && !e.contains("không phải là số"),
        "{e}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn any_decimal_written_plainly_reads_back_exactly(
        mantissa in -9_999_999_999_999_999i64..9_999_999_999_999_999i64,
        scale in 0u32..10,
    ) {
        let v = rust_decimal::Decimal::new(mantissa, scale);
        let text = format!("(schema_version: 1, frequency: {v}, subjects: \"{v}\")");
        let r = parse_review(Path::new("p.ron"), &text).unwrap();
        prop_assert_eq!(r.frequency.value, v);
        prop_assert_eq!(r.subjects.value, v);
        // and a save writes it back exactly
        let again = parse_review(Path::new("p.ron"), &to_ron(&r)).unwrap();
        prop_assert_eq!(again, r);
    }
}

// ---- fuzzing: no panic, no write ----

fn mutate(rng: &mut Rng, src: &[u8]) -> Vec<u8> {
    const TOKENS: [&[u8]; 14] = [
        b"(",
        b")",
        b"[",
        b"]",
        b",",
        b":",
        b"\"",
        b"-",
        b"1e400",
        b"None",
        b"Some(",
        b"\xff",
        b"\xe1\xba",
        b"99999999999999999999999999999",
    ];
    let mut v = src.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(v.len() as u64 + 1) as usize;
        match rng.below(6) {
            0 => v.truncate(at),
            1 => {
                let n = (rng.below(40) as usize).min(v.len() - at.min(v.len()));
                v.drain(at..at + n);
            }
            2 => {
                let t = TOKENS[rng.below(TOKENS.len() as u64) as usize];
                v.splice(at..at, t.iter().copied());
            }
            3 if at < v.len() => v[at] ^= 1 << rng.below(8),
            4 => {
                let from = rng.below(v.len() as u64) as usize;
                let n = (rng.below(200) as usize).min(v.len() - from);
                let chunk: Vec<u8> = v[from..from + n].to_vec();
                v.splice(at..at, chunk);
            }
            _ => {
                if at < v.len() {
                    v[at] = rng.below(128) as u8;
                }
            }
        }
    }
    v
}

#[test]
fn thousands_of_mutants_of_the_examples_never_panic_and_never_write() {
    let dir = tempfile::tempdir().unwrap();
    let sources: Vec<Vec<u8>> = example_files()
        .iter()
        .map(|p| fs::read(p).unwrap())
        .collect();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut rejected = 0;
    let t = tthc_review::templates::Templates::embedded();
    for i in 0..3000 {
        let m = mutate(&mut rng, &sources[i % sources.len()]);
        let p = dir.path().join(format!("m{}.ron", i % 10));
        fs::write(&p, &m).unwrap();
        let before = snapshot(dir.path());
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            load_review(&p).map(|r| {
                // What loads must also cost and check without panicking.
                let _ = tthc_review::cost::review_cost(&r);
                let _ = tthc_review::preflight::review_findings(&t, &r);
            })
        }));
        match result {
            Err(_) => panic!("mutant {i} panicked: {:?}", String::from_utf8_lossy(&m)),
            Ok(Err(e)) => {
                rejected += 1;
                let s = e.to_string();
                assert!(s.chars().count() < 400 && !s.contains('\u{1b}'), "{s}");
            }
            Ok(Ok(())) => {}
        }
        assert_eq!(snapshot(dir.path()), before, "mutant {i} wrote something");
    }
    assert!(rejected > 1000, "only {rejected} mutants were rejected");
}
