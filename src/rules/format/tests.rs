use super::format_file;
use crate::rules::syntax::parse;

fn fmt(src: &str) -> String {
    let (file, problems) = parse(src);
    assert!(problems.is_empty(), "{problems:#?}");
    format_file(&file, src)
}

#[test]
fn layout_is_canonical_and_comments_stay() {
    let src = "// header\n\nimport \"a.rules\"\nimport \"b.rules\"\ntolerance 5%\n/// Doc.\nrule x-y {   severity error // loud\n\n\n  let a=quantity   of heroin where near( \"seized\" )\n  require a>1t\n // why\n  and a < 2 t\n}\n";
    let out = fmt(src);
    insta::assert_snapshot!(out, @r#"
    // header

    import "a.rules"
    import "b.rules"

    tolerance 5 %

    /// Doc.
    rule x-y {
      severity error // loud

      let a = quantity of heroin where near("seized")
      // why
      require a > 1 t and a < 2 t
    }
    "#);
    assert_eq!(fmt(&out), out);
}

#[test]
fn the_sketch_formats_to_itself_twice() {
    let src = include_str!("../../../fixtures/rules/valid/sketch.rules");
    let once = fmt(src);
    assert_eq!(fmt(&once), once);
}
