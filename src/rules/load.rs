//! Reading rule files and following their imports; import cycles.
//!
//! Each file is read and parsed once, however often it is imported. The imports form a
//! directed graph (petgraph); a cycle in it is an error that names every file on the cycle.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use super::ast::{self, Item, Span};
use super::check::Diags;
use super::checked::FileId;
use super::errors::{Problem, source_span};
use super::syntax;
use crate::source::lexically_clean;

/// One parsed file.
pub(crate) struct Parsed {
    pub path: PathBuf,
    pub name: String,
    pub text: Arc<str>,
    pub ast: ast::File,
    /// The files it imports, with the span of each `import`.
    pub imports: Vec<(FileId, Span)>,
}

/// A file to start from: a path to read, or a text given with a name.
pub(crate) struct Root {
    pub path: PathBuf,
    pub text: Option<String>,
}

/// A file to read: its path, its text if given, and the import that names it.
type Pending = (PathBuf, Option<String>, Option<(FileId, Span)>);

/// Reads the roots and everything they import. Unreadable files and syntax errors go to
/// `diags`; the files that could be read are returned, roots first.
pub(crate) fn read_all(roots: Vec<Root>, diags: &mut Diags) -> Vec<Parsed> {
    let mut files: Vec<Parsed> = Vec::new();
    let mut by_path: HashMap<PathBuf, FileId> = HashMap::new();
    // (path, text if given, importer and span of its import)
    let mut queue: Vec<Pending> = roots
        .into_iter()
        .map(|r| (lexically_clean(&r.path), r.text, None))
        .collect();
    queue.reverse();
    while let Some((path, given, importer)) = queue.pop() {
        let key = std::path::absolute(&path).map_or_else(|_| path.clone(), |p| lexically_clean(&p));
        if let Some(id) = by_path.get(&key) {
            if let Some((from, span)) = importer {
                files[from.0].imports.push((*id, span));
            }
            continue;
        }
        let name = path.display().to_string();
        let text = match given.map_or_else(|| std::fs::read_to_string(&path), Ok) {
            Ok(text) => text,
            Err(e) => {
                let problem = Problem::Import {
                    path: name.clone(),
                    reason: e.to_string(),
                    span: importer.map(|(_, span)| source_span(span)),
                };
                match importer {
                    Some((from, _)) => diags.push(from, problem),
                    None => diags.push_unattached(&name, problem),
                }
                continue;
            }
        };
        let id = FileId(files.len());
        by_path.insert(key, id);
        if let Some((from, span)) = importer {
            files[from.0].imports.push((id, span));
        }
        let text: Arc<str> = Arc::from(text);
        diags.add_source(&name, text.clone());
        let (file, problems) = syntax::parse(&text);
        for p in problems {
            diags.push(id, p);
        }
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut imports: Vec<_> = file
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Import(i) => Some((
                    lexically_clean(&dir.join(&i.path.value)),
                    None,
                    Some((id, i.span)),
                )),
                _ => None,
            })
            .collect();
        imports.reverse();
        queue.extend(imports);
        files.push(Parsed {
            path,
            name,
            text,
            ast: file,
            imports: Vec::new(),
        });
    }
    files
}

/// Reports every import cycle, once, at the import that starts it, with a note at each
/// other import on the cycle.
pub(crate) fn report_cycles(files: &[Parsed], diags: &mut Diags) {
    let mut graph: DiGraph<FileId, Span> = DiGraph::new();
    let nodes: Vec<NodeIndex> = (0..files.len())
        .map(|i| graph.add_node(FileId(i)))
        .collect();
    for (i, f) in files.iter().enumerate() {
        for (to, span) in &f.imports {
            graph.add_edge(nodes[i], nodes[to.0], *span);
        }
    }
    for scc in tarjan_scc(&graph) {
        let self_loop = scc.len() == 1 && graph.contains_edge(scc[0], scc[0]);
        if scc.len() < 2 && !self_loop {
            continue;
        }
        let cycle = cycle_through(&graph, &scc);
        let names: Vec<&str> = cycle
            .iter()
            .map(|(from, _)| files[graph[*from].0].name.as_str())
            .chain(
                cycle
                    .first()
                    .map(|(from, _)| files[graph[*from].0].name.as_str()),
            )
            .collect();
        let Some(((first, span), rest)) = cycle.split_first() else {
            continue;
        };
        let notes = rest
            .iter()
            .map(|(from, span)| {
                let file = graph[*from];
                let problem = Problem::Note {
                    message: format!("`{}` goes on in the cycle here", files[file.0].name),
                    span: source_span(*span),
                };
                (file, problem)
            })
            .collect();
        diags.push_with_notes(
            graph[*first],
            Problem::ImportCycle {
                cycle: names.join(" → "),
                span: source_span(*span),
            },
            notes,
        );
    }
}

/// A cycle through the component, from its first file: each file with the span of the
/// import that leads to the next.
fn cycle_through(graph: &DiGraph<FileId, Span>, scc: &[NodeIndex]) -> Vec<(NodeIndex, Span)> {
    let Some(&start) = scc.iter().min_by_key(|n| graph[**n]) else {
        return Vec::new();
    };
    // Depth-first search inside the component for a way back to the start.
    let mut path: Vec<(NodeIndex, Span)> = Vec::new();
    let mut seen = vec![start];
    let mut stack: Vec<(NodeIndex, Vec<(NodeIndex, Span)>)> = vec![(start, edges(graph, start))];
    while let Some((node, next)) = stack.last_mut() {
        let node = *node;
        let Some((to, span)) = next.pop() else {
            stack.pop();
            path.pop();
            continue;
        };
        if !scc.contains(&to) {
            continue;
        }
        if to == start {
            path.push((node, span));
            return path;
        }
        if !seen.contains(&to) {
            seen.push(to);
            path.push((node, span));
            stack.push((to, edges(graph, to)));
        }
    }
    path
}

/// The imports of a file, first import last (they are popped).
fn edges(graph: &DiGraph<FileId, Span>, node: NodeIndex) -> Vec<(NodeIndex, Span)> {
    let mut out: Vec<(NodeIndex, Span)> = graph
        .edges(node)
        .map(|e| {
            use petgraph::visit::EdgeRef;
            (e.target(), *e.weight())
        })
        .collect();
    out.sort_by_key(|(_, span)| std::cmp::Reverse(span.start));
    out
}
