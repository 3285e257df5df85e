//! The MSP's organizations.

use axum::Extension;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json};
use mapctl_core::error::Error;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::super::AppState;
use super::super::auth::Caller;
use super::super::input::{Body, NoQuery, Params, Segments};
use super::{Answer, actor, json_of, ok};
use crate::commands;

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
    _: Params<NoQuery>,
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
    _: Params<NoQuery>,
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
    _: Params<NoQuery>,
    Body(body): Body<OrgChanges>,
) -> Answer {
    let repo = state.session.repo().await?;
    let tx = repo.start_transaction(actor(&caller), "orgs update");
    let (after, _) =
        commands::orgs::update(&tx, &org, body.name, body.tenant_id, body.domains).await?;
    ok(&after)
}
