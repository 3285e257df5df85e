//! External orgs of an integration with the MSP orgs mapped to each: the
//! listing `discover` prints and the picker of `map` offers. Discovery goes
//! through its cache; notices about the cache go to stderr.

use std::collections::HashMap;

use crate::context::Context;
use crate::interactive::Candidate;
use mapctl_core::error::{Error, Result};
use mapctl_core::integrations::cache::human_age;
use mapctl_core::integrations::discovery::{self, Origin};
pub use mapctl_core::mapping::discovered::{Discovered, is_inactive};
use mapctl_core::mapping::suggest::{RecordDomains, Snapshot, Suggestions};
use mapctl_core::model::Mapping;

/// (org id, org name) of the active mappings of each external org: one
/// integration-index query.
async fn owners_by_external(
    ctx: &Context,
    integration: &str,
) -> Result<HashMap<String, Vec<(String, String)>>> {
    let mut owners: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for m in ctx
        .repo()
        .await?
        .list(None, Some(integration), false)
        .await?
    {
        let name = m.org_name.clone().unwrap_or_else(|| m.org_id.clone());
        owners
            .entry(m.external_org_id)
            .or_default()
            .push((m.org_id, name));
    }
    Ok(owners)
}

/// The external orgs of an integration with who they are mapped to, sorted
/// by name, inactive ones left out; notices about the cache go to stderr.
pub async fn discovered(ctx: &Context, name: &str, refresh: bool) -> Result<Vec<Discovered>> {
    Ok(discovered_at(ctx, name, refresh, false).await?.0)
}

/// [`discovered`] (with the inactive ones if asked), and when that
/// discovery was made (`YYYY-MM-DDTHH:MM:SSZ`).
pub async fn discovered_at(
    ctx: &Context,
    name: &str,
    refresh: bool,
    include_inactive: bool,
) -> Result<(Vec<Discovered>, String)> {
    let info = ctx.registry.resolve(name)?;
    if !info.discovery {
        return Err(
            Error::usage(format!("{} has no discovery", info.name)).with_hint(format!(
                "give its declaration a [[list]] (`mapctl integrations show hudu` shows one), or map {} with --no-verify",
                info.name
            )),
        );
    }
    let integration = ctx.integration(&info.name).await?;
    let spinner = ctx
        .ui
        .spinner(&format!("Discovering {} organizations", info.name));
    let progress = |p: mapctl_core::integrations::rest::ListProgress| {
        let pages = match p.total_pages {
            Some(t) => format!("{}/{t}", p.pages),
            None => p.pages.to_string(),
        };
        spinner.set_message(format!(
            "Discovering {}: page {pages}, {} records",
            info.name, p.records
        ));
    };
    // Who is mapped to what is read from the store while the API answers.
    let cache = ctx.discovery_cache();
    let (result, mapped) = tokio::join!(
        discovery::discover(integration.as_ref(), &cache, refresh, &progress),
        owners_by_external(ctx, &info.name)
    );
    spinner.finish_and_clear();
    let (orgs, origin) = result?;
    let age = match origin {
        Origin::Fetched { notices } => {
            for n in notices {
                ctx.ui.warn(&n);
            }
            std::time::Duration::ZERO
        }
        Origin::Cache { age } => {
            ctx.ui.status(&format!(
                "Using the discovery of {} ago (cached; --refresh asks {} again).",
                human_age(age),
                info.name
            ));
            age
        }
        Origin::StaleCache { age, error } => {
            ctx.ui.warn(&format!(
                "{}; showing the cached discovery of {} ago instead",
                error.message,
                human_age(age)
            ));
            age
        }
    };
    let at = mapctl_core::model::format_timestamp(
        time::OffsetDateTime::now_utc() - time::Duration::seconds(age.as_secs() as i64),
    );
    let mut mapped = mapped?;
    let mut out: Vec<Discovered> = orgs
        .into_iter()
        .filter(|o| include_inactive || !is_inactive(&o.metadata))
        .map(|o| {
            let owners = mapped.remove(&o.id).unwrap_or_default();
            Discovered {
                mapped_to: owners.iter().map(|(id, _)| id.clone()).collect(),
                mapped_names: owners.into_iter().map(|(_, n)| n).collect(),
                id: o.id,
                name: o.name,
                metadata: o.metadata,
            }
        })
        .collect();
    // Each name lower-cased once, not on every comparison.
    out.sort_by_cached_key(|d| (d.name.to_lowercase(), d.id.clone()));
    Ok((out, at))
}

/// What the external-org picker shows: the cached list when there is one
/// (with its age, so the picker opens at once), else a fresh discovery.
pub async fn picker_candidates(
    ctx: &Context,
    name: &str,
) -> Result<(Vec<Candidate>, Option<String>)> {
    let integration = ctx.integration(name).await?;
    let (orgs, age) = match ctx
        .discovery_cache()
        .load(name, &integration.cache_source())
    {
        Some(c) => {
            let mut owners = owners_by_external(ctx, name).await?;
            let mut list: Vec<Candidate> = c
                .orgs
                .into_iter()
                .filter(|o| !is_inactive(&o.metadata))
                .map(|o| Candidate {
                    mapped_to: owners
                        .remove(&o.id)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(_, n)| n)
                        .collect(),
                    id: o.id,
                    name: o.name,
                })
                .collect();
            list.sort_by_cached_key(|c| c.name.to_lowercase());
            (list, Some(human_age(c.age)))
        }
        None => (
            discovered(ctx, name, false)
                .await?
                .into_iter()
                .map(|d| Candidate {
                    id: d.id,
                    name: d.name,
                    mapped_to: d.mapped_names,
                })
                .collect(),
            None,
        ),
    };
    Ok((orgs, age))
}

/// What `suggest` and `status` read of the store, once per command: the
/// active orgs, every active mapping, every ignored external org (three
/// queries at once).
pub async fn snapshot(ctx: &Context) -> Result<Snapshot> {
    let repo = ctx.repo().await?;
    let (orgs, active, ignored) = tokio::join!(
        repo.list_orgs(false),
        repo.list(None, None, false),
        repo.ignored_in(None)
    );
    let mut snapshot = Snapshot {
        orgs: orgs?,
        active: active?,
        ignored: Default::default(),
    };
    for i in ignored? {
        snapshot
            .ignored
            .entry(i.integration)
            .or_default()
            .insert(i.external_org_id);
    }
    Ok(snapshot)
}

/// The domains of the records the active mappings point at, from each
/// integration's last cached discovery (nothing is called), but for the
/// integrations `known` already holds.
pub fn record_domains(
    ctx: &Context,
    active: &[Mapping],
    mut known: RecordDomains,
) -> RecordDomains {
    let cache = ctx.discovery_cache();
    let mut names: Vec<&str> = active.iter().map(|m| m.integration_name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        if !known.has(name)
            && let Some(c) = cache.load_any(name)
        {
            known.add(name, c.orgs.iter().map(|r| (r.id.as_str(), &r.metadata)));
        }
    }
    known
}

/// The suggestions for one integration: its discovery (cached unless
/// `refresh`), a snapshot of the store, the domains of mapped records.
pub async fn suggestions(
    ctx: &Context,
    name: &str,
    only: Option<&[mapctl_core::model::Org]>,
    refresh: bool,
    alternatives: bool,
) -> Result<Suggestions> {
    let (found, snapshot) = tokio::join!(discovered(ctx, name, refresh), snapshot(ctx));
    let snapshot = snapshot?;
    let records = record_domains(ctx, &snapshot.active, RecordDomains::default());
    Ok(mapctl_core::mapping::suggest::suggestions(
        name,
        found?,
        &snapshot,
        &records,
        only,
        alternatives,
        &[],
    ))
}
