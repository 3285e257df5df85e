//! The embedded default backend: one SQLite file holding the same logical
//! tables, keys and OData-typed properties as Azure Table Storage.
//!
//! Concurrency: WAL mode plus a busy timeout lets several processes read and
//! write at once; every write runs in a `BEGIN IMMEDIATE` transaction so a
//! conditional write (ETag, insert-if-absent) checks and writes atomically.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use rusqlite::{Connection, ErrorCode, OptionalExtension, params};

use super::{
    Entity, PartialWrite, Phase, Query, StepFailure, StoreError, TableBackend, TableWrite, Value,
    WriteOp, check_batch, prefix_upper_bound,
};

const SCHEMA_VERSION: i64 = 1;
const BUSY_TIMEOUT: Duration = Duration::from_secs(15);
const BUSY_POLL: Duration = Duration::from_millis(10);

pub struct LocalBackend {
    path: PathBuf,
    conn: Mutex<Connection>,
    /// Why the store could only be opened for reading (a read-only folder
    /// or file): reads work, writes fail with this reason.
    read_only: Option<String>,
}

/// Marks the file as a mapctl store (`PRAGMA application_id`, "mapc").
const APPLICATION_ID: i64 = 0x6d61_7063;

impl LocalBackend {
    /// Opens the store, creating the file and its folder on first use. A
    /// store that this user can read but not write opens for reading.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        match Self::open_writable(path) {
            Ok(b) => Ok(b),
            Err(StoreError::Auth(why)) if path.is_file() => Self::open_read_only(path, why),
            Err(e) => Err(e),
        }
    }

    fn open_writable(path: &Path) -> Result<Self, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                let why = format!(
                    "cannot create the folder {} for the local store: {e}",
                    dir.display()
                );
                if e.kind() == std::io::ErrorKind::PermissionDenied {
                    StoreError::Auth(why)
                } else {
                    StoreError::Other(why)
                }
            })?;
        }
        let mut conn = Connection::open(path).map_err(|e| open_error(path, e))?;
        Self::set_handlers(&mut conn).map_err(|e| open_error(path, e))?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(|e| open_error(path, e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Other(format!(
                "the local store {} could not switch to WAL mode (it reports {mode:?})",
                path.display()
            )));
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| open_error(path, e))?;
        let backend = LocalBackend {
            path: path.to_owned(),
            conn: Mutex::new(conn),
            read_only: None,
        };
        backend.migrate()?;
        Ok(backend)
    }

    /// Reading without writing anything, not even the WAL index: SQLite's
    /// `immutable` mode, for a folder this user cannot write.
    fn open_read_only(path: &Path, why: String) -> Result<Self, StoreError> {
        let uri = url::Url::from_file_path(std::path::absolute(path).unwrap_or(path.to_owned()))
            .map(|u| format!("{u}?immutable=1"))
            .map_err(|()| StoreError::Auth(why.clone()))?;
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
            | rusqlite::OpenFlags::SQLITE_OPEN_URI
            | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(uri, flags).map_err(|e| open_error(path, e))?;
        Self::set_handlers(&mut conn).map_err(|e| open_error(path, e))?;
        let backend = LocalBackend {
            path: path.to_owned(),
            conn: Mutex::new(conn),
            read_only: Some(why),
        };
        backend.migrate()?;
        Ok(backend)
    }

    fn set_handlers(conn: &mut Connection) -> rusqlite::Result<()> {
        // Waits for another process's lock, but not past Ctrl-C.
        conn.busy_handler(Some(|attempt: i32| {
            if attempt == 0 {
                lock_wait::notice();
            }
            std::thread::sleep(BUSY_POLL);
            !crate::interrupt::requested() && BUSY_POLL * (attempt as u32 + 1) < BUSY_TIMEOUT
        }))?;
        // Ctrl-C aborts a running statement; the transaction then rolls back.
        conn.progress_handler(10_000, Some(crate::interrupt::requested))
    }

    fn not_a_store(&self, why: String) -> StoreError {
        StoreError::Invalid(format!(
            "{} is not a mapctl store: {why}; mapctl leaves it alone",
            self.path.display()
        ))
    }

    fn migrate(&self) -> Result<(), StoreError> {
        let conn = self.lock();
        let read = |sql: &str| -> Result<i64, StoreError> {
            conn.query_row(sql, [], |r| r.get(0))
                .map_err(|e| open_error(&self.path, e))
        };
        let version = read("PRAGMA user_version")?;
        let application_id = read("PRAGMA application_id")?;
        if application_id != 0 && application_id != APPLICATION_ID {
            return Err(self.not_a_store(format!(
                "it is a SQLite database of another program (application id {application_id:#x})"
            )));
        }
        if version > SCHEMA_VERSION {
            return Err(StoreError::Other(format!(
                "the local store {} was written by a newer mapctl (schema {version}); upgrade mapctl",
                self.path.display()
            )));
        }
        if version == SCHEMA_VERSION {
            return Ok(());
        }
        // Schema 0: a new, empty file, or a database that is not ours.
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'entities'")
            .map_err(|e| open_error(&self.path, e))?;
        let others: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| open_error(&self.path, e))?;
        if !others.is_empty() {
            return Err(self.not_a_store(format!(
                "it is a SQLite database with other tables ({})",
                others.join(", ")
            )));
        }
        if let Some(why) = &self.read_only {
            return Err(StoreError::Auth(why.clone()));
        }
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE;
             CREATE TABLE IF NOT EXISTS entities (
                 table_name    TEXT NOT NULL,
                 partition_key TEXT NOT NULL,
                 row_key       TEXT NOT NULL,
                 etag          TEXT NOT NULL,
                 properties    TEXT NOT NULL,
                 PRIMARY KEY (table_name, partition_key, row_key)
             ) WITHOUT ROWID;
             -- The shared-org check of `map` looks rows up by ExternalOrgId
             -- inside one integration partition.
             CREATE INDEX IF NOT EXISTS entities_external_org_id
                 ON entities (table_name, partition_key, json_extract(properties, '$.\"ExternalOrgId\"'));
             PRAGMA application_id = {APPLICATION_ID};
             PRAGMA user_version = 1;
             COMMIT;"
        ))
        .map_err(|e| open_error(&self.path, e))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite itself consistent.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` in a transaction: its own `BEGIN IMMEDIATE`, or, inside an
    /// exclusive section, a savepoint of the section's transaction.
    fn in_transaction<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        if let Some(why) = &self.read_only {
            return Err(StoreError::Auth(format!(
                "the local store {} can be read but not written here: {why}",
                self.path.display()
            )));
        }
        let mut conn = self.lock();
        if conn.is_autocommit() {
            let tx = conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(sql_error)?;
            let out = f(&tx)?;
            tx.commit().map_err(sql_error)?;
            Ok(out)
        } else {
            let sp = conn.savepoint().map_err(sql_error)?;
            let out = f(&sp)?;
            sp.commit().map_err(sql_error)?;
            Ok(out)
        }
    }
}

pub mod lock_wait;
mod rows;
use rows::{apply, decode};

fn open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    let at = path.display();
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::Invalid(format!(
            "{at} is not a mapctl store, or it is damaged ({e})"
        )),
        Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => {
            StoreError::Auth(format!("cannot open the local store {at} for writing: {e}"))
        }
        _ => match sql_error(e) {
            StoreError::Other(m) => {
                StoreError::Other(format!("cannot open the local store {at}: {m}"))
            }
            other => other,
        },
    }
}

fn sql_error(e: rusqlite::Error) -> StoreError {
    if crate::interrupt::requested() {
        return StoreError::Interrupted;
    }
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Unavailable(
            "the local store is locked by another process (waited 15 s)".into(),
        ),
        Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => {
            StoreError::Auth(format!("the local store cannot be written: {e}"))
        }
        _ => StoreError::Other(e.to_string()),
    }
}

#[async_trait]
impl TableBackend for LocalBackend {
    fn describe(&self) -> String {
        format!("local store {}", self.path.display())
    }

    async fn get(&self, table: &str, pk: &str, rk: &str) -> Result<Option<Entity>, StoreError> {
        let conn = self.lock();
        let row = conn
            .query_row(
                "SELECT partition_key, row_key, etag, properties FROM entities
                 WHERE table_name=?1 AND partition_key=?2 AND row_key=?3",
                params![table, pk, rk],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .map_err(sql_error)?;
        row.map(|(pk, rk, etag, props)| decode(pk, rk, etag, props))
            .transpose()
    }

    async fn query_each(
        &self,
        table: &str,
        query: &Query,
        each: &mut (dyn FnMut(Entity) + Send),
    ) -> Result<(), StoreError> {
        // Without statistics SQLite prefers the primary key over the
        // ExternalOrgId index and scans the whole partition; name the index.
        let by_external_id = query.partition_key.is_some()
            && query
                .equals
                .iter()
                .any(|(n, v)| n == "ExternalOrgId" && matches!(v, Value::String(_)));
        let mut sql = format!(
            "SELECT partition_key, row_key, etag, properties FROM entities {} WHERE table_name = ?1",
            if by_external_id {
                "INDEXED BY entities_external_org_id"
            } else {
                ""
            }
        );
        let mut args: Vec<String> = vec![table.to_owned()];
        if let Some(pk) = &query.partition_key {
            args.push(pk.clone());
            sql.push_str(&format!(" AND partition_key = ?{}", args.len()));
        }
        if let Some(prefix) = &query.row_key_prefix {
            args.push(prefix.clone());
            sql.push_str(&format!(" AND row_key >= ?{}", args.len()));
            if let Some(upper) = prefix_upper_bound(prefix) {
                args.push(upper);
                sql.push_str(&format!(" AND row_key < ?{}", args.len()));
            }
        }
        // String equality filters run in SQLite, so a large partition is not
        // decoded row by row; `matches` below still checks every filter exactly.
        for (name, value) in &query.equals {
            if let Value::String(v) = value {
                args.push(v.clone());
                sql.push_str(&format!(
                    " AND json_extract(properties, '$.\"{}\"') = ?{}",
                    name.replace(['"', '\\', '\''], ""),
                    args.len()
                ));
            }
        }
        sql.push_str(" ORDER BY partition_key, row_key");
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&sql).map_err(sql_error)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .map_err(sql_error)?;
        for row in rows {
            let (pk, rk, etag, props) = row.map_err(sql_error)?;
            let entity = decode(pk, rk, etag, props)?;
            if query.matches(&entity) {
                each(entity);
            }
        }
        Ok(())
    }

    async fn write(&self, table: &str, op: WriteOp) -> Result<Option<String>, StoreError> {
        self.in_transaction(|tx| apply(tx, table, &op))
    }

    /// One immediate transaction from here to `end_exclusive`: other
    /// processes wait, so a rule read, checked and written holds.
    async fn begin_exclusive(&self) -> Result<bool, StoreError> {
        if let Some(why) = &self.read_only {
            return Err(StoreError::Auth(format!(
                "the local store {} can be read but not written here: {why}",
                self.path.display()
            )));
        }
        self.lock()
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(sql_error)?;
        Ok(true)
    }

    async fn end_exclusive(&self, commit: bool) -> Result<(), StoreError> {
        let conn = self.lock();
        if conn.is_autocommit() {
            return Ok(());
        }
        if commit {
            conn.execute_batch("COMMIT").map_err(sql_error)
        } else {
            conn.execute_batch("ROLLBACK").map_err(sql_error)
        }
    }

    async fn batch(
        &self,
        table: &str,
        partition_key: &str,
        ops: Vec<WriteOp>,
    ) -> Result<(), StoreError> {
        check_batch(partition_key, &ops)?;
        self.in_transaction(|tx| {
            for op in &ops {
                apply(tx, table, op)?;
            }
            Ok(())
        })
    }

    /// A bulk write is one local transaction: all of it or none.
    async fn write_bulk(
        &self,
        phases: Vec<Phase<'_>>,
        progress: &(dyn Fn(usize) + Send + Sync),
    ) -> Result<(), PartialWrite> {
        let mut total = 0;
        self.in_transaction(|tx| {
            for batch in phases.into_iter().flatten() {
                total += batch.ops.len();
                check_batch(&batch.partition_key, &batch.ops)?;
                // Dropping the transaction rolls it back.
                if crate::interrupt::requested() {
                    return Err(StoreError::Interrupted);
                }
                for op in &batch.ops {
                    apply(tx, batch.table, op)?;
                }
            }
            Ok(())
        })
        .map_err(|error| PartialWrite { applied: 0, error })?;
        progress(total);
        Ok(())
    }

    /// Both index rows of a mapping change in one local transaction.
    async fn write_in_order(&self, writes: Vec<TableWrite>) -> Result<(), PartialWrite> {
        self.in_transaction(|tx| {
            for w in &writes {
                apply(tx, w.table, &w.op)?;
            }
            Ok(())
        })
        .map_err(|error| PartialWrite { applied: 0, error })
    }

    /// Every step in one local transaction: all or nothing.
    async fn write_steps(&self, steps: Vec<Vec<TableWrite>>) -> Result<(), StepFailure> {
        self.in_transaction(|tx| {
            for w in steps.iter().flatten() {
                apply(tx, w.table, &w.op)?;
            }
            Ok(())
        })
        .map_err(|error| StepFailure {
            step: 0,
            applied: Vec::new(),
            error,
        })
    }
}

#[cfg(test)]
mod tests;
