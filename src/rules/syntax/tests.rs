use super::parse;
use crate::rules::ast::*;

fn parse_ok(src: &str) -> File {
    let (file, problems) = parse(src);
    assert!(problems.is_empty(), "{problems:#?}");
    file
}

#[test]
fn the_sketch_parses() {
    let file = parse_ok(include_str!("../../../fixtures/rules/valid/sketch.rules"));
    assert_eq!(file.items.len(), 6);
    assert_eq!(file.comments.len(), 2);
    let Item::Rule(rule) = &file.items[1] else {
        panic!()
    };
    assert_eq!(rule.id.name, "countries-add-up");
    assert_eq!(rule.body.len(), 8);
    assert_eq!(
        rule.doc.as_ref().map(Doc::text).as_deref(),
        Some("Officers came from the EU members plus the partners that are named.")
    );
}
