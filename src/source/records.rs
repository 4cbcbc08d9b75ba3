//! Record input: JSON Lines, one document per line, as engines that pipe records send them
//! (Spark's `RDD.pipe`, a queue consumer, `xargs`).
//!
//! A line is `{"id": ..., "text": "...", "date": "2014-09-22", "format": "markdown"}`. `text`
//! is required; `id` (any JSON scalar, echoed back byte for byte), `date` and `format` are
//! optional, and other keys are ignored so that rows can carry columns of their own. Blank
//! lines are skipped. A record's number is its 1-based line number in its file, so that
//! `sed -n 'Np'` finds it, and its path is `FILE#N` (`-#N` for stdin).
//!
//! Lines are read one at a time with a bound on their length: neither a huge input nor a line
//! without end can exhaust memory, and nothing waits for the end of the input.

use std::fs::File;
use std::io::{self, BufRead, BufReader};

use miette::{NamedSource, SourceSpan};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::error::RecordError;
use super::{Document, Format, Input, SourceError, parse_document};
use crate::calendar::PartialDate;

/// A bad line longer than this is reported without its text, which would drown the message.
const SHOWN_LINE_MAX: usize = 2048;

/// One line of a JSON Lines input, read but not parsed: parsing is left to whichever thread
/// checks the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordLine {
    /// The input the line comes from: its path, or `-` for stdin.
    pub file: String,
    /// The 1-based line number.
    pub number: u64,
    /// The line without its end (`\n` or `\r\n`).
    pub bytes: Vec<u8>,
}

/// The path a record is reported under: `FILE#N`.
pub fn record_path(file: &str, number: u64) -> String {
    format!("{file}#{number}")
}

/// Where a record comes from, and the id it carries (echoed in its result).
#[derive(Debug, Clone)]
pub struct RecordOrigin {
    pub file: String,
    pub number: u64,
    /// The record's `id` exactly as written, when it has a valid one.
    pub id: Option<Box<RawValue>>,
}

/// A record read: where it comes from, and the document it holds or why it holds none.
#[derive(Debug)]
pub struct Record {
    pub origin: RecordOrigin,
    pub document: Result<Document, SourceError>,
}

/// The fields of a record, each kept raw so that a wrong type gets its own message.
#[derive(Deserialize)]
struct Fields<'a> {
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    text: Option<&'a RawValue>,
    #[serde(borrow, default)]
    date: Option<&'a RawValue>,
    #[serde(borrow, default)]
    format: Option<&'a RawValue>,
}

/// Parses one line into a document. The record's `format` wins over `format_hint`, which wins
/// over detection; its `date` becomes the document's own date.
pub fn read_record(line: RecordLine, format_hint: Option<Format>) -> Record {
    let mut origin = RecordOrigin {
        file: line.file.clone(),
        number: line.number,
        id: None,
    };
    let document = match parse_fields(&line, &mut origin) {
        Ok((text, date, format)) => {
            let path = record_path(&line.file, line.number);
            parse_document(path, text.into_bytes(), format.or(format_hint)).map(|mut document| {
                document.meta_date = date.or(document.meta_date);
                document
            })
        }
        Err(error) => Err(error),
    };
    Record { origin, document }
}

type Parsed = (String, Option<PartialDate>, Option<Format>);

fn parse_fields(line: &RecordLine, origin: &mut RecordOrigin) -> Result<Parsed, SourceError> {
    let json_error = |err: serde_json::Error| {
        let at = err.column().saturating_sub(1);
        let message = match err.classify() {
            serde_json::error::Category::Data => format!("not a record: {err}"),
            _ => format!("not JSON: {err}"),
        };
        record_error(line, message, Some(at.min(line.bytes.len())))
    };
    // serde would read an array as a struct's fields in order; a record is an object.
    let first = line.bytes.iter().position(|b| !b.is_ascii_whitespace());
    if let Some(start) = first.filter(|&i| line.bytes[i] != b'{') {
        let value: &RawValue = serde_json::from_slice(&line.bytes).map_err(json_error)?;
        let message = format!(
            "not a record: a record is a JSON object, not {}",
            kind(value)
        );
        return Err(record_error(line, message, Some(start)));
    }
    let fields: Fields = serde_json::from_slice(&line.bytes).map_err(json_error)?;
    let fail = |raw: &RawValue, message: String| {
        record_error(line, message, Some(offset_in(&line.bytes, raw)))
    };
    if let Some(id) = fields.id {
        if matches!(kind(id), "an object" | "an array") {
            let message = format!(
                "`id` must be a string, a number, true, false or null, not {}",
                kind(id)
            );
            return Err(fail(id, message));
        }
        origin.id = Some(id.to_owned());
    }
    let Some(raw_text) = fields.text else {
        let message =
            "no `text`: a record is a JSON object with the document's text as a string".to_string();
        return Err(record_error(line, message, None));
    };
    let text = string_field(raw_text, "text").map_err(|m| fail(raw_text, m))?;
    let date = match fields.date {
        None => None,
        Some(raw) => {
            let value = string_field(raw, "date").map_err(|m| fail(raw, m))?;
            let date = value
                .parse::<PartialDate>()
                .map_err(|err| fail(raw, format!("`date`: {err}")))?;
            Some(date)
        }
    };
    let format = match fields.format {
        None => None,
        Some(raw) => {
            let value = string_field(raw, "format").map_err(|m| fail(raw, m))?;
            Some(format_named(&value).ok_or_else(|| {
                fail(
                    raw,
                    format!("`format` must be text, markdown or html, not `{value}`"),
                )
            })?)
        }
    };
    Ok((text, date, format))
}

fn format_named(name: &str) -> Option<Format> {
    match name.to_ascii_lowercase().as_str() {
        "text" => Some(Format::Text),
        "markdown" => Some(Format::Markdown),
        "html" => Some(Format::Html),
        _ => None,
    }
}

/// The string a field holds, or the message saying it holds something else.
fn string_field(raw: &RawValue, name: &str) -> Result<String, String> {
    serde_json::from_str::<String>(raw.get())
        .map_err(|_| format!("`{name}` must be a string, not {}", kind(raw)))
}

/// What a JSON value is, from its first byte.
fn kind(raw: &RawValue) -> &'static str {
    match raw.get().as_bytes().first() {
        Some(b'"') => "a string",
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// The byte offset of `raw` in `line`, which it was borrowed from.
fn offset_in(line: &[u8], raw: &RawValue) -> usize {
    let offset = (raw.get().as_ptr() as usize).wrapping_sub(line.as_ptr() as usize);
    if offset <= line.len() { offset } else { 0 }
}

fn record_error(line: &RecordLine, message: String, at: Option<usize>) -> SourceError {
    let path = record_path(&line.file, line.number);
    // The line is shown under the message when it is short and valid UTF-8, so that the label
    // falls on the right character.
    let shown = (line.bytes.len() <= SHOWN_LINE_MAX)
        .then(|| std::str::from_utf8(&line.bytes).ok())
        .flatten()
        .map(|text| NamedSource::new(path.clone(), text.to_string()));
    let span = at
        .filter(|_| shown.is_some())
        .map(|at| SourceSpan::from((at, 0)));
    SourceError::Record(Box::new(RecordError {
        path,
        file: line.file.clone(),
        number: line.number,
        message,
        line: shown,
        span,
    }))
}

/// The record lines of one input, read lazily. Opening a file is the only thing done here.
pub fn record_lines(
    input: &Input,
    limit: u64,
) -> Result<RecordLines<Box<dyn BufRead>>, SourceError> {
    let file = input.to_string();
    let reader: Box<dyn BufRead> = match input {
        Input::Stdin => Box::new(io::stdin().lock()),
        Input::Path(path) => {
            let handle = File::open(path).map_err(|err| SourceError::io(&file, err))?;
            Box::new(BufReader::with_capacity(64 * 1024, handle))
        }
    };
    Ok(RecordLines::new(reader, file, limit))
}

/// The non-blank lines of a reader as [`RecordLine`]s. A line longer than `limit` bytes is
/// reported as too large (and skipped without being kept); a read error ends the input.
pub struct RecordLines<R> {
    reader: R,
    file: String,
    number: u64,
    limit: u64,
    done: bool,
}

impl<R: BufRead> RecordLines<R> {
    pub fn new(reader: R, file: String, limit: u64) -> Self {
        Self {
            reader,
            file,
            number: 0,
            limit,
            done: false,
        }
    }

    /// The 1-based number of the last line read (blank lines count), so that a line reported
    /// as too large can be named by its number.
    pub fn line_number(&self) -> u64 {
        self.number
    }

    /// Reads the next line into `bytes`, keeping at most `limit` bytes of it. Returns its full
    /// length, or `None` at the end of the input.
    fn read_line(&mut self, bytes: &mut Vec<u8>) -> io::Result<Option<u64>> {
        let mut size: u64 = 0;
        let mut started = false;
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(buf) => buf,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(err),
            };
            if buf.is_empty() {
                // The last line may lack its end.
                return Ok(started.then_some(size));
            }
            started = true;
            let end = memchr::memchr(b'\n', buf);
            let chunk = &buf[..end.unwrap_or(buf.len())];
            size += chunk.len() as u64;
            if size <= self.limit {
                bytes.extend_from_slice(chunk);
            } else {
                // Past the limit the line is only counted, so memory stays bounded.
                bytes.clear();
            }
            let used = chunk.len() + usize::from(end.is_some());
            self.reader.consume(used);
            if end.is_some() {
                return Ok(Some(size));
            }
        }
    }
}

impl<R: BufRead> Iterator for RecordLines<R> {
    type Item = Result<RecordLine, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let mut bytes = Vec::new();
            let size = match self.read_line(&mut bytes) {
                Ok(Some(size)) => size,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(err) => {
                    self.done = true;
                    return Some(Err(SourceError::io(&self.file, err)));
                }
            };
            self.number += 1;
            if size > self.limit {
                return Some(Err(SourceError::TooLarge {
                    path: record_path(&self.file, self.number),
                    size,
                    limit: self.limit,
                    exact: true,
                }));
            }
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(Ok(RecordLine {
                file: self.file.clone(),
                number: self.number,
                bytes,
            }));
        }
        None
    }
}

#[cfg(test)]
mod tests;
