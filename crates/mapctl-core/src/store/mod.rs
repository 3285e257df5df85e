//! The table-store seam. Backends speak the Azure Table Storage model
//! (partition key, row key, typed properties, ETags, conditional writes,
//! single-partition batches); the dual-index rules live once, in [`repo`].

use std::collections::BTreeMap;

use async_trait::async_trait;

pub mod azure;
pub mod decisions;
pub mod entity;
pub mod history;
pub mod ignore;
pub mod local;
pub mod masked;
pub mod odata;
pub mod tokens;
pub(crate) use odata::etag_written_at;
mod writes;
pub use writes::{PartialWrite, StepFailure, TableWrite};

pub const ORGANIZATIONS: &str = "Organizations";
pub const ORG_INDEX: &str = "OrgIntegrationMappings";
pub const INTEGRATION_INDEX: &str = "IntegrationMappings";
/// One row per write to a mapping or an ignore record (contract §8).
pub const MAPPING_HISTORY: &str = "MappingHistory";
/// External orgs that are not customers (contract §7).
pub const IGNORED_EXTERNAL_ORGS: &str = "IgnoredExternalOrgs";
/// A person's exclusions and rejections, by org (contract §7, fourth edition).
pub const ORG_DECISIONS: &str = "OrgDecisions";
/// The API tokens of `mapctl serve`, hashed (contract §9).
pub const API_TOKENS: &str = "ApiTokens";
pub const ALL_TABLES: [&str; 7] = [
    ORGANIZATIONS,
    ORG_INDEX,
    INTEGRATION_INDEX,
    MAPPING_HISTORY,
    IGNORED_EXTERNAL_ORGS,
    ORG_DECISIONS,
    API_TOKENS,
];

/// Azure allows at most 100 operations in one entity-group transaction.
pub(crate) const MAX_BATCH_OPS: usize = 100;

/// A typed property value (the EDM types of Table Storage).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    String(String),
    Bool(bool),
    Int32(i32),
    Int64(i64),
    Double(f64),
    /// ISO 8601, as the service returns it.
    DateTime(String),
    Guid(String),
    /// Base64, as the service returns it.
    Binary(String),
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_owned())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entity {
    pub partition_key: String,
    pub row_key: String,
    /// Set on entities read from a backend; ignored on writes (see [`WriteOp`]).
    pub etag: Option<String>,
    pub properties: BTreeMap<String, Value>,
}

impl Entity {
    pub fn new(partition_key: impl Into<String>, row_key: impl Into<String>) -> Self {
        Entity {
            partition_key: partition_key.into(),
            row_key: row_key.into(),
            etag: None,
            properties: BTreeMap::new(),
        }
    }

    pub fn set(&mut self, name: &str, value: impl Into<Value>) {
        self.properties.insert(name.to_owned(), value.into());
    }

    /// A string-like property (String, DateTime and Guid all read as text).
    pub fn str(&self, name: &str) -> Option<&str> {
        match self.properties.get(name)? {
            Value::String(s) | Value::DateTime(s) | Value::Guid(s) => Some(s),
            _ => None,
        }
    }

    /// A boolean property; the platform's Python writers sometimes store
    /// booleans as strings or integers, which read as booleans too.
    pub fn bool(&self, name: &str) -> Option<bool> {
        match self.properties.get(name)? {
            Value::Bool(b) => Some(*b),
            Value::String(s) => match s.to_ascii_lowercase().as_str() {
                "true" | "1" => Some(true),
                "false" | "0" => Some(false),
                _ => None,
            },
            Value::Int32(i) => Some(*i != 0),
            Value::Int64(i) => Some(*i != 0),
            _ => None,
        }
    }
}

/// Which rows a query returns. Every field narrows the result (AND).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    pub(crate) partition_key: Option<String>,
    /// Rows whose RowKey starts with this (a range query `ge prefix and lt next(prefix)`).
    /// A prefix is only a narrowing: `halopsa_` also matches `halopsa_eu_…`, so
    /// callers filter on properties as well.
    pub(crate) row_key_prefix: Option<String>,
    /// Property equality filters.
    pub(crate) equals: Vec<(String, Value)>,
}

impl Query {
    pub fn partition(pk: impl Into<String>) -> Self {
        Query {
            partition_key: Some(pk.into()),
            ..Query::default()
        }
    }
    pub fn all() -> Self {
        Query::default()
    }
    pub(crate) fn with_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.row_key_prefix = Some(prefix.into());
        self
    }
    pub(crate) fn with_equals(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.equals.push((name.to_owned(), value.into()));
        self
    }

    /// Whether an entity satisfies the query (used by backends that filter in memory).
    pub(crate) fn matches(&self, e: &Entity) -> bool {
        self.partition_key
            .as_deref()
            .is_none_or(|pk| e.partition_key == pk)
            && self
                .row_key_prefix
                .as_deref()
                .is_none_or(|p| e.row_key.starts_with(p))
            && self
                .equals
                .iter()
                .all(|(name, v)| e.properties.get(name) == Some(v))
    }
}

/// The exclusive upper bound of a prefix range: the prefix with its last
/// character incremented (`halopsa_` → `halopsa`), or None when unbounded.
pub(crate) fn prefix_upper_bound(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        let mut next = last as u32 + 1;
        if (0xD800..=0xDFFF).contains(&next) {
            next = 0xE000;
        }
        if let Some(c) = char::from_u32(next) {
            chars.push(c);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

/// One write. ETags make updates conditional; `Upsert` is unconditional and
/// only used where the caller has just read or derived the truth.
#[derive(Debug, Clone, PartialEq)]
pub enum WriteOp {
    /// Fails with [`StoreError::AlreadyExists`] when the row exists.
    Insert(Entity),
    /// Fails with [`StoreError::PreconditionFailed`] when the ETag no longer
    /// matches, [`StoreError::NotFound`] when the row is gone.
    Replace {
        entity: Entity,
        if_match: String,
    },
    Upsert(Entity),
    /// `if_match: None` deletes whatever is there; a missing row is NotFound.
    Delete {
        partition_key: String,
        row_key: String,
        if_match: Option<String>,
    },
}

impl WriteOp {
    pub(crate) fn partition_key(&self) -> &str {
        match self {
            WriteOp::Insert(e) | WriteOp::Upsert(e) | WriteOp::Replace { entity: e, .. } => {
                &e.partition_key
            }
            WriteOp::Delete { partition_key, .. } => partition_key,
        }
    }
    pub(crate) fn row_key(&self) -> &str {
        match self {
            WriteOp::Insert(e) | WriteOp::Upsert(e) | WriteOp::Replace { entity: e, .. } => {
                &e.row_key
            }
            WriteOp::Delete { row_key, .. } => row_key,
        }
    }
}

/// Batches of one bulk phase in flight at once.
pub(crate) const BULK_IN_FLIGHT: usize = 8;

/// Up to [`MAX_BATCH_OPS`] writes to one partition of one table.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    pub(crate) table: &'static str,
    pub(crate) partition_key: String,
    pub(crate) ops: Vec<WriteOp>,
}

/// Groups writes into batches of one partition each, at most
/// [`MAX_BATCH_OPS`] operations, keeping their order within a partition.
pub(crate) fn into_batches(writes: Vec<TableWrite>) -> Vec<Batch> {
    let mut groups: std::collections::BTreeMap<(&'static str, String), Vec<WriteOp>> =
        Default::default();
    for w in writes {
        groups
            .entry((w.table, w.op.partition_key().to_owned()))
            .or_default()
            .push(w.op);
    }
    let mut out = Vec::new();
    for ((table, partition_key), ops) in groups {
        let mut ops = ops.into_iter().peekable();
        while ops.peek().is_some() {
            out.push(Batch {
                table,
                partition_key: partition_key.clone(),
                ops: ops.by_ref().take(MAX_BATCH_OPS).collect(),
            });
        }
    }
    out
}

/// The batches of one phase of a bulk write, made as they are needed.
pub(crate) type Phase<'a> = Box<dyn Iterator<Item = Batch> + Send + 'a>;

/// Batches of consecutive writes to one partition, at most [`MAX_BATCH_OPS`]
/// each: for writes already ordered by partition, made one at a time.
pub(crate) fn consecutive_batches<'a>(
    writes: impl Iterator<Item = TableWrite> + Send + 'a,
) -> Phase<'a> {
    let mut writes = writes.peekable();
    Box::new(std::iter::from_fn(move || {
        let first = writes.next()?;
        let (table, partition_key) = (first.table, first.op.partition_key().to_owned());
        let mut ops = vec![first.op];
        while ops.len() < MAX_BATCH_OPS
            && let Some(next) =
                writes.next_if(|w| w.table == table && w.op.partition_key() == partition_key)
        {
            ops.push(next.op);
        }
        Some(Batch {
            table,
            partition_key,
            ops,
        })
    }))
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoreError {
    #[error("the row does not exist")]
    NotFound,
    #[error("the row already exists")]
    AlreadyExists,
    #[error("the row was changed by someone else (ETag mismatch)")]
    PreconditionFailed,
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Auth(String),
    #[error("{0}")]
    Unavailable(String),
    #[error("{0}")]
    Other(String),
    /// Ctrl-C: what was under way was rolled back or stopped between writes.
    #[error("interrupted")]
    Interrupted,
}

#[async_trait]
pub trait TableBackend: Send + Sync {
    /// Where the data lives, for `doctor` and error messages (never a secret).
    fn describe(&self) -> String;

    /// Whether this backend already masks what it writes ([`masked::Masked`]).
    fn is_masked(&self) -> bool {
        false
    }

    /// Checks that the store answers and the credentials work (for `doctor`);
    /// says what it found.
    async fn probe(&self) -> Result<String, StoreError> {
        Ok(self.describe())
    }

    async fn get(&self, table: &str, pk: &str, rk: &str) -> Result<Option<Entity>, StoreError>;

    /// Every matching row, following continuations to the end, ordered by
    /// PartitionKey then RowKey.
    async fn query(&self, table: &str, query: &Query) -> Result<Vec<Entity>, StoreError> {
        let mut out = Vec::new();
        self.query_each(table, query, &mut |e| out.push(e)).await?;
        Ok(out)
    }

    /// The rows of `query`, one at a time, in the same order: for reads too
    /// large to hold whole (a plan over every mapping).
    async fn query_each(
        &self,
        table: &str,
        query: &Query,
        each: &mut (dyn FnMut(Entity) + Send),
    ) -> Result<(), StoreError>;

    /// One write; returns the new ETag (None for deletes).
    async fn write(&self, table: &str, op: WriteOp) -> Result<Option<String>, StoreError>;

    /// Starts a section in which this process alone writes (reads see the
    /// section's own writes), for a read-check-write that must hold against
    /// other processes. False: the backend has none (Azure), and the caller
    /// must check its rules after writing instead.
    async fn begin_exclusive(&self) -> Result<bool, StoreError> {
        Ok(false)
    }

    /// Ends the section: its writes become visible (`commit`) or vanish.
    async fn end_exclusive(&self, _commit: bool) -> Result<(), StoreError> {
        Ok(())
    }

    /// All or nothing, within one partition of one table, at most
    /// [`MAX_BATCH_OPS`] operations.
    async fn batch(
        &self,
        table: &str,
        partition_key: &str,
        ops: Vec<WriteOp>,
    ) -> Result<(), StoreError>;

    /// Applies phases of single-partition batches. The batches of a phase
    /// may run at once (a few in flight); a phase starts only when the one
    /// before it fully succeeded. `progress` hears how many operations each
    /// finished batch applied. The local backend makes it all one transaction.
    async fn write_bulk(
        &self,
        phases: Vec<Phase<'_>>,
        progress: &(dyn Fn(usize) + Send + Sync),
    ) -> Result<(), PartialWrite> {
        use futures_util::StreamExt;
        use std::sync::atomic::{AtomicBool, Ordering};
        // Ctrl-C or a failed batch: no new batch starts, those in flight end.
        let _clean = crate::interrupt::CleanStop::begin();
        let stop = AtomicBool::new(false);
        let mut applied = 0;
        for phase in phases {
            let stop = &stop;
            let mut results = futures_util::stream::iter(phase.map(|b| async move {
                if crate::interrupt::requested() {
                    return Err(StoreError::Interrupted);
                }
                if stop.load(Ordering::SeqCst) {
                    return Ok(None);
                }
                let n = b.ops.len();
                self.batch(b.table, &b.partition_key, b.ops)
                    .await
                    .map(|()| Some(n))
            }))
            .buffer_unordered(BULK_IN_FLIGHT);
            let mut failed = None;
            while let Some(result) = results.next().await {
                match result {
                    Ok(Some(n)) => {
                        applied += n;
                        progress(n);
                    }
                    Ok(None) => {}
                    Err(e) => {
                        stop.store(true, Ordering::SeqCst);
                        // Ctrl-C is why the run stopped, whatever else failed.
                        if e == StoreError::Interrupted {
                            failed = Some(e);
                        } else {
                            failed.get_or_insert(e);
                        }
                    }
                }
            }
            if let Some(error) = failed {
                return Err(PartialWrite { applied, error });
            }
        }
        Ok(())
    }

    /// Applies writes that span tables, in the given order. A backend that can
    /// (local) makes them one transaction; the default applies them one by one
    /// and stops at the first failure, which the repository's write order and
    /// `doctor --repair` make recoverable.
    async fn write_in_order(&self, writes: Vec<TableWrite>) -> Result<(), PartialWrite> {
        for (applied, w) in writes.into_iter().enumerate() {
            if let Err(error) = self.write(w.table, w.op).await {
                return Err(PartialWrite { applied, error });
            }
        }
        Ok(())
    }

    /// Applies steps of writes that span tables: the writes of a step at
    /// once (one round trip on a remote store), a step only after the one
    /// before fully succeeded. A backend that can (local) makes them one
    /// transaction.
    async fn write_steps(&self, steps: Vec<Vec<TableWrite>>) -> Result<(), StepFailure> {
        for (step, writes) in steps.into_iter().enumerate() {
            let results = futures_util::future::join_all(
                writes.into_iter().map(|w| self.write(w.table, w.op)),
            )
            .await;
            let applied: Vec<usize> = (0..results.len()).filter(|&i| results[i].is_ok()).collect();
            if let Some(error) = results.into_iter().find_map(Result::err) {
                return Err(StepFailure {
                    step,
                    applied,
                    error,
                });
            }
        }
        Ok(())
    }
}

/// Checks a batch the way Table Storage would, before any backend runs it.
pub(crate) fn check_batch(partition_key: &str, ops: &[WriteOp]) -> Result<(), StoreError> {
    if ops.len() > MAX_BATCH_OPS {
        return Err(StoreError::Invalid(format!(
            "a batch holds at most {MAX_BATCH_OPS} operations, got {}",
            ops.len()
        )));
    }
    if let Some(op) = ops.iter().find(|op| op.partition_key() != partition_key) {
        return Err(StoreError::Invalid(format!(
            "a batch spans one partition; {:?} is not {partition_key:?}",
            op.partition_key()
        )));
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(op) = ops.iter().find(|op| !seen.insert(op.row_key())) {
        return Err(StoreError::Invalid(format!(
            "a batch may touch a row once; {:?} appears twice",
            op.row_key()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
