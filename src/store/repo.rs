//! The dual-index repository: every mapping rule of contract §2 and §4, written
//! once for every backend.
//!
//! Write order: the org-index row (the source of truth) is always written
//! before the integration-index row, for creates, updates and purges alike. A
//! process killed between the two leaves an integration row that is missing,
//! stale or orphaned, which `doctor` reports and `doctor --repair` rewrites
//! from the org index; re-running the same command also converges, because
//! every plan compares the integration row with the truth and rewrites it.
//! Every update is conditional (ETag or insert-if-absent); a lost race re-reads
//! and re-plans, up to [`MAX_ATTEMPTS`] times, then reports a conflict.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value as Json;

use super::entity::{
    Index, ORG_PARTITION, mapping_from_entity, mapping_row_defects, mapping_to_entity,
    org_from_entity, org_row_defects, org_to_entity,
};
use super::history as history_rows;
use super::{
    Entity, INTEGRATION_INDEX, ORG_INDEX, ORGANIZATIONS, Query, StoreError, TableBackend,
    TableWrite, WriteOp,
};
use crate::error::{Error, Result};
use crate::model::{self, Mapping, Org};

pub const MAX_ATTEMPTS: usize = 5;

pub struct Repo {
    backend: Arc<dyn TableBackend>,
    actor: String,
    clock: fn() -> String,
    /// The command that writes, for the history (`map`, `apply`, ...).
    command: String,
}

fn describe(m: &Mapping) -> String {
    let name = if m.external_org_name.is_empty() {
        String::new()
    } else {
        format!(" ({})", m.external_org_name)
    };
    format!("{}{name}, mapping id {}", m.external_org_id, m.mapping_id)
}

impl Repo {
    /// A repository over `backend`; every row it writes passes the mask.
    pub fn new(backend: Arc<dyn TableBackend>, actor: impl Into<String>) -> Self {
        Repo {
            backend: super::masked::Masked::wrap(backend),
            actor: actor.into(),
            clock: model::now_timestamp,
            command: "mapctl".to_owned(),
        }
    }

    /// Names the command in the history rows this repository writes.
    pub fn with_command(mut self, command: impl Into<String>) -> Self {
        self.command = command.into();
        self
    }

    /// Now, by this repository's actor.
    fn stamp<'a>(&'a self, now: &'a str) -> plan::Stamp<'a> {
        plan::Stamp {
            now,
            actor: &self.actor,
        }
    }

    /// Fixes the clock (tests).
    pub fn with_clock(mut self, clock: fn() -> String) -> Self {
        self.clock = clock;
        self
    }

    pub fn backend(&self) -> &Arc<dyn TableBackend> {
        &self.backend
    }

    // ---- reading mappings -------------------------------------------------

    /// The org-index rows of one org for one integration, decoded. The RowKey
    /// prefix only narrows the query (`halopsa_` also matches `halopsa_eu_…`);
    /// the IntegrationName property decides.
    async fn org_rows(&self, org_id: &str, integration: &str) -> Result<Vec<(Mapping, Entity)>> {
        let q = Query::partition(org_id).with_prefix(format!("{integration}_"));
        let mut out = Vec::new();
        for e in self.backend.query(ORG_INDEX, &q).await? {
            let m = mapping_from_entity(&e, Index::Org)?;
            if m.integration_name == integration {
                out.push((m, e));
            }
        }
        Ok(out)
    }

    async fn int_row(&self, m: &Mapping) -> Result<Option<Entity>> {
        let (pk, rk) = Index::Integration.keys(m);
        Ok(self.backend.get(INTEGRATION_INDEX, &pk, &rk).await?)
    }

    /// Mappings, newest rules of §4: `--org` is one partition query on the org
    /// index, `--integration` alone one on the integration index.
    pub async fn list(
        &self,
        org: Option<&Org>,
        integration: Option<&str>,
        include_inactive: bool,
    ) -> Result<Vec<Mapping>> {
        let mut mappings = Vec::new();
        match (org, integration) {
            (Some(org), Some(integration)) => {
                mappings.extend(
                    self.org_rows(&org.org_id, integration)
                        .await?
                        .into_iter()
                        .map(|(m, _)| m),
                );
            }
            (Some(org), None) => {
                for e in self
                    .backend
                    .query(ORG_INDEX, &Query::partition(&org.org_id))
                    .await?
                {
                    mappings.push(mapping_from_entity(&e, Index::Org)?);
                }
            }
            (None, Some(integration)) => {
                for e in self
                    .backend
                    .query(INTEGRATION_INDEX, &Query::partition(integration))
                    .await?
                {
                    let m = mapping_from_entity(&e, Index::Integration)?;
                    if m.integration_name == integration {
                        mappings.push(m);
                    }
                }
            }
            (None, None) => {
                for e in self.backend.query(ORG_INDEX, &Query::all()).await? {
                    mappings.push(mapping_from_entity(&e, Index::Org)?);
                }
            }
        }
        mappings.retain(|m| include_inactive || m.is_active);
        let names = match org {
            Some(o) => HashMap::from([(o.org_id.clone(), o.name.clone())]),
            None => self.org_names().await?,
        };
        for m in &mut mappings {
            m.org_name = names.get(&m.org_id).cloned();
        }
        mappings.sort_by(|a, b| {
            let key = |m: &Mapping| {
                (
                    m.org_name.clone().unwrap_or_default().to_lowercase(),
                    m.org_id.clone(),
                    m.integration_name.clone(),
                    m.external_org_name.to_lowercase(),
                    m.external_org_id.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
        Ok(mappings)
    }

    /// Exactly one active mapping (the workflow `get_integration_mapping` semantics).
    pub async fn get(
        &self,
        org: &Org,
        integration: &str,
        mapping_id: Option<&str>,
    ) -> Result<Mapping, RepoError> {
        let active: Vec<Mapping> = self
            .org_rows(&org.org_id, integration)
            .await?
            .into_iter()
            .map(|(m, _)| m)
            .filter(|m| m.is_active && mapping_id.is_none_or(|id| m.mapping_id == id))
            .collect();
        match active.as_slice() {
            [one] => {
                let mut m = one.clone();
                m.org_name = Some(org.name.clone());
                Ok(m)
            }
            [] => Err(match mapping_id {
                Some(id) => Error::not_found(format!(
                    "{} has no active {integration} mapping with id {id}",
                    org.name
                )),
                None => Error::not_found(format!("{} has no active {integration} mapping", org.name)),
            }
            .with_hint(format!(
                "run `mapctl list --org {} --all` to see its mappings, or `mapctl map` to create one",
                org.org_id
            ))
            .into()),
            many => Err(Refusal::SeveralToGet {
                org: org.name.clone(),
                integration: integration.to_owned(),
                mappings: many.iter().map(describe).collect(),
            }
            .into()),
        }
    }
}

pub mod apply;
mod commit;
mod contention;
mod doctor;
mod ignore;
pub mod import;
mod map;
mod orgs;
pub mod plan;
mod refusal;

use commit::*;
pub use doctor::{RowProblem, RowProblemKind};
pub use map::{MapConflicts, MapOutcome, MapRequest, MapStatus, OnExisting, UnmapSelector};
pub use refusal::{Refusal, RepoError};
pub mod history;

#[cfg(test)]
mod tests;
