//! The mapping core, above the store: the dual-index repository ([`Repo`])
//! and every mapping rule of contract §2, §4 and §7, written once for every
//! writer (map, unmap, apply, suggest, sync-names, import, ignore) and every
//! backend. It names no context, printer or command; the planners read
//! mappings with their [`Version`] (keys, ETag, other writers' properties),
//! and `suggest` and `status` are pure functions of a discovery and a
//! snapshot.
//!
//! Write order: the org-index row (the source of truth) is always written
//! first, with its history row, then the integration-index row, for
//! creates, updates and purges alike. A process killed in between leaves an
//! integration row that is missing, stale or orphaned, which `doctor`
//! reports and `doctor --repair` rewrites from the org index (writing a
//! history row the crash lost); re-running the same command also
//! converges, because every plan compares the integration row with the
//! truth and rewrites it.
//! Every update is conditional (ETag or insert-if-absent); a lost race re-reads
//! and re-plans, up to [`MAX_ATTEMPTS`] times, then reports a conflict.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value as Json;

use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::model::{self, ExternalOrgId, IntegrationName, Mapping, Org, OrgId};
use crate::store::entity::{
    Index, ORG_PARTITION, Version, mapping_from_entity, mapping_row_defects, mapping_to_entity,
    org_from_entity, org_row_defects, org_to_entity, row_at, versioned,
};
use crate::store::history as history_rows;
use crate::store::{
    Entity, INTEGRATION_INDEX, ORG_INDEX, ORGANIZATIONS, Query, StoreError, TableBackend,
    TableWrite, WriteOp,
};

pub(crate) const MAX_ATTEMPTS: usize = 5;

/// The read side of the store: mappings, orgs, ignore records and history,
/// each partition a command needs read once. Every write goes through a
/// [`Transaction`] started from it.
pub struct Repo {
    backend: Arc<dyn TableBackend>,
    clock: Arc<dyn Clock>,
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
    /// A repository over `backend`; every row written through it passes the mask.
    pub fn new(backend: Arc<dyn TableBackend>) -> Self {
        Repo {
            backend: crate::store::masked::Masked::wrap(backend),
            clock: Arc::new(crate::clock::SystemClock),
        }
    }

    /// Sets the clock of every timestamp and age (tests, `MAPCTL_NOW`).
    pub(crate) fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    pub fn backend(&self) -> &Arc<dyn TableBackend> {
        &self.backend
    }

    /// Now, as the tables store it.
    fn now(&self) -> String {
        self.clock.timestamp()
    }

    /// Starts the only way anything is written: a transaction by `actor`
    /// (`jane@msp`, `api:ci`) for `command` (named in the history rows).
    /// Its operations plan against the rules and commit; many may run at
    /// once, in one process or many.
    pub fn start_transaction(
        &self,
        actor: impl Into<String>,
        command: impl Into<String>,
    ) -> Transaction<'_> {
        Transaction {
            repo: self,
            actor: actor.into(),
            command: command.into(),
        }
    }

    // ---- reading mappings -------------------------------------------------

    /// The org-index rows of one org for one integration, decoded. The RowKey
    /// prefix only narrows the query (`halopsa_` also matches `halopsa_eu_…`);
    /// the IntegrationName property decides.
    async fn org_rows(&self, org_id: &str, integration: &str) -> Result<Vec<(Mapping, Version)>> {
        let q = Query::partition(org_id).with_prefix(format!("{integration}_"));
        let mut out = Vec::new();
        for e in self.backend.query(ORG_INDEX, &q).await? {
            let (m, v) = versioned(&e, Index::Org)?;
            if m.integration_name == integration {
                out.push((m, v));
            }
        }
        Ok(out)
    }

    /// The integration-index row of a mapping, read as a mapping and its
    /// version.
    async fn int_row(&self, m: &Mapping) -> Result<Option<(Mapping, Version)>> {
        let (pk, rk) = Index::Integration.keys(m);
        match self.backend.get(INTEGRATION_INDEX, &pk, &rk).await? {
            Some(e) => Ok(Some(versioned(&e, Index::Integration)?)),
            None => Ok(None),
        }
    }

    /// The org-index rows of one org, of one integration or all, decoded:
    /// one partition query.
    pub(crate) async fn mappings_of(
        &self,
        org_id: &str,
        integration: Option<&str>,
    ) -> Result<Vec<Mapping>> {
        match integration {
            Some(i) => Ok(self
                .org_rows(org_id, i)
                .await?
                .into_iter()
                .map(|(m, _)| m)
                .collect()),
            None => self
                .backend
                .query(ORG_INDEX, &Query::partition(org_id))
                .await?
                .iter()
                .map(|e| mapping_from_entity(e, Index::Org))
                .collect(),
        }
    }

    /// The org named by `text` (id or name) and its mappings (of one
    /// integration or all), read at once: one round trip by id.
    pub async fn org_and_mappings(
        &self,
        text: &str,
        integration: Option<&str>,
    ) -> Result<(Org, Vec<Mapping>)> {
        self.org_with(text, |id| async move {
            self.mappings_of(&id, integration).await
        })
        .await
    }

    /// Mappings, newest rules of §4: `--org` is one partition query on the org
    /// index, `--integration` alone one on the integration index (with the
    /// org names read at the same time).
    pub async fn list(
        &self,
        org: Option<&Org>,
        integration: Option<&str>,
        include_inactive: bool,
    ) -> Result<Vec<Mapping>> {
        let mappings = match (org, integration) {
            (Some(org), _) => self.mappings_of(&org.org_id, integration).await?,
            (None, Some(integration)) => {
                let (rows, names) = futures_util::future::join(
                    self.backend
                        .query(INTEGRATION_INDEX, &Query::partition(integration)),
                    self.org_names(),
                )
                .await;
                let mut mappings = Vec::new();
                for e in rows? {
                    let m = mapping_from_entity(&e, Index::Integration)?;
                    if m.integration_name == integration {
                        mappings.push(m);
                    }
                }
                return Ok(Self::listed(mappings, include_inactive, &names?));
            }
            (None, None) => {
                let (rows, names) = futures_util::future::join(
                    self.backend.query(ORG_INDEX, &Query::all()),
                    self.org_names(),
                )
                .await;
                let mappings = rows?
                    .iter()
                    .map(|e| mapping_from_entity(e, Index::Org))
                    .collect::<Result<Vec<_>>>()?;
                return Ok(Self::listed(mappings, include_inactive, &names?));
            }
        };
        let org = org.expect("the arms without an org returned");
        let names = HashMap::from([(org.org_id.to_string(), org.name.clone())]);
        Ok(Self::listed(mappings, include_inactive, &names))
    }

    /// The ids of the orgs an external org id is actively mapped from, in
    /// one integration or any: one filtered query of the integration index.
    pub async fn holders(
        &self,
        integration: Option<&str>,
        external_org_id: &str,
    ) -> Result<std::collections::HashSet<String>> {
        let query = integration
            .map_or_else(Query::all, Query::partition)
            .with_equals("ExternalOrgId", external_org_id);
        let mut held = std::collections::HashSet::new();
        for e in self.backend.query(INTEGRATION_INDEX, &query).await? {
            let m = mapping_from_entity(&e, Index::Integration)?;
            if m.is_active && m.external_org_id.as_str() == external_org_id {
                held.insert(m.org_id.to_string());
            }
        }
        Ok(held)
    }

    /// Mappings as `list` shows them: active ones unless asked, with their
    /// org names, sorted by org, integration and external name.
    pub fn listed(
        mut mappings: Vec<Mapping>,
        include_inactive: bool,
        names: &HashMap<String, String>,
    ) -> Vec<Mapping> {
        mappings.retain(|m| include_inactive || m.is_active);
        for m in &mut mappings {
            m.org_name = names.get(m.org_id.as_str()).cloned();
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
        mappings
    }

    /// Exactly one active mapping (the workflow `get_integration_mapping` semantics).
    pub async fn get(
        &self,
        org: &Org,
        integration: &str,
        mapping_id: Option<&str>,
    ) -> Result<Mapping, RepoError> {
        let rows = self.mappings_of(&org.org_id, Some(integration)).await?;
        Self::get_in(org, integration, &rows, mapping_id)
    }

    /// The org named by `text` and its one active mapping of `integration`
    /// (or the one `mapping_id` names), read at once: `get` without a
    /// terminal to pick from several (the API's and the UI's).
    pub async fn org_and_mapping(
        &self,
        text: &str,
        integration: &str,
        mapping_id: Option<&str>,
    ) -> Result<(Org, Mapping)> {
        let (org, rows) = self.org_and_mappings(text, Some(integration)).await?;
        let mapping = Self::get_in(&org, integration, &rows, mapping_id)?;
        Ok((org, mapping))
    }

    /// [`get`](Self::get) among the org's mappings already read.
    pub fn get_in(
        org: &Org,
        integration: &str,
        rows: &[Mapping],
        mapping_id: Option<&str>,
    ) -> Result<Mapping, RepoError> {
        let active: Vec<&Mapping> = rows
            .iter()
            .filter(|m| {
                m.integration_name == integration
                    && m.is_active
                    && mapping_id.is_none_or(|id| model::id_matches(&m.mapping_id, id))
            })
            .collect();
        match active.as_slice() {
            [one] => {
                let mut m = (*one).clone();
                m.org_name = Some(org.name.clone());
                Ok(m)
            }
            [] => Err(match mapping_id {
                Some(id) => Error::not_found(format!(
                    "{} has no active {integration} mapping with id {id}",
                    org.name
                )),
                None => {
                    Error::not_found(format!("{} has no active {integration} mapping", org.name))
                }
            }
            .with_remedy(crate::error::Remedy::ListMappingsOf {
                org_id: org.org_id.to_string(),
            })
            .into()),
            many => Err(Refusal::SeveralToGet {
                org: org.name.clone(),
                integration: integration.to_owned(),
                mappings: many.iter().map(|m| describe(m)).collect(),
            }
            .into()),
        }
    }
}

pub mod apply;
mod commit;
mod transaction;
pub use transaction::Transaction;
mod contention;
pub mod decisions;
pub mod discovered;
mod doctor;
mod ignore;
pub mod import;
mod map;
pub mod matrix;
mod orgs;
pub mod plan;
mod refusal;
mod remove_org;
pub mod rules;
pub mod status;
pub mod suggest;
pub mod tokens;
mod unmap;
mod update;

use commit::*;
pub use doctor::{RowProblem, RowProblemKind, StoreCheck, StoreWarning};
pub use map::{
    MapConflicts, MapOutcome, MapReads, MapRequest, MapStatus, OnExisting, UnmapSelector,
};
pub(crate) use refusal::{Refusal, RepoError};
pub mod history;

#[cfg(test)]
mod tests;
