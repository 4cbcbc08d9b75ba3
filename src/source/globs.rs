//! Include and exclude globs for the directory walk, written as in `.gitignore` and relative to
//! a base directory (the folder of the configuration file that gives them).
//!
//! Globs only narrow a walk: what `.gitignore` or the hidden-file rule leaves out stays out.
//! An exclude glob that matches a directory prunes it; an include glob that matches a
//! directory includes every file below it. When there are include globs, a file is kept only
//! if it or one of its folders matches one; an exclude glob wins over an include glob.

use std::fmt;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use ignore::overrides::{Override, OverrideBuilder};

/// Which list a glob is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GlobList {
    Include,
    Exclude,
}

impl fmt::Display for GlobList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Include => "include",
            Self::Exclude => "exclude",
        })
    }
}

/// A glob that cannot be compiled. `index` is its position in its list, so that a caller
/// holding the spans of the list (a configuration file) can point at it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
#[error("invalid {list} glob `{glob}`: {reason}")]
#[diagnostic(
    code(factlint::source::glob),
    help("globs are written as in .gitignore: `*.md`, `reports/**/*.html`, `drafts/`")
)]
pub struct GlobError {
    pub list: GlobList,
    pub index: usize,
    pub glob: String,
    pub reason: String,
}

/// Compiled include and exclude globs; the default has none and keeps every file.
#[derive(Clone, Default)]
pub struct Globs {
    // Shared: the walk's entry filter must be `'static` and is built once per directory tree.
    matchers: Option<Arc<Matchers>>,
}

struct Matchers {
    /// Absolute, with symbolic links resolved when it exists, like the walked paths.
    base: PathBuf,
    include: Override,
    exclude: Override,
    include_globs: Vec<String>,
    exclude_globs: Vec<String>,
}

impl Globs {
    /// Compiles the globs; paths that contain a `/` are relative to `base`.
    ///
    /// ```
    /// use factlint::source::Globs;
    /// let globs = Globs::new("/archive".as_ref(), &["reports"], &["*.draft.md"]).unwrap();
    /// assert!(globs.allows("/archive/reports/2014/a.md".as_ref(), false));
    /// assert!(!globs.allows("/archive/reports/a.draft.md".as_ref(), false));
    /// assert!(!globs.allows("/archive/notes/a.md".as_ref(), false));
    /// ```
    pub fn new<S: AsRef<str>>(
        base: &Path,
        include: &[S],
        exclude: &[S],
    ) -> Result<Globs, GlobError> {
        if include.is_empty() && exclude.is_empty() {
            return Ok(Globs::default());
        }
        let include_globs: Vec<String> = include.iter().map(|g| g.as_ref().to_string()).collect();
        let exclude_globs: Vec<String> = exclude.iter().map(|g| g.as_ref().to_string()).collect();
        let matchers = Matchers {
            base: absolute_resolved(base),
            include: compile(GlobList::Include, &include_globs)?,
            exclude: compile(GlobList::Exclude, &exclude_globs)?,
            include_globs,
            exclude_globs,
        };
        Ok(Globs {
            matchers: Some(Arc::new(matchers)),
        })
    }

    /// No glob: every file is kept.
    pub fn is_empty(&self) -> bool {
        self.matchers.is_none()
    }

    /// The include globs, as given.
    pub fn include(&self) -> &[String] {
        self.matchers.as_ref().map_or(&[], |m| &m.include_globs)
    }

    /// The exclude globs, as given.
    pub fn exclude(&self) -> &[String] {
        self.matchers.as_ref().map_or(&[], |m| &m.exclude_globs)
    }

    /// Whether the walk keeps an entry: for a directory, whether to go into it; for a file,
    /// whether to read it. `path` is absolute, with no `.` or `..` in it.
    pub fn allows(&self, path: &Path, is_dir: bool) -> bool {
        let Some(m) = &self.matchers else {
            return true;
        };
        // Below the base, globs match the relative path, so that `reports/*.md` is anchored
        // there; elsewhere only the globs without a `/` (`*.md`, `drafts/`) can match.
        let path = path.strip_prefix(&m.base).unwrap_or(path);
        if m.exclude.matched(path, is_dir).is_ignore() {
            return false;
        }
        if is_dir || m.include.num_whitelists() == 0 {
            return true;
        }
        m.include.matched(path, false).is_whitelist()
            || path
                .ancestors()
                .skip(1)
                .take_while(|a| !a.as_os_str().is_empty() && a.parent().is_some())
                .any(|a| m.include.matched(a, true).is_whitelist())
    }
}

fn compile(list: GlobList, globs: &[String]) -> Result<Override, GlobError> {
    // The root is `.` so that `ignore` strips no prefix of its own: `allows` passes paths
    // already made relative to the base.
    let mut builder = OverrideBuilder::new(".");
    for (index, glob) in globs.iter().enumerate() {
        let error = |reason: String| GlobError {
            list,
            index,
            glob: glob.clone(),
            reason,
        };
        if let Some(reason) = unsupported(list, glob) {
            return Err(error(reason.to_string()));
        }
        // In an override, a plain glob keeps and a `!glob` leaves out.
        let line = match list {
            GlobList::Include => glob.clone(),
            GlobList::Exclude => format!("!{glob}"),
        };
        builder.add(&line).map_err(|e| error(glob_reason(e)))?;
    }
    builder.build().map_err(|e| GlobError {
        list,
        index: 0,
        glob: globs.first().cloned().unwrap_or_default(),
        reason: glob_reason(e),
    })
}

/// Lines that `.gitignore` reads as something other than a glob.
fn unsupported(list: GlobList, glob: &str) -> Option<&'static str> {
    if glob.trim().is_empty() {
        Some("the glob is empty")
    } else if glob.starts_with('!') {
        Some(match list {
            GlobList::Include => "a leading `!` does not negate here: put the glob in `exclude`",
            GlobList::Exclude => "a leading `!` does not negate here: put the glob in `include`",
        })
    } else if glob.starts_with('#') {
        Some("a leading `#` would make a comment; write `\\#` for the character")
    } else {
        None
    }
}

fn glob_reason(err: ignore::Error) -> String {
    match err {
        ignore::Error::Glob { err, .. } => err,
        other => other.to_string(),
    }
}

/// `path` made absolute, through symbolic links when it exists, else lexically.
pub(crate) fn absolute_resolved(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        lexically_clean(&absolute)
    })
}

/// `a/./b/../c` is `a/c`, without asking the file system.
pub(crate) fn lexically_clean(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

impl fmt::Debug for Globs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Globs");
        if let Some(m) = &self.matchers {
            s.field("base", &m.base)
                .field("include", &m.include_globs)
                .field("exclude", &m.exclude_globs);
        }
        s.finish()
    }
}

/// Equal when built from the same base and globs.
impl PartialEq for Globs {
    fn eq(&self, other: &Self) -> bool {
        match (&self.matchers, &other.matchers) {
            (None, None) => true,
            (Some(a), Some(b)) => {
                a.base == b.base
                    && a.include_globs == b.include_globs
                    && a.exclude_globs == b.exclude_globs
            }
            _ => false,
        }
    }
}

impl Eq for Globs {}

#[cfg(test)]
mod tests {
    use super::*;

    fn globs(include: &[&str], exclude: &[&str]) -> Globs {
        Globs::new(Path::new("/base"), include, exclude).unwrap()
    }

    fn file(g: &Globs, path: &str) -> bool {
        g.allows(Path::new(path), false)
    }

    fn dir(g: &Globs, path: &str) -> bool {
        g.allows(Path::new(path), true)
    }

    #[test]
    fn no_globs_keep_everything() {
        let g = Globs::new::<&str>(Path::new("/base"), &[], &[]).unwrap();
        assert!(g.is_empty());
        assert!(file(&g, "/base/a.md"));
        assert!(dir(&g, "/elsewhere"));
    }

    #[test]
    fn excludes_prune_directories_and_drop_files() {
        let g = globs(&[], &["drafts/", "*.tmp.md", "/old"]);
        assert!(!dir(&g, "/base/drafts"));
        assert!(!dir(&g, "/base/reports/drafts"));
        // `drafts/` names directories only.
        assert!(file(&g, "/base/drafts"));
        assert!(!file(&g, "/base/reports/x.tmp.md"));
        assert!(!dir(&g, "/base/old"));
        // `/old` is anchored at the base.
        assert!(dir(&g, "/base/reports/old"));
        assert!(file(&g, "/base/reports/a.md"));
    }

    #[test]
    fn includes_keep_matching_files_and_files_in_matching_directories() {
        let g = globs(&["reports", "notes/**/*.md"], &[]);
        assert!(file(&g, "/base/reports/2014/a.html"));
        assert!(file(&g, "/base/notes/x/y.md"));
        assert!(!file(&g, "/base/notes/x/y.txt"));
        assert!(!file(&g, "/base/other.md"));
        // Directories are always entered: a file below may match.
        assert!(dir(&g, "/base/elsewhere"));
    }

    #[test]
    fn an_exclude_wins_over_an_include() {
        let g = globs(&["*.md"], &["secret.md"]);
        assert!(file(&g, "/base/a.md"));
        assert!(!file(&g, "/base/sub/secret.md"));
    }

    #[test]
    fn outside_the_base_only_unanchored_globs_match() {
        let g = globs(&[], &["reports/old/", "drafts/", "*.bak.md"]);
        assert!(dir(&g, "/other/reports/old"));
        assert!(!dir(&g, "/other/drafts"));
        assert!(!file(&g, "/other/a.bak.md"));
        let g = globs(&["reports/**"], &[]);
        assert!(!file(&g, "/other/reports/a.md"));
    }

    #[test]
    fn the_base_is_matched_by_components_not_by_characters() {
        let g = globs(&[], &["/ject/"]);
        // `/baseject` is not below `/base`.
        assert!(dir(&g, "/baseject"));
        assert!(!dir(&g, "/base/ject"));
    }

    #[test]
    fn invalid_globs_say_which_and_why() {
        let err = Globs::new(Path::new("/"), &["*.md", "a[b"], &[]).unwrap_err();
        assert_eq!(
            (err.list, err.index, err.glob.as_str()),
            (GlobList::Include, 1, "a[b")
        );
        assert!(err.reason.contains("unclosed"), "{}", err.reason);
        let err = Globs::new(Path::new("/"), &[], &["{a,b"]).unwrap_err();
        assert_eq!((err.list, err.index), (GlobList::Exclude, 0));
        for (glob, why) in [("!x", "`include`"), ("", "empty"), ("#x", "comment")] {
            let err = Globs::new(Path::new("/"), &[], &[glob]).unwrap_err();
            assert!(err.reason.contains(why), "{glob:?}: {}", err.reason);
        }
        let err = Globs::new(Path::new("/"), &["!x"], &[]).unwrap_err();
        assert!(err.reason.contains("`exclude`"));
        assert_eq!(
            err.to_string(),
            "invalid include glob `!x`: a leading `!` does not negate here: put the glob in `exclude`"
        );
    }

    #[test]
    fn equality_follows_the_globs() {
        assert_eq!(globs(&["a"], &[]), globs(&["a"], &[]));
        assert_ne!(globs(&["a"], &[]), globs(&[], &["a"]));
        assert_ne!(globs(&["a"], &[]), Globs::default());
        assert_eq!(globs(&[], &["b"]).exclude(), ["b"]);
    }
}
