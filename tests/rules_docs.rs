//! `docs/dsl.md` stays true: its examples parse (the first one checks too), and it lists every
//! built-in with the signature of the table in `src/rules/builtins.rs`, and every field.

use factlint::rules::builtins::{BUILTINS, FIELDS};
use factlint::rules::syntax::parse;

fn reference() -> String {
    std::fs::read_to_string("docs/dsl.md").expect("docs/dsl.md")
}

/// The ```rules blocks.
fn examples(doc: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in doc.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```rules") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

#[test]
fn every_example_parses_and_is_formatted() {
    let doc = reference();
    let blocks = examples(&doc);
    assert!(blocks.len() >= 8, "{} examples", blocks.len());
    for block in &blocks {
        let (_, problems) = parse(block);
        assert!(problems.is_empty(), "{block}\n{problems:#?}");
        let formatted = factlint::rules::format_str("example", block).expect("formats");
        assert_eq!(
            &formatted, block,
            "an example is not in the canonical layout"
        );
    }
    if let Err(errors) = factlint::rules::load_str("first.rules", &blocks[0]) {
        let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        panic!("the first example does not check: {messages:?}");
    }
}

#[test]
fn every_builtin_and_field_is_documented() {
    let doc = reference();
    for b in BUILTINS {
        let escaped = b.signature.replace('|', "\\|");
        assert!(
            doc.contains(&format!("`{escaped}`")),
            "{} is not in docs/dsl.md",
            b.signature
        );
    }
    for f in FIELDS {
        assert!(
            doc.contains(&format!("`{}`", f.name)),
            "field {} is not in docs/dsl.md",
            f.name
        );
    }
}
