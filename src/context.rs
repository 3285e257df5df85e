//! What a command gets: configuration, the UI, the integration registry, and
//! the store (opened on first use, so `completions` or `integrations` never
//! touch it).

use std::sync::Arc;

use tokio::sync::OnceCell;

use crate::config::{Config, StoreConfig};
use crate::error::{Error, Result};
use crate::integrations::Registry;
use crate::model::Org;
use crate::store::TableBackend;
use crate::store::azure;
use crate::store::local::LocalBackend;
use crate::store::repo::Repo;
use crate::ui::Ui;

pub struct Context {
    pub config: Config,
    pub ui: Ui,
    pub registry: Registry,
    repo: OnceCell<Repo>,
}

impl Context {
    pub fn new(config: Config, ui: Ui, registry: Registry) -> Context {
        Context {
            config,
            ui,
            registry,
            repo: OnceCell::new(),
        }
    }

    pub async fn repo(&self) -> Result<&Repo> {
        self.repo
            .get_or_try_init(|| async {
                let backend = open_backend(&self.config.store, self.ui.request_trace())?;
                let repo = Repo::new(backend, self.config.actor.clone());
                repo.ensure_tables().await?;
                Ok::<_, Error>(repo)
            })
            .await
    }

    /// The canonical name of an integration given by name or alias.
    pub fn integration(&self, text: &str) -> Result<String> {
        Ok(self.registry.resolve(text)?.name.clone())
    }

    pub async fn org(&self, text: &str) -> Result<Org> {
        self.repo().await?.resolve_org(text).await
    }
}

/// Opens the configured backend; `trace` receives one line per remote request (`-vv`).
pub fn open_backend(
    store: &StoreConfig,
    trace: Option<azure::Trace>,
) -> Result<Arc<dyn TableBackend>> {
    match store {
        StoreConfig::Local { path } => {
            let backend = LocalBackend::open(path).map_err(|e| {
                Error::from(e).with_hint(format!(
                    "check that {} is writable, or point MAPCTL_STORE_PATH (or store.path) elsewhere",
                    path.display()
                ))
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
            let backend =
                azure::AzureBackend::new(target, source.clone(), azure::default_retry(), trace)?;
            Ok(Arc::new(backend))
        }
    }
}
