//! The rules of `map` against other processes writing at the same time: at
//! most one active mapping per org and integration (without `--add`), and one
//! owner per external org (without `--allow-shared`).
//!
//! The local store makes read, check and write one immediate transaction:
//! nobody else writes in between, so the rules checked hold.
//!
//! Azure Table Storage has no transaction across partitions or reads, so a
//! check before writing can be overtaken: two processes both see no mapping,
//! both write. Here each writer checks again after its write. Both rules live
//! inside one partition each (the org's partition of the org index; the
//! integration's partition of the integration index, by ExternalOrgId), and a
//! partition reads its own writes in order (strong consistency), so:
//! - a writer that finds no contender after writing succeeds; any writer that
//!   wrote after it finds it, because its row was there before that later
//!   write;
//! - a writer that finds a contender withdraws its own row and tries again
//!   after a random pause; the next plan then refuses if a mapping stands
//!   (exit 4, naming it), or writes again if every contender withdrew. A
//!   refusal is final only once a row it rests on has stayed as it was (same
//!   ETag) across a pause: it may be a contender's, about to be withdrawn.
//!
//! So two writers can never both succeed; when all collide, the random pauses
//! let one through, and after `CONTENTION_ATTEMPTS` the command gives up with
//! exit 4 and nothing of its own left behind.

use std::time::Duration;

use super::RepoError;
use super::{Change, MapOutcome, MapRequest, MapStatus, OnExisting, Repo};
use crate::error::{Error, Result};
use crate::store::INTEGRATION_INDEX;
use crate::store::entity::Index;

/// Rounds of write, check, withdraw before giving up.
const CONTENTION_ATTEMPTS: u32 = 10;
/// Longer than a contender takes to write, check and withdraw its row.
const SETTLE: Duration = Duration::from_millis(150);

impl Repo {
    /// `map`, holding its rules however many processes map at once.
    pub(super) async fn map_holding_rules(
        &self,
        req: &MapRequest,
    ) -> Result<MapOutcome, RepoError> {
        if self.backend.begin_exclusive().await? {
            let result = self.map_once(req).await;
            self.backend.end_exclusive(result.is_ok()).await?;
            return result;
        }
        // A refusal is final once a row it rests on has stayed as it was
        // across a pause: a contender's row is withdrawn within moments.
        let mut settled = false;
        for attempt in 0..CONTENTION_ATTEMPTS {
            match self.map_once(req).await {
                Ok(outcome) => {
                    let became_active =
                        matches!(outcome.status, MapStatus::Created | MapStatus::Reactivated);
                    if !became_active || !self.has_contenders(req).await? {
                        return Ok(outcome);
                    }
                    self.withdraw(&outcome).await?;
                    tokio::time::sleep(pause(attempt)).await;
                }
                Err(RepoError::Refused(_)) if !settled => {
                    let before = self.conflicting_rows(req).await?;
                    tokio::time::sleep(SETTLE + pause(attempt)).await;
                    let after = self.conflicting_rows(req).await?;
                    settled = before.iter().any(|row| after.contains(row));
                }
                Err(e) => return Err(e),
            }
        }
        Err(Error::conflict(format!(
            "gave up after {CONTENTION_ATTEMPTS} attempts: other processes kept mapping {} in {} at the same time",
            req.org.name, req.integration
        ))
        .with_hint("nothing of this command was kept; run it again")
        .into())
    }

    /// Whether, after this command's write, another mapping breaks a rule
    /// the request is held to.
    async fn has_contenders(&self, req: &MapRequest) -> Result<bool> {
        if req.on_existing == OnExisting::Add && req.allow_shared {
            return Ok(false);
        }
        let state = self
            .map_state(
                &req.org.org_id,
                &req.integration,
                &req.external_org_id,
                false,
            )
            .await?;
        let second = req.on_existing != OnExisting::Add && !state.others().is_empty();
        let shared = !req.allow_shared && !state.sharers().is_empty();
        Ok(second || shared)
    }

    /// The rows that break a rule the request is held to, as (mapping id,
    /// ETag): a row written again after a withdrawal has another ETag.
    async fn conflicting_rows(&self, req: &MapRequest) -> Result<Vec<(String, Option<String>)>> {
        let state = self
            .map_state(
                &req.org.org_id,
                &req.integration,
                &req.external_org_id,
                true,
            )
            .await?;
        let mut rows: Vec<(String, Option<String>)> = Vec::new();
        // An ignore record refuses `map` whatever its flags.
        if let Some(etag) = &state.ignored {
            rows.push(("ignored".to_owned(), etag.clone()));
        }
        if req.on_existing != OnExisting::Add {
            rows.extend(
                state
                    .others()
                    .into_iter()
                    .map(|(m, e)| (m.mapping_id.clone(), e.etag.clone())),
            );
        }
        if !req.allow_shared {
            rows.extend(
                state
                    .same_external
                    .iter()
                    .filter(|(m, _)| m.is_active && m.org_id != req.org.org_id)
                    .map(|(m, e)| (m.mapping_id.clone(), e.etag.clone())),
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
        Ok(rows)
    }

    /// Takes back this command's own write: a created mapping is removed,
    /// a reactivated one is soft-deleted again.
    async fn withdraw(&self, outcome: &MapOutcome) -> Result<()> {
        let ours = &outcome.mapping;
        let rows = self.org_rows(&ours.org_id, &ours.integration_name).await?;
        let Some((m, row)) = rows.iter().find(|(m, _)| m.mapping_id == ours.mapping_id) else {
            return Ok(());
        };
        let after = match outcome.status {
            MapStatus::Created => None,
            _ => {
                let mut old = m.clone();
                old.is_active = false;
                Some(old)
            }
        };
        let (pk, rk) = Index::Integration.keys(m);
        let change = Change {
            org_row: Some(row.clone()),
            int_row: self.backend.get(INTEGRATION_INDEX, &pk, &rk).await?,
            after,
            org_row_current: false,
        };
        self.commit(vec![change]).await.map(|_| ())
    }
}

/// A random pause that grows with the attempts (10 ms to about 1 s), so that
/// writers that collided do not collide again.
fn pause(attempt: u32) -> Duration {
    let ceiling = 20u64 << attempt.min(6);
    let random = u64::from(uuid::Uuid::new_v4().as_u128() as u16);
    Duration::from_millis(10 + random % ceiling)
}
