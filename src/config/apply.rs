//! Applying the `[rules]` settings to a loaded rule set.

use crate::rules::checked::RuleSet;
use crate::rules::suggest;

use super::{Config, ConfigError, ConfigErrors, RuleRef};

/// Beyond this many rules, a list of every ID is more noise than help.
const LIST_LIMIT: usize = 12;

impl Config {
    /// Applies `default-tolerance`, `[rules.tolerance]`, `[rules.severity]` and `disable` to
    /// `rules`, in that order, so that a rule's own setting wins over the default and `off`
    /// removes a rule whatever else is set for it.
    ///
    /// An ID that names no rule in the set is an error that points at it in the file, with
    /// the closest ID as a suggestion. The settings of the other IDs are applied even then,
    /// so a caller may choose to report such errors as warnings and go on.
    pub fn apply(&self, rules: &mut RuleSet) -> Result<(), ConfigErrors> {
        let settings = &self.rules;
        let errors = self.unknown_ids(rules);
        for rule in &mut rules.rules {
            if let Some(share) = settings
                .default_tolerance
                .filter(|_| !rule.tolerance_stated)
            {
                rule.tolerance = share;
            }
        }
        for (r, share) in &settings.tolerance {
            for rule in rules.rules.iter_mut().filter(|rule| rule.id == r.id) {
                rule.tolerance = *share;
            }
        }
        let mut off: Vec<&str> = settings.disable.iter().map(|r| r.id.as_str()).collect();
        for (r, level) in &settings.severity {
            match level.severity() {
                Some(severity) => {
                    for rule in rules.rules.iter_mut().filter(|rule| rule.id == r.id) {
                        rule.severity = severity;
                    }
                }
                None => off.push(&r.id),
            }
        }
        rules.rules.retain(|rule| !off.contains(&rule.id.as_str()));
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ConfigErrors::sorted(errors))
        }
    }

    /// Every ID in the settings that names no rule of `rules`.
    fn unknown_ids(&self, rules: &RuleSet) -> Vec<ConfigError> {
        let settings = &self.rules;
        let ids: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
        let named = settings
            .disable
            .iter()
            .chain(settings.severity.iter().map(|(r, _)| r))
            .chain(settings.tolerance.iter().map(|(r, _)| r));
        named
            .filter(|r| !ids.contains(&r.id.as_str()))
            .map(|r| self.unknown_rule(r, &ids))
            .collect()
    }

    fn unknown_rule(&self, r: &RuleRef, ids: &[&str]) -> ConfigError {
        let help = suggest::did_you_mean(&r.id, ids.iter().copied(), || {
            if ids.is_empty() {
                "the rule set has no rules".into()
            } else if ids.len() <= LIST_LIMIT {
                format!("the rules are {}", suggest::list(ids))
            } else {
                "no rule has a close name; `factlint rules` lists the rules and their IDs".into()
            }
        });
        ConfigError::UnknownRule {
            id: r.id.clone(),
            src: self.source(),
            span: r.span,
            help,
        }
    }
}
