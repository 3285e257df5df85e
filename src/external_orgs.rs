//! External orgs of an integration with the MSP orgs mapped to each: the
//! listing `discover` prints and the picker of `map` offers. Discovery goes
//! through its cache; notices about the cache go to stderr.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Map, Value as Json};

use crate::context::Context;
use crate::error::{Error, Result};
use crate::integrations::cache::human_age;
use crate::integrations::discovery::{self, Origin};
use crate::interactive::Candidate;

/// An external org as `discover` prints it (contract §4).
#[derive(Debug, Serialize)]
pub struct Discovered {
    pub id: String,
    pub name: String,
    pub metadata: Map<String, Json>,
    pub mapped_to: Vec<String>,
    #[serde(skip)]
    pub mapped_names: Vec<String>,
}

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

/// Whether a declaration's rules marked the record inactive (deleted,
/// archived, a system record): not what a technician maps.
pub fn is_inactive(metadata: &Map<String, Json>) -> bool {
    metadata.get("inactive") == Some(&Json::Bool(true))
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
    let integration = ctx.build_integration(&info.name).await?;
    let spinner = ctx
        .ui
        .spinner(&format!("Discovering {} organizations", info.name));
    let progress = |p: crate::integrations::rest::ListProgress| {
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
    let at = crate::model::format_timestamp(
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
    let integration = ctx.build_integration(name).await?;
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
