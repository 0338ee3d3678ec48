//! Reading what a room sent («Nhận bản rà soát») runs on a worker thread: the window stays live,
//! the status bar shows how far it got, and «Hủy» stops it (nothing is written while reading).

use crate::exchange::{Batch, inspect_with};
use crate::templates::Templates;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

pub struct ReceiveJob {
    pub source: PathBuf,
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    rx: Receiver<Result<Batch, String>>,
}

impl ReceiveJob {
    /// `wake`: the window's context, asked to repaint as the reading goes on and when it ends.
    pub fn start(t: Templates, source: PathBuf, dir: PathBuf, wake: Option<egui::Context>) -> Self {
        let (tx, rx) = channel();
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (d, n, c, src) = (done.clone(), total.clone(), cancel.clone(), source.clone());
        std::thread::spawn(move || {
            let result = inspect_with(&t, &src, &dir, &|i, all| {
                d.store(i, Ordering::Relaxed);
                n.store(all, Ordering::Relaxed);
                if let Some(w) = &wake {
                    w.request_repaint();
                }
                !c.load(Ordering::Relaxed)
            });
            let _ = tx.send(result);
            if let Some(w) = &wake {
                w.request_repaint();
            }
        });
        ReceiveJob {
            source,
            done,
            total,
            cancel,
            rx,
        }
    }

    /// "120/400": how many entries have been read.
    pub fn progress(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The result once the reading has ended; cancelled as soon as «Hủy» was pressed (the
    /// worker stops at its next entry; it writes nothing either way).
    pub fn poll(&self) -> Option<Result<Batch, String>> {
        if self.cancel.load(Ordering::Relaxed) {
            return Some(Err(crate::exchange::CANCELLED.to_string()));
        }
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                Some(Err("Việc đọc tệp nhận được dừng bất thường.".into()))
            }
        }
    }
}
