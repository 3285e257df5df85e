//! Mappings: the workflows' get and set, list, unmap, apply.

use axum::Extension;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json};
use mapctl_core::error::Error;
use mapctl_core::mapping::{MapRequest, MapStatus, OnExisting, UnmapSelector};
use mapctl_core::model::{self, ExternalOrgId};
use serde::Deserialize;
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use super::super::AppState;
use super::super::auth::Caller;
use super::super::input::{Body, NoQuery, Params, Segments};
use super::{Answer, actor, json_of, ok};
use crate::commands;

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
    let (_, mapping) = repo
        .org_and_mapping(&org, &integration, p.mapping_id.as_deref())
        .await?;
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
    _: Params<NoQuery>,
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
