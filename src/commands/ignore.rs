use std::collections::HashMap;

use super::pick;
use crate::context::Context;
use mapctl_core::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Integration: name or alias [picked at a terminal when left out]
    pub integration: Option<String>,
    /// The external org to leave out (repeatable)
    #[arg(long = "external-id", value_name = "ID", required = true, num_args = 1..)]
    pub external_ids: Vec<String>,
    /// Why it is not a customer (the MSP itself, a vendor, a test tenant)
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub reason: String,
}

/// The names the cached discovery knows (no network: ignoring, rejecting
/// work offline).
pub(super) async fn cached_names(ctx: &Context, integration: &str) -> HashMap<String, String> {
    let Ok(built) = ctx.integration(integration).await else {
        return HashMap::new();
    };
    ctx.discovery_cache()
        .load(integration, &built.cache_source())
        .map(|c| c.orgs.into_iter().map(|o| (o.id, o.name)).collect())
        .unwrap_or_default()
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let integration = pick::integration(
        ctx,
        args.integration.as_deref(),
        "mapctl ignore <integration> --external-id ID",
        pick::Needs::Any,
    )
    .await?;
    let tx = ctx.transaction().await?;
    let names = cached_names(ctx, &integration).await;
    let mut records = Vec::new();
    // `--external-id 8 8` is one external org.
    let mut ids: Vec<&String> = Vec::new();
    for id in &args.external_ids {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    for id in ids {
        let name = names.get(id).map(String::as_str).unwrap_or_default();
        let (record, new) = tx.ignore(&integration, id, name, &args.reason).await?;
        ctx.ui.status(&if new {
            format!("Ignored {integration} {id}.")
        } else {
            format!("{integration} {id} was already ignored.")
        });
        records.push(record);
    }
    ctx.ui.print_list(&records)
}
