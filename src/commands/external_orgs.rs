//! External orgs at the command line: the notices about where a listing
//! came from (worded with the flags that change it), and what the
//! external-org picker of `map` offers.

use crate::context::Context;
use crate::interactive::Candidate;
use mapctl_core::error::Result;
use mapctl_core::integrations::cache::human_age;
use mapctl_core::integrations::discovery::{Freshness, Origin};
pub use mapctl_core::mapping::discovered::{Discovered, is_inactive};
use mapctl_core::ops::discover::{self, Discovery};

/// Says on stderr where an integration's listing came from: what the API
/// repeated, the cache used (and how to ask again), a stale cache used
/// because the API failed.
pub fn say_origin(ctx: &Context, integration: &str, origin: &Origin) {
    match origin {
        Origin::Fetched { notices } => {
            for n in notices {
                ctx.ui.warn(n);
            }
        }
        Origin::Cache { age } => ctx.ui.status(&format!(
            "Using the discovery of {} ago (cached; --refresh asks {integration} again).",
            human_age(*age),
        )),
        Origin::StaleCache { age, error } => ctx.ui.warn(&format!(
            "{}; showing the cached discovery of {} ago instead",
            error.message,
            human_age(*age)
        )),
    }
}

/// The external orgs of an integration with who they are mapped to, sorted
/// by name, inactive ones left out unless asked; spinners while it runs,
/// notices about the cache on stderr.
pub async fn discovered(
    ctx: &Context,
    name: &str,
    fresh: Freshness,
    include_inactive: bool,
) -> Result<Discovery> {
    let observer = ctx.ui.discovering();
    let found = discover::discovered(ctx, name, fresh, include_inactive, &observer).await?;
    drop(observer);
    say_origin(ctx, &found.integration, &found.origin);
    Ok(found)
}

/// What the external-org picker shows: the cached list when there is one
/// (with its age, so the picker opens at once), else a fresh discovery.
pub async fn picker_candidates(
    ctx: &Context,
    name: &str,
) -> Result<(Vec<Candidate>, Option<String>)> {
    let integration = ctx.integration(name).await?;
    let cached = ctx
        .discovery_cache()
        .load(name, &integration.cache_source());
    let (records, age) = match cached {
        Some(c) => {
            let owners = discover::owners_by_external(ctx, name).await?;
            let listing = discover::Listing {
                integration: name.to_owned(),
                records: c.orgs,
                origin: Origin::Cache { age: c.age },
                invalid: c.invalid,
                at: String::new(),
            };
            (
                listing.with_owners(owners, false).records,
                Some(human_age(c.age)),
            )
        }
        None => (
            discovered(ctx, name, Freshness::Cached, false)
                .await?
                .records,
            None,
        ),
    };
    let candidates = records
        .into_iter()
        .map(|d| Candidate {
            id: d.id,
            name: d.name,
            mapped_to: d.mapped_names,
        })
        .collect();
    Ok((candidates, age))
}
