//! Microsoft Entra ID tokens for Azure services (Table Storage now, Key Vault
//! later): our own credential chain over `azure_identity` 1.x, which has no
//! DefaultAzureCredential, a token cache shared by every client of a run, and
//! a bridge to the frozen `azure_core` 0.21 trait that `azure_data_tables`
//! speaks (that client asks for a token on every request; without the cache
//! it would run `az` every time).

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use azure_identity::{
    ClientSecretCredential, DeveloperToolsCredential, ManagedIdentityCredential,
    WorkloadIdentityCredential,
};
use time::OffsetDateTime;

/// A token is renewed this long before it expires.
const RENEW_BEFORE: time::Duration = time::Duration::minutes(5);

/// Tries its sources in order; the first that yields a token is used from
/// then on. Each attempt is bounded by a timeout so that a missing managed
/// identity endpoint cannot hang the command.
pub(crate) struct CredentialChain {
    sources: Vec<(&'static str, Arc<dyn TokenCredential>, Duration)>,
    chosen: tokio::sync::Mutex<Option<usize>>,
}

impl fmt::Debug for CredentialChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CredentialChain")
            .field("sources", &self.source_names())
            .finish()
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

impl CredentialChain {
    /// The chain of contract §2: a service principal or workload identity
    /// when their standard `AZURE_*` variables are set, managed identity inside
    /// Azure, else the developer tools (Azure CLI, Azure Developer CLI).
    pub(crate) fn from_environment(timeout: Duration) -> azure_core::Result<CredentialChain> {
        let mut sources: Vec<(&'static str, Arc<dyn TokenCredential>, Duration)> = Vec::new();
        let (tenant, client) = (env("AZURE_TENANT_ID"), env("AZURE_CLIENT_ID"));
        if let (Some(tenant), Some(client), Some(secret)) =
            (&tenant, &client, env("AZURE_CLIENT_SECRET"))
        {
            sources.push((
                "service principal (AZURE_CLIENT_ID / AZURE_CLIENT_SECRET)",
                ClientSecretCredential::new(tenant, client.clone(), secret.into(), None)?,
                timeout,
            ));
        } else if env("AZURE_FEDERATED_TOKEN_FILE").is_some() {
            sources.push((
                "workload identity (AZURE_FEDERATED_TOKEN_FILE)",
                WorkloadIdentityCredential::new(None)?,
                timeout,
            ));
        } else {
            // Outside Azure the instance metadata endpoint does not answer:
            // a short timeout lets the developer tools have their turn.
            let probe = if env("IDENTITY_ENDPOINT").is_some() || env("MSI_ENDPOINT").is_some() {
                timeout
            } else {
                Duration::from_secs(3).min(timeout)
            };
            sources.push((
                "managed identity",
                ManagedIdentityCredential::new(None)?,
                probe,
            ));
            sources.push((
                "developer tools (Azure CLI, Azure Developer CLI)",
                DeveloperToolsCredential::new(None)?,
                timeout,
            ));
        }
        Ok(CredentialChain {
            sources,
            chosen: tokio::sync::Mutex::new(None),
        })
    }

    /// A chain of given sources (tests).
    #[cfg(test)]
    pub(crate) fn of(
        sources: Vec<(&'static str, Arc<dyn TokenCredential>, Duration)>,
    ) -> CredentialChain {
        CredentialChain {
            sources,
            chosen: tokio::sync::Mutex::new(None),
        }
    }

    pub(crate) fn source_names(&self) -> Vec<&'static str> {
        self.sources.iter().map(|(n, _, _)| *n).collect()
    }

    /// The source that produced the last token.
    #[cfg(test)]
    pub(crate) async fn chosen_name(&self) -> Option<&'static str> {
        self.chosen.lock().await.map(|i| self.sources[i].0)
    }
}

#[async_trait::async_trait]
impl TokenCredential for CredentialChain {
    async fn get_token(
        &self,
        scopes: &[&str],
        options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        let mut chosen = self.chosen.lock().await;
        let order: Vec<usize> = match *chosen {
            Some(i) => vec![i],
            None => (0..self.sources.len()).collect(),
        };
        let mut failures = Vec::new();
        for i in order {
            let (name, source, timeout) = &self.sources[i];
            match tokio::time::timeout(*timeout, source.get_token(scopes, options.clone())).await {
                Ok(Ok(token)) => {
                    *chosen = Some(i);
                    return Ok(token);
                }
                // Only the kind of failure is kept: messages of some sources echo request details.
                Ok(Err(e)) => failures.push(format!("{name}: {}", first_line(&e.to_string()))),
                Err(_) => {
                    failures.push(format!("{name}: no answer within {} s", timeout.as_secs()))
                }
            }
        }
        Err(azure_core::Error::with_message(
            azure_core::error::ErrorKind::Credential,
            format!(
                "no Microsoft Entra ID credential worked ({})",
                failures.join("; ")
            ),
        ))
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or_default()
}

/// Caches tokens per scope set until shortly before they expire.
pub struct TokenCache {
    inner: Arc<dyn TokenCredential>,
    tokens: tokio::sync::Mutex<HashMap<String, AccessToken>>,
}

impl fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenCache").finish_non_exhaustive()
    }
}

impl TokenCache {
    pub fn new(inner: Arc<dyn TokenCredential>) -> Arc<TokenCache> {
        Arc::new(TokenCache {
            inner,
            tokens: tokio::sync::Mutex::new(HashMap::new()),
        })
    }

    pub(crate) async fn token(&self, scopes: &[&str]) -> azure_core::Result<AccessToken> {
        let key = scopes.join(" ");
        let mut tokens = self.tokens.lock().await;
        if let Some(t) = tokens.get(&key)
            && t.expires_on - OffsetDateTime::now_utc() > RENEW_BEFORE
        {
            return Ok(t.clone());
        }
        let fresh = self.inner.get_token(scopes, None).await?;
        tokens.insert(key, fresh.clone());
        Ok(fresh)
    }

    /// Drops cached tokens (after a 401, say).
    pub(crate) async fn clear(&self) {
        self.tokens.lock().await.clear();
    }
}

/// Key Vault (azure_core 1.x clients) asks through the cache too.
#[async_trait::async_trait]
impl TokenCredential for TokenCache {
    async fn get_token(
        &self,
        scopes: &[&str],
        _options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        self.token(scopes).await
    }
}

/// `azure_data_tables` 0.21 asks through the frozen 0.21 trait.
#[derive(Debug)]
pub(crate) struct LegacyBridge(pub Arc<TokenCache>);

#[async_trait::async_trait]
impl azure_core_legacy::auth::TokenCredential for LegacyBridge {
    async fn get_token(
        &self,
        scopes: &[&str],
    ) -> azure_core_legacy::Result<azure_core_legacy::auth::AccessToken> {
        let token = self.0.token(scopes).await.map_err(|e| {
            azure_core_legacy::Error::message(
                azure_core_legacy::error::ErrorKind::Credential,
                e.to_string(),
            )
        })?;
        Ok(azure_core_legacy::auth::AccessToken::new(
            token.token.secret().to_owned(),
            token.expires_on,
        ))
    }

    async fn clear_cache(&self) -> azure_core_legacy::Result<()> {
        self.0.clear().await;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[derive(Debug)]
    struct Counting {
        calls: AtomicUsize,
        lifetime: time::Duration,
        fail: bool,
    }

    #[async_trait::async_trait]
    impl TokenCredential for Counting {
        async fn get_token(
            &self,
            _: &[&str],
            _: Option<TokenRequestOptions<'_>>,
        ) -> azure_core::Result<AccessToken> {
            let n = self.calls.fetch_add(1, Ordering::SeqCst);
            if self.fail {
                return Err(azure_core::Error::with_message(
                    azure_core::error::ErrorKind::Credential,
                    "not logged in",
                ));
            }
            Ok(AccessToken::new(
                format!("token-{n}"),
                OffsetDateTime::now_utc() + self.lifetime,
            ))
        }
    }

    fn counting(lifetime_minutes: i64, fail: bool) -> Arc<Counting> {
        Arc::new(Counting {
            calls: AtomicUsize::new(0),
            lifetime: time::Duration::minutes(lifetime_minutes),
            fail,
        })
    }

    use crate::test_support::block_on;

    #[test]
    fn the_cache_asks_once_per_scope_until_near_expiry() {
        block_on(async {
            let source = counting(60, false);
            let cache = TokenCache::new(source.clone());
            let scope = ["https://storage.azure.com/.default"];
            let a = cache.token(&scope).await.unwrap();
            let b = cache.token(&scope).await.unwrap();
            assert_eq!(a.token.secret(), b.token.secret());
            assert_eq!(source.calls.load(Ordering::SeqCst), 1);
            cache
                .token(&["https://vault.azure.net/.default"])
                .await
                .unwrap();
            assert_eq!(
                source.calls.load(Ordering::SeqCst),
                2,
                "another scope, another token"
            );

            let short = counting(4, false);
            let cache = TokenCache::new(short.clone());
            cache.token(&scope).await.unwrap();
            cache.token(&scope).await.unwrap();
            assert_eq!(
                short.calls.load(Ordering::SeqCst),
                2,
                "renewed within 5 minutes of expiry"
            );
        });
    }

    #[test]
    fn the_chain_uses_the_first_source_that_works_and_sticks_to_it() {
        block_on(async {
            let broken = counting(60, true);
            let working = counting(60, false);
            let chain = CredentialChain::of(vec![
                ("broken", broken.clone(), Duration::from_secs(1)),
                ("working", working.clone(), Duration::from_secs(1)),
            ]);
            chain.get_token(&["s"], None).await.unwrap();
            chain.get_token(&["s"], None).await.unwrap();
            assert_eq!(broken.calls.load(Ordering::SeqCst), 1);
            assert_eq!(working.calls.load(Ordering::SeqCst), 2);
            assert_eq!(chain.chosen_name().await, Some("working"));
        });
    }

    #[derive(Debug)]
    struct Hangs;
    #[async_trait::async_trait]
    impl TokenCredential for Hangs {
        async fn get_token(
            &self,
            _: &[&str],
            _: Option<TokenRequestOptions<'_>>,
        ) -> azure_core::Result<AccessToken> {
            std::future::pending().await
        }
    }

    #[test]
    fn a_source_that_hangs_times_out_and_the_error_names_every_source() {
        block_on(async {
            let chain = CredentialChain::of(vec![
                ("hangs", Arc::new(Hangs), Duration::from_millis(50)),
                ("broken", counting(60, true), Duration::from_secs(1)),
            ]);
            let err = chain.get_token(&["s"], None).await.unwrap_err().to_string();
            assert!(err.contains("hangs: no answer"), "{err}");
            assert!(err.contains("broken: not logged in"), "{err}");
        });
    }

    #[test]
    fn the_bridge_hands_the_cached_token_to_the_tables_client() {
        use azure_core_legacy::auth::TokenCredential as Legacy;
        block_on(async {
            let source = counting(60, false);
            let bridge = LegacyBridge(TokenCache::new(source.clone()));
            let a = bridge.get_token(&["s"]).await.unwrap();
            let b = bridge.get_token(&["s"]).await.unwrap();
            assert_eq!(a.token.secret(), "token-0");
            assert_eq!(b.token.secret(), "token-0");
            assert_eq!(source.calls.load(Ordering::SeqCst), 1);
        });
    }
}
