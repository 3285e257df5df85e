use super::pick;
use crate::context::Context;
use mapctl_core::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Integration: name or alias [picked at a terminal when left out]
    pub integration: Option<String>,
    /// The external org to take off the ignore list (repeatable)
    #[arg(long = "external-id", value_name = "ID", required = true)]
    pub external_ids: Vec<String>,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let integration = pick::integration(
        ctx,
        args.integration.as_deref(),
        "mapctl unignore <integration> --external-id ID",
        pick::Needs::Any,
    )
    .await?;
    let tx = ctx.transaction().await?;
    // Every id is checked before any is removed.
    let listed: Vec<String> = tx
        .ignored(&integration)
        .await?
        .into_iter()
        .map(|i| i.external_org_id)
        .collect();
    let unknown: Vec<&String> = args
        .external_ids
        .iter()
        .filter(|id| !listed.contains(id))
        .collect();
    if !unknown.is_empty() {
        return Err(Error::not_found(format!(
            "not ignored in {integration}: {}; nothing was changed",
            unknown
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .with_hint(format!(
            "`mapctl discover {integration} --ignored` lists the ignored external orgs"
        )));
    }
    let mut removed = Vec::new();
    for id in &args.external_ids {
        if let Some(record) = tx.unignore(&integration, id).await? {
            ctx.ui
                .status(&format!("{integration} {id} is no longer ignored."));
            removed.push(record);
        }
    }
    // The records as they were, for scripts; at a terminal the lines above
    // say what happened (a table would look as if they were still ignored).
    if ctx.ui.format == crate::ui::OutputFormat::Table {
        return Ok(());
    }
    ctx.ui.print_list(&removed)
}
