//! The one writer of a mapping's rows: ETag-conditional writes, org index
//! first, a lost race re-planned or its integration row rebuilt, and the
//! history row after the index rows.

use super::*;

/// One mapping's change: the rows as read (with ETags) and the wanted state.
pub(super) struct Change {
    pub(super) org_row: Option<Entity>,
    pub(super) int_row: Option<Entity>,
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
    let mut out = Vec::new();
    let mut check = |name: &str, same: bool| {
        if !same {
            out.push(name.to_owned());
        }
    };
    check("MappingId", a.mapping_id == b.mapping_id);
    check("OrgId", a.org_id == b.org_id);
    check("IntegrationName", a.integration_name == b.integration_name);
    check("ExternalOrgId", a.external_org_id == b.external_org_id);
    check(
        "ExternalOrgName",
        a.external_org_name == b.external_org_name,
    );
    check("MappingData", a.mapping_data == b.mapping_data);
    check("IsActive", a.is_active == b.is_active);
    check("CreatedAt", a.created_at == b.created_at);
    check("UpdatedAt", a.updated_at == b.updated_at);
    check("CreatedBy", a.created_by == b.created_by);
    check("UpdatedBy", a.updated_by == b.updated_by);
    check("LastTestedAt", a.last_tested_at == b.last_tested_at);
    check("LastTestResult", a.last_test_result == b.last_test_result);
    out
}

impl Repo {
    /// The history row of a change, written after its index rows.
    pub(super) fn history_write(&self, change: &Change) -> Option<TableWrite> {
        let before = change
            .org_row
            .as_ref()
            .and_then(|e| mapping_from_entity(e, Index::Org).ok());
        history_rows::write_for(
            before.as_ref(),
            change.after.as_ref(),
            &(self.clock)(),
            &self.actor,
            &self.command,
        )
    }

    /// The writes of one change, org row first.
    pub(super) fn writes(change: &Change) -> Vec<TableWrite> {
        let new_org_row = change.after.as_ref().map(|m| {
            if change.org_row_current {
                change.org_row.clone().expect("a current org row exists")
            } else {
                mapping_to_entity(m, Index::Org, change.org_row.as_ref())
            }
        });
        let new_int_row = match (&new_org_row, &change.after) {
            (Some(row), Some(m)) => Some(mirror(row, m)),
            _ => None,
        };
        let mut out = Vec::new();
        if !change.org_row_current {
            out.extend(
                transition(new_org_row, change.org_row.as_ref()).map(|op| TableWrite {
                    table: ORG_INDEX,
                    op,
                }),
            );
        }
        out.extend(
            transition(new_int_row, change.int_row.as_ref()).map(|op| TableWrite {
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
        // The rules of what a mapping may hold, for every writer, before
        // anything is written.
        for after in changes.iter().filter_map(|c| c.after.as_ref()) {
            model::check_mapping(after)?;
        }
        for change in &changes {
            let mut writes = Self::writes(change);
            if writes.is_empty() {
                continue;
            }
            if writes.iter().any(|w| w.table == ORG_INDEX)
                && let Some(h) = self.history_write(change)
            {
                writes.push(h);
            }
            let int_write_at = writes.iter().position(|w| w.table == INTEGRATION_INDEX);
            match self.backend.write_in_order(writes).await {
                Ok(()) => {}
                Err(p) if !race_error(&p.error) => return Err(p.error.into()),
                Err(p) if Some(p.applied) == int_write_at && p.applied > 0 => {
                    let (pk, rk) = match (&change.after, &change.org_row) {
                        (Some(m), _) => Index::Org.keys(m),
                        (None, Some(e)) => (e.partition_key.clone(), e.row_key.clone()),
                        (None, None) => unreachable!("a change without rows writes nothing"),
                    };
                    self.sync_integration_row(&pk, &rk, change.int_row.as_ref())
                        .await?;
                    // The truth was written: so is its history row.
                    if let Some(h) = self.history_write(change) {
                        self.backend.write(h.table, h.op).await?;
                    }
                }
                Err(_) => return Ok(Commit::Raced),
            }
        }
        Ok(Commit::Done)
    }

    /// Makes the integration-index row of one org-index row agree with it:
    /// written from the org row when it exists, deleted when it does not.
    /// `int_hint` is the integration row's last known state, used to find it
    /// when the org row is gone.
    pub(super) async fn sync_integration_row(
        &self,
        org_pk: &str,
        org_rk: &str,
        int_hint: Option<&Entity>,
    ) -> Result<()> {
        for _ in 0..MAX_ATTEMPTS {
            let truth = self.backend.get(ORG_INDEX, org_pk, org_rk).await?;
            let (int_pk, int_rk, after) = match &truth {
                Some(row) => {
                    let m = mapping_from_entity(row, Index::Org)?;
                    let (pk, rk) = Index::Integration.keys(&m);
                    (pk, rk, Some(m))
                }
                None => match int_hint {
                    Some(e) => (e.partition_key.clone(), e.row_key.clone(), None),
                    None => return Ok(()),
                },
            };
            let int_row = self
                .backend
                .get(INTEGRATION_INDEX, &int_pk, &int_rk)
                .await?;
            let change = Change {
                org_row: truth,
                int_row,
                after,
                org_row_current: true,
            };
            match self.backend.write_in_order(Self::writes(&change)).await {
                Ok(()) => return Ok(()),
                Err(p) if race_error(&p.error) => continue,
                Err(p) => return Err(p.error.into()),
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
    use crate::store::local::LocalBackend;
    use crate::store::repo::{MapRequest, MapStatus, OnExisting};

    struct AnotherWriterFirst {
        inner: LocalBackend,
        /// Writes still to be overtaken.
        overtake: AtomicUsize,
        writes: AtomicUsize,
    }

    #[async_trait::async_trait]
    impl TableBackend for AnotherWriterFirst {
        fn describe(&self) -> String {
            "scripted".into()
        }
        async fn get(&self, t: &str, pk: &str, rk: &str) -> Result<Option<Entity>, StoreError> {
            self.inner.get(t, pk, rk).await
        }
        async fn query_each(
            &self,
            t: &str,
            q: &crate::store::Query,
            each: &mut (dyn FnMut(Entity) + Send),
        ) -> Result<(), StoreError> {
            self.inner.query_each(t, q, each).await
        }
        async fn write(&self, t: &str, op: WriteOp) -> Result<Option<String>, StoreError> {
            self.inner.write(t, op).await
        }
        async fn batch(&self, t: &str, pk: &str, ops: Vec<WriteOp>) -> Result<(), StoreError> {
            self.inner.batch(t, pk, ops).await
        }
        async fn write_in_order(
            &self,
            writes: Vec<TableWrite>,
        ) -> Result<(), crate::store::PartialWrite> {
            self.writes.fetch_add(1, Ordering::SeqCst);
            let overtaken = self
                .overtake
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok();
            if overtaken {
                // The other writer gets to the org row first: same keys, its own name.
                for w in writes.iter().filter(|w| w.table == ORG_INDEX) {
                    let mut theirs = match &w.op {
                        WriteOp::Insert(e) | WriteOp::Upsert(e) => e.clone(),
                        WriteOp::Replace { entity, .. } => entity.clone(),
                        WriteOp::Delete { .. } => continue,
                    };
                    theirs.set("ExternalOrgName", "written by another process");
                    self.inner
                        .write(ORG_INDEX, WriteOp::Upsert(theirs))
                        .await
                        .unwrap();
                }
            }
            self.inner.write_in_order(writes).await
        }
    }

    fn scripted(overtake: usize) -> (tempfile::TempDir, Arc<AnotherWriterFirst>, Repo) {
        let dir = tempfile::tempdir().unwrap();
        let backend = Arc::new(AnotherWriterFirst {
            inner: LocalBackend::open(&dir.path().join("m.db")).unwrap(),
            overtake: AtomicUsize::new(overtake),
            writes: AtomicUsize::new(0),
        });
        let repo = Repo::new(backend.clone(), "jane");
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

    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn a_write_overtaken_by_another_writer_is_planned_again_on_what_it_wrote() {
        let (_dir, backend, repo) = scripted(1);
        block_on(async {
            let acme = repo.add_org("Acme", Some("acme"), None).await.unwrap().0;
            let out = repo.map(&request(&acme)).await.unwrap();
            // The insert lost to the other writer's row; the second plan found
            // that row and updated it to what this command asked for.
            assert_eq!(out.status, MapStatus::Updated);
            assert_eq!(backend.writes.load(Ordering::SeqCst), 2);
            let got = repo.get(&acme, "halopsa", None).await.unwrap();
            assert_eq!(got.external_org_name, "Ours");
            assert!(repo.check_indexes().await.unwrap().is_empty());
        });
    }

    #[test]
    fn a_writer_overtaken_every_time_gives_up_after_the_attempts_and_says_so() {
        let (_dir, backend, repo) = scripted(usize::MAX);
        block_on(async {
            let acme = repo.add_org("Acme", Some("acme"), None).await.unwrap().0;
            let err = match repo.map(&request(&acme)).await.unwrap_err() {
                crate::store::repo::RepoError::Failed(e) => e,
                other => panic!("a lost race, not a refusal: {other:?}"),
            };
            assert_eq!(err.kind, crate::error::ErrorKind::Conflict);
            assert!(
                err.message.contains(&format!("{MAX_ATTEMPTS} attempts")),
                "{}",
                err.message
            );
            assert_eq!(backend.writes.load(Ordering::SeqCst), MAX_ATTEMPTS);
        });
    }
}
