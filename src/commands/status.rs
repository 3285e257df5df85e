use std::collections::{HashMap, HashSet};

use crate::commands::external_orgs::discovered;
use crate::context::Context;
use crate::ui::Tabular;
use mapctl_core::error::{Error, Result};
use mapctl_core::integrations::discovery::Freshness;
use mapctl_core::mapping::status::{Status, coverage_bar, status};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Integrations (names or aliases) [default: every one with discovery that is configured or has mappings]
    pub integrations: Vec<String>,
    /// Exit 4 when anything is unmapped, stale or renamed (a nightly job)
    #[arg(long)]
    pub check: bool,
    /// Ask the APIs even when the discovery cache is fresh
    #[arg(long)]
    pub refresh: bool,
    /// With --refresh: when the API cannot be reached, show the cached discovery however old (with a notice) instead of exit 6
    #[arg(long, requires = "refresh")]
    pub allow_stale: bool,
    /// One row per active MSP org, one column per integration: mapped, several, none, or `?` when suggest proposes one
    #[arg(long, conflicts_with = "check")]
    pub matrix: bool,
}

/// `status --matrix`: what each org has in each integration, and what
/// `suggest` would propose where it has nothing (from the discovery, cached
/// unless `--refresh`; an integration that cannot be asked only warns).
async fn matrix(ctx: &Context, names: Vec<String>, fresh: Freshness) -> Result<()> {
    let observer = ctx.ui.discovering();
    let (rows, failed) = mapctl_core::ops::matrix::rows(ctx, &names, fresh, &observer).await?;
    drop(observer);
    for (name, e) in failed {
        ctx.ui
            .warn(&format!("{name}: no proposals ({})", e.message));
    }
    super::matrix_view::print(ctx, &names, &rows)
}

impl Tabular for Status {
    fn headers() -> Vec<&'static str> {
        vec![
            "INTEGRATION",
            "COVERAGE",
            "EXTERNAL",
            "MAPPED",
            "IGNORED",
            "UNMAPPED",
            "ORGS W/O MAPPING",
            "STALE",
            "RENAMED",
            "DISCOVERED",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.integration.clone(),
            coverage_bar(self, 10),
            self.external_orgs.to_string(),
            self.mapped.to_string(),
            self.ignored.to_string(),
            self.unmapped.to_string(),
            self.orgs_without_mapping.len().to_string(),
            self.stale.len().to_string(),
            self.renamed.len().to_string(),
            self.discovered_at.clone(),
        ]
    }
    fn json_keys() -> &'static [&'static str] {
        &[
            "integration",
            "external_orgs",
            "mapped",
            "ignored",
            "unmapped",
            "orgs_without_mapping",
            "stale",
            "renamed",
            "discovered_at",
        ]
    }
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let repo = ctx.repo().await?;
    let names = if args.integrations.is_empty() {
        let active = repo.list(None, None, false).await?;
        ctx.registry
            .list()
            .iter()
            .filter(|i| {
                i.discovery && (i.configured || active.iter().any(|m| m.integration_name == i.name))
            })
            .map(|i| i.name.clone())
            .collect()
    } else {
        args.integrations
            .iter()
            .map(|n| ctx.integration_name(n).map(String::from))
            .collect::<Result<Vec<_>>>()?
    };
    if names.is_empty() {
        return Err(Error::usage("no integration to report on").with_hint(
            "name one (mapctl status halopsa), or configure one under [integrations.NAME]",
        ));
    }
    if args.matrix {
        return matrix(ctx, names, Freshness::of(args.refresh, args.allow_stale)).await;
    }
    let orgs = repo.list_orgs(true).await?;
    // Every integration's API at once: eight slow systems take as long as
    // the slowest, not the sum.
    let discovered = futures_util::future::try_join_all(names.iter().map(|name| {
        discovered(
            ctx,
            name,
            Freshness::of(args.refresh, args.allow_stale),
            false,
        )
    }))
    .await?;
    let mut report = Vec::new();
    for (name, found) in names.into_iter().zip(discovered) {
        let at = found.at;
        let current: HashMap<String, String> =
            found.records.into_iter().map(|o| (o.id, o.name)).collect();
        let mappings = repo.list(None, Some(&name), false).await?;
        let ignored: HashSet<String> = repo
            .ignored(&name)
            .await?
            .into_iter()
            .map(|i| i.external_org_id)
            .collect();
        report.push(status(&name, &current, &mappings, &ignored, &orgs, &at));
    }
    ctx.ui.print_list(&report)?;
    let drifting: Vec<String> = report
        .iter()
        .filter(|s| s.drifts())
        .map(|s| {
            format!(
                "{}: {} unmapped, {} stale, {} renamed",
                s.integration,
                s.unmapped,
                s.stale.len(),
                s.renamed.len()
            )
        })
        .collect();
    if args.check && !drifting.is_empty() {
        return Err(Error::conflict(format!("drift: {}", drifting.join("; "))).with_hint(
            "map or ignore the unmapped, unmap the stale, and run `mapctl sync-names` for the renamed",
        ));
    }
    Ok(())
}
