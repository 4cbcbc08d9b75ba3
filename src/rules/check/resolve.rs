//! Declarations and what each file sees: concepts, knowledge-base entries, rule IDs, the
//! `~=` tolerance of each file. Concepts are then flattened in `concepts`.

use std::collections::HashMap;

use super::Diags;
use super::kb;
use super::literal::literal_share;
use crate::rules::ast::{Item, Span};
use crate::rules::checked::{Concept, ConceptId, FileId, KbEntry, KbId, Origin};
use crate::rules::errors::{Problem, source_span};
use crate::rules::load::Parsed;

/// The `~=` tolerance when a rule set names none: none. A figure already stands for the
/// interval its precision allows ("1.3 million" is [1.25, 1.35) million), so two figures agree
/// when their intervals meet; a tolerance is for what rounding does not explain.
pub const DEFAULT_TOLERANCE: f64 = 0.0;

/// Everything declared, and which file sees which.
pub(crate) struct Decls {
    pub concepts: Vec<Concept>,
    pub kb: Vec<KbEntry>,
    concept_names: HashMap<String, ConceptId>,
    kb_names: HashMap<String, KbId>,
    rule_ids: HashMap<String, Origin>,
    /// Files with a second definition of a name (already an error), by `kind:name`: a
    /// lookup from them finds the first, rather than adding "not imported" to the error.
    redefined: HashMap<String, Vec<FileId>>,
    /// `visible[a][b]`: file `a` imports `b`, directly or not (or is `b`).
    visible: Vec<Vec<bool>>,
    file_names: Vec<String>,
    /// Each file's `tolerance`, as a share.
    tolerance: Vec<Option<f64>>,
}

/// A name looked up from a file.
pub(crate) enum Lookup<T> {
    Found(T),
    /// Defined in a file the looking file does not import.
    Hidden(FileId),
    Missing,
}

impl Decls {
    fn lookup<T: Copy>(&self, key: String, from: FileId, found: Option<(T, FileId)>) -> Lookup<T> {
        let redefined_here = || {
            self.redefined
                .get(&key)
                .is_some_and(|files| files.iter().any(|f| self.sees(from, *f)))
        };
        match found {
            Some((id, file)) if self.sees(from, file) || redefined_here() => Lookup::Found(id),
            Some((_, file)) => Lookup::Hidden(file),
            None => Lookup::Missing,
        }
    }

    /// A file sees itself, what it imports, and the embedded knowledge base (the file after
    /// the rule files).
    fn sees(&self, from: FileId, file: FileId) -> bool {
        match self.visible.get(from.0) {
            Some(row) => row.get(file.0).copied().unwrap_or(true),
            None => false,
        }
    }

    pub fn concept(&self, from: FileId, name: &str) -> Lookup<ConceptId> {
        let found = self
            .concept_names
            .get(name)
            .map(|id| (*id, self.concepts[id.0].origin.file));
        self.lookup(format!("concept:{name}"), from, found)
    }

    pub fn kb(&self, from: FileId, name: &str) -> Lookup<KbId> {
        let found = self
            .kb_names
            .get(name)
            .map(|id| (*id, self.kb[id.0].origin.file));
        self.lookup(format!("kb:{name}"), from, found)
    }

    pub fn rule(&self, from: FileId, id: &str) -> Lookup<()> {
        let found = self.rule_ids.get(id).map(|o| ((), o.file));
        self.lookup(format!("rule:{id}"), from, found)
    }

    pub fn visible_concepts(&self, from: FileId) -> Vec<&str> {
        self.concepts
            .iter()
            .filter(|c| self.sees(from, c.origin.file))
            .map(|c| c.name.as_str())
            .collect()
    }

    pub fn visible_kb(&self, from: FileId) -> Vec<&str> {
        self.kb
            .iter()
            .filter(|k| self.sees(from, k.origin.file))
            .map(|k| k.name.as_str())
            .collect()
    }

    pub fn visible_rules(&self, from: FileId) -> Vec<&str> {
        self.rule_ids
            .iter()
            .filter(|(_, o)| self.sees(from, o.file))
            .map(|(id, _)| id.as_str())
            .collect()
    }

    pub fn file_name(&self, id: FileId) -> &str {
        self.file_names
            .get(id.0)
            .map_or(super::embedded::NAME, String::as_str)
    }

    pub fn tolerance(&self, file: FileId) -> f64 {
        self.tolerance[file.0].unwrap_or(DEFAULT_TOLERANCE)
    }

    /// Whether the file has a `tolerance` of its own.
    pub fn states_tolerance(&self, file: FileId) -> bool {
        self.tolerance[file.0].is_some()
    }

    /// The help for a name that is defined, but in a file this one does not import.
    pub fn hidden_help(&self, from: FileId, file: FileId) -> String {
        format!(
            "it is defined in `{}`, which `{}` does not import: add `import \"...\"`",
            self.file_name(file),
            self.file_name(from)
        )
    }
}

/// Declares everything in the files, reporting duplicates, unknown concepts and cycles.
pub(crate) fn declare(files: &[Parsed], diags: &mut Diags) -> Decls {
    let mut decls = Decls {
        concepts: Vec::new(),
        kb: Vec::new(),
        concept_names: HashMap::new(),
        kb_names: HashMap::new(),
        rule_ids: HashMap::new(),
        redefined: HashMap::new(),
        visible: visibility(files),
        file_names: files.iter().map(|f| f.name.clone()).collect(),
        tolerance: vec![None; files.len()],
    };
    let embedded = FileId(files.len());
    for entry in super::embedded::entries(embedded) {
        decls
            .kb_names
            .insert(entry.name.clone(), KbId(decls.kb.len()));
        decls.kb.push(entry);
    }
    let mut concept_items = Vec::new();
    for (n, f) in files.iter().enumerate() {
        let file = FileId(n);
        let mut tolerance_span: Option<Span> = None;
        for item in &f.ast.items {
            match item {
                Item::Tolerance(t) => {
                    if let Some(first) = tolerance_span {
                        diags.push(file, duplicate_statement("tolerance", t.span, first));
                        continue;
                    }
                    tolerance_span = Some(t.span);
                    match literal_share(&t.value) {
                        Ok(share) => decls.tolerance[n] = Some(share),
                        Err(p) => diags.push(file, *p),
                    }
                }
                Item::Concept(c) => {
                    let origin = Origin {
                        file,
                        span: c.name.span,
                    };
                    if let Some(first) = decls.concept_names.get(&c.name.name) {
                        let first = decls.concepts[first.0].origin;
                        duplicate(diags, &mut decls, "concept", &c.name.name, origin, first);
                        continue;
                    }
                    let id = ConceptId(decls.concepts.len());
                    decls.concept_names.insert(c.name.name.clone(), id);
                    decls.concepts.push(Concept {
                        name: c.name.name.clone(),
                        words: Vec::new(),
                        doc: c.doc.as_ref().map(|d| d.text()),
                        origin,
                    });
                    concept_items.push((id, c));
                }
                Item::Table(_) | Item::Fact(_) => {
                    let Some(entry) = kb::entry(item, file, diags) else {
                        continue;
                    };
                    if let Some(&id) = decls.kb_names.get(&entry.name) {
                        let first = decls.kb[id.0].origin;
                        if first.file == embedded {
                            // A rule file's entry overrides the embedded one.
                            decls.kb[id.0] = entry;
                            continue;
                        }
                        duplicate(
                            diags,
                            &mut decls,
                            "knowledge-base entry",
                            &entry.name,
                            entry.origin,
                            first,
                        );
                        continue;
                    }
                    decls
                        .kb_names
                        .insert(entry.name.clone(), KbId(decls.kb.len()));
                    decls.kb.push(entry);
                }
                Item::Rule(r) => {
                    let origin = Origin {
                        file,
                        span: r.id.span,
                    };
                    if let Some(first) = decls.rule_ids.get(&r.id.name) {
                        let first = *first;
                        duplicate(diags, &mut decls, "rule", &r.id.name, origin, first);
                        continue;
                    }
                    decls.rule_ids.insert(r.id.name.clone(), origin);
                }
                Item::Import(_) | Item::Test(_) => {}
            }
        }
    }
    super::concepts::flatten(&mut decls, &concept_items, diags);
    decls
}

pub(super) fn duplicate_statement(statement: &'static str, span: Span, first: Span) -> Problem {
    Problem::DuplicateStatement {
        statement,
        span: source_span(span),
        first: source_span(first),
    }
}

/// A name defined twice: both places labelled in one file, or a note in the other file.
fn duplicate(
    diags: &mut Diags,
    decls: &mut Decls,
    what: &'static str,
    name: &str,
    at: Origin,
    first: Origin,
) {
    let kind = match what {
        "concept" => "concept",
        "rule" => "rule",
        _ => "kb",
    };
    decls
        .redefined
        .entry(format!("{kind}:{name}"))
        .or_default()
        .push(at.file);
    let same_file = at.file == first.file;
    let problem = Problem::Duplicate {
        what,
        name: name.to_string(),
        span: source_span(at.span),
        first: same_file.then(|| source_span(first.span)),
        help: (!same_file)
            .then(|| format!("it is first defined in `{}`", decls.file_name(first.file))),
    };
    if same_file {
        diags.push(at.file, problem);
    } else {
        let note = Problem::Note {
            message: format!("`{name}` is first defined here"),
            span: source_span(first.span),
        };
        diags.push_with_notes(at.file, problem, vec![(first.file, note)]);
    }
}

/// Which files each file sees: itself and everything it imports, directly or not.
fn visibility(files: &[Parsed]) -> Vec<Vec<bool>> {
    let n = files.len();
    let mut visible = vec![vec![false; n]; n];
    for (start, row) in visible.iter_mut().enumerate() {
        let mut stack = vec![start];
        while let Some(f) = stack.pop() {
            if row[f] {
                continue;
            }
            row[f] = true;
            stack.extend(files[f].imports.iter().map(|(to, _)| to.0));
        }
    }
    visible
}
