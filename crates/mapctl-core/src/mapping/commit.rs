//! The one writer of a mapping's rows: ETag-conditional writes, org index
//! first, then its history row, then the integration row; a lost race
//! re-planned or its integration row rebuilt.

use super::*;

/// One mapping's change: the rows as read, each the mapping it held and its
/// version (keys, ETag, other writers' properties), and the wanted state.
pub(super) struct Change {
    pub(super) org_row: Option<(Mapping, Version)>,
    pub(super) int_row: Option<(Mapping, Version)>,
    /// None purges both rows.
    pub(super) after: Option<Mapping>,
    /// The org row is already as wanted: only the integration row may need a write.
    pub(super) org_row_current: bool,
}

pub(super) enum Commit {
    Done,
    Raced,
}

pub(super) fn race_error(e: &StoreError) -> bool {
    matches!(
        e,
        StoreError::AlreadyExists | StoreError::PreconditionFailed | StoreError::NotFound
    )
}

pub(super) fn lost_race() -> Error {
    Error::conflict(format!(
        "the same mappings kept changing under this command ({MAX_ATTEMPTS} attempts)"
    ))
    .with_hint("another process is writing them; run the command again")
}

/// The integration-index row that mirrors an org-index row.
pub(super) fn mirror(org_row: &Entity, m: &Mapping) -> Entity {
    let (pk, rk) = Index::Integration.keys(m);
    let mut e = Entity {
        partition_key: pk,
        row_key: rk,
        etag: None,
        properties: org_row.properties.clone(),
    };
    // Rows of other writers may lean on their partition key for these.
    e.set("MappingId", m.mapping_id.as_str());
    e.set("OrgId", m.org_id.as_str());
    e.set("IntegrationName", m.integration_name.as_str());
    e
}

/// The conditional write that turns the row `current` into `want` (None:
/// no row); nothing when they already agree.
pub(super) fn transition(want: Option<Entity>, current: Option<&Entity>) -> Option<WriteOp> {
    let etag = |e: &Entity| e.etag.clone().unwrap_or_else(|| "*".into());
    match (want, current) {
        (Some(want), Some(cur)) if want.properties == cur.properties => None,
        (Some(want), Some(cur)) => Some(WriteOp::Replace {
            entity: want,
            if_match: etag(cur),
        }),
        (Some(want), None) => Some(WriteOp::Insert(want)),
        (None, Some(cur)) => Some(WriteOp::Delete {
            partition_key: cur.partition_key.clone(),
            row_key: cur.row_key.clone(),
            if_match: Some(etag(cur)),
        }),
        (None, None) => None,
    }
}

/// The names of the contract properties in which two decoded rows differ.
pub(super) fn mapping_differences(a: &Mapping, b: &Mapping) -> Vec<String> {
    crate::store::entity::mapping_values(a)
        .zip(crate::store::entity::mapping_values(b))
        .filter(|((_, x), (_, y))| x != y)
        .map(|((name, _), _)| name.to_owned())
        .collect()
}

impl Transaction<'_> {
    /// The history row of a change, written after its index rows.
    pub(super) fn history_write(&self, change: &Change) -> Option<TableWrite> {
        history_rows::write_for(
            change.org_row.as_ref().map(|(m, _)| m),
            change.after.as_ref(),
            &self.now(),
            &self.actor,
            &self.command,
        )
    }

    /// The writes of one change, org row first.
    pub(super) fn writes(change: &Change) -> Vec<TableWrite> {
        let org_now = change.org_row.as_ref().map(|(m, v)| row_at(m, v));
        let int_now = change.int_row.as_ref().map(|(m, v)| row_at(m, v));
        let new_org_row = change.after.as_ref().map(|m| {
            if change.org_row_current {
                org_now.clone().expect("a current org row exists")
            } else {
                match &change.org_row {
                    Some((_, v)) => row_at(m, v),
                    None => mapping_to_entity(m, Index::Org, None),
                }
            }
        });
        let new_int_row = match (&new_org_row, &change.after) {
            (Some(row), Some(m)) => Some(mirror(row, m)),
            _ => None,
        };
        let mut out = Vec::new();
        if !change.org_row_current {
            out.extend(
                transition(new_org_row, org_now.as_ref()).map(|op| TableWrite {
                    table: ORG_INDEX,
                    op,
                }),
            );
        }
        out.extend(
            transition(new_int_row, int_now.as_ref()).map(|op| TableWrite {
                table: INTEGRATION_INDEX,
                op,
            }),
        );
        out
    }

    /// Applies the changes in order. A lost race on an org row means the plan
    /// is stale (re-plan); on an integration row the truth is already written,
    /// so that row is rebuilt from the org index and the rest goes on.
    pub(super) async fn commit(&self, changes: Vec<Change>) -> Result<Commit> {
        let nothing: Option<std::future::Ready<Result<bool>>> = None;
        Ok(self.commit_checked(changes, nothing).await?.0)
    }

    /// [`commit`](Self::commit), with `check` (the rules read again after
    /// the truth is written) run alongside the last change's integration
    /// row: one round trip less on a remote store. Its answer comes back
    /// when the commit is done.
    pub(super) async fn commit_checked<F>(
        &self,
        changes: Vec<Change>,
        check: Option<F>,
    ) -> Result<(Commit, Option<bool>)>
    where
        F: std::future::Future<Output = Result<bool>>,
    {
        // The rules of what a mapping may hold, for every writer, before
        // anything is written.
        for after in changes.iter().filter_map(|c| c.after.as_ref()) {
            model::check_mapping(after)?;
        }
        let last = changes.len().saturating_sub(1);
        let mut check = check;
        let mut checked = None;
        for (i, change) in changes.iter().enumerate() {
            let writes = Self::writes(change);
            let (org_write, int_write): (Vec<TableWrite>, Vec<TableWrite>) =
                writes.into_iter().partition(|w| w.table == ORG_INDEX);
            if org_write.is_empty() && int_write.is_empty() {
                continue;
            }
            // The org row (the truth) and its history row at once, then the
            // integration row: a process killed before that row leaves it
            // missing, the sign a re-run mends by, finding the history row
            // written or writing the one that was lost.
            let mut first = org_write;
            if first.is_empty() {
                if let Some(m) = &change.after {
                    self.ensure_history(&[m]).await?;
                }
            } else if let Some(h) = self.history_write(change) {
                first.push(h);
            }
            let alongside = if i == last { check.take() } else { None };
            let history = first.get(1).cloned();
            let org_step = (!first.is_empty()).then_some(0);
            // Without a check alongside, every step in one call: one
            // transaction on the local store.
            let (steps, rest) = match alongside {
                None => (vec![first, int_write], Vec::new()),
                Some(_) => (vec![first], int_write),
            };
            let steps: Vec<Vec<TableWrite>> = steps.into_iter().filter(|s| !s.is_empty()).collect();
            match self.backend.write_steps(steps).await {
                Ok(()) => {}
                Err(f) if org_step == Some(f.step) => {
                    // The org row failed: its history row must not stand.
                    if f.applied.contains(&1)
                        && !f.applied.contains(&0)
                        && let Some(h) = history
                    {
                        self.withdraw_history(h).await;
                    }
                    if f.applied.contains(&0) || !race_error(&f.error) {
                        return Err(f.error.into());
                    }
                    return Ok((Commit::Raced, None));
                }
                Err(f) => self.integration_row_failed(change, f).await?,
            }
            let written = async {
                if rest.is_empty() {
                    return Ok(());
                }
                match self.backend.write_steps(vec![rest]).await {
                    Ok(()) => Ok(()),
                    Err(f) => self.integration_row_failed(change, f).await,
                }
            };
            match alongside {
                Some(check) => {
                    let (written, found) = futures_util::future::join(written, check).await;
                    written?;
                    checked = Some(found?);
                }
                None => written.await?,
            }
        }
        if let Some(check) = check {
            checked = Some(check.await?);
        }
        Ok((Commit::Done, checked))
    }

    /// The truth and its history row were written and the integration row
    /// failed: a lost race rebuilds it from the truth; anything else fails.
    async fn integration_row_failed(
        &self,
        change: &Change,
        f: crate::store::StepFailure,
    ) -> Result<()> {
        if !race_error(&f.error) {
            return Err(f.error.into());
        }
        let (pk, rk) = match (&change.org_row, &change.after) {
            (Some((_, v)), _) => (v.partition_key.clone(), v.row_key.clone()),
            (None, Some(m)) => Index::Org.keys(m),
            (None, None) => unreachable!("a change without rows writes nothing"),
        };
        let hint = change.int_row.as_ref().map(|(_, v)| v);
        self.sync_integration_row(&pk, &rk, hint).await
    }

    /// Deletes a history row whose change was not made (best effort: a row
    /// left says more than happened, never less).
    async fn withdraw_history(&self, h: TableWrite) {
        if let WriteOp::Insert(e) = h.op {
            let _ = self
                .backend
                .write(
                    h.table,
                    WriteOp::Delete {
                        partition_key: e.partition_key,
                        row_key: e.row_key,
                        if_match: None,
                    },
                )
                .await;
        }
    }

    /// Makes the integration-index row of one org-index row agree with it:
    /// written from the org row when it exists, deleted when it does not.
    /// `int_hint` is the integration row's last known state, used to find it
    /// when the org row is gone.
    pub(super) async fn sync_integration_row(
        &self,
        org_pk: &str,
        org_rk: &str,
        int_hint: Option<&Version>,
    ) -> Result<()> {
        for _ in 0..MAX_ATTEMPTS {
            let truth = match self.backend.get(ORG_INDEX, org_pk, org_rk).await? {
                Some(row) => Some(versioned(&row, Index::Org)?),
                None => None,
            };
            let (int_pk, int_rk, after) = match &truth {
                Some((m, _)) => {
                    let (pk, rk) = Index::Integration.keys(m);
                    (pk, rk, Some(m.clone()))
                }
                None => match int_hint {
                    Some(v) => (v.partition_key.clone(), v.row_key.clone(), None),
                    None => return Ok(()),
                },
            };
            let int_row = match self
                .backend
                .get(INTEGRATION_INDEX, &int_pk, &int_rk)
                .await?
            {
                Some(row) => Some(versioned(&row, Index::Integration)?),
                None => None,
            };
            let change = Change {
                org_row: truth,
                int_row,
                after,
                org_row_current: true,
            };
            let writes = Self::writes(&change);
            let (org_write, int_write): (Vec<TableWrite>, Vec<TableWrite>) =
                writes.into_iter().partition(|w| w.table == ORG_INDEX);
            let steps = [org_write, int_write]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            match self.backend.write_steps(steps).await {
                Ok(()) => return Ok(()),
                Err(f) if race_error(&f.error) => continue,
                Err(f) => return Err(f.error.into()),
            }
        }
        Err(lost_race())
    }
}

#[cfg(test)]
mod tests {
    //! The race path of the one writer, made deterministic: a backend that
    //! lets another writer change the org row just before this process's
    //! write, a chosen number of times.
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::mapping::{MapRequest, MapStatus, OnExisting};
    use crate::store::local::LocalBackend;
    use crate::test_support::{Hook, PassThrough};

    struct AnotherWriterFirst {
        /// Writes still to be overtaken.
        overtake: AtomicUsize,
        /// Changes that wrote an org row.
        writes: AtomicUsize,
    }

    #[async_trait::async_trait]
    impl Hook for AnotherWriterFirst {
        async fn before_steps(&self, inner: &LocalBackend, steps: &[Vec<TableWrite>]) {
            let org_writes: Vec<&TableWrite> = steps
                .iter()
                .flatten()
                .filter(|w| w.table == ORG_INDEX)
                .collect();
            if org_writes.is_empty() {
                return;
            }
            self.writes.fetch_add(1, Ordering::SeqCst);
            let overtaken = self
                .overtake
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok();
            if !overtaken {
                return;
            }
            // The other writer gets to the org row first: same keys, its own name.
            for w in org_writes {
                let mut theirs = match &w.op {
                    WriteOp::Insert(e) | WriteOp::Upsert(e) => e.clone(),
                    WriteOp::Replace { entity, .. } => entity.clone(),
                    WriteOp::Delete { .. } => continue,
                };
                theirs.set("ExternalOrgName", "written by another process");
                inner
                    .write(ORG_INDEX, WriteOp::Upsert(theirs))
                    .await
                    .unwrap();
            }
        }
    }

    type Scripted = PassThrough<AnotherWriterFirst>;

    fn scripted(overtake: usize) -> (tempfile::TempDir, Arc<Scripted>, Transaction<'static>) {
        let dir = tempfile::tempdir().unwrap();
        let backend = Arc::new(PassThrough {
            inner: LocalBackend::open(&dir.path().join("m.db")).unwrap(),
            hook: AnotherWriterFirst {
                overtake: AtomicUsize::new(overtake),
                writes: AtomicUsize::new(0),
            },
        });
        let repo = crate::test_support::leaked_tx(backend.clone(), None);
        (dir, backend, repo)
    }

    fn request(org: &Org) -> MapRequest {
        MapRequest {
            org: org.clone(),
            integration: "halopsa".into(),
            external_org_id: "42".into(),
            external_org_name: Some("Ours".into()),
            mapping_data: None,
            on_existing: OnExisting::Refuse,
            allow_shared: false,
        }
    }

    use crate::test_support::block_on;

    #[test]
    fn a_write_overtaken_by_another_writer_is_planned_again_on_what_it_wrote() {
        let (_dir, backend, repo) = scripted(1);
        block_on(async {
            let acme = repo.add_org("Acme", Some("acme"), None).await.unwrap().0;
            let out = repo.map(&request(&acme)).await.unwrap();
            // The insert lost to the other writer's org row (its integration
            // row not yet written); the second plan completed that half-written
            // mapping with what this command asked for, held to the rules.
            assert_eq!(out.status, MapStatus::Created);
            assert_eq!(backend.hook.writes.load(Ordering::SeqCst), 2);
            let got = repo.get(&acme, "halopsa", None).await.unwrap();
            assert_eq!(got.external_org_name, "Ours");
            assert!(repo.check_store().await.unwrap().problems.is_empty());
        });
    }

    #[test]
    fn the_check_runs_alongside_the_last_of_several_changes() {
        let (_dir, _backend, repo) = scripted(0);
        block_on(async {
            let acme = repo.add_org("Acme", Some("acme"), None).await.unwrap().0;
            repo.map(&request(&acme)).await.unwrap();
            // --replace: the old mapping soft-deleted, then the new one.
            let req = MapRequest {
                external_org_id: "43".into(),
                on_existing: OnExisting::Replace,
                ..request(&acme)
            };
            let snapshot = repo.map_snapshot(&req, None).await.unwrap();
            let now = repo.now();
            let (_, changes) =
                crate::mapping::map::plan_map(&snapshot, &req, repo.stamp(&now)).unwrap();
            assert_eq!(changes.len(), 2);
            let (done, found) = repo
                .commit_checked(changes, Some(async { Ok(true) }))
                .await
                .unwrap();
            assert!(matches!(done, Commit::Done));
            assert_eq!(found, Some(true), "the check's answer comes back");
        });
    }

    #[test]
    fn a_writer_overtaken_every_time_gives_up_after_the_attempts_and_says_so() {
        let (_dir, backend, repo) = scripted(usize::MAX);
        block_on(async {
            let acme = repo.add_org("Acme", Some("acme"), None).await.unwrap().0;
            let err = match repo.map(&request(&acme)).await.unwrap_err() {
                crate::mapping::RepoError::Failed(e) => e,
                other => panic!("a lost race, not a refusal: {other:?}"),
            };
            assert_eq!(err.kind, crate::error::ErrorKind::Conflict);
            assert!(
                err.message.contains(&format!("{MAX_ATTEMPTS} attempts")),
                "{}",
                err.message
            );
            assert_eq!(backend.hook.writes.load(Ordering::SeqCst), MAX_ATTEMPTS);
        });
    }
}
