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

use std::collections::{BTreeMap, HashMap};
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

/// What to do when the org already has an active mapping for the integration
/// to a different external org.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnExisting {
    Refuse,
    /// Soft-delete the old mapping(s).
    Replace,
    /// Keep both (several Microsoft 365 tenants for one org).
    Add,
}

#[derive(Debug, Clone)]
pub struct MapRequest {
    pub org: Org,
    pub integration: String,
    pub external_org_id: String,
    /// None keeps what is stored (or empty for a new mapping).
    pub external_org_name: Option<String>,
    /// None keeps what is stored (or `{}` for a new mapping).
    pub mapping_data: Option<Json>,
    pub on_existing: OnExisting,
    pub allow_shared: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MapStatus {
    Created,
    Reactivated,
    Updated,
    Unchanged,
}

#[derive(Debug, Clone)]
pub struct MapOutcome {
    pub mapping: Mapping,
    pub status: MapStatus,
    /// Mappings soft-deleted by `OnExisting::Replace`.
    pub replaced: Vec<Mapping>,
}

/// See [`Repo::map_conflicts`].
#[derive(Debug, Clone)]
pub struct MapConflicts {
    pub already_active: bool,
    pub others: Vec<Mapping>,
    pub shared_with: Vec<String>,
}

/// The rows `map` decides on.
struct MapState {
    org_id: String,
    external_org_id: String,
    wanted_id: String,
    /// The org's org-index rows for the integration.
    org_rows: Vec<(Mapping, Entity)>,
    /// Every integration-index row of the external org.
    same_external: Vec<(Mapping, Entity)>,
}

impl MapState {
    /// The triple's row, matched by property (rows of others with a v4 id
    /// count too); where several exist, the active one, then ours.
    fn existing(&self) -> Option<&(Mapping, Entity)> {
        self.org_rows
            .iter()
            .filter(|(m, _)| m.external_org_id == self.external_org_id)
            .max_by_key(|(m, _)| (m.is_active, m.mapping_id == self.wanted_id))
    }

    /// The org's other active mappings of the integration.
    fn others(&self) -> Vec<&(Mapping, Entity)> {
        self.org_rows
            .iter()
            .filter(|(m, _)| m.is_active && m.external_org_id != self.external_org_id)
            .collect()
    }

    /// Active mappings of the external org to other MSP orgs.
    fn sharers(&self) -> Vec<&Mapping> {
        self.same_external
            .iter()
            .map(|(m, _)| m)
            .filter(|m| m.is_active && m.org_id != self.org_id)
            .collect()
    }
}

/// Which of an org's mappings for one integration `unmap` acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnmapSelector {
    /// The only one; several is a conflict.
    Only,
    ExternalId(String),
    MappingId(String),
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowProblemKind {
    /// An org-index row with no integration-index row.
    MissingInIntegrationIndex,
    /// An integration-index row with no org-index row.
    OrphanInIntegrationIndex,
    /// Both rows exist but disagree.
    Diverging,
    /// A row mapctl cannot read (no MappingId, ...): fix by hand.
    Malformed,
}

impl RowProblemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RowProblemKind::MissingInIntegrationIndex => "missing_in_integration_index",
            RowProblemKind::OrphanInIntegrationIndex => "orphan_in_integration_index",
            RowProblemKind::Diverging => "diverging",
            RowProblemKind::Malformed => "malformed",
        }
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct RowProblem {
    pub kind: RowProblemKind,
    pub table: &'static str,
    pub partition_key: String,
    pub row_key: String,
    pub mapping_id: Option<String>,
    pub detail: String,
    /// The org-index keys to rebuild the integration row from (None: not repairable).
    #[serde(skip)]
    repair_from: Option<(String, String)>,
}

/// One mapping's change: the rows as read (with ETags) and the wanted state.
struct Change {
    org_row: Option<Entity>,
    int_row: Option<Entity>,
    /// None purges both rows.
    after: Option<Mapping>,
    /// The org row is already as wanted: only the integration row may need a write.
    org_row_current: bool,
}

enum Commit {
    Done,
    Raced,
}

pub struct Repo {
    backend: Arc<dyn TableBackend>,
    actor: String,
    clock: fn() -> String,
    /// The command that writes, for the history (`map`, `apply`, ...).
    command: String,
}

fn race_error(e: &StoreError) -> bool {
    matches!(
        e,
        StoreError::AlreadyExists | StoreError::PreconditionFailed | StoreError::NotFound
    )
}

fn lost_race() -> Error {
    Error::conflict(format!(
        "the same mappings kept changing under this command ({MAX_ATTEMPTS} attempts)"
    ))
    .with_hint("another process is writing them; run the command again")
}

/// The integration-index row that mirrors an org-index row.
fn mirror(org_row: &Entity, m: &Mapping) -> Entity {
    let (pk, rk) = Index::Integration.keys(m);
    let mut e = Entity {
        partition_key: pk,
        row_key: rk,
        etag: None,
        properties: org_row.properties.clone(),
    };
    // Rows of other writers may lean on their partition key for these.
    e.set("MappingId", m.mapping_id.as_str());
    e.set("OrgId", m.org_id.as_str());
    e.set("IntegrationName", m.integration_name.as_str());
    e
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
    pub fn new(backend: Arc<dyn TableBackend>, actor: impl Into<String>) -> Self {
        Repo {
            backend,
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

    /// The history row of a change, written after its index rows.
    fn history_write(&self, change: &Change) -> Option<TableWrite> {
        let before = change
            .org_row
            .as_ref()
            .and_then(|e| mapping_from_entity(e, Index::Org).ok());
        history_rows::write_for(
            before.as_ref(),
            change.after.as_ref(),
            &(self.clock)(),
            &self.actor,
            &self.command,
        )
    }

    /// A new, active mapping with the deterministic id, stamped now by our actor.
    fn fresh_mapping(
        &self,
        org_id: &str,
        integration: &str,
        external_org_id: &str,
        name: Option<String>,
        data: Option<Json>,
        now: &str,
    ) -> Mapping {
        Mapping {
            mapping_id: model::mapping_id(org_id, integration, external_org_id),
            org_id: org_id.to_owned(),
            org_name: None,
            integration_name: integration.to_owned(),
            external_org_id: external_org_id.to_owned(),
            external_org_name: name.unwrap_or_default(),
            mapping_data: data.unwrap_or_else(|| Json::Object(Default::default())),
            is_active: true,
            created_at: now.to_owned(),
            created_by: self.actor.clone(),
            updated_at: now.to_owned(),
            updated_by: None,
            last_tested_at: None,
            last_test_result: None,
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

    // ---- organizations ----------------------------------------------------

    pub async fn list_orgs(&self, include_inactive: bool) -> Result<Vec<Org>> {
        let rows = self
            .backend
            .query(ORGANIZATIONS, &Query::partition(ORG_PARTITION))
            .await?;
        let mut orgs: Vec<Org> = rows
            .iter()
            .map(org_from_entity)
            .filter(|o| include_inactive || o.is_active)
            .collect();
        orgs.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then_with(|| a.org_id.cmp(&b.org_id))
        });
        Ok(orgs)
    }

    /// Adds an org; returns it and whether it was created (false: it already
    /// existed with this id, name and tenant).
    pub async fn add_org(
        &self,
        name: &str,
        id: Option<&str>,
        tenant_id: Option<&str>,
    ) -> Result<(Org, bool)> {
        model::validate_name("org name", name, false)?;
        let org_id = match id {
            Some(id) => {
                model::validate_org_id(id)?;
                id.to_owned()
            }
            None => uuid::Uuid::new_v4().hyphenated().to_string(),
        };
        let tenant_id = tenant_id.map(model::validate_tenant_id).transpose()?;
        let existing = self.list_orgs(true).await?;
        if let Some(o) = existing.iter().find(|o| o.org_id == org_id) {
            // Adding an org exactly as it is, is a no-op: scripts can re-run.
            if id.is_some() && o.name == name && o.tenant_id == tenant_id && o.is_active {
                return Ok((o.clone(), false));
            }
            return Err(Error::conflict(format!(
                "an org with id {org_id} already exists ({:?})",
                o.name
            ))
            .with_hint("choose another --id, or leave it out to get a new GUID"));
        }
        if let Some(o) = existing
            .iter()
            .find(|o| o.is_active && o.name.to_lowercase() == name.to_lowercase())
        {
            return Err(Error::conflict(format!(
                "an org named {:?} already exists (id {})",
                o.name, o.org_id
            ))
            .with_hint(
                "org names must be unique so that commands can name them; pick another name",
            ));
        }
        let now = (self.clock)();
        let org = Org {
            org_id,
            name: name.to_owned(),
            tenant_id,
            is_active: true,
            created_at: now.clone(),
            updated_at: now,
            created_by: self.actor.clone(),
        };
        match self
            .backend
            .write(ORGANIZATIONS, WriteOp::Insert(org_to_entity(&org)))
            .await
        {
            Err(StoreError::AlreadyExists) => Err(Error::conflict(format!(
                "an org with id {} was created at the same time",
                org.org_id
            ))
            .with_hint("run `mapctl orgs list` to see it")),
            other => other.map(|_| (org, true)).map_err(Error::from),
        }
    }

    /// An org by id or by name (case-insensitive exact), among active orgs.
    pub async fn resolve_org(&self, text: &str) -> Result<Org> {
        let orgs = self.list_orgs(true).await?;
        Self::resolve_in(&orgs, text)
    }

    pub fn resolve_in(orgs: &[Org], text: &str) -> Result<Org> {
        if let Some(o) = orgs.iter().find(|o| o.org_id == text) {
            if !o.is_active {
                return Err(Error::not_found(format!(
                    "org {:?} ({}) is inactive",
                    o.name, o.org_id
                ))
                .with_hint("reactivate it in the Organizations table, or pick an active org"));
            }
            return Ok(o.clone());
        }
        let wanted = text.to_lowercase();
        let matches: Vec<&Org> = orgs
            .iter()
            .filter(|o| o.is_active && o.name.to_lowercase() == wanted)
            .collect();
        match matches.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(Error::not_found(format!("no org has the id or name {text:?}"))
                .with_hint("run `mapctl orgs list` to see the orgs, or `mapctl orgs add --name NAME` to add one")),
            many => Err(Error::conflict(format!(
                "the name {text:?} matches {} orgs: {}",
                many.len(),
                many.iter()
                    .map(|o| format!("{} ({})", o.name, o.org_id))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .with_hint("name the org by its id instead")),
        }
    }

    async fn org_names(&self) -> Result<HashMap<String, String>> {
        Ok(self
            .list_orgs(true)
            .await?
            .into_iter()
            .map(|o| (o.org_id, o.name))
            .collect())
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
    ) -> Result<Mapping> {
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
            ))),
            many => Err(Error::conflict(format!(
                "{} has {} active {integration} mappings: {}",
                org.name,
                many.len(),
                many.iter().map(describe).collect::<Vec<_>>().join("; ")
            ))
            .with_hint("pass --mapping-id ID to pick one")),
        }
    }

    // ---- writing mappings -------------------------------------------------

    pub async fn map(&self, req: &MapRequest) -> Result<MapOutcome> {
        model::validate_integration_name(&req.integration)?;
        model::validate_external_org_id(&req.external_org_id)?;
        if let Some(name) = &req.external_org_name {
            model::validate_external_org_name(name)?;
        }
        if let Some(data) = &req.mapping_data {
            match data {
                Json::Object(map) => model::check_mapping_data_size(map)?,
                _ => return Err(Error::invalid("mapping data must be a JSON object")),
            }
        }
        self.map_holding_rules(req).await
    }

    /// One plan and commit of `map`, re-planned when a row changed under it.
    async fn map_once(&self, req: &MapRequest) -> Result<MapOutcome> {
        for _ in 0..MAX_ATTEMPTS {
            let (outcome, changes) = self.plan_map(req).await?;
            if let Commit::Done = self.commit(changes).await? {
                return Ok(outcome);
            }
        }
        Err(lost_race())
    }

    /// What `map` of this triple would have to decide, for asking first (a
    /// terminal): whether the triple is already active, the org's other
    /// active mappings of the integration, and the other orgs (labels) that
    /// share the external org. Computed by the same rules `map` applies.
    pub async fn map_conflicts(
        &self,
        org_id: &str,
        integration: &str,
        external_org_id: &str,
    ) -> Result<MapConflicts> {
        let state = self.map_state(org_id, integration, external_org_id).await?;
        let shared = state.sharers();
        Ok(MapConflicts {
            already_active: state.existing().is_some_and(|(m, _)| m.is_active),
            others: state.others().into_iter().map(|(m, _)| m.clone()).collect(),
            shared_with: self.org_labels(&shared).await?,
        })
    }

    /// Both reads of `map`, at once: one round trip instead of two on a
    /// remote store. The second finds every row of this external org in the
    /// integration index: the shared-org check, and our own integration row.
    async fn map_state(
        &self,
        org_id: &str,
        integration: &str,
        external_org_id: &str,
    ) -> Result<MapState> {
        let same_external_query =
            Query::partition(integration).with_equals("ExternalOrgId", external_org_id);
        let (rows, same_external) = futures_util::future::join(
            self.org_rows(org_id, integration),
            self.backend.query(INTEGRATION_INDEX, &same_external_query),
        )
        .await;
        Ok(MapState {
            org_id: org_id.to_owned(),
            external_org_id: external_org_id.to_owned(),
            wanted_id: model::mapping_id(org_id, integration, external_org_id),
            org_rows: rows?,
            same_external: same_external?
                .into_iter()
                .filter_map(|e| {
                    mapping_from_entity(&e, Index::Integration)
                        .ok()
                        .map(|m| (m, e))
                })
                .collect(),
        })
    }

    /// "Name (id)" of each mapping's org, for messages and questions.
    async fn org_labels(&self, mappings: &[&Mapping]) -> Result<Vec<String>> {
        if mappings.is_empty() {
            return Ok(Vec::new());
        }
        let names = self.org_names().await?;
        Ok(mappings
            .iter()
            .map(|m| match names.get(&m.org_id) {
                Some(n) => format!("{n} ({})", m.org_id),
                None => m.org_id.clone(),
            })
            .collect())
    }

    async fn plan_map(&self, req: &MapRequest) -> Result<(MapOutcome, Vec<Change>)> {
        let org_id = &req.org.org_id;
        let state = self
            .map_state(org_id, &req.integration, &req.external_org_id)
            .await?;
        let same_external = &state.same_external;
        let existing = state.existing();

        let now = (self.clock)();
        let (after, org_row, status) = match existing {
            Some((m, e)) => {
                let mut after = m.clone();
                if let Some(name) = &req.external_org_name {
                    after.external_org_name = name.clone();
                }
                if let Some(data) = &req.mapping_data {
                    after.mapping_data = data.clone();
                }
                let status = if !m.is_active {
                    after.is_active = true;
                    MapStatus::Reactivated
                } else if after != *m {
                    MapStatus::Updated
                } else {
                    MapStatus::Unchanged
                };
                if status != MapStatus::Unchanged {
                    after.updated_at = now.clone();
                    after.updated_by = Some(self.actor.clone());
                }
                (after, Some(e.clone()), status)
            }
            None => (
                self.fresh_mapping(
                    &req.org.org_id,
                    &req.integration,
                    &req.external_org_id,
                    req.external_org_name.clone(),
                    req.mapping_data.clone(),
                    &now,
                ),
                None,
                MapStatus::Created,
            ),
        };

        let mut changes = Vec::new();
        let mut replaced = Vec::new();
        let becomes_active = matches!(status, MapStatus::Created | MapStatus::Reactivated);
        if becomes_active {
            let others = state.others();
            if !others.is_empty() {
                match req.on_existing {
                    OnExisting::Refuse => {
                        return Err(Error::conflict(format!(
                            "{} is already mapped in {} to {}",
                            req.org.name,
                            req.integration,
                            others
                                .iter()
                                .map(|(m, _)| describe(m))
                                .collect::<Vec<_>>()
                                .join("; ")
                        ))
                        .with_hint(
                            "pass --replace to soft-delete the old mapping, or --add to keep both",
                        ));
                    }
                    OnExisting::Add => {}
                    OnExisting::Replace => {
                        for (m, e) in others {
                            let mut old = m.clone();
                            old.is_active = false;
                            old.updated_at = now.clone();
                            old.updated_by = Some(self.actor.clone());
                            changes.push(Change {
                                int_row: self.int_row(m).await?,
                                org_row: Some(e.clone()),
                                after: Some(old.clone()),
                                org_row_current: false,
                            });
                            replaced.push(old);
                        }
                    }
                }
            }
            let shared = state.sharers();
            if !shared.is_empty() && !req.allow_shared {
                let owners = self.org_labels(&shared).await?;
                return Err(Error::conflict(format!(
                    "external org {} of {} is already mapped to {}",
                    req.external_org_id,
                    req.integration,
                    owners.join(", ")
                ))
                .with_hint(
                    "pass --allow-shared to map it to this org as well, or unmap it there first",
                ));
            }
        }

        let int_row = same_external
            .iter()
            .find(|(m, _)| m.org_id == *org_id && m.mapping_id == after.mapping_id)
            .map(|(_, e)| e.clone());
        changes.push(Change {
            org_row,
            int_row,
            after: Some(after.clone()),
            org_row_current: status == MapStatus::Unchanged,
        });
        let mut mapping = after;
        mapping.org_name = Some(req.org.name.clone());
        for m in &mut replaced {
            m.org_name = Some(req.org.name.clone());
        }
        Ok((
            MapOutcome {
                mapping,
                status,
                replaced,
            },
            changes,
        ))
    }

    /// The mappings `unmap` would act on (for confirmation before acting).
    pub async fn unmap_targets(
        &self,
        org: &Org,
        integration: &str,
        selector: &UnmapSelector,
        purge: bool,
    ) -> Result<Vec<Mapping>> {
        let rows = self.org_rows(&org.org_id, integration).await?;
        Ok(Self::select(org, integration, &rows, selector, purge)?
            .into_iter()
            .map(|(m, _)| {
                let mut m = m.clone();
                m.org_name = Some(org.name.clone());
                m
            })
            .collect())
    }

    fn select<'a>(
        org: &Org,
        integration: &str,
        rows: &'a [(Mapping, Entity)],
        selector: &UnmapSelector,
        purge: bool,
    ) -> Result<Vec<&'a (Mapping, Entity)>> {
        // A soft delete acts on active mappings; a purge may remove inactive ones too.
        let candidates: Vec<&(Mapping, Entity)> =
            rows.iter().filter(|(m, _)| purge || m.is_active).collect();
        let picked: Vec<&(Mapping, Entity)> = match selector {
            UnmapSelector::ExternalId(id) => candidates
                .into_iter()
                .filter(|(m, _)| &m.external_org_id == id)
                .collect(),
            UnmapSelector::MappingId(id) => candidates
                .into_iter()
                .filter(|(m, _)| &m.mapping_id == id)
                .collect(),
            UnmapSelector::All | UnmapSelector::Only => candidates,
        };
        if picked.is_empty() {
            let which = match selector {
                UnmapSelector::ExternalId(id) => format!(" to external org {id}"),
                UnmapSelector::MappingId(id) => format!(" with mapping id {id}"),
                _ => String::new(),
            };
            let state = if purge { "" } else { "active " };
            return Err(Error::not_found(format!(
                "{} has no {state}{integration} mapping{which}",
                org.name
            ))
            .with_hint(format!(
                "run `mapctl list --org {} --all` to see its mappings",
                org.org_id
            )));
        }
        if *selector == UnmapSelector::Only && picked.len() > 1 {
            return Err(Error::conflict(format!(
                "{} has {} {integration} mappings: {}",
                org.name,
                picked.len(),
                picked
                    .iter()
                    .map(|(m, _)| describe(m))
                    .collect::<Vec<_>>()
                    .join("; ")
            ))
            .with_hint("pass --external-id ID or --mapping-id ID to pick one, or --all"));
        }
        Ok(picked)
    }

    /// Soft-deletes (or with `purge` removes both rows of) the selected mappings.
    pub async fn unmap(
        &self,
        org: &Org,
        integration: &str,
        selector: &UnmapSelector,
        purge: bool,
    ) -> Result<Vec<Mapping>> {
        for _ in 0..MAX_ATTEMPTS {
            let rows = self.org_rows(&org.org_id, integration).await?;
            let picked = Self::select(org, integration, &rows, selector, purge)?;
            let now = (self.clock)();
            let mut changes = Vec::new();
            let mut done = Vec::new();
            for (m, e) in picked {
                let after = (!purge).then(|| {
                    let mut old = m.clone();
                    old.is_active = false;
                    old.updated_at = now.clone();
                    old.updated_by = Some(self.actor.clone());
                    old
                });
                changes.push(Change {
                    int_row: self.int_row(m).await?,
                    org_row: Some(e.clone()),
                    after: after.clone(),
                    org_row_current: false,
                });
                let mut shown = after.unwrap_or_else(|| m.clone());
                shown.org_name = Some(org.name.clone());
                done.push(shown);
            }
            if let Commit::Done = self.commit(changes).await? {
                return Ok(done);
            }
        }
        Err(lost_race())
    }

    /// Records a connection test on both rows of a mapping (LastTestedAt,
    /// LastTestResult); UpdatedAt stays, a test is not a change of the mapping.
    pub async fn record_test(&self, mapping: &Mapping, result: &str) -> Result<()> {
        for _ in 0..MAX_ATTEMPTS {
            let rows = self
                .org_rows(&mapping.org_id, &mapping.integration_name)
                .await?;
            let Some((m, e)) = rows
                .iter()
                .find(|(m, _)| m.mapping_id == mapping.mapping_id)
            else {
                return Err(Error::not_found(format!(
                    "mapping {} is gone",
                    mapping.mapping_id
                )));
            };
            let mut after = m.clone();
            after.last_tested_at = Some((self.clock)());
            after.last_test_result = Some(result.to_owned());
            let change = Change {
                int_row: self.int_row(m).await?,
                org_row: Some(e.clone()),
                after: Some(after),
                org_row_current: false,
            };
            if let Commit::Done = self.commit(vec![change]).await? {
                return Ok(());
            }
        }
        Err(lost_race())
    }

    /// The writes of one change, org row first.
    fn writes(change: &Change) -> Vec<TableWrite> {
        let new_org_row = change.after.as_ref().map(|m| {
            if change.org_row_current {
                change.org_row.clone().expect("a current org row exists")
            } else {
                mapping_to_entity(m, Index::Org, change.org_row.as_ref())
            }
        });
        let new_int_row = match (&new_org_row, &change.after) {
            (Some(row), Some(m)) => Some(mirror(row, m)),
            _ => None,
        };
        let mut out = Vec::new();
        if !change.org_row_current {
            out.extend(
                transition(new_org_row, change.org_row.as_ref()).map(|op| TableWrite {
                    table: ORG_INDEX,
                    op,
                }),
            );
        }
        out.extend(
            transition(new_int_row, change.int_row.as_ref()).map(|op| TableWrite {
                table: INTEGRATION_INDEX,
                op,
            }),
        );
        out
    }

    /// Applies the changes in order. A lost race on an org row means the plan
    /// is stale (re-plan); on an integration row the truth is already written,
    /// so that row is rebuilt from the org index and the rest goes on.
    async fn commit(&self, changes: Vec<Change>) -> Result<Commit> {
        for change in &changes {
            let mut writes = Self::writes(change);
            if writes.is_empty() {
                continue;
            }
            if writes.iter().any(|w| w.table == ORG_INDEX)
                && let Some(h) = self.history_write(change)
            {
                writes.push(h);
            }
            let int_write_at = writes.iter().position(|w| w.table == INTEGRATION_INDEX);
            match self.backend.write_in_order(writes).await {
                Ok(()) => {}
                Err(p) if !race_error(&p.error) => return Err(p.error.into()),
                Err(p) if Some(p.applied) == int_write_at && p.applied > 0 => {
                    let (pk, rk) = match (&change.after, &change.org_row) {
                        (Some(m), _) => Index::Org.keys(m),
                        (None, Some(e)) => (e.partition_key.clone(), e.row_key.clone()),
                        (None, None) => unreachable!("a change without rows writes nothing"),
                    };
                    self.sync_integration_row(&pk, &rk, change.int_row.as_ref())
                        .await?;
                    // The truth was written: so is its history row.
                    if let Some(h) = self.history_write(change) {
                        self.backend.write(h.table, h.op).await?;
                    }
                }
                Err(_) => return Ok(Commit::Raced),
            }
        }
        Ok(Commit::Done)
    }

    /// Makes the integration-index row of one org-index row agree with it:
    /// written from the org row when it exists, deleted when it does not.
    /// `int_hint` is the integration row's last known state, used to find it
    /// when the org row is gone.
    async fn sync_integration_row(
        &self,
        org_pk: &str,
        org_rk: &str,
        int_hint: Option<&Entity>,
    ) -> Result<()> {
        for _ in 0..MAX_ATTEMPTS {
            let truth = self.backend.get(ORG_INDEX, org_pk, org_rk).await?;
            let (int_pk, int_rk, after) = match &truth {
                Some(row) => {
                    let m = mapping_from_entity(row, Index::Org)?;
                    let (pk, rk) = Index::Integration.keys(&m);
                    (pk, rk, Some(m))
                }
                None => match int_hint {
                    Some(e) => (e.partition_key.clone(), e.row_key.clone(), None),
                    None => return Ok(()),
                },
            };
            let int_row = self
                .backend
                .get(INTEGRATION_INDEX, &int_pk, &int_rk)
                .await?;
            let change = Change {
                org_row: truth,
                int_row,
                after,
                org_row_current: true,
            };
            match self.backend.write_in_order(Self::writes(&change)).await {
                Ok(()) => return Ok(()),
                Err(p) if race_error(&p.error) => continue,
                Err(p) => return Err(p.error.into()),
            }
        }
        Err(lost_race())
    }

    // ---- consistency ------------------------------------------------------

    /// Compares both indexes row by row.
    pub async fn check_indexes(&self) -> Result<Vec<RowProblem>> {
        let org_rows = self.backend.query(ORG_INDEX, &Query::all()).await?;
        let mut int_rows: BTreeMap<(String, String), Entity> = self
            .backend
            .query(INTEGRATION_INDEX, &Query::all())
            .await?
            .into_iter()
            .map(|e| ((e.partition_key.clone(), e.row_key.clone()), e))
            .collect();
        let mut problems = Vec::new();
        let problem =
            |kind, table, e: &Entity, mapping_id: Option<String>, detail: String, repair_from| {
                RowProblem {
                    kind,
                    table,
                    partition_key: e.partition_key.clone(),
                    row_key: e.row_key.clone(),
                    mapping_id,
                    detail,
                    repair_from,
                }
            };
        let orgs = self
            .backend
            .query(ORGANIZATIONS, &Query::partition(ORG_PARTITION))
            .await?;
        for org in &orgs {
            for defect in org_row_defects(org) {
                problems.push(problem(
                    RowProblemKind::Malformed,
                    ORGANIZATIONS,
                    org,
                    None,
                    defect,
                    None,
                ));
            }
        }
        for row in &org_rows {
            for defect in mapping_row_defects(row) {
                problems.push(problem(
                    RowProblemKind::Malformed,
                    ORG_INDEX,
                    row,
                    row.str("MappingId").map(str::to_owned),
                    defect,
                    None,
                ));
            }
            let m = match mapping_from_entity(row, Index::Org) {
                Ok(m) => m,
                Err(e) => {
                    problems.push(problem(
                        RowProblemKind::Malformed,
                        ORG_INDEX,
                        row,
                        None,
                        e.message,
                        None,
                    ));
                    continue;
                }
            };
            let keys = (row.partition_key.clone(), row.row_key.clone());
            match int_rows.remove(&Index::Integration.keys(&m)) {
                None => problems.push(problem(
                    RowProblemKind::MissingInIntegrationIndex,
                    ORG_INDEX,
                    row,
                    Some(m.mapping_id.clone()),
                    format!(
                        "{} {} has no row in {INTEGRATION_INDEX}",
                        m.integration_name,
                        describe(&m)
                    ),
                    Some(keys),
                )),
                Some(int) => {
                    let differs = match mapping_from_entity(&int, Index::Integration) {
                        Ok(other) => mapping_differences(&m, &other),
                        Err(e) => vec![e.message],
                    };
                    if !differs.is_empty() {
                        problems.push(problem(
                            RowProblemKind::Diverging,
                            INTEGRATION_INDEX,
                            &int,
                            Some(m.mapping_id.clone()),
                            format!("differs from the org index in {}", differs.join(", ")),
                            Some(keys),
                        ));
                    }
                }
            }
        }
        for int in int_rows.values() {
            match mapping_from_entity(int, Index::Integration) {
                Ok(m) => problems.push(problem(
                    RowProblemKind::OrphanInIntegrationIndex,
                    INTEGRATION_INDEX,
                    int,
                    Some(m.mapping_id.clone()),
                    format!(
                        "{} {} has no row in {ORG_INDEX}",
                        m.integration_name,
                        describe(&m)
                    ),
                    Some(Index::Org.keys(&m)),
                )),
                Err(e) => problems.push(problem(
                    RowProblemKind::Malformed,
                    INTEGRATION_INDEX,
                    int,
                    None,
                    e.message,
                    None,
                )),
            }
        }
        Ok(problems)
    }

    /// Rebuilds the integration index from the org index for every repairable
    /// problem; returns how many were repaired.
    pub async fn repair(&self, problems: &[RowProblem]) -> Result<usize> {
        let mut repaired = 0;
        for p in problems {
            let Some((pk, rk)) = &p.repair_from else {
                continue;
            };
            let hint =
                (p.table == INTEGRATION_INDEX).then(|| Entity::new(&p.partition_key, &p.row_key));
            self.sync_integration_row(pk, rk, hint.as_ref()).await?;
            repaired += 1;
        }
        Ok(repaired)
    }
}

/// The conditional write that turns the row `current` into `want` (None:
/// no row); nothing when they already agree.
fn transition(want: Option<Entity>, current: Option<&Entity>) -> Option<WriteOp> {
    let etag = |e: &Entity| e.etag.clone().unwrap_or_else(|| "*".into());
    match (want, current) {
        (Some(want), Some(cur)) if want.properties == cur.properties => None,
        (Some(want), Some(cur)) => Some(WriteOp::Replace {
            entity: want,
            if_match: etag(cur),
        }),
        (Some(want), None) => Some(WriteOp::Insert(want)),
        (None, Some(cur)) => Some(WriteOp::Delete {
            partition_key: cur.partition_key.clone(),
            row_key: cur.row_key.clone(),
            if_match: Some(etag(cur)),
        }),
        (None, None) => None,
    }
}

/// The names of the contract properties in which two decoded rows differ.
fn mapping_differences(a: &Mapping, b: &Mapping) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |name: &str, same: bool| {
        if !same {
            out.push(name.to_owned());
        }
    };
    check("MappingId", a.mapping_id == b.mapping_id);
    check("OrgId", a.org_id == b.org_id);
    check("IntegrationName", a.integration_name == b.integration_name);
    check("ExternalOrgId", a.external_org_id == b.external_org_id);
    check(
        "ExternalOrgName",
        a.external_org_name == b.external_org_name,
    );
    check("MappingData", a.mapping_data == b.mapping_data);
    check("IsActive", a.is_active == b.is_active);
    check("CreatedAt", a.created_at == b.created_at);
    check("UpdatedAt", a.updated_at == b.updated_at);
    check("CreatedBy", a.created_by == b.created_by);
    check("UpdatedBy", a.updated_by == b.updated_by);
    check("LastTestedAt", a.last_tested_at == b.last_tested_at);
    check("LastTestResult", a.last_test_result == b.last_test_result);
    out
}

pub mod apply;
mod contention;
pub mod history;

#[cfg(test)]
mod tests;
