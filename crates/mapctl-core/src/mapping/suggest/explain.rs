//! `suggest <integration> --explain <org>` (contract §7): every candidate
//! the matcher considers for one org, with its evidence, score and
//! confidence, and why it was not proposed or not `high`; and how many
//! records were never candidates (they share nothing with the org).

use std::collections::HashSet;

use serde::Serialize;

use super::{
    Discovered, ExternalSide, Matcher, OrgSide, RecordDomains, Snapshot, Suggestions, domains_of,
    links_of, org_domains, tenant_of,
};
use crate::matching::{Confidence, Reason};
use crate::model::Org;

/// Candidates shown, best first.
const SHOWN: usize = 10;

#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub org: String,
    pub org_name: String,
    pub integration: String,
    /// External ids the org is mapped to there already.
    pub mapped_to: Vec<String>,
    /// The org does not use the integration (`mapctl exclude`).
    pub excluded: bool,
    pub candidates: Vec<ExplainedCandidate>,
    /// Records never considered: they share no word, id or domain with
    /// the org.
    pub never_candidates: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExplainedCandidate {
    pub external_org_id: String,
    pub external_org_name: String,
    pub score: f64,
    pub reason: Reason,
    /// Proposed for this org.
    pub proposed: bool,
    /// Its confidence, when proposed for this org.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// Why it was not proposed, or is not `high`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// The explanation for `org`, from the proposals of its integration
/// (`found`, made from the same discovery and snapshot) and every record
/// of the discovery, mapped and ignored ones included.
pub(crate) fn explain(
    found: &Suggestions,
    all: &[Discovered],
    snapshot: &Snapshot,
    records: &RecordDomains,
    org: &Org,
) -> Explanation {
    let integration = found.integration.as_str();
    let mapped_to: Vec<String> = snapshot
        .active
        .iter()
        .filter(|m| m.org_id == org.org_id && m.integration_name == integration)
        .map(|m| m.external_org_id.to_string())
        .collect();
    let ignored = snapshot.ignored.get(integration);
    let rejected = snapshot.decisions.rejected_for(&org.org_id, integration);
    // The org as the matcher sees it, over every record (nothing left out
    // yet: the reasons a record was left out are part of the answer).
    let held: Vec<(&str, &str)> = snapshot
        .active
        .iter()
        .filter(|m| m.org_id == org.org_id && m.integration_name != integration)
        .map(|m| (m.integration_name.as_str(), m.external_org_id.as_str()))
        .collect();
    let one = [std::sync::Arc::new(org.clone())];
    let domains = org_domains(&one, &snapshot.active, integration, records);
    let side = OrgSide {
        name: &org.name,
        tenant_id: org.tenant_id.as_deref(),
        held,
        domains: domains
            .get(org.org_id.as_str())
            .map(|d| d.iter().map(String::as_str).collect())
            .unwrap_or_default(),
        rejected: Vec::new(),
    };
    let links: Vec<Vec<(String, String)>> = all.iter().map(|d| links_of(&d.metadata)).collect();
    let record_domains: Vec<Vec<String>> = all.iter().map(|d| domains_of(&d.metadata)).collect();
    let externals: Vec<ExternalSide> = all
        .iter()
        .zip(&links)
        .zip(&record_domains)
        .map(|((d, links), domains)| ExternalSide {
            id: &d.id,
            name: &d.name,
            tenant_id: tenant_of(&d.metadata),
            links: links
                .iter()
                .map(|(i, id)| (i.as_str(), id.as_str()))
                .collect(),
            domains: domains.iter().map(String::as_str).collect(),
        })
        .collect();
    let matcher = Matcher::new(&externals);
    let ranked = matcher.ranked(&side, usize::MAX);
    let never_candidates = all.len() - ranked.len();
    let mine = found.list.iter().find(|s| s.org == org.org_id);
    let others: Vec<(&str, &str)> = found
        .list
        .iter()
        .filter(|s| s.org != org.org_id)
        .map(|s| (s.external_org_id.as_str(), s.org_name.as_str()))
        .collect();
    let excluded = snapshot.decisions.is_excluded(&org.org_id, integration);
    let mut seen = HashSet::new();
    let candidates = ranked
        .into_iter()
        .filter(|(e, _, _)| seen.insert(all[*e].id.clone()))
        .take(SHOWN)
        .map(|(e, score, reason)| {
            let d = &all[e];
            let proposed = mine.filter(|s| s.external_org_id.as_str() == d.id);
            let why = if excluded {
                Some("the org is excluded from this integration (mapctl include)".to_owned())
            } else if let Some(s) = proposed {
                s.why.as_ref().map(|w| w.words(s.reason))
            } else if !d.mapped_names.is_empty() {
                Some(format!("mapped to {}", d.mapped_names.join(", ")))
            } else if ignored.is_some_and(|i| i.contains(&d.id)) {
                Some("ignored (not a customer)".to_owned())
            } else if rejected.is_some_and(|r| r.contains(&d.id)) {
                Some("rejected for this org (mapctl unreject takes it back)".to_owned())
            } else if let Some((_, other)) = others.iter().find(|(id, _)| *id == d.id) {
                Some(format!("proposed for {other}, whom it fits better"))
            } else if let Some(s) = mine {
                Some(format!(
                    "{} ({}) fits better",
                    s.external_org_name, s.external_org_id
                ))
            } else if !mapped_to.is_empty() {
                Some("the org is mapped there already".to_owned())
            } else {
                Some("below what is proposed".to_owned())
            };
            ExplainedCandidate {
                external_org_id: d.id.clone(),
                external_org_name: d.name.clone(),
                score: (score * 100.0).round() / 100.0,
                reason,
                proposed: proposed.is_some(),
                confidence: proposed.map(|s| s.confidence),
                why,
            }
        })
        .collect();
    Explanation {
        org: org.org_id.to_string(),
        org_name: org.name.clone(),
        integration: integration.to_owned(),
        mapped_to,
        excluded,
        candidates,
        never_candidates,
    }
}
