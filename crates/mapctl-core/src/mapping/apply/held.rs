//! The rules the apply engine keeps for every writer: what may be stored at
//! all, and, for proposals (`suggest`), `map`'s rules against what the
//! store holds when the plan is made.

use std::collections::{HashMap, HashSet};

use super::{DesiredMapping, StoredMappings};
use crate::error::{Error, Result};
use crate::model::{self, ExternalOrgId, IntegrationName, OrgId};

/// What any writer may store (contract §2, §4): checked before anything
/// is planned, every problem listed.
pub(super) fn check_desired(desired: &[DesiredMapping]) -> Result<()> {
    let problems: Vec<String> = desired
        .iter()
        .filter_map(|d| {
            model::check_mapping_fields(
                &d.external_org_id,
                d.external_org_name.as_deref().unwrap_or_default(),
                d.mapping_data.as_ref(),
            )
            .err()
            .map(|e| {
                format!(
                    "{} in {} ({:.40}): {}",
                    d.org.name, d.integration, d.external_org_id, e.message
                )
            })
        })
        .collect();
    if problems.is_empty() {
        return Ok(());
    }
    Err(Error::invalid(format!(
        "{} mapping(s) cannot be stored as they are; nothing was written",
        problems.len()
    ))
    .with_details(problems)
    .with_hint("external ids are 1–200 characters, names at most 400, mapping data an object"))
}

/// Who holds what now, from the org index (the truth, so a mapping whose
/// integration row a crash never wrote still counts), and what the plan
/// has given out so far.
#[derive(Default)]
pub(super) struct Held {
    /// (integration, external id) → the orgs that hold it.
    owners: HashMap<(IntegrationName, ExternalOrgId), Vec<OrgId>>,
    /// (org, integration) with an active mapping.
    org_has: HashSet<(OrgId, IntegrationName)>,
}

impl Held {
    /// Read only when a proposal is among `desired`.
    pub(super) fn of(desired: &[DesiredMapping], existing: &StoredMappings) -> Held {
        let mut held = Held::default();
        if !desired.iter().any(|d| d.exclusive) {
            return held;
        }
        for s in existing.values().filter(|s| s.mapping.is_active) {
            let m = &s.mapping;
            let holders = held
                .owners
                .entry((m.integration_name.clone(), m.external_org_id.clone()))
                .or_default();
            if !holders.contains(&m.org_id) {
                holders.push(m.org_id.clone());
            }
            held.org_has
                .insert((m.org_id.clone(), m.integration_name.clone()));
        }
        held
    }

    /// Why a proposal may no longer be written (its external org has
    /// another owner, its org a mapping in the integration); else None,
    /// and it is counted as held for the proposals after it.
    pub(super) fn lost_ground(&mut self, d: &DesiredMapping) -> Option<String> {
        if !d.exclusive {
            return None;
        }
        let key = (d.integration.clone(), d.external_org_id.clone());
        // Another org holding it, whichever row is met first: a re-run
        // after a crash meets its own half-written row too.
        let other = self
            .owners
            .get(&key)
            .and_then(|h| h.iter().find(|o| **o != d.org.org_id));
        let why = match (other, self.owners.get(&key)) {
            (Some(other), _) => Some(format!(
                "{} is now mapped to org {other}",
                d.external_org_id
            )),
            (None, Some(_)) => None,
            (None, None)
                if self
                    .org_has
                    .contains(&(d.org.org_id.clone(), d.integration.clone())) =>
            {
                Some(format!(
                    "{} now has a mapping in {}",
                    d.org.name, d.integration
                ))
            }
            (None, None) => None,
        };
        if why.is_none() {
            self.owners.insert(key, vec![d.org.org_id.clone()]);
            self.org_has
                .insert((d.org.org_id.clone(), d.integration.clone()));
        }
        why
    }
}
