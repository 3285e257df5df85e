use crate::context::Context;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// MSP org: id or name
    pub org: String,
    /// Integration: name or alias
    pub integration: String,
    /// Pick one when the org has several active mappings for the integration
    #[arg(long, value_name = "ID")]
    pub mapping_id: Option<String>,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let integration = ctx.integration(&args.integration)?;
    let org = ctx.org(&args.org).await?;
    let mapping = ctx
        .repo()
        .await?
        .get(&org, &integration, args.mapping_id.as_deref())
        .await?;
    ctx.ui.print_one(&mapping)
}
