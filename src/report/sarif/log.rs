//! The part of the SARIF 2.1.0 object model that factlint writes, as serde types.

use serde::Serialize;

use super::artifact_uri;
use crate::eval::finding::Severity;
use crate::report::position::Region;
use crate::report::reporter::RuleMeta;

pub(super) fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

#[derive(Serialize)]
pub(super) struct Log<'a> {
    #[serde(rename = "$schema")]
    pub(super) schema: &'static str,
    pub(super) version: &'static str,
    pub(super) runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Run<'a> {
    pub(super) tool: Tool<'a>,
    pub(super) invocations: [Invocation<'a>; 1],
    #[serde(rename = "originalUriBaseIds")]
    pub(super) original_uri_base_ids: OriginalUriBaseIds,
    pub(super) column_kind: &'static str,
    pub(super) results: &'a [SarifResult],
}

#[derive(Serialize)]
pub(super) struct Tool<'a> {
    pub(super) driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Driver<'a> {
    pub(super) name: &'static str,
    pub(super) version: &'static str,
    pub(super) semantic_version: &'static str,
    pub(super) information_uri: &'static str,
    pub(super) rules: Vec<ReportingDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Invocation<'a> {
    pub(super) execution_successful: bool,
    pub(super) tool_execution_notifications: &'a [Notification],
}

#[derive(Serialize)]
pub(super) struct OriginalUriBaseIds {
    #[serde(rename = "%SRCROOT%")]
    pub(super) srcroot: BaseId,
}

/// A base whose absolute URI factlint does not know: the consumer supplies it.
#[derive(Serialize)]
pub(super) struct BaseId {
    pub(super) description: Message,
}

/// A rule, as SARIF describes it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ReportingDescriptor<'a> {
    pub(super) id: &'a str,
    pub(super) name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) short_description: Option<Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) full_description: Option<Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) help: Option<Message>,
    pub(super) default_configuration: Configuration,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) properties: Option<Properties<'a>>,
}

impl<'a> ReportingDescriptor<'a> {
    pub(super) fn of(rule: &'a RuleMeta) -> Self {
        let doc = rule.doc.as_deref().map(str::trim).filter(|d| !d.is_empty());
        ReportingDescriptor {
            id: &rule.id,
            name: pascal_case(&rule.id),
            short_description: doc.map(|d| Message::sentence(&first_paragraph(d))),
            full_description: doc.map(Message::sentence),
            help: rule.help.as_deref().map(Message::sentence),
            default_configuration: Configuration {
                level: level(rule.severity),
            },
            properties: (!rule.tags.is_empty()).then_some(Properties { tags: &rule.tags }),
        }
    }
}

/// `part-exceeds-whole` -> `PartExceedsWhole`: SARIF's "friendly name" of a rule.
pub(super) fn pascal_case(id: &str) -> String {
    id.split(|c: char| !c.is_alphanumeric())
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(chars)
        })
        .collect()
}

/// The doc comment up to its first blank line, its lines joined by spaces.
pub(super) fn first_paragraph(doc: &str) -> String {
    doc.lines()
        .map(str::trim)
        .take_while(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Serialize)]
pub(super) struct Configuration {
    pub(super) level: &'static str,
}

#[derive(Serialize)]
pub(super) struct Properties<'a> {
    pub(super) tags: &'a [String],
}

#[derive(Clone, Debug, Serialize)]
pub(super) struct Message {
    pub(super) text: String,
}

impl Message {
    /// SARIF asks that messages be sentences: a final full stop is added when missing.
    pub(super) fn sentence(text: &str) -> Self {
        let text = text.trim_end();
        let text = if text.ends_with(['.', '!', '?']) {
            text.to_string()
        } else {
            format!("{text}.")
        };
        Message { text }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SarifResult {
    pub(super) rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) rule_index: Option<usize>,
    pub(super) level: &'static str,
    pub(super) message: Message,
    pub(super) locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) related_locations: Vec<Location>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Location {
    pub(super) id: usize,
    pub(super) physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) message: Option<Message>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PhysicalLocation {
    pub(super) artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) region: Option<SarifRegion>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ArtifactLocation {
    pub(super) uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) uri_base_id: Option<&'static str>,
}

impl ArtifactLocation {
    pub(super) fn of_path(path: &str) -> Self {
        let (uri, uri_base_id) = artifact_uri(path);
        ArtifactLocation { uri, uri_base_id }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SarifRegion {
    pub(super) start_line: usize,
    pub(super) start_column: usize,
    pub(super) end_line: usize,
    /// Exclusive: the column just after the last character.
    pub(super) end_column: usize,
    pub(super) byte_offset: usize,
    pub(super) byte_length: usize,
    pub(super) snippet: Snippet,
}

impl SarifRegion {
    pub(super) fn of(region: Region<'_>) -> Self {
        SarifRegion {
            start_line: region.start.line,
            start_column: region.start.column,
            end_line: region.end.line,
            end_column: region.end.column,
            byte_offset: region.byte_offset,
            byte_length: region.byte_length,
            snippet: Snippet {
                text: region.text.to_string(),
            },
        }
    }
}

#[derive(Debug, Serialize)]
pub(super) struct Snippet {
    pub(super) text: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Notification {
    pub(super) level: &'static str,
    pub(super) message: Message,
    pub(super) locations: [NotificationLocation; 1],
}

impl Notification {
    pub(super) fn about(artifact: ArtifactLocation, level: &'static str, text: &str) -> Self {
        Notification {
            level,
            message: Message::sentence(text),
            locations: [NotificationLocation {
                physical_location: PhysicalLocation {
                    artifact_location: artifact,
                    region: None,
                },
            }],
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct NotificationLocation {
    pub(super) physical_location: PhysicalLocation,
}
