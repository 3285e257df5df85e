//! Who is asking, and from where (contract §9): a bearer token on every
//! `/api/` and `/mcp` request, checked by one point read of its hash (so a
//! revocation is seen by every replica at once); a read token writing is
//! 403; on loopback the `Host` must be this server (no DNS rebinding).

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use mapctl_core::error::{Error, ErrorKind};
use mapctl_core::store::tokens::Scope;

use super::AppState;
use super::error::{ApiError, respond};

/// The token a request came with, by name (for the history's actor
/// `api:NAME` and the access log).
#[derive(Debug, Clone)]
pub struct Caller {
    pub name: String,
    pub scope: Scope,
}

fn unauthorized(message: &str) -> Response {
    let mut response = respond(
        StatusCode::UNAUTHORIZED,
        Error::new(ErrorKind::Auth, message).with_hint(
            "send Authorization: Bearer TOKEN (mapctl tokens create --name NAME makes one)",
        ),
    );
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

/// Checks the bearer token; the caller rides along in the request's and
/// the response's extensions.
pub async fn authenticate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let presented = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, token) = v.split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        })
        .map(str::to_owned);
    let Some(token) = presented else {
        return unauthorized("no bearer token");
    };
    let repo = match state.session.repo().await {
        Ok(repo) => repo,
        Err(e) => return ApiError(e).into_response(),
    };
    // The workflows' get_integration_mapping (two point-sized reads), with
    // a token of the right shape, runs while the token is checked: its
    // answer is held until the check passes, and the read is dropped the
    // moment the check fails. Never a write, a listing, nor a call to an
    // integration. Whichever ends first, the other is awaited where it is
    // (a check begun anew would cost another read after the answer).
    let (caller, mut response) = if mapping_read(&req) && looks_like_a_token(&token) {
        let handler = next.run(req);
        let check = repo.authenticate(&token);
        tokio::pin!(handler, check);
        tokio::select! {
            checked = &mut check => match caller_of(checked) {
                Ok(caller) => (caller, handler.await),
                Err(refused) => return *refused,
            },
            response = &mut handler => match caller_of(check.await) {
                Ok(caller) => (caller, response),
                Err(refused) => return *refused,
            },
        }
    } else {
        match caller_of(repo.authenticate(&token).await) {
            Ok(caller) => {
                req.extensions_mut().insert(caller.clone());
                (caller, next.run(req).await)
            }
            Err(refused) => return *refused,
        }
    };
    response.extensions_mut().insert(caller);
    response
}

/// The caller a token check found, or the answer that refuses it.
fn caller_of(
    checked: mapctl_core::error::Result<Option<mapctl_core::store::tokens::TokenInfo>>,
) -> Result<Caller, Box<Response>> {
    match checked {
        Ok(Some(info)) => Ok(Caller {
            name: info.name,
            scope: info.scope,
        }),
        Ok(None) => Err(Box::new(unauthorized(
            "the token is not one this server knows (revoked, or mistyped)",
        ))),
        Err(e) => Err(Box::new(ApiError(e).into_response())),
    }
}

/// `GET /api/v1/orgs/{org}/integrations/{integration}/mapping`: one org's
/// rows of one integration, from the store alone.
fn mapping_read(req: &Request) -> bool {
    let path = req.uri().path();
    req.method() == Method::GET
        && path.starts_with("/api/v1/orgs/")
        && path.ends_with("/mapping")
        && path.split('/').count() == 8
}

/// `mapctl_` and 64 hex digits, as `tokens create` makes them.
fn looks_like_a_token(token: &str) -> bool {
    token
        .strip_prefix(mapctl_core::mapping::tokens::PREFIX)
        .is_some_and(|hex| hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A read token may only read: GET and HEAD.
pub async fn writes_need_write_scope(req: Request, next: Next) -> Response {
    let reads = matches!(*req.method(), Method::GET | Method::HEAD);
    let scope = req.extensions().get::<Caller>().map(|c| c.scope);
    if !reads && scope != Some(Scope::Write) {
        return respond(
            StatusCode::FORBIDDEN,
            Error::new(ErrorKind::Auth, "this token may only read")
                .with_hint("use a token made with --scope write"),
        );
    }
    next.run(req).await
}

/// The hosts a loopback server answers to (None: any, behind a proxy or
/// on a public address with TLS).
#[derive(Debug, Clone)]
pub struct HostCheck(pub Option<Vec<String>>);

impl HostCheck {
    pub fn loopback(bound: std::net::SocketAddr) -> HostCheck {
        let ip = match bound.ip() {
            std::net::IpAddr::V4(v4) => v4.to_string(),
            std::net::IpAddr::V6(v6) => format!("[{v6}]"),
        };
        let port = bound.port();
        // The address bound first: the hint names it.
        let names = [ip.as_str(), "127.0.0.1", "localhost", "[::1]"];
        HostCheck(Some(
            names
                .iter()
                .flat_map(|n| [format!("{n}:{port}"), n.to_string()])
                .collect(),
        ))
    }
}

/// A page on another site that resolves its own name to 127.0.0.1 sends
/// its own name as Host: refused, so it cannot reach the API.
pub async fn check_host(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if let Some(allowed) = &state.hosts.0 {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .map(str::to_ascii_lowercase);
        // HTTP/2 carries the authority in the URI instead.
        let host = host.or_else(|| {
            req.uri()
                .authority()
                .map(|a| a.as_str().to_ascii_lowercase())
        });
        if !host.is_some_and(|h| allowed.contains(&h)) {
            return respond(
                StatusCode::MISDIRECTED_REQUEST,
                Error::usage("this server answers only to its loopback address")
                    .with_hint(format!("call it as http://{}", allowed[0])),
            );
        }
    }
    next.run(req).await
}
