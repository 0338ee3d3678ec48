//! "Nhận bản rà soát": reviews a room sent, from a .zip, a folder or one .ron file. `inspect`
//! reads and validates everything and compares each file with the review of the same TTHC already
//! in the folder, writing nothing; the user then chooses for each changed file, and `apply`
//! writes what was chosen and logs every file.

use crate::cost::format::{money, percent};
use crate::cost::review_cost;
use crate::model::{Review, text_key, tthc_key};
use crate::storage::{
    DiskState, LoadError, LoadProblem, MAX_FILE_BYTES, Stamp, disk_state, file_name, free_name,
    identity, is_review_name, load_review_stamped, parse_review, review_files, utf8_text,
    write_atomic,
};
use crate::templates::Templates;
use chrono::NaiveDateTime;
use std::cmp::Ordering;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A zip with more entries than this is not a room's reviews.
const MAX_ENTRIES: usize = 10_000;

/// What one receive may unpack in all, counted while reading (never from the sizes a zip
/// declares): a room's forty reviews are a few MB; four reviews at the 16 MB limit fit.
pub const MAX_TOTAL_BYTES: u64 = 64 * 1024 * 1024;

/// One side of a comparison, in the words the question shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// The TTHC's name (two files of one mã số may name it differently).
    pub tthc: String,
    /// When the file was last saved (the zip entry's time, or the file's).
    pub modified: Option<NaiveDateTime>,
    /// "Nguyễn Văn A (Phòng Quản lý thương mại)".
    pub author: String,
    /// The stage in the office's year, or how complete.
    pub status: String,
    /// Trước / sau / tiết kiệm (tỷ lệ) of the chosen option, when it can be costed.
    pub figures: Option<String>,
}

/// The review already in the folder for the same TTHC.
#[derive(Debug, Clone, PartialEq)]
pub struct Existing {
    pub path: PathBuf,
    /// What the file was when compared: a replace is refused if it changed since.
    pub stamp: Stamp,
    pub side: Side,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Compared {
    pub existing: Existing,
    pub incoming: Side,
    /// Whether the received file is newer (`Greater`) than the one here, by their save times.
    pub newer: Option<Ordering>,
    /// Set when the two were written by different reviewers or rooms.
    pub other_author: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Could not be read as a review: the message names the file and the problem.
    Broken(String),
    /// No review of this TTHC here yet.
    New,
    /// The same review as this file (same content once read): nothing to do.
    Same(PathBuf),
    /// Another version of a review that is here: the user chooses.
    Changed(Box<Compared>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// The file's name inside the source ("phong-qltm/xang-dau.ron").
    pub origin: String,
    /// The file name it would get here.
    pub name: String,
    /// The TTHC's name, when the file could be read.
    pub tthc: String,
    pub bytes: Vec<u8>,
    pub verdict: Verdict,
}

/// An entry of the source that is not taken as a review, and why: shown, and logged.
#[derive(Debug, Clone, PartialEq)]
pub struct SetAside {
    /// The entry's name in the source, control characters escaped.
    pub origin: String,
    /// In words: "không phải bản rà soát", "tên có đường dẫn không an toàn" …
    pub reason: String,
    /// Refused (unsafe, encrypted, a link, a duplicate name, too big, unreadable) rather than
    /// simply not a review: the receive then ends with a problem.
    pub refused: bool,
}

/// Everything found in one source, compared, nothing written yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    pub source: PathBuf,
    pub items: Vec<Incoming>,
    /// Entries that are not taken: not reviews (a PDF, a plan), hidden, or refused.
    pub set_aside: Vec<SetAside>,
}

impl Batch {
    /// Indices of the files the user must decide about.
    pub fn changed(&self) -> Vec<usize> {
        (0..self.items.len())
            .filter(|&i| matches!(self.items[i].verdict, Verdict::Changed(_)))
            .collect()
    }
    pub fn count(&self, f: fn(&Verdict) -> bool) -> usize {
        self.items.iter().filter(|i| f(&i.verdict)).count()
    }
    /// The set-aside entries refused (not those that are simply not reviews).
    pub fn refused(&self) -> usize {
        self.set_aside.iter().filter(|s| s.refused).count()
    }
}

/// What to do with a received file that has a review here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// The received file replaces the one here (kept as `<name>.bak`).
    Replace,
    /// Both stay: the received one is written under a new name.
    KeepBoth,
    Skip,
}

/// What became of one received file.
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    pub origin: String,
    /// The file written, if any.
    pub written: Option<PathBuf>,
    /// In words, as in the log.
    pub what: String,
    /// A file that could not be taken (broken, or a write that failed).
    pub problem: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub received: Vec<Received>,
    /// The log could not be written (the files were).
    pub log_error: Option<String>,
}

impl Outcome {
    pub fn written(&self) -> usize {
        self.received.iter().filter(|r| r.written.is_some()).count()
    }
    pub fn problems(&self) -> usize {
        self.received.iter().filter(|r| r.problem).count()
    }
}

fn local(t: std::time::SystemTime) -> NaiveDateTime {
    let l: chrono::DateTime<chrono::Local> = t.into();
    l.naive_local()
}

fn file_time(p: &Path) -> Option<NaiveDateTime> {
    std::fs::metadata(p)
        .and_then(|m| m.modified())
        .ok()
        .map(local)
}

fn zip_time(t: zip::DateTime) -> Option<NaiveDateTime> {
    chrono::NaiveDate::from_ymd_opt(t.year().into(), t.month().into(), t.day().into())?.and_hms_opt(
        t.hour().into(),
        t.minute().into(),
        t.second().into(),
    )
}

fn author(r: &Review) -> String {
    let name = r.reviewer.name.trim();
    let room = r.reviewer.room.trim();
    match (name.is_empty(), room.is_empty()) {
        (true, true) => "(không ghi người rà soát)".into(),
        (false, true) => name.into(),
        (true, false) => room.into(),
        (false, false) => format!("{name} ({room})"),
    }
}

fn side(t: &Templates, r: &Review, modified: Option<NaiveDateTime>) -> Side {
    let status = match r.stage() {
        Some(c) => format!("{} ngày {}", c.stage.label(), c.date.format("%d/%m/%Y")),
        None => format!(
            "đang rà soát, hoàn thành {} %",
            crate::progress::progress(t, r).percent()
        ),
    };
    let figures = review_cost(r)
        .ok()
        .and_then(|c| c.chosen_result().cloned())
        .map(|f| {
            format!(
                "trước {} — sau {} — tiết kiệm {} đồng/năm ({})",
                money(f.before),
                money(f.after),
                money(f.saving),
                percent(f.percent)
            )
        });
    Side {
        tthc: r.tthc.name.clone(),
        modified,
        author: author(r),
        status,
        figures,
    }
}

/// One file as read from the source, before it is compared.
struct Raw {
    origin: String,
    name: String,
    bytes: Result<Vec<u8>, LoadProblem>,
    modified: Option<NaiveDateTime>,
}

/// A file name fit to be written in the reviews folder: control characters (a newline, ESC)
/// become "_".
fn safe_name(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_control() { '_' } else { c })
        .collect()
}

/// Why a file that is not a review is left alone.
const NOT_A_REVIEW: &str = "không phải bản rà soát (.ron), bỏ qua";

/// A file refused because what was read before it already fills [`MAX_TOTAL_BYTES`].
fn over_budget(origin: &str) -> SetAside {
    set_aside(
        origin,
        format!(
            "vượt tổng dung lượng một lần nhận ({} MB sau khi giải nén) — hãy gửi thành nhiều tệp nén",
            MAX_TOTAL_BYTES >> 20
        ),
        true,
    )
}

fn set_aside(origin: &str, reason: impl Into<String>, refused: bool) -> SetAside {
    SetAside {
        origin: crate::storage::shown_name(origin),
        reason: reason.into(),
        refused,
    }
}

/// Every name in the zip's central directory, in order, duplicates included (the zip reader
/// keeps one entry per name, so a second `a.ron` would vanish unseen). The walk ends where the
/// central headers do; `None` when none can be read. At most [`MAX_ENTRIES`] + 1 names.
fn central_names(file: &mut std::fs::File, start: u64) -> Option<Vec<Vec<u8>>> {
    use std::io::{BufReader, Seek, SeekFrom};
    let mut r = BufReader::new(file);
    r.seek(SeekFrom::Start(start)).ok()?;
    let mut names = Vec::new();
    for _ in 0..=MAX_ENTRIES {
        let mut h = [0u8; 46];
        if r.read_exact(&mut h).is_err() || h[..4] != [0x50, 0x4b, 0x01, 0x02] {
            break;
        }
        let le = |i: usize| u16::from_le_bytes([h[i], h[i + 1]]) as usize;
        let (name_len, extra, comment) = (le(28), le(30), le(32));
        let mut name = vec![0u8; name_len];
        r.read_exact(&mut name).ok()?;
        r.seek_relative((extra + comment) as i64).ok()?;
        names.push(name);
    }
    (!names.is_empty()).then_some(names)
}

/// Reads the reviews of a zip one entry at a time, counting what is unpacked: no entry over
/// [`MAX_FILE_BYTES`], nothing past [`MAX_TOTAL_BYTES`] in all, whatever the zip declares.
/// Every entry ends in `raws` or in `aside`.
fn read_zip(
    path: &Path,
    raws: &mut Vec<Raw>,
    aside: &mut Vec<SetAside>,
    progress: &dyn Fn(usize, usize) -> bool,
) -> Result<(), String> {
    let shown = path.display();
    // The zip itself: no bigger than what one receive may unpack (its entries cannot unpack
    // to less than they take in it, beyond the zip's own headers).
    let mut file = crate::storage::open_regular(path, 2 * MAX_TOTAL_BYTES)
        .map_err(|e| format!("{shown}: {e}"))?;
    let zip_err =
        || format!("{shown}: không phải tệp .zip đọc được (tệp hỏng, hoặc không phải tệp nén ZIP)");
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(
        file.try_clone().map_err(|_| zip_err())?,
    ))
    .map_err(|_| zip_err())?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!(
            "{shown}: có {} tệp bên trong — quá nhiều để là các bản rà soát của một phòng",
            zip.len()
        ));
    }
    // Names given to more than one entry: none of those entries is taken (only the last of
    // each could be read, and which one the room meant cannot be told).
    let mut duplicated = std::collections::HashSet::new();
    if zip.has_duplicate_names() {
        let start = zip.central_directory_start();
        let Some(names) = central_names(&mut file, start) else {
            return Err(zip_err());
        };
        let mut copies: std::collections::BTreeMap<Vec<u8>, usize> = Default::default();
        for n in names {
            *copies.entry(n).or_default() += 1;
        }
        for (n, k) in copies.into_iter().filter(|(_, k)| *k > 1) {
            for _ in 0..k {
                aside.push(set_aside(
                    &String::from_utf8_lossy(&n),
                    "trùng tên với mục khác trong tệp nén — không biết bản nào đúng",
                    true,
                ));
            }
            duplicated.insert(n);
        }
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        if !progress(i, zip.len()) {
            return Err(CANCELLED.to_string());
        }
        let entry = match zip.by_index_raw(i) {
            Ok(e) => e,
            Err(_) => {
                aside.push(set_aside(
                    &format!("mục thứ {}", i + 1),
                    "không đọc được trong tệp nén",
                    true,
                ));
                continue;
            }
        };
        let raw_name = entry.name_raw().to_vec();
        let origin = String::from_utf8_lossy(&raw_name).replace('\\', "/");
        if duplicated.contains(&raw_name) {
            continue;
        }
        if entry.is_dir() {
            continue;
        }
        let Some(inner) = entry.enclosed_name() else {
            aside.push(set_aside(&origin, "tên có đường dẫn không an toàn", true));
            continue;
        };
        // Hidden folders (trash, recovery, the app's own) and macOS' resource forks.
        let hidden = inner.components().any(|c| {
            let s = c.as_os_str().to_string_lossy();
            s.starts_with('.') || s == "__MACOSX"
        });
        if hidden {
            aside.push(set_aside(&origin, "tệp hoặc thư mục ẩn, bỏ qua", false));
            continue;
        }
        if entry.is_symlink() {
            aside.push(set_aside(
                &origin,
                "là liên kết (symlink), không phải tệp",
                true,
            ));
            continue;
        }
        let name = safe_name(&file_name(&inner));
        if !is_review_name(&name) {
            aside.push(set_aside(&origin, NOT_A_REVIEW, false));
            continue;
        }
        if entry.encrypted() {
            aside.push(set_aside(
                &origin,
                "có đặt mật khẩu (mã hóa), không đọc được",
                true,
            ));
            continue;
        }
        let modified = entry.last_modified().and_then(zip_time);
        drop(entry);
        let left = MAX_TOTAL_BYTES - total;
        let mut buf = Vec::new();
        let read = match zip.by_index(i) {
            Ok(mut entry) => (&mut entry)
                .take(MAX_FILE_BYTES.min(left) + 1)
                .read_to_end(&mut buf)
                .map_err(|e| crate::storage::io_words(&e)),
            Err(_) => Err("không giải nén được".to_string()),
        };
        let bytes = match read {
            Err(e) => Err(LoadProblem::Io(format!("tệp nén hỏng ở tệp này: {e}"))),
            Ok(_) if buf.len() as u64 > MAX_FILE_BYTES => Err(LoadProblem::TooLarge {
                size: buf.len() as u64,
            }),
            Ok(_) if buf.len() as u64 > left => {
                aside.push(over_budget(&origin));
                total = MAX_TOTAL_BYTES;
                continue;
            }
            Ok(_) => Ok(buf),
        };
        if let Ok(b) = &bytes {
            total += b.len() as u64;
        }
        raws.push(Raw {
            origin: crate::storage::shown_name(&origin),
            name,
            bytes,
            modified,
        });
    }
    Ok(())
}

fn read_file(path: &Path, origin: String) -> Raw {
    Raw {
        origin: crate::storage::shown_name(&origin),
        name: safe_name(&origin),
        bytes: crate::storage::read_limited(path, MAX_FILE_BYTES),
        modified: file_time(path),
    }
}

/// The message of a receive the user cancelled.
pub const CANCELLED: &str = "Đã hủy nhận: chưa ghi gì.";

/// Reads and validates every review in `source` (a .zip, a folder or a .ron file) and compares
/// each with the reviews in `dir`. Writes nothing.
pub fn inspect(t: &Templates, source: &Path, dir: &Path) -> Result<Batch, String> {
    inspect_with(t, source, dir, &|_, _| true)
}

/// [`inspect`], telling `progress(done, total)` as it reads; it stops (with [`CANCELLED`]) when
/// `progress` returns false.
pub fn inspect_with(
    t: &Templates,
    source: &Path,
    dir: &Path,
    progress: &dyn Fn(usize, usize) -> bool,
) -> Result<Batch, String> {
    let shown = source.display();
    let mut raws = Vec::new();
    let mut aside = Vec::new();
    if source.is_dir() {
        if identity(source) == identity(dir) {
            return Err(format!(
                "{shown}: đây chính là thư mục bản rà soát đang làm việc — hãy chọn thư mục hoặc tệp .zip nhận từ phòng"
            ));
        }
        let entries = std::fs::read_dir(source).map_err(|e| {
            format!(
                "{shown}: không đọc được thư mục ({})",
                crate::storage::io_words(&e)
            )
        })?;
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        let n = paths.len();
        // The same budget as a zip: what the folder's reviews hold in all.
        let mut total: u64 = 0;
        for (i, p) in paths.into_iter().enumerate() {
            if !progress(i, n) {
                return Err(CANCELLED.to_string());
            }
            let name = file_name(&p);
            if name.starts_with('.') || p.is_dir() {
                continue;
            }
            if !is_review_name(&name) {
                aside.push(set_aside(&name, NOT_A_REVIEW, false));
                continue;
            }
            let raw = read_file(&p, name);
            let size = raw.bytes.as_ref().map_or(0, |b| b.len() as u64);
            if total + size > MAX_TOTAL_BYTES {
                aside.push(over_budget(&raw.origin));
                continue;
            }
            total += size;
            raws.push(raw);
        }
    } else if !source.exists() {
        return Err(format!("{shown}: không có tệp hoặc thư mục này"));
    } else if source
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
    {
        read_zip(source, &mut raws, &mut aside, progress)?;
    } else if source
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(is_review_name)
    {
        let name = file_name(source);
        raws.push(read_file(source, name));
    } else {
        return Err(format!(
            "{shown}: chỉ nhận được tệp .zip, tệp bản rà soát .ron hoặc một thư mục"
        ));
    }

    // The reviews here, read once with what was read (a replace checks it later) and keyed by
    // TTHC; files that do not load here are not compared with.
    let here: Vec<Here> = review_files(dir)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|path| {
            let (review, stamp) = load_review_stamped(&path).ok()?;
            let key = tthc_key(&review.tthc)?;
            Some(Here {
                path,
                review,
                stamp,
                key,
            })
        })
        .collect();
    let source_name = file_name(source);
    let mut items: Vec<Incoming> = raws
        .into_iter()
        .map(|raw| {
            let shown_path = PathBuf::from(format!("{source_name}: {}", raw.origin));
            let err = |problem| LoadError {
                path: shown_path.clone(),
                problem,
            };
            // The text is kept once: parsed, then held as the bytes to write.
            let (parsed, bytes) = match raw.bytes.and_then(utf8_text) {
                Err(p) => (Err(err(p)), Vec::new()),
                Ok(text) => (parse_review(&shown_path, &text), text.into_bytes()),
            };
            let (tthc, verdict) = match parsed {
                Err(e) => (String::new(), Verdict::Broken(e.to_string())),
                Ok(review) => {
                    let verdict = compare(t, &review, raw.modified, &here);
                    (review.tthc.name.clone(), verdict)
                }
            };
            Incoming {
                origin: raw.origin,
                name: raw.name,
                tthc,
                bytes,
                verdict,
            }
        })
        .collect();
    // What needs the user first: the files to decide about, then the refused ones.
    items.sort_by_key(|i| match i.verdict {
        Verdict::Changed(_) => 0,
        Verdict::Broken(_) => 1,
        Verdict::New => 2,
        Verdict::Same(_) => 3,
    });
    Ok(Batch {
        source: source.to_path_buf(),
        items,
        set_aside: aside,
    })
}

/// A review already in the folder, as read for the comparison.
struct Here {
    path: PathBuf,
    review: Review,
    stamp: Stamp,
    key: String,
}

fn compare(
    t: &Templates,
    review: &Review,
    modified: Option<NaiveDateTime>,
    here: &[Here],
) -> Verdict {
    let Some(key) = tthc_key(&review.tthc) else {
        return Verdict::New;
    };
    let Some(Here {
        path,
        review: mine,
        stamp,
        ..
    }) = here.iter().find(|h| h.key == key)
    else {
        return Verdict::New;
    };
    if mine == review {
        return Verdict::Same(path.clone());
    }
    let mine_time = stamp.modified.map(local);
    let newer = match (modified, mine_time) {
        (Some(a), Some(b)) => Some(a.cmp(&b)),
        _ => None,
    };
    let other_author = text_key(&review.reviewer.name) != text_key(&mine.reviewer.name)
        || text_key(&review.reviewer.room) != text_key(&mine.reviewer.room);
    Verdict::Changed(Box::new(Compared {
        existing: Existing {
            path: path.clone(),
            stamp: stamp.clone(),
            side: side(t, mine, mine_time),
        },
        incoming: side(t, review, modified),
        newer,
        other_author,
    }))
}

/// Writes `bytes` as a new file in `dir`, under `name` or, if that is taken, a free name beside.
/// Never through a link: a name held by anything (a dangling symlink too) is taken, and the file
/// is put in place only where nothing is.
fn write_new(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, String> {
    let stem = name.strip_suffix(".ron").unwrap_or(name);
    let mut tries = 0;
    loop {
        let target = free_name(dir, stem);
        match crate::storage::create_file(&target, bytes) {
            Ok(()) => return Ok(target),
            // Taken between the look and the write: another free name.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && tries < 5 => tries += 1,
            Err(e) => {
                return Err(format!(
                    "{}: không ghi được ({})",
                    target.display(),
                    crate::storage::io_words(&e)
                ));
            }
        }
    }
}

/// Writes what the user chose (`choices[i]` for item `i`; a changed file without a choice is
/// skipped) and logs every file with `now`. Broken and identical files are never written.
pub fn apply(dir: &Path, batch: &Batch, choices: &[Option<Choice>], now: NaiveDateTime) -> Outcome {
    let mut received = Vec::new();
    for (i, item) in batch.items.iter().enumerate() {
        let done = |written: Option<PathBuf>, what: String, problem: bool| Received {
            origin: item.origin.clone(),
            written,
            what,
            problem,
        };
        let r = match &item.verdict {
            Verdict::Broken(e) => done(None, format!("không nhận: {e}"), true),
            Verdict::Same(p) => done(
                None,
                format!("giống hệt {}, không cần ghi", file_name(p)),
                false,
            ),
            Verdict::New => match write_new(dir, &item.name, &item.bytes) {
                Ok(p) => {
                    let what = format!("bản mới → {}", file_name(&p));
                    done(Some(p), what, false)
                }
                Err(e) => done(None, e, true),
            },
            Verdict::Changed(c) => match choices.get(i).copied().flatten() {
                None | Some(Choice::Skip) => done(
                    None,
                    format!("bỏ qua, giữ {} như cũ", file_name(&c.existing.path)),
                    false,
                ),
                Some(Choice::KeepBoth) => {
                    let stem = item.name.strip_suffix(".ron").unwrap_or(&item.name);
                    let name = format!("{stem}-nhan-{}.ron", now.format("%Y%m%d"));
                    match write_new(dir, &name, &item.bytes) {
                        Ok(p) => {
                            let what = format!(
                                "giữ cả hai: {} giữ nguyên, bản nhận → {}",
                                file_name(&c.existing.path),
                                file_name(&p)
                            );
                            done(Some(p), what, false)
                        }
                        Err(e) => done(None, e, true),
                    }
                }
                Some(Choice::Replace) => {
                    let p = &c.existing.path;
                    let owner = crate::storage::lock::owner_of(p).filter(|o| !o.is_stale());
                    if let Some(o) = owner {
                        done(
                            None,
                            format!(
                                "không thay: {} đang được mở để sửa ({}) — hãy nhận lại khi tệp đã đóng, hoặc chọn Giữ cả hai",
                                file_name(p),
                                o.describe()
                            ),
                            true,
                        )
                    } else if std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink())
                    {
                        done(
                            None,
                            format!(
                                "không thay: {} là liên kết (symlink) — không ghi qua liên kết; hãy chọn Giữ cả hai",
                                file_name(p)
                            ),
                            true,
                        )
                    } else if disk_state(p, &c.existing.stamp) != DiskState::Unchanged {
                        done(
                            None,
                            format!(
                                "không thay: {} đã thay đổi (hoặc bị xóa) từ lúc so sánh — hãy nhận lại để xem bản mới nhất",
                                file_name(p)
                            ),
                            true,
                        )
                    } else {
                        match write_atomic(p, &item.bytes) {
                            Ok(()) => {
                                let what = format!(
                                    "thay bản cũ {} (bản cũ giữ ở {})",
                                    file_name(p),
                                    file_name(&crate::storage::backup_path(p))
                                );
                                done(Some(p.clone()), what, false)
                            }
                            Err(e) => done(
                                None,
                                format!(
                                    "{}: không ghi được ({}); tệp cũ giữ nguyên",
                                    p.display(),
                                    crate::storage::io_words(&e)
                                ),
                                true,
                            ),
                        }
                    }
                }
            },
        };
        received.push(r);
    }
    for a in &batch.set_aside {
        received.push(Received {
            origin: a.origin.clone(),
            written: None,
            what: if a.refused {
                format!("không nhận: {}", a.reason)
            } else {
                a.reason.clone()
            },
            problem: a.refused,
        });
    }
    let when = now.format("%d/%m/%Y %H:%M:%S");
    let source = batch.source.display();
    let lines: Vec<String> = received
        .iter()
        .map(|r| format!("{when} | {source} | {} | {}", r.origin, r.what))
        .collect();
    let log_error = super::log::append(dir, &lines).err().map(|e| {
        format!(
            "{}: không ghi được nhật ký ({})",
            super::log_path(dir).display(),
            crate::storage::io_words(&e)
        )
    });
    Outcome {
        received,
        log_error,
    }
}
