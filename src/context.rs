//! What a command gets: the core's [`Session`] (configuration, registry,
//! store, credentials, integrations) and the terminal's [`Ui`].

use mapctl_core::error::Result;
use mapctl_core::mapping::Transaction;
use mapctl_core::session::{Session, Traces};

use crate::ui::Ui;

pub struct Context {
    pub session: Session,
    pub ui: Ui,
    /// The subcommand being run (named in history rows).
    pub command: &'static str,
}

impl Context {
    pub fn new(
        config: mapctl_core::config::Config,
        ui: Ui,
        registry: mapctl_core::integrations::Registry,
    ) -> Context {
        let traces = Traces {
            store: ui.request_trace(),
            http: ui.http_trace(),
            detail: ui.detail_trace(),
            notice: ui.notice_trace(),
        };
        Context {
            session: Session::new(config, registry, traces),
            ui,
            command: "mapctl",
        }
    }

    /// A session of its own for a server (`serve`, `ui`): requests are
    /// logged one line each by the server, so of the terminal's traces only
    /// the store's and the HTTP requests' (`-vv`, `-vvv`) are kept.
    pub fn server_session(&self) -> Session {
        let traces = Traces {
            store: self.ui.request_trace(),
            http: self.ui.http_trace(),
            ..Traces::default()
        };
        Session::new(self.config.clone(), self.registry.clone(), traces)
    }

    /// A transaction by the configured actor, for this command.
    pub async fn transaction(&self) -> Result<Transaction<'_>> {
        Ok(self
            .session
            .repo()
            .await?
            .start_transaction(self.session.config.actor.clone(), self.command))
    }
}

/// A command reads the session's configuration, registry and store directly.
impl std::ops::Deref for Context {
    type Target = Session;

    fn deref(&self) -> &Session {
        &self.session
    }
}
