use crate::context::Context;
use crate::error::Result;

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
        .map(|i| ctx.integration(i))
        .transpose()?;
    let org = match &args.org {
        Some(o) => Some(ctx.org(o).await?),
        None => None,
    };
    let repo = ctx.repo().await?;
    let mappings = repo
        .list(org.as_ref(), integration.as_deref(), args.all)
        .await?;
    if mappings.is_empty() {
        ctx.ui.status("No mappings found.");
    }
    ctx.ui.print_list(&mappings)
}
