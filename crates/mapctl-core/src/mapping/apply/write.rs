//! An apply plan committed: the mappings in batches (org index, history,
//! integration index), the proposals another writer contended withdrawn,
//! the ignore records each with its history row.

use super::{ApplyPlan, ApplySummary, Mapping, history};
use crate::error::{Error, Result};
use crate::mapping::{RepoError, Transaction};
use crate::store::{INTEGRATION_INDEX, ORG_INDEX};

impl Transaction<'_> {
    /// Commits a plan: its mappings (org-index batches first, then history,
    /// then integration-index batches), the proposals another writer
    /// contended meanwhile withdrawn (into `plan.skipped`), then its new
    /// ignore records, each with its history row. `progress` hears how many
    /// row writes each finished batch applied.
    pub async fn commit_apply(
        &self,
        plan: &mut ApplyPlan,
        progress: &(dyn Fn(usize) + Send + Sync),
    ) -> Result<ApplySummary, RepoError> {
        if plan.row_writes() > 0 {
            self.write_mappings(plan, progress).await?;
            self.withdraw_contended(plan).await?;
        }
        // After the mappings, like the history: each record and its history
        // row, the rule held again against what the store holds now.
        for i in &plan.ignores.new {
            self.ignore(
                &i.integration,
                &i.external_org_id,
                i.external_org_name.as_deref().unwrap_or_default(),
                i.reason.as_deref().unwrap_or_default(),
            )
            .await?;
        }
        for d in &plan.decisions.new {
            // An exclusion is held to "mapped or excluded, not both" against
            // racing maps, as `mapctl exclude` is.
            if d.kind == crate::store::decisions::DecisionKind::Exclude {
                self.exclude(
                    &d.org,
                    &[d.integration.as_str()],
                    d.reason.as_deref().unwrap_or_default(),
                )
                .await?;
                continue;
            }
            self.decide(crate::mapping::decisions::DecisionRequest {
                kind: d.kind,
                org: &d.org,
                integration: &d.integration,
                external: d.external_org_id.as_ref().map(|id| {
                    (
                        id.as_str(),
                        d.external_org_name.as_deref().unwrap_or_default(),
                    )
                }),
                reason: d.reason.as_deref().unwrap_or_default(),
            })
            .await?;
        }
        Ok(ApplySummary::of(plan, false))
    }

    /// Writes a plan's mappings: org-index batches first, then
    /// integration-index batches, each made only when it is sent.
    async fn write_mappings(
        &self,
        plan: &ApplyPlan,
        progress: &(dyn Fn(usize) + Send + Sync),
    ) -> Result<()> {
        let ordered = |partition: fn(&Mapping) -> &str| {
            let mut order: Vec<usize> = (0..plan.writes.len()).collect();
            order.sort_by(|a, b| {
                partition(&plan.writes[*a].after).cmp(partition(&plan.writes[*b].after))
            });
            order
        };
        let phase = |table: &'static str, order: Vec<usize>| {
            crate::store::consecutive_batches(order.into_iter().flat_map(move |i| {
                Self::writes(&plan.writes[i].change())
                    .into_iter()
                    .filter(move |w| w.table == table)
            }))
        };
        let at = self.now();
        let history = ordered(|m| &m.org_id).into_iter().filter_map(move |i| {
            let w = &plan.writes[i];
            (!w.org_row_current)
                .then(|| {
                    history::write_for(
                        w.before.as_deref(),
                        Some(&w.after),
                        &at,
                        &self.actor,
                        &self.command,
                    )
                })
                .flatten()
        });
        // Mended rows (the org row current, the integration row missing or
        // stale) are what a crashed run leaves: their history rows may be
        // lost too.
        let mended: Vec<&Mapping> = plan
            .writes
            .iter()
            .filter(|w| w.org_row_current)
            .map(|w| &w.after)
            .collect();
        self.ensure_history(&mended).await?;
        // History after the org rows, before the integration rows: a run
        // killed before the last integration row leaves the sign above.
        let phases = vec![
            phase(ORG_INDEX, ordered(|m| &m.org_id)),
            crate::store::consecutive_batches(history),
            phase(INTEGRATION_INDEX, ordered(|m| &m.integration_name)),
        ];
        self.backend
            .write_bulk(phases, progress)
            .await
            .map_err(|p| partial_failure(p, plan.row_writes, &self.command))
    }
}

pub(in crate::mapping) fn partial_failure(
    p: crate::store::PartialWrite,
    total: usize,
    command: &str,
) -> Error {
    let cause = Error::from(p.error);
    let progress = if p.applied == 0 {
        "nothing was written".to_owned()
    } else {
        format!("{} of {total} row writes were applied before it", p.applied)
    };
    Error::new(cause.kind, format!("{}; {progress}", cause.message)).with_remedy(
        crate::error::Remedy::RerunOrRepair {
            command: command.to_owned(),
        },
    )
}
