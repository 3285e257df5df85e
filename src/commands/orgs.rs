use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: OrgsCommand,
}

#[derive(Debug, Subcommand)]
pub enum OrgsCommand {
    /// List the MSP's organizations
    List {
        /// Include inactive organizations
        #[arg(long)]
        all: bool,
    },
    /// Add an organization
    Add {
        /// Display name (unique, case-insensitively)
        #[arg(long)]
        name: String,
        /// Org id [default: a new GUID]
        #[arg(long)]
        id: Option<String>,
        /// Microsoft 365 tenant id (GUID) of the org
        #[arg(long, value_name = "GUID")]
        tenant_id: Option<String>,
    },
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let repo = ctx.repo().await?;
    match args.command {
        OrgsCommand::List { all } => {
            let orgs = repo.list_orgs(all).await?;
            if orgs.is_empty() {
                ctx.ui
                    .status("No organizations yet: add one with `mapctl orgs add --name NAME`.");
            }
            ctx.ui.print_list(&orgs)
        }
        OrgsCommand::Add {
            name,
            id,
            tenant_id,
        } => {
            let (org, created) = repo
                .add_org(&name, id.as_deref(), tenant_id.as_deref())
                .await?;
            if created {
                ctx.ui
                    .success(&format!("Added {} ({})", org.name, org.org_id));
            } else {
                ctx.ui.status(&format!(
                    "unchanged: {} ({}) already exists",
                    org.name, org.org_id
                ));
            }
            ctx.ui.print_one(&org)
        }
    }
}
