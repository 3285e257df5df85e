//! A record's fields checked and resolved, for the validators of apply and
//! import files: text fields, unknown fields, and the org, integration and
//! external org id a record names. Each problem joins the record's list.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value as Json;

use super::read::{Fields, Problem, type_name};
use crate::integrations::Registry;
use crate::mapping::Repo;
use crate::model::{ExternalOrgId, IntegrationName, Org};

/// A required text field; numbers are accepted as text (ids like 42).
pub(super) fn text_field(
    f: &Fields,
    name: &str,
    required: bool,
) -> Result<Option<String>, Problem> {
    match f.values.get(name) {
        None | Some(Json::Null) if required => Err(f.problem(format!("missing field \"{name}\""))),
        None | Some(Json::Null) => Ok(None),
        Some(Json::String(s)) if required && s.trim().is_empty() => {
            Err(f.problem(format!("field \"{name}\" is empty")))
        }
        Some(Json::String(s)) => Ok(Some(s.clone())),
        // An integer is its digits; a number that JSON readers hold as a
        // float (1e2, or past 64 bits) would lose them: refuse it.
        Some(Json::Number(n)) if n.is_u64() || n.is_i64() => Ok(Some(n.to_string())),
        Some(Json::Number(_)) => Err(f.problem(format!(
            "field \"{name}\" is a number that cannot be kept exactly; write it as a string, e.g. \"{name}\": \"12345678901234567890\""
        ))),
        Some(other) => Err(f.problem(format!(
            "field \"{name}\" must be text, not {}",
            type_name(other)
        ))),
    }
}

/// The value of a field check; its problem, if any, joins the list.
pub(super) fn keep(
    problems: &mut Vec<Problem>,
    checked: Result<Option<String>, Problem>,
) -> Option<String> {
    checked.unwrap_or_else(|p| {
        problems.push(p);
        None
    })
}

pub(super) fn unknown_fields(f: &Fields, known: &[&str]) -> Vec<Problem> {
    f.values
        .keys()
        .filter(|k| !known.contains(&k.as_str()))
        .map(|k| {
            f.problem(format!(
                "unknown field \"{k}\" (known: {})",
                known.join(", ")
            ))
        })
        .collect()
}

/// The org a record names (id or name), each text resolved once: a file
/// names few orgs many times. Its problem joins the list.
pub(super) fn resolve_org(
    orgs: &[Org],
    resolved: &mut HashMap<String, Result<Arc<Org>, String>>,
    f: &Fields,
    text: String,
    problems: &mut Vec<Problem>,
) -> Option<Arc<Org>> {
    let found = resolved.entry(text).or_insert_with_key(|o| {
        Repo::resolve_in(orgs, o)
            .map(Arc::new)
            .map_err(|e| e.message)
    });
    match found {
        Ok(org) => Some(org.clone()),
        Err(message) => {
            problems.push(f.problem(message.clone()));
            None
        }
    }
}

/// The integration a record names (name or alias).
pub(super) fn resolve_integration(
    registry: &Registry,
    f: &Fields,
    text: &str,
    problems: &mut Vec<Problem>,
) -> Option<IntegrationName> {
    match registry.resolve(text) {
        Ok(info) => Some(IntegrationName::trusted(info.name.clone())),
        Err(e) => {
            problems.push(f.problem(format!("{}; {}", e.message, e.hint.unwrap_or_default())));
            None
        }
    }
}

/// The external org id a record names, held to the rules of ids.
pub(super) fn parse_external_id(
    f: &Fields,
    text: &str,
    problems: &mut Vec<Problem>,
) -> Option<ExternalOrgId> {
    match ExternalOrgId::parse(text) {
        Ok(id) => Some(id),
        Err(e) => {
            problems.push(f.problem(e.message));
            None
        }
    }
}

/// An id held to the format its integration's declaration states.
pub(super) fn id_format(
    registry: &Registry,
    f: &Fields,
    integration: &IntegrationName,
    id: &ExternalOrgId,
    problems: &mut Vec<Problem>,
) {
    if let Ok(info) = registry.resolve(integration)
        && let Err(e) = info.check_external_id(id.as_str())
    {
        problems.push(f.problem(e.message));
    }
}
