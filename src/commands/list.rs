use crate::context::Context;
use mapctl_core::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this MSP org (id or name)
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,
    /// Only this integration (name or alias)
    #[arg(long, value_name = "NAME")]
    pub integration: Option<String>,
    /// Include soft-deleted mappings
    #[arg(long)]
    pub all: bool,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let integration = args
        .integration
        .as_deref()
        .map(|i| ctx.integration_name(i))
        .transpose()?;
    let repo = ctx.repo().await?;
    let mappings = match &args.org {
        // The org and its rows at once: one round trip by id.
        Some(o) => {
            let (org, rows) = repo.org_and_mappings(o, integration.as_deref()).await?;
            let names =
                std::collections::HashMap::from([(org.org_id.to_string(), org.name.clone())]);
            mapctl_core::mapping::Repo::listed(rows, args.all, &names)
        }
        None => repo.list(None, integration.as_deref(), args.all).await?,
    };
    if mappings.is_empty() {
        ctx.ui.status("No mappings found.");
    }
    ctx.ui.print_list(&mappings)
}
