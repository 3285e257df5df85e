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
/// What a client typed reaches a filter decoded: hidden characters are
/// escaped (a line is one line) and token shapes masked.
fn describe(request: &Request) -> String {
    let line = described(request);
    let line = crate::safe_text::terminal_safe(&line, false);
    crate::redact::without_bearer_tokens(&line).into_owned()
}

fn described(request: &Request) -> String {
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
/// budget again (a dead emulator or network). After that one call tries;
/// an answer closes the breaker, a failure opens it for another while: a
/// server outlives a blip of its store, and never sends every waiting call
/// at a store still down.
#[derive(Debug, Default)]
pub(super) struct CircuitBreaker {
    state: std::sync::Mutex<Breaker>,
}

/// How long calls fail at once after the store stopped answering.
const OPEN_FOR: Duration = Duration::from_secs(10);

/// The breaker's state, apart from the pipeline (so that its rules are
/// tested with times of their own).
#[derive(Debug, Default)]
struct Breaker {
    /// When calls began to fail at once; None: closed.
    opened: Option<Instant>,
    /// When the last call that got an answer ended.
    last_answer: Option<Instant>,
}

impl Breaker {
    /// At `now`, a call may go (Ok), or fails at once: how long ago the
    /// store stopped answering, and how long until it is tried again. Once
    /// the time is up the first call goes, and the breaker stays open for
    /// the others until that call ends.
    fn admit(&mut self, now: Instant) -> Result<(), (Duration, Duration)> {
        let Some(at) = self.opened else {
            return Ok(());
        };
        let since = now.saturating_duration_since(at);
        if since < OPEN_FOR {
            return Err((since, OPEN_FOR - since));
        }
        self.opened = Some(now);
        Ok(())
    }

    /// A call that began at `started` ended at `now`: answered (whatever
    /// the status) or not. A call that could not get through opens the
    /// breaker, unless another got an answer after it began (it is the
    /// older news).
    fn ended(&mut self, started: Instant, answered: bool, now: Instant) {
        if answered {
            self.opened = None;
            self.last_answer = Some(now);
        } else if self.last_answer.is_none_or(|at| at < started) {
            self.opened = Some(now);
        }
    }
}

#[async_trait]
impl Policy for CircuitBreaker {
    async fn send(
        &self,
        ctx: &AzContext,
        request: &mut Request,
        next: &[Arc<dyn Policy>],
    ) -> PolicyResult {
        let started = Instant::now();
        let admitted = self
            .state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .admit(started);
        if let Err((since, wait)) = admitted {
            return Err(azure_core_legacy::Error::message(
                AzErrorKind::Io,
                format!(
                    "it stopped answering {} s ago (tried again in {} s)",
                    since.as_secs(),
                    wait.as_secs() + 1
                ),
            ));
        }
        let result = next[0].send(ctx, request, &next[1..]).await;
        let answered = !matches!(&result, Err(e) if matches!(e.kind(), AzErrorKind::Io));
        self.state.lock().unwrap_or_else(|e| e.into_inner()).ended(
            started,
            answered,
            Instant::now(),
        );
        result
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::{Breaker, OPEN_FOR};

    #[test]
    fn the_breaker_fails_fast_then_lets_one_call_try() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let mut b = Breaker::default();
        assert!(b.admit(at(0)).is_ok());
        b.ended(at(0), false, at(4_000));
        // Within OPEN_FOR of the failure: at once, saying when it is tried.
        let (since, wait) = b.admit(at(5_000)).unwrap_err();
        assert_eq!((since.as_secs(), wait.as_secs()), (1, 9));
        // Then one call tries; the others still fail at once meanwhile.
        let trial = 4_000 + OPEN_FOR.as_millis() as u64;
        assert!(b.admit(at(trial)).is_ok());
        assert!(b.admit(at(trial + 1)).is_err());
        // An answer closes it: every call goes again.
        b.ended(at(trial), true, at(trial + 5));
        assert!(b.admit(at(trial + 6)).is_ok());
        assert!(b.admit(at(trial + 7)).is_ok());
    }

    #[test]
    fn a_failed_trial_opens_it_again_and_old_news_does_not() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let mut b = Breaker::default();
        b.ended(at(0), false, at(100));
        let trial = 100 + OPEN_FOR.as_millis() as u64;
        assert!(b.admit(at(trial)).is_ok());
        b.ended(at(trial), false, at(trial + 4_000));
        assert!(b.admit(at(trial + 4_001)).is_err(), "open again");
        // A call that began before an answer came and failed after it does
        // not open a breaker the answer closed.
        let mut b = Breaker::default();
        b.ended(at(500), true, at(600));
        b.ended(at(0), false, at(700));
        assert!(b.admit(at(701)).is_ok());
        // One that began after the last answer does.
        b.ended(at(650), false, at(800));
        assert!(b.admit(at(801)).is_err());
    }

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
