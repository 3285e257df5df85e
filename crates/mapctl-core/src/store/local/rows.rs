//! Rows as the SQLite file holds them: properties as OData JSON, ETags,
//! and one conditional write applied inside a transaction.

use rusqlite::{Connection, OptionalExtension, params};

use super::sql_error;
use crate::store::{Entity, StoreError, WriteOp, odata};

fn new_etag() -> String {
    format!("W/\"{}\"", uuid::Uuid::new_v4().simple())
}

pub(super) fn decode(
    pk: String,
    rk: String,
    etag: String,
    props: String,
) -> Result<Entity, StoreError> {
    let json: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&props)
        .map_err(|e| StoreError::Other(format!("row {pk}/{rk} is not valid JSON: {e}")))?;
    Ok(Entity {
        partition_key: pk,
        row_key: rk,
        etag: Some(etag),
        properties: odata::from_json(&json)?,
    })
}

fn encode(e: &Entity) -> String {
    serde_json::Value::Object(odata::to_json(&e.properties)).to_string()
}

fn current_etag(
    tx: &Connection,
    table: &str,
    pk: &str,
    rk: &str,
) -> Result<Option<String>, StoreError> {
    tx.query_row(
        "SELECT etag FROM entities WHERE table_name=?1 AND partition_key=?2 AND row_key=?3",
        params![table, pk, rk],
        |r| r.get(0),
    )
    .optional()
    .map_err(sql_error)
}

/// Applies one write inside a transaction; the caller commits.
pub(super) fn apply(
    tx: &Connection,
    table: &str,
    op: &WriteOp,
) -> Result<Option<String>, StoreError> {
    let pk = op.partition_key();
    let rk = op.row_key();
    let etag = new_etag();
    match op {
        WriteOp::Insert(e) => {
            if current_etag(tx, table, pk, rk)?.is_some() {
                return Err(StoreError::AlreadyExists);
            }
            tx.execute(
                "INSERT INTO entities (table_name, partition_key, row_key, etag, properties)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![table, pk, rk, etag, encode(e)],
            )
            .map_err(sql_error)?;
            Ok(Some(etag))
        }
        WriteOp::Upsert(e) => {
            tx.execute(
                "INSERT INTO entities (table_name, partition_key, row_key, etag, properties)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (table_name, partition_key, row_key)
                 DO UPDATE SET etag = excluded.etag, properties = excluded.properties",
                params![table, pk, rk, etag, encode(e)],
            )
            .map_err(sql_error)?;
            Ok(Some(etag))
        }
        WriteOp::Replace { entity, if_match } => {
            match current_etag(tx, table, pk, rk)? {
                None => return Err(StoreError::NotFound),
                Some(current) if current != *if_match && if_match != "*" => {
                    return Err(StoreError::PreconditionFailed);
                }
                Some(_) => {}
            }
            tx.execute(
                "UPDATE entities SET etag=?4, properties=?5
                 WHERE table_name=?1 AND partition_key=?2 AND row_key=?3",
                params![table, pk, rk, etag, encode(entity)],
            )
            .map_err(sql_error)?;
            Ok(Some(etag))
        }
        WriteOp::Delete { if_match, .. } => {
            match (current_etag(tx, table, pk, rk)?, if_match) {
                (None, _) => return Err(StoreError::NotFound),
                (Some(current), Some(m)) if current != *m && m != "*" => {
                    return Err(StoreError::PreconditionFailed);
                }
                _ => {}
            }
            tx.execute(
                "DELETE FROM entities WHERE table_name=?1 AND partition_key=?2 AND row_key=?3",
                params![table, pk, rk],
            )
            .map_err(sql_error)?;
            Ok(None)
        }
    }
}
