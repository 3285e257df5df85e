//! Coverage, the matrix and the history.

use axum::response::{IntoResponse, Json};
use mapctl_core::error::Result;
use mapctl_core::integrations::discovery::Freshness;
use mapctl_core::ops::{self, Quiet};
use serde::Deserialize;
use serde_json::Value;
use utoipa::IntoParams;

use super::super::AppState;
use super::super::input::Params;
use super::{Answer, ok};
use crate::commands;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct StatusParams {
    /// Only these integrations (comma-separated names or aliases)
    integrations: Option<String>,
    /// Ask the systems again instead of the discovery cache
    #[serde(default)]
    refresh: bool,
}

async fn named_or_default(state: &AppState, names: Option<&str>) -> Result<Vec<String>> {
    match names {
        Some(list) => list
            .split(',')
            .filter(|n| !n.trim().is_empty())
            .map(|n| Ok(state.session.integration_name(n.trim())?.to_string()))
            .collect(),
        None => ops::status::default_integrations(&state.session).await,
    }
}

/// Customers mapped per integration, and what needs a person (`mapctl
/// status -o json`).
#[utoipa::path(get, path = "/api/v1/status", tag = "status", params(StatusParams),
    responses((status = 200, description = "Array: one object per integration", body = Object)),
    security(("bearer" = [])))]
pub async fn status(
    axum::extract::State(state): axum::extract::State<AppState>,
    Params(p): Params<StatusParams>,
) -> Answer {
    let names = named_or_default(&state, p.integrations.as_deref()).await?;
    let judged = ops::status::report(
        &state.session,
        &names,
        Freshness::of(p.refresh, false),
        &Quiet,
    )
    .await?;
    let report: Vec<_> = judged.iter().map(|j| &j.status).collect();
    ok(&report)
}

/// Orgs × integrations (`mapctl status --matrix -o json`).
#[utoipa::path(get, path = "/api/v1/matrix", tag = "status", params(StatusParams),
    responses((status = 200, description = "Array: one object per org", body = Object)),
    security(("bearer" = [])))]
pub async fn matrix(
    axum::extract::State(state): axum::extract::State<AppState>,
    Params(p): Params<StatusParams>,
) -> Answer {
    let names = named_or_default(&state, p.integrations.as_deref()).await?;
    let (rows, _) = ops::matrix::rows(
        &state.session,
        &names,
        Freshness::of(p.refresh, false),
        &Quiet,
    )
    .await?;
    let json: Vec<Value> = rows.iter().map(|r| r.to_json(&names)).collect();
    Ok(Json(Value::Array(json)).into_response())
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct HistoryParams {
    org: Option<String>,
    integration: Option<String>,
    /// 2026-11-01, 2026-11-01T08:00:00Z, or an age such as 7d
    since: Option<String>,
    /// At most this many, the newest [default: 50]
    limit: Option<usize>,
}

/// Changes, newest first (`mapctl history -o json`).
#[utoipa::path(get, path = "/api/v1/history", tag = "status", params(HistoryParams),
    responses((status = 200, description = "Array of history entries", body = Object)),
    security(("bearer" = [])))]
pub async fn history(
    axum::extract::State(state): axum::extract::State<AppState>,
    Params(p): Params<HistoryParams>,
) -> Answer {
    let entries = commands::history::entries(
        &state.session,
        p.org.as_deref(),
        p.integration.as_deref(),
        p.since.as_deref(),
        Some(p.limit.unwrap_or(50).min(10_000)),
    )
    .await?;
    ok(&entries)
}
