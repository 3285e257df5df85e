use super::pick;
use crate::context::Context;
use mapctl_core::error::Result;
use mapctl_core::mapping::{Repo, UnmapSelector};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// MSP org: id or name [picked at a terminal when left out]
    pub org: Option<String>,
    /// Integration: name or alias [picked at a terminal when left out]
    pub integration: Option<String>,
    /// The mapping to this external org
    #[arg(long, value_name = "ID", group = "which")]
    pub external_id: Option<String>,
    /// The mapping with this id
    #[arg(long, value_name = "ID", group = "which")]
    pub mapping_id: Option<String>,
    /// Every mapping of the org for the integration
    #[arg(long, group = "which")]
    pub all: bool,
    /// Remove both index rows instead of soft-deleting (IsActive=false)
    #[arg(long)]
    pub purge: bool,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    const USAGE: &str = "mapctl unmap <org> <integration>";
    let org_text = pick::org_text(ctx, args.org.clone(), USAGE).await?;
    let integration =
        pick::integration(ctx, args.integration.as_deref(), USAGE, pick::Needs::Any).await?;
    let tx = ctx.transaction().await?;
    // The org and both indexes' rows at once: one round trip by id.
    let (org, reads) = tx.org_for_unmap(&org_text, &integration).await?;
    let selector = match (&args.external_id, &args.mapping_id, args.all) {
        (Some(id), _, _) => UnmapSelector::ExternalId(id.clone()),
        (_, Some(id), _) => UnmapSelector::MappingId(id.clone()),
        (_, _, true) => UnmapSelector::All,
        _ => UnmapSelector::Only,
    };
    let mut selector = selector;
    // Several mappings and none named: pick one on a terminal (else exit 4 lists them).
    if selector == UnmapSelector::Only && ctx.ui.can_prompt() {
        let all = Repo::unmap_targets_in(&org, &reads, &UnmapSelector::All, args.purge)?;
        if all.len() > 1 {
            let p = ctx.ui.prompter("--external-id, --mapping-id or --all")?;
            selector = UnmapSelector::MappingId(
                crate::interactive::choose_mapping(p, &all)?
                    .mapping_id
                    .into(),
            );
        }
    }
    let targets = Repo::unmap_targets_in(&org, &reads, &selector, args.purge)?;
    let verb = if args.purge { "Purge" } else { "Soft-delete" };
    let listed: Vec<String> = targets
        .iter()
        .map(|m| m.external_org_id.to_string())
        .collect();
    let what = format!(
        "{} {} {integration} mapping{} of {} ({})",
        verb.to_lowercase(),
        targets.len(),
        if targets.len() == 1 { "" } else { "s" },
        org.name,
        listed.join(", ")
    );
    if !ctx
        .ui
        .confirm(&format!("{verb} {}?", &what[verb.len() + 1..]), &what)?
    {
        return Err(crate::interactive::cancelled());
    }
    let mut done = tx
        .unmap_with(&org, &integration, &selector, args.purge, Some(reads))
        .await?;
    // A purged mapping is gone: it is shown as no longer active, not as it was.
    if args.purge {
        for m in &mut done {
            m.is_active = false;
        }
    }
    let past = if args.purge { "Purged" } else { "Soft-deleted" };
    ctx.ui.success(&format!(
        "{past} {} mapping{}",
        done.len(),
        if done.len() == 1 { "" } else { "s" }
    ));
    ctx.ui.print_list(&done)
}
