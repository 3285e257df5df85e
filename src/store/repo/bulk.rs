//! Declarative bulk changes (`apply`, `orgs import`): a plan computed from one
//! snapshot of the store, then batched writes.
//!
//! `apply` states the wanted mappings: the conflict rules of `map` (a second
//! external org, a shared external org) do not apply, because the file says
//! exactly what it wants; `--prune` soft-deletes what it no longer lists.
//! Writes go org index first, in batches of one partition, then the
//! integration index. A failure part-way leaves mappings whose integration
//! row is missing: the next plan of the same file finds them (as "unchanged"
//! mappings whose integration row must be rewritten), so a re-run completes
//! the work, and `doctor --repair` fixes it as well.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::Serialize;
use serde_json::Value as Json;

use super::{Change, Repo, mirror};
use crate::error::{Error, Result};
use crate::model::{self, Mapping, Org};
use crate::store::entity::{
    Index, ORG_PARTITION, mapping_from_entity, org_from_entity, org_to_entity,
};
use crate::store::{
    Entity, INTEGRATION_INDEX, ORG_INDEX, ORGANIZATIONS, Query, TableWrite, WriteOp, into_batches,
};

/// A mapping as a file wants it.
#[derive(Debug, Clone)]
pub struct DesiredMapping {
    pub org: Org,
    pub integration: String,
    pub external_org_id: String,
    /// None keeps what is stored.
    pub external_org_name: Option<String>,
    /// None keeps what is stored.
    pub mapping_data: Option<Json>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Create,
    Update,
    Delete,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
        }
    }
}

/// One change of a plan, as shown to the user.
#[derive(Debug, Clone)]
pub struct PlannedChange {
    pub action: Action,
    pub mapping: Mapping,
}

pub struct ApplyPlan {
    pub changes: Vec<PlannedChange>,
    pub unchanged: usize,
    /// Unchanged mappings whose integration-index row is missing or stale.
    pub repairs: usize,
    writes: Vec<Change>,
}

impl ApplyPlan {
    /// Row writes the plan makes (both indexes).
    pub fn row_writes(&self) -> usize {
        self.writes.iter().map(|c| Repo::writes(c).len()).sum()
    }
}

/// An org as an import file wants it.
#[derive(Debug, Clone)]
pub struct DesiredOrg {
    /// None: matched by name, or created with a new GUID.
    pub id: Option<String>,
    pub name: String,
    pub tenant_id: Option<String>,
}

pub struct OrgPlan {
    pub changes: Vec<(Action, Org)>,
    pub unchanged: usize,
    writes: Vec<WriteOp>,
}

impl OrgPlan {
    pub fn row_writes(&self) -> usize {
        self.writes.len()
    }
}

type Key = (String, String, String);

fn key(m: &Mapping) -> Key {
    (
        m.org_id.clone(),
        m.integration_name.clone(),
        m.external_org_id.clone(),
    )
}

impl Repo {
    /// Plans `apply`: every org-index row is read once (the truth), and the
    /// integration-index partitions of the file's integrations.
    pub async fn plan_apply(&self, desired: &[DesiredMapping], prune: bool) -> Result<ApplyPlan> {
        let integrations: BTreeSet<&str> = desired.iter().map(|d| d.integration.as_str()).collect();
        let queries: Vec<Query> = integrations.iter().map(|i| Query::partition(*i)).collect();
        let int_queries = queries
            .iter()
            .map(|q| self.backend.query(INTEGRATION_INDEX, q));
        let (org_rows, int_rows) = futures_util::future::join(
            self.backend.query(ORG_INDEX, &Query::all()),
            futures_util::future::join_all(int_queries),
        )
        .await;
        let mut existing: HashMap<Key, (Mapping, Entity)> = HashMap::new();
        for e in org_rows? {
            let m = mapping_from_entity(&e, Index::Org)?;
            let wanted = model::mapping_id(&m.org_id, &m.integration_name, &m.external_org_id);
            // Where others wrote duplicates, the active one (then ours) stands for the triple.
            let better = existing.get(&key(&m)).is_none_or(|(o, _)| {
                (m.is_active, m.mapping_id == wanted) > (o.is_active, o.mapping_id == wanted)
            });
            if better {
                existing.insert(key(&m), (m, e));
            }
        }
        let mut int_index: HashMap<(String, String), Entity> = HashMap::new();
        for rows in int_rows {
            for e in rows? {
                int_index.insert((e.partition_key.clone(), e.row_key.clone()), e);
            }
        }
        let int_row_of = |m: &Mapping| int_index.get(&Index::Integration.keys(m)).cloned();

        let now = (self.clock)();
        let mut plan = ApplyPlan {
            changes: Vec::new(),
            unchanged: 0,
            repairs: 0,
            writes: Vec::new(),
        };
        let mut wanted_keys = HashSet::new();
        for d in desired {
            let org_id = &d.org.org_id;
            let k = (
                org_id.clone(),
                d.integration.clone(),
                d.external_org_id.clone(),
            );
            wanted_keys.insert(k.clone());
            let (action, after, org_row) = match existing.get(&k) {
                None => {
                    let m = self.fresh_mapping(
                        org_id,
                        &d.integration,
                        &d.external_org_id,
                        d.external_org_name.clone(),
                        d.mapping_data.clone(),
                        &now,
                    );
                    (Some(Action::Create), m, None)
                }
                Some((m, e)) => {
                    let mut after = m.clone();
                    after.is_active = true;
                    if let Some(name) = &d.external_org_name {
                        after.external_org_name = name.clone();
                    }
                    if let Some(data) = &d.mapping_data {
                        after.mapping_data = data.clone();
                    }
                    if after == *m {
                        (None, after, Some(e.clone()))
                    } else {
                        after.updated_at = now.clone();
                        after.updated_by = Some(self.actor.clone());
                        (Some(Action::Update), after, Some(e.clone()))
                    }
                }
            };
            let int_row = int_row_of(&after);
            match action {
                Some(action) => {
                    plan.writes.push(Change {
                        org_row,
                        int_row,
                        after: Some(after.clone()),
                        org_row_current: false,
                    });
                    let mut shown = after;
                    shown.org_name = Some(d.org.name.clone());
                    plan.changes.push(PlannedChange {
                        action,
                        mapping: shown,
                    });
                }
                None => {
                    plan.unchanged += 1;
                    let org_row = org_row.expect("an unchanged mapping has its row");
                    if int_row.as_ref().map(|r| &r.properties)
                        != Some(&mirror(&org_row, &after).properties)
                    {
                        plan.repairs += 1;
                        plan.writes.push(Change {
                            org_row: Some(org_row),
                            int_row,
                            after: Some(after),
                            org_row_current: true,
                        });
                    }
                }
            }
        }
        if prune {
            let mut doomed: Vec<&(Mapping, Entity)> = existing
                .iter()
                .filter(|(k, (m, _))| {
                    m.is_active && integrations.contains(k.1.as_str()) && !wanted_keys.contains(*k)
                })
                .map(|(_, v)| v)
                .collect();
            doomed.sort_by_key(|(m, _)| key(m));
            for (m, e) in doomed {
                let mut after = m.clone();
                after.is_active = false;
                after.updated_at = now.clone();
                after.updated_by = Some(self.actor.clone());
                plan.writes.push(Change {
                    org_row: Some(e.clone()),
                    int_row: int_row_of(m),
                    after: Some(after.clone()),
                    org_row_current: false,
                });
                plan.changes.push(PlannedChange {
                    action: Action::Delete,
                    mapping: after,
                });
            }
        }
        Ok(plan)
    }

    /// Executes a plan: org-index batches first, then integration-index batches.
    pub async fn execute_apply(
        &self,
        plan: &ApplyPlan,
        progress: &(dyn Fn(usize) + Send + Sync),
    ) -> Result<()> {
        let (mut org_writes, mut int_writes) = (Vec::new(), Vec::new());
        for change in &plan.writes {
            for w in Self::writes(change) {
                if w.table == ORG_INDEX {
                    org_writes.push(w)
                } else {
                    int_writes.push(w)
                }
            }
        }
        let total = org_writes.len() + int_writes.len();
        self.backend
            .write_bulk(
                vec![into_batches(org_writes), into_batches(int_writes)],
                progress,
            )
            .await
            .map_err(|p| partial_failure(p, total, "mapctl apply"))
    }

    /// Plans `orgs import`: create, update (name or tenant), unchanged.
    pub async fn plan_orgs(&self, desired: &[DesiredOrg]) -> Result<OrgPlan> {
        let rows = self
            .backend
            .query(ORGANIZATIONS, &Query::partition(ORG_PARTITION))
            .await?;
        let current: Vec<(Org, Entity)> =
            rows.into_iter().map(|e| (org_from_entity(&e), e)).collect();
        let now = (self.clock)();
        let mut plan = OrgPlan {
            changes: Vec::new(),
            unchanged: 0,
            writes: Vec::new(),
        };
        for d in desired {
            let found = match &d.id {
                Some(id) => current.iter().find(|(o, _)| &o.org_id == id),
                None => current
                    .iter()
                    .find(|(o, _)| o.name.to_lowercase() == d.name.to_lowercase()),
            };
            match found {
                None => {
                    let org = Org {
                        org_id: d
                            .id
                            .clone()
                            .unwrap_or_else(|| uuid::Uuid::new_v4().hyphenated().to_string()),
                        name: d.name.clone(),
                        tenant_id: d.tenant_id.clone(),
                        is_active: true,
                        created_at: now.clone(),
                        updated_at: now.clone(),
                        created_by: self.actor.clone(),
                    };
                    plan.writes.push(WriteOp::Insert(org_to_entity(&org)));
                    plan.changes.push((Action::Create, org));
                }
                Some((o, e)) => {
                    let mut after = o.clone();
                    after.name = d.name.clone();
                    after.tenant_id = d.tenant_id.clone().or(after.tenant_id);
                    after.is_active = true;
                    if after == *o {
                        plan.unchanged += 1;
                        continue;
                    }
                    after.updated_at = now.clone();
                    let mut entity = org_to_entity(&after);
                    // Properties of other writers survive.
                    for (k, v) in &e.properties {
                        entity
                            .properties
                            .entry(k.clone())
                            .or_insert_with(|| v.clone());
                    }
                    plan.writes.push(WriteOp::Replace {
                        entity,
                        if_match: e.etag.clone().unwrap_or_else(|| "*".into()),
                    });
                    plan.changes.push((Action::Update, after));
                }
            }
        }
        let current: Vec<Org> = current.into_iter().map(|(o, _)| o).collect();
        check_unique_names(&current, &plan.changes)?;
        Ok(plan)
    }

    pub async fn execute_orgs(
        &self,
        plan: &OrgPlan,
        progress: &(dyn Fn(usize) + Send + Sync),
    ) -> Result<()> {
        let writes: Vec<TableWrite> = plan
            .writes
            .iter()
            .cloned()
            .map(|op| TableWrite {
                table: ORGANIZATIONS,
                op,
            })
            .collect();
        let total = writes.len();
        self.backend
            .write_bulk(vec![into_batches(writes)], progress)
            .await
            .map_err(|p| partial_failure(p, total, "mapctl orgs import"))
    }
}

/// The rule of `orgs add`, for a whole import: no two active orgs share a
/// name (case-insensitively) once the plan is applied.
fn check_unique_names(current: &[Org], changes: &[(Action, Org)]) -> Result<()> {
    let mut after: std::collections::BTreeMap<&str, &Org> =
        current.iter().map(|o| (o.org_id.as_str(), o)).collect();
    for (_, o) in changes {
        after.insert(o.org_id.as_str(), o);
    }
    let mut by_name: HashMap<String, Vec<&Org>> = HashMap::new();
    for o in after.values().filter(|o| o.is_active) {
        by_name.entry(o.name.to_lowercase()).or_default().push(o);
    }
    let changed: HashSet<&str> = changes.iter().map(|(_, o)| o.org_id.as_str()).collect();
    let mut problems: Vec<String> = by_name
        .values()
        .filter(|same| same.len() > 1 && same.iter().any(|o| changed.contains(o.org_id.as_str())))
        .map(|same| {
            let ids: Vec<String> = same
                .iter()
                .map(|o| format!("{} ({:?})", o.org_id, o.name))
                .collect();
            format!(
                "the name {:?} would belong to {} orgs: {}",
                same[0].name,
                same.len(),
                ids.join(", ")
            )
        })
        .collect();
    if problems.is_empty() {
        return Ok(());
    }
    problems.sort();
    Err(Error::invalid(format!(
        "the import would give {} name{} to more than one org; nothing was written",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    ))
    .with_details(problems)
    .with_hint("org names are unique (as with `mapctl orgs add`): rename the records, or give the existing org's id to update it"))
}

fn partial_failure(p: crate::store::PartialWrite, total: usize, command: &str) -> Error {
    let cause = Error::from(p.error);
    let progress = if p.applied == 0 {
        "nothing was written".to_owned()
    } else {
        format!("{} of {total} row writes were applied before it", p.applied)
    };
    Error::new(cause.kind, format!("{}; {progress}", cause.message))
    .with_hint(format!(
        "run the same {command} again: it plans only what is still missing; `mapctl doctor --repair` also mends the indexes"
    ))
}
