//! `exclude`/`include` (a customer does not use a system) and
//! `reject`/`unreject` (this external org is not this customer): a
//! person's decisions, kept in the store with history (contract §7).

use crate::context::Context;
use mapctl_core::error::{Error, Result};
use mapctl_core::mapping::decisions::DecisionRequest;
use mapctl_core::store::decisions::DecisionKind;

#[derive(Debug, clap::Args)]
pub struct ExcludeArgs {
    /// The MSP org: id or name
    pub org: String,
    /// Integrations it does not use (names or aliases)
    #[arg(required = true, num_args = 1..)]
    pub integrations: Vec<String>,
    /// Why (no backup contract, no Microsoft 365)
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub reason: String,
}

#[derive(Debug, clap::Args)]
pub struct IncludeArgs {
    /// The MSP org: id or name
    pub org: String,
    /// Integrations it uses after all (names or aliases)
    #[arg(required = true, num_args = 1..)]
    pub integrations: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct RejectArgs {
    /// The MSP org: id or name
    pub org: String,
    /// Integration: name or alias
    pub integration: String,
    /// The external org that is not this org (repeatable)
    #[arg(long = "external-id", value_name = "ID", required = true, num_args = 1..)]
    pub external_ids: Vec<String>,
    /// Why (a different company of the same name)
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub reason: String,
}

#[derive(Debug, clap::Args)]
pub struct UnrejectArgs {
    /// The MSP org: id or name
    pub org: String,
    /// Integration: name or alias
    pub integration: String,
    /// The external org that may be proposed again (repeatable)
    #[arg(long = "external-id", value_name = "ID", required = true, num_args = 1..)]
    pub external_ids: Vec<String>,
}

fn unique<'a>(items: impl IntoIterator<Item = &'a String>) -> Vec<&'a String> {
    let mut out: Vec<&String> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

pub async fn exclude(ctx: &Context, args: ExcludeArgs) -> Result<()> {
    let tx = ctx.transaction().await?;
    let org = tx.resolve_org(&args.org).await?;
    let names = args
        .integrations
        .iter()
        .map(|i| ctx.integration_name(i).map(String::from))
        .collect::<Result<Vec<String>>>()?;
    // Every one checked before any is written: mapped in one, none is.
    let names: Vec<&str> = unique(&names).into_iter().map(String::as_str).collect();
    let mut records = Vec::new();
    for (name, (record, new)) in names
        .iter()
        .zip(tx.exclude(&org, &names, &args.reason).await?)
    {
        ctx.ui.status(&if new {
            format!(
                "Excluded {} from {name}: no coverage, no suggestion there.",
                org.name
            )
        } else {
            format!("{} was already excluded from {name}.", org.name)
        });
        records.push(record);
    }
    ctx.ui.print_list(&records)
}

pub async fn include(ctx: &Context, args: IncludeArgs) -> Result<()> {
    let tx = ctx.transaction().await?;
    let org = tx.resolve_org(&args.org).await?;
    let names = args
        .integrations
        .iter()
        .map(|i| ctx.integration_name(i).map(String::from))
        .collect::<Result<Vec<String>>>()?;
    // Every one checked before any is taken back.
    let excluded: Vec<String> = tx
        .decisions(Some(&org.org_id))
        .await?
        .into_iter()
        .filter(|d| d.kind == DecisionKind::Exclude)
        .map(|d| d.integration)
        .collect();
    let names = unique(&names);
    let unknown: Vec<&str> = names
        .iter()
        .filter(|n| !excluded.contains(n))
        .map(|n| n.as_str())
        .collect();
    if !unknown.is_empty() {
        return Err(Error::not_found(format!(
            "{} is not excluded from {}; nothing was changed",
            org.name,
            unknown.join(", ")
        ))
        .with_hint("`mapctl status` lists the exclusions under each integration"));
    }
    let mut records = Vec::new();
    for name in names {
        if let Some(record) = tx
            .undecide(DecisionKind::Exclude, &org.org_id, name, None)
            .await?
        {
            ctx.ui
                .status(&format!("{} counts in {name}'s coverage again.", org.name));
            records.push(record);
        }
    }
    ctx.ui.print_list(&records)
}

pub async fn reject(ctx: &Context, args: RejectArgs) -> Result<()> {
    let integration = ctx.integration_name(&args.integration)?;
    let tx = ctx.transaction().await?;
    let org = tx.resolve_org(&args.org).await?;
    let names = super::ignore::cached_names(ctx, &integration).await;
    let mut records = Vec::new();
    for id in unique(&args.external_ids) {
        let name = names.get(id).map(String::as_str).unwrap_or_default();
        let (record, new) = tx
            .decide(DecisionRequest {
                kind: DecisionKind::Reject,
                org: &org,
                integration: &integration,
                external: Some((id, name)),
                reason: &args.reason,
            })
            .await?;
        ctx.ui.status(&if new {
            format!(
                "{integration} {id} will not be proposed for {} again.",
                org.name
            )
        } else {
            format!("{integration} {id} was already rejected for {}.", org.name)
        });
        records.push(record);
    }
    ctx.ui.print_list(&records)
}

pub async fn unreject(ctx: &Context, args: UnrejectArgs) -> Result<()> {
    let integration = ctx.integration_name(&args.integration)?;
    let tx = ctx.transaction().await?;
    let org = tx.resolve_org(&args.org).await?;
    let rejected: Vec<String> = tx
        .decisions(Some(&org.org_id))
        .await?
        .into_iter()
        .filter(|d| d.kind == DecisionKind::Reject && d.integration == integration.as_ref())
        .filter_map(|d| d.external_org_id)
        .collect();
    let ids = unique(&args.external_ids);
    let unknown: Vec<&str> = ids
        .iter()
        .filter(|id| !rejected.contains(id))
        .map(|id| id.as_str())
        .collect();
    if !unknown.is_empty() {
        return Err(Error::not_found(format!(
            "not rejected for {} in {integration}: {}; nothing was changed",
            org.name,
            unknown.join(", ")
        ))
        .with_hint(format!(
            "`mapctl export --integration {integration}` lists the rejections (\"reject\": true)"
        )));
    }
    let mut records = Vec::new();
    for id in ids {
        if let Some(record) = tx
            .undecide(DecisionKind::Reject, &org.org_id, &integration, Some(id))
            .await?
        {
            ctx.ui.status(&format!(
                "{integration} {id} may be proposed for {} again.",
                org.name
            ));
            records.push(record);
        }
    }
    ctx.ui.print_list(&records)
}
