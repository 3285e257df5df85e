//! Pipeline policies of the Tables client: request traces (`-vv`) and a
//! circuit breaker for a store that stopped answering.

use std::sync::Arc;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use azure_core_legacy::error::ErrorKind as AzErrorKind;
use azure_core_legacy::{Context as AzContext, Policy, PolicyResult, Request};

use super::Trace;

/// Traces requests when asked (method and path only:
/// never headers, and the SAS is added after this policy runs).
pub(super) struct RequestTrace {
    pub(super) trace: Option<Trace>,
}

impl std::fmt::Debug for RequestTrace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestTrace").finish_non_exhaustive()
    }
}

#[async_trait]
impl Policy for RequestTrace {
    async fn send(
        &self,
        ctx: &AzContext,
        request: &mut Request,
        next: &[Arc<dyn Policy>],
    ) -> PolicyResult {
        let mut traced = self.trace.as_ref().map(|trace| Traced {
            trace,
            what: describe(request),
            started: Instant::now(),
            status: None,
        });
        let result = next[0].send(ctx, request, &next[1..]).await;
        if let Some(traced) = &mut traced {
            traced.status = Some(match &result {
                Ok(r) => (r.status() as u16).to_string(),
                Err(_) => "error".into(),
            });
        }
        result
    }
}

/// `GET /account/Table(…)?$filter=…`: the method, the path and the query's
/// OData options (never the SAS, which is added after this policy runs).
fn describe(request: &Request) -> String {
    let url = request.url();
    let query: Vec<String> = url
        .query_pairs()
        .filter(|(k, _)| k.starts_with('$') || k.starts_with("Next"))
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    format!(
        "{} {}{}",
        request.method(),
        short_token_hashes(url.path()),
        if query.is_empty() {
            String::new()
        } else {
            format!("?{}", query.join("&"))
        }
    )
}

/// A token's hash in a row key shown by its first 8 digits: enough to tell
/// two apart, and a trace never holds what a token check compares.
fn short_token_hashes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(i) = rest.find("hash:") {
        out.push_str(&rest[..i + 5]);
        rest = &rest[i + 5..];
        let digits = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        out.push_str(&rest[..digits.min(8)]);
        if digits > 8 {
            out.push('…');
        }
        rest = &rest[digits..];
    }
    out.push_str(rest);
    out
}

/// One traced request; its line is written when it ends, and says
/// "abandoned" when the caller stopped waiting for it (a dropped future).
struct Traced<'a> {
    trace: &'a Trace,
    what: String,
    started: Instant,
    status: Option<String>,
}

impl Drop for Traced<'_> {
    fn drop(&mut self) {
        (self.trace)(&format!(
            "azure: {} -> {} ({} ms)",
            self.what,
            self.status.as_deref().unwrap_or("abandoned"),
            self.started.elapsed().as_millis()
        ));
    }
}

/// Once a call has failed to reach the service through all its retries,
/// calls fail at once for a while instead of each spending the whole retry
/// budget again (a dead emulator or network). After that the next call
/// tries, and one that gets an answer closes it again: a server outlives a
/// blip of its store.
#[derive(Debug, Default)]
pub(super) struct CircuitBreaker {
    opened: std::sync::Mutex<Option<Instant>>,
}

/// How long calls fail at once after the store stopped answering.
const OPEN_FOR: Duration = Duration::from_secs(10);

#[async_trait]
impl Policy for CircuitBreaker {
    async fn send(
        &self,
        ctx: &AzContext,
        request: &mut Request,
        next: &[Arc<dyn Policy>],
    ) -> PolicyResult {
        let opened = *self.opened.lock().unwrap_or_else(|e| e.into_inner());
        let since = opened.map(|at| at.elapsed());
        if let Some(since) = since.filter(|since| *since < OPEN_FOR) {
            return Err(azure_core_legacy::Error::message(
                AzErrorKind::Io,
                format!(
                    "it stopped answering {} s ago (tried again in {} s)",
                    since.as_secs(),
                    (OPEN_FOR - since).as_secs() + 1
                ),
            ));
        }
        let result = next[0].send(ctx, request, &next[1..]).await;
        let failed = matches!(&result, Err(e) if matches!(e.kind(), AzErrorKind::Io));
        *self.opened.lock().unwrap_or_else(|e| e.into_inner()) = failed.then(Instant::now);
        result
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_token_hash_in_a_path_shows_its_first_eight_digits() {
        let hash = "014b777ebbfea2161e69ecb7710bc7512416e9ccc3bcbfec97ce2d41afba8cda";
        let path = format!("/acct/ApiTokens(PartitionKey='token',RowKey='hash:{hash}')");
        assert_eq!(
            super::short_token_hashes(&path),
            "/acct/ApiTokens(PartitionKey='token',RowKey='hash:014b777e…')"
        );
        assert_eq!(
            super::short_token_hashes("/acct/Organizations"),
            "/acct/Organizations"
        );
        assert_eq!(
            super::short_token_hashes("/a/T(RowKey='hash:')"),
            "/a/T(RowKey='hash:')"
        );
    }
}
