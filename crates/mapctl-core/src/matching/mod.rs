//! Which external org is which MSP org (contract §7, `mapctl suggest`).
//! Pure: names and ids in, scored proposals out; no store, no printing.
//!
//! Evidence, strongest first: identity (a tenant id), links (the external
//! record names an id one of the org's other mappings holds), the exact
//! name, the normalized name, then a token similarity weighted by rarity.
//! Each MSP org is compared only with the candidates the index finds for
//! it, never with every external name. One external org goes to at most one
//! MSP org: the stable assignment of the scored pairs. A proposal is `high`
//! only when nothing else comes near it, from either side.

mod assignment;
mod disagree;
mod duplicates;
mod evidence;
use disagree::names_disagree;
pub(crate) use evidence::shares_a_word;
use evidence::{Evidence, exact_key};
mod index;
pub mod normalize;

use std::collections::HashMap;

use serde::Serialize;

use index::Index;
use normalize::Normalized;

/// An MSP org to find a counterpart for.
#[derive(Debug, Clone, Default)]
pub struct OrgSide<'a> {
    pub name: &'a str,
    pub tenant_id: Option<&'a str>,
    /// (integration, external id) of the org's active mappings elsewhere.
    pub held: Vec<(&'a str, &'a str)>,
    /// The org's domains: its own and those of the records it is mapped to.
    pub domains: Vec<&'a str>,
    /// External ids a person said are not this org (`mapctl reject`).
    pub rejected: Vec<&'a str>,
}

/// An external org that may be proposed.
#[derive(Debug, Clone, Default)]
pub struct ExternalSide<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// A tenant id the record carries (metadata `tenant_id`).
    pub tenant_id: Option<&'a str>,
    /// (integration, id) the record names (metadata `links`).
    pub links: Vec<(&'a str, &'a str)>,
    /// The record's domains (metadata `domains`).
    pub domains: Vec<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    TenantId,
    Link,
    Domain,
    ExactName,
    NormalizedName,
    Fuzzy,
}

impl Reason {
    /// Evidence that the two are one tenant or are linked, not alike names.
    pub(crate) fn is_identity(self) -> bool {
        matches!(self, Reason::TenantId | Reason::Link)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Reason::TenantId => "tenant_id",
            Reason::Link => "link",
            Reason::Domain => "domain",
            Reason::ExactName => "exact_name",
            Reason::NormalizedName => "normalized_name",
            Reason::Fuzzy => "fuzzy",
        }
    }
}

/// One proposal: positions in the inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub org: usize,
    pub external: usize,
    pub score: f64,
    pub confidence: Confidence,
    pub reason: Reason,
    /// Score over the best other candidate of either side.
    pub margin: f64,
    /// Why it is not `high` (None when it is).
    pub caveat: Option<Caveat>,
}

/// Why a proposal is not `high`, in terms of the inputs (positions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caveat {
    /// Another record scores nearly as well for the org.
    RecordNearTie { external: usize },
    /// Another org scores nearly as well for the record.
    OrgNearTie { org: usize },
    /// Another open record is the same name or a near spelling of it.
    Duplicate { external: usize },
    /// The org's domain points at another record.
    DomainElsewhere { external: usize },
    /// The record has the org's words in another order; another has them
    /// in order.
    Reordered { external: usize },
    /// The record's legal form differs from the org's; another record's
    /// agrees (a subsidiary abroad is another entity).
    LegalForm { external: usize },
    /// The evidence is weaker than `high` asks (a fuzzy name, a shared
    /// domain).
    Weak,
}

const TENANT_SCORE: f64 = 1.0;
const LINK_SCORE: f64 = 0.99;
/// One domain the org and the record share, and no other record has.
const DOMAIN_SCORE: f64 = 0.93;
/// A domain several records share: a person chooses.
const SHARED_DOMAIN_SCORE: f64 = 0.75;
/// A domain alone, on a record whose name shares no word with the org's:
/// evidence that can be claimed (any record may carry any website), so
/// below a good name and never `high`.
const DOMAIN_ONLY_SCORE: f64 = 0.78;
/// A domain and a name both: above either alone.
const COMBINED_BONUS: f64 = 0.03;
const COMBINED_CAP: f64 = 0.985;
const EXACT_SCORE: f64 = 0.98;
const NORMALIZED_SCORE: f64 = 0.97;
/// A fuzzy score never reaches a normalized name's.
const FUZZY_CAP: f64 = 0.95;
/// Score of one name being the other's acronym ("IBM"): review it.
const ACRONYM_SCORE: f64 = 0.7;
/// Score of the one external name that starts with the whole org name, or
/// is the start of it ("Bayer" and "Bayer AG NA", "HSBC" and "HSBC
/// Holdings"), when no other external name does.
const PREFIX_SCORE: f64 = 0.9;
/// Below this a pair is not worth showing.
const MIN_SCORE: f64 = 0.4;
/// Candidates kept per MSP org after scoring.
const KEPT_PER_ORG: usize = 5;
/// A runner-up closer than this is a near tie: never `high`.
const NEAR_TIE: f64 = 0.03;
/// A fuzzy proposal is `high` from this score, with this margin.
const FUZZY_HIGH: f64 = 0.8;
const FUZZY_HIGH_MARGIN: f64 = 0.2;
const MEDIUM: f64 = 0.6;

/// A scored pair before the assignment.
#[derive(Debug, Clone, Copy)]
struct Pair {
    org: u32,
    external: u32,
    score: f64,
    reason: Reason,
}

/// The external side, indexed once: the proposals for many orgs, or the
/// ranked candidates of one.
pub(crate) struct Matcher<'a> {
    index: Index,
    evidence: Evidence<'a>,
    /// Each external name up to case and spaces (for near spellings).
    exact: Vec<String>,
    /// Each external org's id (a rejection names it).
    ids: Vec<&'a str>,
}

impl<'a> Matcher<'a> {
    /// `externals` leaves out external orgs already mapped or ignored.
    pub(crate) fn new(externals: &[ExternalSide<'a>]) -> Self {
        Matcher {
            index: Index::new(externals.iter().map(|e| e.name)),
            evidence: Evidence::new(externals),
            exact: externals.iter().map(|e| exact_key(e.name)).collect(),
            ids: externals.iter().map(|e| e.id).collect(),
        }
    }

    /// The candidates of one org, best first: (external position, score,
    /// reason), at most `limit`.
    pub(crate) fn ranked(&self, org: &OrgSide, limit: usize) -> Vec<(usize, f64, Reason)> {
        let mut scored = score_org(&self.index, &self.evidence, org);
        // A person's "no" stands: a rejected record is never a candidate.
        if !org.rejected.is_empty() {
            scored.retain(|(e, _, _)| !org.rejected.contains(&self.ids[*e as usize]));
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.truncate(limit);
        scored
            .into_iter()
            .map(|(e, s, r)| (e as usize, s, r))
            .collect()
    }
}

/// The proposals for `orgs` among `externals` (the caller leaves out
/// external orgs already mapped or ignored), in org order.
pub fn suggest(orgs: &[OrgSide], externals: &[ExternalSide]) -> Vec<Proposal> {
    assign(&Matcher::new(externals), orgs)
}

/// The proposals for `orgs` among the matcher's external orgs, in org order.
pub(crate) fn assign(matcher: &Matcher, orgs: &[OrgSide]) -> Vec<Proposal> {
    let mut pairs = Vec::new();
    for (o, org) in orgs.iter().enumerate() {
        pairs.extend(
            matcher
                .ranked(org, KEPT_PER_ORG)
                .into_iter()
                .map(|(e, score, reason)| Pair {
                    org: o as u32,
                    external: e as u32,
                    score,
                    reason,
                }),
        );
    }
    let assigned = assignment::stable(&pairs, |p| (p.org, p.external, p.score));
    let mut of_org: HashMap<u32, Vec<(u32, f64, Reason)>> = HashMap::new();
    let mut of_external: HashMap<u32, Vec<(u32, f64, Reason)>> = HashMap::new();
    for p in &pairs {
        of_org
            .entry(p.org)
            .or_default()
            .push((p.external, p.score, p.reason));
        of_external
            .entry(p.external)
            .or_default()
            .push((p.org, p.score, p.reason));
    }
    let mut out: Vec<Proposal> = assigned
        .into_iter()
        .map(|i| {
            let p = pairs[i];
            // Against identity, only other identity counts: a tenant id
            // outweighs any name, however alike.
            let runner_up = |list: Option<&Vec<(u32, f64, Reason)>>, except: u32| {
                list.into_iter()
                    .flatten()
                    .filter(|(other, _, r)| {
                        *other != except && (!p.reason.is_identity() || r.is_identity())
                    })
                    .map(|(other, s, _)| (*s, *other))
                    .fold((0.0_f64, None), |best, (s, other)| {
                        if s > best.0 { (s, Some(other)) } else { best }
                    })
            };
            let (record_best, record) = runner_up(of_org.get(&p.org), p.external);
            let (org_best, org) = runner_up(of_external.get(&p.external), p.org);
            let runner_up = record_best.max(org_best);
            let mut confidence = confidence(p.reason, p.score, p.score - runner_up);
            let mut caveat = None;
            if p.score - runner_up < NEAR_TIE {
                caveat = if record_best >= org_best {
                    record.map(|e| Caveat::RecordNearTie {
                        external: e as usize,
                    })
                } else {
                    org.map(|o| Caveat::OrgNearTie { org: o as usize })
                };
            }
            let by_name = matches!(
                p.reason,
                Reason::ExactName | Reason::NormalizedName | Reason::Fuzzy
            );
            // A name is no proof against a duplicate record, nor when the
            // org's domain points at another record: the evidence disagrees.
            let domain_elsewhere = || {
                of_org
                    .get(&p.org)
                    .into_iter()
                    .flatten()
                    .find(|(other, _, r)| *other != p.external && *r == Reason::Domain)
                    .map(|(other, _, _)| *other)
            };
            if by_name && confidence == Confidence::High {
                let disagrees = match matcher.duplicate_of(p.external) {
                    Some(d) => Some(Caveat::Duplicate {
                        external: d as usize,
                    }),
                    None => domain_elsewhere()
                        .map(|e| Caveat::DomainElsewhere {
                            external: e as usize,
                        })
                        .or_else(|| {
                            names_disagree(matcher, &orgs[p.org as usize], p.external, || {
                                of_org
                                    .get(&p.org)
                                    .into_iter()
                                    .flatten()
                                    .filter(|(other, _, _)| *other != p.external)
                                    .map(|(other, s, _)| (*other, *s))
                                    .collect()
                            })
                        }),
                };
                if disagrees.is_some() {
                    confidence = Confidence::Medium;
                    caveat = disagrees;
                } else if disagree::dated(&orgs[p.org as usize])
                    || p.reason == Reason::Fuzzy
                        && (disagree::only_short_words_shared(
                            matcher,
                            &orgs[p.org as usize],
                            p.external,
                        ) || disagree::two_words_more(
                            matcher,
                            &orgs[p.org as usize],
                            p.external,
                        ))
                {
                    confidence = Confidence::Medium;
                }
            }
            if confidence != Confidence::High && caveat.is_none() {
                caveat = Some(Caveat::Weak);
            }
            Proposal {
                org: p.org as usize,
                external: p.external as usize,
                score: (p.score * 100.0).round() / 100.0,
                confidence,
                reason: p.reason,
                margin: p.score - runner_up,
                caveat,
            }
        })
        .collect();
    out.sort_by_key(|p| p.org);
    out
}

fn confidence(reason: Reason, score: f64, margin: f64) -> Confidence {
    if margin < NEAR_TIE {
        return if score >= MEDIUM {
            Confidence::Medium
        } else {
            Confidence::Low
        };
    }
    match reason {
        Reason::TenantId | Reason::Link | Reason::ExactName | Reason::NormalizedName => {
            Confidence::High
        }
        Reason::Domain if score >= DOMAIN_SCORE => Confidence::High,
        Reason::Domain => Confidence::Medium,
        Reason::Fuzzy if score >= FUZZY_HIGH && margin >= FUZZY_HIGH_MARGIN => Confidence::High,
        Reason::Fuzzy if score >= MEDIUM => Confidence::Medium,
        Reason::Fuzzy => Confidence::Low,
    }
}

/// Every candidate of one org with its best evidence.
fn score_org(index: &Index, evidence: &Evidence, org: &OrgSide) -> Vec<(u32, f64, Reason)> {
    let mut best: HashMap<u32, (f64, Reason)> = HashMap::new();
    let mut offer = |e: u32, score: f64, reason: Reason| {
        let entry = best.entry(e).or_insert((score, reason));
        if score > entry.0 {
            *entry = (score, reason);
        }
    };
    if let Some(t) = org.tenant_id.filter(|t| !t.trim().is_empty()) {
        for &e in evidence
            .by_tenant
            .get(&t.to_lowercase())
            .into_iter()
            .flatten()
        {
            offer(e, TENANT_SCORE, Reason::TenantId);
        }
    }
    for held in &org.held {
        for &e in evidence.by_link.get(held).into_iter().flatten() {
            offer(e, LINK_SCORE, Reason::Link);
        }
    }
    let mut by_domain: HashMap<u32, f64> = HashMap::new();
    for d in &org.domains {
        let Some(records) = evidence.by_domain.get(d) else {
            continue;
        };
        let score = if records.len() == 1 {
            DOMAIN_SCORE
        } else {
            SHARED_DOMAIN_SCORE
        };
        for &e in records {
            let s = by_domain.entry(e).or_insert(score);
            *s = s.max(score);
        }
    }
    for &e in evidence
        .by_exact
        .get(&exact_key(org.name))
        .into_iter()
        .flatten()
    {
        offer(e, EXACT_SCORE, Reason::ExactName);
    }
    let name = Normalized::new(org.name);
    // A domain on a record whose name shares no word with the org's: it
    // could be claimed by anyone, so it never beats a name nor is `high`.
    for (e, score) in by_domain.iter_mut() {
        if !shares_a_word(&name, &index.names[*e as usize]) {
            *score = score.min(DOMAIN_ONLY_SCORE);
        }
    }
    if name.tokens.is_empty() {
        return with_domains(best, by_domain);
    }
    for e in index.same_normalized(&name) {
        offer(e, NORMALIZED_SCORE, Reason::NormalizedName);
    }
    let terms = index.terms(&name);
    // A misspelled word may be another company's name ("Palantir",
    // "Palatin"): a person looks at those.
    let cap = if terms.iter().all(|t| t.credit == 1.0) {
        FUZZY_CAP
    } else {
        FUZZY_HIGH - 0.01
    };
    let sole_prefix = index.sole_prefix_match(&name);
    for e in index.candidates(&name, &terms) {
        let mut score = index.similarity(&terms, e).min(cap);
        if index.is_acronym_pair(&name, e) {
            score = score.max(ACRONYM_SCORE);
        }
        if sole_prefix == Some(e) {
            score = score.max(PREFIX_SCORE.min(cap));
        }
        if score >= MIN_SCORE {
            offer(e, score, Reason::Fuzzy);
        }
    }
    with_domains(best, by_domain)
}

/// Domain evidence joined with the rest: alone it scores its own; with a
/// name it scores above either (tenant ids and links stay above both).
fn with_domains(
    mut best: HashMap<u32, (f64, Reason)>,
    by_domain: HashMap<u32, f64>,
) -> Vec<(u32, f64, Reason)> {
    for (e, d) in by_domain {
        match best.get_mut(&e) {
            Some((_, r)) if r.is_identity() => {}
            Some((s, r)) => {
                *s = (s.max(d) + COMBINED_BONUS).min(COMBINED_CAP);
                *r = Reason::Domain;
            }
            None => {
                best.insert(e, (d, Reason::Domain));
            }
        }
    }
    best.into_iter().map(|(e, (s, r))| (e, s, r)).collect()
}

#[cfg(test)]
mod tests;
