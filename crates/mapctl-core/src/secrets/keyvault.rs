//! Azure Key Vault secrets through `azure_security_keyvault_secrets` 1.x (the
//! maintained generation; the design card's `azure_security_keyvault` is its
//! frozen predecessor), authenticated by the run's shared Entra ID token cache.

use std::sync::Arc;

use async_trait::async_trait;
use azure_core::credentials::TokenCredential;
use azure_core::http::{ClientOptions, StatusCode, Transport};
use azure_security_keyvault_secrets::{SecretClient, SecretClientOptions};

use super::SecretSource;
use crate::error::{Error, ErrorKind, Result};

pub(crate) struct KeyVaultSecrets {
    client: SecretClient,
    vault_url: String,
}

impl KeyVaultSecrets {
    /// `transport` replaces the HTTP client (tests); `verify_challenge_resource`
    /// is the SDK's check that the vault's authentication challenge names the
    /// vault's own domain (turn it off only for private endpoints and proxies).
    pub(crate) fn new(
        vault_url: &str,
        credential: Arc<dyn TokenCredential>,
        transport: Option<Transport>,
        verify_challenge_resource: bool,
    ) -> Result<KeyVaultSecrets> {
        crate::net::check_url("secrets.vault_url", vault_url)?;
        let options = SecretClientOptions {
            client_options: ClientOptions {
                transport,
                ..ClientOptions::default()
            },
            verify_challenge_resource: Some(verify_challenge_resource),
            ..SecretClientOptions::default()
        };
        let client = SecretClient::new(vault_url, credential, Some(options)).map_err(|e| {
            Error::invalid(format!(
                "secrets.vault_url {vault_url:?} cannot be used: {e}"
            ))
        })?;
        Ok(KeyVaultSecrets {
            client,
            vault_url: vault_url.trim_end_matches('/').to_owned(),
        })
    }
}

#[async_trait]
impl SecretSource for KeyVaultSecrets {
    fn describe(&self, name: &str) -> String {
        format!("Key Vault secret {name} in {}", self.vault_url)
    }

    async fn get(&self, name: &str) -> Result<Option<String>> {
        match self.client.get_secret(name, None).await {
            Ok(response) => {
                let secret = response.into_model().map_err(|e| {
                    Error::unavailable(format!("Key Vault {} answered an unreadable secret {name}: {e}", self.vault_url))
                })?;
                Ok(secret.value)
            }
            Err(e) => match e.http_status() {
                Some(StatusCode::NotFound) => Ok(None),
                Some(StatusCode::Unauthorized | StatusCode::Forbidden) => Err(Error::new(
                    ErrorKind::Auth,
                    format!("Key Vault {} refused to read the secret {name}", self.vault_url),
                )
                .with_hint("grant this identity Get on secrets (access policy or the Key Vault Secrets User role), and check the vault's firewall")),
                Some(status) if status == StatusCode::TooManyRequests || u16::from(status) >= 500 => Err(Error::unavailable(
                    format!("Key Vault {} is unavailable ({})", self.vault_url, u16::from(status)),
                )
                .with_hint("it is safe to retry")),
                _ if matches!(e.kind(), azure_core::error::ErrorKind::Credential) => Err(Error::new(
                    ErrorKind::Auth,
                    format!("no Microsoft Entra ID token for Key Vault {}: {}", self.vault_url, first_line(&e.to_string())),
                )
                .with_hint("sign in with `az login`, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET")),
                _ => Err(Error::unavailable(format!(
                    "Key Vault {} could not be read: {}",
                    self.vault_url,
                    first_line(&e.to_string())
                ))),
            },
        }
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    //! The real SDK client against an in-process Key Vault double plugged in
    //! as its transport: the REST contract of external-apis.md (401 bearer
    //! challenge without a token, the secret JSON, 404 SecretNotFound, 403).

    use std::sync::Mutex;

    use azure_core::credentials::{AccessToken, TokenRequestOptions};
    use azure_core::http::headers::Headers;
    use azure_core::http::{AsyncRawResponse, HttpClient, Request};

    use super::*;

    const VAULT: &str = "https://mapctl-test.vault.azure.net";
    const TOKEN: &str = "kv-test-token";

    #[derive(Debug, Default)]
    struct Vault {
        seen_scopes: Mutex<Vec<String>>,
        requests: Mutex<Vec<(String, bool)>>,
    }

    fn respond(
        status: StatusCode,
        headers: &[(&'static str, String)],
        body: &str,
    ) -> AsyncRawResponse {
        let mut h = Headers::new();
        h.insert("content-type", "application/json; charset=utf-8");
        for (k, v) in headers {
            h.insert(*k, v.clone());
        }
        AsyncRawResponse::from_bytes(status, h, body.as_bytes().to_vec())
    }

    #[async_trait]
    impl HttpClient for Vault {
        async fn execute_request(&self, request: &Request) -> azure_core::Result<AsyncRawResponse> {
            let url = request.url();
            let auth = request
                .headers()
                .get_optional_str(&"authorization".into())
                .map(str::to_owned);
            self.requests
                .lock()
                .unwrap()
                .push((url.path().to_owned(), auth.is_some()));
            assert_eq!(url.host_str(), Some("mapctl-test.vault.azure.net"));
            assert!(
                url.query_pairs()
                    .any(|(k, v)| k == "api-version" && !v.is_empty()),
                "{url}"
            );
            match auth.as_deref() {
                None => {
                    return Ok(respond(
                        StatusCode::Unauthorized,
                        &[(
                            "www-authenticate",
                            r#"Bearer authorization="https://login.windows.net/00000000-0000-0000-0000-000000000000", resource="https://vault.azure.net""#.into(),
                        )],
                        r#"{"error":{"code":"Unauthorized","message":"AKV10000: Request is missing a Bearer or PoP token."}}"#,
                    ));
                }
                Some(a) if a != format!("Bearer {TOKEN}") => {
                    return Ok(respond(
                        StatusCode::Unauthorized,
                        &[],
                        r#"{"error":{"code":"Unauthorized","message":"bad token"}}"#,
                    ));
                }
                Some(_) => {}
            }
            let name = url
                .path()
                .trim_start_matches("/secrets/")
                .trim_end_matches('/');
            Ok(match name {
                "halopsa-client-secret" | "halopsa-client-id" => respond(
                    StatusCode::Ok,
                    &[],
                    &format!(
                        r#"{{"value":"from-the-vault","id":"{VAULT}/secrets/{name}/0123456789abcdef","attributes":{{"enabled":true}}}}"#
                    ),
                ),
                "forbidden-secret" => respond(
                    StatusCode::Forbidden,
                    &[],
                    r#"{"error":{"code":"Forbidden","message":"The user does not have secrets get permission","innererror":{"code":"AccessDenied"}}}"#,
                ),
                _ => respond(
                    StatusCode::NotFound,
                    &[],
                    &format!(
                        r#"{{"error":{{"code":"SecretNotFound","message":"A secret with (name/id) {name} was not found in this key vault."}}}}"#
                    ),
                ),
            })
        }
    }

    #[derive(Debug)]
    struct TestCredential(Arc<Vault>);

    #[async_trait]
    impl TokenCredential for TestCredential {
        async fn get_token(
            &self,
            scopes: &[&str],
            _: Option<TokenRequestOptions<'_>>,
        ) -> azure_core::Result<AccessToken> {
            self.0
                .seen_scopes
                .lock()
                .unwrap()
                .extend(scopes.iter().map(|s| s.to_string()));
            Ok(AccessToken::new(
                TOKEN,
                time::OffsetDateTime::now_utc() + time::Duration::hours(1),
            ))
        }
    }

    use crate::test_support::block_on;

    #[test]
    fn secrets_are_read_after_the_bearer_challenge() {
        let vault = Arc::new(Vault::default());
        let kv = KeyVaultSecrets::new(
            VAULT,
            Arc::new(TestCredential(vault.clone())),
            Some(Transport::new(vault.clone())),
            true,
        )
        .unwrap();
        block_on(async {
            assert_eq!(
                kv.get("halopsa-client-secret").await.unwrap().as_deref(),
                Some("from-the-vault")
            );
            assert_eq!(
                kv.get("ninjaone-client-secret").await.unwrap(),
                None,
                "404 SecretNotFound is absent"
            );
            let err = kv.get("forbidden-secret").await.unwrap_err();
            assert_eq!(err.kind, ErrorKind::Auth);
            assert!(err.hint.unwrap().contains("Get on secrets"));
        });
        let requests = vault.requests.lock().unwrap();
        assert_eq!(
            (requests[0].0.trim_end_matches('/'), requests[0].1),
            ("/secrets/halopsa-client-secret", false),
            "the first request goes without a token"
        );
        assert!(requests[1].1, "then with the token the challenge asked for");
        assert_eq!(
            vault.seen_scopes.lock().unwrap()[0],
            "https://vault.azure.net/.default"
        );
        assert_eq!(kv.describe("x"), format!("Key Vault secret x in {VAULT}"));
    }

    /// However often a run needs an integration (its readiness, then the
    /// integration itself, twice), each secret is asked of Key Vault once.
    #[test]
    fn each_secret_is_asked_of_the_vault_once_per_run() {
        struct Vars;
        impl crate::config::Env for Vars {
            fn var(&self, name: &str) -> Option<String> {
                (name == "HOME").then(|| "/nonexistent".into())
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        std::fs::write(
            &file,
            format!(
                "[secrets]\nbackend = \"keyvault\"\nvault_url = \"{VAULT}\"\n\
                 [integrations.halopsa]\nbase_url = \"http://127.0.0.1:9\"\n\
                 [cache]\nttl_seconds = 0\n[store]\npath = \"{}\"\n",
                dir.path().join("m.db").display()
            ),
        )
        .unwrap();
        let config =
            crate::config::Config::load(&crate::config::Overrides { config: Some(file) }, &Vars)
                .unwrap();
        let registry = crate::integrations::Registry::load(&config).unwrap();
        let vault = Arc::new(Vault::default());
        let kv = KeyVaultSecrets::new(
            VAULT,
            Arc::new(TestCredential(vault.clone())),
            Some(Transport::new(vault.clone())),
            true,
        )
        .unwrap();
        let session = crate::session::Session::new(config, registry, Default::default())
            .with_secret_source(Arc::new(kv));
        block_on(async {
            session.integration_ready("halopsa").await.unwrap();
            let first = session.integration("halopsa").await.unwrap();
            let again = session.integration("halopsa").await.unwrap();
            assert!(Arc::ptr_eq(&first, &again), "built once per session");
        });
        let asked: Vec<String> = vault
            .requests
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, authorized)| *authorized)
            .map(|(path, _)| path.trim_end_matches('/').to_owned())
            .collect();
        let mut distinct = asked.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(
            asked.len(),
            distinct.len(),
            "one request per secret: {asked:?}"
        );
        assert!(
            distinct.contains(&"/secrets/halopsa-client-secret".to_owned()),
            "{asked:?}"
        );
    }

    #[test]
    fn only_https_vaults_are_accepted() {
        let vault = Arc::new(Vault::default());
        assert!(
            KeyVaultSecrets::new(
                "http://vault.example",
                Arc::new(TestCredential(vault)),
                None,
                true
            )
            .is_err()
        );
    }
}
