//! The access log (contract §9): tower-http's `TraceLayer` makes a span per
//! request and one event when its answer leaves; a `tracing` subscriber
//! writes them to stderr, one line each, as text or JSON. Method, path
//! (query keys, no values), status, milliseconds and the token's name:
//! never a token or a value, and every line passes the mask on its way out.

use std::io::Write;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, Response};
use mapctl_core::safe_text::terminal_safe;
use tracing::Span;

use super::auth::Caller;

/// The log's own target: nothing another crate traces is written.
const TARGET: &str = "mapctl::access";

/// How the lines are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// `… INFO request{method=GET path=/api/v1/orgs}: status=200 ms=3 token=ci`
    #[default]
    Text,
    /// One JSON object a line (Azure Monitor, Loki, Elastic read them as they are)
    Json,
}

/// Installs the subscriber (once a process; a second call keeps the first).
pub fn install(format: LogFormat) {
    use tracing_subscriber::prelude::*;
    let ours = tracing_subscriber::filter::Targets::new().with_target(TARGET, tracing::Level::INFO);
    let lines = tracing_subscriber::fmt::layer()
        .with_writer(|| Masked(Vec::new()))
        .with_ansi(false)
        .with_target(false);
    let installed = match format {
        LogFormat::Text => tracing_subscriber::registry()
            .with(lines.with_filter(ours))
            .try_init(),
        LogFormat::Json => tracing_subscriber::registry()
            .with(
                lines
                    .json()
                    .flatten_event(true)
                    .with_span_list(false)
                    .with_filter(ours),
            )
            .try_init(),
    };
    // Already installed (a test process serving twice): the first stays.
    drop(installed);
}

/// The span of one request: its method and path, query values left out.
pub fn span(req: &Request<Body>) -> Span {
    let uri = req.uri();
    let keys: Vec<String> = uri
        .query()
        .map(|q| {
            q.split('&')
                .filter_map(|kv| kv.split('=').next())
                .filter(|k| !k.is_empty())
                // A key is a name; anything else a client sent stands as "…".
                .map(|k| {
                    let name = k.len() <= 32
                        && k.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"_.-$".contains(&b));
                    if name {
                        format!("{k}=")
                    } else {
                        "…=".to_owned()
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let path = if keys.is_empty() {
        uri.path().to_owned()
    } else {
        format!("{}?{}", uri.path(), keys.join("&"))
    };
    tracing::info_span!(
        target: TARGET,
        "request",
        method = %req.method(),
        path = %terminal_safe(&path, false),
    )
}

/// The request's line, when its answer leaves: status, milliseconds, and
/// the token it came with ("-" for none).
pub fn answered(response: &Response<Body>, latency: Duration, span: &Span) {
    let token = response.extensions().get::<Caller>().map_or_else(
        || "-".to_owned(),
        |c| terminal_safe(&c.name, false).into_owned(),
    );
    tracing::info!(
        target: TARGET,
        parent: span,
        status = response.status().as_u16(),
        ms = latency.as_millis() as u64,
        token = %token,
    );
}

/// One line of the log, held until it is whole, then written to stderr
/// through the mask (the one of the trust boundary) and with anything
/// shaped like a bearer token masked (a client may send one in a path).
struct Masked(Vec<u8>);

impl Write for Masked {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for Masked {
    fn drop(&mut self) {
        let text = String::from_utf8_lossy(&self.0);
        let text = mapctl_core::redact::scrub(&text);
        let text = mapctl_core::redact::without_bearer_tokens(&text);
        let _ = std::io::stderr().write_all(text.as_bytes());
    }
}
