use crate::commands::external_orgs::{Discovered, discovered_at};
use crate::context::Context;
use crate::ui::Tabular;
use mapctl_core::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Integration: name or alias
    pub integration: String,
    /// Ask the API even when the cache is fresh
    #[arg(long)]
    pub refresh: bool,
    /// Only external orgs whose name or id contains TEXT (case-insensitive)
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only external orgs no MSP org is mapped to (ignored ones left out)
    #[arg(long, conflicts_with = "ignored")]
    pub unmapped: bool,
    /// The ignored external orgs (`mapctl ignore`), from the store: no API call
    #[arg(long)]
    pub ignored: bool,
    /// Also deleted, archived and inactive ones, and system records (marked
    /// `"inactive": true` in metadata)
    #[arg(long)]
    pub include_inactive: bool,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    if args.ignored {
        let integration = ctx.integration_name(&args.integration)?;
        let mut ignored = ctx.repo().await?.ignored(&integration).await?;
        if let Some(text) = &args.search {
            let needle = text.to_lowercase();
            ignored.retain(|i| {
                i.external_org_name.to_lowercase().contains(&needle)
                    || i.external_org_id.to_lowercase().contains(&needle)
            });
        }
        if ignored.is_empty() {
            ctx.ui
                .status(&format!("No {integration} organization is ignored."));
        }
        return ctx.ui.print_list(&ignored);
    }
    let (mut orgs, _) =
        discovered_at(ctx, &args.integration, args.refresh, args.include_inactive).await?;
    if let Some(text) = &args.search {
        let needle = text.to_lowercase();
        orgs.retain(|o| {
            o.name.to_lowercase().contains(&needle) || o.id.to_lowercase().contains(&needle)
        });
    }
    if args.unmapped {
        let integration = ctx.integration_name(&args.integration)?;
        let ignored: std::collections::HashSet<String> = ctx
            .repo()
            .await?
            .ignored(&integration)
            .await?
            .into_iter()
            .map(|i| i.external_org_id)
            .collect();
        orgs.retain(|o| o.mapped_to.is_empty() && !ignored.contains(&o.id));
    }
    if orgs.is_empty() {
        ctx.ui.status("No external organizations found.");
    }
    ctx.ui.print_list(&orgs)
}

impl Tabular for Discovered {
    fn headers() -> Vec<&'static str> {
        vec!["NAME", "ID", "MAPPED TO"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.name.clone(),
            self.id.clone(),
            self.mapped_names.join(", "),
        ]
    }
    fn json_keys() -> &'static [&'static str] {
        &["id", "name", "metadata", "mapped_to"]
    }
}
