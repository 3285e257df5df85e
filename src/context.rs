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
                let backend = open_backend(&self.config.store)?;
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

pub fn open_backend(store: &StoreConfig) -> Result<Arc<dyn TableBackend>> {
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
        StoreConfig::Azure { .. } => Err(Error::invalid(
            "store.backend = \"azure\" is not supported by this version of mapctl",
        )
        .with_hint("use the local store (the default: unset MAPCTL_STORE and store.backend)")),
    }
}
