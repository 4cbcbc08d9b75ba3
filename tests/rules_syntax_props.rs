//! Properties of the rule parser, checker and formatter: any input is parsed and checked
//! without a panic, deep nesting is an error rather than a stack overflow, time grows
//! linearly, and the formatted text of any tree parses back to the same tree.

mod rules_common;

use std::time::{Duration, Instant};

use factlint::rules::Problem;
use factlint::rules::format::format_file;
use factlint::rules::syntax::{MAX_DEPTH, parse};
use proptest::prelude::*;

use rules_common::{erase, file_strategy};

/// Pieces of rule syntax, so that random input reaches deep into the grammar.
const TOKENS: &[&str] = &[
    "rule",
    "r-1",
    "{",
    "}",
    "(",
    ")",
    "\"",
    "\"s\"",
    "let",
    "a",
    "=",
    "quantity",
    "list",
    "of",
    "where",
    "require",
    "message",
    "\"{a}\"",
    "help",
    "severity",
    "error",
    "tags",
    "x, y",
    "1.3 t",
    "2 bn EUR",
    "€2.5bn",
    "5 %",
    "2014-09-15",
    "2014-02-30",
    "kb",
    ".",
    "at",
    "document",
    "and",
    "or",
    "not",
    "in",
    "within",
    "to",
    "==",
    "~=",
    "<",
    "+",
    "-",
    "*",
    "/",
    "/re/i",
    ",",
    "count(",
    "concept",
    "|",
    "table",
    "fact",
    "from",
    "until",
    "test",
    "text",
    "expect",
    "none",
    "import",
    "tolerance",
    "///",
    "//",
    "\n",
    " ",
    "\t",
    "{{",
    "}}",
    "\\",
    "all",
    "é",
    "🦀",
];

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..80).prop_map(|t| t.join(" "))
}

/// Parses; when the parse is clean, formats, and checks the formatted text parses clean to
/// the same tree and formats to itself.
fn parse_and_format(src: &str) {
    let (file, problems) = parse(src);
    if problems.is_empty() {
        let formatted = format_file(&file, src);
        let (again, problems) = parse(&formatted);
        assert!(
            problems.is_empty(),
            "formatted text does not parse:\n{formatted}\n{problems:?}"
        );
        assert_eq!(erase(again.clone()), erase(file), "{formatted}");
        assert_eq!(format_file(&again, &formatted), formatted);
    }
}

proptest! {

    #[test]
    fn any_text_parses_without_panic(src in any::<String>()) {
        parse_and_format(&src);
    }

    #[test]
    fn token_soup_parses_without_panic(src in token_soup()) {
        parse_and_format(&src);
    }

    #[test]
    fn formatted_trees_parse_back_to_themselves(file in file_strategy()) {
        let text = format_file(&file, "");
        let (parsed, problems) = parse(&text);
        prop_assert!(problems.is_empty(), "{}\n{:#?}", text, problems);
        prop_assert_eq!(erase(parsed.clone()), erase(file), "{}", text);
        prop_assert_eq!(format_file(&parsed, &text), text);
    }

    /// The checker too takes anything the parser accepts: random trees, mostly ill-typed.
    #[test]
    fn checking_random_trees_never_panics(file in file_strategy()) {
        let text = format_file(&file, "");
        let _ = factlint::rules::load_str("random.rules", &text);
    }

    #[test]
    fn checking_token_soup_never_panics(src in token_soup()) {
        let _ = factlint::rules::load_str("soup.rules", &src);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash(depth in (MAX_DEPTH + 1)..4000usize, shape in 0..6usize) {
        let body = match shape {
            0 => format!("{}1{}", "(".repeat(depth), ")".repeat(depth)),
            1 => format!("{}a", "not ".repeat(depth)),
            2 => format!("{}1", "-".repeat(depth)),
            3 => format!("a{}", ".b".repeat(depth)),
            4 => format!("1{}", " + 1".repeat(depth)),
            _ => format!("{}1{}", "{".repeat(depth), "}".repeat(depth)),
        };
        let src = format!("rule r {{\n  require {body}\n}}\n");
        let (_, problems) = parse(&src);
        prop_assert!(
            problems.iter().any(|p| matches!(p, Problem::TooDeep { .. })),
            "{:?}", problems
        );
    }
}

#[test]
fn nesting_up_to_the_limit_is_fine() {
    let depth = MAX_DEPTH - 2;
    let src = format!(
        "rule r {{\n  require {}1{} == 1\n}}\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let (_, problems) = parse(&src);
    assert!(problems.is_empty(), "{problems:?}");
}

fn time_to_parse(src: &str) -> Duration {
    let start = Instant::now();
    let (_, problems) = parse(src);
    std::hint::black_box(problems);
    start.elapsed()
}

/// Eight times the input takes about eight times as long, for valid and for broken input;
/// a quadratic parser would take sixty-four.
#[test]
fn time_grows_linearly_with_the_input() {
    let valid = include_str!("../fixtures/rules/valid/sketch.rules");
    let broken = "rule x {\n  let = (\n  require a ==\n  message \"{\n  }}\nrulle\n\"open\n";
    for unit in [valid, broken] {
        let small = unit.repeat(40);
        let large = unit.repeat(320);
        let t_small = (0..3)
            .map(|_| time_to_parse(&small))
            .min()
            .unwrap_or_default();
        let t_large = (0..3)
            .map(|_| time_to_parse(&large))
            .min()
            .unwrap_or_default();
        assert!(
            t_large < t_small * 24 + Duration::from_millis(50),
            "{t_small:?} for {} bytes, {t_large:?} for {} bytes",
            small.len(),
            large.len()
        );
    }
}
