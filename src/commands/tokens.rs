//! `mapctl tokens`: the API's bearer tokens (contract §9).

use crate::context::Context;
use crate::ui::Tabular;
use mapctl_core::error::Result;
use mapctl_core::store::tokens::{Scope, TokenInfo};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ScopeArg {
    /// GET only
    Read,
    /// Everything
    Write,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Create a token; it is printed once, and only its hash is stored
    Create {
        /// What the token is for (rewst-prod, n8n): the history names writes `api:NAME`
        #[arg(long)]
        name: String,
        /// read may GET; write may everything
        #[arg(long, value_enum)]
        scope: ScopeArg,
    },
    /// The tokens: name, scope, who created them, when last used
    List,
    /// Revoke a token: every server over the store refuses it at once
    Revoke {
        /// The token's name
        name: String,
    },
}

impl Tabular for TokenInfo {
    fn headers() -> Vec<&'static str> {
        vec!["NAME", "SCOPE", "CREATED", "BY", "LAST USED"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.name.clone(),
            self.scope.as_str().into(),
            self.created_at.clone(),
            self.created_by.clone(),
            self.last_used_at.clone().unwrap_or_else(|| "never".into()),
        ]
    }
    fn json_keys() -> &'static [&'static str] {
        &["name", "scope", "created_at", "created_by", "last_used_at"]
    }
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let tx = ctx.transaction().await?;
    match args.action {
        Action::Create { name, scope } => {
            let scope = match scope {
                ScopeArg::Read => Scope::Read,
                ScopeArg::Write => Scope::Write,
            };
            let (token, info) = tx.create_token(&name, scope).await?;
            ctx.ui.success(&format!(
                "Created token {} ({}): it is shown once, store it now",
                info.name,
                info.scope.as_str()
            ));
            // The token itself is the data: alone on stdout, for a script
            // to capture (`TOKEN=$(mapctl tokens create ...)`).
            ctx.ui.write_data(&format!("{token}\n"))
        }
        Action::List => ctx.ui.print_list(&tx.tokens().await?),
        Action::Revoke { name } => {
            let info = tx.revoke_token(&name).await?;
            ctx.ui.success(&format!("Revoked token {}", info.name));
            Ok(())
        }
    }
}
