//! Warnings on rules whose plan is a cross product: a binding that nothing ties to the
//! bindings before it is tried against every one of their combinations, which on a long report
//! is quadratic work or worse. Given when rules are loaded, at the binding, with a way out.

use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};

use crate::rules::RuleSet;

use super::plan::{Access, access_paths};

/// One binding of one rule that nothing narrows.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("in rule {rule}, `{binding}` is tried against every claim bound before it")]
#[diagnostic(
    code(factlint::rules::cross_product),
    severity(Warning),
    help(
        "tie `{binding}` to an earlier binding with a condition that narrows it: \
         same_sentence(x), same_paragraph(x), close(x, N), same_section(x), a field equality \
         such as `{binding}.subject == x.subject`, same_frame(x, {binding}) or converts(x, \
         {binding}); or give it a subject (`quantity of arrest`). On a long document the rule \
         may otherwise stop at the safety limit"
    )
)]
pub struct CrossProduct {
    pub rule: String,
    pub binding: String,
    #[source_code]
    rule_file: NamedSource<Arc<str>>,
    #[label("nothing ties this binding to the ones before it")]
    span: SourceSpan,
}

/// The bindings of `rules` that are cross products: after the first, with no subject and no
/// condition that narrows them to a part of the document (a sentence, paragraphs, a section,
/// a key shared with an earlier claim, a bracket). "After" and "before" alone halve the work
/// at best.
pub fn cross_products(rules: &RuleSet) -> Vec<CrossProduct> {
    let mut out = Vec::new();
    for rule in &rules.rules {
        for (k, binding) in rule.bindings.iter().enumerate().skip(1) {
            let narrows = access_paths(&binding.conditions, k)
                .iter()
                .any(|p| !matches!(p, Access::After { .. } | Access::Before { .. }));
            if narrows || binding.subject.is_some() {
                continue;
            }
            let file = rules.file(rule.origin.file);
            out.push(CrossProduct {
                rule: rule.id.clone(),
                binding: binding.name.clone(),
                rule_file: file.named_source(),
                span: (binding.span.start, binding.span.len()).into(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_binding_tied_only_by_position_is_a_cross_product() {
        let rules = crate::rules::load_str(
            "t.rules",
            "rule pairs {\n  let a = quantity\n  let b = quantity where after(a)\n  \
             require a > b\n}\n",
        )
        .expect("the rule checks");
        let warnings = cross_products(&rules);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].binding, "b");
    }

    #[test]
    fn a_binding_tied_by_its_sentence_or_a_key_is_planned() {
        let rules = crate::rules::load_str(
            "t.rules",
            "rule one {\n  let a = quantity\n  let b = quantity where same_sentence(a)\n  \
             require a > b\n}\nrule two {\n  let a = quantity\n  \
             let b = quantity where after(a) and b.subject == a.subject\n  require a > b\n}\n",
        )
        .expect("the rules check");
        assert!(cross_products(&rules).is_empty());
    }

    #[test]
    fn the_standard_rules_are_all_planned() {
        let rules = crate::rules::standard().expect("the standard rules check");
        let names: Vec<String> = cross_products(&rules)
            .iter()
            .map(|w| format!("{}: {}", w.rule, w.binding))
            .collect();
        assert!(names.is_empty(), "{names:?}");
    }
}
