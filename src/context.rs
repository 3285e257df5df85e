//! What a command gets: configuration, the UI, the integration registry, and
//! the store (opened on first use, so `completions` or `integrations` never
//! touch it).

use std::sync::Arc;

use tokio::sync::OnceCell;

use mapctl_core::azure_auth::{CredentialChain, TokenCache};
use mapctl_core::integrations::cache::DiscoveryCache;
use mapctl_core::integrations::catalog::{Build, Table};
use mapctl_core::integrations::http::HttpSettings;
use mapctl_core::integrations::rest::Integration;
use mapctl_core::secrets::Credentials;
use mapctl_core::secrets::keyvault::KeyVaultSecrets;

use crate::ui::Ui;
use mapctl_core::config::{Config, StoreConfig};
use mapctl_core::error::{Error, Result};
use mapctl_core::integrations::Registry;
use mapctl_core::mapping::Repo;
use mapctl_core::model::Org;
use mapctl_core::store::azure;
use mapctl_core::store::local::LocalBackend;
use mapctl_core::store::{StoreError, TableBackend};

pub struct Context {
    pub config: Config,
    pub ui: Ui,
    pub registry: Registry,
    repo: OnceCell<Repo>,
    /// The subcommand being run (named in history rows).
    pub command: &'static str,
    entra: OnceCell<Arc<TokenCache>>,
    credentials: OnceCell<Credentials>,
    /// Integrations built by a test instead of from the config.
    fake_integrations: Option<IntegrationFactory>,
}

/// Makes the integration of a name (tests: fakes instead of HTTP clients).
pub type IntegrationFactory = Box<dyn Fn(&str) -> Result<Box<dyn Integration>> + Send + Sync>;

impl Context {
    pub fn new(config: Config, ui: Ui, registry: Registry) -> Context {
        Context {
            config,
            ui,
            registry,
            repo: OnceCell::new(),
            command: "mapctl",
            entra: OnceCell::new(),
            credentials: OnceCell::new(),
            fake_integrations: None,
        }
    }

    /// A context on the given store, without opening the configured one
    /// (a command's flow tested in-process).
    pub fn with_backend(self, backend: Arc<dyn TableBackend>) -> Context {
        let repo = Repo::new(backend, self.config.actor.clone()).with_command(self.command);
        let _ = self.repo.set(repo);
        self
    }

    /// A context whose integrations are made by `make` (fakes in tests).
    pub fn with_integrations(mut self, make: IntegrationFactory) -> Context {
        self.fake_integrations = Some(make);
        self
    }

    pub async fn repo(&self) -> Result<&Repo> {
        self.repo
            .get_or_try_init(|| async {
                let entra = match &self.config.store {
                    StoreConfig::Azure {
                        connection_string: None,
                        ..
                    } => Some(self.entra()?),
                    _ => None,
                };
                let backend = open_backend(&self.config.store, self.ui.request_trace(), entra)?;
                self.ui.detail(&format!(
                    "config: {}; store: {}; actor: {}",
                    self.config
                        .file
                        .as_ref()
                        .map_or_else(|| "none (defaults)".to_owned(), |f| f.display().to_string()),
                    backend.describe(),
                    self.config.actor
                ));
                let repo = Repo::new(backend, self.config.actor.clone()).with_command(self.command);
                Ok::<_, Error>(repo)
            })
            .await
    }

    /// The run's one Microsoft Entra ID token cache (Tables and Key Vault share it).
    pub fn entra(&self) -> Result<Arc<TokenCache>> {
        if let Some(c) = self.entra.get() {
            return Ok(c.clone());
        }
        let chain = CredentialChain::from_environment(std::time::Duration::from_secs(30)).map_err(|e| {
            Error::new(mapctl_core::error::ErrorKind::Auth, format!("cannot set up Microsoft Entra ID sign-in: {e}"))
                .with_hint("set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, or run `az login`")
        })?;
        let cache = TokenCache::new(Arc::new(chain));
        let _ = self.entra.set(cache.clone());
        Ok(cache)
    }

    /// The credential lookup chain (opens the secrets file or Key Vault client once).
    pub async fn credentials(&self) -> Result<&Credentials> {
        self.credentials
            .get_or_try_init(|| async {
                let backend = Credentials::backend_from(&self.config, |url| {
                    let kv = KeyVaultSecrets::new(
                        url,
                        self.entra()?,
                        None,
                        self.config.verify_challenge_resource,
                    )?;
                    Ok(Arc::new(kv) as Arc<dyn mapctl_core::secrets::SecretSource>)
                })?;
                Ok::<_, Error>(Credentials::new(
                    &self.config,
                    Box::new(mapctl_core::config::ProcessEnv),
                    backend,
                ))
            })
            .await
    }

    /// The build of a declared integration from the config.
    async fn builder<'a>(&'a self, name: &'a str) -> Result<Build<'a>> {
        let file = self
            .config
            .file
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "the config file".into());
        let info = self.registry.resolve(name)?;
        let Some(declaration) = info.declaration.as_deref() else {
            return Err(Error::usage(format!(
                "{name} is not declared, so mapctl cannot call it"
            ))
            .with_hint(format!(
                "declare it in {} (`mapctl integrations show hudu` shows the format), or map with --external-id ID --no-verify",
                self.config.declarations_dir.join(format!("{name}.toml")).display()
            )));
        };
        Ok(Build {
            name,
            declaration,
            table: Table::new(name, self.config.integrations.get(name), file),
            credentials: self.credentials().await?,
            settings: HttpSettings::default(),
            trace: self.ui.http_trace(),
            cache: self.discovery_cache(),
        })
    }

    /// An integration ready to call: config read, credentials resolved and
    /// lookups made (or the fake a test gave with [`Context::with_integrations`]).
    pub async fn build_integration(&self, name: &str) -> Result<Box<dyn Integration>> {
        if let Some(make) = &self.fake_integrations {
            return make(name);
        }
        self.builder(name)
            .await?
            .build()
            .await
            .map(|i| Box::new(i) as Box<dyn Integration>)
    }

    /// Whether an integration has its settings and credentials, without
    /// calling anything (`integrations`, `doctor`, the picker's order).
    pub async fn integration_ready(&self, name: &str) -> Result<()> {
        if let Some(make) = &self.fake_integrations {
            return make(name).map(|_| ());
        }
        self.builder(name).await?.ready().await
    }

    pub fn discovery_cache(&self) -> DiscoveryCache {
        DiscoveryCache::new(self.config.cache_dir.clone(), self.config.cache_ttl_seconds)
    }

    /// The canonical name of an integration given by name or alias.
    pub fn integration(&self, text: &str) -> Result<String> {
        Ok(self.registry.resolve(text)?.name.clone())
    }

    pub async fn org(&self, text: &str) -> Result<Org> {
        self.repo().await?.find_org(text).await
    }
}

/// Opens the configured backend; `trace` receives one line per remote request
/// (`-vv`); `entra` signs in to an endpoint configured without a key.
pub fn open_backend(
    store: &StoreConfig,
    trace: Option<azure::Trace>,
    entra: Option<Arc<TokenCache>>,
) -> Result<Arc<dyn TableBackend>> {
    match store {
        StoreConfig::Local { path } => {
            let backend = LocalBackend::open(path).map_err(|e| {
                let hint = match &e {
                    StoreError::Invalid(_) => format!(
                        "point MAPCTL_STORE_PATH (or store.path) at a mapctl store or a new file; restore {} from a backup if it was one",
                        path.display()
                    ),
                    StoreError::Auth(_) => format!(
                        "check that this user may write {} and its folder, or point MAPCTL_STORE_PATH (or store.path) elsewhere",
                        path.display()
                    ),
                    _ => "point MAPCTL_STORE_PATH (or store.path) elsewhere".to_owned(),
                };
                Error::from(e).with_hint(hint)
            })?;
            Ok(Arc::new(backend))
        }
        StoreConfig::Azure {
            connection_string,
            endpoint,
            source,
        } => {
            let target = match (connection_string, endpoint) {
                (Some(c), _) => azure::parse_connection_string(c)?,
                (None, Some(e)) => azure::endpoint_target(e)?,
                (None, None) => unreachable!("config requires one of them"),
            };
            let backend = azure::AzureBackend::new(
                target,
                source.clone(),
                azure::default_retry(),
                trace,
                entra,
            )?;
            Ok(Arc::new(backend))
        }
    }
}
