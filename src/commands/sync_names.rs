use std::collections::HashMap;

use serde::Serialize;

use crate::commands::external_orgs::discovered;
use crate::context::Context;
use crate::ui::Tabular;
use mapctl_core::error::{Error, ErrorKind, Result};
use mapctl_core::integrations::discovery::Freshness;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Integrations to sync (names or aliases) [default: every one with active mappings and discovery]
    pub integrations: Vec<String>,
    /// Print what would be renamed, write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Ask the APIs even when the discovery cache is fresh
    #[arg(long)]
    pub refresh: bool,
    /// With --refresh: when the API cannot be reached, show the cached discovery however old (with a notice) instead of exit 6
    #[arg(long, requires = "refresh")]
    pub allow_stale: bool,
}

/// A mapping whose stored external name differs from the system's current one.
#[derive(Debug, Serialize)]
pub struct Rename {
    pub integration_name: String,
    pub mapping_id: String,
    pub org_id: String,
    pub external_org_id: String,
    pub stored_name: String,
    pub current_name: String,
}

impl Tabular for Rename {
    fn headers() -> Vec<&'static str> {
        vec![
            "INTEGRATION",
            "EXTERNAL ID",
            "STORED NAME",
            "CURRENT NAME",
            "ORG",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.integration_name.clone(),
            self.external_org_id.clone(),
            self.stored_name.clone(),
            self.current_name.clone(),
            self.org_id.clone(),
        ]
    }
    fn json_keys() -> &'static [&'static str] {
        &[
            "integration_name",
            "mapping_id",
            "org_id",
            "external_org_id",
            "stored_name",
            "current_name",
        ]
    }
}

/// The integrations named, or every one with discovery that has an active mapping.
pub async fn integrations_to_check(ctx: &Context, named: &[String]) -> Result<Vec<String>> {
    if !named.is_empty() {
        return named
            .iter()
            .map(|n| ctx.integration_name(n).map(String::from))
            .collect();
    }
    let active = ctx.repo().await?.list(None, None, false).await?;
    let mut out: Vec<String> = ctx
        .registry
        .list()
        .iter()
        .filter(|i| i.discovery && active.iter().any(|m| m.integration_name == i.name))
        .map(|i| i.name.clone())
        .collect();
    out.sort();
    Ok(out)
}

pub async fn run(ctx: &Context, args: Args) -> Result<()> {
    let tx = ctx.transaction().await?;
    let mut renames = Vec::new();
    // What cannot be reached is skipped and said, the rest is synced
    // (contract §7): the exit code is status's once every name is written.
    let mut failed: Vec<(String, Error)> = Vec::new();
    for integration in integrations_to_check(ctx, &args.integrations).await? {
        if ctx
            .registry
            .resolve(&integration)
            .is_ok_and(|i| !i.configured)
        {
            ctx.ui.warn(&format!(
                "{integration}: skipped, not configured (no [integrations.{integration}] in the config)"
            ));
            continue;
        }
        let found = discovered(
            ctx,
            &integration,
            Freshness::of(args.refresh, args.allow_stale),
            false,
        )
        .await;
        let found = match found {
            Ok(found) => found,
            Err(e) if e.kind == ErrorKind::Interrupted => return Err(e),
            Err(e) => {
                ctx.ui
                    .warn(&format!("{integration}: skipped, {}", e.message));
                failed.push((integration.to_string(), e));
                continue;
            }
        };
        let current: HashMap<String, String> =
            found.records.into_iter().map(|o| (o.id, o.name)).collect();
        for m in tx.list(None, Some(&integration), false).await? {
            let given = current.get(m.external_org_id.as_str()).map(String::as_str);
            let Some(name) = mapctl_core::mapping::rules::renamed(&m.external_org_name, given)
            else {
                continue;
            };
            let name = &name.to_owned();
            if !args.dry_run {
                tx.sync_name(&m, name).await?;
            }
            renames.push(Rename {
                integration_name: integration.clone(),
                mapping_id: m.mapping_id.into(),
                org_id: m.org_id.into(),
                external_org_id: m.external_org_id.into(),
                stored_name: m.external_org_name,
                current_name: name.clone(),
            });
        }
    }
    ctx.ui.status(&match (renames.len(), args.dry_run) {
        (0, _) if !failed.is_empty() => {
            "No stored name changed in the integrations that were reached.".to_owned()
        }
        (0, _) => "Every stored name is current.".to_owned(),
        (n, true) => format!("{n} name(s) to update (dry run: nothing written)."),
        (n, false) => format!("Updated {n} name(s) on both index rows."),
    });
    ctx.ui.print_list(&renames)?;
    match failed
        .into_iter()
        .min_by_key(|(_, e)| super::status::rank(e.kind))
    {
        Some((name, e)) => {
            let hint = e.hint.clone().unwrap_or_else(|| {
                format!("the others were synced; `mapctl test-connection {name}` tries this one")
            });
            Err(Error::new(e.kind, format!("{name} was not synced: {}", e.message)).with_hint(hint))
        }
        None => Ok(()),
    }
}
