//! What a client sends, read as the core's errors: a JSON body and a query
//! string whose every fault (a syntax error, a wrong type, an unknown
//! field, no JSON content type, a body over the limit) is the error object
//! with the right status, never axum's plain-text rejection.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Json, Query, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use mapctl_core::error::Error;
use serde::de::DeserializeOwned;

use super::error::respond;

/// A rejected input, already an error object.
pub struct Rejected(Response);

impl IntoResponse for Rejected {
    fn into_response(self) -> Response {
        self.0
    }
}

/// A JSON request body.
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = Rejected;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(Body(value)),
            Err(rejection) => Err(Rejected(json_rejected(rejection))),
        }
    }
}

fn json_rejected(rejection: JsonRejection) -> Response {
    let (status, error) = match &rejection {
        JsonRejection::MissingJsonContentType(_) => (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Error::usage("the body must be JSON").with_hint("send Content-Type: application/json"),
        ),
        JsonRejection::JsonSyntaxError(_) => (
            StatusCode::BAD_REQUEST,
            Error::usage(format!(
                "the body is not valid JSON: {}",
                rejection.body_text()
            ))
            .with_hint("check the JSON's syntax"),
        ),
        JsonRejection::JsonDataError(_) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Error::invalid(format!("the body does not fit: {}", rejection.body_text()))
                .with_hint("see the request's schema in /openapi.json"),
        ),
        _ => (
            rejection.status(),
            Error::usage(format!(
                "the body cannot be read: {}",
                rejection.body_text()
            ))
            .with_hint("a body holds at most 16 MiB"),
        ),
    };
    respond(status, error)
}

/// A query string; an unknown parameter is refused, not ignored.
pub struct Params<T>(pub T);

/// The query of an endpoint that takes none: any parameter is refused.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoQuery {}

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Params<T> {
    type Rejection = Rejected;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(Params(value)),
            Err(rejection) => Err(Rejected(query_rejected(rejection))),
        }
    }
}

fn query_rejected(rejection: QueryRejection) -> Response {
    respond(
        StatusCode::BAD_REQUEST,
        Error::usage(format!(
            "the query string does not fit: {}",
            rejection.body_text()
        ))
        .with_hint("see the parameters in /openapi.json"),
    )
}

/// Path segments, percent-decoded; a segment that is not UTF-8 is refused.
pub struct Segments<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Segments<T> {
    type Rejection = Rejected;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Segments(value)),
            Err(rejection) => Err(Rejected(respond(
                StatusCode::BAD_REQUEST,
                Error::usage(format!("the path does not fit: {}", rejection.body_text()))
                    .with_hint("percent-encode each segment as UTF-8"),
            ))),
        }
    }
}
