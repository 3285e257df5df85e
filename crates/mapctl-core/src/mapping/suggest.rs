//! What `mapctl suggest` proposes (contract §7): the MSP orgs without an
//! active mapping in an integration, matched against the external orgs that
//! are neither mapped nor ignored. A pure function of a discovery and a
//! snapshot of the store (the command layer reads both); the matching
//! itself is `matching`'s; this turns its proposals into the JSON shape of
//! §7.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::Serialize;
use serde_json::{Map, Value as Json};

use super::discovered::Discovered;

pub(crate) mod explain;
mod why;
use crate::matching::{self, Confidence, ExternalSide, Matcher, OrgSide, Reason};
use crate::model::{ExternalOrgId, IntegrationName, Mapping, Org, OrgId};
pub use explain::{ExplainedCandidate, Explanation};
pub use why::Why;

/// What the store holds, read once per command (`Repo::snapshot`): the
/// active orgs, every active mapping (with its org's name), the ignored
/// external ids of every integration.
#[derive(Debug, Default, Clone)]
pub(crate) struct Snapshot {
    pub(crate) orgs: Vec<Org>,
    pub(crate) active: Vec<Mapping>,
    /// Integration → its ignored external ids.
    pub(crate) ignored: HashMap<String, HashSet<String>>,
    /// Exclusions and rejections.
    pub(crate) decisions: super::decisions::Decisions,
}

impl Snapshot {
    /// (org id, org name) of the active mappings of each external org of
    /// an integration.
    pub(crate) fn owners(&self, integration: &str) -> HashMap<String, Vec<(String, String)>> {
        let mut owners: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for m in self
            .active
            .iter()
            .filter(|m| m.integration_name == integration)
        {
            let name = m.org_name.clone().unwrap_or_else(|| m.org_id.to_string());
            owners
                .entry(m.external_org_id.to_string())
                .or_default()
                .push((m.org_id.to_string(), name));
        }
        owners
    }
}

/// The names and domains of external records, by integration and id:
/// where an org's mapped records lend it their domains (their last
/// discovery; nothing is called).
#[derive(Debug, Default, Clone)]
pub(crate) struct RecordDomains(HashMap<String, HashMap<String, (String, Vec<String>)>>);

impl RecordDomains {
    /// Adds (or replaces) an integration's records: (id, name, metadata).
    pub(crate) fn add<'a>(
        &mut self,
        integration: &str,
        records: impl IntoIterator<Item = (&'a str, &'a str, &'a Map<String, Json>)>,
    ) {
        let of: HashMap<String, (String, Vec<String>)> = records
            .into_iter()
            .map(|(id, name, metadata)| (id.to_owned(), (name.to_owned(), domains_of(metadata))))
            .filter(|(_, (_, d))| !d.is_empty())
            .collect();
        self.0.insert(integration.to_owned(), of);
    }

    pub(crate) fn has(&self, integration: &str) -> bool {
        self.0.contains_key(integration)
    }

    /// A record's name and domains.
    fn of(&self, integration: &str, id: &str) -> Option<(&str, &[String])> {
        self.0
            .get(integration)
            .and_then(|r| r.get(id))
            .map(|(name, domains)| (name.as_str(), domains.as_slice()))
    }
}

/// The hostnames of a record's `metadata.domains`.
fn domains_of(metadata: &Map<String, Json>) -> Vec<String> {
    match metadata.get("domains") {
        Some(Json::Array(list)) => list
            .iter()
            .filter_map(Json::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

/// Each org's domains: its own, and those of the records it is mapped to
/// in other integrations whose name agrees with the org's (a record named
/// otherwise lends nothing: its website may be anyone's).
fn org_domains<'a>(
    orgs: &'a [Arc<Org>],
    active: &[Mapping],
    integration: &str,
    records: &RecordDomains,
) -> HashMap<&'a str, Vec<String>> {
    let mut out: HashMap<&'a str, Vec<String>> = orgs
        .iter()
        .map(|o| (o.org_id.as_str(), o.domains.clone()))
        .collect();
    let names: HashMap<&str, &str> = orgs
        .iter()
        .map(|o| (o.org_id.as_str(), o.name.as_str()))
        .collect();
    let mut seen: HashMap<&str, HashSet<String>> = HashMap::new();
    for m in active.iter().filter(|m| m.integration_name != integration) {
        if let Some(list) = out.get_mut(m.org_id.as_str()) {
            let seen = seen
                .entry(m.org_id.as_str())
                .or_insert_with(|| list.iter().cloned().collect());
            let Some((record_name, lent)) = records.of(&m.integration_name, &m.external_org_id)
            else {
                continue;
            };
            let org_name = names.get(m.org_id.as_str()).copied().unwrap_or_default();
            if !matching::shares_a_word(
                &matching::normalize::Normalized::new(org_name),
                &matching::normalize::Normalized::new(record_name),
            ) {
                continue;
            }
            for d in lent {
                if list.len() >= crate::domains::MAX_DOMAINS {
                    break;
                }
                if seen.insert(d.clone()) {
                    list.push(d.clone());
                }
            }
        }
    }
    out
}

/// An external org that may still be mapped: neither mapped nor ignored.
#[derive(Debug, Clone)]
pub struct Open {
    pub id: String,
    pub name: String,
    pub metadata: Map<String, Json>,
}

/// One proposal in the shape of contract §7 (`apply -f` reads it as is).
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    pub org: OrgId,
    pub org_name: String,
    pub integration: IntegrationName,
    pub external_org_id: ExternalOrgId,
    pub external_org_name: String,
    pub score: f64,
    pub confidence: Confidence,
    pub reason: Reason,
    /// The org, for writing.
    #[serde(skip)]
    pub org_record: Arc<Org>,
    /// The proposed external org, as a position in [`Suggestions::open`].
    #[serde(skip)]
    pub external: usize,
    /// The org's best candidates, best first (positions in `open`): what a
    /// review offers first when the proposal is not the one. Empty unless
    /// asked for.
    #[serde(skip)]
    pub alternatives: Vec<usize>,
    /// Why it is not `high` (None when it is); not in the JSON, which
    /// `apply -f` reads as it is.
    #[serde(skip)]
    pub why: Option<Why>,
}

impl Suggestion {
    /// The proposal as a wanted mapping of the apply engine, to this
    /// external org (the proposed one, or another a person picked): held
    /// to `map`'s rules against what the store holds when it is written.
    pub fn wanted(
        &self,
        external_org_id: &ExternalOrgId,
        external_org_name: &str,
    ) -> super::apply::DesiredMapping {
        super::apply::DesiredMapping {
            org: self.org_record.clone(),
            integration: self.integration.clone(),
            external_org_id: external_org_id.clone(),
            external_org_name: Some(external_org_name.to_owned()),
            mapping_data: None,
            exclusive: true,
        }
    }

    /// The proposal taken as a mapping, for the integrations matched after it.
    pub(crate) fn assumed(&self) -> Mapping {
        Mapping {
            org_id: self.org.clone(),
            integration_name: self.integration.clone(),
            external_org_id: self.external_org_id.clone(),
            external_org_name: self.external_org_name.clone(),
            is_active: true,
            ..Default::default()
        }
    }
}

/// An org without a proposal, for a person to pick for by hand.
#[derive(Debug, Clone)]
pub struct Unmatched {
    pub org: Arc<Org>,
    /// Its best candidates, best first (positions in `open`), if any.
    pub candidates: Vec<usize>,
}

impl Suggestions {
    /// A record a person picked for an org nothing was proposed for, as a
    /// wanted mapping held to `map`'s rules when it is written.
    pub fn picked(&self, org: &Arc<Org>, open: usize) -> super::apply::DesiredMapping {
        let record = &self.open[open];
        super::apply::DesiredMapping {
            org: org.clone(),
            integration: self.integration.clone(),
            external_org_id: ExternalOrgId::from_row(record.id.as_str()),
            external_org_name: Some(record.name.clone()),
            mapping_data: None,
            exclusive: true,
        }
    }
}

pub struct Suggestions {
    pub integration: IntegrationName,
    /// One per MSP org that has a candidate, in org-name order.
    pub list: Vec<Suggestion>,
    /// The external orgs still open, sorted by name.
    pub open: Vec<Open>,
    /// MSP orgs considered (without an active mapping in the integration).
    pub considered: usize,
    /// Orgs asked for (`--org`) that are already mapped in the integration.
    pub already_mapped: Vec<String>,
    /// Orgs considered that have no proposal (filled for a review only).
    pub unmatched: Vec<Unmatched>,
}

/// Candidates a review offers before the rest of the list.
const ALTERNATIVES: usize = 5;

/// The tenant id an external record carries (metadata `tenant_id`).
fn tenant_of(metadata: &Map<String, Json>) -> Option<&str> {
    metadata.get("tenant_id").and_then(Json::as_str)
}

/// The ids of other integrations a record names (metadata `links`:
/// `{"autotask": 123}`), as (integration, id) text.
fn links_of(metadata: &Map<String, Json>) -> Vec<(String, String)> {
    let Some(Json::Object(links)) = metadata.get("links") else {
        return Vec::new();
    };
    links
        .iter()
        .filter_map(|(integration, id)| {
            let id = match id {
                Json::String(s) if !s.is_empty() => s.clone(),
                Json::Number(n) => n.to_string(),
                _ => return None,
            };
            Some((integration.clone(), id))
        })
        .collect()
}

/// The suggestions for `integration` from its discovery and a snapshot;
/// `only` narrows the MSP orgs; `alternatives` ranks each org's other
/// candidates too (for a review); `assumed` mappings count as if they were
/// stored (`suggest --all`: the high proposals of other integrations lend
/// their links and domains).
pub(crate) fn suggestions(
    integration: &str,
    discovered: Vec<Discovered>,
    snapshot: &Snapshot,
    records: &RecordDomains,
    only: Option<&[Org]>,
    alternatives: bool,
    assumed: &[Mapping],
) -> Suggestions {
    let no_ignored = HashSet::new();
    let ignored = snapshot.ignored.get(integration).unwrap_or(&no_ignored);
    // Every active mapping: who is mapped here, and the ids each org holds
    // elsewhere (link evidence).
    let active: Vec<&Mapping> = snapshot
        .active
        .iter()
        .chain(assumed.iter().filter(|m| m.integration_name != integration))
        .collect();
    let mut held: HashMap<&str, Vec<(&str, &str)>> = HashMap::new();
    let mut mapped_orgs: HashSet<&str> = HashSet::new();
    for m in active.iter().copied() {
        if m.integration_name == integration {
            mapped_orgs.insert(&m.org_id);
        }
        held.entry(&m.org_id)
            .or_default()
            .push((&m.integration_name, &m.external_org_id));
    }
    let open: Vec<Open> = discovered
        .into_iter()
        .filter(|d| d.mapped_to.is_empty() && !ignored.contains(&d.id))
        .map(|d| Open {
            id: d.id,
            name: d.name,
            metadata: d.metadata,
        })
        .collect();
    let orgs: &[Org] = only.unwrap_or(&snapshot.orgs);
    let already_mapped: Vec<String> = only
        .unwrap_or_default()
        .iter()
        .filter(|o| mapped_orgs.contains(o.org_id.as_str()))
        .map(|o| o.name.clone())
        .collect();
    // An excluded org gets no suggestion there.
    let orgs: Vec<Arc<Org>> = orgs
        .iter()
        .filter(|o| o.is_active && !mapped_orgs.contains(o.org_id.as_str()))
        .filter(|o| !snapshot.decisions.is_excluded(&o.org_id, integration))
        .cloned()
        .map(Arc::new)
        .collect();
    let links: Vec<Vec<(String, String)>> = open.iter().map(|o| links_of(&o.metadata)).collect();
    let record_domains: Vec<Vec<String>> = open.iter().map(|o| domains_of(&o.metadata)).collect();
    let active: Vec<Mapping> = active.into_iter().cloned().collect();
    let org_domains = org_domains(&orgs, &active, integration, records);
    let externals: Vec<ExternalSide> = open
        .iter()
        .zip(&links)
        .map(|(o, links)| ExternalSide {
            id: &o.id,
            name: &o.name,
            tenant_id: tenant_of(&o.metadata),
            links: links
                .iter()
                .map(|(i, id)| (i.as_str(), id.as_str()))
                .collect(),
            domains: Vec::new(),
        })
        .zip(&record_domains)
        .map(|(mut side, domains)| {
            side.domains = domains.iter().map(String::as_str).collect();
            side
        })
        .collect();
    let sides: Vec<OrgSide> = orgs
        .iter()
        .map(|o| OrgSide {
            rejected: snapshot
                .decisions
                .rejected_for(&o.org_id, integration)
                .map(|ids| ids.iter().map(String::as_str).collect())
                .unwrap_or_default(),
            name: &o.name,
            tenant_id: o.tenant_id.as_deref(),
            held: held.get(o.org_id.as_str()).cloned().unwrap_or_default(),
            domains: org_domains
                .get(o.org_id.as_str())
                .map(|d| d.iter().map(String::as_str).collect())
                .unwrap_or_default(),
        })
        .collect();
    let matcher = Matcher::new(&externals);
    let mut list: Vec<Suggestion> = matching::assign(&matcher, &sides)
        .into_iter()
        .map(|p| {
            let org = &orgs[p.org];
            let external = &open[p.external];
            let why = p.caveat.map(|c| Why::of(c, &open, &orgs));
            Suggestion {
                why,
                org: org.org_id.clone(),
                org_name: org.name.clone(),
                integration: IntegrationName::trusted(integration),
                external_org_id: ExternalOrgId::from_row(external.id.clone()),
                external_org_name: external.name.clone(),
                score: p.score,
                confidence: p.confidence,
                reason: p.reason,
                org_record: org.clone(),
                external: p.external,
                alternatives: if alternatives {
                    matcher
                        .ranked(&sides[p.org], ALTERNATIVES)
                        .into_iter()
                        .map(|(e, _, _)| e)
                        .collect()
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    list.sort_by(|a, b| {
        a.org_name
            .to_lowercase()
            .cmp(&b.org_name.to_lowercase())
            .then_with(|| a.org.cmp(&b.org))
    });
    // For a review: the orgs nothing was proposed for, with whatever the
    // matcher ranks for them (a picker opens with those).
    let unmatched = if alternatives {
        let proposed: HashSet<&str> = list.iter().map(|s| s.org.as_str()).collect();
        let mut unmatched: Vec<Unmatched> = orgs
            .iter()
            .zip(&sides)
            .filter(|(o, _)| !proposed.contains(o.org_id.as_str()))
            .map(|(o, side)| Unmatched {
                org: o.clone(),
                candidates: matcher
                    .ranked(side, ALTERNATIVES)
                    .into_iter()
                    .map(|(e, _, _)| e)
                    .collect(),
            })
            .collect();
        unmatched.sort_by_key(|u| u.org.name.to_lowercase());
        unmatched
    } else {
        Vec::new()
    };
    Suggestions {
        integration: IntegrationName::trusted(integration),
        list,
        open,
        considered: orgs.len(),
        already_mapped,
        unmatched,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record lends its domains to the org it is mapped to only when its
    /// own name agrees with the org's: a PSA record named otherwise may
    /// carry anyone's website.
    #[test]
    fn only_a_record_whose_name_agrees_lends_its_domains() {
        let bob = Arc::new(Org {
            org_id: "bob".into(),
            name: "Bob's Bakery".into(),
            is_active: true,
            ..Org::default()
        });
        let metadata = |domain: &str| {
            let mut m = Map::new();
            m.insert("domains".into(), serde_json::json!([domain]));
            m
        };
        let (own, other) = (metadata("bobsbakery.com"), metadata("victim.com"));
        let mut records = RecordDomains::default();
        records.add("psa", [("1", "Bobs Bakery Ltd", &own)]);
        records.add("rmm", [("9", "Totally Unrelated Ltd", &other)]);
        let active = [
            crate::test_support::mapping("bob", "psa", "1"),
            crate::test_support::mapping("bob", "rmm", "9"),
        ];
        let got = org_domains(std::slice::from_ref(&bob), &active, "pax8", &records);
        assert_eq!(got["bob"], ["bobsbakery.com"]);
    }
}
