//! A progress line on stderr for long runs: a spinner with the count of files checked so far
//! (a lazy walk does not know the total) and the findings found.
//!
//! It appears only once more than a few files are done, so that a run over one article
//! prints nothing extra, and only where asked (stderr a terminal, not `--quiet`).

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Files checked before the progress line appears.
pub const SHOW_AFTER: u64 = 10;

/// The progress of a run, drawn on stderr or nowhere.
pub struct Progress {
    enabled: bool,
    started: Instant,
    bar: Option<ProgressBar>,
    files: u64,
    errors: u64,
    warnings: u64,
    unreadable: u64,
}

impl Progress {
    /// A progress line on stderr when `enabled` (the caller checks that stderr is a terminal).
    pub fn new(enabled: bool) -> Self {
        Self {
            enabled,
            started: Instant::now(),
            bar: None,
            files: 0,
            errors: 0,
            warnings: 0,
            unreadable: 0,
        }
    }

    /// Counts one file done, with its findings at error and warning level.
    pub fn add(&mut self, errors: usize, warnings: usize, unreadable: bool) {
        self.files += 1;
        self.errors += errors as u64;
        self.warnings += warnings as u64;
        self.unreadable += u64::from(unreadable);
        if self.bar.is_none() && self.enabled && self.files > SHOW_AFTER {
            self.bar = Some(self.start_bar());
        }
        if let Some(bar) = &self.bar {
            bar.set_position(self.files);
            bar.set_message(progress_message(
                self.errors,
                self.warnings,
                self.unreadable,
            ));
        }
    }

    /// Whether the progress line is on the screen.
    pub fn is_shown(&self) -> bool {
        self.bar.is_some()
    }

    /// Runs `f` (which writes to the terminal) with the progress line out of the way.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Removes the progress line.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }

    fn start_bar(&self) -> ProgressBar {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
            .with_elapsed(self.started.elapsed());
        // The template is a constant; should it ever be refused, the default style does.
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} {pos} files checked in {elapsed} {msg}")
        {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// What the progress line says after the count: "· 2 errors, 1 warning, 1 unreadable".
pub fn progress_message(errors: u64, warnings: u64, unreadable: u64) -> String {
    let plural = |n: u64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut message = format!(
        "· {}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    if unreadable > 0 {
        message.push_str(&format!(", {unreadable} unreadable"));
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_counts_findings_and_unreadable_files() {
        assert_eq!(progress_message(0, 1, 0), "· 0 errors, 1 warning");
        assert_eq!(
            progress_message(2, 3, 1),
            "· 2 errors, 3 warnings, 1 unreadable"
        );
    }

    #[test]
    fn the_line_appears_only_after_a_few_files_and_only_when_enabled() {
        let mut progress = Progress::new(true);
        for _ in 0..SHOW_AFTER {
            progress.add(0, 0, false);
        }
        assert!(!progress.is_shown());
        progress.add(1, 0, false);
        assert!(progress.is_shown());
        assert_eq!(progress.suspend(|| 7), 7);
        progress.finish();
        assert!(!progress.is_shown());

        let mut silent = Progress::new(false);
        for _ in 0..100 {
            silent.add(0, 0, true);
        }
        assert!(!silent.is_shown());
    }
}
