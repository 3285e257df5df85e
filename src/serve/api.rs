//! The endpoints of contract §9, each the twin of a command: it calls the
//! same core function (or the same command helper) and answers with the
//! CLI's `-o json` shape of the same thing, from the same serializer.

use axum::Extension;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use mapctl_core::error::{Error, Result};
use mapctl_core::integrations::discovery::Freshness;
use mapctl_core::mapping::Repo;
use mapctl_core::mapping::{MapRequest, MapStatus, OnExisting, UnmapSelector};
use mapctl_core::model::{self, ExternalOrgId};
use mapctl_core::ops::{self, Quiet};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};

use super::AppState;
use super::auth::Caller;
use super::error::ApiError;
use super::input::{Body, Params, Segments};
use crate::commands;

type Answer = std::result::Result<Response, ApiError>;

fn json_of<T: serde::Serialize>(value: &T) -> Result<Value> {
    serde_json::to_value(value).map_err(|e| Error::internal(format!("cannot serialize: {e}")))
}

fn ok<T: serde::Serialize>(value: &T) -> Answer {
    Ok(Json(json_of(value)?).into_response())
}

/// `api:NAME`: who the tables and the history name for a write.
fn actor(caller: &Caller) -> String {
    format!("api:{}", caller.name)
}

/// The integrations: built-in and declared, with whether each is configured.
#[utoipa::path(get, path = "/api/v1/integrations", tag = "integrations",
    responses((status = 200, description = "Array of integrations, as `mapctl integrations -o json`", body = Object)),
    security(("bearer" = [])))]
pub async fn integrations(axum::extract::State(state): axum::extract::State<AppState>) -> Answer {
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

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AllParams {
    /// Also the inactive (soft-deleted) ones
    #[serde(default)]
    all: bool,
}

/// The MSP's organizations (`mapctl orgs list`).
#[utoipa::path(get, path = "/api/v1/orgs", tag = "orgs", params(AllParams),
    responses((status = 200, description = "Array of orgs", body = Object)),
    security(("bearer" = [])))]
pub async fn list_orgs(
    axum::extract::State(state): axum::extract::State<AppState>,
    Params(p): Params<AllParams>,
) -> Answer {
    ok(&state.session.repo().await?.list_orgs(p.all).await?)
}

/// A new MSP org.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrg {
    name: String,
    /// A new GUID when left out
    id: Option<String>,
    tenant_id: Option<String>,
    #[serde(default)]
    domains: Vec<String>,
}

/// Adds an org (`mapctl orgs add`): 201, or 200 when it exists as given.
#[utoipa::path(post, path = "/api/v1/orgs", tag = "orgs", request_body = NewOrg,
    responses((status = 201, description = "The org", body = Object),
              (status = 200, description = "The org existed as given", body = Object),
              (status = 409, description = "The id or name is taken")),
    security(("bearer" = [])))]
pub async fn add_org(
    axum::extract::State(state): axum::extract::State<AppState>,
    Extension(caller): Extension<Caller>,
    Body(body): Body<NewOrg>,
) -> Answer {
    let repo = state.session.repo().await?;
    let tx = repo.start_transaction(actor(&caller), "orgs add");
    let (org, created) = tx
        .add_org_with(
            &body.name,
            body.id.as_deref(),
            body.tenant_id.as_deref(),
            &body.domains,
        )
        .await
        .map_err(Error::from)?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(json_of(&org)?)).into_response())
}

/// An org with its state in every integration (`mapctl orgs show -o json`).
#[utoipa::path(get, path = "/api/v1/orgs/{org}", tag = "orgs",
    params(("org" = String, Path, description = "Id or name")),
    responses((status = 200, description = "The org and its integrations", body = Object),
              (status = 404, description = "No such org")),
    security(("bearer" = [])))]
pub async fn show_org(
    axum::extract::State(state): axum::extract::State<AppState>,
    Segments(org): Segments<String>,
) -> Answer {
    let repo = state.session.repo().await?;
    let (org, names, rows) = commands::orgs::shown(&state.session, repo, &org).await?;
    Ok(Json(commands::orgs::shown_json(&org, &names, &rows[0])?).into_response())
}

/// What to change of an org; a field left out is kept.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgChanges {
    name: Option<String>,
    tenant_id: Option<String>,
    /// All of the org's domains (an empty array removes them)
    domains: Option<Vec<String>>,
}

/// Changes an org (`mapctl orgs update`).
#[utoipa::path(patch, path = "/api/v1/orgs/{org}", tag = "orgs",
    params(("org" = String, Path, description = "Id or name")), request_body = OrgChanges,
    responses((status = 200, description = "The org after", body = Object),
              (status = 404, description = "No such org"),
              (status = 409, description = "The name is taken")),
    security(("bearer" = [])))]
pub async fn update_org(
    axum::extract::State(state): axum::extract::State<AppState>,
    Extension(caller): Extension<Caller>,
    Segments(org): Segments<String>,
    Body(body): Body<OrgChanges>,
) -> Answer {
    let repo = state.session.repo().await?;
    let tx = repo.start_transaction(actor(&caller), "orgs update");
    let (after, _) =
        commands::orgs::update(&tx, &org, body.name, body.tenant_id, body.domains).await?;
    ok(&after)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    /// Only this MSP org (id or name)
    org: Option<String>,
    /// Only this integration (name or alias)
    integration: Option<String>,
    /// Also soft-deleted mappings
    #[serde(default)]
    all: bool,
}

/// Mappings (`mapctl list -o json`).
#[utoipa::path(get, path = "/api/v1/mappings", tag = "mappings", params(ListParams),
    responses((status = 200, description = "Array of mappings", body = Object)),
    security(("bearer" = [])))]
pub async fn list_mappings(
    axum::extract::State(state): axum::extract::State<AppState>,
    Params(p): Params<ListParams>,
) -> Answer {
    let mappings = commands::list::listed(
        &state.session,
        p.org.as_deref(),
        p.integration.as_deref(),
        p.all,
    )
    .await?;
    ok(&mappings)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct GetParams {
    /// Which one, when the org has several active mappings there
    mapping_id: Option<String>,
}

/// The org's mapping in the integration (`mapctl get`; the workflows'
/// `get_integration_mapping`).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/integrations/{integration}/mapping", tag = "mappings",
    params(("org" = String, Path, description = "Id or name"),
           ("integration" = String, Path, description = "Name or alias"), GetParams),
    responses((status = 200, description = "The mapping", body = Object),
              (status = 404, description = "No org, integration or active mapping"),
              (status = 409, description = "Several active mappings: pass mapping_id")),
    security(("bearer" = [])))]
pub async fn get_mapping(
    axum::extract::State(state): axum::extract::State<AppState>,
    Segments((org, integration)): Segments<(String, String)>,
    Params(p): Params<GetParams>,
) -> Answer {
    let integration = state.session.integration_name(&integration)?;
    let repo = state.session.repo().await?;
    let (org, rows) = repo.org_and_mappings(&org, Some(&integration)).await?;
    let mapping =
        Repo::get_in(&org, &integration, &rows, p.mapping_id.as_deref()).map_err(Error::from)?;
    ok(&mapping)
}

/// What to map the org to.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MapBody {
    external_org_id: String,
    external_org_name: Option<String>,
    /// A JSON object kept with the mapping
    #[schema(value_type = Object)]
    mapping_data: Option<Value>,
    /// With another active mapping there: "replace" soft-deletes it, "add" keeps both
    mode: Option<String>,
    /// Map an external org another org is mapped to as well
    #[serde(default)]
    allow_shared: bool,
    /// Check that the external org exists (default false: an automation
    /// sends ids it read from the system)
    #[serde(default)]
    verify: bool,
}

/// Maps the org (`mapctl map`; the workflows' `set_integration_mapping`):
/// the mapping with `outcome`, 201 when created.
#[utoipa::path(put, path = "/api/v1/orgs/{org}/integrations/{integration}/mapping", tag = "mappings",
    params(("org" = String, Path, description = "Id or name"),
           ("integration" = String, Path, description = "Name or alias")),
    request_body = MapBody,
    responses((status = 201, description = "Created: the mapping with outcome", body = Object),
              (status = 200, description = "Updated, reactivated or unchanged", body = Object),
              (status = 409, description = "Another mapping there, the external org mapped elsewhere, ignored or excluded"),
              (status = 422, description = "An invalid id, name or mapping data")),
    security(("bearer" = [])))]
pub async fn set_mapping(
    axum::extract::State(state): axum::extract::State<AppState>,
    Extension(caller): Extension<Caller>,
    Segments((org, integration)): Segments<(String, String)>,
    Body(body): Body<MapBody>,
) -> Answer {
    let info = state.session.registry.resolve(&integration)?.clone();
    let external_id = ExternalOrgId::parse(&body.external_org_id)?;
    info.check_external_id(&external_id)?;
    let on_existing = match body.mode.as_deref() {
        None => OnExisting::Refuse,
        Some("replace") => OnExisting::Replace,
        Some("add") => OnExisting::Add,
        Some(other) => {
            return Err(
                Error::invalid(format!("mode {other:?} is not replace or add"))
                    .with_hint(r#"send "mode":"replace" or "mode":"add", or leave it out"#)
                    .into(),
            );
        }
    };
    let mapping_data = body
        .mapping_data
        .map(|v| model::parse_mapping_data(&v.to_string()))
        .transpose()?
        .map(Value::Object);
    if let Some(name) = &body.external_org_name {
        model::validate_name("external_org_name", name, true)?;
    }
    let mut external_org_name = body.external_org_name;
    if body.verify {
        let found = commands::map::verified_name(&state.session, &info, &external_id).await?;
        external_org_name.get_or_insert(found);
    }
    let repo = state.session.repo().await?;
    let tx = repo.start_transaction(actor(&caller), "map");
    let (org, reads) = tx.org_for_map(&org, &info.name, &external_id).await?;
    let request = MapRequest {
        org,
        integration: state.session.integration_name(&info.name)?,
        external_org_id: external_id,
        external_org_name,
        mapping_data,
        on_existing,
        allow_shared: body.allow_shared,
    };
    let outcome = tx
        .map_with(&request, Some(reads))
        .await
        .map_err(Error::from)?;
    let mut json = json_of(&outcome.mapping)?;
    json["outcome"] = json_of(&outcome.status)?;
    let status = if outcome.status == MapStatus::Created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(json)).into_response())
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct UnmapParams {
    /// Delete the rows instead of soft-deleting them
    #[serde(default)]
    purge: bool,
}

/// Soft-deletes one mapping (`mapctl unmap --mapping-id`): 200 with the
/// mapping as it is now.
#[utoipa::path(delete, path = "/api/v1/orgs/{org}/integrations/{integration}/mappings/{mapping_id}", tag = "mappings",
    params(("org" = String, Path, description = "Id or name"),
           ("integration" = String, Path, description = "Name or alias"),
           ("mapping_id" = String, Path, description = "The mapping's id"), UnmapParams),
    responses((status = 200, description = "The mapping, no longer active", body = Object),
              (status = 404, description = "No such org, integration or mapping")),
    security(("bearer" = [])))]
pub async fn unmap(
    axum::extract::State(state): axum::extract::State<AppState>,
    Extension(caller): Extension<Caller>,
    Segments((org, integration, mapping_id)): Segments<(String, String, String)>,
    Params(p): Params<UnmapParams>,
) -> Answer {
    let integration = state.session.integration_name(&integration)?;
    let repo = state.session.repo().await?;
    let tx = repo.start_transaction(actor(&caller), "unmap");
    let (org, reads) = tx.org_for_unmap(&org, &integration).await?;
    let selector = UnmapSelector::MappingId(mapping_id);
    let mut done = tx
        .unmap_with(&org, &integration, &selector, p.purge, Some(reads))
        .await
        .map_err(Error::from)?;
    let Some(mut mapping) = done.pop() else {
        return Err(Error::not_found("no such mapping").into());
    };
    mapping.is_active = false;
    ok(&mapping)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ApplyParams {
    /// Plan only: nothing is written
    #[serde(default)]
    dry_run: bool,
    /// Soft-delete active mappings of the file's integrations it does not list
    #[serde(default)]
    prune: bool,
}

/// Applies an apply file (`mapctl apply -f`, JSON): the summary; 422
/// listing every problem, nothing written.
#[utoipa::path(post, path = "/api/v1/apply", tag = "mappings", params(ApplyParams),
    request_body(content = Object, description = "An apply file: an array of records, as `mapctl export` writes"),
    responses((status = 200, description = "The apply summary", body = Object),
              (status = 409, description = "A record breaks a rule against the store"),
              (status = 422, description = "Invalid records, each listed in error.details")),
    security(("bearer" = [])))]
pub async fn apply(
    axum::extract::State(state): axum::extract::State<AppState>,
    Extension(caller): Extension<Caller>,
    Params(p): Params<ApplyParams>,
    Body(body): Body<Value>,
) -> Answer {
    let (request, _) = commands::apply::read_request(
        &state.session,
        body.to_string(),
        mapctl_core::records::FileFormat::Json,
        p.prune,
    )
    .await?;
    let repo = state.session.repo().await?;
    let tx = repo.start_transaction(actor(&caller), "apply");
    let mut plan = tx.plan_apply(request).await.map_err(Error::from)?;
    if p.dry_run {
        return ok(&mapctl_core::mapping::apply::ApplySummary::of(&plan, true));
    }
    let summary = tx
        .commit_apply(&mut plan, &|_| {})
        .await
        .map_err(Error::from)?;
    ok(&summary)
}

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

/// Whether the store answers (`mapctl doctor`, its cheap part). No token.
#[utoipa::path(get, path = "/healthz", tag = "health",
    responses((status = 200, description = r#"{"status":"ok"}"#, body = Object),
              (status = 503, description = "The store does not answer", body = Object)))]
pub async fn healthz(axum::extract::State(state): axum::extract::State<AppState>) -> Response {
    let probe = async {
        let repo = state.session.repo().await?;
        repo.backend().probe().await.map_err(Error::from)
    };
    match probe.await {
        Ok(_) => Json(json!({"status": "ok"})).into_response(),
        Err(e) => super::error::respond(StatusCode::SERVICE_UNAVAILABLE, e),
    }
}

/// An unknown path under /api/: the error object, 404.
pub async fn no_such_endpoint() -> Response {
    super::error::respond(
        StatusCode::NOT_FOUND,
        Error::not_found("no such endpoint").with_hint("see the endpoints in /openapi.json"),
    )
}
