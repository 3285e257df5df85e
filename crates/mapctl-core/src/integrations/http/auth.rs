//! How API calls prove who they are: HTTP Basic, or an OAuth2 token
//! (client credentials or password grant) obtained once and cached for the
//! run.

use std::time::{Duration, Instant};

use serde_json::Value as Json;

use super::{HttpClient, body, service_message};
use crate::error::Result;

/// The longest a token is kept, whatever `expires_in` says (2^64 − 1 s
/// would overflow the clock).
const LONGEST_TOKEN: Duration = Duration::from_secs(24 * 3600);
/// Longer than any real token (JWTs of Entra ID run to 2–4 KB): a longer
/// one is a bad answer, refused before it is registered with the mask.
const MAX_TOKEN_LEN: usize = 16 * 1024;
/// Shorter than any real token: a "token" of a few characters would mask
/// every record id and name that holds them.
const MIN_TOKEN_LEN: usize = 16;
/// Taken off a token's lifetime, so that it is renewed before it expires
/// in flight: at most this, and at most a tenth of a short lifetime.
const RENEW_MARGIN: Duration = Duration::from_secs(60);
/// A token is reused at least this long, however short its lifetime:
/// sign-in endpoints rate-limit and lock accounts.
const SHORTEST_REUSE: Duration = Duration::from_secs(5);

/// How long a token is reused: its lifetime less a margin (a tenth of a
/// short one), at least [`SHORTEST_REUSE`], at most [`LONGEST_TOKEN`].
fn reuse_for(lifetime: Duration) -> Duration {
    let margin = RENEW_MARGIN.min(lifetime / 10);
    lifetime
        .saturating_sub(margin)
        .clamp(SHORTEST_REUSE, LONGEST_TOKEN)
}

/// A token and its type must fit in an HTTP header: visible ASCII only
/// (RFC 6750's b64token is a subset), a type a bare word.
fn header_safe(access: &str, kind: &str) -> bool {
    !access.is_empty()
        && access.bytes().all(|b| b.is_ascii_graphic())
        && !kind.is_empty()
        && kind
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// An OAuth2 token request: the form, and the client as Basic when the
/// grant wants it there (a password grant's public client, or client
/// credentials with `client_auth = "basic"`).
pub(crate) struct Grant {
    pub(crate) token_url: url::Url,
    pub(crate) form: Vec<(String, String)>,
    pub(crate) basic: Option<(String, String)>,
}

/// A templated request whose answer holds the token (filled by `catalog`).
pub(crate) struct Exchange {
    pub(crate) url: url::Url,
    pub(crate) post: bool,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: ExchangeBody,
    /// Where the token is in the answer.
    pub(crate) token: String,
    /// Where its lifetime in seconds is.
    pub(crate) expires_in: Option<String>,
    /// The `Authorization` scheme it is sent with.
    pub(crate) scheme: String,
}

pub(crate) enum ExchangeBody {
    None,
    Form(Vec<(String, String)>),
    Json(Json),
}

/// How API calls prove who they are (besides the static headers). (`OAuth`
/// is the protocol's name, not a repetition of the enum's.)
#[allow(clippy::enum_variant_names)]
pub(crate) enum Auth {
    None,
    /// A ready `Authorization: Basic …` value.
    Basic(String),
    OAuth(Grant),
    Exchange(Exchange),
}

impl Auth {
    /// Whether a 401 may be a token that expired (then it is renewed once).
    pub(super) fn renews(&self) -> bool {
        matches!(self, Auth::OAuth(_) | Auth::Exchange(_))
    }
}

/// The `Authorization` value of HTTP Basic; the pair's base64 is
/// registered with the mask, as sent.
pub(crate) fn basic_header(user: &str, password: &str) -> String {
    format!("Basic {}", crate::redact::basic_pair(user, password))
}

#[derive(Clone)]
pub(super) struct Token {
    header: String,
    expires: Instant,
}

impl HttpClient {
    /// The `Authorization` header value, from the cache or a new token.
    /// The Authorization header: the cached token while it lives; a new one
    /// when `failed` (the header a request was refused with) is still the
    /// cached one: requests in flight that fail together renew once.
    pub(super) async fn authorization(&self, failed: Option<&str>) -> Result<Option<String>> {
        let oauth = match &self.auth {
            Auth::None => return Ok(None),
            Auth::Basic(header) => return Ok(Some(header.clone())),
            Auth::OAuth(grant) => grant,
            Auth::Exchange(x) => {
                let mut cached = self.token.lock().await;
                if let Some(t) = cached.as_ref()
                    && t.expires > Instant::now()
                    && failed.is_none_or(|f| f != t.header)
                {
                    return Ok(Some(t.header.clone()));
                }
                let token = self.exchange(x).await?;
                let header = token.header.clone();
                *cached = Some(token);
                return Ok(Some(header));
            }
        };
        let mut cached = self.token.lock().await;
        if let Some(t) = cached.as_ref()
            && t.expires > Instant::now()
            && failed.is_none_or(|f| f != t.header)
        {
            return Ok(Some(t.header.clone()));
        }
        let basic = oauth.basic.as_ref().map(|(u, p)| basic_header(u, p));
        let build = || {
            let r = self.client.post(oauth.token_url.clone()).form(&oauth.form);
            match &basic {
                Some(header) => r.header(reqwest::header::AUTHORIZATION, header),
                None => r,
            }
        };
        let resp = self.send("POST", &build, &oauth.token_url).await?;
        let status = resp.status().as_u16();
        let text = self.body(resp, &oauth.token_url).await?;
        if !(200..300).contains(&status) {
            return Err(match status {
                400 | 401 | 403 => self.auth_error(format!(
                    "the token endpoint answered {status}: {}",
                    service_message(&text)
                )),
                _ => self.unavailable(
                    &oauth.token_url,
                    format!("the token endpoint answered {status}"),
                ),
            });
        }
        let json: Json = body::json(&text).ok_or_else(|| {
            self.unavailable(
                &oauth.token_url,
                "the token endpoint did not answer JSON".into(),
            )
        })?;
        let access = json
            .get("access_token")
            .and_then(Json::as_str)
            .ok_or_else(|| {
                self.unavailable(
                    &oauth.token_url,
                    "the token answer has no access_token".into(),
                )
            })?;
        let kind = json
            .get("token_type")
            .and_then(Json::as_str)
            .unwrap_or("Bearer");
        let scheme = if kind.eq_ignore_ascii_case("bearer") {
            "Bearer"
        } else {
            kind
        };
        let token = self.token(access, scheme, json.get("expires_in"))?;
        let header = token.header.clone();
        *cached = Some(token);
        Ok(Some(header))
    }
}

impl HttpClient {
    /// The token of a token exchange: the declared request, its answer
    /// checked like the API's (status, failure rules), the token found.
    async fn exchange(&self, x: &Exchange) -> Result<Token> {
        let build = || {
            let mut r = if x.post {
                self.client.post(x.url.clone())
            } else {
                self.client.get(x.url.clone())
            };
            r = r.header(reqwest::header::ACCEPT, "application/json");
            for (k, v) in &x.headers {
                r = r.header(k.as_str(), v.as_str());
            }
            match &x.body {
                ExchangeBody::None => r,
                ExchangeBody::Form(form) => r.form(form),
                ExchangeBody::Json(json) => r
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(json.to_string()),
            }
        };
        let verb = if x.post { "POST" } else { "GET" };
        let resp = self.send(verb, &build, &x.url).await?;
        let status = resp.status().as_u16();
        let text = self.body(resp, &x.url).await?;
        if !(200..300).contains(&status) {
            return Err(match status {
                400 | 401 | 403 => self.auth_error(format!(
                    "the sign-in answered {status}: {}",
                    service_message(&text)
                )),
                s if self.auth_statuses.contains(&s) => self.auth_error(format!(
                    "the sign-in answered {status}: {}",
                    service_message(&text)
                )),
                _ => self.unavailable(&x.url, format!("the sign-in answered {status}")),
            });
        }
        let json = body::json(&text)
            .ok_or_else(|| self.unavailable(&x.url, "the sign-in did not answer JSON".into()))?;
        if let Some(e) = self.reported_failure(&x.url, &json) {
            return Err(e);
        }
        let access = json
            .pointer(&x.token)
            .and_then(Json::as_str)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                self.auth_error(format!("the sign-in answer has no token at {:?}", x.token))
            })?;
        let lifetime = x.expires_in.as_ref().and_then(|p| json.pointer(p));
        self.token(access, &x.scheme, lifetime)
    }

    /// A token as the API is sent it: registered with the mask, checked to
    /// fit in a header, kept for its lifetime (in seconds, a number or a
    /// numeric string; else an hour) less a minute, at most a day.
    fn token(&self, access: &str, scheme: &str, lifetime: Option<&Json>) -> Result<Token> {
        // Checked before the token is registered with the mask: a huge one
        // would cost the mask minutes and gigabytes.
        if access.len() > MAX_TOKEN_LEN {
            return Err(self.auth_error(format!(
                "the sign-in sent a bad token answer: a token of {} bytes (no real one is longer than {MAX_TOKEN_LEN})",
                access.len()
            )));
        }
        crate::redact::register(access);
        if access.len() < MIN_TOKEN_LEN {
            return Err(self.auth_error(format!(
                "the sign-in sent a bad token answer: a token of {} characters (no real one is shorter than {MIN_TOKEN_LEN})",
                access.len()
            )));
        }
        if !header_safe(access, scheme) {
            return Err(self.auth_error(
                "the sign-in sent a bad token answer: its token or token type holds characters no HTTP header may carry".into(),
            ));
        }
        let seconds = match lifetime {
            None | Some(Json::Null) => 3600,
            Some(v) => match v
                .as_i64()
                .map(i128::from)
                .or_else(|| v.as_u64().map(i128::from))
                .or_else(|| v.as_str().and_then(|s| s.trim().parse::<i128>().ok()))
            {
                Some(s) if s >= 0 => u64::try_from(s).unwrap_or(u64::MAX),
                _ => {
                    return Err(self.auth_error(format!(
                        "the sign-in sent a bad token answer: a lifetime of {v} is not a number of seconds to come"
                    )));
                }
            },
        };
        Ok(Token {
            header: format!("{scheme} {access}"),
            expires: Instant::now() + reuse_for(Duration::from_secs(seconds)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_lifetime_loses_a_tenth_and_a_token_lives_a_few_seconds_at_least() {
        assert_eq!(
            reuse_for(Duration::from_secs(3600)),
            Duration::from_secs(3540)
        );
        assert_eq!(reuse_for(Duration::from_secs(30)), Duration::from_secs(27));
        assert_eq!(reuse_for(Duration::from_secs(0)), SHORTEST_REUSE);
        assert_eq!(
            reuse_for(Duration::from_secs(u32::MAX as u64)),
            LONGEST_TOKEN
        );
    }

    #[test]
    fn tokens_must_fit_in_a_header() {
        assert!(header_safe("eyJ0eXAi.eyJhdWQi.sig-_~+/=", "Bearer"));
        assert!(header_safe("abc", "bearer"));
        assert!(!header_safe("abc\r\nX-Evil: 1", "Bearer"));
        assert!(!header_safe("abc", "Bearer\r\nX-Evil: 1"));
        assert!(!header_safe("a b", "Bearer"));
        assert!(!header_safe("", "Bearer"));
    }
}
