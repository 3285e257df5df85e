//! The one HTTP layer of every integration, and the trust boundary: the
//! only module that sends a request to an external system. Credentials
//! (the `Authorization` header, API-key headers, the token request) go only
//! to the origin they were configured for: a URL on another origin is
//! refused before anything is sent, and a redirect is followed only on the
//! same origin (`origin`). Bodies are capped and read with the timeout
//! (`body`). Besides: OAuth2 (client credentials or password grant) with an
//! in-memory token cache (refreshed once on a 401), HTTP Basic, static
//! headers, GET or POST with a JSON body, retries with exponential backoff
//! and jitter on 429/502/503/504 and connection errors (honouring
//! Retry-After), the `mapctl/<version>` user agent, and `-vvv` traces. Every
//! text it returns (errors quoting a server) has every form of every
//! registered secret masked (`crate::redact`).

use std::time::{Duration, Instant};

use serde_json::Value as Json;

use crate::error::{Error, ErrorKind, Result};

pub(crate) use crate::trace::Trace;

#[derive(Debug, Clone)]
pub(crate) struct HttpSettings {
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    /// Attempts of one request, the first included.
    pub(crate) attempts: u32,
    pub(crate) initial_backoff: Duration,
    pub(crate) max_backoff: Duration,
}

impl Default for HttpSettings {
    fn default() -> Self {
        HttpSettings {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            attempts: 5,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
        }
    }
}

pub(crate) use crate::net::check_url;

mod auth;
mod body;
mod connect;
use connect::{ConnectFailure, connect_failure, human_wait};
mod text;
pub(crate) use text::redact_url;
use text::{EXCERPT, jitter, next_link, retry_after, service_message};
mod failure;
mod origin;
use auth::Token;
pub(crate) use auth::{Auth, Exchange, ExchangeBody, Grant, basic_header};
pub(crate) use body::MAX_BODY;
pub(crate) use failure::Failure;
pub(crate) use origin::{Trusted, foreign_error, redirect_error};

pub(crate) struct HttpClient {
    client: reqwest::Client,
    settings: HttpSettings,
    trace: Option<Trace>,
    /// Where a retry is announced to a person waiting.
    notice: Option<Trace>,
    integration: String,
    /// The origin API calls (and their credentials) may go to; None for a
    /// client that only makes unauthenticated lookups.
    home: Option<url::Origin>,
    auth: Auth,
    /// Where the credentials came from, for error hints.
    source: String,
    token: tokio::sync::Mutex<Option<Token>>,
    /// Extra headers on every API call (API keys), values never traced.
    headers: Vec<(String, String)>,
    /// Statuses besides 401/403 with which the API refuses credentials.
    auth_statuses: Vec<u16>,
    /// 2xx answers that are failures.
    failures: Vec<Failure>,
}

/// A successful answer: status, JSON body, and the `Link: rel="next"` URL.
pub(crate) struct JsonResponse {
    pub(crate) status: u16,
    pub(crate) body: Json,
    pub(crate) next_link: Option<String>,
    /// The answer's size as sent, for a listing's budget.
    pub(crate) bytes: usize,
}

/// The request of one API call.
#[derive(Clone, Copy)]
pub(crate) enum Method<'a> {
    Get,
    /// POST with a JSON body.
    Post(&'a Json),
}

impl HttpClient {
    /// A client whose API calls go to `home`'s origin only.
    pub(crate) fn new(
        integration: &str,
        home: Option<&url::Url>,
        settings: HttpSettings,
        auth: Auth,
        headers: Vec<(String, String)>,
        trace: Option<Trace>,
    ) -> Result<HttpClient> {
        let client = reqwest::Client::builder()
            .connect_timeout(settings.connect_timeout)
            .timeout(settings.timeout)
            .user_agent(concat!("mapctl/", env!("CARGO_PKG_VERSION")))
            .redirect(origin::redirect_policy())
            .build()
            .map_err(|e| Error::internal(format!("cannot build the HTTP client: {e}")))?;
        Ok(HttpClient {
            client,
            settings,
            trace,
            notice: None,
            integration: integration.to_owned(),
            home: home.map(url::Url::origin),
            auth,
            source: "its credentials".into(),
            token: tokio::sync::Mutex::new(None),
            headers,
            auth_statuses: Vec::new(),
            failures: Vec::new(),
        })
    }

    /// Retries announced to a person waiting (not with `-q`).
    pub(crate) fn with_notice(mut self, notice: Option<Trace>) -> Self {
        self.notice = notice;
        self
    }

    /// Says a retry is coming: what failed, when, which attempt of how many.
    fn announce_retry(&self, what: &str, wait: Duration, attempt: u32) {
        if let Some(n) = &self.notice {
            n(&format!(
                "{}: {what}; retrying in {}, {} of {}",
                self.integration,
                human_wait(wait),
                attempt + 1,
                self.settings.attempts
            ));
        }
    }

    /// Answers with a 2xx status that are failures all the same.
    pub(crate) fn with_failures(mut self, failures: Vec<Failure>) -> Self {
        self.failures = failures;
        self
    }

    /// Replaces the headers of every API call (once a lookup has filled them).
    pub(crate) fn set_headers(&mut self, headers: Vec<(String, String)>) {
        self.headers = headers;
    }

    /// Whether every API call carries this header.
    pub(crate) fn sets_header(&self, name: &str) -> bool {
        self.headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case(name))
    }

    /// Names where the credentials came from in error hints.
    pub(crate) fn with_source(mut self, source: String) -> Self {
        self.source = source;
        self
    }

    /// Statuses besides 401 and 403 that mean refused credentials.
    pub(crate) fn with_auth_statuses(mut self, statuses: Vec<u16>) -> Self {
        self.auth_statuses = statuses;
        self
    }

    /// A JSON document from a URL that needs no credentials (a lookup).
    pub(crate) async fn get_public(&self, url: &url::Url) -> Result<JsonResponse> {
        let build = || {
            self.client
                .get(url.clone())
                .header(reqwest::header::ACCEPT, "application/json")
        };
        let resp = self.send("GET", &build, url).await?;
        let status = resp.status().as_u16();
        let text = self.body(resp, url).await?;
        if !(200..300).contains(&status) {
            return Err(self.unavailable(
                url,
                format!("it answered {status} ({})", service_message(&text)),
            ));
        }
        let body = body::json(&text)
            .ok_or_else(|| self.unavailable(url, format!("the answer ({status}) is not JSON")))?;
        Ok(JsonResponse {
            status,
            body,
            next_link: None,
            bytes: text.len(),
        })
    }

    /// The body of an answer, capped; a cut or oversized one is exit 6.
    async fn body(&self, resp: reqwest::Response, url: &url::Url) -> Result<String> {
        body::read(resp, MAX_BODY)
            .await
            .map_err(|e| self.unavailable(url, e.why()))
    }

    /// One line of the `-vvv` trace from the engine above.
    pub(crate) fn trace_line(&self, line: &str) {
        self.trace(|| line.to_owned());
    }

    fn trace(&self, line: impl FnOnce() -> String) {
        if let Some(t) = &self.trace {
            t(&line());
        }
    }

    fn unavailable(&self, url: &url::Url, why: String) -> Error {
        Error::unavailable(format!(
            "{} at {} is unavailable: {why}",
            self.integration,
            redact_url(url)
        ))
        .with_hint("check the base URL and the network; it is safe to retry")
    }

    fn auth_error(&self, why: String) -> Error {
        let source = &self.source;
        Error::new(
            ErrorKind::Auth,
            format!("{} refused the credentials: {why}", self.integration),
        )
        .with_hint(format!("check {source}"))
        .with_remedy(crate::error::Remedy::TestConnection {
            integration: self.integration.clone(),
        })
    }

    /// Sends one request with retries; `build` makes a fresh request per attempt.
    async fn send(
        &self,
        method: &str,
        build: &(dyn Fn() -> reqwest::RequestBuilder + Sync),
        url: &url::Url,
    ) -> Result<reqwest::Response> {
        let mut delay = self.settings.initial_backoff;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let started = Instant::now();
            let result = build().send().await;
            let last = attempt >= self.settings.attempts;
            match result {
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    self.trace(|| {
                        format!(
                            "{}: {method} {} -> {status} ({} ms)",
                            self.integration,
                            redact_url(url),
                            started.elapsed().as_millis()
                        )
                    });
                    let retryable = matches!(status, 429 | 502 | 503 | 504);
                    if !retryable || last {
                        return Ok(resp);
                    }
                    let wait = retry_after(resp.headers())
                        .unwrap_or_else(|| jitter(delay))
                        .min(self.settings.max_backoff);
                    self.trace(|| {
                        format!("{}: retrying in {} ms", self.integration, wait.as_millis())
                    });
                    let what = match status {
                        429 => "too many requests (429)".to_owned(),
                        s => format!("the server answered {s}"),
                    };
                    self.announce_retry(&what, wait, attempt);
                    tokio::time::sleep(wait).await;
                }
                Err(e) => {
                    if let Some(location) = origin::refused_redirect(&e) {
                        self.trace(|| {
                            format!(
                                "{}: {method} {} -> redirect to another origin, not followed",
                                self.integration,
                                redact_url(url)
                            )
                        });
                        return Err(redirect_error(&self.integration, url, &location));
                    }
                    if e.is_redirect() {
                        return Err(self.unavailable(url, "it redirects in circles".into()));
                    }
                    self.trace(|| {
                        format!(
                            "{}: {method} {} -> error ({} ms)",
                            self.integration,
                            redact_url(url),
                            started.elapsed().as_millis()
                        )
                    });
                    let why = connect_failure(&e);
                    // A name that does not resolve is a typo or no network:
                    // asking again the same second will not change it.
                    let hopeless = matches!(why, ConnectFailure::Dns);
                    if last || hopeless || !(e.is_connect() || e.is_timeout() || e.is_request()) {
                        return Err(self.unavailable(
                            url,
                            format!("{} after {attempt} attempt(s)", why.words(url)),
                        ));
                    }
                    let wait = jitter(delay);
                    self.announce_retry(&why.words(url), wait, attempt);
                    tokio::time::sleep(wait).await;
                }
            }
            delay = (delay * 2).min(self.settings.max_backoff);
        }
    }

    /// A token, or the authentication error (for `test-connection`).
    pub(crate) async fn check_token(&self) -> Result<()> {
        *self.token.lock().await = None;
        self.authorization(None).await.map(|_| ())
    }

    /// GET a JSON document. 404 is `Ok(None)`; a 401 renews the token once.
    pub(crate) async fn get_json(&self, url: &url::Url) -> Result<Option<JsonResponse>> {
        self.request_json(Method::Get, url).await
    }

    /// One API call answered with JSON. 404 is `Ok(None)`; a 401 renews an
    /// OAuth token once.
    pub(crate) async fn request_json(
        &self,
        method: Method<'_>,
        url: &url::Url,
    ) -> Result<Option<JsonResponse>> {
        self.request_json_with(method, url, &[]).await
    }

    /// [`request_json`](Self::request_json) with headers for this call only
    /// (a continuation token the previous page named).
    pub(crate) async fn request_json_with(
        &self,
        method: Method<'_>,
        url: &url::Url,
        extra: &[(String, String)],
    ) -> Result<Option<JsonResponse>> {
        // Credentials go to their own origin only: pages, records, tests.
        match &self.home {
            Some(home) if *home == url.origin() => {}
            Some(home) => return Err(foreign_error(&self.integration, url, home)),
            None => {
                return Err(Error::internal(format!(
                    "{}: an API call on a client made for lookups",
                    self.integration
                )));
            }
        }
        let mut renewed = false;
        // The header a request was refused with, for the one renewal.
        let mut failed: Option<String> = None;
        let verb = match method {
            Method::Get => "GET",
            Method::Post(_) => "POST",
        };
        loop {
            let auth = self.authorization(failed.as_deref()).await?;
            let build = || {
                let mut r = match method {
                    Method::Get => self.client.get(url.clone()),
                    Method::Post(body) => self
                        .client
                        .post(url.clone())
                        .header(reqwest::header::CONTENT_TYPE, "application/json")
                        .body(body.to_string()),
                }
                .header(reqwest::header::ACCEPT, "application/json");
                if let Some(a) = &auth {
                    r = r.header(reqwest::header::AUTHORIZATION, a);
                }
                for (k, v) in self.headers.iter().chain(extra) {
                    r = r.header(k.as_str(), v.as_str());
                }
                r
            };
            let resp = self.send(verb, &build, url).await?;
            let status = resp.status().as_u16();
            let next_link = next_link(resp.headers());
            let text = self.body(resp, url).await?;
            match status {
                200..=299 => {
                    let body = body::json(&text).ok_or_else(|| {
                        self.unavailable(url, format!("the answer ({status}) is not JSON"))
                    })?;
                    if let Some(e) = self.reported_failure(url, &body) {
                        // An expired session reported inside a 200 (Kaseya
                        // BMS): renewed once, as a 401 would be.
                        if e.kind == crate::error::ErrorKind::Auth && !renewed && self.auth.renews()
                        {
                            self.trace(|| {
                                format!(
                                    "{}: a failure of the credentials inside a 2xx, renewing the token once",
                                    self.integration
                                )
                            });
                            renewed = true;
                            failed = auth.clone();
                            continue;
                        }
                        return Err(e);
                    }
                    return Ok(Some(JsonResponse {
                        status,
                        body,
                        next_link,
                        bytes: text.len(),
                    }));
                }
                401 if !renewed && self.auth.renews() => {
                    self.trace(|| format!("{}: 401, renewing the token once", self.integration));
                    renewed = true;
                    failed = auth.clone();
                }
                s if s == 401 || s == 403 || self.auth_statuses.contains(&s) => {
                    return Err(self.auth_error(format!(
                        "{status} from {}: {}",
                        redact_url(url),
                        service_message(&text)
                    )));
                }
                404 => return Ok(None),
                429 | 500..=599 => {
                    // Only throttling and gateway errors are retried (see `send`).
                    let tries = if matches!(status, 429 | 502 | 503 | 504) {
                        format!(", {} attempts", self.settings.attempts)
                    } else {
                        String::new()
                    };
                    return Err(self.unavailable(
                        url,
                        format!("it answered {status}{tries} ({})", service_message(&text)),
                    ));
                }
                // Another 4xx: the API refused the request as configured
                // (a wrong tenant, path or setting), never an internal error.
                400..=499 => {
                    return Err(Error::invalid(format!(
                        "{} answered {status} to {}: {}",
                        self.integration,
                        redact_url(url),
                        service_message(&text)
                    ))
                    .with_hint(format!(
                        "check the settings of [integrations.{}] (base_url, tenant, ids); the API refused the request as sent",
                        self.integration
                    )));
                }
                _ => {
                    return Err(Error::internal(format!(
                        "{} answered {status} to {}: {}",
                        self.integration,
                        redact_url(url),
                        service_message(&text)
                    )));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
