//! Inputs: the paths given on the command line, expanded lazily into the documents to read.
//!
//! `-` is stdin and a file is taken as given, whatever its extension. A directory is walked
//! recursively, keeping files with a document extension (or, for record input, `.jsonl`
//! files), in sorted order within each directory so that output is the same from run to run.
//! Include and exclude [`Globs`] narrow what a walked directory yields; a file named on the
//! command line is read whatever the globs say, as one named explicitly is surely meant
//! (ripgrep does the same), and so is a directory named there.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use ignore::{Walk, WalkBuilder};

use super::SourceError;
use super::detect::format_from_extension;
use super::globs::{Globs, absolute_resolved};

/// One document to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

impl fmt::Display for Input {
    /// The path as reported in documents and errors: `-` for stdin.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Path(path) => write!(f, "{}", path.display()),
            Self::Stdin => f.write_str("-"),
        }
    }
}

/// How directories are walked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WalkOptions {
    /// Also walk hidden files and directories (names starting with `.`).
    pub hidden: bool,
    /// Skip what `.gitignore`, `.ignore` and git's exclude files exclude.
    pub ignore_files: bool,
    /// Which files and folders inside a walked directory are kept; they narrow what the two
    /// options above let through and never bring back what those leave out.
    pub globs: Globs,
    /// Keep the `.jsonl` files of folders (record input) instead of their documents.
    pub records: bool,
}

impl Default for WalkOptions {
    fn default() -> Self {
        Self {
            hidden: false,
            ignore_files: true,
            globs: Globs::default(),
            records: false,
        }
    }
}

/// The documents named by `paths`, in order, as a lazy stream. A path that cannot be read, and
/// each entry of a directory tree that cannot be walked, yields an error and the walk goes on.
pub fn walk(
    paths: &[String],
    options: &WalkOptions,
) -> impl Iterator<Item = Result<Input, SourceError>> + use<> {
    let options = options.clone();
    // Owned, so that the stream borrows nothing from the caller (it can go to another thread).
    let paths = paths.to_vec();
    paths
        .into_iter()
        .flat_map(move |path| expand(path, &options))
}

/// What one path on the command line stands for.
enum Expansion {
    One(Option<Result<Input, SourceError>>),
    Tree {
        root: String,
        walk: Box<Walk>,
        records: bool,
    },
}

fn expand(path: String, options: &WalkOptions) -> Expansion {
    if path == "-" {
        return Expansion::One(Some(Ok(Input::Stdin)));
    }
    match fs::metadata(&path) {
        Ok(meta) if meta.is_dir() => {
            let walk = Box::new(walk_builder(&path, options).build());
            Expansion::Tree {
                root: path,
                walk,
                records: options.records,
            }
        }
        Ok(_) => Expansion::One(Some(Ok(Input::Path(path.into())))),
        Err(err) => Expansion::One(Some(Err(SourceError::io(path, err)))),
    }
}

fn walk_builder(root: &str, options: &WalkOptions) -> WalkBuilder {
    let mut builder = WalkBuilder::new(root);
    builder
        .standard_filters(options.ignore_files)
        .hidden(!options.hidden)
        // A folder of articles is often not a git repository; a .gitignore in it still says
        // what its owner means to leave out.
        .require_git(false)
        // Followed, so that a symlink loop is detected and reported rather than skipped.
        .follow_links(true)
        .sort_by_file_name(|a, b| a.cmp(b));
    if !options.globs.is_empty() {
        let globs = options.globs.clone();
        let root = PathBuf::from(root);
        // The globs match absolute paths; the root's is found once, not once per entry.
        let absolute_root = absolute_resolved(&root);
        builder.filter_entry(move |entry| {
            let relative = entry.path().strip_prefix(&root).unwrap_or(entry.path());
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            globs.allows(&absolute_root.join(relative), is_dir)
        });
    }
    builder
}

impl Iterator for Expansion {
    type Item = Result<Input, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Self::One(item) => item.take(),
            Self::Tree {
                root,
                walk,
                records,
            } => loop {
                let entry = match walk.next()? {
                    Ok(entry) => entry,
                    Err(err) => return Some(Err(walk_error(root, err))),
                };
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                let wanted = if *records {
                    is_record_file(entry.path())
                } else {
                    format_from_extension(entry.path()).is_some()
                };
                if entry.depth() > 0 && is_file && wanted {
                    return Some(Ok(Input::Path(entry.into_path())));
                }
            },
        }
    }
}

/// A file of records: `.jsonl`, in any case.
fn is_record_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
}

/// A walk error, named by the path it is about (or else the root of the walk).
fn walk_error(root: &str, err: ignore::Error) -> SourceError {
    let path = error_path(&err).map_or_else(|| root.to_string(), |p| p.display().to_string());
    SourceError::Walk { path, source: err }
}

fn error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Partial(errs) => errs.iter().find_map(error_path),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn walked(paths: &[String], options: &WalkOptions) -> Vec<Result<String, String>> {
        walk(paths, options)
            .map(|item| {
                item.map(|input| input.to_string())
                    .map_err(|err| err.path().to_string())
            })
            .collect()
    }

    fn touch(path: &Path) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, "text").unwrap();
    }

    fn s(path: &Path) -> String {
        path.display().to_string()
    }

    #[test]
    fn stdin_files_and_sorted_directories() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in [
            "b.md",
            "a.txt",
            "sub/c.html",
            "sub/a.HTM",
            "image.png",
            "notes",
            "z.markdown",
        ] {
            touch(&root.join(name));
        }
        let explicit = root.join("notes");
        let paths = ["-".to_string(), s(&explicit), s(root)];
        let expected = [
            "-".to_string(),
            s(&explicit),
            s(&root.join("a.txt")),
            s(&root.join("b.md")),
            s(&root.join("sub/a.HTM")),
            s(&root.join("sub/c.html")),
            s(&root.join("z.markdown")),
        ];
        let got = walked(&paths, &WalkOptions::default());
        assert_eq!(got, expected.map(Ok));
    }

    #[test]
    fn a_missing_path_is_an_error_and_the_walk_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        touch(&file);
        let missing = s(&dir.path().join("missing.md"));
        let got = walked(&[missing.clone(), s(&file)], &WalkOptions::default());
        assert_eq!(got, vec![Err(missing), Ok(s(&file))]);
    }

    #[test]
    fn an_empty_directory_yields_nothing() {
        let dir = tempfile::tempdir().unwrap();
        assert!(walked(&[s(dir.path())], &WalkOptions::default()).is_empty());
    }

    #[test]
    fn ignore_files_and_hidden_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join(".gitignore"), "drafts/\nskip.md\n").unwrap();
        for name in [
            "keep.md",
            "skip.md",
            "drafts/d.md",
            ".hidden.md",
            ".private/p.md",
        ] {
            touch(&root.join(name));
        }
        let got = walked(&[s(root)], &WalkOptions::default());
        assert_eq!(got, vec![Ok(s(&root.join("keep.md")))]);

        let everything = WalkOptions {
            hidden: true,
            ignore_files: false,
            ..WalkOptions::default()
        };
        assert_eq!(walked(&[s(root)], &everything).len(), 5);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_reported_and_other_files_still_come_out() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join("a.md"));
        touch(&root.join("sub/b.md"));
        std::os::unix::fs::symlink(root.join("sub"), root.join("sub/loop")).unwrap();
        touch(&root.join("z.md"));
        let got = walked(&[s(root)], &WalkOptions::default());
        let loop_path = s(&root.join("sub/loop"));
        assert_eq!(
            got,
            vec![
                Ok(s(&root.join("a.md"))),
                Ok(s(&root.join("sub/b.md"))),
                Err(loop_path),
                Ok(s(&root.join("z.md")))
            ]
        );
    }

    fn with_globs(base: &Path, include: &[&str], exclude: &[&str]) -> WalkOptions {
        WalkOptions {
            globs: Globs::new(base, include, exclude).unwrap(),
            ..WalkOptions::default()
        }
    }

    fn archive() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "reports/2014/a.md",
            "reports/2014/b.draft.md",
            "reports/drafts/c.md",
            "notes/n.txt",
            "top.html",
        ] {
            touch(&dir.path().join(name));
        }
        dir
    }

    #[test]
    fn globs_narrow_a_walked_directory() {
        let dir = archive();
        let root = dir.path();
        let options = with_globs(root, &["reports/", "*.html"], &["drafts/", "*.draft.md"]);
        let got = walked(&[s(root)], &options);
        let expected = [
            s(&root.join("reports/2014/a.md")),
            s(&root.join("top.html")),
        ];
        assert_eq!(got, expected.map(Ok));
    }

    #[test]
    fn globs_are_relative_to_their_base_wherever_the_walk_starts() {
        let dir = archive();
        let root = dir.path();
        let options = with_globs(root, &[], &["reports/2014/"]);
        // Walking a folder below the base: the anchored glob still names `reports/2014`.
        let got = walked(&[s(&root.join("reports"))], &options);
        assert_eq!(got, vec![Ok(s(&root.join("reports/drafts/c.md")))]);
        // The same tree through a path with `..` in it.
        let roundabout = root.join("notes/../reports");
        assert_eq!(walked(&[s(&roundabout)], &options).len(), 1);
    }

    #[test]
    fn explicit_paths_are_read_whatever_the_globs_say() {
        let dir = archive();
        let root = dir.path();
        let file = s(&root.join("notes/n.txt"));
        let only_html = with_globs(root, &["*.html"], &["notes/"]);
        assert_eq!(
            walked(std::slice::from_ref(&file), &only_html),
            vec![Ok(file)]
        );
        // A directory named on the command line is walked even though a glob excludes it;
        // the globs still apply to what is inside.
        let no_drafts = with_globs(root, &[], &["drafts/", "*.draft.md"]);
        let drafts = s(&root.join("reports/drafts"));
        let got = walked(&[drafts], &no_drafts);
        assert_eq!(got, vec![Ok(s(&root.join("reports/drafts/c.md")))]);
    }

    #[test]
    fn globs_do_not_bring_back_ignored_or_hidden_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join(".gitignore"), "skip.md\n").unwrap();
        for name in ["keep.md", "skip.md", ".hidden.md"] {
            touch(&root.join(name));
        }
        let options = with_globs(root, &["*.md"], &[]);
        assert_eq!(
            walked(&[s(root)], &options),
            vec![Ok(s(&root.join("keep.md")))]
        );
    }

    #[test]
    fn a_record_walk_keeps_jsonl_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in ["a.jsonl", "b.txt", "sub/c.JSONL", "d.json"] {
            touch(&root.join(name));
        }
        let records = WalkOptions {
            records: true,
            ..WalkOptions::default()
        };
        let expected = [s(&root.join("a.jsonl")), s(&root.join("sub/c.JSONL"))];
        assert_eq!(walked(&[s(root)], &records), expected.map(Ok));
        // A file named on the command line is taken whatever its extension.
        let named = s(&root.join("b.txt"));
        assert_eq!(
            walked(std::slice::from_ref(&named), &records),
            vec![Ok(named)]
        );
    }

    #[test]
    fn input_display() {
        assert_eq!(Input::Stdin.to_string(), "-");
        assert_eq!(Input::Path("a/b.md".into()).to_string(), "a/b.md");
    }
}
