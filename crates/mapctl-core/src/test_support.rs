//! What the unit tests share: a runtime to block on, and a mapping to start
//! from (active, of acme to halopsa 42, created by jane).

use crate::model::Mapping;

/// Runs a future to its end on a runtime of its own (time and I/O on).
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

/// An active mapping of `org` to `external_org_id` in `integration`, its id
/// the contract's, named "Ext ID", created and updated at one moment.
pub fn mapping(org: &str, integration: &str, external_org_id: &str) -> Mapping {
    Mapping {
        mapping_id: crate::model::MappingId::of(org, integration, external_org_id),
        org_id: org.into(),
        org_name: None,
        integration_name: integration.into(),
        external_org_id: external_org_id.into(),
        external_org_name: format!("Ext {external_org_id}"),
        mapping_data: serde_json::json!({}),
        is_active: true,
        created_at: "2026-01-01T00:00:00Z".into(),
        created_by: "jane".into(),
        updated_at: "2026-01-01T00:00:00Z".into(),
        updated_by: None,
        last_tested_at: None,
        last_test_result: None,
    }
}

use crate::store::local::LocalBackend;
use crate::store::{Entity, Query, StoreError, TableBackend, TableWrite, WriteOp};

/// What a test does on the way of a write through [`PassThrough`]: fail
/// it (a crash), or write first as another process would.
#[async_trait::async_trait]
pub trait Hook: Send + Sync {
    /// Before each write and each batch; an error fails it unwritten.
    async fn before_write(&self, _inner: &LocalBackend, _table: &str) -> Result<(), StoreError> {
        Ok(())
    }
    /// Before each group of steps of writes (a change of one mapping).
    async fn before_steps(&self, _inner: &LocalBackend, _steps: &[Vec<TableWrite>]) {}
}

/// A backend that passes every call to a real local store, with no
/// transaction across tables (as Azure has none), and a test's [`Hook`].
pub struct PassThrough<H> {
    pub inner: LocalBackend,
    pub hook: H,
}

#[async_trait::async_trait]
impl<H: Hook> TableBackend for PassThrough<H> {
    fn describe(&self) -> String {
        "pass-through".into()
    }
    async fn get(&self, t: &str, pk: &str, rk: &str) -> Result<Option<Entity>, StoreError> {
        self.inner.get(t, pk, rk).await
    }
    async fn query_each(
        &self,
        t: &str,
        q: &Query,
        each: &mut (dyn FnMut(Entity) + Send),
    ) -> Result<(), StoreError> {
        self.inner.query_each(t, q, each).await
    }
    async fn write(&self, t: &str, op: WriteOp) -> Result<Option<String>, StoreError> {
        self.hook.before_write(&self.inner, t).await?;
        self.inner.write(t, op).await
    }
    async fn batch(&self, t: &str, pk: &str, ops: Vec<WriteOp>) -> Result<(), StoreError> {
        self.hook.before_write(&self.inner, t).await?;
        self.inner.batch(t, pk, ops).await
    }
    async fn write_steps(
        &self,
        steps: Vec<Vec<TableWrite>>,
    ) -> Result<(), crate::store::StepFailure> {
        self.hook.before_steps(&self.inner, &steps).await;
        // One write after another, each through the hook: no transaction.
        for (step, writes) in steps.into_iter().enumerate() {
            let mut applied = Vec::new();
            for (i, w) in writes.into_iter().enumerate() {
                match self.write(w.table, w.op).await {
                    Ok(_) => applied.push(i),
                    Err(error) => {
                        return Err(crate::store::StepFailure {
                            step,
                            applied,
                            error,
                        });
                    }
                }
            }
        }
        Ok(())
    }
}

/// A transaction by jane over `backend`, its repository kept for the whole
/// test run (a fixture holds both); `clock` fixes the time when given.
pub fn leaked_tx(
    backend: std::sync::Arc<dyn TableBackend>,
    clock: Option<&str>,
) -> crate::mapping::Transaction<'static> {
    let mut repo = crate::mapping::Repo::new(backend);
    if let Some(at) = clock {
        let at = time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339)
            .expect("an RFC 3339 instant");
        repo = repo.with_clock(std::sync::Arc::new(crate::clock::FixedClock(at)));
    }
    Box::leak(Box::new(repo)).start_transaction("jane", "mapctl")
}
