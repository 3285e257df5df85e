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
    fn records_that_cannot_be_mapped_are_left_out_with_one_notice() {
        crate::redact::register("sk-live-0123456789abcdef");
        let (kept, left) = mappable(vec![
            org("1", "Acme"),
            org("", "No id"),
            org(" ", "Blank"),
            org(&"x".repeat(201), "Long"),
            org("a\nb", "Broken"),
            org("sk-live-0123456789abcdef", "Echo"),
        ]);
        assert_eq!(kept, vec![org("1", "Acme")]);
        assert_eq!(
            left,
            LeftOut {
                empty: 2,
                too_long: 1,
                controls: 1,
                secret: 1
            }
        );
        let notice = left.notice("hudu").unwrap();
        assert!(notice.contains("5 record(s) left out"), "{notice}");
        assert!(!notice.contains("sk-live"), "{notice}");
        assert_eq!(LeftOut::default().notice("hudu"), None);
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

/// How fresh a listing must be.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Freshness {
    /// The cache within its TTL, else the API, else (the API unreachable)
    /// an expired cache, with a notice.
    #[default]
    Cached,
    /// The API; unreachable, an error (exit 6): asked for fresh, it is not
    /// given old data in silence.
    Refresh,
    /// The API; unreachable, the cache however old, with a notice.
    RefreshOrStale,
}

impl Freshness {
    /// From `--refresh` and `--allow-stale`.
    pub fn of(refresh: bool, allow_stale: bool) -> Freshness {
        match (refresh, allow_stale) {
            (false, _) => Freshness::Cached,
            (true, false) => Freshness::Refresh,
            (true, true) => Freshness::RefreshOrStale,
        }
    }
}

pub async fn discover(
    integration: &dyn Integration,
    cache: &DiscoveryCache,
    fresh: Freshness,
    progress: &(dyn Fn(ListProgress) + Send + Sync),
) -> Result<(Vec<ExternalOrg>, Origin, usize)> {
    let source = integration.cache_source();
    if fresh == Freshness::Cached
        && let Some(c) = cache.load(integration.name(), &source)
        && cache.is_fresh(&c)
    {
        return Ok((c.orgs, Origin::Cache { age: c.age }, c.invalid));
    }
    match integration.list_organizations(progress).await {
        Ok(orgs) => {
            let (orgs, mut notices) = collapse(integration.name(), orgs);
            let (mut orgs, left_out) = mappable(orgs);
            notices.extend(left_out.notice(integration.name()));
            // Kept in the order people read it, so that a cached listing
            // needs no sort.
            orgs.sort_by(|a, b| crate::ops::discover::by_name(&a.name, &a.id, &b.name, &b.id));
            // A cache that cannot be written costs speed, not correctness.
            let invalid = left_out.total();
            let _ = cache.store(integration.name(), &source, &orgs, invalid);
            Ok((orgs, Origin::Fetched { notices }, invalid))
        }
        // Read only now: a stale copy is needed only when the API fails.
        Err(error) if error.kind == ErrorKind::Unavailable && fresh != Freshness::Refresh => {
            match cache.load(integration.name(), &source) {
                Some(c) => Ok((c.orgs, Origin::StaleCache { age: c.age, error }, c.invalid)),
                None => Err(error),
            }
        }
        Err(error) => Err(error),
    }
}

/// Why records of a listing cannot be mapped, counted.
#[derive(Debug, Default, PartialEq)]
struct LeftOut {
    empty: usize,
    too_long: usize,
    controls: usize,
    secret: usize,
}

impl LeftOut {
    fn total(&self) -> usize {
        self.empty + self.too_long + self.controls + self.secret
    }

    /// One notice for the integration naming how many and why; none when
    /// every record can be mapped.
    fn notice(&self, integration: &str) -> Option<String> {
        let reasons: Vec<String> = [
            (self.empty, "an empty id"),
            (self.too_long, "an id longer than 200 characters"),
            (self.controls, "control characters in the id"),
            (self.secret, "an id that holds a credential of the run"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, why)| format!("{n} with {why}"))
        .collect();
        let total = self.total();
        (total > 0).then(|| {
            format!(
                "{integration}: {total} record(s) left out, which an API should not have sent ({}); they cannot be mapped",
                reasons.join(", ")
            )
        })
    }
}

/// The records that can be mapped, and why the others cannot: an id that
/// is empty, past 200 characters, holds control characters, or echoes a
/// credential of the run (it would be stored, or stored masked). They are
/// never cached, proposed or written.
fn mappable(orgs: Vec<ExternalOrg>) -> (Vec<ExternalOrg>, LeftOut) {
    let mut left = LeftOut::default();
    let kept = orgs
        .into_iter()
        .filter(|o| {
            let id = o.id.as_str();
            let why = if id.trim().is_empty() {
                &mut left.empty
            } else if id.chars().count() > crate::model::MAX_EXTERNAL_ID_LEN {
                &mut left.too_long
            } else if id.chars().any(char::is_control) {
                &mut left.controls
            } else if crate::redact::scrub(id) != id {
                &mut left.secret
            } else {
                return true;
            };
            *why += 1;
            false
        })
        .collect();
    (kept, left)
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
