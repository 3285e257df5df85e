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
    pub integration: IntegrationName,
    pub external_org_id: ExternalOrgId,
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
    /// The stored mapping it changed (None for a new one).
    pub before: Option<Mapping>,
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

/// The rows a `map` decides from, read with its org (see
/// [`Repo::org_for_map`]): its first plan needs no read of its own.
pub struct MapReads(MapState);

/// One attempt of `map`: written (and whether a contender was found after
/// writing), or refused by a rule, with the rows the refusal rests on.
pub(super) enum Tried {
    Written {
        outcome: Box<MapOutcome>,
        contenders: bool,
    },
    Refused {
        refusal: Refusal,
        resting: Vec<(String, Option<String>)>,
    },
}

impl Repo {
    /// The org named by `text` and the rows a `map` of it to this external
    /// org decides from, at once: one round trip when `text` is its id.
    pub async fn org_for_map(
        &self,
        text: &str,
        integration: &str,
        external_org_id: &str,
    ) -> Result<(Org, MapReads)> {
        let (org, state) = self
            .org_with(text, |id| async move {
                self.map_state(&id, integration, external_org_id).await
            })
            .await?;
        Ok((org, MapReads(state)))
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

    /// "Name (id)" of each mapping's org, for messages and questions.
    pub(super) async fn org_labels(&self, mappings: &[&Mapping]) -> Result<Vec<String>> {
        if mappings.is_empty() {
            return Ok(Vec::new());
        }
        let names = self.org_names().await?;
        Ok(mappings
            .iter()
            .map(|m| match names.get(m.org_id.as_str()) {
                Some(n) => format!("{n} ({})", m.org_id),
                None => m.org_id.to_string(),
            })
            .collect())
    }

    /// Everything `map`'s plan decides from, read first: the rows concerned,
    /// the integration rows `--replace` would soft-delete, and the names of
    /// the orgs that share the external org (for the refusal).
    pub(super) async fn map_snapshot(
        &self,
        req: &MapRequest,
        read: Option<MapState>,
    ) -> Result<MapSnapshot> {
        let state = match read {
            Some(state) => state,
            None => {
                self.map_state(&req.org.org_id, &req.integration, &req.external_org_id)
                    .await?
            }
        };
        let mut others_int_rows = HashMap::new();
        if req.on_existing == OnExisting::Replace {
            for (m, _) in state.others() {
                others_int_rows.insert(m.mapping_id.to_string(), self.int_row(m).await?);
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

/// The rows that break a rule the request is held to, as (mapping id,
/// ETag): a row written again after a withdrawal has another ETag.
pub(super) fn resting_rows(state: &MapState, req: &MapRequest) -> Vec<(String, Option<String>)> {
    let mut rows: Vec<(String, Option<String>)> = Vec::new();
    // An ignore record refuses `map` whatever its flags.
    if let Some(etag) = &state.ignored {
        rows.push(("ignored".to_owned(), etag.clone()));
    }
    // So does an exclusion of the org.
    if let Some(etag) = &state.excluded {
        rows.push(("excluded".to_owned(), etag.clone()));
    }
    if req.on_existing != OnExisting::Add {
        rows.extend(
            state
                .others()
                .into_iter()
                .map(|(m, e)| (m.mapping_id.to_string(), e.etag.clone())),
        );
    }
    if !req.allow_shared {
        rows.extend(
            state
                .same_external
                .iter()
                .filter(|(m, _)| m.is_active && m.org_id != req.org.org_id)
                .map(|(m, e)| (m.mapping_id.to_string(), e.etag.clone())),
        );
        // An owner the integration index lacks (a crash between the
        // two writes) rests on its org row.
        rows.extend(
            state
                .owners_in_org_index
                .iter()
                .filter(|(m, _)| m.org_id != req.org.org_id)
                .map(|(m, etag)| (format!("org:{}", m.mapping_id), etag.clone())),
        );
    }
    rows
}

/// What `map`'s plan decides from (see [`Repo::map_snapshot`]).
pub(super) struct MapSnapshot {
    pub(super) state: MapState,
    /// The integration rows of the org's other active mappings, by mapping id.
    others_int_rows: HashMap<String, Option<(Mapping, Version)>>,
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
    if !rules::may_map_org(state.excluded.is_some()) {
        return Err(Refusal::Excluded {
            org: format!("{} ({})", req.org.name, req.org.org_id),
            org_id: req.org.org_id.to_string(),
            integration: req.integration.to_string(),
        });
    }
    if !rules::may_map(state.ignored.is_some()) {
        return Err(Refusal::Ignored {
            external_org_id: req.external_org_id.to_string(),
            integration: req.integration.to_string(),
        });
    }
    let (after, org_row, mut status) = match state.existing() {
        Some((m, e)) => {
            let (after, status) = plan::activated(
                m,
                req.external_org_name.as_deref(),
                req.mapping_data.as_ref(),
                stamp,
            );
            (after, Some((m.clone(), e.clone())), status)
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

    let int_row = state
        .same_external
        .iter()
        .find(|(m, _)| m.org_id == req.org.org_id && m.mapping_id == after.mapping_id)
        .cloned();
    // The org's active row without an active integration-index row is
    // half written (another request's write in flight, or one that
    // stopped): not a mapping yet. Completing it, with the same values or
    // new ones, is creating it, held to every rule.
    let half_written = int_row.as_ref().is_none_or(|(m, _)| !m.is_active);
    if half_written && matches!(status, MapStatus::Unchanged | MapStatus::Updated) {
        status = MapStatus::Created;
    }
    let mut changes = Vec::new();
    let mut replaced = Vec::new();
    if matches!(status, MapStatus::Created | MapStatus::Reactivated) {
        let others = state.others();
        if !others.is_empty() {
            match req.on_existing {
                OnExisting::Refuse => {
                    return Err(Refusal::AlreadyMapped {
                        org: req.org.name.clone(),
                        integration: req.integration.to_string(),
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
                                .get(m.mapping_id.as_str())
                                .cloned()
                                .flatten(),
                            org_row: Some((m.clone(), e.clone())),
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
                external_org_id: req.external_org_id.to_string(),
                integration: req.integration.to_string(),
                owners: snapshot.owner_labels.clone(),
            });
        }
    }

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
    let before = state.existing().map(|(m, _)| m.clone());
    Ok((
        MapOutcome {
            mapping,
            status,
            before,
            replaced,
        },
        changes,
    ))
}

mod state;
pub(super) use state::MapState;

#[cfg(test)]
mod tests;

impl Transaction<'_> {
    pub async fn map(&self, req: &MapRequest) -> Result<MapOutcome, RepoError> {
        self.map_with(req, None).await
    }

    /// [`map`](Self::map), its first plan made from `reads` when they are
    /// of this request (a store that serializes writers reads again).
    pub async fn map_with(
        &self,
        req: &MapRequest,
        reads: Option<MapReads>,
    ) -> Result<MapOutcome, RepoError> {
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
        let reads = reads.map(|r| r.0).filter(|state| {
            state.org_id == req.org.org_id
                && state.external_org_id == req.external_org_id
                && state.integration == req.integration
        });
        self.map_holding_rules(req, reads).await
    }

    /// One plan and commit of `map`, re-planned when a row changed under it;
    /// `check` reads the rules again alongside the last write.
    pub(super) async fn map_once(
        &self,
        req: &MapRequest,
        mut read: Option<MapState>,
        check: bool,
    ) -> Result<Tried, RepoError> {
        for _ in 0..MAX_ATTEMPTS {
            let snapshot = self.map_snapshot(req, read.take()).await?;
            let now = self.now();
            let (outcome, changes) = match plan_map(&snapshot, req, self.stamp(&now)) {
                Ok(planned) => planned,
                Err(refusal) => {
                    return Ok(Tried::Refused {
                        refusal,
                        resting: resting_rows(&snapshot.state, req),
                    });
                }
            };
            let became_active =
                matches!(outcome.status, MapStatus::Created | MapStatus::Reactivated);
            // Every map that made a mapping active is held to a rule after
            // its write: with --add and --allow-shared, still "not ignored,
            // not excluded".
            let contenders = (check && became_active).then(|| self.has_contenders(req));
            if let (Commit::Done, found) = self.commit_checked(changes, contenders).await? {
                return Ok(Tried::Written {
                    outcome: Box::new(outcome),
                    contenders: found.unwrap_or(false),
                });
            }
        }
        Err(lost_race().into())
    }
}
