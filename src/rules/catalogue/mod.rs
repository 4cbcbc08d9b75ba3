//! The rule catalogue: what a checked rule set holds, for people to read. For each rule, in
//! file order: its ID, severity, tags, documentation, its definition as written, the tests
//! that name it and where it lives. `docs/rules.md` is the catalogue of the standard library,
//! generated from its rule file (as ruff generates its rule pages from the rules' docs).
//!
//! A test that expects no finding names no rule. It is shown with the rule(s) of the nearest
//! test before it in the same file, as rule files place a rule's negative test after its
//! positive one; a test with no such test before it is listed on its own.
//!
//! ```
//! use factlint::rules::catalogue::{Catalogue, CatalogueFormat};
//!
//! let rules = factlint::rules::load_str(
//!     "shares.rules",
//!     r#"
//! /// A share of a whole lies within 0 to 100 %.
//! rule share-bounds {
//!   severity warning
//!   let s = quantity where dimension(percent) and s.part_of != ""
//!   require s <= 100 %
//! }
//!
//! test "a share above the whole" {
//!   text "Turnout reached 120% of the voters."
//!   expect share-bounds at "120%"
//! }
//! "#,
//! )
//! .expect("valid rules");
//! let catalogue = Catalogue::new(&rules);
//! assert_eq!(catalogue.rules[0].id, "share-bounds");
//! assert_eq!(catalogue.rules[0].tests[0].name, "a share above the whole");
//! let markdown = catalogue.render(CatalogueFormat::Markdown);
//! assert!(markdown.contains("## share-bounds"));
//! ```

mod markdown;
mod text;

use std::collections::HashMap;

use serde::Serialize;

use super::ast::{Item, Span};
use super::checked::{Expect, FileId, Origin, RuleSet, Test};
use super::syntax;

/// How [`Catalogue::render`] writes the catalogue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum CatalogueFormat {
    /// Plain text for a terminal: an index, then each rule.
    #[default]
    Text,
    /// Markdown with a table of contents, as in `docs/rules.md`.
    Markdown,
    /// `{"version":1,"rules":[...],"other_tests":[...]}`.
    Json,
}

/// The rules of a rule set with their documentation and tests.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Catalogue {
    /// The version of the JSON form.
    pub version: u32,
    /// In file order: the files in the rule set's order, then by position.
    pub rules: Vec<RuleEntry>,
    /// Tests that expect no finding and follow no test that names a rule.
    pub other_tests: Vec<TestEntry>,
}

/// One rule of the catalogue.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleEntry {
    pub id: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    pub tags: Vec<String>,
    /// The `///` documentation, without the slashes.
    pub doc: Option<String>,
    /// The rule's text as written, from `rule` to its closing brace.
    pub definition: String,
    /// The file, as the rule set names it.
    pub file: String,
    /// The 1-based line of the rule's ID.
    pub line: usize,
    /// The tests that name the rule, then those shown with it (see the module's docs), in file
    /// order.
    pub tests: Vec<TestEntry>,
}

/// One `test` block.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TestEntry {
    pub name: String,
    pub text: String,
    /// The document date the test gives, `YYYY[-MM[-DD]]`.
    pub date: Option<String>,
    /// The findings the test expects; empty for `expect none`.
    pub expected_findings: Vec<ExpectedFinding>,
    pub file: String,
    /// The 1-based line of the test's name.
    pub line: usize,
}

/// `expect RULE [at "words"]`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExpectedFinding {
    pub rule: String,
    /// The words of the text the finding must underline.
    pub at: Option<String>,
}

impl Catalogue {
    /// The catalogue of `rules`.
    pub fn new(rules: &RuleSet) -> Self {
        let definitions = definitions(rules);
        let mut sorted: Vec<_> = rules.rules.iter().collect();
        sorted.sort_by_key(|r| position(r.origin));
        let mut entries: Vec<RuleEntry> = sorted
            .into_iter()
            .map(|r| {
                let (file, line) = rules.location(r.origin);
                let definition = definitions
                    .get(&position(r.origin))
                    .and_then(|span| rules.file(r.origin.file).text.get(span.start..span.end))
                    .map_or(r.id.as_str(), str::trim_end);
                RuleEntry {
                    id: r.id.clone(),
                    severity: r.severity.as_str().to_string(),
                    tags: r.tags.clone(),
                    doc: r.doc.clone(),
                    definition: definition.to_string(),
                    file: file.to_string(),
                    line,
                    tests: Vec::new(),
                }
            })
            .collect();
        let other_tests = attach_tests(rules, &mut entries);
        Catalogue {
            version: 1,
            rules: entries,
            other_tests,
        }
    }

    /// The catalogue written in `format`; JSON ends with a newline like the others.
    pub fn render(&self, format: CatalogueFormat) -> String {
        match format {
            CatalogueFormat::Text => text::render(self),
            CatalogueFormat::Markdown => self.markdown_page("Rules", ""),
            CatalogueFormat::Json => {
                // Strings, numbers and lists only: serialising cannot fail.
                let mut json = serde_json::to_string_pretty(self).unwrap_or_default();
                json.push('\n');
                json
            }
        }
    }

    /// The catalogue as a Markdown page: `# title`, then `preamble` as a paragraph, a table
    /// of the rules and a section for each rule, headed by its ID (which is its anchor).
    pub fn markdown_page(&self, title: &str, preamble: &str) -> String {
        markdown::page(self, title, preamble)
    }

    /// The files that define the rules, in order, each once.
    pub fn files(&self) -> Vec<&str> {
        let mut files: Vec<&str> = Vec::new();
        for r in &self.rules {
            if !files.contains(&r.file.as_str()) {
                files.push(&r.file);
            }
        }
        files
    }
}

impl RuleEntry {
    /// The first sentence of the documentation, on one line: what the rule checks.
    pub fn summary(&self) -> String {
        let Some(doc) = &self.doc else {
            return String::new();
        };
        let paragraph = doc.split("\n\n").next().unwrap_or_default();
        let line = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
        match line.find(". ") {
            Some(end) => line[..=end].to_string(),
            None => line,
        }
    }
}

impl TestEntry {
    fn new(rules: &RuleSet, test: &Test) -> Self {
        let (file, line) = rules.location(test.origin);
        let expected_findings = match &test.expect {
            Expect::Nothing => Vec::new(),
            Expect::Findings(wanted) => wanted
                .iter()
                .map(|w| ExpectedFinding {
                    rule: w.rule.clone(),
                    at: w
                        .at
                        .and_then(|at| test.text.get(at.start..at.end))
                        .map(str::to_string),
                })
                .collect(),
        };
        TestEntry {
            name: test.name.clone(),
            text: test.text.clone(),
            date: test.date.map(|d| d.to_string()),
            expected_findings,
            file: file.to_string(),
            line,
        }
    }

    /// What the test expects, in words: `count-composition at "35"`, `no finding`.
    pub fn expectation(&self) -> String {
        if self.expected_findings.is_empty() {
            return "no finding".to_string();
        }
        let each: Vec<String> = self
            .expected_findings
            .iter()
            .map(|e| match &e.at {
                Some(words) => format!("{} at {words:?}", e.rule),
                None => e.rule.clone(),
            })
            .collect();
        each.join(", ")
    }
}

/// Where something is, for ordering: its file, then its offset.
fn position(origin: Origin) -> (FileId, usize) {
    (origin.file, origin.span.start)
}

/// The span of each rule's definition, by the position of its ID. The checked rule set keeps
/// only the ID's span, so the files are parsed again for the extent of each rule.
fn definitions(rules: &RuleSet) -> HashMap<(FileId, usize), Span> {
    let mut spans = HashMap::new();
    let files: std::collections::BTreeSet<FileId> =
        rules.rules.iter().map(|r| r.origin.file).collect();
    for id in files {
        let (parsed, _) = syntax::parse(&rules.file(id).text);
        for item in parsed.items {
            if let Item::Rule(r) = item {
                spans.insert((id, r.id.span.start), r.span);
            }
        }
    }
    spans
}

/// Puts each test with the rules it names, and a test that expects no finding with the rules
/// of the nearest test before it in its file. Returns the tests that found no rule.
fn attach_tests(rules: &RuleSet, entries: &mut [RuleEntry]) -> Vec<TestEntry> {
    let index: HashMap<&str, usize> = rules
        .rules
        .iter()
        .filter_map(|r| Some((r.id.as_str(), entries.iter().position(|e| e.id == r.id)?)))
        .collect();
    let mut tests: Vec<&Test> = rules.tests.iter().collect();
    tests.sort_by_key(|t| position(t.origin));
    let mut others = Vec::new();
    // The rules named by the last test that named any, and its file.
    let mut last_named: Option<(FileId, Vec<usize>)> = None;
    for test in tests {
        let entry = TestEntry::new(rules, test);
        let named: Vec<usize> = match &test.expect {
            Expect::Findings(wanted) => {
                let mut named: Vec<usize> = wanted
                    .iter()
                    .filter_map(|w| index.get(w.rule.as_str()).copied())
                    .collect();
                named.sort_unstable();
                named.dedup();
                last_named = Some((test.origin.file, named.clone()));
                named
            }
            Expect::Nothing => match &last_named {
                Some((file, named)) if *file == test.origin.file => named.clone(),
                _ => Vec::new(),
            },
        };
        if named.is_empty() {
            others.push(entry);
            continue;
        }
        for i in named {
            entries[i].tests.push(entry.clone());
        }
    }
    others
}

#[cfg(test)]
mod tests;
