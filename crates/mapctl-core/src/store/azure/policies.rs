//! Pipeline policies of the Tables client: request traces (`-vv`) and a
//! circuit breaker for a store that stopped answering.

use std::sync::Arc;

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
        let started = std::time::Instant::now();
        let result = next[0].send(ctx, request, &next[1..]).await;
        if let Some(trace) = &self.trace {
            let url = request.url();
            let status = match &result {
                Ok(r) => (r.status() as u16).to_string(),
                Err(_) => "error".into(),
            };
            let query: Vec<String> = url
                .query_pairs()
                .filter(|(k, _)| k.starts_with('$') || k.starts_with("Next"))
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            trace(&format!(
                "azure: {} {}{} -> {status} ({} ms)",
                request.method(),
                url.path(),
                if query.is_empty() {
                    String::new()
                } else {
                    format!("?{}", query.join("&"))
                },
                started.elapsed().as_millis()
            ));
        }
        result
    }
}

/// Once a call has failed to reach the service through all its retries, the
/// rest of the run fails at once instead of retrying every call again (a
/// dead emulator or network would otherwise cost each remaining call the
/// whole retry budget).
#[derive(Debug, Default)]
pub(super) struct CircuitBreaker {
    open: std::sync::atomic::AtomicBool,
}

#[async_trait]
impl Policy for CircuitBreaker {
    async fn send(
        &self,
        ctx: &AzContext,
        request: &mut Request,
        next: &[Arc<dyn Policy>],
    ) -> PolicyResult {
        use std::sync::atomic::Ordering;
        if self.open.load(Ordering::SeqCst) {
            return Err(azure_core_legacy::Error::message(
                AzErrorKind::Io,
                "it stopped answering earlier in this run (not tried again)",
            ));
        }
        let result = next[0].send(ctx, request, &next[1..]).await;
        if matches!(&result, Err(e) if matches!(e.kind(), AzErrorKind::Io)) {
            self.open.store(true, Ordering::SeqCst);
        }
        result
    }
}
