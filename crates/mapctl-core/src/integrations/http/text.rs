//! What an answer's headers and bodies say, for the HTTP layer: the next
//! page of a `Link` header, `Retry-After`, a service's error message (an
//! excerpt, secrets masked), and URLs as traces show them.

use std::time::Duration;

use serde_json::Value as Json;

/// Query parameters whose values never appear in traces.
const SECRET_PARAMS: &[&str] = &[
    "client_secret",
    "secret",
    "token",
    "access_token",
    "code",
    "sig",
    "key",
    "api_key",
    "password",
];

/// A URL for traces and errors: secret query values replaced.
pub(crate) fn redact_url(url: &url::Url) -> String {
    let mut out = url.clone();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let secret = SECRET_PARAMS.iter().any(|s| k.eq_ignore_ascii_case(s));
            (
                k.into_owned(),
                if secret { "***".into() } else { v.into_owned() },
            )
        })
        .collect();
    if pairs.is_empty() {
        out.set_query(None);
    } else {
        out.query_pairs_mut().clear().extend_pairs(pairs);
    }
    out.to_string()
}

/// The `rel="next"` target of an RFC 5988 `Link` header.
pub(super) fn next_link(headers: &reqwest::header::HeaderMap) -> Option<String> {
    headers
        .get_all(reqwest::header::LINK)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .find_map(|link| {
            let (target, params) = link.split_once(';')?;
            let rel_next = params.split(';').any(|p| {
                let p = p.trim().replace(' ', "");
                p.eq_ignore_ascii_case("rel=\"next\"") || p.eq_ignore_ascii_case("rel=next")
            });
            let target = target.trim().strip_prefix('<')?.strip_suffix('>')?;
            rel_next.then(|| target.to_owned())
        })
}

pub(super) fn jitter(d: Duration) -> Duration {
    // Up to a quarter more, from the clock's nanoseconds: no RNG needed for spreading retries.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|t| t.subsec_nanos())
        .unwrap_or(0);
    d + d.mul_f64(f64::from(nanos % 1000) / 4000.0)
}

pub(super) fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(
        at.duration_since(std::time::SystemTime::now())
            .unwrap_or_default(),
    )
}

/// Longest quote of a server's error body in a message.
pub(super) const EXCERPT: usize = 160;

/// The error of a service's body, for messages (`{"error":{"message"}}`,
/// `{"error_description"}`, `{"message"}`, ...): a short excerpt of its first
/// line, with every known secret masked (servers echo requests).
pub(super) fn service_message(body: &str) -> String {
    let json: Option<Json> = serde_json::from_str(body).ok();
    let found = json.as_ref().and_then(|j| {
        [
            "/error_description",
            "/error/message",
            "/message",
            "/errors/0/message",
            "/errors/0",
            "/error",
        ]
        .iter()
        .find_map(|p| j.pointer(p).and_then(Json::as_str).map(str::to_owned))
    });
    crate::redact::excerpt(found.as_deref().unwrap_or(body), EXCERPT)
}
