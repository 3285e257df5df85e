//! An integration's external orgs, through the discovery cache, and who is
//! mapped to each.

use std::collections::HashMap;
use std::time::Duration;

use super::Observer;
use crate::error::{Error, Result};
use crate::integrations::discovery::{self, Freshness, Origin};
use crate::integrations::rest::ExternalOrg;
use crate::mapping::Repo;
use crate::mapping::discovered::{Discovered, is_inactive};
use crate::mapping::suggest::Snapshot;
use crate::session::Session;

/// An integration's records as a discovery found them.
#[derive(Debug)]
pub struct Listing {
    pub integration: String,
    pub records: Vec<ExternalOrg>,
    /// Where they came from (the API, a fresh cache, a stale one).
    pub origin: Origin,
    /// When that discovery was made (`YYYY-MM-DDTHH:MM:SSZ`).
    pub at: String,
    /// Records the API sent that cannot be mapped (left out of `records`).
    pub invalid: usize,
}

/// An integration's records with the MSP orgs mapped to each.
#[derive(Debug)]
pub struct Discovery {
    pub integration: String,
    /// Sorted by name; inactive ones left out unless asked.
    pub records: Vec<Discovered>,
    pub origin: Origin,
    pub at: String,
}

/// How old a listing is (zero when fresh from the API).
pub(crate) fn age(origin: &Origin) -> Duration {
    match origin {
        Origin::Fetched { .. } => Duration::ZERO,
        Origin::Cache { age } | Origin::StaleCache { age, .. } => *age,
    }
}

impl Listing {
    /// The records with the MSP orgs mapped to each (`owners`: external id
    /// → (org id, org name)).
    pub fn with_owners(
        self,
        mut owners: HashMap<String, Vec<(String, String)>>,
        include_inactive: bool,
    ) -> Discovery {
        let mut records: Vec<Discovered> = self
            .records
            .into_iter()
            .filter(|o| include_inactive || !is_inactive(&o.metadata))
            .map(|o| {
                let owners = owners.remove(&o.id).unwrap_or_default();
                Discovered {
                    mapped_to: owners.iter().map(|(id, _)| id.clone()).collect(),
                    mapped_names: owners.into_iter().map(|(_, n)| n).collect(),
                    id: o.id,
                    name: o.name,
                    metadata: o.metadata,
                }
            })
            .collect();
        // A listing is cached in this order: sorted already, but for what
        // another version of mapctl cached.
        if !records.is_sorted_by(|a, b| by_name(&a.name, &a.id, &b.name, &b.id).is_le()) {
            records.sort_by(|a, b| by_name(&a.name, &a.id, &b.name, &b.id));
        }
        Discovery {
            integration: self.integration,
            records,
            origin: self.origin,
            at: self.at,
        }
    }

    /// The records with their owners from a snapshot of the store.
    pub(crate) fn against(self, snapshot: &Snapshot) -> Discovery {
        let owners = snapshot.owners(&self.integration);
        self.with_owners(owners, false)
    }
}

/// The records of an integration with discovery: a fresh cache, else the
/// API (progress to `observer`), else a stale cache when the API is
/// unavailable.
pub(crate) async fn listing(
    session: &Session,
    name: &str,
    fresh: Freshness,
    observer: &dyn Observer,
) -> Result<Listing> {
    let info = session.registry.resolve(name)?;
    if !info.discovery {
        return Err(
            Error::usage(format!("{} has no discovery", info.name)).with_remedy(
                crate::error::Remedy::DeclareListing {
                    integration: info.name.clone(),
                },
            ),
        );
    }
    let name = info.name.clone();
    if fresh != Freshness::Cached {
        session.refresh_lookups();
    }
    let integration = session.integration(&name).await?;
    let progress = |p| observer.listing(&name, p);
    let result = discovery::discover(
        integration.as_ref(),
        &session.discovery_cache(),
        fresh,
        &progress,
    )
    .await;
    observer.listed(&name);
    let (records, origin, invalid) = result?;
    let at = session.clock().now() - time::Duration::seconds(age(&origin).as_secs() as i64);
    Ok(Listing {
        integration: name,
        records,
        origin,
        invalid,
        at: crate::model::format_timestamp(at),
    })
}

/// `discover`: the records of an integration with the MSP orgs mapped to
/// each; who is mapped to what is read from the store while the API answers
/// (one partition query of the integration index).
pub async fn discovered(
    session: &Session,
    name: &str,
    fresh: Freshness,
    include_inactive: bool,
    observer: &dyn Observer,
) -> Result<Discovery> {
    let name = session.integration_name(name)?;
    let (found, owners) = tokio::join!(
        listing(session, &name, fresh, observer),
        owners_by_external(session, &name)
    );
    Ok(found?.with_owners(owners?, include_inactive))
}

/// (org id, org name) of the active mappings of each external org of an
/// integration: one integration-index query, with the org names.
pub async fn owners_by_external(
    session: &Session,
    integration: &str,
) -> Result<HashMap<String, Vec<(String, String)>>> {
    let repo: &Repo = session.repo().await?;
    let mut owners: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for m in repo.list(None, Some(integration), false).await? {
        let name = m.org_name.clone().unwrap_or_else(|| m.org_id.to_string());
        owners
            .entry(m.external_org_id.into())
            .or_default()
            .push((m.org_id.into(), name));
    }
    Ok(owners)
}

/// What `discover` (and `GET …/orgs`) asks for.
#[derive(Debug, Clone, Default)]
pub struct DiscoverQuery {
    /// How fresh the listing must be (`--refresh`, `--allow-stale`).
    pub fresh: Freshness,
    /// Only records whose name or id contains this (case-insensitive).
    pub search: Option<String>,
    /// Only records no MSP org is mapped to, ignored ones left out.
    pub unmapped: bool,
    /// Also deleted, archived and inactive ones.
    pub include_inactive: bool,
}

/// The records of `discover`: discovered with their owners, then narrowed
/// by the query (the ignore list read only for `unmapped`).
pub async fn query(
    session: &Session,
    name: &str,
    q: &DiscoverQuery,
    observer: &dyn Observer,
) -> Result<Discovery> {
    let mut found = discovered(session, name, q.fresh, q.include_inactive, observer).await?;
    if let Some(text) = &q.search {
        let needle = text.to_lowercase();
        found.records.retain(|o| {
            o.name.to_lowercase().contains(&needle) || o.id.to_lowercase().contains(&needle)
        });
    }
    if q.unmapped {
        let ignored: std::collections::HashSet<String> = session
            .repo()
            .await?
            .ignored(&found.integration)
            .await?
            .into_iter()
            .map(|i| i.external_org_id)
            .collect();
        found
            .records
            .retain(|o| o.mapped_to.is_empty() && !ignored.contains(&o.id));
    }
    Ok(found)
}

/// The order of a listing: by name case-insensitively, then id, compared
/// without allocating.
pub(crate) fn by_name(a_name: &str, a_id: &str, b_name: &str, b_id: &str) -> std::cmp::Ordering {
    let names = if a_name.is_ascii() && b_name.is_ascii() {
        // Most names: byte by byte, the same order as below.
        a_name
            .bytes()
            .map(|b| b.to_ascii_lowercase())
            .cmp(b_name.bytes().map(|b| b.to_ascii_lowercase()))
    } else {
        a_name
            .chars()
            .flat_map(char::to_lowercase)
            .cmp(b_name.chars().flat_map(char::to_lowercase))
    };
    names.then_with(|| a_id.cmp(b_id))
}
