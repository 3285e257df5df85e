//! `map`, `unmap` and test results: one mapping's change, planned from the
//! rows concerned and committed by [`Repo::commit`].

use super::*;

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
pub(super) struct MapState {
    pub(super) org_id: String,
    pub(super) external_org_id: String,
    pub(super) wanted_id: String,
    /// The org's org-index rows for the integration.
    pub(super) org_rows: Vec<(Mapping, Entity)>,
    /// Every integration-index row of the external org.
    pub(super) same_external: Vec<(Mapping, Entity)>,
}

impl MapState {
    /// The triple's row, matched by property (rows of others with a v4 id
    /// count too); where several exist, the active one, then ours.
    pub(super) fn existing(&self) -> Option<&(Mapping, Entity)> {
        self.org_rows
            .iter()
            .filter(|(m, _)| m.external_org_id == self.external_org_id)
            .max_by_key(|(m, _)| (m.is_active, m.mapping_id == self.wanted_id))
    }

    /// The org's other active mappings of the integration.
    pub(super) fn others(&self) -> Vec<&(Mapping, Entity)> {
        self.org_rows
            .iter()
            .filter(|(m, _)| m.is_active && m.external_org_id != self.external_org_id)
            .collect()
    }

    /// Active mappings of the external org to other MSP orgs.
    pub(super) fn sharers(&self) -> Vec<&Mapping> {
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

/// Why a mapping command refuses: a rule of contract §4. The command layer words it,
/// with the flags that waive the rule.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MappingError {
    /// The org has another active mapping for the integration.
    #[error("{org} is already mapped in {integration} to {}", others.join("; "))]
    AlreadyMapped {
        org: String,
        integration: String,
        others: Vec<String>,
    },
    /// `get` found several active mappings and was not told which.
    #[error("{org} has {} active {integration} mappings: {}", mappings.len(), mappings.join("; "))]
    SeveralToGet {
        org: String,
        integration: String,
        mappings: Vec<String>,
    },
    /// `unmap` found several mappings and was not told which.
    #[error("{org} has {} {integration} mappings: {}", mappings.len(), mappings.join("; "))]
    SeveralToUnmap {
        org: String,
        integration: String,
        mappings: Vec<String>,
    },
    /// The external org is mapped to other MSP orgs.
    #[error("external org {external_org_id} of {integration} is already mapped to {}", owners.join(", "))]
    Shared {
        external_org_id: String,
        integration: String,
        owners: Vec<String>,
    },
}

/// A mapping command's failure: a rule refused it, or something else failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum MapError {
    #[error(transparent)]
    Refused(#[from] MappingError),
    #[error(transparent)]
    Failed(#[from] Error),
}

impl From<StoreError> for MapError {
    fn from(e: StoreError) -> Self {
        MapError::Failed(e.into())
    }
}

impl Repo {
    pub async fn map(&self, req: &MapRequest) -> Result<MapOutcome, MapError> {
        model::validate_integration_name(&req.integration)?;
        model::validate_external_org_id(&req.external_org_id)?;
        if let Some(name) = &req.external_org_name {
            model::validate_external_org_name(name)?;
        }
        if let Some(data) = &req.mapping_data {
            match data {
                Json::Object(map) => model::check_mapping_data_size(map)?,
                _ => return Err(Error::invalid("mapping data must be a JSON object").into()),
            }
        }
        self.map_holding_rules(req).await
    }

    /// One plan and commit of `map`, re-planned when a row changed under it.
    pub(super) async fn map_once(&self, req: &MapRequest) -> Result<MapOutcome, MapError> {
        for _ in 0..MAX_ATTEMPTS {
            let (outcome, changes) = self.plan_map(req).await?;
            if let Commit::Done = self.commit(changes).await? {
                return Ok(outcome);
            }
        }
        Err(lost_race().into())
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
    pub(super) async fn map_state(
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
    pub(super) async fn org_labels(&self, mappings: &[&Mapping]) -> Result<Vec<String>> {
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

    pub(super) async fn plan_map(
        &self,
        req: &MapRequest,
    ) -> Result<(MapOutcome, Vec<Change>), MapError> {
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
                        return Err(MappingError::AlreadyMapped {
                            org: req.org.name.clone(),
                            integration: req.integration.clone(),
                            others: others.iter().map(|(m, _)| describe(m)).collect(),
                        }
                        .into());
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
                return Err(MappingError::Shared {
                    external_org_id: req.external_org_id.clone(),
                    integration: req.integration.clone(),
                    owners: self.org_labels(&shared).await?,
                }
                .into());
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
    ) -> Result<Vec<Mapping>, MapError> {
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

    pub(super) fn select<'a>(
        org: &Org,
        integration: &str,
        rows: &'a [(Mapping, Entity)],
        selector: &UnmapSelector,
        purge: bool,
    ) -> Result<Vec<&'a (Mapping, Entity)>, MapError> {
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
            ))
            .into());
        }
        if *selector == UnmapSelector::Only && picked.len() > 1 {
            return Err(MappingError::SeveralToUnmap {
                org: org.name.clone(),
                integration: integration.to_owned(),
                mappings: picked.iter().map(|(m, _)| describe(m)).collect(),
            }
            .into());
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
    ) -> Result<Vec<Mapping>, MapError> {
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
        Err(lost_race().into())
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
}
