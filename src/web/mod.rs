//! `mapctl ui` (contract §10): the seed's UI for people, server-rendered
//! (maud templates checked at compile time), htmx vendored for the search
//! that answers each keystroke, every asset embedded in the binary. The
//! same server, core, rules and refusals as `mapctl serve`.

mod dialogs;
mod map_dialog;
mod pages;
mod review;

use axum::Router;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use mapctl_core::error::Error;
use maud::{DOCTYPE, Markup, html};
use serde::Deserialize;

use crate::serve::AppState;
use crate::serve::sessions::same;

const COOKIE: &str = "mapctl_session";
const STYLE: &str = include_str!("../../assets/web/style.css");
const HTMX: &str = include_str!("../../assets/web/htmx.min.js");
const APP_JS: &str = include_str!("../../assets/web/app.js");

/// The pages, under the server's limits and Host check.
pub fn pages() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::matrix))
        .route("/login", get(login))
        .route("/signed-out", get(signed_out))
        .route("/orgs/{org}", get(pages::org))
        .route(
            "/orgs/{org}/map/{integration}",
            get(map_dialog::map_dialog).post(map_dialog::map),
        )
        .route(
            "/orgs/{org}/map/{integration}/search",
            get(map_dialog::search),
        )
        .route(
            "/orgs/{org}/mappings/{integration}/{mapping_id}/edit",
            get(dialogs::edit_dialog).post(dialogs::edit),
        )
        .route(
            "/orgs/{org}/mappings/{integration}/{mapping_id}/unmap",
            post(dialogs::unmap),
        )
        .route(
            "/orgs/{org}/test/{integration}",
            post(dialogs::test_connection),
        )
        .route(
            "/review/{integration}",
            get(review::page).post(review::apply),
        )
        .route("/history", get(pages::history))
        .route("/assets/{file}", get(asset))
        .layer(axum::middleware::map_response(secure_headers))
}

/// Only the page's own origin: no inline script or style, no framing.
async fn secure_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn asset(axum::extract::Path(file): axum::extract::Path<String>) -> Response {
    let (kind, body) = match file.as_str() {
        "style.css" => ("text/css; charset=utf-8", STYLE),
        "htmx.min.js" => ("text/javascript; charset=utf-8", HTMX),
        "app.js" => ("text/javascript; charset=utf-8", APP_JS),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    ([(header::CONTENT_TYPE, kind)], body).into_response()
}

#[derive(Deserialize)]
struct LoginQuery {
    token: String,
}

/// The one-time login URL: a session cookie, then the matrix.
async fn login(State(state): State<AppState>, Query(q): Query<LoginQuery>) -> Response {
    let Some((id, _)) = state.browsers.log_in(&q.token) else {
        return (
            StatusCode::FORBIDDEN,
            layout_bare(
                "Login link used",
                html! { p { "This login link was used already, or is not this server's. Run " code { "mapctl ui" } " again for a new one." } },
            ),
        )
            .into_response();
    };
    let cookie = format!("{COOKIE}={id}; HttpOnly; SameSite=Strict; Path=/");
    let mut response = Redirect::to("/").into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).expect("hex"),
    );
    response
}

async fn signed_out() -> Markup {
    layout_bare(
        "Not signed in",
        html! {
            p { "This page needs the login link " code { "mapctl ui" } " prints when it starts. Run it again for a new link." }
        },
    )
}

/// A signed-in browser: its session's CSRF token. A request without a
/// session is sent to `/signed-out` (a page) or refused (403, a write).
/// The API's bearer tokens work too (a script, not a browser: no cookie a
/// page on another site could ride, so no CSRF token; a read token reads).
pub struct Browser {
    pub csrf: String,
    bearer: Option<mapctl_core::store::tokens::Scope>,
    /// Who the history names: the configured actor, or `api:NAME`.
    actor: Option<String>,
}

impl FromRequestParts<AppState> for Browser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let id = parts
            .headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|c| c.trim().split_once('='))
            .find(|(name, _)| *name == COOKIE)
            .map(|(_, value)| value.to_owned());
        if let Some(csrf) = id.and_then(|id| state.browsers.csrf_of(&id)) {
            return Ok(Browser {
                csrf,
                bearer: None,
                actor: None,
            });
        }
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        if let Some(token) = bearer {
            let repo = state.session.repo().await.map_err(error_page)?;
            if let Some(info) = repo.authenticate(token).await.map_err(error_page)? {
                return Ok(Browser {
                    csrf: String::new(),
                    bearer: Some(info.scope),
                    actor: Some(format!("api:{}", info.name)),
                });
            }
        }
        Err(if parts.method == Method::GET {
            Redirect::to("/signed-out").into_response()
        } else {
            refused("no session: open the login link `mapctl ui` prints")
        })
    }
}

impl Browser {
    /// The actor of a write from this browser (or script).
    pub fn actor(&self, state: &AppState) -> String {
        self.actor
            .clone()
            .unwrap_or_else(|| state.session.config.actor.clone())
    }

    /// A write's form must carry the session's CSRF token.
    pub fn check(&self, presented: &str) -> Result<(), Box<Response>> {
        use mapctl_core::store::tokens::Scope;
        match self.bearer {
            Some(Scope::Write) => return Ok(()),
            Some(Scope::Read) => return Err(Box::new(refused("this token may only read"))),
            None => {}
        }
        if !self.csrf.is_empty() && same(&self.csrf, presented) {
            Ok(())
        } else {
            Err(Box::new(refused(
                "the form's CSRF token is missing or wrong: reload the page",
            )))
        }
    }
}

fn refused(message: &str) -> Response {
    (
        StatusCode::FORBIDDEN,
        layout_bare("Refused", html! { p.error role="alert" { (message) } }),
    )
        .into_response()
}

/// An error of the core, on a page, with its hint in the UI's words.
pub fn error_page(e: Error) -> Response {
    let status = crate::serve::error::status_of(e.kind);
    let e = crate::hints::worded(e);
    (
        status,
        layout_bare(
            "Error",
            html! {
                p.error role="alert" { (e.message) }
                @if let Some(hint) = &e.hint { p.hint { (hint) } }
                p { a href="/" { "Back to the matrix" } }
            },
        ),
    )
        .into_response()
}

/// The page around a view: navigation, the assets, the CSRF token for
/// htmx's requests.
pub fn layout(title: &str, csrf: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="htmx-config" content=r#"{"includeIndicatorStyles":false,"allowEval":false}"#;
                meta name="csrf-token" content=(csrf);
                title { (title) " · mapctl" }
                link rel="stylesheet" href="/assets/style.css";
                script src="/assets/htmx.min.js" defer {}
                script src="/assets/app.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/" { "mapctl" }
                    nav aria-label="Main" {
                        a href="/" { "Matrix" }
                        a href="/history" { "History" }
                    }
                }
                main { (body) }
            }
        }
    }
}

fn layout_bare(title: &str, body: Markup) -> Markup {
    layout(title, "", html! { h1 { (title) } (body) })
}
