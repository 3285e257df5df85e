use super::pick;
use crate::commands::external_orgs::{Discovered, say_origin};
use crate::context::Context;
use crate::ui::Tabular;
use mapctl_core::error::Result;
use mapctl_core::integrations::discovery::Freshness;
use mapctl_core::ops::discover::{self, DiscoverQuery};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Integration: name or alias [picked at a terminal when left out]
    pub integration: Option<String>,
    /// Ask the API even when the cache is fresh
    #[arg(long)]
    pub refresh: bool,
    /// With --refresh: when the API cannot be reached, show the cached discovery however old (with a notice) instead of exit 6
    #[arg(long, requires = "refresh")]
    pub allow_stale: bool,
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
    let integration = pick::integration(
        ctx,
        args.integration.as_deref(),
        "mapctl discover <integration>",
        pick::Needs::Discovery,
    )
    .await?;
    if args.ignored {
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
    let query = DiscoverQuery {
        fresh: Freshness::of(args.refresh, args.allow_stale),
        search: args.search,
        unmapped: args.unmapped,
        include_inactive: args.include_inactive,
    };
    let observer = ctx.ui.discovering();
    let found = discover::query(ctx, &integration, &query, &observer).await?;
    drop(observer);
    say_origin(ctx, &found.integration, &found.origin);
    if found.records.is_empty() {
        ctx.ui.status("No external organizations found.");
    }
    ctx.ui.print_list(&found.records)
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
