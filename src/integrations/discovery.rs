//! Discovery through the cache: fresh cache, else the API (and the cache is
//! refreshed), else, when the API is unavailable, a stale cache with notice.

use std::time::Duration;

use super::rest::{ExternalOrg, Integration, ListProgress};
use crate::error::{Error, ErrorKind, Result};
use crate::integrations::cache::DiscoveryCache;

/// Where a listing came from.
#[derive(Debug)]
pub enum Origin {
    Fetched,
    /// A cache within its TTL.
    Cache {
        age: Duration,
    },
    /// An expired cache, used because the API failed (the error is why).
    StaleCache {
        age: Duration,
        error: Error,
    },
}

pub async fn discover(
    integration: &dyn Integration,
    cache: &DiscoveryCache,
    refresh: bool,
    progress: &(dyn Fn(ListProgress) + Send + Sync),
) -> Result<(Vec<ExternalOrg>, Origin)> {
    let source = integration.cache_source();
    if !refresh
        && let Some(c) = cache.load(integration.name(), &source)
        && cache.is_fresh(&c)
    {
        return Ok((c.orgs, Origin::Cache { age: c.age }));
    }
    match integration.list_organizations(progress).await {
        Ok(orgs) => {
            // A cache that cannot be written costs speed, not correctness.
            let _ = cache.store(integration.name(), &source, &orgs);
            Ok((orgs, Origin::Fetched))
        }
        // Read only now: a stale copy is needed only when the API fails.
        Err(error) if error.kind == ErrorKind::Unavailable => {
            match cache.load(integration.name(), &source) {
                Some(c) => Ok((c.orgs, Origin::StaleCache { age: c.age, error })),
                None => Err(error),
            }
        }
        Err(error) => Err(error),
    }
}

/// Whether an external org exists: a fresh cache answers yes quickly; any
/// other case asks the API (a record may be newer than the cache).
pub async fn verify(
    integration: &dyn Integration,
    cache: &DiscoveryCache,
    id: &str,
) -> Result<Option<ExternalOrg>> {
    if let Some(c) = cache
        .load(integration.name(), &integration.cache_source())
        .filter(|c| cache.is_fresh(c))
        && let Some(found) = c.orgs.into_iter().find(|o| o.id == id)
    {
        return Ok(Some(found));
    }
    integration.get_organization(id).await
}
