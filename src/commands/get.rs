use super::pick;
use crate::context::Context;
use mapctl_core::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// MSP org: id or name [picked at a terminal when left out]
    pub org: Option<String>,
    /// Integration: name or alias [picked at a terminal when left out]
    pub integration: Option<String>,
    /// Pick one when the org has several active mappings for the integration
    #[arg(long, value_name = "ID")]
    pub mapping_id: Option<String>,
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    const USAGE: &str = "mapctl get <org> <integration>";
    let org_text = pick::org_text(ctx, args.org.clone(), USAGE).await?;
    let integration =
        pick::integration(ctx, args.integration.as_deref(), USAGE, pick::Needs::Any).await?;
    let repo = ctx.repo().await?;
    // The org and its mappings at once: one round trip by id.
    let (org, rows) = repo.org_and_mappings(&org_text, Some(&integration)).await?;
    let mut mapping_id = args.mapping_id.clone();
    // Several active mappings: pick one on a terminal (else exit 4 lists them).
    if mapping_id.is_none() && ctx.ui.can_prompt() {
        let names = std::collections::HashMap::from([(org.org_id.to_string(), org.name.clone())]);
        let active = mapctl_core::mapping::Repo::listed(rows.clone(), false, &names);
        if active.len() > 1 {
            let p = ctx.ui.prompter("--mapping-id ID")?;
            mapping_id = Some(
                crate::interactive::choose_mapping(p, &active)?
                    .mapping_id
                    .into(),
            );
        }
    }
    let mapping =
        mapctl_core::mapping::Repo::get_in(&org, &integration, &rows, mapping_id.as_deref())?;
    ctx.ui.print_one(&mapping)
}
