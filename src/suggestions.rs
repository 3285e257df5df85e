//! What `mapctl suggest` proposes (contract §7): the MSP orgs without an
//! active mapping in an integration, matched against the external orgs that
//! are neither mapped nor ignored, from the (cached) discovery. The matching
//! itself is `matching`'s; this gathers its inputs from the store and the
//! discovery, and turns its proposals into the JSON shape of §7.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::Serialize;
use serde_json::{Map, Value as Json};

use crate::context::Context;
use crate::error::Result;
use crate::external_orgs::discovered;
use crate::matching::{self, Confidence, ExternalSide, Matcher, OrgSide, Reason};
use crate::model::Org;

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
/// in other integrations (their last cached discovery; nothing is called).
fn org_domains<'a>(
    ctx: &Context,
    orgs: &'a [Arc<Org>],
    active: &[crate::model::Mapping],
    integration: &str,
) -> HashMap<&'a str, Vec<String>> {
    let cache = ctx.discovery_cache();
    let mut listings: HashMap<&str, HashMap<String, Vec<String>>> = HashMap::new();
    let wanted: HashSet<&str> = orgs.iter().map(|o| o.org_id.as_str()).collect();
    let mut out: HashMap<&'a str, Vec<String>> = HashMap::new();
    for o in orgs {
        out.insert(&o.org_id, o.domains.clone());
    }
    for m in active
        .iter()
        .filter(|m| m.integration_name != integration && wanted.contains(m.org_id.as_str()))
    {
        let listing = listings.entry(&m.integration_name).or_insert_with(|| {
            cache
                .load_any(&m.integration_name)
                .map(|c| {
                    c.orgs
                        .into_iter()
                        .map(|r| (r.id, domains_of(&r.metadata)))
                        .filter(|(_, d)| !d.is_empty())
                        .collect()
                })
                .unwrap_or_default()
        });
        if let Some(domains) = listing.get(&m.external_org_id)
            && let Some((_, list)) = out.iter_mut().find(|(id, _)| **id == m.org_id)
        {
            for d in domains {
                if !list.contains(d) {
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
    pub org: String,
    pub org_name: String,
    pub integration: String,
    pub external_org_id: String,
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
}

pub struct Suggestions {
    pub integration: String,
    /// One per MSP org that has a candidate, in org-name order.
    pub list: Vec<Suggestion>,
    /// The external orgs still open, sorted by name.
    pub open: Vec<Open>,
    /// MSP orgs considered (without an active mapping in the integration).
    pub considered: usize,
    /// Orgs asked for (`--org`) that are already mapped in the integration.
    pub already_mapped: Vec<String>,
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

/// The suggestions for `integration`; `only` narrows the MSP orgs;
/// `alternatives` ranks each org's other candidates too (for a review).
pub async fn suggestions(
    ctx: &Context,
    integration: &str,
    only: Option<&[Org]>,
    refresh: bool,
    alternatives: bool,
) -> Result<Suggestions> {
    let discovered = discovered(ctx, integration, refresh).await?;
    suggestions_with(ctx, integration, discovered, only, alternatives, &[]).await
}

/// [`suggestions`] from a discovery already made, with `assumed` mappings
/// counted as if they were stored (`suggest --all`: the high proposals of
/// the integrations before this one lend their links and domains).
pub async fn suggestions_with(
    ctx: &Context,
    integration: &str,
    discovered: Vec<crate::external_orgs::Discovered>,
    only: Option<&[Org]>,
    alternatives: bool,
    assumed: &[crate::model::Mapping],
) -> Result<Suggestions> {
    let repo = ctx.repo().await?;
    let ignored: HashSet<String> = repo
        .ignored(integration)
        .await?
        .into_iter()
        .map(|i| i.external_org_id)
        .collect();
    // Every active mapping: who is mapped here, and the ids each org holds
    // elsewhere (link evidence).
    let mut active = repo.list(None, None, false).await?;
    active.extend(
        assumed
            .iter()
            .filter(|m| m.integration_name != integration)
            .cloned(),
    );
    let mut held: HashMap<&str, Vec<(&str, &str)>> = HashMap::new();
    let mut mapped_orgs: HashSet<&str> = HashSet::new();
    for m in &active {
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
    let all_orgs;
    let orgs: &[Org] = match only {
        Some(orgs) => orgs,
        None => {
            all_orgs = repo.list_orgs(false).await?;
            &all_orgs
        }
    };
    let already_mapped: Vec<String> = only
        .unwrap_or_default()
        .iter()
        .filter(|o| mapped_orgs.contains(o.org_id.as_str()))
        .map(|o| o.name.clone())
        .collect();
    let orgs: Vec<Arc<Org>> = orgs
        .iter()
        .filter(|o| o.is_active && !mapped_orgs.contains(o.org_id.as_str()))
        .cloned()
        .map(Arc::new)
        .collect();
    let links: Vec<Vec<(String, String)>> = open.iter().map(|o| links_of(&o.metadata)).collect();
    let record_domains: Vec<Vec<String>> = open.iter().map(|o| domains_of(&o.metadata)).collect();
    let org_domains = org_domains(ctx, &orgs, &active, integration);
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
            Suggestion {
                org: org.org_id.clone(),
                org_name: org.name.clone(),
                integration: integration.to_owned(),
                external_org_id: external.id.clone(),
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
    Ok(Suggestions {
        integration: integration.to_owned(),
        list,
        open,
        considered: orgs.len(),
        already_mapped,
    })
}
