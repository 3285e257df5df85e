//! The endpoints of contract §9, each the twin of a command: it calls the
//! same core function (or the same command helper) and answers with the
//! CLI's `-o json` shape of the same thing, from the same serializer.

mod mappings;
mod orgs;
mod reports;
mod systems;

pub use mappings::*;
pub use orgs::*;
pub use reports::*;
pub use systems::*;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use mapctl_core::error::{Error, Result};
use serde_json::{Value, json};

use super::AppState;
use super::auth::Caller;
use super::error::ApiError;

pub(super) type Answer = std::result::Result<Response, ApiError>;

pub(super) fn json_of<T: serde::Serialize>(value: &T) -> Result<Value> {
    serde_json::to_value(value).map_err(|e| Error::internal(format!("cannot serialize: {e}")))
}

pub(super) fn ok<T: serde::Serialize>(value: &T) -> Answer {
    Ok(Json(json_of(value)?).into_response())
}

/// `api:NAME`: who the tables and the history name for a write.
pub(super) fn actor(caller: &Caller) -> String {
    format!("api:{}", caller.name)
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
