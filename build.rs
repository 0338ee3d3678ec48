//! Whether the tests are built to run as root (CI runs as root): the one test that mounts a small
//! tmpfs to fill a real disk is then run, and otherwise marked ignored, so that `cargo test`
//! counts it as not run, never as passed.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(tthc_root)");
    println!("cargo::rerun-if-changed=build.rs");
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // /proc/self belongs to the user this build runs as.
        if std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0) {
            println!("cargo::rustc-cfg=tthc_root");
        }
    }
}
