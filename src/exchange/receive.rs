//! "Nhận bản rà soát": reviews a room sent, from a .zip, a folder or one .ron file. `inspect`
//! reads and validates everything and compares each file with the review of the same TTHC already
//! in the folder, writing nothing; the user then chooses for each changed file, and `apply`
//! writes what was chosen and logs every file.

use crate::cost::format::{money, percent};
use crate::cost::review_cost;
use crate::model::{Review, text_key, tthc_key};
use crate::storage::{
    DiskState, LoadError, LoadProblem, MAX_FILE_BYTES, Stamp, disk_state, file_name, free_name,
    identity, is_review_name, load_review_stamped, parse_review, replace_file, review_files,
    utf8_text, write_atomic,
};
use crate::templates::Templates;
use chrono::NaiveDateTime;
use std::cmp::Ordering;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A zip with more entries than this is not a room's reviews.
const MAX_ENTRIES: usize = 10_000;

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

/// Everything found in one source, compared, nothing written yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    pub source: PathBuf,
    pub items: Vec<Incoming>,
    /// Files in the source that are not reviews (a PDF, a plan, settings): left alone, listed.
    pub ignored: Vec<String>,
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

fn read_zip(path: &Path, raws: &mut Vec<Raw>, ignored: &mut Vec<String>) -> Result<(), String> {
    let shown = path.display();
    let file = std::fs::File::open(path)
        .map_err(|e| format!("{shown}: không mở được ({})", crate::storage::io_words(&e)))?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|_| {
        format!("{shown}: không phải tệp .zip đọc được (tệp hỏng, hoặc không phải tệp nén ZIP)")
    })?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!(
            "{shown}: có {} tệp bên trong — quá nhiều để là các bản rà soát của một phòng",
            zip.len()
        ));
    }
    for i in 0..zip.len() {
        let mut entry = match zip.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                ignored.push(format!(
                    "mục thứ {} trong tệp nén: không đọc được ({e})",
                    i + 1
                ));
                continue;
            }
        };
        if !entry.is_file() {
            continue;
        }
        let Some(inner) = entry.enclosed_name() else {
            ignored.push(format!(
                "{}: tên có đường dẫn không an toàn, không nhận",
                entry.name().unwrap_or_default()
            ));
            continue;
        };
        let origin = inner.to_string_lossy().replace('\\', "/");
        // Hidden folders (trash, recovery, the app's own) and macOS' resource forks.
        let hidden = inner.components().any(|c| {
            let s = c.as_os_str().to_string_lossy();
            s.starts_with('.') || s == "__MACOSX"
        });
        if hidden {
            continue;
        }
        let name = file_name(&inner);
        if !is_review_name(&name) {
            ignored.push(origin);
            continue;
        }
        let modified = entry.last_modified().and_then(zip_time);
        let bytes = if entry.size() > MAX_FILE_BYTES {
            Err(LoadProblem::TooLarge { size: entry.size() })
        } else {
            let mut buf = Vec::new();
            match (&mut entry).take(MAX_FILE_BYTES + 1).read_to_end(&mut buf) {
                Ok(_) if buf.len() as u64 > MAX_FILE_BYTES => Err(LoadProblem::TooLarge {
                    size: buf.len() as u64,
                }),
                Ok(_) => Ok(buf),
                Err(e) => Err(LoadProblem::Io(format!(
                    "tệp nén hỏng ở tệp này: {}",
                    crate::storage::io_words(&e)
                ))),
            }
        };
        raws.push(Raw {
            origin,
            name,
            bytes,
            modified,
        });
    }
    Ok(())
}

fn read_file(path: &Path, origin: String) -> Raw {
    Raw {
        origin,
        name: file_name(path),
        bytes: crate::storage::read_limited(path, MAX_FILE_BYTES),
        modified: file_time(path),
    }
}

/// Reads and validates every review in `source` (a .zip, a folder or a .ron file) and compares
/// each with the reviews in `dir`. Writes nothing.
pub fn inspect(t: &Templates, source: &Path, dir: &Path) -> Result<Batch, String> {
    let shown = source.display();
    let mut raws = Vec::new();
    let mut ignored = Vec::new();
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
        for p in paths {
            let name = file_name(&p);
            if name.starts_with('.') || p.is_dir() {
                continue;
            }
            if is_review_name(&name) {
                raws.push(read_file(&p, name));
            } else {
                ignored.push(name);
            }
        }
    } else if !source.exists() {
        return Err(format!("{shown}: không có tệp hoặc thư mục này"));
    } else if source
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
    {
        read_zip(source, &mut raws, &mut ignored)?;
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
            let parsed = raw
                .bytes
                .clone()
                .map_err(err)
                .and_then(|b| utf8_text(b).map_err(err))
                .and_then(|text| parse_review(&shown_path, &text));
            let bytes = raw.bytes.unwrap_or_default();
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
        ignored,
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
fn write_new(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, String> {
    let stem = name.strip_suffix(".ron").unwrap_or(name);
    let target = free_name(dir, stem);
    replace_file(&target, bytes)
        .map(|_| target.clone())
        .map_err(|e| {
            format!(
                "{}: không ghi được ({})",
                target.display(),
                crate::storage::io_words(&e)
            )
        })
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
                    if disk_state(p, &c.existing.stamp) != DiskState::Unchanged {
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
