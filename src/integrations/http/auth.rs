//! How API calls prove who they are: HTTP Basic, or an OAuth2 token
//! (client credentials or password grant) obtained once and cached for the
//! run.

use std::time::{Duration, Instant};

use serde_json::Value as Json;

use super::{HttpClient, service_message};
use crate::error::Result;

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

/// The `Authorization` value of HTTP Basic.
pub fn basic_header(user: &str, password: &str) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    crate::redact::register(&encoded);
    format!("Basic {encoded}")
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
        let build = || {
            let r = self.client.post(oauth.token_url.clone()).form(&oauth.form);
            match &oauth.basic {
                Some((user, password)) => r.basic_auth(user, Some(password)),
                None => r,
            }
        };
        let resp = self.send("POST", &build, &oauth.token_url).await?;
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap_or_default();
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
        let json: Json = serde_json::from_str(&text).map_err(|_| {
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
        // Renew a minute early; never cache a token for less than zero.
        let expires = Instant::now() + Duration::from_secs(lifetime.saturating_sub(60));
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
