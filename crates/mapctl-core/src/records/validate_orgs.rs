//! Validating the records of an orgs import file: every problem listed,
//! with its record; nothing is written unless there are none.

use std::collections::HashMap;

use serde_json::Value as Json;

use super::fields::{keep, text_field, unknown_fields};
use super::read::{Fields, Problem, type_name};
use crate::mapping::import::DesiredOrg;
use crate::model;

const ORG_FIELDS: &[&str] = &[
    "id",
    "name",
    "tenant_id",
    "domains",
    // What `orgs list -o json` adds (its id is `org_id`): read past.
    "org_id",
    "is_active",
    "created_at",
    "updated_at",
    "created_by",
];

/// An import's `domains`: a `;`-separated cell, or a JSON array of strings;
/// absent or empty keeps what is stored.
fn domains_field(f: &Fields) -> Result<Option<Vec<String>>, Problem> {
    let given: Vec<String> = match f.values.get("domains") {
        None | Some(Json::Null) => return Ok(None),
        Some(Json::String(s)) if s.trim().is_empty() => return Ok(None),
        Some(Json::String(s)) => vec![s.clone()],
        Some(Json::Array(items)) => {
            let mut out = Vec::new();
            for i in items {
                match i {
                    Json::String(s) => out.push(s.clone()),
                    other => {
                        return Err(f.problem(format!(
                            "field \"domains\" holds {}; give hostnames",
                            type_name(other)
                        )));
                    }
                }
            }
            out
        }
        Some(other) => {
            return Err(f.problem(format!(
                "field \"domains\" must be a list of hostnames, not {}",
                type_name(other)
            )));
        }
    };
    model::validate_domains(&given)
        .map(Some)
        .map_err(|e| f.problem(e.message))
}

/// Validates every record of an orgs import file.
pub fn validate_orgs(records: &[Fields]) -> Result<Vec<DesiredOrg>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut out = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut names: HashMap<String, usize> = HashMap::new();
    for f in records {
        let before = problems.len();
        problems.extend(unknown_fields(f, ORG_FIELDS));
        // `orgs list -o json` names the id `org_id`.
        let id = keep(&mut problems, text_field(f, "id", false))
            .or_else(|| keep(&mut problems, text_field(f, "org_id", false)))
            .filter(|s| !s.trim().is_empty());
        let name = keep(&mut problems, text_field(f, "name", true));
        let tenant =
            keep(&mut problems, text_field(f, "tenant_id", false)).filter(|s| !s.trim().is_empty());
        if let Some(id) = &id
            && let Err(e) = model::validate_org_id(id)
        {
            problems.push(f.problem(e.message));
        }
        if let Some(name) = &name
            && let Err(e) = model::validate_name("name", name, false)
        {
            problems.push(f.problem(e.message));
        }
        let domains = match domains_field(f) {
            Ok(d) => d,
            Err(p) => {
                problems.push(p);
                None
            }
        };
        let tenant = match tenant.map(|t| model::validate_tenant_id(&t)).transpose() {
            Ok(t) => t,
            Err(e) => {
                problems.push(f.problem(e.message));
                None
            }
        };
        if problems.len() > before {
            continue;
        }
        let Some(name) = name else { continue };
        if let Some(id) = &id
            && let Some(first) = ids.insert(id.clone(), f.record)
        {
            problems.push(f.problem(format!("duplicate id {id:?} (record {first})")));
            continue;
        }
        if let Some(first) = names.insert(name.to_lowercase(), f.record) {
            problems.push(f.problem(format!("duplicate name {name:?} (record {first})")));
            continue;
        }
        out.push(DesiredOrg {
            id,
            name,
            tenant_id: tenant,
            domains,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}
