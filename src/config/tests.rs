use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::schema::{RULES_KEYS, TOP_KEYS};
use super::*;
use crate::rules::checked::Severity;
use crate::rules::suggest;

fn parse(text: &str) -> Result<Config, ConfigErrors> {
    Config::parse(Path::new("/project/factlint.toml"), text)
}

fn ok(text: &str) -> Config {
    match parse(text) {
        Ok(config) => config,
        Err(e) => panic!("{:?}", e.iter().map(|e| e.to_string()).collect::<Vec<_>>()),
    }
}

/// The only error of `text`.
fn error(text: &str) -> ConfigError {
    let mut errors = parse(text).expect_err("an invalid configuration").errors;
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors.remove(0)
}

fn help(e: &ConfigError) -> String {
    miette::Diagnostic::help(e).map_or(String::new(), |h| h.to_string())
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

// ---- discovery

#[test]
fn the_nearest_file_upward_wins() {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap();
    let deep = root.join("a/b/c");
    fs::create_dir_all(&deep).unwrap();
    write(&root.join(FILE_NAME), "strict = true");
    assert_eq!(find(&deep), Some(root.join(FILE_NAME)));
    write(&root.join("a").join(FILE_NAME), "strict = false");
    assert_eq!(find(&deep), Some(root.join("a").join(FILE_NAME)));
    assert_eq!(find(&root.join("a")), Some(root.join("a").join(FILE_NAME)));
    // `..` in the start is resolved before going up, not taken as a folder name.
    assert_eq!(
        find(&deep.join("../..")),
        Some(root.join("a").join(FILE_NAME))
    );
    let config = Config::discover(&deep).unwrap().expect("a configuration");
    assert_eq!(config.strict, Some(false));
    assert_eq!(config.dir, root.join("a"));
}

#[test]
fn a_folder_named_like_the_file_is_not_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap();
    fs::create_dir_all(root.join("sub").join(FILE_NAME)).unwrap();
    write(&root.join(FILE_NAME), "");
    assert_eq!(find(&root.join("sub")), Some(root.join(FILE_NAME)));
}

#[test]
fn with_no_file_above_the_search_finds_none_below() {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap();
    fs::create_dir_all(root.join("x")).unwrap();
    // Whatever lies above the temporary folder, nothing inside it is found.
    assert!(find(&root.join("x")).is_none_or(|found| !found.starts_with(&root)));
}

#[test]
fn resolve_prefers_the_explicit_file_and_fails_when_it_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join(FILE_NAME), "format = \"json\"");
    write(&root.join("ci.toml"), "format = \"sarif\"");
    let found = Config::resolve(None, root).unwrap().unwrap();
    assert_eq!(found.format, Some(OutputFormat::Json));
    let explicit = root.join("ci.toml");
    let given = Config::resolve(Some(&explicit), root).unwrap().unwrap();
    assert_eq!(given.format, Some(OutputFormat::Sarif));
    let missing = root.join("missing.toml");
    let errors = Config::resolve(Some(&missing), root).unwrap_err();
    assert!(matches!(errors.errors[..], [ConfigError::Read { .. }]));
    assert!(errors.errors[0].to_string().contains("missing.toml"));
}

#[test]
fn a_broken_file_found_upward_is_an_error_not_skipped() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join(FILE_NAME), "strict = ");
    let errors = Config::discover(dir.path()).unwrap_err();
    assert!(matches!(errors.errors[..], [ConfigError::Syntax { .. }]));
}

// ---- reading

#[test]
fn an_empty_file_sets_nothing() {
    let config = ok("");
    assert_eq!(config.format, None);
    assert_eq!(config.strict, None);
    assert_eq!(config.max_warnings, None);
    assert!(config.globs.is_empty());
    assert_eq!(config.rules, RuleSettings::default());
    assert_eq!(config.dir, Path::new("/project"));
}

#[test]
fn every_key_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("house.rules"), "");
    write(&root.join("more/extra.rules"), "");
    let text = r#"
include = ["reports/"]
exclude = ["drafts/", "*.tmp.md"]
format = "github"
strict = true
max-warnings = 10

[rules]
files = ["house.rules"]
extend-files = ["more/extra.rules"]
disable = ["period-order"]
default-tolerance = "2 %"

[rules.severity]
percent-bounds = "off"
list-count = "warning"

[rules.tolerance]
change-arithmetic = "0.5%"
"#;
    let config = Config::parse(&root.join(FILE_NAME), text).unwrap();
    assert_eq!(config.format, Some(OutputFormat::Github));
    assert_eq!(config.strict, Some(true));
    assert_eq!(config.max_warnings, Some(10));
    assert_eq!(config.globs.include(), ["reports/"]);
    assert_eq!(config.globs.exclude(), ["drafts/", "*.tmp.md"]);
    let rules = &config.rules;
    assert_eq!(rules.files, Some(vec![root.join("house.rules")]));
    assert_eq!(rules.extend_files, vec![root.join("more/extra.rules")]);
    let ids = |v: &[RuleRef]| v.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&rules.disable), ["period-order"]);
    // In the order of the file, not of the IDs.
    let severity: Vec<_> = rules
        .severity
        .iter()
        .map(|(r, l)| (r.id.as_str(), *l))
        .collect();
    assert_eq!(
        severity,
        [
            ("percent-bounds", Level::Off),
            ("list-count", Level::Warning)
        ]
    );
    assert_eq!(rules.default_tolerance, Some(0.02));
    assert_eq!(rules.tolerance[0].0.id, "change-arithmetic");
    assert!((rules.tolerance[0].1 - 0.005).abs() < 1e-12);
    // The span of an ID is the ID as written.
    let span = rules.disable[0].span;
    assert_eq!(
        &text[span.offset()..span.offset() + span.len()],
        "\"period-order\""
    );
}

#[test]
fn rule_files_follow_the_command_line_then_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("a.rules"), "");
    write(&root.join("b.rules"), "");
    let path = root.join(FILE_NAME);
    let cli = [PathBuf::from("cli.rules")];
    let extend = Config::parse(&path, "[rules]\nextend-files = [\"b.rules\"]").unwrap();
    assert_eq!(
        extend.rule_files(&[]),
        RuleFiles::Standard {
            extra: vec![root.join("b.rules")]
        }
    );
    assert_eq!(extend.rule_files(&cli), RuleFiles::Files(cli.to_vec()));
    let both = "[rules]\nfiles = [\"a.rules\"]\nextend-files = [\"b.rules\"]";
    let both = Config::parse(&path, both).unwrap();
    assert_eq!(
        both.rule_files(&[]),
        RuleFiles::Files(vec![root.join("a.rules"), root.join("b.rules")])
    );
    assert_eq!(
        ok("").rule_files(&[]),
        RuleFiles::Standard { extra: Vec::new() }
    );
    assert_eq!(default_rule_files(&cli), RuleFiles::Files(cli.to_vec()));
    // `--extend-rules` adds to whichever set the command line and the file chose.
    let more = [PathBuf::from("more.rules")];
    assert_eq!(
        extend.rule_files(&[]).and(&more),
        RuleFiles::Standard {
            extra: vec![root.join("b.rules"), more[0].clone()]
        }
    );
    assert_eq!(
        extend.rule_files(&cli).and(&more),
        RuleFiles::Files(vec![cli[0].clone(), more[0].clone()])
    );
}

#[test]
fn extend_files_are_checked_with_the_standard_library() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let extra = "rule always-one {\n  require 1 == 1\n}\n";
    write(&root.join("extra.rules"), extra);
    let config = Config::parse(
        &root.join(FILE_NAME),
        "[rules]\nextend-files = [\"extra.rules\"]",
    )
    .unwrap();
    let rules = config.rule_files(&[]).load().unwrap();
    let standard = crate::rules::standard().unwrap();
    assert_eq!(rules.rules.len(), standard.rules.len() + 1);
    assert!(rules.rules.iter().any(|r| r.id == "always-one"));
    assert!(rules.rules.iter().any(|r| r.id == "list-count"));
}

#[test]
fn globs_are_relative_to_the_configuration() {
    let config = ok("include = [\"reports/**\"]\nexclude = [\"reports/old/\"]");
    assert!(
        config
            .globs
            .allows(Path::new("/project/reports/a.md"), false)
    );
    assert!(!config.globs.allows(Path::new("/project/notes/a.md"), false));
    assert!(!config.globs.allows(Path::new("/project/reports/old"), true));
    assert!(
        !config
            .globs
            .allows(Path::new("/elsewhere/reports/a.md"), false)
    );
}

#[test]
fn tolerances_are_percentages_from_0_to_100() {
    for (text, share) in [("5 %", 0.05), ("5%", 0.05), (" 0 % ", 0.0), ("100 %", 1.0)] {
        let config = ok(&format!("[rules]\ndefault-tolerance = {text:?}"));
        assert_eq!(config.rules.default_tolerance, Some(share), "{text:?}");
    }
    for text in ["5", "%", "-1 %", "101 %", "nan %", "five %", "5 %%"] {
        let e = error(&format!("[rules]\ndefault-tolerance = {text:?}"));
        assert!(
            matches!(e, ConfigError::InvalidValue { .. }),
            "{text:?}: {e:?}"
        );
    }
    let e = error("[rules]\ndefault-tolerance = 5");
    assert!(matches!(e, ConfigError::WrongType { .. }), "{e:?}");
}

// ---- errors (their rendering is in tests/config_diagnostics.rs)

#[test]
fn an_unknown_key_suggests_the_closest_or_lists_them_all() {
    let e = error("inclde = []");
    assert!(matches!(&e, ConfigError::UnknownKey { key, .. } if key == "inclde"));
    assert_eq!(help(&e), "did you mean `include`?");
    let e = error("[rules]\ndisabel = []");
    assert_eq!(help(&e), "did you mean `disable`?");
    // The lists serde knows are the lists the messages name.
    let e = error("zzzzzzzz = 1");
    assert_eq!(
        help(&e),
        format!("the keys at the top level are {}", suggest::list(TOP_KEYS))
    );
    let e = error("[rules]\nzzzzzzzz = 1");
    assert_eq!(
        help(&e),
        format!("the keys of `[rules]` are {}", suggest::list(RULES_KEYS))
    );
}

#[test]
fn a_key_in_the_wrong_table_says_where_it_belongs() {
    assert_eq!(
        help(&error("disable = [\"x\"]")),
        "`disable` belongs in the `[rules]` table"
    );
    assert_eq!(
        help(&error("[rules]\nformat = \"json\"")),
        "`format` belongs at the top level"
    );
}

#[test]
fn wrong_types_and_values_name_what_was_expected() {
    let cases = [
        (
            "strict = \"yes\"",
            "expected a boolean, found string \"yes\"",
        ),
        (
            "include = \"*.md\"",
            "expected an array, found string \"*.md\"",
        ),
        ("rules = 3", "expected a table, found integer `3`"),
        (
            "max-warnings = -1",
            "invalid value: integer `-1` is not a whole number of 0 or more",
        ),
        ("format = \"sarf\"", "unknown value `sarf`"),
    ];
    for (text, message) in cases {
        assert_eq!(error(text).to_string(), message, "{text}");
    }
    assert_eq!(
        help(&error("[rules.severity]\nx = \"eror\"")),
        "did you mean `error`?"
    );
}

#[test]
fn every_format_and_level_is_read_by_its_name() {
    for format in OutputFormat::ALL {
        let config = ok(&format!("format = \"{}\"", format.as_str()));
        assert_eq!(config.format, Some(format));
    }
    for level in [Level::Error, Level::Warning, Level::Info, Level::Off] {
        let config = ok(&format!("[rules.severity]\nx = \"{}\"", level.as_str()));
        assert_eq!(config.rules.severity[0].1, level);
    }
}

#[test]
fn several_errors_come_out_in_file_order() {
    let text = "exclude = [\"a[\"]\n[rules]\nextend-files = [\"/no/such.rules\"]\ndisable = [\"x\"]\n[rules.severity]\nx = \"error\"\n";
    let errors = parse(text).unwrap_err();
    let codes: Vec<String> = errors
        .iter()
        .filter_map(|e| miette::Diagnostic::code(e).map(|c| c.to_string()))
        .collect();
    assert_eq!(
        codes,
        [
            "factlint::config::glob",
            "factlint::config::rule_file",
            "factlint::config::conflict"
        ]
    );
    assert_eq!(errors.to_string(), "3 errors in the configuration");
}

// ---- applying

fn two_rules() -> RuleSet {
    crate::rules::load_str(
        "two.rules",
        "rule loose {\n  require 1 ~= 1\n}\n\nrule tight {\n  tolerance 1 %\n  require 1 ~= 1\n}\n",
    )
    .unwrap()
}

fn rule<'a>(set: &'a RuleSet, id: &str) -> &'a crate::rules::checked::Rule {
    set.rules.iter().find(|r| r.id == id).expect(id)
}

#[test]
fn the_default_tolerance_replaces_only_the_built_in_one() {
    let mut set = two_rules();
    ok("[rules]\ndefault-tolerance = \"2 %\"")
        .apply(&mut set)
        .unwrap();
    assert_eq!(rule(&set, "loose").tolerance, 0.02);
    assert_eq!(rule(&set, "tight").tolerance, 0.01);
}

#[test]
fn a_rule_tolerance_wins_over_the_rule_file_and_the_default() {
    let mut set = two_rules();
    let text =
        "[rules]\ndefault-tolerance = \"2 %\"\n[rules.tolerance]\ntight = \"3 %\"\nloose = \"4 %\"";
    ok(text).apply(&mut set).unwrap();
    assert_eq!(rule(&set, "tight").tolerance, 0.03);
    assert_eq!(rule(&set, "loose").tolerance, 0.04);
}

#[test]
fn severities_and_disables_apply_to_the_standard_rules() {
    let mut set = crate::rules::standard().unwrap();
    let before = set.rules.len();
    let text = "[rules]\ndisable = [\"period-order\"]\n[rules.severity]\nlist-count = \"info\"\npercent-bounds = \"off\"\n";
    ok(text).apply(&mut set).unwrap();
    assert_eq!(set.rules.len(), before - 2);
    assert!(
        set.rules
            .iter()
            .all(|r| r.id != "period-order" && r.id != "percent-bounds")
    );
    assert_eq!(rule(&set, "list-count").severity, Severity::Info);
    assert_eq!(rule(&set, "count-composition").severity, Severity::Error);
}

#[test]
fn an_unknown_id_is_an_error_and_the_known_ones_still_apply() {
    let mut set = crate::rules::standard().unwrap();
    let text = "[rules]\ndisable = [\"period-ordr\", \"percent-bounds\"]\n[rules.tolerance]\nbanana = \"1 %\"\n";
    let config = ok(text);
    let errors = config.apply(&mut set).unwrap_err();
    let ids: Vec<(String, String)> = errors
        .iter()
        .map(|e| match e {
            ConfigError::UnknownRule { id, help, .. } => (id.clone(), help.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        ids[0],
        ("period-ordr".into(), "did you mean `period-order`?".into())
    );
    assert_eq!(ids[1].0, "banana");
    // With no close match, the help names the rules, or how many there are when they are many.
    assert!(
        ids[1].1.starts_with("the rules are `count-composition`, ")
            || ids[1].1.starts_with("no rule has a close name"),
        "{}",
        ids[1].1
    );
    assert!(set.rules.iter().all(|r| r.id != "percent-bounds"));
    assert!(set.rules.iter().any(|r| r.id == "period-order"));
}

#[test]
fn applying_nothing_changes_nothing() {
    let mut set = crate::rules::standard().unwrap();
    ok("").apply(&mut set).unwrap();
    let standard = crate::rules::standard().unwrap();
    let summary = |s: &RuleSet| {
        s.rules
            .iter()
            .map(|r| (r.id.clone(), r.severity, r.tolerance))
            .collect::<Vec<_>>()
    };
    assert_eq!(summary(&set), summary(&standard));
}

// ---- no input panics

/// TOML-ish text: the keys of the file, some misspelt, values of every type, table headers,
/// and stray brackets, quotes and escapes.
fn tomlish() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        prop::sample::select(
            TOP_KEYS
                .iter()
                .chain(RULES_KEYS)
                .chain(&["list-count", "period-order", "x"])
                .copied()
                .collect::<Vec<_>>()
        )
        .prop_map(str::to_string),
        "[a-z-]{1,8}",
    ];
    let value = prop_oneof![
        Just("true".to_string()),
        "-?[0-9]{1,3}(\\.[0-9])?",
        "\"[a-z*/ %.!#\\[{0-9-]{0,8}\"",
        Just("\"5 %\"".to_string()),
        Just("[\"a[\", \"*.md\", 1]".to_string()),
        Just("{ a = 1 }".to_string()),
        Just("\"sarif\"".to_string()),
        Just("\"off\"".to_string()),
    ];
    let line = prop_oneof![
        (key.clone(), value).prop_map(|(k, v)| format!("{k} = {v}")),
        key.clone().prop_map(|k| format!("[{k}]")),
        key.prop_map(|k| format!("[rules.{k}]")),
        Just("[rules.severity]".to_string()),
        Just("[rules.tolerance]".to_string()),
        "[\\[\\]=\"'{}.,\\\\ a-z\u{e9}]{0,6}",
    ];
    prop::collection::vec(line, 0..8).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #[test]
    fn tomlish_input_never_panics(text in tomlish()) {
        match Config::parse(Path::new("/nowhere/factlint.toml"), &text) {
            Ok(config) => {
                let mut set = two_rules();
                let _ = config.apply(&mut set);
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for e in errors {
                    // Every error renders, with its spans inside the text.
                    let rendered = format!("{:?}", miette::Report::new(e));
                    prop_assert!(!rendered.is_empty());
                }
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,60}") {
        let _ = Config::parse(Path::new("factlint.toml"), &text);
    }
}

#[test]
fn names_are_the_lists_of_names() {
    use super::schema::Named;
    let names = |all: &[&str]| all.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let formats: Vec<String> = OutputFormat::ALL.iter().map(|f| f.name().into()).collect();
    assert_eq!(formats, names(OutputFormat::NAMES));
    let levels: Vec<String> = Level::ALL.iter().map(|l| l.name().into()).collect();
    assert_eq!(levels, names(Level::NAMES));
    assert_eq!(
        error("format = 1").to_string(),
        "expected an output format (`human`, `json`, `jsonl`, `sarif`, `github` or `junit`), found integer `1`"
    );
    assert_eq!(
        error("[rules.severity]\nx = true").to_string(),
        "expected a severity (`error`, `warning`, `info` or `off`), found boolean `true`"
    );
}

// ---- docs/config.md stays true

const DOCS: &str = include_str!("../../docs/config.md");

#[test]
fn the_documented_example_reads_and_applies() {
    let start = DOCS.find("```toml\n").expect("an example") + "```toml\n".len();
    let example = &DOCS[start..start + DOCS[start..].find("```").expect("its end")];
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("rules/house.rules"),
        "rule house-style {\n  require 1 == 1\n}\n",
    );
    let config = Config::parse(&dir.path().join(FILE_NAME), example).unwrap();
    let mut rules = config.rule_files(&[]).load().unwrap();
    config.apply(&mut rules).unwrap();
    assert!(rules.rules.iter().any(|r| r.id == "house-style"));
    assert!(rule(&rules, "change-arithmetic").tolerance == 0.01);
}

#[test]
fn every_key_and_code_is_documented() {
    for key in TOP_KEYS.iter().chain(RULES_KEYS) {
        assert!(DOCS.contains(&format!("| `{key}` |")), "{key}");
    }
    for code in [
        "read",
        "syntax",
        "unknown_key",
        "unknown_value",
        "wrong_type",
        "invalid_value",
        "glob",
        "rule_file",
        "conflict",
        "unknown_rule",
    ] {
        assert!(
            DOCS.contains(&format!("`factlint::config::{code}`")),
            "{code}"
        );
    }
}
