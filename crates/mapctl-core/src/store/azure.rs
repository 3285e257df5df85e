//! Azure Table Storage (and Azurite) behind the [`TableBackend`] trait.
//!
//! `azure_data_tables` is pinned at 0.21.0 (see Cargo.toml) and stays behind
//! this file. Its known traps, handled here: it cannot read a connection
//! string (parsed below), it builds entity URLs without doubling `'` in keys
//! (done here), and a failed entity-group transaction comes back as a
//! successful response with the failed operation inside (every operation's
//! status is checked). Tables are created on first use: an operation that
//! meets `TableNotFound` creates the table and runs once more, so a command
//! on existing tables costs no extra request.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use azure_core_legacy::error::ErrorKind as AzErrorKind;
use azure_core_legacy::{ExponentialRetryOptions, RetryOptions, TransportOptions};
use azure_data_tables::clients::TableServiceClientBuilder;
use azure_data_tables::prelude::*;
use azure_storage::{CloudLocation, StorageCredentials};
use futures_util::StreamExt;
use serde_json::{Map, Value as Json};

use super::{Entity, Query, StoreError, TableBackend, WriteOp, check_batch, odata};

use crate::error::{Error, Result};

mod connection;
mod policies;

pub(crate) use crate::trace::Trace;
pub(crate) use connection::{Auth, Target, endpoint_target, parse_connection_string};
mod filter;
use filter::escape_key;
pub(crate) use filter::filter_text;
use policies::{CircuitBreaker, RequestTrace};

pub(crate) struct AzureBackend {
    service: TableServiceClient,
    target: Target,
    /// Where the credential came from, for error hints (never the value).
    credential_source: String,
}

/// Retries of transient failures (408, 429, 5xx, connection errors), with
/// exponential backoff that honours Retry-After.
pub(crate) fn default_retry() -> RetryOptions {
    RetryOptions::exponential(
        ExponentialRetryOptions::default()
            .max_retries(4u32)
            .initial_delay(Duration::from_millis(250))
            .max_delay(Duration::from_secs(8))
            .max_total_elapsed(Duration::from_secs(30)),
    )
}

impl AzureBackend {
    pub(crate) fn new(
        target: Target,
        credential_source: impl Into<String>,
        retry: RetryOptions,
        trace: Option<Trace>,
        entra: Option<Arc<crate::azure_auth::TokenCache>>,
    ) -> Result<AzureBackend> {
        let credentials = match &target.auth {
            Auth::SharedKey { key } => {
                StorageCredentials::access_key(target.account.clone(), key.clone())
            }
            Auth::Sas { token } => StorageCredentials::sas_token(token.clone()).map_err(|_| {
                Error::invalid(
                    "the SharedAccessSignature of the storage connection string cannot be read",
                )
                .with_hint("copy the SAS token again, without the leading '?'")
            })?,
            Auth::EntraId => {
                let cache = entra.ok_or_else(|| {
                    Error::internal("Entra ID sign-in was not set up for the store")
                })?;
                StorageCredentials::token_credential(Arc::new(crate::azure_auth::LegacyBridge(
                    cache,
                )))
            }
        };
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .user_agent(concat!("mapctl/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::internal(format!("cannot build the HTTP client: {e}")))?;
        let mut options =
            azure_core_legacy::ClientOptions::new(TransportOptions::new(Arc::new(http)))
                .retry(retry);
        options
            .per_call_policies_mut()
            .push(Arc::new(CircuitBreaker::default()));
        options
            .per_retry_policies_mut()
            .push(Arc::new(RequestTrace { trace }));
        let location = CloudLocation::Custom {
            account: target.account.clone(),
            uri: target.endpoint.clone(),
        };
        let service = TableServiceClientBuilder::with_location(location, credentials)
            .client_options(options)
            .build();
        Ok(AzureBackend {
            service,
            target,
            credential_source: credential_source.into(),
        })
    }

    fn entity_client(&self, table: &str, pk: &str, rk: &str) -> EntityClient {
        self.service
            .table_client(table)
            .partition_key_client(escape_key(pk))
            .entity_client(escape_key(rk))
    }

    /// Removes anything secret from text that came back from the SDK
    /// (reqwest errors, for one, print the whole URL): the key and SAS token
    /// are registered with the one mask, which also masks any `sig=`.
    fn redact(&self, text: &str) -> String {
        crate::redact::scrub(text).into_owned()
    }

    fn error(&self, e: azure_core_legacy::Error) -> StoreError {
        match e.kind() {
            AzErrorKind::HttpResponse { status, error_code } => {
                let status = *status as u16;
                let code = error_code.clone().unwrap_or_default();
                match (status, code.as_str()) {
                    (404, _) => StoreError::NotFound,
                    (409, "EntityAlreadyExists") => StoreError::AlreadyExists,
                    (412, _) => StoreError::PreconditionFailed,
                    (401 | 403, _) => StoreError::Auth(format!(
                        "Azure Table Storage at {} refused the {} from {} ({status} {code})",
                        self.target.endpoint,
                        self.auth_name(),
                        self.credential_source
                    )),
                    (400, _) => StoreError::Invalid(format!(
                        "Azure Table Storage rejected the request ({status} {code}): {}",
                        self.redact(&first_line(&e.to_string()))
                    )),
                    (408 | 429 | 500..=599, _) => StoreError::Unavailable(format!(
                        "Azure Table Storage at {} answered {status} {code}, also after retries",
                        self.target.endpoint
                    )),
                    _ => StoreError::Other(format!(
                        "Azure Table Storage answered {status} {code}: {}",
                        self.redact(&first_line(&e.to_string()))
                    )),
                }
            }
            AzErrorKind::Io => StoreError::Unavailable(format!(
                "cannot reach Azure Table Storage at {}: {}",
                self.target.endpoint,
                self.redact(&error_chain(&e))
            )),
            AzErrorKind::Credential => StoreError::Auth(format!(
                "cannot get a Microsoft Entra ID token for {}: {}",
                self.target.endpoint,
                self.redact(&error_chain(&e))
            )),
            _ => StoreError::Other(self.redact(&error_chain(&e))),
        }
    }

    fn auth_name(&self) -> &'static str {
        match self.target.auth {
            Auth::SharedKey { .. } => "account key",
            Auth::Sas { .. } => "SAS token",
            Auth::EntraId => "Microsoft Entra ID token",
        }
    }

    fn is_table_missing(e: &azure_core_legacy::Error) -> bool {
        matches!(e.kind(), AzErrorKind::HttpResponse { error_code: Some(code), .. } if code == "TableNotFound")
    }

    /// Creates a table; true when it was missing.
    async fn create_table(&self, table: &str) -> Result<bool, StoreError> {
        match self.service.table_client(table).create().await {
            Ok(_) => Ok(true),
            Err(e) if matches!(e.kind(), AzErrorKind::HttpResponse { error_code: Some(c), .. } if c == "TableAlreadyExists") => {
                Ok(false)
            }
            Err(e) => Err(self.error(e)),
        }
    }

    async fn write_once(
        &self,
        table: &str,
        op: &WriteOp,
    ) -> Result<Option<String>, azure_core_legacy::Error> {
        let body = |e: &Entity| entity_json(e);
        match op {
            WriteOp::Insert(e) => {
                let response = self
                    .service
                    .table_client(table)
                    .insert::<_, Json>(body(e))?
                    .return_entity(false)
                    .await?;
                Ok(Some(response.etag.to_string()))
            }
            WriteOp::Replace { entity, if_match } => {
                let response = self
                    .entity_client(table, &entity.partition_key, &entity.row_key)
                    .update(body(entity), if_match_condition(Some(if_match)))?
                    .await?;
                Ok(Some(response.etag.to_string()))
            }
            WriteOp::Upsert(e) => {
                let response = self
                    .entity_client(table, &e.partition_key, &e.row_key)
                    .insert_or_replace(body(e))?
                    .await?;
                Ok(Some(response.etag.to_string()))
            }
            WriteOp::Delete {
                partition_key,
                row_key,
                if_match,
            } => {
                self.entity_client(table, partition_key, row_key)
                    .delete()
                    .if_match(if_match_condition(if_match.as_ref()))
                    .await?;
                Ok(None)
            }
        }
    }

    async fn batch_once(
        &self,
        table: &str,
        partition_key: &str,
        ops: &[WriteOp],
    ) -> Result<Result<(), StoreError>, azure_core_legacy::Error> {
        let mut tx = self
            .service
            .table_client(table)
            .partition_key_client(escape_key(partition_key))
            .transaction();
        for op in ops {
            tx = match op {
                WriteOp::Insert(e) => tx.insert(entity_json(e))?,
                WriteOp::Replace { entity, if_match } => tx.update(
                    escape_key(&entity.row_key),
                    entity_json(entity),
                    Some(if_match_condition(Some(if_match))),
                )?,
                WriteOp::Upsert(e) => {
                    tx.insert_or_replace(escape_key(&e.row_key), entity_json(e))?
                }
                WriteOp::Delete {
                    row_key, if_match, ..
                } => tx.delete(
                    escape_key(row_key),
                    Some(if_match_condition(if_match.as_ref())),
                )?,
            };
        }
        let response = tx.await?;
        // A failed transaction is a 202 whose one inner response carries the failure.
        if let Some(failed) = response
            .operation_responses
            .iter()
            .find(|r| r.status_code as u16 >= 300)
        {
            return Ok(Err(match failed.status_code as u16 {
                404 => StoreError::NotFound,
                409 => StoreError::AlreadyExists,
                412 => StoreError::PreconditionFailed,
                401 | 403 => StoreError::Auth(format!(
                    "Azure Table Storage refused the {} from {}",
                    self.auth_name(),
                    self.credential_source
                )),
                s @ (408 | 429 | 500..=599) => {
                    StoreError::Unavailable(format!("a batch operation answered {s}"))
                }
                s => StoreError::Other(format!("a batch operation answered {s}")),
            }));
        }
        if response.operation_responses.len() != ops.len() {
            return Ok(Err(StoreError::Other(format!(
                "the batch answered {} of {} operations",
                response.operation_responses.len(),
                ops.len()
            ))));
        }
        Ok(Ok(()))
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().to_owned()
}

fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.dedup();
    parts.join(": ")
}

fn if_match_condition(etag: Option<&String>) -> IfMatchCondition {
    match etag {
        Some(e) if e != "*" => IfMatchCondition::Etag(e.clone().into()),
        _ => IfMatchCondition::Any,
    }
}

fn entity_json(e: &Entity) -> Json {
    let mut map = odata::to_json(&e.properties);
    map.insert("PartitionKey".into(), Json::from(e.partition_key.as_str()));
    map.insert("RowKey".into(), Json::from(e.row_key.as_str()));
    Json::Object(map)
}

fn entity_from_json(map: &Map<String, Json>, etag: Option<String>) -> Result<Entity, StoreError> {
    let key = |k: &str| {
        map.get(k)
            .and_then(Json::as_str)
            .map(str::to_owned)
            .ok_or_else(|| StoreError::Other(format!("an entity came back without {k}")))
    };
    Ok(Entity {
        partition_key: key("PartitionKey")?,
        row_key: key("RowKey")?,
        etag: etag.or_else(|| {
            map.get("odata.etag")
                .and_then(Json::as_str)
                .map(str::to_owned)
        }),
        properties: odata::from_json(map)?,
    })
}

#[async_trait]
impl TableBackend for AzureBackend {
    fn describe(&self) -> String {
        format!(
            "Azure Table Storage {} ({} from {})",
            self.target.endpoint,
            self.auth_name(),
            self.credential_source
        )
    }

    async fn probe(&self) -> Result<String, StoreError> {
        let mut stream = self.service.list().into_stream();
        let mut names = Vec::new();
        while let Some(page) = stream.next().await {
            let page = page.map_err(|e| self.error(e))?;
            names.extend(page.tables.into_iter().map(|t| t.name));
        }
        let missing: Vec<&str> = super::ALL_TABLES
            .iter()
            .copied()
            .filter(|t| !names.iter().any(|n| n == t))
            .collect();
        // A SAS that may only read serves list, get and export; say that
        // writes will fail before one does.
        let read_only = match &self.target.auth {
            connection::Auth::Sas { token } => connection::sas_read_only(token),
            _ => None,
        };
        if let Some(permissions) = read_only {
            return Ok(format!(
                "{}; the SAS allows only {permissions:?} (no add, update or delete): reads work, writes will fail",
                self.describe()
            ));
        }
        Ok(if missing.is_empty() {
            format!("{}; tables present", self.describe())
        } else {
            format!(
                "{}; not created yet (first write creates them): {}",
                self.describe(),
                missing.join(", ")
            )
        })
    }

    async fn get(&self, table: &str, pk: &str, rk: &str) -> Result<Option<Entity>, StoreError> {
        match self
            .entity_client(table, pk, rk)
            .get::<Map<String, Json>>()
            .await
        {
            Ok(r) => entity_from_json(&r.entity, Some(r.etag.to_string())).map(Some),
            Err(e) => match self.error(e) {
                StoreError::NotFound => Ok(None),
                other => Err(other),
            },
        }
    }

    async fn query_each(
        &self,
        table: &str,
        query: &Query,
        each: &mut (dyn FnMut(Entity) + Send),
    ) -> Result<(), StoreError> {
        let mut builder = self.service.table_client(table).query();
        if let Some(f) = filter_text(query) {
            builder = builder.filter(Filter::new(f));
        }
        let mut stream = builder.into_stream::<Map<String, Json>>();
        while let Some(page) = stream.next().await {
            match page {
                Ok(page) => {
                    for e in &page.entities {
                        let entity = entity_from_json(e, None)?;
                        if query.matches(&entity) {
                            each(entity);
                        }
                    }
                }
                Err(e) if Self::is_table_missing(&e) => return Ok(()),
                Err(e) => return Err(self.error(e)),
            }
        }
        Ok(())
    }

    async fn write(&self, table: &str, op: WriteOp) -> Result<Option<String>, StoreError> {
        match self.write_once(table, &op).await {
            Err(e) if Self::is_table_missing(&e) => {
                self.create_table(table).await?;
                self.write_once(table, &op).await.map_err(|e| self.error(e))
            }
            other => other.map_err(|e| self.error(e)),
        }
    }

    async fn batch(
        &self,
        table: &str,
        partition_key: &str,
        ops: Vec<WriteOp>,
    ) -> Result<(), StoreError> {
        check_batch(partition_key, &ops)?;
        if ops.is_empty() {
            return Ok(());
        }
        match self.batch_once(table, partition_key, &ops).await {
            // Inside a batch a missing table is a bare 404, like a missing
            // row. Make sure the table exists (a batch running beside this one
            // may be creating it) and try once more: a missing row stays 404.
            Ok(Err(StoreError::NotFound)) => {
                self.create_table(table).await?;
            }
            Ok(result) => return result,
            Err(e) if Self::is_table_missing(&e) => {
                self.create_table(table).await?;
            }
            Err(e) => return Err(self.error(e)),
        }
        self.batch_once(table, partition_key, &ops)
            .await
            .map_err(|e| self.error(e))?
    }
}

#[cfg(test)]
mod tests;
