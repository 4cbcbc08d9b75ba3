//! Concepts through their graph: references to other concepts resolved, cycles reported
//! with every concept on them, and each concept given every word it stands for.

use std::collections::HashMap;

use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;

use super::Diags;
use super::resolve::{Decls, Lookup};
use crate::rules::ast::{Span, Term};
use crate::rules::checked::ConceptId;
use crate::rules::errors::{Problem, source_span};
use crate::rules::suggest;

/// Resolves the concepts named in concepts, reports cycles, and gives each concept every word
/// it stands for.
pub(super) fn flatten(
    decls: &mut Decls,
    items: &[(ConceptId, &crate::rules::ast::Concept)],
    diags: &mut Diags,
) {
    let mut graph: DiGraph<ConceptId, Span> = DiGraph::new();
    let nodes: Vec<_> = (0..decls.concepts.len())
        .map(|i| graph.add_node(ConceptId(i)))
        .collect();
    for (id, c) in items {
        let file = decls.concepts[id.0].origin.file;
        for term in &c.terms {
            let Term::Concept(name) = term else { continue };
            match decls.concept(file, &name.name) {
                Lookup::Found(to) => {
                    graph.add_edge(nodes[id.0], nodes[to.0], name.span);
                }
                found => {
                    let help = match found {
                        Lookup::Hidden(f) => Some(decls.hidden_help(file, f)),
                        _ => suggest::closest(&name.name, decls.visible_concepts(file))
                            .map(|c| {
                                format!(
                                    "did you mean `{c}`? A word in quotes is a word: `\"{}\"`",
                                    name.name
                                )
                            })
                            .or_else(|| {
                                Some(format!(
                                    "a word in a concept is written in quotes: `\"{}\"`",
                                    name.name
                                ))
                            }),
                    };
                    diags.push(
                        file,
                        Problem::UnknownName {
                            what: "concept",
                            name: name.name.clone(),
                            span: source_span(name.span),
                            help,
                        },
                    );
                }
            }
        }
    }
    let mut cyclic = vec![false; decls.concepts.len()];
    for scc in tarjan_scc(&graph) {
        let self_loop = scc.len() == 1 && graph.contains_edge(scc[0], scc[0]);
        if scc.len() < 2 && !self_loop {
            continue;
        }
        let mut ids: Vec<ConceptId> = scc.iter().map(|n| graph[*n]).collect();
        ids.sort_by_key(|id| id.0);
        for id in &ids {
            cyclic[id.0] = true;
        }
        report_concept_cycle(decls, &graph, &ids, diags);
    }
    // Cycles were reported; their concepts keep no words.
    let terms: HashMap<usize, &crate::rules::ast::Concept> =
        items.iter().map(|(id, c)| (id.0, *c)).collect();
    for id in 0..decls.concepts.len() {
        if cyclic[id] {
            continue;
        }
        // Depth first, in reading order: (concept, index of its next term).
        let mut words = Vec::new();
        let mut seen = vec![false; decls.concepts.len()];
        seen[id] = true;
        let mut stack = vec![(id, 0)];
        while let Some((c, i)) = stack.pop() {
            let Some(term) = terms.get(&c).and_then(|concept| concept.terms.get(i)) else {
                continue;
            };
            stack.push((c, i + 1));
            match term {
                Term::Word(w) if !words.contains(&w.value) => words.push(w.value.clone()),
                Term::Word(_) => {}
                Term::Concept(name) => {
                    let file = decls.concepts[c].origin.file;
                    if let Lookup::Found(to) = decls.concept(file, &name.name)
                        && !std::mem::replace(&mut seen[to.0], true)
                    {
                        stack.push((to.0, 0));
                    }
                }
            }
        }
        decls.concepts[id].words = words;
    }
}

fn report_concept_cycle(
    decls: &Decls,
    graph: &DiGraph<ConceptId, Span>,
    ids: &[ConceptId],
    diags: &mut Diags,
) {
    let Some(first) = ids.first() else { return };
    // Follow the references from the first concept until it comes back round.
    let mut order = vec![*first];
    let mut spans = Vec::new();
    let mut at = *first;
    for _ in 0..ids.len() {
        let next = graph
            .edges(petgraph::graph::NodeIndex::new(at.0))
            .map(|e| {
                use petgraph::visit::EdgeRef;
                (graph[e.target()], *e.weight())
            })
            .filter(|(to, _)| ids.contains(to))
            .min_by_key(|(to, _)| if to == first { 0 } else { to.0 + 1 });
        let Some((to, span)) = next else { break };
        spans.push((at, span));
        if to == *first {
            break;
        }
        order.push(to);
        at = to;
    }
    let mut names: Vec<&str> = order
        .iter()
        .map(|c| decls.concepts[c.0].name.as_str())
        .collect();
    names.push(&decls.concepts[first.0].name);
    let file = decls.concepts[first.0].origin.file;
    let span = spans
        .first()
        .map_or(decls.concepts[first.0].origin.span, |(_, s)| *s);
    let others = spans
        .iter()
        .skip(1)
        .filter(|(c, _)| decls.concepts[c.0].origin.file == file)
        .map(|(_, s)| {
            miette::LabeledSpan::new_with_span(Some("and goes on here".into()), source_span(*s))
        })
        .collect();
    diags.push(
        file,
        Problem::DefinitionCycle {
            what: "concept",
            cycle: names.join(" → "),
            span: source_span(span),
            others,
        },
    );
}
