//! Reading an input into a [`Document`]: bounded reads, binary and UTF-8 checks, format
//! detection, then the prose view.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use super::boilerplate::blank_boilerplate;
use super::detect::detect_format;
use super::html::mask_html;
use super::markdown::mask_markdown;
use super::mask::{Mask, into_prose};
use super::{Document, Format, Input, SourceError};
use crate::calendar::PartialDate;

/// The default limit on the size of one input: far beyond any article, small enough that a
/// stray disk image or log file cannot exhaust memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 32 * 1024 * 1024;

/// A NUL byte in this many leading bytes marks a file as binary.
const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// How inputs are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadOptions {
    /// Inputs larger than this many bytes are rejected with [`SourceError::TooLarge`].
    pub max_file_size: u64,
    /// The format of every input, overriding detection.
    pub format: Option<Format>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            format: None,
        }
    }
}

/// Reads one input and prepares it for extraction.
pub fn load(input: &Input, options: &LoadOptions) -> Result<Document, SourceError> {
    let path = input.to_string();
    let bytes = match input {
        Input::Path(file) => read_file(file, &path, options.max_file_size)?,
        Input::Stdin => read_bounded(io::stdin().lock(), &path, options.max_file_size, 0)?,
    };
    parse_document(path, bytes, options.format)
}

/// Prepares a document from its bytes: rejects binary and non-UTF-8 content, detects the
/// format (unless `format_hint` gives it) and builds the prose view. An empty input is an
/// empty document, not an error.
pub fn parse_document(
    path: String,
    bytes: Vec<u8>,
    format_hint: Option<Format>,
) -> Result<Document, SourceError> {
    if let Some(offset) = memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF_LEN)]) {
        return Err(SourceError::Binary { path, offset });
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            return Err(SourceError::invalid_utf8(path, err.as_bytes(), offset));
        }
    };
    let format = format_hint.unwrap_or_else(|| detect_format(&path, &text));
    let (prose, meta_date) = prose_view(&text, format);
    Ok(Document::new(path, text, prose, format, meta_date))
}

/// The prose view of `text` and the date its markup states.
fn prose_view(text: &str, format: Format) -> (String, Option<PartialDate>) {
    // The parsers do not see a byte order mark; the mask blanks it and shifts their offsets.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut mask = Mask::new(text, text.len() - body.len());
    let meta_date = match format {
        Format::Text => {
            mask.keep(0..body.len());
            None
        }
        Format::Markdown => mask_markdown(body, &mut mask),
        Format::Html => mask_html(body, &mut mask),
    };
    let mut prose = mask.finish();
    blank_boilerplate(&mut prose);
    (into_prose(text, prose), meta_date)
}

fn read_file(file: &Path, path: &str, limit: u64) -> Result<Vec<u8>, SourceError> {
    let handle = File::open(file).map_err(|err| SourceError::io(path, err))?;
    let meta = handle
        .metadata()
        .map_err(|err| SourceError::io(path, err))?;
    if meta.is_dir() {
        return Err(SourceError::io(
            path,
            io::Error::from(io::ErrorKind::IsADirectory),
        ));
    }
    // Refuse early on the stated size; `read_bounded` still guards against a size that lies
    // (a file growing as it is read, /proc files that state 0).
    if meta.len() > limit {
        return Err(SourceError::TooLarge {
            path: path.to_string(),
            size: meta.len(),
            limit,
            exact: true,
        });
    }
    read_bounded(handle, path, limit, meta.len())
}

/// Reads at most `limit + 1` bytes, so that memory stays bounded whatever the source.
fn read_bounded(
    reader: impl Read,
    path: &str,
    limit: u64,
    size_hint: u64,
) -> Result<Vec<u8>, SourceError> {
    let capacity = usize::try_from(size_hint.min(limit).saturating_add(1)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|err| SourceError::io(path, err))?;
    let size = bytes.len() as u64;
    if size > limit {
        return Err(SourceError::TooLarge {
            path: path.to_string(),
            size,
            limit,
            exact: false,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn parse(path: &str, text: &str) -> Document {
        parse_document(path.into(), text.as_bytes().to_vec(), None).unwrap()
    }

    #[test]
    fn an_empty_input_is_an_empty_document() {
        let doc = parse("empty.txt", "");
        assert_eq!(
            (doc.text.as_str(), doc.prose(), doc.format),
            ("", "", Format::Text)
        );
        assert_eq!(parse("empty.html", "").prose(), "");
        assert_eq!(parse("empty.md", "").prose(), "");
    }

    #[test]
    fn binary_and_invalid_utf8_are_errors() {
        let err =
            parse_document("a.png".into(), b"\x89PNG\r\n\x1a\n\0\0".to_vec(), None).unwrap_err();
        assert!(
            matches!(err, SourceError::Binary { offset: 8, .. }),
            "{err}"
        );
        let err = parse_document("a.txt".into(), b"ok\nbad \xe9t\xe9".to_vec(), None).unwrap_err();
        assert!(
            matches!(
                err,
                SourceError::InvalidUtf8 {
                    offset: 7,
                    line: 2,
                    column: 5,
                    ..
                }
            ),
            "{err}"
        );
        // A NUL past the first 8 KiB is left to the UTF-8 check, which accepts it.
        let late = format!("{}\0", "a".repeat(BINARY_SNIFF_LEN));
        assert!(parse_document("late.txt".into(), late.into_bytes(), None).is_ok());
    }

    #[test]
    fn a_byte_order_mark_is_blanked_not_removed() {
        let doc = parse("bom.md", "\u{feff}---\ndate: 2014-09-22\n---\n# Title\n");
        assert_eq!(doc.text.len(), doc.prose().len());
        assert!(doc.prose().starts_with("   "));
        assert_eq!(doc.meta_date, PartialDate::day(2014, 9, 22));
        assert_eq!(
            doc.prose().split_whitespace().collect::<Vec<_>>(),
            ["Title"]
        );
    }

    #[test]
    fn the_format_hint_overrides_detection() {
        let doc =
            parse_document("a.html".into(), b"<p>x</p>".to_vec(), Some(Format::Text)).unwrap();
        assert_eq!((doc.format, doc.prose()), (Format::Text, "<p>x</p>"));
        assert_eq!(parse("-", "<!doctype html><p>x</p>").format, Format::Html);
    }

    #[test]
    fn load_reads_files_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        fs::write(&file, "# Budget\n\nSpending rose 4%.\n").unwrap();
        let input = Input::Path(file.clone());
        let doc = load(&input, &LoadOptions::default()).unwrap();
        assert_eq!(
            (doc.path, doc.format),
            (file.display().to_string(), Format::Markdown)
        );

        let empty = dir.path().join("empty.txt");
        fs::write(&empty, "").unwrap();
        let doc = load(&Input::Path(empty), &LoadOptions::default()).unwrap();
        assert_eq!((doc.text.as_str(), doc.prose()), ("", ""));

        let small = LoadOptions {
            max_file_size: 10,
            ..LoadOptions::default()
        };
        let err = load(&input, &small).unwrap_err();
        assert!(
            matches!(
                err,
                SourceError::TooLarge {
                    size: 28,
                    limit: 10,
                    exact: true,
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn reads_are_bounded_even_when_the_size_is_unknown() {
        let err = read_bounded(&b"0123456789abc"[..], "-", 10, 0).unwrap_err();
        assert!(
            matches!(
                err,
                SourceError::TooLarge {
                    size: 11,
                    limit: 10,
                    exact: false,
                    ..
                }
            ),
            "{err}"
        );
        assert_eq!(
            read_bounded(&b"0123456789"[..], "-", 10, 0).unwrap().len(),
            10
        );
    }

    #[test]
    fn io_errors_name_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.md");
        let err = load(&Input::Path(missing.clone()), &LoadOptions::default()).unwrap_err();
        assert!(
            matches!(&err, SourceError::Io { source, .. } if source.kind() == io::ErrorKind::NotFound)
        );
        assert_eq!(err.path(), missing.display().to_string());

        let err = load(
            &Input::Path(dir.path().to_path_buf()),
            &LoadOptions::default(),
        )
        .unwrap_err();
        assert!(
            matches!(&err, SourceError::Io { source, .. } if source.kind() == io::ErrorKind::IsADirectory)
        );
    }
}
