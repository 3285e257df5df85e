//! What every front end (the command line, the server, the browser UI) works
//! with: the configuration, the integration registry, the store (opened on
//! first use), the credentials (the secrets backend opened once) and the
//! integrations, each built once per process so that a secret is asked of
//! Key Vault once however often it is used.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

use crate::azure_auth::{CredentialChain, TokenCache};
use crate::clock::Clock;
use crate::config::{Config, StoreConfig};
use crate::error::{Error, ErrorKind, Result};
use crate::integrations::Registry;
use crate::integrations::cache::DiscoveryCache;
use crate::integrations::catalog::{Build, Table};
use crate::integrations::http::HttpSettings;
use crate::integrations::rest::Integration;
use crate::mapping::Repo;
use crate::model::Org;
use crate::secrets::Credentials;
use crate::secrets::keyvault::KeyVaultSecrets;
use crate::store::azure;
use crate::store::local::LocalBackend;
use crate::store::{StoreError, TableBackend};
use crate::trace::Trace;

/// Where a session's traces go (`-vv` store requests, `-vvv` integration
/// requests); None keeps them quiet.
#[derive(Clone, Default)]
pub struct Traces {
    pub store: Option<Trace>,
    pub http: Option<Trace>,
    /// One line about the store opened (`-v`).
    pub detail: Option<Trace>,
    /// What a person waiting should hear (an API being retried).
    pub notice: Option<Trace>,
}

/// Makes the integration of a name (tests: fakes instead of HTTP clients).
pub(crate) type IntegrationFactory =
    Box<dyn Fn(&str) -> Result<Box<dyn Integration>> + Send + Sync>;

pub struct Session {
    pub config: Config,
    pub registry: Registry,
    traces: Traces,
    clock: Arc<dyn Clock>,
    repo: OnceCell<Repo>,
    entra: std::sync::OnceLock<Arc<TokenCache>>,
    credentials: OnceCell<Credentials>,
    /// Integrations built so far, by canonical name.
    built: Mutex<HashMap<String, Arc<dyn Integration>>>,
    /// Integrations built by a test instead of from the config.
    fake_integrations: Option<IntegrationFactory>,
    /// Looked-up values are asked again, not read from the cache.
    fresh_lookups: std::sync::atomic::AtomicBool,
}

impl Session {
    pub fn new(config: Config, registry: Registry, traces: Traces) -> Session {
        Session {
            config,
            registry,
            traces,
            clock: Arc::new(crate::clock::SystemClock),
            repo: OnceCell::new(),
            entra: std::sync::OnceLock::new(),
            credentials: OnceCell::new(),
            built: Mutex::new(HashMap::new()),
            fake_integrations: None,
            fresh_lookups: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Sets the clock of every timestamp and age.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Session {
        self.clock = clock;
        self
    }

    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// A session on the given store, without opening the configured one.
    pub fn with_backend(self, backend: Arc<dyn TableBackend>) -> Session {
        let _ = self
            .repo
            .set(Repo::new(backend).with_clock(self.clock.clone()));
        self
    }

    /// A session whose integrations are made by `make` (fakes in tests).
    pub fn with_integrations(mut self, make: IntegrationFactory) -> Session {
        self.fake_integrations = Some(make);
        self
    }

    /// A session whose credentials come from `source` after the
    /// environment (a secrets backend a test made).
    pub fn with_secret_source(self, source: Arc<dyn crate::secrets::SecretSource>) -> Session {
        let credentials = Credentials::new(
            &self.config,
            Box::new(crate::config::ProcessEnv),
            Some(source),
        );
        let _ = self.credentials.set(credentials);
        self
    }

    /// The store's read API; writes start a transaction from it.
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
                let backend = open_backend(&self.config.store, self.traces.store.clone(), entra)?;
                if let Some(detail) = &self.traces.detail {
                    detail(&format!(
                        "config: {}; store: {}; actor: {}",
                        self.config.file.as_ref().map_or_else(
                            || "none (defaults)".to_owned(),
                            |f| f.display().to_string()
                        ),
                        backend.describe(),
                        self.config.actor
                    ));
                }
                Ok::<_, Error>(Repo::new(backend).with_clock(self.clock.clone()))
            })
            .await
    }

    /// The process's one Microsoft Entra ID token cache (Tables and Key Vault share it).
    pub(crate) fn entra(&self) -> Result<Arc<TokenCache>> {
        if let Some(c) = self.entra.get() {
            return Ok(c.clone());
        }
        let chain = CredentialChain::from_environment(std::time::Duration::from_secs(30))
            .map_err(|e| {
                Error::new(
                    ErrorKind::Auth,
                    format!("cannot set up Microsoft Entra ID sign-in: {e}"),
                )
                .with_hint("set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, or sign in with the Azure CLI (az login)")
            })?;
        Ok(self
            .entra
            .get_or_init(|| TokenCache::new(Arc::new(chain)))
            .clone())
    }

    /// The credential lookup chain (opens the secrets file or Key Vault client once).
    pub(crate) async fn credentials(&self) -> Result<&Credentials> {
        self.credentials
            .get_or_try_init(|| async {
                let backend = Credentials::backend_from(&self.config, |url| {
                    let kv = KeyVaultSecrets::new(
                        url,
                        self.entra()?,
                        None,
                        self.config.verify_challenge_resource,
                    )?;
                    Ok(Arc::new(kv) as Arc<dyn crate::secrets::SecretSource>)
                })?;
                Ok::<_, Error>(Credentials::new(
                    &self.config,
                    Box::new(crate::config::ProcessEnv),
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
            return Err(
                Error::usage(format!("{name} is not declared, so mapctl cannot call it"))
                    .with_hint(format!(
                        "declare it in {}, or map it without verification",
                        self.config
                            .declarations_dir
                            .join(format!("{name}.toml"))
                            .display()
                    )),
            );
        };
        Ok(Build {
            name,
            declaration,
            table: Table::new(name, self.config.integrations.get(name), file),
            credentials: self.credentials().await?,
            settings: HttpSettings::default(),
            trace: self.traces.http.clone(),
            notice: self.traces.notice.clone(),
            cache: self
                .discovery_cache()
                .with_fresh_lookups(self.fresh_lookups.load(std::sync::atomic::Ordering::SeqCst)),
        })
    }

    /// An integration ready to call: config read, credentials resolved and
    /// lookups made, once per process (or the fake a test gave with
    /// [`Session::with_integrations`]).
    pub async fn integration(&self, name: &str) -> Result<Arc<dyn Integration>> {
        if let Some(built) = self.built.lock().expect("not poisoned").get(name) {
            return Ok(built.clone());
        }
        let made: Arc<dyn Integration> = match &self.fake_integrations {
            Some(make) => Arc::from(make(name)?),
            None => Arc::new(self.builder(name).await?.build().await?),
        };
        // Two callers at once may both build; the first one kept wins.
        Ok(self
            .built
            .lock()
            .expect("not poisoned")
            .entry(name.to_owned())
            .or_insert(made)
            .clone())
    }

    /// Integrations built from now on ask their lookups again rather than
    /// read them from the cache (`--refresh`, `test-connection`).
    pub fn refresh_lookups(&self) {
        self.fresh_lookups
            .store(true, std::sync::atomic::Ordering::SeqCst);
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
    pub fn integration_name(&self, text: &str) -> Result<crate::model::IntegrationName> {
        Ok(crate::model::IntegrationName::trusted(
            self.registry.resolve(text)?.name.clone(),
        ))
    }

    /// The org named by `text` (id, or name case-insensitively).
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
