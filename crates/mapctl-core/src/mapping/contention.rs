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
//!
//! `ignore` and `exclude` keep the rules "mapped or ignored, not both" and
//! "mapped or excluded, not both" the same way: on the local store they
//! check and write in one exclusive section; on Azure they write, then look
//! for an active mapping, and take their record back (a history row says
//! so) if one is there, while `map` looks for an ignore record and an
//! exclusion after its write. Whichever checked second sees the other.

use std::time::Duration;

use super::map::{MapState, Tried, resting_rows};
use super::{Change, MapOutcome, MapRequest, MapStatus, OnExisting, RepoError, Transaction};
use crate::error::{Error, Result};
use crate::store::INTEGRATION_INDEX;
use crate::store::entity::Index;

/// Rounds of write, check, withdraw before giving up.
const CONTENTION_ATTEMPTS: u32 = 10;
/// Longer than a contender takes to write, check and withdraw its row.
const SETTLE: Duration = Duration::from_millis(150);
/// A row written this long ago is no contender's: a contender's row stands
/// for one check and one withdrawal (well under a second). The clocks of
/// this machine and the store's may differ either way: one behind only
/// brings the pause back, one ahead makes a refusal final sooner, and a
/// refusal never breaks a rule.
const SETTLED_AGE: Duration = Duration::from_secs(5);

/// Whether the store wrote the row of this ETag longer ago than
/// [`SETTLED_AGE`] before `now`.
fn long_written(etag: Option<&str>, now: time::OffsetDateTime) -> bool {
    etag.and_then(crate::store::etag_written_at)
        .is_some_and(|at| now - at > SETTLED_AGE)
}

impl Transaction<'_> {
    /// `map`, holding its rules however many processes map at once; `read`
    /// (the rows read with the org) makes the first plan.
    pub(super) async fn map_holding_rules(
        &self,
        req: &MapRequest,
        read: Option<MapState>,
    ) -> Result<MapOutcome, RepoError> {
        if self.backend.begin_exclusive().await? {
            // Read again inside the section: nobody writes in between.
            let result = match self.map_once(req, None, false).await {
                Ok(Tried::Written { outcome, .. }) => Ok(*outcome),
                Ok(Tried::Refused { refusal, .. }) => Err(refusal.into()),
                Err(e) => Err(e),
            };
            self.backend.end_exclusive(result.is_ok()).await?;
            return result;
        }
        let mut read = read;
        // A refusal is final once a row it rests on has stayed as it was
        // across a pause (a contender's row is withdrawn within moments),
        // or was written long before (its ETag says when).
        let mut settled = false;
        for attempt in 0..CONTENTION_ATTEMPTS {
            match self.map_once(req, read.take(), true).await? {
                Tried::Written {
                    outcome,
                    contenders: false,
                } => return Ok(*outcome),
                Tried::Written { outcome, .. } => {
                    self.withdraw(&outcome).await?;
                    tokio::time::sleep(pause(attempt)).await;
                }
                Tried::Refused { refusal, resting } => {
                    if settled
                        || resting
                            .iter()
                            .any(|(_, etag)| long_written(etag.as_deref(), self.clock.now()))
                    {
                        return Err(refusal.into());
                    }
                    tokio::time::sleep(SETTLE + pause(attempt)).await;
                    let after = self.conflicting_rows(req).await?;
                    settled = resting.iter().any(|row| after.contains(row));
                }
            }
        }
        Err(Error::conflict(format!(
            "gave up after {CONTENTION_ATTEMPTS} attempts: other processes kept mapping {} in {} at the same time",
            req.org.name, req.integration
        ))
        .with_hint("nothing of this command was kept; run it again")
        .into())
    }

    /// Whether, after this command's org row was written, another mapping
    /// breaks a rule the request is held to.
    pub(super) async fn has_contenders(&self, req: &MapRequest) -> Result<bool> {
        if req.on_existing == OnExisting::Add && req.allow_shared {
            // Held to no owner rule: only an ignore record or an exclusion.
            let (ignored, excluded) = futures_util::future::join(
                self.backend.get(
                    crate::store::IGNORED_EXTERNAL_ORGS,
                    &req.integration,
                    &crate::store::ignore::row_key(&req.integration, &req.external_org_id),
                ),
                self.exclusion(&req.org.org_id, &req.integration),
            )
            .await;
            return Ok(ignored?.is_some() || excluded?.is_some());
        }
        let state = self
            .map_state(&req.org.org_id, &req.integration, &req.external_org_id)
            .await?;
        let second = req.on_existing != OnExisting::Add && !state.others().is_empty();
        let shared = !req.allow_shared && !state.sharers().is_empty();
        // Ignored or excluded since the plan: that writer checks for
        // mappings after its write too, so one of the two steps back.
        let decided = state.ignored.is_some() || state.excluded.is_some();
        Ok(second || shared || decided)
    }

    /// The rows a refusal rests on, read again.
    async fn conflicting_rows(&self, req: &MapRequest) -> Result<Vec<(String, Option<String>)>> {
        let state = self
            .map_state(&req.org.org_id, &req.integration, &req.external_org_id)
            .await?;
        Ok(resting_rows(&state, req))
    }

    /// Takes back this command's own write: a created mapping is removed,
    /// a reactivated one is soft-deleted again.
    async fn withdraw(&self, outcome: &MapOutcome) -> Result<()> {
        let ours = &outcome.mapping;
        // The integration row first: read after the org row, it could be
        // a new writer's, whose org row came in between.
        let (pk, rk) = Index::Integration.keys(ours);
        let int_row = self
            .backend
            .get(INTEGRATION_INDEX, &pk, &rk)
            .await?
            .map(|e| crate::store::entity::versioned(&e, Index::Integration))
            .transpose()?;
        let rows = self.org_rows(&ours.org_id, &ours.integration_name).await?;
        let Some((m, row)) = rows.iter().find(|(m, _)| m.mapping_id == ours.mapping_id) else {
            // Another writer of the same mapping took its org row back
            // first: an integration row this one wrote after stands alone.
            // Removed if it is still the one read (its ETag says so).
            if let Some(alone) = int_row.filter(|(m, _)| m.mapping_id == ours.mapping_id) {
                let change = Change {
                    org_row: None,
                    int_row: Some(alone),
                    after: None,
                    org_row_current: false,
                };
                self.commit(vec![change]).await?;
            }
            return Ok(());
        };
        // A created mapping is removed; a reactivated one soft-deleted again.
        let now = self.now();
        let after = match outcome.status {
            MapStatus::Created => None,
            _ => Some(super::plan::deactivated(m, self.stamp(&now))),
        };
        let change = Change {
            org_row: Some((m.clone(), row.clone())),
            int_row,
            after,
            org_row_current: false,
        };
        self.commit(vec![change]).await.map(|_| ())
    }
}

impl Transaction<'_> {
    /// `once` (a check and a write) inside one exclusive section of the
    /// store, where it has them (local): nobody writes in between. None
    /// where it has none (Azure): the caller checks after its write.
    pub(super) async fn in_exclusive_section<T>(
        &self,
        once: impl std::future::Future<Output = Result<T, RepoError>>,
    ) -> Result<Option<T>, RepoError> {
        if !self.backend.begin_exclusive().await? {
            return Ok(None);
        }
        let result = once.await;
        self.backend.end_exclusive(result.is_ok()).await?;
        result.map(Some)
    }
}

/// Rounds of write, check, take back for `ignore` and `exclude`.
pub(super) const DECIDE_ATTEMPTS: u32 = CONTENTION_ATTEMPTS;

/// After a record was taken back: a pause, so that writers that collided do
/// not collide again (none after the last attempt).
pub(super) async fn pause_after(attempt: u32) {
    if attempt + 1 < DECIDE_ATTEMPTS {
        tokio::time::sleep(pause(attempt)).await;
    }
}

/// `ignore` or `exclude` gave up: maps of the same kept coming.
pub(super) fn gave_up_deciding() -> RepoError {
    Error::conflict(format!(
        "gave up after {DECIDE_ATTEMPTS} attempts: other processes kept mapping it at the same time"
    ))
    .with_hint("the record was not kept; run the command again")
    .into()
}

/// A random pause that grows with the attempts (10 ms to about 1 s), so that
/// writers that collided do not collide again.
fn pause(attempt: u32) -> Duration {
    let ceiling = 20u64 << attempt.min(6);
    let random = u64::from(uuid::Uuid::new_v4().as_u128() as u16);
    Duration::from_millis(10 + random % ceiling)
}
