//! An ordered parallel map over a lazy stream.
//!
//! Items are taken from the stream on the calling thread, mapped on a rayon pool, and handed
//! back in the stream's order whatever the number of threads. At most `window` items are in
//! flight (taken but not yet handed back), so memory does not grow with the stream's length:
//! a slow item holds back at most `window - 1` results, kept in a re-sequencing buffer.

use std::collections::VecDeque;
use std::iter::Fuse;
use std::num::NonZeroUsize;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;

/// Items in flight per thread: enough that a thread finding its queue empty is rare, few
/// enough that the buffer stays small.
pub const WINDOW_PER_THREAD: usize = 4;

/// The threads to use when none are asked for: one per available core.
pub fn default_jobs() -> NonZeroUsize {
    thread::available_parallelism().unwrap_or(NonZeroUsize::MIN)
}

/// `items.map(f)` on `jobs` threads, in order. With one job, `f` runs on the calling thread and
/// no thread is started. A panic in `f` is raised again on the calling thread when its item's
/// turn comes.
///
/// ```
/// use std::num::NonZeroUsize;
/// let jobs = NonZeroUsize::new(3).unwrap();
/// let squares: Vec<u64> = factlint::pipeline::ordered_map(1..=5u64, jobs, |n| n * n).collect();
/// assert_eq!(squares, [1, 4, 9, 16, 25]);
/// ```
pub fn ordered_map<I, F, R>(items: I, jobs: NonZeroUsize, f: F) -> OrderedMap<I, F, R>
where
    I: Iterator,
    I::Item: Send + 'static,
    F: Fn(I::Item) -> R + Send + Sync + 'static,
    R: Send + 'static,
{
    let window = jobs.get().saturating_mul(WINDOW_PER_THREAD);
    let pool = (jobs.get() > 1)
        .then(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(jobs.get())
                .thread_name(|i| format!("factlint-check-{i}"))
                .build()
                .ok()
        })
        .flatten()
        .map(|pool| {
            let (sender, receiver) = channel();
            Pool {
                pool,
                sender,
                receiver,
                window,
                pending: VecDeque::with_capacity(window),
                first: 0,
            }
        });
    OrderedMap {
        items: items.fuse(),
        f: Arc::new(f),
        pool,
    }
}

/// The iterator of [`ordered_map`].
pub struct OrderedMap<I: Iterator, F, R> {
    items: Fuse<I>,
    f: Arc<F>,
    /// `None` when mapping on the calling thread.
    pool: Option<Pool<R>>,
}

type Done<R> = (u64, thread::Result<R>);

struct Pool<R> {
    pool: rayon::ThreadPool,
    sender: Sender<Done<R>>,
    receiver: Receiver<Done<R>>,
    window: usize,
    /// The results not yet handed back, in order from sequence number `first`; `None` while
    /// the item is still being mapped.
    pending: VecDeque<Option<thread::Result<R>>>,
    first: u64,
}

impl<I, F, R> Iterator for OrderedMap<I, F, R>
where
    I: Iterator,
    I::Item: Send + 'static,
    F: Fn(I::Item) -> R + Send + Sync + 'static,
    R: Send + 'static,
{
    type Item = R;

    fn next(&mut self) -> Option<R> {
        let Some(pool) = &mut self.pool else {
            return self.items.next().map(|item| (self.f)(item));
        };
        while pool.pending.len() < pool.window {
            let Some(item) = self.items.next() else {
                break;
            };
            let sequence = pool.first + pool.pending.len() as u64;
            pool.pending.push_back(None);
            let f = Arc::clone(&self.f);
            let sender = pool.sender.clone();
            // FIFO, so that the item awaited first is started first.
            pool.pool.spawn_fifo(move || {
                let result = catch_unwind(AssertUnwindSafe(|| f(item)));
                // The receiver is gone only when the caller stopped early.
                let _ = sender.send((sequence, result));
            });
        }
        while matches!(pool.pending.front(), Some(None)) {
            // Every job sends exactly once and `pool` holds a sender, so this cannot fail.
            let (sequence, result) = pool.receiver.recv().ok()?;
            let slot = usize::try_from(sequence - pool.first).ok()?;
            *pool.pending.get_mut(slot)? = Some(result);
        }
        let result = pool.pending.pop_front()??;
        pool.first += 1;
        match result {
            Ok(value) => Some(value),
            Err(panic) => resume_unwind(panic),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    fn jobs(n: usize) -> NonZeroUsize {
        NonZeroUsize::new(n).unwrap()
    }

    #[test]
    fn results_come_in_input_order_whatever_the_threads_and_timing() {
        for threads in [1, 2, 3, 8] {
            // Early items are the slowest, so they finish last on several threads.
            let got: Vec<u64> = ordered_map(0..40u64, jobs(threads), |n| {
                thread::sleep(Duration::from_micros(40u64.saturating_sub(n) * 50));
                n * 10
            })
            .collect();
            assert_eq!(
                got,
                (0..40).map(|n| n * 10).collect::<Vec<_>>(),
                "{threads}"
            );
        }
    }

    #[test]
    fn no_more_than_the_window_is_taken_ahead_of_the_caller() {
        let taken = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&taken);
        let items = (0..100).inspect(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        let mut mapped = ordered_map(items, jobs(2), |n: i32| n);
        assert_eq!(mapped.next(), Some(0));
        assert_eq!(taken.load(Ordering::SeqCst), 2 * WINDOW_PER_THREAD);
        assert_eq!(mapped.next(), Some(1));
        assert_eq!(taken.load(Ordering::SeqCst), 2 * WINDOW_PER_THREAD + 1);
        assert_eq!(mapped.count(), 98);
    }

    #[test]
    fn one_job_maps_on_the_calling_thread() {
        let caller = thread::current().id();
        let same: Vec<bool> =
            ordered_map(0..3, jobs(1), move |_| thread::current().id() == caller).collect();
        assert_eq!(same, [true, true, true]);
        let other: Vec<bool> =
            ordered_map(0..3, jobs(2), move |_| thread::current().id() == caller).collect();
        assert_eq!(other, [false, false, false]);
    }

    #[test]
    fn a_panic_is_raised_on_the_caller_at_its_turn() {
        let mut mapped = ordered_map(0..10, jobs(2), |n: i32| {
            assert!(n != 3, "item three");
            n
        });
        let before: Vec<i32> = mapped.by_ref().take(3).collect();
        assert_eq!(before, [0, 1, 2]);
        let raised = catch_unwind(AssertUnwindSafe(|| mapped.next()));
        assert!(raised.is_err());
    }

    #[test]
    fn an_empty_stream_ends_at_once() {
        assert_eq!(ordered_map(0..0, jobs(4), |n: i32| n).next(), None);
    }
}
