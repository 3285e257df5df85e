//! `map`'s rules for what an apply wrote, against writers that wrote while
//! it did: after its rows are written, the ignore records of each
//! integration (one query each) and the exclusions (one query) are read
//! again, and a mapping whose external org was ignored, or org excluded,
//! meanwhile is withdrawn and reported. Proposals (`suggest --apply`) are
//! held to the owner rules too: the org index of each integration is read
//! again (one query each), and a proposal that now shares its external org,
//! or its org's place in the integration, with another mapping is withdrawn. The other writer's own
//! check (`map` checks after writing too) sees this one's row if it came
//! first, so the two never both stand.

use std::collections::BTreeSet;

use super::{Action, ApplyPlan, PlannedWrite};
use crate::error::Result;
use crate::mapping::{Change, Transaction, plan};
use crate::store::entity::{Index, mapping_from_entity, versioned};
use crate::store::{IGNORED_EXTERNAL_ORGS, INTEGRATION_INDEX, ORG_INDEX, Query};

/// Whether the write made a proposal's mapping active (new or again).
fn became_active(w: &PlannedWrite) -> bool {
    w.after.is_active && w.before.as_ref().is_none_or(|b| !b.is_active)
}

impl Transaction<'_> {
    /// Withdraws the mappings of a written plan that another writer
    /// contended meanwhile: any that became active and whose external org
    /// was ignored, or org excluded, since the plan; and proposals that
    /// now share their external org, or their org's place, with another
    /// mapping. Out of `plan.changes`, their reasons into `plan.skipped`;
    /// returns how many.
    pub(super) async fn withdraw_contended(&self, plan: &mut ApplyPlan) -> Result<usize> {
        let fresh: Vec<usize> = (0..plan.changes.len())
            .filter(|&i| {
                let c = &plan.changes[i];
                c.action != Action::Delete && became_active(&plan.writes[c.write])
            })
            .collect();
        if fresh.is_empty() {
            return Ok(0);
        }
        let integration_of = |i: &usize| {
            plan.writes[plan.changes[*i].write]
                .after
                .integration_name
                .as_str()
        };
        let integrations: BTreeSet<&str> = fresh.iter().map(integration_of).collect();
        // An ignore record or an exclusion written meanwhile: `ignore` and
        // `exclude` look for mappings after their write too.
        let mut ignored = std::collections::HashSet::new();
        for integration in &integrations {
            let query = Query::partition(*integration);
            for e in self.backend.query(IGNORED_EXTERNAL_ORGS, &query).await? {
                let record = crate::store::ignore::Ignored::from_entity(&e);
                ignored.insert((record.integration, record.external_org_id));
            }
        }
        let decided = crate::mapping::decisions::Decisions::of(self.decisions(None).await?);
        // Proposals are held to map's owner rules too (a file's records
        // are what the file says).
        let held: BTreeSet<&str> = fresh
            .iter()
            .filter(|&&i| plan.changes[i].exclusive)
            .map(integration_of)
            .collect();
        let mut active = Vec::new();
        for integration in held {
            let query = Query::all().with_equals("IntegrationName", integration);
            for e in self.backend.query(ORG_INDEX, &query).await? {
                if let Ok(m) = mapping_from_entity(&e, Index::Org)
                    && m.is_active
                {
                    active.push(m);
                }
            }
        }
        let mut withdrawn = Vec::new();
        for &i in &fresh {
            let ours = &plan.writes[plan.changes[i].write].after;
            let rival = active.iter().find(|m| {
                plan.changes[i].exclusive
                    && m.integration_name == ours.integration_name
                    && m.mapping_id != ours.mapping_id
                    && ((m.external_org_id == ours.external_org_id && m.org_id != ours.org_id)
                        || (m.org_id == ours.org_id && m.external_org_id != ours.external_org_id))
            });
            let decision = if ignored.contains(&(
                ours.integration_name.to_string(),
                ours.external_org_id.to_string(),
            )) {
                Some("its external org was ignored meanwhile".to_owned())
            } else if decided.is_excluded(&ours.org_id, &ours.integration_name) {
                Some(format!(
                    "the org was excluded from {} meanwhile",
                    ours.integration_name
                ))
            } else {
                None
            };
            let why = if let Some(why) = decision {
                why
            } else if let Some(rival) = rival {
                if rival.external_org_id == ours.external_org_id {
                    format!("its external org was mapped to {} meanwhile", rival.org_id)
                } else {
                    format!(
                        "the org was mapped to {} in {} meanwhile",
                        rival.external_org_id, rival.integration_name
                    )
                }
            } else {
                continue;
            };
            self.withdraw_write(&plan.writes[plan.changes[i].write])
                .await?;
            plan.skipped.push(format!(
                "{} → {} {}: withdrawn, {why}",
                ours.org_name.as_deref().unwrap_or(&ours.org_id),
                ours.integration_name,
                ours.external_org_id
            ));
            withdrawn.push(i);
        }
        for i in withdrawn.iter().rev() {
            plan.changes.remove(*i);
        }
        Ok(withdrawn.len())
    }

    /// Takes back one written mapping: a new one removed, a reactivated
    /// one soft-deleted again (with their history rows).
    async fn withdraw_write(&self, w: &PlannedWrite) -> Result<()> {
        let (pk, rk) = Index::Org.keys(&w.after);
        let (ipk, irk) = Index::Integration.keys(&w.after);
        let (org_row, int_row) = futures_util::future::join(
            self.backend.get(ORG_INDEX, &pk, &rk),
            self.backend.get(INTEGRATION_INDEX, &ipk, &irk),
        )
        .await;
        let org_row = org_row?.map(|e| versioned(&e, Index::Org)).transpose()?;
        let int_row = int_row?
            .map(|e| versioned(&e, Index::Integration))
            .transpose()?;
        let now = self.now();
        let after = match (&w.before, &org_row) {
            (None, _) | (_, None) => None,
            (Some(_), Some((m, _))) => Some(plan::deactivated(m, self.stamp(&now))),
        };
        self.commit(vec![Change {
            org_row,
            int_row,
            after,
            org_row_current: false,
        }])
        .await
        .map(|_| ())
    }
}
