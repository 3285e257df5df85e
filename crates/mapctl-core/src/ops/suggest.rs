//! Suggestions for one integration, or for every configured one at once
//! (`suggest --all`): the store read once, the systems discovered at once,
//! then matched in passes where each integration's `high` proposals count
//! as mappings for the links and domains of the others.

use std::collections::{BTreeSet, HashMap};

use super::Observer;
use super::discover::{Listing, listing};
use crate::error::{Error, Result};
use crate::integrations::discovery::{Freshness, Origin};
use crate::mapping::discovered::Discovered;
use crate::mapping::suggest::{
    Explanation, RecordDomains, Snapshot, Suggestion, Suggestions, suggestions,
};
use crate::matching::Confidence;
use crate::model::{ExternalOrgId, Mapping, Org, OrgId};
use crate::session::Session;

/// Most passes over the integrations `suggest --all` makes.
const MAX_ROUNDS: usize = 4;

/// The domains of the records the active mappings point at, from each
/// integration's last cached discovery (nothing is called), but for the
/// integrations `known` already holds.
pub(crate) fn record_domains(
    session: &Session,
    active: &[Mapping],
    mut known: RecordDomains,
) -> RecordDomains {
    let cache = session.discovery_cache();
    let names: BTreeSet<&str> = active.iter().map(|m| m.integration_name.as_str()).collect();
    for name in names {
        if !known.has(name)
            && let Some(c) = cache.load_any(name)
        {
            known.add(
                name,
                c.orgs
                    .iter()
                    .map(|r| (r.id.as_str(), r.name.as_str(), &r.metadata)),
            );
        }
    }
    known
}

/// The suggestions for one integration: its discovery (cached unless
/// `refresh`) and a snapshot of the store, read at once; where the listing
/// came from.
pub async fn for_integration(
    session: &Session,
    name: &str,
    only: Option<&[Org]>,
    fresh: Freshness,
    alternatives: bool,
    observer: &dyn Observer,
) -> Result<(Suggestions, Origin)> {
    let repo = session.repo().await?;
    let (found, snapshot) = tokio::join!(listing(session, name, fresh, observer), repo.snapshot());
    let (found, snapshot) = (found?, snapshot?);
    let records = record_domains(session, &snapshot.active, RecordDomains::default());
    let name = found.integration.clone();
    let discovery = found.against(&snapshot);
    let proposed = suggestions(
        &name,
        discovery.records,
        &snapshot,
        &records,
        only,
        alternatives,
        &[],
    );
    Ok((proposed, discovery.origin))
}

/// `suggest <integration> --explain <org>`: the proposals of the
/// integration made as usual, then the org's candidates among every
/// record, each with why it was proposed or not.
pub async fn explain(
    session: &Session,
    name: &str,
    org: &Org,
    fresh: Freshness,
    observer: &dyn Observer,
) -> Result<(Explanation, Origin)> {
    let repo = session.repo().await?;
    let (found, snapshot) = tokio::join!(listing(session, name, fresh, observer), repo.snapshot());
    let (found, snapshot) = (found?, snapshot?);
    let records = record_domains(session, &snapshot.active, RecordDomains::default());
    let name = found.integration.clone();
    let discovery = found.against(&snapshot);
    let all = discovery.records.clone();
    let proposed = suggestions(
        &name,
        discovery.records,
        &snapshot,
        &records,
        None,
        false,
        &[],
    );
    let explained =
        crate::mapping::suggest::explain::explain(&proposed, &all, &snapshot, &records, org);
    Ok((explained, discovery.origin))
}

/// Every configured integration that lists organizations, discovered at
/// once, with the store read once: what `suggest --all` matches.
pub struct Onboarding {
    /// (integration, its records with their owners), those whose records
    /// name other systems (links) last.
    pub(crate) listings: Vec<(String, Vec<Discovered>)>,
    /// Where each listing came from.
    pub origins: Vec<(String, Origin)>,
    /// Integrations that could not be discovered, and why: left out.
    pub left_out: Vec<(String, Error)>,
    pub(crate) snapshot: Snapshot,
    records: RecordDomains,
}

/// Discovers every configured integration with a listing and reads the
/// store, all at once (the Organizations table is read once).
pub async fn onboarding(
    session: &Session,
    fresh: Freshness,
    observer: &dyn Observer,
) -> Result<Onboarding> {
    let names: Vec<String> = session
        .registry
        .list()
        .iter()
        .filter(|i| i.discovery && i.configured && i.broken.is_none())
        .map(|i| i.name.clone())
        .collect();
    if names.is_empty() {
        return Err(
            Error::usage("no configured integration lists organizations")
                .with_remedy(crate::error::Remedy::ConfigureAnIntegration),
        );
    }
    let repo = session.repo().await?;
    let (found, snapshot) = tokio::join!(
        futures_util::future::join_all(names.iter().map(|n| listing(session, n, fresh, observer))),
        repo.snapshot()
    );
    let snapshot = snapshot?;
    let (mut listings, mut origins, mut left_out) = (Vec::new(), Vec::new(), Vec::new());
    let mut records = RecordDomains::default();
    for (name, found) in names.into_iter().zip(found) {
        match found {
            Ok(found) => {
                let found: Listing = found;
                records.add(
                    &name,
                    found
                        .records
                        .iter()
                        .map(|r| (r.id.as_str(), r.name.as_str(), &r.metadata)),
                );
                let discovery = found.against(&snapshot);
                origins.push((name.clone(), discovery.origin));
                listings.push((name, discovery.records));
            }
            Err(e) => left_out.push((name, e)),
        }
    }
    // Links point at other systems' ids: those systems are matched first.
    let links = |list: &[Discovered]| list.iter().any(|d| d.metadata.get("links").is_some());
    listings.sort_by_key(|(name, list)| (links(list), name.clone()));
    let records = record_domains(session, &snapshot.active, records);
    Ok(Onboarding {
        listings,
        origins,
        left_out,
        snapshot,
        records,
    })
}

impl Onboarding {
    /// The integrations matched, in order.
    pub fn integrations(&self) -> impl Iterator<Item = &str> {
        self.listings.iter().map(|(n, _)| n.as_str())
    }

    /// One integration's proposals, counting `taken` (proposals accepted
    /// elsewhere) as mappings: a review goes one integration after
    /// another, each seeing what was accepted before.
    pub fn propose(
        &self,
        integration: &str,
        only: Option<&[Org]>,
        alternatives: bool,
        taken: &[Mapping],
    ) -> Suggestions {
        let list = self
            .listings
            .iter()
            .find(|(n, _)| n == integration)
            .map(|(_, l)| l.clone())
            .unwrap_or_default();
        suggestions(
            integration,
            list,
            &self.snapshot,
            &self.records,
            only,
            alternatives,
            taken,
        )
    }

    /// Unattended: every integration matched with the `high` proposals of
    /// all the others counted as mappings, again until a pass finds no new
    /// `high` one, so the order of the integrations does not decide what
    /// links and domains can do.
    pub fn rounds(&self, only: Option<&[Org]>) -> Vec<Suggestions> {
        let mut high: HashMap<&str, Vec<Mapping>> = HashMap::new();
        let mut found: Vec<Suggestions> = Vec::new();
        for _ in 0..MAX_ROUNDS {
            let mut changed = false;
            found.clear();
            for (name, _) in &self.listings {
                let others: Vec<Mapping> = high
                    .iter()
                    .filter(|(other, _)| *other != name)
                    .flat_map(|(_, m)| m.iter().cloned())
                    .collect();
                let s = self.propose(name, only, false, &others);
                let now: Vec<Mapping> = s
                    .list
                    .iter()
                    .filter(|s| s.confidence == Confidence::High)
                    .map(Suggestion::assumed)
                    .collect();
                let before = high
                    .get(name.as_str())
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                if !same_pairs(before, &now) {
                    changed = true;
                    high.insert(name, now);
                }
                found.push(s);
            }
            if !changed {
                break;
            }
        }
        found
    }
}

/// Whether two lists hold the same (org, external id) pairs.
fn same_pairs(a: &[Mapping], b: &[Mapping]) -> bool {
    let pairs = |l: &[Mapping]| -> BTreeSet<(OrgId, ExternalOrgId)> {
        l.iter()
            .map(|m| (m.org_id.clone(), m.external_org_id.clone()))
            .collect()
    };
    pairs(a) == pairs(b)
}
