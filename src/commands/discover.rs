use crate::context::Context;
use crate::error::Result;
use crate::external_orgs::{Discovered, discovered};
use crate::ui::Tabular;

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
    /// Only external orgs no MSP org is mapped to
    #[arg(long)]
    pub unmapped: bool,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let mut orgs = discovered(ctx, &args.integration, args.refresh).await?;
    if let Some(text) = &args.search {
        let needle = text.to_lowercase();
        orgs.retain(|o| {
            o.name.to_lowercase().contains(&needle) || o.id.to_lowercase().contains(&needle)
        });
    }
    if args.unmapped {
        orgs.retain(|o| o.mapped_to.is_empty());
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
