//! Discovery through the cache: fresh cache, else the API (and the cache is
//! refreshed), else, when the API is unavailable, a stale cache with notice.

use std::time::Duration;

use super::rest::{ExternalOrg, Integration, ListProgress};

#[cfg(test)]
mod tests {
    use super::*;

    fn org(id: &str, name: &str) -> ExternalOrg {
        ExternalOrg {
            id: id.into(),
            name: name.into(),
            metadata: Default::default(),
        }
    }

    #[test]
    fn repeated_ids_collapse_and_a_second_name_is_reported_once() {
        let (orgs, notices) = collapse(
            "datto_saas",
            vec![
                org("1", "Acme"),
                org("2", "Beta"),
                org("1", "Acme"),
                org("1", "ACME Ltd"),
                org("1", "x"),
            ],
        );
        assert_eq!(orgs, vec![org("1", "Acme"), org("2", "Beta")]);
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert!(
            notices[0].contains("id 1") && notices[0].contains("\"Acme\""),
            "{notices:?}"
        );
    }
}
use crate::error::{Error, ErrorKind, Result};
use crate::integrations::cache::DiscoveryCache;

/// Where a listing came from.
#[derive(Debug)]
pub enum Origin {
    /// From the API; `notices` says what the listing repeated.
    Fetched { notices: Vec<String> },
    /// A cache within its TTL.
    Cache { age: Duration },
    /// An expired cache, used because the API failed (the error is why).
    StaleCache { age: Duration, error: Error },
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
            let (mut orgs, notices) = collapse(integration.name(), orgs);
            // Kept in the order people read it, so that a cached listing
            // needs no sort.
            orgs.sort_by(|a, b| crate::ops::discover::by_name(&a.name, &a.id, &b.name, &b.id));
            // A cache that cannot be written costs speed, not correctness.
            let _ = cache.store(integration.name(), &source, &orgs);
            Ok((orgs, Origin::Fetched { notices }))
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

/// One record per id (Datto SaaS lists a customer once per domain): the
/// first is kept; an id listed under other names is reported once.
fn collapse(integration: &str, orgs: Vec<ExternalOrg>) -> (Vec<ExternalOrg>, Vec<String>) {
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    let mut out: Vec<ExternalOrg> = Vec::with_capacity(orgs.len());
    let mut renamed: Vec<String> = Vec::new();
    for o in orgs {
        match seen.get(&o.id) {
            Some(&i) => {
                if out[i].name != o.name && !renamed.contains(&o.id) {
                    renamed.push(o.id.clone());
                }
                // A row per domain: the record keeps them all.
                if let Some(serde_json::Value::Array(more)) = o.metadata.get("domains") {
                    let kept = out[i]
                        .metadata
                        .entry("domains")
                        .or_insert_with(|| serde_json::Value::Array(Vec::new()));
                    if let serde_json::Value::Array(list) = kept {
                        let mut seen: std::collections::HashSet<serde_json::Value> =
                            list.iter().cloned().collect();
                        for d in more {
                            if list.len() >= crate::domains::MAX_DOMAINS {
                                break;
                            }
                            if seen.insert(d.clone()) {
                                list.push(d.clone());
                            }
                        }
                    }
                }
            }
            None => {
                seen.insert(o.id.clone(), out.len());
                out.push(o);
            }
        }
    }
    let notices = renamed
        .iter()
        .map(|id| {
            let kept = &out[seen[id]].name;
            format!("{integration} lists id {id} more than once under different names; it is shown once, as {kept:?}")
        })
        .collect();
    (out, notices)
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
