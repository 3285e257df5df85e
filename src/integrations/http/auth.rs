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
pub struct Grant {
    pub token_url: url::Url,
    pub form: Vec<(String, String)>,
    pub basic: Option<(String, String)>,
}

/// How API calls prove who they are (besides the static headers).
pub enum Auth {
    None,
    /// A ready `Authorization: Basic …` value.
    Basic(String),
    OAuth(Grant),
}

/// The `Authorization` value of HTTP Basic; the pair's base64 is
/// registered with the mask, as sent.
pub fn basic_header(user: &str, password: &str) -> String {
    format!("Basic {}", crate::redact::basic_pair(user, password))
}

#[derive(Clone)]
pub(super) struct Token {
    header: String,
    expires: Instant,
}

impl HttpClient {
    /// The `Authorization` header value, from the cache or a new token.
    pub(super) async fn authorization(&self, renew: bool) -> Result<Option<String>> {
        let oauth = match &self.auth {
            Auth::None => return Ok(None),
            Auth::Basic(header) => return Ok(Some(header.clone())),
            Auth::OAuth(grant) => grant,
        };
        let mut cached = self.token.lock().await;
        if !renew
            && let Some(t) = cached.as_ref()
            && t.expires > Instant::now()
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
        let lifetime = json
            .get("expires_in")
            .and_then(|v| {
                v.as_u64()
                    .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            })
            .unwrap_or(3600);
        crate::redact::register(access);
        if !header_safe(access, kind) {
            return Err(self.auth_error(
                "the token endpoint sent a bad token answer: its access_token or token_type holds characters no HTTP header may carry".into(),
            ));
        }
        // Renew a minute early; never cache a token for less than zero.
        let lifetime = Duration::from_secs(lifetime.saturating_sub(60)).min(LONGEST_TOKEN);
        let expires = Instant::now() + lifetime;
        let header = format!(
            "{} {access}",
            if kind.eq_ignore_ascii_case("bearer") {
                "Bearer"
            } else {
                kind
            }
        );
        *cached = Some(Token {
            header: header.clone(),
            expires,
        });
        Ok(Some(header))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
