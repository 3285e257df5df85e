//! `orgs import`: a plan of creates and updates from one read of the
//! organizations, with `orgs add`'s rules, then batched writes.

use std::collections::HashSet;

use super::apply::{Action, partial_failure};
use super::{Refusal, RepoError, Transaction, rules};
use crate::error::Result;
use crate::model::{Org, OrgId};
use crate::store::entity::{ORG_PARTITION, org_from_entity, org_to_entity};
use crate::store::{Entity, ORGANIZATIONS, Query, TableWrite, WriteOp, into_batches};

/// An org as an import file wants it.
#[derive(Debug, Clone)]
pub struct DesiredOrg {
    /// None: matched by name, or created with a new GUID.
    pub id: Option<String>,
    pub name: String,
    pub tenant_id: Option<String>,
    /// None keeps what is stored.
    pub domains: Option<Vec<String>>,
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

/// The rule of `orgs add`, for a whole import: no two active orgs share a
/// name (case-insensitively) once the plan is applied.
fn check_unique_names(current: &[Org], changes: &[(Action, Org)]) -> Result<(), RepoError> {
    let mut after: std::collections::BTreeMap<&str, &Org> =
        current.iter().map(|o| (o.org_id.as_str(), o)).collect();
    for (_, o) in changes {
        after.insert(o.org_id.as_str(), o);
    }
    let after: Vec<&Org> = after.into_values().collect();
    let changed: HashSet<&str> = changes.iter().map(|(_, o)| o.org_id.as_str()).collect();
    let clashes: Vec<String> = rules::name_clashes(&after, &changed)
        .into_iter()
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
    if clashes.is_empty() {
        return Ok(());
    }
    Err(Refusal::OrgNamesTaken { clashes }.into())
}

impl Transaction<'_> {
    /// Plans `orgs import`: create, update (name or tenant), unchanged.
    pub async fn plan_orgs(&self, desired: &[DesiredOrg]) -> Result<OrgPlan, RepoError> {
        let rows = self
            .backend
            .query(ORGANIZATIONS, &Query::partition(ORG_PARTITION))
            .await?;
        let current: Vec<(Org, Entity)> =
            rows.into_iter().map(|e| (org_from_entity(&e), e)).collect();
        let now = self.now();
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
                        org_id: OrgId::from_row(
                            d.id.clone()
                                .unwrap_or_else(|| uuid::Uuid::new_v4().hyphenated().to_string()),
                        ),
                        name: d.name.clone(),
                        tenant_id: d.tenant_id.clone(),
                        domains: d.domains.clone().unwrap_or_default(),
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
                    if let Some(domains) = &d.domains {
                        after.domains = domains.clone();
                    }
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
            .write_bulk(vec![Box::new(into_batches(writes).into_iter())], progress)
            .await
            .map_err(|p| partial_failure(p, total, "orgs import"))
    }
}
