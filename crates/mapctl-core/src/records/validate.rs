//! Validating the records of apply and import files: every problem listed,
//! with its record (and line); nothing is written unless there are none.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value as Json;

use super::fields::{
    id_format, keep, parse_external_id, resolve_integration, resolve_org, text_field,
    unknown_fields,
};
use super::read::{Fields, Problem, type_name};
use crate::integrations::Registry;
use crate::mapping::apply::DesiredMapping;
use crate::model::{self, ExternalOrgId, IntegrationName, Org, OrgId};

const MAPPING_FIELDS: &[&str] = &[
    "org",
    "integration",
    "external_org_id",
    "external_org_name",
    "mapping_data",
    "ignore",
    "exclude",
    "reject",
    // What `suggest -o json` adds to a record; `apply` reads past it.
    "org_name",
    "score",
    "confidence",
    "reason",
];

const EXCLUDE_FIELDS: &[&str] = &["org", "integration", "reason", "exclude"];

const REJECT_FIELDS: &[&str] = &[
    "org",
    "integration",
    "external_org_id",
    "external_org_name",
    "reason",
    "reject",
];

const IGNORE_FIELDS: &[&str] = &[
    "integration",
    "external_org_id",
    "external_org_name",
    "reason",
    "ignore",
];

use crate::mapping::apply::DesiredDecision;
pub use crate::mapping::apply::DesiredIgnore;
use crate::store::decisions::DecisionKind;

/// What a record of an apply file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RecordKind {
    Mapping,
    Ignore,
    Decision(DecisionKind),
}

/// The kind a record's flags give (`"ignore"`, `"exclude"`, `"reject"`:
/// true, or `true` in a CSV cell); at most one may be set.
fn record_kind(f: &Fields) -> Result<RecordKind, Problem> {
    let mut set = Vec::new();
    for (flag, kind) in [
        ("ignore", RecordKind::Ignore),
        ("exclude", RecordKind::Decision(DecisionKind::Exclude)),
        ("reject", RecordKind::Decision(DecisionKind::Reject)),
    ] {
        if flag_set(f, flag)? {
            set.push((flag, kind));
        }
    }
    match set.as_slice() {
        [] => Ok(RecordKind::Mapping),
        [(_, kind)] => Ok(*kind),
        several => Err(f.problem(format!(
            "a record is one of a mapping, an ignore, an exclude or a reject record; this one sets {}",
            several.iter().map(|(f, _)| format!("\"{f}\"")).collect::<Vec<_>>().join(" and ")
        ))),
    }
}

/// Whether a flag field is true (`true`, or `true` in a CSV cell);
/// `false`, empty or absent is not set.
fn flag_set(f: &Fields, flag: &str) -> Result<bool, Problem> {
    match f.values.get(flag) {
        None | Some(Json::Null) | Some(Json::Bool(false)) => Ok(false),
        Some(Json::Bool(true)) => Ok(true),
        Some(Json::String(s)) if s.trim().is_empty() || s.trim().eq_ignore_ascii_case("false") => {
            Ok(false)
        }
        Some(Json::String(s)) if s.trim().eq_ignore_ascii_case("true") => Ok(true),
        Some(other) => Err(f.problem(format!(
            "field \"{flag}\" must be true or false, not {}",
            type_name(other)
        ))),
    }
}

/// Checks the records of an apply file one at a time, remembering what a
/// later record is checked against (duplicates) and the problems found.
pub struct MappingValidator<'a> {
    orgs: &'a [Org],
    registry: &'a Registry,
    /// Org references resolved so far: a file names few orgs many times.
    resolved: HashMap<String, Result<Arc<Org>, String>>,
    seen: HashMap<(OrgId, IntegrationName, ExternalOrgId), usize>,
    problems: Vec<Problem>,
    ignores: Vec<DesiredIgnore>,
    decisions: Vec<DesiredDecision>,
}

impl<'a> MappingValidator<'a> {
    pub fn new(orgs: &'a [Org], registry: &'a Registry) -> Self {
        MappingValidator {
            orgs,
            registry,
            resolved: HashMap::new(),
            seen: HashMap::new(),
            problems: Vec::new(),
            ignores: Vec::new(),
            decisions: Vec::new(),
        }
    }

    /// An ignore record, kept for [`MappingValidator::finish`].
    fn check_ignore(&mut self, f: &Fields) {
        let problems = &mut self.problems;
        let before = problems.len();
        // A CSV row has every column: an empty cell is no field.
        let blank = |k: &str| match f.values.get(k) {
            Some(Json::String(v)) => v.trim().is_empty(),
            Some(Json::Null) | None => true,
            _ => false,
        };
        problems.extend(
            f.values
                .keys()
                .filter(|k| !IGNORE_FIELDS.contains(&k.as_str()) && !blank(k))
                .map(|k| {
                    f.problem(format!(
                        "field \"{k}\" has no place in an ignore record (known: {}; an ignore record names no org)",
                        IGNORE_FIELDS.join(", ")
                    ))
                }),
        );
        let integration = keep(problems, text_field(f, "integration", true));
        let external_org_id = keep(problems, text_field(f, "external_org_id", true));
        let external_org_name = keep(problems, text_field(f, "external_org_name", false));
        let reason = keep(problems, text_field(f, "reason", false));
        if let Some(r) = &reason
            && let Err(e) = model::validate_text("reason", r)
        {
            problems.push(f.problem(e.message));
        }
        let integration =
            integration.and_then(|i| resolve_integration(self.registry, f, &i, problems));
        let external_org_id = external_org_id.and_then(|id| parse_external_id(f, &id, problems));
        let (Some(integration), Some(external_org_id)) = (integration, external_org_id) else {
            return;
        };
        id_format(self.registry, f, &integration, &external_org_id, problems);
        if problems.len() > before {
            return;
        }
        if let Some(first) = self
            .ignores
            .iter()
            .find(|i| i.integration == integration && i.external_org_id == external_org_id)
        {
            let first = first.record;
            problems.push(f.problem(format!(
                "duplicate of record {first} (ignore {integration} {external_org_id})"
            )));
            return;
        }
        self.ignores.push(DesiredIgnore {
            record: f.record,
            integration,
            external_org_id,
            external_org_name,
            reason,
        });
    }

    /// An exclude or reject record, kept for [`MappingValidator::finish`].
    fn check_decision(&mut self, f: &Fields, kind: DecisionKind) {
        let known = match kind {
            DecisionKind::Exclude => EXCLUDE_FIELDS,
            DecisionKind::Reject => REJECT_FIELDS,
        };
        let problems = &mut self.problems;
        let before = problems.len();
        // A CSV row has every column: an empty cell is no field.
        let blank = |k: &str| match f.values.get(k) {
            Some(Json::String(v)) => v.trim().is_empty(),
            Some(Json::Null) | None => true,
            _ => false,
        };
        problems.extend(
            f.values
                .keys()
                .filter(|k| !known.contains(&k.as_str()) && !blank(k))
                .map(|k| {
                    f.problem(format!(
                        "field \"{k}\" has no place in {} record (known: {})",
                        match kind {
                            DecisionKind::Exclude => "an exclude",
                            DecisionKind::Reject => "a reject",
                        },
                        known.join(", ")
                    ))
                }),
        );
        let org = keep(problems, text_field(f, "org", true));
        let integration = keep(problems, text_field(f, "integration", true));
        let external_org_id = match kind {
            DecisionKind::Reject => keep(problems, text_field(f, "external_org_id", true)),
            DecisionKind::Exclude => None,
        };
        let external_org_name = keep(problems, text_field(f, "external_org_name", false));
        let reason = keep(problems, text_field(f, "reason", false));
        if let Some(r) = &reason
            && let Err(e) = model::validate_text("reason", r)
        {
            problems.push(f.problem(e.message));
        }
        let org = org.and_then(|o| resolve_org(self.orgs, &mut self.resolved, f, o, problems));
        let integration =
            integration.and_then(|i| resolve_integration(self.registry, f, &i, problems));
        let external_org_id = external_org_id.and_then(|id| parse_external_id(f, &id, problems));
        if let Some(name) = &external_org_name
            && let Err(e) = model::validate_external_org_name(name)
        {
            problems.push(f.problem(e.message));
        }
        if let (Some(i), Some(id)) = (&integration, &external_org_id) {
            id_format(self.registry, f, i, id, problems);
        }
        if problems.len() > before {
            return;
        }
        let (Some(org), Some(integration)) = (org, integration) else {
            return;
        };
        let same = |d: &DesiredDecision| {
            d.kind == kind
                && d.org.org_id == org.org_id
                && d.integration == integration
                && d.external_org_id == external_org_id
        };
        if let Some(first) = self.decisions.iter().find(|d| same(d)) {
            let first = first.record;
            problems.push(f.problem(format!(
                "duplicate of record {first} ({} {} {integration})",
                kind.as_str(),
                org.name
            )));
            return;
        }
        self.decisions.push(DesiredDecision {
            record: f.record,
            kind,
            org,
            integration,
            external_org_id,
            external_org_name: external_org_name.filter(|n| !n.is_empty()),
            reason,
        });
    }

    /// The record as a wanted mapping, or None (an ignore record, kept for
    /// [`MappingValidator::finish`], or a record with problems, kept too).
    pub fn check(&mut self, f: &Fields) -> Option<DesiredMapping> {
        match record_kind(f) {
            Ok(RecordKind::Ignore) => {
                self.check_ignore(f);
                return None;
            }
            Ok(RecordKind::Decision(kind)) => {
                self.check_decision(f, kind);
                return None;
            }
            Ok(RecordKind::Mapping) => {}
            Err(p) => {
                self.problems.push(p);
                return None;
            }
        }
        let problems = &mut self.problems;
        let before = problems.len();
        problems.extend(unknown_fields(f, MAPPING_FIELDS));
        let org = keep(problems, text_field(f, "org", true));
        let integration = keep(problems, text_field(f, "integration", true));
        let external_org_id = keep(problems, text_field(f, "external_org_id", true));
        let external_org_name = keep(problems, text_field(f, "external_org_name", false));
        let org = org.and_then(|o| resolve_org(self.orgs, &mut self.resolved, f, o, problems));
        let integration =
            integration.and_then(|i| resolve_integration(self.registry, f, &i, problems));
        let external_org_id = external_org_id.and_then(|id| parse_external_id(f, &id, problems));
        if let Some(name) = &external_org_name
            && let Err(e) = model::validate_external_org_name(name)
        {
            problems.push(f.problem(e.message));
        }
        let mapping_data = match f.values.get("mapping_data") {
            None | Some(Json::Null) => None,
            Some(Json::Object(m)) => match model::check_mapping_data_size(m) {
                Ok(()) => Some(Json::Object(m.clone())),
                Err(e) => {
                    problems.push(f.problem(e.message));
                    None
                }
            },
            Some(other) => {
                problems.push(f.problem(format!(
                    "field \"mapping_data\" must be a JSON object, not {}",
                    type_name(other)
                )));
                None
            }
        };
        if let (Some(i), Some(id)) = (&integration, &external_org_id) {
            id_format(self.registry, f, i, id, problems);
        }
        if problems.len() > before {
            return None;
        }
        let (org, integration, external_org_id) = (org?, integration?, external_org_id?);
        let key = (
            org.org_id.clone(),
            integration.clone(),
            external_org_id.clone(),
        );
        if let Some(first) = self.seen.get(&key) {
            problems.push(f.problem(format!(
                "duplicate of record {first} ({} → {integration} {external_org_id})",
                org.name
            )));
            return None;
        }
        self.seen.insert(key, f.record);
        Some(DesiredMapping {
            org,
            integration,
            external_org_id,
            external_org_name,
            mapping_data,
            exclusive: false,
        })
    }

    /// The ignore records and the decisions when no record had a problem;
    /// else every problem.
    #[allow(clippy::type_complexity)]
    pub fn finish(mut self) -> Result<(Vec<DesiredIgnore>, Vec<DesiredDecision>), Vec<Problem>> {
        // Mapped or ignored, not both.
        for i in &self.ignores {
            let mapped = self
                .seen
                .iter()
                .filter(|((_, integration, ext), _)| {
                    *integration == i.integration && *ext == i.external_org_id
                })
                .map(|(_, record)| *record)
                .min();
            if let Some(record) = mapped {
                self.problems.push(Problem {
                    record: Some(i.record),
                    line: None,
                    column: None,
                    message: format!(
                        "external org {} of {} is mapped by record {record} and ignored here; an external org is mapped or ignored, not both",
                        i.external_org_id, i.integration
                    ),
                });
            }
        }
        if self.problems.is_empty() {
            Ok((self.ignores, self.decisions))
        } else {
            Err(self.problems)
        }
    }
}
