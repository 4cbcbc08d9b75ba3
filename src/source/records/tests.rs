use super::*;

use proptest::prelude::*;

fn line(number: u64, text: &str) -> RecordLine {
    RecordLine {
        file: "-".into(),
        number,
        bytes: text.as_bytes().to_vec(),
    }
}

fn lines(input: &str, limit: u64) -> Vec<Result<(u64, String), String>> {
    RecordLines::new(input.as_bytes(), "in.jsonl".into(), limit)
        .map(|item| {
            item.map(|l| (l.number, String::from_utf8(l.bytes).unwrap()))
                .map_err(|e| e.to_string())
        })
        .collect()
}

fn error_of(text: &str) -> (Option<String>, String) {
    let record = read_record(line(7, text), None);
    let id = record.origin.id.map(|id| id.get().to_string());
    let error = record.document.expect_err("the record is rejected");
    assert_eq!(error.path(), "-#7");
    (id, error.to_string())
}

#[test]
fn a_record_becomes_a_document_named_by_its_line() {
    let text = r#"{"id": "a-1", "text": "Police made 1,027 arrests.", "date": "2014-09", "format": "markdown", "lang": "en"}"#;
    let record = read_record(line(3, text), None);
    assert_eq!(
        record.origin.id.as_ref().map(|id| id.get()),
        Some(r#""a-1""#)
    );
    assert_eq!(
        (record.origin.file.as_str(), record.origin.number),
        ("-", 3)
    );
    let document = record.document.unwrap();
    assert_eq!(document.path, "-#3");
    assert_eq!(document.text, "Police made 1,027 arrests.");
    assert_eq!(document.format, Format::Markdown);
    assert_eq!(document.meta_date, PartialDate::month(2014, 9));
}

#[test]
fn ids_are_echoed_byte_for_byte() {
    for id in [
        "1.50",
        "123456789012345678901234567890",
        "-0",
        "true",
        r#""\u00e9t\u00e9""#,
    ] {
        let text = format!(r#"{{"id":{id},"text":"x"}}"#);
        let record = read_record(line(1, &text), None);
        assert_eq!(record.origin.id.as_ref().map(|id| id.get()), Some(id));
    }
    // null and an absent id are the same: no id.
    for text in [r#"{"id":null,"text":"x"}"#, r#"{"text":"x"}"#] {
        assert!(read_record(line(1, text), None).origin.id.is_none());
    }
}

#[test]
fn the_format_is_the_records_else_the_hint_else_detected() {
    let html = r#"{"text":"<!doctype html><p>Five</p>"}"#;
    let detected = read_record(line(1, html), None).document.unwrap();
    assert_eq!(detected.format, Format::Html);
    let hinted = read_record(line(1, html), Some(Format::Text))
        .document
        .unwrap();
    assert_eq!(hinted.format, Format::Text);
    let own = r#"{"text":"<p>Five</p>","format":"HTML"}"#;
    let document = read_record(line(1, own), Some(Format::Text))
        .document
        .unwrap();
    assert_eq!(document.format, Format::Html);
}

#[test]
fn bad_records_say_what_is_wrong_and_keep_a_valid_id() {
    let cases = [
        (
            "not json",
            None,
            "-#7: not JSON: expected ident at line 1 column 2",
        ),
        (
            r#"{"id": 1, "text": "#,
            None,
            "-#7: not JSON: EOF while parsing a value at line 1 column 18",
        ),
        (
            "[1, 2]",
            None,
            "-#7: not a record: a record is a JSON object, not an array",
        ),
        (
            "\"text\"",
            None,
            "-#7: not a record: a record is a JSON object, not a string",
        ),
        (
            r#"{"id": 4}"#,
            Some("4"),
            "-#7: no `text`: a record is a JSON object with the document's text as a string",
        ),
        (
            r#"{"id": "x", "text": 5}"#,
            Some(r#""x""#),
            "-#7: `text` must be a string, not a number",
        ),
        (
            r#"{"text": null}"#,
            None,
            "-#7: no `text`: a record is a JSON object with the document's text as a string",
        ),
        (
            r#"{"id": [1], "text": "x"}"#,
            None,
            "-#7: `id` must be a string, a number, true, false or null, not an array",
        ),
        (
            r#"{"text": "x", "date": "2014-13"}"#,
            None,
            "-#7: `date`: `2014-13` is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            r#"{"text": "x", "date": 2014}"#,
            None,
            "-#7: `date` must be a string, not a number",
        ),
        (
            r#"{"text": "x", "format": "pdf"}"#,
            None,
            "-#7: `format` must be text, markdown or html, not `pdf`",
        ),
        (
            r#"{"text": "x", "text": "y"}"#,
            None,
            "-#7: not a record: duplicate field `text` at line 1 column 20",
        ),
        (
            r#"{"text": "a\u0000b"}"#,
            None,
            "-#7: binary file (NUL byte at offset 1)",
        ),
    ];
    for (text, id, message) in cases {
        assert_eq!(
            error_of(text),
            (id.map(String::from), message.to_string()),
            "{text}"
        );
    }
}

#[test]
fn a_bad_record_is_shown_with_a_label_for_people() {
    let record = read_record(line(2, r#"{"id": 2, "text": 5}"#), None);
    let error = record.document.unwrap_err();
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .with_width(80)
        .render_report(&mut out, &error)
        .unwrap();
    insta::assert_snapshot!(out);
}

#[test]
fn lines_are_numbered_from_one_and_blank_lines_skipped() {
    let input = "{\"text\":\"a\"}\r\n\n   \n{\"text\":\"b\"}\n{\"text\":\"c\"}";
    assert_eq!(
        lines(input, 100),
        vec![
            Ok((1, "{\"text\":\"a\"}".to_string())),
            Ok((4, "{\"text\":\"b\"}".to_string())),
            Ok((5, "{\"text\":\"c\"}".to_string())),
        ]
    );
    assert!(lines("", 100).is_empty());
    assert!(lines("\n\n", 100).is_empty());
}

#[test]
fn a_line_over_the_limit_is_reported_and_the_next_is_read() {
    let input = format!("{}\nshort\n", "x".repeat(50));
    assert_eq!(
        lines(&input, 10),
        vec![
            Err("in.jsonl#1: 50 bytes is larger than the limit of 10 bytes".to_string()),
            Ok((2, "short".to_string())),
        ]
    );
}

#[test]
fn a_line_is_read_across_buffer_refills() {
    let long = format!("{{\"text\":\"{}\"}}", "y".repeat(300));
    let input = format!("{long}\n{long}");
    let reader = io::BufReader::with_capacity(16, input.as_bytes());
    let got: Vec<_> = RecordLines::new(reader, "-".into(), 1000)
        .map(|l| l.unwrap().bytes.len())
        .collect();
    assert_eq!(got, vec![long.len(), long.len()]);
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let err = record_lines(&Input::Path("no/such.jsonl".into()), 100)
        .err()
        .expect("opening fails");
    assert_eq!(err.path(), "no/such.jsonl");
}

proptest! {
    #[test]
    fn any_bytes_give_one_item_per_non_blank_line_and_never_panic(
        input in proptest::collection::vec(any::<u8>(), 0..400),
        limit in 0u64..64,
    ) {
        let items: Vec<_> = RecordLines::new(&input[..], "-".into(), limit).collect();
        let expected = input
            .split(|b| *b == b'\n')
            .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
            .enumerate()
            .filter(|(_, l)| l.len() as u64 > limit || !l.iter().all(u8::is_ascii_whitespace))
            .count();
        prop_assert_eq!(items.len(), expected);
        for l in items.into_iter().flatten() {
            prop_assert!(l.bytes.len() as u64 <= limit);
            let _ = read_record(l, None);
        }
    }

    #[test]
    fn any_json_text_round_trips(text in "\\PC{0,80}", id in any::<i64>()) {
        let json = serde_json::json!({"id": id, "text": text}).to_string();
        let record = read_record(line(1, &json), Some(Format::Text));
        prop_assert_eq!(record.origin.id.map(|i| i.get().to_string()), Some(id.to_string()));
        match record.document {
            Ok(document) => prop_assert_eq!(document.text, text),
            Err(SourceError::Binary { .. }) => prop_assert!(text.contains('\0')),
            Err(other) => prop_assert!(false, "{other}"),
        }
    }
}
