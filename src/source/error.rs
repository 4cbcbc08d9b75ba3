//! Why a document could not be read. Every error names the path it is about, so a run over a
//! directory tree can report it and go on with the other files.

use std::io;

use miette::{NamedSource, SourceSpan};

/// An input that could not be read or is not a text document.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum SourceError {
    /// The file could not be opened or read: not found, permission denied, a directory, ...
    #[error("{path}: {source}")]
    #[diagnostic(
        code(factlint::source::io),
        help("check that the path exists and names a readable file")
    )]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },

    /// The file is not UTF-8. The position is that of the first byte that is not.
    #[error("{path}:{line}:{column}: invalid UTF-8 (byte offset {offset})")]
    #[diagnostic(
        code(factlint::source::invalid_utf8),
        help("factlint reads UTF-8 only; convert the file first, e.g. `iconv -f latin1 -t utf-8`")
    )]
    InvalidUtf8 {
        path: String,
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// 1-based line of the first invalid byte.
        line: usize,
        /// 1-based column, in characters, of the first invalid byte.
        column: usize,
    },

    /// A NUL byte near the start: an image, an archive, a PDF, ... rather than text.
    #[error("{path}: binary file (NUL byte at offset {offset})")]
    #[diagnostic(
        code(factlint::source::binary),
        help("factlint reads plain text, Markdown and HTML; extract the text of the file first")
    )]
    Binary { path: String, offset: usize },

    /// The input is larger than the configured limit, which keeps memory use bounded.
    #[error(
        "{path}: {}{size} bytes is larger than the limit of {limit} bytes",
        if *exact { "" } else { "at least " }
    )]
    #[diagnostic(
        code(factlint::source::too_large),
        help("raise the file size limit if this really is one document")
    )]
    TooLarge {
        path: String,
        size: u64,
        limit: u64,
        /// False when the size is a lower bound: the read stopped once the limit was passed.
        exact: bool,
    },

    /// A line of record input (JSON Lines) is not a record: not JSON, no `text`, a field of
    /// the wrong type. Boxed: it carries the line, to show it.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Record(Box<RecordError>),

    /// Walking a directory tree failed: a symlink loop, an unreadable directory, ...
    #[error("{path}: {source}")]
    #[diagnostic(
        code(factlint::source::walk),
        help("fix or exclude the entry (e.g. in .ignore); the other files are still checked")
    )]
    Walk {
        path: String,
        #[source]
        source: ignore::Error,
    },
}

/// A line of record input that is not a record. `path` is `FILE#N`; `number` is the 1-based
/// line number.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{path}: {message}")]
#[diagnostic(
    code(factlint::source::record),
    help(
        "each line must be a JSON object such as {{\"id\": 1, \"text\": \"...\", \"date\": \"2014-09-22\", \"format\": \"text\"}}; only `text` is required"
    )
)]
pub struct RecordError {
    pub path: String,
    pub file: String,
    pub number: u64,
    pub message: String,
    /// The line, when it is short enough to show.
    #[source_code]
    pub line: Option<NamedSource<String>>,
    #[label("here")]
    pub span: Option<SourceSpan>,
}

impl SourceError {
    /// The path of the input this error is about (`-` for stdin).
    pub fn path(&self) -> &str {
        match self {
            Self::Io { path, .. }
            | Self::InvalidUtf8 { path, .. }
            | Self::Binary { path, .. }
            | Self::TooLarge { path, .. }
            | Self::Walk { path, .. } => path,
            Self::Record(error) => &error.path,
        }
    }

    pub(crate) fn io(path: impl Into<String>, source: io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }

    /// The error for `bytes`, valid UTF-8 up to `offset`, at the first invalid byte.
    pub(crate) fn invalid_utf8(path: String, bytes: &[u8], offset: usize) -> Self {
        let before = &bytes[..offset.min(bytes.len())];
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        let line = memchr::memchr_iter(b'\n', before).count() + 1;
        // The bytes before `offset` are valid UTF-8, so the column can count characters.
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        Self::InvalidUtf8 {
            path,
            offset,
            line,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_reports_line_and_column() {
        let bytes = b"first line\nsecond \xc3\xa9 \xff here";
        let err = SourceError::invalid_utf8("a.txt".into(), bytes, 21);
        assert!(matches!(
            err,
            SourceError::InvalidUtf8 {
                offset: 21,
                line: 2,
                column: 10,
                ..
            }
        ));
        assert_eq!(
            err.to_string(),
            "a.txt:2:10: invalid UTF-8 (byte offset 21)"
        );
    }

    #[test]
    fn too_large_says_whether_the_size_is_exact() {
        let exact = SourceError::TooLarge {
            path: "a".into(),
            size: 10,
            limit: 5,
            exact: true,
        };
        assert_eq!(
            exact.to_string(),
            "a: 10 bytes is larger than the limit of 5 bytes"
        );
        let bound = SourceError::TooLarge {
            path: "-".into(),
            size: 6,
            limit: 5,
            exact: false,
        };
        assert_eq!(
            bound.to_string(),
            "-: at least 6 bytes is larger than the limit of 5 bytes"
        );
    }

    #[test]
    fn every_error_has_a_code_and_names_its_path() {
        use miette::Diagnostic;
        let err = SourceError::io("missing.md", io::Error::from(io::ErrorKind::NotFound));
        assert_eq!(err.path(), "missing.md");
        assert_eq!(
            err.code().map(|c| c.to_string()).as_deref(),
            Some("factlint::source::io")
        );
        assert!(err.to_string().starts_with("missing.md: "));
        assert!(std::error::Error::source(&err).is_some());
    }
}
