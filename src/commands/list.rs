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
    let mappings = listed(
        ctx,
        args.org.as_deref(),
        args.integration.as_deref(),
        args.all,
    )
    .await?;
    if mappings.is_empty() {
        ctx.ui.status("No mappings found.");
    }
    ctx.ui.print_list(&mappings)
}

/// The mappings of one org, one integration, or all (`list`, the API's
/// `GET /api/v1/mappings`).
pub async fn listed(
    session: &mapctl_core::session::Session,
    org: Option<&str>,
    integration: Option<&str>,
    all: bool,
) -> Result<Vec<mapctl_core::model::Mapping>> {
    let integration = integration
        .map(|i| session.integration_name(i))
        .transpose()?;
    let repo = session.repo().await?;
    Ok(match org {
        // The org and its rows at once: one round trip by id.
        Some(o) => {
            let (org, rows) = repo.org_and_mappings(o, integration.as_deref()).await?;
            let names =
                std::collections::HashMap::from([(org.org_id.to_string(), org.name.clone())]);
            mapctl_core::mapping::Repo::listed(rows, all, &names)
        }
        None => repo.list(None, integration.as_deref(), all).await?,
    })
}
