//! The store's one write path for text: every backend is wrapped in
//! [`Masked`], which passes every string property of every row written
//! through the one secret mask (`crate::redact`), whatever produced the
//! text (a server that echoed a credential into a name, a test result, a
//! history row). Only the identity properties are kept exact: they are
//! keys, and no credential is one.

use std::sync::Arc;

use async_trait::async_trait;

use super::{
    Batch, Entity, PartialWrite, Phase, Query, StepFailure, StoreError, TableBackend, TableWrite,
    Value, WriteOp,
};

/// Properties that identify a row; never rewritten.
const IDENTITY: &[&str] = super::entity::IDENTITY_FIELDS;

pub(crate) struct Masked {
    inner: Arc<dyn TableBackend>,
}

impl Masked {
    /// `backend`, masked (once: a masked backend is not wrapped again).
    pub(crate) fn wrap(backend: Arc<dyn TableBackend>) -> Arc<dyn TableBackend> {
        if backend.is_masked() {
            return backend;
        }
        Arc::new(Masked { inner: backend })
    }
}

fn mask_entity(mut e: Entity) -> Entity {
    for (name, value) in e.properties.iter_mut() {
        if let Value::String(text) = value
            && !IDENTITY.contains(&name.as_str())
            && let std::borrow::Cow::Owned(masked) = crate::redact::scrub(text)
        {
            *text = masked;
        }
    }
    e
}

fn mask_op(op: WriteOp) -> WriteOp {
    match op {
        WriteOp::Insert(e) => WriteOp::Insert(mask_entity(e)),
        WriteOp::Upsert(e) => WriteOp::Upsert(mask_entity(e)),
        WriteOp::Replace { entity, if_match } => WriteOp::Replace {
            entity: mask_entity(entity),
            if_match,
        },
        delete @ WriteOp::Delete { .. } => delete,
    }
}

fn mask_batch(mut b: Batch) -> Batch {
    b.ops = b.ops.into_iter().map(mask_op).collect();
    b
}

#[async_trait]
impl TableBackend for Masked {
    fn describe(&self) -> String {
        self.inner.describe()
    }

    fn is_masked(&self) -> bool {
        true
    }

    async fn probe(&self) -> Result<String, StoreError> {
        self.inner.probe().await
    }

    async fn get(&self, table: &str, pk: &str, rk: &str) -> Result<Option<Entity>, StoreError> {
        self.inner.get(table, pk, rk).await
    }

    async fn query(&self, table: &str, query: &Query) -> Result<Vec<Entity>, StoreError> {
        self.inner.query(table, query).await
    }

    async fn query_each(
        &self,
        table: &str,
        query: &Query,
        each: &mut (dyn FnMut(Entity) + Send),
    ) -> Result<(), StoreError> {
        self.inner.query_each(table, query, each).await
    }

    async fn write(&self, table: &str, op: WriteOp) -> Result<Option<String>, StoreError> {
        self.inner.write(table, mask_op(op)).await
    }

    async fn begin_exclusive(&self) -> Result<bool, StoreError> {
        self.inner.begin_exclusive().await
    }

    async fn end_exclusive(&self, commit: bool) -> Result<(), StoreError> {
        self.inner.end_exclusive(commit).await
    }

    async fn batch(
        &self,
        table: &str,
        partition_key: &str,
        ops: Vec<WriteOp>,
    ) -> Result<(), StoreError> {
        let ops = ops.into_iter().map(mask_op).collect();
        self.inner.batch(table, partition_key, ops).await
    }

    async fn write_bulk(
        &self,
        phases: Vec<Phase<'_>>,
        progress: &(dyn Fn(usize) + Send + Sync),
    ) -> Result<(), PartialWrite> {
        let phases = phases
            .into_iter()
            .map(|p| Box::new(p.map(mask_batch)) as Phase<'_>)
            .collect();
        self.inner.write_bulk(phases, progress).await
    }

    async fn write_in_order(&self, writes: Vec<TableWrite>) -> Result<(), PartialWrite> {
        let writes = writes
            .into_iter()
            .map(|w| TableWrite {
                table: w.table,
                op: mask_op(w.op),
            })
            .collect();
        self.inner.write_in_order(writes).await
    }

    async fn write_steps(&self, steps: Vec<Vec<TableWrite>>) -> Result<(), StepFailure> {
        let steps = steps
            .into_iter()
            .map(|step| {
                step.into_iter()
                    .map(|w| TableWrite {
                        table: w.table,
                        op: mask_op(w.op),
                    })
                    .collect()
            })
            .collect();
        self.inner.write_steps(steps).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_is_masked_and_identities_kept() {
        crate::redact::register("masked-store-secret-1");
        let mut e = Entity::new("pk", "rk");
        e.set("ExternalOrgId", "masked-store-secret-1");
        e.set("LastTestResult", "echo: masked-store-secret-1");
        e.set(
            "After",
            r#"{"ExternalOrgName":"masked-store-secret\u002d1"}"#,
        );
        e.set("IsActive", true);
        let e = mask_entity(e);
        assert_eq!(e.str("ExternalOrgId"), Some("masked-store-secret-1"));
        assert_eq!(e.str("LastTestResult"), Some("echo: ***"));
        assert_eq!(e.str("After"), Some(r#"{"ExternalOrgName":"***"}"#));
        assert_eq!(e.bool("IsActive"), Some(true));
    }
}
