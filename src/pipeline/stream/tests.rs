use super::*;

use std::fs;
use std::path::Path;

use proptest::prelude::*;

use crate::rules;
use crate::source::WalkOptions;

fn s(path: &Path) -> String {
    path.display().to_string()
}

fn paths_of(items: impl Iterator<Item = CheckItem>) -> Vec<String> {
    items.map(|item| item.path()).collect()
}

fn jobs(n: usize) -> NonZeroUsize {
    NonZeroUsize::new(n).unwrap()
}

/// A folder of small articles, some with a contradiction, and two that cannot be read.
fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..30 {
        let text = if i % 7 == 3 {
            format!(
                "Europol said 1,0{i:02} people were arrested. 2,000 of the arrests were in Malta."
            )
        } else {
            format!("Police seized {i} tonnes of cannabis in {} raids.", i + 2)
        };
        fs::write(dir.path().join(format!("a{i:02}.txt")), text).unwrap();
    }
    fs::write(dir.path().join("b-binary.txt"), b"\x00\x01\x02").unwrap();
    fs::write(dir.path().join("c-latin1.txt"), b"caf\xe9").unwrap();
    dir
}

#[test]
fn shards_parse_from_k_slash_n() {
    assert_eq!("2/4".parse::<Shard>(), Ok(Shard::new(2, 4).unwrap()));
    assert_eq!(
        " 1/1 ".parse::<Shard>().map(|s| s.to_string()),
        Ok("1/1".into())
    );
    for bad in [
        "0/3", "4/3", "1/0", "3", "a/b", "+1/2", "1/2/3", "/2", "1/", "",
    ] {
        let err = bad.parse::<Shard>().unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("`{bad}` is not a shard: write K/N with 1 <= K <= N, such as 2/4")
        );
    }
}

proptest! {
    #[test]
    fn each_position_is_in_exactly_one_shard(count in 1u64..20, position in any::<u64>()) {
        let owners = (1..=count)
            .filter(|k| Shard::new(*k, count).unwrap().contains(position))
            .count();
        prop_assert_eq!(owners, 1);
    }

    #[test]
    fn shard_parsing_never_panics(text in "\\PC{0,12}") {
        let _ = text.parse::<Shard>();
    }
}

#[test]
fn the_shards_of_an_archive_are_disjoint_and_make_the_whole() {
    let dir = archive();
    let paths = [s(dir.path())];
    let options = CheckOptions::default();
    let whole = paths_of(check_items(&paths, &options, None));
    assert_eq!(whole.len(), 32);
    let mut union = Vec::new();
    for k in 1..=3 {
        let shard = paths_of(check_items(&paths, &options, Shard::new(k, 3)));
        assert!(shard.len() >= 10, "{shard:?}");
        union.extend(shard);
    }
    union.sort();
    let mut sorted = whole.clone();
    sorted.sort();
    assert_eq!(union, sorted);
}

#[test]
fn record_input_yields_one_item_per_line_and_failures_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("in.jsonl");
    fs::write(&file, "{\"text\":\"a\"}\n\nnot json\n{\"text\":\"b\"}\n").unwrap();
    fs::write(dir.path().join("ignored.txt"), "text").unwrap();
    let missing = s(&dir.path().join("missing.jsonl"));
    let mut options = CheckOptions::default();
    options.walk.records = true;
    let paths = [s(dir.path()), missing.clone()];
    let items: Vec<_> = check_items(&paths, &options, None).collect();
    let file = s(&file);
    assert_eq!(
        items.iter().map(CheckItem::path).collect::<Vec<_>>(),
        [
            format!("{file}#1"),
            format!("{file}#3"),
            format!("{file}#4"),
            missing
        ]
    );
    assert!(matches!(&items[1], CheckItem::Record(line) if line.bytes == b"not json"));
    assert!(matches!(&items[3], CheckItem::Failed(_)));
}

#[test]
fn a_record_line_over_the_limit_is_an_outcome_with_its_number() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("in.jsonl");
    let long = format!("{{\"id\": 2, \"text\": \"{}\"}}", "a".repeat(200));
    fs::write(
        &file,
        format!("{{\"text\":\"a\"}}\n{long}\n{{\"text\":\"b\"}}\n"),
    )
    .unwrap();
    let mut options = CheckOptions::default();
    options.load.max_file_size = 100;
    options.walk.records = true;
    let rules = rules::standard().unwrap();
    let outcomes: Vec<CheckOutcome> = check_items(&[s(&file)], &options, None)
        .map(|item| check_item(item, &rules, &options))
        .collect();
    let numbers: Vec<Option<u64>> = outcomes
        .iter()
        .map(|o| o.record.as_ref().map(|r| r.number))
        .collect();
    assert_eq!(numbers, [Some(1), Some(2), Some(3)]);
    assert!(matches!(
        &outcomes[1].error,
        Some(CheckError::Source(SourceError::TooLarge { .. }))
    ));
    assert_eq!(outcomes[1].path, format!("{}#2", s(&file)));
}

#[test]
fn a_record_outcome_carries_its_origin_and_id() {
    let rules = rules::standard().unwrap();
    let options = CheckOptions::default();
    let record = |text: &str| {
        CheckItem::Record(RecordLine {
            file: "-".into(),
            number: 5,
            bytes: text.as_bytes().to_vec(),
        })
    };
    let good = r#"{"id": 17, "text": "Europol said 1,027 individuals were arrested. 1,100 of the arrests involved fraud."}"#;
    let outcome = check_item(record(good), &rules, &options);
    assert_eq!(outcome.path, "-#5");
    assert!(outcome.error.is_none());
    assert!(
        outcome
            .findings
            .iter()
            .any(|f| f.rule == "part-exceeds-whole")
    );
    let origin = outcome.record.unwrap();
    assert_eq!((origin.file.as_str(), origin.number), ("-", 5));
    assert_eq!(origin.id.unwrap().get(), "17");

    let bad = check_item(record(r#"{"id": "x"}"#), &rules, &options);
    assert_eq!(bad.path, "-#5");
    assert!(matches!(
        bad.error,
        Some(CheckError::Source(SourceError::Record(e))) if e.number == 5
    ));
    assert_eq!(bad.record.unwrap().id.unwrap().get(), r#""x""#);
}

#[test]
fn a_panic_while_checking_becomes_an_internal_error_of_that_input() {
    let outcome = guarded("a.txt".into(), || panic!("index out of range"));
    let error = outcome.error.unwrap();
    assert_eq!(
        error.to_string(),
        "a.txt: internal error while checking: index out of range"
    );
    assert_eq!(error.path(), "a.txt");
    assert_eq!(outcome.path, "a.txt");
}

#[test]
fn parallel_outcomes_equal_sequential_ones_in_walk_order() {
    let dir = archive();
    let mut paths = vec![s(dir.path())];
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    paths.push(s(&fixtures.join("articles")));
    paths.push(s(&fixtures.join("source")));
    let rules = Arc::new(rules::standard().unwrap());
    let options = Arc::new(CheckOptions {
        walk: WalkOptions::default(),
        ..CheckOptions::default()
    });
    let summary = |jobs| {
        check_parallel(
            check_items(&paths, &options, None),
            Arc::clone(&rules),
            Arc::clone(&options),
            jobs,
        )
        .map(|o| {
            let rules: Vec<_> = o.findings.iter().map(|f| f.rule.clone()).collect();
            (o.path, rules, o.error.map(|e| e.to_string()))
        })
        .collect::<Vec<_>>()
    };
    let sequential = summary(jobs(1));
    assert_eq!(sequential.len(), 36);
    assert!(sequential.iter().any(|(_, rules, _)| !rules.is_empty()));
    assert_eq!(sequential.iter().filter(|(_, _, e)| e.is_some()).count(), 2);
    let walked = paths_of(check_items(&paths, &options, None));
    assert_eq!(
        sequential
            .iter()
            .map(|(p, ..)| p.clone())
            .collect::<Vec<_>>(),
        walked
    );
    for threads in [2, 3] {
        assert_eq!(summary(jobs(threads)), sequential, "{threads} threads");
    }
}
