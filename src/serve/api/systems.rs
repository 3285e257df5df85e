//! The integrations: their listing, connection tests and suggestions.

use mapctl_core::error::Error;
use mapctl_core::integrations::discovery::Freshness;
use mapctl_core::ops::{self, Quiet};
use serde::Deserialize;
use utoipa::IntoParams;

use super::super::AppState;
use super::super::input::{NoQuery, Params, Segments};
use super::{Answer, ok};
use crate::commands;

/// The integrations: built-in and declared, with whether each is configured.
#[utoipa::path(get, path = "/api/v1/integrations", tag = "integrations",
    responses((status = 200, description = "Array of integrations, as `mapctl integrations -o json`", body = Object)),
    security(("bearer" = [])))]
pub async fn integrations(
    axum::extract::State(state): axum::extract::State<AppState>,
    _: Params<NoQuery>,
) -> Answer {
    let mut list = state.session.registry.list().to_vec();
    for info in &mut list {
        if info.discovery {
            info.configured = state.session.integration_ready(&info.name).await.is_ok();
        }
    }
    ok(&list)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct DiscoverParams {
    /// Ask the system again instead of the discovery cache
    #[serde(default)]
    refresh: bool,
    /// Only records whose name or id contains this (case-insensitive)
    search: Option<String>,
    /// Only records no MSP org is mapped to
    #[serde(default)]
    unmapped: bool,
}

/// The integration's organizations (`mapctl discover`).
#[utoipa::path(get, path = "/api/v1/integrations/{integration}/orgs", tag = "integrations",
    params(("integration" = String, Path, description = "Name or alias"), DiscoverParams),
    responses((status = 200, description = "Array of external orgs", body = Object),
              (status = 404, description = "No such integration"),
              (status = 502, description = "The system refused our credentials"),
              (status = 503, description = "The system is unreachable")),
    security(("bearer" = [])))]
pub async fn discover(
    axum::extract::State(state): axum::extract::State<AppState>,
    Segments(integration): Segments<String>,
    Params(p): Params<DiscoverParams>,
) -> Answer {
    let name = state.session.integration_name(&integration)?;
    let query = ops::discover::DiscoverQuery {
        fresh: Freshness::of(p.refresh, false),
        search: p.search,
        unmapped: p.unmapped,
        include_inactive: false,
    };
    let found = ops::discover::query(&state.session, &name, &query, &Quiet).await?;
    ok(&found.records)
}

/// Tries the integration's credentials (`mapctl test-connection`): 200
/// with `success` true or false.
#[utoipa::path(post, path = "/api/v1/integrations/{integration}/test", tag = "integrations",
    params(("integration" = String, Path, description = "Name or alias")),
    responses((status = 200, description = "The test result: success, message, latency_ms", body = Object),
              (status = 404, description = "No such integration")),
    security(("bearer" = [])))]
pub async fn test_connection(
    axum::extract::State(state): axum::extract::State<AppState>,
    Segments(integration): Segments<String>,
    _: Params<NoQuery>,
) -> Answer {
    let name = state.session.integration_name(&integration)?;
    let (result, _, _) = commands::test_connection::connect(&state.session, &name).await;
    ok(&result)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SuggestParams {
    /// Only this MSP org (id or name)
    org: Option<String>,
    /// high (default) or medium
    min_confidence: Option<String>,
    /// Ask the system again instead of the discovery cache
    #[serde(default)]
    refresh: bool,
}

/// Proposed mappings (`mapctl suggest -o json`); nothing is written.
#[utoipa::path(get, path = "/api/v1/integrations/{integration}/suggestions", tag = "integrations",
    params(("integration" = String, Path, description = "Name or alias"), SuggestParams),
    responses((status = 200, description = "Array of suggestions", body = Object)),
    security(("bearer" = [])))]
pub async fn suggestions(
    axum::extract::State(state): axum::extract::State<AppState>,
    Segments(integration): Segments<String>,
    Params(p): Params<SuggestParams>,
) -> Answer {
    use commands::suggest::MinConfidence;
    let name = state.session.integration_name(&integration)?;
    let min = match p.min_confidence.as_deref() {
        None | Some("high") => MinConfidence::High,
        Some("medium") => MinConfidence::Medium,
        Some(other) => {
            return Err(
                Error::usage(format!("min_confidence {other:?} is not high or medium"))
                    .with_hint("pass min_confidence=high or medium")
                    .into(),
            );
        }
    };
    let only = match &p.org {
        Some(org) => Some(vec![state.session.org(org).await?]),
        None => None,
    };
    let (found, _) = ops::suggest::for_integration(
        &state.session,
        &name,
        only.as_deref(),
        Freshness::of(p.refresh, false),
        false,
        &Quiet,
    )
    .await?;
    let list: Vec<_> = found
        .list
        .iter()
        .filter(|s| min.admits(s.confidence))
        .collect();
    ok(&list)
}
