//! `mapctl serve` (contract §9): the seed's management API over the same
//! core as the command line. Stateless (every replica over the same
//! tables is interchangeable), loopback by default, bounded (body size,
//! time and concurrency), with bearer tokens and an access log that never
//! holds a secret.

pub mod access_log;
mod api;
pub mod auth;
pub mod error;
pub mod input;
mod mcp;
pub mod openapi;
pub mod sessions;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use mapctl_core::error::{Error, Result};
use mapctl_core::session::Session;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use auth::HostCheck;

/// A body holds at most this: an apply of 100,000 records fits.
const MAX_BODY: usize = 16 * 1024 * 1024;
/// Requests served at once; more wait their turn.
const MAX_CONCURRENT: usize = 256;
/// In-flight requests get this long to finish on SIGINT or SIGTERM.
const GRACE: Duration = Duration::from_secs(10);

/// What every handler reads: the core session (configuration, registry,
/// store), shared by all requests.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub session: Session,
    hosts: HostCheck,
    /// Browser sessions (`mapctl ui`; none for `serve`).
    pub browsers: sessions::Sessions,
}

impl std::ops::Deref for AppState {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}

/// How `mapctl serve` listens.
pub struct Options {
    pub listen: SocketAddr,
    /// PEM certificate chain and key.
    pub tls: Option<(PathBuf, PathBuf)>,
    /// A TLS-terminating proxy is in front (a public address without TLS).
    pub behind_proxy: bool,
    /// A request that takes longer is answered 408 (a slow client included).
    pub request_timeout: Duration,
    /// The access log's lines: text or JSON.
    pub log_format: access_log::LogFormat,
}

impl Options {
    /// A public address needs TLS or a proxy in front (exit 2 otherwise).
    pub fn check(&self) -> Result<()> {
        if !self.listen.ip().is_loopback() && self.tls.is_none() && !self.behind_proxy {
            return Err(Error::usage(format!(
                "{} is not a loopback address, and the API would be served without TLS",
                self.listen
            ))
            .with_hint(
                "pass --tls-cert PEM --tls-key PEM, or --behind-proxy when a TLS-terminating proxy is in front",
            ));
        }
        Ok(())
    }
}

/// The whole application: the API (with its OpenAPI document), MCP, the
/// health check and, for `mapctl ui`, the pages, with their limits.
pub fn app(state: AppState, request_timeout: Duration, pages: Option<Router<AppState>>) -> Router {
    let (api, document) = openapi::router().split_for_parts();
    let document = Arc::new(
        document
            .to_pretty_json()
            .expect("the OpenAPI document serializes"),
    );
    let api = api
        .fallback(api::no_such_endpoint)
        .layer(from_fn(auth::writes_need_write_scope))
        .layer(from_fn_with_state(state.clone(), auth::authenticate));
    let mcp =
        mcp::router(state.clone()).layer(from_fn_with_state(state.clone(), auth::authenticate));
    Router::new()
        .merge(api)
        .merge(mcp)
        .merge(pages.unwrap_or_default())
        .route("/healthz", axum::routing::get(api::healthz))
        .route(
            "/openapi.json",
            axum::routing::get(move || {
                let document = document.clone();
                async move {
                    (
                        [(axum::http::header::CONTENT_TYPE, "application/json")],
                        document.as_str().to_owned(),
                    )
                }
            }),
        )
        .fallback(api::no_such_endpoint)
        .with_state(state.clone())
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            request_timeout,
        ))
        .layer(tower::limit::GlobalConcurrencyLimitLayer::new(
            MAX_CONCURRENT,
        ))
        .layer(from_fn_with_state(state, auth::check_host))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(access_log::span)
                .on_request(())
                .on_response(access_log::answered)
                .on_body_chunk(())
                .on_eos(())
                // The status is on the request's line already.
                .on_failure(()),
        )
}

/// Serves until SIGINT or SIGTERM, then lets in-flight requests finish.
/// `listening` hears the bound address (port 0 picks one) and the state
/// (for a login URL); `pages` are the UI's.
pub async fn serve(
    session: Session,
    options: Options,
    pages: Option<Router<AppState>>,
    listening: impl FnOnce(SocketAddr, &AppState),
) -> Result<()> {
    options.check()?;
    access_log::install(options.log_format);
    let cannot = |e: std::io::Error| {
        Error::new(
            mapctl_core::error::ErrorKind::Unavailable,
            format!("cannot listen on {}: {e}", options.listen),
        )
        .with_hint("choose another --listen address or port")
    };
    let listener = std::net::TcpListener::bind(options.listen).map_err(cannot)?;
    listener.set_nonblocking(true).map_err(cannot)?;
    let bound = listener.local_addr().map_err(cannot)?;
    // Behind a proxy the Host is the public name the proxy answers to.
    let hosts = if bound.ip().is_loopback() && !options.behind_proxy {
        HostCheck::loopback(bound)
    } else {
        HostCheck(None)
    };
    let state = AppState(Arc::new(Inner {
        session,
        hosts,
        browsers: sessions::Sessions::default(),
    }));
    let app = app(state.clone(), options.request_timeout, pages);
    let handle = axum_server::Handle::new();
    let stopper = handle.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        stopper.graceful_shutdown(Some(GRACE));
    });
    listening(bound, &state);
    let served = match &options.tls {
        Some((cert, key)) => {
            let config = axum_server::tls_rustls::RustlsConfig::from_pem_file(cert, key)
                .await
                .map_err(|e| {
                    Error::usage(format!("cannot read the TLS certificate or key: {e}")).with_hint(
                        "pass PEM files: a certificate chain and its PKCS#8, PKCS#1 or SEC1 key",
                    )
                })?;
            let mut server = axum_server::from_tcp_rustls(listener, config).map_err(cannot)?;
            // A client that sends its headers slowly is cut off too.
            server
                .http_builder()
                .http1()
                .header_read_timeout(options.request_timeout);
            server.handle(handle).serve(app.into_make_service()).await
        }
        None => {
            let mut server = axum_server::from_tcp(listener).map_err(cannot)?;
            server
                .http_builder()
                .http1()
                .header_read_timeout(options.request_timeout);
            server.handle(handle).serve(app.into_make_service()).await
        }
    };
    served.map_err(|e| Error::internal(format!("the server stopped: {e}")))
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut int), Ok(mut term)) = (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        ) else {
            return std::future::pending().await;
        };
        tokio::select! {
            _ = int.recv() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
