//! Work on many files at once on every core: loading and checking a folder of reviews is
//! independent per file, and an office PC has two to eight cores.

/// `f` applied to every item, on up to one thread per core; the results in the items' order.
/// Few items run on the calling thread (a thread costs more than parsing one small file).
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(items.len() / 16).max(1);
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for h in handles {
            match h.join() {
                Ok(part) => out.extend(part),
                // A panic in `f` is a bug; it goes on as it would have on this thread.
                Err(e) => std::panic::resume_unwind(e),
            }
        }
        out
    })
}

/// `consume` called on `prepare(item)` for each item in order, on this thread, while another
/// thread prepares the next few (reading a file while the last one is written): for a
/// sequential writer whose every step needs a file read. Stops at the first error of `consume`.
pub fn ahead<I: Send, T: Send, E>(
    items: impl IntoIterator<Item = I, IntoIter: Send>,
    prepare: impl Fn(I) -> T + Sync,
    mut consume: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    let items = items.into_iter();
    let prepare = &prepare;
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel(8);
        s.spawn(move || {
            for item in items {
                // The receiver is gone: `consume` stopped at an error.
                if tx.send(prepare(item)).is_err() {
                    break;
                }
            }
        });
        for t in rx {
            consume(t)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_items_at_any_count() {
        for n in [0, 1, 15, 16, 17, 100, 1001] {
            let items: Vec<usize> = (0..n).collect();
            let out = super::map(&items, |i| i * 3);
            assert_eq!(out, (0..n).map(|i| i * 3).collect::<Vec<_>>(), "n = {n}");
        }
    }

    #[test]
    fn ahead_keeps_the_order_and_stops_at_the_first_error() {
        let mut seen = Vec::new();
        let r: Result<(), usize> = super::ahead(
            0..1000,
            |i| i * 2,
            |v| {
                seen.push(v);
                Ok(())
            },
        );
        assert_eq!(r, Ok(()));
        assert_eq!(seen, (0..1000).map(|i| i * 2).collect::<Vec<_>>());
        let mut count = 0;
        let r = super::ahead(
            0..1_000_000,
            |i| i,
            |v| {
                count += 1;
                if v == 10 { Err(v) } else { Ok(()) }
            },
        );
        assert_eq!((r, count), (Err(10), 11));
    }
}
