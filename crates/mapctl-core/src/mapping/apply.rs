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

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use serde_json::Value as Json;

use super::{MapStatus, Refusal, Repo, RepoError, Transaction, plan, rules};

mod contended;
mod decided;
mod held;
mod ignores;
mod stored;
mod summary;
mod write;
use crate::error::Result;
use crate::model::{self, ExternalOrgId, IntegrationName, Mapping, Org};
use crate::store::entity::{Index, Version, mapping_from_entity};
use crate::store::history;
use crate::store::{INTEGRATION_INDEX, ORG_INDEX, Query};
pub(crate) use decided::DecisionPlan;
pub use decided::DesiredDecision;
use held::{Held, check_desired};
pub(crate) use ignores::IgnorePlan;
use stored::{IntRow, RowState, Stored};
pub use summary::{ApplySummary, ChangeRow, Summary};
pub(super) use write::partial_failure;

/// An ignore record as a file (or a review) wants it
/// (`{"integration","external_org_id","ignore":true}`).
#[derive(Debug, Clone, PartialEq)]
pub struct DesiredIgnore {
    /// Its record number in the file (0 when it comes from a review).
    pub record: usize,
    pub integration: IntegrationName,
    pub external_org_id: ExternalOrgId,
    pub external_org_name: Option<String>,
    pub reason: Option<String>,
}

/// What an apply wants written: mappings, ignore records, and whether the
/// active mappings of the named integrations that it does not list go.
#[derive(Debug, Clone, Default)]
pub struct ApplyRequest {
    pub mappings: Vec<DesiredMapping>,
    pub ignores: Vec<DesiredIgnore>,
    /// Exclusions and rejections (`"exclude": true`, `"reject": true`).
    pub decisions: Vec<DesiredDecision>,
    pub prune: bool,
}

/// A mapping as a file wants it.
#[derive(Debug, Clone)]
pub struct DesiredMapping {
    /// Shared: a file maps few orgs many times.
    pub org: std::sync::Arc<Org>,
    pub integration: IntegrationName,
    pub external_org_id: ExternalOrgId,
    /// None keeps what is stored.
    pub external_org_name: Option<String>,
    /// None keeps what is stored.
    pub(crate) mapping_data: Option<Json>,
    /// A proposal (`suggest`): it keeps `map`'s rules against what the store
    /// holds when the plan is made (the org has no other active mapping in
    /// the integration, the external org no other owner), else it is
    /// skipped and reported. A file (`apply`) says exactly what it wants.
    pub(crate) exclusive: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Create,
    Update,
    Delete,
    /// An ignore record written (`{"ignore": true}` records).
    Ignore,
    /// An exclusion written (`{"exclude": true}` records).
    Exclude,
    /// A rejection written (`{"reject": true}` records).
    Reject,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
            Action::Ignore => "ignore",
            Action::Exclude => "exclude",
            Action::Reject => "reject",
        }
    }
}

/// One change of a plan, as shown to the user: the mapping as it will be
/// (with `org_name` where the file named the org).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PlannedChange {
    pub(crate) action: Action,
    /// Its write in the plan.
    write: usize,
    /// A proposal's (`suggest`): checked again after writing.
    exclusive: bool,
}

pub struct ApplyPlan {
    pub(crate) changes: Vec<PlannedChange>,
    /// Ignore records to write, and how many are already there.
    pub(crate) ignores: IgnorePlan,
    /// Exclusions and rejections to write, and how many are already there.
    pub(crate) decisions: DecisionPlan,
    /// Proposals that lost their ground since they were made: why.
    pub skipped: Vec<String>,
    pub(crate) unchanged: usize,
    /// Unchanged mappings whose integration-index row is missing or stale.
    pub repairs: usize,
    writes: Vec<PlannedWrite>,
    row_writes: usize,
}

impl ApplyPlan {
    /// Mappings the plan soft-deletes (`--prune`).
    pub fn deletes(&self) -> usize {
        self.changes
            .iter()
            .filter(|c| c.action == Action::Delete)
            .count()
    }

    /// Row writes the plan makes (both indexes).
    pub fn row_writes(&self) -> usize {
        self.row_writes
    }

    /// The mapping a change leaves.
    pub(crate) fn mapping(&self, change: &PlannedChange) -> &Mapping {
        &self.writes[change.write].after
    }

    /// The stored mapping a change changes (None for a new one).
    pub(crate) fn before(&self, change: &PlannedChange) -> Option<&Mapping> {
        self.writes[change.write].before.as_deref()
    }
}

/// A mapping to write, kept compact until it is written: the wanted state,
/// and what is needed of its stored rows (ETags, other writers' properties).
struct PlannedWrite {
    /// The stored mapping before the change (None for a new one), for history.
    before: Option<Box<Mapping>>,
    after: Mapping,
    /// None for a mapping that has no org row yet.
    org_row: Option<RowState>,
    int_row: IntRow,
    /// The org row is already as wanted: only the integration row is written.
    org_row_current: bool,
}

fn key(m: &Mapping) -> (&str, &str, &str) {
    (&m.org_id, &m.integration_name, &m.external_org_id)
}

/// A mapping's triple as a number: its deterministic mapping id (a name-based
/// UUID of the triple). Lookups still compare the triple itself.
fn triple(org_id: &str, integration: &str, external_org_id: &str) -> u128 {
    model::mapping_uuid(org_id, integration, external_org_id).as_u128()
}

/// The stored mapping of a triple (boxed: the table stays small as it grows).
type StoredMappings = HashMap<u128, Box<Stored>>;

fn stored_for<'a>(
    existing: &'a mut StoredMappings,
    org_id: &str,
    integration: &str,
    external_org_id: &str,
) -> Option<&'a mut Stored> {
    existing
        .get_mut(&triple(org_id, integration, external_org_id))
        .map(|s| &mut **s)
        .filter(|s| key(&s.mapping) == (org_id, integration, external_org_id))
}

impl ApplyPlan {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        action: Action,
        before: Option<&Mapping>,
        after: Mapping,
        org_row: Option<RowState>,
        int_row: IntRow,
        exclusive: bool,
    ) {
        self.changes.push(PlannedChange {
            action,
            write: self.writes.len(),
            exclusive,
        });
        self.add_write(PlannedWrite {
            before: before.map(|m| Box::new(m.clone())),
            after,
            org_row,
            int_row,
            org_row_current: false,
        });
    }

    fn push_repair(&mut self, after: Mapping, org_row: RowState, int_row: IntRow) {
        self.add_write(PlannedWrite {
            before: None,
            after,
            org_row: Some(org_row),
            int_row,
            org_row_current: true,
        });
    }

    fn add_write(&mut self, w: PlannedWrite) {
        // The integration row is always written; the org row and a history
        // row unless the org row is current (see `PlannedWrite::change`: a
        // stored row about to change differs).
        self.row_writes += if w.org_row_current { 1 } else { 3 };
        self.writes.push(w);
    }
}

impl Repo {
    /// Every stored mapping, by triple, read one row at a time and kept
    /// compact: a plan over 100,000 mappings must not hold 200,000 rows.
    /// The integration rows of `integrations` are checked against them.
    async fn stored_mappings(&self, integrations: &BTreeSet<&str>) -> Result<StoredMappings> {
        let mut existing = StoredMappings::new();
        let mut unreadable = None;
        self.backend
            .query_each(ORG_INDEX, &Query::all(), &mut |e| {
                let m = match mapping_from_entity(&e, Index::Org) {
                    Ok(m) => m,
                    Err(err) => {
                        unreadable.get_or_insert(err);
                        return;
                    }
                };
                let k = triple(&m.org_id, &m.integration_name, &m.external_org_id);
                let wanted = uuid::Uuid::from_u128(k).hyphenated().to_string();
                let better = existing.get(&k).is_none_or(|o| {
                    plan::standing(&m, &wanted) > plan::standing(&o.mapping, &wanted)
                });
                if better {
                    existing.insert(k, Box::new(Stored::new(m, e)));
                }
            })
            .await?;
        if let Some(err) = unreadable {
            return Err(err);
        }
        for integration in integrations {
            self.backend
                .query_each(
                    INTEGRATION_INDEX,
                    &Query::partition(*integration),
                    &mut |e| {
                        let Ok(m) = mapping_from_entity(&e, Index::Integration) else {
                            return;
                        };
                        if let Some(stored) = stored_for(
                            &mut existing,
                            &m.org_id,
                            &m.integration_name,
                            &m.external_org_id,
                        ) && stored.mapping.mapping_id == m.mapping_id
                            && Index::Integration.keys(&stored.mapping)
                                == (e.partition_key.clone(), e.row_key.clone())
                        {
                            stored.int_row =
                                if super::mapping_differences(&stored.mapping, &m).is_empty() {
                                    IntRow::Same(e.etag)
                                } else {
                                    let version = Version::of(&e);
                                    IntRow::Differs(Box::new((m, version)))
                                };
                        }
                    },
                )
                .await?;
        }
        Ok(existing)
    }
}

impl Transaction<'_> {
    /// Plans an apply: every org-index row is read once (the truth), and
    /// the integration-index partitions and ignore records of the
    /// integrations it names, at once. A rule the request would break
    /// against the store refuses it here, before anything is written.
    pub async fn plan_apply(&self, request: ApplyRequest) -> Result<ApplyPlan, RepoError> {
        let ApplyRequest {
            mappings: desired,
            ignores,
            decisions,
            prune,
        } = request;
        let desired = &desired[..];
        let integrations: BTreeSet<&str> = desired.iter().map(|d| d.integration.as_str()).collect();
        let touched: BTreeSet<&str> = integrations
            .iter()
            .copied()
            .chain(ignores.iter().map(|i| i.integration.as_str()))
            .collect();
        check_desired(desired)?;
        let (existing, ignored, stored_decisions) = futures_util::future::join3(
            self.stored_mappings(&integrations),
            self.ignored_ids(&touched),
            self.decisions(None),
        )
        .await;
        let (mut existing, ignored) = (existing?, ignored?);
        let stored_decisions = super::decisions::Decisions::of(stored_decisions?);
        let decision_plan = DecisionPlan::of(decisions, &stored_decisions);
        let excluded = decision_plan.excluded_after(&stored_decisions);
        let now = self.now();
        let mut held = Held::of(desired, &existing);
        let mut refused = Vec::new();
        let mut plan = ApplyPlan {
            ignores: IgnorePlan::default(),
            decisions: DecisionPlan::default(),
            skipped: Vec::new(),
            changes: Vec::with_capacity(desired.len()),
            unchanged: 0,
            repairs: 0,
            writes: Vec::with_capacity(desired.len()),
            row_writes: 0,
        };
        for d in desired {
            let pair = (d.org.org_id.to_string(), d.integration.to_string());
            if !rules::may_map_org(excluded.contains(&pair)) {
                if d.exclusive {
                    plan.skipped.push(format!(
                        "{} → {} {}: not written, the org is excluded from {} now",
                        d.org.name, d.integration, d.external_org_id, d.integration
                    ));
                } else {
                    refused.push(Refusal::Excluded {
                        org: format!("{} ({})", d.org.name, d.org.org_id),
                        org_id: pair.0,
                        integration: pair.1,
                    });
                }
                continue;
            }
            let is_ignored = ignored
                .get(d.integration.as_str())
                .is_some_and(|ids| ids.contains(d.external_org_id.as_str()));
            if !rules::may_map(is_ignored) {
                // A proposal lost its ground; a file asks for what cannot be.
                if d.exclusive {
                    plan.skipped.push(format!(
                        "{} → {} {}: not written, it is ignored now",
                        d.org.name, d.integration, d.external_org_id
                    ));
                } else {
                    refused.push(Refusal::Ignored {
                        external_org_id: d.external_org_id.to_string(),
                        integration: d.integration.to_string(),
                    });
                }
                continue;
            }
            if let Some(why) = held.lost_ground(d) {
                plan.skipped.push(format!(
                    "{} → {} {}: not written, {why}",
                    d.org.name, d.integration, d.external_org_id
                ));
                continue;
            }
            let Some(stored) = stored_for(
                &mut existing,
                &d.org.org_id,
                &d.integration,
                &d.external_org_id,
            ) else {
                let mut after = plan::created(
                    &d.org.org_id,
                    &d.integration,
                    &d.external_org_id,
                    d.external_org_name.as_deref(),
                    d.mapping_data.as_ref(),
                    self.stamp(&now),
                );
                after.org_name = Some(d.org.name.clone());
                plan.push(
                    Action::Create,
                    None,
                    after,
                    None,
                    IntRow::Missing,
                    d.exclusive,
                );
                continue;
            };
            stored.wanted = true;
            let (mut after, status) = plan::activated(
                &stored.mapping,
                d.external_org_name.as_deref(),
                d.mapping_data.as_ref(),
                self.stamp(&now),
            );
            after.org_name = Some(d.org.name.clone());
            if status == MapStatus::Unchanged {
                plan.unchanged += 1;
                if !matches!(stored.int_row, IntRow::Same(_)) {
                    plan.repairs += 1;
                    plan.push_repair(after, stored.org_row.clone(), stored.int_row.clone());
                }
            } else {
                plan.push(
                    Action::Update,
                    Some(&stored.mapping),
                    after,
                    Some(stored.org_row.clone()),
                    stored.int_row.clone(),
                    d.exclusive,
                );
            }
        }
        if prune {
            let mut doomed: Vec<&Stored> = existing
                .values()
                .map(|s| &**s)
                .filter(|s| {
                    !s.wanted
                        && s.mapping.is_active
                        && integrations.contains(s.mapping.integration_name.as_str())
                })
                .collect();
            doomed.sort_by(|a, b| key(&a.mapping).cmp(&key(&b.mapping)));
            for stored in doomed {
                let after = plan::deactivated(&stored.mapping, self.stamp(&now));
                plan.push(
                    Action::Delete,
                    Some(&stored.mapping),
                    after,
                    Some(stored.org_row.clone()),
                    stored.int_row.clone(),
                    false,
                );
            }
        }
        // Mapped or ignored, never both: a new ignore record of an external
        // org that stays mapped (stored, or by this plan) is refused.
        plan.ignores = IgnorePlan::of(ignores, &ignored);
        if !plan.ignores.new.is_empty() {
            let owners = ignores::active_after(&plan.writes, existing.values().map(|s| &s.mapping));
            for i in &plan.ignores.new {
                if let Some(owners) = owners.get(&(&i.integration, &i.external_org_id))
                    && !rules::may_ignore(!owners.is_empty())
                {
                    refused.push(Refusal::Mapped {
                        external_org_id: i.external_org_id.to_string(),
                        integration: i.integration.to_string(),
                        owners: self.org_labels(owners).await?,
                    });
                }
            }
        }
        // Mapped or excluded there, never both.
        refused.extend(decision_plan.refusals(&plan.writes, existing.values().map(|s| &s.mapping)));
        plan.decisions = decision_plan;
        if !refused.is_empty() {
            return Err(Refusal::Conflicts { refusals: refused }.into());
        }
        Ok(plan)
    }
}
