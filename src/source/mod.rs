//! Documents in: files, directory trees and stdin; plain text, Markdown and HTML; records of
//! JSON Lines, one document each.
//!
//! A [`Document`] keeps the original text and a *prose view* of the same byte length in which
//! markup and boilerplate are blanked out. Extraction reads the prose view, so every offset it
//! reports is an offset into the original file with no mapping table to keep in step.

mod boilerplate;
mod detect;
mod entity;
mod error;
mod globs;
mod html;
mod load;
mod markdown;
mod mask;
mod meta;
mod records;
mod sections;
mod walk;

#[cfg(test)]
mod tests;

pub use detect::{detect_format, format_from_extension, sniff_format};
pub use error::{RecordError, SourceError};
pub(crate) use globs::lexically_clean;
pub use globs::{GlobError, GlobList, Globs};
pub use load::{DEFAULT_MAX_FILE_SIZE, LoadOptions, load, parse_document};
pub(crate) use markdown::options as markdown_options;
pub use records::{
    Record, RecordLine, RecordLines, RecordOrigin, read_record, record_lines, record_path,
};
pub use sections::section_starts;
pub use walk::{Input, WalkOptions, walk};

use crate::calendar::PartialDate;

/// The markup a document is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
}

/// One document, read and prepared for extraction.
#[derive(Clone, Debug)]
pub struct Document {
    /// The path as the user gave it or as the walk found it; `-` for stdin.
    pub path: String,
    /// The original text, byte for byte.
    pub text: String,
    /// The prose view ([`Document::prose`]), or `None` when it is the text itself (plain text
    /// with nothing blanked): a long report is not held twice.
    prose: Option<String>,
    pub format: Format,
    /// The date the document states about itself (front matter, HTML meta), if any.
    pub meta_date: Option<PartialDate>,
}

impl Document {
    pub fn new(
        path: String,
        text: String,
        prose: String,
        format: Format,
        meta_date: Option<PartialDate>,
    ) -> Self {
        let prose = (prose != text).then_some(prose);
        Document {
            path,
            text,
            prose,
            format,
            meta_date,
        }
    }

    /// The prose view: the same byte length as `text`, with every byte of markup or boilerplate
    /// replaced by ASCII white space (`\n` where a block ends, a space elsewhere). A byte that is
    /// not blanked is the same byte as in `text`, so char boundaries and offsets agree.
    pub fn prose(&self) -> &str {
        self.prose.as_deref().unwrap_or(&self.text)
    }
}
