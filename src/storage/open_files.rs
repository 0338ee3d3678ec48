//! How many more files the process may hold open at once: a compiled workbook keeps a temporary
//! file open for each review's sheet until it is saved.

/// Files the app keeps for itself (its own, fonts, the window system, review files being read).
#[cfg(unix)]
const MARGIN: usize = 128;

/// How many more files may be opened, keeping a margin for the app. On Unix the soft limit is
/// first raised to the hard one (Linux starts processes at 1 024; a hard limit of 500 000 or
/// more is usual). Windows has no such small limit.
#[cfg(unix)]
pub fn spare_file_handles() -> usize {
    let mut r = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct passed to them.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut r) != 0 {
            return 0;
        }
        let want = r.rlim_max.min(1 << 20);
        if r.rlim_cur < want {
            let raised = libc::rlimit {
                rlim_cur: want,
                rlim_max: r.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                r.rlim_cur = want;
            }
        }
    }
    let open_now = std::fs::read_dir("/proc/self/fd").map_or(0, |d| d.count());
    (r.rlim_cur as usize).saturating_sub(open_now + MARGIN)
}

#[cfg(not(unix))]
pub fn spare_file_handles() -> usize {
    usize::MAX
}
