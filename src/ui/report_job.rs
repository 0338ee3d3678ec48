//! The compiled report runs on a worker thread; the window shows its progress and stays live.

use crate::report::{Format, ReportSettings, compile};
use crate::storage::{load_review, replace_file};
use crate::templates::Templates;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

pub struct CompileJob {
    pub output: PathBuf,
    pub total: usize,
    done: Arc<AtomicUsize>,
    rx: Receiver<Result<String, String>>,
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
        let total = files.len();
        let progress = done.clone();
        let out = output.clone();
        std::thread::spawn(move || {
            let items: Vec<_> = files
                .into_iter()
                .map(|p| {
                    let r = load_review(&p).map_err(|e| e.to_string());
                    (p, r)
                })
                .collect();
            let result = compile(&t, &settings, &items, format, &|d, _| {
                progress.store(d, Ordering::Relaxed);
                if let Some(w) = &wake {
                    w.request_repaint();
                }
            })
            .map_err(|e| e.to_string())
            .and_then(|c| {
                replace_file(&out, &c.bytes).map_err(|e| {
                    format!(
                        "{}: không ghi được ({})",
                        out.display(),
                        crate::storage::io_words(&e)
                    )
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
            total,
            done,
            rx,
        }
    }

    pub fn fraction(&self) -> f32 {
        if self.total == 0 {
            1.0
        } else {
            self.done.load(Ordering::Relaxed) as f32 / self.total as f32
        }
    }

    /// The outcome, once the thread has finished.
    pub fn poll(&self) -> Option<Result<String, String>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                Some(Err("Lập báo cáo bị dừng bất thường.".to_string()))
            }
        }
    }
}
