//! The compiled report runs on a worker thread; the window shows its progress and stays live.

use crate::preflight::Finding;
use crate::report::{Format, ReportError, ReportSettings, compile};
use crate::storage::replace_file;
use crate::templates::Templates;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Why a report was not made.
#[derive(Debug)]
pub enum JobError {
    /// The files changed after the checks shown before the report, and now have errors: the user
    /// sees them again, each with its way to the place to fix.
    Blocked(Vec<Finding>),
    /// Anything else, in words.
    Failed(String),
}

pub struct CompileJob {
    pub output: PathBuf,
    pub files: Vec<PathBuf>,
    done: Arc<AtomicUsize>,
    rx: Receiver<Result<String, JobError>>,
}

impl CompileJob {
    /// Loads `files`, compiles them and writes `output`, on a thread of its own.
    pub fn start(
        t: Templates,
        settings: ReportSettings,
        files: Vec<PathBuf>,
        output: PathBuf,
        format: Format,
        wake: Option<egui::Context>,
    ) -> Self {
        let (tx, rx) = channel();
        let done = Arc::new(AtomicUsize::new(0));
        let progress = done.clone();
        let out = output.clone();
        let listed = files.clone();
        std::thread::spawn(move || {
            let items = crate::storage::Files(files);
            let result = compile(&t, &settings, &items, format, &|d, _| {
                progress.store(d, Ordering::Relaxed);
                if let Some(w) = &wake {
                    w.request_repaint();
                }
            })
            .map_err(|e| match e {
                ReportError::Blocked(findings) => JobError::Blocked(findings),
                e => JobError::Failed(e.to_string()),
            })
            .and_then(|c| {
                replace_file(&out, &c.bytes).map_err(|e| {
                    JobError::Failed(format!(
                        "{}: không ghi được ({})",
                        out.display(),
                        crate::storage::io_words(&e)
                    ))
                })?;
                let mut msg = format!(
                    "Đã lập báo cáo {}: {} TTHC; tiết kiệm {} đồng/năm ({}).",
                    out.display(),
                    c.included,
                    crate::cost::format::money(c.totals.saving),
                    crate::cost::format::percent(c.totals.percent)
                );
                if !c.warnings.is_empty() {
                    msg.push_str(&format!("\n\nĐã lập dù còn {} cảnh báo:", c.warnings.len()));
                    for s in &c.warnings {
                        msg.push_str(&format!("\n• {s}"));
                    }
                }
                Ok(msg)
            });
            let _ = tx.send(result);
            if let Some(w) = &wake {
                w.request_repaint();
            }
        });
        CompileJob {
            output,
            files: listed,
            done,
            rx,
        }
    }

    pub fn fraction(&self) -> f32 {
        if self.files.is_empty() {
            1.0
        } else {
            self.done.load(Ordering::Relaxed) as f32 / self.files.len() as f32
        }
    }

    /// The outcome, once the thread has finished.
    pub fn poll(&self) -> Option<Result<String, JobError>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(JobError::Failed(
                "Lập báo cáo bị dừng bất thường.".to_string(),
            ))),
        }
    }
}
