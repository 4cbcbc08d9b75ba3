//! An ordered parallel map over a lazy stream.
//!
//! Items are taken from the stream on the calling thread and mapped by `jobs` threads: the
//! calling thread itself and `jobs - 1` threads of a rayon pool, so that `--jobs 2` on two cores
//! runs two busy threads, not three. Results are handed back in the stream's order whatever the
//! number of threads. At most `window` items are in flight (taken but not yet handed back), so
//! memory does not grow with the stream's length: a slow item holds back at most `window - 1`
//! results, kept in a re-sequencing buffer.

use std::collections::VecDeque;
use std::iter::Fuse;
use std::num::NonZeroUsize;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;

/// Items in flight per thread: enough that a thread finding nothing to do is rare, few enough
/// that the buffer stays small.
pub const WINDOW_PER_THREAD: usize = 4;

/// The threads to use when none are asked for: one per available core.
pub fn default_jobs() -> NonZeroUsize {
    thread::available_parallelism().unwrap_or(NonZeroUsize::MIN)
}

/// `items.map(f)` on `jobs` threads (the calling thread among them), in order. With one job,
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
    let extra_threads = jobs.get() - 1;
    let pool = (extra_threads > 0)
        .then(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(extra_threads)
                .thread_name(|i| format!("factlint-check-{i}"))
                .build()
                .ok()
        })
        .flatten();
    OrderedMap {
        items: items.fuse(),
        f: Arc::new(f),
        window,
        pool,
        buffer: Arc::new(Buffer {
            state: Mutex::new(Sequence {
                queue: VecDeque::with_capacity(window),
                slots: VecDeque::with_capacity(window),
                first: 0,
                waiting: false,
            }),
            ready: Condvar::new(),
        }),
    }
}

/// The iterator of [`ordered_map`].
pub struct OrderedMap<I: Iterator, F, R> {
    items: Fuse<I>,
    f: Arc<F>,
    window: usize,
    /// The pool of `jobs - 1` threads; `None` when the calling thread maps alone.
    pool: Option<rayon::ThreadPool>,
    buffer: Arc<Buffer<I::Item, R>>,
}

/// The items waiting for a thread and the re-sequencing buffer, shared with the pool.
struct Buffer<T, R> {
    state: Mutex<Sequence<T, R>>,
    /// Signalled when the result the caller waits for arrives, and only then: a result that
    /// arrives early wakes no one.
    ready: Condvar,
}

struct Sequence<T, R> {
    /// Items taken from the stream that no thread has started, with their sequence numbers.
    queue: VecDeque<(u64, T)>,
    /// The results not yet handed back, in order from sequence number `first`; `None` while
    /// the item is waiting or being mapped.
    slots: VecDeque<Option<thread::Result<R>>>,
    first: u64,
    /// Whether the caller sleeps until the result numbered `first` arrives.
    waiting: bool,
}

impl<T, R> Buffer<T, R> {
    fn lock(&self) -> MutexGuard<'_, Sequence<T, R>> {
        // No code panics while holding the lock; should one, the data is still consistent.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Maps the oldest waiting item, if there is one, and files its result.
    fn map_one(&self, f: &impl Fn(T) -> R) -> bool {
        let Some((sequence, item)) = self.lock().queue.pop_front() else {
            return false;
        };
        let result = catch_unwind(AssertUnwindSafe(|| f(item)));
        let mut state = self.lock();
        let slot = usize::try_from(sequence - state.first)
            .ok()
            .and_then(|i| state.slots.get_mut(i));
        if let Some(slot) = slot {
            *slot = Some(result);
        }
        if state.waiting && sequence == state.first {
            self.ready.notify_one();
        }
        true
    }
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
        let Some(pool) = &self.pool else {
            return self.items.next().map(|item| (self.f)(item));
        };
        // The next item may take long to come (stdin), so it is taken without the lock held.
        while self.buffer.lock().slots.len() < self.window {
            let Some(item) = self.items.next() else {
                break;
            };
            {
                let mut state = self.buffer.lock();
                let sequence = state.first + state.slots.len() as u64;
                state.slots.push_back(None);
                state.queue.push_back((sequence, item));
            }
            let f = Arc::clone(&self.f);
            let buffer = Arc::clone(&self.buffer);
            // One job per item, each mapping whichever item waits longest; the caller may have
            // mapped it already, and then the job finds nothing to do.
            pool.spawn_fifo(move || {
                buffer.map_one(&*f);
            });
        }
        loop {
            let mut state = self.buffer.lock();
            match state.slots.front() {
                None => return None,
                Some(Some(_)) => {
                    let result = state.slots.pop_front()??;
                    state.first += 1;
                    drop(state);
                    return match result {
                        Ok(value) => Some(value),
                        Err(panic) => resume_unwind(panic),
                    };
                }
                Some(None) if !state.queue.is_empty() => {
                    // Rather than wait, the caller maps an item itself.
                    drop(state);
                    self.buffer.map_one(&*self.f);
                }
                Some(None) => {
                    state.waiting = true;
                    let mut state = self
                        .buffer
                        .ready
                        .wait(state)
                        .unwrap_or_else(|poisoned| poisoned.into_inner());
                    state.waiting = false;
                }
            }
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
    fn n_jobs_map_on_at_most_n_threads_the_caller_among_them() {
        let caller = thread::current().id();
        let same: Vec<bool> =
            ordered_map(0..3, jobs(1), move |_| thread::current().id() == caller).collect();
        assert_eq!(same, [true, true, true]);
        for n in [2, 3] {
            let used: Vec<thread::ThreadId> = ordered_map(0..200, jobs(n), |_: i32| {
                thread::sleep(Duration::from_micros(200));
                thread::current().id()
            })
            .collect();
            let distinct: std::collections::HashSet<_> = used.into_iter().collect();
            assert!((1..=n).contains(&distinct.len()), "{n} jobs, {distinct:?}");
        }
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
