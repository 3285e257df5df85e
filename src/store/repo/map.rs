//! `map`, `unmap` and test results: one mapping's change, planned from the
//! rows concerned and committed by [`Repo::commit`].

use std::collections::HashMap;

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

/// Which of an org's mappings for one integration `unmap` acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnmapSelector {
    /// The only one; several is a conflict.
    Only,
    ExternalId(String),
    MappingId(String),
    All,
}

impl Repo {
    pub async fn map(&self, req: &MapRequest) -> Result<MapOutcome, RepoError> {
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
    pub(super) async fn map_once(&self, req: &MapRequest) -> Result<MapOutcome, RepoError> {
        for _ in 0..MAX_ATTEMPTS {
            let snapshot = self.map_snapshot(req).await?;
            let now = (self.clock)();
            let (outcome, changes) = plan_map(&snapshot, req, self.stamp(&now))?;
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
        let state = self
            .map_state(org_id, integration, external_org_id, true)
            .await?;
        let shared = state.sharers();
        Ok(MapConflicts {
            already_active: state.existing().is_some_and(|(m, _)| m.is_active),
            others: state.others().into_iter().map(|(m, _)| m.clone()).collect(),
            shared_with: self.org_labels(&shared).await?,
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

    /// Everything `map`'s plan decides from, read first: the rows concerned,
    /// the integration rows `--replace` would soft-delete, and the names of
    /// the orgs that share the external org (for the refusal).
    pub(super) async fn map_snapshot(&self, req: &MapRequest) -> Result<MapSnapshot> {
        let state = self
            .map_state(
                &req.org.org_id,
                &req.integration,
                &req.external_org_id,
                true,
            )
            .await?;
        let mut others_int_rows = HashMap::new();
        if req.on_existing == OnExisting::Replace {
            for (m, _) in state.others() {
                others_int_rows.insert(m.mapping_id.clone(), self.int_row(m).await?);
            }
        }
        let sharers = state.sharers();
        let owner_labels = if req.allow_shared || sharers.is_empty() {
            Vec::new()
        } else {
            self.org_labels(&sharers).await?
        };
        Ok(MapSnapshot {
            state,
            others_int_rows,
            owner_labels,
        })
    }
}

/// What `map`'s plan decides from (see [`Repo::map_snapshot`]).
pub(super) struct MapSnapshot {
    pub(super) state: MapState,
    /// The integration rows of the org's other active mappings, by mapping id.
    others_int_rows: HashMap<String, Option<Entity>>,
    /// "Name (id)" of the other orgs the external org is mapped to.
    owner_labels: Vec<String>,
}

/// `map`'s plan: the changes, or the rule that refuses it. No I/O.
pub(super) fn plan_map(
    snapshot: &MapSnapshot,
    req: &MapRequest,
    stamp: plan::Stamp<'_>,
) -> Result<(MapOutcome, Vec<Change>), Refusal> {
    let state = &snapshot.state;
    if state.ignored.is_some() {
        return Err(Refusal::Ignored {
            external_org_id: req.external_org_id.clone(),
            integration: req.integration.clone(),
        });
    }
    let (after, org_row, status) = match state.existing() {
        Some((m, e)) => {
            let (after, status) = plan::activated(
                m,
                req.external_org_name.as_deref(),
                req.mapping_data.as_ref(),
                stamp,
            );
            (after, Some(e.clone()), status)
        }
        None => (
            plan::created(
                &req.org.org_id,
                &req.integration,
                &req.external_org_id,
                req.external_org_name.as_deref(),
                req.mapping_data.as_ref(),
                stamp,
            ),
            None,
            MapStatus::Created,
        ),
    };

    let mut changes = Vec::new();
    let mut replaced = Vec::new();
    if matches!(status, MapStatus::Created | MapStatus::Reactivated) {
        let others = state.others();
        if !others.is_empty() {
            match req.on_existing {
                OnExisting::Refuse => {
                    return Err(Refusal::AlreadyMapped {
                        org: req.org.name.clone(),
                        integration: req.integration.clone(),
                        others: others.iter().map(|(m, _)| describe(m)).collect(),
                    });
                }
                OnExisting::Add => {}
                OnExisting::Replace => {
                    for (m, e) in others {
                        let old = plan::deactivated(m, stamp);
                        changes.push(Change {
                            int_row: snapshot
                                .others_int_rows
                                .get(&m.mapping_id)
                                .cloned()
                                .flatten(),
                            org_row: Some(e.clone()),
                            after: Some(old.clone()),
                            org_row_current: false,
                        });
                        replaced.push(old);
                    }
                }
            }
        }
        if !req.allow_shared && !state.sharers().is_empty() {
            return Err(Refusal::Shared {
                external_org_id: req.external_org_id.clone(),
                integration: req.integration.clone(),
                owners: snapshot.owner_labels.clone(),
            });
        }
    }

    let int_row = state
        .same_external
        .iter()
        .find(|(m, _)| m.org_id == req.org.org_id && m.mapping_id == after.mapping_id)
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

impl Repo {
    /// The mappings `unmap` would act on (for confirmation before acting).
    pub async fn unmap_targets(
        &self,
        org: &Org,
        integration: &str,
        selector: &UnmapSelector,
        purge: bool,
    ) -> Result<Vec<Mapping>, RepoError> {
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
    ) -> Result<Vec<&'a (Mapping, Entity)>, RepoError> {
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
            return Err(Refusal::SeveralToUnmap {
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
    ) -> Result<Vec<Mapping>, RepoError> {
        for _ in 0..MAX_ATTEMPTS {
            let rows = self.org_rows(&org.org_id, integration).await?;
            let picked = Self::select(org, integration, &rows, selector, purge)?;
            let now = (self.clock)();
            let mut changes = Vec::new();
            let mut done = Vec::new();
            for (m, e) in picked {
                let after = (!purge).then(|| plan::deactivated(m, self.stamp(&now)));
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
        let now = (self.clock)();
        self.update_one(mapping, |m| plan::tested(m, result, &now))
            .await
            .map(|_| ())
    }

    /// Sets a mapping's ExternalOrgName to the external system's current
    /// name (`sync-names`); returns the mapping as written.
    pub async fn sync_name(&self, mapping: &Mapping, name: &str) -> Result<Mapping> {
        let now = (self.clock)();
        self.update_one(mapping, |m| {
            plan::activated(m, Some(name), None, self.stamp(&now)).0
        })
        .await
    }

    /// One mapping changed by `change` (a rule of `plan`), read and written
    /// again when another process changed it in between.
    async fn update_one(
        &self,
        mapping: &Mapping,
        change: impl Fn(&Mapping) -> Mapping,
    ) -> Result<Mapping> {
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
            let after = change(m);
            let written = Change {
                int_row: self.int_row(m).await?,
                org_row: Some(e.clone()),
                after: Some(after.clone()),
                org_row_current: false,
            };
            if let Commit::Done = self.commit(vec![written]).await? {
                return Ok(after);
            }
        }
        Err(lost_race())
    }
}

mod state;
pub(super) use state::MapState;

#[cfg(test)]
mod tests;
